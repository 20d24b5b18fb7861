"""An import recognises a country by the Hub's label, a former name or a name in any language."""

import pytest
from django.utils import translation

from taxonomy.selectors import country_by_label

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("label", "iso3"),
    [
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("Vietnam", "VNM"),
        ("Viet Nam", "VNM"),
        ("Netherlands", "NLD"),
        ("Netherlands (Kingdom of the)", "NLD"),
        ("Pays-Bas (Royaume des)", "NLD"),
        ("Korea, Dem. People’s Rep.", "PRK"),
        ("Allemagne", "DEU"),
        ("Германия", "DEU"),
    ],
)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_country_is_found_by_any_of_its_labels_whatever_the_interface_language(
    label, iso3, language
):
    with translation.override(language):
        assert country_by_label(label).iso3 == iso3
