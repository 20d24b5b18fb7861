"""Keep the publishers a submitter names but the hub does not list as text on the item.

A submission no longer creates organizations: the names wait on the item and become
organizations (or are matched to existing ones) when it is published.

The column is added with a plain ``ALTER TABLE``: Django would rebuild the table on SQLite
to add a column that is not null, which would drop the catalogue version triggers of
``0009`` and try to create the PostgreSQL-only indexes.
"""

from django.db import migrations, models

ADD_COLUMN = (
    "ALTER TABLE resources_resource ADD COLUMN proposed_publishers text NOT NULL DEFAULT ''"
)
DROP_COLUMN = "ALTER TABLE resources_resource DROP COLUMN proposed_publishers"


class Migration(migrations.Migration):

    dependencies = [
        ('resources', '0009_public_changes'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(ADD_COLUMN, reverse_sql=DROP_COLUMN)],
            state_operations=[
                migrations.AddField(
                    model_name='resource',
                    name='proposed_publishers',
                    field=models.TextField(blank=True, help_text="Publishers the submitter named that are not in the hub's list, one per line. Each is matched to an organization by name or acronym, or created, when the item is published.", verbose_name='proposed publishers'),
                ),
            ],
        ),
    ]
