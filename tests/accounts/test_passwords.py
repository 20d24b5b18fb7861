"""Every password a person chooses is checked: long enough, not common, not like their name."""

import pytest
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()
# In Django's list of 20,000 common passwords, yet twelve characters and not all digits, so
# only the common-password check can refuse it.
COMMON_BUT_LONG = "Qwerty123456"


def test_all_four_checks_are_configured():
    names = {
        type(validator).__name__
        for validator in password_validation.get_default_password_validators()
    }
    assert names == {
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    }


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        (COMMON_BUT_LONG, "This password is too common."),
        ("Short-pass1", "at least 12 characters"),
        ("839201746353984", "This password is entirely numeric."),
        ("ana.lima.example", "too similar to the"),
    ],
)
def test_each_check_refuses_its_kind_of_password(password, problem):
    person = User(username="ana.lima", email="ana.lima@example.org", name="Ana Lima")
    with pytest.raises(ValidationError) as refused:
        password_validation.validate_password(password, user=person)
    assert any(problem in message for message in refused.value.messages)


def test_a_common_password_is_refused_at_sign_up(client, signup_data):
    response = client.post(
        reverse("accounts:signup"),
        {**signup_data, "password1": COMMON_BUT_LONG, "password2": COMMON_BUT_LONG},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "This password is too common." in html
    assert "too short" not in html
    assert not User.objects.exists()


def test_a_common_password_is_refused_when_changing_it(client):
    ana = UserFactory(username="ana")
    client.force_login(ana)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "a-long-test-password",
            "new_password1": COMMON_BUT_LONG,
            "new_password2": COMMON_BUT_LONG,
        },
    )
    assert response.status_code == 400
    assert "This password is too common." in response.content.decode()
    ana.refresh_from_db()
    assert ana.check_password("a-long-test-password")


def test_a_long_uncommon_passphrase_is_accepted(client, signup_data):
    response = client.post(
        reverse("accounts:signup"),
        {**signup_data, "password1": "Migration-routes-1996", "password2": "Migration-routes-1996"},
    )
    assert response.status_code == 302
