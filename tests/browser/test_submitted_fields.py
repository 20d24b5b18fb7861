"""In Chromium, at desktop and phone width: reviewers, editors and the submitter read every
answer of a submission, and a reader learns how to obtain an item that is not online."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from resources.models import Resource
from review import services
from tests.browser.test_accessibility import AXE_OPTIONS, OVERFLOWING, describe, visit
from tests.browser.test_contributor_pages import sign_in
from tests.factories import ResourceFactory, ReviewerFactory, UserFactory
from tests.resources.submission.submission_data import MINIMAL_PDF, form_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def practice(catalogue):
    """A practice submitted with every field of its form filled, and a reviewer assigned."""
    partner = UserFactory(username="browser-partner")
    editor = UserFactory(username="browser-editor", groups=["editor"])
    reviewer = ReviewerFactory(username="browser-reviewer")
    client = Client()
    client.force_login(partner)
    data = form_data("practice", publishers=["unodc"])
    data["file"] = SimpleUploadedFile("report.pdf", MINIMAL_PDF, content_type="application/pdf")
    assert client.post("/submit/?kind=practice", data).status_code == 302
    item = Resource.objects.get(submitted_by=partner)
    assignment = services.assignment_create(resource_id=item.pk, reviewer=reviewer, actor=editor)
    return {
        "reviewer": (reviewer, f"/review/assignments/{assignment.pk}/"),
        "editor": (editor, f"/review/items/{item.pk}/"),
        "submitter": (partner, f"/my/{item.pk}/"),
    }


def answer(page, label: str) -> str:
    """Return the text shown for one field of the submitted-fields list."""
    term = page.locator("dl.submitted-fields dt", has_text=label).first
    return " ".join(term.locator("xpath=following-sibling::dd[1]").inner_text().split())


def check_layout_and_access(page, axe, path: str, *, part: str | None = None) -> None:
    """Check the page (or one part of it) with axe-core, and that it fits the width."""
    violations = axe.run(page, context=part, options=AXE_OPTIONS).response["violations"]
    assert not violations, f"axe-core found violations on {path}:\n" + describe(violations)
    if part is None:
        scroll_width, inner_width = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert scroll_width <= inner_width, (
            f"{path} scrolls sideways: {scroll_width}px; too wide: {page.evaluate(OVERFLOWING)}"
        )
    else:
        right, inner_width = page.evaluate(
            """(part) => [Math.max(...Array.from(document.querySelectorAll(part + ', ' + part
                                                                            + ' *'))
                                     .map((el) => el.getBoundingClientRect().right)),
                         window.innerWidth]""",
            part,
        )
        assert right <= inner_width, f"{part} on {path} is {right}px wide, wider than the page"


@pytest.mark.parametrize("width", ["page", "phone_page"])
@pytest.mark.parametrize("who", ["reviewer", "editor", "submitter"])
def test_each_role_reads_the_principles_actions_and_kind_fields(request, axe, practice, who, width):
    page = request.getfixturevalue(width)
    user, path = practice[who]
    sign_in(page, user)
    visit(page, path)

    assert answer(page, "Guiding principles") == "Human rights Gender-responsive"
    assert answer(page, "Primary objective") == "10 - Eradicate trafficking"
    assert answer(page, "Objective 10 actions").startswith("(a) ")
    assert answer(page, "Keywords") == "forced criminality, online recruitment"
    assert answer(page, "Implemented by") == "Ministry of Labour"
    assert answer(page, "Takeaway") == "Labour inspectors refer victims within 24 hours."
    answers = page.locator("dl.submitted-fields")
    assert answers.get_by_role("link", name="Download the file").is_visible()
    # The list only: the pages' other parts (tables, forms) are checked on their own.
    check_layout_and_access(page, axe, path, part="dl.submitted-fields")


@pytest.mark.parametrize("width", ["page", "phone_page"])
def test_an_item_that_is_not_online_says_whom_to_ask(request, axe, catalogue, width):
    page = request.getfixturevalue(width)
    item = ResourceFactory(
        title="Handbook on victim assistance",
        url="",
        publishers=[catalogue["report"].publishers.get()],
        publication_year=2012,
        languages=["en"],
    )
    visit(page, item.get_absolute_url())

    notice = page.locator(".how-to-obtain")
    assert notice.is_visible()
    assert " ".join(notice.inner_text().split()) == (
        "This resource is not online here. To obtain it, contact its publisher, United Nations "
        "Office on Drugs and Crime (UNODC), and ask for “Handbook on victim assistance” (2012)."
    )
    assert page.get_by_role("link", name="Open the resource").count() == 0
    check_layout_and_access(page, axe, item.get_absolute_url())
