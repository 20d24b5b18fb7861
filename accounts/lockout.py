"""Tell django-axes whom a failed sign-in counts against, and answer a lockout with a 429.

Failures are counted per account and client address. The account is resolved from what
was typed, so "Ana@example.org", "ana@example.org" and "ana" count as one.
"""

import logging

from axes.helpers import get_cool_off
from django.utils.translation import gettext

from hub.ratelimits import too_many_requests
from hub.security import client_ip, log_event

from . import selectors
from .signals import account_fields


def lockout_username(request, credentials=None) -> str:
    """Return the account a sign-in attempt is about, as django-axes should count it."""
    identifier = (credentials or {}).get("username")
    if identifier is None and request is not None:
        identifier = request.POST.get("username")
    if not identifier:
        user = getattr(request, "user", None)
        return user.get_username() if user is not None and user.is_authenticated else ""
    user = selectors.user_for_login(identifier=identifier)
    return user.get_username() if user else identifier.strip().lower()


def lockout_response(request, original_response=None, credentials=None):
    """Answer a locked-out sign-in with the 429 page and when to try again."""
    cool_off = get_cool_off(request)
    seconds = int(cool_off.total_seconds()) if cool_off else None
    identifier = (credentials or {}).get("username", "")
    log_event("login_refused_locked_out", level=logging.WARNING,
              **account_fields(identifier), ip=client_ip(request))
    return too_many_requests(request, retry_after=seconds, message=gettext(
        "There have been too many failed attempts to sign in to this account from your "
        "network, so signing in is paused for a while. If you have forgotten your "
        "password, you can reset it."))
