"""A document known only through quotation that becomes held: its quoted provisions matched to the
provisions parsed from its text, so that every IRI already published keeps resolving.

Until the Plan of Action of Buenos Aires is held, the knowledge base knows its provisions through
quotations in documents it does hold (``annotations/documents.yaml``: ``passage_2__item_3``,
``art_7__para_g``), and trace links, topics and claims name them. When its text is added, each
quoted provision is matched to a parsed one:

1. ``held_as: EID`` on the quoted provision, when a curator says which it is;
2. the same eId, when its text agrees;
3. the parsed provision whose text holds the quoted text (or is held by it), the closest in length;
4. else the most similar text of a provision of the same role, if similar enough;
5. else, for a quoted container (an article quoted only through its items), the parsed provision
   that holds all the provisions its items were matched to.

A provision matched by its text under another printed number than the quoted one, or only by likeness
(the quote not word for word in the held text), is matched all the same and said in a warning, until a
curator confirms it with ``held_as``; one a curator names in ``held_as`` whose text has little in common
with the quote is said too.

A matched eId that differs from the quoted one becomes an alias: references to it resolve to the
parsed provision, and the old IRI is published as replaced by the new one (``dcterms:isReplacedBy``,
a permanent redirect on the server). A quoted provision that matches nothing becomes an alias of the
document itself, with a warning that asks for ``held_as``.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from kb.model import Kind, Provision, QuotedProvision

__all__ = ["Promotion", "match_quoted"]

_MIN_CONTAINED = 20  # characters of folded text for containment to count
_SIMILAR = 0.75
_UNLIKE = 0.5  # a provision a curator names in held_as this unlike the quote is worth a second look
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2013": "-", "\u2014": "-",
                         "\u00a0": " "})


@dataclass
class Promotion:
    """How a held document's quoted provisions map onto its parsed ones."""

    slug: str
    aliases: dict[str, str] = field(default_factory=dict)  # quoted eId -> parsed eId ("" for the document)
    same: set[str] = field(default_factory=set)  # quoted eIds that the parse gives too, for the same text
    warnings: list[str] = field(default_factory=list)
    unmatched: list[tuple[str, str]] = field(default_factory=list)  # (where, what) of quoted eIds matching nothing
    language_note: str = ""  # why so many match nothing: the held text is in another language than the quotes

    def resolve(self, eid: str) -> str | None:
        """The parsed eId a quoted one now names (None for the document itself)."""
        if eid in self.same:
            return eid
        target = self.aliases.get(eid)
        return target or None


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES).casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z0-9]+", text))


def _role_family(kind: Kind) -> str:
    return "container" if kind in (Kind.SECTION, Kind.LIST) else "text"


def match_quoted(slug: str, quoted: Sequence[QuotedProvision], parsed: Sequence[Provision],
                 held_as: Mapping[str, str], *, same_language: bool = True) -> Promotion:
    """Match every quoted provision of ``slug`` to a parsed one (see the module docstring);
    ``same_language``: the held text is in the quotes' language (else a ``held_as`` is not compared with
    its quote)."""
    promotion = Promotion(slug)
    by_eid = {p.eid: p for p in parsed}
    folded = {p.eid: _fold(p.text) for p in parsed}
    leaves = [p for p in parsed if p.kind not in (Kind.SECTION, Kind.LIST)]
    parents = {q.parent for q in quoted if q.parent}
    # Parts before the provisions quoted with parts: a container is best found through its parts.
    for q in sorted(quoted, key=lambda q: q.eid in parents):
        target = held_as.get(q.eid)
        if target is not None and target not in by_eid:
            promotion.warnings.append(f"{q.where}: held_as {target!r} of {q.eid} is no provision of the held "
                                      f"{slug}; run `kb parse` on its source to list the eIds")
            target = None
        if target is None and q.eid in parents:
            target = _holding(q, quoted, promotion, by_eid)
        if target is None and q.eid not in held_as:
            target = _by_text(q, by_eid, folded, leaves)
            if target is not None and target != q.eid:
                promotion.warnings += _doubts(slug, q, by_eid[target], folded[target])
        elif (target is not None and q.eid in held_as and same_language and q.eid not in parents
              and _role_family(q.kind) == "text" and _likeness(_fold(q.text), folded[target]) < _UNLIKE):
            promotion.warnings.append(
                f"{q.where}: held_as {target!r} of {q.eid}: the quote ({q.text[:60]!r}) and the held text of "
                f"{target} ({by_eid[target].text[:60]!r}) have few words in common; check it is the provision meant")
        if target is None:
            promotion.aliases[q.eid] = ""
            what = f"{slug} {q.eid} ({q.text[:60]!r}) matches no provision of the held text"
            promotion.unmatched.append((q.where, what))
            promotion.warnings.append(f"{q.where}: {what}: its IRI now redirects to the document; add held_as: EID "
                                      f"to say which provision it is")
        elif target == q.eid:
            promotion.same.add(q.eid)
        else:
            promotion.aliases[q.eid] = target
    return promotion


def _likeness(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() if a and b else 0.0


def _number(printed: str) -> str:
    """A printed number compared with another: "Art. 7, g" and "7(g)" alike."""
    return "".join(re.findall(r"[0-9a-z]+", printed.lower().replace("art.", "")))


def _doubts(slug: str, q: QuotedProvision, held: Provision, held_folded: str) -> list[str]:
    """What a curator should confirm about a quoted provision matched by its text to another eId: a
    printed number that differs, or a quote the held text does not contain word for word."""
    out: list[str] = []
    confirm = f"if it is the same provision, say so with held_as: {held.eid} (else held_as: the eId it is)"
    if q.number and held.number and _number(q.number) != _number(held.number):
        shown = "numbered (the text's numbering lost, read in order)" if held.number_reconstructed else "printed"
        out.append(f"{q.where}: {slug} {q.eid} is quoted as number {q.number!r} but was matched by its text to "
                   f"{held.eid}, {shown} {held.number!r}; {confirm}")
    quote = _fold(q.text)
    if quote not in held_folded and held_folded not in quote:
        out.append(f"{q.where}: {slug} {q.eid} was matched to {held.eid} by likeness only: the quote "
                   f"({q.text[:60]!r}) is not word for word in the held text ({held.text[:60]!r}); {confirm}")
    return out


def _holding(q: QuotedProvision, quoted: Sequence[QuotedProvision], promotion: Promotion,
             by_eid: Mapping[str, Provision]) -> str | None:
    """The parsed provision that holds what all the quoted parts of ``q`` were matched to."""
    parts = [promotion.resolve(c.eid) for c in quoted if c.parent == q.eid]
    if not parts or not all(parts):
        return None
    holders = {by_eid[p].parent for p in parts if p is not None and p in by_eid}
    if len(holders) != 1:
        return None
    return holders.pop()


def _by_text(q: QuotedProvision, by_eid: Mapping[str, Provision], folded: Mapping[str, str],
             leaves: Sequence[Provision]) -> str | None:
    text = _fold(q.text)
    if not text:
        return None
    if q.eid in by_eid and (folded[q.eid] == text or (len(text) >= _MIN_CONTAINED and (
            text in folded[q.eid] or folded[q.eid] in text))):
        return q.eid
    family = _role_family(q.kind)
    pool = [p for p in by_eid.values() if _role_family(p.kind) == family] if family == "container" else list(leaves)
    if len(text) >= _MIN_CONTAINED:
        containing = [p for p in pool if folded[p.eid] and (text in folded[p.eid] or (
            len(folded[p.eid]) >= _MIN_CONTAINED and folded[p.eid] in text))]
        if containing:
            return min(containing, key=lambda p: (abs(len(folded[p.eid]) - len(text)), p.start)).eid
    scored = [(difflib.SequenceMatcher(None, text, folded[p.eid], autojunk=False).ratio(), p) for p in pool
              if folded[p.eid] and 0.5 <= len(folded[p.eid]) / len(text) <= 2]
    if scored:
        ratio, best = max(scored, key=lambda pair: (pair[0], -pair[1].start))
        if ratio >= _SIMILAR:
            return best.eid
    return None
