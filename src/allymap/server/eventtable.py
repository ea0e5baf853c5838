"""In-memory columns of the stored events, sorted as event pages are, so that event filters are vectorised."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from datetime import date
from typing import Any

import numpy as np

from allymap.records import EVENT_FIELDS
from allymap.server.cache import LRU, encode
from allymap.server.queries import types_of
from allymap.store import Store
from allymap.store.search import DAY_SQL, PAGE_COLUMNS, EventFilter, normalise_outlet

# The order of an event page (store.search.find_events), and the columns the filters read.
_ORDER = 'ORDER BY day NULLS LAST, e.doc, e.start, e."end", e.id'
_COLUMNS_SQL = (
    f"SELECT e.id, ({DAY_SQL}) AS day, e.source, e.target, e.type, e.kind, e.modality, "
    "coalesce(e.negated, false) AS negated, a.domain AS outlet "
    f"FROM events e LEFT JOIN articles a ON a.id = e.article_id {_ORDER}"
)
_FIELDS_SQL = ", ".join(f'"{f}"' for f in (*EVENT_FIELDS, "article_id", "extractor"))


def event_filter(
    actor: str | None = None,
    partner: str | None = None,
    types: tuple[str, ...] = (),
    quad: str | None = None,
    kind: str | None = None,
    since: date | None = None,
    until: date | None = None,
    modality: str | None = None,
    negated: bool | None = None,
    outlet: str | None = None,
) -> EventFilter:
    """The EventFilter of the event query's parameters (`quad` narrows or gives the types)."""
    return EventFilter(
        actor=actor,
        partner=partner,
        types=types_of(quad, tuple(t for t in types if t)),
        kind=kind,
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        modality=modality,
        negated=negated,
        outlet=outlet,
    )


class _Codes:
    """A text column as integer codes (-1 for NULL) and the code of each distinct value."""

    def __init__(self, values: list[str | None]) -> None:
        self.of: dict[str, int] = {}
        codes = np.empty(len(values), dtype=np.int32)
        for i, value in enumerate(values):
            codes[i] = -1 if value is None else self.of.setdefault(value, len(self.of))
        self.codes = codes

    def mask(self, wanted: tuple[str, ...]) -> np.ndarray:
        known = [self.of[w] for w in wanted if w in self.of]
        if not known:
            return np.zeros(len(self.codes), dtype=bool)
        if len(known) == 1:
            return self.codes == known[0]
        return np.isin(self.codes, known)


class EventTable:
    """The events of one store state (its `fingerprint`), one row each, in page order (day, undated
    last, then document and offset), with the columns every event filter reads: day, actors (an inverted
    index: actor code -> row numbers), type, kind, modality, negation and outlet.

    `select(where)` gives the row numbers matching a filter (the same rows, in the same order, as the
    SQL of `store.search.find_events`); `page()` fetches only a page's rows from DuckDB, by id."""

    def __init__(self, store: Store) -> None:
        self.fingerprint = store.fingerprint()
        cur = store.con.execute(_COLUMNS_SQL)
        rows = cur.fetchall()
        columns = list(zip(*rows, strict=True)) if rows else [()] * 9
        self.ids: list[str] = list(columns[0])
        self.days: list[str | None] = list(columns[1])
        self.outlets: list[str | None] = list(columns[8])
        self.size = len(self.ids)
        self.day = np.array([d or "" for d in self.days], dtype="U10")
        self.dated = np.array([d is not None for d in self.days], dtype=bool)
        self.type = _Codes(list(columns[4]))
        self.kind = _Codes(list(columns[5]))
        self.modality = _Codes(list(columns[6]))
        self.outlet = _Codes(self.outlets)
        self.negated = np.array(columns[7], dtype=bool)
        actors: dict[str, set[int]] = {}
        for row, (source, target) in enumerate(zip(columns[2], columns[3], strict=True)):
            for code in (*(source or ()), *(target or ())):
                if code is not None:
                    actors.setdefault(code, set()).add(row)
        self.actors = {code: np.fromiter(sorted(rows), dtype=np.int64) for code, rows in actors.items()}

    @property
    def nbytes(self) -> int:
        arrays = [self.day, self.dated, self.negated, self.type.codes, self.kind.codes, self.modality.codes]
        held = sum(a.nbytes for a in arrays) + sum(a.nbytes for a in self.actors.values())
        return held + 150 * self.size  # ids, days and outlets as Python strings

    def select(self, where: EventFilter) -> np.ndarray:
        """The row numbers (in page order) of the events matching `where` (not `article_id`)."""
        mask = np.ones(self.size, dtype=bool)
        for code in (where.actor, where.partner):
            if code:
                rows = self.actors.get(code)
                has = np.zeros(self.size, dtype=bool)
                if rows is not None:
                    has[rows] = True
                mask &= has
        if where.types:
            mask &= self.type.mask(where.types)
        for column, value in ((self.kind, where.kind), (self.modality, where.modality)):
            if value is not None:
                mask &= column.mask((value,))
        if where.negated is not None:
            mask &= self.negated == where.negated
        if where.outlet:
            mask &= self.outlet.mask((normalise_outlet(where.outlet),))
        if where.since or where.until:
            mask &= self.dated
            if where.since:
                mask &= self.day >= where.since
            if where.until:
                mask &= self.day <= where.until
        return np.flatnonzero(mask)

    def page(self, store: Store, rows: np.ndarray, limit: int, offset: int) -> list[dict[str, Any]]:
        """The events of `rows[offset : offset + limit]` as page items (store.search.PAGE_COLUMNS)."""
        chosen = [int(r) for r in rows[offset : offset + limit]] if limit > 0 else []
        if not chosen:
            return []
        ids = [self.ids[r] for r in chosen]
        marks = ", ".join("?" * len(ids))
        found = store.con.execute(f"SELECT {_FIELDS_SQL} FROM events WHERE id IN ({marks})", ids).fetchall()
        by_id = {row[0]: row for row in found}
        items = []
        for r, event_id in zip(chosen, ids, strict=True):
            values = (*by_id[event_id], self.outlets[r], self.days[r])
            items.append(dict(zip(PAGE_COLUMNS, values, strict=True)))
        return items


def key_of(where: EventFilter) -> EventFilter:
    """A filter normalised for caching: types sorted and once, the outlet as the store writes domains."""
    return dataclasses.replace(
        where,
        types=tuple(sorted(set(where.types))),
        outlet=normalise_outlet(where.outlet) if where.outlet else None,
    )


class EventPages:
    """Event pages of the current store state: its EventTable (built once per state, single-flight),
    the rows of each filter asked (LRU) and the encoded pages (LRU, by normalised filter, limit, offset).

    The state is the store's fingerprint, read again only after `invalidate()` (a write)."""

    def __init__(self, open_cursor: Callable[[], Store], max_bytes: int = 64_000_000) -> None:
        self.open_cursor = open_cursor
        self.pages = LRU(max_bytes)
        self.selections = LRU(max_bytes // 4)
        self._table: EventTable | None = None
        self._stale = True
        self._lock = threading.Lock()

    def invalidate(self) -> None:
        with self._lock:
            self._stale = True

    def table(self, store: Store) -> EventTable:
        """The EventTable of the store's current state (built when missing or after a write)."""
        with self._lock:
            table = self._table
            if table is not None and not self._stale:
                return table
            self._stale = False
            fingerprint = store.fingerprint()
            if table is None or table.fingerprint != fingerprint:
                table = self._table = EventTable(store)
                self.pages.clear()
                self.selections.clear()
            return table

    def peek(self, where: EventFilter, limit: int, offset: int) -> bytes | None:
        """The kept page, without touching the store (None when not kept or after a write)."""
        table = self._table
        if table is None or self._stale:
            return None
        return self.pages.get((table.fingerprint, key_of(where), limit, offset))  # type: ignore[no-any-return]

    def answer(self, store: Store, where: EventFilter, limit: int, offset: int) -> bytes:
        """The encoded page {"items", "total", "limit", "offset"} (as `api.events` gives it)."""
        if where.article_id is not None:
            total, items = store.find_events(where, limit, offset)
            return encode({"items": items, "total": total, "limit": limit, "offset": offset})
        table = self.table(store)
        where = key_of(where)
        state = table.fingerprint

        def make_page() -> bytes:
            rows = self.selections.get_or_make((state, where), lambda: table.select(where))
            items = table.page(store, rows, limit, offset)
            return encode({"items": items, "total": len(rows), "limit": limit, "offset": offset})

        return self.pages.get_or_make((state, where, limit, offset), make_page)  # type: ignore[no-any-return]
