"""The corpus stage: reads ``corpus/`` into :class:`~kb.model.SourceDocument` objects.

It owns the layout of the corpus directory, how tools write into it (:func:`write_whole`), and
the checks that a held document is what its metadata says: every metadata file is well-formed YAML
with every required field, the source file exists, its SHA-256 matches, and it decodes as UTF-8.
Each failure is a :class:`~kb.errors.CorpusError` naming the file (and line where there is one)
and what to do.

Layout::

    corpus/
      documents/{slug}.yaml     metadata of one held document (fields: REQUIRED_FIELDS)
      sources/*.txt             the source texts, byte for byte as received
      annotations/*.yaml        curated entities, links and evidence (see kb.annotate)
      dataset.yaml              optional: the dataset's title, description, licence, rights, publisher
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import hashlib
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import yaml

from kb.errors import CorpusError, CorpusErrors, errors_of
from kb.iri import is_eid, is_slug
from kb.model import CORRECTED_KINDS, READINGS, Correction, DatasetInfo, DocType, DocumentMeta, SourceDocument

_T = TypeVar("_T")

REQUIRED_FIELDS = (
    "slug", "title", "type", "symbols", "date", "language", "original_language",
    "issuing_body", "meeting", "source", "sha256",
)
OPTIONAL_FIELDS = ("original_title", "date_note", "known_by", "original_file", "original_sha256", "corrections",
                   "renamed", "repointed", "version_of", "version_confirmed", "distinct_from", "draft")
_CORRECTION_KEYS = ("at", "after", "read_as", "kind", "number", "eid")
EMPTY_ALLOWED = ("meeting",)  # a document may belong to no meeting
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def is_classification_symbol(symbol: str) -> bool:
    """Whether a symbol is the OAS classification of a meeting's documents ("OEA/Ser.K/XII.21.1"), which all
    its documents share and covers print first, rather than one document's own ("CIDI/TRABAJO/doc.4/21")."""
    return symbol.startswith(("OEA/Ser", "OAS/Ser"))


def own_symbols(symbols: Iterable[str]) -> set[str]:
    """A document's own symbols, folded for comparing (spaces and case do not count)."""
    return {s.replace(" ", "").casefold() for s in symbols if not is_classification_symbol(s)}


# A revision or corrigendum of a symbol (folded: no spaces, lower case): "cidi/trabajo/doc.22/15rev.1". (An
# addendum, "add.1", is a document of its own.)
REVISION_RE = re.compile(r"(?:/?(?:rev\.?\d*|corr\.?\d*))+$")  # "rev.1", "/rev.1" (folded: no spaces)


def other_symbols(these: Iterable[str], those: Iterable[str]) -> bool:
    """Whether two sets of symbols name two documents: both give their own symbols (or both their meeting's
    classification) and none is shared, a revision aside."""
    def kinds(symbols: Iterable[str]) -> tuple[set[str], set[str]]:  # (own, the meeting's classification)
        folded = {REVISION_RE.sub("", s.replace(" ", "").casefold()): is_classification_symbol(s) for s in symbols}
        return {s for s, c in folded.items() if not c}, {s for s, c in folded.items() if c}

    return any(mine and other and not mine & other for mine, other in zip(kinds(these), kinds(those), strict=True))


def is_date(text: str) -> bool:
    """YYYY-MM-DD, YYYY-MM or YYYY, naming a day or month the calendar has (not 2025-02-30)."""
    if not DATE_RE.match(text):
        return False
    year, month, day = ([int(part) for part in text.split("-")] + [1, 1])[:3]
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True
LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")
SHA_RE = re.compile(r"^[0-9a-f]{64}$")


DATASET_FILE = "dataset.yaml"
DATASET_FIELDS = ("title", "description", "license", "rights", "publisher")
_IRI_RE = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


def default_corpus_dir() -> Path:
    """The corpus shipped with the repository (``corpus/`` beside the ``kb`` package)."""
    return Path(__file__).resolve().parent.parent / "corpus"


_SafeLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, ~5x faster, where PyYAML has it
_SafeDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # likewise ~10x: a review file is written per decision
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class CorpusLoader(_SafeLoader):  # type: ignore[misc]
    """The SafeLoader corpus files are read with: a key given twice in one mapping is an error at its line
    (YAML would keep the last silently: a pasted ``withdrawn:`` list hid the one before), and dates stay
    the text written, so that one no calendar has (2021-02-30, quoted or not) is reported by the check
    of its field, with its line."""

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {
        first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
        for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()}

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"{key!r} is given twice in one mapping (YAML would keep only the last): merge "
                    "them", key_node.start_mark)
            seen.add(key)
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping


# What YAML was reading when it failed, that the curator opened and did not close: an unclosed quote is found
# missing only at the end of the file, a bracket only on a later line; the mistake is where it was opened.
_OPENED = {"while scanning a quoted scalar": "quoted text", "while parsing a flow sequence": "[...] list",
           "while parsing a flow mapping": "{...} mapping"}


def yaml_error(path: Path, exc: yaml.YAMLError, hint: str, text: str | None = None) -> CorpusError:
    """The CorpusError of a YAML syntax error, at the line to fix: where an unclosed quote or bracket was
    opened (saying where the parser stopped), else where the parser stopped. ``text`` is what was read: a
    parser that stopped past its last line (a quote never closed) is said to stop at the end of the file."""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    mark, context, opened = getattr(exc, "problem_mark", None), getattr(exc, "context", None), \
        getattr(exc, "context_mark", None)
    if mark is None:
        return CorpusError(path, f"malformed YAML: {problem}", hint=hint)
    stopped, last = mark.line + 1, len(text.splitlines()) if text is not None else None
    where = "still open at the end of the file" if last is not None and stopped > last else \
        f"{problem} at line {stopped}"
    if context in _OPENED and opened is not None and opened.line + 1 < stopped:
        return CorpusError(path, f"malformed YAML: the {_OPENED[context]} opened at this line is not closed "
                                 f"({where})", line=opened.line + 1, hint=hint)
    return CorpusError(path, f"malformed YAML: {problem}", line=min(stopped, last or stopped) or None, hint=hint)


def load_yaml(path: Path) -> tuple[Any, dict[str, int]]:
    """Parse a YAML file; return its data and the 1-based line of each top-level mapping key (and of
    each entry of a top-level list, as ``key[i]``).

    Raises CorpusError with the line of the syntax error for malformed YAML, or for a file that
    is not UTF-8.
    """
    raw = _read_bytes(path)
    text = decode_utf8(raw, path)
    try:
        loader = CorpusLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        raise yaml_error(path, exc, "fix the syntax at that line", text) from exc
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            lines[str(key_node.value)] = key_node.start_mark.line + 1
            if isinstance(value_node, yaml.SequenceNode):
                for i, entry in enumerate(value_node.value):
                    lines[f"{key_node.value}[{i}]"] = entry.start_mark.line + 1
    return data, lines


def decode_utf8(raw: bytes, path: Path) -> str:
    """Decode ``raw`` as UTF-8, or raise CorpusError naming the line of the first bad byte."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise CorpusError(
            path, f"not UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start} cannot be decoded",
            line=line, hint="re-save the file as UTF-8",
        ) from exc


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise CorpusError(path, "file not found", hint="check the path in the metadata file") from exc
    except OSError as exc:
        raise CorpusError(path, f"cannot be read: {exc.strerror}") from exc


def _field_error(path: Path, lines: dict[str, int], key: str, message: str, hint: str) -> CorpusError:
    return CorpusError(path, f"field '{key}' {message}", line=lines.get(key), hint=hint)


def gathered(errors: list[CorpusError], read: Callable[[], _T], default: _T) -> _T:
    """What ``read`` gives, or ``default`` with its error added to ``errors``: to check every field of an entry
    and report its mistakes together."""
    try:
        return read()
    except CorpusError as exc:
        errors.append(exc)
        return default
    except CorpusErrors as exc:
        errors += exc.errors
        return default


def parse_meta(path: Path) -> DocumentMeta:
    """Read and check one metadata file: CorpusError for one problem, CorpusErrors for several (every
    field is checked, so that one build reports them all)."""
    data, lines = load_yaml(path)
    if not isinstance(data, dict):
        raise CorpusError(path, "metadata must be a YAML mapping of fields",
                          hint=f"give the fields {', '.join(REQUIRED_FIELDS)}")
    errors: list[CorpusError] = []
    missing = [k for k in REQUIRED_FIELDS if k not in data]
    if missing:
        errors.append(CorpusError(path, f"missing metadata field(s): {', '.join(missing)}",
                                  hint="add them (see docs in corpus/README.md)"))
    for key in sorted(set(map(str, data)) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS)):
        close = difflib.get_close_matches(key, REQUIRED_FIELDS + OPTIONAL_FIELDS, n=1)
        errors.append(_field_error(path, lines, key, "is not a known metadata field",
                                   f"did you mean {close[0]}?" if close else
                                   f"known fields: {', '.join(REQUIRED_FIELDS + OPTIONAL_FIELDS)}"))

    def text_field(key: str, pattern: re.Pattern[str] | None = None, hint: str = "") -> str:
        if key not in data:
            return ""  # reported as missing
        value = data[key]
        if isinstance(value, dt.date):
            value = value.isoformat()
        if key in EMPTY_ALLOWED and (value is None or value == ""):
            return ""
        if value is None or (isinstance(value, str) and not value.strip()):
            errors.append(_field_error(path, lines, key, "is empty", {
                "issuing_body": "write the slug of the body that issued it (`kb list bodies`; declare a new one "
                                "under bodies: in corpus/annotations/)",
                "title": "write the document's title in English"}.get(key, hint or "write its value")))
            return ""
        if not isinstance(value, str):
            errors.append(_field_error(path, lines, key, "must be a non-empty string", hint or "quote the value"))
            return ""
        if pattern is not None and not pattern.match(value):
            errors.append(_field_error(path, lines, key, f"has a malformed value {value!r}", hint))
            return ""
        return value

    slug = text_field("slug", None)
    if slug and not is_slug(slug):
        errors.append(_field_error(path, lines, "slug", f"{slug!r} is not a slug",
                                   "use lower-case words joined by hyphens"))
    elif slug and path.stem != slug:
        errors.append(_field_error(path, lines, "slug", f"{slug!r} differs from the file name {path.name!r}",
                                   f"rename the file to {slug}.yaml or fix the slug"))
    type_name = text_field("type")
    doc_type = DocType.WEB_PAGE
    try:
        doc_type = DocType(type_name)
    except ValueError:
        if type_name:
            close = difflib.get_close_matches(type_name, [t.value for t in DocType], n=1, cutoff=0.6)
            errors.append(_field_error(path, lines, "type", f"{type_name!r} is not a document type",
                                       (f"did you mean {close[0]}? " if close else "")
                                       + f"use one of {', '.join(t.value for t in DocType)}"))
    symbols = data.get("symbols", [])
    if not isinstance(symbols, list) or not all(isinstance(s, str) and s.strip() for s in symbols):
        errors.append(_field_error(path, lines, "symbols", "must be a list of strings", "write [] if there is none"))
        symbols = []
    date_note = data.get("date_note", "")
    if not isinstance(date_note, str):
        errors.append(_field_error(path, lines, "date_note", "must be a string", "quote the value"))
        date_note = ""
    original_title = data.get("original_title") or ""
    if not isinstance(original_title, str):
        errors.append(_field_error(path, lines, "original_title", "must be a string", "quote the value"))
        original_title = ""
    original_sha = data.get("original_sha256", "")
    if original_sha and (not isinstance(original_sha, str) or not SHA_RE.match(original_sha)):
        errors.append(_field_error(path, lines, "original_sha256", "is not a SHA-256", "64 lower-case hex digits"))
        original_sha = ""
    known_by = data.get("known_by", "")
    if isinstance(known_by, dt.date):
        known_by = known_by.isoformat()
    if known_by and (not isinstance(known_by, str) or not re.match(r"^\d{4}-\d{2}-\d{2}$", known_by)):
        errors.append(_field_error(path, lines, "known_by", f"{known_by!r} is not a YYYY-MM-DD date",
                                   "give the latest day the document can have been issued"))
        known_by = ""
    elif known_by and not is_date(known_by):
        errors.append(_field_error(path, lines, "known_by", f"{known_by!r} is not a real date",
                                   "check the month and the day"))
        known_by = ""
    version_of = data.get("version_of") or ""
    if version_of and (not isinstance(version_of, str) or not is_slug(version_of)):
        errors.append(_field_error(path, lines, "version_of", f"{version_of!r} is not a document slug",
                                   "give the slug of the held document this text is another language version of"))
        version_of = ""
    confirmed = data.get("version_confirmed", False)
    if not isinstance(confirmed, bool) or (confirmed and not (version_of or data.get("version_of"))):
        errors.append(_field_error(path, lines, "version_confirmed", "is true or false, and only beside version_of",
                                   "write `version_confirmed: true` under version_of: once you have checked that "
                                   "this text is the original's in another language"))
        confirmed = False
    distinct_from = data.get("distinct_from") or []
    if isinstance(distinct_from, str):
        distinct_from = [distinct_from]
    if not isinstance(distinct_from, list) or not all(isinstance(s, str) and is_slug(s) for s in distinct_from):
        errors.append(_field_error(path, lines, "distinct_from", "must be a list of document slugs",
                                   "write e.g. `distinct_from: [iacml18-plan-of-action]`: the held documents this "
                                   "one is not a second text of"))
        distinct_from = []
    draft = data.get("draft", False)
    if not isinstance(draft, bool):
        errors.append(_field_error(path, lines, "draft", "is true or false",
                                   "write `draft: true` for a text not adopted (a draft Plan of Action or "
                                   "Declaration), else leave the field out"))
        draft = False
    date = text_field("date", DATE_RE, "write YYYY-MM-DD, YYYY-MM or YYYY, quoted")
    if date and not is_date(date):
        errors.append(_field_error(path, lines, "date", f"{date!r} is not a real date", "check the month and the day"))
    meta = DocumentMeta(
        corrections=gathered(errors, lambda: _corrections(path, data.get("corrections"), lines), ()),
        renamed=gathered(errors, lambda: _renamed(path, data.get("renamed"), lines), ()),
        repointed=gathered(errors, lambda: _repointed(path, data.get("repointed"), lines), ()),
        slug=slug,
        title=text_field("title"),
        doc_type=doc_type,
        symbols=tuple(symbols),
        date=date,
        language=text_field("language", LANG_RE, "use a BCP 47 code such as en"),
        original_language=text_field("original_language", LANG_RE, "use a BCP 47 code such as es"),
        issuing_body=text_field("issuing_body"),
        meeting=text_field("meeting"),
        source=text_field("source"),
        sha256=text_field("sha256", SHA_RE, "64 lower-case hex digits: run sha256sum on the source"),
        date_note=date_note,
        known_by=known_by,
        original_title=original_title.strip(),
        original_file=str(data.get("original_file") or ""),
        original_sha256=original_sha or "",
        version_of=version_of,
        version_confirmed=confirmed,
        draft=draft,
        distinct_from=tuple(sorted(set(distinct_from))),
        meta_path=str(path),
        field_lines=tuple(sorted(lines.items())),
    )
    errors.sort(key=lambda e: e.line or 0)
    raise_all(errors)
    return meta


def _renamed(path: Path, mapping: object, lines: dict[str, int]) -> tuple[tuple[str, str], ...]:
    """``renamed:``: each published eId that no longer names a provision, and the eId that now does."""
    if mapping is None:
        return ()
    if not isinstance(mapping, dict):
        raise _field_error(path, lines, "renamed", "must be a mapping of published eId: eId now",
                           "write e.g. `renamed: {sec_1__al_3: sec_1__subsec_1__al_1}` (kb build proposes it)")
    for old, new in mapping.items():
        for eid in (old, new) if new not in ("", None) else (old,):  # '': the part is gone
            if not isinstance(eid, str) or not is_eid(eid):
                raise _field_error(path, lines, "renamed", f"{eid!r} is not an eId",
                                   "write eIds as kb show lists them (para_7, sec_1__al_3), or '' for a part "
                                   "that is gone")
    return tuple(sorted((old, new or "") for old, new in mapping.items()))


def _repointed(path: Path, eids: object, lines: dict[str, int]) -> tuple[str, ...]:
    """``repointed:``: published eIds a curator lets name another text than they did."""
    if eids is None:
        return ()
    if not isinstance(eids, list) or not all(isinstance(e, str) and is_eid(e) for e in eids):
        raise _field_error(path, lines, "repointed", "must be a list of eIds",
                           "write e.g. `repointed: [sec_1__al_4, sec_1__al_5]` (kb build names them)")
    return tuple(sorted(eids))


def read_corrections(path: Path) -> tuple[Correction, ...]:
    """The ``corrections:`` of a metadata file alone (the rest of it unchecked), to preview them."""
    data, lines = load_yaml(path)
    if not isinstance(data, dict):
        raise CorpusError(path, "must be a YAML mapping with `corrections:`", hint="give a document's metadata file")
    return _corrections(path, data.get("corrections"), lines)


def _corrections(path: Path, entries: object, lines: dict[str, int]) -> tuple[Correction, ...]:
    """The ``corrections:`` of a metadata file, each checked for its form (where it applies is the
    parser's to check, against the source)."""
    if entries is None:
        return ()
    if not isinstance(entries, list):
        raise _field_error(path, lines, "corrections", "must be a list of corrections",
                           "write each as `- {at: \"...\", read_as: heading}` (see corpus/README.md)")
    out: list[Correction] = []
    for i, entry in enumerate(entries):
        line = lines.get(f"corrections[{i}]", lines.get("corrections"))
        if not isinstance(entry, dict):
            raise CorpusError(path, f"correction {i + 1} must be a mapping", line=line,
                              hint="give `at:` and `read_as:` or `kind:`")
        unknown = sorted(set(map(str, entry)) - set(_CORRECTION_KEYS))
        if unknown:
            raise CorpusError(path, f"correction {i + 1}: {unknown[0]!r} is not a key of a correction", line=line,
                              hint=f"known keys: {', '.join(_CORRECTION_KEYS)}")
        values = {key: "" if entry.get(key) is None else entry[key] for key in _CORRECTION_KEYS}
        if isinstance(values["number"], int) and not isinstance(values["number"], bool):
            values["number"] = str(values["number"])
        for key, value in values.items():
            if not isinstance(value, str):
                raise CorpusError(path, f"correction {i + 1}: {key} must be text", line=line, hint="quote the value")
        if not values["at"].strip():
            raise CorpusError(path, f"correction {i + 1} has no `at`", line=line,
                              hint="quote the words the line begins with, verbatim from the source")
        if not any(values[key] for key in ("read_as", "kind", "number", "eid")):
            raise CorpusError(path, f"correction {i + 1} says neither `read_as`, `kind`, `number` nor `eid`",
                              line=line, hint=f"read_as: one of {', '.join(READINGS)}; kind: one of "
                                              f"{', '.join(CORRECTED_KINDS)}; number: as a reader sees it; eid: the "
                                              "name the provision keeps")
        if values["eid"] and not is_eid(values["eid"]):
            raise CorpusError(path, f"correction {i + 1}: eid {values['eid']!r} is not an eId", line=line,
                              hint="write it as kb show lists them (sec_1__al_7)")
        if values["read_as"] and values["read_as"] not in READINGS:
            raise CorpusError(path, f"correction {i + 1}: read_as {values['read_as']!r} is not a reading", line=line,
                              hint=f"use one of {', '.join(READINGS)}")
        if values["kind"] and values["kind"] not in CORRECTED_KINDS:
            raise CorpusError(path, f"correction {i + 1}: kind {values['kind']!r} is not a kind a correction gives",
                              line=line, hint=f"use one of {', '.join(CORRECTED_KINDS)} (a heading: read_as: heading)")
        out.append(Correction(line=line, **values))
    return tuple(out)


def read_dataset_info(corpus_dir: Path) -> DatasetInfo:
    """``corpus/dataset.yaml``: what the publisher says of the dataset (every field optional; no file,
    nothing said). CorpusError, with the line, for an unknown field, a value that is not text or a
    licence that is not an http(s) IRI."""
    path = corpus_dir / DATASET_FILE
    if not path.is_file():
        return DatasetInfo()
    data, lines = load_yaml(path)
    if data is None:
        return DatasetInfo()
    if not isinstance(data, dict):
        raise CorpusError(path, "must be a YAML mapping of fields", hint=f"give any of {', '.join(DATASET_FIELDS)}")
    for key, value in data.items():
        if key not in DATASET_FIELDS:
            raise _field_error(path, lines, str(key), "is not a known field",
                               f"known fields: {', '.join(DATASET_FIELDS)}")
        if not isinstance(value, str):
            raise _field_error(path, lines, key, "must be text", "quote the value")
    license_iri = data.get("license", "").strip()
    if license_iri and not _IRI_RE.match(license_iri):
        raise _field_error(path, lines, "license", f"{license_iri!r} is not an http(s) IRI",
                           "give the licence's IRI, e.g. https://creativecommons.org/licenses/by/4.0/")
    return DatasetInfo(**{key: " ".join(str(data.get(key, "")).split()) for key in DATASET_FIELDS})


def iter_meta_files(corpus_dir: Path) -> Iterator[Path]:
    docs = corpus_dir / "documents"
    if not docs.is_dir():
        raise CorpusError(docs, "no documents directory in the corpus",
                          hint="a corpus holds documents/{slug}.yaml and sources/")
    yield from sorted(docs.glob("*.yaml"))


def load_document(meta_path: Path) -> SourceDocument:
    """Load one held document and verify its source against its metadata."""
    meta = parse_meta(meta_path)
    corpus_dir = meta_path.parent.parent
    source = (corpus_dir / meta.source).resolve()
    if not source.is_relative_to(corpus_dir.resolve()):
        raise CorpusError(meta_path, f"source {meta.source!r} lies outside the corpus",
                          hint="keep source files under corpus/sources/")
    raw = _read_bytes(source)
    actual = hashlib.sha256(raw).hexdigest()
    if actual != meta.sha256:
        raise CorpusError(
            source, f"checksum mismatch: metadata {meta_path.name} says {meta.sha256}, file has {actual}",
            hint="a held source stays byte for byte as received: restore it (git checkout, or `kb add` of the file "
                 "received); a new version of the text is held with `kb add FILE --slug SLUG --replace`",
        )
    return SourceDocument(meta=meta, text=decode_utf8(raw, source), path=source)


def read_corpus(corpus_dir: Path | None = None
                ) -> tuple[list[SourceDocument], list[CorpusError], dict[str, str | None]]:
    """Every held document that can be loaded, sorted by slug; the error of each that cannot; and the
    slugs of those (from their file names), so that later stages do not report them again, each with its
    text where that can still be read (a date mistyped: the quotes from it are checked in the same build)."""
    corpus_dir = corpus_dir or default_corpus_dir()
    documents: list[SourceDocument] = []
    errors: list[CorpusError] = []
    broken: dict[str, str | None] = {}
    for path in iter_meta_files(corpus_dir):
        try:
            documents.append(load_document(path))
        except (CorpusError, CorpusErrors) as exc:
            errors += errors_of(exc)
            broken[path.stem] = _text_held(path)
    if not documents and not errors:
        raise CorpusError(corpus_dir / "documents", "the corpus holds no documents",
                          hint="add a metadata file documents/{slug}.yaml per source")
    seen: dict[str, str] = {}
    for doc in documents:
        if doc.meta.source in seen:
            errors.append(CorpusError(doc.meta.meta_path, f"source {doc.meta.source} is already described by "
                                      f"{seen[doc.meta.source]}", hint="one metadata file per source"))
            broken[doc.meta.slug] = doc.text
        seen.setdefault(doc.meta.source, doc.meta.meta_path)
    return sorted(documents, key=lambda d: d.meta.slug), errors, broken


def _text_held(meta_path: Path) -> str | None:
    """The text of a document whose metadata is refused, if its source and checksum can still be read and agree;
    else None."""
    try:
        data = yaml.load(meta_path.read_text(encoding="utf-8"), Loader=CorpusLoader)
        corpus_dir = meta_path.parent.parent.resolve()
        source = (corpus_dir / str(data["source"])).resolve()
        raw = source.read_bytes() if source.is_relative_to(corpus_dir) else b""
        if not raw or hashlib.sha256(raw).hexdigest() != str(data["sha256"]):
            return None
        return raw.decode("utf-8")
    except Exception:  # whatever the file holds: its own error is reported
        return None


def load_corpus(corpus_dir: Path | None = None) -> list[SourceDocument]:
    """Every held document of the corpus, sorted by slug; every problem raised at once."""
    documents, errors, _ = read_corpus(corpus_dir)
    raise_all(errors)
    return documents


def raise_all(errors: list[CorpusError]) -> None:
    """Raise the one error, or all of them together (:class:`~kb.errors.CorpusErrors`)."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise CorpusErrors(errors)


def _umask() -> int:
    """The process's umask, read without changing it (os.umask sets it, for every thread at once)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    return 0o022


def dump_yaml(data: Any) -> str:
    """``data`` as block YAML, keys in their order, any character as itself (the corpus's own style)."""
    dumped: str = yaml.dump(data, Dumper=_SafeDumper, allow_unicode=True, sort_keys=False, width=120)
    return dumped


def write_whole(path: Path, data: bytes) -> None:
    """Write a corpus file whole or not at all: a temporary file of its own (so that two writers never
    share one) in the same directory, renamed over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o777  # a file edited keeps its mode
    except FileNotFoundError:
        mode = 0o666 & ~_umask()  # a new one is made as any other file (mkstemp's are the owner's alone)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            os.fchmod(out.fileno(), mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
