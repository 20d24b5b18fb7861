"""Fuzz the forms anyone can post: sign-up, sign-in, passwords, profile, contact, language."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accounts.models import User
from hub.models import ContactMessage
from taxonomy.models import Organization

from .conftest import PASSWORD
from .invariants import labels
from .posting import post_form
from .strategies import form_bodies, fuzz_settings

pytestmark = pytest.mark.django_db

EXAMPLES = 30

emails = st.sampled_from(
    [
        "partner@example.org",
        "PARTNER@example.org",
        "new@example.org",
        "not-an-address",
        "a@b",
        "x@" + "y" * 300 + ".org",
    ]
)
passwords = st.sampled_from(
    [PASSWORD, "Trafficking-prevention-2025", "short", "password", "12345678901", ""]
)
names = st.sampled_from(["Ana Lima", "  Ana   Lima ", "   ", "A" * 201])
organizations = st.sampled_from(
    [
        "IOM",
        "International Organization for Migration",
        "A new organization",
        "   ",
        "---",
        "O" * 301,
    ]
)

SIGNUP = {
    "name": names,
    "email": emails,
    "organization": organizations,
    "password1": passwords,
    "password2": passwords,
}
SIGNUP_VALID = {
    "name": "Ana Lima",
    "email": "ana.lima@example.org",
    "organization": "Friends of the Hub",
    "password1": "Trafficking-prevention-2025",
    "password2": "Trafficking-prevention-2025",
}


@fuzz_settings(EXAMPLES)
@given(data=st.data())
def test_sign_up(client, samples, data):
    post_form(
        client,
        "/accounts/signup/",
        data.draw(form_bodies(SIGNUP, SIGNUP_VALID)),
        stores=labels(User, Organization, "accounts.user_groups"),
    )


@fuzz_settings(EXAMPLES)
@given(data=st.data())
def test_sign_in(client, samples, data):
    fields = {
        "username": st.sampled_from(
            ["partner", "PARTNER", "partner@example.org", "nobody", "u" * 300]
        ),
        "password": passwords,
    }
    valid = {"username": "partner", "password": PASSWORD}
    # Signing in records the time of the sign-in.
    post_form(
        client, "/accounts/login/", data.draw(form_bodies(fields, valid)), stores=labels(User)
    )


@fuzz_settings(EXAMPLES // 2)
@given(data=st.data())
def test_sign_out(client, samples, data):
    post_form(
        client,
        "/accounts/logout/",
        data.draw(form_bodies({"next": st.just("/")})),
        person=samples.partner,
    )


@fuzz_settings(EXAMPLES)
@given(data=st.data())
def test_profile(client, samples, data):
    fields = {"name": names, "organization": organizations}
    valid = {"name": "Ana Lima", "organization": "IOM"}
    post_form(
        client,
        "/accounts/profile/",
        data.draw(form_bodies(fields, valid)),
        person=samples.partner,
        stores=labels(User, Organization),
    )


@fuzz_settings(EXAMPLES)
@given(data=st.data())
def test_password_change(client, samples, data):
    fields = {"old_password": passwords, "new_password1": passwords, "new_password2": passwords}
    valid = {
        "old_password": PASSWORD,
        "new_password1": "Trafficking-prevention-2025",
        "new_password2": "Trafficking-prevention-2025",
    }
    post_form(
        client,
        "/accounts/password/change/",
        data.draw(form_bodies(fields, valid)),
        person=samples.partner,
        stores=labels(User),
    )


@fuzz_settings(EXAMPLES)
@given(data=st.data())
def test_password_reset_request(client, samples, data):
    # The link is mailed after commit; asking for one stores nothing.
    post_form(
        client,
        "/accounts/password/reset/",
        data.draw(form_bodies({"email": emails}, {"email": "partner@example.org"})),
    )


@fuzz_settings(EXAMPLES)
@given(data=st.data())
def test_password_reset_with_the_mailed_link(client, samples, data):
    link = f"/accounts/password/reset/{samples.reset_uid}/{samples.reset_token}/"
    fields = {"new_password1": passwords, "new_password2": passwords}
    valid = {
        "new_password1": "Trafficking-prevention-2025",
        "new_password2": "Trafficking-prevention-2025",
    }
    # The link puts the token in the session and moves on to the form's own address.
    post_form(
        client,
        f"/accounts/password/reset/{samples.reset_uid}/set-password/",
        data.draw(form_bodies(fields, valid)),
        stores=labels(User),
        before_post=lambda: client.get(link),
    )


@fuzz_settings(EXAMPLES)
@given(data=st.data())
def test_resend_confirmation(client, samples, data):
    post_form(
        client,
        "/accounts/confirm/resend/",
        data.draw(form_bodies({"email": emails}, {"email": "partner@example.org"})),
    )


@fuzz_settings(EXAMPLES)
@given(data=st.data(), signed_in=st.booleans())
def test_contact(client, samples, data, signed_in):
    fields = {
        "name": names,
        "email": emails,
        "topic": st.sampled_from(
            [choice for choice, _label in ContactMessage.Topic.choices] + ["other-topic"]
        ),
        "message": st.sampled_from(["Where is the 2024 report?", "   ", "M" * 5001]),
    }
    valid = {
        "name": "Ana Lima",
        "email": "ana@example.org",
        "topic": ContactMessage.Topic.GENERAL,
        "message": "Where is the 2024 report?",
    }
    post_form(
        client,
        "/contact/",
        data.draw(form_bodies(fields, valid)),
        person=samples.partner if signed_in else None,
        stores=labels(ContactMessage),
    )


@fuzz_settings(EXAMPLES // 2)
@given(data=st.data())
def test_language_choice(client, samples, data):
    fields = {
        "language": st.sampled_from(["en", "fr", "ar", "zh-hans", "xx", "EN"]),
        "next": st.sampled_from(["/", "/resources/?q=a", "//example.org/", "https://example.org/"]),
    }
    post_form(
        client, "/i18n/setlang/", data.draw(form_bodies(fields, {"language": "fr", "next": "/"}))
    )
