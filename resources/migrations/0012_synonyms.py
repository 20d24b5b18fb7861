"""Let editors keep the synonyms and acronyms search expands, starting with the hub's own.

A synonym group changes what every search finds, so a change to one is a public change:
like a taxonomy term (``0009_public_changes``), it replaces the catalogue version and
records a change without an item, so every worker reads its index whole again and forgets
the searches it remembered. Editors (the group ``accounts.roles.EDITOR``) may view, add,
change and delete the groups in the admin; the permissions are created here first, since
Django creates them only after every migration has run.

Reversible: the triggers are dropped, the editors' permissions on the model taken back and
the table, with its groups, removed.
"""

from importlib import import_module

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

from accounts.roles import EDITOR

TABLE = "resources_synonym"
STARTING_GROUPS = [
    "THB, TIP, human trafficking, trafficking in persons, trafficking in human beings",
    "migrant smuggling, smuggling of migrants",
    "forced criminality, forced criminal activities",
]
ACTIONS = ("view", "add", "change", "delete")


def add_starting_groups(apps, schema_editor):
    Synonym = apps.get_model("resources", "Synonym")
    alias = schema_editor.connection.alias
    for terms in STARTING_GROUPS:
        Synonym.objects.using(alias).get_or_create(terms=terms)


def _synonym_permissions(apps, alias: str):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.using(alias).filter(
        content_type__app_label="resources", content_type__model="synonym",
        codename__in=[f"{action}_synonym" for action in ACTIONS])


def grant_editors(apps, schema_editor):
    alias = schema_editor.connection.alias
    app_config = apps.get_app_config("resources")
    stub = getattr(app_config, "models_module", None) is None  # a migration's app, which create_permissions skips
    if stub:
        app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=alias)
    if stub:
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    editors, _ = Group.objects.using(alias).get_or_create(name=EDITOR)
    editors.permissions.add(*_synonym_permissions(apps, alias))


def take_back_from_editors(apps, schema_editor):
    alias = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    for editors in Group.objects.using(alias).filter(name=EDITOR):
        editors.permissions.remove(*_synonym_permissions(apps, alias))


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            f"CREATE TRIGGER hub_public_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {TABLE} FOR EACH STATEMENT EXECUTE FUNCTION hub_terms_changed()")
    elif vendor == "sqlite":
        record = import_module("resources.migrations.0009_public_changes")._sqlite_record("NULL")
        for event in ("INSERT", "UPDATE", "DELETE"):
            schema_editor.execute(
                f"CREATE TRIGGER hub_public_{event.lower()}_{TABLE} AFTER {event} ON {TABLE} "
                f"FOR EACH ROW BEGIN {record} END")


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS hub_public_change ON {TABLE}")
    elif vendor == "sqlite":
        for event in ("insert", "update", "delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS hub_public_{event}_{TABLE}")


class Migration(migrations.Migration):

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("resources", "0011_notify_catalogue_changes"),
    ]

    operations = [
        migrations.CreateModel(
            name="Synonym",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                           serialize=False, verbose_name="ID")),
                ("terms", models.CharField(
                    help_text="Words, phrases or acronyms that mean the same, separated by "
                              "commas: THB, TIP, human trafficking, trafficking in persons.",
                    max_length=600, verbose_name="terms")),
            ],
            options={
                "verbose_name": "synonym group",
                "verbose_name_plural": "synonyms and acronyms",
                "ordering": ["terms"],
            },
        ),
        migrations.RunPython(add_starting_groups, migrations.RunPython.noop),
        migrations.RunPython(grant_editors, take_back_from_editors),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
