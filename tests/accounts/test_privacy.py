"""No account page shows anyone's email address but the visitor's own."""

import pytest
from django.urls import reverse

from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

SECRET = "someone-else@example.org"

PAGES = [
    "accounts:signup",
    "accounts:signup_done",
    "accounts:login",
    "accounts:logout",
    "accounts:profile",
    "accounts:password_change",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_complete",
    "accounts:resend_confirmation",
]


@pytest.fixture
def others():
    shared = OrganizationFactory(name="Shared NGO")
    UserFactory(
        username="someone", email=SECRET, organization=shared, groups=["editor", "reviewer"]
    )
    return shared


@pytest.mark.parametrize("signed_in", [False, True])
def test_account_pages_never_show_other_peoples_addresses(client, others, signed_in):
    if signed_in:
        client.force_login(UserFactory(organization=others))
    for name in PAGES:
        response = client.get(reverse(name), follow=True)
        assert response.status_code == 200, name
        assert SECRET not in response.content.decode(), name
    contact = client.get(reverse("contact")).content.decode()
    assert SECRET not in contact


def test_error_pages_never_show_other_peoples_addresses(client, others, settings):
    settings.HUB_RATE_LIMITS = {**settings.HUB_RATE_LIMITS, "contact": "1/h"}
    pages = [
        client.get(reverse("accounts:confirm", args=["1:bad:token"])),
        client.post(reverse("accounts:signup"), {"email": "not-an-address"}),
        client.post(reverse("contact"), {}),
        client.post(reverse("contact"), {}),
    ]
    assert [page.status_code for page in pages] == [400, 400, 400, 429]
    for page in pages:
        assert SECRET not in page.content.decode()
