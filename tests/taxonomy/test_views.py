"""Objective and landing pages name their terms in the visitor's language.

The Compact's own text is shown in English, marked as English, where its official text
in the visitor's language has not been entered.
"""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from taxonomy.models import Objective, ObjectiveAction
from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db

NOTICE = "The Compact's text is shown in English until its official text in this language is added."


def page_in(client, language: str, name: str, *args):
    """Ask for a page in a language, by its address in that language and the browser's."""
    with translation.override(language):
        url = reverse(name, args=args)
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


def test_the_objective_page_in_french_shows_the_compacts_english_text_marked_as_english(client):
    ten = Objective.objects.get(code="10")
    html = page_in(client, "fr", "taxonomy:objective", "10")
    with translation.override("fr"):
        notice = gettext(NOTICE)
    assert ten.title_fr in html
    assert notice in html
    commitment = ten.commitment_en.split("\n")[0]
    assert f'<div lang="en" dir="ltr"><p>{commitment}' in html
    first_action = ObjectiveAction.objects.get(objective=ten, letter="a")
    assert f'<span lang="en" dir="ltr">{first_action.text_en}</span>' in html


def test_the_objective_page_in_english_has_no_notice(client):
    html = page_in(client, "en", "taxonomy:objective", "10")
    assert NOTICE not in html
    assert 'lang="en" dir="ltr"' in html


def test_the_objective_page_shows_official_text_once_an_editor_enters_it(client):
    Objective.objects.filter(code="10").update(commitment_fr="Nous nous engageons à prévenir.")
    html = page_in(client, "fr", "taxonomy:objective", "10")
    assert '<div lang="fr" dir="ltr"><p>Nous nous engageons à prévenir.</p></div>' in html


def test_a_country_page_in_arabic_and_chinese_names_the_country_in_that_language(client):
    ResourceFactory(countries=["CIV"])
    assert "كوت ديفوار" in page_in(client, "ar", "taxonomy:country", "CIV")
    assert "科特迪瓦" in page_in(client, "zh-hans", "taxonomy:country", "CIV")


def test_a_landing_page_marks_an_english_description_as_english(client):
    html = page_in(client, "es", "taxonomy:region", "africa")
    assert "África" in html
    assert '<div class="prose" lang="en" dir="ltr">' in html
