"""A person can delete their account; their submissions and reviews stay, without them."""

import logging

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from hub.models import ContactMessage
from resources.models import Resource, Status
from review import services, workflow
from review.models import Assignment, HistoryEntry, Review, RosterApplication
from taxonomy.models import Organization
from tests.factories import (
    ResourceFactory,
    RosterApplicationFactory,
    UserFactory,
    review_by,
)

pytestmark = pytest.mark.django_db

User = get_user_model()
PASSWORD = "a-long-test-password"
RECORD = "Peer reviewed by 3 reviewers (1 UN, 2 non-UN)"


@pytest.fixture
def partner():
    organization = Organization.objects.create(
        name="Harbour Light Foundation", slug="harbour-light-foundation"
    )
    return UserFactory(
        username="hlpartner", email="partner@harbour.example", organization=organization
    )


def submit(partner, title: str) -> Resource:
    resource = ResourceFactory(
        title=title,
        status=Status.DRAFT,
        submitted_by=partner,
        submitter_organization=partner.organization,
    )
    workflow.transition(resource_id=resource.pk, name="submit", actor=partner)
    return resource


@pytest.fixture
def published(partner, editor, reviewers):
    resource = submit(partner, "Published guidance")
    for reviewer in reviewers:
        review_by(reviewer, resource, editor)
    workflow.transition(resource_id=resource.pk, name="publish", actor=editor)
    resource.refresh_from_db()
    return resource


def delete(client, user, password=PASSWORD, **kwargs):
    client.force_login(user)
    return client.post(reverse("accounts:delete"), {"password": password}, **kwargs)


def test_the_profile_links_to_the_download_and_the_deletion(client, partner):
    client.force_login(partner)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert f'href="{reverse("accounts:data")}"' in page
    assert f'href="{reverse("accounts:delete")}"' in page


def test_the_page_explains_what_goes_and_asks_for_the_password(client, partner):
    client.force_login(partner)
    response = client.get(reverse("accounts:delete"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "cannot be undone" in page
    assert "attributed to your organization only" in page
    assert 'type="password" name="password"' in page


def test_the_page_is_for_signed_in_people(client):
    response = client.get(reverse("accounts:delete"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("password", ["not-my-password", ""])
def test_a_wrong_password_deletes_nothing(client, partner, published, password):
    response = delete(client, partner, password)
    assert response.status_code == 400
    page = response.content.decode()
    assert ("The password is not correct" in page) or ("This field is required" in page)
    assert User.objects.filter(pk=partner.pk).exists()
    published.refresh_from_db()
    assert published.submitted_by == partner
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_the_right_password_deletes_the_account_and_signs_out(client, partner, published):
    response = delete(client, partner, follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:deleted")
    assert "Your account has been deleted" in response.content.decode()
    assert not User.objects.filter(pk=partner.pk).exists()
    assert not User.objects.filter(email__iexact="partner@harbour.example").exists()
    assert client.get(reverse("accounts:profile")).status_code == 302
    assert not client.login(username="hlpartner", password=PASSWORD)


def test_submissions_stay_with_the_organization(client, partner, published):
    in_review = submit(partner, "Still in review")
    draft = ResourceFactory(title="Unsent draft", status=Status.DRAFT, submitted_by=partner)
    delete(client, partner)
    published.refresh_from_db()
    in_review.refresh_from_db()
    assert published.submitted_by is None and in_review.submitted_by is None
    assert published.submitter_organization.name == "Harbour Light Foundation"
    assert in_review.submitter_organization.name == "Harbour Light Foundation"
    assert published.status == Status.PUBLISHED
    assert client.get(published.get_absolute_url()).status_code == 200
    assert not Resource.objects.filter(pk=draft.pk).exists()
    assert HistoryEntry.objects.filter(
        resource=published, action="submit", actor__isnull=True
    ).exists()


def test_reviews_keep_counting_after_a_reviewer_leaves(client, published, reviewers):
    url = published.get_absolute_url()
    assert RECORD in client.get(url).content.decode()
    un_reviewer = reviewers[0]
    delete(client, un_reviewer)
    assert not User.objects.filter(pk=un_reviewer.pk).exists()
    client.logout()
    assert RECORD in client.get(url).content.decode()
    assert Review.objects.filter(assignment__resource=published).count() == 3
    detached = Assignment.objects.get(resource=published, reviewer__isnull=True)
    assert detached.state == Assignment.State.COMPLETED and detached.former_reviewer_un


def test_the_editors_page_still_shows_the_panel(client, published, reviewers, editor):
    delete(client, reviewers[1])
    client.force_login(editor)
    page = client.get(reverse("review:item", args=[published.pk])).content.decode()
    assert '<th scope="row">Deleted account</th>' in page
    assert "(non-UN)" in page


def test_open_assignments_are_withdrawn(client, partner, editor, reviewers):
    resource = submit(partner, "Waiting for reviews")
    services.assignment_create(resource_id=resource.pk, reviewer=reviewers[2], actor=editor)
    delete(client, reviewers[2])
    assignment = Assignment.objects.get(resource=resource)
    assert assignment.state == Assignment.State.REMOVED and assignment.reviewer is None
    assert HistoryEntry.objects.filter(resource=resource, action="unassign").exists()


def test_an_editor_can_leave_and_the_history_keeps_the_step(client, published, editor):
    delete(client, editor)
    publish = HistoryEntry.objects.get(resource=published, action="publish")
    assert publish.actor is None and publish.to_status == Status.PUBLISHED


def test_personal_records_go_with_the_account(client, partner, reviewers):
    RosterApplicationFactory(applicant=partner, statement="I know the region.")
    ContactMessage.objects.create(name="P", email=partner.email, message="Hello", user=partner)
    ContactMessage.objects.create(name="Someone", email="s@example.org", message="Hi")
    delete(client, partner)
    assert not RosterApplication.objects.exists()
    assert list(ContactMessage.objects.values_list("name", flat=True)) == ["Someone"]


def test_the_deletion_is_logged_by_id_only(client, partner, caplog):
    caplog.set_level(logging.INFO, logger="hub.security")
    delete(client, partner)
    events = [
        record for record in caplog.records if getattr(record, "event", "") == "account_deleted"
    ]
    assert [record.user for record in events] == [partner.pk]
    assert "hlpartner" not in caplog.text and "harbour.example" not in caplog.text
