"""Store contact messages and tell the editors about them."""

from django.db import transaction
from django.utils.translation import gettext

from review.notifications import editor_emails, queue_email

from .models import ContactMessage


@transaction.atomic
def contact_message_create(*, name: str, email: str, topic: str, message: str,
                           user=None) -> ContactMessage:
    """Store a message for the editors and mail it to them after commit."""
    contact = ContactMessage.objects.create(
        name=name, email=email, topic=topic, message=message,
        user=user if user is not None and user.is_authenticated else None)
    context = {"name": contact.name, "email": contact.email,
               "topic": str(contact.get_topic_display()), "message": contact.message,
               "path": f"/admin/hub/contactmessage/{contact.pk}/change/"}
    transaction.on_commit(lambda: queue_email(
        subject=gettext("Contact form: %(topic)s") % {"topic": context["topic"]},
        template="email/contact.txt", context=context, recipients=editor_emails(),
    ))
    return contact
