"""Contact messages are deleted once they are older than the retention period."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from hub.models import ContactMessage
from hub.tasks import delete_expired_contact_messages

pytestmark = pytest.mark.django_db


def message_received(days_ago: int, name: str) -> ContactMessage:
    message = ContactMessage.objects.create(name=name, email=f"{name}@example.org",
                                            message="A question about a report.")
    ContactMessage.objects.filter(pk=message.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago))
    return message


@pytest.fixture
def messages():
    return [message_received(400, "old"), message_received(181, "expired"),
            message_received(179, "recent"), message_received(0, "today")]


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


def test_the_command_queues_the_purge_for_the_worker(messages, capsys):
    call_command("purge_contact_messages")
    assert "Queued the deletion of contact messages older than 180 days" in (
        capsys.readouterr().out)
    # Tests use the immediate task backend, so the queued task has already run.
    assert names() == {"recent", "today"}


def test_the_command_can_purge_at_once(messages, capsys):
    call_command("purge_contact_messages", "--now")
    assert "Deleted 2 contact messages older than 180 days." in capsys.readouterr().out
    assert names() == {"recent", "today"}
