"""Change accounts: sign up, confirm an email address, edit a profile, delete an account.

Each function writes in one transaction and queues its email after commit, so a failing
mail server never undoes or blocks a sign-up.
"""

import logging
import re
import secrets

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.translation import gettext, gettext_lazy

from hub.mail import queue_mail, site_link
from hub.models import ContactMessage
from hub.security import log_event
from resources.models import Resource, Status
from review import services as review_services
from review.models import Assignment, ReviewerProfile
from taxonomy.models import Organization

from . import selectors, tokens
from .affiliation import organization_key
from .models import User
from .roles import PARTNER, role_grant

_USERNAME_UNSAFE = re.compile(r"[^\w.+-]")
_USERNAME_SUFFIX = "abcdefghjkmnpqrstuvwxyz23456789"


def _unique_username(*, email: str) -> str:
    """Derive a username from the address plus a random suffix, the same shape for everyone.

    A username chosen by the person, or one numbered after those already taken
    ("ana-2"), would tell them that another account holds "ana". The random suffix
    makes every new username look alike; a collision is only tried again, never shown.
    """
    User = get_user_model()
    base = _USERNAME_UNSAFE.sub("", email.split("@", 1)[0].lower())[:30].strip(".+-") or "user"
    while True:
        candidate = f"{base}-{''.join(secrets.choice(_USERNAME_SUFFIX) for _ in range(6))}"
        if not User.objects.filter(username__iexact=candidate).exists():
            return candidate


def _affiliation(*, text: str) -> tuple[str, Organization | None]:
    """Return the affiliation as typed (spaces tidied) and the known organization it names.

    Nothing is created: a name the hub does not know stays text, so an account cannot add
    a publisher to the catalogue (publishers come from published items and editors).
    """
    affiliation = " ".join(text.split())
    return affiliation, selectors.organization_matching(text=affiliation)


def confirmation_send(*, user: User, next_address: str = "") -> None:
    """Queue an email with a fresh link that confirms the user's address (after commit).

    A ``next`` address (already checked to stay on the hub) rides on the link, so that the
    person returns, once confirmed, to the page that sent them to sign up.
    """
    queue_mail(
        to=[user],
        subject=gettext_lazy("Confirm your email address for the Objective 10 Hub"),
        template="email/account_confirm.txt",
        context={
            "name": user.name or user.get_username(),
            "username": user.get_username(),
            "link": site_link(
                "accounts:confirm",
                kwargs={"token": tokens.confirmation_token(user=user)},
                query={"next": next_address} if next_address else None,
            ),
            "days": tokens.CONFIRMATION_MAX_AGE.days,
        },
    )


@transaction.atomic
def user_sign_up(
    *,
    name: str,
    email: str,
    organization: str,
    password: str,
    language: str,
    next_address: str = "",
):
    """Create an unconfirmed account and send the link that confirms its email address.

    ``language`` is the interface language the person signed up in: the hub writes to
    them in it until they choose another on their profile.
    """
    User = get_user_model()
    email = User.objects.normalize_email(email.strip())
    affiliation, known = _affiliation(text=organization)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                user = User.objects.create_user(
                    username=_unique_username(email=email),
                    email=email,
                    password=password,
                    name=" ".join(name.split()),
                    affiliation=affiliation,
                    organization=known,
                    email_confirmed=False,
                    language=language,
                )
            break
        except IntegrityError:
            if selectors.email_in_use(email=email):
                raise
    else:
        raise IntegrityError("could not choose a unique username")
    confirmation_send(user=user, next_address=next_address)
    return user


def sign_up_attempt_notify(*, email: str, next_address: str = "") -> None:
    """Tell an account's owner that someone tried to sign up with their address (after commit).

    Sign-up answers "check your email" whether or not the address has an account, so
    that nobody learns who is registered; the owner learns it instead, from a mail with
    links to sign in and to reset the password.
    """
    user = selectors.user_by_email(email=email)
    if user is None:
        return
    queue_mail(
        to=[user],
        subject=gettext_lazy("Someone tried to create an account with your email address"),
        template="email/account_exists.txt",
        context={
            "name": user.name or user.get_username(),
            "username": user.get_username(),
            "login_link": site_link(
                "accounts:login", query={"next": next_address} if next_address else None
            ),
            "reset_link": site_link("accounts:password_reset"),
        },
    )


@transaction.atomic
def email_confirm(*, user_id: int):
    """Mark the address confirmed and make the person a partner; say if it was already."""
    user = get_user_model().objects.select_for_update().get(pk=user_id)
    newly = not user.email_confirmed
    if newly:
        user.email_confirmed = True
        user.save(update_fields=["email_confirmed"])
    role_grant(user=user, role=PARTNER)
    return user, newly


@transaction.atomic
def profile_update(*, user: User, name: str, organization: str, language: str):
    """Change a person's name, affiliation and language; a new organization is re-checked.

    A roster member who changes organization has their open assignments checked again
    against each item's organizations (``review.services.reviewer_organization_changed``),
    so a profile edit can neither hide nor create an undeclared conflict of interest.
    """
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    previous = user.affiliation
    user.name = " ".join(name.split())
    affiliation, known = _affiliation(text=organization)
    changed = organization_key(affiliation) != organization_key(previous)
    user.affiliation = affiliation
    user.language = language
    if changed or user.organization_id is None:
        user.organization = known
    user.save(update_fields=["name", "affiliation", "organization", "language"])
    if changed:
        review_services.reviewer_organization_changed(user=user, previous=previous)
    return user


def password_reset_send(*, user: User, uidb64: str, token: str) -> None:
    """Queue the email with a link to choose a new password (after commit)."""
    queue_mail(
        to=[user],
        subject=gettext_lazy("Reset your password for the Objective 10 Hub"),
        template="email/account_password_reset.txt",
        context={
            "name": user.name or user.get_username(),
            "username": user.get_username(),
            "link": site_link(
                "accounts:password_reset_confirm", kwargs={"uidb64": uidb64, "token": token}
            ),
        },
    )


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete a person's account and personal data, keeping the catalogue's record intact.

    Their submitted items stay, attributed to their organization only; drafts nobody else
    has seen are deleted. Their open review assignments are withdrawn; the reviews they
    completed stay, detached from them but still counted by affiliation, so a published
    item's review record does not change. History entries lose their name (the append-only
    log keeps the step). Roster applications, reviewer profile, contact messages sent while
    signed in and sign-in attempt records go with the account.
    """
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    user_id, username = user.pk, user.get_username()
    profile = ReviewerProfile.objects.filter(user=user).first()
    review_services.reviewer_assignments_withdraw(
        reviewer=user,
        actor=None,
        note=gettext("A reviewer deleted their account; their assignment was withdrawn."),
    )
    Assignment.objects.filter(reviewer=user).update(
        former_reviewer_un=bool(profile and profile.is_confirmed_un)
    )
    submitted = Resource.objects.filter(submitted_by=user)
    if user.organization_id:
        submitted.filter(submitter_organization__isnull=True).update(
            submitter_organization=user.organization_id
        )
    drafts = submitted.filter(status=Status.DRAFT, history__isnull=True)
    draft_files = list(drafts.exclude(file="").values_list("file", flat=True))
    drafts.delete()
    ContactMessage.objects.filter(user=user).delete()
    for record in (AccessAttempt, AccessFailureLog, AccessLog):
        record.objects.filter(username=username).delete()
    user.delete()
    if draft_files:
        transaction.on_commit(lambda: _delete_files(draft_files))
    log_event("account_deleted", user=user_id)


def _delete_files(names: list[str]) -> None:
    storage = Resource._meta.get_field("file").storage
    for name in names:
        try:
            storage.delete(name)
        except Exception as error:  # noqa: BLE001 - a storage failure must not undo a deletion
            log_event("draft_file_not_deleted", level=logging.WARNING, error=type(error).__name__)
