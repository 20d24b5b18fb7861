"""Resetting a forgotten password by email, and changing a known one."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory

from .conftest import link_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def ana():
    return UserFactory(username="ana", email="ana@example.org", name="Ana Lima")


def test_reset_by_email_link_then_sign_in_with_the_new_password(client, committed, ana):
    response = committed(
        client.post, reverse("accounts:password_reset"), {"email": "ANA@example.org"}
    )
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana@example.org"]
    assert "Reset your password" in message.subject
    assert "Hello Ana Lima" in message.body

    link = link_in(message)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert "Choose a new password" in form_page.content.decode()
    set_password_url = form_page.redirect_chain[-1][0]

    weak = client.post(set_password_url, {"new_password1": "password", "new_password2": "password"})
    assert weak.status_code == 400
    assert "This password is too common." in weak.content.decode()

    done = client.post(
        set_password_url,
        {"new_password1": "Brand-new-passphrase-42", "new_password2": "Brand-new-passphrase-42"},
    )
    assert done.url == reverse("accounts:password_reset_complete")
    assert client.login(username="ana", password="Brand-new-passphrase-42")

    used_again = client.get(link, follow=True)
    assert used_again.status_code == 400
    assert "This password reset link does not work" in used_again.content.decode()


def test_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(client, committed):
    response = committed(
        client.post, reverse("accounts:password_reset"), {"email": "nobody@example.org"}
    )
    assert response.url == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_reset_with_a_bad_address_is_a_400(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "not-an-address"})
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()


def test_a_made_up_reset_link_is_a_400(client):
    response = client.get(
        reverse("accounts:password_reset_confirm", kwargs={"uidb64": "MQ", "token": "abc-def"})
    )
    assert response.status_code == 400


def test_a_reset_lifts_a_sign_in_lockout(client, committed, ana):
    for attempt in range(5):
        client.post(reverse("accounts:login"), {"username": "ana", "password": f"x{attempt}"})
    committed(client.post, reverse("accounts:password_reset"), {"email": "ana@example.org"})
    form_page = client.get(link_in(mail.outbox[0]), follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Brand-new-passphrase-42", "new_password2": "Brand-new-passphrase-42"},
    )
    response = client.post(
        reverse("accounts:login"), {"username": "ana", "password": "Brand-new-passphrase-42"}
    )
    assert response.status_code == 302


def test_change_password_knowing_the_old_one(client, ana):
    client.force_login(ana)
    url = reverse("accounts:password_change")
    wrong = client.post(
        url,
        {
            "old_password": "nope",
            "new_password1": "Another-passphrase-77",
            "new_password2": "Another-passphrase-77",
        },
    )
    assert wrong.status_code == 400
    assert "Your old password was entered incorrectly" in wrong.content.decode()
    response = client.post(
        url,
        {
            "old_password": "a-long-test-password",
            "new_password1": "Another-passphrase-77",
            "new_password2": "Another-passphrase-77",
        },
        follow=True,
    )
    assert "Your password has been changed." in response.content.decode()
    assert response.context["user"].is_authenticated
    ana.refresh_from_db()
    assert ana.check_password("Another-passphrase-77")


def test_change_password_needs_sign_in(client):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
