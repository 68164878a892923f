"""Coverage of the curation: which provisions carry trace links and topics, and which do not.

It owns the coverage report behind ``kb coverage``: per document and provision kind, how many
provisions carry at least one trace link (other than ``hasTopic`` and ``addressee``, which say what a
provision is about and who is to act, not where it came from or what answered it) and at least one topic, and
the list of those that do not, with the curator's reason where one was recorded. Mandates and
numbered recommendations must all be linked or marked (``no_link`` in the annotations): the
report says whether they are.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from kb.errors import NotFoundError
from kb.queries import get_query
from kb.status import version_of
from kb.store import Store, effective_boolean

MUST_BE_COVERED = ("Mandate", "Recommendation")


@dataclass
class KindCoverage:
    total: int = 0
    linked: int = 0
    with_topic: int = 0
    marked: int = 0  # not linked, but explicitly marked with a reason
    missing: list[dict[str, str]] = field(default_factory=list)  # provisions lacking a link or a topic


@dataclass
class CoverageReport:
    documents: dict[str, dict[str, KindCoverage]] = field(default_factory=dict)

    def uncovered(self) -> list[str]:
        """Mandates and recommendations neither linked nor marked: must be empty."""
        return [m["provision"] for kinds in self.documents.values() for kind, cov in kinds.items()
                if kind in MUST_BE_COVERED for m in cov.missing if m["linked"] == "no" and not m["reason"]]

    def totals(self, kind: str) -> KindCoverage:
        out = KindCoverage()
        for kinds in self.documents.values():
            if kind in kinds:
                c = kinds[kind]
                out.total += c.total
                out.linked += c.linked
                out.with_topic += c.with_topic
                out.marked += c.marked
        return out


def coverage(store: Store, document: str | None = None) -> CoverageReport:
    """The coverage report of the published knowledge base, or of one document's provisions (by slug); a
    language version's are its original's (kb.versions: its provisions are the original's, said in another
    language), reported under the original's slug."""
    if document is not None:
        document = version_of(store, document) or document
    report = CoverageReport()
    seen: set[str] = set()
    for row in store.select(get_query("coverage").text).dicts():
        doc = str(row["document"]).rsplit("/", 1)[-1]
        seen.add(doc)
        if document is not None and doc != document:
            continue
        kind = str(row["kind"]).rsplit("#", 1)[-1]
        linked = effective_boolean(row.get("linked"))
        topic = effective_boolean(row.get("topic"))
        reason = str(row.get("noLinkReason") or "")
        cov = report.documents.setdefault(doc, {}).setdefault(kind, KindCoverage())
        cov.total += 1
        cov.linked += linked
        cov.with_topic += topic
        cov.marked += (not linked) and bool(reason)
        if not (linked and topic):
            cov.missing.append({"provision": str(row["provision"]), "eId": str(row["eId"]),
                                "linked": "yes" if linked else "no", "topic": "yes" if topic else "no",
                                "reason": reason})
    if document is not None and document not in seen:
        close = difflib.get_close_matches(document, sorted(seen), n=1)
        raise NotFoundError(f"no document {document!r} with provisions in this build", parameter="document",
                            hint=(f"did you mean {close[0]}? " if close else "") + "`kb list documents` lists them")
    return report
