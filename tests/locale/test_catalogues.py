"""Every catalogue is complete, correct in its placeholders and plurals, and compiled."""

import gettext
import os
import re
import shutil
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

from tests.locale.catalogues import TRANSLATED_LANGUAGES, catalogue, catalogue_path

PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]")
# Plural forms in each language: Arabic zero, one, two, few, many, other; Russian one, few, many.
PLURAL_FORMS = {"ar": 6, "zh-hans": 1, "fr": 2, "ru": 3, "es": 2}


def messages(language):
    return [message for message in catalogue(language) if message.id]


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    untranslated = [
        message.id
        for message in messages(language)
        if message.fuzzy or not message.string or (message.pluralizable and not all(message.string))
    ]
    assert untranslated == []


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_translations_keep_the_placeholders_of_the_english(language):
    wrong = []
    for message in messages(language):
        english = message.id if message.pluralizable else (message.id,)
        wanted = set().union(*(PLACEHOLDER.findall(text) for text in english))
        forms = message.string if message.pluralizable else (message.string,)
        for form in filter(None, forms):
            found = set(PLACEHOLDER.findall(form))
            # A plural form may leave the count out ("one resource", "مورد واحد").
            if found - wanted or wanted - found - {"%(count)s", "%(counter)s"}:
                wrong.append((english[0], form))
    assert wrong == []


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_each_language_has_its_own_plural_forms(language):
    translations = catalogue(language)
    assert translations.num_plurals == PLURAL_FORMS[language]
    plural_messages = [message for message in messages(language) if message.pluralizable]
    assert plural_messages
    for message in plural_messages:
        assert len(message.string) == PLURAL_FORMS[language], message.id


def test_russian_and_arabic_choose_the_plural_form_by_the_number():
    # 1 ресурс, 3 ресурса, 5 ресурсов, 21 ресурс; Arabic 0, 1, 2, 3–10, 11–99, 100.
    assert [_form("ru", n) for n in (1, 3, 5, 11, 21, 24, 25)] == [0, 1, 2, 2, 0, 1, 2]
    assert [_form("ar", n) for n in (0, 1, 2, 3, 11, 100, 102)] == [0, 1, 2, 3, 4, 5, 5]


def _form(language, n):
    translations = gettext.GNUTranslations(catalogue_path(language, "mo").open("rb"))
    return translations.plural(n)


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_the_compiled_catalogue_is_up_to_date_with_its_source(language):
    with catalogue_path(language, "mo").open("rb") as compiled:
        served = dict(gettext.GNUTranslations(compiled)._catalog)
    served.pop("", None)
    expected = {}
    for message in messages(language):
        forms = message.string if message.pluralizable else (message.string,)
        if message.fuzzy or not all(forms):
            continue
        prefix = f"{message.context}\x04" if message.context else ""
        if message.pluralizable:
            for index, form in enumerate(message.string):
                expected[(prefix + message.id[0], index)] = form
        else:
            expected[prefix + message.id] = message.string
    stale = {key for key in expected.keys() | served.keys() if expected.get(key) != served.get(key)}
    examples = sorted(map(str, stale))[:3]
    assert not stale, f"run `make messages`: {len(stale)} messages differ, e.g. {examples}"


SOURCE_IGNORED = shutil.ignore_patterns(".venv", ".git", "staticfiles", "media", "*.pyc", "*.mo")


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext's xgettext")
def test_the_catalogues_hold_every_string_of_the_interface(tmp_path):
    copy = tmp_path / "hub"
    shutil.copytree(settings.BASE_DIR, copy, ignore=SOURCE_IGNORED)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "fr"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={**os.environ, "DATABASE_URL": "sqlite://:memory:"},
    )
    with (copy / "locale" / "fr" / "LC_MESSAGES" / "django.po").open("rb") as gathered:
        wanted = {(message.id, message.context) for message in read_po(gathered) if message.id}
    held = {(message.id, message.context) for message in messages("fr")}
    missing = sorted(str(key) for key in wanted - held)
    assert not missing, f"run `make messages` and translate: {missing[:5]}"
