"""Give a contact message the length the contact form allowed, checked by Django only.

A text column has no length, so nothing in the database changes: state operations only.
"""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0002_contact_message"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="contactmessage",
                    name="message",
                    field=models.TextField(
                        max_length=5000,
                        validators=[django.core.validators.MaxLengthValidator(5000)],
                        verbose_name="message",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
