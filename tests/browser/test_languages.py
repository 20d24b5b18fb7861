"""Check the pages in Arabic and Chinese in a real Chromium, at desktop and phone width.

axe-core finds no WCAG 2.1 A/AA violation on the home, browse, objective, country and
item pages; Arabic pages are mirrored (the brand on the right, the search button to the
left of its field) and, like Chinese ones, never scroll sideways on a phone; each item's
own text runs in its own direction whatever the page's.

Pages are opened with ``tests.languages.address_in`` and the language cookie, so the same
tests hold once the addresses carry the language (``/ar/``, ``/zh-hans/``).
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_accessibility import AXE_OPTIONS, OVERFLOWING, describe, visit
from tests.factories import ResourceFactory
from tests.languages import (
    ARABIC_ITEM,
    CHINESE_ITEM,
    address_in,
    choose_language,
    item_address_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = [pytest.param("ar", id="ar"), pytest.param("zh-hans", id="zh-hans")]
PAGES = ["home", "browse", "objective", "country", "item-en", "item-ar", "item-zh"]


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.fixture
def scripts(catalogue):
    """Add an Arabic and a Chinese item to the catalogue, so pages mix scripts."""
    return {
        **catalogue,
        "arabic": ResourceFactory(**ARABIC_ITEM, languages=["ar"], countries=["EGY", "JOR"]),
        "chinese": ResourceFactory(**CHINESE_ITEM, languages=["zh"], countries=["CHN"]),
    }


def address(name: str, language: str, scripts) -> str:
    """Return the address of one of the pages the layout must get right, in a language."""
    addresses = {
        "home": lambda: address_in(language, "home"),
        "browse": lambda: address_in(language, "resources:browse", query="objective=10"),
        "objective": lambda: address_in(language, "taxonomy:objective", "10"),
        "country": lambda: address_in(language, "taxonomy:country", "EGY"),
        "item-en": lambda: item_address_in(language, scripts["practice"]),
        "item-ar": lambda: item_address_in(language, scripts["arabic"]),
        "item-zh": lambda: item_address_in(language, scripts["chinese"]),
    }
    return addresses[name]()


@pytest.mark.parametrize("language", LANGUAGES)
def test_arabic_and_chinese_pages_meet_wcag_21_aa(any_width_page, axe, scripts, language):
    page = any_width_page
    choose_language(page, language)
    found = {}
    for name in PAGES:
        path = address(name, language, scripts)
        visit(page, path)
        if violations := axe.run(page, options=AXE_OPTIONS).response["violations"]:
            found[path] = describe(violations)
    assert not found, f"axe-core found violations in {language}:\n" + "\n".join(
        f"{path}:\n{described}" for path, described in found.items()
    )


# Text wider than its box: on a right-to-left page, text running out of the left-to-right
# box of an English citation goes off the screen where no scrolling reaches it.
SPILLING = """() => [...document.querySelectorAll('main *')]
  .filter(el => getComputedStyle(el).overflowX === 'visible' && el.clientWidth > 0
                && el.scrollWidth > el.clientWidth + 1)
  .slice(0, 8)
  .map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '')
             + ' (' + el.scrollWidth + 'px in ' + el.clientWidth + 'px)')"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_sideways_scrolling_on_a_phone_in_arabic_or_chinese(phone_page, scripts, language):
    choose_language(phone_page, language)
    for name in PAGES:
        visit(phone_page, address(name, language, scripts))
        scroll_width, inner_width = phone_page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert scroll_width <= inner_width, (
            f"{name} in {language} is {scroll_width}px wide on a {inner_width}px screen: "
            f"{phone_page.evaluate(OVERFLOWING)}"
        )
        spilling = phone_page.evaluate(SPILLING)
        assert not spilling, f"{name} in {language}: text wider than its box: {spilling}"


def test_an_arabic_page_is_the_mirror_of_an_english_one(page, scripts):
    def positions():
        visit(page, page_address)
        brand = page.locator(".brand").bounding_box()
        field = page.locator(".search-row input").bounding_box()
        button = page.locator(".search-row button").bounding_box()
        return brand["x"] + brand["width"] / 2, field["x"], button["x"]

    page_address = address_in("en", "home")
    brand, field, button = positions()
    assert brand < 640 and field < button
    choose_language(page, "ar")
    page_address = address_in("ar", "home")
    brand, field, button = positions()
    assert page.evaluate("() => getComputedStyle(document.body).direction") == "rtl"
    assert brand > 640 and button < field


def test_each_items_text_runs_its_own_way_on_a_page_of_the_other_direction(page, scripts):
    direction = "(selector) => getComputedStyle(document.querySelector(selector)).direction"
    visit(page, item_address_in("en", scripts["arabic"]))
    assert page.evaluate(direction, "main h1") == "rtl"
    assert page.evaluate(direction, "main .prose") == "rtl"
    choose_language(page, "ar")
    visit(page, item_address_in("ar", scripts["report"]))
    assert page.evaluate(direction, "main h1") == "ltr"
    assert page.evaluate(direction, "main .breadcrumbs") == "rtl"
