"""Bounded memory: stream N articles (a corpus repeated under new ids, text varied so nothing is a
duplicate) through the whole pipeline into a DuckDB file, sampling the peak RSS of every process as it goes.

Run: .venv/bin/python bench/bench_memory.py [--articles 200000] [--workers 2] [--db /tmp/mem.duckdb]
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from allymap.pipeline import IngestReport, ingest

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "fr-press-2018-2019.jsonl.gz"


def stream(corpus: str, n: int) -> Iterator[str]:
    """n JSONL lines: the corpus again and again, each copy under a new id and with a new first line."""
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    for i in range(n):
        row = dict(rows[i % len(rows)])
        row["id"] = f"{row['id']}#{i // len(rows)}"
        row["text"] = f"Copie {i // len(rows)}.\n{row['text']}"
        yield json.dumps(row, ensure_ascii=False) + "\n"


class LineStream(io.TextIOBase):
    """A read-only text stream over a generator of lines (what stdin looks like to the reader)."""

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines = lines
        self.rest = ""

    def readable(self) -> bool:
        return True

    def __iter__(self) -> Iterator[str]:
        return self.lines

    def readline(self, size: int | None = -1, /) -> str:  # type: ignore[override]
        """The next line (or its first `size` characters, the rest kept for the next call)."""
        line = self.rest or next(self.lines, "")
        if size is not None and size >= 0 and len(line) > size:
            line, self.rest = line[:size], line[size:]
        else:
            self.rest = ""
        return line

    def read(self, size: int | None = -1) -> str:  # pragma: no cover - the reader goes line by line
        return self.rest + "".join(self.lines)


def memory_mb() -> tuple[float, float]:
    """(PSS, RSS) of this process and all its descendants (workers, a forkserver and its children), in MB,
    from /proc. RSS counts the pages a worker shares with its parent once in each process; PSS divides
    each shared page among the processes that map it, so the sum of PSS is the memory the run takes."""
    parents: dict[str, str] = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            for line in status.read_text().splitlines():
                if line.startswith("PPid:"):
                    parents[status.parent.name] = line.split()[1]
                    break
        except OSError:
            continue
    family = {str(os.getpid())}
    grown = True
    while grown:
        more = {pid for pid, parent in parents.items() if parent in family} - family
        family |= more
        grown = bool(more)
    pss = rss = 0
    for pid in family:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        for line in rollup.splitlines():
            if line.startswith("Pss:"):
                pss += int(line.split()[1])
            elif line.startswith("Rss:"):
                rss += int(line.split()[1])
    return pss / 1024, rss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db", default="/tmp/allymap-memory.duckdb")
    parser.add_argument("--corpus", default=str(DEFAULT))
    args = parser.parse_args()
    Path(args.db).unlink(missing_ok=True)
    peak = peak_rss = 0.0
    done = threading.Event()
    progress: dict[str, float] = {"read": 0}
    start = time.perf_counter()

    def sample() -> None:
        nonlocal peak, peak_rss
        while not done.wait(15):
            now, rss = memory_mb()
            peak, peak_rss = max(peak, now), max(peak_rss, rss)
            print(
                f"{time.perf_counter() - start:7.0f}s {progress['read']:8.0f} articles  PSS {now:7.0f} MB "
                f"(peak {peak:.0f} MB)  RSS {rss:7.0f} MB (peak {peak_rss:.0f} MB)",
                flush=True,
            )

    def tick(report: IngestReport) -> None:
        progress["read"] = report.read

    threading.Thread(target=sample, daemon=True).start()
    report = ingest(
        ["-"],
        args.db,
        stdin=LineStream(stream(args.corpus, args.articles)),  # type: ignore[arg-type]
        workers=args.workers,
        on_article=tick,
    )
    done.set()
    seconds = time.perf_counter() - start
    print(
        f"command: .venv/bin/python bench/bench_memory.py --articles {args.articles} --workers {args.workers}"
    )
    print(
        f"{report.read} articles, {report.stored} stored, {report.events} events in {seconds:.0f}s "
        f"({report.read / seconds:.1f} articles/s); peak memory of all processes: PSS {peak:.0f} MB, "
        f"RSS {peak_rss:.0f} MB (shared pages counted in each process); "
        f"database {Path(args.db).stat().st_size / 1e6:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
