"""Give every request an id that its log lines, its response and the proxy's logs share.

The reverse proxy may send its own id in ``X-Request-ID``; the hub keeps it when it is a
short token (up to 64 letters, digits, ``.``, ``_`` or ``-``) so that one id follows a
request through the proxy's and the hub's logs. Anything else, which could be an attempt
to forge or break log lines, is replaced by a fresh random id. The id is echoed in the
response's ``X-Request-ID`` header, so a person reporting a problem can quote it.
"""

import logging
import re
import uuid
from contextvars import ContextVar

from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

from . import security

HEADER = "X-Request-ID"
NO_REQUEST = "-"
_SAFE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
_current: ContextVar[str] = ContextVar("request_id", default=NO_REQUEST)


def request_id_for(proposed: str | None) -> str:
    """Return the proxy's id if it is a safe token, else a new random one."""
    if proposed and _SAFE_ID.fullmatch(proposed):
        return proposed
    return uuid.uuid4().hex


def current_request_id() -> str:
    """Return the id of the request being served, or ``-`` outside a request."""
    return _current.get()


class RequestIdMiddleware:
    """Choose the request's id, expose it to logging and the response, and report refusals.

    It comes first in ``MIDDLEWARE`` so that every log line of the request carries the id.
    Being the one place that sees every response, it also reports each 403 to
    ``hub.security``, whichever view or middleware refused the request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_for(request.headers.get(HEADER))
        request.request_id = request_id
        _current.set(request_id)
        response = self.get_response(request)
        if response.status_code == 403:
            security.permission_refused(request)
        response[HEADER] = request_id
        return response


@receiver(request_finished)
def forget_request_id(sender, **kwargs) -> None:
    """Clear the id once the response is sent, not before.

    Django logs a 4xx or 5xx answer (``django.request``) after the middleware has returned,
    and a streamed export is still being written then; both belong to the request.
    """
    _current.set(NO_REQUEST)


class RequestIdFilter(logging.Filter):
    """Add ``request_id`` to every log record, so formatters can always print it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            record.request_id = current_request_id()
        return True
