"""Render a part of a page once per version of the catalogue: ``{% catalogue_fragment %}``."""

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()


class CatalogueFragmentNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: template.base.FilterExpression):
        self.nodelist, self.name = nodelist, name

    def render(self, context: template.Context) -> str:
        index = context.get("catalogue")
        if index is None:
            return self.nodelist.render(context)
        key = ("fragment", self.name.resolve(context), get_language())
        return index.rendered.get(key, lambda: SafeString(self.nodelist.render(context)))


@register.tag
def catalogue_fragment(parser: template.base.Parser, token: template.base.Token
                       ) -> CatalogueFragmentNode:
    """Render the enclosed part once per catalogue version and language, then reuse it.

        {% catalogue_fragment "home-entry-points" %}…{% endcatalogue_fragment %}

    The view puts the facet index it read in the context as ``catalogue``; the part is kept
    with that index, which any change to an item, its tags or the taxonomy replaces. Only
    for parts that show the published catalogue and the taxonomy and nothing else: not
    the visitor, the request or the time. Without ``catalogue`` the part is rendered as is.
    """
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one argument: the part's name.")
    nodelist = parser.parse(("endcatalogue_fragment",))
    parser.delete_first_token()
    return CatalogueFragmentNode(nodelist, parser.compile_filter(bits[1]))
