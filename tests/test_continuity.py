"""A published IRI keeps resolving from one release to the next (kb.continuity): a build whose
reading of a held text renames published eIds is refused, with the ``renamed:`` to add; once added,
the old IRIs are published as replaced and references to them keep working."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from rdflib import DCTERMS, PROV, Graph, URIRef
from test_api_server import running_server

import kb
from kb import iri
from kb.cli import main
from kb.errors import EXIT_USAGE

pytestmark = pytest.mark.long_tests

REPORT = "wg1-2021-final-report"
TEXT = "https://w3id.org/iacml-kb/ontology#text"
# A curator reads this paragraph of the held report as the heading of the ones after it.
HEADING = '\ncorrections:\n  - {at: "These topics were addressed", read_as: heading}\n'


@pytest.fixture
def published(corpus_copy: Path, published_build: Path) -> tuple[Path, Path]:
    return corpus_copy, published_build


def test_a_build_that_would_lose_published_iris_is_refused_with_the_renames_to_add(
        published: tuple[Path, Path]) -> None:
    corpus, build_dir = published
    before = kb.current_release(build_dir).version
    meta = corpus / "documents" / f"{REPORT}.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + HEADING, encoding="utf-8")
    with pytest.raises(kb.CorpusError) as caught:
        kb.build(corpus, build_dir)
    message = str(caught.value)
    assert message.startswith(f"{meta}: 5 published IRI(s) of {REPORT} would no longer resolve (sec_1__al_3, ")
    renamed = re.search(r"`(renamed: \{[^`]*\})`", message)
    assert renamed is not None
    assert "sec_1__al_3: sec_1__subsec_1," in renamed.group(1)  # the paragraph read as the heading it is now
    assert "sec_1__al_5: sec_1__subsec_1__al_2" in renamed.group(1)
    assert kb.current_release(build_dir).version == before  # nothing published

    pasted = meta.read_text(encoding="utf-8") + renamed.group(1) + "\n"
    meta.write_text(pasted.replace("sec_1__al_5: sec_1__subsec_1__al_2", "sec_1__al_5: sec_1__subsec_1__al_1"),
                    encoding="utf-8")  # a typo: the IRI would redirect to another paragraph
    with pytest.raises(kb.CorpusError, match=r"renamed: sec_1__al_5: sec_1__subsec_1__al_1 names other text") as typo:
        kb.build(corpus, build_dir)
    assert "sec_1__al_5: sec_1__subsec_1__al_2" in typo.value.hint  # the build's reading
    meta.write_text(pasted, encoding="utf-8")
    release, _ = kb.build(corpus, build_dir)
    with kb.open_store(release.store_path) as store:
        old = kb.provision_iri(REPORT, "sec_1__al_5")
        assert kb.replaced_by(store, old) == str(kb.provision_iri(REPORT, "sec_1__subsec_1__al_2"))
    kb.build(corpus, build_dir)  # the next build keeps them: nothing lost


def test_renames_that_do_not_hold_are_refused(published: tuple[Path, Path]) -> None:
    corpus, build_dir = published
    meta = corpus / "documents" / f"{REPORT}.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(text + "renamed: {sec_1__al_3: para_99}\n", encoding="utf-8")
    with pytest.raises(kb.CorpusError, match="renamed: sec_1__al_3 is still a provision"):
        kb.build(corpus, build_dir)
    meta.write_text(text + HEADING + "renamed: {sec_1__al_3: para_99}\n", encoding="utf-8")
    with pytest.raises((kb.CorpusError, kb.CorpusErrors)) as again:
        kb.build(corpus, build_dir)
    assert "which is no provision of" in str(again.value)
    meta.write_text(text + "renamed: {sec_1__al_3: 7}\n", encoding="utf-8")
    with pytest.raises(kb.CorpusError, match="field 'renamed' 7 is not an eId"):
        kb.build(corpus, build_dir)


def corrected(corpus: Path, *entries: str, more: str = "") -> Path:
    meta = corpus / "documents" / f"{REPORT}.yaml"
    text = meta.read_text(encoding="utf-8").split("\ncorrections:")[0].rstrip("\n") + "\n"
    meta.write_text(text + "corrections:\n" + "".join(f"  - {e}\n" for e in entries) + more, encoding="utf-8")
    return meta


def test_an_iri_that_would_name_another_text_is_refused_with_the_names_to_keep(
        published: tuple[Path, Path]) -> None:
    corpus, build_dir = published
    joined = '{at: "It is worth highlighting", read_as: continues}'  # al_6 joins al_5: al_7 would be al_6
    corrected(corpus, joined)
    with pytest.raises(kb.CorpusError) as caught:
        kb.build(corpus, build_dir)
    message = str(caught.value)
    assert "would name another text than they did (sec_1__al_6)" in message
    pin = re.search(r"add to corrections: (\{at: [^}]*eid: sec_1__al_7\})", message)
    renamed = re.search(r"`(renamed: \{sec_1__al_6: sec_1__al_5\})`", message)
    assert pin is not None and renamed is not None, message
    corrected(corpus, joined, pin.group(1), more=renamed.group(1) + "\n")
    release, _ = kb.build(corpus, build_dir)
    with kb.open_store(release.store_path) as store:
        assert kb.replaced_by(store, kb.provision_iri(REPORT, "sec_1__al_6")) == str(
            kb.provision_iri(REPORT, "sec_1__al_5"))
        assert text_of(store, "sec_1__al_7").startswith("In this context of broad")  # the name kept on its text


def text_of(store: kb.Store, eid: str) -> str:
    return kb.describe(store, kb.provision_iri(REPORT, eid)).first(TEXT) or ""


def test_a_skip_a_join_and_a_split_at_once_keep_every_name_on_its_text(published: tuple[Path, Path]) -> None:
    corpus, build_dir = published
    changes = ('{at: "The Working Group 1 Report to the XX IACML", read_as: skip}',
               '{at: "The Group 1 continued dealing", read_as: continues}',
               '{at: "but highlighting that these issues", read_as: starts}')
    texts = {}
    with kb.open_store(kb.current_release(build_dir).store_path) as store:
        for n in range(2, 6):
            texts[n] = text_of(store, f"sec_2__al_{n}")[:40]
    corrected(corpus, *changes)
    with pytest.raises(kb.CorpusError) as caught:
        kb.build(corpus, build_dir)
    message = str(caught.value)
    pins = re.findall(r"\{at: [^}]*eid: sec_2__al_\d\}", message)
    renamed = re.search(r"`renamed: \{sec_2__al_1: \?, sec_2__al_3: sec_2__al_2\}`", message)
    assert len(pins) == 4 and renamed is not None, message
    corrected(corpus, *changes, *pins, more="renamed: {sec_2__al_1: '', sec_2__al_3: sec_2__al_2}\n")
    release, _ = kb.build(corpus, build_dir)
    with kb.open_store(release.store_path) as store:
        for n in (2, 4, 5):  # every name still on its text, or replaced by the one that holds it
            assert text_of(store, f"sec_2__al_{n}").startswith(texts[n])
        assert kb.replaced_by(store, kb.provision_iri(REPORT, "sec_2__al_3")) == str(
            kb.provision_iri(REPORT, "sec_2__al_2"))
        assert kb.replaced_by(store, kb.provision_iri(REPORT, "sec_2__al_1")) == str(kb.doc_iri(REPORT))


def test_repointed_lets_a_published_iri_name_another_text(published: tuple[Path, Path]) -> None:
    corpus, build_dir = published
    corrected(corpus, '{at: "It is worth highlighting", read_as: continues}',
              more="renamed: {sec_1__al_7: sec_1__al_6}\nrepointed: [sec_1__al_6]\n")
    release, _ = kb.build(corpus, build_dir)
    with kb.open_store(release.store_path) as store:
        assert kb.replaced_by(store, kb.provision_iri(REPORT, "sec_1__al_7")) == str(
            kb.provision_iri(REPORT, "sec_1__al_6"))


def test_a_part_that_is_gone_names_its_document(published: tuple[Path, Path]) -> None:
    corpus, build_dir = published
    gone = ('{at: "In this context of broad", read_as: skip}', '{at: "Bridgetown, Barbados, both", read_as: skip}')
    corrected(corpus, *gone)
    with pytest.raises(kb.CorpusError) as caught:
        kb.build(corpus, build_dir)
    assert "sec_1__al_7: ?" in str(caught.value) and "or by '' if it is gone" in str(caught.value)
    corrected(corpus, *gone, more="renamed: {sec_1__al_7: ''}\n")
    release, _ = kb.build(corpus, build_dir)
    with kb.open_store(release.store_path) as store:
        assert kb.replaced_by(store, kb.provision_iri(REPORT, "sec_1__al_7")) == str(kb.doc_iri(REPORT))
    # a later change: the proposal keeps the settled entry as it is, ready to paste
    corrected(corpus, *gone, '{at: "These topics were addressed", read_as: heading}',
              more="renamed: {sec_1__al_7: '', sec_1__al_99: sec_1__al_1}\n")
    with pytest.raises(kb.CorpusErrors) as refused:
        kb.build(corpus, build_dir)
    proposal = re.search(r"`(renamed: \{[^`]*\})`", str(refused.value))
    assert proposal is not None and "sec_1__al_7: ''" in proposal.group(1) and "sec_1__al_99" not in proposal.group(1)


def test_a_name_published_as_replaced_is_not_taken_by_a_new_part(published: tuple[Path, Path]) -> None:
    """A curator's walkthrough: an IRI published as replaced (renamed:) was taken by a part a later correction
    added, once the build's advice to drop the renamed: entry was followed; it silently named another text."""
    corpus, build_dir = published
    gone = ('{at: "In this context of broad", read_as: skip}', '{at: "Bridgetown, Barbados, both", read_as: skip}')
    corrected(corpus, *gone, more="renamed: {sec_1__al_7: ''}\n")
    kb.build(corpus, build_dir)  # sec_1__al_7 now names the document
    split = '{at: "The first virtual dialogue", read_as: starts}'  # a new part, named sec_1__al_7 by its place
    corrected(corpus, *gone, split, more="renamed: {sec_1__al_7: ''}\n")
    with pytest.raises(kb.InputError, match="renamed: sec_1__al_7 is still a provision") as kept:
        kb.build(corpus, build_dir)
    assert "give that part a name never published" in str(kept.value)
    corrected(corpus, *gone, split)  # the entry dropped: the new part would take the published name
    with pytest.raises(kb.InputError) as caught:
        kb.build(corpus, build_dir)
    message = str(caught.value)
    assert "would name another text than they did (sec_1__al_7)" in message, message
    pin = re.search(r'\{at: "The first virtual dialogue[^}]*eid: (sec_1__al_\d+)\}', message)
    assert pin is not None and pin.group(1) not in ("sec_1__al_6", "sec_1__al_7"), message
    corrected(corpus, *gone, split, pin.group(0))  # as the build said
    with pytest.raises(kb.InputError) as still:
        kb.build(corpus, build_dir)
    assert "renamed: {sec_1__al_7: ''}" in str(still.value), still.value  # it keeps naming the document
    corrected(corpus, *gone, split, pin.group(0), more="renamed: {sec_1__al_7: ''}\n")
    release, _ = kb.build(corpus, build_dir)
    with kb.open_store(release.store_path) as store:
        assert kb.replaced_by(store, kb.provision_iri(REPORT, "sec_1__al_7")) == str(kb.doc_iri(REPORT))
        texts = store.select(f"SELECT ?t WHERE {{ <{kb.provision_iri(REPORT, pin.group(1))}> <{TEXT}> ?t }}").rows
        assert str(texts[0][0]).startswith("The first virtual dialogue")


def test_a_name_replaced_by_a_paragraph_is_not_handed_to_a_part_of_it(published: tuple[Path, Path]) -> None:
    """A review: sec_1__al_7, joined into sec_1__al_6 (renamed), was handed to a part split out of al_6 ("The
    first virtual dialogue ..."): a text it never named, let through as a piece of its replacement's."""
    corpus, build_dir = published
    corrected(corpus, '{at: "In this context of broad", read_as: continues}',
              more="renamed: {sec_1__al_7: sec_1__al_6}\n")
    kb.build(corpus, build_dir)
    corrected(corpus, '{at: "The first virtual dialogue", read_as: starts}')
    with pytest.raises(kb.CorpusError, match=r"would name another text than they did \(sec_1__al_7\)") as caught:
        kb.build(corpus, build_dir)
    assert "renamed: {sec_1__al_7: sec_1__al_6}" in str(caught.value)  # it stays its replacement's


def test_kb_validate_says_what_the_build_would_refuse(published: tuple[Path, Path],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    corpus, build_dir = published
    corrected(corpus, '{at: "It is worth highlighting", read_as: continues}')
    code = main(["validate", "--corpus", str(corpus), "--build-dir", str(build_dir)])
    assert code == EXIT_USAGE and "would name another text than they did (sec_1__al_6)" in capsys.readouterr().err


def test_a_renamed_eid_never_published_is_refused(published: tuple[Path, Path]) -> None:
    corpus, build_dir = published
    corrected(corpus, more="renamed: {para_99: para_1}\n")
    with pytest.raises(kb.CorpusError, match="renamed: para_99 was never published"):
        kb.build(corpus, build_dir)


def test_references_to_a_renamed_eid_fail_with_the_renames_to_add(published: tuple[Path, Path]) -> None:
    corpus, build_dir = published
    corrected(corpus, '{at: "7. Instruct ILO-CINTERFOR", number: "7a"}')
    with pytest.raises(kb.CorpusErrors) as caught:
        kb.build(corpus, build_dir)
    messages = [str(e) for e in caught.value.errors]
    assert "renamed: {recommendation_7: recommendation_7a}" in messages[0]  # first, before what it explains
    assert any("has no provision 'recommendation_7'" in m for m in messages[1:])


def test_links_keep_their_iris_when_an_end_is_renamed(published: tuple[Path, Path]) -> None:
    corpus, build_dir = published
    old_end, new_end = (str(kb.provision_iri(REPORT, e)) for e in ("recommendation_7", "recommendation_7a"))
    links = [link for link in kb.prepare(corpus).annotations.links if old_end in (link.source, link.target)]
    assert links
    corrected(corpus, '{at: "7. Instruct ILO-CINTERFOR", number: "7a"}',
              more="renamed: {recommendation_7: recommendation_7a}\n")
    release, _ = kb.build(corpus, build_dir)
    with kb.open_store(release.store_path) as store:
        for link in links:
            ends = [new_end if end == old_end else end for end in (link.source, link.target)]
            assert kb.replaced_by(store, iri.link_iri(link.source, link.link_type, link.target)) == str(
                iri.link_iri(ends[0], link.link_type, ends[1]))


MINUTES = ("MINUTES OF THE MEETING OF THE NETWORK\n\nThe Chair opened the meeting and welcomed the delegations.\n\n"
           "The delegations adopted the agenda without changes.\n\nThe Chair closed the session.\n\n"
           "The Working Groups presented their reports on labor inspection.\n\nThe Chair closed the session.\n")


def test_a_text_printed_twice_keeps_each_name_at_its_place(corpus_copy: Path, tmp_path: Path) -> None:
    source = tmp_path / "minutes.txt"
    source.write_text(MINUTES, encoding="utf-8")
    assert main(["add", str(source), "--corpus", str(corpus_copy), "--slug", "net-2040-minutes", "--type",
                 "MeetingSummary", "--date", "2040", "--no-build"]) == 0
    meta = corpus_copy / "documents" / "net-2040-minutes.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("issuing_body: ''", "issuing_body: iacml"),
                    encoding="utf-8")
    build_dir = tmp_path / "build"
    kb.build(corpus_copy, build_dir)
    names = {p.text: p.eid for p in kb.prepare(corpus_copy).provisions["net-2040-minutes"]}
    working = names["The Working Groups presented their reports on labor inspection."]
    meta.write_text(meta.read_text(encoding="utf-8") + 'corrections:\n  - {at: "The Chair closed the session.", '
                    'after: "without changes.", read_as: skip}\n', encoding="utf-8")
    with pytest.raises(kb.CorpusError) as caught:
        kb.build(corpus_copy, build_dir)
    kept = re.findall(r"eid: (\w+)\}", str(caught.value))
    assert working in kept and "al_5" in kept, str(caught.value)  # the second copy keeps its own name


def test_a_held_document_taken_out_is_refused_unless_withdrawn(corpus_copy: Path, tmp_path: Path) -> None:
    """A document added by mistake and published: deleting its files would silently break its IRIs. The
    build refuses, and a withdrawal says why its IRIs name nothing now (410 Gone, with the reason)."""
    from fixtures.plan_of_action import NEW_PLAN

    plan = tmp_path / "plan.txt"
    plan.write_text(NEW_PLAN, encoding="utf-8")
    added = kb.add_document(plan, corpus_dir=corpus_copy, slug="plan-added-by-mistake")
    meta = added.meta_path.read_text(encoding="utf-8")
    added.meta_path.write_text(re.sub(r"(?m)^issuing_body: .*$", "issuing_body: iacml", meta), encoding="utf-8")
    build_dir = tmp_path / "build"
    kb.build(corpus_copy, build_dir)
    before = kb.current_release(build_dir).version
    added.meta_path.unlink()
    added.source_path.unlink()
    with pytest.raises(kb.CorpusError) as caught:
        kb.build(corpus_copy, build_dir)
    assert str(caught.value).startswith(f"{added.meta_path}: plan-added-by-mistake was published as a held document (")
    assert "withdrawn: [{slug: plan-added-by-mistake, date: YYYY-MM-DD, reason: ...}]" in caught.value.hint
    assert kb.current_release(build_dir).version == before

    (corpus_copy / "annotations" / "withdrawn.yaml").write_text(
        "withdrawn:\n  - slug: plan-added-by-mistake\n    date: 2026-12-06\n    reason: added twice\n",
        encoding="utf-8")
    for _ in range(2):  # and it stays withdrawn in the releases after
        release, _ = kb.build(corpus_copy, build_dir)
        with kb.open_store(release.store_path) as store:
            for item in (kb.doc_iri("plan-added-by-mistake"), kb.provision_iri("plan-added-by-mistake", "para_2")):
                with pytest.raises(kb.GoneError, match="withdrawn on 2026-12-06: added twice"):
                    kb.describe(store, item)
    with running_server(release.store_path, tmp_path / "server.log") as server, \
            httpx.Client(base_url=server.url, timeout=30) as client:
        for accept in ("text/turtle", "text/html"):
            gone = client.get("/doc/plan-added-by-mistake/para_2", headers={"Accept": accept})
            assert gone.status_code == 410 and "added twice" in gone.text
        assert "<h1>Gone</h1>" in gone.text
        turtle = client.get("/doc/plan-added-by-mistake/para_2", headers={"Accept": "text/turtle"})
        assert turtle.headers["content-type"].startswith("text/turtle")  # what is kept, as RDF: the tombstone
        kept = Graph().parse(data=turtle.text, format="turtle")
        assert (kb.doc_iri("plan-added-by-mistake"), PROV.invalidatedAtTime, None) in kept
        for route in ("items", "trace", "cite"):
            gone = client.get(f"/api/{route}/doc/plan-added-by-mistake/para_2")
            assert gone.status_code == 410 and "withdrawn on 2026-12-06: added twice" in gone.json()["error"]["detail"]

    withdrawal = corpus_copy / "annotations" / "withdrawn.yaml"
    said = withdrawal.read_text(encoding="utf-8")
    withdrawal.unlink()  # a withdrawal lasts: its IRIs would answer 404, or name a new text
    with pytest.raises(kb.CorpusError, match="plan-added-by-mistake was withdrawn by the current release"):
        kb.build(corpus_copy, build_dir)
    withdrawal.write_text(said + "  - slug: never-was\n    date: 2026-12-06\n    reason: a typo\n", encoding="utf-8")
    with pytest.raises(kb.CorpusError, match=r"withdrawn\.yaml:5: withdrawn: never-was was never published"):
        kb.build(corpus_copy, build_dir)
    withdrawal.write_text(said.replace("2026-12-06", "''"), encoding="utf-8")
    with pytest.raises(kb.AnnotationError, match="withdrawn 'plan-added-by-mistake' needs a date"):
        kb.build(corpus_copy, build_dir)
    withdrawal.write_text(said.replace("2026-12-06", "2026-13-06"), encoding="utf-8")
    with pytest.raises(kb.CorpusError, match=r"withdrawn\.yaml:3: date .2026-13-06. is not a real date"):
        kb.build(corpus_copy, build_dir)
    # declared in a file read before the withdrawal or after it, the same refusal
    withdrawal.write_text(said, encoding="utf-8")
    plan.write_text(NEW_PLAN.replace("Asunción on", "Asunción, Paraguay, on"), encoding="utf-8")
    with pytest.raises(kb.InputError, match="--slug 'plan-added-by-mistake' was withdrawn"):
        kb.add_document(plan, corpus_dir=corpus_copy, slug="plan-added-by-mistake")
    added = kb.add_document(plan, corpus_dir=corpus_copy, slug="plan-held-again")  # then renamed by hand
    for path in (added.meta_path, added.source_path):
        path.rename(path.with_name(path.name.replace("plan-held-again", "plan-added-by-mistake")))
    meta = corpus_copy / "documents" / "plan-added-by-mistake.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("plan-held-again", "plan-added-by-mistake"),
                    encoding="utf-8")
    with pytest.raises(kb.AnnotationError, match=r"is withdrawn and still in the corpus.*never used again"):
        kb.build(corpus_copy, build_dir)
    assert kb.current_release(build_dir).version == release.version


def test_a_published_link_taken_out_is_refused_unless_withdrawn(published: tuple[Path, Path], tmp_path: Path) -> None:
    """A report author cites a link's IRI as any other: a curator who deletes the link would break it.
    The build refuses with the withdrawal to paste, and a withdrawn link answers 410 Gone with the
    reason; put back, it is published again."""
    corpus, build_dir = published
    links = corpus / "annotations" / "links.yaml"
    text = links.read_text(encoding="utf-8")
    entry = re.search(r"(?ms)^  - from: wg1-2024-report recommendation_6\n    type: reiterates\n"
                      r"    to: wg1-2021-final-report recommendation_7\n.*?\n\n", text)
    assert entry is not None
    link = str(iri.link_iri(str(kb.provision_iri("wg1-2024-report", "recommendation_6")), "reiterates",
                            str(kb.provision_iri(REPORT, "recommendation_7"))))
    before = kb.current_release(build_dir).version
    links.write_text(text.replace(entry.group(), ""), encoding="utf-8")
    with pytest.raises(kb.CorpusError) as caught:
        kb.build(corpus, build_dir)
    assert str(caught.value).startswith(
        f"{corpus / 'annotations'}: 1 curated link(s) the current release published are no longer in the corpus")
    assert f"{link} (wg1-2024-report recommendation_6 reiterates {REPORT} recommendation_7)" in str(caught.value)
    block = caught.value.hint.split("reason):\n", 1)[1]
    assert block.startswith(f"withdrawn:\n  - link: {link}\n    date: ")
    assert block.endswith(f"\n    was: wg1-2024-report recommendation_6 reiterates {REPORT} recommendation_7")
    assert kb.current_release(build_dir).version == before

    withdrawal = corpus / "annotations" / "withdrawn.yaml"
    withdrawal.write_text(block, encoding="utf-8")  # pasted as given: the reason is still to be written
    with pytest.raises(kb.AnnotationError, match="needs a reason"):
        kb.build(corpus, build_dir)
    withdrawal.write_text(block.replace("reason: ...", "reason: recommendation 6 carries Art. 7(g), not this"),
                          encoding="utf-8")
    for _ in range(2):  # and it stays withdrawn in the releases after
        release, _ = kb.build(corpus, build_dir)
        with kb.open_store(release.store_path) as store, \
                pytest.raises(kb.GoneError, match=r"the link wg1-2024-report recommendation_6 reiterates "
                              r"wg1-2021-final-report recommendation_7 was withdrawn on .*: recommendation 6 carries"):
            kb.describe(store, URIRef(link))
    with running_server(release.store_path, tmp_path / "server.log") as server, \
            httpx.Client(base_url=server.url, timeout=30) as client:
        path = link.removeprefix(iri.BASE)
        for accept in ("text/turtle", "text/html"):
            gone = client.get(f"/{path}", headers={"Accept": accept})
            assert gone.status_code == 410 and "carries Art. 7(g), not this" in gone.text
        tomb = Graph().parse(data=client.get(f"/{path}", headers={"Accept": "text/turtle"}).text, format="turtle")
        assert "recommendation_6 reiterates" in str(tomb.value(URIRef(link), DCTERMS.description))
        for route in ("items", "cite"):
            gone = client.get(f"/api/{route}/{path}")
            assert gone.status_code == 410 and "recommendation_7 was withdrawn on" in gone.json()["error"]["detail"]
        kept = client.get("/" + str(kb.provision_iri(REPORT, "recommendation_7")).removeprefix(iri.BASE),
                          headers={"Accept": "text/turtle"})
        assert kept.status_code == 200  # its ends still resolve

    said = withdrawal.read_text(encoding="utf-8")
    withdrawal.unlink()  # a withdrawal lasts: the IRI would answer 404
    with pytest.raises(kb.CorpusError, match=r"1 link.s. the current release published as withdrawn are no longer "
                       r"withdrawn") as lapsed:
        kb.build(corpus, build_dir)
    assert "reason: recommendation 6 carries Art. 7(g), not this\n    was: wg1-2024-report" in lapsed.value.hint
    withdrawal.write_text(said.replace(link.rsplit("/", 1)[1], link.rsplit("/", 1)[1].upper()), encoding="utf-8")
    kb.prepare(corpus)  # the hash in capitals is the same link
    withdrawal.write_text(said.replace("  - link:", "  - slug: plan-of-nowhere\n    link:"), encoding="utf-8")
    with pytest.raises(kb.AnnotationError, match=r"names a document .slug:. or a link .link:., not both"):
        kb.prepare(corpus)
    other = "https://w3id.org/iacml-kb/link/" + "0" * 16
    with kb.open_store(release.store_path) as store, pytest.raises(kb.NotFoundError) as missing:
        kb.describe(store, URIRef(other))
    assert "copy a link's IRI" in missing.value.hint and "eId" not in missing.value.hint
    withdrawal.write_text(said + f"\n  - {{link: {other}, date: 2026-12-06, reason: a typo}}\n", encoding="utf-8")
    with pytest.raises(kb.CorpusError, match=rf"withdrawn: link {other} was never published"):
        kb.build(corpus, build_dir)
    links.write_text(text, encoding="utf-8")  # the curator changes their mind: the link is back
    withdrawal.write_text(said, encoding="utf-8")
    with pytest.raises(kb.AnnotationError, match=r"is withdrawn and still in the corpus"):
        kb.build(corpus, build_dir)
    withdrawal.unlink()
    release, _ = kb.build(corpus, build_dir)
    with kb.open_store(release.store_path) as store:
        assert kb.describe(store, URIRef(link)).iri == link


def test_the_proposal_keeps_the_names_a_curators_corrections_give(corpus_copy: Path, tmp_path: Path) -> None:
    """A published misreading ("Artículo" alone, then "1. La Presidencia ..." as para_1), corrected with
    the name the curator wants (`eid: art_1`): the build proposed `eid: para_1` at the same place, which the
    next build refused as contradicting the curator's line. It now proposes `renamed:` to art_1, for the
    word alone too, and what it proposes builds."""
    from fixtures.plan_of_action import NEW_PLAN_ES

    plan = tmp_path / "plan.txt"
    plan.write_text(NEW_PLAN_ES, encoding="utf-8")
    added = kb.add_document(plan, corpus_dir=corpus_copy, slug="plan-es")
    meta = re.sub(r"(?m)^meeting: .*$", "meeting: ''", added.meta_path.read_text(encoding="utf-8"))
    added.meta_path.write_text(meta + '\ncorrections:\n  - {at: "1. La Presidencia", read_as: starts}\n',
                               encoding="utf-8")
    build_dir = tmp_path / "build"
    kb.build(corpus_copy, build_dir)
    meta += '\ncorrections:\n  - {at: "Artículo 1.", eid: art_1}\n'
    added.meta_path.write_text(meta, encoding="utf-8")
    with pytest.raises(kb.CorpusError) as caught:
        kb.build(corpus_copy, build_dir)
    proposal = re.search(r"add to corrections: (.*?); and in this file `(renamed: \{.*?\})`", caught.value.hint)
    assert proposal is not None, caught.value.hint
    assert "eid: para_1" not in proposal.group(1)
    renamed = proposal.group(2)
    assert "para_1: art_1" in renamed and re.search(r"al_\d+: art_1", renamed)
    pins = re.findall(r"\{at: .*?eid: \w+\}", proposal.group(1))
    added.meta_path.write_text(meta + "".join(f"  - {pin}\n" for pin in pins) + renamed + "\n", encoding="utf-8")
    release, _ = kb.build(corpus_copy, build_dir)
    with kb.open_store(release.store_path) as store:
        assert kb.replaced_by(store, kb.provision_iri("plan-es", "para_1")) == str(kb.provision_iri("plan-es",
                                                                                                  "art_1"))


# --- a text held anew (kb add --replace) ---------------------------------------------------------

PLAN = "iacml23-plan-of-action"
CHAIRS = "in collaboration with the previous and future Chairs, will\nbe responsible for promoting"


def held_plan(corpus: Path, tmp_path: Path, *, spanish: bool = False) -> Path:
    """The new plan held and built (with its Spanish text, and a curated link on its paragraph 4); the build
    folder."""
    from fixtures.plan_of_action import NEW_PLAN, NEW_PLAN_VERSION_ES

    for held in (corpus / "documents" / f"{PLAN}.yaml", corpus / "sources" / f"{PLAN}.txt"):
        held.unlink(missing_ok=True)
    (tmp_path / "plan-en.txt").write_text(NEW_PLAN, encoding="utf-8")
    kb.add_document(tmp_path / "plan-en.txt", corpus_dir=corpus)
    if spanish:
        (tmp_path / "plan-es.txt").write_text(NEW_PLAN_VERSION_ES, encoding="utf-8")
        kb.add_document(tmp_path / "plan-es.txt", corpus_dir=corpus, version_of=PLAN)
        (corpus / "annotations" / "zz-plan.yaml").write_text(
            f"links:\n  - from: {PLAN} para_4\n    type: addressee\n    to: body:ilo-cinterfor\n"
            f'    evidence: [{{doc: {PLAN}, quote: "Encourage ILO-CINTERFOR, OAS and UNESCO"}}]\n', encoding="utf-8")
    kb.build(corpus, tmp_path / "build")
    return tmp_path / "build"


def held_anew(corpus: Path, tmp_path: Path, text: str) -> Path:
    (tmp_path / "plan-new.txt").write_text(text, encoding="utf-8")
    return kb.add_document(tmp_path / "plan-new.txt", corpus_dir=corpus, slug=PLAN, replace=True).meta_path


def test_a_text_held_anew_with_a_word_corrected_keeps_its_names(corpus_copy: Path, tmp_path: Path) -> None:
    """A blank filled in, a typo corrected: the paragraph is the one published, and keeps its IRI (a curator
    was sent to repointed:, the last resort). A paragraph rewritten is refused, and the message shows where the
    texts differ, not their first words twice (a curator saw the same 40 characters as before and after)."""
    from fixtures.plan_of_action import NEW_PLAN

    build_dir = held_plan(corpus_copy, tmp_path)
    held_anew(corpus_copy, tmp_path, NEW_PLAN.replace(CHAIRS, CHAIRS.replace("with the previous", "with the "
                                                                                    "outgoing and the previous")
                                                      .replace("in collaboration", "in close collaboration")
                                                      .replace("promoting", "promoting and following up")))
    with pytest.raises(kb.CorpusError) as caught:
        kb.build(corpus_copy, build_dir)
    message = str(caught.value)
    assert re.search(r"para_2 was '\.\.\.[^']*IACML, in collaboration[^']*', now '\.\.\.[^']*IACML, in close "
                     r"collaboration", message), message
    held_anew(corpus_copy, tmp_path, NEW_PLAN.replace(CHAIRS, CHAIRS.replace("previous", "outgoing")))
    release, _ = kb.build(corpus_copy, build_dir)
    with kb.open_store(release.store_path) as store:
        now = kb.describe(store, kb.provision_iri(PLAN, "para_2")).first(TEXT) or ""
    assert "the outgoing and future Chairs" in now


def test_what_the_build_proposes_for_a_text_held_anew_builds(corpus_copy: Path, tmp_path: Path) -> None:
    """A paragraph inserted and another reworded in a text held anew, its Spanish version held: the build
    proposed corrections and `renamed: {para_2: para_2r2}`, then refused that renamed: as naming other text,
    and asked to withdraw a link IRI no curator wrote (the curated link as it reads on the Spanish text's
    paragraph, which its alignment, changed by the insertion, no longer gives). Pasted, the proposal builds."""
    from fixtures.plan_of_action import NEW_PLAN

    build_dir = held_plan(corpus_copy, tmp_path, spanish=True)
    text = NEW_PLAN.replace(CHAIRS, "with the support of the Technical Secretariat of the OAS, will\nbe responsible "
                            "for promoting and following up").replace(
        "\n4. Encourage", "\n4. The Chair pro tempore will report on this Plan at the XXIV IACML.\n\n5. Encourage")
    meta = held_anew(corpus_copy, tmp_path, text)
    with pytest.raises(kb.CorpusError) as caught:
        kb.build(corpus_copy, build_dir)
    proposal = re.search(r"add to corrections: (.*?); and in this file `(renamed: \{[^`]*\})`", str(caught.value))
    assert proposal is not None, str(caught.value)
    assert proposal.group(2) == "renamed: {para_2: para_2r2}"
    pins = re.findall(r"\{at: [^}]*\}", proposal.group(1))
    meta.write_text(meta.read_text(encoding="utf-8") + "corrections:\n" + "".join(f"  - {p}\n" for p in pins)
                    + proposal.group(2) + "\n", encoding="utf-8")
    release, _ = kb.build(corpus_copy, build_dir)
    with kb.open_store(release.store_path) as store:
        assert kb.replaced_by(store, kb.provision_iri(PLAN, "para_2")) == str(kb.provision_iri(PLAN, "para_2r2"))
        assert "Encourage ILO-CINTERFOR" in (kb.describe(store, kb.provision_iri(PLAN, "para_4")).first(TEXT) or "")
    kb.build(corpus_copy, build_dir)  # and the next build keeps it all
