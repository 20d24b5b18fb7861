"""Give every term its name in the six UN languages, each with its source.

English names are today's names (copied into the English column). French and Spanish
short names come from the Migration Network Hub; the other objective and principle
names and the document types from ``translated_names.csv`` (working translations unless
marked otherwise); country, language and region names from Unicode CLDR through Babel,
read when this migration runs, with the UN's own country names overriding CLDR's
(``un_country_names.csv``). A name an editor has already entered is never overwritten.
Migrations are frozen history: the lists of fields are written out here.
"""

import csv
from pathlib import Path

import babel
from django.db import migrations
from django.db.models import F

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

LANGUAGES = ["ar", "zh-hans", "en", "fr", "ru", "es"]
OTHER_LANGUAGES = [code for code in LANGUAGES if code != "en"]
BABEL_LOCALES = {"zh-hans": "zh_Hans"}

# Model → its translated fields, copied into the English column.
TRANSLATED = {
    "Objective": ["short_name", "title", "introduction", "commitment", "background"],
    "ObjectiveAction": ["text"],
    "GuidingPrinciple": ["name", "description"],
    "Region": ["name", "description"],
    "Country": ["name"],
    "DocumentType": ["name", "description"],
    "Language": ["name"],
}
# Model → {name field: source of today's English names}.
ENGLISH_SOURCES = {
    "Objective": {"short_name": "hub", "title": "official"},
    "GuidingPrinciple": {"name": "official"},
    "Region": {"name": "official"},
    "Country": {"name": "official"},
    "DocumentType": {"name": "hub"},
    "Language": {"name": "cldr"},
}
# The list named in the data files → (model, code field).
LISTS = {
    "objective": ("Objective", "code"),
    "principle": ("GuidingPrinciple", "slug"),
    "document_type": ("DocumentType", "slug"),
}


def column(field, language):
    """Name a field's column in one language: ``name_zh_hans``."""
    return f"{field}_{language.replace('-', '_')}"


def read_csv(name):
    """Return the rows of a CSV file in the data folder as dictionaries."""
    with open(DATA_DIR / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def babel_locale(language):
    """Return the CLDR locale of one of the six languages."""
    return babel.Locale.parse(BABEL_LOCALES.get(language, language))


def list_name(name):
    """Capitalise a CLDR name's first letter, as CLDR's rule for lists and menus asks."""
    return name[:1].upper() + name[1:]


def hub_names():
    """Return (list, code, field, language, name, source) of the Hub's French and Spanish names."""
    for row in read_csv("gcm-short-names-fr-es.csv"):
        field = "short_name" if row["list"] == "objective" else "name"
        for language in ("fr", "es"):
            name = row[language]
            if row["list"] == "objective":
                name = f"{row['code']} - {name}"
            yield row["list"], row["code"], field, language, name, "hub"


def listed_names():
    """Return the names of ``translated_names.csv``, objectives numbered as in English."""
    for row in read_csv("translated_names.csv"):
        name = row["name"]
        if row["list"] == "objective" and row["field"] == "short_name" and row["code"].isdigit():
            name = f"{row['code']} - {name}"
        yield row["list"], row["code"], row["field"], row["language"], name, row["source"]


def country_names():
    """Return {(ISO3, language): (name, source)}: CLDR's, then the UN's where they differ."""
    countries = read_csv("countries.csv")
    names = {}
    for language in OTHER_LANGUAGES:
        territories = babel_locale(language).territories
        for country in countries:
            names[country["iso3"], language] = (territories[country["iso2"]], "cldr")
    for row in read_csv("un_country_names.csv"):
        names[row["iso3"], row["language"]] = (row["name"], "official")
    return names


def set_name(instance, field, language, name, source):
    """Set one translated name and its source, unless an editor has entered one."""
    if getattr(instance, column(field, language)) and (
        getattr(instance, column(f"{field}_source", language)) == "editor"
    ):
        return
    setattr(instance, column(field, language), name)
    setattr(instance, column(f"{field}_source", language), source)


def save_all(model, instances, fields):
    """Write the named fields of every instance in one statement per batch."""
    columns = [column(f, lang) for f in fields for lang in LANGUAGES]
    columns += [column(f"{f}_source", lang) for f in fields for lang in LANGUAGES]
    model.objects.bulk_update(instances, columns, batch_size=100)


def load(apps, schema_editor):
    """Copy today's names into English, then load every other language's names."""
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model("taxonomy", model_name)
        for field in fields:
            model.objects.filter(**{f"{column(field, 'en')}__isnull": True}).update(
                **{column(field, "en"): F(field)}
            )
        for field, source in ENGLISH_SOURCES.get(model_name, {}).items():
            model.objects.filter(**{column(f"{field}_source", "en"): ""}).update(
                **{column(f"{field}_source", "en"): source}
            )
            model.objects.filter(**{f"{column(f'{field}_source', 'en')}__isnull": True}).update(
                **{column(f"{field}_source", "en"): source}
            )

    for list_key, (model_name, code_field) in LISTS.items():
        model = apps.get_model("taxonomy", model_name)
        by_code = {getattr(term, code_field): term for term in model.objects.all()}
        by_english = {term.name: term for term in by_code.values()} if list_key == "principle" else {}
        fields = set()
        for listed, code, field, language, name, source in [*hub_names(), *listed_names()]:
            if listed != list_key:
                continue
            term = by_code.get(code) or by_english.get(code)
            if term is not None:
                set_name(term, field, language, name, source)
                fields.add(field)
        save_all(model, list(by_code.values()), sorted(fields))

    Region = apps.get_model("taxonomy", "Region")
    regions = list(Region.objects.exclude(m49=""))
    for language in OTHER_LANGUAGES:
        territories = babel_locale(language).territories
        for region in regions:
            if region.m49 in territories:
                set_name(region, "name", language, territories[region.m49], "cldr")
    save_all(Region, regions, ["name"])

    Country = apps.get_model("taxonomy", "Country")
    names = country_names()
    countries = list(Country.objects.all())
    for country in countries:
        for language in OTHER_LANGUAGES:
            if (country.iso3, language) in names:
                set_name(country, "name", language, *names[country.iso3, language])
    save_all(Country, countries, ["name"])

    Language = apps.get_model("taxonomy", "Language")
    languages = list(Language.objects.all())
    for language in OTHER_LANGUAGES:
        cldr = babel_locale(language).languages
        for term in languages:
            if term.code in cldr:
                set_name(term, "name", language, list_name(cldr[term.code]), "cldr")
    save_all(Language, languages, ["name"])


class Migration(migrations.Migration):

    dependencies = [
        ("taxonomy", "0003_translated_names"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
