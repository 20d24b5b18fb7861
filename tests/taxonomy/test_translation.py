"""Every term has its name in the six UN languages, each with the source it comes from."""

import csv
from pathlib import Path

import babel
import pytest
from django.conf import settings
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname

from taxonomy.models import (
    Country,
    DocumentType,
    GuidingPrinciple,
    Language,
    NameSource,
    Objective,
    ObjectiveAction,
    Region,
)
from taxonomy.translation import NAMED_FIELDS, source_field

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
HUB_FILE = Path(settings.BASE_DIR) / "taxonomy" / "data" / "gcm-short-names-fr-es.csv"


def in_language(instance, field: str, language: str):
    return getattr(instance, build_localized_fieldname(field, language))


def test_every_name_is_given_in_all_six_languages_with_its_source():
    missing = []
    for model, fields in NAMED_FIELDS.items():
        for term in model.objects.all():
            for field in fields:
                for language in LANGUAGES:
                    name = in_language(term, field, language)
                    source = in_language(term, source_field(field), language)
                    if not name or source not in NameSource.values:
                        missing.append((model.__name__, str(term), field, language))
    assert missing == []


def test_the_hubs_french_and_spanish_short_names_are_recorded_as_the_hubs():
    with open(HUB_FILE, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 33
    ten = Objective.objects.get(code="10")
    assert ten.short_name_fr == "10 - Éradiquer la traite de personnes"
    assert ten.short_name_es == "10 - Erradicar la trata de personas"
    assert (ten.short_name_source_fr, ten.short_name_source_es) == (NameSource.HUB,) * 2
    assert Objective.objects.get(code="1").short_name_fr == "1 - Données"
    principle = GuidingPrinciple.objects.get(slug="people-centred")
    assert principle.name_fr == "Priorité à la dimension humaine"
    assert principle.name_es == "Centrada en las personas"
    assert principle.name_source_fr == NameSource.HUB


def test_objective_10s_french_and_spanish_titles_are_the_hubs_and_the_rest_working():
    ten = Objective.objects.get(code="10")
    assert ten.title_fr == (
        "Prévenir, combattre et éliminer la traite de personnes "
        "dans le cadre des migrations internationales"
    )
    assert ten.title_source_fr == ten.title_source_es == NameSource.HUB
    assert ten.title_source_en == NameSource.OFFICIAL
    assert {ten.title_source_ar, ten.title_source_ru, ten.title_source_zh_hans} == {
        NameSource.WORKING
    }
    assert "торговли людьми" in ten.title_ru
    assert "الاتجار بالأشخاص" in ten.title_ar
    assert "贩运人口" in ten.title_zh_hans


def test_a_name_falls_back_to_english_where_a_language_has_none():
    region = Region.objects.get(slug="africa")
    Region.objects.filter(pk=region.pk).update(name_ru=None)
    region.refresh_from_db()
    with translation.override("ru"):
        assert region.name == "Africa"


@pytest.mark.parametrize(
    ("language", "name"),
    [
        ("ar", "Türkiye"),
        ("zh-hans", "Türkiye"),
        ("en", "Türkiye"),
        ("fr", "Türkiye"),
        ("ru", "Türkiye"),
        ("es", "Türkiye"),
    ],
)
def test_turkiye_is_named_as_the_un_names_it_in_every_language(language, name):
    with translation.override(language):
        assert Country.objects.get(iso3="TUR").name == name


@pytest.mark.parametrize(
    ("iso3", "language", "name", "source"),
    [
        ("CPV", "fr", "Cabo Verde", NameSource.OFFICIAL),
        ("CIV", "ar", "كوت ديفوار", NameSource.OFFICIAL),
        ("VNM", "en", "Viet Nam", NameSource.OFFICIAL),
        ("VNM", "fr", "Viet Nam", NameSource.OFFICIAL),
        ("NLD", "en", "Netherlands (Kingdom of the)", NameSource.OFFICIAL),
        ("NLD", "fr", "Pays-Bas (Royaume des)", NameSource.OFFICIAL),
        ("NLD", "es", "Países Bajos (Reino de los)", NameSource.OFFICIAL),
        ("NGA", "fr", "Nigeria", NameSource.CLDR),
        ("DEU", "fr", "Allemagne", NameSource.CLDR),
        ("DEU", "ru", "Германия", NameSource.CLDR),
        ("DEU", "zh-hans", "德国", NameSource.CLDR),
        ("DEU", "ar", "ألمانيا", NameSource.CLDR),
        ("DEU", "es", "Alemania", NameSource.CLDR),
    ],
)
def test_country_names_come_from_cldr_with_the_uns_own_names_overriding(
    iso3, language, name, source
):
    country = Country.objects.get(iso3=iso3)
    assert in_language(country, "name", language) == name
    assert in_language(country, "name_source", language) == source


def test_every_cldr_country_name_is_babels():
    mismatched = []
    for language in ["ar", "zh-hans", "fr", "ru", "es"]:
        territories = babel.Locale.parse(language.replace("-hans", "_Hans")).territories
        for country in Country.objects.filter(
            **{build_localized_fieldname("name_source", language): NameSource.CLDR}
        ):
            if in_language(country, "name", language) != territories[country.iso2]:
                mismatched.append((country.iso3, language))
    assert mismatched == []


def test_regions_and_languages_are_named_by_cldr():
    americas = Region.objects.get(m49="019")
    assert (americas.name_fr, americas.name_es, americas.name_zh_hans) == (
        "Amériques",
        "América",
        "美洲",
    )
    assert americas.name_source_fr == NameSource.CLDR
    arabic = Language.objects.get(code="ar")
    assert (arabic.name_fr, arabic.name_ru, arabic.name_ar) == ("Arabe", "Арабский", "العربية")
    assert arabic.name_source_ru == NameSource.CLDR


def test_document_types_have_working_translations():
    report = DocumentType.objects.get(slug="report")
    assert (report.name_fr, report.name_es, report.name_ru) == ("Rapport", "Informe", "Доклад")
    assert report.name_source_fr == NameSource.WORKING
    assert report.name_source_en == NameSource.HUB


def test_the_compacts_own_text_is_never_given_as_a_working_translation():
    ten = Objective.objects.get(code="10")
    for language in ["ar", "zh-hans", "fr", "ru", "es"]:
        assert not in_language(ten, "commitment", language)
        assert not any(
            in_language(action, "text", language) for action in ObjectiveAction.objects.all()
        )
    with translation.override("fr"):
        assert ten.commitment.startswith(ten.commitment_en[:40])
