"""/my/: a partner follows their own items, answers change requests, resubmits and withdraws."""

import re

import pytest
from django.core import mail

from resources.models import Resource, Status
from review import workflow
from review.models import HistoryEntry, Recommendation
from tests.factories import ResourceFactory, ReviewerFactory, UserFactory, review_by

from .submission_data import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner():
    return UserFactory(username="partner", name="Pat Partner")


@pytest.fixture
def editor():
    return UserFactory(username="editor", name="Edna Editor", groups=["editor"])


@pytest.fixture
def partner_client(client, partner):
    client.force_login(partner)
    return client


def submitted_item(partner, **kwargs) -> Resource:
    resource = ResourceFactory(status=Status.DRAFT, submitted_by=partner, **kwargs)
    workflow.transition(resource_id=resource.pk, name="submit", actor=partner)
    return resource


def reviewed(resource, editor, reviewers):
    for reviewer, comment in reviewers:
        review_by(
            reviewer,
            resource,
            editor,
            Recommendation.MINOR_CHANGES,
            comments_for_submitter=comment,
            confidential_comments=f"Confidential from {reviewer.username}",
        )


@pytest.fixture
def changes_requested(partner, editor):
    resource = submitted_item(partner, title="Recruitment fees and debt bondage")
    reviewers = [
        ReviewerFactory(username="rev-alpha", name="Alice Reviewer", un=True),
        ReviewerFactory(username="rev-beta", name="Bob Reviewer"),
    ]
    reviewed(
        resource,
        editor,
        [
            (reviewers[0], "Please add the 2023 figures."),
            (reviewers[1], "Cite the ILO convention."),
        ],
    )
    workflow.transition(
        resource_id=resource.pk,
        name="request_changes",
        actor=editor,
        message="Please update the statistics and resubmit.",
        note="Editor-only: the figures look outdated.",
    )
    return resource


# The list ------------------------------------------------------------------------------


def test_my_list_shows_only_my_items_with_their_status(partner_client, partner):
    mine = submitted_item(partner, title="My practice on labour inspection")
    draft = ResourceFactory(title="My unfinished draft", status=Status.DRAFT, submitted_by=partner)
    ResourceFactory(
        title="Someone else's report", status=Status.SUBMITTED, submitted_by=UserFactory()
    )
    ResourceFactory(title="A published report", status=Status.PUBLISHED)
    html = partner_client.get("/my/").content.decode()
    assert f'href="/my/{mine.pk}/"' in html and f'href="/my/{draft.pk}/"' in html
    assert "My practice on labour inspection" in html and "My unfinished draft" in html
    assert "Submitted" in html and "Draft" in html
    assert "Someone else" not in html and "A published report" not in html


def test_an_empty_list_says_so(partner_client):
    assert "You have not submitted anything yet." in partner_client.get("/my/").content.decode()


@pytest.mark.parametrize("suffix", ["", "edit/", "submit/", "withdraw/"])
def test_other_peoples_items_are_not_found(partner_client, suffix):
    theirs = ResourceFactory(status=Status.DRAFT, submitted_by=UserFactory())
    assert partner_client.get(f"/my/{theirs.pk}/{suffix}").status_code == 404
    assert (
        partner_client.post(f"/my/{theirs.pk}/{suffix}", form_data(action="submit")).status_code
        == 404
    )
    assert partner_client.get(f"/my/999999/{suffix}").status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Status.DRAFT


# The history ---------------------------------------------------------------------------


def test_history_shows_states_dates_and_editors_messages_but_never_who_reviewed(
    partner_client, changes_requested
):
    response = partner_client.get(f"/my/{changes_requested.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Changes requested" in html
    assert "Please update the statistics and resubmit." in html
    arrow = ' <span class="step-arrow">→</span> '
    assert f"Draft{arrow}Submitted" in html and f"In review{arrow}Changes requested" in html
    assert "The editors" in html and "You" in html
    assert "Reviewer 1" in html and "Please add the 2023 figures." in html
    assert "Reviewer 2" in html and "Cite the ILO convention." in html
    for secret in (
        "rev-alpha",
        "rev-beta",
        "Alice Reviewer",
        "Bob Reviewer",
        "Edna Editor",
        "editor@",
        "Editor-only",
        "Confidential from",
        "Assigned ",
    ):
        assert secret not in html, secret
    assert f'href="/my/{changes_requested.pk}/edit/"' in html
    assert f'href="/my/{changes_requested.pk}/withdraw/"' in html


def test_reviewer_comments_wait_for_the_editors_decision(partner_client, partner, editor):
    resource = submitted_item(partner)
    reviewed(resource, editor, [(ReviewerFactory(un=True), "An early comment.")])
    html = partner_client.get(f"/my/{resource.pk}/").content.decode()
    assert "In review" in html
    assert "An early comment." not in html and "Reviewer 1" not in html


# Edit and resubmit ---------------------------------------------------------------------


def test_the_edit_form_is_filled_with_the_stored_item(partner_client, partner):
    partner_client.post("/submit/?kind=practice", form_data("practice", action="draft"))
    resource = Resource.objects.get()
    html = partner_client.get(f"/my/{resource.pk}/edit/").content.decode()
    assert 'value="Forced criminality in online scam centres"' in html
    assert re.search(r'name="countries" value="KHM"[^>]*checked', html)
    assert re.search(r'name="objectives" value="6"[^>]*checked', html)
    assert re.search(r'name="sdgs" value="16"[^>]*checked', html)
    assert 'value="Ministry of Labour"' in html
    assert 'value="2021-01-01"' in html
    assert "forced criminality, online recruitment" in html


def test_edit_and_resubmit_after_changes_were_requested(
    partner_client, partner, editor, changes_requested, committed
):
    mail.outbox.clear()
    response = committed(
        partner_client.post,
        f"/my/{changes_requested.pk}/edit/",
        form_data(
            title="Recruitment fees and debt bondage (2024 update)",
            url="https://example.org/fees-2024",
            action="submit",
        ),
    )
    assert response.status_code == 302
    changes_requested.refresh_from_db()
    assert changes_requested.status == Status.RESUBMITTED
    assert changes_requested.title == "Recruitment fees and debt bondage (2024 update)"
    assert {address for message in mail.outbox for address in message.to} == {
        partner.email,
        editor.email,
    }
    last = HistoryEntry.objects.filter(resource=changes_requested).last()
    assert (last.action, last.to_status) == ("resubmit", Status.RESUBMITTED)
    html = partner_client.get(f"/my/{changes_requested.pk}/").content.decode()
    assert 'Changes requested <span class="step-arrow">→</span> Resubmitted' in html
    assert f"/my/{changes_requested.pk}/edit/" not in html


def test_saving_changes_without_resubmitting_keeps_the_state(partner_client, changes_requested):
    response = partner_client.post(
        f"/my/{changes_requested.pk}/edit/",
        form_data(title="Work in progress", action="draft", url="https://example.org/wip"),
        follow=True,
    )
    changes_requested.refresh_from_db()
    assert changes_requested.status == Status.CHANGES_REQUESTED
    assert changes_requested.title == "Work in progress"
    html = response.content.decode()
    assert (
        "Your changes are saved. The item still waits for you to resubmit it: choose "
        "“Resubmit for review” when it is ready."
    ) in html
    assert "Saved as a draft" not in html
    assert f'href="/my/{changes_requested.pk}/submit/">Resubmit for review</a>' in html


def test_an_invalid_edit_changes_nothing(partner_client, changes_requested):
    response = partner_client.post(
        f"/my/{changes_requested.pk}/edit/", form_data(title="", objectives=[])
    )
    assert response.status_code == 400
    changes_requested.refresh_from_db()
    assert changes_requested.title == "Recruitment fees and debt bondage"
    assert changes_requested.objectives.exists()


@pytest.mark.parametrize(
    "status", [Status.SUBMITTED, Status.IN_REVIEW, Status.PUBLISHED, Status.WITHDRAWN]
)
def test_items_with_the_editors_cannot_be_edited(partner_client, partner, status):
    resource = ResourceFactory(status=status, submitted_by=partner, title="Fixed title")
    assert partner_client.get(f"/my/{resource.pk}/edit/").status_code == 409
    response = partner_client.post(f"/my/{resource.pk}/edit/", form_data(title="Changed"))
    assert response.status_code == 409
    assert "Nothing was changed." in response.content.decode()
    resource.refresh_from_db()
    assert resource.title == "Fixed title"
    assert partner_client.post(f"/my/{resource.pk}/submit/").status_code == 409


# Withdraw ------------------------------------------------------------------------------


def test_withdrawing_asks_for_confirmation_first(partner_client, partner):
    resource = submitted_item(partner)
    response = partner_client.get(f"/my/{resource.pk}/withdraw/")
    assert response.status_code == 200
    assert "Withdraw this item?" in response.content.decode()
    resource.refresh_from_db()
    assert resource.status == Status.SUBMITTED

    response = partner_client.post(f"/my/{resource.pk}/withdraw/")
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.status == Status.WITHDRAWN
    entry = HistoryEntry.objects.filter(resource=resource).last()
    assert (entry.action, entry.actor) == ("withdraw", partner)
    html = partner_client.get(f"/my/{resource.pk}/").content.decode()
    assert "Withdrawn" in html and "/withdraw/" not in html


def test_a_published_item_cannot_be_withdrawn_by_its_submitter(partner_client, partner):
    resource = ResourceFactory(status=Status.PUBLISHED, submitted_by=partner)
    response = partner_client.post(f"/my/{resource.pk}/withdraw/")
    assert response.status_code == 409
    assert "can no longer be withdrawn" in response.content.decode()
    resource.refresh_from_db()
    assert resource.status == Status.PUBLISHED


def test_a_draft_can_be_withdrawn(partner_client, partner):
    resource = ResourceFactory(status=Status.DRAFT, submitted_by=partner)
    partner_client.post(f"/my/{resource.pk}/withdraw/")
    resource.refresh_from_db()
    assert resource.status == Status.WITHDRAWN


@pytest.mark.parametrize(
    "path",
    [
        "/my/99999999999999999999999/",
        "/my/99999999999999999999999/edit/",
        "/my/99999999999999999999999/submit/",
        "/my/99999999999999999999999/withdraw/",
        "/files/99999999999999999999999/",
    ],
)
def test_numbers_beyond_any_item_are_not_found(partner_client, path):
    assert partner_client.get(path).status_code == 404
    assert partner_client.post(path).status_code in (404, 405)
