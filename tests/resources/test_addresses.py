"""An item keeps every address it had: a slug it was renamed from answers 301 to the current one."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from resources.models import FormerSlug, Resource, Status, unique_slug
from resources.services import resource_slug_change
from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def address(slug: str) -> str:
    return reverse("resources:detail", args=[slug])


def test_a_former_address_answers_301_to_the_current_one_with_its_query(client):
    item = ResourceFactory(title="Guidance on recruitment fees")
    resource_slug_change(resource=item, slug="recruitment-fees-guidance")

    response = client.get(address("guidance-on-recruitment-fees"), {"lang": "fr", "x": "1 2"})

    assert response.status_code == 301
    assert response["Location"] == address("recruitment-fees-guidance") + "?lang=fr&x=1+2"
    assert client.get(response["Location"]).status_code == 200


def test_every_address_of_a_chain_of_renames_leads_straight_to_the_current_one(client):
    item = ResourceFactory(title="First title")
    resource_slug_change(resource=item, slug="second-title")
    resource_slug_change(resource=item, slug="third-title")

    for old in ("first-title", "second-title"):
        response = client.get(address(old))
        assert response.status_code == 301
        assert response["Location"] == address("third-title")
    assert client.get(address("third-title")).status_code == 200
    assert set(item.former_slugs.values_list("slug", flat=True)) == {"first-title", "second-title"}


def test_taking_back_a_former_slug_makes_it_the_address_again(client):
    item = ResourceFactory(title="Back and forth")
    resource_slug_change(resource=item, slug="forth")
    resource_slug_change(resource=item, slug="back-and-forth")

    assert client.get(address("back-and-forth")).status_code == 200
    assert client.get(address("forth"))["Location"] == address("back-and-forth")
    assert list(item.former_slugs.values_list("slug", flat=True)) == ["forth"]


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW, Status.ARCHIVED])
def test_a_former_address_of_an_item_the_public_cannot_see_answers_404(client, status):
    item = ResourceFactory(title="Not public any more")
    resource_slug_change(resource=item, slug="renamed-not-public")
    Resource.objects.filter(pk=item.pk).update(status=status)

    assert client.get(address("not-public-any-more")).status_code == 404
    assert client.get(address("renamed-not-public")).status_code == 404
    cite = reverse("resources:cite", args=["not-public-any-more", "ris"])
    assert client.get(cite).status_code == 404


def test_a_citation_at_a_former_address_redirects_to_the_current_one(client):
    item = ResourceFactory(title="Cited before the rename")
    resource_slug_change(resource=item, slug="cited-after-the-rename")

    response = client.get(reverse("resources:cite", args=["cited-before-the-rename", "bib"]))

    assert response.status_code == 301
    assert response["Location"] == reverse("resources:cite", args=["cited-after-the-rename", "bib"])
    assert "cited-after-the-rename" in client.get(response["Location"])["Content-Disposition"]


def test_pages_feeds_exports_and_the_sitemap_link_to_the_current_address(client):
    item = ResourceFactory(title="Linked by its old name")
    resource_slug_change(resource=item, slug="linked-by-its-new-name")
    item.refresh_from_db()

    assert item.get_absolute_url() == address("linked-by-its-new-name")
    for channel in (
        "resources:browse",
        "resources:feed_rss",
        "resources:feed_atom",
        "resources:export_csv",
        "resources:export_ris",
        "resources:export_bib",
        "opendata:sitemap",
    ):
        response = client.get(reverse(channel))
        text = b"".join(response) if response.streaming else response.content
        text = text.decode("utf-8-sig")
        assert address("linked-by-its-new-name") in text, channel
        assert "linked-by-its-old-name" not in text, channel


def test_a_former_address_is_never_given_to_another_item():
    first = ResourceFactory(title="Annual report")
    resource_slug_change(resource=first, slug="annual-report-2023")

    second = ResourceFactory(title="Annual report")

    assert second.slug == "annual-report-2"
    assert unique_slug("Annual report") == "annual-report-3"
    with pytest.raises(ValidationError) as refused:
        resource_slug_change(resource=second, slug="annual-report")
    assert refused.value.code == "slug_taken"
    second.refresh_from_db()
    assert second.slug == "annual-report-2"


def test_if_a_former_slug_is_reused_anyway_its_current_owner_wins(client):
    first = ResourceFactory(title="Shared words")
    resource_slug_change(resource=first, slug="first-owner")
    second = ResourceFactory(title="Second owner")
    Resource.objects.filter(pk=second.pk).update(slug="shared-words")  # outside the services

    response = client.get(address("shared-words"))

    assert response.status_code == 200
    assert '<h1 dir="auto">Second owner</h1>' in response.content.decode()
    assert FormerSlug.objects.get(slug="shared-words").resource == first


def test_the_admin_renames_through_the_service(admin_client):
    item = ResourceFactory(title="Renamed in the admin", countries=["NGA"])
    change = reverse("admin:resources_resource_change", args=[item.pk])
    form = admin_client.get(change).context["adminform"].form
    data = {
        name: field.widget.format_value(form[name].value()) or ""
        for name, field in form.fields.items()
    }
    data.update(
        {
            name: [str(value) for value in form[name].value()]
            for name in form.fields
            if isinstance(form[name].value(), list)
        }
    )
    data["slug"] = "renamed-by-an-editor"

    response = admin_client.post(change, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    item.refresh_from_db()
    assert item.slug == "renamed-by-an-editor"
    assert item.former_slugs.get().slug == "renamed-in-the-admin"


def test_the_api_answers_a_former_address_with_301_to_the_current_one(client):
    item = ResourceFactory(title="Guidance on recruitment fees")
    resource_slug_change(resource=item, slug="recruitment-fees-guidance")
    current = reverse("api:resource-detail", args=["recruitment-fees-guidance"])

    response = client.get(reverse("api:resource-detail", args=["guidance-on-recruitment-fees"]))

    assert response.status_code == 301
    assert response["Location"] == current
    assert client.get(current).json()["slug"] == "recruitment-fees-guidance"


def test_the_api_answers_a_former_address_of_an_unpublished_item_with_404(client):
    item = ResourceFactory(title="Guidance on recruitment fees", status=Status.SUBMITTED)
    resource_slug_change(resource=item, slug="recruitment-fees-guidance")

    response = client.get(reverse("api:resource-detail", args=["guidance-on-recruitment-fees"]))

    assert response.status_code == 404
    assert response.json()["detail"]
