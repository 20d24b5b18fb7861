"""Publish the browse results as RSS 2.0 and Atom feeds.

A feed takes every browse parameter and goes through the one ``ResourceFilter``. Its
order differs from the browse page's in one respect: without an explicit ``sort`` it
lists the most recently published items first, which is what a subscriber expects; with
``sort`` it follows the browse page. It carries at most ``FEED_ITEMS`` items. Invalid
parameters answer 400 with a plain-text explanation. Each client may ask for
``HUB_RATE_LIMITS["feed"]`` feeds (both formats counted together), then gets 429 with
``Retry-After``.
"""

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape, format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from hub.preloaded import related
from hub.ratelimits import rate_limited
from hub.reading import language_attributes

from .cards import resources_for_cards
from .citations import clean_text
from .exports import filter_published, invalid_parameters, results_query
from .filters import ResourceFilter
from .models import Kind, Resource
from .vocabulary import FACETS

FEED_ITEMS = 50


class InvalidParameters(Exception):
    """Carry the 400 answer out of ``get_object``, so no feed is built."""

    def __init__(self, response: HttpResponse):
        super().__init__()
        self.response = response


class FeedRequest:
    """The bound FilterSet and the request of one feed, passed to the Feed's methods."""

    def __init__(self, request: HttpRequest, filterset: ResourceFilter):
        self.request = request
        self.filterset = filterset

    @property
    def query_string(self) -> str:
        return results_query(self.filterset)


def describe_filters(filterset: ResourceFilter) -> list[str]:
    """Name the chosen filter values as people know them, for the feed's title."""
    data = filterset.form.cleaned_data
    names = []
    for declared in FACETS:
        names.extend(declared.described(data))
    if filterset.query:
        names.append(f"“{filterset.query}”")
    return [clean_text(name) for name in names]


def clean_text_lines(value: str) -> str:
    """Return text without control characters, keeping its line breaks."""
    return "\n".join(clean_text(line) for line in (value or "").splitlines())


class ResourceRssFeed(Feed):
    """The published items matching the browse parameters, newest first, as RSS 2.0."""

    feed_type = Rss201rev2Feed

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return super().__call__(request, *args, **kwargs)
        except InvalidParameters as invalid:
            return invalid.response

    def get_object(self, request: HttpRequest, *args, **kwargs) -> FeedRequest:
        filterset = filter_published(request.GET)
        if (bad_request := invalid_parameters(filterset)) is not None:
            raise InvalidParameters(bad_request)
        return FeedRequest(request, filterset)

    def title(self, obj: FeedRequest) -> str:
        filters = describe_filters(obj.filterset)
        if filters:
            return gettext("Objective 10 Knowledge Hub: %(filters)s") % {
                "filters": ", ".join(filters)
            }
        return gettext("Objective 10 Knowledge Hub: latest resources")

    def description(self, obj: FeedRequest) -> str:
        return gettext(
            "Peer-reviewed resources on trafficking in persons in the context of "
            "international migration (Global Compact for Migration, Objective 10)."
        )

    subtitle = description

    def link(self, obj: FeedRequest) -> str:
        return reverse("resources:browse") + obj.query_string

    def feed_url(self, obj: FeedRequest) -> str:
        return obj.request.path + obj.query_string

    def items(self, obj: FeedRequest) -> list[Resource]:
        filterset = obj.filterset
        results = filterset.filter_queryset(Resource.objects.published())
        if filterset.form.cleaned_data.get("sort"):
            results = filterset.ordered(results)
        else:
            results = results.order_by(F("published_at").desc(nulls_last=True), "-id")
        return resources_for_cards(results[:FEED_ITEMS])

    # RSS readers take titles as HTML, so they are escaped once more; Atom's are plain text.
    escape_titles = True

    def item_title(self, item: Resource) -> str:
        return escape(clean_text(item.title)) if self.escape_titles else clean_text(item.title)

    def item_description(self, item: Resource) -> str:
        """Return the summary as HTML, marked with the item's language and direction."""
        # linebreaks escapes the text (autoescape) but returns a plain str.
        summary = mark_safe(linebreaks(clean_text_lines(item.summary), autoescape=True))  # noqa: S308
        return format_html("<div{}>{}</div>", language_attributes(item.text_language), summary)

    def item_link(self, item: Resource) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Resource):
        return item.published_at

    def item_updateddate(self, item: Resource):
        return item.updated_at

    def item_author_name(self, item: Resource) -> str | None:
        names = [clean_text(publisher.name) for publisher in related(item, "publishers")]
        return ", ".join(names) or None

    def item_categories(self, item: Resource) -> list[str]:
        categories = [clean_text(objective.short_name) for objective in related(item, "objectives")]
        categories.append(str(Kind(item.kind).label))
        if item.document_type:
            categories.append(clean_text(item.document_type.name))
        return categories


class ResourceAtomFeed(ResourceRssFeed):
    """The same feed as Atom 1.0."""

    feed_type = Atom1Feed
    escape_titles = False


# HEAD is counted: it builds the whole feed.
feed_rate_limited = rate_limited(group="feed", keys=("ip",), methods=("GET", "HEAD"))
rss_feed = feed_rate_limited(ResourceRssFeed())
atom_feed = feed_rate_limited(ResourceAtomFeed())
