"""A curator's corrections of how a held source is read (``corrections:`` in its metadata file):
each reading applied where the parser alone misreads a text of our own writing, the build and
``kb add`` honouring them, and every correction that cannot be placed refused with its file and line."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
import yaml

import kb
from kb.cli import main
from kb.corpus import load_corpus
from kb.errors import EXIT_USAGE
from kb.model import Correction, Kind
from kb.parse import parse_document

# A meeting summary as a host delivers it: headings in mixed case with no number, one of them taken
# for the cover, a request run into a finding, a line of page furniture inside a paragraph.
SUMMARY = """SUMMARY OF THE MEETING OF THE WORKING GROUPS

Opening Remarks

Session 1: Priorities and trends in labor inspection
The Chair opened the session and thanked the delegations for the work carried out during the year.

Conclusions
The participants agreed that the inter-American network of labor inspectors should be strengthened. They asked the Technical Secretariat to prepare a study on telework by March 2026.

Page 2 of 3

The delegations also asked for a workshop on the transition from informal to formal employment.

Commitments
1. To exchange experiences on the inspection of platform work.
2. To support the participation of workers' and employers' organizations in the network.
"""  # noqa: E501


def parsed(corrections: list[Correction]) -> dict[str, tuple[str, str]]:
    doc = parse_document(SUMMARY, corrections=corrections, corrections_file="summary.yaml")
    return {p.eid: (p.kind.value, p.text) for p in doc.provisions}


def test_without_corrections_the_parser_misreads_the_summary() -> None:
    read = parsed([])
    assert not any(text.startswith("Opening Remarks") for _, text in read.values())  # taken for the cover
    assert not any(text.startswith("They asked") for _, text in read.values())  # run into the finding
    assert not any(kind == "Mandate" for kind, _ in read.values())


def test_each_reading_is_applied_where_its_words_begin() -> None:
    read = parsed([
        Correction(at="Opening Remarks", read_as="heading"),
        Correction(at="Session 1:", read_as="heading"),
        Correction(at="Conclusions", read_as="heading"),
        Correction(at="They asked the Technical Secretariat", read_as="starts", kind="Mandate"),
        Correction(at="Page 2 of 3", read_as="skip"),
        Correction(at="The delegations also asked", read_as="continues"),
        Correction(at="Commitments", kind="Mandate"),
    ])
    assert read["subsec_1"] == ("Section", "Opening Remarks")
    assert read["subsec_2"] == ("Section", "Session 1: Priorities and trends in labor inspection")
    assert read["subsec_3"][1] == "Conclusions"
    assert read["subsec_3__al_1"] == ("Paragraph", "The participants agreed that the inter-American network of "
                                      "labor inspectors should be strengthened.")
    kind, text = read["subsec_3__al_2"]
    assert kind == "Mandate" and text.startswith("They asked the Technical Secretariat")
    assert text.endswith("from informal to formal employment.") and "Page 2" not in text
    assert read["subsec_4"] == ("Section", "Commitments")
    assert (read["para_1"][0], read["para_2"][0]) == ("Mandate", "Mandate")  # a kind on a heading: those under it


def test_text_undoes_a_heading_and_body_moves_the_cover() -> None:
    read = parsed([Correction(at="Commitments", read_as="text"),
                   Correction(at="SUMMARY OF THE MEETING", read_as="body")])
    assert ("Paragraph", "SUMMARY OF THE MEETING OF THE WORKING GROUPS") in read.values()
    assert ("Paragraph", "Commitments") in read.values()
    assert not any(kind == "Section" and text == "Commitments" for kind, text in read.values())


def test_a_numbered_paragraph_given_the_recommendation_kind_is_named_as_one() -> None:
    read = parsed([Correction(at="1. To exchange", kind="Recommendation"),
                   Correction(at="2. To support", kind="Recommendation")])
    assert read["recommendation_1"][0] == Kind.RECOMMENDATION.value
    assert "recommendation_2" in read and "para_1" not in read


@pytest.mark.parametrize(("correction", "says"), [
    (Correction(at="opening remarks", read_as="heading", line=7),
     "summary.yaml:7: correction at 'opening remarks': the words are not in the source; the source has it as "
     "'Opening Remarks': copy that"),
    (Correction(at="The", read_as="heading", line=8), "summary.yaml:8: correction at 'The': the words occur"),
    (Correction(at="Chair opened the session", kind="Mandate", line=9),
     "summary.yaml:9: correction at 'Chair opened the session': the words are not where a line begins (that line "
     "begins 'The Chair opened"),
    (Correction(at="Conclusions", after="no such words", read_as="heading", line=10),
     "summary.yaml:10: correction at 'Conclusions': `after` 'no such words' is not in the source"),
])
def test_a_correction_that_cannot_be_placed_is_refused_with_its_line(correction: Correction, says: str) -> None:
    with pytest.raises(kb.ParseError) as caught:
        parsed([correction])
    assert str(caught.value).startswith(says)


def test_number_gives_the_number_a_reader_sees() -> None:
    read = parsed([Correction(at="The participants agreed", number="4"),
                   Correction(at="2. To support", number="2bis"),
                   Correction(at="Conclusions", read_as="heading", number="III")])
    assert read["para_4"][1].startswith("The participants agreed")  # named as the numbered paragraphs are
    assert read["para_2bis"][1].startswith("To support")
    doc = parse_document(SUMMARY, corrections=[Correction(at="Conclusions", read_as="heading", number="III")])
    (heading,) = [p for p in doc.provisions if p.heading == "Conclusions"]
    assert heading.number == "III"


def test_a_lettered_line_read_as_a_heading_keeps_its_letter() -> None:
    text = "REPORT\n\na. Opening of the meeting\nThe Chair welcomed the delegations of the member states.\n"
    doc = parse_document(text, corrections=[Correction(at="a. Opening", read_as="heading")])
    (heading,) = [p for p in doc.provisions if p.kind is Kind.SECTION]
    assert (heading.number, heading.heading) == ("a", "Opening of the meeting")


def test_a_line_taken_for_furniture_is_text_when_a_correction_names_it() -> None:
    text = ("MEETING PAGE\n\nThe meeting of the Working Groups took place in Mexico City in 2004.\n\n"
            "Participants List >>\n\nFinal Report of the meeting >>\n")
    alone = parse_document(text).provisions
    assert not any("Participants List" in p.text for p in alone)
    doc = parse_document(text, corrections=[Correction(at="Participants List >>", read_as="starts")])
    assert any(p.text.startswith("Participants List") for p in doc.provisions)


def test_corrections_that_contradict_each_other_are_refused() -> None:
    with pytest.raises(kb.ParseError, match="says read_as 'heading' where the correction at line 3 says 'skip'"):
        parsed([Correction(at="Opening Remarks", read_as="skip", line=3),
                Correction(at="Opening Remarks", read_as="heading", line=4)])
    read = parsed([Correction(at="Conclusions", read_as="heading", line=3),
                   Correction(at="Conclusions", kind="Finding", line=4)])  # two things, not a contradiction
    assert read["subsec_1__al_1"][0] == "Finding"


def test_words_found_twice_are_taken_where_one_of_them_begins_a_line() -> None:
    text = "REPORT\n\nThe VIII Meeting of the network took place in 2010.\n\nIII Meeting of the network\nIt met.\n"
    doc = parse_document(text, corrections=[Correction(at="III Meeting", read_as="heading")])
    assert [p.heading for p in doc.provisions if p.kind is Kind.SECTION] == ["III Meeting of the network"]


RUN_ON = ("NOTES OF THE DIALOGUE\n\nMain conclusions of the dialogue and the way forward\n"
          "the participants agreed that social dialogue is the basis of any labor reform in the region.\n"
          "They requested that the Technical Secretariat prepare a summary of the experiences presented,\n"
          "in the Plan of Action of Lima and its mandates on social dialogue.\nNext steps\n")


def test_a_heading_is_its_line_alone_and_the_line_before_it_stays_text() -> None:
    doc = parse_document(RUN_ON, corrections=[Correction(at="Main conclusions", read_as="heading"),
                                              Correction(at="in the Plan of Action of Lima", read_as="heading")])
    sections = [p.heading for p in doc.provisions if p.kind is Kind.SECTION]
    assert sections == ["Main conclusions of the dialogue and the way forward",
                        "in the Plan of Action of Lima and its mandates on social dialogue."]
    texts = [p.text for p in doc.provisions if p.kind is not Kind.SECTION]
    assert texts[0].startswith("the participants agreed") and texts[1].endswith("of the experiences presented,")


def test_a_heading_quoted_over_several_lines_is_one_heading_and_may_begin_the_body() -> None:
    text = ("OEA/Ser.W\nCIDI/doc.30/40\n\n- 30 -\n\nDRAFT RESOLUTION\nRATIFICATION OF THE AGREEMENTS\nOF THE "
            "MEETING\n\nThe Council resolves to ratify the agreements of the meeting held in Lima in 2040.\n")
    doc = parse_document(text, corrections=[
        Correction(at="DRAFT RESOLUTION\nRATIFICATION OF THE AGREEMENTS\nOF THE MEETING", read_as="heading"),
        Correction(at="DRAFT RESOLUTION", read_as="body")])
    (heading,) = [p for p in doc.provisions if p.kind is Kind.SECTION]
    assert heading.heading == "DRAFT RESOLUTION RATIFICATION OF THE AGREEMENTS OF THE MEETING"
    assert [p.text[:15] for p in doc.provisions if p.kind is not Kind.SECTION] == ["The Council res"]


def test_continues_keeps_a_number_as_text_and_carries_on_mid_line() -> None:
    text = ("DECLARACIÓN\n\n1. Fortalecer la inspección del trabajo; Página 2 de 4 y que la economía informal "
            "persiste en la región.\n\n2. Promover el diálogo social.\n")
    doc = parse_document(text, corrections=[Correction(at="Página 2 de 4", read_as="skip"),
                                            Correction(at="y que la economía", read_as="continues"),
                                            Correction(at="2. Promover", read_as="continues")])
    (only,) = [p for p in doc.provisions if p.kind is not Kind.SECTION]
    assert only.text == ("Fortalecer la inspección del trabajo; y que la economía informal persiste en la región. "
                         "2. Promover el diálogo social.")


def test_text_keeps_the_number_of_a_heading_it_undoes() -> None:
    text = "PLAN\n\nI. ORGANIZATION\n\n1. The Chair will convene.\n\nII. EMPLOYMENT\n\n2. Ministries will act.\n"
    doc = parse_document(text, corrections=[Correction(at="II. EMPLOYMENT", read_as="text")])
    assert any(p.text == "EMPLOYMENT" and p.number == "II" for p in doc.provisions)


def test_a_kind_given_on_a_paragraph_wins_over_its_headings_in_any_order() -> None:
    for order in (1, -1):
        read = parsed([Correction(at="1. To exchange", kind="Paragraph"),
                       Correction(at="Commitments", kind="Mandate")][::order])
        assert (read["para_1"][0], read["para_2"][0]) == ("Paragraph", "Mandate")


def test_placing_messages_say_what_differs() -> None:
    with pytest.raises(kb.ParseError, match="occur only before the `after` text"):
        parsed([Correction(at="Opening Remarks", after="Conclusions", read_as="heading")])
    decomposed = "Sesio\u0301n"
    with pytest.raises(kb.ParseError, match="one character"):
        parse_document("ACTA\n\nSesión de apertura\nLa reunión comenzó.\n",
                       corrections=[Correction(at=decomposed, read_as="heading")])
    read = parsed([Correction(at="\n\nConclusions", read_as="heading")])  # a line begins at its first word
    assert read["subsec_1"][1] == "Conclusions"


def test_a_provision_a_curator_begins_is_no_heading_and_text_may_cut_a_line() -> None:
    text = ("RESOLUCIÓN\n\nLA ASAMBLEA GENERAL, RESUELVE: I. Fortalecer la cooperación regional II. Promover el "
            "diálogo social entre los gobiernos, los trabajadores y los empleadores de la región.\n")
    for cut in ([Correction(at="II. Promover", read_as="starts", kind="Paragraph")],
                [Correction(at="II. Promover", read_as="starts"), Correction(at="II. Promover", read_as="text")],
                [Correction(at="II. Promover", read_as="text")]):
        doc = parse_document(text, corrections=cut)
        (part,) = [p for p in doc.provisions if p.text.startswith("Promover") or p.text.startswith("II. Promover")]
        assert part.kind is not Kind.SECTION, cut


def test_words_quoted_over_lines_skip_or_carry_on_every_line() -> None:
    text = ("ACTA\n\nThe meeting agreed to strengthen the network\nShare this page\nPrint\nof labor "
            "inspectors in the region.\n\nIt closed at noon.\n")
    doc = parse_document(text, corrections=[Correction(at="Share this page\nPrint", read_as="skip"),
                                            Correction(at="The meeting agreed", read_as="body")])
    assert doc.provisions[0].text == "The meeting agreed to strengthen the network of labor inspectors in the region."
    words = "ACTA\n\nThe\nmeeting\nAgreed.\n\nIt closed.\n"
    doc = parse_document(words, corrections=[Correction(at="meeting\nAgreed.", read_as="continues"),
                                             Correction(at="The", read_as="body")])
    assert [p.text for p in doc.provisions] == ["The meeting Agreed.", "It closed."]


@pytest.mark.parametrize(("first", "second", "says"), [
    (("Opening Remarks", "body"), ("Conclusions", "body"), "a second `body`"),
    (("Opening Remarks", "heading"), ("Conclusions", "body"), "in the cover, before the `body` correction at line 4"),
    (("Conclusions", "heading"), ("Conclusions", "text"), "says read_as 'text' where"),
    (("Conclusions", "continues"), ("Conclusions", "starts"), "says read_as 'starts' where"),
])
def test_corrections_that_contradict_each_other_or_the_body_are_refused(
        first: tuple[str, str], second: tuple[str, str], says: str) -> None:
    with pytest.raises(kb.ParseError, match=re.escape(says)):
        parsed([Correction(at=first[0], read_as=first[1], line=3), Correction(at=second[0], read_as=second[1], line=4)])


def test_eid_keeps_a_provision_and_its_parts_under_a_name() -> None:
    read = parsed([Correction(at="Conclusions", read_as="heading", eid="subsec_9")])
    assert read["subsec_9"][1] == "Conclusions" and "subsec_9__al_1" in read and "subsec_1" not in read
    with pytest.raises(kb.ParseError, match="subsec_2 would name two provisions"):
        parsed([Correction(at="Conclusions", read_as="heading", eid="subsec_2", line=3)])


def test_after_places_words_that_occur_more_than_once() -> None:
    read = parsed([Correction(at="The", after="Conclusions\n", kind="Finding")])
    assert read["subsec_1__al_1"][0] == "Finding"


def test_every_correction_that_cannot_be_placed_is_reported_at_once() -> None:
    with pytest.raises(kb.CorpusErrors) as caught:
        parsed([Correction(at="Nowhere", read_as="heading", line=3),
                Correction(at="Elsewhere", kind="Mandate", line=4)])
    assert [e.line for e in caught.value.errors] == [3, 4]


# --- in the corpus: kb add, the metadata file, the build ------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def held(tmp_path: Path, corpus_copy: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    path = tmp_path / "wg-summary.txt"
    path.write_text(SUMMARY, encoding="utf-8")
    code, _, err = run(capsys, "add", str(path), "--corpus", str(corpus_copy), "--slug", "wg-2025-summary",
                       "--type", "MeetingSummary", "--date", "2025-11", "--no-build")
    assert code == 0, err
    meta = corpus_copy / "documents" / "wg-2025-summary.yaml"
    text = meta.read_text(encoding="utf-8")
    assert "issuing_body: ''" in text
    meta.write_text(text.replace("issuing_body: ''", "issuing_body: iacml"), encoding="utf-8")
    return path, meta


CORRECTIONS = """corrections:
  - {at: "Opening Remarks", read_as: heading}
  - {at: "Session 1:", read_as: heading}
  - {at: "Conclusions", read_as: heading}
  - {at: "They asked the Technical Secretariat", read_as: starts, kind: Mandate}
  - {at: "The delegations also asked", read_as: continues}
"""


def test_kb_add_again_previews_the_corrections_and_the_build_publishes_them(
        capsys: pytest.CaptureFixture[str], held: tuple[Path, Path], tmp_path: Path) -> None:
    path, meta = held
    assert "corrections:" in meta.read_text(encoding="utf-8")  # the proposed file says how to correct
    with meta.open("a", encoding="utf-8") as out:
        out.write(CORRECTIONS)
    build_dir = tmp_path / "build"
    code, out, err = run(capsys, "add", str(path), "--corpus", str(meta.parents[1]), "--slug", "wg-2025-summary",
                         "--build-dir", str(build_dir))
    assert code == 0, err
    assert "kept" in out and "subsec_3__al_2" in out and "Mandate" in out
    code, out, err = run(capsys, "show", "wg-2025-summary subsec_3__al_2", "--build-dir", str(build_dir))
    assert code == 0, err
    assert "They asked the Technical Secretariat" in out and "Mandate" in out
    assert hashlib.sha256(path.read_bytes()).hexdigest() in meta.read_text(encoding="utf-8")  # source untouched


@pytest.mark.parametrize(("entry", "says"), [
    ('  - {at: "Opening remarks", read_as: heading}\n', "the source has it as 'Opening Remarks'"),
    ('  - {at: "Opening Remarks", read_as: title}\n', "read_as 'title' is not a reading"),
    ('  - {at: "Opening Remarks", kind: Section}\n', "kind 'Section' is not a kind a correction gives"),
    ('  - {at: "Opening Remarks", where: here}\n', "'where' is not a key of a correction"),
    ('  - {at: "Opening Remarks"}\n', "says neither `read_as`, `kind`, `number` nor `eid`"),
])
def test_a_bad_correction_stops_the_build_with_the_metadata_file_and_line(
        held: tuple[Path, Path], tmp_path: Path, entry: str, says: str) -> None:
    _, meta = held
    with meta.open("a", encoding="utf-8") as out:
        out.write(CORRECTIONS + entry)
    line = len(meta.read_text(encoding="utf-8").splitlines())
    with pytest.raises((kb.CorpusError, kb.CorpusErrors)) as caught:
        kb.build(meta.parents[1], tmp_path / "build")
    errors = caught.value.errors if isinstance(caught.value, kb.CorpusErrors) else [caught.value]
    assert any(str(e).startswith(f"{meta}:{line}: ") and says in str(e) for e in errors), errors
    assert not (tmp_path / "build" / "current").exists()


def test_kb_parse_previews_the_corrections_of_a_metadata_file(
        capsys: pytest.CaptureFixture[str], held: tuple[Path, Path]) -> None:
    path, meta = held
    with meta.open("a", encoding="utf-8") as out:
        out.write(CORRECTIONS)
    code, out, err = run(capsys, "parse", str(path), "--corrections", str(meta), "--format", "json")
    assert code == 0, err
    kinds = {p["eid"]: p["kind"] for p in json.loads(out)["provisions"]}
    assert kinds["subsec_1"] == "Section" and kinds["subsec_3__al_2"] == "Mandate"
    with meta.open("a", encoding="utf-8") as out:
        out.write('  - {at: "Nowhere in the text", read_as: heading}\n')
    code, _, err = run(capsys, "parse", str(path), "--corrections", str(meta))
    assert code == EXIT_USAGE and f"{meta}:" in err and "the words are not in the source" in err
    with meta.open("a", encoding="utf-8") as out:
        out.write('  - {at: "Nor here", read_as: heading}\n')
    code, _, err = run(capsys, "parse", str(path), "--corrections", str(meta))  # a preview publishes nothing anyway
    assert code == EXIT_USAGE and "2 problem(s) in the corpus, the corrections were not applied" in err, err
    assert "nothing was published" not in err and f"run `kb parse {path} --corrections {meta}` again" in err


def test_a_line_in_no_provision_is_warned_of() -> None:
    text = ("DECLARATION\n1. We reaffirm that cultural diversity is a source of wealth for the region.\n"
            "2. We recognize the right of freedom of expression.\n3.\n"
            "4. We encourage greater collaboration among governments and civil society.\n")  # 3's text lost
    doc = parse_document(text)
    lost = [(w.line, w.code) for w in doc.warnings if w.code == "lost-line"]
    assert lost == [(4, "lost-line")]
    assert [r.role for r in doc.read_lines(text) if r.line == 4] == ["none"]


def fixes(folder: Path, *entries: str) -> Path:
    path = folder / "fixes.yaml"
    path.write_text("corrections:\n" + "".join(f"  - {e}\n" for e in entries), encoding="utf-8")
    return path


def test_kb_parse_lines_shows_what_each_line_was_read_as(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "summary.txt"
    path.write_text(SUMMARY.replace("inspection of platform work.", "inspection of platform work\nin the region."),
                    encoding="utf-8")
    code, out, err = run(capsys, "parse", str(path), "--lines", "--format", "json")
    assert code == 0, err
    read = {r["line"]: (r["role"], r["eids"], r["first"]) for r in json.loads(out)}
    assert read[3] == ("cover", [], False)  # the heading the parser took for the cover
    assert read[11] == ("set aside", [], False)  # "Page 2 of 3"
    assert read[16] == ("text", ["para_1"], True) and read[17] == ("text", ["para_1"], False)  # carried on
    assert 2 not in read  # blank lines are left out
    code, out, err = run(capsys, "parse", str(path), "--lines", "--format", "json", "--corrections", str(fixes(
        tmp_path, '{at: "They asked the Technical Secretariat", read_as: starts}')))
    assert code == 0, err
    read = {r["line"]: (r["role"], r["eids"], r["first"]) for r in json.loads(out)}
    assert read[9] == ("text", ["subsec_1__al_1", "subsec_1__al_2"], True)  # a line cut in two: both begin on it
    code, out, _ = run(capsys, "parse", str(path), "--lines")
    assert code == 0 and re.search(r"^11 +set aside +Page 2 of 3", out, re.MULTILINE)


def test_corrections_must_be_a_list(held: tuple[Path, Path]) -> None:
    _, meta = held
    meta.write_text(meta.read_text(encoding="utf-8") + "corrections: heading\n", encoding="utf-8")
    with pytest.raises(kb.CorpusError, match="field 'corrections' must be a list"):
        load_corpus(meta.parents[1])
    assert yaml.safe_load(meta.read_text(encoding="utf-8"))["corrections"] == "heading"


def test_a_body_correction_that_puts_numbered_lines_in_the_cover_is_warned() -> None:
    doc = parse_document(SUMMARY, corrections=[Correction(at="2. To support", read_as="body", line=3)],
                         corrections_file="summary.yaml")
    (warning,) = [w for w in doc.warnings if w.code == "numbered-cover"]
    first = "1. To exchange experiences on the inspection of platform work."
    assert warning.line == SUMMARY.splitlines().index(first) + 1
    assert "1 numbered line(s)" in warning.message
    at_the_first = parse_document(SUMMARY, corrections=[Correction(at="Opening Remarks", read_as="body", line=3)],
                                  corrections_file="summary.yaml")
    assert not [w for w in at_the_first.warnings if w.code == "numbered-cover"]


def test_a_line_a_correction_was_placed_in_is_not_doubted_again() -> None:
    """A warning that stays once its own fix is applied sends the curator to build a doubtful reading: a
    line run together that a correction was placed in has been looked at."""
    from test_parse_layouts import GLUED_PLAN

    plain = parse_document(GLUED_PLAN)
    assert [w.code for w in plain.warnings if w.code == "inline-items"] == ["inline-items"]
    corrected = parse_document(GLUED_PLAN, corrections=[Correction(at="A. ORGANIZATION", read_as="continues")])
    assert "inline-items" not in [w.code for w in corrected.warnings]
    assert "sec_1" not in {p.eid for p in corrected.provisions}  # the correction itself took effect
    kind_only = parse_document(GLUED_PLAN, corrections=[Correction(at="b. To promote", kind="Recommendation")])
    assert "inline-items" in [w.code for w in kind_only.warnings]  # a kind is not a look at the cuts



def test_cuts_that_are_right_are_said_so_as_the_warning_says() -> None:
    """A third walkthrough: a line whose cuts were right kept its warning, and the message said how to correct a
    cut, not how to say the cuts are right. `read_as: starts` at one of them does, and keeps them."""
    line = ("1. Promote decent work in the region and strengthen the ministries of labor in their tasks; 2. Strengthen "
            "social dialogue among the parties with the support of the workers and employers; 3. Support labor "
            "inspection with training and new tools for the inspectors.")
    text = f"DECLARATION OF TESTVILLE\n\nWE, THE MINISTERS, declare:\n\n{line}\n"
    plain = parse_document(text, doc_type="Declaration")
    warning = next(w for w in plain.warnings if w.code == "inline-items")
    assert "cuts that are right: `read_as: starts` at one of them says so" in warning.message
    said = parse_document(text, doc_type="Declaration", corrections=[Correction(at="2. Strengthen", read_as="starts")])
    assert "inline-items" not in [w.code for w in said.warnings]
    assert [p.eid for p in said.provisions] == [p.eid for p in plain.provisions] == ["para_1", "para_2", "para_3"]
