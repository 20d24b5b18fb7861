"""Item pages describe themselves for machines: Highwire, Dublin Core, Open Graph, JSON-LD."""

import datetime
from html.parser import HTMLParser

import extruct
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resources.citations import Citation
from resources.metadata import item_metadata
from resources.models import Kind, Status
from resources.selectors import resource_get_published
from taxonomy.models import DocumentType, Keyword
from tests.factories import OrganizationFactory, ResourceFactory

pytestmark = pytest.mark.django_db


class HeadParser(HTMLParser):
    """Collect the head's meta tags, links and scripts as a browser would read them."""

    def __init__(self):
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.links: list[dict] = []
        self.scripts: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta" and ("name" in attributes or "property" in attributes):
            key = attributes.get("name") or attributes.get("property")
            self.meta.append((key, attributes.get("content", "")))
        elif tag == "link":
            self.links.append(attributes)
        elif tag == "script":
            self.scripts.append(attributes.get("type"))

    def values(self, name: str) -> list[str]:
        return [content for key, content in self.meta if key == name]


def page(client, resource):
    response = client.get(resource.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    head = HeadParser()
    head.feed(html)
    data = extruct.extract(
        html, base_url="http://testserver/", syntaxes=["json-ld", "opengraph"], uniform=True
    )
    return html, head, data


@pytest.fixture
def iom():
    return OrganizationFactory(
        name="International Organization for Migration",
        acronym="IOM",
        slug="iom",
        website="https://www.iom.int",
    )


@pytest.fixture
def report(iom):
    return ResourceFactory(
        title="Human trafficking in migration pathways",
        slug="wmr-chapter-10",
        authors="Maximilian Pottler\nClaire Pütz",
        publishers=[iom],
        languages=["en", "fr"],
        objectives=["10", "7"],
        publication_year=2021,
        publication_month=12,
        publication_day=1,
        keywords=[Keyword.objects.create(name="forced labour", slug="forced-labour")],
        url="https://example.org/wmr",
        summary="Trafficking along migration routes.",
    )


def test_highwire_tags_describe_the_item(client, report):
    _, head, _ = page(client, report)
    assert head.values("citation_title") == ["Human trafficking in migration pathways"]
    assert head.values("citation_author") == ["Maximilian Pottler", "Claire Pütz"]
    assert head.values("citation_publication_date") == ["2021/12/01"]
    assert head.values("citation_publisher") == ["International Organization for Migration"]
    assert head.values("citation_technical_report_institution") == [
        "International Organization for Migration"
    ]
    assert head.values("citation_language") == ["en", "fr"]
    assert head.values("citation_pdf_url") == []


def test_publication_date_is_the_year_when_day_is_unknown(client):
    item = ResourceFactory(publication_year=2020, publication_month=6)
    _, head, _ = page(client, item)
    assert head.values("citation_publication_date") == ["2020"]
    assert head.values("DC.date") == ["2020-06"]


def test_publishers_are_never_authors(client, iom):
    item = ResourceFactory(publishers=[iom], authors="")
    _, head, data = page(client, item)
    assert head.values("citation_author") == []
    assert head.values("DC.creator") == []
    assert "author" not in data["json-ld"][0]
    assert head.values("citation_publisher") == ["International Organization for Migration"]


def test_pdf_url_points_to_the_public_download(client):
    item = ResourceFactory(file="resources/2021/report.pdf")
    _, head, _ = page(client, item)
    [pdf_url] = head.values("citation_pdf_url")
    assert pdf_url.startswith("http://testserver/")
    assert "/media/" not in pdf_url


def test_dublin_core_tags_describe_the_item(client, report):
    _, head, _ = page(client, report)
    assert {"rel": "schema.DC", "href": "http://purl.org/dc/elements/1.1/"} in head.links
    assert head.values("DC.title") == ["Human trafficking in migration pathways"]
    assert head.values("DC.creator") == ["Maximilian Pottler", "Claire Pütz"]
    assert head.values("DC.publisher") == ["International Organization for Migration"]
    assert head.values("DC.date") == ["2021-12-01"]
    assert head.values("DC.language") == ["en", "fr"]
    assert head.values("DC.type") == ["Text"]
    assert head.values("DC.identifier") == ["http://testserver/resources/wmr-chapter-10/"]
    assert head.values("DC.description") == ["Trafficking along migration routes."]
    assert set(head.values("DC.subject")) == {
        "10 - Eradicate trafficking",
        "7 - Reduce vulnerabilities",
        "forced labour",
    }


def test_open_graph_and_canonical_link(client, report):
    _, head, data = page(client, report)
    [graph] = data["opengraph"]
    assert graph["og:title"] == "Human trafficking in migration pathways"
    assert graph["og:description"] == "Trafficking along migration routes."
    assert graph["@type"] == "article"
    assert graph["og:url"] == "http://testserver/resources/wmr-chapter-10/"
    assert graph["og:site_name"] == "GCM Objective 10 Knowledge Hub"
    assert {"rel": "canonical", "href": "http://testserver/resources/wmr-chapter-10/"} in head.links


def test_report_json_ld(client, report):
    _, head, data = page(client, report)
    [item] = data["json-ld"]
    assert item["@context"] == "https://schema.org"
    assert item["@type"] == "Report"
    assert item["name"] == "Human trafficking in migration pathways"
    assert item["description"] == "Trafficking along migration routes."
    assert item["datePublished"] == "2021-12-01"
    assert item["url"] == "http://testserver/resources/wmr-chapter-10/"
    assert item["inLanguage"] == ["en", "fr"]
    assert item["publisher"] == [
        {
            "@type": "Organization",
            "alternateName": "IOM",
            "name": "International Organization for Migration",
            "url": "https://www.iom.int",
        }
    ]
    assert item["author"] == [
        {"@type": "Person", "name": "Maximilian Pottler"},
        {"@type": "Person", "name": "Claire Pütz"},
    ]
    assert head.scripts == ["application/ld+json"]


@pytest.mark.parametrize(
    ("document_type", "expected"),
    [
        ("journal-article", "ScholarlyArticle"),
        ("policy-brief", "Report"),
        ("working-paper", "Report"),
        ("resolution", "CreativeWork"),
        ("other", "CreativeWork"),
        (None, "Report"),
    ],
)
def test_document_json_ld_type_follows_the_document_type(client, document_type, expected):
    item = ResourceFactory(
        document_type=(DocumentType.objects.get(slug=document_type) if document_type else None)
    )
    assert page(client, item)[2]["json-ld"][0]["@type"] == expected


def test_online_event_json_ld(client, iom):
    item = ResourceFactory(
        kind=Kind.EVENT,
        document_type=None,
        publishers=[iom],
        is_online=True,
        url="https://example.org/webinar",
        starts_at=datetime.datetime(2024, 3, 5, 10, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2024, 3, 5, 12, tzinfo=datetime.UTC),
    )
    _, head, data = page(client, item)
    [event] = data["json-ld"]
    assert event["@type"] == "Event"
    assert event["startDate"] == "2024-03-05T10:00:00+00:00"
    assert event["endDate"] == "2024-03-05T12:00:00+00:00"
    assert event["location"] == {"@type": "VirtualLocation", "url": "https://example.org/webinar"}
    assert event["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert event["organizer"][0]["name"] == "International Organization for Migration"
    assert head.values("DC.type") == ["Event"]


def test_in_person_event_json_ld(client):
    item = ResourceFactory(
        kind=Kind.EVENT,
        document_type=None,
        location="Vienna, Austria",
        starts_at=datetime.datetime(2024, 3, 5, 10, tzinfo=datetime.UTC),
    )
    [event] = page(client, item)[2]["json-ld"]
    assert event["location"] == {
        "@type": "Place",
        "name": "Vienna, Austria",
        "address": "Vienna, Austria",
    }
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"


def test_video_json_ld(client):
    item = ResourceFactory(
        kind=Kind.VIDEO,
        document_type=None,
        duration=datetime.timedelta(minutes=12, seconds=5),
        embed_url="https://video.example.org/embed/1",
        publication_year=2023,
        publication_month=4,
        publication_day=2,
    )
    _, head, data = page(client, item)
    [video] = data["json-ld"]
    assert video["@type"] == "VideoObject"
    assert video["duration"] == "PT12M5S"
    assert video["embedUrl"] == "https://video.example.org/embed/1"
    assert video["uploadDate"] == "2023-04-02"
    assert data["opengraph"][0]["@type"] == "video.other"
    assert head.values("DC.type") == ["MovingImage"]


def test_training_json_ld_has_a_provider(client, iom):
    item = ResourceFactory(kind=Kind.TRAINING, document_type=None, publishers=[iom])
    [course] = page(client, item)[2]["json-ld"]
    assert course["@type"] == "Course"
    assert course["provider"][0]["name"] == "International Organization for Migration"


def test_project_json_ld(client, iom):
    item = ResourceFactory(
        kind=Kind.PROJECT,
        document_type=None,
        publishers=[iom],
        period_start=datetime.date(2015, 1, 1),
        period_end=datetime.date(2019, 12, 31),
    )
    [project] = page(client, item)[2]["json-ld"]
    assert project["@type"] == "Project"
    assert project["foundingDate"] == "2015-01-01"
    assert project["dissolutionDate"] == "2019-12-31"
    for key in ("name", "description", "datePublished", "publisher", "url"):
        assert key in project


def test_practice_json_ld_is_a_creative_work(client):
    item = ResourceFactory(kind=Kind.PRACTICE, document_type=None)
    assert page(client, item)[2]["json-ld"][0]["@type"] == "CreativeWork"


def test_hostile_text_cannot_break_out_of_the_head(client):
    title = '</script><script>alert(1)</script> "quoted" & <b>bold</b>'
    item = ResourceFactory(title=title, summary="</script><!-- -->", authors="<img src=x>")
    html, head, data = page(client, item)
    assert "<script>alert(1)" not in html
    assert "<img src=x>" not in html
    assert head.scripts == ["application/ld+json"]
    assert data["json-ld"][0]["name"] == title
    assert data["json-ld"][0]["description"] == "</script><!-- -->"
    assert head.values("citation_title") == [title]


def test_no_email_addresses_on_the_item_page(client, report):
    html, _, _ = page(client, report)
    assert "@example" not in html and "mailto:" not in html


@pytest.mark.parametrize("status", [s for s in Status.values if s != Status.PUBLISHED])
def test_unpublished_items_have_no_page(client, status):
    item = ResourceFactory(status=status)
    assert client.get(item.get_absolute_url()).status_code == 404


def test_embedded_metadata_and_cite_use_only_what_the_item_page_loads(
    rf, report, django_assert_num_queries
):
    resource = resource_get_published(slug=report.slug)
    request = rf.get(resource.get_absolute_url())
    with django_assert_num_queries(0):
        metadata = item_metadata(request, resource)
        citation = Citation(resource, base_url="http://testserver")
        citation.html()
    assert metadata.json_ld["@type"] == "Report"


def test_item_page_stays_within_its_query_budget(client, report):
    client.get(report.get_absolute_url())  # builds the facet index, as after any change
    with CaptureQueriesContext(connection) as context:
        assert client.get(report.get_absolute_url()).status_code == 200
    assert len(context.captured_queries) <= 15
