"""The load generator of bench_server.py: N concurrent HTTP clients for S seconds over a request plan.

Runs in its own process (bench_server.py starts it as a subprocess), so the clients' CPU time is not the
server's. Each client is an asyncio task with its own keep-alive connection (as a browser tab would be),
sending one request at a time: it draws a request type from the mix, a path of that type from the plan,
waits for the whole response body, records (type, latency, status) and goes again (after an optional
think time, exponentially distributed around --think seconds).

Run: .venv/bin/python bench/server_load.py --url http://127.0.0.1:PORT --plan plan.json --out result.json
     [--clients 50] [--seconds 60] [--think 0] [--seed 8]
plan.json: {"mix": {"graph": 0.35, ...}, "paths": {"graph": ["/api/graph?since=..", ...], ...}}
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import random
import resource
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx


@dataclass
class Tally:
    """What one request type met during the run."""

    latencies: list[float] = field(default_factory=list)  # seconds, every completed request
    statuses: dict[str, int] = field(default_factory=dict)  # status code (or exception name) -> count
    errors: int = 0
    samples: list[str] = field(default_factory=list)  # a few failures, for the report

    def add(self, seconds: float, status: str, ok: bool, detail: str = "") -> None:
        self.latencies.append(seconds)
        self.statuses[status] = self.statuses.get(status, 0) + 1
        if not ok:
            self.errors += 1
            if len(self.samples) < 5:
                self.samples.append(f"{status} {detail}"[:300])


async def client(
    number: int,
    url: str,
    plan: dict[str, Any],
    deadline: float,
    think: float,
    seed: int,
    tallies: dict[str, Tally],
    timeout: float,
) -> None:
    rng = random.Random(seed * 1000 + number)
    kinds = list(plan["mix"])
    weights = [float(plan["mix"][k]) for k in kinds]
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with httpx.AsyncClient(base_url=url, timeout=timeout, limits=limits) as http:
        while time.perf_counter() < deadline:
            kind = rng.choices(kinds, weights)[0]
            path = rng.choice(plan["paths"][kind])
            start = time.perf_counter()
            try:
                response = await http.get(path)
                body = response.content
                seconds = time.perf_counter() - start
                ok = 200 <= response.status_code < 300
                detail = "" if ok else f"{path} {body[:200].decode('utf-8', 'replace')}"
                tallies[kind].add(seconds, str(response.status_code), ok, detail)
            except (httpx.HTTPError, OSError) as exc:
                tallies[kind].add(time.perf_counter() - start, type(exc).__name__, False, f"{path} {exc}")
            if think > 0:
                await asyncio.sleep(rng.expovariate(1 / think))


async def run(
    url: str, plan: dict[str, Any], clients: int, seconds: float, think: float, seed: int, timeout: float
) -> dict[str, Any]:
    tallies = {kind: Tally() for kind in plan["mix"]}
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    deadline = start + seconds
    await asyncio.gather(
        *(client(i, url, plan, deadline, think, seed, tallies, timeout) for i in range(clients))
    )
    elapsed = time.perf_counter() - start
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "clients": clients,
        "seconds": seconds,
        "elapsed": elapsed,
        "think": think,
        "cpu_seconds": (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime),
        "types": {
            kind: {
                "latencies": t.latencies,
                "statuses": t.statuses,
                "errors": t.errors,
                "samples": t.samples,
            }
            for kind, t in tallies.items()
        },
    }


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) of values, nearest-rank on the sorted list (0.0 when empty)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(q / 100 * len(ordered))))
    return ordered[rank - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--plan", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--think", type=float, default=0.0, help="mean think time between requests (s)")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--timeout", type=float, default=30.0, help="per request; longer is an error")
    args = parser.parse_args()
    plan = json.loads(Path(args.plan).read_text(encoding="utf-8"))
    result = asyncio.run(run(args.url, plan, args.clients, args.seconds, args.think, args.seed, args.timeout))
    Path(args.out).write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
