"""The public IRI contract (DESIGN.md section 3) and the RDF namespaces.

Report authors cite these IRIs in print: the functions here are the only place that makes them,
and tests pin their shape. Everything under ``BASE`` is ours; the server serves the same paths on
its own host.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from typing import Any

from rdflib import Namespace, URIRef

from kb.errors import InputError

BASE = "https://w3id.org/iacml-kb/"
ONTOLOGY = BASE + "ontology#"

KB = Namespace(ONTOLOGY)
ELI = Namespace("http://data.europa.eu/eli/ontology#")
PROV = Namespace("http://www.w3.org/ns/prov#")
ORG = Namespace("http://www.w3.org/ns/org#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
OA = Namespace("http://www.w3.org/ns/oa#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
CITO = Namespace("http://purl.org/spar/cito/")
SH = Namespace("http://www.w3.org/ns/shacl#")

PREFIXES: dict[str, str] = {
    "kb": ONTOLOGY,
    "eli": str(ELI),
    "prov": str(PROV),
    "org": str(ORG),
    "skos": str(SKOS),
    "oa": str(OA),
    "dcterms": str(DCTERMS),
    "cito": str(CITO),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

CONTEXT_IRI = BASE + "context.jsonld"


def jsonld_context() -> dict[str, Any]:
    """The JSON-LD context of the knowledge base (published at ``CONTEXT_IRI`` and in every release as
    ``context.jsonld``): a prefix for each namespace its triples use, so that ``kb:text`` reads as the
    IRI it abbreviates. No ``http``/``https`` prefix: a full IRI key would then be read as a compact one."""
    return {"@context": dict(sorted({**PREFIXES, "void": "http://rdfs.org/ns/void#"}.items()))}


def jsonld_envelope() -> tuple[bytes, bytes]:
    """What goes before and after an expanded JSON-LD array (Oxigraph's output) to make it a document
    with the context embedded: ``{"@context": {...}, "@graph": [...]}``. Embedded, not referenced: a
    reader offline (rdflib fetches remote contexts) still reads it; the same bytes every build."""
    context = json.dumps(jsonld_context()["@context"], sort_keys=True, separators=(",", ":"))
    return f'{{"@context":{context},"@graph":'.encode(), b"}\n"


# as patterns too: the web layer's API description promises exactly these (JSON Schema's regex dialect)
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
EID_PATTERN = r"^[a-z]+_[a-z0-9]+(?:__[a-z]+_[a-z0-9]+)*$"
SLUG_RE = re.compile(SLUG_PATTERN)
EID_RE = re.compile(EID_PATTERN)


def is_slug(value: str) -> bool:
    """True if ``value`` is a well-formed slug: lower-case words joined by hyphens."""
    return bool(SLUG_RE.match(value))


def free_slug(base: str, taken: Callable[[str], bool]) -> str:
    """``base``, or the first of ``base-2``, ``base-3`` ... that is not ``taken``."""
    if not taken(base):
        return base
    n = 2
    while taken(f"{base}-{n}"):
        n += 1
    return f"{base}-{n}"


def is_eid(value: str) -> bool:
    """True if ``value`` is a well-formed Akoma Ntoso eId such as ``art_7__para_g``."""
    return bool(EID_RE.match(value))


def eid_sort_key(eid: str) -> list[tuple[int, int, str]]:
    """Sort key of an eId in reading order: its numbers compared as numbers (``para_2`` before
    ``para_10``), and a parent before its parts (``art_7`` before ``art_7__para_a``)."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part)
            for part in eid.replace("__", "_").split("_")]


def doc_iri(slug: str) -> URIRef:
    return URIRef(f"{BASE}doc/{slug}")


def provision_iri(slug: str, eid: str) -> URIRef:
    return URIRef(f"{BASE}doc/{slug}/{eid}")


def activity_iri(slug: str) -> URIRef:
    return URIRef(f"{BASE}activity/{slug}")


def body_iri(slug: str) -> URIRef:
    return URIRef(f"{BASE}body/{slug}")


def topic_iri(slug: str) -> URIRef:
    return URIRef(f"{BASE}topic/{slug}")


_KINDS = {"body": body_iri, "activity": activity_iri, "topic": topic_iri, "doc": doc_iri}


def resolve_reference(ref: str) -> URIRef:
    """An IRI for what a user typed: a full IRI, a /path on our host, "slug", "slug eId", or
    "body:slug", "activity:slug", "topic:slug" (as in annotation files)."""
    ref = ref.strip()
    if ref.startswith(BASE):
        return URIRef(ref)
    if ref.startswith("/") and len(ref) > 1:
        return URIRef(BASE + ref.lstrip("/"))
    kind, colon, name = ref.partition(":")
    if colon and kind in _KINDS and is_slug(name.strip()):
        return URIRef(_KINDS[kind](name.strip()))
    parts = ref.split()
    if len(parts) == 1 and is_slug(parts[0]):
        return doc_iri(parts[0])
    if len(parts) == 2 and is_slug(parts[0]) and is_eid(parts[1]):
        return provision_iri(parts[0], parts[1])
    if len(parts) == 2 and ":" not in parts[0] and is_slug(parts[0]):
        raise InputError(f"{parts[1]!r} is not an eId", hint="eIds look like art_7__para_g or recommendation_7")
    raise InputError(f"cannot read {ref!r} as an item",
                     hint='give an IRI, a document slug, "slug eId" such as "wg1-2021-final-report para_18", or '
                          '"body:slug", "activity:slug", "topic:slug"')


def content_hash(*parts: str) -> str:
    """A short, stable content hash (16 hex digits of SHA-256) of the given parts."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:16]


def link_iri(*parts: str) -> URIRef:
    return URIRef(f"{BASE}link/{content_hash(*parts)}")


def evidence_iri(*parts: str) -> URIRef:
    return URIRef(f"{BASE}evidence/{content_hash(*parts)}")


def reference(item: str) -> str:
    """An item's IRI as annotation files write it: "slug eId", "slug", "activity:slug", "body:slug"."""
    if item.startswith(BASE + "doc/"):
        return item.removeprefix(BASE + "doc/").replace("/", " ", 1)
    kind, _, slug = item.removeprefix(BASE).partition("/")
    return f"{kind}:{slug}" if slug else item


def split_provision_iri(iri: str) -> tuple[str, str | None] | None:
    """``(slug, eId)`` for a document or provision IRI (eId is None for a document), else None."""
    prefix = BASE + "doc/"
    if not iri.startswith(prefix):
        return None
    rest = iri[len(prefix):]
    slug, _, eid = rest.partition("/")
    if not is_slug(slug) or (eid and not is_eid(eid)):
        return None
    return slug, (eid or None)
