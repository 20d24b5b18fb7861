"""End sign-ins that have lasted too long, and those of accounts that have been disabled.

Three limits bound a stolen or forgotten session:

- Idle: ``SESSION_COOKIE_AGE`` (``SESSION_IDLE_MINUTES``) with ``SESSION_SAVE_EVERY_REQUEST``,
  so a session lapses that long after its last request (Django's session framework).
- Absolute: ``HUB_SESSION_ABSOLUTE_AGE`` seconds (``SESSION_ABSOLUTE_HOURS``) after
  signing in, however active the session has been. The time of sign-in is kept in the
  session (:func:`stamp_sign_in`) and :class:`AbsoluteSessionTimeoutMiddleware` signs out
  a session older than that, with a message asking the person to sign in again.
- Disabled accounts: when an account's ``is_active`` turns false, from the admin or from
  code that saves the user, :func:`end_sessions_of_disabled_account` deletes its
  sessions. Even without that (a bulk ``update()`` sends no signal), Django's
  ``ModelBackend.get_user`` refuses inactive users, so the next request is anonymous.

Django itself gives a new session key at sign-in (``login()`` cycles the key), so a
session fixed before sign-in is worthless afterwards.
"""

import time
from collections.abc import Callable
from importlib import import_module

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, get_user_model, logout
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .security import security_log

SIGNED_IN_AT = "hub_signed_in_at"
SIGNED_OUT_MESSAGE = _(
    "For your security you were signed out after %(hours)s hours. Please sign in again."
)


@receiver(user_logged_in)
def stamp_sign_in(sender, request, user, **kwargs):
    """Record when the session signed in, for the absolute timeout."""
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = int(time.time())


def session_expired(session, *, now: float | None = None) -> bool:
    """Tell whether a signed-in session has lasted longer than the absolute limit."""
    signed_in_at = session.get(SIGNED_IN_AT)
    if not isinstance(signed_in_at, int):
        return False
    now = time.time() if now is None else now
    return now - signed_in_at > settings.HUB_SESSION_ABSOLUTE_AGE


class AbsoluteSessionTimeoutMiddleware:
    """Sign out a session that signed in more than ``HUB_SESSION_ABSOLUTE_AGE`` seconds ago.

    A signed-in session without a sign-in time (one from before this rule) is stamped
    now, so it too ends within the limit.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if session.get(SESSION_KEY) is not None:
            if SIGNED_IN_AT not in session:
                session[SIGNED_IN_AT] = int(time.time())
            elif session_expired(session):
                self._sign_out(request)
        return self.get_response(request)

    @staticmethod
    def _sign_out(request: HttpRequest) -> None:
        user_id = request.session.get(SESSION_KEY)
        logout(request)
        security_log.info("session ended: absolute timeout user=%s", user_id)
        hours = max(1, round(settings.HUB_SESSION_ABSOLUTE_AGE / 3600))
        messages.info(request, SIGNED_OUT_MESSAGE % {"hours": hours})


def delete_sessions_of(user_id) -> int:
    """Delete every stored session signed in as ``user_id``; return how many.

    Sessions are not indexed by user, so this reads the unexpired ones; it runs only
    when an account is disabled. Engines that cannot be listed (cookies, cache only)
    are left to the backend check described in the module docstring.
    """
    engine = import_module(settings.SESSION_ENGINE)
    store_class = engine.SessionStore
    if not hasattr(store_class, "get_model_class"):
        return 0
    model = store_class.get_model_class()
    wanted = str(user_id)
    deleted = 0
    unexpired = model.objects.filter(expire_date__gt=timezone.now())
    for stored in unexpired.only("session_key", "session_data").iterator():
        data = store_class().decode(stored.session_data)
        if str(data.get(SESSION_KEY)) == wanted:
            store_class(session_key=stored.session_key).delete()
            deleted += 1
    return deleted


@receiver(pre_save, sender=settings.AUTH_USER_MODEL)
def end_sessions_of_disabled_account(sender, instance, raw=False, using=None, **kwargs):
    """Sign a person out everywhere as soon as their account is disabled."""
    if raw or instance.pk is None or instance.is_active:
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and "is_active" not in update_fields:
        return
    was_active = (
        get_user_model()
        ._default_manager.db_manager(using)
        .filter(pk=instance.pk, is_active=True)
        .exists()
    )
    if was_active:
        count = delete_sessions_of(instance.pk)
        security_log.info(
            "sessions ended: account disabled user=%s sessions=%s", instance.pk, count
        )
