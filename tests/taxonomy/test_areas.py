"""A country's sub-region reads in the page's language where CLDR names it, else in English."""

import pytest
from django.urls import reverse
from django.utils import translation

from taxonomy.areas import AreaName, area_name
from tests.factories import ResourceFactory


def test_an_m49_area_is_named_in_each_language_from_cldr():
    assert area_name("Sub-Saharan Africa", "fr") == AreaName("Afrique subsaharienne", "fr")
    assert area_name("Western Asia", "ar").lang == "ar"
    assert area_name("Eastern Europe", "en") == AreaName("Eastern Europe", "en")


def test_an_area_cldr_names_otherwise_stays_in_english_and_says_so():
    assert area_name("Latin America and the Caribbean", "ru") == AreaName(
        "Latin America and the Caribbean", "en"
    )


@pytest.mark.django_db
def test_the_country_page_names_its_sub_region_in_the_page_language(client):
    ResourceFactory(countries=["NGA"])
    with translation.override("fr"):
        address = reverse("taxonomy:country", kwargs={"iso3": "NGA"})
    html = client.get(address).content.decode()
    assert '<span lang="fr">Afrique subsaharienne</span>' in html
