"""Give the item's summary, authors and takeaway the lengths the submission form allowed.

The limits are checked by Django (the form and ``full_clean``), not by the database: a
text column has no length, so nothing in the database changes. Altering the field on
SQLite would rebuild the table and drop its triggers, hence state operations only.
"""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0014_harvest_datestamps"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="resource",
                    name="authors",
                    field=models.TextField(
                        blank=True,
                        help_text="One author per line.",
                        max_length=10000,
                        validators=[django.core.validators.MaxLengthValidator(10000)],
                        verbose_name="authors",
                    ),
                ),
                migrations.AlterField(
                    model_name="resource",
                    name="summary",
                    field=models.TextField(
                        max_length=10000,
                        validators=[django.core.validators.MaxLengthValidator(10000)],
                        verbose_name="summary",
                    ),
                ),
                migrations.AlterField(
                    model_name="resource",
                    name="takeaway",
                    field=models.TextField(
                        blank=True,
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="takeaway",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
