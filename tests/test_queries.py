"""Every published query of queries/ runs on the real corpus with its expected rows, and the
header format is parsed in one place, with errors that name the file and line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import kb
from kb.queries import parse_query_file

B = kb.BASE
Rows = list[dict[str, object]]


def _documents(rows: Rows) -> None:
    held = {str(r["slug"]): r for r in rows if str(r["held"]) == "true"}
    assert set(held) == {"ws2023-descriptive-document", "ws2023-event-page", "wg1-2021-final-report",
                         "wg1-2024-report", "wg1-2019-quito-summary"}
    report = held["wg1-2021-final-report"]
    assert str(report["date"]) == "2021-07-08"
    assert str(report["symbols"]).split() == sorted(["OEA/Ser.K/XII.21.1", "CIDI/TRABAJO/RP/doc.4/21"])
    assert int(str(report["provisions"])) == 64
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


EXPECTED: dict[str, tuple[dict[str, str], Callable[[Rows], None]]] = {
    "documents": ({}, _documents),
    "provisions-of-document": ({"document": f"{B}doc/wg1-2024-report"}, _provisions),
    "coverage": ({}, _coverage),
    "trace": ({"item": f"{B}doc/iacml21-plan-of-action/art_7__para_g"}, _trace),
    "disagreements": ({}, _disagreements),
}


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
