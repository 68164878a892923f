"""The activities a document reports, proposed for declaring (``kb suggest --activities``), and their review:
declared by a curator, they are what the next ``kb suggest`` links to the mandates they answered."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from rdflib import RDFS, URIRef
from test_api_server import running_server

import kb
from kb.cli import main
from kb.errors import EXIT_USAGE
from kb.iri import activity_iri
from kb.model import DocType, DocumentMeta, SourceDocument

FIXTURES = Path(__file__).parent / "fixtures" / "reported"
NEW = "wg2-2025-report"
ART_7G = f"{kb.BASE}doc/iacml21-plan-of-action/art_7__para_g"


def read(name: str, date: str, declared: tuple[kb.model.Activity, ...] = ()) -> list[kb.ReportedActivity]:
    path = FIXTURES / name
    text = path.read_text(encoding="utf-8")
    parsed = kb.parse_document(text, source=name)
    meta = DocumentMeta(slug=path.stem, title="", doc_type=DocType.WORKING_GROUP_REPORT, symbols=(), date=date,
                        language=parsed.metadata.language or "en", original_language="", issuing_body="",
                        meeting="", source=name, sha256="")
    found = kb.reported_activities(SourceDocument(meta=meta, text=text, path=path), parsed.provisions, declared)
    for a in found:  # every quote located, as curated evidence is
        for e in a.evidence:
            assert text[e.start:e.end] == e.quote
    return found


def test_a_report_gives_the_activities_it_reports_with_their_dates_and_places() -> None:
    found = {a.activity_type: a for a in read("wg2-report.txt", "2025-09")}
    assert set(found) == {"Workshop", "VirtualDialogue"}  # the course it announces for 2026 is not proposed
    workshop = found["Workshop"]
    assert (workshop.start, workshop.end, workshop.place) == ("2025-03-12", "2025-03-13", "Lima, Peru")
    assert workshop.label == ("Hemispheric Workshop “Qualifications frameworks and the recognition of skills across "
                              "borders”")  # its name's capitalised words before the kind, and its title
    assert workshop.slug == "ws-2025-03-qualifications-frameworks-recognition"
    assert workshop.evidence[0].quote.startswith("The Hemispheric Workshop “Qualifications")
    assert "held" in workshop.why and workshop.confidence > 0.8
    dialogue = found["VirtualDialogue"]
    assert (dialogue.start, dialogue.end, dialogue.label) == ("2025-06-04", "", "Virtual dialogue on platform work "
                                                                              "among Ministries of Labor")


def test_a_spanish_report_is_read_alike() -> None:
    found = {a.activity_type: a for a in read("informe-es.txt", "2019-12")}
    assert set(found) == {"Workshop", "Study"}  # the next meeting, announced, is not
    assert (found["Workshop"].start, found["Workshop"].end, found["Workshop"].place) == (
        "2019-05-16", "2019-05-17", "Santiago, Chile")
    assert found["Workshop"].label == "Taller Hemisférico “Habilidades para el futuro del trabajo”"
    assert found["Study"].start == "2012"


def test_a_passage_listing_dated_events_gives_one_each_and_declared_ones_are_not_proposed_again() -> None:
    corpus = kb.prepare()
    report = next(d for d in corpus.documents if d.meta.slug == "wg1-2024-report")
    dialogues = [a for a in corpus.annotations.activities
                 if "wg1-2024-report" in a.reported_in and a.activity_type == "VirtualDialogue"]
    others = [a for a in corpus.annotations.activities if a not in dialogues]
    found = kb.reported_activities(report, corpus.provisions["wg1-2024-report"], others)
    # "The five virtual dialogues on gender ... (March, 2022), ... (September, 2022), ...": five, each dated
    assert sorted(a.start for a in found if a.activity_type == "VirtualDialogue") == sorted(
        a.start for a in dialogues)
    # declared, none is proposed; and nothing the corpus declares is proposed again
    again = kb.reported_activities(report, corpus.provisions["wg1-2024-report"], corpus.annotations.activities)
    assert not [a for a in again if a.activity_type == "VirtualDialogue" or a.start]
    declared = [e for a in corpus.annotations.activities for e in a.evidence if e.doc == "wg1-2024-report"]
    for a in again:
        assert not any(e.start < a.evidence[0].end and a.evidence[0].start < e.end and a.confidence >= 0.5
                       for e in declared), a


@pytest.fixture
def added(corpus_copy: Path) -> Path:
    """The corpus with a new report of our own writing held, none of its activities declared."""
    assert main(["add", str(FIXTURES / "wg2-report.txt"), "--slug", NEW, "--date", "2025-09", "--no-build",
                 "--corpus", str(corpus_copy)]) == 0
    return corpus_copy


def proposals(capsys: pytest.CaptureFixture[str], corpus: Path) -> list[dict[str, Any]]:
    capsys.readouterr()
    assert main(["suggest", "--activities", "--document", NEW, "--format", "json", "--corpus", str(corpus)]) == 0
    return list(json.loads(capsys.readouterr().out))


def test_proposed_declared_then_linked(capsys: pytest.CaptureFixture[str], added: Path, tmp_path: Path) -> None:
    """The curation loop of a new report: its activities proposed, one declared (its slug edited), one
    rejected; the next build holds the activity, and the next `kb suggest` proposes what it answered."""
    capsys.readouterr()
    assert main(["suggest", "--document", NEW, "--no-write", "--corpus", str(added)]) == 0
    assert f"it reports 2 activities not declared: `kb suggest --activities --document {NEW}`" in \
        capsys.readouterr().err
    found = {p["type"]: p for p in proposals(capsys, added)}
    assert set(found) == {"Workshop", "VirtualDialogue"}
    assert found["Workshop"]["reported_in"] == [NEW] and found["Workshop"]["evidence"][0]["start"] > 0

    assert main(["review", "--list", "--corpus", str(added)]) == 0
    listed = capsys.readouterr().out
    assert f"[{found['Workshop']['id']}] activity {found['Workshop']['slug']} (Workshop) reported in {NEW}" in listed
    assert "2 proposed activities and" in listed
    assert main(["review", "--accept", found["Workshop"]["id"], "--set", "slug=ws2025-qualifications-lima",
                 "--type", "respondsTo", "--corpus", str(added)]) == EXIT_USAGE  # a link's edit, refused
    assert main(["review", "--accept", found["Workshop"]["id"], "--set", "slug=Not A Slug",
                 "--corpus", str(added)]) == EXIT_USAGE
    assert not (added / "annotations" / "reviewed-activities.yaml").exists()  # nothing written when refused
    assert main(["review", "--accept", found["Workshop"]["id"], "--set", "slug=ws2025-qualifications-lima",
                 "--corpus", str(added)]) == 0
    assert main(["review", "--reject", found["VirtualDialogue"]["id"], "--reason", "not ours",
                 "--corpus", str(added)]) == 0
    declared = yaml.safe_load((added / "annotations" / "reviewed-activities.yaml").read_text(encoding="utf-8"))
    entry = declared["activities"][0]
    assert (entry["slug"], entry["type"], entry["start"], entry["end"], entry["place"], entry["reported_in"]) == (
        "ws2025-qualifications-lima", "Workshop", "2025-03-12", "2025-03-13", "Lima, Peru", [NEW])
    assert f"proposal {found['Workshop']['id']}" in entry["note"]
    assert kb.Review(added).pending_activities() == []
    assert proposals(capsys, added) == []  # the declared one and the rejected one are not proposed again
    assert main(["suggest", "--activities", "--document", NEW, "--corpus", str(added)]) == 0
    err = capsys.readouterr().err  # no "declare or reject them" of nothing
    assert "no activity proposed" in err and "declare or reject them" not in err
    # deciding again says how it was decided
    assert main(["review", "--reject", found["Workshop"]["id"], "--corpus", str(added)]) == EXIT_USAGE
    assert "was already accepted" in capsys.readouterr().err

    release, _ = kb.build(added, build_dir=tmp_path / "build")
    with kb.open_store(release.store_path) as store:
        rows = store.select("SELECT ?label WHERE { ?a <http://www.w3.org/2000/01/rdf-schema#label> ?label }",
                            {"a": URIRef(kb.BASE + "activity/ws2025-qualifications-lima")}).rows
    assert [str(r[0]) for r in rows] == [entry["label"]]
    assert main(["suggest", "--document", NEW, "--format", "json", "--no-write", "--corpus", str(added)]) == 0
    linked = [s for s in json.loads(capsys.readouterr().out)
              if s["from"] == kb.BASE + "activity/ws2025-qualifications-lima" and s["type"] == "respondsTo"]
    assert linked and linked[0]["to"] == ART_7G  # the Plan of Action's 7(g), first of what it answered


def test_the_prompt_declares_an_activity_with_edits(capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch, added: Path) -> None:
    import io

    found = sorted(proposals(capsys, added), key=lambda p: -p["confidence"])
    # edit the first: an unknown type refused at once, then its slug and place; quit at the second
    answers = "e\nSeminar\ne\nWorkshop\nws2025-lima\n\n\n-\n\n\nq\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(answers))
    assert main(["review", "--corpus", str(added)]) == 0
    said = capsys.readouterr()
    assert "refused: 'Seminar' is not an activity type" in said.err
    assert "declared: activity ws2025-lima (Workshop)" in said.out
    entry = yaml.safe_load((added / "annotations" / "reviewed-activities.yaml").read_text(encoding="utf-8"))[
        "activities"][0]
    assert entry["slug"] == "ws2025-lima" and "end" not in entry and entry["start"] == found[0]["start"]
    assert entry["evidence"] == [{"doc": NEW, "quote": found[0]["evidence"][0]["quote"]}]
    assert [a.id for a in kb.Review(added).pending_activities()] == [found[1]["id"]]


def test_a_declared_slug_that_is_taken_is_refused_with_nothing_written(capsys: pytest.CaptureFixture[str],
                                                                        added: Path) -> None:
    found = proposals(capsys, added)
    before = (added / "review" / "suggestions.yaml").read_bytes()
    assert main(["review", "--accept", found[0]["id"], "--set", "slug=ws2023-education-labor",
                 "--corpus", str(added)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "slug 'ws2023-education-labor' is declared already at" in err and "nothing was written" in err
    assert not (added / "annotations" / "reviewed-activities.yaml").exists()
    assert (added / "review" / "suggestions.yaml").read_bytes() == before


def test_the_review_page_declares_an_activity(capsys: pytest.CaptureFixture[str], added: Path,
                                              built_release: Any, tmp_path: Path) -> None:
    found = sorted(proposals(capsys, added), key=lambda p: -p["confidence"])
    with running_server(built_release.store_path, tmp_path / "curator.log", curator_corpus=str(added)) as server, \
            httpx.Client(base_url=server.url, timeout=60, follow_redirects=False) as client:
        token = server.review_url.split("=", 1)[1]
        page = client.get("/review", params={"token": token}, headers={"Accept": "text/html"})
        assert page.status_code == 200
        assert "Activities the documents report, not declared yet" in page.text
        assert page.text.count('class="suggestion activity"') == 2
        assert page.text.index(f'id="s-{found[0]["id"]}"') < page.text.index('id="links"')
        form = {"decision": "accept", "slug": "ws2025-page", "type": "Workshop", "label": found[0]["label"],
                "start": found[0]["start"], "end": "", "place": "Lima, Peru",
                "quote_0": found[0]["evidence"][0]["quote"]}
        posted = client.post(f"/review/{found[0]['id']}", params={"token": token}, data=form,
                             headers={"Origin": server.url, "Accept": "text/html"})
        assert posted.status_code == 303, posted.text
        assert "declared+activity+ws2025-page" in posted.headers["location"].replace("%20", "+")
        refused = client.post(f"/review/{found[1]['id']}", params={"token": token},
                              data={**form, "slug": "ws2025-page"}, headers={"Origin": server.url,
                                                                              "Accept": "text/html"})
        assert refused.status_code == 400 and "is declared already at" in refused.text
        assert re.search(r'name="slug" value="ws2025-page"', refused.text)  # the curator's edits kept
    entry = yaml.safe_load((added / "annotations" / "reviewed-activities.yaml").read_text(encoding="utf-8"))[
        "activities"]
    assert [(e["slug"], e.get("end")) for e in entry] == [("ws2025-page", None)]


def test_bench_activities_finds_what_curators_declared(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_activities", Path(__file__).parent.parent / "bench" /
                                                  "bench_activities.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    sys.modules["bench_activities"] = bench  # its dataclasses look their module up
    spec.loader.exec_module(bench)
    assert bench.main(["--out", str(tmp_path)]) == 0
    (out,) = tmp_path.glob("activities-*.json")
    held = json.loads(out.read_text(encoding="utf-8"))["held"]
    assert held["wanted"] >= 25 and held["found"] >= 14 and held["precision"] >= 0.7 and held["again"] == 0
    shutil.rmtree(tmp_path)


def read_text(text: str, date: str = "2025-12", declared: Any = ()) -> list[kb.ReportedActivity]:
    """What the reader proposes for a report of our own writing, given as text."""
    parsed = kb.parse_document(text, source="<report>")
    meta = DocumentMeta(slug="report", title="", doc_type=DocType.WORKING_GROUP_REPORT, symbols=(), date=date,
                        language="en", original_language="", issuing_body="", meeting="", source="<report>",
                        sha256="")
    return kb.reported_activities(SourceDocument(meta=meta, text=text, path=Path("report.txt")), parsed.provisions,
                                  list(declared))


def test_two_events_of_a_kind_in_one_month_stay_two() -> None:
    """Merged, the second workshop took the first's date and place, and could never be proposed again."""
    found = read_text("I. ACTIVITIES\n\n1. The Workshop “Skills for green jobs” was held on March 3, 2025 in Lima, "
                      "Peru.\n\n2. The Workshop “Labor migration and integration” was held on March 25, 2025 in "
                      "Quito, Ecuador.\n")
    assert sorted((a.start, a.place, a.label.split("“")[1][:6]) for a in found) == [
        ("2025-03-03", "Lima, Peru", "Skills"), ("2025-03-25", "Quito, Ecuador", "Labor ")]


@pytest.mark.parametrize("sentence", [
    "The workshop on platform work will be held in Lima, Peru, in 2026.",
    "The technical dialogue on informality, planned for May 2025, was postponed to 2026.",
    "The seminar on labor inspection planned for April 2025 was not held.",
    "The virtual course on mediation was cancelled in June 2025.",
    "El seminario sobre inspección previsto para abril de 2025 no se realizó.",
    "El taller sobre empleo juvenil será realizado en 2026.",
    "The XXIII IACML will be held in 2026.",
    # not held, whatever "held" says: a duty, a view ("held that"), a statement ("as held in")
    "A workshop on telework should be held on March 3, 2025.",
    "A meeting of the authorities of the IACML should be held on March 3, 2025.",
    "The authorities of the IACML will hold a virtual meeting on March 3, 2025.",
    "Meetings of the authorities will be held in 2026.",
    "The workshop held that the Work Plan should be adjusted.",
    "The authorities agreed, as held in the Declaration of the workshop on telework, to adjust the Work Plan.",
])
def test_what_did_not_take_place_is_not_proposed(sentence: str) -> None:
    assert read_text(f"I. ACTIVITIES\n\n1. {sentence}\n") == []


def test_a_meeting_of_no_kind_is_typed_by_who_held_it() -> None:
    """"held a virtual meeting" named no kind the reader knew: the authorities' meeting of May 2020 was missed."""
    found = read_text("Overview\n\nOn May 22nd, 2020, the authorities of the Inter-American Conference of Ministers "
                      "of Labor (IACML) held a virtual meeting to adjust the Work Plan.\n\nA meeting of the "
                      "authorities of the IACML was held on March 3, 2021.\n\nThe Trade Union Technical Advisory "
                      "Council (COSATE) and the Business Technical Advisory Committee on Labor Matters (CEATAL) held "
                      "a joint meeting on September 11, 2024, in Lima, Peru.\n")
    assert sorted((a.activity_type, a.start, a.label) for a in found) == [
        ("PreparatoryMeeting", "2020-05-22", "Virtual meeting of the authorities of the IACML"),
        ("PreparatoryMeeting", "2021-03-03", "Meeting of the authorities of the IACML"),
        ("WorkingGroupMeeting", "2024-09-11", "Joint meeting of COSATE and CEATAL")]
    # who held a dialogue held a dialogue, not a meeting
    assert [a.activity_type for a in read_text("Overview\n\nOn March 3, 2021, the authorities of the IACML held a "
                                               "virtual dialogue on telework.\n")] == ["VirtualDialogue"]


def test_dates_and_places_as_printed() -> None:
    found = read_text("I. ACTIVITIES\n\n1. The Regional Workshop on mediation took place from 30 November to 2 "
                      "December 2024 in Washington, D.C.\n\n2. The Seminar on social security was held on the 3rd "
                      "of April, 2025 in Port of Spain, Trinidad and Tobago.\n\n3. El Taller sobre empleo se realizó "
                      "el 1º de julio de 2025 en Asunción, Paraguay.\n")
    assert sorted((a.start, a.end, a.place) for a in found) == [
        ("2024-11-30", "2024-12-02", "Washington, D.C."), ("2025-04-03", "", "Port of Spain, Trinidad and Tobago"),
        ("2025-07-01", "", "Asunción, Paraguay")]
    assert not read_text("I. ACTIVITIES\n\n1. The hemispheric workshops held made it possible to specify "
                         "commitments.\n")  # no event a curator could declare


def test_a_full_run_drops_what_it_no_longer_proposes(capsys: pytest.CaptureFixture[str], added: Path) -> None:
    stale = kb.PendingActivity("0123456789", "ws-gone", "Workshop", "Workshop gone", "2025-01", "", "", NEW, 0.5,
                               "", [{"doc": NEW, "quote": "Continue working jointly"}])
    review = kb.Review(added)
    review._write_suggestions(review.pending(), [stale])
    assert main(["suggest", "--activities", "--corpus", str(added)]) == 0
    assert "0123456789" not in {a.id for a in kb.Review(added).pending_activities()}


def test_a_rejection_holds_when_the_text_is_held_anew(capsys: pytest.CaptureFixture[str], added: Path,
                                                      tmp_path: Path) -> None:
    first = proposals(capsys, added)
    assert main(["review", "--reject", first[0]["id"], "--corpus", str(added)]) == 0
    changed = tmp_path / "report.txt"
    changed.write_text((FIXTURES / "wg2-report.txt").read_text(encoding="utf-8").replace(
        "2024-2025\n", "2024-2025 (IACML)\n"), encoding="utf-8")
    assert main(["add", str(changed), "--slug", NEW, "--date", "2025-09", "--replace", "--no-build",
                 "--corpus", str(added)]) == 0
    again = proposals(capsys, added)
    assert first[0]["id"] not in {p["id"] for p in again} and len(again) == len(first) - 1


def test_an_event_reported_by_two_documents_is_declared_once(capsys: pytest.CaptureFixture[str], added: Path,
                                                             tmp_path: Path) -> None:
    second = tmp_path / "summary.txt"
    second.write_text("SUMMARY OF THE MEETING OF WORKING GROUP 2\n\nI. BACKGROUND\n\n1. The Hemispheric Workshop "
                      "“Qualifications frameworks and the recognition of skills across borders” took place on March "
                      "12, 2025 in Lima, Peru.\n", encoding="utf-8")
    assert main(["add", str(second), "--slug", "wg2-2025-summary", "--date", "2025-10", "--no-build",
                 "--corpus", str(added)]) == 0
    meta = added / "documents" / "wg2-2025-summary.yaml"
    meta.write_text(re.sub(r"issuing_body: .*", "issuing_body: iacml-wg2", meta.read_text(encoding="utf-8")),
                    encoding="utf-8")  # the curator says what the cover did not
    capsys.readouterr()
    assert main(["suggest", "--activities", "--format", "json", "--corpus", str(added)]) == 0
    both = [p for p in json.loads(capsys.readouterr().out) if p["type"] == "Workshop" and "Lima" in p["place"]]
    assert sorted(p["reported_in"][0] for p in both) == sorted(["wg2-2025-summary", NEW])
    for p in both:
        assert main(["review", "--accept", p["id"], "--set", "slug=ws2025-lima", "--corpus", str(added)]) == 0
    (entry,) = yaml.safe_load((added / "annotations" / "reviewed-activities.yaml").read_text(encoding="utf-8"))[
        "activities"]
    assert sorted(entry["reported_in"]) == sorted(["wg2-2025-summary", NEW]) and len(entry["evidence"]) == 2
    for p in both:  # each proposal is decided, the one added to the other's activity too
        assert main(["review", "--accept", p["id"], "--corpus", str(added)]) == EXIT_USAGE
        assert "was already accepted" in capsys.readouterr().err
    # a slug another activity holds is refused, saying where
    third = next(p for p in proposals(capsys, added) if p["type"] == "VirtualDialogue")
    assert main(["review", "--accept", third["id"], "--set", "slug=ws2023-education-labor",
                 "--corpus", str(added)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "slug 'ws2023-education-labor' is declared already at" in err and "activities.yaml:" in err


def test_a_refused_declaration_names_the_field(capsys: pytest.CaptureFixture[str], added: Path) -> None:
    found = {p["type"]: p for p in proposals(capsys, added)}
    ident = found["Workshop"]["id"]
    assert main(["review", "--accept", ident, "--set", "start=2025-03-14", "--corpus", str(added)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "ends (2025-03-13) before it starts (2025-03-14)" in err and "--set start=" in err
    assert main(["review", "--accept", ident, "--quote", "-", "--corpus", str(added)]) == EXIT_USAGE
    assert "every quote was taken out" in capsys.readouterr().err
    # an entry the curator broke by hand is said to be the file's, not this declaration's
    assert main(["review", "--accept", found["VirtualDialogue"]["id"], "--corpus", str(added)]) == 0
    path = added / "annotations" / "reviewed-activities.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("start: '2025-06-04'", "start: '2025-06-40'"),
                    encoding="utf-8")
    assert main(["review", "--accept", ident, "--corpus", str(added)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "cannot be checked" in err and "reviewed-activities.yaml:" in err and "fix that file first" in err


def test_what_only_shares_a_kind_or_a_year_with_a_declared_activity_is_proposed() -> None:
    """A workshop in Quito was hidden by the declared San José workshop (the word "workshop" made the names
    alike), a study of June 2012 by a declared study of 2012, another XX IACML date by the conference itself."""
    declared = kb.prepare().annotations.activities
    found = read_text("I. ACTIVITIES\n\n1. A workshop on youth employment took place in Quito, Ecuador, on 25 March "
                      "2022.\n\n2. A study on labor migration was presented in June 2012 in Kingston, Jamaica.\n\n3. "
                      "The Plan of Action of Bridgetown, approved by the XX IACML in December of 2018, set up two "
                      "Working Groups.\n", declared=declared)
    assert sorted((a.activity_type, a.start) for a in found) == [("Study", "2012-06"), ("Workshop", "2022-03-25")]


def test_one_event_of_two_dates_and_what_was_not_held() -> None:
    found = read_text("I. ACTIVITIES\n\n1. The workshop on labor inspection, which had been scheduled for June 2025, "
                      "was held on 3 July 2025 in Lima, Peru.\n\n2. No workshops were held in 2024.\n\n3. Chile and "
                      "Peru signed a bilateral cooperation agreement in August 2024, but no activity under it was "
                      "carried out.\n")
    assert [(a.activity_type, a.start, a.place) for a in found] == [("Workshop", "2025-07-03", "Lima, Peru")]
    assert found[0].label == "Workshop on labor inspection" and found[0].evidence[0].quote.startswith("The workshop")


def test_conferences_numbered_apart_are_never_one_event() -> None:
    """A curator declaring a proposed Conference under a slug the reviewed activities hold was told it was that
    one when neither was dated and their names were alike, though their numbers differ."""
    from kb.reported import one_event

    xiii = {"type": "Conference", "label": "XIII Inter-American Conference of Ministers of Labor (XIII IACML)"}
    xviii = {"type": "Conference", "label": "XVIII Inter-American Conference of Ministers of Labor (XVIII IACML)"}
    assert not one_event(xiii, xviii)
    assert one_event(xiii, {"type": "Conference", "label": "13th IACML", "start": "2003-10", "place": "Salvador"})
    assert one_event(xviii, dict(xviii, start="2013-11-12"))


def test_a_list_of_webinars_gives_each_once() -> None:
    found = read_text("I. ACTIVITIES\n\n1. The following webinars were held:\n\n- Webinar on telework (3 May 2025)\n"
                      "- Webinar on care policies (17 June 2025)\n")
    assert sorted(a.start for a in found) == ["2025-05-03", "2025-06-17"]


def test_different_events_of_one_month_get_their_own_slugs_across_documents(capsys: pytest.CaptureFixture[str],
                                                                            added: Path, tmp_path: Path) -> None:
    """Three bilateral visits of April 2025 in three documents got one slug, and declaring them as proposed made
    one activity of them."""
    for n, place in enumerate(("Asunción, Paraguay", "Guatemala City, Guatemala", "Kingston, Jamaica")):
        text = tmp_path / f"note-{n}.txt"
        text.write_text(f"NOTE ON COOPERATION\n\nI. ACTIVITIES\n\n1. A bilateral cooperation visit took place on "
                        f"{10 + n} April 2025 in {place}.\n", encoding="utf-8")
        assert main(["add", str(text), "--slug", f"note-{n}", "--date", "2025-06", "--type", "MeetingSummary",
                     "--no-build", "--corpus", str(added)]) == 0
        meta = added / "documents" / f"note-{n}.yaml"
        meta.write_text(re.sub(r"issuing_body: .*", "issuing_body: iacml-wg2", meta.read_text(encoding="utf-8")),
                        encoding="utf-8")
    capsys.readouterr()
    assert main(["suggest", "--activities", "--format", "json", "--corpus", str(added)]) == 0
    visits = [p for p in json.loads(capsys.readouterr().out) if p["type"] == "BilateralCooperation"]
    assert len(visits) == 3
    waiting = [a for a in kb.Review(added).pending_activities() if a.activity_type == "BilateralCooperation"]
    assert len({a.slug for a in waiting}) == 3
    for a in waiting:
        assert main(["review", "--accept", a.id, "--set", "place=-", "--corpus", str(added)]) == 0 if a is waiting[0] \
            else main(["review", "--accept", a.id, "--corpus", str(added)]) == 0
    declared = yaml.safe_load((added / "annotations" / "reviewed-activities.yaml").read_text(encoding="utf-8"))[
        "activities"]
    assert len(declared) == 3 and "place" not in declared[0]
    for a in waiting:  # decided, each is said so
        assert main(["review", "--accept", a.id, "--corpus", str(added)]) == EXIT_USAGE
        assert "was already accepted" in capsys.readouterr().err


def test_a_date_no_calendar_has_is_the_builds_to_report(capsys: pytest.CaptureFixture[str], added: Path) -> None:
    found = proposals(capsys, added)
    path = added / "review" / "suggestions.yaml"
    path.write_text(re.sub(r"start: '?2025-03-12'?", "start: 2025-02-30", path.read_text(encoding="utf-8")),
                    encoding="utf-8")
    assert main(["review", "--list", "--corpus", str(added)]) == 0
    assert "dates: 2025-02-30" in capsys.readouterr().out
    ident = next(p["id"] for p in found if p["type"] == "Workshop")
    assert main(["review", "--accept", ident, "--corpus", str(added)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "would not build" in err and "2025-02-30" in err and "--set start=" in err


PAGE_EN = "Place and Date: Lima, Peru, April 4 to 6, 2025.\n\n"
PAGE_ES = "Lugar y fecha: Lima, Perú, 4 al 6 de abril de 2025.\n\n"


@pytest.mark.parametrize("text", [
    f"{PAGE_EN}The Second Meeting of the Working Groups was attended by delegations from 19 Ministries of Labor.\n",
    f"{PAGE_EN}Delegations from 19 Ministries participated in the Second Meeting of the Working Groups.\n",
    f"{PAGE_ES}La Segunda Reunión de los Grupos de Trabajo contó con la participación de delegaciones de 19 "
    "Ministerios de Trabajo.\n",
    f"{PAGE_ES}Delegaciones de 19 Ministerios participaron en la Segunda Reunión de los Grupos de Trabajo.\n",
])
def test_who_attended_says_the_pages_event_took_place_on_its_place_and_date(text: str) -> None:
    """"was attended by" under a "Place and Date:" line: no date in the sentence, and "Working Groups" read as
    meetings, nothing was proposed."""
    found = read_text(text)
    assert [(a.activity_type, a.start, a.end, a.place.split(",")[0]) for a in found] == [
        ("WorkingGroupMeeting", "2025-04-04", "2025-04-06", "Lima")]
    assert "by the page" in found[0].why


@pytest.mark.parametrize("text", [
    f"{PAGE_EN}The Workshop on telework brought together 40 officials from 12 countries.\n",
    f"{PAGE_EN}The Workshop on telework gathered 40 officials from 12 countries.\n",
    f"{PAGE_ES}El Taller sobre teletrabajo reunió a 40 funcionarios de 12 países.\n",
])
def test_who_was_brought_together_says_a_workshop_took_place(text: str) -> None:
    found = read_text(text)
    assert [(a.activity_type, a.start, a.label) for a in found] == [
        ("Workshop", "2025-04-04", found[0].label)] and found[0].label.split()[-1] in ("telework", "teletrabajo")


def test_a_press_release_dateline_dates_its_event() -> None:
    found = read_text("WASHINGTON, D.C., April 4, 2006 \u2013 The OAS hosted delegations of 20 Ministries of Labor.\n\n"
                      "The Workshop on labor inspection was attended by 40 officials.\n", date="2006-04")
    assert [(a.start, a.place) for a in found] == [("2006-04-04", "WASHINGTON, D.C.")]


@pytest.mark.parametrize("sentence", [
    "The Third Meeting of the Working Groups will be attended by delegations from 19 Ministries.",
    "The Workshop on telework of March 3, 2025 is expected to bring together 40 officials.",
    "Ministries are invited to participate in the Workshop on telework on March 3, 2025.",
    "Los Ministerios están invitados a participar en el Taller sobre teletrabajo del 3 de marzo de 2025.",
])
def test_who_will_come_or_is_invited_says_no_event_took_place(sentence: str) -> None:
    assert read_text(f"{PAGE_EN}{sentence}\n") == []


def test_one_meeting_of_the_working_groups_is_not_a_plural() -> None:
    """"the workshops held" is no event; "the First Meeting of the Working Groups was held" is one."""
    found = read_text("I. ACTIVITIES\n\n1. The First Meeting of the Working Groups was held to review the Work "
                      "Plan.\n")
    assert [(a.activity_type, a.label) for a in found] == [
        ("WorkingGroupMeeting", "First Meeting of the Working Groups")]


def test_a_sentence_ends_after_its_closing_quotation_mark() -> None:
    """The quote of the workshop began with the sentence before it, whose stop sits inside a quotation."""
    found = read_text("I. ACTIVITIES\n\n1. The Ministers endorsed the call for “decent work for all.” The Workshop "
                      "on telework was held on March 3, 2025.\n")
    assert [a.evidence[0].quote for a in found] == ["The Workshop on telework was held on March 3, 2025."]


def test_each_item_of_a_list_of_events_is_read_in_its_own_clause() -> None:
    """The year of one item and the place of another made one event of neither, and the other items were lost."""
    found = read_text("Report of the Chair\n\nThe Chair reported on the events the Council took part in: the "
                      "regional meetings of 2021, at which employers held talks with the governments; the two "
                      "workshops on green skills; and the working group meetings in Lima, Peru.\n")
    assert sorted((a.activity_type, a.start, a.place) for a in found) == [
        ("MinisterialMeeting", "2021", ""), ("WorkingGroupMeeting", "", "Lima, Peru"), ("Workshop", "", ""),
        ("Workshop", "", "")]
    assert [a.evidence[0].quote for a in found if a.activity_type == "Workshop"] == [
        "the two workshops on green skills"] * 2


@pytest.mark.parametrize("sentence", [
    "Our work builds on the declarations adopted at the ministerial meetings held since the founding of the "
    "Conference in 1963.",
    "Nuestro trabajo se basa en las declaraciones adoptadas en las reuniones ministeriales realizadas desde la "
    "creación de la Conferencia en 1963.",
])
def test_a_year_since_which_events_went_on_dates_none_of_them(sentence: str) -> None:
    """"the meetings held since the founding ... in 1963": a founding year, proposed as a meeting of 1963."""
    assert read_text(f"Background\n\n{sentence}\n") == []
    # a day after "desde" opens the event's own range
    found = read_text("Antecedentes\n\nEl Taller sobre empleo se realizó desde el 3 al 5 de mayo de 2019 en Lima, "
                      "Perú.\n")
    assert [(a.start, a.end) for a in found] == [("2019-05-03", "2019-05-05")]


@pytest.mark.parametrize(("sentence", "place"), [
    ("La Reunión de los Grupos de Trabajo se llevó a cabo el 4 y 5 de mayo de 2017 en Washington D.C.",
     "Washington, D.C."),
    ("The Workshop on telework was held on 3 May 2017 in Kingston.", "Kingston"),
    ("El Taller sobre teletrabajo se realizó el 3 de mayo de 2017 en Cartagena.", "Cartagena"),
])
def test_the_place_after_the_date_of_a_held_event_is_read(sentence: str, place: str) -> None:
    """"se llevó a cabo el 28 y 29 de junio de 2016 en Washington D.C.": no place was read."""
    assert [a.place for a in read_text(f"I. ACTIVITIES\n\n1. {sentence}\n")] == [place]


def test_a_consultative_body_that_met_held_a_meeting() -> None:
    """"(COSATE) met on December 3, 2015, in Cancún" named no kind: the report's own meeting was missed."""
    found = read_text("Overview\n\nThe Executive Committee of the Business Technical Advisory Committee on Labor "
                      "Matters (CEATAL) met on 3 March 2021 in Lima, Peru, ahead of the ministers' session.\n")
    assert [(a.activity_type, a.label, a.start, a.place) for a in found] == [
        ("WorkingGroupMeeting", "Meeting of CEATAL", "2021-03-03", "Lima, Peru")]
    # met at an event of a kind named: that event, not a meeting of its own
    found = read_text("Overview\n\nCOSATE met at the XXI IACML, held on 3 March 2021 in Lima, Peru.\n")
    assert [a.activity_type for a in found] == ["Conference"]


def test_a_plural_gives_one_event_per_place_it_lists() -> None:
    """"the working group meetings in Barbados and Cartagena" gave one meeting, in Barbados, or none at all."""
    found = read_text("I. ACTIVITIES\n\n1. The working group meetings held in Kingston, Jamaica, and in Quito "
                      "reviewed the Work Plan.\n\n2. Two preparatory meetings were held: in Bridgetown and in "
                      "Asunción.\n\n3. The workshops held in Spanish and English covered telework.\n")
    assert sorted((a.activity_type, a.label, a.place) for a in found) == [
        ("PreparatoryMeeting", "Preparatory meeting in Asunción", "Asunción"),
        ("PreparatoryMeeting", "Preparatory meeting in Bridgetown", "Bridgetown"),
        ("WorkingGroupMeeting", "Working group meeting in Kingston, Jamaica", "Kingston, Jamaica"),
        ("WorkingGroupMeeting", "Working group meeting in Quito", "Quito")]
    assert len({a.evidence[0].start for a in found}) == 4  # each its own words: one declared leaves the others


def test_a_count_of_events_is_so_many_events_not_one() -> None:
    """"the two RIAL workshops on formalization and social protection" gave one workshop; "las dieciocho reuniones
    ministeriales realizadas" one meeting."""
    found = read_text("I. ACTIVITIES\n\n1. The Chair reported on the two seminars on skills and telework, which were "
                      "held with the ministries.\n\n2. Three courses on mediation were held in 2019.\n\n3. The "
                      "eighteen ministerial meetings held so far adopted declarations.\n\n4. Las 18 reuniones "
                      "ministeriales realizadas hasta 2015 adoptaron declaraciones.\n")
    assert sorted((a.activity_type, a.label, a.start) for a in found) == [
        ("Course", "Course on mediation (1 of 3)", "2019"), ("Course", "Course on mediation (2 of 3)", "2019"),
        ("Course", "Course on mediation (3 of 3)", "2019"),
        ("Workshop", "Seminar on skills", ""), ("Workshop", "Seminar on telework", "")]
    assert len({a.id for a in found}) == len({a.slug for a in found}) == 5


def test_the_oas_general_assemblies_are_conferences_each_of_its_year() -> None:
    """"the OAS General Assemblies of 2014 and 2015, at which ... held discussions": no kind, so not read."""
    found = read_text("Report\n\nThe Council took part in the OAS General Assemblies of 2018 and 2019, where it held "
                      "talks with the delegations.\n\nLa Asamblea General de la OEA se celebró en junio de 2017 en "
                      "Cancún.\n")
    assert sorted((a.activity_type, a.start, a.place) for a in found) == [
        ("Conference", "2017-06", "Cancún"), ("Conference", "2018", ""), ("Conference", "2019", "")]


def test_a_count_of_events_in_one_place_is_so_many_events_there() -> None:
    """Only the events of a list of places are labelled by their place: three workshops in Lima were three
    "Workshop on telework in Lima, Peru", and the one place taken for a list."""
    found = read_text("I. ACTIVITIES\n\n1. Three workshops on telework were held in Lima, Peru.\n")
    assert [(a.label, a.place) for a in found] == [
        (f"Workshop on telework ({n} of 3)", "Lima, Peru") for n in (1, 2, 3)]


@pytest.mark.parametrize("sentence", [
    "The Ministers will apply the guidelines approved by the OAS General Assembly in 2017.",
    "Los Ministros aplicarán los lineamientos aprobados por la Asamblea General de la OEA en 2017.",
])
def test_the_general_assembly_that_approved_a_text_is_no_event_reported(sentence: str) -> None:
    assert read_text(f"I. COMMITMENTS\n\n1. {sentence}\n") == []


def test_an_activity_named_in_spanish_is_published_in_spanish_and_said(corpus_copy: Path, tmp_path: Path) -> None:
    """A label taken from a Spanish source ("Taller de la RIAL sobre ...", as proposals from a Spanish text give
    it) is no English name: published tagged @es, and each build says to write the name in English. A place's
    "de" in an English label ("Workshop in Santiago de Chile") leaves it English."""
    activities = corpus_copy / "annotations" / "activities.yaml"
    text = activities.read_text(encoding="utf-8")
    added = ("\n  - slug: rial-taller-2014\n    type: Workshop\n    label: Taller de la RIAL sobre inspección laboral\n"
             "\n  - slug: ws-santiago-2019\n    type: Workshop\n    label: Workshop in Santiago de Chile\n")
    activities.write_text(text.replace("\nactivities:\n", "\nactivities:\n" + added, 1), encoding="utf-8")
    line = activities.read_text(encoding="utf-8").splitlines().index("  - slug: rial-taller-2014") + 1
    release, report = kb.build(corpus_copy, tmp_path / "build")
    said = [w for w in report["warnings"] if "reads as Spanish" in w]
    assert said == [f"{activities}:{line}: label 'Taller de la RIAL sobre inspección laboral' reads as Spanish and "
                    "is published so (@es); write the activity's name in English"], said
    taller, santiago = activity_iri("rial-taller-2014"), activity_iri("ws-santiago-2019")
    with kb.open_store(release.store_path) as store:
        labels = {str(r["a"]): (str(r["l"]), r["l"].language) for r in store.select(
            f"SELECT ?a ?l WHERE {{ VALUES ?a {{ <{taller}> <{santiago}> }} ?a <{RDFS.label}> ?l }}").dicts()}
    assert labels == {str(taller): ("Taller de la RIAL sobre inspección laboral", "es"),
                      str(santiago): ("Workshop in Santiago de Chile", "en")}


CONFERENCE_PAGE = """The texts below are those of the XXXIII Inter-American Conference of Ministers of Labor (IACML), \
held in Lima, Peru, on 3 and 4 March 2040.

The XXXIII IACML was attended by the delegations of 30 Ministries of Labor and by 21 representatives of workers \
and employers.
"""


def _page_activities(text: str, declared: tuple[kb.model.Activity, ...]) -> list[kb.ReportedActivity]:
    parsed = kb.parse_document(text, source="page.txt")
    meta = DocumentMeta(slug="conference-page", title="", doc_type=DocType.WEB_PAGE, symbols=(), date="2040-03-04",
                        language="en", original_language="", issuing_body="", meeting="", source="page.txt",
                        sha256="")
    return kb.reported_activities(SourceDocument(meta=meta, text=text, path=Path("page.txt")), parsed.provisions,
                                  declared)


def test_a_conference_is_told_apart_from_another_by_its_number() -> None:
    """A walkthrough's page reported the XIII Conference, dated and placed: it was taken for the XVIII, declared
    undated with a name alike but for its number, and nothing was proposed ("none it reads as held is
    undeclared"); its second mention, by the acronym, was proposed on its own, undated."""
    later = kb.model.Activity(slug="iacml38", activity_type="Conference",
                              label="XXXVIII Inter-American Conference of Ministers of Labor (XXXVIII IACML)")
    found = [a for a in _page_activities(CONFERENCE_PAGE, (later,)) if a.activity_type == "Conference"]
    assert [(a.label, a.start, a.end, a.place) for a in found] == [
        ("XXXIII Inter-American Conference of Ministers of Labor", "2040-03-03", "2040-03-04", "Lima, Peru")]
    assert len(found[0].evidence) == 2  # both passages, one event
    same = kb.model.Activity(slug="iacml33", activity_type="Conference", label="XXXIII IACML")
    assert not [a for a in _page_activities(CONFERENCE_PAGE, (same,)) if a.activity_type == "Conference"]


def test_a_conference_of_the_iacml_is_proposed_under_its_number() -> None:
    """A walkthrough's Conference was proposed as `conference`, a slug that names no meeting; the corpus names the
    IACML's Conferences by their number (`iacml20`), as `kb add` does a cover's meeting."""
    found = [a for a in _page_activities(CONFERENCE_PAGE, ()) if a.activity_type == "Conference"]
    assert [a.slug for a in found] == ["iacml33"]
    ordinal = CONFERENCE_PAGE.replace("XXXIII Inter-American Conference", "33rd Inter-American Conference")
    assert [a.slug for a in _page_activities(ordinal, ()) if a.activity_type == "Conference"] == ["iacml33"]


def test_a_conference_named_as_its_nth_meeting_is_proposed_under_its_number() -> None:
    """A walkthrough's page said "The tenth meeting of the Conference of Labor Ministers was held in Buenos Aires
    ...": no kind was read in it, and read as a Conference its name, with no roman number, was taken for a
    Conference declared undated with another number. An ordinal meeting of the Conference is that Conference."""
    page = ("The thirty-first meeting of the Conference of Labor Ministers was held in Lima, Peru in March 2040. "
            "Its Declaration affirms that social dialogue is the basis of decent work.\n")
    later = kb.model.Activity(slug="iacml38", activity_type="Conference",
                              label="XXXVIII Inter-American Conference of Ministers of Labor (XXXVIII IACML)")
    found = [a for a in _page_activities(page.replace("thirty-first", "twenty-first"), (later,))
             if a.activity_type == "Conference"]
    assert [(a.slug, a.start, a.place) for a in found] == [("iacml21", "2040-03", "Lima, Peru")]
    spanish = ("La XXXI reunión de la Conferencia Interamericana de Ministros de Trabajo se realizó en Lima, Perú, "
               "en marzo de 2040.\n")
    assert [a.slug for a in _page_activities(spanish, (later,)) if a.activity_type == "Conference"] == ["iacml31"]


def test_what_follows_another_event_named_by_its_number_is_not_the_first_event_s() -> None:
    """A walkthrough's workshop page said "This workshop is part of the activities of the IACML, which in its XIX
    reunion held in Cancun, Mexico in December 2015, had ...": a Workshop was proposed at 0.86, held in Cancun in
    December 2015, the date, place and verb of the Conference the sentence goes on to name."""
    page = ("This seminar is part of the activities of the Inter-American Conference of Ministers of Labor (IACML), "
            "which in its XXXI reunion held in Quito, Ecuador in June 2038, named labor migration as a priority.\n\n"
            "The seminar was held in Lima, Peru on 3 and 4 March 2040.\n")
    found = [a for a in _page_activities(page, ()) if a.activity_type == "Workshop"]
    assert [(a.start, a.place) for a in found] == [("2040-03-03", "Lima, Peru")]  # not Quito, June 2038
    assert all("Quito" not in e.quote for a in found for e in a.evidence)
