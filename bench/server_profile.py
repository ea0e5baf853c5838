"""The API server under a stack sampler: where its threads spend their time while bench_server.py loads it.

A thread samples every other thread's stack every few milliseconds (sys._current_frames), skipping
threads that wait (a lock, a queue, the event loop's select), and counts each function once per sample
(inclusive) and the innermost frame (exclusive). SIGUSR1 clears the counts (the load starts); SIGUSR2
writes them to --out as text, busiest first (the load is over). cProfile would see
the main thread only; the endpoints run in the thread pool.

Run: .venv/bin/python bench/server_profile.py --db DB --port P --out profile.txt [--interval 0.005]
(bench_server.py --profile starts it in place of `allymap serve`).
"""

from __future__ import annotations

import argparse
import collections
import signal
import sys
import threading
import time
from pathlib import Path
from types import FrameType

IDLE = ("threading.py:wait", "queue.py:get", "selectors.py:select", "base_events.py:_run_once")


def where(frame: FrameType) -> str:
    code = frame.f_code
    name = code.co_filename
    for marker in ("site-packages/", "src/", "lib/python3.11/"):
        if marker in name:
            name = name.split(marker, 1)[1]
            break
    return f"{name}:{code.co_name}"


class Sampler(threading.Thread):
    def __init__(self, interval: float) -> None:
        super().__init__(name="sampler", daemon=True)
        self.interval = interval
        self.inclusive: collections.Counter[str] = collections.Counter()
        self.exclusive: collections.Counter[str] = collections.Counter()
        self.samples = 0
        self.busy = 0
        self.stop = threading.Event()

    def reset(self) -> None:
        self.inclusive.clear()
        self.exclusive.clear()
        self.samples = self.busy = 0

    def run(self) -> None:
        me = threading.get_ident()
        while not self.stop.wait(self.interval):
            self.samples += 1
            for ident, frame in sys._current_frames().items():
                if ident == me:
                    continue
                leaf = where(frame)
                if any(leaf.endswith(idle) for idle in IDLE):
                    continue
                self.busy += 1
                self.exclusive[leaf] += 1
                seen: set[str] = set()
                f: FrameType | None = frame
                while f is not None:
                    seen.add(where(f))
                    f = f.f_back
                self.inclusive.update(seen)

    def report(self, top: int = 60) -> str:
        lines = [f"{self.samples} samples, {self.busy} busy thread-samples (interval {self.interval}s)", ""]
        lines.append("inclusive (share of busy thread-samples):")
        for name, n in self.inclusive.most_common(top):
            lines.append(f"  {n / max(1, self.busy):6.1%}  {name}")
        lines += ["", "exclusive (innermost frame):"]
        for name, n in self.exclusive.most_common(top // 2):
            lines.append(f"  {n / max(1, self.busy):6.1%}  {name}")
        return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--interval", type=float, default=0.005)
    args = parser.parse_args()
    import uvicorn

    from allymap.server.app import create_app

    sampler = Sampler(args.interval)
    config = uvicorn.Config(create_app(args.db), host="127.0.0.1", port=args.port, log_level="warning")
    server = uvicorn.Server(config)

    started = time.perf_counter()

    def reset(signum: int, _frame: object) -> None:
        nonlocal started
        sampler.reset()
        started = time.perf_counter()

    def write(signum: int, _frame: object) -> None:
        text = f"{time.perf_counter() - started:.0f} s sampled\n" + sampler.report()
        Path(args.out).write_text(text, encoding="utf-8")

    sampler.start()
    signal.signal(signal.SIGUSR1, reset)  # bench_server.py: the load starts now
    signal.signal(signal.SIGUSR2, write)  # bench_server.py: the load is over
    server.run()  # until SIGTERM or SIGINT (uvicorn then re-raises it: the report is written on SIGUSR2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
