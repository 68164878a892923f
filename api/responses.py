"""The JSON response every route answers with: the same JSON as Starlette's, written by orjson.

Starlette's ``JSONResponse`` runs ``json.dumps``, which took a quarter of a millisecond of a 50-item
page (bench/bench_api.py); orjson writes the same compact UTF-8 JSON in a tenth of that. It is the
app's default response class, so routes that return plain dicts use it too. Unlike ``json.dumps``
it writes dates and datetimes as ISO 8601, and NaN as null (no route answers a float).
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi.responses import JSONResponse as _StarletteJSON


class JSONResponse(_StarletteJSON):
    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)  # int keys as strings, as json.dumps does
