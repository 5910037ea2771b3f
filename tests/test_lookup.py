"""The lookup index: its walk answers as a breadth-first walk over the whole graph would, limits cut groups, errors say what to run."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections import defaultdict, deque
from pathlib import Path

import pytest

from graph.build import load_graph
from graph.errors import GraphMissingError, GraphUnreadableError, NotFoundError
from graph.index import INDEX_FILE, KEPT, index_content, write_index
from graph.kg import lookup_view
from graph.lookup import load_index
from graph.names import name_key

ROOT = Path(__file__).resolve().parent.parent

NODES = [
    ("paper:p1", "paper", "Paper", "Scaling B", []),
    ("paper:p2", "paper", "Paper", "A on B", []),
    ("paper:p3", "paper", "Paper", "a on C", []),
    ("entity:a", "entity", "Method", "A", ["A-1", "Alpha"]),
    ("entity:b", "entity", "Model", "B", []),
    ("entity:b2", "entity", "Model", "b", ["b-two"]),  # folds to the same name as B: ties keep the walk's order
    ("entity:c", "entity", "Organization", "C", []),
    ("entity:v", "entity", "Method", "A-v", []),
    ("entity:lone", "entity", "Task", "lone", []),
]
EDGES = [
    ("paper:p1", "entity:b2", "proposes"),
    ("paper:p1", "entity:a", "uses"),
    ("paper:p1", "entity:b", "uses"),
    ("paper:p2", "entity:a", "evaluatesOn"),
    ("paper:p2", "entity:a", "uses"),  # two roles of one paper: one paper in common
    ("paper:p2", "entity:b", "uses"),
    ("paper:p3", "entity:c", "uses"),
    ("entity:a", "entity:c", "developedBy"),
    ("entity:v", "entity:a", "variantOf"),
]

_INVERSE = {"variantOf": "hasVariant", "developedBy": "developed"}


def walk(nodes: list[tuple], edges: list[tuple], start: str, depth: int) -> list[tuple]:
    """The neighbourhood by a breadth-first walk over every edge held in memory: what the index must answer."""
    rows = {node: (kind, type_, label) for node, kind, type_, label, _ in nodes}
    out, into = defaultdict(list), defaultdict(list)
    for source, target, link in edges:
        out[source].append((target, link))
        into[target].append((source, _INVERSE.get(link, link)))
    seen, first_link, via, queue = {start: 0}, {}, defaultdict(set), deque([start])
    while queue:
        node = queue.popleft()
        if seen[node] >= depth or (node != start and rows[node][0] != "paper"):
            continue
        for other, link in out[node] + into[node]:
            if other == start:
                continue
            if rows[node][0] == "paper":
                via[other].add(node)
            if other not in seen:
                seen[other] = seen[node] + 1
                first_link[other] = link if node == start else f"via {rows[node][0]}"
                queue.append(other)
    found = [
        (node, rows[node][2], rows[node][0], rows[node][1], distance, first_link[node], len(via[node]) if rows[node][0] == "entity" else 0)
        for node, distance in seen.items()
        if node != start
    ]
    return sorted(found, key=lambda n: (n[4], -n[6], n[1].casefold()))


def as_rows(hood) -> list[tuple]:
    return [(n.id, n.label, n.kind, n.type, n.distance, n.link, n.papers) for n in hood.neighbours]


@pytest.fixture
def small(tmp_path) -> Path:
    write_index(tmp_path / INDEX_FILE, NODES, EDGES)
    return tmp_path


@pytest.mark.parametrize("depth", [1, 2, 3])
@pytest.mark.parametrize("node", [row[0] for row in NODES])
def test_the_index_walks_as_a_walk_over_the_whole_graph(small, node, depth):
    name = next(aliases[-1] if aliases else label for n, _, _, label, aliases in NODES if n == node)  # names only it has
    assert as_rows(load_index(small).neighbourhood(name, depth)) == walk(NODES, EDGES, node, depth)


def test_a_built_graph_answers_as_the_walk_for_every_name_and_depth(built):
    nodes, edges, _ = lookup_view(load_graph(built))
    index = load_index(built)
    for node, _kind, _type, label, aliases in nodes:
        for name in (label, *aliases):
            start = index.neighbourhood(name).id
            for depth in (1, 2, 3):
                assert as_rows(index.neighbourhood(name, depth)) == walk(nodes, edges, start, depth), (name, depth)


def test_what_the_small_graph_says(small):
    hood = load_index(small).neighbourhood("alpha")
    assert (hood.id, hood.label, hood.aliases) == ("entity:a", "A", ["A-1", "Alpha"])
    assert as_rows(hood) == [
        ("paper:p2", "A on B", "paper", "Paper", 1, "evaluatesOn", 0),
        ("entity:v", "A-v", "entity", "Method", 1, "hasVariant", 0),
        ("entity:c", "C", "entity", "Organization", 1, "developedBy", 0),
        ("paper:p1", "Scaling B", "paper", "Paper", 1, "uses", 0),
        ("entity:b", "B", "entity", "Model", 2, "via paper", 2),
        ("entity:b2", "b", "entity", "Model", 2, "via paper", 1),
    ]


def test_stated_results_are_found_from_the_system_the_benchmark_and_the_paper(tmp_path):
    results = [
        ("paper:p2", "entity:a", "entity:b", None, 0.5, False),
        ("paper:p2", "entity:a", "entity:b", "entity:v", 0.7, False),
        ("paper:p1", "entity:b2", "entity:b", "entity:v", 0.9, False),
        ("paper:p1", "entity:b2", "entity:c", "entity:lone", 1.9, True),  # lower is better: 1.3 ranks first
        ("paper:p2", "entity:a", "entity:c", "entity:lone", 1.3, True),
    ]
    write_index(tmp_path / INDEX_FILE, NODES, EDGES, results)
    index = load_index(tmp_path)
    on_b = index.neighbourhood("B", 1)
    assert [(r.system, r.metric, r.value, r.paper) for r in on_b.results] == [
        ("A", None, 0.5, "A on B"), ("b", "A-v", 0.9, "Scaling B"), ("A", "A-v", 0.7, "A on B"),
    ]  # by metric (none first), then the highest value
    assert [(r.benchmark, r.value) for r in index.neighbourhood("alpha", 1).results] == [("B", 0.5), ("B", 0.7), ("C", 1.3)]
    assert [r.system for r in index.neighbourhood("Scaling B", 1).results] == ["b", "b"]
    assert [(r.system, r.value) for r in index.neighbourhood("C", 1).results] == [("A", 1.3), ("b", 1.9)]
    assert (index.stats()["results"], index.stats()["result_benchmarks"]) == (5, 2)
    cut = index.neighbourhood("B", 1, limit=1)
    assert (len(cut.results), cut.result_count) == (1, 3) and cut.as_dict()["result_count"] == 3
    assert index.neighbourhood("lone", 1).results == []


def test_a_limit_cuts_each_group_and_counts_it_whole(small):
    hood = load_index(small).neighbourhood("A", 2, limit=1)
    assert [(n.id, n.distance) for n in hood.neighbours] == [
        ("paper:p2", 1), ("entity:v", 1), ("entity:c", 1), ("paper:p1", 1), ("entity:b", 2),
    ]
    assert {(g.distance, g.link, g.type): g.count for g in hood.groups} == {
        (1, "evaluatesOn", "Paper"): 1, (1, "hasVariant", "Method"): 1, (1, "developedBy", "Organization"): 1,
        (1, "uses", "Paper"): 1, (2, "via paper", "Model"): 2,
    }


def test_walks_done_at_build_time_answer_as_live_walks(tmp_path):
    for name, hub_degree in (("live", 10**9), ("hubs", 1)):
        (tmp_path / name).mkdir()
        write_index(tmp_path / name / INDEX_FILE, NODES, EDGES, hub_degree=hub_degree)
    live, hubs = load_index(tmp_path / "live"), load_index(tmp_path / "hubs")
    assert hubs.db.execute("SELECT COUNT(DISTINCT start) FROM walks").fetchone() == (len(NODES) - 1,)  # all but the lone node
    assert live.db.execute("SELECT COUNT(*) FROM walks").fetchone() == (0,)
    for node, _, _, label, aliases in NODES:
        name = aliases[-1] if aliases else label
        for depth in (1, 2, 3):
            for limit in (1, 2, KEPT, KEPT + 1, None):
                assert hubs.neighbourhood(name, depth, limit) == live.neighbourhood(name, depth, limit), (name, depth, limit)


def test_names_are_found_by_any_spelling_entities_first(small):
    index = load_index(small)
    assert index.neighbourhood("a-1").id == index.neighbourhood("A 1").id == "entity:a"
    assert index.neighbourhood("a on c").id == "paper:p3"
    assert index.neighbourhood("b").id == "entity:b"  # B and b share a key: the one with more edges
    assert index.neighbourhood("b").homonyms == [{"label": "b", "type": "Model", "aliases": ["b-two"]}]  # and the other
    assert index.neighbourhood("b-two").homonyms == [] and index.neighbourhood("a on c").homonyms == []


def test_a_name_of_two_entities_says_so(small):
    result = subprocess.run(
        [sys.executable, "-m", "cli", "neighbours", "B", "--graph", str(small), "--depth", "1"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    assert result.stdout.splitlines()[1] == "  'B' also names b [Model], also called b-two"


def test_a_name_with_a_slip_gets_close_names(tmp_path):
    names = ["Transformer", "GSM8K", "LLaMA", "HumanEval", "Chinchilla", "ImageNet"]
    nodes = [(f"entity:{n.lower()}", "entity", "Method", n, []) for n in names]
    write_index(tmp_path / INDEX_FILE, nodes, [])
    index = load_index(tmp_path)
    for slip, meant in [("gsm8", "GSM8K"), ("Tarnsformer", "Transformer"), ("xLLaMA", "LLaMA"), ("umanEval", "HumanEval"),
                        ("Chinchila", "Chinchilla"), ("ImageNwt", "ImageNet"), ("rGSM8K", "GSM8K")]:
        with pytest.raises(NotFoundError) as caught:
            index.neighbourhood(slip)
        assert caught.value.suggestions == [meant], slip
    with pytest.raises(NotFoundError) as caught:
        index.neighbourhood("zzzz")
    assert caught.value.suggestions == []


def test_stats_are_counted_at_build_time(small):
    stats = load_index(small).stats()
    assert stats == {
        "papers": 3,
        "results": 0,
        "result_benchmarks": 0,
        "entities": {"Method": 2, "Model": 2, "Organization": 1, "Task": 1},
        "links": {"uses": 5, "proposes": 1, "evaluatesOn": 1, "developedBy": 1, "variantOf": 1},
        "top": {"Method": [("A", 3), ("A-v", 0)], "Model": [("B", 2), ("b", 1)], "Organization": [("C", 1)], "Task": [("lone", 0)]},
    }
    assert list(stats["links"]) == ["uses", "proposes", "evaluatesOn", "developedBy", "variantOf"]  # ties: first met first


def test_two_writes_of_one_graph_are_the_same_bytes_and_content(tmp_path):
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        write_index(tmp_path / name / INDEX_FILE, NODES, EDGES)
    assert (tmp_path / "one" / INDEX_FILE).read_bytes() == (tmp_path / "two" / INDEX_FILE).read_bytes()
    assert index_content(tmp_path / "one") == index_content(tmp_path / "two")
    assert index_content(tmp_path / "one")["names"][:2] == [(name_key("A"), 3), (name_key("A-1"), 3)]


def test_a_missing_index_says_how_to_build_one(tmp_path):
    with pytest.raises(GraphMissingError, match="lookup.sqlite missing.*paperkg build SOURCE --out"):
        load_index(tmp_path)


@pytest.mark.parametrize("ask", [lambda index: index.neighbourhood("A"), lambda index: index.stats()], ids=["neighbours", "stats"])
@pytest.mark.parametrize("damage", ["garbage", "empty", "other database", "other format", "cut short"])
def test_a_damaged_index_says_to_build_again(small, damage, ask):
    path = small / INDEX_FILE
    if damage == "garbage":
        path.write_bytes(b"not a database at all" * 100)
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "other database":
        path.unlink()
        sqlite3.connect(path).executescript("PRAGMA user_version = 1; CREATE TABLE t (x);")
    elif damage == "other format":
        sqlite3.connect(path, isolation_level=None).execute("PRAGMA user_version = 99")
    else:
        path.write_bytes(path.read_bytes()[: 4096 * 3])
    with pytest.raises(GraphUnreadableError, match="not a paperkg lookup index.*run `paperkg build SOURCE --out .*` again"):
        ask(load_index(small))


def test_lookups_load_no_spacy_no_networkx_no_store(built):
    code = (
        "import sys; from click.testing import CliRunner; from cli import main; "
        f"results = [CliRunner().invoke(main, [*args, '--graph', {str(built)!r}]) for args in (['neighbours', 'GSM8K'], ['stats'])]; "
        "print([r.exit_code for r in results], sorted({m.split('.')[0] for m in sys.modules} & {'spacy', 'networkx', 'pyoxigraph', 'rdflib'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[0, 0] []", done.stderr
