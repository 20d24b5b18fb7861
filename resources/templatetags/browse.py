"""Render the browse page's facet options, hundreds of links, in one pass.

An ``{% include %}`` per option cost more than everything else on the page together, and
``format_html`` per option still half of it; the markup here is the same, and every value
is escaped with ``html.escape``, which Django's ``escape`` wraps.
"""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import ngettext

from hub.reading import figure

register = template.Library()


def _count_phrases(selected: bool):
    """Return a function that reads a count out in words, remembering each count it made."""
    phrases: dict[int, str] = {}

    def phrase(count: int) -> str:
        if count not in phrases:
            if selected:
                text = ngettext(
                    "%(count)s resource, selected; choose to remove",
                    "%(count)s resources, selected; choose to remove",
                    count,
                )
            else:
                text = ngettext("%(count)s resource", "%(count)s resources", count)
            phrases[count] = escape(text % {"count": figure(count)})
        return phrases[count]

    return phrase


@register.simple_tag
def facet_options(options, browse_base: str) -> SafeString:
    """Render each option as a list item linking to the results with it toggled.

    The count shows as a number; screen readers hear it as a whole phrase with the noun
    in the right plural ("1 resource", "2 resources").
    """
    read_out = {False: _count_phrases(False), True: _count_phrases(True)}
    base = escape(browse_base)
    items = []
    for option in options:
        selected = bool(option.selected)
        if selected:
            link = 'class="facet-option is-selected" aria-current="true"'
        else:
            link = 'class="facet-option"'
        count = int(option.count)
        shown = figure(count)
        items.append(
            f'<li><a href="{base}{escape(option.url)}" {link}>'
            f'<span class="facet-check" aria-hidden="true"></span>'
            f'<span class="facet-label">{escape(str(option.label))}</span> '
            f'<span class="facet-count"><span aria-hidden="true">{shown}</span>'
            f'<span class="visually-hidden"> {read_out[selected](count)}</span></span></a></li>'
        )
    return mark_safe("".join(items))  # noqa: S308 - every value above is escaped
