"""Log failed sign-ins and lockouts to ``hub.security``, by user id or fingerprint only."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from hub.security import client_ip, fingerprint, security_log

from . import selectors


def _account(identifier: str | None) -> str:
    user = selectors.user_for_login(identifier=identifier or "")
    return f"user={user.pk}" if user else f"unknown={fingerprint(identifier or '')}"


@receiver(user_login_failed)
def log_failed_login(sender, credentials, request=None, **kwargs):
    """Record a failed sign-in without the name typed or the password."""
    security_log.info("login failed: %s ip=%s", _account(credentials.get("username")),
                      client_ip(request) if request is not None else "-")


@receiver(user_locked_out)
def log_lockout(sender, request=None, username=None, ip_address=None, **kwargs):
    """Record that an account and address pair has been locked out."""
    security_log.warning("login locked out: %s ip=%s", _account(username), ip_address or "-")
