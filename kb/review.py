"""The review of suggested links, under git like the rest of the corpus:

``corpus/review/suggestions.yaml``  what ``kb suggest`` proposed and nobody decided yet, each entry
                                    ``asserted_by: extractor`` with its confidence, why and quotes;
``corpus/review/rejected.yaml``     what a curator rejected: never suggested again;
``corpus/annotations/reviewed-links.yaml``  what a curator accepted (or edited, then accepted): curated
                                    links with their quotes, read by every build like any annotation.

Every decision is read, changed and written under a lock on ``corpus/review/.lock`` (the CLI and the
curator page may decide at once), and every write replaces its file whole (a temporary file renamed
over it): a review cut short loses nothing already decided. Other top-level sections of the files are
kept; comments are not (the files say so).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kb import iri
from kb.annotate import ADDRESSEE_ROLES, LINK_TYPES, withdrawn_entries
from kb.corpus import default_corpus_dir, read_corpus, write_whole
from kb.errors import CorpusError, CorpusErrors, InputError, NotFoundError
from kb.pipeline import prepare
from kb.quote import after_hint, quote_of
from kb.suggest import Suggestion, bodies_named

__all__ = ["ACCEPTABLE_TYPES", "REVIEWED_LINKS", "Pending", "Review"]

REVIEWED_LINKS = "reviewed-links.yaml"
# What a suggestion can become: the suggester's types, and fulfils (an answer that is complete).
ACCEPTABLE_TYPES = tuple(t for t in LINK_TYPES if t in ("derivedFrom", "reiterates", "respondsTo", "fulfils",
                                                      "addressee"))
_PENDING_KEYS = ("id", "from", "type", "to", "confidence")


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


def suggestion_id(source: str, link_type: str, target: str) -> str:
    return hashlib.sha256(f"{source}\x1f{link_type}\x1f{target}".encode()).hexdigest()[:10]


@dataclass
class Review:
    """The review files of a corpus."""

    corpus_dir: Path = field(default_factory=default_corpus_dir)

    def __post_init__(self) -> None:
        self.corpus_dir = Path(self.corpus_dir)

    @property
    def suggestions_path(self) -> Path:
        return self.corpus_dir / "review" / "suggestions.yaml"

    @property
    def rejected_path(self) -> Path:
        return self.corpus_dir / "review" / "rejected.yaml"

    @property
    def accepted_path(self) -> Path:
        return self.corpus_dir / "annotations" / REVIEWED_LINKS

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
        """The file's whole mapping, and its ``key`` entries each with its line."""
        if not path.is_file():
            return {}, []
        text = path.read_text(encoding="utf-8")
        try:
            loader = yaml.SafeLoader(text)
            try:
                node = loader.get_single_node()
                data = loader.construct_document(node) if node is not None else {}
            finally:
                loader.dispose()
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise CorpusError(path, f"malformed YAML: {getattr(exc, 'problem', None) or exc}",
                              line=mark.line + 1 if mark else None,
                              hint="fix the syntax at that line: nothing was changed" + (
                                  "; `kb suggest` writes this file again" if path == self.suggestions_path else
                                  ", and the decisions of the review are in this file, so keep it")) from exc
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

    def _entries(self, path: Path, key: str, required: tuple[str, ...]) -> list[dict[str, Any]]:
        _, entries = self._load(path, key)
        for line, entry in entries:
            missing = [k for k in required if entry.get(k) in (None, "")]
            if missing:
                raise InputError(f"{path}:{line}: this entry has no {', '.join(missing)}",
                                 hint="fix it by hand (or delete the entry): nothing was changed")
        return [entry for _, entry in entries]

    def pending(self) -> list[Pending]:
        return [Pending(str(e["id"]), str(e["from"]), str(e["type"]), str(e["to"]), float(e["confidence"]),
                        str(e.get("why", "")), list(e.get("evidence") or []), str(e.get("document", "")),
                        str(e.get("role") or ""))
                for e in self._entries(self.suggestions_path, "suggestions", _PENDING_KEYS)]

    def rejected(self) -> set[tuple[str, str, str]]:
        """What was rejected, as (from, type, to) references."""
        return {(str(e["from"]), str(e["type"]), str(e["to"]))
                for e in self._entries(self.rejected_path, "rejected", ("from", "type", "to"))}

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
                               s.target_ref, s.confidence, s.why, evidence, document or s.source.doc, s.role))
        ids = {p.id for p in new}
        with self._locked():
            kept = [p for p in self.pending() if p.id not in ids and (document is None or p.document != document)]
            self._write_suggestions(kept + new)
        return new

    def _write_suggestions(self, pending: list[Pending]) -> None:
        data, _ = self._load(self.suggestions_path, "suggestions")
        _write(self.suggestions_path, "Suggested by `kb suggest`: decide with `kb review` (accepted ones go to "
               f"annotations/{REVIEWED_LINKS}, rejected ones to review/rejected.yaml).",
               {**data, "suggestions": [p.as_yaml() for p in pending]})

    def find(self, ident: str) -> Pending:
        for p in self.pending():
            if p.id == ident:
                return p
        raise NotFoundError(f"no suggestion {ident!r} is waiting for review", parameter="ident",
                            hint="`kb review --list` shows the waiting ones and their ids")

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
               evidence: list[dict[str, str]] | None = None, note: str = "", role: str | None = None) -> dict[str, Any]:
        """Make a suggestion a curated link (with its type, target, quotes or addressee role edited if
        given). An edited link is checked as the build reads it before the suggestion leaves the queue;
        the suggestion as it was is remembered as rejected, so that it is not made again."""
        if link_type is not None and link_type not in ACCEPTABLE_TYPES:
            raise InputError(f"type {link_type!r} is not a link type a suggestion can become",
                             hint=f"use one of {', '.join(ACCEPTABLE_TYPES)}", parameter="link_type")
        if role is not None and role not in ADDRESSEE_ROLES:
            raise InputError(f"role {role!r} is not an addressee's role", parameter="role",
                             hint=f"use one of {', '.join(ADDRESSEE_ROLES)}")
        if target is not None and not target.strip():
            raise InputError("the target is empty", hint="give a reference as annotations write it: 'slug eId', "
                             "'activity:slug' or 'body:slug'", parameter="target")
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
            if link["type"] == "addressee" and link["to"] != p.target:
                self._check_names(link)
            elif link["to"] != p.target and link["evidence"] == p.evidence:  # quotes as suggested (the page sends them)
                link["evidence"] = self._retargeted_evidence(p, link["to"])
            edited = retargeted or link["evidence"] != p.evidence
            data, entries = self._load(self.accepted_path, "links")
            accepted = [e for _, e in entries]
            before = self.accepted_path.read_bytes() if self.accepted_path.is_file() else None
            if not any((a.get("from"), a.get("type"), a.get("to")) == (link["from"], link["type"], link["to"])
                       for a in accepted):
                accepted.append(link)
            _write(self.accepted_path, "Links accepted in `kb review` from the suggester's proposals: curated, "
                   "with their quotes; edit them like any annotation (comments here are not kept).",
                   {**data, "links": accepted})
            if edited:
                self._check_accepted(before, link)
            if retargeted:
                self._remember_rejected(p, f"edited in review: accepted as {link['type']} {link['to']}")
            self._write_suggestions([q for q in self.pending() if q.id != ident])
        return link

    def _retargeted_evidence(self, p: Pending, target: str) -> list[dict[str, str]]:
        """The suggestion's quotes with those of the target it named replaced by the new target's own
        text (a held provision's printed text, or the quotation a quoted one is known through): the old
        target's words prove nothing of the new one. A target the corpus does not have keeps them: the
        build's check then says what is wrong with it."""
        try:
            corpus = prepare(self.corpus_dir)
        except (CorpusError, CorpusErrors):
            return p.evidence  # the corpus has other problems: the build reports them
        texts = {f"{slug} {q.eid}": q.text for slug, provisions in corpus.provisions.items() for q in provisions}
        quoted = {f"{m.slug} {q.eid}": q for m in corpus.annotations.documents for q in m.provisions}
        texts |= {ref: q.text for ref, q in quoted.items()}
        # the old target's words, and its language versions' (kb.versions): quotes of either prove nothing now
        versions = [_ref(v) for v, o in corpus.annotations.versions.items() if _ref(o) == p.target]
        olds = [_fold(texts.get(ref, "")) for ref in (p.target, *versions)]
        kept = [e for e in p.evidence if not any(old and (_fold(e["quote"]) in old or old in _fold(e["quote"]))
                                                 for old in olds)]
        slug = target.split(" ", 1)[0]
        held = {d.meta.slug: d.text for d in corpus.documents}
        if target in quoted:
            return [*kept, *({"doc": e.doc, "quote": e.quote, **({"after": after} if (
                after := after_hint(held[e.doc], e.start, e.quote)) else {})} for e in quoted[target].evidence)]
        if target in texts and slug in held:
            own = quote_of(target, corpus_dir=self.corpus_dir)
            return [*kept, {"doc": slug, "quote": own.text, **({"after": own.after} if own.after else {})}]
        return p.evidence  # not a provision the corpus has: the build's check names what it is

    def _check_names(self, link: dict[str, Any]) -> None:
        """An addressee's quote names the body: one retargeted to another body needs a quote naming it."""
        body = str(link["to"]).removeprefix("body:")
        try:
            annotations = prepare(self.corpus_dir).annotations
        except (CorpusError, CorpusErrors):
            return  # the corpus has other problems: the build reports them
        named = set().union(*(bodies_named(str(e.get("quote", "")), annotations) for e in link["evidence"]))
        if body not in named:
            raise InputError(f"{link['from']} addressee {link['to']}: the quote names "
                             f"{', '.join(f'body:{b}' for b in sorted(named)) or 'no body'}, not {link['to']}",
                             parameter="quote", hint="nothing was written: give a quote from the source that names "
                             "the new addressee (`kb quote` prints the provision's text)")

    def _check_accepted(self, before: bytes | None, link: dict[str, Any]) -> None:
        """Read the corpus as the build does; undo the accepted entry if the build would refuse it."""
        try:
            prepare(self.corpus_dir)
        except (CorpusError, CorpusErrors) as exc:
            errors = exc.errors if isinstance(exc, CorpusErrors) else [exc]
            ours = [e for e in errors if e.path.startswith(str(self.accepted_path))]
            if not ours:
                return  # the corpus has other problems: the build reports them
            if before is None:
                self.accepted_path.unlink()
            else:
                write_whole(self.accepted_path, before)
            message = "; ".join(e.message.split(": ", 1)[-1] for e in ours)
            quote = "quote" in message or "after" in message
            fixes = "; ".join(e.hint for e in ours if e.hint)  # "the source reads '...': copy that"
            raise InputError(f"{link['from']} {link['type']} {link['to']} would not build: {message}",
                             hint="nothing was written: " + (fixes or ("copy the exact text (`kb quote`)" if quote else
                                                                      "give another type or target")),
                             parameter="quote" if quote else "target") from None

    def _remember_rejected(self, p: Pending, reason: str) -> None:
        data, entries = self._load(self.rejected_path, "rejected")
        rejected = [e for _, e in entries]
        rejected.append({"from": p.source, "type": p.link_type, "to": p.target, "on": dt.date.today().isoformat(),
                         **({"reason": reason} if reason else {})})
        _write(self.rejected_path, "Suggestions a curator rejected in `kb review`: `kb suggest` does not make them "
               "again (comments here are not kept).", {**data, "rejected": rejected})

    def reject(self, ident: str, reason: str = "") -> None:
        """Remember a suggestion as rejected, so that it is not made again."""
        with self._locked():
            p = self.find(ident)
            self._remember_rejected(p, reason)
            self._write_suggestions([q for q in self.pending() if q.id != ident])


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _write(path: Path, comment: str, data: dict[str, Any]) -> None:
    text = f"# {comment}\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
    write_whole(path, text.encode("utf-8"))


def _ref(node: str) -> str:
    """A provision's or document's IRI as annotation files name it: "slug eId", "slug"."""
    named = iri.split_provision_iri(node)
    return " ".join(part for part in named if part) if named else node
