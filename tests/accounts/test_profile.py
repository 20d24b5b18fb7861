"""The profile page: what a person sees about their account and what they can change."""

import re

import pytest
from django.urls import reverse

from taxonomy.models import Organization
from tests.factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_profile_needs_sign_in(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_profile_shows_name_email_organization_and_roles(client):
    iom = OrganizationFactory(name="International Organization for Migration", acronym="IOM")
    user = UserFactory(name="Ana Lima", organization=iom, groups=["partner", "reviewer"])
    client.force_login(user)
    page = client.get(reverse("accounts:profile")).content.decode()
    for text in (
        "Ana Lima",
        user.email,
        "International Organization for Migration",
        "Partner: submits resources",
        "Peer reviewer",
        "(confirmed)",
    ):
        assert text in page
    assert "Editor" not in page
    assert reverse("accounts:password_change") in page


def test_name_and_organization_can_be_changed(client):
    iom = OrganizationFactory(name="International Organization for Migration", acronym="IOM")
    user = UserFactory(name="Ana")
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"), {"name": "  Ana   Lima ", "organization": "iom"}, follow=True
    )
    assert "Your profile has been saved." in response.content.decode()
    user.refresh_from_db()
    assert (user.name, user.organization) == ("Ana Lima", iom)

    organizations = Organization.objects.count()
    response = client.post(
        reverse("accounts:profile"), {"name": "Ana Lima", "organization": "New NGO"}, follow=True
    )
    user.refresh_from_db()
    assert (user.affiliation, user.organization) == ("New NGO", None)
    assert Organization.objects.count() == organizations
    page = response.content.decode()
    assert "<dd>New NGO</dd>" in page
    assert 'value="New NGO"' in page


def test_a_profile_edit_with_mistakes_is_a_400_and_changes_nothing(client):
    user = UserFactory(name="Ana")
    client.force_login(user)
    response = client.post(reverse("accounts:profile"), {"name": "", "organization": "x"})
    assert response.status_code == 400
    assert 'id="id_name_error"' in response.content.decode()
    user.refresh_from_db()
    assert user.name == "Ana"


def test_email_cannot_be_changed_through_the_profile(client):
    user = UserFactory(email="ana@example.org")
    client.force_login(user)
    client.post(
        reverse("accounts:profile"),
        {"name": "Ana", "organization": "X", "email": "evil@example.org"},
    )
    user.refresh_from_db()
    assert user.email == "ana@example.org"


def chosen_language(page: str) -> str:
    [code] = re.findall(r'<option value="([^"]+)" selected', page)
    return code


def test_the_language_of_the_hubs_emails_can_be_changed(client):
    user = UserFactory(name="Ana", affiliation="IOM", language="en")
    client.force_login(user)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert '<label for="id_language">' in page
    assert '<option value="fr" lang="fr">français</option>' in page
    assert chosen_language(page) == "en"

    response = client.post(
        reverse("accounts:profile"),
        {"name": "Ana", "organization": "IOM", "language": "fr"},
        follow=True,
    )
    assert "Your profile has been saved." in response.content.decode()
    assert chosen_language(response.content.decode()) == "fr"
    user.refresh_from_db()
    assert user.language == "fr"


def test_a_profile_form_without_a_language_keeps_the_saved_one(client):
    user = UserFactory(name="Ana", language="ru")
    client.force_login(user)
    client.post(reverse("accounts:profile"), {"name": "Ana Lima", "organization": "IOM"})
    user.refresh_from_db()
    assert (user.name, user.language) == ("Ana Lima", "ru")


def test_a_language_the_hub_does_not_offer_is_refused_with_a_400(client):
    user = UserFactory(name="Ana", language="en")
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"), {"name": "Ana", "organization": "IOM", "language": "xx"}
    )
    assert response.status_code == 400
    assert 'id="id_language_error"' in response.content.decode()
    user.refresh_from_db()
    assert user.language == "en"


def test_a_form_with_mistakes_shows_the_saved_details_beside_it(client):
    user = UserFactory(name="Ana", affiliation="IOM")
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"), {"name": "x" * 201, "organization": "New NGO"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "<dd>Ana</dd>" in page and "<dd>IOM</dd>" in page
