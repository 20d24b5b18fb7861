"""Editors edit a term's names per language; an edited name records the editor as its source."""

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from taxonomy.models import DocumentType, NameSource
from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def form_data(admin_client, url: str) -> dict:
    form = admin_client.get(url).context["adminform"].form
    return {name: "" if form[name].value() is None else form[name].value() for name in form.fields}


def french_browse(client) -> str:
    with translation.override("fr"):
        url = reverse("resources:browse")
    return client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()


def test_the_change_page_shows_every_languages_name_and_source(admin_client):
    report = DocumentType.objects.get(slug="report")
    html = admin_client.get(reverse("admin:taxonomy_documenttype_change", args=[report.pk]))
    content = html.content.decode()
    for field in ["name_fr", "name_source_fr", "name_ar", "name_zh_hans", "description_ru"]:
        assert f'name="{field}"' in content
    assert "Rapport" in content


def test_an_editor_renames_a_type_in_french_and_the_french_pages_show_it(admin_client, client):
    ResourceFactory(title="Recruitment fees report")
    report = DocumentType.objects.get(slug="report")
    url = reverse("admin:taxonomy_documenttype_change", args=[report.pk])
    assert "Rapport" in french_browse(client)
    data = form_data(admin_client, url)
    data["name_fr"] = "Rapport d'étude"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    report.refresh_from_db()
    assert (report.name_fr, report.name_source_fr) == ("Rapport d'étude", NameSource.EDITOR)
    assert (report.name_en, report.name_source_en) == ("Report", NameSource.HUB)
    assert "Rapport d&#x27;étude" in french_browse(client)


def test_an_editor_may_record_the_official_text_as_the_source(admin_client):
    report = DocumentType.objects.get(slug="report")
    url = reverse("admin:taxonomy_documenttype_change", args=[report.pk])
    data = form_data(admin_client, url)
    data.update(name_es="Informe oficial", name_source_es=NameSource.OFFICIAL)
    assert admin_client.post(url, data).status_code == 302
    report.refresh_from_db()
    assert report.name_source_es == NameSource.OFFICIAL


@pytest.mark.parametrize(
    ("model", "lookup", "fields"),
    [
        ("objective", {"code": "10"}, ["short_name_ar", "title_source_ru", "commitment_fr"]),
        ("country", {"iso3": "TUR"}, ["name_zh_hans", "name_source_es"]),
        ("language", {"code": "fr"}, ["name_ru", "name_source_ar"]),
        ("region", {"slug": "asia"}, ["name_es", "description_fr"]),
        ("guidingprinciple", {"slug": "human-rights"}, ["name_fr", "name_source_fr"]),
    ],
)
def test_every_translated_terms_change_page_shows_its_names_per_language(
    admin_client, model, lookup, fields
):
    term = apps.get_model("taxonomy", model).objects.get(**lookup)
    response = admin_client.get(reverse(f"admin:taxonomy_{model}_change", args=[term.pk]))
    assert response.status_code == 200
    for field in fields:
        assert f'name="{field}"' in response.content.decode()
