"""Contributor, reviewer and editor pages meet WCAG 2.1 A/AA in real Chromium."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client

from resources.models import Status
from review import services, workflow
from tests.browser.test_accessibility import AXE_OPTIONS, describe, visit
from tests.factories import ResourceFactory, ReviewerFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, user) -> None:
    """Give the browser a session for ``user`` without going through the login form."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value,
                               "url": page.hub_origin}])


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.fixture
def panel(catalogue):
    partner = UserFactory(username="browser-partner")
    editor = UserFactory(username="browser-editor", groups=["editor"])
    reviewer = ReviewerFactory(username="browser-reviewer")
    item = ResourceFactory(title="Awaiting review", status=Status.DRAFT, submitted_by=partner)
    workflow.transition(resource_id=item.pk, name="submit", actor=partner)
    assignment = services.assignment_create(resource_id=item.pk, reviewer=reviewer,
                                            actor=editor)
    return {"partner": partner, "editor": editor, "reviewer": reviewer, "item": item,
            "assignment": assignment}


def check(page, axe, path):
    visit(page, path)
    violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, f"axe-core found violations on {path}:\n" + describe(violations)


def test_partner_pages(page, axe, panel):
    sign_in(page, panel["partner"])
    for path in ("/submit/", "/submit/?kind=practice", "/submit/?kind=event", "/my/",
                 f"/my/{panel['item'].pk}/", "/roster/apply/", "/accounts/profile/"):
        check(page, axe, path)


def test_editor_pages(page, axe, panel):
    sign_in(page, panel["editor"])
    for path in ("/review/", f"/review/items/{panel['item'].pk}/", "/review/roster/"):
        check(page, axe, path)


def test_reviewer_declaration_and_review_form(page, axe, panel):
    sign_in(page, panel["reviewer"])
    path = f"/review/assignments/{panel['assignment'].pk}/"
    check(page, axe, "/review/")
    check(page, axe, path)
    services.assignment_declare(assignment_id=panel["assignment"].pk, actor=panel["reviewer"],
                                has_conflict=False)
    check(page, axe, path)


def test_sign_in_and_sign_up_forms(page, axe):
    for path in ("/accounts/login/", "/accounts/signup/", "/contact/"):
        check(page, axe, path)
