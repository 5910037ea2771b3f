"""Saved queries: a name in any spelling finds its entity through pkg:nameKey, and the header declares which parameters are names."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli import main
from graph.errors import QueryError
from graph.query import open_store, run_query, saved_queries


def saved(built, name: str, **params: str) -> list[dict]:
    args = [arg for key, value in params.items() for arg in ("--param", f"{key}={value}")]
    result = CliRunner().invoke(main, ["sparql", name, *args, "--graph", str(built), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize(
    ("query", "param", "written", "spelt"),
    [
        ("evidence", "entity", "HumanEval+", "humaneval-PLUS"),
        ("evidence", "entity", "SeND", "Sensitive Neuron Dropout"),
        ("co-mentioned", "entity", "GSM8K", "gsm 8k"),
        ("papers-evaluating-on", "benchmark", "BIG-Bench Hard", "bigbench_hard"),
        ("models-by-organization", "organization", "OpenAI", "Open AI"),
        ("methods-for-topic", "topic", "code generation", "Code-Generation"),
    ],
)
def test_a_name_in_another_spelling_finds_the_same_rows(built, query, param, written, spelt):
    rows = saved(built, query, **{param: written})
    assert rows and saved(built, query, **{param: spelt}) == rows


def test_a_leaderboard_ranks_the_lowest_first_where_lower_is_better(tmp_path):
    from graph.build import build

    corpus = tmp_path / "fid.jsonl"
    corpus.write_text("\n".join(json.dumps(p) for p in [
        {"id": "a", "title": "DiffA: Fast Diffusion", "abstract": "DiffA achieves an FID of 2.43 on CIFAR-10 and 81.2% accuracy on ImageNet."},
        {"id": "b", "title": "DiffB: Faster Diffusion", "abstract": "DiffB achieves an FID of 1.91 on CIFAR-10 and 84.5% accuracy on ImageNet."},
    ]) + "\n", encoding="utf-8")
    build([corpus], tmp_path / "out", html=False)
    assert [(r["system"], r["value"]) for r in saved(tmp_path / "out", "leaderboard", benchmark="CIFAR-10")] == [
        ("DiffB", "1.91"), ("DiffA", "2.43"),
    ]
    assert [r["system"] for r in saved(tmp_path / "out", "leaderboard", benchmark="ImageNet")] == ["DiffB", "DiffA"]


def test_different_names_keep_different_keys(built):
    plus = saved(built, "evidence", entity="HumanEval+")
    assert plus and {row["surface"] for row in plus} <= {"HumanEval+", "HumanEval Plus", "HumanEval-Plus"}
    assert saved(built, "evidence", entity="HumanEval") == []


def test_methods_for_topic_follows_the_task_link(built):
    assert saved(built, "methods-for-topic", topic="code generation") == [
        {"method": "PLANSEARCH", "type": "Method", "title": "Planning In Natural Language Improves LLM Search For Code Generation"}
    ]
    assert saved(built, "methods-for-topic", topic="planning search") == []


def test_every_entity_carries_the_keys_of_its_names(built):
    from graph.names import name_key

    store = open_store(built)
    _, rows = run_query(store, """SELECT ?e ?label (GROUP_CONCAT(?alias; separator="\\u0001") AS ?aliases) WHERE {
        ?e skos:prefLabel ?label . OPTIONAL { ?e skos:altLabel ?alias } } GROUP BY ?e ?label""")
    _, keyed = run_query(store, "SELECT ?e ?key WHERE { ?e pkg:nameKey ?key }")
    keys: dict[str, set[str]] = {}
    for entity, key in keyed:
        keys.setdefault(entity, set()).add(key)
    assert rows
    for entity, label, aliases in rows:
        names = [label, *(aliases.split("\u0001") if aliases else [])]
        assert keys.get(entity) == {name_key(name) for name in names} - {""}, label


def test_name_parameters_are_bound_as_their_key():
    evidence = saved_queries()["evidence"]
    assert evidence.kinds == {"entity": "name"}
    assert evidence.bindings({"entity": "LLaMA-2"}) == {"entity": "llama2"}
    assert all(kind == "name" for query in saved_queries().values() for kind in query.kinds.values())


def test_a_parameter_without_a_kind_is_bound_as_written(tmp_path):
    (tmp_path / "by-title.rq").write_text("# Papers by title.\n# param: title  the exact title\nSELECT ?title ?p WHERE { ?p dcterms:title ?title }\n")
    query = saved_queries(tmp_path)["by-title"]
    assert query.params == {"title": "the exact title"} and query.bindings({"title": "LLaMA-2"}) == {"title": "LLaMA-2"}


def test_an_unknown_parameter_kind_is_refused(tmp_path):
    (tmp_path / "odd.rq").write_text("# Odd.\n# param: x:colour  a colour\nSELECT ?x WHERE { }\n")
    with pytest.raises(QueryError, match=r"odd\.rq: parameter 'x' has an unknown kind 'colour'; kinds: text, name"):
        saved_queries(tmp_path)


COUNTED_BY_TYPE = """SELECT ?type (COUNT(DISTINCT ?entity) AS ?entities) (COUNT(DISTINCT ?paper) AS ?papers) WHERE {
  ?entity a ?class .
  VALUES (?class ?type) {
    (pkg:Method "Method") (pkg:Model "Model") (pkg:Benchmark "Benchmark") (pkg:Dataset "Dataset")
    (pkg:Organization "Organization") (pkg:Hardware "Hardware") (pkg:Metric "Metric") (pkg:Task "Task")
  }
  OPTIONAL { ?paper pkg:proposes|pkg:evaluatesOn|pkg:uses ?entity }
}
GROUP BY ?type"""
"""What entities-by-type counted at query time before it read the counts made at build time."""


def test_every_entity_carries_the_number_of_its_papers(built):
    store = open_store(built)
    _, counted = run_query(store, """SELECT ?e (COUNT(DISTINCT ?paper) AS ?n) WHERE {
        ?e skos:prefLabel [] . OPTIONAL { ?paper pkg:proposes|pkg:evaluatesOn|pkg:uses ?e } } GROUP BY ?e""")
    _, stored = run_query(store, "SELECT ?e ?n WHERE { ?e skos:prefLabel [] ; pkg:paperCount ?n } GROUP BY ?e ?n")
    assert dict(stored) == dict(counted)
    assert len(stored) == len(counted) and {n for _, n in stored} > {"0", "1"}  # one count each; some entity in two papers


def test_entities_by_type_reads_the_same_counts_a_query_would_make(built):
    rows = saved(built, "entities-by-type")
    _, counted = run_query(open_store(built), COUNTED_BY_TYPE)
    assert sorted(tuple(row.values()) for row in rows) == sorted(map(tuple, counted))
    assert [int(row["entities"]) for row in rows] == sorted((int(row["entities"]) for row in rows), reverse=True)
    # A paper naming two models counts once for Model: the type's papers are not the sum of its entities'.
    _, summed = run_query(open_store(built), "SELECT ?type (SUM(?n) AS ?sum) WHERE { ?e a ?c ; pkg:paperCount ?n BIND(STRAFTER(STR(?c), '#') AS ?type) } GROUP BY ?type")
    assert any(int(dict(summed)[row["type"]]) > int(row["papers"]) for row in rows)
