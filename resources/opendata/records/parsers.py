"""Read the values of a record: text, lists, numbers, yes/no, dates, times and durations.

A record's values come from a CSV cell (always text) or a JSON backup (JSON values); each
reader accepts both and raises ``RecordValueError`` with a sentence a person understands.
"""

import datetime
import re
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime, parse_duration
from django.utils.translation import gettext

from taxonomy.selectors import APOSTROPHES

LIST_SEPARATOR = "; "
TRUE_WORDS = {"true", "yes", "y", "1"}
FALSE_WORDS = {"false", "no", "n", "0"}

_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"})


class RecordValueError(ValueError):
    """Say, in words a person understands, why one value of a record cannot be read."""


def fold(label: str) -> str:
    """Fold case, spacing, apostrophe and dash variants so that labels compare equal."""
    text = " ".join(label.translate(APOSTROPHES).translate(_DASHES).split()).casefold()
    return re.sub(r"\s*-\s*", "-", text)


def text_value(value: Any, *, strip: bool = True) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return value.strip() if strip else value
    raise RecordValueError(gettext("Give a text value here, not a list or an object."))


def item_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        parts = [text_value(item) for item in value]
    else:
        parts = text_value(value).split(";")
    return [part.strip() for part in parts if part.strip()]


def whole_number(value: Any, *, message: str) -> int | None:
    if isinstance(value, bool):
        raise RecordValueError(message)
    if isinstance(value, int):
        return value
    text = text_value(value)
    if not text:
        return None
    if not re.fullmatch(r"\d{1,6}", text):
        raise RecordValueError(message)
    return int(text)


def boolean(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    text = text_value(value).casefold()
    if not text:
        return None
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise RecordValueError(
        gettext("Write “true” or “false”, not “%(value)s”.") % {"value": text_value(value)}
    )


def date_value(value: Any) -> datetime.date | None:
    text = text_value(value)
    if not text:
        return None
    try:
        parsed = parse_date(text)
    except ValueError:
        parsed = None
    if parsed is None:
        raise RecordValueError(
            gettext("“%(value)s” is not a date; write it as YYYY-MM-DD.") % {"value": text}
        )
    return parsed


def datetime_value(value: Any) -> datetime.datetime | None:
    """Read an ISO 8601 time; a time without UTC offset is taken as UTC, a date as midnight."""
    text = text_value(value)
    if not text:
        return None
    try:
        parsed = parse_datetime(text)
        if parsed is None and (day := parse_date(text)) is not None:
            parsed = datetime.datetime.combine(day, datetime.time())
    except ValueError:
        parsed = None
    if parsed is None:
        raise RecordValueError(
            gettext("“%(value)s” is not a date and time; write it as YYYY-MM-DDTHH:MM+00:00.")
            % {"value": text}
        )
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, datetime.UTC)
    return parsed


def duration_value(value: Any) -> datetime.timedelta | None:
    text = text_value(value)
    if not text:
        return None
    parsed = parse_duration(text)
    if parsed is None:
        raise RecordValueError(
            gettext("“%(value)s” is not a duration; write it as HH:MM:SS.") % {"value": text}
        )
    return parsed


def moment(value: datetime.datetime | None) -> str | None:
    return value.astimezone(datetime.UTC).isoformat() if value else None


def day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def yes_no(value: bool) -> str:
    return "true" if value else "false"
