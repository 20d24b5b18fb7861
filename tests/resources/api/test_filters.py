"""Check that the API filters, sorts and counts facets as the browse page does.

Every test here reads the same catalogue, so it is built once for the module
(tests/shared_data.py) and each test gets its own copy.
"""

import copy

import pytest
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resources.browse import browse_page
from tests.fuzz.strategies import BROWSE_KEYS
from tests.resources.api.conftest import build_catalogue
from tests.results import result_titles
from tests.shared_data import kept_for_the_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def built_catalogue(django_db_setup, django_db_blocker):
    with kept_for_the_module(django_db_blocker):
        yield build_catalogue()


@pytest.fixture
def catalogue(built_catalogue, db):
    return copy.deepcopy(built_catalogue)


QUERIES = [
    "",
    "country=NGA",
    "country=NGA&country=THA",
    "country=nga&principle=human-rights",
    "region=africa&kind=training",
    "objective=6",
    "objective=10&objective=7&sort=oldest",
    "language=fr",
    "publisher=united-nations-office-on-drugs-and-crime",
    "action=a&action=c",
    "scope=global&scope=regional",
    "type=report",
    "year_from=2020&year_to=2021",
    "year_from=2021",
    "sort=title",
    "sort=newest",
    "sort=relevance",
    "q=Nigeria",
    "q=trafficking&sort=title",
    "q=%22forced+labour%22",
    "q=Nigeria+-Ghana",
    "q=report+or+video",
    "kind=video&kind=practice&region=europe",
]


def browse_slugs_and_facets(query: str):
    page = browse_page(params=QueryDict(query), page_size=100)
    slugs = result_titles(page.page.object_list, "slug")
    facets = {
        facet.parameter: {option.code: option.count for option in facet.options if option.count}
        for facet in page.facets
    }
    return slugs, facets


@pytest.mark.parametrize("query", QUERIES)
def test_results_and_facets_equal_the_browse_page(client, catalogue, query):
    response = client.get(f"/api/resources/?{query}&page_size=100")
    assert response.status_code == 200
    data = response.json()
    slugs, facets = browse_slugs_and_facets(query)
    assert [item["slug"] for item in data["results"]] == slugs
    assert data["count"] == len(slugs)
    assert {
        parameter: {value["code"]: value["count"] for value in values}
        for parameter, values in data["facets"].items()
    } == facets


def test_facets_are_disjunctive_with_codes_and_labels(client, catalogue):
    facets = client.get("/api/resources/?country=NGA").json()["facets"]
    countries = {value["code"]: value for value in facets["country"]}
    assert countries["NGA"] == {"code": "NGA", "label": "Nigeria", "count": 2}
    assert countries["THA"]["count"] == 1
    assert countries["ITA"]["count"] == 1
    kinds = {value["code"]: value for value in facets["kind"]}
    assert kinds == {
        "document": {"code": "document", "label": "Document", "count": 1},
        "training": {"code": "training", "label": "Training and guidance", "count": 1},
    }
    assert facets["scope"] == [{"code": "global", "label": "Global", "count": 2}]
    assert set(facets) == {
        "objective",
        "principle",
        "region",
        "country",
        "type",
        "kind",
        "scope",
        "language",
        "publisher",
        "action",
        "year",
    }


def test_facets_never_count_unpublished_items(client, catalogue):
    facets = client.get("/api/resources/").json()["facets"]
    codes = {parameter: {value["code"] for value in values} for parameter, values in facets.items()}
    assert "event" not in codes["kind"] and "project" not in codes["kind"]
    assert "ar" not in codes["language"]
    assert "23" not in codes["objective"]
    assert "whole-of-society-approach" not in codes["principle"]
    assert "1999" not in codes["year"]
    assert "only-a-submitters-organization" not in codes["publisher"]
    nigeria = {value["code"]: value["count"] for value in facets["country"]}["NGA"]
    assert nigeria == 2


@pytest.mark.parametrize(
    ("query", "parameters"),
    [
        ("country=XXX", {"country"}),
        ("objective=99", {"objective"}),
        ("kind=poem", {"kind"}),
        ("scope=planet", {"scope"}),
        ("sort=%3Cb%3E", {"sort"}),
        ("year_from=abc&year_to=99999999999999999999", {"year_from", "year_to"}),
        ("year_from=1800", {"year_from"}),
        ("action=z&language=xx&publisher=nobody", {"action", "language", "publisher"}),
        ("country=NGA&type=novel", {"type"}),
    ],
)
def test_invalid_filter_values_are_a_json_400_naming_each_parameter(
    client, catalogue, query, parameters
):
    response = client.get(f"/api/resources/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == {"detail", "errors"}
    assert "filter" in data["detail"]
    assert set(data["errors"]) == parameters
    for messages in data["errors"].values():
        assert messages and all(isinstance(message, str) and message for message in messages)


def test_a_publisher_of_no_published_item_is_refused_like_an_unknown_one(client, catalogue):
    hidden = client.get("/api/resources/?publisher=only-a-submitters-organization")
    unknown = client.get("/api/resources/?publisher=no-such-organization")
    assert hidden.status_code == unknown.status_code == 400
    assert hidden.json() == {
        **unknown.json(),
        "errors": {
            "publisher": [
                message.replace("no-such-organization", "only-a-submitters-organization")
                for message in unknown.json()["errors"]["publisher"]
            ]
        },
    }
    assert "submitter" not in hidden.content.decode().replace("only-a-submitters-organization", "")


def test_limits_on_parameters_are_a_json_400_naming_them(client, catalogue):
    codes = "&".join(
        f"country={code}"
        for code in [
            "NGA",
            "GHA",
            "THA",
            "ITA",
            "FRA",
            "DEU",
            "ESP",
            "PRT",
            "GRC",
            "TUR",
            "EGY",
            "MAR",
            "TUN",
            "DZA",
            "LBY",
            "SDN",
            "ETH",
            "KEN",
            "UGA",
            "TZA",
            "ZAF",
        ]
    )
    values = client.get(f"/api/resources/?{codes}")
    assert values.status_code == 400
    assert values.json()["errors"] == {
        "country": ["Choose at most 20 values for one filter; 21 were given."]
    }
    many = "&".join(f"p{number}=1" for number in range(61))
    parameters = client.get(f"/api/resources/?{many}")
    assert parameters.status_code == 400
    assert parameters.json()["errors"] == {
        "non_field_errors": ["A request may have at most 60 parameters; this one has 61."]
    }


def test_unknown_parameters_are_ignored(client, catalogue):
    response = client.get("/api/resources/?colour=blue&format=json")
    assert response.status_code == 200
    assert response.json()["count"] == len(catalogue)


HOSTILE = [
    "q=" + "trafficking " * 420,
    "q=" + "x" * 5000,
    "q=%00",
    "q=a%00b&country=NG%00A",
    "country=%00",
    "page=%00",
    "page_size=%00",
    "q=%27%3B+DROP+TABLE+resources_resource%3B+--",
    "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "q=%22unterminated",
    "q=-",
    "q=or",
    "q=%E2%80%AE%F0%9F%98%80",
    "q=%ED%A0%80",
    "q=%FF%FE",
    "page=-1",
    "page=0",
    "page=100000000000000000000",
    "page=abc",
    "page=1.5",
    "page=last",
    "page_size=-5",
    "page_size=0",
    "page_size=99999999999999999999",
    "sort=relevance",
    "country=NGA&country=NGA&country=nga",
    "q=a&q=b",
    "sort=title&sort=newest",
    "page=2&page=3",
    "year_from=2030&year_to=1990",
    "%00=%00",
    "objective=" + "9" * 400,
    "publisher=" + "a" * 5000,
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_input_is_never_a_server_error(client, catalogue, query):
    response = client.get(f"/api/resources/?{query}")
    assert response.status_code in (200, 400, 404), response.content[:300]
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json() or "results" in response.json()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.dictionaries(
        st.sampled_from([*BROWSE_KEYS, "page_size", "unknown"]),
        st.text(max_size=60),
        max_size=5,
    )
)
def test_any_parameters_give_an_answer_not_an_error(client, catalogue, params):
    response = client.get("/api/resources/", params)
    assert response.status_code in (200, 400, 404)
