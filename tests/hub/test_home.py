"""The home page offers what is there: countries with resources, newest items, counts read aloud."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from resources.facets.current import current_index
from resources.models import Resource, Status
from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def home(client) -> str:
    return client.get(reverse("home")).content.decode()


def country_options(html: str) -> list[str]:
    start = html.index('<select id="home-country"')
    picker = html[start : html.index("</select>", start)]
    return re.findall(r"<option[^>]*>([^<]*)</option>", picker)


def test_the_country_picker_starts_with_a_prompt_and_offers_countries_with_resources(client):
    ResourceFactory(countries=["NGA"])
    ResourceFactory(countries=["NGA", "THA"])
    ResourceFactory(countries=["FRA"], status=Status.SUBMITTED)
    options = country_options(home(client))
    assert options == ["Choose a country", "Nigeria (2 resources)", "Thailand (1 resource)"]


def test_choosing_no_country_is_refused_by_the_browser_not_answered_with_everything(client):
    ResourceFactory(countries=["NGA"])
    html = home(client)
    assert re.search(
        r'<select id="home-country" name="country" required>\s*'
        r'<option value="" selected>Choose a country</option>',
        html,
    )


def test_latest_resources_are_the_newest_first_as_browse_sorted_newest_continues(client):
    for year, title in [(2019, "Older guide"), (2024, "Newest report"), (2021, "Middle study")]:
        ResourceFactory(title=title, publication_year=year)
    html = home(client)
    latest = html[html.index('id="latest-heading"') :]
    found = [latest.index(title) for title in ("Newest report", "Middle study", "Older guide")]
    assert found == sorted(found)
    newest = client.get(reverse("resources:browse"), {"sort": "newest"}).content.decode()
    assert (
        newest.index("Newest report") < newest.index("Middle study") < newest.index("Older guide")
    )


def test_counts_are_read_aloud_with_the_right_plural(client):
    ResourceFactory(objectives=["10"], countries=["NGA"])
    ResourceFactory(objectives=["10", "7"], countries=["NGA"])
    html = home(client)
    assert '<span class="visually-hidden">1 resource</span>' in html
    assert '<span class="visually-hidden">2 resources</span>' in html
    assert "<strong>2</strong> published resources" in html
    assert "<strong>1</strong> country covered" in html


def test_the_entry_points_are_ready_for_the_next_visitor_after_a_publication(client):
    with translation.override("en"):
        home(client)
        waiting = ResourceFactory(countries=["THA"], status=Status.SUBMITTED)
        Resource.objects.filter(pk=waiting.pk).update(status=Status.PUBLISHED)
        index = current_index()
        ready = index.rendered.peek(("fragment", "home-entry-points", "en"))
    assert ready is not None and "Thailand (1 resource)" in ready
    assert "Thailand (1 resource)" in home(client)
