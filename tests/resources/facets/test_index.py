"""The facet index: counts equal the database's, and any change shows on the next request."""

import random

import pytest
from django.db import connection, transaction
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from resources.browse import browse_page
from resources.facets import FACETS, attach_terms, facet_counts, matching
from resources.facets.current import current_index, forget_index
from resources.filters import ResourceFilter, Sort
from resources.models import Kind, Resource, Status
from taxonomy.models import Country, DocumentType, Objective
from tests.factories import OrganizationFactory, ResourceFactory
from tests.results import result_titles

pytestmark = pytest.mark.django_db

COUNTRIES = ["NGA", "GHA", "THA", "MEX", "FRA"]
REGIONS = ["africa", "asia", "americas", "europe"]
PRINCIPLES = ["human-rights", "child-sensitive", "gender-responsive"]


@pytest.fixture
def varied_catalogue():
    """Forty items with overlapping tags, of every kind, in several states."""
    chooser = random.Random(7)
    publishers = [OrganizationFactory() for _ in range(4)]
    statuses = [Status.PUBLISHED] * 5 + [Status.IN_REVIEW, Status.DRAFT, Status.ARCHIVED]
    for number in range(40):
        ResourceFactory(
            title=f"{'Trafficking' if number % 3 else 'Migration'} item {number}",
            kind=chooser.choice(Kind.values),
            status=chooser.choice(statuses),
            countries=chooser.sample(COUNTRIES, chooser.randint(0, 2)),
            regions=chooser.sample(REGIONS, chooser.randint(0, 2)),
            principles=chooser.sample(PRINCIPLES, chooser.randint(0, 2)),
            objectives=["10", *chooser.sample(["6", "7", "11"], chooser.randint(0, 2))],
            publishers=chooser.sample(publishers, chooser.randint(0, 2)),
            languages=chooser.sample(["en", "fr", "es"], chooser.randint(1, 2)),
            publication_year=chooser.randint(2015, 2024),
        )


def expected_counts(query: str) -> dict[str, dict[str, int]]:
    """Count every facet value with plain database queries: the definition of the counts."""
    filterset = ResourceFilter(QueryDict(query), queryset=Resource.objects.published())
    published = Resource.objects.published()
    counts = {}
    for spec in FACETS:
        items = list(
            filterset.filter_queryset(published, exclude=spec.excluded_filters)
            .prefetch_related(
                "objectives",
                "principles",
                "regions",
                "countries",
                "languages",
                "publishers",
                "actions",
            )
            .select_related("document_type")
        )
        values: dict[str, int] = {}
        for item in items:
            for code in _codes(item, spec.parameter):
                values[code] = values.get(code, 0) + 1
        counts[spec.parameter] = values
    return counts


def _codes(item: Resource, parameter: str) -> list[str]:
    if parameter == "kind":
        return [item.kind]
    if parameter == "scope":
        return [item.get_scope_code()]
    if parameter == "year":
        return [str(item.publication_year)]
    if parameter == "type":
        return [item.document_type.slug] if item.document_type else []
    spec = next(spec for spec in FACETS if spec.parameter == parameter)
    return [str(getattr(term, spec.code_field)) for term in getattr(item, spec.relation).all()]


def index_counts(query: str) -> dict[str, dict[str, int]]:
    filterset = ResourceFilter(QueryDict(query), queryset=Resource.objects.published())
    return {
        facet.spec.parameter: {value.code: value.count for value in facet.values}
        for facet in facet_counts(filterset)
    }


QUERIES = st.builds(
    lambda countries, regions, principles, kinds, year, q: "&".join(
        [f"country={code}" for code in countries]
        + [f"region={slug}" for slug in regions]
        + [f"principle={slug}" for slug in principles]
        + [f"kind={kind}" for kind in kinds]
        + ([f"year_from={year}"] if year else [])
        + ([f"q={q}"] if q else [])
    ),
    st.lists(st.sampled_from(COUNTRIES), max_size=2, unique=True),
    st.lists(st.sampled_from(REGIONS), max_size=2, unique=True),
    st.lists(st.sampled_from(PRINCIPLES), max_size=1),
    st.lists(st.sampled_from(Kind.values), max_size=2, unique=True),
    st.one_of(st.none(), st.integers(2014, 2025)),
    st.sampled_from(["", "trafficking", "migration"]),
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=QUERIES)
def test_counts_equal_the_databases_for_any_combination_of_filters(varied_catalogue, query):
    assert index_counts(query) == expected_counts(query)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    query=QUERIES,
    sort=st.sampled_from([Sort.RELEVANCE, Sort.SCOPE, Sort.NEWEST, Sort.OLDEST, Sort.TITLE]),
)
@example(query="q=trafficking", sort=Sort.RELEVANCE)
@example(query="q=migration&region=africa", sort=Sort.RELEVANCE)
def test_results_come_in_the_databases_order(varied_catalogue, query, sort):
    """Relevance included: the index orders ranks as ``ORDER BY rank DESC, …`` would."""
    filterset = ResourceFilter(
        QueryDict(f"{query}&sort={sort}"), queryset=Resource.objects.published()
    )
    expected = list(
        filterset.ordered(filterset.filter_queryset(Resource.objects.published())).values_list(
            "pk", flat=True
        )
    )
    found = matching(filterset)
    assert found.count == len(expected)
    assert found.pks(sort, 0, len(expected)) == expected


def browse_counts(query: str = "") -> dict[str, dict[str, int]]:
    page = browse_page(params=QueryDict(query))
    return {
        facet.parameter: {option.code: option.count for option in facet.options}
        for facet in page.facets
    }


def test_publishing_shows_at_once_in_counts_and_results():
    draft = ResourceFactory(title="Newly published", status=Status.IN_REVIEW, countries=["NGA"])
    ResourceFactory(countries=["NGA"])
    assert browse_counts()["country"] == {"NGA": 1}
    Resource.objects.filter(pk=draft.pk).update(status=Status.PUBLISHED)
    assert browse_counts()["country"] == {"NGA": 2}
    assert "Newly published" in result_titles(
        browse_page(params=QueryDict("country=NGA")).page.object_list
    )


def test_unpublishing_removes_an_item_from_counts_and_results_at_once():
    item = ResourceFactory(title="Soon archived", countries=["THA"])
    assert browse_counts()["country"] == {"THA": 1}
    item.status = Status.ARCHIVED
    item.save()
    assert browse_counts()["country"] == {}
    assert browse_page(params=QueryDict("")).total == 0


def test_editing_tags_and_terms_shows_at_once():
    item = ResourceFactory(countries=["NGA"])
    assert browse_counts()["country"] == {"NGA": 1}
    item.countries.set(Country.objects.filter(iso3="GHA"))
    assert browse_counts()["country"] == {"GHA": 1}
    Objective.objects.filter(code="10").update(short_name="Renamed objective")
    labels = {
        value.label
        for facet in facet_counts(
            ResourceFilter(QueryDict(""), queryset=Resource.objects.published())
        )
        for value in facet.values
        if facet.spec.parameter == "objective"
    }
    assert labels == {"Renamed objective"}


def test_a_change_by_raw_sql_is_seen_too():
    item = ResourceFactory(countries=["NGA"])
    current_index()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE resources_resource SET status = 'archived' WHERE id = %s", [item.pk])
    assert current_index().size == 0


def test_a_rolled_back_change_leaves_no_trace():
    ResourceFactory(countries=["NGA"])
    before = browse_counts()["country"]
    try:
        with transaction.atomic():
            ResourceFactory(countries=["NGA"])
            assert browse_counts()["country"] == {"NGA": 2}
            raise RuntimeError("abandon the change")
    except RuntimeError:
        pass
    assert browse_counts()["country"] == before == {"NGA": 1}


def test_the_index_is_reused_while_nothing_changes(django_assert_num_queries):
    ResourceFactory(countries=["NGA"])
    index = current_index()
    with django_assert_num_queries(1):  # the version token, nothing else
        assert current_index() is index


def test_reading_the_index_whole_costs_the_same_number_of_queries_whatever_the_size():
    ResourceFactory(countries=["NGA"])

    def rebuild_queries() -> int:
        forget_index()
        with CaptureQueriesContext(connection) as context:
            current_index()
        return len(context.captured_queries)

    small = rebuild_queries()
    for _ in range(30):
        ResourceFactory(countries=["GHA", "THA"], publishers=[OrganizationFactory()])
    assert rebuild_queries() == small


@pytest.mark.parametrize("sort", [Sort.TITLE, Sort.SCOPE])
@pytest.mark.parametrize("start, stop", [(0, 5), (3, 9), (10, 40), (30, 60)])
def test_pages_read_in_slices_equal_the_databases_order(
    varied_catalogue, monkeypatch, start, stop, sort
):
    """The order is read a few positions at a time; any page still matches the database."""
    monkeypatch.setattr("resources.facets.index.ORDER_SLICE", 3)
    filterset = ResourceFilter(
        QueryDict(f"region=africa&region=asia&sort={sort}"), queryset=Resource.objects.published()
    )
    expected = list(
        filterset.ordered(filterset.filter_queryset(Resource.objects.published())).values_list(
            "pk", flat=True
        )
    )
    assert matching(filterset).pks(sort, start, stop) == expected[start:stop]


def test_pages_in_the_default_order_read_the_mask_a_few_words_at_a_time(monkeypatch):
    """Past the first 64 items, a page in the default order still matches the database."""
    monkeypatch.setattr("resources.facets.index.ORDER_SLICE", 64)
    for number in range(150):
        ResourceFactory(
            title=f"Item {number}",
            countries=["NGA"] if number % 3 else ["GHA"],
            publication_year=2000 + number % 25,
        )
    filterset = ResourceFilter(QueryDict("country=NGA"), queryset=Resource.objects.published())
    expected = list(
        filterset.ordered(filterset.filter_queryset(Resource.objects.published())).values_list(
            "pk", flat=True
        )
    )
    assert len(expected) == 100
    found = matching(filterset)
    for start, stop in [(0, 5), (40, 70), (60, 100), (95, 120)]:
        assert found.pks(Sort.SCOPE, start, stop) == expected[start:stop]


def test_a_term_the_index_lacks_is_read_from_the_database():
    """Only terms of published items are in the index; an item's other terms still show."""
    digest = DocumentType.objects.create(name="Case digest", slug="case-digest", position=99)
    item = ResourceFactory(document_type=digest, status=Status.IN_REVIEW, objectives=["10"])
    ResourceFactory(objectives=["10"])  # published: objective 10 is in the index
    index = current_index()
    fresh = Resource.objects.get(pk=item.pk)
    attach_terms([fresh], ("document_type", "primary_objective"), index=index)
    with CaptureQueriesContext(connection) as context:
        assert fresh.primary_objective.code == "10"
    assert context.captured_queries == []
    assert fresh.document_type == digest
