"""Scoring the extractor against a hand-annotated gold set: entities, types, roles, identity."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .acronyms import spells_out
from .errors import InputError
from .names import name_key, same_meaning
from .records import ENTITY_TYPES, Paper, Source

__all__ = ["GoldEntity", "GoldPaper", "Predicted", "Score", "load_gold", "match_paper", "evaluate", "Report", "run_eval", "compare_annotations"]

SCORED_TYPES = tuple(t for t in ENTITY_TYPES if t != "Task")


@dataclass(frozen=True)
class GoldEntity:
    name: str
    type: str
    role: str
    aliases: tuple[str, ...] = ()
    alt_types: tuple[str, ...] = ()

    @property
    def keys(self) -> set[str]:
        return _keys((self.name, *self.aliases))


@dataclass(frozen=True)
class GoldResult:
    entity: str | None
    benchmark: str
    value: float


@dataclass(frozen=True)
class GoldPaper:
    id: str
    title: str
    abstract: str
    entities: tuple[GoldEntity, ...]
    results: tuple[GoldResult, ...] = ()


@dataclass(frozen=True)
class Predicted:
    """One entity the extractor linked to a paper, with every name it goes by there."""

    node: str
    label: str
    type: str
    role: str
    names: tuple[str, ...]

    @property
    def keys(self) -> set[str]:
        return _keys((self.label, *self.names))


def _keys(names) -> set[str]:
    keys = {name_key(n) for n in names if name_key(n)}
    return keys | {k[:-1] for k in keys if k.endswith("s") and len(k) > 3}


def load_gold(path: Path) -> list[GoldPaper]:
    """Gold papers from JSON Lines (id, title, abstract, entities[name, type, role, aliases, alt_types])."""
    papers = []
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise InputError(f"not UTF-8 text (byte {err.start}); gold files are UTF-8 JSON Lines", path=str(path)) from err
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            entities = tuple(
                GoldEntity(e["name"], e["type"], e["role"], tuple(e.get("aliases") or ()), tuple(e.get("alt_types") or ()))
                for e in row["entities"]
            )
            results = tuple(
                GoldResult(r.get("entity"), r["benchmark"], float(r["value"]))
                for r in row.get("results") or ()
                if isinstance(r.get("value"), (int, float))
            )
            papers.append(GoldPaper(row["id"], row["title"], row["abstract"], entities, results))
        except (json.JSONDecodeError, KeyError, TypeError) as err:
            raise InputError(f"not a gold paper record ({err})", path=str(path), line=line_no) from err
    if not papers:
        raise InputError("gold file holds no papers", path=str(path))
    return papers


def as_paper(gold: GoldPaper, path: str) -> Paper:
    key = "gold-" + hashlib.sha1(gold.id.encode()).hexdigest()[:10]
    return Paper(key=key, title=gold.title, abstract=gold.abstract, sources=(Source(path, 0),))


def match_paper(gold: list[GoldEntity], predicted: list[Predicted]) -> list[tuple[GoldEntity, Predicted]]:
    """One-to-one pairs of gold and predicted entities that share a name key: the gold name first, then
    an alias, then any name either goes by (so "DeepSeek-V3", alias "DeepSeek", pairs with the model,
    not with the company).

    >>> gold = [GoldEntity("DeepSeek-V3", "Model", "uses", aliases=("DeepSeek",))]
    >>> found = [Predicted("deepseek", "DeepSeek", "Organization", "uses", ()), Predicted("v3", "DeepSeek-V3", "Model", "uses", ())]
    >>> [p.label for _, p in match_paper(gold, found)]
    ['DeepSeek-V3']
    """
    pairs = []
    free = list(predicted)
    for g in sorted(gold, key=lambda e: -len(e.name)):
        hit = (
            next((p for p in free if name_key(p.label) == name_key(g.name)), None)
            or next((p for p in free if name_key(p.label) in g.keys), None)
            or next((p for p in free if p.keys & g.keys), None)
        )
        if hit:
            pairs.append((g, hit))
            free.remove(hit)
    return pairs


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    """Every figure `paperkg eval` prints, plus the errors behind them."""

    papers: int
    untyped: Score = field(default_factory=Score)
    typed: Score = field(default_factory=Score)
    by_type: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    by_role: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    same_pairs: int = 0
    same_pairs_joined: int = 0
    false_merges: list[tuple[str, str, str]] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    results: Score = field(default_factory=Score)
    results_with_system: Score = field(default_factory=Score)

    @property
    def identity_recall(self) -> float:
        return self.same_pairs_joined / self.same_pairs if self.same_pairs else 1.0


@dataclass(frozen=True)
class PredictedResult:
    """A stated score the extractor found: the names of its system and benchmark, and the value."""

    entity: tuple[str, ...]
    benchmark: tuple[str, ...]
    value: float


def _score_results(report: Report, gold: GoldPaper, found: list[PredictedResult]) -> None:
    """A result matches when the benchmark names agree and the values agree to 0.5 points; it also
    counts for `results_with_system` when the system's names agree too. A gold name goes by the
    aliases its paper's gold entity has ("HumanEval", written "HumaneEval" in the abstract)."""

    def keys(name: str) -> set[str]:
        named = _keys([name])
        return named.union(*(e.keys for e in gold.entities if e.keys & named))

    free = list(found)
    for g in gold.results:
        hit = next((p for p in free if abs(p.value - g.value) < 0.0051 and keys(g.benchmark) & _keys(p.benchmark)), None)
        if hit:
            free.remove(hit)
            report.results.tp += 1
        else:
            report.results.fn += 1
            report.errors.append({"paper": gold.id, "kind": "result-missed", "gold": f"{g.entity} {g.benchmark} {g.value}"})
        if hit and g.entity and keys(g.entity) & _keys(hit.entity):
            report.results_with_system.tp += 1
        else:
            report.results_with_system.fn += 1
            if hit:  # found on its benchmark, but given to another system
                report.results_with_system.fp += 1
                report.errors.append({"paper": gold.id, "kind": "result-system", "gold": f"{g.entity} {g.benchmark} {g.value}", "predicted": f"{hit.entity[:1]}"})
    report.results.fp += len(free)
    report.results_with_system.fp += len(free)
    for p in free:
        report.errors.append({"paper": gold.id, "kind": "result-spurious", "predicted": f"{p.entity[:1]} {p.benchmark[:1]} {p.value}"})


def evaluate(
    gold_papers: list[GoldPaper], predicted: dict[str, list[Predicted]], results: dict[str, list[PredictedResult]] | None = None
) -> Report:
    """Score predictions (by gold paper id) against the gold set."""
    report = Report(papers=len(gold_papers))
    for paper in gold_papers:
        _score_results(report, paper, (results or {}).get(paper.id, []))
    occurrences = []  # (gold identity keys, paper id, predicted node)
    for paper in gold_papers:
        gold = [g for g in paper.entities if g.type in SCORED_TYPES]
        preds = [p for p in predicted.get(paper.id, []) if p.type in SCORED_TYPES]
        pairs = match_paper(gold, preds)
        matched_gold = {id(g) for g, _ in pairs}
        matched_pred = {id(p) for _, p in pairs}
        report.untyped.tp += len(pairs)
        report.untyped.fn += len(gold) - len(pairs)
        report.untyped.fp += len(preds) - len(pairs)
        for g, p in pairs:
            if p.type == g.type or p.type in g.alt_types:
                report.typed.tp += 1
                report.by_type[g.type].tp += 1
            else:
                report.typed.fp += 1
                report.typed.fn += 1
                report.by_type[g.type].fn += 1
                report.by_type[p.type].fp += 1
                report.errors.append({"paper": paper.id, "kind": "type", "gold": f"{g.name} [{g.type}]", "predicted": f"{p.label} [{p.type}]"})
            occurrences.append((g, paper.id, p.node))
        for g in gold:
            if id(g) not in matched_gold:
                report.typed.fn += 1
                report.by_type[g.type].fn += 1
                report.errors.append({"paper": paper.id, "kind": "missed", "gold": f"{g.name} [{g.type}] {g.role}"})
        for p in preds:
            if id(p) not in matched_pred:
                report.typed.fp += 1
                report.by_type[p.type].fp += 1
                report.errors.append({"paper": paper.id, "kind": "spurious", "predicted": f"{p.label} [{p.type}] {p.role}"})
        for role in ("proposes", "evaluatesOn", "uses"):
            score = report.by_role[role]
            hits = sum(1 for g, p in pairs if g.role == role and p.role == role)
            score.tp += hits
            score.fn += sum(1 for g in gold if g.role == role) - hits
            score.fp += sum(1 for p in preds if p.role == role) - hits
        for g, p in pairs:
            if g.role != p.role:
                report.errors.append({"paper": paper.id, "kind": "role", "gold": f"{g.name} {g.role}", "predicted": f"{p.label} {p.role}"})
    _score_identity(report, occurrences)
    return report


def _score_identity(report: Report, occurrences) -> None:
    """Pairs of gold mentions in different papers: same thing -> one node; different things -> never."""
    groups = _gold_identities([g for g, _, _ in occurrences])
    for i, (g1, paper1, node1) in enumerate(occurrences):
        for g2, paper2, node2 in occurrences[i + 1 :]:
            if paper1 == paper2:
                continue
            same = groups[id(g1)] == groups[id(g2)]
            if same:
                report.same_pairs += 1
                report.same_pairs_joined += node1 == node2
            elif node1 == node2:
                report.false_merges.append((g1.name, g2.name, node1))


def _gold_identities(entities: list[GoldEntity]) -> dict[int, int]:
    """Union of gold entities across papers that share a name key: one real thing each."""
    parent = list(range(len(entities)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_key: dict[str, list[int]] = defaultdict(list)
    for index, entity in enumerate(entities):
        for key in _identity_keys(entity):
            other = next((j for j in by_key[key] if _one_meaning(entity, entities[j], key)), None)
            if other is None:
                by_key[key].append(index)
            else:
                parent[find(index)] = find(other)
    return {id(e): find(i) for i, e in enumerate(entities)}


def _identity_keys_of(name: str) -> set[str]:
    """A name's key and, for a plural in lower-case s ("Vision Transformers", "ViTs", not "TAGS"), its singular's.

    >>> sorted(_identity_keys_of("ViTs")), sorted(_identity_keys_of("TAGS"))
    (['vit', 'vits'], ['tags'])
    """
    key = name_key(name)
    if not key:
        return set()
    return {key, key[:-1]} if name.endswith("s") and len(key) > 3 else {key}


def _identity_keys(entity: GoldEntity) -> set[str]:
    return set().union(*(_identity_keys_of(n) for n in (entity.name, *entity.aliases)))


def _one_meaning(a: GoldEntity, b: GoldEntity, key: str) -> bool:
    """False when two gold entities share a short form but spell it out as different things ("DSP": Deep Spectral
    Prior in one paper, Dynamic Speculative Planning in another).

    >>> dsp = GoldEntity("DSP", "Method", "proposes", ("Deep Spectral Prior",))
    >>> _one_meaning(dsp, GoldEntity("DSP", "Method", "uses", ("Dynamic Speculative Planning",)), "dsp")
    False
    >>> _one_meaning(GoldEntity("EM", "Metric", "uses", ("EM accuracy",)), GoldEntity("EM", "Metric", "uses", ("Exact Match",)), "em")
    True
    """
    short = next(n for n in (a.name, *a.aliases) if key in _identity_keys_of(n))
    if " " in short.strip():
        return True  # only a short form has long forms to tell its meanings apart
    long_a, long_b = ([n for n in (e.name, *e.aliases) if spells_out(short, n)] for e in (a, b))
    return not (long_a and long_b) or any(same_meaning(x, y) for x in long_a for y in long_b)


def count_table(report: Report) -> list[tuple[str, Score]]:
    rows = [("untyped", report.untyped), ("typed", report.typed)]
    rows += [(f"type {t}", report.by_type[t]) for t in SCORED_TYPES if t in report.by_type]
    rows += [(f"role {r}", report.by_role[r]) for r in ("proposes", "evaluatesOn", "uses")]
    rows += [("results", report.results), ("results + system", report.results_with_system)]
    return rows


def run_eval(gold_path: Path) -> Report:
    """Run the default pipeline on the gold papers and score it."""
    from .kb import load_kb
    from .pipeline import extract, make_pipeline
    from .resolve import resolve

    gold_papers = load_gold(gold_path)
    papers = {g.id: as_paper(g, str(gold_path)) for g in gold_papers}
    by_key = {p.key: gold_id for gold_id, p in papers.items()}
    resolved = resolve(extract(papers.values(), make_pipeline()), load_kb())
    predicted: dict[str, list[Predicted]] = defaultdict(list)
    for link in resolved.links:
        entity = resolved.entities[link.entity]
        names = {m.text for m in link.evidence} | {m.long_form for m in link.evidence if m.long_form}
        predicted[by_key[link.paper]].append(
            Predicted(entity.key, entity.label, entity.type, link.role, tuple(sorted(names | set(entity.aliases))))
        )
    stated: dict[str, list[PredictedResult]] = defaultdict(list)
    for result in resolved.results:
        def names(key):
            entity = resolved.entities.get(key)
            return (entity.label, *entity.aliases) if entity else ()
        stated[by_key[result.paper]].append(PredictedResult(names(result.entity), names(result.benchmark), result.value))
    return evaluate(gold_papers, predicted, stated)


def compare_annotations(gold_path: Path, other_path: Path) -> Report:
    """Score a second annotation of some gold papers (same format, matched by id) against the gold:
    the agreement between two annotators, or the output of another tool written as gold records."""
    others = load_gold(other_path)
    ids = {paper.id for paper in others}
    gold_papers = [paper for paper in load_gold(gold_path) if paper.id in ids]
    if not gold_papers:
        raise InputError("no paper id in common with the gold file", path=str(other_path))
    entities = [entity for paper in others for entity in paper.entities]
    node = _gold_identities(entities)  # one node per thing the other annotation names alike across papers
    predicted = {
        paper.id: [Predicted(str(node[id(e)]), e.name, e.type, e.role, (e.name, *e.aliases)) for e in paper.entities]
        for paper in others
    }
    stated = {
        paper.id: [PredictedResult((r.entity or "",), (r.benchmark,), r.value) for r in paper.results] for paper in others
    }
    return evaluate(gold_papers, predicted, stated)
