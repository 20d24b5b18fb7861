"""Read the hub's settings from environment variables, refusing values that cannot work.

``hub/settings.py`` calls these helpers; they live apart so that the settings file is a
list of settings, and so that each rule for reading a kind of value (a flag, a list, a
network, a rate, the secret key, the public address) is written once.
"""

import ipaddress
import os
import re

from django.core.exceptions import ImproperlyConfigured


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean environment variable such as ``DEBUG=0`` or ``DEBUG=true``."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    """Read a comma-separated environment variable into a list without blanks."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_networks(name: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """Read comma-separated addresses or CIDR ranges; stop with a clear message on a typo."""
    networks = []
    for item in env_list(name, ""):
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError as error:
            raise ImproperlyConfigured(
                f"{name} holds {item!r}, which is not an IP address or a CIDR range."
            ) from error
    return networks


def env_rate(name: str, default: str) -> str | None:
    """Read a rate limit such as ``20/h`` or ``5/10m`` (django-ratelimit); ``off`` disables it."""
    value = os.environ.get(name, "").strip() or default
    if value.lower() == "off":
        return None
    if not re.fullmatch(r"[1-9][0-9]*/[0-9]*[smhd]", value):
        raise ImproperlyConfigured(
            f"{name} must be a number of requests per period, such as 20/h or 5/10m "
            f"(s, m, h or d), or off; not {value!r}."
        )
    return value


# The value .env.example holds for SECRET_KEY (a test checks that it does).
SECRET_KEY_PLACEHOLDER = "replace-me-with-50-or-more-random-characters-from-the-command-above"


def require_strong_secret_key(key: str) -> None:
    """Refuse to start production with a guessable key: sessions and email links rest on it.

    The bounds are those of Django's deploy check (security.W009): at least 50
    characters, at least 5 different ones, and not a key generated for development. The
    placeholder of ``.env.example`` passes those bounds, so it is refused by its value:
    a deployment that copied the example and forgot to change it must not start.
    """
    advice = 'Generate one with: python -c "import secrets; print(secrets.token_urlsafe(50))"'
    if not key:
        raise ImproperlyConfigured(f"SECRET_KEY must be set when DEBUG is off. {advice}")
    if len(key) < 50:
        raise ImproperlyConfigured(
            f"SECRET_KEY is too short ({len(key)} characters); production needs at least "
            f"50 random characters. {advice}"
        )
    if key.strip() == SECRET_KEY_PLACEHOLDER:
        raise ImproperlyConfigured(
            f"SECRET_KEY is still the placeholder from .env.example; production needs its "
            f"own random key. {advice}"
        )
    if len(set(key)) < 5 or key.startswith("django-insecure"):
        raise ImproperlyConfigured(
            f"SECRET_KEY is too easy to guess for production (too few different characters "
            f"or a development key). {advice}"
        )


def site_url(value: str | None, *, debug: bool) -> str:
    """Read the hub's public address, which every link in a mail starts with.

    Development falls back to the address ``manage.py runserver`` serves by default
    (``make run`` passes its own ``HOST:PORT``). Production has no address to guess: a
    mail linking to 127.0.0.1 reaches nobody, so the hub refuses to start without one.
    """
    value = (value or "").strip().rstrip("/")
    if not value:
        if not debug:
            raise ImproperlyConfigured(
                "SITE_URL must be set when DEBUG is off: it is the hub's public address "
                "(such as https://hub.example.org), which the links in its mails start with."
            )
        return "http://127.0.0.1:8000"
    if not re.fullmatch(r"https?://[^/?#\s]+", value):
        raise ImproperlyConfigured(
            f"SITE_URL must be a scheme and host, such as https://hub.example.org, not {value!r}."
        )
    return value
