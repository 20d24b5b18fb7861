"""Refuse oversized request bodies with the 413 page before any of the body is read.

Django reads a form into memory only up to ``DATA_UPLOAD_MAX_MEMORY_SIZE`` and streams
uploaded files to disk, but it still reads, or spools, whatever a client sends before a
form can say the file is too large; a client could make every worker read gigabytes.
:class:`RequestSizeLimitMiddleware` looks at the declared ``Content-Length`` first:

- the forms that take a file (submitting or editing a resource, and the admin's resource
  form) accept ``HUB_UPLOAD_MAX_BYTES`` plus :data:`MULTIPART_MARGIN` for the other
  fields and the multipart framing, so that a file just over the limit still reaches the
  form and gets its message next to the field;
- every other address accepts ``DATA_UPLOAD_MAX_MEMORY_SIZE``, the most Django would
  read anyway.

A ``Content-Length`` that is not a whole number is a bad request (400), not a crash. A
body without one (chunked) is still bounded by Django's own limits, whose
``RequestDataTooBig`` the 400 handler (:func:`hub.errors.bad_request`) answers with the
same 413 page.

The middleware must come before anything that reads the body (CsrfViewMiddleware reads
the form in ``process_view``, which runs after every middleware's request phase) and
after the authentication and message middleware, so the page can show the navigation.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from .errors import bad_request_page, payload_too_large
from .security import client_ip, security_log

MULTIPART_MARGIN = 1024 * 1024
# The views whose forms carry a file (URL names, with namespace).
UPLOAD_VIEWS = frozenset(
    {
        "submission:submit",
        "submission:edit",
        "admin:resources_resource_add",
        "admin:resources_resource_change",
    }
)


def declared_length(request: HttpRequest) -> int | None:
    """Return the body length the client declared: 0 when absent, ``None`` when garbled."""
    value = request.META.get("CONTENT_LENGTH", "")
    if value in ("", None):
        return 0
    try:
        length = int(value)
    except (TypeError, ValueError):
        return None
    return length if length >= 0 else None


def accepts_upload(request: HttpRequest) -> bool:
    """Tell whether the address is one of the forms that take a file."""
    try:
        return resolve(request.path_info).view_name in UPLOAD_VIEWS
    except Resolver404:
        return False


def body_limit(request: HttpRequest) -> int:
    """Return the largest body, in bytes, that this address accepts."""
    if accepts_upload(request):
        return settings.HUB_UPLOAD_MAX_BYTES + MULTIPART_MARGIN
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


class RequestSizeLimitMiddleware:
    """Answer 413 to a body declared larger than its address accepts, without reading it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        length = declared_length(request)
        if length is None:
            security_log.info(
                "request refused: garbled Content-Length ip=%s path=%s",
                client_ip(request),
                request.path,
            )
            return bad_request_page(request)
        # Most bodies are below every limit; only larger ones need the address resolved.
        # With DATA_UPLOAD_MAX_MEMORY_SIZE = None a deployment has chosen no limit.
        general = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if general is not None and length > general:
            limit = body_limit(request)
            if length > limit:
                security_log.info(
                    "request refused: body of %s bytes over %s ip=%s path=%s",
                    length,
                    limit,
                    client_ip(request),
                    request.path,
                )
                return payload_too_large(request)
        return self.get_response(request)
