"""Load the served hub in each phase of the benchmark and collect what it measured."""

import csv
import json
import os
import platform
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from parameters import EXPORT_CLIENT_RATE, EXPORT_CLIENTS, PAUSE, PYTHON, ROOT, USERS
from serving import gunicorn, memory, psql


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
