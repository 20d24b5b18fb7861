"""Every channel bounds the work a query asks for and names only public publishers."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resources.filters import MAX_PARAMETERS, MAX_VALUES_PER_PARAMETER
from resources.models import Status
from taxonomy.models import Country
from tests.factories import OrganizationFactory, ResourceFactory, UserFactory

pytestmark = pytest.mark.django_db

# Every channel that takes the browse parameters, and what it answers 400 with.
CHANNELS = [
    "/resources/",
    "/resources/facets/country/",
    "/types/report/",
    "/resources/feed.rss",
    "/resources/feed.atom",
    "/resources/export.csv",
    "/resources/export.ris",
    "/resources/export.bib",
    "/api/resources/",
]


@pytest.fixture
def countries():
    codes = list(
        Country.objects.exclude(iso3="NGA")
        .order_by("iso3")
        .values_list("iso3", flat=True)[: MAX_VALUES_PER_PARAMETER + 5]
    )
    for code in codes:
        ResourceFactory(title=f"Report on {code}", countries=[code, "NGA"])
    return codes


def query(pairs: list[tuple[str, str]]) -> str:
    return "&".join(f"{key}={value}" for key, value in pairs)


def comparable(body: str, slug: str) -> str:
    """Return a response without the slug asked for and the forms' one-time tokens."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", body.replace(slug, "…"))


def facet_links(html: str) -> list[str]:
    """The links to other results; not the page's language versions, which keep the address
    as written, each repeated pair once (tests/hub/test_i18n_addresses.py)."""
    html = re.sub(r'<nav class="language-switcher".*?</nav>', "", html, flags=re.S)
    return [unescape(link) for link in re.findall(r'href="(?:/resources/)?(\?[^"]*)"', html)]


# De-duplicated values --------------------------------------------------------------------


def test_a_repeated_value_counts_once_and_no_link_repeats_it(client, countries):
    response = client.get(
        "/resources/?"
        + query(
            [("country", code) for code in [countries[0], countries[0].lower(), countries[1]] * 5]
        )
    )
    assert response.status_code == 200
    html = response.content.decode()
    links = facet_links(html)
    assert links
    for link in links:
        for code in countries[:2]:
            assert link.count(f"country={code}") <= 1, link
    chips = response.context["browse"].chips
    assert [chip.value for chip in chips] == [
        Country.objects.get(iso3=code).name for code in countries[:2]
    ]


def test_repeated_countries_cost_no_more_than_choosing_them_once(client, countries):
    chosen = [("country", code) for code in countries[:10]]
    pages = {
        "plain": "/resources/",
        "once": f"/resources/?{query(chosen)}",
        "repeated": f"/resources/?{query(chosen * 25)}",
    }
    for path in pages.values():
        client.get(path)  # builds the facet index and renders the cards, as visits do
    responses, queries = {}, {}
    for name, path in pages.items():
        with CaptureQueriesContext(connection) as captured:
            responses[name] = client.get(path)
        queries[name] = len(captured)
    assert {response.status_code for response in responses.values()} == {200}
    assert facet_links(responses["repeated"].content.decode()) == facet_links(
        responses["once"].content.decode()
    )
    assert len(responses["repeated"].content) <= 2 * len(responses["plain"].content)
    # The one query more than a plain browse checks that the country codes exist.
    assert queries["repeated"] == queries["once"] <= queries["plain"] + 1


# Limits ----------------------------------------------------------------------------------


def test_the_limits_are_those_announced():
    assert (MAX_VALUES_PER_PARAMETER, MAX_PARAMETERS) == (20, 60)


@pytest.mark.parametrize("path", CHANNELS)
def test_too_many_values_of_one_parameter_answer_400_naming_the_limit(client, countries, path):
    over = query([("country", code) for code in countries[: MAX_VALUES_PER_PARAMETER + 1]])
    response = client.get(f"{path}?{over}")
    assert response.status_code == 400
    assert "Choose at most 20 values for one filter; 21 were given." in (response.content.decode())
    at_limit = query([("country", code) for code in countries[:MAX_VALUES_PER_PARAMETER]])
    assert client.get(f"{path}?{at_limit}").status_code == 200


@pytest.mark.parametrize("path", CHANNELS)
def test_too_many_parameters_answer_400_naming_the_limit(client, countries, path):
    # The landing page of a document type adds its own ``type``, already counted here.
    pairs = [("type", "report")] + [(f"p{number}", "1") for number in range(MAX_PARAMETERS)]
    response = client.get(f"{path}?{query(pairs)}")
    assert response.status_code == 400
    assert "A request may have at most 60 parameters; this one has 61." in (
        response.content.decode()
    )
    assert client.get(f"{path}?{query(pairs[:MAX_PARAMETERS])}").status_code == 200


def test_the_other_filters_still_apply_beside_a_refused_one(client, countries):
    over = query([("country", code) for code in countries[: MAX_VALUES_PER_PARAMETER + 1]])
    response = client.get(f"/resources/?{over}&q=Report+on+{countries[0]}")
    assert response.status_code == 400
    browse = response.context["browse"]
    assert browse.total == 1
    assert all(link.count("country=") <= 1 for link in facet_links(response.content.decode()))


# Publishers ------------------------------------------------------------------------------


@pytest.fixture
def publishers():
    """A public publisher, an organization only someone's affiliation, a draft's publisher."""
    public = OrganizationFactory(name="Listed Publisher Council", slug="listed-publisher")
    ResourceFactory(title="Public report", publishers=[public])
    affiliation = OrganizationFactory(name="Quiet Affiliation Office", slug="quiet-affiliation")
    UserFactory(username="affiliated", organization=affiliation)
    drafted = OrganizationFactory(name="Drafted Publisher Trust", slug="drafted-publisher")
    ResourceFactory(title="Draft report", status=Status.DRAFT, publishers=[drafted])
    ResourceFactory(title="Rejected report", status=Status.REJECTED, publishers=[drafted])
    return public, affiliation, drafted


@pytest.mark.parametrize("path", CHANNELS)
def test_a_publisher_filter_names_only_publishers_of_published_items(client, publishers, path):
    public, affiliation, drafted = publishers
    assert client.get(f"{path}?publisher={public.slug}").status_code == 200
    unknown = client.get(f"{path}?publisher=no-such-publisher")
    assert unknown.status_code == 400
    for organization in (affiliation, drafted):
        response = client.get(f"{path}?publisher={organization.slug}")
        assert response.status_code == 400
        body = response.content.decode()
        assert organization.name not in body
        # Indistinguishable from an organization that does not exist.
        assert comparable(body, organization.slug) == comparable(
            unknown.content.decode(), "no-such-publisher"
        )


def test_a_public_publisher_is_named_in_the_chip_and_the_feed_title(client, publishers):
    public = publishers[0]
    browse = client.get(f"/resources/?publisher={public.slug}")
    assert [chip.value for chip in browse.context["browse"].chips] == [public.name]
    feed = client.get(f"/resources/feed.rss?publisher={public.slug}").content.decode()
    assert f"<title>Objective 10 Knowledge Hub: {public.name}</title>" in feed
