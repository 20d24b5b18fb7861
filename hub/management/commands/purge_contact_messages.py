"""Delete contact messages past their retention period: the command a daily cron job runs."""

from django.conf import settings
from django.core.management.base import BaseCommand

from hub.tasks import delete_expired_contact_messages


class Command(BaseCommand):
    help = (
        "Delete contact messages received more than CONTACT_RETENTION_DAYS days ago "
        "(HUB_CONTACT_RETENTION_DAYS). By default the deletion is queued for the task "
        "worker; --now runs it in this process."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--now", action="store_true",
                            help="Delete now, in this process, instead of queuing the task.")

    def handle(self, *args, now: bool = False, **options) -> None:
        days = settings.HUB_CONTACT_RETENTION_DAYS
        if now:
            deleted = delete_expired_contact_messages.call()
            self.stdout.write(f"Deleted {deleted} contact messages older than {days} days.")
            return
        result = delete_expired_contact_messages.enqueue()
        self.stdout.write(f"Queued the deletion of contact messages older than {days} days "
                          f"(task {result.id}).")
