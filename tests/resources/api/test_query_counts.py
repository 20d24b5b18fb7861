"""Check that the SQL queries per API call do not grow with the page size or the data."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resources.models import Kind, Resource
from taxonomy.models import Country, Keyword
from tests.factories import OrganizationFactory, ResourceFactory

pytestmark = pytest.mark.django_db

URLS = [
    "/api/",
    "/api/resources/?page_size={size}",
    "/api/resources/?page_size={size}&country=NGA&objective=10&kind=document&sort=newest",
    "/api/resources/?page_size={size}&q=trafficking&region=africa",
    "/api/resources/{slug}/",
    "/api/objectives/",
    "/api/principles/",
    "/api/regions/",
    "/api/countries/",
    "/api/document-types/",
    "/api/kinds/",
    "/api/languages/",
    "/api/organizations/?page_size={size}",
]
# Without REDIS_URL the rate limiter keeps its counters in the database cache table,
# which costs up to six of these queries per call.
MAX_QUERIES = 25


def build_catalogue(size: int) -> None:
    countries = list(Country.objects.values_list("iso3", flat=True)[:40])
    publishers = [OrganizationFactory() for _ in range(size)]
    kinds = itertools.cycle(Kind.values)
    for number in range(size):
        keyword, _ = Keyword.objects.get_or_create(
            name=f"theme {number % 7}", slug=f"theme-{number % 7}"
        )
        resource = ResourceFactory(
            title=f"Trafficking resource {number}",
            summary="Human trafficking in persons along migration routes.",
            kind=next(kinds),
            countries=["NGA", countries[number % len(countries)]],
            regions=["africa", "asia"][: 1 + number % 2],
            principles=["human-rights", "child-sensitive"],
            languages=["en", "fr"],
            publishers=[publishers[number], publishers[(number + 1) % size]],
            objectives=["10", str(1 + number % 23)],
            actions=["a", "b"],
            keywords=[keyword],
            publication_year=2000 + number % 26,
            duration=datetime.timedelta(seconds=number),
            sdgs="5, 16",
        )
        editions = list(Resource.objects.order_by("-id")[1:3])
        resource.language_editions.add(*editions)


def queries_per_call(client, size: int) -> dict[str, int]:
    slug = Resource.objects.published().order_by("id").first().slug
    counts = {}
    for template in URLS:
        url = template.format(size=size, slug=slug)
        client.get(url)  # the first request after a change rebuilds the facet index
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[template] = len(context.captured_queries)
    return counts


def test_query_count_does_not_grow_with_page_size_or_data(client):
    build_catalogue(5)
    small = queries_per_call(client, 5)
    build_catalogue(45)
    large = queries_per_call(client, 50)
    assert large == small
    assert max(large.values()) <= MAX_QUERIES, large
