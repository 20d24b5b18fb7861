"""No public channel names the people behind an item: its submitter or its reviewers.

An item is submitted by a partner and reviewed by a full panel through the real review
services, so that submitter, assignment, review and history rows all exist; then every
page, API endpoint, feed, export, citation, sitemap and OAI-PMH response the public can
fetch is read and searched for the people's addresses, names, usernames and the
reviewers' comments.
"""

import pytest

from resources.models import Status
from review import services, workflow
from review.models import Recommendation
from taxonomy.models import Organization
from tests.factories import ResourceFactory, ReviewerFactory, UserFactory

pytestmark = pytest.mark.django_db

SCORES = {
    "relevance": 5,
    "principles": 4,
    "credibility": 4,
    "currency": 3,
    "applicability": 4,
    "accessibility": 5,
    "do_no_harm": 5,
}
SLUG = "guidance-on-recruitment-fees"
IDENTIFIER = f"oai:objective10-hub:resource/{SLUG}"


def body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8-sig")


@pytest.fixture
def people():
    """Create a partner, an editor and a UN plus two non-UN reviewers, all easy to spot."""
    organization = Organization.objects.create(
        name="Quietwater Shelter Network", slug="quietwater-shelter-network"
    )
    partner = UserFactory(
        username="pmarlowe",
        email="p.marlowe@quietwater.example",
        name="Philippa Marlowe",
        organization=organization,
    )
    editor = UserFactory(
        username="eastor", email="e.astor@hub.example", name="Edmund Astor", groups=["editor"]
    )
    reviewers = [
        ReviewerFactory(
            username="rvandermeer", email="r.vandermeer@un.example", name="Roos Vandermeer", un=True
        ),
        ReviewerFactory(username="tokonkwo", email="t.okonkwo@ngo.example", name="Tobenna Okonkwo"),
        ReviewerFactory(username="lzhivago", email="l.zhivago@uni.example", name="Lara Zhivago"),
    ]
    return partner, editor, reviewers


@pytest.fixture
def published(people):
    """Take one item from submission to publication through the review services."""
    partner, editor, reviewers = people
    resource = ResourceFactory(
        title="Guidance on recruitment fees",
        slug=SLUG,
        status=Status.DRAFT,
        submitted_by=partner,
        submitter_organization=partner.organization,
        countries=["NGA"],
        regions=["africa"],
        principles=["human-rights"],
        languages=["en"],
        actions=["a"],
        objectives=["10"],
    )
    workflow.transition(resource_id=resource.pk, name="submit", actor=partner)
    for reviewer in reviewers:
        assignment = services.assignment_create(
            resource_id=resource.pk, reviewer=reviewer, actor=editor
        )
        services.assignment_declare(assignment_id=assignment.pk, actor=reviewer, has_conflict=False)
        services.review_submit(
            assignment_id=assignment.pk,
            actor=reviewer,
            scores=SCORES,
            recommendation=Recommendation.ACCEPT,
            comments_for_submitter=f"Comment-for-submitter by {reviewer.username}",
            confidential_comments=f"Confidential-remark by {reviewer.username}",
        )
    workflow.transition(
        resource_id=resource.pk,
        name="publish",
        actor=editor,
        message="Published with thanks to Philippa Marlowe.",
        note="Editor-only-note about Roos Vandermeer",
    )
    resource.refresh_from_db()
    assert resource.status == Status.PUBLISHED
    return resource


def secrets(partner, editor, reviewers) -> list[str]:
    """List every string that would identify a person or reveal a review."""
    found = [
        partner.email,
        partner.name,
        partner.username,
        editor.email,
        editor.name,
        editor.username,
    ]
    for reviewer in reviewers:
        found += [
            reviewer.email,
            reviewer.name,
            reviewer.username,
            f"Comment-for-submitter by {reviewer.username}",
            f"Confidential-remark by {reviewer.username}",
        ]
    return found + ["Editor-only-note", "with thanks to"]


PUBLIC_ADDRESSES = [
    "/",
    "/resources/",
    "/resources/?q=recruitment",
    f"/resources/{SLUG}/",
    "/objectives/",
    "/objectives/10/",
    "/principles/human-rights/",
    "/regions/africa/",
    "/countries/NGA/",
    "/types/report/",
    "/api/",
    "/api/resources/",
    "/api/resources/?q=recruitment",
    f"/api/resources/{SLUG}/",
    "/api/objectives/",
    "/api/principles/",
    "/api/regions/",
    "/api/countries/",
    "/api/document-types/",
    "/api/kinds/",
    "/api/languages/",
    "/api/organizations/",
    "/api/schema/",
    "/resources/feed.rss",
    "/resources/feed.atom",
    "/resources/export.csv",
    "/resources/export.ris",
    "/resources/export.bib",
    f"/resources/{SLUG}/cite.ris",
    f"/resources/{SLUG}/cite.bib",
    f"/resources/{SLUG}/cite.json",
    "/sitemap.xml",
    "/robots.txt",
    "/oai?verb=Identify",
    "/oai?verb=ListMetadataFormats",
    "/oai?verb=ListSets",
    "/oai?verb=ListIdentifiers&metadataPrefix=oai_dc",
    "/oai?verb=ListRecords&metadataPrefix=oai_dc",
    f"/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier={IDENTIFIER}",
]

# Addresses that describe the hub or its taxonomy rather than list items.
WITHOUT_THE_ITEM = {
    "/objectives/",
    "/api/",
    "/api/objectives/",
    "/api/principles/",
    "/api/regions/",
    "/api/countries/",
    "/api/document-types/",
    "/api/kinds/",
    "/api/languages/",
    "/api/organizations/",
    "/api/schema/",
    "/robots.txt",
    "/oai?verb=Identify",
    "/oai?verb=ListMetadataFormats",
    "/oai?verb=ListSets",
}


def test_the_item_shows_its_anonymous_review_record(client, published):
    page = body(client.get(published.get_absolute_url()))
    assert "Peer reviewed by 3 reviewers (1 UN, 2 non-UN)" in page


def test_oai_offers_only_dublin_core(client, published):
    formats = body(client.get("/oai?verb=ListMetadataFormats"))
    assert formats.count("<metadataPrefix>") == 1
    assert "<metadataPrefix>oai_dc</metadataPrefix>" in formats


@pytest.mark.parametrize("address", PUBLIC_ADDRESSES)
def test_no_public_channel_names_the_submitter_or_the_reviewers(client, people, published, address):
    response = client.get(address)
    assert response.status_code == 200, address
    text = body(response)
    if address not in WITHOUT_THE_ITEM:
        named = (SLUG, published.title, f":item/{published.pk}</identifier>")
        assert any(name in text for name in named), address
    for secret in secrets(*people):
        assert secret.lower() not in text.lower(), (address, secret)


@pytest.mark.parametrize(
    "address",
    [
        "/api/organizations/",
        f"/api/resources/{SLUG}/",
        f"/resources/{SLUG}/",
        "/resources/export.csv",
    ],
)
def test_the_submitters_organization_stays_private(client, published, address):
    """The submitter's organization only serves conflict-of-interest checks; it is no publisher."""
    assert "Quietwater" not in body(client.get(address))
