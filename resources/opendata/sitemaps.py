"""List every public page for crawlers at ``/sitemap.xml``, each item with its ``lastmod``.

The sections are the fixed pages (home, browse, the objective list), each taxonomy landing
page, and every published item. While every section fits in one file (50,000 URLs, the
protocol's limit) ``/sitemap.xml`` is a single ``urlset``; beyond that it becomes a
sitemap index whose entries are ``/sitemap.xml?section=<name>&p=<page>``. The XML is
written here, so the hub needs neither ``django.contrib.sitemaps`` nor ``django.contrib.sites``
in ``INSTALLED_APPS``; Django's ``Sitemap`` classes still do the paging and the links.

Every page is listed once per language (``hub.urls``), each entry naming all its versions
with ``xhtml:link rel="alternate" hreflang`` and the English one as ``x-default``, as
search engines ask. A file's 50,000 entries are then the versions of about 8,300 pages.
"""

import datetime
from functools import cached_property

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sites.requests import RequestSite
from django.core.paginator import InvalidPage
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from hub.reading import language_tag
from resources.models import Resource
from taxonomy.models import Country, DocumentType, GuidingPrinciple, Objective, Region

from .oai.markup import element, serialize, sub

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


class LanguageVersions:
    """Pair each item with each language, reading only the items of the slice asked for.

    Django pairs them in a list of every item, read whole for any file; this sequence
    counts them and reads one file's items, as the paginator did before languages.
    """

    def __init__(self, items, languages: list[str]):
        self.items, self.languages = items, languages

    @cached_property
    def _length(self) -> int:
        count = len(self.items) if isinstance(self.items, list) else self.items.count()
        return count * len(self.languages)

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index: slice) -> list[tuple[object, str]]:
        start, stop, _step = index.indices(len(self))
        per_item = len(self.languages)
        first, last = start // per_item, -(-stop // per_item)
        pairs = [(item, code) for item in self.items[first:last] for code in self.languages]
        return pairs[start - first * per_item : stop - first * per_item]


class LanguageVersionsSitemap(Sitemap):
    """List each page in every language, with the addresses of all its versions."""

    i18n = True

    def _items(self) -> LanguageVersions:
        return LanguageVersions(self.items(), self._languages())

    def get_urls(self, page=1, site=None, protocol=None) -> list[dict]:
        """Return the entries of one file, reversing each page's versions once, not per entry."""
        origin = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        versions: dict[int, dict[str, str]] = {}
        urls = []
        for item, language in self.paginator.page(page).object_list:
            if id(item) not in versions:
                versions[id(item)] = {
                    code: origin + self._location((item, code)) for code in self._languages()
                }
            found = versions[id(item)]
            urls.append(
                {
                    "location": found[language],
                    "lastmod": self._get("lastmod", (item, language)),
                    "alternates": [
                        {"lang_code": code, "location": location}
                        for code, location in found.items()
                    ],
                }
            )
        return urls


class PageSitemap(LanguageVersionsSitemap):
    """The fixed entry points: home, browse and the list of objectives."""

    def items(self) -> list[str]:
        return ["home", "resources:browse", "taxonomy:objectives"]

    def location(self, item: str) -> str:
        return reverse(item)


class TaxonomySitemap(LanguageVersionsSitemap):
    """Every landing page of one vocabulary, in a stable order."""

    model = None
    ordering: tuple[str, ...] = ("pk",)

    def items(self):
        return self.model.objects.order_by(*self.ordering)


class ObjectiveSitemap(TaxonomySitemap):
    model = Objective
    ordering = ("position", "pk")


class PrincipleSitemap(TaxonomySitemap):
    model = GuidingPrinciple
    ordering = ("position", "pk")


class RegionSitemap(TaxonomySitemap):
    model = Region
    ordering = ("position", "pk")


class CountrySitemap(TaxonomySitemap):
    model = Country
    ordering = ("iso3",)


class DocumentTypeSitemap(TaxonomySitemap):
    model = DocumentType
    ordering = ("position", "pk")


class ResourceSitemap(LanguageVersionsSitemap):
    """Every published item, and when it last changed."""

    def items(self):
        return Resource.objects.published().only("pk", "slug", "updated_at").order_by("pk")

    def lastmod(self, resource: Resource) -> datetime.datetime:
        return resource.updated_at

    def get_latest_lastmod(self) -> datetime.datetime | None:
        """Find the newest change with one aggregate instead of reading every item."""
        return Resource.objects.published().aggregate(latest=Max("updated_at"))["latest"]


SECTIONS: dict[str, type[Sitemap]] = {
    "pages": PageSitemap,
    "objectives": ObjectiveSitemap,
    "principles": PrincipleSitemap,
    "regions": RegionSitemap,
    "countries": CountrySitemap,
    "types": DocumentTypeSitemap,
    "resources": ResourceSitemap,
}


def w3c_datetime(moment: datetime.datetime) -> str:
    """Write a time as the sitemap protocol's W3C datetime, in UTC."""
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@require_safe
def sitemap(request: HttpRequest) -> HttpResponse:
    """Serve the whole sitemap, the index of its files, or one file of a section."""
    site = RequestSite(request)
    section = request.GET.get("section")
    page = request.GET.get("p")
    if section is None and page is None:
        sitemaps = {name: section_class() for name, section_class in SECTIONS.items()}
        pages = {name: sitemap.paginator.num_pages for name, sitemap in sitemaps.items()}
        if all(count <= 1 for count in pages.values()):
            urls = []
            for sitemap_section in sitemaps.values():
                urls += sitemap_section.get_urls(page=1, site=site, protocol=request.scheme)
            return xml_response(urlset(urls))
        return xml_response(index(request, sitemaps, pages))
    if section not in SECTIONS:
        raise Http404("There is no such sitemap section.")
    try:
        urls = SECTIONS[section]().get_urls(page=page or 1, site=site, protocol=request.scheme)
    except InvalidPage:
        raise Http404("There is no such sitemap page.") from None
    return xml_response(urlset(urls))


def urlset(urls: list[dict]):
    """Write a ``urlset`` with ``loc``, where known ``lastmod``, and the page's versions."""
    root = element("urlset", {"xmlns": SITEMAP_NS, "xmlns:xhtml": XHTML_NS})
    for url in urls:
        entry = sub(root, "url")
        sub(entry, "loc", url["location"])
        if url.get("lastmod"):
            sub(entry, "lastmod", w3c_datetime(url["lastmod"]))
        alternates = url.get("alternates", [])
        for alternate in alternates:
            link = {"hreflang": language_tag(alternate["lang_code"])}
            sub(
                entry,
                "xhtml:link",
                None,
                {"rel": "alternate", **link, "href": alternate["location"]},
            )
        for alternate in alternates:
            if alternate["lang_code"] == settings.LANGUAGE_CODE:
                link = {"rel": "alternate", "hreflang": "x-default", "href": alternate["location"]}
                sub(entry, "xhtml:link", None, link)
    return root


def index(request: HttpRequest, sitemaps: dict[str, Sitemap], pages: dict[str, int]):
    """Write a ``sitemapindex`` with one entry per file of every section."""
    root = element("sitemapindex", {"xmlns": SITEMAP_NS})
    base = request.build_absolute_uri(reverse("opendata:sitemap"))
    for name, sitemap_section in sitemaps.items():
        latest = sitemap_section.get_latest_lastmod()
        for number in range(1, pages[name] + 1):
            entry = sub(root, "sitemap")
            sub(entry, "loc", f"{base}?section={name}&p={number}")
            if latest:
                sub(entry, "lastmod", w3c_datetime(latest))
    return root


def xml_response(root) -> HttpResponse:
    """Send a sitemap document, kept out of search results themselves."""
    response = HttpResponse(serialize(root), content_type="application/xml; charset=utf-8")
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response
