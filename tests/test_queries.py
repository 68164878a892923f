"""Every published query of queries/ runs on the real corpus with its expected rows, and the
header format is parsed in one place, with errors that name the file and line."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

import kb
from kb.listing import PROVISION_KINDS
from kb.queries import parse_query_file
from kb.store import QueryForm, bind_in_where, check_query

B = kb.BASE
Rows = list[dict[str, object]]


def _documents(rows: Rows) -> None:
    held = {str(r["slug"]): r for r in rows if str(r["held"]) == "true"}
    assert set(held) >= {"ws2023-descriptive-document", "ws2023-event-page", "wg1-2021-final-report",
                         "wg1-2024-report", "wg1-2019-quito-summary"}  # a corpus may hold more
    report = held["wg1-2021-final-report"]
    assert str(report["date"]) == "2021-07-08"
    assert str(report["symbols"]).split() == sorted(["OEA/Ser.K/XII.21.1", "CIDI/TRABAJO/RP/doc.4/21"])
    assert int(str(report["provisions"])) == 64
    assert str(report["language"]) == "en" and "versionOf" not in report  # the corpus of record holds no version
    mentioned = {str(r["slug"]) for r in rows if str(r["held"]) == "false"}
    assert {"iacml21-plan-of-action", "iacml21-declaration", "ws2019-skills-outcomes"} <= mentioned


def _provisions(rows: Rows) -> None:
    eids = [str(r["eId"]) for r in rows]
    assert eids[:2] == ["sec_1", "sec_1__al_1"]
    assert [e for e in eids if e.startswith("recommendation_")] == [f"recommendation_{i}" for i in range(1, 12)]
    assert [e for e in eids if e.startswith("para_")] == [f"para_{i}" for i in range(1, 36)]
    rec6 = next(r for r in rows if str(r["eId"]) == "recommendation_6")
    assert str(rec6["kind"]).endswith("#Recommendation") and str(rec6["text"]).startswith("Promote, with the support")


def _coverage(rows: Rows) -> None:
    by_eid = {(str(r["document"]).removeprefix(B + "doc/"), str(r["eId"])): r for r in rows}
    rec7 = by_eid[("wg1-2021-final-report", "recommendation_7")]
    assert str(rec7["linked"]) == "true" and str(rec7["topic"]) == "true"
    rec10 = by_eid[("wg1-2024-report", "recommendation_10")]
    assert str(rec10["linked"]) == "false" and "just transition" in str(rec10["noLinkReason"])


def _trace(rows: Rows) -> None:
    arrows = {(str(r["direction"]), str(r["type"]).rsplit("#")[-1], str(r["to"]).removeprefix(B)) for r in rows}
    assert ("item", "derivedFrom", "doc/wg1-2021-final-report/recommendation_7") in arrows
    assert ("downstream", "respondsTo", "doc/iacml21-plan-of-action/art_7__para_g") in arrows


def _disagreements(rows: Rows) -> None:
    slugs = {str(r["disagreement"]) for r in rows}
    assert {"iacml20-date", "cie-name", "wg-meeting-2019-quito-date", "ws2019-title"} <= slugs
    quito = {str(r["value"]) for r in rows if str(r["disagreement"]) == "wg-meeting-2019-quito-date"}
    assert len(quito) == 2


# --- Competency questions (queries/cq*.rq): facts of the real corpus, read in the sources --------

ONT = B + "ontology#"
PLAN21 = f"{B}doc/iacml21-plan-of-action"
ART_7G = f"{PLAN21}/art_7__para_g"
WORKSHOP_2023 = f"{B}activity/ws2023-education-labor"
REC_2021 = f"{B}doc/wg1-2021-final-report/recommendation_"
REC_2024 = f"{B}doc/wg1-2024-report/recommendation_"


def _s(row: Mapping[str, object], key: str) -> str:
    """A cell as text, "" when unbound."""
    return str(row.get(key, ""))


def _cq01_filtered(rows: Rows) -> None:
    # 2022: the Plan of Action of Buenos Aires, on qualifications frameworks, addressed to the OAS
    # (or its sub-organisations): Art. 7(g) is open; the May 2023 workshop has not answered it yet.
    assert [_s(r, "mandate") for r in rows] == [ART_7G]
    row = rows[0]
    assert _s(row, "asof") == "2022-12-31" and _s(row, "number") == "7(g)"
    assert "Qualifications frameworks" in _s(row, "topics")
    assert "Organization of American States" in _s(row, "addressees")


def _cq01_2022(rows: Rows) -> None:
    open_ = {_s(r, "mandate").removeprefix(B + "doc/") for r in rows}
    assert {"iacml21-plan-of-action/art_7__para_g", "iacml21-plan-of-action/art_7__para_e",
            "iacml21-declaration/art_18", "mme11-hemispheric-plan-of-action/passage_1",
            "iacml21-plan-of-action/passage_2__item_3", "iacml21-plan-of-action/passage_2__item_8"} <= open_
    # answered in 2019-2021 (Quito meeting, Santiago workshop, the updated gender study)
    assert not open_ & {"iacml20-plan-of-action/art_6", "iacml20-plan-of-action/passage_1",
                        "iacml20-plan-of-action/passage_2"}
    assert {_s(r, "asof") for r in rows} == {"2022-12-31"}


def _cq01_2024(rows: Rows) -> None:
    # By the end of 2024 only two items of the Plan of Action of Buenos Aires have no recorded answer.
    mandates = [_s(r, "mandate") for r in rows]
    assert [m for m in mandates if m.startswith(PLAN21)] == [f"{PLAN21}/passage_2__item_3",
                                                             f"{PLAN21}/passage_2__item_8"]
    assert all(_s(r, "noLinkReason") for r in rows if _s(r, "mandate").startswith(PLAN21))
    # The other open ones are topics of the Plan of Action of Bridgetown that no answer names one by one.
    assert {m for m in mandates if not m.startswith(PLAN21)} <= {
        f"{B}doc/iacml20-plan-of-action/art_6__item_{n}" for n in range(1, 11)}


def _cq01_2018(rows: Rows) -> None:
    bridgetown = {f"{B}doc/iacml20-plan-of-action/{e}" for e in (
        "art_6", "passage_1", "passage_2", *(f"art_6__item_{n}" for n in range(1, 11)))}
    assert {_s(r, "mandate") for r in rows} == bridgetown


def _cq02_art7g(rows: Rows) -> None:
    assert {_s(r, "status") for r in rows} == {"addressed"}
    relations = [_s(r, "relation") for r in rows]
    assert relations == sorted(relations, key=["respondsTo", "fulfils", "derivedFrom", "reiterates"].index)
    workshop = [r for r in rows if _s(r, "by") == WORKSHOP_2023]
    assert workshop and {_s(r, "relation") for r in workshop} == {"respondsTo"}
    objective = "Discuss and explore possible steps to follow to design a regional qualifications framework."
    assert any(_s(r, "quote") == objective and _s(r, "quotedIn") == f"{B}doc/ws2023-descriptive-document"
               for r in workshop)
    follow_up = [r for r in rows if _s(r, "by") == f"{REC_2024}6"]
    assert follow_up and {_s(r, "relation") for r in follow_up} == {"reiterates"}
    assert any(_s(r, "quote").startswith("6. Promote, with the support of ILO/CINTERFOR and OAS") for r in follow_up)


def _cq02_art7g_2022(rows: Rows) -> None:
    assert len(rows) == 1 and _s(rows[0], "status") == "no-evidence" and "link" not in rows[0]


def _cq02_fulfilled(rows: Rows) -> None:
    # The Plan of Action of Bridgetown ordered the update of the gender study, presented at Quito (2019).
    assert {_s(r, "status") for r in rows} == {"fulfilled"}
    fulfilled_by = {_s(r, "by") for r in rows if _s(r, "relation") == "fulfils"}
    assert fulfilled_by == {f"{B}activity/gender-institutionalization-study-update"}


def _cq03_2021(rows: Rows) -> None:
    by_number = {_s(r, "number"): r for r in rows}
    assert set(by_number) == {str(n) for n in range(1, 11)}
    assert _s(by_number["5"], "adoptedAs") == f"{PLAN21}/art_7__para_e"
    assert _s(by_number["7"], "adoptedAs") == ART_7G
    assert _s(by_number["7"], "adoptedAsNumbers") == "iacml21-plan-of-action 7(g)"
    assert {n for n, r in by_number.items() if _s(r, "adoption") == "adopted"} == {"5", "7"}
    # the Plan of Action of Buenos Aires is known only through quotation: no "not-adopted" can be concluded
    assert {_s(r, "adoption") for n, r in by_number.items() if n not in ("5", "7")} == {"pending"}
    assert f"{B}doc/iacml21-declaration/art_18" in _s(by_number["4"], "reiteratedByMandates")


def _cq03_before_plan(rows: Rows) -> None:
    # 1 August 2021 the Plan of Action of Buenos Aires (September 2021) did not exist; and until its text
    # is first quoted (the workshop's descriptive document, by 14 April 2023) no evidence shows the
    # adoption: only evidence dated by the as-of date counts.
    assert rows and {_s(r, "adoption") for r in rows} == {"pending"}


def _cq04_2023(rows: Rows) -> None:
    activities = {_s(r, "activity").removeprefix(B + "activity/") for r in rows}
    assert {"ws2023-education-labor", "gender-dialogue-2023-03", "gender-dialogue-2023-07",
            "wg-meeting-2023-washington", "bilateral-cooperation-2021-2024"} <= activities
    assert not activities & {"gender-dialogue-2022-09", "gender-dialogue-2024-07", "ws2022-informality"}
    answered = {_s(r, "answeredLabel") for r in rows if _s(r, "activity") == WORKSHOP_2023}
    assert {"iacml21-plan-of-action 7(g)", "iacml21-plan-of-action 7(e)", "iacml21-declaration 18",
            "mme11-hemispheric-plan-of-action passage_1"} <= answered
    workshop = next(r for r in rows if _s(r, "activity") == WORKSHOP_2023)
    assert _s(workshop, "type") == "Workshop" and _s(workshop, "start") == "2023-05-04"


def _cq04_2019(rows: Rows) -> None:
    quito = {_s(r, "answeredLabel"): _s(r, "relation") for r in rows
             if _s(r, "activity") == f"{B}activity/wg-meeting-2019-quito"}
    assert quito.get("iacml-work-plan-2018-2020 passage_2") == "fulfils"
    assert f"{B}activity/ws2019-skills-for-the-future" in {_s(r, "activity") for r in rows}


def _cq05_mandates(rows: Rows) -> None:
    items = [_s(r, "item") for r in rows]
    assert {f"{B}doc/iacml21-declaration/art_18", ART_7G, f"{PLAN21}/passage_2__item_5"} <= set(items)
    assert {_s(r, "kindOfItem") for r in rows} == {"Mandate"}
    known = [_s(r, "knownBy") for r in rows if "knownBy" in r]
    assert known == sorted(known)


def _cq05_chain(rows: Rows) -> None:
    # DESIGN.md section 5, in time order: Santiago 2019 -> WG1 2021 rec. 7 -> Art. 7(g) -> May 2023
    # workshop -> WG1 2024 rec. 6.
    items = [_s(r, "item") for r in rows]
    chain = [f"{B}doc/ws2019-skills-outcomes/passage_2__item_1", f"{REC_2021}7", ART_7G, WORKSHOP_2023, f"{REC_2024}6"]
    positions = [items.index(i) for i in chain]
    assert positions == sorted(positions)
    art7g = rows[items.index(ART_7G)]
    assert f"derivedFrom {REC_2021}7" in _s(art7g, "links")


def _cq06_frameworks(rows: Rows) -> None:
    assert {_s(r, "latest") for r in rows} == {f"{REC_2024}6"}
    assert {_s(r, "step") for r in rows} == {f"{REC_2024}6", ART_7G, f"{REC_2021}7",
                                             f"{B}doc/wg1-2019-quito-summary/sec_3__subsec_4__list_1__item_3",
                                             f"{B}doc/ws2019-skills-outcomes/passage_2__item_1"}
    assert {_s(r, "documents") for r in rows} == {"5"} and _s(rows[0], "step") == f"{REC_2024}6"


def _cq06_all(rows: Rows) -> None:
    assert all(int(_s(r, "documents")) >= 3 for r in rows)
    latest = {_s(r, "latest") for r in rows}
    assert {f"{REC_2024}6", f"{B}doc/wg1-2024-report/para_22", f"{REC_2024}9"} <= latest
    # a provision that a later one carries forward is never the latest of its chain
    assert ART_7G not in latest and f"{REC_2021}7" not in latest


def _cq07_2024(rows: Rows) -> None:
    by_number = {_s(r, "number"): r for r in rows}
    # 1 to 9 reiterate the Declaration or the Plan of Action of Buenos Aires (its articles or WG1 topics)
    assert set(by_number) == {"10", "11"}
    assert set(_s(by_number["10"], "newTopics").split("; ")) == {"Just transition", "Green jobs"}
    assert _s(by_number["11"], "newTopics") == "Just transition"
    assert _s(by_number["10"], "upstream") == _s(by_number["11"], "upstream") == "0"
    assert "just transition" in _s(by_number["11"], "noLinkReason")


def _cq07_all(rows: Rows) -> None:
    recommendations = {_s(r, "recommendation") for r in rows}
    global_commission = f"{B}doc/global-commission-future-of-work-report/passage_1"
    assert {f"{REC_2021}7", f"{REC_2024}10", global_commission} <= recommendations
    assert f"{REC_2024}6" not in recommendations


def _cq08_classes(rows: Rows) -> None:
    assert {_s(r, "category") for r in rows} == {"class"}
    mandate = next(r for r in rows if _s(r, "term") == ONT + "Mandate")
    assert _s(mandate, "label") == "Mandate"
    assert _s(mandate, "definition").startswith("A provision that asks or commits")
    assert _s(mandate, "parents") == ONT + "Provision" and int(_s(mandate, "uses")) > 0


def _cq08_all(rows: Rows) -> None:
    category = {_s(r, "term"): _s(r, "category") for r in rows}
    assert category[ONT + "derivedFrom"] == "object property" and category[ONT + "knownBy"] == "datatype property"
    assert category[ONT + "no-evidence"] == "individual"
    frameworks = next(r for r in rows if _s(r, "term") == f"{B}topic/qualifications-frameworks")
    assert _s(frameworks, "category") == "topic"
    assert _s(frameworks, "parents") == f"{B}topic/education-labor-coordination"
    assert all(_s(r, "definition") for r in rows if _s(r, "category") != "annotation property")


def _cq09_art7g(rows: Rows) -> None:
    sections = [_s(r, "section") for r in rows]
    assert sections == sorted(sections) and set(sections) == {"1 mandate", "2 origin", "3 response", "4 follow-up"}
    arrows = {(_s(r, "section"), _s(r, "from"), _s(r, "relation"), _s(r, "to")) for r in rows}
    assert ("2 origin", ART_7G, "derivedFrom", f"{REC_2021}7") in arrows
    assert ("2 origin", f"{REC_2021}7", "derivedFrom", f"{B}doc/ws2019-skills-outcomes/passage_2__item_1") in arrows
    assert ("3 response", WORKSHOP_2023, "respondsTo", ART_7G) in arrows
    assert ("4 follow-up", f"{REC_2024}6", "reiterates", ART_7G) in arrows
    assert all(_s(r, "quote") and _s(r, "quotedIn") for r in rows)
    own_quotes = {_s(r, "quotedIn") for r in rows if _s(r, "section") == "1 mandate"}
    assert own_quotes == {f"{B}doc/ws2023-descriptive-document"}


def _cq09_art7g_2022(rows: Rows) -> None:
    # the origin only: the quotes of the mandate itself, the response and the follow-up are 2023-2024
    assert {_s(r, "section") for r in rows} == {"2 origin"}
    assert all(_s(r, "quoteKnownBy") <= "2022-12-31" and _s(r, "linkKnownBy") <= "2022-12-31" for r in rows)


def _cq10_art7g(rows: Rows) -> None:
    assert len(rows) == 2
    row = rows[0]
    assert _s(row, "iri") == ART_7G and _s(row, "kind") == "Mandate" and _s(row, "number") == "7(g)"
    assert _s(row, "documentTitle") == "Plan of Action of Buenos Aires (XXI IACML, 2021)"
    assert {_s(r, "quotedIn") for r in rows} == {f"{B}doc/ws2023-descriptive-document"}
    assert _s(row, "quote").startswith("Encourage ILO-CINTERFOR, OAS and UNESCO")
    assert _s(row, "locusEId") == "sec_3__list_1__item_3" and _s(row, "datasetVersion")
    assert f"<{ART_7G}>" in _s(row, "citation") and "no. 7(g)" in _s(row, "citation")


def _cq10_held(rows: Rows) -> None:
    assert len(rows) == 1
    row = rows[0]
    assert set(_s(row, "symbols").split("; ")) == {"OEA/Ser.K/XII.21.1", "CIDI/TRABAJO/RP/doc.4/21"}
    assert _s(row, "number") == "7" and _s(row, "locus") == f"{REC_2021}7" and _s(row, "locusNumber") == "7"
    assert _s(row, "quote").startswith("Instruct ILO-CINTERFOR")


def _cq11_plan_date(rows: Rows) -> None:
    assert {_s(r, "value"): _s(r, "source").removeprefix(B + "doc/") for r in rows} == {
        "2017": "wg1-2019-quito-summary", "2018-12": "wg1-2021-final-report"}
    assert {_s(r, "recorded") for r in rows} == {"2017-12"} and {_s(r, "matchesRecorded") for r in rows} == {"false"}


def _cq11_all(rows: Rows) -> None:
    slugs = {_s(r, "disagreement") for r in rows}
    assert {"iacml20-date", "cie-name", "wg-meeting-2019-quito-date", "ws2019-title"} <= slugs
    conference = {_s(r, "value"): _s(r, "matchesRecorded") for r in rows if _s(r, "disagreement") == "iacml20-date"}
    assert conference == {"2017-12": "true", "2018-12": "false"}
    cie = {_s(r, "value"): _s(r, "matchesRecorded") for r in rows if _s(r, "disagreement") == "cie-name"}
    assert cie == {"Inter-American Committee on Education": "true", "Inter-American Commission on Education": "false"}


def _cq11_document(rows: Rows) -> None:
    # a document's disagreements include those about its provisions (the passage quoted twice)
    assert {_s(r, "disagreement") for r in rows} == {"iacml20-plan-of-action-date", "iacml20-plan-of-action-conference",
                                                     "iacml20-plan-of-action-wg-passage-wording"}


def _bodies(rows: Rows) -> None:
    by_slug = {str(r["slug"]): r for r in rows}
    assert {"iacml", "iacml-wg1", "oas", "ilo-cinterfor", "rial"} <= set(by_slug)
    assert "ILO/CINTERFOR" in str(by_slug["ilo-cinterfor"]["altLabels"]).split(" | ")
    assert [str(r["slug"]) for r in rows] == sorted(str(r["slug"]) for r in rows)


def _activities(rows: Rows) -> None:
    by_slug = {str(r["slug"]): r for r in rows}
    workshop = by_slug["ws2023-education-labor"]
    assert (str(workshop["type"]).rsplit("#", 1)[-1], str(workshop["startDate"])) == ("Workshop", "2023-05-04")
    assert "Buenos Aires" in str(workshop["place"])


def _chairs_2019(rows: Rows) -> None:
    found = {(str(r["body"]).rsplit("/", 1)[-1], str(r["office"]), str(r["holder"]).rsplit("/", 1)[-1]) for r in rows}
    assert ("iacml-wg1", "chair", "ministry-labor-ecuador") in found
    assert ("iacml-wg2", "chair", "ministry-labor-argentina") in found
    assert all(str(r["start"]) == "2017-12" and int(str(r["quotes"])) >= 2 for r in rows)


def _wg_titles_2019(rows: Rows) -> None:
    titles = {str(r["body"]).rsplit("/", 1)[-1]: str(r["title"]) for r in rows}
    assert titles["iacml-wg1"].startswith("Integrated public policies for productive employment")
    assert titles["iacml-wg2"].startswith("Institutional strengthening")
    assert all(str(r["title"]) in str(r["quote"]) for r in rows)


def _wg1_title_2023(rows: Rows) -> None:
    assert [str(r["title"])[:57] for r in rows] == ["Integrated public policies to address the COVID-19 crisis"]


def _topics(rows: Rows) -> None:
    by_topic = {str(r["slug"]): r for r in rows}  # the slug an annotation names it by (topic:SLUG)
    assert str(by_topic["qualifications-frameworks"]["topic"]).endswith("/topic/qualifications-frameworks")
    assert int(str(by_topic["qualifications-frameworks"]["items"])) > 5
    assert all(str(r["label"]) for r in rows)


EXPECTED: dict[str, tuple[dict[str, str], Callable[[Rows], None]]] = {
    "documents": ({}, _documents),
    "bodies": ({}, _bodies),
    "activities": ({}, _activities),
    "topics": ({}, _topics),
    "chairs": ({"from": "2019-01-01", "to": "2019-12-31"}, _chairs_2019),
    "body-titles": ({"asof": "2023-01-01", "body": f"{B}body/iacml-wg1"}, _wg1_title_2023),
    "provisions-of-document": ({"document": f"{B}doc/wg1-2024-report"}, _provisions),
    "coverage": ({}, _coverage),
    "trace": ({"item": f"{B}doc/iacml21-plan-of-action/art_7__para_g"}, _trace),
    "disagreements": ({}, _disagreements),
    "cq01-open-mandates": ({"asof": "2022-12-31", "document": PLAN21, "topic": f"{B}topic/qualifications-frameworks",
                            "body": f"{B}body/oas"}, _cq01_filtered),
    "cq02-mandate-responses": ({"mandate": ART_7G, "asof": "2024-12-31"}, _cq02_art7g),
    "cq03-recommendations-adoption": ({"asof": "2023-12-31", "document": f"{B}doc/wg1-2021-final-report"}, _cq03_2021),
    "cq04-activities-in-period": ({"from": "2023-01-01", "to": "2023-12-31"}, _cq04_2023),
    "cq05-topic-timeline": ({"topic": f"{B}topic/qualifications-frameworks", "kind": ONT + "Mandate"}, _cq05_mandates),
    "cq06-reiterated-priorities": ({"minDocuments": "4", "topic": f"{B}topic/qualifications-frameworks"},
                                   _cq06_frameworks),
    "cq07-recommendations-without-mandate": ({"document": f"{B}doc/wg1-2024-report"}, _cq07_2024),
    "cq08-ontology-terms": ({"category": "class"}, _cq08_classes),
    "cq09-full-trace": ({"mandate": ART_7G, "asof": "2024-12-31"}, _cq09_art7g),
    "cq10-citation": ({"item": ART_7G}, _cq10_art7g),
    "cq11-disagreements": ({"item": f"{B}doc/iacml20-plan-of-action", "property": "http://purl.org/dc/terms/date",
                            "disagreement": "iacml20-plan-of-action-date"}, _cq11_plan_date),
}

# Further runs of the competency-question queries: other as-of dates (the rows must change with the
# date) and optional parameters left out (a query must work with and without each of them).
CASES: list[tuple[str, dict[str, str], Callable[[Rows], None]]] = [
    ("cq01-open-mandates", {"asof": "2022-12-31"}, _cq01_2022),
    ("cq01-open-mandates", {"asof": "2024-12-31"}, _cq01_2024),
    ("cq01-open-mandates", {"asof": "2018-01-01"}, _cq01_2018),
    ("cq02-mandate-responses", {"mandate": ART_7G}, _cq02_art7g),
    ("cq02-mandate-responses", {"mandate": ART_7G, "asof": "2022-12-31"}, _cq02_art7g_2022),
    ("cq02-mandate-responses", {"mandate": f"{B}doc/iacml20-plan-of-action/passage_2", "asof": "2022-06-30"},
     _cq02_fulfilled),
    ("cq03-recommendations-adoption", {"asof": "2021-08-01"}, _cq03_before_plan),
    ("cq03-recommendations-adoption", {"asof": "2022-12-31", "document": f"{B}doc/wg1-2021-final-report"},
     _cq03_before_plan),
    ("cq04-activities-in-period", {"from": "2019-01-01", "to": "2019-12-31"}, _cq04_2019),
    ("cq05-topic-timeline", {"topic": f"{B}topic/qualifications-frameworks"}, _cq05_chain),
    ("cq06-reiterated-priorities", {}, _cq06_all),
    ("cq07-recommendations-without-mandate", {}, _cq07_all),
    ("cq08-ontology-terms", {}, _cq08_all),
    ("cq09-full-trace", {"mandate": ART_7G}, _cq09_art7g),
    ("cq09-full-trace", {"mandate": ART_7G, "asof": "2022-12-31"}, _cq09_art7g_2022),
    ("cq10-citation", {"item": f"{REC_2021}7"}, _cq10_held),
    ("cq11-disagreements", {}, _cq11_all),
    ("cq11-disagreements", {"item": f"{B}doc/iacml20-plan-of-action"}, _cq11_document),
    # a term starting "2017-12" counts for a period that reaches December 2017, not for one before it
    ("chairs", {"from": "2017-12-31", "to": "2017-12-31"}, _chairs_2019),
    ("body-titles", {"asof": "2019-06-30"}, _wg_titles_2019),
]


def test_every_published_query_has_expected_rows() -> None:
    assert {q.name for q in kb.list_queries()} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_published_query_rows(name: str, built_release: kb.Release) -> None:
    params, check = EXPECTED[name]
    query = kb.get_query(name)
    assert query.title and query.description
    assert {p.name for p in query.params} == set(params)
    with kb.open_store(built_release.store_path) as store:
        rows = store.select(query.text, query.bind(params)).dicts()
    assert rows
    check(rows)  # type: ignore[arg-type]


def test_check_queries_have_headers() -> None:
    checks = kb.list_queries(Path(__file__).resolve().parent.parent / "queries" / "checks")
    assert len(checks) >= 5 and all(q.title and q.description for q in checks)


def test_header_errors_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "no-title.rq"
    bad.write_text("# description: x\nSELECT * WHERE { ?s ?p ?o }\n")
    with pytest.raises(kb.QueryError, match=r"no-title.rq: header has no '# title:' line"):
        parse_query_file(bad)
    bad = tmp_path / "bad-param.rq"
    bad.write_text("# title: t\n# description: d\n# param: x color\nSELECT * WHERE { ?s ?p ?o }\n")
    with pytest.raises(kb.QueryError, match=r"bad-param.rq:3: bad parameter 'x' of type 'color'"):
        parse_query_file(bad)


def test_parameters_are_validated_before_reaching_the_store() -> None:
    query = kb.get_query("provisions-of-document")
    with pytest.raises(kb.QueryError, match="not an http"):
        query.bind({"document": '<x> } ; DROP ALL ; #'})
    with pytest.raises(kb.QueryError, match="has no parameter 'other'"):
        query.bind({"document": f"{B}doc/x", "other": "1"})


def test_no_chair_is_known_before_the_terms_began(built_release: kb.Release) -> None:
    query = kb.get_query("chairs")
    with kb.open_store(built_release.store_path) as store:
        assert store.select(query.text, query.bind({"from": "2016-01-01", "to": "2017-11-30"})).dicts() == []


@pytest.mark.parametrize("name,params,check", CASES, ids=[f"{n}-{'-'.join(p.values())[-40:]}" for n, p, _ in CASES])
def test_competency_query_cases(name: str, params: dict[str, str], check: Callable[[Rows], None],
                                built_release: kb.Release) -> None:
    query = kb.get_query(name)
    with kb.open_store(built_release.store_path) as store:
        rows = store.select(query.text, query.bind(params)).dicts()
    assert rows
    check(rows)  # type: ignore[arg-type]


COMPETENCY_RUNS = ([(n, p) for n, (p, _) in EXPECTED.items() if n.startswith("cq") and p]
                   + [(n, p) for n, p, _ in CASES if p])


@pytest.mark.parametrize("name,params", COMPETENCY_RUNS,
                         ids=[f"{n}-{'-'.join(p.values())[-40:]}" for n, p in COMPETENCY_RUNS])
def test_competency_queries_bind_alike_on_both_backends(name: str, params: dict[str, str],
                                                        built_release: kb.Release) -> None:
    """The embedded store binds parameters by substitution; a remote store gets them as a VALUES block
    first in the WHERE group (kb.store.bind_in_where). Both must give the same rows: a parameter used in
    a FILTER inside a UNION branch or a nested group would be unbound there under VALUES."""
    query = kb.get_query(name)
    terms = query.bind(params)
    as_values = {name: term for name, term in terms.items() if isinstance(term, URIRef | Literal)}
    with kb.open_store(built_release.store_path) as store:
        substituted = store.select(query.text, terms).rows
        pre_bound = store.select(bind_in_where(query.text, as_values)).rows
    assert substituted == pre_bound


def test_citation_of_a_trace_link(built_release: kb.Release) -> None:
    find = f"""PREFIX kb: <https://w3id.org/iacml-kb/ontology#>
        SELECT ?link WHERE {{
          ?link kb:linkFrom <{WORKSHOP_2023}> ; kb:linkTo <{ART_7G}> ; kb:linkType kb:respondsTo
        }}"""
    query = kb.get_query("cq10-citation")
    with kb.open_store(built_release.store_path) as store:
        link = str(store.select(find).rows[0][0])
        rows = store.select(query.text, query.bind({"item": link})).dicts()
    assert {_s(r, "kind") for r in rows} == {"TraceLink"}
    assert {_s(r, "title") for r in rows} == {
        'Intersectoral Workshop "Towards a Stronger Coordination between Education and Labor in the Americas", '
        "Buenos Aires respondsTo iacml21-plan-of-action 7(g)"}
    quoted_in = {_s(r, "quotedIn").removeprefix(B + "doc/") for r in rows}
    assert quoted_in == {"ws2023-descriptive-document", "wg1-2024-report"}
    assert all(_s(r, "iri") == link and link in _s(r, "citation") for r in rows)


# --- The library's constant queries (every subfolder of queries/: the read side's, kb's modules', the rules and
# checks): kb's own, not published ---

QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"
LIBRARY = sorted(QUERIES_DIR.glob("*/*.rq"))
# the provision listings' parts (kb.listing): templates, filled in before they run
LISTING_PARTS = {f"rest/{name}" for name in ("provisions", "provisions-any-kind", "provisions-of-kind",
                                               "provisions-by-body", "provisions-by-topic")}
PROBE = URIRef("urn:iacml-kb:probe")


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


@pytest.mark.parametrize("path", LIBRARY, ids=[_id(p) for p in LIBRARY])
def test_library_queries_have_a_title_and_description(path: Path) -> None:
    query = parse_query_file(path)  # a header without '# title:' or '# description:' is an error
    assert query.title.strip() and query.description.strip()
    assert kb.get_query(path.stem, folder=path.parent.name) == query


def test_every_query_folder_is_named_in_the_format_docs() -> None:
    """kb/queries.py's docstring lists the folders of queries/, so that a reader finds them."""
    import kb.queries
    folders = {path.name for path in QUERIES_DIR.iterdir() if path.is_dir()}
    assert folders >= {"pages", "rest", "cite", "items", "reader", "status", "trace", "void", "pipeline"}
    assert not [f for f in sorted(folders) if f"``queries/{f}/``" not in (kb.queries.__doc__ or "")]


def test_library_queries_are_not_published() -> None:
    assert len(LIBRARY) >= 100
    assert {q.path.parent for q in kb.list_queries()} == {QUERIES_DIR}
    assert {q.name for q in kb.list_queries()} == {p.stem for p in QUERIES_DIR.glob("*.rq")}
    with pytest.raises(kb.NotFoundError):
        kb.get_query("links-out")  # only with its folder
    with pytest.raises(kb.NotFoundError):
        kb.get_query("links-out", folder="../queries/rest")


@pytest.mark.parametrize("path", [p for p in LIBRARY if _id(p) not in LISTING_PARTS],
                         ids=[_id(p) for p in LIBRARY if _id(p) not in LISTING_PARTS])
def test_library_queries_run_with_their_parameters_bound(path: Path) -> None:
    """Each runs with every parameter it declares bound (the store refuses one its pattern does not use),
    as the web layer, its warm-up and kb's modules bind them."""
    query = parse_query_file(path)
    params = {p.name: PROBE for p in query.params}
    with kb.EmbeddedStore.in_memory() as store:
        if check_query(query.text) is QueryForm.ASK:
            assert store.ask(query.text, params) is False
        else:
            store.select(query.text, params)


def test_every_provision_listing_is_made_from_the_parts() -> None:
    texts = kb.provision_queries()
    assert len(texts) == (1 + len(PROVISION_KINDS)) * 4
    with kb.EmbeddedStore.in_memory() as store:
        for (kind, filters), text in texts.items():
            assert "$" not in text and not text.startswith("#"), (kind, filters)  # filled in, no header
            head = text.split(" WHERE {", 1)[0]
            assert head.endswith("?number ?text" + "".join(f" ?{name}" for name in filters))
            assert (f"?provision a kb:{kind} ;" in text) if kind else ("a ?kind ." in text)
            params = {"document": PROBE, **{name: PROBE for name in filters}}
            assert store.select(text, params).rows == ()
    assert kb.provisions_query("Mandate", ["topic", "body"]) == texts[("Mandate", ("body", "topic"))]
    assert kb.provisions_query(None, ()) == texts[(None, ())]


def test_a_provision_listing_takes_only_known_kinds_and_filters() -> None:
    with pytest.raises(kb.QueryError, match="no kind of provision"):
        kb.provisions_query("Mandate ; ?p ?o", ())
    with pytest.raises(kb.QueryError, match="no provision filter 'document'"):
        kb.provisions_query(None, ["document"])
    with pytest.raises(kb.QueryError, match="given twice"):
        kb.provisions_query(None, ["body", "body"])


# --- Topics and bodies are named in English and Spanish: every query that lists them gives one row each ---


def _spanish_names(store: kb.Store) -> dict[str, str]:
    rows = store.select("""SELECT ?node ?name WHERE {
        ?node <http://www.w3.org/2004/02/skos/core#prefLabel>|<http://www.w3.org/2000/01/rdf-schema#label> ?name
        FILTER(LANGMATCHES(LANG(?name), "es")) }""").rows
    return {str(node): str(name) for node, name in rows}


def test_every_spanish_name_of_a_body_is_published_beside_its_english_one(built_release: kb.Release) -> None:
    """label_es is the body's rdfs:label @es; a body without one has its English name alone."""
    from kb.pipeline import prepare

    bodies = prepare().annotations.bodies
    with kb.open_store(built_release.store_path) as store:
        rows = store.select("""SELECT ?body ?label WHERE {
            ?body a <https://w3id.org/iacml-kb/ontology#Body> ; <http://www.w3.org/2000/01/rdf-schema#label> ?label }
            """).rows
    published: dict[str, set[tuple[str, str]]] = {}
    for body, label in rows:
        assert isinstance(label, Literal)
        published.setdefault(str(body), set()).add((str(label.language), str(label)))
    assert sum(1 for b in bodies if b.label_es) >= 30
    for b in bodies:
        assert published[f"{B}body/{b.slug}"] == {("en", b.label), *([("es", b.label_es)] if b.label_es else [])}


LISTINGS = [("topics", "", "topic", 40), ("bodies", "", "body", 40), ("topics", "rest", "topic", 40),
            ("bodies", "rest", "body", 40), ("nodes-topics", "pages", "node", 40),
            ("nodes-bodies", "pages", "node", 40),
            ("dashboard-names", "pages", "node", 80), ("search-bodies", "pages", "body", 40)]


@pytest.mark.parametrize("name,folder,key,least", LISTINGS, ids=[f"{f or 'named'}/{n}" for n, f, _, _ in LISTINGS])
def test_a_listing_of_topics_or_bodies_names_each_once_in_english(name: str, folder: str, key: str, least: int,
                                                                  built_release: kb.Release) -> None:
    query = kb.get_query(name, folder=folder) if folder else kb.get_query(name)
    with kb.open_store(built_release.store_path) as store:
        spanish = _spanish_names(store)
        rows = store.select(query.text).dicts()
    nodes = [str(r[key]) for r in rows]
    assert len(nodes) == len(set(nodes)) >= least
    assert {str(r[key]) for r in rows if str(r["label"]) == spanish.get(str(r[key]))} == set()
    assert any(n in spanish for n in nodes)  # the graph has their Spanish names: the listing leaves them out


def test_the_competency_queries_name_topics_and_bodies_in_english(built_release: kb.Release) -> None:
    """A topic's or body's Spanish name joins no list, and adds no row (one per topic in cq08)."""
    with kb.open_store(built_release.store_path) as store:
        spanish = set(_spanish_names(store).values())
        terms = kb.get_query("cq08-ontology-terms")
        topics = store.select(terms.text, terms.bind({"category": "topic"})).dicts()
        open_mandates = kb.get_query("cq01-open-mandates")
        mandates = store.select(open_mandates.text, open_mandates.bind({"asof": "2024-12-31"})).dicts()
        citation = kb.get_query("cq10-citation")
        cited = {_s(r, "title") for item in (f"{B}body/ilo", f"{B}topic/informality")
                 for r in store.select(citation.text, citation.bind({"item": item})).dicts()}
    assert len(topics) == len({_s(r, "term") for r in topics}) >= 40
    assert not {_s(r, "label") for r in topics} & spanish
    listed = {name for r in mandates for k in ("topics", "addressees") for name in _s(r, k).split("; ") if name}
    assert listed and not listed & spanish
    assert cited == {"International Labour Organization (ILO)", "Informality"}


def test_the_queries_that_define_topics_give_each_once_with_its_english_definition(
        built_release: kb.Release) -> None:
    """A topic is defined in English and Spanish (skos:definition, one a language): the named query of topics, the
    JSON API's and CQ8's keep one row a topic, with the English definition."""
    with kb.open_store(built_release.store_path) as store:
        definitions: dict[str, dict[str, str]] = {}
        for topic, definition in store.select("""SELECT ?topic ?definition WHERE {
                ?topic a <http://www.w3.org/2004/02/skos/core#Concept> ;
                       <http://www.w3.org/2004/02/skos/core#definition> ?definition }""").rows:
            assert isinstance(definition, Literal)
            definitions.setdefault(str(topic), {})[str(definition.language)] = str(definition)
        terms = kb.get_query("cq08-ontology-terms")
        answers = {"topics": store.select(kb.get_query("topics").text).dicts(),
                   "rest/topics": store.select(kb.get_query("topics", folder="rest").text).dicts(),
                   "cq08": [{**r, "topic": r["term"]} for r in
                            store.select(terms.text, terms.bind({"category": "topic"})).dicts()]}
    assert len(definitions) >= 40 and all(set(d) == {"en", "es"} for d in definitions.values())
    for name, rows in answers.items():
        assert sorted(_s(r, "topic") for r in rows) == sorted(definitions), name
        assert all(_s(r, "definition") == definitions[_s(r, "topic")]["en"] for r in rows), name


# a topic's or body's Spanish name, and a topic's Spanish definition
_SPANISH_NAME = re.compile(rb'^<' + re.escape(B.encode()) + rb'(?:topic|body)/[^>]+> '
                           rb'<http://www\.w3\.org/(?:2004/02/skos/core#(?:prefLabel|definition)|'
                           rb'2000/01/rdf-schema#label)> ".*"@es \.$')


def test_no_query_gives_other_rows_for_the_spanish_names(built_release: kb.Release) -> None:
    """Every named query, and the queries of subfolders that name topics or bodies, answer the same with the
    Spanish names of topics and bodies, and the Spanish definitions of topics, as without them (only the pages'
    labels.rq reads the names, and search-bodies.rq finds a body by them; a topic's page picks its definition)."""
    with kb.open_store(built_release.store_path) as store:
        lines = b"".join(store.default_graph_pages()).splitlines(keepends=True)
        spanish = [line for line in lines if _SPANISH_NAME.match(line.rstrip())]
        without = b"".join(line for line in lines if not _SPANISH_NAME.match(line.rstrip()))
        assert len(spanish) > 120  # a name a topic and most bodies, a definition a topic
        assert sum(1 for line in spanish if b"core#definition> " in line) > 40
        chair_links = [r["link"] for r in store.select("""SELECT ?link WHERE {
            ?link <https://w3id.org/iacml-kb/ontology#linkFrom> ?from .
            FILTER(STRSTARTS(STR(?from), "https://w3id.org/iacml-kb/body/")) } LIMIT 3""").dicts()]
        runs: list[tuple[kb.NamedQuery, Mapping[str, object]]] = [
            *((kb.get_query(name), params) for name, (params, _) in EXPECTED.items()),
            *((kb.get_query(name), params) for name, params, _ in CASES),
            *((kb.get_query(name, folder=folder), {})
              for folder, name in (("pages", "dashboard-names"), ("pages", "nodes-bodies"), ("pages", "nodes-topics"),
                                   ("pages", "ontology-terms"), ("rest", "bodies"), ("rest", "topics"))),
            *((kb.get_query(name, folder=folder), {parameter: f"{B}{node}", **extra})
              for folder, name, parameter, extra in (("cite", "item", "item", {"language": "en"}),
                                                     ("trace", "label", "node", {}))
              for node in ("body/ilo", "body/oas", "topic/informality")),
            *((kb.get_query("link", folder="status"), {"link": str(link)}) for link in chair_links),
        ]
    assert chair_links and len(runs) > 50

    def answers(on: kb.Store) -> list[list[str]]:
        return [sorted(repr(sorted((k, str(v)) for k, v in row.items()))
                       for row in on.select(query.text, query.bind(params)).dicts())  # type: ignore[arg-type]
                for query, params in runs]

    # both in memory: an engine's GROUP_CONCAT order depends on its store (the documents' symbols)
    with kb.EmbeddedStore.in_memory(b"".join(lines)) as named, kb.EmbeddedStore.in_memory(without) as plain:
        assert answers(plain) == answers(named)
