"""Answer "temporarily unavailable" (503) instead of an error (500) when the database is down.

When PostgreSQL restarts, fails over or is unreachable, every query raises
``OperationalError`` or ``InterfaceError``. :class:`DatabaseUnavailableMiddleware` turns
those into the 503 page with ``Retry-After``, so visitors, crawlers and load balancers
know to come back rather than report a broken page. The page is rendered without the
request, so that rendering it needs no database (no session, no signed-in user).

The hub recovers by itself when the database returns: ``CONN_HEALTH_CHECKS`` makes
Django test a persistent connection before reusing it and open a new one if it broke.

:func:`server_error` is the 500 handler: a database failure raised outside any view (a
session saved after the response, say) also becomes the 503 page.
"""

import logging
import sys
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.html import escape
from django.utils.translation import gettext
from django.views import defaults

logger = logging.getLogger("hub.resilience")

RETRY_AFTER_SECONDS = 30
DATABASE_ERRORS = (OperationalError, InterfaceError)


def service_unavailable(request: HttpRequest | None = None) -> HttpResponse:
    """Render the 503 page, telling the client when to try again, without touching the database."""
    try:
        body = render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS})
    except Exception:  # noqa: BLE001 - an outage page must never itself fail
        logger.exception("the 503 page could not be rendered")
        body = _plain_page()
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def _plain_page() -> str:
    title = escape(gettext("The hub is temporarily unavailable"))
    text = escape(gettext("Please try again in a minute."))
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body><main><h1>{title}</h1><p>{text}</p></main></body></html>"
    )


class DatabaseUnavailableMiddleware:
    """Turn a database outage raised by a view or template into the 503 page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        logger.error(
            "database unavailable while serving %s %s: %s",
            request.method,
            request.path,
            type(exception).__name__,
        )
        return service_unavailable(request)


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """Show the 503 page for a database outage raised outside a view, else the 500 page."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return service_unavailable(request)
    return defaults.server_error(request, template_name)
