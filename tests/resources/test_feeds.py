"""RSS and Atom feeds carry the published items of any browse result, read by feedparser."""

import datetime
import html

import feedparser
import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from resources import feeds
from resources.models import Kind, Resource, Status
from tests.factories import OrganizationFactory, ResourceFactory
from tests.fuzz.strategies import HOSTILE_QUERIES
from tests.results import result_titles

pytestmark = pytest.mark.django_db

FEEDS = ["/resources/feed.rss", "/resources/feed.atom"]


def parse(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, response.content
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return response, parsed


def published_at(days_ago: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days_ago)


@pytest.fixture
def catalogue():
    iom = OrganizationFactory(
        name="International Organization for Migration", acronym="IOM", slug="iom"
    )
    items = {
        "nigeria": ResourceFactory(
            title="Nigeria return guidance",
            countries=["NGA"],
            publishers=[iom],
            objectives=["10", "7"],
            published_at=published_at(3),
            publication_year=2019,
        ),
        "thailand": ResourceFactory(
            title="Thai fishing fleets",
            countries=["THA"],
            published_at=published_at(1),
            publication_year=2024,
        ),
        "video": ResourceFactory(
            title="Video on recruitment",
            kind=Kind.VIDEO,
            document_type=None,
            countries=["NGA"],
            published_at=published_at(2),
            publication_year=2021,
        ),
    }
    for status in Status.values:
        if status != Status.PUBLISHED:
            ResourceFactory(title=f"Hidden {status}", status=status, countries=["NGA"])
    return items


@pytest.mark.parametrize("url", FEEDS)
def test_feed_lists_published_items_newest_first(client, catalogue, url):
    response, parsed = parse(client, url)
    assert [entry.title for entry in parsed.entries] == [
        "Thai fishing fleets",
        "Video on recruitment",
        "Nigeria return guidance",
    ]
    assert not any("Hidden" in entry.title for entry in parsed.entries)
    nigeria = parsed.entries[2]
    assert nigeria.link == "http://testserver/resources/nigeria-return-guidance/"
    assert nigeria.author == "International Organization for Migration"
    assert "@" not in response.content.decode()
    assert {tag.term for tag in nigeria.tags} >= {
        "10 - Eradicate trafficking",
        "Document",
        "Report",
        "7 - Reduce vulnerabilities",
    }
    assert nigeria.published_parsed[:3] == catalogue["nigeria"].published_at.utctimetuple()[:3]
    assert "A resource on migration governance." in nigeria.summary


def test_rss_and_atom_have_their_own_content_types(client, catalogue):
    assert client.get(FEEDS[0])["Content-Type"].startswith("application/rss+xml")
    assert client.get(FEEDS[1])["Content-Type"].startswith("application/atom+xml")
    assert parse(client, FEEDS[0])[1].version == "rss20"
    assert parse(client, FEEDS[1])[1].version == "atom10"


@pytest.mark.parametrize("url", FEEDS)
def test_feed_applies_every_browse_parameter(client, catalogue, url):
    _, parsed = parse(client, f"{url}?country=NGA")
    assert [entry.title for entry in parsed.entries] == [
        "Video on recruitment",
        "Nigeria return guidance",
    ]
    _, parsed = parse(client, f"{url}?country=NGA&kind=document")
    assert [entry.title for entry in parsed.entries] == ["Nigeria return guidance"]
    _, parsed = parse(client, f"{url}?objective=7")
    assert [entry.title for entry in parsed.entries] == ["Nigeria return guidance"]
    _, parsed = parse(client, f"{url}?year_from=2020&year_to=2022")
    assert [entry.title for entry in parsed.entries] == ["Video on recruitment"]
    _, parsed = parse(client, f"{url}?q=fishing")
    assert [entry.title for entry in parsed.entries] == ["Thai fishing fleets"]
    _, parsed = parse(client, f"{url}?publisher=iom")
    assert [entry.title for entry in parsed.entries] == ["Nigeria return guidance"]


@pytest.mark.parametrize("url", FEEDS)
def test_explicit_sort_follows_the_browse_page(client, catalogue, url):
    _, parsed = parse(client, f"{url}?sort=title")
    assert [entry.title for entry in parsed.entries] == [
        "Nigeria return guidance",
        "Thai fishing fleets",
        "Video on recruitment",
    ]
    _, parsed = parse(client, f"{url}?sort=oldest")
    assert parsed.entries[0].title == "Nigeria return guidance"


@pytest.mark.parametrize("url", FEEDS)
def test_feed_title_and_links_name_the_filters(client, catalogue, url):
    _, parsed = parse(client, f"{url}?country=NGA&page=2")
    assert "Nigeria" in parsed.feed.title
    assert parsed.feed.link == "http://testserver/resources/?country=NGA"


@pytest.mark.parametrize("url", FEEDS)
def test_feed_holds_at_most_fifty_items(client, url):
    for number in range(feeds.FEED_ITEMS + 3):
        ResourceFactory(title=f"Item {number}")
    _, parsed = parse(client, url)
    assert len(parsed.entries) == feeds.FEED_ITEMS


@pytest.mark.parametrize("url", FEEDS)
def test_markup_and_control_characters_in_titles_survive(client, url):
    item = ResourceFactory(title="Costs & <benefits>", summary="Line\x0bone\n<b>two</b> & more")
    Resource.objects.filter(pk=item.pk).update(title="Costs & <benefits>\x01")
    _, parsed = parse(client, url)
    [entry] = parsed.entries
    title = html.unescape(entry.title) if entry.title_detail.type == "text/html" else entry.title
    assert title == "Costs & <benefits>"
    assert "&lt;b&gt;two&lt;/b&gt; &amp; more" in entry.summary
    assert "<b>" not in entry.summary


@pytest.mark.parametrize("url", FEEDS)
@pytest.mark.parametrize(
    "query",
    ["country=XXX", "objective=99", "year_from=abc", "sort=%3Cb%3E", "kind=poem", "type=novel"],
)
def test_invalid_parameters_are_a_clear_400(client, catalogue, url, query):
    response = client.get(f"{url}?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert "could not be used" in response.content.decode()


@pytest.mark.parametrize("url", FEEDS)
@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_input_never_fails(client, catalogue, url, query):
    response = client.get(f"{url}?{query}")
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert not feedparser.parse(response.content).bozo


PAGES = ["/resources/?country=NGA&page=2", "/countries/NGA/", "/types/report/?country=THA"]


@pytest.mark.parametrize("url", PAGES)
def test_browse_and_landing_pages_advertise_their_feeds(client, catalogue, url):
    page = client.get(url).content.decode()
    query = {
        "/resources/?country=NGA&page=2": "?country=NGA",
        "/countries/NGA/": "?country=NGA",
        "/types/report/?country=THA": "?country=THA&amp;type=report",
    }[url]
    assert (
        f'<link rel="alternate" type="application/rss+xml" title="These resources (RSS)" '
        f'href="/resources/feed.rss{query}">'
    ) in page
    assert (
        f'<link rel="alternate" type="application/atom+xml" title="These resources (Atom)" '
        f'href="/resources/feed.atom{query}">'
    ) in page
    assert f'href="/resources/feed.rss{query}" type="application/rss+xml">RSS</a>' in page
    assert f'href="/resources/feed.atom{query}" type="application/atom+xml">Atom</a>' in page


def test_objective_page_advertises_its_feed(client, catalogue):
    page = client.get("/objectives/10/").content.decode()
    assert (
        'type="application/rss+xml" title="These resources (RSS)" '
        'href="/resources/feed.rss?objective=10"'
    ) in page
    assert 'href="/resources/feed.atom?objective=10" type="application/atom+xml"' in page
    _, parsed = parse(client, "/resources/feed.rss?objective=10")
    assert len(parsed.entries) == 3


def test_advertised_feed_carries_what_the_page_shows(client, catalogue):
    page = client.get("/types/report/?country=NGA")
    shown = result_titles(page.context["browse"].page.object_list)
    _, parsed = parse(client, "/resources/feed.atom?country=NGA&type=report")
    assert sorted(entry.title for entry in parsed.entries) == sorted(shown)


def test_one_client_gets_429_after_its_feeds_while_another_still_gets_200(client, settings):
    caches["limits"].clear()
    settings.HUB_RATE_LIMITS = {**settings.HUB_RATE_LIMITS, "feed": "3/h"}
    ResourceFactory(title="Nigeria return guidance")
    for route in ("resources:feed_rss", "resources:feed_atom", "resources:feed_rss"):
        assert client.get(reverse(route)).status_code == 200  # both formats count together
    for route in ("resources:feed_rss", "resources:feed_atom"):
        refused = client.get(reverse(route), {"country": "NGA"})
        assert refused.status_code == 429
        assert 0 < int(refused["Retry-After"]) <= 3600
    other = client.get(reverse("resources:feed_atom"), REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 200
    assert "Nigeria return guidance" in other.content.decode()
