"""The review of suggested links, under git like the rest of the corpus:

``corpus/review/suggestions.yaml``  what ``kb suggest`` proposed and nobody decided yet, each entry
                                    ``asserted_by: extractor`` with its confidence, why and quotes;
``corpus/review/rejected.yaml``     what a curator rejected: never suggested again;
``corpus/annotations/reviewed-links.yaml``  what a curator accepted (or edited, then accepted): curated
                                    links with their quotes, read by every build like any annotation.

Every write replaces its file whole (a temporary file renamed over it): a review cut short loses
nothing already decided.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kb.corpus import default_corpus_dir
from kb.errors import InputError
from kb.quote import after_hint
from kb.suggest import Suggestion

__all__ = ["REVIEWED_LINKS", "Pending", "Review"]

REVIEWED_LINKS = "reviewed-links.yaml"


@dataclass
class Pending:
    """One suggestion waiting for a curator."""

    id: str
    source: str  # "slug eId" or "activity:slug"
    link_type: str
    target: str
    confidence: float
    why: str
    evidence: list[dict[str, str]]
    document: str  # the document it was suggested for

    def as_yaml(self) -> dict[str, Any]:
        return {"id": self.id, "from": self.source, "type": self.link_type, "to": self.target,
                "asserted_by": "extractor", "confidence": round(self.confidence, 3), "why": self.why,
                "document": self.document, "evidence": self.evidence}


def suggestion_id(source: str, link_type: str, target: str) -> str:
    return hashlib.sha256(f"{source}\x1f{link_type}\x1f{target}".encode()).hexdigest()[:10]


@dataclass
class Review:
    """The review files of a corpus."""

    corpus_dir: Path = field(default_factory=default_corpus_dir)

    @property
    def suggestions_path(self) -> Path:
        return self.corpus_dir / "review" / "suggestions.yaml"

    @property
    def rejected_path(self) -> Path:
        return self.corpus_dir / "review" / "rejected.yaml"

    @property
    def accepted_path(self) -> Path:
        return self.corpus_dir / "annotations" / REVIEWED_LINKS

    def _read(self, path: Path, key: str) -> list[dict[str, Any]]:
        if not path.is_file():
            return []
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise InputError(f"{path}: malformed YAML ({exc})",
                             hint="fix it, or delete it to start the review again") from exc
        entries = (data.get(key) or []) if isinstance(data, dict) else []
        if not isinstance(entries, list):
            raise InputError(f"{path}: {key} must be a list", hint="fix it, or delete it")
        return [e for e in entries if isinstance(e, dict)]

    def pending(self) -> list[Pending]:
        return [Pending(str(e["id"]), str(e["from"]), str(e["type"]), str(e["to"]), float(e["confidence"]),
                        str(e.get("why", "")), list(e.get("evidence") or []), str(e.get("document", "")))
                for e in self._read(self.suggestions_path, "suggestions")]

    def rejected(self) -> set[tuple[str, str, str]]:
        """What was rejected, as (from, type, to) references."""
        return {(str(e["from"]), str(e["type"]), str(e["to"])) for e in self._read(self.rejected_path, "rejected")}

    def record(self, suggestions: Iterable[Suggestion], document: str | None, texts: dict[str, str]) -> list[Pending]:
        """Write new suggestions for ``document`` (replacing its earlier undecided ones); return them."""
        new = []
        for s in suggestions:
            evidence = []
            for e in s.evidence:
                entry = {"doc": e.doc, "quote": e.quote}
                hint = after_hint(texts[e.doc], e.start, e.quote) if e.doc in texts else ""
                if hint:
                    entry["after"] = hint
                evidence.append(entry)
            new.append(Pending(suggestion_id(s.source.ref, s.link_type, s.target_ref), s.source.ref, s.link_type,
                               s.target_ref, s.confidence, s.why, evidence, document or s.source.doc))
        ids = {p.id for p in new}
        kept = [p for p in self.pending() if p.id not in ids and (document is None or p.document != document)]
        self._write_suggestions(kept + new)
        return new

    def _write_suggestions(self, pending: list[Pending]) -> None:
        _write(self.suggestions_path, "Suggested by `kb suggest`: decide with `kb review` (accepted ones go to "
               f"annotations/{REVIEWED_LINKS}, rejected ones to review/rejected.yaml).",
               {"suggestions": [p.as_yaml() for p in pending]})

    def find(self, ident: str) -> Pending:
        for p in self.pending():
            if p.id == ident:
                return p
        raise InputError(f"no suggestion {ident!r} is waiting for review",
                         hint="`kb review --list` shows the waiting ones and their ids")

    def accept(self, ident: str, *, link_type: str | None = None, target: str | None = None,
               evidence: list[dict[str, str]] | None = None, note: str = "") -> dict[str, Any]:
        """Make a suggestion a curated link (with its type, target or quotes edited if given)."""
        p = self.find(ident)
        link = {"from": p.source, "type": link_type or p.link_type, "to": target or p.target,
                "evidence": evidence or p.evidence,
                "note": note or f"accepted from kb suggest (confidence {p.confidence:.2f}: {p.why})"}
        accepted = self._read(self.accepted_path, "links")
        if not any((a["from"], a["type"], a["to"]) == (link["from"], link["type"], link["to"]) for a in accepted):
            accepted.append(link)
        _write(self.accepted_path, "Links accepted in `kb review` from the suggester's proposals: curated, with their "
               "quotes; edit them like any annotation.", {"links": accepted})
        self._write_suggestions([q for q in self.pending() if q.id != ident])
        return link

    def reject(self, ident: str, reason: str = "") -> None:
        """Remember a suggestion as rejected, so that it is not made again."""
        p = self.find(ident)
        rejected = self._read(self.rejected_path, "rejected")
        rejected.append({"from": p.source, "type": p.link_type, "to": p.target, "on": dt.date.today().isoformat(),
                         **({"reason": reason} if reason else {})})
        _write(self.rejected_path, "Suggestions a curator rejected in `kb review`: `kb suggest` does not make them "
               "again.", {"rejected": rejected})
        self._write_suggestions([q for q in self.pending() if q.id != ident])


def _write(path: Path, comment: str, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = f"# {comment}\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
