"""Limit how often one anonymous client may call the API."""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle

from hub.security import client_network


class AnonymousRateThrottle(AnonRateThrottle):
    """Limit each client to the ``anon`` rate configured now, not the one read at start-up.

    REST framework's own class reads the rates once, when it is imported; reading them per
    request lets tests and settings changes take effect. The client is identified as
    everywhere else on the site (``hub.security.client_network``, which trusts only the
    configured proxies and counts an IPv6 /64 as one client), so neither a forged
    ``X-Forwarded-For`` nor a fresh address from the same network escapes the limit. A
    client over the limit gets 429 with a ``Retry-After`` header and a JSON ``detail``.
    """

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request) -> str:
        return client_network(request)
