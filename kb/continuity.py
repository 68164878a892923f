"""The promise that a published IRI keeps resolving, kept from one release to the next.

A held document's eIds come from reading its text; read again (a curator's ``corrections:``, a new
version of the parser, a text held anew with ``kb add --replace``) some may name other parts or none.
Before a build is published, every provision IRI the current release published for a document still
held, and every IRI it published as replaced, must resolve in the new build: as a provision, or as
an IRI the corpus says is replaced (``renamed:`` in the document's metadata, or a quoted provision
matched to the held text, :mod:`kb.promote`). Otherwise nothing is published, and the error names
the metadata file and gives the ``renamed:`` to add: each lost eId matched to the new provision with
its text (the matching :mod:`kb.promote` does for quoted provisions).

The check reads the last release; what a build publishes still depends on the corpus alone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from kb import iri
from kb.errors import CorpusError
from kb.model import Kind, Provision, QuotedProvision, SourceDocument
from kb.promote import match_quoted
from kb.publish import Release
from kb.queries import default_queries_dir, get_query
from kb.store import EmbeddedStore

__all__ = ["lost_iris"]

_SHOWN = 8  # lost eIds named in the message itself
_KINDS = {k.value: k for k in Kind}


def lost_iris(release: Release, documents: Sequence[SourceDocument], provisions: Mapping[str, Sequence[Provision]],
              replaced: Mapping[str, str]) -> list[CorpusError]:
    """One error per held document whose published IRIs the new build (``provisions``, ``replaced``)
    would no longer resolve."""
    held = {d.meta.slug: d for d in documents}
    resolving = {str(iri.provision_iri(slug, p.eid)) for slug, provs in provisions.items() for p in provs}
    resolving |= set(replaced)
    lost: dict[str, list[QuotedProvision]] = defaultdict(list)
    formerly: dict[str, list[tuple[str, str]]] = defaultdict(list)  # slug -> (lost replaced eId, its old target)
    seen: dict[str, set[str]] = defaultdict(set)
    starts: dict[tuple[str, str], int] = {}
    folder = default_queries_dir() / "release"
    store = EmbeddedStore.open(release.store_path)
    try:
        for row in store.select(get_query("published-provisions", folder).text).rows:
            named = _held(str(row[0]), held, resolving)
            kind = _KINDS.get(str(row[1]).rsplit("#", 1)[-1])
            if named is not None and kind is not None and named[1] not in seen[named[0]]:
                seen[named[0]].add(named[1])
                lost[named[0]].append(QuotedProvision(named[1], kind, str(row[2] or ""), str(row[3] or ""), None, ()))
                starts[named] = int(str(row[4]))
        for old, new in store.select(get_query("replaced-iris", folder).text).rows:
            named, target = _held(str(old), held, resolving), iri.split_provision_iri(str(new))
            if named is not None:
                formerly[named[0]].append((named[1], (target[1] or "") if target else ""))
    finally:
        store.close()
    errors = []
    for slug in sorted(set(lost) | set(formerly)):
        doc = held[slug]
        proposal = _matched(slug, lost[slug], provisions[slug], starts)
        proposal |= {old: proposal.get(target, "") for old, target in formerly[slug]}
        proposal |= dict(doc.meta.renamed)
        names = sorted(q.eid for q in lost[slug]) + sorted(old for old, _ in formerly[slug])
        shown = ", ".join(names[:_SHOWN]) + (f" and {len(names) - _SHOWN} more" if len(names) > _SHOWN else "")
        unmatched = sorted(old for old, new in proposal.items() if not new)
        entries = ", ".join(f"{old}: {new or '?'}" for old, new in sorted(proposal.items()))
        errors.append(CorpusError(
            doc.meta.meta_path,
            f"{len(names)} published IRI(s) of {slug} would no longer resolve ({shown}): its text is read "
            "otherwise now (corrections:, a new parser, or a new text)",
            line=doc.meta.line_of("renamed"),
            hint=f"say which provision each now is, in this file: `renamed: {{{entries}}}`"
                 + (f" (give the '?' of {', '.join(unmatched)} by hand: kb parse lists the eIds)" if unmatched else "")
                 + "; or undo the change that renamed them"))
    return errors


def _matched(slug: str, lost: Sequence[QuotedProvision], now: Sequence[Provision],
             starts: Mapping[tuple[str, str], int]) -> dict[str, str]:
    """The provision each lost one is now ("" if none is found): the one at the same place with the same
    text (the source unchanged, read otherwise), else the one whose text matches (kb.promote)."""
    at: dict[int, list[Provision]] = defaultdict(list)
    for p in now:
        at[p.start].append(p)
    out: dict[str, str] = {}
    for q in lost:
        same = [p for p in at.get(starts.get((slug, q.eid), -1), []) if " ".join(p.text.split()) == " ".join(
            q.text.split()) or p.heading == q.text]
        if same:
            out[q.eid] = same[0].eid
    rest = [q for q in lost if q.eid not in out]
    if rest:
        aliases = match_quoted(slug, rest, now, {})
        out |= {q.eid: aliases.resolve(q.eid) or "" for q in rest}
    return out


def _held(value: str, held: Mapping[str, SourceDocument], resolving: set[str]) -> tuple[str, str] | None:
    """``(slug, eId)`` of a provision IRI of a document still held that no longer resolves."""
    named = iri.split_provision_iri(value)
    if named is None or named[1] is None or named[0] not in held or value in resolving:
        return None
    return named[0], named[1]
