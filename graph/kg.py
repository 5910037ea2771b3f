"""The NetworkX knowledge graph: paper and entity nodes, role edges with evidence, entity relations."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from .records import Entity, Link, Paper, Result

__all__ = ["paper_node", "entity_node", "build_graph", "stated_results", "lookup_view", "RELATIONS"]

RELATIONS = ("variantOf", "developedBy")
"""Entity-to-entity edge kinds; paper-to-entity edges carry a role instead."""


def paper_node(key: str) -> str:
    return f"paper:{key}"


def entity_node(key: str) -> str:
    return f"entity:{key}"


def build_graph(
    papers: Iterable[Paper], entities: dict[str, Entity], links: Iterable[Link], results: Iterable[Result] = ()
) -> nx.MultiDiGraph:
    """A MultiDiGraph of papers, entities, paper->entity role edges and entity relations.

    Stated results are kept in `graph.graph["results"]`. Built from records only: no spaCy
    object reaches the graph.
    """
    graph = nx.MultiDiGraph()
    graph.graph["results"] = [
        {
            "paper": r.paper, "entity": r.entity, "benchmark": r.benchmark, "metric": r.metric, "value": r.value,
            "sentence": r.sentence, "lower_is_better": r.lower_is_better,
        }
        for r in results
    ]
    for paper in papers:
        graph.add_node(
            paper_node(paper.key),
            kind="paper",
            type="Paper",
            label=paper.title,
            abstract=paper.abstract,
            arxiv_id=paper.arxiv_id,
            url=paper.url or _landing_page(paper),
            date=paper.date,
            authors=list(paper.authors),
            code_urls=list(paper.code_urls),
            sources=[{"path": s.path, "line": s.line} for s in paper.sources],
            doi=paper.doi,
            categories=list(paper.categories),
            raw_title=paper.raw_title,
            raw_abstract=paper.raw_abstract,
            archive_methods=list(paper.archive_methods),
            archive_tasks=list(paper.archive_tasks),
        )
    for key in sorted(entities):
        entity = entities[key]
        graph.add_node(
            entity_node(key),
            kind="entity",
            type=entity.type,
            label=entity.label,
            aliases=list(entity.aliases),
            wikidata=entity.wikidata,
            from_kb=entity.from_kb,
        )
    for key in sorted(entities):
        entity = entities[key]
        for relation, target in (("variantOf", entity.variant_of), ("developedBy", entity.developed_by)):
            if target and target in entities and target != key:
                graph.add_edge(entity_node(key), entity_node(target), key=relation, relation=relation)
    for link in links:
        graph.add_edge(
            paper_node(link.paper),
            entity_node(link.entity),
            key=link.role,
            role=link.role,
            confidence=link.confidence,
            origin=link.origin,
            evidence=[
                {"text": m.text, "start": m.start, "end": m.end, "sentence": m.sentence, "sent_start": m.sent_start, "rule": m.rule}
                for m in link.evidence
            ],
        )
    return graph


def _landing_page(paper: Paper) -> str | None:
    """The paper's arXiv abstract page, else its DOI link, when the sources gave no URL."""
    if paper.arxiv_id:
        return f"https://arxiv.org/abs/{paper.arxiv_id}"
    return f"https://doi.org/{paper.doi}" if paper.doi else None


def stated_results(graph: nx.MultiDiGraph) -> list[dict]:
    """The graph's stated results by node (paper, system, benchmark, metric or None), with value, sentence and
    whether lower is better; only those whose nodes are all in the graph."""
    found = []
    for r in graph.graph.get("results", ()):
        row = {
            "paper": paper_node(r["paper"]), "system": entity_node(r["entity"]), "benchmark": entity_node(r["benchmark"]),
            "metric": r["metric"] and entity_node(r["metric"]), "value": r["value"], "sentence": r["sentence"],
            "lower_is_better": bool(r.get("lower_is_better")),
        }
        if all(row[k] in graph for k in ("paper", "system", "benchmark")) and (row["metric"] is None or row["metric"] in graph):
            found.append(row)
    return found


def lookup_view(graph: nx.MultiDiGraph) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """What neighbourhood lookups need, in the graph's order: (node, kind, type, label, aliases) rows,
    (source, target, link) rows and (paper, system, benchmark, metric or None, value, lower is better)
    rows of stated results; no evidence text."""
    nodes = [(node, data["kind"], data["type"], data["label"], data.get("aliases") or []) for node, data in graph.nodes(data=True)]
    edges = [(u, v, data.get("role") or data.get("relation")) for u, v, data in graph.edges(data=True)]
    results = [(r["paper"], r["system"], r["benchmark"], r["metric"], r["value"], r["lower_is_better"]) for r in stated_results(graph)]
    return nodes, edges, results
