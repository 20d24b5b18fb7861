"""Delete expired personal data, contact messages and task results: the daily job's command."""

from django.conf import settings
from django.core.management.base import BaseCommand

from hub.tasks import delete_expired_contact_messages, delete_finished_task_results


class Command(BaseCommand):
    help = (
        "Delete contact messages received more than CONTACT_RETENTION_DAYS days ago, and "
        "the stored results of background tasks (which keep mail recipients) finished more "
        "than TASK_RESULT_RETENTION_DAYS days ago. By default the deletions are queued for "
        "the task worker; --now runs them in this process."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--now",
            action="store_true",
            help="Delete now, in this process, instead of queuing the tasks.",
        )

    def handle(self, *args, now: bool = False, **options) -> None:
        days = settings.HUB_CONTACT_RETENTION_DAYS
        result_days = settings.HUB_TASK_RESULT_RETENTION_DAYS
        if now:
            deleted = delete_expired_contact_messages.call()
            self.stdout.write(f"Deleted {deleted} contact messages older than {days} days.")
            deleted = delete_finished_task_results.call()
            self.stdout.write(
                f"Deleted {deleted} task results finished more than {result_days} days ago."
            )
            return
        result = delete_expired_contact_messages.enqueue()
        self.stdout.write(
            f"Queued the deletion of contact messages older than {days} days (task {result.id})."
        )
        result = delete_finished_task_results.enqueue()
        self.stdout.write(
            f"Queued the deletion of task results finished more than "
            f"{result_days} days ago (task {result.id})."
        )
