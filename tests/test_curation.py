"""The curated content: every quote is verbatim at its recorded offsets, the DESIGN.md section 5
chain holds end to end, coverage is complete, and a corrupted quote stops the build."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from fixtures.plan_of_action import NEW_PLAN
from rdflib import URIRef

import kb
from kb import ontology
from kb.annotate import load_annotations
from kb.corpus import load_corpus
from kb.parse import parse
from kb.pipeline import topic_slugs

ROOT = Path(__file__).resolve().parent.parent
B = kb.BASE
EVIDENCE_QUERY = """
PREFIX kb: <https://w3id.org/iacml-kb/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT ?evidence ?quote ?exact ?file ?start ?end WHERE {
  ?evidence a kb:Evidence ; kb:quote ?quote ; oa:hasTarget ?target .
  ?target oa:hasSource ?doc ; oa:hasSelector ?position, ?selector .
  ?position oa:start ?start ; oa:end ?end .
  ?selector oa:exact ?exact .
  ?doc kb:sourceFile ?file .
}
"""


@pytest.fixture(scope="module")
def store(built_release: kb.Release) -> kb.Store:
    return kb.open_store(built_release.store_path)


def test_every_quote_is_verbatim_at_its_recorded_offsets(store: kb.Store) -> None:
    rows = store.select(EVIDENCE_QUERY).dicts()
    texts: dict[str, str] = {}
    checked = set()
    for row in rows:
        path = str(row["file"])
        text = texts.setdefault(path, (ROOT / path).read_text(encoding="utf-8"))
        start, end = int(row["start"]), int(row["end"])
        assert text[start:end] == str(row["quote"]) == str(row["exact"]), row["evidence"]
        checked.add(str(row["evidence"]))
    evidence_count = store.select(
        "SELECT (COUNT(?e) AS ?n) WHERE { ?e a <https://w3id.org/iacml-kb/ontology#Evidence> }")
    assert len(checked) == int(str(evidence_count.rows[0][0])) > 300


def test_every_link_has_evidence(store: kb.Store) -> None:
    rows = store.select("""PREFIX kb: <https://w3id.org/iacml-kb/ontology#>
        SELECT ?link WHERE { ?link a kb:TraceLink FILTER NOT EXISTS { ?link kb:hasEvidence ?e } }""").rows
    assert rows == ()


SECTION_5_CHAIN = {
    # (direction as seen from Art. 7(g), from, type, to)
    ("upstream", "doc/wg1-2021-final-report/recommendation_7", "derivedFrom",
     "doc/wg1-2019-quito-summary/sec_3__subsec_4__list_1__item_3"),
    ("item", "doc/iacml21-plan-of-action/art_7__para_g", "derivedFrom", "doc/wg1-2021-final-report/recommendation_7"),
    ("downstream", "activity/ws2023-education-labor", "respondsTo", "doc/iacml21-plan-of-action/art_7__para_g"),
    ("downstream", "doc/wg1-2024-report/recommendation_6", "reiterates", "doc/iacml21-plan-of-action/art_7__para_g"),
}


def test_the_design_section_5_chain_has_a_quote_on_every_arrow(store: kb.Store) -> None:
    query = kb.get_query("trace")
    result = store.select(query.text, query.bind({"item": f"{B}doc/iacml21-plan-of-action/art_7__para_g"}))
    arrows: dict[tuple[str, str, str, str], list[str]] = {}
    for row in result.dicts():
        key = (str(row["direction"]), str(row["from"]).removeprefix(B), str(row["type"]).rsplit("#", 1)[-1],
               str(row["to"]).removeprefix(B))
        arrows.setdefault(key, []).append(str(row["quote"]))
    assert set(arrows) >= SECTION_5_CHAIN
    quotes = {q for key in SECTION_5_CHAIN for q in arrows[key]}
    assert any("Work towards an equivalence of the National Qualifications Frameworks" in q for q in quotes)
    assert any(q.startswith("7. Instruct ILO-CINTERFOR") for q in quotes)
    assert any("Encourage ILO-CINTERFOR, OAS and UNESCO" in q for q in quotes)
    assert any("May 4 to 5, 2023 in Buenos Aires" in q for q in quotes)
    assert any(q.startswith("6. Promote, with the support of ILO/CINTERFOR and OAS") for q in quotes)


def test_coverage_is_complete_for_mandates_and_recommendations(store: kb.Store) -> None:
    report = kb.coverage(store)
    # A document just added has nothing curated yet (kb coverage lists its mandates for the curator);
    # every document that has been curated is complete.
    curated = {doc for doc, kinds in report.documents.items()
               if any(cov.linked or cov.marked for cov in kinds.values())}
    assert [iri for iri in report.uncovered() if iri.split("/doc/")[1].split("/")[0] in curated] == []
    recs = report.documents["wg1-2021-final-report"]["Recommendation"]
    assert recs.total == 10 and recs.linked + recs.marked == 10 and recs.with_topic == 10
    recs24 = report.documents["wg1-2024-report"]["Recommendation"]
    assert recs24.total == 11 and recs24.linked + recs24.marked == 11
    assert report.totals("Mandate").total >= 5


def test_disagreements_are_queryable_with_each_source(store: kb.Store) -> None:
    rows = store.select(kb.get_query("disagreements").text).dicts()
    date = {(str(r["value"]), str(r["source"]).removeprefix(B)) for r in rows
            if str(r["disagreement"]) == "iacml20-date"}
    assert date == {("2017-12", "doc/wg1-2019-quito-summary"), ("2018-12", "doc/wg1-2021-final-report")}
    names = {str(r["value"]) for r in rows if str(r["disagreement"]) == "cie-name"}
    assert names == {"Inter-American Commission on Education", "Inter-American Committee on Education"}


def test_chairs_are_stated_with_evidence(store: kb.Store) -> None:
    rows = store.select("""PREFIX kb: <https://w3id.org/iacml-kb/ontology#>
        SELECT ?chair WHERE { ?wg kb:chair ?chair }""", {"wg": URIRef(f"{B}body/iacml-wg1")}).rows
    assert rows == ((URIRef(f"{B}body/ministry-labor-ecuador"),),)


# --- a corrupted quote stops the build, naming the file and line; nothing is published ---------



def _corrupt_first_quote(path: Path) -> int:
    """Change one character in the first quote of an annotation file; return its 1-based line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if line.strip().startswith("quote:") and len(line) > 40:
            key, value = line.split("quote:", 1)
            lines[number - 1] = f"{key}quote:{value.replace('e', '3', 1)}"
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            return number
    raise AssertionError(f"no quote in {path}")


def test_a_corrupted_quote_fails_the_build_with_file_and_line(corpus_copy: Path, tmp_path: Path) -> None:
    build_dir = tmp_path / "build"
    good, _ = kb.build(build_dir=build_dir)
    links = corpus_copy / "annotations" / "links.yaml"
    line = _corrupt_first_quote(links)
    with pytest.raises(kb.QuoteMismatchError) as info:
        kb.build(corpus_copy, build_dir)
    message = str(info.value)
    assert "links.yaml:" in message and "quote not found in" in message and info.value.exit_code == 2
    reported = int(message.split("links.yaml:", 1)[1].split(":", 1)[0])
    assert line - 6 <= reported <= line  # the line of the evidence entry holding the quote
    assert kb.current_release(build_dir).path == good.path


def _load_with(corpus: Path) -> object:
    """Read the annotations of a corpus copy (with the zz-test.yaml a test wrote into it)."""
    docs = load_corpus(corpus)
    provisions = {d.meta.slug: parse(d.text) for d in docs}
    return load_annotations(corpus / "annotations", docs, provisions, topic_slugs(ontology.topics_graph()))


def test_an_ambiguous_quote_needs_an_after_hint(corpus_copy: Path) -> None:
    (corpus_copy / "annotations" / "zz-test.yaml").write_text(
        'activities:\n  - slug: test-activity\n    type: Study\n    label: Test\n    evidence:\n'
        '      - doc: wg1-2021-final-report\n        quote: "Working Group 1"\n', encoding="utf-8")
    with pytest.raises(kb.QuoteMismatchError, match=r"zz-test.yaml:6: quote occurs \d+ times"):
        _load_with(corpus_copy)


def test_a_quote_typed_across_a_line_break_is_given_the_break_to_write(corpus_copy: Path, tmp_path: Path) -> None:
    """The plan breaks the line after "Chairs, will": a quote typed on one line has a space there (YAML folds a
    plain value's line break into one too), and once failed with "matches up to ... then differs" alone."""
    plan = tmp_path / "plan.txt"
    plan.write_text(NEW_PLAN, encoding="utf-8")
    slug = kb.add_document(plan, corpus_dir=corpus_copy).slug
    test_file = corpus_copy / "annotations" / "zz-test.yaml"
    for quote, says in (
            ("previous and future Chairs, will be responsible for promoting",  # only the break differs
             'the source breaks the line where the quote does not: write the break as \\n in double quotes'),
            ("previous and future Chairs, willbe responsible for promoting",  # nothing where the break is
             'the source breaks the line where the quote does not'),
            ("previous and future Chairs, will be responsable for promoting",  # and a letter further on
             "the source breaks the line after 'evious and future Chairs, will', where the quote does not")):
        test_file.write_text(
            f'activities:\n  - slug: test-activity\n    type: Study\n    label: Test\n    evidence:\n'
            f'      - doc: {slug}\n        quote: "{quote}"\n', encoding="utf-8")
        with pytest.raises(kb.QuoteMismatchError) as info:
            _load_with(corpus_copy)
        assert says in str(info.value), str(info.value)
        assert "then differs: copy it verbatim" not in str(info.value)
        if "responsable" not in quote:  # the fix to copy, as YAML reads it back
            fix = str(info.value).rsplit("quote: ", 1)[1]
            assert fix == '"previous and future Chairs, will\\nbe responsible for promoting"'
            assert yaml.safe_load(fix) in NEW_PLAN
        else:
            assert 'quote: "previous and future Chairs, will\\nbe respons"...' in str(info.value)


def test_a_reference_to_an_unknown_eid_suggests_close_ones(corpus_copy: Path) -> None:
    (corpus_copy / "annotations" / "zz-test.yaml").write_text(
        'no_link:\n  "wg1-2021-final-report sec_4__recommendation_7": "test"\n', encoding="utf-8")
    with pytest.raises(kb.AnnotationError, match="did you mean recommendation_7"):
        _load_with(corpus_copy)


def test_a_reference_to_a_misspelt_document_suggests_the_slug(corpus_copy: Path) -> None:
    (corpus_copy / "annotations" / "zz-test.yaml").write_text(
        'no_link:\n  "wg1-2021-final-reprot recommendation_7": "test"\n', encoding="utf-8")
    with pytest.raises(kb.AnnotationError, match="unknown document 'wg1-2021-final-reprot'; did you mean "
                                                 "wg1-2021-final-report"):
        _load_with(corpus_copy)


def test_every_partial_answer_names_its_part_in_the_target_text(store: kb.Store) -> None:
    rows = store.select("""PREFIX kb: <https://w3id.org/iacml-kb/ontology#>
        SELECT ?link ?type ?extent ?part ?text WHERE {
          ?link a kb:TraceLink ; kb:linkType ?type ; kb:linkTo ?to .
          OPTIONAL { ?link kb:extent ?extent } OPTIONAL { ?link kb:partAnswered ?part } OPTIONAL { ?to kb:text ?text }
        }""").dicts()
    answers = [r for r in rows if str(r["type"]).rsplit("#", 1)[-1] in ("respondsTo", "fulfils")]
    assert answers and all("extent" in r for r in answers)  # every answer says how much it answers
    assert not [r for r in rows if "extent" in r and r not in answers]
    partial = [r for r in answers if str(r["extent"]).endswith("#partial")]
    assert partial  # RIAL/GENDER answers one of the four parts of the 2019 gender recommendation
    for r in partial:
        assert str(r["type"]).endswith("#respondsTo") and str(r.get("part", "")).strip(), r["link"]
        assert " ".join(str(r["part"]).split()) in " ".join(str(r["text"]).split()), r["link"]
    assert not [r for r in answers if not str(r["extent"]).endswith("#partial") and "part" in r]


def test_a_retyped_link_keeps_its_published_iri_as_a_redirect(store: kb.Store) -> None:
    source, target = f"{B}activity/rial-gender-creation", (
        f"{B}doc/wg1-2019-quito-summary/sec_3__subsec_2__list_1__item_2__list_1__item_3")
    old, new = (str(kb.iri.link_iri(source, kind, target)) for kind in ("fulfils", "respondsTo"))
    assert kb.replaced_by(store, URIRef(old)) == new


@pytest.mark.parametrize(("extra", "error", "line"), [
    ('    extent: partial\n', "extent: partial and part: go together", 2),
    ('    part: "Working Group 1"\n', "extent: partial and part: go together", 2),
    ('    extent: partial\n    part: "Working Group 2 will"\n', "is not in the text of wg1-2021-final-report", 2),
    ('    extent: most\n', "extent", 5),
    ('    confidence: 2\n', "confidence must be a number between 0 and 1", 5),
])
def test_a_partial_answer_is_checked_with_file_and_line(corpus_copy: Path, extra: str, error: str, line: int) -> None:
    (corpus_copy / "annotations" / "zz-test.yaml").write_text(
        'links:\n  - from: activity:ws2023-education-labor\n    type: respondsTo\n'
        '    to: wg1-2021-final-report recommendation_6\n' + extra +
        '    evidence:\n      - doc: wg1-2021-final-report\n        quote: "6. Strengthen labor market information"\n',
        encoding="utf-8")
    with pytest.raises(kb.AnnotationError, match=rf"zz-test\.yaml:{line}:") as info:
        _load_with(corpus_copy)
    assert error in str(info.value)


def test_only_an_answer_can_be_partial(corpus_copy: Path) -> None:
    (corpus_copy / "annotations" / "zz-test.yaml").write_text(
        'links:\n  - from: wg1-2024-report recommendation_6\n    type: reiterates\n'
        '    to: wg1-2021-final-report recommendation_6\n    extent: partial\n    part: "Strengthen"\n'
        '    evidence:\n      - doc: wg1-2021-final-report\n        quote: "6. Strengthen labor market information"\n',
        encoding="utf-8")
    with pytest.raises(kb.AnnotationError, match="extent: partial is for a respondsTo link, not reiterates"):
        _load_with(corpus_copy)


@pytest.mark.parametrize(("entry", "error", "line"), [
    ('  - from: wg1-2021-final-report recommendation_6\n    type: followsUp\n    to: activity:ws2023-education-labor\n',
     "must be an activity reference", 2),
    ('  - from: activity:ws2023-education-labor\n    type: plannedIn\n    to: body:rial\n',
     "plannedIn goes to the document", 4),
    ('  - from: activity:ws2023-education-labor\n    type: respondsTo\n    to: wg1-2021-final-report recommendation_6\n'
     '    role: channel\n', "role: is for an addressee link, not respondsTo", 5),
    ('  - from: wg1-2021-final-report recommendation_6\n    type: addressee\n    to: body:rial\n    role: sponsor\n',
     "role", 5),
    ('  - from: activity:ws2023-education-labor\n    type: respondsTo\n    to: wg1-2021-final-report recommendation_6\n'
     '    start: "2021"\n', "start: and end: are the term of a chair or vice-chair", 5),
    ('  - from: body:iacml-wg1\n    type: chair\n    to: body:ministry-labor-chile\n    start: "2021-09"\n'
     '    end: "2019"\n', "the term ends (2019) before it starts (2021-09)", 2),
    ('  - from: wg1-2021-final-report recommendation_6\n    type: respondTo\n    to: body:rial\n',
     "did you mean respondsTo", 3),
    ('  - from: activity:ws2023-education-labor\n    type: respondsTo\n'
     '    to: wg1-2021-final-report recommendation_66\n',
     "has no provision 'recommendation_66'", 4),
    ('  - from: activity:ws2023-education-labor\n    type: respondsTo\n    to: wg1-2021-final-report recommendation_6\n'
     '    asserted_by: machine\n', "asserted_by 'machine'", 5),
    ('  - from: activity:ws2023-education-labor\n    type: respondsTo\n    to: wg1-2021-final-report recommendation_6\n'
     '    remark: x\n', "unknown field 'remark'", 5),
])
def test_links_between_activities_and_roles_are_checked(corpus_copy: Path, entry: str, error: str, line: int) -> None:
    """Each error names the line of the field at fault, not only the entry's (issue 14: file and line)."""
    (corpus_copy / "annotations" / "zz-test.yaml").write_text(
        "links:\n" + entry + '    evidence:\n      - doc: wg1-2021-final-report\n'
        '        quote: "6. Strengthen labor market information"\n', encoding="utf-8")
    with pytest.raises(kb.AnnotationError, match=rf"zz-test\.yaml:{line}:") as info:
        _load_with(corpus_copy)
    assert error in str(info.value)


def test_every_mistake_of_a_link_entry_is_reported_in_one_build(corpus_copy: Path) -> None:
    """A third walkthrough: a link typed with three mistakes (its type, an eId, a document's slug in its quote) took
    three builds, one error each. Each is reported at once, at its own line."""
    (corpus_copy / "annotations" / "zz-test.yaml").write_text(
        "links:\n  - from: activity:ws2023-education-labor\n    type: respondTo\n"
        "    to: wg1-2021-final-report recommendation_66\n    evidence:\n      - doc: wg1-2021-final-reprot\n"
        '        quote: "6. Strengthen labor market information"\n', encoding="utf-8")
    with pytest.raises(kb.CorpusErrors) as info:
        _load_with(corpus_copy)
    said = {Path(e.path).name: str(e) for e in info.value.errors}  # an annotation's path is "file:line"
    assert set(said) == {"zz-test.yaml:3", "zz-test.yaml:4", "zz-test.yaml:6"}, said
    assert "did you mean respondsTo" in said["zz-test.yaml:3"]
    assert "has no provision 'recommendation_66'" in said["zz-test.yaml:4"]
    assert "wg1-2021-final-reprot" in said["zz-test.yaml:6"]


def test_addressee_roles_are_published(store: kb.Store) -> None:
    rows = store.select("""PREFIX kb: <https://w3id.org/iacml-kb/ontology#>
        SELECT ?from ?to ?role WHERE { ?l kb:linkType kb:addressee ; kb:linkFrom ?from ; kb:linkTo ?to .
                                      OPTIONAL { ?l kb:addresseeRole ?role } }""").dicts()
    roles = {(str(r["from"]).removeprefix(f"{B}doc/"), str(r["to"]).removeprefix(f"{B}body/")):
             str(r.get("role", "")).rsplit("#", 1)[-1] for r in rows}
    assert all(roles.values())  # every addressee has a role, "actor" unless the text says otherwise
    assert roles["wg1-2021-final-report/recommendation_8", "rial"] == "channel"  # "through the RIAL"
    assert roles["wg1-2021-final-report/recommendation_8", "cim"] == "partner"  # "in partnership with the CIM"
    assert roles["wg1-2024-report/recommendation_6", "ilo-cinterfor"] == "supporter"  # "with the support of"
    assert roles["iacml21-plan-of-action/art_7__para_g", "unesco"] == "actor"  # "Encourage ... UNESCO to"


def test_a_body_title_must_be_in_its_quotes(corpus_copy: Path) -> None:
    (corpus_copy / "annotations" / "zz-test.yaml").write_text(
        'bodies:\n  - slug: test-body\n    label: Test\n    titles:\n      - title: "Working Group 3"\n'
        '        start: "2021"\n        evidence:\n          - doc: wg1-2021-final-report\n'
        '            quote: "6. Strengthen labor market information"\n', encoding="utf-8")
    with pytest.raises(kb.AnnotationError, match=r"zz-test\.yaml:5: title 'Working Group 3' is in none of its quotes"):
        _load_with(corpus_copy)
