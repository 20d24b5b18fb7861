"""Filter the catalogue by one browse parameter's chosen values, for ``ResourceFilter``."""

from collections.abc import Callable

import django_filters
from django import forms
from django.db.models import QuerySet


class TagFilter(django_filters.ModelMultipleChoiceFilter):
    """Keep items tagged with any of the chosen terms, by semi-join so no row repeats."""

    def filter(self, qs: QuerySet, value) -> QuerySet:
        if not value:
            return qs
        field = qs.model._meta.get_field(self.field_name)
        if not field.many_to_many:
            return qs.filter(**{f"{self.field_name}__in": value})
        through = field.remote_field.through
        tagged = through.objects.filter(**{f"{field.m2m_reverse_field_name()}__in": value})
        return qs.filter(pk__in=tagged.values(field.m2m_field_name()))


class CodeChoiceFilter(django_filters.MultipleChoiceFilter):
    """Keep items of any chosen value, named in addresses by its code (``scope=global``)."""

    def __init__(self, *args, key_of: Callable[[str], object], **kwargs):
        self.key_of = key_of
        super().__init__(*args, distinct=False, **kwargs)

    def filter(self, qs: QuerySet, value) -> QuerySet:
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__in": [self.key_of(code) for code in value]})


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField
