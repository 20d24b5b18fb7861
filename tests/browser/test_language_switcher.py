"""The language links and the offer line fit every width and lead to the same page."""

import os

import pytest

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("HUB_SCREENSHOTS")  # a folder to keep screenshots in, when set


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "375px"])
@pytest.mark.parametrize("start", ["/resources/?country=NGA", "/ar/resources/?country=NGA"])
def test_the_switcher_and_offer_fit_and_keep_the_filters(
    browser, live_server, catalogue, viewport, start
):
    context = browser.new_context(
        base_url=live_server.url, viewport=viewport, extra_http_headers={"Accept-Language": "fr"}
    )
    page = context.new_page()
    try:
        page.goto(start)
        offer = page.locator(".language-offer a")
        assert offer.is_visible()
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), (
            "the page scrolls sideways"
        )
        switcher = page.locator(".language-switcher a")
        assert switcher.count() == 6
        for index in range(6):
            box = switcher.nth(index).bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
        if SHOTS:
            name = f"{start.strip('/').split('/')[0] or 'en'}-{viewport['width']}.png"
            page.screenshot(path=os.path.join(SHOTS, name), full_page=False)
        page.locator('.language-switcher a[lang="zh-hans"]').click()
        page.wait_for_url("**/zh-hans/resources/?country=NGA")
        assert page.locator("html").get_attribute("lang") == "zh-Hans"
        offer.click()
        page.wait_for_url("**/fr/resources/?country=NGA")
        assert page.locator(".language-offer").count() == 0
    finally:
        context.close()
