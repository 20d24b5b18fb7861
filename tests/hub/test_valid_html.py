"""Every kind of page is well-formed HTML, and no form posts to an empty address.

The Nu Html Checker rejects ``action=""``; html5lib's strict parser stops at the first
error the HTML standard's parsing rules define (stray or unclosed tags, duplicate
attributes, a missing doctype…). Together they hold the bar of no checker errors
without needing the checker itself offline.
"""

import re
from collections import Counter

import html5lib
import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from resources.models import Status
from review import workflow
from review.models import Recommendation
from tests.factories import (
    OrganizationFactory,
    ResourceFactory,
    ReviewerFactory,
    UserFactory,
    review_by,
)

pytestmark = pytest.mark.django_db

# A date, or a date and time with at most three digits of a second and a time zone.
MACHINE_DATE = re.compile(
    r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?"
)


def problems_in(html: str) -> list[str]:
    """Say what a checker would reject: parse errors, empty actions, bad dates, repeated ids."""
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    document = parser.parse(html)
    found = [
        f"line {line}, column {column}: {error} {details or ''}".strip()
        for (line, column), error, details in parser.errors
    ]
    for form in document.iter("form"):
        action = form.get("action")
        if action is None or not action.strip():
            found.append(f"a form without an address: action={action!r}")
    for time in document.iter("time"):
        moment = time.get("datetime")
        if moment is not None and not MACHINE_DATE.fullmatch(moment):
            found.append(f"a date machines cannot read: datetime={moment!r}")
    ids = Counter(element.get("id") for element in document.iter() if element.get("id"))
    found += [f"the id {name!r} appears {count} times" for name, count in ids.items() if count > 1]
    return found


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def hub():
    """A small catalogue, an item in review with reviews, and one person in each role."""
    unodc = OrganizationFactory(
        name="United Nations Office on Drugs and Crime",
        acronym="UNODC",
        slug="unodc",
        is_un_entity=True,
    )
    published = ResourceFactory(
        title="Global Report on Trafficking in Persons",
        countries=["NGA"],
        regions=["africa"],
        principles=["human-rights"],
        publishers=[unodc],
    )
    for number in range(22):
        ResourceFactory(title=f"Trafficking study {number}", regions=["asia"])
    partner = UserFactory(username="html-partner")
    editor = UserFactory(username="html-editor", groups=["editor"])
    reviewers = [
        ReviewerFactory(username="html-reviewer-un", un=True),
        ReviewerFactory(username="html-reviewer-1"),
        ReviewerFactory(username="html-reviewer-2"),
    ]
    item = ResourceFactory(
        title="A submission in review", status=Status.DRAFT, submitted_by=partner
    )
    workflow.transition(resource_id=item.pk, name="submit", actor=partner)
    assignments = []
    for reviewer, recommendation in zip(
        reviewers,
        (Recommendation.ACCEPT, Recommendation.REJECT, Recommendation.MINOR_CHANGES),
        strict=True,
    ):
        assignment = review_by(reviewer, item, editor, recommendation).assignment
        assignments.append(assignment)
    return {
        "published": published,
        "item": item,
        "partner": partner,
        "editor": editor,
        "reviewer": reviewers[1],
        "assignment": assignments[1],
    }


def page_addresses(hub) -> list[tuple[str, str, int]]:
    """Each page type, who looks at it, and the status it answers with."""
    item, published = hub["item"], hub["published"]
    browse = reverse("resources:browse")
    return [
        ("anonymous", reverse("home"), 200),
        ("anonymous", browse, 200),
        ("anonymous", f"{browse}?q=trafficking&region=asia&objective=10", 200),
        ("anonymous", f"{browse}?page=2", 200),
        ("anonymous", f"{browse}?year_from=abc", 400),
        ("anonymous", reverse("resources:facet_values", args=["country"]), 200),
        ("anonymous", published.get_absolute_url(), 200),
        ("anonymous", reverse("taxonomy:objectives"), 200),
        ("anonymous", reverse("taxonomy:objective", args=["10"]), 200),
        ("anonymous", "/countries/NGA/", 200),
        ("anonymous", "/regions/asia/", 200),
        ("anonymous", "/principles/human-rights/", 200),
        ("anonymous", "/types/report/", 200),
        ("anonymous", "/resources/no-such-resource/", 404),
        ("anonymous", reverse("accounts:login"), 200),
        ("anonymous", reverse("accounts:signup"), 200),
        ("anonymous", reverse("accounts:password_reset"), 200),
        ("anonymous", reverse("contact"), 200),
        ("partner", reverse("submission:my_list"), 200),
        ("partner", reverse("submission:item", args=[item.pk]), 200),
        ("partner", reverse("submission:submit"), 200),
        ("partner", f"{reverse('submission:submit')}?kind=practice", 200),
        ("partner", reverse("accounts:profile"), 200),
        ("partner", reverse("review:roster_apply"), 200),
        ("editor", reverse("review:queue"), 200),
        ("editor", reverse("review:item", args=[item.pk]), 200),
        ("editor", reverse("review:roster"), 200),
        ("reviewer", reverse("review:queue"), 200),
        ("reviewer", reverse("review:assignment", args=[hub["assignment"].pk]), 200),
    ]


def test_every_page_type_is_well_formed_and_every_form_has_an_address(hub):
    clients = {
        "anonymous": client_for(),
        "partner": client_for(hub["partner"]),
        "editor": client_for(hub["editor"]),
        "reviewer": client_for(hub["reviewer"]),
    }
    report = {}
    for who, address, status in page_addresses(hub):
        response = clients[who].get(address)
        assert response.status_code == status, (who, address, response.status_code)
        found = problems_in(response.content.decode())
        if found:
            report[f"{who} {address}"] = found
    assert not report, report


@pytest.mark.parametrize("template", ["500.html", "503.html"])
def test_the_error_pages_are_well_formed(template):
    assert problems_in(render_to_string(template)) == []


def test_the_browse_forms_send_to_the_browse_address(client, hub):
    page = client.get(reverse("resources:browse")).content.decode()
    assert page.count(f'action="{reverse("resources:browse")}"') == 2
    assert 'action=""' not in page


def test_what_a_checker_rejects_is_caught():
    html = (
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>'
        '<form action="" method="get"></form><p id="a"></p><p id="a"></p></body></html>'
    )
    assert problems_in(html) == [
        "a form without an address: action=''",
        "the id 'a' appears 2 times",
    ]
    [moment] = problems_in(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>'
        '<time datetime="2026-12-07T14:08:37.777600+00:00">7 December</time></body></html>'
    )
    assert moment == "a date machines cannot read: datetime='2026-12-07T14:08:37.777600+00:00'"
    [stray] = problems_in(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head>'
        "<body><p>text</div></p></body></html>"
    )
    assert "end-tag-too-early" in stray and "div" in stray
