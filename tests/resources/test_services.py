"""An item's status and its moment of publication are decided together, in one place."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from resources.models import Resource, Status
from resources.services import resource_restore
from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db

MOMENT = datetime.datetime(2024, 5, 6, 7, 8, tzinfo=datetime.UTC)


def new_item(**fields) -> Resource:
    return Resource(
        slug="restored", title="Restored", summary="Put back.", publication_year=2020, **fields
    )


def test_restoring_a_published_item_stamps_it_published_now():
    before = timezone.now()
    resource = new_item()
    resource_restore(resource=resource, fields={}, status=Status.PUBLISHED)
    resource.refresh_from_db()
    assert resource.is_published
    assert resource.published_at >= before
    assert Resource.objects.published().get() == resource


def test_a_restore_keeps_the_moment_a_backup_names():
    resource = new_item()
    resource_restore(resource=resource, fields={}, status=Status.PUBLISHED, published_at=MOMENT)
    resource.refresh_from_db()
    assert resource.published_at == MOMENT


def test_an_unpublished_item_has_no_moment_of_publication():
    resource = new_item()
    resource_restore(resource=resource, fields={}, status=Status.SUBMITTED, published_at=None)
    resource.refresh_from_db()
    assert (resource.status, resource.published_at) == (Status.SUBMITTED, None)
    assert not Resource.objects.published().exists()


def test_restoring_what_is_stored_writes_nothing():
    resource = ResourceFactory(title="Same")
    resource.refresh_from_db()  # tagging the item after it was saved stamped it again
    updated_at, published_at = resource.updated_at, resource.published_at
    changed = resource_restore(
        resource=resource, fields={"title": "Same"}, status=Status.PUBLISHED, published_at=None
    )
    resource.refresh_from_db()
    assert changed == []
    assert (resource.updated_at, resource.published_at) == (updated_at, published_at)


def test_a_published_item_keeps_its_moment_when_a_restore_names_none():
    resource = ResourceFactory()
    published_at = resource.published_at
    resource_restore(resource=resource, fields={"title": "Retitled"}, published_at=None)
    resource.refresh_from_db()
    assert (resource.title, resource.published_at) == ("Retitled", published_at)


def test_a_check_may_refuse_the_item_before_it_is_saved():
    def refuse(item: Resource) -> None:
        if item.is_published:
            raise ValidationError({"objectives": "Needs an objective."})

    with pytest.raises(ValidationError):
        resource_restore(resource=new_item(), fields={}, status=Status.PUBLISHED, check=refuse)
    assert not Resource.objects.exists()


def test_publishing_stamps_the_moment_once_and_leaving_keeps_it():
    resource = ResourceFactory(status=Status.IN_REVIEW, published_at=None)
    now = timezone.now()
    assert resource.status_changes(status=Status.PUBLISHED, now=now) == {
        "status": Status.PUBLISHED,
        "published_at": now,
    }
    resource.status, resource.published_at = Status.PUBLISHED, MOMENT
    assert resource.status_changes(status=Status.PUBLISHED, now=now) == {"status": Status.PUBLISHED}
    assert resource.status_changes(status=Status.ARCHIVED, now=now) == {"status": Status.ARCHIVED}
