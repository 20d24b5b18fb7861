"""Sign-ins end: new key at sign-in, after idling, after 12 hours, when the account is disabled."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.test import Client
from django.utils import timezone

from accounts.models import User
from hub.sessions import SIGNED_IN_AT
from tests.factories import UserFactory

from .test_settings import STRONG_KEY, read_settings

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def clean_limits():
    caches["limits"].clear()
    yield
    caches["limits"].clear()


@pytest.fixture
def ana():
    return UserFactory(username="ana", email="ana@example.org")


def sign_in(client: Client, username: str = "ana") -> None:
    """Sign in through the real form, as a person would."""
    response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()


def session_key(client: Client) -> str | None:
    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    return cookie.value if cookie and cookie.value else None


def signed_in(client: Client) -> bool:
    """Ask a members-only page whether this browser is still signed in."""
    return client.get("/my/").status_code == 200


def test_signing_in_gives_the_browser_a_new_session_key(client, ana):
    client.get("/accounts/login/")
    before = client.session
    before["chosen_before_sign_in"] = True
    before.save()
    fixed_key = before.session_key
    client.cookies[settings.SESSION_COOKIE_NAME] = fixed_key

    sign_in(client)

    assert session_key(client) not in (None, fixed_key)
    assert not Session.objects.filter(session_key=fixed_key).exists()
    assert signed_in(client)
    attacker = Client()
    attacker.cookies[settings.SESSION_COOKIE_NAME] = fixed_key
    assert not signed_in(attacker)


def test_each_request_renews_the_idle_limit(client, ana):
    sign_in(client)
    stored = Session.objects.get(session_key=session_key(client))
    Session.objects.filter(pk=stored.pk).update(expire_date=timezone.now() + timedelta(minutes=5))
    assert signed_in(client)
    renewed = Session.objects.get(session_key=session_key(client)).expire_date
    expected = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert abs((renewed - expected).total_seconds()) < 60


def test_a_session_left_idle_past_its_limit_is_signed_out(client, ana):
    sign_in(client)
    Session.objects.filter(session_key=session_key(client)).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get("/my/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_a_session_is_signed_out_twelve_hours_after_sign_in_however_active(client, ana):
    sign_in(client)
    assert isinstance(client.session[SIGNED_IN_AT], int)
    session = client.session
    session[SIGNED_IN_AT] = int(time.time()) - settings.HUB_SESSION_ABSOLUTE_AGE + 60
    session.save()
    assert signed_in(client)

    session = client.session
    session[SIGNED_IN_AT] = int(time.time()) - settings.HUB_SESSION_ABSOLUTE_AGE - 1
    session.save()
    response = client.get("/my/", follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    assert "you were signed out after 12 hours" in html
    assert not signed_in(client)


def test_a_session_from_before_the_rule_gets_its_twelve_hours_from_now(client, ana):
    client.force_login(ana)
    session = client.session
    del session[SIGNED_IN_AT]
    session.save()
    assert signed_in(client)
    assert abs(client.session[SIGNED_IN_AT] - time.time()) < 60


def test_disabling_an_account_signs_it_out_everywhere(ana):
    laptop, phone, colleague = Client(), Client(), Client()
    sign_in(laptop)
    sign_in(phone)
    UserFactory(username="bea")
    sign_in(colleague, "bea")
    assert signed_in(laptop) and signed_in(phone)

    ana.is_active = False
    ana.save()

    assert not Session.objects.filter(
        session_key__in=[session_key(laptop), session_key(phone)]
    ).exists()
    assert not signed_in(laptop)
    assert not signed_in(phone)
    assert signed_in(colleague)


def test_a_disabled_account_is_refused_even_when_no_signal_ended_its_sessions(client, ana):
    sign_in(client)
    User.objects.filter(pk=ana.pk).update(is_active=False)
    assert Session.objects.filter(session_key=session_key(client)).exists()
    assert not signed_in(client)
    response = client.post("/accounts/login/", {"username": "ana", "password": PASSWORD})
    assert response.status_code == 400


def test_saving_an_active_account_keeps_its_sessions(client, ana):
    sign_in(client)
    ana.name = "Ana Lima"
    ana.save()
    assert signed_in(client)


@pytest.mark.parametrize(
    ("env", "idle", "absolute"),
    [
        ({}, 120 * 60, 12 * 3600),
        ({"SESSION_IDLE_MINUTES": "30", "SESSION_ABSOLUTE_HOURS": "8"}, 30 * 60, 8 * 3600),
    ],
)
def test_the_limits_come_from_the_environment(env, idle, absolute):
    result = read_settings(
        env,
        "settings.SESSION_COOKIE_AGE, settings.HUB_SESSION_ABSOLUTE_AGE,"
        " settings.SESSION_SAVE_EVERY_REQUEST",
    )
    assert result.stdout.strip() == f"{idle} {absolute} True", result.stderr


def test_production_cookies_are_host_only_secure_and_hidden_from_scripts():
    result = read_settings(
        {
            "DEBUG": "0",
            "SECRET_KEY": STRONG_KEY,
            "ALLOWED_HOSTS": "hub.example.org",
            "SITE_URL": "https://hub.example.org",
        },
        "settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, settings.SESSION_COOKIE_SECURE,"
        " settings.CSRF_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY,"
        " settings.CSRF_COOKIE_HTTPONLY, settings.SESSION_COOKIE_SAMESITE,"
        " settings.SESSION_COOKIE_DOMAIN, settings.SESSION_COOKIE_PATH",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "__Host-sessionid",
        "__Host-csrftoken",
        "True",
        "True",
        "True",
        "True",
        "Lax",
        "None",
        "/",
    ]


def test_development_keeps_plain_cookie_names_that_work_over_http():
    result = read_settings({}, "settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME")
    assert result.stdout.split() == ["sessionid", "csrftoken"]
