"""The web pages in English and Spanish: how a page's language is chosen, what it shows in it, how it is cached.

The pages are read over HTTP from the real server of ``tests/test_pages.py`` (the ``site`` fixture):
a page asked in Spanish, by ``lang`` or by ``Accept-Language``, has the catalogue's Spanish words and
none of its English ones, names items by their Spanish labels where the graph has them, links to
itself in English, keeps its language in its links and forms, and is never answered from a cache
holding the English page; an unknown ``lang`` is a 400 naming the parameter. Without a server: the
catalogue (:mod:`api.words`) has both languages for every entry, every word of a template goes
through it, and ``Accept-Language`` is read with its q-values.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest
from rdflib import Literal
from test_pages import BROWSER, MANDATE, Page, get_page

import kb
from api import negotiation, pages_data, words

SPANISH = {**BROWSER, "Accept-Language": "es-MX,es;q=0.9,en;q=0.4"}
TOPIC = "/topic/qualifications-frameworks"
PAGES = {"dashboard": "/", "document": "/doc/wg1-2021-final-report", "provision": MANDATE,
         "activity": "/activity/ws2023-education-labor", "body": "/body/ilo-cinterfor", "topic": TOPIC,
         "reader": "/reader/wg1-2021-final-report", "search": "/search?q=apprenticeship", "ontology": "/ontology",
         "query": "/query?example=documents", "endpoint": "/sparql", "dataset": "/dataset",
         "not-found": "/doc/iacml21-plan-of-action/art_99"}
TEMPLATES = Path(__file__).resolve().parent.parent / "api" / "templates"
# names the same in both languages: formats, standards, query forms
NOT_WORDS = {"VoID", "OpenAPI", "JSON", "XML", "CSV", "TSV", "Turtle", "N-Triples", "JSON-LD", "RDF/XML", "SELECT",
             "ASK", "CONSTRUCT", "DESCRIBE"}


@pytest.fixture(scope="module")
def store(built_release: Any) -> Iterator[kb.Store]:
    opened = kb.open_store(str(built_release.store_path))
    yield opened
    opened.close()


class Visible(HTMLParser):
    """The text a Spanish reader is shown in the page's own words: what is not marked as in another language
    (``lang="en"``: the library's explanations, definitions) and is no quoted or cited source text."""

    SKIPPED: ClassVar[set[str]] = {"script", "style", "blockquote", "pre", "textarea", "code", "svg", "select"}
    VOID: ClassVar[set[str]] = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                                "track", "wbr"}

    def __init__(self, html: str, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.language = language
        self.parts: list[str] = []
        self._stack: list[bool] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        other = dict(attrs).get("lang") not in (None, self.language)
        self._stack.append(tag in self.SKIPPED or other or bool(self._stack and self._stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self._stack:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self._stack and self._stack[-1]):
            self.parts.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.parts))


def phrases(language: str) -> dict[str, str]:
    """The catalogue's texts in ``language`` that differ from the other's, without their values and markup,
    cut at each value: every stretch of four words or more (shorter ones occur in the data too), by key."""
    found = {}
    for key, entry in words.WORDS.items():
        if entry["en"] == entry["es"] or key.startswith("query.js."):
            continue
        for stretch in re.split(r"\{\w+\}|<[^>]+>", entry[language]):
            stretch = stretch.strip(" .,:;()“”«»")
            if len(stretch.split()) >= 4:
                found[f"{key}: {stretch}"] = stretch
    return found


def get(site: str, path: str, headers: dict[str, str], **params: str) -> httpx.Response:
    return httpx.get(site + path, headers=headers, params=params or None, timeout=60)


# --------------------------------------------------------------------------------------------
# A page in Spanish
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_page_asked_in_spanish_has_its_words_and_none_of_the_english(site: str, name: str) -> None:
    english, spanish = phrases("en"), phrases("es")
    for asked in ({"headers": SPANISH}, {"headers": BROWSER, "lang": "es"}):
        response = get(site, PAGES[name], asked["headers"], **({"lang": "es"} if "lang" in asked else {}))
        assert response.status_code in (200, 404), (name, response.status_code)
        assert response.headers["content-language"] == "es"
        assert Page(response.text).all("html", lang="es")
        shown = Visible(response.text, "es").text
        assert not [key for key, text in english.items() if text in shown], name
        assert "Trazabilidad de los mandatos de la CIMT" in shown and "Ir al contenido principal" in shown
        assert [key for key, text in spanish.items() if text in shown], "some words of its own besides the chrome"
    english_page = get(site, PAGES[name], BROWSER)
    assert english_page.headers["content-language"] == "en" and Page(english_page.text).all("html", lang="en")
    assert not [key for key, text in spanish.items() if text in Visible(english_page.text, "en").text], name


def test_the_status_words_are_translated_for_display_only(site: str) -> None:
    page = get(site, MANDATE, BROWSER, lang="es", asof="2024-12-31").text
    badges = re.findall(r'<span class="status status-([a-z-]+)">([^<]+)</span>', page)
    assert ("addressed", "atendido") in badges and ("carried-forward", "retomado") in badges
    assert get(site, "/api/items/" + MANDATE.lstrip("/"), {"Accept-Language": "es"}).json() == \
        get(site, "/api/items/" + MANDATE.lstrip("/"), {}).json(), "the JSON API does not change"


def test_a_spanish_page_gives_the_status_explanation_and_reason_in_spanish(site: str) -> None:
    """The library's explanation and reason of a status, asked by the page's language: in Spanish and marked as
    the page's own text (no ``lang="en"``) on a Spanish page, as they were on an English one."""
    for asked in ({"headers": SPANISH}, {"headers": BROWSER, "lang": "es"}):
        html = get(site, MANDATE, asked["headers"], asof="2024-12-31", **({"lang": "es"} if "lang" in asked else {}))
        page = Page(html.text)
        reason, response = page.texts["status-reason"], page.texts["status-response"]
        assert reason.startswith("A la fecha del 2024-12-31: respondido por Intersectoral Workshop"), reason
        assert "retomado por wg1-2024-report recommendation_6" in reason
        assert "atendido a la fecha del 2024-12-31 según la regla 20-response-addressed: lo decidieron" in response
        assert page.texts["status-lifecycle"].count("retomado a la fecha del 2024-12-31") == 1
        shown = Visible(html.text, "es").text
        assert "respondido por Intersectoral Workshop" in shown and "lo decidieron" in shown
        assert "answered by" not in html.text and "as of 2024-12-31 by rule" not in html.text
    dashboard = get(site, "/", BROWSER, lang="es", asof="2022-12-31").text
    assert "<td class=\"reason\">ninguna respuesta registrada al 2022-12-31" in dashboard
    english = Page(get(site, MANDATE, BROWSER, asof="2024-12-31").text)
    assert english.texts["status-reason"].startswith("As of 2024-12-31: answered by Intersectoral Workshop")
    assert "addressed as of 2024-12-31 by rule 20-response-addressed" in english.texts["status-response"]
    assert "no response recorded by 2022-12-31" in get(site, "/", BROWSER, asof="2022-12-31").text


def test_accept_language_chooses_the_page_and_says_it_varies(site: str) -> None:
    for header, language in (("es-ES,es;q=0.9,en;q=0.8", "es"), ("en;q=0.9, es;q=0.1", "en"), ("fr, es;q=0.5", "es"),
                             ("fr", "en"), ("es;q=0, *;q=0.5", "en"), ("*", "en")):
        response = get(site, "/search", {**BROWSER, "Accept-Language": header})
        assert response.headers["content-language"] == language, header
        assert "Accept-Language" in response.headers["vary"]
    asked = get(site, "/search", SPANISH, lang="en")
    assert asked.headers["content-language"] == "en", "lang wins over Accept-Language"
    assert "Accept-Language" not in asked.headers.get("vary", ""), "chosen by the URL alone"


def test_a_label_in_the_page_language_is_shown_where_the_graph_has_one(site: str, store: kb.Store) -> None:
    labels: dict[tuple[str, str], list[str]] = {}
    for predicate, value in store.select(f"SELECT ?p ?label WHERE {{ <{kb.BASE}{TOPIC.lstrip('/')}> ?p ?label }}").rows:
        if predicate is not None and value is not None and str(predicate).endswith(("#prefLabel", "#altLabel")):
            labels.setdefault((str(predicate).rsplit("#", 1)[1], getattr(value, "language", None) or ""),
                              []).append(str(value))
    spanish = sorted(labels.get(("prefLabel", "es")) or labels.get(("altLabel", "es")) or [])
    assert spanish, "the topic has a Spanish label in the graph"
    assert [h for level, h in get_page(site, TOPIC, lang="es").headings if level == 1] == spanish[:1]
    assert [h for level, h in get_page(site, TOPIC).headings if level == 1] == labels[("prefLabel", "en")]
    body = get_page(site, "/body/ford", lang="es")  # no Spanish name in the graph: the one it has
    assert [h for level, h in body.headings if level == 1] == \
        [h for level, h in get_page(site, "/body/ford").headings if level == 1] == ["Ford"]
    provision = get(site, MANDATE, BROWSER, lang="es", asof="2024-12-31").text
    assert "Encourage ILO-CINTERFOR, OAS and UNESCO" in provision, "quoted text is shown as printed"
    assert "Plan of Action of Buenos Aires (XXI IACML, 2021), art. 7(g)" in provision, "located as kb cite says"


def test_a_spanish_page_names_topics_and_bodies_by_their_spanish_names(site: str, store: kb.Store) -> None:
    """A topic's prefLabel @es and a body's label_es (its rdfs:label @es): on its own page, the dashboard's
    counts and filters, and the pages of the items linked to it; the English pages keep the English names."""
    def name(node: str, language: str) -> str:
        found = store.select(f"""SELECT ?name WHERE {{ <{kb.BASE}{node}> ?p ?name
            FILTER(?p IN (<http://www.w3.org/2000/01/rdf-schema#label>, <http://www.w3.org/2004/02/skos/core#prefLabel>)
                   && LANGMATCHES(LANG(?name), "{language}")) }}""").rows
        assert len(found) == 1, (node, language, found)
        return str(found[0][0])

    cinterfor, oas, frameworks = ("body/ilo-cinterfor", "body/oas", TOPIC.lstrip("/"))
    for node in (cinterfor, oas, frameworks):
        assert name(node, "es") != name(node, "en")
        for language in ("es", "en"):
            page = get_page(site, f"/{node}", lang=language)
            assert [h for level, h in page.headings if level == 1] == [name(node, language)], (node, language)
    dashboard = {language: get_page(site, "/", lang=language).text for language in ("es", "en")}
    for node in (oas, frameworks):
        assert name(node, "es") in dashboard["es"] and name(node, "es") not in dashboard["en"], node
        assert name(node, "en") in dashboard["en"], node
    mandate = {language: get_page(site, MANDATE, lang=language, asof="2024-12-31").text for language in ("es", "en")}
    for node in (cinterfor, oas, frameworks):  # its addressees and topic, in its links and its trace
        assert name(node, "es") in mandate["es"] and name(node, "es") not in mandate["en"], node
    found = get_page(site, "/search", lang="es", q="Organización de los Estados Americanos").text
    assert name(oas, "es") in found, "a body is found by its Spanish name and shown by it"


def test_a_topic_page_gives_the_definition_in_its_language_and_not_the_other(site: str, store: kb.Store) -> None:
    """A topic, and the scheme, is defined in English and Spanish (skos:definition, one a language): its page gives
    the definition in the page's language, at the top (marked in it, or unmarked as the page) and among its facts,
    and not the other one."""
    definitions: dict[tuple[str, str], str] = {}
    for node, value in store.select("""SELECT ?node ?definition WHERE {
            ?node <http://www.w3.org/2004/02/skos/core#definition> ?definition
            FILTER(STRSTARTS(STR(?node), "https://w3id.org/iacml-kb/topic/")) }""").rows:
        assert isinstance(value, Literal) and (str(node), str(value.language)) not in definitions
        definitions[(str(node), str(value.language))] = str(value)
    for path in (TOPIC, "/topic/informality", "/topic/scheme"):
        node = kb.BASE + path.lstrip("/")
        assert definitions[(node, "es")] != definitions[(node, "en")]
        for language, other in (("es", "en"), ("en", "es")):
            page = get_page(site, path, lang=language)
            top = page.all("blockquote", id="item-text")
            assert len(top) == 1 and top[0].get("lang") in (None, language), (path, language, top)
            assert page.texts["item-text"] == definitions[(node, language)], (path, language)
            assert page.text.count(definitions[(node, language)]) == 2, (path, language)  # and among the facts
            assert definitions[(node, other)] not in page.text, (path, language)


def test_every_page_links_to_itself_in_the_other_language(site: str) -> None:
    page = get_page(site, MANDATE, asof="2024-12-31")
    switch = page.all("a", id="language-switch")
    assert switch and switch[0]["href"] == f"{MANDATE}?asof=2024-12-31&lang=es" and switch[0]["hreflang"] == "es"
    spanish = get_page(site, MANDATE, asof="2024-12-31", lang="es")
    back = spanish.all("a", id="language-switch")
    assert back and back[0]["href"] == f"{MANDATE}?asof=2024-12-31&lang=en" and "English" in spanish.texts.get(
        "language-switch", "English")
    assert {"/?lang=es", "/search?lang=es", "/ontology?lang=es"} <= spanish.hrefs(), "its links keep the language"
    assert "/doc/iacml21-plan-of-action?lang=es" in spanish.hrefs()
    assert all(re.search(r"[?&]lang=es", href) for href in spanish.hrefs()
               if href.startswith("/") and not href.startswith(("/static/", "/dumps/", "/openapi.json", "/docs"))
               and "format=" not in href and "lang=en" not in href)
    forms = re.findall(r"<form\b[^>]*>(.*?)</form>", get(site, MANDATE, BROWSER, lang="es").text, re.S)
    assert forms and all('<input type="hidden" name="lang" value="es">' in form for form in forms)
    home = get_page(site, "/", lang="es")
    exports = [href for href in home.hrefs() if href.startswith("/mandates.csv")]
    assert exports and not [href for href in exports if "lang=" in href], "a download is no page: no language"
    negotiated = Page(get(site, "/", SPANISH).text)
    assert "/search" in negotiated.hrefs(), "a negotiated page's links are left as they are"


def test_a_cached_page_is_never_the_other_language(site: str) -> None:
    english = get(site, MANDATE, BROWSER)
    tag = english.headers["etag"]
    assert english.headers["cache-control"] == "no-cache" and "Accept-Language" in english.headers["vary"]
    assert get(site, MANDATE, {**BROWSER, "If-None-Match": tag}).status_code == 304
    spanish = get(site, MANDATE, {**SPANISH, "If-None-Match": tag})
    assert spanish.status_code == 200 and spanish.headers["content-language"] == "es"
    assert spanish.headers["etag"] != tag
    by_parameter = get(site, MANDATE, {**BROWSER, "If-None-Match": tag}, lang="es")
    assert by_parameter.status_code == 200 and by_parameter.headers["etag"] != tag
    again = get(site, MANDATE, {**BROWSER, "If-None-Match": by_parameter.headers["etag"]}, lang="es")
    assert again.status_code == 304 and again.headers["content-language"] == "es"
    assert get(site, MANDATE, {**SPANISH, "If-None-Match": spanish.headers["etag"]}).status_code == 304


def test_an_unknown_language_is_a_400_naming_the_parameter(site: str) -> None:
    answer = get(site, "/search", {"Accept": "application/json"}, lang="fr")
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["parameter"] == "lang" and "'fr'" in error["detail"] and "en, es" in error["detail"]
    for path in (MANDATE, "/ontology", "/body/ilo-cinterfor"):  # in RDF too: the schema lists en and es only
        refused = get(site, path, {"Accept": "text/turtle"}, lang="fr")
        assert refused.status_code == 400 and refused.json()["error"]["parameter"] == "lang", path
        assert get(site, path, {"Accept": "text/turtle"}, lang="es").status_code == 200, path
    for path in ("/search", MANDATE, "/", "/ontology", "/reader/wg1-2021-final-report", "/query"):
        page = get(site, path, SPANISH, lang="fr")
        assert page.status_code == 400 and page.headers["content-type"].startswith("text/html"), path
        assert "<code>lang</code>" in page.text and page.headers["content-language"] == "es", path


# --------------------------------------------------------------------------------------------
# The catalogue, the templates and Accept-Language (no server)
# --------------------------------------------------------------------------------------------


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_catalogue_entry_has_both_languages_with_the_same_values_and_markup() -> None:
    assert set(words.LANGUAGES) == {"en", "es"} and words.DEFAULT_LANGUAGE == "en"
    for key, entry in words.WORDS.items():
        assert set(entry) == set(words.LANGUAGES), key
        assert all(entry[language].strip() for language in words.LANGUAGES), key
        assert _fields(entry["en"]) == _fields(entry["es"]), key
        assert re.findall(r"</?\w+", entry["en"]) == re.findall(r"</?\w+", entry["es"]), key


class _TemplateText(HTMLParser):
    """The words a template writes itself: its text and its title, aria-label, placeholder and alt values, once
    every Jinja expression and tag is taken out (what they print comes from the catalogue or the data)."""

    CODE: ClassVar[set[str]] = {"script", "style", "pre", "textarea", "code"}

    def __init__(self, template: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._code = 0
        self.feed(re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", " ", template, flags=re.S))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._code += tag in self.CODE
        self.found += [value for name, value in attrs
                       if name in ("title", "aria-label", "placeholder", "alt") and value]

    def handle_endtag(self, tag: str) -> None:
        self._code -= tag in self.CODE

    def handle_data(self, data: str) -> None:
        if not self._code:
            self.found.append(data)


def test_every_word_of_a_page_template_goes_through_the_catalogue() -> None:
    templates = sorted(TEMPLATES.glob("*.html"))  # the curator's review page too (tests/test_suggest.py serves it)
    assert {"base.html", "index.html", "item.html", "error.html", "search.html", "review.html"} <= \
        {p.name for p in templates}
    for path in templates:
        text = path.read_text(encoding="utf-8")
        written = [w for piece in _TemplateText(text).found for w in re.findall(r"[A-Za-z][A-Za-z/-]+", piece)]
        assert not [w for w in written if w not in NOT_WORDS], f"{path.name}: words not in api/words.py"
        for key in re.findall(r"""\bt\(\s*["']([\w.-]+)["']\s*[,)]""", text):  # a key built with ~ is checked by use
            assert key in words.WORDS, f"{path.name}: {key} is not in the catalogue"


def test_a_word_missing_from_the_catalogue_is_an_error_not_a_blank() -> None:
    with pytest.raises(KeyError):
        words.Words("es")("no.such.key")
    assert str(words.Words("es")("home.with_status", status="<b>")) == "con estado &lt;b&gt;", "values escaped"


@pytest.mark.parametrize(("header", "chosen"), [
    (None, None), ("", None), ("es", "es"), ("es-MX", "es"), ("en-GB,es;q=0.5", "en"), ("es;q=0.2, en;q=0.1", "es"),
    ("fr, de;q=0.9", None), ("fr, *;q=0.1", "en"), ("es;q=0, *", "en"), ("en;q=0, es;q=0", None),
    ("es-AR;q=0.3, en;q=0.2", "es"), ("ES", "es"), ("es;q=x", None), ("en, es", "en"), ("es, en", "es")])
def test_accept_language_is_read_with_its_q_values(header: str | None, chosen: str | None) -> None:
    assert negotiation.choose_language(header, words.LANGUAGES) == chosen


def test_the_spanish_labels_leave_the_named_queries_answers_as_they_were(store: kb.Store) -> None:
    """The ontology's terms have a label in each language now: the vocabulary query still gives a term once a
    category, with its English label (what the JSON API and SPARQL clients read is unchanged)."""
    query = kb.get_query("cq08-ontology-terms")
    rows = store.select(query.text).dicts()
    keys = [(str(r["category"]), str(r["term"])) for r in rows]
    assert len(keys) == len(set(keys)) and len(keys) > 100
    labels = [r["label"] for r in rows if "label" in r and str(r["category"]) != "topic"]
    assert labels and all(getattr(label, "language", None) == "en" for label in labels)


def test_the_citations_are_marked_in_the_language_of_the_title_they_carry(site: str) -> None:
    """A citation is mostly its item's title: on a Spanish page every citation of an English item is marked
    ``lang="en"``, the Spanish-style one included; on an English page none is marked (a Spanish document's
    Spanish-style citation is, tests/test_ingest.py)."""
    pre = re.compile(r'<pre id="cite-([a-z-]+)" aria-labelledby="cite-[a-z-]+-heading" tabindex="0"([^>]*)>')
    spanish = dict(pre.findall(get(site, MANDATE, BROWSER, lang="es").text))
    assert "text-es" in spanish and len(spanish) >= 4
    assert set(spanish.values()) == {' lang="en"'}, spanish
    english = dict(pre.findall(get(site, MANDATE, BROWSER).text))
    assert english.keys() == spanish.keys() and set(english.values()) == {""}, english


def test_a_bodys_spanish_style_citation_names_it_by_its_spanish_name(site: str, store: kb.Store) -> None:
    """The Spanish-style citation of a body with an official Spanish name (its rdfs:label @es) names it so; the
    English one keeps its English name, and a body with no Spanish name keeps the one it has."""
    names = {str(v.language): str(v) for (v,) in store.select(
        f"SELECT ?v WHERE {{ <{kb.BASE}body/ilo-cinterfor> <http://www.w3.org/2000/01/rdf-schema#label> ?v }}").rows}
    assert names["es"] != names["en"]
    pre = re.compile(r'<pre id="cite-([a-z-]+)"[^>]*>([^<]*)</pre>')
    cites = dict(pre.findall(get(site, "/body/ilo-cinterfor", BROWSER, lang="es").text))
    assert cites["text-es"].startswith(names["es"] + ". "), cites["text-es"]
    assert cites["text"].startswith(names["en"] + ". ") and names["es"] not in cites["text"]
    ford = dict(pre.findall(get(site, "/body/ford", BROWSER, lang="es").text))
    assert ford["text-es"].startswith("Ford. "), ford["text-es"]


def test_a_bodys_spanish_style_citation_in_its_spanish_name_is_marked_spanish(site: str) -> None:
    """A body cited by its Spanish name is cited in Spanish throughout: its Spanish-style citation is not marked
    English on a Spanish page, and is marked Spanish on an English one; one with no Spanish name stays English."""
    pre = re.compile(r'<pre id="cite-text-es" aria-labelledby="cite-text-es-heading" tabindex="0"([^>]*)>')
    assert pre.findall(get(site, "/body/ilo-cinterfor", BROWSER, lang="es").text) == [""]
    assert pre.findall(get(site, "/body/ilo-cinterfor", BROWSER, lang="en").text) == [' lang="es"']
    assert pre.findall(get(site, "/body/ford", BROWSER, lang="es").text) == [' lang="en"']


def test_an_empty_search_group_says_none_in_its_nouns_gender(site: str) -> None:
    """"Disposiciones" and "actividades" are feminine, "órganos" masculine: an empty group says "Ninguna." or
    "Ninguno." as its heading's noun asks (in English "None." for each)."""
    def empty(language: str) -> dict[str, str]:
        html = get(site, "/search", BROWSER, q="zzqxwv", lang=language).text
        return dict(re.findall(r'<h2 id="results-(\w+)">.*?</h2>\s*<p class="empty">([^<]*)</p>', html, re.S))
    assert empty("es") == {"provision": "Ninguna.", "activity": "Ninguna.", "body": "Ninguno.", "topic": "Ninguno."}
    assert empty("en") == {"provision": "None.", "activity": "None.", "body": "None.", "topic": "None."}


def test_the_timelines_arrows_are_labelled_in_the_page_language(site: str) -> None:
    """The trace's arrows say their link type as the page's links do: "responde a" on a Spanish page, not
    ``respondsTo``; the English page keeps the link type's name."""
    def labels(language: str) -> list[str]:
        return re.findall(r'class="arrow-label"[^>]*>([^<]*)</text>', get(site, MANDATE, BROWSER, lang=language).text)
    english, spanish = labels("en"), labels("es")
    assert "respondsTo" in english and len(spanish) == len(english)
    assert "responde a" in spanish and not set(spanish) & {"respondsTo", "reiterates", "derivedFrom", "fulfils"}


def test_the_timelines_description_counts_one_link_in_the_singular(site: str) -> None:
    """A trace of one link is described as joined by "1 vínculo tipado" ("1 typed link"), not "1 vínculos"."""
    for language, one in (("es", "unidos por 1 vínculo tipado;"), ("en", "joined by 1 typed link;")):
        desc = re.findall(r'<desc id="timeline-desc">([^<]*)</desc>',
                          get(site, "/doc/wg1-2024-report", BROWSER, lang=language).text)
        assert desc and one in desc[0], desc
    several = re.findall(r'<desc id="timeline-desc">([^<]*)</desc>', get(site, MANDATE, BROWSER, lang="es").text)
    assert several and re.search(r"unidos por \d+ vínculos tipados;", several[0]), several


def test_a_yes_or_no_fact_is_said_in_the_page_language(site: str) -> None:
    """kb:held is an xsd:boolean: its row says "sí" or "no" on a Spanish page, not the graph's ``true``."""
    def held(document: str, language: str) -> list[str]:
        return re.findall(r'<span title="kb:held">[^<]*</span></th><td>([^<]*)</td>',
                          get(site, f"/doc/{document}", BROWSER, lang=language).text)
    assert held("wg1-2021-final-report", "es") == ["sí"] and held("wg1-2021-final-report", "en") == ["true"]
    # a document known through quotation: its "false" is said too
    assert held("iacml21-plan-of-action", "es") == ["no"] and held("iacml21-plan-of-action", "en") == ["false"]


def test_the_curators_english_notes_among_the_facts_are_marked_english(site: str) -> None:
    """A curator's note held untagged (kb:dateNote, kb:noLinkFound) is English prose: on a Spanish page its value
    is marked ``lang="en"``, as a link's note is; on the English page nothing needs marking."""
    row = re.compile(r'<span title="kb:dateNote">[^<]*</span></th><td>(.*?)</td>', re.S)
    spanish = row.findall(get(site, "/doc/wg1-2024-report", BROWSER, lang="es").text)
    assert spanish and spanish[0].startswith('<span lang="en">Undated'), spanish
    assert "Undated" not in Visible(get(site, "/doc/wg1-2024-report", BROWSER, lang="es").text, "es").text
    english = row.findall(get(site, "/doc/wg1-2024-report", BROWSER).text)
    assert english and english[0].startswith("Undated"), english


def test_a_fact_tagged_in_another_language_than_the_pages_is_marked_so(site: str) -> None:
    """A body's names among the facts carry their language tag (skos:altLabel "ILO"@en, "OIT"@es): each is
    marked in it where it is not the page's, the page's own left unmarked."""
    row = re.compile(r'<span title="skos:altLabel">[^<]*</span></th><td>(.*?)</td>', re.S)
    marked = re.compile(r'<span lang="(\w+)">([^<]*)</span>')
    spanish = row.findall(get(site, "/body/ilo", BROWSER, lang="es").text)
    assert spanish and ("en", "ILO") in marked.findall(spanish[0]), spanish
    assert not {"es"} & {tag for tag, _ in marked.findall(spanish[0])}, spanish
    english = row.findall(get(site, "/body/ilo", BROWSER).text)
    assert english and ("es", "OIT") in marked.findall(english[0]), english
    assert not {"en"} & {tag for tag, _ in marked.findall(english[0])}, english


def test_the_example_list_marks_english_only_the_queries_own_words(site: str) -> None:
    """The SPARQL page's list of examples: each query's title and description are English (marked so), the
    page's own "Parámetros:" and "opcional" around them are Spanish and not inside anything marked English."""
    html = get(site, "/query", BROWSER, lang="es").text
    listed = re.search(r'<details id="all-examples">.*?</details>', html, re.S)
    assert listed and "Parámetros:" in listed.group(0) and ", opcional" in listed.group(0)
    shown = Visible(listed.group(0), "es").text
    assert "Parámetros:" in shown and ", opcional" in shown
    assert "Every activity of the knowledge base" not in shown, "the descriptions stay marked English"


def test_the_eid_field_keeps_its_spelling(site: str) -> None:
    """The ontology labels kb:eId "eId" in both languages: the facts table says it so, not "EId"."""
    for language in ("es", "en"):
        names = re.findall(r'<span title="kb:eId">([^<]*)</span>', get(site, MANDATE, BROWSER, lang=language).text)
        assert names == ["eId"], (language, names)
    assert re.findall(r'<span title="kb:hasTopic">([^<]*)</span>', get(site, MANDATE, BROWSER, lang="es").text) == \
        ["Tema"], "other field names are still capitalised"


def test_a_body_s_spanish_other_names_are_tagged_spanish_and_name_it_on_a_spanish_page(site: str,
                                                                                     store: kb.Store) -> None:
    """alt_labels_es (corpus/annotations/bodies.yaml) are skos:altLabel @es, never @en; a body with no official
    Spanish name (a class of bodies) is named on a Spanish page by its Spanish other name."""
    alts: dict[str, set[str]] = {}
    for value, in store.select(f"SELECT ?alt WHERE {{ <{kb.BASE}body/ilo> <http://www.w3.org/2004/02/skos/core#altLabel>"
                               " ?alt }").rows:
        alts.setdefault(getattr(value, "language", None) or "", set()).add(str(value))
    assert {"OIT", "Organización Internacional del Trabajo"} <= alts["es"]
    assert not alts["en"] & {"OIT", "Organización Internacional del Trabajo"} and "ILO" in alts["en"]
    spanish = get_page(site, "/body/ministries-of-labor", lang="es")
    assert [h for level, h in spanish.headings if level == 1] == ["Ministerios de Trabajo"]
    english = get_page(site, "/body/ministries-of-labor")
    assert [h for level, h in english.headings if level == 1] == ["Ministries of Labor of the OAS member states"]


def test_a_topic_is_found_by_its_name_in_either_language(site: str) -> None:
    """Search holds the topics: "género" (or "genero") finds the topic of gender equality, named in the page's
    language, whose sources are English texts that never say the word."""
    for asked, language in (("género", "es"), ("genero", "es"), ("gender equality", "en"), ("igualdad", "en")):
        html = get(site, "/search", BROWSER, q=asked, type="topic", lang=language).text
        found = re.findall(r'<a href="(/topic/[^"?]+)[^"]*">([^<]*)</a>', html)
        assert ("/topic/gender-equality", "Igualdad de género" if language == "es" else "Gender equality") in found, \
            (asked, found)
    assert get(site, "/search", BROWSER, q="x", type="nonsense").status_code == 400


def test_a_topics_or_bodys_names_in_a_snippet_are_each_marked_in_their_language(site: str) -> None:
    """A topic's or body's other names are English and Spanish alike: in a search hit each is marked in its own
    language where that is not the page's ("gender gaps" on a Spanish page, "OIT" on an English one)."""
    def snippet(path: str, language: str, **params: str) -> str:
        html = get(site, "/search", BROWSER, lang=language, **params).text
        found = re.search(rf'<a href="{path}(?:\?[^"]*)?">[^<]*</a>[^<]*<span[^>]*>[^<]*</span>\s*<p class="snippet"'
                          r'[^>]*>(.*?)</p>', html, re.S)
        assert found, (path, params)
        return found.group(1)
    spanish = snippet("/topic/gender-equality", "es", q="género", type="topic")
    assert '<span lang="en">gender gaps</span>' in spanish and "brechas de <mark>" in spanish, spanish
    assert "gender gaps" not in Visible(spanish, "es").text and "brechas de" in Visible(spanish, "es").text
    english = snippet("/body/ilo", "en", q="ilo", type="body")
    assert '<span lang="es">OIT</span>' in english and 'lang="en"' not in english, english
    assert "OIT" not in Visible(english, "en").text and "International Labor" in Visible(english, "en").text


def test_a_snippet_of_a_source_in_another_language_than_the_page_says_so(site: str) -> None:
    """A provision's words in a search hit are its document's: an English report's on a Spanish page are marked
    lang="en" (screen readers, hyphenation); on an English page they need no mark."""
    pattern = (r'<a href="/doc/wg1-2021-final-report/para_18[^"]*">[^<]*</a>[^<]*<span[^>]*>[^<]*</span>\s*'
               r'<p class="snippet"([^>]*)>')
    spanish = re.search(pattern, get(site, "/search", BROWSER, q="apprenticeship", lang="es").text)
    english = re.search(pattern, get(site, "/search", BROWSER, q="apprenticeship").text)
    assert spanish and spanish.group(1) == ' lang="en"', spanish
    assert english and english.group(1) == "", english


def test_a_fraction_is_written_with_the_languages_decimal_sign() -> None:
    """A confidence on a Spanish page is written 0,85, as Spanish writes a fraction; a published literal keeps its
    own places."""
    assert words.Words("en").decimal(0.853) == "0.85" and words.Words("es").decimal(0.853) == "0,85"
    assert words.Words("es").decimal("0.875") == "0,875" and words.Words("en").decimal("0.875") == "0.875"


def test_a_quoted_provisions_words_are_marked_in_the_language_of_what_quotes_them(site: str) -> None:
    """A provision of a document not held (the Plan of Action of Buenos Aires) is known by its quotation in English
    reports: on a Spanish page its words are marked English, in a search hit and on its own page."""
    found = re.search(r'<a href="/doc/iacml21-plan-of-action/art_7__para_g\?[^"]*">[^<]*</a>[^<]*<span[^>]*>[^<]*'
                      r'</span>\s*<p class="snippet"([^>]*)>',
                      get(site, "/search", BROWSER, q="regional qualifications framework", lang="es").text)
    assert found and found.group(1) == ' lang="en"', found
    page = get(site, MANDATE, BROWSER, lang="es").text
    assert re.findall(r'<blockquote class="item-text" id="item-text"([^>]*)>', page) == [' lang="en"']


def test_a_body_with_only_other_spanish_names_is_named_by_one_that_is_not_an_acronym() -> None:
    """A body with no official Spanish name (no label_es) is named on a Spanish page by one of its Spanish other
    names (alt_labels_es): its name, not its acronym, though the acronym sorts first as text."""
    body, alt = f"{kb.BASE}body/ministry-of-labor-x", "<http://www.w3.org/2004/02/skos/core#altLabel>"
    triples = (f'<{body}> <http://www.w3.org/2000/01/rdf-schema#label> "Ministry of Labor and Social Security"@en .\n'
               f'<{body}> {alt} "MTSS"@es .\n<{body}> {alt} "Ministerio de Trabajo y Seguridad Social"@es .\n')
    with kb.EmbeddedStore.in_memory(triples.encode()) as store:
        assert pages_data.label(store, body, "es") == "Ministerio de Trabajo y Seguridad Social"


def test_the_dashboards_mandates_are_marked_in_the_language_of_their_words(site: str) -> None:
    """The dashboard's table shows each mandate's own words: an English report's, or the English quotation of a
    plan not held, are marked English on the Spanish dashboard."""
    cell = re.compile(r'<td class="text-cell"([^>]*)>')
    for params in ({"document": "wg1-2024-report", "kind": "Recommendation", "status": ""},
                   {"document": "iacml21-plan-of-action", "status": ""}):
        marks = cell.findall(get(site, "/", BROWSER, lang="es", **params).text)
        assert marks and set(marks) == {' lang="en"'}, (params, marks)


def test_a_bodys_type_is_said_in_the_page_language(site: str) -> None:
    """A body's type is a slug in the graph (kb:bodyType "ministerial-conference"); a page says it in its language,
    on the body's page and in a search for bodies."""
    def body_type(language: str) -> list[str]:
        page = get(site, "/body/iacml", BROWSER, lang=language).text
        return re.findall(r'<span title="kb:bodyType">[^<]*</span></th><td>(?:<[^>]*>)*([^<]*)<', page)
    assert body_type("es") == ["conferencia ministerial"] and body_type("en") == ["ministerial conference"]
    found = get(site, "/search", BROWSER, q="cinterfor", type="body", lang="es").text
    assert "organización internacional" in found and "international-organisation" not in found
