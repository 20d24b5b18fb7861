"""Time, and optionally profile, one kind of page in-process against a benchmark database.

    DATABASE_URL=postgres://root@127.0.0.1:5432/hub_bench_100000 \\
        .venv/bin/python bench/profile.py item --requests 300 [--pyinstrument]

Keep the database with ``make bench`` (``bench/run.py --keep``) or fill one with
``manage.py generate_items``. The page is requested through Django's test client with
production settings (DEBUG off), after a few unmeasured requests, so the figures are
the worker's own work per request: wall and CPU time, without the network, gunicorn
or other requests competing for the interpreter. ``item`` visits random published items;
any other argument is a path, requested as it is.
"""

import argparse
import os
import random
import secrets
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(48))
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("SITE_URL", "http://127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from resources.models import Resource  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", help="'item' for random item pages, or a path")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument(
        "--pyinstrument",
        action="store_true",
        help="Print a pyinstrument profile of the measured requests.",
    )
    args = parser.parse_args()
    paths = page_paths(args.page, args.requests)
    client = Client(HTTP_HOST="127.0.0.1")
    for path in paths[:20]:  # templates, code and the facet index, as a running worker has
        fetch(client, path)
    with CaptureQueriesContext(connection) as context:
        fetch(client, paths[0])
    queries = len(context.captured_queries)
    reset_queries()
    profiler = None
    if args.pyinstrument:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        profiler.start()
    walls, cpus = [], []
    for path in paths:
        wall, cpu = time.perf_counter(), time.process_time()
        fetch(client, path)
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    if profiler is not None:
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))
    walls.sort()
    print(
        f"{args.page}: {len(paths)} requests, {queries} SQL queries each; "
        f"wall median {statistics.median(walls):.1f} ms, "
        f"p95 {walls[int(len(walls) * 0.95) - 1]:.1f} ms; "
        f"CPU mean {statistics.mean(cpus):.1f} ms"
    )


def page_paths(page: str, count: int) -> list[str]:
    if page != "item":
        return [page] * count
    slugs = list(Resource.objects.published().order_by("pk").values_list("slug", flat=True))
    generator = random.Random(1)  # the same items on every run, for comparable figures
    return [f"/resources/{slug}/" for slug in generator.choices(slugs, k=count)]


def fetch(client: Client, path: str) -> None:
    response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    if response.streaming:
        b"".join(response.streaming_content)


if __name__ == "__main__":
    main()
