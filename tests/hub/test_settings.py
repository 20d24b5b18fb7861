"""Settings come from the environment; production refuses to start without a secret key."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "q7Lp-2vXz_Rk9mWc4TbN8sYd1HfJ6gUe3AaK0oPiQrSt5uVwMx"


def read_settings(env: dict[str, str], expression: str) -> subprocess.CompletedProcess:
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "SITE_URL"}
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**clean, "DJANGO_SETTINGS_MODULE": "hub.settings", **env},
        timeout=60,
    )


def test_development_defaults_use_sqlite_and_debug():
    result = read_settings({}, "settings.DEBUG, settings.DATABASES['default']['ENGINE']")
    assert result.stdout.strip() == "True django.db.backends.sqlite3"


def test_production_refuses_to_start_without_a_secret_key():
    result = read_settings({"DEBUG": "0"}, "settings.SECRET_KEY")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_trusts_the_proxy_https_header_and_redirects():
    result = read_settings(
        {
            "DEBUG": "0",
            "SECRET_KEY": STRONG_KEY,
            "ALLOWED_HOSTS": "hub.example.org",
            "SITE_URL": "https://hub.example.org",
        },
        "settings.SECURE_PROXY_SSL_HEADER, settings.SECURE_SSL_REDIRECT, settings.ALLOWED_HOSTS",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ("('HTTP_X_FORWARDED_PROTO', 'https') True ['hub.example.org']")


def test_database_url_selects_postgresql():
    result = read_settings(
        {"DATABASE_URL": "postgres://hub@db.example.org:5432/hub"},
        "settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['HOST']",
    )
    assert result.stdout.strip() == "django.db.backends.postgresql db.example.org"


def test_open_data_limits_come_from_the_environment():
    result = read_settings(
        {"EXPORT_RATE": "5/10m", "FEED_RATE": "off", "OAI_RATE": "", "EXPORTS_AT_ONCE": "3"},
        "settings.HUB_RATE_LIMITS['export'], settings.HUB_RATE_LIMITS['feed'], "
        "settings.HUB_RATE_LIMITS['oai'], settings.HUB_EXPORTS_AT_ONCE",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "5/10m None 60/m 3"


def test_sign_up_limits_come_from_the_environment():
    result = read_settings(
        {"SIGNUP_RATE": "100/h", "SIGNUP_DOMAIN_RATE": "off", "SIGNUP_FAILED_RATE": ""},
        "settings.HUB_RATE_LIMITS['signup'], settings.HUB_RATE_LIMITS['signup_domain'], "
        "settings.HUB_RATE_LIMITS['signup_failed']",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "100/h None 150/h"


def test_a_mistyped_open_data_limit_refuses_to_start():
    result = read_settings({"EXPORT_RATE": "20 per hour"}, "settings.HUB_RATE_LIMITS")
    assert result.returncode != 0
    assert "EXPORT_RATE must be a number of requests per period" in result.stderr
    result = read_settings({"EXPORTS_AT_ONCE": "0"}, "settings.HUB_EXPORTS_AT_ONCE")
    assert result.returncode != 0
    assert "EXPORTS_AT_ONCE must be at least 1" in result.stderr


def test_mail_links_start_with_the_site_url_from_the_environment():
    served = read_settings({"SITE_URL": "http://127.0.0.1:8310/"}, "settings.HUB_SITE_URL")
    assert served.stdout.strip() == "http://127.0.0.1:8310", served.stderr
    assert read_settings({}, "settings.HUB_SITE_URL").stdout.strip() == "http://127.0.0.1:8000"
