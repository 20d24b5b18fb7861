"""Fuzz the partner's forms: a new submission of every kind, an edit, submitting, withdrawing."""

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from resources.models import Kind, Resource, Status
from review.models import HistoryEntry
from taxonomy.models import Keyword, Organization
from tests.resources.submission.submission_data import MINIMAL_PDF, docx_bytes, form_data

from .invariants import RESOURCE_TABLES, labels
from .posting import ACCEPTED, post_form
from .strategies import encode, form_bodies, fuzz_settings, garbage, long_text, text_value

pytestmark = pytest.mark.django_db

EXAMPLES = 30

# What saving a submission may write: the item, its tags, new publishers and keywords,
# and the history entry of sending it to the editors.
SUBMISSION_TABLES = RESOURCE_TABLES | labels(Organization, Keyword, HistoryEntry)


def some(*values) -> st.SearchStrategy:
    """Offer these values: valid ones first, then the ones each rule must refuse."""
    return st.sampled_from(values)


RESOURCE_FIELDS = {
    "title": st.one_of(some("Forced criminality in scam centres", "   ", "T" * 501), long_text),
    "summary": some("How recruiters lure migrants.", "", "S" * 10001),
    "url": some(
        "https://example.org/report",
        "javascript:alert(1)",
        "http://",
        "ftp://x.org",
        "https://exa mple.org",
        "https://[::1",
        "//example.org",
    ),
    "publication_year": some("2024", "1899", "3000", "99999999999999999999", "-2024", "2e3"),
    "publication_month": some("1", "2", "12", "13", "0", ""),
    "publication_day": some("1", "29", "30", "31", "32", "0"),
    "publishers": some(
        "international-organization-for-migration", "friends-of-the-hub", "no-such-publisher"
    ),
    "new_publishers": some(
        "Anti-Trafficking Observatory",
        "---",
        "\n".join("P" * 5 + str(n) for n in range(11)),
        "IOM",
        "N" * 301,
    ),
    "authors": some("A. Researcher\nB. Analyst", "\n".join(["X"] * 101)),
    "un_languages": some("en", "fr", "ar", "pt", "EN"),
    "other_languages": some("pt", "de", "en", "xx"),
    "document_type": some("report", "guidance", "novel"),
    "objectives": some("10", "6", "general", "24", "0"),
    "primary_objective": some("10", "6", "23", ""),
    "principles": some("human-rights", "gender-responsive", "no-such-principle"),
    "scope": some("1", "2", "3", "4", "5", "global"),
    "regions": some("asia", "africa", "atlantis"),
    "countries": some("KHM", "MMR", "NGA", "nga", "XXX"),
    "actions": some("a", "c", "j", "k", "A"),
    "keywords": some(
        "forced criminality, online recruitment",
        ",,,;;",
        "k" * 101,
        ", ".join(f"word {n}" for n in range(21)),
    ),
    "action": some("submit", "draft", "publish"),
    "remove_file": some("on", "off"),
    # Fields of particular kinds.
    "implemented_by": some("Ministry of Labour", ""),
    "practice_type": some("Referral mechanism", "R" * 201),
    "takeaway": some("Inspectors refer victims within 24 hours.", ""),
    "sdgs": some("5", "8", "16", "0", "18", "x"),
    "period_start": some("2021-01-01", "2021-02-30", "2025-12-31", "01/02/2021", "0000-00-00"),
    "period_end": some("2023-12-31", "2020-01-01", "9999-12-31"),
    "implementers": some("UNODC and IOM", ""),
    "funding": some("European Union", ""),
    "starts_at": some("2025-06-30T14:00", "2025-06-30 14:00", "2025-02-30T25:61", "now"),
    "ends_at": some("2025-06-30T17:00", "2025-06-29T17:00", "9999-12-31T23:59"),
    "location": some("Geneva, Switzerland", ""),
    "is_online": some("on", "", "false"),
    "duration": some(
        "0:12:30",
        "1:05:00",
        "0",
        "-1:00",
        "99999999:00:00",
        "999999999 00:00:00",
        "8 days, 0:00:00",
    ),
    "embed_url": some("https://www.youtube-nocookie.com/embed/abc123", "data:text/html,x"),
}

# Mostly real kinds, so most posts reach the form; one in five is garbage.
kinds = st.integers(0, 4).flatmap(lambda n: st.sampled_from(Kind.values) if n else garbage)

uploads = st.builds(
    lambda name, content, content_type: SimpleUploadedFile(
        text_value(name), content, content_type=text_value(content_type)
    ),
    st.one_of(
        st.sampled_from(
            [
                "report.pdf",
                "report.docx",
                "report.exe",
                "report",
                "../../etc/passwd.pdf",
                "a" * 300 + ".pdf",
            ]
        ),
        # The test client itself refuses names without a base name.
        st.text(max_size=20).filter(
            lambda name: os.path.basename(text_value(name)) not in ("", ".", "..")
        ),
    ),
    st.one_of(
        st.binary(max_size=200),
        st.sampled_from([MINIMAL_PDF, docx_bytes(), b"PK\x03\x04broken", b"%PDF-"]),
    ),
    st.sampled_from(["application/pdf", "text/html", "application/octet-stream", ""]),
)


def resource_body(data, kind: str) -> list:
    valid = form_data(kind) if kind in Kind.values else form_data()
    return data.draw(form_bodies(RESOURCE_FIELDS, valid))


def maybe_a_file(data) -> dict | None:
    """Attach a file to one post in four, most of them garbage."""
    if data.draw(st.integers(0, 3)) == 0:
        return {"file": data.draw(uploads)}
    return None


@fuzz_settings(EXAMPLES * 2)
@given(data=st.data(), kind=kinds)
def test_new_submission_of_any_kind(client, samples, data, kind):
    def stored_as_the_partners(response):
        if response.status_code in ACCEPTED:
            created = Resource.objects.exclude(pk__in=samples.resource_ids)
            for item in created:
                assert item.submitted_by_id == samples.partner.pk
                assert item.status in (Status.DRAFT, Status.SUBMITTED)
                assert item.url or item.file

    post_form(
        client,
        "/submit/?" + encode([("kind", kind)]),
        resource_body(data, kind),
        files=maybe_a_file(data),
        person=samples.partner,
        stores=SUBMISSION_TABLES,
        then=stored_as_the_partners,
    )


@fuzz_settings(EXAMPLES)
@given(data=st.data())
def test_editing_a_draft(client, samples, data):
    draft = samples.draft

    def draft_kept_or_replaced(response):
        item = Resource.objects.get(pk=draft.pk)
        if response.status_code not in ACCEPTED:
            assert item.title == draft.title
            assert item.countries.filter(iso3="NGA").exists()
        assert item.status in (Status.DRAFT, Status.SUBMITTED)
        assert item.submitted_by_id == samples.partner.pk

    post_form(
        client,
        f"/my/{draft.pk}/edit/",
        resource_body(data, draft.kind),
        files=maybe_a_file(data),
        person=samples.partner,
        stores=SUBMISSION_TABLES,
        then=draft_kept_or_replaced,
    )


@fuzz_settings(EXAMPLES // 2)
@given(data=st.data())
def test_submitting_a_saved_draft(client, samples, data):
    fields = {"confirm": st.sampled_from(["on", "true", "1", "", "off"])}
    post_form(
        client,
        f"/my/{samples.draft.pk}/submit/",
        data.draw(form_bodies(fields, {"confirm": "on"})),
        person=samples.partner,
        stores=labels(Resource, HistoryEntry),
    )


@fuzz_settings(EXAMPLES // 2)
@given(data=st.data(), which=st.sampled_from(["draft", "submitted", "published"]))
def test_withdrawing(client, samples, data, which):
    item = getattr(samples, which)
    post_form(
        client,
        f"/my/{item.pk}/withdraw/",
        data.draw(form_bodies({})),
        person=samples.partner,
        stores=labels(Resource, HistoryEntry),
    )
