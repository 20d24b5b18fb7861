"""Store contact messages, tell the editors about them, and delete what has expired.

Expired: contact messages past their retention period, and the stored results of
finished background tasks.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy
from django_tasks_db.models import DBTaskResult

from accounts.roles import editors

from .mail import queue_mail, site_link
from .models import ContactMessage


@transaction.atomic
def contact_message_create(
    *, name: str, email: str, topic: str, message: str, user=None
) -> ContactMessage:
    """Store a message for the editors and mail it to them after commit.

    The message is checked by its own rules (``full_clean``) first, so a caller cannot
    store what the contact form would refuse; a ``ValidationError`` stores nothing.
    """
    contact = ContactMessage(
        name=name,
        email=email,
        topic=topic,
        message=message,
        user=user if user is not None and user.is_authenticated else None,
    )
    contact.full_clean()
    contact.save()
    topic = ContactMessage.Topic(contact.topic).label
    queue_mail(
        to=editors(),
        subject=format_lazy(gettext_lazy("Contact form: {topic}"), topic=topic),
        template="email/contact.txt",
        context={
            "name": contact.name,
            "email": contact.email,
            "topic": topic,
            "message": contact.message,
            "link": site_link("admin:hub_contactmessage_change", kwargs={"object_id": contact.pk}),
        },
        reply_to=[contact.email],
    )
    return contact


@transaction.atomic
def contact_messages_delete_expired(*, retention_days: int) -> int:
    """Delete messages received more than ``retention_days`` ago; return how many.

    A message holds a visitor's name, address and words, kept only as long as the editors
    need to answer it.
    """
    cutoff = timezone.now() - timedelta(days=retention_days)
    deleted, _by_model = ContactMessage.objects.filter(created_at__lt=cutoff).delete()
    return deleted


@transaction.atomic
def task_results_delete_finished(*, retention_days: int) -> int:
    """Delete results of tasks that finished more than ``retention_days`` ago; return how many.

    A stored result keeps the task's arguments: for a mail, its recipients' addresses.
    Queued and running tasks are kept, whatever their age.
    """
    cutoff = timezone.now() - timedelta(days=retention_days)
    deleted, _by_model = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    return deleted
