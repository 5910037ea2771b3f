"""Any name is safe in RDF: hostile titles and entity names mint valid IRIs and round-trip in every format."""

from __future__ import annotations

import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from graph.kg import build_graph
from graph.names import slug
from graph.rdf import to_rdf
from graph.readers.base import RawRecord
from graph.readers import merge_records
from graph.records import Entity, Link, Mention

HOSTILE = st.one_of(
    st.sampled_from(['"quoted"', "<angle>", "back\\slash", "new\nline", "emoji 🦙🔥", "עברית right-to-left", "x" * 10_000,
                     "<img src=x onerror=alert(1)>", "'; DROP GRAPH <x> ; --", "\u0000nul", "tab\tand\rcr", " "]),
    st.text(min_size=1, max_size=200),
)


def graph_of(title: str, name: str):
    paper = merge_records([RawRecord(title=title or "t", abstract=f"We use {name}.", path="hostile.jsonl", line=1)])[0]
    key = slug(name)
    entity = Entity(key, name, "Method", aliases=(name + "\n",))
    mention = Mention(paper.key, name, 0, len(name), name, 0, "Method", "form", "uses")
    return to_rdf(build_graph([paper], {key: entity}, [Link(paper.key, key, "uses", 0.5, (mention,))]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=HOSTILE, name=HOSTILE)
def test_hostile_names_round_trip_in_every_format(title, name):
    rdf = graph_of(title, name)
    for term in {t for triple in rdf for t in triple if isinstance(t, rdflib.URIRef)}:
        assert all(c not in str(term) for c in ' <>"{}|\\^`\n') and str(term).startswith("http")
    for fmt in ("turtle", "nt", "json-ld"):
        again = rdflib.Graph().parse(data=rdf.serialize(format=fmt), format=fmt)
        assert isomorphic(rdf, again), fmt
