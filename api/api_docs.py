"""The API documentation pages: ``/docs`` (Swagger UI) and ``/redoc`` (ReDoc), with no CDN.

FastAPI loads both from jsDelivr, so offline (or under this service's Content-Security-Policy,
``script-src 'self'``) they were blank. Here their assets come from npm packages pinned by
``web/package-lock.json`` and installed into ``web/node_modules`` by ``npm ci --prefix web``
(``swagger-ui-dist``; ``redoc``, whose ``bundles/redoc.standalone.js`` needs nothing else), served
under ``/static/vendor/swagger-ui/`` and ``/static/vendor/redoc/``, one route per listed file. The
pages are FastAPI's own (``get_swagger_ui_html``, ``get_redoc_html``) pointed at those URLs, except
that Swagger UI's inline start-up script, which the policy forbids, is ``api/static/swagger-init.js``.
Without ``web/node_modules`` each page says how to install them and where the schema is.
"""

from __future__ import annotations

import html
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse

from api import pages
from api.errors import ApiError

NODE_MODULES = Path(__file__).resolve().parent.parent / "web" / "node_modules"
INSTALL_HINT = "npm ci --prefix web"
CACHE_CONTROL = "public, max-age=3600"
# vendor name -> (folder in node_modules, {file: media type}): only these files are reachable
VENDORS = {
    "swagger-ui": (NODE_MODULES / "swagger-ui-dist", {
        "swagger-ui-bundle.js": "text/javascript", "swagger-ui.css": "text/css",
        "favicon-32x32.png": "image/png"}),
    "redoc": (NODE_MODULES / "redoc" / "bundles", {"redoc.standalone.js": "text/javascript"}),
}
SWAGGER_INIT = "swagger-init.js"
OPENAPI_URL = "/openapi.json"
TITLE = "iacml-kb API"
FAVICON = "/static/vendor/swagger-ui/favicon-32x32.png"


def installed(vendor: str) -> bool:
    """True if ``npm ci --prefix web`` has installed that vendor's files."""
    folder, files = VENDORS[vendor]
    return all((folder / name).is_file() for name in files)


def swagger_ui_html() -> HTMLResponse:
    """FastAPI's Swagger UI page on local assets, its inline start-up script replaced by a served one."""
    page = get_swagger_ui_html(openapi_url=OPENAPI_URL, title=TITLE,
                               swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
                               swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
                               swagger_favicon_url=FAVICON)
    text = bytes(page.body).decode("utf-8")
    start = text.find("<script>")
    end = text.find("</script>", start)
    if start < 0 or end < 0:  # a FastAPI whose page no longer has the inline script: serve it as it is
        return HTMLResponse(text)
    served = f'<script src="/static/{SWAGGER_INIT}" data-openapi-url="{OPENAPI_URL}"></script>'
    return HTMLResponse(text[:start] + served + text[end + len("</script>"):])


def redoc_html() -> HTMLResponse:
    """FastAPI's ReDoc page on the local standalone bundle, without Google Fonts."""
    return get_redoc_html(openapi_url=OPENAPI_URL, title=TITLE, redoc_js_url="/static/vendor/redoc/redoc.standalone.js",
                          redoc_favicon_url=FAVICON, with_google_fonts=False)


def not_installed_html(name: str) -> HTMLResponse:
    """What a docs page says when its assets are not installed: how to install them, and where the schema is."""
    body = (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{TITLE}</title></head><body>"
            f"<h1>{html.escape(name)} is not installed</h1><p>Install the pages' assets with "
            f"<code>{INSTALL_HINT}</code> and restart the server. The API is described by "
            f"<a href=\"{OPENAPI_URL}\">{OPENAPI_URL}</a>.</p></body></html>")
    return HTMLResponse(body, status_code=503)


def install(app: FastAPI) -> None:
    """Add ``/docs``, ``/redoc`` and their assets to the app (created with ``docs_url=None, redoc_url=None``)."""
    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    async def swagger_ui() -> HTMLResponse:
        return swagger_ui_html() if installed("swagger-ui") else not_installed_html("Swagger UI")

    @app.get("/redoc", include_in_schema=False, response_class=HTMLResponse)
    async def redoc() -> HTMLResponse:
        return redoc_html() if installed("redoc") else not_installed_html("ReDoc")

    @app.api_route("/static/vendor/{vendor}/{name}", methods=["GET", "HEAD"], include_in_schema=False)
    async def vendor_file(vendor: str, name: str) -> FileResponse:
        folder, files = VENDORS.get(vendor, (None, {}))
        if folder is None or name not in files or not (folder / name).is_file():
            raise ApiError(404, f"no file {name!r} of {vendor!r} here; install the pages' assets with "
                                f"`{INSTALL_HINT}`", parameter="name")
        return FileResponse(folder / name, media_type=files[name], headers={"Cache-Control": CACHE_CONTROL})

    pages.install_static_file(app, SWAGGER_INIT, "text/javascript; charset=utf-8", "no-cache")
