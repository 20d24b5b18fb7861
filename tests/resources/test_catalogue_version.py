"""The catalogue version moves for what the public can see, and only for that."""

import datetime
from datetime import UTC

import pytest
from django.db import connection

from resources.facets.current import catalogue_state
from resources.models import CatalogueChange, Resource, Status
from taxonomy.models import Country, Keyword, Objective, Organization
from tests.factories import OrganizationFactory, ResourceFactory, UserFactory

pytestmark = pytest.mark.django_db

PRIVATE_STATUSES = [
    Status.DRAFT,
    Status.SUBMITTED,
    Status.IN_REVIEW,
    Status.CHANGES_REQUESTED,
    Status.REJECTED,
]


def changes_after(number: int) -> set[int | None]:
    return set(
        CatalogueChange.objects.filter(number__gt=number).values_list("resource_id", flat=True)
    )


@pytest.mark.parametrize("status", PRIVATE_STATUSES)
def test_writing_an_unpublished_item_leaves_the_version_alone(status):
    before = catalogue_state()
    item = ResourceFactory(
        status=status,
        countries=["NGA"],
        publishers=[OrganizationFactory()],
        keywords=[Keyword.objects.create(name="Scams", slug="scams")],
    )
    item.title = "Saved again as a draft"
    item.save()
    item.countries.set(Country.objects.filter(iso3="GHA"))
    Resource.objects.filter(pk=item.pk).delete()
    assert catalogue_state() == before


def test_accounts_and_organizations_nobody_publishes_leave_the_version_alone():
    before = catalogue_state()
    unused = OrganizationFactory(name="Conflict Org.")
    unused.name = "Renamed by nobody who publishes"
    unused.save()
    drafted = OrganizationFactory()
    ResourceFactory(status=Status.DRAFT, publishers=[drafted])
    drafted.name = "A draft's publisher, renamed"
    drafted.save()
    user = UserFactory()
    user.name = "A new name on a profile"
    user.save()
    Keyword.objects.create(name="Online recruitment", slug="online-recruitment")
    assert catalogue_state() == before


def test_publishing_and_unpublishing_record_the_item():
    item = ResourceFactory(status=Status.IN_REVIEW)
    before = catalogue_state()
    Resource.objects.filter(pk=item.pk).update(status=Status.PUBLISHED)
    published = catalogue_state()
    assert published.token != before.token and published.number > before.number
    assert changes_after(before.number) == {item.pk}
    Resource.objects.filter(pk=item.pk).update(status=Status.ARCHIVED)
    assert changes_after(published.number) == {item.pk}


def test_a_published_items_tags_keywords_and_editions_record_it():
    item, other = ResourceFactory(), ResourceFactory()
    before = catalogue_state().number
    item.countries.set(Country.objects.filter(iso3="THA"))
    item.keywords.add(Keyword.objects.create(name="Forced criminality", slug="forced-criminality"))
    item.language_editions.add(other)
    assert changes_after(before) == {item.pk, other.pk}


def test_renaming_a_term_or_a_used_publisher_asks_for_everything():
    publisher = OrganizationFactory()
    ResourceFactory(publishers=[publisher])
    before = catalogue_state().number
    publisher.name = "A publisher of published items, renamed"
    publisher.save()
    assert None in changes_after(before)
    before = catalogue_state().number
    Objective.objects.filter(code="10").update(short_name="Renamed")
    assert changes_after(before) == {None}


def test_a_statement_on_several_published_items_records_each():
    items = [ResourceFactory() for _ in range(3)]
    before = catalogue_state().number
    Resource.objects.filter(pk__in=[item.pk for item in items]).update(title="Touched")
    assert changes_after(before) == {item.pk for item in items}


@pytest.mark.postgres
def test_a_statement_touching_thousands_of_items_records_one_change_for_everything():
    before = catalogue_state().number
    Resource.objects.bulk_create(
        [
            Resource(
                title=f"Imported {number}",
                slug=f"imported-{number}",
                summary="Imported.",
                publication_year=2020,
                status=Status.PUBLISHED,
            )
            for number in range(1001)
        ]
    )
    assert changes_after(before) == {None}


def test_unused_organizations_are_not_watched_until_an_item_is_published():
    publisher = Organization.objects.create(name="New publisher", slug="new-publisher")
    item = ResourceFactory(status=Status.IN_REVIEW, publishers=[publisher])
    before = catalogue_state().number
    Resource.objects.filter(pk=item.pk).update(status=Status.PUBLISHED)
    assert changes_after(before) == {item.pk}


def test_a_tag_change_stamps_the_item_without_a_version_of_its_own():
    item = ResourceFactory()
    Resource.objects.filter(pk=item.pk).update(updated_at=datetime.datetime(2024, 1, 1, tzinfo=UTC))
    before = catalogue_state().number
    item.countries.add(Country.objects.get(iso3="THA"))  # one statement, one row
    assert catalogue_state().number == before + 1
    assert changes_after(before) == {item.pk}
    item.refresh_from_db()
    assert item.updated_at > datetime.datetime.now(UTC) - datetime.timedelta(minutes=1)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's row triggers name columns")
def test_on_sqlite_every_column_of_an_item_but_its_datestamp_is_watched():
    """A column added later needs adding to the trigger (migration 0014), or its writes are lost."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'hub_public_update_resources_resource'"
        )
        (trigger,) = cursor.fetchone()
        cursor.execute("SELECT name FROM pragma_table_info('resources_resource')")
        columns = {name for (name,) in cursor.fetchall()}
    watched = trigger.split(" OF ", 1)[1].split(" ON ", 1)[0].split(", ")
    assert set(watched) == columns - {"updated_at"}


@pytest.mark.parametrize("column", ["name_fr", "name_en", "name_zh_hans"])
def test_renaming_a_country_in_any_language_asks_for_everything_and_stamps_its_items(column):
    item = ResourceFactory(countries=["NGA"])
    other = ResourceFactory(countries=["GHA"])
    long_ago = datetime.datetime(2024, 1, 1, tzinfo=UTC)
    Resource.objects.filter(pk__in=[item.pk, other.pk]).update(updated_at=long_ago)
    before = catalogue_state().number
    Country.objects.filter(iso3="NGA").update(**{column: "Renamed"})
    assert changes_after(before) == {None}
    item.refresh_from_db()
    other.refresh_from_db()
    assert item.updated_at > long_ago
    assert other.updated_at == long_ago
