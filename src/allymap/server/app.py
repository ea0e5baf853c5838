"""The web API: a FastAPI app over allymap.api (read-only unless given a write token) and the dashboard."""

import hmac
import io
import json
import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from allymap import __version__, api
from allymap.server import errors
from allymap.server.cache import GraphCache, Snapshot, encode
from allymap.server.errors import ApiError
from allymap.server.eventtable import EventPages, event_filter
from allymap.server.limits import BodyLimit, Guard
from allymap.server.queries import WINDOW_LABEL, known_actor, open_store
from allymap.store import Store
from allymap.store.search import EventFilter

STATIC = Path(__file__).resolve().parent / "static"

Window = Literal["year", "quarter", "month"]
Quad = Literal["verbal_coop", "material_coop", "verbal_conflict", "material_conflict"]
Modality = Literal["asserted", "alleged", "possible", "intended", "hypothetical"]
DateParam = Annotated[str | None, Query(description="ISO date yyyy-mm-dd.", examples=["2024-01-01"])]


class PostedArticle(BaseModel):
    """One article to ingest: its text and what is known of it (the fields of an ingest JSONL line)."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=1_000_000)
    title: str | None = None
    url: str | None = None
    published: str | None = None
    lang: str | None = Field(None, max_length=8)
    id: str | None = Field(None, max_length=300, description="Document name (default: post:<n>).")


class PostedArticles(BaseModel):
    model_config = ConfigDict(extra="forbid")
    articles: list[PostedArticle] = Field(min_length=1, max_length=1000)


class Server:
    """What the endpoints share: the store (one cursor per request thread), the caches, the write lock."""

    def __init__(self, db: str | Path, write_token: str | None, cache_mb: float) -> None:
        self.db = str(db)
        self.write_token = write_token or None
        self.store = open_store(db, writable=self.write_token is not None)
        budget = int(cache_mb * 1_000_000)
        self.cache = GraphCache(self.store.cursor, budget * 3 // 4)
        self.events = EventPages(self.store.cursor, budget // 4)
        self.warmed = 0  # answers made by the start-up warm-up
        self.write_lock = threading.Lock()
        self._local = threading.local()
        self._cursors: list[Store] = []
        self._cursor_lock = threading.Lock()

    @property
    def writable(self) -> bool:
        return self.write_token is not None

    def cursor(self) -> Store:
        """This thread's cursor of the store (DuckDB cursors of one connection may run concurrently)."""
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            with self._cursor_lock:
                store = self.store.cursor()
                self._cursors.append(store)
            self._local.store = store
        return store

    def snapshot(self) -> Snapshot:
        return self.cache.snapshot()

    def warm(self, answers: bool = True) -> None:
        """Build the graph cache ahead of the first request (errors surface on that request instead),
        then, with `answers`, the event table and the answers first asked: the whole graph, the heaviest
        dyads' explanations, each year of the range (latest first), the first event pages."""
        try:
            snap = self.snapshot()
            if not answers:
                return
            self.events.table(self.cursor())
            for key, make in warm_up_plan(self, snap):
                if self.cache.ready() is not snap:
                    return  # a write came: the next requests build their own answers
                if key[0] == "events":
                    self.events.answer(self.cursor(), key[1], key[2], key[3])
                else:
                    self.cache.answer(key, make)
                self.warmed += 1
        except Exception:  # noqa: BLE001 - a closed store at shutdown, or a failure the request reports
            errors.log.debug("warm-up failed", exc_info=True)

    async def current(self) -> Snapshot:
        """The current snapshot, waiting (in a worker thread) only when it is not ready."""
        snap = self.cache.ready()
        if snap is None:
            snap = await run_in_threadpool(self.snapshot)
        return snap

    async def cached(self, key: tuple[Any, ...], make: Any) -> Response:
        """The kept answer for `key` (no thread hop), else made in a worker thread (once for all askers)."""
        body = self.cache.peek(key)
        if body is None:
            body = await run_in_threadpool(self.cache.answer, key, make)
        if body is None:
            raise ApiError(404, "not found")
        return json_response(body)

    async def events_answer(self, where: EventFilter, limit: int, offset: int) -> Response:
        body = self.events.peek(where, limit, offset)
        if body is None:
            body = await run_in_threadpool(lambda: self.events.answer(self.cursor(), where, limit, offset))
        return json_response(body)

    def close(self) -> None:
        with self._cursor_lock:
            for cursor in self._cursors:
                cursor.close()
            self._cursors.clear()
        self.store.close()

    def check_token(self, request: Request) -> None:
        """403 on a read-only server; 401 unless `Authorization: Bearer <token>` carries the write token."""
        if self.write_token is None:
            raise ApiError(403, "this server is read-only (start it with --write-token to accept articles)")
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            given.strip().encode("utf-8"), self.write_token.encode("utf-8")
        ):
            raise ApiError(401, "a valid write token is required (Authorization: Bearer TOKEN)")

    def ingest(self, posted: PostedArticles) -> dict[str, Any]:
        """Ingest posted articles through allymap.api.ingest (cleaned, extracted, stored; idempotent)."""
        from allymap.ids import article_id

        lines = []
        for number, article in enumerate(posted.articles, 1):
            record = article.model_dump(exclude_none=True)
            record.setdefault("id", f"post:{article_id(article.text)[:12]}:{number}")
            lines.append(json.dumps(record, ensure_ascii=False))
        with self.write_lock:
            try:
                report = api.ingest("-", self.db, stdin=io.StringIO("\n".join(lines) + "\n"))
            finally:
                self.cache.invalidate()
                self.events.invalidate()
        return {
            "stored": report.stored,
            "duplicates": report.duplicates,
            "events": report.events,
            "mentions": report.mentions,
            "rejected": [e.one_line() for e in report.rejected],
            "ids": [article_id(a.text) for a in posted.articles],
        }


def warm_up_plan(server: Server, snap: Snapshot, dyads: int = 50) -> list[tuple[tuple[Any, ...], Any]]:
    """The keys (and makers) of the answers worth making at start-up, in the endpoints' key format."""
    full = snap.graph
    plan: list[tuple[tuple[Any, ...], Any]] = []

    def graph_key(first: date | None, last: date | None) -> tuple[tuple[Any, ...], Any]:
        key = ("graph", first, last, 0.0, "year", False)
        return key, lambda s: api.graph_view(None, first, last, "year", 0.0, False, graph=s.graph)

    plan.append(graph_key(None, None))
    plan.append((("events", EventFilter(), 100, 0), None))
    index = full.index
    edges = sorted(full.graph.visible(0.0, False), key=lambda d: -(index.events_of(d) if index else d.events))
    for d in edges[:dyads]:
        a, b = d.a, d.b
        key = ("dyad", a, b, None, None, "year", 100, 0)
        plan.append(
            (key, lambda s, a=a, b=b: api.dyad_view(server.cursor(), a, b, graph=s.graph, counts=s.counts))
        )
    for year in sorted({day.year for day in full.days}, reverse=True):
        plan.append(graph_key(date(year, 1, 1), date(year, 12, 31)))
    return plan


def json_response(body: bytes, status: int = 200) -> Response:
    return Response(content=body, status_code=status, media_type="application/json")


def iso_day(name: str, value: str | None) -> date | None:
    """A query parameter read as an ISO date (422 naming the parameter otherwise)."""
    if value is None or value == "":
        return None
    try:
        if len(value) != 10:
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise ApiError(422, f"{name}: not an ISO date yyyy-mm-dd ({value[:40]!r})", name) from None


def date_range(since: str | None, until: str | None) -> tuple[date | None, date | None]:
    first, last = iso_day("since", since), iso_day("until", until)
    if first and last and last < first:
        raise ApiError(422, "until: before since", "until")
    return first, last


def actor_code(name: str, value: str) -> str:
    code = value.strip().upper()
    if not code or len(code) > 40 or not code.replace("_", "").replace("-", "").isalnum():
        raise ApiError(422, f"{name}: not an actor code ({value[:40]!r})", name)
    return code


def create_app(
    db: str | Path,
    write_token: str | None = None,
    max_body: int = 2_000_000,
    max_page: int = 500,
    cache_mb: float = 256.0,
    warm: bool = True,
    warm_answers: bool = True,
) -> FastAPI:
    """The web API over the store `db`: read-only (a read-only DuckDB connection) unless `write_token` is
    given, which POST /api/articles must then carry. Request bodies over `max_body` bytes get 413 before
    any parsing; pages hold at most `max_page` items. Answers are kept up to `cache_mb` MB (3/4 graph and
    explain answers, 1/4 event pages and filters). `warm` builds the graph cache at start-up, then (with
    `warm_answers`) the answers first asked (see `warm_up_plan`), in a background thread."""
    server = Server(db, write_token, cache_mb)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm:
            threading.Thread(
                target=server.warm, args=(warm_answers,), name="allymap-warm", daemon=True
            ).start()
        yield
        server.close()

    app = FastAPI(
        title="allymap",
        version=__version__,
        summary="The alliance graph of a news corpus: actors, events, dyads, alerts, articles with evidence.",
        docs_url=None,  # the interactive docs load scripts from a CDN: only /openapi.json is served
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.server = server
    errors.install(app)
    app.add_middleware(Guard)  # innermost: an unexpected error answers 500 in the one shape
    app.add_middleware(BodyLimit, max_body=max_body)
    Limit = Annotated[int, Query(ge=1, le=max_page, description=f"Page size (at most {max_page}).")]
    Offset = Annotated[int, Query(ge=0)]

    @app.get("/api/health", tags=["meta"])
    def health() -> Response:
        counts = server.cursor().counts()
        payload = {"status": "ok", "articles": counts["articles"], "events": counts["events"]}
        payload |= {"writable": server.writable, "version": __version__, "graph": server.cache.status}
        return json_response(encode(payload))

    @app.get("/api/actors", tags=["actors"])
    def actors(
        q: str | None = Query(None, max_length=100), limit: Limit = 50, offset: Offset = 0
    ) -> Response:
        """Actors named in stored events, most events first; `q` a substring of a code or any name."""
        snap = server.snapshot()
        return json_response(
            encode(api.actor_list(server.cursor(), q, limit, offset, graph=snap.graph, counts=snap.counts))
        )

    @app.get("/api/actors/{code}", tags=["actors"])
    async def actor(code: str) -> Response:
        """One actor: names, kind, bloc, number of events, partners (404 when unknown)."""
        code = actor_code("code", code)
        snap = await server.current()
        if not known_actor(code, snap.counts):
            raise ApiError(404, f"unknown actor {code!r}", "code")
        return await server.cached(
            ("actor", code),
            lambda s: api.actor_view(server.cursor(), code, graph=s.graph, counts=s.counts),
        )

    @app.get("/api/events", tags=["events"])
    async def events(
        actor: str | None = Query(None, max_length=40),
        partner: str | None = Query(None, max_length=40),
        type: str | None = Query(None, max_length=200, description="PLOVER type(s), comma-separated."),  # noqa: A002
        quad: Quad | None = None,
        kind: Literal["event", "relation"] | None = None,
        since: DateParam = None,
        until: DateParam = None,
        modality: Modality | None = None,
        negated: bool | None = None,
        outlet: str | None = Query(None, max_length=200, description="The article's domain."),
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> Response:
        """Stored events matching every filter given, by day, with pagination (`total` counts them all)."""
        first, last = date_range(since, until)
        types = tuple(t.strip().upper() for t in (type or "").split(",") if t.strip())
        where = event_filter(
            actor_code("actor", actor) if actor else None,
            actor_code("partner", partner) if partner else None,
            types,
            quad,
            kind,
            first,
            last,
            modality,
            negated,
            outlet,
        )
        return await server.events_answer(where, limit, offset)

    @app.get("/api/graph", tags=["graph"])
    async def graph(
        since: DateParam = None,
        until: DateParam = None,
        min_weight: float = Query(0.0, ge=0.0),
        window: Window = "year",
        derived: bool = Query(False, description="Also edges reached only through an organisation."),
    ) -> Response:
        """Nodes (bloc), edges (cooperation or conflict, weight) and blocs of the events in [since, until]."""
        first, last = date_range(since, until)
        key = ("graph", first, last, min_weight, window, derived)
        return await server.cached(
            key,
            lambda snap: api.graph_view(None, first, last, window, min_weight, derived, graph=snap.graph),
        )

    @app.get("/api/dyads/{a}/{b}", tags=["graph"])
    async def dyad(
        a: str,
        b: str,
        since: DateParam = None,
        until: DateParam = None,
        window: Window = "year",
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> Response:
        """A dyad explained: its events in date order (a page of them, of `total`) with every report's
        evidence, outlet, claimant, modality, date, credibility and offsets; its series per window."""
        code_a, code_b = actor_code("a", a), actor_code("b", b)
        first, last = date_range(since, until)
        key = ("dyad", code_a, code_b, first, last, window, limit, offset)
        body = server.cache.peek(key)  # kept only once both actors were found known
        if body is not None:
            return json_response(body)
        snap = await server.current()
        for name, code in (("a", code_a), ("b", code_b)):
            if not known_actor(code, snap.counts):
                raise ApiError(404, f"unknown actor {code!r}", name)
        return await server.cached(
            key,
            lambda s: api.dyad_view(
                server.cursor(),
                code_a,
                code_b,
                first,
                last,
                window,
                limit,
                offset,
                graph=s.graph,
                counts=s.counts,
            ),
        )

    @app.get("/api/alerts", tags=["graph"])
    async def alerts(
        latest: str | None = Query(None, description="Window label: 2024, 2024-Q2 or 2024-06."),
        window: Window = "year",
    ) -> Response:
        """Dyads whose cooperation or conflict accelerates in the latest window against their baseline."""
        if latest and not WINDOW_LABEL.match(latest):
            raise ApiError(
                422, f"latest: not a window label like 2024, 2024-Q2 or 2024-06 ({latest!r})", "latest"
            )
        key = ("alerts", latest, window)
        return await server.cached(key, lambda s: api.alerts_view(None, latest, window, graph=s.graph))

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def article(article_id: str) -> Response:
        """An article's cleaned text and the spans of its events (offsets into that text)."""
        view = api.article_view(server.cursor(), article_id)
        if view is None:
            raise ApiError(404, f"no article {article_id[:80]!r}", "article_id")
        return json_response(encode(view))

    @app.post(
        "/api/articles",
        tags=["articles"],
        status_code=201,
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": PostedArticles.model_json_schema()}},
            }
        },
    )
    async def post_articles(request: Request) -> Response:
        """Ingest articles (cleaned, extracted, stored; the same text is stored once). Needs the write
        token: `Authorization: Bearer TOKEN`."""
        server.check_token(request)
        raw = await request.body()
        try:
            data = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ApiError(422, f"body: not valid JSON ({exc})", "body") from None
        try:
            posted = PostedArticles.model_validate(data)
        except ValidationError as exc:
            raise RequestValidationError(
                [{**e, "loc": ("body", *e["loc"])} for e in exc.errors(include_url=False)]
            ) from None
        result = await run_in_threadpool(server.ingest, posted)
        return json_response(encode(result), 201)

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        page = STATIC / "index.html"
        if page.is_file():
            return FileResponse(page, media_type="text/html")
        return HTMLResponse("<!doctype html><title>allymap</title><p>allymap API: see /openapi.json</p>")

    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
    return app


SERVE_ENV = ("ALLYMAP_SERVE_DB", "ALLYMAP_SERVE_MAX_BODY")


def app_from_env() -> FastAPI:
    """The app of each worker process of `allymap serve --workers N` (a read-only server; uvicorn calls
    this factory in every worker, which opens the store and builds its own caches): the database and body
    limit from the environment (SERVE_ENV)."""
    db, max_body = (os.environ.get(name) for name in SERVE_ENV)
    if not db:
        raise RuntimeError("ALLYMAP_SERVE_DB is not set (start workers with `allymap serve --workers N`)")
    return create_app(db, max_body=int(max_body or 2_000_000))
