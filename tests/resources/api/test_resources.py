"""Check that the resource endpoints give every public field, and only published items."""

import datetime

import pytest
from django.utils import timezone

from resources.models import Kind, Resource, Scope, Status
from taxonomy.models import Keyword
from tests.factories import OrganizationFactory, ResourceFactory, UserFactory

pytestmark = pytest.mark.django_db

PUBLIC_FIELDS = {
    "slug",
    "url",
    "api_url",
    "kind",
    "title",
    "summary",
    "link",
    "file",
    "publication",
    "publishers",
    "authors",
    "languages",
    "language_editions",
    "document_type",
    "objectives",
    "primary_objective",
    "principles",
    "scope",
    "regions",
    "countries",
    "actions",
    "keywords",
    "implemented_by",
    "practice_type",
    "takeaway",
    "sdgs",
    "period_start",
    "period_end",
    "starts_at",
    "ends_at",
    "location",
    "is_online",
    "implementers",
    "funding",
    "duration",
    "duration_seconds",
    "embed_url",
    "published_at",
    "updated_at",
}


@pytest.fixture
def practice():
    submitter = UserFactory(username="partner-one", email="partner.one@example.org")
    iom = OrganizationFactory(
        name="International Organization for Migration", acronym="IOM", is_un_entity=True
    )
    submitter_org = OrganizationFactory(name="Submitting NGO", acronym="SNGO")
    keyword = Keyword.objects.create(name="Forced criminality", slug="forced-criminality")
    resource = ResourceFactory(
        title="Shelter practice in Lagos",
        kind=Kind.PRACTICE,
        scope=Scope.NATIONAL,
        summary="A shelter for survivors.",
        url="https://example.org/practice",
        publication_year=2024,
        publication_month=3,
        publication_day=5,
        authors="Ada Obi\n\nJohn Doe\n",
        objectives=["10", "7"],
        countries=["NGA", "GHA"],
        regions=["africa"],
        principles=["human-rights", "child-sensitive"],
        languages=["en"],
        actions=["b", "a"],
        publishers=[iom],
        keywords=[keyword],
        implemented_by="Lagos State",
        practice_type="Protection",
        takeaway="Works.",
        sdgs="5, 8; 16",
        period_start=datetime.date(2020, 1, 1),
        period_end=datetime.date(2023, 12, 31),
        submitted_by=submitter,
        submitter_organization=submitter_org,
    )
    french = ResourceFactory(title="Pratique d'accueil à Lagos", languages=["fr"])
    draft = ResourceFactory(title="Draft Spanish edition", languages=["es"], status=Status.DRAFT)
    resource.language_editions.set([french, draft])
    return resource


def test_detail_gives_every_public_field(client, practice):
    response = client.get(f"/api/resources/{practice.slug}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == PUBLIC_FIELDS
    assert data["slug"] == practice.slug
    assert data["url"] == f"http://testserver/resources/{practice.slug}/"
    assert data["api_url"] == f"http://testserver/api/resources/{practice.slug}/"
    assert data["kind"] == {"code": "practice", "label": "Practice"}
    assert data["title"] == "Shelter practice in Lagos"
    assert data["summary"] == "A shelter for survivors."
    assert data["link"] == "https://example.org/practice"
    assert data["file"] is None
    assert data["publication"] == {"year": 2024, "month": 3, "day": 5, "display": "5 March 2024"}
    assert data["publishers"] == [
        {
            "slug": "international-organization-for-migration",
            "name": "International Organization for Migration",
            "acronym": "IOM",
            "is_un_entity": True,
        }
    ]
    assert data["authors"] == ["Ada Obi", "John Doe"]
    assert data["languages"] == [{"code": "en", "name": "English"}]
    french = Resource.objects.get(title__startswith="Pratique")
    assert data["language_editions"] == [
        {
            "slug": french.slug,
            "title": french.title,
            "url": f"http://testserver/resources/{french.slug}/",
            "api_url": f"http://testserver/api/resources/{french.slug}/",
            "languages": [{"code": "fr", "name": "French"}],
        }
    ]
    assert data["document_type"] == {"slug": "report", "name": "Report"}
    assert [objective["code"] for objective in data["objectives"]] == ["7", "10"]
    assert set(data["objectives"][0]) == {"code", "short_name", "title"}
    assert data["primary_objective"] == "10"
    assert {principle["slug"] for principle in data["principles"]} == {
        "human-rights",
        "child-sensitive",
    }
    assert data["scope"] == {"code": "national", "label": "National"}
    assert data["regions"] == [{"slug": "africa", "name": "Africa"}]
    assert data["countries"] == [
        {"iso3": "GHA", "iso2": "GH", "name": "Ghana"},
        {"iso3": "NGA", "iso2": "NG", "name": "Nigeria"},
    ]
    assert [(action["objective"], action["letter"]) for action in data["actions"]] == [
        ("10", "a"),
        ("10", "b"),
    ]
    assert data["actions"][0]["text"]
    assert data["keywords"] == [{"slug": "forced-criminality", "name": "Forced criminality"}]
    assert data["implemented_by"] == "Lagos State"
    assert data["practice_type"] == "Protection"
    assert data["takeaway"] == "Works."
    assert data["sdgs"] == [5, 8, 16]
    assert data["period_start"] == "2020-01-01"
    assert data["period_end"] == "2023-12-31"
    for empty in (
        "starts_at",
        "ends_at",
        "location",
        "implementers",
        "funding",
        "duration",
        "duration_seconds",
        "embed_url",
    ):
        assert data[empty] is None, empty
    assert data["is_online"] is False
    assert data["published_at"] is not None
    assert data["updated_at"] is not None


def test_no_private_field_or_identity_ever_appears(client, practice):
    for url in (f"/api/resources/{practice.slug}/", "/api/resources/", "/api/organizations/"):
        body = client.get(url).content.decode()
        for secret in (
            "partner.one@example.org",
            "partner-one",
            "Submitting NGO",
            "submitted_by",
            "submitter",
            "search_text",
            "search_vector",
            '"status"',
            "Draft Spanish edition",
            "@example.org",
        ):
            assert secret not in body, (url, secret)


def test_event_and_video_fields(client):
    starts = timezone.make_aware(datetime.datetime(2025, 6, 1, 9, 0))
    event = ResourceFactory(
        kind=Kind.EVENT,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=8),
        location="Vienna",
        is_online=True,
    )
    video = ResourceFactory(
        kind=Kind.VIDEO,
        duration=datetime.timedelta(minutes=3, seconds=5),
        embed_url="https://video.example.org/embed/1",
        document_type=None,
        objectives=[],
    )
    data = client.get(f"/api/resources/{event.slug}/").json()
    assert data["starts_at"] == "2025-06-01T09:00:00Z"
    assert data["ends_at"] == "2025-06-01T17:00:00Z"
    assert data["location"] == "Vienna"
    assert data["is_online"] is True
    assert data["sdgs"] == []
    data = client.get(f"/api/resources/{video.slug}/").json()
    assert data["duration_seconds"] == 185
    assert data["duration"] == "P0DT00H03M05S"
    assert data["embed_url"] == "https://video.example.org/embed/1"
    assert data["document_type"] is None
    assert data["objectives"] == []
    assert data["primary_objective"] is None


def test_a_file_links_to_the_download_view_and_is_null_without_one(client):
    resource = ResourceFactory(file="private/resources/abc.pdf")
    without = ResourceFactory()
    data = client.get(f"/api/resources/{resource.slug}/").json()
    assert data["file"] == f"http://testserver/files/{resource.pk}/"
    assert client.get(f"/api/resources/{without.slug}/").json()["file"] is None


def test_list_results_have_the_same_shape_as_the_detail(client, catalogue):
    response = client.get("/api/resources/")
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"count", "next", "previous", "results", "facets"}
    assert data["count"] == len(catalogue)
    assert data["next"] is None and data["previous"] is None
    first = data["results"][0]
    assert set(first) == PUBLIC_FIELDS
    assert client.get(first["api_url"]).json() == first


@pytest.mark.parametrize("status", [s for s in Status.values if s != Status.PUBLISHED])
def test_an_item_that_is_not_published_is_nowhere(client, status):
    hidden = ResourceFactory(
        title="Hidden item on trafficking",
        status=status,
        countries=["NGA"],
        publishers=[OrganizationFactory()],
    )
    ResourceFactory(title="Visible item", countries=["NGA"])
    assert client.get(f"/api/resources/{hidden.slug}/").status_code == 404
    for url in (
        "/api/resources/",
        "/api/resources/?q=hidden",
        "/api/resources/?country=NGA",
        f"/api/resources/?publisher={hidden.publishers.get().slug}",
    ):
        body = client.get(url).content.decode()
        assert "Hidden item" not in body and hidden.slug not in body, url


def test_unknown_item_is_a_json_404(client, db):
    for url in (
        "/api/resources/no-such-item/",
        "/api/resources/%00/",
        "/api/nothing/here/",
        "/api/resources/%0A/",
        "/api/resources/a%0Ab/",
        "/api/resources/%C3%A9/",
        "/api/resources/%2F/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/json"
        assert response.json()["detail"]


def test_missing_slash_redirects_like_the_rest_of_the_site(client, db):
    response = client.get("/api/resources")
    assert response.status_code == 301
    assert response["Location"] == "/api/resources/"


def test_pagination_and_page_size(client, db):
    for number in range(25):
        ResourceFactory(title=f"Item {number:02d}")
    data = client.get("/api/resources/?sort=title").json()
    assert data["count"] == 25
    assert len(data["results"]) == 20
    assert data["next"] == "http://testserver/api/resources/?page=2&sort=title"
    assert data["previous"] is None
    second = client.get(data["next"]).json()
    assert [item["title"] for item in second["results"]] == [f"Item {n}" for n in range(20, 25)]
    assert second["previous"] == "http://testserver/api/resources/?sort=title"
    assert len(client.get("/api/resources/?page_size=5").json()["results"]) == 5
    assert len(client.get("/api/resources/?page_size=1000").json()["results"]) == 25
    assert len(client.get("/api/resources/?page_size=abc").json()["results"]) == 20
    beyond = client.get("/api/resources/?page=3")
    assert beyond.status_code == 404
    assert beyond.json()["detail"]


def test_only_get_is_allowed(client, catalogue):
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)("/api/resources/", {}, content_type="application/json")
        assert response.status_code == 405, method
        assert response.json()["detail"]


def test_root_lists_every_endpoint(client, db):
    data = client.get("/api/").json()
    for name, url in data.items():
        response = client.get(url)
        assert response.status_code == 200, name


def test_a_term_on_many_items_is_described_the_same_on_each(client):
    for number in range(3):
        ResourceFactory(title=f"Item {number}", countries=["NGA"], objectives=["10", "7"])
    items = client.get("/api/resources/?country=NGA").json()["results"]
    assert len(items) == 3
    assert all(
        item["countries"] == [{"iso3": "NGA", "iso2": "NG", "name": "Nigeria"}] for item in items
    )
    assert all(
        [objective["code"] for objective in item["objectives"]] == ["7", "10"] for item in items
    )
