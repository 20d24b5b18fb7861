"""Facet logic: AND across facets, OR within one, disjunctive counts, only published items."""

import re

import pytest
from django.http import QueryDict

from resources.browse import browse_page
from resources.facets import facet_counts
from resources.filters import ResourceFilter
from resources.models import Kind, Resource, Status
from tests.factories import OrganizationFactory, ResourceFactory
from tests.results import result_titles

pytestmark = pytest.mark.django_db


def results(query: str) -> set[str]:
    page = browse_page(params=QueryDict(query), page_size=100)
    return set(result_titles(page.page.object_list))


def counts(query: str) -> dict[str, dict[str, int]]:
    filterset = ResourceFilter(QueryDict(query), queryset=Resource.objects.published())
    return {
        facet.spec.parameter: {value.code: value.count for value in facet.values}
        for facet in facet_counts(filterset)
    }


@pytest.fixture
def catalogue():
    ResourceFactory(
        title="Nigeria report",
        countries=["NGA"],
        regions=["africa"],
        principles=["human-rights"],
        publication_year=2020,
    )
    ResourceFactory(
        title="Nigeria and Ghana toolkit",
        countries=["NGA", "GHA"],
        regions=["africa"],
        principles=["child-sensitive"],
        kind=Kind.TRAINING,
        publication_year=2021,
    )
    ResourceFactory(
        title="Thailand report",
        countries=["THA"],
        regions=["asia"],
        principles=["human-rights"],
        objectives=["10", "6"],
        publication_year=2021,
    )
    ResourceFactory(title="Global video", kind=Kind.VIDEO, objectives=["7"], publication_year=2019)
    ResourceFactory(
        title="Unpublished Nigeria draft",
        countries=["NGA"],
        regions=["africa"],
        status=Status.IN_REVIEW,
    )
    ResourceFactory(title="Rejected Thailand item", countries=["THA"], status=Status.REJECTED)


def test_or_within_one_facet(catalogue):
    assert results("country=NGA&country=THA") == {
        "Nigeria report",
        "Nigeria and Ghana toolkit",
        "Thailand report",
    }


def test_and_across_facets(catalogue):
    assert results("country=NGA&principle=human-rights") == {"Nigeria report"}
    assert results("region=africa&kind=training") == {"Nigeria and Ghana toolkit"}


def test_an_item_tagged_twice_is_listed_once(catalogue):
    page = browse_page(params=QueryDict("country=NGA&country=GHA"))
    titles = result_titles(page.page.object_list)
    assert sorted(titles) == ["Nigeria and Ghana toolkit", "Nigeria report"]
    assert page.total == 2


def test_counts_are_disjunctive(catalogue):
    facets = counts("country=NGA")
    # Other countries keep the count they would add, so the selection can be widened.
    assert facets["country"] == {"NGA": 2, "GHA": 1, "THA": 1}
    # Other facets are narrowed by the country filter.
    assert facets["principle"] == {"human-rights": 1, "child-sensitive": 1}
    assert facets["kind"] == {"document": 1, "training": 1}


def test_counts_apply_every_other_active_filter(catalogue):
    facets = counts("country=NGA&principle=human-rights")
    assert facets["country"] == {"NGA": 1, "THA": 1}
    assert facets["principle"] == {"human-rights": 1, "child-sensitive": 1}
    assert facets["objective"] == {"10": 1}


def test_year_counts_ignore_the_year_range(catalogue):
    facets = counts("year_from=2021&year_to=2021")
    assert facets["year"] == {"2019": 1, "2020": 1, "2021": 2}
    assert results("year_from=2021&year_to=2021") == {
        "Nigeria and Ghana toolkit",
        "Thailand report",
    }


def test_unpublished_items_are_never_listed_or_counted(catalogue):
    assert "Unpublished Nigeria draft" not in results("")
    assert "Rejected Thailand item" not in results("country=THA")
    facets = counts("")
    assert facets["country"]["NGA"] == 2
    assert facets["country"]["THA"] == 1
    assert facets["objective"]["10"] == 3
    assert sum(facets["kind"].values()) == 4


def test_publisher_and_language_facets(catalogue):
    iom = OrganizationFactory(
        name="International Organization for Migration", acronym="IOM", slug="iom"
    )
    ResourceFactory(title="IOM handbook", publishers=[iom], languages=["fr", "en"])
    facets = counts("publisher=iom")
    assert facets["publisher"] == {"iom": 1}
    assert facets["language"] == {"en": 1, "fr": 1}
    assert results("language=fr") == {"IOM handbook"}


def test_action_facet_filters_objective_10_actions(catalogue):
    ResourceFactory(title="Awareness campaign", actions=["j"])
    assert results("action=j") == {"Awareness campaign"}
    assert counts("")["action"] == {"j": 1}


def test_facet_options_link_to_the_toggled_selection(catalogue):
    page = browse_page(params=QueryDict("country=NGA&page=2"))
    country = next(facet for facet in page.facets if facet.parameter == "country")
    options = {option.code: option for option in country.options}
    assert options["NGA"].selected and options["NGA"].url == "?"
    assert not options["GHA"].selected
    assert QueryDict(options["GHA"].url[1:]).getlist("country") == ["NGA", "GHA"]
    assert "page" not in options["GHA"].url


def test_chips_name_the_filters_and_remove_one_at_a_time(catalogue):
    page = browse_page(params=QueryDict("country=NGA&objective=10&q=report"))
    chips = {chip.value: chip for chip in page.chips}
    assert set(chips) == {"Nigeria", "10 - Eradicate trafficking", "report"}
    assert QueryDict(chips["Nigeria"].remove_url[1:]).getlist("country") == []
    assert QueryDict(chips["Nigeria"].remove_url[1:]).getlist("objective") == ["10"]


def test_selected_value_with_no_results_stays_visible(catalogue):
    page = browse_page(params=QueryDict("country=FRA"))
    country = next(facet for facet in page.facets if facet.parameter == "country")
    assert country.options[0].code == "FRA" and country.options[0].selected
    assert country.options[0].label == "France"
    assert page.total == 0


def test_codes_are_accepted_in_any_case(catalogue):
    assert results("country=nga&principle=Human-Rights") == {"Nigeria report"}


def test_sort_orders(catalogue):
    def titles(sort):
        page = browse_page(params=QueryDict(f"sort={sort}"))
        return result_titles(page.page.object_list)

    assert titles("title") == sorted(titles("title"))
    assert titles("oldest")[0] == "Global video"
    assert titles("newest")[-1] == "Global video"
    regional = ResourceFactory(title="A regional item", scope=2, publication_year=2025)
    assert titles("scope").index("Global video") < titles("scope").index(regional.title)


def test_scope_facet_uses_readable_codes(catalogue):
    ResourceFactory(title="Local shelter practice", scope=4)
    assert results("scope=local") == {"Local shelter practice"}
    assert counts("")["scope"] == {"global": 4, "local": 1}
    page = browse_page(params=QueryDict("scope=local"))
    assert [chip.value for chip in page.chips] == ["Local"]


def test_a_facet_count_is_read_out_with_the_right_plural(client, catalogue):
    page = client.get("/resources/").content.decode()

    def read_out(code: str) -> str:
        option = re.search(
            rf'<a href="/resources/\?country={code}" class="facet-option">(.*?)</a>', page
        )
        return re.search(r'<span class="visually-hidden"> ([^<]*)</span>', option.group(1))[1]

    assert read_out("GHA") == "1 resource"
    assert read_out("NGA") == "2 resources"
    selected = client.get("/resources/?country=GHA").content.decode()
    assert '<span class="visually-hidden"> 1 resource, selected; choose to remove</span>' in (
        selected
    )
