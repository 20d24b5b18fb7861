"""Validate what partners submit: one form for every kind, with the kind's own fields.

Every taxonomy choice is a checkbox, a radio button or a plain select, so the form works
without JavaScript. Each error message says what to do, and Django ties it and the hint
to their field (``aria-describedby``). The form only validates; ``services.resource_save``
stores.
"""

import datetime
import re
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.text import format_lazy, slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from resources.models import Kind, Resource, Scope
from taxonomy.models import (
    Country,
    DocumentType,
    GuidingPrinciple,
    Language,
    Objective,
    ObjectiveAction,
    Organization,
    Region,
)
from taxonomy.selectors import public_publishers

from .kinds import KIND_FIELDS, SPECIFIC_FIELDS
from .uploads import validate_upload

MAX_KEYWORDS = 20
MAX_NEW_PUBLISHERS = 10
MAX_AUTHORS = 100

SDGS = (
    (1, _("No poverty")),
    (2, _("Zero hunger")),
    (3, _("Good health and well-being")),
    (4, _("Quality education")),
    (5, _("Gender equality")),
    (6, _("Clean water and sanitation")),
    (7, _("Affordable and clean energy")),
    (8, _("Decent work and economic growth")),
    (9, _("Industry, innovation and infrastructure")),
    (10, _("Reduced inequalities")),
    (11, _("Sustainable cities and communities")),
    (12, _("Responsible consumption and production")),
    (13, _("Climate action")),
    (14, _("Life below water")),
    (15, _("Life on land")),
    (16, _("Peace, justice and strong institutions")),
    (17, _("Partnerships for the goals")),
)


def validate_web_link(value: str) -> None:
    """Accept only complete http:// or https:// addresses."""
    try:
        scheme = urlsplit(value).scheme.lower() if ":" in value else ""
    except ValueError:  # a malformed host such as "https://[::1"; the check below says so
        scheme = value.split(":", 1)[0].lower()
    if scheme not in ("http", "https"):
        raise ValidationError(
            gettext("The link must be a web address starting with https:// or http://."),
            code="scheme",
        )
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise ValidationError(
            gettext(
                "This is not a complete web address. Copy it from your browser's "
                "address bar, for example https://www.example.org/report."
            ),
            code="invalid_url",
        ) from None


class WebLinkField(forms.CharField):
    """Take a web address as typed, accepting only http and https."""

    widget = forms.URLInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 1000)
        super().__init__(**kwargs)
        self.validators.append(validate_web_link)


def split_lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class LabelledModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Choose several terms by a stable code, labelled by a function of the term."""

    def __init__(self, queryset, *, label_from, **kwargs):
        self._label_from = label_from
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        kwargs.setdefault("required", False)
        super().__init__(queryset, **kwargs)
        self.error_messages = {
            **self.error_messages,
            "invalid_choice": _("“%(value)s” is not one of the choices."),
            "invalid_pk_value": _("“%(pk)s” is not one of the choices."),
        }

    def label_from_instance(self, obj) -> str:
        return self._label_from(obj)


def month_choices():
    return [("", _("Month (optional)"))] + [(number, name) for number, name in MONTHS.items()]


class ResourceForm(forms.Form):
    """Describe one resource of a given kind; pass ``kind=`` and, to edit, ``resource=``."""

    title = forms.CharField(
        label=_("Title"),
        max_length=500,
        error_messages={"required": _("Give the title of the resource.")},
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("A few sentences on what the resource covers and who it is for."),
        error_messages={"required": _("Write a short summary of the resource.")},
    )
    url = WebLinkField(
        label=_("Link"),
        required=False,
        help_text=_(
            "The web address where readers find the resource, starting with https:// or http://."
        ),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_(
            "PDF, Word (.docx), OpenDocument text (.odt) or PowerPoint "
            "(.pptx), at most 20 MB. If the form shows an error, choose the file "
            "again."
        ),
        widget=forms.FileInput(
            attrs={
                "accept": ".pdf,.docx,.odt,.pptx,application/pdf,application/vnd.openxmlformats-"
                "officedocument.wordprocessingml.document,application/vnd.oasis."
                "opendocument.text,application/vnd.openxmlformats-officedocument."
                "presentationml.presentation",
            }
        ),
        error_messages={
            "empty": _("The file is empty. Choose the document itself."),
            "invalid": _("No file was received. Choose the file again."),
        },
    )
    remove_file = forms.BooleanField(label=_("Remove the current file"), required=False)
    publication_year = forms.IntegerField(
        label=_("Year"),
        min_value=1900,
        max_value=9999,
        help_text=_("Required. Month and day are optional."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            "required": _("Give the year of publication."),
            "invalid": _("Give the year as four digits, for example 2024."),
            "min_value": _("Give a year from 1900 onwards."),
            "max_value": _("The year of publication cannot be in the future."),
        },
    )
    publication_month = forms.TypedChoiceField(
        label=_("Month"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=month_choices,
    )
    publication_day = forms.IntegerField(
        label=_("Day"),
        required=False,
        min_value=1,
        max_value=31,
        error_messages={"invalid": _("Give the day as a number from 1 to 31.")},
    )
    publishers = LabelledModelMultipleChoiceField(
        public_publishers(),
        to_field_name="slug",
        label=_("Publishers"),
        label_from=str,
        help_text=_("Tick the organizations that published the resource."),
    )
    new_publishers = forms.CharField(
        label=_("Other publishers"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Publishers not in the list, one per line. The editors add them to the "
            "hub's list when your item is published."
        ),
    )
    authors = forms.CharField(
        label=_("Authors"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One author per line."),
    )
    un_languages = LabelledModelMultipleChoiceField(
        Language.objects.filter(is_un_official=True),
        to_field_name="code",
        label=_("Languages"),
        label_from=lambda language: language.name,
        help_text=_("The languages the resource is available in."),
    )
    other_languages = LabelledModelMultipleChoiceField(
        Language.objects.filter(is_un_official=False),
        to_field_name="code",
        label=_("Other languages"),
        label_from=lambda language: language.name,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Hold Ctrl (or Cmd) to choose more than one."),
    )
    document_type = forms.ModelChoiceField(
        DocumentType.objects.all(),
        to_field_name="slug",
        label=_("Type of document"),
        required=False,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of the types listed.")},
    )
    objectives = LabelledModelMultipleChoiceField(
        Objective.objects.all(),
        to_field_name="code",
        label=_("GCM objectives"),
        label_from=str,
        required=True,
        help_text=_("Tick every objective the resource addresses."),
        error_messages={"required": _("Choose at least one GCM objective.")},
    )
    primary_objective = forms.ModelChoiceField(
        Objective.objects.all(),
        to_field_name="code",
        label=_("Primary objective"),
        required=False,
        empty_label=_("The first objective ticked above"),
        help_text=_(
            "The objective the resource is mainly about; it must be one of those ticked above."
        ),
        error_messages={"invalid_choice": _("Choose one of the objectives listed.")},
    )
    principles = LabelledModelMultipleChoiceField(
        GuidingPrinciple.objects.all(),
        to_field_name="slug",
        label=_("Guiding principles"),
        label_from=str,
    )
    scope = forms.TypedChoiceField(
        label=_("Geographic scope"),
        choices=Scope.choices,
        coerce=int,
        widget=forms.RadioSelect,
        initial=Scope.GLOBAL,
        error_messages={
            "required": _("Choose the geographic scope."),
            "invalid_choice": _("Choose one of the scopes listed."),
        },
    )
    regions = LabelledModelMultipleChoiceField(
        Region.objects.all(),
        to_field_name="slug",
        label=_("Regions"),
        label_from=str,
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Countries are grouped by region; open a region to choose its countries."),
        error_messages={"invalid_choice": _("“%(value)s” is not one of the countries listed.")},
    )
    actions = LabelledModelMultipleChoiceField(
        ObjectiveAction.objects.filter(objective__code="10"),
        to_field_name="letter",
        label=_("Objective 10 actions"),
        label_from=lambda action: f"({action.letter}) {action.text}",
        help_text=_("The actions of GCM paragraph 26 that the resource helps to realise."),
    )
    keywords = forms.CharField(
        label=_("Keywords"),
        required=False,
        max_length=2000,
        help_text=_("Separated by commas, for example: forced labour, online recruitment."),
    )

    # Practice
    implemented_by = forms.CharField(label=_("Implemented by"), max_length=500, required=False)
    practice_type = forms.CharField(
        label=_("Type of practice"),
        max_length=200,
        required=False,
        help_text=_("For example: legislation, a referral mechanism, a training programme."),
    )
    takeaway = forms.CharField(
        label=_("Takeaway"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What others can learn from this practice."),
    )
    sdgs = forms.TypedMultipleChoiceField(
        label=_("Sustainable Development Goals"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        choices=[(number, format_lazy("{}. {}", number, name)) for number, name in SDGS],
    )
    # Practice and project
    period_start = forms.DateField(
        label=_("Start of the period"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("As year-month-day, for example 2024-03-31."),
        error_messages={"invalid": _("Give the date as year-month-day, for example 2024-03-31.")},
    )
    period_end = forms.DateField(
        label=_("End of the period"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty if it is ongoing."),
        error_messages={"invalid": _("Give the date as year-month-day, for example 2024-03-31.")},
    )
    # Project
    implementers = forms.CharField(label=_("Implementers"), max_length=500, required=False)
    funding = forms.CharField(
        label=_("Funding"),
        max_length=500,
        required=False,
        help_text=_("Donors or funding programme."),
    )
    # Event
    starts_at = forms.DateTimeField(
        label=_("Starts"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Date and time (UTC), for example 2025-06-30 14:00."),
        error_messages={"invalid": _("Give the date and time, for example 2025-06-30 14:00.")},
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Date and time (UTC), for example 2025-06-30 17:00."),
        error_messages={"invalid": _("Give the date and time, for example 2025-06-30 17:00.")},
    )
    location = forms.CharField(
        label=_("Location"),
        max_length=300,
        required=False,
        help_text=_("City and country, or the venue."),
    )
    is_online = forms.BooleanField(label=_("The event takes place online"), required=False)
    # Video
    duration = forms.DurationField(
        label=_("Duration"),
        required=False,
        help_text=_("Hours, minutes and seconds, for example 1:05:00 or 12:30."),
        error_messages={
            "invalid": _(
                "Give the duration as hours:minutes:seconds, for example 1:05:00 or 12:30."
            ),
            "overflow": _("This duration is too long."),
        },
    )
    embed_url = WebLinkField(
        label=_("Embed link"),
        required=False,
        help_text=_(
            "The address for embedding the video, for example "
            "https://www.youtube-nocookie.com/embed/…"
        ),
    )

    def __init__(self, *args, kind: str, resource: Resource | None = None, **kwargs):
        if kind not in Kind.values:
            raise ValueError(f"unknown kind {kind!r}")
        self.kind = kind
        self.resource = resource
        if resource is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_from(resource)
        super().__init__(*args, **kwargs)
        for name in SPECIFIC_FIELDS - set(KIND_FIELDS[kind]):
            del self.fields[name]
        if resource is None or not resource.file:
            del self.fields["remove_file"]
        if resource is not None:
            # An item keeps the publishers it already names, public or not: they are its own.
            self.fields["publishers"].queryset = public_publishers() | Organization.objects.filter(
                pk__in=resource.publishers.values("pk")
            )
        self._load_countries()
        if kind == Kind.DOCUMENT:
            self.fields["document_type"].required = True
            self.fields["document_type"].error_messages["required"] = gettext(
                "Choose the type of document."
            )
        if kind == Kind.PRACTICE:
            self.fields["implemented_by"].required = True
            self.fields["implemented_by"].error_messages["required"] = gettext(
                "Say who implements the practice."
            )
        if kind == Kind.EVENT:
            self.fields["starts_at"].required = True
            self.fields["starts_at"].error_messages["required"] = gettext(
                "Give the date and time the event starts."
            )

    def _load_countries(self) -> None:
        countries = Country.objects.select_related("region").order_by("region__position", "name")
        groups: dict[str, list] = {}
        for country in countries:
            groups.setdefault(country.region.name, []).append((country.iso3, country.name))
        self.fields["countries"].choices = list(groups.items())

    def country_groups(self) -> list[dict]:
        """Pair each region's name with the checkboxes of its countries, for the template."""
        checkboxes = iter(self["countries"].subwidgets)
        selected = {str(value) for value in (self["countries"].value() or [])}
        groups = []
        for region, options in self.fields["countries"].choices:
            boxes = [next(checkboxes) for _option in options]
            chosen = sum(1 for value, _label in options if value in selected)
            groups.append({"region": region, "checkboxes": boxes, "selected": chosen})
        return groups

    def specific_fields(self) -> list:
        """Return the bound fields that only this kind has."""
        return [self[name] for name in KIND_FIELDS[self.kind]]

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            extension = validate_upload(upload)
            upload.name = f"upload.{extension}"
        return upload

    def clean_publication_year(self) -> int:
        year = self.cleaned_data["publication_year"]
        if year > timezone.now().year:
            raise ValidationError(
                gettext("The year of publication cannot be in the future."), code="future_year"
            )
        return year

    def clean_new_publishers(self) -> list[str]:
        names = list(dict.fromkeys(split_lines(self.cleaned_data["new_publishers"])))
        if len(names) > MAX_NEW_PUBLISHERS:
            raise ValidationError(
                gettext("Add at most %(max)s new publishers.") % {"max": MAX_NEW_PUBLISHERS},
                code="too_many",
            )
        for name in names:
            if len(name) > 300:
                raise ValidationError(
                    gettext("A publisher's name may have at most 300 characters."), code="too_long"
                )
            if not slugify(name, allow_unicode=True):
                raise ValidationError(
                    gettext("“%(name)s” is not an organization's name.") % {"name": name},
                    code="invalid_name",
                )
        return names

    def clean_authors(self) -> str:
        authors = split_lines(self.cleaned_data["authors"])
        if len(authors) > MAX_AUTHORS:
            raise ValidationError(
                gettext("List at most %(max)s authors.") % {"max": MAX_AUTHORS},
                code="too_many",
            )
        return "\n".join(authors)

    def clean_countries(self) -> list[Country]:
        codes = self.cleaned_data["countries"]
        return list(Country.objects.filter(iso3__in=codes))

    def clean_keywords(self) -> list[str]:
        names = []
        for part in re.split(r"[,;\n]", self.cleaned_data["keywords"]):
            name = " ".join(part.split())
            if name and name.lower() not in {existing.lower() for existing in names}:
                names.append(name)
        if len(names) > MAX_KEYWORDS:
            raise ValidationError(
                gettext("Give at most %(max)s keywords.") % {"max": MAX_KEYWORDS},
                code="too_many",
            )
        for name in names:
            if len(name) > 100:
                raise ValidationError(
                    gettext("A keyword may have at most 100 characters."), code="too_long"
                )
            if not slugify(name, allow_unicode=True):
                raise ValidationError(
                    gettext("“%(name)s” is not a keyword. Separate keywords with commas.")
                    % {"name": name},
                    code="invalid_keyword",
                )
        return names

    def clean_sdgs(self) -> str:
        return ", ".join(str(goal) for goal in sorted(set(self.cleaned_data["sdgs"])))

    def clean_duration(self) -> datetime.timedelta | None:
        duration = self.cleaned_data["duration"]
        if duration is not None and (
            duration <= datetime.timedelta(0) or duration > datetime.timedelta(days=7)
        ):
            raise ValidationError(
                gettext("Give a duration between one second and a week."), code="duration_range"
            )
        return duration

    def clean(self) -> dict:
        data = super().clean()
        self._check_reachable(data)
        self._check_primary_objective(data)
        if self.kind == Kind.EVENT and "location" in data and "is_online" in data:
            if not data["location"] and not data["is_online"]:
                self.add_error(
                    "location",
                    ValidationError(
                        gettext("Give the location, or tick that the event takes place online."),
                        code="location_required",
                    ),
                )
        self._check_with_model_rules(data)
        return data

    def _check_reachable(self, data: dict) -> None:
        if "url" not in data or "file" not in data:
            return
        keeps_file = bool(self.resource and self.resource.file and not data.get("remove_file"))
        if not data["url"] and not data["file"] and not keeps_file:
            self.add_error(
                "url",
                ValidationError(
                    gettext(
                        "A link or a file is required: give a link to the resource, upload "
                        "its file, or both, so readers can reach it."
                    ),
                    code="link_or_file",
                ),
            )

    def _check_primary_objective(self, data: dict) -> None:
        objectives = data.get("objectives")
        primary = data.get("primary_objective")
        if not objectives:
            return
        if primary is None:
            data["primary_objective"] = objectives[0]
        elif primary not in objectives:
            self.add_error(
                "primary_objective",
                ValidationError(
                    gettext("The primary objective must be one of the objectives you ticked."),
                    code="primary_not_chosen",
                ),
            )

    def _check_with_model_rules(self, data: dict) -> None:
        """Apply the item's own rules: a real day of the month, periods in order."""
        names = (
            "publication_year",
            "publication_month",
            "publication_day",
            "period_start",
            "period_end",
            "starts_at",
            "ends_at",
        )
        values = {name: data.get(name) for name in names if name in self.fields}
        if any(name in self.errors for name in values):
            return
        try:
            Resource(**values).clean()
        except ValidationError as error:
            for field, messages in error.error_dict.items():
                if field in self.fields and field not in self.errors:
                    self.add_error(field, messages)


def initial_from(resource: Resource) -> dict:
    """Fill the form from a stored item, for editing."""
    languages = list(resource.languages.all())
    return {
        "title": resource.title,
        "summary": resource.summary,
        "url": resource.url,
        "publication_year": resource.publication_year,
        "publication_month": resource.publication_month,
        "publication_day": resource.publication_day,
        "publishers": [organization.slug for organization in resource.publishers.all()],
        "new_publishers": resource.proposed_publishers,
        "authors": resource.authors,
        "un_languages": [language.code for language in languages if language.is_un_official],
        "other_languages": [language.code for language in languages if not language.is_un_official],
        "document_type": resource.document_type.slug if resource.document_type else None,
        "objectives": [objective.code for objective in resource.objectives.all()],
        "primary_objective": (
            resource.primary_objective.code if resource.primary_objective else None
        ),
        "principles": [principle.slug for principle in resource.principles.all()],
        "scope": resource.scope,
        "regions": [region.slug for region in resource.regions.all()],
        "countries": [country.iso3 for country in resource.countries.all()],
        "actions": [action.letter for action in resource.actions.all()],
        "keywords": ", ".join(keyword.name for keyword in resource.keywords.all()),
        "implemented_by": resource.implemented_by,
        "practice_type": resource.practice_type,
        "takeaway": resource.takeaway,
        "sdgs": resource.sdg_list,
        "period_start": resource.period_start,
        "period_end": resource.period_end,
        "implementers": resource.implementers,
        "funding": resource.funding,
        "starts_at": resource.starts_at,
        "ends_at": resource.ends_at,
        "location": resource.location,
        "is_online": resource.is_online,
        "duration": resource.duration,
        "embed_url": resource.embed_url,
    }


class KindForm(forms.Form):
    """Choose what is being submitted, the first step of a submission."""

    kind = forms.ChoiceField(
        label=_("What are you submitting?"),
        choices=Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what you are submitting."),
            "invalid_choice": _("Choose one of the kinds listed."),
        },
    )


class ConfirmSubmitForm(forms.Form):
    """Confirm submitting an item that may duplicate others."""

    confirm = forms.BooleanField(label=_("Submit anyway"), required=False)
