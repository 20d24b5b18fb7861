"""Production refuses a weak secret key, sends strict HTTPS headers and passes the deploy check."""

import os
import subprocess
import sys

import pytest

from .test_settings import ROOT, STRONG_KEY, read_settings

PRODUCTION = {"DEBUG": "0", "SECRET_KEY": STRONG_KEY, "ALLOWED_HOSTS": "hub.example.org"}


@pytest.mark.parametrize(("key", "problem"), [
    ("", "SECRET_KEY must be set"),
    ("s3cr3t-but-only-forty-nine-characters-long-abcdef", "SECRET_KEY is too short (49"),
    ("ab" * 40, "SECRET_KEY is too easy to guess"),
    ("django-insecure-" + STRONG_KEY, "SECRET_KEY is too easy to guess"),
    ("replace-me-with-50-or-more-random-characters-from-the-command-above",
     "SECRET_KEY is still the placeholder from .env.example"),
])
def test_production_refuses_to_start_with_a_weak_secret_key(key, problem):
    result = read_settings({**PRODUCTION, "SECRET_KEY": key}, "settings.SECRET_KEY")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert problem in result.stderr
    assert "secrets.token_urlsafe(50)" in result.stderr


def test_development_runs_with_its_own_key():
    assert read_settings({}, "len(settings.SECRET_KEY) > 0").stdout.strip() == "True"


def test_production_sends_hsts_for_a_year_with_subdomains_and_preload():
    result = read_settings(PRODUCTION, "settings.SECURE_HSTS_SECONDS, "
                           "settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, settings.SECURE_HSTS_PRELOAD")
    assert result.stdout.split() == ["31536000", "True", "True"], result.stderr


def test_hsts_preload_can_be_turned_off():
    result = read_settings({**PRODUCTION, "SECURE_HSTS_PRELOAD": "0"},
                           "settings.SECURE_HSTS_PRELOAD")
    assert result.stdout.strip() == "False", result.stderr


def test_production_settings_pass_the_deploy_check_without_warnings():
    # The test suite sets DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; a deployment does not.
    clean = {key: value for key, value in os.environ.items()
             if key not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL",
                            "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**clean, "DJANGO_SETTINGS_MODULE": "hub.settings", **PRODUCTION},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
