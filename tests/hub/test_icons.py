"""Browsers find the hub's icon: linked from every page and answered at /favicon.ico."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ICO_HEADER = b"\x00\x00\x01\x00"


def test_favicon_ico_answers_with_the_hubs_icon_kept_for_a_week(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    assert response.content.startswith(ICO_HEADER)
    cache = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=604800"} <= cache


def test_favicon_ico_takes_no_writes(client):
    assert client.post("/favicon.ico").status_code == 405


@pytest.mark.parametrize("name", ["home", "resources:browse", "accounts:login", "contact"])
def test_every_page_links_the_icon(client, name):
    page = client.get(reverse(name)).content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in page
    assert '<link rel="icon" href="/favicon.ico" sizes="32x32">' in page
