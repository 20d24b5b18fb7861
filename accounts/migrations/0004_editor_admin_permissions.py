"""Let the editor group do in the admin what editors do there, and nothing more.

Editors curate the taxonomy and the organizations (add, change, delete, view), see items,
their history and contact messages without changing them (an item's status and history
change only through the review workflow; a contact message is what its sender wrote),
and have no say over accounts. The group is created if it does not exist yet.

Permissions are normally created after all migrations have run; they are created here
first so that a fresh database gets them in the same ``migrate``. Reversing takes these
permissions away from the group again.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "editor"
CURATED = {
    "taxonomy": ("objective", "objectiveaction", "objectivecrossreference", "guidingprinciple",
                 "region", "country", "countryalias", "documenttype", "language",
                 "organization", "keyword"),
}
READ_ONLY = {
    "resources": ("resource",),
    "review": ("historyentry",),
    "hub": ("contactmessage",),
}


def editor_permission_codenames() -> list[tuple[str, str]]:
    """Return (app label, codename) for every permission the editor group holds."""
    wanted = [(app, f"{action}_{model}") for app, models in CURATED.items()
              for model in models for action in ("add", "change", "delete", "view")]
    wanted += [(app, f"view_{model}") for app, models in READ_ONLY.items() for model in models]
    return wanted


def editor_permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    for app_label in {*CURATED, *READ_ONLY}:
        app_config = apps.get_app_config(app_label)
        models_module = getattr(app_config, "models_module", None)
        # A migration's app states have no models module, which create_permissions wants.
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = models_module
    found = []
    for app_label, codename in editor_permission_codenames():
        found.append(Permission.objects.get(content_type__app_label=app_label,
                                            codename=codename))
    return found


def grant(apps, schema_editor=None):
    """Give the editor group its admin permissions (also used after a test flush)."""
    Group = apps.get_model("auth", "Group")
    group, _created = Group.objects.get_or_create(name=EDITOR)
    group.permissions.add(*editor_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=EDITOR).first()
    if group is not None:
        group.permissions.remove(*editor_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_user_affiliation"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taxonomy", "0002_load_taxonomy"),
        ("resources", "0011_notify_catalogue_changes"),
        ("review", "0003_organizations_at_assignment_and_un_confirmation"),
        ("hub", "0002_contact_message"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
