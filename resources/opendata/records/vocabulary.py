"""Find taxonomy rows by the codes and labels a record may use."""

from collections.abc import Callable, Iterable
from typing import Any

from resources.models import Kind, Scope, Status
from taxonomy.models import (
    DocumentType,
    GuidingPrinciple,
    Language,
    Objective,
    ObjectiveAction,
    Region,
)
from taxonomy.selectors import country_by_label

from .parsers import fold

ACTIONS_OBJECTIVE_CODE = "10"


class Vocabulary:
    """Find taxonomy rows by code or by the labels people use, loading each list once."""

    def __init__(self) -> None:
        self._indexes: dict[str, dict[str, Any]] = {
            "objective": _index(Objective.objects.all(), _objective_labels),
            "principle": _index(GuidingPrinciple.objects.all(), lambda p: [p.slug, p.name]),
            "region": _index(Region.objects.all(), lambda r: [r.slug, r.name, r.m49]),
            "language": _index(
                Language.objects.all(), lambda lang: [lang.code, lang.name, lang.native_name]
            ),
            "document_type": _index(DocumentType.objects.all(), lambda t: [t.slug, t.name]),
            "action": _index(
                ObjectiveAction.objects.filter(objective__code=ACTIONS_OBJECTIVE_CODE),
                lambda a: [a.letter, f"({a.letter})", f"{a.letter})"],
            ),
            "kind": _index(Kind, lambda k: [k.value, str(k.label), k.name]),
            "scope": _index(Scope, lambda s: [s.code, str(s.label)]),
            "status": _index(Status, lambda s: [s.value, str(s.label), s.name]),
        }
        self._countries: dict[str, Any] = {}

    def find(self, vocabulary: str, label: str) -> Any:
        """Return the row of this vocabulary that the label names, or None."""
        if vocabulary == "country":
            return self.country(label)
        return self._indexes[vocabulary].get(fold(label))

    def country(self, label: str) -> Any:
        """Return the country with this ISO code, name or alias (the Hub's labels too)."""
        key = fold(label)
        if key not in self._countries:
            self._countries[key] = country_by_label(label)
        return self._countries[key]


def _objective_labels(objective: Objective) -> list[str]:
    labels = [objective.code, objective.slug, objective.short_name, objective.title]
    if objective.number:
        labels += [f"Objective {objective.number}", f"GCM objective {objective.number}"]
    return labels


def _index(rows: Iterable[Any], labels: Callable[[Any], list[str]]) -> dict[str, Any]:
    index: dict[str, Any] = {}
    for row in rows:
        for label in labels(row):
            if label:
                index.setdefault(fold(str(label)), row)
    return index
