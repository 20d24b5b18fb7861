"""Every page lives at its English address and under each language's prefix; machines keep one.

The switcher leads to the same page in each language, filters included; the head names
the six versions; the browser's language is offered in one line, never by redirect; and
no kept rendering serves one language's page, or one visitor's offer, to another.
"""

import re

import pytest
from django.core import mail
from django.utils import translation

from hub.mail import queue_mail, site_link
from hub.reading import language_tag
from hub.redaction import _secret_paths, redact_tokens
from resources.services import resource_slug_change
from tests.factories import ResourceFactory, UserFactory

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"
PREFIXES = {"ar": "/ar", "zh-hans": "/zh-hans", "en": "", "fr": "/fr", "ru": "/ru", "es": "/es"}


def html_lang(html: str) -> str:
    return re.search(r'<html lang="([^"]+)"', html).group(1)


def switcher(html: str) -> dict[str, str]:
    """Map each switcher link's lang to the whole tag."""
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return {
        re.search(r'lang="([^"]+)"', tag).group(1): tag for tag in re.findall(r"<a [^>]*>", nav)
    }


def href(tag: str) -> str:
    return re.search(r'href="([^"]+)"', tag).group(1).replace("&amp;", "&")


def alternates(html: str) -> dict[str, str]:
    return {
        hreflang: url.replace("&amp;", "&")
        for hreflang, url in re.findall(
            r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html
        )
    }


def offer(html: str) -> str | None:
    found = re.search(r'<p class="language-offer".*?</p>', html, re.S)
    return found.group(0) if found else None


def item_links(html: str) -> set[str]:
    """The links to the test's items (slugs "recruitment-fees" and "second")."""
    return set(re.findall(r'href="((?:/[a-z-]+)?/resources/(?:recruitment-fees|second)/)"', html))


def body(response) -> bytes:
    """Read a response to the end, as a client does (an export holds its slot until then)."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def page(item) -> str:
    """The item's English address (the test client leaves the last page's language active)."""
    return f"/resources/{item.slug}/"


@pytest.fixture
def item():
    return ResourceFactory(title="Recruitment fees", countries=["NGA"])


def test_english_pages_keep_their_addresses_and_stay_english_whatever_the_browser_says(
    client, item
):
    client.cookies["django_language"] = "fr"
    for path in ("/", "/resources/?country=NGA", page(item), "/objectives/10/"):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
        assert response.status_code == 200, path
        assert html_lang(response.content.decode()) == "en"
        assert response["Content-Language"] == "en"


def test_each_language_has_the_page_under_its_prefix(client, item):
    for language, prefix in PREFIXES.items():
        for path in ("/", "/resources/?country=NGA", page(item), "/accounts/login/"):
            response = client.get(prefix + path)
            assert response.status_code == 200, prefix + path
            assert html_lang(response.content.decode()) == language_tag(language)
            assert response["Content-Language"] == language


def test_a_french_page_is_written_in_french_from_django_own_catalogue(client):
    # Django's French catalogue translates the password field's label.
    html = client.get("/fr/accounts/login/").content.decode()
    assert "Mot de passe" in html
    assert "Mot de passe" not in client.get("/accounts/login/").content.decode()


def test_machine_channels_keep_one_address(client, item):
    for path in ("/api/", "/oai?verb=Identify", "/sitemap.xml", "/robots.txt", "/health/live"):
        assert client.get(path).status_code == 200, path
        assert client.get(f"/fr{path}").status_code == 404, f"/fr{path}"
    assert client.get("/fr/admin/").status_code == 404
    assert client.get(f"/fr/files/{item.pk}/").status_code == 404


def test_the_switcher_leads_to_the_same_page_in_each_language_with_its_filters(client, item):
    html = client.get("/fr/resources/?country=NGA&sort=newest&page=1").content.decode()
    links = switcher(html)
    assert set(links) == set(PREFIXES)
    for language, prefix in PREFIXES.items():
        assert href(links[language]) == f"{prefix}/resources/?country=NGA&sort=newest&page=1"
        assert f'hreflang="{language_tag(language)}"' in links[language]
    assert 'aria-current="true"' in links["fr"]
    assert all("aria-current" not in tag for code, tag in links.items() if code != "fr")
    assert 'dir="rtl"' in links["ar"]


def test_a_page_without_translated_addresses_leads_to_each_language_home(client):
    html = client.get("/fr/no-such-page/").content.decode()
    links = switcher(html)
    assert {code: href(tag) for code, tag in links.items()} == {
        code: f"{prefix}/" for code, prefix in PREFIXES.items()
    }
    assert alternates(html) == {}  # a missing page names no versions


def test_every_page_names_its_six_versions_and_the_english_one_as_default(client, item):
    for path in ("/", "/resources/?country=NGA", page(item)):
        for prefix in PREFIXES.values():
            found = alternates(client.get(prefix + path).content.decode())
            assert found == {
                **{language_tag(code): ORIGIN + p + path for code, p in PREFIXES.items()},
                "x-default": ORIGIN + path,
            }
    assert "zh-Hans" in found


def test_a_former_address_redirects_within_its_language(client, item):
    resource_slug_change(resource=item, slug="recruitment-fees-guide")
    response = client.get("/fr/resources/recruitment-fees/?x=1")
    assert response.status_code == 301
    assert response["Location"] == "/fr/resources/recruitment-fees-guide/?x=1"
    assert client.get("/resources/recruitment-fees/")["Location"] == (
        "/resources/recruitment-fees-guide/"
    )


def test_the_browser_language_is_offered_in_one_line_never_by_redirect(client, item):
    response = client.get(page(item), HTTP_ACCEPT_LANGUAGE="fr-CA, en;q=0.5")
    assert response.status_code == 200
    line = offer(response.content.decode())
    assert 'lang="fr"' in line
    assert f'href="/fr{page(item)}"' in line
    assert "Accept-Language" in response["Vary"]


def test_the_offer_line_is_written_in_the_offered_language(client):
    response = client.get("/fr/resources/?country=NGA", HTTP_ACCEPT_LANGUAGE="de, en;q=0.8")
    line = offer(response.content.decode())
    assert 'lang="en"' in line
    assert 'href="/resources/?country=NGA"' in line
    assert "Read this page in English." in line
    assert "Accept-Language" in response["Vary"]


def test_no_offer_where_the_page_is_already_in_the_browser_language(client):
    assert offer(client.get("/fr/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()) is None
    assert offer(client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,fr").content.decode()) is None
    assert offer(client.get("/", HTTP_ACCEPT_LANGUAGE="de, pt").content.decode()) is None
    assert offer(client.get("/").content.decode()) is None


@pytest.mark.parametrize("first", ["fr", "en"])
def test_kept_renderings_are_kept_per_language(client, item, first):
    """A page rendered first in one language is never served, in part, in the other."""
    ResourceFactory(title="Second", countries=["NGA"])
    order = [first, "en" if first == "fr" else "fr"]
    pages = {}
    for language in order:
        for path in ("/", "/resources/", "/resources/?country=NGA", "/countries/NGA/"):
            html = client.get(PREFIXES[language] + path).content.decode()
            pages[(language, path)] = html
    for (language, path), html in pages.items():
        assert html_lang(html) == language
        links = item_links(html)
        assert links, path
        expected_prefix = PREFIXES[language] + "/resources/"
        assert all(link.startswith(expected_prefix) for link in links), (language, path, links)
        # The header, kept per language, leads to the pages in the same language.
        assert f'href="{PREFIXES[language]}/submit/"' in html
        if path == "/":  # and so do the home page's entry points, kept per catalogue version
            assert f'tile-featured" href="{PREFIXES[language]}/objectives/10/"' in html
    for language in order:
        login = client.get(PREFIXES[language] + "/accounts/login/").content.decode()
        assert ("Mot de passe" in login) == (language == "fr")


def test_one_visitor_offer_is_never_kept_for_another(client):
    assert offer(client.get("/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()) is not None
    assert offer(client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()) is None
    assert 'lang="es"' in offer(client.get("/", HTTP_ACCEPT_LANGUAGE="es").content.decode())


def test_feeds_and_exports_follow_the_page_they_come_from(client, item):
    html = client.get("/fr/resources/?country=NGA").content.decode()
    assert 'href="/fr/resources/feed.rss?country=NGA"' in html
    assert "/fr/resources/export.csv?country=NGA" in html.replace("&amp;", "&")

    rss = client.get("/fr/resources/feed.rss?country=NGA")
    assert rss.status_code == 200
    feed = rss.content.decode()
    assert "<language>fr</language>" in feed
    assert f"{ORIGIN}/fr{page(item)}" in feed
    english = client.get("/resources/feed.rss?country=NGA").content.decode()
    assert "<language>en</language>" in english
    assert f"<link>{ORIGIN}{page(item)}</link>" in english

    assert client.get("/fr/resources/feed.atom").status_code == 200
    for export in ("export.csv", "export.ris", "export.bib"):
        french = client.get(f"/fr/resources/{export}?country=NGA")
        assert french.status_code == 200, export
        assert french["Content-Language"] == "fr"
        assert f"{ORIGIN}/fr{page(item)}".encode() in body(french), export
        english = client.get(f"/resources/{export}?country=NGA")
        assert english["Content-Language"] == "en"
        assert f"{ORIGIN}{page(item)}".encode() in body(english), export


def test_open_data_under_a_language_prefix_may_be_read_from_another_site(client, item):
    response = client.get("/fr/resources/feed.rss", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    page = client.get("/fr/resources/", HTTP_ORIGIN="https://example.org")
    assert "Access-Control-Allow-Origin" not in page


def test_mail_links_lead_to_the_pages_in_the_recipient_language(committed, settings):
    settings.HUB_SITE_URL = "https://hub.example.org"
    french, english = UserFactory(language="fr"), UserFactory(language="en")
    with translation.override("es"):  # whoever caused the mail reads Spanish
        committed(
            queue_mail,
            to=[french, english],
            subject="Subject",
            template="email/new_submission.txt",
            context={"title": "x", "link": site_link("review:queue")},
        )
    bodies = {message.extra_headers["Content-Language"]: message.body for message in mail.outbox}
    assert "https://hub.example.org/fr/review/" in bodies["fr"]
    assert "https://hub.example.org/review/" in bodies["en"]
    assert "/es/" not in bodies["en"] + bodies["fr"]


def test_tokens_in_every_language_address_are_kept_out_of_the_logs():
    _secret_paths.cache_clear()
    with translation.override("fr"):  # the shapes are learnt while a French page is served
        assert "s3cret" not in redact_tokens("GET /fr/accounts/confirm/s3cret/")
    assert "s3cret" not in redact_tokens("GET /accounts/confirm/s3cret/")
    assert "s3cret" not in redact_tokens("GET /zh-hans/accounts/confirm/s3cret/")
    assert "resend" in redact_tokens("GET /fr/accounts/confirm/resend/")


def test_a_query_repeating_a_filter_is_carried_once_to_the_other_languages(client):
    html = client.get("/resources/?" + "country=NGA&" * 200 + "sort=newest").content.decode()
    assert href(switcher(html)["fr"]) == "/fr/resources/?country=NGA&sort=newest"
    assert alternates(html)["fr"] == f"{ORIGIN}/fr/resources/?country=NGA&sort=newest"
