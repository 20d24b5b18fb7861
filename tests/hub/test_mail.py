"""Mail reaches each person in their own language, after commit, with links that open the hub."""

import re

import pytest
from django.core import mail
from django.db import transaction
from django.urls import resolve
from django.utils import translation
from django.utils.translation import gettext_lazy

from accounts import services as account_services
from hub import services as hub_services
from hub.mail import queue_mail, site_link
from resources.models import Status
from review import services as review_services
from review import workflow
from review.models import RosterApplication
from tests.factories import ResourceFactory, ReviewerFactory, UserFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+")


def sent_to(address: str):
    return next(message for message in mail.outbox if address in message.to)


def test_a_person_who_reads_french_gets_their_mail_written_in_french(committed, editor):
    amina = UserFactory(username="amina", language="fr")
    draft = ResourceFactory(status=Status.DRAFT, submitted_by=amina, title="Guide de terrain")
    committed(workflow.transition, resource_id=draft.pk, name="submit", actor=amina)

    receipt = sent_to(amina.email)
    assert receipt.to == [amina.email]
    assert receipt.extra_headers["Content-Language"] == "fr"
    assert "Guide de terrain" in receipt.body
    # The language's name comes from Django's own catalogue, so it shows the language
    # the mail was rendered in.
    assert "Le Centre vous écrit en français." in receipt.body

    notice = sent_to(editor.email)
    assert notice.to == [editor.email]
    assert notice.extra_headers["Content-Language"] == "en"
    assert "The hub writes to you in English." in notice.body


def test_one_mail_goes_to_each_language_and_the_subject_is_translated_for_it(committed):
    french = [UserFactory(language="fr"), UserFactory(language="fr")]
    spanish = UserFactory(language="es")
    with translation.override("en"):
        committed(
            queue_mail,
            to=[*french, spanish, french[0]],
            subject=gettext_lazy("French"),
            template="email/new_submission.txt",
            context={"title": gettext_lazy("Spanish"), "link": site_link("review:queue")},
        )
    by_language = {message.extra_headers["Content-Language"]: message for message in mail.outbox}
    assert set(by_language) == {"fr", "es"}
    assert sorted(by_language["fr"].to) == sorted(person.email for person in french)
    assert by_language["fr"].subject == "français"
    assert "espagnol" in by_language["fr"].body
    assert by_language["es"].to == [spanish.email]
    assert by_language["es"].subject == "francés"
    assert "español" in by_language["es"].body


def test_a_plain_address_is_written_to_in_the_language_of_whoever_sent_it(committed):
    with translation.override("es"):
        committed(
            queue_mail,
            to=["visitor@example.org"],
            subject=gettext_lazy("French"),
            template="email/new_submission.txt",
            context={"title": "Un recurso", "link": site_link("review:queue")},
        )
    [message] = mail.outbox
    assert message.to == ["visitor@example.org"]
    assert (message.subject, message.extra_headers["Content-Language"]) == ("francés", "es")
    assert "El Centro le escribe" not in message.body, "no profile to change it on"


def test_a_change_that_rolls_back_mails_no_one(committed):
    person = UserFactory()

    def change_then_fail():
        with transaction.atomic():
            queue_mail(
                to=[person],
                subject="Never sent",
                template="email/new_submission.txt",
                context={"title": "x", "link": site_link("review:queue")},
            )
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        committed(change_then_fail)
    assert mail.outbox == []


def test_an_account_without_an_address_is_skipped(committed):
    committed(
        queue_mail,
        to=[UserFactory(email="")],
        subject="Nobody",
        template="email/new_submission.txt",
        context={"title": "x", "link": site_link("review:queue")},
    )
    assert mail.outbox == []


def test_links_are_absolute_addresses_on_the_hub(settings):
    settings.HUB_SITE_URL = "https://hub.example.org"
    assert site_link("review:item", kwargs={"pk": 7}) == "https://hub.example.org/review/items/7/"
    assert (
        site_link("accounts:login", query={"next": "/roster/apply/?a=1"})
        == "https://hub.example.org/accounts/login/?next=%2Froster%2Fapply%2F%3Fa%3D1"
    )


def test_every_link_in_the_hubs_mails_opens_a_page_of_the_hub(committed, editor, settings):
    """Send each kind of mail and follow every address it holds."""
    settings.HUB_SITE_URL = "https://hub.example.org"
    partner = UserFactory(username="amina")
    reviewer = ReviewerFactory(username="rev")
    applicant = UserFactory(username="applicant")

    committed(
        account_services.user_sign_up,
        name="Ana",
        email="ana@example.org",
        organization="NGO",
        password="Trafficking-prevention-2025",
        language="en",
        next_address="/roster/apply/",
    )
    committed(account_services.sign_up_attempt_notify, email=partner.email, next_address="/my/")
    committed(account_services.password_reset_send, user=partner, uidb64="MQ", token="abc-123")
    committed(
        hub_services.contact_message_create,
        name="Ana",
        email="ana@example.org",
        topic="general",
        message="Hello",
    )
    draft = ResourceFactory(status=Status.DRAFT, submitted_by=partner)
    committed(workflow.transition, resource_id=draft.pk, name="submit", actor=partner)
    assignment = committed(
        review_services.assignment_create, resource_id=draft.pk, reviewer=reviewer, actor=editor
    )
    committed(
        review_services.assignment_declare,
        assignment_id=assignment.pk,
        actor=reviewer,
        has_conflict=True,
        note="My former employer.",
    )
    application = RosterApplication.objects.create(applicant=applicant, is_un_affiliated=False)
    committed(
        review_services.roster_decide, application_id=application.pk, actor=editor, accept=True
    )
    committed(
        workflow.transition,
        resource_id=draft.pk,
        name="reject",
        actor=editor,
        message="Out of scope.",
    )

    links = [link for message in mail.outbox for link in LINK.findall(message.body)]
    opened = set()
    for link in links:
        assert link.startswith("https://hub.example.org/"), link
        opened.add(resolve(link.removeprefix("https://hub.example.org").split("?")[0]).view_name)
    assert opened == {
        "accounts:confirm",
        "accounts:login",
        "accounts:password_reset",
        "accounts:password_reset_confirm",
        "admin:hub_contactmessage_change",
        "submission:item",
        "review:queue",
        "review:assignment",
        "review:item",
    }
