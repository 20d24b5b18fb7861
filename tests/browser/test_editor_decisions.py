"""An editor's refused decision is seen at once, and the guidance pages meet WCAG 2.1 AA.

In real Chromium, at desktop and phone width: an editor asks for changes without a
message; the page that answers shows the error in its first screen, without scrolling,
and keeps what the editor wrote in the note.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from resources.models import Status
from review import workflow
from review.models import Recommendation
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_accessibility import AXE_OPTIONS, describe, visit
from tests.browser.test_contributor_pages import sign_in
from tests.factories import ResourceFactory, ReviewerFactory, UserFactory, review_by

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def disputed(catalogue):
    """Return an editor and a resubmitted item whose three reviewers disagree."""
    partner = UserFactory(username="decisions-partner")
    editor = UserFactory(username="decisions-editor", groups=["editor"])
    item = ResourceFactory(
        title="Debt bondage among seasonal farm workers",
        status=Status.DRAFT,
        submitted_by=partner,
        url="",
    )
    workflow.transition(resource_id=item.pk, name="submit", actor=partner)
    for reviewer, recommendation in (
        (ReviewerFactory(username="decisions-un", un=True), Recommendation.ACCEPT),
        (ReviewerFactory(username="decisions-a"), Recommendation.MINOR_CHANGES),
        (ReviewerFactory(username="decisions-b"), Recommendation.REJECT),
    ):
        review_by(reviewer, item, editor, recommendation)
    return {"editor": editor, "item": item, "partner": partner}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_decision_refused_for_a_missing_message_shows_the_error_first(page, disputed, viewport):
    page.set_viewport_size(viewport)
    sign_in(page, disputed["editor"])
    visit(page, f"/review/items/{disputed['item'].pk}/")
    page.fill("textarea[name=note]", "Checked with the desk.")
    page.click("button[name=action][value=request_changes]")
    page.wait_for_load_state()

    summary = page.locator(".error-summary").first
    assert "Please write a message to the submitter explaining this decision." in (
        summary.inner_text()
    )
    box = summary.bounding_box()
    scrolled = page.evaluate("window.scrollY")
    assert box is not None and box["y"] + box["height"] - scrolled <= viewport["height"], (
        "the error is below the first screen"
    )
    assert summary.is_visible()
    assert page.locator("textarea[name=note]").input_value() == "Checked with the desk."
    # The link in the summary takes the editor to the message field.
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.name") == "message" or (
        page.locator("#id_message").is_visible()
    )
    disputed["item"].refresh_from_db()
    assert disputed["item"].status == Status.IN_REVIEW


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize(
    "viewport",
    [
        DESKTOP,
        PHONE,
    ],
    ids=["desktop", "phone"],
)
def test_the_guidance_queue_and_resubmission_pages_meet_wcag_21_aa(page, axe, disputed, viewport):
    item = disputed["item"]
    workflow.transition(
        resource_id=item.pk,
        name="request_changes",
        actor=disputed["editor"],
        message="Please add a link.",
    )
    item.refresh_from_db()
    item.title = "Debt bondage among seasonal farm workers in 2024"
    item.save()
    workflow.transition(resource_id=item.pk, name="resubmit", actor=disputed["partner"])
    page.set_viewport_size(viewport)
    sign_in(page, disputed["editor"])
    for path in ("/review/", "/review/?no_link_or_file=on", f"/review/items/{item.pk}/"):
        visit(page, path)
        violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
        assert not violations, f"axe-core found violations on {path}:\n" + describe(violations)
    assert "What the submitter changed" in page.inner_text("main")
