"""The build pipeline end to end: it publishes dumps, store and report; it is deterministic; and a
build that fails or is killed never replaces the last good store."""

from __future__ import annotations

import fcntl
import hashlib
import importlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import BNode, Graph

import kb
from kb.corpus import default_corpus_dir
from kb.errors import CorpusError, InputError, ValidationError
from kb.graph import CanonicalWriter, canonical_ntriples

pytestmark = pytest.mark.long_tests


def _answers(build_dir: Path) -> int:
    """How many provisions the current release's store holds (opens it read-only, as a reader)."""
    with kb.open_store(kb.current_release(build_dir).store_path) as store:
        result = store.select("PREFIX kb: <https://w3id.org/iacml-kb/ontology#> "
                              "SELECT (COUNT(?p) AS ?n) WHERE { ?p a kb:Provision }")
        return int(str(result.rows[0][0]))


def test_release_holds_every_artefact(built_release: kb.Release) -> None:
    for name in ("kb.nt", "kb.ttl", "kb.jsonld", "context.jsonld", "report.json"):
        assert (built_release.path / name).stat().st_size > 0
    context = json.loads((built_release.path / "context.jsonld").read_text(encoding="utf-8"))
    assert context == kb.jsonld_context() and context["@context"]["kb"] == kb.PREFIXES["kb"]
    document = json.loads(built_release.dump("jsonld").read_bytes())
    assert document["@context"] == context["@context"] and len(document["@graph"]) > 100  # embedded
    report = built_release.report()
    assert report["content_hash"] and report["version"].endswith(report["content_hash"][:12])
    assert set(report["timings_seconds"]) >= {"corpus", "parse", "annotate", "graph", "validate"}
    assert report["counts_per_class"]["https://w3id.org/iacml-kb/ontology#Recommendation"] >= 21
    nt = built_release.dump("nt").read_bytes()
    turtle, jsonld = Graph().parse(built_release.dump("ttl")), Graph().parse(built_release.dump("jsonld"))
    dataset = built_release.dataset_path.read_bytes().count(b"\n")
    assert len(turtle) == len(jsonld) == nt.count(b"\n") + dataset == report["triples"] + dataset


def test_the_dumps_and_the_store_hold_the_same_triples(built_release: kb.Release) -> None:
    """kb.nt (with dataset.nt), kb.ttl, kb.jsonld and what the store answers are one graph, term for
    term: a datatype the store would normalise (xsd:nonNegativeInteger -> xsd:integer) is not used."""
    def triples(graph: Graph) -> set[tuple[str, ...]]:
        assert not any(isinstance(term, BNode) for triple in graph for term in triple)
        return {tuple(term.n3() for term in triple) for triple in graph}

    nt = Graph().parse(built_release.dump("nt")).parse(built_release.dataset_path)
    expected = triples(nt)
    for fmt in ("ttl", "jsonld"):
        assert triples(Graph().parse(built_release.dump(fmt))) == expected, fmt
    with kb.open_store(built_release.store_path) as store:
        assert triples(store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")) == expected


def test_canonical_ntriples_are_sorted_and_byte_identical_across_builds(tmp_path: Path) -> None:
    first = kb.assemble().nt
    second = kb.assemble().nt
    assert first == second
    lines = first.decode("utf-8").splitlines()
    assert lines == sorted(set(lines))
    assert not any(line.startswith("_:") for line in lines)


def test_a_failing_build_keeps_the_previous_store(tmp_path: Path) -> None:
    build_dir = tmp_path / "build"
    good, _ = kb.build(build_dir=build_dir)
    before = _answers(build_dir)
    corpus = tmp_path / "corpus"
    shutil.copytree(default_corpus_dir(), corpus)
    source = corpus / "sources" / "002_02cb97b6c04033b0.txt"
    source.write_bytes(source.read_bytes() + b"\nappended\n")
    with pytest.raises(CorpusError, match="checksum mismatch"):
        kb.build(corpus, build_dir)
    assert kb.current_release(build_dir).path == good.path
    assert _answers(build_dir) == before > 0


def test_a_graph_that_does_not_validate_is_not_published(tmp_path: Path) -> None:
    build_dir = tmp_path / "build"
    good, _ = kb.build(build_dir=build_dir)
    corpus = tmp_path / "corpus"
    shutil.copytree(default_corpus_dir(), corpus)
    # The loader accepts it, but the shapes refuse it: an addressee link must start at a provision.
    (corpus / "annotations" / "zz-test.yaml").write_text(
        "links:\n  - from: activity:ws2023-education-labor\n    type: addressee\n    to: body:oas\n"
        "    evidence:\n      - doc: ws2023-descriptive-document\n"
        '        quote: "This is an activity of the Inter-American Network for Labor Administration of the OAS"\n')
    with pytest.raises(ValidationError) as info:
        kb.build(corpus, build_dir)
    assert info.value.exit_code == 1
    assert any("kb:addressee link must go from a kb:Provision" in r and "zz-test.yaml:2" in r
               for r in info.value.results)
    assert kb.current_release(build_dir).path == good.path


def test_a_build_killed_while_publishing_leaves_the_last_good_store(tmp_path: Path) -> None:
    build_dir = tmp_path / "build"
    kb.build(build_dir=build_dir)
    good = kb.current_release(build_dir).path
    before = _answers(build_dir)
    killed = False
    for _ in range(10):  # the staging window is short: try until a kill lands inside it
        proc = subprocess.Popen([sys.executable, "-m", "kb.cli", "build", "--quiet", "--build-dir", str(build_dir)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            if any(p.is_dir() for p in build_dir.glob(".staging-*")):
                os.kill(proc.pid, signal.SIGKILL)
                killed = True
                break
            time.sleep(0.002)
        proc.wait()
        if killed:
            break
        kb.build(build_dir=build_dir)  # it finished first: make sure a good one is current, retry
        good = kb.current_release(build_dir).path
    assert killed, "could not kill a build inside its publish step"
    assert any(build_dir.glob(".staging-*")), "the killed build left its staging folder"
    assert kb.current_release(build_dir).path == good
    assert _answers(build_dir) == before
    release, _ = kb.build(build_dir=build_dir)  # the next build cleans up and publishes
    assert not any(build_dir.glob(".staging-*"))
    assert kb.current_release(build_dir).path == release.path


def test_a_release_interrupted_before_it_became_current_is_not_kept(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Interrupted between its move into releases/ and the switch of `current`, a release was left there,
    never current, and counted among the newest that pruning keeps."""
    build_dir = tmp_path / "build"
    kb.build(build_dir=build_dir)
    good = kb.current_release(build_dir).path
    publish = importlib.import_module("kb.publish")

    def interrupted(build: Path, target: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(publish, "swap_current", interrupted)
    with pytest.raises(KeyboardInterrupt):
        kb.build(build_dir=build_dir)
    assert kb.current_release(build_dir).path == good
    assert sorted((build_dir / "releases").iterdir()) == [good]
    assert not any(build_dir.glob(".staging-*"))


STAGES_AFTER_ANNOTATE = ("graph", "rules", "validate", "publish")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_build_interrupted_mid_build_says_so_and_keeps_the_published_release(tmp_path: Path,
                                                                              sig: signal.Signals) -> None:
    """Ctrl-C (or a service manager's SIGTERM) in the middle of `kb build`: not a success (`kb build && kb
    serve` must stop), one line naming the stage and the release still published, its work cleaned up."""
    build_dir = tmp_path / "build"
    good, _ = kb.build(build_dir=build_dir)
    before = _answers(build_dir)
    # Started as from a shell, Ctrl-C's default restored: a process inherits an ignored SIGINT (the test worker's
    # may be, after what ran before it in the same process), and Python then never raises KeyboardInterrupt.
    proc = subprocess.Popen([sys.executable, "-m", "kb.cli", "build", "--build-dir", str(build_dir)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert proc.stderr is not None
    for line in proc.stderr:  # the stages it says as each starts
        if line.strip() == "graph...":
            proc.send_signal(sig)
            break
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 128 + sig, (proc.returncode, err)
    assert not out, "it says nothing was built"
    message = err.strip().splitlines()[-1]
    stage = message.removeprefix(f"error: build interrupted by {sig.name} at stage ").split(":")[0]
    assert stage in STAGES_AFTER_ANNOTATE, message
    assert (f"nothing was published; the published release {good.version} in {build_dir} is unchanged"
            in message), message
    assert kb.current_release(build_dir).path == good.path and _answers(build_dir) == before
    assert [p.name for p in (build_dir / "releases").iterdir()] == [good.version]
    assert not list(build_dir.glob(".work-*")) and not list(build_dir.glob(".staging-*")), "its folders removed"
    with open(build_dir / ".lock") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released: the next build may start


def test_only_the_last_releases_are_kept(tmp_path: Path) -> None:
    build_dir = tmp_path / "build"
    for _ in range(4):  # one more than are kept
        kb.build(build_dir=build_dir)
    releases = [p for p in (build_dir / "releases").iterdir() if p.is_dir()]
    assert len(releases) == 3 and kb.current_release(build_dir).path in [p.resolve() for p in releases]


def test_report_json_is_valid_and_names_the_checks(built_release: kb.Release) -> None:
    report = json.loads(built_release.report_path.read_text())
    assert "dangling-reference" in report["checks_run"]
    assert report["documents"]["wg1-2021-final-report"]["provisions"] > 36


def test_canonical_writer_spilling_runs_gives_the_same_bytes_as_sorting_at_once(tmp_path: Path) -> None:
    graph = kb.assemble().graph
    expected = canonical_ntriples(graph)
    writer = CanonicalWriter(tmp_path, run_lines=1000)  # dozens of sorted runs on disk, merged
    triples = list(graph)
    for start in range(0, len(triples), 700):  # pieces that overlap the runs, with repeated triples
        piece = Graph()
        for triple in triples[start:start + 900]:
            piece.add(triple)
        writer.add_graph(piece)
    result = writer.finish(tmp_path / "merged.nt")
    merged = result.path.read_bytes()
    assert merged == expected
    assert result.triples == len(graph) == expected.count(b"\n")
    assert result.sha256 == hashlib.sha256(expected).hexdigest()
    assert [p.name for p in tmp_path.iterdir()] == ["merged.nt"]  # the runs are gone


def test_an_on_disk_staging_store_publishes_the_same_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           built_release: kb.Release) -> None:
    """Large graphs are checked in an on-disk staging store that is then published as it is: the
    release is the same as with the in-memory staging store, and its store answers."""
    monkeypatch.setenv("KB_STAGING_MEMORY_TRIPLES", "0")
    build_dir = tmp_path / "build"
    release, report = kb.build(build_dir=build_dir)
    assert release.dump("nt").read_bytes() == built_release.dump("nt").read_bytes()
    assert report["counts_per_class"] == built_release.report()["counts_per_class"]
    assert _answers(build_dir) == report["counts_per_class"]["https://w3id.org/iacml-kb/ontology#Provision"]
    with kb.open_store(release.store_path) as store:  # the dataset description was added at publishing
        assert store.ask("ASK { <https://w3id.org/iacml-kb/dataset> ?p ?o }")
    assert not list(build_dir.glob(".work-*")), "the build removed its work folder"


def test_a_staging_memory_limit_that_is_not_a_number_is_an_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KB_STAGING_MEMORY_TRIPLES", "lots")
    with pytest.raises(InputError, match="KB_STAGING_MEMORY_TRIPLES"):
        kb.assemble()


def test_the_work_folder_of_a_dead_build_is_removed_by_the_next(tmp_path: Path) -> None:
    build_dir = tmp_path / "build"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True).stdout.strip()
    abandoned = build_dir / f".work-{dead}-1"
    (abandoned / "store").mkdir(parents=True)
    (abandoned / "kb.nt").write_bytes(b"left behind\n")
    kb.build(build_dir=build_dir)
    assert not abandoned.exists()
    assert not list(build_dir.glob(".work-*"))


def test_every_provision_has_its_place_in_the_reading_order(built_release: kb.Release) -> None:
    """kb:sequence numbers the provisions 1..N once each: documents in IRI order; in a held document
    by start offset (a parent before the parts that start with it), elsewhere by eId in natural order."""
    from kb.iri import eid_sort_key

    query = """PREFIX kb: <https://w3id.org/iacml-kb/ontology#>
    SELECT ?provision ?document ?eId ?start ?sequence WHERE {
      ?provision a kb:Provision ; kb:inDocument ?document ; kb:eId ?eId .
      OPTIONAL { ?provision kb:sequence ?sequence }
      OPTIONAL { ?provision kb:startOffset ?start }
    }"""
    with kb.open_store(built_release.store_path) as store:
        rows = store.select(query).dicts()
    assert len(rows) > 400
    assert all("sequence" in r for r in rows), "every provision has a kb:sequence"
    rows.sort(key=lambda r: int(str(r["sequence"])))
    assert [int(str(r["sequence"])) for r in rows] == list(range(1, len(rows) + 1))
    expected = sorted(rows, key=lambda r: (str(r["document"]), int(str(r["start"])) if "start" in r else 0,
                                           eid_sort_key(str(r["eId"]))))
    assert [r["provision"] for r in rows] == [r["provision"] for r in expected]
    plan = [str(r["eId"]) for r in rows if str(r["document"]).endswith("/iacml21-plan-of-action")]
    assert plan.index("passage_2__item_2") < plan.index("passage_2__item_10"), "natural order, not text order"
    held = [str(r["eId"]) for r in rows if str(r["document"]).endswith("/wg1-2021-final-report")]
    assert held.index("sec_4") < held.index("recommendation_7") < held.index("recommendation_10")


def test_two_provisions_in_one_place_of_the_reading_order_are_reported() -> None:
    from kb.queries import default_queries_dir
    from kb.validate import check_results

    checks = default_queries_dir() / "checks"
    kb_ns = "https://w3id.org/iacml-kb/ontology#"
    nt = "".join(f'<{kb.BASE}doc/d/{eid}> <{kb_ns}sequence> "{n}"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
                 for eid, n in (("sec_1", 1), ("sec_2", 2), ("sec_3", 2))).encode()
    problems, names = check_results(nt, checks, {})
    assert "sequence-unique" in names
    reported = [p for p in problems if "[check sequence-unique]" in p]
    assert len(reported) == 2 and all("kb:sequence 2 is also that of" in p for p in reported)
    assert not any("sec_1" in p for p in reported)


def test_a_title_neither_english_nor_the_cover_s_is_reported() -> None:
    from kb.queries import default_queries_dir
    from kb.validate import check_results

    dc, kb_ns = "http://purl.org/dc/terms/", "https://w3id.org/iacml-kb/ontology#"

    def document(slug: str, title: str, language: str, alternative: str | None) -> str:
        node = f"<{kb.BASE}doc/{slug}>"
        return (f"{node} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{kb_ns}Document> .\n"
                f"{node} <{dc}title> {title} .\n{node} <{dc}language> \"{language}\" .\n"
                + (f"{node} <{dc}alternative> {alternative} .\n" if alternative else ""))

    nt = (document("english", '"Plan of Action"@en', "es", '"Plan de Acción"@es')
          + document("as-printed", '"Plan de Acción"@es', "es", '"Plan de Acción"@es')
          + document("other-words", '"Plan de Acción"@es', "es", '"Plan de acción de Lima"@es')
          + document("other-language", '"Plan de Acción"@es', "pt", '"Plan de Acción"@es')).encode()
    problems, names = check_results(nt, default_queries_dir() / "checks", {})
    assert "title-language" in names
    reported = sorted(p.split(":", 2)[1] for p in problems if "[check title-language]" in p)
    assert reported == [f"//w3id.org/iacml-kb/doc/{slug}" for slug in ("other-language", "other-words")], problems


def test_a_second_build_says_at_once_that_one_is_running(tmp_path: Path) -> None:
    build_dir = tmp_path / "build"
    from kb.publish import build_lock

    with build_lock(build_dir):  # a build in progress holds the folder from its start
        out = subprocess.run([sys.executable, "-m", "kb.cli", "build", "--build-dir", str(build_dir)],
                             capture_output=True, text=True, timeout=300)
    assert out.returncode == kb.errors.EXIT_BUSY == 75, out.stderr
    assert "another build is running in" in out.stderr and "wait for it to finish" in out.stderr
    assert [p.name for p in build_dir.iterdir()] == [".lock"], "it did no work: no work folder, no release"
    release, _ = kb.build(build_dir=build_dir)  # and once the first is done, the next one builds
    assert kb.current_release(build_dir).path == release.path
