"""Editors can find and edit resources and taxonomy in the Django admin."""

import pytest

from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/admin/resources/resource/",
        "/admin/resources/resource/?status__exact=published&q=Nigeria",
        "/admin/resources/resource/add/",
        "/admin/taxonomy/objective/",
        "/admin/taxonomy/country/",
        "/admin/taxonomy/country/?region__id__exact=1&q=congo",
        "/admin/taxonomy/organization/",
    ],
)
def test_admin_pages_render(admin_client, url):
    ResourceFactory(title="Nigeria report", countries=["NGA"])
    assert admin_client.get(url).status_code == 200


def test_admin_edit_page_renders(admin_client):
    resource = ResourceFactory(title="Nigeria report")
    response = admin_client.get(f"/admin/resources/resource/{resource.pk}/change/")
    assert response.status_code == 200
    assert "Nigeria report" in response.content.decode()


def test_admin_reads_a_link_typed_without_a_scheme_as_https(admin_client):
    response = admin_client.get("/admin/resources/resource/add/")
    link = response.context["adminform"].form.fields["url"]
    assert link.clean("www.example.org/report") == "https://www.example.org/report"
