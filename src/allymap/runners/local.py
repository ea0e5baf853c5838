"""Local runner: a stage function over a stream of items on N processes, with bounded memory."""

from __future__ import annotations

import multiprocessing as mp
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any, TypeVar

from allymap.registry import runners

T = TypeVar("T")
R = TypeVar("R")


def default_workers() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of `size` items (the last may be shorter), reading the input lazily."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _apply(stage: Callable[[T], R], batch: list[T]) -> list[R]:
    return [stage(item) for item in batch]


def _context() -> Any:
    """Workers start from a small, clean server process (forkserver) with allymap's modules preloaded, not
    from this process: a long ingest's parent holds a growing heap (database buffers, ids seen) that forked
    workers would otherwise inherit and copy page by page. Elsewhere, the platform's default."""
    if "forkserver" not in mp.get_all_start_methods():  # pragma: no cover - not POSIX
        return mp.get_context()
    context = mp.get_context("forkserver")
    context.set_forkserver_preload(["allymap.pipeline.parallel"])
    return context


class LocalRunner:
    """Runs `stage` over items in order. One worker runs in this process (no pickling, no start-up);
    more workers run in a process pool, with at most `2 × workers` batches in flight, so the input is
    never all in memory: results come back in input order as soon as their batch is done. The pool is
    replaced after `recycle × workers` batches, so a worker's memory cannot grow over a long stream."""

    name = "local"

    def __init__(
        self,
        workers: int | None = None,
        batch_size: int = 16,
        initializer: Callable[..., Any] | None = None,
        initargs: tuple[Any, ...] = (),
        recycle: int | None = 200,
    ) -> None:
        self.workers = workers or default_workers()
        self.batch_size = batch_size
        self.initializer = initializer
        self.initargs = initargs
        # Worker processes are replaced after `recycle` batches each on average: what a long run leaves
        # behind in a worker (parser caches, string tables, fragmentation) cannot pile up. None: never.
        self.recycle = recycle

    def map(self, stage: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        if self.workers <= 1:
            if self.initializer is not None:
                self.initializer(*self.initargs)
            for item in items:
                yield stage(item)
            return
        context = _context()
        limit = 2 * self.workers
        per_pool = self.recycle * self.workers if self.recycle else None
        pending = batched(items, self.batch_size)
        more = True
        while more:
            in_flight: deque[Future[list[R]]] = deque()
            with ProcessPoolExecutor(
                self.workers, mp_context=context, initializer=self.initializer, initargs=self.initargs
            ) as pool:
                more = False
                for submitted, batch in enumerate(pending, 1):
                    in_flight.append(pool.submit(_apply, stage, batch))
                    while len(in_flight) >= limit:
                        yield from in_flight.popleft().result()
                    if per_pool is not None and submitted >= per_pool:
                        more = True  # this pool has done its share: drain it, then start a fresh one
                        break
                while in_flight:
                    yield from in_flight.popleft().result()


@runners.register("local")
def _make_local(**kwargs: Any) -> LocalRunner:
    return LocalRunner(**kwargs)
