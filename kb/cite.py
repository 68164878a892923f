"""Citations of an item or a trace link, in the formats report authors paste: plain text, Markdown,
BibTeX and CSL-JSON.

It owns what a citation holds (DESIGN.md CQ10): the document's title, symbol(s) and date; the
paragraph as printed; a verbatim quote with its document; the permanent IRI; and the dataset
version and content hash of the build it was taken from, so that the citation can be checked
against exactly that state of the knowledge base.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rdflib import Literal, URIRef

from kb.corpus import is_classification_symbol
from kb.errors import InputError, NotFoundError
from kb.items import LANGUAGE_VERSIONS_QUERY, unknown, withdrawn
from kb.model import primary_language
from kb.queries import get_query
from kb.store import Store

FORMATS = ("text", "markdown", "bibtex", "csl-json")
LANGUAGES = ("en", "es")
# The words a citation says in each language (the rest is the documents' own).
_SAYS = {"en": {"quoted in": "quoted in", "dataset": "IACML-KB dataset", "hash": "content hash", "Quote": "Quote"},
         "es": {"quoted in": "citado en", "dataset": "Conjunto de datos IACML-KB", "hash": "hash de contenido",
                "Quote": "Cita"}}
_BIBTEX_LANGUAGES = {"en": "english", "es": "spanish", "fr": "french", "pt": "portuguese"}
# What joins an item to the next in a printed list, not part of what the item says: "...; and", "...; y", "...,".
_LIST_JOINT_RE = re.compile(r"\s*[;,]\s*(?:(?:and|or|y|e|o|u)\s*)?$")
FOLDER = "cite"  # its queries: queries/cite/*.rq
ITEM_QUERY = get_query("item", folder=FOLDER).text
DOCUMENT_QUERY = get_query("document", folder=FOLDER).text
LINK_QUERY = get_query("link", folder=FOLDER).text
DATASET_QUERY = get_query("dataset", folder=FOLDER).text
ANCESTORS_QUERY = get_query("ancestors", folder=FOLDER).text


@dataclass(frozen=True)
class Citation:
    iri: str
    title: str  # what is cited: "Plan of Action of Buenos Aires, Art. 7(g)" or a link's summary
    container: str  # the document's title
    symbols: str
    date: str
    locator: str  # paragraph as printed, or eId
    quote: str
    quote_source: str  # the held document the quote is from
    version: str
    content_hash: str
    more_quotes: tuple[tuple[str, str], ...] = ()  # a link's other quotes: (quote, quoted document title)
    language: str = "en"  # of the citation's own words and locator (one of LANGUAGES)
    # of what is cited: its document's (BibTeX's and CSL's ``language`` is the work's, not the citation's);
    # "" when the knowledge base does not hold its text
    text_language: str = ""
    # of its name, where it is cited by a name of its own (a body's label, in Spanish where it has one)
    label_language: str = ""

    def render(self, fmt: str) -> str:
        # a link says what it links; an item with no document of its own (a body) is its own container
        head = f"{self.title}. " if not self.locator and self.title != self.container else ""
        where = (f"{head}{self.container}{f' ({self.symbols})' if self.symbols else ''}"
                 f"{f', {self.date}' if self.date else ''}{f', {self.locator}' if self.locator else ''}")
        says = _SAYS[self.language]
        quoted = f" ({says['quoted in']} {self.quote_source})" if self.quote_source != self.container else ""
        more = "".join(f" “{q}” ({says['quoted in']} {src})." for q, src in self.more_quotes)
        if fmt == "text":
            # a quote that ends its sentence ends the citation's too: “... the region.”, not “... the region.”.
            ends = self.quote.rstrip().rstrip(_CLOSERS)[-1:] in ".!?…" and not quoted
            said = f" “{self.quote}”{quoted}{'' if ends else '.'}" if self.quote else ""
            return (f"{where}.{said}{more} {self.iri}. {says['dataset']} {self.version}, "
                    f"{says['hash']} sha256:{self.content_hash}.")
        if fmt == "markdown":
            by = f">\n> — {says['quoted in']} {self.quote_source}\n" if quoted else ""
            said = f"> {self.quote}\n{by}\n" if self.quote else ""
            return (f"{head}*{self.container}*{where[len(head) + len(self.container):]}.\n\n{said}"
                    + "".join(f"> {q}\n>\n> — {says['quoted in']} {src}\n\n" for q, src in self.more_quotes)
                    + f"<{self.iri}> · {says['dataset']} `{self.version}`, sha256 `{self.content_hash}`")
        if fmt == "bibtex":
            key = re.sub(r"[^A-Za-z0-9]+", "-", self.iri.rsplit("/", 2)[-2] + "-" + self.iri.rsplit("/", 1)[-1])
            own = self.container != self.title  # a body is its own container: not repeated
            quoted_note = f"{says['Quote']}: ``{self.quote}'' ({self.quote_source}). " if self.quote else ""
            fields = {"title": self.title, "booktitle": self.container if own else "", "number": self.symbols,
                      "year": self.date[:4], "pages": self.locator, "url": self.iri,
                      "note": f"{quoted_note}{says['dataset']} {self.version}, sha256:{self.content_hash}",
                      "version": self.version,
                      "language": _BIBTEX_LANGUAGES.get(self.text_language, self.text_language)}
            # biblatex and url.sty read a url verbatim: escaped, a backslash would be printed and linked
            body = ",\n".join(f"  {k} = {{{v if k == 'url' else _bibtex_escape(v)}}}" for k, v in fields.items() if v)
            return f"@misc{{{key.strip('-')},\n{body}\n}}"
        if fmt == "csl-json":
            container = self.container if self.container != self.title else None
            data = {"id": self.iri, "type": "document", "title": self.title, "container-title": container,
                    "number": self.symbols or None, "locator": self.locator or None, "URL": self.iri,
                    "issued": {"date-parts": [[int(p) for p in self.date.split("-")]]} if self.date else None,
                    "note": f"“{self.quote}” ({self.quote_source})" if self.quote else None, "version": self.version,
                    "language": self.text_language or None,
                    "custom": {"contentHash": self.content_hash}}
            return json.dumps([{k: v for k, v in data.items() if v is not None}], indent=2, ensure_ascii=False)
        raise InputError(f"citation format {fmt!r} is unknown", hint=f"use one of {', '.join(FORMATS)}")


def sort_symbols(symbols: Iterable[str]) -> list[str]:
    """A document's symbols as covers print them: the OAS classification symbol first
    ("OEA/Ser.K/XII.21.1"), then the rest in order."""
    return sorted(symbols, key=lambda symbol: (not is_classification_symbol(symbol), symbol))


def _bibtex_escape(value: str) -> str:
    return value.replace("\\", "\\textbackslash{}").replace("{", "\\{").replace("}", "\\}").replace("&", "\\&") \
        .replace("%", "\\%").replace("#", "\\#").replace("_", "\\_")


def dataset_version(store: Store) -> tuple[str, str]:
    rows = store.select(DATASET_QUERY).rows
    if not rows:
        raise NotFoundError("the store does not describe its dataset version",
                            hint="rebuild with `kb build` (and `kb push` for a remote store)")
    return str(rows[0][0]), str(rows[0][1])



_CLOSERS = "\"'\u201d\u2019)]"  # a quote's closing marks and brackets, after its stop
_WORDS = {"Mandate": "Art.", "Recommendation": "Recommendation", "Section": "Section", "Objective": "Objective",
          "Question": "Question", "": "para."}
_WORDS_ES = {"Mandate": "art.", "Recommendation": "recomendación", "Section": "sección", "Objective": "objetivo",
             "Question": "pregunta", "": "párr."}
# The steps of an eId (docs/eid-convention.md) as a reader says them.
_STEPS = {"sec": "section", "subsec": "subsection", "art": "article", "para": "paragraph", "rec": "recital",
          "recommendation": "recommendation", "al": "unnumbered paragraph", "list": "list", "item": "item",
          "passage": "passage"}
_STEPS_ES = {"sec": "sección", "subsec": "subsección", "art": "artículo", "para": "párrafo", "rec": "considerando",
             "recommendation": "recomendación", "al": "párrafo sin número", "list": "lista", "item": "punto",
             "passage": "pasaje"}


def provision_locator(kind: str, number: str, eid: str, language: str = "en", *, reconstructed: bool = False,
                      printed: Mapping[str, str] | None = None) -> str:
    """Where a provision is, as a reader names it: "Art. 7(g)", "Recommendation 7" ("art. 7(g)",
    "recomendación 7" in Spanish); an unnumbered one by the steps of its eId, each provision it is part
    of by its number as printed (``printed``: eId to number, see :func:`printed_numbers`), else by its
    place ("section A, unnumbered paragraph 1"). A number counted in reading order where the printed one
    was lost is bracketed, as an editor marks what the text does not print ("para. [3]")."""
    words, steps_said = (_WORDS_ES, _STEPS_ES) if language == "es" else (_WORDS, _STEPS)
    if number:
        # a mandate printed as an article is cited so ("Art. 7(g)"); one printed as a numbered paragraph is one
        article = any(step.startswith("art_") for step in eid.split("__"))  # art_7__para_g, sec_2__art_1
        said = words[""] if kind == "Mandate" and not article else words.get(kind, words[""])
        return f"{said} [{number}]" if reconstructed else f"{said} {number}"
    parts = eid.split("__")
    steps = [step.rpartition("_") for step in parts]
    if not all(kind_ and n for kind_, _, n in steps):
        return eid
    # the eId's ordinal is the position, not what the text prints: "A." is section A, never "section 1"
    printed = printed or {}
    return ", ".join(f"{steps_said.get(kind_, kind_)} {printed.get('__'.join(parts[:i + 1]), n)}"
                     for i, (kind_, _, n) in enumerate(steps))


def printed_numbers(store: Store, item: URIRef) -> dict[str, str]:
    """The numbers as printed of the provisions ``item`` is part of, by eId ({"sec_1": "A"}), a reconstructed
    one bracketed: what :func:`provision_locator` names them by."""
    return {str(r["eId"]): f"[{r['number']}]" if "reconstructed" in r else str(r["number"])
            for r in store.select(ANCESTORS_QUERY, {"item": item}).dicts()}


def cite(store: Store, target: URIRef, language: str | None = None) -> Citation:
    """The citation of an item (document, provision, activity) or of a trace link, in ``language`` (one
    of LANGUAGES): its own words and locator, and the document's title as printed when the document
    is in that language (its ``original_title``), else the title the knowledge base gives it. An item
    held in the language asked for too (a language version, kb.versions) is cited as held in it: its text,
    its title as printed, its IRI. With no language asked for, the item as given, in English words."""
    asked, language = language, language or "en"
    if language not in LANGUAGES:
        raise InputError(f"language {language!r} is not one citations are given in", parameter="language",
                         hint=f"use one of {', '.join(LANGUAGES)}")
    version, content_hash = dataset_version(store)
    if "/link/" in str(target):
        rows = store.select(LINK_QUERY, {"link": target}).dicts()
        if not rows and withdrawn(store, target) is not None:
            raise unknown(store, target)
        if not rows:
            raise NotFoundError(f"no trace link {target}", hint="copy the link IRI from `kb show` or `kb trace`")
        r = rows[0]
        kind = str(r["type"]).rsplit("#", 1)[-1]
        return Citation(iri=str(target), title=f"{_short(str(r['from']))} {kind} {_short(str(r['to']))}",
                        container=str(r["quotedTitle"]), symbols="", date=str(r.get("date", "")), locator="",
                        quote=str(r["quote"]), quote_source=str(r["quotedTitle"]), version=version,
                        content_hash=content_hash,
                        more_quotes=tuple((str(o["quote"]), str(o["quotedTitle"])) for o in rows[1:]),
                        language=language)
    target = in_language(store, target, language) if asked else target
    rows = store.select(ITEM_QUERY, {"item": target, "language": Literal(language)}).dicts()
    if not rows or withdrawn(store, target) is not None:
        raise unknown(store, target)
    r = rows[0]
    if "doc" in r:
        r.update(store.select(DOCUMENT_QUERY, {"doc": r["doc"], "language": Literal(language)}).dicts()[0])
    container = str(r.get("originalTitle", r.get("docTitle", r.get("label", ""))))
    number = str(r.get("number", ""))
    kind = str(r.get("originalKind", r.get("kind", ""))).rsplit("#", 1)[-1]
    locator = provision_locator(kind, number, str(r.get("eId", "")), language, reconstructed="reconstructed" in r,
                                printed=printed_numbers(store, target) if "eId" in r and not number else None)
    title = f"{container}, {locator}" if "eId" in r else str(r.get("label", container))
    if "quote" in r:  # a provision of a document we do not hold: known through its quotation
        quote, source = str(r["quote"]), str(r["quotedIn"])
    else:  # a document or a body is cited without a quote; an item of a list without its joint ("...; and")
        quote, source = _LIST_JOINT_RE.sub("", str(r.get("text", ""))), container
    symbols = "; ".join(sort_symbols(str(r.get("symbols", "")).split("; "))) if "symbols" in r else ""
    return Citation(iri=str(target), title=title, container=container, symbols=symbols,
                    date=str(r.get("date", "")), locator=locator, quote=quote, quote_source=source,
                    version=version, content_hash=content_hash, language=language,
                    text_language=str(r.get("textLanguage", "")), label_language=str(r.get("labelLanguage", "")))


def in_language(store: Store, item: URIRef, language: str) -> URIRef:
    """The item as held in ``language``: the original or one of its language versions (kb.versions) whose
    document is in it, else the item itself."""
    versions = store.select(LANGUAGE_VERSIONS_QUERY, {"item": item}).dicts()
    wanted = primary_language(language)  # an es-PY version is the Spanish text
    return next((URIRef(str(r["version"])) for r in versions if primary_language(str(r["language"])) == wanted), item)


def _short(node: str) -> str:
    return node.removeprefix("https://w3id.org/iacml-kb/")
