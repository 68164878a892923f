"""The parser on the layouts real IACML documents come in, as public hosts store them.

Each fixture is a text of our own writing that reproduces one layout met in the real documents of
the parse benchmark (bench/parse-expected.json lists their addresses): a page glued onto one line,
numbering lost by the host, paragraphs flattened into bullets, numbers on their own line in a
hard-wrapped PDF text, page markers and running headers, tables of contents, lettered headings,
Spanish role words, site menus before the text. Every span still points into the text as given.
"""

from __future__ import annotations

import pytest

from kb.errors import ParseError
from kb.model import Correction, DocType, Kind, Provision
from kb.parse import ParsedDocument, parse, parse_document


def own_text(text: str, p: Provision) -> str:
    """The provision's own printed extent in the source."""
    return text[p.start:p.text_end]


def by_eid(doc: ParsedDocument) -> dict[str, Provision]:
    return {p.eid: p for p in doc.provisions}


def first_words(text: str) -> list[str]:
    """The first word of each provision the parser finds in ``text`` (lists, which have no text, left out)."""
    return [own_text(text, p).split()[0] for p in parse_document(text).provisions if p.kind is not Kind.LIST]


def codes(doc: ParsedDocument) -> set[str]:
    return {w.code for w in doc.warnings}


GLUED_PLAN = (
    "ORGANIZATION OF AMERICAN STATES\n\nSize: px\nStart display at page:\n\nDownload \"A PLAN\"\n\nTranscription\n\n"
    "1 ORGANIZATION OF AMERICAN STATES Inter-American Council for Integral Development (CIDI) XXX INTER-AMERICAN "
    "CONFERENCE OEA/Ser.K/XII.30.1 OF MINISTERS OF LABOR TRABAJO/DEC.2/40 March 3-4, 2040 Lima, Peru Original: "
    "Spanish PLAN OF ACTION OF LIMA (Adopted at the closing session, held on March 4, 2040) 1. We, the Ministers "
    "of Labor of the Americas, gathered in Lima on the occasion of the XXX Inter-American Conference of Ministers "
    "of Labor, commit ourselves to the following objectives of this Plan of Action: a. To strengthen the public "
    "employment services of the region with the support of the Technical Secretariat. b. To promote the exchange "
    "of experiences on skills anticipation among the Ministries of Labor. A. ORGANIZATION 2. The Chair pro "
    "tempore, in collaboration with the former and future Chairs, will be responsible for the implementation of "
    "this Plan of Action and for coordination with international organizations.")


def test_a_page_glued_on_one_line_is_cut_where_each_part_begins() -> None:
    doc = parse_document(GLUED_PLAN)
    items = by_eid(doc)
    assert [(p.eid, p.kind, p.number) for p in doc.provisions] == [
        ("para_1", Kind.MANDATE, "1"), ("para_1__para_a", Kind.MANDATE, "1(a)"),
        ("para_1__para_b", Kind.MANDATE, "1(b)"), ("sec_1", Kind.SECTION, "A"), ("para_2", Kind.MANDATE, "2")]
    assert own_text(GLUED_PLAN, items["para_1"]).startswith("1. We, the Ministers")
    assert own_text(GLUED_PLAN, items["para_1"]).endswith("objectives of this Plan of Action:")
    assert own_text(GLUED_PLAN, items["sec_1"]) == "A. ORGANIZATION"
    assert items["para_1__para_b"].text.endswith("among the Ministries of Labor.")
    assert "inline-items" in codes(doc)
    assert doc.metadata.as_json() == {
        "title": "PLAN OF ACTION OF LIMA", "type": "PlanOfAction",
        "symbols": ["OEA/Ser.K/XII.30.1", "TRABAJO/DEC.2/40"], "date": "2040-03-04", "language": "en",
        "original_language": "es", "meeting": "iacml30"}


LOST_NUMBERS = """XXX INTER-AMERICAN CONFERENCE OF MINISTERS OF LABOR (IACML)
CIDI/TRABAJO/doc.5/40 rev.1
Original: Spanish

PLAN OF ACTION OF LIMA

  1. WE, THE MINISTERS OF LABOR, GATHERED IN LIMA, undertake to implement the following Plan of Action.
  1. ORGANIZATION
  1. The Chair pro tempore will be responsible for promoting the implementation of the Plan of Action.
  1. RESOURCES
  1. Member States will devote the appropriate resources to implement the Plan of Action.
"""


def test_numbers_lost_by_the_host_are_reconstructed_and_headings_are_sections() -> None:
    doc = parse_document(LOST_NUMBERS)
    assert [(p.eid, p.kind, p.number, p.number_reconstructed) for p in doc.provisions] == [
        ("para_1", Kind.MANDATE, "1", False), ("sec_1", Kind.SECTION, None, False),
        ("para_2", Kind.MANDATE, "2", True), ("sec_2", Kind.SECTION, None, False),
        ("para_3", Kind.MANDATE, "3", True)]
    assert by_eid(doc)["sec_2"].heading == "RESOURCES"
    assert "numbering-reconstructed" in codes(doc)


FLATTENED = """PLAN OF ACTION OF QUITO 2040
- WE, THE MINISTERS, meeting in Quito, undertake to carry out the following Plan of Action:
- ORGANIZATION
- The Chair Pro Tempore will be responsible for advancing the implementation of the Plan of Action.
- The IACML takes note and will continue to implement the General Guidelines.
- RESOURCES
- Member states will devote the appropriate resources, as available, for the execution of the Plan.
"""


def test_paragraphs_flattened_into_bullets_are_numbered_again() -> None:
    doc = parse_document(FLATTENED)
    assert [(p.eid, p.kind, p.number) for p in doc.provisions] == [
        ("para_1", Kind.MANDATE, "1"), ("sec_1", Kind.SECTION, None), ("para_2", Kind.MANDATE, "2"),
        ("para_3", Kind.MANDATE, "3"), ("sec_2", Kind.SECTION, None), ("para_4", Kind.MANDATE, "4")]
    assert all(p.number_reconstructed for p in doc.provisions if p.kind is Kind.MANDATE)


WRAPPED = """ORGANIZATION OF AMERICAN STATES
REUNIÓN TÉCNICA PREPARATORIA DE LA
XXX CONFERENCIA INTERAMERICANA DE
MINISTROS DE TRABAJO
OEA/Ser.K/XII.30.1
TRABAJO/RTP/doc.4/40
18 julio de 2040
Original: español
VERSIÓN PRELIMINAR DEL PLAN DE ACCIÓN DE LIMA
1
Nosotros, los Ministros de Trabajo de las Américas, reunidos en la Ciudad de Lima, los días 24 y
25 de septiembre de 2040, en ocasión de la Trigésima Conferencia de Ministros de Trabajo de la
Organización de los Estados Americanos (OEA), nos comprometemos a implementar el siguiente Plan
de Acción:
A. IMPLEMENTACIÓN DEL PLAN DE ACCIÓN: ORGANIZACIÓN
2
La Presidencia pro tempore de la Conferencia, con la colaboración de la Presidencia anterior y la
futura, con el apoyo de la Secretaría Técnica de la OEA y en consulta con los representantes de los
trabajadores y empleadores, será responsable de promover la implementación del Plan.
- 2 -
Los Estados miembros dedicarán los recursos necesarios para la ejecución del Plan de Acción y
la Presidencia invitará a las organizaciones internacionales a contribuir.
"""


def test_numbers_on_their_own_line_in_a_hard_wrapped_text() -> None:
    doc = parse_document(WRAPPED)
    items = by_eid(doc)
    assert [(p.eid, p.kind, p.number) for p in doc.provisions] == [
        ("para_1", Kind.MANDATE, "1"), ("sec_1", Kind.SECTION, "A"), ("para_2", Kind.MANDATE, "2"),
        ("sec_1__al_1", Kind.MANDATE, None)]
    assert own_text(WRAPPED, items["para_1"]).startswith("1\nNosotros, los Ministros")
    assert items["para_1"].text.endswith("el siguiente Plan de Acción:")
    assert items["sec_1__al_1"].text.startswith("Los Estados miembros dedicarán")  # the page marker is not text
    assert doc.metadata.title == "VERSIÓN PRELIMINAR DEL PLAN DE ACCIÓN DE LIMA"
    assert (doc.metadata.date, doc.metadata.language, doc.metadata.original_language) == ("2040-07-18", "es", "es")
    assert doc.metadata.meeting == "iacml30-preparatory-meeting"


PAGES = """I. INTRODUCTION

The Working Group met twice during the period, in person and virtually, and addressed the topics of

Page 2 of 9
CIDI/TRABAJO/doc.4/40

its mandate with the support of the Technical Secretariat.

Page 3 of 9
CIDI/TRABAJO/doc.4/40

II. RECOMMENDATIONS

1. Promote the exchange of experiences on labor inspection.
"""


def test_page_markers_and_running_headers_are_not_text() -> None:
    doc = parse_document(PAGES)
    items = by_eid(doc)
    assert [p.eid for p in doc.provisions] == ["sec_1", "sec_1__al_1", "sec_2", "recommendation_1"]
    assert items["sec_1__al_1"].text.endswith("addressed the topics of its mandate with the support of the "
                                              "Technical Secretariat.")
    assert items["recommendation_1"].kind is Kind.RECOMMENDATION


TOC = """INFORME FINAL

ÍNDICE

I. Introducción………………………… 1

II. Áreas de consenso………………… 3

III. Recomendaciones………………… 5

I. INTRODUCCIÓN

El Grupo de Trabajo se reunió dos veces durante el período.

II. ÁREAS DE CONSENSO

1. Los Ministerios de Trabajo tienen un papel central en la formalización.

III. RECOMENDACIONES

2. Fortalecer los servicios públicos de empleo de la región.
"""


def test_a_table_of_contents_is_set_aside_and_spanish_role_words_give_roles() -> None:
    doc = parse_document(TOC)
    assert [(p.eid, p.kind) for p in doc.provisions] == [
        ("sec_1", Kind.SECTION), ("sec_1__al_1", Kind.PARAGRAPH), ("sec_2", Kind.SECTION),
        ("para_1", Kind.FINDING), ("sec_3", Kind.SECTION), ("recommendation_2", Kind.RECOMMENDATION)]
    assert doc.contents_lines == ((3, 9),)
    assert doc.metadata.type == "MeetingSummary" and doc.metadata.language == "es"


def test_a_lettered_heading_c_is_a_letter_not_the_roman_100() -> None:
    text = ("A. ORGANIZATION\n\n1. The Chair will promote the Plan.\n\nB. RESOURCES\n\n2. States will devote "
            "resources.\n\nC. WORKING GROUPS\n\n3. Two Working Groups will be set up.\n")
    doc = parse_document(text, doc_type="PlanOfAction")
    sections = [p for p in doc.provisions if p.kind is Kind.SECTION]
    assert [(s.eid, s.number) for s in sections] == [("sec_1", "A"), ("sec_2", "B"), ("sec_3", "C")]
    assert [p.kind for p in doc.provisions if p.number and p.number.isdigit()] == [Kind.MANDATE] * 3


DECLARATION = """DECLARATION OF LIMA

We, the Ministers of Labor, gathered in Lima on the occasion of the XXX Inter-American Conference of Ministers of Labor,

HEREBY DECLARE:

1. We recognize the progress made by the Ministries of Labor in the last decade.

2. We commit to strengthen social dialogue in the region.

3. Instruct the Working Groups to report on the implementation of this Declaration.

4. Reafirmamos nuestro compromiso con el trabajo decente.

5. Redoblaremos nuestros esfuerzos para reducir la informalidad.

6. We, therefore, renew our commitment to improve the quality of life of our peoples.
"""


def test_a_declarations_commitments_are_mandates_and_its_statements_are_not() -> None:
    doc = parse_document(DECLARATION)
    assert doc.metadata.type == "Declaration" and doc.metadata.meeting == "iacml30"
    assert [(p.eid, p.kind) for p in doc.provisions] == [
        ("al_1", Kind.PARAGRAPH), ("para_1", Kind.PARAGRAPH), ("para_2", Kind.MANDATE),
        ("para_3", Kind.MANDATE), ("para_4", Kind.PARAGRAPH), ("para_5", Kind.MANDATE), ("para_6", Kind.MANDATE)]
    assert by_eid(doc)["al_1"].text.endswith("HEREBY DECLARE:")  # the opening runs on after its comma


def test_numbered_paragraphs_opening_with_an_imperative_are_mandates_in_a_text_of_unknown_kind() -> None:
    """A text whose cover does not say what it is (a host's copy of a Plan of Action): paragraphs that
    open with an imperative or an infinitive of action are mandates; a noun phrase ("Review of ...") is
    not, nor a statement."""
    text = ("Implementation of the Strategy\n\nDemand Reduction\n\n"
            "1. Mandate the Group of Experts to continue to examine the subject.\n\n"
            "2. Prepare statistics on consumption in member states.\n\n"
            "3. To eliminate forced labor by strengthening national plans of action.\n\n"
            "4. Promote and facilitate better coordination among agencies.\n\n"
            "5. Review of the progress made since the last meeting.\n\n"
            "6. The member states presented their national reports.\n")
    doc = parse_document(text)
    assert doc.metadata.type is None
    assert [(p.eid, p.kind) for p in doc.provisions if p.eid.startswith("para_")] == [
        ("para_1", Kind.MANDATE), ("para_2", Kind.MANDATE), ("para_3", Kind.MANDATE), ("para_4", Kind.MANDATE),
        ("para_5", Kind.PARAGRAPH), ("para_6", Kind.PARAGRAPH)]


def test_spanish_infinitives_of_action_are_mandates_in_paragraphs_not_in_list_items() -> None:
    text = ("Educación\n\n"
            "1. Encomendar a las Ministras y los Ministros de Educación que fortalezcan la cooperación regional.\n\n"
            "2. Identificar, investigar y analizar nuevas estrategias para la inclusión de los jóvenes.\n\n"
            "3. Los Estados presentaron sus informes nacionales.\n\n"
            "4. Mejorar la calidad de la inspección laboral fue el tema central del debate de los delegados.\n\n"
            "Los temas de las Cumbres incluyen los siguientes:\n\n"
            "• Preservar y fortalecer la democracia\n• Mejorar la calidad de la educación\n")
    doc = parse_document(text)
    assert doc.metadata.type is None
    assert [(p.eid, p.kind) for p in doc.provisions if p.eid.startswith("para_")] == [
        ("para_1", Kind.MANDATE), ("para_2", Kind.MANDATE), ("para_3", Kind.PARAGRAPH), ("para_4", Kind.PARAGRAPH)]
    assert [p.kind for p in doc.provisions if "item" in p.eid] == [Kind.ITEM, Kind.ITEM]


def test_any_spanish_infinitive_of_action_opens_a_mandate_in_a_spanish_text() -> None:
    """Known by its ending, not from a list of verbs; an infinitive that only states ("Reconocer ...") does
    not, unless an action follows it ("Destacar y apoyar ..."), nor a noun in -ar ("Bienestar ...")."""
    text = ("Los países de la Red, reunidos en Lima en 2040, se comprometen a lo siguiente:\n\n"
            "Perfeccionar las instituciones de la Red en aplicación de sus estatutos.\n\n"
            "Acelerar el desarrollo de los sistemas de información de la Red.\n\n"
            "Reconocer la situación de los jóvenes en el acceso al trabajo en la región.\n\n"
            "Destacar y apoyar los esfuerzos de los ministerios en la formación para el trabajo.\n\n"
            "Bienestar social y empleo en las ciudades de la región de la Red.\n")
    doc = parse_document(text)
    assert doc.metadata.type is None and doc.metadata.language == "es"
    assert [(own_text(text, p).split()[0], p.kind) for p in doc.provisions][1:] == [
        ("Perfeccionar", Kind.MANDATE), ("Acelerar", Kind.MANDATE), ("Reconocer", Kind.PARAGRAPH),
        ("Destacar", Kind.MANDATE), ("Bienestar", Kind.PARAGRAPH)]


def test_a_spanish_infinitive_opening_a_list_item_names_a_topic_whatever_the_verb() -> None:
    """A function or purpose listed in bullets or letters ("Apoyar ...", "Promover ...") is an item, like
    one opening with any other infinitive."""
    text = ("Funciones de la Red\n\n"
            "La Red, creada en 2040 por los ministerios de trabajo de la región, tiene las siguientes funciones:\n\n"
            "• Apoyar a los ministerios en el cumplimiento de sus compromisos.\n"
            "• Promover la participación de las mujeres en el diálogo social.\n"
            "• Asesorar a los ministerios en los asuntos de su competencia.\n\n"
            "Los propósitos de la Red son los siguientes:\n\n"
            "a) Afianzar la cooperación entre los ministerios de la región;\n\n"
            "b) Promover y consolidar el diálogo social en la región;\n")
    doc = parse_document(text)
    assert doc.metadata.type == "WebPage"  # read as of unknown kind; it mandates nothing
    items = [(own_text(text, p).split()[1], p.kind) for p in doc.provisions if "item" in p.eid or "para_" in p.eid]
    assert items == [("Apoyar", Kind.ITEM), ("Promover", Kind.ITEM), ("Asesorar", Kind.ITEM),
                     ("Afianzar", Kind.ITEM), ("Promover", Kind.ITEM)]


def test_an_imperative_opening_a_list_item_names_a_topic() -> None:
    """Activities or functions listed in bullets ("• Prepare documents") are items in a text of unknown
    kind, as the same words in Spanish are; a numbered paragraph opening so is a mandate."""
    text = ("The Network\n\n"
            "The Network was created in 2040 by the ministries of labor of the region. Its activities are:\n\n"
            "• Prepare documents and inputs for the meetings of the ministries\n"
            "• Organize the annual meeting of the Network\n"
            "• Promote social dialogue among the ministries\n\n"
            "Next steps\n\n"
            "1. Promote social dialogue among the ministries of the region.\n")
    doc = parse_document(text)
    assert doc.metadata.type is None
    assert [p.kind for p in doc.provisions if "item" in p.eid] == [Kind.ITEM, Kind.ITEM, Kind.ITEM]
    assert [p.kind for p in doc.provisions if p.eid.endswith("para_1")] == [Kind.MANDATE]


def test_inline_numbering_separated_by_semicolons_is_cut() -> None:
    line = ("The Working Groups will address the following topics, as the Ministers agreed at the Conference "
            "held in Lima: 1. the future of work; 2. skills for the future; 3. gender equality in the labor market;")
    doc = parse_document("I. TOPICS\n\n" + line + "\n")
    assert [(p.eid, p.number) for p in doc.provisions] == [
        ("sec_1", "I"), ("sec_1__al_1", None), ("para_1", "1"), ("para_2", "2"), ("para_3", "3")]
    assert [p.text for p in doc.provisions[2:]] == [
        "the future of work;", "skills for the future;", "gender equality in the labor market;"]


def test_numbered_items_indented_under_a_numbered_paragraph_are_its_parts() -> None:
    text = ("MANDATOS\n\n  1. Promover políticas públicas integrales orientadas a:\n\n    1. La educación de la "
            "primera infancia.\n    2. Proteger a los niños del trabajo infantil.\n\n  1. Combatir la pobreza y la "
            "exclusión social.\n\n  1. Profundizar la cooperación interamericana.\n")
    doc = parse_document(text)
    assert [(p.eid, p.number) for p in doc.provisions if p.kind is not Kind.SECTION] == [
        ("para_1", "1"), ("para_1__para_1", "1(1)"), ("para_1__para_2", "1(2)"), ("para_2", "2"), ("para_3", "3")]


SIDEBAR = """Executive Secretariat for Integral Development (SEDI)

Plan of Action of Lima

Ministerial Conferences since 1963

XXX IACML – 2040
•  Final Report
•  Declaration of Lima
•  Plan of Action of Lima

XXIX IACML – 2037
•  Final Report

We, the Ministers of Labor, meeting in Lima, on the occasion of the XXX Inter-American Conference of Ministers of Labor, are committed to carrying out the following Plan of Action:

The Chair pro tempore will be responsible for promoting the implementation of the Plan of Action.
"""


def test_a_site_menu_before_the_text_is_set_aside() -> None:
    doc = parse_document(SIDEBAR)
    assert [(p.eid, p.kind) for p in doc.provisions] == [("al_1", Kind.MANDATE), ("al_2", Kind.MANDATE)]
    assert doc.metadata.title == "Plan of Action of Lima" and doc.metadata.meeting == "iacml30"
    assert doc.body_line == 15


def test_a_cover_alone_gives_no_provision_and_says_so() -> None:
    text = ("ORGANIZATION OF AMERICAN STATES\n\nFINAL REPORT\n\nCONTENTS\n\nI. Background ........ 1\n\n"
            "II. Proceedings ........ 3\n")
    doc = parse_document(text, source="cover.txt")
    assert doc.provisions == [] and "no-body" in codes(doc)
    with pytest.raises(ParseError, match="no provision"):
        parse(text, source="cover.txt")


@pytest.mark.parametrize("text", [GLUED_PLAN, LOST_NUMBERS, FLATTENED, WRAPPED, PAGES, TOC, DECLARATION, SIDEBAR])
def test_spans_point_into_the_text_as_given(text: str) -> None:
    doc = parse_document(text)
    for p in doc.provisions:
        assert 0 <= p.start <= p.text_end <= p.end <= len(text), p.eid
        extent = text[p.start:p.end]
        assert extent == extent.strip(), p.eid
        assert p.line == text.count("\n", 0, p.start) + 1, p.eid
    assert parse_document(text) == doc


SLIDES = (
    "120 likes | 300 Views\n"
    "Inter-American Network for Labor Administration: results 2030-2032\n"
    "Background • XXX IACML, 2030: Feasibility study of a cooperation mechanism for the Ministries of Labor. "
    "Proposal of the two organizations. • 2031: Network created with "
    "the support of a Ministry • XXXI IACML, 2032: Renewed support\n"
    "Description • It is the cooperation and technical assistance mechanism of the Conference • It is "
    "coordinated by the Technical Secretariat • Its priorities are set every two years by the authorities of the "
    "Conference\n"
    "Results • Portfolio: • Online • Updated • 80 programs from 14 countries\n")


def test_bullets_a_slide_ran_together_are_items_of_their_own() -> None:
    doc = parse_document(SLIDES)
    leaves = [own_text(SLIDES, p) for p in doc.provisions if p.kind is Kind.ITEM]
    assert leaves == [
        "• XXX IACML, 2030: Feasibility study of a cooperation mechanism for the Ministries of Labor. Proposal of "
        "the two organizations.",
        "• 2031: Network created with the support of a Ministry", "• XXXI IACML, 2032: Renewed support",
        "• It is the cooperation and technical assistance mechanism of the Conference",
        "• It is coordinated by the Technical Secretariat",
        "• Its priorities are set every two years by the authorities of the Conference",
        "• Portfolio:", "• Online", "• Updated", "• 80 programs from 14 countries"]
    assert [own_text(SLIDES, p) for p in doc.provisions if p.kind is Kind.SECTION] == [
        "Background", "Description", "Results"]


EVENT_PAGE = (
    "Executive Secretariat for Integral Development (SEDI)\n\nBack to Labor\n\n\n"
    "Third Meeting of the Working Groups of the XXX IACML\n\n\nPlace and Date : Lima, Peru - May 4 to 6, 2040\n\n"
    "In compliance with the Calendar of Activities for 2039-2040 of the Inter-American Conference of Ministers of "
    "Labor, the following events took place:\n\n"
    "\ufffd Meeting of the Working Groups: May 4 and 5\n\n"
    "\ufffd Delegates from 22 Ministries of Labor and representatives of workers and employers took part\n\n"
    "´┐Ż A wide debate on how to anticipate the skills that labor markets will demand\n")


def test_a_web_page_is_typed_by_its_furniture_and_its_lost_bullets_are_items() -> None:
    doc = parse_document(EVENT_PAGE)
    assert doc.metadata.type == "WebPage"  # not the work plan its text mentions
    items = [p for p in doc.provisions if p.kind is Kind.ITEM]
    assert [own_text(EVENT_PAGE, p).split(" ", 1)[1][:16] for p in items] == [
        "Meeting of the W", "Delegates from 2", "A wide debate on"]
    assert not [p for p in doc.provisions if p.kind is Kind.MANDATE]


@pytest.mark.parametrize("furniture", [
    "View this email in your browser\nLea este boletín en español\n",
    "Portal of the Americas\n Imprima esta Página  Envie esta Página por Correo  Página Principal\n",
    "Noticias\n\nRegresar\n\nFacebook Twitter Enviar este boletín\n",
    "Saturday, October 26, 2040\nspot_img\n",
    "Welcome to the web page of the Committee on Education\n",
])
def test_a_page_is_typed_by_its_sites_tools(furniture: str) -> None:
    """A newsletter's "View this email in your browser", a portal's print and mail tools, a back link, share
    buttons, a site's greeting: a web page, whatever its text says the Ministers commit to."""
    text = furniture + ("\nMinisters agree on coordinated action\n\nThe Ministers of Labor of the Americas met in "
                        "Lima to agree on their priorities.\n\nWe commit to strengthen social dialogue, the "
                        "Ministers said.\n")
    doc = parse_document(text)
    assert doc.metadata.type == "WebPage"
    assert not [p for p in doc.provisions if p.kind is Kind.MANDATE]


MEETING_PAGE = (
    "- English\n- Español\nDate: May 4-5, 2040\nPlace: Lima, Peru\n"
    "The Ministers of Education met in Lima and adopted an agenda for the next three years of cooperation.\n"
    "PREPARATORY MEETING\nDOCUMENTS FOR THE MEETING\n"
    "List of Participants and Special Guests of the Meeting: English - Español\n"
    "Report of the Technical Secretariat on the agenda: Español - English\n"
    "MAIN OUTCOMES:\n"
    "  • The approval of the Declaration of Lima, which sets a new roadmap for the region.\n"
    "  • The election of the authorities of the Committee for the period 2040-2043.\n"
    "FINAL REPORT OF THE MEETING\nOF THE COMMITTEE ON EDUCATION\nAND ITS WORKING GROUPS\n"
    "The report was approved on the second day of the meeting by the delegations present.\n")


def test_short_lines_in_capitals_head_a_pages_short_lines_and_lists() -> None:
    """A line in capitals naming a part heads it though short lines follow it (a page's list of documents) or a
    list ("MAIN OUTCOMES:"), and so does a pair of them, a heading and its subheading; three in a row are one title
    printed over several lines, no headings."""
    doc = parse_document(MEETING_PAGE)
    sections = [own_text(MEETING_PAGE, p) for p in doc.provisions if p.kind is Kind.SECTION]
    assert sections == ["PREPARATORY MEETING", "DOCUMENTS FOR THE MEETING", "MAIN OUTCOMES:"]
    items = [p for p in doc.provisions if p.kind is Kind.ITEM]
    assert len(items) == 2 and all(p.parent and p.parent.startswith("subsec_3") for p in items)


DOCUMENTS_PAGE = (
    "- English\n- Español\nPlace and date: Lima, Peru, May 4 to 6, 2040\n"
    "The Working Groups met to continue the discussion on the tasks assigned by the Plan of Action of Lima.\n"
    "Specific objectives:\n"
    "- Identify and analyze innovative labor inspection strategies;\n"
    "- Prepare recommendations to strengthen labor inspection in the region.\n"
    "Documents of the Meeting:\n"
    "• Meeting's Agenda\n• Participants List\n• Summary and Conclusions of Working Group 1\n"
    "Documents prior to the Meeting:\n"
    "Draft Declaration of Lima\nReport of Working Group 2\n")


def test_a_label_over_a_run_of_titles_heads_them_not_one_over_sentences() -> None:
    """A page's "Documents of the Meeting:" over its documents' titles, one a line or a bullet, heads them; a
    lead-in over sentences ("Specific objectives:") stays a paragraph."""
    doc = parse_document(DOCUMENTS_PAGE)
    sections = [own_text(DOCUMENTS_PAGE, p) for p in doc.provisions if p.kind is Kind.SECTION]
    assert sections == ["Documents of the Meeting:", "Documents prior to the Meeting:"]
    lead_in = next(p for p in doc.provisions if own_text(DOCUMENTS_PAGE, p) == "Specific objectives:")
    assert lead_in.kind is Kind.PARAGRAPH


def test_the_titles_a_label_lists_without_bullets_are_items() -> None:
    """The titles under "Documents prior to the Meeting:", one a line without bullets, are a list's items, as the
    bulleted ones under the label before it are."""
    doc = parse_document(DOCUMENTS_PAGE)
    kinds = {own_text(DOCUMENTS_PAGE, p): p.kind for p in doc.provisions}
    assert kinds["Draft Declaration of Lima"] is Kind.ITEM
    assert kinds["Report of Working Group 2"] is Kind.ITEM
    assert kinds["• Participants List"] is Kind.ITEM


GLUED_DECLARATION = (
    "Download \"Declaration\"\n\n"
    "OEA/Ser.K/XL.3 CIDI/REMXX-III/DEC.1/40 5 May 2040 Original: English DECLARATION AND PLAN OF ACTION OF "
    "LIMA (Adopted at the closing session, held on May 5, 2040) THE MINISTERS AND HIGHEST AUTHORITIES OF THE "
    "MEMBER STATES, meeting in Lima, Peru, on the occasion of their Third Inter-American Meeting, REAFFIRMING the "
    "commitment of the member states to promote cooperation among their institutions in the Hemisphere; "
    "RECOGNIZING the right of every person to take part in cultural life and its importance for development; "
    "CONSIDERING that the Plan of Action of the Second Meeting called for a review of its results, DECLARE:\n\n"
    "1. Our firm commitment to the exchange of experiences among the member states of the Hemisphere.\n\n"
    "2. Cooperation among governments is essential. We encourage the Technical Secretariat to support it with "
    "the resources at its disposal.\n\n"
    "3. We recognize the work of the institutions of the region.\n")


def test_preamble_clauses_run_together_are_paragraphs_of_their_own() -> None:
    doc = parse_document(GLUED_DECLARATION)
    assert doc.metadata.type == "Declaration"  # the first type its title names
    assert [(own_text(GLUED_DECLARATION, p).split(" ", 1)[0], p.kind) for p in doc.provisions] == [
        ("THE", Kind.PARAGRAPH), ("REAFFIRMING", Kind.PARAGRAPH), ("RECOGNIZING", Kind.PARAGRAPH),
        ("CONSIDERING", Kind.PARAGRAPH), ("1.", Kind.MANDATE), ("2.", Kind.MANDATE), ("3.", Kind.PARAGRAPH)]
    assert own_text(GLUED_DECLARATION, doc.provisions[0]).endswith("Third Inter-American Meeting,")
    assert own_text(GLUED_DECLARATION, doc.provisions[3]).endswith("DECLARE:")


def test_a_final_report_of_a_working_group_is_a_working_group_report() -> None:
    text = ("FINAL REPORT OF WORKING GROUP 2\n\nI. INTRODUCTION\n\n1. The Working Group met twice during the period "
            "and examined the topics of the Plan of Action.\n")
    assert parse_document(text).metadata.type == "WorkingGroupReport"


def test_a_hosts_caption_meeting_then_title_gives_the_title() -> None:
    text = ("Twentieth Conference of Ministers of Culture of the Americas: Declaration of Lima\n\nOctober 14, 2040\n\n"
            "The Ministers of Culture and Heads of Delegation of the participating countries, assembled in Lima, "
            "Peru, from October 12 to 14, 2040;\n\nRECOGNIZING the contribution of culture to development;\n")
    metadata = parse_document(text).metadata
    assert (metadata.title, metadata.type) == ("Declaration of Lima", "Declaration")


@pytest.mark.parametrize(("opening", "number"), [
    ("Preámbulo\n", None),
    ("Introducción\n", None),
    ("II ANTECEDENTES\n\n", None),
    ("MANDATOS\n\n", None),
])
def test_a_parts_heading_just_before_the_body_is_a_section_not_cover(opening: str, number: str | None) -> None:
    text = ("Declaración de Montevideo\nCumbre Extraordinaria de las Américas en Montevideo, Uruguay\n" + opening
            + "Nosotros, los Jefes de Estado y de Gobierno de las Américas, reunidos en Montevideo, declaramos:\n\n"
            "1. Nos comprometemos a promover el trabajo decente en la región.\n")
    doc = parse_document(text)
    first = doc.provisions[0]
    assert first.kind is Kind.SECTION
    assert own_text(text, first).split()[-1] == opening.split()[-1]
    assert first.number == number
    assert doc.metadata.title == "Declaración de Montevideo"


def test_a_cover_block_printed_again_after_a_page_marker_is_not_text() -> None:
    block = ("Sexta Cumbre de las Américas\nMontevideo, Uruguay\n12 de mayo de 2040\n"
             "Declaración de Compromiso de Montevideo\n"
             "Asegurar el futuro de nuestros pueblos promoviendo el trabajo decente, la\nformación y la inclusión\n")
    text = ("OEA/Ser.E\nGRIC/OP.1/doc.2/40\n12 mayo 2040\nOriginal: Inglés\n" + block + "-2-\n" + block
            + "Preámbulo\n1. Nosotras y Nosotros, las Jefas y los Jefes de Estado y de Gobierno, reunidos en "
              "Montevideo, declaramos:\n2. Nos comprometemos a promover el trabajo decente.\n")
    doc = parse_document(text)
    assert [(p.kind, own_text(text, p).split()[0]) for p in doc.provisions] == [
        (Kind.SECTION, "Preámbulo"), (Kind.PARAGRAPH, "1."), (Kind.MANDATE, "2.")]


RESOLUTION = (
    "OEA/Ser.P\nAG/RES. 9999 (LXX-O/40)\n5 June 2040\nOriginal: Spanish\n\nREPORT OF THE XL INTER-AMERICAN\n"
    "CONFERENCE OF MINISTERS OF LABOR\n\n(Adopted at the fourth plenary session, held on June 5, 2040)\n\n"
    "THE GENERAL ASSEMBLY,\n"
    "HAVING SEEN resolutions CIDI/RES. 401 (XL-O/39) and CIDI/RES. 402 (XL-O/40), on the Conference; and\n"
    "Resolution AG/RES. 9000 (LXIX-O/39), on the Plan of Action;\n"
    "CONSIDERING:\n"
    "That the dialogue among the Ministers was centered on the future of work; and\n"
    "That the XL IACML adopted the Declaration and the Plan of Action of Lima;\n"
    "RESOLVES:\n1. To take note of the Final Report of the XL IACML.\n")


def test_a_resolutions_preamble_citing_resolutions_by_symbol_is_its_body() -> None:
    doc = parse_document(RESOLUTION)
    assert doc.metadata.symbols == ("OEA/Ser.P", "AG/RES. 9999 (LXX-O/40)")  # the ones it cites are no cover
    firsts = [own_text(RESOLUTION, p).split()[0] for p in doc.provisions]
    assert firsts == ["THE", "HAVING", "Resolution", "CONSIDERING:", "That", "That", "RESOLVES:", "1."]
    assert all(p.kind is not Kind.SECTION for p in doc.provisions)  # "...; and" ends a clause, never a heading


def test_a_resolutions_subject_and_its_first_clause_on_one_line_stay_one_paragraph() -> None:
    text = ("OEA/Ser.K/V.9.1\nCIDI/RME/RES. 9 (IX-O/40)\nOriginal: Spanish\n\nTHE MEETING OF MINISTERS OF EDUCATION OF "
            "THE INTER-AMERICAN COUNCIL FOR INTEGRAL DEVELOPMENT, HAVING SEEN resolution CIDI/RES. 500 (L-O/39) on the "
            "report of the previous meeting of the ministers of education,\n\nCONSIDERING that the Committee was "
            "created by the General Assembly to follow up the mandates of the meetings;\n")
    assert first_words(text) == ["THE", "CONSIDERING"]


def test_an_agendas_time_slots_in_any_clock_and_bullets_printed_alone() -> None:
    text = ("November 14-15, 2040 30 October 2040\n\nWashington, D.C. Original: Spanish\n\nThursday, November 14, 2040\n\n"
            "9:00 a.m. – 9:30 a.m. Registration of participants\n\n"
            "9:30 – 10:00 a.m.\nINAUGURAL SESSION\n\n"
            "9:50 a.m. – 10:00 a.m. Adoption of the Draft Agenda (CIDI/COMCYT/doc.2/40) and Draft Schedule "
            "(CIDI/COMCYT/doc.4/40)\n\n"
            "Welcoming remarks:\n\n§\u00a0 OAS General Secretariat\n\n\uf0b7\nChair of the Committee on Science\n\n"
            "10:00 - 13:00 FIRST PLENARY SESSION\n")
    doc = parse_document(text)
    got = [(p.kind, own_text(text, p)) for p in doc.provisions if p.kind is not Kind.LIST]
    assert (Kind.AGENDA_ITEM, "9:00 a.m. – 9:30 a.m. Registration of participants") in got
    assert (Kind.AGENDA_ITEM, "9:30 – 10:00 a.m.\nINAUGURAL SESSION") in got
    assert (Kind.AGENDA_ITEM, "10:00 - 13:00 FIRST PLENARY SESSION") in got
    assert (Kind.ITEM, "§\u00a0 OAS General Secretariat") in got
    assert (Kind.ITEM, "\uf0b7\nChair of the Committee on Science") in got


def test_preamble_clauses_in_sentence_case_and_the_verb_that_closes_them() -> None:
    text = ("DECLARACIÓN DE LIMA\n\nLos Ministros de Turismo de las Américas, reunidos en Lima con ocasión del "
            "Congreso Interamericano de Turismo,\n\nConvencidos de la creciente importancia de la colaboración entre "
            "los sectores público y privado, y\n\nReconociendo que el Congreso es el foro hemisférico principal para "
            "dialogar sobre el turismo,\n\nDECLARAMOS:\n\n1. Nuestro firme compromiso con el desarrollo del turismo.\n")
    assert first_words(text) == ["Los", "Convencidos", "Reconociendo", "DECLARAMOS:", "1."]


def test_the_ministers_and_the_verb_that_closes_their_sentence_are_one_paragraph() -> None:
    text = ("DECLARATION OF LIMA\n\nWe, the Ministers participating in the Fortieth Inter-American Conference of "
            "Ministers of Labor, held in Lima, meeting to analyze the future of work,\n\nHEREBY DECLARE:\n\n"
            "1. That our commitment to decent work is firm.\n")
    doc = parse_document(text)
    assert [own_text(text, p).split()[-1] for p in doc.provisions] == ["DECLARE:", "firm."]


def test_items_glued_on_one_line_lettered_a_paren_and_a_short_last_paragraph() -> None:
    text = ("DECLARACIÓN DE LIMA\n\n"
            "1. Reafirmamos que el Artículo 2 de la Carta establece que los propósitos esenciales de la Organización "
            "son: a) Afianzar la paz y la seguridad del Continente; b) Promover y consolidar la democracia "
            "representativa dentro del respeto al principio de no intervención; c) Erradicar la pobreza crítica. "
            "2. Reconocemos la necesidad de una")
    doc = parse_document(text)
    assert [(p.number, own_text(text, p).split()[0]) for p in doc.provisions] == [
        ("1", "1."), ("1(a)", "a)"), ("1(b)", "b)"), ("1(c)", "c)"), ("2", "2.")]


def test_a_paragraphs_first_words_alone_on_its_first_line_begin_it() -> None:
    """A justified PDF text converted with each paragraph's first words alone on a line."""
    text = ("1. MAKING DEMOCRACY WORK BETTER\n"
            "Share best\n"
            "practices and technologies with respect to increasing citizen participation in electoral\n"
            "processes, including voter education and the modernization of voter registration, while\n"
            "taking into account the need to safeguard the integrity of the whole electoral process;\n"
            "Continue\n"
            "to enhance electoral mechanisms, using information and communications technologies where\n"
            "possible, to guarantee the impartiality and independent action of the electoral bodies;\n"
            "Convene\n"
            "under the auspices of the OAS a meeting of the authorities responsible for elections.\n")
    doc = parse_document(text)
    assert [(own_text(text, p).split()[0], p.kind) for p in doc.provisions[1:]] == [
        ("Share", Kind.MANDATE), ("Continue", Kind.MANDATE), ("Convene", Kind.MANDATE)]


@pytest.mark.parametrize("cover", [
    "SUMMIT IMPLEMENTATION REVIEW GROUP (SIRG)\nOEA/Ser.E\nGRIC/CA-IX/doc.3/40\n14 January 2040\nOriginal: Spanish\n"
    "MANDATES FOR ACTION\n\n",
    "Décima Cumbre de las Américas\nEl siguiente es el texto completo del Plan de Acción suscrito por los Jefes de "
    "Estado y de Gobierno asistentes a la Décima Cumbre de las Américas:\n\n",
])
def test_a_summits_mandates_for_action_is_a_plan_of_action(cover: str) -> None:
    text = cover + ("We, the Heads of State and Government of the Americas, commit to the following mandates.\n\n"
                    "Education\n\n1. Improve the quality of education by training teachers throughout the region.\n")
    doc = parse_document(text)
    assert doc.metadata.type == "PlanOfAction"
    kinds = {own_text(text, p).split()[0]: p.kind for p in doc.provisions}
    assert (kinds["We,"], kinds["1."]) == (Kind.MANDATE, Kind.MANDATE)


@pytest.mark.parametrize(("cover", "title"), [
    ("FINAL REPORT OF THE XL INTER-AMERICAN CONFERENCE OF MINISTERS OF LABOUR\nOF THE ORGANIZATION OF AMERICAN STATES\n",
     "FINAL REPORT OF THE XL INTER-AMERICAN CONFERENCE OF MINISTERS OF LABOUR OF THE ORGANIZATION OF AMERICAN STATES"),
    ("REPORT OF THE XL INTER-AMERICAN\nCONFERENCE OF MINISTERS OF LABOR\n",
     "REPORT OF THE XL INTER-AMERICAN CONFERENCE OF MINISTERS OF LABOR"),
    ("OEA/Ser.K/XXVII\nREMIC-IX/DEC. 1/40\nDECLARATION AND\nPLAN OF ACTION OF LIMA\nOriginal: English\n",
     "DECLARATION AND PLAN OF ACTION OF LIMA"),
    ("Comunicado de Prensa\n\nMinistros de Trabajo acuerdan medidas para el futuro del trabajo\n",
     "Ministros de Trabajo acuerdan medidas para el futuro del trabajo"),
    # a cover glued onto one line: the title runs on through a meeting's name when left open before it
    ("ORGANIZACIÓN DE LOS ESTADOS AMERICANOS XL CONFERENCIA INTERAMERICANA DE MINISTROS DE TRABAJO (CIMT) "
     "OEA/Ser.K/XII.40.1 CIDI/TRABAJO/doc.9/40 Original: español DECLARACIÓN DEL CONSEJO SINDICAL A LA CONFERENCIA "
     "INTERAMERICANA DE MINISTROS DE TRABAJO (CIMT) (Lima, Perú) La crisis del empleo exige respuestas.",
     "DECLARACIÓN DEL CONSEJO SINDICAL A LA CONFERENCIA INTERAMERICANA DE MINISTROS DE TRABAJO (CIMT)"),
    ("OEA/Ser.K/XLVIII.9 CIDI/REMDES/doc 4/40 Original: español INFORME FINAL DE LA NOVENA REUNIÓN DE MINISTROS Y "
     "ALTAS AUTORIDADES DE DESARROLLO SOCIAL ÍNDICE I. ANTECEDENTES ..... 1 II. PARTICIPANTES ..... 2",
     "INFORME FINAL DE LA NOVENA REUNIÓN DE MINISTROS Y ALTAS AUTORIDADES DE DESARROLLO SOCIAL"),
    # a title in capitals with no kind of document in it, its second line opening on a connector
    ("AG/RES. 9999 (LXX-O/40)\n\nRIGHTS OF WORKERS IN THE PLATFORM ECONOMY\n\nAND THEIR SOCIAL PROTECTION\n\n"
     "(Adopted at the fourth plenary session, held on June 8, 2040)\n",
     "RIGHTS OF WORKERS IN THE PLATFORM ECONOMY AND THEIR SOCIAL PROTECTION"),
])
def test_a_title_on_two_lines_or_after_a_hosts_furniture(cover: str, title: str) -> None:
    text = cover + "\nThe Conference took place in Lima on 5 and 6 May 2040 with the delegations of the member states.\n"
    assert parse_document(text).metadata.title == title


@pytest.mark.parametrize(("title", "doc_type"), [
    ("PALABRAS DEL SECRETARIO GENERAL ADJUNTO DURANTE LA APERTURA DE LA XL REUNIÓN", "MeetingSummary"),
    ("Remarks by the Minister of Labour at the inaugural session", "MeetingSummary"),
    ("CONCLUSIONS AND RECOMMENDATIONS OF REMJA XL", "OutcomeDocument"),
])
def test_speeches_and_conclusions_name_their_kind(title: str, doc_type: str) -> None:
    text = title + "\n\nThe meeting took place in Lima on 5 and 6 May 2040 with the delegations of the member states.\n"
    metadata = parse_document(text).metadata
    assert (metadata.title, metadata.type) == (title, doc_type)


def test_after_a_resolutions_resolves_every_paragraph_and_item_is_operative() -> None:
    text = ("CIDI/CECIP/RES. 1 (XL-40)\nMEMBERSHIP OF THE EXECUTIVE BOARD\n\n"
            "THE EXECUTIVE BOARD OF THE INTER-AMERICAN COMMITTEE ON PORTS,\n\n"
            "CONSIDERING that the Committee elected its members at its last meeting;\n\n"
            "RESOLVES:\n\n"
            "1. That the Executive Board shall be composed of the following member states:\n\n"
            "a. Argentina, which holds the chair;\n\nb. Brazil, which holds the vice-chair;\n\n"
            "2. The Secretariat, with the following tasks:\n\n• the minutes of each meeting\n\n• the yearly report\n")
    doc = parse_document(text)
    kinds = {p.number or own_text(text, p)[:12]: p.kind for p in doc.provisions if p.kind is not Kind.LIST}
    assert kinds["CONSIDERING "] is Kind.PARAGRAPH
    assert [kinds[n] for n in ("1", "1(a)", "1(b)", "2")] == [Kind.MANDATE] * 4
    assert [p.kind for p in doc.provisions if "item" in p.eid] == [Kind.MANDATE, Kind.MANDATE]


def test_a_short_lead_in_after_resolves_is_what_it_resolves() -> None:
    """"RESUELVE: Aprobar el siguiente Estatuto:" is the resolution's operative part, though short and
    ending in a colon like a label."""
    text = ("La Conferencia de la Red,\n\n"
            "Considerando que la Red presentó un proyecto de estatuto en su reunión de 2040,\n\n"
            "Resuelve:\n\n"
            "Aprobar el siguiente Estatuto:\n\n"
            "Artículo 1. La Red es un foro de cooperación entre los ministerios de trabajo de la región.\n")
    doc = parse_document(text)
    kinds = [(own_text(text, p).split()[0], p.kind) for p in doc.provisions][:4]
    assert kinds == [("La", Kind.PARAGRAPH), ("Considerando", Kind.PARAGRAPH), ("Resuelve:", Kind.PARAGRAPH),
                     ("Aprobar", Kind.MANDATE)]


def test_the_letters_of_a_mandate_that_leads_in_to_them_are_mandates() -> None:
    """"1. To urge Member States to: (a) keep ... (b) allocate ...": each letter is what the paragraph asks,
    as roman numerals under a letter are; the letters under a paragraph that only tells are items."""
    text = ("The Council of the Network,\n\n"
            "Having considered the report of the Director on the programs of the Network in 2040,\n\n"
            "1. To urge Member States to:\n\n"
            "(a) keep a high-level commitment to the programs of the Network;\n\n"
            "(b) allocate sufficient resources to sustain the national programs;\n\n"
            "2. The report of the Director covered the following topics:\n\n"
            "(a) the national programs of the Network;\n\n"
            "(b) the resources of the national programs.\n")
    doc = parse_document(text)
    assert doc.metadata.type == "OutcomeDocument"  # a council's resolution
    kinds = {p.number: p.kind for p in doc.provisions if p.number}
    assert kinds == {"1": Kind.MANDATE, "1(a)": Kind.MANDATE, "1(b)": Kind.MANDATE,
                     "2": Kind.PARAGRAPH, "2(a)": Kind.ITEM, "2(b)": Kind.ITEM}


def test_an_abbreviation_is_no_lettered_section() -> None:
    text = ("U.S. Department of State\n\nDiplomacy in Action\n\nAG/RES. 9999 (LXX-O/40) Follow-Up to the Meetings of "
            "Ministers\n\nJune 8, 2040\n\n(Adopted at the fourth plenary session, held on June 8, 2040)\n\n"
            "THE GENERAL ASSEMBLY,\n\nHAVING SEEN the annual report of the Permanent Council;\n")
    assert first_words(text) == ["THE", "HAVING"]
    assert parse_document(text).metadata.symbols == ("AG/RES. 9999 (LXX-O/40)",)


def test_a_run_of_headings_printed_again_further_on_is_a_table_of_contents() -> None:
    text = ("Décima Cumbre de las Américas\n"
            "I. EDUCACIÓN:\nII. DEMOCRACIA Y DERECHOS HUMANOS:\nIII. INTEGRACIÓN ECONÓMICA:\n"
            "Nosotros, los Jefes de Estado y de Gobierno de las Américas, afirmamos nuestra decidida determinación de "
            "llevar a la práctica el presente Plan de Acción.\n"
            "I. EDUCACION: LA CLAVE PARA EL PROGRESO\n"
            "El compromiso hemisférico en educación se expresa en vastos procesos de reforma del sistema educativo.\n")
    doc = parse_document(text)
    assert doc.contents_lines == ((2, 4),)
    assert doc.metadata.type == "PlanOfAction"  # its signatories adopt "el presente Plan de Acción"
    assert [(p.kind, own_text(text, p).split()[0]) for p in doc.provisions] == [
        (Kind.MANDATE, "Nosotros,"), (Kind.SECTION, "I."), (Kind.PARAGRAPH, "El")]


@pytest.mark.parametrize("mark", ["I.", "CAPITULO I", "Chapter I"])
def test_a_chapter_mark_alone_makes_a_heading_with_the_line_after_it(mark: str) -> None:
    text = (f"INFORME FINAL\n\n{mark}\n\nANTECEDENTES\n\n"
            "La Comisión fue establecida en cumplimiento de la resolución de la Asamblea General de 1996.\n")
    first = parse_document(text).provisions[0]
    assert (first.kind, first.number, own_text(text, first)) == (Kind.SECTION, "I", f"{mark}\n\nANTECEDENTES")


def test_a_line_opening_on_a_parenthesis_goes_on_with_the_item_before_it() -> None:
    text = ("Objectives\n\n"
            "  1. To determine the Work Plan for 2040-2042 of the Conference.\n"
            "  2. To review the financial situation of the Inter-American Network for Labor Administration\n"
            "    (RIAL) and decide on the use of contributions received to date.\n")
    doc = parse_document(text)
    assert [own_text(text, p)[-10:] for p in doc.provisions if p.number] == ["onference.", "d to date."]


def test_a_speech_begins_with_its_salutations() -> None:
    text = ("Discursos\n\nPALABRAS DEL SECRETARIO GENERAL EN LA REUNIÓN DE MINISTROS\n\n3 de noviembre de 2040 - Lima\n\n"
            "Sr. Ministro de Relaciones Exteriores del Perú\n\nSeñoras y señores representantes de COSATE y CEATAL\n\n"
            "Me es muy grato asistir a esta reunión entre los Ministros y los trabajadores del hemisferio.\n")
    doc = parse_document(text)
    assert doc.metadata.type == "MeetingSummary"
    assert [own_text(text, p).split()[0] for p in doc.provisions] == ["Sr.", "Señoras", "Me"]


def test_nested_headings_over_their_text_are_no_table_of_contents() -> None:
    text = ("FINAL REPORT\n\nThe meeting was held in Lima on 5 and 6 May 2040 with the delegations of the member states.\n\n"
            "I. PROCEEDINGS\nA. INAUGURAL SESSION\n1. OPENING REMARKS\n"
            "The Chair opened the session and welcomed the delegations of the member states.\n\n"
            "B. FIRST PLENARY SESSION\nThe delegations adopted the agenda of the meeting without changes.\n\n"
            "ANNEX I\n\nI. PROCEEDINGS OF WORKING GROUP 1\nThe Working Group met twice during the meeting.\n")
    doc = parse_document(text)
    assert doc.contents_lines == ()
    assert [p.number for p in doc.provisions if p.kind is Kind.SECTION][:3] == ["I", "A", "B"]


_PT_RESOLUTION = (
    "OEA/Ser.P\nAG/RES. 9901 (LXX-O/40)\n9 junho 2040\nOriginal: espanhol\n\nRESOLUÇÃO\n\n"
    "A COMISSÃO INTERAMERICANA DE MULHERES\n\n(Aprovada na quarta sessão plenária, realizada em 9 de junho de 2040)"
    "\n\nA ASSEMBLEIA GERAL,\n\nTENDO VISTO o relatório anual do Conselho Permanente sobre as atividades da "
    "Comissão (CIDI/RES. 401 (XL-O/39));\n\nLEVANDO EM CONTA:\n\n"
    "Que a Comissão celebrará sua próxima assembleia em Brasília no ano de 2041;\n\n"
    "Que é necessário prever no orçamento da Organização os recursos para a assembleia; e\n\n"
    "Que o Governo do Brasil ofereceu a sede da reunião,\n\nRESOLVE:\n\n"
    "1. Tomar nota da convocação da assembleia da Comissão.\n")


def test_a_portuguese_resolutions_preamble_is_read_as_the_spanish_one() -> None:
    """A General Assembly resolution in Portuguese: its subject ("A ASSEMBLEIA GERAL,") and the words opening its
    clauses ("TENDO VISTO", "LEVANDO EM CONTA:") begin the body and are paragraphs, never cover or headings, and a
    clause ending "...; e" ends there; the resolutions its preamble cites are none of its symbols."""
    doc = parse_document(_PT_RESOLUTION)
    found = [(own_text(_PT_RESOLUTION, p).split()[0], p.kind) for p in doc.provisions if p.kind is not Kind.LIST]
    assert found == [("A", Kind.PARAGRAPH), ("TENDO", Kind.PARAGRAPH), ("LEVANDO", Kind.PARAGRAPH),
                     ("Que", Kind.PARAGRAPH), ("Que", Kind.PARAGRAPH), ("Que", Kind.PARAGRAPH),
                     ("RESOLVE:", Kind.PARAGRAPH), ("1.", Kind.MANDATE)]
    assert doc.metadata.symbols == ("OEA/Ser.P", "AG/RES. 9901 (LXX-O/40)")
    assert doc.metadata.title == "A COMISSÃO INTERAMERICANA DE MULHERES"  # a body's name, no comma: the title


def test_a_portuguese_heading_naming_a_body_is_no_resolutions_subject() -> None:
    """A heading in capitals naming a body, no comma after it, over a report's text: a heading, not a subject."""
    text = ("RELATÓRIO FINAL\n\nI. A COMISSÃO INTERAMERICANA DE MULHERES\n\n"
            "A Comissão reuniu-se em Brasília nos dias 3 e 4 de maio de 2040 com as delegações dos Estados membros.\n")
    assert [(p.kind, p.number) for p in parse_document(text).provisions] == [(Kind.SECTION, "I"),
                                                                             (Kind.PARAGRAPH, None)]


def test_a_resolutions_operative_part_ends_where_the_next_resolution_begins() -> None:
    text = ("RESOLUTIONS ADOPTED\n\n"
            "THE GENERAL ASSEMBLY,\n\nCONSIDERING that the Conference met in Lima;\n\nRESOLVES:\n\n"
            "1. To take note of the Final Report of the Conference.\n\n"
            "THE GENERAL ASSEMBLY,\n\nRECOGNIZING the work of the Inter-American Commission of Women;\n\nRESOLVES:\n\n"
            "1. To urge the member states to support the Commission.\n")
    doc = parse_document(text, doc_type="OutcomeDocument")
    kinds = [(own_text(text, p).split()[0], p.kind) for p in doc.provisions if p.kind is not Kind.LIST]
    assert kinds == [("THE", Kind.PARAGRAPH), ("CONSIDERING", Kind.PARAGRAPH), ("RESOLVES:", Kind.PARAGRAPH),
                     ("1.", Kind.MANDATE), ("THE", Kind.PARAGRAPH), ("RECOGNIZING", Kind.PARAGRAPH),
                     ("RESOLVES:", Kind.PARAGRAPH), ("1.", Kind.MANDATE)]


def test_a_meeting_named_on_a_cover_line_with_a_comma_stays_cover() -> None:
    text = ("OEA/Ser.K/V.9.1\nCIDI/RME/doc.5/40\nOriginal: Spanish\nFINAL REPORT\n"
            "THE NINTH MEETING OF MINISTERS OF EDUCATION, WASHINGTON D.C.\n18 May 2040\n"
            "1. The Meeting was held in Washington with the delegations of the member states.\n")
    assert parse_document(text).metadata.date == "2040-05-18"
    assert first_words(text) == ["1."]


def test_a_sentence_opening_on_a_cue_word_inside_a_paragraph_does_not_cut_it() -> None:
    text = ("FINAL REPORT\n\n"
            "The Working Group examined the proposals of the delegations on the future of work in the\n"
            "region and heard the presentations of the international organizations that took part in\n"
            "the meeting, which were followed by an exchange of views among the delegations present.\n"
            "Considering the time available, the Chair proposed to continue the discussion on the topic\n"
            "at the next meeting of the Working Group, to be held in the first half of the coming year.\n\n"
            "The Working Group then examined the draft work plan and the calendar of its activities for\n"
            "the coming period, and the delegations made comments on the priorities it sets out for it.\n")
    doc = parse_document(text)
    assert [own_text(text, p).split()[:2] for p in doc.provisions] == [["The", "Working"], ["The", "Working"]]


def test_a_list_printed_again_after_a_page_marker_in_the_body_is_kept() -> None:
    """Only the cover's title block, printed again at the top of a page, is a running header."""
    prose = "".join(f"{n}. The delegation of a member state presented its national report on item {n}.\n"
                    for n in range(1, 22))
    text = ("FINAL REPORT\n\n" + prose + "\nArgentina\nBrazil\nChile\n\nPage 2 of 3\n\nArgentina\nBrazil\nChile\n\n"
            "22. The delegations then adopted the agenda of the meeting.\n")
    texts = [own_text(text, p) for p in parse_document(text).provisions]
    assert texts[21:27] == ["Argentina", "Brazil", "Chile"] * 2


def test_the_last_entry_of_a_site_menu_is_no_parts_heading() -> None:
    text = ("Home\nAbout us\nBackground\nMandates\n\n"
            "The Ministers of Labor of the Americas meet every two or three years to agree on their priorities.\n")
    assert first_words(text) == ["The"]


def test_a_councils_subject_and_the_newer_cue_words_open_clauses() -> None:
    text = ("OEA/Ser.G\nCP/RES. 999 (2000/40)\nOriginal: español\n\n"
            "EL CONSEJO PERMANENTE DE LA ORGANIZACIÓN DE LOS ESTADOS AMERICANOS,\n\n"
            "CONFIRMANDO el respeto por los principios consagrados en la Carta de la Organización de los Estados "
            "Americanos y su compromiso con la paz; INSPIRADOS por los compromisos asumidos en las Cumbres de las "
            "Américas y en las reuniones de ministros de la región; GUIADOS por la necesidad de trabajar juntos para "
            "impulsar la prosperidad de los pueblos del Hemisferio,\n\nRESUELVE:\n\n1. Aprobar el plan de trabajo.\n")
    assert first_words(text) == ["EL", "CONFIRMANDO", "INSPIRADOS", "GUIADOS", "RESUELVE:", "1."]


@pytest.mark.parametrize(("cover", "symbols"), [
    ("OF THE XL INTER-AMERICAN CONFERENCECIMT-40/GT1-GT2/doc.2/40 rev.3\n", ("CIMT-40/GT1-GT2/doc.2/40 rev.3",)),
    ("TECHNICAL PREPARATORY MEETING OF THE OAS/Ser.K/XII.40.1\n", ("OAS/Ser.K/XII.40.1",)),
    ("OEA/Ser.E\nGRIC/O.4/doc.27/40\n", ("OEA/Ser.E", "GRIC/O.4/doc.27/40")),
    ("OEA/Ser.K/V.40.1\nCIDI/RME/inf.4/40\n", ("OEA/Ser.K/V.40.1", "CIDI/RME/inf.4/40")),
    ("OEA/Ser.W/IV\nCEPCIDI/doc.850/40\n", ("OEA/Ser.W/IV", "CEPCIDI/doc.850/40")),
])
def test_document_symbols_as_covers_print_them(cover: str, symbols: tuple[str, ...]) -> None:
    text = cover + "Original: Spanish\n\n1. The meeting was held in Lima with the delegations of the member states.\n"
    assert parse_document(text).metadata.symbols == symbols


@pytest.mark.parametrize("cover", [
    "II TECHNICAL PREPARATORY MEETINGOEA/Ser.K/XII.40.1\nOF THE XL INTER-AMERICAN CONFERENCETRABAJO/RTP/doc.10/40 rev.2\n"
    "OF MINISTERSOF LABOR (IACML)24 September 2040\n",
    "XL INTER-AMERICAN CONFERENCE OFOEA/Ser.K/XII.40.1\nMINISTERS OF LABORTRABAJO/INF.1/40\n\n"
    "FINAL REPORT OF THE\n\nTECHNICAL PREPARATORY MEETING OF THE XL IACML\n",
])
def test_a_cover_naming_the_preparatory_meeting_belongs_to_it(cover: str) -> None:
    text = cover + "\n1. The delegations met in Washington to prepare the draft Declaration and Plan of Action.\n"
    assert parse_document(text).metadata.meeting == "iacml40-preparatory-meeting"


@pytest.mark.parametrize(("cover", "title"), [
    ("OEA/Ser.G\nCP/RES. 999 (2000/40)\n26 October 2040\nOriginal: Spanish\n\nCP/RES. 999 (2000/40)\n\n"
     "HEMISPHERIC PLAN OF ACTION AGAINST\nTRANSNATIONAL ORGANIZED CRIME\n\n",
     "HEMISPHERIC PLAN OF ACTION AGAINST TRANSNATIONAL ORGANIZED CRIME"),
    ("RESOLUTION 8\n\nRESOLUTION 9\n\nCIDI/RME/RES. 10 (XL-O/40)\n"
     "FUNCTIONS OF THE INTER-AMERICAN COMMITTEE ON EDUCATION\n\nOEA/Ser.K/V.40.1\nOriginal: Spanish\n\n",
     "FUNCTIONS OF THE INTER-AMERICAN COMMITTEE ON EDUCATION"),
])
def test_a_resolutions_symbol_or_number_is_not_its_title(cover: str, title: str) -> None:
    text = cover + "THE GENERAL ASSEMBLY,\n\nCONSIDERING that the member states adopted a plan in 2040;\n"
    metadata = parse_document(text).metadata
    assert (metadata.title, metadata.type) == (title, "OutcomeDocument")


@pytest.mark.parametrize(("opening", "doc_type"), [
    ("We, the Ministers participating in the XL Inter-American Conference of Ministers of Labor, have met in Lima "
     "to address the future of work in the Americas.", "Declaration"),
    ("Nosotras y Nosotros, las Jefas y los Jefes de Estado y de Gobierno de las Américas, reunidos en Lima, "
     "reafirmamos nuestro compromiso con el trabajo decente.", "Declaration"),
    ("We, the Ministers of Labor of the Americas, undertake to implement the following Plan of Action.",
     "PlanOfAction"),
])
def test_a_text_its_signatories_open_is_a_declaration_unless_it_names_a_plan(opening: str, doc_type: str) -> None:
    text = "Ottawa, Canada\n\n" + opening + "\n\n1. We commit to strengthen social dialogue.\n"
    assert parse_document(text).metadata.type == doc_type


def test_a_speech_without_a_title_is_typed_by_its_greeting() -> None:
    text = ("Discursos\n\n5 de junio de 2040\n\n"
            "Muy buenas tardes, bienvenidas y bienvenidos a Lima, a esta su casa, para la reunión de los Ministros.\n\n"
            "Es un honor recibir a las delegaciones de los Estados miembros en esta ocasión.\n")
    doc = parse_document(text)
    assert doc.metadata.type == "MeetingSummary"
    assert first_words(text) == ["Muy", "Es"]


@pytest.mark.parametrize("cover", [
    "Presentation is loading. Please wait.\n\nThe Network for Labor Administration: results 2039-2040\n\n"
    "Similar presentations\n\n",
    "25 likes | 90 Views\nThe Network for Labor Administration: results 2039-2040\n\n",
    "March 3, 2040 - Lima, Peru\n\n* Check against delivery *\n\n",
])
def test_a_talk_is_typed_by_its_page_a_slide_host_or_check_against_delivery(cover: str) -> None:
    """A slide deck's host furniture or a speech's "Check against delivery": a talk, read as the record of the
    meeting it was given at."""
    text = cover + ("It is a pleasure to address the Ministers of the Americas in this meeting.\n\n"
                    "Our region has made progress in the fight against informality.\n")
    assert parse_document(text).metadata.type == "MeetingSummary"


def test_a_news_item_under_a_dateline_is_not_a_talk() -> None:
    """A dateline ("July 9, 2040 - Washington, DC") heads press releases and news as well as speeches."""
    text = ("OAS and ILO sign an agreement on labor statistics\n\nJuly 9, 2040 - Washington, DC\n\n"
            "The two organizations agreed to share the data of their surveys of the region's labor markets.\n")
    assert parse_document(text).metadata.type != "MeetingSummary"


def test_a_press_release_under_a_date_is_not_a_talk() -> None:
    text = ("Press Release\n\nJuly 9, 2040\n\nThe Ministers of Labor of the Americas met in Lima to agree on "
            "their priorities.\n")
    assert parse_document(text).metadata.type == "WebPage"


def test_a_speakers_name_in_capitals_on_a_speech_cover_stays_cover() -> None:
    text = ("DISCURSO DEL\nSR. JOSÉ PÉREZ\nSECRETARIO GENERAL DE LA OEA\n"
            "EN LA INAUGURACIÓN DE LA XL CONFERENCIA INTERAMERICANA DE MINISTROS DE TRABAJO\n12 de septiembre de 2040\n\n"
            "Señor Presidente de la Conferencia,\n\nEs un honor dirigirme a los Ministros de Trabajo de las Américas.\n")
    doc = parse_document(text)
    assert (doc.metadata.date, doc.metadata.meeting) == ("2040-09-12", "iacml40")
    assert first_words(text) == ["Señor", "Es"]


@pytest.mark.parametrize(("opening", "doc_type"), [
    ("The Ministers of Labor of the Americas meet every two or three years to agree on their priorities.", "WebPage"),
    ("We are pleased to present this report on the activities of the Network in 2040.", "WebPage"),
    ("We, the Ministers of Labor of the Americas, adopt this Plan of Action to guide the work of the Conference.",
     "PlanOfAction"),
])
def test_only_an_appositive_of_signatories_makes_a_declaration(opening: str, doc_type: str | None) -> None:
    assert parse_document("Lima, Peru\n\n" + opening + "\n").metadata.type == doc_type


def test_a_cover_of_symbols_and_a_place_has_no_title() -> None:
    text = "OEA/Ser.K/XII.40.1\nTRABAJO/doc.5/40\nLima, Peru\n\n1. The member states adopted the following measures.\n"
    assert parse_document(text).metadata.title is None


def test_a_resolutions_symbol_types_it_wherever_its_title_is_found() -> None:
    text = ("CP/RES. 999 (2000/40)\nPERMANENT COUNCIL OF THE ORGANIZATION OF AMERICAN STATES HEMISPHERIC PLAN OF ACTION "
            "AGAINST ORGANIZED CRIME\n\n1. The member states adopted the following measures in 2040.\n")
    assert parse_document(text).metadata.type == "OutcomeDocument"


def test_a_preparatory_meeting_mentioned_in_parentheses_is_not_the_documents() -> None:
    text = ("XL INTER-AMERICAN CONFERENCE OF MINISTERS OF LABOR\nOEA/Ser.K/XII.40.1\nTRABAJO/doc.8/40\n"
            "DRAFT DECLARATION OF LIMA\n(As agreed at the Technical Preparatory Meeting of the XL IACML)\n\n"
            "We, the Ministers of Labor of the Americas, declare our commitment to decent work.\n")
    assert parse_document(text).metadata.meeting == "iacml40"


# A resolution adopting a plan, its whole text on one line as a host stored it: the subject in
# capitals, clauses in sentence case after ";", headings in capitals and numbered headings glued to
# their first sentence.
GLUED_RESOLUTION = (
    "AG/RES. 9999 (LX-O/40) PLAN DE ACCIÓN SOBRE EL EMPLEO JUVENIL (Aprobada en la segunda sesión plenaria, "
    "celebrada el 3 de junio de 2040) LA ASAMBLEA GENERAL, Considerando que el empleo juvenil es una prioridad de "
    "los Estados Miembros desde hace varias décadas; Teniendo en cuenta que las resoluciones anteriores "
    "encomendaron al Consejo concluir las negociaciones del proyecto de Plan de Acción; RESUELVE: Aprobar el "
    "siguiente: PLAN DE ACCIÓN SOBRE EL EMPLEO JUVENIL El propósito de este Plan de Acción es establecer "
    "objetivos y líneas de acción en las áreas de trabajo y educación. ÁREAS DE INTERVENCIÓN 1. Trabajo "
    "Objetivo: Mejorar la calidad del empleo de los jóvenes y crear más oportunidades de empleo productivo. "
    "2. Educación Objetivo: Asegurar que los jóvenes terminen la educación secundaria con las competencias "
    "necesarias.\n")


def test_a_resolution_glued_onto_one_line_is_read_clause_by_clause() -> None:
    doc = parse_document(GLUED_RESOLUTION)
    found = [(str(p.kind), own_text(GLUED_RESOLUTION, p)[:24]) for p in doc.provisions]
    assert found[:4] == [("Paragraph", "LA ASAMBLEA GENERAL,"), ("Paragraph", "Considerando que el empl"),
                         ("Paragraph", "Teniendo en cuenta que l"), ("Paragraph", "RESUELVE:")]
    headings = [own_text(GLUED_RESOLUTION, p) for p in doc.provisions if p.kind is Kind.SECTION]
    assert "PLAN DE ACCIÓN SOBRE EL EMPLEO JUVENIL" in headings
    assert "ÁREAS DE INTERVENCIÓN" in headings
    assert "1. Trabajo" in headings and "2. Educación" in headings
    assert any(own_text(GLUED_RESOLUTION, p).startswith("El propósito") for p in doc.provisions)
    for p in doc.provisions:  # every span is a span of the text as given
        assert GLUED_RESOLUTION[p.start:p.end].strip()


@pytest.mark.parametrize("line", [
    # an opening in capitals is the first paragraph, not a heading over it
    "DECLARACIÓN DE LIMA (Adoptada el 3 de junio de 2040) LAS MINISTRAS Y LOS MINISTROS DE TRABAJO DE LAS "
    "AMÉRICAS, reunidos en Lima los días 2 y 3 de junio de 2040, Declaramos nuestro compromiso con el trabajo "
    "decente y la formalización del empleo en toda la región durante los próximos años de trabajo conjunto.",
    "DECLARATION OF LIMA (Adopted on June 3, 2040) THE MINISTERS OF LABOR OF THE AMERICAS Meeting in Lima on June "
    "2 and 3, 2040, declare our commitment to decent work and to the formalization of employment in the region.",
    # a numbered paragraph whose first words are not a heading stays whole
    "Los Estados Miembros acordaron lo siguiente en la reunión de 2040, que se celebró en Lima. 1. Fortalecer "
    "la cooperación entre los ministerios de trabajo y de educación en toda la región y en cada país miembro.",
])
def test_a_glued_line_is_not_cut_before_an_opening_or_inside_a_paragraph(line: str) -> None:
    kept = [own_text(line, p)[:20] for p in parse_document(line + "\n").provisions if p.kind is not Kind.LIST]
    assert not any(k.startswith(("Declaramos", "reunidos", "Meeting", "la cooperación", "Fortalecer")) for k in kept)


def test_a_page_saved_with_its_markup_on_one_line_is_read_tag_by_tag() -> None:
    text = ("<p> ORGANIZATION OF AMERICAN STATES</p><p>REPORT OF ACTIVITIES OF THE NETWORK 2040</p><p>Introduction</p>"
            "<p>This report was prepared by the Chair of the Network and its Technical Secretariat in 2040.</p>"
            "<p>Its purpose is to inform Member States of the activities of the Network since its last meeting."
            "</p><br/><p>The report mentions the <b>tags</b> of its own pages.</p>\n")
    provisions = parse_document(text).provisions
    texts = [own_text(text, p) for p in provisions]
    assert "This report was prepared by the Chair of the Network and its Technical Secretariat in 2040." in texts
    assert "The report mentions the <b>tags</b> of its own pages." in texts  # inline markup is text
    assert not any("<p>" in t or "</p>" in t for t in texts)


def test_tags_a_text_mentions_are_text() -> None:
    text = ("RECOMMENDATIONS\n\n1. Authors should mark paragraphs with the <p> element and avoid <br> tags in texts.\n\n"
            "2. Headings must follow the order <h1>, <h2>, <h3> without skipping levels in any page.\n")
    texts = [p.text for p in parse_document(text).provisions if p.number]
    assert texts == ["Authors should mark paragraphs with the <p> element and avoid <br> tags in texts.",
                     "Headings must follow the order <h1>, <h2>, <h3> without skipping levels in any page."]


def test_a_chapter_mark_over_prose_is_no_title() -> None:
    text = ("ESTATUTO DE LA RED\n\nCAPÍTULO I\n\nLa Red es un foro de cooperación entre los ministerios de trabajo\n"
            "de la región, y se rige por este estatuto desde el año 2040.\n")
    assert not [p for p in parse_document(text).provisions if p.heading and p.heading.startswith("La Red")]


def test_ordinal_signs_number_paragraphs() -> None:
    text = ("ACUERDOS DE LA RED\n\nLas ciudades de la Red acordaron en 2040 lo siguiente.\n\n"
            "1º Fortalecer la cooperación entre los municipios de la región.\n\n"
            "2°. Promover el empleo juvenil en las ciudades de la Red.\n\n3.º Informar a la Red en 2041.\n")
    numbers = [p.number for p in parse_document(text).provisions if p.number]
    assert numbers == ["1", "2", "3"]
    dated = "ACTA\n\nLa Red se reunió en Lima.\n\n1º de mayo de 2040 se firmó el acuerdo de cooperación.\n"
    assert not [p.number for p in parse_document(dated).provisions if p.number]  # a date, not a number


def test_a_chapter_mark_alone_heads_the_title_in_mixed_case_below_it() -> None:
    text = ("ESTATUTO DE LA RED\n\nCAPITULO I\n\nNaturaleza y fines\n\nArtículo 1. La Red es un foro de cooperación "
            "entre los ministerios de trabajo de la región.\n\nCAPITULO II\n\nFunciones\n\nArtículo 2. Son funciones "
            "de la Red las siguientes.\n")
    sections = [(p.number, p.heading) for p in parse_document(text).provisions if p.kind is Kind.SECTION]
    assert sections == [("I", "Naturaleza y fines"), ("II", "Funciones")]


@pytest.mark.parametrize("cue", ["Considerando que", "CONSIDERANDO:", "Considering that", "Teniendo en cuenta que"])
def test_a_preamble_cue_alone_on_its_line_leads_in_and_is_no_heading(cue: str) -> None:
    text = (f"DECLARACIÓN DE LIMA\n\nLas Ministras y los Ministros de Trabajo reunidos en Lima declaran lo siguiente.\n"
            f"{cue}\nLa Cumbre de 2040 adoptó un programa de acción sobre el empleo juvenil en la región.\n")
    provisions = parse_document(text).provisions
    assert [p.kind for p in provisions].count(Kind.SECTION) == 0
    assert [own_text(text, p) for p in provisions][-2:] == [
        cue, "La Cumbre de 2040 adoptó un programa de acción sobre el empleo juvenil en la región."]


def test_a_numbered_paragraph_opening_on_a_place_name_is_no_heading() -> None:
    text = ("III. AREAS OF CONSENSUS\n\n1. The pandemic hit employment across the region in 2040.\n"
            "2. In El Salvador, for example, the Labor Directorate reviews every internal regulation of the firms. "
            "Social dialogue is fundamental to guarantee that this is the case in every sector of the economy.\n"
            "3. En El Salvador, por ejemplo, la Dirección del Trabajo revisa cada reglamento interno de las empresas. "
            "El diálogo social es fundamental para garantizar que así sea en cada sector de la economía.\n")
    provisions = parse_document(text).provisions
    assert [p.kind for p in provisions].count(Kind.SECTION) == 1
    assert [p.number for p in provisions if p.kind is not Kind.SECTION] == ["1", "2", "3"]


def test_a_capitals_heading_over_a_subheading_heads_the_list_after_them() -> None:
    text = ("Nota: resumen de las reuniones de 2040.\n\nGRUPO DE TRABAJO 1 - EMPLEO Y FORMACIÓN\n\n"
            "Los efectos del comercio en el empleo\n\n- El estudio reciente muestra un aumento del empleo formal.\n"
            "- El debate sigue abierto sobre los salarios.\n")
    sections = [own_text(text, p) for p in parse_document(text).provisions if p.kind is Kind.SECTION]
    assert sections == ["GRUPO DE TRABAJO 1 - EMPLEO Y FORMACIÓN", "Los efectos del comercio en el empleo"]


def test_a_heading_after_a_lead_in_label_is_a_heading() -> None:
    text = ("Los Ministros de Trabajo de la región, reunidos en Lima los días 2 y 3 de junio de 2040 para examinar el "
            "diálogo social.\n\nCONCLUIMOS: CLÁUSULA SOCIAL Expresar nuestra satisfacción por el diálogo social "
            "alcanzado en la región durante estos años, y por la participación de los trabajadores y de los empleadores "
            "en cada etapa.\n")
    kinds = {own_text(text, p): p.kind for p in parse_document(text).provisions}
    assert kinds["CLÁUSULA SOCIAL"] is Kind.SECTION


def test_a_headless_table_of_contents_with_page_numbers_is_set_aside() -> None:
    text = ("Inter-American Committee\n\nMarch 4, 2040 Original: Spanish\n\n"
            "  1. Opening Session 3\n\n  2. First Plenary Session. 4\n\n  3. Second Plenary Session … 7\n\n"
            "  4. Closing Session 12\n\n  1. ANNEX A: List of Participants 15\n\n"
            "The Committee is an advisory body of the Council, established in 2038 to strengthen cooperation.\n\n"
            "The Committee met in Lima on March 4, 2040, with delegations of twenty member states.\n")
    assert first_words(text) == ["The", "The"]


def test_paged_lines_that_do_not_run_in_page_order_are_kept() -> None:
    text = ("The Network received requests for technical cooperation from its members in 2040, by country.\n\n"
            "1. Peru 12\n\n2. Chile 9\n\n3. Brazil 15\n\n4. Mexico 4\n")
    assert first_words(text) == ["The", "1.", "2.", "3.", "4."]


def test_a_report_glued_onto_one_line_keeps_its_numbers_when_one_is_lost() -> None:
    line = ("INTERNATIONAL LABOUR ORGANIZATION 40th Regional Meeting Lima, December 2040 RM.40/D.6 Report of the "
            "40th Regional Meeting Introduction 1. The 40th Regional Meeting was held in Lima from 1 to 4 December "
            "2040. The Meeting set up a Drafting Committee to consider the conclusions. 3. Information regarding "
            "attendance at the Meeting is given in the list of participants. Opening ceremony 4. The Meeting "
            "unanimously elected its Chairperson and three Vice-Chairpersons.\n")
    doc = parse_document(line)
    found = [(str(p.kind), p.number, own_text(line, p)[:14]) for p in doc.provisions]
    assert ("Section", None, "Introduction") in found
    assert ("Section", None, "Opening ceremo") in found
    assert [n for _, n, _ in found if n] == ["1", "3", "4"]


def test_a_resolution_glued_onto_one_line_cuts_its_subject_and_its_clauses() -> None:
    """Each clause begins at its word; a clause word and its text on one line are one paragraph
    (bench/ANNOTATING.md, "A clause word and its text on one line")."""
    line = ("AG/RES. 9999 (LX-O/40) LOS TRABAJADORES MIGRANTES (Aprobada el 5 de junio de 2040) LA ASAMBLEA "
            "GENERAL, VISTO el informe anual del Consejo Permanente a la Asamblea General sobre este tema; TENIENDO "
            "EN CUENTA: Las resoluciones anteriores de la Asamblea General sobre los derechos de los trabajadores "
            "migrantes y de sus familias;\n")
    starts = [own_text(line, p)[:20] for p in parse_document(line).provisions]
    assert starts[-3:] == ["LA ASAMBLEA GENERAL,", "VISTO el informe anu", "TENIENDO EN CUENTA: "]


def test_a_preamble_clause_ending_on_a_comma_does_not_take_the_operative_verb() -> None:
    text = ("LA ASAMBLEA GENERAL,\n\nDESTACANDO que el Instituto ha apoyado la educación en derechos humanos,\n"
            "DECLARA:\n1.- La necesidad de que los Estados promuevan políticas públicas en la educación formal.\n"
            "2.- La importancia de que los Estados adopten las recomendaciones de los informes.\n")
    found = [(own_text(text, p)[:10], p.number) for p in parse_document(text).provisions]
    assert found[-3:] == [("DECLARA:", None), ("1.- La nec", "1"), ("2.- La imp", "2")]


def test_every_paragraph_after_a_lead_in_announcing_recommendations_is_one() -> None:
    text = ("Al finalizar los debates, la Reunión adoptó las siguientes conclusiones y recomendaciones, a saber:\n\n"
            "1. Que los Estados Miembros ratifiquen el Protocolo sobre la trata de personas.\n\n"
            "2. Instar a los Estados Miembros a completar sus procesos internos para suscribir:\n\n"
            "a. El Protocolo contra el tráfico ilícito de migrantes, y\n\nb. La Convención Interamericana.\n\n"
            "II. OTROS TEMAS\n\n1. La Reunión tomó nota del informe de la Secretaría.\n")
    kinds = [(p.number, p.kind) for p in parse_document(text).provisions if p.number]
    assert kinds[:4] == [("1", Kind.RECOMMENDATION), ("2", Kind.RECOMMENDATION), ("2(a)", Kind.RECOMMENDATION),
                         ("2(b)", Kind.RECOMMENDATION)]
    assert kinds[-1][1] is not Kind.RECOMMENDATION  # a new section ends the run


def test_a_record_of_a_meeting_is_typed_by_how_its_text_opens() -> None:
    text = ("Lima, Peru\n\nI. INTRODUCTION\n\nThe Fortieth Assembly of Delegates of the Commission was held in Lima on "
            "October 3-5, 2040, with the delegations of twenty member states.\n")
    assert parse_document(text).metadata.type == "MeetingSummary"


def test_a_resolution_cited_in_the_first_sentence_does_not_type_the_document() -> None:
    text = ("Lima, Peru\n\nThe Committee works under the mandates of resolution AG/RES 9999 (LX-O/40), which "
            "created it, and of the Plan of Action adopted in 2039.\n")
    assert parse_document(text).metadata.type == "WebPage"  # no cover, nothing mandated: a page about the work


def test_a_resolution_whose_cover_is_in_its_first_line_has_its_title() -> None:
    line = ("AG/RES. 9999 (LX-O/40) LOS DERECHOS DE LOS TRABAJADORES MIGRATORIOS Y DE SUS FAMILIAS (Aprobada en la "
            "cuarta sesión plenaria, celebrada el 6 de junio de 2040) LA ASAMBLEA GENERAL, VISTO el informe anual del "
            "Consejo Permanente sobre este tema;\n")
    metadata = parse_document(line).metadata
    assert (metadata.title, metadata.type) == ("LOS DERECHOS DE LOS TRABAJADORES MIGRATORIOS Y DE SUS FAMILIAS",
                                               "OutcomeDocument")


def test_a_title_in_mixed_case_left_open_on_a_comma_goes_on() -> None:
    text = ("Remarks by the Minister of Labor of Peru, Jane Doe,\nat the inaugural session of the XL Inter-American "
            "Conference\nLima, June 3, 2040\n\nDistinguished Ministers,\n\nIt is an honour to welcome you to Lima.\n")
    assert parse_document(text).metadata.title == ("Remarks by the Minister of Labor of Peru, Jane Doe, at the "
                                                   "inaugural session of the XL Inter-American Conference")


def test_a_numbered_outline_nests_its_parts_and_keeps_their_printed_numbers() -> None:
    text = ("PROYECTO DE PLAN DE ACCIÓN\n\nNosotros, los Ministros, nos comprometemos a implementar el siguiente Plan "
            "de Acción.\n\n1. CRECIMIENTO CON EMPLEO\n1.1.\nCompromisos de los países miembros\n1.1.1.\n"
            "Implementar políticas para difundir la innovación tecnológica y\norganizacional en las empresas.\n"
            "1.1.2 Aplicar políticas de innovación dirigidas a redes productivas.\n"
            "1.2. Compromisos de la OEA\n1.2.1. Apoyar a los Estados en la formalización de las empresas.\n")
    doc = parse_document(text, doc_type="PlanOfAction")
    found = {p.eid: (p.kind, p.number, own_text(text, p)[:16]) for p in doc.provisions}
    assert found["sec_1__subsec_1"] == (Kind.SECTION, "1.1", "1.1.\nCompromisos")
    assert found["sec_1__subsec_1__para_1"] == (Kind.MANDATE, "1.1.1", "1.1.1.\nImplement")
    assert found["sec_1__subsec_1__para_2"] == (Kind.MANDATE, "1.1.2", "1.1.2 Aplicar po")
    assert found["sec_1__subsec_2__para_1"] == (Kind.MANDATE, "1.2.1", "1.2.1. Apoyar a ")
    assert own_text(text, doc.provisions[[p.eid for p in doc.provisions].index("sec_1__subsec_1__para_1")]).endswith(
        "en las empresas.")


@pytest.mark.parametrize("line", ["2.5 millones de personas trabajan en la economía informal de la región.",
                                  "1.5 percent of the budget was assigned to the Network in 2040."])
def test_a_decimal_figure_opening_a_sentence_is_no_outline_number(line: str) -> None:
    doc = parse_document("The Network reported on its work in 2040 to the member states.\n\n" + line + "\n")
    assert all(p.number is None for p in doc.provisions)


def test_articles_are_numbered_as_articles_and_a_letter_alone_heads_its_item() -> None:
    text = ("REGLAMENTO DE LA COMISIÓN\n\nI. NATURALEZA Y FINALIDAD\nArtículo 1. La Comisión es un órgano del Consejo, "
            "establecida conforme a su Estatuto.\nLa Comisión tiene como finalidad:\na)\ncoordinar el diálogo "
            "ministerial en materia de turismo; y\nb)\nidentificar iniciativas multilaterales.\n"
            "Article 2: The Commission shall be composed of the national authorities.\n")
    found = {p.eid: (p.number, own_text(text, p)[:12]) for p in parse_document(text).provisions}
    assert found["art_1"] == ("1", "Artículo 1. ")
    assert found["art_2"] == ("2", "Article 2: T")
    assert [v for k, v in found.items() if k.endswith(("para_a", "para_b"))] == [("(a)", "a)\ncoordinar"),
                                                                              ("(b)", "b)\nidentific")]


def test_a_heading_in_capitals_left_open_on_a_connector_goes_on_to_the_next_line() -> None:
    text = ("The Heads of State commit to the following Plan of Action.\n\nI. PRESERVING AND STRENGTHENING THE COMMUNITY OF\n"
            "DEMOCRACIES OF THE AMERICAS\n1. Strengthening democracy\nThe OAS will strengthen its electoral unit.\n")
    sections = [p for p in parse_document(text).provisions if p.kind is Kind.SECTION]
    assert own_text(text, sections[0]).endswith("DEMOCRACIES OF THE AMERICAS")
    assert sections[0].heading == "PRESERVING AND STRENGTHENING THE COMMUNITY OF DEMOCRACIES OF THE AMERICAS"


def test_a_sites_language_menu_is_no_provision() -> None:
    text = ("The Ninth Meeting of Ministers of Education was held in 2040.\n\nVote of thanks to the people of Peru.\n\n"
            "Español -\nEnglish -\nFrançais -\nPortuguês -\n")
    assert first_words(text) == ["The", "Vote"]


def test_a_plan_of_action_in_which_no_mandate_is_found_says_so() -> None:
    text = ("PLAN OF ACTION OF LIMA\n\nIn 2040 the ministries of labor reviewed the situation of the region.\n\n"
            "The region's labor markets recovered in 2039.\n")
    doc = parse_document(text)
    assert doc.metadata.type == "PlanOfAction"
    assert "no-mandate" in codes(doc)
    planned = "PLAN OF ACTION OF LIMA\n\n1. Strengthen the labor inspection services of the region.\n"
    assert "no-mandate" not in codes(parse_document(planned))


# Ordinary text on which the rules for glued lines, outlines and covers must not fire (found by a
# review of those rules with texts of its own writing).
_REPORT = "FINAL REPORT\n\n1. The meeting was opened by the Chair.\n\n2. "


@pytest.mark.parametrize("rest", [
    "The following States attended: ARGENTINA, BRAZIL, CANADA, CHILE, MEXICO, PERU. Also present were observers from "
    "several international organizations and from civil society.",
    'The theme of the meeting was: "STRENGTHENING DEMOCRATIC GOVERNANCE IN THE AMERICAS". The Ministers then exchanged '
    "views on the main challenges facing the region.",
    "Approve Annex A of this Plan of Action, which sets out the indicators that member states will use to measure "
    "progress in the implementation of its commitments.",
    "The meeting had several documents before it, namely the draft declaration and the draft plan of action; "
    "Considering the time available, the Chair proposed to discuss the declaration first.",
    "La delegación de Chile sugirió modificar el párrafo que comienza con la palabra CONSIDERANDO: Propuso sustituirla "
    'por la expresión "teniendo en cuenta", lo que fue aceptado.',
    "The Secretariat recalled that in 2016 (resolution AG/RES. 2880) THE GENERAL ASSEMBLY, as the supreme organ of "
    "the Organization, instructed the Council to follow up on the mandates.",
])
def test_a_long_paragraph_is_not_cut_inside_its_sentences(rest: str) -> None:
    text = _REPORT + rest + "\n"
    doc = parse_document(text)
    last = doc.provisions[-1]
    assert (last.number, own_text(text, last)) == ("2", "2. " + rest)


def test_an_agenda_item_ending_on_a_name_keeps_it() -> None:
    text = (_REPORT + "Palabras de bienvenida de la Secretaria Ejecutiva, Sra. Ana María Ruiz 3. Presentación del "
            "informe a cargo del Sr. Juan Pérez 4. Diálogo de las delegaciones 5. Clausura\n")
    found = {p.number: own_text(text, p) for p in parse_document(text).provisions}
    assert found["2"].endswith("Sra. Ana María Ruiz")


@pytest.mark.parametrize("lines", [
    ["Argentina 12", "Brazil 15", "Chile 15", "Mexico 20"],
    ["Working group on labor: Room 3", "Working group on education: Room 4", "Working group on health: Room 5",
     "Working group on security: Room 6"],
])
def test_lines_ending_on_numbers_are_no_table_of_contents(lines: list[str]) -> None:
    text = (_REPORT + "The results were the following:\n\n" + "\n".join(lines) + "\n\n3. The Chair closed the meeting.\n")
    doc = parse_document(text)
    assert doc.contents_lines == ()
    assert [own_text(text, p) for p in doc.provisions if p.kind is Kind.PARAGRAPH and p.number is None] == lines


def test_clock_times_are_no_outline_numbers() -> None:
    text = (_REPORT + "The schedule was as follows:\n\n09.30 Opening Session\n11.00 Coffee Break\n"
            "11.30 First Plenary Session\n")
    assert [p.number for p in parse_document(text).provisions if p.number] == ["1", "2"]


def test_the_top_level_headings_of_an_outline_head_its_parts() -> None:
    text = ("PLAN OF ACTION\n\nThis Plan sets out the priorities.\n\n1. Education\n\n1.1 Early childhood\n\n"
            "1.1.1 Expand access to early childhood programs.\n\n2. Labor\n\n2.1 Inspection\n\n"
            "2.1.1 Strengthen labor inspection.\n")
    doc = parse_document(text, doc_type="PlanOfAction")
    kinds = {p.number: p.kind for p in doc.provisions if p.number}
    assert kinds["1"] is Kind.SECTION and kinds["2"] is Kind.SECTION
    assert kinds["1.1.1"] is Kind.MANDATE and kinds["2.1.1"] is Kind.MANDATE


def test_a_list_of_languages_is_a_list() -> None:
    text = (_REPORT + "Hubo interpretación en los siguientes idiomas:\n\n- Español\n- English\n- Français\n\n"
            "3. La Presidencia clausuró la reunión.\n")
    assert sum(p.kind is Kind.ITEM for p in parse_document(text).provisions) == 3


def test_one_article_quoted_in_a_report_is_no_article() -> None:
    text = (_REPORT + "The Council recalled the Charter:\n\nArtículo 7. La democracia es indispensable para el "
            "ejercicio efectivo de las libertades fundamentales.\n\n3. The Chair closed the meeting.\n")
    assert not any(p.eid.startswith("art_") for p in parse_document(text).provisions)


def test_a_date_under_a_heading_does_not_take_its_place() -> None:
    text = (_REPORT + "The agenda was adopted.\n\nOPENING SESSION\nTuesday, June 4\nThe Chair welcomed the "
            "delegations and thanked the host country.\n")
    sections = [own_text(text, p) for p in parse_document(text).provisions if p.kind is Kind.SECTION]
    assert "Tuesday, June 4" not in sections


def test_a_letter_label_ending_a_heading_is_no_connector() -> None:
    text = "PLAN DE ACCIÓN\n\nA. EJE A\nCOMPROMISOS GENERALES\n\n1. Promover el trabajo decente en la región.\n"
    headings = [p.heading for p in parse_document(text).provisions if p.kind is Kind.SECTION]
    assert "EJE A" in headings


def test_following_up_on_recommendations_does_not_announce_them() -> None:
    text = (_REPORT + "The Chair reported.\n\nFollowing up on the recommendations of the Working Groups, the Ministers "
            "agreed:\n\n3. To hold the next meeting in 2041.\n")
    assert all(p.kind is not Kind.RECOMMENDATION for p in parse_document(text).provisions)


@pytest.mark.parametrize("text", [
    "THE PERMANENT COUNCIL, HAVING SEEN the report of the meeting that took place in Washington on March 3, 2040,\n\n"
    "RESOLVES:\n\n1. To take note of the report.\n",
    "1. The Ministers reviewed the PLAN OF ACTION OF GUATEMALA, adopted in 2039.\n\n"
    "2. The Secretariat will report at the next meeting.\n",
])
def test_a_document_cited_in_the_body_does_not_type_it(text: str) -> None:
    assert parse_document(text).metadata.type in (None, "WebPage", "OutcomeDocument")  # not what it cites


def test_a_place_under_a_speech_title_is_not_part_of_it() -> None:
    text = "Remarks by the Secretary General,\nOttawa, Canada\n\nThank you, Chair, for this opportunity.\n"
    assert parse_document(text).metadata.title == "Remarks by the Secretary General,"


def test_the_covers_symbol_printed_once_beside_a_page_marker_is_a_running_header() -> None:
    text = ("OEA/Ser.K/XII.40.1\nTRABAJO/doc.5/40\nFINAL REPORT\n\n1. The meeting was opened by the Chair, who "
            "welcomed the delegations.\n\nOEA/Ser.K/XII.40.1\n\n- 2 -\n\n2. The agenda was adopted without changes.\n")
    assert first_words(text) == ["1.", "2."]


def test_preamble_clauses_citing_resolutions_by_symbol_are_body_not_cover() -> None:
    text = ("AG/RES. 9999 (LX-O/40)\n\n(Resolution adopted at the seventh plenary session, held on June 5, 2040)\n\n"
            "Articles 93, 94, and 97 of the Charter of the Organization of American States;\n\n"
            "The resolutions approved by CIDI at its Tenth Regular Meeting, particularly: CIDI/RES. 15 (X-O/40), "
            '"Special Fund"; and CIDI/RES. 8 (X-O/40), "Rules of Procedure of the Council";\n\n'
            "CONSIDERING that the member states established the Council to promote cooperation,\n\n"
            "RESOLVES:\n\n1. To take note of the resolutions approved by the Council.\n")
    assert first_words(text)[:2] == ["Articles", "The"]


def test_a_roman_numeral_alone_without_its_stop_heads_the_line_in_capitals_after_it() -> None:
    text = ("ACTA DE LA REUNIÓN\n\nLa reunión se celebró en Lima el 3 de junio de 2040.\n\nI\n\nPARTICIPANTES\n\n"
            "Asistieron los delegados de diez países.\n\nII\n\nDESARROLLO DE LA REUNIÓN\n\nLa Presidencia abrió la "
            "sesión.\n")
    sections = [(p.number, p.heading) for p in parse_document(text).provisions if p.kind is Kind.SECTION]
    assert sections == [("I", "PARTICIPANTES"), ("II", "DESARROLLO DE LA REUNIÓN")]


def test_links_to_other_pages_are_a_sites_navigation() -> None:
    text = ("The First Meeting of the Working Groups took place in Lima in 2040.\n\n"
            "Presentations of Working Group 1 >>\nPresentations of Working Group 2 »\n\n"
            "The Working Groups adopted their recommendations.\n")
    assert first_words(text) == ["The", "The"]


@pytest.mark.parametrize("word", ["Artículo", "Article", "ARTÍCULO", "Art."])
def test_a_long_first_article_is_not_cut_at_its_own_number(word: str) -> None:
    """A line of 160 characters or more is searched for items run together; the number of "Artículo 1."
    is the article's own, not a new item after the word (found by a curator adding a Plan de Acción)."""
    first = (f"{word} 1. La Presidencia Pro Tempore de la XXIII CIMT, en colaboración con las Presidencias anterior "
             "y futura, con el apoyo de la Secretaría Técnica de la OEA y en consulta con COSATE y CEATAL, será "
             "responsable de impulsar la ejecución del presente Plan de Acción.")
    text = ("NOSOTROS, LAS MINISTRAS Y LOS MINISTROS DE TRABAJO nos comprometemos a llevar a cabo el siguiente Plan "
            "de Acción:\n\nORGANIZACIÓN\n\n" + first + "\n\nGRUPOS DE TRABAJO\n\n" + f"{word} 2. Se constituirán dos "
            "Grupos de Trabajo.\n")
    assert len(first) >= 160
    doc = parse_document(text, doc_type="PlanOfAction")
    found = {p.eid: (p.kind, p.number, own_text(text, p)[:len(word) + 3]) for p in doc.provisions}
    assert found["art_1"] == (Kind.MANDATE, "1", f"{word} 1.")
    assert found["subsec_1"][0] is Kind.SECTION  # the heading before it is read as one again
    assert not [w for w in doc.warnings if w.code in ("inline-items", "short-provision")]


def test_a_wrapped_opening_in_capitals_runs_on_to_its_colon() -> None:
    """ "NOSOTROS, LAS MINISTRAS ... de la XXIII Conferencia / Interamericana de Ministros ...:": the line
    break falls before a capital, and the opening's first line was read as a heading over the rest."""
    from fixtures.plan_of_action import NEW_PLAN_ES

    doc = parse_document(NEW_PLAN_ES)
    assert [(p.eid, p.kind) for p in doc.provisions] == [
        ("al_1", Kind.MANDATE), ("subsec_1", Kind.SECTION), ("art_1", Kind.MANDATE), ("subsec_2", Kind.SECTION),
        ("art_2", Kind.MANDATE), ("art_2__para_a", Kind.MANDATE), ("art_2__para_b", Kind.MANDATE)]
    assert own_text(NEW_PLAN_ES, doc.provisions[0]).endswith("el siguiente Plan de Acción:")
    assert doc.warnings == []
    one_line = "Las Ministras y los Ministros de Educación, reunidos en la ciudad de La Antigua, en el marco de la XXVI Cumbre"
    kept = parse_document(one_line + "\nConsiderando que\nLa Cumbre se vincula a la agenda internacional.\n")
    assert len(kept.provisions) == 3  # a cue on the next line begins a paragraph of its own


@pytest.mark.parametrize("word", ["Artículo", "Article", "ART."])
def test_articles_run_together_on_one_line_are_cut_at_their_word(word: str) -> None:
    """Cut at the number alone, the word stayed at the end of the article before; not cut, the articles
    were one silent paragraph."""
    text = ("PLAN DE ACCIÓN\n\nNOSOTROS, LOS MINISTROS, nos comprometemos a llevar a cabo el siguiente Plan:\n\n"
            f"{word} 1. La Presidencia Pro Tempore será responsable de impulsar la ejecución del presente Plan. "
            f"{word} 2. Se constituyen dos Grupos de Trabajo que examinarán en profundidad los temas del Plan. "
            f"{word} 3. La Secretaría Técnica presentará un informe sobre el cumplimiento de este Plan.\n")
    doc = parse_document(text, doc_type="PlanOfAction")
    found = {p.eid: own_text(text, p) for p in doc.provisions}
    assert [found[f"art_{n}"][:len(word) + 3] for n in (1, 2, 3)] == [f"{word} {n}." for n in (1, 2, 3)]
    assert found["art_1"].endswith("del presente Plan.")
    assert "inline-items" in [w.code for w in doc.warnings]  # cut by the parser: shown to the curator


def test_an_opening_in_capitals_broken_after_a_preposition_goes_on() -> None:
    """A Word file of a text pasted from a PDF keeps each printed line as a paragraph: "... DE LOS ESTADOS
    MIEMBROS DE LA" / "ORGANIZACIÓN DE LOS ESTADOS AMERICANOS (OEA), reunidos ...". The first line, in
    capitals, was read as a section heading over the rest; no heading ends on "DE LA"."""
    text = ("PLAN DE ACCIÓN DE SANTO DOMINGO\n\n"
            "NOSOTROS, LAS MINISTRAS Y LOS MINISTROS DE TRABAJO DE LOS ESTADOS MIEMBROS DE LA\n\n"
            "ORGANIZACIÓN DE LOS ESTADOS AMERICANOS (OEA), reunidos en Santo Domingo, adoptamos el siguiente "
            "Plan de Acción:\n\nANNEX A\n\nLa Presidencia será responsable de impulsar la ejecución del Plan.\n")
    doc = parse_document(text, doc_type="PlanOfAction")
    first = doc.provisions[0]
    assert (first.eid, first.kind) == ("al_1", Kind.MANDATE)
    assert own_text(text, first).endswith("el siguiente Plan de Acción:")
    assert [p.kind for p in doc.provisions if own_text(text, p) == "ANNEX A"] == [Kind.SECTION]  # a letter alone


def test_a_lead_in_naming_aims_makes_its_items_objectives() -> None:
    """ "The objectives of this meeting were as follows:" over numbered paragraphs, "the Program seeks to:" over
    bullets: what they list are objectives (not in a Plan of Action, whose every paragraph is a mandate); a
    paragraph naming "the purpose" of something leads in no objectives."""
    text = ("SECOND REGULAR MEETING OF THE COMMITTEE\n\n"
            "The Committee met at headquarters on 18 and 19 October.\n\n"
            "The objectives of this meeting were as follows:\n\n"
            "  1. Review the progress made since the last Ministerial Meeting.\n"
            "  2. Prepare the agenda of the next Ministerial Meeting\n\n"
            "In follow-up to the Summit, the Program of Education seeks to:\n"
            "  • Support the formulation of public policies on access to education.\n"
            "  • Promote the training of teachers.\n\n"
            "The main purpose of the meeting was to discuss the topics assigned to the Working Groups:\n"
            "  • Working Group 1: Decent Work\n"
            "  • Working Group 2: Labor Ministries\n")
    kinds = [(own_text(text, p).split()[0], p.kind) for p in parse_document(text).provisions
             if p.kind is not Kind.LIST]
    assert kinds == [("The", Kind.PARAGRAPH), ("The", Kind.PARAGRAPH), ("1.", Kind.OBJECTIVE), ("2.", Kind.OBJECTIVE),
                     ("In", Kind.PARAGRAPH), ("•", Kind.OBJECTIVE), ("•", Kind.OBJECTIVE), ("The", Kind.PARAGRAPH),
                     ("•", Kind.ITEM), ("•", Kind.ITEM)]


def test_a_column_of_names_one_a_line_is_one_part() -> None:
    """Member states one a line under a sentence (a table's column flattened): one part, not a paragraph each;
    short lines that are headings over text, or fewer than five names, stay apart."""
    text = ("MEMBERS OF THE EXECUTIVE COMMITTEE\n\n"
            "The following member states form the Committee for the period 2024-2026:\n"
            "Argentina\nBarbados\nCanada\nDominican Republic\nJamaica\nSaint Kitts and Nevis\nUnited States\n\n"
            "Officers\n\nThe Chair is elected for two years.\n\n"
            "Alternates\nBelize\nChile\nPeru\n")
    parts = [own_text(text, p) for p in parse_document(text).provisions if p.kind is not Kind.LIST]
    assert "Argentina\nBarbados\nCanada\nDominican Republic\nJamaica\nSaint Kitts and Nevis\nUnited States" in parts
    assert "Officers" in parts and "The Chair is elected for two years." in parts
    assert "Belize" in parts and "Peru" in parts  # four lines: no column


def test_small_roman_numerals_after_a_letter_are_its_parts() -> None:
    """ "(c) to prepare a report on: (i) ... (ii) ..." : the report's two parts are (c)'s, numbered 1(c)(i) and
    1(c)(ii), with its role; "(d)" after them is the next letter; an "(i)" after "(h)" is the letter i."""
    text = ("DECISION OF THE GOVERNING BODY\n\n"
            "1. The Governing Body requested the Director-General:\n\n"
            "(a) to take into account the conclusions of the Meeting in the programme of work;\n\n"
            "(c) to prepare a report on:\n\n"
            "(i) the follow-up given to the conclusions by the member States; and\n\n"
            "(ii) the resources needed to carry out the programme;\n\n"
            "(d) to report back to the Governing Body.\n\n"
            "2. The Governing Body listed its priorities:\n\n"
            "(h) labour inspection;\n\n(i) informality.\n")
    parsed = {p.eid: p for p in parse_document(text, doc_type="OutcomeDocument").provisions}
    assert parsed["para_1__para_c__para_i"].number == "1(c)(i)"
    assert parsed["para_1__para_c__para_ii"].kind is parsed["para_1__para_c"].kind is Kind.MANDATE
    assert parsed["para_1__para_d"].number == "1(d)" and parsed["para_2__para_i"].number == "2(i)"


def test_a_run_of_roman_numerals_under_a_paragraph_are_siblings() -> None:
    """A curator's walkthrough: "(i)", "(ii)" directly under paragraph 2 were read as 2(i) and 2(i)(ii), the
    letter i and a part of it. With no "(h)" before it, "(i)" opens a run of roman numerals."""
    text = ("PLAN OF ACTION OF LIMA\n\n1. Strengthen the public employment services.\n\n"
            "2. Promote the following actions:\n\n(i) share experiences among the ministries;\n\n"
            "(ii) hold a workshop on labor inspection; and\n\n(iii) publish a study on informality.\n\n"
            "3. Request the Technical Secretariat to report.\n")
    numbers = [p.number for p in parse_document(text, doc_type="PlanOfAction").provisions]
    assert numbers == ["1", "2", "2(i)", "2(ii)", "2(iii)", "3"]


@pytest.mark.parametrize(("cover", "date"), [
    # the month the document was issued, beside its symbols, over the adoption and the meeting's days
    ("XL INTER-AMERICAN CONFERENCE OF MINISTERS OF LABOR\tOEA/Ser.K/XII.40.1\nSeptember 26-27, 2040\t"
     "December 2040\nLima, Peru\tOriginal: Spanish\n\nPLAN OF ACTION OF LIMA\n\n"
     "(Adopted at the closing session, held on September 27, 2040)\n", "2040-12"),
    # a report's period is no date of its own: the meeting's
    ("May 8 to 9, 2040\n\nWashington, D.C.\n\nNOVEMBER 2039 - APRIL 2040\n\n(Item 2 on the Agenda)\n",
     "2040-05-09"),
])
def test_a_covers_month_of_issue_is_the_documents_date(cover: str, date: str) -> None:
    text = cover + "\n1. The Conference took place in Lima with the delegations of the member states.\n"
    assert parse_document(text).metadata.date == date


@pytest.mark.parametrize(("table", "numbers"), [
    # a numbered table with no header row: its first row is the first recommendation
    ("| 1 | Continue strengthening the Network for Labor Administration. |\n|---|---|\n"
     "| 2 | Promote social dialogue among the ministries of labor. |\n", ["1", "2"]),
    # a row's footnote stays out of its text, as a paragraph's does
    ("| N.º | Recommendation |\n|---|---|\n| 1 | Continue strengthening the Network.[footnoteRef:1] "
     "[1:  Utopia reserves its position.] |\n| 2 | Promote social dialogue among the ministries of labor. |\n",
     ["1", "2"]),
    # numbered tables of figures, names or dates are not provisions: one part, as before
    ("| No. | Year | Amount |\n|---|---|---|\n| 1 | 2040 | 50,000 |\n| 2 | 2041 | 60,000 |\n", []),
    ("| No. | Country | Delegate |\n|---|---|---|\n| 1 | Argentina | Juan Pérez |\n| 2 | Brazil | Maria Silva |\n",
     []),
])
def test_which_numbered_tables_are_read_row_by_row(table: str, numbers: list[str]) -> None:
    text = ("REPORT OF THE WORKING GROUP 1\n\nI. INTRODUCTION\n\nThe Working Group met in Lima on 5 and 6 May "
            "2040 with the participation of 20 Member States.\n\nII. RECOMMENDATIONS\n\n" + table)
    parsed = parse_document(text, doc_type="WorkingGroupReport")
    rows = [p for p in parsed.provisions if p.number and p.kind is not Kind.SECTION]
    assert [p.number for p in rows] == numbers, parsed.provisions
    assert all("[" not in p.text and p.text.endswith(".") for p in rows)
    assert not [w for w in parsed.warnings if w.code == "lost-line"], parsed.warnings


def test_a_footnote_on_the_cover_title_is_no_part_of_it() -> None:
    text = ("PLAN OF ACTION OF LIMA[footnoteRef:1] [1:  Adopted at the closing session.]\n\n"
            "1. Strengthen the public employment services of the region.\n")
    assert parse_document(text).metadata.title == "PLAN OF ACTION OF LIMA"



GLUED_RESOLUTION_WITH_NOTE = (
    "RESOLUTIONS OF THE GENERAL ASSEMBLY AG/RES. 9901 (LX-O/40) THE RIGHTS OF ALL MIGRANT WORKERS AND THEIR "
    "FAMILIES (Resolution adopted at the fifth plenary session, held on June 6, 2040) THE GENERAL ASSEMBLY, "
    "HAVING SEEN the annual report of the Committee on migrant workers, which describes the work of its "
    "rapporteur over the year; CONSIDERING: That the American Declaration proclaims that all persons are equal "
    "before the law without distinction of any kind; That the member states have undertaken to protect the "
    "rights of every worker in their territory, whatever the worker's origin; That the Summit of the Americas "
    "called for the full participation of all in the benefits of development; RESOLVES: 1. To urge the member "
    "states to protect the rights of migrant workers and their families.")


def test_a_glued_resolution_s_cover_with_its_adoption_note_is_no_provision() -> None:
    """The cover run onto the preamble (a heading of the host's, the symbol, the title, "(Resolution
    adopted at ...)") is set aside however long, and each "That ..." clause after "CONSIDERING:" is one (the
    first with its clause word, on its line)."""
    text = GLUED_RESOLUTION_WITH_NOTE
    assert first_words(text) == ["THE", "HAVING", "CONSIDERING:", "That", "That", "RESOLVES:", "1."]
    clauses = [own_text(text, p) for p in parse_document(text).provisions
               if own_text(text, p).startswith(("That", "CONSIDERING:"))]
    assert clauses[0].startswith("CONSIDERING: That the American")
    assert clauses[0].endswith("without distinction of any kind;")
    assert clauses[2].endswith("the benefits of development;")


def test_a_that_after_a_semicolon_in_prose_is_no_clause() -> None:
    text = ("The Working Group met twice during the year and discussed the results of the survey of the "
            "ministries, which showed a wide variety of practices among them; That the survey should be repeated "
            "was agreed by all delegations present at the second meeting of the year.")
    assert first_words(text) == ["The"]


TAGGED_LINE_ENDS = (
    "DECISION 901<br />\n\nTHE COUNCIL OF MINISTERS OF LABOR,<br />\n\nHAVING SEEN:<br />\n\n"
    "Articles 1, 3 and 12 of the Agreement, in the text codified through Decision 406;<br />\n\n"
    "the Decisions 501 and 503 of the Council; Decisions 40, 116,<br />\n\n"
    "439 and 510 of the Commission; and the rules of the Commission adopted by means of<br />\n\n"
    "Decisions 471 and 508;<br />\n\nCONSIDERING:<br />\n\n"
    "That the Presidential Council set the aim of a common labor market, and entrusted the Ministers<br />\n\n"
    "with the coordination of employment policies;<br />\n")


def test_a_line_break_s_tag_ending_lines_is_no_text_and_a_wrapped_clause_runs_on() -> None:
    """A page saved with "<br />" ending each line, a blank line after each: the tag is left out of every
    extent, and a line wrapped after a comma before a number ("40, 116, / 439 and 510") or on a
    preposition ("adopted by means of / Decisions") carries on its paragraph."""
    text = TAGGED_LINE_ENDS
    doc = parse_document(text)
    extents = [own_text(text, p) for p in doc.provisions]
    assert extents[0] == "THE COUNCIL OF MINISTERS OF LABOR,"
    assert "HAVING SEEN:" in extents
    articles = next(e for e in extents if e.startswith("Articles"))
    assert articles.endswith("Decisions 471 and 508;")
    assert not any("<br" in p.text for p in doc.provisions)
    assert extents[-1].startswith("That the Presidential") and extents[-1].endswith("employment policies;")


SITE_ARTICLE_INDEX = (
    "Banner\nexample-host.com\n\nFifth Summit of the Americas: Declaration of Commitment of Port of Spain 2040 - "
    "Strengthening the follow-up of the Summit of the Americas and the effectiveness of its implementation\n\n"
    "Print\nArticle Index\n"
    "Fifth Summit: Declaration of Commitment\nPromoting human prosperity\nPromoting energy security\n"
    "Strengthening the follow-up of the Summit\nAll Pages\n\n"
    "89. We recognize that human prosperity, energy security and environmental sustainability are closely "
    "intertwined and that an integrated framework of policies is essential.\n\n"
    "90. We call on the technical secretariats of all inter-American ministerial meetings to report to their "
    "ministers on the mandates of this Summit before the end of the year.\n")


def test_a_site_s_index_of_an_article_s_pages_is_a_table_of_contents() -> None:
    doc = parse_document(SITE_ARTICLE_INDEX)
    assert [p.eid for p in doc.provisions][-2:] == ["para_89", "para_90"]
    assert not any(p.text.startswith(("Print", "Promoting", "All Pages")) for p in doc.provisions)


GLUED_DASHED_CONCLUSIONS = (
    "CONCLUSIONS OF THE RIAL WORKSHOP ON SOCIAL DIALOGUE Montevideo, 15 April 2040 Conclusions - Although the "
    "contents of social dialogue are set in each country, there is consensus on its definition among the "
    "governments and the workers. - Dialogue is a means and an end in itself, and agreement and disagreement "
    "are equally valid results of it. - The employers' representatives expressed their disagreement with that "
    "definition, and asked that consultations seek consensus in good faith before any measure is taken.")


def test_dashes_a_host_left_for_bullets_in_a_run_on_line_are_items_under_their_heading() -> None:
    text = GLUED_DASHED_CONCLUSIONS
    doc = parse_document(text)
    parts = [(own_text(text, p)[:12], p.kind) for p in doc.provisions if p.kind is not Kind.LIST]
    assert parts == [("Conclusions", Kind.SECTION), ("- Although t", Kind.FINDING),
                     ("- Dialogue i", Kind.FINDING), ("- The employ", Kind.FINDING)]


def test_a_dash_in_a_sentence_is_no_bullet() -> None:
    text = ("The workshop was held in Montevideo - Uruguay - on 15 April 2040, with the support of the Inter-American "
            "Network for Labor Administration. - Its conclusions were adopted by consensus after two days of "
            "discussion among the delegations of the ministries of labor of the region and the social partners.")
    assert len([p for p in parse_document(text).provisions if p.kind is not Kind.LIST]) == 1


SIGNED_FOREWORD = (
    "FOREWORD\n\nThe Declaration of Labour Principles was approved by the Standing Committee of Ministers after "
    "wide consultation with the social partners of the region.\n\n"
    "I wish to record my appreciation to the members of the tripartite working party for their contribution to "
    "the development of this Declaration.\n\nJane Q. Example\nSecretary-General\nRegional Community\nGeo")


def test_a_signature_closing_the_text_is_no_provision() -> None:
    text = SIGNED_FOREWORD
    doc = parse_document(text)
    assert [own_text(text, p).split()[0] for p in doc.provisions][-2:] == ["The", "I"]
    assert {7, 8, 9, 10} <= set(doc.set_aside_lines)


def test_a_closing_list_of_short_lines_without_a_name_is_kept() -> None:
    text = ("The Ministers agreed to work on the following topics over the next two years of the Plan.\n\n"
            "Social dialogue\nLabor inspection\nYouth employment\n")
    assert first_words(text) == ["The", "Social", "Labor", "Youth"]


RESOLUTION_IN_SENTENCE_CASE = (
    "The Tenth Inter-American Conference,\nConsidering:\n"
    "That women play an ever more important part in the economic life of the American republics;\n"
    "That the governments of the American republics show great interest in the protection of workers,\n"
    "Resolves:\n"
    "To recommend to the Member States that, within their constitutional limits:\n"
    "a) They give special attention to the problems of working women, including equal pay for equal work;\n"
    "b) They ensure equal access of men and women to every form of vocational training.\n")


def test_a_resolution_printed_in_sentence_case_begins_at_its_subject_and_resolves() -> None:
    doc = parse_document(RESOLUTION_IN_SENTENCE_CASE)
    kinds = [(own_text(RESOLUTION_IN_SENTENCE_CASE, p).split()[0], p.kind) for p in doc.provisions]
    assert kinds[:2] == [("The", Kind.PARAGRAPH), ("Considering:", Kind.PARAGRAPH)]
    assert kinds[-3:] == [("To", Kind.MANDATE), ("a)", Kind.MANDATE), ("b)", Kind.MANDATE)]


COMPILED_RESOLUTIONS = (
    "To instruct the Permanent Council to follow up on this resolution with the support of the Secretariat.\n"
    "To request the Permanent Council to report on the implementation of this resolution next year.\n"
    "To request the General Secretariat to support the work of the national focal points in the region.\n"
    "To request the Secretary General to forward this resolution to the competent subregional agencies.\n"
    "AG/RES. 9902 (LX-O/40)\nACTIVITIES OF THE INTER-AMERICAN COUNCIL\n"
    "(Adopted at the fourth plenary session, held on June 5, 2040)\n"
    "HAVING SEEN resolution CIDI/RES. 901 (L-O/40), on the participation of the Council;\n"
    "CONSIDERING that the Charter entrusts the Council with integral development;\n")


def test_the_cover_of_a_further_resolution_in_a_compilation_is_set_aside() -> None:
    doc = parse_document(COMPILED_RESOLUTIONS)
    assert [own_text(COMPILED_RESOLUTIONS, p).split()[0] for p in doc.provisions] == [
        "To", "To", "To", "To", "HAVING", "CONSIDERING"]
    assert {5, 6, 7} <= set(doc.set_aside_lines)


INDEX_WITH_MARKS_ALONE = (
    "FINAL REPORT OF THE HIGH-LEVEL MEETING ON SOCIAL INCLUSION\nOEA/Ser.W/IX.9\nOriginal: Spanish\nINDEX\n"
    "I.\nBackground\nP. 1\nII. Participants\nP. 1\nIII. Proceedings\nP. 2\n-2-\nI.\nBACKGROUND\n"
    "The High-Level Meeting on Social Inclusion was held in the framework of the Inter-American Council for\n"
    "Integral Development on 8, 9 and 10 October 2040, in response to mandates of the General Assembly.\n")


def test_an_index_whose_first_mark_is_alone_on_its_line_ends_where_its_first_entry_heads_the_text() -> None:
    doc = parse_document(INDEX_WITH_MARKS_ALONE)
    assert [(p.eid, p.kind) for p in doc.provisions] == [("sec_1", Kind.SECTION), ("sec_1__al_1", Kind.PARAGRAPH)]


PDF_PLAN_PAGE_BREAKS = (
    "PLAN OF ACTION OF LIMA\n\n"
    "Nosotros, los Ministros de Trabajo de los Estados Miembros de la Organización de los Estados Americanos (OEA), "
    "reunidos con ocasión de la XL\n"
    "Conferencia Interamericana de Ministros de Trabajo, adoptamos el presente Plan de Acción.\n\n"
    "III. COORDINACIÓN CON OTROS PROCESOS MINISTERIALES Y\n\nORGANIZACIONES\n\n"
    "10. To request the Technical Secretariat of the Conference to support the implementation of this Plan of "
    "Action and to report on its progress at the XLI\n\nIACML.\n\n"
    "11. To thank the Government of Peru for its leadership as Pro Tempore Chair of the Conference.\n")


def test_a_sentence_or_heading_a_page_break_cut_after_an_ordinal_or_a_conjunction_goes_on() -> None:
    """As a PDF's text reads: a paragraph cut by a page after a meeting's ordinal ("at the XLI" / "IACML."), a
    line wrapped after one ("de la XL" / "Conferencia"), a heading in capitals after "Y" ("... Y" / "ORGANIZACIONES")."""
    text = PDF_PLAN_PAGE_BREAKS
    doc = parse_document(text, doc_type="PlanOfAction")
    extents = {p.eid: own_text(text, p) for p in doc.provisions}
    assert not [p for p in doc.provisions if p.kind is Kind.SECTION and p.number is None], extents
    assert extents["para_10"].endswith("at the XLI\n\nIACML.")
    assert extents["sec_3"].endswith("Y\n\nORGANIZACIONES")
    assert any(e.startswith("Nosotros") and e.endswith("adoptamos el presente Plan de Acción.") for e in extents.values())


def test_an_annex_lettered_e_is_no_heading_left_open() -> None:
    text = "ANEXO E\n\nLISTA DE PARTICIPANTES\n\nThe delegations of the member states that took part are listed below.\n"
    sections = [own_text(text, p) for p in parse_document(text).provisions if p.kind is Kind.SECTION]
    assert "ANEXO E\n\nLISTA DE PARTICIPANTES" not in sections


PLAN_WITH_A_PREAMBLE = (
    "PLAN OF ACTION OF LIMA\n\n"
    "We, the Ministers of Labor of the member states, gathered in Lima, adopt the following Plan of Action.\n\n"
    "We recognize that the pandemic has deepened the inequalities of the labor markets of the region.\n\n"
    "We underline the value of the Inter-American Network for Labor Administration for the exchange of "
    "experiences.\n\n"
    "1. To establish two Working Groups to advise the Conference on the objectives of this Plan.\n\n"
    "2. We recognize the work of the Technical Secretariat in the preparation of this Conference.\n")


def test_what_the_ministers_recognize_in_a_plan_is_no_mandate() -> None:
    """A Plan of Action's enacting words and operative paragraphs are mandates; its preamble in the first person
    ("We recognize ...", "We underline ..."), numbered or not, is not."""
    doc = parse_document(PLAN_WITH_A_PREAMBLE, doc_type="PlanOfAction")
    kinds = [(own_text(PLAN_WITH_A_PREAMBLE, p).split()[1], p.kind) for p in doc.provisions]
    assert kinds == [("the", Kind.MANDATE), ("recognize", Kind.PARAGRAPH), ("underline", Kind.PARAGRAPH),
                     ("To", Kind.MANDATE), ("We", Kind.PARAGRAPH)]


# Texts on which the rules above first misfired (a review of them), each read as before the rules.
MISFIRES = {
    "a first paragraph citing an adoption": (
        "DECLARATION OF SANTIAGO\n\n1. We reaffirm our commitment to the Declaration of Lima (adopted at the XXX "
        "Inter-American Conference of Ministers of Labor in 2040) and to the principles it sets out.\n\n"
        "2. We recognize the contribution of the social partners to the work of the Conference.\n",
        ["1.", "2."]),
    "a closing list of topics in title case": (
        "DECLARATION OF LIMA\n\n1. We instruct the Working Groups to address the following priority topics over the "
        "next two years, with the support of the Technical Secretariat.\n\nLabor Inspection\nSocial Dialogue\n"
        "Youth Employment\nGender Equality\n",
        ["1.", "Labor", "Social", "Youth", "Gender"]),
    "a salutation ending on a comma over a paragraph opening on a year": (
        "PALABRAS DEL SECRETARIO GENERAL\n\nSeñoras y señores ministros,\n\n2040 ha sido un año difícil para los "
        "mercados de trabajo de la región, y la Conferencia se reúne en un momento de grandes desafíos.\n",
        ["Señoras", "2040"]),
    "captions after dashes in a run-on line": (
        "NEWS\n\nThe Ministers of Labor of the Americas met in Lima on 3 March 2040. - Photo: OAS. The meeting was "
        "opened by the Secretary General, who recalled the work of the Conference since its first meeting. - "
        "Video: OAS. The Ministers adopted the Declaration and Plan of Action of Lima for the next three years.\n",
        ["The"]),
    "a lettered axis named by its own letter": (
        "PLAN DE ACCIÓN\n\nA. EJE TEMÁTICO A\nCOMPROMISOS GENERALES\n\n1. Promover el trabajo decente en la "
        "región.\n\nE. EJE TEMÁTICO E\nDIÁLOGO SOCIAL\n\n2. Promover el diálogo social tripartito.\n",
        ["A.", "COMPROMISOS", "1.", "E.", "DIÁLOGO", "2."]),
    "Print in a list of media": (
        "COMMUNICATION STRATEGY\n\nThe Technical Secretariat will disseminate the results of the Conference through "
        "the following media:\n\nRadio\nPrint\nTelevision\nSocial networks\n\nThe strategy will be reviewed at the "
        "next meeting of the Working Groups.\n",
        ["The", "Radio", "Print", "Television", "Social", "The"]),
}


@pytest.mark.parametrize("case", sorted(MISFIRES))
def test_ordinary_texts_the_new_rules_leave_alone(case: str) -> None:
    text, words = MISFIRES[case]
    assert first_words(text) == words


def test_bullets_after_a_lead_in_that_mentions_recommendations_stay_items() -> None:
    text = ("REPORT OF THE MEETING\n\nThe Working Group met virtually on 3 March 2040 with eighteen ministries.\n\n"
            "Following up on the recommendations of the previous meeting, the Technical Secretariat presented:\n\n"
            "• A summary of the national reports on labor inspection received from the ministries.\n"
            "• The schedule of the workshops planned for the second half of the year.\n\n"
            "The following delegations, which had not reached consensus on the text, asked for more time:\n\n"
            "• Argentina\n• Brazil\n")
    kinds = {p.kind for p in parse_document(text).provisions if p.eid.rsplit("__", 1)[-1].startswith("item_")}
    assert kinds == {Kind.ITEM}


def test_a_plan_s_paragraph_that_recognizes_and_asks_is_a_mandate() -> None:
    text = ("PLAN OF ACTION OF LIMA\n\n1. We welcome the offer of the Government of Brazil to host the next Conference "
            "and instruct the Technical Secretariat to support its preparation.\n\n2. We consider it essential to "
            "strengthen the employment services and commit to report on their progress.\n\n3. We stress the importance "
            "of social dialogue and will convene a tripartite meeting in 2041.\n")
    assert {p.kind for p in parse_document(text, doc_type="PlanOfAction").provisions} == {Kind.MANDATE}


WORK_PLAN_TABLE = (
    "WORK PLAN 2040-2042\n\nThe Working Groups will carry out the following activities:\n\n"
    "| No. | Activity | Responsible | Timeline |\n|---|---|---|---|\n"
    "| 1 | Hold a hemispheric workshop on labor inspection and the use of data for planning | Working Group 2 | 2040 |\n"
    "| 2 | Update the study on the institutionalization of a gender approach in the ministries | Secretariat | 2041 |\n"
    "| 3 | Organize virtual dialogues on platform work with the social partners of the region | Working Group 1 | "
    "2042 |\n")


def test_a_work_plan_s_table_of_activities_begins_its_body_with_its_lead_in() -> None:
    """A table of numbered activities (number, activity, who, when) is the body, read a row an activity, and the
    sentence leading it in is the body's first paragraph, not cover."""
    doc = parse_document(WORK_PLAN_TABLE, doc_type="WorkPlan")
    assert [(p.eid, p.kind) for p in doc.provisions] == [
        ("al_1", Kind.MANDATE), ("para_1", Kind.MANDATE), ("para_2", Kind.MANDATE), ("para_3", Kind.MANDATE)]
    assert by_eid(doc)["para_2"].text == ("Update the study on the institutionalization of a gender approach in the "
                                          "ministries | Secretariat | 2041")


def test_a_table_of_participants_with_four_cells_is_not_read_a_row_a_provision() -> None:
    text = ("LIST OF PARTICIPANTS\n\nThe following delegations took part in the meeting of the Conference:\n\n"
            "| No. | Country | Name | Position |\n|---|---|---|---|\n| 1 | Argentina | Juan Pérez | Minister of Labor |\n"
            "| 2 | Brazil | Maria Souza | Vice Minister of Labor and Employment |\n")
    assert not [p for p in parse_document(text).provisions if p.eid.startswith("para_")]


def test_the_cover_s_symbol_heading_a_later_page_is_furniture() -> None:
    """As a PDF's text reads when a paragraph runs over the first page break: the next page's running header (the
    cover's symbol, alone, no page marker beside it) comes before the paragraph, and is no provision."""
    text = ("XXX INTER-AMERICAN CONFERENCE OF MINISTERS OF LABOR\nOEA/Ser.K/XII.30.1\nTRABAJO/doc.5/40\n\n"
            "DECLARATION OF LIMA\n\n1. We commit to strengthen the public employment services of the region.\n\n"
            "OEA/Ser.K/XII.30.1\n\n2. The Chair pro tempore will coordinate the implementation of this Declaration with "
            "the Technical Secretariat and the international organizations.\n")
    doc = parse_document(text)
    assert [p.eid for p in doc.provisions] == ["para_1", "para_2"]
    assert 9 in doc.set_aside_lines


LETTERED_UNDER_ROMAN = (
    "REPORT OF THE WORKING GROUP\n\nI. INTRODUCTION\n\nThe Working Group met twice to review the Plan of Action.\n\n"
    "II. ACTIVITIES CARRIED OUT\n\nA. Intersectoral Workshop on education and labor\n\nThe workshop was held in "
    "Buenos Aires in May 2040.\n\nB. Hemispheric Workshop on qualifications frameworks and the recognition of the "
    "skills of migrant workers in the Americas (Panama City, March 2041)\n\nThe workshop took place in Panama City."
    "\n\nC. Virtual dialogue on skills certification\n\nThe RIAL held a virtual dialogue in June 2041.\n\n"
    "III. MAIN CONCLUSIONS\n\nThe Ministries recognize that qualifications frameworks are a tool for coordination.\n")


def test_a_lettered_heading_c_is_not_the_roman_numeral_100() -> None:
    """Under roman sections, "C." after "B." is subsection C, not section 100 (issue: "a lettered heading C. is not
    the roman numeral 100"); and "B." over a long heading in mixed case, the letter after "A.", is a heading too."""
    doc = parse_document(LETTERED_UNDER_ROMAN)
    sections = [(p.eid, p.number) for p in doc.provisions if p.kind is Kind.SECTION]
    assert sections == [("sec_1", "I"), ("sec_2", "II"), ("sec_2__subsec_1", "A"), ("sec_2__subsec_2", "B"),
                        ("sec_2__subsec_3", "C"), ("sec_3", "III")]


def test_words_ending_like_an_infinitive_are_not_mandates_in_spanish() -> None:
    """A Spanish paragraph opening with an ordinal, an adverb or an accented noun ending in -er/-ar ("Primer",
    "Ayer", "Líder", "Carácter"), or with what only takes note, is no mandate; "Perfeccionar ..." is."""
    text = ("DECLARACIÓN DE LIMA\n\n"
            "1. Primer lugar de encuentro de los ministros de la región en esta década de cambios.\n"
            "2. Ayer los ministros visitaron los centros de formación profesional de la ciudad.\n"
            "3. Líder regional en la formación de inspectores del trabajo, el país acoge la reunión.\n"
            "4. Carácter tripartito de las delegaciones que participaron en las sesiones de trabajo.\n"
            "5. Tomar nota con satisfacción del informe presentado por la Secretaría Técnica.\n"
            "6. Constatar los avances logrados por los países en la reducción de la informalidad.\n"
            "7. Perfeccionar los sistemas de información del mercado laboral de la región.\n")
    kinds = [p.kind for p in parse_document(text, doc_type="Declaration", language="es").provisions
             if p.kind != "Section"]
    assert kinds == ["Paragraph"] * 6 + ["Mandate"], kinds


def test_what_a_committing_lead_in_lists_are_mandates_and_capitals_leading_in_no_heading() -> None:
    """"We commit to:" over imperatives lists commitments, not topics; "WE DECLARE THE FOLLOWING:" in capitals
    leads in to the operative text and heads nothing."""
    text = ("DECLARATION OF LIMA\n\nWE DECLARE THE FOLLOWING:\n\n"
            "1. The Ministers of Labor reaffirm their commitment to decent work for all in the region.\n\n"
            "We commit to:\n\n- Strengthen cooperation among the ministries of labor of the region.\n"
            "- Promote decent work in the rural economy and in the informal sector.\n")
    provisions = parse_document(text, doc_type="Declaration").provisions
    assert not any(p.kind == "Section" and "DECLARE" in p.text for p in provisions)
    listed = [p.kind for p in provisions if p.text.startswith(("Strengthen", "Promote"))]
    assert listed == ["Mandate", "Mandate"], [(p.eid, p.kind, p.text[:30]) for p in provisions]


def test_a_text_without_a_cover_that_mandates_nothing_is_a_web_page() -> None:
    """No kind named, no symbol, date or "Original:": a page about the work, typed so only once read as a
    text of unknown kind; a cover's symbol, or a mandate in the text, leaves the kind unknown."""
    page = ("Our Network\n\nThe Network brings together the ministries of labor of the region to share what they "
            "learn.\n\nIts members meet once a year to review the projects under way.\n")
    assert parse_document(page).metadata.type == "WebPage"
    assert parse_document("TRABAJO/doc.9/40\n\n" + page).metadata.type is None
    mandating = ("Our Network\n\n1. Promote the exchange of experiences among the ministries of labor.\n\n"
                 "2. Prepare a report on the projects under way for the next meeting.\n")
    doc = parse_document(mandating)
    assert doc.metadata.type is None
    assert [p.kind for p in doc.provisions if p.number] == [Kind.MANDATE, Kind.MANDATE]


@pytest.mark.parametrize(("cover", "title"), [
    ("OEA/Ser.P\nAG/RES. 9999 (LX-O/40)\n12 June 2040\nOriginal: English\n\nRESOLUTION\n\n"
     "PROMOTION OF THE RIGHTS OF WORKERS\n\nAND OF THEIR FAMILIES\n", "PROMOTION OF THE RIGHTS OF WORKERS AND OF THEIR FAMILIES"),
    ("Resolutions of the Assembly\n\nAG/RES. 9999 (LX-O/40)\n\nMEETING OF MINISTERS OF LABOR OF THE AMERICAS\n",
     "MEETING OF MINISTERS OF LABOR OF THE AMERICAS"),
    ("CIDI/REMDES/doc.9/40\n12 May 2040\nCOMMUNIQUÉ OF THE TENTH MEETING OF MINISTERS\nOF SOCIAL DEVELOPMENT\n"
     "Building Bridges Across the Region\n", "COMMUNIQUÉ OF THE TENTH MEETING OF MINISTERS OF SOCIAL DEVELOPMENT"),
])
def test_the_title_of_an_adopted_text_is_printed_over_its_note_of_adoption(cover: str, title: str) -> None:
    """Back from the note of adoption to the symbol, date or "Original:" over it; the kind alone on a line and a
    subtitle in lower case are not part of it."""
    text = cover + "\n(Adopted at the fourth plenary session, held on June 12, 2040)\n\nTHE GENERAL ASSEMBLY,\n\n" \
        "HAVING SEEN the annual report of the Permanent Council on this matter,\n\nRESOLVES:\n\n" \
        "1. To urge the member states to protect the rights of workers.\n"
    assert parse_document(text).metadata.title == title


FINAL_REPORT = """ORGANIZATION OF AMERICAN STATES

XL INTER-AMERICAN CONFERENCE OF OEA/Ser.K/XII.40.1 MINISTERS OF LABOR CIDI/TRABAJO/doc.30/40 March 5 and 6, 2040 \
9 April 2040 Original: English

FINAL REPORT

{under}

CONTENTS

I. Background ........ 1

I. BACKGROUND

The Conference met in Nassau with the delegations of thirty member states and the advisory bodies.
"""


@pytest.mark.parametrize(("under", "title_meeting"), [
    ("XL INTER-AMERICAN CONFERENCE OF MINISTERS OF LABOR OF THE", "XL INTER-AMERICAN CONFERENCE OF MINISTERS OF LABOR OF THE "
     "ORGANIZATION OF AMERICAN STATES"),  # run on from its open end
    ("XL Inter-American Conference of Ministers of Labor", "XL Inter-American Conference of Ministers of Labor"),
    ("17th Street and Constitution Avenue, Washington, D.C.", None),  # an address names no meeting
])
def test_the_meeting_named_under_a_title_that_is_only_its_kind_is_read(under: str, title_meeting: str | None) -> None:
    """A walkthrough's final report was titled "FINAL REPORT" alone: which report it is, the line under it says
    (``kb add`` proposes the two together; the cover's title stays as printed)."""
    text = FINAL_REPORT.format(under=under + ("\n\nORGANIZATION OF AMERICAN STATES" if under.endswith("THE") else ""))
    metadata = parse_document(text).metadata
    assert (metadata.title, metadata.title_meeting) == ("FINAL REPORT", title_meeting)


@pytest.mark.parametrize(("first", "title"), [
    ("Tercera Reunión de los Grupos de Trabajo de la Red - 2040", "Tercera Reunión de los Grupos de Trabajo de la Red - 2040"),
    ("Reunión de Planificación 2040-2041 de la Red", "Reunión de Planificación 2040-2041 de la Red"),
    ("Seminario de la Red, 12.05.2040", None),  # a date is no part of a title
    ("Lima, 12 de mayo de 2040", None),
])
def test_a_pages_first_line_is_its_title_though_it_names_a_year(first: str, title: str | None) -> None:
    """A walkthrough's page: its plain title on its first line ended on the year, and the slug came from the
    file's name. A year is part of a title; a date is not."""
    text = (f"{first}\n\nLos Grupos de Trabajo de la Red se reunieron en Lima con delegados de veinte Estados "
            "miembros, representantes de trabajadores y de empleadores, para examinar los avances del año.\n")
    assert parse_document(text).metadata.title == title


@pytest.mark.parametrize(("front", "title"), [
    ("Executive Secretariat for Integral Development (SEDI)\n\nBack to the Department\n\n"
     "Third Meeting of the Working Groups of the Network\n\nPlace and date: Lima, Peru, April 15 to 17, 2040\n",
     "Third Meeting of the Working Groups of the Network"),
    ("Speeches of the Director\n\nOPENING OF THE TENTH MEETING OF MINISTERS OF CULTURE\n\n"
     "12 de noviembre de 2040 - Ciudad de Panamá\n", "OPENING OF THE TENTH MEETING OF MINISTERS OF CULTURE"),
    ("Home | Ministries | News\n\nInter-American Committee on Culture\n\n3 May 2040\n", None),
])
def test_a_page_title_is_the_heading_over_its_dateline(front: str, title: str | None) -> None:
    """Not the host's furniture over it; an organ's name over a date is no title."""
    text = front + "\nThe delegations of twenty ministries met to review the projects of the Network in the region.\n"
    assert parse_document(text).metadata.title == title


@pytest.mark.parametrize("opening", ["La Cuadragésima Asamblea de la Red,\n\nConsiderando:\n\n",
                                     "CONSIDERING:\n\n"])
def test_a_text_opening_on_a_resolution_preamble_is_an_outcome_document(opening: str) -> None:
    """A cover that names no kind, over an organ's resolution (its name as the subject, or its preamble)."""
    text = ("Lima, 2040\n\n" + opening + "That the ministries of the region have asked for a common plan;\n\n"
            "RESOLVES:\n\n1. To adopt the plan of the Network.\n")
    assert parse_document(text).metadata.type == "OutcomeDocument"


def test_a_page_in_a_site_section_of_speeches_is_a_meeting_summary() -> None:
    """A speech, under its host's heading, is read as the record of the meeting it was given at."""
    text = ("Speeches and other documents by the Director\n\nTENTH MEETING OF MINISTERS OF CULTURE\n\n"
            "July 9, 2040 - Lima\n\nIt is a pleasure to open this meeting with the ministers of the region.\n")
    assert parse_document(text).metadata.type == "MeetingSummary"


@pytest.mark.parametrize(("front", "title"), [
    ("Organization of American States Summits of the Americas\nBack to the mandates\nClick here for related meetings\n"
     "LABOR: Working Conditions\n", "LABOR: Working Conditions"),
    ("Executive Secretariat for Integral Development (SEDI)\n\nInter-American Committee on Culture\n\n"
     "Third Regular Meeting of the Inter-American Committee on Culture\n",
     "Third Regular Meeting of the Inter-American Committee on Culture"),
    ("Tenth Conference of Ministers of Labor of the Region\n", "Tenth Conference of Ministers of Labor of the Region"),
    ("(Approved at the Assembly of the Network)\n", None),
])
def test_a_page_title_is_its_first_heading_under_the_host_furniture(front: str, title: str | None) -> None:
    """Under the host's name, its links and an organ's name alone; on a page with no symbol, a heading naming a
    meeting is the page's title, not a cover's line."""
    text = front + "\nThe delegations of twenty ministries met to review the projects of the Network in the region.\n"
    assert parse_document(text).metadata.title == title


@pytest.mark.parametrize(("line", "symbol"), [
    ("CP/CSH-9999/40 rev. 2", "CP/CSH-9999/40 rev. 2"), ("GT/RTP-99/40", "GT/RTP-99/40"),
    ("ASCA/Foro-77/40", "ASCA/Foro-77/40"),
])
def test_a_working_group_paper_numbered_by_year_is_a_symbol(line: str, symbol: str) -> None:
    text = (f"PERMANENT COUNCIL OEA/Ser.G\nCOMMITTEE ON SECURITY {line}\n3 May 2040\nOriginal: English\n\n"
            "1. The member states adopted the following measures.\n")
    assert parse_document(text).metadata.symbols == ("OEA/Ser.G", symbol)


def test_a_resolution_symbol_with_a_doubled_stop_is_a_symbol_not_a_title() -> None:
    text = ("AG/RES.. 9999 (LX-O/40)\nDERECHOS DE LOS TRABAJADORES DE LA REGIÓN\n"
            "(Aprobada en la cuarta sesión plenaria, celebrada el 4 de junio de 2040)\n\nLA ASAMBLEA GENERAL,\n\n"
            "VISTO el informe anual del Consejo Permanente;\n\nRESUELVE:\n\n1. Encomendar al Consejo el seguimiento.\n")
    metadata = parse_document(text).metadata
    assert (metadata.title, metadata.symbols) == ("DERECHOS DE LOS TRABAJADORES DE LA REGIÓN",
                                                  ("AG/RES.. 9999 (LX-O/40)",))


def test_a_title_in_capitals_left_open_on_an_article_runs_on() -> None:
    """No title ends on "EN EL", "DE LOS", "AL": the next line in capitals continues it."""
    text = ("OEA/Ser.K/XII.40.1\nTRABAJO/doc.9/40\n\nDECLARACIÓN DE LIMA SOBRE LOS DERECHOS DE LAS MUJERES EN EL\n"
            "MUNDO DEL TRABAJO\n\n1. Reafirmamos nuestro compromiso con la igualdad en el trabajo.\n")
    assert parse_document(text).metadata.title == "DECLARACIÓN DE LIMA SOBRE LOS DERECHOS DE LAS MUJERES EN EL MUNDO " \
        "DEL TRABAJO"


def test_a_resolution_printing_no_title_over_its_adoption_note_has_none() -> None:
    """The host's heading over it is not its title."""
    text = ("Department of Legal Affairs of the Region\nLegal Cooperation\n\nAG/RES. 9999 (LX-O/40)\n\n\n"
            "(Adopted at the fourth plenary session, held on June 7, 2040)\n\n"
            "HAVING SEEN resolution CIDI/RES. 99 (LX-O/40) on the cooperation of the region;\n\n"
            "RESOLVES:\n\n1. To urge the member states to cooperate.\n")
    assert parse_document(text).metadata.title is None


@pytest.mark.parametrize(("cover", "date"), [
    ("THIRD MEETING OF MINISTERSOEA/Ser.K/V.9.1\nAugust 11-13, 2040CIDI/RME/doc. 9/40\nLima, Peru12 November 2040\n",
     "2040-11-12"),
    ("SECOND MEETING OF MINISTERS\n24-25 September, 2040 1st November, 2040\nLima, Peru Original: Spanish\n",
     "2040-11-01"),
    ("REPORT OF THE MEETING OF LABOUR MINISTERS\n\nLima, Peru 18-19 April, 2040\n", "2040-04-19"),
])
def test_dates_glued_to_a_place_with_an_ordinal_or_a_comma_are_read(cover: str, date: str) -> None:
    """A date glued to the place over it, a day written "1st", a range with a comma before the year."""
    text = cover + "\nThe meeting of the ministers of the region was held in Lima to review the projects.\n"
    assert parse_document(text).metadata.date == date


@pytest.mark.parametrize(("line", "date"), [
    ("Place and Date: Virtual. September, 22-24, 2040", "2040-09-24"),
    ("Washington, D.C. – September 10 and 15th, 2040", "2040-09-15"),
])
def test_a_meeting_range_with_a_comma_or_an_ordinal_gives_its_last_day(line: str, date: str) -> None:
    text = ("Third Meeting of the Working Groups\n\n" + line +
            "\n\nThe delegations of twenty ministries met to review the projects of the Network in the region.\n")
    assert parse_document(text).metadata.date == date


def test_a_page_title_printed_twice_over_its_dateline_is_the_first() -> None:
    text = ("Back to the Department\n\nSecond Meeting of the Working Groups of the Network\n\n"
            "Second Meeting of the Working Groups of the Inter-American Network for Labor Administration\n\n"
            "Lima, Peru – September 10 and 15th, 2040\n\n"
            "The delegations of twenty ministries met to review the projects of the Network in the region.\n")
    assert parse_document(text).metadata.title == "Second Meeting of the Working Groups of the Network"


def test_a_press_release_headline_and_dateline_give_its_title_and_date() -> None:
    """A headline too long for a cover line, over its dateline, where the body seems to begin."""
    headline = ("Ministers of Labor of the Region agree on new measures to build a more resilient, inclusive and "
                "sustainable future of work centred on the people of the Americas and their families")
    text = ("Press Release\n\n\n" + headline + "\n\n  24 September 2040\n\n"
            "The ministers of labor of the region agreed today on a declaration and a plan of action for the years "
            "ahead, at the close of their meeting in Lima.\n")
    metadata = parse_document(text).metadata
    assert (metadata.title, metadata.date) == (headline, "2040-09-24")


GLUED_DECK = (
    "Title: Click to add text\n"
    "1Skills for the future in the\n"
    "Ministries of Labor John Roe, Director of\n"
    "Employment, Working Groups Meeting, Lima, May 3, 2040\n"
    "2Why skills matter\n"
    "- Employers ask for skills the schools do not teach\n"
    "- Young workers change jobs more often\n"
    "3What the ministries did\n"
    "- A survey of the skills employers ask for\n"
    "4Next steps\n"
    "- A plan to train young workers\n")


def test_a_decks_slide_numbers_glued_to_their_titles() -> None:
    """A deck saved as text prints each slide's title on a line after its number, glued to it ("2Why skills
    matter"): the number is no part of the title, the title heads the slide's bullets, the first slide is the
    deck's cover."""
    doc = parse_document(GLUED_DECK)
    got = [(p.kind, own_text(GLUED_DECK, p)) for p in doc.provisions if p.kind is not Kind.LIST]
    assert [k for k, _ in got] == [Kind.SECTION, Kind.ITEM, Kind.ITEM, Kind.SECTION, Kind.ITEM, Kind.SECTION,
                                   Kind.ITEM]
    assert [t for k, t in got if k is Kind.SECTION] == ["Why skills matter", "What the ministries did", "Next steps"]


def test_numbers_glued_to_sentences_are_no_slides() -> None:
    """Footnotes whose numbers a conversion glued to their text ("1See the report ...") are sentences, not a
    deck's slides."""
    text = ("The Ministers met in Lima and adopted a plan on the skills of young workers.\n"
            "1See the report of the meeting, which lists the delegations that took part.\n"
            "2The plan was prepared by the two Working Groups over the previous year.\n"
            "3The next meeting will be held in Quito, as the Ministers agreed.\n")
    assert not any(p.kind is Kind.SECTION for p in parse_document(text).provisions)


NEWS_ITEM = ("Press Release\n\n\nTHE MINISTERS OF LABOR OF THE REGION PLEDGE NEW EFFORTS FOR SAFER WORKPLACES\n\n"
             "  9 de octubre de 2041\n\n"
             "The Ministers of Labor of the region closed their meeting today with a declaration on safety and "
             "health at work, which the delegations adopted by consensus after two days of debate.\n\n"
             "The Conference also agreed on a plan of action for the next two years.\n")
NEWS_ITEM_STANDFIRST = ("Labor ministers adopt a plan for an inclusive recovery\n\n"
                        "The plan joins the regional strategy for recovery and resilience of the subregion and its members.\n\n"
                        "News | November 24, 2041\n\n"
                        "Representatives of the ministries of labor approved, at their most recent meeting, a plan "
                        "of action for an inclusive economic recovery.\n")


NEWS_ITEM_LONG_HEADLINE = ("Ministers of Labor Adopt the Declaration of Lima: \"Forty Years of Regional Dialogue for "
                           "Decent Work, Social Justice and Sustainable Development in the Americas and Beyond\"\n\n"
                           "  October 9, 2041\n\n"
                           "The Conference, attended by the delegations of the Member States, closed today.\n\n"
                           "The Conference also agreed on a plan of action for the next two years.\n")


@pytest.mark.parametrize("text", [NEWS_ITEM, NEWS_ITEM_STANDFIRST, NEWS_ITEM_LONG_HEADLINE])
def test_a_news_items_headline_and_dateline_are_its_cover(text: str) -> None:
    """A press release's headline (and the line under it) and the date under them are no paragraphs: its text
    begins after the date; the date is the cover's."""
    doc = parse_document(text)
    assert [w for w in first_words(text)] == (["Representatives"] if text is NEWS_ITEM_STANDFIRST else ["The", "The"])
    assert doc.metadata.date in ("2041-10-09", "2041-11-24")


def test_a_date_after_a_first_paragraph_does_not_move_the_body() -> None:
    """A date under a sentence is no dateline under a headline: a letter's first paragraph stays."""
    text = ("The Technical Secretariat is pleased to send the report of the meeting to the delegations.\n\n"
            "Washington, March 5, 2041\n\n"
            "The report was approved by the delegations at the closing session of the meeting held in the city.\n")
    assert first_words(text)[0] == "The"
    assert len(first_words(text)) >= 2


def test_a_link_to_a_file_with_its_size_is_no_provision() -> None:
    """A page's links to its files, each name followed by the file's size ("PDF icon Agenda 12.5 KB"), are the
    site's furniture, not the text's paragraphs."""
    text = ("The workshop gathered the delegations of the ministries of labor of the region for two days.\n\n"
            "PDF icon Programme of the workshop88.12 KB\nPDF icon Final report 1.2 MB\n\n"
            "The delegations agreed to meet again the following year in another city of the region.\n")
    assert first_words(text) == ["The", "The"]


PROGRAMME_PAGE = ("The workshop gathered the delegations of the ministries of labor of the region for two days.\n\n"
                  "Session 1: Skills for the green transition\n\n"
                  "Skills policies in a changing economy, by Jane Doe, Adviser, Ministry of Labor of Utopia\n"
                  "• Presentation\n\n"
                  "2nd Session - Public employment services\n\n"
                  "Panel 1 - Lessons from the pilot programmes\n\n"
                  "Employment services for young people, by John Roe, Director, National Employment Agency\n"
                  "• Presentation\n")


def test_a_programmes_sessions_and_panels_head_what_follows() -> None:
    """"Session 1: ...", "2nd Session - ..." and "Panel 1 - ..." head the presentations listed under them (no number:
    a provision's number is the mark it opens with, "1." or "(a)")."""
    doc = parse_document(PROGRAMME_PAGE)
    heads = [(own_text(PROGRAMME_PAGE, p).split(" ")[0], p.number) for p in doc.provisions if p.kind is Kind.SECTION]
    assert heads == [("Session", None), ("2nd", None), ("Panel", None)]


WRAPPED_CLAUSES = (
    "THE EXECUTIVE BOARD OF THE COMMITTEE,\n\nCONSIDERING:\n\n"
    "That the Committee decided at its last meeting to establish three working groups of the Board in\n"
    "order to carry out the tasks of its plan of action for the period under review; and\n"
    "That several member states have expressed their interest in taking part in the work of the\n"
    "working groups and in the preparation of their reports to the next meeting of the Committee,\n\n"
    "RESOLVES:\n\n"
    "To incorporate the member states that asked to take part into the working groups of the Board.\n")


def test_a_clause_closed_by_and_in_a_wrapped_text_ends_there() -> None:
    """"...; and" closes a clause of a preamble though its line runs to the width of a hard-wrapped text: the
    line after it, in capitals, opens the next clause."""
    assert first_words(WRAPPED_CLAUSES).count("That") == 2


SLIDE_HOST_PAGE = (
    "Presentation is loading. Please wait.\n\n"
    "Skills for the future: what the Network learned in 2039-2040, Jane Doe, Coordinator of the Network.\n\n"
    "Similar presentations\n\n"
    "Presentation on theme: \"Skills for the future: what the Network learned in 2039-2040\"— Presentation "
    "transcript:\n\n"
    "1 Skills for the future: what the Network learned in 2039-2040 Jane Doe, Coordinator of the Network\n\n"
    "2 Background The Network was created by the Ministers of Labor to share experiences among ministries.\n\n"
    "3 Results Twelve workshops were held and forty cooperation missions took place among the ministries.\n")


def test_a_slide_hosts_captions_and_title_slide_are_no_provisions() -> None:
    """A slide host's page prints the deck's title, "Similar presentations", "Presentation on theme: ..." and the
    title slide before the deck's text: none of them is a provision; the slides after them are."""
    doc = parse_document(SLIDE_HOST_PAGE)
    assert first_words(SLIDE_HOST_PAGE) == ["Background", "The", "Results", "Twelve"]
    assert doc.metadata.type == "MeetingSummary"


SLIDE_TRANSCRIPT = (
    "Presentation is loading. Please wait.\n\n"
    "The Network in numbers, 2039-2040 Jane Doe, Coordinator.\n\n"
    "Similar presentations\n\n"
    "Presentation on theme: \"The Network in numbers, 2039-2040 Jane Doe, Coordinator.\"— Presentation "
    "transcript:\n\n"
    "1 The Network in numbers, 2039-2040 Jane Doe, Coordinator of the Network, Ministry of Labor\n\n"
    "2 Network Background Why a network? What it does Results Plans for 2041 CONTENTS\n\n"
    "3 Network Background XL IACML, 2039 - 2040: a study of how ministries share what they learn, presented to "
    "the Working Groups and approved by the Ministers.\n\n"
    "4 Why a network? It lets ministries ask each other for help. Requests: made through the coordinator and "
    "answered within a month.\n\n"
    "5 Results Objective: to help ministries improve their services -Two new employment offices, North -Labor "
    "inspectors trained in the South -A revised youth program\n\n"
    "6 Results Studies of the ministries' experience 40% of the missions followed by a study -Study on labor "
    "inspection -Study on youth employment\n")


def test_a_slide_transcript_reads_each_slides_title_and_text() -> None:
    """A slide host's transcript prints each slide on one line after its number, its title glued to its text:
    the number is no part of it; the title ends where an earlier slide's title, a question, the noun naming the
    slide's part ("Network Background", "Results") or the first bullet tells; each bullet ("-Two new ...") is an
    item; a slide listing the deck's contents is none."""
    doc = parse_document(SLIDE_TRANSCRIPT)
    got = [(p.kind, own_text(SLIDE_TRANSCRIPT, p)[:24]) for p in doc.provisions if p.kind is not Kind.LIST]
    assert got == [
        (Kind.SECTION, "Network Background"), (Kind.PARAGRAPH, "XL IACML, 2039 - 2040: a"),
        (Kind.SECTION, "Why a network?"), (Kind.PARAGRAPH, "It lets ministries ask e"),
        (Kind.SECTION, "Results"), (Kind.OBJECTIVE, "Objective: to help minis"),
        (Kind.ITEM, "-Two new employment offi"), (Kind.ITEM, "-Labor inspectors traine"),
        (Kind.ITEM, "-A revised youth program"),
        (Kind.SECTION, "Results"), (Kind.PARAGRAPH, "Studies of the ministrie"),
        (Kind.ITEM, "-Study on labor inspecti"), (Kind.ITEM, "-Study on youth employme")]


SLIDE_LIST_TRANSCRIPT = (
    "Skills for the future n.\nSkip this Video\nLoading SlideShow in 5 Seconds..\n"
    "Skills for the future PowerPoint Presentation\nDownload Presentation\n\n"
    "- - - - - - - - - - - - - - - - - - - E N D - - - - - - - - - - - - - - - - - - -\n"
    "Presentation Transcript\n\n"
    "  1. Skills for the future John Roe, Director of Employment, Working Groups Meeting, Lima, May 3, 2040\n\n"
    "  2. Skills and the Ministries • 2038: a survey of the skills employers ask for • 2039: a plan to train "
    "young workers in them\n\n"
    "  3. Skills and the Ministries PLAN OBJECTIVES • Train ten thousand young workers • Certify what they "
    "learn\n")


def test_a_slide_transcript_numbered_with_stops_and_bullets() -> None:
    """A deck whose host numbers its slides "1." under "Presentation Transcript": the title slide is the cover,
    each later slide's title ends at its first bullet or where it repeats an earlier title, the bullets are items."""
    doc = parse_document(SLIDE_LIST_TRANSCRIPT)
    got = [(p.kind, own_text(SLIDE_LIST_TRANSCRIPT, p)[:20]) for p in doc.provisions if p.kind is not Kind.LIST]
    assert got == [
        (Kind.SECTION, "Skills and the Minis"), (Kind.ITEM, "• 2038: a survey of "), (Kind.ITEM, "• 2039: a plan to tr"),
        (Kind.SECTION, "Skills and the Minis"), (Kind.SECTION, "PLAN OBJECTIVES"),
        (Kind.OBJECTIVE, "• Train ten thousand"), (Kind.OBJECTIVE, "• Certify what they ")]


PAST_MEETINGS = ("The Ministers of Education meet regularly to review the progress of their plan of action.\n"
                 "III Meeting of Ministers of Education\n"
                 "Lima, Peru - May 2041\n"
                 "II Meeting of Ministers of Education\n"
                 "Quito, Ecuador – 12 de agosto de 2039\n"
                 "I Meeting of Ministers of Education\n"
                 "Kingston, Jamaica - March 2037\n")


def test_a_run_of_meetings_each_over_its_place_and_date_is_a_list() -> None:
    """Names of meetings, each over its place and date, one a line: a list whose entries are each name with its
    place and date, not a paragraph a line."""
    doc = parse_document(PAST_MEETINGS)
    items = [own_text(PAST_MEETINGS, p) for p in doc.provisions if p.kind is Kind.ITEM]
    assert items == ["III Meeting of Ministers of Education\nLima, Peru - May 2041",
                     "II Meeting of Ministers of Education\nQuito, Ecuador – 12 de agosto de 2039",
                     "I Meeting of Ministers of Education\nKingston, Jamaica - March 2037"]


@pytest.mark.parametrize(("cover", "symbol"), [
    ("INTERNATIONAL LABOUR OFFICE\nGB.999/9\n\nREPORT OF THE FORTIETH REGIONAL MEETING\n", "GB.999/9"),
    ("Twentieth Regional Meeting\nAMRM.40/D.9 (Rev.)\nDeclaration of Quito\n", "AMRM.40/D.9 (Rev.)"),
    ("Distr. LIMITED\nLC/G.9999(CRM.40/9)\n3 May 2040\nREPORT OF THE CONFERENCE ON WOMEN\n", "LC/G.9999(CRM.40/9)"),
    ("Distr. LIMITED\nLC/MDM.99/4\n3 May 2040\nREPORT OF THE MEETING OF THE PRESIDING OFFICERS\n", "LC/MDM.99/4"),
    ("TENTH MEETING OF MINISTERS OF CULTURE\nREMIC-X/DEC. 1/40 cor. 1\nOriginal: español\n",
     "REMIC-X/DEC. 1/40 cor. 1"),
])
def test_the_symbols_of_the_ilo_and_eclac_and_a_spanish_corrigendum_are_read(cover: str, symbol: str) -> None:
    """The ILO's and ECLAC's own symbols on a cover, and "cor." (a Spanish cover's corrigendum) as part of one."""
    text = cover + "\n1. The delegations of twenty countries met to review the work of the region.\n"
    assert parse_document(text).metadata.symbols == (symbol,)


def test_a_cover_glued_onto_the_first_paragraph_gives_its_symbols() -> None:
    """A host's transcription that ran the cover into the text: its symbols are read where the paragraph opens in
    capitals; a paragraph that opens on a sentence citing a paper gives none."""
    glued = ("1 INTERNATIONAL LABOUR ORGANIZATION 40th Regional Meeting Quito, Ecuador, October 2040 AMRM.40/D.7 "
             "Report of the Meeting 1. The Meeting was held in Quito from 13 to 16 October 2040.\n")
    assert parse_document(glued).metadata.symbols == ("AMRM.40/D.7",)
    cited = ("The Governing Body took note of paper GB.999/9 on the regional meetings, and of the report of the "
             "Director.\n")
    assert parse_document(cited).metadata.symbols == ()


@pytest.mark.parametrize("mark", ["1", "[1]", "[2]/"])
def test_a_footnote_mark_at_a_titles_end_is_no_part_of_it(mark: str) -> None:
    text = (f"OEA/Ser.E\nGRIC/O.9/doc.9/40\n3 May 2040\nOriginal: English\n\nREMARKS OF THE MINISTER OF LABOR "
            f"TO THE SUMMIT IMPLEMENTATION REVIEW GROUP (SIRG){mark}\n\nGood morning, ambassadors and friends.\n")
    assert parse_document(text).metadata.title == "REMARKS OF THE MINISTER OF LABOR TO THE SUMMIT IMPLEMENTATION " \
        "REVIEW GROUP (SIRG)"


def test_a_title_in_mixed_case_wrapped_in_mid_sentence_runs_on() -> None:
    """Full lines, each following line opening in lower case, whatever meeting it names; a short line is a title
    its writer ended there, and a line in capitals under it no part of it."""
    wrapped = ("OEA/Ser.K/XII.40.1\nTRABAJO/INF.9/40\n3 May 2040\nOriginal: English\n"
               "Remarks by the Minister Jane Doe,\nMinistry of Labour and Social Security of the Islands\n"
               "at the inaugural Session of the XL Inter-American Conference\nof Ministers of Labour\n\n"
               "Distinguished Ministers of Labour of the Americas;\n")
    assert parse_document(wrapped).metadata.title == (
        "Remarks by the Minister Jane Doe, Ministry of Labour and Social Security of the Islands at the inaugural "
        "Session of the XL Inter-American Conference of Ministers of Labour")
    short = ("OEA/Ser.K/XII.40.1\nTRABAJO/INF.9/40\n3 May 2040\nOriginal: English\nRemarks by the Minister\n"
             "on behalf of the delegations\n\nDistinguished Ministers of Labour of the Americas;\n")
    assert parse_document(short).metadata.title == "Remarks by the Minister"


def test_a_resolution_whose_subject_is_not_read_is_known_by_its_operative_cue_alone() -> None:
    """"Resuelve:" alone on its line after a preamble; the word in a sentence types nothing."""
    text = ("La Cuadragésima Reunión Internacional de la Región:\n"
            "Considerando: que los gobiernos de la región han pedido un plan común;\n"
            "Que la igualdad de derechos es un fin de todos;\nResuelve:\n"
            "1º. Recomendar a los gobiernos que adopten el plan común.\n")
    assert parse_document(text).metadata.type == "OutcomeDocument"
    told = ("The delegations of twenty countries met in Lima to review the work of the region.\n\n"
            "The meeting resolves: to meet again next year, and to report on the work done.\n")
    assert parse_document(told).metadata.type != "OutcomeDocument"


def test_a_kind_of_document_with_a_letter_lost_to_the_encoding_is_read() -> None:
    """A host that saved the text in another encoding: "Declaraci\ufffdn" still names a declaration."""
    text = ("Declaraci\ufffdn de los Ministros de la Regi\ufffdn sobre el Empleo\n\n(Lima, 3 de mayo de 2040)\n\n"
            "La situaci\ufffdn del empleo en la regi\ufffdn exige una respuesta com\ufffdn de los gobiernos.\n")
    assert parse_document(text).metadata.type == "Declaration"


def test_a_title_in_mixed_case_opening_on_its_kind_may_name_a_meeting() -> None:
    """"Declaración de los Co-Presidentes de la Reunión de Ministros ...": a title, not a cover's line naming the
    meeting; a host's page title ("... - Organization of American States") is none."""
    text = ("Declaración de los Copresidentes de la Reunión de Ministros de Relaciones Exteriores de la Región\n\n"
            "La Ministra de la República y el Ministro de las Islas\n\n(Publicada en Lima, 3 de mayo de 2040)\n\n"
            "La reunión celebrada en Lima permitió estructurar un nuevo marco de cooperación en la región.\n")
    metadata = parse_document(text).metadata
    assert (metadata.title, metadata.type) == (
        "Declaración de los Copresidentes de la Reunión de Ministros de Relaciones Exteriores de la Región",
        "Declaration")
    hosted = ("Working Group 9 Report - Organization of American States\n\nInter-American Council for Integral "
              "Development\n15 September 2040\nOriginal: English\nWorking Group 9 Report\n\n"
              "1. The Working Group met twice during the year to review the projects of the region.\n")
    assert parse_document(hosted).metadata.title == "Working Group 9 Report"


@pytest.mark.parametrize(("headline", "doc_type"), [
    ("Ministers of Labor Adopt the Declaration of Lima", "WebPage"),
    ("Ministros de Trabajo de la región aprueban plan de acción para el empleo", "WebPage"),
    ("Declaration of Lima adopted by the Ministers of Labor", "Declaration"),
])
def test_a_headline_telling_of_a_document_adopted_is_a_news_item(headline: str, doc_type: str) -> None:
    """A verb of adoption before the kind it names: a news item about the document, not the document."""
    text = (f"{headline}\n\nLima, 3 May 2040\n\nThe ministers of labor of the region met in Lima and agreed on "
            "common measures for employment.\n")
    assert parse_document(text).metadata.type == doc_type


def test_signatories_after_a_line_introducing_their_text_make_a_declaration() -> None:
    text = ("Estas son las recomendaciones aprobadas en Lima el 3 de mayo de 2040 para la cooperación regional.\n"
            "Nosotros, los Ministros de Trabajo de la Región, reunidos en Lima, Perú, el 3 de mayo de 2040,\n"
            "RECONOCIENDO que el empleo es un fin común de los gobiernos;\n")
    assert parse_document(text).metadata.type == "Declaration"


@pytest.mark.parametrize(("under", "title"), [
    ("FINAL ACT\n", "FINAL ACT"),
    ("Lima, Peru\n\nCONCLUSIONS, OFFERS OF COOPERATION AND PROPOSALS\n", "CONCLUSIONS, OFFERS OF COOPERATION AND PROPOSALS"),
    ("- 2 -\n\nOUTLINE FOR THE DIALOGUE BETWEEN\n\nMINISTERS OF LABOR AND MINISTERS OF CULTURE\n",
     "OUTLINE FOR THE DIALOGUE BETWEEN MINISTERS OF LABOR AND MINISTERS OF CULTURE"),
    ("PORT OF SPAIN, TRINIDAD AND TOBAGO\n\nFINAL ACT\n", "FINAL ACT"),
    ("Lima, Peru\n\nThis note sets out the topics of the meeting for the delegations.\n", None),
    ("1. AGENDA 3\n\n2. DOCUMENTS 4\n", None),
])
def test_a_title_naming_no_kind_is_the_line_in_capitals_under_an_oas_cover(under: str, title: str | None) -> None:
    """Past the place, a page marker and the dates; text in mixed case or a table of contents there: none."""
    text = ("XL ASSEMBLY OF DELEGATES OEA/Ser.L/II.2.40\n\n27 – 29 October 2040 CIM/doc.9/40\n\n"
            "Washington, D.C. 29 October, 2040\n\nOriginal: Spanish\n\n" + under +
            "\nThe Assembly of Delegates met in Washington from 27 to 29 October 2040 and adopted the following.\n")
    assert parse_document(text).metadata.title == title


@pytest.mark.parametrize(("line", "title"), [
    ("Compartir experiencias es clave para el empleo, según los Ministros de Trabajo",
     "Compartir experiencias es clave para el empleo, según los Ministros de Trabajo"),
    ("Compartir Imprimir", None),
])
def test_a_share_button_is_furniture_but_a_headline_opening_on_the_verb_is_a_title(line: str, title: str) -> None:
    text = (f"Comunicado de Prensa\n\n{line}\n\n3 de mayo de 2040\n\n"
            "Los Ministros de Trabajo de las Américas coincidieron hoy en la primera jornada de su reunión.\n")
    assert parse_document(text).metadata.title == title


@pytest.mark.parametrize(("cover", "date"), [
    # a page marker over the issue date, beside the meeting's range: no range of its own
    ("- 2 -\n\n\nNovember 14-15, 2040 30 October 2040\n\nWashington, D.C. Original: Spanish\n", "2040-10-30"),
    ("Place and date: San Salvador, October 31 to November 1, 2040\n", "2040-11-01"),  # the last day's month
    ("Panama City, Panama March 18 2040\nMarch 21-24, 2040\n", "2040-03-18"),  # no comma before the year
])
def test_a_meeting_range_is_on_one_line_and_ends_in_its_last_month(cover: str, date: str) -> None:
    text = cover + "\n1. The delegations of twenty countries met to review the work of the region.\n"
    assert parse_document(text).metadata.date == date


def test_the_date_under_a_covers_symbols_is_its_issue_date() -> None:
    """An OAS cover's right column (symbols, date of issue, "Original:"), over the meeting's own day on the left."""
    text = ("CONSEJO INTERAMERICANO PARA EL DESARROLLO INTEGRAL\nDÉCIMA REUNIÓN ORDINARIA\n15 de mayo de 2040\n"
            "Washington, D.C.\nOEA/Ser.W/II.40\nCIDI/doc.9/40\n16 mayo 2040\nOriginal: español\n\n"
            "1. El Consejo aprobó el siguiente reglamento de la Comisión.\n")
    assert parse_document(text).metadata.date == "2040-05-16"


@pytest.mark.parametrize(("cover", "date", "adopted"), [
    # a revision issued a year after the Conference: the cover's date is the issue's, its note gives the adoption's
    ("XL INTER-AMERICAN CONFERENCE OF OEA/Ser.K/XII.40.1 MINISTERS OF LABOR CIDI/TRABAJO/doc.7/40 rev. 2 "
     "March 5 and 6, 2040 2 March 2041 Nassau, Bahamas Original: English\n\nPLAN OF ACTION OF NASSAU\n\n"
     "(Adopted at the fourth plenary session held on March 6, 2040, and reviewed by the Style Committee)\n",
     "2041-03-02", "2040-03-06"),
    # in Spanish, the note wrapped over two lines
    ("OEA/Ser.K/XII.40.1\nCIDI/TRABAJO/DEC.1/40 rev. 1\n9 abril 2041\nOriginal: español\n\nDECLARACIÓN DE NASSAU\n"
     "(Aprobada en la cuarta sesión plenaria celebrada el 6 de marzo\nde 2040)\n", "2041-04-09", "2040-03-06"),
    # a note opening its line, without parentheses
    ("OEA/Ser.K/XII.40.1\nCIDI/TRABAJO/DEC.1/40\n7 March 2040\n\nDECLARATION OF NASSAU\n\n"
     "Adopted on March 6, 2040\n", "2040-03-07", "2040-03-06"),
    # a cover that only cites another text's adoption in a sentence gives none
    ("OEA/Ser.K/XII.40.1\nCIDI/TRABAJO/doc.9/40\n7 March 2040\n\nREPORT OF THE CHAIR\n\n"
     "On the Plan of Action adopted on March 6, 2039 and its follow-up\n", "2040-03-07", None),
])
def test_the_day_a_covers_note_of_adoption_gives_is_read_beside_its_issue_date(
        cover: str, date: str, adopted: str | None) -> None:
    """A walkthrough's Plan of Action: its second revision's issue date, a year after the Conference, was the only
    date read, and the day of adoption its cover states was lost (``kb add`` dates an adopted text by it)."""
    metadata = parse_document(cover + "\n1. The Ministers commit to promote decent work in the region.\n").metadata
    assert (metadata.date, metadata.adopted) == (date, adopted)


@pytest.mark.parametrize("gap", ["\n\n", "\n"])
def test_a_subtitle_under_a_title_naming_its_kind_over_the_note_of_adoption_is_not_the_title(gap: str) -> None:
    """A walkthrough's Plan of Action: the Conference's theme in capitals under "PLAN OF ACTION OF ..." and over
    the note of adoption was read as the title in its place."""
    text = ("Page 1 of 12\n\nXL INTER-AMERICAN CONFERENCE OF OEA/Ser.K/XII.40.1 MINISTERS OF LABOR "
            "CIDI/TRABAJO/doc.7/40 rev. 1 March 5 and 6, 2040 7 March 2040 Nassau, Bahamas Original: English\n\n"
            f"PLAN OF ACTION OF NASSAU{gap}SKILLS AND DIALOGUE FOR THE NEXT GENERATION OF WORKERS\n\n"
            "(Adopted at the fourth plenary session held on March 6, 2040)\n\n"
            "1. The Ministers commit to strengthen the public employment services of the region.\n")
    assert parse_document(text).metadata.title == "PLAN OF ACTION OF NASSAU"


THEMED_TITLE = """I TECHNICAL PREPARATORY MEETING OEA/Ser.K/XII.40.1
OF THE XL INTER-AMERICAN CONFERENCE TRABAJO/RTP/doc.3/40
OF MINISTERS OF LABOR (IACML) 2 March 2040

DRAFT PLAN OF ACTION OF NASSAU 2040:
“Decent Work for the Next Generation: Skills, Dialogue and Inclusion”
(Considered on March 1, 2040)

WE, THE MINISTERS OF LABOR, gathered in Nassau, undertake to implement the following Plan of Action.
"""


@pytest.mark.parametrize(("subtitle", "title"), [
    ("“Decent Work for the Next Generation: Skills, Dialogue and Inclusion”",
     "DRAFT PLAN OF ACTION OF NASSAU 2040: “Decent Work for the Next Generation: Skills, Dialogue and Inclusion”"),
    ("(Considered on March 1, 2040)", "DRAFT PLAN OF ACTION OF NASSAU 2040"),  # no theme: the colon is not kept
])
def test_a_theme_in_quotation_marks_under_a_title_ending_in_a_colon_is_part_of_it(subtitle: str, title: str) -> None:
    """A walkthrough's draft Plan of Action: its title ends "... 2013:" over the Conference's theme in quotation
    marks, and the cover's title kept the colon and lost the theme."""
    text = THEMED_TITLE.replace("“Decent Work for the Next Generation: Skills, Dialogue and Inclusion”\n", "") \
        if subtitle.startswith("(") else THEMED_TITLE
    assert parse_document(text).metadata.title == title


ACCENTS_LOST = """DECLARACIN DE NASSAU
(Aprobada durante la sesin de clausura y sujeta a la revisin de la Comisin de Estilo)

1. Reafirmamos nuestro compromiso con la promocin del trabajo decente y la cooperacin interamericana.
"""


def test_a_spanish_text_that_lost_its_accented_letters_is_reported() -> None:
    """A walkthrough's Declaración de Medellín came from a host whose converter dropped every accented letter
    ("DECLARACIN", "sesin"): nothing said so, and its quotes and citations would have carried the damage."""
    warned = [w for w in parse_document(ACCENTS_LOST).warnings if w.code == "accents-lost"]
    assert len(warned) == 1 and warned[0].line == 1 and "DECLARACIN" in warned[0].message
    intact = ACCENTS_LOST.replace("cin", "ción").replace("sin", "sión").replace("CIN", "CIÓN")
    assert "accents-lost" not in codes(parse_document(intact))
    english = "REPORT\n\n1. The basin and the resin trade, said a cousin, grew; the raisin crop did not.\n"
    assert "accents-lost" not in codes(parse_document(english))  # words of English that end so
PARTICIPANTS = (
    "Meeting of the Authorities\n\nDate: February 3 and 4, 2040\n\n"
    "Participants: Ministries of Labor of the current, former and future Chairs of the IACML (Chair: Peru, former "
    "Chair:\nGuyana, future Chair: Ecuador), and Ministries elected as Chairs of the Working\n"
    "Groups (Chile, Panama, Jamaica), and the advisory bodies.\n")


def test_a_sentence_wrapped_inside_a_parenthesis_or_a_name_is_one_paragraph() -> None:
    """A line ending inside the parenthesis it opened, or on "Working" before "Groups", goes on below."""
    doc = parse_document(PARTICIPANTS)
    assert [p.eid for p in doc.provisions] == ["al_1"]
    assert own_text(PARTICIPANTS, doc.provisions[0]).startswith("Participants: Ministries of Labor")
    assert doc.provisions[0].text.endswith("Jamaica), and the advisory bodies.")


_OPENING = "The Authorities met twice during the year to review the work plan of the Conference.\n\n"


@pytest.mark.parametrize(("text", "words"), [
    # the parenthesis closed: the next line is a paragraph of its own
    ("Venue: Lima (Peru)\nParticipants: the Ministries of Labor of the region and the advisory bodies.\n",
     ["Venue:", "Participants:"]),
    # a parenthesis left open in a sentence that ended, further up or on the line itself
    ("The Chair (Peru opened the meeting and welcomed the delegations of the region.\n"
     "The delegations approved the agenda of the meeting without changes.\n", ["The", "The"]),
    ("The delegations reviewed the work plan (in person and virtually.\n"
     "Ministries of Labor of the region presented their progress.\n", ["The", "Ministries"]),
    ("The delegations of the region (in person and virtually reviewed the work plan of the\n"
     "Conference and its calendar for the two years to come, and then they heard the\n"
     "reports of the Working Groups on the topics of their mandates, as follows:\n"
     "Ministries of Labor of the region presented their progress.\n", ["The", "Ministries"]),
    # a line ending on a capitalised word that is no name's first word
    ("Session of the Authorities\nGroups of experts met with the advisory bodies to review the work plan.\n",
     ["Session", "Groups"]),
])
def test_a_closed_parenthesis_or_a_full_name_ends_no_paragraph_early(text: str, words: list[str]) -> None:
    assert first_words(_OPENING + text)[1:] == words


def test_a_capitalised_article_opens_a_paragraph_after_a_line_cut_short() -> None:
    """A line left on "of" (text the host lost), then "The meeting ...": a sentence begins; a country named "The
    Bahamas" does not begin one."""
    cut = (_OPENING + "Participants: the Ministries of Labor of the region and the Chairs of\n\n"
           "The meeting also had the participation of the ILO and the advisory bodies.\n")
    assert first_words(cut)[1:] == ["Participants:", "The"]
    named = (_OPENING + "Participants: the Ministries of Labor of the region and the Ministry of Labor of\n"
             "The Bahamas, which chairs the Working Group on labor policies this year.\n")
    assert first_words(named)[1:] == ["Participants:"]


FIRST_LINE_WRAPPED = (
    "Meeting of the Authorities\n\n"
    "The Ministries of Labor of the current, former and future Chairs of the IACML and the Chairs of the Working\n"
    "Groups met with the advisory bodies to review the progress of the work plan.\n\n"
    "They agreed on the calendar of the Working Groups for the year.\n")


def test_the_first_paragraph_of_the_body_is_not_cut_into_cover_and_text() -> None:
    doc = parse_document(FIRST_LINE_WRAPPED)
    assert doc.body_line == 3
    assert [own_text(FIRST_LINE_WRAPPED, p).split()[:2] for p in doc.provisions] == [["The", "Ministries"],
                                                                                  ["They", "agreed"]]
    assert doc.metadata.title == "Meeting of the Authorities"


def test_the_first_paragraph_of_a_double_spaced_body_takes_its_lines_back_from_the_cover() -> None:
    """A text with a blank line after every line: lines carried on across it as across a page break."""
    text = ("Informe Nacional\n\nLima, marzo 2040\n\n"
            "En seguimiento a los compromisos asumidos en la Cumbre de las Américas, el país presenta su informe con el\n\n"
            "objetivo de dar a conocer el estado de cumplimiento sobre dichos mandatos.\n\n"
            "La información corresponde a los años 2038 y 2039.\n")
    doc = parse_document(text)
    assert first_words(text) == ["En", "La"]
    assert doc.body_line == 5


@pytest.mark.parametrize("cover", [
    "DECLARATION OF LIMA\n",  # a title in capitals right above the first paragraph
    "Meeting of the Working Group on Labor Policies\n",  # a title in mixed case, no stop
    "Date: February 3 and 4, 2040\n",
])
def test_a_title_right_above_the_first_paragraph_stays_cover(cover: str) -> None:
    text = (f"{cover}The Ministries of Labor of the current, former and future Chairs of the IACML met with the\n"
            "advisory bodies to review the progress of the work plan.\n")
    doc = parse_document(text)
    assert doc.body_line == 2
    assert first_words(text) == ["The"]


def test_a_sentence_still_cut_in_two_is_reported_with_its_line() -> None:
    """Between a heading and its text, or between a cover line (one the parser keeps as cover) and the body: the
    curator is told where, and what correction to write."""
    split = ("Meeting of the Authorities\n\nI. BACKGROUND\n\nThe Chair opened the session.\n\n"
             "II. THE MEETING OF MINISTERS\nof Labor was held in Lima on the occasion of the Conference.\n")
    warned = [w for w in parse_document(split).warnings if w.code == "split-sentence"]
    assert [w.line for w in warned] == [8]
    assert "sec_2__al_1 begins in lower case" in warned[0].message and "`read_as: continues`" in warned[0].message
    cover = ("Report of the Chair\n\n"
             "Presented by the Chair of the Working Group on the progress made in the\n"
             "implementation of the work plan adopted at the XXI IACML in Buenos Aires.\n\n"
             "The Working Group met twice.\n")
    warned = [w for w in parse_document(cover).warnings if w.code == "split-sentence"]
    assert [w.line for w in warned] == [4]
    assert "`read_as: body`" in warned[0].message
    acronym = ("Report of the Chair\n\nPresented by the Ministers of Trade of the Free Trade Area of the Americas\n"
               "(FTAA), who met in Quito to review the progress of the negotiations.\n")
    assert [w.line for w in parse_document(acronym).warnings if w.code == "split-sentence"] == [4]
    # a paragraph after one that ends its sentence, a lettered item after "; and", a correction placed: no doubt
    whole = ("The Chair opened the session.\nsome delegations asked to speak first.\n\n"
             "1. The Ministers agreed:\na) to meet again; and\nb) to report on progress.\n")
    assert "split-sentence" not in codes(parse_document(whole))
    corrected = parse_document(split, corrections=[Correction(at="of Labor was held", read_as="starts")])
    assert "split-sentence" not in codes(corrected)


def test_a_name_cut_before_the_adjective_that_follows_its_noun_is_one_paragraph() -> None:
    """ "Conferencia / Interamericana", "ESTADOS / AMERICANOS": a Spanish name's adjective opens no sentence; the
    subject of a declaration in capitals, wrapped so, is the body's first paragraph, not cover."""
    text = ("Declaración de Lima\n\n(Proyecto)\n\n"
            "LAS DELEGADAS TITULARES Y ALTERNAS ANTE LA COMISIÓN\n"
            "INTERAMERICANA DE MUJERES DE LA ORGANIZACIÓN DE LOS ESTADOS\n"
            "AMERICANOS (CIM/OEA), reunidas en la Ciudad de Lima, Perú, en mayo de 2040;\n\n"
            "Los principios consagrados en la Carta Democrática\n"
            "Interamericana y en el Programa Interamericano sobre los derechos de la mujer;\n")
    assert first_words(text) == ["LAS", "Los"]
    # after a sentence that ended, or across a blank line, a line opening on the adjective is not carried on
    ended = (_OPENING + "Los Estados aprobaron la Carta Democrática.\n"
             "Interamericana es la conferencia de los ministros, dijo la Secretaría.\n\n"
             "Informe del Comité\n\nInteramericano de Puertos y sus comisiones, el Comité se reunió en Panamá.\n")
    assert first_words(ended)[1:] == ["Los", "Interamericana", "Informe", "Interamericano"]


_WG_OPENING = "I. INTRODUCTION\n\nThe Working Group met in Lima on March 3, 2040, with twenty delegations.\n\n"


@pytest.mark.parametrize(("text", "doc_type"), [
    (_WG_OPENING + "Working Group 1 recommends that the Ministries of Labor:\n\na) share experiences on labor inspection;\n\n"
     "b) strengthen their inspection services; and\n\nc) compile good practices.\n", "WorkingGroupReport"),
    ("1. The meeting recommends that the Ministries of Labor:\n\na) share experiences on labor inspection;\n\n"
     "b) strengthen their inspection services; and\n\nc) compile good practices.\n", "MeetingSummary"),
])
def test_every_letter_under_a_lead_in_that_recommends_is_a_recommendation(text: str, doc_type: str) -> None:
    found = [p.kind for p in parse_document(text, doc_type=doc_type).provisions if p.number and "(" in p.number]
    assert found == [Kind.RECOMMENDATION] * 3  # not only (a), which alone follows the lead-in


def test_letters_under_a_lead_in_that_recommends_nothing_stay_items() -> None:
    text = ("1. The Working Group noted the following:\n\na) inspection services lack staff;\n\n"
            "b) good practices are rarely shared; and\n\nc) the Secretariat compiled a report.\n")
    found = [p.kind for p in parse_document(text, doc_type="WorkingGroupReport").provisions]
    assert found == [Kind.PARAGRAPH, Kind.ITEM, Kind.ITEM, Kind.ITEM]


def test_a_working_groups_own_recommendations_under_no_heading_are_recommendations() -> None:
    text = (_WG_OPENING + "1. The Working Group recommends that the Ministries of Labor:\n\n"
            "a) share experiences on labor inspection;\n\nb) strengthen their inspection services; and\n\n"
            "c) request the Technical Secretariat to compile good practices.\n\n"
            "2. The Working Group requests the Technical Secretariat to organize a workshop on inspection in 2041.\n\n"
            "3. El Grupo de Trabajo solicita a la Secretaría Técnica que organice un taller sobre empleo juvenil.\n\n"
            "4. Recommends that the Technical Secretariat organize a workshop on youth employment.\n")
    found = [(p.number, p.kind) for p in parse_document(text, doc_type="WorkingGroupReport").provisions if p.number]
    assert found[1:] == [("1", Kind.RECOMMENDATION), ("1(a)", Kind.RECOMMENDATION), ("1(b)", Kind.RECOMMENDATION),
                         ("1(c)", Kind.RECOMMENDATION), ("2", Kind.RECOMMENDATION), ("3", Kind.RECOMMENDATION),
                         ("4", Kind.RECOMMENDATION)]


@pytest.mark.parametrize("paragraph", [
    "The Working Group noted that labor inspection services lack staff.",  # a finding
    "The Working Group recommended at its last meeting that the Ministries share experiences.",  # told in the past
    "El Grupo de Trabajo recomendó en 2039 que los Ministerios compartieran experiencias.",
    "The Plan of Action requests the Working Group to report on labor inspection.",  # another body asks it
    "Request for technical assistance from the Ministry of Labor of Peru.",  # a topic, not a verb
])
def test_what_a_working_group_noted_or_once_recommended_is_no_recommendation(paragraph: str) -> None:
    text = _WG_OPENING + f"1. {paragraph}\n\n2. The meeting closed at noon.\n"
    found = [p.kind for p in parse_document(text, doc_type="WorkingGroupReport").provisions if p.number == "1"]
    assert found == [Kind.PARAGRAPH]


def test_a_working_groups_recommending_words_make_no_recommendation_in_another_kind_of_document() -> None:
    text = _WG_OPENING + "1. The Working Group recommends that the Ministries share experiences.\n"
    found = [p.kind for p in parse_document(text, doc_type="MeetingSummary").provisions if p.number == "1"]
    assert found == [Kind.PARAGRAPH]


GLUED_SPEECH = (
    "ORGANIZATION OF AMERICAN STATES Inter-American Council for Integral Development (CIDI) OEA/Ser.K/XII.31.1 "
    "TRABAJO/INF.4/41 12 May 2041 Original: English REMARKS OF THE CHAIR OF THE CONFERENCE, MINISTER ANA SOTO "
    "(Delivered at the closing session of the Conference on 12 May 2041) Good afternoon to all of you, and thank "
    "you for two days of frank and useful debate on the future of our labor markets. We leave this room with a "
    "plan that every Ministry helped to write, and with the will to carry it out together.")
GLUED_REPORT = (
    "REPORT: TENTH MEETING OF MINISTERS OF CULTURE OF THE AMERICAS “HERITAGE FOR ALL” June 2 – 3, 2041 Quito, "
    "Ecuador The Tenth Meeting of Ministers of Culture, held in Quito at the invitation of the Government of "
    "Ecuador, gathered the ministers and delegates of twenty countries to review what was done since the last "
    "meeting and to agree on the work of the next two years. Resolutions adopted: • CIDI/RMC/RES. 1/41: on the "
    "cultural heritage of the Americas, which asks the Secretariat to report on its care every year to the "
    "ministers and to the Inter-American Committee on Culture. • CIDI/RMC/RES. 2/41: thanks to the people and "
    "Government of Ecuador.")


@pytest.mark.parametrize(("text", "first"), [
    (GLUED_SPEECH, "Good afternoon to all of you"),  # after the note of when it was delivered
    (GLUED_REPORT, "The Tenth Meeting of Ministers"),  # after the date and its place
])
def test_a_cover_glued_onto_the_first_sentence_of_a_one_line_text_is_no_part_of_it(text: str, first: str) -> None:
    parts = [p for p in parse_document(text).provisions if p.kind is not Kind.LIST]
    assert own_text(text, parts[0]).startswith(first)


def test_a_label_glued_before_the_bullets_it_leads_in_is_a_part_of_its_own() -> None:
    found = [own_text(GLUED_REPORT, p)[:20] for p in parse_document(GLUED_REPORT).provisions if p.kind is not Kind.LIST]
    assert found == ["The Tenth Meeting of", "Resolutions adopted:", "• CIDI/RMC/RES. 1/41", "• CIDI/RMC/RES. 2/41"]


HOSTED_TRANSCRIPT = (
    "Youth Employment in the Ministries of Labor of the Americas ... · youth employment in the ...\n\n48\n"
    "ORGANIZATION OF AMERICAN STATES Inter-American Network for Labor Administration (RIAL) Youth Employment in the "
    "Ministries of Labor of the Americas Document for internal discussion at the RIAL Workshop, Lima, Peru, 3 May "
    "2041 This study is part of the Network's project on youth employment, which takes as its basis the guidelines "
    "approved by the Ministers. It was coordinated by the Technical Secretariat and written by an outside expert.\n\n"
    "Transcript of Youth Employment in the Ministries of Labor of the Americas ... · youth employment in the ...\n\n"
    "Page 1: Youth Employment in the Ministries of Labor of the Americas ... · youth employment in the Ministries\n\n"
    "ORGANIZATION OF AMERICAN STATES\n\nInter-American Network for Labor Administration (RIAL)\n\n"
    "Youth Employment in the Ministries of Labor\n\nof the Americas\n\n"
    "Document for internal discussion at the RIAL Workshop, Lima, Peru, 3 May 2041\n\n"
    "This study is part of the Network's project on youth employment, which takes as its basis the\n\n"
    "guidelines approved by the Ministers. It was coordinated by the Technical Secretariat and written by an\n\n"
    "outside expert.\n")


def test_a_hosts_summary_over_its_transcript_of_a_document_is_no_part_of_the_text() -> None:
    parts = [p for p in parse_document(HOSTED_TRANSCRIPT).provisions if p.kind is not Kind.LIST]
    assert [own_text(HOSTED_TRANSCRIPT, p)[:28] for p in parts] == ["This study is part of the Ne"]
    assert parts[0].start > HOSTED_TRANSCRIPT.index("Transcript of")


_OUTLINE_COVER = ("ORGANIZATION OF AMERICAN STATES\n\nXL INTER-AMERICAN CONFERENCE OF MINISTERS OF LABOR\n\n"
                  "OEA/Ser.K/XII.40.1\n\nOriginal: Spanish\n\nOUTLINE FOR THE DIALOGUE ON SKILLS\n\n")


@pytest.mark.parametrize(("text", "first", "kind"), [
    (_OUTLINE_COVER + "RATIONALE AND BACKGROUND\n\nThe link between school and work is a priority for the region and "
     "the subject of ongoing discussion among its Ministries.\n\nSkills are vital to development.\n",
     "RATIONALE AND BACKGROUND", Kind.SECTION),
    (_OUTLINE_COVER + "1. Activities assigned:\n\nFollowing the recommendations received at its first meeting, the "
     "Network will hold two workshops in 2041.\n\n2. Budget\n\nThe workshops are funded by the Ministries.\n",
     "1. Activities assigned:", Kind.PARAGRAPH),  # a label, a colon ending it: a paragraph numbered 1
    (_OUTLINE_COVER + "Tuesday, May 14, 2041\n\n9:00 – 9:30 Registration of participants\n\n"
     "9:30 – 10:00 Opening session\n", "Tuesday, May 14, 2041", Kind.SECTION),
])
def test_the_heading_just_over_where_the_body_begins_is_the_bodys(text: str, first: str, kind: Kind) -> None:
    parts = [p for p in parse_document(text).provisions if p.kind is not Kind.LIST]
    assert (own_text(text, parts[0]), parts[0].kind) == (first, kind)


def test_a_title_opening_the_text_is_no_part_heading_though_it_names_one() -> None:
    text = ("Mission and Mandates\n\nEstablished in 1928, the Commission was the first body created to ensure "
            "the rights of women in the Americas.\n")
    assert first_words(text) == ["Established"]


def test_a_short_question_alone_over_its_answer_heads_it() -> None:
    text = ("Inter-American Network for Labor Administration\n\nHome | About | Contact\n\nWhat is the Network?\n\n"
            "The Network is the cooperation mechanism of the Conference of Ministers of Labor.\n\n"
            "What does it do?\n\nIt identifies and shares the programs of the Ministries of Labor of the region.\n\n"
            "Guiding questions:\n\n- What practices does your Ministry use to reach young workers?\n")
    parts = [(own_text(text, p)[:20], p.kind) for p in parse_document(text).provisions if p.kind is not Kind.LIST]
    assert parts[:4] == [("What is the Network?", Kind.SECTION), ("The Network is the c", Kind.PARAGRAPH),
                         ("What does it do?", Kind.SECTION), ("It identifies and sh", Kind.PARAGRAPH)]
    assert parts[-1] == ("- What practices doe", Kind.QUESTION)  # a question put to the reader, in a list


@pytest.mark.parametrize("salutation", ["Señoras y señores:", "Good morning to you all:", "Señores"])
def test_a_speechs_salutation_on_its_own_line_heads_nothing(salutation: str) -> None:
    text = ("REMARKS OF THE MINISTER OF LABOR AT THE CLOSING SESSION\n\n12 May 2041 - Lima, Peru\n\n"
            f"{salutation}\n\nIt is an honor to close this meeting, which has done the work it was called for.\n\n"
            "We leave with a plan that every delegation helped to write.\n")
    parts = [(p.kind, p.parent) for p in parse_document(text).provisions]
    assert parts == [(Kind.PARAGRAPH, None)] * 3


@pytest.mark.parametrize("note", [
    "The following is the full text of the Declaration signed by the Ministers of Culture of the Americas:",
    "Los Ministros aprobaron la Declaración al cierre de la reunión.\nA continuación se transcribe íntegramente "
    "la Declaración:",
])
def test_an_editors_note_announcing_the_text_is_no_part_of_it(note: str) -> None:
    text = (f"Declaration of Quito\n\n{note}\n\nWe, the Ministers of Culture of the Americas, gathered in Quito, "
            "commit ourselves to protect the heritage of our peoples.\n\nWe call on the Secretariat to report on "
            "this commitment every year.\n")
    assert first_words(text) == ["We,", "We"]


def test_the_first_page_a_host_transcribes_on_one_line_opens_with_its_cover() -> None:
    text = ("Report of the 30th American Regional Meeting\n\nSize: px\nStart display at page:\n\n"
            "Download \"Report of the 30th American Regional Meeting\"\n\nTranscription\n\n"
            "1 INTERNATIONAL LABOUR ORGANIZATION 30th American Regional Meeting of the International Labour "
            "Organization held in Lima, Peru, from 13 to 16 October 2041 AMRM.30/D.7(Rev.) Report of the 30th "
            "American Regional Meeting of the International Labour Organization Introduction 1. The 30th American Regional "
            "Meeting of the ILO was held in Lima from 13 to 16 October 2041. 2. The Meeting elected its Chairperson "
            "and three Vice-Chairpersons from the Government, Employers' and Workers' groups.\n")
    assert first_words(text) == ["Introduction", "1.", "2."]


def test_a_heading_over_its_subheading_in_mixed_case_heads_the_prose_after_them() -> None:
    """Two short lines in mixed case alone before prose ("Lines of Action" / "Employment" / "Recognizing ..."): a
    heading and its subheading, both read as such; three such lines (a speech's addressees) are not."""
    text = ("The Ministers reviewed the progress made since the last Conference of the region.\n\n"
            "Lines of Action\n\nEmployment\n\n"
            "Recognizing that decent work is the surest path out of poverty, the Ministers agreed on the following.\n")
    parts = [(own_text(text, p).split()[0], p.kind) for p in parse_document(text).provisions]
    assert parts == [("The", Kind.PARAGRAPH), ("Lines", Kind.SECTION), ("Employment", Kind.SECTION),
                     ("Recognizing", Kind.PARAGRAPH)]
    speech = ("Thank you for the welcome that this city has given to every delegation.\n\n"
              "Minister of Labor of the host country\nDistinguished heads of delegation\n"
              "Colleagues from the workers' and employers' organizations\n\n"
              "It is my pleasure to open this meeting, which has much work before it.\n")
    assert {p.kind for p in parse_document(speech).provisions} == {Kind.PARAGRAPH}


def test_what_a_heading_naming_objectives_heads_are_objectives() -> None:
    """Under a page's "Objectives" heading, a paragraph and the bullets after it state the meeting's objectives;
    under a heading about something that has an objective, paragraphs stay paragraphs."""
    text = ("The meeting of the Working Groups took place in the capital over two days of work.\n\n"
            "OBJECTIVES\n\n"
            "Strengthen the exchange of experiences among the Ministries of Labor of the region.\n\n"
            "  • Agree on the agenda of the next Conference\n  • Review the work plan of the Network\n\n"
            "Purpose and objective of the Fund\n\n"
            "The Fund finances the visits that the Ministries of Labor make to one another every year.\n")
    kinds = [(own_text(text, p).split()[0], p.kind) for p in parse_document(text).provisions if p.kind is not Kind.LIST]
    assert kinds[1:] == [("OBJECTIVES", Kind.SECTION), ("Strengthen", Kind.OBJECTIVE), ("•", Kind.OBJECTIVE),
                         ("•", Kind.OBJECTIVE), ("Purpose", Kind.SECTION), ("The", Kind.PARAGRAPH)]


@pytest.mark.parametrize("name", ["Preamble", "Preámbulo", "Introduction"])
def test_a_parts_name_alone_on_its_line_heads_it_after_another_short_line(name: str) -> None:
    """"Preamble" alone on its line heads the paragraphs after it, though the line before it is as short (a place
    and date the host left in the body)."""
    text = ("The Ministers adopted the following text at the closing session of the Conference.\n\n"
            f"Declaration of Quito on Decent Work\n\nQuito, Ecuador\n\n{name}\n\n1. We, the Ministers of Labor of the Americas, gathered in Quito, recall the commitments made "
            "at the last Conference.\n\n2. We reaffirm that decent work is at the heart of our policies.\n")
    heads = [own_text(text, p) for p in parse_document(text).provisions if p.kind is Kind.SECTION]
    assert heads == [name]


def test_a_cover_line_in_title_case_is_no_paragraph() -> None:
    """A cover's lines in title case ("Quality Education for All in Central America and the Caribbean:"), a
    subtitle and the text's name over its first numbered paragraph are its cover, though the first has ten words
    and a colon: every word in it that opens in lower case is a joining word."""
    text = ("Page 1 of 4\n\n"
            "Quality Education for All in Central America and the Caribbean:\n\n"
            "Progress and Tasks after 2030\n\n"
            "Declaration of Managua\n\n"
            "Preamble\n\n"
            "1. We, the Ministers of Education of Central America and the Caribbean, gathered in Managua on 4 and "
            "5 May 2040, adopt this declaration.\n\n"
            "2. We thank the Ministry of Education of Nicaragua for hosting this meeting of the region.\n")
    doc = parse_document(text)
    assert [own_text(text, p).split()[0] for p in doc.provisions] == ["Preamble", "1.", "2."]
    assert doc.metadata.title == "Declaration of Managua"


def test_a_line_in_title_case_listing_names_or_ending_a_sentence_is_text() -> None:
    """Title case alone makes no cover line: a salutation ending with its stop, or names and offices in a row, is
    the text's."""
    text = ("Address of the Minister\n\n"
            "Mister President of the Twentieth Inter-American Conference of Ministers of Labor.\n\n"
            "Ladies and gentlemen, it is an honour for my country to welcome the delegations of the Americas.\n")
    assert first_words(text)[:1] == ["Mister"]


@pytest.mark.parametrize("title", ["DECLARACIÓN DE MANAGUA", "Declaración de Managua",
                                   "X CONFERENCIA DE MINISTROS DE TRABAJO Managua, Nicaragua, en mayo"])
def test_a_title_glued_to_the_ministers_opening_is_the_cover(title: str) -> None:
    """A host that ran the title (and the place and date under it) onto the text's first line, before the ministers'
    opening ("... Los Ministros de Trabajo de ..."): the title is the cover, the opening the first paragraph."""
    opening = ("Los Ministros de Trabajo de los países de la región, reunidos en la ciudad de Managua para examinar "
               "el empleo de los jóvenes y la protección social de los trabajadores, declaran lo siguiente.")
    text = f"{title} {opening}\n\n1. El empleo decente es el centro de nuestras políticas públicas.\n"
    doc = parse_document(text)
    assert [own_text(text, p) for p in doc.provisions][:1] == [opening]
    assert doc.metadata.type == "Declaration" or "CONFERENCIA" in title


def test_a_sentence_before_the_ministers_words_in_the_first_line_keeps_them() -> None:
    """In the first line, the ministers named in a sentence that has begun before them are no opening."""
    text = ("Este documento fue preparado por la secretaría y Los Ministros de Trabajo de la región lo examinaron en "
            "su reunión de Managua, donde acordaron publicarlo para todos los trabajadores.\n")
    assert len(parse_document(text).provisions) == 1


def test_a_numbers_stop_glued_to_its_items_first_word_marks_it() -> None:
    """An agenda whose numbers have lost the space after their stop ("items:1.Approval", "2.Report"): each number
    still begins its item, the first one after the lead-in's colon too; a decimal number ("2.5 million") does not."""
    text = ("III. AGENDA\n"
            "The agenda is found in document CIDI/XYZ/doc.40/40 and it holds the following items:1.Adoption of the "
            "agenda and of the other agreements reached by the heads of delegation at the preparatory session\n"
            "2.Report of the Chair of the Executive Board\n"
            "3.Report of the Secretariat of the Committee\n"
            "4.Election of the members of the Executive Board\n")
    provisions = [p for p in parse_document(text).provisions if p.kind is not Kind.LIST]
    assert [(own_text(text, p).split()[0], p.number) for p in provisions] == [
        ("III.", "III"), ("The", None), ("1.Adoption", "1"), ("2.Report", "2"), ("3.Report", "3"), ("4.Election", "4")]
    decimal = "1. Ports moved many containers in the year.\n2.5 million of them came from Asia.\n"
    assert "2" not in [p.number for p in parse_document(decimal).provisions]


def test_a_bullet_over_an_item_that_keeps_its_letter_is_that_lettered_item() -> None:
    """A host that printed each lettered item of a paragraph behind a bullet ("• b. Ensuring ..."), quoting only
    some of its letters: the letter marks the item, numbered under its paragraph, as printed."""
    text = ("  1. Strengthen the cooperation among the Ministries of Labor of the region by:\n\n"
            "    • c. Sharing the experiences of each Ministry in the inspection of working conditions\n\n"
            "  2. Increase the efforts to make employment services reach every region of each country, through:\n\n"
            "    • a. Extending the public employment services to the rural areas of each country\n\n"
            "    • b. Training the staff of the employment services in the use of new tools\n")
    assert [(p.eid, p.number) for p in parse_document(text).provisions] == [
        ("para_1", "1"), ("para_1__para_c", "1(c)"), ("para_2", "2"), ("para_2__para_a", "2(a)"),
        ("para_2__para_b", "2(b)")]
    bullets = ("The staff of the employment services said the following at the close of the meeting:\n\n"
               "• Training the staff of the services matters for the quality of the work\n"
               "• a. good start was made, the staff said, and more remains to be done\n")
    assert [p.number for p in parse_document(bullets).provisions if p.kind is not Kind.LIST] == [None, None, None]


@pytest.mark.parametrize("dateline", ["San Juan de los Lagos, Jalisco, México – 3 de octubre de 2040.",
                                      "Port of Spain, Trinidad and Tobago – 3 October 2040."])
def test_a_place_and_date_alone_on_their_line_are_no_paragraph(dateline: str) -> None:
    """A news item's byline and its dateline (a place and a date, ended by a stop) over its text: neither is a
    paragraph of the text, though the dateline has as many words as a short sentence."""
    text = (f"Por: Ana Gómez\n{dateline}\n"
            "Con el lema del trabajo decente para todos, los delegados de los gobiernos de la región adoptaron la "
            "declaración de la reunión.\n"
            "El documento reafirma el compromiso de los Estados Miembros con la justicia social.\n")
    assert first_words(text) == ["Con", "El"]


def test_a_contents_entry_naming_its_chapter_ends_at_the_chapters_heading() -> None:
    """A table of contents whose entries name their chapter ("CAPÍTULO I ANTECEDENTES", no page numbers) ends where
    the first chapter's heading is printed again ("CAPÍTULO I" / "ANTECEDENTES"), its word and mark on a line of
    their own: the chapter and its first heading are the body's."""
    text = ("INFORME FINAL DE LA REUNIÓN DE MINISTROS DE JUSTICIA\n\nÍNDICE\n\n"
            "CAPÍTULO I     ANTECEDENTES\n\nCAPÍTULO II     CONCLUSIONES Y RECOMENDACIONES\n\n"
            "ANEXO I     Lista de participantes\n\nANEXO II     Lista de documentos\n\n"
            "CAPÍTULO I\n\nANTECEDENTES\n\n"
            "1. Primera Reunión de Ministros de Justicia (Lima, 2040)\n\n"
            "Los Ministros de Relaciones Exteriores de los Estados miembros, reunidos en Lima, destacaron la "
            "importancia de una reunión de los Ministros de Justicia de la región.\n")
    doc = parse_document(text)
    assert [p.kind for p in doc.provisions][:2] == [Kind.SECTION, Kind.SECTION]
    assert own_text(text, doc.provisions[0]).startswith("CAPÍTULO I\n")


def test_a_long_title_in_title_case_over_a_note_is_the_cover() -> None:
    """A declaration's theme in title case, its subtitle after a colon making it longer than a title usually runs
    (over 150 characters), above a note in parentheses: the cover's, not the first paragraph."""
    text = ("OEA/Ser.K/L\nCIDI/REMXX/doc.1/40\nOriginal: Spanish\n\n"
            "DRAFT INTER-AMERICAN DECLARATION ON LABOR PRIORITIES\n\n"
            "Decent Work and Social Inclusion: Overcoming Informality and Bridging the Gaps of Social Protection: "
            "Towards an Inter-American Agenda on Labor and Employment\n\n"
            "(Includes the agreements reached at the preparatory meeting held on May 5 and 6, 2040)\n\n"
            "WE, THE MINISTERS OF LABOR OF THE MEMBER STATES OF THE ORGANIZATION OF AMERICAN STATES (OAS), gathered "
            "in Managua, Nicaragua, on June 8 and 9, 2040,\n\n"
            "RECOGNIZING the importance of decent work for the development of our peoples;\n")
    assert first_words(text) == ["WE,", "RECOGNIZING"]


@pytest.mark.parametrize("fields", ["Place and Date: Managua, Nicaragua, April 4 to 6, 2040.\n"
                                    "Location: Meeting room of the Ministry of Labor, at the Center for the Studies of "
                                    "Social Security, in the capital.\n",
                                    "Lugar y fecha: Managua, Nicaragua, del 4 al 6 de abril de 2040.\n"
                                    "Sede: Salón de conferencias del Ministerio del Trabajo, en el centro de la capital "
                                    "del país.\n"])
def test_a_meeting_pages_place_date_and_venue_are_its_cover(fields: str) -> None:
    """A meeting's page printing where and when it met as fields under its name, each ended by a stop: its cover,
    not the first paragraphs of its text."""
    text = ("First Meeting of the Working Groups of the XXX IACML\n" + fields +
            "The First Meeting of the Working Groups was attended by delegations from 19 Ministries of Labor.\n"
            "The Meeting's main purpose was to take action on the tasks assigned by the Declaration.\n")
    assert first_words(text) == ["The", "The"]


def test_a_title_in_capitals_going_on_over_lines_is_the_cover() -> None:
    """A host's summary over a document whose title in capitals runs over four lines ("CONCLUSIONS AND
    RECOMMENDATIONS" / "OF THE MEETING OF ..." / ...): the lines carrying the title on are the cover's, and the
    body begins with the prose under them; a part's heading in capitals under a title stays the body's."""
    head = ("Published March 4, 2040\n\n"
            "The Organization of American States produced these conclusions at a meeting of experts in the capital.\n\n"
            "CONCLUSIONS AND RECOMMENDATIONS\n\nOF THE MEETING OF GOVERNMENT EXPERTS ON\n\n"
            "THE ADVISABILITY OF DEVELOPING A HEMISPHERIC PLAN OF ACTION\n\nON LABOR MIGRATION\n\n")
    body = ("The Government Experts, meeting to consider the advisability of a Hemispheric Plan, agreed as follows:\n\n"
            "1. It is advisable to develop a Hemispheric Plan of Action on Labor Migration.\n")
    assert first_words(head + body) == ["The", "1."]
    assert first_words(head.replace("ON LABOR MIGRATION", "INTRODUCTION") + body)[:2] == ["INTRODUCTION", "The"]


@pytest.mark.parametrize("subject", [
    "LA TRIGÉSIMA ASAMBLEA DE DELEGADAS DE LA COMISION INTERAMERICANA DE MUJERES,",
    "THE MEETING OF MINISTERS OR OF THE HIGHEST-RANKING AUTHORITIES RESPONSIBLE FOR THE ADVANCEMENT OF LABOR RIGHTS "
    "IN THE MEMBER STATES,"])
def test_a_resolutions_subject_naming_its_assembly_at_length_opens_its_body(subject: str) -> None:
    """A resolution whose subject is an assembly of delegates, or a meeting named at length (over a hundred
    characters), over its preamble: the subject is its first paragraph, as "THE GENERAL ASSEMBLY," is."""
    text = ("PLAN OF ACTION ON WOMEN AND DECENT WORK\n\n"
            "(Resolution adopted at the fourth plenary session held on April 28, 2040)\n\n"
            f"{subject}\n\n"
            "CONSIDERING that the countries of the Hemisphere have pledged to combat all forms of discrimination;\n\n"
            "RECOGNIZING the progress made by the organs of the inter-American system;\n")
    assert first_words(text) == [subject.split()[0], "CONSIDERING", "RECOGNIZING"]


def test_a_phrase_set_off_before_the_act_it_mandates_keeps_it_a_mandate() -> None:
    """In a text whose kind the cover does not say, a numbered paragraph opening with where or how ("At the
    technical meetings held by the Commission on the subject,") before the infinitive of the act it asks for ("to
    promote ...") is a mandate, as one opening with the infinitive is; a phrase before no act is not."""
    text = ("1. Establish a mechanism to compile and disseminate information on the experiences of the countries.\n\n"
            "2. At the technical meetings held by the Commission on the subject, to promote the preparation of clear "
            "guidelines on the treatment of workers.\n\n"
            "3. In the year 2040, to the surprise of many observers, employment grew in every country.\n")
    assert [p.kind for p in parse_document(text).provisions] == [Kind.MANDATE, Kind.MANDATE, Kind.PARAGRAPH]


def test_a_plans_lead_in_saying_who_will_act_is_a_mandate_not_a_heading() -> None:
    """In a Plan of Action, a short lead-in naming who is to act ("Governments will:") over the paragraphs of what
    they are to do is no heading: a mandate, as they are; a label naming only who ("The Ministries of Labor:")
    directs nothing."""
    body = ("Access to education at all levels is the key to the development of the region.\n\n"
            "{lead}\n\n"
            "Guarantee universal access to quality primary education, working with the public and private sectors.\n\n"
            "Promote, with the support of international financial institutions, access to higher education.\n")
    doc = parse_document(body.format(lead="Governments will:"), doc_type=DocType.PLAN_OF_ACTION)
    assert [(p.eid, p.kind) for p in doc.provisions][1:] == [
        ("al_2", Kind.MANDATE), ("al_3", Kind.MANDATE), ("al_4", Kind.MANDATE)]
    doc = parse_document(body.format(lead="The Ministries of Labor:"), doc_type=DocType.PLAN_OF_ACTION)
    assert doc.provisions[1].kind is not Kind.MANDATE


@pytest.mark.parametrize("name", ["APPENDIX", "ANNEX I", "Anexo"])
def test_an_annex_alone_on_its_line_heads_it_and_ends_what_a_resolution_resolves(name: str) -> None:
    """"APPENDIX" (or "ANNEX I") alone on its line after a resolution's operative part, over the annexed text's
    title in capitals, heads the text annexed: a section, and what follows it is no longer what the resolution
    resolves."""
    text = ("THE GENERAL ASSEMBLY,\n\nCONSIDERING that the Council recommended the plan to the Assembly,\n\n"
            "RESOLVES:\n\nTo adopt the Strategic Plan for Partnership for Development 2040-2044.\n\n"
            f"{name}\n\nSTRATEGIC PLAN FOR PARTNERSHIP FOR DEVELOPMENT 2040-2044\n\n"
            "The American states have agreed to step up their efforts within the framework of the Organization.\n")
    kinds = [(own_text(text, p).split()[0], p.kind) for p in parse_document(text).provisions]
    assert kinds[-4] == ("To", Kind.MANDATE)
    assert kinds[-3] == (name.split()[0], Kind.SECTION)
    assert kinds[-1] == ("The", Kind.PARAGRAPH)


@pytest.mark.parametrize("opening", [
    "Los ministros y las ministras de educación de la región, convocados por la UNESCO a su reunión de Managua",
    "The Labor Ministers of the region, convened by the ILO in Managua"])
def test_a_text_its_signatories_open_convened_is_a_declaration(opening: str) -> None:
    """The signatories opening a text with no cover, "convened" (convocados) where others are "gathered"
    (reunidos): what they sign is a declaration."""
    text = (f"{opening} on 4 and 5 May 2040, ratify the need to step up their efforts for decent work.\n\n"
            "1. Education and employment are at the heart of our policies.\n")
    assert parse_document(text).metadata.type == "Declaration"


@pytest.mark.parametrize("cue", ["VISTAS:", "HAVE AGREED:", "ACUERDAN:"])
def test_a_resolutions_clause_word_alone_on_its_line_leads_in_no_section(cue: str) -> None:
    """A clause word a resolution prints alone on its line over its clauses ("VISTAS:", "HAVE AGREED:") leads them
    in: a paragraph of the text, as "CONSIDERANDO:" is, not a heading over them."""
    text = ("LA ASAMBLEA GENERAL,\n\n"
            f"{cue}\n\n"
            "La resolución AG/RES. 40 (I-O/40) mediante la cual la Asamblea General decidió convocar la Conferencia;\n\n"
            "La resolución AG/RES. 41 (I-O/40), mediante la cual la Asamblea General propuso reformar la Carta,\n")
    doc = parse_document(text)
    assert [(own_text(text, p).split()[0], p.kind) for p in doc.provisions][1] == (cue.split()[0], Kind.PARAGRAPH)
    assert all(p.kind is not Kind.SECTION for p in doc.provisions)


def test_a_site_menu_between_double_colons_is_no_paragraph() -> None:
    """A site's menu printed between double colons (":: Inicio :: :: Mapa del sitio :: ...") over the text's title
    and its contents: navigation, not where the body begins."""
    text = ("DIVISIÓN DE CIENCIA Y TECNOLOGÍA\n\n"
            ":: Inicio :: :: Mapa del sitio :: :: Contactos de la oficina :: :: Inglés ::\n\n"
            "Programa Interamericano de Ciencia y Tecnología\n\n"
            "I. ANTECEDENTES\n\n"
            "Las áreas estratégicas y los lineamientos de política que a continuación se presentan tienen como "
            "propósito orientar la cooperación.\n")
    assert first_words(text) == ["I.", "Las"]


def test_a_portuguese_text_is_read_as_portuguese() -> None:
    """A walkthrough's final report in Portuguese was proposed as Spanish (the words counted were English and
    Spanish ones, "de" and "para" among them, and "não" not read as a word), its "Original: inglês" not read."""
    text = ("RELATÓRIO FINAL DA REUNIÃO DOS GRUPOS DE TRABALHO\n\nOriginal: inglês\n\n"
            "1. A reunião foi realizada na cidade de Lima, com a participação dos ministérios do trabalho da região e "
            "das organizações dos trabalhadores e dos empregadores.\n\n"
            "2. Os participantes não aprovaram uma nova agenda, mas também acordaram continuar o diálogo pelo "
            "fortalecimento das instituições.\n")
    metadata = parse_document(text).metadata
    assert (metadata.language, metadata.original_language) == ("pt", "en")
    from kb.ingest import title_case

    assert title_case(metadata.title or "") == "Relatório Final da Reunião dos Grupos de Trabalho"
    spanish = ("INFORME FINAL DE LA REUNIÓN DE LOS GRUPOS DE TRABAJO\n\nOriginal: inglés\n\n"
               "1. La reunión se realizó en la ciudad de Lima, con la participación de los ministerios de trabajo de "
               "la región y de las organizaciones de los trabajadores y de los empleadores.\n")
    assert (parse_document(spanish).metadata.language, parse_document(spanish).metadata.original_language) == \
        ("es", "en")


NEWS_ITEM = (
    "Ministras y ministros de trabajo acuerdan una agenda común\n\n"
    "Foto: Ministerio de Trabajo.\n\n"
    "Las delegaciones de veinte países se reunieron en Lima para acordar las prioridades de la próxima "
    "Conferencia.\n\n"
    "Etiquetas:\n\n"
    "reunion-lima-01.jpg\n\n"
    "En la imagen, la ministra anfitriona saluda a las delegaciones en la sesión de apertura.\n\n"
    "La reunión concluyó con una declaración sobre el empleo juvenil y la formación profesional.\n\n"
    "Lee también: El Gobierno presenta su plan de empleo para el próximo año.\n\n"
    "The ministers met the President at the opening session of the meeting in Lima. Photo credit: OAS/Jane Doe.\n\n"
    "ESCRITO POR:\n\n"
    "No hay comentarios:\n\n"
    "Publicar un comentario\n")


def test_a_news_sites_furniture_is_no_provision() -> None:
    """A news item's page carries a photo's credit and caption, an image's file name, links to other stories ("Lee
    también: ..."), labels left without their value ("Etiquetas:", "ESCRITO POR:") and the comments' box: none of
    them is the story's text."""
    doc = parse_document(NEWS_ITEM)
    assert [own_text(NEWS_ITEM, p)[:20] for p in doc.provisions] == ["Las delegaciones de ", "La reunión concluyó "]


def test_the_next_number_after_a_stray_blank_goes_on_with_the_run() -> None:
    """A host leaving a blank before a paragraph's number (" 3º. Que ...") does not make it a part of the
    paragraph before it: it is the run's next number, the paragraph before having no parts."""
    text = ("DECLARACIÓN DE LIMA\n\nConsiderando:\n\n"
            "1º. Que el trabajo decente es la base de la inclusión social;\n\n"
            "2º. Que la protección social debe llegar a todos los trabajadores y a sus familias;\n\n"
            " 3º. Que la cooperación entre los ministerios fortalece sus políticas de empleo,\n\n"
            "Declara:\n")
    assert [(p.eid, p.number) for p in parse_document(text).provisions if p.number] == [
        ("para_1", "1"), ("para_2", "2"), ("para_3", "3")]


FRENCH_DECLARATION = (
    "CONFÉRENCE INTERAMÉRICAINE DES MINISTRES DU TRAVAIL\n\n"
    "QUARANTIÈME CONFÉRENCE\nLima, Pérou\nOriginal: espagnol\n\n"
    "DÉCLARATION DE LIMA\n\n"
    "(Adoptée lors de la séance plénière tenue le 3 octobre 2040)\n\n"
    "Nous, les ministres du travail, réunis dans la ville de Lima à l'occasion de la quarantième Conférence, dont le "
    "thème est l'emploi des jeunes,\n\n"
    "DÉCLARONS:\n\n"
    "1. Que le dialogue social est au cœur des politiques de l'emploi et de la protection des travailleurs.\n\n"
    "2. Que la coopération entre les ministères du travail renforce les services qu'ils offrent aux citoyens.\n")


def test_a_french_text_its_opening_and_cover() -> None:
    """A declaration in French: read as French, its original's language ("Original: espagnol") and its date ("3
    octobre 2040") read; the ministers' opening ("Nous, les ministres ...,") runs on to its verb ("DÉCLARONS:")."""
    doc = parse_document(FRENCH_DECLARATION)
    assert (doc.metadata.language, doc.metadata.original_language, doc.metadata.date) == ("fr", "es", "2040-10-03")
    texts = [own_text(FRENCH_DECLARATION, p) for p in doc.provisions]
    assert texts[0].startswith("Nous, les ministres") and texts[0].endswith("DÉCLARONS:")
    assert [p.number for p in doc.provisions] == [None, "1", "2"]


UNNUMBERED_DECK = (
    "95 likes | 310 Views\n"
    "La Red en cifras 2039-2040. Reunión de los Grupos de Trabajo, Lima, 3 de mayo de 2040. Antecedentes.\n"
    "- - - - - - - - - - - - - - - E N D - - - - - - - - - - - - - - -\n"
    "La Red en cifras 2039-2040 Reunión de los Grupos de Trabajo, Lima, 3 de mayo de 2040\n"
    "Antecedentes • 2038: estudio de factibilidad de la Red • 2039: la Red se crea con apoyo de los ministerios\n"
    "Herramientas Talleres Estudios Misiones de cooperación Boletín Foros en línea\n"
    "Resultados • Doce talleres hemisféricos • Cuarenta misiones de cooperación\n"
    "Resultados (cont.) Once estudios publicados sobre la inspección del trabajo y el empleo juvenil.\n")


def test_a_slide_hosts_unnumbered_slides_after_its_rule() -> None:
    """A slide host that draws its rule ("- - - E N D - - -") under its furniture prints each slide on a line of
    its own, unnumbered: the first is the deck's cover, each other's title ends as a numbered slide's does, or
    with a "(cont.)" saying it goes on from the slide before."""
    doc = parse_document(UNNUMBERED_DECK)
    sections = [own_text(UNNUMBERED_DECK, p) for p in doc.provisions if p.kind is Kind.SECTION]
    assert sections == ["Antecedentes", "Herramientas", "Resultados", "Resultados (cont.)"]
    assert own_text(UNNUMBERED_DECK, doc.provisions[0]) == "Antecedentes"
    assert "E N D" not in " ".join(own_text(UNNUMBERED_DECK, p) for p in doc.provisions)


UNTITLED_SLIDE_DECK = (
    "120 likes | 415 Views\n"
    "From 2037 to 2040 the Network helped the Ministries of Labor of the region strengthen their inspection services "
    "through workshops, studies and cooperation missions between ministries.\n"
    "- - - - - - - - - - - - - - - E N D - - - - - - - - - - - - - - -\n"
    "The Network for Labor Inspection Results and lessons 2037-2040\n"
    "Inspection protocols adopted 40% of missions reported Training of new inspectors 65% of workshops "
    "• New checklist for construction sites, LIM • Mobile inspection unit for rural areas, BOG "
    "• Online complaints service, QUI\n"
    "Inspection offices reorganized 30% of missions reported • Regional office opened in the south, ASU "
    "• Case management system, MVD\n"
    "Network Tools Workshops Studies Cooperation missions Online library\n")


def test_a_decks_text_begins_with_the_slide_after_its_title_slide_titled_or_not() -> None:
    """A slide host's unnumbered slides under its rule, the second a table of figures and bullets whose title
    nothing tells the end of: the deck's text begins with it, not with the first slide whose title is found; the
    host's summary and the title slide are its cover."""
    doc = parse_document(UNTITLED_SLIDE_DECK)
    texts = [own_text(UNTITLED_SLIDE_DECK, p) for p in doc.provisions if p.kind is not Kind.LIST]
    assert texts[0].startswith("Inspection protocols adopted 40% of missions reported Training")
    assert texts[1:4] == ["• New checklist for construction sites, LIM", "• Mobile inspection unit for rural areas, BOG",
                          "• Online complaints service, QUI"]
    assert "Network Tools" in texts
    assert not any("likes" in t or "Results and lessons" in t for t in texts)


def test_a_slides_text_whose_title_is_not_found_is_no_heading() -> None:
    """A slide's text whose title nothing tells the end of (a table's figures, its bullets after them) is no
    heading, however short and unstopped it is; a slide whose title is found ("Network Tools") is still headed."""
    doc = parse_document(UNTITLED_SLIDE_DECK)
    kinds = {own_text(UNTITLED_SLIDE_DECK, p): p.kind for p in doc.provisions}
    assert kinds["Inspection protocols adopted 40% of missions reported Training of new inspectors 65% of "
                 "workshops"] is Kind.PARAGRAPH
    assert kinds["Network Tools"] is Kind.SECTION


def test_a_decks_contents_slide_after_its_title_slide_is_no_provision() -> None:
    """The slide after the title slide listing the deck's parts ("CONTENTS ..."): neither it nor the title slide
    is text; the text begins with the slide after it."""
    text = ("88 likes | 230 Views\nThe Network presented its results to the Working Groups in Lima.\n"
            "- - - - - - - - - - - - - - - E N D - - - - - - - - - - - - - - -\n"
            "The Network for Labor Inspection Results and lessons 2037-2040\n"
            "CONTENTS Background Results Tools\n"
            "Inspection protocols adopted 40% of missions reported • New checklist for construction sites, LIM "
            "• Mobile inspection unit for rural areas, BOG\n")
    texts = [own_text(text, p) for p in parse_document(text).provisions if p.kind is not Kind.LIST]
    assert texts == ["Inspection protocols adopted 40% of missions reported",
                     "• New checklist for construction sites, LIM", "• Mobile inspection unit for rural areas, BOG"]


SENT_DRAFT = (
    "OEA/Ser.G\n\nCP/doc.9999/40\n\n3 May 2040\n\nOriginal: English\n\n"
    "DRAFT DECLARATION\n\n“SKILLS FOR THE FUTURE OF WORK”\n\n(Presented by the Permanent Mission of Utopia)\n\n"
    "PERMANENT MISSION OF UTOPIA\n\nTO THE ORGANIZATION OF AMERICAN STATES\n\n"
    "Excellency:\n\n"
    "I have the honor to send Your Excellency the Draft Declaration “Skills for the Future of Work” of the regular "
    "session of the General Assembly.\n\n"
    "We request that this document be distributed to the delegations of the Member States.\n\n"
    "Accept, Excellency, the renewed assurances of my highest consideration.\n\n"
    "Jane Doe\n\nAmbassador, Permanent Representative\n\nHis Excellency\n\nChair of the Permanent Council\n\n"
    "Washington, D.C.\n\n"
    "DRAFT DECLARATION\n\n“SKILLS FOR THE FUTURE OF WORK”\n\n(Presented by the Permanent Mission of Utopia)\n\n"
    "THE MINISTERS OF FOREIGN AFFAIRS, meeting at the regular session of the General Assembly,\n\n"
    "REAFFIRMING the importance of skills for decent work;\n")


def test_a_letter_sending_a_draft_keeps_its_text_not_its_formulas() -> None:
    """A mission's letter sending a draft over it: its paragraphs are text, its salutation ("Excellency:"), closing
    formula, signature and addressee, and the draft's cover printed again under them are not."""
    doc = parse_document(SENT_DRAFT)
    assert [own_text(SENT_DRAFT, p).split()[0] for p in doc.provisions] == ["I", "We", "THE", "REAFFIRMING"]


def test_headings_numbered_and_glued_over_prose_are_no_slides() -> None:
    """Headings whose numbers a conversion glued to them ("2Background") over paragraphs of prose are a report's,
    not a deck's slides: the text under the first is not taken for a cover."""
    text = ("REPORT OF THE MEETING\n\n1Introduction\n\nThe Working Groups met in Lima on 3 May 2040 to review the "
            "plan.\n\n2Background\n\nThe plan was adopted by the Ministers of Labor in 2039.\n\n3Results\n\n"
            "The Working Groups agreed on three new activities for the coming year.\n")
    assert [own_text(text, p).split()[0] for p in parse_document(text).provisions] == [
        "The", "2Background", "The", "3Results", "The"]


def test_a_read_more_link_ends_no_paragraph() -> None:
    """A newsletter's story summary ends with a link to the rest of it ("Read more >>"): the link is the page's,
    not the summary's text."""
    text = ("Newsletter #40\n\nMinisters meet in Lima\n\n"
            "The Ministers of Labor met in Lima on 3 May 2040 and adopted a plan on skills. Read more >>\n\n"
            "Network workshop held in Quito\n\n"
            "The Network held its workshop on labor inspection in Quito. Leer más\n")
    ends = [own_text(text, p)[-10:] for p in parse_document(text).provisions if p.kind is Kind.PARAGRAPH]
    assert ends == ["on skills.", " in Quito."]


def test_a_declaration_glued_on_one_line_opening_on_reunidos() -> None:
    """A declaration a host glued onto one line, its title over an opening in the participle ("DECLARACIÓN DE LIMA
    Reunidos en Lima, ...") and the heading of its operative part before the first number ("... la siguiente:
    DECLARACIÓN 1. Reconocemos ..."): the title is the cover, the opening a paragraph, the heading a section."""
    text = ("DECLARACIÓN DE LIMA Reunidos en Lima, Perú, con motivo de la reunión de los interlocutores sociales de la "
            "región, los representantes de los trabajadores y de los empleadores acuerdan transmitir a los ministros "
            "la siguiente: DECLARACIÓN 1. Reconocemos que el diálogo social es la base de las políticas de empleo de "
            "la región. 2. Reiteramos que la formación profesional debe llegar a todos los jóvenes de la región.\n")
    got = [(p.kind, own_text(text, p)[:12]) for p in parse_document(text).provisions]
    assert got == [(Kind.PARAGRAPH, "Reunidos en "), (Kind.SECTION, "DECLARACIÓN"), (Kind.PARAGRAPH, "1. Reconocem"),
                   (Kind.PARAGRAPH, "2. Reiteramo")]


def test_recommendations_announced_by_their_number() -> None:
    """A news item's paragraph announcing recommendations by their number ("... agreed on the three recommendations
    to guide the region.") leads in the numbered run after it, though it ends with a full stop: recommendations."""
    text = ("Ministers agree on the future of work\n\n"
            "The Ministers of Labor met in Lima on 3 May 2040 to discuss the future of work in the region.\n\n"
            "As a result of their discussions, the Ministers agreed on the three overarching recommendations to "
            "guide the region.\n\n"
            "1. Exploring new job opportunities in the digital and green economies;\n\n"
            "2. Adapting the institutions of work to new forms of employment;\n\n"
            "3. Strengthening social dialogue on the future of work.\n")
    kinds = [p.kind for p in parse_document(text).provisions if p.number]
    assert kinds == [Kind.RECOMMENDATION] * 3


@pytest.mark.parametrize("text", [
    "Regional Meeting Concludes With Adoption Of Lima Declaration\n\n"
    "The Regional Meeting concluded on 3 May 2040 with the adoption of the Lima Declaration, a commitment to decent "
    "work in the region.\n\nThe delegations also agreed to meet again in two years.\n",
    "Ministerios de Trabajo acuerdan una agenda común para la región\n\n"
    "Los Ministros y Ministras de Trabajo de la región, reunidos en la Conferencia Interamericana, aprobaron hoy la "
    "Declaración de Lima. Este documento sienta las bases de la cooperación en la región.\n",
])
def test_a_news_item_telling_of_a_declaration_is_a_web_page(text: str) -> None:
    """A headline telling of a declaration's adoption by the noun ("... With Adoption Of Lima Declaration"), or the
    ministers opening a story of what they did that day ("..., reunidos en ..., aprobaron hoy ..."): a news item,
    a web page, not the declaration."""
    assert parse_document(text).metadata.type == "WebPage"


def test_a_press_advisory_is_a_web_page() -> None:
    """A press office's advisory ("Press Advisory" over its headline) announcing meetings is a web page, as its
    press release is."""
    text = ("Press Advisory\n\nOAS to Convene Meetings of Labor Authorities in Lima\n\n  May 3, 2040\n\n"
            "The Organization will convene a series of meetings this week in Lima to discuss labor issues in the "
            "region.\n")
    assert parse_document(text).metadata.type == "WebPage"


def test_a_roman_numeral_without_its_stop_before_the_next_one() -> None:
    """The first heading of a report printed without its numeral's stop ("I ANTECEDENTES"), the next with it ("II.
    SEDE Y FECHA"): both sections of the one run, numbered I and II."""
    text = ("Informe Final\n\nI ANTECEDENTES\n\nLa Comisión fue creada por la Asamblea General para fortalecer la "
            "cooperación entre los puertos de la región.\n\nII. SEDE Y FECHA\n\nLa reunión se celebró en Lima los días "
            "3 y 4 de mayo de 2040.\n")
    assert [(p.eid, p.number) for p in parse_document(text).provisions if p.kind is Kind.SECTION] == [
        ("sec_1", "I"), ("sec_2", "II")]


def test_a_plan_of_action_in_portuguese_under_an_editors_note() -> None:
    """An editor's note announcing "the complete text of the Plan of Action" ("o texto completo do Plano de Ação")
    says what the text is but is neither its title nor a provision; the Heads of State's opening ("Nós, os Chefes de
    Estado ...") enacts the plan; a paragraph describing ("... superá-los", an infinitive before its pronoun, no
    future) does not."""
    text = ("O seguinte documento é o texto completo do Plano de Ação aprovado pelos\n"
            "Chefes de Estado e de Governo participantes da Cúpula das Américas.\n"
            "Nós, os Chefes de Estado e de Governo das Américas, conscientes dos\n"
            "desafios comuns da região e do esforço que devemos empreender juntos,\n"
            "afirmamos nossa determinação de pôr em prática o presente Plano de Ação.\n"
            "I. TRABALHO: A CHAVE PARA O PROGRESSO\n"
            "O compromisso com o trabalho decente reflete os problemas que a região\n"
            "enfrenta e o esforço compartilhado de toda a sociedade para superá-los.\n")
    doc = parse_document(text)
    assert doc.metadata.type == "PlanOfAction" and doc.metadata.title is None
    assert [(own_text(text, p).split()[0], p.kind) for p in doc.provisions] == [
        ("Nós,", Kind.MANDATE), ("I.", Kind.SECTION), ("O", Kind.PARAGRAPH)]
    english = text.replace("O seguinte documento é o texto completo do Plano de Ação aprovado pelos",
                           "The following document is the complete text of the Plan of Action signed by")
    english_doc = parse_document(english)
    assert english_doc.metadata.type == "PlanOfAction" and english_doc.metadata.title is None
    assert own_text(english, english_doc.provisions[0]).startswith("Nós, os Chefes")


def test_a_plan_opened_by_its_first_numbered_paragraph_under_a_hosts_notes() -> None:
    """A host's notes over the text ("Aprovado na sessão ...", "No documento ...") and the signatories' opening as
    its first numbered paragraph naming the plan ("1. Nós, os Ministros ... deste Plano de Ação:"): a Plan of
    Action, whose paragraphs and items are mandates."""
    text = ("Aprovado na sessão de encerramento, realizada em 4 de maio de 2040, em Lima\n\n"
            "No documento Revista de Estudos do Trabalho (páginas 10-16)\n\n"
            "1. Nós, os Ministros e Ministras do Trabalho das Américas, reunidos em Lima, Peru, nos comprometemos a "
            "implementar os seguintes objetivos deste Plano de Ação:\n\n"
            "a) promover o trabalho decente em toda a região;\n\n"
            "b) fortalecer os Ministérios do Trabalho da região.\n\n"
            "2. A Presidência da Conferência, com o apoio da Secretaria Técnica, coordenará os grupos de trabalho.\n")
    doc = parse_document(text)
    assert doc.metadata.type == "PlanOfAction"
    assert [(p.number, p.kind) for p in doc.provisions if p.number] == [
        ("1", Kind.MANDATE), ("1(a)", Kind.MANDATE), ("1(b)", Kind.MANDATE), ("2", Kind.MANDATE)]


def test_a_table_of_contents_ends_where_the_texts_opening_begins() -> None:
    """A Summit's plan printed under its table of contents, its title in mixed case over the Heads of State's
    opening in the third person ("The heads of state and government participating ..."), hard-wrapped: the contents
    end there, the title is the cover's, the opening is the first provision and enacts the plan."""
    text = ("Table of Contents\n"
            "I. Building Decent Work in the Americas\n"
            "1. Strengthening the Ministries of Labor\n"
            "2. Promoting Social Dialogue\n"
            "II. Protecting Workers and their Families\n"
            "3. Occupational Safety and Health.\n"
            "Summit of the Americas Plan of Action\n"
            "The heads of state and government participating in the 2040\n"
            "Summit of the Americas in Lima, desirous of furthering the objectives\n"
            "set forth in their Declaration, affirm their commitment to this Plan of Action.\n"
            "I. BUILDING DECENT WORK IN THE AMERICAS\n"
            "1. Strengthening the Ministries of Labor\n"
            "The ministries of labor are the main bodies of the region for the promotion of\n"
            "decent work, and their capacities must grow with the demands placed upon them.\n")
    doc = parse_document(text)
    assert doc.metadata.title == "Summit of the Americas Plan of Action" and doc.metadata.type == "PlanOfAction"
    first = doc.provisions[0]
    assert own_text(text, first).startswith("The heads of state") and first.kind is Kind.MANDATE


def test_the_signatories_verb_in_capitals_commits() -> None:
    """A Summit's text whose preamble the signatories close with their verb in capitals ("PLEDGE to implement ...",
    "COMMIT TO:" glued after the preamble): that paragraph, and the paragraphs completing it (a gerund, "Strengthening
    ...") under the headings that group them, are mandates; a paragraph with a subject of its own is read by its
    words."""
    pledge = ("We, the Heads of State and Government of the Americas, meeting in Lima for the Tenth Summit,\n\n"
              "UNDERSCORING that decent work is essential for the region;\n\n"
              "PLEDGE to implement by the next Summit the following actions to strengthen labor institutions:\n")
    kinds = [p.kind for p in parse_document(pledge).provisions]
    assert kinds[-2:] == [Kind.PARAGRAPH, Kind.MANDATE]
    glued = ("We, the Heads of State and Government of the Hemisphere, meeting in Lima for the Tenth Summit, "
             "Underscoring that decent work is essential for the region; and Reaffirming our commitment to the "
             "conventions of the International Labour Organization, COMMIT TO: A.\n\n"
             "Decent Work for All\n\n"
             "Strengthening the ministries of labor so that they have the resources their functions require.\n\n"
             "Promoting social dialogue among governments, workers and employers in every country.\n\n"
             "The region has made progress in the last decade.\n")
    doc = parse_document(glued, doc_type=DocType.DECLARATION)
    assert [(own_text(glued, p).split()[0], p.kind) for p in doc.provisions if p.kind is not Kind.SECTION][-4:] == [
        ("Underscoring", Kind.PARAGRAPH), ("Strengthening", Kind.MANDATE), ("Promoting", Kind.MANDATE),
        ("The", Kind.PARAGRAPH)]


def test_a_plan_paragraph_in_the_future_third_person_is_a_mandate() -> None:
    """A Summit's plan whose paragraphs say what the governments its lead-in names will do, opening on the verb
    in the future, third person ("Intercambiarán ...", "Continuarán fortaleciendo ...", "Promoverão ..."):
    mandates, whatever kind of text it is read as; a paragraph that only describes is not."""
    text = ("1. HACIA UN EMPLEO MÁS DIGNO\n\n"
            "Conscientes de la relación entre el trabajo decente y el desarrollo sostenible de la región:\n\n"
            "Intercambiarán prácticas óptimas para fortalecer la inspección del trabajo en toda la región;\n\n"
            "Continuarán fortaleciendo los servicios públicos de empleo con el apoyo de la Organización;\n\n"
            "La región ha logrado avances importantes en la última década en materia de empleo.\n")
    kinds = [p.kind for p in parse_document(text).provisions if p.kind is not Kind.SECTION]
    assert kinds == [Kind.PARAGRAPH, Kind.MANDATE, Kind.MANDATE, Kind.PARAGRAPH]
    portuguese = "Promoverão o diálogo social entre governos, trabalhadores e empregadores em toda a região.\n"
    assert [p.kind for p in parse_document(portuguese).provisions] == [Kind.MANDATE]


def test_a_dated_story_that_names_no_kind_is_a_web_page() -> None:
    """A news item under its headline and dateline, naming no kind of document, with no symbol or "Original:", and
    mandating nothing: a web page, its date its dateline's."""
    text = ("Labor Ministers of the Americas Gather in Lima\n\nMay 3, 2040\n\n"
            "The ministers of labor of the region opened their conference today in Lima, with the future of work at "
            "the top of their agenda.\n\nThe delegations discussed social dialogue and the ministries' capacities.\n")
    metadata = parse_document(text).metadata
    assert (metadata.type, metadata.date) == ("WebPage", "2040-05-03")


@pytest.mark.parametrize(("text", "want"), [
    ("XXX CONFERÊNCIA INTERAMERICANA DE MINISTROS DO TRABALHO\n\n3 a 4 de maio de 2040\nLima, Peru\n\n"
     "DECLARAÇÃO DE LIMA\n\n(Aprovada na terceira sessão plenária, realizada\nem 4 de maio de 2040)\n\n"
     "Os Ministros participantes da XXX Conferência Interamericana de Ministros do Trabalho, reunidos em Lima,\n\n"
     "DECLARAMOS:\n\n1. Que o trabalho decente é o centro das nossas políticas.\n",
     ("DECLARAÇÃO DE LIMA", "Declaration", "2040-05-04", "iacml30")),
    ("XXXe CONFERENCE INTERAMERICAINE DES MINISTRES DU TRAVAIL\n\n3 – 4 mai 2040\nLima, Pérou\nOriginal: espagnol\n\n"
     "DÉCLARATION DE LIMA\n\n(Adoptée à la troisième séance plénière tenue le 4 mai 2040)\n\n"
     "Les Ministres participant à la XXXème Conférence interaméricaine des ministres du travail, réunis à Lima,\n\n"
     "DÉCLARENT :\n\n1. Que le travail décent est au centre de nos politiques.\n",
     ("DÉCLARATION DE LIMA", "Declaration", "2040-05-04", "iacml30")),
    ("XXX CONFERÊNCIA INTERAMERICANA OEA/Ser.K/XII.30.1\n\nDE MINISTROS DO TRABALHO TRABAJO/doc.6/40\n\n"
     "3 a 4 de maio de 2040 4 maio 2040\n\nLima, Peru Original: inglês\n\nRELATÓRIO DO GRUPO DE TRABALHO 2\n\n"
     "1. INTRODUÇÃO\n\nO Plano de Ação atribuiu ao Grupo de Trabalho a tarefa de fortalecer os Ministérios.\n",
     ("RELATÓRIO DO GRUPO DE TRABALHO 2", "WorkingGroupReport", "2040-05-04", "iacml30")),
])
def test_a_cover_in_portuguese_or_french(text: str, want: tuple[str, str, str, str]) -> None:
    """A Conference's text in Portuguese or French: its kind ("DECLARAÇÃO", "DÉCLARATION", "RELATÓRIO DO GRUPO DE
    TRABALHO"), the Conference's name no title but its meeting ("XXXe CONFERENCE INTERAMERICAINE DES MINISTRES DU
    TRAVAIL"), the months ("maio", "mai") and the note of adoption ("Aprovada ...", "Adoptée ...") its date."""
    metadata = parse_document(text).metadata
    assert (metadata.title, metadata.type, metadata.date, metadata.meeting) == want


def test_the_signatories_undertaking_this_plan_make_a_plan_whatever_they_cite() -> None:
    """The signatories' opening citing a declaration before the plan it enacts ("... the mandates of the Declaration
    of Lima, undertake to carry out this Plan of Action:"): a Plan of Action, not a declaration."""
    text = ("We, the Ministers of Labor of the Americas, meeting in Lima, to fulfil the mandates of the Declaration of "
            "Lima, undertake to carry out this Plan of Action:\n\n"
            "1. Strengthen the ministries of labor of the region.\n\n2. Promote social dialogue.\n")
    assert parse_document(text).metadata.type == "PlanOfAction"


def test_lettered_items_in_lower_case_glued_after_a_semicolon() -> None:
    """Lettered items in lower case, two run onto one line ("a) continuar ...; b) promover ..."): the next letter
    after the clause's ";" begins an item; a letter in lower case inside a sentence ("in 2040 b) the ...") none."""
    text = ("1. Nós, os Ministros do Trabalho das Américas, nos comprometemos a implementar os seguintes objetivos "
            "deste Plano de Ação:\n\n"
            "a) continuar fortalecendo o processo de cúpulas e implementar os seus mandatos relativos ao trabalho; "
            "b) promover políticas que estimulem o investimento e o crescimento com equidade;\n\n"
            "c) continuar fortalecendo a capacidade dos Ministérios do Trabalho.\n")
    assert [p.number for p in parse_document(text).provisions] == ["1", "1(a)", "1(b)", "1(c)"]
    sentence = ("a) The Ministers agreed to review the report submitted by the group in 2040 b) the delegations "
                "of the region, which met twice, and the Secretariat.\n")
    assert len(parse_document(sentence).provisions) == 1


def test_a_meeting_pages_list_of_documents_by_symbol_is_its_body() -> None:
    """A meeting's page listing its documents, a bullet each, each naming the document's symbol and its languages
    ("• Agenda (CIDI/CIC/doc.1/40 Rev. 1): English | Español"): the list is the page's body, its items; their
    symbols are not the page's, whose cover is the lines over the list."""
    text = ("Comité Interamericano de Cultura (CIC)\n\n"
            "III Reunión Regular del Comité Interamericano de Cultura\nSede de la OEA, Washington, DC\n"
            "3-4 de mayo de 2040\n\n"
            "  • Temario (CIDI/CIC/doc.1/40 Rev. 1): English | Español | Français | Português\n\n"
            "  • Calendario (CIDI/CIC/doc.2/40): English | Español | Français | Português\n\n"
            "  • Lista de Participantes (CIDI/CIC/doc.6/40 rev. 1): Textual\n\n"
            "  • Informe final (CIDI/CIC/doc.9/40): English | Español\n")
    doc = parse_document(text)
    assert [own_text(text, p).split()[1] for p in doc.provisions if p.kind is Kind.ITEM] == [
        "Temario", "Calendario", "Lista", "Informe"]
    assert doc.metadata.symbols == ()


def test_a_label_naming_documents_heads_the_titles_under_it() -> None:
    """A page's label naming documents, without a colon ("Documents considered at the meeting", "Documents of
    reference"), over their titles one a line: a heading over a list of items, up to the next such label."""
    text = ("The meeting was attended by representatives of the Ministries of Labor of the region.\n\n"
            "Documents considered at the meeting\n\nDraft Declaration of Lima\n\nDraft Plan of Action of Lima\n\n"
            "Final Report Working Group 1\n\nDocuments of reference\n\nPreliminary Agenda\n\nList of Participants\n")
    kinds = [(own_text(text, p).split()[0], p.kind) for p in parse_document(text).provisions if p.kind is not Kind.LIST]
    assert kinds == [("The", Kind.PARAGRAPH), ("Documents", Kind.SECTION), ("Draft", Kind.ITEM), ("Draft", Kind.ITEM),
                     ("Final", Kind.ITEM), ("Documents", Kind.SECTION), ("Preliminary", Kind.ITEM), ("List", Kind.ITEM)]


QUALIFIED_DOCUMENTS_PAGE = (
    "Back to the Department\n\nSecond Meeting of the Working Groups\n\n"
    "Held on March 3, the meeting reviewed the progress of the two Working Groups and agreed on the calendar for "
    "the coming year.\n\nPertinent documents\n\nAgenda of the Meeting\n\nList of Participants  \n\n"
    "Summary of the Chair - as presented at the closing session\n\nProposal for a Workshop - submitted by Chile\n")


def test_a_label_naming_documents_after_one_qualifier_heads_their_titles() -> None:
    """A page's label naming documents after a word that qualifies them ("Pertinent documents", "Relavant
    documents" as a host misspells it) over their titles one a line: a heading over a list of items."""
    kinds = [(own_text(QUALIFIED_DOCUMENTS_PAGE, p), p.kind) for p in parse_document(QUALIFIED_DOCUMENTS_PAGE).provisions
             if p.kind is not Kind.LIST]
    assert kinds[1:] == [("Pertinent documents", Kind.SECTION), ("Agenda of the Meeting", Kind.ITEM),
                         ("List of Participants", Kind.ITEM),
                         ("Summary of the Chair - as presented at the closing session", Kind.ITEM),
                         ("Proposal for a Workshop - submitted by Chile", Kind.ITEM)]


def test_a_clause_about_documents_heads_no_list() -> None:
    """A line telling what was done with documents ("Delegates then examined the documents"), more words than one
    qualifier before them, is no label: the short lines under it are not made a list by it."""
    text = ("Held on March 3, the meeting reviewed the progress of the two Working Groups.\n\n"
            "Delegates then examined the documents\n\nAgenda of the Meeting\n\nList of Participants\n")
    kinds = [p.kind for p in parse_document(text).provisions]
    assert Kind.SECTION not in kinds and Kind.ITEM not in kinds


EVENTS_PAGE = (
    "Labor and Employment\n\n"
    "The Department serves as Technical Secretariat of the Conference and supports its Working Groups throughout "
    "the year.\n\nUPCOMING EVENTS:\n\n"
    "  • Meeting of the Working Group on Labor Inspection\n    Lima, Peru - April 7 and 8, 2040\n    See more >>\n"
    "  • Hemispheric Workshop on Social Dialogue and the Future of Work in the Americas\n"
    "    Virtual - March 2, 2040\n    See more >>\n"
    "  • Planning Meeting of the Authorities\n    Virtual Dialogue - February 9, 2040\n")


def test_a_line_hanging_under_a_bullet_carries_its_entry_on() -> None:
    """An events page's entries, a bullet each, the event's place and date on the next line indented under the
    bullet's text (then a "See more >>" link): each place and date is its entry's, not a heading of its own."""
    parts = [(own_text(EVENTS_PAGE, p), p.kind) for p in parse_document(EVENTS_PAGE).provisions
             if p.kind is not Kind.LIST]
    assert parts[1:] == [
        ("UPCOMING EVENTS:", Kind.SECTION),
        ("• Meeting of the Working Group on Labor Inspection\n    Lima, Peru - April 7 and 8, 2040", Kind.ITEM),
        ("• Hemispheric Workshop on Social Dialogue and the Future of Work in the Americas\n"
         "    Virtual - March 2, 2040", Kind.ITEM),
        ("• Planning Meeting of the Authorities\n    Virtual Dialogue - February 9, 2040", Kind.ITEM)]


def test_a_line_under_a_bullet_not_hanging_from_it_is_its_own() -> None:
    """A paragraph printed right under a list, at the bullets' margin, and an indented one after a blank line are
    paragraphs of their own: only a line right under a bullet and to the right of its mark carries it on."""
    text = ("Labor and Employment\n\n"
            "The Department serves as Technical Secretariat of the Conference and supports its Working Groups "
            "throughout the year.\n\n• Meeting on Labor Inspection\n• Workshop on Social Dialogue\n"
            "Both meetings will be held at the headquarters of the OAS.\n\n"
            "  • Planning Meeting of the Authorities\n\n    Its report will be circulated to the delegations in May.\n")
    assert [own_text(text, p) for p in parse_document(text).provisions if p.kind is not Kind.LIST][1:] == [
        "• Meeting on Labor Inspection", "• Workshop on Social Dialogue",
        "Both meetings will be held at the headquarters of the OAS.", "• Planning Meeting of the Authorities",
        "Its report will be circulated to the delegations in May."]


LINKS_PAGE = (
    "Third Meeting of the Working Groups\n\n"
    "The meeting took stock of the work done since the last Conference and prepared the themes of the next one.\n\n"
    "• Working Group 1: “Employment and skills for a green transition”\n"
    "• Working Group 2: “Stronger labor inspection services”\n\n\n"
    "Approved Agenda\n\nFinal List of Participants  \n\nSummary of the Chair and next steps\n\n"
    "Progress Report of the Cooperation Fund 2038-2040\n\nCalendar of Activities 2040-2041\n\nPhoto Gallery\n\n"
    "Opening remarks by the Director of\n")


def test_a_run_of_titles_between_blank_lines_is_a_list() -> None:
    """A meeting page's links to its documents and gallery, their bullets lost, one title between blank lines and
    no label over them: the entries of a list, not paragraphs."""
    parts = [(own_text(LINKS_PAGE, p), p.kind) for p in parse_document(LINKS_PAGE).provisions
             if p.kind is not Kind.LIST]
    assert parts[3:] == [(title, Kind.ITEM) for title in (
        "Approved Agenda", "Final List of Participants", "Summary of the Chair and next steps",
        "Progress Report of the Cooperation Fund 2038-2040", "Calendar of Activities 2040-2041", "Photo Gallery",
        "Opening remarks by the Director of")]


def test_a_forms_fields_between_blank_lines_are_no_list() -> None:
    """A registration form's fields, a word or two each between blank lines ("Last Name", "Country"), are not a
    list of titles: they stay as the parser read them before, paragraphs."""
    text = ("Third Meeting of the Working Groups\n\n"
            "Please complete this registration form and send it to the Technical Secretariat before April 1.\n\n"
            "Registration Form\n\nHybrid meeting\n\n\tLast Name\n\n\tFirst Name\n\n\tOrganization\n\n\tCountry\n\n"
            "\tTelephone\n\n\tE-mail\n\nWill participate:\n")
    kinds = {own_text(text, p): p.kind for p in parse_document(text).provisions}
    assert Kind.ITEM not in kinds.values()
    assert kinds["Last Name"] is Kind.PARAGRAPH and kinds["E-mail"] is Kind.PARAGRAPH


COPIED_COVER_DECK = (
    "Department of Employment of the oas technical Secretariat of the iacml ms. Jane Roe, Director dde "
    "presentation at the Working Groups Meeting Lima, peru may 2040\n\n"
    "Department of Employment of the OAS Technical Secretariat of the IACML Ms. Jane Roe, Director DDE "
    "Presentation at the Working Groups Meeting Lima, Peru May 2040\n\n"
    "Workshop on Labor Inspection Regional experience Quito, Ecuador April 3 – 4, 2040\n\n"
    "  • Ministries of Labor taking part:\n\n    • Ecuador\n    • Peru\n    • Bolivia\n")


def test_a_cover_line_under_the_hosts_lowercased_copy_of_it_is_cover() -> None:
    """A document host's copy of the text's cover line, lowercased, right over the cover line itself: both are the
    cover (its date read from them), and the text begins with the heading under them."""
    doc = parse_document(COPIED_COVER_DECK)
    texts = [own_text(COPIED_COVER_DECK, p) for p in doc.provisions if p.kind is not Kind.LIST]
    assert texts[0].startswith("Workshop on Labor Inspection")
    assert texts[1:] == ["• Ministries of Labor taking part:", "• Ecuador", "• Peru", "• Bolivia"]
    assert doc.metadata.date == "2040-05"


def test_a_first_paragraph_printed_again_further_on_stays_the_body() -> None:
    """A first paragraph repeated after another one (not right under it) is no cover: every paragraph is kept."""
    first = "The Working Groups met in Lima on May 3 and 4, 2040 to review the progress made on the Plan of Action."
    text = f"{first}\n\nDelegations from twenty countries took part in the meeting, with the advisory bodies.\n\n{first}\n"
    assert [own_text(text, p) for p in parse_document(text).provisions] == [
        first, "Delegations from twenty countries took part in the meeting, with the advisory bodies.", first]


MENU_PAGE_BODY = ("The Committee met in Lima on May 3, 2040 to review the progress made on the hemispheric agenda for "
                  "education and to agree on its work plan for the next two years.\n")


def test_a_word_alone_under_a_sites_back_link_is_its_menu_not_the_title() -> None:
    """A site's section, one word under its link back ("Back to DDE" / "Education"), over the page's own heading:
    the heading is the title."""
    text = ("Executive Secretariat for Integral Development (SEDI)\n\nBack to DDE\n\nEducation\n\n\n"
            "Second Meeting of the Inter-American Committee on Education\n\n" + MENU_PAGE_BODY)
    assert parse_document(text).metadata.title == "Second Meeting of the Inter-American Committee on Education"


@pytest.mark.parametrize(("head", "title"), [
    # no link back over the word: the page's first heading
    ("Executive Secretariat for Integral Development (SEDI)\n\nEducation\n\n\n"
     "Second Meeting of the Inter-American Committee on Education\n\n", "Education"),
    ("Back to news\n\nSkills Agenda\n\n", "Skills Agenda"),  # two words under the link: the page's heading
])
def test_a_pages_first_heading_not_a_word_under_a_back_link_stays_its_title(head: str, title: str) -> None:
    assert parse_document(head + MENU_PAGE_BODY).metadata.title == title


def event_page(label: str) -> str:
    """An event page's fields, the last of them (``label``) over the bullets the body opens with."""
    return ("Hemispheric Workshop on Labor Inspection\n\nTopics:\nLABOR INSPECTION\nOccupational safety and health\n"
            "Event date: \n05/03/2040 to 05/04/2040\nPlace: \nQuito\n" + label + " \n"
            "  • Compare the inspection strategies that Ministries of Labor have put in place to reach rural workers "
            "and small firms, so that each Ministry can learn from what the others have tried and how it worked out.\n"
            "  • Agree on joint actions among the Ministries of the region and plan the cooperation missions for the "
            "next year, drawing on the needs that each delegation brings to the workshop and the means at hand.\n"
            "Participants: \nSenior officials of the Ministries of Labor, delegates of workers and employers, and "
            "experts of international organizations.\n")


@pytest.mark.parametrize(("label", "kind"), [("Objectives:", Kind.OBJECTIVE), ("Organizers:", Kind.ITEM)])
def test_the_label_a_cover_ends_with_says_what_the_first_list_holds(label: str, kind: Kind) -> None:
    """An event page's last field, left in the cover ("Objectives:"), over the bullets the body opens with: they
    are objectives; under another field ("Organizers:") they are items, as they were."""
    text = event_page(label)
    bullets = [p.kind for p in parse_document(text).provisions
               if p.kind is not Kind.LIST and own_text(text, p).startswith("•")]
    assert bullets == [kind, kind]


def test_a_numbered_items_lead_in_before_words_in_lower_case_is_not_cut_off() -> None:
    """A numbered item opening on its own lead-in, the colon before words in lower case ("1. Election of the
    Executive Board: consultations will be held ..."): one item, not a heading cut before its last word."""
    text = ("ORGANIZATION OF THE WORK\n\n"
            "Before the formal opening, the heads of delegation held an informal meeting to agree on the following:\n\n"
            "      1. Election of the Executive Board: consultations will be held among the delegations to agree on who "
            "will preside over the Council and who will serve as its two Vice-Chairs and as its rapporteur.\n"
            "      2. Draft Organization of the Work\n      3. Agenda of the Preparatory Stage.\n")
    parts = [(own_text(text, p)[:35], p.number) for p in parse_document(text).provisions]
    assert parts[1:] == [("1. Election of the Executive Board:", "1"), ("2. Draft Organization of the Work", "2"),
                         ("3. Agenda of the Preparatory Stage.", "3")]


def test_a_numbered_heading_glued_to_a_label_before_a_capital_is_cut() -> None:
    """A numbered heading glued to a label whose text opens in capitals ("1. Employment Objective: To raise ..."):
    the heading is cut from the label, as before."""
    text = ("AREAS OF ACTION\n\nThe Plan sets objectives in two areas of work for the member states of the region.\n\n"
            "1. Employment Objective: To raise the quality of the jobs held by young people and to create more "
            "opportunities of productive employment for them in every country of the region.\n")
    kinds = [(own_text(text, p)[:20], p.kind) for p in parse_document(text).provisions]
    assert kinds[1:] == [("1. Employment", Kind.SECTION), ("Objective: To raise ", Kind.OBJECTIVE)]


EVENT_BODY = ("As planned in the Calendar of Activities of the Conference, two events were held one after the other in "
              "the same week at the headquarters of the Organization.\n")


@pytest.mark.parametrize("label", ["Place and Date\n\n", ""])
def test_a_datelines_label_printed_alone_over_it_is_no_title(label: str) -> None:
    """A meeting page's "Place and Date" printed alone over its field ("Place and Date : Lima, ..."): the page's
    title is the heading over them, as it is when the label is not printed twice."""
    text = ("Executive Secretariat for Integral Development (SEDI)\n\nBack to DDE\n\n\n"
            "Third Meeting of the Working Groups of the XL IACML\n\n" + label +
            "Place and Date : Lima, Peru, May 3 to 5, 2040\n\nVenue: Main Hall, Ministry of Labor\n\n" + EVENT_BODY)
    assert parse_document(text).metadata.title == "Third Meeting of the Working Groups of the XL IACML"


LINKS_INTRO = ("Labor and Employment\n\nThe Ministers of Labor of the region meet every two years to agree on the "
               "priorities of their cooperation, and the General Assembly follows up on their work.\n\n")


def test_a_name_over_its_place_and_date_is_one_heading() -> None:
    """A page's heading naming a meeting, its place and dates (a range of days) right under it, the pair between
    blank lines over a paragraph: one heading, not two paragraphs."""
    text = (LINKS_INTRO + "LX OAS General Assembly\nLima, Peru, June 4-6, 2040\n\n"
            "The General Assembly adopted a resolution on the Conference and its follow-up.\n")
    parts = [(own_text(text, p), p.kind) for p in parse_document(text).provisions]
    assert parts[1:] == [("LX OAS General Assembly\nLima, Peru, June 4-6, 2040", Kind.SECTION),
                         ("The General Assembly adopted a resolution on the Conference and its follow-up.",
                          Kind.PARAGRAPH)]


def test_a_sentence_over_a_place_and_date_is_no_heading_of_it() -> None:
    """A sentence over a place and date (a stop ends it) is not joined to it into a heading."""
    text = (LINKS_INTRO + "The Assembly adopted its resolution in plenary.\nLima, Peru, June 4-6, 2040\n\n"
            "The General Assembly adopted a resolution on the Conference and its follow-up.\n")
    texts = [own_text(text, p) for p in parse_document(text).provisions]
    assert "The Assembly adopted its resolution in plenary." in texts


def test_a_signature_over_a_place_and_date_above_an_annex_is_no_heading() -> None:
    """A report signed at its end, its author over where and when ("Minister of Labor of Panama" / "Panama City,
    May 10, 2040"), the annex's heading under it: the pair heads nothing, and the annex is the report's one
    section."""
    text = ("REPORT OF THE CHAIR OF WORKING GROUP 1\n\n"
            "1. The Working Group met twice during the year and examined the proposals of the delegations.\n\n"
            "2. The Chair submits this report to the Conference for its consideration.\n\n"
            "Minister of Labor of Panama\nPanama City, May 10, 2040\n\nANNEX I\n\n"
            "List of the delegations that took part in the meetings of the Working Group.\n")
    sections = [own_text(text, p) for p in parse_document(text).provisions if p.kind is Kind.SECTION]
    assert sections == ["ANNEX I"]


COOPERATION_STORY = (
    "Between May 3 and 7, a team of four officials from Peru spent a week at the Ministry of Labor of Chile to learn "
    "how its public employment service matches young jobseekers with employers across the country.\n\n"
    "The visit ended with a meeting of both teams to agree on the next steps of the cooperation.\n")


def test_a_pages_facts_in_bullets_over_its_story_are_its_body() -> None:
    """A cooperation page's facts, a bullet each on consecutive lines ("• Providing Country: Chile"), between its
    fields and its story: a list of the body, not cover (a cover prints no bullets)."""
    text = ("Bilateral Cooperation: Employment services\n\nRequesting countryProviding country\nEmployment services\n"
            "05/03/2040 to 05/07/2040\n\n Cooperation between the Ministries of Labor of Chile and Peru\n\n\n"
            "  • Providing Country: Chile \n  • Requesting Country: Peru \n"
            "  • Participant institutions: SENCE, MTPE. \n\n\n " + COOPERATION_STORY)
    items = [own_text(text, p) for p in parse_document(text).provisions if p.kind is Kind.ITEM]
    assert items == ["• Providing Country: Chile", "• Requesting Country: Peru",
                     "• Participant institutions: SENCE, MTPE."]


def test_a_sites_menu_in_bullets_is_no_body() -> None:
    """A site's menu printed as bullets over a page, a word or two an entry: no part of the body."""
    text = "• Home\n• News\n• Contact us\n\nBilateral Cooperation: Employment services\n\n " + COOPERATION_STORY
    assert [p.kind for p in parse_document(text).provisions] == [Kind.PARAGRAPH, Kind.PARAGRAPH]


def test_a_sites_menu_of_long_entries_in_bullets_is_no_body() -> None:
    """A site's menu printed as bullets over a news story, its entries naming the site's pages in three words or
    more, no field among them: the story's headline is the title and its dateline the date, the menu no body."""
    text = ("Department of Human Development, Education and Employment\n"
            "• Inter-American Conference of Ministers of Labor\n• Working Groups of the Conference\n"
            "• Inter-American Network for Labor Administration\n• Cooperation and technical assistance\n\n"
            "Ministers of Labor adopt the Declaration of Lima\n\n"
            "Lima, March 4, 2040. The Ministers of Labor of the Americas adopted today the Declaration of Lima, which "
            "sets the priorities of the Conference for the next two years.\n\n"
            "The Declaration calls for stronger labor inspection and for policies on youth employment.\n")
    doc = parse_document(text)
    assert doc.metadata.title == "Ministers of Labor adopt the Declaration of Lima"
    assert [p.kind for p in doc.provisions] == [Kind.PARAGRAPH, Kind.PARAGRAPH]


def test_a_meetings_date_and_place_in_bullets_are_its_cover() -> None:
    """A concept note's cover printing the meeting's fields as bullets ("• Date: ...", "• Venue: ..."), over its
    objectives: the fields are its cover, as they are unbulleted; the objectives are the body."""
    text = ("WORKSHOP ON SOCIAL DIALOGUE\nConcept Note\n• Date: 5 May 2040\n• Venue: Virtual, via Zoom\n"
            "• Languages: English and Spanish\n\nObjectives\n\n"
            "1. To share experiences on tripartite social dialogue.\n\n"
            "2. To identify areas for cooperation among the Ministries.\n")
    words = first_words(text)
    assert "•" not in words and words[-2:] == ["1.", "2."]


def test_a_first_paragraph_printed_twice_as_it_is_keeps_one_copy() -> None:
    """A story whose first paragraph the host printed twice, the same to the letter, one right under the other:
    not a cover line and its lowercased copy; one of the two is the story's first paragraph."""
    text = ("The Ministers of Labor of the Americas met in Lima to discuss the future of work.\n"
            "The Ministers of Labor of the Americas met in Lima to discuss the future of work.\n\n"
            "They adopted a Declaration and a Plan of Action for the next two years.\n")
    assert first_words(text) == ["The", "They"]


def test_a_headline_printed_twice_as_it_is_is_the_covers() -> None:
    """A press release whose headline the host printed twice, the same to the letter, a blank line after the copy:
    no sentence, both copies are the cover, and the story begins with its lead ("(PRESS RELEASE) ..."), not with
    the copy run onto it; a sentence printed twice stays a paragraph (the test above)."""
    text = ("2nd Meeting of the Council of Ministers of Labour of the Region\n\n"
            "2nd Meeting of the Council of Ministers of Labour of the Region\n\n"
            "(PRESS RELEASE) – Ministers responsible for labour met in Kingston on March 3rd for the second meeting "
            "of their Council, chaired by the Minister of Jamaica.\n\n"
            "They agreed on a common approach to the recognition of skills across the region.\n")
    doc = parse_document(text)
    assert first_words(text) == ["(PRESS", "They"]
    assert doc.metadata.title == "2nd Meeting of the Council of Ministers of Labour of the Region"


def test_a_speaker_quoted_in_a_story_commits_no_one() -> None:
    """A news item quoting a minister who says what they will do ("“Together we will examine ...”", "\\"Promoveremos
    ...\\""): the quotation is a paragraph of the story, not a commitment; the story, mandating nothing, a web page."""
    text = ("The ministers of labor of the region met in Lima on the future of work.\n\n"
            "“Together we will examine the policy options for advancing decent work,” the Chair said.\n\n"
            "\"Promoveremos un diálogo permanente sobre políticas de empleo\", afirmó la Ministra.\n")
    doc = parse_document(text)
    assert [p.kind for p in doc.provisions] == [Kind.PARAGRAPH] * 3 and doc.metadata.type == "WebPage"


def test_a_commitment_a_story_quotes_inside_its_paragraph_is_the_speakers() -> None:
    """A story's paragraph that reports a speaker and quotes them in mid-paragraph ("La Ministra agradeció ...
    “Hoy nos comprometemos a ...”", a quotation the host cut before it closed): the quoted words commit no one,
    and the story, mandating nothing, is a web page."""
    text = ("Los ministros de educación de la región cerraron ayer en Lima su reunión anual sobre la formación docente.\n\n"
            "La Ministra anfitriona agradeció el trabajo de las delegaciones. “Lo que hoy nos comprometemos a hacer "
            "debe llegar a las aulas”, afirmó, y pidió que los acuerdos se cumplan.\n\n"
            "El Secretario destacó el consenso alcanzado. “Acordamos aquí un camino común, y lo recorreremos con "
            "los docentes de toda la región en los próximos\n")
    doc = parse_document(text)
    assert [p.kind for p in doc.provisions] == [Kind.PARAGRAPH] * 3 and doc.metadata.type == "WebPage"


def test_a_commitment_outside_the_quotation_marks_is_the_texts() -> None:
    """A declaration's paragraph that names a text in quotation marks and commits outside them: a mandate still."""
    text = ("DECLARACIÓN DE LIMA\n\nNosotros, los Ministros de Trabajo de las Américas, reunidos en Lima,\n\n"
            "1. Reconocemos los avances logrados desde la adopción del documento “Trabajo decente para todos”.\n\n"
            "2. Nos comprometemos a difundir la “Agenda hemisférica de empleo” entre los actores sociales.\n")
    kinds = {p.number: p.kind for p in parse_document(text).provisions if p.number}
    assert kinds == {"1": Kind.PARAGRAPH, "2": Kind.MANDATE}


def test_a_preamble_glued_after_the_signatories_read_clause_by_clause() -> None:
    """The signatories' opening and their preamble glued onto one line, its clauses in sentence case ("We, the Heads
    of State ..., meeting in Lima, Underscoring that ...; Reaffirming ...; and"): each clause a paragraph of its own,
    cut after the opening's comma or a clause's semicolon; a cue word inside a sentence cuts nothing."""
    text = ("We, the Heads of State and Government of the Americas, meeting in Lima for the Tenth Summit, "
            "Underscoring that decent work is essential to the development of the region; Reaffirming our "
            "commitment to the conventions of the International Labour Organization; and Noting the progress made.\n")
    assert first_words(text) == ["We,", "Underscoring", "Reaffirming"]
    sentence = ("The ministers, meeting in Lima, discussed the report, underscoring that decent work is essential, "
                "and reaffirming their support.\n")
    assert first_words(sentence) == ["The"]


def test_a_pages_long_headline_is_its_title() -> None:
    """A news page's headline over its story, longer than a cover's line (up to 200 characters): its title; a long
    first line naming a meeting, or ending a clause, is not."""
    headline = ("Ministras y Ministros de Trabajo de la región reafirman su compromiso para afrontar conjuntamente los "
                "retos comunes del empleo y de la protección social")
    story = ("\n\nCon el apoyo de la Organización, el Consejo revisó los avances del plan de trabajo conjunto a fin de "
             "impulsar políticas públicas de empleo, de migración laboral y de protección social en toda la región."
             "\n\nNoticia | 3 de mayo de 2040\n\nEl Consejo de Ministros se reunió en Lima para examinar el "
             "empleo y la migración laboral en la región.\n")
    assert parse_document(headline + story).metadata.title == headline
    meeting = ("Tenth Meeting of Ministers of Labor or Other Ministers or Highest Authorities of Labor of the Americas "
               "(REMTA X)")
    assert parse_document(meeting + story).metadata.title is None


def test_a_symbol_glued_after_a_date_on_a_cover() -> None:
    """A cover whose columns the host glued, a symbol right after a date ("December 12, 2040CIDI/doc. 6/40 Rev.1
    Corr.1"): the symbol is read whole, as one glued after a word is."""
    text = ("SIXTH REGULAR MEETINGOEA/Ser.W/II.6\n\nDecember 12, 2040CIDI/doc. 6/40 Rev.1 Corr.1\n\n"
            "Washington, D. C. 9 January 2041\n\nOriginal: Spanish\n\nSTRATEGIC PLAN FOR PARTNERSHIP FOR DEVELOPMENT\n\n"
            "I. Preamble\n\nThe struggle against poverty and inequality is a common and shared responsibility of the "
            "member states.\n")
    assert set(parse_document(text).metadata.symbols) == {"OEA/Ser.W/II.6", "CIDI/doc. 6/40 Rev.1 Corr.1"}


def test_a_link_back_up_the_page_is_no_provision() -> None:
    """A page's link back to its index under a heading ("Regresar al Indice", "Back to top"): furniture, no
    heading or paragraph of the text."""
    text = ("I. EL FORTALECIMIENTO DE LA DEMOCRACIA\n\nRegresar al Indice\n\n"
            "El fortalecimiento de la democracia constituye la prioridad política fundamental de la región.\n\n"
            "Back to top\n")
    assert first_words(text) == ["I.", "El"]


def test_a_themes_label_for_its_back_link_is_no_provision() -> None:
    """A site theme's label for its control back up the page, the control's name after it ("Back to top button",
    "Regresar al inicio enlace"): furniture; a sentence that begins with the same words is text."""
    text = ("The Committee on Social Affairs\n\nThe Committee brings together the ministers in charge of social "
            "policy of the member states.\n\nIt meets once a year, in the capital of the state that chairs it.\n\n"
            "Back to top button\n")
    assert first_words(text) == ["The", "It"]
    text = ("The Committee on Social Affairs\n\nThe Committee brings together the ministers in charge of social "
            "policy of the member states.\n\nBack to top button labels were added to every page of the site.\n")
    assert first_words(text) == ["The", "Back"]


def test_a_news_story_begins_at_its_dateline() -> None:
    """A news page's headline, standfirst, a photo's button and the headline printed again over the story, which
    opens on its dateline in capitals ("SANTO DOMINGO. Los ministros ..."): the story begins at the dateline; the
    short lines over it are the page's cover, its headline the title."""
    text = ("Los ministros de Trabajo de la región acuerdan una agenda común\n\n"
            "Los ministros del hemisferio se reunieron por dos días en Lima\n\nExpandir imagen\n"
            "Los ministros de Trabajo de la región acuerdan una agenda común\nEl empleo es vital en la región.\n\n"
            "SANTO DOMINGO. Los ministros de Trabajo de las Américas acordaron construir una agenda común que sirva "
            "de guía a las políticas de empleo de la región.\n\n"
            "Reunidos en Lima en ocasión de la Reunión Interamericana, los ministros eligieron a sus autoridades.\n")
    doc = parse_document(text)
    assert first_words(text)[:2] == ["SANTO", "Reunidos"]
    assert doc.metadata.title == "Los ministros de Trabajo de la región acuerdan una agenda común"


def test_a_paragraph_citing_a_resolution_by_its_symbol_is_no_cover_line() -> None:
    """A report's first paragraph citing the resolutions that called the meeting ("... Resolution CEPCIDI/RES.
    401 (XL-O/39), by which ..."): prose, where the body begins, not a cover's line naming its symbol; the symbols
    it cites are not the document's."""
    text = ("FINAL REPORT OF THE MEETING\n\n"
            "Lima hosted, on May 3-4, 2040, the Tenth Meeting of Ministers of Education within CIDI. The Meeting "
            "answered Resolution CEPCIDI/RES. 401 (XL-O/39), by which it was called, and asked the Secretariat to "
            "report on its work.\n\nThe delegations of twenty member states attended the Meeting.\n")
    doc = parse_document(text)
    assert first_words(text) == ["Lima", "The"]
    assert doc.metadata.symbols == ()


def test_a_cover_line_presenting_the_document_under_its_symbol_stays_cover() -> None:
    """A long cover line saying who presents the document, naming its symbol ("Presented by ... as document
    CIDI/CIE/doc.4/40 ..."): cover, however much it reads like a sentence."""
    text = ("REPORT OF THE TECHNICAL SECRETARIAT\n\n"
            "Presented by the Technical Secretariat to the Inter-American Committee on Education as document "
            "CIDI/CIE/doc.4/40, for its consideration at the meeting.\n\n"
            "The Secretariat supported the Committee throughout the year with studies and workshops.\n")
    assert first_words(text) == ["The"]


@pytest.mark.parametrize("heading", ["BACKGROUND", "Introducción:", "ANTECEDENTES"])
def test_a_parts_word_alone_opening_the_text_heads_its_first_part(heading: str) -> None:
    """A chapter of a report the host serves alone, opening on its heading ("BACKGROUND") over its paragraphs: the
    heading is the body's first part, no title (no document is titled "Background")."""
    text = (f"{heading}\n\nThe Meeting was held in Lima on May 3-4, 2040, with the delegations of twenty member "
            "states.\n\nBefore the Meeting, the Secretariat completed these tasks:\n")
    doc = parse_document(text)
    assert [(p.kind, own_text(text, p).split()[0]) for p in doc.provisions] == [
        (Kind.SECTION, heading), (Kind.PARAGRAPH, "The"), (Kind.PARAGRAPH, "Before")]
    assert doc.metadata.title is None


def test_a_title_over_a_parts_word_stays_the_title() -> None:
    """A title opening the text over a part's heading ("INFORME ANUAL" / "ANTECEDENTES"), or a title naming parts
    ("Background and Purpose"): the title is the cover's, the heading the body's."""
    text = ("INFORME ANUAL\n\nANTECEDENTES\n\nEl Comité se reunió en Lima el 3 de mayo de 2040 con las delegaciones "
            "de veinte Estados miembros.\n")
    doc = parse_document(text)
    assert first_words(text) == ["ANTECEDENTES", "El"] and doc.metadata.title == "INFORME ANUAL"
    named = ("Background and Purpose\n\nThe Fund was created in 2040 to support the cooperation among the "
             "Ministries of Labor of the region.\n")
    assert first_words(named) == ["The"]


_RESOLUTIONS_PAGE = (
    "Mapa •  Contáctenos •\nPortal » Comisión Interamericana de Mujeres » Asamblea de Delegadas\nEnglish\n \n\n"
    "Resoluciones aprobadas en la XL Asamblea de Delegadas\n\n"
    "CIM/RES. 301 (XL-O/40)\n\nApoyo a las trabajadoras de la economía del cuidado  \n\n"
    "CIM/RES. 302 (XL-O/40)\n\nDeclaración de Lima sobre la autonomía económica de las mujeres\n\n"
    "CIM/RES. 303  (XL-O/40)\n\nPrograma de formación para dirigentes sindicales\n\n"
    "CIM/RES. 304 (XL-O/40)\n\nLugar y fecha de la próxima Asamblea de Delegadas\n")


def test_a_pages_list_of_resolutions_each_symbol_over_its_title_is_a_list() -> None:
    """A page listing the resolutions a meeting adopted, each symbol alone on its line over its title (a blank line
    between): the body, each symbol and its title one entry; the symbols are the entries', not the page's."""
    doc = parse_document(_RESOLUTIONS_PAGE)
    entries = [own_text(_RESOLUTIONS_PAGE, p) for p in doc.provisions if p.kind is Kind.ITEM]
    assert len(entries) == 4 and len(doc.provisions) == 5  # the list and its four entries
    assert entries[0] == "CIM/RES. 301 (XL-O/40)\n\nApoyo a las trabajadoras de la economía del cuidado"
    assert doc.metadata.symbols == ()
    assert doc.metadata.title == "Resoluciones aprobadas en la XL Asamblea de Delegadas"


def test_a_covers_symbols_one_a_line_between_its_other_lines_stay_cover() -> None:
    """A cover whose columns the host printed one line each, its symbols between the meeting's name and date
    (several bodies' symbols), and a compilation whose resolutions each open on a symbol over a title over their
    note of adoption: neither is a list of documents."""
    cover = ("OEA/Ser.W/II.6\n\nTHIRD REGULAR MEETING OF THE\n\nCIDI/CIE/doc. 4/40\n\nINTER-AMERICAN COMMITTEE ON "
             "EDUCATION\n\nCIDI/CIE/INF. 2/40\n\n19 October 2040\n\nTRABAJO/doc. 5/40\n\nOriginal: English\n\n"
             "The Secretariat supported the Committee throughout the year with studies and workshops.\n")
    doc = parse_document(cover)
    assert first_words(cover) == ["The"] and len(doc.metadata.symbols) == 4
    compilation = ("RESOLUCIONES APROBADAS\n\nAG/RES. 9001 (LX-O/40)\n\nLA CONFERENCIA INTERAMERICANA DE MINISTROS "
                   "DE TRABAJO\n\n(Aprobada en la cuarta sesión plenaria, celebrada el 7 de junio de 2040)\n\n"
                   "LA ASAMBLEA GENERAL,\n\nCONSIDERANDO que la Conferencia se reunió en Lima;\n\nRESUELVE:\n\n"
                   "1. Tomar nota del informe final.\n\nAG/RES. 9002 (LX-O/40)\n\nLA COMISIÓN INTERAMERICANA DE "
                   "MUJERES\n\n(Aprobada en la cuarta sesión plenaria, celebrada el 7 de junio de 2040)\n\n"
                   "LA ASAMBLEA GENERAL,\n\nRECONOCIENDO la labor de la Comisión;\n\nRESUELVE:\n\n"
                   "1. Instar a los Estados a apoyar a la Comisión.\n")
    assert first_words(compilation) == ["LA", "CONSIDERANDO", "RESUELVE:", "1.", "LA", "RECONOCIENDO", "RESUELVE:",
                                        "1."]


def test_a_text_calling_itself_this_work_plan_is_one() -> None:
    """A Working Group's plan whose cover names no kind of document, its first paragraph saying "This Work Plan was
    drafted by ...": a work plan; a record whose first paragraph tells of a work plan it discussed is not."""
    text = ("19 May2040\n\nWorking Group 2:\n\nTeacher Training and Careers\n\n"
            "This Work Plan was drafted by the delegations present at the planning meeting held in Lima in "
            "April 2040.\n\nLead countries: Peru and Chile.\n")
    assert parse_document(text).metadata.type == "WorkPlan"
    record = ("Working Group 2:\n\nTeacher Training and Careers\n\n"
              "The delegations present at the planning meeting held in Lima in April 2040 discussed the draft work "
              "plan of the Group.\n\nLead countries: Peru and Chile.\n")
    assert parse_document(record).metadata.type != "WorkPlan"


def test_a_spanish_speech_addressed_to_the_conference_has_no_resolutions_subject() -> None:
    """A Spanish speech addressed in capitals to the Conference ("A LA XL CONFERENCIA INTERAMERICANA ...,"): the
    address is the cover's, not a Portuguese resolution's subject ("A CONFERÊNCIA ...,") opening the text."""
    text = ("DISCURSO DE LA MINISTRA DE TRABAJO\n\n"
            "A LA XL CONFERENCIA INTERAMERICANA DE MINISTROS DE TRABAJO,\n\n"
            "Señoras y señores ministros, es un honor para mí dirigirme a ustedes en esta Conferencia.\n\n"
            "Nuestro país ha fortalecido la inspección laboral durante los últimos años.\n")
    doc = parse_document(text)
    assert first_words(text) == ["Señoras", "Nuestro"]
    assert doc.metadata.meeting == "iacml40"


def test_a_report_citing_this_work_plan_inside_a_sentence_is_no_work_plan() -> None:
    """A Working Group's report of progress whose cover names no kind of document, citing the plan it carries out
    inside a sentence ("the activities of this Work Plan", "las actividades de este plan de trabajo"): no work
    plan, and what it tells will be done commits no one."""
    english = ("Working Group 1: Labor Inspection\n\nProgress during 2040\n\n"
               "During the year the Group carried out most of the activities of this Work Plan, with the support of "
               "the Technical Secretariat.\n\nThe study on digital tools will be presented at the next "
               "Conference.\n")
    spanish = ("Grupo de Trabajo 1: Inspección laboral\n\nAvances durante 2040\n\n"
               "Durante el año el Grupo llevó a cabo la mayoría de las actividades de este plan de trabajo, con el "
               "apoyo de la Secretaría Técnica.\n\nEl estudio sobre herramientas digitales será presentado en la "
               "próxima Conferencia.\n")
    for text in (english, spanish):
        doc = parse_document(text)
        assert doc.metadata.type != "WorkPlan"
        assert Kind.MANDATE not in [p.kind for p in doc.provisions]


def test_an_en_dash_before_a_capital_marks_an_item() -> None:
    """Items marked with an en dash (U+2013) before a capital, one glued to its text, as a word processor's list
    prints them: items of the list under their lead-in, in a work plan its activities."""
    text = ("WORK PLAN OF WORKING GROUP 2\n\nThe Group will carry out a regional study of teacher careers, to be "
            "presented to the Ministers at their next meeting.\n\nSteps to be taken:\n\n"
            "– Agree on a questionnaire for the national replies.\n\n"
            "– Send the questionnaire to every Ministry of Education.\n\n"
            "–Name a moderator for the study and a date for its report.\n")
    found = [(p.kind, own_text(text, p).split()[0]) for p in parse_document(text).provisions if p.kind is not Kind.LIST]
    assert found[-4:] == [(Kind.PARAGRAPH, "Steps"), (Kind.MANDATE, "–"), (Kind.MANDATE, "–"),
                          (Kind.MANDATE, "–Name")]


def test_an_en_dash_in_mid_sentence_or_around_a_page_number_marks_nothing() -> None:
    """A wrapped line opening on an en dash in mid-sentence (before "as its guest") carries its paragraph on; a
    page's number between en dashes is a page marker."""
    text = ("The Committee met in Lima on May 3, 2040, with the delegations of twenty member states.\n\n"
            "The Secretariat presented its report, and the delegations of the member states, with\n"
            "– as its guest – the Minister of Labor of Peru, agreed on the agenda.\n\n– 2 –\n\n"
            "The meeting closed at noon with the thanks of the Chair to the host country.\n")
    assert first_words(text) == ["The", "The", "The"]


def test_an_en_dash_opening_an_aside_the_line_closes_marks_nothing() -> None:
    """A wrapped line opening on an aside between en dashes, glued to its words as Spanish prints them ("Chile en
    ese entonces") or spaced ("ILO and OAS"), the sentence going on after it: its paragraph carries on."""
    spanish = ("RESUMEN DE LA REUNIÓN\n\nLa reunión fue presidida por la Ministra de Trabajo, quien recordó que\n"
               "la cooperación entre ambas instituciones ha sido constante desde la primera reunión\n"
               "de la Conferencia, y que la Presidencia del Grupo de Trabajo sobre inspección de\n"
               "la región –Chile en ese entonces– impulsó el diálogo social en todos los países y\n"
               "–Perú en el año siguiente– amplió la cooperación con las organizaciones de la\n"
               "sociedad civil y con los organismos internacionales.\n\n"
               "Las delegaciones acordaron lo siguiente:\n\n1. Realizar un taller sobre migración laboral.\n")
    assert first_words(spanish) == ["La", "Las", "1."]
    english = ("MEETING SUMMARY\n\nThe Chair recalled that the work of the Conference has rested on the support of\n"
               "the institutions whose experts have served its Working Groups for years; these two\n"
               "– ILO and OAS – have worked together since the first Conference and will go on doing so in\n"
               "the years to come, with the support of the member states and of the social partners of\n"
               "the region.\n\nThe delegations agreed on the following:\n\n"
               "1. To hold a workshop on labor migration.\n")
    assert first_words(english) == ["The", "The", "1."]


def test_an_en_dash_naming_who_said_a_quotation_marks_no_item() -> None:
    """A story quoting a minister, the line right under the quotation opening on an en dash with the speaker's
    name: no list, its name no item."""
    text = ("Ministers of Labor meet in Lima\n\nThe Ministers of Labor of the Americas met in Lima to adopt a new "
            "Plan of Action for the next two years.\n\n“Social dialogue is the basis of our work in the region.”\n"
            "\u2013 Minister of Labor of Peru\n\n"
            "The delegations also approved a Declaration on the future of work.\n")
    kinds = {p.kind for p in parse_document(text).provisions}
    assert Kind.ITEM not in kinds and Kind.LIST not in kinds


def test_a_pages_title_under_a_stray_number_in_its_banner() -> None:
    """A follow-up page whose banner holds a stray counter ("2") among its lines, over the page's heading and its
    part's ("EMPLEO: Trabajo decente" / "MANDATOS"): the heading is the title; a number over prose gives none."""
    text = ("Organización de los Estados Americanos Cumbres de las Américas\n\xa0\n"
            "Seguimiento e implementación: Mandatos\n\xa0\n\n2\n\xa0\xa0\nEMPLEO: Trabajo decente\nMANDATOS\n\n"
            "  1. Promover políticas activas de empleo para los jóvenes de la región.\n\n"
            "  1. Fortalecer los servicios públicos de empleo y la formación profesional.\n")
    assert parse_document(text).metadata.title == "EMPLEO: Trabajo decente"
    prose = ("3\n\nThe delegations of the member states met in Lima to examine the draft agenda of the "
             "Conference.\n\nThe Chair opened the meeting.\n")
    assert parse_document(prose).metadata.title is None


def test_a_general_assemblys_resolution_on_a_conference_is_of_no_conference() -> None:
    """A General Assembly resolution titled with the Conference it convenes ("XL INTER-AMERICAN CONFERENCE OF
    MINISTERS OF LABOR"): the Assembly's document, of no Conference; a resolution the Conference adopted, under
    its own symbol, is the Conference's."""
    resolution = ("OEA/Ser.P\nAG/RES. 9901 (LXX-O/40)\n9 June 2040\nOriginal: Spanish\n\n"
                  "XL INTER-AMERICAN CONFERENCE OF MINISTERS OF LABOR\n\n"
                  "(Adopted at the fourth plenary session, held on June 9, 2040)\n\nTHE GENERAL ASSEMBLY,\n\n"
                  "CONSIDERING that the Conference will meet in Lima in 2041;\n\nRESOLVES:\n\n"
                  "1. To take note of the convening of the Conference.\n")
    assert parse_document(resolution).metadata.meeting is None
    own = resolution.replace("OEA/Ser.P\nAG/RES. 9901 (LXX-O/40)", "OEA/Ser.K/XII.40.1\nTRABAJO/RES. 1 (XL-O/40)")
    assert parse_document(own).metadata.meeting == "iacml40"
    citing = resolution.replace("OEA/Ser.P\nAG/RES. 9901 (LXX-O/40)",
                                "OEA/Ser.K/XII.40.1\nTRABAJO/doc. 5/40\nAG/RES. 9901 (LXX-O/40)")
    assert parse_document(citing).metadata.meeting == "iacml40"  # its own symbol, and the resolution it answers


@pytest.mark.parametrize(("name", "meeting"), [
    ("DÉCIMA SEGUNDA CONFERENCIA INTERAMERICANA DE MINISTROS DE TRABAJO", "iacml12"),
    ("DÉCIMA TERCEIRA CONFERÊNCIA INTERAMERICANA DE MINISTROS DO TRABALHO", "iacml13"),
    ("SEGUNDA CONFERENCIA INTERAMERICANA DE MINISTROS DE TRABAJO", "iacml2"),
])
def test_a_conference_numbered_in_two_words_is_read_whole(name: str, meeting: str) -> None:
    """A Conference's ordinal in two words ("Décima Segunda", Portuguese "Décima Terceira"): the twelfth, the
    thirteenth, not the second word alone."""
    text = (f"{name}\n\nOEA/Ser.K/XII.12.1\n\nInforme final\n\n"
            "La Conferencia se reunió con las delegaciones de los Estados miembros de la Organización.\n")
    assert parse_document(text).metadata.meeting == meeting


BOOKLET_CONTENTS = (
    "Fourth Congress of the Regional Federation: base text and resolutions\n\nTranscription\n\n"
    "Fourth Congress of the Regional Federation: base text and resolutions\n"
    "• Texto base y resoluciones del Congreso\n• Base text and resolutions of the Congress\n"
    "• Texte de base et résolutions du Congrès\n"
    "Base\ntext and\nresolutions\n"
    "04\nEnglish version\n06\nIntroduction\n07\nPart I Reading the Regional Context\n19\n"
    "Part II Lines of Action for the Period\n20\nPart III Resolutions\n41\nVersión en español\n43\nIntroducción\n"
    "44\nParte I Lectura del contexto regional\nXX\nParte II Líneas de acción del período\nXX\n"
    "Parte III Resoluciones\n"
    "4th Regional Congress\nQuito, Ecuador 12 to 15 May 2041\n"
    "Introduction\n"
    "1. The Federation holds its fourth Congress at a time when wages across the region have lost ground and the\n"
    "bargaining tables of several countries have been closed for more than a year.\n"
    "2. The Congress meets to agree on how the affiliated centres will answer this turn, country by country.\n")


def test_a_contents_with_its_pages_alone_on_their_lines_is_set_aside() -> None:
    """A booklet's table of contents whose page numbers stand alone on their lines, between its entries' titles
    ("06", "Introduction", "07", "Part I ..."), under a cover that lists its versions a bullet each: contents and
    cover, not body; the text begins with its first heading after them."""
    doc = parse_document(BOOKLET_CONTENTS)
    texts = [own_text(BOOKLET_CONTENTS, p) for p in doc.provisions if p.kind is not Kind.LIST]
    assert texts[0] == "Introduction"
    assert texts[1].startswith("1. The Federation holds") and texts[2].startswith("2. The Congress meets")
    assert len(texts) == 3
    assert doc.contents_lines and doc.contents_lines[0][1] == BOOKLET_CONTENTS.split("\n").index(
        "Parte III Resoluciones") + 1


def test_numbers_alone_over_a_lists_items_are_no_pages() -> None:
    """Numbers split from their items onto lines of their own count one by one (1, 2, 3, 4), as a list's do; and
    figures alone under names fall as much as they rise (a table flattened): neither is a table of contents."""
    agenda = ("Order of business\n\nThe Committee met in its second session and took up the points below in the "
              "order the Chair proposed to the delegations present.\n\n"
              "1\nOpening of the session\n2\nElection of the officers\n3\nAdoption of the agenda\n"
              "4\nReport of the technical secretariat\n5\nOther business\n")
    assert not parse_document(agenda).contents_lines
    table = ("Placements by country\n\nThe employment services of the member states reported the placements below "
             "for the first half of the year, as the survey asked.\n\n"
             "Brazil\n412\nChile\n96\nMexico\n305\nPeru\n88\nUruguay\n41\n")
    assert not parse_document(table).contents_lines


MASTHEAD_CONTENTS = (
    "Regional Office\n\nREPORT OF THE SUBREGIONAL MEETING OF LABOUR MINISTERS\n\n"
    "All letters to the Office should be sent to its Director, at the address printed on the back cover.\n\n"
    "Table of Contents\n\nOpening ...... 3\n\nFirst session: employment ...... 5\n\n"
    "Second session: social dialogue ...... 9\n\nClosing ...... 14\n")


def test_a_note_over_the_contents_is_no_body() -> None:
    """A one-line note of the office's (where to write) over the table of contents, after the cover: the text does
    not begin above its contents."""
    doc = parse_document(MASTHEAD_CONTENTS)
    assert [p for p in doc.provisions if p.kind is not Kind.LIST] == []


def test_paragraphs_over_the_contents_are_still_body() -> None:
    """Two paragraphs of prose over a table of contents (a foreword) are text: the body begins at the first."""
    text = ("Foreword\n\n"
            "This report gathers the work of the two sessions that the ministers held in the course of the year.\n"
            "It was prepared by the technical secretariat with the help of the delegations of all member states.\n\n"
            "Table of Contents\n\nOpening ...... 3\n\nFirst session ...... 5\n\nSecond session ...... 9\n")
    texts = [own_text(text, p) for p in parse_document(text).provisions if p.kind is not Kind.LIST]
    assert any(t.startswith("This report gathers") for t in texts)


def test_a_treaty_chapters_titled_articles_are_its_headings() -> None:
    """A trade agreement's labour chapter numbers its articles within the chapter and titles them ("Article 17.1:
    Shared Commitments"), each over numbered paragraphs: headings numbered as printed, their paragraphs under
    them; an article opening a sentence wrapped at the line's end is no heading."""
    text = ("Chapter Seventeen\nLabour\n"
            "Article 17.1: Shared Commitments of the Parties\n"
            "1. The Parties confirm the obligations they took on as members of the International Labour Organization.\n"
            "2. The Parties fully respect their constitutions and the laws made under them.\n"
            "Article 17.2: Enforcement of Labour Laws\n"
            "1. No Party shall fail to apply its labour laws effectively through a sustained course of action.\n")
    doc = parse_document(text)
    heads = [p for p in doc.provisions if p.kind is Kind.SECTION]
    assert [(own_text(text, p), p.number) for p in heads] == [
        ("Article 17.1: Shared Commitments of the Parties", "17.1"), ("Article 17.2: Enforcement of Labour Laws", "17.2")]
    assert all(p.parent in {h.eid for h in heads} for p in doc.provisions if p.kind is not Kind.SECTION)
    wrapped = ("Chapter Four\nServices\n\nArticle 4.2 The Parties shall ensure that their rules on licensing\n"
               "are applied in a reasonable, objective and impartial manner by every authority.\n")
    assert not [p for p in parse_document(wrapped).provisions if p.kind is Kind.SECTION]


def test_an_editors_note_wrapped_over_three_lines_is_no_body() -> None:
    """An editor's note announcing the full text ("A continuación figura el texto íntegro del ..."), hard-wrapped
    over three lines down to its colon, over the text: the text begins under it; a paragraph of the text that names
    the full text and runs on past three lines is text."""
    text = ("A continuación figura el texto íntegro de la\n"
            "Declaración aprobada por las Ministras y los Ministros de Trabajo reunidos\n"
            "en la ciudad de Asunción:\n"
            "Nosotras y nosotros, las Ministras y los Ministros de Trabajo de\n"
            "las Américas, reunidos en Asunción para dar seguimiento a los acuerdos de\n"
            "la Conferencia anterior, declaramos nuestra voluntad de seguir trabajando juntos.\n")
    assert first_words(text) == ["Nosotras"]
    body = ("La Secretaría publica aquí el texto íntegro de los informes que\n"
            "los Estados miembros le enviaron durante el año, tal como los recibió, junto\n"
            "con una nota que resume los puntos en los que coinciden y aquellos en los\n"
            "que todavía difieren, para que las delegaciones puedan prepararse para\n"
            "la reunión del mes de octubre.\n")
    assert first_words(body) == ["La"]


def test_an_objectives_heading_over_the_first_paragraph_opens_the_body() -> None:
    """A programme's page, its title and subtitle, then a heading that names its part ("OBJETIVO GENERAL",
    "Strategic Objective") over its first paragraph: the heading opens the body, its paragraph an objective; a
    title that merely begins with the word ("Objectives of the Network") is still the cover's."""
    text = ("Líneas de Trabajo\n\nEmpleo digno y protección social para la región\n\nOBJETIVO GENERAL\n\n"
            "Fortalecer, junto con los ministerios de trabajo, la capacidad de los servicios de empleo para acompañar "
            "a quienes buscan trabajo, en particular a las personas jóvenes y a las mujeres.\n\nFormación\n\n"
            "1. Los centros de formación ofrecerán cursos cortos a quienes pierdan su empleo durante el año.\n")
    doc = parse_document(text)
    found = [(own_text(text, p).split("\n")[0][:20], p.kind) for p in doc.provisions if p.kind is not Kind.LIST]
    assert found[:2] == [("OBJETIVO GENERAL", Kind.SECTION), ("Fortalecer, junto co", Kind.OBJECTIVE)]
    titled = ("Objectives of the Network\n\nThe Network will help the ministries of labour share what works and "
              "learn from each other's programmes across the region.\n")
    assert first_words(titled) == ["The"]


def test_a_number_glued_to_its_clause_word_in_capitals_numbers_it() -> None:
    """A preamble whose clauses are numbered, one number glued to its clause word in capitals ("2.CONSIDERING
    that ..."): that clause is numbered 2 like its neighbours; an outline's number before a heading in capitals
    ("2.1 RESULTS") keeps its own."""
    text = ("THE MINISTERS OF LABOUR OF THE AMERICAS, gathered in Lima at their annual meeting,\n\n"
            "1. RECALLING the commitments made at their last meeting on the protection of workers;\n\n"
            "2.CONSIDERING that many workers of the region still earn their living outside any formal contract;\n\n"
            "3. RECOGNIZING that social dialogue is the surest way to lasting labour reforms;\n")
    numbered = [(own_text(text, p).split()[0], p.number) for p in parse_document(text).provisions if p.number]
    assert numbered == [("1.", "1"), ("2.CONSIDERING", "2"), ("3.", "3")]
    outline = ("Report of the meeting\n\n2. WORK OF THE GROUP\n\n2.1 RESULTS\n\nThe group met four times during "
               "the year and agreed on its programme.\n\n2.2 NEXT STEPS\n\nThe group will meet again in March.\n")
    assert "2.1" in [p.number for p in parse_document(outline).provisions]


def test_an_excerpt_begins_at_its_paragraphs_number() -> None:
    """A page quoting a declaration's paragraphs under an editor's note ("[Excerpts below]"), the first opening
    on a quotation mark and an ellipsis glued to its number ("“…….15. We ..."): the note is no provision, the
    paragraph is numbered 15 and begins at its number; an ellipsis before a year is no number."""
    text = ("Declaration of the Summit\n\nThe full declaration can be read on the Summit's site.\n\n"
            "[Excerpts below]\n\n"
            "“…….15. We commit to widen access to training for workers who lose their jobs as industries change.\n\n"
            "16. We will support the ministries of labour in building employment services that reach every region.\n")
    doc = parse_document(text)
    found = [(own_text(text, p)[:4], p.number) for p in doc.provisions if p.kind is not Kind.LIST]
    assert found == [("The ", None), ("15. ", "15"), ("16. ", "16")]
    year = ("Palabras del Secretario\n\nEl Secretario abrió la sesión con una cita del informe anual.\n\n"
            "“…2040. Ese fue el año en que la región volvió a crear empleo.”\n")
    assert [p.number for p in parse_document(year).provisions] == [None, None]


_LONG_ENTRY_CONTENTS = (
    "GB.401/7\n401st Session\nGeneva, March 2041\n\nREPORT OF THE COMMITTEE ON SKILLS AND TRAINING\n\n"
    "Contents\n\n"
    "I. Review of the conclusions on apprenticeships adopted at the previous session of the Conference, with the "
    "reports that member States sent on quality apprenticeships and on the schemes for young people\n\n"
    "II. Statistics of training enrolments\n\n"
    "III. Cooperation of the Office with the regional development banks and with the vocational training "
    "institutions of the region, and the proposals for follow-up that came out of the regional meeting\n\n"
    "IV. Other questions\n\n\n"
    "1. The Committee met on 14 March 2041. Ms. Okafor (Government, Nigeria) chaired it, and Mr. Lund and Ms. "
    "Ferreira served as Employer and Worker Vice-Chairpersons of the Committee, in that order.\n\n"
    "2. The Committee had before it the following agenda, which it adopted without change.\n")


def test_a_long_entry_of_a_headed_contents_between_its_siblings_is_an_entry() -> None:
    """A table of contents under its heading whose roman entries run long enough for prose ("I. Review of the
    conclusions ...", over "II. Statistics ..."): an entry, and the table runs to its last one; the body
    begins with the numbered paragraphs under it."""
    doc = parse_document(_LONG_ENTRY_CONTENTS)
    assert doc.contents_lines == ((7, 15),)
    assert first_words(_LONG_ENTRY_CONTENTS) == ["1.", "2."]


def test_a_long_roman_line_under_contents_not_followed_by_its_sibling_is_prose() -> None:
    """Under a ``Contents`` heading, a long line with a roman mark that no "II." follows (numbered paragraphs do)
    is the body's opening: the table ends before it, as before prose."""
    text = _LONG_ENTRY_CONTENTS.replace("II. Statistics of training enrolments\n\n", "").replace(
        "III. Cooperation of the Office", "1. Cooperation of the Office").replace("IV. Other questions\n\n\n", "")
    doc = parse_document(text)
    assert doc.contents_lines == ((7, 7),)
    assert first_words(text)[0] == "I."


_FORWARDED = (
    "[Labour List] Fwd: The Ninth Meeting of the Working Group on Social Dialogue was held in Quito on\n\n"
    "From: Secretariat Mailbox (secretariat@example.org)\nDate: Mon Mar 4 2041 - 09:12:55\n\n\n"
    "> Ninth Meeting of the Working Group on Social Dialogue\n"
    "> Quito, 12 - 13 February 2041\n"
    "> INTRODUCTION\n"
    "> The Ninth Meeting of the Working Group on Social Dialogue was held in Quito on 12 and 13 February 2041 at the\n"
    "> invitation of the Ministry of Labour of Ecuador, with delegations from eighteen member States.\n"
    "> The Group reviewed the labour councils of the region and agreed on a\n"
    "> questionnaire for its next report, to be sent to the ministries in April.\n")


def test_a_forwarded_messages_quoted_text_is_read_without_its_quote_marks() -> None:
    """A mailing list's message forwarding a text with every line quoted ("> INTRODUCTION"): its subject, sender
    and date are the cover, and so are the quoted meeting name and place; the heading in capitals heads the two
    paragraphs, each beginning after its quote mark."""
    doc = parse_document(_FORWARDED)
    found = [(p.kind, own_text(_FORWARDED, p)[:12]) for p in doc.provisions if p.kind is not Kind.LIST]
    assert found == [(Kind.SECTION, "INTRODUCTION"), (Kind.PARAGRAPH, "The Ninth Me"), (Kind.PARAGRAPH, "The Group re")]
    assert doc.metadata.title == "Ninth Meeting of the Working Group on Social Dialogue"


def test_a_line_or_two_opening_on_a_quote_mark_and_quotes_without_a_header_are_text() -> None:
    """Two lines opening on ">" in a text are text, their mark kept; a note over a quoted text with no mail header
    between them is the body's, not a message's cover."""
    text = ("The Committee compared the shares of workers covered in each State:\n\n"
            "> 50 % of workers in five member States;\n\n> 75 % of workers in three member States.\n\n"
            "It asked the Secretariat for the figures of the other States.\n")
    assert first_words(text) == ["The", ">", ">", "It"]
    noted = ("The Secretariat sends the members of the Group the report of their last meeting, as it was adopted, "
             "and asks for their remarks by the end of the month.\n\n" + _FORWARDED[_FORWARDED.index("> Ninth"):])
    assert first_words(noted)[0] == "The" and parse_document(noted).body_line == 1


def test_a_slots_first_time_with_a_stray_stop_is_still_a_slot() -> None:
    """A programme whose slot keeps a stop after its first time ("11:30. - 13:00 FIRST PLENARY SESSION", en dash) among
    slots without one: an agenda slot as they are; a decimal paragraph number with its stop is no time."""
    text = ("MONDAY, MAY 6\n\n9:00 – 10:30 OPENING SESSION\n\n10:30 – 11:00 COFFEE BREAK\n\n"
            "11:30. – 13:00 FIRST PLENARY SESSION\n\n13:00 – 14:30 LUNCH\n")
    got = [(p.kind, own_text(text, p)) for p in parse_document(text).provisions if p.kind is not Kind.LIST]
    assert (Kind.AGENDA_ITEM, "11:30. – 13:00 FIRST PLENARY SESSION") in got
    assert [k for k, _ in got].count(Kind.AGENDA_ITEM) == 4
    numbered = ("2. TRAINING\n\n2.10. The Centre will train the trainers of the ministries in ten sessions.\n\n"
                "2.11. The sessions will run from March to June.\n")
    assert Kind.AGENDA_ITEM not in [p.kind for p in parse_document(numbered).provisions]


_LISTED_HEADING = (
    "GB.402/9\n402nd Session\nGeneva, November 2041\n\nREPORT OF THE COMMITTEE ON TRAINING\n\nContents\n\n"
    "Election of the officers\n\nIntroduction\n\nI. Review of the programme\n\nII. Other questions\n\n\n"
    "Election of the officers\n\n"
    "1. The Committee elected Ms. Rivera (Government, Chile) as its Chairperson, and Mr. Dube and Ms. Lind as "
    "its Vice-Chairpersons, on the proposal of the groups.\n\nIntroduction\n\n"
    "2. The representative of the Director-General opened the sitting and presented the report of the Office.\n")


def test_a_heading_under_the_contents_that_lists_it_opens_the_body() -> None:
    """Under a table of contents without page numbers, its first entry printed again ("Election of the officers")
    over the first numbered paragraph: the heading of the body's first part, not the cover's."""
    found = [(p.kind, own_text(_LISTED_HEADING, p)[:14]) for p in parse_document(_LISTED_HEADING).provisions
             if p.kind is not Kind.LIST]
    assert found[:2] == [(Kind.SECTION, "Election of th"), (Kind.PARAGRAPH, "1. The Committ")]


def test_a_title_printed_again_under_the_contents_stays_the_covers() -> None:
    """The text's title printed again under its table of contents, which does not list it, is the cover's."""
    text = _LISTED_HEADING.replace("\n\n\nElection of the officers\n\n1.", "\n\n\nReport of the Committee\n\n1.")
    found = [own_text(text, p)[:14] for p in parse_document(text).provisions if p.kind is not Kind.LIST]
    assert found[0] == "1. The Committ"


_GLUED_CONTENTS = (
    "LOS JÓVENES Y EL TRABAJO DECENTE\n\nOficina Regional para América Latina y el Caribe - 2041\n\n"
    "NDICE DE CONTENIDOS\n"
    "PRESENTACIN INTRODUCCIN 1. UNA DCADA DE CAMBIOS EN EL EMPLEO JUVENIL 1.1 El escenario econmico: crecimiento "
    "y empleo 1.2 Jvenes que ni estudian ni trabajan 2. PROPUESTAS DE POLTICA 2.1 Formacin y aprendizaje en la "
    "empresa 2.2 Servicios de empleo para los jvenes 3. CONCLUSIONES Y TAREAS PARA LA OFICINA 3 5 9 14 20 27 33\n\n"
    "PRESENTACIN\n\n"
    "Este informe recoge las presentaciones y los debates de la reunin regional sobre empleo juvenil, celebrada en "
    "Lima con representantes de gobiernos, empleadores y trabajadores de la regin.\n")


def test_a_table_of_contents_glued_onto_one_line_under_its_heading_is_set_aside() -> None:
    """A table of contents glued onto one line under its heading (``NDICE``, its accent dropped by the converter),
    its page numbers run together at the line's end: the whole line is the table's, and the body begins with the
    heading under it."""
    doc = parse_document(_GLUED_CONTENTS)
    assert doc.contents_lines == ((5, 6),)
    found = [(p.kind, own_text(_GLUED_CONTENTS, p)[:10]) for p in doc.provisions if p.kind is not Kind.LIST]
    assert found == [(Kind.SECTION, "PRESENTACI"), (Kind.PARAGRAPH, "Este infor")]


def test_a_long_line_of_figures_after_a_tables_entries_is_not_glued_into_it() -> None:
    """Under a contents heading with its entries one to a line, a long line of the body that ends on figures
    ("... 12 15 18") is no table glued onto one line: the table ends before it, as before prose."""
    text = ("INFORME ANUAL\n\nÍndice\n\nPrólogo 3\n\nIntroducción 5\n\nResultados 9\n\n\n"
            "En el año la Oficina atendió a los servicios de empleo de la región, con sus equipos de cada país y con "
            "los fondos que le confiaron los gobiernos y los bancos regionales de desarrollo. 1. En el primer trimestre se "
            "formaron trescientos orientadores de los servicios públicos de empleo. 2. En el segundo trimestre los "
            "orientadores atendieron a jóvenes de cinco países, en grupos de 12 15 18\n")
    doc = parse_document(text)
    assert doc.contents_lines == ((3, 9),)
    assert first_words(text)[0] == "En"


_MARKUP_OBJECTIVES = (
    "Working Group on Labour Inspection\n\n"
    "<p>DRAFT AGENDA</p> <p>Date: May 4 and 5, 2041</p> <p>Place: Hall of the Americas, Washington, D.C.</p> "
    "<p>Objectives:</p> <p> Review the reports of the labour inspectorates on their plans for the year.</p> "
    "<p> Agree on a common checklist for the inspection of small enterprises.</p> "
    "<p> Name the countries that will host the next two workshops.</p>\n")


def test_an_objectives_label_heads_the_body_of_a_page_saved_as_markup() -> None:
    """A page saved with its markup on one line, its "Objectives:" paragraph over the objectives: the label heads
    the body's first part (its items are objectives), not the cover's fields above it."""
    found = [(p.kind, own_text(_MARKUP_OBJECTIVES, p)[:12]) for p in parse_document(_MARKUP_OBJECTIVES).provisions
             if p.kind is not Kind.LIST]
    assert found == [(Kind.SECTION, "Objectives:"), (Kind.OBJECTIVE, "Review the r"), (Kind.OBJECTIVE, "Agree on a c"),
                     (Kind.OBJECTIVE, "Name the cou")]


def test_a_field_over_the_body_of_a_page_saved_as_markup_stays_in_the_cover() -> None:
    """The same page without the label: its "Place:" field over the first paragraph is the cover's."""
    text = _MARKUP_OBJECTIVES.replace("<p>Objectives:</p> ", "")
    found = [own_text(text, p)[:12] for p in parse_document(text).provisions if p.kind is not Kind.LIST]
    assert found[0] == "Review the r"


_PROGRAMME = (
    "MEETING OF THE WORKING GROUP ON SKILLS\n\nLima, Peru, May 6-7, 2041\n\nDRAFT PROGRAMME\n\n"
    "MONDAY, MAY 6\n\nBadges are handed out from 3:00 p.m. onward.\n\n"
    "TUESDAY, MAY 7\n\n9:00 – 10:00 OPENING SESSION\n\n10:00 – 12:30 FIRST WORKING SESSION\n")


def test_a_programmes_first_day_with_a_sentence_alone_opens_the_body() -> None:
    """A programme whose first day holds one sentence (badges to collect), over the day its slots begin with: the
    first day's heading and its sentence are the body's, not the cover's."""
    found = [(p.kind, own_text(_PROGRAMME, p)[:10]) for p in parse_document(_PROGRAMME).provisions
             if p.kind is not Kind.LIST]
    assert found[:3] == [(Kind.SECTION, "MONDAY, MA"), (Kind.PARAGRAPH, "Badges are"), (Kind.SECTION, "TUESDAY, M")]


def test_a_covers_dated_day_over_a_field_stays_in_the_cover() -> None:
    """The cover's date with its weekday ("Monday, May 6, 2041") over a field, not a sentence, stays the cover's."""
    text = _PROGRAMME.replace("MONDAY, MAY 6\n\nBadges are handed out from 3:00 p.m. onward.",
                              "Monday, May 6, 2041\n\nOriginal: English")
    found = [own_text(text, p)[:10] for p in parse_document(text).provisions if p.kind is not Kind.LIST]
    assert found[0] == "TUESDAY, M"


_STORY_TRANSCRIPT = (
    "BOLETÍN. Pág. Presentación... Acuerdos de la reunión de Kingston... Recomendaciones...\n\n"
    "Author:  Marta Gil Soto\n\n0 downloads 12 Views 90KB Size\n\nRecommend Stories\n\n\n"
    "El molino del río de Ana Pardo\n\nTrabajo de fin de máster en historia del arte. El molino del río de Ana "
    "Pardo. Estudio de las pinturas de la autora y de su taller en la costa.\n\n"
    "Diario de un maestro rural PEDRO LUNA\n\nStory Transcript\n\n"
    "En Kingston sesionó del 3 al 7 de mayo el Comité Regional, con los delegados de veinte países "
    "de la región y los observadores de los organismos internacionales.\n")


def test_a_hosts_recommended_stories_over_its_story_transcript_are_no_text() -> None:
    """A document host's page: its summary, counters and a "Recommend Stories" block of other documents, over its
    "Story Transcript" caption: the text begins under the caption."""
    found = [own_text(_STORY_TRANSCRIPT, p)[:12] for p in parse_document(_STORY_TRANSCRIPT).provisions
             if p.kind is not Kind.LIST]
    assert found == ["En Kingston "]


def test_a_story_transcript_named_in_a_sentence_is_no_caption() -> None:
    """Words naming a transcript inside a sentence are the text's, no host's caption."""
    text = ("INFORME DE LA REUNIÓN\n\nLa Secretaría publicó el acta de la sesión en el sitio del Comité, con los "
            "documentos que los delegados presentaron durante la reunión.\n\n"
            "Story Transcript of the session was sent to the delegations.\n\n"
            "Los delegados aprobaron el acta sin cambios y la Presidencia levantó la sesión.\n")
    assert first_words(text) == ["La", "Story", "Los"]


_YEARS_PAGE = (
    "Newsletter Contact Team Community\nHome» About Us» Milestones»\n\nMILESTONES\n\n2040\n\n"
    "  • Peru hosts the Second Regional Seminar on Labour Inspection\n"
    "  • The Network joins the regional task force on youth employment\n\n2038\n\n"
    "  • Meeting in Quito on May 3rd and 4th of the ministries' focal points, who agree on the Network's rules "
    "and on its first work plan for the two years ahead\n\n2036\n\n"
    "  • The Network is set up by the Ministers of Labour of the Americas\n")


def test_a_pages_years_over_their_bullets_are_its_body() -> None:
    """A page of events by year, each year alone over its bullets: the years are the headings of the body from
    the first one, not a cover's lines over the first long bullet."""
    found = [own_text(_YEARS_PAGE, p)[:6] for p in parse_document(_YEARS_PAGE).provisions if p.kind is Kind.SECTION]
    assert found == ["2040", "2038", "2036"]


def test_a_covers_year_over_bullets_with_no_other_year_stays_the_covers() -> None:
    """A single year alone over a list (the cover's year), with no other year further on, is the cover's."""
    text = ("REPORT OF THE NETWORK\n\n2040\n\n"
            "  • Meeting in Quito on May 3rd and 4th of the ministries' focal points, who agree on the Network's rules "
            "and on its first work plan for the two years ahead\n"
            "  • The Network joins the regional task force on youth employment\n")
    assert [p.kind for p in parse_document(text).provisions if p.kind is Kind.SECTION] == []


_SUMMIT_MANDATES_PAGE = (
    "Organization of American States Summits of the Americas\nFollow-up and Implementation: Mandates\n\n"
    "Click here for Related Ministerials\nLABOR: Social Dialogue\n\n"
    "  1. Support the tripartite councils of each country in drawing up, with the help of the Inter-American "
    "Conference of Ministers of Labor, shared rules for consulting workers and employers before labor reforms are "
    "adopted. (Declaration of Valparaíso, Eleventh Summit of the Americas, 2041).\n\n"
    "    • a. Offer training to the members of such councils on the drafting and follow-up of national agreements;\n\n"
    "    • b. Publish each year the results of the consultations held, in a form open to every citizen. "
    "(Declaration of Valparaíso, Eleventh Summit of the Americas, 2041).\n\n"
    "  1. We recognize that no labor policy lasts without the trust of those it governs, and that regular dialogue "
    "among governments, unions and business is the way to earn it. (Plan of Action of Montevideo, 2037).\n")


def test_paragraphs_under_a_pages_title_naming_them_mandates_are_mandates() -> None:
    """A Summit follow-up page titled "Follow-up and Implementation: Mandates": each numbered paragraph it quotes,
    and its lettered items, are mandates whatever their words ("We recognize ..."); the page stays a page."""
    doc = parse_document(_SUMMIT_MANDATES_PAGE)
    assert [(p.eid, p.kind) for p in doc.provisions] == [
        ("para_1", Kind.MANDATE), ("para_1__para_a", Kind.MANDATE), ("para_1__para_b", Kind.MANDATE),
        ("para_2", Kind.MANDATE)]
    assert doc.metadata.type == "WebPage"


_MANDATOS_HEADING_PAGE = (
    "Cumbres de las Américas\n\nEDUCACIÓN\nMANDATOS\n\n"
    "  1. Reconocemos que el empleo formal de los jóvenes es la base de una protección social duradera, y que su "
    "ausencia pesa sobre las familias de toda la región. (Declaración de Asunción, 2039).\n\n"
    "  2. Tomamos nota de los avances de los servicios públicos de empleo en las zonas rurales. "
    "(Declaración de Asunción, 2039).\n\n"
    "  • Declaración de Asunción (PDF)\n\n"
    "DOCUMENTOS RELACIONADOS\n\n"
    "  1. Informe anual de la Secretaría Técnica sobre el seguimiento de las Cumbres.\n")


def test_paragraphs_under_a_mandatos_heading_are_mandates_not_the_pages_own_bullets() -> None:
    """Under a "MANDATOS" heading the numbered paragraphs are the mandates quoted; the page's own bullet (a link)
    stays an item, and the next heading's paragraph is no mandate. Quoting mandates, the text is still a page."""
    doc = parse_document(_MANDATOS_HEADING_PAGE)
    found = [(own_text(_MANDATOS_HEADING_PAGE, p)[:8], p.kind) for p in doc.provisions if p.kind is not Kind.LIST]
    assert found == [("MANDATOS", Kind.SECTION), ("1. Recon", Kind.MANDATE), ("2. Tomam", Kind.MANDATE),
                     ("• Declar", Kind.ITEM), ("DOCUMENT", Kind.SECTION), ("1. Infor", Kind.PARAGRAPH)]
    assert doc.metadata.type == "WebPage"


@pytest.mark.parametrize("text", [
    ("INTER-AMERICAN CONFERENCE OF MINISTERS OF LABOR\nWORKING GROUP 1\nREPORT OF THE CHAIR\n\n"
     "I. INTRODUCTION\n\n1. The Working Group met in Washington, D.C. on 14 and 15 March 2024 with twenty States.\n\n"
     "II. MANDATES OF THE WORKING GROUP\n\n"
     "2. The Working Group was set up by the Declaration of Bridgetown and reports to the Conference.\n\n"
     "3. Its work in this period followed the Plan of Action adopted in Bridgetown.\n"),
    ("RED INTERAMERICANA PARA LA ADMINISTRACIÓN LABORAL\nInforme de actividades 2023\n\nMandatos\n\n"
     "1. La RIAL fue creada en 2005 por la XIV CIMT como mecanismo de cooperación entre ministerios.\n\n"
     "2. Durante el año se realizaron seis talleres y dos visitas técnicas.\n\nActividades\n\n"
     "3. El taller de Lima reunió a quince ministerios.\n"),
])
def test_a_reports_mandates_section_tells_its_remit_and_quotes_no_mandates(text: str) -> None:
    """A report's "MANDATES OF THE WORKING GROUP" or "Mandatos" section says what the group was set up to do:
    its paragraphs are the report's own, not mandates it quotes."""
    doc = parse_document(text)
    assert [p.kind for p in doc.provisions if p.kind is not Kind.SECTION] == [Kind.PARAGRAPH] * 3


def test_a_page_that_only_mentions_mandates_types_nothing_by_them() -> None:
    """A site's menu entry ("Mandates and reports"), a sentence about the mandates and a link to them read as a
    heading ("See the mandates") do not name the page's paragraphs as mandates."""
    text = ("Home\nAbout the Conference\nMandates and reports\nNews\n\n"
            "WORKSHOP ON LABOR INSPECTION IN THE CARIBBEAN\n\n"
            "The mandates of the Summit were reviewed by the delegations on the first day, before the workshop "
            "turned to its own agenda.\n\nSee the mandates\n\n"
            "  1. The Ministry of Labor of Jamaica described its new system for planning inspection visits by "
            "sector.\n\n  2. The delegates agreed that the next workshop will meet in Bridgetown in 2042.\n")
    kinds = [(own_text(text, p)[:5], p.kind) for p in parse_document(text).provisions]
    assert kinds == [("The m", Kind.PARAGRAPH), ("See t", Kind.SECTION), ("1. Th", Kind.PARAGRAPH),
                     ("2. Th", Kind.PARAGRAPH)]


# A page's table of agreements flattened one cell a line, each cell bar alone on its line, each number alone in
# its cell over the agreement's text (hard-wrapped).
_CELL_BARS_TABLE = (
    "1\n|\nAsk the regional secretariat to draw up, within ninety days, an inventory of the training\n"
    "programmes for young workers that the member countries run with public funds.\n|\n|\n"
    "2\n|\nUrge the national parliaments to pass the regional agreement on the recognition of\n"
    "occupational skills before the end of the year.\n|\n|\n"
    "3\n|\nInstruct the Council of Ministers of Labour to report on the inventory at its next\n"
    "ordinary meeting.\n|\n|\n")


def test_a_tables_cell_bars_alone_on_their_lines_part_its_cells() -> None:
    """A cell bar alone on its line parts the cells as a blank line would: each number alone in its cell
    numbers the text of the next, and no bar is a paragraph."""
    doc = parse_document(_CELL_BARS_TABLE)
    assert [(p.number, own_text(_CELL_BARS_TABLE, p).split("\n")[-1]) for p in doc.provisions] == [
        ("1", "programmes for young workers that the member countries run with public funds."),
        ("2", "occupational skills before the end of the year."),
        ("3", "ordinary meeting.")]


def test_a_markdown_tables_empty_row_keeps_the_table_whole() -> None:
    """A markdown table's row of empty cells is a row of the table, not a break in it; and bars between the
    boxes of a chart drawn in text make no paragraph."""
    table = ("WORK PLAN 2040-2041\n\nThe Working Group will carry out the following activities during the period, "
             "with the support of the Technical Secretariat.\n\n"
             "| Activity | Responsible | Date |\n|---|---|---|\n"
             "| Hemispheric workshop on labor inspection | Technical Secretariat | March 2040 |\n| | | |\n"
             "| Report on the results of the workshop | Chair pro tempore | June 2040 |\n\n"
             "The Chair will report to the Conference on the progress of these activities.\n")
    tables = [own_text(table, p) for p in parse_document(table).provisions if own_text(table, p).startswith("|")]
    assert len(tables) == 1 and tables[0].endswith("June 2040 |")
    chart = ("REPORT OF THE CHAIR\n\nThe Conference met in plenary on its first day and agreed on the structure "
             "below for its work.\n\nPlenary of the Conference\n|\nWorking Group 1: Labor rights and social dialogue\n"
             "|\nWorking Group 2: Employment and skills\n\nThe two groups report to the plenary once a year.\n")
    assert all(own_text(chart, p).strip() != "|" for p in parse_document(chart).provisions)


_CLAUSE_WORDS_ON_THEIR_LINES = (
    "EL CONSEJO DE MINISTROS DE TRABAJO,\n"
    "VISTOS: El Acuerdo constitutivo del Consejo, la Decisión 12 sobre la cooperación entre los servicios de "
    "empleo de los países miembros y el informe que la Secretaría presentó al Consejo en su última reunión;\n"
    "CONSIDERANDO: Que los servicios de empleo de la subregión atienden cada año a un número creciente de "
    "trabajadores que buscan empleo en otro país miembro y que conviene darles reglas comunes;\n"
    "RESUELVE: Aprobar el reglamento de la red subregional de servicios de empleo que figura como anexo de la "
    "presente decisión y encargar a la Secretaría que lo difunda entre los ministerios de trabajo.\n")


def test_a_clause_word_and_its_text_on_one_line_are_one_paragraph() -> None:
    """A preamble's clause word and its text on one line are one paragraph, the word included; the operative
    part's word ("RESUELVE:") still stands apart from what it resolves."""
    text = _CLAUSE_WORDS_ON_THEIR_LINES
    found = [(own_text(text, p)[:16], p.kind) for p in parse_document(text).provisions]
    assert found == [("EL CONSEJO DE MI", Kind.PARAGRAPH), ("VISTOS: El Acuer", Kind.PARAGRAPH),
                     ("CONSIDERANDO: Qu", Kind.PARAGRAPH), ("RESUELVE:", Kind.PARAGRAPH),
                     ("Aprobar el regla", Kind.MANDATE)]


# A resolution's preamble one clause a line, the host's conjunction opening the next clause's line.
_JOINED_CLAUSES = (
    "EL CONSEJO DIRECTIVO,\n"
    "VISTO: Que la caída del empleo juvenil durante el último año ha afectado a todos los países de la subregión "
    "y ha dejado sin trabajo a miles de jóvenes que acababan de terminar su formación técnica;\n"
    "y Que los ministerios de trabajo han pedido al Consejo que coordine las respuestas de los gobiernos y que "
    "proponga medidas comunes antes de la próxima reunión ordinaria;\n"
    "y CONSIDERANDO:\n"
    "Que la Secretaría ha preparado un estudio sobre los programas de empleo juvenil de la subregión,\n"
    "RESUELVE\n"
    "1. Encargar a la Secretaría que difunda el estudio entre los ministerios de trabajo.\n")


def test_a_clause_opening_on_the_hosts_conjunction_is_a_clause_of_its_own() -> None:
    """"y Que ..." and "y CONSIDERANDO:" after a clause ending on its semicolon each begin a clause of their own,
    the conjunction included; a wrapped sentence's line opening on "y que" or "and that" carries it on."""
    text = _JOINED_CLAUSES
    assert [own_text(text, p)[:14] for p in parse_document(text).provisions][:5] == [
        "EL CONSEJO DIR", "VISTO: Que la ", "y Que los mini", "y CONSIDERANDO", "Que la Secreta"]
    wrapped = ("La Secretaría presentó el estudio sobre los programas de empleo juvenil de la subregión,\n"
               "y que los ministerios de trabajo lo examinarán en su próxima reunión ordinaria.\n\n"
               "The Secretariat presented its study on youth employment programmes in the subregion;\n"
               "and that the ministries will examine it at their next regular meeting was agreed.\n")
    assert first_words(wrapped) == ["La", "The"]


def test_the_operative_word_alone_without_its_colon_leads_in_the_operative_part() -> None:
    """"RESUELVE" alone on its line, its colon lost, is the resolution's lead-in (a paragraph), and every
    paragraph after it is operative, whatever its verb (bench/ANNOTATING.md, "A resolution's operative
    paragraph"); the word in a sentence's capitals heading nothing is no lead-in."""
    text = _JOINED_CLAUSES.replace("1. Encargar a la Secretaría que difunda",
                                   "1. Manifestar su satisfacción por el estudio y pedir a la Secretaría que difunda")
    found = [(own_text(text, p)[:12], p.kind) for p in parse_document(text).provisions][-2:]
    assert found == [("RESUELVE", Kind.PARAGRAPH), ("1. Manifesta", Kind.MANDATE)]
    story = ("NOTICIAS DEL CONSEJO\n\nEl Consejo se reunió ayer en Lima para examinar el estudio sobre el empleo "
             "juvenil.\n\nDECIDE\n\nEs el nombre del programa que la Secretaría presentó a los ministerios.\n\n"
             "1. Manifestar su satisfacción fue lo primero que hicieron los delegados.\n")
    assert [p.kind for p in parse_document(story).provisions if p.number == "1"] == [Kind.PARAGRAPH]


# A communiqué as a blog stores it: hard-wrapped, each paragraph's first words alone on its first line.
_FIRST_WORDS_ALONE = (
    "Los\n"
    "Ministros y las Ministras de Trabajo de los Estados Partes del Acuerdo y Estados\n"
    "Observadores, reunidos en Asunción el 12 de mayo de 2040, con ocasión de su\n"
    "Reunión Ordinaria del primer semestre:\n"
    "Conscientes de\n"
    "que el empleo de los jóvenes sigue siendo el mayor desafío de la región y de que\n"
    "las respuestas nacionales ganan fuerza cuando se coordinan entre los países.\n"
    "ACORDARON:\n"
    "1. Crear\n"
    "una red de servicios públicos de empleo que comparta sus datos sobre vacantes.\n")


def test_a_paragraphs_first_words_alone_over_its_wrapped_lines_open_the_body() -> None:
    """The first paragraph's first word alone on the text's first line, and its next line running to the
    wrapped width, are the paragraph's, no title: the body begins with them."""
    doc = parse_document(_FIRST_WORDS_ALONE)
    assert own_text(_FIRST_WORDS_ALONE, doc.provisions[0]).startswith("Los\nMinistros y las Ministras")
    assert doc.metadata.title is None


def test_a_title_over_a_hard_wrapped_first_paragraph_stays_the_covers() -> None:
    """A title wrapped over two lines right over the first paragraph (which opens a sentence) stays the cover's,
    though its second line runs to the text's width."""
    text = ("Report of the Meeting of the\n"
            "Working Group on Labor Inspection and Occupational Safety of the Americas\n"
            "The Working Group met in Lima on 3 and 4 March 2040 with delegations of twelve\n"
            "member states, the Technical Secretariat and the subregional office of the ILO,\n"
            "and examined the progress made since its previous meeting in the region.\n")
    doc = parse_document(text)
    assert own_text(text, doc.provisions[0]).startswith("The Working Group met")


def test_an_advertisements_label_between_a_storys_paragraphs_is_no_heading() -> None:
    """A news site's "Publicidad" alone between two paragraphs of the text it reproduces labels an
    advertisement's slot: no heading over the paragraphs after it. A part headed so in a text about publicity
    keeps its heading."""
    story = ("Los ministros de trabajo de la subregión firmaron ayer en Lima un acuerdo sobre empleo juvenil. Estos "
             "son algunos de sus pasajes:\n\n"
             "Encargamos a la Secretaría que prepare un inventario de los programas de formación de jóvenes.\n\n"
             "Publicidad\n\n"
             "Instruimos a los servicios de empleo que compartan sus datos sobre vacantes con los demás países.\n")
    doc = parse_document(story)
    assert [p.kind for p in doc.provisions if p.kind is Kind.SECTION] == []
    assert [own_text(story, p)[:10] for p in doc.provisions][-2:] == ["Encargamos", "Instruimos"]
    plan = ("PLAN DE DIFUSIÓN DE LA CONFERENCIA\n\nLa Secretaría dará a conocer los resultados de la Conferencia "
            "por los medios que se indican a continuación.\n\n"
            "Publicidad\n\nSe contratará publicidad en dos diarios de cada país miembro durante la semana de la "
            "Conferencia.\n\nPrensa\n\nSe enviará un comunicado a las agencias de noticias al cierre de cada sesión.\n")
    sections = [own_text(plan, p) for p in parse_document(plan).provisions if p.kind is Kind.SECTION]
    assert "Publicidad" in sections


def test_a_resolutions_closing_note_of_its_adoption_is_no_provision() -> None:
    """The note of a resolution's adoption on its last line ("Aprobada en la ... sesión plenaria, celebrada el
    ...") is no paragraph of it, cut short or not; a story's last sentence opening so is."""
    text = _JOINED_CLAUSES + "Aprobada en la tercera sesión plenaria, celebrada el 4 de junio de 2040.\n"
    assert [own_text(text, p)[:12] for p in parse_document(text).provisions][-1] == "1. Encargar "
    cut = _JOINED_CLAUSES + "Aprobada en la tercera sesión de l"
    assert [own_text(cut, p)[:12] for p in parse_document(cut).provisions][-1] == "1. Encargar "
    story = ("The Ministers of Labor met in Lima on 3 and 4 March 2040 and adopted a plan on youth employment.\n\n"
             "The plan asks each ministry to report on its programmes for young workers within a year.\n\n"
             "Approved at the closing session, the plan takes effect on the first of January.\n")
    assert [own_text(story, p)[:8] for p in parse_document(story).provisions][-1] == "Approved"


def test_putting_into_practice_acts_and_putting_in_relief_states() -> None:
    """A Spanish "Poner en práctica ..." (into practice, motion, operation) opens a mandate as any infinitive
    of action does; "Poner de relieve ..." only states."""
    text = ("En el marco de la Conferencia, acordamos asimismo:\n\n"
            "1. Poner en práctica las recomendaciones del informe sobre la coordinación de los servicios de empleo.\n\n"
            "2. Poner de relieve la labor de la Secretaría en la preparación de la reunión.\n")
    assert [p.kind for p in parse_document(text).provisions if p.number] == [Kind.MANDATE, Kind.PARAGRAPH]


def test_putting_into_motion_as_a_storys_subject_states() -> None:
    """A news story's "Poner en marcha el sistema llevó dos años ..." tells what it took: the infinitive is the
    subject of its verb, no act; "Poner en práctica lo que se acordó ..." still acts."""
    text = ("Noticias\nEl Ministerio presenta su nuevo sistema de inspección\n12 de junio de 2024\n\n"
            "El Ministerio de Trabajo presentó hoy su nuevo sistema electrónico de inspección.\n\n"
            "Poner en marcha el sistema llevó dos años de trabajo conjunto con la OIT, explicó la Ministra.\n\n"
            "Poner en práctica estas reformas exigió un gran esfuerzo de los inspectores, añadió.\n")
    assert Kind.MANDATE not in {p.kind for p in parse_document(text).provisions}
    acts = ("En el marco de la Conferencia, acordamos asimismo:\n\n"
            "1. Poner en práctica lo que se acordó en la reunión de Lima sobre los servicios de empleo.\n")
    assert [p.kind for p in parse_document(acts).provisions if p.number] == [Kind.MANDATE]


# Covers (session 23): the cover's fields on layouts of the tuning texts, each rule with a text where its trigger
# appears innocently.

_PARTICIPANTS = ("Participants: the ministries of labor chairing the Conference and the chairs of its two working "
                 "groups.\n\n  •  To review the activities still pending under the work plan.\n")


@pytest.mark.parametrize(("heads", "title"), [
    # the page's heading, then the same name at length (its acronym spelled out) over the dateline: the first
    ("Regional Meeting of Focal Points of the RIAL\n\nRegional Meeting of the Focal Points of the Inter-American "
     "Network for Labor Administration on labor inspection\n", "Regional Meeting of Focal Points of the RIAL"),
    # a section's name over the page's own heading: the heading over the dateline
    ("Labor Inspection\n\nSecond Regional Workshop on labor inspection systems\n",
     "Second Regional Workshop on labor inspection systems"),
    # two headings opening on the same two words, the second not the first at length: the one over the dateline
    ("Regional Meeting 2040\n\nRegional Meeting on youth employment policies\n",
     "Regional Meeting on youth employment policies"),
    # a site's name, then a headline going on from the whole of it: the headline
    ("Ministry of Labour\n\nMinistry of Labour launches a youth employment programme\n",
     "Ministry of Labour launches a youth employment programme"),
])
def test_a_pages_heading_repeated_at_length_over_its_dateline_is_the_first(heads: str, title: str) -> None:
    text = heads + "Lima, Peru – May 22, 2040\n\n" + _PARTICIPANTS
    assert parse_document(text).metadata.title == title


@pytest.mark.parametrize(("dateline", "date"), [
    ("Washington, D.C. – May 22nd, 2040", "2040-05-22"),
    ("Lima, Peru – March 1st 2040", "2040-03-01"),
    # a weekday and an ordinal day with no year after it: no day of a year
    ("Tuesday, May 22nd – sessions of the 2040 cycle", None),
])
def test_a_day_written_with_its_ordinal_is_read(dateline: str, date: str | None) -> None:
    text = "Virtual Meeting of the Network\n" + dateline + "\n\n" + _PARTICIPANTS
    assert parse_document(text).metadata.date == date


_LINKS_BODY = ("To learn more about the work on this subject, you may consult the following sites of the "
               "Organization and of its partners in the region:\n\n  •  Mandates of the Summit\n")


@pytest.mark.parametrize(("first", "title"), [
    # the day the page was last updated, over its heading: never the title
    ("Updated December 11, 2040\n\nLabor and Employment\n", "Labor and Employment"),
    ("Actualizado el 3 de mayo de 2040\n\nTrabajo y Empleo\n", "Trabajo y Empleo"),
    ("Last updated: 11 December 2040\n\nLabor and Employment\n", "Labor and Employment"),
    # a title naming an updated text is a title
    ("Updated Work Plan of the Network\n\n", "Updated Work Plan of the Network"),
    ("Actualización del Plan de Trabajo 2040\n\n", "Actualización del Plan de Trabajo 2040"),
])
def test_a_pages_update_line_is_no_title(first: str, title: str) -> None:
    assert parse_document(first + _LINKS_BODY).metadata.title == title


_STORY = ("On Tuesday, March 29th the Council held its regular meeting, devoted this time to social development "
          "and to the experiences of the member states in reducing poverty.\n")


@pytest.mark.parametrize(("heads", "title"), [
    # a field's label alone over its value (the page's date): the heading over the label is the title
    ("Sharing Experiences, Widening Opportunities\n\nMinisters review social development policies of the region\n\n"
     "File Created On:\nMarch, 2040\n", "Ministers review social development policies of the region"),
    ("Red Interamericana\n\nEl Consejo examina las políticas de desarrollo social\n\nFecha de publicación:\n"
     "12 de marzo de 2040\n", "El Consejo examina las políticas de desarrollo social"),
    # a heading with a colon inside it, right over the dateline, is the title
    ("Sharing Experiences\n\nSocial development: the Council reviews its policies\nMarch, 2040\n",
     "Social development: the Council reviews its policies"),
])
def test_a_fields_label_over_a_dateline_is_no_title(heads: str, title: str) -> None:
    assert parse_document(heads + "\n" + _STORY).metadata.title == title


_PREAMBLE_ES = ("PREÁMBULO\nConsiderando\nque el texto adoptado hace diez años preveía su propio examen periódico "
                "y que, cumplido ese plazo, los gobiernos emprendieron la tarea de actualizarlo.\n")


@pytest.mark.parametrize(("cover", "title"), [
    # a title broken before the year it names, left open on a connector: the year is part of it
    ("DECLARACIÓN SOCIOLABORAL DE LA RED DEL\n2040\n", "DECLARACIÓN SOCIOLABORAL DE LA RED DEL 2040"),
    ("PLAN OF ACTION OF\n2040\n", "PLAN OF ACTION OF 2040"),
    # a title that ends where it was meant to end: the year under it is the cover's date
    ("DECLARACIÓN SOCIOLABORAL DE LA RED\n2040\n", "DECLARACIÓN SOCIOLABORAL DE LA RED"),
])
def test_a_title_left_open_goes_on_over_the_year_under_it(cover: str, title: str) -> None:
    assert parse_document(cover + _PREAMBLE_ES).metadata.title == title


_MINISTERS_ES = ("Nosotros, las Ministras y los Ministros de Trabajo de las Américas, reunidos en Lima, respondemos a "
                 "esta convocatoria convencidos del valor del diálogo social.\n")


@pytest.mark.parametrize(("cover", "title"), [
    # the host's page title, the heading and the site's name, over the heading printed alone: the heading
    ("Declaración Final de la Reunión de Ministros de Trabajo - MINTRA\n\n"
     "Declaración Final de la Reunión de Ministros de Trabajo\n\n", "Declaración Final de la Reunión de Ministros de "
     "Trabajo"),
    # a title with a dash in it, printed once: as printed
    ("Declaración de Lima - Empleo juvenil y trabajo decente\n\n", "Declaración de Lima - Empleo juvenil y trabajo "
     "decente"),
])
def test_a_hosts_page_title_over_the_heading_is_not_the_title(cover: str, title: str) -> None:
    assert parse_document(cover + _MINISTERS_ES).metadata.title == title


_JOINT_BODY = ("Presidentas y los Presidentes de los Estados Partes de la Red y Estados\n"
               "Asociados, congregados en Lima, República del Perú, el 29 de junio de 2040,\n"
               "con motivo de la XL Reunión Ordinaria del Consejo del Mercado Común:\n"
               "Comprometidos\ncon la opción estratégica de avanzar juntos para afianzar las instituciones\n"
               "democráticas, el imperio de la ley y el orden constitucional; para asegurar la\n"
               "plena vigencia de los derechos humanos.\n")


@pytest.mark.parametrize(("first", "title"), [
    # a paragraph's first word broken off its line by the host: no title
    ("Las\n", None),
    ("The\n", None),
    # a heading ending on a letter labels a part ("Annex A"), and a heading that ends where it is meant to: titles
    ("Anexo A\n\n", "Anexo A"),
    ("Comunicado Conjunto de los Presidentes\n\nLas\n", "Comunicado Conjunto de los Presidentes"),
])
def test_a_first_line_left_open_is_no_title(first: str, title: str | None) -> None:
    assert parse_document(first + _JOINT_BODY).metadata.title == title


@pytest.mark.parametrize(("line", "symbols"), [
    # the series in capitals, a space for its stop
    ("OEA/SER K/V\nCIDI/RME/doc.10/40 rev. 1", ("OEA/SER K/V", "CIDI/RME/doc.10/40 rev. 1")),
    ("OEA/Ser.W/XIII.6.3\nCIDI/CIE/doc.4/40", ("OEA/Ser.W/XIII.6.3", "CIDI/CIE/doc.4/40")),
    # a sentence naming the series: no symbol
    ("Los documentos de la serie OEA/Ser Los Consejos se publican en línea.", ()),
])
def test_an_oas_series_is_read_in_capitals_and_with_a_space(line: str, symbols: tuple[str, ...]) -> None:
    text = ("PREPARATORY MEETING\n\n" + line + "\n1 October 2040\nOriginal: Spanish\n\nRESEARCH BRIEFING\n\n"
            "1. The meeting will review the progress of the member states on the agenda.\n")
    assert parse_document(text).metadata.symbols == symbols


_RESULTS = ("\n  • en Honduras, donde al menos dos mil maestros completaron el curso con el aval de la Secretaría "
            "de Educación.\n\n  • en Guatemala, donde el curso se ofreció en línea a los docentes de secundaria.\n")


@pytest.mark.parametrize(("cover", "title"), [
    # a title left open on its last word, over the host's download button with the file's size: the title alone
    ("Informe anual de la comisión interamericana\n\n\n\nDescargar 305.78 Kb.\nPágina5/6\n",
     "Informe anual de la comisión interamericana"),
    ("Annual report of the committee on\n\nDownload 1.2 MB\n", "Annual report of the committee on"),
    # the line carrying such a title on is part of it
    ("Informe anual de la\nComisión Interamericana de Educación\n", "Informe anual de la Comisión Interamericana "
     "de Educación"),
])
def test_a_hosts_download_line_never_carries_a_title_on(cover: str, title: str) -> None:
    assert parse_document(cover + _RESULTS).metadata.title == title


_HELD_ON = ("Held on May 22, the meeting opened the negotiations leading to the Conference, scheduled for September "
            "in Lima. Delegations settled the proposed agenda and held a first exchange on the Declaration.\n\n"
            "Relevant documents\n\nList of Delegates\n")


@pytest.mark.parametrize(("heads", "meeting"), [
    # the Conference's name, and under it the heading of its meeting the page is about
    ("XL Inter-American Conference of Ministers of Labor (IACML) of the OAS\n\nFirst Preparatory Meeting\n\n",
     "iacml40-preparatory-meeting"),
    ("XL Conferencia Interamericana de Ministros de Trabajo (CIMT)\n\nPrimera Reunión Técnica Preparatoria\n\n",
     "iacml40-preparatory-meeting"),
    # a heading naming another of its meetings, or none: the Conference
    ("XL Inter-American Conference of Ministers of Labor (IACML) of the OAS\n\nMeeting of the Working Groups\n\n",
     "iacml40"),
    ("XL Inter-American Conference of Ministers of Labor (IACML) of the OAS\n\n", "iacml40"),
])
def test_a_preparatory_meetings_heading_under_the_conference_names_the_meeting(heads: str, meeting: str) -> None:
    assert parse_document(heads + _HELD_ON).metadata.meeting == meeting


_COUNCIL_COVER = ("FORTIETH REGULAR SESSION\tOEA/Ser.P\nJune 19 to 21, 2040\tAG/doc.9999/40\nLima, Peru\t14 June 2040\n"
                  "Original: Spanish\n\n")
_COUNCIL_BODY = ("\nThe present report gives an account of the work done by the Council in the interval between the two "
                 "regular sessions of the General Assembly.\n")


@pytest.mark.parametrize(("title", "read"), [
    # a title opening on its kind and its qualifier, naming a council, carried on by the line under it
    ("ANNUAL REPORT OF THE INTER-AMERICAN COUNCIL\nFOR INTEGRAL DEVELOPMENT (CIDI)\n\n(2039–2040)\n",
     "ANNUAL REPORT OF THE INTER-AMERICAN COUNCIL FOR INTEGRAL DEVELOPMENT (CIDI)"),
    ("FINAL REPORT OF THE INTER-AMERICAN COUNCIL\nFOR INTEGRAL DEVELOPMENT\n",
     "FINAL REPORT OF THE INTER-AMERICAN COUNCIL FOR INTEGRAL DEVELOPMENT"),
    # the council's name over a title that opens on the kind: the title alone
    ("INTER-AMERICAN COUNCIL FOR INTEGRAL DEVELOPMENT\nANNUAL REPORT OF THE CHAIR\n", "ANNUAL REPORT OF THE CHAIR"),
])
def test_a_title_opening_on_a_qualified_kind_goes_on_over_its_lines(title: str, read: str) -> None:
    assert parse_document(_COUNCIL_COVER + title + _COUNCIL_BODY).metadata.title == read


@pytest.mark.parametrize(("text", "doc_type"), [
    # a press office's release telling of a report its headline names: a web page
    ("Comunicado de Prensa\n\n\nInforme de la OEA resalta los retos de los migrantes para acceder a la seguridad "
     "social\n\n  24 de noviembre de 2040\n\nLa Organización llamó hoy la atención sobre los obstáculos que "
     "encuentran las personas migrantes de la región.\n", "WebPage"),
    ("Press Release\n\nReport of the OAS highlights the challenges of migrant workers\n\n  November 24, 2040\n\n"
     "The Organization today drew attention to the obstacles migrant workers meet in the region.\n", "WebPage"),
    # a release carrying the text itself, opening on its signatories: the document
    ("Press Release\n\nDECLARATION OF LIMA\n\nWe, the Ministers of Labor of the Americas, gathered in Lima on the "
     "occasion of our Conference, declare our commitment to decent work.\n", "Declaration"),
])
def test_a_press_release_telling_of_a_document_is_a_web_page(text: str, doc_type: str) -> None:
    assert parse_document(text).metadata.type == doc_type


_YOUTH_STORY = ("\n\nvia ILO:\n\nPractical proposals for national youth employment policies came out of a regional "
                "seminar that met in the Caribbean with the delegations of twelve countries.\n")


@pytest.mark.parametrize(("cover", "title"), [
    # a rating widget's lines over and under the headline: the headline
    ("Rate this\n0 (0 votes)\nCaribbean countries move forward on youth employment\n0 out of 5 based on 0 user "
     "ratings\n\nCaribbean countries move forward on youth employment",
     "Caribbean countries move forward on youth employment"),
    # a headline opening on the same words is a headline
    ("Rate this year's rise in youth employment a first step, ministers say",
     "Rate this year's rise in youth employment a first step, ministers say"),
])
def test_a_rating_widget_is_no_title(cover: str, title: str) -> None:
    assert parse_document(cover + _YOUTH_STORY).metadata.title == title


_MILESTONES = ("\n\nMILESTONES\n\n2040\n\n  • Peru hosts the Second Regional Seminar on Labour Inspection\n"
               "  • The Network joins the regional task force on youth employment\n\n2038\n\n"
               "  • The Network is set up by the Ministers of Labour of the Americas\n")


@pytest.mark.parametrize(("banner", "title"), [
    # a row of the site's links with its social networks, and a breadcrumb: the heading under them
    ("Subscribe to the Network Newsletter Facebook Twitter YouTube Community Contact Team\n"
     "Home» About Us» Milestones»", "MILESTONES"),
    # a breadcrumb ending on a kind of document names the site's section, not the page's title
    ("Portal » Commission of Women » Assembly » Resolutions Adopted\n\nResolutions Adopted", "Resolutions Adopted"),
    # a headline naming the networks in a sentence is a headline
    ("Ministers discuss how young workers use Facebook and Twitter to find jobs",
     "Ministers discuss how young workers use Facebook and Twitter to find jobs"),
])
def test_a_sites_breadcrumb_and_links_are_no_title(banner: str, title: str) -> None:
    assert parse_document(banner + _MILESTONES).metadata.title == title


@pytest.mark.parametrize(("text", "date"), [
    # a syndicated story's date field, written the ISO way and glued to its first paragraph
    (" date 2040-10-21 (Newswire) WASHINGTON – Ministers of labor from all over the hemisphere are due in Lima on "
     "the 23rd for their Conference.\n", "2040-10-21"),
    ("Fecha: 2040-05-03\n\nLos Ministros de Trabajo de las Américas se reunieron en Lima para acordar sus "
     "prioridades.\n", "2040-05-03"),
    # an ISO date with no label (a file's name), a labelled range of years: no date of the page
    ("The report (report-2040-10-21.pdf) and the survey data 2039-2040 show how the ministries of the region "
     "served young workers.\n", None),
    # another date's field ("Registration closing date:") under the cover's dateline: the dateline's
    ("CONCEPT NOTE\nRegional Workshop on Labor Inspection\nLima, 12 June 2040\nRegistration closing date: 2040-05-30"
     "\n\n1. The workshop will bring together labor inspectors from the region.\n", "2040-06-12"),
])
def test_a_pages_labelled_iso_date_is_its_date(text: str, date: str | None) -> None:
    assert parse_document(text).metadata.date == date


_EXCHANGE_BODY = ("No se puede pensar el empleo de los jóvenes sin mirar al mismo tiempo el trabajo infantil que "
                  "persiste en la región, porque ambos fenómenos se encadenan a lo largo de la vida.\n")


@pytest.mark.parametrize(("cover", "doc_type"), [
    # the systematization of an exchange: the record of it
    ("PASANTÍA E INTERCAMBIO DE EXPERIENCIAS\nLIMA, DEL 5 AL 8 DE DICIEMBRE DE 2040\n\nSISTEMATIZACIÓN\n",
     "MeetingSummary"),
    # a page that mentions one in its text is a page
    ("Intercambio de experiencias sobre empleo juvenil\n\nLa Red publicó la sistematización de la pasantía que "
     "reunió a los ministerios en Lima.\n\n", "WebPage"),
])
def test_a_systematization_is_the_record_of_its_exchange(cover: str, doc_type: str) -> None:
    assert parse_document(cover + _EXCHANGE_BODY).metadata.type == doc_type


_SCHEDULE_COVER = ("SECOND REGULAR MEETING OF THE\tOEA/Ser.W/II.9\nINTER-AMERICAN COMMITTEE ON EDUCATION\t"
                   "CIDI/CIE/doc. 11/40\nOctober 18 – 19, 2040\t13 October 2040\nWashington, D. C.\tOriginal: English\n\n")
_SCHEDULE_BODY = ("\n\nWEDNESDAY, AUGUST 10\n\nParticipants may register from 1:30 p.m. onward.\n\nTHURSDAY, AUGUST 11\n\n"
                  "9:00 – 9:30 Opening session\n")


@pytest.mark.parametrize(("title", "doc_type"), [
    # a meeting's draft schedule is its agenda: the record of the meeting
    ("DRAFT WORK SCHEDULE\n\nFIRST PROPOSAL", "MeetingSummary"),
    ("PROYECTO DE CRONOGRAMA", "MeetingSummary"),
    # a schedule of another kind names no kind of document
    ("SCHEDULE OF QUOTA CONTRIBUTIONS", None),
    # a programme's draft schedule of its activities over the years is no meeting's agenda
    ("PROYECTO DE CRONOGRAMA DE ACTIVIDADES 2024-2025", None),
    ("DRAFT SCHEDULE OF COOPERATION ACTIVITIES", None),
])
def test_a_meetings_draft_schedule_is_its_record(title: str, doc_type: str | None) -> None:
    metadata = parse_document(_SCHEDULE_COVER + title + _SCHEDULE_BODY).metadata
    assert metadata.type == doc_type
    assert doc_type is None or metadata.title == title.split("\n")[0]


_HEADS_OF_STATE = ("Nosotros, los Jefes de Estado y de Gobierno de las Américas elegidos democráticamente,\n"
                   "conscientes de que los esfuerzos de cada país deben verse acompañados por una acción\n"
                   "concertada, declaramos nuestra firme voluntad de ejecutar este Plan de Acción.\n")


@pytest.mark.parametrize(("note", "title"), [
    # an editor's note wrapped over lines, announcing the text: neither the note nor a line of it is the title
    ("A continuación figura el texto íntegro del\nPlan de Acción firmado por los Jefes de Estado que participaron\n"
     "en la Cumbre de las Américas:\n", None),
    # a title over a note of one line is the title
    ("PLAN DE ACCIÓN DE LIMA\n\nA continuación figura el texto íntegro del Plan de Acción:\n", "PLAN DE ACCIÓN DE LIMA"),
])
def test_an_editors_note_wrapped_over_lines_is_no_title(note: str, title: str | None) -> None:
    metadata = parse_document(note + _HEADS_OF_STATE).metadata
    assert (metadata.title, metadata.type) == (title, "PlanOfAction")


def test_a_sites_lines_down_to_its_breadcrumb_trail_are_no_body() -> None:
    """A journal's page prints its tagline, then "You are here:" over the trail of pages leading to the text
    (or the trail on the label's line): the text begins under them, not at the tagline. A speech whose
    sentence opens "You are here:" keeps its paragraphs."""
    head = ("A quarterly review of social policy in the Americas, published three times a year by the Institute for "
            "Labour Studies of the region since 1990 and open to all readers\n\n")
    body = ("Issue 12\nSocial protection / Protección social\n\nMinisterial Declaration of Lima\n\n"
            "1. The Ministers of Labour of the Americas, meeting in Lima on 3 and 4 March 2040, considered the state "
            "of social protection.\n\n2. We commit to extending social protection to the workers of the informal "
            "economy.\n")
    for trail in ("You are here:\nHome » Publications » Issue 12\n\n", "Usted está en: Inicio > Publicaciones\n\n"):
        text = head + trail + body
        assert [own_text(text, p)[:2] for p in parse_document(text).provisions] == ["1.", "2."]
    speech = ("Distinguished Ministers, ladies and gentlemen, it is an honour to open this meeting of the Conference "
              "in Lima today.\n\nYou are here:\nto agree on what our ministries will do together - and to do it "
              "well\n\nThe Working Groups have prepared the ground with care, and their reports are before you.\n")
    assert [own_text(speech, p)[:11] for p in parse_document(speech).provisions] == [
        "Distinguish", "You are her", "The Working"]


_TWO_PARAGRAPHS = ("The Ministers of Labour met in Lima on 3 and 4 March 2040 and reviewed the progress of the regional "
                   "plan on youth employment.\n\nThey agreed that each ministry will report on its training "
                   "programmes for young workers before the next meeting.\n")


def test_a_records_last_field_over_its_paragraphs_heads_them() -> None:
    """A library's record of a document prints its fields each over its value ("Author:" / "..."), the last
    ("Description:") over the record's paragraphs: that label heads the text, and the cover is read from the
    paragraph under it. A press release's "For immediate
    release:" and a letter's "Dear Minister:" over its paragraphs, with no fields above, stay out of it."""
    record = ("Regional report on youth employment\n\nAuthor:\nInter-American Network for Labor Administration\n\n"
              "Format:\nReport\n\nDescription:\n\n" + _TWO_PARAGRAPHS)
    doc = parse_document(record)
    assert [(p.kind, own_text(record, p)[:12]) for p in doc.provisions][:1] == [(Kind.SECTION, "Description:")]
    assert len(doc.provisions) == 3
    assert doc.metadata.date == "2040-03-04"  # read from the text's opening, under its label
    for cover in ("MINISTRY OF LABOUR\n\nFor immediate release:\n\n", "Office of the Minister\n\nDear Minister:\n\n"):
        text = cover + _TWO_PARAGRAPHS
        assert [own_text(text, p)[:4] for p in parse_document(text).provisions] == ["The ", "They"]


def test_a_memos_subject_field_over_its_letter_heads_nothing() -> None:
    """A memo's header fields each over its value, "Asunto:" last over the subject and the letter under it: the
    field is the memo's, no heading over its paragraphs."""
    text = ("MEMORANDO\nPara:\nMinistras y Ministros de Trabajo\nDe:\nSecretaría Técnica de la CIMT\nAsunto:\n"
            "Convocatoria a la reunión del Grupo de Trabajo 1 que se celebrará en Panamá el 3 de abril de 2024.\n\n"
            "La Secretaría Técnica tiene el agrado de convocar a la reunión del Grupo de Trabajo 1.\n\n"
            "Se adjunta el proyecto de temario.\n")
    assert Kind.SECTION not in {p.kind for p in parse_document(text).provisions}


def test_a_paragraph_a_line_opens_one_though_it_lost_its_first_word() -> None:
    """A news page prints its paragraphs one a line with no blank line between them; one that lost its first word
    ("delegates of ...") after a whole paragraph ended is a paragraph of its own, not that one's wrapped line. In a
    hard-wrapped text a line opening in lower case after one ending on "etc." carries the paragraph on."""
    news = ("MINISTERS AGREE ON A NEW REGIONAL FORUM ON LABOUR INSPECTION\n\n"
            "Lima, 3 March 2040.- The ministers of labour of the region agreed today to set up a standing forum on "
            "labour inspection, which will meet every year and report to the Conference on the state of inspection "
            "services in each member state.\n"
            "The forum will be served by the Technical Secretariat and will draw on the experience of the inspection "
            "services that have already modernised their procedures, their registers and the training of their "
            "inspectors over the last ten years.\n"
            "delegates of the member states stressed the support that the Secretariat has given to the ministries "
            "over the years, and asked it to keep the regional registers of inspections up to date, open to all and "
            "published in the four official languages.\n"
            "The meeting closed with the adoption of a calendar of work for the next two years, which the Chair will "
            "present to the ministers at their next meeting in the region.\n")
    assert [own_text(news, p)[:9] for p in parse_document(news).provisions] == [
        "Lima, 3 M", "The forum", "delegates", "The meeti"]
    wrapped = ("The ministers of labour of the region agreed today to set up a standing forum on\n"
               "labour inspection, which will meet every year in the capitals of the U.S. and\n"
               "the other member states, and report to the Conference on the state of the\n"
               "inspection services, with the support of the ILO, the IDB, the OECD, etc.\n"
               "and of the employers' and workers' organisations of the region, who asked to\n"
               "take part in its work from the first meeting on.\n\n"
               "The forum will be served by the Technical Secretariat and will draw on the\n"
               "experience of the inspection services that have already modernised their work.\n")
    assert [own_text(wrapped, p)[:9] for p in parse_document(wrapped).provisions] == ["The minis", "The forum"]


_DECK_HOST = "1 / 8\n\nMarch 2040\n\nDownload Presentation\n\nPresentation Transcript\n\n"
_DECK_TITLE_SLIDE = "  1. Labour Inspection in the Americas: Progress and challenges March 2040\n\n"


def test_a_slide_repeating_the_decks_title_is_headed_by_it() -> None:
    """A slide host's transcript runs each slide's title into its text; a slide headed by the deck's own title (its
    title slide's, before the subtitle), its words run together or not, is cut after it. A slide whose sentence
    opens with those words is no heading."""
    deck = _DECK_HOST + _DECK_TITLE_SLIDE + (
        "  2. Labour Inspection in the Americas Ministries of the region have strengthened their inspection services "
        "over the last decade • Twelve countries doubled their inspectors\n\n"
        "  3. Labour InspectionintheAmericas The Working Group reviewed the regional guide and the common register of "
        "inspections • The training plan for inspectors\n")
    got = [(p.kind, own_text(deck, p)[:12]) for p in parse_document(deck).provisions if p.kind is not Kind.LIST]
    assert got == [(Kind.SECTION, "Labour Inspe"), (Kind.PARAGRAPH, "Ministries o"), (Kind.ITEM, "• Twelve cou"),
                   (Kind.SECTION, "Labour Inspe"), (Kind.PARAGRAPH, "The Working "), (Kind.ITEM, "• The traini")]
    sentence = _DECK_HOST + _DECK_TITLE_SLIDE + (
        "  2. Labour Inspection in the Americas has improved in twelve countries since the Conference adopted its "
        "plan\n")
    assert [own_text(sentence, p)[:22] for p in parse_document(sentence).provisions] == ["Labour Inspection in t"]


def test_a_diagrams_numbers_before_a_slides_bullets_are_no_text() -> None:
    """A slide host's transcript prints a diagram's numbers, 1, 2 ..., where they stood among the slide's bullets
    ("... above all: 1 • The guide (2038) • The register (2039) 2 • ..."): no part of the text before them. A
    slide's figures after a colon, not so numbered ("Countries: 12 • Inspectors: 5"), are its text."""
    deck = _DECK_HOST + _DECK_TITLE_SLIDE + (
        "  2. Tools The Working Group reviewed three regional instruments, above all: 1 • The regional guide "
        "(2038) • The common register (2039) 2 • The training plan for inspectors\n")
    got = [own_text(deck, p) for p in parse_document(deck).provisions if p.kind is not Kind.LIST]
    assert got[1:] == ["The Working Group reviewed three regional instruments, above all:", "• The regional guide (2038)",
                       "• The common register (2039)", "• The training plan for inspectors"]
    figures = _DECK_HOST + _DECK_TITLE_SLIDE + (
        "  2. Progress in figures • Countries with a register: 12 • Inspectors trained in 2040: 5 • Guides\n")
    got = [own_text(figures, p) for p in parse_document(figures).provisions if p.kind is not Kind.LIST]
    assert got[1:3] == ["• Countries with a register: 12", "• Inspectors trained in 2040: 5"]


def test_reiterating_our_determination_to_act_commits() -> None:
    """A declaration's "Reiteramos a nossa determinação de ..." ("We reiterate our determination to ...",
    "Reafirmamos nuestra determinación de ...") commits its authors; the preamble's "Reiterando nuestra
    determinación de ..." recalls it and commits no one."""
    for said in ("Reiteramos a nossa determinação de ampliar a proteção social aos trabalhadores da economia informal.",
                 "We reiterate our determination to extend social protection to the workers of the informal economy.",
                 "Reafirmamos nuestra determinación de extender la protección social a la economía informal."):
        text = f"1. Los Ministros de Trabajo se reunieron en Lima en marzo de 2040.\n\n2. {said}\n"
        kinds = [p.kind for p in parse_document(text, doc_type=DocType.DECLARATION).provisions]
        assert kinds == [Kind.PARAGRAPH, Kind.MANDATE], said
    preamble = ("1. Los Ministros de Trabajo se reunieron en Lima en marzo de 2040.\n\n2. Reiterando nuestra "
                "determinación de extender la protección social, examinamos los informes de los Grupos de Trabajo.\n")
    kinds = [p.kind for p in parse_document(preamble, doc_type=DocType.DECLARATION).provisions]
    assert kinds == [Kind.PARAGRAPH, Kind.PARAGRAPH]


@pytest.mark.parametrize("reported", [
    "En su intervención, la Ministra afirmó que los países reiteramos nuestra determinación de reducir la "
    "informalidad laboral, y recordó los acuerdos de la Conferencia.",
    "Speaking for the Caribbean, she said that governments reaffirm our determination to end child labour was a "
    "phrase heard often but rarely followed by budgets.",
])
def test_a_speakers_determination_reported_in_a_story_commits_no_one(reported: str) -> None:
    """A news story reporting a speaker's "reiteramos nuestra determinación de ..." inside its own sentence is the
    story's paragraph, not its authors' commitment."""
    text = ("News\nMinisters of Labor meet in Bridgetown\n12 June 2024\n\n"
            "The Minister of Labour opened the meeting with a call for regional cooperation.\n\n"
            f"{reported}\n\nThe meeting closed with a visit to a training centre.\n")
    assert Kind.MANDATE not in {p.kind for p in parse_document(text).provisions}


def test_a_paragraph_in_the_pages_other_language_opens_its_own() -> None:
    """A bilingual page prints its Spanish paragraph hard-wrapped, its last line without a stop, and the English one
    whole on the line under it: two paragraphs, not one. A wrapped Spanish paragraph citing an English title on a
    line of its own keeps it."""
    text = ("Las organizaciones que participan en la Red ofrecen asesoría técnica a los ministerios de\n"
            "trabajo de la región, elaboran guías para la inspección del trabajo en las pequeñas empresas y\n"
            "organizan cada año un taller sobre los registros de inspección, al que asisten los inspectores de\n"
            "los países miembros y los representantes de las organizaciones de trabajadores y de empleadores\n"
            "The Network was set up so that the ministries of labour of the region could share their experience "
            "of inspection with each other and with the workers' and employers' organisations, and it reports to "
            "the Conference on its work every two years.\n")
    assert [own_text(text, p)[:10] for p in parse_document(text).provisions] == ["Las organi", "The Networ"]
    cited = ("Los ministros examinaron el informe de la Secretaría sobre la inspección del trabajo, titulado\n"
             "Labour Inspection in the Americas: the state of the services and the way forward for the ministries\n"
             "y aprobaron sus recomendaciones para el período de dos años que comienza con la próxima Conferencia.\n")
    assert len(parse_document(cited).provisions) == 1


_WORDED_RULES = ("CAPÍTULO PRIMERO\nDe los Miembros de la Comisión\n"
                 "Art. 1. Serán miembros de la Comisión los representantes que designe cada Estado.\n"
                 "Art. 2. Cada miembro acreditará su designación mediante nota de su Misión Permanente.\n"
                 "CAPÍTULO SEGUNDO\nDe las Autoridades\n"
                 "Sección I\nLa Presidencia\n"
                 "Art. 3. La Comisión elegirá a quien la presida por mayoría de sus miembros.\n"
                 "Sección II\nLa Secretaría\n"
                 "Art. 4. La Secretaría Técnica preparará las actas de cada sesión.\n")


def test_a_worded_mark_alone_over_its_title_is_one_heading() -> None:
    """A chapter numbered in words, a section within it and an article, each mark alone on its line over its
    title ("CAPÍTULO SEGUNDO" / "De las Autoridades", "Article 13" / "Voting"): one heading of two lines."""
    doc = parse_document(_WORDED_RULES)
    assert [(p.eid, p.number, own_text(_WORDED_RULES, p)) for p in doc.provisions if p.kind is Kind.SECTION] == [
        ("sec_1", "PRIMERO", "CAPÍTULO PRIMERO\nDe los Miembros de la Comisión"),
        ("sec_2", "SEGUNDO", "CAPÍTULO SEGUNDO\nDe las Autoridades"),
        ("sec_2__subsec_1", "I", "Sección I\nLa Presidencia"), ("sec_2__subsec_2", "II", "Sección II\nLa Secretaría")]
    rules = ("Article 12\nQuorum\n1. Half of the member States shall constitute a quorum for the plenary.\n"
             "2. The Chair may open a session with a third of the member States present.\n"
             "Article 13\nVoting\nDecisions shall be taken by a majority of the member States present and voting.\n")
    assert [(p.eid, own_text(rules, p)) for p in parse_document(rules).provisions if p.kind is Kind.SECTION] == [
        ("sec_12", "Article 12\nQuorum"), ("sec_13", "Article 13\nVoting")]


def test_a_worded_mark_over_a_sentence_or_another_mark_is_no_titled_heading() -> None:
    """An article's mark over its first sentence, a section's over prose wrapped onto the next line, the articles
    a report lists one a line, and a name in a list of names one a line ("ARTICLE 19", an organization) keep their
    lines apart."""
    listed = ("REPORT OF THE DRAFTING GROUP\n\nThe Group examined the proposals of three delegations and agreed to "
              "amend the following provisions of the Rules of Procedure:\n\nArticle 3\nArticle 7\nArticle 12\n\n"
              "It will present the amended text to the Committee at its next session.\n")
    assert [own_text(listed, p) for p in parse_document(listed).provisions][1:4] == [
        "Article 3", "Article 7", "Article 12"]
    statute = ("ESTATUTO\n\nArtículo 5\nLa Comisión se reunirá en forma ordinaria una vez al año.\n\n"
               "Artículo 6\nLas decisiones se adoptarán por mayoría simple de los Estados presentes.\n")
    assert not any("\n" in own_text(statute, p) for p in parse_document(statute).provisions)
    summary = ("SUMMARY OF THE MEETING\n\nSection 2\nThe Working Group met twice in 2040 and heard the reports of\n"
               "its rapporteurs on the two studies it had requested.\n\nSection 3\nThe Chair closed the meeting.\n")
    assert not any(own_text(summary, p).startswith("Section 2\n") for p in parse_document(summary).provisions)
    names = ("LIST OF PARTICIPANTS\n\nThe following organizations of civil society took part in the dialogue held on "
             "the first day of the meeting.\n\nARTICLE 19\nHuman Rights Watch\nAmnesty International\n"
             "Transparency International\n\nThe list was closed on the second day of the meeting.\n")
    assert not any("\n" in own_text(names, p) for p in parse_document(names).provisions)


def test_the_entries_of_an_agenda_are_agenda_items_without_their_times() -> None:
    """The entries under an agenda's name ("ORDEN DEL DÍA" over "- " bullets) or under a paragraph announcing the
    agenda ("The agenda examined by the Committee was the following:" over an indented "1." list) are agenda
    items, though no time is printed before them."""
    minutes = ("MINUTES OF THE FIRST SESSION\n\nThe delegations met in the main hall on the morning of the first day.\n\n"
               "ORDEN DEL DÍA\n- Elección de la Presidencia;\n- Aprobación del calendario de trabajo;\n"
               "- Otros asuntos.\n\nThe Chair opened the session at ten o'clock.\n")
    assert [p.kind for p in parse_document(minutes).provisions if p.kind is not Kind.LIST] == [
        Kind.PARAGRAPH, Kind.SECTION, Kind.AGENDA_ITEM, Kind.AGENDA_ITEM, Kind.AGENDA_ITEM, Kind.PARAGRAPH]
    report = ("1. The Committee met on 4 May 2040 under the chairmanship of the delegate of Chile.\n\n"
              "2. The agenda examined by the Committee was the following:\n\n"
              "  1. Report of the Technical Secretariat.\n  2. Budget of the working groups for 2041.\n"
              "  3. Other business.\n\n3. The Committee adopted its report at the close of the meeting.\n")
    assert [(p.number, p.kind) for p in parse_document(report).provisions] == [
        ("1", Kind.PARAGRAPH), ("2", Kind.PARAGRAPH), ("2(1)", Kind.AGENDA_ITEM), ("2(2)", Kind.AGENDA_ITEM),
        ("2(3)", Kind.AGENDA_ITEM), ("3", Kind.PARAGRAPH)]


def test_a_programme_called_an_agenda_lists_no_agenda_items() -> None:
    """Goals of "the 2030 Agenda", topics under "Hemispheric labour agenda", and the reports a committee heard after
    it adopted its agenda are no agenda's entries."""
    goals = ("The Ministers reviewed the progress of the region.\n\n"
             "The 2030 Agenda for Sustainable Development sets out the following goals for the world of work:\n\n"
             "- Full and productive employment for all;\n- An end to child labour;\n- Safe working environments.\n")
    topics = ("SUMMARY\n\nThe working group held two sessions.\n\nHemispheric labour agenda\n\n"
              "- Decent work for young people;\n- Social dialogue;\n- Labour inspection.\n")
    heard = ("1. The Committee adopted the agenda without changes.\n\n"
             "2. It then heard the reports of the two rapporteurs:\n\n  1. On labour inspection.\n  2. On social security.\n")
    for text in (goals, topics, heard):
        assert Kind.AGENDA_ITEM not in {p.kind for p in parse_document(text).provisions}


def test_sentences_on_how_a_meeting_runs_under_its_agenda_heading_are_no_entries() -> None:
    """A concept note's "II. AGENDA" part telling how the meeting will run, its bullets sentences ("Interpretation
    will be provided ..."), lists no entries of the agenda."""
    text = ("CONCEPT NOTE\nRegional Dialogue on the Future of Work\n\nI. BACKGROUND\n\n"
            "The dialogue follows the mandate of the XXI IACML.\n\nII. AGENDA\n\n"
            "The agenda will be circulated two weeks before the meeting. The following points apply:\n"
            "• Each session will open with a short presentation by a delegation.\n"
            "• Interpretation will be provided in English and Spanish.\n"
            "• Delegations are invited to send their questions in advance.\n\n"
            "III. PARTICIPANTS\n\nMinistries of labor of the member States.\n")
    assert Kind.AGENDA_ITEM not in {p.kind for p in parse_document(text).provisions}


_ONE_COLUMN_TABLE = (
    "REGIONAL LABOUR FORUM: Final Report - OAS\n\n\n| |\n\n| REGIONAL LABOUR FORUM: Final Report |\n\n"
    "|Held on 2-3 June 2040 in Bridgetown, Barbados; the final report of the Forum follows: |\n\n"
    "|I. BACKGROUND |\n\n"
    "|The Forum was set up by the ministers of the subregion to compare the way their employment services |\n\n"
    "|work with employers, and it meets once every two years. |\n\n"
    "|II. PARTICIPANTS |\n\n"
    "|Delegations of eleven member states took part, with observers of the employers and of the workers. |\n")


def test_a_word_processors_one_column_table_is_read_as_the_text_it_frames() -> None:
    """A report saved from a word processor as a table of one column, each line a row between cell bars and a blank
    line between rows (no rule under a header row): its headings and paragraphs, a paragraph wrapped over rows."""
    doc = parse_document(_ONE_COLUMN_TABLE)
    assert [(p.kind, own_text(_ONE_COLUMN_TABLE, p)[:16]) for p in doc.provisions] == [
        (Kind.PARAGRAPH, "Held on 2-3 June"), (Kind.SECTION, "I. BACKGROUND"), (Kind.PARAGRAPH, "The Forum was se"),
        (Kind.SECTION, "II. PARTICIPANTS"), (Kind.PARAGRAPH, "Delegations of e")]
    assert own_text(_ONE_COLUMN_TABLE, doc.provisions[2]).endswith("once every two years.")


def test_a_one_column_table_under_its_header_rule_stays_a_table() -> None:
    """A table of one column with its header row over a rule ("| Delegation |" / "|---|") is a table still."""
    text = ("DELEGATIONS\n\nThe following delegations registered for the meeting.\n\n"
            "| Delegation |\n|---|\n| Argentina |\n| Barbados |\n| Chile |\n| Colombia |\n| Peru |\n| Uruguay |\n")
    assert own_text(text, parse_document(text).provisions[-1]).startswith("| Delegation |\n|---|")


def test_lines_under_an_agenda_heading_that_lost_their_numbers_are_agenda_items() -> None:
    """Under "III. AGENDA" the entries printed without their numbers, one a line and no sentence, are agenda items;
    a sentence under it (the agenda adopted), a field, and short lines under a programme named "Agenda 2030" are
    not."""
    text = ("REPORT OF THE MEETING\n\nII. PLACE AND DATE\n\nThe Committee met in Bridgetown on 2 and 3 June 2040.\n\n"
            "III. AGENDA\n\nThe Committee adopted its agenda without amendment.\n\nDocument: CIP/doc.3/40\n\n"
            "Election of the Chair and Vice-Chair\n\nReport of the Technical Secretariat, 2039-2040\n\n"
            "Date and place of the next meeting\n")
    assert [(p.kind, own_text(text, p)[:12]) for p in parse_document(text).provisions][-5:] == [
        (Kind.PARAGRAPH, "The Committe"), (Kind.PARAGRAPH, "Document: CI"), (Kind.AGENDA_ITEM, "Election of "),
        (Kind.AGENDA_ITEM, "Report of th"), (Kind.AGENDA_ITEM, "Date and pla")]
    goals = ("SUMMARY OF THE FORUM\n\nThe Forum reviewed the progress of the region towards its goals.\n\n"
             "Agenda 2030\n\nDecent work for all\n\nAn end to child labour\n")
    assert Kind.AGENDA_ITEM not in {p.kind for p in parse_document(goals).provisions}


def test_a_sentence_that_lost_its_stop_under_an_agenda_heading_is_no_entry() -> None:
    """Under "I. AGENDA" a line telling what was done ("..., which was adopted without changes"), its stop lost,
    is a paragraph of the summary, not an entry of the agenda."""
    text = ("SUMMARY OF THE MEETING\nVirtual meeting of the Working Group on Social Dialogue\n5 May 2023\n\n"
            "I. AGENDA\n\nThe Chair presented the draft agenda, which was adopted without changes\n\n"
            "II. DISCUSSION\n\n1. The delegation of Chile described its new tripartite council.\n")
    found = [(p.kind, own_text(text, p)[:9]) for p in parse_document(text).provisions if p.kind is not Kind.SECTION]
    assert found == [(Kind.PARAGRAPH, "The Chair"), (Kind.PARAGRAPH, "1. The de")]


_LETTERED_CONTENTS = (
    "REPORT OF THE WORKING GROUP ON LABOUR MIGRATION\n\nContents\n\n1. Introduction\n1.a Scope of the review\n"
    "1.b Sources consulted\n2. Findings\n2.a Recognition of skills across borders. How the ministries compare the "
    "certificates of migrant workers with their own and what each asks of the worker who applies\n"
    "2.b Portability of social security. Agreements in force and the gaps left between them\n3. Conclusion\n\n"
    "REPORT OF THE WORKING GROUP ON LABOUR MIGRATION\n\n1. Introduction\n\n1.a Scope of the review\n\n"
    "The Working Group presents the results of the review it was asked to carry out at the last meeting.\n")


def test_a_contents_with_long_lettered_entries_runs_to_the_parts_printed_again() -> None:
    """A table of contents of numbered parts and lettered subparts ("2.a ..." long enough for prose, over "2.b"):
    the table runs to its last entry, and the body begins with the part and subpart headings printed again under
    it ("1. Introduction" / "1.a Scope of the review")."""
    doc = parse_document(_LETTERED_CONTENTS)
    assert [(p.kind, own_text(_LETTERED_CONTENTS, p)[:18]) for p in doc.provisions] == [
        (Kind.SECTION, "1. Introduction"), (Kind.SECTION, "1.a Scope of the r"), (Kind.PARAGRAPH, "The Working Group ")]


def test_a_long_lettered_line_under_contents_not_followed_by_its_sibling_is_prose() -> None:
    """Under a contents, a long line opening "1.a" that no "1.b" follows is the body's first paragraph."""
    text = ("SUMMARY OF THE MEETING\n\nContents\n\n1. Opening\n1.a Welcome\n2. Reports\n\n"
            "1.a The delegation of Chile presented the progress of its national employment plan, which the ministry "
            "launched in March with the support of the employers and the workers of the country.\n\n"
            "The Chair thanked the delegation for its presentation and opened the floor.\n")
    assert first_words(text) == ["1.a", "The"]


def test_a_council_documents_distribution_note_is_cover() -> None:
    """Under a Permanent Council document's cover, the note that the report is being distributed to the permanent
    missions, and the lines under it (the Organization, who prepared it), are cover; the body begins with its
    "Executive Summary" heading. A first paragraph that speaks of the missions without sending itself to them is
    the body's."""
    text = ("OEA/Ser.G\nCP/doc. 5120/40\n3 March 2040\nOriginal: English\n\n"
            "ANNUAL REPORT OF THE INTER-AMERICAN COMMITTEE ON PORTS TO THE GENERAL ASSEMBLY\n\n"
            "This report is being distributed to the permanent missions and will then be presented to the Permanent "
            "Council.\n\nOrganization of American States\n\nPrepared by the Technical Secretariat\n\n"
            "Executive Summary\n\nIn 2040 the Committee held its regular meeting and two meetings of its Executive "
            "Board.\n\nIts technical groups completed three studies on the safety of port workers.\n")
    assert first_words(text) == ["Executive", "In", "Its"]
    review = ("OEA/Ser.G\nCP/doc. 5121/40\n3 March 2040\n\nREPORT ON THE WORK OF THE COUNCIL\n\n"
              "This report reviews how the permanent missions took part in the work of the Council during 2040.\n\n"
              "The missions attended forty meetings and presented twelve draft resolutions.\n")
    assert first_words(review) == ["This", "The"]


def test_a_chapters_word_stays_with_its_numeral_and_title() -> None:
    """A chapter's heading with its word, numeral and title on one line ("CAPÍTULO I. PARTICIPANTES"), alone or in a
    text glued onto one line, is one heading numbered by its numeral; a line citing a chapter in a sentence is not."""
    glued = ("1 REGLAMENTO DE LA COMISIÓN Preámbulo La Comisión adopta el presente reglamento conforme a su Estatuto. "
             "Artículo 1. La Comisión se reúne cada año en su sede. CAPÍTULO I. PARTICIPANTES Artículo 2. Cada gobierno "
             "acredita a su delegación mediante nota escrita dirigida a la Secretaría. Artículo 3. Las delegaciones "
             "podrán contar con asesores.\n")
    heads = [p for p in parse_document(glued).provisions if p.kind is Kind.SECTION]
    assert [(own_text(glued, p), p.number) for p in heads] == [("CAPÍTULO I. PARTICIPANTES", "I")]
    cited = ("SUMMARY\n\nThe Committee met on 4 May 2040.\n\n"
             "Chapter II. The Committee examined the report of its Secretariat and approved it.\n")
    assert Kind.SECTION not in {p.kind for p in parse_document(cited).provisions}


HOSTED_PREVIEW = (
    "12\n"
    "MINISTERIO DE TRABAJO 57 Capítulo IV * Asesora de la Dirección de Relaciones Internacionales. Las opiniones "
    "aquí expresadas son de la autora y no comprometen al Ministerio. La cooperación laboral en el Caribe ...\n\n"
    "  • Upload\n    others\n\n  • View\n    14\n\n  • Download\n    0\n\n"
    "Embed Size (px)\n\nCitation preview\n\n"
    "La cooperación laboral en el Caribe\n\n"
    "El capítulo describe cómo los ministerios de trabajo de la subregión han compartido sus experiencias de "
    "inspección y de formación profesional durante la última década.\n")


def test_a_hosts_summary_and_buttons_over_its_citation_preview_are_no_part_of_the_text() -> None:
    parts = [p for p in parse_document(HOSTED_PREVIEW).provisions if p.kind is not Kind.LIST]
    assert all(p.start > HOSTED_PREVIEW.index("Citation preview") for p in parts)
    assert [own_text(HOSTED_PREVIEW, p)[:20] for p in parts] == ["El capítulo describe"]


# A library's guide whose heading reads "Citation preview", with no frame-size field over it: the steps above
# it are the guide's text.
LIBRARY_GUIDE = (
    "How to cite a document of the Virtual Library\n\n"
    "1. Open the record of the document you wish to cite and check that its edition is the one you read.\n\n"
    "2. Choose the citation style your ministry or journal requires from the list under the title.\n\n"
    "Citation preview\n\n"
    "The preview shows the reference as it will be printed, with the document symbol and date of the meeting.\n")


def test_a_guides_heading_citation_preview_leaves_the_text_above_it() -> None:
    found = [own_text(LIBRARY_GUIDE, p)[:9] for p in parse_document(LIBRARY_GUIDE).provisions
             if p.kind is not Kind.LIST]
    assert found[:2] == ["1. Open t", "2. Choose"]


# A host's transcript of a typed report, a blank line between every two lines: a line ending on a capitalised
# word ("... the Regional Labour" / "Forum, ...") carries its paragraph on like any other.
SPACED_TRANSCRIPT = (
    "report of the subregional labour forum · officials of the labour ministries, with...\n\n"
    "38\n,, ILO SUBREGIONAL OFFICE Report of the Subregional Labour Forum Castries Saint Lucia 10-11 March, 2040\n\n"
    "Upload: others\n\n4 views\n\nTRANSCRIPT\n\n"
    "Page 1: Report of the Subregional Labour Forum · officials of the labour ministries, with delegates\n\n"
    "ILO SUBREGIONAL OFFICE\n\nReport of the Subregional Labour Forum\n\nCastries Saint Lucia\n\n10-11 March, 2040\n\n"
    "Page 2: Report of the Subregional Labour Forum · officials of the labour ministries, with delegates\n\n"
    "REPORT\n\n"
    "The Labour Ministers of the islands met at the\n\n"
    "request of the Subregional Office, with the help of\n\n"
    "the Forum Secretariat, in Castries, at the Harbour\n\n"
    "Centre, on 10-11 March, 2040.\n\n"
    "2. It was the Subregional Office that suggested it,\n\n"
    "in answer to a request of the committee of Ministers\n\n"
    "at its ninth session: that the Ministers should meet\n\n"
    "every year and agree a common position for the coming\n\n"
    "session of the International Labour\n\n"
    "Conference, so that their Ministries could speak with\n\n"
    "one voice on the questions before it.\n")


def test_a_transcript_wrapped_a_blank_line_apart_keeps_each_paragraph_whole() -> None:
    found = [own_text(SPACED_TRANSCRIPT, p) for p in parse_document(SPACED_TRANSCRIPT).provisions
             if p.kind is not Kind.LIST]
    assert [text[:16] for text in found] == ["The Labour Minis", "2. It was the Su"]
    assert found[0].endswith("on 10-11 March, 2040.")
    assert found[1].endswith("on the questions before it.")


# Lines a blank line apart that are no wrapped paragraph: in such a transcript, a heading in title case over its
# paragraph, and a paragraph ending a sentence at a line's end over the next; a resolution's clauses, one a line.
SPACED_HEADINGS = (
    "report of the subregional labour forum · officials of the labour ministries, with...\n\n"
    "TRANSCRIPT\n\n"
    "The Labour Ministers of the eastern islands met at the request\n\n"
    "of the Subregional Office, together with the Secretariat of the\n\n"
    "Regional Forum, in Castries, on 10-11 March, 2040, and heard\n\n"
    "the reports of the countries on their employment services.\n\n"
    "Conclusions of the Subregional Labour Forum on Young Workers\n\n"
    "The Ministers agreed that the young workers of the islands need\n\n"
    "training that leads to work, and asked the Office for its help.\n\n"
    "They also agreed to meet again in the first months of the year\n\n"
    "to review the progress of the plan in each of their countries.\n")


@pytest.mark.parametrize(("text", "first_words"), [
    (SPACED_HEADINGS, ["The", "Conclusions", "The", "They"]),
    ("THE PERMANENT COUNCIL,\n\nCONSIDERING:\n\n"
     "That the Commission has worked for the rights of women workers of the region since it was founded,\n\n"
     "That its proposals opened the way to the conventions on the civil and political rights of women,\n\n"
     "That it has encouraged the member states to bring equality into their plans and budgets,\n\n"
     "That its eightieth anniversary falls in the year in which the Council meets in Washington,\n\n"
     "RESOLVES:\n\n1. To congratulate the Commission on its anniversary.\n",
     ["THE", "CONSIDERING:", "That", "That", "That", "That", "RESOLVES:", "1."]),
])
def test_lines_a_blank_line_apart_that_are_no_wrapped_paragraph_stay_apart(text: str, first_words: list[str]) -> None:
    assert first_words_of(text) == first_words


def first_words_of(text: str) -> list[str]:
    return [own_text(text, p).split()[0] for p in parse_document(text).provisions if p.kind is not Kind.LIST]


# A book's chapter as a host previews it: the chapter's mark alone over its contents' heading ("IV" / "SUMARIO"),
# the entries one a line, then the first entry printed again over its text.
CHAPTER_CONTENTS = (
    "TRIBUNAL DEL TRABAJO\n\n88Capítulo IV\n\n"
    "La Organización de Estados del Caribe Oriental (OECO)\n\nMarta LÓPEZ SIERRA\n\n"
    "IV\n\nSUMARIO\n\n1. INTRODUCCIÓN.\n\n2. EL TRATADO DE BASSETERRE.\n\n3. LA MOVILIDAD DE LOS TRABAJADORES.\n\n"
    "3.1. Libre circulación.\n\n3.2. Seguridad social.\n\n"
    "1. INTRODUCCIÓN\n\n"
    "La Organización nació en 1981 para coordinar las políticas de sus Estados miembros, y desde 2010 sus "
    "trabajadores circulan libremente entre las islas con los mismos derechos que los nacionales de cada una.\n")

# A report's part headed "Sumario" (its summary) under the part's mark: its prose is the text.
SUMMARY_PART = (
    "INFORME DE LA MISIÓN TÉCNICA\n\n"
    "I\n\nSUMARIO\n\n"
    "La misión visitó los servicios de inspección de tres ministerios y recogió la opinión de los trabajadores y de los "
    "empleadores sobre la aplicación de las normas de seguridad en el trabajo durante los dos últimos años.\n\n"
    "II\n\nRECOMENDACIONES\n\n1. Reforzar la formación de los inspectores.\n\n2. Publicar un informe anual.\n")


def test_a_chapters_contents_under_its_mark_alone_are_no_part_of_the_text() -> None:
    assert first_words_of(CHAPTER_CONTENTS) == ["1.", "La"]


def test_a_part_headed_sumario_over_its_prose_is_the_text() -> None:
    assert first_words_of(SUMMARY_PART) == ["I", "La", "II", "1.", "2."]


def test_a_part_headed_sumario_over_a_sub_heading_and_its_prose_is_the_text() -> None:
    """A Working Group report's part headed "Sumario" under its mark, a sub-heading ("Antecedentes") over the part's
    prose: the text, not a table of contents swallowing the report."""
    text = ("INFORME DEL GRUPO DE TRABAJO 1\n\nII\nSUMARIO\n\nAntecedentes\n\n"
            "El Grupo de Trabajo se reunió en Lima los días 3 y 4 de mayo de 2040 con la presencia de dieciséis "
            "delegaciones.\n\nLas delegaciones aprobaron el plan de trabajo con los cambios propuestos por Chile.\n\n"
            "Conclusiones\n\n1. La inspección del trabajo necesita más recursos.\n\n"
            "2. La Red debe mantener su cartera de cooperación.\n")
    assert first_words_of(text) == ["II", "Antecedentes", "El", "Las", "Conclusiones", "1.", "2."]


# A paper's contents whose first entry joins a heading and its sub-heading ("Introducción. El diálogo social ..."),
# printed again further on over two lines, where the text begins.
_SPLIT_ENTRY_CONTENTS = (
    "EL DIÁLOGO SOCIAL EN EL CARIBE\n\n                    por\n\n              Ana Pérez Ruiz\n\n"
    "                    SUMARIO\n\n"
    "   Introducción. El diálogo social en la subregión.\n\n"
    "   1. Los consejos económicos y sociales.\n\n"
    "   2. La negociación colectiva en el sector público.\n\n"
    "   Conclusiones\n\n")
SPLIT_ENTRY = (
    _SPLIT_ENTRY_CONTENTS + "                    1\n"
    "                         Introducción\n\n"
    "              El diálogo social en la subregión\n\n"
    "        Los países de la subregión han creado en los últimos veinte años órganos en los que el gobierno, los "
    "sindicatos y los empleadores examinan juntos las políticas de empleo y de salarios, con resultados muy "
    "distintos de un país a otro.\n")
# The first entry's heading alone in the contents, no sub-heading under it: still an entry.
SPLIT_ENTRY_LISTED = _SPLIT_ENTRY_CONTENTS.replace("   Conclusiones\n\n", "   Introducción\n\n   Conclusiones\n\n") + (
    "        Los países de la subregión han creado en los últimos veinte años órganos en los que el gobierno, los "
    "sindicatos y los empleadores examinan juntos las políticas de empleo y de salarios, con resultados muy "
    "distintos de un país a otro.\n")


def test_a_contents_first_entry_printed_again_over_two_lines_begins_the_text() -> None:
    assert first_words_of(SPLIT_ENTRY) == ["Introducción", "El", "Los"]


def test_the_first_entrys_heading_alone_in_the_contents_is_an_entry() -> None:
    assert first_words_of(SPLIT_ENTRY_LISTED) == ["Los"]


# A news agency's advisory: its banner, the series' tag, the headline and a long standfirst of one sentence over
# the dateline ("KINGSTON - ..."), where the story begins.
_ADVISORY_TAIL = (
    "Press release | 3 May 2041\n"
    "KINGSTON - Ministries of labour, trade unions and employers' organizations of the Caribbean will meet next "
    "week in Kingston to agree on a plan for the young workers of the subregion.\n\n"
    "The meeting will open on Tuesday with an address by the Prime Minister of Jamaica.\n")
NEWS_ADVISORY = (
    "This story was written by the Newsroom of the Office. For official statements, please visit our Speeches page.\n\n"
    "Caribbean Labour Forum\n\n"
    "Office to host the Caribbean Labour Forum in Kingston, Jamaica\n\n"
    "Delegations of the governments, trade unions and employers of fourteen countries gather in the Jamaican capital "
    "next week for three days of tripartite debate on the jobs of young people.\n\n" + _ADVISORY_TAIL)
# The same, with a paragraph of two sentences over the dateline: it is the story's, which begins there.
NEWS_PARAGRAPH_FIRST = (
    "Caribbean Labour Forum\n\n"
    "The Ministers of Labour of the Caribbean met last year in Bridgetown and asked the Office to call a forum on "
    "youth employment. The forum was planned over the winter with the help of the Secretariat and of the unions.\n\n"
    + _ADVISORY_TAIL.split("\n", 1)[1])


def test_a_news_storys_long_standfirst_over_its_dateline_is_no_part_of_the_story() -> None:
    assert first_words_of(NEWS_ADVISORY) == ["KINGSTON", "The"]


def test_a_paragraph_of_two_sentences_over_a_dateline_is_the_storys() -> None:
    assert first_words_of(NEWS_PARAGRAPH_FIRST) == ["The", "KINGSTON", "The"]


# A press office's page: the headline and the speech's title over its date printed in figures (month first), then
# the speech.
SPEECH_PAGE = (
    "...PRENSA\n\n\n"
    "El Comité recibe a los dirigentes de las centrales sindicales del Caribe\n"
    "Palabras del Embajador de Chile para recibir a los dirigentes de la Confederación de Trabajadores del Caribe y "
    "del Consejo Consultivo Laboral de la Comunidad del Caribe\n"
    "5/14/2041\n\n"
    "Quiero agradecer a los dirigentes de las centrales sindicales del Caribe su visita a esta casa, que es también la "
    "suya, y el interés con que siguen nuestro trabajo.\n\n"
    "Sean ustedes bienvenidos.\n")
# A date in figures under a paragraph ending its sentence: the paragraph is the text's.
DATED_NOTE = (
    "The Working Group adopted the schedule of its next meeting, to be held in Kingston.\n\n"
    "6/20/2041\n\n"
    "The report of the meeting will be sent to the delegations one month before the Conference.\n")


def test_a_date_in_figures_under_a_headline_is_the_cover() -> None:
    assert first_words_of(SPEECH_PAGE) == ["Quiero", "Sean"]


def test_a_date_in_figures_under_a_paragraph_leaves_it_the_texts() -> None:
    assert first_words_of(DATED_NOTE)[0] == "The"


# A decision's subject wrapped over two lines over its preamble, under a gazette's contents and without them.
_WRAPPED_SUBJECT_TEXT = (
    "DECISION 712\nArmonización de los registros de empleo de los Países Miembros\n"
    "EL CONSEJO CENTROAMERICANO DE MINISTROS DE\nTRABAJO Y PREVISIÓN SOCIAL,\n"
    "VISTOS: Los acuerdos de la reunión anterior y el informe de la Secretaría sobre los registros\n"
    "de empleo de los Países Miembros;\n"
    "CONSIDERANDO: Que los registros de empleo de la región deben ser comparables entre sí;\n")
WRAPPED_SUBJECT = "GACETA OFICIAL\n\n" + _WRAPPED_SUBJECT_TEXT
WRAPPED_SUBJECT_UNDER_CONTENTS = (
    "GACETA OFICIAL\nSUMARIO\nPág.\nDecisión 712.-\nArmonización de los registros de empleo de los Países Miembros "
    "....................\n1\nDecisión 713.-\nCreación del Comité de Estadísticas Laborales ...........................\n"
    "4\n" + _WRAPPED_SUBJECT_TEXT)
# A cover's title in capitals wrapped on a preposition, with no comma ending it: no subject.
WRAPPED_TITLE = (
    "EL CONSEJO DE MINISTROS DE\nTRABAJO DEL CARIBE\n\nINFORME ANUAL 2040\n\n"
    "El Consejo se reunió dos veces durante el año y aprobó el programa de trabajo de sus comités técnicos.\n")


@pytest.mark.parametrize("text", [WRAPPED_SUBJECT, WRAPPED_SUBJECT_UNDER_CONTENTS])
def test_a_resolutions_subject_wrapped_over_two_lines_opens_the_text(text: str) -> None:
    assert first_words_of(text) == ["EL", "VISTOS:", "CONSIDERANDO:"]


def test_a_titles_capitals_wrapped_on_a_preposition_are_the_cover() -> None:
    assert first_words_of(WRAPPED_TITLE) == ["El"]


_FRENCH_PLAN = (
    "QUATRIÈME SOMMET DES AMÉRIQUES\nLima - 3-5 mai 2040\nPlan d'Action\n\n"
    "Pour rendre le travail plus digne et la croissance mieux partagée, nos gouvernements vont:\n\n"
    "1. UN EMPLOI DE QUALITÉ POUR TOUS\n\nFormation professionnelle\n\n"
    "Conscients que la formation tout au long de la vie ouvre la voie à un emploi de qualité et que les ministères "
    "du travail en sont les premiers garants:\n\n"
    "Renforcer les services publics de l'emploi et leurs liens avec les centres de formation de chaque pays;\n\n"
    "Établir avec les employeurs et les syndicats des normes de compétences reconnues dans toute la région;\n\n"
    "Les gouvernements:\n\n"
    "• Examineront avec les partenaires sociaux les moyens d'étendre l'apprentissage aux petites entreprises.\n")
_PORTUGUESE_PLAN = (
    "QUARTA CÚPULA DAS AMÉRICAS\nLima, 3-5 de maio de 2040\nPlano de Ação\n\n"
    "Para tornar o trabalho mais digno e o crescimento mais bem repartido, nossos governos irão:\n\n"
    "1. UM EMPREGO DE QUALIDADE PARA TODOS\n\n"
    "Reconhecendo que a formação ao longo da vida abre caminho a um emprego de qualidade e que os ministérios do "
    "trabalho são os seus primeiros garantes:\n\n"
    "Fortalecer os serviços públicos de emprego e os seus vínculos com os centros de formação do país;\n\n"
    "Seguir ampliando, com os empregadores e os sindicatos, o reconhecimento mútuo das competências dos "
    "trabalhadores em toda a região, também pela via do diálogo social;\n")


def test_a_french_or_portuguese_plans_infinitives_and_lead_in_are_its_mandates() -> None:
    """A Plan of Action in French or Portuguese: its paragraphs opening on an infinitive of action ("Établir ...",
    "Seguir ampliando ...") are mandates, as in Spanish, and so are its enacting words ending on the governments'
    modal ("nos gouvernements vont:", "nossos governos irão:") and the governments alone over the items whose verb
    they are the subject of ("Les gouvernements:" / "• Examineront ..."); the chapeau ("Conscients que ...:",
    "Reconhecendo que ...:") stays a paragraph."""
    for text, language in ((_FRENCH_PLAN, "fr"), (_PORTUGUESE_PLAN, "pt")):
        doc = parse_document(text)
        assert (doc.metadata.type, doc.metadata.language) == ("PlanOfAction", language)
        kinds = [(own_text(text, p).split()[0], p.kind) for p in doc.provisions if p.kind is not Kind.LIST]
        assert [word for word, kind in kinds if kind is Kind.MANDATE] == (
            ["Pour", "Renforcer", "Établir", "Les", "•"] if language == "fr" else ["Para", "Fortalecer", "Seguir"])
        assert [word for word, kind in kinds if kind is Kind.PARAGRAPH] == (
            ["Conscients"] if language == "fr" else ["Reconhecendo"])


def test_french_and_portuguese_words_ending_as_infinitives_do_not_open_mandates() -> None:
    """In a French or Portuguese declaration, a paragraph opening on a word ending as an infinitive does ("Notre",
    "Entre", "Premier", "Lugar", "Qualquer"), nor does one opening on an infinitive that only states ("Réaffirmer
    ...", "Reconhecer ...") or is the subject of its sentence ("Renforcer le dialogue social est ...")."""
    french = ("DÉCLARATION DE LIMA\n\nNous, les Ministres du Travail des Amériques, réunis à Lima les 3 et 4 mai 2040:\n\n"
              "Notre région a connu une décennie de croissance inégale, dont les travailleurs informels ont peu "
              "profité.\n\n"
              "Entre 2030 et 2040, le chômage des jeunes a doublé dans plusieurs pays de la région.\n\n"
              "Réaffirmer notre attachement aux principes de la Déclaration de l'OIT demeure notre première tâche.\n\n"
              "Renforcer le dialogue social est une priorité pour tous les gouvernements de la région.\n\n"
              "Premier enseignement de la crise: la protection sociale doit couvrir tous les travailleurs.\n")
    portuguese = ("DECLARAÇÃO DE BRASÍLIA\n\nNós, os Ministros do Trabalho das Américas, reunidos em Brasília:\n\n"
                  "Reconhecer o papel do diálogo social foi o ponto de partida dos debates.\n\n"
                  "Lugar de destaque coube às experiências dos serviços públicos de emprego.\n\n"
                  "Qualquer reforma deve preservar os direitos dos trabalhadores.\n\n"
                  "Fortalecer os serviços públicos de emprego e a inspeção do trabalho em toda a região.\n")
    for text in (french, portuguese):
        doc = parse_document(text)
        assert doc.metadata.type == "Declaration"
        mandates = [own_text(text, p).split()[0] for p in doc.provisions if p.kind is Kind.MANDATE]
        assert mandates == ([] if text is french else ["Fortalecer"])


def test_french_and_portuguese_adverbs_and_numerals_ending_as_infinitives_open_no_mandates() -> None:
    """A declaration's considering paragraphs opening on a numeral, an adverb or a preposition that ends as an
    infinitive does ("Quatre ans après ...", "Encore aujourd'hui, ...", "Apesar dos avanços, ...") state, they do
    not mandate; the infinitives under the signatories' decision still do."""
    french = ("DÉCLARATION DE PORT-AU-PRINCE\n\nNous, les Ministres du Travail des Amériques, réunis en 2040,\n\n"
              "Quatre ans après l'adoption du Plan d'action de Lima, des progrès importants ont été accomplis.\n\n"
              "Encore aujourd'hui, trop de travailleurs restent en dehors de toute protection sociale.\n\n"
              "Décidons:\n\n1. Renforcer les systèmes d'inspection du travail.\n")
    portuguese = ("DECLARAÇÃO DE MAPUTO\n\nNós, os Ministros do Trabalho das Américas, reunidos em 2040,\n\n"
                  "Apesar dos avanços alcançados, persistem altos níveis de informalidade na região.\n\n"
                  "Decidimos:\n\n1. Fortalecer os sistemas de inspeção do trabalho.\n")
    for text, acts in ((french, ["Renforcer"]), (portuguese, ["Fortalecer"])):
        doc = parse_document(text)
        assert [p.text.split()[0] for p in doc.provisions if p.kind is Kind.MANDATE] == acts


def test_a_letters_parenthesis_glued_to_its_items_first_word_marks_the_item() -> None:
    """A report whose conversion dropped the space after each letter ("a)To draw up ..."): each is a lettered
    item after the article's lead-in, not one paragraph with it; a letter's stop glued to a word ("j.Martinez", an
    address) marks nothing."""
    text = ("ANNUAL REPORT OF THE COUNCIL\n\n"
            "The present report gives an account of the work the Council did in the year between the two regular "
            "sessions of the General Assembly.\n\n"
            "Article 5 of its Statutes gives the Council the following functions:\n\n"
            "a)To prepare the Strategic Plan and submit it to the General Assembly.\n\n"
            "b)To propose ways of strengthening cooperation among the member states.\n\n"
            "Contacts for the report:\n\nj.Martinez@council.example.org\n\nm.Lopez@council.example.org\n")
    doc = parse_document(text)
    lettered = [(p.kind, p.number, own_text(text, p)[:12]) for p in doc.provisions if p.number]
    assert lettered == [(Kind.ITEM, "(a)", "a)To prepare"), (Kind.ITEM, "(b)", "b)To propose")]
    assert own_text(text, by_eid(doc)["al_2"]).endswith("the following functions:")
    assert not [p for p in doc.provisions if own_text(text, p).startswith(("j.", "m."))
                and p.number is not None]


def test_a_french_part_heading_under_the_pages_number_opens_the_body() -> None:
    """A French declaration as a document host stores it: its cover, the page's number alone, then "Préambule" over
    the numbered paragraphs: the part's heading opens the body (a page's number is no entry of a site's menu); the
    last entry of a menu of short entries ("Accueil", "Actualités", "Contexte") stays out of it."""
    text = ("CINQUIÈME SOMMET DES AMÉRIQUES\n\nle 19 avril 2040\n\nDÉCLARATION D'ENGAGEMENT DE LIMA\n\n"
            "OEA/Ser.E\nOriginal: anglais\n\n2\n\nPréambule\n\n"
            "1. Nous, les Chefs d'État et de gouvernement des Amériques, réunis à Lima, renouvelons notre engagement "
            "envers la démocratie.\n\n"
            "2. Nous restons fidèles aux principes de la Charte de l'Organisation des États Américains.\n")
    assert [(p.kind, own_text(text, p)[:9]) for p in parse_document(text).provisions] == [
        (Kind.SECTION, "Préambule"), (Kind.PARAGRAPH, "1. Nous, "), (Kind.PARAGRAPH, "2. Nous r")]
    page = ("Accueil\nActualités\nContexte\n\nLes ministres du Travail des Amériques se sont réunis à Lima pour faire "
            "le point sur l'emploi des jeunes dans la région.\n")
    assert first_words(page) == ["Les"]


def test_a_news_sites_empty_box_of_related_stories_is_no_text() -> None:
    """A news site's theme printing "No posts to display" under a story (its box of related stories, empty): no
    paragraph of the story; a sentence of the story saying so in its own words stays one."""
    text = ("Ministers of Labour meet in Kingston\n\n"
            "Ministers responsible for labour met in Kingston on March 3rd for the second meeting of their Council.\n\n"
            "They agreed on a common approach to the recognition of skills across the region.\n\n"
            "No posts to display\n\n"
            "No posts to display on the Council's page were found by the delegates before the meeting.\n")
    assert first_words(text) == ["Ministers", "They", "No"]


def test_an_en_dash_before_lower_case_under_dashed_items_is_an_item_the_host_cut() -> None:
    """A story's list of decisions, each after an en dash, one of them cut in two by the host, its second half
    after a blank line and its own dash ("Closer ties with the ministries for more" / "student exchanges
    ..."): an item of the list; an en dash before lower case under a paragraph is no item."""
    text = ("Ministers of Labour meet in Kingston\n\n"
            "Ministers responsible for labour met in Kingston on March 3rd for the second meeting of their Council.\n\n"
            "The main decisions taken at the meeting include:\n\n"
            "– Setting common rules for the recognition of skills\n\n"
            "– Closer ties with the ministries of education for more\n\n"
            "– student and teacher exchanges across the region\n\n"
            "The Council will meet again next year in the Bahamas, under the chair of its Minister of Labour\n\n"
            "– and of the Minister of Education, who will host the meeting.\n")
    doc = parse_document(text)
    assert [own_text(text, p).split()[1] for p in doc.provisions if p.kind is Kind.ITEM] == [
        "Setting", "Closer", "student"]
    assert not [p for p in doc.provisions if p.kind is Kind.ITEM and "and of the" in own_text(text, p)]


def test_a_lead_ins_last_sentence_announcing_conclusions_makes_its_items_findings() -> None:
    """A press release whose paragraph ends announcing the study's conclusions ("Entre las conclusiones del estudio
    se destacan las siguientes:") over bullets, a report's "reached the following conclusions:" over numbers: the
    items are findings; not those of a lead-in naming something else after the conclusions (the speakers who
    presented them), nor a declaration's paragraphs after "las siguientes conclusiones:"."""
    page = ("Comunicado de Prensa\n\nLa OEA presenta un estudio sobre el empleo juvenil\n\n"
            "La OEA presentó hoy un estudio sobre el empleo de los jóvenes en la región, preparado con la OIT. Entre "
            "las conclusiones del estudio se destacan las siguientes:\n\n"
            "• Los servicios públicos de empleo llegan a pocos jóvenes de las zonas rurales.\n\n"
            "• La formación dual mejora la inserción laboral de quienes la completan.\n")
    report = ("REPORT OF THE WORKSHOP\n\nThe workshop met in Lima on 3 May 2040 with delegates of twelve ministries. "
              "After two days of debate, the meeting reached the following conclusions:\n\n"
              "1. Labour inspection needs more inspectors trained in digital tools.\n\n"
              "2. Cooperation among ministries should build on the Network's portfolio.\n\n"
              "The conclusions of the workshop were presented by the following speakers:\n\n"
              "• The Minister of Labour of Peru\n\n• The Chair of the Working Group\n")
    declaration = ("DECLARACIÓN DE LIMA\n\nLa Conferencia de Ministros de Trabajo, celebrada en Lima el tres y el "
                   "cuatro de mayo, ha acordado, por consenso, las siguientes conclusiones:\n\n"
                   "1.- Reafirmamos nuestro compromiso con el trabajo decente en la región.\n\n"
                   "2.- Esta reunión coincide con el décimo aniversario de la Red.\n")
    def kinds(text: str) -> list[Kind]:
        return [p.kind for p in parse_document(text).provisions if p.kind not in (Kind.LIST, Kind.SECTION)]
    assert kinds(page)[-2:] == [Kind.FINDING, Kind.FINDING]
    assert kinds(report)[1:3] == [Kind.FINDING, Kind.FINDING] and kinds(report)[-2:] == [Kind.ITEM, Kind.ITEM]
    assert Kind.FINDING not in kinds(declaration)


def test_a_lead_in_naming_what_follows_after_citing_findings_gives_no_findings() -> None:
    """A meeting summary's lead-in that cites the findings on its way to naming what its list holds ("In light of
    these findings, the next steps are:", "A la luz de estas conclusiones, las tareas pendientes son:") lists the
    steps, not the findings."""
    summary = ("Summary of the Meeting of the Working Group\n\nThe Working Group met on 3 May 2040 to review the "
               "study on informality. In light of these findings, the next steps are:\n\n"
               "- Circulate the revised study among the delegations before June.\n"
               "- Hold a second session on the study in July.\n\n"
               "A la luz de estas conclusiones, las tareas pendientes son:\n\n"
               "- Preparar una nota breve para los Ministros.\n")
    assert Kind.FINDING not in [p.kind for p in parse_document(summary).provisions]


def test_a_french_paragraph_left_open_on_a_preposition_goes_on_over_blank_lines() -> None:
    """A French plan's enacting words as a document host stores the PDF, cut after "à" by two blank lines before
    the place's name ("... de 2040, à" / "" / "" / "Lima au Pérou, ..."): one paragraph, the plan's mandate; a
    name ending on the same word in capitals ("Mai Le") over a delegate's title is no sentence left open."""
    text = ("Premier Sommet des Amériques\n\nPlan d'Action\n\n"
            "Les chefs d'État et de gouvernement réunis au Sommet des Amériques de 2040, à\n\n\n"
            "Lima au Pérou, soucieux de traduire en actes les buts de leur Déclaration, s'engagent à mettre en œuvre "
            "le présent Plan d'action.\n\n"
            "1. Renforcer la démocratie\n\nRenforcer les institutions démocratiques de la région.\n")
    doc = parse_document(text)
    first = doc.provisions[0]
    assert (first.kind, own_text(text, first).endswith("présent Plan d'action.")) == (Kind.MANDATE, True)
    names = ("REPORT OF THE MEETING\n\nThe meeting was attended by the following delegates, who spoke in the order "
             "of the list of speakers.\n\nMai Le\n\nDirector of Employment, Ministry of Labour\n")
    assert first_words(names) == ["The", "Mai", "Director"]


def test_a_heading_in_capitals_goes_on_from_a_word_no_heading_opens_on() -> None:
    """A plan's chapter heading in capitals wrapped over blank lines, its second line opening on a preposition
    ("I. PRÉSERVER ... DES DÉMOCRATIES" / "" / "DES AMÉRIQUES"): one heading; a line in capitals opening otherwise
    under a heading ("LA ASAMBLEA GENERAL,") is its own."""
    text = ("Premier Sommet des Amériques\n\nPlan d'Action\n\n"
            "I. PRÉSERVER ET RENFORCER LA COMMUNAUTÉ DES DÉMOCRATIES\n\n\nDES AMÉRIQUES\n\n"
            "1. Renforcer la démocratie\n\nRenforcer les institutions démocratiques de la région.\n")
    heading = parse_document(text).provisions[0]
    assert heading.kind is Kind.SECTION and own_text(text, heading).endswith("DÉMOCRATIES\n\n\nDES AMÉRIQUES")
    resolution = ("RESOLUCIONES APROBADAS\n\nI. TRABAJO DECENTE\n\nLA ASAMBLEA GENERAL,\n\n"
                  "CONSIDERANDO que el trabajo decente es una prioridad de la región;\n\nRESUELVE:\n\n"
                  "1. Encomendar a la Secretaría un informe sobre el empleo.\n")
    assert first_words(resolution) == ["I.", "LA", "CONSIDERANDO", "RESUELVE:", "1."]


def test_a_hosts_transcript_caption_alone_ends_its_furniture() -> None:
    """A document host's page: its title, "by user", "Comments", "Transcript" alone, the title again, then the
    document glued onto one line: the host's lines are no text, the document's begins after its caption; a
    "Transcript" in a page's list of materials is an item of it."""
    title = "Informe de la reunión técnica de la Red Interamericana de Empleo Juvenil"
    text = (f"{title}\nby user\nComments\nTranscript\n{title}\n"
            "Informe de la reunión de la Red sobre Empleo Juvenil Lima, Perú, 3 y 4 de mayo de 2040 1 ÍNDICE "
            "A. ASISTENCIA Y ORGANIZACIÓN DE LOS TRABAJOS..........3 B. PROGRAMA DE LA REUNIÓN..........3 "
            "2 A. ASISTENCIA Y ORGANIZACIÓN DE LOS TRABAJOS Los días 3 y 4 de mayo de 2040 se celebró en Lima la "
            "reunión de la Red, con delegaciones de doce países. B. PROGRAMA DE LA REUNIÓN 1. Apertura de la reunión "
            "por la Presidencia.")
    words = first_words(text)
    assert "Comments" not in words and "Transcript" not in words and "Informe" not in words
    page = ("Meeting of the Network\n\nThe Network met in Lima on 3 May 2040 with delegates of twelve ministries.\n\n"
            "Materials of the meeting:\n\n• Agenda\n• Transcript\n• Photos\n")
    assert first_words(page)[0] == "The" and first_words(page).count("•") == 3


def test_a_glued_reports_sections_start_again_after_its_contents() -> None:
    """A report glued onto one line, its contents ("ÍNDICE A. ... ....3 B. ... ....3") and the page's number
    before the body ("2 A. ASISTENCIA ..."): the body's "A." starts the sections again, a heading with its letter;
    with no contents before it, an "A." after "B." on a glued line cuts nothing."""
    text = ("Informe de la reunión de la Red sobre Empleo Juvenil Lima, Perú, 3 y 4 de mayo de 2040 1 ÍNDICE "
            "A. ASISTENCIA Y ORGANIZACIÓN DE LOS TRABAJOS..........3 B. PROGRAMA DE LA REUNIÓN..........3 "
            "2 A. ASISTENCIA Y ORGANIZACIÓN DE LOS TRABAJOS Los días 3 y 4 de mayo de 2040 se celebró en Lima la "
            "reunión de la Red, con delegaciones de doce países. B. PROGRAMA DE LA REUNIÓN 1. Apertura de la reunión "
            "por la Presidencia.")
    sections = [(p.number, own_text(text, p)) for p in parse_document(text).provisions if p.kind is Kind.SECTION]
    assert sections == [("A", "A. ASISTENCIA Y ORGANIZACIÓN DE LOS TRABAJOS"), ("B", "B. PROGRAMA DE LA REUNIÓN")]
    glued = ("INFORME DE LA RED A. ASISTENCIA Los días 3 y 4 de mayo de 2040 se celebró en Lima la reunión de la Red. "
             "B. PROGRAMA La reunión aprobó su programa de trabajo para los dos años siguientes, en el punto A. "
             "Apertura de la reunión por la Presidencia, con la presencia de los doce países de la Red.")
    assert [p.number for p in parse_document(glued).provisions if p.kind is Kind.SECTION] == ["A", "B"]


def test_a_heading_its_glued_contents_list_is_cut_from_the_text_glued_to_it() -> None:
    """A report glued onto one line whose contents list a sub-heading ("Lugar y fecha de la reunión ....3"): in the
    body, the sub-heading glued to its paragraph's first sentence is a heading of its own; a listed title whose
    words open a sentence going on in lower case ("Programa de trabajo de la Red fue ...") is not cut."""
    text = ("Informe de la reunión de la Red sobre Empleo Juvenil Lima, Perú, 3 y 4 de mayo de 2040 1 ÍNDICE "
            "A. ASISTENCIA Y ORGANIZACIÓN DE LOS TRABAJOS..........3 Lugar y fecha de la reunión..........3 "
            "Programa de trabajo de la Red..........4 "
            "2 A. ASISTENCIA Y ORGANIZACIÓN DE LOS TRABAJOS Lugar y fecha de la reunión Los días 3 y 4 de mayo de "
            "2040 se celebró en Lima la reunión de la Red, con delegaciones de doce países. Programa de trabajo de la "
            "Red fue aprobado por las delegaciones al cierre de la reunión, con el apoyo de la Secretaría.")
    parts = [(p.kind, own_text(text, p)[:30]) for p in parse_document(text).provisions]
    assert parts == [(Kind.SECTION, "A. ASISTENCIA Y ORGANIZACIÓN D"), (Kind.SECTION, "Lugar y fecha de la reunión"),
                     (Kind.PARAGRAPH, "Los días 3 y 4 de mayo de 2040")]


def test_numbered_items_under_a_meetings_agenda_are_agenda_items() -> None:
    """A report's numbered items under a heading naming the meeting's programme ("B. PROGRAMA DE LA REUNIÓN"), and
    the parts of a paragraph announcing the agenda ("2. El orden del día examinado fue el siguiente:" over "  1.
    ...", "  2. ..."), are agenda items; not numbered paragraphs under a heading about an agenda of policy ("III.
    THE 2040 AGENDA") or a programme of grants."""
    report = ("INFORME DE LA REUNIÓN\n\nA. ASISTENCIA\n\nLa reunión se celebró en Lima los días 3 y 4 de mayo de 2040.\n\n"
              "B. PROGRAMA DE LA REUNIÓN\n\n1. Apertura de los trabajos por la Presidencia.\n\n"
              "2. Informe de la Secretaría sobre la cooperación.\n\n"
              "C. DESARROLLO\n\n1. La Comisión sesionó el 3 de mayo de 2040 bajo la presidencia de Chile.\n\n"
              "2. El orden del día examinado por la Comisión fue el siguiente:\n\n"
              "  1. Seguimiento de las conclusiones sobre el empleo juvenil.\n"
              "  2. Estadísticas de salarios y horas de trabajo.\n")
    kinds = [(p.number, p.kind) for p in parse_document(report).provisions if p.kind is not Kind.SECTION]
    assert kinds == [(None, Kind.PARAGRAPH), ("1", Kind.AGENDA_ITEM), ("2", Kind.AGENDA_ITEM), ("1", Kind.PARAGRAPH),
                     ("2", Kind.PARAGRAPH), ("2(1)", Kind.AGENDA_ITEM), ("2(2)", Kind.AGENDA_ITEM)]
    policy = ("REPORT OF THE MEETING\n\nIII. THE 2040 AGENDA\n\n1. The Ministers reviewed progress on the 2040 Agenda "
              "for decent work.\n\n2. They agreed to report on it at the next Conference.\n\n"
              "IV. PROGRAMA DE BECAS\n\n3. The scholarship programme trained forty inspectors in 2040.\n")
    assert Kind.AGENDA_ITEM not in [p.kind for p in parse_document(policy).provisions]


def test_a_reports_narrative_paragraphs_under_its_agenda_heading_are_paragraphs() -> None:
    """A report's numbered paragraphs under "I. AGENDA" telling what the meeting did with its agenda ("1. The Working
    Group adopted the agenda ...", "1. La Comisión aprobó el orden del día ...") are paragraphs, not agenda items."""
    report = ("REPORT OF THE MEETING OF THE WORKING GROUP 2\n\nI. AGENDA\n\n"
              "1. The Working Group adopted the agenda proposed by the Chair without changes.\n\n"
              "2. The delegation of Canada asked to add an item on labor migration, which was accepted.\n\n"
              "II. ORDEN DEL DÍA\n\n3. La Comisión aprobó el orden del día sin cambios.\n")
    assert Kind.AGENDA_ITEM not in [p.kind for p in parse_document(report).provisions]


def test_a_lead_in_citing_an_agenda_of_policy_before_the_following_announces_no_agenda() -> None:
    """A declaration's lead-in that cites an agenda of policy on its way to "the following:" ("In keeping with the
    2040 Agenda for Decent Work, we commit to the following:") announces its acts, not an agenda: its numbered
    paragraphs stay mandates."""
    text = ("DECLARATION OF SAN JOSÉ\n\nWe, the Ministers of Labor of the Americas, gathered in San José in 2040,\n\n"
            "In keeping with the 2040 Agenda for Decent Work, we commit to the following:\n\n"
            "1. Promote the formalization of employment through coordinated labor and tax policies.\n\n"
            "2. Strengthen labor inspection systems, with attention to rural workers.\n\n"
            "Consejo de Ministros, 2040\n\nEn consonancia con la Agenda 2040 de Trabajo Decente, acordamos la "
            "siguiente:\n\n3. Fortalecer los servicios públicos de empleo en toda la región.\n")
    kinds = [(p.number, p.kind) for p in parse_document(text).provisions if p.number]
    assert kinds == [("1", Kind.MANDATE), ("2", Kind.MANDATE), ("3", Kind.MANDATE)]


def test_a_sites_menu_glued_onto_one_line_under_the_text_is_no_text() -> None:
    """A resolution's page whose site menu the host glued onto one line under the text, from its home page's link
    on ("Home Page of the OAS Español Search Department of Labor ..."): no operative paragraph of the resolution; a
    heading in title case opening on "Home" and naming no search box nor language stays the text's."""
    text = ("AG/RES. 9999 (L-O/40)\n\nLABOR INSPECTION IN THE AMERICAS\n\nTHE GENERAL ASSEMBLY,\n\nRESOLVES:\n\n"
            "1. To ask the member states to strengthen their labor inspection services.\n\n"
            "2. To request the General Secretariat to report on this resolution at the next regular session.\n\n"
            "Home Page of the OAS Español Search Department of Labor Labor Inspection Social Dialogue Meetings of "
            "Ministers of Labor Youth Employment (RIAL) Cooper\n")
    assert [p.number for p in parse_document(text).provisions if p.kind is Kind.MANDATE] == ["1", "2"]
    page = ("LABOR NEWS\n\nThe Network met in Lima to discuss the protection of home care workers in the region.\n\n"
            "Home Care Workers and the Right to Social Security in the Americas and the Caribbean\n\n"
            "The delegates agreed to share their countries' rules on the social security of home care workers.\n")
    assert first_words(page) == ["The", "Home", "The"]


def test_a_headline_in_title_case_on_home_workers_searching_is_no_menu() -> None:
    """A news page's headline in title case opening on "Home" and holding one word a menu has ("Search", "English")
    is the story's heading: a site's menu holds more than one of them."""
    page = ("LABOR NEWS\n\nThe Network met in Lima to discuss the protection of home care workers in the region.\n\n"
            "Home Workers Search For Fair Pay And Social Protection Across The Americas\n\n"
            "A study presented in Lima shows that home workers earn less than half of the minimum wage.\n")
    assert first_words(page) == ["The", "Home", "A"]


def test_a_hosts_french_note_announcing_the_text_below_is_no_text() -> None:
    """A document host's note under a French plan's cover, announcing the text below it ("Le texte qui suit
    reproduit en entier le Plan d'action ..."): the cover's, the plan's text beginning after it; a story's
    sentence on a report that reproduces a declaration in full announces no text below it."""
    text = ("Premier Sommet des Amériques\n\nPlan d'Action\n"
            "Le texte qui suit reproduit en entier le Plan d'action adopté et signé par les chefs d'État et\n"
            "de gouvernement réunis à Lima.\n\n"
            "Les chefs d'État et de gouvernement réunis à Lima s'engagent à mettre en œuvre le présent Plan d'action.\n\n"
            "1. Renforcer la démocratie\n\nRenforcer les institutions démocratiques.\n")
    assert first_words(text) == ["Les", "1.", "Renforcer"]
    story = ("NETWORK NEWS\n\nThe Network met in Lima on 3 May 2040 with delegates of twelve ministries.\n\n"
             "Its report reproduces in full the Declaration the Ministers adopted there.\n\n"
             "The delegates agreed to meet again next year.\n")
    assert first_words(story) == ["The", "Its", "The"]


def test_a_reports_sentence_agreeing_on_the_following_text_is_the_reports() -> None:
    """A report's or minutes' first paragraph saying its authors agreed on "the following text" ("el texto que
    sigue") below it is the report's own lead-in, no host's note: a paragraph of the text."""
    report = ("REPORT OF THE WORKING GROUP 1 TO THE MINISTERS\n\n"
              "At its meeting in Panama on 4 and 5 June 2040, the Working Group agreed on the following text, which it "
              "submits to the Ministers:\n\n"
              "1. The Ministers should strengthen labor inspection with more trained inspectors.\n\n"
              "2. The Network should keep its portfolio of cooperation.\n")
    assert first_words(report) == ["At", "1.", "2."]
    minutes = ("ACTA DE LA REUNIÓN DEL GRUPO DE TRABAJO 2\n\n"
               "Las delegaciones revisaron el proyecto de declaración y acordaron el texto que sigue, que se presentará "
               "a la Conferencia.\n\n1. Los Ministros reafirman su compromiso con el diálogo social.\n")
    assert first_words(minutes) == ["Las", "1."]


def test_a_one_after_a_number_the_host_printed_starts_a_list_again() -> None:
    """A follow-up page quoting mandates, their numbers lost but for the last of a block ("1." "1." "1." "2."), then
    a new list from "1.": the block is numbered again in reading order, the new list starts at 1 as printed; items
    all printed "1." are numbered 1 to 4."""
    block = ("Summits of the Americas\nFollow-up and Implementation: Mandates\n\n\n"
             "  1. Supporting a regional effort on skills led by the Organization of American States.\n\n"
             "  1. Stepping up efforts to prevent the misuse of public funds in labor programmes.\n\n"
             "  1. Acknowledging the role of the Summits Secretariat in tracking what the Summits agreed.\n\n")
    text = (block + "  2. Asking the Review Group to give account of progress made on this Commitment.\n\n\n"
            "  1. To ask the Organization of American States to keep offering technical advice to member states.\n")
    numbers = [(p.number, p.number_reconstructed) for p in parse_document(text).provisions if p.number]
    assert numbers == [("1", False), ("2", True), ("3", True), ("4", True), ("1", False)]
    lost = block + "  1. Asking the Review Group to give account of progress made on this Commitment.\n"
    assert [p.number for p in parse_document(lost).provisions if p.number] == ["1", "2", "3", "4"]


def test_a_cover_glued_onto_the_line_of_the_first_paragraph_is_the_covers() -> None:
    """A report a document host stores as one line after its page count: running header with the file's name, the
    cover's lines, the agenda item and the title, glued before "1. En su sesión ...": the cover's, the body
    beginning at "1."; a lead-in glued before "1." ("... adopted the following recommendations for the Ministers
    of Labor: 1. To ...") is the body's."""
    text = ("Punto 3 del orden del día: Empleo juvenil ... · REP-22-Sp.docx 3/1 Conferencia...\n\n106\n"
            "REP-22-Sp.docx 3/1 Conferencia Regional de Empleo 12. a reunión, Lima, mayo de 2040 Punto 3 del orden del "
            "día: Empleo juvenil Informe de la Comisión de Empleo 1. En su sesión de apertura, celebrada el 3 de mayo de "
            "2040, la Conferencia creó la Comisión de Empleo. La Comisión eligió a su Mesa por unanimidad.\n")
    assert first_words(text) == ["1."]
    report = ("REPORT OF THE WORKING GROUP\n\nAt its meeting held in Lima on 3 and 4 May 2040 the Working Group adopted "
              "the following recommendations for the Ministers of Labor: 1. To strengthen the public employment "
              "services of the region with the Network's support. 2. To promote the exchange of experiences on "
              "skills.\n")
    assert first_words(report) == ["At", "1.", "2."]


def test_a_running_title_repeating_the_covers_lines_is_the_covers() -> None:
    """A document host's PDF text: the cover ("Premier Sommet des Amériques" over "Plan d'Action"), the host's note
    announcing the text, and a running title over the body printing the cover's words again on one line ("Sommet
    des Amériques Plan d'Action"): the cover's;
    an entry of the contents printed again over the body's text ("Élection du Bureau de la Commission") is the
    body's heading."""
    text = ("Premier Sommet des Amériques\n\nLima, du 3 au 5 mai 2040\n\nPremier Sommet des Amériques\n\n"
            "Plan d'Action\nLe texte qui suit reproduit en entier le Plan d'action adopté à Lima.\n\n"
            "Sommet des Amériques Plan d'Action\n\n"
            "Les chefs d'État et de gouvernement réunis à Lima s'engagent à mettre en œuvre le présent Plan d'action.\n\n"
            "1. Renforcer la démocratie\n\nRenforcer les institutions démocratiques.\n")
    assert first_words(text) == ["Les", "1.", "Renforcer"]
    report = ("RAPPORT DE LA COMMISSION\n\nSommaire\n\nÉlection du Bureau de la Commission\n\nIntroduction\n\n"
              "I. Suivi des recommandations des réunions sectorielles\n\n"
              "1. La Commission a tenu sa séance le 3 mai 2040.\n\n"
              "Élection du Bureau de la Commission\n\n"
              "2. Sur proposition du représentant du Pérou, la Commission a élu son Président.\n")
    assert "Élection" in first_words(report)


def test_an_editors_note_announcing_the_full_wording_below_is_no_provision() -> None:
    """A host's note over a Summit's plan saying that the full wording or version of the text is below ("What is
    printed below is the full wording of the Plan of Action ...:", "On trouvera ci-après la version complète du
    Plan d'action ..."): the text begins under it; a first paragraph that says a complete version of a report
    will be published, nothing below, is the body's."""
    english = ("Third Summit of the Americas\nPlan of Action\n\n"
               "What is printed below is the full wording of the Plan of Action adopted by the leaders gathered at "
               "the Third Summit of the Americas in the capital:\n\n"
               "We, the Heads of State and Government of the Americas, resolved to act together, adopt this Plan "
               "of Action.\n\nI. Labor\n\n1. Governments will strengthen their labor ministries.\n")
    assert first_words(english)[0] == "We,"
    french = ("Troisième Sommet des Amériques\nPlan d'action\n\n"
              "On trouvera ci-après la version complète du Plan d'action, tel que les dirigeants réunis au Troisième "
              "Sommet l'ont adopté.\n\n"
              "Nous, les chefs d'État et de gouvernement des Amériques, adoptons le présent Plan d'action.\n\n"
              "I. Travail\n\n1. Les gouvernements renforceront leurs ministères du travail.\n")
    assert first_words(french)[0] == "Nous,"
    report = ("Rapport d'activités 2040\n\n"
              "La version complète du rapport sera publiée en mars, avec ses annexes statistiques.\n\n"
              "Le Secrétariat a tenu quatre réunions techniques au cours de l'année.\n")
    assert first_words(report) == ["La", "Le"]
    minutes = ("Minutes of the Second Meeting\n\n"
               "The complete wording of the agreement reached on training will follow once the delegations approve "
               "it.\n\nThe meeting opened at ten o'clock with the election of its chair.\n")
    assert first_words(minutes) == ["The", "The"]


def test_a_reports_first_paragraph_on_the_full_wording_and_the_following_changes_is_the_reports() -> None:
    """A report's first paragraph saying its authors reviewed the full wording (the complete version) of a draft and
    agreed on "the following changes" ("la siguiente modificación") is its lead-in, no host's note: "following"
    names the changes, not the text below."""
    english = ("REPORT OF THE WORKING GROUP 2\n\n"
               "The Working Group reviewed the full wording of the draft Declaration and agreed on the following "
               "changes:\n\n1. The second paragraph should mention social dialogue.\n")
    assert first_words(english) == ["The", "1."]
    spanish = ("INFORME DEL GRUPO DE TRABAJO 2\n\n"
               "El Grupo de Trabajo examinó la versión completa del proyecto de Declaración y acordó la siguiente "
               "modificación de dos párrafos:\n\n1. El segundo párrafo debe mencionar el diálogo social.\n")
    assert first_words(spanish) == ["El", "1."]


def test_the_signatories_few_words_with_a_comma_for_a_colon_lead_in_their_decisions() -> None:
    """A declaration's operative part led in by the signatories' few words with a comma for their colon ("We
    agree,") alone on their line: the words are a paragraph leading in, and each numbered paragraph completing
    them ("2. To present ...", a verb not among those that ask for action) is a mandate; a longer paragraph that
    commits and ends on a comma leads nothing in (the preamble's gerund after it is no act completing it)."""
    text = ("We, the Ministers of Labor of the Americas, gathered in Lima for our annual meeting,\n\n"
            "Wishing to give our ministries a clearer voice in the region's forums;\n\n"
            "We agree,\n\n"
            "1. To request the Technical Secretariat to draft a note on the options before us.\n\n"
            "2. To present that note to the delegations at their next meeting in the first half of 2041.\n")
    assert [(own_text(text, p).split()[0], p.kind) for p in parse_document(text).provisions][2:] == [
        ("We", Kind.PARAGRAPH), ("1.", Kind.MANDATE), ("2.", Kind.MANDATE)]
    longer = ("We, the Ministers of Labor of the Americas, gathered in Lima,\n\n"
              "We decide to create a regional fund for training, which the Bank will manage,\n\n"
              "Recalling the work of the Conference since 2030, our delegations met twice this year.\n")
    assert [p.kind for p in parse_document(longer).provisions][1:] == [Kind.MANDATE, Kind.PARAGRAPH]


def test_a_cover_in_capitals_glued_onto_the_opening_sentence_is_cut_from_it() -> None:
    """A text stored on one line, its meeting's name and title in capitals glued onto its first sentence ("XV
    CONFERENCIA ... COMUNICADO FINAL La XV Conferencia ... se reunió ...", names filling the sentence): the capitals
    are the cover, the body begins with the sentence; a numbered heading, a part's heading and a resolution's
    subject in capitals glued so stay where they were."""
    spanish = ("XV CONFERENCIA REGIONAL SOBRE EMPLEO JUVENIL COMUNICADO FINAL La XV Conferencia Regional sobre Empleo "
               "Juvenil (CREJ) se reunió en Tegucigalpa, Honduras, con delegaciones de Belice, Canadá, Costa Rica, El "
               "Salvador, Estados Unidos, Guatemala, México, Nicaragua y Panamá. Las delegaciones acordaron reforzar "
               "los servicios de empleo.\n")
    doc = parse_document(spanish)
    assert doc.metadata.title == "XV CONFERENCIA REGIONAL SOBRE EMPLEO JUVENIL COMUNICADO FINAL"
    assert first_words(spanish) == ["La"]
    heading = ("I. INTRODUCCIÓN Y ANTECEDENTES DE LA REUNIÓN La Conferencia se reunió en Lima con la presencia de "
               "veinte delegaciones y de los organismos invitados. 1. Los Ministros aprobaron la agenda.\n")
    assert first_words(heading)[:2] == ["I.", "La"]
    part = ("ANTECEDENTES DE LA RED INTERAMERICANA PARA LA ADMINISTRACIÓN LABORAL La Red fue creada en 2005 por los "
            "Ministros de Trabajo para fortalecer la cooperación entre sus ministerios. Desde entonces ha organizado "
            "talleres.\n")
    assert first_words(part) == ["ANTECEDENTES"]
    subject = ("EL CONSEJO PERMANENTE DE LA ORGANIZACIÓN DE LOS ESTADOS AMERICANOS, Considerando que la cooperación "
               "entre los ministerios de trabajo de la región ha crecido en los últimos años; RESUELVE: 1. Encomendar "
               "a la Secretaría un informe sobre el tema.\n")
    assert first_words(subject)[0] == "EL"


def test_a_hard_wrapped_lead_in_ends_on_its_colon_at_a_full_line() -> None:
    """A plan hard-wrapped with no blank lines, a chapeau ending on its colon at a full line's end, the paragraph it
    leads in opening under it ("... et ses organes:" / "Partager les ..."): two paragraphs, as the colon ends the
    lead-in; a list of names ("Argentine, Barbade, ...") or a speaker's words carried on after a colon at a full
    line's end stay in their paragraph."""
    text = ("PLAN D'ACTION\n"
            "Participation et dialogue social\n"
            "Conscients que la qualité de la vie démocratique dépend de la place donnée aux travailleurs,\n"
            "aux employeurs et à leurs organisations dans les décisions publiques, et constatant que des\n"
            "institutions de concertation stables et dotées de moyens suffisants facilitent les réformes:\n"
            "Renforcer les conseils nationaux du travail et les outils qui permettent d'associer les\n"
            "partenaires sociaux à l'élaboration des politiques d'emploi, en particulier pour la formation\n"
            "des représentants et la tenue des consultations tripartites;\n"
            "Soutenir les ministères du travail dans la modernisation de leurs services d'inspection.\n")
    assert [w for w in first_words(text) if w != "Participation"] == ["Conscients", "Renforcer", "Soutenir"]
    names = ("Rapport de la réunion\n\n"
             "Le Secrétariat technique a préparé ce rapport à la demande des délégations, qui souhaitaient\n"
             "garder une trace des échanges tenus pendant les deux journées de travail consacrées à la\n"
             "formation professionnelle et à l'emploi des jeunes dans les pays de la région.\n"
             "La réunion s'est tenue à Lima les 3 et 4 mai 2040, en présence des délégations des pays\n"
             "suivants, qui ont toutes pris part aux débats sur la formation et l'emploi des jeunes:\n"
             "Argentine, Barbade, Brésil, Canada, Chili, Colombie, Équateur, Mexique, Panama et\n"
             "Pérou, ainsi que des représentants des organisations d'employeurs et de travailleurs.\n")
    assert first_words(names) == ["Le", "La"]
    said = ("Compte rendu\n\n"
            "La séance s'est ouverte à dix heures, sous la présidence de la délégation du pays hôte, qui a\n"
            "souhaité la bienvenue aux participants et présenté l'ordre du jour adopté par les délégations\n"
            "lors de la réunion préparatoire tenue au mois de mars dans la même ville.\n"
            "À l'ouverture de la séance, la Ministre du Travail du pays hôte a rappelé les progrès de la\n"
            "région en matière d'emploi des jeunes et des femmes au cours des dernières années, et a déclaré:\n"
            "Nous devons maintenant aller plus loin et donner à chaque jeune une formation de qualité,\n"
            "car sans elle aucune politique d'emploi ne peut réussir dans la durée ni dans la région.\n")
    assert first_words(said) == ["La", "À"]


def test_a_colon_at_a_full_line_in_a_text_of_paragraphs_apart_goes_on() -> None:
    """A meeting summary hard-wrapped with its paragraphs a blank line apart, a sentence ending on a colon at a full
    line's end and the paragraph going on under it ("... from the crisis of recent years:" / "Social dialogue works
    ..."): one paragraph, as the blank lines show where paragraphs end."""
    text = ("SUMMARY OF THE MEETING\n\n"
            "The Working Group met in Panama on 4 and 5 June 2040 with the delegations of sixteen member states and\n"
            "the representatives of the employers' and workers' advisory bodies, under the chair of the delegation\n"
            "of Panama, which welcomed the participants on behalf of its Minister.\n\n"
            "The Chair opened the session and recalled the lesson the region drew from the crisis of recent years:\n"
            "Social dialogue works when governments, employers and workers share the same information and meet\n"
            "regularly, as the delegations of Chile and Jamaica explained with their experiences of tripartite boards.\n"
            "\n"
            "The delegations then reviewed the draft work plan of the Working Group and approved it with changes\n"
            "proposed by Canada and Brazil, which the Technical Secretariat will include before the next session.\n")
    assert first_words(text) == ["The", "The", "The"]


def test_a_french_plans_infinitives_and_its_governments_will_are_mandates() -> None:
    """A Summit's plan in French, its enacting words ending "nos gouvernements vont:" and its unnumbered
    paragraphs opening on an infinitive ("Renforcer les ...", "Poursuivre la ..."): mandates, as in English or
    Spanish; a paragraph that describes, even with "doivent" in it, one opening on a preposition so ending ("Entre
    les deux Sommets ...") and one that only recalls ("Rappeler les ...") are paragraphs."""
    text = ("PLAN D'ACTION\n\n"
            "Afin de renforcer la démocratie et de créer la prospérité, nos gouvernements vont:\n\n"
            "1. POUR DES MARCHÉS DU TRAVAIL PLUS JUSTES\n\n"
            "Partout dans la région, les ministères du travail modernisent leurs services, et chacun convient que "
            "employeurs et travailleurs doivent y contribuer.\n\n"
            "Entre les deux Sommets, les ministères ont tenu trois réunions techniques sur l'inspection.\n\n"
            "Rappeler les engagements pris lors du Sommet précédent en matière d'emploi des jeunes.\n\n"
            "Renforcer les services publics d'emploi et leur coopération avec les organisations d'employeurs;\n\n"
            "Poursuivre la modernisation des services d'inspection du travail.\n")
    doc = parse_document(text)
    assert doc.metadata.type == "PlanOfAction"
    assert [(own_text(text, p).split()[0], p.kind) for p in doc.provisions] == [
        ("Afin", Kind.MANDATE), ("1.", Kind.SECTION), ("Partout", Kind.PARAGRAPH), ("Entre", Kind.PARAGRAPH),
        ("Rappeler", Kind.PARAGRAPH), ("Renforcer", Kind.MANDATE), ("Poursuivre", Kind.MANDATE)]


def test_the_place_and_date_a_text_closes_on_are_no_provision() -> None:
    """A declaration closing on its place and date alone on the last line ("Lima, Peru, March 4th, 2040"), a page's
    share button under it: where and when it was done, no provision; a list of meetings whose last entry's place
    and date end it, under the meeting's name, keeps that entry."""
    text = ("We, the Ministers of Labor of the Americas, assembled in Lima for our annual meeting,\n\n"
            "We decide,\n\n1. To request the Technical Secretariat to draft a note on the options before us.\n\n"
            "2. To present that note to the delegations at their next meeting.\n\n"
            "Lima, Peru, March 4th, 2040\n\nShare this:\n")
    assert first_words(text) == ["We,", "We", "1.", "2."]
    meetings = ("Meetings of the Working Group\n\nThe Working Group met twice in its first year.\n\n"
                "First Meeting of the Working Group\n"
                "Quito, Ecuador, 12 de agosto de 2041\n")
    assert "Quito," in [w for p in parse_document(meetings).provisions for w in own_text(meetings, p).split()]


_SPEECH_PAGE = ("Skip to main content\n\n"
                "Forum on Social Dialogue and Decent Work in the Americas: towards stronger labor institutions\n\n"
                "14 March 2041|Speech\n\n"
                "Remarks by Ana Gómez, Assistant Secretary General of the OAS.\n\n"
                "Forum on Social Dialogue\n\n"
                "Panama City, 13 and 14 March 2041\n\n"
                "Good morning to all of you. It is a pleasure to open this forum with the ministers, the workers and "
                "the employers of the region, who have come from so far to be with us.\n\n"
                "Let me thank the Government of Panama for hosting us and for its support to the forum.\n")


def test_a_speech_pages_cover_over_its_salutation_is_no_text() -> None:
    """A speech's page prints a cover over its text (the occasion, the date and "Speech", the speaker, the place
    and date): the text begins at its first salutation."""
    doc = parse_document(_SPEECH_PAGE)
    assert [own_text(_SPEECH_PAGE, p)[:12] for p in doc.provisions] == ["Good morning", "Let me thank"]


def test_a_heading_and_a_narrative_line_over_a_salutation_stay_text() -> None:
    """Over a speech quoted in a report, a narrative sentence or a numbered paragraph is the text's, not a speech
    page's cover."""
    summary = ("Opening session\n\n"
               "The Minister of Labour of Panama delivered the opening remarks on 13 March 2041.\n\n"
               "Good morning to all of you, she said, and welcomed the delegations of the member states to the "
               "forum on social dialogue.\n")
    assert [own_text(summary, p)[:12] for p in parse_document(summary).provisions][:1] == ["The Minister"]
    report = ("Forum on Social Dialogue, Panama City, 13 March 2041\n\n"
              "Opening speech\n\n"
              "1. The Minister of Labour of Panama opened the forum.\n\n"
              "Good morning to all of you. It is an honour for my country to host this meeting of the ministers of "
              "labor of the Americas.\n")
    assert [own_text(report, p)[:12] for p in parse_document(report).provisions][:1] == ["1. The Minis"]


_GLUED_SPEECH = ("Download closing remarks\nTranscript\n"
                 "CLOSING REMARKS OF THE FORUM Ana Gómez - Executive Director of the Institute Good morning, Let me "
                 "begin with the figures of this meeting, which brought together more than five hundred participants "
                 "from twenty countries of the region. Over three days we compared what each country does to prevent "
                 "accidents at work, and I believe we reached the goal we set ourselves.\n")


def test_a_speech_glued_to_its_cover_begins_at_its_greeting() -> None:
    """A host's transcription gluing a speech's title and speaker onto its text: the text begins at its greeting.
    A sentence that names a greeting further on is not cut there."""
    doc = parse_document(_GLUED_SPEECH)
    assert [own_text(_GLUED_SPEECH, p)[:12] for p in doc.provisions] == ["Good morning"]
    story = ("MINISTERS MEET IN PANAMA The Minister opened the forum with a warm Good morning to the delegations "
             "and asked them to agree on a plan of action before the end of the year.\n")
    assert [own_text(story, p)[:12] for p in parse_document(story).provisions] == ["MINISTERS ME"]


_FLATTENED_REPORT = ("youth employment in the caribbean: a forum of the ... · the main points of...\n\n"
                     "24\n"
                     "1 Caribbean Forum on Youth Employment Opening Doors: Skills and Jobs for the Young People of the "
                     "Caribbean in a changing world of work Pegasus Hotel, Kingston, 3 - 5 May 2040 Final Report "
                     "1. The Caribbean Forum on Youth Employment was convened by the subregional office jointly with "
                     "the Government of Jamaica and was opened on the morning of 3 May. "
                     "2. The Minister of Labour opened the proceedings and welcomed the delegations of the region.\n")


def test_a_cover_glued_before_the_first_numbered_paragraph_is_no_text() -> None:
    """A document host flattening a page onto one line glues the cover (title, venue and dates, "Final Report")
    before the first numbered paragraph: the cover is no paragraph. Prose leading into the items on that line is."""
    doc = parse_document(_FLATTENED_REPORT)
    assert [own_text(_FLATTENED_REPORT, p)[:12] for p in doc.provisions] == ["1. The Carib", "2. The Minis"]
    lead = ("youth employment in the caribbean: a forum of the ... · the main points of...\n\n24\n"
            "In the course of 2040 the ministries of labour of the region went on with the work plan adopted at the "
            "last meeting of the Conference and reported these advances to the Working Group 1. The public employment "
            "services of six countries opened new offices. 2. Four ministries shared their labour market data.\n")
    assert [own_text(lead, p)[:12] for p in parse_document(lead).provisions] == [
        "In the cours", "1. The publi", "2. Four mini"]


_HOSTED_COPY = ("12\nInforme de la reunión subregional sobre empleo juvenil\n\n"
                "  • Upload\n    others\n\n  • View\n    5\n\n  • Download\n    1\n\n"
                "Embed Size (px)\n\nCitation preview\n\n"
                "Antecedentes\n\n"
                "La reunión examinó los programas de empleo juvenil de los países de la subregión y las lecciones "
                "que dejaron sus evaluaciones.\n\n"
                "Informations\n\nPublié par\nNombre de lectures 27\nLangue Español\n\nExtrait\n")


def test_a_document_hosts_buttons_counters_and_file_fields_are_no_text() -> None:
    """A document host prints buttons and counters over its copy ("• Upload", "• View", "Embed Size (px)",
    "Citation preview") and the file's fields under it ("Publié par", "Nombre de lectures 27", "Langue Español",
    "Extrait"): none of them is a provision. A bullet or a field of a page's own, with words after it, is."""
    doc = parse_document(_HOSTED_COPY)
    texts = [own_text(_HOSTED_COPY, p) for p in doc.provisions]
    assert not any(t.lstrip("• ").startswith(("Upload", "View", "Download", "Embed", "Citation", "Publié",
                                               "Nombre", "Langue", "Extrait")) for t in texts)
    page = ("Regional workshop on youth employment\n\n"
            "The workshop will meet in Kingston on 3 and 4 May 2040.\n\n"
            "  • Upload your presentation to the platform before 20 April\n"
            "  • Download the agenda and the concept note from this page\n"
            "  • Language: English and Spanish, with interpretation\n")
    items = [own_text(page, p)[:12] for p in parse_document(page).provisions if p.kind is Kind.ITEM]
    assert items == ["• Upload you", "• Download t", "• Language: "]


def test_items_under_a_lead_in_naming_the_aims_are_objectives() -> None:
    """A page's numbered items under "The aims of the Workshop are:" are its objectives, whatever their verbs; a
    lead-in that only mentions aims on its way ("To carry forward the aims of the Plan, the Ministers created
    two working groups:") lists no aims."""
    page = ("Regional workshop on labour inspection\n\n"
            "The workshop meets in Port of Spain from 3 to 5 May 2040 at the invitation of the Ministry of Labour.\n\n"
            "The aims of the Workshop are:\n\n"
            "1.        to review how the inspection services of the subregion plan their visits to workplaces;\n\n"
            "2.        to share the tools the ministries use to keep their records; and\n\n"
            "3.        to agree on a short list of priorities for training inspectors.\n")
    assert [p.kind for p in parse_document(page).provisions if p.number] == [Kind.OBJECTIVE] * 3
    groups = ("Working groups of the Conference\n\n"
              "The Ministers met in Lima in 2040 and adopted a Declaration and a Plan of Action.\n\n"
              "To carry forward the aims of the Declaration and the Plan of Action, the Ministers created two "
              "working groups:\n\n"
              "a.  Labour Inspection: it is to look at how inspection services plan their visits.\n\n"
              "b.  Employment: it is to examine the public employment services of the region.\n")
    assert [p.kind for p in parse_document(groups).provisions if p.number] == [Kind.ITEM] * 2


def test_a_lead_in_whose_aims_are_reached_through_its_items_lists_no_aims() -> None:
    """A concept note's lead-in whose subject is the aims but whose list is the means to them ("The aims of the
    Forum are pursued through the following activities:") lists activities, not objectives."""
    note = ("Concept note: Hemispheric Forum on Youth Employment\n\nThe Forum meets in Lima on 5 May 2040.\n\n"
            "The aims of the Forum are pursued through the following activities:\n\n"
            "1. A plenary session on apprenticeships.\n\n2. Two workshops on digital skills.\n\n"
            "3. A closing panel with the Ministers.\n")
    assert Kind.OBJECTIVE not in [p.kind for p in parse_document(note).provisions]


_SNIPPET_PAGE = ("14\nInforme sobre empleo juvenil en la subregión\n\n"
                 "Informe sobre empleo juvenil en la subregión… · las políticas activas del mercado de trabajo y el "
                 "reto de la formación\" Sesión 1: \" Los servicios de empleo\n\n"
                 "Informe sobre empleo juvenil en la subregión\n\n"
                 "Antecedentes\n\n"
                 "La reunión examinó los programas de empleo juvenil de los países de la subregión y las lecciones que "
                 "dejaron sus evaluaciones más recientes.\n")


def test_a_search_hosts_snippet_over_the_copy_is_no_text() -> None:
    """A search host's snippet of the document (pieces cut short, joined by " · ") over its copy is no paragraph:
    the text begins under it. A line that glues the text itself on after a snippet is read as text."""
    doc = parse_document(_SNIPPET_PAGE)
    assert [own_text(_SNIPPET_PAGE, p)[:12] for p in doc.provisions] == ["Antecedentes", "La reunión e"]
    glued = ("ACTA DE LA SESIÓN ORDINARIA DEL CONSEJO Aprobada en la sesión del 5 de agosto de … · La PRESIDENTA: "
             "Buenas tardes a todos. Damos comienzo a la sesión ordinaria del Consejo con el primer punto del orden "
             "del día, que es la aprobación del acta de la sesión anterior, distribuida a las delegaciones con la "
             "debida antelación.\n")
    assert any("Damos comienzo" in own_text(glued, p) for p in parse_document(glued).provisions)


_TRANSCRIBED_PAGES = ("REVIEW OF THE SUBREGIONAL STRATEGY FOR LABOUR INSPECTION\n\n"
                      "Download \"REVIEW OF THE SUBREGIONAL STRATEGY FOR LABOUR INSPECTION\"\n\n"
                      "Transcription\n\n"
                      "1 REVIEW OF THE SUBREGIONAL STRATEGY FOR LABOUR INSPECTION Report on the consultations of 2040 "
                      "Submitted to: the Secretariat Submitted by: Caribbean Network of Labour Inspectors (CNLI)\n\n"
                      "2\n\n"
                      "3 Foreword from the Caribbean Network of Labour Inspectors (CNLI) It is a pleasure for the "
                      "Network to present this review, prepared with the ministries of labour of the subregion over two "
                      "years of consultations with inspectors, employers and workers.\n")


def test_a_hosts_transcription_of_a_pdf_a_page_a_line_is_read_page_by_page() -> None:
    """A document host's "Transcription" of a PDF prints each page on a line after its number (a blank page's
    number alone): the numbers are no text, the first page is the cover, and a page's title is cut from its text
    where a sentence begins after the name's acronym. Numbered paragraphs under such a caption are no pages."""
    doc = parse_document(_TRANSCRIBED_PAGES)
    assert [(p.kind, own_text(_TRANSCRIBED_PAGES, p)[:12]) for p in doc.provisions] == [
        (Kind.SECTION, "Foreword fro"), (Kind.PARAGRAPH, "It is a plea")]
    numbered = ("Plan of work of the Network\n\nTranscription\n\n"
                "1. Hold a workshop on labour inspection for the ministries of the subregion in 2040.\n\n"
                "2. Prepare a study of the records kept by the inspection services.\n\n"
                "3. Report to the Conference on the progress of the plan.\n")
    assert [own_text(numbered, p)[:5] for p in parse_document(numbered).provisions] == ["1. Ho", "2. Pr", "3. Re"]


_FRENCH_NOTE = ("NOTE CONCEPTUELLE\n\nAtelier hémisphérique sur la formation professionnelle des jeunes\n"
                "Port-au-Prince, 12 et 13 mars 2041\n\nI. CONTEXTE\n\n"
                "Les ministères du travail de la région ont souligné, lors de la dernière Conférence, la nécessité de "
                "rapprocher la formation professionnelle des besoins des entreprises.\n\nII. OBJECTIFS\n\n"
                "1. Partager les expériences nationales en matière d'apprentissage et de stages en entreprise.\n\n"
                "2. Identifier les obstacles qui empêchent les jeunes d'accéder à un premier emploi décent.\n\n"
                "III. RECOMMANDATIONS\n\n"
                "3. Créer un registre régional des programmes d'apprentissage, tenu par la Secrétariat technique.\n")


def test_numbered_items_under_an_objectives_heading_are_objectives_in_every_language() -> None:
    """Numbered items under a heading naming them objectives ("II. OBJECTIVES", "II. OBJETIVOS", "II. OBJECTIFS")
    are objectives, as bullets there already were; French and Portuguese role words type items as the English and
    Spanish ones do ("RECOMMANDATIONS", "Recomendações"), and a French concept note is one. In a plan, what its
    objectives heading heads stays what the plan directs; a heading about something else that has objectives
    ("Objectives of the Fund and its governance") gives no role."""
    doc = parse_document(_FRENCH_NOTE)
    assert doc.metadata.type == "ConceptNote" and doc.metadata.language == "fr"
    assert [(p.number, p.kind) for p in doc.provisions if p.kind is not Kind.SECTION] == [
        (None, Kind.PARAGRAPH), ("1", Kind.OBJECTIVE), ("2", Kind.OBJECTIVE), ("3", Kind.RECOMMENDATION)]
    spanish = ("NOTA CONCEPTUAL\n\nII. OBJETIVOS\n\n1. Compartir las experiencias nacionales de aprendizaje en "
               "empresas.\n\n2. Identificar los obstáculos que impiden a los jóvenes acceder a un primer empleo.\n")
    assert [p.kind for p in parse_document(spanish).provisions] == [Kind.SECTION, Kind.OBJECTIVE, Kind.OBJECTIVE]
    portuguese = ("RELATÓRIO DA REUNIÃO\n\nI. ANTECEDENTES\n\nA reunião foi realizada em Brasília nos dias 3 e 4 de "
                  "maio de 2041, com a presença das delegações dos ministérios do trabalho da região.\n\n"
                  "II. RECOMENDAÇÕES\n\n1. Criar um registro regional dos programas de aprendizagem.\n\n"
                  "2. Partilhar os dados de emprego juvenil entre os ministérios.\n")
    assert [p.kind for p in parse_document(portuguese).provisions if p.number and p.kind is not Kind.SECTION] == [
        Kind.RECOMMENDATION] * 2
    plan = ("PLAN OF ACTION OF LIMA\n\nWE, THE MINISTERS OF LABOR, commit to carry out the following Plan of "
            "Action:\n\nI. OBJECTIVES\n\n1. Strengthen the public employment services of the region.\n\n"
            "2. Promote the exchange of experiences on youth employment.\n")
    assert [p.kind for p in parse_document(plan).provisions if p.number and p.kind is not Kind.SECTION] == [
        Kind.MANDATE, Kind.MANDATE]
    fund = ("REPORT OF THE MEETING\n\nIII. OBJECTIVES OF THE FUND AND ITS GOVERNANCE\n\n"
            "1. The Fund financed twelve cooperation missions in 2040.\n\n"
            "2. Its board met twice and approved the new rules.\n")
    assert Kind.OBJECTIVE not in [p.kind for p in parse_document(fund).provisions]


def test_a_french_or_portuguese_work_plan_is_one() -> None:
    """A cover naming a work plan in French or Portuguese ("PLAN DE TRAVAIL 2041-2043", "Plano de trabalho") types
    it, as "Plan de trabajo" does."""
    for cover in ("PLAN DE TRAVAIL 2041-2043\n\nRéseau interaméricain pour l'administration du travail\n\n",
                  "Plano de trabalho 2041-2043\n\nRede Interamericana para a Administração do Trabalho\n\n"):
        text = cover + "1. Organiser deux ateliers sur l'inspection du travail.\n"
        assert parse_document(text).metadata.type == "WorkPlan", cover
