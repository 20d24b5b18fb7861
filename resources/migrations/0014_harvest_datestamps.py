"""Move an item's ``updated_at`` whenever what its OAI-PMH record shows changes.

``updated_at`` is the item's OAI-PMH datestamp (and its sitemap ``lastmod``): a harvester
asking for the records changed since its last visit must receive an item whose keywords
alone changed. Django moves it on every save of the item, but not when a tag row is
written on its own (by the admin of the other edition, an import, raw SQL), nor when a
term the record names is renamed. The triggers now do, in the same statement:

- A change to a published item's tags, keywords, publishers or language editions stamps
  the item (``0009_public_changes``'s triggers on those tables, which still record it).
- A change to a label the record shows stamps every published item naming the term:
  an objective's code, number or title, the name of a principle, region, country,
  document type, publisher or keyword, a language's code. This is one set-based
  ``UPDATE`` per statement; renames are rare, and each record really changed, so every
  harvester should fetch it again. Other columns (descriptions, positions) and the
  Objective 10 actions, which records do not show, stamp nothing.

The stamp is not a change of its own: the catalogue's versions and recorded changes are
what they were, and the facet index is patched as before. On PostgreSQL the item table's
trigger leaves a write made by another trigger (``pg_trigger_depth() > 1``) to that
trigger, which has recorded what it changed; on SQLite it watches every column of the
item table but ``updated_at`` (``UPDATE OF``). Emptying a tag table (``TRUNCATE``) still
asks every reader for the whole catalogue and stamps nothing.
"""

from importlib import import_module

from django.db import migrations

PUBLIC = import_module("resources.migrations.0009_public_changes")
NOTIFY = import_module("resources.migrations.0011_notify_catalogue_changes")
ITEMS = PUBLIC.ITEMS
PUBLISHED = PUBLIC.PUBLISHED
STAMPED_AT = "updated_at"
# What a record shows of each term, by the Resource field that names it.
SHOWN = {
    "objectives": ("code", "number", "title"),
    "principles": ("name",),
    "regions": ("name",),
    "countries": ("name",),
    "languages": ("code",),
    "publishers": ("name",),
    "keywords": ("name",),
    "document_type": ("name",),
}
DEPTH_GUARD = "    IF pg_trigger_depth() > 1 THEN\n        RETURN NULL;\n    END IF;\n"

POSTGRESQL_STAMP = f"""
CREATE OR REPLACE FUNCTION hub_items_stamp(changed bigint[]) RETURNS void AS $$
BEGIN
    IF coalesce(cardinality(changed), 0) > 0 THEN
        UPDATE {ITEMS} SET {STAMPED_AT} = clock_timestamp() WHERE id = ANY(changed);
    END IF;
END;
$$ LANGUAGE plpgsql;
"""


def _postgresql_function(name: str, inserted: str, updated: str, deleted: str) -> str:
    """Write a trigger function recording and stamping the published items a statement changed."""
    return f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$
DECLARE
    changed bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        changed := ARRAY({inserted});
    ELSIF TG_OP = 'UPDATE' THEN
        changed := ARRAY({updated});
    ELSIF TG_OP = 'DELETE' THEN
        changed := ARRAY({deleted});
    ELSE
        PERFORM hub_catalogue_record(NULL, true);
        RETURN NULL;
    END IF;
    PERFORM hub_catalogue_record(changed, false);
    PERFORM hub_items_stamp(changed);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""


def _tags(rows: str) -> str:
    return PUBLIC._published(rows, "resource_id")


POSTGRESQL_TAG_FUNCTIONS = {
    "hub_tags_changed": _postgresql_function(
        "hub_tags_changed",
        _tags("new_rows"),
        f"{_tags('new_rows')} UNION {_tags('old_rows')}",
        _tags("old_rows"),
    ),
    "hub_editions_changed": _postgresql_function(
        "hub_editions_changed",
        PUBLIC._editions("new_rows"),
        f"{PUBLIC._editions('new_rows')} UNION {PUBLIC._editions('old_rows')}",
        PUBLIC._editions("old_rows"),
    ),
}


def _items_function(*, guarded: bool) -> str:
    function = PUBLIC.POSTGRESQL_FUNCTIONS["hub_items_changed"]
    assert "BEGIN\n" in function, "0009's item function is not the one this migration amends"
    return function.replace("BEGIN\n", f"BEGIN\n{DEPTH_GUARD}", 1) if guarded else function


class Term:
    """A taxonomy table whose labels records show, and how published items name its rows."""

    def __init__(self, apps, field_name: str, shown: tuple[str, ...]) -> None:
        field = apps.get_model("resources", "Resource")._meta.get_field(field_name)
        self.table = field.related_model._meta.db_table
        self.shown = shown
        if field.many_to_many:
            self.naming = (
                f"SELECT t.{field.m2m_column_name()} FROM "
                f"{field.remote_field.through._meta.db_table} t "
                f"WHERE t.{field.m2m_reverse_name()} {{term}}"
            )
        else:
            self.naming = f"SELECT r.id FROM {ITEMS} r WHERE r.{field.column} {{term}}"

    def stamp(self, *, now: str, term: str) -> str:
        """Stamp the published items naming the terms ``term`` selects (``= NEW.id``)."""
        naming = self.naming.format(term=term)
        return (
            f"UPDATE {ITEMS} SET {STAMPED_AT} = {now} "
            f"WHERE status = '{PUBLISHED}' AND id IN ({naming})"
        )

    def relabelled(self, new: str, old: str) -> str:
        return " OR ".join(f"{new}.{column} IS DISTINCT FROM {old}.{column}" for column in self.shown)

    def postgresql(self) -> list[str]:
        function = f"hub_{self.table}_stamp"
        stamp = self.stamp(
            now="clock_timestamp()",
            term=f"IN (SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id "
            f"WHERE {self.relabelled('n', 'o')})",
        )
        return [
            f"""
CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
    {stamp};
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
""",
            f"CREATE TRIGGER hub_stamp_update AFTER UPDATE ON {self.table} "
            f"REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
        ]

    def postgresql_drop(self) -> list[str]:
        return [
            f"DROP TRIGGER IF EXISTS hub_stamp_update ON {self.table}",
            f"DROP FUNCTION IF EXISTS hub_{self.table}_stamp()",
        ]

    def sqlite(self) -> str:
        relabelled = self.relabelled("NEW", "OLD").replace("IS DISTINCT FROM", "IS NOT")
        return (
            f"CREATE TRIGGER hub_stamp_update_{self.table} AFTER UPDATE OF "
            f"{', '.join(self.shown)} ON {self.table} FOR EACH ROW WHEN {relabelled} "
            f"BEGIN {self.stamp(now=SQLITE_NOW, term='= NEW.id')}; END"
        )


def _terms(apps) -> list[Term]:
    return [Term(apps, field_name, shown) for field_name, shown in SHOWN.items()]


# Django writes a SQLite datetime as UTC text to the microsecond; SQLite's clock gives
# milliseconds.
SQLITE_NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now') || '000'"
SQLITE_ITEM_UPDATE = f"hub_public_update_{ITEMS}"


def _sqlite_tags(*, stamp: bool) -> list[str]:
    """Write 0009's row triggers on the tag and edition tables, stamping the item as well."""
    statements = []

    def trigger(table: str, event: str, item: str, suffix: str = "") -> None:
        body = PUBLIC._sqlite_record(item)
        if stamp:
            body += f" UPDATE {ITEMS} SET {STAMPED_AT} = {SQLITE_NOW} WHERE id = {item};"
        statements.append(
            f"CREATE TRIGGER hub_public_{event.lower()}{suffix}_{table} AFTER {event} "
            f"ON {table} FOR EACH ROW WHEN {PUBLIC._sqlite_is_published(item)} "
            f"BEGIN {body} END"
        )

    for table in PUBLIC.TAG_TABLES:
        trigger(table, "INSERT", "NEW.resource_id")
        trigger(table, "DELETE", "OLD.resource_id")
        trigger(table, "UPDATE", "NEW.resource_id")
        trigger(table, "UPDATE", "OLD.resource_id", "_old")
    for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
        for side in ("from", "to"):
            trigger(PUBLIC.EDITIONS, event, f"{row}.{side}_resource_id", f"_{side}")
    return statements


def _sqlite_item_update(schema_editor, *, watched_all: bool) -> str:
    """Write the item table's update trigger: on any column, or on all but the stamp."""
    columns = ""
    if not watched_all:
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f"SELECT name FROM pragma_table_info('{ITEMS}') ORDER BY cid")
            names = [name for (name,) in cursor.fetchall() if name != STAMPED_AT]
        columns = f" OF {', '.join(names)}"
    return (
        f"CREATE TRIGGER {SQLITE_ITEM_UPDATE} AFTER UPDATE{columns} ON {ITEMS} FOR EACH ROW "
        f"WHEN NEW.status = '{PUBLISHED}' OR OLD.status = '{PUBLISHED}' "
        f"BEGIN {PUBLIC._sqlite_record('NEW.id')} END"
    )


def _sqlite_drop(apps) -> list[str]:
    names = [statement.split()[2] for statement in _sqlite_tags(stamp=True)]
    names += [f"hub_stamp_update_{term.table}" for term in _terms(apps)]
    names.append(SQLITE_ITEM_UPDATE)
    return [f"DROP TRIGGER IF EXISTS {name}" for name in names]


def stamp(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = [POSTGRESQL_STAMP, _items_function(guarded=True)]
        statements += POSTGRESQL_TAG_FUNCTIONS.values()
        for term in _terms(apps):
            statements += term.postgresql()
    elif vendor == "sqlite":
        statements = _sqlite_drop(apps)
        statements += _sqlite_tags(stamp=True)
        statements += [term.sqlite() for term in _terms(apps)]
        statements.append(_sqlite_item_update(schema_editor, watched_all=False))
    else:
        statements = []
    for statement in statements:
        schema_editor.execute(statement)


def stop_stamping(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = []
        for term in _terms(apps):
            statements += term.postgresql_drop()
        statements += [PUBLIC.POSTGRESQL_FUNCTIONS[name] for name in POSTGRESQL_TAG_FUNCTIONS]
        statements.append(_items_function(guarded=False))
        statements.append("DROP FUNCTION IF EXISTS hub_items_stamp(bigint[])")
    elif vendor == "sqlite":
        statements = _sqlite_drop(apps)
        statements += _sqlite_tags(stamp=False)
        statements.append(_sqlite_item_update(schema_editor, watched_all=True))
    else:
        statements = []
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0013_former_slugs"),
        ("taxonomy", "0002_load_taxonomy"),
    ]

    operations = [
        migrations.RunPython(stamp, stop_stamping),
    ]
