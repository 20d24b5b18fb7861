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
import csv
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
REPORT = ROOT / "docs" / "PERFORMANCE.md"
PYTHON = sys.executable
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://root@127.0.0.1:5432")
USERS = 8
WORKERS = 2
PAUSE = 1.0  # seconds a client waits between requests, on average, in the latency run
# Seconds of the same load, not measured, before the latency run: each worker then has
# ranked the mix's ten search words once, as a running hub has its common searches. What
# a word nobody searched since the last change costs is measured apart ("cold").
WARMUP = 20
# Clients downloading the export of the whole catalogue over and over in the
# concurrent-exports phase.
EXPORT_CLIENTS = 8
# How fast each of those clients reads (bytes per second): a fast connection, 80 Mbit/s.
# Read as fast as loopback allows, the clients themselves took a core of this 2-core
# machine, and the figure measured the load generator rather than the hub.
EXPORT_CLIENT_RATE = 10_000_000


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


def production_env(database_url: str) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url,
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            # Production settings need the hub's address; the served one is set per server.
            "SITE_URL": "http://127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "API_ANON_RATE": "1000000/minute",
            "EXPORT_RATE": "off",
            "FEED_RATE": "off",
            "OAI_RATE": "off",
            "MEDIA_ROOT": tempfile.mkdtemp(prefix="hub-bench-media-"),
            "LOG_LEVEL": "WARNING",
            "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


def step(message: str) -> None:
    print(f"==> {message}", flush=True)


def psql(database: str, sql: str) -> str:
    return subprocess.run(
        ["psql", f"{SERVER}/{database}", "-qAtc", sql], check=True, capture_output=True, text=True
    ).stdout


def manage(env: dict, *args: str) -> str:
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout


def load_settings(env: dict) -> dict:
    """Pick the items to visit and the year from which an export holds about 5,000 items."""
    script = (
        "import json\n"
        "from django.db.models import Count\n"
        "from resources.models import Resource\n"
        "published = Resource.objects.published()\n"
        "slugs = list(published.order_by('?').values_list('slug', flat=True)[:500])\n"
        "years = dict(published.values_list('publication_year').annotate(n=Count('pk')))\n"
        "total, export_year = 0, min(years)\n"
        "for year in sorted(years, reverse=True):\n"
        "    total += years[year]\n"
        "    export_year = year\n"
        "    if total >= 5000: break\n"
        "print(json.dumps({'slugs': slugs, 'export_year': export_year, 'export_items': total}))\n"
    )
    return json.loads(manage(env, "shell", "-c", script).strip().splitlines()[-1])


def queries_per_request(env: dict, settings: dict) -> dict:
    """Count SQL queries and bytes of one request of each type, in steady state."""
    args = json.dumps(
        {
            "slug": settings["slugs"][0],
            "slugs": settings["slugs"],
            "export_year": settings["export_year"],
        }
    )
    output = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "queries.py"), args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


class gunicorn:
    """Run the hub under gunicorn with the production configuration, on a free port."""

    def __init__(self, env: dict) -> None:
        self.env = env
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.base_url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "gunicorn":
        self.log = open(RESULTS.parent / "gunicorn.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "-c",
                "gunicorn.conf.py",
                "hub.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(WORKERS),
                "--access-logfile",
                "/dev/null",
                "--max-requests",
                "0",
            ],
            cwd=ROOT,
            env={**self.env, "SITE_URL": self.base_url},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{self.base_url}/health/live", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start; see bench/gunicorn.log")
        for path in ("/", "/resources/", "/api/resources/"):  # every worker builds its index
            for _ in range(WORKERS * 2):
                urllib.request.urlopen(f"{self.base_url}{path}", timeout=120).read()
        return self

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def __exit__(self, *exc) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)
        self.log.close()


def load(
    base_url: str,
    settings: dict,
    duration: int,
    *,
    pause: float,
    users: int = USERS,
    include: str = "",
    exclude: str = "",
) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        prefix = Path(folder) / "stats"
        env = dict(os.environ, BENCH_SETTINGS=json.dumps(settings), BENCH_PAUSE=str(pause))
        tags = (["--tags", include] if include else []) + (
            ["--exclude-tags", exclude] if exclude else []
        )
        subprocess.run(
            [
                PYTHON,
                "-m",
                "locust",
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "-u",
                str(users),
                "-r",
                str(users),
                "-t",
                f"{duration}s",
                "--host",
                base_url,
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
                *tags,
            ],
            cwd=ROOT,
            env=env,
            check=False,
            stdout=subprocess.DEVNULL,
        )
        with open(f"{prefix}_stats.csv", newline="") as file:
            rows = list(csv.DictReader(file))
    stats = {}
    for row in rows:
        if row["Name"] == "Aggregated":
            continue
        stats[row["Name"]] = {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "p50_ms": float(row["50%"]),
            "p95_ms": float(row["95%"]),
            "p99_ms": float(row["99%"]),
            "rps": round(float(row["Requests/s"]), 2),
            "mean_bytes": round(float(row["Average Content Size"])),
        }
    return stats


def load_while_writing(
    base_url: str, settings: dict, duration: int, env: dict
) -> tuple[dict, dict]:
    """Run the latency load while ``bench/writes.py`` publishes, unpublishes and saves drafts."""
    writer = subprocess.Popen(
        [PYTHON, str(ROOT / "bench" / "writes.py"), str(duration)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    stats = load(base_url, settings, duration, pause=PAUSE, exclude="export")
    output, _ = writer.communicate(timeout=120)
    return stats, json.loads(output.strip().splitlines()[-1])


def memory(pid: int, field: str) -> int:
    """Return a process's memory figure in kB (VmRSS now, VmHWM the peak)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


def export_memory(server: gunicorn) -> dict:
    """Stream an export of every published item and watch the workers' memory meanwhile."""
    workers = server.workers()
    before = {pid: memory(pid, "VmRSS") for pid in workers}
    highest = dict(before)
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            for pid in workers:
                highest[pid] = max(highest[pid], memory(pid, "VmRSS"))
            time.sleep(0.1)

    watcher = threading.Thread(target=watch)
    watcher.start()
    started, size = time.monotonic(), 0
    try:
        with urllib.request.urlopen(
            f"{server.base_url}/resources/export.csv", timeout=600
        ) as response:
            while chunk := response.read(1 << 16):
                size += len(chunk)
    finally:
        done.set()
        watcher.join()
    growth = max(highest[pid] - before[pid] for pid in workers)
    return {
        "seconds": round(time.monotonic() - started, 1),
        "megabytes": round(size / 1e6, 1),
        "worker_growth_mb": round(growth / 1024, 1),
    }


def concurrent_exports(base_url: str, settings: dict, duration: int, *, idle: dict) -> dict:
    """Load pages as in the latency run while clients download the whole catalogue at once.

    Each of ``EXPORT_CLIENTS`` clients asks for ``/resources/export.csv`` again as soon as
    the previous answer ends, reading at ``EXPORT_CLIENT_RATE``; after a 503 it waits as
    long as ``Retry-After`` says (a client ignoring it floods the hub with requests, which
    any address allows and the per-client limits are for). The measure is what page views
    then cost, next to ``idle``, the latency run's figures.
    """
    stop = threading.Event()
    lock = threading.Lock()
    outcome = {"completed": 0, "refused_503": 0, "failed": 0, "seconds": [], "bytes": 0}

    def download() -> None:
        while not stop.is_set():
            started, size, status = time.monotonic(), 0, None
            try:
                with urllib.request.urlopen(
                    f"{base_url}/resources/export.csv", timeout=600
                ) as response:
                    while chunk := response.read(1 << 16):
                        size += len(chunk)
                        time.sleep(max(0.0, started + size / EXPORT_CLIENT_RATE - time.monotonic()))
                status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
                stop.wait(float(error.headers.get("Retry-After") or 1))
            except OSError:
                pass
            with lock:
                if status == 200:
                    outcome["completed"] += 1
                    outcome["seconds"].append(time.monotonic() - started)
                    outcome["bytes"] = size
                elif status == 503:
                    outcome["refused_503"] += 1
                else:
                    outcome["failed"] += 1

    clients = [threading.Thread(target=download) for _ in range(EXPORT_CLIENTS)]
    for client in clients:
        client.start()
    try:
        stats = load(base_url, settings, duration, pause=PAUSE, exclude="export")
    finally:
        stop.set()
        for client in clients:
            client.join()
    seconds = sorted(outcome.pop("seconds"))
    requests = {}
    for name, figures in stats.items():
        idle_p95 = idle.get(name, {}).get("p95_ms")
        requests[name] = {
            "p95_ms": figures["p95_ms"],
            "idle_p95_ms": idle_p95,
            "failures": figures["failures"],
            "ratio": round(figures["p95_ms"] / idle_p95, 2) if idle_p95 else None,
        }
    return {
        "clients": EXPORT_CLIENTS,
        "client_rate_mb_s": EXPORT_CLIENT_RATE / 1e6,
        **outcome,
        "median_seconds": round(seconds[len(seconds) // 2], 2) if seconds else None,
        "megabytes": round(outcome["bytes"] / 1e6, 1),
        "requests": requests,
    }


def merge(stats: dict, per_request: dict) -> dict:
    merged = {}
    for name, figures in stats.items():
        merged[name] = {**figures, **per_request.get(name, {})}
    return merged


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    server = psql("postgres", "SHOW server_version").strip()
    django = subprocess.run(
        [PYTHON, "-c", "import django; print(django.get_version())"], capture_output=True, text=True
    ).stdout.strip()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024**2),
        "postgresql": server,
        "python": platform.python_version(),
        "django": django,
        "os": platform.platform(),
    }


TARGETS = {
    "browse": 100,
    "browse, 1 facet": 100,
    "browse, 2 facets": 100,
    "browse, 3 facets": 100,
    "text query": 150,
    "text query, 2 facets": 150,
    "item page": 30,
}
ORDER = [
    "home",
    "browse",
    "browse, 1 facet",
    "browse, 2 facets",
    "browse, 3 facets",
    "text query",
    "text query, 2 facets",
    "browse, page 200",
    "landing page",
    "item page",
    "API list, 2 facets",
    "feed",
    "CSV export, 5,000 items",
]


def table(result: dict) -> str:
    lines = [
        f"#### {result['count']:,} items",
        "",
        f"`{result['command']}`: {result['users']} clients, {result['workers']} gunicorn "
        f"workers; generating the items took {result['generation_seconds']} s. "
        + (
            f"After {result['warmup_seconds']} s of the same load, not measured, l"
            if result.get("warmup_seconds")
            else "L"
        )
        + f"atency: each client pauses about {result.get('pause', PAUSE)} s between "
        f"requests, for {result['duration_seconds']} s. Capacity: the same clients without pause, "
        f"for {result['duration_seconds'] // 2} s. The CSV export is measured alone, "
        "one client after another for 30 s.",
        "",
        "| request | p50 ms | p95 ms | p99 ms | target p95 | req/s without pause | "
        "p95 ms without pause | CPU ms in-process | SQL queries | bytes |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    requests = result["requests"]
    failures = sum(row.get("failures", 0) for row in requests.values())
    for name in ORDER:
        if name not in requests or "p50_ms" not in requests[name]:
            continue
        row = requests[name]
        target = f"≤ {TARGETS[name]}" if name in TARGETS else ""
        capacity_rps = row.get("capacity_rps")
        capacity_p95 = row.get("capacity_p95_ms")
        lines.append(
            f"| {name} | {row['p50_ms']:.0f} | {row['p95_ms']:.0f} | {row['p99_ms']:.0f} | "
            f"{target} | {'' if capacity_rps is None else f'{capacity_rps:.1f}'} | "
            f"{'' if capacity_p95 is None else f'{capacity_p95:.0f}'} | "
            f"{row.get('cpu_ms', '')} | "
            f"{row.get('queries', '')} | {row.get('bytes', row['mean_bytes']):,} |"
        )
    total_capacity = sum(row.get("capacity_rps") or 0 for row in requests.values())
    export = result["export_all"]
    cold = result.get("cold") or {}
    lines += [
        "",
        f"- Failed requests: {failures}. Throughput without pause, all page types together: "
        f"{total_capacity:.0f} requests per second.",
        f"- After a bulk or taxonomy change, each worker reads its facet index whole once: "
        f"{cold.get('index_rebuild_ms')} ms; "
        + (
            f"an edit of one item is patched in, in {cold['index_patch_ms']} ms; "
            if cold.get("index_patch_ms") is not None
            else ""
        )
        + f"a text query not seen since a change takes "
        f'{cold.get("first_text_query_ms")} ms ("trafficking", which matches most items).',
        f"- Peak memory of a gunicorn worker: {result['worker_peak_rss_mb']} MB.",
        f"- Streamed CSV export of every published item: {export['megabytes']} MB in "
        f"{export['seconds']} s; the worker's memory grew by {export['worker_growth_mb']} MB.",
    ]
    if result.get("concurrent_exports"):
        lines += ["", concurrent_exports_table(result["concurrent_exports"])]
    return "\n".join(lines)


def concurrent_exports_table(phase: dict) -> str:
    """Set the p95 of page views during the concurrent exports beside the latency run's."""
    lines = [
        f"Concurrent exports: {phase['clients']} clients download the export of every "
        f"published item ({phase['megabytes']} MB) over and over, each reading at "
        f"{phase.get('client_rate_mb_s', 'full')} MB/s and waiting as `Retry-After` says after a "
        f"503, beside the clients of the latency run (after the same warm-up as that run, "
        f"since the writes before changed the catalogue): {phase['completed']} downloads completed "
        f"(median "
        f"{phase['median_seconds']} s), {phase['refused_503']} refused with 503 (at most "
        f"`EXPORTS_AT_ONCE` per worker), {phase['failed']} failed.",
        "",
        "| request | p95 ms idle | p95 ms during exports | ratio (target for browse pages ≤ 2) |",
        "|---|---:|---:|---:|",
    ]
    requests = phase["requests"]
    for name in ORDER:
        if name not in requests or requests[name]["idle_p95_ms"] is None:
            continue
        row = requests[name]
        lines.append(
            f"| {name} | {row['idle_p95_ms']:.0f} | {row['p95_ms']:.0f} | {row['ratio']:.2f} |"
        )
    return "\n".join(lines)


def while_writing(result: dict) -> str:
    """Compare each request type's p95 with writes going on to its p95 in the latency run."""
    writes = result.get("writes")
    if not writes:
        return ""
    lines = [
        f"While writing ({writes['decisions']} publications or unpublications, one a second, "
        f"and {writes['drafts']} draft saves, two a second, during the same latency run):",
        "",
        "| request | p95 ms idle | p95 ms with writes | ratio (target ≤ 1.5) |",
        "|---|---:|---:|---:|",
    ]
    for name in ORDER:
        row = result["requests"].get(name, {})
        if row.get("writes_p95_ms") and row.get("p95_ms"):
            lines.append(
                f"| {name} | {row['p95_ms']:.0f} | {row['writes_p95_ms']:.0f} | "
                f"{row['writes_p95_ms'] / row['p95_ms']:.2f} |"
            )
    return "\n".join(lines)


def scaling(results: dict[int, dict]) -> str:
    if 10_000 not in results or 100_000 not in results:
        return "Run `make bench N=10000` and `make bench` to compare the two sizes."
    small, large = results[10_000]["requests"], results[100_000]["requests"]
    lines = [
        "| request | p95 at 10,000 | p95 at 100,000 | ratio (target ≤ 2) |",
        "|---|---:|---:|---:|",
    ]
    for name in ORDER:
        if name in small and name in large and small[name]["p95_ms"]:
            ratio = large[name]["p95_ms"] / small[name]["p95_ms"]
            lines.append(
                f"| {name} | {small[name]['p95_ms']:.0f} | "
                f"{large[name]['p95_ms']:.0f} | {ratio:.2f} |"
            )
    return "\n".join(lines)


START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def write_report() -> None:
    results = {
        int(path.stem): json.loads(path.read_text()) for path in sorted(RESULTS.glob("*.json"))
    }
    if not results:
        return
    any_result = next(iter(results.values()))
    described = any_result["machine"]
    body = [
        START,
        "",
        f"Machine: {described['cpu']}, {described['cores']} cores, "
        f"{described['memory_gb']} GiB; PostgreSQL {described['postgresql']} on the same "
        f"machine; Python {described['python']}, Django {described['django']}.",
        "",
    ]
    for count in sorted(results):
        body += [table(results[count]), ""]
        if writing := while_writing(results[count]):
            body += [writing, ""]
    body += ["#### Scaling from 10,000 to 100,000 items", "", scaling(results), ""]
    largest = results[max(results)]
    for slowest in (largest.get("slowest_query"), (largest.get("cold") or {}).get("slowest")):
        if slowest:
            body += [
                f"#### Slowest query at {max(results):,} items ({slowest['request']})",
                "",
                "```sql",
                slowest["sql"],
                "```",
                "",
                "```",
                slowest["plan"],
                "```",
                "",
            ]
    body.append(END)
    text = REPORT.read_text() if REPORT.exists() else f"# Performance\n\n{START}\n{END}\n"
    before, _, rest = text.partition(START)
    _, _, after = rest.partition(END)
    REPORT.write_text(before + "\n".join(body) + after)


if __name__ == "__main__":
    if shutil.which("psql") is None:
        sys.exit("The benchmark needs PostgreSQL's psql client.")
    main()
