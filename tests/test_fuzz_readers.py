"""Fuzzing the readers: any input gives records or the project's own InputError, never another exception."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import InputError
from graph.readers.base import RawRecord
from graph.readers.jsonrecords import read_json_array, read_json_lines
from graph.readers.pagedump import read_pagedump

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(["title", "abstract", "summary", "id", "authors", "url", "date", "x"]), children, max_size=6),
    max_leaves=12,
)


def drain(items):
    for item in items:
        assert isinstance(item, (RawRecord, InputError))
        if isinstance(item, RawRecord):
            assert item.title and item.abstract


@settings(max_examples=1000, deadline=None)
@given(st.text())
def test_pagedump_reader_on_any_text(text):
    drain(read_pagedump(text, "fuzz.txt"))


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=80), JSON_VALUES.map(json.dumps)), max_size=6))
def test_json_lines_reader_on_any_lines(lines):
    drain(read_json_lines("\n".join(lines), "fuzz.jsonl"))


@settings(max_examples=1000, deadline=None)
@given(st.one_of(st.text(max_size=200), JSON_VALUES.map(json.dumps)))
def test_json_array_reader_on_any_text(text):
    drain(read_json_array(text, "fuzz.json"))
