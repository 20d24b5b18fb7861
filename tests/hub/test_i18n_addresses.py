import pytest

pytestmark = pytest.mark.django_db


def test_smoke(client):
    from tests.factories import ResourceFactory

    r = ResourceFactory(countries=["NGA"])
    for url in [
        "/",
        "/fr/",
        "/fr/resources/?country=NGA&sort=newest",
        f"/ar/resources/{r.slug}/",
        "/zh-hans/objectives/10/",
        "/api/docs/",
        "/nope/",
    ]:
        resp = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
        html = resp.content.decode()
        print(url, resp.status_code, resp.get("Vary"), resp.get("Content-Language"))
        import re

        print(re.findall(r"<html[^>]*>", html)[:1])
        print("\n".join(re.findall(r'<link rel="alternate"[^>]*>', html)))
        print("\n".join(re.findall(r'<nav class="language-switcher".*?</nav>', html, re.S)))
        print("\n".join(re.findall(r'<p class="language-offer".*?</p>', html, re.S)))
