"""One link normaliser: what identifies a page, not where the reader came from."""

import pytest

from resources.links import normalize_url
from resources.opendata.importer import normalized_url
from resources.submission.duplicates import normalize_url as duplicate_url


@pytest.mark.parametrize(
    "link",
    [
        "https://www.Example.org/report/",
        "http://example.org/report",
        "https://example.org/report?utm_source=newsletter&utm_campaign=x",
        "https://example.org//report#summary",
        "https://example.org:443/report?fbclid=abc",
    ],
)
def test_spellings_of_one_page_are_one_link(link):
    assert normalize_url(link) == "example.org/report"


def test_a_real_query_is_kept_in_a_fixed_order():
    assert normalize_url("https://example.org/r?b=2&utm_medium=x&a=1") == "example.org/r?a=1&b=2"


def test_a_link_without_a_host_is_no_link():
    assert normalize_url("not a link") == ""
    assert normalize_url("http://[broken") == ""


def test_the_importer_and_the_duplicate_check_use_the_same_normaliser():
    link = "https://www.example.org/report/?utm_source=feed"
    assert normalized_url(link) == duplicate_url(link) == normalize_url(link)
