"""Nothing unpublished reaches any open-data channel; a taken-down item becomes a deleted record."""

import json

import pytest

from resources.models import Status
from review import workflow
from tests.factories import ResourceFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANNELS = [
    "/resources/",
    "/api/resources/",
    "/api/resources/?q=hidden",
    "/resources/feed.rss",
    "/resources/feed.atom",
    "/resources/export.csv",
    "/resources/export.ris",
    "/resources/export.bib",
    "/sitemap.xml",
    "/oai?verb=ListRecords&metadataPrefix=oai_dc",
    "/oai?verb=ListIdentifiers&metadataPrefix=oai_dc",
]


def oai_header(resource) -> str:
    """Return how an OAI-PMH list names the item: its identifier, by primary key."""
    return f":item/{resource.pk}</identifier>"


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8-sig")


@pytest.fixture
def items():
    visible = ResourceFactory(title="Visible public guidance", slug="visible-public-guidance")
    hidden = {
        status: ResourceFactory(
            title=f"Hidden {status} item", slug=f"hidden-{status}-item", status=status
        )
        for status in Status.values
        if status != Status.PUBLISHED
    }
    return visible, hidden


@pytest.mark.parametrize("url", CHANNELS)
def test_unpublished_items_appear_in_no_channel(client, items, url):
    visible, hidden = items
    response = client.get(url)
    assert response.status_code == 200, url
    text = body(response)
    named = (visible.slug, visible.title, oai_header(visible))
    assert any(name in text for name in named) or url.endswith("q=hidden")
    for resource in hidden.values():
        for name in (resource.slug, resource.title, oai_header(resource)):
            assert name not in text, (url, resource.status)


@pytest.mark.parametrize("status", [Status.IN_REVIEW, Status.DRAFT])
def test_unpublished_item_pages_and_api_details_are_not_found(client, items, status):
    hidden = items[1][status]
    assert client.get(f"/resources/{hidden.slug}/").status_code == 404
    assert client.get(f"/api/resources/{hidden.slug}/").status_code == 404
    assert client.get(f"/resources/{hidden.slug}/cite.ris").status_code == 404


def test_an_item_taken_down_leaves_every_channel_and_becomes_a_deleted_oai_record(client):
    editor = UserFactory(username="channel-editor", groups=["editor"])
    item = ResourceFactory(title="Soon archived", slug="soon-archived")
    assert "soon-archived" in body(client.get("/resources/feed.rss"))
    workflow.transition(resource_id=item.pk, name="archive", actor=editor)
    for url in CHANNELS[:-2]:
        assert "soon-archived" not in body(client.get(url)), url
    api = json.loads(body(client.get("/api/resources/")))
    assert all(result["slug"] != "soon-archived" for result in api["results"])
    records = body(client.get("/oai?verb=ListIdentifiers&metadataPrefix=oai_dc"))
    assert oai_header(item) in records and 'status="deleted"' in records
