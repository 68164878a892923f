"""Status: the ordered rules on a fixture whose answers are known by construction, the real corpus
as of several dates, explanations, traces and citations, and the CLI commands over them."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from rdflib import RDF, XSD, Graph, Literal, URIRef

import kb
from kb.iri import KB
from kb.rules import assess, assessments_graph, load_rules

B = kb.BASE
ART_7G = f"{B}doc/iacml21-plan-of-action/art_7__para_g"


# --- a fixture whose answers are known by construction ----------------------------------------

def _date(value: str) -> Literal:
    return Literal(value, datatype=XSD.date)


def fixture_graph() -> Graph:
    """Two WG reports (2019, 2023) and a held Plan of Action (2024) of one body; a mandate M1 of a 2020
    Plan of Action derived from R1, answered in 2021 and fulfilled in 2022; R2 reiterated in 2023."""
    g = Graph()
    body = URIRef(f"{B}body/b")
    docs = {"wg19": ("WorkingGroupReport", "2019-06-30", False), "poa20": ("PlanOfAction", "2020-01-01", False),
            "wg23": ("WorkingGroupReport", "2023-01-01", True), "poa24": ("PlanOfAction", "2024-06-30", True)}
    for slug, (kind, date, held) in docs.items():
        d = URIRef(f"{B}doc/{slug}")
        g += [(d, RDF.type, KB.Document), (d, RDF.type, KB[kind]), (d, KB.issuedBy, body),
              (d, KB.knownBy, _date(date)), (d, KB.held, Literal(held))]
    items = {"R1": ("wg19", "Recommendation"), "R2": ("wg19", "Recommendation"), "M1": ("poa20", "Mandate"),
             "R3": ("wg23", "Recommendation"), "R4": ("wg23", "Recommendation")}
    for name, (slug, kind) in items.items():
        node = URIRef(f"{B}doc/{slug}/{name.lower()}")
        doc = URIRef(f"{B}doc/{slug}")
        g += [(node, RDF.type, KB[kind]), (node, RDF.type, KB.Provision), (node, KB.inDocument, doc),
              (node, KB.knownBy, g.value(doc, KB.knownBy))]
    links = [("m1", "poa20/m1", "derivedFrom", "wg19/r1", "2020-01-01", "curator"),
             ("a1", "activity/a", "respondsTo", "poa20/m1", "2021-03-01", "curator"),
             ("o1", "activity/o", "fulfils", "poa20/m1", "2022-05-01", "curator"),
             ("r3", "wg23/r3", "reiterates", "wg19/r2", "2023-01-01", "curator"),
             # suggested, not reviewed: decides nothing (R3 stays open, R1 is not carried forward)
             ("x1", "activity/x", "respondsTo", "wg23/r3", "2023-03-01", "extractor"),
             ("x2", "activity/x", "fulfils", "wg23/r3", "2023-03-01", "extractor"),
             ("x3", "wg23/r3", "reiterates", "wg19/r1", "2023-01-01", "extractor"),
             ("x4", "poa24/m9", "derivedFrom", "wg23/r3", "2024-06-30", "extractor"),
             # a curated answer to m9 answers nothing through it: its adoption of R3 is only suggested
             ("a9", "activity/a", "respondsTo", "poa24/m9", "2024-07-01", "curator"),
             # answers R4 in part only (kb:extent kb:partial)
             ("p4", "activity/p", "respondsTo", "wg23/r4", "2023-05-01", "curator")]
    g += [(URIRef(f"{B}doc/poa24/m9"), RDF.type, KB.Mandate), (URIRef(f"{B}doc/poa24/m9"), RDF.type, KB.Provision),
          (URIRef(f"{B}doc/poa24/m9"), KB.inDocument, URIRef(f"{B}doc/poa24")),
          (URIRef(f"{B}doc/poa24/m9"), KB.knownBy, _date("2024-06-30"))]
    for name, src, kind, dst, date, asserter in links:
        link, ev = URIRef(f"{B}link/{name}"), URIRef(f"{B}evidence/{name}")
        source = URIRef(f"{B}doc/{src}" if not src.startswith("activity") else f"{B}{src}")
        g += [(link, RDF.type, KB.TraceLink), (link, KB.linkFrom, source), (link, KB.linkType, KB[kind]),
              (link, KB.linkTo, URIRef(f"{B}doc/{dst}")), (link, KB.knownBy, _date(date)),
              (link, KB.assertedBy, KB[asserter]),
              (link, KB.hasEvidence, ev), (ev, RDF.type, KB.Evidence), (ev, KB.knownBy, _date(date))]
        if kind in ("respondsTo", "fulfils"):  # as kb/graph.py states every answer's extent
            g.add((link, KB.extent, KB.partial if name == "p4" else KB.full))
            if name == "p4":
                g.add((link, KB.partAnswered, Literal("one of its parts")))
    return g


EXPECTED = {  # (as of, item) -> (response, lifecycle, adoption or None); absent item: does not exist yet
    ("2019-12-31", "wg19/r1"): ("no-evidence", "active", "pending"),
    ("2019-12-31", "wg19/r2"): ("no-evidence", "active", "pending"),
    # R1 adopted as M1: carried forward in it, and answered through it as M1 is answered
    ("2020-06-30", "wg19/r1"): ("no-evidence", "carried-forward", "adopted"),
    ("2020-06-30", "poa20/m1"): ("no-evidence", "active", None),
    ("2021-06-30", "wg19/r1"): ("addressed", "carried-forward", "adopted"),
    ("2021-06-30", "poa20/m1"): ("addressed", "active", None),
    ("2022-06-30", "wg19/r1"): ("fulfilled", "carried-forward", "adopted"),
    ("2022-06-30", "poa20/m1"): ("fulfilled", "active", None),
    ("2023-06-30", "wg19/r1"): ("fulfilled", "carried-forward", "adopted"),  # not superseded: it lives on in M1
    ("2023-06-30", "wg19/r2"): ("no-evidence", "carried-forward", "pending"),
    ("2023-06-30", "wg23/r3"): ("no-evidence", "active", "pending"),
    ("2023-03-31", "wg23/r4"): ("no-evidence", "active", "pending"),
    ("2023-06-30", "wg23/r4"): ("partly-addressed", "active", "pending"),
    ("2024-12-31", "wg19/r2"): ("no-evidence", "carried-forward", "not-adopted"),
    ("2024-12-31", "wg23/r3"): ("no-evidence", "active", "not-adopted"),  # the held 2024 Plan adopts nothing
}


@pytest.fixture(scope="module")
def fixture_assessments() -> dict[str, list[kb.rules.Assessment]]:  # type: ignore[name-defined]
    out = {}
    with kb.EmbeddedStore.in_memory(fixture_graph()) as store:
        for date in sorted({d for d, _ in EXPECTED}):
            out[date] = assess(store, dt.date.fromisoformat(date))
    return out


@pytest.mark.parametrize(("date", "item"), sorted(EXPECTED))
def test_rules_on_a_fixture_known_by_construction(fixture_assessments: dict[str, list[object]], date: str,
                                                 item: str) -> None:
    found = {(a.dimension, a.value) for a in fixture_assessments[date] if a.item == f"{B}doc/{item}"}  # type: ignore[attr-defined]
    response, lifecycle, adoption = EXPECTED[(date, item)]
    expected = {("response", response), ("lifecycle", lifecycle)} | ({("adoption", adoption)} if adoption else set())
    assert found == expected


def test_an_item_does_not_exist_before_its_document(fixture_assessments: dict[str, list[object]]) -> None:
    assert not [a for a in fixture_assessments["2019-12-31"] if "poa20" in a.item or "wg23" in a.item]  # type: ignore[attr-defined]


def test_assessments_name_their_rule_links_and_evidence(fixture_assessments: dict[str, list[object]]) -> None:
    fulfilled = next(a for a in fixture_assessments["2022-06-30"]  # type: ignore[attr-defined]
                     if a.item.endswith("poa20/m1") and a.dimension == "response")
    assert fulfilled.rule.name == "10-response-fulfilled"
    assert fulfilled.links == {f"{B}link/o1"} and fulfilled.evidence == {f"{B}evidence/o1"}
    graph = assessments_graph([fulfilled])
    node = fulfilled.iri
    assert (node, KB.statusValue, KB.fulfilled) in graph and (node, KB.usedLink, URIRef(f"{B}link/o1")) in graph
    assert (node, KB.asOf, _date("2022-06-30")) in graph
    assert "10-response-fulfilled" in str(graph.value(node, KB.explanation))


def test_an_item_answered_through_its_adoption_names_both_links(
        fixture_assessments: dict[str, list[object]]) -> None:
    addressed = next(a for a in fixture_assessments["2021-06-30"]  # type: ignore[attr-defined]
                     if a.item.endswith("wg19/r1") and a.dimension == "response")
    assert addressed.rule.name == "25-response-addressed"
    assert addressed.links == {f"{B}link/m1", f"{B}link/a1"}  # the adoption and the answer to the mandate
    assert addressed.evidence == {f"{B}evidence/m1", f"{B}evidence/a1"}
    fulfilled = next(a for a in fixture_assessments["2022-06-30"]  # type: ignore[attr-defined]
                     if a.item.endswith("wg19/r1") and a.dimension == "response")
    assert fulfilled.rule.name == "15-response-fulfilled" and f"{B}link/o1" in fulfilled.links


def test_rules_are_ordered_and_named_by_dimension() -> None:
    rules = load_rules()
    assert [r.order for r in rules] == sorted(r.order for r in rules)
    assert {r.dimension for r in rules} == {"response", "lifecycle", "adoption"}
    for rule in rules:
        assert rule.query.title and rule.query.description and [p.name for p in rule.query.params] == ["asof"]


# --- the real corpus ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def store(built_release: kb.Release) -> kb.Store:
    return kb.open_store(built_release.store_path)


def test_the_build_assesses_as_of_the_corpus_date(store: kb.Store, built_release: kb.Release) -> None:
    from kb.corpus import load_corpus
    from kb.rules import corpus_date

    expected = corpus_date(d.meta.date for d in load_corpus())  # the latest document's last possible day
    assert expected >= dt.date(2024, 12, 31)  # the corpus of record: wg1-2024-report, dated "2024"
    assert kb.build_asof(store) == expected
    assert built_release.report()["status_as_of"] == expected.isoformat()
    assert built_release.report()["assessments"] > 100


def test_plan_of_action_articles_with_status_and_reason(store: kb.Store) -> None:
    rows = {r.eid: r for r in kb.status(store, document="iacml21-plan-of-action")}
    assert {"art_7__para_e", "art_7__para_g"} <= set(rows)
    art = rows["art_7__para_g"]
    assert (art.value("response"), art.value("lifecycle")) == ("addressed", "carried-forward")
    reason = kb.status_reason(store, art)
    assert "Intersectoral Workshop" in reason and "wg1-2024-report recommendation_6" in reason


def test_why_gives_the_quotes_of_the_workshop_and_of_recommendation_6(store: kb.Store) -> None:
    exp = kb.why(store, URIRef(ART_7G))
    response = exp.links["response"]
    assert {link.source for link in response} == {f"{B}activity/ws2023-education-labor"}
    assert any("May 4 to 5, 2023" in q.text for q in response[0].quotes)
    lifecycle = exp.links["lifecycle"]
    assert lifecycle[0].source == f"{B}doc/wg1-2024-report/recommendation_6"
    assert any(q.text.startswith("6. Promote, with the support of ILO/CINTERFOR") for q in lifecycle[0].quotes)
    for link in response + lifecycle:
        for q in link.quotes:
            assert q.end - q.start == len(q.text)


def test_as_of_2022_the_2023_answers_do_not_count(store: kb.Store) -> None:
    before = {r.eid: r for r in kb.status(store, document="iacml21-plan-of-action", asof=dt.date(2022, 12, 31))}
    assert (before["art_7__para_g"].value("response"), before["art_7__para_g"].value("lifecycle")) == (
        "no-evidence", "active")
    after = {r.eid: r for r in kb.status(store, document="iacml21-plan-of-action", asof=dt.date(2023, 12, 31))}
    assert after["art_7__para_g"].value("response") == "addressed"
    assert after["art_7__para_g"].value("lifecycle") == "active"  # the 2024 report is not known yet


def test_recommendations_appear_only_once_their_report_exists(store: kb.Store) -> None:
    in_2022 = kb.status(store, document="wg1-2024-report", asof=dt.date(2022, 12, 31))
    assert in_2022 == []
    in_2024 = {r.eid: r for r in kb.status(store, document="wg1-2024-report", asof=dt.date(2024, 12, 31))}
    assert len(in_2024) == 11 and all(r.value("adoption") == "pending" for r in in_2024.values())


def test_recommendations_answered_through_the_mandates_that_adopted_them(store: kb.Store) -> None:
    rows = {r.eid: r for r in kb.status(store, document="wg1-2021-final-report")}
    for eid, article in (("recommendation_5", "art_7__para_e"), ("recommendation_7", "art_7__para_g")):
        row = rows[eid]
        assert (row.value("response"), row.value("lifecycle")) == ("addressed", "carried-forward")
        reason = kb.status_reason(store, row)
        assert f"addressed through iacml21-plan-of-action {article}: answered by Intersectoral Workshop" in reason
        assert "no response recorded" not in reason
        exp = kb.why(store, URIRef(row.item))
        assert {link.link_type for link in exp.links["response"]} == {"derivedFrom", "respondsTo"}
        assert all(link.quotes for link in exp.links["response"])
    assert rows["recommendation_6"].value("response") == "no-evidence"  # adopted by nothing, answered by nothing
    before = {r.eid: r for r in kb.status(store, document="wg1-2021-final-report", asof=dt.date(2022, 12, 31))}
    for eid in ("recommendation_5", "recommendation_7"):
        # the Plan of Action is first quoted in April 2023, the workshop was in May 2023
        assert (before[eid].value("response"), before[eid].value("lifecycle")) == ("no-evidence", "active")
        assert kb.status_reason(store, before[eid]) == "no response recorded by 2022-12-31"


def test_a_status_is_explained_in_spanish(store: kb.Store) -> None:
    """The explanation and the reason of art. 7(g) in Spanish: the status by the name the pages give it, the rule
    and the items by their identifiers, no English words; English stays the default."""
    row = kb.why(store, URIRef(ART_7G)).row
    response, lifecycle = row.assessments["response"], row.assessments["lifecycle"]
    spanish = response.explanation("es")
    assert spanish.startswith(f"atendido a la fecha del {row.asof.isoformat()} según la regla {response.rule.name}: "
                              f"lo decidieron {len(response.links)} vínculo(s) de trazabilidad")
    assert response.explanation() == response.explanation("en") != spanish
    assert response.explanation().startswith("addressed as of ")
    assert lifecycle.explanation("es").startswith("retomado a la fecha del ")
    reason = kb.status_reason(store, row, "es")
    assert "respondido por Intersectoral Workshop" in reason
    assert "retomado por wg1-2024-report recommendation_6" in reason
    assert not {"answered", "carried", "by"} & set(reason.replace(";", " ").split())
    adopted = {r.eid: r for r in kb.status(store, document="wg1-2021-final-report")}["recommendation_7"]
    assert ("atendido a través de iacml21-plan-of-action art_7__para_g: respondido por Intersectoral Workshop"
            in kb.status_reason(store, adopted, "es"))
    before = kb.status(store, document="iacml21-plan-of-action", asof=dt.date(2022, 12, 31))[0]
    assert kb.status_reason(store, before, "es").startswith("ninguna respuesta registrada al 2022-12-31")
    superseded = {r.eid: r for r in kb.status(store, document="iacml-work-plan-2018-2020")}["passage_2"]
    assert "sustituido por iacml-work-plan-2022-2024" in kb.status_reason(store, superseded, "es")
    assert superseded.assessments["lifecycle"].explanation("es").endswith("consta a esa fecha")
    for language in ("fr", "ES"):
        with pytest.raises(kb.InputError) as caught:
            kb.status_reason(store, row, language)
        assert caught.value.parameter == "language" and "en, es" in str(caught.value)


def test_every_status_sentence_and_name_is_held_in_both_languages() -> None:
    from kb import phrases

    assert set(kb.STATUS_NAMES) == set(kb.STATUS_VALUES) and kb.STATUS_LANGUAGES == ("en", "es")
    for entry in [*phrases.SENTENCES.values(), *kb.STATUS_NAMES.values(), *phrases.BODY_TYPE_NAMES.values()]:
        assert set(entry) == set(kb.STATUS_LANGUAGES) and all(entry.values())
    declared = {b.get("type") for b in yaml.safe_load(
        (kb.default_corpus_dir() / "annotations" / "bodies.yaml").read_text(encoding="utf-8"))["bodies"]}
    assert declared - {None} <= set(phrases.BODY_TYPE_NAMES)  # every kind of body the corpus declares is named
    assert kb.body_type_name("working-group", "es") == "grupo de trabajo"
    assert kb.body_type_name("a-new-kind", "es") == "a-new-kind"  # said as written until it is named
    for key, entry in phrases.SENTENCES.items():  # Spanish says what English says (a rule's title is English only)
        english, spanish = ({*re.findall(r"\{(\w+)\}", entry[language])} for language in ("en", "es"))
        assert english - spanish <= {"title"} and spanish <= english, key


def test_an_undated_work_plan_is_superseded_by_the_next_cycles(store: kb.Store) -> None:
    later = {r.eid: r for r in kb.status(store, document="iacml-work-plan-2018-2020")}
    assert {r.value("lifecycle") for r in later.values()} == {"superseded"}
    assert "superseded by iacml-work-plan-2022-2024" in kb.status_reason(store, later["passage_2"])
    before = kb.status(store, document="iacml-work-plan-2018-2020", asof=dt.date(2022, 12, 31))
    assert before and {r.value("lifecycle") for r in before} == {"active"}  # the next one is quoted from 2023


def test_adoption_of_the_2021_recommendations(store: kb.Store) -> None:
    rows = {r.eid: r.value("adoption")
            for r in kb.status(store, document="wg1-2021-final-report", asof=dt.date(2024, 12, 31))}
    assert rows["recommendation_5"] == rows["recommendation_7"] == "adopted"
    assert rows["recommendation_1"] == "pending"  # the Plan of Action is known only through quotation


def test_filters(store: kb.Store) -> None:
    by_topic = kb.status(store, topic="qualifications-frameworks")
    assert ART_7G in {r.item for r in by_topic}
    assert all("qualifications-frameworks" in r.topics for r in by_topic)
    by_body = kb.status(store, body="ilo-cinterfor")
    assert ART_7G in {r.item for r in by_body}
    open_ones = kb.status(store, value="no-evidence", kind="Mandate")
    assert open_ones and all(r.value("response") == "no-evidence" and r.kind == "Mandate" for r in open_ones)


def test_the_stored_assessments_are_what_the_rules_say_for_the_build_date(store: kb.Store,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Lists for the build's date read the assessments the build stored: the same items, values, rules,
    links, quotes and bases (kb:usedBasis) as running every rule; another date runs the rules."""
    status_module = importlib.import_module("kb.status")
    asof = kb.build_asof(store)
    stored = status_module.stored_assessments(store, asof)
    assert stored is not None
    key = [(a.item, a.dimension, a.value, a.rule.name, sorted(a.links), sorted(a.evidence), sorted(a.basis),
            a.explanation()) for a in stored]
    assert key == [(a.item, a.dimension, a.value, a.rule.name, sorted(a.links), sorted(a.evidence),
                    sorted(a.basis), a.explanation()) for a in assess(store, asof, load_rules())]
    assert any(a.basis for a in stored) and any(a.links for a in stored)
    assert status_module.stored_assessments(store, dt.date(2022, 12, 31)) is None
    read = _status_key(kb.status(store))
    monkeypatch.setattr(status_module, "stored_assessments", lambda *_: None)  # the rules, every one
    assert read == _status_key(kb.status(store))


def test_a_store_built_before_kb_used_basis_gets_the_rules(built_release: kb.Release) -> None:
    older = b"".join(line for line in built_release.dump("nt").read_bytes().splitlines(keepends=True)
                     if b"#usedBasis>" not in line)
    with kb.EmbeddedStore.in_memory(older) as store:
        assert importlib.import_module("kb.status").stored_assessments(store, kb.build_asof(store)) is None
        superseded = [r for r in kb.status(store) if r.value("lifecycle") == "superseded"]
        assert superseded and all(r.assessments["lifecycle"].basis for r in superseded)


def _status_key(rows: list[kb.StatusRow]) -> list[tuple[object, ...]]:
    return [(r.item, r.kind, r.document, r.text, r.topics, r.addressees,
             {d: (a.value, a.rule.name, sorted(a.links), sorted(a.evidence), sorted(a.basis))
              for d, a in r.assessments.items()}) for r in rows]


# each item assessed on its own (1.0) at every date; the whole graph filtered (0.0) once
@pytest.mark.parametrize(("asof", "share"), [(None, 0.0), (None, 1.0), ("2022-12-31", 1.0), ("2019-06-30", 1.0)])
def test_the_status_of_one_document_is_that_of_every_item_filtered(store: kb.Store, asof: str | None, share: float,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """With a document, each item may be assessed on its own (kb.status.item_status; share 1.0 forces it,
    0.0 forbids it): the same rows, links, quotes and rules as assessing the whole graph and keeping that
    document's rows."""
    monkeypatch.setattr(importlib.import_module("kb.status"), "PER_ITEM_SHARE", share)
    date = dt.date.fromisoformat(asof) if asof else None
    slugs = sorted({row.document for row in kb.status(store)})
    compared = 0
    for filters in ({}, {"value": "no-evidence"}, {"kind": "Recommendation"},
                    {"topic": "education-labor-coordination"}):
        every = kb.status(store, asof=date, **filters)
        for slug in slugs:
            scoped = kb.status(store, asof=date, document=slug, **filters)
            assert _status_key(scoped) == _status_key([r for r in every if r.document == slug]), (slug, filters)
            compared += len(scoped)
    assert compared >= (5 if asof == "2019-06-30" else 100)
    with pytest.raises(kb.InputError, match="no document 'no-such-document'"):
        kb.status(store, asof=date, document="no-such-document")


def test_trace_reproduces_the_design_chain(store: kb.Store) -> None:
    tr = kb.trace(store, URIRef(ART_7G))
    arrows = {(t.direction, t.link_type, t.source.removeprefix(B), t.target.removeprefix(B)) for t in tr.links}
    assert ("upstream", "derivedFrom", "doc/wg1-2021-final-report/recommendation_7",
            "doc/wg1-2019-quito-summary/sec_3__subsec_4__list_1__item_3") in arrows
    assert ("item", "derivedFrom", "doc/iacml21-plan-of-action/art_7__para_g",
            "doc/wg1-2021-final-report/recommendation_7") in arrows
    assert ("downstream", "respondsTo", "activity/ws2023-education-labor",
            "doc/iacml21-plan-of-action/art_7__para_g") in arrows
    assert ("downstream", "reiterates", "doc/wg1-2024-report/recommendation_6",
            "doc/iacml21-plan-of-action/art_7__para_g") in arrows
    assert all(link.quotes for link in tr.links)


@pytest.mark.parametrize("fmt", ["text", "markdown", "bibtex", "csl-json"])
def test_citations_carry_quote_iri_version_and_hash(store: kb.Store, built_release: kb.Release, fmt: str) -> None:
    report = built_release.report()
    text = kb.cite(store, URIRef(ART_7G)).render(fmt)
    for needle in (report["version"], report["content_hash"], "Encourage ILO-CINTERFOR, OAS and UNESCO"):
        assert needle in text
    if fmt == "csl-json":
        data = json.loads(text)[0]
        assert data["URL"] == ART_7G and data["locator"] == "Art. 7(g)"
    elif fmt == "bibtex":
        assert text.startswith("@misc{") and text.count("{") == text.count("}")
        assert f"url = {{{ART_7G}}}" in text  # verbatim: a backslash before each _ would be in the link
    else:
        assert ART_7G in text


def test_a_citation_gives_the_oas_classification_symbol_first(store: kb.Store) -> None:
    """As the cover prints them: "CIDI/TRABAJO/..." sorts before "OEA/Ser.K/..." but is the second."""
    text = kb.cite(store, URIRef(f"{B}doc/wg1-2021-final-report/recommendation_7")).render("text")
    assert "(OEA/Ser.K/XII.21.1; CIDI/TRABAJO/RP/doc.4/21)" in text


def test_citation_of_a_link(store: kb.Store) -> None:
    link = kb.iri.link_iri(ART_7G, "derivedFrom", f"{B}doc/wg1-2021-final-report/recommendation_7")
    text = kb.cite(store, link).render("text")
    assert "derivedFrom" in text and str(link) in text


@pytest.mark.parametrize("fmt", ["text", "markdown", "bibtex", "csl-json"])
def test_citations_of_bodies_activities_and_documents_name_only_their_own_document(store: kb.Store,
                                                                                  fmt: str) -> None:
    # A body has no document: its citation once borrowed the title of an arbitrary one.
    body = kb.cite(store, URIRef(f"{B}body/ilo-cinterfor")).render(fmt)
    assert "ILO/CINTERFOR" in body and f"{B}body/ilo-cinterfor" in body
    assert "Declaration" not in body and "Plan of Action" not in body and "Report" not in body
    assert "“" not in body and "Quote" not in body  # nothing to quote
    activity = kb.cite(store, URIRef(f"{B}activity/iacml21-first-preparatory-meeting")).render(fmt)
    assert "First Preparatory Meeting" in activity and "Summary and Main Ideas" in activity  # its report
    assert "Bridgetown" not in activity
    document = kb.cite(store, URIRef(f"{B}doc/wg1-2024-report")).render(fmt)
    assert "Report of Working Group 1" in document and "2024" in document and "Bridgetown" not in document


def test_unknown_items_are_not_found(store: kb.Store) -> None:
    with pytest.raises(kb.NotFoundError):
        kb.cite(store, URIRef(f"{B}doc/iacml21-plan-of-action/art_99"))
    with pytest.raises(kb.NotFoundError):
        kb.why(store, URIRef(f"{B}doc/wg1-2021-final-report/para_3"))  # a finding has no status
    with pytest.raises(kb.InputError, match="not a date"):
        kb.parse_asof("31/12/2022")


# --- the CLI -----------------------------------------------------------------------------------

def run(*args: str, build_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kb.cli", *args, "--build-dir", str(build_dir)],
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize(("filters", "parameter", "hint"), [
    ({"document": "iacml21-plan-of-actions"}, "document", "did you mean iacml21-plan-of-action"),
    ({"document": "nope"}, "document", "`kb list documents` lists them"),
    ({"topic": "gender"}, "topic", "did you mean gender-equality"),
    ({"body": "ilo-cinterfo"}, "body", "did you mean ilo-cinterfor"),
    ({"value": "open"}, "status", "an open item's response is no-evidence"),
    ({"value": "adressed"}, "status", "did you mean addressed"),
    ({"kind": "Mandates"}, "kind", "did you mean Mandate"),
])
def test_a_filter_naming_nothing_is_an_error_not_an_empty_list(store: kb.Store, filters: dict[str, str],
                                                               parameter: str, hint: str) -> None:
    with pytest.raises(kb.InputError) as caught:
        kb.status(store, **filters)  # type: ignore[arg-type]
    assert caught.value.parameter == parameter and hint in str(caught.value)
    assert caught.value.exit_code == 2


def test_cli_refuses_an_unknown_filter_value(built_release: kb.Release, build_dir: Path) -> None:
    out = run("status", "--topic", "gender", build_dir=build_dir)
    assert out.returncode == 2 and out.stdout == ""
    assert "no topic 'gender' in the knowledge base; did you mean gender-equality?" in out.stderr


def test_cli_status_as_of_and_json(built_release: kb.Release, build_dir: Path) -> None:
    out = run("status", "--document", "iacml21-plan-of-action", "--format", "csv", build_dir=build_dir)
    assert out.returncode == 0, out.stderr
    line = next(x for x in out.stdout.splitlines() if ",art_7__para_g," in x)
    assert ",addressed,carried-forward," in line and "Intersectoral Workshop" in line
    out = run("status", "--document", "iacml21-plan-of-action", "--as-of", "2022-12-31", "-f", "json",
              build_dir=build_dir)
    rows = {r["eId"]: r for r in json.loads(out.stdout)}
    assert rows["art_7__para_g"]["response"]["value"] == "no-evidence"
    out = run("status", "--as-of", "2022-13-01", build_dir=build_dir)
    assert out.returncode == 2 and "not a date" in out.stderr


def test_cli_why_trace_cite(built_release: kb.Release, build_dir: Path) -> None:
    out = run("why", "iacml21-plan-of-action art_7__para_g", build_dir=build_dir)
    assert out.returncode == 0 and "response: addressed" in out.stdout and "“which took place from May 4" in out.stdout
    out = run("trace", "iacml21-plan-of-action art_7__para_g", build_dir=build_dir)
    assert "─derivedFrom→ wg1-2021-final-report recommendation_7" in out.stdout
    out = run("trace", "iacml21-plan-of-action art_7__para_g", "-f", "json", build_dir=build_dir)
    assert json.loads(out.stdout)["item"] == ART_7G
    out = run("cite", "iacml21-plan-of-action art_7__para_g", "--format", "bibtex", build_dir=build_dir)
    assert out.returncode == 0 and out.stdout.startswith("@misc{")
    out = run("cite", "iacml21-plan-of-action art_7__para_g", "--format", "ris", build_dir=build_dir)
    assert out.returncode == 2 and "csl-json" in out.stderr


def test_cli_why_trace_status_in_spanish(built_release: kb.Release, build_dir: Path) -> None:
    """`--language es` says the status in Spanish (values, rules and slugs as they are); English is the default;
    another language is a usage error naming the option and the languages, before anything is read."""
    out = run("why", "iacml21-plan-of-action art_7__para_g", "--language", "es", build_dir=build_dir)
    assert out.returncode == 0, out.stderr
    assert "(mandato 7(g)) a la fecha del " in out.stdout.splitlines()[0]
    assert "respuesta: atendido  (regla 20-response-addressed)" in out.stdout
    assert "  atendido a la fecha del " in out.stdout and "ciclo de vida: retomado" in out.stdout
    assert "(conocido al 2023-" in out.stdout and ", caracteres " in out.stdout
    assert " responde a este elemento (conocido al " in out.stdout  # the link type as the ontology says it in Spanish
    assert "as of" not in out.stdout and "known by" not in out.stdout and "response:" not in out.stdout
    english = run("why", "iacml21-plan-of-action art_7__para_g", build_dir=build_dir)
    assert "response: addressed" in english.stdout and "addressed as of " in english.stdout
    out = run("status", "--document", "iacml21-plan-of-action", "-f", "csv", "-l", "es", build_dir=build_dir)
    line = next(x for x in out.stdout.splitlines() if ",art_7__para_g," in x)
    assert ",addressed,carried-forward," in line and "respondido por Intersectoral Workshop" in line
    out = run("status", "--document", "iacml21-plan-of-action", "-f", "json", "-l", "es", build_dir=build_dir)
    rows = {r["eId"]: r for r in json.loads(out.stdout)}
    assert rows["art_7__para_g"]["response"]["explanation"].startswith("atendido a la fecha del ")
    out = run("status", "--document", "iacml21-plan-of-action", "-l", "es", build_dir=build_dir)
    assert "retomado" in out.stdout and "carried-forward" not in out.stdout
    lines = out.stdout.splitlines()  # the table's columns and its count in Spanish too
    assert lines[0].split() == ["documento", "eId", "número", "respuesta", "ciclo", "de", "vida", "adopción", "motivo"]
    assert re.fullmatch(r"\(\d+ filas\)", lines[-1]) and "rows)" not in out.stdout
    english = run("status", "--document", "iacml21-plan-of-action", build_dir=build_dir).stdout.splitlines()
    assert english[0].split()[:4] == ["document", "eId", "number", "response"] and english[-1].endswith(" rows)")
    out = run("trace", "iacml21-plan-of-action art_7__para_g", "--language", "es", build_dir=build_dir)
    assert "├─ origen (de dónde viene)" in out.stdout and "├─ seguimiento (" in out.stdout
    assert "─deriva de→ wg1-2021-final-report recommendation_7" in out.stdout
    assert not re.search(r"─(derivedFrom|respondsTo|reiterates|fulfils)→", out.stdout)
    for command in (["why", "iacml21-plan-of-action art_7__para_g"], ["status"],
                    ["trace", "iacml21-plan-of-action art_7__para_g"]):
        out = run(*command, "--language", "fr", build_dir=build_dir)
        assert out.returncode == 2 and out.stdout == "", command
        assert "--language 'fr'" in out.stderr and "en, es" in out.stderr


_DRAFT = """DRAFT PLAN OF ACTION OF LAS PIEDRAS

1. Encourage the Working Groups to continue exchanging experiences on labor market information systems among the
Ministries of Labor of the region.

2. Request the Technical Secretariat to prepare a study on the future of work in the Americas.
"""


@pytest.mark.parametrize("draft", [True, False])
def test_a_draft_plan_of_action_issues_no_mandate_and_decides_no_status(
        corpus_copy: Path, tmp_path: Path, built_release: kb.Release, draft: bool) -> None:
    """A draft of the next Plan of Action, held before it is adopted: its articles are no mandates, so they
    have no status; it supersedes no earlier Plan of Action, leaves no recommendation "not adopted", and a
    link from it carries nothing forward. Held as adopted (draft: false), it does all three: the check can fail."""
    import hashlib

    source = corpus_copy / "sources" / "las-piedras-draft.txt"
    source.write_text(_DRAFT, encoding="utf-8")
    (corpus_copy / "documents" / "las-piedras-plan-draft.yaml").write_text(
        "slug: las-piedras-plan-draft\ntitle: Draft Plan of Action of Las Piedras\ntype: PlanOfAction\n"
        "symbols: []\ndate: '2024-10-01'\nlanguage: en\noriginal_language: en\nissuing_body: iacml\nmeeting: ''\n"
        f"source: sources/las-piedras-draft.txt\nsha256: {hashlib.sha256(source.read_bytes()).hexdigest()}\n"
        + ("draft: true\n" if draft else ""), encoding="utf-8")
    (corpus_copy / "annotations" / "zz-draft.yaml").write_text(
        "links:\n  - from: las-piedras-plan-draft para_1\n    type: reiterates\n"
        "    to: iacml21-plan-of-action art_7__para_e\n    evidence:\n      - doc: las-piedras-plan-draft\n"
        '        quote: "continue exchanging experiences on labor market information systems"\n', encoding="utf-8")
    release, _ = kb.build(corpus_copy, tmp_path / "build")
    base, store = kb.open_store(built_release.store_path), kb.open_store(release.store_path)
    asof = kb.build_asof(base)
    before = {(r.item, d): r.value(d) for r in kb.status(base, asof=asof) for d in ("lifecycle", "adoption")}
    after = {(r.item, d): r.value(d) for r in kb.status(store, asof=asof) for d in ("lifecycle", "adoption")}
    changed = {key: (before[key], after.get(key)) for key in before if after.get(key) != before[key]}
    drafted = kb.status(store, document="las-piedras-plan-draft", asof=asof)
    if draft:
        assert changed == {} and drafted == []
        assert "is a draft" in kb.no_rows_reason(store, "las-piedras-plan-draft", asof)
    else:  # the same text held as adopted: the earlier plan superseded, recommendations not adopted
        assert {value for _, value in changed.values()} >= {"superseded", "not-adopted"}, changed
        assert len(drafted) == 2


def test_a_status_value_the_library_has_no_name_for_is_said_as_it_is() -> None:
    """The CLI's table and `kb why` say a value by kb.status_name: a value with no display name (a rule file a
    curator added) is printed as it is, in either language, never a KeyError."""
    assert kb.status_name("no-evidence", "es") == "sin evidencia"
    assert kb.status_name("under-review", "es") == "under-review" == kb.status_name("under-review")
    with pytest.raises(kb.InputError) as caught:
        kb.status_name("addressed", "fr")
    assert caught.value.parameter == "language"
    with pytest.raises(kb.InputError) as caught:
        kb.check_status_language("pt", parameter="--language")
    assert caught.value.parameter == "--language" and "--language 'pt'" in str(caught.value)
