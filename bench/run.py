"""Measure the hub at scale: ``make bench`` (100,000 items) or ``make bench N=10000``.

Creates its own PostgreSQL database, fills it with ``generate_items``, serves the hub
with gunicorn and production settings (DEBUG off, 2 workers), loads it with locust
(8 concurrent clients, no pause between requests), then reports for each request type
the latency percentiles, throughput, SQL queries and response size, the same latencies
while an editor publishes and a partner saves drafts (``bench/writes.py``), the workers'
peak memory and the memory a streamed export of every item adds, and what page views cost
while eight clients download the export of every item at once. Results go to
``bench/results/<N>.json`` and the tables in ``docs/PERFORMANCE.md``.
"""

import argparse
import json
import shutil
import sys
import time

from parameters import EXPORT_CLIENTS, PAUSE, REPORT, RESULTS, ROOT, SERVER, USERS, WARMUP, WORKERS
from phases import (
    concurrent_exports,
    export_memory,
    load,
    load_while_writing,
    machine,
    merge,
    queries_per_request,
)
from report import table, write_report
from serving import gunicorn, load_settings, manage, memory, production_env, psql, step


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--duration", type=int, default=90, help="Seconds of load.")
    parser.add_argument("--keep", action="store_true", help="Keep the database afterwards.")
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="Rewrite docs/PERFORMANCE.md from bench/results without measuring.",
    )
    args = parser.parse_args()
    if not args.report_only:
        result = measure(count=args.count, seed=args.seed, duration=args.duration, keep=args.keep)
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / f"{args.count}.json").write_text(json.dumps(result, indent=2) + "\n")
        print(table(result))
    write_report()
    print(f"Wrote {REPORT.relative_to(ROOT)}")


def measure(*, count: int, seed: int, duration: int, keep: bool) -> dict:
    database = f"hub_bench_{count}"
    url = f"{SERVER}/{database}"
    env = production_env(url)
    psql("postgres", f"DROP DATABASE IF EXISTS {database}")
    psql("postgres", f"CREATE DATABASE {database}")
    try:
        step("Migrating")
        manage(env, "migrate", "--noinput", "-v0")
        step(f"Generating {count:,} items")
        started = time.monotonic()
        manage(env, "generate_items", "--count", str(count), "--seed", str(seed), "--force")
        generation = time.monotonic() - started
        psql(database, "VACUUM ANALYZE")
        manage(env, "collectstatic", "--noinput", "-v0")
        step("Counting queries per request type")
        settings = load_settings(env)
        per_request = queries_per_request(env, settings)
        with gunicorn(env) as server:
            step(f"Warming up: the same clients without pause, {WARMUP} s, not measured")
            load(server.base_url, settings, WARMUP, pause=0, exclude="export")
            step(f"Latency: {USERS} clients pausing about {PAUSE} s, {duration} s")
            stats = load(server.base_url, settings, duration, pause=PAUSE, exclude="export")
            step(f"Capacity: {USERS} clients without pause, {duration // 2} s")
            capacity = load(server.base_url, settings, duration // 2, pause=0, exclude="export")
            for name, figures in capacity.items():
                stats.setdefault(name, {}).update(
                    capacity_rps=figures["rps"], capacity_p95_ms=figures["p95_ms"]
                )
            step(
                f"Writes: the latency run again while an item is published or unpublished "
                f"every second and a partner saves a draft every half second, {duration} s"
            )
            busy, writes = load_while_writing(server.base_url, settings, duration, env)
            for name, figures in busy.items():
                stats.setdefault(name, {}).update(writes_p95_ms=figures["p95_ms"])
            step("CSV export of 5,000 items, one client")
            stats.update(load(server.base_url, settings, 30, pause=0, users=1, include="export"))
            peaks = {pid: memory(pid, "VmHWM") for pid in server.workers()}
            step("Streaming an export of every item")
            export = export_memory(server)
            # The writes changed the catalogue: warm up as before the latency run, so that
            # the exports, not searches and cards first asked since, are what is measured.
            step(f"Warming up again: the same clients without pause, {WARMUP} s, not measured")
            load(server.base_url, settings, WARMUP, pause=0, exclude="export")
            step(
                f"Concurrent exports: {EXPORT_CLIENTS} full exports at once beside "
                f"{USERS} clients pausing about {PAUSE} s, {duration} s"
            )
            exports_at_once = concurrent_exports(server.base_url, settings, duration, idle=stats)
        return {
            "count": count,
            "seed": seed,
            "generation_seconds": round(generation, 1),
            "machine": machine(),
            "command": f"make bench N={count}",
            "users": USERS,
            "pause": PAUSE,
            "warmup_seconds": WARMUP,
            "workers": WORKERS,
            "duration_seconds": duration,
            "requests": merge(stats, per_request),
            "worker_peak_rss_mb": round(max(peaks.values()) / 1024, 1) if peaks else None,
            "export_all": export,
            "writes": writes,
            "concurrent_exports": exports_at_once,
            "slowest_query": per_request.get("_slowest"),
            "cold": per_request.get("_cold"),
        }
    finally:
        shutil.rmtree(env["MEDIA_ROOT"], ignore_errors=True)
        if not keep:
            psql("postgres", f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")


if __name__ == "__main__":
    if shutil.which("psql") is None:
        sys.exit("The benchmark needs PostgreSQL's psql client.")
    main()
