"""Name the hub's roles and answer who holds them; every permission check starts here.

Roles are Django groups so editors can grant them in the admin. A confirmed account is a
partner; reviewers join through the roster; editors are the hub secretariat.
"""

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group
from django.db.models import Q, QuerySet
from django.urls import reverse

if TYPE_CHECKING:
    from resources.models import Resource

# Whoever makes a request: an account, or a visitor who has not signed in.
Person = AbstractBaseUser | AnonymousUser

PARTNER = "partner"
REVIEWER = "reviewer"
EDITOR = "editor"
ROLES = (PARTNER, REVIEWER, EDITOR)


def _in_group(user: Person, group: str) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    cache = getattr(user, "_hub_groups", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._hub_groups = cache
    return group in cache


def role_grant(*, user: AbstractBaseUser, role: str) -> None:
    """Give a person one of the hub's roles, creating its group the first time it is given."""
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    user.__dict__.pop("_hub_groups", None)


def roles_held(user: AbstractBaseUser) -> list[str]:
    """Name the roles a person holds, in the order of ``ROLES``; a superuser is an editor."""
    names = set(user.groups.values_list("name", flat=True))
    if user.is_superuser:
        names.add(EDITOR)
    return [role for role in ROLES if role in names]


def is_editor(user: Person) -> bool:
    """Editors assign reviewers, decide on items and manage the roster."""
    return bool(user.is_authenticated and user.is_active and user.is_superuser) or _in_group(
        user, EDITOR
    )


def editors() -> QuerySet:
    """Return the accounts that ``is_editor`` accepts, so that every editors' mail reaches them.

    A superuser is an editor (the first editor of a new hub is created as one), whether or
    not they are also in the editor group.
    """
    return (
        get_user_model()
        .objects.filter(Q(groups__name=EDITOR) | Q(is_superuser=True), is_active=True)
        .distinct()
    )


def is_reviewer(user: Person) -> bool:
    return _in_group(user, REVIEWER)


def is_partner(user: Person) -> bool:
    """Partners are confirmed accounts that may submit resources."""
    confirmed = getattr(user, "email_confirmed", False)
    return bool(user.is_authenticated and user.is_active and confirmed) or _in_group(user, PARTNER)


def is_roster_member(user: Person) -> bool:
    """Active roster members act on review assignments; anyone taken off the roster cannot.

    A member holds the reviewer role, has an active reviewer profile and a confirmed email
    address: the hub knows who it is asking to judge an item.
    """
    if not is_reviewer(user) or not getattr(user, "email_confirmed", False):
        return False
    profile = getattr(user, "reviewer_profile", None)
    return bool(profile and profile.is_active)


def roster_members() -> QuerySet:
    """Return the accounts that ``is_roster_member`` accepts, for suggestions and lists."""
    return get_user_model().objects.filter(
        is_active=True,
        email_confirmed=True,
        groups__name=REVIEWER,
        reviewer_profile__is_active=True,
    )


def is_item_submitter(user: Person, resource: "Resource") -> bool:
    """The person who submitted an item acts on it as its submitter while they are a partner."""
    return bool(user.is_authenticated and resource.submitted_by_id == user.pk) and is_partner(user)


def is_item_editor(user: Person, resource: "Resource") -> bool:
    """Editors decide on every item; the item is named so that both item roles read alike."""
    return is_editor(user)


def can_open_submission(user: Person, resource: "Resource") -> bool:
    """Editors handle an item once it has been submitted; a draft is its author's alone."""
    return is_editor(user) and not resource.is_draft


def landing_url(user: Person) -> str:
    """Return the page a person starts from after signing in, by the work their role gives them.

    Editors start from the review queue and reviewers from their assignments (the same
    page, showing each their own work); everyone else from their submissions.
    """
    if is_editor(user) or is_roster_member(user):
        return reverse("review:queue")
    return reverse("submission:my_list")
