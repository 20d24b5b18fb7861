"""Give a review's comments the length the review form allowed, checked by Django only.

A text column has no length, so nothing in the database changes: state operations only.
"""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0005_roster_history_and_declaration_step"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="review",
                    name="comments_for_submitter",
                    field=models.TextField(
                        blank=True,
                        max_length=10000,
                        validators=[django.core.validators.MaxLengthValidator(10000)],
                        verbose_name="comments for the submitter",
                    ),
                ),
                migrations.AlterField(
                    model_name="review",
                    name="confidential_comments",
                    field=models.TextField(
                        blank=True,
                        max_length=10000,
                        validators=[django.core.validators.MaxLengthValidator(10000)],
                        verbose_name="confidential comments for the editors",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
