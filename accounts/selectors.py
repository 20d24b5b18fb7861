"""Read accounts and organizations: who a sign-in name means, which roles a person holds."""

import re

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from taxonomy.models import Organization

from .roles import EDITOR, PARTNER, REVIEWER

ROLE_LABELS = {
    PARTNER: _("Partner: submits resources"),
    REVIEWER: _("Peer reviewer"),
    EDITOR: _("Editor"),
}

_NAME_WITH_ACRONYM = re.compile(r"^(?P<name>.+?)\s*\((?P<acronym>[^()]+)\)$")


def user_for_login(*, identifier: str):
    """Find the one account a sign-in name means: a username, or an email address."""
    identifier = (identifier or "").strip()
    if not identifier:
        return None
    users = list(get_user_model().objects.filter(
        Q(username__iexact=identifier) | Q(email__iexact=identifier))[:5])
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
    """Find the organization a person typed, by name or acronym, ignoring case."""
    text = " ".join((text or "").split())
    if not text:
        return None
    candidates = [text]
    parts = _NAME_WITH_ACRONYM.match(text)
    if parts:
        candidates.append(parts["name"])
    for candidate in candidates:
        found = Organization.objects.filter(name__iexact=candidate).first()
        if found:
            return found
    return Organization.objects.filter(acronym__iexact=text).order_by("name").first()


def user_roles(*, user) -> list[str]:
    """List the labels of the roles a person holds, partner first."""
    names = set(user.groups.values_list("name", flat=True))
    labels = [str(ROLE_LABELS[role]) for role in (PARTNER, REVIEWER, EDITOR) if role in names]
    if user.is_superuser and EDITOR not in names:
        labels.append(str(ROLE_LABELS[EDITOR]))
    return labels
