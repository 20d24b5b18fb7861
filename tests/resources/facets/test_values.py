"""Long facets fold on the browse page and list every value on a page of their own."""

import pytest

from resources.browse import FACET_FOLDED_VALUES, FACET_VISIBLE_VALUES
from taxonomy.models import Country
from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db
SHOWN = FACET_VISIBLE_VALUES + FACET_FOLDED_VALUES


@pytest.fixture
def many_countries():
    codes = list(Country.objects.order_by("name").values_list("iso3", flat=True)[: SHOWN + 5])
    for code in codes:
        ResourceFactory(countries=[code])
    ResourceFactory(countries=[codes[-1]], objectives=["7"])
    return codes


def test_the_browse_page_links_to_all_values_of_a_long_facet(client, many_countries):
    page = client.get("/resources/?objective=10").content.decode()
    last = Country.objects.get(iso3=many_countries[-1])
    assert last.name not in page  # beyond the folded values
    assert f"All {SHOWN + 5} values" in page
    assert "/resources/facets/country/?objective=10" in page


def test_the_values_page_lists_every_value_with_counts_and_links(client, many_countries):
    response = client.get("/resources/facets/country/?objective=7")
    page = response.content.decode()
    assert response.status_code == 200
    last = Country.objects.get(iso3=many_countries[-1])
    assert last.name in page
    assert f"/resources/?objective=7&amp;country={last.iso3}" in page
    assert "Back to the results" in page


def test_a_short_facet_has_no_link_and_an_unknown_facet_is_a_404(client, many_countries):
    page = client.get("/resources/").content.decode()
    assert "/resources/facets/region/" not in page
    assert client.get("/resources/facets/colour/").status_code == 404


def test_invalid_filters_on_the_values_page_answer_400(client, many_countries):
    response = client.get("/resources/facets/country/?objective=99")
    assert response.status_code == 400
