"""The number of SQL queries per page is bounded: it does not grow with the data."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resources.models import Kind, Resource
from taxonomy.models import Country
from tests.factories import OrganizationFactory, ResourceFactory

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/resources/",
    "/resources/?objective=10&country=NGA&kind=document&q=trafficking",
    "/resources/?region=africa&principle=human-rights&language=en&sort=newest&page=2",
    "/objectives/10/",
    "/countries/NGA/",
    "/types/report/",
]
MAX_QUERIES = 15


def build_catalogue(size: int) -> None:
    countries = list(Country.objects.values_list("iso3", flat=True)[:40])
    publishers = [OrganizationFactory() for _ in range(min(size, 30))]
    kinds = itertools.cycle(Kind.values)
    for number in range(size):
        ResourceFactory(
            title=f"Trafficking resource {number}",
            summary="Human trafficking in persons along migration routes.",
            kind=next(kinds),
            countries=["NGA", countries[number % len(countries)]],
            regions=["africa", "asia"][: 1 + number % 2],
            principles=["human-rights", "child-sensitive"],
            languages=["en", "fr"],
            publishers=[publishers[number % len(publishers)]],
            objectives=["10", str(1 + number % 23)],
            publication_year=2000 + number % 26,
        )


def queries_per_page(client) -> dict[str, int]:
    counts = {}
    item = Resource.objects.published().first()
    for url in [*PAGES, item.get_absolute_url()]:
        client.get(url)  # the first request after a change rebuilds the facet index
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url if url in PAGES else "item page"] = len(context.captured_queries)
    return counts


def test_query_count_does_not_grow_with_items_or_facet_values(client):
    build_catalogue(20)
    small = queries_per_page(client)
    build_catalogue(180)
    large = queries_per_page(client)
    assert large == small
    assert max(large.values()) <= MAX_QUERIES, large
