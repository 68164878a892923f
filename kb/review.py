"""The review of suggested links, under git like the rest of the corpus:

``corpus/review/suggestions.yaml``  what ``kb suggest`` proposed and nobody decided yet, each entry
                                    ``asserted_by: extractor`` with its confidence, why and quotes;
``corpus/review/rejected.yaml``     what a curator rejected: never suggested again;
``corpus/annotations/reviewed-links.yaml``  what a curator accepted (or edited, then accepted): curated
                                    links with their quotes, read by every build like any annotation;
``corpus/annotations/reviewed-activities.yaml``  the activities a document reports that ``kb suggest
                                    --activities`` proposed and a curator declared (``activities:``).

Proposed activities wait in the suggestions file under ``activities:``, beside the links under
``suggestions:``; an id names either, and accepting or rejecting one is done the same way.

Every decision is read, changed and written under a lock on ``corpus/review/.lock`` (the CLI and the
curator page may decide at once), and every write replaces its file whole (a temporary file renamed
over it): a review cut short loses nothing already decided. Other top-level sections of the files are
kept; comments are not (the files say so).
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import difflib
import fcntl
import hashlib
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from kb import iri
from kb.annotate import (
    ACTIVITY_TYPES,
    ADDRESSEE_ROLES,
    LINE,
    LINK_TYPES,
    annotation_paths,
    read_annotation_file,
    withdrawn_entries,
)
from kb.corpus import CorpusLoader, default_corpus_dir, dump_yaml, parse_meta, read_corpus, write_whole, yaml_error
from kb.errors import CorpusError, CorpusErrors, InputError, NotFoundError, errors_of
from kb.model import Evidence
from kb.pipeline import prepare
from kb.quote import after_hint, quote_of
from kb.reported import ReportedActivity, one_event
from kb.suggest import Suggestion, bodies_named

__all__ = ["ACCEPTABLE_TYPES", "REVIEWED_ACTIVITIES", "REVIEWED_LINKS", "Accepted", "Pending", "PendingActivity",
           "Review"]

REVIEWED_LINKS = "reviewed-links.yaml"
REVIEWED_ACTIVITIES = "reviewed-activities.yaml"
# What a suggestion can become: the suggester's types, and fulfils (an answer that is complete).
ACCEPTABLE_TYPES = tuple(t for t in LINK_TYPES if t in ("derivedFrom", "reiterates", "respondsTo", "fulfils",
                                                      "addressee"))
_ENDS = ("from", "type", "to")  # what names a link in an annotation or review file
_PENDING_KEYS = ("id", *_ENDS, "confidence")
_ACTIVITY_KEYS = ("id", "slug", "type", "label", "document", "confidence")
_PROPOSAL_RE = re.compile(r"\(proposal ([0-9a-f]{10})[,)]")
_ACTIVITY_FIELDS = ("slug", "type", "label", "start", "end", "place")  # what a curator may edit


@dataclass(frozen=True)
class Accepted:
    """What accepting a suggestion did: its link written to the reviewed links' file, or, where ``curated_at``
    names the entry ("file:line") the corpus has of that very link already, nothing written and the suggestion
    taken out of the queue as curated."""

    ident: str
    link: dict[str, Any]
    curated_at: str = ""

    @property
    def written(self) -> bool:
        return not self.curated_at

    def __str__(self) -> str:
        """What the prompt and the page say of it (the page adds how to publish a link written)."""
        ends = f"{self.link['from']} {self.link['type']} {self.link['to']}"
        if self.written:
            return f"accepted {self.ident}: {ends}"
        return (f"{ends} is already curated at {self.curated_at}: nothing was written, and suggestion {self.ident} "
                "is closed as curated")


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
    role: str = ""  # an addressee's role, when its words say it (else actor, the default)

    def as_yaml(self) -> dict[str, Any]:
        return {"id": self.id, "from": self.source, "type": self.link_type, "to": self.target,
                **({"role": self.role} if self.role else {}),
                "asserted_by": "extractor", "confidence": round(self.confidence, 3), "why": self.why,
                "document": self.document, "evidence": self.evidence}


@dataclass
class PendingActivity:
    """An activity a document reports, proposed for declaring and waiting for a curator."""

    id: str
    slug: str
    activity_type: str
    label: str
    start: str
    end: str
    place: str
    document: str  # the document reporting it
    confidence: float
    why: str
    evidence: list[dict[str, str]]

    def fields(self) -> dict[str, str]:
        """What a curator may edit, as ``activities:`` names it ("" where the proposal gives nothing)."""
        return {"slug": self.slug, "type": self.activity_type, "label": self.label, "start": self.start,
                "end": self.end, "place": self.place}

    def as_yaml(self) -> dict[str, Any]:
        return {"id": self.id, **{k: v for k, v in self.fields().items() if v}, "document": self.document,
                "asserted_by": "extractor", "confidence": round(self.confidence, 3),
                "why": self.why, "evidence": self.evidence}


def suggestion_id(source: str, link_type: str, target: str) -> str:
    return hashlib.sha256(f"{source}\x1f{link_type}\x1f{target}".encode()).hexdigest()[:10]


def _version(path: Path) -> tuple[int, int, int] | None:
    """What tells a file's content changed (every write replaces a file whole), or None if there is none."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


class _Refusal(NamedTuple):
    """A corpus error of an annotation file read with a decision in it: where, what, the hint and the fixes."""

    where: str
    message: str
    hint: str
    fixes: dict[str, str]


@dataclass
class Review:
    """The review files of a corpus."""

    corpus_dir: Path = field(default_factory=default_corpus_dir)

    def __post_init__(self) -> None:
        self.corpus_dir = Path(self.corpus_dir)
        self._parsed: dict[Path, tuple[tuple[int, int, int], Any, yaml.Node | None]] = {}
        self._renames: dict[Path, tuple[tuple[int, int, int], dict[str, str]]] = {}

    @property
    def suggestions_path(self) -> Path:
        return self.corpus_dir / "review" / "suggestions.yaml"

    @property
    def rejected_path(self) -> Path:
        return self.corpus_dir / "review" / "rejected.yaml"

    @property
    def accepted_path(self) -> Path:
        return self.corpus_dir / "annotations" / REVIEWED_LINKS

    @property
    def accepted_activities_path(self) -> Path:
        return self.corpus_dir / "annotations" / REVIEWED_ACTIVITIES

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        lock = self.corpus_dir / "review" / ".lock"
        lock.parent.mkdir(parents=True, exist_ok=True)
        with lock.open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _load(self, path: Path, key: str) -> tuple[dict[str, Any], list[tuple[int, dict[str, Any]]]]:
        """The file's whole mapping, and its ``key`` entries each with its line (copies: a caller may change
        them)."""
        version = _version(path)
        if version is None or not path.is_file():
            return {}, []
        # A file read again unchanged is not parsed again: a decision reads the suggestions file for both kinds
        # of entry, to find the one decided, and to write the rest. Every write replaces a file whole.
        cached = self._parsed.get(path)
        if cached is None or cached[0] != version:
            cached = (version, *self._parse(path))
            self._parsed[path] = cached
        _, parsed, node = cached
        data = copy.deepcopy(parsed)
        if not isinstance(data, dict):
            raise InputError(f"{path}: the file must be a mapping with a {key}: list",
                             hint="fix it (or move it away): nothing was changed")
        entries = data.get(key) or []
        if not isinstance(entries, list):
            raise InputError(f"{path}: {key} must be a list", hint="fix it: nothing was changed")
        lines = [1] * len(entries)
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == key and isinstance(v, yaml.SequenceNode):
                    lines = [item.start_mark.line + 1 for item in v.value]
        found = []
        for line, entry in zip(lines, entries, strict=True):
            if not isinstance(entry, dict):
                raise InputError(f"{path}:{line}: each entry of {key} must be a mapping",
                                 hint="fix it: nothing was changed")
            found.append((line, entry))
        return data, found

    def _parse(self, path: Path) -> tuple[Any, yaml.Node | None]:
        """A review file's data and its YAML node (for the lines of its entries)."""
        text = path.read_text(encoding="utf-8")
        try:
            # the corpus's loader (libyaml's): dates stay text, so that one no calendar has ("2025-02-30") is the
            # build's to report with its file and line, not a crash of the review
            loader = CorpusLoader(text)
            try:
                node = loader.get_single_node()
                data = loader.construct_document(node) if node is not None else {}
            finally:
                loader.dispose()
        except yaml.YAMLError as exc:
            raise yaml_error(path, exc, "fix the syntax at that line: nothing was changed" + (
                "; `kb suggest` writes this file again" if path == self.suggestions_path else
                ", and the decisions of the review are in this file, so keep it"), text) from exc
        return data, node

    def _entries(self, path: Path, key: str, required: tuple[str, ...]) -> list[tuple[int, dict[str, Any]]]:
        """The file's ``key`` entries, each with its line, every one with the ``required`` keys."""
        _, entries = self._load(path, key)
        for line, entry in entries:
            missing = [k for k in required if entry.get(k) in (None, "")]
            if missing:
                raise InputError(f"{path}:{line}: this entry has no {', '.join(missing)}",
                                 hint="fix it by hand (or delete the entry): nothing was changed")
        return entries

    def pending(self) -> list[Pending]:
        out = []
        seen: dict[str, int] = {}
        for line, e in self._entries(self.suggestions_path, "suggestions", _PENDING_KEYS):
            if str(e["id"]) in seen:  # a copied entry: deciding one would take both out of the queue
                raise InputError(f"{self.suggestions_path}:{line}: id {e['id']} is the id of the entry at line "
                                 f"{seen[str(e['id'])]} too", hint="give the copy an id of its own (ten hex digits no "
                                 "other entry has), or delete it: nothing was changed")
            seen[str(e["id"])] = line
            confidence, evidence = self._checked(line, e, quoted=False)
            out.append(Pending(str(e["id"]), self._now(str(e["from"])), str(e["type"]), self._now(str(e["to"])),
                               confidence, str(e.get("why", "")), evidence, str(e.get("document", "")),
                               str(e.get("role") or "")))
        return out

    def _now(self, ref: str) -> str:
        """A reference made before a document's provisions were renamed (``renamed:`` in its metadata), as it
        is now: a suggestion accepted names the provision by its eId of now, not one its IRI redirects from."""
        slug, _, eid = ref.partition(" ")
        renamed = self._renamed(slug) if eid else {}
        seen = {eid}
        while eid in renamed and renamed[eid] and renamed[eid] not in seen:  # a part gone ('') keeps its eId
            eid = renamed[eid]
            seen.add(eid)
        return f"{slug} {eid}" if eid else ref

    def _renamed(self, slug: str) -> dict[str, str]:
        path = self.corpus_dir / "documents" / f"{slug}.yaml"
        version = _version(path)
        if version is None:
            return {}
        cached = self._renames.get(path)
        if cached is None or cached[0] != version:
            try:
                renamed = dict(parse_meta(path).renamed) if b"renamed:" in path.read_bytes() else {}
            except (CorpusError, CorpusErrors):
                renamed = {}  # the build reports the file
            cached = (version, renamed)
            self._renames[path] = cached
        return cached[1]

    def pending_activities(self) -> list[PendingActivity]:
        """The proposed activities waiting for a curator, as the suggestions file holds them."""
        out = []
        seen = {p.id: 0 for p in self.pending()}
        for line, e in self._entries(self.suggestions_path, "activities", _ACTIVITY_KEYS):
            if str(e["id"]) in seen:
                raise InputError(f"{self.suggestions_path}:{line}: id {e['id']} is the id of another waiting entry "
                                 "too", hint="give the copy an id of its own (ten hex digits no other entry has), or "
                                 "delete it: nothing was changed")
            seen[str(e["id"])] = line
            confidence, evidence = self._checked(line, e, quoted=True)
            out.append(PendingActivity(str(e["id"]), str(e["slug"]), str(e["type"]), str(e["label"]),
                                       str(e.get("start") or ""), str(e.get("end") or ""), str(e.get("place") or ""),
                                       str(e["document"]), confidence, str(e.get("why", "")), evidence))
        return out

    def _checked(self, line: int, e: dict[str, Any], *, quoted: bool) -> tuple[float, list[dict[str, str]]]:
        """A waiting entry's confidence and quotes, as the suggester writes them (``quoted``: at least one)."""
        confidence, evidence = e["confidence"], e.get("evidence") or []
        if isinstance(confidence, bool) or not isinstance(confidence, int | float) or not 0 <= confidence <= 1:
            raise InputError(f"{self.suggestions_path}:{line}: confidence {confidence!r} is not a number from 0 to 1",
                             hint="fix it by hand (or delete the entry, or run kb suggest again): nothing was changed")
        if (quoted and not evidence) or not isinstance(evidence, list) or not all(
                isinstance(q, dict) and isinstance(q.get("doc"), str) and isinstance(q.get("quote"), str)
                for q in evidence):
            raise InputError(f"{self.suggestions_path}:{line}: evidence must be a list of {{doc, quote}} entries",
                             hint="fix it by hand (or delete the entry, or run kb suggest again): nothing was changed")
        return float(confidence), list(evidence)

    def rejected_activities(self) -> set[str]:
        """The ids of the proposed activities a curator rejected."""
        return {str(e["id"]) for _, e in self._entries(self.rejected_path, "rejected_activities", ("id",))}

    def record_activities(self, found: Iterable[ReportedActivity], document: str | None,
                          texts: dict[str, str]) -> list[PendingActivity]:
        """Write new activity proposals, replacing the undecided ones of ``document`` (of every document when
        None); return them."""
        new = [PendingActivity(a.id, a.slug, a.activity_type, a.label, a.start, a.end, a.place, a.document,
                               a.confidence, a.why, _quotes(a.evidence, texts)) for a in found]
        with self._locked():
            decided = self.rejected_activities() | self._accepted_activities()
            new = [p for p in new if p.id not in decided]
            ids = {p.id for p in new}
            # a run for every document replaces every waiting proposal: those it no longer makes are gone
            kept = [p for p in self.pending_activities() if p.id not in ids and
                    document is not None and p.document != document]
            new = _own_slugs(kept, new)
            self._write_suggestions(self.pending(), kept + new)
        return new

    def _accepted_activities(self) -> set[str]:
        """The ids of the proposals accepted into the reviewed activities' file (its notes name them)."""
        _, entries = self._load(self.accepted_activities_path, "activities")
        return {m.group(1) for _, e in entries for m in _PROPOSAL_RE.finditer(str(e.get("note") or ""))}

    def rejected(self) -> set[tuple[str, str, str]]:
        """What was rejected, as (from, type, to) references."""
        return {(str(e["from"]), str(e["type"]), str(e["to"]))
                for _, e in self._entries(self.rejected_path, "rejected", _ENDS)}

    def record(self, suggestions: Iterable[Suggestion], document: str | None, texts: dict[str, str]) -> list[Pending]:
        """Write new suggestions for ``document`` (replacing its earlier undecided ones); return them."""
        new = [Pending(suggestion_id(s.source.ref, s.link_type, s.target_ref), s.source.ref, s.link_type,
                       s.target_ref, s.confidence, s.why, _quotes(s.evidence, texts), document or s.source.doc, s.role)
               for s in suggestions]
        with self._locked():  # what was decided while the suggester ran is not made again
            decided = self.rejected() | self._accepted()
            new = [p for p in new if (p.source, p.link_type, p.target) not in decided]
            ids = {p.id for p in new}
            kept = [p for p in self.pending() if p.id not in ids and (document is None or p.document != document)]
            self._write_suggestions(kept + new)
        return new

    def _write_suggestions(self, pending: list[Pending], activities: list[PendingActivity] | None = None) -> None:
        data, _ = self._load(self.suggestions_path, "suggestions")
        waiting = self.pending_activities() if activities is None else activities
        data = {k: v for k, v in data.items() if k != "activities"}
        _write(self.suggestions_path, "Suggested by `kb suggest`: decide with `kb review` (accepted links go to "
               f"annotations/{REVIEWED_LINKS}, accepted activities to annotations/{REVIEWED_ACTIVITIES}, rejected "
               "ones to review/rejected.yaml).",
               {**data, "suggestions": [p.as_yaml() for p in pending],
                **({"activities": [a.as_yaml() for a in waiting]} if waiting else {})})

    def original_of(self, document: str) -> str:
        """The held document ``document`` is a language version of, else ``""``: `kb suggest --document` of a
        version suggests for its original's provisions, and keeps them as made for the original."""
        path = self.corpus_dir / "documents" / f"{document}.yaml"
        try:
            return parse_meta(path).version_of if path.is_file() else ""
        except (CorpusError, CorpusErrors):
            return ""  # a metadata file the build refuses: it says why

    def find(self, ident: str) -> Pending:
        for p in self.pending():
            if p.id == ident:
                return p
        decided = self.decided(ident)
        if decided:  # another tab, the prompt or the page decided it meanwhile
            raise NotFoundError(f"suggestion {ident} was already {decided}", parameter="ident",
                                hint="nothing was written; the waiting ones are on the page (`kb review --list`)")
        raise NotFoundError(f"no suggestion {ident!r} is waiting for review", parameter="ident",
                            hint="`kb review --list` shows the waiting ones and their ids")

    def decided(self, ident: str) -> str:
        """How a suggestion no longer waiting was decided: accepted (into the accepted links' file, as made or
        edited), rejected, or "" if neither file says so."""
        with contextlib.suppress(InputError):
            if any(suggestion_id(*ends) == ident for ends in self._accepted()):
                return f"accepted (annotations/{REVIEWED_LINKS})"
        with contextlib.suppress(InputError):
            for _, e in self._entries(self.rejected_path, "rejected", _ENDS):
                if suggestion_id(str(e["from"]), str(e["type"]), str(e["to"])) == ident:
                    reason = str(e.get("reason") or "")
                    return (reason.removeprefix("edited in review: ") if reason.startswith("edited in review: ")
                            else "rejected")
        return ""

    def _accepted(self) -> set[tuple[str, str, str]]:
        """The links accepted in review, as (from, type, to) references."""
        _, entries = self._load(self.accepted_path, "links")
        return {(str(e.get("from")), str(e.get("type")), str(e.get("to"))) for _, e in entries}

    def edited_evidence(self, ident: str, quotes: list[str]) -> list[dict[str, str]]:
        """The suggestion's evidence with its quotes replaced by ``quotes`` (in order; an empty one keeps
        the quote as it was). A changed quote loses its ``after`` hint: the build says if it needs one."""
        p = self.find(ident)
        if len(quotes) > len(p.evidence):
            raise InputError(f"{len(quotes)} quotes for a suggestion with {len(p.evidence)}", parameter="quote",
                             hint="give at most one quote for each of its quotes, in order")
        out = []
        texts: dict[str, str] = {}
        originals: dict[str, str] = {}
        if any(quotes):
            documents, _, _ = read_corpus(self.corpus_dir)
            texts = {d.meta.slug: d.text for d in documents}
            originals = {d.meta.slug: d.meta.version_of or d.meta.slug for d in documents}
        for k, entry in enumerate(p.evidence):
            new = quotes[k] if k < len(quotes) else ""
            if not new or new == entry["quote"]:
                out.append(entry)
                continue
            # a quote from the text in another language (kb.versions) is taken from there
            work = originals.get(entry["doc"], entry["doc"])
            doc = entry["doc"] if new in texts.get(entry["doc"], new) else next(
                (slug for slug in sorted(texts) if originals[slug] == work and new in texts[slug]), entry["doc"])
            out.append({"doc": doc, "quote": new})
        return out

    def accept(self, ident: str, *, link_type: str | None = None, target: str | None = None,
               quotes: list[str] | None = None, evidence: list[dict[str, str]] | None = None, note: str = "",
               role: str | None = None) -> Accepted:
        """Make a suggestion a curated link (with its type, target, quotes or addressee role edited if
        given: ``quotes`` as :meth:`edited_evidence` takes them, or ``evidence`` whole). A quote or role given
        as the suggestion has it is no edit: the page sends back every field as shown. An edited link is
        checked as the build reads it before the suggestion leaves the queue; the suggestion as it was is
        remembered as rejected, so that it is not made again. A link the corpus has already is not written:
        the suggestion is closed as curated, or, if it brings a quote that entry lacks, refused (the quote
        is the curator's to add there)."""
        if link_type is not None and link_type not in ACCEPTABLE_TYPES:
            raise InputError(f"type {link_type!r} is not a link type a suggestion can become",
                             hint=f"use one of {', '.join(ACCEPTABLE_TYPES)}", parameter="link_type")
        if role is not None and role not in ADDRESSEE_ROLES:
            raise InputError(f"role {role!r} is not an addressee's role", parameter="role",
                             hint=f"use one of {', '.join(ADDRESSEE_ROLES)}")
        if target is not None and not target.strip():
            raise InputError("the target is empty", hint="give a reference as annotations write it: 'slug eId', "
                             "'activity:slug' or 'body:slug'", parameter="target")
        if quotes:
            evidence = self.edited_evidence(ident, quotes)
        with self._locked():
            p = self.find(ident)
            gone = set(withdrawn_entries(self.corpus_dir / "annotations") or {}) & {
                ref.split(" ", 1)[0] for ref in (p.source, target or p.target)}
            if gone:
                raise InputError(f"suggestion {ident}: {', '.join(sorted(gone))} is withdrawn", parameter="ident",
                                 hint=f"reject it (kb review --reject {ident}): a withdrawn document is linked no more")
            link: dict[str, Any] = {
                "from": p.source, "type": link_type or p.link_type, "to": (target or p.target).strip(),
                "evidence": evidence or p.evidence,
                "note": note or f"accepted from kb suggest (confidence {p.confidence:.2f}: {p.why})"}
            if role == (p.role or "actor"):
                role = None  # as suggested (the page's field left as shown): not the curator's
            given_role = p.role if role is None else role
            if link["type"] == "addressee" and given_role not in ("", "actor"):
                link["role"] = given_role
            elif role not in (None, "", "actor") and link["type"] != "addressee":
                raise InputError(f"role is for an addressee link, not {link['type']}", parameter="role",
                                 hint="leave the role out")
            retargeted = (link["type"], link["to"]) != (p.link_type, p.target)
            if retargeted and not note:  # the suggester's reason was about the link as suggested
                link["note"] = (f"edited in review from the suggestion {p.link_type} {p.target} (confidence "
                                f"{p.confidence:.2f})")
            elif not note and link["evidence"] != p.evidence:
                link["note"] += "; its quote edited in review"
            _check_ends(link)
            if link["to"] != p.target:  # the old target's words, edited or not, prove nothing of the new one
                link["evidence"] = self._retargeted_evidence(p, link["to"], link["evidence"])
            # the curator's own quotes: those the suggestion did not have (a quote sent back as shown is not one)
            typed = [e for e in link["evidence"] if e in (evidence or []) and e not in p.evidence]
            curated = self._curated_at(link)
            if curated:
                held_role = curated[1].get("role") or "actor"
                if role is not None and link["type"] == "addressee" and role != held_role:
                    raise InputError(f"suggestion {ident}: {link['from']} addressee {link['to']} is already curated "
                                     f"at {curated[0]}, with role {held_role}", parameter="role",
                                     hint=f"nothing was written and the suggestion waits: change role: there to "
                                     f"{role}, then accept it again to close it, or reject it (kb review --reject "
                                     f"{ident})")
                return self._close_as_curated(p, link, retargeted, typed, *curated)
            if link["type"] == "addressee" and (link["to"] != p.target or link["evidence"] != p.evidence):
                self._check_names(link)  # retargeted, or its quote edited: the quote must still name the body
            data, entries = self._load(self.accepted_path, "links")
            text = _with_entry(self.accepted_path, "Links accepted in `kb review` from the suggester's proposals: "
                               "curated, with their quotes; edit them like any annotation (each accepted link is "
                               "added at the end, the rest of the file kept as it is).",
                               data, "links", [*(e for _, e in entries), link])
            self._check_accepted(text, link)
            write_whole(self.accepted_path, text)
            if retargeted:
                self._remember_rejected(p, f"edited in review: accepted as {link['type']} {link['to']}")
            self._write_suggestions([q for q in self.pending() if q.id != ident])
        return Accepted(ident, link)

    def _curated_at(self, link: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
        """Where an annotation file (the reviewed links' too: accepted from another suggestion, or written by
        hand meanwhile) has the link ``link`` names, as "file:line", with its entry; None if none does."""
        wanted = tuple(_fold(str(link[k])) for k in _ENDS)
        for path in annotation_paths(self.corpus_dir / "annotations"):
            try:
                data = read_annotation_file(path) or {}
            except CorpusError:
                continue  # the build reports it (and the check of the accept, when it is the reviewed links')
            for entry in data.get("links") or []:
                if isinstance(entry, dict) and tuple(_fold(str(entry.get(k))) for k in _ENDS) == wanted:
                    return f"{path}:{entry.get(LINE, 1)}", entry
        return None

    def _close_as_curated(self, p: Pending, link: dict[str, Any], retargeted: bool, typed: list[dict[str, str]],
                          where: str, entry: dict[str, Any]) -> Accepted:
        """The suggestion ``p``, accepted as ``link``, which the entry at ``where`` curates already: a second entry
        would not build, so nothing is written. A quote the curator gave that the entry lacks would be lost:
        refused, saying how to add it there; else the suggestion leaves the queue (the suggestion as made
        remembered as rejected when it was edited, as an accept remembers it)."""
        ends = f"{link['from']} {link['type']} {link['to']}"
        have = {(str(e.get("doc")), _fold(str(e.get("quote")))) for e in entry.get("evidence") or []
                if isinstance(e, dict)}
        new = [e for e in typed if (e["doc"], _fold(e["quote"])) not in have]
        if new:
            adds = "; ".join("- " + yaml.safe_dump({"doc": e["doc"], "quote": e["quote"]}, default_flow_style=True,
                                                  allow_unicode=True, width=1 << 16).strip() for e in new)
            raise InputError(f"suggestion {p.id}: {ends} is already curated at {where}, without the quote "
                             f"{new[0]['quote']!r}", parameter="quote",
                             hint=f"nothing was written and the suggestion waits: add {adds} under evidence: of "
                             f"the entry at {where} (`kb quote` prints the source's exact text), then accept "
                             f"the suggestion again to close it, or reject it (kb review --reject {p.id})")
        if retargeted:
            self._remember_rejected(p, f"edited in review: found curated as {link['type']} {link['to']} ({where})")
        self._write_suggestions([q for q in self.pending() if q.id != p.id])
        return Accepted(p.id, link, curated_at=where)

    def _retargeted_evidence(self, p: Pending, target: str, evidence: list[dict[str, str]]) -> list[dict[str, str]]:
        """The quotes (``evidence``: the suggestion's, as edited or as suggested) with those of the target
        the suggestion named replaced by the new target's own text (a held provision's printed text, or the
        quotation a quoted one is known through; for a body, none: the source's words name it): the old
        target's words prove nothing of the new one. A target the corpus does not have keeps them: the build's
        check then says what is wrong with it."""
        try:
            corpus = prepare(self.corpus_dir)
        except (CorpusError, CorpusErrors):
            return evidence  # the corpus has other problems: the build reports them
        texts = {f"{slug} {q.eid}": q.text for slug, provisions in corpus.provisions.items() for q in provisions}
        quoted = {f"{m.slug} {q.eid}": q for m in corpus.annotations.documents for q in m.provisions}
        texts |= {ref: q.text for ref, q in quoted.items()}
        # the old target's words, and its language versions' (kb.versions): quotes of either prove nothing now
        versions = [_ref(v) for v, o in corpus.annotations.versions.items() if _ref(o) == p.target]
        olds = [_fold(texts.get(ref, "")) for ref in (p.target, *versions)]
        kept = [e for e in evidence if not any(old and (_fold(e["quote"]) in old or old in _fold(e["quote"]))
                                               for old in olds)]
        slug = target.split(" ", 1)[0]
        held = {d.meta.slug: d.text for d in corpus.documents}
        if target in quoted:
            return [*kept, *({"doc": e.doc, "quote": e.quote, **({"after": after} if (
                after := after_hint(held[e.doc], e.start, e.quote)) else {})} for e in quoted[target].evidence)]
        if target in texts and slug in held:
            own = quote_of(target, corpus_dir=self.corpus_dir)
            return [*kept, {"doc": slug, "quote": own.text, **({"after": own.after} if own.after else {})}]
        if target.startswith("body:"):  # an addressee's proof is the source's words naming it: they are what stays
            return kept
        return evidence  # not a provision the corpus has: the build's check names what it is

    def _check_names(self, link: dict[str, Any]) -> None:
        """An addressee's quote names the body (a body the corpus declares): one retargeted to another body, or
        whose quote was edited, needs a quote naming it."""
        body = str(link["to"]).removeprefix("body:")
        try:
            annotations = prepare(self.corpus_dir).annotations
        except (CorpusError, CorpusErrors):
            return  # the corpus has other problems: the build reports them
        known = sorted(b.slug for b in annotations.bodies)
        if body not in known:
            close = difflib.get_close_matches(body.lower(), known, n=1)
            raise InputError(f"{link['to']} is no body declared in {self.corpus_dir / 'annotations'}",
                             parameter="target", hint=(f"did you mean body:{close[0]}? " if close else "")
                             + "`kb list bodies` lists them; nothing was written")
        named = set().union(*(bodies_named(str(e.get("quote", "")), annotations) for e in link["evidence"]))
        if body not in named:
            declared = next(b for b in annotations.bodies if b.slug == body)
            raise InputError(f"{link['from']} addressee {link['to']}: the quote names "
                             f"{', '.join(f'body:{b}' for b in sorted(named)) or 'no body'}, not {link['to']}",
                             parameter="quote", hint="nothing was written: give a quote from the source that names "
                             f"{link['to']} (`kb quote` prints the provision's text); if the quote names it by "
                             f"another name, add that name to its alt_labels ({declared.where or 'bodies:'}), "
                             "then accept")

    def _check_accepted(self, text: bytes, link: dict[str, Any]) -> None:
        """Read the corpus as the build would with ``text`` as the accepted links, before it is written, so that
        a refused link never reaches the corpus, whenever the process stops."""
        self._check_written(REVIEWED_LINKS, text, f"{link['from']} {link['type']} {link['to']}")

    def _check_written(self, name: str, text: bytes, what: str, *, fields: tuple[str, ...] = ()) -> None:
        """Read the corpus as the build would with ``text`` as annotation file ``name`` (the annotations read
        from a folder of links to the corpus's files and the new file), before it is written. ``fields``: what a
        curator may change of an activity declared, the refusal naming the one it is about."""
        ours, unread = self._reading_with(name, text)
        current = self.corpus_dir / "annotations" / name
        if ours and current.exists() and {r.message for r in ours} <= {
                r.message for r in self._reading_with(name, current.read_bytes())[0]}:
            unread, ours = ours, []  # the file is refused as it is, not for what this decision adds to it
        if unread and not ours:
            where, message = unread[0].where, unread[0].message
            raise InputError(f"{what} cannot be checked: {where}: {message}", parameter="ident",
                             hint="nothing was written: fix that file first (the build stops on it too), then accept")
        if not ours:
            return  # other problems (a document that cannot be read): the build reports them
        message = "; ".join(r.message for r in ours)
        fixes = "; ".join(r.hint for r in ours if r.hint)  # "the source reads '...': copy that"
        exact = {given: fix for r in ours for given, fix in r.fixes.items()}
        if fields:
            named = next((f for f in ("quote", "reported_in", *fields) if f in message), "slug")
            how = {"quote": "give a quote from the source (--quote '...', or the prompt's e)",
                   "reported_in": "the document it was proposed for is not held: reject the proposal",
                   "start": "change its start or end (--set start=... / --set end=..., or the prompt's e)"}.get(
                named, f"change its {named} (--set {named}=..., or the prompt's e)")
            raise InputError(f"{what} would not build: {message}", parameter=named, fixes=exact,
                             hint="nothing was written: " + (f"{fixes}; " if fixes else "") + how)
        quote = "quote" in message or "after" in message
        raise InputError(f"{what} would not build: {message}",
                         hint="nothing was written: " + (fixes or ("copy the exact text (`kb quote`)" if quote else
                                                                  "give another type or target")),
                         parameter="quote" if quote else "target", fixes=exact)

    def _reading_with(self, name: str, text: bytes) -> tuple[list[_Refusal], list[_Refusal]]:
        """The corpus errors of a reading with ``text`` as annotation file ``name``: those of that file, and
        those of another annotation file (which stop the reading before it is checked)."""
        with tempfile.TemporaryDirectory(prefix="kb-review-") as scratch:
            annotations = Path(scratch)
            for path in sorted((self.corpus_dir / "annotations").iterdir()):
                if path.name != name:
                    (annotations / path.name).symlink_to(path.resolve())
            written = annotations / name
            written.write_bytes(text)
            real = str(self.corpus_dir / "annotations")
            try:
                prepare(self.corpus_dir, annotations_dir=annotations)
                return [], []
            except (CorpusError, CorpusErrors) as exc:
                errors = errors_of(exc)
        ours: list[_Refusal] = []
        unread: list[_Refusal] = []
        for e in errors:
            where = (f"{e.path}:{e.line}" if e.line else e.path).replace(str(annotations), real)
            found = _Refusal(where, e.message.split(": ", 1)[-1].replace(str(annotations), real), e.hint, e.fixes)
            if e.path.startswith(str(written)) or str(written) in e.message:
                ours.append(found)
            elif e.path.startswith(str(annotations)):
                unread.append(found)
        return ours, unread

    def find_activity(self, ident: str) -> PendingActivity:
        for a in self.pending_activities():
            if a.id == ident:
                return a
        if ident in self._accepted_activities():
            raise NotFoundError(f"proposed activity {ident} was already accepted ({REVIEWED_ACTIVITIES})",
                                parameter="ident",
                                hint="nothing was written; `kb review --list` shows the waiting ones")
        if ident in self.rejected_activities():
            raise NotFoundError(f"proposed activity {ident} was already rejected", parameter="ident",
                                hint="nothing was written; `kb review --list` shows the waiting ones")
        raise NotFoundError(f"no proposed activity {ident!r} is waiting for review", parameter="ident",
                            hint="`kb review --list` shows the waiting ones and their ids")

    def is_activity(self, ident: str) -> bool:
        """Whether ``ident`` names a proposed activity (waiting or decided) rather than a suggested link."""
        return any(a.id == ident for a in self.pending_activities()) or ident in self._accepted_activities() \
            or ident in self.rejected_activities()

    def accept_activity(self, ident: str, *, quotes: list[str] | None = None, **edits: str) -> dict[str, Any]:
        """Declare a proposed activity (with its slug, type, label, dates or place edited if given, each a field
        of ``activities:``; its quotes replaced by ``quotes`` in order, an empty one keeping its quote and "-" taking
        it out), reported in the document it was proposed for. It is checked as the build reads it before the
        proposal leaves the queue; the next ``kb suggest --document`` proposes what it answered."""
        unknown = sorted(set(edits) - set(_ACTIVITY_FIELDS))
        if unknown:
            raise InputError(f"{', '.join(unknown)}: not a field of a proposed activity", parameter=unknown[0],
                             hint=f"edit {', '.join(_ACTIVITY_FIELDS)}")
        if "type" in edits and edits["type"] not in ACTIVITY_TYPES:
            raise InputError(f"type {edits['type']!r} is not an activity type", parameter="type",
                             hint=f"use one of {', '.join(ACTIVITY_TYPES)}")
        if "slug" in edits and not re.fullmatch(iri.SLUG_PATTERN, edits["slug"] or ""):
            raise InputError(f"slug {edits['slug']!r} is not a slug: lower-case letters, digits and hyphens",
                             parameter="slug", hint="e.g. ws2022-informality")
        with self._locked():
            a = self.find_activity(ident)
            proposed = a.fields()
            # "-" is "none", as at the prompt
            fields = proposed | {k: "" if v.strip() == "-" and k in ("start", "end", "place") else v.strip()
                                 for k, v in edits.items()}
            if not fields["label"]:
                raise InputError("the label is empty", parameter="label", hint="give the activity's name")
            if len(quotes or []) > len(a.evidence):
                raise InputError(f"{len(quotes or [])} quotes for a proposal with {len(a.evidence)}",
                                 parameter="quote", hint="give at most one quote for each of its quotes, in order")
            given = [*(quotes or []), *[""] * len(a.evidence)]
            evidence = [{"doc": e["doc"], "quote": q} if q.strip() and q != e["quote"] else e
                        for e, q in zip(a.evidence, given, strict=False) if q.strip() != "-"]
            if not evidence:
                raise InputError("every quote was taken out", parameter="quote",
                                 hint="keep at least one quote that reports the activity")
            edited = fields != proposed or evidence != a.evidence
            entry: dict[str, Any] = {k: v for k, v in fields.items() if v}
            entry |= {"reported_in": [a.document], "evidence": evidence,
                      "note": f"accepted from kb suggest --activities (proposal {a.id}, confidence "
                              f"{a.confidence:.2f}: {a.why})" + ("; edited in review" if edited else "")}
            data, entries = self._load(self.accepted_activities_path, "activities")
            declared = [e for _, e in entries]
            if self._reported_again(entry, a):  # the event another document's proposal declared: reported here too
                entry = next(e for e in declared if e.get("slug") == entry["slug"])
                entry["reported_in"] = [*entry.get("reported_in", []), a.document]
                entry["evidence"] = [*entry.get("evidence", []), *evidence]
                entry["note"] = f"{entry.get('note', '')}; also reported in {a.document} (proposal {a.id})"
            else:
                declared.append(entry)
            text = _with_entry(self.accepted_activities_path, "Activities declared in `kb review` from the "
                               "proposals of `kb suggest --activities`: curated, with their quotes; edit them like "
                               "any annotation (each one declared is added at the end, the rest of the file kept as "
                               "it is, unless another document reports it again).", data, "activities", declared)
            self._check_written(REVIEWED_ACTIVITIES, text, f"activity {entry['slug']}", fields=_ACTIVITY_FIELDS)
            write_whole(self.accepted_activities_path, text)
            self._write_suggestions(self.pending(), [q for q in self.pending_activities() if q.id != ident])
        return entry

    def _reported_again(self, entry: dict[str, Any], a: PendingActivity) -> bool:
        """Whether ``entry`` (declaring ``a``) is an activity the reviewed activities' file declares: its slug
        taken there by an activity of its type on the same dates, reported in another document (the same event,
        reported twice). A slug taken otherwise is refused, saying where it is declared."""
        for path in annotation_paths(self.corpus_dir / "annotations"):
            try:
                data = read_annotation_file(path) or {}
            except CorpusError:
                continue  # the build reports it
            for spec in data.get("activities") or []:
                if not isinstance(spec, dict) or spec.get("slug") != entry["slug"]:
                    continue
                same = one_event(entry, spec) and a.document not in (spec.get("reported_in") or [])
                if same and path == self.accepted_activities_path:
                    return True
                where = f"{path}:{spec.get('__line__', 1)}"
                told = ", ".join(str(spec[k]) for k in ("label", "start", "place") if spec.get(k))
                raise InputError(
                    f"slug {entry['slug']!r} is declared already at {where} ({told})",
                    parameter="slug", hint="nothing was written: " + (
                        f"if it is that activity, add {a.document} to its reported_in (with this quote) there and "
                        f"reject this proposal (kb review --reject {a.id}); " if same else "") +
                    "else give this one another slug (--set slug=..., or the prompt's e)")
        return False

    def _remember_rejected(self, p: Pending, reason: str) -> None:
        data, entries = self._load(self.rejected_path, "rejected")
        rejected = [e for _, e in entries]
        rejected.append({"from": p.source, "type": p.link_type, "to": p.target, "on": dt.date.today().isoformat(),
                         **({"reason": reason} if reason else {})})
        _write(self.rejected_path, "Suggestions a curator rejected in `kb review`: `kb suggest` does not make them "
               "again (comments here are not kept).", {**data, "rejected": rejected})

    def reject(self, ident: str, reason: str = "") -> None:
        """Remember a suggestion (a link, or an activity proposed) as rejected, so that it is not made again."""
        with self._locked():
            if self.is_activity(ident):
                a = self.find_activity(ident)
                data, entries = self._load(self.rejected_path, "rejected_activities")
                _write(self.rejected_path, "Suggestions a curator rejected in `kb review`: `kb suggest` does not "
                       "make them again (comments here are not kept).",
                       {**data, "rejected_activities": [*(e for _, e in entries), {
                           "id": a.id, "document": a.document, "type": a.activity_type,
                           "quote": a.evidence[0]["quote"] if a.evidence else "", "on": dt.date.today().isoformat(),
                           **({"reason": reason} if reason else {})}]})
                self._write_suggestions(self.pending(), [q for q in self.pending_activities() if q.id != ident])
                return
            p = self.find(ident)
            self._remember_rejected(p, reason)
            self._write_suggestions([q for q in self.pending() if q.id != ident])


def _own_slugs(kept: list[PendingActivity], new: list[PendingActivity]) -> list[PendingActivity]:
    """``new`` with each slug that another waiting proposal holds made its own (``-2``, ...), unless the two may be
    one event read in two documents: declared under the one slug, they are one activity reported in both."""
    out: list[PendingActivity] = []
    for p in new:
        def taken(slug: str, p: PendingActivity = p) -> bool:
            return any(q.slug == slug and not (q.document != p.document and one_event(q.fields(), p.fields()))
                       for q in (*kept, *out))
        out.append(replace(p, slug=iri.free_slug(p.slug, taken)))
    return out


def _quotes(evidence: Iterable[Evidence], texts: dict[str, str]) -> list[dict[str, str]]:
    """Located quotes as a review file writes them: each with the words before it where it occurs twice."""
    out = []
    for e in evidence:
        entry = {"doc": e.doc, "quote": e.quote}
        hint = after_hint(texts[e.doc], e.start, e.quote) if e.doc in texts else ""
        if hint:
            entry["after"] = hint
        out.append(entry)
    return out


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _render(comment: str, data: dict[str, Any]) -> bytes:
    return (f"# {comment}\n" + dump_yaml(data)).encode("utf-8")


def _with_entry(path: Path, comment: str, data: dict[str, Any], key: str, entries: list[Any]) -> bytes:
    """The text of ``path`` with ``entries`` as its ``key`` list, where the last is the one a decision adds: it is
    appended to the file as it stands (a curator's comments and layout kept) if that reads back as the whole;
    else the file is written anew (an entry changed, or a list laid out in another style)."""
    whole = {**data, key: entries}
    anew = _render(comment, whole)
    try:
        held = path.read_bytes()
    except OSError:
        return anew
    if not held.strip() or not entries:
        return anew
    item = dump_yaml({key: entries[-1:]}).split("\n", 1)[1].encode("utf-8")
    text = held + (b"" if held.endswith(b"\n") else b"\n") + item
    try:
        appended = yaml.load(text.decode("utf-8"), Loader=CorpusLoader)
    except (yaml.YAMLError, UnicodeDecodeError):
        return anew
    return text if appended == whole else anew


def _write(path: Path, comment: str, data: dict[str, Any]) -> None:
    write_whole(path, _render(comment, data))


def _is_provision(ref: str) -> bool:
    """A reference as annotations write a provision: "slug eId"."""
    slug, _, eid = ref.partition(" ")
    return bool(eid.strip()) and ":" not in slug


def _check_ends(link: dict[str, Any]) -> None:
    """The ends a link of its type joins (the SHACL shapes of ontology/shapes.ttl): a provision to a body
    (addressee), a provision to a provision (derivedFrom, reiterates), anything to a provision (respondsTo,
    fulfils)."""
    source, link_type, target = str(link["from"]), str(link["type"]), str(link["to"])
    wanted = "body:SLUG" if link_type == "addressee" else "'slug eId' (a provision)"
    if not (target.startswith("body:") if link_type == "addressee" else _is_provision(target)):
        raise InputError(f"a {link_type} link points to {wanted}, not {target!r}", parameter="target",
                         hint="nothing was written: give such a target, or another type")
    if link_type in ("addressee", "derivedFrom", "reiterates") and not _is_provision(source):
        raise InputError(f"a {link_type} link goes from a provision, not from {source!r}", parameter="link_type",
                         hint="nothing was written: give another type (respondsTo or fulfils for an activity)")


def _ref(node: str) -> str:
    """A provision's or document's IRI as annotation files name it: "slug eId", "slug"."""
    named = iri.split_provision_iri(node)
    return " ".join(part for part in named if part) if named else node
