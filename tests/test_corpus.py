"""The corpus stage: the shipped corpus is intact, and every kind of broken corpus file fails
with the file, the line where there is one, and what to do."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

import kb
from kb.corpus import REQUIRED_FIELDS, load_corpus
from kb.errors import CorpusError, CorpusErrors
from kb.pipeline import prepare

SOURCES = Path(__file__).resolve().parents[2] / "shared" / "sources"


def test_every_held_document_has_metadata_and_a_matching_checksum() -> None:
    docs = load_corpus()
    assert [d.meta.slug for d in docs] == sorted(d.meta.slug for d in docs)
    assert {d.meta.slug for d in docs} >= {  # the corpus of record, and whatever the secretariat adds
        "ws2023-descriptive-document", "ws2023-event-page", "wg1-2021-final-report", "wg1-2024-report",
        "wg1-2019-quito-summary"}
    for doc in docs:
        raw = doc.path.read_bytes()
        assert hashlib.sha256(raw).hexdigest() == doc.meta.sha256  # recomputed here, not trusted
        assert doc.text == raw.decode("utf-8")
        assert all(getattr(doc.meta, f if f != "type" else "doc_type") not in (None, "") for f in REQUIRED_FIELDS
                   if f not in ("symbols", "meeting"))


def test_the_2021_report_metadata_carries_its_symbols_and_date() -> None:
    meta = {d.meta.slug: d.meta for d in load_corpus()}["wg1-2021-final-report"]
    assert meta.symbols == ("OEA/Ser.K/XII.21.1", "CIDI/TRABAJO/RP/doc.4/21")
    assert meta.date == "2021-07-08"
    assert meta.original_language == "es"


@pytest.mark.skipif(not SOURCES.is_dir(), reason="the shared sources folder is not beside this checkout")
def test_sources_are_byte_identical_to_the_shared_originals() -> None:
    for doc in load_corpus():
        assert doc.path.read_bytes() == (SOURCES / doc.path.name).read_bytes()




def _error(corpus: Path) -> CorpusError:
    with pytest.raises(CorpusError) as info:
        load_corpus(corpus)
    return info.value


def test_wrong_checksum_names_the_source_and_both_hashes(corpus_copy: Path) -> None:
    source = corpus_copy / "sources" / "002_02cb97b6c04033b0.txt"
    source.write_bytes(source.read_bytes().replace(b"Instruct ILO", b"Invite ILO"))
    err = _error(corpus_copy)
    assert err.path.endswith("002_02cb97b6c04033b0.txt")
    assert "checksum mismatch" in str(err) and "wg1-2021-final-report.yaml" in str(err)
    assert "stays byte for byte as received" in str(err) and "--replace" in str(err)


def test_missing_metadata_field_is_named(corpus_copy: Path) -> None:
    meta = corpus_copy / "documents" / "wg1-2024-report.yaml"
    meta.write_text("\n".join(line for line in meta.read_text().splitlines() if not line.startswith("issuing_body")))
    err = _error(corpus_copy)
    assert err.path.endswith("wg1-2024-report.yaml")
    assert "missing metadata field(s): issuing_body" in str(err)


def test_every_bad_field_of_a_metadata_file_is_reported_in_one_build(corpus_copy: Path) -> None:
    """Issue 14: every corpus error of a build at once, each with its line. A metadata file with a mistyped
    type, an impossible date and an unknown field gave the first of them, one build per mistake."""
    meta = corpus_copy / "documents" / "wg1-2024-report.yaml"
    text = meta.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^type: .*$", "type: WorkingGroupReprot", text)
    text = re.sub(r"(?m)^date: .*$", 'date: "2024-02-30"', text)
    meta.write_text(text + "langauge: en\n", encoding="utf-8")
    lines = meta.read_text(encoding="utf-8").splitlines()
    with pytest.raises(CorpusErrors) as info:
        kb.assemble(corpus_copy)
    said = {(e.path, e.line): str(e) for e in info.value.errors}
    where = {key: next(i for i, line in enumerate(lines, 1) if line.startswith(key + ":"))
             for key in ("type", "date", "langauge")}
    assert set(said) == {(str(meta), line) for line in where.values()}, said
    assert "did you mean WorkingGroupReport?" in said[str(meta), where["type"]]
    assert "not a real date" in said[str(meta), where["date"]]
    assert "did you mean language?" in said[str(meta), where["langauge"]]


def test_an_issuing_body_typed_as_printed_is_answered_with_its_slug(corpus_copy: Path) -> None:
    """A walkthrough's curator wrote the issuer as printed ("IACML") and misspelt ("iacm"): the error said to
    declare it, and nothing named the slug meant."""
    meta = corpus_copy / "documents" / "wg1-2024-report.yaml"
    text = meta.read_text(encoding="utf-8")
    for typed in ("IACML", "iacm"):
        meta.write_text(re.sub(r"(?m)^issuing_body: .*$", f"issuing_body: {typed}", text), encoding="utf-8")
        with pytest.raises(CorpusError) as info:  # the one error of this build
            kb.assemble(corpus_copy)
        said = str(info.value)
        assert f"issuing_body {typed!r} is not a body declared" in said and "did you mean iacml?" in said, said


def test_a_meeting_numbered_as_another_of_its_series_is_said_to_be_undeclared(corpus_copy: Path) -> None:
    """A walkthrough's curator gave a plan of the XIX IACML `meeting: iacml19`, not declared yet, and was asked
    "did you mean iacml21 or iacml18?": other conferences of the series, not what was meant. A slug that differs
    from the declared ones by its number alone is said to be undeclared, with how to declare it."""
    meta = corpus_copy / "documents" / "wg1-2021-final-report.yaml"
    text = meta.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("meeting:"))
    for typed in ("iacml19", "iacm21"):
        meta.write_text(re.sub(r"(?m)^meeting: .*$", f"meeting: {typed}", text), encoding="utf-8")
        with pytest.raises(CorpusError) as info:  # the one error of this build
            kb.assemble(corpus_copy)
        said = str(info.value)
        assert f"wg1-2021-final-report.yaml:{line}: meeting {typed!r} is not an activity declared" in said, said
        if typed == "iacml19":
            assert "did you mean" not in said
            assert ("it differs from iacml18, iacml20, iacml21 or iacml22 by its number alone: if it is another "
                    "meeting of that series, declare it under activities: in corpus/annotations/activities.yaml "
                    "(`- slug: iacml19` with its type, label, dates and place") in said, said
        else:  # a misspelling is still answered with the slug meant
            assert "did you mean iacml21?" in said and "by its number alone" not in said, said


@pytest.mark.parametrize(("typed", "said"), [
    ("wg1-2024-reprot", "'wg1-2024-reprot' is not a held document; did you mean wg1-2024-report?"),
    ("wg1-2021-final-report", "names the document itself"),
])
def test_a_distinct_from_naming_no_other_held_document_is_refused_at_its_line(corpus_copy: Path, typed: str,
                                                                              said: str) -> None:
    """A walkthrough's curator misspelt the slug in `distinct_from:`: nothing said so, and the build went on
    asking for the line already written."""
    meta = corpus_copy / "documents" / "wg1-2021-final-report.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(f"{text}distinct_from: [{typed}]\n", encoding="utf-8")
    line = len(text.splitlines()) + 1
    with pytest.raises(CorpusError) as info:  # the one error of this build
        kb.assemble(corpus_copy)
    assert f"wg1-2021-final-report.yaml:{line}: distinct_from {said}" in str(info.value), str(info.value)


@pytest.mark.parametrize("typed", ["conference", "Confrence"])
def test_an_activity_type_typed_loosely_is_answered_with_the_one_meant(corpus_copy: Path, typed: str) -> None:
    """A second walkthrough's curator typed `type: conference`: the error listed the twelve types and named none."""
    activities = corpus_copy / "annotations" / "activities.yaml"
    text = activities.read_text(encoding="utf-8")
    activities.write_text(text.replace("type: Conference", f"type: {typed}", 1), encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        kb.assemble(corpus_copy)
    assert f"type {typed!r} is not one of Conference" in str(info.value)
    assert "did you mean Conference?" in str(info.value)


def test_malformed_yaml_gives_the_line(corpus_copy: Path) -> None:
    meta = corpus_copy / "documents" / "ws2023-event-page.yaml"
    lines = meta.read_text().splitlines()
    lines.insert(4, "symbols: [unclosed")
    meta.write_text("\n".join(lines) + "\n")
    err = _error(corpus_copy)
    assert err.path.endswith("ws2023-event-page.yaml")
    assert "malformed YAML" in str(err) and err.line is not None and err.line >= 5


def test_an_unclosed_quote_or_bracket_is_reported_where_it_was_opened(corpus_copy: Path) -> None:
    """YAML finds an unclosed quote missing only at the end of the file, and an unclosed bracket on the next
    line: the error names the line the curator typed it on, and where the parser stopped."""
    meta = corpus_copy / "documents" / "ws2023-event-page.yaml"
    lines = meta.read_text(encoding="utf-8").splitlines()
    lines = [text for text in lines if not text.startswith("title:")]
    lines.insert(len(lines) - 1, 'title: "Intersectoral Workshop')  # no quote mark after it closes it
    meta.write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = _error(corpus_copy)
    assert err.line == len(lines) - 1, str(err)
    assert "the quoted text opened at this line is not closed" in str(err)
    assert "(still open at the end of the file)" in str(err) and f"line {len(lines) + 1}" not in str(err)

    path = corpus_copy / "annotations" / "bodies.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, text in enumerate(lines) if text.startswith("    alt_labels:"))
    lines[at] = "    alt_labels: [CIDI, Consejo"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CorpusErrors) as info:
        prepare(corpus_copy)
    err = next(e for e in info.value.errors if e.path.endswith("bodies.yaml"))
    assert err.line == at + 1 and "the [...] list opened at this line is not closed" in str(err), str(err)


def test_a_malformed_annotation_file_is_the_one_error_of_its_build(corpus_copy: Path) -> None:
    """What an unreadable file declares is unknown: its syntax error alone is reported, not every
    reference to the bodies, activities and documents it declares."""
    for name, line in (("bodies.yaml", "    alt_labels: [CIDI, \"unclosed]"), ("activities.yaml", "  - slug: [broken")):
        path = corpus_copy / "annotations" / name
        lines = path.read_text(encoding="utf-8").splitlines()
        at = next(i for i, text in enumerate(lines) if text.startswith(("    alt_labels:", "  - slug:")))
        lines[at] = line
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CorpusErrors) as info:
        prepare(corpus_copy)
    problems = info.value.errors
    assert sorted(Path(e.path).name for e in problems) == ["activities.yaml", "bodies.yaml"]
    assert all("malformed YAML" in str(e) and e.line for e in problems)


def test_source_that_is_not_utf8_gives_the_line(corpus_copy: Path) -> None:
    source = corpus_copy / "sources" / "001_59f5d31060b7bea9.txt"
    raw = source.read_bytes().replace(b"Registration and Participation", b"Registration \xe9 Participation")
    source.write_bytes(raw)
    meta = corpus_copy / "documents" / "ws2023-event-page.yaml"
    text = meta.read_text()
    old = next(line for line in text.splitlines() if line.startswith("sha256:"))
    meta.write_text(text.replace(old, f"sha256: {hashlib.sha256(raw).hexdigest()}"))
    err = _error(corpus_copy)
    assert "not UTF-8" in str(err) and err.line == raw[: raw.index(b"\xe9")].count(b"\n") + 1


def test_bad_field_values_are_refused_with_their_line(corpus_copy: Path) -> None:
    meta = corpus_copy / "documents" / "wg1-2021-final-report.yaml"
    meta.write_text(meta.read_text().replace('date: "2021-07-08"', 'date: "8 July 2021"'))
    err = _error(corpus_copy)
    assert "field 'date'" in str(err) and err.line is not None
    assert meta.read_text().splitlines()[err.line - 1].startswith("date:")


@pytest.mark.parametrize(("date", "quote"), [("2021-02-30", '"'), ("2021-13", '"'), ("2021-00-08", '"'),
                                            ("2021-02-30", "")])
def test_a_date_the_calendar_has_not_is_refused_with_its_line(corpus_copy: Path, date: str, quote: str) -> None:
    """A curator's typo that the pattern lets through once made the build end in a traceback (and, not
    quoted, YAML's own reading of dates)."""
    meta = corpus_copy / "documents" / "wg1-2021-final-report.yaml"
    meta.write_text(meta.read_text().replace('date: "2021-07-08"', f'date: {quote}{date}{quote}'))
    err = _error(corpus_copy)
    assert f"field 'date' '{date}' is not a real date" in str(err) and err.hint == "check the month and the day"
    assert meta.read_text().splitlines()[err.line - 1].startswith("date:")
    activities = corpus_copy / "annotations" / "activities.yaml"
    meta.write_text(meta.read_text().replace(f'date: {quote}{date}{quote}', 'date: "2021-07-08"'))
    activities.write_text(activities.read_text().replace('start: "2021-07-28"', f'start: {quote}{date}{quote}', 1))
    with pytest.raises(CorpusError, match=rf"activities\.yaml:\d+: start '{date}' is not a real date"):
        prepare(corpus_copy)


def test_a_key_given_twice_is_refused_with_its_line(corpus_copy: Path) -> None:
    """YAML keeps the last of two keys: a `withdrawn:` block pasted under another hid the first."""
    links = corpus_copy / "annotations" / "links.yaml"
    text = links.read_text(encoding="utf-8")
    links.write_text(text + "\nlinks: []\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"links\.yaml:\d+: malformed YAML: 'links' is given twice") as caught:
        prepare(corpus_copy)
    assert caught.value.line == len(text.splitlines()) + 2
    meta = corpus_copy / "documents" / "wg1-2021-final-report.yaml"
    meta.write_text(meta.read_text() + 'date: "2021-07-09"\n')
    assert "'date' is given twice" in str(_error(corpus_copy))


def test_slug_must_match_the_file_name(corpus_copy: Path) -> None:
    meta = corpus_copy / "documents" / "wg1-2024-report.yaml"
    meta.rename(meta.with_name("wg1-report.yaml"))
    assert "differs from the file name" in str(_error(corpus_copy))


def test_missing_source_file(corpus_copy: Path) -> None:
    (corpus_copy / "sources" / "003_2266ae6c382e42f9.txt").unlink()
    err = _error(corpus_copy)
    assert err.path.endswith("003_2266ae6c382e42f9.txt") and "not found" in str(err)


def test_the_dataset_description_is_checked_with_the_other_corpus_errors(corpus_copy: Path) -> None:
    from kb.corpus import read_dataset_info
    from kb.errors import CorpusErrors
    from kb.pipeline import prepare

    about = read_dataset_info(corpus_copy)
    assert about.license.startswith("https://") and about.title
    (corpus_copy / "dataset.yaml").write_text("title: A title\nlicense: CC BY 4.0\n", encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        read_dataset_info(corpus_copy)
    assert info.value.line == 2 and "is not an http(s) IRI" in str(info.value) and "dataset.yaml" in str(info.value)
    (corpus_copy / "dataset.yaml").write_text("title: A title\ncolour: blue\n", encoding="utf-8")
    meta = corpus_copy / "documents" / "wg1-2021-final-report.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("slug:", "slugg:"), encoding="utf-8")
    with pytest.raises(CorpusErrors) as every:  # both files' errors in one build
        prepare(corpus_copy)
    messages = [str(e) for e in every.value.errors]
    assert any("dataset.yaml" in m and "'colour' is not a known field" in m for m in messages), messages
    assert any("wg1-2021-final-report.yaml" in m for m in messages), messages
    (corpus_copy / "dataset.yaml").unlink()
    meta.write_text(meta.read_text(encoding="utf-8").replace("slugg:", "slug:"), encoding="utf-8")
    assert prepare(corpus_copy).about == read_dataset_info(corpus_copy)  # no file: nothing said
    assert not read_dataset_info(corpus_copy).license


@pytest.mark.parametrize("value", ["2017-13", "2019-12-03/2019-12-32", "--02-30/--05-17"])
def test_a_claimed_date_the_calendar_has_not_is_refused(corpus_copy: Path, value: str) -> None:
    claims = corpus_copy / "annotations" / "claims.yaml"
    text = claims.read_text(encoding="utf-8")
    claims.write_text(text.replace('value: "2017-12"', f'value: "{value}"', 1), encoding="utf-8")
    with pytest.raises(CorpusError, match=r"claims\.yaml:\d+: value .* is not a real date"):
        prepare(corpus_copy)


def test_a_link_whose_source_came_before_its_target_is_refused(corpus_copy: Path) -> None:
    """The Quito meeting of December 2019 cannot answer a mandate of the Plan of Action of September 2021,
    nor a 2021 recommendation be adopted from a 2024 one: each refused at its line, at once, naming both dates
    (a status would otherwise say "addressed" by what came first). "2021" is not before "2021-09"."""
    links = corpus_copy / "annotations" / "activity-links.yaml"
    text = links.read_text(encoding="utf-8")
    lines = text.count("\n") + 1
    links.write_text(text + """
  - from: activity:wg-meeting-2019-quito
    type: respondsTo
    to: iacml21-plan-of-action art_7__para_g
    evidence:
      - doc: wg1-2019-quito-summary
        quote: "as the priority topics of this meeting"

  - from: wg1-2021-final-report recommendation_7
    type: derivedFrom
    to: wg1-2024-report recommendation_6
    evidence:
      - doc: wg1-2021-final-report
        quote: "Instruct ILO-CINTERFOR, OAS and UNESCO"
""", encoding="utf-8")
    with pytest.raises(CorpusErrors) as info:
        prepare(corpus_copy)
    found = [e for e in info.value.errors if "comes before" in e.message]
    assert [Path(e.path).name for e in found] == [f"activity-links.yaml:{lines + 1}",
                                                  f"activity-links.yaml:{lines + 8}"]
    assert "activity:wg-meeting-2019-quito (2019-12-05) comes before iacml21-plan-of-action art_7__para_g " \
           "(2021-09): it cannot answer it" in found[0].message
    assert "wg1-2021-final-report recommendation_7 (2021-07-08) comes before wg1-2024-report recommendation_6" \
           in found[1].message and "cannot derive from it" in found[1].message
    assert "dates declared" in (found[0].hint or "")


def test_an_entry_of_topics_or_no_link_is_refused_at_its_own_line(corpus_copy: Path) -> None:
    """A walkthrough's curator broke the third entry of a `no_link:` section and was sent to its first line."""
    path = corpus_copy / "annotations" / "curator-notes.yaml"
    path.write_text("no_link:\n"
                    "  \"wg1-2024-report recommendation_1\": a new topic, no mandate behind it\n"
                    "  \"wg1-2024-report recommendation_2\": a new topic too\n"
                    "  \"wg1-2024-report recommendation_99\": a typo in the eId\n"
                    "  123: not a reference\n"
                    "topics:\n"
                    "  \"wg1-2024-report recommendation_1\": [decent-work]\n"
                    "  \"wg1-2024-report recommendation_98\": [decent-work]\n", encoding="utf-8")
    with pytest.raises(CorpusErrors) as info:
        prepare(corpus_copy)
    assert sorted(e.path.rsplit("/", 1)[-1] for e in info.value.errors) == ["curator-notes.yaml:4",
                                                                              "curator-notes.yaml:5",
                                                                              "curator-notes.yaml:8"]


@pytest.mark.parametrize("value", ["[OEA, Organización]", '""', "{name: OEA}", "12"])
def test_a_malformed_spanish_name_of_a_body_is_refused_at_its_line(corpus_copy: Path, value: str) -> None:
    bodies = corpus_copy / "annotations" / "bodies.yaml"
    text = bodies.read_text(encoding="utf-8")
    bodies.write_text(text.replace("    label_es: Organización de los Estados Americanos (OEA)\n",
                                   f"    label_es: {value}\n", 1), encoding="utf-8")
    with pytest.raises(CorpusError, match=r"bodies\.yaml:\d+: label_es must be a non-empty string") as caught:
        prepare(corpus_copy)
    line = int(re.search(r"bodies\.yaml:(\d+):", str(caught.value))[1])  # type: ignore[index]
    assert bodies.read_text(encoding="utf-8").splitlines()[line - 1].startswith("    label_es:")
    (error,) = caught.value.errors if isinstance(caught.value, CorpusErrors) else (caught.value,)
    assert "official Spanish name" in error.hint and "remove label_es" in error.hint


def test_a_misspelt_spanish_name_field_is_an_unknown_field_at_its_line(corpus_copy: Path) -> None:
    bodies = corpus_copy / "annotations" / "bodies.yaml"
    text = bodies.read_text(encoding="utf-8")
    bodies.write_text(text.replace("    label_es: Organización", "    label_sp: Organización", 1), encoding="utf-8")
    with pytest.raises(CorpusError, match=r"bodies\.yaml:\d+: unknown field 'label_sp'") as caught:
        prepare(corpus_copy)
    assert "label_es" in str(caught.value.hint)
    line = int(re.search(r"bodies\.yaml:(\d+):", str(caught.value))[1])  # type: ignore[index]
    assert bodies.read_text(encoding="utf-8").splitlines()[line - 1].startswith("    label_sp:")

