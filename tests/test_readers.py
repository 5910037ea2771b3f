"""Readers on the real example files and on small files of each supported format."""

from __future__ import annotations

import json

import pytest

from graph.errors import InputError
from graph.readers import merge_records, read_sources
from graph.readers.base import RawRecord
from graph.readers.pagedump import read_pagedump


def test_example_corpus_gives_396_papers_from_472_entries(example_dir):
    report = read_sources([example_dir])
    assert report.records == 472
    assert len(report.papers) == 396
    assert report.skipped == []


def test_a_paper_on_several_pages_remembers_every_source(example_dir):
    papers = read_sources([example_dir]).papers
    pal = [p for p in papers if p.title == "Program Synthesis with Large Language Models"]
    assert len(pal) == 1
    assert len({s.path for s in pal[0].sources}) >= 2


def test_page_chrome_is_skipped_and_date_lines_kept(example_dir):
    path = example_dir / "001_57ba05be16902bcb.txt"
    records = list(read_pagedump(path.read_text(encoding="utf-8"), str(path)))
    assert records[0].title.startswith("A Unified View of Long-Sequence Models")
    assert {r.date for r in records} == {"Mar 17"}
    assert not any(r.title in ("Subscribe", "new") for r in records)


def test_code_urls_in_abstracts_are_kept(example_dir):
    papers = read_sources([example_dir]).papers
    pybench = next(p for p in papers if p.title.startswith("PyBench"))
    assert pybench.code_urls == ("https://github.com/Mercury7353/PyBench",)


def test_json_lines_and_json_arrays(tmp_path):
    lines = tmp_path / "a.jsonl"
    lines.write_text(
        json.dumps({"title": "T1", "abstract": "A1", "id": "2401.00001v2", "authors": ["Ann", "Bo"]}) + "\n\n"
        + json.dumps({"title": "T2", "summary": "A2"}) + "\n",
        encoding="utf-8",
    )
    array = tmp_path / "b.json"
    array.write_text(json.dumps([{"title": "T3", "abstract": "A3", "url": "https://x.org/p"}]), encoding="utf-8")
    papers = read_sources([tmp_path]).papers
    assert [p.title for p in papers] == ["T1", "T2", "T3"]
    assert papers[0].arxiv_id == "2401.00001" and papers[0].authors == ("Ann", "Bo")
    assert papers[2].url == "https://x.org/p"


def test_same_paper_merges_by_arxiv_id_then_by_title():
    records = [
        RawRecord("Attention Is All You Need", "a", "x.jsonl", 1, arxiv_id="1706.03762"),
        RawRecord("Attention is all you need.", "a", "y.txt", 5),
        RawRecord("Renamed later", "a", "z.jsonl", 2, arxiv_id="1706.03762"),
        RawRecord("Another paper", "b", "y.txt", 9),
    ]
    papers = merge_records(records)
    assert len(papers) == 2
    assert papers[0].arxiv_id == "1706.03762"
    assert [s.path for s in papers[0].sources] == ["x.jsonl", "y.txt", "z.jsonl"]


def test_bad_records_are_skipped_and_counted_unless_strict(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"title": "ok", "abstract": "fine"}\n{not json\n{"title": "no abstract"}\n[1]\n', encoding="utf-8")
    report = read_sources([path])
    assert len(report.papers) == 1
    assert [e.line for e in report.skipped] == [2, 3, 4]
    assert "record has no abstract" in str(report.skipped[1])
    with pytest.raises(InputError, match=r"bad.jsonl:2: not valid JSON"):
        read_sources([path], strict=True)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "no such file or folder"),
        (lambda d: (d / "x.csv").write_text("a,b") and d / "x.csv", "unknown format '.csv'"),
        (lambda d: (d / "empty").mkdir() or d / "empty", "folder has no supported files"),
        (lambda d: (d / "l1.txt").write_bytes("caf\xe9".encode("latin-1")) and d / "l1.txt", "not UTF-8"),
    ],
)
def test_unreadable_sources_say_what_and_where(tmp_path, make, message):
    path = make(tmp_path)
    with pytest.raises(InputError, match=message) as info:
        read_sources([path])
    assert str(path) in str(info.value)
