"""Signing in by username or email, signing out by POST, and the lockout after failures."""

import logging

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()
PASSWORD = "a-long-test-password"


@pytest.fixture
def ana():
    return UserFactory(username="ana", email="Ana.Lima@example.org", name="Ana Lima")


def sign_in(client, identifier, password=PASSWORD, **extra):
    return client.post(
        reverse("accounts:login"), {"username": identifier, "password": password}, **extra
    )


@pytest.mark.parametrize(
    "identifier", ["ana", "Ana", "Ana.Lima@example.org", "ana.lima@EXAMPLE.org", "  ana  "]
)
def test_sign_in_with_username_or_email(client, ana, identifier):
    response = sign_in(client, identifier)
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).context["user"] == ana


def test_sign_in_goes_to_the_next_page_but_never_off_site(client, ana):
    response = client.post(
        reverse("accounts:login") + "?next=/accounts/profile/",
        {"username": "ana", "password": PASSWORD, "next": "/accounts/profile/"},
    )
    assert response.url == "/accounts/profile/"
    client.post(reverse("accounts:logout"))
    response = client.post(
        reverse("accounts:login"),
        {"username": "ana", "password": PASSWORD, "next": "https://evil.example.com/"},
    )
    assert "evil.example.com" not in response.url


def test_a_wrong_password_is_a_400_with_a_message_tied_to_the_fields(client, ana):
    response = sign_in(client, "ana", "wrong-password")
    assert response.status_code == 400
    page = response.content.decode()
    assert "do not match an account" in page
    assert page.count('aria-describedby="form-errors"') == 2
    assert 'id="form-errors"' in page
    assert not response.context["user"].is_authenticated


@pytest.mark.parametrize("name", ["ana\x00", "\x00", "a" * 300])
def test_a_sign_in_name_no_account_can_have_is_a_400_not_an_error(client, ana, name):
    response = sign_in(client, name, PASSWORD)
    assert response.status_code == 400
    assert not response.context["user"].is_authenticated


def test_the_sign_in_page_offers_password_reset_and_sign_up(client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:password_reset") in page
    assert reverse("accounts:signup") in page
    assert '<label for="id_username">Username or email address' in page


def test_sign_out_needs_a_post(client, ana):
    client.force_login(ana)
    page = client.get(reverse("accounts:logout"))
    assert page.status_code == 200
    assert 'method="post"' in page.content.decode()
    assert client.get(reverse("accounts:profile")).status_code == 200

    response = client.post(reverse("accounts:logout"), follow=True)
    assert "You have signed out." in response.content.decode()
    assert not response.context["user"].is_authenticated
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_five_failures_lock_the_account_from_that_address_with_a_429(client, ana):
    for attempt in range(4):
        assert sign_in(client, "ana", f"wrong-{attempt}").status_code == 400
    locked = sign_in(client, "ana.lima@example.org", "wrong-again")
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == 3600
    page = locked.content.decode()
    assert "too many failed attempts to sign in" in page
    assert "Please try again in 60 minutes." in page

    # Even the right password is refused while the lockout lasts.
    assert sign_in(client, "ana").status_code == 429
    assert not client.get(reverse("home")).context["user"].is_authenticated

    # The same account from another address, and another account, are not locked.
    assert sign_in(client, "ana", REMOTE_ADDR="203.0.113.9").status_code == 302
    other = UserFactory(username="bea")
    client.post(reverse("accounts:logout"))
    assert sign_in(client, other.username).status_code == 302


def test_a_successful_sign_in_clears_earlier_failures(client, ana):
    for attempt in range(4):
        sign_in(client, "ana", f"wrong-{attempt}")
    assert sign_in(client, "ana").status_code == 302
    client.post(reverse("accounts:logout"))
    for attempt in range(4):
        assert sign_in(client, "ana", f"wrong-{attempt}").status_code == 400


def test_the_lockout_limit_follows_the_settings(client, ana, settings):
    settings.AXES_FAILURE_LIMIT = 2
    sign_in(client, "ana", "wrong")
    assert sign_in(client, "ana", "wrong").status_code == 429


def test_security_log_names_no_email_and_no_password(client, ana, caplog):
    caplog.set_level(logging.INFO, logger="hub.security")
    for attempt in range(5):
        sign_in(client, "Ana.Lima@example.org", f"secret-attempt-{attempt}")
    sign_in(client, "nobody@example.org", "secret-attempt-x")
    records = [record for record in caplog.records if record.name == "hub.security"]
    text = "\n".join(record.getMessage() for record in records)
    assert f"login failed: user={ana.pk}" in text
    assert f"login locked out: user={ana.pk}" in text
    assert "login failed: unknown=" in text
    assert "@" not in text
    assert "secret-attempt" not in text
    assert "nobody" not in text


def test_inactive_accounts_cannot_sign_in(client, ana):
    ana.is_active = False
    ana.save()
    assert sign_in(client, "ana").status_code == 400


def test_the_test_client_login_still_works(client, ana):
    assert client.login(username="ana", password=PASSWORD)


# Per account, per network, and the admin's sign-in form ------------------------------------


def test_an_account_is_limited_from_every_address_together(client, ana, settings):
    settings.HUB_RATE_LIMITS = {**settings.HUB_RATE_LIMITS, "login_account": "3/h"}
    for number, identifier in enumerate(("ana", "Ana.Lima@example.org", "ANA")):
        response = sign_in(
            client, identifier, f"wrong-{number}", REMOTE_ADDR=f"198.51.100.{number + 1}"
        )
        assert response.status_code == 400
    # A fourth address, even with the right password, finds the account paused ...
    refused = sign_in(client, "ana.lima@example.org", REMOTE_ADDR="203.0.113.50")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 3600
    # ... while another account signs in from that same address.
    UserFactory(username="bea")
    assert sign_in(client, "bea", REMOTE_ADDR="203.0.113.50").status_code == 302


def test_ipv6_addresses_of_one_64_count_as_one_client(client, ana):
    for host in range(1, 5):
        response = sign_in(client, "ana", f"wrong-{host}", REMOTE_ADDR=f"2001:db8:1:2::{host}")
        assert response.status_code == 400
    # The fifth failure, from a fifth address of the same /64, locks that network out ...
    assert sign_in(client, "ana", "wrong-5", REMOTE_ADDR="2001:db8:1:2::5").status_code == 429
    assert sign_in(client, "ana", REMOTE_ADDR="2001:db8:1:2:ffff::9").status_code == 429
    # ... and another /64 is not.
    assert sign_in(client, "ana", REMOTE_ADDR="2001:db8:1:3::1").status_code == 302


def test_the_admin_sign_in_is_rate_limited_like_the_hubs(client, settings):
    settings.HUB_RATE_LIMITS = {**settings.HUB_RATE_LIMITS, "login": "3/10m"}
    url = reverse("admin:login")
    for name in ("a", "b", "c"):
        client.post(url, {"username": name, "password": "x"})
    refused = client.post(url, {"username": "d", "password": "x"})
    assert refused.status_code == 429
    assert "Retry-After" in refused


def test_the_admin_sign_in_counts_an_account_from_every_address(client, ana, settings):
    settings.HUB_RATE_LIMITS = {**settings.HUB_RATE_LIMITS, "login_account": "2/h"}
    sign_in(client, "ana", "wrong-1", REMOTE_ADDR="198.51.100.1")
    client.post(
        reverse("admin:login"),
        {"username": "ana", "password": "wrong-2"},
        REMOTE_ADDR="198.51.100.2",
    )
    refused = client.post(
        reverse("admin:login"),
        {"username": "ana", "password": PASSWORD},
        REMOTE_ADDR="198.51.100.3",
    )
    assert refused.status_code == 429


def test_failures_at_either_form_lock_out_both(client, ana):
    for attempt in range(4):
        client.post(reverse("admin:login"), {"username": "ana", "password": f"wrong-{attempt}"})
    assert sign_in(client, "ana", "wrong-again").status_code == 429
    assert sign_in(client, "ana").status_code == 429
    locked = client.post(reverse("admin:login"), {"username": "ana", "password": PASSWORD})
    assert locked.status_code == 429


@pytest.mark.parametrize(
    ("role", "landing"),
    [
        ("editor", "review:queue"),
        ("superuser", "review:queue"),
        ("reviewer", "review:queue"),
        ("partner", "submission:my_list"),
    ],
)
def test_each_role_lands_on_its_own_work_after_signing_in(client, role, landing):
    from tests.factories import ReviewerFactory

    if role == "reviewer":
        person = ReviewerFactory(username="person")
    elif role == "superuser":
        person = UserFactory(username="person", is_superuser=True, is_staff=True)
    else:
        person = UserFactory(
            username="person", groups=["editor"] if role == "editor" else ["partner"]
        )
    person.set_password(PASSWORD)
    person.save()
    response = sign_in(client, "person")
    assert response.status_code == 302
    assert response.url == reverse(landing)
    assert client.get(response.url).status_code == 200


def test_a_next_address_wins_over_the_landing_page(client):
    UserFactory(username="boss", groups=["editor"])
    response = client.post(
        reverse("accounts:login"),
        {"username": "boss", "password": PASSWORD, "next": reverse("review:roster")},
    )
    assert response.url == reverse("review:roster")


def test_a_page_needing_an_account_says_so_and_offers_sign_up_with_the_way_back(client):
    response = client.get(reverse("submission:submit"), follow=True)
    page = response.content.decode()
    assert "You need an account to continue" in page
    assert f'href="{reverse("accounts:signup")}?next=%2Fsubmit%2F"' in page
    assert "You need an account" not in client.get(reverse("accounts:login")).content.decode()
