"""Hold back password guessing at every sign-in form, per address and per account.

Three counts apply to ``/accounts/login/`` and ``/admin/login/`` alike
(:func:`sign_in_limited`):

- django-axes locks out an account for one client network after ``AXES_FAILURE_LIMIT``
  failures (answered here with a 429);
- the ``login`` rate limit counts a network's sign-in attempts, whichever accounts they
  name;
- the ``login_account`` rate limit counts an account's attempts from every address
  together, so that guesses spread over many addresses (or over the billions of one IPv6
  /64) still run out. Its price is that a stranger can pause sign-in to an account until
  the hour ends; the rate is set well above what a person signing in ever reaches.

The account is resolved from what was typed, so "Ana@example.org", "ana@example.org" and
"ana" count as one; a client network is an IPv4 address or an IPv6 /64
(:func:`hub.security.client_network`).
"""

import logging

from axes.helpers import get_cool_off
from django.utils.translation import gettext

from hub.ratelimits import rate_limited, too_many_requests
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
    log_event(
        "login_refused_locked_out",
        level=logging.WARNING,
        **account_fields(identifier),
        ip=client_ip(request),
    )
    return too_many_requests(
        request,
        retry_after=seconds,
        message=gettext(
            "There have been too many failed attempts to sign in to this account from your "
            "network, so signing in is paused for a while. If you have forgotten your "
            "password, you can reset it."
        ),
        password_help=True,
    )


def sign_in_account(request) -> str | None:
    """Name the account a sign-in post is about, for the per-account rate limit."""
    if not request.POST.get("username", "").strip():
        return None
    return lockout_username(request)


def sign_in_limited(view):
    """Count a sign-in view's posts per client network and per account, answering 429 beyond."""
    per_account = rate_limited(group="login_account", keys=(sign_in_account,), password_help=True)(
        view
    )
    return rate_limited(group="login", password_help=True)(per_account)
