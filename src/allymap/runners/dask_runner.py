"""Distributed runner on Dask: the same stage functions on a local or remote cluster (the only
module that imports dask)."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from allymap.errors import AllymapError
from allymap.registry import runners
from allymap.runners.local import _apply, batched, default_workers

T = TypeVar("T")
R = TypeVar("R")


class DaskMissing(AllymapError):
    code = "missing-extra"


# Settings of the local cluster's workers. Dask's defaults cost a CPU-bound task of pure Python (spaCy
# parsing, the rules) about a fifth of its time against a plain process (bench/bench_pipeline.py --dask,
# docs/measurements/issue7.md):
# - the nanny starts each worker with MALLOC_TRIM_THRESHOLD_=65536, so glibc hands freed memory back to
#   the kernel at once and faults it in again on the next batch (page faults, zeroed pages; the largest
#   part). The workers' memory is bounded by the models they hold, as with the local runner, which keeps
#   glibc's default;
# - the statistical profiler walks the task thread's stack every 10 ms, holding the GIL;
# - the event loop wakes every 20 ms to check it is not blocked, taking the GIL from the task thread.
# A remote cluster keeps its own settings.
LOCAL_CLUSTER_CONFIG: dict[str, Any] = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,  # None: not set
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
}


def _client(scheduler: str | None, workers: int) -> Any:
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - depends on the install
        raise DaskMissing("the dask runner needs the extra: pip install 'allymap[dask]'") from None
    if scheduler:
        return Client(scheduler), None
    with dask.config.set(LOCAL_CLUSTER_CONFIG):
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
        )
    return Client(cluster), cluster


class DaskRunner:
    """Runs `stage` over batches of items on Dask workers, results in input order, at most
    `2 × workers` batches in flight (the input streams; it is never all in memory). With no scheduler
    address it starts a local cluster of `workers` processes and closes it afterwards."""

    name = "dask"

    def __init__(
        self,
        scheduler: str | None = None,
        workers: int | None = None,
        batch_size: int = 32,
        initializer: Callable[..., Any] | None = None,
        initargs: tuple[Any, ...] = (),
    ) -> None:
        self.scheduler = scheduler
        self.workers = workers or default_workers()
        self.batch_size = batch_size
        self.initializer = initializer
        self.initargs = initargs

    def map(self, stage: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        client, cluster = _client(self.scheduler, self.workers)
        try:
            if self.initializer is not None:
                client.run(self.initializer, *self.initargs)
            n_workers = max(1, len(client.scheduler_info().get("workers", {})) or self.workers)
            limit = 2 * n_workers
            in_flight: deque[Any] = deque()
            for batch in batched(items, self.batch_size):
                in_flight.append(client.submit(_apply, stage, batch, pure=False))
                while len(in_flight) >= limit:
                    yield from in_flight.popleft().result()
            while in_flight:
                yield from in_flight.popleft().result()
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


@runners.register("dask")
def _make_dask(**kwargs: Any) -> DaskRunner:
    return DaskRunner(**kwargs)
