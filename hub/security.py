"""Identify clients for abuse protection and record security events without personal data.

Security events (failed sign-ins, lockouts, refused requests) go to the ``hub.security``
logger. Log lines name accounts by user id or by a keyed fingerprint, never by email
address, and never contain a password.
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
