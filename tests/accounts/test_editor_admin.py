"""The demo editor can do in the admin what editors do there, and nothing more.

Editors curate the taxonomy and the organizations, see items and their history without
changing them, read contact messages (their mail links there), and cannot open accounts
(the editor group's permissions come from the
data migration accounts/0004_editor_admin_permissions).
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from hub.models import ContactMessage
from resources.demo import DEMO_PASSWORD, default_path, demo_load
from resources.models import Resource, Status
from review.models import HistoryEntry
from taxonomy.models import Keyword, Organization
from tests.shared_data import kept_for_the_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    with kept_for_the_module(django_db_blocker):
        yield demo_load(path=default_path())


@pytest.fixture
def editor_client(client):
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "editor", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert response.url == "/admin/"
    return client


def test_the_admin_home_offers_the_taxonomy_items_and_history_but_not_accounts(editor_client):
    page = editor_client.get("/admin/").content.decode()
    for changelist in (
        "taxonomy:organization",
        "taxonomy:keyword",
        "taxonomy:objective",
        "taxonomy:country",
        "resources:resource",
        "review:historyentry",
    ):
        app, model = changelist.split(":")
        assert f'href="{reverse(f"admin:{app}_{model}_changelist")}"' in page
    assert reverse("admin:accounts_user_changelist") not in page
    assert "You don’t have permission to view or edit anything" not in page


@pytest.mark.parametrize(
    "model",
    [
        "objective",
        "guidingprinciple",
        "region",
        "country",
        "countryalias",
        "documenttype",
        "language",
        "organization",
        "keyword",
    ],
)
def test_the_editor_opens_every_taxonomy_list(editor_client, model):
    response = editor_client.get(reverse(f"admin:taxonomy_{model}_changelist"))
    assert response.status_code == 200


def test_the_editor_renames_a_keyword_and_adds_an_organization(editor_client):
    keyword = Keyword.objects.get(name="forced criminality")
    response = editor_client.post(
        reverse("admin:taxonomy_keyword_change", args=[keyword.pk]),
        {"name": "forced criminal activities", "slug": keyword.slug},
    )
    assert response.status_code == 302
    keyword.refresh_from_db()
    assert keyword.name == "forced criminal activities"

    response = editor_client.post(
        reverse("admin:taxonomy_organization_add"),
        {
            "name": "Anti-Trafficking Observatory",
            "acronym": "ATO",
            "slug": "anti-trafficking-observatory",
            "website": "",
        },
    )
    assert response.status_code == 302
    assert Organization.objects.filter(acronym="ATO").exists()


def test_the_editor_sees_items_and_history_but_cannot_change_them(editor_client):
    resource = Resource.objects.published().first()
    page = editor_client.get(reverse("admin:resources_resource_change", args=[resource.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert resource.title in text
    assert 'name="_save"' not in text
    before = resource.title
    response = editor_client.post(
        reverse("admin:resources_resource_change", args=[resource.pk]), {"title": "Changed"}
    )
    assert response.status_code == 403
    resource.refresh_from_db()
    assert resource.title == before
    assert editor_client.get(reverse("admin:resources_resource_add")).status_code == 403

    assert editor_client.get(reverse("admin:review_historyentry_changelist")).status_code == 200
    entry = HistoryEntry.objects.create(
        resource=resource,
        action="publish",
        from_status=Status.IN_REVIEW,
        to_status=Status.PUBLISHED,
    )
    assert (
        editor_client.get(reverse("admin:review_historyentry_change", args=[entry.pk])).status_code
        == 200
    )
    assert (
        editor_client.post(reverse("admin:review_historyentry_delete", args=[entry.pk])).status_code
        == 403
    )


def test_the_editor_reads_a_contact_message_from_the_link_in_its_mail(editor_client):
    message = ContactMessage.objects.create(
        name="Ana Lima", email="ana@example.org", topic="resource", message="A broken link."
    )
    page = editor_client.get(reverse("admin:hub_contactmessage_change", args=[message.pk]))
    assert page.status_code == 200
    assert "A broken link." in page.content.decode()
    assert (
        editor_client.post(
            reverse("admin:hub_contactmessage_delete", args=[message.pk])
        ).status_code
        == 403
    )


def test_the_editor_cannot_open_accounts(editor_client):
    assert editor_client.get(reverse("admin:accounts_user_changelist")).status_code == 403
    editor = get_user_model().objects.get(username="editor")
    assert (
        editor_client.get(reverse("admin:accounts_user_change", args=[editor.pk])).status_code
        == 403
    )
    assert editor_client.get(reverse("admin:auth_group_changelist")).status_code == 403
