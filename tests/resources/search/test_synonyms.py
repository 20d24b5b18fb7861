"""Editors keep the synonyms and acronyms search expands; a change shows at the next search."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.urls import reverse

from accounts.roles import EDITOR
from resources.browse import browse_page
from resources.facets.current import catalogue_token
from resources.models import Synonym
from resources.search.synonyms import Part, expanded, synonyms_of
from tests.factories import ResourceFactory, UserFactory
from tests.results import result_titles

pytestmark = pytest.mark.django_db


def titles(query: str) -> list[str]:
    params = QueryDict(mutable=True)
    params["q"] = query
    page = browse_page(params=params, page_size=100)
    return result_titles(page.page.object_list)


@pytest.fixture
def editor(client):
    user = UserFactory(username="secretariat", groups=[EDITOR], is_staff=True)
    client.force_login(user)
    return client


def test_the_hubs_starting_synonyms_are_there_for_editors_to_change():
    groups = [group.term_list for group in Synonym.objects.all()]
    assert [
        "THB",
        "TIP",
        "human trafficking",
        "trafficking in persons",
        "trafficking in human beings",
    ] in groups
    assert ["migrant smuggling", "smuggling of migrants"] in groups
    assert ["forced criminality", "forced criminal activities"] in groups
    granted = set(
        Group.objects.get(name=EDITOR)
        .permissions.filter(content_type__model="synonym")
        .values_list("codename", flat=True)
    )
    assert granted == {"view_synonym", "add_synonym", "change_synonym", "delete_synonym"}


def test_an_editor_adds_a_group_in_the_admin_and_search_uses_it_at_once(editor):
    ResourceFactory(title="Annual report of the public defender", summary="Complaints handled.")
    assert titles("ombudsman") == []
    changelist = reverse("admin:resources_synonym_changelist")
    assert "trafficking in persons" in editor.get(changelist).content.decode()
    response = editor.post(
        reverse("admin:resources_synonym_add"), {"terms": "ombudsman,  public defender , Ombudsman"}
    )
    assert response.status_code == 302
    assert Synonym.objects.filter(terms="ombudsman, public defender").exists()
    assert titles("ombudsman") == ["Annual report of the public defender"]


@pytest.mark.parametrize(
    ("terms", "message"),
    [
        ("THB", "Give at least two terms"),
        ('"THB", TIP', "is not a term search can use"),
        ("migrant smuggling, -smuggling", "is not a term search can use"),
        (", ".join(f"term{n}" for n in range(13)), "Give at most 12 terms"),
    ],
)
def test_the_admin_refuses_terms_search_cannot_use(editor, terms, message):
    response = editor.post(reverse("admin:resources_synonym_add"), {"terms": terms})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["adminform"].form["terms"].value() == terms


def test_a_synonym_edit_replaces_the_catalogue_version_and_remembered_searches():
    ResourceFactory(title="Smuggling of migrants by sea", summary="Boats.")
    group = Synonym.objects.get(terms__startswith="migrant smuggling")
    assert titles('"migrant smuggling"') == ["Smuggling of migrants by sea"]
    before = catalogue_token()
    group.terms = "migrant smuggling, people smuggling"
    group.save()
    assert catalogue_token() != before
    assert titles('"migrant smuggling"') == []
    group.delete()
    assert titles('"people smuggling"') == []


def test_a_run_of_words_expands_its_longest_term():
    synonyms = synonyms_of(
        [["THB", "human trafficking", "trafficking in persons"], ["trafficking", "TIP"]]
    )
    groups = expanded("human trafficking victims", synonyms)
    assert groups == [
        [Part(("THB", "human trafficking", "trafficking in persons")), Part(("victims",))]
    ]
    assert expanded("victims of TIP", synonyms) == [
        [Part(("victims",)), Part(("of",)), Part(("trafficking", "TIP"))]
    ]
    assert expanded("labour migration", synonyms) is None


def test_a_term_in_two_groups_finds_both():
    synonyms = synonyms_of([["TIP", "trafficking in persons"], ["TIP", "technical tip"]])
    assert expanded("tip", synonyms) == [[Part(("TIP", "trafficking in persons", "technical tip"))]]


def test_terms_are_tidied_and_checked():
    group = Synonym(terms=" THB ,trafficking   in human beings,, thb ")
    group.full_clean()
    assert group.terms == "THB, trafficking in human beings"
    with pytest.raises(ValidationError):
        Synonym(terms="THB, trafficking in human beings and persons at risk").full_clean()
