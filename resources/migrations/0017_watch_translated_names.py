"""Watch the taxonomy's names in every language, as ``0009`` and ``0014`` watched its one name.

``taxonomy/0003_translated_names`` stores each name once per language (``name_en``,
``name_fr``…), and a rename now writes those columns rather than ``name``: the harvest
stamps of ``0014`` watch them too, so a record is stamped when a name it shows changes in
any language. On SQLite, adding the columns rebuilt the term tables and so dropped their
triggers of ``0009`` and ``0014``: they are written again here, whichever of the two apps'
migrations ran first. Migrations are frozen history: the languages are written out.
"""

from importlib import import_module

from django.core.exceptions import FieldDoesNotExist
from django.db import migrations

PUBLIC = import_module("resources.migrations.0009_public_changes")
HARVEST = import_module("resources.migrations.0014_harvest_datestamps")
LANGUAGES = ["ar", "zh_hans", "en", "fr", "ru", "es"]


def _terms(apps, *, translated: bool) -> list:
    """Return 0014's terms, watching each shown name in every language if ``translated``."""
    terms = []
    for field_name, shown in HARVEST.SHOWN.items():
        model = apps.get_model("resources", "Resource")._meta.get_field(field_name).related_model
        columns = list(shown)
        if translated:
            for column in shown:
                for language in LANGUAGES:
                    try:
                        columns.append(model._meta.get_field(f"{column}_{language}").column)
                    except FieldDoesNotExist:
                        pass
        terms.append(HARVEST.Term(apps, field_name, tuple(columns)))
    return terms


def _sqlite_term_tables() -> list[str]:
    """Write 0009's triggers on the term tables again: any change to them is public."""
    statements = []
    for table in PUBLIC.TERM_TABLES:
        for event in ("INSERT", "UPDATE", "DELETE"):
            name = f"hub_public_{event.lower()}_{table}"
            statements += [
                f"DROP TRIGGER IF EXISTS {name}",
                f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW WHEN 1 "
                f"BEGIN {PUBLIC._sqlite_record('NULL')} END",
            ]
    return statements


def _watch(apps, schema_editor, *, translated: bool) -> None:
    vendor = schema_editor.connection.vendor
    statements = []
    if vendor == "postgresql":
        for term in _terms(apps, translated=translated):
            statements += [*term.postgresql_drop(), *term.postgresql()]
    elif vendor == "sqlite":
        statements = _sqlite_term_tables()
        for term in _terms(apps, translated=translated):
            statements += [f"DROP TRIGGER IF EXISTS hub_stamp_update_{term.table}", term.sqlite()]
    for statement in statements:
        schema_editor.execute(statement)


def watch_translated_names(apps, schema_editor):
    _watch(apps, schema_editor, translated=True)


def watch_english_names(apps, schema_editor):
    _watch(apps, schema_editor, translated=False)


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0016_search_languages"),
        ("taxonomy", "0004_load_translated_names"),
    ]

    operations = [
        migrations.RunPython(watch_translated_names, watch_english_names),
    ]
