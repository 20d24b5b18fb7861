"""Decide what a harvester sees and describe each item as an OAI header and Dublin Core.

An item is harvestable when it is public now (``Resource.objects.published()``), or was
public once and is not any more (``published_at`` is set, the status is something else):
the latter is sent as a deleted record, a header with no metadata.
"""

import re
import xml.etree.ElementTree as ET

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest

from hub.preloaded import preload, related
from resources.models import Kind, Resource, Scope
from resources.submission.uploads import download_path
from taxonomy.models import Objective

from .markup import DC_NS, OAI_DC_NS, OAI_DC_SCHEMA, XSI_NS, sub
from .protocol import OAIError, format_datestamp, shorten

DEFAULT_REPOSITORY_ID = "objective10-hub"
# Items are named by their primary key, which never changes: ``item/42``. Until items kept
# their addresses, they were named by slug (``resource/<slug>``); harvesters still hold
# those identifiers, so ``find`` accepts them, by current or former slug.
LOCAL_PREFIX = "item/"
SLUG_PREFIX = "resource/"
KEY = re.compile(r"[1-9][0-9]{0,17}")
SLUG = re.compile(r"[-a-zA-Z0-9_]+")

OBJECTIVE_SET = "objective"
KIND_SET = "kind"

# Dublin Core's own type vocabulary (DCMI Type), where a kind has a clear equivalent.
DCMI_TYPES = {
    Kind.DOCUMENT: "Text",
    Kind.PRACTICE: "Text",
    Kind.TRAINING: "Text",
    Kind.EVENT: "Event",
    Kind.VIDEO: "MovingImage",
}


def repository_id() -> str:
    """Return the repository's name in identifiers; set it once and never change it."""
    return getattr(settings, "HUB_OAI_REPOSITORY_ID", "") or DEFAULT_REPOSITORY_ID


def oai_identifier(resource: Resource) -> str:
    """Name an item as ``oai:<repository id>:item/<pk>``, which a rename leaves alone."""
    return f"oai:{repository_id()}:{LOCAL_PREFIX}{resource.pk}"


def harvestable() -> QuerySet:
    """Return the items a harvester may know of: public ones and once-public ones."""
    return Resource.objects.published() | Resource.objects.filter(published_at__isnull=False)


def header_queryset() -> QuerySet:
    """Load what headers need (set memberships) in one extra query per page."""
    return harvestable().prefetch_related(
        preload("objectives", queryset=Objective.objects.only("pk", "code"))
    )


def record_queryset() -> QuerySet:
    """Load what full records need in a fixed number of queries per page."""
    return (
        harvestable()
        .select_related("document_type")
        .prefetch_related(
            *(
                preload(relation)
                for relation in (
                    "objectives",
                    "principles",
                    "keywords",
                    "publishers",
                    "languages",
                    "regions",
                    "countries",
                )
            ),
            preload(
                "language_editions",
                queryset=Resource.objects.published().only("pk", "slug").order_by("pk"),
            ),
        )
    )


def find(identifier: str, queryset: QuerySet) -> Resource:
    """Return the harvestable item an identifier names; raise idDoesNotExist otherwise.

    An identifier of the older, slug-based form names the item whose slug it is now, or
    failing that the item that had it before a rename.
    """
    namespace = f"oai:{repository_id()}:"
    local = identifier[len(namespace) :] if identifier.startswith(namespace) else ""
    key, slug = local.removeprefix(LOCAL_PREFIX), local.removeprefix(SLUG_PREFIX)
    resource = None
    if local.startswith(LOCAL_PREFIX) and KEY.fullmatch(key):
        resource = queryset.filter(pk=int(key)).first()
    elif local.startswith(SLUG_PREFIX) and SLUG.fullmatch(slug):
        resource = (
            queryset.filter(slug=slug).first() or queryset.filter(former_slugs__slug=slug).first()
        )
    if resource is None:
        raise OAIError(
            "idDoesNotExist", f"There is no item '{shorten(identifier)}' in this repository."
        )
    return resource


def objective_set_name(objective: Objective) -> str:
    """Name an objective's set: "GCM objective 10 - Eradicate trafficking"."""
    if objective.number:
        return f"GCM objective {objective.short_name}"
    return f"GCM: {objective.short_name}"


def objective_subject(objective: Objective) -> str:
    """Name an objective as a subject: "GCM objective 10: Prevent, combat and eradicate…"."""
    if objective.number:
        return f"GCM objective {objective.number}: {objective.title}"
    return f"GCM: {objective.title}"


def all_sets() -> list[tuple[str, str, str]]:
    """List every set as (setSpec, setName, description): objectives, then kinds."""
    sets = [(OBJECTIVE_SET, "Resources by GCM objective", "")]
    sets += [
        (f"{OBJECTIVE_SET}:{objective.code}", objective_set_name(objective), objective.title)
        for objective in Objective.objects.order_by("position", "pk")
    ]
    sets.append((KIND_SET, "Resources by kind", ""))
    sets += [(f"{KIND_SET}:{kind.value}", str(kind.label), "") for kind in Kind]
    return sets


def in_set(queryset: QuerySet, set_spec: str) -> QuerySet:
    """Keep the members of a set; raise noRecordsMatch when there is no such set."""
    through = Resource.objectives.through.objects
    group, _, value = set_spec.partition(":")
    if set_spec == OBJECTIVE_SET:
        return queryset.filter(pk__in=through.values("resource"))
    if set_spec == KIND_SET:
        return queryset
    if group == OBJECTIVE_SET and Objective.objects.filter(code=value).exists():
        return queryset.filter(pk__in=through.filter(objective__code=value).values("resource"))
    if group == KIND_SET and value in Kind.values:
        return queryset.filter(kind=value)
    raise OAIError(
        "noRecordsMatch", f"There is no set '{shorten(set_spec)}'; ListSets names every set."
    )


def set_specs(resource: Resource) -> list[str]:
    """Return the sets an item belongs to: each of its objectives, and its kind."""
    objectives = sorted(related(resource, "objectives"), key=lambda objective: objective.pk)
    specs = [f"{OBJECTIVE_SET}:{objective.code}" for objective in objectives]
    specs.append(f"{KIND_SET}:{resource.kind}")
    return specs


def add_header(parent: ET.Element, resource: Resource) -> ET.Element:
    """Append an item's header; a no-longer-public item gets ``status="deleted"``."""
    attributes = {} if resource.is_published else {"status": "deleted"}
    header = sub(parent, "header", attributes=attributes)
    sub(header, "identifier", oai_identifier(resource))
    sub(header, "datestamp", format_datestamp(resource.updated_at))
    for spec in set_specs(resource):
        sub(header, "setSpec", spec)
    return header


def add_record(parent: ET.Element, resource: Resource, request: HttpRequest) -> ET.Element:
    """Append a full record, or only a header for a deleted one."""
    record = sub(parent, "record")
    add_header(record, resource)
    if resource.is_published:
        add_dublin_core(sub(record, "metadata"), resource, request)
    return record


def file_url(resource: Resource, request: HttpRequest) -> str | None:
    """Return the address that serves the item's uploaded file, when it has one."""
    path = download_path(resource)
    return request.build_absolute_uri(path) if path else None


def publication_date(resource: Resource) -> str:
    """Write the publication date as precisely as it is known: 2021, 2021-02, 2021-02-02."""
    text = f"{resource.publication_year:04d}"
    if resource.publication_month:
        text += f"-{resource.publication_month:02d}"
        if resource.publication_day:
            text += f"-{resource.publication_day:02d}"
    return text


def add_dublin_core(parent: ET.Element, resource: Resource, request: HttpRequest) -> ET.Element:
    """Describe a published item in ``oai_dc``, with absolute links to its pages."""
    dc = sub(
        parent,
        "oai_dc:dc",
        attributes={
            "xmlns:oai_dc": OAI_DC_NS,
            "xmlns:dc": DC_NS,
            "xmlns:xsi": XSI_NS,
            "xsi:schemaLocation": f"{OAI_DC_NS} {OAI_DC_SCHEMA}",
        },
    )

    def add(name: str, *values: object) -> None:
        for value in values:
            if value is not None and str(value).strip():
                sub(dc, f"dc:{name}", str(value).strip())

    add("title", resource.title)
    add("creator", *resource.author_list)
    add("subject", *[objective_subject(objective) for objective in related(resource, "objectives")])
    add("subject", *[principle.name for principle in related(resource, "principles")])
    add("subject", *[keyword.name for keyword in related(resource, "keywords")])
    add("description", resource.summary)
    add("publisher", *[organization.name for organization in related(resource, "publishers")])
    add("date", publication_date(resource))
    add("type", DCMI_TYPES.get(resource.kind), Kind(resource.kind).label)
    if resource.document_type:
        add("type", resource.document_type.name)
    add("identifier", request.build_absolute_uri(resource.get_absolute_url()))
    add("identifier", resource.url)
    add("identifier", file_url(resource, request))
    add("language", *[language.code for language in related(resource, "languages")])
    add(
        "relation",
        *[
            request.build_absolute_uri(edition.get_absolute_url())
            for edition in related(resource, "language_editions")
        ],
    )
    if resource.scope == Scope.GLOBAL:
        add("coverage", Scope.GLOBAL.label)
    add("coverage", *[region.name for region in related(resource, "regions")])
    add("coverage", *[country.name for country in related(resource, "countries")])
    return dc
