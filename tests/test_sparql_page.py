"""The SPARQL page (/query) over HTTP, without a browser: what the server sends.

The page lists every example of ``queries/`` with its title, description and parameters, puts a
permalink's query back into the editor escaped, refuses what it cannot take with a message, serves
the editor (YASQE from web/node_modules) and its own script from this host only, and without
web/node_modules still serves a plain working form that says how to install the editor.
"""

from __future__ import annotations

import html
import re
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

import kb
from api import sparql_page
from api.app import create_app


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each element id'd or named."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def all(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags if name == tag]


def page(site: str, **params: str) -> httpx.Response:
    return httpx.get(f"{site}/query", params=params, headers={"Accept": "text/html"}, timeout=60)


def test_page_lists_every_example_with_title_description_and_parameters(site: str) -> None:
    answer = page(site)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")
    tags = Tags(answer.text)
    text = html.unescape(re.sub(r'<script type="application/json".*?</script>', "", answer.text, flags=re.S))
    assert len(re.findall(r"<h1[ >]", text)) == 1 and "SPARQL query editor" in text
    options = [o["value"] for o in tags.all("option") if o.get("value") and tags.all("select")]
    queries = kb.list_queries()
    for query in queries:
        assert query.name in options
        assert query.title in text
        assert query.description in text
        assert f'href="/query?example={query.name}"' in text
        for param in query.params:
            assert f"<code>?{param.name}</code>" in text
    labelled = {attrs["for"] for attrs in tags.all("label")}
    for control in tags.all("select") + tags.all("textarea"):
        assert control["id"] in labelled, control


def test_an_example_opens_with_its_parameters(site: str) -> None:
    answer = page(site, example="provisions-of-document")
    assert answer.status_code == 200
    tags = Tags(answer.text)
    document = next(i for i in tags.all("input") if i.get("id") == "param-document")
    assert document["value"] == f"{kb.BASE}doc/wg1-2021-final-report"  # the example of its description
    assert 'for="param-document"' in answer.text
    assert "PREFIX kb:" in answer.text and "?provision kb:inDocument ?document" in html.unescape(answer.text)
    timeline = Tags(page(site, example="cq05-topic-timeline").text)
    kind = next(i for i in timeline.all("input") if i.get("id") == "param-kind")
    assert kind["value"] == "" and kind["placeholder"] == "e.g. https://w3id.org/iacml-kb/ontology#Mandate"
    open_mandates = Tags(page(site, example="cq01-open-mandates").text)
    asof = next(i for i in open_mandates.all("input") if i.get("id") == "param-asof")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", asof["value"]), asof  # the build's as-of date


def test_a_permalink_query_comes_back_escaped_and_marked_to_run(site: str) -> None:
    hostile = 'SELECT * WHERE { ?s ?p "</textarea><script>alert(1)</script>" }'
    answer = page(site, query=hostile)
    assert answer.status_code == 200
    assert "<script>alert(1)</script>" not in answer.text
    editor = re.search(r'<textarea id="query"[^>]*>(.*?)</textarea>', answer.text, re.S)
    assert editor is not None and html.unescape(editor.group(1)) == hostile
    data = re.search(r'<script type="application/json" id="sparql-page-data">(.*?)</script>', answer.text, re.S)
    assert data is not None and '"autorun": true' in data.group(1)


def test_bad_requests_get_a_page_that_says_what_to_do(site: str) -> None:
    unknown = page(site, example="no-such-example")
    assert unknown.status_code == 404
    assert "no example query named" in unknown.text and 'role="alert"' in unknown.text


def test_a_query_over_the_limit_gets_a_page_that_says_so(built_release: Any, tmp_path: Path) -> None:
    """Over the default 20,000 characters a query in a URL is over the request line's limit too (16 KB:
    431, or this page when the whole request came in one read): the page's own limit is shown lower."""
    from test_api_server import running_server

    with running_server(built_release.store_path, tmp_path / "server.log", max_query_chars="100") as server:
        too_long = page(server.url, query="#" * 101)
    assert too_long.status_code == 400
    assert "at most 100" in too_long.text and 'role="alert"' in too_long.text


def test_the_page_loads_only_from_this_host(site: str) -> None:
    text = page(site, example="documents").text
    tags = Tags(text)
    sources = [a["src"] for a in tags.all("script") if "src" in a] + \
              [a["href"] for a in tags.all("link") if a.get("rel") == "stylesheet"]
    assert "/static/vendor/yasqe/yasqe.min.js" in sources and "/static/sparql-page.js" in sources
    for source in sources:
        assert source.startswith("/") and not source.startswith("//"), source
        answer = httpx.get(f"{site}{source}", timeout=60)
        assert answer.status_code == 200, source
        assert answer.headers["content-type"].split(";")[0] in ("text/javascript", "text/css")
    script = httpx.get(f"{site}/static/sparql-page.js").text
    assert "prefixCcApi: null" in script and "persistenceId: null" in script
    assert httpx.get(f"{site}/static/vendor/yasqe/../../../pyproject.toml").status_code == 404
    assert httpx.get(f"{site}/static/vendor/yasqe/package.json").status_code == 404


def test_vocabulary_for_completion_comes_from_the_knowledge_base(site: str) -> None:
    words = httpx.get(f"{site}/query/vocabulary", timeout=60).json()
    assert words["prefixes"] == dict(sorted(kb.PREFIXES.items()))
    kb_ns = kb.PREFIXES["kb"]
    assert f"{kb_ns}Mandate" in words["classes"] and f"{kb_ns}Activity" in words["classes"]
    assert f"{kb_ns}respondsTo" in words["properties"]
    assert "http://purl.org/dc/terms/title" in words["properties"]  # used in the data


def test_download_link_shape_answers(site: str) -> None:
    """The links the page writes (/sparql?query=...&format=...) answer with the format's media type."""
    query = kb.get_query("documents").text
    for fmt, media in {"json": "application/sparql-results+json", "csv": "text/csv"}.items():
        answer = httpx.get(f"{site}/sparql?query={urllib.parse.quote(query, safe='')}&format={fmt}", timeout=60)
        assert answer.status_code == 200 and answer.headers["content-type"].startswith(media)


def test_without_node_modules_the_page_is_a_plain_working_form(
        built_release: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sparql_page, "EDITOR_DIR", tmp_path / "no-node-modules")
    client = TestClient(create_app(str(built_release.store_path)))
    answer = client.get("/query", params={"example": "documents"})
    assert answer.status_code == 200
    assert "npm ci --prefix web" in answer.text and 'id="editor-missing"' in answer.text
    assert "yasqe.min.js" not in answer.text
    tags = Tags(answer.text)
    form = next(f for f in tags.all("form") if f.get("id") == "query-form")
    assert form["action"] == "/sparql" and form["method"] == "get"
    assert next(t for t in tags.all("textarea") if t.get("id") == "query")["name"] == "query"
    assert next(s for s in tags.all("select") if s.get("id") == "format")["name"] == "format"
    missing = client.get("/static/vendor/yasqe/yasqe.min.js")
    assert missing.status_code == 404 and "npm ci --prefix web" in missing.json()["error"]["detail"]


def test_the_endpoints_html_page_links_to_the_editor(site: str) -> None:
    answer = httpx.get(f"{site}/sparql", headers={"Accept": "text/html"}, timeout=60)
    assert answer.status_code == 200 and 'href="/query"' in answer.text
