"""Keep a person's affiliation as text: start it from the organization they are linked to."""

import django.db.models.deletion
from django.db import migrations, models


def copy_organization_names(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    for user in User.objects.filter(organization__isnull=False).select_related("organization"):
        user.affiliation = user.organization.name
        user.save(update_fields=["affiliation"])


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_user_email_unique_ci'),
        ('taxonomy', '0002_load_taxonomy'),
    ]

    operations = [
        migrations.AddField(
            model_name='user',
            name='affiliation',
            field=models.CharField(blank=True, help_text='The organization the person works for, as they typed it.', max_length=300, verbose_name='affiliation'),
        ),
        migrations.AlterField(
            model_name='user',
            name='organization',
            field=models.ForeignKey(blank=True, help_text='An organization already known to the hub that the affiliation names.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='members', to='taxonomy.organization', verbose_name='organization'),
        ),
        migrations.RunPython(copy_organization_names, migrations.RunPython.noop),
    ]
