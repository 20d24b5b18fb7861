"""Check the review pages: the queue, the editor's item page, the reviewer's form, the record."""

import html
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from resources.models import Resource, Status
from resources.submission import services as submission_services
from review import services, workflow
from review.models import Assignment, HistoryEntry, Recommendation, Review, Step
from review.selectors import reviewer_assignments
from taxonomy.models import Objective, Organization, Region
from tests.factories import (
    SCORES,
    OrganizationFactory,
    ResourceFactory,
    ReviewerFactory,
    UserFactory,
    full_panel,
    review_by,
)
from tests.results import result_titles

pytestmark = pytest.mark.django_db


def review_data(**changes) -> dict:
    data = {
        **{name: str(score) for name, score in SCORES.items()},
        "recommendation": Recommendation.ACCEPT,
        "comments_for_submitter": "Well sourced.",
        "confidential_comments": "Solid.",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def submitted(partner, **fields) -> Resource:
    resource = ResourceFactory(status=Status.DRAFT, submitted_by=partner, **fields)
    workflow.transition(resource_id=resource.pk, name="submit", actor=partner)
    resource.refresh_from_db()
    return resource


def text(response) -> str:
    return response.content.decode()


def field_error(response, field: str) -> str:
    """Return the error list tied to a field (``id_<field>_error``), or an empty string."""
    match = re.search(
        rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', text(response), re.S
    )
    return match.group(1) if match else ""


# Queue


def test_editor_queue_lists_items_awaiting_a_decision_with_their_panel(client, partner, editor):
    waiting = submitted(partner, title="Waiting item")
    in_review = submitted(partner, title="Item under review")
    review_by(ReviewerFactory(), in_review, editor)
    services.assignment_create(resource_id=in_review.pk, reviewer=ReviewerFactory(), actor=editor)
    ResourceFactory(status=Status.DRAFT, submitted_by=partner, title="Private draft")
    ResourceFactory(title="Already published")
    client.force_login(editor)
    response = client.get("/review/")
    assert response.status_code == 200
    rows = {item.title: item for item in response.context["page"].object_list}
    assert set(rows) == {waiting.title, in_review.title}
    assert (rows[in_review.title].reviewers, rows[in_review.title].reviews) == (2, 1)
    assert f'href="/review/items/{in_review.pk}/"' in text(response)


def test_queue_filters_by_state_objective_and_age(client, partner, editor):
    old = submitted(partner, title="Old item", objectives=["10"])
    migration = submitted(partner, title="Decent work item", objectives=["6"])
    ResourceFactory(title="Published item")
    Resource.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=40))
    client.force_login(editor)

    def titles(query):
        response = client.get(f"/review/?{query}")
        assert response.status_code == 200, query
        return {item.title for item in response.context["page"].object_list}

    assert titles("") == {"Old item", "Decent work item"}
    assert titles("state=published") == {"Published item"}
    assert titles("state=submitted&state=published") == {
        "Old item",
        "Decent work item",
        "Published item",
    }
    assert titles("objective=6") == {migration.title}
    assert titles("age=30") == {old.title}
    assert titles("objective=10&age=30&state=submitted") == {old.title}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("state=bogus", "Choose states from the list."),
        ("objective=99", "Choose an objective from the list."),
        ("age=forever", "Choose an age from the list."),
    ],
)
def test_queue_explains_bad_filters(client, partner, editor, query, message):
    submitted(partner, title="Still listed")
    client.force_login(editor)
    response = client.get(f"/review/?{query}")
    assert response.status_code == 400
    assert message in text(response)
    assert "Still listed" in text(response)


def test_reviewers_see_only_their_own_assignments(client, partner, editor):
    mine = submitted(partner, title="My assignment")
    theirs = submitted(partner, title="Someone else's assignment")
    reviewer, other = ReviewerFactory(), ReviewerFactory()
    assignment = services.assignment_create(resource_id=mine.pk, reviewer=reviewer, actor=editor)
    services.assignment_create(resource_id=theirs.pk, reviewer=other, actor=editor)
    client.force_login(reviewer)
    response = client.get("/review/")
    assert response.status_code == 200
    assert "My assignment" in text(response)
    assert "Someone else" not in text(response)
    assert f'href="/review/assignments/{assignment.pk}/"' in text(response)


# Editor's item page: panel and suggestions


def test_assigning_reviewers_with_suggestions_and_the_composition_warning(
    client, partner, editor, committed
):
    item = submitted(partner, title="Africa item", objectives=["10"], regions=["africa"])
    expert = ReviewerFactory(username="expert")
    expert.reviewer_profile.objectives.set(Objective.objects.filter(code="10"))
    expert.reviewer_profile.regions.set(Region.objects.filter(slug="africa"))
    novice = ReviewerFactory(username="novice")
    un_reviewer = ReviewerFactory(username="un-expert", un=True)
    client.force_login(editor)

    page = text(client.get(f"/review/items/{item.pk}/"))
    assert (
        "The panel needs at least 1 UN reviewer and 2 non-UN reviewers; it has 0 UN and 0 non-UN."
    ) in page
    options = re.findall(r'<option value="(\d+)">([^<]*)</option>', page)
    assert options[0] == (str(expert.pk), "Expert · non-UN · expertise match 2 · 0 open reviews")
    assert {pk for pk, _label in options} == {str(expert.pk), str(novice.pk), str(un_reviewer.pk)}
    assert any("Un-Expert · UN ·" in label for _pk, label in options)

    mail.outbox.clear()
    response = committed(client.post, f"/review/items/{item.pk}/assign/", {"reviewer": expert.pk})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW
    assert Assignment.objects.filter(resource=item, reviewer=expert).exists()
    assert [message.to for message in mail.outbox] == [[expert.email]]
    assert f"/review/assignments/{Assignment.objects.get(reviewer=expert).pk}/" in (
        mail.outbox[0].body
    )

    page = text(client.get(f"/review/items/{item.pk}/"))
    assert "it has 0 UN and 1 non-UN" in page
    assert f'<option value="{expert.pk}"' not in page
    client.post(f"/review/items/{item.pk}/assign/", {"reviewer": novice.pk})
    client.post(f"/review/items/{item.pk}/assign/", {"reviewer": un_reviewer.pk})
    page = text(client.get(f"/review/items/{item.pk}/"))
    assert "The panel needs" not in page
    assert "Awaiting conflict declaration" in page


def test_the_panel_rule_comes_from_settings(client, partner, editor, settings):
    settings.HUB_REVIEW_PANEL = {"un": 0, "non_un": 1}
    item = submitted(partner)
    client.force_login(editor)
    assert "The panel needs" in text(client.get(f"/review/items/{item.pk}/"))
    client.post(f"/review/items/{item.pk}/assign/", {"reviewer": ReviewerFactory().pk})
    assert "The panel needs" not in text(client.get(f"/review/items/{item.pk}/"))


def test_assigning_someone_who_may_not_review_is_refused(client, partner, editor):
    item = submitted(partner)
    partner.groups.add(*ReviewerFactory().groups.all())
    client.force_login(editor)
    for data in ({"reviewer": partner.pk}, {"reviewer": "abc"}, {}):
        response = client.post(f"/review/items/{item.pk}/assign/", data)
        assert response.status_code == 400
        assert field_error(response, "reviewer")
    assert not Assignment.objects.exists()


def test_an_editor_removes_a_pending_reviewer_but_not_a_finished_one(client, partner, editor):
    item = submitted(partner)
    pending = ReviewerFactory(username="slow")
    assignment = services.assignment_create(resource_id=item.pk, reviewer=pending, actor=editor)
    finished = review_by(ReviewerFactory(), item, editor).assignment
    client.force_login(editor)
    response = client.post(f"/review/assignments/{assignment.pk}/remove/")
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.state == Assignment.State.REMOVED
    assert "Removed by an editor" in text(client.get(f"/review/items/{item.pk}/"))

    response = client.post(f"/review/assignments/{finished.pk}/remove/")
    assert response.status_code == 409
    assert "Only a pending assignment can be removed." in text(response)
    finished.refresh_from_db()
    assert finished.state == Assignment.State.COMPLETED


# Reviewer's assignment page


@pytest.fixture
def assignment(partner, editor):
    item = submitted(partner, title="Item to review")
    reviewer = ReviewerFactory(username="careful")
    return services.assignment_create(resource_id=item.pk, reviewer=reviewer, actor=editor)


def test_the_reviewer_declares_before_reviewing(client, assignment):
    client.force_login(assignment.reviewer)
    page = text(client.get(f"/review/assignments/{assignment.pk}/"))
    assert "Step 1: declare any conflict of interest" in page
    assert "Step 2" not in page
    assert "<legend>Do you have a conflict of interest with this item?</legend>" in page

    response = client.post(f"/review/assignments/{assignment.pk}/declare/", {"has_conflict": "no"})
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.state == Assignment.State.REVIEWING
    page = text(client.get(f"/review/assignments/{assignment.pk}/"))
    assert "Step 2: your review" in page
    for label in (
        "Relevance to the GCM objective(s)",
        "Currency",
        "Do no harm (nothing that identifies a victim or survivor)",
    ):
        assert f"<legend>{label}</legend>" in page
    assert page.count('type="radio" name="relevance"') == 5
    assert "<legend>Your recommendation</legend>" in page


def test_declaring_a_conflict_unassigns_and_tells_the_editors(
    client, assignment, editor, committed
):
    client.force_login(assignment.reviewer)
    response = client.post(
        f"/review/assignments/{assignment.pk}/declare/",
        {"has_conflict": "yes", "conflict_note": " "},
    )
    assert response.status_code == 400
    assert "Please describe the conflict of interest." in field_error(response, "conflict_note")
    assert 'aria-describedby="id_conflict_note_helptext id_conflict_note_error"' in text(response)
    assignment.refresh_from_db()
    assert assignment.state == Assignment.State.AWAITING_DECLARATION

    mail.outbox.clear()
    response = committed(
        client.post,
        f"/review/assignments/{assignment.pk}/declare/",
        {"has_conflict": "yes", "conflict_note": "I advised the authors."},
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.state == Assignment.State.CONFLICT
    assert [message.to for message in mail.outbox] == [[editor.email]]
    assert "conflict of interest" in mail.outbox[0].subject
    assert f"/review/items/{assignment.resource_id}/" in mail.outbox[0].body

    page = text(client.get(f"/review/assignments/{assignment.pk}/"))
    assert "you have been taken off this item" in page
    client.force_login(editor)
    page = text(client.get(f"/review/items/{assignment.resource_id}/"))
    assert "Conflict of interest declared" in page
    assert "I advised the authors." in page
    assert "it has 0 UN and 0 non-UN" in page


def test_a_reviewer_who_declared_a_conflict_sees_the_declaration_not_the_item(client, assignment):
    Resource.objects.filter(pk=assignment.resource_id).update(summary="Findings not yet public.")
    client.force_login(assignment.reviewer)
    assert "Findings not yet public." in text(client.get(f"/review/assignments/{assignment.pk}/"))
    client.post(
        f"/review/assignments/{assignment.pk}/declare/",
        {"has_conflict": "yes", "conflict_note": "I advised the authors."},
    )
    page = text(client.get(f"/review/assignments/{assignment.pk}/"))
    assert "Conflict of interest declared" in page
    assert "I advised the authors." in page
    assert "Findings not yet public." not in page
    assert "The item to review" not in page


def test_the_declaration_needs_an_answer(client, assignment):
    client.force_login(assignment.reviewer)
    for data in ({}, {"has_conflict": "maybe"}):
        response = client.post(f"/review/assignments/{assignment.pk}/declare/", data)
        assert response.status_code == 400
        assert field_error(response, "has_conflict")


@pytest.fixture
def reviewing(assignment):
    services.assignment_declare(
        assignment_id=assignment.pk, actor=assignment.reviewer, has_conflict=False
    )
    assignment.refresh_from_db()
    return assignment


def test_a_missing_score_is_reported_next_to_its_criterion(client, reviewing):
    client.force_login(reviewing.reviewer)
    response = client.post(
        f"/review/assignments/{reviewing.pk}/review/", review_data(relevance=None)
    )
    assert response.status_code == 400
    assert "Give a score from 1 to 5 for this criterion." in field_error(response, "relevance")
    assert 'aria-describedby="id_relevance_error"' in text(response)
    assert 'href="#id_relevance"' in text(response)
    assert not field_error(response, "currency")
    assert not Review.objects.exists()


@pytest.mark.parametrize("score", ["6", "0", "3.5", "abc"])
def test_a_score_outside_one_to_five_is_refused(client, reviewing, score):
    client.force_login(reviewing.reviewer)
    response = client.post(
        f"/review/assignments/{reviewing.pk}/review/", review_data(currency=score)
    )
    assert response.status_code == 400
    assert "The score must be a whole number from 1 to 5." in field_error(response, "currency")
    assert not Review.objects.exists()
    reviewing.refresh_from_db()
    assert reviewing.state == Assignment.State.REVIEWING


def test_a_recommendation_is_required(client, reviewing):
    client.force_login(reviewing.reviewer)
    response = client.post(
        f"/review/assignments/{reviewing.pk}/review/", review_data(recommendation="publish-now")
    )
    assert response.status_code == 400
    assert field_error(response, "recommendation")


def test_a_submitted_review_is_shown_read_only(client, reviewing, editor, committed):
    client.force_login(reviewing.reviewer)
    mail.outbox.clear()
    response = committed(
        client.post,
        f"/review/assignments/{reviewing.pk}/review/",
        review_data(recommendation=Recommendation.MINOR_CHANGES),
    )
    assert response.status_code == 302
    review = Review.objects.get(assignment=reviewing)
    assert (review.relevance, review.currency, review.recommendation) == (
        5,
        3,
        Recommendation.MINOR_CHANGES,
    )
    assert review.confidential_comments == "Solid."
    assert [message.to for message in mail.outbox] == [[editor.email]]

    page = text(client.get(f"/review/assignments/{reviewing.pk}/"))
    assert "You submitted this review" in page
    assert "Accept with minor changes" in page
    assert f'action="/review/assignments/{reviewing.pk}/review/"' not in page

    response = client.post(f"/review/assignments/{reviewing.pk}/review/", review_data())
    assert response.status_code == 409
    assert Review.objects.count() == 1


# Reviews side by side and decisions


def test_reviews_are_side_by_side_with_disagreement_flagged(client, partner, editor):
    item = submitted(partner)
    reviewers = full_panel(
        item, editor, (Recommendation.ACCEPT, Recommendation.MINOR_CHANGES, Recommendation.REJECT)
    )
    client.force_login(editor)
    page = text(client.get(f"/review/items/{item.pk}/"))
    assert "The reviewers disagree" in page
    for reviewer in reviewers:
        assert re.search(rf'<th scope="col">{reviewer.name} <span class="hint">', page)
    assert '<th scope="row">Credibility of the source and transparency of method</th>' in page
    recommendations = re.search(
        r'<tr class="disagreement">\s*<th scope="row">Recommendation</th>(.*?)</tr>', page, re.S
    )
    assert re.findall(r"<td>([^<]*)</td>", recommendations.group(1)) == [
        "Accept",
        "Accept with minor changes",
        "Reject",
    ]


def test_agreeing_reviews_are_not_flagged(client, partner, editor):
    item = submitted(partner)
    full_panel(
        item,
        editor,
        (Recommendation.ACCEPT, Recommendation.MINOR_CHANGES, Recommendation.MINOR_CHANGES),
    )
    client.force_login(editor)
    page = text(client.get(f"/review/items/{item.pk}/"))
    assert "The reviewers disagree" not in page
    assert "The panel is complete and the reviewers agree." in page


def test_the_decision_form_offers_only_what_the_workflow_allows(client, partner, editor):
    item = submitted(partner)
    review_by(ReviewerFactory(), item, editor)
    client.force_login(editor)
    page = text(client.get(f"/review/items/{item.pk}/"))
    buttons = re.findall(r'name="action" value="(\w+)"', page)
    assert buttons == ["request_changes", "reject", "mark_duplicate"]
    assert "The item cannot be published before" in page


def test_publishing_reaches_the_submitter_and_the_public_catalogue(
    client, partner, editor, committed
):
    published = submitted(partner, title="Recruitment corridors in Nigeria", countries=["NGA"])
    rejected = submitted(partner, title="Quarry labour in Nigeria", countries=["NGA"])
    pending = submitted(partner, title="Orchard labour in Nigeria", countries=["NGA"])
    full_panel(published, editor, prefix="a")
    full_panel(rejected, editor, prefix="b")
    review_by(ReviewerFactory(), pending, editor)
    client.force_login(editor)

    mail.outbox.clear()
    response = committed(
        client.post,
        f"/review/items/{published.pk}/decide/",
        {"action": "publish", "message": "Welcome to the hub."},
    )
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.status == Status.PUBLISHED
    assert [message.to for message in mail.outbox] == [[partner.email]]
    assert "Published" in mail.outbox[0].body
    assert "Welcome to the hub." in mail.outbox[0].body
    response = committed(
        client.post,
        f"/review/items/{rejected.pk}/decide/",
        {"action": "reject", "message": "Out of scope."},
    )
    assert response.status_code == 302

    client.logout()
    browse = client.get("/resources/")
    titles = set(result_titles(browse.context["browse"].page.object_list))
    assert published.title in titles
    assert not titles & {rejected.title, pending.title}
    assert "Recruitment corridors in Nigeria" in text(client.get("/resources/?q=corridors"))
    for word in ("quarry", "orchard"):
        search = client.get(f"/resources/?q={word}")
        assert not search.context["browse"].page.object_list
    countries = next(
        facet for facet in browse.context["browse"].facets if facet.parameter == "country"
    )
    assert {option.code: option.count for option in countries.options}["NGA"] == 1
    assert client.get(published.get_absolute_url()).status_code == 200
    assert client.get(f"/resources/{rejected.slug}/").status_code == 404
    assert client.get(f"/resources/{pending.slug}/").status_code == 404


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("request_changes", Status.CHANGES_REQUESTED),
        ("reject", Status.REJECTED),
    ],
)
def test_decisions_with_a_message_reach_the_submitter(
    client, partner, editor, committed, action, status
):
    item = submitted(partner)
    full_panel(item, editor)
    client.force_login(editor)
    history = HistoryEntry.objects.count()
    response = client.post(f"/review/items/{item.pk}/decide/", {"action": action})
    assert response.status_code == 400
    assert "Please write a message to the submitter" in field_error(response, "message")
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW
    assert HistoryEntry.objects.count() == history

    mail.outbox.clear()
    response = committed(
        client.post,
        f"/review/items/{item.pk}/decide/",
        {
            "action": action,
            "message": "Please cite the 2024 data.",
            "note": "Second opinion from the desk.",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == status
    assert [message.to for message in mail.outbox] == [[partner.email]]
    assert "Please cite the 2024 data." in mail.outbox[0].body
    entry = HistoryEntry.objects.filter(resource=item).last()
    assert (entry.action, entry.actor, entry.message, entry.note) == (
        action,
        editor,
        "Please cite the 2024 data.",
        "Second opinion from the desk.",
    )
    page = text(client.get(f"/review/items/{item.pk}/"))
    assert "Second opinion from the desk." in page


def test_impossible_decisions_are_refused_and_change_nothing(client, partner, editor):
    item = submitted(partner)
    review_by(ReviewerFactory(), item, editor)
    client.force_login(editor)
    history = HistoryEntry.objects.count()
    response = client.post(f"/review/items/{item.pk}/decide/", {"action": "publish"})
    assert response.status_code == 409
    assert "cannot be published before" in text(response)
    assert "Nothing was changed." in text(response)
    response = client.post(f"/review/items/{item.pk}/decide/", {"action": "archive"})
    assert response.status_code == 409
    for data in ({"action": "withdraw"}, {"action": "explode"}, {}):
        assert client.post(f"/review/items/{item.pk}/decide/", data).status_code == 400
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW
    assert HistoryEntry.objects.count() == history


def test_a_resubmitted_item_with_a_reviewer_still_to_review_resumes_its_review(
    client, partner, editor
):
    item = submitted(partner)
    full_panel(item, editor)
    late = ReviewerFactory(username="late")
    services.assignment_create(resource_id=item.pk, reviewer=late, actor=editor)
    workflow.transition(
        resource_id=item.pk, name="request_changes", actor=editor, message="Add the date."
    )
    workflow.transition(resource_id=item.pk, name="resubmit", actor=partner)
    client.force_login(editor)
    page = text(client.get(f"/review/items/{item.pk}/"))
    assert 'value="start_review"' in page
    assert "1 reviewer on the panel has not reviewed yet." in page
    assert "Start the review again so that they can review the revised item" in page
    assert (
        client.post(f"/review/items/{item.pk}/decide/", {"action": "start_review"}).status_code
        == 302
    )
    assert client.post(f"/review/items/{item.pk}/decide/", {"action": "publish"}).status_code == 302
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED


def test_the_history_shows_every_step_to_editors(client, partner, editor):
    item = submitted(partner)
    reviewer = ReviewerFactory(username="historian")
    review_by(reviewer, item, editor)
    client.force_login(editor)
    page = text(client.get(f"/review/items/{item.pk}/"))
    history = page[page.index('id="history-heading"') :]
    for step in (
        "Submitted for review",
        "Review started",
        "Reviewer assigned",
        "Review submitted",
        "Assigned Historian.",
    ):
        assert step in history


# Review record on the public item page


def test_a_published_item_shows_its_review_record_without_names(client, partner, editor):
    item = submitted(partner, title="Reviewed guidance")
    reviewers = full_panel(item, editor, prefix="secret")
    workflow.transition(resource_id=item.pk, name="publish", actor=editor)
    item.refresh_from_db()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(item.get_absolute_url())
    page = text(response)
    assert "Peer reviewed by 3 reviewers (1 UN, 2 non-UN)" in page
    published = item.published_at
    assert f"published {published.day} {published:%B %Y}" in page
    for reviewer in reviewers:
        assert reviewer.name not in page
        assert reviewer.username not in page
    record_queries = [
        query for query in queries.captured_queries if "review_assignment" in query["sql"]
    ]
    assert len(record_queries) == 1


def test_the_review_record_counts_an_unverified_un_claim_as_non_un(client, partner, editor):
    item = submitted(partner, title="Reviewed twice over")
    full_panel(item, editor, prefix="counted")
    review_by(ReviewerFactory(username="claims-un", un=True, un__confirmed=False), item, editor)
    workflow.transition(resource_id=item.pk, name="publish", actor=editor)
    item.refresh_from_db()
    page = text(client.get(item.get_absolute_url()))
    assert "Peer reviewed by 4 reviewers (1 UN, 3 non-UN)" in page


def test_items_published_without_reviews_show_no_record(client):
    item = ResourceFactory(title="Imported item")
    assert "Peer reviewed" not in text(client.get(item.get_absolute_url()))


def test_review_pages_carry_no_inline_script_or_style(client, partner, editor, reviewing):
    item = reviewing.resource
    client.force_login(editor)
    pages = [
        client.get("/review/"),
        client.get(f"/review/items/{item.pk}/"),
        client.get("/review/roster/"),
        client.get("/roster/apply/"),
    ]
    client.force_login(reviewing.reviewer)
    pages += [client.get("/review/"), client.get(f"/review/assignments/{reviewing.pk}/")]
    for response in pages:
        assert response.status_code == 200
        page = text(response)
        assert "<script" not in page and "<style" not in page and " style=" not in page


def test_the_reviewer_gets_the_item_link_and_file(client, partner, editor):
    item = submitted(partner, url="https://example.org/report", file="private/report.pdf")
    reviewer = ReviewerFactory()
    assignment = services.assignment_create(resource_id=item.pk, reviewer=reviewer, actor=editor)
    client.force_login(reviewer)
    page = text(client.get(f"/review/assignments/{assignment.pk}/"))
    assert 'href="https://example.org/report"' in page
    assert f'href="/files/{item.pk}/"' in page


# Hostile input: a clear 4xx or a normal page, never a 500, and nothing half-written.

HOSTILE_QUERIES = [
    "state=%00",
    "objective=%00",
    "objective=1%27%20OR%201=1",
    "age=-1",
    "age=99999999999999999999",
    "page=%00",
    "page=-1",
    "page=99999999",
    "state=in_review&state=in_review",
    "state=%3Cscript%3E",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_the_queue_survives_hostile_filters(client, partner, editor, query):
    submitted(partner)
    client.force_login(editor)
    response = client.get(f"/review/?{query}")
    assert response.status_code in (200, 400)
    assert "<script>" not in text(response)


HOSTILE_VALUES = ["\x00", "a\x00b", "99999999999999999999", "-1", "<script>", "1.5", ""]


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_review_forms_survive_hostile_values(client, reviewing, editor, value):
    item = reviewing.resource
    client.force_login(editor)
    before = (HistoryEntry.objects.count(), Assignment.objects.count(), item.status)
    for url, data in [
        (f"/review/items/{item.pk}/assign/", {"reviewer": value}),
        (f"/review/items/{item.pk}/decide/", {"action": value, "message": value}),
        (
            f"/review/items/{item.pk}/decide/",
            {"action": "reject", "message": f"{value}\x00", "note": value},
        ),
        ("/review/roster/1/decide/", {"application-1-decision": value}),
        (
            "/roster/apply/",
            {
                "objectives": value,
                "regions": value,
                "un_languages": value,
                "other_languages": value,
                "is_un_affiliated": value,
                "years_of_experience": value,
                "statement": value,
            },
        ),
    ]:
        response = client.post(url, data)
        assert response.status_code in (302, 400, 404), (url, response.status_code)
    client.force_login(reviewing.reviewer)
    response = client.post(
        f"/review/assignments/{reviewing.pk}/review/",
        review_data(relevance=value, comments_for_submitter=value),
    )
    assert response.status_code == 400
    response = client.post(
        f"/review/assignments/{reviewing.pk}/declare/",
        {"has_conflict": value, "conflict_note": value},
    )
    assert response.status_code in (400, 409)
    item.refresh_from_db()
    assert (HistoryEntry.objects.count(), Assignment.objects.count(), item.status) == before


@pytest.mark.parametrize(
    ("path", "member"),
    [
        ("/review/items/99999999999999999999/", "editor"),
        ("/review/assignments/99999999999999999999/", "reviewer"),
    ],
)
def test_huge_ids_are_not_found(client, editor, path, member):
    client.force_login(editor if member == "editor" else ReviewerFactory())
    assert client.get(path).status_code == 404


# Core fixes behind these pages


def test_the_assignment_step_records_the_state_the_item_is_in(partner, editor):
    item = submitted(partner)
    services.assignment_create(resource_id=item.pk, reviewer=ReviewerFactory(), actor=editor)
    entry = HistoryEntry.objects.get(resource=item, action="assign")
    assert (entry.from_status, entry.to_status) == (Status.IN_REVIEW, Status.IN_REVIEW)


@pytest.mark.parametrize(
    ("scores", "recommendation"),
    [
        ({**SCORES, "relevance": 6}, Recommendation.ACCEPT),
        (
            {name: score for name, score in SCORES.items() if name != "currency"},
            Recommendation.ACCEPT,
        ),
        ({**SCORES, "novelty": 3}, Recommendation.ACCEPT),
        (SCORES, "publish"),
    ],
)
def test_the_review_service_refuses_incomplete_or_invalid_reviews(
    reviewing, scores, recommendation
):
    with pytest.raises(workflow.WorkflowError):
        services.review_submit(
            assignment_id=reviewing.pk,
            actor=reviewing.reviewer,
            scores=scores,
            recommendation=recommendation,
        )
    assert not Review.objects.exists()


def test_a_reviewers_open_assignments_come_before_finished_ones(partner, editor):
    reviewer = ReviewerFactory()
    finished = submitted(partner, title="Finished")
    review_by(reviewer, finished, editor)
    waiting = submitted(partner, title="Waiting")
    open_assignment = services.assignment_create(
        resource_id=waiting.pk, reviewer=reviewer, actor=editor
    )
    services.assignment_declare(
        assignment_id=open_assignment.pk, actor=reviewer, has_conflict=False
    )
    assert [
        assignment.resource.title for assignment in reviewer_assignments(reviewer=reviewer)
    ] == ["Waiting", "Finished"]


def test_proposed_publishers_are_shown_to_editors_and_created_when_published(
    client, partner, editor, committed
):
    quiet = OrganizationFactory(name="Quiet Affiliation Office", slug="quiet-affiliation")
    UserFactory(username="affiliated", organization=quiet)
    resource = submitted(
        partner,
        title="Recruitment corridors in Nigeria",
        proposed_publishers="Anti-Trafficking Observatory\nquiet affiliation office",
    )
    assert client.get("/resources/?publisher=quiet-affiliation").status_code == 400
    client.force_login(editor)
    page = text(client.get(f"/review/items/{resource.pk}/"))
    assert re.search(
        r"<dt>Other publishers</dt>\s*<dd[^>]*>Anti-Trafficking Observatory<br>"
        r"quiet affiliation office</dd>",
        page,
    )
    assert not Organization.objects.filter(name="Anti-Trafficking Observatory").exists()

    full_panel(resource, editor)
    response = committed(
        client.post, f"/review/items/{resource.pk}/decide/", {"action": "publish", "message": ""}
    )
    assert response.status_code == 302
    created = Organization.objects.get(name="Anti-Trafficking Observatory")
    assert set(resource.publishers.all()) == {created, quiet}
    resource.refresh_from_db()
    assert resource.status == Status.PUBLISHED and resource.proposed_publishers == ""

    client.logout()
    for organization in (created, quiet):
        browse = client.get(f"/resources/?publisher={organization.slug}")
        assert browse.status_code == 200
        assert resource.title in text(browse)


# What the editor is told


@pytest.mark.parametrize(
    ("action", "said"),
    [
        ("request_changes", "Changes requested: the submitter has been asked to revise the item."),
        ("reject", "Rejected: the submitter has been told why."),
        ("mark_duplicate", "Marked as a duplicate: the submitter has been told why."),
        ("publish", "Published: the item is now public and the submitter has been told."),
    ],
)
def test_each_decision_ends_with_a_sentence_saying_what_happened(
    client, partner, editor, action, said
):
    item = submitted(partner)
    full_panel(item, editor)
    client.force_login(editor)
    response = client.post(
        f"/review/items/{item.pk}/decide/", {"action": action, "message": "Thank you."}, follow=True
    )
    page = text(response)
    assert said in page
    assert "Done:" not in page


def test_the_message_to_the_submitter_says_for_which_decisions_it_is_required(
    client, partner, editor
):
    item = submitted(partner)
    full_panel(item, editor)
    client.force_login(editor)
    page = text(client.get(f"/review/items/{item.pk}/"))
    label = re.search(r'<label for="id_message">(.*?)</label>', page, re.S).group(1)
    assert label.strip() == "Message to the submitter"
    help_text = re.search(r'<p class="hint" id="id_message_helptext">(.*?)</p>', page, re.S).group(
        1
    )
    assert html.unescape(help_text) == (
        "Required for “Request changes”, “Reject” and “Mark as duplicate”; optional for "
        "“Publish”. The submitter receives it by email and sees it on their submissions "
        "page."
    )


def test_every_history_step_is_shown_with_its_label(client, partner, editor):
    submitted(partner, title="Trafficking in fishing fleets", url="https://example.org/fish")
    copy = ResourceFactory(
        status=Status.DRAFT,
        submitted_by=partner,
        title="Trafficking in fishing fleets",
        url="https://example.org/fish",
    )
    submission_services.resource_submit(resource_id=copy.pk, actor=partner)
    client.force_login(editor)
    page = text(client.get(f"/review/items/{copy.pk}/"))
    history = page[page.index('id="history-heading"') :]
    steps = re.findall(r"</th>\s*<td>([^<]*)</td>", history)
    assert steps == ["Submitted for review", "Possible duplicate found"]
    assert "possible_duplicate" not in page
    for step in Step:
        assert step.label and step.label != step.value
