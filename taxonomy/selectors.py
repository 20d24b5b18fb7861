"""Read the taxonomy: look up controlled-vocabulary values from the labels people use."""

from django.conf import settings
from django.db.models import Q, QuerySet
from modeltranslation.utils import build_localized_fieldname

from resources.models import Resource

from .models import Country, Organization

APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})


def _normalized(label: str) -> str:
    """Fold case, runs of whitespace and apostrophe variants so that labels compare equal."""
    return " ".join(label.translate(APOSTROPHES).split()).casefold()


# A country's name in each of the six languages, so a label in any of them is recognised.
COUNTRY_NAMES = [build_localized_fieldname("name", code) for code, _name in settings.LANGUAGES]


def country_by_label(label: str) -> Country | None:
    """Return the country with this ISO3 or ISO2 code, name in any language or alias, or None.

    Whatever the language of the import, a name in any of the six languages is found
    ("Türkiye", "Pays-Bas (Royaume des)"), and so are the Hub's labels and former names
    kept as aliases ("Turkey", "Vietnam"). Case, surrounding or repeated whitespace and
    straight versus typographic apostrophes are ignored, so "korea, dem. people's rep."
    finds the Democratic People's Republic of Korea as well as the Hub's "Korea, Dem.
    People’s Rep.".
    """
    text = " ".join(label.split())
    if not text:
        return None
    straight = text.translate(APOSTROPHES)
    query = Q(iso3__iexact=text) | Q(iso2__iexact=text)
    for spelling in {text, straight, straight.replace("'", "’")}:
        query |= Q(aliases__label__iexact=spelling)
        for name in COUNTRY_NAMES:
            query |= Q(**{f"{name}__iexact": spelling})
    country = Country.objects.filter(query).select_related("region").distinct().first()
    if country is not None:
        return country
    # SQLite compares only ASCII letters case-insensitively: finish the search in Python.
    wanted = _normalized(text)
    for country in Country.objects.select_related("region").prefetch_related("aliases"):
        labels = [getattr(country, name) or "" for name in COUNTRY_NAMES]
        labels += [alias.label for alias in country.aliases.all()]
        if any(_normalized(known) == wanted for known in labels):
            return country
    return None


def public_publishers() -> QuerySet:
    """Return the organizations that publish at least one published item.

    Only these may be named in public: an organization known only as someone's
    affiliation or as a draft's publisher stays private, so every channel that takes a
    publisher (filters, chips, feed titles, the submission form's list) offers these alone
    and refuses the others exactly as it refuses an unknown one.
    """
    return Organization.objects.filter(pk__in=Resource.objects.published().values("publishers"))
