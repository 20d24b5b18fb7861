"""The conflict-of-interest rule holds at every step, whatever the spelling of a name.

It is checked when an editor assigns, when the reviewer declares and reviews, when a
reviewer changes organization on their profile and when an editor publishes.
"""

import pytest
from django.core import mail
from django.urls import reverse

from resources.models import Resource, Status
from review import services, workflow
from review.models import Assignment, HistoryEntry, Recommendation, Review, ReviewerProfile
from review.workflow import WorkflowError
from tests.factories import (
    SCORES,
    OrganizationFactory,
    ResourceFactory,
    ReviewerFactory,
    UserFactory,
    review_by,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner():
    return UserFactory(username="partner", affiliation="Conflict Org.")


def submitted(partner, **fields) -> Resource:
    resource = ResourceFactory(
        status=Status.DRAFT,
        submitted_by=partner,
        summary="The confidential findings of this study.",
        **fields,
    )
    workflow.transition(resource_id=resource.pk, name="submit", actor=partner)
    resource.refresh_from_db()
    return resource


@pytest.mark.parametrize(
    "spelling", ["conflict org", "CONFLICT  ORG", "Conflict-Org", "Cönflict Org"]
)
def test_a_reviewer_of_the_submitters_organization_is_never_assigned(
    client, partner, editor, spelling
):
    item = submitted(partner)
    reviewer = ReviewerFactory(affiliation=spelling)
    with pytest.raises(WorkflowError, match="own organization"):
        services.assignment_create(resource_id=item.pk, reviewer=reviewer, actor=editor)
    client.force_login(editor)
    page = client.get(reverse("review:item", kwargs={"pk": item.pk})).content.decode()
    assert f'value="{reviewer.pk}"' not in page
    assert not Assignment.objects.exists()


def test_two_records_of_one_organization_spelt_differently_are_one_organization(editor):
    submitter = UserFactory(
        organization=OrganizationFactory(name="Conflict Org.", slug="conflict-org")
    )
    item = ResourceFactory(
        status=Status.DRAFT, submitted_by=submitter, submitter_organization=submitter.organization
    )
    workflow.transition(resource_id=item.pk, name="submit", actor=submitter)
    reviewer = ReviewerFactory(
        organization=OrganizationFactory(name="conflict org", slug="conflict-org-2")
    )
    with pytest.raises(WorkflowError, match="own organization"):
        services.assignment_create(resource_id=item.pk, reviewer=reviewer, actor=editor)
    assert not Assignment.objects.exists()


def test_a_reviewer_of_a_publisher_is_never_assigned(partner, editor):
    publisher = OrganizationFactory(name="Médecins du Monde", acronym="MdM")
    item = submitted(partner, publishers=[publisher])
    for affiliation in ("medecins du monde", "MDM"):
        reviewer = ReviewerFactory(affiliation=affiliation)
        with pytest.raises(WorkflowError, match="own organization"):
            services.assignment_create(resource_id=item.pk, reviewer=reviewer, actor=editor)


def test_the_assignment_records_both_organizations_as_they_stood(client, partner, editor):
    item = submitted(partner)
    reviewer = ReviewerFactory(affiliation="Elsewhere Institute")
    assignment = services.assignment_create(resource_id=item.pk, reviewer=reviewer, actor=editor)
    assert (assignment.submitter_organization, assignment.reviewer_organization) == (
        "Conflict Org.",
        "Elsewhere Institute",
    )
    client.force_login(editor)
    page = client.get(reverse("review:item", kwargs={"pk": item.pk})).content.decode()
    assert "Organization when assigned: Elsewhere Institute" in page


def test_moving_to_the_items_organization_withdraws_the_open_assignment(
    client, partner, editor, committed
):
    reviewer = ReviewerFactory(username="mover", affiliation="Elsewhere Institute", un=True)
    item = submitted(partner, title="Item from Conflict Org")
    other = submitted(UserFactory(affiliation="Third Party"), title="Item from a third party")
    assignment = services.assignment_create(resource_id=item.pk, reviewer=reviewer, actor=editor)
    unrelated = services.assignment_create(resource_id=other.pk, reviewer=reviewer, actor=editor)
    mail.outbox.clear()
    client.force_login(reviewer)
    response = committed(
        client.post, reverse("accounts:profile"), {"name": "Mover", "organization": "conflict org"}
    )
    assert response.status_code == 302

    assignment.refresh_from_db()
    unrelated.refresh_from_db()
    assert assignment.state == Assignment.State.CONFLICT
    assert unrelated.state == Assignment.State.AWAITING_DECLARATION
    entry = HistoryEntry.objects.get(resource=item, action="conflict")
    assert "cannot review this item" in entry.note
    assert not entry.visible_to_submitter
    assert [message.to for message in mail.outbox] == [[editor.email]]
    assert "conflict of interest" in mail.outbox[0].subject
    # A UN affiliation confirmed for the old organization needs confirming again.
    assert not ReviewerProfile.objects.get(user=reviewer).is_confirmed_un

    client.force_login(editor)
    page = client.get(reverse("review:roster")).content.decode()
    assert "was: Elsewhere Institute" in page
    assert "conflict org" in page


def test_declaring_no_conflict_is_refused_once_the_item_comes_from_the_reviewers_organization(
    client, partner, editor, committed
):
    reviewer = ReviewerFactory(affiliation="Harbour Trust")
    item = submitted(partner)
    assignment = services.assignment_create(resource_id=item.pk, reviewer=reviewer, actor=editor)
    item.publishers.add(OrganizationFactory(name="Harbour Trust."))
    mail.outbox.clear()
    client.force_login(reviewer)
    response = committed(
        client.post, reverse("review:declare", kwargs={"pk": assignment.pk}), {"has_conflict": "no"}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "own organization" in page
    assert "You have been taken off this item and the editors have been told." in page
    assert "The confidential findings of this study." not in page
    assignment.refresh_from_db()
    assert assignment.state == Assignment.State.CONFLICT
    assert [message.to for message in mail.outbox] == [[editor.email]]


def test_a_review_is_refused_when_the_organization_recorded_at_assignment_is_the_items(
    partner, editor, committed
):
    reviewer = ReviewerFactory(affiliation="Harbour Trust")
    item = submitted(partner)
    assignment = services.assignment_create(resource_id=item.pk, reviewer=reviewer, actor=editor)
    services.assignment_declare(assignment_id=assignment.pk, actor=reviewer, has_conflict=False)
    # The reviewer's text changed outside the profile page; the item gained their old employer.
    type(reviewer).objects.filter(pk=reviewer.pk).update(affiliation="Somewhere Else")
    item.publishers.add(OrganizationFactory(name="harbour trust"))
    with pytest.raises(WorkflowError, match="own organization"):
        committed(
            services.review_submit,
            assignment_id=assignment.pk,
            actor=reviewer,
            scores=SCORES,
            recommendation=Recommendation.ACCEPT,
        )
    assignment.refresh_from_db()
    assert assignment.state == Assignment.State.CONFLICT
    assert not Review.objects.exists()


def test_publishing_is_refused_while_a_counted_reviewer_is_in_conflict(client, partner, editor):
    item = submitted(partner)
    blue = ReviewerFactory(username="blue", affiliation="Blue Sky Network")
    for reviewer in (
        ReviewerFactory(username="un", un=True),
        blue,
        ReviewerFactory(username="third"),
    ):
        review_by(reviewer, item, editor)
    item.publishers.add(OrganizationFactory(name="BLUE SKY network"))
    client.force_login(editor)
    decide = reverse("review:decide", kwargs={"pk": item.pk})
    response = client.post(decide, {"action": "publish", "message": "Thank you."})
    assert response.status_code == 409
    assert "Blue cannot review this item" in response.content.decode()
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW

    conflicted = Assignment.objects.get(resource=item, reviewer=blue)
    response = client.post(reverse("review:unassign", kwargs={"pk": conflicted.pk}))
    assert response.status_code == 302
    response = client.post(decide, {"action": "publish", "message": "Thank you."})
    assert response.status_code == 409
    assert "cannot be published before" in response.content.decode()
    review_by(ReviewerFactory(username="fourth"), item, editor)
    assert client.post(decide, {"action": "publish", "message": "Thank you."}).status_code == 302
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED


def test_a_finished_review_without_a_conflict_still_cannot_be_removed(partner, editor):
    item = submitted(partner)
    assignment = review_by(ReviewerFactory(affiliation="Neutral Body"), item, editor).assignment
    with pytest.raises(WorkflowError, match="Only a pending assignment"):
        services.assignment_remove(assignment_id=assignment.pk, actor=editor)
