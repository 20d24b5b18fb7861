"""A misspelt search in Chromium, at desktop and phone width: the results meant, both links."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import DESKTOP, PHONE, _new_page
from tests.browser.test_accessibility import describe, visit


@pytest.fixture(params=[DESKTOP, PHONE], ids=["1280px", "375px"])
def page(request, browser, live_server, catalogue):
    context, page = _new_page(browser, live_server, request.param)
    yield page
    context.close()


def test_a_misspelt_search_shows_what_was_meant_and_offers_the_query_as_typed(page):
    visit(page, "/resources/?q=trafficing&kind=document")
    notice = page.locator(".notice.correction")
    notice.scroll_into_view_if_needed()
    assert notice.is_visible()
    assert " ".join(notice.inner_text().split()) == (
        "Showing results for trafficking; search instead for trafficing."
    )
    assert page.locator(".result-list .card-title").count() > 0
    violations = Axe().run(page).response["violations"]
    assert not violations, describe(violations)

    notice.get_by_role("link", name="trafficing").click()
    page.wait_for_load_state()
    assert "as_typed=1" in page.url and "kind=document" in page.url
    assert page.locator(".notice.correction").count() == 0
    assert page.locator("#search-q").input_value() == "trafficing"
