"""Dates and counts are written as each language writes them; machines still read digits."""

import datetime

import pytest
from django.utils import translation
from django.utils.formats import date_format

from resources.models import Kind
from tests.factories import ResourceFactory
from tests.languages import address_in, choose_language, item_address_in

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 12, 11)
EXPECTED = {
    "en": "11 December 2024",
    "fr": "11 décembre 2024",
    "es": "11 de diciembre de 2024",
    # Genitive month and no "г.", as the issue asks (hub/formats/ru says why).
    "ru": "11 декабря 2024",
    "ar": "11 ديسمبر 2024",
    "zh-hans": "2024年12月11日",
}


@pytest.mark.parametrize(("language", "expected"), EXPECTED.items())
def test_each_language_writes_a_date_its_own_way(language, expected):
    with translation.override(language):
        assert date_format(DAY, "DATE_FORMAT") == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "December 2024"), ("fr", "décembre 2024"), ("zh-hans", "2024年12月")],
)
def test_a_month_without_a_day_is_written_as_month_and_year(language, expected):
    item = ResourceFactory.build(publication_year=2024, publication_month=12)
    with translation.override(language):
        assert item.publication_date_display == expected


@pytest.mark.parametrize(("language", "expected"), EXPECTED.items())
def test_the_item_page_shows_its_date_in_the_page_language(client, language, expected):
    item = ResourceFactory(publication_year=2024, publication_month=12, publication_day=11)
    choose_language(client, language)
    html = client.get(item_address_in(language, item)).content.decode()
    assert f"<span>{expected}</span>" in html
    # The address filtering by the year keeps plain digits in every language.
    assert "year_from=2024&amp;year_to=2024" in html


def test_an_events_time_is_readable_by_machines_whatever_the_language(client):
    moment = datetime.datetime(2025, 3, 4, 9, tzinfo=datetime.UTC)
    item = ResourceFactory(kind=Kind.EVENT, starts_at=moment, document_type=None)
    choose_language(client, "ru")
    html = client.get(item_address_in("ru", item)).content.decode()
    assert (
        '<time datetime="2025-03-04T09:00:00+00:00">4 марта 2025, 09:00 <bdi>UTC</bdi></time>'
        in (html)
    )


def test_facet_counts_are_grouped_in_the_page_language_but_not_in_their_addresses():
    from types import SimpleNamespace

    from resources.templatetags.browse import facet_options

    option = SimpleNamespace(selected=False, count=12345, url="?year=2024", label="2024")
    with translation.override("fr"):
        html = facet_options([option], "/resources/")
    assert '<span aria-hidden="true">12\xa0345</span>' in html
    assert "12\xa0345 ressources" in html
    assert 'href="/resources/?year=2024"' in html and ">2024</span>" in html


@pytest.mark.parametrize(("language", "shown"), [("fr", "12\xa0345"), ("zh-hans", "12,345")])
def test_the_home_page_groups_its_figures(client, monkeypatch, language, shown):
    from hub import views

    totals = {"resources": 12345, "countries": 120, "publishers": 1200}
    monkeypatch.setattr(views, "catalogue_totals", lambda **kwargs: totals)
    html = client.get(address_in(language, "home")).content.decode()
    assert f"<strong>{shown}</strong>" in html
