"""Answer refused requests with the hub's own pages: what went wrong and what to do next.

These are the handlers ``hub/urls.py`` registers (``handler400``, ``handler403``) and the
``CSRF_FAILURE_VIEW``. Like Django's own handlers they never show the exception, the
settings or a trace, whatever ``DEBUG`` says; the details go to the ``hub.security`` log.
The 404, 429, 500 and 503 pages are rendered elsewhere (Django's ``page_not_found``,
:mod:`hub.ratelimits`, :mod:`hub.resilience`).
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from .security import client_ip, security_log

CSRF_MESSAGE = _(
    "Your session may have expired, or the form was open for a long time. Reload the "
    "form, then send it again."
)


def render_error(
    request: HttpRequest, template_name: str, context: dict | None = None, *, status: int
) -> HttpResponse:
    """Render an error page, with the navigation when the request got far enough for it.

    A request refused before the authentication middleware ran (a forbidden ``Host``
    header, say) has no ``user``; its page is rendered without the request, as signed out.
    """
    with_request = request if hasattr(request, "user") else None
    body = render_to_string(template_name, context, request=with_request)
    return HttpResponse(body, status=status)


def bad_request_page(request: HttpRequest) -> HttpResponse:
    """Render the 400 page."""
    return render_error(request, "400.html", status=400)


def payload_too_large(request: HttpRequest) -> HttpResponse:
    """Render the 413 page, saying how large a file may be."""
    megabytes = max(1, settings.HUB_UPLOAD_MAX_BYTES // (1024 * 1024))
    return render_error(request, "413.html", {"upload_limit_mb": megabytes}, status=413)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Answer a request Django could not accept: 413 when its form was too large, else 400.

    Django raises ``RequestDataTooBig`` (a 400 by default) when a form's fields exceed
    ``DATA_UPLOAD_MAX_MEMORY_SIZE`` while it is read, for instance from a body sent
    without a ``Content-Length``; the visitor should hear that it was too large.
    """
    if isinstance(exception, RequestDataTooBig):
        return payload_too_large(request)
    return bad_request_page(request)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Render the 403 page without the exception's text, which is meant for the log."""
    return render_error(request, "403.html", status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Explain a refused form: almost always a session that ended or a stale page.

    Django's reason (a missing cookie, a token that does not match, a foreign origin) is
    logged; the visitor is told how to recover, which is to reload the form.
    """
    security_log.info(
        "form refused (CSRF): %s ip=%s path=%s", reason, client_ip(request), request.path
    )
    return render_error(request, "403.html", {"message": CSRF_MESSAGE}, status=403)
