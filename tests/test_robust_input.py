"""Bad input gets a clear message and an exit code, never a traceback: every kind of bad file, through the CLI."""

from __future__ import annotations

import codecs
import gzip
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from graph.errors import InputError
from graph.readers import read_sources
from graph.readers.base import join_text, normalise_arxiv_id
from graph.readers.bibtex import looks_like_bibtex
from graph.readers.jsonrecords import read_json, read_json_lines

GOOD = {"title": "PAL: Program-aided Language Models", "abstract": "We evaluate Codex on GSM8K."}
OTHER = {"title": "Toolformer", "abstract": "We teach GPT-J to use tools."}
MB = 1024 * 1024


def jsonl(*records) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


@pytest.fixture
def runner():
    return CliRunner()


def build(runner, tmp_path, *sources, strict=False):
    args = ["build", *map(str, sources), "--out", str(tmp_path / "out"), "--no-html"] + (["--strict"] if strict else [])
    return runner.invoke(main, args)


# What each bad source is, how to make it, and the words its message must have: where, what, what to do.
BAD_SOURCES = {
    "empty file": ("a.jsonl", b"", ["a.jsonl: the file is empty", "expected paper records"]),
    "only blank lines": ("a.jsonl", b"\n  \n\t\n", ["a.jsonl: the file is empty"]),
    "binary data": ("a.jsonl", bytes(range(256)) * 8, ["a.jsonl: binary data, not text", "UTF-8 text"]),
    "a PDF": ("paper.json", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", ["paper.json: a PDF document, not text", "give its title and abstract as text"]),
    "xz-compressed": ("a.jsonl", b"\xfd7zXZ\x00\x00\x04\xe6\xd6\xb4F", ["xz-compressed data", "xz -d"]),
    "Latin-1 text": ("a.jsonl", jsonl(GOOD).encode() + '{"title": "Café", "abstract": "Über"}\n'.encode("latin-1"),
                     ["a.jsonl:2: not UTF-8 text (byte 0xe9 at column 15)", "iconv -f WINDOWS-1252 -t UTF-8"]),
    "UTF-16 without a BOM": ("a.jsonl", jsonl(GOOD).encode("utf-16-le"), ["looks like UTF-16 text without a byte-order mark", "iconv -f UTF-16LE"]),
    "a broken gzip file": ("a.jsonl.gz", gzip.compress(jsonl(GOOD).encode())[:30], ["a.jsonl.gz: not a readable gzip file", "gzip -t"]),
    "malformed JSON lines": ("a.jsonl", b'{"title": "T", "abstract": \n{oops}\n', ["a.jsonl:1: not valid JSON", "a.jsonl:2: not valid JSON", "each line must be one JSON object"]),
    "JSON of the wrong shape": ("a.json", json.dumps({"papers": [GOOD], "total": 1}).encode(),
                                ['a.json:1: expected a paper record with "title" and "abstract"', 'keys "papers", "total"', "jq -c '.papers[]'"]),
    "a JSON number": ("a.json", b"42", ["a.json:1: expected a JSON object with title and abstract, found a number"]),
    "a JSON array of strings": ("a.json", b'["a", "b"]', ["a.json:1: expected a JSON object", "a.json:2: expected a JSON object", "found text"]),
    "an empty JSON array": ("a.json", b"[]", ["a.json: found no paper records in it", "JSON objects with title and abstract"]),
    "JSON nested 100,000 deep": ("a.jsonl", b"[" * 100_000, ["a.jsonl:1: not readable JSON (nested too deeply"]),
    "a 5,000-digit number": ("a.json", b'{"title": "T", "abstract": "A", "id": ' + b"9" * 5000 + b"}", ["a.json:1: not readable JSON", "digits"]),
    "a title that is a number": ("a.jsonl", jsonl({"title": 7, "abstract": "A"}).encode(), ["a.jsonl:1: title is a number, expected text"]),
    "records missing title or abstract": ("a.jsonl", jsonl({"title": "T"}, {"abstract": "A"}, {"title": " ", "summary": ""}).encode(),
                                          ["a.jsonl:1: record has no abstract", "a.jsonl:2: record has no title",
                                           "a.jsonl:3: record has no title and abstract", "every paper needs a title and an abstract"]),
    "a BibTeX entry without abstract": ("refs.bib", b"@article{k1,\n  title = {BERT},\n  year = 2019\n}\n", ["refs.bib:1: entry 'k1': record has no abstract"]),
    "BibTeX with no entries": ("refs.bib", b"% nothing here\n", ["refs.bib: found no paper records in it", "BibTeX entries"]),
    "a page dump title without abstract": ("page.txt", b"A Lonely Title\n", ["page.txt:1: title 'A Lonely Title' has no abstract after it", "a blank line, then the abstract"]),
}


@pytest.mark.parametrize("case", list(BAD_SOURCES))
def test_a_bad_source_alone_is_an_input_error_with_where_what_and_what_to_do(runner, tmp_path, case):
    name, data, words = BAD_SOURCES[case]
    (tmp_path / name).write_bytes(data)
    result = build(runner, tmp_path, tmp_path / name)
    assert result.exit_code == 2, result.output
    assert result.output.startswith("Error: no papers found: every record read was bad")
    for word in words:
        assert word in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists(), "a failed build leaves no output folder behind"


@pytest.mark.parametrize("case", list(BAD_SOURCES))
def test_a_bad_source_beside_a_good_one_is_skipped_counted_and_reported(runner, tmp_path, case):
    name, data, words = BAD_SOURCES[case]
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.jsonl").write_text(jsonl(GOOD), encoding="utf-8")
    result = build(runner, tmp_path, tmp_path / "good.jsonl", tmp_path / name)
    assert result.exit_code == 0, result.output
    assert "1 papers from 1 records" in result.output
    assert "bad record(s):" in result.output
    for word in words:
        assert word in result.output
    strict = build(runner, tmp_path, tmp_path / "good.jsonl", tmp_path / name, strict=True)
    assert strict.exit_code == 2
    assert strict.output.startswith("Error: ") and words[0] in strict.output
    assert "Traceback" not in strict.output


def test_default_skips_counts_and_reports_at_the_end_strict_stops_at_the_first(runner, tmp_path):
    source = tmp_path / "mixed.jsonl"
    source.write_text(jsonl(GOOD, {"title": "no abstract"}) + "{not json\n" + jsonl(OTHER, [1, 2]), encoding="utf-8")
    result = build(runner, tmp_path, source)
    assert result.exit_code == 0, result.output
    assert "2 papers from 2 records" in result.output
    report = result.output[result.output.index("Skipped 3 bad record(s):"):]
    assert [line.split(": ")[0] for line in report.splitlines()[1:]] == [f"  {source}:2", f"  {source}:3", f"  {source}:5"]
    strict = build(runner, tmp_path, source, strict=True)
    assert strict.exit_code == 2
    assert strict.output == f"Error: {source}:2: record has no abstract (every paper needs a title and an abstract)\n"


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["build", "{tmp}/missing.jsonl"], 2, ["missing.jsonl: no such file or folder"]),
        (["build", "{tmp}/notes.csv"], 2, ["notes.csv: unknown format '.csv'", "supported: .bib, .json, .jsonl"]),
        (["build", "{tmp}/folder"], 2, ["folder: folder has no supported files"]),
        (["build"], 2, ["Missing argument 'SOURCES...'"]),
        (["build", "{tmp}/good.jsonl", "--jobs", "0"], 2, ["Invalid value for '--jobs'"]),
        (["frobnicate"], 2, ["No such command 'frobnicate'"]),
        (["sparql", "SELECT ?x WHERE { ?s ?p ?x }", "--param", "a b=1"], 2, ["'a b' is not a SPARQL variable name"]),
        (["sparql", "SELECT ?x WHERE { ?s ?p ?x }", "--param", "novalue"], 2, ["'novalue' is not NAME=VALUE"]),
        (["neighbours", "x", "--graph", "{tmp}/folder"], 2, ["no built graph here", "run `paperkg build"]),
    ],
)
def test_usage_errors_exit_2_with_a_message(runner, tmp_path, args, code, words):
    (tmp_path / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "README.md").write_text("no papers", encoding="utf-8")
    (tmp_path / "good.jsonl").write_text(jsonl(GOOD), encoding="utf-8")
    result = runner.invoke(main, [a.replace("{tmp}", str(tmp_path)) for a in args])
    assert result.exit_code == code, result.output
    for word in words:
        assert word in result.output
    assert "Traceback" not in result.output


def test_lookups_that_find_nothing_exit_1(runner, built):
    result = runner.invoke(main, ["neighbours", '"} ; DROP ALL ; #', "--graph", str(built)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: nothing named ")


def test_an_output_folder_that_cannot_be_made_exits_2(runner, tmp_path):
    (tmp_path / "good.jsonl").write_text(jsonl(GOOD), encoding="utf-8")
    result = runner.invoke(main, ["build", str(tmp_path / "good.jsonl"), "--out", "/proc/paperkg-cannot-be-here", "--no-html"])
    assert result.exit_code == 2
    assert "/proc/paperkg-cannot-be-here" in result.output and "Traceback" not in result.output


def test_a_damaged_graph_file_is_named_with_what_to_do(runner, built, tmp_path):
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / "graph.ttl").write_text("this is not turtle", encoding="utf-8")
    result = runner.invoke(main, ["sparql", "SELECT * WHERE { ?s ?p ?o }", "--graph", str(damaged)])
    assert result.exit_code == 2
    assert f"{damaged / 'graph.ttl'}: not valid Turtle" in result.output and "paperkg build" in result.output


def test_an_internal_error_says_it_is_a_bug_and_shows_where(runner, built, monkeypatch):
    import graph.lookup

    def broken(folder):
        raise ZeroDivisionError("something the code did not expect")

    monkeypatch.setattr(graph.lookup, "load_index", broken)
    result = runner.invoke(main, ["neighbours", "GSM8K", "--graph", str(built)])
    assert result.exit_code == 70
    lines = result.output.splitlines()
    assert lines[0] == "Error: internal error in `paperkg neighbours`: ZeroDivisionError: something the code did not expect"
    assert lines[1].startswith("This is a bug in paperkg, not a problem with your input")
    assert lines[2] == "Traceback (most recent call last):" and "in broken" in result.output


def test_ctrl_c_exits_130_with_a_message(runner, built, monkeypatch):
    import graph.lookup

    def interrupted(folder):
        raise KeyboardInterrupt

    monkeypatch.setattr(graph.lookup, "load_index", interrupted)
    result = runner.invoke(main, ["stats", "--graph", str(built)])
    assert result.exit_code == 130
    assert "Interrupted" in result.output


# Text that is fine, however it is encoded or laid out.

@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-8"),
        lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
        lambda text: text.encode("utf-16"),  # with its BOM
        lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
        lambda text: text.encode("utf-32"),
        lambda text: text.replace("\n", "\r\n").encode("utf-8"),
        lambda text: text.replace("\n", "\r").encode("utf-8"),
        lambda text: gzip.compress(text.replace("\n", "\r\n").encode("utf-16")),
    ],
    ids=["utf-8", "utf-8 BOM", "utf-16 BOM", "utf-16-be BOM", "utf-32 BOM", "CRLF", "CR", "gzipped utf-16 CRLF"],
)
def test_encodings_with_a_bom_and_any_line_ending_read_the_same(tmp_path, encode):
    text = jsonl(GOOD, {"title": "Ünïcödé ✓ 🦙 עברית", "abstract": "Line one\nline two."}, OTHER)
    (tmp_path / "papers.jsonl").write_bytes(encode(text))
    report = read_sources([tmp_path / "papers.jsonl"])
    assert [p.title for p in report.papers] == [GOOD["title"], "Ünïcödé ✓ 🦙 עברית", OTHER["title"]]
    assert report.papers[1].abstract == "Line one line two."
    assert [s.line for p in report.papers for s in p.sources] == [1, 2, 3] and report.skipped == []


def test_a_utf16_file_builds_through_the_cli(runner, tmp_path):
    (tmp_path / "papers.jsonl").write_bytes(jsonl(GOOD, OTHER).encode("utf-16"))
    result = build(runner, tmp_path, tmp_path / "papers.jsonl")
    assert result.exit_code == 0, result.output
    assert "2 papers from 2 records" in result.output


def test_line_separators_inside_json_strings_do_not_split_lines():
    text = jsonl({"title": "A\u2028B\u2029C\x85D", "abstract": "x\u2028y"}, OTHER)
    records = list(read_json_lines(text, "s.jsonl"))
    assert [r.title for r in records] == ["A B C D", "Toolformer"] and [r.line for r in records] == [1, 2]


def test_control_characters_never_reach_titles():
    records = list(read_json('{"title": "Red\\u001b[31m alert\\u0007\\u0000", "abstract": "ok\\u009b"}', "c.json"))
    assert records[0].title == "Red[31m alert" and records[0].abstract == "ok"


# Big and pathological input: bounded time and memory.

def _peak_of_cli(args: list[str], cwd: Path) -> tuple[int, str, float, int]:
    """Run the CLI in a fresh process; its exit code, output, seconds and peak memory (kB)."""
    script = (
        "import resource, sys\n"
        "from cli import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit as exit:\n"
        "    code = exit.code\n"
        "print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, code, file=sys.stderr)\n"
    )
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", script], cwd=cwd, capture_output=True, text=True, timeout=300)
    seconds = time.monotonic() - started
    peak, code = done.stderr.rsplit("PEAK ", 1)[1].split()
    return int(code), done.stderr, seconds, int(peak)


FIFTY_MB = 50 * MB
WORDS = "We evaluate a large language model on many benchmarks and report the results. "


def _fifty_mb_line() -> str:
    return (WORDS * (FIFTY_MB // len(WORDS) + 1))[:FIFTY_MB]


@pytest.fixture(scope="module")
def baseline_peak(tmp_path_factory) -> int:
    folder = tmp_path_factory.mktemp("baseline")
    (folder / "tiny.jsonl").write_text("{}\n", encoding="utf-8")
    return _peak_of_cli(["build", "tiny.jsonl", "--out", "out", "--no-html"], folder)[3]


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("huge.jsonl", lambda line: json.dumps({"title": "Huge", "abstract": line}) + "\n" + json.dumps(GOOD) + "\n",
         "huge.jsonl:1: abstract is 52,428,800 characters long"),
        ("huge.txt", lambda line: "A Title\n\n" + line + "\n\n" + GOOD["title"] + "\n\n" + GOOD["abstract"] + "\n",
         "huge.txt:1: abstract is 52,428,800 characters long"),
        ("huge.bib", lambda line: "@article{k, title={Huge}, abstract={" + line + "}}\n@article{g, title={T}, abstract={We use GPT-4.}}\n",
         "huge.bib:1: entry 'k': abstract is 52,428,800 characters long"),
        ("garbage.jsonl", lambda line: line.replace(" ", "x") + "\n" + json.dumps(GOOD) + "\n", "garbage.jsonl:1: not valid JSON"),
        ("title.jsonl", lambda line: json.dumps({"title": line, "abstract": "A"}) + "\n" + json.dumps(GOOD) + "\n",
         "title.jsonl:1: title is 52,428,800 characters long"),
    ],
)
def test_a_50_mb_single_line_costs_seconds_and_a_few_times_its_size(tmp_path, baseline_peak, name, make, message):
    (tmp_path / name).write_text(make(_fifty_mb_line()), encoding="utf-8")
    code, output, seconds, peak = _peak_of_cli(["build", name, "--out", "out", "--no-html"], tmp_path)
    assert code == 0, output
    assert message in output and "Skipped 1 bad record(s)" in output
    assert seconds < 60, f"{seconds:.1f} s"
    assert peak - baseline_peak < 6 * FIFTY_MB // 1024, f"{(peak - baseline_peak) // 1024} MB over the baseline"


def test_a_50_mb_field_is_joined_without_a_list_of_millions_of_words():
    line = _fifty_mb_line()
    started = time.monotonic()
    assert join_text(line + "\n  tail") == line.strip() + " tail"
    assert time.monotonic() - started < 10


def test_pathological_strings_take_linear_time():
    started = time.monotonic()
    assert normalise_arxiv_id("a-" * 500_000) is None
    assert normalise_arxiv_id("x" * 1_000_000 + " 2401.00001v2") == "2401.00001"
    assert not looks_like_bibtex("\n" * 1_000_000)
    assert not looks_like_bibtex(" \n" * 1_000_000)
    assert time.monotonic() - started < 2


def test_deep_nesting_and_huge_numbers_are_input_errors_not_crashes():
    for text in ("[" * 200_000, '{"a":' * 200_000, "[" + "1" * 10_000 + "]", '{"title": "T", "abstract": "A", "n": ' + "1" * 10_000 + "}"):
        items = list(read_json(text, "x.json")) + list(read_json_lines(text, "x.jsonl"))
        assert items and all(isinstance(item, InputError) for item in items)


def test_lone_surrogates_and_undecodable_file_names_still_build(runner, tmp_path):
    folder = tmp_path / "sources"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9 \x1b[31m.jsonl")  # not UTF-8, and an escape sequence: str with a surrogate
    (folder / name).write_text('{"title": "Lone \\ud83e half", "abstract": "We use GPT-4 on GSM8K \\udc00.", "url": "https://x.org/\\ud800"}\n',
                               encoding="utf-8")
    result = runner.invoke(main, ["build", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    turtle = (tmp_path / "out" / "graph.ttl").read_bytes().decode("utf-8")
    assert "Lone \ufffd half" in turtle and "caf\ufffd [31m.jsonl" in turtle and "\x1b" not in turtle
    papers = read_sources([folder]).papers
    assert papers[0].url == "https://x.org/\ufffd" and papers[0].sources[0].path.endswith("caf\ufffd [31m.jsonl")
