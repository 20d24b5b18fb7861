"""Render parts of pages that show only the published catalogue, once per version and language.

A part is registered by name with its template and the function that gives its context
from a facet index (``register_fragment``, from an app's ``ready``); pages show it with
``{% catalogue_fragment "name" %}``. What is rendered is kept with the index it was read
from (``FacetIndex.rendered``), which any change to an item, its tags or the taxonomy
replaces. So that no visitor pays for rendering it again after every change, the parts
the previous index had rendered are rendered for the new one before it is used
(``render_again``), in each language they had been asked in.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString

if TYPE_CHECKING:
    from .facets.index import FacetIndex

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CatalogueFragment:
    """A part of a page that depends on the published catalogue and the taxonomy alone.

    ``context(index=...)`` must read counts from the index it is given (never
    ``current_index()``, which may be the version being replaced) and must not depend on
    the visitor, the request or the time.
    """

    name: str
    template: str
    context: Callable[..., dict]


_fragments: dict[str, CatalogueFragment] = {}


def register_fragment(*, name: str, template: str, context: Callable[..., dict]) -> None:
    """Declare a part that pages show with ``{% catalogue_fragment name %}``."""
    _fragments[name] = CatalogueFragment(name=name, template=template, context=context)


def render_fragment(*, name: str, index: "FacetIndex") -> SafeString:
    """Return the part rendered for this index in the active language, rendering it once."""
    fragment = _fragments[name]
    key = ("fragment", name, translation.get_language())
    return index.rendered.get(key, lambda: _render(fragment, index))


def render_again(*, previous: "FacetIndex", index: "FacetIndex") -> None:
    """Render for ``index`` the parts ``previous`` had rendered, in the same languages.

    A part that fails is left to be rendered when a page asks for it, and logged: the new
    index is used either way.
    """
    keys = [key for key in previous.rendered.keys() if key[0] == "fragment"]
    for _, name, language in keys:
        fragment = _fragments.get(name)
        if fragment is None or index.rendered.peek(("fragment", name, language)) is not None:
            continue
        try:
            with translation.override(language):
                index.rendered.put(("fragment", name, language), _render(fragment, index))
        except Exception:  # noqa: BLE001 - the page renders the part itself instead
            logger.exception("the catalogue fragment %r could not be rendered ahead", name)


def _render(fragment: CatalogueFragment, index: "FacetIndex") -> SafeString:
    return SafeString(render_to_string(fragment.template, fragment.context(index=index)))
