"""The catalogues use the UN's own terms, as the glossary lists them."""

import pytest
from modeltranslation.utils import build_localized_fieldname

from taxonomy.translation import NAMED_FIELDS
from tests.locale.catalogues import TRANSLATED_LANGUAGES, catalogue, glossary, mentions, uses


def test_the_glossary_gives_every_term_in_every_language_with_its_source():
    terms = glossary()
    assert {term.english for term in terms} >= {
        "trafficking in persons",
        "smuggling of migrants",
        "Global Compact for Safe, Orderly and Regular Migration",
    }
    for term in terms:
        assert term.source
        assert all(all(term.translations[language]) for language in TRANSLATED_LANGUAGES)


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_every_translation_of_a_glossary_term_uses_the_un_term(language):
    strays = []
    for message in catalogue(language):
        if not message.id or not message.string:
            continue
        english = " ".join(message.id) if message.pluralizable else message.id
        forms = message.string if message.pluralizable else (message.string,)
        for term in glossary():
            if not mentions(english, term.english):
                continue
            accepted = term.translations[language]
            for form in filter(None, forms):
                if not any(uses(form, translation, language) for translation in accepted):
                    strays.append((term.english, english[:60], form[:60]))
    assert strays == []


@pytest.mark.parametrize(
    ("language", "text", "term", "expected"),
    [
        ("fr", "Lutte contre la traite de personnes", "traite des personnes", True),
        ("fr", "Le trafic de personnes", "traite des personnes", False),
        ("ru", "Борьба с торговлей людьми", "торговля людьми", True),
        ("ru", "Контрабанда людей", "торговля людьми", False),
        ("ar", "مكافحة الاتجار بالأشخاص والمهاجرين", "الاتجار بالأشخاص", True),
        ("ar", "تهريب المهاجرين", "الاتجار بالأشخاص", False),
        ("zh-hans", "打击贩运人口行动", "贩运人口", True),
        ("zh-hans", "打击人口走私", "贩运人口", False),
        ("es", "Tráfico ilícito de migrantes por tierra", "tráfico ilícito de migrantes", True),
    ],
)
def test_a_term_is_recognised_through_its_inflections_and_only_then(language, text, term, expected):
    assert uses(text, term, language) is expected


def test_an_acronym_is_recognised_only_in_capitals():
    assert mentions("Confirm the UN affiliation", "UN")
    assert not mentions("Undo the change", "UN")
    assert not mentions("An un-reviewed item", "UN")


@pytest.mark.django_db
@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_the_taxonomys_names_use_the_un_terms_too(language):
    strays = []
    for model, fields in NAMED_FIELDS.items():
        for term_row in model.objects.all():
            for field in fields:
                english = getattr(term_row, build_localized_fieldname(field, "en"))
                translated = getattr(term_row, build_localized_fieldname(field, language))
                for term in glossary():
                    if not translated or not mentions(english, term.english):
                        continue
                    accepted = term.translations[language]
                    if not any(uses(translated, each, language) for each in accepted):
                        strays.append((term.english, english, translated))
    assert strays == []
