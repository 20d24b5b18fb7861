"""Make slugs for the hub's rows: readable, from a name or title, and never taken.

Items, organizations and keywords all get their slugs here, so a slug is made the same
way whoever creates the row: the import, a submission, a publication or the admin.
"""

from collections.abc import Callable, Container

from django.utils.text import slugify

MAX_SLUG_LENGTH = 100


def unique_slug(
    text: str,
    *,
    taken: Callable[[str], bool] | Container[str],
    max_length: int = MAX_SLUG_LENGTH,
    fallback: str = "item",
    allow_unicode: bool = False,
) -> str:
    """Make a slug from ``text`` that ``taken`` does not hold, numbering it when it must.

    ``taken`` is a set of slugs or a function that says whether a slug is taken. The base
    is cut to ``max_length`` and a number (``-2``, ``-3``…) replaces its end when the base is
    taken, so the slug never grows past ``max_length``. Text with nothing to keep gives
    ``fallback``.
    """
    is_taken = taken if callable(taken) else taken.__contains__
    base = slugify(text, allow_unicode=allow_unicode)[:max_length].strip("-") or fallback
    slug, counter = base, 2
    while is_taken(slug):
        suffix = f"-{counter}"
        slug = f"{base[: max_length - len(suffix)]}{suffix}"
        counter += 1
    return slug
