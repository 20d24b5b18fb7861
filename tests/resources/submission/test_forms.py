"""The submission form takes the item's rules from the model, and the service holds them too."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import timezone

from resources.models import Resource, Status
from resources.submission import services
from resources.submission.forms import ResourceForm
from taxonomy.models import Country, Language, Objective
from tests.factories import ResourceFactory

from .submission_data import form_data

pytestmark = pytest.mark.django_db


def bound(kind="document", resource=None, **overrides) -> ResourceForm:
    data = QueryDict(mutable=True)
    for name, value in form_data(kind, **overrides).items():
        data.setlist(name, value if isinstance(value, list) else [value])
    return ResourceForm(data, kind=kind, resource=resource)


@pytest.fixture
def draft(partner):
    return ResourceFactory(
        status=Status.DRAFT,
        submitted_by=partner,
        title="The stored title",
        url="https://example.org/stored",
        publication_year=2024,
        publication_month=2,
        publication_day=None,
    )


# The model's rules are the form's ------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "name", "limit"),
    [
        ("document", "title", 500),
        ("document", "summary", 10000),
        ("document", "authors", 10000),
        ("practice", "practice_type", 200),
        ("practice", "takeaway", 5000),
        ("event", "location", 300),
        ("project", "funding", 500),
    ],
)
def test_a_length_the_model_sets_is_the_forms_without_being_restated(kind, name, limit):
    assert name not in ResourceForm.declared_fields
    form = bound(kind, **{name: "x" * (limit + 1)})
    assert not form.is_valid()
    assert form.errors[name] == [
        f"Ensure this value has at most {limit} characters (it has {limit + 1})."
    ]
    assert f'maxlength="{limit}"' in str(form[name])


def test_the_scopes_offered_are_the_models_choices():
    assert "scope" not in ResourceForm.declared_fields
    form = bound(scope="9")
    assert not form.is_valid()
    assert form.errors["scope"] == ["Choose one of the scopes listed."]
    assert [value for value, _label in form.fields["scope"].choices] == [1, 2, 3, 4]


def test_the_items_own_date_rules_are_the_forms():
    form = bound("event", starts_at="2025-06-30T14:00", ends_at="2025-06-29T10:00")
    assert not form.is_valid()
    assert form.errors["ends_at"] == ["The event cannot end before it starts."]
    next_year = timezone.now().year + 1
    form = bound(publication_year=str(next_year))
    assert not form.is_valid()
    assert form.errors["publication_year"] == ["The year of publication cannot be in the future."]


@pytest.mark.parametrize("editing", [False, True])
def test_a_refused_date_is_not_judged_again_by_the_rules_across_dates(draft, editing):
    resource = draft if editing else None
    form = bound(resource=resource, publication_month="13", publication_day="30")
    assert not form.is_valid()
    assert "publication_month" in form.errors
    assert "publication_day" not in form.errors


def test_a_page_with_errors_shows_the_item_as_stored(partner, draft):
    form = bound(resource=draft, title="A new title", publication_year="1850")
    assert not form.is_valid()
    assert draft.title == "The stored title"
    assert draft.publication_year == 2024


# Fields the form asks differently ------------------------------------------------------


def test_the_form_only_fields_reach_the_service_by_the_items_names():
    form = bound(new_publishers="First Trust\nSecond Council\nFirst Trust")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["proposed_publishers"] == "First Trust\nSecond Council"
    assert {language.code for language in form.cleaned_data["languages"]} == {"en", "fr", "pt"}


def test_an_edit_starts_from_every_stored_answer(draft):
    draft.languages.set(Language.objects.filter(code__in=["en", "pt"]))
    draft.countries.set(Country.objects.filter(iso3__in=["NGA"]))
    draft.proposed_publishers = "New Collective"
    draft.save()
    form = ResourceForm(kind=draft.kind, resource=draft)
    assert form["title"].value() == "The stored title"
    assert form["un_languages"].value() == ["en"]
    assert form["other_languages"].value() == ["pt"]
    assert form["countries"].value() == ["NGA"]
    assert form["objectives"].value() == ["10"]
    assert form["document_type"].value() == "report"
    assert form["new_publishers"].value() == "New Collective"


# The service refuses what the form would refuse ----------------------------------------


def valid_data(**changes) -> dict:
    data = {
        "title": "Forced criminality in online scam centres",
        "summary": "How recruiters lure migrants into scam compounds.",
        "url": "https://example.org/report",
        "publication_year": 2024,
        "objectives": list(Objective.objects.filter(code="10")),
        "scope": 1,
    }
    return {**data, **changes}


def test_the_service_stores_valid_data(partner):
    saved = services.resource_save(author=partner, kind="document", data=valid_data())
    assert Resource.objects.get() == saved.resource


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "x" * 501}, "title"),
        ({"summary": ""}, "summary"),
        ({"summary": "s" * 10001}, "summary"),
        ({"publication_year": 1850}, "publication_year"),
        ({"publication_month": 2, "publication_day": 30}, "publication_day"),
        ({"url": "not a link"}, "url"),
        ({"scope": 9}, "scope"),
    ],
)
def test_the_service_refuses_invalid_data_and_writes_nothing(partner, changes, field):
    with pytest.raises(ValidationError) as refused:
        services.resource_save(
            author=partner,
            kind="document",
            data=valid_data(countries=list(Country.objects.filter(iso3="NGA")), **changes),
        )
    assert field in refused.value.message_dict
    assert not Resource.objects.exists()


def test_the_service_refuses_an_invalid_edit_and_keeps_the_stored_item(partner, draft):
    with pytest.raises(ValidationError) as refused:
        services.resource_save(
            author=partner,
            kind="practice",
            resource=draft,
            data=valid_data(
                title="Changed",
                period_start=datetime.date(2024, 1, 1),
                period_end=datetime.date(2023, 1, 1),
            ),
        )
    assert refused.value.message_dict["period_end"] == ["The period cannot end before it starts."]
    draft.refresh_from_db()
    assert (draft.title, draft.kind, draft.period_start) == ("The stored title", "document", None)


def test_a_new_item_starts_with_every_text_box_empty():
    form = ResourceForm(kind="document")
    assert 'value="' not in str(form["keywords"])
    assert form["keywords"].value() == ""
