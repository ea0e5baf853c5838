"""Read queries of the store for browsing: filtered, paged events; actors by event count; one article."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from allymap.records import EVENT_FIELDS

# The columns an event page returns: the EVENTS.md record, its article and extractor, its article's domain.
PAGE_COLUMNS: tuple[str, ...] = (*EVENT_FIELDS, "article_id", "extractor", "outlet", "day")

# The day an event counts on: its own date, else its article's publication date, as the first day of the
# month or year it names (the graph layer dates events the same way).
_DATED = "coalesce(e.date, a.published)"
DAY_SQL = (
    f"CASE WHEN length({_DATED}) = 4 THEN {_DATED} || '-01-01' "
    f"WHEN length({_DATED}) = 7 THEN {_DATED} || '-01' ELSE substr({_DATED}, 1, 10) END"
)


@dataclass(frozen=True)
class EventFilter:
    """Which stored events to list. Every given field must hold: `actor` and `partner` on either side,
    `types` one of them, the day within [since, until] (ISO dates), `outlet` the article's domain."""

    actor: str | None = None
    partner: str | None = None
    types: tuple[str, ...] = ()
    kind: str | None = None
    since: str | None = None
    until: str | None = None
    modality: str | None = None
    negated: bool | None = None
    outlet: str | None = None
    article_id: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        """The WHERE clause (with a leading " WHERE ", or "") and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        for code in (self.actor, self.partner):
            if code:
                clauses.append("(list_contains(e.source, ?) OR list_contains(e.target, ?))")
                params += [code, code]
        if self.types:
            clauses.append("e.type IN (SELECT unnest(?::VARCHAR[]))")
            params.append(list(self.types))
        for column, value in (
            ("e.kind", self.kind),
            ("e.modality", self.modality),
            ("e.article_id", self.article_id),
        ):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        if self.negated is not None:
            clauses.append("coalesce(e.negated, false) = ?")
            params.append(self.negated)
        if self.outlet:
            clauses.append("a.domain = ?")
            params.append(normalise_outlet(self.outlet))
        if self.since:
            clauses.append(f"({DAY_SQL}) >= ?")
            params.append(self.since)
        if self.until:
            clauses.append(f"({DAY_SQL}) <= ?")
            params.append(self.until)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def normalise_outlet(outlet: str) -> str:
    """An outlet as the store keeps article domains: lower case, without a scheme or `www.`."""
    text = outlet.strip().lower()
    for prefix in ("https://", "http://", "www."):
        text = text.removeprefix(prefix)
    return text.split("/", 1)[0]


def find_events(
    con: Any, where: EventFilter, limit: int = 100, offset: int = 0
) -> tuple[int, list[dict[str, Any]]]:
    """(total, page): how many events match, and those from `offset` (at most `limit`), ordered by day
    (undated last), document and offset."""
    clause, params = where.where()
    base = f"FROM events e LEFT JOIN articles a ON a.id = e.article_id{clause}"
    row = con.execute(f"SELECT count(*) {base}", params).fetchone()
    total = int(row[0]) if row else 0
    if total <= offset or limit <= 0:
        return total, []
    fields = ", ".join(f'e."{f}"' for f in EVENT_FIELDS)
    cur = con.execute(
        f"SELECT {fields}, e.article_id, e.extractor, a.domain AS outlet, ({DAY_SQL}) AS day {base} "
        'ORDER BY day NULLS LAST, e.doc, e.start, e."end", e.id LIMIT ? OFFSET ?',
        [*params, int(limit), int(offset)],
    )
    return total, [dict(zip(PAGE_COLUMNS, r, strict=True)) for r in cur.fetchall()]


def actor_counts(con: Any) -> dict[str, int]:
    """Every actor code named in a stored event (source or target), with the number of its events."""
    rows = con.execute(
        "SELECT code, count(DISTINCT id) FROM "
        "(SELECT id, unnest(list_concat(source, target)) AS code FROM events) "
        "WHERE code IS NOT NULL AND code <> '' GROUP BY code"
    ).fetchall()
    return {str(code): int(n) for code, n in rows}


def article_row(con: Any, key: str) -> dict[str, Any] | None:
    """The stored article whose id (else document name) is `key`: id, doc, title, domain, url, published,
    lang and the cleaned text."""
    columns = ("id", "doc", "title", "domain", "url", "published", "lang", "text")
    sql = f"SELECT {', '.join(columns)} FROM articles WHERE "
    row = con.execute(sql + "id = ?", [key]).fetchone()
    if row is None:
        row = con.execute(sql + "doc = ? ORDER BY ingested_at DESC, id LIMIT 1", [key]).fetchone()
    return dict(zip(columns, row, strict=True)) if row else None


def fingerprint(con: Any) -> tuple[Any, ...]:
    """What changes whenever articles or events are written: counts and largest ids and times."""
    row = con.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT max(ingested_at) FROM articles), "
        "(SELECT count(*) FROM events), (SELECT max(id) FROM events), (SELECT count(*) FROM mentions)"
    ).fetchone()
    return tuple(row or ())
