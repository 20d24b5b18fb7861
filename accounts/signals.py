"""Log failed sign-ins and lockouts to ``hub.security``, by user id or fingerprint only."""

import logging

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from hub.security import client_ip, fingerprint, log_event

from . import selectors


def account_fields(identifier: str | None) -> dict[str, object]:
    """Name the account a typed sign-in name means by its id, or a stranger by a fingerprint."""
    user = selectors.user_for_login(identifier=identifier or "")
    return {"user": user.pk} if user else {"unknown": fingerprint(identifier or "")}


@receiver(user_login_failed)
def log_failed_login(sender, credentials, request=None, **kwargs):
    """Record a failed sign-in without the name typed or the password."""
    log_event(
        "login_failed",
        **account_fields(credentials.get("username")),
        ip=client_ip(request) if request is not None else "-",
    )


@receiver(user_locked_out)
def log_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    """Record that an account and address pair has been locked out."""
    log_event(
        "login_locked_out", level=logging.WARNING, **account_fields(username), ip=ip_address or "-"
    )
