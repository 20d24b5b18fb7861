"""The catalogue version moves for what the public can see, and only for that."""

import pytest

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
