"""Gather the words and the taxonomy synthetic items are made of."""

import json
import random
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.text import slugify

from hub.slugs import unique_slug
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

SYNTHETIC_ORGANIZATIONS = 300
SYNTHETIC_KEYWORDS = 120
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
