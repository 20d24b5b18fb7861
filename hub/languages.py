"""Name every page's versions in the hub's languages, and offer the visitor's own in one line.

A page lives at its English address and under each other language's prefix
(``hub.urls``). Its versions are the same page, query string included, reversed in each
language; a page whose address cannot be translated (an error page, a machine channel)
points to each language's home page instead. Templates read them from
``page_languages`` (a context processor): the switcher's links, the ``<link
rel="alternate" hreflang>`` of the head, and the offer line.

The hub never redirects by ``Accept-Language``. When the browser's first language among
the hub's differs from the page's, the page offers that version in one line, written in
the offered language. Such a page answers differently to different browsers at one
address, so ``AcceptLanguageVaryMiddleware`` marks every page that looked at the header
with ``Vary: Accept-Language``, and the line is never part of a kept rendering.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import trans_real

from hub.reading import language_tag

# Set on a request whose page read its Accept-Language header.
READ_ACCEPT_LANGUAGE = "_hub_read_accept_language"


def language_path(request: HttpRequest, language: str, *, translated: bool | None = None) -> str:
    """Return this page's address in ``language``, its query kept, or that language's home.

    ``translated`` says whether the page has an address per language, when already known.
    """
    match = request.resolver_match
    if translated is None:
        translated = match is not None and bool(match.view_name) and translatable(request)
    if translated:
        with translation.override(language):
            path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        query = carried_query(request.META.get("QUERY_STRING", ""))
        return f"{path}?{query}" if query else path
    with translation.override(language):
        return reverse("home")


def carried_query(query: str) -> str:
    """Return the query string as written, each repeated ``name=value`` pair kept once.

    A page names its versions a dozen times (switcher and head), so an address that
    repeats a filter hundreds of times must not make the page a dozen times longer.
    """
    pairs = query.split("&")
    return "&".join(dict.fromkeys(pair for pair in pairs if pair))


def translatable(request: HttpRequest) -> bool:
    """Tell whether the page has an address per language (it is routed under a prefix)."""
    match = request.resolver_match
    other = next(code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE)
    with translation.override(other):
        try:
            path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return False
    return path.startswith(f"{get_script_prefix()}{other}/")


def preferred_language(header: str) -> str | None:
    """Return the hub's language the browser lists first in ``Accept-Language``, if any."""
    for code, _quality in trans_real.parse_accept_lang_header(header):
        if code == "*":
            continue
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return None


@dataclass(frozen=True)
class LanguageVersion:
    """One language's version of the page: where it is and how it names itself."""

    code: str
    tag: str
    name: str
    path: str
    url: str
    current: bool
    bidi: bool


class PageLanguages:
    """The page's versions in every language, read only by the pages that show them."""

    def __init__(self, request: HttpRequest):
        self.request = request

    @cached_property
    def translated(self) -> bool:
        match = self.request.resolver_match
        return match is not None and bool(match.view_name) and translatable(self.request)

    @cached_property
    def versions(self) -> list[LanguageVersion]:
        current = translation.get_language()
        versions = []
        for code, _name in settings.LANGUAGES:
            info = translation.get_language_info(code)
            path = language_path(self.request, code, translated=self.translated)
            versions.append(
                LanguageVersion(
                    code=code,
                    tag=language_tag(code),
                    name=info["name_local"],
                    path=path,
                    url=self.request.build_absolute_uri(path),
                    current=code == current,
                    bidi=info["bidi"],
                )
            )
        return versions

    @cached_property
    def default(self) -> LanguageVersion:
        """The English version, which ``hreflang="x-default"`` names."""
        return next(v for v in self.versions if v.code == settings.LANGUAGE_CODE)

    @cached_property
    def offer(self) -> dict | None:
        """The line offering the browser's language, or None where the page is already in it."""
        setattr(self.request, READ_ACCEPT_LANGUAGE, True)
        wanted = preferred_language(self.request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
        if wanted is None or wanted == translation.get_language():
            return None
        version = next(v for v in self.versions if v.code == wanted)
        with translation.override(wanted):
            text = translation.pgettext(
                "The line offering a page in the browser's language, written in that language: "
                "name the language this sentence is translated into.",
                "Read this page in English.",
            )
        if text == "Read this page in English." and wanted != "en":
            text = version.name  # until the catalogue has the sentence: the language's own name
        return {"version": version, "text": text}


def page_languages(request: HttpRequest) -> dict[str, PageLanguages]:
    """Offer templates the page's language versions (context processor)."""
    return {"page_languages": PageLanguages(request)}


class AcceptLanguageVaryMiddleware:
    """Add ``Vary: Accept-Language`` to every page that read the header to offer a language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, READ_ACCEPT_LANGUAGE, False):
            patch_vary_headers(response, ("Accept-Language",))
        return response
