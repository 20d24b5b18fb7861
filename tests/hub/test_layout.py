"""The header and footer, drawn once per language, still fit each page and each visitor."""

import re

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client
from django.urls import set_script_prefix

from tests.factories import ReviewerFactory, UserFactory

pytestmark = pytest.mark.django_db


def current_links(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)" aria-current="page">', html)


def test_the_current_section_is_marked_on_each_page(client):
    assert current_links(client.get("/resources/").content.decode()) == ["/resources/"]
    assert current_links(client.get("/").content.decode()) == []
    assert current_links(client.get("/objectives/").content.decode()) == ["/objectives/"]
    assert current_links(client.get("/resources/").content.decode()) == ["/resources/"]


def test_only_reviewers_and_editors_see_the_review_queue(client):
    assert 'href="/review/"' not in client.get("/").content.decode()
    reviewer = Client()
    reviewer.force_login(ReviewerFactory())
    assert 'href="/review/">Review queue</a>' in reviewer.get("/").content.decode()
    partner = Client()
    partner.force_login(UserFactory())
    html = partner.get("/").content.decode()
    assert 'href="/review/"' not in html and 'action="/accounts/logout/"' in html
    assert 'href="/review/"' not in client.get("/").content.decode()


def test_the_page_language_is_the_one_marked_in_the_switcher(client):
    french = Client(headers={"accept-language": "en"}).get("/fr/").content.decode()
    assert '<a href="/fr/" lang="fr" hreflang="fr" dir="ltr" aria-current="true">' in french
    assert '<a href="/" lang="en" hreflang="en" dir="ltr">' in french
    english = Client(headers={"accept-language": "fr"}).get("/").content.decode()
    assert '<a href="/" lang="en" hreflang="en" dir="ltr" aria-current="true">' in english
    assert '<a href="/fr/" lang="fr" hreflang="fr" dir="ltr">' in english


def test_each_visitor_gets_their_own_form_token_and_language_links():
    visitors = [Client(), Client()]
    for visitor in visitors:
        visitor.force_login(UserFactory())
    first = visitors[0].get("/resources/?country=NGA").content.decode()
    second = visitors[1].get("/objectives/10/").content.decode()
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    assert token.search(first).group(1) != token.search(second).group(1)
    assert '<a href="/es/resources/?country=NGA" lang="es"' in first
    assert '<a href="/es/objectives/10/" lang="es"' in second


def test_a_layout_fragment_varies_on_the_values_named():
    template = Template(
        '{% load layout %}{% layout_fragment "test-part" flag %}'
        "{{ flag }}-{{ other }}{% endlayout_fragment %}"
    )
    assert template.render(Context({"flag": "a", "other": 1})) == "a-1"
    assert template.render(Context({"flag": "a", "other": 2})) == "a-1"
    assert template.render(Context({"flag": "b", "other": 3})) == "b-3"


def test_a_layout_fragment_needs_a_name():
    with pytest.raises(TemplateSyntaxError, match="name"):
        Template("{% load layout %}{% layout_fragment %}{% endlayout_fragment %}")


def test_every_header_and_footer_link_follows_the_address_the_hub_is_served_under():
    """Behind a proxy that serves the hub under /hub/, no link may lead outside it."""
    for user in (None, ReviewerFactory()):
        visitor = Client()
        if user is not None:
            visitor.force_login(user)
        # What the WSGI handler does with the proxy's SCRIPT_NAME; the test client does not.
        set_script_prefix("/hub/")
        try:
            html = visitor.get("/").content.decode()
        finally:
            set_script_prefix("/")
        header_and_footer = html.split('<main id="main"')[0] + html.split("</main>")[1]
        addresses = re.findall(r'(?:href|action)="(/[^"]*)"', header_and_footer)
        assert addresses, "no links found"
        outside = [address for address in addresses if not address.startswith("/hub/")]
        assert not outside, f"links that leave /hub/: {outside}"


@pytest.mark.parametrize(
    ("language", "opening"),
    [
        ("en", '<html lang="en" dir="ltr">'),
        ("ar", '<html lang="ar" dir="rtl">'),
        ("zh-hans", '<html lang="zh-Hans" dir="ltr">'),
        ("ru", '<html lang="ru" dir="ltr">'),
    ],
)
def test_every_page_names_its_language_as_bcp_47_does_and_its_direction(language, opening):
    from tests.languages import address_in, choose_language

    client = Client()
    choose_language(client, language)
    for address in (address_in(language, "home"), address_in(language, "resources:browse")):
        assert client.get(address).content.decode().startswith(f"<!DOCTYPE html>\n{opening}")
