"""Check the public pages in a real Chromium: WCAG 2.1 A/AA by axe-core at desktop and phone
width, the phone layout, the way to the filters, the skip link and the site icon.

Run on their own with ``.venv/bin/python -m pytest tests/browser`` (or ``-m browser``).
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    # The live server reads from another thread, so data must be committed; conftest.py
    # says how the taxonomy survives each transactional test's flush.
    pytest.mark.django_db(transaction=True),
]

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
FILTERED_BROWSE = "/resources/?objective=10&region=asia&q=trafficking"

PAGES = [
    pytest.param("/", 200, id="home"),
    pytest.param("/resources/", 200, id="browse"),
    pytest.param(FILTERED_BROWSE, 200, id="browse-filtered"),
    pytest.param("/resources/?page=2", 200, id="browse-page-2"),
    pytest.param("/resources/facets/country/?objective=10", 200, id="facet-values"),
    pytest.param("/resources/?year_from=abc", 400, id="browse-bad-filter"),
    pytest.param("/objectives/", 200, id="objective-list"),
    pytest.param("/objectives/10/", 200, id="objective-10"),
    pytest.param("/countries/NGA/", 200, id="country-nigeria"),
    pytest.param("/regions/asia/", 200, id="region-asia"),
    pytest.param("/resources/global-report-2020/", 200, id="item-report"),
    pytest.param("/resources/no-such-resource/", 404, id="not-found"),
]


def visit(page, path: str, status: int = 200):
    """Open a page of the live server, check its status and that it loaded nothing foreign."""
    response = page.goto(path)
    assert response is not None and response.status == status, (
        f"GET {path} answered {response.status if response else 'nothing'}, expected {status}"
    )
    foreign = [url for url in page.requested_urls if not url.startswith(page.hub_origin + "/")]
    assert not foreign, f"{path} loaded third-party assets: {foreign}"
    return response


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']} "
            f"[{violation['helpUrl']}]"
        )
        for node in violation["nodes"][:10]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {', '.join(map(str, node['target']))}: {summary}")
        if len(violation["nodes"]) > 10:
            lines.append(f"    … and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize(("path", "status"), PAGES)
def test_page_meets_wcag_21_aa(any_width_page, axe, path, status):
    page = any_width_page
    visit(page, path, status)
    violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, f"axe-core found WCAG 2.1 A/AA violations on {path}:\n" + describe(
        violations
    )


@pytest.mark.parametrize("kind", ["practice", "project", "video", "event", "asia"])
def test_item_pages_of_every_kind_meet_wcag_21_aa(any_width_page, axe, catalogue, kind):
    page = any_width_page
    path = catalogue[kind].get_absolute_url()
    visit(page, path)
    violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
    assert not violations, f"axe-core found WCAG 2.1 A/AA violations on {path}:\n" + describe(
        violations
    )


def test_filtered_browse_shows_only_matching_published_items(page):
    visit(page, FILTERED_BROWSE)
    titles = page.locator(".result-list .card-title").all_inner_texts()
    assert "Trafficking in persons along South-East Asian migration routes" in titles
    assert "Reintegration of returned survivors of trafficking in Nigeria" not in titles
    assert "A submission still in review about trafficking in Asia" not in titles
    # The region facet folds its values past ten behind "Show N more" (12 countries).
    assert page.locator(".facet details summary").count() >= 1


OVERFLOWING = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > window.innerWidth + 0.5)
  .slice(0, 8)
  .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
       + (typeof el.className === 'string' && el.className.trim()
          ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
       + ' (right edge ' + Math.round(el.getBoundingClientRect().right) + 'px)')"""


@pytest.mark.parametrize("path", ["/", "/resources/", FILTERED_BROWSE])
def test_no_horizontal_scrolling_at_phone_width(phone_page, path):
    visit(phone_page, path)
    content = phone_page.get_attribute("meta[name=viewport]", "content") or ""
    assert "width=device-width" in content
    scroll_width, inner_width = phone_page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert inner_width == 375
    assert scroll_width <= inner_width, (
        f"{path} scrolls sideways at 375px: content is {scroll_width}px wide; "
        f"too wide: {phone_page.evaluate(OVERFLOWING)}"
    )


@pytest.mark.parametrize("path", ["/", "/resources/"])
def test_skip_link_comes_first_and_moves_focus_to_main(phone_page, path):
    visit(phone_page, path)
    phone_page.keyboard.press("Tab")
    focused = phone_page.evaluate(
        "() => ({href: document.activeElement.getAttribute('href'),"
        " text: document.activeElement.textContent.trim()})"
    )
    assert focused == {"href": "#main", "text": "Skip to main content"}
    box = phone_page.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0 and box["x"] >= 0, "focused skip link is off-screen"
    phone_page.keyboard.press("Enter")
    assert phone_page.evaluate("() => document.activeElement.id") == "main"
    # The next Tab continues inside main, not back in the header.
    phone_page.keyboard.press("Tab")
    assert phone_page.evaluate("() => !!document.activeElement.closest('main')")


BROWSE_OBJECTIVE_10 = "/resources/?objective=10"


def in_first_screen(page, selector: str) -> bool:
    """Tell whether the element is visible without scrolling, on a page just opened."""
    box = page.locator(selector).first.bounding_box()
    height = page.viewport_size["height"]
    return (
        box is not None
        and box["height"] > 0
        and 0 <= box["y"]
        and box["y"] + box["height"] <= height
    )


def test_a_phone_reaches_the_filters_in_one_tap_from_above_the_results(phone_page):
    visit(phone_page, BROWSE_OBJECTIVE_10)
    # The filters come after the 20 results, far below the first screen…
    expect(phone_page.locator("#facets-heading")).not_to_be_in_viewport()
    # …and the first screen has the way to them, the active filter and the count.
    control = phone_page.get_by_role("link", name="Filter results", exact=True)
    assert in_first_screen(phone_page, ".filters-jump a")
    assert in_first_screen(phone_page, ".chips")
    assert in_first_screen(phone_page, "#results-heading")
    control.click()
    expect(phone_page.locator("#facets-heading")).to_be_in_viewport()
    expect(phone_page.locator(".facet-option").first).to_be_in_viewport()
    # And back to the results in one more tap.
    phone_page.get_by_role("link", name="Back to the results").click()
    expect(phone_page.locator("#results-heading")).to_be_in_viewport()


def test_at_desktop_width_the_filters_sit_beside_the_results_without_the_extra_links(page):
    visit(page, BROWSE_OBJECTIVE_10)
    expect(page.locator("#facets-heading")).to_be_in_viewport()
    expect(page.locator(".filters-jump").first).to_be_hidden()
    expect(page.get_by_role("link", name="Back to the results")).to_be_hidden()


@pytest.mark.parametrize("path", ["/", BROWSE_OBJECTIVE_10])
def test_pages_show_the_hubs_icon_and_nothing_is_missing(page, path):
    failed = []
    page.on(
        "response",
        lambda response: (
            response.status >= 400 and failed.append(f"{response.status} {response.url}")
        ),
    )
    visit(page, path)
    icon = page.evaluate("() => document.querySelector('link[rel=icon]').href")
    assert page.request.get(icon).ok
    favicon = page.request.get("/favicon.ico")
    assert favicon.ok and favicon.headers["content-type"] == "image/vnd.microsoft.icon"
    assert not failed, f"{path} asked for addresses that failed: {failed}"
