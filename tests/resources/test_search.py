"""Full-text search: PostgreSQL ranking and syntax, trigram fallback, SQLite substring match."""

import pytest
from django.db import connection
from django.http import QueryDict
from hypothesis import given, settings
from hypothesis import strategies as st

from resources.browse import browse_page
from resources.models import SearchWord
from resources.search import clean_query, parse_query
from taxonomy.models import Keyword
from tests.factories import OrganizationFactory, ResourceFactory
from tests.results import result_titles

pytestmark = pytest.mark.django_db


def titles(query: str, extra: str = "") -> list[str]:
    params = QueryDict(mutable=True)
    params["q"] = query
    for key, value in QueryDict(extra).lists():
        params.setlist(key, value)
    page = browse_page(params=params, page_size=100)
    return result_titles(page.page.object_list)


@pytest.fixture
def catalogue():
    ResourceFactory(
        title="Forced criminality in online scam centres",
        summary="Victims are coerced into committing crimes.",
    )
    ResourceFactory(
        title="Labour migration and recruitment fees",
        summary="Trafficking for forced criminality is rising in the region.",
    )
    ResourceFactory(
        title="Smuggling of migrants at sea", summary="Smuggling and trafficking differ in law."
    )
    ResourceFactory(
        title="Child protection along migration routes",
        summary="Children travelling alone need guardians.",
        keywords=[Keyword.objects.create(name="child trafficking", slug="child-trafficking")],
    )
    ResourceFactory(
        title="Climate change and displacement",
        summary="Disasters and human mobility.",
        publishers=[OrganizationFactory(name="Walk Free", slug="walk-free")],
    )
    ResourceFactory(
        title="Unpublished criminality draft", summary="forced criminality", status="submitted"
    )


def test_search_finds_title_summary_keywords_and_publishers(catalogue):
    assert "Child protection along migration routes" in titles("child trafficking")
    assert titles("Walk Free") == ["Climate change and displacement"]
    assert set(titles("criminality")) == {
        "Forced criminality in online scam centres",
        "Labour migration and recruitment fees",
    }


def test_search_never_returns_unpublished_items(catalogue):
    assert "Unpublished criminality draft" not in titles("criminality")


def test_search_combines_with_facets(catalogue):
    ResourceFactory(title="Criminality in Nigeria", countries=["NGA"])
    assert titles("criminality", "country=NGA") == ["Criminality in Nigeria"]


def test_query_syntax_phrase_or_and_exclusion(catalogue):
    assert titles('"forced criminality" -scam') == ["Labour migration and recruitment fees"]
    assert set(titles("smuggling or climate")) == {
        "Smuggling of migrants at sea",
        "Climate change and displacement",
    }
    assert titles('"criminality forced"') == []


def test_snippets_highlight_the_matched_words(catalogue):
    params = QueryDict("q=guardians")
    page = browse_page(params=params)
    snippet = next(iter(page.snippets.values()))
    assert "<mark>guardians</mark>" in snippet


def test_snippets_escape_html_in_summaries():
    ResourceFactory(title="Escaping", summary="Trafficking & <em>exploitation</em> <script>x")
    page = browse_page(params=QueryDict("q=trafficking"))
    snippet = next(iter(page.snippets.values()))
    assert "<mark>" in snippet
    assert "<em>" not in snippet and "<script>" not in snippet


@pytest.mark.postgres
def test_title_matches_rank_above_summary_matches(catalogue):
    ranked = titles("criminality")
    assert ranked[0] == "Forced criminality in online scam centres"
    assert ranked[1] == "Labour migration and recruitment fees"


@pytest.mark.postgres
def test_stemming_matches_other_word_forms(catalogue):
    assert "Child protection along migration routes" in titles("child")
    assert "Smuggling of migrants at sea" in titles("migrant")


@pytest.mark.postgres
def test_a_misspelling_still_finds_the_resource(catalogue):
    page = browse_page(params=QueryDict("q=criminalty"))
    found = set(result_titles(page.page.object_list))
    assert "Forced criminality in online scam centres" in found
    assert page.corrected == "criminality"
    page = browse_page(params=QueryDict("q=smugling"))
    assert "Smuggling of migrants at sea" in result_titles(page.page.object_list)


@pytest.mark.postgres
def test_a_word_too_far_for_a_correction_finds_similar_words(catalogue):
    """Three letters off is no spelling correction, but the similar words still find it."""
    page = browse_page(params=QueryDict("q=criminalityies"))
    assert "Forced criminality in online scam centres" in result_titles(page.page.object_list)
    assert page.similar
    assert not page.corrected


@pytest.mark.postgres
def test_every_misspelt_word_must_find_a_similar_one(catalogue):
    """Two misspellings are both corrected; a word like nothing in the catalogue finds nothing."""
    page = browse_page(params=QueryDict("q=smugling+migrnts"))
    assert result_titles(page.page.object_list) == ["Smuggling of migrants at sea"]
    assert page.corrected == "smuggling migrants"
    assert titles("smugling qwxzvbk") == []


@pytest.mark.postgres
@pytest.mark.parametrize(
    "path", ["/resources/", "/resources/export.csv", "/api/resources/", "/resources/feed.rss"]
)
def test_a_word_like_nothing_lists_nothing_in_any_order(client, catalogue, path):
    """Sorted by relevance, an empty similar-word search is an empty list, not an error."""
    response = client.get(path, {"q": "qwxzvbk", "sort": "relevance"})
    assert response.status_code == 200
    assert b"Smuggling of migrants" not in b"".join(
        response.streaming_content if response.streaming else [response.content]
    )


@pytest.mark.postgres
def test_saving_an_item_teaches_the_search_its_words(catalogue):
    """A new item's title words are matched at once, misspelt, by the very next search."""
    assert titles("ombudsprson") == []
    ResourceFactory(title="The ombudsperson's annual report", summary="Oversight.")
    assert SearchWord.objects.filter(word="ombudsperson").exists()
    assert titles("ombudsprson") == ["The ombudsperson's annual report"]


@pytest.mark.postgres
def test_exact_matches_do_not_switch_to_similar_words(catalogue):
    assert not browse_page(params=QueryDict("q=criminality")).similar


@pytest.mark.postgres
def test_precise_syntax_is_never_widened_to_similar_words(catalogue):
    assert titles('"criminalty forced"') == []
    assert not browse_page(params=QueryDict("q=criminalty+-scam")).similar


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the substring fallback is SQLite's")
def test_sqlite_matches_case_insensitively_over_the_same_fields(catalogue):
    assert set(titles("CRIMINALITY")) == {
        "Forced criminality in online scam centres",
        "Labour migration and recruitment fees",
    }
    assert titles("walk free") == ["Climate change and displacement"]


def test_parse_query_reads_websearch_syntax():
    groups = parse_query('"forced labour" -smuggling or climate')
    assert [[(t.text, t.excluded) for t in group] for group in groups] == [
        [("forced labour", False), ("smuggling", True)],
        [("climate", False)],
    ]
    assert parse_query("-only -excluded") == []
    assert parse_query("or or") == []


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_parse_query_accepts_any_text(text):
    groups = parse_query(clean_query(text))
    assert all(term.text for group in groups for term in group)


def test_clean_query_removes_nul_and_bounds_length():
    assert clean_query("a\x00b") == "a b"
    assert len(clean_query("x" * 5000)) == 500
