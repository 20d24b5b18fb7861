"""The contact form stores each message and mails it to the editors."""

import pytest
from django.core import mail
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.urls import reverse

from hub.forms import ContactForm
from hub.models import ContactMessage
from hub.services import contact_message_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MESSAGE = {
    "name": "Ana Lima",
    "email": "ana@example.org",
    "topic": "resource",
    "message": "The link to the 2020 Global Report is broken.",
}


@pytest.fixture(autouse=True)
def clean_cache(db):
    caches["limits"].clear()
    yield
    caches["limits"].clear()


@pytest.fixture
def editors():
    return [
        UserFactory(username="editor1", groups=["editor"]),
        UserFactory(username="editor2", groups=["editor"]),
    ]


def test_the_form_is_linked_from_every_page_and_labels_its_fields(client):
    assert 'href="/contact/"' in client.get(reverse("home")).content.decode()
    page = client.get(reverse("contact")).content.decode()
    for field in ("name", "email", "topic", "message"):
        assert f'<label for="id_{field}"' in page
    assert "<h1>Contact us</h1>" in page


def test_a_message_is_stored_and_mailed_to_the_editors(client, committed, editors):
    response = committed(client.post, reverse("contact"), MESSAGE, follow=True)
    assert response.status_code == 200
    assert "your message has been sent to the editors" in response.content.decode()

    stored = ContactMessage.objects.get()
    assert (stored.name, stored.email, stored.topic, stored.message, stored.user) == (
        "Ana Lima",
        "ana@example.org",
        "resource",
        MESSAGE["message"],
        None,
    )
    assert stored.created_at is not None

    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sorted(sent.to) == ["editor1@example.org", "editor2@example.org"]
    assert "Contact form: A resource: a correction or a suggestion" == sent.subject
    assert MESSAGE["message"] in sent.body
    assert "Ana Lima <ana@example.org>" in sent.body
    assert f"/admin/hub/contactmessage/{stored.pk}/change/" in sent.body


def test_an_editor_answering_the_mail_writes_to_the_sender(client, committed, editors):
    committed(client.post, reverse("contact"), MESSAGE)
    assert mail.outbox[0].reply_to == ["ana@example.org"]
    assert mail.outbox[0].message()["Reply-To"] == "ana@example.org"


def test_the_first_editor_created_as_a_superuser_gets_the_message(client, committed):
    UserFactory(username="founder", email="founder@example.org", is_superuser=True, is_staff=True)
    UserFactory(username="retired", email="retired@example.org", groups=["editor"], is_active=False)
    UserFactory(username="partner", email="partner@example.org")
    committed(client.post, reverse("contact"), MESSAGE)
    assert [sent.to for sent in mail.outbox] == [["founder@example.org"]]


def test_a_signed_in_sender_is_recorded_and_the_form_is_prefilled(client, committed, editors):
    user = UserFactory(name="Bea Costa")
    client.force_login(user)
    page = client.get(reverse("contact")).content.decode()
    assert 'value="Bea Costa"' in page and f'value="{user.email}"' in page
    committed(client.post, reverse("contact"), MESSAGE)
    assert ContactMessage.objects.get().user == user


def test_a_failing_mail_server_loses_no_message(client, committed, editors, settings):
    settings.EMAIL_BACKEND = "tests.review.broken_mail.BrokenBackend"
    response = committed(client.post, reverse("contact"), MESSAGE)
    assert response.status_code == 302
    assert ContactMessage.objects.count() == 1


@pytest.mark.parametrize(
    "changes",
    [
        {"name": " "},
        {"email": "not-an-address"},
        {"topic": "spam"},
        {"message": "   "},
        {"message": "x" * 5001},
        {"message": "nul\x00byte"},
    ],
)
def test_mistakes_are_shown_next_to_the_field_with_a_400(client, editors, changes):
    response = client.post(reverse("contact"), {**MESSAGE, **changes})
    assert response.status_code == 400
    page = response.content.decode()
    field = next(iter(changes))
    assert f'id="id_{field}_error"' in page
    assert f'aria-describedby="id_{field}_error"' in page or (
        f'aria-describedby="id_{field}_helptext id_{field}_error"' in page
    )
    assert not ContactMessage.objects.exists()
    assert mail.outbox == []


def test_only_get_and_post_are_answered(client):
    assert client.put(reverse("contact")).status_code == 405


def test_an_empty_form_says_what_is_missing(client):
    response = client.post(reverse("contact"), {})
    assert response.status_code == 400
    assert response.content.decode().count("This field is required.") == 4


def test_the_form_takes_its_fields_and_limits_from_the_stored_message(client, editors):
    assert ContactForm.declared_fields == {}
    page = client.get(reverse("contact")).content.decode()
    assert 'maxlength="5000"' in page and 'maxlength="200"' in page
    response = client.post(reverse("contact"), {**MESSAGE, "message": "x" * 5001})
    assert "Ensure this value has at most 5000 characters (it has 5001)." in (
        response.content.decode()
    )


@pytest.mark.parametrize(
    "changes",
    [
        {"message": "x" * 5001},
        {"name": "n" * 201},
        {"email": "not-an-address"},
        {"topic": "spam"},
        {"message": ""},
    ],
)
def test_the_service_refuses_what_the_form_would_and_stores_nothing(committed, editors, changes):
    with pytest.raises(ValidationError) as refused:
        committed(contact_message_create, **{**MESSAGE, **changes})
    assert set(refused.value.message_dict) == set(changes)
    assert not ContactMessage.objects.exists()
    assert mail.outbox == []
