"""Find taxonomy rows by the codes and labels a record may use.

The vocabularies are the browse parameters declared in ``resources.vocabulary``, under
their address names (``objective``, ``type``), plus the workflow's ``status``. A term is
found by its code and its label; ``LABELS`` declares the other names people use for the
terms of a few parameters, and ``FINDERS`` the parameters looked up some other way.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

from resources.models import Status
from resources.vocabulary import PARAMETERS, ChoiceParameter, TermParameter
from taxonomy.models import Objective
from taxonomy.selectors import country_by_label

from .parsers import fold


def _names(term: Any, field: str) -> list[str]:
    """Return a term's name in every language it has, so a label in any of them is found."""
    try:
        translated = field in translator.get_options_for_model(type(term)).all_fields
    except NotRegistered:
        translated = False
    if not translated:
        return [getattr(term, field)]
    return [
        getattr(term, build_localized_fieldname(field, code)) for code, _name in settings.LANGUAGES
    ]


def _objective_labels(objective: Objective) -> list[str]:
    labels = [objective.code, objective.slug]
    labels += [*_names(objective, "short_name"), *_names(objective, "title")]
    if objective.number:
        labels += [f"Objective {objective.number}", f"GCM objective {objective.number}"]
    return labels


# The names a record may give a term besides its code and label, by parameter.
LABELS: dict[str, Callable[[Any], list[Any]]] = {
    "objective": _objective_labels,
    "region": lambda region: [region.slug, *_names(region, "name"), region.m49],
    "language": lambda language: [language.code, *_names(language, "name"), language.native_name],
    "action": lambda action: [action.letter, f"({action.letter})", f"{action.letter})"],
    "kind": lambda kind: [kind.value, str(kind.label), kind.name],
}
# Terms a record names that are not all in a table: countries have aliases.
FINDERS: dict[str, Callable[[str], Any]] = {"country": country_by_label}


def _term_labels(declared: TermParameter) -> Callable[[Any], list[Any]]:
    return lambda term: [getattr(term, declared.code_field), *_names(term, declared.label_field)]


def _choice_labels(declared: ChoiceParameter) -> Callable[[Any], list[Any]]:
    return lambda choice: [declared.code(choice), str(choice.label)]


class Vocabulary:
    """Find taxonomy rows by code or by the labels people use, loading each list once."""

    def __init__(self) -> None:
        self._indexes: dict[str, dict[str, Any]] = {
            "status": _index(Status, lambda s: [s.value, str(s.label), s.name]),
        }
        self._found: dict[str, dict[str, Any]] = {name: {} for name in FINDERS}
        for declared in PARAMETERS:
            if declared.parameter in FINDERS:
                continue
            if isinstance(declared, TermParameter):
                rows = declared.choices() if declared.choices else declared.model.objects.all()
                default = _term_labels(declared)
            elif isinstance(declared, ChoiceParameter):
                rows, default = declared.choices, _choice_labels(declared)
            else:
                continue
            self._indexes[declared.parameter] = _Lazy(rows, LABELS.get(declared.parameter, default))

    def find(self, vocabulary: str, label: str) -> Any:
        """Return the row of this vocabulary that the label names, or None."""
        key = fold(label)
        if vocabulary in FINDERS:
            found = self._found[vocabulary]
            if key not in found:
                found[key] = FINDERS[vocabulary](label)
            return found[key]
        return self._indexes[vocabulary].get(key)


class _Lazy:
    """Index a vocabulary's rows by their folded labels the first time one is looked up."""

    def __init__(self, rows: Iterable[Any], labels: Callable[[Any], list[Any]]) -> None:
        self._rows, self._labels, self._index = rows, labels, None

    def get(self, key: str) -> Any:
        if self._index is None:
            self._index = _index(self._rows, self._labels)
        return self._index.get(key)


def _index(rows: Iterable[Any], labels: Callable[[Any], list[Any]]) -> dict[str, Any]:
    index: dict[str, Any] = {}
    for row in rows:
        for label in labels(row):
            if label:
                index.setdefault(fold(str(label)), row)
    return index
