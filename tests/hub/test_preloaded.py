"""Rows read ahead are attached and read back one way, and pages show them without a query."""

import pytest
from django.template.loader import render_to_string

from hub.preloaded import attach, preload, preloaded_attribute, related
from resources.facets.current import current_index
from resources.models import Resource
from resources.selectors import resources_with_tags
from taxonomy.models import DocumentType, Language, Objective, Organization
from tests.factories import OrganizationFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def test_the_rows_of_a_relation_live_in_one_attribute_named_after_it():
    assert preloaded_attribute("publishers") == "preloaded_publishers"
    assert preloaded_attribute("resource__publishers") == "preloaded_publishers"


def test_attached_rows_are_read_back_without_a_query(django_assert_num_queries):
    item = ResourceFactory(publishers=[OrganizationFactory(name="Stored Org")])
    item = Resource.objects.get(pk=item.pk)
    shown = Organization(name="Attached Org", slug="attached-org")
    attach(item, "publishers", [shown])
    with django_assert_num_queries(0):
        assert related(item, "publishers") == [shown]


def test_without_attached_rows_the_relation_itself_is_read():
    item = ResourceFactory(publishers=[OrganizationFactory(name="Stored Org")])
    item = Resource.objects.get(pk=item.pk)
    assert [publisher.name for publisher in related(item, "publishers")] == ["Stored Org"]


def test_preload_reads_a_relation_for_many_items_in_one_query(django_assert_num_queries):
    for number in range(3):
        ResourceFactory(publishers=[OrganizationFactory(name=f"Org {number}")])
    with django_assert_num_queries(2):
        items = list(Resource.objects.order_by("pk").prefetch_related(preload("publishers")))
        names = [[publisher.name for publisher in related(item, "publishers")] for item in items]
    assert names == [["Org 0"], ["Org 1"], ["Org 2"]]


def test_a_foreign_key_is_attached_as_select_related_would(django_assert_num_queries):
    item = Resource.objects.get(pk=ResourceFactory().pk)
    report = DocumentType(name="Attached type", slug="attached-type")
    attach(item, "document_type", report)
    with django_assert_num_queries(0):
        assert item.document_type is report


def test_a_card_shows_attached_rows_without_a_query(django_assert_num_queries):
    item = Resource.objects.get(pk=ResourceFactory(title="Read ahead").pk)
    attach(item, "document_type", None)
    attach(item, "publishers", [Organization(name="Attached Org", slug="attached-org")])
    attach(item, "objectives", [Objective(code="10", short_name="Attached objective")])
    attach(item, "languages", [Language(code="fr", name="French")])
    with django_assert_num_queries(0):
        card = render_to_string("includes/resource_card.html", {"resource": item})
    assert "Attached Org" in card
    assert "Attached objective" in card
    assert 'lang="fr"' in card


def test_items_read_with_their_tags_carry_lists_not_the_orms_private_cache(
    django_assert_num_queries,
):
    publisher = OrganizationFactory(name="Indexed Org")
    item = ResourceFactory(title="Indexed", publishers=[publisher])
    index = current_index()
    [loaded] = resources_with_tags(Resource.objects.filter(pk=item.pk), index=index)
    assert "_prefetched_objects_cache" not in loaded.__dict__
    with django_assert_num_queries(0):
        assert [row.name for row in related(loaded, "publishers")] == ["Indexed Org"]
        assert related(loaded, "language_editions") == []
