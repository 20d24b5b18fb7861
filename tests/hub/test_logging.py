"""Logs: one JSON line per event with a request id, and no personal data in any of them."""

import json
import logging
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import caches
from django.urls import reverse
from pythonjsonlogger.json import JsonFormatter

from hub.request_id import RequestIdFilter, current_request_id
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
HEX_ID = re.compile(r"[0-9a-f]{32}")
PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def clean_cache(db):
    caches["limits"].clear()
    yield
    caches["limits"].clear()


# The request id ------------------------------------------------------------------------


@pytest.mark.parametrize("proposed", ["trace-42", "a.b_c-D", "x" * 64])
def test_a_safe_id_from_the_proxy_is_kept_and_echoed(client, proposed):
    response = client.get(reverse("home"), HTTP_X_REQUEST_ID=proposed)
    assert response["X-Request-ID"] == proposed


@pytest.mark.parametrize(
    "proposed", ["", "x" * 65, "two words", "id\nforged: line", "<script>", "café"]
)
def test_an_unsafe_id_is_replaced_by_a_fresh_one(client, proposed):
    response = client.get(reverse("home"), HTTP_X_REQUEST_ID=proposed)
    assert HEX_ID.fullmatch(response["X-Request-ID"])


def test_each_request_without_an_id_gets_its_own(client):
    first = client.get(reverse("home"))["X-Request-ID"]
    second = client.get(reverse("home"))["X-Request-ID"]
    assert HEX_ID.fullmatch(first) and HEX_ID.fullmatch(second) and first != second


def test_log_lines_of_a_request_carry_its_id(client, caplog):
    caplog.handler.addFilter(RequestIdFilter())
    caplog.set_level(logging.INFO)
    client.get("/no-such-page/", HTTP_X_REQUEST_ID="trace-404")
    [not_found] = [r for r in caplog.records if r.name == "django.request"]
    assert not_found.getMessage() == "Not Found: /no-such-page/"
    assert not_found.request_id == "trace-404"
    assert current_request_id() == "-"


# The production format -------------------------------------------------------------------

PROBE = """
import logging
import django
django.setup()
from django.http import HttpResponse
from django.test import RequestFactory
from hub.request_id import RequestIdMiddleware

def view(request):
    logging.getLogger("hub.security").warning("probe seen: user=7", extra={"event": "probe",
                                                                          "user": 7})
    return HttpResponse()

RequestIdMiddleware(view)(RequestFactory().get("/", HTTP_X_REQUEST_ID="trace-7"))
"""


def run_probe(**env) -> subprocess.CompletedProcess:
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "LOG_FORMAT", "DATABASE_URL"}
    }
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "hub.settings",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "hub.example.org",
            "SITE_URL": "https://hub.example.org",
            **env,
        },
    )


def test_production_writes_one_json_object_per_line_to_stdout():
    result = run_probe()
    assert result.returncode == 0, result.stderr
    [line] = result.stdout.splitlines()
    record = json.loads(line)
    assert record["level"] == "WARNING"
    assert record["logger"] == "hub.security"
    assert record["message"] == "probe seen: user=7"
    assert record["request_id"] == "trace-7"
    assert record["event"] == "probe" and record["user"] == 7
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", record["timestamp"])


def test_the_text_format_can_be_chosen():
    result = run_probe(LOG_FORMAT="text")
    assert result.returncode == 0, result.stderr
    assert re.search(r"WARNING hub\.security \[trace-7\] probe seen: user=7$", result.stdout)


def test_an_unknown_format_stops_the_hub_with_a_clear_message():
    result = run_probe(LOG_FORMAT="xml")
    assert result.returncode != 0
    assert "LOG_FORMAT must be json or text" in result.stderr


# Security events -------------------------------------------------------------------------

EMAIL = "Quokka.Seven@example.org"
STRANGER = "nobody.atall@example.org"


@pytest.fixture
def people():
    member = UserFactory(username="quokka7", email=EMAIL, name="Quinn Okkason")
    partner = UserFactory(username="wombat3", email="wombat3@example.org", name="Wanda Ombat")
    return member, partner


def production_lines(records) -> list[str]:
    """Format records as production would, extra fields included."""
    from django.conf import settings

    options = {
        key: value for key, value in settings.LOGGING["formatters"]["json"].items() if key != "()"
    }
    formatter = JsonFormatter(**options)
    lines = []
    for record in records:
        if not hasattr(record, "request_id"):
            record.request_id = "-"
        lines.append(formatter.format(record))
    return lines


def test_security_events_are_named_with_an_address_and_no_personal_data(
    client, people, settings, caplog
):
    member, partner = people
    caplog.set_level(logging.INFO)
    settings.AXES_FAILURE_LIMIT = 2
    settings.HUB_RATE_LIMITS = {**settings.HUB_RATE_LIMITS, "contact": "1/h"}
    login = reverse("accounts:login")
    client.post(login, {"username": STRANGER, "password": "secret-guess-0"})
    for attempt in range(2):
        client.post(login, {"username": EMAIL, "password": f"secret-guess-{attempt + 1}"})
    assert client.post(login, {"username": EMAIL, "password": PASSWORD}).status_code == 429
    client.force_login(partner)
    assert client.get(reverse("review:queue")).status_code == 403
    contact = {"name": partner.name, "email": partner.email, "topic": "general", "message": "Hello"}
    client.post(reverse("contact"), contact)
    assert client.post(reverse("contact"), contact).status_code == 429

    events = {}
    for record in caplog.records:
        if record.name == "hub.security":
            events.setdefault(record.event, []).append(record)
    assert set(events) >= {
        "login_failed",
        "login_locked_out",
        "login_refused_locked_out",
        "permission_refused",
        "rate_limit_refused",
    }
    for name, records in events.items():
        for record in records:
            assert record.ip == "127.0.0.1", name
    assert {r.user for r in events["login_failed"] if hasattr(r, "user")} == {member.pk}
    assert any(hasattr(r, "unknown") for r in events["login_failed"])
    assert events["permission_refused"][0].user == partner.pk
    assert events["permission_refused"][0].path == "/review/"
    assert events["rate_limit_refused"][0].user == partner.pk

    logged = "\n".join(production_lines(caplog.records)).lower()
    assert "forbidden: /review/" in logged
    for secret in (
        EMAIL,
        STRANGER,
        "quokka",
        "wombat",
        "Quinn",
        "Wanda",
        "secret-guess",
        PASSWORD,
        "@example.org",
    ):
        assert secret.lower() not in logged, secret


# Tokens in link paths ------------------------------------------------------------------------


@pytest.fixture
def hub_log():
    """Collect what the hub's own log handler writes, through its configured filters."""
    import io

    [handler] = [
        handler
        for handler in logging.getLogger().handlers
        if getattr(handler, "name", None) == "console"
    ]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def test_confirmation_and_reset_tokens_never_reach_the_log(client, hub_log):
    from accounts import tokens

    member = UserFactory(email_confirmed=False)
    token = tokens.confirmation_token(user=member)
    tampered = token[:-6] + "abcdef"
    assert client.get(reverse("accounts:confirm", args=[tampered])).status_code == 400
    reset = reverse(
        "accounts:password_reset_confirm",
        kwargs={"uidb64": "MTIzNDU", "token": "cbv8xs-0123456789abcdef"},
    )
    assert client.get(reset).status_code == 400
    assert client.get("/accounts/confirm/12:secret-token-without-slash").status_code in {
        301,
        400,
        404,
    }

    written = hub_log.getvalue()
    assert "Bad Request: /accounts/confirm/[redacted]/" in written
    assert "Bad Request: /accounts/password/reset/[redacted]/[redacted]/" in written
    for secret in (
        tampered,
        token.split(":")[-1],
        "cbv8xs-0123456789abcdef",
        "MTIzNDU",
        "secret-token-without-slash",
    ):
        assert secret not in written, secret


def test_confirming_and_signing_in_logs_no_token(client, hub_log):
    from accounts import tokens

    member = UserFactory(email_confirmed=False)
    token = tokens.confirmation_token(user=member)
    response = client.post(reverse("accounts:confirm", args=[token]))
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).context["user"] == member
    written = hub_log.getvalue()
    assert "/accounts/confirm/[redacted]/" in written  # django-axes names the sign-in's path
    assert token.split(":")[-1] not in written


def test_other_pages_keep_their_paths_in_the_log(client, hub_log):
    client.get("/no-such-page/")
    client.post(reverse("accounts:resend_confirmation"), {"email": "bad"})
    written = hub_log.getvalue()
    assert "Not Found: /no-such-page/" in written
    assert "Bad Request: /accounts/confirm/resend/" in written


def test_a_security_event_path_is_redacted_too():
    from hub.redaction import RedactTokensFilter

    record = logging.LogRecord(
        "hub.security",
        logging.WARNING,
        __file__,
        1,
        "permission refused: path=%s",
        ("/accounts/confirm/1:ab:cd/",),
        None,
    )
    record.path = "/accounts/confirm/1:ab:cd/"
    RedactTokensFilter().filter(record)
    assert record.getMessage() == "permission refused: path=/accounts/confirm/[redacted]/"
    assert record.path == "/accounts/confirm/[redacted]/"
