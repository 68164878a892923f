"""The web pages in a real browser: headless Chromium (the ``browser`` fixture) on a real server (``site``).

A person's path through the pages (dashboard, an open mandate, its trace, its citation copied to
the clipboard), what each page type shows once rendered, keyboard use (skip link, filters, copy
button) and the semantic HTML that assistive technology reads (headings, labels, table headers,
landmarks), and that no page asks anything of the network beyond its own server; the API docs
(Swagger UI at ``/docs``, ReDoc at ``/redoc``) render every operation from this server's assets under
its Content-Security-Policy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

MANDATE = "/doc/iacml21-plan-of-action/art_7__para_g"
PAGES = {  # path -> words its h1 holds
    "/": "mandates dashboard",
    "/doc/wg1-2021-final-report": "Final Report of Working Group 1",
    MANDATE: "Art. 7(g)",
    "/activity/ws2023-education-labor": "Towards a Stronger Coordination",
    "/body/ilo-cinterfor": "CINTERFOR",
    "/topic/qualifications-frameworks": "Qualifications frameworks",
    "/reader/wg1-2021-final-report": "source text",
    "/search?q=apprenticeship": "Search",
    "/ontology": "Ontology",
}

SEMANTICS = """
const problems = [];
const h1 = document.querySelectorAll('h1');
if (h1.length !== 1) problems.push('h1 count ' + h1.length);
let level = 0;
for (const h of document.querySelectorAll('h1,h2,h3,h4,h5,h6')) {
  const found = Number(h.tagName[1]);
  if (found > level + 1) problems.push('heading jumps to ' + h.tagName + ': ' + h.textContent.trim().slice(0, 40));
  level = found;
}
for (const c of document.querySelectorAll('input:not([type=hidden]):not([type=submit]), select, textarea')) {
  if (!(c.labels && c.labels.length) && !c.getAttribute('aria-label')) problems.push('unlabelled ' + c.outerHTML);
}
for (const th of document.querySelectorAll('th')) {
  if (!['col', 'row'].includes(th.getAttribute('scope'))) problems.push('th without scope: ' + th.textContent);
}
for (const landmark of ['header', 'nav', 'main', 'footer']) {
  if (!document.querySelector(landmark)) problems.push('no ' + landmark);
}
for (const table of document.querySelectorAll('table')) {
  if (!table.querySelector('th')) problems.push('table without headers');
}
return problems;
"""


def wait(browser: Any, seconds: float = 20) -> WebDriverWait[Any]:
    # An element read while the page it belongs to is being replaced fails as stale, or, in Chrome, as an
    # inspector error ("Node with given id does not belong to the document"): either way, ask again.
    return WebDriverWait(browser, seconds, ignored_exceptions=(WebDriverException,))


def open_page(browser: Any, url: str) -> None:
    browser.get(url)
    wait(browser).until(lambda b: b.execute_script("return document.readyState") == "complete")


def tab_until(browser: Any, predicate: Callable[[Any], bool], limit: int = 60) -> Any:
    """Press Tab until the focused element satisfies ``predicate``; that element (fails after ``limit``)."""
    for _ in range(limit):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        element = browser.switch_to.active_element
        if predicate(element):
            return element
    pytest.fail(f"Tab did not reach the element in {limit} presses")


@pytest.mark.parametrize("path", list(PAGES))
def test_each_page_type_renders_semantic_html_offline(site: str, browser: Any, path: str,
                                                      requests_made: Callable[[], list[str]]) -> None:
    open_page(browser, site + path)
    heading = browser.find_element(By.TAG_NAME, "h1")
    assert heading.is_displayed() and PAGES[path].lower() in heading.text.lower(), heading.text
    assert browser.execute_script(SEMANTICS) == []
    requested = requests_made()
    assert requested and all(url.startswith(site) or url.startswith("data:") for url in requested), requested
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == [], errors
    stylesheet = browser.execute_script("return getComputedStyle(document.querySelector('.site-header')).display")
    assert stylesheet == "flex", "the page's own stylesheet is applied"


def built_asof(site: str) -> str:
    """The as-of date the served build was assessed at: its corpus's newest document's last day."""
    from kb.corpus import load_corpus
    from kb.rules import corpus_date

    return corpus_date(d.meta.date for d in load_corpus()).isoformat()


def test_dashboard_to_open_mandate_to_trace_to_cite(site: str, browser: Any) -> None:
    open_page(browser, site + "/")
    assert browser.find_element(By.ID, "asof-date").text == built_asof(site)
    # as of the end of 2022, in the Plan of Action of Buenos Aires: Art. 7(g) was still open
    browser.execute_script("document.getElementById('f-asof').value = '2022-12-31'")
    Select(browser.find_element(By.ID, "f-document")).select_by_value("iacml21-plan-of-action")
    browser.find_element(By.ID, "apply-filters").click()
    wait(browser).until(ec.text_to_be_present_in_element((By.ID, "asof-date"), "2022-12-31"))
    assert "asof=2022-12-31" in browser.current_url and "document=iacml21-plan-of-action" in browser.current_url
    rows = browser.find_elements(By.CSS_SELECTOR, "#mandates tbody tr")
    assert len(rows) == int(browser.find_element(By.ID, "row-count").text) > 1
    link = browser.find_element(By.LINK_TEXT, "Plan of Action of Buenos Aires (XXI IACML, 2021), Art. 7(g)")
    link.click()
    wait(browser).until(ec.url_contains(MANDATE))
    assert browser.find_element(By.ID, "status-response").text.startswith("response no-evidence")
    assert "2022-12-31" in browser.find_element(By.ID, "status-reason").text
    # by the end of 2024 it is addressed and carried forward; the trace is drawn and its steps are listed
    open_page(browser, site + MANDATE + "?asof=2024-12-31")
    assert browser.find_element(By.ID, "status-response").text.startswith("response addressed")
    assert browser.find_element(By.ID, "status-lifecycle").text.startswith("lifecycle carried-forward")
    svg = browser.find_element(By.CSS_SELECTOR, "svg.timeline")
    assert svg.is_displayed() and svg.size["height"] > 150
    labels = {e.text for e in browser.find_elements(By.CSS_SELECTOR, "svg.timeline text.arrow-label")}
    assert {"derivedFrom", "respondsTo", "reiterates"} <= labels
    steps = browser.find_element(By.ID, "trace-steps")
    steps.find_element(By.PARTIAL_LINK_TEXT, "Recommendation 6").click()
    wait(browser).until(ec.url_contains("/doc/wg1-2024-report/recommendation_6"))
    assert "Recommendation 6" in browser.find_element(By.TAG_NAME, "h1").text
    # cite it: the copy button puts the citation in the clipboard and says so
    browser.execute_cdp_cmd("Browser.grantPermissions", {"origin": site, "permissions": [
        "clipboardReadWrite", "clipboardSanitizedWrite"]})
    button = browser.find_element(By.ID, "copy-text")
    browser.execute_script("arguments[0].scrollIntoView()", button)
    button.click()
    wait(browser).until(ec.text_to_be_present_in_element((By.ID, "copy-status"), "Copied the text citation"))
    copied = browser.execute_async_script(
        "const done = arguments[0]; navigator.clipboard.readText().then(done, e => done('ERROR ' + e));")
    assert copied == browser.find_element(By.ID, "cite-text").text
    assert "https://w3id.org/iacml-kb/doc/wg1-2024-report/recommendation_6" in copied


def test_keyboard_reaches_skip_link_filters_and_copy_button(site: str, browser: Any) -> None:
    open_page(browser, site + "/")
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    skip = browser.switch_to.active_element
    assert skip.text == "Skip to main content" and skip.is_displayed()
    assert browser.execute_script("return getComputedStyle(document.activeElement).outlineStyle") != "none"
    skip.send_keys(Keys.ENTER)
    assert browser.execute_script("return document.activeElement.id") == "main"
    kind = tab_until(browser, lambda e: e.get_attribute("id") == "f-kind")
    kind.send_keys(Keys.ARROW_DOWN)  # Mandates -> Recommendations
    assert Select(kind).first_selected_option.get_attribute("value") == "Recommendation"
    status = tab_until(browser, lambda e: e.get_attribute("id") == "f-status")
    Select(status).select_by_value("adopted")
    apply = tab_until(browser, lambda e: e.get_attribute("id") == "apply-filters")
    apply.send_keys(Keys.ENTER)
    wait(browser).until(ec.url_contains("kind=Recommendation"))
    assert "status=adopted" in browser.current_url
    assert "Recommendations with status adopted" in browser.find_element(By.ID, "list-heading").text
    # on an item page the copy buttons are reached and pressed with the keyboard
    open_page(browser, site + MANDATE)
    copy = tab_until(browser, lambda e: e.get_attribute("id") == "copy-markdown", limit=200)
    copy.send_keys(Keys.ENTER)
    wait(browser).until(ec.text_to_be_present_in_element((By.ID, "copy-status"), "markdown citation"))


def test_search_and_reader_in_the_browser(site: str, browser: Any) -> None:
    open_page(browser, site + "/search")
    box = browser.find_element(By.ID, "search-q")
    box.send_keys("apprenticeship", Keys.ENTER)
    wait(browser).until(ec.url_contains("q=apprenticeship"))
    result = browser.find_element(By.CSS_SELECTOR, 'a[href="/doc/wg1-2021-final-report/para_18"]')
    assert "apprenticeship" in browser.find_element(By.ID, "results-provision").find_element(
        By.XPATH, "..").text.lower()
    result.click()
    wait(browser).until(ec.url_contains("/doc/wg1-2021-final-report/para_18"))
    assert "apprenticeship" in browser.find_element(By.ID, "item-text").text.lower()
    open_page(browser, site + "/reader/wg1-2021-final-report#recommendation_7")
    anchor = browser.find_element(By.ID, "recommendation_7")
    in_view = browser.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight;", anchor)
    assert in_view, "the reader scrolls to the provision named in the address"
    row = anchor.find_element(By.XPATH, "ancestor::div[@class='reader-row']")
    assert "Instruct ILO-CINTERFOR" in row.text
    assert row.find_element(By.CSS_SELECTOR, f'.reader-links a[href="{MANDATE}"]').is_displayed()


# ReDoc's "API docs by Redocly" attribution tries this image (and hides it when it fails): the policy
# refuses it before any request leaves, which the console reports. Nothing else may leave the server.
REDOC_ATTRIBUTION = "https://cdn.redoc.ly/redoc/logo-mini.svg"


@pytest.mark.parametrize(("path", "operation"), [("/docs", ".opblock"), ("/redoc", "[data-section-id^='tag/']")])
def test_api_docs_render_every_operation_offline(site: str, browser: Any, path: str, operation: str,
                                                  requests_made: Callable[[], list[str]]) -> None:
    import httpx

    paths = httpx.get(site + "/openapi.json").json()["paths"]
    open_page(browser, site + path)
    wait(browser).until(lambda b: len(b.find_elements(By.CSS_SELECTOR, operation)) > 0)
    if path == "/docs":  # one block per path and method (HEAD included)
        count = sum(1 for methods in paths.values() for m in methods if m in ("get", "head", "post"))
        wait(browser).until(lambda b: len(b.find_elements(By.CSS_SELECTOR, operation)) == count)
        assert "provisions" in browser.find_element(By.ID, "swagger-ui").text
    else:  # a tag section each, and a search that works (its index is built in a blob: worker)
        box = browser.find_element(By.CSS_SELECTOR, "input[placeholder='Search...']")
        box.send_keys("provisions")
        wait(browser).until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "[data-role='search:results'] li")) > 0)
    outside = [url for url in requests_made() if not url.startswith((site, "data:", f"blob:{site}/"))]
    assert set(outside) <= {REDOC_ATTRIBUTION}, outside
    errors = [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    assert all(REDOC_ATTRIBUTION in message and "Content Security Policy" in message for message in errors), errors
