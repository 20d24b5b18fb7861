"""Run the hub's own background work with django-tasks: the daily purge of expired data.

django-tasks runs tasks but does not schedule them: a daily cron job or systemd timer
calls ``manage.py purge_contact_messages``, which queues both tasks here (or runs them at
once): expired contact messages, and the stored results of finished tasks, which keep
each mail's recipients.
"""

import logging

from django.conf import settings
from django_tasks import task

from . import services

task_log = logging.getLogger("hub.tasks")


@task()
def delete_expired_contact_messages() -> int:
    """Delete contact messages older than ``HUB_CONTACT_RETENTION_DAYS``; return how many."""
    days = settings.HUB_CONTACT_RETENTION_DAYS
    deleted = services.contact_messages_delete_expired(retention_days=days)
    task_log.info(
        "contact messages purged: %s older than %s days",
        deleted,
        days,
        extra={"event": "contact_messages_purged", "deleted": deleted},
    )
    return deleted


@task()
def delete_finished_task_results() -> int:
    """Delete results of tasks past ``HUB_TASK_RESULT_RETENTION_DAYS``; return how many."""
    days = settings.HUB_TASK_RESULT_RETENTION_DAYS
    deleted = services.task_results_delete_finished(retention_days=days)
    task_log.info(
        "task results purged: %s finished more than %s days ago",
        deleted,
        days,
        extra={"event": "task_results_purged", "deleted": deleted},
    )
    return deleted
