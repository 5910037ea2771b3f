"""Safe HTML: hostile titles, names, abstracts and links go through a real build and a real browser and run nothing.

The sources hold script in titles and abstracts, event handlers, comment and CDATA breakers,
`javascript:` and `data:` URLs in paper links, and a code link with a quote in it. Every page
of the site is opened in headless Chromium (see test_browser.py), every node's tooltip shown,
and the search box fed the same text: no dialog may open, no element may carry an event
handler, no link may leave http(s) or the site, and every title must read as the text it is.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.build import build
from graph.html import VIEWS
from graph.readers.base import join_text
from chromium import Tab

HOSTILE_PAPERS = [
    {"title": "<img src=x onerror=alert(1)>", "abstract": "We evaluate GPT-4 on GSM8K. <script>alert(2)</script>", "url": "javascript:alert(3)"},
    {"title": '"><script>alert(4)</script>', "abstract": "We propose <svg onload=alert(5)>Net, built on Llama 2, and test it on HumanEval.",
     "url": "JaVaScRiPt:alert(6)"},
    {"title": "</title><script>alert(7)</script> & <!-- ]]> \u2028 'quoted'", "abstract": 'It uses BERT." onmouseover="alert(8)', "url": " javascript:alert(9)"},
    {"title": "A data: link", "abstract": "We fine-tune CodeLlama on MBPP.", "url": "data:text/html,<script>alert(10)</script>"},
    {"title": "A protocol-relative link", "abstract": "We use PaLM on MATH and GSM8K.", "url": "//evil.example/alert(11)"},
    {"title": "An honest paper", "abstract": "We evaluate GPT-4 and Llama 2 on GSM8K.", "url": "https://arxiv.org/abs/2401.00001"},
]
DAILY_ITEM = {"paper": {"id": "2505.20411", "title": "<iframe src=javascript:alert(12)>", "summary": "We study GPT-4 on GSM8K.",
                        "publishedAt": "2025-05-26T13:55:55.000Z", "githubRepo": 'https://github.com/a/b" onclick="alert(13)'}}
TITLES = [join_text(p["title"]) for p in HOSTILE_PAPERS] + [DAILY_ITEM["paper"]["title"]]
"""The titles as read: white space (U+2028 too) joined to one space."""
SEARCHES = ["<img", "script", '">', "javascript:", "</title>", "<iframe"]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-sources")
    (folder / "papers.jsonl").write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in HOSTILE_PAPERS), encoding="utf-8")
    (folder / "daily.json").write_text(json.dumps([DAILY_ITEM]), encoding="utf-8")
    out = tmp_path_factory.mktemp("hostile-site")
    build([folder], out)
    return out


DOM_CHECK = """() => {
    const handlers = [];
    for (const el of document.querySelectorAll('*')) {
        for (const attr of el.attributes) {
            const own = el.id === 'filters' && attr.name === 'onsubmit' && attr.value === 'return false';  // the page's filter form
            if (attr.name.toLowerCase().startsWith('on') && !own) handlers.push(el.tagName + ' ' + attr.name + '=' + attr.value);
        }
    }
    const embedded = [...document.querySelectorAll('img, iframe, object, embed, svg, math, base, form:not(#filters), meta[http-equiv]')]
        .map(e => e.outerHTML.slice(0, 80));
    const links = [...document.querySelectorAll('a[href], area[href], link[href]')].map(a => a.href)
        .filter(href => !/^(https?|file):/.test(new URL(href, document.baseURI).protocol));
    const scripts = [...document.scripts].filter(s => !s.src && s.type !== 'application/json').map(s => s.textContent.slice(0, 80));
    return {handlers, embedded, links, scripts};
}"""


def visit(tab: Tab, page: Path) -> None:
    """Load a page; one with a graph is waited for until its graph has settled."""
    if 'id="graph-data"' in page.read_text("utf-8"):
        tab.open(page)
    else:
        tab.page.goto(page.as_uri())
        tab.page.wait_for_load_state("load")


def assert_nothing_runs(tab: Tab, where: str) -> None:
    found = tab.page.evaluate(DOM_CHECK)
    assert found == {"handlers": [], "embedded": [], "links": [], "scripts": []}, (where, found)
    assert tab.clean(), (where, tab.errors, tab.dialogs, tab.network)


def test_hostile_sources_build_and_keep_their_text(hostile_site):
    pages = list((hostile_site / VIEWS).glob("paper-*.html"))
    assert len(pages) == len(TITLES)


def test_every_page_runs_nothing_and_shows_titles_as_text(tab, hostile_site):
    pages = [hostile_site / "index.html", hostile_site / "all.html", *sorted((hostile_site / VIEWS).glob("*.html"))]
    titles_seen = set()
    for page in pages:
        visit(tab, page)
        assert_nothing_runs(tab, page.name)
        if page.name.startswith("paper-"):
            heading = tab.page.locator("h1").inner_text()
            assert heading in TITLES, heading
            assert tab.page.title().startswith(heading)
            titles_seen.add(heading)
            for link in tab.page.locator("a.external").all():
                assert link.get_attribute("href").startswith("https://"), link.get_attribute("href")
    assert titles_seen == set(TITLES)
    all_text = (hostile_site / "all.html").read_text("utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in all_text and "<img" not in all_text


def test_paper_links_keep_only_http_urls(tab, hostile_site):
    for page in sorted((hostile_site / VIEWS).glob("paper-*.html")):
        tab.open(page)
        hrefs = [a.get_attribute("href") for a in tab.page.locator("a.external").all()]
        title = tab.page.locator("h1").inner_text()
        if title == "An honest paper":
            assert hrefs == ["https://arxiv.org/abs/2401.00001"]
        elif title == DAILY_ITEM["paper"]["title"]:
            assert "https://arxiv.org/abs/2505.20411" in hrefs
            assert not [h for h in hrefs if "github.com" in h], "a URL with a space in it is no URL: dropped"
        else:
            assert hrefs == [], (title, hrefs)


def test_tooltips_of_every_node_run_nothing(tab, hostile_site):
    for page in sorted((hostile_site / VIEWS).glob("paper-*.html")):
        tab.open(page)
        for node in tab.drawn_nodes():
            x, y = tab.node_point(node)
            tab.page.mouse.move(x, y)
            tab.page.wait_for_timeout(120)
        tab.page.mouse.move(3, 3)
        assert_nothing_runs(tab, page.name)


def test_the_search_box_shows_hostile_titles_as_text(tab, hostile_site):
    tab.open(hostile_site / "index.html")
    for text in SEARCHES:
        tab.page.fill("#search", text)
        tab.page.wait_for_timeout(150)
        assert_nothing_runs(tab, f"search {text!r}")
    tab.page.fill("#search", "<img")
    tab.page.wait_for_timeout(150)
    assert "<img src=x onerror=alert(1)>" in tab.page.locator("#search-results a").all_inner_texts()


def test_the_checks_catch_what_they_look_for(tab, tmp_path):
    page = tmp_path / "unsafe.html"
    page.write_text('<p>x</p><img src=x onerror="alert(1)"><a href="javascript:alert(2)">y</a><script>var z = 1;</script>', encoding="utf-8")
    visit(tab, page)
    tab.page.wait_for_timeout(200)
    found = tab.page.evaluate(DOM_CHECK)
    assert found["handlers"] == ["IMG onerror=alert(1)"] and found["links"] == ["javascript:alert(2)"] and found["scripts"] == ["var z = 1;"]
    assert len(found["embedded"]) == 1 and tab.dialogs == ["1"]
