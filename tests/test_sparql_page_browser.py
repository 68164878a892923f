"""The SPARQL page (/query) in headless Chromium, as a researcher uses it.

Each test drives the real page on a real server (fixtures ``site``, ``browser`` and ``requests_made``
of conftest): pick an example, run it, read the results table, follow the download links, reopen the
permalink, work it from the keyboard, and check that the page asks nothing of any host but this one.
What the page shows is checked against what the server's own named-query route answers.
"""

from __future__ import annotations

import statistics
import time
import urllib.parse
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select, WebDriverWait

import kb
from kb.corpus import load_corpus

WAIT_SECONDS = 60
HELD = {d.meta.slug for d in load_corpus()}  # the held documents, however many the corpus holds
RESULT_MEDIA = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values"}
GRAPH_MEDIA = {"turtle": "text/turtle", "ntriples": "application/n-triples", "jsonld": "application/ld+json",
               "rdfxml": "application/rdf+xml"}
CONSTRUCT = ("PREFIX kb: <https://w3id.org/iacml-kb/ontology#>\n"
             "CONSTRUCT { ?document kb:slug ?slug } WHERE { ?document a kb:Document ; kb:slug ?slug ; kb:held true }")


# --------------------------------------------------------------------------------------------
# Driving the page
# --------------------------------------------------------------------------------------------


def open_page(browser: Any, url: str) -> None:
    browser.get(url)
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda b: b.execute_script("return document.readyState") == "complete"
        and b.find_elements(By.CSS_SELECTOR, "#editor .CodeMirror"))


def editor_text(browser: Any) -> str:
    text: str = browser.execute_script("return document.querySelector('#editor .CodeMirror').CodeMirror.getValue()")
    return text


def set_editor_text(browser: Any, text: str) -> None:
    browser.execute_script("document.querySelector('#editor .CodeMirror').CodeMirror.setValue(arguments[0])", text)


def wait_for_answer(browser: Any) -> str:
    """The status line once the query has answered (results, or an error)."""
    def answered(b: Any) -> str | bool:
        section = b.find_element(By.ID, "results-section")
        if not section.is_displayed() or section.get_attribute("aria-busy") is not None:
            return False
        # read after the busy flag: read before it, the status could be that of the run that just ended
        status: str = b.find_element(By.ID, "status").text
        return status if status and not status.startswith("Running") else False

    try:
        status: str = WebDriverWait(browser, WAIT_SECONDS).until(answered)
    except TimeoutException:
        pytest.fail(f"no answer within {WAIT_SECONDS} s; page status: {browser.find_element(By.ID, 'status').text!r}")
    return status


def results(browser: Any) -> tuple[list[str], list[list[str]]]:
    table = browser.find_element(By.ID, "results-table")
    heads = [th.text for th in table.find_elements(By.CSS_SELECTOR, "thead th")]
    rows = [[td.text for td in tr.find_elements(By.TAG_NAME, "td")]
            for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr")]
    return heads, rows


def column(heads: list[str], rows: list[list[str]], name: str) -> list[str]:
    at = heads.index(name)
    return [row[at] for row in rows]


def pick_example(browser: Any, title: str) -> None:
    Select(browser.find_element(By.ID, "example")).select_by_visible_text(title)
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda b: b.find_elements(By.ID, "example-title") and b.find_element(By.ID, "example-title").text == title)


def api_rows(site: str, name: str, params: dict[str, str]) -> list[dict[str, Any]]:
    answer = httpx.get(f"{site}/api/queries/{name}", params=params, timeout=WAIT_SECONDS)
    assert answer.status_code == 200, answer.text
    rows: list[dict[str, Any]] = answer.json()["results"]["bindings"]
    return rows


def loopback_only(site: str, urls: list[str]) -> list[str]:
    """The URLs that went anywhere but this server (data: and blob: URLs stay in the page)."""
    return [u for u in urls if not u.startswith(f"{site}/") and not u.startswith(("data:", "blob:"))]


# --------------------------------------------------------------------------------------------
# Examples, results, downloads, permalink
# --------------------------------------------------------------------------------------------


def test_documents_example_runs_and_lists_the_documents(
        site: str, browser: Any, requests_made: Callable[[], list[str]]) -> None:
    open_page(browser, f"{site}/query")
    documents = kb.get_query("documents")
    pick_example(browser, documents.title)
    assert browser.find_element(By.ID, "example-description").text == documents.description
    assert "SELECT ?document ?slug" in editor_text(browser)
    browser.find_element(By.ID, "run").click()
    status = wait_for_answer(browser)
    heads, rows = results(browser)
    assert heads[:3] == ["document", "slug", "type"], heads
    slugs = column(heads, rows, "slug")
    assert set(slugs) >= HELD, slugs
    assert column(heads, rows, "held").count("true") == len(HELD)
    expected = api_rows(site, "documents", {})
    assert slugs == [row["slug"]["value"] for row in expected]
    assert status.startswith(f"{len(expected)} rows"), status
    first_link = browser.find_element(By.CSS_SELECTOR, "#results-table tbody tr td a")
    assert first_link.get_attribute("href").startswith(f"{site}/doc/"), "our IRIs link to their pages here"
    assert browser.find_elements(By.CSS_SELECTOR, "#results-table thead th[scope=col]")
    assert loopback_only(site, requests_made()) == []
    # the editor, its styles and the results ran under the Content-Security-Policy: nothing refused
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


def test_every_example_binds_its_parameters_like_the_named_query_route(site: str, browser: Any) -> None:
    """The page's VALUES binding gives the rows the server's own binding gives, for every example, with its
    required parameters as loaded and every optional one given the example value of its description (the
    unbound case is the named queries' own, tests/test_queries.py). Examples whose required parameters have
    no example value are left to the user and skipped."""
    checked = []
    for query in kb.list_queries():
        open_page(browser, f"{site}/query?example={query.name}")
        fields = {p.name: browser.find_element(By.ID, f"param-{p.name}") for p in query.params}
        loaded = {name: field.get_attribute("value") for name, field in fields.items()}
        assert not [p.name for p in query.params if not p.required and loaded[p.name]], "optional ones start empty"
        if any(p.required and not loaded[p.name] for p in query.params):
            continue
        to_fill = {name: (field.get_attribute("placeholder") or "").removeprefix("e.g. ")
                   for name, field in fields.items() if not loaded[name]}
        to_fill = {name: value for name, value in to_fill.items() if value}
        for name, value in to_fill.items():
            fields[name].send_keys(value, Keys.TAB)
        WebDriverWait(browser, WAIT_SECONDS).until(
            lambda b, names=list(to_fill): all(f"VALUES ?{n} {{" in editor_text(b) for n in names))
        checked.append(compare_with_route(site, query, editor_text(browser), {**loaded, **to_fill}))
    checked = [c for c in checked if c]
    print(f"examples bound by the page and checked against /api/queries: {', '.join(checked)}")
    assert {"documents", "provisions-of-document", "cq09-full-trace", "trace", "cq05-topic-timeline +kind",
            "cq06-reiterated-priorities +topic", "cq07-recommendations-without-mandate +document",
            "cq03-recommendations-adoption +document"} <= set(checked), "each of these gives rows"


def compare_with_route(site: str, query: kb.NamedQuery, text: str, values: dict[str, str]) -> str:
    """Runs the editor's text at /sparql and the named query with ``values`` at /api/queries: same rows."""
    bound = {k: v for k, v in values.items() if v}
    for name in bound:
        assert f"VALUES ?{name} {{" in text, (query.name, text[:600])
    sent = httpx.post(f"{site}/sparql", data={"query": text}, timeout=WAIT_SECONDS,
                      headers={"Accept": "application/sparql-results+json"})
    if sent.status_code == 503:  # the time limit, on a busy machine: the page shows that too
        return ""
    assert sent.status_code == 200, (query.name, sent.text)
    rows = sent.json()["results"]["bindings"]
    assert rows == api_rows(site, query.name, bound), (query.name, bound)
    optional = sorted(p.name for p in query.params if not p.required and p.name in bound)
    return query.name + "".join(f" +{name}" for name in optional) + ("" if rows else " (no rows)")


def test_changing_a_parameter_rewrites_the_example_and_runs_it(site: str, browser: Any) -> None:
    open_page(browser, f"{site}/query?example=provisions-of-document")
    field = browser.find_element(By.ID, "param-document")
    label = browser.find_element(By.CSS_SELECTOR, "label[for=param-document]")
    assert "document" in label.text
    other = f"{kb.BASE}doc/wg1-2019-quito-summary"
    field.clear()
    field.send_keys(other, Keys.TAB)
    WebDriverWait(browser, WAIT_SECONDS).until(lambda b: f"VALUES ?document {{ <{other}> }}" in editor_text(b))
    browser.find_element(By.ID, "run").click()
    wait_for_answer(browser)
    heads, rows = results(browser)
    expected = api_rows(site, "provisions-of-document", {"document": other})
    assert column(heads, rows, "eId") == [row["eId"]["value"] for row in expected]
    assert len(rows) > 5
    field.clear()
    field.send_keys("not an iri", Keys.TAB)
    message = browser.find_element(By.ID, "param-document-error")
    WebDriverWait(browser, WAIT_SECONDS).until(lambda b: "absolute IRI" in message.text)
    assert field.get_attribute("aria-invalid") == "true"
    assert "VALUES ?document" not in editor_text(browser)


def test_download_links_answer_in_every_format(site: str, browser: Any) -> None:
    open_page(browser, f"{site}/query?example=documents")
    browser.find_element(By.ID, "run").click()
    wait_for_answer(browser)
    links = {a.get_attribute("data-format"): a.get_attribute("href")
             for a in browser.find_elements(By.CSS_SELECTOR, "#downloads a")}
    assert set(links) == set(RESULT_MEDIA)
    for fmt, href in links.items():
        assert href.startswith(f"{site}/sparql?query="), href
        answer = httpx.get(href, timeout=WAIT_SECONDS)
        assert answer.status_code == 200, (fmt, answer.text[:300])
        assert answer.headers["content-type"].split(";")[0] == RESULT_MEDIA[fmt]
        assert "wg1-2021-final-report" in answer.text

    set_editor_text(browser, CONSTRUCT)
    browser.find_element(By.ID, "run").click()
    status = wait_for_answer(browser)
    assert status.startswith(f"{len(HELD)} triples"), status
    heads, rows = results(browser)
    assert heads == ["subject", "predicate", "object"]
    assert sorted(column(heads, rows, "object")) == sorted(HELD)
    links = {a.get_attribute("data-format"): a.get_attribute("href")
             for a in browser.find_elements(By.CSS_SELECTOR, "#downloads a")}
    assert set(links) == set(GRAPH_MEDIA)
    for fmt, href in links.items():
        answer = httpx.get(href, timeout=WAIT_SECONDS)
        assert answer.status_code == 200, (fmt, answer.text[:300])
        assert answer.headers["content-type"].split(";")[0] == GRAPH_MEDIA[fmt]
        assert "wg1-2024-report" in answer.text


def test_ask_and_errors_are_shown(site: str, browser: Any) -> None:
    open_page(browser, f"{site}/query")
    set_editor_text(browser, f"ASK {{ <{kb.BASE}doc/wg1-2024-report> ?p ?o }}")
    browser.find_element(By.ID, "run").click()
    wait_for_answer(browser)
    assert browser.find_element(By.ID, "results-boolean").text == "true"
    assert {a.get_attribute("data-format") for a in browser.find_elements(By.CSS_SELECTOR, "#downloads a")} == \
        {"json", "xml"}
    set_editor_text(browser, "SELECT * WHERE { ?s ?p }")
    browser.find_element(By.ID, "run").click()
    status = wait_for_answer(browser)
    assert "HTTP 400" in status
    alert = browser.find_element(By.CSS_SELECTOR, "#error[role=alert]")
    assert alert.text.strip(), "the endpoint's explanation is shown"
    assert not browser.find_element(By.ID, "downloads").is_displayed()


def test_permalink_restores_the_query_and_runs_it(
        site: str, browser: Any, requests_made: Callable[[], list[str]]) -> None:
    open_page(browser, f"{site}/query")
    query = ("PREFIX kb: <https://w3id.org/iacml-kb/ontology#>\n"
             "SELECT ?slug WHERE { ?d a kb:Document ; kb:slug ?slug ; kb:held true } ORDER BY ?slug # held ones")
    set_editor_text(browser, query)
    browser.find_element(By.ID, "run").click()
    wait_for_answer(browser)
    permalink = browser.find_element(By.ID, "permalink").get_attribute("href")
    assert permalink == f"{site}/query?query={urllib.parse.quote(query, safe='')}"
    assert browser.current_url == permalink, "the address bar carries the query too"

    browser.get(f"{site}/")
    browser.get(permalink)
    wait_for_answer(browser)
    assert editor_text(browser) == query
    heads, rows = results(browser)
    assert heads == ["slug"] and [r[0] for r in rows] == sorted(HELD)
    assert loopback_only(site, requests_made()) == []


def completions_after_typing(browser: Any, text: str, typed: str) -> list[str]:
    browser.execute_script("var e = document.querySelector('#editor .CodeMirror').CodeMirror;"
                           "e.setValue(arguments[0]); e.focus(); e.setCursor(e.lineCount(), 0);", text)
    editor = browser.switch_to.active_element
    editor.send_keys(Keys.END, typed)
    try:
        WebDriverWait(browser, 10).until(lambda b: b.find_elements(By.CSS_SELECTOR, ".CodeMirror-hint"))
    except TimeoutException:
        return []
    hints = [h.text for h in browser.find_elements(By.CSS_SELECTOR, ".CodeMirror-hint")]
    editor.send_keys(Keys.ESCAPE)
    return hints


def test_editor_completes_from_the_knowledge_base_only(
        site: str, browser: Any, requests_made: Callable[[], list[str]]) -> None:
    open_page(browser, f"{site}/query")
    kb_prefix = f"PREFIX kb: <{kb.PREFIXES['kb']}>\n"
    assert "kb:Mandate" in completions_after_typing(browser, kb_prefix + "SELECT * WHERE { ?x a kb:Man", "d")
    assert "kb:respondsTo" in completions_after_typing(browser, kb_prefix + "SELECT * WHERE { ?x kb:resp", "o")
    prefixes = completions_after_typing(browser, "PREFIX ", "sk")
    assert prefixes == [f"skos: <{kb.PREFIXES['skos']}>"], "our prefixes, not prefix.cc's"
    assert loopback_only(site, requests_made()) == [], "no prefix.cc, no LOV"


def test_without_the_editor_the_plain_text_box_still_runs_queries(site: str, browser: Any) -> None:
    """If YASQE does not load (here: blocked), the page says so and works on its labelled text box."""
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/static/vendor/yasqe/*"]})
    try:
        browser.get(f"{site}/query?example=documents")
        WebDriverWait(browser, WAIT_SECONDS).until(lambda b: b.find_elements(By.ID, "editor-failed"))
        assert not browser.find_elements(By.CSS_SELECTOR, "#editor .CodeMirror")
        box = browser.find_element(By.ID, "query")
        assert box.is_displayed()
        assert browser.find_element(By.CSS_SELECTOR, "label[for=query]").text == "SPARQL query"
        box.send_keys(Keys.CONTROL, Keys.END)
        box.send_keys("LIMIT 4")
        box.send_keys(Keys.CONTROL, Keys.ENTER)
        assert wait_for_answer(browser).startswith("4 rows")
        assert len(results(browser)[1]) == 4
    finally:
        browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})


# --------------------------------------------------------------------------------------------
# Keyboard and semantic HTML
# --------------------------------------------------------------------------------------------


def focus_by_tab(browser: Any, predicate: Callable[[WebElement], bool], presses: int = 60) -> WebElement:
    body = browser.switch_to.active_element
    for _ in range(presses):
        body.send_keys(Keys.TAB)
        body = browser.switch_to.active_element
        if predicate(body):
            return body
    pytest.fail("not reachable by Tab")


def test_editor_and_run_are_reachable_and_usable_by_keyboard(site: str, browser: Any) -> None:
    open_page(browser, f"{site}/query?example=documents")
    browser.find_element(By.TAG_NAME, "body").click()
    editor = focus_by_tab(browser, lambda e: e.get_attribute("id") == "query-editor")
    assert editor.get_attribute("aria-label") == "SPARQL query"
    label = browser.find_element(By.CSS_SELECTOR, "label[for=query-editor]")
    assert label.text == "SPARQL query"
    editor.send_keys(Keys.CONTROL, Keys.END)
    editor.send_keys(Keys.ENTER, "LIMIT 2")
    editor.send_keys(Keys.CONTROL, Keys.ENTER)
    status = wait_for_answer(browser)
    assert status.startswith("2 rows"), status

    editor = browser.switch_to.active_element
    assert editor.get_attribute("id") == "query-editor", "Ctrl+Enter leaves the focus in the editor"
    editor.send_keys(Keys.TAB)
    run = browser.switch_to.active_element
    assert run.get_attribute("id") == "run", "Tab leaves the editor for the Run button (no keyboard trap)"
    browser.execute_script("document.getElementById('status').textContent = ''")
    set_editor_text(browser, editor_text(browser).replace("LIMIT 2", "LIMIT 3"))
    run.send_keys(Keys.ENTER)
    assert wait_for_answer(browser).startswith("3 rows")

    example = focus_by_tab(browser, lambda e: e.get_attribute("id") == "example")
    example.send_keys(Keys.END)
    last = kb.list_queries()[-1]
    WebDriverWait(browser, WAIT_SECONDS).until(lambda b: b.find_element(By.ID, "example-title").text == last.title)


def test_page_is_semantic_html(site: str, browser: Any) -> None:
    open_page(browser, f"{site}/query?example=cq05-topic-timeline")
    assert [h.text for h in browser.find_elements(By.TAG_NAME, "h1")] == ["SPARQL query editor"]
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    unlabelled = browser.execute_script("""
        return Array.from(document.querySelectorAll('input, select, textarea, button')).filter(function (c) {
          if (c.offsetParent === null || c.type === 'hidden') { return false; }
          if (c.tagName === 'BUTTON') { return !c.textContent.trim() && !c.getAttribute('aria-label'); }
          var labelled = c.id && document.querySelector('label[for="' + c.id + '"]');
          return !labelled && !c.getAttribute('aria-label') && !c.getAttribute('aria-labelledby');
        }).map(function (c) { return c.outerHTML.slice(0, 120); });""")
    assert unlabelled == [], unlabelled
    assert browser.find_element(By.CSS_SELECTOR, "fieldset#parameters legend").text == "Parameters of this example"
    for name in ("topic", "kind"):
        assert browser.find_element(By.CSS_SELECTOR, f"label[for=param-{name}]").is_displayed()
    titles = [o.text for o in Select(browser.find_element(By.ID, "example")).options][1:]
    assert titles == [q.title for q in kb.list_queries()]
    browser.find_element(By.ID, "run").click()
    wait_for_answer(browser)
    table = browser.find_element(By.ID, "results-table")
    assert table.find_elements(By.CSS_SELECTOR, "thead th[scope=col]")
    assert table.find_element(By.TAG_NAME, "caption").text.endswith("rows")
    assert browser.find_element(By.CSS_SELECTOR, "#status[role=status]").text


def test_page_loads_repeatedly_with_the_editor_ready(site: str, browser: Any) -> None:
    """Loads the page until the editor is ready, several times; prints the median (p50) time, measured for the
    report (speed is not asserted here)."""
    seconds = []
    for _ in range(7):
        started = time.perf_counter()
        open_page(browser, f"{site}/query?example=documents")
        seconds.append(time.perf_counter() - started)
    timing = browser.execute_script("var t = performance.getEntriesByType('navigation')[0];"
                                    "return [t.responseEnd - t.startTime, t.loadEventEnd - t.startTime];")
    print(f"/query load: p50 {statistics.median(seconds) * 1000:.0f} ms over {len(seconds)} loads; "
          f"last navigation: response {timing[0]:.0f} ms, load event {timing[1]:.0f} ms")
    assert browser.find_element(By.ID, "example-title").text == "Documents"
