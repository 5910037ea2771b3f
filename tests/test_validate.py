"""SHACL validation: the build's own export conforms; a broken file gets a report and exit 1."""

from __future__ import annotations

from click.testing import CliRunner

from cli import main

BROKEN = """
@prefix pkg: <https://w3id.org/paperkg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/paperkg/resource/paper/p1> a pkg:Paper ;
    dcterms:title "One", "Two" ;
    pkg:evaluatesOn <https://w3id.org/paperkg/resource/entity/nothing> .
<https://w3id.org/paperkg/resource/entity/gsm8k> a pkg:Benchmark .
"""


def test_the_builds_own_export_conforms(built):
    result = CliRunner().invoke(main, ["validate", str(built / "graph.ttl")])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_a_broken_file_gets_a_report_and_exit_1(tmp_path):
    path = tmp_path / "broken.ttl"
    path.write_text(BROKEN, encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert "violation(s) of the paperkg shapes" in result.output
    for problem in ("dcterms:abstract", "dcterms:title", "rdfs:label"):
        assert problem.split(":")[1] in result.output


def test_a_file_that_is_not_rdf_is_bad_input(tmp_path):
    path = tmp_path / "x.ttl"
    path.write_text("this is not turtle", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2
    assert "not valid turtle" in result.output
