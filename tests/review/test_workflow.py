"""The workflow: who may change an item's status, from which state, and what is recorded."""

import dataclasses
import threading

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse

from accounts.roles import is_item_editor, is_item_submitter
from resources.models import Resource, Status
from review import services, workflow
from review.models import Assignment, HistoryEntry, Recommendation, ReviewerProfile
from review.workflow import NotAllowed, WorkflowError
from tests.factories import (
    SCORES,
    ResourceFactory,
    ReviewerFactory,
    UserFactory,
    full_panel,
    review_by,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(partner):
    return ResourceFactory(status=Status.DRAFT, submitted_by=partner)


def test_owner_submits_and_history_records_it(submission, partner):
    workflow.transition(resource_id=submission.pk, name="submit", actor=partner)
    submission.refresh_from_db()
    assert submission.status == Status.SUBMITTED
    entry = HistoryEntry.objects.get(resource=submission)
    assert (entry.actor, entry.from_status, entry.to_status) == (
        partner,
        Status.DRAFT,
        Status.SUBMITTED,
    )


def test_submission_mails_the_submitter_and_the_editors(submission, partner, editor, committed):
    committed(workflow.transition, resource_id=submission.pk, name="submit", actor=partner)
    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == {partner.email, editor.email}
    assert submission.title in mail.outbox[0].body


def test_submission_mails_link_to_the_item_and_the_queue_at_the_hubs_address(
    submission, partner, editor, committed, settings
):
    settings.HUB_SITE_URL = "http://127.0.0.1:8310"
    committed(workflow.transition, resource_id=submission.pk, name="submit", actor=partner)
    to_partner = next(message for message in mail.outbox if message.to == [partner.email])
    to_editor = next(message for message in mail.outbox if message.to == [editor.email])
    assert f"http://127.0.0.1:8310{reverse('submission:item', args=[submission.pk])}" in (
        to_partner.body
    )
    assert f"http://127.0.0.1:8310{reverse('review:queue')}" in to_editor.body


def test_another_partner_cannot_submit_someone_elses_item(submission):
    with pytest.raises(NotAllowed):
        workflow.transition(resource_id=submission.pk, name="submit", actor=UserFactory())
    submission.refresh_from_db()
    assert submission.status == Status.DRAFT
    assert not HistoryEntry.objects.exists()


def test_assigning_reviewers_starts_the_review(submission, partner, editor, committed):
    workflow.transition(resource_id=submission.pk, name="submit", actor=partner)
    reviewer = ReviewerFactory()
    committed(
        services.assignment_create, resource_id=submission.pk, reviewer=reviewer, actor=editor
    )
    submission.refresh_from_db()
    assert submission.status == Status.IN_REVIEW
    assert any(reviewer.email in message.to for message in mail.outbox)


def test_publish_needs_a_complete_panel(submission, partner, editor):
    workflow.transition(resource_id=submission.pk, name="submit", actor=partner)
    review_by(ReviewerFactory(), submission, editor)
    with pytest.raises(WorkflowError) as error:
        workflow.transition(resource_id=submission.pk, name="publish", actor=editor)
    assert error.value.code == "panel_incomplete"
    review_by(ReviewerFactory(), submission, editor)
    review_by(ReviewerFactory(un=True), submission, editor)
    workflow.transition(resource_id=submission.pk, name="publish", actor=editor)
    assert Resource.objects.published().filter(pk=submission.pk).exists()


def test_decisions_need_a_message_and_reach_the_submitter(submission, partner, editor, committed):
    workflow.transition(resource_id=submission.pk, name="submit", actor=partner)
    full_panel(submission, editor)
    with pytest.raises(WorkflowError):
        workflow.transition(resource_id=submission.pk, name="request_changes", actor=editor)
    mail.outbox.clear()
    committed(
        workflow.transition,
        resource_id=submission.pk,
        name="request_changes",
        actor=editor,
        message="Please add the publication date.",
    )
    assert mail.outbox[0].to == [partner.email]
    assert "Please add the publication date." in mail.outbox[0].body
    workflow.transition(resource_id=submission.pk, name="resubmit", actor=partner)
    submission.refresh_from_db()
    assert submission.status == Status.RESUBMITTED


def test_reviewers_cannot_review_their_own_or_their_organizations_items(
    submission, partner, editor
):
    workflow.transition(resource_id=submission.pk, name="submit", actor=partner)
    partner.groups.add(*ReviewerFactory().groups.all())
    ReviewerProfile.objects.create(user=partner)
    with pytest.raises(WorkflowError, match="they submitted"):
        services.assignment_create(resource_id=submission.pk, reviewer=partner, actor=editor)
    colleague = ReviewerFactory(
        organization=submission.publishers.model.objects.create(name="Same org", slug="same-org")
    )
    Resource.objects.filter(pk=submission.pk).update(submitter_organization=colleague.organization)
    with pytest.raises(WorkflowError, match="own organization"):
        services.assignment_create(resource_id=submission.pk, reviewer=colleague, actor=editor)


def test_declaring_a_conflict_unassigns_and_tells_the_editors(
    submission, partner, editor, committed
):
    workflow.transition(resource_id=submission.pk, name="submit", actor=partner)
    reviewer = ReviewerFactory()
    assignment = services.assignment_create(
        resource_id=submission.pk, reviewer=reviewer, actor=editor
    )
    mail.outbox.clear()
    committed(
        services.assignment_declare,
        assignment_id=assignment.pk,
        actor=reviewer,
        has_conflict=True,
        note="I co-authored it.",
    )
    assignment.refresh_from_db()
    assert assignment.state == Assignment.State.CONFLICT
    assert mail.outbox[0].to == [editor.email]
    with pytest.raises(WorkflowError):
        services.review_submit(
            assignment_id=assignment.pk,
            actor=reviewer,
            scores=SCORES,
            recommendation=Recommendation.ACCEPT,
        )


def test_disagreement_is_flagged(submission, partner, editor):
    from review.panel import panel_status

    workflow.transition(resource_id=submission.pk, name="submit", actor=partner)
    full_panel(
        submission,
        editor,
        (Recommendation.ACCEPT, Recommendation.MINOR_CHANGES, Recommendation.REJECT),
    )
    assert panel_status(submission).disagreement
    other = ResourceFactory(status=Status.SUBMITTED)
    full_panel(
        other,
        editor,
        (Recommendation.ACCEPT, Recommendation.MINOR_CHANGES, Recommendation.MINOR_CHANGES),
    )
    assert not panel_status(other).disagreement


def test_history_is_append_only(submission, partner):
    workflow.transition(resource_id=submission.pk, name="submit", actor=partner)
    entry = HistoryEntry.objects.get()
    entry.message = "rewritten"
    with pytest.raises(Exception, match="append-only"):
        entry.save()
    with pytest.raises(Exception, match="append-only"):
        HistoryEntry.objects.all().delete()
    with pytest.raises(Exception, match="append-only"):
        HistoryEntry.objects.update(message="x")


def test_a_broken_mail_server_does_not_lose_the_submission(
    submission, partner, settings, committed
):
    settings.EMAIL_BACKEND = "tests.review.broken_mail.BrokenBackend"
    committed(workflow.transition, resource_id=submission.pk, name="submit", actor=partner)
    submission.refresh_from_db()
    assert submission.status == Status.SUBMITTED
    assert HistoryEntry.objects.filter(resource=submission, action="submit").exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_decisions_only_one_applies():
    partner = UserFactory(username="racer")
    editor = UserFactory(username="racing-editor", groups=["editor"])
    resource = ResourceFactory(status=Status.DRAFT, submitted_by=partner)
    workflow.transition(resource_id=resource.pk, name="submit", actor=partner)
    full_panel(resource, editor)
    barrier = threading.Barrier(2)
    outcomes = []

    def decide(name, message):
        barrier.wait()
        try:
            workflow.transition(resource_id=resource.pk, name=name, actor=editor, message=message)
            outcomes.append(name)
        except WorkflowError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=("publish", "")),
        threading.Thread(target=decide, args=("reject", "Not relevant.")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    decisions = HistoryEntry.objects.filter(resource=resource, action__in=["publish", "reject"])
    assert decisions.count() == 1
    assert sorted(outcomes) == sorted([decisions.get().action, "wrong_state"])


@pytest.mark.parametrize(
    ("rule", "needed"),
    [
        ({"un": 1, "non_un": 2}, "at least 1 UN reviewer and 2 non-UN reviewers"),
        ({"un": 2, "non_un": 1}, "at least 2 UN reviewers and 1 non-UN reviewer"),
    ],
)
def test_the_panel_rule_is_read_with_the_right_plurals(settings, rule, needed):
    from review.panel import PanelStatus

    settings.HUB_REVIEW_PANEL = rule
    status = PanelStatus()
    assert f"The panel needs {needed}; it has 0 UN and 0 non-UN." == status.composition_warning
    assert f"cannot be published before {needed} have submitted" in status.problem


# The transitions table: each transition declares what the generic code needs.


def test_every_transition_declares_who_takes_it_its_label_and_what_the_actor_is_told():
    for transition in workflow.TRANSITIONS.values():
        assert transition.permission in (is_item_submitter, is_item_editor), transition.name
        assert str(transition.label) and str(transition.done), transition.name
        assert transition.sources and transition.target not in transition.sources
        assert transition.button in (workflow.PRIMARY, workflow.SECONDARY)
        # A decision that needs a message is one the submitter is told of by mail.
        if transition.needs_message:
            assert transition.decision and transition.notification is not None


def test_the_state_groups_are_read_from_the_transitions_table():
    assert workflow.EDITABLE_STATES == {Status.DRAFT, Status.CHANGES_REQUESTED}
    assert workflow.QUEUE_STATES == {
        Status.SUBMITTED,
        Status.IN_REVIEW,
        Status.CHANGES_REQUESTED,
        Status.RESUBMITTED,
    }
    assert workflow.REVIEWABLE == {Status.SUBMITTED, Status.RESUBMITTED, Status.IN_REVIEW}
    assert workflow.DECISIONS == ("publish", "request_changes", "reject", "mark_duplicate")
    assert workflow.EDITOR_ACTIONS == (
        "start_review",
        "publish",
        "request_changes",
        "reject",
        "archive",
        "mark_duplicate",
    )


@pytest.mark.parametrize("status", Status.values)
def test_an_items_state_properties_follow_the_groups(status):
    resource = Resource(status=status)
    assert resource.is_draft == (status == Status.DRAFT)
    assert resource.is_editable == (status in (Status.DRAFT, Status.CHANGES_REQUESTED))
    assert resource.awaits_resubmission == (status == Status.CHANGES_REQUESTED)
    assert resource.is_in_review == (status == Status.IN_REVIEW)


def test_a_guard_declared_on_a_transition_refuses_it_without_naming_it(editor, monkeypatch):
    published = ResourceFactory(status=Status.PUBLISHED)

    def under_embargo(resource):
        raise WorkflowError("This item is under embargo.", code="embargo")

    archive = workflow.TRANSITIONS["archive"]
    monkeypatch.setitem(
        workflow.TRANSITIONS, "archive", dataclasses.replace(archive, guards=(under_embargo,))
    )
    with pytest.raises(WorkflowError) as error:
        workflow.transition(resource_id=published.pk, name="archive", actor=editor)
    assert error.value.code == "embargo"
    assert "archive" not in {t.name for t in workflow.available(resource=published, actor=editor)}
    published.refresh_from_db()
    assert published.status == Status.PUBLISHED


def test_the_editor_is_offered_each_decision_with_its_declared_button(
    client, submission, partner, editor
):
    workflow.transition(resource_id=submission.pk, name="submit", actor=partner)
    full_panel(submission, editor)
    client.force_login(editor)
    page = client.get(reverse("review:item", args=[submission.pk])).content.decode()
    assert '<button type="submit" name="action" value="publish">Publish</button>' in page
    assert (
        '<button type="submit" name="action" value="reject" class="button-secondary">'
        "Reject</button>"
    ) in page
