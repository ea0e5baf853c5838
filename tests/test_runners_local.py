"""The local runner: same results as a plain loop, in order, with bounded look-ahead."""

from __future__ import annotations

from collections.abc import Iterator

from allymap.runners.local import LocalRunner, batched


def square(x: int) -> int:
    return x * x


def pid_of(x: int) -> tuple[int, int]:
    import os

    return x, os.getpid()


def test_batched_is_lazy_and_complete() -> None:
    assert list(batched(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]


def test_results_equal_a_plain_loop_in_order_with_two_processes() -> None:
    items = list(range(500))
    assert list(LocalRunner(workers=2, batch_size=7).map(square, items)) == [square(x) for x in items]
    assert list(LocalRunner(workers=1).map(square, items)) == [square(x) for x in items]


def test_workers_are_replaced_after_their_share_of_batches_and_nothing_is_lost() -> None:
    items = list(range(120))
    recycled = list(LocalRunner(workers=2, batch_size=5, recycle=3).map(pid_of, items))
    assert [x for x, _ in recycled] == items  # in order, none lost or repeated across pools
    # 24 batches, a pool does 2 × 3 of them: at least four pools, so more than two worker processes
    assert len({pid for _, pid in recycled}) > 2
    kept = list(LocalRunner(workers=2, batch_size=5, recycle=None).map(pid_of, items))
    assert len({pid for _, pid in kept}) <= 2


def test_input_is_read_only_a_bounded_distance_ahead() -> None:
    pulled = 0

    def source() -> Iterator[int]:
        nonlocal pulled
        for i in range(10_000):
            pulled += 1
            yield i

    runner = LocalRunner(workers=2, batch_size=10)
    results = runner.map(square, source())
    first = next(results)
    assert first == 0
    # at most 2 × workers batches in flight, plus the one being formed
    assert pulled <= (2 * 2 + 1) * 10
    results.close()


def test_dask_local_cluster_gives_the_local_runner_result() -> None:
    import pytest

    pytest.importorskip("distributed")
    from allymap.runners.dask_runner import DaskRunner

    items = list(range(300))
    local = list(LocalRunner(workers=1).map(square, items))
    distributed = list(DaskRunner(workers=2, batch_size=16).map(square, items))
    assert distributed == local
