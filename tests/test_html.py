"""The HTML site without a browser: where files go, escaping, caps, determinism, links that resolve."""

from __future__ import annotations

import json
import random
import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from graph.html import ASSETS, VIEWS, neighbourhood, page_name, safe_url, write_site
from graph.kg import build_graph
from graph.records import Entity, Link, Mention, Paper, Result, Source

HOSTILE_TITLE = "<img src=x onerror=alert(1)>"
HOSTILE_LABEL = '"><svg onload=alert(3)>'
HOSTILE_ALIAS = "</script><script>alert(4)</script>"


def _mention(paper: Paper, text: str, sentence: str, role: str, etype: str, rule: str = "kb") -> Mention:
    sent_start = paper.text.index(sentence)
    start = sent_start + sentence.index(text)
    return Mention(paper.key, text, start, start + len(text), sentence, sent_start, etype, rule, role)


def _link(paper: Paper, entity: Entity, text: str, sentence: str, role: str) -> Link:
    return Link(paper.key, entity.key, role, 0.9, (_mention(paper, text, sentence, role, entity.type),))


def tiny_graph() -> nx.MultiDiGraph:
    """Three papers, five entities, every role and relation; one paper and one entity are hostile."""
    src = (Source("tiny.jsonl", 1),)
    hostile = Paper(
        "hostile",
        HOSTILE_TITLE,
        "We evaluate </script><script>alert(2)</script> on GSM8K. It uses " + HOSTILE_LABEL + " too.",
        src,
        url="javascript:alert(1)",
        code_urls=("javascript:alert(5)", "https://github.com/example/tool"),
    )
    llama = Paper(
        "llama-gsm",
        "MathCoach: Llama 2 on GSM8K",
        "We propose MathCoach, a tutor built on Llama 2. MathCoach reaches 80% on GSM8K.",
        src,
        arxiv_id="2401.00001",
        date="Mar 17",
    )
    more = Paper("coach-more", "More MathCoach", "We use MathCoach with Llama 2.", src, url="https://example.org/paper")
    gsm8k = Entity("gsm8k", "GSM8K", "Benchmark", aliases=("gsm8k", "GSM-8K"), from_kb=True)
    llama2 = Entity("llama-2", "Llama 2", "Model", aliases=("LLaMA-2",), developed_by="meta", from_kb=True)
    meta = Entity("meta", "Meta", "Organization", from_kb=True)
    coach = Entity("mathcoach", "MathCoach", "Method")
    evil = Entity("evil", HOSTILE_LABEL, "Method", aliases=(HOSTILE_ALIAS,))
    entities = {e.key: e for e in (gsm8k, llama2, meta, coach, evil)}
    links = [
        _link(hostile, gsm8k, "GSM8K", "We evaluate </script><script>alert(2)</script> on GSM8K.", "evaluatesOn"),
        _link(hostile, evil, HOSTILE_LABEL, "It uses " + HOSTILE_LABEL + " too.", "uses"),
        _link(llama, coach, "MathCoach", "We propose MathCoach, a tutor built on Llama 2.", "proposes"),
        _link(llama, llama2, "Llama 2", "We propose MathCoach, a tutor built on Llama 2.", "uses"),
        _link(llama, gsm8k, "GSM8K", "MathCoach reaches 80% on GSM8K.", "evaluatesOn"),
        _link(more, coach, "MathCoach", "We use MathCoach with Llama 2.", "uses"),
        _link(more, llama2, "Llama 2", "We use MathCoach with Llama 2.", "uses"),
    ]
    results = [
        Result("llama-gsm", "mathcoach", "gsm8k", None, 0.8, "MathCoach reaches 80% on GSM8K."),
        Result("hostile", "evil", "gsm8k", None, 0.5, "We evaluate </script><script>alert(2)</script> on GSM8K."),
    ]
    return build_graph([hostile, llama, more], entities, links, results)


def hub_graph(papers: int = 40) -> nx.MultiDiGraph:
    """`papers` papers that all use one hub entity, each also proposing an entity of its own."""
    src = (Source("hub.jsonl", 1),)
    hub = Entity("hub", "Hub", "Method")
    records, entities, links = [], {"hub": hub}, []
    for i in range(papers):
        sentence = f"We propose Own{i:02d} and use Hub."
        paper = Paper(f"p{i:02d}", f"Paper {i:02d}", sentence, src)
        own = Entity(f"own{i:02d}", f"Own{i:02d}", "Method")
        entities[own.key] = own
        records.append(paper)
        links.append(_link(paper, own, own.label, sentence, "proposes"))
        links.append(_link(paper, hub, "Hub", sentence, "uses"))
    return build_graph(records, entities, links)


def graph_data(page: Path) -> dict:
    """The node and edge data embedded in a page, parsed the way the browser parses it."""
    match = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page.read_text("utf-8"), re.S)
    assert match, f"no graph data in {page}"
    return json.loads(match.group(1))


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text of every <script> element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def parse(page: Path) -> _Tags:
    tags = _Tags()
    tags.feed(page.read_text("utf-8"))
    return tags


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    write_site(tiny_graph(), out)
    return out


def test_writes_only_under_out_and_returns_every_file(tmp_path, monkeypatch):
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    out = tmp_path / "site"
    written = write_site(tiny_graph(), out)
    assert list(cwd.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cwd", "site"]
    assert sorted(written) == sorted(p for p in out.rglob("*") if p.is_file())
    assert {"index.html", "all.html"} <= {p.name for p in out.iterdir()}
    assert sorted(p.name for p in (out / ASSETS).iterdir()) == [
        "paperkg.css",
        "paperkg.js",
        "search-index.js",
        "vis-network.min.css",
        "vis-network.min.js",
    ]
    assert len(list((out / VIEWS).glob("*.html"))) == 8


def test_caller_graph_is_unchanged(tmp_path):
    graph = tiny_graph()
    before = json.dumps(nx.node_link_data(graph, edges="edges"), sort_keys=True)
    write_site(graph, tmp_path / "site")
    assert json.dumps(nx.node_link_data(graph, edges="edges"), sort_keys=True) == before


def test_hostile_strings_are_escaped_everywhere(site):
    for path in site.rglob("*"):
        if path.suffix in (".html", ".js") and path.parent.name != ASSETS or path.name == "search-index.js":
            text = path.read_text("utf-8")
            for raw in ("<img src=x", "<svg onload", "<script>alert", "</script><script>"):
                assert raw not in text, f"{raw!r} unescaped in {path}"
    page = site / VIEWS / page_name("paper:hostile")
    text = page.read_text("utf-8")
    assert "<h1>&lt;img src=x onerror=alert(1)&gt;</h1>" in text
    assert "&#34;&gt;&lt;svg onload=alert(3)&gt;" in text


def test_embedded_data_round_trips_the_exact_strings(site):
    data = graph_data(site / VIEWS / page_name("paper:hostile"))
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert labels["paper:hostile"] == HOSTILE_TITLE
    assert labels["entity:evil"] == HOSTILE_LABEL
    evil = next(n for n in data["nodes"] if n["id"] == "entity:evil")
    assert evil["aliases"] == [HOSTILE_ALIAS]
    sentence, start, end = next(e["evidence"] for e in data["edges"] if e["to"] == "entity:evil")
    assert sentence[start:end] == HOSTILE_LABEL


def test_only_pages_assets_and_http_links(site):
    """No script but ours, no CDN, no javascript: URL; every relative link resolves to a file."""
    for page in site.rglob("*.html"):
        tags = parse(page)
        for tag, attrs in tags.tags:
            if tag == "script":
                assert attrs.get("src", "").startswith(("assets/", "../assets/")) or attrs.get("type") == "application/json"
            for name in ("href", "src"):
                url = attrs.get(name)
                if url is None:
                    continue
                if url.startswith(("http://", "https://")):
                    assert tag == "a" and safe_url(url) == url
                    continue
                assert ":" not in url, f"{url!r} in {page}"
                target = url.split("#")[0]
                if target:
                    assert (page.parent / target).is_file(), f"{url!r} in {page} leads nowhere"


def test_paper_links_are_http_only(site):
    hostile = (site / VIEWS / page_name("paper:hostile")).read_text("utf-8")
    assert "javascript:" not in hostile
    assert 'href="https://github.com/example/tool"' in hostile
    llama = (site / VIEWS / page_name("paper:llama-gsm")).read_text("utf-8")
    assert 'href="https://arxiv.org/abs/2401.00001"' in llama
    data = graph_data(site / "index.html")
    urls = {n["id"]: n.get("url") for n in data["nodes"]}
    assert urls == {
        "paper:hostile": None,
        "paper:llama-gsm": "https://arxiv.org/abs/2401.00001",
        "paper:coach-more": "https://example.org/paper",
        "entity:gsm8k": None,
        "entity:llama-2": None,
        "entity:meta": None,
        "entity:mathcoach": None,
        "entity:evil": None,
    }


def test_every_node_is_drawn_with_its_type_style_and_role_edges(site):
    data = graph_data(site / "index.html")
    assert len(data["nodes"]) == 8
    assert len(data["edges"]) == 8
    shapes = {n["type"]: (n["shape"], n["color"]) for n in data["nodes"]}
    assert len(set(shapes.values())) == len(shapes)
    roles = sorted(e["role"] for e in data["edges"])
    assert roles == ["developedBy", "evaluatesOn", "evaluatesOn", "proposes", "uses", "uses", "uses", "uses"]
    assert {e["role"]: e["dashes"] for e in data["edges"]}["evaluatesOn"]
    sizes = {n["id"]: n["size"] for n in data["nodes"]}
    assert sizes["entity:gsm8k"] > sizes["entity:meta"]
    papers = {n["id"]: n["papers"] for n in data["nodes"]}
    assert papers["entity:llama-2"] == 2 and papers["entity:meta"] == 0


def test_view_page_lists_every_connection_with_marked_evidence(site):
    text = (site / VIEWS / page_name("entity:gsm8k")).read_text("utf-8")
    assert "Evaluated on by" in text
    assert "MathCoach reaches 80% on <mark>GSM8K</mark>.</q>" in text
    assert 'href="../views/paper-llama-gsm.html"' in text


def test_pages_of_a_benchmark_a_system_and_a_paper_list_their_stated_results(site):
    rows = re.compile(r"<tr title=\"(?P<sentence>[^\"]*)\">\s*<td>(?P<system>.*?)</td>.*?<td class=\"value\">(?P<value>[^<]*)</td>", re.S)
    on_gsm8k = [(m["system"], m["value"]) for m in rows.finditer((site / VIEWS / page_name("entity:gsm8k")).read_text("utf-8"))]
    assert on_gsm8k == [('<a href="../views/entity-mathcoach.html">MathCoach</a>', "0.8"), (
        '<a href="../views/entity-evil.html">&#34;&gt;&lt;svg onload=alert(3)&gt;</a>', "0.5")]  # highest first, escaped
    for node in ("entity:mathcoach", "paper:llama-gsm"):
        page = (site / VIEWS / page_name(node)).read_text("utf-8")
        assert [m["sentence"] for m in rows.finditer(page)] == ["MathCoach reaches 80% on GSM8K."]
    assert 'id="results"' not in (site / VIEWS / page_name("entity:meta")).read_text("utf-8")


def test_the_front_page_lists_the_benchmarks_with_stated_results_and_the_top_of_each(site):
    text = (site / "index.html").read_text("utf-8")
    section = text[text.index("<h2>Stated results</h2>") :]
    assert '<a href="views/entity-gsm8k.html">GSM8K</a></td>\n      <td class="value">2</td>\n      <td>MathCoach 0.8</td>' in section


def test_node_cap_on_overview_and_hub_page(tmp_path):
    out = tmp_path / "site"
    write_site(hub_graph(40), out, max_nodes=10)
    overview = graph_data(out / "index.html")
    assert len(overview["nodes"]) == 10
    assert "most connected of 81 nodes; 71 less connected nodes are hidden" in (out / "index.html").read_text("utf-8")
    hub = out / VIEWS / page_name("entity:hub")
    assert len(graph_data(hub)["nodes"]) == 10
    text = hub.read_text("utf-8")
    assert "Showing 9 of 40 neighbours" in text and "31 are hidden" in text
    assert text.count('<a href="../views/paper-p') == 40, "the list below the drawing keeps every connection"
    for page in (out / VIEWS).glob("*.html"):
        assert len(graph_data(page)["nodes"]) <= 10


def test_second_ring_only_while_readable():
    graph = hub_graph(40)
    view = neighbourhood(graph, "paper:p00", max_nodes=300, readable=20)
    assert view.nodes[:3] == ["paper:p00", "entity:own00", "entity:hub"]
    assert view.expanded == [] and view.not_expanded == ["entity:hub"]
    wide = neighbourhood(graph, "paper:p00", max_nodes=300, readable=60)
    assert wide.expanded == ["entity:hub"] and len(wide.nodes) == 42
    capped = neighbourhood(graph, "entity:hub", max_nodes=5)
    assert len(capped.nodes) == 5 and capped.hidden == 36


def test_page_cap_leaves_no_dead_links(tmp_path):
    out = tmp_path / "site"
    write_site(hub_graph(10), out, max_pages=3)
    assert len(list((out / VIEWS).glob("*.html"))) == 3
    assert "Only the 3 most connected nodes have a page of their own." in (out / "index.html").read_text("utf-8")
    for page in out.rglob("*.html"):
        for tag, attrs in parse(page).tags:
            href = attrs.get("href", "")
            if tag == "a" and href.endswith(".html"):
                assert (page.parent / href).is_file()
    hrefs = [n.get("href") for n in graph_data(out / "index.html")["nodes"]]
    assert sum(1 for h in hrefs if h) == 3


def test_same_graph_gives_identical_bytes(tmp_path):
    write_site(tiny_graph(), tmp_path / "a")
    write_site(tiny_graph(), tmp_path / "b")
    first = tree(tmp_path / "b")
    write_site(tiny_graph(), tmp_path / "b")
    assert tree(tmp_path / "a") == first == tree(tmp_path / "b")


@pytest.mark.parametrize("jobs", [2, 3])
def test_pages_shared_among_processes_are_the_same_pages(tmp_path, jobs):
    graph = hub_graph()
    one = write_site(graph, tmp_path / "one")
    many = write_site(graph, tmp_path / "many", jobs=jobs)
    assert [p.relative_to(tmp_path / "many") for p in many] == [p.relative_to(tmp_path / "one") for p in one]
    assert tree(tmp_path / "many") == tree(tmp_path / "one")


def test_insertion_order_does_not_matter(tmp_path):
    graph = tiny_graph()
    shuffled = nx.MultiDiGraph()
    nodes = list(graph.nodes(data=True))
    edges = list(graph.edges(keys=True, data=True))
    random.Random(4).shuffle(nodes)
    random.Random(4).shuffle(edges)
    shuffled.add_nodes_from(nodes)
    shuffled.add_edges_from(edges)
    shuffled.graph["results"] = list(reversed(graph.graph["results"]))
    write_site(graph, tmp_path / "a")
    write_site(shuffled, tmp_path / "b")
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_pages_of_removed_nodes_are_deleted(tmp_path):
    out = tmp_path / "site"
    write_site(hub_graph(10), out)
    assert (out / VIEWS / page_name("paper:p09")).exists()
    (out / VIEWS / "notes.txt").write_text("mine")
    write_site(hub_graph(5), out)
    assert not (out / VIEWS / page_name("paper:p09")).exists()
    assert (out / VIEWS / "notes.txt").read_text() == "mine"
    assert len(list((out / VIEWS).glob("*.html"))) == 11


def test_search_index_lists_every_node(site):
    text = (site / ASSETS / "search-index.js").read_text("utf-8")
    prefix = "window.PAPERKG_INDEX = "
    assert text.startswith(prefix)
    rows = json.loads(text[len(prefix) :].rstrip().rstrip(";"))
    assert len(rows) == 8
    gsm8k = next(r for r in rows if r[0] == "GSM8K")
    assert gsm8k == ["GSM8K", "Benchmark", "views/entity-gsm8k.html", ["gsm8k", "GSM-8K"], 2]


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [({"max_nodes": 0}, ValueError), ({"max_pages": -1}, ValueError)],
)
def test_bad_settings_are_refused(tmp_path, kwargs, error):
    with pytest.raises(error):
        write_site(tiny_graph(), tmp_path / "site", **kwargs)
    assert not (tmp_path / "site").exists()


def test_other_graph_kinds_are_refused(tmp_path):
    with pytest.raises(TypeError, match="MultiDiGraph"):
        write_site(nx.Graph(), tmp_path / "site")


def test_empty_graph_and_bare_nodes(tmp_path):
    """A graph without nodes, and nodes without the usual attributes, still give a working site."""
    assert len(write_site(nx.MultiDiGraph(), tmp_path / "empty")) == 7
    graph = nx.MultiDiGraph()
    graph.add_edge("a", "b")
    graph.add_node("entity:Ünï cödé/../x", label=None)
    out = tmp_path / "bare"
    write_site(graph, out)
    names = sorted(p.name for p in (out / VIEWS).iterdir())
    assert names == [page_name("a"), page_name("b"), page_name("entity:Ünï cödé/../x")]
    assert all(re.fullmatch(r"[a-z0-9_-]+\.html", name) for name in names)
    assert {n["label"] for n in graph_data(out / "index.html")["nodes"]} == {"a", "b", "entity:Ünï cödé/../x"}
