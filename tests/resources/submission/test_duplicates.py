"""Possible duplicates are shown to the submitter before submitting and flagged to editors."""

import pytest
from django.core import mail

from resources.models import Resource, Status
from resources.submission.duplicates import find_duplicates, normalize_url
from review.models import HistoryEntry
from tests.factories import ResourceFactory, UserFactory

from .submission_data import form_data

pytestmark = pytest.mark.django_db

EXISTING_URL = "https://www.unodc.org/documents/glotip/2020/GLOTiP_2020_15jan_web.pdf"


@pytest.fixture
def partner_client(client, partner):
    client.force_login(partner)
    return client


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://www.example.org/report/", "http://example.org/report"),
        ("https://Example.ORG/report", "https://example.org/report/#summary"),
        ("https://example.org/report?utm_source=x&utm_medium=mail", "https://example.org/report"),
        ("https://example.org/r?id=7&fbclid=abc", "https://www.example.org/r/?id=7"),
        ("https://example.org/r?b=2&a=1", "https://example.org/r?a=1&b=2"),
        ("https://example.org:443/report", "https://example.org/report"),
    ],
)
def test_links_that_name_the_same_page_normalise_alike(first, second):
    assert normalize_url(first) == normalize_url(second) != ""


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("https://example.org/report", "https://example.org/reports"),
        ("https://example.org/r?id=7", "https://example.org/r?id=8"),
        ("https://example.org/report", "https://example.com/report"),
        ("https://example.org:8443/report", "https://example.org/report"),
    ],
)
def test_different_pages_stay_different(first, second):
    assert normalize_url(first) != normalize_url(second)


@pytest.mark.parametrize("url", ["", "not a url", "https://[::1", "mailto:someone"])
def test_odd_links_never_match_anything(url):
    ResourceFactory(url="")
    assert find_duplicates(url=url, title="") == []


@pytest.mark.parametrize(
    "variant",
    [
        "http://unodc.org/documents/glotip/2020/GLOTiP_2020_15jan_web.pdf",
        "https://www.unodc.org/documents/glotip/2020/GLOTiP_2020_15jan_web.pdf/",
        "https://www.unodc.org/documents/glotip/2020/GLOTiP_2020_15jan_web.pdf?utm_source=tw",
        "https://WWW.UNODC.ORG/documents/glotip/2020/GLOTiP_2020_15jan_web.pdf#page=4",
    ],
)
def test_the_same_link_is_found_whatever_its_spelling(variant):
    existing = ResourceFactory(
        title="Global Report on Trafficking in Persons 2020", url=EXISTING_URL
    )
    [duplicate] = find_duplicates(url=variant, title="Something else entirely")
    assert duplicate.resource == existing and duplicate.same_link


def test_a_case_insensitive_equal_title_is_found_on_every_database():
    existing = ResourceFactory(title="Global Report on Trafficking in Persons 2020", url="")
    [duplicate] = find_duplicates(url="", title="global report on trafficking in persons 2020")
    assert duplicate.resource == existing and duplicate.similar_title


def test_a_nearly_equal_title_is_found_on_every_database():
    existing = ResourceFactory(title="Global Report on Trafficking in Persons 2020", url="")
    ResourceFactory(title="Handbook on labour migration statistics", url="")
    found = find_duplicates(url="", title="Global Report on Trafficking in Persons, 2020.")
    assert [duplicate.resource for duplicate in found] == [existing]


@pytest.mark.postgres
def test_a_similar_title_is_found_by_trigram_similarity():
    existing = ResourceFactory(title="Global Report on Trafficking in Persons 2020", url="")
    ResourceFactory(title="Global Report on Smuggling of Migrants 2018", url="")
    ResourceFactory(title="A toolkit for labour inspectors", url="")
    found = find_duplicates(url="", title="Global report on trafficking of persons (2020)")
    assert [duplicate.resource for duplicate in found] == [existing]


def test_unrelated_titles_are_not_duplicates():
    ResourceFactory(title="Global Report on Trafficking in Persons 2020", url="")
    assert find_duplicates(url="", title="Guidelines for employers on migrant workers") == []


def test_withdrawn_items_and_other_peoples_drafts_do_not_count(partner):
    ResourceFactory(url=EXISTING_URL, status=Status.WITHDRAWN)
    ResourceFactory(url=EXISTING_URL, status=Status.DRAFT, submitted_by=UserFactory())
    assert find_duplicates(url=EXISTING_URL, title="", submitter=partner) == []
    mine = ResourceFactory(url=EXISTING_URL, status=Status.DRAFT, submitted_by=partner)
    [duplicate] = find_duplicates(url=EXISTING_URL, title="", submitter=partner)
    assert duplicate.resource == mine and duplicate.mine


# What the submitter sees ---------------------------------------------------------------


def test_a_published_duplicate_is_shown_with_a_link_before_submitting(partner_client, committed):
    existing = ResourceFactory(
        title="Global Report on Trafficking in Persons 2020",
        url=EXISTING_URL,
        status=Status.PUBLISHED,
    )
    response = committed(
        partner_client.post,
        "/submit/?kind=document",
        form_data(url=EXISTING_URL.replace("https://www.", "http://") + "?utm_campaign=x"),
    )
    resource = Resource.objects.exclude(pk=existing.pk).get()
    assert resource.status == Status.DRAFT
    assert response["Location"] == f"/my/{resource.pk}/submit/"
    assert mail.outbox == []

    html = partner_client.get(response["Location"]).content.decode()
    assert "This may already be in the hub" in html
    assert f'href="{existing.get_absolute_url()}"' in html
    assert "Global Report on Trafficking in Persons 2020" in html
    assert "the same link" in html
    assert 'name="confirm" value="1"' in html and "Submit anyway" in html


def test_a_partner_is_never_told_of_someone_elses_unpublished_item(
    partner_client, partner, committed
):
    hidden = ResourceFactory(
        title="Secret draft title from another partner",
        url=EXISTING_URL,
        status=Status.IN_REVIEW,
        submitted_by=UserFactory(username="someone"),
    )
    assert find_duplicates(url=EXISTING_URL, title=hidden.title, submitter=partner) == []

    response = committed(
        partner_client.post,
        "/submit/?kind=document",
        form_data(url=EXISTING_URL, title=hidden.title),
    )
    resource = Resource.objects.exclude(pk=hidden.pk).get()
    # Nothing to confirm: the item goes straight to the editors, as any other would.
    assert response["Location"] == f"/my/{resource.pk}/"
    assert resource.status == Status.SUBMITTED
    html = partner_client.get(f"/my/{resource.pk}/submit/").content.decode()
    assert "already been submitted" not in html and "This may already be" not in html
    assert "Secret draft title" not in html and "someone" not in html

    flag = HistoryEntry.objects.get(resource=resource, action="possible_duplicate")
    assert f"#{hidden.pk}" in flag.note and not flag.visible_to_submitter


def test_a_partner_is_compared_with_published_items_and_their_own(partner):
    published = ResourceFactory(url=EXISTING_URL, status=Status.PUBLISHED)
    mine = ResourceFactory(url=EXISTING_URL, status=Status.IN_REVIEW, submitted_by=partner)
    ResourceFactory(url=EXISTING_URL, status=Status.IN_REVIEW, submitted_by=UserFactory())
    ResourceFactory(url=EXISTING_URL, status=Status.REJECTED, submitted_by=None)
    found = find_duplicates(url=EXISTING_URL, title="", submitter=partner)
    assert {duplicate.resource for duplicate in found} == {published, mine}


def test_editors_keep_the_full_check(partner):
    others = ResourceFactory(url=EXISTING_URL, status=Status.IN_REVIEW, submitted_by=UserFactory())
    editor = UserFactory(username="editor", groups=["editor"])
    [by_role] = find_duplicates(url=EXISTING_URL, title="", submitter=editor)
    [for_editors] = find_duplicates(url=EXISTING_URL, title="", submitter=partner, for_editors=True)
    assert by_role.resource == for_editors.resource == others


def test_an_editor_submitting_is_shown_unpublished_duplicates(client):
    ResourceFactory(
        title="Secret draft title from another partner",
        url=EXISTING_URL,
        status=Status.IN_REVIEW,
        submitted_by=UserFactory(username="someone"),
    )
    client.force_login(UserFactory(username="editor", groups=["editor"]))
    response = client.post("/submit/?kind=document", form_data(url=EXISTING_URL))
    html = client.get(response["Location"]).content.decode()
    assert "An item with the same link has already been submitted" in html
    assert "Secret draft title" not in html


def test_submitting_anyway_flags_the_duplicates_to_the_editors(partner_client, partner, committed):
    existing = ResourceFactory(
        title="Global Report on Trafficking in Persons 2020",
        url=EXISTING_URL,
        status=Status.PUBLISHED,
    )
    UserFactory(username="editor", groups=["editor"])
    partner_client.post("/submit/?kind=document", form_data(url=EXISTING_URL))
    resource = Resource.objects.exclude(pk=existing.pk).get()

    refused = partner_client.post(f"/my/{resource.pk}/submit/")
    assert refused.status_code == 400
    assert "Submit anyway" in refused.content.decode()
    resource.refresh_from_db()
    assert resource.status == Status.DRAFT

    response = committed(partner_client.post, f"/my/{resource.pk}/submit/", {"confirm": "1"})
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.status == Status.SUBMITTED
    assert len(mail.outbox) == 2
    flag = HistoryEntry.objects.get(resource=resource, action="possible_duplicate")
    assert f"#{existing.pk}" in flag.note and "the same link" in flag.note
    assert not flag.visible_to_submitter
    html = partner_client.get(f"/my/{resource.pk}/").content.decode()
    assert "Possible duplicate" not in html


def test_without_duplicates_the_submission_goes_straight_through(partner_client):
    ResourceFactory(title="Something unrelated", url="https://example.org/other")
    response = partner_client.post("/submit/?kind=document", form_data())
    resource = Resource.objects.get(title="Forced criminality in online scam centres")
    assert response["Location"] == f"/my/{resource.pk}/"
    assert resource.status == Status.SUBMITTED
    assert not HistoryEntry.objects.filter(action="possible_duplicate").exists()


def test_a_draft_is_not_checked_for_duplicates(partner_client):
    ResourceFactory(url=EXISTING_URL)
    response = partner_client.post(
        "/submit/?kind=document", form_data(url=EXISTING_URL, action="draft")
    )
    resource = Resource.objects.get(submitted_by__username="partner")
    assert response["Location"] == f"/my/{resource.pk}/"
