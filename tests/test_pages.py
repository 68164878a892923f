"""The web pages as a person gets them over HTTP from a real server on the built corpus (the ``site`` fixture).

Each test reads what a person sees: the Art. 7(g) page with its status, trace, quotes and citation;
the reader anchoring provisions by eId; search; the dashboard with its filters, as-of date and CSV
export; the ontology page; and, on every page type, the semantic HTML that assistive technology
relies on (one h1, ordered headings, landmarks, labelled controls, table headers with scope).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any, ClassVar

import httpx
import pytest

import kb


@pytest.fixture(scope="module")
def store(built_release: Any) -> Iterator[kb.Store]:
    """The built store the server serves, read here to say what the pages must show."""
    opened = kb.open_store(str(built_release.store_path))
    yield opened
    opened.close()


BROWSER = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
MANDATE = "/doc/iacml21-plan-of-action/art_7__para_g"
PAGES = {
    "dashboard": "/",
    "document": "/doc/wg1-2021-final-report",
    "provision": MANDATE,
    "activity": "/activity/ws2023-education-labor",
    "body": "/body/ilo-cinterfor",
    "topic": "/topic/qualifications-frameworks",
    "reader": "/reader/wg1-2021-final-report",
    "search": "/search?q=apprenticeship",
    "ontology": "/ontology",
}


class Page(HTMLParser):
    """The parts of an HTML page the tests look at: elements with their attributes, text by id, headings."""

    VOID: ClassVar[set[str]] = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                                "source", "track", "wbr", "path", "rect", "line", "stop"}

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.headings: list[tuple[int, str]] = []
        self.texts: dict[str, str] = {}
        self._open: list[tuple[str, str | None, list[str]]] = []  # (tag, id, text parts)
        self.text_parts: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.elements.append((tag, values))
        self.handle_data(" ")  # a tag separates words (table cells, list items)
        if tag not in self.VOID:
            self._open.append((tag, values.get("id"), []))

    def handle_endtag(self, tag: str) -> None:
        self.handle_data(" ")
        while self._open:
            name, ident, parts = self._open.pop()
            text = re.sub(r"\s+", " ", "".join(parts)).strip()
            if ident:
                self.texts[ident] = text
            if re.fullmatch(r"h[1-6]", name):
                self.headings.append((int(name[1]), text))
            if self._open:
                self._open[-1][2].append("".join(parts))
            if name == tag:
                return

    def handle_data(self, data: str) -> None:
        self.text_parts.append(data)
        if self._open:
            self._open[-1][2].append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.text_parts))

    def all(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [a for t, a in self.elements if t == tag and all(a.get(k) == v for k, v in attrs.items())]

    def hrefs(self) -> set[str]:
        return {a.get("href", "") for a in self.all("a")}


def get_page(site: str, path: str, expect: int = 200, **params: str) -> Page:
    response = httpx.get(site + path, headers=BROWSER, params=params or None, timeout=60)
    assert response.status_code == expect, (path, response.status_code, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    return Page(response.text)


def heading_order_ok(headings: list[tuple[int, str]]) -> bool:
    """No level is skipped on the way down (h2 -> h4 is wrong; h4 -> h2 is fine)."""
    level = 0
    for found, _ in headings:
        if found > level + 1:
            return False
        level = found
    return True


# --------------------------------------------------------------------------------------------
# Item pages
# --------------------------------------------------------------------------------------------


def test_mandate_page_shows_status_trace_quotes_and_cite(site: str) -> None:
    page = get_page(site, MANDATE, asof="2024-12-31")  # pinned: a later Plan of Action added would supersede it
    assert [h for level, h in page.headings if level == 1] == ["Plan of Action of Buenos Aires (XXI IACML, 2021), "
                                                               "Art. 7(g)"]
    assert "Encourage ILO-CINTERFOR, OAS and UNESCO to continue working jointly" in page.texts["item-text"]
    reason = page.texts["status-reason"]
    assert reason.startswith("As of 2024-12-31")
    assert "Towards a Stronger Coordination between Education and Labor" in reason
    assert "wg1-2024-report recommendation_6" in reason
    assert page.texts["status-response"].startswith("response addressed")
    assert page.texts["status-lifecycle"].startswith("lifecycle carried-forward")
    # what answered the recommendation it adopted answers it through that recommendation's page, not "this"
    rec7 = get_page(site, "/doc/wg1-2021-final-report/recommendation_7", asof="2024-12-31")
    assert "respondsTo iacml21-plan-of-action art_7__para_g" in rec7.texts["status-response"]
    assert "derivedFrom this" in rec7.texts["status-response"]
    # the trace: a timeline with typed, labelled arrows, and the same steps as text
    svg = page.all("svg", role="img")
    assert len(svg) == 1 and page.all("title", id="timeline-title")
    steps = page.texts["trace-steps"]
    assert "respondsTo" in steps and "reiterates" in steps and "derivedFrom" in steps
    for label in ("derivedFrom", "respondsTo", "reiterates"):
        assert f">{label}</text>" in httpx.get(site + MANDATE, headers=BROWSER).text
    # the links, each quote highlighted in its source's context
    hrefs = page.hrefs()
    assert "/doc/wg1-2024-report/recommendation_6" in hrefs
    assert "/activity/ws2023-education-labor" in hrefs
    assert "/doc/wg1-2021-final-report/recommendation_7" in hrefs
    html = httpx.get(site + MANDATE, headers=BROWSER).text
    assert re.search(r"<mark>6\. Promote, with the support of ILO/CINTERFOR and OAS, the consolidation", html)
    assert re.search(r"<mark>which took place from May 4 to 5, 2023 in Buenos Aires", html)
    assert re.search(r'<span class="context">…[^<]+</span><mark>', html), "a quote comes with the text before it"
    assert any(h.startswith("/reader/wg1-2024-report#ev-") for h in hrefs), "a quote opens in the reader"
    # the citation in every format, each with a copy button
    for fmt in ("text", "markdown", "bibtex", "csl-json", "text-es"):
        iri = "https://w3id.org/iacml-kb/doc/iacml21-plan-of-action/art_7__para_g"
        assert iri in page.texts[f"cite-{fmt}"]  # BibTeX's url too: read verbatim, never escaped
        assert page.all("button", id=f"copy-{fmt}")[0]["data-copy"] == f"cite-{fmt}"
    assert page.texts["cite-bibtex"].startswith("@misc{")
    assert "Art. 7(g)" in page.texts["cite-text"]
    assert ", art. 7(g). " in page.texts["cite-text-es"] and "Conjunto de datos IACML-KB" in page.texts["cite-text-es"]


def test_pages_show_addressee_roles_and_partial_answers(site: str) -> None:
    rec8 = re.sub(r"\s+", " ", get_page(site, "/doc/wg1-2021-final-report/recommendation_8").text)
    assert "Inter-American Network for Labor Administration (RIAL) (as channel," in rec8
    assert "(as partner," in rec8 and "Inter-American Commission of Women" in rec8
    item = re.sub(r"\s+", " ", get_page(
        site, "/doc/wg1-2019-quito-summary/sec_3__subsec_2__list_1__item_2__list_1__item_3").text)
    assert "respondsTo · answers in part: “create a network of gender units, as a sub-network of the RIAL”" in item


def test_status_follows_the_as_of_date(site: str) -> None:
    page = get_page(site, MANDATE, asof="2022-12-31")
    assert page.texts["status-reason"].startswith("As of 2022-12-31: no response recorded by 2022-12-31")
    assert page.texts["status-response"].startswith("response no-evidence")
    assert page.texts["status-lifecycle"].startswith("lifecycle active")
    assert page.all("input", id="item-asof")[0]["value"] == "2022-12-31"
    bad = httpx.get(site + MANDATE, headers=BROWSER, params={"asof": "2022-13-45"})  # a person: a page saying so
    assert bad.status_code == 400 and bad.headers["content-type"].startswith("text/html") and "2022-13-45" in bad.text


def test_document_activity_body_and_topic_pages(site: str) -> None:
    document = get_page(site, "/doc/wg1-2021-final-report")
    assert document.headings[0][1].startswith("Final Report of Working Group 1")
    assert "/reader/wg1-2021-final-report" in document.hrefs()
    assert "/doc/wg1-2021-final-report/sec_4" in document.hrefs() or any(
        h.startswith("/doc/wg1-2021-final-report/") for h in document.hrefs())
    assert "OEA/Ser.K/XII.21.1" in document.text and "CIDI/TRABAJO/RP/doc.4/21" in document.text
    assert "OEA/Ser.K/XII.21.1" in document.texts["cite-text"]

    activity = get_page(site, "/activity/ws2023-education-labor")
    assert "Towards a Stronger Coordination between Education and Labor" in activity.headings[0][1]
    assert MANDATE in activity.hrefs()
    assert "responds to" in activity.text and "<mark>" in httpx.get(site + "/activity/ws2023-education-labor",
                                                                     headers=BROWSER).text

    body = get_page(site, "/body/ilo-cinterfor")
    assert "CINTERFOR" in body.headings[0][1]
    assert MANDATE in body.hrefs()  # a mandate addressed to it
    assert "https://w3id.org/iacml-kb/body/ilo-cinterfor" in body.texts["cite-text"]  # a Cite box on bodies too
    assert "Declaration" not in body.texts["cite-text"]

    topic = get_page(site, "/topic/qualifications-frameworks")
    assert topic.headings[0][1] == "Qualifications frameworks"
    assert "Provisions on this topic" in topic.text
    assert "/doc/wg1-2021-final-report/recommendation_7" in topic.hrefs()


def test_an_unnumbered_paragraph_is_named_under_its_section_as_printed(site: str) -> None:
    """The Quito summary prints its sections "I.", "II.", "III.": a paragraph of section I is "section I,
    unnumbered paragraph 1" in its title, its Cite box and search, never the eId's "section 1"."""
    page = get_page(site, "/doc/wg1-2019-quito-summary/sec_1__al_1")
    assert page.headings[0][1].endswith("section I, unnumbered paragraph 1"), page.headings[0]
    assert "section 1," not in page.text
    assert ", section I, unnumbered paragraph 1. " in page.texts["cite-text"]
    found = get_page(site, "/search", q="Main Ideas of the Meeting section III subsection")
    assert "section III, subsection 1" in found.text and "section 3," not in found.text


def test_unknown_items_are_404_and_rdf_negotiation_is_unchanged(site: str) -> None:
    response = httpx.get(site + "/doc/iacml21-plan-of-action/art_99", headers=BROWSER)
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    missing = Page(response.text)
    assert missing.headings[0] == (1, "Not found") and "art_99" in missing.text and "/search" in missing.hrefs()
    assert httpx.get(site + "/doc/iacml21-plan-of-action/art_99").json()["error"]["status"] == 404
    turtle = httpx.get(site + MANDATE, headers={"Accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle") and "derivedFrom" in turtle.text
    html = httpx.get(site + MANDATE, headers=BROWSER)
    assert "Accept" in html.headers["vary"] and "?format=turtle" in html.headers["link"]
    wrong = httpx.get(site + MANDATE, params={"asof": "2024-02-30"}, headers=BROWSER)  # a person: a page
    assert wrong.status_code == 400 and wrong.headers["content-type"].startswith("text/html")
    assert Page(wrong.text).headings[0] == (1, "Bad request") and "2024-02-30" in wrong.text


def test_a_person_is_never_shown_json_for_an_error(site: str) -> None:
    """Any error a browser meets is a page with its status and words (the parameter at fault named);
    a client asking for JSON, or for nothing in particular, gets the one JSON shape."""
    cases = [("GET", "/api/mandates", {"documnet": "x"}, 400, "documnet"),  # a REST listing's unknown parameter
             ("GET", "/api/items/doc/iacml21-plan-of-action/art_7__para_g/status", {"asof": "2024-02-30"}, 400,
              "asof"),
             ("GET", "/api/queries/chairs", {"from": "2020-13-45", "to": "2021-01-01"}, 400, "from"),
             ("DELETE", "/search", {}, 405, None),
             ("GET", "/no/such/path", {}, 404, None),
             ("GET", "/sparql", {"query": "SELECT * WHERE { ?s ?p }"}, 400, None)]
    for method, path, params, status, parameter in cases:
        page = httpx.request(method, site + path, params=params, headers=BROWSER, timeout=60)
        assert page.status_code == status, (path, page.status_code, page.text[:300])
        assert page.headers["content-type"].startswith("text/html"), (path, page.text[:300])
        shown = Page(page.text)
        assert shown.headings[0][0] == 1 and shown.all("p", **{"class": "alert", "role": "alert"}), path
        assert (f"<code>{parameter}</code>" in page.text) == bool(parameter), path
        if status == 405:
            assert page.headers["allow"]
        assert "accept" in page.headers["vary"].lower()  # caches keep the page and the JSON apart
        for accept in ({"Accept": "application/json"}, {}, {"Accept": "text/html;q=0.1, application/json"},
                       {"Accept": "application/sparql-results+json, text/html;q=0.1"}):
            client = httpx.request(method, site + path, params=params, headers=accept, timeout=60)
            assert client.status_code == status and client.json()["error"]["parameter"] == parameter, (path, accept)
            assert "accept" in client.headers["vary"].lower()


# --------------------------------------------------------------------------------------------
# Reader and search
# --------------------------------------------------------------------------------------------


def test_reader_anchors_every_provision_and_marks_links_and_quotes(site: str) -> None:
    response = httpx.get(site + "/reader/wg1-2021-final-report", headers=BROWSER)
    page = Page(response.text)
    assert page.texts["recommendation_7"] == "7"  # the anchor shows the number as printed
    anchor = response.text.index('id="recommendation_7"')
    row_end = response.text.index('<div class="reader-row">', anchor)
    row = response.text[anchor:row_end]
    # the text reads whole, whatever marks (one per quote taken from it) cut it into pieces
    assert "Instruct ILO-CINTERFOR, OAS and UNESCO to continue working jointly" in re.sub(r"<[^>]+>", "", row)
    assert f'href="{MANDATE}"' in row, "the mandate derived from it is listed beside it"
    assert "<mark" in row
    ids = {a["id"] for _, a in page.elements if "id" in a}
    assert {"para_18", "sec_1", "recommendation_1"} <= ids
    assert sum(1 for i in ids if i.startswith("ev-")) > 50, "each quote taken from this text has an anchor"
    assert httpx.get(site + "/reader/iacml21-plan-of-action", headers=BROWSER).status_code == 404  # not held
    assert httpx.get(site + "/reader/no-such-doc", headers=BROWSER).status_code == 404


def test_search_finds_provisions_activities_and_bodies(site: str) -> None:
    page = get_page(site, "/search", q="apprenticeship")
    assert "/doc/wg1-2021-final-report/para_18" in page.hrefs()
    assert page.all("input", id="search-q")[0]["value"] == "apprenticeship"
    shouting = get_page(site, "/search", q="APPRENTICESHIP")
    assert "/doc/wg1-2021-final-report/para_18" in shouting.hrefs()
    bodies = get_page(site, "/search", q="cinterfor", type="body")
    assert "/body/ilo-cinterfor" in bodies.hrefs()
    assert not any(h.startswith("/doc/") and h.count("/") == 3 for h in bodies.hrefs() - {"/doc/"})
    activities = get_page(site, "/search", q="buenos aires workshop", type="activity")
    assert "/activity/ws2023-education-labor" in activities.hrefs()
    nothing = get_page(site, "/search", q="zzzyyyxxx")
    assert nothing.texts["search-summary"] == "0 results for “zzzyyyxxx”."
    blank = get_page(site, "/search", q="   ")  # blanks alone are no search: the form, no summary of nothing
    assert "search-summary" not in blank.texts and blank.all("input", id="search-q")[0]["value"] == ""
    spaced = get_page(site, "/search", q="  apprenticeship   training ")
    assert spaced.all("input", id="search-q")[0]["value"] == "apprenticeship training"
    assert httpx.get(site + "/search", params={"q": "x", "type": "nonsense"}, headers=BROWSER).status_code == 400


# --------------------------------------------------------------------------------------------
# Dashboard
# --------------------------------------------------------------------------------------------


def _table_rows(site: str, expect: int = 200, **params: str) -> list[str]:
    page = httpx.get(site + "/", headers=BROWSER, params=params or None, timeout=60)
    assert page.status_code == expect, (params, page.status_code, page.text[:300])
    html = page.text
    table = html[html.index('<table class="mandates"'):html.index("</table>", html.index('<table class="mandates"'))] \
        if '<table class="mandates"' in html else ""
    return re.findall(r'<th scope="row"><a href="(/doc/[^"?]+)', table)


def _csv_rows(site: str, **params: str) -> list[dict[str, str]]:
    response = httpx.get(site + "/mandates.csv", params=params or None, timeout=60)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    return list(csv.DictReader(io.StringIO(response.text)))


def _open(store: kb.Store, **filters: Any) -> list[str]:
    """What the library says the dashboard must list: open mandates, as paths."""
    return [r.item.replace(kb.BASE, "/") for r in kb.status(store, value="no-evidence", kind="Mandate", **filters)]


def test_dashboard_lists_open_mandates_and_counts(site: str, store: kb.Store) -> None:
    page = get_page(site, "/")
    assert page.headings[0] == (1, "IACML knowledge base: mandates dashboard")
    assert page.texts["asof-date"] == kb.build_asof(store).isoformat()
    rows = _table_rows(site)
    assert rows == _open(store) and rows, "the open mandates, in the library's order"
    assert page.texts["row-count"] == str(len(rows))
    plan = kb.status(store, kind="Mandate", document="iacml21-plan-of-action")
    values = [sum(1 for r in plan if value in {a.value for a in r.assessments.values()})
              for value in ("no-evidence", "partly-addressed", "addressed", "fulfilled", "carried-forward",
                            "superseded")]
    counts = page.text[page.text.index("By Plan of Action"):page.text.index("By topic")]
    expected = " ".join(map(str, [*values, len(plan)]))
    assert f"Plan of Action of Buenos Aires (XXI IACML, 2021) {expected}" in re.sub(r"\s+", " ", counts), counts
    assert values[2] > 0 and values[4] > 0  # Art. 7(g) among them: addressed, carried forward
    assert "By topic" in page.text and "By body" in page.text
    assert "/?document=iacml21-plan-of-action&status=no-evidence&kind=Mandate&asof=" in page.hrefs()


def test_dashboard_names_an_unknown_filter_and_shows_the_rest(site: str) -> None:
    page = get_page(site, "/", expect=400, document="nope", topic="gender-equality", status="")
    assert "no document 'nope' in the knowledge base" in re.sub(r"\s+", " ", page.text)
    # the other filters still apply: the same rows as without the unknown one
    assert _table_rows(site, 400, document="nope", topic="gender-equality", status="") == _table_rows(
        site, topic="gender-equality", status="") != []


def test_csv_export_matches_the_filtered_view(site: str) -> None:
    for params in ({}, {"status": "addressed", "document": "iacml21-plan-of-action"},
                   {"status": "", "topic": "qualifications-frameworks", "asof": "2022-12-31"},
                   {"kind": "Recommendation", "status": "adopted"}):
        shown = _table_rows(site, **params)
        exported = _csv_rows(site, **params)
        assert shown, params
        assert [r["iri"].replace("https://w3id.org/iacml-kb", "") for r in exported] == shown, params
        if params.get("status"):
            assert all(params["status"] in (r["response"], r["lifecycle"], r["adoption"]) for r in exported)
    page = get_page(site, "/", status="addressed", document="iacml21-plan-of-action")
    assert page.all("a", id="csv-export")[0]["href"] == ("/mandates.csv?document=iacml21-plan-of-action&status="
                                                          "addressed&kind=Mandate")


def test_as_of_date_changes_the_dashboard(site: str, store: kb.Store) -> None:
    now = _table_rows(site)
    before = _table_rows(site, asof="2022-12-31")
    assert MANDATE in before and MANDATE not in now, "Art. 7(g) was open at the end of 2022, answered in 2023"
    assert before == _open(store, asof=dt.date(2022, 12, 31)) and len(before) > len(now)
    page = get_page(site, "/", asof="2022-12-31")
    assert page.texts["asof-date"] == "2022-12-31"
    assert page.all("input", id="f-asof")[0]["value"] == "2022-12-31"
    exported = _csv_rows(site, asof="2022-12-31")
    assert {r["asof"] for r in exported} == {"2022-12-31"}
    bad = get_page(site, "/", 400, asof="31/12/2022")
    assert "is not a date" in bad.text and bad.all("div", role="alert")
    refused = httpx.get(site + "/mandates.csv", params={"asof": "31/12/2022"})
    assert refused.status_code == 400 and refused.json()["error"]["parameter"] == "asof"
    refused = httpx.get(site + "/mandates.csv", params={"kind": "Bogus"})
    assert refused.status_code == 400 and refused.json()["error"]["parameter"] == "kind"


# --------------------------------------------------------------------------------------------
# Ontology, semantics, assets
# --------------------------------------------------------------------------------------------


def test_ontology_page_defines_terms_with_examples(site: str) -> None:
    page = get_page(site, "/ontology")
    assert page.headings[0] == (1, "Ontology")
    row = page.texts["Mandate"]
    assert "kb:Mandate" in row and "operative" in row.lower()
    mandate_row = httpx.get(site + "/ontology", headers=BROWSER).text
    start = mandate_row.index('<tr id="Mandate">')
    assert "/doc/" in mandate_row[start:mandate_row.index("</tr>", start)], "a mandate of the KB as example"
    assert "kb:derivedFrom" in page.texts["derivedFrom"]
    assert {"Class", "ObjectProperty", "DatatypeProperty"} <= {a.get("id") for a in page.all("h2")}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_page_is_semantic_html(site: str, name: str) -> None:
    page = get_page(site, PAGES[name])
    assert [level for level, _ in page.headings].count(1) == 1, page.headings
    assert heading_order_ok(page.headings), page.headings
    for landmark in ("header", "nav", "main", "footer"):
        assert page.all(landmark), landmark
    assert page.all("a", href="#main") and page.all("main", id="main"), "a skip link to the main content"
    labelled = {a.get("for") for a in page.all("label")}
    for tag in ("input", "select", "textarea"):
        for control in page.all(tag):
            if control.get("type") in ("hidden", "submit"):
                continue
            assert control.get("id") in labelled or control.get("aria-label"), (tag, control)
    for th in page.all("th"):
        assert th.get("scope") in ("col", "row"), th
    assert page.all("html", lang="en")
    for asset in [a["href"] for a in page.all("link", rel="stylesheet")] + [s["src"] for s in page.all("script")
                                                                             if s.get("src")]:
        assert asset.startswith("/"), f"{asset}: every asset comes from this server (no CDN)"


def test_static_assets_are_served(site: str) -> None:
    css = httpx.get(site + "/static/pages.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert ":focus-visible" in css.text
    js = httpx.get(site + "/static/pages.js")
    assert js.status_code == 200 and "clipboard" in js.text

