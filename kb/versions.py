"""Language versions: a held text that is another language's version of a held document (its metadata
says ``version_of: SLUG``), and the alignment of its provisions to the original's.

A version is the same work in another language (DESIGN.md section 7; Akoma Ntoso's FRBRtranslation,
ELI's expressions of one legal resource): its articles are the original's articles, not mandates of
their own. So a version's provisions are published as provisions with ``kb:versionOf`` the original's
provision they say in another language, never as mandates or recommendations that the status rules
would count twice, and links are curated on the original's provisions (a version's text may be quoted
as their evidence).

Provisions are aligned in reading order (an alignment of the two sequences that keeps their order,
as sentence aligners do), each candidate pair scored by what two versions of one text share whatever
their language: the printed number (two different numbers never pair), the kind, the length (a
translation is about as long as its original) and the words no translation changes (numbers, names,
acronyms: "2027", "Asunción", "UNESCO"), with the eId as a tie-breaker. A provision one version has and
the other lacks (a "CONSIDERANDO:" line a host kept, a heading it dropped) is left out rather than
shifting every pair after it; what is left has no counterpart and is reported.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from kb.corpus import other_symbols
from kb.model import Kind, Provision

__all__ = ["SAME_TEXT", "SAME_TEXT_MIN", "Alignment", "align", "same_text_share", "symbols_unlike"]


def symbols_unlike(version: Sequence[str], original: Sequence[str], slug: str) -> str:
    """Why a text's symbols say it is another document than the one it is given as a version of ("" if they do
    not): the language versions of an OAS document print one set of symbols, and a report of another meeting laid
    out from the same template pairs paragraph by paragraph all the same."""
    if not other_symbols(version, original):
        return ""
    return f"its symbols ({'; '.join(version)}) are not {slug}'s ({'; '.join(original)})"


@dataclass(frozen=True)
class Alignment:
    """A version's provisions against its original's: ``pairs`` maps a version's eId to the original's."""

    pairs: dict[str, str]
    unmatched: tuple[Provision, ...]  # the version's provisions with no counterpart in the original
    missing: tuple[Provision, ...] = ()  # the original's provisions with none in the version
    doubtful: tuple[str, ...] = ()  # version eIds paired by place alone: no printed number, no shared name
    named: int = 0  # pairs whose two texts share a number, name or acronym
    worded: int = 0  # pairs with words on both sides (not a list, which has none of its own)
    corroborated: int = 0  # of those, pairs that share a number or name, or are as long as a translation is
    ratio: float = 1.0  # the version's paired text to the original's, in characters

    @property
    def likeness(self) -> float:
        """The share of the version's provisions paired with one that says the same numbers and names: near
        1 for two versions of one text, low for two documents laid out alike (articles 1 to 10)."""
        total = len(self.pairs) + len(self.unmatched)
        return self.named / total if total else 0.0

    def summary(self, original: str) -> str:
        """How many provisions align with the original's, and those a curator should look at."""
        aligned = len(self.pairs)
        total = aligned + len(self.unmatched)
        said = [f"{aligned} of {total} provisions aligned with {original}'s"]
        for what, eids in (("no counterpart for", [f"{p.eid} (line {p.line})" for p in self.unmatched]),
                           (f"{original}'s with none here:", [p.eid for p in self.missing]),
                           ("paired by place alone (check them):", list(self.doubtful))):
            if eids:
                said.append(f"{what} {', '.join(eids[:5])}" + (f" and {len(eids) - 5} more" if len(eids) > 5 else ""))
        return "; ".join(said) if len(said) > 1 else f"all {total} provisions aligned with {original}'s"

    @property
    def unlike(self) -> str:
        """Why this text is too unlike its original to be taken for its version unless the curator confirms it
        ("" if it is not): a third of its provisions or more have no counterpart, or most pairs share no number
        or name and are not as long as a translation would be. Two documents laid out alike (paragraphs 1 to 3) pair
        by their printed numbers alone; the words and the lengths tell them apart."""
        total = len(self.pairs) + len(self.unmatched)
        if total < _FEW:
            return ""  # too little to tell
        if 3 * len(self.pairs) < 2 * total:  # a translation's are all there, but for a line a host kept or lost
            return f"{total - len(self.pairs)} of its {total} provisions have no counterpart there"
        if 2 * self.corroborated >= self.worded:
            return ""
        low, high = _RATIO
        longer = (f"; its text is {self.ratio:.2f} times as long as the original's, where a translation's is "
                  f"{low:.2f} to {high:.2f} times" if not low <= self.ratio <= high else "")
        return (f"only {self.corroborated} of {self.worded} pairs share a number, name or acronym in their words "
                f"or are as long as a translation would be{longer}")

    @property
    def complete(self) -> bool:
        return not (self.unmatched or self.missing or self.doubtful)


_ANCHOR_RE = re.compile(r"\d+|[^\W\d_]{3,}")
_MIN_SCORE = 1.5  # below this, two provisions are not taken for one another
# headings and lists: a pair of them made by place says nothing to check (a list has no words of its own)
_CONTAINERS = (Kind.SECTION, Kind.LIST)
_FEW = 3  # provisions: fewer say too little to tell a version from another text
# A whole translation's length to its original's: Spanish, French or Portuguese text runs 10-30% longer than
# English, and English as much shorter; outside this the two texts do not say the same.
_RATIO = (1 / 1.5, 1.5)
# One pair's length ratio to the whole text's, for a translation (measured on EN/ES texts: within 1.2), a short
# heading or phrase given some characters of slack.
_SPREAD, _SLACK = 1.4, 12


def _anchors(text: str) -> frozenset[str]:
    """The words of a provision no translation changes: numbers, and names and acronyms (capitalised
    words not opening the text), case and accents folded."""
    out = set()
    for k, m in enumerate(_ANCHOR_RE.finditer(text)):
        word = m[0]
        if word.isdigit() or (k > 0 and word[0].isupper()) or (len(word) > 2 and word.isupper()):
            folded = unicodedata.normalize("NFKD", word.casefold())
            out.add("".join(c for c in folded if not unicodedata.combining(c)))
    return frozenset(out)


def _score(v: Provision, o: Provision, anchors: tuple[frozenset[str], frozenset[str]]) -> float | None:
    """How alike two provisions of two versions are (None: they cannot be one provision)."""
    if v.number and o.number and v.number != o.number:
        return None
    score = 4.0 if v.number and v.number == o.number else -1.0 if (v.number or o.number) else 0.0
    score += 1.0 if v.kind is o.kind else -3.0 if Kind.SECTION in (v.kind, o.kind) else 0.0
    shorter, longer = sorted((len(v.text), len(o.text)))
    ratio = longer / max(1, shorter)
    score += 1.0 if ratio <= 1.6 else -1.0 if ratio <= 2.5 else -3.0
    a, b = anchors
    if a or b:
        shared = len(a & b)
        score += 3.0 * shared / len(a | b) - (1.0 if a and b and not shared else 0.0)
    return score + (0.5 if v.eid == o.eid else 0.0)


def align(version: Sequence[Provision], original: Sequence[Provision]) -> Alignment:
    """The version's provisions paired with the original's, in reading order (see the module docstring)."""
    va = [_anchors(p.text) for p in version]
    oa = [_anchors(p.text) for p in original]
    n, m = len(version), len(original)
    # best[i][j]: the best total score aligning version[i:] with original[j:] (gaps cost nothing)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    scores: dict[tuple[int, int], float] = {}
    for i in range(n - 1, -1, -1):
        row, below = best[i], best[i + 1]
        for j in range(m - 1, -1, -1):
            value = max(below[j], row[j + 1])
            score = _score(version[i], original[j], (va[i], oa[j]))
            if score is not None and score >= _MIN_SCORE:
                scores[i, j] = score
                value = max(value, score + below[j + 1])
            row[j] = value
    pairs: dict[str, str] = {}
    doubtful: list[str] = []
    i = j = 0
    while i < n and j < m:
        score = scores.get((i, j))
        if score is not None and best[i][j] == score + best[i + 1][j + 1]:
            v, o = version[i], original[j]
            pairs[v.eid] = o.eid
            if not (v.number and v.number == o.number) and not (va[i] & oa[j]) and v.kind not in _CONTAINERS:
                doubtful.append(v.eid)
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    paired = set(pairs.values())
    by_eid = {p.eid: k for k, p in enumerate(original)}
    paired_at = [(k, by_eid[pairs[p.eid]]) for k, p in enumerate(version) if p.eid in pairs]
    named = sum(1 for k, o in paired_at if va[k] & oa[o])
    worded = [(k, o) for k, o in paired_at if version[k].text and original[o].text]
    ratio = (sum(len(version[k].text) for k, _ in worded) / sum(len(original[o].text) for _, o in worded)
             if worded else 1.0)

    def fits(k: int, o: int) -> bool:  # as long as the whole text's ratio says its translation would be
        mine, theirs = len(version[k].text) + _SLACK, ratio * len(original[o].text) + _SLACK
        return _RATIO[0] <= ratio <= _RATIO[1] and max(mine, theirs) <= _SPREAD * min(mine, theirs)

    corroborated = sum(1 for k, o in worded if va[k] & oa[o] or fits(k, o))
    return Alignment(pairs, tuple(p for p in version if p.eid not in pairs),
                     tuple(p for p in original if p.eid not in paired), tuple(doubtful), named,
                     len(worded), corroborated, ratio)


SAME_TEXT = 0.6  # the share of provisions saying the same from which a text is taken for one a held document's says
SAME_TEXT_MIN = 3  # provisions: fewer say too little to tell
_COMMON = 1 / 3  # an anchor in more of the provisions of two texts than this names what they are about, not one
_SAME_WORDS = 0.5  # in one language, the share of words two provisions must have in common to say the same


def _words(text: str) -> frozenset[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    return frozenset(re.findall(r"[^\W\d_]{3,}|\d+", "".join(c for c in folded if not unicodedata.combining(c))))


def same_text_share(text: Sequence[Provision], held: Sequence[Provision], *, same_language: bool) -> float:
    """The share of ``text``'s provisions that say what their counterpart in ``held`` says: in one language, most
    of their words in common; across languages, most of their specific numbers and names. Not the names every
    provision of such texts gives (the Conference, "Labor", "Member States"), nor a paragraph's number alone:
    two declarations of the Conference share those, and an opening formula, and say different things (a
    walkthrough was told that a Declaration of 2003 said what a later one said, number for number)."""
    alignment = align(text, held)
    total = len(alignment.pairs) + len(alignment.unmatched)
    if not total:
        return 0.0
    anchors = {id(p): _anchors(p.text) for p in (*text, *held)}
    counts: dict[str, int] = {}
    for found in anchors.values():
        for anchor in found:
            counts[anchor] = counts.get(anchor, 0) + 1
    common = {a for a, n in counts.items() if n > _COMMON * len(anchors)}
    by_eid = {p.eid: p for p in held}
    agreeing = 0
    for provision in text:
        other = by_eid.get(alignment.pairs.get(provision.eid, ""))
        if other is None:
            continue
        if same_language:
            mine, theirs = _words(provision.text), _words(other.text)
            agrees = bool(mine | theirs) and len(mine & theirs) >= _SAME_WORDS * len(mine | theirs)
        else:
            mine, theirs = anchors[id(provision)] - common, anchors[id(other)] - common
            shared = len(mine & theirs)
            agrees = shared > 0 and 2 * shared >= min(len(mine), len(theirs))
        agreeing += agrees
    return agreeing / total
