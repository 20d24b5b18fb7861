"""Read accounts: who a sign-in name means, which roles a person holds, what the hub holds on them.

A person may download everything the hub holds about them (``account_data``).
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.models import ContactMessage
from resources.submission.selectors import my_items, reviewer_comments, submitter_history
from review.models import CRITERIA, Assignment, ReviewerProfile, RosterApplication
from taxonomy.models import Organization

from .affiliation import OrganizationNames, organization_key
from .roles import EDITOR, PARTNER, REVIEWER, roles_held

ROLE_LABELS = {
    PARTNER: _("Partner: submits resources"),
    REVIEWER: _("Peer reviewer"),
    EDITOR: _("Editor"),
}


MAX_SIGN_IN_NAME = 254  # the longest email address


def user_for_login(*, identifier: str):
    """Find the one account a sign-in name means: a username, or an email address.

    A name no account can have (a NUL character, which PostgreSQL refuses in text, or
    longer than an email address may be) means none, without asking the database.
    """
    identifier = (identifier or "").strip()
    if not identifier or "\x00" in identifier or len(identifier) > MAX_SIGN_IN_NAME:
        return None
    users = list(
        get_user_model().objects.filter(
            Q(username__iexact=identifier) | Q(email__iexact=identifier)
        )[:5]
    )
    for match in (
        lambda user: user.username == identifier,
        lambda user: user.email.lower() == identifier.lower(),
    ):
        found = [user for user in users if match(user)]
        if len(found) == 1:
            return found[0]
    return users[0] if len(users) == 1 else None


def user_by_email(*, email: str):
    """Find the account registered with an email address, ignoring case."""
    return get_user_model().objects.filter(email__iexact=(email or "").strip()).first()


def email_in_use(*, email: str, exclude_pk: int | None = None) -> bool:
    """Tell whether an account already uses this email address, ignoring case."""
    users = get_user_model().objects.filter(email__iexact=(email or "").strip())
    if exclude_pk is not None:
        users = users.exclude(pk=exclude_pk)
    return users.exists()


def organization_matching(*, text: str) -> Organization | None:
    """Find the organization a person typed, by name or acronym (``OrganizationNames``)."""
    if not organization_key(text or ""):
        return None
    return OrganizationNames(Organization.objects.all()).find(text)


def user_roles(*, user) -> list[str]:
    """List the labels of the roles a person holds, partner first."""
    return [str(ROLE_LABELS[role]) for role in roles_held(user)]


def _when(value) -> str | None:
    return value.isoformat() if value else None


def _expertise(expertise) -> dict:
    return {
        "un_affiliated": expertise.is_un_affiliated,
        "objectives": [objective.code for objective in expertise.objectives.all()],
        "regions": [region.slug for region in expertise.regions.all()],
        "languages": [language.code for language in expertise.languages.all()],
        "years_of_experience": expertise.years_of_experience,
        "publications": expertise.publications,
        "statement": expertise.statement,
    }


def _submissions(user) -> list[dict]:
    items = []
    for resource in my_items(user=user):
        items.append(
            {
                "title": resource.title,
                "kind": resource.kind,
                "status": resource.status,
                "status_label": str(resource.get_status_display()),
                "page": resource.get_absolute_url() if resource.is_published else None,
                "created_at": _when(resource.created_at),
                "updated_at": _when(resource.updated_at),
                "published_at": _when(resource.published_at),
                "history": [
                    {
                        "when": _when(step.when),
                        "by": step.by,
                        "from": step.from_status,
                        "to": step.to_status,
                        "message": step.message,
                    }
                    for step in submitter_history(resource=resource)
                ],
                "reviewer_comments": [
                    {"reviewer": comment.reviewer, "comments": comment.comments}
                    for comment in reviewer_comments(resource=resource)
                ],
            }
        )
    return items


def _reviews(user) -> list[dict]:
    assignments = (
        Assignment.objects.filter(reviewer=user)
        .select_related("resource", "review")
        .order_by("assigned_at", "pk")
    )
    reviews = []
    for assignment in assignments:
        review = getattr(assignment, "review", None)
        reviews.append(
            {
                "item": assignment.resource.title,
                "state": assignment.state,
                "assigned_at": _when(assignment.assigned_at),
                "declared_at": _when(assignment.declared_at),
                "conflict_of_interest": assignment.conflict_note,
                "review": None
                if review is None
                else {
                    "submitted_at": _when(review.submitted_at),
                    "scores": {name: getattr(review, name) for name, _label in CRITERIA},
                    "recommendation": review.recommendation,
                    "comments_for_submitter": review.comments_for_submitter,
                    "confidential_comments": review.confidential_comments,
                },
            }
        )
    return reviews


def account_data(*, user) -> dict:
    """Gather what the hub holds about a person, for them to download.

    It holds their profile, the items they submitted with the history and reviewers'
    comments they can already see, their roster applications and reviewer profile, the
    reviews they wrote (their own words, confidential comments included) and the contact
    messages they sent while signed in. Nothing about other people is included: no
    reviewer or editor is named.
    """
    profile = ReviewerProfile.objects.filter(user=user).first()
    applications = (
        RosterApplication.objects.filter(applicant=user)
        .prefetch_related("objectives", "regions", "languages")
        .order_by("submitted_at", "pk")
    )
    messages = ContactMessage.objects.filter(user=user).order_by("created_at", "pk")
    return {
        "generated_at": _when(timezone.now()),
        "profile": {
            "username": user.get_username(),
            "name": user.name,
            "email": user.email,
            "email_confirmed": user.email_confirmed,
            "language": user.language,
            "affiliation": user.affiliation,
            "organization": user.organization.name if user.organization else None,
            "roles": sorted(user.groups.values_list("name", flat=True)),
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
        },
        "submissions": _submissions(user),
        "roster_applications": [
            {
                "state": application.state,
                "submitted_at": _when(application.submitted_at),
                "decided_at": _when(application.decided_at),
                "message_from_the_editors": application.decision_note,
                **_expertise(application),
            }
            for application in applications
        ],
        "reviewer_profile": None
        if profile is None
        else {
            "active": profile.is_active,
            "joined_at": _when(profile.joined_at),
            "un_affiliation_confirmed": profile.is_confirmed_un,
            **_expertise(profile),
        },
        "reviews": _reviews(user),
        "contact_messages": [
            {
                "received_at": _when(message.created_at),
                "topic": message.topic,
                "name": message.name,
                "email": message.email,
                "message": message.message,
            }
            for message in messages
        ],
    }
