"""A failing mail server delays a notification but never loses it, nor the submission."""

import logging
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult, get_date_max

from hub.mail import MAX_ATTEMPTS
from resources.models import Status
from review import workflow
from review.models import HistoryEntry
from tests.factories import ResourceFactory, UserFactory

FLAKY = "tests.hub.test_mail_retry.FlakyBackend"
PARTNER_EMAIL = "amina.partner@example.org"


class FlakyBackend(EmailBackend):
    """A mail server that refuses the first ``failures_left`` messages, then delivers."""

    failures_left = 0

    def send_messages(self, email_messages):
        if FlakyBackend.failures_left > 0:
            FlakyBackend.failures_left -= 1
            raise ConnectionRefusedError(f"mail server down, could not reach {PARTNER_EMAIL}")
        return super().send_messages(email_messages)


@pytest.fixture
def flaky_mail(settings):
    settings.EMAIL_BACKEND = FLAKY
    yield FlakyBackend
    FlakyBackend.failures_left = 0


@pytest.fixture
def submission(db):
    partner = UserFactory(username="amina", email=PARTNER_EMAIL, groups=["partner"])
    return ResourceFactory(status=Status.DRAFT, submitted_by=partner, title="Flaky mail"), partner


def submit(committed, submission):
    resource, partner = submission
    committed(workflow.transition, resource_id=resource.pk, name="submit", actor=partner)
    resource.refresh_from_db()
    return resource


def receipts():
    return [message for message in mail.outbox if message.to == [PARTNER_EMAIL]]


def hub_task_records(caplog, level):
    return [
        record
        for record in caplog.records
        if record.name == "hub.tasks" and record.levelno == level
    ]


def assert_nothing_personal(caplog):
    for record in caplog.records:
        assert "@" not in record.getMessage()


def test_a_mail_refused_twice_is_retried_and_delivered_once(
    submission, committed, flaky_mail, caplog
):
    flaky_mail.failures_left = 2
    with caplog.at_level(logging.WARNING):
        resource = submit(committed, submission)
    assert resource.status == Status.SUBMITTED
    assert len(receipts()) == 1
    warnings = hub_task_records(caplog, logging.WARNING)
    assert len(warnings) == 2
    assert "mail received: attempt 1 of" in warnings[0].getMessage()
    assert hub_task_records(caplog, logging.ERROR) == []
    assert_nothing_personal(caplog)


def test_a_mail_that_always_fails_is_given_up_loudly_and_the_submission_is_kept(
    submission, committed, flaky_mail, caplog
):
    flaky_mail.failures_left = 1000
    with caplog.at_level(logging.WARNING):
        resource = submit(committed, submission)
    assert resource.status == Status.SUBMITTED
    assert HistoryEntry.objects.filter(resource=resource, action="submit").exists()
    assert receipts() == []
    errors = [record.getMessage() for record in hub_task_records(caplog, logging.ERROR)]
    assert any(
        f"mail received not sent: attempt {MAX_ATTEMPTS} of {MAX_ATTEMPTS}" in message
        for message in errors
    )
    assert len(hub_task_records(caplog, logging.WARNING)) >= MAX_ATTEMPTS - 1
    assert_nothing_personal(caplog)


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_queued_mail(*, now_plus: timedelta = timedelta(0)) -> int:
    """Run the queued tasks a worker would run at ``now + now_plus``; return how many ran."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    due = DBTaskResult.objects.filter(status=TaskResultStatus.READY).filter(
        Q(run_after=get_date_max()) | Q(run_after__lte=timezone.now() + now_plus)
    )
    count = 0
    for row in due.order_by("enqueued_at"):
        row.claim(worker.worker_id)
        worker.run_task(row)
        count += 1
    return count


def test_the_worker_retries_later_with_a_growing_delay_until_the_mail_goes(
    submission, committed, flaky_mail, database_queue, caplog
):
    flaky_mail.failures_left = 2
    with caplog.at_level(logging.WARNING):
        resource = submit(committed, submission)
        assert resource.status == Status.SUBMITTED
        assert receipts() == []
        assert run_queued_mail() >= 1
        first_retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
        assert first_retry.args_kwargs["kwargs"]["attempt"] == 2
        delay = first_retry.run_after - timezone.now()
        assert timedelta(seconds=20) < delay <= timedelta(seconds=30)
        assert run_queued_mail() == 0, "a retry waits for its time"
        assert run_queued_mail(now_plus=timedelta(seconds=31)) == 1
        second_retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
        assert second_retry.run_after - timezone.now() > timedelta(seconds=50)
        assert run_queued_mail(now_plus=timedelta(minutes=2)) == 1
    assert len(receipts()) == 1
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).exists()
    assert len(hub_task_records(caplog, logging.WARNING)) == 2
    assert_nothing_personal(caplog)


def test_the_last_failure_is_recorded_as_a_failed_task_without_the_address(
    submission, committed, flaky_mail, database_queue
):
    flaky_mail.failures_left = 1000
    submit(committed, submission)
    for _ in range(MAX_ATTEMPTS + 1):
        run_queued_mail(now_plus=timedelta(days=1))
    receipt_tasks = [
        row
        for row in DBTaskResult.objects.all()
        if row.args_kwargs["kwargs"]["template"] == "email/received.txt"
    ]
    assert len(receipt_tasks) == MAX_ATTEMPTS
    failed = [row for row in receipt_tasks if row.status == TaskResultStatus.FAILED]
    assert len(failed) == 1
    assert failed[0].args_kwargs["kwargs"]["attempt"] == MAX_ATTEMPTS
    assert "MailNotSent" in failed[0].exception_class_path
    assert PARTNER_EMAIL not in failed[0].traceback
    assert receipts() == []
