"""Taking a new document into the corpus (``kb add``): the first step of the curation loop.

It owns what a secretariat user does to add a document without a developer: the received file's
text is held under ``corpus/sources/`` (a PDF or DOCX converted by :mod:`kb.extract`, its original's
name and SHA-256 recorded), and ``corpus/documents/{slug}.yaml`` is written with the metadata the
cover gives (:func:`kb.parse.parse_document`), each field the parser could not read left for the
curator with a comment saying so. Nothing else in the corpus is touched. Running it again on the
same file keeps the metadata file as the curator edited it.

The slug follows DESIGN.md section 3: ``iacml{N}-plan-of-action``, ``iacml{N}-declaration``,
``wg{n}-{year}-report``, else the title's first words and the year; a language version adds its language
(``-es``), a first text none, whatever its language. A
slug that names a document known only through quotation (``iacml21-plan-of-action`` in
``annotations/documents.yaml``) makes that document held; its published IRIs are kept
(:mod:`kb.annotate`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kb import iri
from kb.annotate import LINE, read_annotation_files, withdrawn_entries
from kb.corpus import (
    DATE_RE,
    REVISION_RE,
    default_corpus_dir,
    is_date,
    other_symbols,
    own_symbols,
    parse_meta,
    write_whole,
)
from kb.errors import InputError, KbError
from kb.extract import Extracted, extract
from kb.model import DocType, DocumentMeta, Kind, QuotedProvision, primary_language
from kb.parse import CoverMetadata, ParsedDocument, parse_document
from kb.promote import match_quoted
from kb.versions import SAME_TEXT, SAME_TEXT_MIN, align, same_text_share, symbols_unlike

__all__ = ["Added", "add_document", "propose_slug"]

# The articles, conjunctions and prepositions a title in English or Spanish leaves in lower case.
_SMALL_WORDS = frozenset({"a", "al", "an", "and", "ante", "as", "at", "but", "by", "con", "de", "del", "desde", "e",
                          "el", "en", "entre", "for", "from", "hacia", "hasta", "in", "into", "la", "las", "los", "nor",
                          "o", "of", "on", "onto", "or", "para", "per", "por", "sin", "sobre", "than", "the", "to", "u",
                          "un", "una", "upon", "via", "with", "y",
                          # Portuguese
                          "da", "das", "dos", "em", "na", "nas", "pela", "pelo"})  # not "do": English too
_SUFFIX = {
    DocType.PLAN_OF_ACTION: "plan-of-action", DocType.DECLARATION: "declaration", DocType.WORK_PLAN: "work-plan",
    DocType.MEETING_SUMMARY: "report", DocType.OUTCOME_DOCUMENT: "outcomes", DocType.CONCEPT_NOTE: "concept-note",
    DocType.WEB_PAGE: "page", DocType.WORKING_GROUP_REPORT: "report",
}
_WG_RE = re.compile(r"\b(?:working group|grupo de trabajo)\s*(\d)\b", re.IGNORECASE)


@dataclass
class Added:
    """What ``kb add`` did: the files it wrote (or kept), and the parse it previewed."""

    slug: str
    source_path: Path
    meta_path: Path
    parsed: ParsedDocument
    kept_metadata: bool  # the metadata file existed for this very source: left as the curator edited it
    promoted: bool  # the slug names a document known only through quotation until now
    notes: list[str] = field(default_factory=list)  # fields the curator should look at
    # a held document whose provisions this text's say: not built until the curator says which it is
    alike: str = ""
    twin: str = ""  # a held document with this text's own symbols in its language: not built either
    slug_doubt: str = ""  # what the slug proposed was made from, when a note asks to check that
    retry: str = ""  # the options of `kb add FILE` that hold it under the slug it should have (with slug_doubt)
    # why the text proposed as a held document's version (by its symbols) reads unlike it: not built until the
    # curator confirms it (version_confirmed: true) or removes version_of
    version_doubt: str = ""
    replaced: bool = False  # --replace: the text held under the slug before is this one now


_LANGUAGES = {"en": "English", "es": "Spanish", "fr": "French", "pt": "Portuguese"}


def _slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))


def title_case(text: str) -> str:
    """A title printed in capitals, as a title: "PLAN OF ACTION OF LIMA" -> "Plan of Action of Lima"."""
    if not text.isupper():
        return text
    def cased(word: str, first: bool) -> str:
        # the punctuation a word carries ("IACML,", "(CIMT)", "XVII:") is no part of what it is
        bare = re.sub(r"^\W+|\W+$", "", word)
        if bare and (_ROMAN_RE.fullmatch(bare) or (re.fullmatch(r"[a-z]{2,6}\d?", bare)
                                                   and bare.upper() in _ACRONYMS)):
            return word.upper()  # a meeting's number, a body's acronym
        if not first and word in _SMALL_WORDS:
            return word
        return re.sub(r"\w", lambda m: m[0].upper(), word, count=1)  # a quoted word's first letter, not its mark

    out: list[str] = []
    for k, word in enumerate(text.lower().split()):
        # each part of a compound is a word of its own ("Inter-American", "Follow-Up"); a title's first word, and
        # the first after a colon, are capitalised whatever they are
        first = k == 0 or out[-1].endswith(":")
        out.append("-".join(cased(part, first and not j) for j, part in enumerate(word.split("-"))))
    return " ".join(out)


_ROMAN_RE = re.compile(r"(?=[ivxl])l?x{0,3}(?:ix|iv|v?i{0,3})|xl(?:ix|iv|v?i{0,3})")  # a meeting's number, I to LXXXIX
_ACRONYMS = frozenset({"IACML", "CIMT", "OAS", "OEA", "RIAL", "COSATE", "CEATAL", "CIE", "CIDI", "ILO", "OIT", "GT1",
                       "GT2", "WG1", "WG2"})


def propose_slug(parsed: ParsedDocument, fallback: str) -> str:
    """The slug DESIGN.md's conventions give a document, from what its cover says."""
    return _proposed_slug(parsed, fallback)[0]


def _proposed_slug(parsed: ParsedDocument, fallback: str) -> tuple[str, str]:
    """The slug proposed, and what it was made from: "report", "meeting", "title" or "file" (the name of
    the file received, when the cover gives neither title nor meeting)."""
    meta = parsed.metadata
    doc_type = DocType(meta.type) if meta.type else None
    year = (meta.date or "")[:4]
    slug, basis = "", "file"
    if doc_type is DocType.WORKING_GROUP_REPORT and (m := _WG_RE.search(meta.title or "")) and year:
        slug, basis = f"wg{m[1]}-{year}-report", "report"
    elif meta.meeting and doc_type is not None:
        slug, basis = f"{meta.meeting.removesuffix('-meeting')}-{_SUFFIX[doc_type]}", "meeting"
    elif meta.title:
        words = _slugify(meta.title).split("-")[:6]
        slug, basis = "-".join([*words, year] if year and year not in words else words), "title"
    # A first text is the document, whatever its language (language: says it); only a language version is
    # named with its language (add_document), after its original.
    return slug or _slugify(fallback) or "document", basis


def _holder(documents: Path, received: Extracted, sha256: str) -> str | None:
    """The slug of the held document whose text (or original file) this is, if any; a metadata file the
    build cannot read (its error is the build's to report) is read for its checksums alone."""
    for meta_path in sorted(documents.glob("*.yaml")):
        try:
            meta = parse_meta(meta_path)
            sums = {meta.sha256, meta.original_sha256}
        except KbError:
            sums = set(re.findall(r"(?m)^(?:original_)?sha256:\s*['\"]?([0-9a-f]{64})",
                                  meta_path.read_text(encoding="utf-8", errors="replace")))
        if sha256 in sums or (received.converted_from != "text" and received.original_sha256 in sums):
            return meta_path.stem
    return None


def _same_symbols(held: Sequence[DocumentMeta], symbols: Sequence[str], language: str, *,
                  same_language: bool = True, doc_type: str = "") -> str:
    """The slug of a held document sharing a symbol with these, or "": in the same language, a text of the
    same document held twice; in another (``same_language=False``), of the same type (one symbol may cover
    a Declaration and its Plan of Action), the original this text is a language version of (a version's own
    original when that one is a version too)."""
    def folded(given: Iterable[str]) -> set[str]:  # across languages, a revision of a symbol is the document's
        return own_symbols(given) if same_language else {REVISION_RE.sub("", s) for s in own_symbols(given)}

    wanted, own = folded(symbols), primary_language(language)  # en-GB is English
    for meta in held if wanted else ():
        if (primary_language(meta.language) == own) == same_language and wanted & folded(meta.symbols) and (
                same_language or not doc_type or meta.doc_type.value == doc_type):
            return meta.slug if same_language else meta.version_of or meta.slug
    return ""


def _held_metadata(documents: Path) -> list[DocumentMeta]:
    """Every held document's metadata that can be read (one that cannot is the build's to report)."""
    out = []
    for meta_path in sorted(documents.glob("*.yaml")):
        try:
            out.append(parse_meta(meta_path))
        except KbError:
            continue
    return out


def _reading(corpus_dir: Path, meta: DocumentMeta) -> ParsedDocument:
    """A held document read as the build reads it (its corrections applied)."""
    source = corpus_dir / meta.source
    return parse_document(source.read_text(encoding="utf-8"), source=str(source), doc_type=meta.doc_type,
                          language=meta.language, corrections=meta.corrections, corrections_file=meta.meta_path)


def _same_text(corpus_dir: Path, held: Sequence[DocumentMeta], parsed: ParsedDocument,
               doc_type: str, language: str) -> tuple[str, str]:
    """The held document of this type (no language version) whose provisions say what this text's say, in
    either language, with its language; ("", "") if none does (kb.versions.same_text_share). Not one whose symbols
    the cover contradicts: two Plans of Action repeat each other's standard paragraphs, and their symbols
    (a revision aside) tell them apart."""
    if len(parsed.provisions) < SAME_TEXT_MIN:
        return "", ""
    best: tuple[float, str, str] = (0.0, "", "")
    for meta in held:
        if meta.version_of or meta.doc_type.value != doc_type or other_symbols(parsed.metadata.symbols, meta.symbols):
            continue
        try:
            reading = _reading(corpus_dir, meta)
        except (KbError, OSError, UnicodeDecodeError):
            continue  # the build reports it
        if 2 * len(reading.provisions) < len(parsed.provisions) or 2 * len(parsed.provisions) < len(reading.provisions):
            continue  # one of them could not say all the other says
        share = same_text_share(parsed.provisions, reading.provisions,
                                same_language=primary_language(meta.language) == primary_language(language))
        best = max(best, (share, meta.slug, meta.language))
    return best[1:] if best[0] >= SAME_TEXT else ("", "")


def _version_note(corpus_dir: Path, original: str, parsed: ParsedDocument, language: str, given: bool,
                  doc_type: str | None, held_metadata: Sequence[DocumentMeta], slug: str = "", *,
                  path: Path, confirmed: bool = False) -> tuple[str, str, DocumentMeta, str]:
    """The comment on a proposed ``version_of``, the note for the curator (how many of the text's provisions
    align with the original's: kb.versions), the original's metadata and why the text reads unlike it ("" if
    it does not, or the curator confirmed it). A version the build would refuse (another type of document, a
    text that does not align, one given that reads unlike its original unconfirmed) is refused here."""
    try:
        meta = parse_meta(corpus_dir / "documents" / f"{original}.yaml")
        held = _reading(corpus_dir, meta)
    except (KbError, OSError, UnicodeDecodeError):
        raise InputError(f"--version-of {original!r}: no held document of that slug can be read",
                         parameter="version-of",
                         hint="give the slug of a held document (`kb list documents`)") from None
    if meta.version_of:
        raise InputError(f"--version-of {original!r} is itself a version of {meta.version_of!r}",
                         parameter="version-of", hint=f"give --version-of {meta.version_of}")
    if primary_language(meta.language) == primary_language(language):
        raise InputError(f"--version-of {original!r}: {original} is in {primary_language(language)!r} too, and a "
                         "version is the text in another language", parameter="version-of",
                         hint="give the text's language with --language if it was misread; a second text of the "
                              "same document in the same language is not held twice")
    if doc_type is not None and doc_type != meta.doc_type.value:
        raise InputError(f"--version-of {original!r}: {original} is a {meta.doc_type.value} and this text a "
                         f"{doc_type}: a version is the same document in another language", parameter="version-of",
                         hint="leave out --version-of if this is another document (or give --type if its type was "
                              "misread)")
    alignment = align(parsed.provisions, held.provisions)
    total = len(alignment.pairs) + len(alignment.unmatched)
    if given and total >= SAME_TEXT_MIN and len(alignment.pairs) - len(alignment.doubtful) < total / 3:
        raise InputError(f"--version-of {original!r}: {alignment.summary(original)}: this text does not say what "
                         f"{original} says, paragraph by paragraph", parameter="version-of",
                         hint="leave out --version-of if this is another document; if it is the same text read "
                              "otherwise, add it without --version-of, correct its reading (corpus/README.md) and "
                              "give version_of: in its metadata then")
    language_name = _LANGUAGES.get(language, "other-language")
    found = alignment.unlike or symbols_unlike(parsed.metadata.symbols, meta.symbols, original)
    unlike = "" if confirmed else found
    if given and unlike:  # the build would refuse it: nothing is written before the curator has looked
        raise InputError(f"--version-of {original!r}: {alignment.summary(original)}, but {unlike}: this text may be "
                         f"another document than {original} (nothing written)", parameter="version-of",
                         hint=f"check {path} against {corpus_dir / meta.source}: if it is another document, leave out "
                              f"--version-of; if it is {original}'s text in {language_name}, run kb add again with "
                              "--confirm-version too (written as version_confirmed: true)")
    # es-PY is Spanish: a second Spanish text of the work
    twins = sorted((other.slug, other.language) for other in held_metadata if other.version_of == original
                   and primary_language(other.language) == primary_language(language) and other.slug != slug)
    if twins:  # given, or proposed from the symbols: the build would refuse both versions
        said = ", ".join(twin if tag == language else f"{twin} (language: {tag})" for twin, tag in twins)
        raise InputError(f"{'--version-of ' + repr(original) if given else 'this text has the symbols of ' + original}"
                         f": {original} already has a version in {primary_language(language)!r}: {said}",
                         parameter="version-of",
                         hint=f"one text of each language: to hold this one instead, `kb add FILE --slug {twins[0][0]} "
                              "--replace`; if it is another document, leave out --version-of")
    if not given and 2 * len(alignment.pairs) < len(parsed.provisions):
        given_note = (f"; only {len(alignment.pairs)} of {len(parsed.provisions)} provisions align: check that it is "
                      "the same document")
    else:
        given_note = ""
    if unlike:  # proposed by its symbols: held back until the curator says which it is
        given_note = (f", but {unlike}: check {path} against {corpus_dir / meta.source}: if it is {original}'s text "
                      "in another language, write version_confirmed: true under version_of")
    elif confirmed and found:
        given_note = f"; {found} (confirmed: published as {original}'s version)"
    why = "given" if given else f"the held {meta.language} document with these symbols"
    note = (f"version_of: this text is the {language_name} version of {original} ({why}): "
            f"its provisions are published as {original}'s in another language, not as mandates of their own; "
            f"{alignment.summary(original)}" + (
                f"{given_note}; if it is another document, remove version_of" if not given else given_note))
    return why, note, meta, unlike


def _declared(annotations_dir: Path) -> tuple[set[str], set[str], set[str]]:
    """Slugs of the bodies, activities and quoted documents the annotations declare."""
    bodies: set[str] = set()
    activities: set[str] = set()
    documents: set[str] = set()
    for _, data in read_annotation_files(annotations_dir):
        for key, into in (("bodies", bodies), ("activities", activities), ("documents", documents)):
            for spec in data.get(key) or []:
                if isinstance(spec, dict) and isinstance(spec.get("slug"), str):
                    into.add(spec["slug"])
    return bodies, activities, documents


def _refuse_unmatched(path: Path, slug: str, parsed: ParsedDocument, language: str, annotations_dir: Path,
                      held: Sequence[DocumentMeta]) -> None:
    """Refuse, before anything is written, the text of a document known through quotation in which some
    quoted provisions are found nowhere (as the build matches them, kb.promote): held, it would leave the
    corpus unbuildable until its files were removed by hand (an excerpt, a draft, another document)."""
    languages = {m.slug: m.language for m in held}
    for file, data in read_annotation_files(annotations_dir):
        for spec in data.get("documents") or []:
            if not isinstance(spec, dict) or spec.get("slug") != slug:
                continue
            quoted: list[QuotedProvision] = []
            held_as: dict[str, str] = {}
            quoting: set[str] = set()
            for entry in spec.get("provisions") or []:
                if not isinstance(entry, dict) or entry.get("kind") not in {k.value for k in Kind}:
                    continue  # the build says what is wrong with it
                eid, where = str(entry.get("eid")), f"{file}:{entry.get(LINE) or spec.get(LINE) or 1}"
                quoted.append(QuotedProvision(eid, Kind(entry["kind"]), str(entry.get("number") or ""),
                                              str(entry.get("text") or ""), entry.get("parent"), (), where))
                if entry.get("held_as"):
                    held_as[eid] = str(entry["held_as"])
                quoting |= {languages[e["doc"]] for e in entry.get("evidence") or []
                            if isinstance(e, dict) and e.get("doc") in languages}
            other = bool(quoting) and language not in quoting
            missing = match_quoted(slug, quoted, parsed.provisions, held_as, same_language=not other).unmatched
            if not missing:
                continue
            shown = "; ".join(f"{where}: {what.removeprefix(slug + ' ').split(' matches no')[0]}"
                              for where, what in missing[:_SHOWN_MISSING])
            more = f" and {len(missing) - _SHOWN_MISSING} more" if len(missing) > _SHOWN_MISSING else ""
            which = (f"none of the {len(quoted)} provisions of {slug} known through quotation is"
                     if len(missing) == len(quoted) else
                     f"{len(missing)} of the {len(quoted)} provisions of {slug} known through quotation are not")
            raise InputError(
                f"{path}: {which} in this text ({shown}{more}), so it cannot be held as {slug} (nothing written)",
                parameter="slug",
                hint=(f"this text is in {language!r} and the quotes in {', '.join(sorted(quoting))}: hold the "
                      f"text in the quotes' language under {slug} first, then this one with `kb add "
                      f"{path.name} --version-of {slug}`" if other else
                      f"hold the whole text of {slug}, not an excerpt or a draft; if these provisions are in it "
                      f"in other words, add `held_as: EID` to their entries (`kb parse {path.name}` lists the "
                      f"eIds) and run `kb add {path.name}` again; if it is another document, give it a --slug "
                      "of its own"))


_SHOWN_MISSING = 5  # quoted provisions a refusal names


def _quoted_as(annotations_dir: Path, doc_type: str, meeting: str) -> str:
    """The slug of the document known through quotation whose type and meeting these are ("" if none, or if
    several are): the text received may be that document."""
    found = {str(spec["slug"]) for _, data in read_annotation_files(annotations_dir)
             for spec in data.get("documents") or []
             if isinstance(spec, dict) and isinstance(spec.get("slug"), str) and meeting
             and (spec.get("type"), spec.get("meeting")) == (doc_type, meeting)}
    return found.pop() if len(found) == 1 else ""


def _known_languages(corpus_dir: Path, slug: str) -> set[str]:
    """The languages a document is known in: its held text's, else those of the held texts quoting it."""
    held = _held_metadata(corpus_dir / "documents")
    own = {m.language for m in held if m.slug == slug}
    if own:
        return own
    languages = {m.slug: m.language for m in held}
    return {languages[e["doc"]] for _, data in read_annotation_files(corpus_dir / "annotations")
            for spec in data.get("documents") or [] if isinstance(spec, dict) and spec.get("slug") == slug
            for entry in spec.get("provisions") or [] if isinstance(entry, dict)
            for e in entry.get("evidence") or [] if isinstance(e, dict) and e.get("doc") in languages}


# The title of a Conference's own Plan of Action or Declaration: "Plan of Action of Asunción", "Declaración de
# Medellín" (a place); not "Draft Plan of Action ...", "Declaration of the Workers ...", "Declaration of COSATE".
_OWN_TITLE_RE = re.compile(r"^(?:plan of action|declaration|plan de acci[oó]n|declaraci[oó]n)\s+(?:of|de)\s+"
                           r"(?!(?:the|la|las|los|el|del)\b)(?P<place>\S.*)$", re.IGNORECASE)


def _conference_own(meta: CoverMetadata, doc_type: str | None) -> bool:
    """Whether the text reads as the Conference's own Plan of Action or Declaration: the cover names the
    Conference itself (not its preparatory meeting) and the title is the type's of a place. Others name the
    Conference too (a draft for its preparatory meeting, a declaration of its advisory bodies to it), and the
    slug made from it would name them as the Conference's."""
    if doc_type not in (DocType.PLAN_OF_ACTION, DocType.DECLARATION) or not re.fullmatch(r"iacml\d+", meta.meeting
                                                                                                   or ""):
        return False
    m = _OWN_TITLE_RE.match(title_case(" ".join((meta.title or "").split())).rstrip(" :;,."))
    # a body's acronym in the place (COSATE, ILO) is no place
    return m is not None and not any(len(w) > 1 and w.isupper() for w in re.findall(r"[^\W\d_]+", m["place"]))


# A cover that says the text is a draft: "DRAFT PLAN OF ACTION ...", "Proyecto de Declaración", "Borrador", or a
# line of its own ("DRAFT", "Draft - for discussion") before the text begins.
_DRAFT_RE = re.compile(r"^\W*(?:draft|proyecto|anteproyecto|borrador)\b", re.IGNORECASE)
_COVER_LINES = 15


def _reads_as_draft(title: str | None, text: str, doc_type: str | None) -> bool:
    """Whether the cover says the text is a draft of a document that mandates (a Plan of Action, a Declaration,
    a work plan) or recommends (a Working Group report)."""
    if doc_type not in (DocType.PLAN_OF_ACTION, DocType.DECLARATION, DocType.WORK_PLAN, DocType.WORKING_GROUP_REPORT):
        return False
    head = [line for line in text.splitlines()[:_COVER_LINES] if line.strip()]
    return bool(_DRAFT_RE.match(title or "")) or any(
        _DRAFT_RE.match(line) and len(line.split()) <= 8 for line in head)


# The kinds of document dated by their adoption, not by the issue of their text: their mandates are in force from then.
_DATED_BY_ADOPTION = frozenset({DocType.PLAN_OF_ACTION.value, DocType.DECLARATION.value})


_COVERS = "the cover's"


def _cover_date(meta: CoverMetadata, doc_type: str) -> tuple[str | None, str]:
    """The date proposed from the cover, and a comment naming the other date it gives when it gives two: the day
    of adoption for a Declaration or Plan of Action, the date of issue (of the text or of a revision, printed beside
    the symbols) for another kind."""
    if not meta.adopted or meta.adopted == meta.date:
        return meta.date, ""
    if meta.date is None:
        return meta.adopted, ""
    if doc_type in _DATED_BY_ADOPTION:
        return meta.adopted, (f"the day of adoption the cover gives; it also gives {meta.date}, the issue of this text "
                              "(or of a revision): a Declaration or Plan of Action is dated by its adoption")
    return meta.date, f"the cover's date of issue; its note of adoption gives {meta.adopted}"


# What a meeting read from the Conference a cover names may be: a Working Groups' meeting "of the XL CIMT" names it.
_OF_ANOTHER_MEETING = ("check that the document is of that meeting, not of another of its cycle (a Working Groups' "
                       "meeting, a workshop: their own activity)")


def _issuing_body(parsed: ParsedDocument, bodies: set[str]) -> str:
    meta = parsed.metadata
    candidates = []
    if meta.type == DocType.WORKING_GROUP_REPORT.value and (m := _WG_RE.search(meta.title or "")):
        candidates.append(f"iacml-wg{m[1]}")
    if meta.meeting and meta.meeting.startswith("iacml"):
        candidates.append("iacml")
    return next((c for c in candidates if c in bodies), "")


def _yaml_value(value: object) -> str:
    dumped = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10_000).strip()
    return dumped.removesuffix("\n...").strip()


def _metadata_text(fields: list[tuple[str, object, str]], header: str) -> str:
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    for key, value, comment in fields:
        lines.append(f"{key}: {_yaml_value(value)}" + (f"  # {comment}" if comment else ""))
    return "\n".join(lines) + "\n"


def _rehashed(metadata: str, sha: str, received: Extracted) -> str:
    """A metadata file's text with the checksums of a new source (and of the file it came from)."""
    fields = {"sha256": sha}
    if received.converted_from != "text":
        fields |= {"original_file": received.original_name, "original_sha256": received.original_sha256}
    for key in ("original_file", "original_sha256"):
        if key not in fields:  # a text now: no converted file behind it
            metadata = re.sub(rf"(?m)^{key}:.*\n?", "", metadata)
    for key, value in fields.items():
        line = f"{key}: {_yaml_value(value)}"
        metadata, found = re.subn(rf"(?m)^{key}:.*$", line.replace("\\", "\\\\"), metadata)
        if not found:
            metadata = metadata.rstrip("\n") + f"\n{line}\n"
    return metadata


def add_document(path: Path, *, corpus_dir: Path | None = None, slug: str | None = None,
                 doc_type: str | None = None, language: str | None = None, date: str | None = None,
                 replace: bool = False, version_of: str | None = None, confirm_version: bool = False) -> Added:
    """Hold ``path`` in the corpus and write its proposed metadata (see the module docstring).
    ``confirm_version``: the curator has checked that the text is ``version_of``'s, though it reads unlike it."""
    corpus_dir = corpus_dir or default_corpus_dir()
    if doc_type is not None:
        typed = DocType.named(doc_type)
        if typed is None:
            raise InputError(f"--type {doc_type!r} is not a document type", parameter="type",
                             hint=f"use one of {', '.join(t.value for t in DocType)}")
        doc_type = typed.value
    if date is not None and not is_date(date):
        raise InputError(f"--date {date!r} is not YYYY-MM-DD, YYYY-MM or YYYY" if not DATE_RE.match(date)
                         else f"--date {date!r} is not a real date", hint="write e.g. --date 2021-09-24")
    if version_of is not None and not iri.is_slug(version_of):
        raise InputError(f"--version-of {version_of!r} is not a slug", parameter="version-of",
                         hint="give the slug of the held document this text translates (`kb list documents`)")
    if confirm_version and version_of is None:
        raise InputError("--confirm-version confirms the original --version-of names: give it too",
                         parameter="confirm-version", hint="add --version-of SLUG, the held document this text is "
                                                           "the version of")
    if slug is not None and not iri.is_slug(slug):
        folded = _slugify(slug)
        raise InputError(f"--slug {slug!r} is not a slug", parameter="slug",
                         hint="use lower-case words joined by hyphens, without accents" + (
                             f": --slug {folded}" if iri.is_slug(folded) else ""))
    received: Extracted = extract(path)
    parsed = parse_document(received.text, source=str(path), doc_type=doc_type, language=language)
    meta = parsed.metadata
    requested = slug
    slug, basis = (slug, "given") if slug else _proposed_slug(parsed, path.stem)
    bodies, activities, quoted = _declared(corpus_dir / "annotations")
    withdrawn = withdrawn_entries(corpus_dir / "annotations") or {}
    if requested is None and slug in quoted | {p.stem for p in (corpus_dir / "documents").glob("*.yaml")}:
        # the document is held, or quoted, in another language already: this text is likely its language version
        known_in = _known_languages(corpus_dir, slug)
        text_language = language or meta.language or "en"
        if known_in and text_language not in known_in:
            slug = f"{slug}-{text_language}"
    if slug in withdrawn:  # a withdrawn slug is never used again: its IRIs answer 410 Gone
        if requested is not None:
            raise InputError(f"--slug {slug!r} was withdrawn ({withdrawn[slug]}): its IRIs answer 410 Gone, and it "
                             "is never used again", parameter="slug", hint="give another slug")
        base = slug
        slug = iri.free_slug(base, lambda name: name in withdrawn)  # held already: the text is compared with it
        slug_note = f"slug: {base} was withdrawn ({withdrawn[base]}) and is never used again: held as {slug}"
    else:
        slug_note = ""
    sources = corpus_dir / "sources"
    documents = corpus_dir / "documents"
    source_path = sources / f"{slug}.txt"
    meta_path = documents / f"{slug}.yaml"
    held_sha = hashlib.sha256(received.data).hexdigest()
    holder = _holder(documents, received, held_sha)
    if holder is not None and holder != slug:
        if requested is not None:
            held_meta, held_source = documents / f"{holder}.yaml", sources / f"{holder}.txt"
            raise InputError(f"{path}: this text is already held as {holder!r} ({held_meta}) (nothing written)",
                             parameter="slug",
                             hint=f"one text is held once: to hold it as {slug} instead, while {holder} is not "
                                  f"published (a published slug is permanent), remove {held_meta} and {held_source} "
                                  f"(edits to the first go with it), then run this again; to see its reading again, "
                                  f"run kb add with --slug {holder} or with no --slug")
        slug, source_path, meta_path = holder, sources / f"{holder}.txt", documents / f"{holder}.yaml"
    if meta_path.exists():
        existing = parse_meta(meta_path)
        if existing.sha256 != held_sha and not replace:
            replacing = ("--replace to hold this text instead (its eIds may change: the next build asks which "
                         "provision each published one is now)")
            if requested is None:  # the slug is the cover's reading, not the curator's word: another document first
                free = iri.free_slug(slug, lambda name: name in withdrawn or (documents / f"{name}.yaml").exists())
                other = other_symbols(meta.symbols, existing.symbols)
                raise InputError(
                    f"{meta_path}: {slug!r}, the slug proposed from its cover, is already held, from another text "
                    "(nothing written)", parameter="slug",
                    hint=f"if this is another document, give it a slug of its own: --slug {free}, or better, one "
                         "that names it (corpus/README.md)" + (
                             f"; its cover's symbols are not {slug}'s, so it is not a text of {slug}" if other else
                             f"; only if it is a new text of {slug} itself (a corrected version), {replacing}"))
            raise InputError(f"{meta_path}: {slug!r} is already held, from another text",
                             hint=f"give another --slug, or {replacing}")
        parsed = parse_document(received.text, source=str(path), doc_type=existing.doc_type,
                                language=existing.language, corrections=existing.corrections,
                                corrections_file=str(meta_path))
        if existing.sha256 != held_sha and other_symbols(parsed.metadata.symbols, existing.symbols):
            raise InputError(f"{path}: its cover gives {', '.join(parsed.metadata.symbols)}, and {slug} is held as "
                             f"{', '.join(existing.symbols)}: another document, not a text of {slug} (nothing written)",
                             parameter="replace",
                             hint=f"add it as a document of its own (`kb add {path.name}`, no --slug); if {slug}'s "
                                  f"symbols are wrong, correct them in {meta_path.name} first")
        held_path = corpus_dir / existing.source
        kept_notes: list[str] = []
        for option, given, kept in (("--type", doc_type, existing.doc_type.value), ("--language", language,
                                                                                 existing.language),
                                    ("--date", date, existing.date)):
            if given is not None and given != kept:
                kept_notes.append(f"{option} {given} is not applied: the metadata is kept as edited ({kept}); edit "
                                  f"{meta_path.name} to change it")
        if existing.sha256 != held_sha:  # --replace: the new text under the metadata as the curator edited it
            write_whole(held_path, received.data)
            write_whole(meta_path, _rehashed(meta_path.read_text(encoding="utf-8"), held_sha, received).encode())
            kept_notes.append(f"sha256: the text held is now {path.name}'s; every other field is kept as edited")
        elif not held_path.is_file() or hashlib.sha256(held_path.read_bytes()).hexdigest() != held_sha:
            write_whole(held_path, received.data)  # a held source stays as received: this is the received text
            kept_notes.append(f"source: {held_path} had been changed or removed; it holds the text received again")
        if version_of is not None and (version_of != existing.version_of
                                       or (confirm_version and not existing.version_confirmed)):
            _version_note(corpus_dir, version_of, parsed, existing.language, given=True,  # refuses what cannot be
                          doc_type=existing.doc_type.value, held_metadata=_held_metadata(documents), slug=slug,
                          path=path, confirmed=confirm_version or (existing.version_confirmed
                          and version_of == existing.version_of))
            metadata = meta_path.read_text(encoding="utf-8")
            if not confirm_version and version_of != existing.version_of:  # confirmed of another original
                metadata = re.sub(r"(?m)^version_confirmed:.*\n?", "", metadata)
            for key, value in (("version_of", version_of), ("version_confirmed", "true" if confirm_version else "")):
                if value:
                    line = f"{key}: {value}  # given"
                    metadata, found = re.subn(rf"(?m)^{key}:.*$", line, metadata)
                    metadata = metadata if found else metadata.rstrip("\n") + f"\n{line}\n"
            write_whole(meta_path, metadata.encode("utf-8"))
            kept_notes.append(f"version_of: {version_of} written into {meta_path.name}; every other field is kept "
                              "as edited")
        # A version is named after its original, as `kb add --version-of` names a text it holds for the first
        # time; one held first under its cover's slug keeps that slug only if the curator says so (or it is
        # published already: the CLI knows).
        doubt = retry = ""
        original_meta = next((m for m in _held_metadata(documents) if m.slug == version_of), None)
        if version_of is not None and original_meta is not None and not replace:
            named = f"{version_of.removesuffix(f'-{original_meta.language}')}-{existing.language}"
            if slug != named and named not in withdrawn:
                doubt = (f"kept from this text's first reading (held before --version-of was given), and a language "
                         f"version is named after its original: {named}")
                retry = f"--version-of {version_of}"
        return Added(slug, held_path, meta_path, parsed, kept_metadata=True, promoted=slug in quoted,
                     notes=kept_notes, replaced=existing.sha256 != held_sha, slug_doubt=doubt, retry=retry)
    notes: list[str] = [slug_note] if slug_note else []
    final_type = doc_type or meta.type
    if doc_type and meta.type and doc_type != meta.type:
        notes.append(f"type: {doc_type} as given, and the cover reads as a {meta.type}'s: the kinds of its "
                     f"provisions follow the type (a {meta.type}'s operative paragraphs are mandates): check it")
    if final_type is None:
        raise InputError(f"{path}: the cover does not say what kind of document this is",
                         hint=f"pass --type, one of {', '.join(t.value for t in DocType)}")
    lang = language or meta.language or "en"
    held_metadata = _held_metadata(documents)
    original = version_of or _same_symbols(held_metadata, meta.symbols, lang, same_language=False,
                                           doc_type=final_type)
    alike, alike_language = (("", "") if original else
                             _same_text(corpus_dir, held_metadata, parsed, final_type, lang))
    same_language = primary_language(alike_language) == primary_language(lang)
    if alike and not same_language:  # a hint only: two documents laid out alike can share a few names
        notes.append(f"text: its provisions say what {alike}'s say, in {alike_language}, number for number and name "
                     f"for name: if it is {alike}'s text in another language, run `kb add FILE --version-of {alike}` "
                     "(its mandates are then counted once); if not, `kb build`")
    version_comment = original_english_title = version_doubt = ""
    of: DocumentMeta | None = None  # the original's metadata: a version's date, meeting and body are its own
    if original:
        version_comment, note, of, version_doubt = _version_note(
            corpus_dir, original, parsed, lang, given=version_of is not None, doc_type=final_type,
            held_metadata=held_metadata, slug=slug, path=path, confirmed=confirm_version)
        original_english_title = of.title
        notes.append(note)
        base = original.removesuffix(f"-{of.language}")  # a version is named after its original
        named = f"{base}-{lang}"
        if requested is None and holder is None and not (documents / f"{named}.yaml").exists() and \
                named not in withdrawn:
            slug, source_path, meta_path = named, sources / f"{named}.txt", documents / f"{named}.yaml"
    cover_date, dating = _cover_date(meta, final_type)
    final_date = date or cover_date or (of.date if of is not None else None)
    if final_date is None:
        raise InputError(f"{path}: the cover gives no date", hint="pass --date YYYY-MM-DD (or YYYY-MM, YYYY)")
    dating = "" if date else dating
    date_note = "" if is_date(final_date) else "the cover's, and no calendar has it: write the real date"
    if date_note:
        notes.append(f"date: {final_date!r} is the cover's, and no calendar has it: write the real date (or pass "
                     "--date)")
    elif of is not None and not (date or cover_date):
        date_note = f"{original}'s: the cover gives none"
    elif of is not None and of.date and final_date != of.date:
        date_note = f"{dating or _COVERS}; {original} is dated {of.date}"
        notes.append(f"date: {final_date!r} is this text's cover's, {original} is dated {of.date!r}: " + (
            "a Declaration or Plan of Action is dated by its adoption, in every language: check which of the two is "
            "the day it was adopted" if final_type in _DATED_BY_ADOPTION else
            "a version is dated as its original unless it was issued on another day"))
    else:
        date_note = dating
    title = title_case(meta.title).rstrip(" :;,") if meta.title else ""
    title_note = original_title = ""
    if title and meta.title_meeting:  # "Final Report" says which report with the meeting named under it
        title = f"{title}: {title_case(meta.title_meeting).rstrip(' :;,')}"
        title_note = "the cover's, with the meeting it names under it"
    if original_english_title and lang == "en" and title:
        title_note = f"as printed; {original} is titled {original_english_title!r}: one work, one title in English"
        if title != original_english_title:
            notes.append(f"title: {title!r} is this English text's; give {original} the same title (one work, one "
                         "title in English; its cover's stays its original_title)")
    elif original_english_title:
        original_title = title if lang != "en" else ""
        title, title_note = original_english_title, f"{original}'s: one work, one title (in English)"
    elif not title:
        title = path.stem.replace("_", " ").replace("-", " ").strip() or slug
        title_note = "no title found on the cover"
        notes.append(f"title: no title found on the cover; {title!r} is the file name: write the real one")
    elif (language or meta.language or "en") != "en":
        original_title = title
        title_note = "the cover's, not in English: the title is given in English (corpus/README.md)"
        notes.append(f"title: {title!r} is the cover's; write the document's title in English (original_title "
                     "keeps it as printed, for citations in its language)")
    issuing_body = _issuing_body(parsed, bodies) or (of.issuing_body if of is not None else "")
    body_note = "" if issuing_body else "not found: the slug of a body in annotations/bodies.yaml"
    meeting = meta.meeting if meta.meeting in activities else ""
    meeting_note = ""
    conference_own = _conference_own(meta, final_type)
    if of is None and issuing_body == "iacml" and not conference_own:
        # the Conference's name on a cover says whose cycle the text is of, not who wrote it
        body_note = ("read from the Conference the cover names: check who issued it (its advisory committees, "
                     "networks and Working Groups issue their own texts: `kb list bodies`)")
    if of is not None and of.meeting and meeting in ("", of.meeting):
        meeting = of.meeting
        meeting_note = "" if meta.meeting == of.meeting else f"{original}'s"
    elif meta.meeting and not meeting:
        meeting_note = f"the cover names {meta.meeting}, not declared in annotations/activities.yaml: " + (
            "declare it" if conference_own else f"{_OF_ANOTHER_MEETING}, and declare the one it is of")
    elif not meta.meeting:
        meeting_note = "not found on the cover: the slug of an activity, or leave empty"
    elif meeting and conference_own:
        meeting_note = f"read from the Conference the cover names: its own {final_type}, by its title"
    elif meeting:  # read, not given: a meeting of the Working Groups "of the XXI IACML" is not the Conference
        meeting_note = f"read from the Conference the cover names: {_OF_ANOTHER_MEETING}"
    for key, value, note in (("issuing_body", issuing_body, body_note), ("meeting", meeting, meeting_note)):
        # a field read is said in the file only, but for a meeting read from the Conference a text names, where
        # the text is not the Conference's own Declaration or Plan of Action (a Working Groups' meeting or a
        # workshop of its cycle names it too)
        doubted = note.startswith("read from") and not conference_own
        if note and not note.endswith("'s") and (not value or doubted):
            notes.append(f"{key}: {value} {note}" if value else f"{key}: {note}")
    if alike and same_language:
        notes.append(f"text: its provisions say what {alike}'s say, number for number and name for name: if it is "
                     f"the same document, one text is held once (remove documents/{slug}.yaml and sources/{slug}.txt "
                     f"and keep {alike}, or remove them and hold this text instead with `kb add FILE --slug {alike} "
                     f"--replace`); if it is another document, add `distinct_from: [{alike}]` to documents/{slug}.yaml "
                     "(no build publishes it before), then `kb build`")
    # Another language's text of a document held: its symbols may differ (a revision, a draft's number) and its
    # words cannot be compared, but its meeting and type (or the slug they make) say which one it may be.
    counterpart = "" if original or alike else next(
        (m.slug for m in held_metadata if m.doc_type.value == final_type and not m.version_of
         and primary_language(m.language) != primary_language(lang)
         and ((meeting and m.meeting == meeting) or m.slug == slug.removesuffix(f"-{lang}"))), "")
    if counterpart:
        notes.append(f"version_of: {counterpart} is a {final_type} of the same meeting, held in another language: if "
                     f"this is its text in {lang}, remove documents/{slug}.yaml and sources/{slug}.txt and run `kb add "
                     f"FILE --version-of {counterpart}` (its provisions are then {counterpart}'s, not counted twice)")
    twin = _same_symbols(held_metadata, meta.symbols, lang)
    if twin:
        notes.append(f"symbols: {', '.join(meta.symbols)} in {lang} are those of the held document {twin}: if this "
                     f"is the same document in another file, one text is held once (remove what kb add wrote here "
                     f"and keep {twin}, or hold this text instead with `kb add FILE --slug {twin} --replace`); if it "
                     f"is another document, add `distinct_from: [{twin}]` to documents/{slug}.yaml (no build publishes "
                     "it before), then `kb build`")
    fields: list[tuple[str, object, str]] = [
        ("slug", slug, ""),
        ("title", title, title_note),
        *([("original_title", original_title, "as printed on the cover")] if original_title else []),
        ("type", final_type, ""),
        ("symbols", list(meta.symbols), "" if meta.symbols else "none found on the cover"),
        ("date", final_date, date_note),
        ("language", lang, ""),
        ("original_language", of.original_language if of is not None else meta.original_language or lang,
         f"{original}'s" if of is not None else "" if meta.original_language else
         "not printed: assumed the text's language"),
        ("issuing_body", issuing_body, body_note),
        ("meeting", meeting, meeting_note),
        ("source", f"sources/{slug}.txt", ""),
        ("sha256", held_sha, ""),
        *([("version_of", original, version_comment)] if original else []),
        *([("version_confirmed", True, "given")] if original and confirm_version else []),
        *([("draft", True, "the cover says it is a draft: its articles mandate nothing until adopted (remove "
            "this line for an adopted text)")] if _reads_as_draft(meta.title, received.text, final_type) else []),
    ]
    if received.converted_from != "text":
        fields += [("original_file", received.original_name, f"converted from {received.converted_from.upper()}"),
                   ("original_sha256", received.original_sha256, "")]
    header = (f"Proposed by `kb add` from {received.original_name}: check every field against the document,\n"
              "then run `kb build` (or `kb add` again). Fields the cover did not give say so.\n"
              "Where the preview misreads the text, add `corrections:` (corpus/README.md) and run `kb add` again.")
    if slug in quoted:  # becoming held: what its quotations name must be in it, or no build passes
        _refuse_unmatched(path, slug, parsed, lang, corpus_dir / "annotations", held_metadata)
    sources.mkdir(parents=True, exist_ok=True)
    documents.mkdir(parents=True, exist_ok=True)
    write_whole(source_path, received.data)
    write_whole(meta_path, _metadata_text(fields, header).encode("utf-8"))
    # A published slug is permanent (its IRIs are cited): one made from what a note asks to check is not built
    # until the curator has looked at it.
    doubt = "" if slug in quoted else (  # a quoted document's slug is published already: it becomes held
        "made from the file's name: the cover gives no title" if basis == "file"
        else f"made from the meeting {meta.meeting}, {meeting_note}"
        if basis == "meeting" and not conference_own and meeting_note.startswith(("read from", "the cover names"))
        else "")
    known_as = "" if slug in quoted or original else _quoted_as(corpus_dir / "annotations", str(final_type or ""),
                                                                  meeting)
    # Held apart, its provisions would carry forward and supersede the quoted ones: themselves.
    if known_as and known_as not in {m.slug for m in held_metadata}:
        how = (f"hold it under that slug (`kb add FILE --slug {known_as}`)" if lang == "en" else
               f"hold its English text under that slug first, then this one as its language version "
               f"(`kb add FILE --version-of {known_as}`)")  # the quotes are English: a Spanish text matches none
        doubt = (f"{'given' if requested else 'proposed'}, and the {final_type} of {meeting} is known through "
                 f"quotation as {known_as} (if this is it, {how})")
        notes.append(f"slug: a {final_type} of {meeting} is known through quotation as {known_as}: if this is it, "
                     f"remove documents/{slug}.yaml and sources/{slug}.txt and {how}: its quoted provisions are "
                     "then matched to its text")
    return Added(slug, source_path, meta_path, parsed, kept_metadata=False, promoted=slug in quoted, notes=notes,
                 alike=alike, twin=twin, slug_doubt=doubt, version_doubt=version_doubt)

