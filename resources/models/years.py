"""Bound an item's year of publication, apart so forms and validation ask the same bounds."""

from django.utils import timezone


def earliest_year() -> int:
    return 1900


def current_year() -> int:
    return timezone.now().year
