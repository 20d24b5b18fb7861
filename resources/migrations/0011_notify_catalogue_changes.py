"""Announce each new catalogue version on PostgreSQL with ``NOTIFY hub_catalogue``.

A worker's follower thread listens on the channel and patches its facet index as soon as
a change is committed, instead of finding it on its next look at the version: a visitor's
request then seldom arrives before the follower and pays for the patch itself. The
function is ``0009``'s with the notification added; the notification is sent at commit,
once per transaction and version. SQLite has no notifications: its followers keep looking.
"""

from importlib import import_module

from django.db import migrations

CHANNEL = "hub_catalogue"


def _record_function(*, notify: bool) -> str:
    earlier = import_module("resources.migrations.0009_public_changes")
    function = earlier.POSTGRESQL_RECORD
    if notify:
        last = f"DELETE FROM {earlier.CHANGE} WHERE number <= new_number - {earlier.KEPT};"
        assert last in function, "0009's record function is not the one this migration amends"
        function = function.replace(
            last, f"{last}\n    PERFORM pg_notify('{CHANNEL}', new_number::text);")
    return function


def notify(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_record_function(notify=True))


def stop_notifying(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_record_function(notify=False))


class Migration(migrations.Migration):

    dependencies = [
        ("resources", "0010_resource_proposed_publishers"),
    ]

    operations = [
        migrations.RunPython(notify, stop_notifying),
    ]
