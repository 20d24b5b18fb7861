"""Fix the shape of the benchmark: clients, workers, pauses and where results go."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
REPORT = ROOT / "docs" / "PERFORMANCE.md"
PYTHON = sys.executable
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://root@127.0.0.1:5432")
USERS = 8
WORKERS = 2
# Pages also timed in other languages than English (in-process), which should cost the same.
LANGUAGES_COMPARED = {"fr": "French", "ar": "Arabic"}
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
