"""kb.store: the same tests on the embedded store and on a real Oxigraph server, plus each backend's own."""

from __future__ import annotations

import io
import json
import os
import re
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from rdflib import RDF, Graph, Literal, URIRef, namespace
from rdflib.term import Node

from kb.errors import QueryError, QueryRefusedError, QueryTimeoutError, StoreError
from kb.iri import DCTERMS, KB, doc_iri, provision_iri
from kb.store import (
    NESTING_MAX,
    EmbeddedStore,
    QueryForm,
    RemoteStore,
    SelectResult,
    Store,
    check_query,
    nesting_depth,
    open_store,
    standard_results,
    values_clause,
)

REPORT = doc_iri("wg1-2021-final-report")
WORKSHOP = doc_iri("ws2023-descriptive-document")
REC_7 = provision_iri("wg1-2021-final-report", "recommendation_7")
REC_6 = provision_iri("wg1-2021-final-report", "recommendation_6")
ART_7G = provision_iri("ws2023-descriptive-document", "art_7__para_g")
HOSTILE = 'x" } ; DROP ALL ; #'
MULTILINE = "line one\nline two"
BACKSLASHES = 'back\\slash \\u0022 "quoted"'
BOGOTA = Literal("Taller intersectorial, Bogotá", lang="es")
XSD_DATE, XSD_INTEGER, XSD_STRING = namespace.XSD.date, namespace.XSD.integer, namespace.XSD.string
PREFIXES = "PREFIX kb: <https://w3id.org/iacml-kb/ontology#>\nPREFIX dcterms: <http://purl.org/dc/terms/>\n"


def fixture_graph() -> Graph:
    g = Graph()
    g.add((REPORT, RDF.type, KB.Document))
    g.add((REPORT, DCTERMS.title, Literal("Final Report of Working Group 1", lang="en")))
    g.add((REPORT, DCTERMS.date, Literal("2021-07-08", datatype=XSD_DATE)))
    g.add((REPORT, DCTERMS.identifier, Literal("OEA/Ser.K/XII.21.1")))
    g.add((WORKSHOP, RDF.type, KB.Document))
    g.add((WORKSHOP, DCTERMS.title, BOGOTA))
    g.add((WORKSHOP, DCTERMS.date, Literal("2023-05-04", datatype=XSD_DATE)))
    for item, doc, eid, order, text in (
        (REC_7, REPORT, "recommendation_7", 7, "Instruct ILO-CINTERFOR, OAS and UNESCO"),
        (REC_6, REPORT, "recommendation_6", 6, MULTILINE),
        (ART_7G, WORKSHOP, "art_7__para_g", 70, HOSTILE),
    ):
        g.add((item, RDF.type, KB.Provision))
        g.add((item, KB.inDocument, doc))
        g.add((item, KB.eId, Literal(eid)))
        g.add((item, KB.order, Literal(order, datatype=XSD_INTEGER)))
        g.add((item, KB.text, Literal(text)))
    g.add((REC_6, KB.note, Literal(BACKSLASHES)))
    g.add((ART_7G, KB.derivedFrom, REC_7))
    return g


@pytest.fixture(scope="module")
def nt_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("nt") / "kb.nt"
    path.write_bytes(fixture_graph().serialize(format="nt", encoding="utf-8"))
    return path


@pytest.fixture(scope="module")
def small_nt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("small") / "small.nt"
    path.write_text(f'<{REPORT}> <{DCTERMS.title}> "replaced" .\n<{WORKSHOP}> <{DCTERMS.title}> "too" .\n',
                    encoding="utf-8")
    return path


def _remote(base_url: str, nt_file: Path) -> RemoteStore:
    remote = RemoteStore(f"{base_url}/query")
    remote.replace_all(nt_file)
    return remote


@pytest.fixture(params=["embedded", "remote"])
def store(request: pytest.FixtureRequest, tmp_path: Path, nt_file: Path) -> Iterator[Store]:
    if request.param == "embedded":
        opened: Store = EmbeddedStore.create(tmp_path / "store", nt_file)
    else:
        opened = _remote(request.getfixturevalue("oxigraph_server"), nt_file)
    with opened:
        yield opened


def json_rows(body: bytes) -> tuple[tuple[str, ...], list[tuple[Node | None, ...]]]:
    """Rows of SPARQL JSON results, read independently of kb.store."""
    data = json.loads(body)

    def term(t: dict[str, str] | None) -> Node | None:
        if t is None:
            return None
        if t["type"] == "uri":
            return URIRef(t["value"])
        if "xml:lang" in t:
            return Literal(t["value"], lang=t["xml:lang"])
        return Literal(t["value"], datatype=t.get("datatype"))

    variables = tuple(data["head"]["vars"])
    return variables, [tuple(term(b.get(v)) for v in variables) for b in data["results"]["bindings"]]


# --------------------------------------------------------------------------------------------
# Queries, on both backends
# --------------------------------------------------------------------------------------------


def test_select_without_params(store: Store) -> None:
    result = store.select(PREFIXES + "SELECT ?p ?eid WHERE { ?p kb:eId ?eid } ORDER BY ?eid")
    assert result.variables == ("p", "eid")
    assert result.rows == ((ART_7G, Literal("art_7__para_g")), (REC_6, Literal("recommendation_6")),
                           (REC_7, Literal("recommendation_7")))
    assert not result.truncated
    assert result.dicts()[0] == {"p": ART_7G, "eid": Literal("art_7__para_g")}


def test_select_with_params(store: Store) -> None:
    query = PREFIXES + "SELECT ?item ?order WHERE { ?item kb:inDocument ?doc ; kb:order ?order } ORDER BY ?order"
    assert store.select(query, {"doc": REPORT}).rows == ((REC_6, Literal(6)), (REC_7, Literal(7)))
    assert store.select(query, {"doc": WORKSHOP}).rows == ((ART_7G, Literal(70)),)
    by_title = PREFIXES + "SELECT ?doc ?title WHERE { ?doc dcterms:title ?title }"
    assert store.select(by_title, {"title": BOGOTA}).rows == ((WORKSHOP, BOGOTA),)
    assert store.select(by_title, {"title": Literal("Taller intersectorial, Bogotá")}).rows == ()
    by_date = PREFIXES + "SELECT ?doc WHERE { ?doc dcterms:date ?date }"
    assert store.select(by_date, {"date": Literal("2021-07-08", datatype=XSD_DATE)}).rows == ((REPORT,),)


def test_terms_keep_datatype_and_language(store: Store) -> None:
    query = PREFIXES + "SELECT ?p ?o WHERE { ?doc ?p ?o } ORDER BY ?p"
    values: dict[Node | None, Node | None] = {p: o for p, o in store.select(query, {"doc": REPORT}).rows}
    title, date, ident = values[DCTERMS.title], values[DCTERMS.date], values[DCTERMS.identifier]
    assert isinstance(title, Literal) and title.language == "en" and title.datatype is None
    assert isinstance(date, Literal) and date.datatype == XSD_DATE and str(date) == "2021-07-08"
    assert isinstance(ident, Literal) and ident.datatype is None and ident.language is None
    [(workshop_title,)] = store.select(PREFIXES + "SELECT ?t WHERE { ?d dcterms:title ?t }", {"d": WORKSHOP}).rows
    assert workshop_title == BOGOTA and str(workshop_title).endswith("Bogotá")
    [(order,)] = store.select(PREFIXES + "SELECT ?o WHERE { ?p kb:order ?o }", {"p": REC_7}).rows
    assert isinstance(order, Literal) and order.datatype == XSD_INTEGER and order.toPython() == 7


def test_unbound_values_are_none(store: Store) -> None:
    query = PREFIXES + "SELECT ?p ?note WHERE { ?p kb:eId ?e OPTIONAL { ?p kb:note ?note } } ORDER BY ?e"
    assert [row[1] for row in store.select(query).rows] == [None, Literal(BACKSLASHES), None]
    assert "note" not in store.select(query).dicts()[0]


def test_select_text_is_the_text_of_each_term(store: Store) -> None:
    """select_text: the rows of select, each term as its text (IRI, lexical form, blank node label)."""
    everything = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
    notes = PREFIXES + "SELECT ?p ?note WHERE { ?p kb:eId ?e OPTIONAL { ?p kb:note ?note } } ORDER BY ?e"
    of_report = PREFIXES + "SELECT ?p ?o WHERE { ?doc ?p ?o } ORDER BY ?p"
    for query, params in ((everything, None), (of_report, {"doc": REPORT}), (notes, None)):
        expected = [{name: str(term) for name, term in row.items()} for row in store.select(query, params).dicts()]
        rows, truncated = store.select_text(query, params)
        assert rows == expected and not truncated
    rows, _ = store.select_text(notes)
    assert rows[0] == {"p": str(ART_7G)} and rows[1]["note"] == BACKSLASHES  # unbound: left out; text as stored
    dated, _ = store.select_text(PREFIXES + "SELECT ?date ?title WHERE { ?d dcterms:date ?date ; dcterms:title ?t "
                                            "BIND(?t AS ?title) }", {"d": REPORT})
    assert dated[0]["date"] == "2021-07-08" and type(dated[0]["title"]) is str  # plain text, no rdflib term
    cut, truncated = store.select_text(everything, limit=3)
    assert cut == store.select_text(everything)[0][:3] and truncated
    assert not store.select_text(everything, limit=len(fixture_graph()))[1]


def test_select_json_is_sparql_json_with_the_same_rows(store: Store) -> None:
    query = PREFIXES + "SELECT ?p ?o WHERE { ?doc ?p ?o } ORDER BY ?p ?o"
    body = store.select_json(query, {"doc": WORKSHOP})
    variables, rows = json_rows(body)
    result = store.select(query, {"doc": WORKSHOP})
    assert variables == result.variables == ("p", "o")
    assert rows == list(result.rows) and len(rows) == 3
    assert json.loads(store.select_json("ASK { ?s ?p ?o }")) == {"head": {}, "boolean": True}


def test_ask(store: Store) -> None:
    assert store.ask(PREFIXES + "ASK { ?p kb:derivedFrom ?q }", {"q": REC_7})
    assert not store.ask(PREFIXES + "ASK { ?p kb:derivedFrom ?q }", {"q": REC_6})


def test_construct_and_describe(store: Store) -> None:
    graph = store.construct(PREFIXES + "CONSTRUCT { ?p kb:inDocument ?d } WHERE { ?p kb:inDocument ?d }",
                            {"d": REPORT})
    assert set(graph) == {(REC_6, KB.inDocument, REPORT), (REC_7, KB.inDocument, REPORT)}
    described = store.construct("DESCRIBE ?item", {"item": REC_7})
    assert (REC_7, KB.text, Literal("Instruct ILO-CINTERFOR, OAS and UNESCO")) in described
    assert (REC_7, KB.order, Literal(7)) in described


def test_triple_count(store: Store) -> None:
    assert store.triple_count() == len(fixture_graph())


def test_replace_all_replaces(store: Store, small_nt: Path) -> None:
    store.replace_all(small_nt)
    assert store.triple_count() == 2
    assert not store.ask(PREFIXES + "ASK { ?p kb:eId ?e }")
    assert store.select("SELECT ?t WHERE { ?d <http://purl.org/dc/terms/title> ?t }",
                        {"d": REPORT}).rows == ((Literal("replaced"),),)


def test_limit_truncates(store: Store) -> None:
    query = PREFIXES + "SELECT ?p WHERE { ?p kb:eId ?e } ORDER BY ?e"
    cut = store.select(query, limit=2)
    assert cut.rows == ((ART_7G,), (REC_6,)) and cut.truncated
    assert not store.select(query, limit=3).truncated


def test_wrong_query_form_is_a_query_error(store: Store) -> None:
    with pytest.raises(QueryError, match="select\\(\\) takes SELECT queries, not ASK"):
        store.select("ASK { ?s ?p ?o }")
    with pytest.raises(QueryError, match="ask\\(\\)"):
        store.ask("SELECT * WHERE { ?s ?p ?o }")


# --------------------------------------------------------------------------------------------
# Errors and refusals, on both backends
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", [
    "SELEC ?x WHERE { ?x ?p ?o }",
    "SELECT ?x WHERE { ?x ?p ?o ",
    "SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
    "SELECT * WHERE { ?s nope:p ?o }",
])
def test_malformed_query_is_a_query_error_with_the_parser_message(store: Store, query: str) -> None:
    with pytest.raises(QueryError) as caught:
        store.select(query)
    assert not isinstance(caught.value, QueryRefusedError)
    assert "malformed SPARQL query: Expected" in str(caught.value) or "Unknown namespace prefix" in str(caught.value)


@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://a.example/s> <http://a.example/p> <http://a.example/o> }",
    "DELETE WHERE { ?s ?p ?o }",
    "PREFIX ex: <http://a.example/> DELETE { ?s ?p ?o } INSERT { ?s ex:q ?o } WHERE { ?s ?p ?o }",
    "LOAD <http://a.example/data.nt>",
    "CLEAR DEFAULT",
    "DROP ALL",
    "CREATE GRAPH <https://w3id.org/iacml-kb/graph/x>",
])
def test_updates_are_refused(store: Store, update: str) -> None:
    for method in (store.select, store.select_json, store.ask, store.construct):
        with pytest.raises(QueryRefusedError, match="updates are refused"):
            method(update)
    assert store.triple_count() == len(fixture_graph())


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://evil.example/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE SILENT <http://evil.example/> { ?s ?q ?x } } }",
    "SELECT ?s WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://evil.example/> { ?s ?p ?o } } }",
    "SELECT ?s WHERE { { SELECT ?s WHERE { SERVICE ?endpoint { ?s ?p ?o } } } }",
    "SELECT * WHERE { ?s ?p ?o FILTER NOT EXISTS { ?s ?q ?x FILTER EXISTS { SERVICE <http://evil.example/> {} } } }",
    "SELECT (EXISTS { SERVICE <http://evil.example/> { ?s ?p ?o } } AS ?e) WHERE { ?s ?p ?o }",
    "ASK { GRAPH ?g { ?s ?p ?o MINUS { SERVICE <http://evil.example/> { ?s ?p ?o } } } }",
    "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <http://evil.example/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT * FROM <http://evil.example/data.nt> WHERE { ?s ?p ?o }",
    "PREFIX e: <http://evil.example/> SELECT * FROM e:g WHERE { ?s ?p ?o }",
    "BASE <http://evil.example/> SELECT * FROM <g> WHERE { ?s ?p ?o }",
    "SELECT * FROM <https://w3id.org/iacml-kb/../../etc/passwd> WHERE { ?s ?p ?o }",
])
def test_service_and_foreign_datasets_are_refused(store: Store, query: str) -> None:
    with pytest.raises(QueryRefusedError):
        store.select(query)


def test_keywords_in_strings_and_comments_are_not_refused(store: Store) -> None:
    query = ("# SERVICE <http://evil.example/> FROM <file:///etc/passwd> DROP ALL\n"
             "SELECT ?s WHERE { ?s ?p 'SERVICE <http://evil.example/> { } ; DROP ALL' }")
    assert store.select(query).rows == ()
    own_graph = "SELECT * FROM <https://w3id.org/iacml-kb/graph/main> WHERE { ?s ?p ?o }"
    assert store.select(own_graph).rows == ()


@pytest.mark.parametrize("depth", [24, 100, 256])
def test_queries_nested_hundreds_deep_are_answered(store: Store, depth: int) -> None:
    groups = "SELECT * WHERE " + "{ " * depth + "?s ?p ?o" + " }" * depth + " LIMIT 1"
    assert len(store.select(groups).rows) == 1
    parens = "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * (depth - 2) + "true" + ")" * (depth - 2) + ") } LIMIT 1"
    assert len(store.select(parens).rows) == 1


def test_nesting_past_the_ceiling_is_refused_before_parsing(store: Store) -> None:
    deep = "SELECT * WHERE " + "{ " * (NESTING_MAX + 1) + "?s ?p ?o" + " }" * (NESTING_MAX + 1)
    with pytest.raises(QueryError, match=f"nested {NESTING_MAX + 1} levels deep; at most {NESTING_MAX}"):
        store.select(deep)


def test_brackets_in_strings_iris_and_comments_do_not_count_as_nesting() -> None:
    assert nesting_depth('SELECT * { ?s <http://x.example/(((> "((({{" # (((\n ?p ?o }') == 1
    assert nesting_depth("SELECT * { ?s ?p '''[[[\n((''' }") == 1


def test_words_in_comments_that_name_update_operations_do_not_make_it_an_update(store: Store) -> None:
    """A rule's header says "is addressed": SPARQLWrapper's own guess took "addressed" for ADD, and the
    remote endpoint refused the query as an update."""
    query = ("# title: Response: addressed\n# description: an item is addressed, or copied, or moved\n"
             "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1")
    assert len(store.select(query).rows) == 1
    assert store.ask("# add, move, copy, load, clear, drop\nASK { ?s ?p ?o }")


@pytest.mark.parametrize("value", [Literal(HOSTILE), Literal(MULTILINE), Literal(BACKSLASHES)])
def test_hostile_parameter_values_are_data(store: Store, value: Literal) -> None:
    query = PREFIXES + "SELECT ?p ?v WHERE { ?p ?prop ?v }"
    [(_, found)] = store.select(query, {"v": value}).rows
    assert found == value
    assert store.ask(PREFIXES + "ASK { ?p ?prop ?v }", {"v": value})
    assert store.triple_count() == len(fixture_graph())


@pytest.mark.parametrize("value", [Literal("<http://evil.example>"), Literal("?p } ; DROP ALL ; {"),
                                   Literal("x", lang="en-x-evil"), Literal("1", datatype=XSD_INTEGER)])
def test_values_that_look_like_syntax_match_nothing(store: Store, value: Literal) -> None:
    assert store.select(PREFIXES + "SELECT ?p WHERE { ?p kb:text ?v }", {"v": value}).rows == ()
    assert store.triple_count() == len(fixture_graph())


@pytest.mark.parametrize("value", [
    URIRef("http://evil.example> } ; DROP ALL ; <x:"),
    URIRef("http://evil.example/\nDROP ALL"),
    URIRef("relative/iri"),
    Literal("1", datatype=URIRef("http://x.example> } DROP ALL #")),
    Literal("lone \ud800 surrogate"),
    "a plain str",
])
def test_malformed_parameter_values_are_refused(store: Store, value: Any) -> None:
    with pytest.raises(QueryError, match="parameter 'v'"):
        store.select(PREFIXES + "SELECT ?p WHERE { ?p kb:text ?v }", {"v": value})


@pytest.mark.parametrize("name", ["?v", "v x", "v}", "", "1v", "v-w"])
def test_bad_parameter_names_are_refused(store: Store, name: str) -> None:
    with pytest.raises(QueryError, match=re.escape(f"parameter name {name!r}")):
        store.select(PREFIXES + "SELECT ?p WHERE { ?p kb:text ?v }", {name: Literal("x")})


@pytest.mark.parametrize(("query", "name"), [
    ("SELECT ?s WHERE { ?s ?p ?o }", "unused"),
    ("SELECT ?t WHERE { { SELECT ?t WHERE { ?doc ?p ?t } } }", "doc"),
    ("SELECT ?s WHERE { ?s ?p ?o } # ?x only in a comment", "x"),
    ('SELECT ?s WHERE { ?s ?p "?x" }', "x"),
])
def test_parameters_must_be_variables_of_the_query_outside_sub_queries(store: Store, query: str, name: str) -> None:
    with pytest.raises(QueryError, match=f"parameter {name!r} is not a variable of the query"):
        store.select(query, {name: REPORT})


def test_a_parameter_used_only_in_a_filter_is_pre_bound(store: Store) -> None:
    query = PREFIXES + "SELECT ?p WHERE { ?p kb:inDocument ?doc . FILTER(?doc = ?x) } ORDER BY ?p"
    rows = store.select(query, {"x": REPORT}).rows
    unbound = store.select(PREFIXES + "SELECT ?p WHERE { ?p kb:inDocument ?doc } ORDER BY ?p").rows
    assert rows and set(rows) <= set(unbound)
    assert store.select(query, {"x": URIRef("http://example.org/nothing")}).rows == ()


def test_a_parameter_reaches_filters_inside_exists(store: Store) -> None:
    query = PREFIXES + "SELECT ?p WHERE { ?p kb:inDocument ?d FILTER NOT EXISTS { ?p kb:inDocument ?x } }"
    spliced = f"SELECT ?p WHERE {{ ?p kb:inDocument ?d FILTER NOT EXISTS {{ ?p kb:inDocument <{REPORT}> }} }}"
    assert store.select(query, {"x": REPORT}).rows == store.select(PREFIXES + spliced).rows


def test_a_query_with_its_own_values_clause_takes_parameters_too(store: Store) -> None:
    query = f"SELECT ?s ?o WHERE {{ ?s ?p ?o }} VALUES ?s {{ <{REPORT}> }}"
    assert len(store.select(query).rows) == 4
    assert store.select(query, {"o": Literal("no such value")}).rows == ()


def test_a_closed_store_refuses_queries(store: Store) -> None:
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.select("SELECT * WHERE { ?s ?p ?o }")


# --------------------------------------------------------------------------------------------
# The two backends agree
# --------------------------------------------------------------------------------------------

SAME_ROWS_CASES: list[tuple[str, Mapping[str, Node]]] = [
    ("SELECT ?p ?o WHERE { ?item ?p ?o } ORDER BY ?p ?o", {"item": REC_7}),  # not projected: VALUES
    ("SELECT ?item ?eid WHERE { ?item kb:eId ?eid } ORDER BY ?eid", {"item": REC_7}),  # projected: native
    ("SELECT * WHERE { ?item kb:inDocument ?doc ; kb:order ?n } ORDER BY DESC(?n) LIMIT 1", {"doc": REPORT}),
    ("SELECT ?doc (COUNT(?p) AS ?n) WHERE { ?p kb:inDocument ?doc } GROUP BY ?doc", {"doc": REPORT}),
    ("SELECT ?p ?note WHERE { ?p kb:inDocument ?doc OPTIONAL { ?p kb:note ?note } } ORDER BY ?p", {"doc": REPORT}),
    ("SELECT ?p WHERE { ?p kb:text ?text }", {"text": Literal(HOSTILE)}),
    ("SELECT ?d WHERE { ?d dcterms:title ?t ; dcterms:date ?date }",
     {"t": BOGOTA, "date": Literal("2023-05-04", datatype=XSD_DATE)}),
    ("SELECT ?p ?o WHERE { ?p kb:order ?o FILTER(?o > 6) } ORDER BY ?o", {}),
    ("SELECT ?src WHERE { ?m kb:derivedFrom+ ?src }", {"m": ART_7G}),
]


def test_same_query_same_params_same_rows_on_both_backends(tmp_path: Path, nt_file: Path,
                                                           oxigraph_server: str) -> None:
    with EmbeddedStore.create(tmp_path / "store", nt_file) as embedded, _remote(oxigraph_server, nt_file) as remote:
        for query, params in SAME_ROWS_CASES:
            text = PREFIXES + query
            rows = embedded.select(text, params)
            assert rows == remote.select(text, params), query
            assert rows.rows, query
            assert json_rows(embedded.select_json(text, params)) == json_rows(remote.select_json(text, params))
        ask = PREFIXES + "ASK { ?p kb:inDocument ?doc ; kb:order ?n }"
        assert embedded.ask(ask, {"doc": WORKSHOP, "n": Literal(70)}) is remote.ask(ask, {"doc": WORKSHOP,
                                                                                           "n": Literal(70)}) is True
        construct = PREFIXES + "CONSTRUCT { ?p kb:inDocument ?doc } WHERE { ?p kb:inDocument ?doc }"
        assert set(embedded.construct(construct, {"doc": REPORT})) == set(remote.construct(construct,
                                                                                           {"doc": REPORT}))


def test_values_clause_refuses_what_it_cannot_write() -> None:
    with pytest.raises(QueryError, match="parameter 'a'"):
        values_clause({"a": URIRef("http://a.example/> } DROP ALL {")})
    with pytest.raises(QueryError, match="parameter name 'a b'"):
        values_clause({"a b": Literal("x")})


def test_values_clause_serialises_strictly() -> None:
    clause = values_clause({"a": URIRef("http://a.example/x"), "b": Literal(HOSTILE + "\n\\"),
                            "c": Literal("x", lang="es"), "d": Literal("5", datatype=XSD_INTEGER),
                            "e": Literal("s", datatype=XSD_STRING)})
    assert clause == ('\nVALUES (?a ?b ?c ?d ?e) { (<http://a.example/x> "x\\" } ; DROP ALL ; #\\n\\\\" "x"@es '
                      '"5"^^<http://www.w3.org/2001/XMLSchema#integer> "s") }\n')


@pytest.mark.parametrize(("query", "form"), [("SELECT * { ?s ?p ?o }", QueryForm.SELECT), ("ASK {}", QueryForm.ASK),
                                             ("CONSTRUCT WHERE { ?s ?p ?o }", QueryForm.CONSTRUCT),
                                             (f"DESCRIBE <{REPORT}>", QueryForm.DESCRIBE)])
def test_check_query_gives_the_form(query: str, form: QueryForm) -> None:
    assert check_query(query) is form


# --------------------------------------------------------------------------------------------
# Embedded backend
# --------------------------------------------------------------------------------------------


def test_opening_a_missing_store_names_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "no-store"
    with pytest.raises(StoreError, match=f"no store at {missing}.*run `kb build` first"):
        EmbeddedStore.open(missing)
    (tmp_path / "empty").mkdir()
    with pytest.raises(StoreError, match=f"cannot open the store at {tmp_path / 'empty'}"):
        EmbeddedStore.open(tmp_path / "empty")


def test_create_makes_a_new_store_only(tmp_path: Path, nt_file: Path) -> None:
    EmbeddedStore.create(tmp_path / "store", nt_file).close()
    with pytest.raises(StoreError, match="already exists"):
        EmbeddedStore.create(tmp_path / "store", nt_file)
    bad = tmp_path / "bad.nt"
    bad.write_text("<http://a.example/s> <http://a.example/p> .\n", encoding="utf-8")
    with pytest.raises(StoreError, match=f"{bad}: not valid N-Triples"):
        EmbeddedStore.create(tmp_path / "other", bad)
    assert not (tmp_path / "other").exists()


def test_read_only_store_answers_and_cannot_be_written(tmp_path: Path, nt_file: Path, small_nt: Path) -> None:
    EmbeddedStore.create(tmp_path / "store", nt_file).close()
    with EmbeddedStore.open(tmp_path / "store") as first, open_store(tmp_path / "store") as second:
        assert first.triple_count() == second.triple_count() == len(fixture_graph())
        with pytest.raises(StoreError, match="read-only"):
            first.replace_all(small_nt)
        with pytest.raises(QueryRefusedError):
            first.select("DROP ALL")
        assert first.triple_count() == len(fixture_graph())


def test_in_memory_store_from_a_graph_bytes_or_file(nt_file: Path) -> None:
    for source in (fixture_graph(), nt_file.read_bytes(), nt_file):
        with EmbeddedStore.in_memory(source) as mem:
            assert mem.triple_count() == len(fixture_graph())
    with EmbeddedStore.in_memory() as empty:
        assert empty.triple_count() == 0


# --------------------------------------------------------------------------------------------
# Remote backend
# --------------------------------------------------------------------------------------------


def test_unreachable_endpoint_is_a_store_error(tmp_path: Path, nt_file: Path) -> None:
    url = "http://127.0.0.1:9/query"  # the discard port: nothing listens on loopback
    with RemoteStore(url, timeout=2) as remote:
        with pytest.raises(StoreError, match=f"cannot reach the SPARQL endpoint {url}"):
            remote.select("SELECT * WHERE { ?s ?p ?o }")
        with pytest.raises(StoreError, match=re.escape("cannot reach the Graph Store http://127.0.0.1:9/store?default")):
            remote.replace_all(nt_file)


def test_remote_store_needs_a_graph_store_url_to_load(nt_file: Path) -> None:
    with pytest.raises(StoreError, match="no Graph Store URL"):
        RemoteStore("http://127.0.0.1:9/sparql").replace_all(nt_file)
    with pytest.raises(StoreError, match="not an http"):
        RemoteStore("ftp://example.org/sparql")


# Virtuoso 7's SPARQL JSON, as it writes it (tests/test_remote_store.py asks a real one)
VIRTUOSO_SELECT = b"""
{ "head": { "link": [], "vars": ["document", "held", "provisions", "title"] },
  "results": { "distinct": false, "ordered": true, "bindings": [
    { "document": { "type": "uri", "value": "https://w3id.org/iacml-kb/doc/x" }	, "held": { "type": "typed-literal", \
"datatype": "http://www.w3.org/2001/XMLSchema#boolean", "value": "0" }	, "provisions": { "type": "typed-literal", \
"datatype": "http://www.w3.org/2001/XMLSchema#integer", "value": "12" }	, "title": { "type": "literal", \
"xml:lang": "en", "value": "A \\"typed-literal\\" title" }} ] } }"""


def test_an_engines_variants_of_sparql_json_come_out_in_the_standard_form() -> None:
    standard = standard_results(VIRTUOSO_SELECT)
    assert standard.startswith(b'{"head":{"vars":[')  # the compact layout whose rows select_bytes counts
    assert json.loads(standard) == {"head": {"vars": ["document", "held", "provisions", "title"]}, "results": {
        "bindings": [{"document": {"type": "uri", "value": "https://w3id.org/iacml-kb/doc/x"},
                      "held": {"type": "literal", "value": "false", "datatype": str(namespace.XSD.boolean)},
                      "provisions": {"type": "literal", "value": "12", "datatype": str(XSD_INTEGER)},
                      "title": {"type": "literal", "value": 'A "typed-literal" title', "xml:lang": "en"}}]}}
    assert json.loads(standard_results(b'{  "head": { "link": [] }, "boolean": true}')) == {"head": {},
                                                                                           "boolean": True}
    count = (b'{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"1",'
             b'"datatype":"http://www.w3.org/2001/XMLSchema#integer"}}]}}')  # as Oxigraph writes it
    assert standard_results(count) is count  # no variant: handed on untouched
    held = count.replace(b'"1"', b'"true"').replace(b"#integer", b"#boolean")
    assert standard_results(held) == held  # read for a variant, written as it was
    with pytest.raises(StoreError, match="not SPARQL JSON"):
        standard_results(b'{ "head": { "link": [] }, "results": { "distinct": false, "bind')


def test_open_store_picks_the_backend(tmp_path: Path, nt_file: Path, oxigraph_server: str) -> None:
    remote = open_store(f"{oxigraph_server}/query")
    assert isinstance(remote, RemoteStore) and remote.graph_store_url == f"{oxigraph_server}/store"
    EmbeddedStore.create(tmp_path / "store", nt_file).close()
    with open_store(str(tmp_path / "store")) as embedded:
        assert isinstance(embedded, EmbeddedStore) and embedded.read_only


# --------------------------------------------------------------------------------------------
# Time limits. A cross product over 1500 triples has 2.25 million rows.
# --------------------------------------------------------------------------------------------

CROSS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
CROSS_NOTHING = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f FILTER(STRLEN(CONCAT(?c, ?f)) > 1000) }"
@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_select_bytes_writes_every_results_format_with_the_same_rows(store: Store, fmt: str) -> None:
    query = PREFIXES + "SELECT ?p ?text WHERE { ?p kb:eId ?e ; kb:text ?text } ORDER BY ?e"
    body, truncated = store.select_bytes(query, fmt=fmt)
    assert not truncated
    expected = store.select(query).rows
    if fmt == "json":
        assert json_rows(body)[1] == list(expected)
    elif fmt == "xml":
        assert body.count(b"<result>") == 3 and str(REC_7).encode() in body
    else:
        assert body.decode("utf-8").count(str(REC_7)) == 1
    capped, truncated = store.select_bytes(query, fmt=fmt, limit=2)
    assert truncated
    assert capped == store.select_bytes(query + " LIMIT 2", fmt=fmt)[0]  # the first two rows, as written alone


def test_select_bytes_cuts_at_the_limit_exactly(store: Store) -> None:
    query = PREFIXES + "SELECT ?p ?o WHERE { ?p ?q ?o } ORDER BY ?p ?q ?o"
    every = json_rows(store.select_json(query))[1]
    for limit in (0, 1, 2, len(every) - 1, len(every), len(every) + 1):
        body, truncated = store.select_bytes(query, limit=limit)
        assert json_rows(body)[1] == every[:limit] and truncated == (limit < len(every))
    answer, truncated = store.select_bytes("ASK { ?s ?p ?o }", limit=0)
    assert json.loads(answer)["boolean"] is True and not truncated


def test_select_bytes_with_its_own_limit_within_the_cap_is_written_whole(store: Store) -> None:
    """A query whose own LIMIT is within the cap skips the row counting; beyond the cap it is still cut."""
    query = PREFIXES + "SELECT ?p ?o WHERE { ?p ?q ?o } ORDER BY ?p ?q ?o"
    every = json_rows(store.select_json(query))[1]
    for own, cap in ((3, 3), (3, 5), (len(every) + 5, len(every) + 5), (5, 3), (len(every), 2)):
        for fmt in ("json", "csv"):
            body, truncated = store.select_bytes(f"{query} LIMIT {own}", fmt=fmt, limit=cap)
            if fmt == "json":
                assert json_rows(body)[1] == every[:min(own, cap)]
            assert truncated == (cap < min(own, len(every)))
            assert body == store.select_bytes(f"{query} LIMIT {min(own, cap)}", fmt=fmt)[0]
    offset, truncated = store.select_bytes(f"{query} OFFSET 2 LIMIT 3", limit=3)
    assert json_rows(offset)[1] == every[2:5] and not truncated
    inner, truncated = store.select_bytes(f"SELECT * WHERE {{ {{ {query.split(PREFIXES)[1]} LIMIT 5 }} }}".replace(
        "SELECT * WHERE { { SELECT", PREFIXES + "SELECT * WHERE { { SELECT"), limit=2)  # a sub-query's LIMIT: cut
    assert len(json_rows(inner)[1]) == 2 and truncated


def test_select_into_writes_what_select_bytes_returns(store: Store) -> None:
    """select_into: the same bytes as select_bytes, written to a file-like output, for the direct path
    (no cap, or the query's own LIMIT within it) and the counted one (cut at the cap)."""
    query = PREFIXES + "SELECT ?p ?o WHERE { ?p ?q ?o } ORDER BY ?p ?q ?o"
    every = len(json_rows(store.select_json(query))[1])
    for text, cap in ((query, None), (query, 3), (query, every + 1), (f"{query} LIMIT 4", 4), (f"{query} LIMIT 4", 2),
                      ("ASK { ?s ?p ?o }", 0)):
        for fmt in ("json", "xml", "csv", "tsv"):
            out = io.BytesIO()
            truncated = store.select_into(out, text, fmt=fmt, limit=cap)
            assert (out.getvalue(), truncated) == store.select_bytes(text, fmt=fmt, limit=cap), (text, cap, fmt)
    with pytest.raises(QueryError):  # checked before anything is written
        store.select_into(io.BytesIO(), query, fmt="yaml")


def test_select_into_writes_chunks_as_they_come_and_stops_at_the_deadline() -> None:
    lines = [f'<{doc_iri("d")}/p{i}> <{KB}text> "{"x" * 200} {i}" .' for i in range(2000)]
    with EmbeddedStore.in_memory(("\n".join(lines) + "\n").encode()) as mem:
        chunks: list[int] = []

        class Counting(io.BytesIO):
            def write(self, data: Any, /) -> int:
                chunks.append(len(data))
                return super().write(data)

        out = Counting()
        assert not mem.select_into(out, "SELECT ?s ?o WHERE { ?s ?p ?o }")
        assert len(chunks) > 10 and out.getvalue() == mem.select_bytes("SELECT ?s ?o WHERE { ?s ?p ?o }")[0]

        class Slow(io.BytesIO):
            def write(self, data: Any, /) -> int:
                time.sleep(0.01)
                return super().write(data)

        started = time.monotonic()
        with pytest.raises(QueryTimeoutError):
            mem.select_into(Slow(), "SELECT ?s ?o WHERE { ?s ?p ?o }", timeout=0.05)
        assert time.monotonic() - started < 1.0


def test_select_gives_each_term_its_own_type_however_often_it_recurs() -> None:
    """Converted terms are reused across answers: equal values of other types must stay apart."""
    lines = [f'<{doc_iri("d")}/p{i}> <{KB}v> {value} .' for i, value in enumerate(
        ['"1"', '"1"@en', '"1"@es', '"1"^^<http://www.w3.org/2001/XMLSchema#integer>',
         '"1"^^<http://www.w3.org/2001/XMLSchema#decimal>', f'<{doc_iri("1")}>', '_:b1'])]
    with EmbeddedStore.in_memory("\n".join(lines).encode()) as mem:
        query = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s"
        for _ in range(2):
            values = [row[1] for row in mem.select(query).rows]
            assert values[:6] == [Literal("1"), Literal("1", lang="en"), Literal("1", lang="es"),
                                  Literal("1", datatype=namespace.XSD.integer),
                                  Literal("1", datatype=namespace.XSD.decimal, normalize=False), doc_iri("1")]
            assert [type(v).__name__ for v in values] == ["Literal"] * 5 + ["URIRef", "BNode"]
            assert values[3] != values[4] and values[0] != values[1] != values[2]


def test_select_bytes_is_not_fooled_by_row_boundaries_inside_literals() -> None:
    """``},{`` separates rows in Oxigraph's JSON; literals full of it make the early stop fire too soon."""
    lines = [f'<{doc_iri("d")}/para_{i:03d}> <{KB}text> "{"},{" * (3000 if i % 2 else 0)}{i}" .' for i in range(60)]
    with EmbeddedStore.in_memory("\n".join(lines).encode()) as mem:
        for query in ("SELECT ?p ?t WHERE { ?p ?x ?t } ORDER BY ?p", "SELECT ?p ?t WHERE { ?p ?x ?t }"):
            every = json_rows(mem.select_json(query))[1]
            for limit in (1, 3, 10, 59, 60):
                body, truncated = mem.select_bytes(query, limit=limit, timeout=10)
                assert json_rows(body)[1] == every[:limit] and truncated == (limit < 60)


def test_select_bytes_stops_the_engine_at_the_limit_and_at_the_time_limit(slow_store: EmbeddedStore) -> None:
    started = time.monotonic()
    body, truncated = slow_store.select_bytes(CROSS, limit=10, timeout=5)  # 2.25 million rows unless stopped
    assert truncated and len(json.loads(body)["results"]["bindings"]) == 10
    assert time.monotonic() - started < 1.5
    started = time.monotonic()
    with pytest.raises(QueryTimeoutError):
        slow_store.select_bytes(CROSS, limit=10**9, timeout=0.2)
    assert time.monotonic() - started < 1.5
    assert _cpu_seconds_while_idle(0.3) < 0.1


@pytest.mark.parametrize("fmt, syntax", [("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld"),
                                         ("rdfxml", "xml")])
def test_construct_bytes_is_the_constructed_graph_in_every_syntax(store: Store, fmt: str, syntax: str) -> None:
    query = PREFIXES + "CONSTRUCT { ?p kb:inDocument ?d . ?p kb:inDocument ?d } WHERE { ?p kb:inDocument ?d }"
    body, truncated = store.construct_bytes(query, fmt=fmt, prefixes={"kb": str(KB)})
    assert not truncated
    assert set(Graph().parse(data=body, format=syntax)) == set(store.construct(query))
    described, _ = store.construct_bytes("DESCRIBE ?item", {"item": REC_7}, fmt=fmt)
    assert set(Graph().parse(data=described, format=syntax)) == set(store.construct("DESCRIBE ?item", {"item": REC_7}))


def test_construct_bytes_keeps_each_triple_once_and_cuts_at_the_limit(store: Store) -> None:
    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    every, truncated = store.construct_bytes(query, fmt="ntriples")
    lines = every.decode("utf-8").strip().splitlines()
    assert not truncated and len(lines) == len(set(lines)) == len(fixture_graph())
    first, truncated = store.construct_bytes(query, fmt="ntriples", limit=3)
    assert truncated and first.decode("utf-8").strip().splitlines() == [  # the first three, same order, and why
        *lines[:3], "# truncated: the first 3 triples of the answer (the row cap)"]
    assert store.construct_bytes(query, fmt="ntriples", limit=len(lines)) == (every, False)
    with pytest.raises(QueryError, match="graph format 'csv'"):
        store.construct_bytes(query, fmt="csv")


def test_select_bytes_refuses_an_unknown_format(store: Store) -> None:
    with pytest.raises(QueryError, match="results format 'turtle'"):
        store.select_bytes("SELECT * WHERE { ?s ?p ?o }", fmt="turtle")


CROSS_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"


def slow_nt() -> bytes:
    return "".join(f'<{doc_iri(f"d{i % 50}")}/para_{i}> <{KB}p{i % 7}> "v{i}" .\n' for i in range(1500)).encode()


@pytest.fixture(scope="module")
def slow_store() -> Iterator[EmbeddedStore]:
    with EmbeddedStore.in_memory(slow_nt()) as mem:
        yield mem


def _cpu_seconds_while_idle(seconds: float) -> float:
    before = time.process_time()
    time.sleep(seconds)
    return time.process_time() - before


def test_embedded_timeout_stops_a_query_that_streams_rows(slow_store: EmbeddedStore) -> None:
    started = time.monotonic()
    with pytest.raises(QueryTimeoutError, match=re.escape("time limit of 0.2 s")):
        slow_store.select(CROSS, timeout=0.2)
    assert time.monotonic() - started < 1.5
    assert _cpu_seconds_while_idle(0.3) < 0.1  # nothing keeps running behind our back
    started = time.monotonic()
    with pytest.raises(QueryTimeoutError):
        slow_store.select_json(CROSS, timeout=0.2)
    assert time.monotonic() - started < 1.5
    assert _cpu_seconds_while_idle(0.3) < 0.1


def test_limit_stops_a_query_early(slow_store: EmbeddedStore) -> None:
    result = slow_store.select(CROSS, limit=10, timeout=5)
    assert len(result.rows) == 10 and result.truncated


@pytest.mark.parametrize("query", [CROSS_COUNT, CROSS_NOTHING])
def test_embedded_timeout_cannot_interrupt_a_step_that_yields_nothing(slow_store: EmbeddedStore, query: str) -> None:
    """Pins a limitation: an aggregate, or a join whose rows are all filtered out, runs to its end."""
    started = time.monotonic()
    slow_store.select(query)
    full = time.monotonic() - started
    started = time.monotonic()
    with pytest.raises(QueryTimeoutError):
        slow_store.select(query, timeout=full / 20)
    assert time.monotonic() - started > full / 2


def test_remote_timeout_gives_up_waiting(oxigraph_server: str, tmp_path: Path) -> None:
    data = tmp_path / "slow.nt"
    data.write_bytes(slow_nt())
    with _remote(oxigraph_server, data) as remote:
        started = time.monotonic()
        with pytest.raises(QueryTimeoutError):
            remote.select(CROSS_NOTHING, timeout=0.2)
        assert time.monotonic() - started < 1.5


def test_select_result_is_frozen() -> None:
    result = SelectResult(("x",), ((None,),))
    with pytest.raises(AttributeError):
        result.rows = ()  # type: ignore[misc]
    assert result.dicts() == [{}]


def test_the_analyses_of_kb_s_own_queries_are_kept_between_processes(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A server starting parses about a hundred of kb's own queries: their analyses are kept in the cache folder
    and read back by the next process, never a user's query's (always parsed: that check refuses SERVICE)."""
    import subprocess
    import sys

    from kb import store as store_module
    from kb.queries import get_query

    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))
    program = ("import sys, kb.store as s; from kb.queries import get_query\n"
               "if sys.argv[1] == 'parse-nothing':\n"
               "    s._analyse = s._on_a_deep_stack = lambda q: (_ for _ in ()).throw(AssertionError(q[:80]))\n"
               "q = get_query('cq01-open-mandates').text\n"
               "print(s.check_query(q))\n")
    first = subprocess.run([sys.executable, "-c", program, "parse"], capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    (kept,) = (tmp_path / "cache").glob("query-analyses-*.json")
    text = get_query("cq01-open-mandates").text
    assert store_module._key(text) in json.loads(kept.read_text(encoding="utf-8"))
    again = subprocess.run([sys.executable, "-c", program, "parse-nothing"], capture_output=True, text=True,
                           timeout=120)
    assert again.returncode == 0, again.stderr  # read back, not parsed
    assert again.stdout == first.stdout == "SELECT\n"

    user = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3"
    with EmbeddedStore.in_memory() as memory:
        memory.select(user)
    assert store_module._key(user) not in json.loads(kept.read_text(encoding="utf-8"))
    kept.write_text("{not json", encoding="utf-8")  # a damaged file is parsed around
    damaged = subprocess.run([sys.executable, "-c", program, "parse"], capture_output=True, text=True, timeout=120)
    assert damaged.returncode == 0 and damaged.stdout == "SELECT\n", damaged.stderr
    (tmp_path / "a-file").write_text("", encoding="utf-8")  # and a folder that cannot be made too
    unwritable = {**os.environ, "KB_CACHE_DIR": str(tmp_path / "a-file" / "cache")}
    readonly = subprocess.run([sys.executable, "-c", program, "parse"], capture_output=True, text=True, timeout=120,
                              env=unwritable)
    assert readonly.returncode == 0 and readonly.stdout == "SELECT\n", readonly.stderr


@pytest.mark.parametrize("held", ["[]", "null", "[" * 100_000 + "]" * 100_000, '{"KEY": {"form": "SELECT"}}',
                                  '{"KEY": {"form": "SELECT", "projected": ["nowhere"], "limit": null, '
                                  '"dataset": null}}',
                                  '{"KEY": {"form": "ASK", "projected": [], "limit": null, "dataset": null}}',
                                  '{"KEY": {"form": "SELECT", "projected": [], "limit": "x", "dataset": null}}',
                                  '{"KEY": {"form": "SELECT", "projected": [], "limit": 1, "dataset": null}}',
                                  '{"KEY": {"form": "SELECT", "projected": [], "limit": null, '
                                  '"dataset": [["http://evil.example/g"], []]}}'])
def test_a_damaged_or_edited_analyses_file_changes_nothing(held: str, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the cache file holds, a query of kb's own is checked as its text says: an entry that does not fit
    the text (a variable it does not have, another form, a LIMIT it does not say, a graph outside the knowledge
    base) is parsed again; the offset where parameters are bound is always found in the text itself."""
    from kb import store as store_module
    from kb.queries import get_query

    text = get_query("cq08-ontology-terms").text
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path))
    store_module._inspect_text.cache_clear()
    monkeypatch.setattr(store_module, "_KEPT", None)
    path = store_module._analyses_file()
    assert path is not None
    path.write_text(held.replace("KEY", store_module._key(text)), encoding="utf-8")
    try:
        assert store_module._inspect_text(text) == store_module._analyse(text)
    finally:
        store_module._inspect_text.cache_clear()


def test_processes_writing_the_analyses_file_keep_each_other_s_entries(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A server's workers start together and each keeps the analyses it made: one writing after another that read
    the file earlier keeps what the other wrote in between."""
    import subprocess
    import sys

    from kb import store as store_module
    from kb.queries import get_query

    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(store_module, "_KEPT", None)
    store_module._inspect_text.cache_clear()
    try:
        mine, theirs = get_query("cq08-ontology-terms").text, get_query("cq01-open-mandates").text
        assert store_module._kept_analysis(mine) is None  # this process has read the (empty) folder
        program = ("import kb.store as s; from kb.queries import get_query\n"
                   "s.check_query(get_query('cq01-open-mandates').text)")
        other = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120)
        assert other.returncode == 0, other.stderr
        store_module.check_query(mine)
        path = store_module._analyses_file()
        assert path is not None
        assert {store_module._key(mine), store_module._key(theirs)} <= set(json.loads(path.read_text("utf-8")))
    finally:
        store_module._inspect_text.cache_clear()
