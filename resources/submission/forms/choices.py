"""Offer the choices of the submission form: taxonomy terms by code, months and goals."""

from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from hub.collation import sort_key
from taxonomy.models import Country

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


def country_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Group the countries under their regions, in the hub's order of regions.

    Within a region, countries sort by their names in the active language.
    """
    countries = Country.objects.select_related("region").order_by("region__position")
    groups: dict[str, list] = {}
    for country in countries:
        groups.setdefault(country.region.name, []).append((country.iso3, country.name))
    return [
        (region, sorted(names, key=lambda choice: sort_key(choice[1])))
        for region, names in groups.items()
    ]
