"""HTTP content negotiation: reading ``Accept`` headers and choosing among the media types offered.

One function decides, for every route that offers several representations (SPARQL results, RDF
graphs, item pages): :func:`choose`. The most specific media range that matches an offer gives
its quality (``text/turtle`` over ``text/*`` over ``*/*``); among offers of equal quality, the one
the client listed first wins, then the server's order. No ``Accept`` header means the server's
first offer; an ``Accept`` that excludes every offer gives None (the caller answers 406).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MAX_RANGES = 64  # an Accept header longer than this is read up to here


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    quality: float
    position: int

    def specificity(self, offer: str) -> int:
        """3 for an exact match, 2 for type/*, 1 for */*, 0 for no match."""
        kind, _, sub = offer.partition("/")
        if self.type == "*" and self.subtype == "*":
            return 1
        if self.type != kind:
            return 0
        if self.subtype == "*":
            return 2
        return 3 if self.subtype == sub else 0


def _quality(params: Sequence[str]) -> float:
    """The ``q`` of a range's parameters (RFC 9110 12.4.2): 1 when absent, 0 when unreadable, clipped to 0..1."""
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            try:
                return min(max(float(value.strip()), 0.0), 1.0)
            except ValueError:
                return 0.0
    return 1.0


def parse_accept(header: str) -> list[MediaRange]:
    """The media ranges of an Accept header; malformed entries are skipped."""
    ranges: list[MediaRange] = []
    for position, item in enumerate(header.split(",")[:MAX_RANGES]):
        media, *params = (part.strip() for part in item.split(";"))
        kind, slash, sub = media.lower().partition("/")
        if not slash or not kind or not sub or (kind == "*" and sub != "*"):
            continue
        ranges.append(MediaRange(kind, sub, _quality(params), position))
    return ranges


def choose(accept: str | None, offers: Sequence[str]) -> str | None:
    """The offer the client prefers (see the module docstring), or None if it accepts none."""
    if not offers:
        return None
    if accept is None or not accept.strip():
        return offers[0]
    ranges = parse_accept(accept)
    if not ranges:
        return offers[0]
    best: tuple[float, int, int, int] | None = None
    chosen: str | None = None
    for order, offer in enumerate(offers):
        matches = [(r.specificity(offer), r) for r in ranges]
        matches = [(s, r) for s, r in matches if s > 0]
        if not matches:
            continue
        top = max(s for s, _ in matches)
        at_top = [r for s, r in matches if s == top]
        quality = min(r.quality for r in at_top)
        position = min(r.position for r in at_top)
        if quality <= 0:
            continue
        key = (quality, top, -position, -order)
        if best is None or key > best:
            best, chosen = key, offer
    return chosen


def _html_first(accept: str | None, others: Sequence[str]) -> bool:
    """True when a browser-like Accept (naming HTML) puts HTML above each of ``others``."""
    return bool(accept) and choose(accept, ["text/html", *others]) == "text/html" and "html" in str(accept).lower()


def prefers_html(accept: str | None) -> bool:
    """True when a browser-like Accept puts HTML above every RDF syntax."""
    return _html_first(accept, ["text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml"])


def prefers_html_to_json(accept: str | None) -> bool:
    """True when a browser-like Accept puts HTML above JSON and the SPARQL results formats (an error is then a
    page; ``text/html;q=0.1, application/json`` asks for the JSON)."""
    return _html_first(accept, ["application/json", "application/problem+json", "application/sparql-results+json",
                                "application/sparql-results+xml"])


def choose_language(accept_language: str | None, offers: Sequence[str]) -> str | None:
    """The offered language (a primary subtag: ``es``) an ``Accept-Language`` header prefers (RFC 9110 12.5.4,
    basic filtering): ``es-MX`` and ``es`` match ``es``, ``*`` any offer not named otherwise, ``q=0`` refuses;
    among equal qualities the more specific range, then the one listed first. None when it names none."""
    if not accept_language:
        return None
    best: tuple[float, int, int] | None = None
    chosen: str | None = None
    ranges = []
    for position, item in enumerate(accept_language.split(",")[:MAX_RANGES]):
        tag, *params = (part.strip() for part in item.split(";"))
        if tag:
            ranges.append((tag.lower(), _quality(params), position))
    for offer in offers:
        named = [(q, p, 2 if tag == offer else 1) for tag, q, p in ranges
                 if tag == offer or tag.startswith(offer + "-")]
        if not named:
            named = [(q, p, 0) for tag, q, p in ranges if tag == "*"]
        if not named:
            continue
        quality, position, specificity = max(named, key=lambda n: (n[2], n[0], -n[1]))
        if quality <= 0:
            continue
        key = (quality, specificity, -position)
        if best is None or key > best:
            best, chosen = key, offer
    return chosen
