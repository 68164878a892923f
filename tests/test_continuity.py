"""A published IRI keeps resolving from one release to the next (kb.continuity): a build whose
reading of a held text renames published eIds is refused, with the ``renamed:`` to add; once added,
the old IRIs are published as replaced and references to them keep working."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import kb

REPORT = "wg1-2021-final-report"
# A curator reads this paragraph of the held report as the heading of the ones after it.
HEADING = '\ncorrections:\n  - {at: "These topics were addressed", read_as: heading}\n'


@pytest.fixture
def published(corpus_copy: Path, tmp_path: Path) -> tuple[Path, Path]:
    build_dir = tmp_path / "build"
    kb.build(corpus_copy, build_dir)
    return corpus_copy, build_dir


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

    meta.write_text(meta.read_text(encoding="utf-8") + renamed.group(1) + "\n", encoding="utf-8")
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
