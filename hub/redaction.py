"""Keep the secrets that travel in addresses out of every log line.

A confirmation link (``accounts:confirm``) and a password-reset link
(``accounts:password_reset_confirm``) carry their token in the path, and paths reach
the logs: gunicorn's access log, Django's ``django.request`` warnings ("Bad Request:
/accounts/confirm/…") and ``django.server``'s request lines. Anyone who reads the logs
could otherwise confirm someone's address or choose their password.

:func:`redact_tokens` replaces those path segments with ``[redacted]`` in any text. The
shapes come from the URLconf itself, by reversing the routes named in ``SECRET_ROUTES``,
so a route that moves stays covered. The shapes are the English addresses, which every
language's address ends with (``/fr/accounts/confirm/…``), whatever language is active.
:class:`RedactTokensFilter` applies it to every record written by the hub's log handler
(``LOGGING`` in hub/settings.py) and to gunicorn's error log; gunicorn's access log
calls :func:`redact_tokens` on the path.
"""

import functools
import logging
import re

from django.apps import apps
from django.conf import settings
from django.urls import Resolver404, resolve, reverse
from django.utils import translation

REDACTED = "[redacted]"
# Each route with the URL arguments that are secret; every other argument is kept.
SECRET_ROUTES = {
    "accounts:confirm": ("token",),
    "accounts:password_reset_confirm": ("uidb64", "token"),
}
_PLACEHOLDER = "SECRETPLACEHOLDER{}X"
_SEGMENT = r"[^/?#\s\"']+"


@functools.cache
def _secret_paths() -> list[tuple[str, re.Pattern, list[str]]]:
    """Reverse each secret route with placeholders and turn it into a pattern."""
    found = []
    for name, arguments in SECRET_ROUTES.items():
        placeholders = {
            argument: _PLACEHOLDER.format(number) for number, argument in enumerate(arguments)
        }
        with translation.override(settings.LANGUAGE_CODE):
            path = reverse(name, kwargs=placeholders)
        literals = re.split("|".join(placeholders.values()), path)
        pattern = _SEGMENT.join(re.escape(literal) for literal in literals[:-1])
        pattern = pattern + _SEGMENT + re.escape(literals[-1].rstrip("/")) + "/?"
        found.append((name, re.compile(pattern), literals))
    return found


def _redacted(name: str, literals: list[str], match: re.Match) -> str:
    try:
        with translation.override(settings.LANGUAGE_CODE):
            view_name = resolve(match.group(0)).view_name
        if view_name != name:
            return match.group(0)  # another page of the same shape, such as confirm/resend/
    except Resolver404:
        pass  # no page, say without its final slash: the token may still be real
    text = REDACTED.join(literals[:-1]) + REDACTED + literals[-1]
    return text if match.group(0).endswith("/") else text.rstrip("/")


def redact_tokens(text: str) -> str:
    """Return ``text`` with the tokens of confirmation and reset links replaced.

    Outside a running hub (the apps not loaded yet, as in gunicorn's master process,
    which serves no request) the text is returned as it is.
    """
    if not text or not apps.ready:
        return text
    for name, pattern, literals in _secret_paths():
        text = pattern.sub(functools.partial(_redacted, name, literals), text)
    return text


class RedactTokensFilter(logging.Filter):
    """Redact link tokens in a record's message and in its ``path`` field."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_tokens(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        path = getattr(record, "path", None)
        if isinstance(path, str):
            record.path = redact_tokens(path)
        return True
