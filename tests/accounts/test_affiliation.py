"""A person's affiliation: organization names compared whatever their spelling, kept as text."""

import csv
import importlib

import pytest
from django.apps import apps

from accounts.affiliation import OrganizationNames, organization_key, person_organization_keys
from accounts.selectors import organization_matching
from resources.models import Resource
from resources.opendata.importer import import_source_open, resources_import
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


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed",
    [
        "Médecins du Monde",
        "medecins du monde",
        "MdM",
        "M.d.M.",
        "Médecins du Monde (MdM)",
    ],
)
def test_an_organization_is_found_by_its_name_or_acronym_however_spelt(typed):
    organization = OrganizationFactory(name="Médecins du Monde", acronym="MdM")
    OrganizationFactory(name="Médecins Sans Frontières", acronym="MSF")
    assert OrganizationNames([organization]).find(typed) == organization


@pytest.mark.django_db
def test_an_acronym_two_organizations_share_names_neither_but_their_names_do():
    first = OrganizationFactory(name="Alpha Network", acronym="AN")
    second = OrganizationFactory(name="Another Network", acronym="AN")
    names = OrganizationNames([first, second])
    assert names.find("AN") is None
    assert names.find("another network") == second
    assert organization_matching(text="AN") is None
    assert organization_matching(text="Alpha Network (AN)") == first


@pytest.mark.django_db
def test_the_importer_finds_publishers_as_people_are_matched(tmp_path):
    """A publisher written with accents left out is the organization a person would join."""
    organization = OrganizationFactory(name="Médecins du Monde", acronym="MdM", slug="mdm")
    path = tmp_path / "publishers.csv"
    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["title", "summary", "publication_year", "objectives", "publishers"])
        writer.writerow(["A report", "On health.", "2022", "10", "Medecins du monde"])
    report = resources_import(source=import_source_open(path=path))
    assert report.created == 1
    assert list(Resource.objects.get().publishers.all()) == [organization]
