"""The synthetic corpus generator of the build benchmark (bench/synth.py): at scale 2 it writes a
corpus the pipeline accepts, byte-identical for the same seed, with exactly twice the real corpus's
provisions of each kind and twice its annotations."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from fixtures.bench import bench_module

import kb
from kb import ontology
from kb.annotate import load_annotations
from kb.corpus import default_corpus_dir, load_corpus
from kb.model import Annotations, Provision
from kb.pipeline import topic_slugs


@pytest.fixture(scope="module")
def synth() -> ModuleType:
    return bench_module("synth")


@dataclass
class Real:
    """The real corpus up to the annotate stage (validating it is other tests' business)."""

    provisions: dict[str, list[Provision]]
    annotations: Annotations


@pytest.fixture(scope="module")
def real() -> Real:
    corpus = default_corpus_dir()
    documents = load_corpus(corpus)
    provisions = {d.meta.slug: kb.parse(d.text, source=str(d.path), doc_type=d.meta.doc_type) for d in documents}
    topics = topic_slugs(ontology.topics_graph())
    return Real(provisions, load_annotations(corpus / "annotations", documents, provisions, topics))


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _densities(annotations: Annotations) -> Counter[str]:
    links = Counter(link.link_type for link in annotations.links)
    return links + Counter({
        "bodies": len(annotations.bodies), "activities": len(annotations.activities),
        "documents": len(annotations.documents), "claims": len(annotations.claims),
        "no_link": len(annotations.no_link),
        "quoted provisions": sum(len(d.provisions) for d in annotations.documents),
        "evidence": sum(len(link.evidence) for link in annotations.links),
    })


def test_the_same_seed_gives_a_byte_identical_corpus(synth: ModuleType, tmp_path: Path) -> None:
    first, second, other = tmp_path / "first", tmp_path / "second", tmp_path / "other"
    synth.generate(2, first, seed=7)
    synth.generate(2, second, seed=7)
    synth.generate(2, other, seed=8)
    files, other_files = _files(first), _files(other)
    assert files == _files(second)
    sources = sorted(name for name in files if name.startswith("sources/"))
    assert len(sources) == 2 * len(list((synth.REAL_CORPUS / "sources").glob("*.txt")))
    assert sorted(other_files) == sorted(files)
    real = {p.name: p.read_bytes() for p in (synth.REAL_CORPUS / "sources").glob("*.txt")}
    for name in sources:  # another seed gives other prose wherever the generator rewrote any
        rewritten = files[name] != real[name.split("/", 1)[1].split("-", 2)[2]]
        assert files[name] != other_files[name] or not rewritten, name
    assert sum(files[name] != other_files[name] for name in sources) >= len(sources) - 2


def test_a_scale_2_corpus_builds_with_twice_the_real_provisions_and_annotations(
        synth: ModuleType, real: Real, tmp_path: Path) -> None:
    corpus = tmp_path / "synth2"
    synth.generate(2, corpus)
    built = kb.assemble(corpus)
    assert built.validation.conforms, built.validation.violations[:5]
    assert sorted(built.provisions) == sorted(f"synth-{k:05d}-{slug}" for k in (1, 2) for slug in real.provisions)

    def kinds(provisions: dict[str, list[Provision]]) -> Counter[str]:
        return Counter(p.kind.value for provs in provisions.values() for p in provs)

    assert kinds(built.provisions) == Counter({kind: 2 * n for kind, n in kinds(real.provisions).items()})
    assert _densities(built.annotations) == Counter({k: 2 * n for k, n in _densities(real.annotations).items()})
    copy = {slug.removeprefix("synth-00001-"): provisions for slug, provisions in built.provisions.items()
            if slug.startswith("synth-00001-")}
    for slug, provisions in real.provisions.items():
        assert [(p.eid, p.kind, p.parent) for p in copy[slug]] == [(p.eid, p.kind, p.parent) for p in provisions]
