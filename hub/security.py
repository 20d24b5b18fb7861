"""Identify clients for abuse protection and record security events without personal data.

Security events (failed sign-ins, lockouts, rate-limit and permission refusals, account
deletions) go to the ``hub.security`` logger through :func:`log_event`, each under an
event name with the client address. Log lines name accounts by user id or by a keyed
fingerprint, never by username or email address, and never contain a password.
"""

import ipaddress
import logging

from django.conf import settings
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

security_log = logging.getLogger("hub.security")


def client_ip(request: HttpRequest) -> str:
    """Return the address of the client, trusting only the configured proxies.

    Behind ``HUB_TRUSTED_PROXY_COUNT`` reverse proxies, each appending to
    ``X-Forwarded-For``, the client is the entry that many places from the right; a
    client cannot forge it because the proxies add their own entries after its one.
    Anything that is not an IP address falls back to ``REMOTE_ADDR``.
    """
    remote = request.META.get("REMOTE_ADDR", "") or "0.0.0.0"
    count = getattr(settings, "HUB_TRUSTED_PROXY_COUNT", 0)
    if count > 0:
        forwarded = [part.strip() for part in
                     request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= count:
            candidate = forwarded[-count]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    try:
        return str(ipaddress.ip_address(remote))
    except ValueError:
        return "0.0.0.0"


def fingerprint(value: str) -> str:
    """Return a short keyed hash that tells log lines about the same value apart."""
    normalized = (value or "").strip().lower()
    return salted_hmac("hub.security.fingerprint", normalized, algorithm="sha256").hexdigest()[:12]


def log_event(event: str, *, level: int = logging.INFO, request: HttpRequest | None = None,
              **fields) -> None:
    """Record one security event under its name, with the client address when known.

    The line reads ``<event in words>: key=value …`` and the same fields are attached to
    the record, so JSON log lines can be searched by ``event``, ``ip`` or ``user``. Callers
    pass user ids and fingerprints only: this is what keeps personal data out of the log.
    """
    if request is not None and "ip" not in fields:
        fields["ip"] = client_ip(request)
    text = " ".join(f"{key}={value}" for key, value in fields.items())
    security_log.log(level, "%s: %s", event.replace("_", " "), text,
                     extra={"event": event, **fields})


def permission_refused(request: HttpRequest) -> None:
    """Record that a request was answered 403: a page or action the client may not use."""
    user = getattr(request, "user", None)
    log_event("permission_refused", level=logging.WARNING, request=request,
              user=user.pk if user is not None and user.is_authenticated else "-",
              method=request.method, path=request.path)
