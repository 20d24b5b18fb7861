"""Record organizations at assignment; UN affiliations count once an editor confirms them.

Existing UN claims start unconfirmed: no editor has checked them yet, and an account
could claim one without a confirmed email address.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('review', '0002_assignment_reviewer_set_null'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='assignment',
            name='reviewer_organization',
            field=models.CharField(blank=True, editable=False, max_length=300, verbose_name="reviewer's organization at assignment"),
        ),
        migrations.AddField(
            model_name='assignment',
            name='submitter_organization',
            field=models.CharField(blank=True, editable=False, max_length=300, verbose_name="submitter's organization at assignment"),
        ),
        migrations.AddField(
            model_name='reviewerprofile',
            name='affiliation_changed_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='organization changed'),
        ),
        migrations.AddField(
            model_name='reviewerprofile',
            name='previous_affiliation',
            field=models.CharField(blank=True, editable=False, max_length=300, verbose_name='previous organization'),
        ),
        migrations.AddField(
            model_name='reviewerprofile',
            name='un_confirmed_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='A claimed UN affiliation counts for the panel only once an editor has confirmed it.', null=True, verbose_name='UN affiliation confirmed'),
        ),
        migrations.AddField(
            model_name='reviewerprofile',
            name='un_confirmed_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='UN affiliation confirmed by'),
        ),
    ]
