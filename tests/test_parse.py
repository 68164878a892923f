"""The document parser: facts pinned on the real sources, one test per rule on small texts, and
properties that hold for every source (spans nest, eIds are unique and valid, parsing is stable).

The eId convention tested here is written down in docs/eid-convention.md.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from kb.corpus import load_corpus
from kb.errors import ParseError
from kb.iri import is_eid
from kb.model import Kind, Provision
from kb.parse import parse, parse_document

SOURCES = Path(__file__).parent.parent / "corpus" / "sources"
DESCRIPTIVE = "000_cbcfa334340b8d03.txt"  # ws2023-descriptive-document
EVENT_PAGE = "001_59f5d31060b7bea9.txt"  # ws2023-event-page
REPORT_2021 = "002_02cb97b6c04033b0.txt"  # wg1-2021-final-report
REPORT_2024 = "003_2266ae6c382e42f9.txt"  # wg1-2024-report
QUITO_2019 = "004_26551aef3469c30f.txt"  # wg1-2019-quito-summary
ALL_SOURCES = [DESCRIPTIVE, EVENT_PAGE, REPORT_2021, REPORT_2024, QUITO_2019]


def read(name: str) -> str:
    return (SOURCES / name).read_text(encoding="utf-8")


_PARSED: dict[str, list[Provision]] = {}
TYPES = {Path(d.meta.source).name: d.meta.doc_type for d in load_corpus()}


def parsed(name: str) -> list[Provision]:
    """A held source parsed as the build parses it: with its document's type."""
    if name not in _PARSED:
        _PARSED[name] = parse(read(name), source=name, doc_type=TYPES[name])
    return _PARSED[name]


def by_eid(provisions: list[Provision]) -> dict[str, Provision]:
    return {p.eid: p for p in provisions}


def children(provisions: list[Provision], eid: str | None) -> list[Provision]:
    return [p for p in provisions if p.parent == eid]


def of_kind(provisions: list[Provision], kind: Kind) -> list[Provision]:
    return [p for p in provisions if p.kind is kind]


# --- wg1-2021-final-report ----------------------------------------------------------------------


def test_2021_report_has_four_roman_sections_and_no_front_matter() -> None:
    provisions = parsed(REPORT_2021)
    sections = children(provisions, None)
    assert [(s.eid, s.number, s.heading) for s in sections] == [
        ("sec_1", "I", "INTRODUCTION"),
        ("sec_2", "II", "SUMMARY OF TOPICS THAT EMERGED FROM OUR DELIBERATIONS"),
        ("sec_3", "III", "AREAS OF CONSENSUS AND TOPICS THAT REQUIRE FURTHER WORK"),
        ("sec_4", "IV", "RECOMMENDATIONS"),
    ]
    assert min(p.line for p in provisions) == 39  # title page and CONTENT block are not provisions


def test_2021_report_has_26_findings_and_10_recommendations() -> None:
    provisions = parsed(REPORT_2021)
    findings = [p for p in children(provisions, "sec_3") if p.number]
    assert [p.eid for p in findings] == [f"para_{n}" for n in range(1, 27)]
    assert {p.kind for p in findings} == {Kind.FINDING}
    recommendations = of_kind(provisions, Kind.RECOMMENDATION)
    assert [p.eid for p in recommendations] == [f"recommendation_{n}" for n in range(1, 11)]
    assert {p.parent for p in recommendations} == {"sec_4"}
    assert [p.number for p in recommendations] == [str(n) for n in range(1, 11)]


def test_2021_report_paragraphs_continue_across_page_breaks() -> None:
    provisions = by_eid(parsed(REPORT_2021))
    para_18 = provisions["para_18"]
    assert "including: strengthening apprenticeship programs; promoting" in para_18.text
    assert para_18.text.endswith("scholarships to achieve a permanent update of knowledge.")
    assert provisions["recommendation_6"].text.endswith(
        "anticipate changes in the skills and competences required by the productive sector.")
    assert "since the XX IACML in Bridgetown, Barbados, both in" in provisions["sec_1__al_7"].text


def test_2021_report_recommendation_7() -> None:
    text = read(REPORT_2021)
    rec = by_eid(parsed(REPORT_2021))["recommendation_7"]
    assert rec.text.startswith("Instruct ILO-CINTERFOR, OAS and UNESCO")
    assert text[rec.start:rec.end].startswith("7. Instruct ILO-CINTERFOR")
    assert rec.line == 129


def test_2021_report_topic_list_spans_a_blank_line() -> None:
    provisions = parsed(REPORT_2021)
    items = children(provisions, "sec_1__list_1")
    assert len(items) == 10
    assert items[0].text == "The future of work;"
    assert items[7].text.startswith("Sustainable enterprises")


# --- wg1-2024-report ----------------------------------------------------------------------------


def test_2024_report_has_35_findings_under_subsections() -> None:
    provisions = parsed(REPORT_2024)
    findings = of_kind(provisions, Kind.FINDING)
    assert [p.eid for p in findings] == [f"para_{n}" for n in range(1, 36)]
    assert {p.parent for p in findings} == {f"sec_3__subsec_{n}" for n in range(1, 6)}
    subsections = children(provisions, "sec_3")
    assert [s.heading for s in subsections] == [
        "Digital Transformation", "Informality", "Education and Labor", "Gender", "Just Transition"]
    assert {s.kind for s in subsections} == {Kind.SECTION}


def test_2024_report_has_11_recommendations_under_subsections() -> None:
    provisions = parsed(REPORT_2024)
    recommendations = of_kind(provisions, Kind.RECOMMENDATION)
    assert [p.eid for p in recommendations] == [f"recommendation_{n}" for n in range(1, 12)]
    assert [p.eid for p in children(provisions, "sec_4")] == ["sec_4__al_1"] + [
        f"sec_4__subsec_{n}" for n in range(1, 6)]
    assert by_eid(provisions)["sec_4__subsec_4"].heading == "Gender, diversity and inclusion"
    assert by_eid(provisions)["recommendation_6"].text.startswith("Promote, with the support of ILO/CINTERFOR")


# --- ws2023-descriptive-document ----------------------------------------------------------------


def test_descriptive_document_has_seven_arabic_sections() -> None:
    provisions = parsed(DESCRIPTIVE)
    sections = children(provisions, None)
    assert [s.eid for s in sections] == [f"sec_{n}" for n in range(1, 8)]
    assert [s.number for s in sections] == [str(n) for n in range(1, 8)]
    assert sections[2].heading == "MANDATES: COMMITMENTS AT THE HEMISPHERIC LEVEL"
    assert sections[6].heading == "REGISTRATION INFORMATION"


def test_descriptive_document_quotes_mandates_in_bullets() -> None:
    provisions = parsed(DESCRIPTIVE)
    quoted = children(provisions, "sec_3__list_1")
    assert [p.eid for p in quoted] == [f"sec_3__list_1__item_{n}" for n in range(1, 4)]
    assert quoted[0].text.startswith("“We will continue improving the interaction")
    assert quoted[2].text.startswith("“Encourage ILO-CINTERFOR, OAS and UNESCO to continue working jointly")
    assert quoted[2].text.endswith("(Art. 7, g Plan of Action of Buenos Aires).")


def test_descriptive_document_has_six_guiding_questions() -> None:
    provisions = parsed(DESCRIPTIVE)
    questions = of_kind(provisions, Kind.QUESTION)
    assert [p.eid for p in questions] == [f"para_{n}" for n in range(1, 7)]
    assert questions[1].text.endswith("[Question applies to both the general discussion and the subgroups exercise]")
    assert [s.heading for s in children(provisions, "sec_6") if s.kind is Kind.SECTION] == [
        "For the 1st Session - Institutional coordination: Concrete experiences of coordination between "
        "Ministries of Labor and Education of the region",
        "For the 2nd Session - The National Qualifications Frameworks as specific tools for education-labor "
        "coordination",
        "For the 3rd Session \u2013 Activity in subgroups",
    ]


def test_descriptive_document_objectives() -> None:
    provisions = by_eid(parsed(DESCRIPTIVE))
    objectives = of_kind(parsed(DESCRIPTIVE), Kind.OBJECTIVE)
    assert [p.eid for p in objectives] == ["sec_4__subsec_1__al_1"] + [
        f"sec_4__subsec_1__list_1__item_{n}" for n in range(1, 5)]
    assert objectives[0].text.startswith("General objective: Increase knowledge")
    assert provisions["sec_4__subsec_1"].heading == "Proposed objectives"
    assert provisions["sec_4__subsec_1__al_2"].text == "Specific objectives:"
    assert provisions["sec_4__subsec_2__al_3"].text == "Plenary sessions:"


def test_descriptive_document_agenda() -> None:
    provisions = parsed(DESCRIPTIVE)
    days = children(provisions, "sec_5")
    assert [(d.eid, d.heading) for d in days] == [
        ("sec_5__subsec_1", "Thursday, May 4"), ("sec_5__subsec_2", "Friday, May 5")]
    thursday = children(provisions, "sec_5__subsec_1__list_1")
    assert [p.kind for p in thursday] == [Kind.AGENDA_ITEM] * 4
    assert thursday[0].text == (
        "9:00 \u2013 9:30 Welcome and opening remarks \u2013 By the Government of Argentina and the OAS")
    session = children(provisions, "sec_5__subsec_1__list_1__item_2__list_1")
    assert len(session) == 4
    assert session[0].text.startswith("Introductory presentation by the Chairs")
    friday = children(provisions, "sec_5__subsec_2__list_1")
    assert friday[-1].text == "16:00 \u2013 16:30 Closing remarks"
    assert len(of_kind(provisions, Kind.AGENDA_ITEM)) == 10


def test_descriptive_document_removes_footnotes() -> None:
    paragraph = by_eid(parsed(DESCRIPTIVE))["sec_2__al_2"]
    assert '"the great digital accelerator" \u2013 and generated' in paragraph.text
    assert paragraph.text.endswith("as well as on their coordination.")
    assert "David Autor" not in paragraph.text


def test_descriptive_document_front_matter_and_form() -> None:
    provisions = parsed(DESCRIPTIVE)
    assert provisions[0].eid == "sec_1" and provisions[0].line == 2
    form = [p.text for p in children(provisions, "sec_7")]
    assert form[5:10] == ["Registration Form",
                          "INTERSECTORAL WORKSHOP “TOWARDS A STRONGER COORDINATION BETWEEN EDUCATION AND "
                          "LABOR IN THE AMERICAS”",
                          "Hybrid event", "May 4 and 5, 2023 \u2013 Buenos Aires, Argentina", "Last Name"]
    assert "_____ In person" in form


# --- ws2023-event-page --------------------------------------------------------------------------


def test_event_page_has_no_sections_and_top_level_content() -> None:
    provisions = parsed(EVENT_PAGE)
    top = children(provisions, None)
    assert [p.eid for p in top] == ["al_1", "al_2", "list_1", "al_3", "al_4",
                                    "subsec_1", "subsec_2", "subsec_3", "subsec_4"]
    assert top[0].kind is Kind.OBJECTIVE and top[0].line == 2  # the page title is front matter
    assert [p.kind for p in children(provisions, "list_1")] == [Kind.OBJECTIVE] * 4
    assert by_eid(provisions)["list_1__item_2"].text.startswith("Exchange information on the state of progress")


def test_event_page_attachment_table_is_one_paragraph() -> None:
    table = by_eid(parsed(EVENT_PAGE))["al_4"]
    assert table.kind is Kind.PARAGRAPH
    assert table.text.startswith("Attachment | Size; Outcomes and Recommendations from the Workshop | 243.34 KB;")
    assert table.text.endswith("| 84.98 KB")


def test_event_page_guiding_questions() -> None:
    provisions = parsed(EVENT_PAGE)
    questions = of_kind(provisions, Kind.QUESTION)
    assert len(questions) == 8
    assert {q.parent for q in questions} == {"subsec_2__list_1", "subsec_3__list_1", "subsec_4__list_1"}
    assert by_eid(provisions)["subsec_4"].heading == "3rd Session \u2013 Activity in subgroups"


# --- wg1-2019-quito-summary ---------------------------------------------------------------------


def test_quito_summary_has_three_roman_sections_with_panels() -> None:
    provisions = parsed(QUITO_2019)
    assert [(s.eid, s.number) for s in children(provisions, None)] == [
        ("sec_1", "I"), ("sec_2", "II"), ("sec_3", "III")]
    panels = [p.heading for p in children(provisions, "sec_3") if p.kind is Kind.SECTION]
    assert len(panels) == 4
    assert panels[0] == "Panel 1: The Future of Work and the Platform Economy"
    assert panels[3] == (
        "Discussion and Information Session \u2013 Inter-sectoral Workshop on \u2018Skills for the Future\u2019")


def test_quito_summary_nested_bullets_and_continuations() -> None:
    provisions = by_eid(parsed(QUITO_2019))
    outer = "sec_3__subsec_1__list_1__item_1"
    assert provisions[outer].text.endswith("Some of the efforts mentioned:")
    assert provisions[outer].children == [f"{outer}__list_1"]
    assert len(provisions[f"{outer}__list_1"].children) == 4
    nested = provisions["sec_3__subsec_1__list_1__item_5__list_1__item_1"]
    assert "The prevailing policies assume that most people have stable dependent employment" in nested.text
    recommendations = provisions["sec_3__subsec_2__list_1__item_2__list_1__item_3"]
    assert "as a sub-network of the RIAL; create a more fluid relationship" in recommendations.text


def test_quito_summary_strips_markdown() -> None:
    provisions = by_eid(parsed(QUITO_2019))
    assert provisions["sec_1__al_3"].text.endswith("www.oas.org/sedi (by clicking here)")
    assert "Museum “Casa Museo Guayasamin”" in provisions["sec_3__subsec_4__al_1"].text


def test_quito_summary_statement_ending_in_questions_is_an_item() -> None:
    item = by_eid(parsed(QUITO_2019))["sec_3__subsec_1__list_1__item_7__list_1__item_1"]
    assert item.text.endswith("How does labor inspection operate?")
    assert item.kind is Kind.ITEM  # it opens with a statement


# --- Properties of every source -----------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_SOURCES)
def test_spans_are_inside_the_text_and_trimmed(name: str) -> None:
    text = read(name)
    for p in parsed(name):
        assert 0 <= p.start < p.end <= len(text), p.eid
        extent = text[p.start:p.end]
        assert extent == extent.strip(), p.eid
        assert p.line == text.count("\n", 0, p.start) + 1, p.eid


@pytest.mark.parametrize("name", ALL_SOURCES)
def test_spans_nest(name: str) -> None:
    provisions = by_eid(parsed(name))
    top = [p for p in provisions.values() if p.parent is None]
    for siblings in [top] + [[provisions[c] for c in p.children] for p in provisions.values()]:
        for before, after in pairwise(siblings):
            assert before.end <= after.start, (before.eid, after.eid)
    for p in provisions.values():
        if p.parent is not None:
            parent = provisions[p.parent]
            assert parent.start <= p.start and p.end <= parent.end, p.eid


@pytest.mark.parametrize("name", ALL_SOURCES)
def test_tree_is_consistent_and_in_document_order(name: str) -> None:
    provisions = parsed(name)
    index = {p.eid: i for i, p in enumerate(provisions)}
    assert [p.start for p in provisions] == sorted(p.start for p in provisions)
    for p in provisions:
        if p.parent is not None:
            parent = provisions[index[p.parent]]
            assert index[p.parent] < index[p.eid]
            assert parent.children[p.order - 1] == p.eid
        assert [provisions[index[c]].parent for c in p.children] == [p.eid] * len(p.children)
    assert [p.order for p in provisions if p.parent is None] == list(
        range(1, 1 + sum(p.parent is None for p in provisions)))


@pytest.mark.parametrize("name", ALL_SOURCES)
def test_eids_are_unique_and_valid(name: str) -> None:
    eids = [p.eid for p in parsed(name)]
    assert len(eids) == len(set(eids))
    assert all(is_eid(eid) for eid in eids), [e for e in eids if not is_eid(e)]
    for p in parsed(name):
        if p.parent is not None and not p.eid.startswith(("para_", "recommendation_")):
            assert p.eid.startswith(p.parent + "__"), p.eid


@pytest.mark.parametrize("name", ALL_SOURCES)
def test_numbered_provisions_start_with_their_number(name: str) -> None:
    text = read(name)
    for p in parsed(name):
        if p.number is not None:
            assert text[p.start:p.end].startswith(p.number + "."), p.eid


@pytest.mark.parametrize("name", ALL_SOURCES)
def test_clean_text_has_no_markup(name: str) -> None:
    for p in parsed(name):
        if p.kind is Kind.LIST:
            assert p.text == ""
            continue
        assert p.text and p.text == " ".join(p.text.split()), p.eid
        for markup in ("[footnoteRef", "[bookmark", "**", "](#)"):
            assert markup not in p.text, p.eid
        if p.kind is Kind.SECTION:
            assert p.text == p.heading


@pytest.mark.parametrize("name", ALL_SOURCES)
def test_parse_is_deterministic(name: str) -> None:
    assert parse(read(name), source=name, doc_type=TYPES[name]) == parsed(name)


# --- One rule at a time, on small texts ---------------------------------------------------------


def eids(text: str) -> list[str]:
    return [p.eid for p in parse(text)]


def test_empty_text_is_a_parse_error() -> None:
    for text in ("", "  \n\t\n"):
        with pytest.raises(ParseError) as caught:
            parse(text, source="empty.txt")
        assert caught.value.path == "empty.txt" and caught.value.line == 1


def test_front_matter_alone_is_a_parse_error() -> None:
    with pytest.raises(ParseError, match="no provision"):
        parse("ORGANIZATION OF AMERICAN STATES\n\n**A TITLE**\n")


def test_repeated_numbering_within_one_parent_is_a_warning_and_qualified_eids() -> None:
    doc = parse_document("I. FINDINGS\n\n1. One.\n\n1. One again.\n\n2. Two.\n")
    assert [p.eid for p in doc.provisions] == [
        "sec_1", "sec_1__list_1", "sec_1__list_1__para_1", "sec_1__list_2", "sec_1__list_2__para_1",
        "sec_1__list_2__para_2"]
    warning = next(w for w in doc.warnings if w.code == "number-repeated")
    assert warning.line == 5 and "printed again" in warning.message


def test_repeated_section_numbers_get_their_own_eids() -> None:
    doc = parse_document("I. INTRODUCTION\n\nText.\n\nI. INTRODUCTION\n\nMore text.\n")
    assert [p.eid for p in doc.provisions] == ["sec_1", "sec_1__al_1", "sec_1r2", "sec_1r2__al_1"]
    assert "eid-repeated" in {w.code for w in doc.warnings}


def test_roman_section_numbers_become_arabic() -> None:
    provisions = parse("XIV. ANNEX\n\nText.\n")
    assert (provisions[0].eid, provisions[0].number, provisions[0].heading) == ("sec_14", "XIV", "ANNEX")
    assert provisions[1].eid == "sec_14__al_1"


def test_mixed_case_numbered_line_is_a_paragraph_not_a_section() -> None:
    provisions = parse("1. INTRODUCTION\n\n1. The meeting opened.\n")
    assert [(p.eid, p.kind) for p in provisions] == [("sec_1", Kind.SECTION), ("para_1", Kind.PARAGRAPH)]


def test_table_of_contents_is_skipped() -> None:
    text = ("REPORT\n\nCONTENTS\n\nI. INTRODUCTION\t1\nII. RECOMMENDATIONS.....\t3\n\n"
            "I. INTRODUCTION\n\nThe text.\n\nII. RECOMMENDATIONS\n\n1. Do this.\n")
    provisions = parse(text)
    assert [p.eid for p in provisions] == ["sec_1", "sec_1__al_1", "sec_2", "recommendation_1"]
    assert provisions[0].line == 8


def test_unique_numbering_gives_bare_paragraph_eids() -> None:
    text = "I. ONE\n\n1. First.\n\n2. Second.\n\nII. TWO\n\n3. Third.\n"
    assert eids(text) == ["sec_1", "para_1", "para_2", "sec_2", "para_3"]


def test_repeated_numbering_gives_prefixed_paragraph_eids() -> None:
    text = "I. ONE\n\n1. First.\n\n2. Second.\n\nII. TWO\n\n1. First again.\n"
    provisions = parse(text)
    assert [p.eid for p in provisions] == ["sec_1", "sec_1__para_1", "sec_1__para_2", "sec_2", "sec_2__para_1"]
    assert [p.number for p in provisions if p.kind is Kind.PARAGRAPH] == ["1", "2", "1"]


def test_recommendations_are_numbered_apart_from_paragraphs() -> None:
    text = ("I. AREAS OF CONSENSUS\n\n1. A finding.\n\n2. Another.\n\n"
            "II. RECOMMENDATIONS\n\nWe recommend:\n\n1. Do this.\n\n2. Do that.\n")
    provisions = parse(text)
    assert [(p.eid, p.kind) for p in provisions if p.number and p.kind is not Kind.SECTION] == [
        ("para_1", Kind.FINDING), ("para_2", Kind.FINDING),
        ("recommendation_1", Kind.RECOMMENDATION), ("recommendation_2", Kind.RECOMMENDATION)]


def test_lettered_items_belong_to_the_numbered_paragraph() -> None:
    text = "I. RECOMMENDATIONS\n\n7. Encourage:\n(a) the first;\nb) the second;\ng. the seventh.\n\nAfter.\n"
    provisions = by_eid(parse(text))
    assert provisions["recommendation_7"].children == [
        "recommendation_7__para_a", "recommendation_7__para_b", "recommendation_7__para_g"]
    item = provisions["recommendation_7__para_g"]
    assert (item.number, item.text, item.kind) == ("7(g)", "the seventh.", Kind.RECOMMENDATION)
    assert provisions["recommendation_7"].end == item.end
    assert provisions["sec_1__al_1"].text == "After."


def test_lettered_items_without_a_numbered_paragraph_belong_to_the_section() -> None:
    provisions = by_eid(parse("I. SCOPE\n\nThe scope covers:\n\n(a) one;\n\n(b) two.\n"))
    assert provisions["sec_1__para_b"].number == "(b)"
    assert provisions["sec_1__para_b"].parent == "sec_1"


def test_lowercase_line_after_a_page_break_continues_the_paragraph() -> None:
    text = "I. FINDINGS\n\n1. It includes: strengthening\n\n\napprenticeship programs.\n\n2. Next.\n"
    provisions = by_eid(parse(text))
    para = provisions["para_1"]
    assert para.text == "It includes: strengthening apprenticeship programs."
    assert text[para.start:para.end] == "1. It includes: strengthening\n\n\napprenticeship programs."
    assert provisions["para_2"].text == "Next."


def test_line_after_a_dangling_word_continues_the_paragraph() -> None:
    text = "I. INTRODUCTION\n\nThis report was approved in\n\nBridgetown, Barbados, in 2018.\n\nSecond paragraph.\n"
    provisions = parse(text)
    assert [p.text for p in provisions[1:]] == [
        "This report was approved in Bridgetown, Barbados, in 2018.", "Second paragraph."]


def test_bullet_continues_after_a_page_break() -> None:
    text = "I. NOTES\n\n- One item that goes on\n\nto the next page.\n- Two.\n"
    assert [p.text for p in parse(text)[2:]] == ["One item that goes on to the next page.", "Two."]


def test_footnotes_bookmarks_and_markdown_are_not_text() -> None:
    text = ("I. TEXT\n\n[bookmark: _Hlk73017099]\nIt is **bold**, *italic* and [here](#)[footnoteRef:2] "
            "done. [2:  Author (2022). A book.]  [3:  Other.] \n")
    provisions = parse(text)
    assert [p.eid for p in provisions] == ["sec_1", "sec_1__al_1"]
    assert provisions[1].text == "It is bold, italic and here done."
    assert provisions[1].line == 4
    assert text[provisions[1].start:provisions[1].end].endswith("[3:  Other.]")


def test_a_run_of_asterisks_printed_in_the_text_is_text() -> None:
    """Emphasis marks are not text, but asterisks a document prints (a blank left to fill, a rating) are: the
    provision read "(Colombia and *)" where its source reads "(Colombia and *****)"."""
    text = ("I. TEXT\n\nHeld in Cancún (Colombia and *****), ***with*** **thanks** to ** all, graded ***.\n")
    (_, paragraph) = parse(text)
    assert paragraph.text == "Held in Cancún (Colombia and *****), with thanks to all, graded ***."


def test_bullets_form_lists_positioned_among_alineas() -> None:
    text = "I. TOPICS\n\nFirst:\n\n· one;\n\n· two.\n\nMiddle.\n\n• three\n* four\n"
    assert eids(text) == ["sec_1", "sec_1__al_1", "sec_1__list_1", "sec_1__list_1__item_1",
                          "sec_1__list_1__item_2", "sec_1__al_2", "sec_1__list_2", "sec_1__list_2__item_1",
                          "sec_1__list_2__item_2"]


def test_indented_bullets_nest_under_the_item_before() -> None:
    text = "I. POINTS\n\n- Outer:\n\t- inner one\n\t- inner two\n- Outer two\n    - deep\n"
    provisions = by_eid(parse(text))
    assert provisions["sec_1__list_1"].children == ["sec_1__list_1__item_1", "sec_1__list_1__item_2"]
    assert provisions["sec_1__list_1__item_1__list_1"].children == [
        "sec_1__list_1__item_1__list_1__item_1", "sec_1__list_1__item_1__list_1__item_2"]
    assert provisions["sec_1__list_1__item_2__list_1__item_1"].text == "deep"
    outer = provisions["sec_1__list_1__item_1"]
    assert outer.text == "Outer:" and outer.end == provisions["sec_1__list_1__item_1__list_1"].end


def test_agenda_entries_form_a_list_and_bullets_nest_under_them() -> None:
    text = ("5. PRELIMINARY AGENDA\n\nThursday, May 4\n\n9:00 \u2013 9:30\tWelcome\n\n"
            "9:30 \u2013 12:30\tSession\n\n\u00b7 Talk one\n\u00b7 Talk two\n\n12:30 \u2013 14:00\tBreak\n\n"
            "Friday, May 5\n\n16:00 \u2013 16:30   Closing remarks\n")
    provisions = by_eid(parse(text))
    day = "sec_5__subsec_1__list_1"
    assert provisions["sec_5__subsec_1"].heading == "Thursday, May 4"
    assert [provisions[c].kind for c in provisions[day].children] == [Kind.AGENDA_ITEM] * 3
    assert provisions[f"{day}__item_2"].text == "9:30 \u2013 12:30 Session"
    assert provisions[f"{day}__item_2__list_1__item_2"].text == "Talk two"
    assert provisions["sec_5__subsec_2__list_1__item_1"].text == "16:00 \u2013 16:30 Closing remarks"


def test_heading_like_line_before_content_is_a_subsection() -> None:
    text = ("III. MAIN IDEAS\n\nIntroduction.\n\nDigital Transformation\n\n1. A finding.\n\n"
            "Methodology:\n\nProse about the method.\n\nSpecific objectives:\n\n- Learn.\n")
    provisions = by_eid(parse(text))
    assert [(c, provisions[c].heading) for c in provisions["sec_3"].children] == [
        ("sec_3__al_1", None), ("sec_3__subsec_1", "Digital Transformation"), ("sec_3__subsec_2", "Methodology")]
    assert provisions["para_1"].kind is Kind.FINDING and provisions["para_1"].parent == "sec_3__subsec_1"
    assert provisions["sec_3__subsec_2__al_2"].text == "Specific objectives:"
    assert provisions["sec_3__subsec_2__list_1__item_1"].kind is Kind.OBJECTIVE


def test_runs_of_short_lines_are_not_subsections() -> None:
    text = "7. FORM\n\nRegistration Form\n\nLast Name\n\nFirst Name\n\nPlease submit it.\n"
    provisions = parse(text)
    assert [p.eid for p in provisions] == ["sec_7", "sec_7__al_1", "sec_7__al_2", "sec_7__al_3", "sec_7__al_4"]


def test_questions_open_with_a_question() -> None:
    text = ("6. GUIDING QUESTIONS\n\n1. What works? We suggest examples.\n\n"
            "2. What next? [Question applies to both sessions]\n\n3. The debate is open. Is it fair?\n")
    provisions = by_eid(parse(text))
    assert [provisions[f"para_{n}"].kind for n in (1, 2, 3)] == [Kind.QUESTION, Kind.QUESTION, Kind.PARAGRAPH]


def test_objective_fields_and_lists() -> None:
    text = "General objective: Increase knowledge.\nSpecific objectives:\n- Exchange.\n- What next?\n"
    provisions = parse(text)
    assert [(p.eid, p.kind) for p in provisions] == [
        ("al_1", Kind.OBJECTIVE), ("al_2", Kind.PARAGRAPH), ("list_1", Kind.LIST),
        ("list_1__item_1", Kind.OBJECTIVE), ("list_1__item_2", Kind.QUESTION)]


def test_text_without_sections_skips_its_title() -> None:
    text = "A Workshop Page Title\nThe workshop met.\nAttachment | Size |\n---|---|\nAgenda | 2 KB |\n"
    provisions = parse(text)
    assert [(p.eid, p.parent, p.line) for p in provisions] == [("al_1", None, 2), ("al_2", None, 3)]
    assert provisions[1].text == "Attachment | Size; Agenda | 2 KB"
