"""One JSON error shape for every failure of the web API, and the handlers that produce it."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("allymap.server")

CODES: dict[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    403: "read_only",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_parameter",
    500: "internal",
}


class ApiError(Exception):
    """An error the API answers on purpose: HTTP status, short code, message, and the parameter at fault."""

    def __init__(
        self, status: int, message: str, parameter: str | None = None, code: str | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or CODES.get(status, "error")
        self.message = message
        self.parameter = parameter


def error_body(status: int, code: str, message: str, parameter: str | None = None) -> dict[str, Any]:
    """{"error": {"status", "code", "message"[, "parameter"]}}: the shape of every error answer."""
    error: dict[str, Any] = {"status": status, "code": code, "message": message}
    if parameter is not None:
        error["parameter"] = parameter
    return {"error": error}


def error_response(
    status: int, message: str, parameter: str | None = None, code: str | None = None, headers: Any = None
) -> JSONResponse:
    body = error_body(status, code or CODES.get(status, "error"), message, parameter)
    return JSONResponse(body, status_code=status, headers=headers)


def parameter_name(loc: Sequence[Any]) -> str:
    """The parameter a validation error location names: `limit` for ("query", "limit"), `articles[0].text`
    for ("body", "articles", 0, "text"), `body` for the body as a whole."""
    parts = list(loc)
    if parts and parts[0] in ("query", "path", "header", "cookie", "body"):
        where = parts.pop(0)
        if not parts:
            return str(where)
    name = ""
    for part in parts:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or "request"


def validation_message(errors: Sequence[Any]) -> tuple[str, str]:
    """(parameter, message) of the first validation error, the message naming the parameter."""
    if not errors:
        return "request", "request: invalid"
    first = errors[0]
    parameter = parameter_name(first.get("loc", ()))
    message = str(first.get("msg", "invalid"))
    if first.get("type") == "missing":
        message = "required"
    elif first.get("type") == "json_invalid":
        message = f"not valid JSON ({first.get('ctx', {}).get('error', 'syntax error')})"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return parameter, f"{parameter}: {message}{more}"


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.message, exc.parameter, exc.code)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    parameter, message = validation_message(exc.errors())
    return error_response(422, message, parameter)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    if status == 404:
        message = f"no such route: {request.method} {request.url.path}"
    elif status == 405:
        message = f"method {request.method} not allowed on {request.url.path}"
    else:
        message = str(exc.detail)
    return error_response(status, message, headers=getattr(exc, "headers", None))


async def _internal_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("internal error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, f"internal error ({type(exc).__name__})")


def install(app: FastAPI) -> None:
    """Make every error of `app` answer in the one shape."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _internal_error)
