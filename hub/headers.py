"""Send the browser-isolation and caching headers that Django's SecurityMiddleware does not set.

Django sets ``X-Content-Type-Options``, ``Referrer-Policy``, ``Cross-Origin-Opener-Policy``
and HSTS (settings ``SECURE_*``); django-csp sets ``Content-Security-Policy``
(``CONTENT_SECURITY_POLICY``). This middleware adds the remaining two, and keeps
signed-in pages out of caches:

``Permissions-Policy``
    Turns off browser features the hub never uses (camera, microphone, location,
    payment…), so that no injected or embedded script can ask a visitor for them.
``Cross-Origin-Resource-Policy``
    ``same-origin`` for pages and files, so other sites cannot embed or read them
    through ``<img>``, ``<script>`` or ``fetch`` without CORS. The open data (the JSON
    API, feeds, exports and OAI-PMH: the addresses matched by ``CORS_URLS_REGEX``) is
    meant to be reused by any site, which is why it already answers CORS requests from
    any origin; those responses say ``cross-origin`` instead, so that a site which
    isolates itself (``Cross-Origin-Embedder-Policy``) may still load them. They carry
    only published items and never depend on who asks, so there is nothing private to
    leak.

``Cache-Control: private, no-store``
    On every response to a signed-in request, whatever the view said: such a page may
    show a draft, a reviewer's name or an email address, and no proxy, shared cache or
    browser history should keep it for the next person at the same computer or behind
    the same proxy.

A view's own ``Permissions-Policy`` or ``Cross-Origin-Resource-Policy`` is left as it is.
"""

import re
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse

# Features a browser may otherwise grant to the page; "()" allows them to no origin.
DISABLED_FEATURES = (
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "usb",
)
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in DISABLED_FEATURES)


def open_data_path(path: str) -> bool:
    """Tell whether an address belongs to the open data that any site may fetch."""
    pattern = getattr(settings, "CORS_URLS_REGEX", None)
    return bool(pattern) and re.match(pattern, path) is not None


SIGNED_IN_CACHE_CONTROL = "private, no-store"


def signed_in(request: HttpRequest) -> bool:
    """Tell whether a request came from a signed-in browser.

    The session decides as well as ``request.user``: the open-data API sets its own user,
    anonymous, on the request, yet its answer still travels to a signed-in browser.
    """
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    session = getattr(request, "session", None)
    return session is not None and SESSION_KEY in session


class SecurityHeadersMiddleware:
    """Add the isolation headers to every response, and forbid caching signed-in ones."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault(
            "Cross-Origin-Resource-Policy",
            "cross-origin" if open_data_path(request.path_info) else "same-origin",
        )
        if signed_in(request):
            response.headers["Cache-Control"] = SIGNED_IN_CACHE_CONTROL
        return response
