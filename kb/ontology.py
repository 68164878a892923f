"""The ontology files of the knowledge base: where they are and how to load them.

Four files live in the ``ontology/`` folder at the top of the repository:

- ``kb-core.owl``: the OWL core of the ``kb:`` namespace, in RDF/XML so that owlready2 and its
  HermiT reasoner can load it offline. Free of blank nodes: the build loads it into the store.
- ``alignments.ttl``: sub-class / sub-property axioms relating ``kb:`` terms to ELI, PROV-O, W3C
  ORG, SKOS, Web Annotation, DCTERMS and CiTO. Free of blank nodes.
- ``topics.ttl``: the SKOS concept scheme ``https://w3id.org/iacml-kb/topic/scheme``. Free of blank
  nodes: the build loads it into the store.
- ``shapes.ttl``: the SHACL shapes (core constraints only) that validate every build. Only used by
  pySHACL, never loaded into the store.

Where the folder is found. The folder sits next to the ``kb`` package, at
``Path(__file__).resolve().parent.parent / "ontology"``. That is the repository root in a checkout
and in an editable install, which is how the knowledge base is built and served (the corpus under
``corpus/`` must be next to it anyway). A non-editable install (a wheel) does not carry the folder,
because ``pyproject.toml`` packages only ``kb`` and ``api``; for that case the environment
variable ``IACML_KB_ONTOLOGY_DIR`` names the folder explicitly (for example a copy shipped with a
deployment). The data files are deliberately not duplicated inside the package: one copy, one
truth. :func:`ontology_dir` raises :class:`~kb.errors.InputError` with both options when neither
location has the files.

Validation. Validate as ``tests/test_ontology.py`` does::

    pyshacl.validate(data, shacl_graph=shapes_graph(), ont_graph=core_graph(), inference="none")

pySHACL resolves ``sh:targetClass`` and ``sh:class`` over the ``rdfs:subClassOf`` triples found in
the data graph, so those of the core must be there: ``ont_graph`` mixes them (and the core's named
individuals) into a copy of the data graph. A data graph that already contains the core (the
built graph merges :func:`store_graph`'s files) gives the same results without ``ont_graph``, and
slightly faster, since pySHACL then validates in place (``kb/validate.py`` does that). No RDFS or
OWL inference is run either way.

Caching. Each loader parses its file once per process (``functools.lru_cache``) and returns that
one shared :class:`rdflib.Graph`. Callers must not mutate it; to add triples, copy it first
(``g = Graph(); g += core_graph()``) or use :func:`store_graph`, which returns a fresh graph.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from rdflib import RDFS, Graph, Literal

from kb.errors import InputError
from kb.iri import KB

ONTOLOGY_DIR_ENV = "IACML_KB_ONTOLOGY_DIR"
"""Environment variable naming the ontology folder when the package is installed without it."""

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
"""The ontology folder of the checkout this package lives in (may be absent in a wheel install)."""

CORE_FILE = "kb-core.owl"
ALIGNMENTS_FILE = "alignments.ttl"
TOPICS_FILE = "topics.ttl"
SHAPES_FILE = "shapes.ttl"

ONTOLOGY_IRI = "https://w3id.org/iacml-kb/ontology"
SHAPES_NS = "https://w3id.org/iacml-kb/shapes#"
TOPIC_SCHEME_IRI = "https://w3id.org/iacml-kb/topic/scheme"


def ontology_dir() -> Path:
    """The folder holding the ontology files: ``$IACML_KB_ONTOLOGY_DIR`` if set, else :data:`ONTOLOGY_DIR`."""
    override = os.environ.get(ONTOLOGY_DIR_ENV)
    folder = Path(override).expanduser().resolve() if override else ONTOLOGY_DIR
    if not (folder / CORE_FILE).is_file():
        raise InputError(
            f"ontology folder {folder} has no {CORE_FILE}",
            hint=(
                f"run from a checkout of the repository (or an editable install), "
                f"or set {ONTOLOGY_DIR_ENV} to a folder holding {CORE_FILE}, {ALIGNMENTS_FILE}, "
                f"{TOPICS_FILE} and {SHAPES_FILE}"
            ),
        )
    return folder


def core_path() -> Path:
    """Path of ``kb-core.owl`` (RDF/XML)."""
    return ontology_dir() / CORE_FILE


def alignments_path() -> Path:
    """Path of ``alignments.ttl``."""
    return ontology_dir() / ALIGNMENTS_FILE


def topics_path() -> Path:
    """Path of ``topics.ttl``."""
    return ontology_dir() / TOPICS_FILE


def shapes_path() -> Path:
    """Path of ``shapes.ttl``."""
    return ontology_dir() / SHAPES_FILE


def _parse(path: Path, rdf_format: str) -> Graph:
    graph = Graph()
    try:
        graph.parse(path, format=rdf_format)
    except Exception as exc:  # rdflib raises many unrelated types (SAX, BadSyntax, OSError...)
        raise InputError(f"{path}: cannot parse as {rdf_format}: {exc}", hint="fix the file") from exc
    return graph


@lru_cache(maxsize=1)
def core_graph() -> Graph:
    """``kb-core.owl`` parsed (shared and cached: do not mutate)."""
    return _parse(core_path(), "xml")


@lru_cache(maxsize=1)
def alignments_graph() -> Graph:
    """``alignments.ttl`` parsed (shared and cached: do not mutate)."""
    return _parse(alignments_path(), "turtle")


@lru_cache(maxsize=1)
def topics_graph() -> Graph:
    """``topics.ttl`` parsed (shared and cached: do not mutate)."""
    return _parse(topics_path(), "turtle")


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """``shapes.ttl`` parsed (shared and cached: do not mutate)."""
    return _parse(shapes_path(), "turtle")


def store_graph() -> Graph:
    """A fresh graph with what the build loads into the store next to the data: core, alignments, topics.

    The three files are free of blank nodes, so the union serialises to canonical N-Triples
    deterministically. The caller owns the returned graph and may add to it.
    """
    graph = Graph()
    for part in (core_graph(), alignments_graph(), topics_graph()):
        graph += part
    return graph


def link_type_name(link_type: str, language: str) -> str:
    """A trace link's type as people read it in ``language``: in English its name (``respondsTo``, as the
    API, the queries and DESIGN.md name it), in another language the core's label of the property there
    ("responde a"), else its name."""
    if language == "en":
        return link_type
    for label in core_graph().objects(KB[link_type], RDFS.label):
        if isinstance(label, Literal) and (label.language or "").lower() == language.lower():
            return str(label).lower()
    return link_type


def clear_caches() -> None:
    """Forget the parsed graphs (for tests that edit the files or change the ontology folder)."""
    for loader in (core_graph, alignments_graph, topics_graph, shapes_graph):
        loader.cache_clear()
