"""Check the peer review roster: applying, and editors accepting or declining applications."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.roles import is_reviewer
from accounts.services import account_delete
from resources.models import Status
from review import services, workflow
from review.models import (
    Assignment,
    HistoryEntry,
    Recommendation,
    ReviewerProfile,
    RosterApplication,
    RosterEntry,
    RosterStep,
)
from review.panel import panel_status
from review.workflow import NotAllowed, WorkflowError
from tests.factories import (
    SCORES,
    ResourceFactory,
    ReviewerFactory,
    RosterApplicationFactory,
    UserFactory,
    review_by,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant():
    return UserFactory(username="applicant")


def application_data(**changes) -> dict:
    data = {
        "objectives": ["10", "6"],
        "regions": ["africa"],
        "un_languages": ["en", "fr"],
        "other_languages": ["sw"],
        "is_un_affiliated": "un",
        "years_of_experience": "12",
        "publications": "Labour migration in West Africa (2021)",
        "statement": "I have evaluated counter-trafficking programmes for ten years.",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def text(response) -> str:
    return response.content.decode()


def field_error(response, field: str) -> str:
    match = re.search(
        rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', text(response), re.S
    )
    return match.group(1) if match else ""


def test_the_form_lists_the_un_languages_first_then_the_others(client, applicant):
    client.force_login(applicant)
    page = text(client.get("/roster/apply/"))
    un_languages = page[page.index('id="id_un_languages"') : page.index('id="id_other_languages"')]
    assert re.findall(r'name="un_languages" value="(\w+)"', un_languages) == [
        "ar",
        "zh",
        "en",
        "fr",
        "ru",
        "es",
    ]
    assert '<select name="other_languages"' in page
    assert 'value="sw"' in page
    assert "<legend>GCM objectives you know well</legend>" in page
    assert "<legend>Affiliation</legend>" in page


def test_applying_files_the_application_and_tells_the_editors(client, applicant, editor, committed):
    client.force_login(applicant)
    response = committed(client.post, "/roster/apply/", application_data())
    assert response.status_code == 302
    application = RosterApplication.objects.get(applicant=applicant)
    assert application.state == RosterApplication.State.PENDING
    assert application.is_un_affiliated
    assert application.years_of_experience == 12
    assert sorted(application.objectives.values_list("code", flat=True)) == ["10", "6"]
    assert list(application.regions.values_list("slug", flat=True)) == ["africa"]
    assert sorted(application.languages.values_list("code", flat=True)) == ["en", "fr", "sw"]
    assert [message.to for message in mail.outbox] == [[editor.email]]
    assert "Applicant" in mail.outbox[0].body
    assert "/review/roster/" in mail.outbox[0].body

    page = text(client.get("/roster/apply/"))
    assert "is waiting for the editors' decision" in page
    response = client.post("/roster/apply/", application_data())
    assert response.status_code == 409
    assert "You already have an application waiting" in text(response)
    assert RosterApplication.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"objectives": None}, "objectives", "Choose at least one objective."),
        ({"objectives": ["99"]}, "objectives", "Choose objectives from the list."),
        (
            {"un_languages": None, "other_languages": None},
            "un_languages",
            "Choose at least one language",
        ),
        ({"is_un_affiliated": None}, "is_un_affiliated", "Say whether you work for"),
        ({"years_of_experience": "-1"}, "years_of_experience", "cannot be negative"),
        ({"years_of_experience": "many"}, "years_of_experience", "Give a whole number of years."),
        ({"statement": "   "}, "statement", "Please write a short statement."),
        ({"statement": "x" * 5001}, "statement", "at most 5000 characters"),
    ],
)
def test_invalid_applications_are_explained_next_to_the_field(
    client, applicant, changes, field, message
):
    client.force_login(applicant)
    response = client.post("/roster/apply/", application_data(**changes))
    assert response.status_code == 400
    assert message in field_error(response, field)
    assert not RosterApplication.objects.exists()


def apply(client, applicant, committed, **changes):
    client.force_login(applicant)
    committed(client.post, "/roster/apply/", application_data(**changes))
    return RosterApplication.objects.get(applicant=applicant)


def test_editors_see_applications_and_accepting_makes_a_reviewer(
    client, applicant, editor, committed
):
    application = apply(client, applicant, committed)
    client.force_login(editor)
    page = text(client.get("/review/roster/"))
    assert "1 application waiting for a decision" in page
    assert "I have evaluated counter-trafficking programmes" in page
    assert f'name="application-{application.pk}-decision" value="accept"' in page

    mail.outbox.clear()
    response = committed(
        client.post,
        f"/review/roster/{application.pk}/decide/",
        {
            f"application-{application.pk}-decision": "accept",
            f"application-{application.pk}-message": "Welcome aboard.",
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.state, application.decided_by) == (RosterApplication.State.ACCEPTED, editor)
    profile = ReviewerProfile.objects.get(user=applicant)
    assert profile.is_un_affiliated and profile.years_of_experience == 12
    assert sorted(profile.objectives.values_list("code", flat=True)) == ["10", "6"]
    assert sorted(profile.languages.values_list("code", flat=True)) == ["en", "fr", "sw"]
    applicant.refresh_from_db()
    assert is_reviewer(applicant)
    assert [message.to for message in mail.outbox] == [[applicant.email]]
    assert "Welcome to the peer review roster" in mail.outbox[0].body
    assert "Welcome aboard." in mail.outbox[0].body

    client.force_login(applicant)
    assert client.get("/review/").status_code == 200
    assert "You are on the peer review roster." in text(client.get("/roster/apply/"))
    response = client.post("/roster/apply/", application_data())
    assert response.status_code == 409


def test_declining_tells_the_applicant_and_grants_nothing(client, applicant, editor, committed):
    application = apply(client, applicant, committed)
    client.force_login(editor)
    mail.outbox.clear()
    response = committed(
        client.post,
        f"/review/roster/{application.pk}/decide/",
        {
            f"application-{application.pk}-decision": "decline",
            f"application-{application.pk}-message": "We need more field experience.",
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == RosterApplication.State.DECLINED
    assert not ReviewerProfile.objects.filter(user=applicant).exists()
    assert [message.to for message in mail.outbox] == [[applicant.email]]
    assert "not able to add you" in mail.outbox[0].body
    assert "We need more field experience." in mail.outbox[0].body
    page = text(client.get("/review/roster/"))
    assert "No application is waiting." in page
    assert "We need more field experience." in page

    client.force_login(applicant)
    assert client.get("/review/").status_code == 403


def test_an_application_is_decided_only_once_and_with_a_valid_choice(
    client, applicant, editor, committed
):
    application = apply(client, applicant, committed)
    client.force_login(editor)
    prefix = f"application-{application.pk}"
    response = client.post(
        f"/review/roster/{application.pk}/decide/", {f"{prefix}-decision": "promote"}
    )
    assert response.status_code == 400
    assert "Choose to accept or decline." in text(response)
    client.post(f"/review/roster/{application.pk}/decide/", {f"{prefix}-decision": "decline"})
    response = client.post(
        f"/review/roster/{application.pk}/decide/", {f"{prefix}-decision": "accept"}
    )
    assert response.status_code == 409
    assert "already been decided" in text(response)
    application.refresh_from_db()
    assert application.state == RosterApplication.State.DECLINED
    assert not ReviewerProfile.objects.exists()


def test_a_declined_applicant_may_apply_again(client, applicant, editor, committed):
    application = apply(client, applicant, committed)
    client.force_login(editor)
    client.post(
        f"/review/roster/{application.pk}/decide/",
        {f"application-{application.pk}-decision": "decline"},
    )
    client.force_login(applicant)
    response = client.post("/roster/apply/", application_data())
    assert response.status_code == 302
    assert RosterApplication.objects.filter(applicant=applicant).count() == 2


# Who may join, and who may act on assignments


def unconfirmed(**fields):
    person = UserFactory(email_confirmed=False, **fields)
    person.groups.clear()
    return person


def submitted_item(title="Item under review"):
    partner = UserFactory(affiliation="Submitting Org")
    item = ResourceFactory(status=Status.DRAFT, submitted_by=partner, title=title)
    workflow.transition(resource_id=item.pk, name="submit", actor=partner)
    return item


def test_applying_needs_a_confirmed_email_address(client):
    person = unconfirmed(username="newcomer")
    client.force_login(person)
    page = text(client.get("/roster/apply/"))
    assert "Please confirm your email address first" in page
    assert f'action="{reverse("accounts:resend_confirmation")}"' in page
    assert "Send my application" not in page
    response = client.post("/roster/apply/", application_data())
    assert response.status_code == 403
    assert "confirm your email address" in text(response)
    assert not RosterApplication.objects.exists()


def test_an_unconfirmed_account_is_neither_accepted_nor_offered_nor_assigned(client, editor):
    person = unconfirmed(username="old-applicant")
    application = RosterApplicationFactory(applicant=person, is_un_affiliated=True)
    client.force_login(editor)
    response = client.post(
        f"/review/roster/{application.pk}/decide/",
        {f"application-{application.pk}-decision": "accept"},
    )
    assert response.status_code == 409
    assert "has not confirmed their email address" in text(response)
    application.refresh_from_db()
    assert application.state == RosterApplication.State.PENDING
    assert not ReviewerProfile.objects.filter(user=person).exists()

    reviewer = ReviewerFactory(username="unchecked", email_confirmed=False, un=True)
    item = submitted_item()
    page = text(client.get(f"/review/items/{item.pk}/"))
    assert f'value="{reviewer.pk}"' not in page
    with pytest.raises(WorkflowError, match="not on the reviewer roster"):
        services.assignment_create(resource_id=item.pk, reviewer=reviewer, actor=editor)


def test_the_roster_page_shows_the_email_domain_and_its_confirmation_never_the_address(
    client, editor, committed
):
    applicant = UserFactory(username="ana", email="ana.lima@harbour.example")
    apply(client, applicant, committed)
    ReviewerFactory(username="bo", email="bo@unhcr.example", email_confirmed=False)
    client.force_login(editor)
    page = text(client.get("/review/roster/"))
    assert "an address at harbour.example (confirmed)" in page
    assert "an address at unhcr.example (not confirmed)" in page
    assert "ana.lima@harbour.example" not in page
    assert "bo@unhcr.example" not in page


def test_a_claimed_un_affiliation_counts_only_once_an_editor_confirms_it(
    client, applicant, editor, committed
):
    application = apply(client, applicant, committed)
    client.force_login(editor)
    client.post(
        f"/review/roster/{application.pk}/decide/",
        {f"application-{application.pk}-decision": "accept"},
    )
    profile = ReviewerProfile.objects.get(user=applicant)
    assert profile.is_un_affiliated and not profile.is_confirmed_un

    item = submitted_item()
    for reviewer in (applicant, ReviewerFactory(), ReviewerFactory()):
        review_by(reviewer, item, editor)
    assert (panel_status(item).reviewed_un, panel_status(item).reviewed_non_un) == (0, 3)
    decide = f"/review/items/{item.pk}/decide/"
    response = client.post(decide, {"action": "publish", "message": "Thank you."})
    assert response.status_code == 409
    assert "UN (unverified): counts as non-UN" in text(client.get(f"/review/items/{item.pk}/"))

    page = text(client.get("/review/roster/"))
    assert "UN (unverified): counts as non-UN" in page
    response = client.post(f"/review/roster/members/{profile.pk}/confirm-un/")
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.is_confirmed_un and profile.un_confirmed_by == editor
    assert panel_status(item).reviewed_un == 1
    assert client.post(decide, {"action": "publish", "message": "Thank you."}).status_code == 302


def test_only_editors_confirm_a_un_affiliation(client):
    reviewer = ReviewerFactory(un=True, un__confirmed=False)
    client.force_login(reviewer)
    profile = reviewer.reviewer_profile
    assert client.post(f"/review/roster/members/{profile.pk}/confirm-un/").status_code == 403
    profile.refresh_from_db()
    assert not profile.is_confirmed_un


def test_taking_a_reviewer_off_the_roster_withdraws_their_unfinished_assignments(
    client, editor, committed
):
    leaving = ReviewerFactory(username="leaving", un=True)
    finished = submitted_item("Finished item")
    pending = submitted_item("Pending item")
    done = review_by(leaving, finished, editor).assignment
    waiting = services.assignment_create(resource_id=pending.pk, reviewer=leaving, actor=editor)
    client.force_login(editor)
    mail.outbox.clear()
    response = committed(
        client.post, f"/review/roster/members/{leaving.reviewer_profile.pk}/remove/"
    )
    assert response.status_code == 302

    waiting.refresh_from_db()
    done.refresh_from_db()
    assert waiting.state == Assignment.State.REMOVED
    assert done.state == Assignment.State.COMPLETED
    assert panel_status(finished).reviewed_un == 1
    entry = HistoryEntry.objects.get(resource=pending, action="unassign")
    assert "taken off the roster" in entry.note
    assert [message.to for message in mail.outbox] == [[editor.email]]
    assert "Pending item" in mail.outbox[0].body
    assert "Finished item" not in mail.outbox[0].body
    members = text(client.get("/review/roster/")).split('id="members-heading"')[1]
    assert "Leaving" not in members.split('id="decided-heading"')[0]

    client.force_login(leaving)
    for url in (
        f"/review/assignments/{done.pk}/",
        f"/review/assignments/{waiting.pk}/",
        "/review/",
    ):
        assert client.get(url).status_code == 403
    assert "Review queue" not in text(client.get("/"))


def test_a_reviewer_off_the_roster_cannot_declare_or_review(client, editor):
    reviewer = ReviewerFactory(username="former")
    item = submitted_item()
    assignment = services.assignment_create(resource_id=item.pk, reviewer=reviewer, actor=editor)
    reviewer.groups.clear()
    reviewer = type(reviewer).objects.get(pk=reviewer.pk)
    client.force_login(reviewer)
    response = client.post(f"/review/assignments/{assignment.pk}/declare/", {"has_conflict": "no"})
    assert response.status_code == 403
    with pytest.raises(NotAllowed):
        services.assignment_declare(assignment_id=assignment.pk, actor=reviewer, has_conflict=False)
    assignment.refresh_from_db()
    assert assignment.state == Assignment.State.AWAITING_DECLARATION

    Assignment.objects.filter(pk=assignment.pk).update(state=Assignment.State.REVIEWING)
    with pytest.raises(NotAllowed):
        services.review_submit(
            assignment_id=assignment.pk,
            actor=reviewer,
            scores=SCORES,
            recommendation=Recommendation.ACCEPT,
        )
    assert not hasattr(Assignment.objects.get(pk=assignment.pk), "review")


def test_a_visitor_is_told_applying_needs_an_account_and_can_sign_in_or_up_and_come_back(
    client, applicant
):
    response = client.get("/roster/apply/")
    assert response.status_code == 200
    page = text(response)
    assert "You need an account to apply" in page
    assert 'href="/accounts/login/?next=%2Froster%2Fapply%2F">Sign in to apply</a>' in page
    assert 'href="/accounts/signup/?next=%2Froster%2Fapply%2F">Create an account</a>' in page
    assert "Send my application" not in page

    response = client.post(
        "/accounts/login/?next=%2Froster%2Fapply%2F",
        {"username": "applicant", "password": "a-long-test-password", "next": "/roster/apply/"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/roster/apply/"
    assert "Send my application" in text(response)


# The roster's history: every application, decision and change to a member is recorded.


def roster_history(page: str) -> str:
    return page.split('id="roster-history-heading"')[1]


def test_the_roster_page_shows_each_step_of_the_roster_with_who_took_it(
    client, applicant, editor, committed
):
    application = apply(client, applicant, committed)
    client.force_login(editor)
    client.post(
        reverse("review:roster_decide", args=[application.pk]),
        {
            f"application-{application.pk}-decision": "accept",
            f"application-{application.pk}-message": "Welcome aboard.",
        },
    )
    profile = ReviewerProfile.objects.get(user=applicant)
    client.post(reverse("review:roster_confirm_un", args=[profile.pk]))
    client.post(reverse("review:roster_remove", args=[profile.pk]))
    assert list(
        RosterEntry.objects.order_by("created_at", "pk").values_list("action", "actor", "note")
    ) == [
        (RosterStep.APPLIED, applicant.pk, ""),
        (RosterStep.ACCEPTED, editor.pk, "Welcome aboard."),
        (RosterStep.UN_CONFIRMED, editor.pk, ""),
        (RosterStep.REMOVED, editor.pk, ""),
    ]
    history = roster_history(text(client.get(reverse("review:roster"))))
    rows = re.findall(r"<tr>(.*?)</tr>", history, re.S)[1:]  # newest first, after the header
    steps = ["Taken off the roster", "UN affiliation confirmed", "Application accepted"]
    assert [step in row for step, row in zip(steps, rows, strict=False)] == [True] * 3
    assert "Applied to the roster" in rows[3] and str(applicant) in rows[3]
    assert "Welcome aboard." in rows[2] and str(editor) in rows[2]


def test_a_declined_application_is_recorded_and_a_refused_decision_is_not(
    client, applicant, editor, committed
):
    application = apply(client, applicant, committed)
    client.force_login(editor)
    decide = reverse("review:roster_decide", args=[application.pk])
    client.post(decide, {f"application-{application.pk}-decision": "decline"})
    response = client.post(decide, {f"application-{application.pk}-decision": "accept"})
    assert response.status_code == 409
    assert list(RosterEntry.objects.values_list("action", flat=True)) == [
        RosterStep.DECLINED,
        RosterStep.APPLIED,
    ]
    assert "Application declined" in roster_history(text(client.get(reverse("review:roster"))))


def test_an_applicants_roster_history_goes_with_their_account(client, applicant, committed):
    apply(client, applicant, committed)
    account_delete(user=applicant)
    assert not RosterEntry.objects.exists()
