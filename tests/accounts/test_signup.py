"""Signing up, confirming the email address by its link, and what goes wrong on the way."""

import math
import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import translation

from accounts import tokens
from accounts.roles import is_partner
from taxonomy.models import Organization
from tests.factories import OrganizationFactory, UserFactory

from .conftest import link_in

pytestmark = pytest.mark.django_db
User = get_user_model()
USERNAME = re.compile(r"ana\.lima-[a-z2-9]{6}")


def test_sign_up_page_labels_every_field(client):
    page = client.get(reverse("accounts:signup")).content.decode()
    for field in ("name", "email", "organization", "password1", "password2"):
        assert f'<label for="id_{field}"' in page
    assert 'autocomplete="new-password"' in page


def test_sign_up_sends_a_confirmation_link_then_the_link_makes_a_signed_in_partner(
    client, committed, signup_data
):
    response = committed(client.post, reverse("accounts:signup"), signup_data)
    assert response.status_code == 302
    assert response.url == reverse("accounts:signup_done")
    assert "We have sent you an email" in client.get(response.url).content.decode()

    user = User.objects.get(email="ana.lima@example.org")
    assert (user.name, user.email_confirmed) == ("Ana Lima", False)
    assert USERNAME.fullmatch(user.username)
    assert not is_partner(user)
    assert (user.affiliation, user.organization) == ("Friends of the Hub", None)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ana.lima@example.org"]
    assert "Confirm your email address" in message.subject
    assert "3 days" in message.body
    assert "ana.lima@example.org" not in link_in(message)

    # Opening the link only shows the button; pressing it confirms.
    opened = client.get(link_in(message))
    assert opened.status_code == 200
    assert f'<form class="form" method="post" action="{link_in(message)}">' in (
        opened.content.decode()
    )
    user.refresh_from_db()
    assert not user.email_confirmed and not opened.context["user"].is_authenticated

    response = client.post(link_in(message), follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "your email address is confirmed and you are signed in" in page
    assert "Partner: submits resources" in page
    user.refresh_from_db()
    assert user.email_confirmed
    assert user.groups.filter(name="partner").exists()
    assert response.context["user"] == user


def test_following_the_link_again_does_not_sign_anyone_in(client, sign_up):
    link = sign_up()
    client.post(link)
    client.post(reverse("accounts:logout"))
    for follow_link in (client.get, client.post):
        response = follow_link(link, follow=True)
        assert "already confirmed" in response.content.decode()
        assert not response.context["user"].is_authenticated


def test_someone_elses_link_never_switches_a_signed_in_browser(client, sign_up, committed):
    link = sign_up()
    newcomer = User.objects.get(email="ana.lima@example.org")
    owner = UserFactory()
    client.force_login(owner)

    page = client.get(link)
    assert page.status_code == 200
    assert "confirming it will not sign you in to that account" in page.content.decode()
    newcomer.refresh_from_db()
    assert not newcomer.email_confirmed

    response = client.post(link, follow=True)
    assert "You are still signed in with your own account" in response.content.decode()
    assert response.context["user"] == owner
    newcomer.refresh_from_db()
    assert newcomer.email_confirmed


def test_the_confirmation_link_leads_to_the_address_the_hub_serves_at(
    client, committed, signup_data, settings
):
    settings.HUB_SITE_URL = "http://127.0.0.1:8310"
    committed(client.post, reverse("accounts:signup"), signup_data)
    [message] = mail.outbox
    [link] = re.findall(r"https?://\S+", message.body)
    assert link.startswith("http://127.0.0.1:8310/accounts/confirm/")
    assert client.get(link_in(message)).status_code == 200


def test_the_owner_signed_in_confirms_their_own_address(client, sign_up):
    link = sign_up()
    newcomer = User.objects.get(email="ana.lima@example.org")
    client.force_login(newcomer)
    response = client.post(link, follow=True)
    assert "your email address is confirmed. You can now submit" in response.content.decode()
    assert response.context["user"] == newcomer


def test_existing_organization_is_matched_by_acronym_or_name_ignoring_case(client, sign_up):
    iom = OrganizationFactory(
        name="International Organization for Migration", acronym="IOM", is_un_entity=True
    )
    sign_up(organization="iom")
    sign_up(email="second@example.org", organization="international organization FOR migration")
    assert set(User.objects.values_list("organization", flat=True)) == {iom.pk}
    assert sorted(User.objects.values_list("affiliation", flat=True)) == [
        "international organization FOR migration",
        "iom",
    ]
    assert Organization.objects.filter(name__iexact="iom").count() == 0


def test_a_new_organization_name_stays_text_and_adds_no_organization(client, sign_up):
    known = OrganizationFactory(name="Friends", slug="friends-of-the-hub")
    sign_up(organization="  Brand   New  Collective ")
    user = User.objects.get()
    assert (user.affiliation, user.organization) == ("Brand New Collective", None)
    assert list(Organization.objects.filter(name__icontains="collective")) == []
    assert Organization.objects.filter(pk=known.pk).count() == 1
    client.force_login(user)
    assert "Brand New Collective" in client.get(reverse("accounts:profile")).content.decode()


def test_a_username_never_tells_that_another_exists(sign_up):
    UserFactory(username="ana.lima", email="someone@example.org")
    sign_up()
    sign_up(email="ana.lima@example.net")
    usernames = set(
        User.objects.filter(email__startswith="ana.lima@").values_list("username", flat=True)
    )
    assert len(usernames) == 2
    assert all(USERNAME.fullmatch(username) for username in usernames), usernames


@pytest.mark.parametrize("email", ["taken@example.org", "TAKEN@Example.org"])
def test_an_address_in_use_gets_the_same_answer_and_its_owner_a_mail(
    client, committed, signup_data, email
):
    owner = UserFactory(username="taken", email="taken@example.org", name="Tom Aken")
    fresh = committed(
        client.post, reverse("accounts:signup"), {**signup_data, "email": "fresh@example.org"}
    )
    taken = committed(client.post, reverse("accounts:signup"), {**signup_data, "email": email})

    assert (taken.status_code, taken.url) == (fresh.status_code, fresh.url)
    assert taken.url == reverse("accounts:signup_done")
    assert User.objects.filter(email__iexact="taken@example.org").get() == owner
    assert len(mail.outbox) == 2
    notice = mail.outbox[1]
    assert notice.to == ["taken@example.org"]
    assert "Someone tried to create an account" in notice.subject
    assert "Hello Tom Aken" in notice.body
    assert f"http://127.0.0.1:8000{reverse('accounts:login')}" in notice.body
    assert f"http://127.0.0.1:8000{reverse('accounts:password_reset')}" in notice.body
    assert "/accounts/confirm/" not in notice.body


def test_a_new_account_is_written_to_in_the_language_it_signed_up_in(
    client, committed, signup_data
):
    with translation.override("fr"):
        committed(client.post, reverse("accounts:signup"), signup_data)  # /fr/accounts/signup/
    assert User.objects.get(email="ana.lima@example.org").language == "fr"
    [confirmation] = mail.outbox
    assert confirmation.extra_headers["Content-Language"] == "fr"
    assert "Le Centre vous écrit en français." in confirmation.body


def test_an_owner_is_told_of_a_sign_up_attempt_in_their_own_language(
    client, committed, signup_data
):
    UserFactory(email="taken@example.org", language="es")
    with translation.override("fr"):
        committed(
            client.post, reverse("accounts:signup"), {**signup_data, "email": "taken@example.org"}
        )
    [notice] = mail.outbox
    assert notice.extra_headers["Content-Language"] == "es"
    assert "El Centro le escribe en español." in notice.body


def test_a_sign_up_for_an_address_in_use_creates_no_organization(client, committed, signup_data):
    UserFactory(email="taken@example.org")
    before = Organization.objects.count()
    committed(
        client.post,
        reverse("accounts:signup"),
        {**signup_data, "email": "taken@example.org", "organization": "Brand New Org"},
    )
    assert Organization.objects.count() == before


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("password123", "This password is too common."),
        ("short", "This password is too short."),
        ("839201746353", "This password is entirely numeric."),
        ("ana.lima@example", "The password is too similar to the"),
    ],
)
def test_weak_passwords_are_refused(client, signup_data, password, problem):
    response = client.post(
        reverse("accounts:signup"), {**signup_data, "password1": password, "password2": password}
    )
    assert response.status_code == 400
    assert problem in response.content.decode()
    assert not User.objects.exists()


def test_passwords_must_match(client, signup_data):
    response = client.post(
        reverse("accounts:signup"), {**signup_data, "password2": "Something-else-entirely-9"}
    )
    assert response.status_code == 400
    assert "The two password fields didn’t match." in response.content.decode()


@pytest.mark.parametrize(
    "changes",
    [
        {"name": "   "},
        {"email": "not an address"},
        {"organization": ""},
        {"name": "x" * 201},
        {"name": "bad\x00name"},
    ],
)
def test_bad_input_gets_a_400_with_a_message(client, signup_data, changes):
    response = client.post(reverse("accounts:signup"), {**signup_data, **changes})
    assert response.status_code == 400
    assert 'class="errorlist"' in response.content.decode()


def test_a_tampered_link_answers_400_and_offers_a_new_one(client, sign_up):
    link = sign_up()
    response = client.get(link[:-3] + "xyz/")
    assert response.status_code == 400
    page = response.content.decode()
    assert "This confirmation link does not work" in page
    assert reverse("accounts:resend_confirmation") in page
    assert not User.objects.get().email_confirmed


@pytest.mark.parametrize("token", ["nonsense", "999999:abc:def", "1", ":::", "9" * 40])
def test_made_up_links_answer_400(client, token):
    assert client.get(reverse("accounts:confirm", args=[token])).status_code == 400


def test_an_expired_link_answers_400_and_says_so(client, monkeypatch):
    user = UserFactory(email_confirmed=False)
    now = time.time()
    monkeypatch.setattr("django.core.signing.time.time", lambda: now - 4 * 24 * 3600)
    token = tokens.confirmation_token(user=user)
    monkeypatch.setattr("django.core.signing.time.time", lambda: now)
    response = client.get(reverse("accounts:confirm", args=[token]))
    assert response.status_code == 400
    assert "This confirmation link has expired" in response.content.decode()
    user.refresh_from_db()
    assert not user.email_confirmed


def test_a_link_for_an_old_address_no_longer_works(client):
    user = UserFactory(email_confirmed=False)
    token = tokens.confirmation_token(user=user)
    user.email = "new@example.org"
    user.save()
    assert client.get(reverse("accounts:confirm", args=[token])).status_code == 400


def test_a_new_link_can_be_asked_for_without_revealing_accounts(client, committed):
    UserFactory(username="waiting", email="waiting@example.org", email_confirmed=False)
    url = reverse("accounts:resend_confirmation")
    known = committed(client.post, url, {"email": "Waiting@example.org"}, follow=True)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["waiting@example.org"]
    unknown = committed(client.post, url, {"email": "nobody@example.org"}, follow=True)
    assert len(mail.outbox) == 1
    message = "If an account with that address is waiting for confirmation"
    assert message in known.content.decode() and message in unknown.content.decode()
    assert client.post(link_in(mail.outbox[0])).status_code == 302


def test_a_signed_in_unconfirmed_person_can_ask_for_a_new_link(client, committed):
    user = UserFactory(email_confirmed=False)
    client.force_login(user)
    assert (
        "Please confirm your email address"
        in client.get(reverse("accounts:profile")).content.decode()
    )
    committed(client.post, reverse("accounts:resend_confirmation"))
    assert mail.outbox[0].to == [user.email]


def test_signed_in_people_are_sent_from_sign_up_to_their_profile(client):
    client.force_login(UserFactory())
    response = client.get(reverse("accounts:signup"))
    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")


# Sign-up limits: a workshop can sign up, a script cannot ---------------------------


def workshop_participant(signup_data, number: int) -> dict:
    return {
        **signup_data,
        "name": f"Participant {number}",
        "email": f"participant{number}@example.org",
    }


def test_a_workshop_room_of_30_signs_up_from_one_address_despite_typing_mistakes(
    client, signup_data
):
    url = reverse("accounts:signup")
    for number in range(30):
        person = workshop_participant(signup_data, number)
        mistyped = client.post(url, {**person, "password2": "a-typing-mistake"})
        assert mistyped.status_code == 400
        assert client.post(url, person).status_code == 302
    assert User.objects.filter(email__startswith="participant").count() == 30


def test_a_refused_sign_up_keeps_what_was_typed_and_says_what_to_do(client, signup_data, settings):
    settings.HUB_RATE_LIMITS = {**settings.HUB_RATE_LIMITS, "signup": "2/h"}
    url = reverse("accounts:signup")
    for number in range(2):
        assert client.post(url, workshop_participant(signup_data, number)).status_code == 302
    response = client.post(url, signup_data)
    assert response.status_code == 429
    retry_after = int(response["Retry-After"])
    assert 0 < retry_after <= 3600
    page = response.content.decode()
    assert "Sign-up is paused for your network" in page
    assert f"send the form in {math.ceil(retry_after / 60)} minute" in page
    assert "ask its organiser" in page and f'href="{reverse("contact")}"' in page
    assert "password" not in page.split("<form")[0].lower().replace("enter your password again", "")
    assert reverse("accounts:password_reset") not in page
    for value in ('value="Ana Lima"', 'value="ana.lima@example.org"', 'value="Friends of the Hub"'):
        assert value in page
    assert not User.objects.filter(email="ana.lima@example.org").exists()


def test_scripted_mass_sign_ups_from_one_address_are_stopped(client, signup_data):
    url = reverse("accounts:signup")
    limit = 40
    for number in range(limit):
        assert client.post(url, workshop_participant(signup_data, number)).status_code == 302
    assert client.post(url, signup_data).status_code == 429
    assert User.objects.count() == limit


# Sign-up brings a person back to what they set out to do ---------------------------


def test_sign_up_from_the_roster_application_returns_there_after_confirmation(
    client, committed, signup_data
):
    apply = reverse("review:roster_apply")
    page = client.get(reverse("accounts:signup"), {"next": apply}).content.decode()
    assert f'<input type="hidden" name="next" value="{apply}">' in page
    assert "brings you back to where you were" in page

    response = committed(client.post, reverse("accounts:signup"), {**signup_data, "next": apply})
    assert response.status_code == 302
    link = link_in(mail.outbox[-1])
    assert link.endswith("?next=%2Froster%2Fapply%2F")

    opened = client.get(link).content.decode()
    assert f'<input type="hidden" name="next" value="{apply}">' in opened
    response = client.post(link, {"next": apply}, follow=True)
    assert response.redirect_chain[-1][0] == apply
    page = response.content.decode()
    assert "your email address is confirmed and you are signed in" in page
    assert "Send my application" in page


@pytest.mark.parametrize(
    "next_address", ["https://evil.example.com/", "//evil.example.com/", "javascript:alert(1)"]
)
def test_a_next_address_off_the_hub_is_dropped(client, committed, signup_data, next_address):
    page = client.get(reverse("accounts:signup"), {"next": next_address}).content.decode()
    form = page[page.index('action="/accounts/signup/"') :]
    assert 'name="next"' not in form and "evil" not in form and "javascript" not in form
    committed(client.post, reverse("accounts:signup"), {**signup_data, "next": next_address})
    link = link_in(mail.outbox[-1])
    assert "next" not in link
    response = client.post(f"{link}?next={next_address}", {"next": next_address})
    assert response.url == reverse("accounts:profile")
