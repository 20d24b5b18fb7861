"""Text from outside loses NUL and control characters, whichever channel it goes through."""

import pytest

from hub.text import clean_text, list_items
from resources.citations import clean_text as citation_text
from resources.search import clean_query


def test_control_characters_become_spaces_and_spacing_is_collapsed():
    assert clean_text("Traf\x00ficking\x1b in \x85 persons\r\n") == "Traf ficking in persons"


def test_the_search_marks_never_come_from_outside():
    assert clean_text("a\ue000b\ue001c") == "a b c"


def test_the_length_is_bounded_when_asked():
    assert clean_text("word " * 200, max_length=12) == "word word wo"
    assert clean_text(None) == ""


def test_queries_and_citations_clean_text_alike():
    raw = "Human\x00 trafficking\x07 \x9f report"
    assert clean_query(raw) == citation_text(raw) == clean_text(raw) == "Human trafficking report"


@pytest.mark.parametrize(
    "typed",
    [
        "forced labour, debt bondage; child labour\nrecruitment",
        "forced labour، debt bondage؛ child labour\nrecruitment",
        "forced labour，debt bondage；child labour、recruitment",
    ],
)
def test_a_list_is_split_at_the_commas_and_semicolons_of_every_un_language(typed):
    assert list_items(typed) == ["forced labour", "debt bondage", "child labour", "recruitment"]


def test_a_list_leaves_out_empty_items_and_tidies_spacing():
    assert list_items(" ,  human   trafficking ,, ") == ["human trafficking"]
