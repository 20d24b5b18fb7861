"""Link language editions once every record of a file is written."""

from django.db import models
from django.utils.translation import gettext

from resources.models import Resource

from .matching import Catalogue
from .sources import ImportProblem, ImportReport
from .writing import Outcome

CHUNK_SIZE = 200


def editions_link(
    report: ImportReport,
    plans: dict[int, tuple[int, list[str], bool]],
    catalogue: Catalogue,
    outcomes: dict[int, Outcome],
) -> None:
    """Link language editions once every record is written, so links may point forward.

    Editions are symmetrical: a record's editions are those it lists and those that list
    it. A record from the public CSV (no status) keeps its links to unpublished items,
    which that file could not show.
    """
    wanted: dict[int, set[int]] = {pk: set() for pk in plans}
    for pk, (row, slugs, _public) in plans.items():
        for slug in slugs:
            other = catalogue.slug_pk.get(slug)
            if other is None or other == pk:
                report.problems.append(
                    ImportProblem(
                        row,
                        "language_editions",
                        gettext(
                            "No item “%(slug)s” to link as a language edition; the link "
                            "is left out."
                        )
                        % {"slug": slug},
                        is_error=False,
                    )
                )
                continue
            wanted[pk].add(other)
            if other in wanted:
                wanted[other].add(pk)
    pks = list(plans)
    for start in range(0, len(pks), CHUNK_SIZE):
        chunk = Resource.objects.filter(pk__in=pks[start : start + CHUNK_SIZE]).prefetch_related(
            models.Prefetch(
                "language_editions", queryset=Resource.objects.order_by().only("id", "status")
            )
        )
        for resource in chunk:
            current = {edition.pk: edition for edition in resource.language_editions.all()}
            targets = set(wanted[resource.pk])
            if plans[resource.pk][2]:
                targets |= {pk for pk, edition in current.items() if not edition.is_published}
            if set(current) == targets:
                continue
            resource.language_editions.set(targets)
            outcome = outcomes[resource.pk]
            if not outcome.created and not outcome.changed:
                outcome.changed = True
                report.unchanged -= 1
                report.updated += 1
                resource.save(update_fields=["updated_at"])
