"""Every kind of page works under the strict Content-Security-Policy in a real Chromium.

The policy allows no inline script, style or event handler. Chromium reports anything it
blocks as a console error and a ``securitypolicyviolation`` event; either fails the test.
"""

import pytest

from resources.models import Status
from review import workflow
from tests.browser.test_accessibility import FILTERED_BROWSE, visit
from tests.browser.test_contributor_pages import sign_in
from tests.factories import ResourceFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Collects the violations the page itself reports, in addition to the console.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""
POLICY_WORDS = (
    "content security policy",
    "content-security-policy",
    "permissions-policy",
    "permissions policy",
    "refused to",
)


@pytest.fixture
def watched(page):
    """The page, with every console message and script error it produces kept."""
    page.problems = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console", lambda message: page.problems.append(f"console {message.type}: {message.text}")
    )
    page.on("pageerror", lambda error: page.problems.append(f"page error: {error}"))
    return page


def check(page, path: str, status: int = 200, *, ready: str | None = None) -> None:
    """Open ``path`` and fail on anything the policy blocked or any script error."""
    page.problems.clear()
    visit(page, path, status)
    if ready:
        page.wait_for_selector(ready)
    page.wait_for_load_state("load")
    violations = page.evaluate("window.__cspViolations")
    blocked = [
        problem
        for problem in page.problems
        if problem.startswith("page error") or any(word in problem.lower() for word in POLICY_WORDS)
    ]
    assert not violations and not blocked, f"{path}: {violations + blocked}"


@pytest.fixture
def people(catalogue):
    partner = UserFactory(username="csp-partner")
    editor = UserFactory(username="csp-editor", groups=["editor"])
    admin = UserFactory(username="csp-admin", groups=["editor"], is_staff=True, is_superuser=True)
    item = ResourceFactory(title="Awaiting an editor", status=Status.DRAFT, submitted_by=partner)
    workflow.transition(resource_id=item.pk, name="submit", actor=partner)
    return {
        "partner": partner,
        "editor": editor,
        "admin": admin,
        "item": item,
        "published": catalogue["report"],
    }


def test_public_pages_run_under_the_policy(watched, catalogue):
    for path, status in (
        ("/", 200),
        (FILTERED_BROWSE, 200),
        ("/resources/?country=NGA", 200),
        (catalogue["report"].get_absolute_url(), 200),
        ("/objectives/10/", 200),
        ("/countries/NGA/", 200),
        ("/accounts/login/", 200),
        ("/accounts/signup/", 200),
        ("/contact/", 200),
        ("/api/guide/", 200),
        ("/no-such-page/", 404),
    ):
        check(watched, path, status)


def test_the_api_documentation_runs_swagger_ui_under_the_policy(watched):
    check(watched, "/api/docs/", ready=".swagger-ui .information-container")
    assert watched.get_by_text("GCM Objective 10 Knowledge Hub API").first.is_visible()
    # The operations come from the schema that the moved start-up script asked for.
    watched.wait_for_selector(".opblock-summary-path")
    assert watched.locator(".opblock-summary-path", has_text="/api/resources/").count() >= 1


def test_the_submission_form_and_its_country_filter_work_under_the_policy(watched, people):
    sign_in(watched, people["partner"])
    check(watched, "/submit/?kind=document", ready="input[type=search]")
    watched.get_by_label("Filter countries").fill("niger")
    countries = watched.locator("[data-choice-filter='Filter countries']")
    visible = countries.locator("li:visible").all_inner_texts()
    assert sorted(text.strip() for text in visible) == ["Niger", "Nigeria"]
    assert not watched.problems
    check(watched, "/my/")


def test_review_pages_run_under_the_policy(watched, people):
    sign_in(watched, people["editor"])
    check(watched, "/review/")
    check(watched, f"/review/items/{people['item'].pk}/")


def test_the_admin_runs_under_the_policy(watched, people):
    sign_in(watched, people["admin"])
    check(watched, "/admin/")
    change_form = f"/admin/resources/resource/{people['published'].pk}/change/"
    check(watched, change_form, ready="#resource_form")
    # The admin's own scripts still work: the many-to-many boxes become two-list pickers,
    # and the collapsed sections open.
    watched.wait_for_selector("#id_objectives_from")
    watched.locator("fieldset.collapse summary").first.click()
    check(watched, "/admin/resources/resource/")
