"""Serve ``/robots.txt``: crawl every public page, stay out of accounts and workflows."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

# Pages for signed-in people only: reviewing, one's own items, submitting, accounts, admin.
DISALLOWED = ("/review/", "/my/", "/submit/", "/accounts/", "/admin/")
# The same pages in the other languages (hub.urls); the admin has one address.
TRANSLATED = ("/review/", "/my/", "/submit/", "/accounts/")


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Allow everything public, keep crawlers out of private areas, point to the sitemap."""
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Disallow: {prefix}" for prefix in DISALLOWED]
    lines += [
        f"Disallow: /{language}{prefix}"
        for language, _name in settings.LANGUAGES
        if language != settings.LANGUAGE_CODE
        for prefix in TRANSLATED
    ]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('opendata:sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
