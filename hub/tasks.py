"""Run the hub's own background work with django-tasks: today, the contact-message purge.

django-tasks runs tasks but does not schedule them: a daily cron job or systemd timer
calls ``manage.py purge_contact_messages``, which queues this task (or runs it at once).
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
    task_log.info("contact messages purged: %s older than %s days", deleted, days,
                  extra={"event": "contact_messages_purged", "deleted": deleted})
    return deleted
