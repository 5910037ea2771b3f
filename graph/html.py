"""The HTML views: a static, searchable site of graph views that works from file:// with no network.

pyvis assembles the node and edge data of each view; our own Jinja templates render it, with
vis-network copied once into ``out/assets/`` and every label escaped. Nothing here changes the
caller's graph or writes outside ``out``.
"""

from __future__ import annotations

import hashlib
import json
import math
import multiprocessing
import os
import re
import signal
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import quote, urlsplit

import networkx as nx
from jinja2 import Environment, PackageLoader
from markupsafe import Markup
from pyvis.network import Network

from .errors import OutputError
from .kg import stated_results
from .outputs import write_atomic

__all__ = [
    "write_site",
    "View",
    "neighbourhood",
    "overview",
    "page_name",
    "safe_url",
    "script_json",
    "legend_css",
    "TYPE_STYLES",
    "ROLE_STYLES",
    "ASSETS",
    "VIEWS",
]

ASSETS = "assets"
"""Folder under the output folder holding the shared JavaScript and CSS."""

VIEWS = "views"
"""Folder under the output folder holding one neighbourhood page per node."""

TYPE_STYLES = {
    "Paper": {"shape": "dot", "color": "#94a3b8"},
    "Method": {"shape": "square", "color": "#2563eb"},
    "Model": {"shape": "diamond", "color": "#dc2626"},
    "Benchmark": {"shape": "triangle", "color": "#16a34a"},
    "Dataset": {"shape": "hexagon", "color": "#0891b2"},
    "Organization": {"shape": "star", "color": "#9333ea"},
    "Hardware": {"shape": "triangleDown", "color": "#ea580c"},
    "Metric": {"shape": "diamond", "color": "#ca8a04"},
    "Task": {"shape": "square", "color": "#db2777"},
}
"""Shape and colour of each node type; every (shape, colour) pair is distinct."""

OTHER_STYLE = {"shape": "dot", "color": "#6b7280"}
"""Style of a node whose type is not in TYPE_STYLES."""

ROLE_STYLES = {
    "proposes": {"color": "#15803d", "dashes": False, "width": 2.5},
    "evaluatesOn": {"color": "#c2410c", "dashes": [8, 4], "width": 2},
    "uses": {"color": "#64748b", "dashes": [2, 4], "width": 1.2},
    "variantOf": {"color": "#7c3aed", "dashes": [10, 3, 2, 3], "width": 1.5},
    "developedBy": {"color": "#0f766e", "dashes": [4, 2], "width": 1.5},
}
"""Line style of each edge kind: paper-entity roles, then entity-entity relations."""

ROLE_RANK = {role: rank for rank, role in enumerate(ROLE_STYLES)}

CLIP_PATHS = {
    "dot": "circle(46%)",
    "square": "inset(8%)",
    "diamond": "polygon(50% 0, 100% 50%, 50% 100%, 0 50%)",
    "triangle": "polygon(50% 4%, 100% 96%, 0 96%)",
    "triangleDown": "polygon(0 4%, 100% 4%, 50% 96%)",
    "hexagon": "polygon(25% 6%, 75% 6%, 100% 50%, 75% 94%, 25% 94%, 0 50%)",
    "star": "polygon(50% 0, 62% 35%, 98% 35%, 69% 57%, 79% 91%, 50% 70%, 21% 91%, 31% 57%, 2% 35%, 38% 35%)",
}
"""The vis-network shapes as CSS clip paths, for the legend swatches."""

READABLE_NODES = 60
"""A neighbourhood page adds a second ring only while it stays at or under this many nodes."""

MOST_CONNECTED = 8
"""How many entities of each type the index lists as most connected."""

VIS_FILES = {"vis-network.min.js": "vis-network.min.js", "vis-network.css": "vis-network.min.css"}
"""vis-network files copied from the pyvis package: source name -> name under assets/."""

OWN_FILES = ("paperkg.js", "paperkg.css")
"""Our own static files, copied from graph/templates/ to assets/."""


@dataclass
class View:
    """The nodes one graph drawing shows, and what it leaves out."""

    nodes: list[str]
    centre: str | None = None
    hidden: int = 0
    expanded: list[str] = field(default_factory=list)
    not_expanded: list[str] = field(default_factory=list)


def safe_url(url: object) -> str | None:
    """`url` if it is an absolute http(s) URL, else None: no javascript:, data: or relative links.

    >>> safe_url("https://arxiv.org/abs/2401.00001")
    'https://arxiv.org/abs/2401.00001'
    >>> safe_url("javascript:alert(1)") is None, safe_url("//evil.example") is None
    (True, True)
    """
    if not isinstance(url, str) or re.search(r"[\s\x00-\x1f\x7f]", url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def script_json(data: object) -> Markup:
    """JSON that is safe inside a <script> element: no `</script>`, `<!--` or `]]>` can appear.

    >>> str(script_json({"label": "</script><img src=x>"}))
    '{"label":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def page_name(node: str) -> str:
    """The file name of a node's page under views/: readable, stable, safe on every file system.

    >>> page_name("entity:gpt-4"), page_name("entity:GPT 4")
    ('entity-gpt-4.html', 'entity-gpt-4-553309701d.html')
    """
    kind, _, key = node.partition(":")
    kind = re.sub(r"[^a-z0-9]+", "", kind.lower()) or "node"
    safe = re.sub(r"[^a-z0-9_-]+", "-", key.lower()).strip("-")[:60]
    if safe != key or not safe:
        digest = hashlib.sha1(node.encode("utf-8")).hexdigest()[:10]
        safe = f"{safe}-{digest}" if safe else digest
    return f"{kind}-{safe}.html"


def legend_css() -> str:
    """CSS for the legend swatches (.t-Type, .r-role), made from TYPE_STYLES and ROLE_STYLES."""
    lines = ["/* Legend swatches, generated from TYPE_STYLES and ROLE_STYLES in graph/html.py. */"]
    for name, style in [*TYPE_STYLES.items(), ("other", OTHER_STYLE)]:
        lines.append(f".t-{name} {{ background: {style['color']}; clip-path: {CLIP_PATHS[style['shape']]}; }}")
    for role, style in ROLE_STYLES.items():
        paint = style["color"]
        if style["dashes"]:
            stops, at = [], 0
            for number, length in enumerate(style["dashes"]):
                colour = style["color"] if number % 2 == 0 else "transparent"
                stops.append(f"{colour} {at}px {at + length}px")
                at += length
            paint = f"repeating-linear-gradient(90deg, {', '.join(stops)})"
        lines.append(f".r-{role} {{ background: {paint}; height: {style['width'] + 0.5}px; }}")
    return "\n".join(lines) + "\n"


def _type_class(type_name: str) -> str:
    return f"t-{type_name}" if type_name in TYPE_STYLES else "t-other"


def _neighbours(graph: nx.MultiDiGraph, node: str) -> set[str]:
    return set(graph.successors(node)) | set(graph.predecessors(node))


def _edge_kind(data: dict) -> str:
    return data.get("role") or data.get("relation") or "uses"


def overview(graph: nx.MultiDiGraph, *, max_nodes: int) -> View:
    """The `max_nodes` nodes of highest degree (ties by id), and how many are left out."""
    ranked = sorted(graph.nodes, key=lambda n: (-graph.degree(n), n))
    return View(nodes=ranked[:max_nodes], hidden=max(0, len(ranked) - max_nodes))


def neighbourhood(graph: nx.MultiDiGraph, centre: str, *, max_nodes: int, readable: int = READABLE_NODES) -> View:
    """A node, its neighbours (strongest role, then degree, first; capped) and a second ring where readable.

    The second ring grows from the least connected neighbours outwards, each neighbour's whole
    ring at once, while the view stays at or under `readable` nodes; hubs stay unexpanded.
    """
    def strength(n: str) -> tuple:
        kinds = [_edge_kind(d) for d in graph.get_edge_data(centre, n, default={}).values()]
        kinds += [_edge_kind(d) for d in graph.get_edge_data(n, centre, default={}).values()]
        return (min(ROLE_RANK.get(k, len(ROLE_RANK)) for k in kinds), -graph.degree(n), n)

    ring = sorted(_neighbours(graph, centre) - {centre}, key=strength)
    shown = ring[: max(0, max_nodes - 1)]
    view = View(nodes=[centre, *shown], centre=centre, hidden=len(ring) - len(shown))
    limit = min(readable, max_nodes)
    if view.hidden or len(view.nodes) >= limit:
        return view
    chosen = set(view.nodes)
    second: list[str] = []
    for node in sorted(shown, key=lambda n: (graph.degree(n), n)):
        extra = sorted(_neighbours(graph, node) - chosen)
        if not extra:
            continue
        if len(chosen) + len(extra) > limit:
            view.not_expanded.append(node)
            continue
        chosen.update(extra)
        second.extend(extra)
        view.expanded.append(node)
    view.nodes.extend(second)
    return view


def _paper_counts(graph: nx.MultiDiGraph) -> dict[str, int]:
    """For each entity, the number of distinct papers linked to it; for each paper, 1."""
    kinds = nx.get_node_attributes(graph, "kind")
    counts = {}
    for node in graph.nodes:
        if kinds.get(node) == "paper":
            counts[node] = 1
        else:
            counts[node] = sum(1 for n in _neighbours(graph, node) if kinds.get(n) == "paper")
    return counts


def _short(text: str, limit: int = 40) -> str:
    """`text` cut to `limit` characters with an ellipsis.

    >>> _short("Octopus v4: Graph of language models", 12)
    'Octopus v4:…'
    """
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _evidence(data: dict) -> list | None:
    """[sentence, start, end] of an edge's first evidence, offsets inside the sentence, or None."""
    for item in data.get("evidence") or ():
        sentence = item.get("sentence") or ""
        text = item.get("text") or ""
        start = (item.get("start") or 0) - (item.get("sent_start") or 0)
        if sentence[start : start + len(text)] != text:
            start = sentence.find(text) if text else -1
        if start < 0:
            return [sentence, 0, 0]
        return [sentence, start, start + len(text)]
    return None


class _Site:
    """What every page needs to know about the whole graph: labels, page names, paper counts."""

    def __init__(self, graph: nx.MultiDiGraph, *, max_pages: int):
        self.graph = graph
        self.papers = _paper_counts(graph)
        ranked = sorted(graph.nodes, key=lambda n: (-graph.degree(n), n))
        names: dict[str, str] = {}
        taken: set[str] = set()
        for node in sorted(ranked[:max_pages]):
            name = page_name(node)
            if name in taken:
                name = page_name(f"{node}#{len(taken)}")
            taken.add(name)
            names[node] = name
        self.pages = names
        self.results: dict[str, list[dict]] = {}  # node -> the stated results it is the system, benchmark or paper of
        self.scores: Counter = Counter()  # benchmark node -> how many scores are stated on it
        for row in stated_results(graph):
            self.scores[row["benchmark"]] += 1
            for k in ("system", "benchmark", "paper"):
                self.results.setdefault(row[k], []).append(row)

    def attrs(self, node: str) -> dict:
        return self.graph.nodes[node]

    def label(self, node: str) -> str:
        return str(self.attrs(node).get("label") or node)

    def type(self, node: str) -> str:
        return str(self.attrs(node).get("type") or "Entity")

    def is_paper(self, node: str) -> bool:
        return self.attrs(node).get("kind") == "paper"

    def href(self, node: str, root: str) -> str | None:
        """Link to a node's page from a page `root` levels below out/ ('' or '../')."""
        name = self.pages.get(node)
        return f"{root}{VIEWS}/{quote(name)}" if name else None

    def external(self, node: str) -> str | None:
        attrs = self.attrs(node)
        url = safe_url(attrs.get("url"))
        if not url and attrs.get("arxiv_id"):
            url = safe_url(f"https://arxiv.org/abs/{quote(str(attrs['arxiv_id']))}")
        return url

    def node_data(self, node: str, *, root: str, centre: str | None) -> dict:
        """One node's vis-network fields, plus what our tooltips and filters read."""
        style = TYPE_STYLES.get(self.type(node), OTHER_STYLE)
        label = self.label(node)
        papers = self.papers[node]
        data = {
            "label": label,
            "shape": style["shape"],
            "color": style["color"],
            "size": 8 if self.is_paper(node) else round(9 + 3.5 * math.log2(1 + papers), 1),
            "type": self.type(node),
            "kind": "paper" if self.is_paper(node) else "entity",
            "papers": papers,
        }
        aliases = [str(a) for a in self.attrs(node).get("aliases") or () if str(a) != label]
        if aliases:
            data["aliases"] = aliases[:8]
        href = self.href(node, root)
        if href and node != centre:
            data["href"] = href
        if url := self.external(node):
            data["url"] = url
        if self.is_paper(node):
            data["links"] = len(_neighbours(self.graph, node))
            if self.attrs(node).get("date"):
                data["date"] = str(self.attrs(node)["date"])
        if node == centre:
            data.update(centre=True, borderWidth=4)
        return data

    def vis_data(self, view: View, *, root: str) -> dict:
        """The nodes and edges of a view, assembled with pyvis, as one JSON-ready dict."""
        net = Network(directed=True)
        for node in view.nodes:
            net.add_node(node, **self.node_data(node, root=root, centre=view.centre))
        chosen = set(view.nodes)
        edges = [
            (u, v, k, d) for u, v, k, d in self.graph.subgraph(chosen).edges(keys=True, data=True)
        ]
        edges.sort(key=lambda e: (e[0], e[1], str(e[2])))
        for number, (u, v, _, data) in enumerate(edges):
            kind = _edge_kind(data)
            style = ROLE_STYLES.get(kind, ROLE_STYLES["uses"])
            options = {"id": f"e{number}", "role": kind, **style}
            if data.get("confidence") is not None:
                options["confidence"] = round(float(data["confidence"]), 2)
            if evidence := _evidence(data):
                options["evidence"] = evidence
            net.add_edge(u, v, **options)
        return {"nodes": net.nodes, "edges": net.edges}


def _filters(site: _Site, view: View, data: dict) -> dict:
    """What the legend and filter controls list: the types and roles present in a view."""
    types = Counter(n["type"] for n in data["nodes"])
    roles = Counter(e["role"] for e in data["edges"])
    type_order = list(TYPE_STYLES)
    return {
        "types": [
            {"name": t, "count": types[t]}
            for t in sorted(types, key=lambda t: (type_order.index(t) if t in type_order else len(type_order), t))
        ],
        "roles": [{"name": r, "count": roles[r]} for r in ROLE_STYLES if r in roles],
        "max_papers": max((n["papers"] for n in data["nodes"] if n["kind"] == "entity"), default=1),
    }


def _connections(site: _Site, node: str) -> list[dict]:
    """Every edge at a node, grouped by role, with evidence: the full list under the drawing."""
    groups: dict[tuple[str, str], list[dict]] = {}
    rows = [(node, v, d, "out") for _, v, d in site.graph.out_edges(node, data=True)]
    rows += [(u, node, d, "in") for u, _, d in site.graph.in_edges(node, data=True)]
    for u, v, data, direction in rows:
        other = v if direction == "out" else u
        kind = _edge_kind(data)
        groups.setdefault((kind, direction), []).append(
            {
                "id": other,
                "label": site.label(other),
                "type": site.type(other),
                "href": site.href(other, "../"),
                "url": site.external(other) if site.is_paper(other) else None,
                "papers": site.papers[other],
                "evidence": _evidence(data),
                "confidence": data.get("confidence"),
            }
        )
    titles = {
        ("proposes", "out"): "Proposes",
        ("proposes", "in"): "Proposed by",
        ("evaluatesOn", "out"): "Evaluates on",
        ("evaluatesOn", "in"): "Evaluated on by",
        ("uses", "out"): "Uses",
        ("uses", "in"): "Used by",
        ("variantOf", "out"): "Variant of",
        ("variantOf", "in"): "Variants",
        ("developedBy", "out"): "Developed by",
        ("developedBy", "in"): "Developed",
    }
    ordered = sorted(groups, key=lambda g: (ROLE_RANK.get(g[0], len(ROLE_RANK)), g[0], g[1] == "in"))
    return [
        {
            "title": titles.get(g, f"{g[0]} ({g[1]})"),
            "role": g[0],
            "rows": sorted(groups[g], key=lambda i: (-i["papers"], i["label"].lower(), i["label"], i["id"])),
        }
        for g in ordered
    ]


def _stated_results(site: _Site, node: str) -> list[dict]:
    """The scores abstracts state with the node as system, benchmark or paper: by benchmark and metric, the best first
    (the lowest where lower is better)."""

    def link(n: str | None) -> dict | None:
        return {"label": site.label(n), "href": site.href(n, "../")} if n else None

    rows = [
        {
            "system": link(r["system"]), "benchmark": link(r["benchmark"]), "metric": link(r["metric"]),
            "paper": link(r["paper"]), "value": f"{r['value']:g}", "sentence": r["sentence"],
            "rank": r["value"] if r["lower_is_better"] else -r["value"],
        }
        for r in site.results.get(node, ())
    ]
    return sorted(rows, key=lambda r: (
        r["benchmark"]["label"].lower(), r["metric"]["label"].lower() if r["metric"] else "", r["rank"],
        r["system"]["label"], r["paper"]["label"], r["sentence"],
    ))


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("graph", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["script_json"] = script_json
    env.filters["type_class"] = _type_class
    env.globals.update(type_styles=TYPE_STYLES, role_styles=ROLE_STYLES)
    return env


def _graph_block(site: _Site, view: View, *, root: str, total: int) -> dict:
    data = site.vis_data(view, root=root)
    return {"data": data, "filters": _filters(site, view, data), "view": view, "total": total}


def _index_context(site: _Site, *, max_nodes: int) -> dict:
    graph = site.graph
    entity_types = Counter(site.type(n) for n in graph.nodes if not site.is_paper(n))
    roles = Counter(_edge_kind(d) for _, _, d in graph.edges(data=True))
    most: dict[str, list[dict]] = {}
    for node in sorted(graph.nodes, key=lambda n: (-site.papers[n], site.label(n).lower(), n)):
        if site.is_paper(node):
            continue
        rows = most.setdefault(site.type(node), [])
        if len(rows) < MOST_CONNECTED:
            rows.append({"label": site.label(node), "href": site.href(node, ""), "papers": site.papers[node]})
    view = overview(graph, max_nodes=max_nodes)
    boards = [
        {"label": site.label(node), "href": site.href(node, ""), "count": count, "best": _stated_results(site, node)[0]}
        for node, count in sorted(site.scores.items(), key=lambda item: (-item[1], site.label(item[0]).lower(), item[0]))[:LEADERBOARDS]
    ]
    return {
        "leaderboards": boards,
        "papers": sum(1 for n in graph.nodes if site.is_paper(n)),
        "entity_types": [(t, entity_types[t]) for t in sorted(entity_types, key=lambda t: (-entity_types[t], t))],
        "roles": [(r, roles[r]) for r in sorted(roles, key=lambda r: (ROLE_RANK.get(r, len(ROLE_RANK)), r))],
        "most": [(t, most[t]) for t, _ in sorted(entity_types.items(), key=lambda i: (-i[1], i[0])) if t in most],
        "graph": _graph_block(site, view, root="", total=graph.number_of_nodes()),
        "pages": len(site.pages),
        "nodes": graph.number_of_nodes(),
    }


LEADERBOARDS = 10
"""Benchmarks with the most stated scores listed on the front page, each with the first of its list (by metric, best first)."""


def _directory_context(site: _Site) -> dict:
    groups: dict[str, list[dict]] = {}
    for node in sorted(site.graph.nodes, key=lambda n: (-site.papers[n], site.label(n).lower(), n)):
        if not site.is_paper(node):
            groups.setdefault(site.type(node), []).append(
                {"label": site.label(node), "href": site.href(node, ""), "papers": site.papers[node]}
            )
    papers = [
        {"label": site.label(n), "href": site.href(n, ""), "url": site.external(n), "date": site.attrs(n).get("date")}
        for n in sorted((n for n in site.graph.nodes if site.is_paper(n)), key=lambda n: (site.label(n).lower(), n))
    ]
    order = list(TYPE_STYLES)
    types = sorted(groups, key=lambda t: (order.index(t) if t in order else len(order), t))
    return {"groups": [(t, groups[t]) for t in types], "papers": papers}


def _view_context(site: _Site, node: str, *, max_nodes: int) -> dict:
    attrs = site.attrs(node)
    view = neighbourhood(site.graph, node, max_nodes=max_nodes)
    return {
        "node": node,
        "label": site.label(node),
        "type": site.type(node),
        "is_paper": site.is_paper(node),
        "papers": site.papers[node],
        "aliases": [str(a) for a in attrs.get("aliases") or () if str(a) != site.label(node)],
        "url": site.external(node),
        "wikidata": str(attrs["wikidata"]) if attrs.get("wikidata") else None,
        "wikidata_url": safe_url(f"https://www.wikidata.org/wiki/{quote(str(attrs['wikidata']))}") if attrs.get("wikidata") else None,
        "abstract": attrs.get("abstract"),
        "date": attrs.get("date"),
        "authors": [str(a) for a in attrs.get("authors") or ()],
        "code_urls": [u for u in (safe_url(c) for c in attrs.get("code_urls") or ()) if u],
        "sources": attrs.get("sources") or [],
        "from_kb": attrs.get("from_kb"),
        "connections": _connections(site, node),
        "results": _stated_results(site, node),
        "not_expanded": [(_short(site.label(n)), len(_neighbours(site.graph, n))) for n in view.not_expanded],
        "graph": _graph_block(site, view, root="../", total=len(_neighbours(site.graph, node)) + 1),
    }


def _search_index(site: _Site) -> str:
    """assets/search-index.js: every node as [label, type, href, aliases, papers], for the search box."""
    rows = []
    for node in sorted(site.graph.nodes, key=lambda n: (site.is_paper(n), -site.papers[n], site.label(n).lower(), n)):
        aliases = [str(a) for a in site.attrs(node).get("aliases") or ()]
        rows.append([site.label(node), site.type(node), site.href(node, ""), aliases, site.papers[node]])
    return f"window.PAPERKG_INDEX = {script_json(rows)};\n"


def _copy_assets(out: Path) -> list[Path]:
    written = []
    vis = resources.files("pyvis") / "templates" / "lib" / "vis-9.1.2"
    for source, name in VIS_FILES.items():
        path = out / ASSETS / name
        write_atomic(path, (vis / source).read_bytes())
        written.append(path)
    own = resources.files("graph") / "templates"
    for name in OWN_FILES:
        path = out / ASSETS / name
        text = (own / name).read_text("utf-8")
        write_atomic(path, text + legend_css() if name.endswith(".css") else text)
        written.append(path)
    return written


def _remove_stale(folder: Path, keep: set[Path]) -> None:
    """Delete pages of an earlier build whose node is gone; only *.html files directly in `folder`."""
    if folder.is_dir():
        for path in folder.glob("*.html"):
            if path not in keep and path.is_file():
                path.unlink()


def write_site(
    graph: nx.MultiDiGraph, out: Path, *, max_nodes: int = 300, max_pages: int = 5000, jobs: int = 1
) -> list[Path]:
    """Write the HTML site of `graph` under `out`: index, directory, one page per node, shared assets.

    Each drawing shows at most `max_nodes` nodes; at most `max_pages` nodes (highest degree
    first) get a page of their own. With `jobs` > 1 the pages are shared among that many
    processes. The same graph always gives byte-identical files. Returns the paths written.
    """
    if not isinstance(graph, nx.MultiDiGraph):
        raise TypeError(f"write_site needs a networkx.MultiDiGraph, got {type(graph).__name__}")
    if max_nodes < 1 or max_pages < 0:
        raise ValueError(f"max_nodes must be >= 1 and max_pages >= 0, got {max_nodes} and {max_pages}")
    out = Path(out)
    site = _Site(graph.copy(), max_pages=max_pages)
    nodes = sorted(site.pages)
    shares = max(1, min(jobs, len(nodes)))
    helpers = [_start_pages(site, out, nodes[k::shares], max_nodes) for k in range(1, shares)]
    try:
        written = _write_front(site, out, max_nodes)
        _write_pages(site, out, nodes[::shares], max_nodes)
        for helper in helpers:
            helper.join()
            if helper.exitcode != 0:
                raise OutputError(f"{out / VIEWS}: a process writing the HTML views failed (exit code {helper.exitcode})")
    finally:
        for helper in helpers:  # an error or Ctrl-C here: no helper may write on into a folder being cleaned up
            if helper.is_alive():
                helper.terminate()
                helper.join()
    pages = [out / VIEWS / site.pages[node] for node in nodes]
    _remove_stale(out / VIEWS, set(pages))
    return written + pages


def _write_front(site: _Site, out: Path, max_nodes: int) -> list[Path]:
    """The shared assets, the search index, the index page and the directory of all pages."""
    env = _environment()
    written = _copy_assets(out)
    path = out / ASSETS / "search-index.js"
    write_atomic(path, _search_index(site))
    written.append(path)
    for name, template, context in (
        ("index.html", "index.html", _index_context(site, max_nodes=max_nodes)),
        ("all.html", "all.html", _directory_context(site)),
    ):
        path = out / name
        write_atomic(path, env.get_template(template).render(root="", **context))
        written.append(path)
    return written


def _write_pages(site: _Site, out: Path, nodes: list[str], max_nodes: int, *, parent: int | None = None) -> None:
    """The view pages of `nodes`; in a helper process, it stops as soon as its build (`parent`) is gone."""
    template = _environment().get_template("view.html")
    for node in nodes:
        if parent is not None and os.getppid() != parent:
            return  # the build was killed: write nothing more into its staging folder
        path = out / VIEWS / site.pages[node]
        write_atomic(path, template.render(root="../", **_view_context(site, node, max_nodes=max_nodes)))


def _start_pages(site: _Site, out: Path, nodes: list[str], max_nodes: int) -> multiprocessing.process.BaseProcess:
    """A forked process writing the pages of `nodes`: it shares the site's data without copying it."""
    process = multiprocessing.get_context("fork").Process(
        target=_pages_in_helper, args=(site, out, nodes, max_nodes, os.getpid()), daemon=True, name="paperkg-html"
    )
    process.start()
    return process


def _pages_in_helper(site: _Site, out: Path, nodes: list[str], max_nodes: int, parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build's to handle; it stops its helpers
    _write_pages(site, out, nodes, max_nodes, parent=parent)
