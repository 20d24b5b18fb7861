"""Errors answer with the hub's own pages, say what to do next, and reveal nothing inside."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.template.loader import render_to_string
from django.test import Client, RequestFactory, override_settings
from django.urls import path
from django.utils.functional import SimpleLazyObject

from hub import urls as hub_urls
from resources.models import Resource
from tests.factories import ResourceFactory, UserFactory
from tests.resources.submission.submission_data import MINIMAL_PDF, form_data

SECRET_DETAIL = 'column "password" of relation "accounts_user" SELECT * FROM secret_table'


def crash(request):
    raise RuntimeError(SECRET_DETAIL)


def forbid(request):
    raise PermissionDenied(SECRET_DETAIL)


# This module is also the URLconf of the tests marked with it: the hub's routes and
# handlers plus two views that fail.
urlpatterns = [path("crash/", crash), path("forbid/", forbid), *hub_urls.urlpatterns]
handler400 = hub_urls.handler400
handler403 = hub_urls.handler403
handler500 = hub_urls.handler500
with_failing_views = pytest.mark.urls(__name__)

THIRTY_MEGABYTES = 30 * 1024 * 1024


def text_of(response) -> str:
    return response.content.decode()


def assert_branded(html: str) -> None:
    assert '<a class="skip-link" href="#main">' in html
    assert "Objective 10 Knowledge Hub" in html
    assert "/static/css/hub.css" in html


@pytest.fixture
def partner_client(db):
    client = Client()
    client.force_login(UserFactory(username="uploader"))
    return client


# 500 and 503 -----------------------------------------------------------------------------


@with_failing_views
@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_a_crash_shows_the_500_page_and_nothing_of_the_error(settings):
    response = Client(raise_request_exception=False).get("/crash/")
    assert response.status_code == 500
    html = text_of(response)
    assert "Something went wrong" in html
    assert_branded(html)
    for leak in (
        "secret_table",
        "password",
        "SELECT",
        "RuntimeError",
        "Traceback",
        settings.SECRET_KEY,
        "DATABASES",
        "hub/settings",
    ):
        assert leak not in html, leak


MANIFEST_STORAGE = {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}


@with_failing_views
@pytest.mark.django_db
@pytest.mark.parametrize(
    "manifest", ['{"paths": {}, "version": "1.1"}', None], ids=["empty-manifest", "no-manifest"]
)
def test_the_500_page_renders_whole_when_the_static_files_manifest_lacks_its_stylesheet(
    settings, tmp_path, manifest
):
    """collectstatic run with other settings, or not at all, must not turn it into a bare 500."""
    if manifest is not None:
        (tmp_path / "staticfiles.json").write_text(manifest)
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": MANIFEST_STORAGE}
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get("/crash/")
    assert response.status_code == 500
    html = text_of(response)
    assert "<h1>Something went wrong</h1>" in html
    assert '<a href="/">Go to the home page</a>' in html
    assert_branded(html)
    assert html.rstrip().endswith("</html>")
    for name in ("500.html", "503.html"):
        assert_branded(render_to_string(name))


def test_the_500_and_503_pages_render_without_a_request_or_a_database():
    # No database access is allowed in this test: any query would fail it.
    for name, heading in (
        ("500.html", "Something went wrong"),
        ("503.html", "The hub is temporarily unavailable"),
    ):
        html = render_to_string(name)
        assert heading in html
        assert_branded(html)


def test_the_500_and_503_pages_render_for_a_request_whose_session_cannot_be_read():
    def database_down():
        raise OperationalError("could not connect to server")

    request = RequestFactory().get("/")
    request.user = SimpleLazyObject(database_down)
    for name in ("500.html", "503.html"):
        assert "Objective 10 Knowledge Hub" in render_to_string(name, request=request)


# 400, 403 and 404 ------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_bad_request_gets_the_400_page(client):
    response = client.get("/", HTTP_HOST="attacker.example.net")
    assert response.status_code == 400
    html = text_of(response)
    assert "Bad request" in html
    assert_branded(html)
    assert "attacker.example.net" not in html


@with_failing_views
@pytest.mark.django_db
def test_a_refusal_gets_the_403_page_without_its_internal_reason(client):
    response = client.get("/forbid/")
    assert response.status_code == 403
    html = text_of(response)
    assert "You cannot do this here" in html
    assert "contact the hub's editors" in html
    assert 'href="/accounts/login/?next=/forbid/"' in html
    assert_branded(html)
    assert "secret_table" not in html


@pytest.mark.django_db
def test_a_form_sent_without_its_security_token_explains_how_to_recover():
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/contact/", {"name": "Ana", "email": "ana@example.org", "message": "Hello"}
    )
    assert response.status_code == 403
    html = text_of(response)
    assert "Your session may have expired" in html
    assert "Reload the form" in html
    assert "CSRF" not in html
    assert_branded(html)
    assert Client(enforce_csrf_checks=True).get("/contact/").status_code == 200


@pytest.mark.django_db
def test_an_unknown_address_gets_the_404_page(client):
    response = client.get("/resources/no-such-item/")
    assert response.status_code == 404
    html = text_of(response)
    assert "Page not found" in html
    assert_branded(html)


# 413 ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_thirty_megabyte_submission_is_refused_before_it_is_read(
    partner_client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    ResourceFactory(title="Already published")
    data = form_data(title="Too big to accept")
    data["file"] = SimpleUploadedFile(
        "huge.pdf", MINIMAL_PDF + b"\0" * THIRTY_MEGABYTES, content_type="application/pdf"
    )
    response = partner_client.post("/submit/?kind=document", data)
    assert response.status_code == 413
    html = text_of(response)
    assert "What you sent is too large" in html
    assert "at most 20 MB" in html
    assert "Nothing was saved" in html
    assert_branded(html)
    assert not response.wsgi_request.environ["wsgi.input"].read_started
    assert list(Resource.objects.values_list("title", flat=True)) == ["Already published"]
    assert list(tmp_path.rglob("*.pdf")) == []


@pytest.mark.django_db
def test_a_large_body_to_a_form_without_files_is_refused(client):
    response = client.post("/contact/", {"message": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 413
    assert "What you sent is too large" in text_of(response)
    assert not response.wsgi_request.environ["wsgi.input"].read_started


@pytest.mark.django_db
def test_a_file_just_over_the_limit_still_reaches_the_form_and_its_message(
    partner_client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    data = form_data()
    data["file"] = SimpleUploadedFile(
        "big.pdf", MINIMAL_PDF + b"\0" * (20 * 1024 * 1024), content_type="application/pdf"
    )
    response = partner_client.post("/submit/?kind=document", data)
    assert response.status_code == 400
    assert "Files may be at most 20 MB" in text_of(response)
    assert not Resource.objects.exists()


@pytest.mark.django_db
def test_form_fields_over_djangos_memory_limit_get_the_413_page(partner_client, settings):
    # A body under the upload limit whose text fields are more than Django will hold in
    # memory: Django refuses it while reading (RequestDataTooBig), and the visitor still
    # hears that it was too large.
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = partner_client.post(
        "/submit/?kind=document", form_data(summary="trafficking " * 2_000)
    )
    assert response.status_code == 413
    assert "What you sent is too large" in text_of(response)
    assert not Resource.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("length", ["lots", "-1", "1e9", "12 34"])
def test_a_garbled_content_length_is_a_bad_request_not_a_crash(client, length):
    response = client.post("/contact/", {"message": "Hello"}, CONTENT_LENGTH=length)
    assert response.status_code == 400
    assert "Bad request" in text_of(response)


@pytest.mark.django_db
def test_a_body_without_a_content_length_is_handled_like_any_form(client):
    response = client.generic(
        "POST",
        "/contact/",
        b"",
        CONTENT_LENGTH="",
        CONTENT_TYPE="application/x-www-form-urlencoded",
    )
    assert response.status_code < 500


# Language and direction ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "opening"),
    [("ar", '<html lang="ar" dir="rtl">'), ("zh-hans", '<html lang="zh-Hans" dir="ltr">')],
)
def test_every_error_page_names_the_page_language_and_its_direction(language, opening):
    from django.utils import translation

    with translation.override(language):
        for name in ("400.html", "403.html", "404.html", "413.html", "429.html", "500.html"):
            assert opening in render_to_string(name), name
        assert opening in render_to_string("503.html")


@pytest.mark.django_db
def test_the_404_page_is_mirrored_in_arabic(client):
    from tests.languages import address_in, choose_language

    choose_language(client, "ar")
    response = client.get(address_in("ar", "home") + "no-such-page/")
    assert response.status_code == 404
    assert '<html lang="ar" dir="rtl">' in response.content.decode()
