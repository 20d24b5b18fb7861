"""A partner submits every kind of resource at /submit/, as a draft or straight for review."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from resources.models import Kind, Resource, Scope, Status
from resources.submission import services
from review.models import HistoryEntry
from taxonomy.models import Keyword, Organization
from tests.factories import OrganizationFactory, ResourceFactory, UserFactory

from .submission_data import KIND_DATA, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def organization():
    return OrganizationFactory(name="Freedom Network", slug="freedom-network")


@pytest.fixture
def partner(organization):
    return UserFactory(username="partner", organization=organization)


@pytest.fixture
def partner_client(client, partner):
    client.force_login(partner)
    return client


def post(client, kind="document", **overrides):
    return client.post(f"/submit/?kind={kind}", form_data(kind, **overrides))


def errors_of(response) -> str:
    """Return the text of every field error on the page."""
    return " ".join(
        re.findall(r'<ul class="errorlist"[^>]*>(.*?)</ul>', response.content.decode(), re.S)
    )


# Who may submit ------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/submit/", "/submit/?kind=practice", "/my/"])
def test_anonymous_visitors_are_asked_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_an_unconfirmed_account_is_told_to_confirm_its_email(client):
    client.force_login(UserFactory(email_confirmed=False, groups=["reviewer"]))
    response = client.get("/submit/?kind=document")
    assert response.status_code == 403
    assert "confirm your email address" in response.content.decode()
    response = client.post("/submit/?kind=document", form_data())
    assert response.status_code == 403
    assert not Resource.objects.exists()


# Choosing the kind ---------------------------------------------------------------------


def test_the_first_step_offers_every_kind_as_a_radio_button(partner_client):
    html = partner_client.get("/submit/").content.decode()
    for kind in Kind.values:
        assert re.search(rf'<input type="radio" name="kind" value="{kind}"', html)
    assert "<legend>What are you submitting?</legend>" in html


def test_an_unknown_kind_is_a_clear_400(partner_client):
    response = partner_client.get("/submit/?kind=poem")
    assert response.status_code == 400
    assert "Choose one of the kinds listed." in response.content.decode()


@pytest.mark.parametrize("kind", Kind.values)
def test_each_kind_shows_its_own_fields_only(partner_client, kind):
    html = partner_client.get(f"/submit/?kind={kind}").content.decode()
    own = set(KIND_DATA[kind])
    others = {name for data in KIND_DATA.values() for name in data} - own
    for name in own:
        assert f'name="{name}"' in html, name
    for name in others:
        assert f'name="{name}"' not in html, name


# Submitting ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", Kind.values)
def test_each_kind_is_stored_with_all_its_fields_and_mails_go_out(
    partner_client, partner, editor, organization, committed, kind
):
    response = committed(post, partner_client, kind)

    resource = Resource.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/my/{resource.pk}/"
    assert resource.kind == kind
    assert resource.status == Status.SUBMITTED
    assert resource.submitted_by == partner
    assert resource.submitter_organization == organization
    assert resource.title == "Forced criminality in online scam centres"
    assert resource.url == "https://example.org/reports/scam-centres"
    assert (resource.publication_year, resource.publication_month, resource.publication_day) == (
        2024,
        5,
        17,
    )
    assert resource.author_list == ["A. Researcher", "B. Analyst"]
    assert list(resource.publishers.all()) == []
    assert resource.proposed_publisher_list == ["Anti-Trafficking Observatory"]
    assert set(resource.languages.values_list("code", flat=True)) == {"en", "fr", "pt"}
    assert resource.document_type.slug == "report"
    assert set(resource.objectives.values_list("code", flat=True)) == {"10", "6"}
    assert resource.primary_objective.code == "10"
    assert set(resource.principles.values_list("slug", flat=True)) == {
        "human-rights",
        "gender-responsive",
    }
    assert resource.scope == Scope.REGIONAL
    assert list(resource.regions.values_list("slug", flat=True)) == ["asia"]
    assert set(resource.countries.values_list("iso3", flat=True)) == {"KHM", "MMR"}
    assert set(resource.actions.values_list("letter", flat=True)) == {"a", "c"}
    assert set(resource.keywords.values_list("name", flat=True)) == {
        "forced criminality",
        "online recruitment",
    }

    expected = {
        "practice": {
            "implemented_by": "Ministry of Labour",
            "sdgs": "5, 8, 16",
            "practice_type": "Referral mechanism",
            "takeaway": "Labour inspectors refer victims within 24 hours.",
            "period_start": datetime.date(2021, 1, 1),
            "period_end": datetime.date(2023, 12, 31),
        },
        "event": {
            "starts_at": datetime.datetime(2025, 6, 30, 14, 0, tzinfo=datetime.UTC),
            "ends_at": datetime.datetime(2025, 6, 30, 17, 0, tzinfo=datetime.UTC),
            "location": "Geneva, Switzerland",
            "is_online": True,
        },
        "project": {
            "period_start": datetime.date(2020, 3, 1),
            "period_end": datetime.date(2024, 2, 29),
            "implementers": "UNODC and IOM",
            "funding": "European Union",
        },
        "video": {
            "duration": datetime.timedelta(minutes=12, seconds=30),
            "embed_url": "https://www.youtube-nocookie.com/embed/abc123",
        },
    }.get(kind, {})
    for name, value in expected.items():
        assert getattr(resource, name) == value, name

    recipients = {address for message in mail.outbox for address in message.to}
    assert recipients == {partner.email, editor.email}
    assert all(resource.title in message.body for message in mail.outbox)
    entry = HistoryEntry.objects.get(resource=resource)
    assert (entry.action, entry.from_status, entry.to_status) == (
        "submit",
        Status.DRAFT,
        Status.SUBMITTED,
    )


def test_fields_of_another_kind_are_not_stored(partner_client):
    post(
        partner_client, "document", implemented_by="Sneaky", duration="1:00:00", location="Nowhere"
    )
    resource = Resource.objects.get()
    assert (resource.implemented_by, resource.duration, resource.location) == ("", None, "")


def test_known_publishers_and_keywords_are_reused_not_duplicated(partner_client):
    known = OrganizationFactory(
        name="International Organization for Migration", acronym="IOM", slug="iom"
    )
    ResourceFactory(publishers=[known])
    keyword = Keyword.objects.create(name="Forced labour", slug="forced-labour")
    post(
        partner_client,
        publishers=["iom"],
        new_publishers="iom\nNew Collective",
        keywords="forced labour, Forced Labour, child trafficking",
    )
    resource = Resource.objects.get(submitted_by__username="partner")
    assert set(resource.publishers.all()) == {known}
    assert resource.proposed_publisher_list == ["iom", "New Collective"]
    assert Organization.objects.filter(name__icontains="iom").count() == 0
    assert set(resource.keywords.all()) == {keyword, Keyword.objects.get(name="child trafficking")}


def test_keywords_typed_with_arabic_or_chinese_commas_are_separate_keywords(partner_client):
    post(partner_client, keywords="العمل الجبري، التجنيد；贩运人口，偷运移民")
    resource = Resource.objects.get(submitted_by__username="partner")
    assert {keyword.name for keyword in resource.keywords.all()} == {
        "العمل الجبري",
        "التجنيد",
        "贩运人口",
        "偷运移民",
    }


# Publishers ----------------------------------------------------------------------------


@pytest.fixture
def unlisted():
    """Organizations the public must not learn of: an affiliation and a draft's publisher."""
    affiliation = OrganizationFactory(name="Quiet Affiliation Office", slug="quiet-affiliation")
    UserFactory(username="affiliated", organization=affiliation)
    drafted = OrganizationFactory(name="Drafted Publisher Trust", slug="drafted-publisher")
    ResourceFactory(status=Status.IN_REVIEW, publishers=[drafted])
    return affiliation, drafted


def test_the_form_offers_only_publishers_of_published_items(partner_client, unlisted):
    listed = OrganizationFactory(name="Listed Publisher Council", slug="listed-publisher")
    ResourceFactory(publishers=[listed])
    html = partner_client.get("/submit/?kind=document").content.decode()
    assert 'value="listed-publisher"' in html and "Listed Publisher Council" in html
    for organization in unlisted:
        assert organization.slug not in html and organization.name not in html


def test_an_unlisted_organization_is_refused_like_an_unknown_one(partner_client, unlisted):
    answers = []
    for slug in (*[organization.slug for organization in unlisted], "no-such-publisher"):
        response = post(partner_client, publishers=[slug])
        assert response.status_code == 400
        answers.append(errors_of(response).replace(slug, "…"))
    assert answers[0] == answers[1] == answers[2] != ""
    assert not Resource.objects.filter(submitted_by__username="partner").exists()


def test_a_typed_publisher_becomes_an_organization_only_when_published(partner_client):
    post(
        partner_client,
        action="draft",
        new_publishers="Anti-Trafficking Observatory\nanti-trafficking observatory",
    )
    resource = Resource.objects.get(submitted_by__username="partner")
    assert resource.proposed_publisher_list == [
        "Anti-Trafficking Observatory",
        "anti-trafficking observatory",
    ]
    assert not Organization.objects.filter(name__iexact="Anti-Trafficking Observatory").exists()

    edit = partner_client.get(f"/my/{resource.pk}/edit/").content.decode()
    assert "Anti-Trafficking Observatory\nanti-trafficking observatory</textarea>" in edit


def test_editing_keeps_the_items_own_publishers(partner_client, partner, unlisted):
    _affiliation, drafted = unlisted
    resource = ResourceFactory(status=Status.DRAFT, submitted_by=partner, publishers=[drafted])
    page = partner_client.get(f"/my/{resource.pk}/edit/").content.decode()
    assert 'value="drafted-publisher"' in page and "checked" in page
    response = partner_client.post(
        f"/my/{resource.pk}/edit/",
        form_data(publishers=["drafted-publisher"], new_publishers="", action="draft"),
    )
    assert response.status_code == 302
    assert list(resource.publishers.all()) == [drafted]


def test_publishing_links_the_proposed_names_and_creates_the_new_ones(partner):
    iom = OrganizationFactory(
        name="International Organization for Migration", acronym="IOM", slug="iom"
    )
    quiet = OrganizationFactory(name="Quiet Affiliation Office", slug="quiet-affiliation")
    resource = ResourceFactory(
        status=Status.IN_REVIEW,
        submitted_by=partner,
        proposed_publishers="iom\nquiet affiliation office\nBrand New Collective",
    )
    known = Organization.objects.count()
    adopted = services.proposed_publishers_adopt(resource=resource)
    new = Organization.objects.get(name="Brand New Collective")
    assert adopted == [iom, quiet, new]
    assert set(resource.publishers.all()) == {iom, quiet, new}
    resource.refresh_from_db()
    assert resource.proposed_publishers == ""
    assert Organization.objects.count() == known + 1


def test_a_draft_is_kept_then_submitted(partner_client, partner, editor, committed):
    response = committed(post, partner_client, action="draft")
    resource = Resource.objects.get()
    assert response["Location"] == f"/my/{resource.pk}/"
    assert resource.status == Status.DRAFT
    assert mail.outbox == []
    assert not HistoryEntry.objects.exists()

    page = partner_client.get(f"/my/{resource.pk}/").content.decode()
    assert "This is a draft" in page
    assert f'href="/my/{resource.pk}/submit/"' in page

    assert partner_client.get(f"/my/{resource.pk}/submit/").status_code == 200
    response = committed(partner_client.post, f"/my/{resource.pk}/submit/")
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.status == Status.SUBMITTED
    assert {address for message in mail.outbox for address in message.to} == {
        partner.email,
        editor.email,
    }


def test_the_primary_objective_defaults_to_the_first_ticked(partner_client):
    post(partner_client, objectives=["10", "6"], primary_objective="")
    assert Resource.objects.get().primary_objective.code == "6"


# Validation ----------------------------------------------------------------------------


def test_errors_are_shown_next_to_their_fields_and_nothing_is_stored(partner_client):
    next_year = str(timezone.now().year + 1)
    response = post(
        partner_client, publication_year=next_year, objectives=[], url="javascript:alert(1)"
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert not Resource.objects.exists()
    assert "There is a problem" in html
    assert re.search(
        r'<ul class="errorlist" id="id_publication_year_error"><li>The year of '
        r"publication cannot be in the future.",
        html,
    )
    assert re.search(
        r'<ul class="errorlist" id="id_objectives_error"><li>Choose at least one '
        r"GCM objective.",
        html,
    )
    assert re.search(
        r'<ul class="errorlist" id="id_url_error"><li>The link must be a web '
        r"address starting with https:// or http://.",
        html,
    )
    url_input = re.search(r'<input[^>]*name="url"[^>]*>', html).group(0)
    assert 'aria-describedby="id_url_helptext id_url_error"' in url_input
    assert 'aria-invalid="true"' in url_input
    assert re.search(
        r'<fieldset[^>]*aria-describedby="id_objectives_helptext '
        r'id_objectives_error"',
        html,
    )
    assert "javascript:alert(1)" in html  # kept in the field so it can be corrected


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.org/report.pdf", "must be a web address starting with https://"),
        ("file:///etc/passwd", "must be a web address starting with https://"),
        ("data:text/html,hi", "must be a web address starting with https://"),
        ("www.example.org/report", "must be a web address starting with https://"),
        ("https://", "This is not a complete web address"),
        ("https://exa mple.org", "This is not a complete web address"),
        # Python's URL parser raises on an unclosed bracket; this was an error page (500).
        ("https://[::1", "This is not a complete web address"),
        ("http://[example.org]/report", "This is not a complete web address"),
    ],
)
def test_only_complete_web_links_are_accepted(partner_client, url, message):
    response = post(partner_client, url=url)
    assert response.status_code == 400
    assert message in errors_of(response)
    assert not Resource.objects.exists()


def test_a_link_or_a_file_is_needed(partner_client):
    response = post(partner_client, url="")
    assert response.status_code == 400
    assert "A link or a file is required: give a link to the resource" in errors_of(response)


def test_the_form_says_a_link_or_a_file_is_required_not_that_both_are_optional(partner_client):
    page = partner_client.get("/submit/?kind=document").content.decode()
    assert "<legend>Link or file</legend>" in page
    assert "A link or a file is required: give a link, upload a file, or both." in page
    for field, label in (("url", "Link"), ("file", "File")):
        assert (
            f'<label for="id_{field}">{label} <span class="hint">'
            "(a link or a file is required)</span></label>"
        ) in page
        assert f'<label for="id_{field}">{label} <span class="hint">(optional)' not in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"publication_year": "1850"}, "Give a year from 1900 onwards."),
        ({"publication_year": ""}, "Give the year of publication."),
        ({"publication_year": "twenty"}, "Give the year as four digits"),
        ({"publication_month": "2", "publication_day": "30"}, "That month has only 29 days."),
        ({"publication_month": "", "publication_day": "3"}, "Give the month as well as the day."),
        (
            {"objectives": ["10"], "primary_objective": "6"},
            "The primary objective must be one of the objectives you ticked.",
        ),
        ({"title": ""}, "Give the title of the resource."),
        ({"summary": "   "}, "Write a short summary of the resource."),
        ({"document_type": ""}, "Choose the type of document."),
        ({"scope": "9"}, "Choose one of the scopes listed."),
        ({"countries": ["XXX"]}, "is not one of the countries listed."),
        ({"keywords": ",".join(f"k{n}" for n in range(25))}, "Give at most 20 keywords."),
    ],
)
def test_each_rule_has_a_clear_message(partner_client, overrides, message):
    response = post(partner_client, **overrides)
    assert response.status_code == 400
    assert message in errors_of(response)
    assert not Resource.objects.exists()


@pytest.mark.parametrize(
    ("kind", "overrides", "message"),
    [
        ("event", {"starts_at": ""}, "Give the date and time the event starts."),
        (
            "event",
            {"location": "", "is_online": None},
            "Give the location, or tick that the event takes place online.",
        ),
        ("event", {"ends_at": "2025-06-29T10:00"}, "The event cannot end before it starts."),
        ("practice", {"implemented_by": ""}, "Say who implements the practice."),
        ("project", {"period_end": "2019-01-01"}, "The period cannot end before it starts."),
        ("video", {"duration": "forever"}, "Give the duration as hours:minutes:seconds"),
        ("video", {"embed_url": "javascript:alert(1)"}, "must be a web address"),
    ],
)
def test_kind_specific_rules(partner_client, kind, overrides, message):
    response = post(partner_client, kind, **overrides)
    assert response.status_code == 400
    assert message in errors_of(response)
    assert not Resource.objects.exists()


# Every choice without JavaScript --------------------------------------------------------


def test_every_taxonomy_choice_is_a_plain_checkbox_or_radio_button(partner_client):
    html = partner_client.get("/submit/?kind=document").content.decode()

    def inputs(kind, name):
        return re.findall(rf'<input type="{kind}" name="{name}" value="([^"]*)"', html)

    assert len(inputs("checkbox", "countries")) == 194
    assert len(inputs("checkbox", "objectives")) == 24
    assert len(inputs("checkbox", "principles")) == 10
    assert len(inputs("checkbox", "regions")) == 5
    assert inputs("checkbox", "actions") == list("abcdefghij")
    assert set(inputs("checkbox", "un_languages")) == {"ar", "zh", "en", "fr", "ru", "es"}
    assert len(inputs("radio", "document_type")) == 12
    assert inputs("radio", "scope") == ["1", "2", "3", "4"]
    assert 'name="other_languages"' in html and 'value="pt"' in html
    for region in ("Africa", "Americas", "Asia", "Europe", "Oceania"):
        assert f'<legend class="visually-hidden">Countries in {region}</legend>' in html
    assert "(a) Take legislative" in html or "(a) " in html
    assert "<script>" not in html and "style=" not in html
    assert '<script src="/static/js/choice-filter.js" defer></script>' in html
    assert "<legend>GCM objectives</legend>" in html


def test_countries_are_grouped_under_their_region(partner_client):
    html = partner_client.get("/submit/?kind=document").content.decode()
    africa = html.index("Countries in Africa")
    americas = html.index("Countries in Americas")
    assert africa < html.index('value="NGA"') < americas
    assert americas < html.index('value="BRA"') < html.index("Countries in Asia")


def test_chosen_countries_stay_chosen_and_their_region_open(partner_client):
    response = post(partner_client, countries=["NGA"], title="")
    html = response.content.decode()
    assert re.search(r'<input type="checkbox" name="countries" value="NGA"[^>]*checked', html)
    assert re.search(r'<details class="choice-group" open>\s*<summary>Africa', html)


# Robustness ----------------------------------------------------------------------------


def test_a_broken_mail_server_does_not_lose_the_submission(partner_client, settings, committed):
    settings.EMAIL_BACKEND = "tests.review.broken_mail.BrokenBackend"
    response = committed(post, partner_client)
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert resource.status == Status.SUBMITTED
    assert HistoryEntry.objects.filter(resource=resource, action="submit").exists()
    page = partner_client.get(response["Location"])
    assert page.status_code == 200


GARBAGE = [
    {
        "title": "\x00",
        "summary": "<script>alert(1)</script>",
        "url": "\x00javascript:x",
        "publication_year": "9" * 40,
        "publication_month": "13",
        "publication_day": "-4",
        "publishers": ["<b>", "\x00"],
        "new_publishers": "!!!",
        "authors": "\x00",
        "un_languages": ["xx"],
        "other_languages": ["' OR 1=1 --"],
        "document_type": "novel",
        "objectives": ["99", "%00"],
        "primary_objective": "general' --",
        "principles": ["?"],
        "scope": "global",
        "regions": ["atlantis"],
        "countries": ["NG\x00A"],
        "actions": ["z"],
        "keywords": ",,,;;;",
        "action": "explode",
    },
    {
        "title": "x" * 5000,
        "summary": "y" * 20000,
        "url": "https://" + "a" * 2000 + ".org",
        "publication_year": "-1",
        "publication_month": "",
        "publication_day": "99999999999",
        "objectives": ["1" * 30],
        "countries": ["1"] * 300,
        "keywords": "k" * 3000,
        "new_publishers": "\n".join(f"Org {n}" for n in range(30)),
    },
    {
        "publication_year": "2020.5",
        "objectives": [""],
        "scope": "",
        "document_type": "1",
        "publishers": ["99999999999999999999999"],
        "actions": ["99999999999999999999999"],
    },
]


@pytest.mark.parametrize("kind", ["document", "event", "video", "practice"])
@pytest.mark.parametrize("garbage", GARBAGE)
def test_a_hostile_post_gets_the_form_back_with_errors_never_a_500(partner_client, kind, garbage):
    hostile = {
        **form_data(kind),
        **garbage,
        "starts_at": "9999-99-99T99:99",
        "ends_at": "\x00",
        "duration": "999999999999999:00:00",
        "period_start": "0000-00-00",
        "embed_url": "vbscript:x",
        "sdgs": ["18", "x"],
    }
    response = partner_client.post(f"/submit/?kind={kind}", hostile)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "<script>alert(1)</script>" not in html
    assert not Resource.objects.exists()


def test_a_post_without_a_kind_is_refused_clearly(partner_client):
    response = partner_client.post("/submit/", form_data())
    assert response.status_code == 400
    assert not Resource.objects.exists()


def test_new_submissions_are_rate_limited_but_corrections_are_not(partner_client, settings):
    settings.HUB_RATE_LIMITS = {**settings.HUB_RATE_LIMITS, "submission": "2/h"}
    for _attempt in range(3):
        assert post(partner_client, url="").status_code == 400
    for number in range(2):
        assert post(partner_client, title=f"Item {number}", action="draft").status_code == 302
    response = post(partner_client, title="One too many")
    assert response.status_code == 429
    assert "Retry-After" in response
    assert Resource.objects.count() == 2


def test_the_submitter_cannot_edit_a_submitted_item(partner_client, partner):
    resource = ResourceFactory(status=Status.SUBMITTED, submitted_by=partner)
    response = partner_client.post(f"/my/{resource.pk}/edit/", form_data(title="Changed"))
    assert response.status_code == 409
    assert "it can no longer be changed" in response.content.decode()
    resource.refresh_from_db()
    assert resource.title != "Changed"
