"""Share the API tests' fixtures: an empty throttle history and a small tagged catalogue."""

import pytest
from django.core.cache import cache

from resources.models import Kind, Status
from tests.factories import OrganizationFactory, ResourceFactory


@pytest.fixture(autouse=True)
def fresh_throttle_history():
    """Start and end every test with no remembered requests, so rate limits never leak."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def generous_rate(settings):
    """Raise the anonymous rate for tests that make many requests."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute"},
    }


@pytest.fixture
def catalogue(db):
    return build_catalogue()


def build_catalogue() -> list:
    """Build published items across facets, and items that must never be public."""
    iom = OrganizationFactory(
        name="International Organization for Migration", acronym="IOM", is_un_entity=True
    )
    unodc = OrganizationFactory(
        name="United Nations Office on Drugs and Crime", acronym="UNODC", is_un_entity=True
    )
    ngo = OrganizationFactory(name="La Strada International")
    hidden = OrganizationFactory(name="Only a submitter's organization")
    items = [
        ResourceFactory(
            title="Nigeria trafficking report",
            countries=["NGA"],
            regions=["africa"],
            principles=["human-rights"],
            languages=["en"],
            publishers=[iom],
            actions=["a", "b"],
            publication_year=2020,
        ),
        ResourceFactory(
            title="Nigeria and Ghana toolkit",
            countries=["NGA", "GHA"],
            regions=["africa"],
            principles=["child-sensitive"],
            languages=["fr"],
            kind=Kind.TRAINING,
            publishers=[ngo],
            publication_year=2021,
        ),
        ResourceFactory(
            title="Thailand forced labour study",
            countries=["THA"],
            regions=["asia"],
            principles=["human-rights"],
            objectives=["10", "6"],
            languages=["en", "fr"],
            publishers=[unodc],
            actions=["c"],
            publication_year=2021,
            scope=2,
        ),
        ResourceFactory(
            title="Global video on recruitment",
            kind=Kind.VIDEO,
            objectives=["7"],
            publishers=[unodc, iom],
            publication_year=2019,
        ),
        ResourceFactory(
            title="Trafficking practice in Europe",
            kind=Kind.PRACTICE,
            regions=["europe"],
            countries=["ITA"],
            publication_year=2023,
            scope=3,
            principles=["gender-responsive"],
        ),
    ]
    ResourceFactory(
        title="Unpublished Nigeria draft",
        countries=["NGA"],
        regions=["africa"],
        publishers=[hidden],
        status=Status.IN_REVIEW,
        kind=Kind.EVENT,
        principles=["whole-of-society-approach"],
        languages=["ar"],
        objectives=["23"],
        publication_year=1999,
    )
    ResourceFactory(
        title="Rejected Thailand item",
        countries=["THA"],
        status=Status.REJECTED,
        publishers=[hidden],
        kind=Kind.PROJECT,
    )
    return items
