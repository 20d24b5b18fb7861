"""Fuzz the review's forms: declarations and reviews, assignments, decisions and the roster."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resources.models import Resource, Status
from review import workflow
from review.models import (
    CRITERIA,
    Assignment,
    HistoryEntry,
    Recommendation,
    Review,
    ReviewerProfile,
    RosterApplication,
    RosterEntry,
)
from review.workflow import EDITOR_ACTIONS

from .invariants import RESOURCE_TABLES, labels
from .posting import ACCEPTED, post_form
from .strategies import form_bodies, fuzz_settings

pytestmark = pytest.mark.django_db

EXAMPLES = 30

texts = st.sampled_from(["Well sourced.", "", "   ", "C" * 5001, "C" * 10001])
scores = st.sampled_from(["1", "3", "5", "0", "6", "-1", "4.5", "five"])


@fuzz_settings(EXAMPLES)
@given(data=st.data(), which=st.sampled_from(["to_declare", "to_review"]))
def test_conflict_declaration(client, samples, data, which):
    assignment = getattr(samples, which)
    fields = {
        "has_conflict": st.sampled_from(["yes", "no", "YES", "maybe"]),
        "conflict_note": texts,
    }
    post_form(
        client,
        f"/review/assignments/{assignment.pk}/declare/",
        data.draw(form_bodies(fields, {"has_conflict": "no"})),
        person=samples.reviewer,
        stores=labels(Assignment, HistoryEntry),
    )


@fuzz_settings(EXAMPLES)
@given(data=st.data(), which=st.sampled_from(["to_review", "to_review", "to_declare"]))
def test_review(client, samples, data, which):
    assignment = getattr(samples, which)
    fields = {name: scores for name, _label in CRITERIA}
    fields.update(
        recommendation=st.sampled_from([*Recommendation.values, "publish", ""]),
        comments_for_submitter=texts,
        confidential_comments=texts,
    )
    valid = {
        **{name: "4" for name, _label in CRITERIA},
        "recommendation": "accept",
        "comments_for_submitter": "Well sourced.",
        "confidential_comments": "",
    }

    def one_review_at_most(response):
        reviews = Review.objects.filter(assignment=assignment)
        assert reviews.count() == (1 if response.status_code in ACCEPTED else 0)

    post_form(
        client,
        f"/review/assignments/{assignment.pk}/review/",
        data.draw(form_bodies(fields, valid)),
        person=samples.reviewer,
        stores=labels(Review, Assignment, HistoryEntry),
        then=one_review_at_most,
    )


@fuzz_settings(EXAMPLES)
@given(data=st.data(), which=st.sampled_from(["submitted", "decidable", "published"]))
def test_assigning_a_reviewer(client, samples, data, which):
    item = getattr(samples, which)
    people = [samples.spare_reviewer, samples.reviewer, samples.editor, samples.partner]
    fields = {"reviewer": st.sampled_from([str(person.pk) for person in people] + ["0", "-1"])}
    post_form(
        client,
        f"/review/items/{item.pk}/assign/",
        data.draw(form_bodies(fields, {"reviewer": str(samples.spare_reviewer.pk)})),
        person=samples.editor,
        stores=labels(Assignment, HistoryEntry, Resource) | RESOURCE_TABLES,
    )


@fuzz_settings(EXAMPLES)
@given(data=st.data(), which=st.sampled_from(["to_declare", "to_review", "completed"]))
def test_taking_a_reviewer_off(client, samples, data, which):
    assignment = (
        Assignment.objects.filter(state=Assignment.State.COMPLETED).first()
        if which == "completed"
        else getattr(samples, which)
    )
    post_form(
        client,
        f"/review/assignments/{assignment.pk}/remove/",
        data.draw(form_bodies({})),
        person=samples.editor,
        stores=labels(Assignment, HistoryEntry),
    )


@fuzz_settings(EXAMPLES * 2)
@given(data=st.data(), which=st.sampled_from(["decidable", "published", "submitted", "draft"]))
def test_decision(client, samples, data, which):
    item = getattr(samples, which)
    fields = {
        "action": st.sampled_from([*EDITOR_ACTIONS, "submit", "withdraw", "delete"]),
        "message": texts,
        "note": texts,
    }
    # Start from a decision the item's state allows, so that some posts are accepted.
    allowed = [
        transition.name for transition in workflow.available(resource=item, actor=samples.editor)
    ]
    valid = {
        "action": data.draw(st.sampled_from(allowed or EDITOR_ACTIONS)),
        "message": "Thank you; see the reviews.",
        "note": "",
    }

    def published_stays_published_and_tagged(response):
        stored = Resource.objects.get(pk=item.pk)
        if response.status_code not in ACCEPTED:
            assert stored.status == item.status
        if item.status == Status.PUBLISHED and stored.status == Status.PUBLISHED:
            assert stored.countries.filter(iso3="NGA").exists()
            assert stored.objectives.filter(code="10").exists()

    post_form(
        client,
        f"/review/items/{item.pk}/decide/",
        data.draw(form_bodies(fields, valid)),
        person=samples.editor,
        stores=labels(Resource, HistoryEntry),
        decides=True,
        then=published_stays_published_and_tagged,
    )


@fuzz_settings(EXAMPLES)
@given(data=st.data())
def test_roster_application(client, samples, data):
    fields = {
        "objectives": st.sampled_from(["10", "6", "general", "99"]),
        "regions": st.sampled_from(["africa", "asia", "atlantis"]),
        "un_languages": st.sampled_from(["en", "fr", "pt"]),
        "other_languages": st.sampled_from(["pt", "de", "en", "xx"]),
        "is_un_affiliated": st.sampled_from(["un", "non_un", "yes"]),
        "years_of_experience": st.sampled_from(["0", "12", "80", "81", "-1", "1e3"]),
        "publications": texts,
        "statement": texts,
    }
    valid = {
        "objectives": ["10"],
        "regions": ["africa"],
        "un_languages": ["en"],
        "is_un_affiliated": "non_un",
        "years_of_experience": "12",
        "statement": "I study recruitment fees.",
    }
    post_form(
        client,
        "/roster/apply/",
        data.draw(form_bodies(fields, valid)),
        person=samples.partner,
        stores=labels(
            RosterApplication,
            RosterEntry,
            "review.rosterapplication_objectives",
            "review.rosterapplication_regions",
            "review.rosterapplication_languages",
        ),
    )


@fuzz_settings(EXAMPLES)
@given(data=st.data())
def test_roster_decision(client, samples, data):
    application = samples.application
    fields = {"decision": st.sampled_from(["accept", "decline", "maybe"]), "message": texts}
    prefix = f"application-{application.pk}-"
    post_form(
        client,
        f"/review/roster/{application.pk}/decide/",
        data.draw(form_bodies(fields, {"decision": "accept"}, prefix=prefix)),
        person=samples.editor,
        stores=labels(
            RosterApplication,
            RosterEntry,
            ReviewerProfile,
            "accounts.user_groups",
            "auth.group",
            "review.reviewerprofile_objectives",
            "review.reviewerprofile_regions",
            "review.reviewerprofile_languages",
        ),
    )
