"""Choose the mails a status change sends: the receipt, the editors' notice and the decision.

Sending itself (after commit, in each recipient's language, with retries) is ``hub.mail``.
"""

from django.utils.translation import gettext_lazy as _

from accounts.roles import editors
from hub.mail import queue_mail, site_link
from resources.models import Resource, Status


def resource_transitioned(*, resource_id: int, event: str) -> None:
    """Mail the submitter and the editors what a status change means for them (after commit)."""
    resource = Resource.objects.select_related("submitted_by").get(pk=resource_id)
    entry = resource.history.order_by("-created_at", "-pk").first()
    context = {
        "title": resource.title,
        "status": Status(resource.status).label,
        "message": entry.message if entry else "",
        "link": site_link("submission:item", kwargs={"pk": resource.pk}),
    }
    submitter = resource.submitted_by
    if event == "submitted":
        if submitter:
            queue_mail(
                to=[submitter],
                subject=_("We received your submission"),
                template="email/received.txt",
                context=context,
            )
        queue_mail(
            to=editors(),
            subject=_("New submission to review"),
            template="email/new_submission.txt",
            context={**context, "link": site_link("review:queue")},
        )
    elif event == "decided" and submitter:
        queue_mail(
            to=[submitter],
            subject=_("A decision on your submission"),
            template="email/decision.txt",
            context=context,
        )
