"""Language versions (kb.versions): the Spanish text of a held English document is the same work. Its
provisions are the original's in another language: never mandates counted twice, never linked in their
own name, read by the suggester as the original's, and cited in Spanish."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fixtures.plan_of_action import NEW_PLAN, NEW_PLAN_VERSION_ES, NEW_PLAN_VERSION_ES_SHORT
from rdflib import URIRef
from test_api_server import running_server

import kb
from kb.cli import main
from kb.errors import EXIT_NOT_BUILT, EXIT_VALIDATION
from kb.iri import KB, body_iri
from kb.model import Kind, Provision
from kb.versions import align

pytestmark = pytest.mark.long_tests

PLAN = "iacml23-plan-of-action"
VERSION = f"{PLAN}-es"
MANDATES = ["1", "2", "3", "3(a)", "3(b)", "3(c)", "4"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def both(tmp_path: Path, corpus_copy: Path) -> Iterator[tuple[Path, Path]]:
    """A corpus holding the new plan in English, and its Spanish text as `kb add` proposes it."""
    for held in (corpus_copy / "documents" / f"{PLAN}.yaml", corpus_copy / "sources" / f"{PLAN}.txt"):
        held.unlink(missing_ok=True)
    english, spanish = tmp_path / "plan-en.txt", tmp_path / "plan-es.txt"
    english.write_text(NEW_PLAN, encoding="utf-8")
    spanish.write_text(NEW_PLAN_VERSION_ES, encoding="utf-8")
    kb.add_document(english, corpus_dir=corpus_copy)
    kb.add_document(spanish, corpus_dir=corpus_copy)
    yield corpus_copy, tmp_path / "build"


# A later Spanish plan carrying forward para. 4 of the Asunción plan, in the words of its Spanish version.
NEXT_PLAN_ES = (
    "XXIV CONFERENCIA INTERAMERICANA DE MINISTROS DE TRABAJO (CIMT)\nOEA/Ser.K/XII.24.1\n"
    "CIDI/TRABAJO/doc.5/30\n10 de octubre de 2030\nOriginal: español\n\nPLAN DE ACCIÓN DE MONTEVIDEO\n\n"
    "1. Alentar a OIT/CINTERFOR, la OEA y la UNESCO a seguir fortaleciendo el Marco Regional de "
    "Cualificaciones e informar de sus avances a la XXV CIMT.\n")


def _suggest_for_next_plan(capsys: pytest.CaptureFixture[str], corpus: Path,
                           tmp_path: Path) -> tuple[kb.Added, int, str]:
    """`kb add` NEXT_PLAN_ES, then `kb suggest --document` it as JSON: what was added, the exit code, stdout."""
    nxt = tmp_path / "next.txt"
    nxt.write_text(NEXT_PLAN_ES, encoding="utf-8")
    added = kb.add_document(nxt, corpus_dir=corpus, slug="iacml24-plan-of-action-es")
    code, out, _ = run(capsys, "suggest", "--corpus", str(corpus), "--document", added.slug, "--format", "json")
    return added, code, out


def _provision(eid: str, kind: Kind, number: str, text: str = "") -> Provision:
    return Provision(eid=eid, kind=kind, number=number, text=text or eid, start=0, end=1, line=1, parent=None)


def test_provisions_align_by_eid_and_around_a_difference() -> None:
    """A version read with one paragraph more (a translator's note) still aligns what follows it."""
    original = [_provision("para_1", Kind.MANDATE, "1"), _provision("para_2", Kind.MANDATE, "2"),
                _provision("para_3", Kind.MANDATE, "3")]
    version = [_provision("para_1", Kind.MANDATE, "1"), _provision("al_1", Kind.PARAGRAPH, ""),
               _provision("para_2", Kind.MANDATE, "2"), _provision("para_3", Kind.MANDATE, "3")]
    alignment = align(version, original)
    assert alignment.pairs == {"para_1": "para_1", "para_2": "para_2", "para_3": "para_3"}
    assert [p.eid for p in alignment.unmatched] == ["al_1"]
    assert "3 of 4 provisions aligned with plan's; no counterpart for al_1 (line 1)" in alignment.summary("plan")
    renumbered = [_provision("art_1", Kind.MANDATE, "1"), _provision("art_2", Kind.MANDATE, "2"),
                  _provision("art_3", Kind.MANDATE, "9")]
    assert align(renumbered, original).pairs == {"art_1": "para_1", "art_2": "para_2"}  # 9 is not 3


def test_unnumbered_paragraphs_align_by_what_no_translation_changes() -> None:
    """A host that kept "CONSIDERANDO:" on its own line in one version, and a lead-in one version lacks,
    shift nothing: unnumbered paragraphs pair by length and by the numbers and names both say."""
    original = [
        _provision("al_1", Kind.PARAGRAPH, "", "The Ministers of Defense, meeting in Lima in 2010 for the IX "
                                              "Conference, declare the following."),
        _provision("al_2", Kind.PARAGRAPH, "", "The Declaration on Security in the Americas of October 2003 remains "
                                              "the framework of cooperation."),
        _provision("al_3", Kind.PARAGRAPH, "", "The Fourth Forum on Confidence-Building Measures, held in Washington, "
                                              "was a success."),
    ]
    version = [
        _provision("al_1", Kind.PARAGRAPH, "", "Los Ministros de Defensa, reunidos en Lima en 2010 para la IX "
                                              "Conferencia, declaran lo siguiente."),
        _provision("al_2", Kind.PARAGRAPH, "", "CONSIDERANDO:"),
        _provision("al_3", Kind.PARAGRAPH, "", "La Declaración sobre Seguridad en las Américas de octubre de 2003 "
                                              "sigue siendo el marco de la cooperación."),
        _provision("al_4", Kind.PARAGRAPH, "", "El IV Foro sobre Medidas de Fomento de la Confianza, celebrado en "
                                              "Washington, fue un éxito."),
    ]
    alignment = align(version, original)
    assert alignment.pairs == {"al_1": "al_1", "al_3": "al_2", "al_4": "al_3"}
    assert [p.eid for p in alignment.unmatched] == ["al_2"]


def test_kb_add_proposes_the_version_and_its_mandates_are_counted_once(
        capsys: pytest.CaptureFixture[str], both: tuple[Path, Path]) -> None:
    corpus, build_dir = both
    meta = (corpus / "documents" / f"{VERSION}.yaml").read_text(encoding="utf-8")
    assert re.search(rf"(?m)^version_of: {PLAN}  # the held en document with these symbols$", meta)
    assert re.search(r"(?m)^title: Plan of Action of Asunción  # ", meta)  # the work's title
    assert re.search(r"(?m)^original_title: Plan de Acción de Asunción  # as printed", meta)
    args = ["--build-dir", str(build_dir)]
    code, _, err = run(capsys, "build", "--corpus", str(corpus), *args)
    assert code == 0, err
    code, out, err = run(capsys, "status", "--document", VERSION, "--format", "json", *args)
    assert code == 0 and f"{VERSION} is a language version of {PLAN}" in err
    rows = json.loads(out)
    assert sorted(r["number"] for r in rows) == sorted(MANDATES) and {r["document"] for r in rows} == {PLAN}
    code, _, err = run(capsys, "status", "--document", VERSION, "-l", "es", *args)  # said in the language asked
    assert code == 0 and f"{VERSION} es una versión en otro idioma de {PLAN}: el estado de los mandatos" in err, err
    code, out, _ = run(capsys, "status", "--format", "json", *args)
    assert sum(r["document"] == PLAN for r in json.loads(out)) == 7
    assert not any(r["document"] == VERSION for r in json.loads(out))
    code, out, _ = run(capsys, "coverage", "--format", "json", *args)
    assert code == EXIT_VALIDATION and VERSION not in json.loads(out)
    # asked of the version, coverage is its original's, as status is (it once said "no document ... with
    # provisions in this build")
    code, out, err = run(capsys, "coverage", "--document", VERSION, "--format", "json", *args)
    assert code == EXIT_VALIDATION and list(json.loads(out)) == [PLAN], err
    assert f"{VERSION} is a language version of {PLAN}: the coverage of {PLAN}'s provisions" in err
    with kb.open_store(build_dir / "current" / "store") as store:
        es = kb.describe(store, URIRef(kb.provision_iri(VERSION, "para_4")))
        assert es.first(str(KB.versionOf)) == str(kb.provision_iri(PLAN, "para_4"))
        types = {str(o) for p, o in es.properties if p.endswith("#type")}
        assert str(KB.VersionProvision) in types and str(KB.Mandate) not in types
        assert kb.version_of(store, VERSION) == PLAN and kb.version_of(store, PLAN) is None
    code, out, _ = run(capsys, "list", "documents", "--format", "json", *args)
    listed = {row["slug"]["value"]: row for row in json.loads(out)["results"]["bindings"]}
    assert (listed[VERSION]["language"]["value"], listed[VERSION]["versionOf"]["value"]) == ("es", PLAN)
    assert listed[PLAN]["language"]["value"] == "en" and "versionOf" not in listed[PLAN]


def test_a_version_is_cited_in_its_language_and_shown_beside_the_original(
        capsys: pytest.CaptureFixture[str], both: tuple[Path, Path]) -> None:
    corpus, build_dir = both
    release, _ = kb.build(corpus, build_dir)
    args = ["--build-dir", str(build_dir)]
    code, out, _ = run(capsys, "cite", f"{PLAN} para_4", "--language", "es", *args)
    assert code == 0 and out.startswith("Plan de Acción de Asunción (OEA/Ser.K/XII.23.1; CIDI/TRABAJO/doc.9/27 "
                                        "rev.1), 2027-09-15, párr. 4. “Alentar a OIT/CINTERFOR")  # adopted then
    assert f"https://w3id.org/iacml-kb/doc/{VERSION}/para_4." in out
    code, out, _ = run(capsys, "cite", f"{VERSION} para_4", "--language", "en", *args)  # in English: the English
    assert code == 0 and ", para. 4. “Encourage ILO-CINTERFOR" in out and f"/doc/{PLAN}/para_4." in out
    code, out, _ = run(capsys, "cite", f"{VERSION} para_4", *args)  # no language asked: the item as given
    assert code == 0 and "“Alentar a OIT/CINTERFOR" in out and f"/doc/{VERSION}/para_4." in out
    code, out, _ = run(capsys, "cite", f"{VERSION} para_4", "-f", "bibtex", *args)
    assert "language = {spanish}" in out  # the language of what is cited
    with running_server(release.store_path, build_dir.parent / "server.log") as server, \
            httpx.Client(base_url=server.url, timeout=30, headers={"Accept": "text/html"}) as client:
        original = client.get(f"/doc/{PLAN}/para_4").text
        assert "Language versions" in original and f"/doc/{VERSION}/para_4" in original
        assert "Plan de Acción de Asunción, para. 4" in original  # named as printed, not as the original
        version = client.get(f"/doc/{VERSION}/para_4").text
        assert "Language version of" in version and 'lang="es"' in version
        rows = client.get("/api/mandates", params={"document": VERSION}).json()
        assert sorted(r["number"] for r in rows["items"]) == sorted(MANDATES)
    with kb.open_store(release.store_path) as store:  # the reader: the text as printed, under its printed title
        assert kb.source_text(store, kb.doc_iri(VERSION), root=corpus.parent).title == "Plan de Acción de Asunción"
        assert kb.source_text(store, kb.doc_iri(PLAN), root=corpus.parent).title == "Plan of Action of Asunción"



def test_a_spanish_page_titles_and_words_an_original_as_its_spanish_version(corpus_copy: Path, tmp_path: Path) -> None:
    """A report author writing in Spanish reads the Plan held in English with its Spanish text held: its pages,
    the dashboard's rows and the search's hits in Spanish give the Spanish title, and a provision's Spanish words
    (marked as Spanish) with the original's below and a link to the version's page; a provision the version lacks
    keeps the original's words. The English pages, the citations' IRI and the JSON API are as they were."""
    for held in (corpus_copy / "documents" / f"{PLAN}.yaml", corpus_copy / "sources" / f"{PLAN}.txt"):
        held.unlink(missing_ok=True)
    english, spanish = tmp_path / "plan-en.txt", tmp_path / "plan-es.txt"
    english.write_text(NEW_PLAN, encoding="utf-8")
    spanish.write_text(NEW_PLAN_VERSION_ES_SHORT, encoding="utf-8")
    kb.add_document(english, corpus_dir=corpus_copy)
    assert kb.add_document(spanish, corpus_dir=corpus_copy).slug == VERSION
    release, _ = kb.build(corpus_copy, tmp_path / "build")
    mandate = f"/doc/{PLAN}/para_4"
    with running_server(release.store_path, tmp_path / "server.log") as server, \
            httpx.Client(base_url=server.url, timeout=60, headers={"Accept": "text/html"}) as client:
        page = client.get(mandate, params={"lang": "es"}).text
        assert "<h1>Plan de Acción de Asunción, párr. 4</h1>" in page
        assert re.search(r'<blockquote class="item-text" id="item-text" lang="es"><p>Invitar a OIT/CINTERFOR', page)
        assert re.search(r'<blockquote class="item-text" id="original-item-text" lang="en"><p>Encourage ILO-CINTERFOR',
                         page)
        assert f'<a href="/doc/{VERSION}/para_4?lang=es">Plan de Acción de Asunción, párr. 4</a>' in page
        assert re.search(rf'<pre id="cite-text" [^>]*>Plan of Action of Asunción [^<]*/doc/{PLAN}/para_4\. ', page)
        lacking = client.get(f"/doc/{PLAN}/para_3__para_c", params={"lang": "es"}).text  # none in the version
        assert "<h1>Plan de Acción de Asunción, párr. 3(c)</h1>" in lacking and 'id="original"' not in lacking
        assert re.search(r'id="item-text" lang="en"><p>the transition from the informal', lacking)
        assert f'<a href="/doc/{VERSION}?lang=es">Plan de Acción de Asunción</a>' in lacking
        document = client.get(f"/doc/{PLAN}", params={"lang": "es"}).text
        assert "<h1>Plan de Acción de Asunción</h1>" in document and f'href="/doc/{VERSION}?lang=es"' in document
        assert '<span lang="es">GRUPOS DE TRABAJO</span>' in document  # its contents in Spanish too
        dashboard = client.get("/", params={"lang": "es", "document": PLAN}).text
        assert f'<a href="/doc/{PLAN}/para_4?lang=es">Plan de Acción de Asunción, párr. 4</a>' in dashboard
        assert '<td class="text-cell" lang="es">Invitar a OIT/CINTERFOR' in dashboard
        assert f'<option value="{PLAN}" selected>Plan de Acción de Asunción</option>' in dashboard
        # the list of documents: the work once, by its Spanish title, its text to read the Spanish one
        assert f'<a href="/reader/{VERSION}?lang=es">' in dashboard
        assert f'href="/doc/{VERSION}?lang=es"' not in dashboard
        found = client.get("/search", params={"lang": "es", "q": "CINTERFOR Asunción"}).text
        hits = re.findall(r'<li><a href="(/doc/iacml23[^"?]*)\?lang=es">([^<]*)</a>', found)
        assert hits == [(mandate, "Plan de Acción de Asunción, párr. 4")], hits  # one work, one hit
        assert '<p class="snippet">Invitar a OIT/<mark>CINTERFOR</mark>' in found  # the version's words: the page's
        # in English: as before
        english_page = client.get(mandate).text
        assert "<h1>Plan of Action of Asunción, para. 4</h1>" in english_page
        assert 'id="language-version"' not in english_page and 'id="original"' not in english_page
        assert re.search(r'id="item-text" lang="en"><p>Encourage ILO-CINTERFOR', english_page)
        # its Spanish-style citation cites the Spanish version: Spanish, and marked so on an English page
        assert re.search(r'<pre id="cite-text-es" [^>]*lang="es">Plan de Acción de Asunción', english_page)
        assert "Plan of Action of Asunción, para. 4" in client.get("/", params={"document": PLAN}).text
        english_search = client.get("/search", params={"q": "CINTERFOR"}).text
        english_hits = re.findall(r'<li><a href="(/doc/iacml23[^"]*)">', english_search)
        assert sorted(english_hits) == sorted([mandate, f"/doc/{VERSION}/para_4"])
        api = f"/api/items{mandate}"
        assert client.get(api, headers={"Accept": "application/json", "Accept-Language": "es"}).json() == \
            client.get(api, headers={"Accept": "application/json"}).json()


def test_links_are_curated_on_the_original_with_quotes_from_either(both: tuple[Path, Path]) -> None:
    corpus, build_dir = both
    links = corpus / "annotations" / "version-links.yaml"
    links.write_text(
        "links:\n"
        f"  - from: {VERSION} para_4\n"
        "    type: addressee\n"
        "    to: body:unesco\n"
        "    evidence:\n"
        f"      - doc: {VERSION}\n"
        "        quote: la OEA y la UNESCO\n", encoding="utf-8")
    with pytest.raises(kb.CorpusError) as refused:
        kb.build(corpus, build_dir)
    message = str(refused.value)
    assert f"version-links.yaml:2: {VERSION!r} is a language version of {PLAN!r}" in message
    assert f"name '{PLAN} para_4' here" in message
    links.write_text(links.read_text(encoding="utf-8").replace(f"from: {VERSION} para_4", f"from: {PLAN} para_4"),
                     encoding="utf-8")
    release, _ = kb.build(corpus, build_dir)
    with kb.open_store(release.store_path) as store:
        assert body_iri("unesco") in kb.describe(store, URIRef(kb.provision_iri(PLAN, "para_4"))).values(
            str(KB.addressee))


@pytest.mark.parametrize(("value", "language", "said"), [
    ("no-such-plan", "es", "version_of: 'no-such-plan' is not a held document"),
    ("iacml23-plan-of-acton", "es",
     f"version_of: 'iacml23-plan-of-acton' is not a held document; did you mean version_of: {PLAN}?"),
    (VERSION, "es", "version_of: names the document itself"),
    ("wg1-2021-final-report", "es", "version_of: 'wg1-2021-final-report' is a WorkingGroupReport and this text a "
                                    "PlanOfAction"),
    ("wg1-2024-report", "en", "version_of: 'wg1-2024-report' is in 'en' too"),
    ("wg1-2024-report", "en-GB", "version_of: 'wg1-2024-report' is in 'en' too"),  # a region: the same language
])
def test_a_wrong_version_of_is_refused_with_its_line(both: tuple[Path, Path], value: str, language: str,
                                                     said: str) -> None:
    corpus, build_dir = both
    meta = corpus / "documents" / f"{VERSION}.yaml"
    text = meta.read_text(encoding="utf-8").replace("language: es", f"language: {language}")
    meta.write_text(re.sub(r"(?m)^version_of: .*$", f"version_of: {value}", text), encoding="utf-8")
    line = next(n for n, row in enumerate(meta.read_text(encoding="utf-8").splitlines(), 1)
                if row.startswith("version_of:"))
    with pytest.raises(kb.CorpusError) as refused:
        kb.build(corpus, build_dir)
    assert f"{VERSION}.yaml:{line}: {said}" in str(refused.value)


def test_the_suggester_reads_a_target_in_its_spanish_version(
        capsys: pytest.CaptureFixture[str], both: tuple[Path, Path], tmp_path: Path) -> None:
    """A Spanish plan carrying forward the Asunción plan is matched, word for word, with its Spanish text:
    the proposal names the original's provision and quotes the version."""
    corpus, _ = both
    added, code, out = _suggest_for_next_plan(capsys, corpus, tmp_path)
    assert code == 0
    carried = [s for s in json.loads(out) if s["type"] == "reiterates" and s["from_ref"].endswith(" para_1")]
    best = carried[0]
    assert best["to_ref"] == f"{PLAN} para_4" and best["confidence"] >= 0.8
    assert best["evidence"][1]["doc"] == VERSION and best["evidence"][1]["quote"].startswith("4. Alentar a OIT")
    assert f"read in its es version ({VERSION})" in best["why"]
    assert len({s["to"] for s in carried}) == len(carried)  # the original and its version are one target
    code, out, err = run(capsys, "suggest", "--corpus", str(corpus), "--document", VERSION, "--format", "json")
    proposed: list[dict[str, Any]] = json.loads(out)
    # the original's provisions, and what the later plan carries of them (the links into the document)
    assert code == 0 and proposed and {s["from_ref"].split()[0] for s in proposed} == {PLAN, added.slug}
    assert all(s["to_ref"].startswith(f"{PLAN} ") for s in proposed if not s["from_ref"].startswith(f"{PLAN} "))
    assert f"{VERSION} is a language version of {PLAN}: suggesting for {PLAN}'s provisions" in err


def test_a_list_paired_by_place_alone_is_pointed_out() -> None:
    """Unnumbered items with no number or name in common pair by place: the alignment says which, and what
    the original has that the version lacks."""
    original = [_provision(f"list_1__item_{k}", Kind.ITEM, "", text) for k, text in enumerate(
        ("expand vocational training", "strengthen labor inspection", "promote social dialogue",
         "improve employment services"), start=1)]
    version = [_provision(f"list_1__item_{k}", Kind.ITEM, "", text) for k, text in enumerate(
        ("ampliar la formación profesional", "promover el diálogo social", "mejorar los servicios de empleo"),
        start=1)]
    alignment = align(version, original)
    assert not alignment.complete and alignment.doubtful
    assert "list_1__item_4" in [p.eid for p in alignment.missing]
    assert "paired by place alone (check them): list_1__item_1" in alignment.summary("plan")


def test_a_version_moves_no_status_and_keeps_its_published_iris(
        capsys: pytest.CaptureFixture[str], both: tuple[Path, Path], tmp_path: Path) -> None:
    """A version dated after its original (its own printing) supersedes nothing and is not the next Plan of
    Action; a re-reading that loses one of its published IRIs is refused, as the original's would be."""
    corpus, build_dir = both
    meta = corpus / "documents" / f"{VERSION}.yaml"
    meta.write_text(re.sub(r"(?m)^date: .*$", "date: '2027-10-01'", meta.read_text(encoding="utf-8")),
                    encoding="utf-8")
    kb.build(corpus, build_dir)
    args = ["--build-dir", str(build_dir)]
    code, out, _ = run(capsys, "status", "--document", PLAN, "--format", "json", *args)
    rows = json.loads(out)
    assert code == 0 and {r["lifecycle"]["value"] for r in rows} == {"active"}
    assert {r["asOf"] for r in rows} == {"2027-09-15"}  # the original's date (its adoption), not the version's
    code, out, err = run(capsys, "why", f"{VERSION} para_4", *args)  # a version's provision: the original's
    assert code == 0 and out.startswith(f"{PLAN} para_4 (Mandate 4)"), err
    assert f"the answer is for {kb.provision_iri(PLAN, 'para_4')}, the original" in err
    shorter = tmp_path / "plan-es-2.txt"
    shorter.write_text(NEW_PLAN_VERSION_ES.replace("A. ORGANIZACIÓN\n\n", ""), encoding="utf-8")
    kb.add_document(shorter, corpus_dir=corpus, slug=VERSION, replace=True)
    with pytest.raises(kb.CorpusError, match=r"would no longer resolve \(sec_1\)"):
        kb.build(corpus, build_dir)


def _spanish_then_english(corpus_copy: Path, tmp_path: Path) -> tuple[kb.Added, kb.Added]:
    """The new plan added in Spanish first (plan-asuncion), then its English text."""
    for held in (corpus_copy / "documents" / f"{PLAN}.yaml", corpus_copy / "sources" / f"{PLAN}.txt"):
        held.unlink(missing_ok=True)
    spanish, english = tmp_path / "plan-es.txt", tmp_path / "plan-en.txt"
    spanish.write_text(NEW_PLAN_VERSION_ES, encoding="utf-8")
    english.write_text(NEW_PLAN, encoding="utf-8")
    return (kb.add_document(spanish, corpus_dir=corpus_copy, slug="plan-asuncion"),
            kb.add_document(english, corpus_dir=corpus_copy))


def test_an_english_text_added_after_its_spanish_original_keeps_its_title(corpus_copy: Path, tmp_path: Path) -> None:
    first, added = _spanish_then_english(corpus_copy, tmp_path)
    meta = added.meta_path.read_text(encoding="utf-8")
    assert re.search(rf"(?m)^version_of: {first.slug}  # ", meta)
    assert re.search(r"(?m)^title: Plan of Action of Asunción  # as printed", meta)
    assert any("give plan-asuncion the same title" in note for note in added.notes)


def test_a_version_given_its_originals_title_as_printed_is_published_in_that_language(
        corpus_copy: Path, tmp_path: Path) -> None:
    """The Spanish original's title is still the cover's: a version given that title (as `kb add` gives a version its
    original's) publishes it as Spanish, not English; a region in the language code changes nothing."""
    first, added = _spanish_then_english(corpus_copy, tmp_path)
    original = first.meta_path.read_text(encoding="utf-8")
    first.meta_path.write_text(re.sub(r"(?m)^(original_)?language: es\b", r"\1language: es-PY", original),
                               encoding="utf-8")
    meta = added.meta_path.read_text(encoding="utf-8")
    added.meta_path.write_text(re.sub(r"(?m)^title: .*$", "title: Plan de Acción de Asunción", meta), encoding="utf-8")
    release, report = kb.build(corpus_copy, tmp_path / "build")
    said = [w for w in report["warnings"] if "title 'Plan de Acción de Asunción'" in w]
    assert len(said) == 2 and any("is plan-asuncion's, still as printed in es-PY" in w for w in said), said
    with kb.open_store(release.store_path) as store:
        rows = store.select("SELECT ?d ?t WHERE { ?d <http://purl.org/dc/terms/title> ?t }").dicts()
        titles = {str(r["d"]).rsplit("/", 1)[1]: (str(r["t"]), r["t"].language) for r in rows}
    assert titles["plan-asuncion"] == titles[added.slug] == ("Plan de Acción de Asunción", "es-py")


def test_a_version_takes_what_its_cover_lacks_from_its_original(corpus_copy: Path, tmp_path: Path) -> None:
    """A translated excerpt of the 2021-2024 report with no date, meeting or symbol on it: `kb add
    --version-of` gives it the original's, and refuses a text in the original's own language."""
    excerpt = tmp_path / "informe.txt"
    excerpt.write_text(
        "INFORME DEL GRUPO DE TRABAJO 1\n\nRECOMENDACIONES\n\n6. Promover, con el apoyo de OIT/CINTERFOR y la OEA, "
        "la consolidación de un Marco Regional de Cualificaciones para las Américas.\n", encoding="utf-8")
    added = kb.add_document(excerpt, corpus_dir=corpus_copy, doc_type="WorkingGroupReport",
                            version_of="wg1-2024-report")
    assert added.slug == "wg1-2024-report-es"  # named after its original, not its cover
    meta = added.meta_path.read_text(encoding="utf-8")
    for line in ("date: '2024'  # wg1-2024-report's: the cover gives none", "meeting: iacml22  # wg1-2024-report's",
                 "original_language: es  # wg1-2024-report's", "issuing_body: iacml-wg1",
                 "version_of: wg1-2024-report  # given"):
        assert re.search(rf"(?m)^{re.escape(line)}", meta), line
    english = tmp_path / "plan.txt"
    english.write_text(NEW_PLAN, encoding="utf-8")
    with pytest.raises(kb.InputError, match="wg1-2024-report is in 'en' too"):
        kb.add_document(english, corpus_dir=corpus_copy, slug="other", version_of="wg1-2024-report")
    with pytest.raises(kb.InputError, match="wg1-2024-report is in 'en' too"):  # en-GB is English
        kb.add_document(english, corpus_dir=corpus_copy, slug="other", version_of="wg1-2024-report", language="en-GB")


def test_a_partial_version_is_pointed_out_once(capsys: pytest.CaptureFixture[str], corpus_copy: Path,
                                               tmp_path: Path) -> None:
    """A translated excerpt aligns with part of its original: the build that first publishes it says so, and
    that nothing more is needed; later builds do not repeat it."""
    excerpt = tmp_path / "informe.txt"
    excerpt.write_text(
        "I. INTRODUCCIÓN\n\nEl Plan de Acción de Buenos Aires, aprobado por la XXI Conferencia Interamericana de "
        "Ministros de Trabajo (CIMT) en septiembre de 2021, estableció dos Grupos de Trabajo “para asesorar a la "
        "CIMT en relación con los objetivos de la Declaración de Buenos Aires. Para ello, los Grupos de Trabajo "
        "examinarán con mayor profundidad los temas identificados en este Plan de Acción, facilitarán el intercambio "
        "de experiencias, proporcionarán información y estudios pertinentes y darán seguimiento a las iniciativas "
        "hemisféricas relacionadas.”\n", encoding="utf-8")
    kb.add_document(excerpt, corpus_dir=corpus_copy, slug="wg1-2024-report-es", doc_type="WorkingGroupReport",
                    version_of="wg1-2024-report")
    args = ["--corpus", str(corpus_copy), "--build-dir", str(tmp_path / "build")]
    code, out, err = run(capsys, "validate", *args)
    said = "a text that translates only part of its original needs nothing more"
    assert code == 0 and said in err and "wg1-2024-report's with none here: " in err
    assert re.search(r"valid: .* [1-9]\d* warnings", out)
    assert run(capsys, "build", *args)[0] == 0
    code, _, err = run(capsys, "build", *args)
    assert code == 0 and said not in err


def test_review_takes_a_quote_from_the_version(capsys: pytest.CaptureFixture[str], both: tuple[Path, Path]) -> None:
    """A curator reviewing a proposal for the original may prove it with the Spanish text's words: the quote
    is located in the version, not refused as missing from the English text."""
    corpus, build_dir = both
    code, _, _ = run(capsys, "suggest", "--corpus", str(corpus), "--document", PLAN, "--format", "json")
    assert code == 0
    review = kb.Review(corpus)
    proposal = next(p for p in review.pending() if p.source == f"{PLAN} para_4" and p.link_type == "addressee")
    spanish = "Alentar a OIT/CINTERFOR, la OEA y la UNESCO"
    evidence = review.edited_evidence(proposal.id, [spanish])
    assert evidence[0] == {"doc": VERSION, "quote": spanish}
    code, _, err = run(capsys, "review", "--corpus", str(corpus), "--accept", proposal.id, "--quote", spanish)
    assert code == 0, err
    release, _ = kb.build(corpus, build_dir)
    with kb.open_store(release.store_path) as store:
        link = kb.describe(store, URIRef(kb.provision_iri(PLAN, "para_4")))
        assert link.values(str(KB.addressee))


def test_the_suggestions_made_from_a_version_are_reviewed_under_its_slug(capsys: pytest.CaptureFixture[str],
                                                                          both: tuple[Path, Path]) -> None:
    """`kb suggest --document` of the Spanish text suggests for the original's provisions; `kb review --document`
    of the same slug walks them, as status and coverage take it, instead of saying none was made for it."""
    corpus, _ = both
    code, _, err = run(capsys, "suggest", "--corpus", str(corpus), "--document", VERSION, "--format", "json")
    assert code == 0 and f"{VERSION} is a language version of {PLAN}" in err
    waiting = len(kb.Review(corpus).pending())
    assert waiting
    code, out, err = run(capsys, "review", "--corpus", str(corpus), "--list", "--document", VERSION)
    assert code == 0, err
    assert f"{VERSION} is a language version of {PLAN}" in err
    assert f"0 proposed activities and {waiting} suggestion(s) waiting" in out
    code, _, err = run(capsys, "review", "--corpus", str(corpus), "--list", "--document", "iacml23-plan-of-acton")
    assert code == 2 and "no suggestion waiting was made for it" in err  # a slug held by no document: as before


def test_a_text_saying_what_a_held_one_says_is_pointed_out(capsys: pytest.CaptureFixture[str], corpus_copy: Path,
                                                          tmp_path: Path) -> None:
    """With no symbol to tell, a second file of a held document (its first line changed) is recognised by
    its provisions: same numbers, same names."""
    for held in (corpus_copy / "documents" / f"{PLAN}.yaml", corpus_copy / "sources" / f"{PLAN}.txt"):
        held.unlink(missing_ok=True)
    bare = "\n".join(line.split("  ")[0] for line in NEW_PLAN.splitlines())  # the symbols column dropped
    first, again = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(bare, encoding="utf-8")
    again.write_text(bare.replace("ORGANIZATION OF AMERICAN STATES", "OAS"), encoding="utf-8")
    held = kb.add_document(first, corpus_dir=corpus_copy, slug="plan-a")
    assert "CIDI/TRABAJO" not in held.meta_path.read_text(encoding="utf-8")
    code = main(["add", str(again), "--slug", "plan-b", "--corpus", str(corpus_copy), "--build-dir",
                 str(tmp_path / "build")])
    out, err = capsys.readouterr()
    assert code == EXIT_NOT_BUILT and "check: text: its provisions say what plan-a's say, number for number" in err
    assert "not built: its provisions say what plan-a's say" in out  # nothing published before the curator says
    assert not (tmp_path / "build").exists()


def test_a_plan_under_other_symbols_is_not_taken_for_a_held_one(corpus_copy: Path, tmp_path: Path) -> None:
    """Plans of Action repeat each other's standard paragraphs: the next Conference's plan, its symbols its own, is
    another document however alike its provisions read (a curator's walkthrough was told to hold it instead)."""
    for held in (corpus_copy / "documents" / f"{PLAN}.yaml", corpus_copy / "sources" / f"{PLAN}.txt"):
        held.unlink(missing_ok=True)
    first, later = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(NEW_PLAN, encoding="utf-8")
    symbols = re.findall(r"OEA/Ser\.K/XII\.\d+\.1|CIDI/TRABAJO/doc\.\d+/\d+", NEW_PLAN)
    assert len(symbols) == 2, symbols
    renumbered = NEW_PLAN
    for symbol in symbols:
        renumbered = renumbered.replace(symbol, re.sub(r"\d+(?=\D*$)", "99", symbol))
    later.write_text(renumbered, encoding="utf-8")
    kb.add_document(first, corpus_dir=corpus_copy, slug="plan-a")
    held = (corpus_copy / "documents" / "plan-a.yaml").read_text(encoding="utf-8")
    with pytest.raises(kb.InputError, match="another document, not a text of plan-a"):  # nor held in its place
        kb.add_document(later, corpus_dir=corpus_copy, slug="plan-a", replace=True)
    assert (corpus_copy / "documents" / "plan-a.yaml").read_text(encoding="utf-8") == held
    added = kb.add_document(later, corpus_dir=corpus_copy, slug="plan-b")
    assert not any("say what plan-a's say" in note for note in added.notes), added.notes


def test_an_english_version_is_named_after_its_spanish_original_and_version_of_can_be_given_later(
        corpus_copy: Path, tmp_path: Path) -> None:
    for held in (corpus_copy / "documents" / f"{PLAN}.yaml", corpus_copy / "sources" / f"{PLAN}.txt"):
        held.unlink(missing_ok=True)
    spanish, english = tmp_path / "plan-es.txt", tmp_path / "plan-en.txt"
    spanish.write_text(NEW_PLAN_VERSION_ES, encoding="utf-8")
    # its cover gives another day of adoption than the original's
    english.write_text(NEW_PLAN.replace("held on September 15, 2027", "held on September 14, 2027"), encoding="utf-8")
    first = kb.add_document(spanish, corpus_dir=corpus_copy)
    assert first.slug == PLAN  # a first text is the document, whatever its language (language: says it)
    added = kb.add_document(english, corpus_dir=corpus_copy)
    assert added.slug == f"{PLAN}-en"  # a version is named after its original, with its language
    assert any("is dated by its adoption, in every language" in note for note in added.notes)
    # a text held with no version_of is told it afterwards
    meta = added.meta_path.read_text(encoding="utf-8")
    added.meta_path.write_text(re.sub(r"(?m)^version_of: .*\n", "", meta), encoding="utf-8")
    again = kb.add_document(english, corpus_dir=corpus_copy, version_of=PLAN)
    assert again.kept_metadata and re.search(rf"(?m)^version_of: {PLAN}  # given$",
                                             added.meta_path.read_text(encoding="utf-8"))


def test_version_of_given_to_a_published_text_is_read_anew(capsys: pytest.CaptureFixture[str], corpus_copy: Path,
                                                           tmp_path: Path) -> None:
    """The same text, read as a version once `version_of:` is added: its alignment is said then, though its
    text did not change."""
    excerpt = tmp_path / "informe.txt"
    excerpt.write_text("I. INTRODUCCIÓN\n\nEl Plan de Acción de Buenos Aires, aprobado por la XXI CIMT en 2021.\n\n"
                       "99. Un párrafo que el original no tiene.\n", encoding="utf-8")
    added = kb.add_document(excerpt, corpus_dir=corpus_copy, slug="informe-2024", doc_type="WorkingGroupReport",
                            date="2024")
    meta = re.sub(r"(?m)^issuing_body: .*$", "issuing_body: iacml-wg1", added.meta_path.read_text(encoding="utf-8"))
    added.meta_path.write_text(meta, encoding="utf-8")
    args = ["--corpus", str(corpus_copy), "--build-dir", str(tmp_path / "build")]
    assert run(capsys, "build", *args)[0] == 0
    # one pair of three (its heading): read unlike the report, it is a version once the curator confirms it
    added.meta_path.write_text(meta + "version_of: wg1-2024-report\nversion_confirmed: true\n", encoding="utf-8")
    code, _, err = run(capsys, "validate", *args)
    assert code == 0 and "informe-2024: " in err and "no counterpart for" in err and "para_99" in err


def test_a_link_published_on_a_text_later_tied_as_a_version_is_replaced(both: tuple[Path, Path]) -> None:
    """Links curated on the Spanish text while it was a document of its own name the original's provision once
    `version_of:` is given: their published IRIs are replaced by the links now, not dropped."""
    corpus, build_dir = both
    meta = corpus / "documents" / f"{VERSION}.yaml"
    tied = meta.read_text(encoding="utf-8")
    meta.write_text(re.sub(r"(?m)^version_of:.*\n", "", tied), encoding="utf-8")
    links = corpus / "annotations" / "version-links.yaml"
    entry = ("links:\n  - from: {} para_4\n    type: addressee\n    to: body:unesco\n    evidence:\n"
             f"      - doc: {VERSION}\n        quote: la OEA y la UNESCO\n")
    links.write_text(entry.format(VERSION), encoding="utf-8")
    kb.build(corpus, build_dir)
    published = kb.iri.link_iri(kb.provision_iri(VERSION, "para_4"), "addressee", body_iri("unesco"))
    meta.write_text(tied, encoding="utf-8")
    links.write_text(entry.format(PLAN), encoding="utf-8")
    release, _ = kb.build(corpus, build_dir)
    with kb.open_store(release.store_path) as store:
        assert kb.replaced_by(store, published) == str(
            kb.iri.link_iri(kb.provision_iri(PLAN, "para_4"), "addressee", body_iri("unesco")))


# A Plan of Action of our own writing that is not the Asunción plan in Spanish.
OTHER_PLAN_ES = """ORGANIZACIÓN DE LOS ESTADOS AMERICANOS

XI CONFERENCIA INTERAMERICANA DE MINISTROS DE TRABAJO                 OEA/Ser.K/XII.11.1
Viña del Mar, Chile, 20 al 22 de octubre de 1998                     Original: español

PLAN DE ACCIÓN DE VIÑA DEL MAR

Los Ministros de Trabajo acuerdan las siguientes líneas de acción:

Modernizar los sistemas de estadísticas laborales de la región con apoyo del BID y la CEPAL.

Celebrar un seminario sobre la seguridad social de los trabajadores migrantes en Santiago en 1999.

Elaborar un estudio comparado de las legislaciones sobre el trabajo infantil en los países andinos.

Difundir en la página de la Conferencia los informes nacionales sobre el diálogo social tripartito.
"""


def test_another_text_is_no_version_however_it_is_given(capsys: pytest.CaptureFixture[str], both: tuple[Path, Path],
                                                        tmp_path: Path) -> None:
    """A text that does not say what the original says, paragraph by paragraph, or a second text of the same
    language, is refused as a version: given to `kb add` (nothing written), or in its metadata (the build)."""
    corpus, build_dir = both
    other = tmp_path / "vina.txt"
    other.write_text(OTHER_PLAN_ES, encoding="utf-8")
    before = sorted(p.name for p in (corpus / "documents").iterdir())
    with pytest.raises(kb.InputError, match=r"--version-of 'iacml23-plan-of-action': 0 of 5 provisions aligned .*"
                                            r"does not say what iacml23-plan-of-action says"):
        kb.add_document(other, corpus_dir=corpus, slug="iacml11-plan-of-action-es", version_of=PLAN, date="1998")
    assert sorted(p.name for p in (corpus / "documents").iterdir()) == before
    added = kb.add_document(other, corpus_dir=corpus, slug="iacml11-plan-of-action-es", date="1998")
    meta = added.meta_path.read_text(encoding="utf-8")
    added.meta_path.write_text(meta + f"version_of: {PLAN}\n", encoding="utf-8")
    with pytest.raises(kb.CorpusError) as refused:
        kb.build(corpus, build_dir)
    assert "iacml11-plan-of-action-es.yaml" in str(refused.value)
    assert "0 of 5 provisions aligned" in str(refused.value) and "does not say what" in str(refused.value)
    second = corpus / "documents" / "iacml11-plan-of-action-es.yaml"
    second.write_text((corpus / "documents" / f"{VERSION}.yaml").read_text(encoding="utf-8").replace(
        VERSION, "iacml11-plan-of-action-es"), encoding="utf-8")  # the Asunción plan's Spanish text held twice
    (corpus / "sources" / "iacml11-plan-of-action-es.txt").write_text(NEW_PLAN_VERSION_ES, encoding="utf-8")
    with pytest.raises(kb.InputError, match=rf"version_of: '{PLAN}' already has a version in 'es': {VERSION}"):
        kb.build(corpus, build_dir)


def test_a_second_text_in_one_language_is_refused_whatever_region_its_tag_names(both: tuple[Path, Path],
                                                                              tmp_path: Path) -> None:
    """The pages say "es" of an es-PY text: a second Spanish version tagged so would be a second work of the
    same title. `kb add` refuses it (nothing written), and so does the build, naming each file and the other."""
    corpus, build_dir = both
    second = tmp_path / "plan-py.txt"
    second.write_text(NEW_PLAN_VERSION_ES.replace("Asunción con", "Asunción, Paraguay, con"), encoding="utf-8")
    before = sorted(p.name for p in (corpus / "documents").iterdir())
    with pytest.raises(kb.InputError, match=rf"--version-of '{PLAN}': {PLAN} already has a version in 'es': "
                                            rf"{VERSION} \(language: es\)") as info:
        kb.add_document(second, corpus_dir=corpus, slug="plan-es-py", version_of=PLAN, language="es-PY")
    assert "--replace" in info.value.hint
    assert sorted(p.name for p in (corpus / "documents").iterdir()) == before
    meta = corpus / "documents" / "plan-es-py.yaml"
    meta.write_text((corpus / "documents" / f"{VERSION}.yaml").read_text(encoding="utf-8").replace(
        VERSION, "plan-es-py").replace("language: es", "language: es-PY"), encoding="utf-8")
    (corpus / "sources" / "plan-es-py.txt").write_text(NEW_PLAN_VERSION_ES, encoding="utf-8")  # as its checksum
    line = next(n for n, row in enumerate(meta.read_text(encoding="utf-8").splitlines(), 1)
                if row.startswith("version_of:"))
    with pytest.raises(kb.KbError) as refused:
        kb.build(corpus, build_dir)
    said = str(refused.value)
    assert f"plan-es-py.yaml:{line}: version_of: '{PLAN}' already has a version in 'es': {VERSION} (language: es)" \
        in said
    assert f"{VERSION}.yaml" in said and "already has a version in 'es': plan-es-py (language: es-PY)" in said


def test_a_version_printed_under_another_revision_of_the_symbol_is_proposed(corpus_copy: Path,
                                                                            tmp_path: Path) -> None:
    """The English text of a Spanish plan carries "rev. 2" where the Spanish one carries "rev. 1": one document."""
    for held in (corpus_copy / "documents" / f"{PLAN}.yaml", corpus_copy / "sources" / f"{PLAN}.txt"):
        held.unlink(missing_ok=True)
    english, spanish = tmp_path / "plan-en.txt", tmp_path / "plan-es.txt"
    english.write_text(NEW_PLAN, encoding="utf-8")
    spanish.write_text(NEW_PLAN_VERSION_ES.replace("doc.9/27 rev.1", "doc.9/27 rev.2"), encoding="utf-8")
    kb.add_document(english, corpus_dir=corpus_copy)
    added = kb.add_document(spanish, corpus_dir=corpus_copy)
    assert added.slug == VERSION
    assert re.search(rf"(?m)^version_of: {PLAN}  # ", added.meta_path.read_text(encoding="utf-8"))


def test_an_addendum_or_a_second_text_in_one_language_is_no_version(corpus_copy: Path, tmp_path: Path) -> None:
    """An addendum ("add.1") is a document of its own, whatever its language; a second Spanish text of a plan that
    has one is refused at once (the build would refuse both), with the --replace that holds it instead."""
    for held in (corpus_copy / "documents" / f"{PLAN}.yaml", corpus_copy / "sources" / f"{PLAN}.txt"):
        held.unlink(missing_ok=True)
    english, spanish, addendum, second = (tmp_path / f"{n}.txt" for n in ("en", "es", "add", "es2"))
    english.write_text(NEW_PLAN, encoding="utf-8")
    spanish.write_text(NEW_PLAN_VERSION_ES, encoding="utf-8")
    second.write_text(NEW_PLAN_VERSION_ES.replace("Asunción con", "Asunción, Paraguay, con"), encoding="utf-8")
    kb.add_document(english, corpus_dir=corpus_copy)
    assert kb.add_document(spanish, corpus_dir=corpus_copy).slug == VERSION
    addendum.write_text(NEW_PLAN_VERSION_ES.replace("doc.9/27 rev.1", "doc.9/27 add.1").replace(
        "PLAN DE ACCIÓN DE ASUNCIÓN", "ADDENDUM AL PLAN DE ACCIÓN DE ASUNCIÓN"), encoding="utf-8")
    added = kb.add_document(addendum, corpus_dir=corpus_copy, slug="plan-addendum")
    assert "version_of:" not in added.meta_path.read_text(encoding="utf-8")
    with pytest.raises(kb.InputError, match=r"already has a version in 'es'") as info:
        kb.add_document(second, corpus_dir=corpus_copy, slug="plan-es-second", version_of=PLAN)
    assert "--replace" in info.value.hint
    assert not (corpus_copy / "documents" / "plan-es-second.yaml").exists()


def test_a_text_in_another_language_of_a_held_document_is_pointed_out(corpus_copy: Path, tmp_path: Path) -> None:
    """A curator added the Spanish text of a held Plan of Action whose printed symbol differs (a revision's number):
    it was proposed as a document of its own, its mandates counted twice, with no word of the held one."""
    for held in (corpus_copy / "documents" / f"{PLAN}.yaml", corpus_copy / "sources" / f"{PLAN}.txt"):
        held.unlink(missing_ok=True)
    english, spanish = tmp_path / "plan-en.txt", tmp_path / "plan-es.txt"
    english.write_text(NEW_PLAN, encoding="utf-8")
    spanish.write_text(NEW_PLAN_VERSION_ES.replace("CIDI/TRABAJO/doc.9/27 rev.1", "CIDI/TRABAJO/doc.22/27 rev.2")
                       .replace("OEA/Ser.K/XII.23.1", "OEA/Ser.K/XII.23.2"), encoding="utf-8")
    kb.add_document(english, corpus_dir=corpus_copy)
    added = kb.add_document(spanish, corpus_dir=corpus_copy)
    assert added.slug == VERSION
    assert "version_of:" not in added.meta_path.read_text(encoding="utf-8")  # not proposed: its symbols differ
    (note,) = [n for n in added.notes if n.startswith("version_of:")]
    assert note.startswith(f"version_of: {PLAN} is a PlanOfAction of the same meeting, held in another language")
    assert f"--version-of {PLAN}" in note


# A statement of our own writing with two runs of "1. 2." (points agreed, then "They also agree:"), and its
# Spanish text: read as lists, whose version the build published untyped as a list and then refused.
LISTS_EN = """JOINT STATEMENT ON LABOR MIGRATION

1. The delegations met to review the situation of migrant workers in the region.

2. The delegations agree on the following points:

1. Migrant workers shall enjoy the same labor rights as national workers.

2. Employment services shall provide information to migrant workers in their own language.

They also agree:

1. To exchange information on recruitment practices every year.

2. To report on the measures adopted at the next meeting.
"""
LISTS_ES = """DECLARACIÓN CONJUNTA SOBRE MIGRACIÓN LABORAL

1. Las delegaciones se reunieron para examinar la situación de los trabajadores migrantes en la región.

2. Las delegaciones acuerdan los siguientes puntos:

1. Los trabajadores migrantes gozarán de los mismos derechos laborales que los trabajadores nacionales.

2. Los servicios de empleo proporcionarán información a los trabajadores migrantes en su propio idioma.

Asimismo acuerdan:

1. Intercambiar información sobre las prácticas de contratación cada año.

2. Informar sobre las medidas adoptadas en la próxima reunión.
"""


def _held_declaration(corpus: Path, tmp_path: Path, slug: str, text: str) -> None:
    """An English declaration of our own held (its issuing body written, as a curator would)."""
    english = tmp_path / f"{slug}.txt"
    english.write_text(text, encoding="utf-8")
    added = kb.add_document(english, corpus_dir=corpus, slug=slug, doc_type="Declaration", date="2025-02-01")
    meta = added.meta_path.read_text(encoding="utf-8")
    added.meta_path.write_text(re.sub(r"(?m)^issuing_body: .*$", "issuing_body: iacml", meta), encoding="utf-8")


def test_a_version_whose_text_has_lists_is_built(corpus_copy: Path, tmp_path: Path) -> None:
    """A version's list is a kb:VersionProvision (the original's is the kb:List) with no text of its own: the
    build refused it as an empty provision, though the same text held on its own validates."""
    _held_declaration(corpus_copy, tmp_path, "migration", LISTS_EN)
    spanish = tmp_path / "es.txt"
    spanish.write_text(LISTS_ES, encoding="utf-8")
    added = kb.add_document(spanish, corpus_dir=corpus_copy, slug="migration-es", version_of="migration")
    (note,) = [n for n in added.notes if n.startswith("version_of:")]
    assert "paired by place alone (check them): al_1" in note and "list_" not in note  # a list has no words
    release, _ = kb.build(corpus_copy, tmp_path / "build")
    with kb.open_store(release.store_path) as store:
        es = kb.describe(store, URIRef(kb.provision_iri("migration-es", "list_2")))
        assert es.first(str(KB.versionOf)) == str(kb.provision_iri("migration", "list_2"))
        assert str(KB.VersionProvision) in {str(o) for p, o in es.properties if p.endswith("#type")}


# A declaration of our own writing with no proper name, number or acronym at all, in short paragraphs, and its
# Spanish text: only the lengths say it is a translation, and they must be enough.
DECENT_WORK_EN = """DECLARATION ON DECENT WORK

1. We recognize that decent work is the best path out of poverty.

2. We reaffirm our commitment to social dialogue among governments, workers and employers.

3. We will strengthen labor inspection and the protection of the rights of workers.

4. We will promote the participation of women and young people in the labor market.

5. We encourage the exchange of experiences on public employment services.

6. We request the technical secretariat to prepare a report on the progress made.
"""
DECENT_WORK_ES = """DECLARACIÓN SOBRE EL TRABAJO DECENTE

1. Reconocemos que el trabajo decente es el mejor camino para salir de la pobreza.

2. Reafirmamos nuestro compromiso con el diálogo social entre gobiernos, trabajadores y empleadores.

3. Fortaleceremos la inspección del trabajo y la protección de los derechos de los trabajadores.

4. Promoveremos la participación de las mujeres y de los jóvenes en el mercado laboral.

5. Alentamos el intercambio de experiencias sobre los servicios públicos de empleo.

6. Solicitamos a la secretaría técnica que elabore un informe sobre los avances logrados.
"""
# Two declarations laid out alike, on other matters: only their paragraph numbers agree.
YOUTH_EN = """DECLARATION ON YOUTH

1. We meet in Lima to discuss youth employment and the transition from school to work across the region.

2. We commit to expand apprenticeships and vocational training programs for young people in every member state.

3. We instruct the Technical Secretariat to report on progress at the next meeting of the Conference.
"""
FISHERIES_ES = """DECLARACIÓN SOBRE PESCA

1. La pesca artesanal sostiene a miles de familias costeras.

2. Los océanos requieren protección frente a la sobreexplotación.

3. Las cuotas de captura deben revisarse cada año.
"""


def _read(text: str, language: str) -> list[Provision]:
    return kb.parse_document(text, source="x.txt", doc_type="Declaration", language=language).provisions


def test_a_translation_reads_like_its_original_and_another_text_does_not() -> None:
    """A translation with no name in it is as long as its original, pair by pair (Spanish some 10-25% longer); a
    text that pairs by its paragraph numbers alone, or whose provisions are mostly unpaired, reads unlike it."""
    for version, original in ((DECENT_WORK_ES, DECENT_WORK_EN), (DECENT_WORK_EN, DECENT_WORK_ES),
                              (NEW_PLAN_VERSION_ES, NEW_PLAN), (LISTS_ES, LISTS_EN)):
        alignment = align(_read(version, "es"), _read(original, "en"))
        assert alignment.complete or not alignment.unmatched
        assert alignment.unlike == "", (version[:30], alignment)
    alignment = align(_read(FISHERIES_ES, "es"), _read(YOUTH_EN, "en"))
    assert alignment.summary("y") == "all 3 provisions aligned with y's"  # by their numbers: all that was said
    assert alignment.unlike.startswith("only 0 of 3 pairs share a number, name or acronym in their words or are as "
                                       "long")
    assert "its text is 0.54 times as long as the original's" in alignment.unlike
    # the youth declaration's three paragraphs pair with three of the six on decent work: half of these unpaired
    mostly_unpaired = align(_read(DECENT_WORK_ES, "es"), _read(YOUTH_EN, "en"))
    assert mostly_unpaired.unlike == "3 of its 6 provisions have no counterpart there"


def test_a_text_unlike_its_original_is_held_as_its_version_only_once_confirmed(
        capsys: pytest.CaptureFixture[str], corpus_copy: Path, tmp_path: Path) -> None:
    """A curator's walkthrough: a joint declaration was taken for the English text of another ("3 of 9 provisions
    aligned") and given its title. Given with --version-of, such a text is refused, nothing written, naming both
    files; written by hand, the build refuses it; the curator who has checked says so with version_confirmed."""
    _held_declaration(corpus_copy, tmp_path, "y", YOUTH_EN)
    fisheries = tmp_path / "b.txt"
    fisheries.write_text(FISHERIES_ES, encoding="utf-8")
    before = sorted(p.name for p in (corpus_copy / "documents").iterdir())
    with pytest.raises(kb.InputError) as refused:
        kb.add_document(fisheries, corpus_dir=corpus_copy, slug="y-es", version_of="y")
    assert "all 3 provisions aligned with y's, but only 0 of 3 pairs" in str(refused.value)
    assert "(nothing written)" in str(refused.value)
    assert f"check {fisheries} against {corpus_copy / 'sources' / 'y.txt'}" in refused.value.hint
    assert "--confirm-version" in refused.value.hint
    assert sorted(p.name for p in (corpus_copy / "documents").iterdir()) == before
    # written by hand: the build refuses it, at the line of version_of, naming both files
    added = kb.add_document(fisheries, corpus_dir=corpus_copy, slug="y-es", date="2025-02-01")
    meta = re.sub(r"(?m)^issuing_body: .*$", "issuing_body: iacml", added.meta_path.read_text(encoding="utf-8"))
    added.meta_path.write_text(meta + "version_of: y\n", encoding="utf-8")
    with pytest.raises(kb.CorpusError) as unbuilt:
        kb.build(corpus_copy, tmp_path / "build")
    said = str(unbuilt.value)
    assert "y-es.yaml:" in said and "version_of: all 3 provisions aligned with y's, but only 0 of 3 pairs" in said
    assert "y-es.txt against" in said and "y.txt: if it is another document, remove version_of" in said
    added.meta_path.write_text(meta + "version_of: y\nversion_confirmed: true\n", encoding="utf-8")
    code, _, err = run(capsys, "build", "--corpus", str(corpus_copy), "--build-dir", str(tmp_path / "build"))
    assert code == 0 and "(version_confirmed: published as y's version)" in err
    # confirmed when added: written so
    for held in (added.meta_path, added.source_path):
        held.unlink()
    confirmed = kb.add_document(fisheries, corpus_dir=corpus_copy, slug="y-es", version_of="y", confirm_version=True)
    assert "version_confirmed: true  # given" in confirmed.meta_path.read_text(encoding="utf-8")
    assert any("(confirmed: published as y's version)" in note for note in confirmed.notes)


def test_a_report_of_another_meeting_laid_out_alike_is_no_version_unless_confirmed(
        capsys: pytest.CaptureFixture[str], corpus_copy: Path, tmp_path: Path) -> None:
    """A second walkthrough: a Working Group report of another meeting, written from the same template (paragraphs
    as long, the same bodies named), was published as the Spanish text of a held one: only its symbols told them
    apart, and they were not read. The language versions of an OAS document print one set of symbols."""
    def covered(text: str, symbol: str) -> str:
        return f"OEA/Ser.K/XII.30.4\nCIDI/TRABAJO/GT/doc.{symbol}\n\n{text}"

    _held_declaration(corpus_copy, tmp_path, "decent-work", covered(DECENT_WORK_EN, "3/26"))
    spanish = tmp_path / "es.txt"
    spanish.write_text(covered(DECENT_WORK_ES, "2/24"), encoding="utf-8")
    with pytest.raises(kb.InputError) as refused:
        kb.add_document(spanish, corpus_dir=corpus_copy, slug="decent-work-es", version_of="decent-work")
    assert "its symbols (OEA/Ser.K/XII.30.4; CIDI/TRABAJO/GT/doc.2/24) are not decent-work's" in str(refused.value)
    # written by hand, the build refuses it; confirmed, it is published
    added = kb.add_document(spanish, corpus_dir=corpus_copy, slug="decent-work-es", date="2025-02-01")
    meta = re.sub(r"(?m)^issuing_body: .*$", "issuing_body: iacml", added.meta_path.read_text(encoding="utf-8"))
    meta = re.sub(r"(?m)^type: .*$", "type: Declaration", meta)
    added.meta_path.write_text(meta + "version_of: decent-work\n", encoding="utf-8")
    with pytest.raises(kb.CorpusError) as unbuilt:
        kb.build(corpus_copy, tmp_path / "build")
    assert "are not decent-work's" in str(unbuilt.value)
    added.meta_path.write_text(meta + "version_of: decent-work\nversion_confirmed: true\n", encoding="utf-8")
    code, _, err = run(capsys, "build", "--corpus", str(corpus_copy), "--build-dir", str(tmp_path / "build"))
    assert code == 0 and "(version_confirmed: published as decent-work's version)" in err, err
    # the same symbols on both: a translation, held as one
    for held in (added.meta_path, added.source_path):
        held.unlink()
    spanish.write_text(covered(DECENT_WORK_ES, "3/26"), encoding="utf-8")
    assert not kb.add_document(spanish, corpus_dir=corpus_copy, slug="decent-work-es",
                               version_of="decent-work").version_doubt


def test_a_translation_with_no_name_in_it_is_held_as_a_version(corpus_copy: Path, tmp_path: Path) -> None:
    _held_declaration(corpus_copy, tmp_path, "decent-work", DECENT_WORK_EN)
    spanish = tmp_path / "es.txt"
    spanish.write_text(DECENT_WORK_ES, encoding="utf-8")
    added = kb.add_document(spanish, corpus_dir=corpus_copy, slug="decent-work-es", version_of="decent-work")
    assert any(note.endswith("all 6 provisions aligned with decent-work's") for note in added.notes), added.notes
    assert not added.version_doubt
    kb.build(corpus_copy, tmp_path / "build")


def test_a_text_with_the_symbols_of_a_held_one_that_reads_unlike_it_is_held_back(
        capsys: pytest.CaptureFixture[str], corpus_copy: Path, tmp_path: Path) -> None:
    """Proposed by its symbols (the Asunción plan's cover over a text of other matters), a version that reads
    unlike its original is written, said, and not built until the curator says which it is."""
    for held in (corpus_copy / "documents" / f"{PLAN}.yaml", corpus_copy / "sources" / f"{PLAN}.txt"):
        held.unlink(missing_ok=True)
    english, other = tmp_path / "plan-en.txt", tmp_path / "plan-es.txt"
    english.write_text(NEW_PLAN, encoding="utf-8")
    kb.add_document(english, corpus_dir=corpus_copy)
    cover = NEW_PLAN_VERSION_ES.split("1. NOSOTROS")[0]
    other.write_text(cover + "\n\n".join(f"{n}. {text}" for n, text in enumerate((
        "La pesca artesanal sostiene a miles de familias costeras.", "Los océanos requieren protección.",
        "Las cuotas de captura deben revisarse cada año.", "Los puertos pesqueros necesitan inversión."), 1)) + "\n",
        encoding="utf-8")
    args = ["--corpus", str(corpus_copy), "--build-dir", str(tmp_path / "build")]
    code, out, err = run(capsys, "add", str(other), *args)
    assert code == EXIT_NOT_BUILT and f"version_of: this text is the Spanish version of {PLAN}" in err
    assert "write version_confirmed: true under version_of" in err
    assert f"not built: it reads unlike {PLAN}, whose version its symbols make it" in out
    assert not (tmp_path / "build").exists()


_NOTICE_ES = ("Primera Reunión del Grupo de Trabajo sobre Inspección Laboral - 2030\n\n"
              "La Primera Reunión del Grupo de Trabajo sobre Inspección Laboral se llevó a cabo el 3 y 4 de marzo de "
              "2030 en Lima, Perú. Delegados de 12 Ministerios de Trabajo, representantes de COSATE y CEATAL y "
              "especialistas de la OIT participaron en el encuentro.\n")
_NOTICE_EN = ("First Meeting of the Working Group on Labor Inspection - 2030\n\n"
              "The First Meeting of the Working Group on Labor Inspection took place on March 3 and 4, 2030 in Lima, "
              "Peru. Delegates from 12 Ministries of Labor, representatives of COSATE and CEATAL and specialists from "
              "the ILO took part in the meeting.\n")


def test_a_text_held_before_it_was_said_a_version_is_not_published_under_its_cover_s_slug(
        capsys: pytest.CaptureFixture[str], corpus_copy: Path, tmp_path: Path) -> None:
    """A walkthrough's curator held a notice's English text (no symbols: nothing tied it to the Spanish one held),
    then ran `kb add FILE --version-of` on it: version_of was written and the build published the version under
    its cover's slug for good, where `kb add --version-of` names a new text after its original (ORIGINAL-en)."""
    spanish, english = tmp_path / "aviso.txt", tmp_path / "notice.txt"
    spanish.write_text(_NOTICE_ES, encoding="utf-8")
    english.write_text(_NOTICE_EN, encoding="utf-8")
    args = ["--corpus", str(corpus_copy), "--build-dir", str(tmp_path / "build")]
    original = kb.add_document(spanish, corpus_dir=corpus_copy, date="2030-03-04", doc_type="MeetingSummary")
    body = re.sub(r"(?m)^issuing_body: .*$", "issuing_body: iacml", original.meta_path.read_text(encoding="utf-8"))
    original.meta_path.write_text(body, encoding="utf-8")
    assert run(capsys, "build", *args)[0] == 0
    first = kb.add_document(english, corpus_dir=corpus_copy, date="2030-03-04", doc_type="MeetingSummary")
    assert first.slug != f"{original.slug}-en"  # held under its cover's slug: nothing said it is a version
    body = re.sub(r"(?m)^issuing_body: .*$", "issuing_body: iacml", first.meta_path.read_text(encoding="utf-8"))
    first.meta_path.write_text(body, encoding="utf-8")
    code, out, _ = run(capsys, "add", str(english), "--version-of", original.slug, *args)
    assert code == EXIT_NOT_BUILT and f"not built: the slug {first.slug} was kept from this text's first reading" in out
    assert f"{original.slug}-en" in out and f"`kb add {english} --version-of {original.slug}`" in out
    assert first.slug not in kb.current_release(tmp_path / "build").report()["documents"]
    # as told: its two files removed, the text added again is held as the version's name
    first.meta_path.unlink()
    first.source_path.unlink()
    again = kb.add_document(english, corpus_dir=corpus_copy, version_of=original.slug)
    assert again.slug == f"{original.slug}-en" and not again.slug_doubt


# The plan and its shorter Spanish text, both with a list of two items after paragraph 4: the list itself has
# no words of its own in either language, its items have.
LISTED_EN = ("report on its progress to the XXIV IACML.", "report on its progress to the XXIV IACML, in particular:\n\n"
             "- the register of qualifications;\n\n- the recognition of skills.")
LISTED_ES = ("cuenta de lo avanzado ante la XXIV CIMT.", "cuenta de lo avanzado ante la XXIV CIMT, en particular:\n\n"
             "- el registro de las cualificaciones;\n\n- el reconocimiento de las competencias.")


@pytest.fixture(scope="module")
def short_version(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store of a corpus holding the plan in English and its Spanish text lacking item 3(c), both listed."""
    from kb.corpus import default_corpus_dir

    tmp = tmp_path_factory.mktemp("short-version")
    corpus = tmp / "corpus"
    shutil.copytree(default_corpus_dir(), corpus)
    for held in (corpus / "documents" / f"{PLAN}.yaml", corpus / "sources" / f"{PLAN}.txt"):
        held.unlink(missing_ok=True)
    english, spanish = tmp / "plan-en.txt", tmp / "plan-es.txt"
    english.write_text(NEW_PLAN.replace(*LISTED_EN), encoding="utf-8")
    spanish.write_text(NEW_PLAN_VERSION_ES_SHORT.replace(*LISTED_ES), encoding="utf-8")
    kb.add_document(english, corpus_dir=corpus)
    assert kb.add_document(spanish, corpus_dir=corpus).slug == VERSION
    release, _ = kb.build(corpus, tmp / "build")
    return release.store_path


def _spanish_hits(client: httpx.Client, q: str) -> list[str]:
    found = client.get("/search", params={"lang": "es", "q": q, "type": "provision"}).text
    return re.findall(r'<li><a href="(/doc/[^"?]*)\?lang=es">', found)


def test_a_spanish_search_finds_the_work_by_its_spanish_words_and_title(short_version: Path, tmp_path: Path) -> None:
    """On a Spanish page every hit in the Spanish version is the original's, once, whether or not the English
    text has the words too; and the Spanish title the hits are shown by finds them."""
    with running_server(short_version, tmp_path / "server.log") as server, \
            httpx.Client(base_url=server.url, timeout=60, headers={"Accept": "text/html"}) as client:
        assert _spanish_hits(client, "porvenir") == [f"/doc/{PLAN}/para_3__para_a"]  # in the Spanish text only
        found = client.get("/search", params={"lang": "es", "q": "porvenir"}).text
        assert '<p class="snippet">el <mark>porvenir</mark>' in found  # in the page's language: no mark
        assert _spanish_hits(client, "Plan de Acción de Asunción párr 4") == [f"/doc/{PLAN}/para_4"]
        assert _spanish_hits(client, "Plan of Action of Asunción para 4") == [f"/doc/{PLAN}/para_4"]
        assert _spanish_hits(client, "cualificaciones registro") == [f"/doc/{PLAN}/sec_2__list_1__item_1"]
        # in English each text is its own hit, by its words
        assert re.findall(r'<li><a href="(/doc/[^"?]*)">', client.get("/search", params={"q": "porvenir"}).text) \
            == [f"/doc/{VERSION}/para_3__para_a"]


def test_a_spanish_page_of_a_provision_the_version_has_without_words_links_its_counterpart(
        short_version: Path, tmp_path: Path) -> None:
    """The list after paragraph 4 is in the Spanish version too, with no words of its own (as in the original):
    its Spanish page links that list and does not say the version lacks it."""
    listed = f"/doc/{PLAN}/sec_2__list_1"
    with running_server(short_version, tmp_path / "server.log") as server, \
            httpx.Client(base_url=server.url, timeout=60, headers={"Accept": "text/html"}) as client:
        for language, lacks in (("es", "no tiene su equivalente"), ("en", "has no counterpart")):
            page = client.get(listed, params={"lang": language}).text
            if language == "en":  # an English page says nothing of a version
                assert 'id="language-version"' not in page
                continue
            said = re.search(r'<p class="language-version" id="language-version">(.*?)</p>', page, re.S)
            assert said is not None, page
            assert f'<a href="/doc/{VERSION}/sec_2__list_1?lang=es">' in said[1] and lacks not in said[1], said[1]
            assert 'id="original"' not in page  # nothing said twice
        lacking = client.get(f"/doc/{PLAN}/para_3__para_c", params={"lang": "es"}).text  # truly none
        assert "no tiene su equivalente" in lacking


def test_the_version_s_provisions_are_read_once_per_store(short_version: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every item page and dashboard in Spanish shows the version's words, read by one query for the store."""
    from api import pages_data

    store = kb.open_store(short_version)
    asked: list[str] = []
    select = store.select

    def counted(text: str, *args: Any, **kwargs: Any) -> Any:
        asked.append(text)
        return select(text, *args, **kwargs)

    monkeypatch.setattr(store, "select", counted)
    for eid in ("para_4", "para_3", "sec_2"):
        page = pages_data.item_page(store, URIRef(f"{kb.BASE}doc/{PLAN}/{eid}"), "es")
        assert page["version"]["aligned"] and page["textLanguage"] == "es"
    rows = pages_data.dashboard(store, asof=None, document=None, topic=None, body=None, status=None, kind=None,
                                language="es")
    assert any(r["textLanguage"] == "es" for r in rows["items"])
    assert asked.count(pages_data.VERSION_PROVISIONS_QUERY.text) == 1


def test_a_version_tagged_with_a_region_is_the_spanish_text(capsys: pytest.CaptureFixture[str],
                                                             both: tuple[Path, Path], tmp_path: Path) -> None:
    """A version whose language names a region (es-PY) is cited for a Spanish citation and read by the
    suggester with the Spanish stemmer, as one tagged es."""
    corpus, build_dir = both
    meta = corpus / "documents" / f"{VERSION}.yaml"
    text = meta.read_text(encoding="utf-8")
    assert re.search(r"(?m)^language: es$", text)
    meta.write_text(re.sub(r"(?m)^language: es$", "language: es-PY", text), encoding="utf-8")
    kb.build(corpus, build_dir)
    code, out, _ = run(capsys, "cite", f"{PLAN} para_4", "--language", "es", "--build-dir", str(build_dir))
    assert code == 0 and "“Alentar a OIT/CINTERFOR" in out and f"/doc/{VERSION}/para_4." in out
    _, code, out = _suggest_for_next_plan(capsys, corpus, tmp_path)
    carried = [s for s in json.loads(out) if s["type"] == "reiterates" and s["from_ref"].endswith(" para_1")]
    assert code == 0 and carried and carried[0]["to_ref"] == f"{PLAN} para_4"
    assert f"read in its es version ({VERSION})" in carried[0]["why"]  # one language: no "across languages"
    assert "across languages" not in carried[0]["why"]
