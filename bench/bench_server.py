"""Load benchmark of the web API (issue 8): a >= 100k-event store, the real server, 50 clients for 60 s.

1. The store: the shared corpora ingested through allymap.api.ingest (real extractions), then, until it
   holds --events events, copied under new ids by SQL (copy k: ids md5(id || '#copy' || k), documents
   `doc#copyk`, every date k years earlier, so the graph spans time; only articles with events are copied,
   with their mentions, so every event's article exists). --db reuses a store that is big enough.
2. The server: `allymap serve --db DB --port P` on loopback, in its own process, warmed up.
3. The load: bench/server_load.py in another process, --clients clients for --seconds seconds, mixing
   graph (time windows of the store's years), events (filters and pages) and explain (/api/dyads/A/B of
   the graph's heaviest dyads) requests; latency per type (p50/p95/p99), throughput and errors.

Run: .venv/bin/python bench/bench_server.py [--db /tmp/allymap-load.duckdb] [--events 100000]
     [--clients 50] [--seconds 60] [--corpora fr-press-2018-2019,...] [--think 0] [--prime]
     [--json-out FILE] [--profile FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import quote

from rich.console import Console
from rich.table import Table
from server_load import percentile
from server_store import build_store, pick_plan_inputs

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
PYTHON = sys.executable
GOAL_MS = 200.0
console = Console()


# -- the server -------------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_command(db: Path, port: int, how: str, profile: Path | None = None, workers: int = 1) -> list[str]:
    """`allymap serve` (the CLI), or uvicorn around create_app, or that under the stack sampler."""
    cli = Path(PYTHON).parent / "allymap"
    if profile is not None:
        sampler = Path(__file__).with_name("server_profile.py")
        return [PYTHON, str(sampler), "--db", str(db), "--port", str(port), "--out", str(profile)]
    if how == "cli":
        command = [str(cli), "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)]
        return command + (["--workers", str(workers)] if workers > 1 else [])
    code = (
        "import sys, uvicorn; from allymap.server.app import create_app; "
        "uvicorn.run(create_app(sys.argv[1]), host='127.0.0.1', port=int(sys.argv[2]), log_level='warning')"
    )
    return [PYTHON, "-c", code, str(db), str(port)]


def get(url: str, timeout: float = 600.0) -> tuple[int, Any, float]:
    """(status, parsed JSON body or None, seconds) of one GET."""
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - loopback only
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as exc:
        body, status = exc.read(), exc.code
    seconds = time.perf_counter() - start
    try:
        return status, json.loads(body), seconds
    except ValueError:
        return status, None, seconds


def wait_ready(base: str, proc: subprocess.Popen[bytes], log: Path, limit: float = 900.0) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited ({proc.returncode}):\n{log.read_text()[-3000:]}")
        try:
            status, _, _ = get(base + "/api/health", timeout=5)
            if status == 200:
                return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"the server did not answer /api/health within {limit:.0f} s")


def proc_stats(pid: int) -> tuple[float, float]:
    """(CPU seconds, RSS MB) of a process and its children, from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    cpu = rss = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if stat.parent.name == str(pid) or fields[1] == str(pid):  # fields[1] is the parent pid
            cpu += (int(fields[11]) + int(fields[12])) / tick
            rss += int(fields[21]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    return cpu, rss


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


# -- the plan ---------------------------------------------------------------------------------------------
def make_plan(base: str, inputs: dict[str, Any], mix: dict[str, float]) -> dict[str, Any]:
    """Request paths per type: graph windows over the store's years, event filters and pages, and the
    explanation of the heaviest dyads of the whole graph (asked of the server, so every pair exists)."""
    years: list[str] = inputs["years"]
    first, last = inputs["range"]
    graph = ["/api/graph", "/api/graph?min_weight=0.5", "/api/graph?window=quarter"]
    for i, year in enumerate(years):
        graph.append(f"/api/graph?since={year}-01-01&until={year}-12-31")
        if i % 3 == 0:
            graph.append(f"/api/graph?since={year}-01-01&until={year}-12-31&min_weight=0.2")
        if i % 5 == 0:
            end = years[min(i + 4, len(years) - 1)]
            graph.append(f"/api/graph?since={year}-01-01&until={end}-12-31&window=quarter")
    for year in inputs["busy_years"][:3]:
        for m1, m2, last_day in ((1, 3, 31), (4, 6, 30), (7, 9, 30), (10, 12, 31)):
            graph.append(f"/api/graph?since={year}-{m1:02d}-01&until={year}-{m2:02d}-{last_day}&window=month")
    graph.append(f"/api/graph?since={first}&until={last}&window=year")
    status, whole, _ = get(base + "/api/graph")
    if status != 200 or not whole:
        raise SystemExit(f"GET /api/graph answered {status}")
    edges = sorted(whole.get("edges", []), key=lambda e: -int(e.get("events", 0)))
    dyads = [(e["source"], e["target"]) for e in edges[:40]]
    if not dyads:
        raise SystemExit("the graph has no edges: nothing to explain")
    explain = [f"/api/dyads/{a}/{b}" for a, b in dyads]
    explain += [
        f"/api/dyads/{b}/{a}?since={y}-01-01&until={y}-12-31" for (a, b), y in zip(dyads, years, strict=False)
    ]
    actors = [n["id"] for n in sorted(whole.get("nodes", []), key=lambda n: -int(n.get("events", 0)))[:30]]
    events = ["/api/events", "/api/events?limit=20", "/api/events?offset=500&limit=50"]
    for i, actor in enumerate(actors):
        events.append(f"/api/events?actor={actor}&limit=50")
        events.append(f"/api/events?actor={actor}&offset={50 * (i % 4)}&limit=50")
    for a, b in dyads[:15]:
        events.append(f"/api/events?actor={a}&partner={b}")
    for t in inputs["types"][:10]:
        events.append(f"/api/events?type={t}&limit=100")
    for quad in ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict"):
        events.append(f"/api/events?quad={quad}&limit=50")
        events.append(f"/api/events?quad={quad}&since={years[-1]}-01-01&until={years[-1]}-12-31")
    for year in years[:: max(1, len(years) // 10)]:
        events.append(f"/api/events?since={year}-01-01&until={year}-12-31&limit=100")
    for outlet in inputs["outlets"][:8]:
        events.append(f"/api/events?outlet={quote(outlet)}&limit=50")
    events += [
        "/api/events?modality=asserted&limit=100",
        "/api/events?negated=true",
        "/api/events?negated=false",
    ]
    if actors:
        events.append(f"/api/events?actor={actors[0]}&modality=asserted&negated=false&offset=100")
    return {"mix": mix, "paths": {"graph": graph, "events": events, "explain": explain}}


# -- the report -------------------------------------------------------------------------------------------
def summarise(result: dict[str, Any]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for kind, t in result["types"].items():
        lat = [x * 1000 for x in t["latencies"]]
        out[kind] = {
            "requests": len(lat),
            "rps": round(len(lat) / result["elapsed"], 1),
            "p50_ms": round(percentile(lat, 50), 1),
            "p95_ms": round(percentile(lat, 95), 1),
            "p99_ms": round(percentile(lat, 99), 1),
            "max_ms": round(max(lat, default=0.0), 1),
            "errors": t["errors"],
        }
    every = [x * 1000 for t in result["types"].values() for x in t["latencies"]]
    out["all"] = {
        "requests": len(every),
        "rps": round(len(every) / result["elapsed"], 1),
        "p50_ms": round(percentile(every, 50), 1),
        "p95_ms": round(percentile(every, 95), 1),
        "p99_ms": round(percentile(every, 99), 1),
        "max_ms": round(max(every, default=0.0), 1),
        "errors": sum(t["errors"] for t in result["types"].values()),
    }
    return out


def show(summary: dict[str, dict[str, float]], title: str) -> None:
    table = Table(title=title)
    for name in ("type", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors"):
        table.add_column(name, justify="left" if name == "type" else "right")
    for kind, s in summary.items():
        table.add_row(
            kind,
            f"{s['requests']:,.0f}",
            f"{s['rps']:.1f}",
            f"{s['p50_ms']:.1f}",
            f"{s['p95_ms']:.1f}",
            f"{s['p99_ms']:.1f}",
            f"{s['max_ms']:.0f}",
            f"{s['errors']:.0f}",
            style="bold" if kind == "all" else None,
        )
    console.print(table)


def parse_mix(text: str) -> dict[str, float]:
    mix = {}
    for part in text.split(","):
        name, _, share = part.partition("=")
        if name not in ("graph", "events", "explain"):
            raise SystemExit(f"--mix: unknown request type {name!r}")
        mix[name] = float(share)
    return mix


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/allymap-load.duckdb"))
    parser.add_argument("--events", type=int, default=100_000, help="events the store must hold")
    parser.add_argument("--grow", action="store_true", help="copy events into a --db that holds too few")
    parser.add_argument(
        "--corpora",
        default="fr-press-2018-2019,semeval2023-multilingual,bbc-2004-2005",
        help="shared corpora to ingest (comma-separated names in ../shared/corpus)",
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--think", type=float, default=0.0, help="clients' mean think time (s)")
    parser.add_argument("--mix", default="graph=0.35,events=0.35,explain=0.3")
    parser.add_argument("--server", choices=("cli", "app"), default="cli")
    parser.add_argument(
        "--server-workers", type=int, default=1, help="`allymap serve --workers N` (with --server cli)"
    )
    parser.add_argument("--port", type=int, default=0, help="0: a free port")
    parser.add_argument(
        "--prime", action="store_true", help="request every planned path once before the load"
    )
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument(
        "--profile", type=Path, help="run the server under bench/server_profile.py, write here"
    )
    parser.add_argument("--json-out", type=Path)
    args = parser.parse_args()

    corpora = [SHARED / f"{name.strip()}.jsonl.gz" for name in args.corpora.split(",") if name.strip()]
    counts, build_seconds = build_store(args.db, args.events, corpora, args.workers, args.grow, console)
    console.print(
        f"store {args.db}: {counts['articles']:,} articles, {counts['events']:,} events "
        f"({counts['acts']:,} besides co-occurrences), "
        f"{counts['mentions']:,} mentions ({build_seconds:.0f} s to build; "
        f"{args.db.stat().st_size / 1e6:.0f} MB)"
    )
    if args.build_only:
        return 0
    inputs = pick_plan_inputs(args.db)

    port = args.port or free_port()
    base = f"http://127.0.0.1:{port}"
    work = Path(tempfile.mkdtemp(prefix="allymap-bench-"))
    log = work / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            server_command(args.db, port, args.server, args.profile, args.server_workers),
            stdout=out,
            stderr=out,
        )
    try:
        ready = wait_ready(base, proc, log)
        warm: dict[str, float] = {}
        for name, path in (("graph", "/api/graph"), ("graph again", "/api/graph")):
            status, _, seconds = get(base + path)
            warm[name] = seconds
            if status != 200:
                raise SystemExit(f"warm-up {path}: {status}\n{log.read_text()[-3000:]}")
        plan = make_plan(base, inputs, parse_mix(args.mix))
        for kind in ("explain", "events"):
            status, _, warm[kind] = get(base + plan["paths"][kind][0])
            if status != 200:
                raise SystemExit(f"warm-up {plan['paths'][kind][0]}: {status}")
        console.print(
            f"server up in {ready:.1f} s; first /api/graph {warm['graph'] * 1000:.0f} ms, then "
            f"{warm['graph again'] * 1000:.0f} ms; first explain {warm['explain'] * 1000:.0f} ms, events "
            f"{warm['events'] * 1000:.0f} ms; plan: "
            + ", ".join(f"{len(v)} {k} paths" for k, v in plan["paths"].items())
        )
        if args.prime:
            start = time.perf_counter()
            paths = [p for kind in plan["paths"].values() for p in kind]
            failed = sum(get(base + p)[0] != 200 for p in paths)
            console.print(
                f"primed: {len(paths)} paths requested once in {time.perf_counter() - start:.0f} s "
                f"({failed} not 200)"
            )
        plan_file, result_file = work / "plan.json", work / "result.json"
        plan_file.write_text(json.dumps(plan), encoding="utf-8")
        load_before = load_average()
        cpu0, _ = proc_stats(proc.pid)
        console.print(
            f"load average before: {load_before}; {args.clients} clients for {args.seconds:.0f} s ..."
        )
        load_cmd = [PYTHON, str(Path(__file__).with_name("server_load.py")), "--url", base]
        load_cmd += ["--plan", str(plan_file), "--out", str(result_file), "--clients", str(args.clients)]
        load_cmd += ["--seconds", str(args.seconds), "--think", str(args.think)]
        if args.profile:
            proc.send_signal(signal.SIGUSR1)  # the sampler counts the load only
        loader = subprocess.Popen(load_cmd)
        peak_rss = 0.0
        while loader.poll() is None:
            peak_rss = max(peak_rss, proc_stats(proc.pid)[1])
            time.sleep(1)
        if loader.returncode:
            raise SystemExit(f"the load generator failed ({loader.returncode})")
        cpu1, _ = proc_stats(proc.pid)
        load_after = load_average()
        if args.profile:
            proc.send_signal(signal.SIGUSR2)  # the sampler writes its counts
            time.sleep(2)
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
    result = json.loads(result_file.read_text(encoding="utf-8"))
    summary = summarise(result)
    show(summary, f"{args.clients} clients, {result['elapsed']:.0f} s, {counts['acts']:,} events")
    for kind, t in result["types"].items():
        for sample in t["samples"]:
            console.print(f"[red]{kind} error[/red] {sample}")
    server_cpu = cpu1 - cpu0
    console.print(
        f"server CPU {server_cpu:.0f} s over {result['elapsed']:.0f} s ({server_cpu / result['elapsed']:.2f} "
        f"cores), peak RSS {peak_rss:.0f} MB; load generator CPU {result['cpu_seconds']:.0f} s; "
        f"load average before {load_before}, after {load_after}"
    )
    ok = all(summary[k]["p95_ms"] <= GOAL_MS for k in ("graph", "explain") if k in summary)
    ok = ok and summary["all"]["errors"] == 0
    console.print(
        f"goal (p95 <= {GOAL_MS:.0f} ms for graph and explain, 0 errors): {'met' if ok else 'NOT met'}"
    )
    line = {
        "bench": "server",
        "events": counts["events"],
        "events_besides_cooccurrences": counts["acts"],
        "articles": counts["articles"],
        "clients": args.clients,
        "seconds": round(result["elapsed"], 1),
        "think": args.think,
        "primed": args.prime,
        "server_workers": args.server_workers,
        "types": summary,
        "server_cpu_cores": round(server_cpu / result["elapsed"], 2),
        "server_peak_rss_mb": round(peak_rss),
        "first_graph_ms": round(warm["graph"] * 1000),
        "load_before": load_before,
        "load_after": load_after,
        "goal_met": ok,
    }
    print(json.dumps(line))
    if args.json_out:
        args.json_out.write_text(json.dumps(line) + "\n", encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
