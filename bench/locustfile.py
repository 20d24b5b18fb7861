"""Load the hub the way its visitors do: the request mix of docs/PERFORMANCE.md.

``bench/run.py`` starts this headless with 8 users and passes, through the environment,
the item slugs to visit, the year that makes a 5,000-item CSV export and the pause between
requests. Each request is named by its type, so the report gives one line per type
whatever the URL's values. The export is tagged so that it can be measured on its own.
"""

import itertools
import json
import os
import random

from locust import FastHttpUser, between, constant, tag, task

SETTINGS = json.loads(os.environ.get("BENCH_SETTINGS", "{}"))
SLUGS = SETTINGS.get("slugs") or ["missing"]
EXPORT_YEAR = SETTINGS.get("export_year", 2020)
REGIONS = ["africa", "asia", "europe", "americas", "oceania"]
TYPES = ["report", "guidelines-toolkits-manuals", "policy-brief", "analysis", "working-paper"]
TERMS = [
    "trafficking",
    "victims",
    "protection",
    "labour",
    "children",
    "border",
    "identification",
    "smuggling",
    "rights",
    "cooperation",
]
LANDINGS = [
    "/countries/NGA/",
    "/regions/africa/",
    "/types/report/",
    "/principles/human-rights/",
    "/objectives/10/",
]


PAUSE = float(os.environ.get("BENCH_PAUSE", "0"))


class Visitor(FastHttpUser):
    """One of the concurrent clients, pausing about ``BENCH_PAUSE`` seconds between requests."""

    wait_time = between(PAUSE / 2, PAUSE * 1.5) if PAUSE else constant(0)

    def on_start(self) -> None:
        self.random = random.Random(id(self))
        self.landings = itertools.cycle(LANDINGS)

    def get(self, url: str, name: str) -> None:
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {url}")

    @task(3)
    def home(self):
        self.get("/", "home")

    @task(3)
    def browse(self):
        self.get("/resources/", "browse")

    @task(3)
    def browse_one_facet(self):
        self.get("/resources/?objective=10", "browse, 1 facet")

    @task(3)
    def browse_two_facets(self):
        region = self.random.choice(REGIONS)
        self.get(f"/resources/?objective=10&region={region}", "browse, 2 facets")

    @task(3)
    def browse_three_facets(self):
        region, kind = self.random.choice(REGIONS), self.random.choice(TYPES)
        self.get(f"/resources/?objective=10&region={region}&type={kind}", "browse, 3 facets")

    @task(3)
    def text_query(self):
        self.get(f"/resources/?q={self.random.choice(TERMS)}", "text query")

    @task(3)
    def text_query_two_facets(self):
        term, region = self.random.choice(TERMS), self.random.choice(REGIONS)
        self.get(f"/resources/?q={term}&objective=10&region={region}", "text query, 2 facets")

    @task(1)
    def deep_page(self):
        self.get("/resources/?page=200", "browse, page 200")

    @task(2)
    def landing(self):
        self.get(next(self.landings), "landing page")

    @task(4)
    def item(self):
        self.get(f"/resources/{self.random.choice(SLUGS)}/", "item page")

    @task(2)
    def api_list(self):
        region = self.random.choice(REGIONS)
        self.get(f"/api/resources/?objective=10&region={region}", "API list, 2 facets")

    @task(1)
    def feed(self):
        self.get("/resources/feed.rss", "feed")

    @tag("export")
    @task(1)
    def csv_export(self):
        self.get(f"/resources/export.csv?year_from={EXPORT_YEAR}", "CSV export, 5,000 items")
