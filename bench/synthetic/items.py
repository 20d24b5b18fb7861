"""Make one synthetic item at a time, tagged with skewed (Zipf-like) distributions."""

import random
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from resources.models import Kind, Resource, Scope, Status

from .vocabulary import Taxonomy, Vocabulary

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
