"""Contact messages and finished task results are deleted once past their retention period."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from hub.models import ContactMessage
from hub.tasks import delete_expired_contact_messages, delete_finished_task_results

pytestmark = pytest.mark.django_db


def message_received(days_ago: int, name: str) -> ContactMessage:
    message = ContactMessage.objects.create(
        name=name, email=f"{name}@example.org", message="A question about a report."
    )
    ContactMessage.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )
    return message


@pytest.fixture
def messages():
    return [
        message_received(400, "old"),
        message_received(181, "expired"),
        message_received(179, "recent"),
        message_received(0, "today"),
    ]


def names() -> set[str]:
    return set(ContactMessage.objects.values_list("name", flat=True))


def test_the_default_retention_is_180_days(settings):
    assert settings.HUB_CONTACT_RETENTION_DAYS == 180


def test_the_task_deletes_expired_messages_and_keeps_recent_ones(messages):
    assert delete_expired_contact_messages.call() == 2
    assert names() == {"recent", "today"}


def test_the_retention_period_is_configurable(messages, settings):
    settings.HUB_CONTACT_RETENTION_DAYS = 30
    delete_expired_contact_messages.call()
    assert names() == {"today"}


def test_the_command_queues_the_purge_for_the_worker(messages, task_results, capsys):
    call_command("purge_contact_messages")
    output = capsys.readouterr().out
    assert "Queued the deletion of contact messages older than 180 days" in output
    assert "Queued the deletion of task results finished more than 7 days ago" in output
    # Tests use the immediate task backend, so the queued tasks have already run.
    assert names() == {"recent", "today"}
    assert result_labels() == {"recent mail", "failed yesterday", "queued", "running"}


def test_the_command_can_purge_at_once(messages, task_results, capsys):
    call_command("purge_contact_messages", "--now")
    output = capsys.readouterr().out
    assert "Deleted 2 contact messages older than 180 days." in output
    assert "Deleted 2 task results finished more than 7 days ago." in output
    assert names() == {"recent", "today"}
    assert result_labels() == {"recent mail", "failed yesterday", "queued", "running"}


# Task results keep each mail's recipients ------------------------------------------------


def task_result(label: str, status: str, finished_days_ago: int | None) -> DBTaskResult:
    now = timezone.now()
    finished = None if finished_days_ago is None else now - timedelta(days=finished_days_ago)
    return DBTaskResult.objects.create(
        status=status,
        finished_at=finished,
        run_after=now,
        backend_name="default",
        task_path="hub.mail.send_email",
        exception_class_path="",
        traceback=label,
        args_kwargs={"args": [], "kwargs": {"recipients": [f"{label.split()[0]}@example.org"]}},
    )


def result_labels() -> set[str]:
    return set(DBTaskResult.objects.values_list("traceback", flat=True))


@pytest.fixture
def task_results():
    return [
        task_result("old mail", "SUCCESSFUL", 30),
        task_result("failed long ago", "FAILED", 8),
        task_result("recent mail", "SUCCESSFUL", 6),
        task_result("failed yesterday", "FAILED", 1),
        task_result("queued", "READY", None),
        task_result("running", "RUNNING", None),
    ]


def test_finished_task_results_are_deleted_after_a_week(task_results):
    assert delete_finished_task_results.call() == 2
    assert result_labels() == {"recent mail", "failed yesterday", "queued", "running"}


def test_the_task_result_retention_is_configurable(task_results, settings):
    settings.HUB_TASK_RESULT_RETENTION_DAYS = 0
    delete_finished_task_results.call()
    assert result_labels() == {"queued", "running"}
