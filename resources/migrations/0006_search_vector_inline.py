"""Keep each item's search vector inline and uncompressed in its row (PostgreSQL).

A row over 2 kB had its search vector compressed and moved to the TOAST table, so ranking
a common word ("trafficking" matches most items) read and decompressed a second table for
every match: 250 ms at 100,000 items. With ``toast_tuple_target`` at its maximum a row up
to a page long stays whole, and the same ranking takes about 110 ms. Existing vectors are
rewritten so that they move back into their rows.
"""

from django.db import migrations

TABLE = "resources_resource"


def keep_inline(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE {TABLE} SET (toast_tuple_target = 8160)")
    schema_editor.execute(
        f"UPDATE {TABLE} SET search_vector = search_vector || ''::tsvector "
        "WHERE search_vector IS NOT NULL"
    )


def allow_toast(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {TABLE} RESET (toast_tuple_target)")


class Migration(migrations.Migration):

    dependencies = [
        ("resources", "0005_latest_index"),
    ]

    operations = [
        migrations.RunPython(keep_inline, allow_toast, elidable=False),
    ]
