"""The annotate stage: curated entities, trace links and evidence from ``corpus/annotations/``.

It owns the annotation file format (corpus/README.md documents it), the resolution of item
references, and the location of every evidence quote in its source text. Every annotation file
is plain YAML under git; each may hold any of the top-level keys ``bodies``, ``activities``,
``documents``, ``links``, ``topics``, ``claims`` and ``no_link``, and files are read in name order.

A quote must occur verbatim in the source file of the document it names; one that is not found,
or found more than once without an ``after:`` hint, raises :class:`~kb.errors.QuoteMismatchError`
naming the annotation file and line.

Item references: ``"{slug}"`` a document, ``"{slug} {eId}"`` a provision, ``"activity:{slug}"``,
``"body:{slug}"``, ``"topic:{slug}"``.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import defaultdict
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import yaml

from kb import iri
from kb.corpus import DATE_RE, CorpusLoader, decode_utf8, gathered, is_date, raise_all, yaml_error
from kb.errors import AnnotationError, CorpusError, CorpusErrors, QuoteMismatchError, errors_of
from kb.iri import reference
from kb.model import (
    Activity,
    Annotations,
    Body,
    BodyTitle,
    Claim,
    DocType,
    Evidence,
    Kind,
    Link,
    MentionedDocument,
    Provision,
    QuotedProvision,
    SourceDocument,
    primary_language,
)
from kb.promote import Promotion, match_quoted
from kb.quote import near_quote
from kb.versions import Alignment, align, symbols_unlike

T = TypeVar("T")

LINK_TYPES = ("derivedFrom", "respondsTo", "reiterates", "fulfils", "addressee", "hasTopic", "chair", "viceChair",
              "followsUp", "partOfActivity", "plannedIn")
# What each link type's ends must be, where it is not a provision or document: (source, target).
_ENDS = {"addressee": ("", "body"), "hasTopic": ("", "topic"), "chair": ("body", "body"),
         "viceChair": ("body", "body"), "followsUp": ("activity", "activity"),
         "partOfActivity": ("activity", "activity"), "plannedIn": ("activity", "")}
ADDRESSEE_ROLES = ("actor", "channel", "partner", "supporter")
ACTIVITY_TYPES = (
    "Conference", "PreparatoryMeeting", "WorkingGroupMeeting", "MinisterialMeeting", "Workshop",
    "VirtualDialogue", "Study", "Course", "NetworkCreation", "RepositoryLaunch", "BilateralCooperation",
    "ActivitySeries",
)
FORMATS = ("in-person", "virtual", "hybrid")
# What a claim may be about: the readable name used in annotation files, and the property it means.
CLAIM_PROPERTIES = {
    "date": str(iri.DCTERMS.date),
    "title": str(iri.DCTERMS.title),
    "name": "http://www.w3.org/2000/01/rdf-schema#label",
    "text": str(iri.KB.text),
    "conference": str(iri.KB.meeting),
    "place": str(iri.KB.place),
    "number": str(iri.KB.number),
    "author": str(iri.DCTERMS.creator),
}
CONTEXT = 32  # characters of prefix/suffix kept in a TextQuoteSelector
LINE = "__line__"
KEY_LINES = "__key_lines__"
SHORTEST_QUOTE = 8  # characters: fewer prove nothing (a body's acronym, a number)


class _LineLoader(CorpusLoader):
    """A SafeLoader that records the 1-based line of every mapping under the key ``__line__``, and of each of
    its keys under ``__key_lines__``, so that an error names the line of the field at fault."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        mapping[LINE] = node.start_mark.line + 1
        mapping[KEY_LINES] = {str(k.value): k.start_mark.line + 1 for k, _ in node.value
                              if isinstance(k, yaml.ScalarNode)}
        return mapping


class Resolver:
    """Turns item references into IRIs and locates quotes, against what the corpus holds."""

    def __init__(self, held: Sequence[SourceDocument], provisions: Mapping[str, Sequence[Provision]],
                 topics: set[str], *, broken: Mapping[str, str | None] | None = None) -> None:
        self.texts = {d.meta.slug: d.text for d in held}
        self.languages = {d.meta.slug: d.meta.language for d in held}
        # held documents that could not be read or parsed: references to them are not checked, quotes from them
        # are where their text could be read
        self.broken: Mapping[str, str | None] = broken or {}
        self.held_eids = {slug: {p.eid for p in provs} for slug, provs in provisions.items()}
        self.topics = topics
        self.bodies: set[str] = set()
        self.activities: set[str] = set()
        self.mentioned: dict[str, set[str]] = {}
        self.promotions: dict[str, Promotion] = {}  # held documents once known only through quotation
        self.withdrawn: set[str] = set()  # documents taken out on purpose
        self.versions: dict[str, str] = {}  # held language versions: slug -> the original's slug
        self.version_pairs: dict[str, str] = {}  # a version's "slug eId" -> the original's provision's

    def documents(self) -> set[str]:
        return set(self.texts) | set(self.mentioned)

    def item(self, ref: object, where: str, *, expect: str = "") -> str:
        """The IRI of a reference; ``expect`` restricts it to one kind (body, topic...)."""
        if not isinstance(ref, str) or not ref.strip():
            raise AnnotationError(where, f"item reference {ref!r} must be a non-empty string",
                                  hint='write "slug", "slug eId", "activity:slug", "body:slug" or "topic:slug"')
        ref = ref.strip()
        kind, _, name = ref.partition(":") if ":" in ref else ("", "", ref)
        if expect and kind != expect:
            raise AnnotationError(where, f"{ref!r} must be {_article(expect)} {expect} reference",
                                  hint=f'write "{expect}:slug"')
        if kind == "body":
            return str(self._known(iri.body_iri, name, self.bodies, "body", where))
        if kind == "activity":
            return str(self._known(iri.activity_iri, name, self.activities, "activity", where))
        if kind == "topic":
            return str(self._known(iri.topic_iri, name, self.topics, "topic", where))
        if kind:
            raise AnnotationError(where, f"unknown reference kind {kind!r} in {ref!r}",
                                  hint="use activity:, body: or topic:, or a document slug")
        slug, _, eid = ref.partition(" ")
        eid = eid.strip()
        if slug in self.broken:
            return str(iri.provision_iri(slug, eid) if eid else iri.doc_iri(slug))
        if slug in self.withdrawn:
            raise AnnotationError(where, f"{slug!r} is withdrawn", hint="remove what names it here: a withdrawn "
                                  "document is neither linked nor quoted")
        if slug not in self.texts and slug not in self.mentioned:
            similar = _close(slug, self.documents())
            raise AnnotationError(where, f"unknown document {slug!r}",
                                  hint=f"did you mean {similar}?" if similar else "add it under documents: or check "
                                  "the slug (`kb list documents`)")
        if slug in self.versions:
            original = self.versions[slug]
            same = self.version_pairs.get(f"{slug} {eid}", "") if eid else original
            raise AnnotationError(where, f"{slug!r} is a language version of {original!r}: its provisions are the "
                                  "original's, in another language",
                                  hint=(f"name {same!r} here" if same else f"name the provision of {original!r} "
                                        "it says") + "; a version's text can still be quoted as evidence "
                                                     f"(doc: {slug})")
        if not eid:
            return str(iri.doc_iri(slug))
        promotion = self.promotions.get(slug)
        if promotion is not None and eid not in self.held_eids.get(slug, set()) and eid in promotion.aliases:
            now = promotion.resolve(eid)
            return str(iri.provision_iri(slug, now) if now else iri.doc_iri(slug))
        known = self.held_eids.get(slug) or self.mentioned.get(slug, set())
        if eid not in known:
            close = sorted(e for e in known if e.split("__")[-1] == eid.split("__")[-1])[:3]
            raise AnnotationError(where, f"document {slug!r} has no provision {eid!r}",
                                  hint=f"did you mean {', '.join(close)}?" if close else "run `kb show` on the "
                                  "document to list its eIds")
        return str(iri.provision_iri(slug, eid))

    @staticmethod
    def _known(make: Any, name: str, known: set[str], what: str, where: str) -> Any:
        if name not in known:
            raise AnnotationError(where, f"unknown {what} {name!r}", hint=f"declare it first or fix the {what} slug")
        return make(name)

    def evidence(self, spec: object, where: str) -> Evidence:
        """Locate one quote: ``{doc: slug, quote: "...", after: "..." (optional)}``."""
        if not isinstance(spec, dict):
            raise AnnotationError(where, "evidence must be a mapping with doc and quote")
        where = _where_of(spec, where)
        _check_keys(spec, ("doc", "quote"), ("after",), where)
        slug, quote = spec["doc"], spec["quote"]
        if slug in self.broken and isinstance(quote, str) and self.broken[slug] is None:
            return Evidence(doc=slug, quote=quote, start=0, end=len(quote), prefix="", suffix="", where=where)
        if slug in self.withdrawn:
            raise AnnotationError(where, f"evidence names {slug!r}, which is withdrawn",
                                  hint="quote a held document, or remove this evidence")
        text = self.texts.get(slug) or self.broken.get(slug)
        if text is None:
            raise AnnotationError(where, f"evidence names {slug!r}, which is not a held document",
                                  hint=f"quote one of {', '.join(sorted(self.texts))}")
        if not isinstance(quote, str) or len(quote.strip()) < SHORTEST_QUOTE:
            raise AnnotationError(where, f"a quote must be a string of at least {SHORTEST_QUOTE} characters")
        origin = 0
        after = spec.get("after")
        if after is not None:
            origin = text.find(str(after))
            if origin < 0:
                raise QuoteMismatchError(where, f"the 'after' hint {str(after)[:60]!r} is not in {slug}",
                                         hint="copy the hint verbatim from the source")
            origin += len(str(after))
        start = text.find(quote, origin)
        if start < 0:
            spaced = _spaced(text, quote)
            exact = near_quote(text, quote) if spaced is None else None
            fix = spaced if spaced is not None else exact
            if spaced is not None:
                hint = _line_breaks_hint(spaced)
            elif exact is not None and "\n" in exact:  # a single-quoted '...\n...' pasted in YAML keeps "\n"
                hint = (f"the source reads {exact!r} (case, accents, dashes or quote marks differ, and it breaks "
                        f"the line): copy that, the break written as \\n in double quotes: quote: {_yaml(exact)}")
            elif exact is not None:
                hint = f"the source reads {exact!r} (case, accents, dashes or quote marks differ): copy that"
            else:
                hint = _near_miss(text, quote)
            raise QuoteMismatchError(where, f"quote not found in {slug}: {_clip(quote)!r}", hint=hint,
                                     fixes={quote: fix} if fix is not None else None)
        if after is None and text.find(quote, start + 1) >= 0:
            raise QuoteMismatchError(where, f"quote occurs {text.count(quote)} times in {slug}: "
                                     f"{_clip(quote)!r}", hint="lengthen it or add after: with text before it")
        end = start + len(quote)
        return Evidence(doc=slug, quote=quote, start=start, end=end,
                        prefix=text[max(0, start - CONTEXT):start], suffix=text[end:end + CONTEXT], where=where)

    def evidence_list(self, specs: object, where: str, *, required: bool) -> tuple[Evidence, ...]:
        if specs is None and not required:
            return ()
        if not isinstance(specs, list) or (required and not specs):
            raise AnnotationError(where, "evidence must be a non-empty list of {doc, quote}",
                                  hint="every link needs at least one verbatim quote")
        # every quote is checked, so that a build names each one the source does not have, not only the first
        errors: list[CorpusError] = []
        found: list[Evidence] = []
        for spec in specs:
            try:
                found.append(self.evidence(spec, where))
            except CorpusError as exc:
                errors.append(exc)
        raise_all(errors)
        return tuple(found)


def _within(part: str, text: str) -> bool:
    """Whether ``part`` is in ``text``, white space aside (a YAML line against a text that breaks lines)."""
    return " ".join(part.split()) in " ".join(text.split())


def _clip(text: str, n: int = 70) -> str:
    return text if len(text) <= n else text[:n] + "..."


def _longest_prefix(text: str, quote: str) -> int:
    """The length of the longest prefix of ``quote`` that ``text`` contains."""
    lo, hi = 0, len(quote)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if quote[:mid] in text:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _near_miss(text: str, quote: str) -> str:
    """A hint pointing at the longest prefix of the quote that the source does contain, and at a line break of
    the source there (a quote typed on one line puts a space, or nothing, where the source breaks the line)."""
    lo = _longest_prefix(text, quote)
    if lo < 8:
        return "copy the quote verbatim from the source file (same quotes, dashes, spaces)"
    mended, breaks = quote, 0
    while lo < len(mended) and (gap := _break_after(text, mended[:lo])) is not None and breaks < 50:
        rest = mended[lo:].removeprefix("\\n")  # "\n" typed in single quotes is a backslash and an n
        mended = mended[:lo] + gap + rest.lstrip()  # the source's break in place of the quote's space
        breaks += 1
        lo = _longest_prefix(text, mended)
    if not breaks:
        return f"the source matches up to {quote[:lo][-30:]!r} then differs: copy it verbatim"
    if mended in text:
        return _line_breaks_hint(mended)
    return (f"the source breaks the line after {quote[:_longest_prefix(text, quote)][-30:]!r}, where the quote does "
            f"not (write the break as \\n in double quotes: quote: {_yaml(mended[:lo])}...), then differs after "
            f"{mended[:lo][-30:]!r}: copy the rest verbatim")


def _break_after(text: str, prefix: str) -> str | None:
    """The white space with a line break that follows ``prefix`` in ``text`` (at one of its places), if any."""
    at = text.find(prefix)
    while at >= 0:
        rest = text[at + len(prefix):at + len(prefix) + 200]
        gap = rest[:len(rest) - len(rest.lstrip())]
        if "\n" in gap:
            return gap
        at = text.find(prefix, at + 1)
    return None


def _spaced(text: str, quote: str) -> str | None:
    """The source's words that ``quote`` says with other white space only (a space typed where the source
    breaks the line), if they occur once."""
    words = quote.split()
    if not words:
        return None
    found = list(re.finditer(r"\s+".join(map(re.escape, words)), text))
    return found[0].group() if len(found) == 1 and found[0].group() != quote.strip() else None


def _line_breaks_hint(exact: str) -> str:
    if "\n" not in exact:
        return f"the source spaces it otherwise: copy it verbatim: quote: {_yaml(exact)}"
    return ("the source breaks the line where the quote does not: write the break as \\n in double quotes "
            "(unquoted or in single quotes, YAML reads \\n as two characters and a line break as a space): "
            f"quote: {_yaml(exact)}")


def _yaml(text: str) -> str:
    """``text`` as a double-quoted YAML value, a line break written \\n (JSON's string is YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _at(spec: Mapping[str, Any], key: str, where: str) -> str:
    """``where`` ("file:line" of an entry) moved to the line of the entry's field ``key``, where it is known."""
    line = spec.get(KEY_LINES, {}).get(key)
    return f"{where.rsplit(':', 1)[0]}:{line}" if line else where


def _where_of(spec: Mapping[str, Any], fallback: str) -> str:
    line = spec.get(LINE)
    return f"{fallback.rsplit(':', 1)[0]}:{line}" if line else fallback


def _check_keys(spec: Mapping[str, Any], required: Sequence[str], optional: Sequence[str], where: str) -> None:
    missing = [k for k in required if k not in spec]
    if missing:
        raise AnnotationError(where, f"missing field(s) {', '.join(missing)}")
    unknown = sorted(set(spec) - set(required) - set(optional) - {LINE, KEY_LINES})
    if unknown:
        raise AnnotationError(_at(spec, str(unknown[0]), where), f"unknown field {unknown[0]!r}",
                              hint=f"known fields: {', '.join([*required, *optional])}")


def _text(spec: Mapping[str, Any], key: str, where: str, hint: str = "") -> str:
    value = spec.get(key)
    if not isinstance(value, str) or not value.strip():
        raise AnnotationError(_at(spec, key, where), f"{key} must be a non-empty string", hint=hint)
    return value.strip()


def _strings(value: object, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise AnnotationError(where, f"{key} must be a list of strings")
    return tuple(value)


def _date(value: object, where: str, key: str) -> str:
    if value is None or value == "":
        return ""
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    if not DATE_RE.match(text):
        raise AnnotationError(where, f"{key} {text!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
    if not is_date(text):
        raise AnnotationError(where, f"{key} {text!r} is not a real date", hint="check the month and the day")
    return text


def _enum(value: object, allowed: Sequence[str], where: str, key: str) -> str:
    if value not in allowed:
        # "conference" for Conference, "work shop" for Workshop: the one meant, when its letters say it
        folded = {re.sub(r"[\W_]", "", a).casefold(): a for a in allowed}
        meant = folded.get(re.sub(r"[\W_]", "", str(value)).casefold()) or _close(str(value), allowed)
        raise AnnotationError(where, f"{key} {value!r} is not one of {', '.join(allowed)}",
                              hint=f"did you mean {meant}?" if meant else "")
    return str(value)


def read_annotation_files(directory: Path) -> list[tuple[Path, dict[str, Any]]]:
    """Each annotation file with its parsed content (mappings carry their line under ``__line__``)."""
    return [(path, data) for path in annotation_paths(directory) if (data := read_annotation_file(path)) is not None]


def annotation_paths(directory: Path) -> list[Path]:
    """The annotation files under ``directory``, in the order they are read."""
    return sorted(directory.glob("*.yaml")) if directory.is_dir() else []


def withdrawn_entries(directory: Path) -> dict[str, str] | None:
    """The slugs the annotation files withdraw, each with where it is said, read before the annotations are
    checked; None when a file cannot be read (what it withdraws is unknown: its own error says why)."""
    out: dict[str, str] = {}
    for path in annotation_paths(directory):
        try:
            entries = (read_annotation_file(path) or {}).get("withdrawn") or []
        except CorpusError:
            return None
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict) and isinstance(entry.get("slug"), str):
                out[entry["slug"]] = f"{path}:{entry.get(LINE, 1)}"
    return out


def read_annotation_file(path: Path) -> dict[str, Any] | None:
    """One annotation file's content (None when it is empty); CorpusError with the line of a syntax error.
    Every mapping keeps its line under ``LINE`` and each key's under ``KEY_LINES``, so that an error names
    the line of the entry or field at fault, not the section's."""
    text = decode_utf8(path.read_bytes(), path)
    loader = _LineLoader(text)  # a SafeLoader subclass
    try:
        node = loader.get_single_node()
        data = None if node is None else loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise yaml_error(path, exc, "fix the syntax at that line", text) from exc
    finally:
        loader.dispose()
    if data is None:
        return None
    if not isinstance(data, dict):
        raise AnnotationError(path, "an annotation file must be a mapping of sections")
    _check_keys(data, (), ("bodies", "activities", "documents", "links", "topics", "claims", "no_link", "withdrawn"),
                f"{path}:1")
    return data


def _section(data: Mapping[str, Any], key: str, path: Path) -> list[tuple[str, dict[str, Any]]]:
    items = data.get(key) or []
    if not isinstance(items, list):
        raise AnnotationError(path, f"{key} must be a list", line=data.get(LINE))
    out = []
    for item in items:
        if not isinstance(item, dict):
            raise AnnotationError(path, f"each entry of {key} must be a mapping")
        out.append((f"{path}:{item[LINE]}", item))
    return out


def _key_line(section: Mapping[str, Any], key: str) -> int:
    """The line of ``key`` in a mapping section (the section's own line if unknown)."""
    return int(section.get(KEY_LINES, {}).get(str(key), section.get(LINE, 1)))  # recorded as written: 123 is "123"


def _mapping_section(data: Mapping[str, Any], key: str, path: Path) -> dict[str, Any]:
    value = data.get(key) or {}
    if not isinstance(value, dict):
        raise AnnotationError(path, f"{key} must be a mapping")
    return value


class _Errors:
    """Every annotation error of a build, collected so that all are reported at once."""

    def __init__(self) -> None:
        self.errors: list[CorpusError] = []

    def each(self, items: Iterable[tuple[str, dict[str, Any]]], make: Callable[[dict[str, Any], str], T]) -> list[T]:
        out: list[T] = []
        for where, spec in items:
            with self.caught():
                out.append(make(spec, where))
        return out

    @contextmanager
    def caught(self) -> Iterator[None]:
        try:
            yield
        except (CorpusError, CorpusErrors) as exc:
            self.errors += errors_of(exc)


def load_annotations(directory: Path, held: Sequence[SourceDocument],
                     provisions: Mapping[str, Sequence[Provision]], topics: set[str], *,
                     broken: Mapping[str, str | None] | None = None) -> Annotations:
    """Read, resolve and verify every annotation under ``directory``. Every error is collected and
    raised together (:class:`~kb.errors.CorpusErrors`). ``broken`` names held documents that could not
    be read or parsed, with their text where it could be read: references to them are not checked (their
    own error says what to fix), quotes from them are. One error alone is raised as itself."""
    errors = _Errors()
    files: list[tuple[Path, dict[str, Any]]] = []
    for path in annotation_paths(directory):
        with errors.caught():
            if (data := read_annotation_file(path)) is not None:
                files.append((path, data))
    # What an unreadable file declares is unknown: checking references now would report every use of it.
    raise_all(errors.errors)
    res = Resolver(held, provisions, topics, broken=broken)
    out = Annotations()
    promoted: dict[str, tuple[str, dict[str, Any]]] = {}
    # Declarations first, so references may point forward across files.
    for path, data in files:
        for where, spec in _sections(data, "bodies", path, errors):
            with errors.caught():
                res.bodies.add(_declared_slug(spec, where, res.bodies))
        for where, spec in _sections(data, "activities", path, errors):
            with errors.caught():
                res.activities.add(_declared_slug(spec, where, res.activities))
        for where, spec in _sections(data, "documents", path, errors):
            with errors.caught():
                slug = _declared_slug(spec, where, _AnyOf(res.mentioned, promoted))
                if slug in res.texts:
                    promoted[slug] = (where, spec)
                    continue
                res.mentioned[slug] = {p["eid"] for p in spec.get("provisions") or []
                                       if isinstance(p, dict) and "eid" in p}
        for where, spec in _sections(data, "withdrawn", path, errors):
            with errors.caught():
                if "link" in spec and "slug" in spec:
                    raise AnnotationError(where, "a withdrawn: entry names a document (slug:) or a link (link:), "
                                          "not both", hint="write one entry for each")
                if "link" in spec:
                    link = _withdrawn_link(spec, where, out.withdrawn_links)
                    out.withdrawn_links[link] = (*_withdrawal(spec, link, where), where)
                    if isinstance(spec.get("was"), str) and spec["was"].strip():
                        out.withdrawn_link_ends[link] = " ".join(spec["was"].split())
                    continue
                slug = _declared_slug(spec, where, out.withdrawn)
                _check_keys(spec, ("slug", "date", "reason"), (), where)
                out.withdrawn[slug] = (*_withdrawal(spec, slug, where), where)
    for slug, (_, _, where) in sorted(out.withdrawn.items()):
        if slug in res.texts or slug in res.mentioned or slug in promoted:
            errors.errors.append(AnnotationError(
                where, f"{slug!r} is withdrawn and still in the corpus",
                hint="a withdrawn slug is never used again: give the document held or declared another slug"))
    res.withdrawn = set(out.withdrawn)
    for doc in held:  # the bodies and meetings the held documents' metadata name
        for key, known, what in (("issuing_body", res.bodies, "body"), ("meeting", res.activities, "activity")):
            value = getattr(doc.meta, key)
            if value and value not in known:
                similar = _close(value.casefold(), known)  # "iacm", "IACML": a slug misspelt or typed as printed
                # iacml19 beside iacml18 and iacml21 is another meeting of the series, not yet declared: naming the
                # others as meant sent a curator to give a document another conference
                series = sorted((k for k in known if _numbered_alike(value.casefold(), k)), key=_numbered_key)
                section = "bodies" if what == "body" else "activities"
                errors.errors.append(AnnotationError(
                    doc.meta.meta_path, f"{key} {value!r} is not {_article(what)} {what} declared in annotations/",
                    line=doc.meta.line_of(key),
                    hint=(f"did you mean {similar}? " if similar else "") + (
                        f"it differs from {_listed(series)} by its number alone: if it is another "
                        f"{key.removeprefix('issuing_')} of that series, declare it under {section}: in "
                        f"corpus/annotations/{section}.yaml "
                        f"(`- slug: {value}` with its {'name' if what == 'body' else 'type, label, dates and place'}"
                        ", as theirs are); if not, "
                        "give the slug meant" if series and not similar else
                        f"declare it under {section}: in corpus/annotations/, or give a declared slug "
                        f"(`kb list {what.replace('y', 'ie')}s`)")))
    errors.errors += _distinct_from(held, res)
    _title_languages(held, out)
    errors.errors += _versions(held, provisions, res, out)
    for slug, (where, spec) in sorted(promoted.items()):
        with errors.caught():
            _promote(slug, spec, where, res, provisions, out)
    for doc in held:
        errors.errors += _rename(doc, res, out)
    for path, data in files:
        out.bodies += errors.each(_sections(data, "bodies", path, errors), lambda s, w: _body(s, w, res))
        activities = errors.each(_sections(data, "activities", path, errors), lambda s, w: _activity(s, w, res))
        out.activities += activities
        out.warnings += [f"{a.where}: label {a.label!r} reads as Spanish and is published so (@es); write the "
                         "activity's name in English" for a in activities if a.label_language != "en"]
        out.documents += errors.each([(w, s) for w, s in _sections(data, "documents", path, errors)
                                      if s.get("slug") not in promoted], lambda s, w: _document(s, w, res))
        out.links += errors.each(_sections(data, "links", path, errors), lambda s, w: _link(s, w, res))
        out.claims += errors.each(_sections(data, "claims", path, errors), lambda s, w: _claim(s, w, res))
    # The first of each slug, looked up per topic entry (a scan would be quadratic in large corpora).
    held_by_slug: dict[str, SourceDocument] = {}
    for doc in held:
        held_by_slug.setdefault(doc.meta.slug, doc)
    mentioned_by_slug: dict[str, MentionedDocument] = {}
    for mdoc in out.documents:
        mentioned_by_slug.setdefault(mdoc.slug, mdoc)
    for path, data in files:  # topics last: they may name provisions of any mentioned document
        mapping: dict[str, Any] = {}
        with errors.caught():
            mapping = _mapping_section(data, "topics", path)
        for ref, topic_slugs in mapping.items():
            if ref in (LINE, KEY_LINES):
                continue
            with errors.caught():
                out.links += _topic_links(ref, topic_slugs, f"{path}:{_key_line(mapping, ref)}", res, held_by_slug,
                                          provisions, mentioned_by_slug)
        reasons: dict[str, Any] = {}
        with errors.caught():
            reasons = _mapping_section(data, "no_link", path)
        for ref, reason in reasons.items():
            if ref in (LINE, KEY_LINES):
                continue
            where = f"{path}:{_key_line(reasons, ref)}"
            with errors.caught():
                if not isinstance(reason, str) or not reason.strip():
                    raise AnnotationError(where, f"no_link for {ref!r} needs a reason")
                out.no_link[res.item(ref, where)] = reason.strip()
    with errors.caught():
        _check_unique_links(out.links)
    with errors.caught():
        _check_parts(out.links, held_by_slug, provisions, mentioned_by_slug, broken or {})
    errors.errors += _out_of_order(out.links, held_by_slug, mentioned_by_slug, out.activities)
    _replaced_links(out)
    current = {str(iri.link_iri(link.source, link.link_type, link.target)) for link in out.links}
    errors.errors += [AnnotationError(where, f"link {link} is withdrawn and still in the corpus",
                                      hint="remove this withdrawn: entry to publish the link again, or the link")
                      for link, (_, _, where) in sorted(out.withdrawn_links.items()) if link in current]
    errors.errors += [AnnotationError(where, f"link {link} is withdrawn and replaced by {out.replaced[link]} (a link "
                                      "retyped, or an end renamed): it redirects there", hint="remove this "
                                      "withdrawn: entry, or withdraw the link it is replaced by")
                      for link, (_, _, where) in sorted(out.withdrawn_links.items()) if link in out.replaced]
    if errors.errors:
        # A quoted provision of a newly held text that matches none of its provisions now names the document,
        # and what needs it to be a provision fails: the cause comes first, and what follows from it is counted,
        # not listed (a topic "needs a provision", two links to the document "stated twice": advice to follow
        # would be wrong).
        hint = ("add held_as: EID to that entry (the eId of the held text's provision it is: `kb parse FILE` lists "
                "them); if the held text does not have it (an excerpt, a draft), hold the whole text instead")
        causes = [AnnotationError(where, what, hint=f"{promotion.language_note if k == 0 else ''}{hint}")
                  for promotion in res.promotions.values() for k, (where, what) in enumerate(promotion.unmatched)]
        gone = [(p.slug, eid) for p in res.promotions.values() for eid, alias in p.aliases.items() if alias == ""]
        followed = [e for e in errors.errors if any(
            f"'{slug} {eid}'" in e.message or f"{slug} {eid}:" in e.message for slug, eid in gone) or (
            "is already stated" in e.message and any(f"{iri.BASE}doc/{slug} " in f"{e.message} "
                                                     for slug, _ in gone))]
        errors.errors = causes + [e for e in errors.errors if e not in followed]
        if followed:
            errors.errors.insert(len(causes), AnnotationError(
                causes[0].path, f"{len(followed)} more error(s) follow from the quoted provisions above (what names "
                "them, links that now name the document twice): not listed", line=causes[0].line,
                hint="they go when those provisions are settled"))
    raise_all(errors.errors)
    return out


def _distinct_from(held: Sequence[SourceDocument], res: Resolver) -> list[CorpusError]:
    """Each ``distinct_from:`` slug that names no other document, held or known through quotation: a misspelt one
    settles nothing, and the build went on asking for the very line the curator had written
    (kb.pipeline.unsettled_copies)."""
    errors: list[CorpusError] = []
    slugs = {d.meta.slug for d in held} | set(res.mentioned)  # a quoted document may be taken for a new text too
    for meta in (d.meta for d in held):
        for slug in meta.distinct_from:
            if slug in slugs and slug != meta.slug and slug not in res.withdrawn:
                continue
            if slug == meta.slug:
                problem, hint = "names the document itself", "give the slug of the held document it is not"
            elif slug in res.withdrawn:
                problem = f"{slug!r} is withdrawn"
                hint = "distinct_from names a document this text could be taken for: remove it"
            else:
                close = _close(slug, {d.meta.slug for d in held if not d.meta.version_of} - {meta.slug})
                problem = f"{slug!r} is not a held document"
                hint = f"did you mean {close}?" if close else "check the slug (`kb list documents`)"
            errors.append(AnnotationError(meta.meta_path, f"distinct_from {problem}",
                                          line=meta.line_of("distinct_from"), hint=hint))
    return errors


def _title_languages(held: Sequence[SourceDocument], out: Annotations) -> None:
    """The held documents whose title is still the cover's in another language (``kb add`` proposes it so, to
    be written in English): published in that language, and said at every build. A language version has its
    original's title (one work, one title): said when it has another."""
    by_slug = {d.meta.slug: d.meta for d in held}
    for meta in (d.meta for d in held):
        line = meta.line_of("title")
        where = f"{meta.meta_path}{f':{line}' if line else ''}"
        original = by_slug.get(meta.version_of) if meta.version_of else None
        if meta.title_untranslated:
            out.title_languages[meta.slug] = meta.language
            out.warnings.append(f"{where}: title {meta.title!r} is the cover's, in {meta.language}, and is published "
                                f"so (@{meta.language}); write the document's title in English (original_title "
                                "keeps the cover's)")
        elif original is not None and meta.title == original.title and original.title_untranslated:
            out.title_languages[meta.slug] = original.language
            out.warnings.append(f"{where}: title {meta.title!r} is {original.slug}'s, still as printed in "
                                f"{original.language}: published so (@{original.language}); once {original.slug}'s "
                                "title is written in English, give this version the same")
        elif original is not None and meta.title != original.title:
            out.warnings.append(f"{where}: title {meta.title!r} is not that of {original.slug}, which this text is a "
                                f"version of ({original.title!r}): one work, one title in English; give it the same")


def _versions(held: Sequence[SourceDocument], provisions: Mapping[str, Sequence[Provision]], res: Resolver,
              out: Annotations) -> list[CorpusError]:
    """Each held language version (``version_of:``) checked against its original and its provisions aligned
    with the original's (:mod:`kb.versions`): ``out.versions`` maps the version's IRIs to the original's."""
    errors: list[CorpusError] = []
    by_slug = {d.meta.slug: d for d in held}
    aligned: dict[str, tuple[Alignment, str]] = {}  # each version's alignment, and why it reads unlike (or '')
    for doc in held:
        meta, original = doc.meta, doc.meta.version_of
        if not original or original in res.broken:  # an original that could not be read has its own error
            continue
        target = by_slug.get(original)
        problem, hint = "", ""
        if original == meta.slug:
            problem, hint = "names the document itself", "give the slug of the document this text translates"
        elif target is None and original in res.withdrawn:
            problem = f"{original!r} is withdrawn"
            hint = "remove version_of (this text is then a document of its own), or withdraw this version too"
        elif target is None:
            problem = (f"{original!r} is known only through quotation" if original in res.mentioned
                       else f"{original!r} is not a held document")
            close = _close(original, [d for d in by_slug if d != meta.slug])
            hint = (f"did you mean version_of: {close}?" if close and original not in res.mentioned
                    else "hold the original's text first (`kb add FILE`), or check the slug (`kb list documents`)")
        elif target.meta.version_of:
            problem = f"{original!r} is itself a version of {target.meta.version_of!r}"
            hint = f"write version_of: {target.meta.version_of} (every version names the original)"
        elif primary_language(target.meta.language) == primary_language(meta.language):
            problem = (f"{original!r} is in {primary_language(meta.language)!r} too: a version is the text in another "
                       "language")
            hint = (f"if this is the same text held twice, keep one (`kb add FILE --slug {original} --replace`), "
                    "or correct language:")
        elif target.meta.doc_type is not meta.doc_type:
            problem = (f"{original!r} is a {target.meta.doc_type.value} and this text a {meta.doc_type.value}: a "
                       "version is the same document in another language")
            hint = "remove version_of if this is another document, or correct the type of the one that is wrong"
        if not problem:
            assert target is not None
            alignment = align(provisions.get(meta.slug, ()), provisions.get(original, ()))
            total = len(alignment.pairs) + len(alignment.unmatched)
            if total >= _FEW and len(alignment.pairs) - len(alignment.doubtful) < total / 3:
                problem = (f"{alignment.summary(original)}: this text does not say what {original!r} says, "
                           "paragraph by paragraph")
                hint = ("remove version_of if this is another document; if it is the same text, read otherwise, "
                        "correct the reading of either (`kb parse FILE --lines`, corpus/README.md) so that they align")
            elif (unlike := alignment.unlike or symbols_unlike(meta.symbols, target.meta.symbols, original)) \
                    and not meta.version_confirmed:
                # Paired by their printed numbers alone, two documents laid out alike would be published as one
                # work: the curator who has read both says which it is.
                problem = (f"{alignment.summary(original)}, but {unlike}: this text may be another "
                           f"document than {original!r}")
                hint = (f"check {doc.path} against {target.path}: if it is another document, remove version_of; if it "
                        f"is {original}'s text in {meta.language!r}, write `version_confirmed: true` under version_of "
                        "(or correct the reading of either so that they align: corpus/README.md)")
            else:
                aligned[meta.slug] = alignment, unlike
        if problem:
            errors.append(AnnotationError(meta.meta_path, f"version_of: {problem}", line=meta.line_of("version_of"),
                                          hint=hint))
            continue
    # one text of each language: a second is another document, or twice one
    for slug, (alignment, unlike) in aligned.items():
        meta = by_slug[slug].meta
        original = meta.version_of
        language = primary_language(meta.language)  # es-PY is Spanish: a second Spanish text of the work
        twins = sorted(other for other in aligned if other != slug and by_slug[other].meta.version_of == original
                       and primary_language(by_slug[other].meta.language) == language)
        if twins:
            errors.append(AnnotationError(
                meta.meta_path, f"version_of: {original!r} already has a version in {language!r}: "
                f"{', '.join(_tagged(t, by_slug[t].meta.language, meta.language) for t in twins)}",
                line=meta.line_of("version_of"),
                hint="keep one text of each language (remove the other, or its version_of if it is another document)"))
            continue
        res.versions[meta.slug] = original
        res.version_pairs |= {f"{meta.slug} {eid}": f"{original} {now}" for eid, now in alignment.pairs.items()}
        out.versions[str(iri.doc_iri(meta.slug))] = str(iri.doc_iri(original))
        out.versions |= {str(iri.provision_iri(meta.slug, eid)): str(iri.provision_iri(original, now))
                         for eid, now in sorted(alignment.pairs.items())}
        if unlike:  # confirmed by the curator: said once, as any note on a version is
            out.version_notes[meta.slug] = (f"{meta.meta_path}:{meta.line_of('version_confirmed') or 1}: "
                                            f"{meta.slug}: {alignment.summary(original)}; {unlike} "
                                            f"(version_confirmed: published as {original}'s version)")
        elif not alignment.complete:
            what = ("a version's provision with no counterpart is published as a provision only, and a pair made by "
                    "place alone may be wrong: a correction of either text's reading aligns them (corpus/README.md)"
                    if alignment.unmatched or alignment.doubtful else
                    "a text that translates only part of its original needs nothing more")
            out.version_notes[meta.slug] = (f"{meta.meta_path}:{meta.line_of('version_of') or 1}: {meta.slug}: "
                                            f"{alignment.summary(original)} ({what})")
    return errors


def _tagged(slug: str, language: str, own: str) -> str:
    """A slug, with its language tag when it differs from ``own`` (es-PY beside es: one language all the same)."""
    return slug if language == own else f"{slug} (language: {language})"


_FEW = 3  # provisions a version needs before how few align says it is another text


def _close(name: str, names: Iterable[str]) -> str:
    """The names ``name`` may be a misspelling of, joined with "or": those with its numbers when some have them,
    never those it differs from by its numbers alone (iacml19 is no misspelling of iacml21, but another of the
    series)."""
    close = difflib.get_close_matches(name, sorted({n for n in names if not _numbered_alike(name, n)}), n=3,
                                      cutoff=0.75)
    same = [n for n in close if _numbered_key(n) == _numbered_key(name)]  # "iacm21": iacml21, not iacml22
    return " or ".join(same or close)


def _numbered_alike(name: str, other: str) -> bool:
    """Whether two slugs differ in their numbers alone: iacml19 and iacml21, wg1-2019-report and wg1-2021-report."""
    return name != other and re.sub(r"\d+", "0", name) == re.sub(r"\d+", "0", other)


def _listed(names: Sequence[str]) -> str:
    """A few names as a reader lists them: "a, b or c"; a long run by its ends: "a, ... or z"."""
    shown = names if len(names) <= 4 else [names[0], "...", names[-1]]
    return " or ".join(shown) if len(shown) < 3 else f"{', '.join(shown[:-1])} or {shown[-1]}"


def _numbered_key(name: str) -> tuple[int, ...]:
    """A slug's numbers, to sort a series in its order (iacml9 before iacml18)."""
    return tuple(int(n) for n in re.findall(r"\d+", name))


def _article(noun: str) -> str:
    return "an" if noun[:1] in ("a", "e", "i", "o", "u") else "a"


def _replaced_links(out: Annotations) -> None:
    """A link's IRI is a hash of its ends and type: the IRIs it was published under before one of its
    ends was renamed (``renamed:``, a quoted provision now held), was a provision of a text since tied to its
    original as a language version (``version_of:``: links name the original's provision) or its type changed
    (``retyped_from``) are replaced by its IRI now."""
    formerly: dict[str, list[str]] = defaultdict(list)
    for old, new in (*out.replaced.items(), *out.versions.items()):
        formerly[new].append(old)
    current = {str(iri.link_iri(link.source, link.link_type, link.target)) for link in out.links}
    for link in out.links:
        now = str(iri.link_iri(link.source, link.link_type, link.target))
        types = [link.link_type] + ([link.retyped_from] if link.retyped_from else [])
        for source in [link.source, *formerly[link.source]]:
            for target in [link.target, *formerly[link.target]]:
                for link_type in types:
                    before = str(iri.link_iri(source, link_type, target))
                    if before not in current:
                        out.replaced[before] = now


def _sections(data: Mapping[str, Any], key: str, path: Path, errors: _Errors) -> list[tuple[str, dict[str, Any]]]:
    with errors.caught():
        return _section(data, key, path)
    return []


class _AnyOf:
    """Membership in any of several containers, without building their union."""

    def __init__(self, *containers: Container[str]) -> None:
        self.containers = containers

    def __contains__(self, key: object) -> bool:
        return any(key in c for c in self.containers)


def _withdrawn_link(spec: Mapping[str, Any], where: str, seen: Container[str]) -> str:
    """The IRI of a link withdrawal entry (``link:`` its IRI, or the hash at its end)."""
    _check_keys(spec, ("link", "date", "reason"), ("was",), where)
    value = spec["link"]
    name = value.strip().removeprefix(iri.BASE).removeprefix("/") if isinstance(value, str) else ""
    name = name.removeprefix("link/").lower()
    if not re.fullmatch(r"[0-9a-f]{8,64}", name):
        raise AnnotationError(where, f"withdrawn link {value!r} is not a link IRI",
                              hint=f"give the IRI the build named, {iri.BASE}link/ followed by its hash")
    link = f"{iri.BASE}link/{name}"
    if link in seen:
        raise AnnotationError(where, f"link {link} is withdrawn twice")
    return link


def _withdrawal(spec: Mapping[str, Any], what: str, where: str) -> tuple[str, str]:
    """The date and reason of a withdrawal entry."""
    reason, date = spec["reason"], _date(spec["date"], _at(spec, "date", where), "date")
    if not isinstance(reason, str) or not re.search(r"\w", reason):
        raise AnnotationError(where, f"withdrawn {what!r} needs a reason", hint="say why it was taken out")
    if not date:
        raise AnnotationError(where, f"withdrawn {what!r} needs a date", hint="write date: YYYY-MM-DD")
    return date, reason.strip()


def _declared_slug(spec: Mapping[str, Any], where: str, seen: Container[str]) -> str:
    slug = spec.get("slug")
    if not isinstance(slug, str) or not iri.is_slug(slug):
        raise AnnotationError(where, f"slug {slug!r} is missing or malformed",
                              hint="lower-case words joined by hyphens")
    if slug in seen:
        raise AnnotationError(where, f"{slug!r} is declared twice")
    return slug


def _body(spec: dict[str, Any], where: str, res: Resolver) -> Body:
    _check_keys(spec, ("slug", "label"), ("label_es", "alt_labels", "alt_labels_es", "type", "part_of", "titles"),
                where)
    part_of = spec.get("part_of") or ""
    if part_of:
        res.item(f"body:{part_of}", _at(spec, "part_of", where))
    titles = spec.get("titles") or []
    if not isinstance(titles, list):
        raise AnnotationError(where, "titles must be a list of {title, start, end, evidence}")
    alt_labels = _strings(spec.get("alt_labels"), _at(spec, "alt_labels", where), "alt_labels")
    alt_labels_es = _strings(spec.get("alt_labels_es"), _at(spec, "alt_labels_es", where), "alt_labels_es")
    label_es = _text(spec, "label_es", where, hint=(
        f"write the official Spanish name of {spec['slug']} on one line (label_es: Organización de los Estados "
        "Americanos (OEA)), or remove label_es: the pages then name it in English")) if "label_es" in spec else ""
    return Body(slug=spec["slug"], label=_text(spec, "label", where), alt_labels=alt_labels, label_es=label_es,
                alt_labels_es=alt_labels_es,
                body_type=str(spec.get("type") or ""), part_of=part_of, where=where,
                titles=tuple(sorted((_body_title(t, _where_of(t, where), res) for t in titles),
                                    key=lambda t: (t.start, t.title))))


def _body_title(spec: object, where: str, res: Resolver) -> BodyTitle:
    """A title the body bore for a period: the title must be in one of its quotes."""
    if not isinstance(spec, dict):
        raise AnnotationError(where, "each of titles is a mapping {title, start, end, evidence}")
    _check_keys(spec, ("title", "evidence"), ("start", "end"), where)
    title = _text(spec, "title", where)
    start = _date(spec.get("start"), _at(spec, "start", where), "start")
    end = _date(spec.get("end"), _at(spec, "end", where), "end")
    if start and end and end < start[:len(end)]:
        raise AnnotationError(where, f"the title's period ends ({end}) before it starts ({start})")
    evidence = res.evidence_list(spec["evidence"], where, required=True)
    if not any(_within(title, e.quote) for e in evidence):
        raise AnnotationError(where, f"title {_clip(title)!r} is in none of its quotes",
                              hint="quote the passage that states the title")
    return BodyTitle(title=title, start=start, end=end, evidence=evidence)


# Spanish words of a name ("Taller de la RIAL sobre ...") and the kinds of event that open one; a place's "de"
# ("Santiago de Chile") alone, or beside an English word, does not make a name Spanish.
_SPANISH_WORDS = frozenset({"de", "del", "la", "las", "los", "el", "y", "en", "para", "sobre", "con", "entre", "por",
                            "al"})
_SPANISH_KINDS = frozenset({"taller", "talleres", "reunión", "reuniones", "conferencia", "seminario", "diálogo",
                            "curso", "encuentro", "foro", "estudio", "mesa", "jornada", "jornadas"})
_ENGLISH_WORDS = frozenset({"the", "of", "and", "on", "for", "in", "with", "at", "to", "workshop", "meeting",
                            "conference", "seminar", "dialogue", "course", "study", "forum", "network"})


def _label_language(label: str) -> str:
    """The language an activity's label is written in: "es" when it reads as Spanish, else "en"."""
    words = re.findall(r"[^\W\d_]+", label.casefold())
    spanish = sum(w in _SPANISH_WORDS for w in words) + 2 * sum(w in _SPANISH_KINDS for w in words)
    return "es" if spanish >= 2 and not any(w in _ENGLISH_WORDS for w in words) else "en"


def _activity(spec: dict[str, Any], where: str, res: Resolver) -> Activity:
    _check_keys(spec, ("slug", "type", "label"), ("start", "end", "place", "format", "organised_by",
                "participants", "reported_in", "evidence", "note"), where)
    for key in ("organised_by", "participants"):
        for slug in _strings(spec.get(key), _at(spec, key, where), key):
            res.item(f"body:{slug}", _at(spec, key, where))
    for slug in _strings(spec.get("reported_in"), _at(spec, "reported_in", where), "reported_in"):
        res.item(slug, _at(spec, "reported_in", where))
    start = _date(spec.get("start"), _at(spec, "start", where), "start")
    end = _date(spec.get("end"), _at(spec, "end", where), "end")
    if start and end and end < start[:len(end)]:
        raise AnnotationError(where, f"the activity ends ({end}) before it starts ({start})",
                              hint="write its first day as start and its last as end")
    return Activity(
        slug=spec["slug"], activity_type=_enum(spec["type"], ACTIVITY_TYPES, _at(spec, "type", where), "type"),
        label=_text(spec, "label", where), label_language=_label_language(_text(spec, "label", where)),
        start=start, end=end,
        place=str(spec.get("place") or ""),
        format=_enum(spec["format"], FORMATS, _at(spec, "format", where), "format") if spec.get("format") else "",
        organised_by=_strings(spec.get("organised_by"), _at(spec, "organised_by", where), "organised_by"),
        participants=_strings(spec.get("participants"), _at(spec, "participants", where), "participants"),
        reported_in=_strings(spec.get("reported_in"), _at(spec, "reported_in", where), "reported_in"),
        evidence=res.evidence_list(spec.get("evidence"), where, required=False), where=where,
    )


def _document(spec: dict[str, Any], where: str, res: Resolver) -> MentionedDocument:
    _check_keys(spec, ("slug", "type", "title"), ("symbols", "date", "issuing_body", "meeting", "evidence",
                "provisions"), where)
    try:
        doc_type = DocType(spec["type"])
    except ValueError:
        raise AnnotationError(_at(spec, "type", where), f"type {spec['type']!r} is not a document type",
                              hint=", ".join(t.value for t in DocType)) from None
    if spec.get("issuing_body"):
        res.item(f"body:{spec['issuing_body']}", _at(spec, "issuing_body", where))
    if spec.get("meeting"):
        res.item(f"activity:{spec['meeting']}", _at(spec, "meeting", where))
    provisions = tuple(_quoted_provision(p, where, res) for p in spec.get("provisions") or [])
    eids = {p.eid for p in provisions}
    for p in provisions:
        if p.parent and p.parent not in eids:
            raise AnnotationError(p.where, f"parent {p.parent!r} of {p.eid!r} is not declared in {spec['slug']}")
    return MentionedDocument(
        slug=spec["slug"], title=_text(spec, "title", where), doc_type=doc_type,
        symbols=_strings(spec.get("symbols"), _at(spec, "symbols", where), "symbols"),
        date=_date(spec.get("date"), _at(spec, "date", where), "date"),
        issuing_body=str(spec.get("issuing_body") or ""), meeting=str(spec.get("meeting") or ""),
        evidence=res.evidence_list(spec.get("evidence"), where, required=False), provisions=provisions, where=where,
    )


def _promote(slug: str, spec: dict[str, Any], where: str, res: Resolver,
             provisions: Mapping[str, Sequence[Provision]], out: Annotations) -> None:
    """A document quoted until now and held from this build: match its quoted provisions to the
    parsed ones (kb.promote), so that references and published IRIs keep working."""
    _check_keys(spec, ("slug", "type", "title"), ("symbols", "date", "issuing_body", "meeting", "evidence",
                "provisions"), where)
    quoted = tuple(_quoted_provision(p, where, res) for p in spec.get("provisions") or [])
    held_as = {str(p["eid"]): str(p["held_as"]) for p in spec.get("provisions") or []
               if isinstance(p, dict) and p.get("held_as")}
    quoting = sorted({res.languages[ev.doc] for q in quoted for ev in q.evidence if res.languages.get(ev.doc)})
    held_language = res.languages.get(slug, "")
    other_language = bool(held_language and quoting and held_language not in quoting)
    promotion = match_quoted(slug, quoted, provisions[slug], held_as, same_language=not other_language)
    if promotion.unmatched and other_language:
        promotion.language_note = (
            f"the held text is in {held_language!r} and the quotes in {', '.join(map(repr, quoting))}: hold the text "
            f"in the quotes' language under {slug} and this one as its language version (kb add FILE --version-of "
            f"{slug}); else ")
    res.promotions[slug] = promotion
    for old, new in sorted(promotion.aliases.items()):
        now = iri.provision_iri(slug, new) if new else iri.doc_iri(slug)
        out.replaced[str(iri.provision_iri(slug, old))] = str(now)
    # the quotations that made it and its provisions known stay published (their IRIs were), as the document's
    quotations = [ev for q in quoted for ev in q.evidence]
    out.mentions[slug] = (*res.evidence_list(spec.get("evidence"), where, required=False), *quotations)
    out.warnings += promotion.warnings


def _rename(doc: SourceDocument, res: Resolver, out: Annotations) -> list[CorpusError]:
    """A held document's published eIds that its text, read again, names otherwise (``renamed:`` in
    its metadata): references to them resolve to the new eIds, and their IRIs are published as
    replaced by the new ones."""
    slug = doc.meta.slug
    errors: list[CorpusError] = []
    eids = res.held_eids.get(slug, set())
    for old, new in doc.meta.renamed:
        if old in eids:
            errors.append(AnnotationError(
                doc.meta.meta_path, f"renamed: {old} is still a provision of {slug}", line=doc.meta.line_of("renamed"),
                hint=f"if the provision named {old} now is the text {old} was published with, remove {old} from "
                     f"renamed; if it is another (a part a correction added), keep the entry and give that part a "
                     "name never published: a correction {at: <its first words>, eid: <a new eId>} (`kb parse FILE "
                     "--lines` shows them)"))
        elif new and new not in eids:
            errors.append(AnnotationError(doc.meta.meta_path, f"renamed: {old} is renamed to {new}, which is no "
                                          f"provision of {slug}", line=doc.meta.line_of("renamed"),
                                          hint="give an eId `kb parse FILE --lines` shows, or '' for a part that "
                                               "is gone (the build proposes them)"))
        else:  # '': the part is gone, its IRI names the document
            res.promotions.setdefault(slug, Promotion(slug)).aliases[old] = new
            out.replaced[str(iri.provision_iri(slug, old))] = str(
                iri.provision_iri(slug, new) if new else iri.doc_iri(slug))
    return errors


def _quoted_provision(spec: object, where: str, res: Resolver) -> QuotedProvision:
    if not isinstance(spec, dict):
        raise AnnotationError(where, "each provision must be a mapping")
    where = _where_of(spec, where)
    _check_keys(spec, ("eid", "kind", "number", "text", "evidence"), ("parent", "held_as"), where)
    eid = str(spec["eid"])
    if not iri.is_eid(eid):
        raise AnnotationError(_at(spec, "eid", where), f"eId {eid!r} is malformed", hint="see docs/eid-convention.md")
    try:
        kind = Kind(spec["kind"])
    except ValueError:
        raise AnnotationError(_at(spec, "kind", where), f"kind {spec['kind']!r} is not a provision kind",
                              hint=", ".join(k.value for k in Kind)) from None
    return QuotedProvision(eid=eid, kind=kind, number=str(spec["number"]), text=_text(spec, "text", where),
                           parent=spec.get("parent"), evidence=res.evidence_list(spec["evidence"], where,
                           required=True), where=where)


def _link(spec: dict[str, Any], where: str, res: Resolver) -> Link:
    _check_keys(spec, ("from", "type", "to", "evidence"),
                ("note", "asserted_by", "confidence", "extent", "part", "retyped_from", "role", "start", "end"), where)
    # what a curator types of a link (its type, ends and quotes) is checked whole: each mistake at its line, at once
    errors: list[CorpusError] = []
    link_type = gathered(errors, lambda: _enum(spec["type"], LINK_TYPES, _at(spec, "type", where), "type"), "")
    source_kind, target_kind = _ENDS.get(link_type, ("", ""))
    source = gathered(errors, lambda: res.item(spec["from"], _at(spec, "from", where), expect=source_kind), "")
    target = gathered(errors, lambda: res.item(spec["to"], _at(spec, "to", where), expect=target_kind), "")
    no_evidence: tuple[Evidence, ...] = ()
    evidence = gathered(errors, lambda: res.evidence_list(spec["evidence"], where, required=True), no_evidence)
    raise_all(errors)
    if link_type == "plannedIn" and not target.startswith(iri.BASE + "doc/"):
        raise AnnotationError(_at(spec, "to", where), "plannedIn goes to the document (or provision) that plans the "
                              f"activity, not {spec['to']!r}", hint='write "slug" or "slug eId"')
    role = ""
    if "role" in spec:
        if link_type != "addressee":
            raise AnnotationError(_at(spec, "role", where), f"role: is for an addressee link, not {link_type}")
        role = _enum(spec["role"], ADDRESSEE_ROLES, _at(spec, "role", where), "role")
    if ("start" in spec or "end" in spec) and link_type not in ("chair", "viceChair"):
        term = _at(spec, "start" if "start" in spec else "end", where)
        raise AnnotationError(term, "start: and end: are the term of a chair or vice-chair, "
                              f"not of a {link_type} link")
    start = _date(spec.get("start"), _at(spec, "start", where), "start")
    end = _date(spec.get("end"), _at(spec, "end", where), "end")
    if start and end and end < start[:len(end)]:
        raise AnnotationError(where, f"the term ends ({end}) before it starts ({start})")
    if source == target:
        raise AnnotationError(where, f"a link from {spec['from']!r} to itself")
    asserted_by = _enum(spec.get("asserted_by", "curator"), ("curator", "extractor"), _at(spec, "asserted_by", where),
                        "asserted_by")
    confidence = spec.get("confidence")
    if confidence is not None and not (isinstance(confidence, int | float) and 0 <= confidence <= 1):
        raise AnnotationError(_at(spec, "confidence", where), "confidence must be a number between 0 and 1")
    extent = _enum(spec.get("extent", "full"), EXTENTS, _at(spec, "extent", where), "extent")
    part = spec.get("part")
    if extent == "partial" and link_type != "respondsTo":
        raise AnnotationError(where, f"extent: partial is for a respondsTo link, not {link_type}",
                              hint="an answer in part is respondsTo with extent: partial and the part it answers")
    if (extent == "partial") != (part is not None):
        raise AnnotationError(where, "extent: partial and part: go together",
                              hint="part: is the passage of the target's text that the link answers, verbatim")
    retyped_from = spec.get("retyped_from", "")
    if retyped_from:
        retyped_from = _enum(retyped_from, LINK_TYPES, _at(spec, "retyped_from", where), "retyped_from")
    return Link(source=source, link_type=link_type, target=target, evidence=evidence, asserted_by=asserted_by,
                confidence=float(confidence) if confidence is not None else None,
                note=str(spec.get("note") or "").strip(), where=where, extent=extent,
                part=_text(spec, "part", where) if part is not None else "", retyped_from=retyped_from,
                role=role or ("actor" if link_type == "addressee" else ""), start=start, end=end)


EXTENTS = ("full", "partial")


def _check_parts(links: Sequence[Link], held: Mapping[str, SourceDocument],
                 provisions: Mapping[str, Sequence[Provision]], mentioned: Mapping[str, MentionedDocument],
                 broken: Container[str]) -> None:
    """The part a partial answer answers is verbatim in the text of its target provision (white space
    aside: the part is one line in the YAML, the provision may break across lines and pages). Not
    checked against a held document that could not be read (its own error says what to fix)."""
    for link in links:
        if not link.part:
            continue
        slug, _, eid = link.target.removeprefix(iri.BASE + "doc/").partition("/")
        if slug in broken:
            continue
        text = None
        if slug in held:
            text = next((held[slug].text[p.start:p.text_end or p.end] for p in provisions.get(slug, ())
                         if p.eid == eid), None)
        elif slug in mentioned:
            text = next((q.text for q in mentioned[slug].provisions if q.eid == eid), None)
        if text is None or not link.target.startswith(iri.BASE + "doc/") or not eid:
            raise AnnotationError(link.where, "part: names a passage of a provision; the target is not one",
                                  hint="link to the provision whose text holds the part")
        if not _within(link.part, text):  # a part may run across a line or page break
            raise AnnotationError(link.where, f"part {_clip(link.part)!r} is not in the text of {slug} {eid}",
                                  hint=_near_miss(text, link.part) or f"copy it from `kb quote \"{slug} {eid}\"`")


_IN_TIME = {"respondsTo": "answer", "fulfils": "fulfil", "derivedFrom": "derive from", "reiterates": "carry forward"}


def _out_of_order(links: Sequence[Link], held: Mapping[str, SourceDocument],
                  mentioned: Mapping[str, MentionedDocument], activities: Sequence[Activity]) -> list[CorpusError]:
    """A link of time (an answer, an adoption, a repetition) whose source ended before its target existed: an
    activity of 2014 cannot answer a mandate of 2017. Its status would say "addressed" by what came first.
    Dates are compared as precisely as both are given ("2017" is not before "2017-12-08")."""
    acts = {f"{iri.BASE}activity/{a.slug}": a for a in activities}

    def when(ref: str, *, last: bool) -> str:
        if ref in acts:
            return (acts[ref].end or acts[ref].start) if last else acts[ref].start
        slug = ref.removeprefix(iri.BASE + "doc/").partition("/")[0]
        return held[slug].meta.date if slug in held else mentioned[slug].date if slug in mentioned else ""

    errors: list[CorpusError] = []
    for link in links:
        if link.link_type not in _IN_TIME:
            continue
        source, target = when(link.source, last=True), when(link.target, last=False)
        common = min(len(source), len(target))
        if common and source[:common] < target[:common]:
            errors.append(AnnotationError(
                link.where, f"{reference(link.source)} ({source}) comes before {reference(link.target)} "
                f"({target}): it cannot {_IN_TIME[link.link_type]} it",
                hint="check the link's ends and the dates declared for them (an activity's start and end, a "
                "document's date): what answers, adopts or repeats comes after"))
    return errors


def _claim(spec: dict[str, Any], where: str, res: Resolver) -> Claim:
    _check_keys(spec, ("about", "property", "value", "evidence", "disagreement"), ("note",), where)
    if not isinstance(spec["disagreement"], str) or not iri.is_slug(spec["disagreement"]):
        raise AnnotationError(where, "disagreement must be a slug naming the disagreement")
    prop = _enum(spec["property"], tuple(CLAIM_PROPERTIES), _at(spec, "property", where), "property")
    if prop == "date":
        for part in str(spec["value"]).split("/"):
            year_less = re.fullmatch(r"--(\d{2})-(\d{2})", part)  # "--05-16": a day the source gives no year
            if (DATE_RE.match(part) and not is_date(part)) or (year_less and not is_date(f"2000-{part[2:]}")):
                raise AnnotationError(where, f"value {part!r} is not a real date", hint="check the month and the day")
    return Claim(about=res.item(spec["about"], where), prop=CLAIM_PROPERTIES[prop], value=str(spec["value"]),
                 evidence=res.evidence(spec["evidence"], where), disagreement=spec["disagreement"],
                 note=str(spec.get("note") or "").strip(), where=where)


def _topic_links(ref: str, topic_slugs: object, where: str, res: Resolver, held: Mapping[str, SourceDocument],
                 provisions: Mapping[str, Sequence[Provision]],
                 mentioned: Mapping[str, MentionedDocument]) -> list[Link]:
    """``hasTopic`` links; their evidence is the provision's own text (its span or its quotation)."""
    source = res.item(ref, where)
    slugs = [topic_slugs] if isinstance(topic_slugs, str) else topic_slugs
    if not isinstance(slugs, list) or not slugs:
        raise AnnotationError(where, f"topics of {ref!r} must be a list of topic slugs")
    own = _own_evidence(ref, where, res, held, provisions, mentioned)
    return [Link(source=source, link_type="hasTopic", target=res.item(f"topic:{t}", where), evidence=own,
                 where=where) for t in slugs]


def _own_evidence(ref: str, where: str, res: Resolver, held: Mapping[str, SourceDocument],
                  provisions: Mapping[str, Sequence[Provision]],
                  mentioned: Mapping[str, MentionedDocument]) -> tuple[Evidence, ...]:
    slug, _, eid = ref.strip().partition(" ")
    if slug in res.broken:
        return (Evidence(doc=slug, quote=ref, start=0, end=len(ref), prefix="", suffix="", where=where),)
    doc = held.get(slug)
    if doc is not None:
        eid = eid.strip()
        promotion = res.promotions.get(slug)
        if promotion is not None and eid in promotion.aliases:
            eid = promotion.resolve(eid) or ""
        prov = next((p for p in provisions[slug] if p.eid == eid), None)
        if prov is None:
            raise AnnotationError(where, f"topics need a provision reference, got {ref!r}")
        text = doc.text
        return (Evidence(doc=slug, quote=text[prov.start:prov.end], start=prov.start, end=prov.end,
                         prefix=text[max(0, prov.start - CONTEXT):prov.start],
                         suffix=text[prov.end:prov.end + CONTEXT], where=where),)
    mdoc = mentioned.get(slug)
    if mdoc is not None:
        for qp in mdoc.provisions:
            if qp.eid == eid.strip():
                return qp.evidence
    raise AnnotationError(where, f"topics need a provision reference, got {ref!r}",
                          hint="give topics to provisions only")


def _check_unique_links(links: Sequence[Link]) -> None:
    seen: dict[tuple[str, str, str], str] = {}
    for link in links:
        key = (link.source, link.link_type, link.target)
        if key in seen:
            raise AnnotationError(link.where, f"link {link.link_type} from {link.source} to {link.target} is "
                                  f"already stated at {seen[key]}", hint="merge the evidence into one entry")
        seen[key] = link.where


