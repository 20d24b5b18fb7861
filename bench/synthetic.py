"""Generate a large synthetic catalogue shaped like the real one, for benchmarks.

Items are built from the hub's own words (the Compact's objectives, actions and principles,
the demo items' titles and summaries) so that text search has real terms to find, and are
tagged with skewed (Zipf-like) distributions: a few countries, publishers and document types
carry most items, as in any real catalogue, and Objective 10 is the most common objective.
The same seed on the same database gives the same items. Rows are written in bulk; the
search vectors are then computed by the database in one statement per batch.
"""

import json
import random
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils.text import slugify

from hub.slugs import unique_slug
from resources.models import Kind, Resource, Scope, Status
from resources.search import SEARCH_CONFIG, is_postgresql, record_words
from taxonomy.models import (
    Country,
    DocumentType,
    GuidingPrinciple,
    Keyword,
    Language,
    Objective,
    ObjectiveAction,
    Organization,
    Region,
)

BATCH_SIZE = 2000
SYNTHETIC_ORGANIZATIONS = 300
SYNTHETIC_KEYWORDS = 120

# Share of generated items in each status; the rest are published.
OTHER_STATUSES = {
    Status.DRAFT: 0.02,
    Status.SUBMITTED: 0.02,
    Status.IN_REVIEW: 0.02,
    Status.CHANGES_REQUESTED: 0.01,
    Status.REJECTED: 0.01,
    Status.ARCHIVED: 0.01,
}
KIND_WEIGHTS = {
    Kind.DOCUMENT: 55,
    Kind.PRACTICE: 15,
    Kind.EVENT: 8,
    Kind.PROJECT: 10,
    Kind.TRAINING: 8,
    Kind.VIDEO: 4,
}
SCOPE_WEIGHTS = {Scope.GLOBAL: 25, Scope.REGIONAL: 25, Scope.NATIONAL: 40, Scope.LOCAL: 10}
FIRST_YEAR, LAST_YEAR = 2000, 2026
_WORD = re.compile(r"[A-Za-z][A-Za-z\-]{3,}")
_SENTENCE_END = re.compile(r"(?<=[.;])\s+")

ORGANIZATION_WORDS = (
    "Alliance",
    "Centre",
    "Coalition",
    "Council",
    "Foundation",
    "Initiative",
    "Institute",
    "Network",
    "Observatory",
    "Platform",
    "Programme",
    "Forum",
    "Partnership",
    "Union",
)
TITLE_PATTERNS = (
    "{Topic} in {place}",
    "{Topic}: {topic2}",
    "{Topic} and {topic2} in {place}",
    "Guidelines on {topic}",
    "Report on {topic} in {place}, {year}",
    "{Topic} for {topic2}: lessons from {place}",
    "Toolkit: {topic}",
    "{Topic} — a {kind} from {place}",
)


@dataclass
class Vocabulary:
    """Hold the sentences and phrases that generated titles and summaries are made of."""

    sentences: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)


@dataclass
class Taxonomy:
    """Hold the ids each tag is drawn from, most frequent first."""

    objective_ids: list[int]
    objective_10_id: int
    principle_ids: list[int]
    region_ids: list[int]
    countries: list[tuple[int, int, str]]  # id, region id, name
    document_type_ids: list[int]
    language_ids: list[int]
    organizations: list[tuple[int, str, str]]  # id, name, acronym
    keywords: list[tuple[int, str]]
    action_ids: list[int]


def build_vocabulary() -> Vocabulary:
    """Collect sentences and noun phrases from the Compact's texts and the demo items."""
    texts: list[str] = []
    for objective in Objective.objects.all():
        texts += [
            objective.title,
            objective.introduction,
            objective.commitment,
            objective.background,
        ]
    texts += list(ObjectiveAction.objects.values_list("text", flat=True))
    texts += list(GuidingPrinciple.objects.values_list("description", flat=True))
    texts += list(DocumentType.objects.values_list("description", flat=True))
    phrases = list(Objective.objects.values_list("short_name", flat=True))
    phrases += list(GuidingPrinciple.objects.values_list("name", flat=True))
    phrases += list(Keyword.objects.values_list("name", flat=True))
    demo = settings.BASE_DIR / "fixtures" / "demo" / "resources.json"
    if demo.exists():
        for item in json.loads(demo.read_text(encoding="utf-8")).get("resources", []):
            texts.append(item.get("summary", ""))
            phrases.append(item.get("title", "").split(":")[0])
    sentences = [
        " ".join(sentence.split())
        for text in texts
        for sentence in _SENTENCE_END.split(text or "")
        if 40 <= len(sentence) <= 400
    ]
    phrases = [" ".join(phrase.split()) for phrase in phrases if 3 <= len(phrase) <= 80]
    if not sentences:
        sentences = ["Trafficking in persons in the context of international migration."]
    if not phrases:
        phrases = ["trafficking in persons", "international migration"]
    return Vocabulary(sentences=sorted(set(sentences)), phrases=sorted(set(phrases)))


def zipf_weights(count: int, exponent: float = 1.1) -> list[float]:
    """Return weights 1/rank^s: the first entries carry most of the mass."""
    return [1 / (rank**exponent) for rank in range(1, count + 1)]


class ItemGenerator:
    """Draw items, deterministically from one seed, over the catalogue's taxonomy."""

    def __init__(self, *, seed: int, taxonomy: Taxonomy, vocabulary: Vocabulary) -> None:
        self.random = random.Random(seed)
        self.taxonomy = taxonomy
        self.vocabulary = vocabulary
        shuffled = self.random.sample
        # A different popularity order per seed, the same for the whole run.
        self.countries = shuffled(taxonomy.countries, len(taxonomy.countries))
        self.organizations = shuffled(taxonomy.organizations, len(taxonomy.organizations))
        self.country_weights = zipf_weights(len(self.countries))
        self.organization_weights = zipf_weights(len(self.organizations))
        self.objective_weights = zipf_weights(len(taxonomy.objective_ids), 0.8)
        self.type_weights = zipf_weights(len(taxonomy.document_type_ids), 0.9)
        self.language_weights = zipf_weights(len(taxonomy.language_ids), 2.0)
        self.keyword_weights = zipf_weights(len(taxonomy.keywords), 1.0)

    def pick(self, population: Sequence, weights: Sequence[float], count: int) -> list:
        """Draw up to ``count`` distinct values, weighted."""
        chosen: dict = {}
        for _ in range(count * 3):
            if len(chosen) >= count:
                break
            value = self.random.choices(population, weights)[0]
            chosen[value] = True
        return list(chosen)

    def status(self) -> str:
        draw = self.random.random()
        for status, share in OTHER_STATUSES.items():
            if draw < share:
                return status
            draw -= share
        return Status.PUBLISHED

    def title(self, kind: str, place: str, year: int) -> str:
        phrases = self.vocabulary.phrases
        topic, topic2 = self.random.choice(phrases), self.random.choice(phrases)
        pattern = self.random.choice(TITLE_PATTERNS)
        text = pattern.format(
            Topic=topic[:1].upper() + topic[1:],
            topic=topic[:1].lower() + topic[1:],
            topic2=topic2[:1].lower() + topic2[1:],
            place=place,
            year=year,
            kind=str(Kind(kind).label).lower(),
        )
        return text[:300]

    def summary(self, place: str) -> str:
        sentences = self.random.sample(
            self.vocabulary.sentences,
            min(len(self.vocabulary.sentences), self.random.randint(2, 4)),
        )
        return f"Focus: {place}. " + " ".join(sentences)

    def item(self, number: int) -> tuple[Resource, dict[str, list[int]]]:
        """Return one unsaved item and the ids of its tags, by relation name."""
        rng, taxonomy = self.random, self.taxonomy
        kind = rng.choices(list(KIND_WEIGHTS), list(KIND_WEIGHTS.values()))[0]
        scope = rng.choices(list(SCOPE_WEIGHTS), list(SCOPE_WEIGHTS.values()))[0]
        year = min(LAST_YEAR, FIRST_YEAR + int((LAST_YEAR - FIRST_YEAR + 1) * rng.random() ** 0.6))
        objectives = [taxonomy.objective_10_id] if rng.random() < 0.7 else []
        objectives += self.pick(
            taxonomy.objective_ids,
            self.objective_weights,
            rng.choice((0, 1, 1, 2, 3)) + (0 if objectives else 1),
        )
        objectives = list(dict.fromkeys(objectives))
        countries = []
        if scope in (Scope.NATIONAL, Scope.LOCAL):
            countries = self.pick(self.countries, self.country_weights, rng.choice((1, 1, 1, 2)))
        elif scope == Scope.REGIONAL:
            countries = self.pick(self.countries, self.country_weights, rng.choice((0, 2, 3, 5)))
        regions = list(dict.fromkeys(country[1] for country in countries))
        if scope == Scope.REGIONAL and not regions:
            regions = [rng.choice(taxonomy.region_ids)]
        place = (
            countries[0][2]
            if countries
            else ("the world" if scope == Scope.GLOBAL else "the region")
        )
        publishers = self.pick(
            self.organizations, self.organization_weights, rng.choice((1, 1, 1, 2, 3))
        )
        keywords = self.pick(taxonomy.keywords, self.keyword_weights, rng.choice((0, 1, 2, 3)))
        actions = (
            rng.sample(taxonomy.action_ids, rng.choice((0, 1, 2, 3)))
            if taxonomy.objective_10_id in objectives
            else []
        )
        status = self.status()
        month = rng.choice((None, None) + tuple(range(1, 13)))
        title = self.title(kind, place, year)
        surnames = self.vocabulary.phrases
        authors = "\n".join(
            f"{rng.choice('ABCDEFGHJKLMNOPRSTVWZ')}. {rng.choice(surnames).split()[0]}"
            for _ in range(rng.choice((0, 0, 1, 2)))
        )
        resource = Resource(
            kind=kind,
            title=title,
            summary=self.summary(place),
            scope=scope,
            publication_year=year,
            publication_month=month,
            publication_day=rng.randint(1, 28) if month and rng.random() < 0.5 else None,
            url=f"https://example.org/items/{number}" if rng.random() < 0.8 else "",
            authors=authors,
            document_type_id=(
                rng.choices(taxonomy.document_type_ids, self.type_weights)[0]
                if kind == Kind.DOCUMENT
                else None
            ),
            primary_objective_id=objectives[0],
        )
        moment = (
            datetime(year, month or 1, 1, tzinfo=UTC) + timedelta(days=rng.randint(0, 27))
            if Resource(status=status).is_published
            else None
        )
        for name, value in resource.status_changes(status=status, published_at=moment).items():
            setattr(resource, name, value)
        resource.search_text = " ".join(
            [authors]
            + [f"{name} {acronym}" for _, name, acronym in publishers]
            + [name for _, name in keywords]
        ).strip()
        tags = {
            "objectives": objectives,
            "principles": rng.sample(taxonomy.principle_ids, rng.choice((0, 1, 2, 3))),
            "regions": regions,
            "countries": [country[0] for country in countries],
            "languages": self.pick(
                taxonomy.language_ids, self.language_weights, rng.choice((1, 1, 1, 2))
            ),
            "publishers": [organization[0] for organization in publishers],
            "keywords": [keyword[0] for keyword in keywords],
            "actions": actions,
        }
        return resource, tags


def ensure_taxonomy(*, seed: int) -> Taxonomy:
    """Load the taxonomy's ids, adding synthetic publishers and keywords up to a few hundred."""
    rng = random.Random(seed)
    vocabulary_words = sorted(
        {
            word.lower()
            for text in GuidingPrinciple.objects.values_list("description", flat=True)
            for word in _WORD.findall(text)
        }
    ) or ["migration", "protection", "rights"]
    missing = SYNTHETIC_ORGANIZATIONS - Organization.objects.count()
    if missing > 0:
        organizations, taken = [], set(Organization.objects.values_list("slug", flat=True))
        for index in range(missing):
            name = (
                f"{rng.choice(vocabulary_words).title()} "
                f"{rng.choice(ORGANIZATION_WORDS)} {index + 1}"
            )
            slug = unique_slug(name, taken=taken)
            taken.add(slug)
            acronym = "".join(part[0] for part in name.split() if part[0].isalpha()).upper()
            organizations.append(Organization(name=name, slug=slug, acronym=acronym))
        Organization.objects.bulk_create(organizations, ignore_conflicts=True)
    missing = SYNTHETIC_KEYWORDS - Keyword.objects.count()
    if missing > 0:
        names = [
            word
            for word in vocabulary_words
            if not Keyword.objects.filter(slug=slugify(word)).exists()
        ][:missing]
        Keyword.objects.bulk_create(
            [Keyword(name=name, slug=slugify(name)) for name in names], ignore_conflicts=True
        )
    objective_10 = Objective.objects.get(code="10")
    return Taxonomy(
        objective_ids=list(
            Objective.objects.exclude(pk=objective_10.pk)
            .order_by("position")
            .values_list("pk", flat=True)
        ),
        objective_10_id=objective_10.pk,
        principle_ids=list(
            GuidingPrinciple.objects.order_by("position").values_list("pk", flat=True)
        ),
        region_ids=list(Region.objects.order_by("position").values_list("pk", flat=True)),
        countries=list(Country.objects.order_by("iso3").values_list("pk", "region_id", "name")),
        document_type_ids=list(
            DocumentType.objects.order_by("position").values_list("pk", flat=True)
        ),
        language_ids=list(
            Language.objects.order_by("position", "code").values_list("pk", flat=True)
        ),
        organizations=list(
            Organization.objects.order_by("slug").values_list("pk", "name", "acronym")
        ),
        keywords=list(Keyword.objects.order_by("slug").values_list("pk", "name")),
        action_ids=list(
            ObjectiveAction.objects.filter(objective=objective_10)
            .order_by("letter")
            .values_list("pk", flat=True)
        ),
    )


def generate_items(*, count: int, seed: int, progress: Callable[[int], None] | None = None) -> int:
    """Add ``count`` synthetic items to the catalogue and index them; return how many."""
    taxonomy = ensure_taxonomy(seed=seed)
    generator = ItemGenerator(seed=seed, taxonomy=taxonomy, vocabulary=build_vocabulary())
    taken = set(Resource.objects.values_list("slug", flat=True))
    write = _copy_batch if is_postgresql() else _insert_batch
    created = 0
    for batch in _batches(count):
        items = [generator.item(created + offset + 1) for offset in range(batch)]
        for resource, _tags in items:
            resource.slug = unique_slug(resource.title, taken=taken)
            taken.add(resource.slug)
            created += 1
        with transaction.atomic():
            write(items)
        if progress:
            progress(batch)
    return created


def _insert_batch(items: list[tuple[Resource, dict[str, list[int]]]]) -> None:
    """Write a batch with the ORM's bulk inserts (SQLite)."""
    resources = Resource.objects.bulk_create([resource for resource, _ in items])
    for relation in items[0][1]:
        field = Resource._meta.get_field(relation)
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        through.objects.bulk_create(
            [
                through(**{f"{source}_id": resource.pk, f"{target}_id": tag})
                for resource, (_, tags) in zip(resources, items, strict=True)
                for tag in tags[relation]
            ],
            batch_size=5000,
        )


def _copy_batch(items: list[tuple[Resource, dict[str, list[int]]]]) -> None:
    """Write a batch with COPY (PostgreSQL), computing each search vector as rows land.

    COPY is several times faster than INSERT for this volume; the rows go through a
    temporary table so that the weighted vector is computed once, in the same write.
    """
    fields = [
        field
        for field in Resource._meta.concrete_fields
        if field.name not in ("id", "search_vector")
    ]
    columns = [field.column for field in fields]
    table = Resource._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, len(items)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            f"CREATE TEMP TABLE synthetic_items ON COMMIT DROP AS "
            f"SELECT id, {', '.join(columns)} FROM {table} WITH NO DATA"
        )
        with cursor.copy(f"COPY synthetic_items (id, {', '.join(columns)}) FROM STDIN") as copy:
            for pk, (resource, _) in zip(ids, items, strict=True):
                resource.pk = pk
                copy.write_row(
                    [pk]
                    + [
                        field.get_db_prep_save(field.pre_save(resource, True), connection)
                        for field in fields
                    ]
                )
        vector = (
            f"setweight(to_tsvector('{SEARCH_CONFIG}', coalesce(title, '')), 'A') || "
            f"setweight(to_tsvector('{SEARCH_CONFIG}', coalesce(summary, '')), 'B') || "
            f"setweight(to_tsvector('{SEARCH_CONFIG}', coalesce(search_text, '')), 'C')"
        )
        cursor.execute(
            f"INSERT INTO {table} (id, {', '.join(columns)}, search_vector) "
            f"SELECT id, {', '.join(columns)}, {vector} FROM synthetic_items"
        )
        cursor.execute("DROP TABLE synthetic_items")
        record_words(ids)
        for relation in items[0][1]:
            field = Resource._meta.get_field(relation)
            through = field.remote_field.through._meta
            source = through.get_field(field.m2m_field_name()).column
            target = through.get_field(field.m2m_reverse_field_name()).column
            with cursor.copy(f"COPY {through.db_table} ({source}, {target}) FROM STDIN") as copy:
                for resource, tags in items:
                    for tag in tags[relation]:
                        copy.write_row((resource.pk, tag))


def _batches(count: int) -> Iterator[int]:
    while count > 0:
        yield min(BATCH_SIZE, count)
        count -= BATCH_SIZE
