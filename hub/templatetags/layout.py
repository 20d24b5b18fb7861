"""Render the site's layout: fixed parts once per language, static addresses that never fail."""

import logging
from urllib.parse import quote

from django import template
from django.templatetags.static import PrefixNode, static
from django.urls import get_script_prefix
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()
logger = logging.getLogger(__name__)

# Rendered parts, by name, language, address prefix and the values they vary on. Templates
# and translations do not change while a process runs, so nothing here goes out of date;
# the keys are few (a handful of parts, six languages, the page names).
_rendered: dict[tuple, SafeString] = {}


class LayoutFragmentNode(template.Node):
    def __init__(
        self,
        nodelist: template.NodeList,
        name: template.base.FilterExpression,
        vary_on: list[template.base.FilterExpression],
    ):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on

    def render(self, context: template.Context) -> str:
        key = (
            self.name.resolve(context),
            get_language(),
            get_script_prefix(),
            *[str(value.resolve(context)) for value in self.vary_on],
        )
        if key not in _rendered:
            _rendered[key] = SafeString(self.nodelist.render(context))
        return _rendered[key]


@register.tag
def layout_fragment(parser: template.base.Parser, token: template.base.Token) -> LayoutFragmentNode:
    """Render the enclosed part once per language and the values named after it, then reuse it.

        {% layout_fragment "site-header" request.resolver_match.url_name %}
        …
        {% endlayout_fragment %}

    Only for parts that show fixed text and addresses, and whatever the named values
    decide: not the visitor (unless named), the catalogue, a form's token or the time.
    Every page draws the header and footer; rendering them anew was a tenth of a page.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs the part's name.")
    nodelist = parser.parse(("endlayout_fragment",))
    parser.delete_first_token()
    return LayoutFragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]]
    )


@register.simple_tag
def static_plain(path: str) -> str:
    """Return a static file's address even when the collected files' manifest lacks it.

    The 500 and 503 pages (``templates/base_minimal.html``) must render when everything
    else has failed. ``{% static %}`` takes the hashed name from the manifest
    ``collectstatic`` wrote, and raises when the manifest is missing, empty or written
    with other settings: the error page would become a bare 500. This falls back to the
    file's plain name, which WhiteNoise serves whenever the file was collected at all.
    """
    try:
        return static(path)
    except ValueError:
        logger.warning("static file %s is not in the collected files' manifest", path)
        return PrefixNode.handle_simple("STATIC_URL") + quote(path)
