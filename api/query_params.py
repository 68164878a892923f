"""Query parameters read as one pydantic model: the parse, its errors, and its OpenAPI description.

FastAPI validates each declared query parameter on its own, with per-request bookkeeping around
each: for the nine filters of a REST listing that took 0.11 ms of every request (measured in
process: the same route with and without them), a tenth of the latency budget of a 50-row page.
A route that declares ``request: Request`` only and calls :func:`parse` gets the same parameters
validated in one pydantic call (~0.02 ms), with the same semantics as FastAPI's (a repeated
parameter keeps its last value, the same lax coercion from text; but an unknown one is refused) and the
same errors: a :class:`~fastapi.exceptions.RequestValidationError` located in ``query``, which the
app's handler turns into the one error shape (400, naming the parameter). :func:`openapi` lists the
parameters for the route's ``openapi_extra``, as FastAPI would have.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


def parse(model: type[M], request: Request) -> M:
    """The request's query parameters validated by ``model`` (each field one parameter). A parameter the
    model does not have is refused, naming the nearest ones: a mistyped filter (``documnet=``) ignored
    would answer every item as if it were the filtered few."""
    given = dict(request.query_params)
    unknown = [name for name in given if name not in model.model_fields]
    if unknown:
        raise RequestValidationError([_unknown(name, given[name], list(model.model_fields)) for name in unknown])
    try:
        return model.model_validate(given)
    except ValidationError as exc:
        raise RequestValidationError([{**error, "loc": ("query", *error["loc"])} for error in exc.errors()]) \
            from None


def declared_only(request: Request) -> None:
    """A dependency refusing a query parameter the route does not declare, as :func:`parse` does: a mistyped
    ``aosf=`` on an item would answer its status as of today, as if the date had been read."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    names = [param.alias for param in getattr(dependant, "query_params", ())]
    unknown = [name for name in dict(request.query_params) if name not in names]
    if unknown:
        raise RequestValidationError([_unknown(name, str(request.query_params[name]), names) for name in unknown])


def _unknown(name: str, value: str, names: list[str]) -> dict[str, Any]:
    close = difflib.get_close_matches(name, names, n=2)
    return {"type": "extra_forbidden", "loc": ("query", name), "input": value,
            "msg": "is not a parameter of this call" + (f" (did you mean {' or '.join(close)}?)" if close else "")
            + (f"; it takes {', '.join(names)}" if names else "; it takes none")}


def openapi(model: type[BaseModel], order: tuple[str, ...] = (),
            enums: Mapping[str, Sequence[str]] | None = None) -> dict[str, Any]:
    """``openapi_extra`` for a route that reads ``model`` with :func:`parse`: its parameters, in
    ``order`` first, then the model's. ``enums`` lists the only values a parameter takes where the
    route checks them against the knowledge base (its documents, topics, bodies) after the model."""
    schema = model.model_json_schema()
    if "$defs" in schema:  # every field must describe itself inline: a parameter cannot refer to $defs
        raise TypeError(f"{model.__name__}: a field's schema uses $defs")
    properties: dict[str, dict[str, Any]] = schema["properties"]
    names = [name for name in order if name in properties] + [name for name in properties if name not in order]
    required = set(schema.get("required", ()))
    parameters = []
    for name in names:
        field = dict(properties[name])
        if field.get("default", 0) is None:
            del field["default"]
        if name not in required and "anyOf" in field:  # Optional[X]: an absent parameter, never a null one
            kept = [branch for branch in field["anyOf"] if branch != {"type": "null"}]
            if len(kept) == 1:
                del field["anyOf"]
                field.update(kept[0])
        if enums and name in enums:
            field = {"type": "string", "enum": list(enums[name]),
                     **{key: field[key] for key in ("title", "description", "examples") if key in field}}
        parameter = {"name": name, "in": "query", "required": name in required, "schema": field}
        if "description" in field:
            parameter["description"] = field["description"]
        parameters.append(parameter)
    return {"parameters": parameters}
