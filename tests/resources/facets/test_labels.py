"""Facet labels are looked up in each request's language, not kept from the index's build."""

from dataclasses import fields
from unittest import mock

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation

from resources.facets import facet_counts
from resources.facets.current import current_index
from resources.facets.index import FacetRows
from resources.filters import ResourceFilter
from resources.models import Resource
from taxonomy.models import Region
from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def translated_names():
    """Name regions in the active language, as a translated name field would."""

    def name(region: Region) -> str:
        return f"{region.__dict__['name']} [{translation.get_language()}]"

    def store(region: Region, value: str) -> None:
        region.__dict__["name"] = value

    return mock.patch.object(Region, "name", property(name, store))


def test_the_index_keeps_codes_and_terms_never_labels():
    ResourceFactory(regions=["africa"], countries=["NGA"])
    with translation.override("en"):
        index = current_index()
    assert "labels" not in {field.name for field in fields(FacetRows)}
    region = Region.objects.get(slug="africa")
    rows = index.facets["region"]
    assert rows.codes == ["africa"]
    assert region.name not in repr((rows.codes, rows.positions, rows.known_values))


def test_a_browse_page_names_facet_values_in_the_visitors_language(client):
    ResourceFactory(title="Recruitment fees in West Africa", regions=["africa"])
    with translation.override("en"):
        index = current_index()  # built while English is active
    with translated_names():
        french = client.get("/fr/resources/")
        spanish = client.get("/es/resources/")
        api = client.get(reverse("api:resource-list"), HTTP_ACCEPT_LANGUAGE="fr").json()
    assert current_index() is index, "the index was not rebuilt"
    assert "Africa [fr]" in french.content.decode()
    assert "Africa [en]" not in french.content.decode()
    assert "Africa [es]" in spanish.content.decode()
    assert {"code": "africa", "label": "Africa [fr]", "count": 1} in api["facets"]["region"]


def facet_labels(parameter: str) -> list[str]:
    """Return one facet's labels in the active language, in the order the facet shows them."""
    filterset = ResourceFilter(QueryDict(""), queryset=Resource.objects.published())
    (facet,) = [facet for facet in facet_counts(filterset) if facet.spec.parameter == parameter]
    return [value.label for value in facet.values]


def test_the_french_browse_page_names_objectives_as_the_hub_does(client):
    ResourceFactory(title="Data on trafficking", objectives=["1", "10"], regions=["africa"])
    with translation.override("fr"):
        url = reverse("resources:browse")
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "1 - Données" in html
    assert "10 - Éradiquer la traite de personnes" in html
    assert "Afrique" in html
    assert "Eradicate trafficking" not in html


def test_countries_sort_by_their_names_in_each_language_ignoring_accents():
    ResourceFactory(countries=["EGY", "ESP", "DZA", "ZAF", "DEU"])
    with translation.override("fr"):
        french = facet_labels("country")
    with translation.override("en"):
        english = facet_labels("country")
    assert french == ["Afrique du Sud", "Algérie", "Allemagne", "Égypte", "Espagne"]
    assert english == ["Algeria", "Egypt", "Germany", "South Africa", "Spain"]


def test_each_language_has_its_own_label_table_kept_with_the_index():
    ResourceFactory(countries=["DEU"])
    with translation.override("ru"):
        assert facet_labels("country") == ["Германия"]
    with translation.override("zh-hans"):
        assert facet_labels("country") == ["德国"]
    index = current_index()
    assert index.labels.peek(("country", "ru")) != index.labels.peek(("country", "zh-hans"))
