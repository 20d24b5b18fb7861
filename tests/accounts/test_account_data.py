"""A person can download everything the hub holds about them, and nothing about others."""

import json

import pytest
from django.urls import reverse

from hub.models import ContactMessage
from resources.models import Status
from review import workflow
from review.models import Recommendation
from taxonomy.models import Organization
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
def partner():
    organization = Organization.objects.create(
        name="Harbour Light Foundation", slug="harbour-light-foundation"
    )
    return UserFactory(
        username="hlpartner",
        email="partner@harbour.example",
        name="Hanna Partner",
        organization=organization,
    )


@pytest.fixture
def editor():
    return UserFactory(
        username="eds", email="editor@hub.example", name="Edda Editor", groups=["editor"]
    )


@pytest.fixture
def reviewers():
    return [
        ReviewerFactory(username="runa", email="runa@un.example", name="Runa Unreviewer", un=True),
        ReviewerFactory(username="nico", email="nico@ngo.example", name="Nico Nonun"),
        ReviewerFactory(username="tove", email="tove@uni.example", name="Tove Third"),
    ]


@pytest.fixture
def published(partner, editor, reviewers):
    resource = ResourceFactory(
        title="Published guidance",
        status=Status.DRAFT,
        submitted_by=partner,
        submitter_organization=partner.organization,
    )
    workflow.transition(resource_id=resource.pk, name="submit", actor=partner)
    for reviewer in reviewers:
        review_by(
            reviewer,
            resource,
            editor,
            Recommendation.ACCEPT,
            comments_for_submitter=f"Clear, says {reviewer.username}.",
            confidential_comments=f"Private note of {reviewer.username}.",
        )
    workflow.transition(
        resource_id=resource.pk,
        name="publish",
        actor=editor,
        message="Congratulations.",
        note="Editors only: checked links.",
    )
    resource.refresh_from_db()
    return resource


def download(client, user) -> tuple[object, dict, str]:
    client.force_login(user)
    response = client.get(reverse("accounts:data"))
    text = response.content.decode()
    return response, json.loads(text), text


def test_the_download_is_a_json_attachment_that_is_not_cached(client, partner):
    response, data, _text = download(client, partner)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    assert data["profile"]["email"] == "partner@harbour.example"
    assert data["profile"]["organization"] == "Harbour Light Foundation"


def test_the_download_holds_the_affiliation_as_typed(client):
    person = UserFactory(affiliation="Harbour Light (Accra office)")
    _response, data, _text = download(client, person)
    assert (data["profile"]["affiliation"], data["profile"]["organization"]) == (
        "Harbour Light (Accra office)",
        None,
    )


def test_the_download_holds_the_language_the_hub_writes_in(client):
    _response, data, _text = download(client, UserFactory(language="ar"))
    assert data["profile"]["language"] == "ar"


def test_only_signed_in_people_download_and_only_by_get(client, partner):
    assert client.get(reverse("accounts:data")).status_code == 302
    client.force_login(partner)
    assert client.post(reverse("accounts:data")).status_code == 405


def test_a_partner_gets_their_submissions_with_what_they_may_see(
    client, partner, published, reviewers, editor
):
    ContactMessage.objects.create(
        name="Hanna", email=partner.email, message="A question.", user=partner
    )
    ContactMessage.objects.create(
        name="Stranger", email="stranger@example.org", message="Not hers."
    )
    _response, data, text = download(client, partner)
    [item] = data["submissions"]
    assert item["title"] == "Published guidance" and item["status"] == "published"
    assert item["page"] == published.get_absolute_url()
    assert [step["to"] for step in item["history"]][0] == "Submitted"
    assert {step["by"] for step in item["history"]} == {"You", "The editors"}
    assert "Congratulations." in [step["message"] for step in item["history"]]
    assert [comment["reviewer"] for comment in item["reviewer_comments"]] == [
        "Reviewer 1",
        "Reviewer 2",
        "Reviewer 3",
    ]
    assert [message["message"] for message in data["contact_messages"]] == ["A question."]
    for secret in [
        "Editors only",
        "Private note",
        "Stranger",
        editor.email,
        editor.name,
        *(r.email for r in reviewers),
        *(r.name for r in reviewers),
    ]:
        assert secret not in text, secret


def test_a_reviewer_gets_their_own_reviews_and_roster_record(client, published, reviewers, partner):
    runa = reviewers[0]
    RosterApplicationFactory(
        applicant=runa, is_un_affiliated=True, statement="Ten years on trafficking cases."
    )
    _response, data, text = download(client, runa)
    assert data["reviewer_profile"]["un_affiliated"] is True
    assert data["roster_applications"][0]["statement"] == "Ten years on trafficking cases."
    [review] = data["reviews"]
    assert review["item"] == "Published guidance" and review["state"] == "completed"
    assert review["review"]["recommendation"] == "accept"
    assert review["review"]["scores"] == SCORES
    assert review["review"]["confidential_comments"] == "Private note of runa."
    assert data["submissions"] == []
    for secret in ["nico", "tove", partner.email, partner.name]:
        assert secret not in text, secret
