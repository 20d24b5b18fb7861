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
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def _address(text: str) -> IPAddress | None:
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _trusted(address: IPAddress) -> bool:
    return any(address in network for network in getattr(settings, "HUB_TRUSTED_PROXIES", ()))


def client_ip(request: HttpRequest) -> str:
    """Return the address of the client, believing ``X-Forwarded-For`` only from our proxies.

    When the connection comes from an address in ``HUB_TRUSTED_PROXIES`` (setting
    ``TRUSTED_PROXIES``), the header is read from the right, skipping every trusted
    proxy: the first address that is not one of ours is the client, as the outermost of
    our proxies saw it. Whatever a client writes into the header itself lies further to
    the left and is never reached. From any other address the header is ignored, so a
    visitor who connects directly cannot choose the address they are counted under.
    """
    remote = _address(request.META.get("REMOTE_ADDR", "") or "")
    if remote is None:
        return "0.0.0.0"
    client = remote
    if _trusted(remote):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        for entry in reversed(forwarded):
            address = _address(entry)
            if address is None:
                break
            client = address
            if not _trusted(address):
                break
    return str(client)


def client_network(request: HttpRequest) -> str:
    """Return the address a client is counted under by rate limits and sign-in lockouts.

    An IPv4 client is its address. An IPv6 client is its /64 network, written as the
    network's first address (so that it still fits an address column): one home or
    server is given a whole /64, and counting each of its addresses apart would hand an
    attacker billions of fresh allowances.
    """
    address = ipaddress.ip_address(client_ip(request))
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


def fingerprint(value: str) -> str:
    """Return a short keyed hash that tells log lines about the same value apart."""
    normalized = (value or "").strip().lower()
    return salted_hmac("hub.security.fingerprint", normalized, algorithm="sha256").hexdigest()[:12]


def log_event(
    event: str, *, level: int = logging.INFO, request: HttpRequest | None = None, **fields
) -> None:
    """Record one security event under its name, with the client address when known.

    The line reads ``<event in words>: key=value …`` and the same fields are attached to
    the record, so JSON log lines can be searched by ``event``, ``ip`` or ``user``. Callers
    pass user ids and fingerprints only: this is what keeps personal data out of the log.
    """
    if request is not None and "ip" not in fields:
        fields["ip"] = client_ip(request)
    text = " ".join(f"{key}={value}" for key, value in fields.items())
    security_log.log(
        level, "%s: %s", event.replace("_", " "), text, extra={"event": event, **fields}
    )


def permission_refused(request: HttpRequest) -> None:
    """Record that a request was answered 403: a page or action the client may not use."""
    user = getattr(request, "user", None)
    log_event(
        "permission_refused",
        level=logging.WARNING,
        request=request,
        user=user.pk if user is not None and user.is_authenticated else "-",
        method=request.method,
        path=request.path,
    )
