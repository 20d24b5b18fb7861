"""The whole review journey in real Chromium, as its people would go through it.

A partner signs up and confirms their email with the button the mail's link opens,
submits a resource; the editor assigns three reviewers (one UN, two non-UN); each declares no
conflict and reviews; the editor publishes; an anonymous visitor then finds the item by
search and by its facets.
"""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from resources.models import Resource, Status
from tests.factories import ReviewerFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Screening migrant workers for signs of forced criminality"


def sign_in(context, origin: str, user) -> None:
    client = Client()
    client.force_login(user)
    context.clear_cookies()
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": origin,
            }
        ]
    )


def test_partner_to_published_item(page, live_server, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    editor = UserFactory(username="journey-editor", groups=["editor"])
    reviewers = [
        ReviewerFactory(username="journey-un", un=True),
        ReviewerFactory(username="journey-a"),
        ReviewerFactory(username="journey-b"),
    ]

    # A partner signs up and confirms their address from the mail.
    page.goto("/accounts/signup/")
    page.fill("input[name=name]", "Amina Diallo")
    page.fill("input[name=email]", "amina@example.org")
    page.fill("input[name=organization]", "Survivor Voices Network")
    page.fill("input[name=password1]", "a-long-and-unusual-passphrase")
    page.fill("input[name=password2]", "a-long-and-unusual-passphrase")
    page.locator("main form button[type=submit]").click()
    confirmation = next(m for m in mail.outbox if "amina@example.org" in m.to)
    link = re.search(r"https?://\S+/accounts/confirm/\S+", confirmation.body).group(0)
    page.goto(link[link.index("/accounts/") :])
    page.locator("main form button[type=submit]").click()
    assert "your email address is confirmed and you are signed in" in page.content().lower()

    # They submit a document on Objective 10 about Nigeria.
    page.goto("/submit/?kind=document")
    page.fill("input[name=title]", TITLE)
    page.fill(
        "textarea[name=summary]",
        "Guidance for labour inspectors on forced criminality and online recruitment.",
    )
    page.fill("input[name=url]", "https://example.org/screening-guide")
    page.fill("input[name=publication_year]", "2024")
    page.check("input[name=document_type][value=report]")
    page.check("input[name=objectives][value='10']")
    page.select_option("select[name=primary_objective]", "10")
    page.check("input[name=scope][value='3']")
    nigeria = page.locator("input[name=countries][value=NGA]")
    if not nigeria.is_visible():
        nigeria.locator("xpath=ancestor::details[1]/summary").click()
    nigeria.check()
    page.click("button[name=action][value=submit]")
    page.wait_for_load_state()
    if page.locator("button[name=confirm]").count():
        page.click("button[name=confirm]")
    item = Resource.objects.get(title=TITLE)
    assert item.status == Status.SUBMITTED

    # The editor assigns three reviewers, one UN and two non-UN.
    sign_in(page.context, live_server.url, editor)
    for reviewer in reviewers:
        page.goto(f"/review/items/{item.pk}/")
        page.select_option("select[name=reviewer]", str(reviewer.pk))
        page.get_by_role("button", name="Assign this reviewer").click()
        page.wait_for_load_state()
    assert item.assignments.count() == 3

    # Each reviewer declares no conflict and recommends accepting it.
    for assignment in item.assignments.all():
        sign_in(page.context, live_server.url, assignment.reviewer)
        page.goto(f"/review/assignments/{assignment.pk}/")
        page.check("input[name=has_conflict][value=no]")
        page.get_by_role("button", name="Send my declaration").click()
        page.wait_for_load_state()
        for name in (
            "relevance",
            "principles",
            "credibility",
            "currency",
            "applicability",
            "accessibility",
            "do_no_harm",
        ):
            page.check(f"input[name={name}][value='5']")
        page.check("input[name=recommendation][value=accept]")
        page.fill("textarea[name=comments_for_submitter]", "Clear and useful.")
        page.get_by_role("button", name="Submit my review").click()
        page.wait_for_load_state()

    # The editor publishes.
    sign_in(page.context, live_server.url, editor)
    page.goto(f"/review/items/{item.pk}/")
    page.click("button[name=action][value=publish]")
    page.wait_for_load_state()
    item.refresh_from_db()
    assert item.status == Status.PUBLISHED

    # An anonymous visitor finds it by search and by its facets.
    page.context.clear_cookies()
    page.goto("/resources/?q=forced+criminality")
    assert page.get_by_role("link", name=TITLE).is_visible()
    page.goto("/resources/")
    for facet, code in (("country", "NGA"), ("objective", "10")):
        option = page.locator(
            f"section[aria-labelledby=facet-{facet}] a[href*='{facet}={code}']"
        ).first
        if not option.is_visible():
            option.locator("xpath=ancestor::details[1]/summary").click()
        option.click()
        page.wait_for_load_state()
    assert page.get_by_role("link", name=TITLE).is_visible()
    page.get_by_role("link", name=TITLE).click()
    assert "Peer reviewed by 3 reviewers (1 UN, 2 non-UN)" in " ".join(
        page.inner_text("main").split()
    )
