"""Fuzzing the readers: any input gives records or the project's own InputError, never another exception.

Each reader gets at least 1,000 generated inputs: arbitrary text, JSON values of every shape
the JSON reader tells apart (plain records, the arXiv snapshot and daily listings, Hugging Face
Daily Papers, the Papers with Code archive), BibTeX-like text, and arbitrary bytes, plain or
gzipped, read the way `paperkg build` reads a file.
"""

from __future__ import annotations

import gzip
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import InputError
from graph.readers import read_sources
from graph.readers.base import RawRecord
from graph.readers.bibtex import read_bibtex
from graph.readers.jsonrecords import SHAPES, read_json, read_json_array, read_json_lines, record_from_mapping
from graph.readers.pagedump import read_pagedump
from graph.readers.sources import read_text

FUZZ = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

TEXTISH = st.one_of(
    st.text(max_size=40),
    st.text(st.characters(categories=["Cs", "Cc", "Zl", "Zp", "Lo"]), max_size=10),  # lone surrogates, controls, separators
    st.sampled_from(["$\\alpha$", "\\emph{X}", "{", "}", "\\", "$$", "~", "%", "\\'e", "http://x.org/a", "10.1/x", "2401.00001v2",
                     "hep-th/9901001", "\u2028", "\x1b[31m", "\x00", "Mon, 2 Apr 2007 19:18:42 GMT", "2025-13-45", " and "]),
)

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXTISH,
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["title", "abstract", "summary", "id", "authors", "url", "date", "name", "x"]), children, max_size=6),
    max_leaves=12,
)


def shaped(keys: dict[str, st.SearchStrategy]) -> st.SearchStrategy[dict]:
    """Objects with some of a shape's fields, each a value of the kind expected or of any other kind."""
    return st.fixed_dictionaries({}, optional={key: st.one_of(kind, JSON_VALUES) for key, kind in keys.items()})


TEXT, TEXTS = TEXTISH, st.lists(TEXTISH, max_size=4)
SNAPSHOT = shaped({"id": TEXT, "title": TEXT, "abstract": TEXT, "categories": TEXT, "doi": TEXT, "comments": TEXT,
                   "update_date": TEXT, "authors": TEXT, "versions": st.lists(st.fixed_dictionaries({"created": TEXT}), max_size=2),
                   "authors_parsed": st.lists(TEXTS, max_size=3)})
LISTING = shaped({"id": TEXT, "title": TEXT, "summary": TEXT, "categories": TEXTS, "abs": TEXT, "pdf": TEXT,
                  "comment": TEXT, "authors": TEXTS})
DAILY = st.one_of(
    shaped({"paper": shaped({"id": TEXT, "title": TEXT, "summary": TEXT, "publishedAt": TEXT, "githubRepo": TEXT,
                             "projectPage": TEXT, "authors": st.lists(st.fixed_dictionaries({"name": TEXT}), max_size=3)}),
            "title": TEXT, "publishedAt": TEXT}),
    shaped({"publishedAt": TEXT, "summary": TEXT, "title": TEXT, "id": TEXT}),
)
ARCHIVE = shaped({"paper_url": TEXT, "url_abs": TEXT, "arxiv_id": TEXT, "title": TEXT, "abstract": TEXT, "date": TEXT,
                  "authors": TEXTS, "tasks": TEXTS, "methods": st.lists(st.one_of(TEXT, st.fixed_dictionaries({"name": TEXT})), max_size=3)})
PLAIN = shaped({"title": TEXT, "abstract": TEXT, "summary": TEXT, "id": TEXT, "arxiv_id": TEXT, "url": TEXT, "date": TEXT, "authors": TEXTS})


def drain(items) -> list[RawRecord]:
    """Every item a reader yields is a record with a title and abstract, or an InputError; returns the records."""
    records = []
    for item in items:
        assert isinstance(item, (RawRecord, InputError)), type(item)
        if isinstance(item, RawRecord):
            assert item.title and item.abstract
            assert item.title == " ".join(item.title.split()) and not any(ord(c) < 32 for c in item.title)
            item.title.encode("utf-8"), item.abstract.encode("utf-8")  # no lone surrogates: every output can hold them
            records.append(item)
    return records


@FUZZ
@given(st.text())
def test_pagedump_reader_on_any_text(text):
    drain(read_pagedump(text, "fuzz.txt"))


@FUZZ
@given(st.lists(st.one_of(st.text(max_size=80), JSON_VALUES.map(json.dumps)), max_size=6))
def test_json_lines_reader_on_any_lines(lines):
    drain(read_json_lines("\n".join(lines), "fuzz.jsonl"))


@FUZZ
@given(st.one_of(st.text(max_size=200), JSON_VALUES.map(json.dumps)))
def test_json_array_reader_on_any_text(text):
    drain(read_json_array(text, "fuzz.json"))


@FUZZ
@given(st.one_of(st.text(max_size=200), JSON_VALUES.map(json.dumps), st.lists(PLAIN, max_size=3).map(json.dumps)))
def test_json_reader_on_any_text(text):
    drain(read_json(text, "fuzz.json"))


@pytest.mark.parametrize(
    ("shape", "strategy"),
    [("arXiv metadata snapshot", SNAPSHOT), ("arXiv daily listing", LISTING), ("Hugging Face Daily Papers", DAILY),
     ("Papers with Code archive", ARCHIVE), ("plain", PLAIN)],
)
def test_each_json_shape_on_any_values(shape, strategy):
    seen = set()

    @FUZZ
    @given(st.lists(strategy, min_size=1, max_size=3), st.booleans())
    def run(values, ensure_ascii):
        for value in values:
            seen.add(next((name for name, matches, _ in SHAPES if matches(value)), "plain"))
        text = "\n".join(json.dumps(v, ensure_ascii=ensure_ascii) for v in values)
        drain(read_json_lines(text, "fuzz.jsonl"))
        drain(record_from_mapping(v, "fuzz.json", 1) for v in values)

    run()
    assert shape in seen, f"the generator never made a {shape} record: {seen}"


BIBTEX_PIECES = st.sampled_from([
    "@article{", "@inproceedings(", "@misc{k,", "@string{s = \"x\"}", "@comment{", "@preamble{", "title", "abstract",
    "author", "eprint", "doi", "year", "month", "url", "journal", " = ", "{", "}", "\"", ",", "#", "\n", " and ", "others",
    "\\'e", "{\\\"u}", "$x$", "\\emph{", "%", "@", "2401.00001", "10.48550/arXiv.1706.03762", "jan", "13", "Vaswani, Ashish",
    "Smith, Jr, John, III", "{Barnes and Noble}", "}}}", "{{{",
])


@FUZZ
@given(st.lists(st.one_of(BIBTEX_PIECES, st.text(max_size=12)), max_size=40).map("".join))
def test_bibtex_reader_on_bibtex_like_text(text):
    drain(read_bibtex(text, "fuzz.bib"))


@FUZZ
@given(st.text(max_size=300))
def test_bibtex_reader_on_any_text(text):
    drain(read_bibtex(text, "fuzz.bib"))


def _read_file(tmp_path, name: str, data: bytes) -> None:
    """Read a file as `paperkg build` does: decoded, read by its suffix or content; only InputError may come out."""
    path = tmp_path / name
    path.write_bytes(data)
    try:
        text = read_text(path)
        assert isinstance(text, str) and "\r" not in text
        report = read_sources([path])
    except InputError:
        return
    drain(report.skipped + [RawRecord(p.title, p.abstract, "x", 1) for p in report.papers])


NAMES = st.sampled_from(["a.jsonl", "a.json", "a.bib", "a.txt", "a.jsonl.gz", "a.gz", "noname", "a.ndjson.gz"])
BYTES = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=200).map(lambda t: t.encode("utf-8")),
    st.tuples(st.sampled_from(["utf-16", "utf-32", "utf-8-sig", "utf-16-le", "latin-1", "cp1252"]), st.text(max_size=100)).map(
        lambda pair: pair[1].encode(pair[0], errors="replace")
    ),
    st.lists(PLAIN, max_size=3).map(lambda values: "\r\n".join(map(json.dumps, values)).encode("utf-8")),
    st.binary(max_size=40).map(lambda b: b"\x1f\x8b" + b),
)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(name=NAMES, data=BYTES)
def test_any_bytes_in_a_file_of_any_name(tmp_path, name, data):
    _read_file(tmp_path, name, data)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(name=NAMES, data=BYTES, truncate=st.integers(min_value=0, max_value=60))
def test_any_bytes_gzipped_whole_or_cut_short(tmp_path, name, data, truncate):
    packed = gzip.compress(data, mtime=0)
    _read_file(tmp_path, name, packed[: len(packed) - truncate] if truncate else packed)
