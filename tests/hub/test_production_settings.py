"""Production refuses a weak secret key, sends strict HTTPS headers and passes the deploy check."""

import os
import subprocess
import sys

import pytest

from .test_settings import ROOT, STRONG_KEY, read_settings

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": STRONG_KEY,
    "ALLOWED_HOSTS": "hub.example.org",
    "SITE_URL": "https://hub.example.org",
}


@pytest.mark.parametrize(
    ("key", "problem"),
    [
        ("", "SECRET_KEY must be set"),
        ("s3cr3t-but-only-forty-nine-characters-long-abcdef", "SECRET_KEY is too short (49"),
        ("ab" * 40, "SECRET_KEY is too easy to guess"),
        ("django-insecure-" + STRONG_KEY, "SECRET_KEY is too easy to guess"),
        (
            "replace-me-with-50-or-more-random-characters-from-the-command-above",
            "SECRET_KEY is still the placeholder from .env.example",
        ),
    ],
)
def test_production_refuses_to_start_with_a_weak_secret_key(key, problem):
    result = read_settings({**PRODUCTION, "SECRET_KEY": key}, "settings.SECRET_KEY")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert problem in result.stderr
    assert "secrets.token_urlsafe(50)" in result.stderr


def test_development_runs_with_its_own_key():
    assert read_settings({}, "len(settings.SECRET_KEY) > 0").stdout.strip() == "True"


def test_production_sends_hsts_for_a_year_with_subdomains_and_preload():
    result = read_settings(
        PRODUCTION,
        "settings.SECURE_HSTS_SECONDS, "
        "settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, settings.SECURE_HSTS_PRELOAD",
    )
    assert result.stdout.split() == ["31536000", "True", "True"], result.stderr


def test_hsts_preload_can_be_turned_off():
    result = read_settings(
        {**PRODUCTION, "SECURE_HSTS_PRELOAD": "0"}, "settings.SECURE_HSTS_PRELOAD"
    )
    assert result.stdout.strip() == "False", result.stderr


def deploy_check(env: dict[str, str]) -> subprocess.CompletedProcess:
    # The test suite sets DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; a deployment does not.
    clean = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DEBUG",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DATABASE_URL",
            "SITE_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**clean, "DJANGO_SETTINGS_MODULE": "hub.settings", **env},
    )


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = deploy_check(PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_its_public_address():
    """Mails would otherwise link to 127.0.0.1, which no recipient can open."""
    without = {key: value for key, value in PRODUCTION.items() if key != "SITE_URL"}
    for result in (read_settings(without, "settings.HUB_SITE_URL"), deploy_check(without)):
        assert result.returncode != 0
        assert "ImproperlyConfigured" in result.stderr
        assert "SITE_URL must be set when DEBUG is off" in result.stderr
        assert "https://hub.example.org" in result.stderr
        assert "127.0.0.1" not in result.stdout


@pytest.mark.parametrize(
    "address",
    [
        "hub.example.org",
        "https://hub.example.org/hub",
        "https://hub.example.org?x=1",
        "ftp://hub.example.org",
    ],
)
def test_a_public_address_that_is_not_a_scheme_and_host_is_refused(address):
    result = read_settings({**PRODUCTION, "SITE_URL": address}, "settings.HUB_SITE_URL")
    assert result.returncode != 0
    assert "SITE_URL must be a scheme and host, such as https://hub.example.org" in (result.stderr)
