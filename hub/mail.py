"""Send the hub's mail after commit, in each recipient's language, with links to the hub.

Every mail goes through ``queue_mail``. It waits for the current transaction to commit,
so a change that rolls back mails no one, then queues one background task (django-tasks)
per language among the recipients: a person with an account is written to in their
``User.language``, a plain address in the language of whoever caused the mail. The
subject and any lazy text in the context are translated into that language when the
task is queued, the body when it is rendered; links are absolute addresses built by
``site_link`` from the URL names and ``HUB_SITE_URL``, never typed paths, and like the
subject they are made in each recipient's language, so they lead to the pages in it.

Queued mail never blocks or loses the change that caused it. A failed send is tried
again, up to ``MAX_ATTEMPTS`` times in all, each retry queued to run after a doubling
delay (30 s, 1 min, 2 min, 4 min) on a queue that can defer tasks; a queue that cannot
(the immediate one of development and tests) retries at once. Every failure is logged
to ``hub.tasks``, at WARNING while a retry is queued and at ERROR when the mail is given
up, and the task is then recorded as failed: a mail is never dropped silently. Log lines
name the kind of mail and the task, never an address. Messages are plain text from
``templates/email/``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from datetime import timedelta
from pathlib import PurePath
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise, lazy
from django.utils.http import urlencode
from django_tasks import TaskContext, task

if TYPE_CHECKING:
    from accounts.models import User

task_log = logging.getLogger("hub.tasks")

MAX_ATTEMPTS = 5
RETRY_DELAY_SECONDS = 30
LANGUAGE_NOTE = "email/language_note.txt"


class MailNotSent(Exception):
    """A mail failed; says which kind and why, never to whom (server errors may name addresses)."""


def _site_link(
    viewname: str,
    *,
    kwargs: Mapping[str, object] | None = None,
    query: Mapping[str, str] | None = None,
) -> str:
    path = reverse(viewname, kwargs=kwargs)
    if query:
        path = f"{path}?{urlencode(query)}"
    return f"{settings.HUB_SITE_URL}{path}"


def site_link(
    viewname: str,
    *,
    kwargs: Mapping[str, object] | None = None,
    query: Mapping[str, str] | None = None,
) -> Promise:
    """Return the absolute address of a hub page, for a mail read away from the hub.

    The address is made when it is read, in the language active then: ``queue_mail``
    reads it in each recipient's language, so the link opens the page in that language.
    """
    return lazy(_site_link, str)(viewname, kwargs=kwargs, query=query)


def queue_mail(
    *,
    to: Iterable[User | str],
    subject: str | Promise,
    template: str,
    context: Mapping[str, object] | None = None,
    reply_to: Sequence[str] = (),
) -> None:
    """Queue a mail once the current transaction commits, written in each recipient's language.

    ``to`` holds accounts (a queryset is read only at commit, so it reaches whoever holds
    the role then) and plain addresses. ``subject`` and the context's values may be lazy
    translations (``gettext_lazy``, a choice's ``label``); they are translated for each
    language. ``reply_to`` names who answers reach, when that is not the hub (a contact
    message's sender).
    """
    own_language = translation.get_language() or settings.LANGUAGE_CODE
    message_context = dict(context or {})
    transaction.on_commit(
        lambda: _queue_by_language(
            to=to,
            subject=subject,
            template=template,
            context=message_context,
            reply_to=list(reply_to),
            own_language=own_language,
        )
    )


def _language(code: str) -> str:
    """Return the hub's language for a stored code, or the default one for a code it lacks."""
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return settings.LANGUAGE_CODE


def _recipients_by_language(
    *, to: Iterable[User | str], own_language: str
) -> dict[tuple[str, bool], list[str]]:
    """Group the addresses by the language they are written in, each address once.

    The second part of each key says whether the group holds accounts, whose mails end
    with a note on where to change their language.
    """
    groups: dict[tuple[str, bool], set[str]] = {}
    seen: set[str] = set()
    for recipient in to:
        if isinstance(recipient, str):
            address, key = recipient, (_language(own_language), False)
        else:
            address, key = recipient.email, (_language(recipient.language), True)
        if address and address.lower() not in seen:
            seen.add(address.lower())
            groups.setdefault(key, set()).add(address)
    return {key: sorted(addresses) for key, addresses in groups.items()}


def _queue_by_language(
    *,
    to: Iterable[User | str],
    subject: str | Promise,
    template: str,
    context: dict,
    reply_to: list[str],
    own_language: str,
) -> None:
    groups = _recipients_by_language(to=to, own_language=own_language)
    for (language, to_accounts), recipients in groups.items():
        with translation.override(language):
            translated = {
                key: str(value) if isinstance(value, Promise) else value
                for key, value in context.items()
            }
            _enqueue(
                subject=str(subject),
                template=template,
                message_context=translated,
                recipients=recipients,
                reply_to=reply_to or None,
                language=language,
                to_accounts=to_accounts,
            )


def _enqueue(**mail) -> None:
    """Queue one mail; a queue that cannot take it is logged, never raised to the user."""
    try:
        send_email.enqueue(**mail)
    except Exception as error:  # noqa: BLE001 - the change that triggered it is already saved
        task_log.error(
            "mail %s not sent: it could not be queued (%s)",
            mail_kind(mail["template"]),
            type(error).__name__,
        )


def mail_kind(template: str) -> str:
    """Name a mail by its template ("email/received.txt" is "received") for the logs."""
    return PurePath(template).stem


def retry_delay(attempt: int) -> timedelta:
    """Wait longer after each failure, giving a mail server time to come back."""
    return timedelta(seconds=RETRY_DELAY_SECONDS * 2 ** (attempt - 1))


def render_body(*, template: str, message_context: dict, language: str, to_accounts: bool) -> str:
    """Render a mail's text in its language; mail to accounts says where to change it."""
    with translation.override(language):
        body = render_to_string(template, message_context)
        if to_accounts:
            name = translation.get_language_info(language)["name_translated"]
            note = render_to_string(LANGUAGE_NOTE, {"language": name})
            body = f"{body.rstrip()}\n\n{note.strip()}\n"
    return body


@task(takes_context=True)
def send_email(
    context: TaskContext,
    *,
    subject: str,
    template: str,
    message_context: dict,
    recipients: list[str],
    reply_to: list[str] | None = None,
    language: str,
    to_accounts: bool,
    attempt: int = 1,
) -> int:
    """Render and send one plain-text email; on failure queue a retry, or give up loudly.

    Returns how many mails were sent: 0 when this attempt failed and handed the mail to
    a retry. The last attempt's failure, or a retry that cannot be queued, is raised so
    that the task is recorded as failed.
    """
    if not recipients:
        return 0
    body = render_body(
        template=template,
        message_context=message_context,
        language=language,
        to_accounts=to_accounts,
    )
    headers = {"Content-Language": language}
    try:
        return EmailMessage(
            subject, body, None, recipients, reply_to=reply_to, headers=headers
        ).send()
    except Exception as error:  # noqa: BLE001 - any mail failure is retried, then logged
        reason = type(error).__name__
    kind, task_id = mail_kind(template), context.task_result.id
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
            language=language,
            to_accounts=to_accounts,
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
