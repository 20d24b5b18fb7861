"""A patched facet index equals one read whole, and a few items' changes never read it whole."""

import random
import threading
import time

import numpy as np
import pytest
from django.db import connection
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resources.facets import current, matching
from resources.facets.bitrows import with_bit, without_bit
from resources.facets.build import build_index
from resources.facets.current import catalogue_state, current_index
from resources.facets.index import FacetIndex
from resources.filters import ORDERINGS, ResourceFilter, Sort
from resources.models import Kind, Resource, Scope, Status
from resources.search.languages import query_configs
from taxonomy.models import Country, Keyword, Objective, Organization
from tests.factories import OrganizationFactory, ResourceFactory

COUNTRIES = ["NGA", "GHA", "THA", "MEX", "FRA", "PHL"]


def rows_of(index: FacetIndex, group: str) -> dict:
    return {
        name: (
            rows.codes,
            rows.positions,
            rows.bits.tolist(),
            rows.row_of_key,
            [term.pk for term in rows.terms] if rows.terms is not None else None,
            rows.ranks,
        )
        for name, rows in getattr(index, group).items()
    }


def assert_same_index(patched: FacetIndex, whole: FacetIndex) -> None:
    """Compare every array and row of two indexes, whatever their versions."""
    assert patched.ids.tolist() == whole.ids.tolist()
    assert patched.sorted_ids.tolist() == whole.sorted_ids.tolist()
    assert patched.position_of_sorted.tolist() == whole.position_of_sorted.tolist()
    assert patched.years.tolist() == whole.years.tolist()
    assert patched.with_editions.tolist() == whole.with_editions.tolist()
    assert {name: keys.tolist() for name, keys in patched.sort_keys.items()} == {
        name: keys.tolist() for name, keys in whole.sort_keys.items()
    }
    assert {sort: order.tolist() for sort, order in patched.orders.items()} == {
        sort: order.tolist() for sort, order in whole.orders.items()
    }
    assert rows_of(patched, "facets") == rows_of(whole, "facets")
    assert rows_of(patched, "shown") == rows_of(whole, "shown")


def read_whole() -> FacetIndex:
    state = catalogue_state()
    return build_index(
        token=state.token, number=state.number, orderings=ORDERINGS, default_sort=Sort.SCOPE
    )


@pytest.fixture
def whole_reads(monkeypatch):
    """Count the times the current index is read whole from the database."""
    reads = []
    original = current._built

    def counted(*args, **kwargs):
        reads.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(current, "_built", counted)
    return reads


@pytest.fixture
def catalogue(db):
    """Thirty items of every kind, scope, year and state; titles that tie or differ in case."""
    chooser = random.Random(11)
    publishers = [OrganizationFactory() for _ in range(3)]
    keyword = Keyword.objects.create(name="Forced labour", slug="forced-labour")
    titles = ["alpha", "Alpha", "beta", "Émigré", "zeta", "Zeta"]
    for number in range(30):
        ResourceFactory(
            title=f"{chooser.choice(titles)} {number % 4}",
            kind=chooser.choice(Kind.values),
            scope=chooser.choice(Scope.values),
            status=chooser.choice([Status.PUBLISHED] * 3 + [Status.IN_REVIEW, Status.DRAFT]),
            publication_year=chooser.randint(2018, 2022),
            publication_month=chooser.choice([None, 1, 6, 12]),
            countries=chooser.sample(COUNTRIES, chooser.randint(0, 2)),
            publishers=chooser.sample(publishers, chooser.randint(0, 2)),
            keywords=[keyword] if number % 5 == 0 else [],
            objectives=["10", *chooser.sample(["6", "7"], chooser.randint(0, 1))],
        )
    current_index()


def published_item(chooser: random.Random) -> Resource:
    published = list(Resource.objects.published())
    return chooser.choice(published) if published else ResourceFactory()


def publish_or_unpublish(chooser: random.Random) -> None:
    item = chooser.choice(list(Resource.objects.all()))
    item.status = Status.ARCHIVED if item.status == Status.PUBLISHED else Status.PUBLISHED
    item.save()


def edit_order_and_tags(chooser: random.Random) -> None:
    item = published_item(chooser)
    item.title = chooser.choice(["aardvark", "Middle", "zzz last", item.title])
    item.publication_year = chooser.randint(2010, 2026)  # years no item had before, too
    item.publication_month = chooser.choice([None, 3])
    item.scope = chooser.choice(Scope.values)
    item.save()
    item.countries.set(Country.objects.filter(iso3__in=chooser.sample(COUNTRIES, 2)))


def retitle_and_retag(chooser: random.Random) -> None:
    """An edit that keeps the item's numbers: its title, kind and tags change where it is."""
    item = published_item(chooser)
    item.title = chooser.choice(["aardvark", "Middle", "zzz last", "smuggling routes"])
    item.kind = chooser.choice(Kind.values)
    item.save()
    item.countries.set(Country.objects.filter(iso3__in=chooser.sample(COUNTRIES, 1)))
    item.keywords.set(Keyword.objects.all() if chooser.random() < 0.5 else [])


def add_a_new_publisher(chooser: random.Random) -> None:
    """A publisher created after the index was read: the patch learns the new term."""
    item = published_item(chooser)
    number = Organization.objects.count()
    item.publishers.add(
        Organization.objects.create(name=f"New publisher {number}", slug=f"new-publisher-{number}")
    )


def link_editions(chooser: random.Random) -> None:
    first, second = chooser.sample(list(Resource.objects.all()), 2)
    first.language_editions.add(second)


def publish_a_new_item(chooser: random.Random) -> None:
    ResourceFactory(
        title=chooser.choice(["alpha 9", "Beta new"]),
        countries=["PHL"],
        publication_year=chooser.randint(2000, 2030),
        objectives=["23"],
    )


def delete_a_published_item(chooser: random.Random) -> None:
    published_item(chooser).delete()


CHANGES = [
    publish_or_unpublish,
    edit_order_and_tags,
    retitle_and_retag,
    add_a_new_publisher,
    link_editions,
    publish_a_new_item,
    delete_a_published_item,
]


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(CHANGES), st.integers(0, 1000)), min_size=1, max_size=4
    )
)
def test_a_patched_index_equals_the_index_read_whole(catalogue, whole_reads, steps):
    for change, seed in steps:
        change(random.Random(seed))
        if random.Random(seed).random() < 0.7:  # sometimes several changes before a request
            assert_same_index(current_index(), read_whole())
    assert_same_index(current_index(), read_whole())
    assert whole_reads == []


def test_publishing_one_item_is_a_patch_of_bounded_cost(
    catalogue, whole_reads, django_assert_max_num_queries
):
    draft = ResourceFactory(status=Status.IN_REVIEW, countries=["NGA"])
    before = current_index()
    Resource.objects.filter(pk=draft.pk).update(status=Status.PUBLISHED)
    with django_assert_max_num_queries(30):
        after = current_index()
    assert after.size == before.size + 1 and draft.pk in after.ids.tolist()
    assert whole_reads == []


def test_a_patch_keeps_the_cards_of_unchanged_items_only(catalogue):
    index = current_index()
    first, second = (int(pk) for pk in index.ids[:2])
    index.rendered.put(("card", "card.html", "en", first), "first")
    index.rendered.put(("card", "card.html", "en", second), "second")
    index.rendered.put(("fragment", "home-entry-points", "en"), "counts")
    Resource.objects.filter(pk=first).update(title="Edited")
    patched = current_index()
    assert patched is not index
    assert patched.rendered.peek(("card", "card.html", "en", second)) == "second"
    assert patched.rendered.peek(("card", "card.html", "en", first)) is None
    assert patched.rendered.peek(("fragment", "home-entry-points", "en")) not in (None, "counts")


def test_a_remembered_search_follows_a_patch_asking_only_about_the_changed_items(catalogue):
    ResourceFactory(title="Smuggling of migrants: a report")
    gone = ResourceFactory(title="Smuggling routes, soon archived")

    def found_by_search() -> list[int]:
        filterset = ResourceFilter(QueryDict("q=smuggling"), queryset=Resource.objects.published())
        found = matching(filterset)
        return found.pks(Sort.RELEVANCE, 0, found.count)

    def expected() -> list[int]:
        filterset = ResourceFilter(QueryDict("q=smuggling"), queryset=Resource.objects.published())
        return list(
            filterset.ordered(filterset.filter_queryset(Resource.objects.published())).values_list(
                "pk", flat=True
            )
        )

    assert found_by_search() == expected()
    new = ResourceFactory(title="Another study of smuggling", status=Status.IN_REVIEW)
    Resource.objects.filter(pk=new.pk).update(status=Status.PUBLISHED)
    Resource.objects.filter(pk=gone.pk).update(status=Status.ARCHIVED)
    carried = current_index().matched.peek(("exact", query_configs()[0], "smuggling"))
    assert carried.unchecked == {new.pk, gone.pk}
    assert gone.pk not in carried.pks.tolist()
    assert found_by_search() == expected()
    assert new.pk in found_by_search() and gone.pk not in found_by_search()
    assert not current_index().matched.peek(("exact", query_configs()[0], "smuggling")).unchecked


# A word, a synonym of a group (migration 0012's), a misspelling, an exclusion, and a title.
QUERIES = ["smuggling", "smuggling of migrants", "smugling", "alpha -zeta", "report"]


def searched(query: str) -> tuple[str, list[int]]:
    """Return the correction searched instead, if any, and the results by relevance."""
    filterset = ResourceFilter(QueryDict(f"q={query}"), queryset=Resource.objects.published())
    found = matching(filterset)
    return filterset.corrected_query, found.pks(Sort.RELEVANCE, 0, found.count)


def publish_a_search_match(chooser: random.Random) -> None:
    ResourceFactory(
        title=chooser.choice(["Migrant smuggling report", "Smuggling of migrants", "Zeta alpha"]),
        summary=chooser.choice(["Smuggling by sea.", "A report.", ""]),
        publication_year=chooser.randint(2018, 2022),
    )


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    steps=st.lists(
        st.tuples(st.sampled_from([*CHANGES, publish_a_search_match]), st.integers(0, 1000)),
        min_size=1,
        max_size=3,
    )
)
def test_remembered_searches_after_a_patch_equal_fresh_searches(catalogue, steps):
    """Carried over a patch, a search (synonyms, corrections) finds what a fresh one would."""
    for title in ["Smuggling routes at sea", "Migrant smuggling: a report", "Smuggling report"]:
        ResourceFactory(title=title, summary="Smuggling of migrants across borders.")
    for change, seed in steps:
        for query in QUERIES:
            searched(query)  # remembered by the index the change will be patched into
        change(random.Random(seed))
        carried = {query: searched(query) for query in QUERIES}
        current.forget_index()
        assert carried == {query: searched(query) for query in QUERIES}


def test_a_taxonomy_change_or_many_items_read_the_index_whole(catalogue, whole_reads, monkeypatch):
    monkeypatch.setattr(current, "PATCH_LIMIT", 5)
    Objective.objects.filter(code="10").update(short_name="Renamed objective")
    current_index()
    assert len(whole_reads) == 1
    Resource.objects.update(title="All touched")
    index = current_index()
    assert len(whole_reads) == 2 and index.token == catalogue_state().token


def test_an_index_read_before_a_rolled_back_change_is_read_whole(catalogue, whole_reads):
    from django.db import transaction

    try:
        with transaction.atomic():
            ResourceFactory(countries=["NGA"])
            current_index()
            raise RuntimeError("abandon the change")
    except RuntimeError:
        pass
    ResourceFactory(countries=["GHA"])  # the same version number, another history
    assert_same_index(current_index(), read_whole())
    assert whole_reads


def test_requests_answer_from_the_last_index_while_another_thread_updates_it(catalogue):
    index = current_index()
    Objective.objects.filter(code="10").update(short_name="Renamed objective")
    reading, done = threading.Event(), threading.Event()

    def read_whole_slowly() -> None:
        with current._lock:  # what a thread reading the whole catalogue holds
            reading.set()
            done.wait(10)

    thread = threading.Thread(target=read_whole_slowly)
    thread.start()
    reading.wait(10)
    started = time.monotonic()
    try:
        assert current_index() is index
        assert time.monotonic() - started < 0.5
    finally:
        done.set()
        thread.join()
    assert current_index().token == catalogue_state().token


@pytest.mark.django_db(transaction=True)
def test_a_served_process_follows_publications_between_requests():
    """The follower patches the index itself: no request has to notice the change."""
    ResourceFactory(countries=["NGA"])
    draft = ResourceFactory(status=Status.IN_REVIEW, countries=["GHA"])
    before = current_index()
    stop = threading.Event()
    follower = current.follow_catalogue(every=0.02, stop=stop)
    try:
        Resource.objects.filter(pk=draft.pk).update(status=Status.PUBLISHED)
        state = catalogue_state()
        deadline = time.monotonic() + 10
        while current._current[current._KEY].token != state.token:
            assert time.monotonic() < deadline, "the follower did not patch the index"
            time.sleep(0.02)
    finally:
        stop.set()
        follower.join(5)
    followed = current._current[current._KEY]
    assert followed.size == before.size + 1 and draft.pk in followed.ids.tolist()


@pytest.mark.django_db(transaction=True)
def test_on_postgresql_a_publication_wakes_the_follower_at_once():
    """The follower hears the new version announced, long before its next look."""
    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL announces new catalogue versions")
    ResourceFactory(countries=["NGA"])
    draft = ResourceFactory(status=Status.IN_REVIEW, countries=["GHA"])
    current_index()
    stop = threading.Event()
    follower = current.follow_catalogue(every=60, stop=stop)
    try:
        time.sleep(0.5)  # the follower is listening
        Resource.objects.filter(pk=draft.pk).update(status=Status.PUBLISHED)
        state = catalogue_state()
        deadline = time.monotonic() + 5
        while current._current[current._KEY].token != state.token:
            assert time.monotonic() < deadline, "the follower did not hear the publication"
            time.sleep(0.02)
    finally:
        stop.set()
        with connection.cursor() as cursor:  # ends the follower's wait
            cursor.execute(f"NOTIFY {current.CATALOGUE_CHANNEL}")
        follower.join(5)
    assert not follower.is_alive()
    assert draft.pk in current._current[current._KEY].ids.tolist()


@settings(max_examples=200, deadline=None)
@given(size=st.integers(1, 300), rows=st.integers(0, 3), data=st.data())
def test_bits_move_like_a_list_when_one_is_taken_out_or_put_in(size, rows, data):
    flags = np.array(
        data.draw(
            st.lists(
                st.lists(st.booleans(), min_size=size, max_size=size), min_size=rows, max_size=rows
            )
        ),
        dtype=bool,
    )
    flags = flags.reshape(rows, size)
    words = (size + 63) // 64

    def packed(table: np.ndarray) -> np.ndarray:
        padded = np.zeros((table.shape[0], ((table.shape[1] + 63) // 64) * 64), dtype=bool)
        padded[:, : table.shape[1]] = table
        return (
            np.packbits(padded, axis=1, bitorder="little")
            .view(np.uint64)
            .reshape(table.shape[0], (table.shape[1] + 63) // 64)
        )

    bits = packed(flags)
    assert bits.shape == (rows, words)
    taken = data.draw(st.integers(0, size - 1))
    assert (
        without_bit(bits, taken, size).tolist() == packed(np.delete(flags, taken, axis=1)).tolist()
    )
    put = data.draw(st.integers(0, size))
    assert (
        with_bit(bits, put, size).tolist() == packed(np.insert(flags, put, False, axis=1)).tolist()
    )
