"""Quote help for curators (kb/quote.py): ``kb quote`` prints a provision's exact text as evidence
to paste, and a quote typed with the wrong case, accents, dashes or quote marks is refused with the
source's exact text to copy; both end in a build that locates the quote where it was meant."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import kb
from kb.cli import main
from kb.corpus import load_corpus
from kb.errors import EXIT_USAGE


def annotate_with(corpus: Path, evidence: list[dict[str, str]]) -> None:
    (corpus / "annotations" / "zz-test.yaml").write_text(yaml.safe_dump({"activities": [{
        "slug": "test-activity", "type": "Study", "label": "A test activity", "evidence": evidence}]},
        allow_unicode=True), encoding="utf-8")


def test_kb_quote_prints_evidence_that_builds(capsys: pytest.CaptureFixture[str], corpus_copy: Path,
                                               tmp_path: Path) -> None:
    assert main(["quote", "wg1-2021-final-report recommendation_7", "--corpus", str(corpus_copy)]) == 0
    entry = yaml.safe_load(capsys.readouterr().out)[0]
    assert entry["doc"] == "wg1-2021-final-report"
    assert entry["quote"].startswith("7. Instruct ILO-CINTERFOR, OAS and UNESCO")
    source = next(d for d in load_corpus(corpus_copy) if d.meta.slug == "wg1-2021-final-report").text
    assert entry["quote"] in source
    annotate_with(corpus_copy, [entry])
    built = kb.assemble(corpus_copy)
    evidence = next(a for a in built.annotations.activities if a.slug == "test-activity").evidence[0]
    assert source[evidence.start:evidence.end] == entry["quote"]


def test_a_repeated_text_gets_an_after_hint(corpus_copy: Path) -> None:
    source = next(d for d in load_corpus(corpus_copy) if d.meta.slug == "wg1-2021-final-report").text
    second = source.find("Working Group 1", source.find("Working Group 1") + 1)
    quote = kb.quote_of("wg1-2021-final-report", corpus_dir=corpus_copy, span=(second, second + len("Working Group 1")))
    assert quote.text == "Working Group 1" and quote.after
    begins = source.find(quote.after)  # at a word's start, not in the middle of one ("TERS PARTICIPATING")
    assert begins == 0 or not (source[begins - 1].isalnum() and source[begins].isalnum()), quote.after
    annotate_with(corpus_copy, [{"doc": quote.doc, "quote": quote.text, "after": quote.after}])
    evidence = next(a for a in kb.assemble(corpus_copy).annotations.activities if a.slug == "test-activity").evidence[0]
    assert (evidence.start, evidence.end) == (quote.start, quote.end)


def test_a_mistyped_quote_is_refused_with_the_exact_text_to_copy(corpus_copy: Path) -> None:
    # The report prints curly quotes; a curator types straight ones, lower case and no accent.
    source = next(d for d in load_corpus(corpus_copy) if d.meta.slug == "wg1-2021-final-report").text
    exact = "“Integrated public policies for productive employment and decent work with social inclusion,”"
    assert exact in source
    typed = '"integrated public policies for productive employment and decent work with social inclusion,"'
    annotate_with(corpus_copy, [{"doc": "wg1-2021-final-report", "quote": typed}])
    with pytest.raises(kb.QuoteMismatchError) as caught:
        kb.assemble(corpus_copy)
    assert "zz-test.yaml:3:" in str(caught.value) and f"the source reads {exact!r}" in str(caught.value)
    annotate_with(corpus_copy, [{"doc": "wg1-2021-final-report", "quote": exact}])
    kb.assemble(corpus_copy)


def test_every_mistyped_quote_of_one_entry_is_named_at_once(corpus_copy: Path) -> None:
    # A curator types three quotes for one entry, two of them wrong: one build names both, each at its line
    # with the text to copy, so that one round of fixes is enough.
    source = next(d for d in load_corpus(corpus_copy) if d.meta.slug == "wg1-2021-final-report").text
    first = "“Integrated public policies for productive employment and decent work with social inclusion,”"
    second = "7. Instruct ILO-CINTERFOR, OAS and UNESCO"
    assert first in source and second in source
    annotate_with(corpus_copy, [
        {"doc": "wg1-2021-final-report", "quote": first.lower()},
        {"doc": "wg1-2021-final-report", "quote": source[source.find(second):][:60]},
        {"doc": "wg1-2021-final-report", "quote": second.replace("Instruct", "instruct")}])
    with pytest.raises(kb.CorpusErrors) as caught:
        kb.assemble(corpus_copy)
    errors = caught.value.errors
    written = (corpus_copy / "annotations" / "zz-test.yaml").read_text(encoding="utf-8").splitlines()
    lines = [n for n, line in enumerate(written, 1) if line.lstrip().startswith("- doc:")]
    assert [type(e) for e in errors] == [kb.QuoteMismatchError] * 2
    assert [str(e).split(": ", 1)[0].rsplit(":", 1)[1] for e in errors] == [str(lines[0]), str(lines[2])]
    assert errors[0].fixes == {first.lower(): first} and errors[1].fixes == {second.replace("Instruct", "instruct"):
                                                                               second}


def test_near_quote_ignores_only_case_accents_dashes_quotes_and_spacing() -> None:
    text = "La Declaración de Buenos Aires – aprobada en 2021 – dice “Fortalecer el diálogo”."
    assert kb.near_quote(text, 'declaracion de buenos aires - aprobada') == "Declaración de Buenos Aires – aprobada"
    assert kb.near_quote(text, '"fortalecer  el dialogo"') == "“Fortalecer el diálogo”"
    assert kb.near_quote(text, "Declaración de Lima") is None  # other words: no guess


def test_a_provision_known_through_quotation_is_quoted_where_it_is_quoted(capsys: pytest.CaptureFixture[str],
                                                                           corpus_copy: Path) -> None:
    # Art. 7(g) of the Plan of Action of Buenos Aires is held nowhere: a curator linking it quotes the held
    # concept note that quotes it, where the build knows it from.
    assert main(["quote", "iacml21-plan-of-action art_7__para_g", "--corpus", str(corpus_copy)]) == 0
    out = capsys.readouterr()
    entry = yaml.safe_load(out.out)[0]
    assert entry["doc"] == "ws2023-descriptive-document"
    assert entry["quote"].startswith("Encourage ILO-CINTERFOR, OAS and UNESCO to continue working jointly")
    assert "known only through quotation" in out.err and "ws2023-descriptive-document" in out.err
    built = kb.assemble(corpus_copy)
    known = next(q for m in built.annotations.documents if m.slug == "iacml21-plan-of-action"
                 for q in m.provisions if q.eid == "art_7__para_g").evidence[0]
    annotate_with(corpus_copy, [entry])
    evidence = next(a for a in kb.assemble(corpus_copy).annotations.activities
                    if a.slug == "test-activity").evidence[0]
    assert (evidence.doc, evidence.start, evidence.end) == (known.doc, known.start, known.end)


def test_kb_quote_errors(capsys: pytest.CaptureFixture[str], corpus_copy: Path) -> None:
    assert main(["quote", "iacml21-plan-of-action para_g", "--corpus", str(corpus_copy)]) == EXIT_USAGE
    assert "no held document quotes 'para_g'" in (err := capsys.readouterr().err) and "art_7__para_g" in err
    assert main(["quote", "iacml21-plan-of-action", "--span", "1:5", "--corpus", str(corpus_copy)]) == EXIT_USAGE
    assert "not a held document" in capsys.readouterr().err
    assert main(["quote", "wg1-2024-report", "--span", "10", "--corpus", str(corpus_copy)]) == EXIT_USAGE
    assert "START:END" in capsys.readouterr().err
    assert main(["quote", "wg1-2024-report recommendation_6", "--span", "10:20", "--corpus", str(corpus_copy)]) \
        == EXIT_USAGE
    assert "give one" in capsys.readouterr().err
    # a reversed span is said to be reversed, not "outside" the text it lies within (a curator's walkthrough)
    assert main(["quote", "wg1-2024-report", "--span", "1100:1078", "--corpus", str(corpus_copy)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "--span 1100:1078 is reversed: it starts after it ends" in err and "--span 1078:1100" in err
    assert "outside" not in err
    assert main(["quote", "wg1-2024-report", "--span", "1100:1100", "--corpus", str(corpus_copy)]) == EXIT_USAGE
    assert "--span 1100:1100 is empty" in capsys.readouterr().err
    assert main(["quote", "wg1-2024-report", "--span", "10:99999999", "--corpus", str(corpus_copy)]) == EXIT_USAGE
    assert "is outside wg1-2024-report (0:" in capsys.readouterr().err
