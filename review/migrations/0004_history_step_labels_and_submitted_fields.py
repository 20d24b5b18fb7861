"""Name every history step, and keep what the submitter sent at each (re)submission.

Entries written before this keep no record of the submitted fields; the editor's page says
that their changes cannot be shown.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('review', '0003_organizations_at_assignment_and_un_confirmation'),
    ]

    operations = [
        migrations.AddField(
            model_name='historyentry',
            name='submitted_fields',
            field=models.JSONField(blank=True, editable=False, null=True, verbose_name='submitted fields'),
        ),
        migrations.AlterField(
            model_name='historyentry',
            name='action',
            field=models.CharField(choices=[('submit', 'Submitted for review'), ('resubmit', 'Resubmitted'), ('withdraw', 'Withdrawn'), ('start_review', 'Review started'), ('publish', 'Published'), ('request_changes', 'Changes requested'), ('reject', 'Rejected'), ('archive', 'Archived'), ('mark_duplicate', 'Marked as a duplicate'), ('assign', 'Reviewer assigned'), ('unassign', 'Reviewer removed'), ('conflict', 'Conflict of interest declared'), ('review', 'Review submitted'), ('possible_duplicate', 'Possible duplicate found')], max_length=40, verbose_name='step'),
        ),
    ]
