"""Read the lists typed in a text box: publishers' names, authors and keywords."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext

from hub.text import list_items

MAX_KEYWORDS = 20
MAX_NEW_PUBLISHERS = 10
MAX_AUTHORS = 100


def split_lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def publisher_names(text: str) -> list[str]:
    """Return the publishers named one per line, each once, refusing what is not a name."""
    names = list(dict.fromkeys(split_lines(text)))
    if len(names) > MAX_NEW_PUBLISHERS:
        raise ValidationError(
            gettext("Add at most %(max)s new publishers."),
            code="too_many",
            params={"max": MAX_NEW_PUBLISHERS},
        )
    for name in names:
        if len(name) > 300:
            raise ValidationError(
                gettext("A publisher's name may have at most 300 characters."), code="too_long"
            )
        if not slugify(name, allow_unicode=True):
            raise ValidationError(
                gettext("“%(name)s” is not an organization's name."),
                code="invalid_name",
                params={"name": name},
            )
    return names


def author_lines(text: str) -> list[str]:
    """Return the authors named one per line."""
    authors = split_lines(text)
    if len(authors) > MAX_AUTHORS:
        raise ValidationError(
            gettext("List at most %(max)s authors."),
            code="too_many",
            params={"max": MAX_AUTHORS},
        )
    return authors


def keyword_names(text: str) -> list[str]:
    """Return the keywords separated by commas, each once whatever its case."""
    names = []
    for name in list_items(text):
        if name.lower() not in {existing.lower() for existing in names}:
            names.append(name)
    if len(names) > MAX_KEYWORDS:
        raise ValidationError(
            gettext("Give at most %(max)s keywords."),
            code="too_many",
            params={"max": MAX_KEYWORDS},
        )
    for name in names:
        if len(name) > 100:
            raise ValidationError(
                gettext("A keyword may have at most 100 characters."), code="too_long"
            )
        if not slugify(name, allow_unicode=True):
            raise ValidationError(
                gettext("“%(name)s” is not a keyword. Separate keywords with commas."),
                code="invalid_keyword",
                params={"name": name},
            )
    return names
