"""Change the catalogue version only for changes the public can see, and record which items.

Until now every statement on items, tags or taxonomy replaced the version token, so a
partner saving a draft made every worker rebuild its whole facet index. The triggers
below replace it only when a published item, its tags, keywords or language editions, or
a taxonomy term change; an organization or keyword is watched only while a published
item names it. Each change also records the published items it touched
(``CatalogueChange``), so that a worker can patch its index for a few items instead of
reading the whole catalogue; the last ``KEPT`` changes are kept. A statement touching more
than ``WHOLE_ABOVE`` items, a taxonomy change and an emptied table record a change without
an item: read everything.

PostgreSQL uses statement triggers with transition tables, so a bulk import or COPY costs
one set-based insert per statement; SQLite, row triggers.
"""

from importlib import import_module

from django.db import migrations, models

PUBLISHED = "published"
WHOLE_ABOVE = 1000
# Changes kept, by number: a reader further behind reads the whole catalogue again.
KEPT = 10000
VERSION = "resources_catalogueversion"
CHANGE = "resources_cataloguechange"
ITEMS = "resources_resource"
# Tag tables whose rows name an item in ``resource_id``.
TAG_TABLES = [
    "resources_resource_objectives",
    "resources_resource_principles",
    "resources_resource_regions",
    "resources_resource_countries",
    "resources_resource_languages",
    "resources_resource_publishers",
    "resources_resource_actions",
    "resources_resource_keywords",
]
EDITIONS = "resources_resource_language_editions"
# Taxonomy tables every change of which is public.
TERM_TABLES = [
    "taxonomy_objective",
    "taxonomy_guidingprinciple",
    "taxonomy_region",
    "taxonomy_country",
    "taxonomy_documenttype",
    "taxonomy_language",
    "taxonomy_objectiveaction",
]
# Taxonomy tables anyone's submission adds to: public only while a published item names
# the row, through this tag table and column.
NAMED_TERM_TABLES = {
    "taxonomy_organization": ("resources_resource_publishers", "organization_id"),
    "taxonomy_keyword": ("resources_resource_keywords", "keyword_id"),
}
OLD_TABLES = [ITEMS, *TAG_TABLES, EDITIONS, *TERM_TABLES, *NAMED_TERM_TABLES]

POSTGRESQL_RECORD = f"""
CREATE OR REPLACE FUNCTION hub_catalogue_record(changed bigint[], whole boolean)
RETURNS void AS $$
DECLARE
    new_number bigint;
    new_token text;
BEGIN
    IF NOT whole AND coalesce(cardinality(changed), 0) = 0 THEN
        RETURN;
    END IF;
    INSERT INTO {VERSION} (id, token, number) VALUES (1, gen_random_uuid()::text, 1)
    ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token, number = {VERSION}.number + 1
    RETURNING number, token INTO new_number, new_token;
    IF whole OR cardinality(changed) > {WHOLE_ABOVE} THEN
        INSERT INTO {CHANGE} (number, token, resource_id) VALUES (new_number, new_token, NULL);
    ELSE
        INSERT INTO {CHANGE} (number, token, resource_id)
        SELECT new_number, new_token, item FROM unnest(changed) AS item;
    END IF;
    DELETE FROM {CHANGE} WHERE number <= new_number - {KEPT};
END;
$$ LANGUAGE plpgsql;
"""


def _postgresql_function(name: str, inserted: str, updated: str, deleted: str) -> str:
    """Write a trigger function choosing, by event, the published items a statement changed."""
    return f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM hub_catalogue_record(ARRAY({inserted}), false);
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM hub_catalogue_record(ARRAY({updated}), false);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM hub_catalogue_record(ARRAY({deleted}), false);
    ELSE
        PERFORM hub_catalogue_record(NULL, true);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""


def _published(rows: str, column: str) -> str:
    return (f"SELECT DISTINCT x.{column} FROM {rows} x JOIN {ITEMS} r ON r.id = x.{column} "
            f"WHERE r.status = '{PUBLISHED}'")


def _named(rows: str, tags: str, column: str) -> str:
    return (f"SELECT DISTINCT t.resource_id FROM {rows} x JOIN {tags} t ON t.{column} = x.id "
            f"JOIN {ITEMS} r ON r.id = t.resource_id WHERE r.status = '{PUBLISHED}'")


def _editions(rows: str) -> str:
    return f"{_published(rows, 'from_resource_id')} UNION {_published(rows, 'to_resource_id')}"


POSTGRESQL_FUNCTIONS = {
    "hub_items_changed": _postgresql_function(
        "hub_items_changed",
        f"SELECT id FROM new_rows WHERE status = '{PUBLISHED}'",
        f"SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id "
        f"WHERE n.status = '{PUBLISHED}' OR o.status = '{PUBLISHED}'",
        f"SELECT id FROM old_rows WHERE status = '{PUBLISHED}'",
    ),
    "hub_tags_changed": _postgresql_function(
        "hub_tags_changed",
        _published("new_rows", "resource_id"),
        f"{_published('new_rows', 'resource_id')} UNION {_published('old_rows', 'resource_id')}",
        _published("old_rows", "resource_id"),
    ),
    "hub_editions_changed": _postgresql_function(
        "hub_editions_changed",
        _editions("new_rows"),
        f"{_editions('new_rows')} UNION {_editions('old_rows')}",
        _editions("old_rows"),
    ),
    **{
        f"hub_{table}_changed": f"""
CREATE OR REPLACE FUNCTION hub_{table}_changed() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM hub_catalogue_record(NULL, true);
    ELSIF EXISTS ({_named("old_rows", tags, column)}) THEN
        PERFORM hub_catalogue_record(NULL, true);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""
        for table, (tags, column) in NAMED_TERM_TABLES.items()
    },
}
POSTGRESQL_TERMS_CHANGED = """
CREATE OR REPLACE FUNCTION hub_terms_changed() RETURNS trigger AS $$
BEGIN
    PERFORM hub_catalogue_record(NULL, true);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""


def _postgresql_triggers(table: str, function: str, events=("INSERT", "UPDATE", "DELETE")
                         ) -> list[str]:
    """Create a statement trigger per event (transition tables allow one event each)."""
    referencing = {"INSERT": "NEW TABLE AS new_rows", "UPDATE": "OLD TABLE AS old_rows "
                   "NEW TABLE AS new_rows", "DELETE": "OLD TABLE AS old_rows"}
    return [
        *[f"CREATE TRIGGER hub_public_{event.lower()} AFTER {event} ON {table} "
          f"REFERENCING {referencing[event]} FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
          for event in events],
        f"CREATE TRIGGER hub_public_truncate AFTER TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
    ]


def postgresql_statements() -> list[str]:
    statements = [POSTGRESQL_RECORD, *POSTGRESQL_FUNCTIONS.values(), POSTGRESQL_TERMS_CHANGED]
    statements += _postgresql_triggers(ITEMS, "hub_items_changed")
    for table in TAG_TABLES:
        statements += _postgresql_triggers(table, "hub_tags_changed")
    statements += _postgresql_triggers(EDITIONS, "hub_editions_changed")
    for table in NAMED_TERM_TABLES:
        statements += _postgresql_triggers(table, f"hub_{table}_changed",
                                           events=("UPDATE", "DELETE"))
    for table in TERM_TABLES:
        statements.append(f"CREATE TRIGGER hub_public_change AFTER INSERT OR UPDATE OR DELETE "
                          f"OR TRUNCATE ON {table} FOR EACH STATEMENT "
                          f"EXECUTE FUNCTION hub_terms_changed()")
    return statements


def _sqlite_record(item: str) -> str:
    return (
        f"INSERT INTO {VERSION} (id, token, number) VALUES (1, lower(hex(randomblob(16))), 1) "
        f"ON CONFLICT (id) DO UPDATE SET token = excluded.token, number = {VERSION}.number + 1; "
        f"INSERT INTO {CHANGE} (number, token, resource_id) "
        f"SELECT number, token, {item} FROM {VERSION} WHERE id = 1; "
        f"DELETE FROM {CHANGE} WHERE number <= "
        f"(SELECT number FROM {VERSION} WHERE id = 1) - {KEPT};"
    )


def _sqlite_is_published(item: str) -> str:
    return f"EXISTS (SELECT 1 FROM {ITEMS} WHERE id = {item} AND status = '{PUBLISHED}')"


def sqlite_statements() -> list[str]:
    """Write row triggers: SQLite has no statement triggers."""
    statements = []

    def trigger(table: str, event: str, when: str, item: str, suffix: str = "") -> None:
        statements.append(
            f"CREATE TRIGGER hub_public_{event.lower()}{suffix}_{table} AFTER {event} "
            f"ON {table} FOR EACH ROW WHEN {when} BEGIN {_sqlite_record(item)} END"
        )

    trigger(ITEMS, "INSERT", f"NEW.status = '{PUBLISHED}'", "NEW.id")
    trigger(ITEMS, "UPDATE", f"NEW.status = '{PUBLISHED}' OR OLD.status = '{PUBLISHED}'",
            "NEW.id")
    trigger(ITEMS, "DELETE", f"OLD.status = '{PUBLISHED}'", "OLD.id")
    for table in TAG_TABLES:
        for event, row in (("INSERT", "NEW"), ("DELETE", "OLD")):
            trigger(table, event, _sqlite_is_published(f"{row}.resource_id"),
                    f"{row}.resource_id")
        trigger(table, "UPDATE", _sqlite_is_published("NEW.resource_id"), "NEW.resource_id")
        trigger(table, "UPDATE", _sqlite_is_published("OLD.resource_id"), "OLD.resource_id",
                "_old")
    for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
        for side in ("from", "to"):
            trigger(EDITIONS, event, _sqlite_is_published(f"{row}.{side}_resource_id"),
                    f"{row}.{side}_resource_id", f"_{side}")
    for table in TERM_TABLES:
        for event in ("INSERT", "UPDATE", "DELETE"):
            trigger(table, event, "1", "NULL")
    for table, (tags, column) in NAMED_TERM_TABLES.items():
        for event in ("UPDATE", "DELETE"):
            named = (f"EXISTS (SELECT 1 FROM {tags} t JOIN {ITEMS} r ON r.id = t.resource_id "
                     f"WHERE t.{column} = OLD.id AND r.status = '{PUBLISHED}')")
            trigger(table, event, named, "NULL")
    return statements


def drop_old_triggers(apps, schema_editor):
    """Remove the triggers of ``0004`` and ``0008``, which fire on every statement.

    First of all: SQLite rebuilds a table to add a column, which its triggers forbid.
    """
    vendor = schema_editor.connection.vendor
    for table in OLD_TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS hub_catalogue_changed ON {table}")
        elif vendor == "sqlite":
            for event in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS hub_catalogue_{event}_{table}")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS hub_catalogue_changed()")


def create_old_triggers(apps, schema_editor):
    earlier = import_module("resources.migrations.0004_catalogue_version")
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(earlier.POSTGRESQL_FUNCTION)
    for table in OLD_TABLES:
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
                    f"ON {table} BEGIN {earlier.SQLITE_NEW_TOKEN} END"
                )


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": postgresql_statements, "sqlite": sqlite_statements}.get(vendor)
    for statement in statements() if statements else []:
        schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for table in OLD_TABLES:
            for event in ("insert", "update", "delete", "truncate"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS hub_public_{event} ON {table}")
            schema_editor.execute(f"DROP TRIGGER IF EXISTS hub_public_change ON {table}")
        for name in [*POSTGRESQL_FUNCTIONS, "hub_terms_changed"]:
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {name}()")
        schema_editor.execute("DROP FUNCTION IF EXISTS hub_catalogue_record(bigint[], boolean)")
    elif vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                           "AND name LIKE 'hub_public_%'")
            names = [name for (name,) in cursor.fetchall()]
        for name in names:
            schema_editor.execute(f"DROP TRIGGER {name}")


class Migration(migrations.Migration):

    dependencies = [
        ("resources", "0008_watch_keywords_and_editions"),
        ("taxonomy", "0002_load_taxonomy"),
    ]

    operations = [
        migrations.RunPython(drop_old_triggers, create_old_triggers),
        migrations.AddField(
            model_name="catalogueversion",
            name="number",
            field=models.BigIntegerField(default=0),
        ),
        migrations.CreateModel(
            name="CatalogueChange",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                           serialize=False, verbose_name="ID")),
                ("number", models.BigIntegerField(db_index=True)),
                ("token", models.CharField(max_length=64)),
                ("resource_id", models.BigIntegerField(null=True)),
            ],
            options={"verbose_name": "catalogue change"},
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
