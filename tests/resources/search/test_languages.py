"""Search finds items in every language: stems, accents, Arabic prefixes, Chinese words."""

import pytest
from django.http import QueryDict
from django.utils import translation

from resources.browse import browse_page
from resources.models import CatalogueVersion, Resource, SearchWord
from resources.search import chinese
from resources.search.languages import folded, prepared_query, query_configs
from tests.factories import ResourceFactory
from tests.results import result_titles

pytestmark = pytest.mark.django_db


def titles(query: str, *, interface: str = "en") -> list[str]:
    params = QueryDict(mutable=True)
    params["q"] = query
    with translation.override(interface):
        page = browse_page(params=params, page_size=100)
    return result_titles(page.page.object_list)


@pytest.fixture
def catalogue():
    ResourceFactory(
        title="Stratégie nationale",
        summary="La sécurité des migrants et la lutte contre la traite des êtres humains.",
        languages=["fr"],
    )
    ResourceFactory(
        title="Национальный план",
        summary="Борьба с торговлей людьми и защита жертв торговли людьми.",
        languages=["ru"],
    )
    ResourceFactory(
        title="Guía para la protección",
        summary="Derechos de la persona migrante en tránsito.",
        languages=["es"],
    )
    ResourceFactory(
        title="دليل الحماية",
        summary="حقوق اللاجئين والمهاجرين في بلدان العبور.",
        languages=["ar"],
    )
    ResourceFactory(
        title="تقرير إقليمي",
        summary="أوضاع المهاجرين في المنطقة.",
        languages=["ar"],
    )
    ResourceFactory(
        title="国家行动计划",
        summary="打击贩运人口和偷运移民的国家行动计划",
        languages=["zh"],
    )
    ResourceFactory(
        title="Recruitment fees",
        summary="Migrants pay recruitment fees to labour brokers.",
        languages=["en"],
    )


@pytest.mark.parametrize("query", ["securite", "traite", "sécurité", "SECURITE"])
def test_a_french_query_finds_french_text_with_or_without_accents(catalogue, query):
    assert titles(query, interface="fr") == ["Stratégie nationale"]


@pytest.mark.postgres
def test_russian_inflections_match(catalogue):
    assert titles("торговля", interface="ru") == ["Национальный план"]


@pytest.mark.postgres
def test_spanish_inflections_match(catalogue):
    # The English item's stem ("migrant") is the Spanish one too: both are about migrants.
    assert set(titles("migrantes", interface="es")) == {
        "Guía para la protección",
        "Recruitment fees",
    }


def test_an_arabic_word_finds_its_prefixed_form_and_back(catalogue):
    assert set(titles("المهاجرين", interface="ar")) == {"دليل الحماية", "تقرير إقليمي"}
    assert set(titles("والمهاجرين", interface="ar")) == {"دليل الحماية", "تقرير إقليمي"}


def test_a_chinese_phrase_inside_a_longer_clause_is_found(catalogue):
    assert titles("贩运人口", interface="zh-hans") == ["国家行动计划"]
    assert titles("贩运人口", interface="en") == ["国家行动计划"]


def test_an_english_query_finds_english_items_from_the_french_interface(catalogue):
    assert titles("recruitment", interface="fr") == ["Recruitment fees"]


def test_a_french_query_finds_french_items_from_the_english_interface(catalogue):
    assert titles("sécurité", interface="en") == ["Stratégie nationale"]


@pytest.mark.postgres
def test_a_word_as_written_is_found_from_any_interface(catalogue):
    # Stems are the interface language's; the neutral analysis still finds the exact word.
    assert titles("торговли", interface="en") == ["Национальный план"]


@pytest.mark.postgres
def test_an_item_is_indexed_in_the_language_its_languages_give():
    item = ResourceFactory(title="Migrantes", summary="Protección.", languages=["es"])
    assert "'migrant'" in Resource.objects.values_list("search_vector", flat=True).get(pk=item.pk)
    item.languages.set(item.languages.model.objects.filter(code="en"))
    vector = Resource.objects.values_list("search_vector", flat=True).get(pk=item.pk)
    assert "'migrant'" in vector and "'proteccion'" in vector  # English stem, accents gone


def test_reindexing_a_draft_leaves_the_catalogue_version_alone():
    draft = ResourceFactory(title="Brouillon", status="submitted", languages=["fr"])
    before = CatalogueVersion.objects.values_list("number", flat=True).first()
    draft.languages.set(draft.languages.model.objects.filter(code="en"))
    assert CatalogueVersion.objects.values_list("number", flat=True).first() == before


def test_sqlite_matching_folds_case_accents_and_arabic_spellings():
    assert folded("SÉCURITÉ") == folded("securite") == "securite"
    assert folded("ТОРГОВЛЯ") == "торговля"
    assert folded("والمهاجرين") == folded("المهاجرين")


def test_a_prepared_query_keeps_its_syntax():
    assert prepared_query('"贩运人口" -偷运移民 or 移民') == '"贩运 人口" -"偷运 移民" or 移民'
    assert prepared_query("-والمهاجرين trafficking") == "-المهاجرين trafficking"


def test_a_query_is_analysed_for_the_interface_language_and_neutrally():
    assert query_configs("fr") == ["hub_french", "hub_simple"]
    assert query_configs("zh-hans") == ["hub_simple"]


def test_a_misspelt_russian_word_is_corrected_from_the_catalogue(catalogue):
    page = browse_page(params=QueryDict("q=тарговли"), page_size=100)
    assert page.corrected == "торговли"
    assert result_titles(page.page.object_list) == ["Национальный план"]


@pytest.mark.postgres
def test_the_vocabulary_has_every_script_but_chinese(catalogue):
    words = set(SearchWord.objects.values_list("word", flat=True))
    assert {"sécurité", "торговли", "المهاجرين", "اللاجئين"} <= words
    assert not any(chinese.has_han(word) for word in words)
