"""Replace the catalogue version token when keywords or language editions change too.

The facet index now also holds each published item's keywords and whether it has other
language editions, so that an item page reads them without a query; the token must
therefore change with them, as it does with every other tag. The trigger function of
``0004_catalogue_version`` is reused on PostgreSQL; SQLite's triggers carry their SQL.
"""

from django.db import migrations

WATCHED_TABLES = [
    "resources_resource_keywords",
    "resources_resource_language_editions",
    "taxonomy_keyword",
]
VERSION_TABLE = "resources_catalogueversion"
SQLITE_NEW_TOKEN = (
    f"INSERT INTO {VERSION_TABLE} (id, token) VALUES (1, lower(hex(randomblob(16)))) "
    "ON CONFLICT (id) DO UPDATE SET token = excluded.token;"
)


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in WATCHED_TABLES:
        if vendor == "postgresql":
            schema_editor.execute(
                f"CREATE TRIGGER hub_catalogue_changed AFTER INSERT OR UPDATE OR DELETE "
                f"OR TRUNCATE ON {table} FOR EACH STATEMENT "
                f"EXECUTE FUNCTION hub_catalogue_changed()"
            )
        elif vendor == "sqlite":
            for event in ("INSERT", "UPDATE", "DELETE"):
                schema_editor.execute(
                    f"CREATE TRIGGER hub_catalogue_{event.lower()}_{table} AFTER {event} "
                    f"ON {table} BEGIN {SQLITE_NEW_TOKEN} END"
                )


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in WATCHED_TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS hub_catalogue_changed ON {table}")
        elif vendor == "sqlite":
            for event in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS hub_catalogue_{event}_{table}")


class Migration(migrations.Migration):

    dependencies = [
        ("resources", "0007_search_words"),
        ("taxonomy", "0002_load_taxonomy"),
    ]

    operations = [
        migrations.RunPython(create_triggers, drop_triggers),
    ]
