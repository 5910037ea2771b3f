"""The curated knowledge base is consistent: valid rows, unique names, no shared aliases, links that resolve."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from graph.kb import KB_DIR, load_kb
from graph.names import name_key
from graph.records import ENTITY_TYPES

FILES = {
    "models.jsonl": "Model", "benchmarks.jsonl": "Benchmark", "datasets.jsonl": "Dataset", "methods.jsonl": "Method",
    "organizations.jsonl": "Organization", "hardware.jsonl": "Hardware", "metrics.jsonl": "Metric",
}
KEYS = {"name", "type", "aliases", "variant_of", "developed_by", "wikidata", "also_types"}
OPTIONAL = {"case_sensitive", "case_sensitive_aliases", "ambiguous", "lower_is_better"}


@pytest.fixture(scope="module")
def rows():
    found = []
    for file, entity_type in FILES.items():
        for number, line in enumerate((KB_DIR / file).read_text(encoding="utf-8").splitlines(), start=1):
            row = json.loads(line)
            row["_where"] = f"{file}:{number}"
            row["_file_type"] = entity_type
            found.append(row)
    return found


def test_rows_have_the_schema(rows):
    for row in rows:
        assert KEYS <= set(row) <= KEYS | OPTIONAL | {"_where", "_file_type"}, row["_where"]
        assert row["type"] == row["_file_type"], row["_where"]
        assert set(row["also_types"]) <= set(ENTITY_TYPES) - {row["type"]}, row["_where"]
        assert row["wikidata"] is None or (row["wikidata"][0] == "Q" and row["wikidata"][1:].isdigit()), row["_where"]


def test_only_metrics_say_that_lower_is_better(rows):
    lower = {row["name"] for row in rows if row.get("lower_is_better")}
    assert {"FID", "perplexity", "WER", "mean absolute error"} <= lower and not {"BLEU", "pass@1", "accuracy"} & lower
    assert all(row["type"] == "Metric" for row in rows if row.get("lower_is_better"))


def test_names_are_unique_and_links_resolve(rows):
    names = [row["name"] for row in rows]
    assert len({n.casefold() for n in names}) == len(names)
    organizations = {row["name"] for row in rows if row["type"] == "Organization"}
    for row in rows:
        assert row["variant_of"] is None or row["variant_of"] in names, row["_where"]
        assert row["developed_by"] is None or row["developed_by"] in organizations, row["_where"]


def test_no_spelling_names_two_entities(rows):
    owners = defaultdict(set)
    for row in rows:
        for spelling in {row["name"], *row["aliases"]}:
            exact = row.get("case_sensitive") or spelling in row.get("case_sensitive_aliases", ())
            owners[(name_key(spelling), spelling if exact else None)].add(row["name"])
    shared = {key: names for key, names in owners.items() if len(names) > 1}
    loose = {key for key in owners if key[1] is None}
    clashes = {key: names for key, names in shared.items()}
    for key, names in owners.items():
        if key[1] is not None and (key[0], None) in loose and owners[(key[0], None)] - names:
            clashes[key] = names | owners[(key[0], None)]
    assert not clashes


def test_generic_terms_and_topics_never_name_an_entity():
    kb = load_kb()
    for term in (KB_DIR / "generic.txt").read_text(encoding="utf-8").splitlines():
        if term.strip() and not term.startswith("#"):
            assert not kb.lookup(term), term
    assert len(kb.entries) > 2000 and len(kb.topics) > 200
