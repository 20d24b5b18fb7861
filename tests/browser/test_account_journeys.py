"""A visitor signs up from the roster application and comes back to it, at desktop and phone
width; a refused sign-up keeps what was typed. Each page also passes axe-core."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.core.cache import caches

from tests.browser.conftest import DESKTOP, PHONE, _new_page
from tests.browser.test_accessibility import AXE_OPTIONS, describe, visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Trafficking-prevention-2025"


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def any_page(request, browser, live_server, transactional_db):
    caches["limits"].clear()
    context, page = _new_page(browser, live_server, request.param)
    yield page
    context.close()
    caches["limits"].clear()


def assert_accessible(page, axe) -> None:
    violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, f"axe-core found violations on {page.url}:\n" + describe(violations)


def fill_sign_up(page, *, name: str, email: str) -> None:
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Organization").fill("Friends of the Hub")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()


def test_a_visitor_signs_up_from_the_roster_application_and_comes_back_to_it(any_page, axe):
    page = any_page
    visit(page, "/roster/apply/")
    assert page.get_by_role("heading", name="You need an account to apply").is_visible()
    assert_accessible(page, axe)

    page.get_by_role("link", name="Create an account").last.click()
    assert "brings you back to where you were" in page.content()
    assert_accessible(page, axe)
    fill_sign_up(page, name="Ana Lima", email="ana.lima@example.org")
    assert page.get_by_text("We have sent you an email").is_visible()

    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body)[1]
    visit(page, link)
    page.get_by_role("button", name="Confirm my email address").click()
    assert page.url.endswith("/roster/apply/")
    assert page.get_by_text("your email address is confirmed and you are signed in").is_visible()
    assert page.get_by_role("button", name="Send my application").is_visible()


def test_a_refused_sign_up_keeps_what_was_typed_and_says_when_to_try_again(any_page, axe, settings):
    settings.HUB_RATE_LIMITS = {**settings.HUB_RATE_LIMITS, "signup": "1/h"}
    page = any_page
    visit(page, "/accounts/signup/")
    fill_sign_up(page, name="First Participant", email="first@example.org")
    visit(page, "/accounts/signup/")
    fill_sign_up(page, name="Second Participant", email="second@example.org")

    assert page.get_by_role("heading", name="Sign-up is paused for your network").is_visible()
    assert page.get_by_label("Full name").input_value() == "Second Participant"
    assert page.get_by_label("Email address").input_value() == "second@example.org"
    assert page.get_by_label("Organization").input_value() == "Friends of the Hub"
    assert page.get_by_role("link", name="tell the hub's editors").is_visible()
    assert page.get_by_role("link", name="Reset your password").count() == 0
    assert_accessible(page, axe)


def test_the_link_or_file_group_fits_a_phone_and_says_one_is_required(
    browser, live_server, transactional_db
):
    from tests.browser.test_contributor_pages import sign_in
    from tests.factories import UserFactory

    context, page = _new_page(browser, live_server, PHONE)
    try:
        sign_in(page, UserFactory(username="phone-partner"))
        visit(page, "/submit/?kind=document")
        group = page.locator("fieldset", has_text="Link or file")
        assert group.get_by_text("A link or a file is required").first.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()
