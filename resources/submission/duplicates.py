"""Find items that a new submission may duplicate: the same link, or a very similar title.

Links are compared after normalising them (``resources.links.normalize_url``): scheme,
``www.``, default ports, trailing slashes, fragments and tracking parameters do not make two
links different. Titles are compared with trigram similarity on PostgreSQL and, on SQLite,
with an exact case-insensitive match or ``difflib`` on a bounded set of candidates.

Withdrawn items and other people's drafts are not counted: nobody has submitted them.
A partner's submission is compared with published items and their own only, so the check
never tells them that someone else has submitted something; the editors' check
(``for_editors``, or a submitter who is an editor) compares it with every item submitted.
"""

import difflib
import re
from dataclasses import dataclass

from django.contrib.postgres.search import TrigramSimilarity
from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from accounts.roles import is_editor
from resources.links import normalize_url
from resources.models import Resource, Status
from resources.search import is_postgresql

TITLE_SIMILARITY = 0.6
SQLITE_TITLE_RATIO = 0.85
MAX_FINDINGS = 5
MAX_CANDIDATES = 300
_WORDS = re.compile(r"\w+")


def normalize_title(title: str) -> str:
    return " ".join(_WORDS.findall((title or "").lower()))


@dataclass(frozen=True)
class Duplicate:
    """One possible duplicate, why it was found, and whether the submitter owns it."""

    resource: Resource
    same_link: bool
    similar_title: bool
    mine: bool = False

    @property
    def reason(self) -> str:
        if self.same_link and self.similar_title:
            return gettext("the same link and a very similar title")
        if self.same_link:
            return gettext("the same link")
        return gettext("a very similar title")

    @property
    def is_public(self) -> bool:
        return self.resource.is_published

    def describe_for_editors(self) -> str:
        return gettext("Possible duplicate of #%(pk)s “%(title)s” (%(status)s): %(reason)s.") % {
            "pk": self.resource.pk,
            "title": self.resource.title,
            "status": self.resource.get_status_display(),
            "reason": self.reason,
        }


def _candidates(*, submitter, exclude_pk: int | None, for_editors: bool) -> QuerySet:
    submitter_pk = getattr(submitter, "pk", None)
    if for_editors:
        others_drafts = Q(status=Status.DRAFT) & ~Q(submitted_by_id=submitter_pk)
        items = Resource.objects.exclude(status=Status.WITHDRAWN).exclude(others_drafts)
    else:
        items = Resource.objects.published()
        if submitter_pk:
            items = items | Resource.objects.filter(submitted_by_id=submitter_pk).exclude(
                status=Status.WITHDRAWN
            )
    if exclude_pk:
        items = items.exclude(pk=exclude_pk)
    return items


def _same_link(items: QuerySet, url: str) -> list[Resource]:
    key = normalize_url(url)
    if not key:
        return []
    host_and_path = key.split("?", 1)[0]
    host, _slash, path = host_and_path.partition("/")
    condition = Q(url__icontains=host.split(":", 1)[0])
    last_segment = path.rsplit("/", 1)[-1]
    if last_segment:
        condition &= Q(url__icontains=last_segment)
    candidates = items.filter(condition).order_by("-pk")[:MAX_CANDIDATES]
    return [item for item in candidates if normalize_url(item.url) == key]


def _similar_title(items: QuerySet, title: str) -> list[Resource]:
    title = " ".join((title or "").split())
    if not title:
        return []
    if is_postgresql():
        return list(
            items.filter(title__trigram_similar=title)
            .annotate(similarity=TrigramSimilarity("title", title))
            .filter(similarity__gte=TITLE_SIMILARITY)
            .order_by("-similarity", "-pk")[:MAX_FINDINGS]
        )
    wanted = normalize_title(title)
    exact = list(items.filter(title__iexact=title).order_by("-pk")[:MAX_FINDINGS])
    words = sorted(_WORDS.findall(wanted), key=len, reverse=True)
    if not words:
        return exact
    candidates = items.filter(title__icontains=words[0]).order_by("-pk")[:MAX_CANDIDATES]
    similar = [
        item
        for item in candidates
        if difflib.SequenceMatcher(None, wanted, normalize_title(item.title)).ratio()
        >= SQLITE_TITLE_RATIO
    ]
    seen = {item.pk for item in exact}
    return exact + [item for item in similar if item.pk not in seen]


def find_duplicates(
    *,
    url: str,
    title: str,
    submitter=None,
    exclude_pk: int | None = None,
    for_editors: bool = False,
) -> list[Duplicate]:
    """Return existing items with the same normalised link or a very similar title.

    Whoever will read the findings decides what is compared: the editors (``for_editors``,
    or a submitter who is an editor) see every submitted item; anyone else sees
    published items and the submitter's own, never other people's unpublished ones.
    """
    full = for_editors or (submitter is not None and is_editor(submitter))
    items = _candidates(submitter=submitter, exclude_pk=exclude_pk, for_editors=full)
    by_link = {item.pk: item for item in _same_link(items, url)}
    by_title = {item.pk: item for item in _similar_title(items, title)}
    submitter_pk = getattr(submitter, "pk", None)
    found = []
    for pk in list(by_link) + [pk for pk in by_title if pk not in by_link]:
        resource = by_link.get(pk) or by_title[pk]
        mine = bool(submitter_pk) and resource.submitted_by_id == submitter_pk
        found.append(
            Duplicate(
                resource=resource, same_link=pk in by_link, similar_title=pk in by_title, mine=mine
            )
        )
    found.sort(key=lambda duplicate: (not duplicate.same_link, -duplicate.resource.pk))
    return found[:MAX_FINDINGS]
