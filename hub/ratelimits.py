"""Refuse requests that come too often with a clear 429 page; the limits hold across workers.

Decorate a view with :func:`rate_limited`::

    from hub.ratelimits import rate_limited

    @rate_limited(group="submission", keys=("ip", "user"))
    def submit(request): ...

and for a class-based view, in the URLconf:
``rate_limited(group="login")(LoginView.as_view())``.

``group``
    Names the limit. Its rate is read from ``settings.HUB_RATE_LIMITS[group]`` on each
    request, in django-ratelimit's syntax (``"5/h"``, ``"20/10m"``), so deployments and
    tests change numbers in one place; ``None`` switches the limit off. A group missing
    from the setting is a configuration error.
``keys``
    Whom to count, each key separately against the same rate: ``"ip"`` (the client's
    IPv4 address or IPv6 /64, see :func:`hub.security.client_network`), ``"user"`` (the
    signed-in account; anonymous requests are not counted under it), ``"post:<field>"`` (a
    submitted value, such as the email address a password reset is asked for, compared
    without case; empty values are not counted) or a callable ``(request) -> str | None``.
``methods``
    Which requests count: POST by default, so that showing a form is never refused.

When any key is over its limit the view is not called: the client gets the 429 page
with a ``Retry-After`` header, and the refusal is logged to ``hub.security``.

Where only some requests should count (say, a final submit but not a saved draft), call
:func:`check_rate_limit` inside the view instead; it returns the 429 response to send,
or ``None`` to go on. Where only some outcomes should count (accepted sign-ups but not
forms sent back with mistakes), ask :func:`rate_limit_wait` before acting and count with
:func:`rate_limit_count` once the outcome is known; the view then answers a refusal
itself (keeping, say, the form's content).

Counters live in the ``limits`` cache (``RATELIMIT_USE_CACHE``): Redis from ``REDIS_URL``,
otherwise a database table that every worker shares. If the cache cannot be reached, the
request is allowed and the failure logged, so that a cache outage never takes the hub
down.
"""

import functools
import logging
import math
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django_ratelimit.core import get_usage

from .security import client_ip, log_event, security_log

Key = str | Callable[[HttpRequest], str | None]


def too_many_requests(
    request: HttpRequest,
    *,
    retry_after: int | None = None,
    message: str = "",
    password_help: bool = False,
) -> HttpResponse:
    """Render the 429 page, telling the client when to try again if that is known.

    ``password_help`` offers a password reset, for refusals of signing in only.
    """
    minutes = math.ceil(retry_after / 60) if retry_after else None
    body = render_to_string(
        "429.html",
        {"retry_minutes": minutes, "message": message, "password_help": password_help},
        request=request,
    )
    response = HttpResponse(body, status=429)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def ratelimited_view(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Answer django-ratelimit's ``Ratelimited`` exception with the 429 page."""
    log_event(
        "rate_limit_refused",
        level=logging.WARNING,
        group="unknown",
        ip=client_ip(request),
        path=request.path,
    )
    return too_many_requests(request)


def _rate_for(group: str) -> str | None:
    limits = getattr(settings, "HUB_RATE_LIMITS", {})
    if group not in limits:
        raise ImproperlyConfigured(f"HUB_RATE_LIMITS has no rate for the group {group!r}.")
    return limits[group]


def _key_name_and_function(request: HttpRequest, key: Key):
    if callable(key):
        value = key(request)
        return getattr(key, "__name__", "custom"), value and (lambda _g, _r: value)
    if key == "ip":
        return "ip", "ip"
    if key == "user":
        if not request.user.is_authenticated:
            return "user", None
        value = str(request.user.pk)
        return "user", lambda _g, _r: value
    if key.startswith("post:"):
        value = request.POST.get(key[5:], "").strip().lower()
        return key, value and (lambda _g, _r: value)
    raise ImproperlyConfigured(f"Unknown rate-limit key {key!r}.")


def _usages(
    request: HttpRequest,
    *,
    group: str,
    keys: Iterable[Key],
    methods: tuple[str, ...],
    increment: bool,
):
    """Yield each counted key's name and usage of the group's rate, skipping keys with no value.

    A cache that cannot be reached yields nothing for that key, and is logged.
    """
    rate = _rate_for(group)
    if rate is None:
        return
    for key in keys:
        name, key_function = _key_name_and_function(request, key)
        if not key_function:
            continue
        try:
            usage = get_usage(
                request,
                group=f"{group}:{name}",
                key=key_function,
                rate=rate,
                method=methods,
                increment=increment,
            )
        except ImproperlyConfigured:
            raise
        except Exception as error:  # noqa: BLE001 - a cache outage must not refuse or crash
            security_log.error(
                "rate limit not checked: group=%s cache error %s", group, type(error).__name__
            )
            continue
        if usage:
            yield name.split(":")[0], usage


def _log_refusal(request: HttpRequest, *, group: str, refused_keys: list[str]) -> None:
    user = request.user.pk if request.user.is_authenticated else "-"
    log_event(
        "rate_limit_refused",
        level=logging.WARNING,
        group=group,
        keys=",".join(refused_keys),
        ip=client_ip(request),
        user=user,
        path=request.path,
    )


def check_rate_limit(
    request: HttpRequest,
    *,
    group: str,
    keys: Iterable[Key] = ("ip",),
    methods: Iterable[str] = ("POST",),
    password_help: bool = False,
) -> HttpResponse | None:
    """Count this request against the group's limit; return the 429 response if it is over."""
    methods = tuple(method.upper() for method in methods)
    if request.method not in methods:
        return None
    retry_after = None
    refused_keys = []
    for name, usage in _usages(request, group=group, keys=keys, methods=methods, increment=True):
        if usage["should_limit"]:
            refused_keys.append(name)
            retry_after = max(retry_after or 1, usage["time_left"])
    if retry_after is None:
        return None
    _log_refusal(request, group=group, refused_keys=refused_keys)
    return too_many_requests(request, retry_after=retry_after, password_help=password_help)


def rate_limit_wait(request: HttpRequest, *, group: str, keys: Iterable[Key]) -> int | None:
    """Return the seconds to wait if a key has used up the group's limit, else ``None``.

    Nothing is counted: for limits where only some outcomes count (accepted sign-ups,
    say), the view asks first and counts with :func:`rate_limit_count` once it knows the
    outcome. A refusal is logged like the decorator's.
    """
    methods = (request.method,)
    retry_after = None
    refused_keys = []
    for name, usage in _usages(request, group=group, keys=keys, methods=methods, increment=False):
        if usage["count"] >= usage["limit"]:
            refused_keys.append(name)
            retry_after = max(retry_after or 1, usage["time_left"])
    if retry_after is not None:
        _log_refusal(request, group=group, refused_keys=refused_keys)
    return retry_after


def rate_limit_count(request: HttpRequest, *, group: str, keys: Iterable[Key]) -> None:
    """Count this request against the group's limit, without refusing it."""
    for _usage in _usages(
        request, group=group, keys=keys, methods=(request.method,), increment=True
    ):
        pass


def rate_limited(
    *,
    group: str,
    keys: Iterable[Key] = ("ip",),
    methods: Iterable[str] = ("POST",),
    password_help: bool = False,
):
    """Refuse a view with the 429 page once a client goes over the group's rate.

    ``password_help`` offers a password reset on the page, for sign-in forms.
    """
    keys = tuple(keys)
    methods = tuple(methods)

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            refusal = check_rate_limit(
                request, group=group, keys=keys, methods=methods, password_help=password_help
            )
            if refusal is not None:
                return refusal
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
