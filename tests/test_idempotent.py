"""Idempotent: the same sources give the same graph triple for triple, in any order, and one paper met twice is one paper."""

from __future__ import annotations

import json
from pathlib import Path

import rdflib
from rdflib.compare import to_isomorphic

from graph.build import build, build_from_sources
from graph.rdf import to_rdf
from graph.readers import read_sources

PAL_TITLE = "PAL: Program-aided Language Models"
NOT_COMPARED = ("store", "store.stamp", "store.sha256", ".cache")
"""The store's own files and its stamp (which holds graph.ttl's modification time) are not outputs to compare byte for byte."""


def outputs(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.relative_to(folder).parts[0] not in NOT_COMPARED
    }


def test_two_builds_of_the_same_sources_write_the_same_bytes(tmp_path, small_corpus):
    build([small_corpus], tmp_path / "one")
    build([small_corpus], tmp_path / "two")
    first, second = outputs(tmp_path / "one"), outputs(tmp_path / "two")
    assert sorted(first) == sorted(second) and "graph.ttl" in first and "index.html" in first
    assert [name for name in first if first[name] != second[name]] == []


def test_building_again_over_a_build_changes_nothing(tmp_path, small_corpus):
    out = tmp_path / "out"
    build([small_corpus], out)
    before = outputs(out)
    build([small_corpus], out)
    assert outputs(out) == before


def write_pal_in_three_files(folder: Path, pal: dict) -> list[Path]:
    """PAL as a plain record, as a BibTeX entry with its arXiv id, and as an arXiv listing record."""
    plain = folder / "plain.jsonl"
    plain.write_text(json.dumps({"title": pal["title"], "abstract": pal["abstract"]}) + "\n", encoding="utf-8")
    bib = folder / "refs.bib"
    bib.write_text(
        "@article{gao2022pal,\n  title = {{PAL}: Program-aided Language Models},\n"
        f"  abstract = {{{pal['abstract']}}},\n  eprint = {{2211.10435}},\n  archivePrefix = {{arXiv}},\n  year = {{2022}}\n}}\n",
        encoding="utf-8",
    )
    listing = folder / "listing.jsonl"
    listing.write_text(json.dumps({"id": "2211.10435v2", "title": pal["title"], "summary": pal["abstract"], "categories": ["cs.CL"],
                                   "abs": "https://arxiv.org/abs/2211.10435", "authors": ["Luyu Gao"]}) + "\n", encoding="utf-8")
    return [plain, bib, listing]


def knowledge(graph) -> tuple[list, list]:
    """What a graph says about papers and entities, without provenance: its nodes and its typed links."""
    nodes = sorted((n, d.get("kind"), d.get("type"), d.get("label")) for n, d in graph.nodes(data=True))
    edges = sorted((u, v, d.get("role") or d.get("relation") or "") for u, v, d in graph.edges(data=True))
    return nodes, edges


def test_one_paper_in_three_files_is_one_paper_whatever_the_order(tmp_path, small_corpus):
    pal = next(json.loads(line) for line in small_corpus.read_text("utf-8").splitlines() if PAL_TITLE in line)
    files = write_pal_in_three_files(tmp_path, pal)
    seen = []
    for order in (files, files[::-1], [files[1], files[0], files[2]], files + files):
        report = read_sources(order)
        assert [p.title for p in report.papers] == [PAL_TITLE]
        assert report.papers[0].key == "arxiv-2211.10435"
        assert {s.path for s in report.papers[0].sources} == {str(f) for f in files}
        seen.append(knowledge(build_from_sources(order)[0]))
    assert all(other == seen[0] for other in seen[1:]), "the same entities and links in any order"
    # Triple for triple, the order decides only which record's text is the paper's (the first met):
    # the BibTeX entry's TeX quotes '' read as ”, which moves later mention offsets by one.
    assert set(to_rdf(build_from_sources(files)[0])) == set(to_rdf(build_from_sources(files)[0]))


def test_a_file_of_papers_already_read_adds_only_where_they_were_read(tmp_path, small_corpus):
    lines = small_corpus.read_text("utf-8").splitlines()
    again = tmp_path / "again.jsonl"
    again.write_text("\n".join(lines[2:4] + lines[2:3]) + "\n", encoding="utf-8")
    alone = to_rdf(build_from_sources([small_corpus])[0])
    assert set(to_rdf(build_from_sources([small_corpus, small_corpus])[0])) == set(alone)
    together = to_rdf(build_from_sources([small_corpus, again])[0])
    paper = rdflib.URIRef("https://w3id.org/paperkg/ontology#Paper")
    assert len(set(together.subjects(rdflib.RDF.type, paper))) == 6
    assert set(alone) <= set(together)
    extra = set(together) - set(alone)
    assert extra and all("again.jsonl" in str(s) + str(o) for s, _, o in extra), "only records of again.jsonl are new"


def test_the_written_turtle_parses_back_to_the_same_triples(tmp_path, small_corpus):
    build([small_corpus], tmp_path / "out", html=False)
    written = rdflib.Graph().parse(tmp_path / "out" / "graph.ttl")
    assert to_isomorphic(written) == to_isomorphic(to_rdf(build_from_sources([small_corpus])[0]))
