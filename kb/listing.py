"""The provision listing's query texts: one for each kind of provision (or any kind) and set of filters.

It owns how the read side's provision listings (``/api/provisions``, ``/api/mandates``) ask the
store: the closed list of kinds a text may name, the filters (``body``, ``topic``), and the texts
themselves, made once from ``queries/rest/provisions.rq`` (a template: ``${projection}`` and
``${pattern}``) and its parts (``provisions-any-kind.rq``, ``provisions-of-kind.rq`` with ``${kind}``,
``provisions-by-{filter}.rq``). A kind is written into a text only from :data:`PROVISION_KINDS`, so
that Oxigraph's planner starts from a constant class; every value a caller gives (the document, each
filter's body or topic) is bound as a parameter of the same name, never written into the text.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Mapping
from string import Template
from types import MappingProxyType

from kb.errors import QueryError
from kb.queries import get_query
from kb.store import vouch

PROVISION_KINDS = ("Mandate", "Recommendation", "Finding", "Objective", "Question", "Section", "List", "Paragraph",
                   "Item", "AgendaItem", "VersionProvision")
PROVISION_FILTERS = ("body", "topic")  # sorted: the order their variables and lines are added in
FOLDER = "rest"

ListingKey = tuple[str | None, tuple[str, ...]]


@functools.cache
def provision_queries() -> Mapping[ListingKey, str]:
    """Every text the provision listing runs, by kind (None: any kind) and filters (sorted), made once."""
    frame = Template(get_query("provisions", folder=FOLDER).body)
    any_kind = get_query("provisions-any-kind", folder=FOLDER).body
    of_kind = Template(get_query("provisions-of-kind", folder=FOLDER).body)
    by = {name: get_query(f"provisions-by-{name}", folder=FOLDER) for name in PROVISION_FILTERS}
    texts: dict[ListingKey, str] = {}
    for kind in (None, *PROVISION_KINDS):
        for count in range(len(PROVISION_FILTERS) + 1):
            for filters in itertools.combinations(PROVISION_FILTERS, count):
                pattern = of_kind.substitute(kind=kind) if kind else any_kind
                projection = "".join(f" ?{p.name}" for name in filters for p in by[name].params)
                texts[(kind, filters)] = vouch(frame.substitute(
                    projection=projection, pattern=pattern + "".join(by[name].body for name in filters)))
    return MappingProxyType(texts)


def provisions_query(kind: str | None, filters: Iterable[str] = ()) -> str:
    """The text for a kind (None: any kind) and the filters given (``body``, ``topic``, in any order);
    the document is always bindable (``?document``), each filter's value as ``?body`` or ``?topic``."""
    given = tuple(sorted(filters))
    found = provision_queries().get((kind, given))
    if found is None:
        unknown = [name for name in given if name not in PROVISION_FILTERS]
        if unknown:
            raise QueryError(f"no provision filter {unknown[0]!r}", hint=f"filters: {', '.join(PROVISION_FILTERS)}")
        if kind is not None and kind not in PROVISION_KINDS:
            raise QueryError(f"no kind of provision {kind!r}", hint=f"kinds: {', '.join(PROVISION_KINDS)}")
        raise QueryError(f"a filter is given twice: {', '.join(given)}")
    return found
