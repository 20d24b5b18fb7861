"""Reduce an item's link to what identifies the page it opens.

The duplicate check on submission and the importer's matching compare links this way, so
two links the one calls the same page the other does too. Scheme, ``www.``, the host's
case, default ports, repeated and trailing slashes, the fragment, the order of query
parameters and tracking parameters (``utm_*``, ``fbclid``…) do not make two links
different: a tracking parameter says where a reader came from, not which page it is.
"""

import re
from urllib.parse import parse_qsl, urlencode, urlsplit

TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "yclid",
        "_ga",
        "_gl",
        "ref_src",
        "s_cid",
    }
)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalize_url(url: str) -> str:
    """Reduce a link to what identifies the page: host without ``www.``, path and real query.

    ``https://www.Example.org/report/?utm_source=x#top`` and ``http://example.org/report``
    both become ``example.org/report``; a link without a host gives "".
    """
    try:
        parts = urlsplit((url or "").strip())
        port = parts.port
    except ValueError:
        return ""
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        return ""
    if host.startswith("www."):
        host = host[4:]
    if port and port != _DEFAULT_PORTS.get(parts.scheme.lower()):
        host = f"{host}:{port}"
    path = re.sub(r"/{2,}", "/", parts.path).rstrip("/")
    query = sorted(
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith("utm_") and key.lower() not in TRACKING_PARAMETERS
    )
    return host + path + (f"?{urlencode(query)}" if query else "")
