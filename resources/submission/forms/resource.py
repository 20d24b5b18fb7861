"""Describe one resource: a ``ModelForm`` of ``Resource``, with the kind's own fields.

Every taxonomy choice is a checkbox, a radio button or a plain select, so the form works
without JavaScript. Each error message says what to do, and Django ties it and the hint
to their field (``aria-describedby``). The item's own rules (lengths, choices, a real day
of the month, periods in order) come from the model; the form adds what only a person
typing needs (a link readers can open, keywords and names one per line).
"""

import copy
import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from resources.models import Kind, Resource, earliest_year
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

from ..kinds import KIND_FIELDS, SPECIFIC_FIELDS
from .choices import SDGS, LabelledModelMultipleChoiceField, country_choices, month_choices
from .lists import author_lines, keyword_names, publisher_names
from .mapping import FIELD_ORDER, form_only_initial, form_only_values
from .sources import DocumentFileField, WebLinkField

# The fields ``Resource.clean`` reads together.
DATE_FIELDS = frozenset(
    {
        "publication_year",
        "publication_month",
        "publication_day",
        "period_start",
        "period_end",
        "starts_at",
        "ends_at",
    }
)

# Fields that only some kinds require, with the message saying what to give.
REQUIRED_FOR_KIND = {
    Kind.DOCUMENT: {"document_type": _("Choose the type of document.")},
    Kind.PRACTICE: {"implemented_by": _("Say who implements the practice.")},
    Kind.EVENT: {"starts_at": _("Give the date and time the event starts.")},
}

DATE_FORMAT_MESSAGE = _("Give the date as year-month-day, for example 2024-03-31.")


def _no_rules_across_fields() -> None:
    """Stand in for ``Resource.clean`` while a date it reads is refused."""


class ResourceForm(forms.ModelForm):
    """Describe one resource of a given kind; pass ``kind=`` and, to edit, ``resource=``.

    The form validates only: its ``cleaned_data`` (with the item's field names, see
    ``form_only_values``) goes to ``services.resource_save``, which writes.
    """

    file = DocumentFileField(label=_("File"), required=False)
    remove_file = forms.BooleanField(label=_("Remove the current file"), required=False)
    publication_year = forms.IntegerField(
        label=_("Year"),
        min_value=earliest_year(),
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
    sdgs = forms.TypedMultipleChoiceField(
        label=_("Sustainable Development Goals"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        choices=[(number, format_lazy("{}. {}", number, name)) for number, name in SDGS],
    )

    field_order = FIELD_ORDER

    class Meta:
        model = Resource
        fields = FIELD_ORDER
        field_classes = {"url": WebLinkField, "embed_url": WebLinkField}
        labels = {
            "period_start": _("Start of the period"),
            "period_end": _("End of the period"),
            "is_online": _("The event takes place online"),
        }
        help_texts = {
            "summary": _("A few sentences on what the resource covers and who it is for."),
            "url": _(
                "The web address where readers find the resource, starting with https:// "
                "or http://."
            ),
            "practice_type": _(
                "For example: legislation, a referral mechanism, a training programme."
            ),
            "takeaway": _("What others can learn from this practice."),
            "period_start": _("As year-month-day, for example 2024-03-31."),
            "period_end": _("Leave empty if it is ongoing."),
            "funding": _("Donors or funding programme."),
            "starts_at": _("Date and time (UTC), for example 2025-06-30 14:00."),
            "ends_at": _("Date and time (UTC), for example 2025-06-30 17:00."),
            "location": _("City and country, or the venue."),
            "duration": _("Hours, minutes and seconds, for example 1:05:00 or 12:30."),
            "embed_url": _(
                "The address for embedding the video, for example "
                "https://www.youtube-nocookie.com/embed/…"
            ),
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 6}),
            "authors": forms.Textarea(attrs={"rows": 3}),
            "scope": forms.RadioSelect,
            "takeaway": forms.Textarea(attrs={"rows": 3}),
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "ends_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }
        error_messages = {
            "title": {"required": _("Give the title of the resource.")},
            "summary": {"required": _("Write a short summary of the resource.")},
            "scope": {
                "required": _("Choose the geographic scope."),
                "invalid_choice": _("Choose one of the scopes listed."),
            },
            "period_start": {"invalid": DATE_FORMAT_MESSAGE},
            "period_end": {"invalid": DATE_FORMAT_MESSAGE},
            "starts_at": {"invalid": _("Give the date and time, for example 2025-06-30 14:00.")},
            "ends_at": {"invalid": _("Give the date and time, for example 2025-06-30 17:00.")},
            "duration": {
                "invalid": _(
                    "Give the duration as hours:minutes:seconds, for example 1:05:00 or 12:30."
                ),
                "overflow": _("This duration is too long."),
            },
        }

    def __init__(self, *args, kind: str, resource: Resource | None = None, **kwargs):
        if kind not in Kind.values:
            raise ValueError(f"unknown kind {kind!r}")
        self.kind = kind
        self.resource = resource
        # A new item's keywords are typed from empty, not its (unsaved) empty relation.
        own = form_only_initial(resource) if resource is not None else {"keywords": ""}
        kwargs["initial"] = {**own, **kwargs.get("initial", {})}
        # Validation fills the instance with what was sent: a copy, so the page showing the
        # errors still shows the item as it is stored.
        instance = copy.copy(resource) if resource is not None else Resource()
        instance.kind = kind
        for name in SPECIFIC_FIELDS - set(KIND_FIELDS[kind]):
            setattr(instance, name, Resource._meta.get_field(name).get_default())
        super().__init__(*args, instance=instance, **kwargs)
        for name in SPECIFIC_FIELDS - set(KIND_FIELDS[kind]):
            del self.fields[name]
        if resource is None or not resource.file:
            del self.fields["remove_file"]
        if resource is not None:
            # An item keeps the publishers it already names, public or not: they are its own.
            self.fields["publishers"].queryset = public_publishers() | Organization.objects.filter(
                pk__in=resource.publishers.values("pk")
            )
        self.fields["countries"].choices = country_choices()
        for name, message in REQUIRED_FOR_KIND.get(kind, {}).items():
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = message

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

    def clean_countries(self) -> list[Country]:
        codes = self.cleaned_data["countries"]
        return list(Country.objects.filter(iso3__in=codes))

    def clean_new_publishers(self) -> list[str]:
        return publisher_names(self.cleaned_data["new_publishers"])

    def clean_authors(self) -> str:
        return "\n".join(author_lines(self.cleaned_data["authors"]))

    def clean_keywords(self) -> list[str]:
        return keyword_names(self.cleaned_data["keywords"])

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
        data.update(form_only_values(data))
        return data

    def _post_clean(self) -> None:
        """Check the item by its model's rules, those across dates only once all are accepted.

        ``Resource.clean`` reads the item's dates together; a date the form refused would
        count there as missing or as its stored value, and earn a second, wrong message
        ("Give the month as well as the day" of a month given but out of range).
        """
        if set(self.errors) & DATE_FIELDS:
            self.instance.clean = _no_rules_across_fields
        super()._post_clean()

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
