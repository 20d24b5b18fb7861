"""An item's file is reached from every place that shows it, through the one download view."""

import csv
import html
import io
import re

import pytest
from django.urls import reverse
from lxml import etree

from resources.models import Status
from tests.factories import ResourceFactory, UserFactory

pytestmark = pytest.mark.django_db

MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DC = "{http://purl.org/dc/elements/1.1/}"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def submitter():
    return UserFactory(username="file-submitter")


def with_file(slug: str, submitter) -> object:
    item = ResourceFactory(
        title=f"Report {slug}", slug=slug, status=Status.PUBLISHED, submitted_by=submitter
    )
    item.file.save("report.pdf", io.BytesIO(MINIMAL_PDF))
    return item


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def item_page_link(client, item) -> str:
    page = client.get(item.get_absolute_url()).content.decode()
    [link] = re.findall(r'<a class="[^"]*" href="([^"]+)">Download the file</a>', page)
    return html.unescape(link)


def metadata_link(client, item) -> str:
    page = client.get(item.get_absolute_url()).content.decode()
    [link] = re.findall(r'<meta name="citation_pdf_url" content="([^"]+)"', page)
    return html.unescape(link)


def api_links(client, item) -> list[str]:
    detail = client.get(reverse("api:resource-detail", args=[item.slug])).json()
    listed = client.get(reverse("api:resource-list")).json()["results"]
    [in_list] = [result["file"] for result in listed if result["slug"] == item.slug]
    return [detail["file"], in_list]


def csv_link(client, item) -> str:
    text = body(client.get(reverse("resources:export_csv"))).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    [link] = [row["file_url"] for row in rows if row["slug"] == item.slug]
    return link


def oai_link(client, item) -> str:
    response = client.get(
        reverse("opendata:oai"), {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
    )
    root = etree.fromstring(body(response))
    for record in root.iter("{http://www.openarchives.org/OAI/2.0/}record"):
        identifiers = [element.text for element in record.iter(f"{DC}identifier")]
        if item.get_absolute_url() in " ".join(identifiers):
            [link] = [value for value in identifiers if "/files/" in value]
            return link
    raise AssertionError(f"no OAI-PMH record for {item.slug}")


def my_item_links(client, item, submitter) -> list[str]:
    """Return the links of the submitter's page: beside the item's state and in its answers."""
    client.force_login(submitter)
    page = client.get(reverse("submission:item", args=[item.pk])).content.decode()
    client.logout()
    links = re.findall(r'<a href="([^"]+)"[^>]*>Download the file</a>', page)
    assert links, "the submitter's page links to no file"
    return [html.unescape(link) for link in links]


@pytest.mark.parametrize(
    "slug",
    [
        "trafficking-report",
        # A title of digits alone gives a slug that looks like an item number: the file's
        # link must still lead to this item's file, not to the item with that number.
        "2030",
    ],
)
def test_every_channel_links_to_a_download_that_sends_the_file(client, submitter, slug):
    ResourceFactory(title="Another item", status=Status.PUBLISHED)
    item = with_file(slug, submitter)
    api_detail, api_list = api_links(client, item)
    links = [
        ("item page", item_page_link(client, item)),
        ("embedded metadata", metadata_link(client, item)),
        ("API detail", api_detail),
        ("API list", api_list),
        ("CSV export", csv_link(client, item)),
        ("OAI-PMH record", oai_link(client, item)),
        *(("submitter's page", link) for link in my_item_links(client, item, submitter)),
    ]
    expected = reverse("files:download", args=[item.pk])
    for place, link in links:
        assert link.removeprefix("http://testserver") == expected, place
        response = client.get(link)
        assert response.status_code == 200, place
        assert body(response) == MINIMAL_PDF, place
