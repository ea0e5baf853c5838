"""The store of bench_server.py: real extractions from the shared corpus, copied under new ids by SQL.

Copy k of an article with events gets the id md5(id || '#copyk'), the document name `doc#copyk` and every
date (its published date, its events' dates) k years earlier; its events and mentions are copied with it
under ids made the same way, so every event's article exists and the graph spans k more years. Most
articles of the corpus have no published date and most events no date of their own, so they would fall
out of every time window: an undated article with events (original or copy) is given a published date
drawn from its id (deterministic) within the originals' dated range, before the shift. (Left undated, an
original's report would also join every copy of its event into one: dedup merges an undated report with
any other of its block, whatever their dates, and merging is transitive.)
"""

from __future__ import annotations

import gzip
import math
import time
from pathlib import Path
from typing import Any

import duckdb
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from allymap import api
from allymap.records import COOCCURRENCE_TYPE
from allymap.store.duck import ARTICLE_COLUMNS, EVENT_COLUMNS, MENTION_COLUMNS

COPY = "#copy"  # marks a copied document name: `doc#copy3`

# A date string k years earlier (YYYY, YYYY-MM or YYYY-MM-DD, anything after kept); 29 February becomes the
# 28th, since the shifted year may not be a leap year. Strings without a leading year are kept.
SHIFT = r"""
CREATE OR REPLACE TEMP MACRO shift_years(s, k) AS CASE
  WHEN s IS NULL OR NOT regexp_matches(s, '^\d{4}') THEN s
  ELSE lpad(CAST(CAST(substr(s, 1, 4) AS INTEGER) - k AS VARCHAR), 4, '0')
       || CASE WHEN substr(s, 5, 6) = '-02-29' THEN '-02-28' || substr(s, 11) ELSE substr(s, 5) END
END
"""


# Co-occurrence records (two actors named in one sentence, for languages read without a parser) are stored
# as events but left out of the graph: the store must hold `target` events besides them.
ACTS = f"NOT (extractor LIKE 'cooccurrence%' OR type = '{COOCCURRENCE_TYPE}')"
DATED = r"regexp_matches(published, '^\d{4}-\d{2}-\d{2}$')"


def q(column: str) -> str:
    return f'"{column}"'


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows per table, and `acts`: the events that are not co-occurrences (the ones the graph reads)."""
    out = {}
    for table in ("articles", "events", "mentions"):
        row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
        out[table] = int(row[0]) if row else 0
    row = con.execute(f"SELECT count(*) FROM events WHERE {ACTS}").fetchone()
    out["acts"] = int(row[0]) if row else 0
    return out


def lines_of(path: Path) -> int:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return sum(1 for _ in fh)


def progress_bar(console: Console) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
    )


def ingest(db: Path, corpora: list[Path], workers: int, console: Console) -> None:
    """The corpora through allymap.api.ingest (clean, actors, extraction, store), with a progress bar."""
    for corpus in corpora:
        if not corpus.is_file():
            raise SystemExit(f"no corpus {corpus} (the shared corpus is needed to build the store)")
        total = lines_of(corpus)
        with progress_bar(console) as bar:
            task = bar.add_task(f"ingest {corpus.name}", total=total)

            def tick(report: Any, task: Any = task, bar: Progress = bar) -> None:
                bar.update(task, completed=report.read)

            report = api.ingest([corpus], db, workers=workers, progress=tick)
        console.print(
            f"{corpus.name}: {report.read} read, {report.stored} stored, {report.events} events, "
            f"{len(report.rejected)} rejected"
        )


def select_copy(table: str, columns: tuple[str, ...], k: int) -> str:
    """The SELECT list making copy k of a table's rows (ids, doc, article_id and dates rewritten)."""
    tag = f"'{COPY}{k}'"
    exprs = []
    for c in columns:
        if table == "articles" and c == "id" or c == "article_id" or table == "events" and c == "id":
            exprs.append(f"md5({q(c)} || {tag})")
        elif c == "doc":
            exprs.append(f"doc || {tag}")
        elif c == "published":
            exprs.append(f"shift_years(coalesce(published, fill_date(id)), {k})")
        elif c == "date":
            exprs.append(f"shift_years({q(c)}, {k})")
        else:
            exprs.append(q(c))
    return ", ".join(exprs)


def replicate(db: Path, target: int, console: Console) -> None:
    """Copy the original articles that have events (with their events, co-occurrences left out, and their
    mentions) under new ids until the store holds `target` events besides co-occurrences; copy k is dated
    k years earlier. One transaction per copy."""
    con = duckdb.connect(str(db))
    try:
        con.execute(SHIFT)
        original = f"doc NOT LIKE '%{COPY}%'"
        row = con.execute(
            f"SELECT min(published)::DATE, max(published)::DATE FROM articles WHERE {DATED} AND {original}"
        ).fetchone()
        lo, hi = (row[0], row[1]) if row and row[0] else ("2019-01-01", "2019-01-01")
        con.execute(
            f"CREATE OR REPLACE TEMP MACRO fill_date(id) AS strftime(DATE '{lo}' + CAST(hash(id) % "
            f"(DATE '{hi}' - DATE '{lo}' + 1) AS INTEGER), '%Y-%m-%d')"
        )
        con.execute(
            f"UPDATE articles SET published = fill_date(id) WHERE published IS NULL AND {original} "
            "AND id IN (SELECT DISTINCT article_id FROM events)"
        )
        row = con.execute(f"SELECT count(*) FROM events WHERE {original} AND {ACTS}").fetchone()
        base = int(row[0]) if row else 0
        if base == 0:
            raise SystemExit(f"{db}: no original events to copy")
        have = counts(con)["acts"]
        first = 1 + max(
            [
                int(r[0])
                for r in con.execute(
                    f"SELECT DISTINCT split_part(doc, '{COPY}', 2) FROM articles WHERE doc LIKE '%{COPY}%'"
                ).fetchall()
            ]
            or [0]
        )
        needed = math.ceil(max(0, target - have) / base)
        original_acts = f"{original} AND {ACTS}"
        with_acts = f"{original} AND id IN (SELECT DISTINCT article_id FROM events WHERE {ACTS})"
        with progress_bar(console) as bar:
            task = bar.add_task(f"copy {base:,} events", total=needed)
            for k in range(first, first + needed):
                con.execute("BEGIN TRANSACTION")
                con.execute(
                    f"INSERT INTO articles ({', '.join(map(q, ARTICLE_COLUMNS))}) "
                    f"SELECT {select_copy('articles', ARTICLE_COLUMNS, k)} FROM articles WHERE {with_acts}"
                )
                con.execute(
                    f"INSERT INTO events ({', '.join(map(q, EVENT_COLUMNS))}) "
                    f"SELECT {select_copy('events', EVENT_COLUMNS, k)} FROM events WHERE {original_acts}"
                )
                con.execute(
                    f"INSERT INTO mentions ({', '.join(map(q, MENTION_COLUMNS))}) "
                    f"SELECT {select_copy('mentions', MENTION_COLUMNS, k)} FROM mentions "
                    f"WHERE {with_acts.replace('id IN', 'article_id IN', 1)}"
                )
                con.execute("COMMIT")
                bar.update(task, advance=1)
        orphans = con.execute(
            "SELECT count(*) FROM events WHERE article_id NOT IN (SELECT id FROM articles)"
        ).fetchone()
        if orphans and orphans[0]:
            raise SystemExit(f"{db}: {orphans[0]} events without their article after copying")
    finally:
        con.close()


def build_store(
    db: Path, target: int, corpora: list[Path], workers: int, grow: bool, console: Console
) -> tuple[dict[str, int], float]:
    """A store of at least `target` events at `db`: reused when big enough, else built (an existing file
    is only grown with `grow`, so that nobody else's store is written to unasked). (counts, seconds)."""
    start = time.perf_counter()
    if db.exists():
        con = duckdb.connect(str(db), read_only=True)
        try:
            have = counts(con)
        finally:
            con.close()
        if have["acts"] >= target:
            console.print(f"reusing {db} ({have['acts']:,} events besides co-occurrences >= {target:,})")
            return have, 0.0
        if not grow:
            raise SystemExit(f"{db} holds {have['acts']:,} events < {target:,}: pass --grow to copy into it")
        if have["events"] == 0:
            ingest(db, corpora, workers, console)
    else:
        ingest(db, corpora, workers, console)
    replicate(db, target, console)
    con = duckdb.connect(str(db), read_only=True)
    try:
        return counts(con), time.perf_counter() - start
    finally:
        con.close()


def pick_plan_inputs(db: Path) -> dict[str, Any]:
    """What the request plan draws on: the store's event years (all, and the busiest), its date range,
    its commonest event types and its outlets."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        day = "coalesce(e.date, a.published)"
        dated = (
            f"FROM events e JOIN articles a ON a.id = e.article_id WHERE regexp_matches({day}, '^\\d{{4}}')"
        )
        by_year = con.execute(
            f"SELECT substr({day}, 1, 4) AS y, count(*) {dated} GROUP BY y ORDER BY y"
        ).fetchall()
        first_last = con.execute(
            f"SELECT min(substr({day}, 1, 10)), max(substr({day}, 1, 10)) {dated} "
            f"AND regexp_matches({day}, '^\\d{{4}}-\\d{{2}}-\\d{{2}}')"
        ).fetchone()
        types = con.execute("SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC").fetchall()
        outlets = con.execute(
            "SELECT a.domain, count(*) AS n FROM events e JOIN articles a ON a.id = e.article_id "
            "WHERE a.domain IS NOT NULL GROUP BY a.domain ORDER BY n DESC"
        ).fetchall()
    finally:
        con.close()
    if not by_year or not first_last:
        raise SystemExit(f"{db}: no dated events")
    return {
        "years": [str(y) for y, _ in by_year],
        "busy_years": [str(y) for y, _ in sorted(by_year, key=lambda r: -int(r[1]))],
        "range": [str(first_last[0]), str(first_last[1])],
        "types": [str(t) for t, _ in types],
        "outlets": [str(o) for o, _ in outlets],
    }
