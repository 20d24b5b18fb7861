"""The benchmark's generator: deterministic, shaped like the catalogue, searchable."""

import re
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.http import QueryDict

from bench.synthetic import generate_items
from resources.browse import browse_page
from resources.models import Kind, Resource, SearchWord, Status
from resources.search import index_resources, is_postgresql

pytestmark = pytest.mark.django_db


def signature() -> list[tuple]:
    return [
        (
            item.title,
            item.kind,
            item.status,
            item.publication_year,
            tuple(item.objectives.values_list("code", flat=True).order_by("code")),
            tuple(item.countries.values_list("iso3", flat=True).order_by("iso3")),
        )
        for item in Resource.objects.order_by("pk")
    ]


def test_the_same_seed_gives_the_same_items():
    generate_items(count=60, seed=3)
    first = signature()
    Resource.objects.all().delete()
    generate_items(count=60, seed=3)
    assert signature() == first
    Resource.objects.all().delete()
    generate_items(count=60, seed=4)
    assert signature() != first


def test_items_are_shaped_like_the_catalogue():
    assert generate_items(count=400, seed=1) == 400
    statuses = Counter(Resource.objects.values_list("status", flat=True))
    assert 0.85 <= statuses[Status.PUBLISHED] / 400 <= 0.97
    assert len(statuses) > 3
    assert set(Resource.objects.values_list("kind", flat=True)) == set(Kind.values)
    objectives = Counter(
        Resource.objectives.through.objects.values_list("objective__code", flat=True)
    )
    assert objectives.most_common(1)[0][0] == "10"
    countries = Counter(Resource.countries.through.objects.values_list("country__iso3", flat=True))
    most, *_, least = [count for _, count in countries.most_common()]
    assert most >= 5 * least  # skewed, as real catalogues are
    years = Resource.objects.values_list("publication_year", flat=True)
    assert 2000 <= min(years) and max(years) <= 2026
    assert Resource.objects.exclude(document_type=None).exists()
    assert Resource.publishers.through.objects.values("organization").distinct().count() > 50


def test_generated_items_are_found_by_browse_and_search():
    generate_items(count=150, seed=2)
    page = browse_page(params=QueryDict("q=trafficking"))
    assert page.total > 0
    assert page.total <= Resource.objects.published().count()
    assert browse_page(params=QueryDict("objective=10")).total > 0


def vectors() -> dict[int, tuple]:
    """Return each item's words, and its title and summary words with their positions."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, strip(search_vector)::text, "
            "ts_filter(search_vector, '{a,b}')::text FROM resources_resource"
        )
        return {pk: (words, weighted) for pk, words, weighted in cursor.fetchall()}


@pytest.mark.postgres
def test_search_vectors_are_those_the_site_would_compute():
    generate_items(count=30, seed=5)
    written = vectors()
    assert all(words for words, _ in written.values())
    index_resources(written)
    assert vectors() == written


@pytest.mark.postgres
def test_generated_items_teach_the_search_their_words():
    """A misspelling finds generated items, as it would items saved through the site."""
    generate_items(count=30, seed=5)
    title = Resource.objects.published().values_list("title", flat=True).first()
    word = max(re.findall(r"[A-Za-z]{3,40}", title), key=len).lower()
    assert SearchWord.objects.filter(word=word).exists()
    assert is_postgresql()


def test_the_command_refuses_a_production_catalogue(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="production"):
        call_command("generate_items", "--count", "5")
    call_command("generate_items", "--count", "5", "--force", verbosity=0)
    assert Resource.objects.count() == 5
