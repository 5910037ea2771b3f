"""The HTML site in a real browser: headless Chromium driven by Playwright, every page loaded from file://.

Skipped when /usr/bin/chromium is missing, unless PAPERKG_REQUIRE_BROWSER is set (as in CI).
Screenshots and timings go to tests/artifacts/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.html import VIEWS, page_name, write_site
from test_html import HOSTILE_LABEL, HOSTILE_TITLE, graph_data, tiny_graph

ARTIFACTS = Path(__file__).parent / "artifacts"
SETTLE_LIMIT_MS = 5000
"""The issue's requirement: the overview of the example corpus settles within 5 s."""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser-site")
    write_site(tiny_graph(), out)
    return out


@pytest.fixture(scope="module")
def example_site(tmp_path_factory, example_dir) -> Path:
    """The site of the whole example corpus, as `paperkg build` writes it."""
    from graph.build import build_from_sources

    graph, _, _ = build_from_sources([example_dir])
    out = tmp_path_factory.mktemp("example-site")
    write_site(graph, out)
    return out


def _record(name: str, value: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    with (ARTIFACTS / "timings.txt").open("a", encoding="utf-8") as handle:
        handle.write(f"{name}: {value}\n")
    print(f"{name}: {value}")


def test_overview_draws_every_node_and_edge(tab, site):
    data = graph_data(site / "index.html")
    tab.open(site / "index.html")
    assert tab.drawn_nodes() == sorted(n["id"] for n in data["nodes"])
    assert tab.page.evaluate("window.paperkg.network.body.edgeIndices.length") == len(data["edges"]) == 8
    assert tab.page.locator("#graph canvas").count() == 1
    assert tab.clean(), (tab.errors, tab.dialogs, tab.network)


def test_physics_stops_once_settled(tab, site):
    tab.open(site / "index.html")
    assert tab.page.evaluate("window.paperkg.network.physics.options.enabled") is False
    assert tab.page.evaluate("document.body.dataset.settled") == "true"


def test_hostile_title_shows_as_text_and_runs_nothing(tab, site):
    page = site / VIEWS / page_name("paper:hostile")
    tab.open(page)
    assert tab.page.locator("h1").inner_text() == HOSTILE_TITLE
    assert tab.page.title() == f"{HOSTILE_TITLE} (Paper) · paperkg"
    x, y = tab.node_point("paper:hostile")
    tab.page.mouse.move(x, y)
    tooltip = tab.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible")
    assert HOSTILE_TITLE in tooltip.inner_text()
    tab.page.mouse.move(5, 5)
    tab.page.wait_for_timeout(300)
    assert tab.page.evaluate("document.querySelectorAll('img, [onerror], [onload]').length") == 0
    assert tab.dialogs == []
    assert tab.clean(), (tab.errors, tab.dialogs, tab.network)


def test_edge_hover_shows_evidence_with_the_mention_marked(tab, site):
    tab.open(site / VIEWS / page_name("paper:hostile"))
    (x1, y1), (x2, y2) = tab.node_point("paper:hostile"), tab.node_point("entity:evil")
    tab.page.mouse.move((x1 + x2) / 2, (y1 + y2) / 2)
    mark = tab.page.locator("div.vis-tooltip mark")
    mark.wait_for(state="visible")
    assert mark.inner_text() == HOSTILE_LABEL
    assert tab.page.locator("div.vis-tooltip q").inner_text() == f"It uses {HOSTILE_LABEL} too."
    assert tab.clean(), (tab.errors, tab.dialogs, tab.network)


def test_search_finds_an_entity_by_alias_and_opens_it(tab, site):
    tab.open(site / "index.html")
    tab.page.fill("#search", "gsm-8k")
    hit = tab.page.locator("#search-results a").first
    hit.wait_for(state="visible")
    assert hit.inner_text() == "GSM8K"
    hit.click()
    tab.page.wait_for_url("**/views/entity-gsm8k.html")
    tab.page.wait_for_function("window.paperkg && window.paperkg.settled")
    assert tab.page.locator("h1").inner_text() == "GSM8K"
    tab.page.fill("#search", "llama-2")
    assert tab.page.locator("#search-results a").first.inner_text() == "Llama 2"
    assert tab.clean(), (tab.errors, tab.dialogs, tab.network)


def test_type_filter_hides_that_type(tab, site):
    tab.open(site / "index.html")
    assert "Paper" in tab.drawn_types()
    tab.page.uncheck("input[name=type][value=Paper]")
    assert "Paper" not in tab.drawn_types()
    assert len(tab.drawn_nodes()) == 5
    assert tab.page.locator("#graph-status").inner_text() == "Showing 5 of 8 nodes; the rest are filtered out."
    tab.page.check("input[name=type][value=Paper]")
    assert len(tab.drawn_nodes()) == 8
    assert tab.clean(), (tab.errors, tab.dialogs, tab.network)


def test_role_paper_count_and_text_filters(tab, site):
    tab.open(site / "index.html")
    tab.page.uncheck("input[name=role][value=evaluatesOn]")
    assert "entity:gsm8k" not in tab.drawn_nodes() and len(tab.drawn_nodes()) == 7
    tab.page.click("button[type=reset]")
    tab.page.wait_for_function("window.paperkg.network.body.nodeIndices.length === 8")
    tab.page.fill("input[name=min-papers]", "2")
    assert tab.drawn_nodes() == sorted(
        ["entity:gsm8k", "entity:llama-2", "entity:mathcoach", "paper:coach-more", "paper:hostile", "paper:llama-gsm"]
    )
    tab.page.fill("input[name=min-papers]", "1")
    tab.page.fill("input[name=text]", "llama")
    assert tab.drawn_nodes() == ["entity:llama-2", "paper:llama-gsm"]
    assert tab.clean(), (tab.errors, tab.dialogs, tab.network)


def test_clicking_a_node_opens_its_page(tab, site):
    tab.open(site / "index.html")
    x, y = tab.node_point("entity:mathcoach")
    tab.page.mouse.click(x, y)
    tab.page.wait_for_url("**/views/entity-mathcoach.html")
    tab.page.wait_for_function("window.paperkg && window.paperkg.settled")
    assert tab.page.evaluate("window.paperkg.nodes.get('entity:mathcoach').centre") is True
    ARTIFACTS.mkdir(exist_ok=True)
    tab.page.screenshot(path=str(ARTIFACTS / "tiny-neighbourhood.png"))
    assert tab.clean(), (tab.errors, tab.dialogs, tab.network)


def test_lone_node_and_empty_graph_settle(tab, tmp_path):
    import networkx as nx

    graph = nx.MultiDiGraph()
    graph.add_node("entity:lone", kind="entity", type="Method", label="Lone")
    write_site(graph, tmp_path / "lone")
    write_site(nx.MultiDiGraph(), tmp_path / "empty")
    tab.open(tmp_path / "lone" / VIEWS / page_name("entity:lone"))
    assert tab.drawn_nodes() == ["entity:lone"]
    tab.open(tmp_path / "empty" / "index.html")
    assert tab.drawn_nodes() == []
    assert tab.clean(), (tab.errors, tab.dialogs, tab.network)


def test_example_overview_settles_in_time(tab, example_site):
    data = graph_data(example_site / "index.html")
    settle_ms = tab.open(example_site / "index.html")
    _record("example overview settle", f"{settle_ms:.0f} ms for {len(data['nodes'])} nodes, {len(data['edges'])} edges")
    assert len(tab.drawn_nodes()) == len(data["nodes"])
    assert settle_ms < SETTLE_LIMIT_MS
    ARTIFACTS.mkdir(exist_ok=True)
    tab.page.screenshot(path=str(ARTIFACTS / "overview.png"), full_page=True)
    assert tab.clean(), (tab.errors, tab.dialogs, tab.network)


def test_example_neighbourhood_pages_draw_their_data(tab, example_site):
    """The page of the entity in most papers (a hub) and of the busiest benchmark, screenshotted.

    GSM8K's page, when the corpus has it, is the README's picture (docs/img/neighbourhood.png).
    """
    index = graph_data(example_site / "index.html")
    entities = sorted((n for n in index["nodes"] if n["kind"] == "entity"), key=lambda n: (-n["papers"], n["id"]))
    benchmarks = [n for n in entities if n["type"] == "Benchmark"] or entities
    chosen = {n["id"]: n for n in (entities[0], benchmarks[0], *[n for n in entities if n["label"] == "GSM8K"])}
    for node in chosen.values():
        page = example_site / VIEWS / page_name(node["id"])
        settle_ms = tab.open(page)
        drawn = tab.drawn_nodes()
        _record(f"page of {node['label']}", f"{settle_ms:.0f} ms for {len(drawn)} nodes, {page.stat().st_size} bytes")
        assert drawn == sorted(n["id"] for n in graph_data(page)["nodes"])
        assert len(drawn) <= 300
        tab.page.screenshot(path=str(ARTIFACTS / f"neighbourhood-{page.stem}.png"))
    assert tab.clean(), (tab.errors, tab.dialogs, tab.network)


def test_sample_of_example_pages_loads_cleanly(tab, example_site):
    pages = sorted((example_site / VIEWS).glob("*.html"))
    for page in pages[:: max(1, len(pages) // 25)]:
        tab.open(page)
        assert len(tab.drawn_nodes()) == len(graph_data(page)["nodes"]), page.name
    assert tab.clean(), (tab.errors, tab.dialogs, tab.network)
