"""A cache of extracted mentions per paper text, so that rebuilding or updating a graph only runs
the pipeline on papers it has not seen with the same extractor and knowledge base."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import astuple, replace
from pathlib import Path

from .kb import KB_DIR
from .records import Mention, Paper

__all__ = ["MentionCache", "extractor_fingerprint", "text_hash"]

_EXTRACTOR_MODULES = ("acronyms", "cues", "kb", "mentions", "names", "own_names", "pipeline", "records", "roles")


def extractor_fingerprint(kb_dir: Path = KB_DIR) -> str:
    """A hash of everything that decides what the extractor finds: its code and the knowledge base."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for path in [here / f"{name}.py" for name in _EXTRACTOR_MODULES] + sorted(Path(kb_dir).glob("*.*")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def text_hash(paper: Paper) -> str:
    return hashlib.sha1(paper.text.encode("utf-8")).hexdigest()


class MentionCache:
    """Mentions by paper text in an SQLite file; emptied when the extractor fingerprint changes."""

    def __init__(self, path: Path, fingerprint: str):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path))
        self.db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        self.db.execute("CREATE TABLE IF NOT EXISTS mentions (text_hash TEXT PRIMARY KEY, rows TEXT)")
        stored = self.db.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
        if not stored or stored[0] != fingerprint:
            self.db.execute("DELETE FROM mentions")
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('fingerprint', ?)", (fingerprint,))
            self.db.commit()

    def get(self, papers: list[Paper]) -> dict[str, tuple[Mention, ...]]:
        """Cached mentions of those papers that have them, by paper key (re-keyed to the paper)."""
        found = {}
        for paper in papers:
            row = self.db.execute("SELECT rows FROM mentions WHERE text_hash = ?", (text_hash(paper),)).fetchone()
            if row is not None:
                found[paper.key] = tuple(replace(Mention(*fields), paper=paper.key) for fields in json.loads(row[0]))
        return found

    def put(self, items: Iterable[tuple[Paper, tuple[Mention, ...]]]) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO mentions VALUES (?, ?)",
            ((text_hash(paper), json.dumps([astuple(m) for m in mentions], ensure_ascii=False)) for paper, mentions in items),
        )
        self.db.commit()

    def close(self) -> None:
        self.db.close()
