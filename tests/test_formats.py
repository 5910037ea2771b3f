"""Every source format researchers have: small hand-written files of each, and the arXiv-daily example corpus."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import InputError
from graph.readers import merge_records, read_sources, reader_for
from graph.readers.base import RawRecord
from graph.readers.bibtex import read_bibtex
from graph.readers.jsonrecords import SHAPES, record_from_mapping
from graph.readers.latex import clean_latex

FORMATS = Path(__file__).parent / "data" / "formats"
ARXIV_DAILY = Path(__file__).resolve().parent.parent / "examples" / "arxiv-daily"


def by_arxiv(papers, arxiv_id):
    found = [p for p in papers if p.arxiv_id == arxiv_id]
    assert len(found) == 1, f"{arxiv_id}: {len(found)} papers"
    return found[0]


@pytest.mark.parametrize(
    ("name", "records", "papers", "skipped_lines"),
    [
        ("arxiv-metadata-oai-snapshot.json", 5, 4, [5]),
        ("arxiv-daily.jsonl", 4, 3, [3]),
        ("hf-daily-papers.json", 3, 3, [4]),
        ("papers-with-abstracts.json", 3, 3, [3]),
        ("references.bib", 5, 4, [60, 64]),
    ],
)
def test_each_format_gives_its_records_and_says_which_it_skipped(name, records, papers, skipped_lines):
    report = read_sources([FORMATS / name])
    assert report.records == records
    assert len(report.papers) == papers
    assert [e.line for e in report.skipped] == skipped_lines
    assert all(e.path == str(FORMATS / name) for e in report.skipped)


def test_json_shapes_are_told_apart_by_content():
    def shape(value):
        return next((name for name, matches, _ in SHAPES if matches(value)), "plain")

    snapshot = json.loads((FORMATS / "arxiv-metadata-oai-snapshot.json").read_text(encoding="utf-8").splitlines()[0])
    listing = json.loads((FORMATS / "arxiv-daily.jsonl").read_text(encoding="utf-8").splitlines()[0])
    daily = json.loads((FORMATS / "hf-daily-papers.json").read_text(encoding="utf-8"))[0]
    archive = json.loads((FORMATS / "papers-with-abstracts.json").read_text(encoding="utf-8"))[0]
    assert [shape(v) for v in (snapshot, listing, daily, archive, {"title": "T", "abstract": "A"})] == [
        "arXiv metadata snapshot", "arXiv daily listing", "Hugging Face Daily Papers", "Papers with Code archive", "plain",
    ]


def test_the_snapshot_is_json_lines_although_its_file_is_called_json():
    papers = read_sources([FORMATS / "arxiv-metadata-oai-snapshot.json"]).papers
    attention = by_arxiv(papers, "1706.03762")
    assert attention.date == "2017-06-12"
    assert attention.categories == ("cs.CL", "cs.LG")
    assert attention.authors[:2] == ("Ashish Vaswani", "Noam Shazeer")
    assert [s.line for s in attention.sources] == [1, 6]
    assert by_arxiv(papers, "1810.04805").doi == "10.18653/v1/N19-1423"
    assert by_arxiv(papers, "1911.10500").authors == ("Bernhard Schölkopf",)


def test_wrapped_lines_are_joined():
    papers = read_sources([FORMATS / "arxiv-metadata-oai-snapshot.json"]).papers
    bert = by_arxiv(papers, "1810.04805")
    assert bert.title == "BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding"
    assert bert.abstract.startswith("We introduce a new language representation model called BERT, which stands for Bidirectional")
    assert "\n" not in bert.abstract and "  " not in bert.abstract
    assert bert.raw_title is None and bert.raw_abstract is None


def test_latex_is_cleaned_for_extraction_and_kept_as_written():
    papers = read_sources([FORMATS / "arxiv-daily.jsonl"]).papers
    mt3 = by_arxiv(papers, "2505.19714")
    assert mt3.title.startswith("MT³: Scaling") and mt3.raw_title.startswith("MT$^{3}$: Scaling")
    assert mt3.text.startswith(mt3.title)
    rules = by_arxiv(papers, "2505.18542")
    assert rules.title.startswith("Business as Rulesual:")
    assert "dataset, BPRF, which" in rules.abstract and "\\textbf{BPRF}" in rules.raw_abstract


@pytest.mark.parametrize(
    ("written", "clean"),
    [
        (r"\emph{Bidirectional} and \textbf{BERT}", "Bidirectional and BERT"),
        (r"{G}lo{V}e", "GloVe"),
        (r"intelligence~(AI) and Fig.~3", "intelligence (AI) and Fig. 3"),
        (r"about ~7B parameters (~0.8% drop)", "about ~7B parameters (~0.8% drop)"),
        (r"a $\mathcal{O}(n^2)$ cost at $\sim$12.8\% less", "a O(n²) cost at ~12.8% less"),
        (r"Sch{\"o}lkopf, Kaiser, {\L}ukasz", "Schölkopf, Kaiser, Łukasz"),
        (r"see https://x.org/~me/a_b_c and \url{https://github.com/a/b_c}", "see https://x.org/~me/a_b_c and https://github.com/a/b_c"),
        (r"costs \$5 or $5", "costs $5 or $5"),
    ],
)
def test_latex_markup(written, clean):
    assert clean_latex(written) == clean


def test_missing_abstracts_are_skipped_and_counted_unless_strict():
    report = read_sources([FORMATS / "references.bib"])
    assert "entry 'goodfellow2016deep': record has no abstract" in str(report.skipped[1])
    with pytest.raises(InputError, match=r"references.bib:60: not a valid BibTeX entry \(Unexpected block start"):
        read_sources([FORMATS / "references.bib"], strict=True)


def test_bibtex_names_dates_and_ids():
    papers = read_sources([FORMATS / "references.bib"]).papers
    bert = next(p for p in papers if p.title.startswith("BERT"))
    assert bert.raw_title.startswith("{BERT}: Pre-training")
    assert bert.authors == ("Jacob Devlin", "Ming-Wei Chang", "Kenton Lee", "Kristina Toutanova")
    assert (bert.date, bert.doi, bert.arxiv_id, bert.key) == ("2019-06", "10.18653/v1/N19-1423", None, "doi-10.18653_v1_n19-1423")
    attention = by_arxiv(papers, "1706.03762")
    assert attention.authors[6] == "Łukasz Kaiser"
    assert len(attention.sources) == 2, "the entry whose key repeats is read and merges by title"
    assert by_arxiv(papers, "1911.10500").abstract.startswith("Graphical causal inference as pioneered by Judea Pearl arose from research on artificial intelligence (AI)")


def test_archive_methods_and_tasks_travel_apart_from_the_text():
    papers = read_sources([FORMATS / "papers-with-abstracts.json"]).papers
    attention = by_arxiv(papers, "1706.03762")
    assert attention.archive_methods == ("Multi-Head Attention", "Adam", "Transformer")
    assert attention.archive_tasks == ("Machine Translation", "Constituency Parsing")
    glove = next(p for p in papers if p.title.startswith("GloVe"))
    assert glove.arxiv_id is None and glove.url == "https://aclanthology.org/D14-1162"


def test_daily_papers_items():
    papers = read_sources([FORMATS / "hf-daily-papers.json"]).papers
    dart = by_arxiv(papers, "2505.18337")
    assert dart.date == "2025-05-23" and dart.abstract.startswith("In this paper, we introduce DART³, a TTA")
    assert by_arxiv(papers, "1706.03762").code_urls == ("https://github.com/tensorflow/tensor2tensor",)
    assert by_arxiv(papers, "2505.18291").authors[0] == "Zifu Wan"


def test_one_paper_met_in_every_format_is_one_paper():
    report = read_sources([FORMATS])
    assert (report.records, len(report.papers), len(report.skipped)) == (20, 8, 6)
    attention = by_arxiv(report.papers, "1706.03762")
    assert len({s.path for s in attention.sources}) == 4 and len(attention.sources) == 6
    assert attention.date == "2017-06-12" and attention.categories == ("cs.CL", "cs.LG")
    assert attention.archive_methods == ("Multi-Head Attention", "Adam", "Transformer")
    bert = by_arxiv(report.papers, "1810.04805")
    assert {Path(s.path).name for s in bert.sources} == {"arxiv-metadata-oai-snapshot.json", "papers-with-abstracts.json", "references.bib"}
    assert bert.key == "arxiv-1810.04805", "the bib entry joined by DOI, the key is the arXiv id"
    glove = next(p for p in report.papers if p.title.startswith("GloVe"))
    assert len(glove.sources) == 2 and glove.doi == "10.3115/v1/D14-1162", "archive and bib merged by title"


def test_merging_never_joins_two_arxiv_ids_and_does_not_depend_on_order():
    records = [
        RawRecord("Introduction", "a", "x.bib", 1),
        RawRecord("Introduction", "b", "y.jsonl", 1, arxiv_id="2401.00001"),
        RawRecord("Introduction", "c", "y.jsonl", 2, arxiv_id="2401.00002"),
        RawRecord("Other", "d", "z.bib", 1, doi="10.1/X"),
        RawRecord("Other, renamed", "d", "y.jsonl", 3, arxiv_id="2401.00003", doi="10.1/x"),
    ]
    papers = merge_records(records)
    assert [p.key for p in papers] == ["arxiv-2401.00001", "arxiv-2401.00002", "arxiv-2401.00003"]
    assert [len(p.sources) for p in papers] == [2, 1, 2]
    assert {p.key for p in merge_records(reversed(records))} == {p.key for p in papers}


def test_gzip_inputs_read_like_the_plain_files(tmp_path):
    for name in ("arxiv-daily.jsonl", "references.bib"):
        (tmp_path / f"{name}.gz").write_bytes(gzip.compress((FORMATS / name).read_bytes()))
    (tmp_path / "daily").write_bytes(gzip.compress((FORMATS / "hf-daily-papers.json").read_bytes()))
    report = read_sources([tmp_path, tmp_path / "daily"])
    assert report.records == 4 + 5 + 3
    assert by_arxiv(report.papers, "2505.18291").sources[0].path == str(tmp_path / "arxiv-daily.jsonl.gz")
    (tmp_path / "broken.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    with pytest.raises(InputError, match="not a readable gzip file"):
        read_sources([tmp_path / "broken.jsonl.gz"])


@pytest.mark.parametrize("name", ["references.bib", "hf-daily-papers.json", "arxiv-daily.jsonl"])
@pytest.mark.parametrize("compress", [False, True])
def test_standard_input_is_read_by_content(monkeypatch, name, compress):
    data = (FORMATS / name).read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(gzip.compress(data) if compress else data)))
    report = read_sources(["-"])
    assert report.records == read_sources([FORMATS / name]).records
    assert {s.path for p in report.papers for s in p.sources} == {"<stdin>"}


def test_standard_input_that_is_no_known_format_says_so(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"a,b\n1,2\n")))
    with pytest.raises(InputError, match=r"^<stdin>: standard input, and the content is not JSON"):
        read_sources(["-"])


def test_an_unknown_suffix_is_read_by_content(tmp_path):
    path = tmp_path / "refs.bibtex"
    path.write_bytes((FORMATS / "references.bib").read_bytes())
    assert read_sources([path]).records == 5
    assert reader_for(tmp_path / "snapshot", '{"id": "1"}').__name__ == "read_json"


def test_arxiv_daily_example_counts():
    report = read_sources([ARXIV_DAILY])
    assert (report.records, len(report.papers), report.skipped) == (1266, 1095, [])
    per_day = {day.name: read_sources([day]) for day in sorted(ARXIV_DAILY.glob("*.jsonl"))}
    assert {name: (r.records, len(r.papers)) for name, r in per_day.items()} == {
        "2025-05-27.jsonl": (679, 649),
        "2025-09-03.jsonl": (587, 446),
    }
    cross_listed = [p for p in report.papers if len(p.sources) > 1]
    assert sum(len(p.sources) - 1 for p in cross_listed) == 1266 - 1095
    assert all(len({s.path for s in p.sources}) == 1 for p in cross_listed), "no paper is listed on both days"


def test_a_paper_in_the_example_and_in_a_daily_papers_file_is_one_paper():
    report = read_sources([ARXIV_DAILY, FORMATS / "hf-daily-papers.json"])
    assert len(report.papers) == 1095 + 1, "of the three Daily Papers items only 1706.03762 is new"
    instruct = by_arxiv(report.papers, "2505.18291")
    assert {Path(s.path).name for s in instruct.sources} == {"2025-05-27.jsonl", "hf-daily-papers.json"}
    assert instruct.date == "2025-05-23", "the day beats the month the arXiv id gives"
    assert instruct.code_urls == ("https://zifuwan.github.io/InstructPart/",)


SHAPE_KEYS = ["title", "abstract", "summary", "id", "authors", "authors_parsed", "categories", "versions", "update_date",
              "doi", "comments", "comment", "abs", "pdf", "paper", "publishedAt", "paper_url", "arxiv_id", "url_abs",
              "methods", "tasks", "date", "name", "created", "githubRepo"]
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20) | st.sampled_from(["cs.CL cs.LG", "2401.00001", "$x$ \\emph{y}"]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.sampled_from(SHAPE_KEYS), children, max_size=6),
    max_leaves=15,
)


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(st.sampled_from(SHAPE_KEYS), VALUES, max_size=8))
def test_any_json_object_gives_a_record_or_an_input_error(value):
    item = record_from_mapping(value, "fuzz.json", 1)
    assert isinstance(item, (RawRecord, InputError))
    if isinstance(item, RawRecord):
        assert item.title and item.abstract


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(list("@{}=,\"\\ \n%abtile$~") + ["@article{", "title", "abstract", "author", " and "]), max_size=60).map("".join))
def test_any_bibtex_like_text_gives_records_or_input_errors(text):
    for item in read_bibtex(text, "fuzz.bib"):
        assert isinstance(item, (RawRecord, InputError))


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(list("\\{}$~^_-`'ab (%") + ["\\textbf", "\\cite", "\\url", "https://x.y/", "\\frac", "\\\"", "\\c", "\\(", "\\)"]), max_size=40).map("".join))
def test_latex_cleaning_never_fails(text):
    assert isinstance(clean_latex(text), str)
