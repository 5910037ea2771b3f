"""Entity resolution: many mentions in many papers become one Entity per real thing, and typed Links."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from .kb import KBEntry, KnowledgeBase
from .names import looks_like_name, name_key, same_meaning, slug
from .records import ROLES, Entity, Link, Mention, Paper, Result
from .results import StatedResult, find_results

__all__ = ["Resolved", "resolve", "RULE_CONFIDENCE"]

RULE_CONFIDENCE = {
    "kb": 0.95,
    "kb-acronym": 0.95,
    "kb-variant": 0.9,
    "kb-ambiguous": 0.8,
    "named": 0.85,
    "kind": 0.8,
    "component": 0.7,
    "phrase": 0.7,
    "topic": 0.9,
    "title": 0.85,
    "acronym": 0.85,
    "form": 0.6,
    "list": 0.6,
    "repeat": 0.6,
}
"""How far a single mention found by each rule is trusted; support from more papers adds to it."""

_MAKER = re.compile(r"^(?:'s)?\s*$|^\s+(?:'s\s+)?$")
_BY = re.compile(r"^\s*(?:\(|,)?\s*(?:developed |released |introduced |trained )?by\s+(?:the\s+)?$", re.IGNORECASE)


@dataclass
class Resolved:
    """The outcome of resolution: entities by key, paper-entity links and entity-entity relations."""

    entities: dict[str, Entity] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)


def resolve(paper_mentions: Iterable[tuple[Paper, Iterable[Mention]]], kb: KnowledgeBase) -> Resolved:
    """Merge mentions into entities (KB identity, acronym long forms, spelling keys) and link papers.

    Deterministic: the same mentions in the same order give the same entities and links.
    """
    by_paper: list[tuple[Paper, list[Mention]]] = [(p, list(ms)) for p, ms in paper_mentions]
    long_forms, senses = _acronym_senses(by_paper)

    def identity_of(m: Mention) -> str:
        return _identity(m, long_forms, senses)

    groups: dict[str, list[Mention]] = defaultdict(list)
    for _, mentions in by_paper:
        for m in mentions:
            groups[identity_of(m)].append(m)
    groups = _fold_plurals(groups)

    resolved = Resolved()
    keys: dict[str, str] = {}
    used_slugs: set[str] = set(kb.entries)
    for identity in sorted(groups):
        entity = _entity(identity, groups[identity], kb, used_slugs)
        keys[identity] = entity.key
        resolved.entities[entity.key] = entity

    def key_of(m: Mention) -> str:
        return keys[_fold(identity_of(m), groups)]

    _add_makers(resolved, by_paper, key_of)

    support = Counter()
    for identity, mentions in groups.items():
        support[keys[identity]] = len({m.paper for m in mentions})
    untyped = {keys[identity] for identity, mentions in groups.items() if not any(m.typed for m in mentions)}
    for paper, mentions in by_paper:
        per_entity: dict[str, list[Mention]] = defaultdict(list)
        for m in mentions:
            per_entity[key_of(m)].append(m)
        roles = {key: min((m.role for m in ms), key=ROLES.index) for key, ms in per_entity.items()}
        stated = find_results(paper.text, mentions)
        for key in {key_of(s.benchmark) for s in stated}:
            if roles.get(key) == "uses":
                roles[key] = "evaluatesOn"  # the abstract states a score on it
        own = sorted(  # longest name first: DIM-4.6B-Edit extends DIM-4.6B before DIM
            ((resolved.entities[key].label, key) for key, role in roles.items() if role == "proposes"),
            key=lambda item: (-len(item[0]), item[0]),
        )
        for key in sorted(per_entity):
            ms = per_entity[key]
            parent = _own_parent(resolved.entities[key], own)
            if parent:  # untyped, it is the kind of thing it extends (DIM-T2I of the DIM dataset)
                entity, family = resolved.entities[key], resolved.entities[parent]
                entity_type = family.type if key in untyped else entity.type
                resolved.entities[key] = replace(entity, type=entity_type, variant_of=entity.variant_of or parent)
            role = "proposes" if parent or _own_sibling(resolved.entities[key], own) else roles[key]
            resolved.links.append(Link(paper.key, key, role, _confidence(ms, support[key]), tuple(ms)))
        resolved.results += _results(paper, mentions, stated, roles, key_of, kb)
    _add_archive_links(resolved, [p for p, _ in by_paper], kb, used_slugs)
    _add_kb_relatives(resolved, kb)
    return resolved


ARCHIVE_CONFIDENCE = 0.8


def _add_archive_links(resolved: Resolved, papers: list[Paper], kb: KnowledgeBase, used_slugs: set[str]) -> None:
    """Methods and tasks a source's own metadata lists (the Papers with Code archive) become links
    of origin "archive"; a link the text already gave keeps its role and evidence."""
    by_name = {name_key(e.label): key for key, e in resolved.entities.items()}
    linked = {(link.paper, link.entity) for link in resolved.links}
    for paper in papers:
        for names, entity_type in ((paper.archive_methods, "Method"), (paper.archive_tasks, "Task")):
            for name in names:
                if kb.is_generic(name) or not name.strip():
                    continue
                key = _archive_entity(name, entity_type, kb, resolved, by_name, used_slugs)
                if (paper.key, key) not in linked:
                    linked.add((paper.key, key))
                    resolved.links.append(Link(paper.key, key, "uses", ARCHIVE_CONFIDENCE, (), origin="archive"))


def _archive_entity(name, entity_type, kb, resolved, by_name, used_slugs) -> str:
    topic = kb.topic_of(name) if entity_type == "Task" else None
    known = [e for e in kb.lookup(name) if e.type == entity_type] or kb.lookup(name)
    if known and not topic:
        entry = known[0]
        if entry.key not in resolved.entities:
            resolved.entities[entry.key] = _kb_entity(entry)
        return entry.key
    label = topic or name.strip()
    if name_key(label) in by_name:
        return by_name[name_key(label)]
    key = _new_key(label, entity_type, used_slugs)
    resolved.entities[key] = Entity(key, label, entity_type)
    by_name[name_key(label)] = key
    return key


def _results(paper, mentions, stated: list[StatedResult], roles, key_of, kb: KnowledgeBase) -> list[Result]:
    """The stated scores with entity keys; a score with no system named is the paper's own system's (its one
    proposal, else the one system its title names) when the sentence says so ("we", "our"), else it is left out: a score of nobody in particular ranks nothing."""
    systems = {key_of(m) for m in mentions if m.type in ("Method", "Model")}
    own = sorted(key for key, role in roles.items() if role == "proposes" and key in systems)
    if len(own) > 1:  # the one system the title names is the one "our method" means
        own = sorted({key_of(m) for m in mentions if m.rule == "title" and m.type in ("Method", "Model")})
    found = []
    for result in stated:
        entity = key_of(result.entity) if result.entity else None
        if entity is None and len(own) == 1 and _OWN_RESULT.search(result.sentence):
            entity = own[0]
        if entity is None:
            continue
        metric = key_of(result.metric) if result.metric else None
        lower = bool(metric and metric in kb.entries and kb.entries[metric].lower_is_better)
        found.append(Result(paper.key, entity, key_of(result.benchmark), metric, result.value, result.sentence, lower))
    return found


_OWN_RESULT = re.compile(r"\b(?:we|our|ours|it|this|the proposed)\b", re.IGNORECASE)


def _own_parent(entity: Entity, own: list[tuple[str, str]]) -> str | None:
    """The paper's own entity (of `own`, (label, key) pairs, longest label first) that `entity` is a variant of, if any: a coined
    extension of its name (DIM-T2I, DIM-4.6B-Edit of DIM) or a sized or tuned variant
    (PersonaMath-7B, Qwen2.5-72B-Instruct). A separately named known sibling (Qwen2.5-Coder) is not;
    a variant is the paper's own as much as what it extends."""
    for label, key in own:
        if key == entity.key or len(label) < 3:
            continue
        if entity.label.startswith(label + "-") and (
            not entity.from_kb or _SIZE_OR_TUNING.fullmatch(entity.label[len(label) + 1 :])
        ):
            return key
        if entity.label.startswith(label + " ") and _SIZE_OR_TUNING.fullmatch(entity.label[len(label) + 1 :]):
            return key  # "Dream-Coder 7B Instruct" of "Dream-Coder 7B"
        if not entity.from_kb and (entity.label.rstrip("+") == label or entity.label.endswith("-" + label)):
            return key  # LLaVA-Critic-R1+ of LLaVA-Critic-R1, Ada-ESLM of ESLM
    return None


def _own_sibling(entity: Entity, own: list[tuple[str, str]]) -> bool:
    """True for a coined name that shares the coined stem of one of the paper's own names:
    OpenS2V-Eval and OpenS2V-5M beside OpenS2V-Nexus."""
    stem = entity.label.split("-", 1)[0]
    return (
        not entity.from_kb
        and "-" in entity.label
        and len(stem) >= 4
        and looks_like_name(stem)  # "System-1" beside "System-1.5 Reasoning" shares a plain word, not a coined stem
        and any(key != entity.key and label.split("-", 1)[0] == stem and "-" in label for label, key in own)
    )


_TUNING_PART = r"(?:\d+(?:\.\d+)?[BMK]|\d+x\d+B|Instruct|Chat|Base|Turbo|Plus|Pro|Mini|Max|Lite|it|v?\d+(?:\.\d+)*|[A-Z]{2,5})"
_SIZE_OR_TUNING = re.compile(rf"{_TUNING_PART}(?:-{_TUNING_PART})*")
"""What follows a family name in its own sized or tuned variants: -7B, -72B-Instruct, -HH-RLHF-SFT."""


def _identity(m: Mention, long_forms: dict[str, str], senses: dict[tuple[str, str], str]) -> str:
    if m.kb_key:
        return "kb:" + m.kb_key
    if m.rule == "topic":
        return "topic:" + name_key(m.long_form)
    if m.rule == "component" and m.text.isalpha() and m.text.istitle():
        return f"part:{m.paper}:{name_key(m.text)}"  # "the Generator" of one system is not another paper's
    key = name_key(m.text)
    return "name:" + senses.get((m.paper, key), long_forms.get(key, key))


def _acronym_senses(by_paper) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """Where papers spell out a coined short form, the identity of each long form (its short form's) and of the
    short form in each paper that spells it out. Two papers that give one short form unrelated long forms
    coin two things ("AMS": Aspect Matching Score, Augmented Mixup Sampling), each its own identity; a paper
    that only uses the short form keeps the plain one."""
    spelled: dict[str, list[tuple[str, str]]] = defaultdict(list)  # short key -> (paper, long form)
    for _, mentions in by_paper:
        for m in mentions:
            if m.long_form and not m.kb_key and m.rule != "topic":
                spelled[name_key(m.text)].append((m.paper, m.long_form))
    long_forms: dict[str, str] = {}
    senses: dict[tuple[str, str], str] = {}
    for short, uses in spelled.items():
        meanings: list[tuple[str, str]] = []  # the first long form of each meaning, its identity key
        of_paper: dict[str, str] = {}
        for paper, long in uses:
            meaning = next((key for first, key in meanings if same_meaning(long, first)), None)
            if meaning is None:
                meaning = short if not meanings else f"{short}|{name_key(long)}"
                meanings.append((long, meaning))
            long_forms.setdefault(name_key(long), meaning)
            of_paper.setdefault(paper, meaning)
        if len(meanings) > 1:  # with one meaning every paper's short form is it, spelt out there or not
            senses.update({(paper, short): meaning for paper, meaning in of_paper.items()})
    return long_forms, senses


def _fold_plurals(groups: dict[str, list[Mention]]) -> dict[str, list[Mention]]:
    """"ViTs" joins "ViT" when both occur: a plural s on a coined name is not a new thing."""
    folded: dict[str, list[Mention]] = defaultdict(list)
    for identity, mentions in groups.items():
        folded[_fold(identity, groups)].extend(mentions)
    return dict(folded)


def _fold(identity: str, groups) -> str:
    """A plural's identity folded into its singular's (also one already folded out of `groups`); a final capital S
    is a letter ("TAGS" kept its own group, it is not TAG's plural)."""
    if not (identity.startswith("name:") and identity.endswith("s") and identity[:-1] in groups):
        return identity
    capital_s = identity in groups and not any(m.text.endswith("s") for m in groups[identity])
    return identity if capital_s else identity[:-1]


def _entity(identity: str, mentions: list[Mention], kb: KnowledgeBase, used_slugs: set[str]) -> Entity:
    if identity.startswith("kb:"):
        entry = kb.entries[identity[3:]]
        surfaces = {m.text for m in mentions} | {m.long_form for m in mentions if m.long_form}
        aliases = tuple(sorted(set(entry.aliases) | (surfaces - {entry.name})))
        return _kb_entity(entry, aliases)
    surfaces = Counter(m.text for m in mentions)
    if identity.startswith("topic:"):
        label = mentions[0].long_form
        key = _new_key(label, "Task", used_slugs)
        return Entity(key, label, "Task", tuple(sorted(set(surfaces) - {label})))
    label = max(surfaces, key=lambda s: (surfaces[s], s.rstrip("s") == s, -len(s)))
    long_forms = {m.long_form for m in mentions if m.long_form}
    aliases = tuple(sorted((set(surfaces) | long_forms) - {label}))
    key = _new_key(label, _type(mentions), used_slugs)
    variant_of = next((m.variant_of for m in mentions if m.variant_of), None)
    return Entity(key, label, _type(mentions), aliases, variant_of)


def _new_key(label: str, entity_type: str, used: set[str]) -> str:
    """A key no other entity has: the label's slug, else with its type ("dsp-method"), else numbered ("dsp-method-2"):
    two papers may coin one short form for two things."""
    key = slug(label)
    if key in used:
        key = base = f"{key}-{entity_type.lower()}"
        number = 2
        while key in used:
            key, number = f"{base}-{number}", number + 1
    used.add(key)
    return key


def _type(mentions: list[Mention]) -> str:
    """The type most typed mentions agree on (the paper's own naming counts double); where none is typed,
    the type most mentions were guessed (from an evaluation place, "results on X", or the name's form, "-Coder"),
    else Method."""
    votes = Counter()
    for m in mentions:
        if m.typed:
            votes[m.type] += 2.0 if m.role == "proposes" else 1.0
    if not votes:
        votes = Counter(m.type or "Method" for m in mentions)
    return max(sorted(votes), key=votes.__getitem__)


def _add_kb_relatives(resolved: Resolved, kb: KnowledgeBase) -> None:
    """Families and makers named by the KB become nodes too, so variantOf/developedBy never dangle."""
    pending = [e for e in resolved.entities.values()]
    while pending:
        entity = pending.pop()
        for target in (entity.variant_of, entity.developed_by):
            if target and target not in resolved.entities and target in kb.entries:
                entry = kb.entries[target]
                relative = _kb_entity(entry)
                resolved.entities[target] = relative
                pending.append(relative)


def _add_makers(resolved, by_paper, key_of) -> None:
    """"OpenAI Codex", "OpenAI's Codex", "Codex by OpenAI": the text names a model's developer."""
    for paper, mentions in by_paper:
        ordered = sorted(mentions, key=lambda m: m.start)
        for first, second in zip(ordered, ordered[1:]):
            between = paper.text[first.end : second.start]
            if first.type == "Organization" and second.type in ("Model", "Method") and _MAKER.match(between):
                maker, made = first, second
            elif second.type == "Organization" and first.type in ("Model", "Method") and _BY.match(between):
                maker, made = second, first
            else:
                continue
            made_key, maker_key = key_of(made), key_of(maker)
            entity = resolved.entities[made_key]
            if not entity.developed_by:
                resolved.entities[made_key] = Entity(**{**entity.__dict__, "developed_by": maker_key})


def _kb_entity(entry: KBEntry, aliases: tuple[str, ...] | None = None) -> Entity:
    return Entity(
        entry.key, entry.name, entry.type, entry.aliases if aliases is None else aliases,
        entry.variant_of, entry.developed_by, entry.wikidata, from_kb=True,
    )


def _confidence(mentions: list[Mention], papers: int) -> float:
    best = max(RULE_CONFIDENCE.get(m.rule, 0.5) for m in mentions)
    return round(min(0.99, best + 0.02 * (papers - 1) + 0.01 * (len(mentions) - 1)), 3)
