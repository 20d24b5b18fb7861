"""Check /sitemap.xml (published items with lastmod, every landing page) and /robots.txt."""

import datetime
from urllib.parse import urlsplit

import pytest
from lxml import etree

from resources.models import Kind, Resource, Status
from resources.opendata.sitemaps import ResourceSitemap
from taxonomy.models import Country, DocumentType, GuidingPrinciple, Objective, Region
from tests.factories import ResourceFactory

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ORIGIN = "http://testserver"
PREFIXES = ("/ar/", "/zh-hans/", "/fr/", "/ru/", "/es/")


def english(urls) -> dict:
    """Keep the English versions, at the addresses the hub has always had."""
    return {
        url: value
        for url, value in urls.items()
        if not url.startswith(tuple(ORIGIN + prefix for prefix in PREFIXES))
    }


def fetch(client, url: str = "/sitemap.xml") -> etree._Element:
    """Fetch a sitemap document and parse it strictly."""
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    return etree.fromstring(response.content)


def entries(root) -> dict[str, str | None]:
    """Map each URL of a urlset to its lastmod."""
    assert root.tag == f"{SITEMAP}urlset"
    return {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in root.iterfind(f"{SITEMAP}url")
    }


def landing_pages() -> set[str]:
    pages = {"/", "/resources/", "/objectives/"}
    pages |= {f"/objectives/{objective.code}/" for objective in Objective.objects.all()}
    pages |= {f"/principles/{principle.slug}/" for principle in GuidingPrinciple.objects.all()}
    pages |= {f"/regions/{region.slug}/" for region in Region.objects.all()}
    pages |= {f"/countries/{country.iso3}/" for country in Country.objects.all()}
    pages |= {f"/types/{document_type.slug}/" for document_type in DocumentType.objects.all()}
    return {ORIGIN + page for page in pages}


@pytest.fixture
def items(db):
    published = [ResourceFactory(kind=kind) for kind in Kind.values]
    hidden = [
        ResourceFactory(title="Draft", status=Status.DRAFT),
        ResourceFactory(title="In review", status=Status.IN_REVIEW),
        ResourceFactory(title="Archived", status=Status.ARCHIVED),
    ]
    Resource.objects.filter(pk=published[0].pk).update(
        updated_at=datetime.datetime(2024, 3, 5, 6, 7, 8, 999, tzinfo=datetime.UTC)
    )
    return {"published": published, "hidden": hidden}


def test_sitemap_lists_published_items_with_lastmod_and_every_landing_page(client, items):
    urls = english(entries(fetch(client)))
    item_urls = {
        url
        for url in urls
        if url.startswith(ORIGIN + "/resources/") and url != ORIGIN + "/resources/"
    }
    assert item_urls == {ORIGIN + item.get_absolute_url() for item in items["published"]}
    for item in Resource.objects.published():
        assert urls[ORIGIN + item.get_absolute_url()] == (
            item.updated_at.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        )
    assert urls[ORIGIN + items["published"][0].get_absolute_url()] == "2024-03-05T06:07:08Z"
    assert set(urls) - item_urls == landing_pages()
    assert len(urls) == len(item_urls) + len(landing_pages())


def test_sitemap_leaves_out_every_unpublished_item(client, items):
    body = client.get("/sitemap.xml").content.decode()
    for item in items["hidden"]:
        assert item.slug not in body


def test_sitemap_urls_answer(client, items):
    """Every item page, and the first page of each kind of landing page, answers 200."""
    checked = set()
    for url in english(entries(fetch(client))):
        path = urlsplit(url).path
        section = path.split("/")[1]
        if section == "resources" or section not in checked:
            checked.add(section)
            assert client.get(path).status_code == 200, path
    assert checked == {"", "resources", "objectives", "principles", "regions", "countries", "types"}


def test_a_large_catalogue_gets_a_sitemap_index(client, items, monkeypatch):
    monkeypatch.setattr(ResourceSitemap, "limit", 4 * len(PREFIXES + ("/",)))
    extra = [ResourceFactory() for _ in range(4)]
    published = {ORIGIN + item.get_absolute_url() for item in [*items["published"], *extra]}

    index = fetch(client)
    assert index.tag == f"{SITEMAP}sitemapindex"
    locations = [sitemap.findtext(f"{SITEMAP}loc") for sitemap in index]
    resource_pages = [loc for loc in locations if "section=resources" in loc]
    assert len(resource_pages) == 3  # ten published items, four per file
    assert all(
        sitemap.findtext(f"{SITEMAP}lastmod")
        for sitemap in index
        if "section=resources" in sitemap.findtext(f"{SITEMAP}loc")
    )

    found: list[str] = []
    for location in locations:
        parts = urlsplit(location)
        assert f"{parts.scheme}://{parts.netloc}" == ORIGIN
        urls = english(entries(fetch(client, f"{parts.path}?{parts.query}")))
        if "section=resources" in location:
            assert 0 < len(urls) <= 4
            assert all(urls.values())
            found += urls
        else:
            found += [url for url in urls if url in published]
    assert sorted(found) == sorted(published)


@pytest.mark.parametrize(
    "query",
    [
        "?section=nothing",
        "?section=resources&p=9",
        "?section=resources&p=abc",
        "?section=resources&p=0",
        "?p=2",
        "?section=resources&p=1.5",
        "?section=%00",
    ],
)
def test_a_missing_sitemap_file_is_not_found(client, items, query):
    assert client.get("/sitemap.xml" + query).status_code == 404


def test_one_section_file_can_be_fetched_directly(client, items):
    urls = entries(fetch(client, "/sitemap.xml?section=resources&p=1"))
    assert set(english(urls)) == {ORIGIN + item.get_absolute_url() for item in items["published"]}
    assert len(urls) == len(items["published"]) * (len(PREFIXES) + 1)


def alternates(entry) -> dict[str, str]:
    return {
        link.get("hreflang"): link.get("href")
        for link in entry.iterfind(f"{XHTML}link")
        if link.get("rel") == "alternate"
    }


def test_every_page_is_listed_in_each_language_with_all_its_versions(client, items):
    root = fetch(client)
    item = items["published"][1]
    path = item.get_absolute_url()
    versions = {
        "en": ORIGIN + path,
        "fr": f"{ORIGIN}/fr{path}",
        "es": f"{ORIGIN}/es{path}",
        "ar": f"{ORIGIN}/ar{path}",
        "ru": f"{ORIGIN}/ru{path}",
        "zh-Hans": f"{ORIGIN}/zh-hans{path}",
        "x-default": ORIGIN + path,
    }
    listed = {entry.findtext(f"{SITEMAP}loc"): entry for entry in root.iterfind(f"{SITEMAP}url")}
    for tag, location in versions.items():
        assert alternates(listed[location]) == versions, tag
    assert alternates(listed[f"{ORIGIN}/fr/objectives/"])["x-default"] == f"{ORIGIN}/objectives/"
    assert client.get(f"/zh-hans{path}").status_code == 200


def test_robots_txt_keeps_crawlers_out_of_the_private_areas_in_every_language(client, db):
    lines = client.get("/robots.txt").content.decode().splitlines()
    for prefix in ("/fr/review/", "/ar/my/", "/zh-hans/submit/", "/es/accounts/", "/ru/review/"):
        assert f"Disallow: {prefix}" in lines
    assert "Disallow: /fr/" not in lines


def test_robots_txt_keeps_crawlers_out_of_private_areas_and_names_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for prefix in ("/review/", "/my/", "/submit/", "/accounts/", "/admin/"):
        assert f"Disallow: {prefix}" in lines
    assert "Disallow: /" not in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
