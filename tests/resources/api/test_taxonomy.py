"""Check that the taxonomy endpoints list every term with its published-item count."""

import pytest

from resources.models import Kind
from taxonomy.models import Country, Language, Objective

pytestmark = pytest.mark.django_db


def by(key: str, items: list[dict]) -> dict[str, dict]:
    return {item[key]: item for item in items}


def test_objectives_with_actions_cross_references_and_counts(client, catalogue):
    response = client.get("/api/objectives/")
    assert response.status_code == 200
    objectives = by("code", response.json())
    assert len(objectives) == Objective.objects.count() == 24
    ten = objectives["10"]
    assert ten["number"] == 10
    assert ten["short_name"].startswith("10")
    assert ten["count"] == 4
    assert ten["url"] == "http://testserver/objectives/10/"
    assert ten["resources_url"] == "http://testserver/api/resources/?objective=10"
    assert [action["letter"] for action in ten["actions"]] == list("abcdefghij")
    assert ten["cross_references"]
    assert set(ten["cross_references"][0]) == {"objective", "section", "paragraph", "note"}
    assert objectives["6"]["count"] == 1
    assert objectives["23"]["count"] == 0
    assert objectives["general"]["number"] is None
    assert objectives["1"]["actions"] == []


def test_principles_regions_and_types(client, catalogue):
    principles = by("slug", client.get("/api/principles/").json())
    assert len(principles) == 10
    assert principles["human-rights"]["count"] == 2
    assert principles["whole-of-society-approach"]["count"] == 0
    assert principles["human-rights"]["url"] == "http://testserver/principles/human-rights/"
    regions = by("slug", client.get("/api/regions/").json())
    assert list(regions) == ["africa", "americas", "asia", "europe", "oceania"]
    assert regions["africa"]["count"] == 2
    assert regions["africa"]["name"] == "Africa"
    types = by("slug", client.get("/api/document-types/").json())
    assert len(types) == 12
    assert types["report"]["count"] == 5
    assert types["report"]["resources_url"] == "http://testserver/api/resources/?type=report"


def test_countries_with_codes_region_and_aliases(client, catalogue):
    countries = by("iso3", client.get("/api/countries/").json())
    assert len(countries) == Country.objects.count() == 194
    nigeria = countries["NGA"]
    assert nigeria == {
        "iso3": "NGA",
        "iso2": "NG",
        "m49": "566",
        "name": "Nigeria",
        "region": "africa",
        "sub_region": nigeria["sub_region"],
        "aliases": [],
        "count": 2,
        "url": "http://testserver/countries/NGA/",
        "resources_url": "http://testserver/api/resources/?country=NGA",
    }
    assert nigeria["sub_region"]
    assert "Bahamas, The" in countries["BHS"]["aliases"]
    assert countries["THA"]["count"] == 1


def test_kinds_languages_and_organizations(client, catalogue):
    kinds = client.get("/api/kinds/").json()
    assert [kind["code"] for kind in kinds] == Kind.values
    kinds = by("code", kinds)
    assert kinds["training"]["label"] == "Training and guidance"
    assert kinds["document"]["count"] == 2
    assert kinds["event"]["count"] == 0 and kinds["project"]["count"] == 0
    assert kinds["video"]["url"] == "http://testserver/resources/?kind=video"
    languages = client.get("/api/languages/").json()
    assert len(languages) == Language.objects.count()
    assert [language["code"] for language in languages[:6]] == list(
        Language.objects.values_list("code", flat=True)[:6]
    )
    languages = by("code", languages)
    assert languages["fr"]["count"] == 2
    assert languages["ar"]["count"] == 0
    organizations = client.get("/api/organizations/").json()
    assert organizations["count"] == 3
    publishers = by("slug", organizations["results"])
    assert set(publishers) == {
        "international-organization-for-migration",
        "united-nations-office-on-drugs-and-crime",
        "la-strada-international",
    }
    assert publishers["international-organization-for-migration"]["count"] == 2
    assert publishers["international-organization-for-migration"]["is_un_entity"] is True
    assert publishers["la-strada-international"]["acronym"] is None
    assert publishers["la-strada-international"]["url"] == (
        "http://testserver/resources/?publisher=la-strada-international"
    )


def test_taxonomy_counts_agree_with_the_filtered_list(client, catalogue):
    for endpoint, key in (
        ("objectives", "code"),
        ("principles", "slug"),
        ("regions", "slug"),
        ("document-types", "slug"),
        ("kinds", "code"),
    ):
        for term in client.get(f"/api/{endpoint}/").json():
            if term["count"]:
                listed = client.get(term["resources_url"]).json()["count"]
                assert listed == term["count"], (endpoint, term[key])


@pytest.mark.parametrize(
    ("language", "objective", "country", "region", "language_name"),
    [
        (
            "fr",
            "10 - Éradiquer la traite de personnes",
            "Pays-Bas (Royaume des)",
            "Afrique",
            "Arabe",
        ),
        (
            "es",
            "10 - Erradicar la trata de personas",
            "Países Bajos (Reino de los)",
            "África",
            "Árabe",
        ),
        ("ru", "10 - Искоренение торговли людьми", "Нидерланды", "Африка", "Арабский"),
        ("ar", "10 - القضاء على الاتجار بالأشخاص", "هولندا", "أفريقيا", "العربية"),
        ("zh-hans", "10 - 消除贩运人口", "荷兰", "非洲", "阿拉伯语"),
        ("en", "10 - Eradicate trafficking", "Netherlands (Kingdom of the)", "Africa", "Arabic"),
    ],
)
def test_term_lists_name_terms_in_the_requests_language(
    client, catalogue, language, objective, country, region, language_name
):
    def names(endpoint: str, key: str, field: str = "name") -> dict:
        response = client.get(f"/api/{endpoint}/", HTTP_ACCEPT_LANGUAGE=language)
        return {item[key]: item[field] for item in response.json()}

    assert names("objectives", "code", "short_name")["10"] == objective
    assert names("countries", "iso3")["NLD"] == country
    assert names("regions", "slug")["africa"] == region
    assert names("languages", "code")["ar"] == language_name
