"""The curator's review page (``/review``): the suggested links waiting in the corpus, each with its quotes,
confidence and why, and a form to accept or reject it; before them, the activities the documents report that
``kb suggest --activities`` proposed for declaring, each with a form to edit and declare it. Served only
when the server runs in curator mode (``kb serve --curator``, which binds to loopback alone) and answered
only to loopback clients holding the server's token; a form post must come from this same origin. It calls
only :class:`kb.Review`, the same files ``kb review`` writes; the public server has no such page and stays
read-only.

The token, as Jupyter's: any process on a machine can reach its loopback, so the address ``kb serve
--curator`` prints carries a secret made for that run (``/review?token=...``), and every request to the
page carries it in its address: the links, the filter and the forms of the page keep it. Not a cookie:
browsers send a cookie of 127.0.0.1 to every port of it, that is to any other local server the curator's
browser visits. The page is sent with ``Referrer-Policy: same-origin``, so the address leaves it for this
server only.

The page is in English or Spanish as the public pages are (:func:`api.pages.page_language`: ``lang``, else
``Accept-Language``), its words from :mod:`api.words`; a ``lang`` asked is kept in its links and forms, the
decision's answer included, and the switch to the other language keeps the token as the page's links do. What
the library says (a refusal, a suggestion's why, an accept that wrote nothing) stays in its English, marked
``lang="en"`` on a Spanish page. The page is stored by no cache: its links hold the token.
"""

from __future__ import annotations

import itertools
import re
import secrets
from pathlib import Path
from urllib.parse import parse_qs, quote, urlencode, urlsplit

from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response

import kb
from api import offload, words
from api.context import Context
from api.errors import ApiError
from api.linked_data import LangParam
from api.pages import LANG_PARAMETER, Language, page_language, render_page

LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})
ID_PATTERN = r"^[0-9a-f]{10}$"
SLUG_RE = r"[a-z0-9]+(?:-[a-z0-9]+)*"
PAGE_SIZE = 50  # suggestions on one page (a document's run gives hundreds: the page was 1.4 MB for 470)
MAX_PAGE = 100_000


def _loopback_authority(authority: str) -> bool:
    """``authority`` (a Host header, an origin's host and port) names this machine by a loopback name."""
    try:
        host = urlsplit(f"//{authority}").hostname
    except ValueError:
        return False
    return host in LOOPBACK


def _guard(request: Request, token: str, *, posting: bool) -> None:
    """Loopback clients, addressing the server by a loopback name (a page from a site whose name was
    made to point here reads nothing: DNS rebinding), with the token in the address; a form post only
    from a page of this server (its Origin, or its Referer if the browser sent no Origin)."""
    client = request.client.host if request.client else ""
    if client not in LOOPBACK:
        raise ApiError(403, "the review page answers only on this machine (loopback)")
    host = request.headers.get("host", "")
    if not _loopback_authority(host):
        raise ApiError(403, f"the review page answers only to http://127.0.0.1 or http://localhost, not {host!r}",
                       parameter="Host")
    if posting:
        origin = request.headers.get("origin") or request.headers.get("referer") or ""
        parts = urlsplit(origin)
        if parts.scheme != "http" or parts.netloc != host:
            raise ApiError(403, "a review decision must be posted from this server's review page",
                           parameter="Origin")
    if not secrets.compare_digest(request.query_params.get("token", "").encode(), token.encode()):
        raise ApiError(403, "open the review page at the address `kb serve --curator` printed: it carries this "
                            "server's token", parameter="token")


def _view(request: Request) -> dict[str, str]:
    """Which part of the queue the page shows: a link type, a document, a page number (each may be empty)."""
    query = request.query_params
    view = {"type": query.get("type", "").strip(), "document": query.get("document", "").strip(),
            "page": query.get("page", "").strip()}
    if view["type"] and view["type"] not in kb.ACCEPTABLE_TYPES:
        raise ApiError(400, f"type {view['type']!r} is not one of {', '.join(kb.ACCEPTABLE_TYPES)}", parameter="type")
    if view["document"] and not re.fullmatch(SLUG_RE, view["document"]):
        raise ApiError(400, f"document {view['document']!r} is not a slug", parameter="document")
    if view["page"] and not (view["page"].isdigit() and 1 <= int(view["page"]) <= MAX_PAGE):
        raise ApiError(400, f"page {view['page']!r} is not a page number", parameter="page")
    return view


def install(app: FastAPI, ctx: Context, corpus_dir: Path, token: str) -> None:
    review = kb.Review(corpus_dir)

    @app.get("/review", tags=["Curation"], summary="Suggested links waiting for a curator (curator mode only)",
             response_class=HTMLResponse)
    async def review_page(request: Request, done: str = "",
                          done_lang: str = Query("", description="the language ``done`` is written in, where not "
                                                                 "the page's (what the library said)"),
                          lang: str | None = LangParam) -> Response:
        _guard(request, token, posting=False)
        view = _view(request)
        language = page_language(request)
        if done_lang not in ("", *words.LANGUAGES):
            raise ApiError(400, f"done_lang {done_lang[:40]!r} is not one of {', '.join(words.LANGUAGES)}",
                           parameter="done_lang")
        # reading the review files: not on the event loop
        return await offload.run(page, request, language, view, done=done, done_lang=done_lang)

    def page(request: Request, language: Language, view: dict[str, str], *, done: str = "", done_lang: str = "",
             refused: str = "", ident: str = "", form: dict[str, str] | None = None, mended: bool = False,
             status: int = 200) -> HTMLResponse:
        """One page of the review queue as filtered (``view``: type, document, page) in ``language``; after a
        refused decision, with why and the curator's edits as typed (``mended``: a quote replaced by the source's
        exact text)."""
        pending = sorted(review.pending(), key=lambda p: (-p.confidence, p.source, p.target))
        proposed = sorted(review.pending_activities(), key=lambda a: (-a.confidence, a.document, a.id))
        documents = sorted({p.document for p in pending if p.document} | {a.document for a in proposed})
        # the activities first, on the first page: declared, they are what the next `kb suggest` links
        activities = [a for a in proposed if view["document"] in ("", a.document)] if not view["type"] else []
        shown = [p for p in pending if view["type"] in ("", p.link_type) and view["document"] in ("", p.document)]
        pages = max(1, -(-len(shown) // PAGE_SIZE))
        number = min(int(view["page"] or 1), pages)
        filters = {k: v for k, v in view.items() if v and k != "page"}
        asked = [(LANG_PARAMETER, language.code)] if language.asked else []

        def kept(n: int) -> list[tuple[str, str]]:  # page n as filtered: the token kept in every link and form
            return [("token", token), *filters.items(), ("page", str(n))]

        def address(n: int) -> str:  # its links and forms keep a language asked too (the switch names its own)
            return urlencode([*kept(n), *asked])

        html = render_page(request, "review.html", ctx, language, here=("/review", kept(number)),
                           pending=shown[(number - 1) * PAGE_SIZE:number * PAGE_SIZE], waiting=len(pending),
                           matching=len(shown), page=number, pages=pages, view=view, documents=documents,
                           query=address(number), token=token, page_href=lambda n: "/review?" + address(n),
                           done=done, done_lang=done_lang, refused=refused, refused_id=ident, typed=form or {},
                           mended=mended, corpus=str(corpus_dir), link_types=kb.ACCEPTABLE_TYPES,
                           roles=kb.ADDRESSEE_ROLES, activities=activities if number == 1 else [],
                           activity_count=len(activities), activity_types=kb.ACTIVITY_TYPES)
        headers = {"Content-Language": language.code, "Cache-Control": "no-store"}
        if not language.asked:
            headers["Vary"] = "Accept-Language"
        return HTMLResponse(html, status_code=status, headers=headers)

    @app.post("/review/{ident}", tags=["Curation"], summary="Accept or reject one suggestion (curator mode only)",
              response_class=RedirectResponse, status_code=303)
    async def decide(request: Request, ident: str = PathParam(pattern=ID_PATTERN)) -> Response:
        _guard(request, token, posting=True)
        # The page's form, urlencoded (the standard library reads it; no multipart is accepted).
        form = {k: v[0].replace("\r\n", "\n") for k, v in
                parse_qs((await request.body()).decode("utf-8", "replace"), keep_blank_values=True).items()}
        decision = form.get("decision", "")
        if decision not in ("accept", "reject"):
            raise ApiError(400, f"decision {decision!r} is not accept or reject", parameter="decision")
        view = _view(request)  # the page it was decided on: the curator returns there, in its language
        language = page_language(request)
        try:
            # The files, and the check of an accepted link against the corpus, take seconds: in a thread, so
            # that the server answers meanwhile.
            done, said_in, following = await offload.run(decide_now, ident, form, words.Words(language.code))
        except kb.InputError as exc:
            if "text/html" not in request.headers.get("accept", ""):
                raise
            # A person at the page: the page again, saying why, with what they typed (nothing was written).
            gone = isinstance(exc, kb.NotFoundError)  # decided meanwhile (another tab, the prompt): no edits to keep
            # a quote refused whose exact text the source has: the field holds that text, to accept as it is
            mended = {k: exc.fixes.get(v, v) if k.startswith("quote_") else v for k, v in form.items()}
            return await offload.run(page, request, language, view, refused=exc.message if gone else str(exc),
                                     ident="" if gone else ident, form=mended, mended=mended != form,
                                     status=404 if gone else 400)
        back = urlencode({"token": token, **{k: v for k, v in view.items() if v},
                          **({LANG_PARAMETER: language.code} if language.asked else {})})
        return RedirectResponse(f"/review?{back}&done={quote(done)}"
                                + (f"&done_lang={said_in}" if said_in != language.code else "")
                                + (f"#s-{following}" if following else ""), status_code=303)

    def decide_now(ident: str, form: dict[str, str], t: words.Words) -> tuple[str, str, str]:
        """Accept or reject; what the page then says (in ``t``'s language, or the library's English: the
        language it is in is returned too), and the suggestion that came after it (the page returns there,
        not to its top)."""
        order = [a.id for a in sorted(review.pending_activities(), key=lambda a: (-a.confidence, a.document, a.id))]
        order += [p.id for p in sorted(review.pending(), key=lambda p: (-p.confidence, p.source, p.target))]
        following = next(iter(order[order.index(ident) + 1:]), "") if ident in order else ""
        quotes = [form[f"quote_{k}"] for k in itertools.takewhile(lambda k: f"quote_{k}" in form, itertools.count())]
        if review.is_activity(ident):
            if form.get("decision") != "accept":
                review.reject(ident, form.get("reason", ""))
                return t.plain("review.done.rejected_activity", ident=ident), t.language, following
            entry = review.accept_activity(ident, quotes=quotes, **{
                k: form[k] for k in ("slug", "type", "label", "start", "end", "place") if k in form})
            return (t.plain("review.done.declared", slug=entry["slug"], type=entry["type"],
                            document=entry["reported_in"][0]), t.language, following)
        if form.get("decision") == "accept":
            # every field as the form sends it, shown values and all: kb tells an edit from a value sent back
            done = review.accept(ident, link_type=form.get("link_type") or None, target=form.get("target") or None,
                                 role=form.get("role") or None, quotes=quotes)
            link = done.link
            if not done.written:
                return str(done), "en", following  # the library's account of the entry the corpus has already
            return (t.plain("review.done.accepted", link=f"{link['from']} {link['type']} {link['to']}"),
                    t.language, following)
        review.reject(ident, form.get("reason", ""))
        return t.plain("review.done.rejected", ident=ident), t.language, following
