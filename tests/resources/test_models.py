"""Resource rules: dates, slugs, the published-items queryset and the search index."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from resources.models import Resource, Status
from taxonomy.models import Keyword
from tests.factories import OrganizationFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def test_only_published_items_are_public():
    published = ResourceFactory(status=Status.PUBLISHED)
    for status in Status.values:
        if status != Status.PUBLISHED:
            ResourceFactory(status=status)
    assert list(Resource.objects.published()) == [published]


def test_publishing_sets_the_publication_timestamp():
    resource = ResourceFactory(status=Status.IN_REVIEW)
    assert resource.published_at is None
    resource.status = Status.PUBLISHED
    resource.save()
    assert resource.published_at is not None


def test_slugs_are_readable_and_unique():
    first = ResourceFactory(title="Global Report on Trafficking in Persons 2024")
    second = ResourceFactory(title="Global Report on Trafficking in Persons 2024")
    assert first.slug == "global-report-on-trafficking-in-persons-2024"
    assert second.slug == "global-report-on-trafficking-in-persons-2024-2"


def test_a_title_without_letters_still_gets_a_slug():
    assert ResourceFactory(title="¿¿??").slug == "resource"


@pytest.mark.parametrize(
    ("year", "month", "day", "field"),
    [
        (timezone.now().year + 1, None, None, "publication_year"),
        (2021, None, 5, "publication_day"),
        (2023, 2, 29, "publication_day"),
    ],
)
def test_publication_dates_are_validated(year, month, day, field):
    resource = ResourceFactory.build(
        publication_year=year, publication_month=month, publication_day=day
    )
    with pytest.raises(ValidationError) as error:
        resource.clean()
    assert field in error.value.message_dict


def test_periods_and_events_cannot_end_before_they_start():
    resource = ResourceFactory.build(
        period_start=datetime.date(2022, 1, 1), period_end=datetime.date(2021, 1, 1)
    )
    with pytest.raises(ValidationError):
        resource.clean()


def test_publication_date_is_shown_as_precisely_as_known():
    assert ResourceFactory.build(publication_year=2025).publication_date_display == "2025"
    assert (
        ResourceFactory.build(publication_year=2025, publication_month=7).publication_date_display
        == "July 2025"
    )
    assert (
        ResourceFactory.build(
            publication_year=2025, publication_month=7, publication_day=30
        ).publication_date_display
        == "30 July 2025"
    )


def test_search_text_follows_publishers_keywords_and_authors():
    walk_free = OrganizationFactory(name="Walk Free", acronym="WF", slug="walk-free")
    resource = ResourceFactory(authors="Jane Doe\nJohn Roe", publishers=[walk_free])
    resource.keywords.add(
        Keyword.objects.create(name="forced criminality", slug="forced-criminality")
    )
    resource.refresh_from_db()
    assert "Jane Doe" in resource.search_text and "Walk Free" in resource.search_text
    assert "forced criminality" in resource.search_text
    walk_free.name = "Walk Free Foundation"
    walk_free.save()
    resource.refresh_from_db()
    assert "Walk Free Foundation" in resource.search_text


@pytest.mark.postgres
def test_search_vector_is_current_after_every_save():
    resource = ResourceFactory(title="Recruitment fees", summary="Ethical recruitment.")
    assert Resource.objects.filter(search_vector="recruitment").exists()
    resource.title = "Debt bondage"
    resource.summary = "Workers in debt."
    resource.save()
    assert not Resource.objects.filter(search_vector="recruitment").exists()
    assert Resource.objects.filter(search_vector="bondage").exists()
    assert connection.vendor == "postgresql"


def test_items_without_link_or_file_are_told_apart_one_by_one_and_in_a_list():
    linked = ResourceFactory(url="https://example.org/report")
    filed = ResourceFactory(url="", file="private/report.pdf")
    neither = ResourceFactory(url="")
    draft = ResourceFactory(url="", status=Status.DRAFT)

    assert (linked.has_link_or_file, filed.has_link_or_file, neither.has_link_or_file) == (
        True,
        True,
        False,
    )
    assert set(Resource.objects.without_link_or_file()) == {neither, draft}
    assert list(Resource.objects.published().without_link_or_file()) == [neither]


@pytest.mark.parametrize(
    ("codes", "language"),
    [
        (["fr"], "fr"),
        (["es", "en", "zh"], "en"),
        ([], ""),
    ],
)
def test_the_items_text_language_is_its_own_or_the_hubs_among_several(codes, language):
    assert ResourceFactory(languages=codes).text_language == language
