"""Record the language each person is written to in; existing accounts get the default one."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_editor_admin_permissions'),
    ]

    operations = [
        migrations.AddField(
            model_name='user',
            name='language',
            field=models.CharField(choices=[('ar', 'Arabic'), ('zh-hans', 'Chinese'), ('en', 'English'), ('fr', 'French'), ('ru', 'Russian'), ('es', 'Spanish')], default='en', help_text="The language of the hub's emails to this person: the interface language they signed up in, until they change it on their profile.", max_length=10, verbose_name='language'),
        ),
    ]
