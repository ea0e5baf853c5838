"""Request guards: the body limit (before any parsing, by Content-Length and while a body streams in),
and unexpected errors answered as 500 in the one error shape."""

from __future__ import annotations

from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from allymap.server.errors import error_response, log

# How much of a refused body is still read (so the client gets the 413 instead of a broken connection)
# before the connection is given up.
DRAIN_FACTOR = 8


class BodyLimit:
    """Answer 413 to a request whose body is larger than `max_body` bytes. A declared Content-Length over
    the limit is refused before reading; a body without one (chunked) is read up to the limit, and the
    application then receives it from memory, so it never sees a partial or oversized body."""

    def __init__(self, app: ASGIApp, max_body: int = 2_000_000) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                await error_response(400, "Content-Length: not a number")(scope, receive, send)
                return
            if size > self.max_body:
                await self._drain(receive, size)
                await self._refuse(scope, receive, send)
                return
        chunks: list[bytes] = []
        total = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            total += len(chunk)
            if total > self.max_body:
                await self._drain(receive, total, more=bool(message.get("more_body")))
                await self._refuse(scope, receive, send)
                return
            chunks.append(chunk)
            more = bool(message.get("more_body"))
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _drain(self, receive: Receive, size: int, more: bool = True) -> None:
        """Read and drop a refused body up to DRAIN_FACTOR x the limit, so a client still sending it can
        read the answer; a larger one is cut off when the connection closes."""
        read = 0
        while more and read <= DRAIN_FACTOR * self.max_body:
            message: Any = await receive()
            if message["type"] != "http.request":
                return
            read += len(message.get("body", b""))
            more = bool(message.get("more_body"))

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = error_response(413, f"request body larger than {self.max_body} bytes", "body")
        response.headers["connection"] = "close"
        await response(scope, receive, send)


class Guard:
    """Answer an unexpected exception with a 500 in the one error shape, and log it. (Starlette's own
    handler answers too, but then re-raises, so the server drops the client's keep-alive connection.)"""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:
            if started:
                raise
            log.exception("internal error on %s %s", scope.get("method"), scope.get("path"), exc_info=exc)
            await error_response(500, f"internal error ({type(exc).__name__})")(scope, receive, send)
