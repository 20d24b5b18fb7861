"""A person's affiliation: organization names compared whatever their spelling, kept as text."""

import importlib

import pytest
from django.apps import apps

from accounts.affiliation import organization_key, person_organization_keys
from tests.factories import OrganizationFactory, UserFactory


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Conflict Org.", "conflict org"),
        ("CONFLICT   ORG", " conflict org "),
        ("Médecins du Monde", "Medecins du monde"),
        ("Save-the-Children", "Save the Children"),
        ("U.N.D.P.", "UNDP"),
        ("People’s Aid", "Peoples Aid"),
        ("ＩＯＭ", "IOM"),
    ],
)
def test_one_organization_spelt_two_ways_has_one_key(one, other):
    assert organization_key(one) == organization_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Conflict Org", "Conflict Organisation"),
        ("IOM", "ILO"),
    ],
)
def test_different_organizations_keep_different_keys(one, other):
    assert organization_key(one) != organization_key(other)


def test_blank_names_have_no_key():
    assert organization_key(" .,- ") == ""


@pytest.mark.django_db
def test_a_person_goes_by_their_affiliation_and_the_linked_organizations_names():
    iom = OrganizationFactory(name="International Organization for Migration", acronym="IOM")
    person = UserFactory(affiliation="I.O.M. Geneva", organization=iom)
    assert person_organization_keys(user=person) == {
        "iom geneva",
        "international organization for migration",
        "iom",
    }


@pytest.mark.django_db
def test_the_migration_keeps_each_linked_organizations_name_as_the_affiliation():
    migration = importlib.import_module("accounts.migrations.0003_user_affiliation")
    linked = UserFactory(organization=OrganizationFactory(name="Harbour Light Foundation"))
    unlinked = UserFactory()
    type(linked).objects.update(affiliation="")
    migration.copy_organization_names(apps, None)
    linked.refresh_from_db()
    unlinked.refresh_from_db()
    assert (linked.affiliation, unlinked.affiliation) == ("Harbour Light Foundation", "")
