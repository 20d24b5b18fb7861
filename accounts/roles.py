"""Name the hub's roles and answer who holds them; every permission check starts here.

Roles are Django groups so editors can grant them in the admin. A confirmed account is a
partner; reviewers join through the roster; editors are the hub secretariat.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

PARTNER = "partner"
REVIEWER = "reviewer"
EDITOR = "editor"
ROLES = (PARTNER, REVIEWER, EDITOR)


def _in_group(user: AbstractBaseUser | AnonymousUser, group: str) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    cache = getattr(user, "_hub_groups", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._hub_groups = cache
    return group in cache


def is_editor(user) -> bool:
    """Editors assign reviewers, decide on items and manage the roster."""
    return bool(user.is_authenticated and user.is_active and user.is_superuser) or _in_group(
        user, EDITOR
    )


def is_reviewer(user) -> bool:
    return _in_group(user, REVIEWER)


def is_partner(user) -> bool:
    """Partners are confirmed accounts that may submit resources."""
    confirmed = getattr(user, "email_confirmed", False)
    return bool(user.is_authenticated and user.is_active and confirmed) or _in_group(
        user, PARTNER
    )
