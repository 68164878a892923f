"""The ``kb`` command line as a user runs it: a real subprocess, real exit codes, one-line errors."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import URIRef

import kb
from kb.corpus import default_corpus_dir

REC7 = "https://w3id.org/iacml-kb/doc/wg1-2021-final-report/recommendation_7"


def run(*args: str, build_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    extra = ["--build-dir", str(build_dir)] if build_dir and args[0] not in ("queries",) else []
    return subprocess.run([sys.executable, "-m", "kb.cli", *args, *extra], capture_output=True, text=True,
                          timeout=300)


def test_show_prints_text_iri_parent_and_span(built_release: kb.Release, build_dir: Path) -> None:
    out = run("show", "wg1-2021-final-report recommendation_7", build_dir=build_dir)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == REC7
    assert "text: Instruct ILO-CINTERFOR, OAS and UNESCO to continue working jointly" in out.stdout
    assert "parent: https://w3id.org/iacml-kb/doc/wg1-2021-final-report/sec_4" in out.stdout
    span = next(line for line in lines if line.startswith("span: "))
    start, end = (int(x) for x in span.split()[2].split("-"))
    source = (default_corpus_dir() / "sources" / "002_02cb97b6c04033b0.txt").read_text(encoding="utf-8")
    assert source[start:end].startswith("7. Instruct ILO-CINTERFOR")


def test_show_by_iri_as_json(built_release: kb.Release, build_dir: Path) -> None:
    out = run("show", REC7, "--format", "json", build_dir=build_dir)
    data = json.loads(out.stdout)
    assert data["iri"] == REC7
    kinds = {p["value"] for p in data["properties"] if p["predicate"].endswith("#type") or p["predicate"].endswith(
        "22-rdf-syntax-ns#type")}
    assert "https://w3id.org/iacml-kb/ontology#Recommendation" in kinds


def test_unknown_item_is_one_line_exit_2(built_release: kb.Release, build_dir: Path) -> None:
    out = run("show", "wg1-2021-final-report recommendation_70", build_dir=build_dir)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "no item" in out.stderr and "recommendation_70" in out.stderr


@pytest.mark.parametrize("command", [["show", REC7], ["trace", REC7], ["coverage"], ["status"], ["cite", REC7]])
def test_a_format_a_command_does_not_write_is_refused(built_release: kb.Release, build_dir: Path,
                                                      command: list[str]) -> None:
    out = run(*command, "--format", "xml", build_dir=build_dir)
    assert out.returncode == 2 and "--format 'xml' is not " in out.stderr and not out.stdout


def test_a_mistyped_reference_is_answered_with_the_nearest_names(built_release: kb.Release, build_dir: Path) -> None:
    for command in ("show", "why"):
        out = run(command, "wg1-2024-reprt recommendation_6", build_dir=build_dir)
        assert out.returncode == 2
        assert "no document 'wg1-2024-reprt': did you mean wg1-2024-report" in out.stderr
    out = run("show", "wg1-2024-report recomendation_6", build_dir=build_dir)
    assert out.returncode == 2 and "did you mean wg1-2024-report recommendation_6" in out.stderr
    out = run("show", "body:iacm", build_dir=build_dir)
    assert out.returncode == 2 and "did you mean body:iacml" in out.stderr
    out = run("show", "topic:zzzzzz", build_dir=build_dir)
    assert out.returncode == 2 and "`kb list topics` lists them" in out.stderr
    # held, but not a mandate or recommendation: said what it is, with no hint at a date (a curator asked for a
    # section's status met "not ... known as of 2024-12-31 ... needs a later --as-of")
    out = run("why", "wg1-2024-report para_22", build_dir=build_dir)
    assert out.returncode == 2 and "para_22 is a Finding ('22' as printed), not a mandate or recommendation" in \
        out.stderr and "status is for mandates and recommendations" in out.stderr and "as-of" not in out.stderr
    out = run("why", "wg1-2019-quito-summary sec_1", build_dir=build_dir)
    assert out.returncode == 2 and "sec_1 is a Section ('I' as printed), not a mandate" in out.stderr
    assert "known as of" not in out.stderr and "`kb status --document wg1-2019-quito-summary`" in out.stderr
    out = run("why", "topic:qualifications-frameworks", build_dir=build_dir)
    assert out.returncode == 2 and "qualifications-frameworks is a topic, not a mandate" in out.stderr
    out = run("why", "wg1-2024-report recommendation_6", "--as-of", "2020-01-01", build_dir=build_dir)
    assert out.returncode == 2 and "known as of 2020-01-01" in out.stderr and "later --as-of" in out.stderr


def test_why_and_trace_of_an_item_the_curators_found_no_link_for(built_release: kb.Release,
                                                                 build_dir: Path) -> None:
    """Recommendation 10 of 2024 is open, and the curators wrote why no link was found (just transition, a new
    topic): a walkthrough's curator found that in `kb coverage`, not in `kb why`, and `kb trace` printed the
    item's name alone."""
    out = run("why", "wg1-2024-report recommendation_10", build_dir=build_dir)
    assert out.returncode == 0, out.stderr
    assert "response: no-evidence" in out.stdout
    assert "curators' note (no link found): A new topic: the 2024 report says just transition" in out.stdout
    assert "curators' note" not in run("why", REC7, build_dir=build_dir).stdout
    out = run("trace", "wg1-2024-report recommendation_10", build_dir=build_dir)  # not its name alone
    assert out.returncode == 0 and out.stdout.splitlines()[1].startswith("└─ no trace link: nothing recorded")


def test_trace_of_an_item_with_no_status_does_not_send_to_kb_why(built_release: kb.Release, build_dir: Path) -> None:
    """A walkthrough's curator traced a paragraph and an activity with no link: the answer pointed to `kb why`
    for its status, and `kb why` refused both (a status is a mandate's or a recommendation's)."""
    out = run("trace", "wg1-2019-quito-summary sec_1", build_dir=build_dir)
    assert out.returncode == 0 and out.stdout.splitlines()[1].startswith("└─ no trace link: nothing recorded")
    assert "kb why" not in out.stdout and "`kb show` its addressees and topics" in out.stdout
    assert run("why", "wg1-2019-quito-summary sec_1", build_dir=build_dir).returncode == 2
    out = run("trace", "wg1-2024-report recommendation_10", build_dir=build_dir)  # a recommendation has a status
    assert "`kb why` says what that makes its status" in out.stdout


def test_why_names_the_adopting_provision_an_answer_went_to(built_release: kb.Release, build_dir: Path) -> None:
    """Recommendation 7 is addressed through the mandate that adopted it: the workshop answered Art. 7(g), not
    the recommendation, and a walkthrough's curator read "… respondsTo this" as a link that is not there."""
    out = run("why", REC7, build_dir=build_dir)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    answer = next(line for line in lines if "respondsTo" in line)
    assert "respondsTo iacml21-plan-of-action art_7__para_g (known by" in answer
    assert any("iacml21-plan-of-action art_7__para_g derivedFrom this" in line for line in lines)


def test_coverage_of_one_document(built_release: kb.Release, build_dir: Path) -> None:
    out = run("coverage", "--document", "wg1-2024-report", "--format", "json", build_dir=build_dir)
    assert out.returncode == 0, out.stderr
    assert list(json.loads(out.stdout)) == ["wg1-2024-report"]
    out = run("coverage", "--document", "wg1-2024-reprt", build_dir=build_dir)
    assert out.returncode == 2 and "did you mean wg1-2024-report?" in out.stderr and not out.stdout
    out = run("coverage", "--document", "ws2023-event-page", build_dir=build_dir)  # objectives, questions
    assert out.returncode == 0 and "Mandates: none in ws2023-event-page" in out.stdout and "100%" not in out.stdout


def test_an_unnumbered_provision_is_cited_by_where_it_is(built_release: kb.Release, build_dir: Path) -> None:
    out = run("cite", "wg1-2019-quito-summary sec_3__subsec_1__list_1__item_4", build_dir=build_dir)
    assert out.returncode == 0, out.stderr
    # each section by its number as printed ("III."), not the eId's ordinal (a curator's walkthrough met
    # "section 1, unnumbered paragraph 1" under a section printed "A.")
    assert ", section III, subsection 1, list 1, item 4. " in out.stdout
    assert "sec_3__" not in out.stdout.split("http")[0]
    out = run("cite", "wg1-2019-quito-summary sec_1__al_1", "--language", "es", build_dir=build_dir)
    assert ", sección I, párrafo sin número 1. " in out.stdout, out.stdout
    out = run("cite", "wg1-2021-final-report recommendation_7", build_dir=build_dir)
    assert "frameworks.” https://" in out.stdout and ".”." not in out.stdout  # the quote's stop ends the sentence
    assert "held in" not in out.stderr
    out = run("cite", "wg1-2021-final-report sec_1__list_1__item_9", build_dir=build_dir)
    assert "“Transition from the informal to the formal economy.”" not in out.stdout  # not its stop
    assert "“Transition from the informal to the formal economy”. https://" in out.stdout, out.stdout  # nor "; and"
    out = run("cite", "wg1-2021-final-report recommendation_7", "--language", "es", build_dir=build_dir)
    assert out.returncode == 0 and "recomendación 7" in out.stdout  # Spanish words around English text: said
    assert "is held in en only: its words are quoted as held, in en, within a citation in es" in out.stderr
    assert kb.provision_locator("Mandate", "7(g)", "art_7__para_g") == "Art. 7(g)"
    # a mandate printed as a numbered paragraph, not an article (a curator's walkthrough met "Art. 4")
    assert kb.provision_locator("Mandate", "4", "para_4") == "para. 4"
    assert kb.provision_locator("Mandate", "4(b)", "para_4__para_b", "es") == "párr. 4(b)"
    assert kb.provision_locator("Mandate", "1", "sec_2__art_1") == "Art. 1"  # an article under a heading
    assert kb.provision_locator("Mandate", "", "sec_1__al_2", printed={"sec_1": "A"}) == \
        "section A, unnumbered paragraph 2"
    assert kb.provision_locator("Mandate", "", "sec_1__al_2", "es", printed={"sec_1": "[1]"}) == \
        "sección [1], párrafo sin número 2"
    from kb.cite import Citation

    for quote in ('on "decent work for all."', "on it (see annex.)", "on decent work…", "on decent work!"):
        said = Citation(iri="https://w3id.org/iacml-kb/doc/x/para_1", title="Plan", container="Plan", symbols="",
                        date="", locator="para. 1", quote=quote, quote_source="Plan", version="v",
                        content_hash="h").render("text")
        assert f"“{quote}” https://" in said, said  # a quote that ends its sentence takes no stop after it


def test_a_status_with_no_row_says_why(built_release: kb.Release, build_dir: Path) -> None:
    out = run("status", "--document", "ws2023-event-page", build_dir=build_dir)
    assert out.returncode == 0 and "(0 rows)" in out.stdout
    assert "ws2023-event-page holds no mandate or recommendation (" in out.stderr and "Objective" in out.stderr
    out = run("status", "--document", "wg1-2024-report", "--as-of", "2020-01-01", build_dir=build_dir)
    assert "no mandate or recommendation of wg1-2024-report existed as of 2020-01-01" in out.stderr
    out = run("status", "--document", "wg1-2024-report", build_dir=build_dir)
    assert out.stderr == "" and "recommendation_6" in out.stdout


def test_a_status_with_no_row_says_why_in_the_language_asked(built_release: kb.Release, build_dir: Path) -> None:
    """kb status -l es says its table in Spanish, and why it is empty too."""
    out = run("status", "--document", "ws2023-event-page", "-l", "es", build_dir=build_dir)
    assert out.returncode == 0 and "(0 filas)" in out.stdout
    assert "ws2023-event-page no contiene ningún mandato ni recomendación (" in out.stderr, out.stderr
    assert "holds no" not in out.stderr and "kinds come from" not in out.stderr
    out = run("status", "--document", "wg1-2024-report", "--as-of", "2020-01-01", "-l", "es", build_dir=build_dir)
    assert "ningún mandato ni recomendación de wg1-2024-report existía al 2020-01-01" in out.stderr, out.stderr


def test_query_binds_parameters_and_prints_csv(built_release: kb.Release, build_dir: Path) -> None:
    doc = "https://w3id.org/iacml-kb/doc/wg1-2021-final-report"
    out = run("query", "provisions-of-document", "-p", f"document={doc}", "--format", "csv", build_dir=build_dir)
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    eids = [r["eId"] for r in rows]
    assert [e for e in eids if e.startswith("recommendation_")] == [f"recommendation_{i}" for i in range(1, 11)]
    assert len([e for e in eids if e.startswith("para_")]) == 26


def test_query_json_is_sparql_results(built_release: kb.Release, build_dir: Path) -> None:
    out = run("query", "documents", "--format", "json", build_dir=build_dir)
    data = json.loads(out.stdout)
    slugs = {b["slug"]["value"] for b in data["results"]["bindings"]}
    assert {"wg1-2021-final-report", "wg1-2024-report"} <= slugs


def test_query_parameter_errors_exit_2(built_release: kb.Release, build_dir: Path) -> None:
    out = run("query", "provisions-of-document", build_dir=build_dir)
    assert out.returncode == 2 and "needs parameter 'document'" in out.stderr
    out = run("query", "provisions-of-document", "-p", "document=not an iri", build_dir=build_dir)
    assert out.returncode == 2 and "not an http(s) IRI" in out.stderr
    out = run("query", "no-such-query", build_dir=build_dir)
    assert out.returncode == 2 and "known queries:" in out.stderr


def test_an_iri_parameter_takes_an_item_as_a_person_names_it(built_release: kb.Release, build_dir: Path) -> None:
    """`-p document=SLUG` was refused: the query wanted the document's whole IRI, where every other command (and
    /api/provisions) takes the slug."""
    iri = f"{kb.BASE}doc/wg1-2021-final-report"
    by_iri = run("query", "provisions-of-document", "-p", f"document={iri}", "--format", "json", build_dir=build_dir)
    by_slug = run("query", "provisions-of-document", "-p", "document=wg1-2021-final-report", "--format", "json",
                  build_dir=build_dir)
    assert by_slug.returncode == 0, by_slug.stderr
    assert json.loads(by_slug.stdout) == json.loads(by_iri.stdout) and len(json.loads(by_iri.stdout)["results"][
        "bindings"]) > 40
    named = kb.get_query("cq09-full-trace")
    assert named.bind({"mandate": "iacml21-plan-of-action art_7__para_g"}) == {
        "mandate": URIRef(f"{kb.BASE}doc/iacml21-plan-of-action/art_7__para_g")}


def test_malformed_query_file_exit_2(built_release: kb.Release, build_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("# title: Bad\n# description: Broken on purpose.\nSELECT ?x WHERE { ?x ?y }\n")
    out = run("query", str(bad), build_dir=build_dir)
    assert out.returncode == 2 and out.stderr.startswith("error: ")


def test_stats_counts_classes(built_release: kb.Release, build_dir: Path) -> None:
    out = run("stats", build_dir=build_dir)
    counts = dict(line.split() for line in out.stdout.splitlines())
    assert int(counts["Recommendation"]) >= 21 and int(counts["triples"]) > 1000


def test_no_build_yet_says_run_kb_build(tmp_path: Path) -> None:
    out = run("show", "wg1-2021-final-report", build_dir=tmp_path / "empty")
    assert out.returncode == 2 and "run `kb build` first" in out.stderr


def test_broken_corpus_fails_build_with_file_and_keeps_previous(tmp_path: Path) -> None:
    build_dir = tmp_path / "build"
    assert run("build", "--quiet", build_dir=build_dir).returncode == 0
    corpus = tmp_path / "corpus"
    shutil.copytree(default_corpus_dir(), corpus)
    (corpus / "documents" / "wg1-2024-report.yaml").write_text("slug: wg1-2024-report\ntitle: [oops\n")
    out = run("build", "--corpus", str(corpus), build_dir=build_dir)
    assert out.returncode == 2
    assert "wg1-2024-report.yaml:" in out.stderr and "malformed YAML" in out.stderr
    assert run("show", "wg1-2021-final-report para_18", build_dir=build_dir).returncode == 0


def test_validate_reports_without_publishing(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "kb.cli", "validate"], capture_output=True, text=True, timeout=300,
                         cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("valid: ") and not (tmp_path / "build").exists()


def test_the_default_build_folder_is_the_repository_s_from_any_folder(tmp_path: Path) -> None:
    """Without --build-dir, every command uses build/ beside the default corpus (the repository's), not
    ./build of the folder it runs in, and names it by its absolute path; $KB_BUILD_DIR still wins. With
    --corpus, build/ beside that corpus: an attack's copy tried elsewhere took over the repository's build."""
    repo = tmp_path / "repo"  # a checkout of its own: its corpus and build are the defaults of its kb
    for part in ("kb", "corpus", "ontology", "queries"):
        shutil.copytree(default_corpus_dir().parent / part, repo / part,
                        ignore=shutil.ignore_patterns("__pycache__", "build"))
    env = {k: v for k, v in os.environ.items() if k != "KB_BUILD_DIR"} | {"PYTHONPATH": str(repo)}
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()

    def kb_in(cwd: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "kb.cli", *args], capture_output=True, text=True, timeout=300,
                              cwd=cwd, env=env | extra)

    out = kb_in(one, "status", "--document", "wg1-2024-report")
    assert out.returncode == 2 and f"no published build in {repo / 'build'};" in out.stderr, out.stderr
    out = kb_in(one, "build", "--quiet")
    assert out.returncode == 0, out.stderr
    assert f"published to {repo / 'build' / 'releases'}/" in out.stdout
    assert (repo / "build" / "current").is_dir() and not (one / "build").exists()
    out = kb_in(two, "status", "--document", "wg1-2024-report", "--format", "csv")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("document,eId,") and "wg1-2024-report,recommendation_11," in out.stdout
    assert kb_in(two, "why", "iacml21-plan-of-action art_7__para_g").returncode == 0
    out = kb_in(two, "stats", KB_BUILD_DIR="elsewhere")  # the variable, relative to the folder it runs in
    assert out.returncode == 2 and f"no published build in {two / 'elsewhere'};" in out.stderr, out.stderr
    out = kb_in(two, "stats", "--build-dir", "there")  # and so is an explicit --build-dir
    assert out.returncode == 2 and f"no published build in {two / 'there'};" in out.stderr, out.stderr
    # a copy of the corpus tried elsewhere publishes beside itself, never into the repository's build
    shutil.copytree(repo / "corpus", two / "trial" / "corpus")
    current = (repo / "build" / "current").resolve()
    out = kb_in(one, "build", "--quiet", "--corpus", str(two / "trial" / "corpus"))
    assert out.returncode == 0 and f"published to {two / 'trial' / 'build' / 'releases'}/" in out.stdout, out.stderr
    assert (repo / "build" / "current").resolve() == current


@pytest.mark.parametrize("args", [["frobnicate"], ["query"], ["show"]])
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert run(*args).returncode == 2


def test_serve_of_a_corpus_serves_the_build_beside_it(monkeypatch: pytest.MonkeyPatch, corpus_copy: Path,
                                                      published_build: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """A walkthrough served `kb serve --curator --corpus DIR`, a corpus kept outside the repository: the review page
    wrote to DIR, but every page, the REST API and SPARQL answered from the repository's build, and what `kb build
    --corpus DIR` published (beside DIR, as every other command reads it) never reached the server."""
    import uvicorn

    from kb.cli import main

    served: list[object] = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, *args, **kwargs: served.append(self))
    for name in ("KB_STORE", "KB_FOLLOW", "KB_BUILD_DIR", "KB_CURATOR_CORPUS", "KB_CURATOR_TOKEN", "KB_ALLOWED_HOSTS",
                 "KB_PUBLIC_URL"):
        monkeypatch.delenv(name, raising=False)
    assert main(["serve", "--curator", "--corpus", str(corpus_copy)]) == 0
    assert served
    assert Path(os.environ["KB_FOLLOW"]) == published_build.resolve()
    assert f"starting: {published_build.resolve()}/releases/" in capsys.readouterr().err
