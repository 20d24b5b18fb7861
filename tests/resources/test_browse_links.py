"""Facet links are built from one encoding of the query; they equal the general builder's."""

from django.http import QueryDict
from hypothesis import given
from hypothesis import strategies as st

from resources.browse import _Links, _toggle_url, _url

KEYS = ["q", "objective", "country", "region", "year_from", "year_to", "sort", "page", "ünï"]
VALUES = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=6)
QUERIES = st.lists(st.tuples(st.sampled_from(KEYS), VALUES), max_size=8)


def query_dict(pairs: list[tuple[str, str]]) -> QueryDict:
    data = QueryDict(mutable=True)
    for key, value in pairs:
        data.appendlist(key, value)
    return data


@given(pairs=QUERIES, parameter=st.sampled_from(KEYS[:6]), code=VALUES, remove=st.booleans())
def test_a_facet_link_is_the_toggled_query(pairs, parameter, code, remove):
    data = query_dict(pairs)
    assert _Links(data).toggle(parameter, code, remove=remove) == _toggle_url(
        data, parameter, code, remove=remove
    )


@given(pairs=QUERIES, year=st.integers(1900, 2100).map(str))
def test_a_year_link_is_the_query_with_that_year(pairs, year):
    data = query_dict(pairs)
    assert _Links(data).setting({"year_from": [year], "year_to": [year]}) == _url(
        data, set_values={"year_from": [year], "year_to": [year]}
    )
