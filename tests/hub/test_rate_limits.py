"""Rate limits: a client that sends a form too often gets a clear 429 page, per address."""

import importlib
import ipaddress
import logging
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.http import HttpResponse
from django.urls import reverse
from django_ratelimit.exceptions import Ratelimited
from django_ratelimit.middleware import RatelimitMiddleware

from hub.ratelimits import check_rate_limit, rate_limited
from hub.security import client_ip, client_network
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def clean_cache(db):
    caches["limits"].clear()
    yield
    caches["limits"].clear()


@pytest.fixture
def limits(settings):
    """Set some groups' rates for one test: ``limits(signup="2/h")``."""

    def set_limits(**rates):
        settings.HUB_RATE_LIMITS = {**settings.HUB_RATE_LIMITS, **rates}

    return set_limits


def assert_refused(response):
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    page = response.content.decode()
    assert "<h1>Too many attempts</h1>" in page
    assert "Please try again in" in page


SIGN_UP = {
    "name": "Ana Lima",
    "organization": "IOM",
    "password1": "Trafficking-prevention-2025",
    "password2": "Trafficking-prevention-2025",
}


def assert_sign_up_refused(response):
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    assert "Sign-up is paused for your network" in response.content.decode()


def test_sign_up_counts_accepted_sign_ups_per_address(client, limits):
    limits(signup="2/h")
    url = reverse("accounts:signup")
    for number in range(3):
        assert client.post(url, {"email": f"x{number}"}).status_code == 400
    for number in range(2):
        response = client.post(url, {**SIGN_UP, "email": f"ana{number}@example.org"})
        assert response.status_code == 302
    assert_sign_up_refused(client.post(url, {**SIGN_UP, "email": "ana2@example.org"}))
    assert client.get(url).status_code == 200
    response = client.post(
        url, {**SIGN_UP, "email": "ana3@example.org"}, REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == 302


def test_sign_up_forms_with_mistakes_have_a_limit_of_their_own(client, limits):
    limits(signup_failed="2/h")
    url = reverse("accounts:signup")
    for number in range(2):
        assert client.post(url, {"email": f"x{number}"}).status_code == 400
    assert_sign_up_refused(client.post(url, {**SIGN_UP, "email": "ana@example.org"}))
    response = client.post(url, {**SIGN_UP, "email": "ana@example.org"}, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302


def test_contact_is_limited_per_address(client, limits):
    limits(contact="1/h")
    url = reverse("contact")
    client.post(url, {})
    refused = client.post(url, {})
    assert_refused(refused)
    assert "Reset your password" not in refused.content.decode()


def test_password_reset_is_limited_per_address_and_per_target(client, limits):
    limits(password_reset="2/h")
    url = reverse("accounts:password_reset")
    client.post(url, {"email": "victim@example.org"})
    client.post(url, {"email": "Victim@example.org"}, REMOTE_ADDR="198.51.100.7")
    # A third address asking for the same account is refused ...
    assert_refused(client.post(url, {"email": "victim@example.org"}, REMOTE_ADDR="203.0.113.1"))
    # ... and so is one address asking for many accounts.
    assert client.post(url, {"email": "other@example.org"}).status_code == 302
    assert_refused(client.post(url, {"email": "third@example.org"}))
    assert (
        client.post(url, {"email": "third@example.org"}, REMOTE_ADDR="203.0.113.2").status_code
        == 302
    )


def test_only_a_refused_sign_in_offers_a_password_reset(client, limits):
    limits(login="1/h")
    url = reverse("accounts:login")
    client.post(url, {"username": "someone", "password": "wrong"})
    refused = client.post(url, {"username": "someone", "password": "wrong"})
    assert_refused(refused)
    assert "Reset your password" in refused.content.decode()


def test_sign_in_posts_are_limited_per_address(client, limits):
    limits(login="3/10m")
    UserFactory(username="ana")
    url = reverse("accounts:login")
    for name in ("a", "b", "c"):
        client.post(url, {"username": name, "password": "x"})
    assert_refused(client.post(url, {"username": "ana", "password": "a-long-test-password"}))


def test_confirmation_resend_is_limited(client, limits):
    limits(confirmation="1/h")
    url = reverse("accounts:resend_confirmation")
    client.post(url, {"email": "a@example.org"})
    assert_refused(client.post(url, {"email": "b@example.org"}))


def test_limits_can_be_switched_off(client, limits, settings):
    limits(contact="1/h")
    settings.RATELIMIT_ENABLE = False
    for _ in range(3):
        assert client.post(reverse("contact"), {}).status_code == 400
    settings.RATELIMIT_ENABLE = True
    limits(contact=None)
    for _ in range(3):
        assert client.post(reverse("contact"), {}).status_code == 400


def test_refusals_are_logged_without_personal_data(client, limits, caplog):
    caplog.set_level(logging.INFO, logger="hub.security")
    limits(password_reset="1/h")
    url = reverse("accounts:password_reset")
    client.post(url, {"email": "victim@example.org"})
    client.post(url, {"email": "victim@example.org"})
    lines = [r.getMessage() for r in caplog.records if r.name == "hub.security"]
    assert lines == [
        "rate limit refused: group=password_reset keys=ip,post "
        "ip=127.0.0.1 user=- path=/accounts/password/reset/"
    ]


# The helper other views use --------------------------------------------------------


def view(request):
    return HttpResponse("done")


@pytest.fixture
def rf_user(rf):
    user = UserFactory()

    def make(method="post", ip="192.0.2.1", signed_in=True, data=None):
        request = getattr(rf, method)("/somewhere/", data or {}, REMOTE_ADDR=ip)
        request.user = user if signed_in else AnonymousUser()
        return request

    return make


def test_the_decorator_counts_per_user_and_per_address(rf_user, limits):
    limits(submission="2/h")
    limited = rate_limited(group="submission", keys=("ip", "user"))(view)
    assert limited(rf_user(ip="192.0.2.1")).status_code == 200
    assert limited(rf_user(ip="192.0.2.2")).status_code == 200
    # The account is over its limit, whatever address it comes from.
    assert limited(rf_user(ip="192.0.2.3")).status_code == 429
    # Anonymous requests from a fresh address are counted only by address.
    assert limited(rf_user(ip="192.0.2.4", signed_in=False)).status_code == 200


def test_the_decorator_counts_only_the_methods_it_is_told(rf_user, limits):
    limits(submission="1/h")
    limited = rate_limited(group="submission")(view)
    for _ in range(3):
        assert limited(rf_user(method="get")).status_code == 200
    assert limited(rf_user()).status_code == 200
    assert limited(rf_user()).status_code == 429


def test_custom_keys_and_the_in_view_check(rf_user, limits):
    limits(submission="1/h")

    def by_field(request):
        return request.POST.get("title") or None

    first = rf_user(data={"title": "Same"})
    assert check_rate_limit(first, group="submission", keys=(by_field,)) is None
    again = rf_user(ip="192.0.2.9", data={"title": "Same"})
    assert check_rate_limit(again, group="submission", keys=(by_field,)).status_code == 429
    other = rf_user(data={"title": "Other"})
    assert check_rate_limit(other, group="submission", keys=(by_field,)) is None


def test_an_unknown_group_or_key_is_a_configuration_error(rf_user):
    with pytest.raises(ImproperlyConfigured):
        check_rate_limit(rf_user(), group="no-such-group")
    with pytest.raises(ImproperlyConfigured):
        check_rate_limit(rf_user(), group="contact", keys=("shoe-size",))


def test_a_cache_outage_lets_requests_through(rf_user, limits, monkeypatch, caplog):
    limits(submission="1/h")

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr("hub.ratelimits.get_usage", broken)
    limited = rate_limited(group="submission")(view)
    assert [limited(rf_user()).status_code for _ in range(3)] == [200, 200, 200]
    assert "rate limit not checked: group=submission cache error ConnectionError" in caplog.text


def test_django_ratelimit_refusals_also_get_the_429_page(rf):
    request = rf.get("/somewhere/")
    request.user = AnonymousUser()
    response = RatelimitMiddleware(lambda r: None).process_exception(request, Ratelimited())
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


PROXY = "192.0.2.1"


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "expected"),
    [
        # No proxy configured: the header is never believed.
        ([], PROXY, "203.0.113.5", PROXY),
        # A client connecting directly cannot choose its address, proxy or not.
        (["10.0.0.0/8"], "198.51.100.7", "203.0.113.5", "198.51.100.7"),
        # From our proxy: the right-most address that is not ours.
        ([PROXY], PROXY, "203.0.113.5", "203.0.113.5"),
        ([PROXY], PROXY, "1.2.3.4, 203.0.113.5", "203.0.113.5"),
        (["10.0.0.0/8", PROXY], PROXY, "1.2.3.4, 203.0.113.5, 10.1.2.3", "203.0.113.5"),
        (["10.0.0.0/8"], "10.0.0.1", "198.51.100.9, 10.0.0.2", "198.51.100.9"),
        # Nothing usable in the header: the nearest proxy is all we know.
        ([PROXY], PROXY, "", PROXY),
        ([PROXY], PROXY, "not-an-ip", PROXY),
        (["10.0.0.0/8"], "10.0.0.1", "203.0.113.5, nonsense, 10.0.0.2", "10.0.0.2"),
        ([PROXY], PROXY, "2001:db8::1", "2001:db8::1"),
        (["2001:db8:ff::/48"], "2001:db8:ff::1", "203.0.113.5", "203.0.113.5"),
        ([], "::ffff:198.51.100.7", "", "198.51.100.7"),
    ],
)
def test_forwarded_for_is_believed_only_from_trusted_proxies(
    rf, settings, trusted, remote, forwarded, expected
):
    settings.HUB_TRUSTED_PROXIES = [ipaddress.ip_network(item) for item in trusted]
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


@pytest.mark.parametrize(
    ("remote", "expected"),
    [
        ("198.51.100.7", "198.51.100.7"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::"),
        ("2001:db8:1:2::", "2001:db8:1:2::"),
    ],
)
def test_clients_are_counted_per_ipv4_address_and_per_ipv6_64(rf, settings, remote, expected):
    settings.HUB_TRUSTED_PROXIES = []
    assert client_network(rf.get("/", REMOTE_ADDR=remote)) == expected


def test_trusted_proxies_are_read_from_the_environment():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(' '.join(str(n) for n in settings.HUB_TRUSTED_PROXIES) or '-')"
    )

    def read(**env) -> subprocess.CompletedProcess:
        clean = {
            key: value
            for key, value in os.environ.items()
            if key not in {"TRUSTED_PROXIES", "DEBUG"}
        }
        return subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            env={**clean, "DJANGO_SETTINGS_MODULE": "hub.settings", **env},
        )

    assert read().stdout.split() == ["-"]
    assert read(
        DEBUG="0",
        SECRET_KEY="q7Lp-2vXz_Rk9mWc4TbN8sYd1HfJ6gUe3AaK0oPiQrSt5uVwMx",
        ALLOWED_HOSTS="hub.example.org",
        SITE_URL="https://hub.example.org",
    ).stdout.split() == ["-"]
    chosen = read(TRUSTED_PROXIES="10.0.0.0/8, 192.0.2.1 ,2001:db8::/32")
    assert chosen.stdout.split() == ["10.0.0.0/8", "192.0.2.1/32", "2001:db8::/32"]
    typo = read(TRUSTED_PROXIES="10.0.0.0/8,proxy.internal")
    assert typo.returncode != 0
    assert "TRUSTED_PROXIES holds 'proxy.internal'" in typo.stderr


def test_a_forged_forwarded_for_does_not_escape_a_limit(client, limits, settings):
    settings.HUB_TRUSTED_PROXIES = [ipaddress.ip_network("10.0.0.1")]
    limits(contact="2/h")
    for number in range(2):
        client.post(reverse("contact"), {}, HTTP_X_FORWARDED_FOR=f"198.51.100.{number}")
    assert_refused(client.post(reverse("contact"), {}, HTTP_X_FORWARDED_FOR="198.51.100.99"))


def test_a_sign_up_address_is_limited_from_every_client(client, limits):
    limits(signup_email="2/h")
    url = reverse("accounts:signup")
    for number in range(2):
        response = client.post(
            url, {**SIGN_UP, "email": "Victim@example.org"}, REMOTE_ADDR=f"198.51.100.{number}"
        )
        assert response.status_code == 302
    assert_sign_up_refused(
        client.post(url, {**SIGN_UP, "email": "victim@example.org"}, REMOTE_ADDR="203.0.113.9")
    )


def test_an_email_domain_is_limited_from_every_client(client, limits):
    limits(signup_domain="2/h")
    url = reverse("accounts:signup")
    for number in range(2):
        response = client.post(
            url,
            {**SIGN_UP, "email": f"bot{number}@Spam.example"},
            REMOTE_ADDR=f"198.51.100.{number}",
        )
        assert response.status_code == 302
    assert_sign_up_refused(
        client.post(url, {**SIGN_UP, "email": "bot9@spam.example"}, REMOTE_ADDR="203.0.113.9")
    )
    response = client.post(url, {**SIGN_UP, "email": "ana@example.org"}, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302


# Limits hold across worker processes ---------------------------------------------


def test_counters_live_in_a_cache_every_worker_shares(settings):
    backend = settings.CACHES[settings.RATELIMIT_USE_CACHE]["BACKEND"]
    assert backend in {
        "django.core.cache.backends.db.DatabaseCache",
        "django.core.cache.backends.redis.RedisCache",
    }


def test_the_hub_migration_creates_the_cache_table_where_it_is_missing():
    migration = importlib.import_module("hub.migrations.0001_cache_table")
    with connection.cursor() as cursor:
        editor = SimpleNamespace(
            connection=connection, execute=cursor.execute, quote_name=connection.ops.quote_name
        )
        migration.drop_cache_table(None, editor)
        assert "hub_cache" not in connection.introspection.table_names()
        migration.create_cache_table(None, editor)
        migration.create_cache_table(None, editor)  # a second run changes nothing
    assert "hub_cache" in connection.introspection.table_names()
    caches["limits"].set("probe", 41)
    assert caches["limits"].incr("probe") == 42


def test_redis_url_selects_the_redis_cache():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "limits = settings.CACHES[settings.RATELIMIT_USE_CACHE]; "
        "print(limits['BACKEND'], limits['LOCATION'])"
    )
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={
            **env,
            "DJANGO_SETTINGS_MODULE": "hub.settings",
            "REDIS_URL": "redis://cache.example.org:6379/1",
        },
    )
    assert result.stdout.split() == [
        "django.core.cache.backends.redis.RedisCache",
        "redis://cache.example.org:6379/1",
    ], result.stderr


def _redis_available(url: str) -> bool:
    try:
        import redis

        return redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except Exception:  # noqa: BLE001 - any failure means no server to test against
        return False


REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")


@pytest.mark.skipif(
    not _redis_available(REDIS_TEST_URL),
    reason=f"no Redis server at {REDIS_TEST_URL}; .ci/run starts one if redis-server is installed",
)
def test_limits_work_on_redis(client, settings, limits):
    redis_cache = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_TEST_URL,
        "KEY_PREFIX": "hub-test",
    }
    settings.CACHES = {**settings.CACHES, "limits": redis_cache}
    caches["limits"].clear()
    try:
        limits(contact="2/h")
        for _ in range(2):
            assert client.post(reverse("contact"), {}).status_code == 400
        assert_refused(client.post(reverse("contact"), {}))
        assert any(
            key.startswith(b"hub-test:") for key in caches["limits"]._cache.get_client().keys("*")
        )
    finally:
        caches["limits"].clear()
