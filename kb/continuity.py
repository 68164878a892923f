"""The promise that a published IRI keeps naming what it named, kept from one release to the next.

A held document's eIds come from reading its text; read again (a curator's ``corrections:``, a new
version of the parser, a text held anew with ``kb add --replace``) some may name other parts or none,
and unnumbered parts are named by position, so one part more or less moves the names of those after
it. Before a build is published, for every document still held, each provision IRI the current
release published must:

- still name the same provision: the same text, or one holding the other (a corrected extent is the
  same provision); else it is *moved*, and the build is refused with the corrections that keep each
  published name on its text (``{at: ..., eid: ...}``: a provision whose very text was published
  under another eId takes it back, and one whose name that takes gets a name never published), unless
  the document's metadata lists it under ``repointed:`` (the curator's word that the published
  reading was wrong and the IRI may name its new text);
- or be replaced: ``renamed:`` in the document's metadata (``{published eId: eId now}``, ``''`` for a
  part that is gone: its IRI then names the document), or a quoted provision matched to the held text
  (:mod:`kb.promote`); else it is *lost*, and the error gives the ``renamed:`` to paste, each lost eId
  matched to the provision now at its place with its text, else to the one whose text matches.

IRIs the release published as replaced must stay replaced (a provision that takes such a name again, with
another text than its replacement's, is given a name never published), and a ``renamed:`` entry must name
an eId that was published.

A curated link's IRI (a hash of its source, type and target) is cited as the others are: each one the
release published (curated, withdrawn or replaced) must still be a curated link, be replaced (an end
renamed, the link retyped), or be withdrawn on purpose (``withdrawn: [{link: IRI, date, reason}]``, so
that it answers 410 Gone with the reason); a link withdrawal names a link that was published.

The checks read the last release; what a build publishes still depends on the corpus alone.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from kb import iri
from kb.errors import CorpusError
from kb.iri import reference
from kb.model import Annotations, Kind, Provision, QuotedProvision, SourceDocument
from kb.promote import match_quoted
from kb.publish import Release
from kb.queries import default_queries_dir, get_query
from kb.quote import after_hint
from kb.store import EmbeddedStore

__all__ = ["lost_iris", "lost_links", "renamed_iris"]

_SHOWN = 8  # eIds named in a message itself
# A language version's provision is published without a role (kb.versions): one the original's kind
# does not name is matched as running text.
_KINDS = {k.value: k for k in Kind} | {"VersionProvision": Kind.PARAGRAPH}


@dataclass
class _Published:
    """What the release published of one held document."""

    provisions: dict[str, tuple[QuotedProvision, int]] = field(default_factory=dict)  # eId -> (it, start)
    replaced: dict[str, str] = field(default_factory=dict)  # eId -> eId it was replaced by ('' the document)


def renamed_iris(documents: Sequence[SourceDocument]) -> dict[str, str]:
    """The IRIs the documents' ``renamed:`` publish as replaced, and the IRI that names each now."""
    out: dict[str, str] = {}
    for doc in documents:
        for old, new in doc.meta.renamed:
            now = iri.provision_iri(doc.meta.slug, new) if new else iri.doc_iri(doc.meta.slug)
            out[str(iri.provision_iri(doc.meta.slug, old))] = str(now)
    return out


def lost_iris(release: Release, documents: Sequence[SourceDocument], provisions: Mapping[str, Sequence[Provision]],
              replaced: Mapping[str, str], *, keep_replaced: bool = False,
              withdrawn: Mapping[str, str] | None = None, documents_dir: Path | None = None,
              present: Container[str] | None = None, unsettled: set[str] | None = None) -> list[CorpusError]:
    """One error per held document whose published IRIs the new build (``provisions``, ``replaced``)
    would lose or move, or whose ``renamed:`` names an eId never published; and one per document the
    release held that the corpus holds no more, unless it is ``withdrawn`` (slug -> where the entry is);
    a document the release withdrew stays withdrawn, and a withdrawal names a document published.
    ``withdrawn`` None: not known, not checked. ``present``: the documents the corpus holds, when some of
    them (``documents``) could not be parsed.
    ``keep_replaced``: count an IRI published as replaced by a provision that still is as replaced (when
    the annotations that say so could not be read). ``unsettled``, if given, receives the published provision
    IRIs the errors are about (lost or moved)."""
    held = {d.meta.slug: d for d in documents}
    published, counts, gone_before = _published(release, held)
    errors = [] if withdrawn is None else _withdrawals(counts, gone_before, held if present is None else present,
                                                      withdrawn,
                                                      documents_dir or Path("corpus", "documents"))
    for slug in sorted(published):
        doc, was = held[slug], published[slug]
        now = {p.eid: p for p in provisions.get(slug, ())}
        gone, moved = _lost(doc, was, now, replaced, keep_replaced), _moved(doc, was, now)
        if unsettled is not None:
            unsettled |= {str(iri.provision_iri(slug, eid)) for eid in (*gone, *moved)}
        pins = _pins(was, now, {c.eid for c in doc.meta.corrections if c.eid}) if moved else {}
        if pins or any(eid not in was.provisions for eid in moved):
            # keep published names on their texts, rather than let them name others; a name published as
            # replaced stays so, and the provision that took it gets a name never published
            pins, kept = _pinned(was, now, pins)
            errors.append(_pinned_error(doc, was, pins, moved, kept, _lost(doc, was, kept, replaced, keep_replaced),
                                        _moved(doc, was, kept), now))
        else:
            if gone:
                errors.append(_lost_error(doc, was, gone, now))
            if moved:
                errors.append(_moved_error(doc, was, moved, now))
        wrong = [(old, new) for old, new in doc.meta.renamed if new and new in now and old in was.provisions
                 and old not in doc.meta.repointed and not _same_text(was.provisions[old][0].text, now[new])
                 and not _in_span(was.provisions[old][0].text, now[new], doc.text)]
        proposal = _renames(doc, was, {old for old, _ in wrong}, now) if wrong else {}
        # The build's own reading (a text matched by likeness: a paragraph reworded) is never refused: the
        # error that proposed it would otherwise be a dead end.
        wrong = [(old, new) for old, new in wrong if proposal.get(old) != new]
        if wrong:
            errors.append(CorpusError(
                doc.meta.meta_path, "renamed: " + "; ".join(
                    f"{old}: {new} names other text than {old} was published with ("
                    + _difference(was.provisions[old][0].text, now[new].text or now[new].heading or "") + ")"
                    for old, new in wrong), line=doc.meta.line_of("renamed"),
                hint="name the provision that holds the published text" + (
                    f" (the build's reading: {', '.join(f'{o}: {proposal[o]}' for o, _ in wrong if proposal.get(o))})"
                    if any(proposal.get(o) for o, _ in wrong) else "") +
                     f", or list {', '.join(o for o, _ in wrong)} under repointed: if the published reading was wrong"))
        typos = sorted(old for old, _ in doc.meta.renamed if old not in was.provisions and old not in was.replaced)
        if typos:
            errors.append(CorpusError(doc.meta.meta_path, f"renamed: {', '.join(typos)} was never published for "
                                      f"{slug}", line=doc.meta.line_of("renamed"),
                                      hint="name the published eIds (the build's proposal), or remove the entry"))
    return errors


def _lost(doc: SourceDocument, was: _Published, now: Mapping[str, Provision], replaced: Mapping[str, str],
          keep_replaced: bool) -> set[str]:
    """Published eIds that name nothing now and are not replaced."""
    slug = doc.meta.slug
    return {old for old in (*was.provisions, *was.replaced)
            if old not in now and str(iri.provision_iri(slug, old)) not in replaced
            and not (keep_replaced and was.replaced.get(old) in now)}


def _moved(doc: SourceDocument, was: _Published, now: Mapping[str, Provision]) -> list[str]:
    """Published eIds that would name another text (a list has no text: its items tell); an eId published as
    replaced that names a provision again, unless it is the text its replacement was published with."""
    moved = {eid for eid, (q, _) in was.provisions.items() if eid in now and _fold(q.text)
             and not _kept_text(was, eid, now[eid])}
    moved |= {eid for eid in was.replaced if eid in now and eid not in was.provisions
              and not _replacement_text(was, eid, now[eid])}
    return sorted(eid for eid in moved if eid not in doc.meta.repointed)


def _replacement_text(was: _Published, eid: str, provision: Provision) -> bool:
    """Whether a name published as replaced names, as a provision again, its replacement's very text (not a
    part of it: a split would hand the name to another text)."""
    return bool(_published_text(was, eid)) and _fold(_published_text(was, eid)) == _fold(
        provision.text or provision.heading or "")


def _published_text(was: _Published, eid: str) -> str:
    """The text ``eid`` was published with: its own, or, published as replaced, its replacement's ('' for the
    document, or a replacement with no text)."""
    if eid in was.provisions:
        return was.provisions[eid][0].text
    target = was.replaced.get(eid, "")
    return was.provisions[target][0].text if target in was.provisions else ""


def _pins(was: _Published, now: Mapping[str, Provision], named: Container[str] = ()) -> dict[str, str]:
    """For each provision whose text was published under another eId, that eId: the same text first;
    else the first published text it holds (paragraphs joined); else the published text it begins
    (a paragraph split). A provision the curator's corrections name (``named``: ``eid:``) keeps that
    name: what was published of its text is for ``renamed:`` to point at it."""
    kept = {eid for eid, (q, _) in was.provisions.items() if eid in now and _kept_text(was, eid, now[eid])}
    free = {eid: (_fold(q.text), start) for eid, (q, start) in was.provisions.items()
            if eid not in kept and _fold(q.text)}
    texts: dict[str, list[str]] = defaultdict(list)
    for eid, (text, _) in free.items():
        texts[text].append(eid)
    open_ = [(eid, p) for eid, p in sorted(now.items(), key=lambda item: item[1].start)
             if p.kind is not Kind.LIST and eid not in kept and eid not in named and _fold(p.text or p.heading or "")]
    pins: dict[str, str] = {}
    for eid, p in open_:
        same = texts.get(_fold(p.text or p.heading or ""), [])
        here = [old for old in same if free[old][1] == p.start]  # a text printed twice: the one at its place
        if len(same) == 1 or len(here) == 1:
            pins[eid] = (here or same)[0]
    for eid, p in open_:
        if eid in pins:
            continue
        folded, used = _fold(p.text or p.heading or ""), set(pins.values())
        held = sorted((start != p.start, start, old) for old, (text, start) in free.items()
                      if old not in used and text in folded)
        begun = [old for old, (text, start) in free.items() if old not in used and start == p.start
                 and folded in text]
        if held or begun:
            pins[eid] = held[0][2] if held else begun[0]
    return {eid: name for eid, name in pins.items() if name != eid}


def _pinned(was: _Published, now: Mapping[str, Provision], pins: dict[str, str]
            ) -> tuple[dict[str, str], dict[str, Provision]]:
    """The provisions as named with ``pins`` (parts following their container); a provision whose name
    a pin takes, or whose name was published for another text, gets a fresh one, never one that was
    published."""
    pins = dict(pins)
    published = set(was.provisions) | set(was.replaced)
    names: dict[str, str] = {}
    for _ in range(len(now) + 1):
        names = {eid: _renamed(eid, pins) for eid in now}
        taken = defaultdict(list)
        for eid, name in names.items():
            taken[name].append(eid)
        clashes = [eid for name, eids in taken.items() if len(eids) > 1 for eid in eids if eid == name]
        clashes += [eid for eid, name in names.items() if eid == name and eid not in clashes
                    and ((name in was.provisions and _fold(was.provisions[name][0].text)
                          and not _kept_text(was, name, now[eid]))
                         or (name in was.replaced and name not in was.provisions
                             and not _replacement_text(was, name, now[eid])))]
        if not clashes:
            break
        for eid in clashes:
            printed = bool(now[eid].number) and not now[eid].number_reconstructed
            pins[eid] = _fresh(eid, set(names.values()) | set(pins.values()) | published, printed=printed)
    return pins, {names[eid]: replace(p, eid=names[eid]) for eid, p in now.items()}


def _renamed(eid: str, pins: Mapping[str, str]) -> str:
    for old in sorted(pins, key=len, reverse=True):  # the innermost renamed part first
        if eid == old or eid.startswith(old + "__"):
            return pins[old] + eid[len(old):]
    return eid


# Steps named by position (docs/eid-convention.md); the others carry the number or letter printed.
_POSITIONAL = frozenset({"al", "item", "list", "subsec", "passage"})


def _fresh(eid: str, taken: set[str], *, printed: bool = False) -> str:
    """A name never published for the part that ``eid`` named: the next of its kind among its siblings
    for a part named by position; for one named by the number or letter it prints (``printed``), that
    name marked as the mark's next holder, as a mark printed twice is (``para_7__para_h`` ->
    ``para_7__para_hr2``)."""
    parent, _, last = eid.rpartition("__")
    kind, _, _ = last.rpartition("_")
    if printed and kind not in _POSITIONAL:
        base = re.sub(r"r\d+$", "", eid)
        k = 2
        while f"{base}r{k}" in taken:
            k += 1
        return f"{base}r{k}"
    prefix = f"{parent}__{kind}_" if parent else f"{kind}_"
    numbers = [int(name[len(prefix):]) for name in taken if name.startswith(prefix) and name[len(prefix):].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1}"


def _pinned_error(doc: SourceDocument, was: _Published, pins: Mapping[str, str], moved: list[str],
                  kept: Mapping[str, Provision], gone: set[str], still: list[str],
                  now: Mapping[str, Provision]) -> CorpusError:
    entries = []
    for name in sorted(pins.values(), key=lambda name: kept[name].start):
        at, after = _words_at(doc.text, kept[name].start)
        entries.append(f'{{at: {json.dumps(at, ensure_ascii=False)}, '
                       + (f"after: {json.dumps(after, ensure_ascii=False)}, " if after else "") + f"eid: {name}}}")
    renames = _renames_hint(_renames(doc, was, gone, kept), gone, _named_document(was)) if gone else ""
    undone = sorted(set(moved) & _named_document(was))
    first = moved[0]
    shown = f" {first} {_difference(_published_text(was, first), now[first].text or now[first].heading or '')};" \
        if first in now else ""
    return CorpusError(
        doc.meta.meta_path,
        f"{len(moved)} published IRI(s) of {doc.meta.slug} would name another text than they did ({_list(moved)}):"
        f"{shown} parts numbered by position move when one is added or taken away",
        line=doc.meta.line_of("corrections") or doc.meta.line_of("renamed"),
        hint="keep each published name on its text: add to corrections: " + ", ".join(entries)
             + (f"; and in this file {renames}" if renames else "")
             + (f"; `repointed: [{', '.join(still)}]` lets these name their new text (or name them by hand "
                "with eid:)" if still else "")
             + (f"; {', '.join(undone)} was published as gone (naming the document): if the part now named so is "
                f"the text it named before it went (a correction undone), drop it from renamed: and list it under "
                f"`repointed: [{', '.join(undone)}]` instead" if undone else "")
             + "; or undo the change")


def _words_at(text: str, start: int) -> tuple[str, str]:
    """Verbatim words from ``start`` to place a correction there, and an ``after`` if they recur."""
    line = text[start:text.find("\n", start) if "\n" in text[start:] else len(text)].rstrip()
    words = line if len(line) <= 50 else line[:50].rsplit(" ", 1)[0]
    return words, after_hint(text, start, words)


def _published(release: Release,
               held: Mapping[str, SourceDocument]) -> tuple[dict[str, _Published], dict[str, int], set[str]]:
    """What the release published of each document still held; how many provision IRIs of every document
    it held; the documents it withdrew."""
    out: dict[str, _Published] = defaultdict(_Published)
    counts: dict[str, int] = defaultdict(int)
    folder = default_queries_dir() / "release"
    store = EmbeddedStore.open(release.store_path)
    try:
        for row in store.select(get_query("published-provisions", folder).text).rows:
            named, kind = iri.split_provision_iri(str(row[0])), _KINDS.get(str(row[1]).rsplit("#", 1)[-1])
            if named is None or named[1] is None:
                continue
            counts[named[0]] += 1
            if named[0] not in held or kind is None:
                continue
            quoted = QuotedProvision(named[1], kind, str(row[2] or ""), str(row[3] or ""), None, ())
            out[named[0]].provisions.setdefault(named[1], (quoted, int(str(row[4]))))
        for old, new in store.select(get_query("replaced-iris", folder).text).rows:
            named, target = iri.split_provision_iri(str(old)), iri.split_provision_iri(str(new))
            if named is not None and named[1] is not None and named[0] in held:
                out[named[0]].replaced[named[1]] = (target[1] or "") if target else ""
        gone = {named[0] for row in store.select(get_query("withdrawn-documents", folder).text).rows
                if (named := iri.split_provision_iri(str(row[0]))) is not None}
    finally:
        store.close()
    return out, counts, gone


def _withdrawals(published: Mapping[str, int], gone: set[str], held: Container[str], withdrawn: Mapping[str, str],
                 documents: Path) -> list[CorpusError]:
    """A document the release held (``published``: provision IRIs of each) that the corpus holds no more is
    withdrawn on purpose; one the release withdrew (``gone``) stays so (its slug is never used again); a
    withdrawal names a document the release has."""
    errors = [_dropped_error(slug, n, documents) for slug, n in sorted(published.items())
              if slug not in held and slug not in withdrawn and slug not in gone]
    errors += [CorpusError(documents / f"{slug}.yaml", f"{slug} was withdrawn by the current release, and the corpus "
                           "no longer says so: its IRIs would answer 404, or name a new text",
                           hint="keep its withdrawn: entry; a withdrawn slug is never used again (give a document "
                                "held anew another slug)") for slug in sorted(gone - set(withdrawn))]
    errors += [CorpusError(where, f"withdrawn: {slug} was never published", hint="name a published document (`kb list "
                           "documents` on the current release), or remove the entry")
               for slug, where in sorted(withdrawn.items()) if slug not in published and slug not in gone]
    return errors


def _dropped_error(slug: str, published: int, documents: Path) -> CorpusError:
    return CorpusError(documents / f"{slug}.yaml", f"{slug} was published as a held document ({published} provision "
                       "IRIs) and the corpus holds it no more: its IRIs would stop resolving",
                       hint=f"put its metadata file and source back (`git checkout` if they were committed, else "
                            f"`kb add FILE --slug {slug}` with its text, then its metadata as it was), or, if it must "
                            "go, withdraw it: "
                            f"`withdrawn: [{{slug: {slug}, date: YYYY-MM-DD, reason: ...}}]` in an annotation file "
                            "(its IRIs then answer 410 Gone with the reason)")


def lost_links(release: Release, annotations: Annotations, annotations_dir: Path, *,
               unsettled: Container[str] = ()) -> list[CorpusError]:
    """One error for the curated links the release published that the corpus neither holds, replaces nor
    withdraws (with the ``withdrawn:`` entries to paste), one for the links it published as withdrawn that
    the corpus no longer withdraws (with their entries as published), and one per link withdrawal naming a
    link never published. ``unsettled``: the published provision IRIs another error is about (lost or moved);
    a link that named one of them is said to follow from it, not to be withdrawn."""
    store = EmbeddedStore.open(release.store_path)
    try:
        rows = store.select(get_query("published-links", default_queries_dir() / "release").text).rows
        pairs = store.select(get_query("version-pairs", default_queries_dir() / "release").text).rows
    finally:
        store.close()
    ends: dict[str, tuple[str, str, str]] = {}
    withdrawn: dict[str, tuple[str, str, str]] = {}
    published: set[str] = set()
    for link, source, link_type, target, when, why, was in rows:
        published.add(str(link))
        if source is not None:
            ends[str(link)] = (str(source), str(link_type).rsplit("#", 1)[-1], str(target))
        if when is not None:
            withdrawn[str(link)] = (str(when), str(why or "").removeprefix("Withdrawn: "),
                                    str(was or "").removeprefix("The link "))
    current = {str(iri.link_iri(link.source, link.link_type, link.target)) for link in annotations.links}
    kept = current | set(annotations.replaced) | set(annotations.withdrawn_links)
    errors = [CorpusError(where, f"withdrawn: link {link} was never published",
                          hint="name a link IRI the current release published (the build that refused to drop it "
                               "named it), or remove the entry")
              for link, (_, _, where) in sorted(annotations.withdrawn_links.items()) if link not in published]
    again = sorted(link for link in withdrawn if link not in kept)
    if again:
        entries = "\n".join(f"  - link: {link}\n    date: {withdrawn[link][0]}\n    reason: {withdrawn[link][1]}"
                            + (f"\n    was: {withdrawn[link][2]}" if withdrawn[link][2] else "") for link in again)
        errors.append(CorpusError(
            annotations_dir, f"{len(again)} link(s) the current release published as withdrawn are no longer "
            f"withdrawn in the corpus, and their IRIs would answer 404 instead of 410 Gone: {_list(again)}",
            hint=f"keep their entries as published, in an annotation file's withdrawn: list (one list a file):\n"
                 f"withdrawn:\n{entries}"))
    # The IRIs the build made for each link from a language version's pairs (the link as it would read naming the
    # version's provision: kept for a link published so before version_of: was given) follow the version's
    # alignment, which a text read anew changes: no curator wrote them, so none is asked to keep or withdraw them.
    made = _version_aliases(ends, pairs)
    dropped = sorted(link for link in published if link not in kept and link not in withdrawn and link not in made)
    following = [link for link in dropped
                 if link in ends and (ends[link][0] in unsettled or ends[link][2] in unsettled)]
    if following:
        slugs = sorted({_slug_of(end) for link in following for end in (ends[link][0], ends[link][2])
                        if end in unsettled})
        errors.append(CorpusError(
            annotations_dir, f"{len(following)} curated link(s) the current release published would stop resolving "
            f"because they name provisions of {', '.join(slugs)} whose published IRIs the error(s) above are about: "
            f"{_shown_links(following, ends)}",
            hint="this follows from those errors: settle them first (the renamed: and corrections: they propose keep "
                 "these links' IRIs), then build again; do not withdraw these links"))
        dropped = [link for link in dropped if link not in following]
    if dropped:
        gone_with = {link: slug for link in dropped if link in ends
                     for slug in (_slug_of(ends[link][0]), _slug_of(ends[link][2])) if slug in annotations.withdrawn}
        entries = "\n".join(
            f"  - link: {link}\n    date: {dt.date.today().isoformat()}\n    reason: "
            + (f"its document {gone_with[link]} was withdrawn" if link in gone_with else "...  # why it was taken out")
            + (f"\n    was: {reference(ends[link][0])} {ends[link][1]} {reference(ends[link][2])}"
               if link in ends else "")
            for link in dropped)
        back = "" if len(gone_with) == len(dropped) else "put each link back (git checkout), or, if it must go, "
        errors.append(CorpusError(
            annotations_dir, f"{len(dropped)} curated link(s) the current release published are no longer in the "
            f"corpus, and their IRIs would stop resolving: {_shown_links(dropped, ends)}",
            hint=f"{back}withdraw {'them' if back else 'them with their document'} in an annotation file's "
                 f"withdrawn: list (one list a file; their IRIs then answer 410 Gone with the reason):\n"
                 f"withdrawn:\n{entries}"))
    return errors


def _version_aliases(ends: Mapping[str, tuple[str, str, str]], pairs: Sequence[Sequence[object]]) -> set[str]:
    """The link IRIs a release published as replaced because an end of a link it published has a counterpart
    in a language version (kb.annotate: each link also under the version's item it was aligned with)."""
    versions: dict[str, list[str]] = defaultdict(list)
    for version, original in pairs:
        versions[str(original)].append(str(version))
    out: set[str] = set()
    for source, link_type, target in ends.values():
        for was_source in (source, *versions.get(source, ())):
            for was_target in (target, *versions.get(target, ())):
                if (was_source, was_target) != (source, target):
                    out.add(str(iri.link_iri(was_source, link_type, was_target)))
    return out


def _shown_links(links: Sequence[str], ends: Mapping[str, tuple[str, str, str]]) -> str:
    """The first links of a list as a message names them: each IRI with what it linked."""
    shown = "; ".join(f"{link} ({reference(ends[link][0])} {ends[link][1]} {reference(ends[link][2])})" if link in ends
                      else f"{link} (published as replaced)" for link in links[:_SHOWN])
    return shown + (f" and {len(links) - _SHOWN} more" if len(links) > _SHOWN else "")


def _slug_of(item: str) -> str:
    split = iri.split_provision_iri(item)
    return split[0] if split else ""


def _fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold()))


def _same_text(text: str, now: Provision) -> bool:
    """Whether a provision published with ``text`` is ``now``: its text (or heading), or one holding
    the other (an extent corrected)."""
    was, is_ = _fold(text), _fold(now.text or now.heading or "")
    return bool(was and is_) and (was == is_ or was in is_ or is_ in was)


def _in_span(text: str, now: Provision, source: str) -> bool:
    """Whether a provision published with ``text`` is in ``now``'s span of the source, its number and the
    word before it included (a part published as "Artículo" alone, in "Artículo 1. La Presidencia ...")."""
    return bool(_fold(text)) and _fold(text) in _fold(source[now.start:now.end])


def _renames(doc: SourceDocument, was: _Published, gone: set[str], now: Mapping[str, Provision]) -> dict[str, str]:
    """The ``renamed:`` a document needs: each published eId in ``gone`` (and each entry it has) and
    the eId that names its text now ('' where none is found)."""
    lost = [q for eid, (q, _) in sorted(was.provisions.items()) if eid in gone]
    proposal = _matched(lost, now, {q.eid: start for q, start in was.provisions.values()}, doc.meta.slug, doc.text)

    def resolved(eid: str) -> str:  # through a former replacement or a stale renamed: entry
        seen = set()
        while eid and eid not in now and eid not in seen:
            seen.add(eid)
            eid = proposal.get(eid) or was.replaced.get(eid, "")
        return eid if eid in now else ""

    for old in sorted(gone - set(proposal)):
        proposal[old] = resolved(was.replaced.get(old, "") or dict(doc.meta.renamed).get(old, ""))
    for old, new in doc.meta.renamed:  # entries that still hold are kept, stale ones followed through
        if old in now or (old not in was.provisions and old not in was.replaced):
            continue  # a provision again (the entry must go), or never published (a typo the build names)
        proposal.setdefault(old, new if (new in now or not new) else resolved(new))
    return proposal


def _named_document(was: _Published) -> set[str]:
    """The eIds published as replaced by their document (a part that was gone): so they stay."""
    return {old for old, new in was.replaced.items() if not new}


def _renames_hint(proposal: Mapping[str, str], gone: set[str], settled: Container[str] = ()) -> str:
    """The ``renamed:`` to paste, and what to put where no eId was found (``settled``: those whose '' stands)."""
    unmatched = sorted(old for old in gone if not proposal.get(old) and old not in settled)
    entries = ", ".join(f"{old}: {new or ('?' if old in unmatched else repr(''))}"
                        for old, new in sorted(proposal.items()))
    return f"`renamed: {{{entries}}}`" + (
        f" (replace the '?' of {_list(unmatched)} by the eId that holds its text now, kb parse FILE --lines "
        "shows them, or by '' if it is gone: its IRI then names the document)" if unmatched else "")


def _lost_error(doc: SourceDocument, was: _Published, gone: set[str], now: Mapping[str, Provision]) -> CorpusError:
    return CorpusError(
        doc.meta.meta_path,
        f"{len(gone)} published IRI(s) of {doc.meta.slug} would no longer resolve ({_list(sorted(gone))}): its text "
        "is read otherwise now (corrections:, a new parser, or a new text)",
        line=doc.meta.line_of("renamed"),
        hint="say which provision each now is, in this file: "
             f"{_renames_hint(_renames(doc, was, gone, now), gone, _named_document(was))}"
             "; or undo the change")


def _moved_error(doc: SourceDocument, was: _Published, moved: list[str], now: Mapping[str, Provision]) -> CorpusError:
    first = moved[0]
    return CorpusError(
        doc.meta.meta_path,
        f"{len(moved)} published IRI(s) of {doc.meta.slug} would name another text than they did ({_list(moved)}): "
        f"{first} {_difference(_published_text(was, first), now[first].text or now[first].heading or '')}; "
        "a part numbered by position moves when one is added or taken away, and a part rewritten names other words",
        line=doc.meta.line_of("repointed") or doc.meta.line_of("renamed"),
        hint="undo the change; or, if the published reading was wrong and these IRIs may name their new text, "
             f"list them in this file: `repointed: [{', '.join(moved)}]`")


def _matched(lost: Sequence[QuotedProvision], now: Mapping[str, Provision], starts: Mapping[str, int],
             slug: str, text: str = "") -> dict[str, str]:
    """The provision each lost one is now: the one at the same place with the same text (the source
    unchanged, read otherwise; a published part that was only the number's word, "Artículo", is in the
    span of the provision it heads), else the one whose text matches (kb.promote); none: left out."""
    at: dict[int, list[Provision]] = defaultdict(list)
    for p in now.values():
        at[p.start].append(p)
    out: dict[str, str] = {}
    for q in lost:
        same = [p for p in at.get(starts.get(q.eid, -1), []) if _same_text(q.text, p) or _in_span(q.text, p, text)]
        if same:
            out[q.eid] = min(same, key=lambda p: len(p.eid)).eid
    rest = [q for q in lost if q.eid not in out]
    if rest:
        aliases = match_quoted(slug, rest, list(now.values()), {})
        out |= {q.eid: target for q in rest if (target := aliases.resolve(q.eid) or "")}
    return out


def _list(names: Sequence[str]) -> str:
    return ", ".join(names[:_SHOWN]) + (f" and {len(names) - _SHOWN} more" if len(names) > _SHOWN else "")


def _difference(was: str, now: str, width: int = 30) -> str:
    """Two texts as a message shows them: "was '...', now '...'", each a window around where they first differ,
    so that texts alike in their first words are not shown as the same."""
    was, now = " ".join(was.split()), " ".join(now.split())
    first = next((i for i, (a, b) in enumerate(zip(was, now, strict=False)) if a != b), min(len(was), len(now)))
    tail = next((i for i, (a, b) in enumerate(zip(was[first:][::-1], now[first:][::-1], strict=False)) if a != b),
                min(len(was), len(now)) - first)  # the end both share is shown once, after the difference

    def window(text: str) -> str:
        start = max(0, first - width)
        end = min(len(text), max(len(text) - tail, first) + width, start + 4 * width)  # a long rewrite: its start
        return repr(("..." if start else "") + text[start:end] + ("..." if end < len(text) else ""))

    return f"was {window(was)}, now {window(now)}"


_CORRECTED = 0.9  # likeness of their words above which a provision's text is its published text corrected
_FEWEST_WORDS = 8  # a heading or a short item rewritten by a word is another text


def _kept_text(was: _Published, eid: str, now: Provision) -> bool:
    """Whether ``now``, named ``eid`` as it was published, is still that provision: the same text (or an
    extent corrected), or its text corrected by a word or two (a blank filled in, a typo in a text held anew)
    when no other published text of the document is as near: such a correction is not a repointing."""
    text = was.provisions[eid][0].text
    if _same_text(text, now):
        return True
    words = _fold(now.text or now.heading or "").split()
    published = _fold(text).split()
    if min(len(words), len(published)) < _FEWEST_WORDS:
        return False
    matcher = difflib.SequenceMatcher(None, (), words, autojunk=False)  # the new text's index, made once
    matcher.set_seq1(published)
    likeness = matcher.ratio()
    if likeness < _CORRECTED:
        return False
    for other, (q, _) in was.provisions.items():
        if other != eid:
            matcher.set_seq1(_fold(q.text).split())
            if matcher.real_quick_ratio() >= likeness and matcher.quick_ratio() >= likeness \
                    and matcher.ratio() >= likeness:
                return False
    return True
