"""Tell people by email what happened: submissions, assignments, reviews and decisions.

Mail is sent by background tasks (django-tasks) queued after the database commit, so a
slow or failing mail server never blocks or loses a submission. A failed send is tried
again, up to ``MAX_ATTEMPTS`` times in all, each retry queued to run after a doubling
delay (30 s, 1 min, 2 min, 4 min) on a queue that can defer tasks; a queue that cannot
(the immediate one of development and tests) retries at once. Every failure is logged
to ``hub.tasks``, at WARNING while a retry is queued and at ERROR when the mail is given
up, and the task is then recorded as failed: a notification is never dropped silently.
Log lines name the kind of mail and the task, never an address. Messages are plain text
from ``templates/email/``.
"""

import logging
from datetime import timedelta
from pathlib import PurePath

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskContext, task

from accounts.roles import editors

task_log = logging.getLogger("hub.tasks")

MAX_ATTEMPTS = 5
RETRY_DELAY_SECONDS = 30


class MailNotSent(Exception):
    """A mail failed; says which kind and why, never to whom (server errors may name addresses)."""


def editor_emails() -> list[str]:
    """Return the addresses of every editor, superusers included, once each."""
    return sorted(set(editors().exclude(email="").values_list("email", flat=True)))


def notification_kind(template: str) -> str:
    """Name a mail by its template ("email/received.txt" is "received") for the logs."""
    return PurePath(template).stem


def retry_delay(attempt: int) -> timedelta:
    """Wait longer after each failure, giving a mail server time to come back."""
    return timedelta(seconds=RETRY_DELAY_SECONDS * 2 ** (attempt - 1))


@task(takes_context=True)
def send_email(
    context: TaskContext,
    *,
    subject: str,
    template: str,
    message_context: dict,
    recipients: list[str],
    reply_to: list[str] | None = None,
    attempt: int = 1,
) -> int:
    """Render and send one plain-text email; on failure queue a retry, or give up loudly.

    Returns how many mails were sent: 0 when this attempt failed and handed the mail to
    a retry. The last attempt's failure, or a retry that cannot be queued, is raised so
    that the task is recorded as failed.
    """
    if not recipients:
        return 0
    body = render_to_string(template, {**message_context, "site_url": settings.HUB_SITE_URL})
    try:
        return EmailMessage(subject, body, None, recipients, reply_to=reply_to).send()
    except Exception as error:  # noqa: BLE001 - any mail failure is retried, then logged
        reason = type(error).__name__
    kind, task_id = notification_kind(template), context.task_result.id
    if attempt >= MAX_ATTEMPTS:
        task_log.error(
            "mail %s not sent: attempt %s of %s failed (%s), giving up (task %s)",
            kind,
            attempt,
            MAX_ATTEMPTS,
            reason,
            task_id,
        )
        raise MailNotSent(f"{kind}: {reason} on attempt {attempt}")
    task_log.warning(
        "mail %s: attempt %s of %s failed (%s), retrying (task %s)",
        kind,
        attempt,
        MAX_ATTEMPTS,
        reason,
        task_id,
    )
    retry = send_email
    if retry.get_backend().supports_defer:
        retry = retry.using(run_after=timezone.now() + retry_delay(attempt))
    try:
        retry.enqueue(
            subject=subject,
            template=template,
            message_context=message_context,
            recipients=recipients,
            reply_to=reply_to,
            attempt=attempt + 1,
        )
    except Exception as error:  # noqa: BLE001 - the queue itself failed: nothing will retry
        task_log.error(
            "mail %s not sent: the retry could not be queued (%s) (task %s)",
            kind,
            type(error).__name__,
            task_id,
        )
        raise MailNotSent(f"{kind}: {reason}; retry not queued") from None
    return 0


def tell_editors_after_commit(*, subject: str, template: str, context: dict) -> None:
    """Mail every editor once the current transaction commits, and never if it rolls back."""
    transaction.on_commit(
        lambda: queue_email(
            subject=subject, template=template, context=context, recipients=editor_emails()
        )
    )


def queue_email(
    *,
    subject: str,
    template: str,
    context: dict,
    recipients: list[str],
    reply_to: list[str] | None = None,
) -> None:
    """Queue an email; a queue that cannot take it is logged, never raised to the user.

    ``reply_to`` names who answers reach, when that is not the hub (a contact message's
    sender).
    """
    try:
        send_email.enqueue(
            subject=str(subject),
            template=template,
            message_context=context,
            recipients=list(recipients),
            reply_to=list(reply_to) if reply_to else None,
        )
    except Exception as error:  # noqa: BLE001 - the change that triggered it is already saved
        task_log.error(
            "mail %s not sent: it could not be queued (%s)",
            notification_kind(template),
            type(error).__name__,
        )


def resource_transitioned(*, resource_id: int, event: str) -> None:
    """Send the emails a status change calls for (after commit)."""
    from django.utils.translation import gettext as _

    from resources.models import Resource

    resource = Resource.objects.select_related("submitted_by").get(pk=resource_id)
    entry = resource.history.order_by("-created_at", "-pk").first()
    context = {
        "title": resource.title,
        "status": resource.get_status_display(),
        "message": entry.message if entry else "",
        "path": reverse("submission:item", kwargs={"pk": resource.pk}),
    }
    submitter = resource.submitted_by
    if event == "submitted":
        if submitter:
            queue_email(
                subject=_("We received your submission"),
                template="email/received.txt",
                context=context,
                recipients=[submitter.email],
            )
        queue_email(
            subject=_("New submission to review"),
            template="email/new_submission.txt",
            context={**context, "path": reverse("review:queue")},
            recipients=editor_emails(),
        )
    elif event == "decided" and submitter:
        queue_email(
            subject=_("A decision on your submission"),
            template="email/decision.txt",
            context=context,
            recipients=[submitter.email],
        )
