"""Example values for the OpenAPI description: real items of the shipped corpus, so that a client trying
an example (Swagger UI's "Try it out", schemathesis's explicit examples) gets an answer, not a 404.

They name items of ``corpus/`` (documents, provisions, bodies, topics, activities, and the trace links,
quotes and statuses the build derives from them, whose hash slugs are stable for the same corpus). A
corpus without one of them still serves: its example then gets a 404 saying so.
"""

from __future__ import annotations

import re

import kb

DOCUMENT = "iacml21-plan-of-action"
EID = "art_7__para_g"
PROVISION_PATH = f"doc/{DOCUMENT}/{EID}"
PROVISION_IRI = kb.BASE + PROVISION_PATH
DATE = "2022-12-31"
BODY = "ilo-cinterfor"
TOPIC = "qualifications-frameworks"
ACTIVITY = "ws2023-education-labor"
WORDS = "apprenticeship"
# one slug per kind of IRI path (api.linked_data.KINDS)
KIND_SLUGS = {"activity": ACTIVITY, "body": BODY, "topic": TOPIC, "link": "009b4b0f1ba8b151",
              "evidence": "0015f7011d110a63", "claim": "13ba34466c084558", "disagreement": "cie-name",
              "status": "03096d982683efc9", "rule": "10-response-fulfilled"}
# a named query's parameter without an "e.g." in its description: an example by its type
BY_TYPE = {"date": DATE, "iri": PROVISION_IRI, "integer": "2", "string": WORDS}
_EXAMPLE_RE = re.compile(r"\be\.g\.\s+(\S+)")


def from_description(description: str) -> str:
    """The value a description gives as an example (``e.g. VALUE``), or nothing."""
    found = _EXAMPLE_RE.search(description)
    return found.group(1).rstrip(".,;:)") if found else ""
