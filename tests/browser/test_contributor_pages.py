"""Contributor, reviewer and editor pages meet WCAG 2.1 A/AA in Chromium at 1280 and 375 px."""

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
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": page.hub_origin}]
    )


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
    assignment = services.assignment_create(resource_id=item.pk, reviewer=reviewer, actor=editor)
    return {
        "partner": partner,
        "editor": editor,
        "reviewer": reviewer,
        "item": item,
        "assignment": assignment,
    }


def check(page, axe, path):
    visit(page, path)
    violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, f"axe-core found violations on {path}:\n" + describe(violations)


def test_partner_pages(any_width_page, axe, panel):
    page = any_width_page
    sign_in(page, panel["partner"])
    for path in (
        "/submit/",
        "/submit/?kind=practice",
        "/submit/?kind=event",
        "/my/",
        f"/my/{panel['item'].pk}/",
        "/roster/apply/",
        "/accounts/profile/",
    ):
        check(page, axe, path)


def test_editor_pages(any_width_page, axe, panel):
    page = any_width_page
    sign_in(page, panel["editor"])
    for path in ("/review/", f"/review/items/{panel['item'].pk}/", "/review/roster/"):
        check(page, axe, path)


def test_reviewer_declaration_and_review_form(any_width_page, axe, panel):
    page = any_width_page
    sign_in(page, panel["reviewer"])
    path = f"/review/assignments/{panel['assignment'].pk}/"
    check(page, axe, "/review/")
    check(page, axe, path)
    services.assignment_declare(
        assignment_id=panel["assignment"].pk, actor=panel["reviewer"], has_conflict=False
    )
    check(page, axe, path)


def test_sign_in_and_sign_up_forms(any_width_page, axe):
    page = any_width_page
    for path in ("/accounts/login/", "/accounts/signup/", "/contact/"):
        check(page, axe, path)


TABLE_REGIONS = """() => [...document.querySelectorAll('table')].map(table => {
  const region = table.parentElement;
  return {region: region.getAttribute('role'), tabindex: region.getAttribute('tabindex'),
          name: document.getElementById(region.getAttribute('aria-labelledby'))?.textContent
                .trim(),
          scrolls: region.scrollWidth > region.clientWidth};
})"""


def tab_to_scrolling_table(page) -> bool:
    """Press Tab until a table region that scrolls sideways has the focus."""
    for _ in range(150):
        page.keyboard.press("Tab")
        if page.evaluate(
            "() => document.activeElement.matches('[role=region]')"
            " && document.activeElement.scrollWidth"
            " > document.activeElement.clientWidth"
        ):
            return True
    return False


@pytest.mark.parametrize("who", ["partner", "editor"])
def test_at_phone_width_every_wide_table_scrolls_by_keyboard(phone_page, panel, who):
    sign_in(phone_page, panel[who])
    paths = {
        "partner": [f"/my/{panel['item'].pk}/"],
        "editor": [f"/review/items/{panel['item'].pk}/", "/review/roster/"],
    }[who]
    for path in paths:
        visit(phone_page, path)
        tables = phone_page.evaluate(TABLE_REGIONS)
        assert any(table["scrolls"] for table in tables), f"no table scrolls on {path}"
        for table in tables:
            assert (table["region"], table["tabindex"]) == ("region", "0"), (path, table)
            assert table["name"], f"a table region on {path} has no name: {table}"
        assert tab_to_scrolling_table(phone_page), f"Tab never reached a table on {path}"
        outline = phone_page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
        assert outline == "solid", f"the focused table region on {path} shows no focus ring"
        phone_page.keyboard.press("ArrowRight")
        phone_page.wait_for_function("() => document.activeElement.scrollLeft > 0")
