"""Keep a catalogue version token that database triggers replace on every change.

The triggers cover the items, each facet's tag table and the taxonomy tables whose names
the facets show, so the token changes in the same transaction as the data, whatever
wrote it: the site, the admin, an import, raw SQL.
"""

from django.db import migrations, models

WATCHED_TABLES = [
    "resources_resource",
    "resources_resource_objectives",
    "resources_resource_principles",
    "resources_resource_regions",
    "resources_resource_countries",
    "resources_resource_languages",
    "resources_resource_publishers",
    "resources_resource_actions",
    "taxonomy_objective",
    "taxonomy_guidingprinciple",
    "taxonomy_region",
    "taxonomy_country",
    "taxonomy_documenttype",
    "taxonomy_language",
    "taxonomy_organization",
    "taxonomy_objectiveaction",
]
VERSION_TABLE = "resources_catalogueversion"

POSTGRESQL_FUNCTION = f"""
CREATE OR REPLACE FUNCTION hub_catalogue_changed() RETURNS trigger AS $$
BEGIN
    INSERT INTO {VERSION_TABLE} (id, token) VALUES (1, gen_random_uuid()::text)
    ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""
SQLITE_NEW_TOKEN = (
    f"INSERT INTO {VERSION_TABLE} (id, token) VALUES (1, lower(hex(randomblob(16)))) "
    "ON CONFLICT (id) DO UPDATE SET token = excluded.token;"
)


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_FUNCTION)
        for table in WATCHED_TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER hub_catalogue_changed AFTER INSERT OR UPDATE OR DELETE "
                f"OR TRUNCATE ON {table} FOR EACH STATEMENT "
                f"EXECUTE FUNCTION hub_catalogue_changed()"
            )
    elif vendor == "sqlite":
        for table in WATCHED_TABLES:
            for event in ("INSERT", "UPDATE", "DELETE"):
                schema_editor.execute(
                    f"CREATE TRIGGER hub_catalogue_{event.lower()}_{table} AFTER {event} "
                    f"ON {table} BEGIN {SQLITE_NEW_TOKEN} END"
                )
    else:
        return
    schema_editor.execute(
        f"INSERT INTO {VERSION_TABLE} (id, token) VALUES (1, 'initial')"
    )


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for table in WATCHED_TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS hub_catalogue_changed ON {table}")
        schema_editor.execute("DROP FUNCTION IF EXISTS hub_catalogue_changed()")
    elif vendor == "sqlite":
        for table in WATCHED_TABLES:
            for event in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS hub_catalogue_{event}_{table}")


class Migration(migrations.Migration):

    dependencies = [
        ("resources", "0003_resource_file_private_upload"),
        ("taxonomy", "0002_load_taxonomy"),
    ]

    operations = [
        migrations.CreateModel(
            name="CatalogueVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                           verbose_name="ID")),
                ("token", models.CharField(max_length=64)),
            ],
            options={"verbose_name": "catalogue version"},
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
