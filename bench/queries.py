"""Count the SQL queries and bytes of one request of each benchmarked type, in steady state.

Run by ``bench/run.py`` against the benchmark database with production settings. Also
times each type's own work in this one process (CPU time per request, without the
network, the load generator or other requests: the figure least disturbed by a shared
machine), the facet index's rebuild and its patch after an edit of one item, a text search
not seen since the last change, and explains the slowest query of the steady state and the
slowest of that first search.
"""

import json
import os
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import translate_url  # noqa: E402
from parameters import LANGUAGES_COMPARED  # noqa: E402

from resources.facets.current import current_index, forget_index  # noqa: E402
from resources.models import Resource  # noqa: E402

# Requests timed per type; item pages visit as many different items, as the load does.
CPU_SAMPLES = 50


def main() -> None:
    args = json.loads(sys.argv[1])
    requests = {
        "home": "/",
        "browse": "/resources/",
        "browse, 1 facet": "/resources/?objective=10",
        "browse, 2 facets": "/resources/?objective=10&region=africa",
        "browse, 3 facets": "/resources/?objective=10&region=africa&type=report",
        "text query": "/resources/?q=trafficking",
        "text query, 2 facets": "/resources/?q=trafficking&objective=10&region=africa",
        "browse, page 200": "/resources/?page=200",
        "landing page": "/countries/NGA/",
        "item page": f"/resources/{args['slug']}/",
        "API list, 2 facets": "/api/resources/?objective=10&region=africa",
        "feed": "/resources/feed.rss",
        "CSV export, 5,000 items": f"/resources/export.csv?year_from={args['export_year']}",
    }
    for language, name in LANGUAGES_COMPARED.items():
        for page in ("browse", "item page"):
            requests[f"{page}, {name}"] = translate_url(requests[page], language)
    client = Client(HTTP_HOST="127.0.0.1")
    client.get("/resources/")  # loads templates and code, which a running worker has done
    forget_index()
    started = time.perf_counter()
    current_index()
    rebuild_ms = (time.perf_counter() - started) * 1000
    patch_ms = patch_time(args["slug"])
    client.get("/resources/")
    with CaptureQueriesContext(connection) as context:
        started = time.perf_counter()
        client.get("/resources/?q=trafficking")
        cold_search_ms = (time.perf_counter() - started) * 1000
    cold_slowest = max(context.captured_queries, key=lambda query: float(query["time"]))
    figures, slowest = {}, None
    for name, url in requests.items():
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        figures[name] = {
            "queries": len(context.captured_queries),
            "bytes": len(body),
            "status": response.status_code,
            "cpu_ms": cpu_per_request(client, url, name, args),
        }
        for query in context.captured_queries:
            if slowest is None or float(query["time"]) > float(slowest["time"]):
                slowest = {**query, "request": name}
    if slowest is not None and connection.vendor == "postgresql":
        figures["_slowest"] = {
            "request": slowest["request"],
            "sql": slowest["sql"],
            "plan": explained(slowest["sql"]),
        }
    figures["_cold"] = {
        "index_rebuild_ms": round(rebuild_ms),
        "index_patch_ms": round(patch_ms, 1),
        "first_text_query_ms": round(cold_search_ms),
    }
    if connection.vendor == "postgresql":
        figures["_cold"]["slowest"] = {
            "request": "first text query",
            "sql": cold_slowest["sql"],
            "plan": explained(cold_slowest["sql"]),
        }
    print(json.dumps(figures))


def patch_time(slug: str) -> float:
    """Return the time a worker takes to follow an edit of one published item, in ms.

    The item's title is changed and put back; the second patch is the one timed.
    """
    item = Resource.objects.published().get(slug=slug)
    title = item.title
    Resource.objects.filter(pk=item.pk).update(title=f"{title} (edited)")
    current_index()
    Resource.objects.filter(pk=item.pk).update(title=title)
    started = time.perf_counter()
    current_index()
    return (time.perf_counter() - started) * 1000


def cpu_per_request(client: Client, url: str, name: str, args: dict) -> float:
    """Return the mean CPU time of this request type, over requests like the load's."""
    if name.startswith("item page"):
        language = next((code for code, named in LANGUAGES_COMPARED.items() if named in name), "en")
        urls = [
            translate_url(f"/resources/{slug}/", language) for slug in args["slugs"][:CPU_SAMPLES]
        ]
    else:
        urls = [url] * (2 if name.startswith("CSV export") else CPU_SAMPLES)
    started = time.process_time()
    for each in urls:
        response = client.get(each)
        if response.streaming:
            b"".join(response.streaming_content)
    return round((time.process_time() - started) * 1000 / len(urls), 1)


def explained(sql: str) -> str:
    """Run a query under ``EXPLAIN (ANALYZE, BUFFERS)`` and return the plan's text."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


if __name__ == "__main__":
    main()
