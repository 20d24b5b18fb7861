"""The editor is told one true thing about each item: its stage, the panel, what to do now."""

import html
import re

import pytest

from resources.models import Resource, Status
from review import services, workflow
from review.models import Recommendation
from tests.factories import ResourceFactory, ReviewerFactory

from .test_views import full_panel, review_by, submitted, text

pytestmark = pytest.mark.django_db

DISAGREEING = (Recommendation.ACCEPT, Recommendation.MINOR_CHANGES, Recommendation.REJECT)


def guidance(page: str) -> str:
    """Return the text of the "Where this item stands" section, tags removed."""
    section = re.search(r'<section aria-labelledby="guidance-heading".*?</section>', page, re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section.group(0)))).strip()


def test_disagreeing_reviewers_and_no_one_left_to_add_leave_the_decision_to_the_editor(
    client, partner, editor
):
    item = submitted(partner, title="Scam compounds in the Mekong")
    full_panel(item, editor, DISAGREEING, prefix="panel")
    client.force_login(editor)
    page = text(client.get(f"/review/items/{item.pk}/"))
    said = guidance(page)

    assert "Where this item stands: Reviews disagree" in said
    assert (
        "The reviewers disagree: Panel-Un recommends “Accept”; Panel-One recommends "
        "“Accept with minor changes”; Panel-Two recommends “Reject”."
    ) in said
    assert (
        "No other roster reviewer can review this item, so the decision is yours to take "
        "on the reviews given."
    ) in said
    assert (
        "The decisions open to you now: “Publish”, “Request changes”, “Reject” or "
        "“Mark as duplicate”."
    ) in said
    # Nothing on the page contradicts it.
    assert page.count("The reviewers disagree") == 1
    for contradiction in (
        "Add a third or fourth reviewer",
        "before deciding",
        "The panel is complete",
        'href="#add-reviewer"',
    ):
        assert contradiction not in page
    assert re.findall(r'name="action" value="(\w+)"', page) == [
        "publish",
        "request_changes",
        "reject",
        "mark_duplicate",
    ]


def test_disagreeing_reviewers_with_a_reviewer_available_point_to_adding_one(
    client, partner, editor
):
    item = submitted(partner)
    full_panel(item, editor, DISAGREEING)
    ReviewerFactory(username="fourth")
    client.force_login(editor)
    page = text(client.get(f"/review/items/{item.pk}/"))
    said = guidance(page)

    assert "Where this item stands: Reviews disagree" in said
    assert (
        "Where reviewers disagree, the hub's rule is that an editor adds another "
        "reviewer: add one below, and decide once their review is in."
    ) in said
    assert 'href="#add-reviewer">Add a reviewer</a>' in page
    assert "No other roster reviewer" not in page
    assert re.search(r'<option value="\d+">Fourth · non-UN', page)


def test_an_item_waiting_for_reviews_says_who_is_missing_and_why_it_cannot_be_published(
    client, partner, editor
):
    item = submitted(partner)
    review_by(ReviewerFactory(), item, editor)
    services.assignment_create(resource_id=item.pk, reviewer=ReviewerFactory(), actor=editor)
    services.assignment_create(resource_id=item.pk, reviewer=ReviewerFactory(un=True), actor=editor)
    client.force_login(editor)
    said = guidance(text(client.get(f"/review/items/{item.pk}/")))
    assert "Where this item stands: Waiting for reviews" in said
    assert "2 reviewers on the panel have not reviewed yet." in said
    assert (
        "The item cannot be published before at least 1 UN reviewer and 2 non-UN "
        "reviewers have submitted their reviews (so far: 0 UN, 1 non-UN)."
    ) in said
    assert (
        "The decisions open to you now: “Request changes”, “Reject” or “Mark as duplicate”."
    ) in said


def test_agreeing_reviewers_make_the_item_ready_to_decide(client, partner, editor):
    item = submitted(partner)
    full_panel(item, editor)
    client.force_login(editor)
    said = guidance(text(client.get(f"/review/items/{item.pk}/")))
    assert "Where this item stands: Ready to decide" in said
    assert "The panel is complete and the reviewers agree." in said
    assert "“Publish”" in said


def test_a_resubmission_with_its_panel_done_is_decided_without_starting_the_review_again(
    client, partner, editor
):
    item = submitted(partner)
    full_panel(item, editor)
    workflow.transition(
        resource_id=item.pk, name="request_changes", actor=editor, message="Add the date."
    )
    workflow.transition(resource_id=item.pk, name="resubmit", actor=partner)
    client.force_login(editor)
    page = text(client.get(f"/review/items/{item.pk}/"))
    said = guidance(page)
    assert "Where this item stands: Resubmitted" in said
    assert ("The reviews from the previous round still count: you may decide now.") in said
    assert 'value="start_review"' not in page
    assert 'value="publish"' in page

    response = client.post(f"/review/items/{item.pk}/decide/", {"action": "publish"}, follow=True)
    assert "Published: the item is now public and the submitter has been told." in text(response)
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED


# The queue


def queue_marks(page: str) -> dict[str, list[str]]:
    """Map each queue row's title to the marks shown beside it."""
    rows = re.findall(r'<tr>\s*<th scope="row"><a [^>]*>([^<]*)</a></th>(.*?)</tr>', page, re.S)
    return {
        title: re.findall(r'<span class="status mark-[^"]*">([^<]*)</span>', row)
        for title, row in rows
    }


def test_the_queue_marks_where_each_item_stands(client, partner, editor):
    url = "https://example.org/item"
    submitted(partner, title="Nobody assigned", url=url)
    waiting = submitted(partner, title="Reviews pending", url=url)
    for reviewer in (ReviewerFactory(un=True), ReviewerFactory(), ReviewerFactory()):
        services.assignment_create(resource_id=waiting.pk, reviewer=reviewer, actor=editor)
    full_panel(
        submitted(partner, title="Reviewers disagree", url=url), editor, DISAGREEING, prefix="a"
    )
    full_panel(submitted(partner, title="Reviewers agree", url=url), editor, prefix="b")
    resubmitted = submitted(partner, title="Came back", url=url)
    full_panel(resubmitted, editor, prefix="c")
    workflow.transition(
        resource_id=resubmitted.pk, name="request_changes", actor=editor, message="Add the date."
    )
    workflow.transition(resource_id=resubmitted.pk, name="resubmit", actor=partner)
    submitted(partner, title="Nothing to open", url="")
    client.force_login(editor)

    response = client.get("/review/")
    assert response.status_code == 200
    assert queue_marks(text(response)) == {
        "Nobody assigned": ["Needs reviewers"],
        "Reviews pending": ["Waiting for reviews"],
        "Reviewers disagree": ["Reviews disagree"],
        "Reviewers agree": ["Ready to decide"],
        "Came back": ["Resubmitted"],
        "Nothing to open": ["Needs reviewers", "No link or file"],
    }


def test_the_queue_lists_items_with_no_link_or_file(client, partner, editor):
    submitted(partner, title="Has a link", url="https://example.org/a")
    submitted(partner, title="Has a file", url="", file="private/report.pdf")
    submitted(partner, title="Has neither", url="")
    ResourceFactory(title="Published without either", url="")
    client.force_login(editor)

    page = text(client.get("/review/"))
    assert 'type="checkbox" name="no_link_or_file"' in page
    assert "Only items with no link or file" in page
    response = client.get("/review/?no_link_or_file=on")
    assert response.status_code == 200
    assert list(queue_marks(text(response))) == ["Has neither"]
    assert "1 item" in text(response)
    response = client.get("/review/?no_link_or_file=on&state=published")
    assert list(queue_marks(text(response))) == ["Published without either"]
    assert set(Resource.objects.without_link_or_file().values_list("title", flat=True)) == {
        "Has neither",
        "Published without either",
    }


def test_the_queue_reads_every_panel_of_a_page_in_one_query(
    client, partner, editor, django_assert_max_num_queries
):
    for number in range(6):
        full_panel(submitted(partner, title=f"Item {number}"), editor, prefix=f"p{number}")
    client.force_login(editor)
    client.get("/review/")
    # One of them reads the items' languages, which mark each title, for the whole page.
    with django_assert_max_num_queries(11):
        response = client.get("/review/")
    assert queue_marks(text(response))["Item 5"][0] == "Ready to decide"
