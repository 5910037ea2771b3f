"""Every command through click's CliRunner: exit codes, messages, formats."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from cli import main

COMMANDS = ["build", "neighbours", "sparql", "stats", "eval", "html", "export", "validate", "serve", "push"]


@pytest.fixture
def runner():
    return CliRunner()


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(runner, command):
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage: main " + command in result.output or f"Usage: paperkg {command}" in result.output


def test_build_prints_a_summary(runner, small_corpus, tmp_path):
    result = runner.invoke(main, ["build", str(small_corpus), "--out", str(tmp_path / "g"), "--no-html"])
    assert result.exit_code == 0, result.output
    assert "6 papers from 6 records" in result.output
    assert "Entities:" in result.output and "Links:" in result.output and "Results:  1 stated score on 1 benchmark\n" in result.output
    assert (tmp_path / "g" / "graph.ttl").exists()


def test_build_of_a_missing_source_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(main, ["build", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "g")])
    assert result.exit_code == 2
    assert "nope.jsonl: no such file or folder" in result.output
    assert "Traceback" not in result.output


def test_neighbours_is_case_and_spelling_tolerant(runner, built):
    for name in ("gsm8k", "GSM-8K", "GSM8K"):
        result = runner.invoke(main, ["neighbours", name, "--graph", str(built)])
        assert result.exit_code == 0, result.output
        assert result.output.startswith("GSM8K [")
        assert "PAL: Program-aided Language Models" in result.output


def test_neighbours_lists_the_scores_stated_on_a_benchmark(runner, built):
    result = runner.invoke(main, ["neighbours", "LiveCodeBench", "--graph", str(built), "--depth", "1"])
    assert "stated results (1):\n  PLANSEARCH: pass@200 0.77 on LiveCodeBench  (Planning In Natural Language" in result.output


def test_neighbours_json(runner, built):
    result = runner.invoke(main, ["neighbours", "GSM8K", "--graph", str(built), "--json", "--depth", "1"])
    data = json.loads(result.output)
    assert data["label"] == "GSM8K"
    assert {n["kind"] for n in data["neighbours"]} >= {"paper"}
    assert all(n["distance"] == 1 for n in data["neighbours"])


def test_neighbours_suggests_close_names_and_exits_1(runner, built):
    result = runner.invoke(main, ["neighbours", "GSM8", "--graph", str(built)])
    assert result.exit_code == 1
    assert "nothing named 'GSM8'" in result.output
    assert "Did you mean: " in result.output and "GSM8K" in result.output


def test_commands_without_a_graph_say_how_to_build_one(runner, tmp_path):
    for command in (["neighbours", "x"], ["stats"], ["sparql", "ASK {}"]):
        result = runner.invoke(main, [*command, "--graph", str(tmp_path)])
        assert result.exit_code == 2
        assert "run `paperkg build" in result.output


def test_sparql_answers_from_the_built_graph(runner, built):
    query = "SELECT ?title WHERE { ?p pkg:evaluatesOn ?b . ?b rdfs:label 'GSM8K' . ?p dcterms:title ?title }"
    result = runner.invoke(main, ["sparql", query, "--graph", str(built), "--format", "json"])
    assert result.exit_code == 0, result.output
    titles = [row["title"] for row in json.loads(result.output)]
    assert "PAL: Program-aided Language Models" in titles


def test_sparql_from_a_file_as_csv(runner, built, tmp_path):
    query = tmp_path / "count.rq"
    query.write_text("SELECT (COUNT(?p) AS ?n) WHERE { ?p a pkg:Paper }", encoding="utf-8")
    result = runner.invoke(main, ["sparql", str(query), "--graph", str(built), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["n", "6"]


def test_sparql_file_with_declared_name_parameter(runner, built, tmp_path):
    query = tmp_path / "on.rq"
    query.write_text("# Papers evaluating on a benchmark.\n# param: b:name  a benchmark\n"
                     "SELECT ?b ?title WHERE { ?e pkg:nameKey ?b . ?p pkg:evaluatesOn ?e ; dcterms:title ?title }",
                     encoding="utf-8")
    result = runner.invoke(main, ["sparql", str(query), "--param", "b=gsm-8k", "--graph", str(built), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "PAL: Program-aided Language Models" in [row["title"] for row in json.loads(result.output)]
    wrong = runner.invoke(main, ["sparql", str(query), "--param", "x=1", "--graph", str(built)])
    assert wrong.exit_code == 2 and "has no parameter x" in wrong.output
    none = runner.invoke(main, ["sparql", "most-used-benchmarks", "--param", "x=1", "--graph", str(built)])
    assert none.exit_code == 2 and "has no parameter x; it takes: none" in none.output


def test_sparql_syntax_error_is_reported(runner, built):
    result = runner.invoke(main, ["sparql", "SELEC ?x WHERE {", "--graph", str(built)])
    assert result.exit_code == 2
    assert "SPARQL syntax error" in result.output


def test_stats(runner, built):
    result = runner.invoke(main, ["stats", "--graph", str(built)])
    assert result.exit_code == 0
    assert "Papers:   6" in result.output and "Results:  1 stated score on 1 benchmark\n" in result.output
    data = json.loads(runner.invoke(main, ["stats", "--graph", str(built), "--json"]).output)
    assert data["papers"] == 6 and data["entities"] and (data["results"], data["result_benchmarks"]) == (1, 1)


def test_eval_prints_scores(runner, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({
        "id": "g1", "title": "PyBench: Evaluating LLM agents",
        "abstract": "We introduce PyBench, a benchmark. GPT-4 scores well on PyBench and GSM8K. GPT-4 reaches 61.5% on GSM8K.",
        "entities": [
            {"name": "PyBench", "type": "Benchmark", "role": "proposes"},
            {"name": "GPT-4", "type": "Model", "role": "uses"},
            {"name": "GSM8K", "type": "Benchmark", "role": "evaluatesOn", "aliases": ["the grade-school set"]},
        ],
        "results": [{"entity": "Llama 2", "benchmark": "the grade-school set", "value": 0.615}],  # by its gold alias
    }) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["eval", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)["scores"]
    assert scores["untyped"]["tp"] == 3 and scores["role proposes"]["tp"] == 1
    assert scores["results"]["tp"] == 1 and (scores["results + system"]["tp"], scores["results + system"]["fp"]) == (0, 1)


def test_eval_against_a_second_annotation_scores_their_agreement(runner, tmp_path):
    paper = {"id": "g1", "title": "PyBench: Evaluating LLM agents", "abstract": "We introduce PyBench. GPT-4 fails on GSM8K."}
    gold, other = tmp_path / "gold.jsonl", tmp_path / "other.jsonl"
    gold.write_text(json.dumps({**paper, "entities": [
        {"name": "PyBench", "type": "Benchmark", "role": "proposes"},
        {"name": "GPT-4", "type": "Model", "role": "uses"},
        {"name": "GSM8K", "type": "Benchmark", "role": "evaluatesOn"},
    ]}) + "\n", encoding="utf-8")
    other.write_text(json.dumps({**paper, "entities": [
        {"name": "PyBench", "type": "Dataset", "role": "proposes"},
        {"name": "GPT-4", "type": "Model", "role": "uses"},
    ]}) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["eval", str(gold), "--against", str(other), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)["scores"]
    assert (scores["untyped"]["tp"], scores["untyped"]["fn"], scores["typed"]["tp"]) == (2, 1, 1)


def test_a_damaged_graph_folder_is_bad_input_not_a_bug(runner, tmp_path):
    (tmp_path / "lookup.sqlite").write_bytes(b"not SQLite at all" * 100)
    (tmp_path / "graph.json").write_text("[1, 2", encoding="utf-8")
    for command in (["neighbours", "x"], ["stats"], ["html"]):
        result = runner.invoke(main, [*command, "--graph", str(tmp_path)])
        assert result.exit_code == 2, result.output
        assert "run `paperkg build SOURCE" in result.output
