"""Tell people by email what happened: submissions, assignments, reviews and decisions.

Mail is sent by background tasks (django-tasks) queued after the database commit, so a
slow or failing mail server never blocks or loses a submission; a failed send is retried
by the task and logged. Messages are plain text from ``templates/email/``.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django_tasks import task

from accounts.roles import EDITOR

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3


def editor_emails() -> list[str]:
    users = get_user_model().objects.filter(is_active=True).filter(groups__name=EDITOR)
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


@task()
def send_email(*, subject: str, template: str, context: dict, recipients: list[str]) -> int:
    """Render and send one plain-text email, retrying a failing server a few times."""
    if not recipients:
        return 0
    body = render_to_string(template, {**context, "site_url": settings.HUB_SITE_URL})
    last_error = None
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            return send_mail(subject, body, None, recipients)
        except Exception as error:  # noqa: BLE001 - any mail failure is retried, then logged
            last_error = error
            logger.warning("mail attempt %s of %s failed: %s", attempt, MAX_ATTEMPTS,
                           type(error).__name__)
    logger.error("mail not sent after %s attempts: %s", MAX_ATTEMPTS,
                 type(last_error).__name__)
    raise last_error


def queue_email(*, subject: str, template: str, context: dict, recipients: list[str]) -> None:
    """Queue an email; a queue that cannot take it is logged, never raised to the user."""
    try:
        send_email.enqueue(subject=str(subject), template=template, context=context,
                           recipients=list(recipients))
    except Exception:  # noqa: BLE001 - the change that triggered the mail is already saved
        logger.exception("could not queue mail %s", template)


def resource_transitioned(*, resource_id: int, event: str) -> None:
    """Send the emails a status change calls for (after commit)."""
    from django.utils.translation import gettext as _

    from resources.models import Resource

    resource = Resource.objects.select_related("submitted_by").get(pk=resource_id)
    entry = resource.history.order_by("-created_at", "-pk").first()
    context = {"title": resource.title, "status": resource.get_status_display(),
               "message": entry.message if entry else "", "path": "/my/"}
    submitter = resource.submitted_by
    if event == "submitted":
        if submitter:
            queue_email(subject=_("We received your submission"), template="email/received.txt",
                        context=context, recipients=[submitter.email])
        queue_email(subject=_("New submission to review"), template="email/new_submission.txt",
                    context={**context, "path": "/review/"}, recipients=editor_emails())
    elif event == "decided" and submitter:
        queue_email(subject=_("A decision on your submission"), template="email/decision.txt",
                    context=context, recipients=[submitter.email])
