"""Change accounts: sign up, confirm an email address, edit a profile.

Each function writes in one transaction and queues its email after commit, so a failing
mail server never undoes or blocks a sign-up.
"""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext

from review.notifications import queue_email
from taxonomy.models import Organization

from . import selectors, tokens
from .roles import PARTNER

_USERNAME_UNSAFE = re.compile(r"[^\w.+-]")


def _unique_username(*, email: str) -> str:
    User = get_user_model()
    base = _USERNAME_UNSAFE.sub("", email.split("@", 1)[0].lower())[:30].strip(".+-") or "user"
    candidate, number = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _unique_organization_slug(*, name: str) -> str:
    base = slugify(name)[:90].strip("-") or "organization"
    candidate, number = base, 1
    while Organization.objects.filter(slug=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


@transaction.atomic
def organization_for_text(*, text: str) -> Organization:
    """Return the organization a person named, creating it (not a UN entity) if it is new."""
    name = " ".join(text.split())
    found = selectors.organization_matching(text=name)
    if found:
        return found
    try:
        with transaction.atomic():
            return Organization.objects.create(
                name=name, slug=_unique_organization_slug(name=name), is_un_entity=False)
    except IntegrityError:
        # Someone created the same organization at the same moment.
        found = selectors.organization_matching(text=name)
        if found is None:
            raise
        return found


def confirmation_send(*, user) -> None:
    """Queue an email with a fresh link that confirms the user's address (after commit)."""
    path = reverse("accounts:confirm", args=[tokens.confirmation_token(user=user)])
    context = {"name": user.name or user.get_username(), "username": user.get_username(),
               "path": path, "days": tokens.CONFIRMATION_MAX_AGE.days}
    recipient = user.email
    transaction.on_commit(lambda: queue_email(
        subject=gettext("Confirm your email address for the Objective 10 Hub"),
        template="email/account_confirm.txt", context=context, recipients=[recipient],
    ))


@transaction.atomic
def user_sign_up(*, name: str, email: str, organization: str, password: str):
    """Create an unconfirmed account and send the link that confirms its email address."""
    User = get_user_model()
    email = User.objects.normalize_email(email.strip())
    org = organization_for_text(text=organization)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                user = User.objects.create_user(
                    username=_unique_username(email=email), email=email, password=password,
                    name=" ".join(name.split()), organization=org, email_confirmed=False)
            break
        except IntegrityError:
            if selectors.email_in_use(email=email):
                raise
    else:
        raise IntegrityError("could not choose a unique username")
    confirmation_send(user=user)
    return user


@transaction.atomic
def email_confirm(*, user_id: int):
    """Mark the address confirmed and make the person a partner; say if it was already."""
    user = get_user_model().objects.select_for_update().get(pk=user_id)
    newly = not user.email_confirmed
    if newly:
        user.email_confirmed = True
        user.save(update_fields=["email_confirmed"])
    user.groups.add(Group.objects.get_or_create(name=PARTNER)[0])
    return user, newly


@transaction.atomic
def profile_update(*, user, name: str, organization: str):
    """Change a person's name and organization."""
    user.name = " ".join(name.split())
    user.organization = organization_for_text(text=organization)
    user.save(update_fields=["name", "organization"])
    return user


def password_reset_send(*, user, uidb64: str, token: str, email: str) -> None:
    """Queue the email with a link to choose a new password (after commit)."""
    path = reverse("accounts:password_reset_confirm", kwargs={"uidb64": uidb64, "token": token})
    context = {"name": user.name or user.get_username(), "username": user.get_username(),
               "path": path}
    transaction.on_commit(lambda: queue_email(
        subject=gettext("Reset your password for the Objective 10 Hub"),
        template="email/account_password_reset.txt", context=context, recipients=[email],
    ))
