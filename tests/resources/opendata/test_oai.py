"""Harvest the OAI-PMH endpoint with a real harvester, and break it with malformed requests.

The harvester is oaipmh-scythe, speaking HTTP to the hub's own WSGI application in this
process (an httpx WSGI transport), so every request runs inside the test's transaction
and needs no live server. Django closes "old" database connections at the start and end
of each request, which inside a test transaction would close the test's own connection;
``in_test_transaction`` switches that off around each request, as Django's test client does.
"""

import datetime
import re

import httpx2
import pytest
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import etree
from oaipmh_scythe import Scythe
from oaipmh_scythe.config import HTTPConfig
from oaipmh_scythe.exceptions import (
    BadArgument,
    BadResumptionToken,
    CannotDisseminateFormat,
    IdDoesNotExist,
    NoRecordsMatch,
)

from hub.wsgi import application
from resources.facets.current import catalogue_state
from resources.models import Kind, Resource, Scope, Status
from resources.services import resource_slug_change
from review import workflow
from taxonomy.models import Country, Keyword, Objective
from tests.factories import OrganizationFactory, ResourceFactory, UserFactory

ENDPOINT = "http://testserver/oai"
NS = {
    "o": "http://www.openarchives.org/OAI/2.0/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
SCHEMA_LOCATION = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"
DATESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
PAGE_SIZE = 3


def identifier(resource: Resource) -> str:
    return f"oai:objective10-hub:item/{resource.pk}"


def at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def in_test_transaction(environ, start_response):
    """Run the hub's WSGI application without closing the test's database connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        result = application(environ, start_response)
        try:
            body = b"".join(result)
        finally:
            result.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return [body]


class InProcessScythe(Scythe):
    """Scythe whose HTTP client talks to the hub's WSGI application and keeps every response."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.responses: list[httpx2.Response] = []

    @property
    def client(self) -> httpx2.Client:
        if self._client is None or self._client.is_closed:
            self._client = httpx2.Client(
                transport=httpx2.WSGITransport(app=in_test_transaction),
                headers={"user-agent": self.http_config.user_agent},
                event_hooks={"response": [self.responses.append]},
            )
        return self._client


def check_document(response) -> etree._Element:
    """Parse a response strictly and check what every OAI-PMH response must have."""
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/xml; charset=utf-8"
    root = etree.fromstring(response.content)  # strict: raises on anything malformed
    assert root.tag == "{http://www.openarchives.org/OAI/2.0/}OAI-PMH"
    assert root.get(SCHEMA_LOCATION) == (
        "http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
    )
    assert DATESTAMP.fullmatch(root.findtext("o:responseDate", namespaces=NS))
    assert root.findtext("o:request", namespaces=NS) == ENDPOINT
    for datestamp in root.iterfind(".//o:header/o:datestamp", namespaces=NS):
        assert DATESTAMP.fullmatch(datestamp.text)
    for dc in root.iterfind(".//oai_dc:dc", namespaces=NS):
        assert dc.get(SCHEMA_LOCATION) == (
            "http://www.openarchives.org/OAI/2.0/oai_dc/ "
            "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
        )
    return root


@pytest.fixture
def harvester(db, settings):
    """Yield a function making harvesters (GET or POST), with small pages."""
    settings.HUB_OAI_PAGE_SIZE = PAGE_SIZE
    made = []

    def make(method: str = "GET") -> InProcessScythe:
        scythe = InProcessScythe(ENDPOINT, http_config=HTTPConfig(http_method=method))
        made.append(scythe)
        return scythe

    yield make
    for scythe in made:
        scythe.close()


def oai(client, method="get", **params) -> etree._Element:
    """Send a request with Django's test client; list values repeat an argument."""
    response = getattr(client, method)("/oai", params)
    return check_document(response)


def error_code(root) -> str | None:
    error = root.find("o:error", namespaces=NS)
    return None if error is None else error.get("code")


def archive(resource: Resource) -> Resource:
    """Unpublish an item the way an editor does, through the review workflow."""
    editor = UserFactory(username="oai-editor", groups=["editor"])
    return workflow.transition(resource_id=resource.pk, name="archive", actor=editor)


@pytest.fixture
def catalogue(db):
    """Ten published items of every kind, three never published, one published then archived."""
    published = [
        ResourceFactory(title=f"Report {n} on trafficking", objectives=["10"]) for n in range(4)
    ]
    published += [
        ResourceFactory(kind=Kind.PRACTICE, objectives=["10", "general"]),
        ResourceFactory(kind=Kind.PRACTICE, objectives=["10"]),
        ResourceFactory(kind=Kind.VIDEO, objectives=["general"]),
        ResourceFactory(kind=Kind.EVENT, objectives=["10", "6"]),
        ResourceFactory(kind=Kind.PROJECT, objectives=["7"]),
        ResourceFactory(kind=Kind.TRAINING, objectives=["10"]),
    ]
    never_published = [
        ResourceFactory(title="Draft on forced criminality", status=Status.DRAFT),
        ResourceFactory(title="Submission in review", status=Status.IN_REVIEW),
        ResourceFactory(title="Rejected submission", status=Status.REJECTED),
    ]
    withdrawn = archive(
        ResourceFactory(
            title="Archived guide to recruitment",
            summary="A guide that was public and has been archived.",
            objectives=["10"],
        )
    )
    return {"published": published, "never_published": never_published, "archived": withdrawn}


# --- Harvesting everything -----------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_harvester_gets_every_published_record_exactly_once(harvester, catalogue, method):
    scythe = harvester(method)
    harvested = list(scythe.list_records())

    live = [record.header.identifier for record in harvested if not record.deleted]
    deleted = [record.header.identifier for record in harvested if record.deleted]
    assert sorted(live) == sorted(identifier(item) for item in catalogue["published"])
    assert len(live) == len(set(live))
    assert deleted == [identifier(catalogue["archived"])]
    for record in harvested:
        if not record.deleted:
            assert record.metadata["title"]

    # Eleven items at three per page: four pages, each with a resumption token whose cursor
    # counts what came before; the last token is empty.
    assert len(scythe.responses) == 4
    tokens = [
        check_document(response).find(".//o:resumptionToken", namespaces=NS)
        for response in scythe.responses
    ]
    assert [token.get("cursor") for token in tokens] == ["0", "3", "6", "9"]
    assert {token.get("completeListSize") for token in tokens} == {"11"}
    assert all(token.text for token in tokens[:-1])
    assert not tokens[-1].text


def test_list_identifiers_pages_through_every_header(harvester, catalogue):
    scythe = harvester()
    headers = list(scythe.list_identifiers())
    expected = {identifier(item) for item in catalogue["published"]}
    expected.add(identifier(catalogue["archived"]))
    assert sorted(header.identifier for header in headers) == sorted(expected)
    assert [header.identifier for header in headers if header.deleted] == [
        identifier(catalogue["archived"])
    ]
    for response in scythe.responses:
        check_document(response)


def test_items_changed_at_the_same_instant_are_neither_lost_nor_repeated(harvester, catalogue):
    same_moment = datetime.datetime(2024, 5, 1, 12, 0, 0, 123456, tzinfo=datetime.UTC)
    Resource.objects.update(updated_at=same_moment)
    harvested = [header.identifier for header in harvester().list_identifiers()]
    assert len(harvested) == len(set(harvested)) == 11


def test_nothing_unpublished_appears_except_as_a_deleted_header(harvester, catalogue):
    scythe = harvester()
    list(scythe.list_records())
    list(scythe.list_identifiers())
    body = "".join(response.text for response in scythe.responses)
    for item in catalogue["never_published"]:
        assert item.slug not in body
        assert item.title not in body
    archived = catalogue["archived"]
    assert archived.title not in body
    assert archived.summary not in body
    assert identifier(archived) in body
    for item in catalogue["never_published"]:
        with pytest.raises(IdDoesNotExist):
            scythe.get_record(identifier=identifier(item))


def test_no_email_address_or_account_reaches_a_harvester(harvester, db):
    partner = UserFactory(username="harvest-partner", email="partner@example.org")
    ResourceFactory(submitted_by=partner, authors="Ana Ruiz")
    scythe = harvester()
    list(scythe.list_records())
    scythe.identify()
    body = "".join(response.text for response in scythe.responses)
    assert "partner@example.org" not in body
    assert "harvest-partner" not in body
    assert "Ana Ruiz" in body


# --- Deleted records ------------------------------------------------------------------------


def test_an_item_unpublished_later_becomes_a_deleted_record(harvester, catalogue):
    scythe = harvester()
    item = catalogue["published"][0]
    assert not scythe.get_record(identifier=identifier(item)).deleted

    Resource.objects.update(updated_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC))
    archived = archive(item)

    record = scythe.get_record(identifier=identifier(item))
    assert record.deleted
    assert record.header.datestamp == archived.updated_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert record.xml.find("o:metadata", namespaces=NS) is None

    # An incremental harvest from the day of the change reports the deletion, and only it.
    since = archived.updated_at.strftime("%Y-%m-%d")
    changes = list(scythe.list_identifiers(from_=since))
    assert [(header.identifier, header.deleted) for header in changes] == [(identifier(item), True)]
    assert "objective:10" in changes[0].setSpecs


def test_identify_declares_deleted_records_persistent(harvester, catalogue, settings):
    settings.DEFAULT_FROM_EMAIL = "Objective 10 Hub <hub@example.org>"
    identify = harvester().identify()
    assert identify.repositoryName == "GCM Objective 10 Knowledge Hub"
    assert identify.baseURL == ENDPOINT
    assert identify.protocolVersion == "2.0"
    assert identify.adminEmail == "hub@example.org"
    assert identify.deletedRecord == "persistent"
    assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ"
    earliest = min(item.updated_at for item in Resource.objects.exclude(published_at=None))
    assert identify.earliestDatestamp == earliest.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_identify_prefers_the_hub_admin_email_and_describes_a_domain_identifier(
    client, settings, catalogue
):
    settings.HUB_ADMIN_EMAIL = "oai@example.org"
    settings.HUB_OAI_REPOSITORY_ID = "objective10.example.org"
    root = oai(client, verb="Identify")
    assert root.findtext("o:Identify/o:adminEmail", namespaces=NS) == "oai@example.org"
    scheme = "{http://www.openarchives.org/OAI/2.0/oai-identifier}"
    description = root.find(f".//{scheme}oai-identifier")
    assert description.findtext(f"{scheme}repositoryIdentifier") == "objective10.example.org"
    item = catalogue["published"][0]
    record = oai(
        client,
        verb="GetRecord",
        metadataPrefix="oai_dc",
        identifier=f"oai:objective10.example.org:resource/{item.slug}",
    )
    assert error_code(record) is None


# --- Sets and datestamps --------------------------------------------------------------------


def test_list_sets_names_every_objective_and_kind(harvester, catalogue):
    sets = {oai_set.setSpec: oai_set.setName for oai_set in harvester().list_sets()}
    for objective in Objective.objects.all():
        assert sets[f"objective:{objective.code}"]
    assert sets["objective:10"] == "GCM objective 10 - Eradicate trafficking"
    assert sets["objective:general"] == "GCM: General"
    for kind in Kind:
        assert sets[f"kind:{kind.value}"] == kind.label
    assert "objective" in sets and "kind" in sets


@pytest.mark.parametrize(
    ("set_spec", "expected"),
    [
        ("objective:10", lambda r: any(o.code == "10" for o in r.objectives.all())),
        ("objective:general", lambda r: any(o.code == "general" for o in r.objectives.all())),
        ("objective:7", lambda r: any(o.code == "7" for o in r.objectives.all())),
        ("kind:video", lambda r: r.kind == Kind.VIDEO),
        ("kind:practice", lambda r: r.kind == Kind.PRACTICE),
        ("objective", lambda r: True),
        ("kind", lambda r: True),
    ],
)
def test_set_filtering(harvester, catalogue, set_spec, expected):
    everything = [*catalogue["published"], catalogue["archived"]]
    wanted = {identifier(item) for item in everything if expected(item)}
    headers = list(harvester().list_identifiers(set_=set_spec))
    assert {header.identifier for header in headers} == wanted
    assert len(headers) == len(wanted)
    leaf = set_spec if ":" in set_spec else None
    for header in headers:
        assert leaf is None or leaf in header.setSpecs


def test_unknown_set_matches_nothing(harvester, catalogue):
    with pytest.raises(NoRecordsMatch):
        list(harvester().list_records(set_="objective:99"))
    with pytest.raises(NoRecordsMatch):
        list(harvester().list_records(set_="colour:blue"))


@pytest.fixture
def dated(catalogue):
    """Four published items with known datestamps; everything else much earlier."""
    Resource.objects.update(updated_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    stamps = {
        "a": "2024-01-10T08:00:00Z",
        "b": "2024-01-10T23:59:59.500000Z",
        "c": "2024-01-11T00:00:00Z",
        "d": "2024-02-01T12:00:00Z",
    }
    items = {}
    for (name, stamp), item in zip(stamps.items(), catalogue["published"], strict=False):
        Resource.objects.filter(pk=item.pk).update(updated_at=at(stamp))
        items[name] = identifier(item)
    return items


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ({"from_": "2024-01-11"}, "cd"),
        ({"until": "2024-01-10", "from_": "2024-01-01"}, "ab"),
        ({"from_": "2024-01-10T08:00:00Z", "until": "2024-01-10T23:59:59Z"}, "ab"),
        ({"from_": "2024-01-10T08:00:01Z"}, "bcd"),
        ({"from_": "2024-01-10", "until": "2024-01-11"}, "abc"),
        ({"from_": "2024-01-11T00:00:00Z", "until": "2024-01-11T00:00:00Z"}, "c"),
    ],
)
def test_from_and_until_select_by_datestamp_inclusively(harvester, dated, arguments, expected):
    headers = list(harvester().list_identifiers(**arguments))
    assert sorted(header.identifier for header in headers) == sorted(
        dated[name] for name in expected
    )


def test_datestamps_are_utc_seconds(harvester, dated):
    headers = {
        header.identifier: header
        for header in harvester().list_identifiers(from_="2024-01-10", until="2024-01-10")
    }
    assert headers[dated["b"]].datestamp == "2024-01-10T23:59:59Z"


def test_nothing_in_the_range_is_no_records_match(harvester, dated):
    with pytest.raises(NoRecordsMatch):
        list(harvester().list_identifiers(until="2019-12-31T23:59:59Z"))
    with pytest.raises(NoRecordsMatch):
        list(harvester().list_records(from_="2999-01-01"))


# --- One record -----------------------------------------------------------------------------


@pytest.fixture
def rich_item(db):
    unodc = OrganizationFactory(name="United Nations Office on Drugs and Crime", acronym="UNODC")
    french = ResourceFactory(title="Rapport mondial sur la traite", languages=["fr"])
    draft_edition = ResourceFactory(title="Informe mundial (borrador)", status=Status.DRAFT)
    item = ResourceFactory(
        title='Global Report <on> Trafficking & "Smuggling"',
        summary="Patterns\x0c and flows\x1f of trafficking.",
        authors="Fabrizio Sarrica\nKristiina Kangaspunta",
        objectives=["10", "7"],
        principles=["human-rights"],
        keywords=[Keyword.objects.create(name="forced labour", slug="forced-labour")],
        publishers=[unodc],
        languages=["en", "fr"],
        countries=["NGA", "THA"],
        regions=["africa"],
        scope=Scope.REGIONAL,
        publication_year=2021,
        publication_month=2,
        publication_day=2,
        url="https://www.unodc.org/report?a=1&b=2",
        file="resources/2021/global-report.pdf",
    )
    item.language_editions.add(french, draft_edition)
    return item


def test_oai_dc_describes_the_item(harvester, rich_item):
    record = harvester().get_record(identifier=identifier(rich_item))
    dc = record.metadata
    assert dc["title"] == ['Global Report <on> Trafficking & "Smuggling"']
    assert dc["creator"] == ["Fabrizio Sarrica", "Kristiina Kangaspunta"]
    assert dc["description"] == ["Patterns and flows of trafficking."]
    assert dc["publisher"] == ["United Nations Office on Drugs and Crime"]
    assert dc["date"] == ["2021-02-02"]
    assert (
        "GCM objective 10: Prevent, combat and eradicate trafficking in persons in the context "
        "of international migration"
    ) in dc["subject"]
    assert "forced labour" in dc["subject"]
    assert "Human rights" in dc["subject"]
    assert {"Text", "Document", "Report"} <= set(dc["type"])
    assert dc["language"] == ["en", "fr"]
    assert "http://testserver" + rich_item.get_absolute_url() in dc["identifier"]
    assert "https://www.unodc.org/report?a=1&b=2" in dc["identifier"]
    download = reverse("files:download", args=[rich_item.pk])
    assert "http://testserver" + download in dc["identifier"]
    assert len(dc["identifier"]) == 3
    assert {"Nigeria", "Thailand", "Africa"} <= set(dc["coverage"])
    french = Resource.objects.get(title="Rapport mondial sur la traite")
    assert dc["relation"] == ["http://testserver" + french.get_absolute_url()]
    assert record.header.setSpecs == ["objective:7", "objective:10", "kind:document"]


def test_list_metadata_formats(harvester, catalogue):
    scythe = harvester()
    formats = list(scythe.list_metadata_formats())
    assert [f.metadataPrefix for f in formats] == ["oai_dc"]
    assert formats[0].metadataNamespace == "http://www.openarchives.org/OAI/2.0/oai_dc/"
    assert formats[0].schema == "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
    item_formats = list(
        scythe.list_metadata_formats(identifier=identifier(catalogue["published"][0]))
    )
    assert [f.metadataPrefix for f in item_formats] == ["oai_dc"]
    deleted_formats = list(
        scythe.list_metadata_formats(identifier=identifier(catalogue["archived"]))
    )
    assert [f.metadataPrefix for f in deleted_formats] == ["oai_dc"]
    with pytest.raises(IdDoesNotExist):
        list(scythe.list_metadata_formats(identifier="oai:objective10-hub:resource/missing"))


# --- Errors ---------------------------------------------------------------------------------


@pytest.fixture
def few(db):
    """Four published items (two pages at three per page) and a draft."""
    return {
        "published": [ResourceFactory() for _ in range(4)],
        "never_published": [ResourceFactory(status=Status.DRAFT)],
    }


@pytest.fixture
def token(client, few, settings):
    """Return a real resumption token from the first page of ListIdentifiers."""
    settings.HUB_OAI_PAGE_SIZE = PAGE_SIZE
    root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    return root.findtext(".//o:resumptionToken", namespaces=NS)


def tampered(token: str) -> str:
    middle = len(token) // 2
    return token[:middle] + ("A" if token[middle] != "A" else "B") + token[middle + 1 :]


ERROR_CASES = [
    ({}, "badVerb"),
    ({"verb": "Harvest"}, "badVerb"),
    ({"verb": ""}, "badVerb"),
    ({"verb": ["Identify", "Identify"]}, "badVerb"),
    ({"verb": "identify"}, "badVerb"),
    ({"verb": "Identify", "set": "kind"}, "badArgument"),
    ({"verb": "ListRecords"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": ["oai_dc", "oai_dc"]}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "colour": "blue"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": ""}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "yesterday"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-02-30"}, "badArgument"),
    (
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-01-01T10:00:00"},
        "badArgument",
    ),
    (
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-01-01T10:00:00+01:00"},
        "badArgument",
    ),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "٢٠٢٤-01-01"}, "badArgument"),
    (
        {
            "verb": "ListRecords",
            "metadataPrefix": "oai_dc",
            "from": "2024-01-01",
            "until": "2024-02-01T00:00:00Z",
        },
        "badArgument",
    ),
    (
        {
            "verb": "ListRecords",
            "metadataPrefix": "oai_dc",
            "from": "2024-02-01",
            "until": "2024-01-01",
        },
        "badArgument",
    ),
    (
        {
            "verb": "ListIdentifiers",
            "metadataPrefix": "oai_dc",
            "from": "2024-01-01T00:00:01Z",
            "until": "2024-01-01T00:00:00Z",
        },
        "badArgument",
    ),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "x"}, "badArgument"),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc"}, "badArgument"),
    ({"verb": "GetRecord", "identifier": "oai:objective10-hub:resource/x"}, "badArgument"),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "a\x00b"}, "badArgument"),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "a\x0cb"}, "badArgument"),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "x" * 5000}, "badArgument"),
    ({"verb": "ListMetadataFormats", "metadataPrefix": "oai_dc"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
    ({"verb": "ListIdentifiers", "metadataPrefix": "OAI_DC"}, "cannotDisseminateFormat"),
    (
        {"verb": "GetRecord", "metadataPrefix": "marc21", "identifier": "{published}"},
        "cannotDisseminateFormat",
    ),
    (
        {
            "verb": "GetRecord",
            "metadataPrefix": "oai_dc",
            "identifier": "oai:objective10-hub:resource/missing",
        },
        "idDoesNotExist",
    ),
    (
        {
            "verb": "GetRecord",
            "metadataPrefix": "oai_dc",
            "identifier": "oai:another-hub:resource/{slug}",
        },
        "idDoesNotExist",
    ),
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "{draft}"}, "idDoesNotExist"),
    (
        {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "<script>&amp;"},
        "idDoesNotExist",
    ),
    ({"verb": "ListMetadataFormats", "identifier": "{draft}"}, "idDoesNotExist"),
    ({"verb": "ListRecords", "resumptionToken": "not-a-token"}, "badResumptionToken"),
    ({"verb": "ListRecords", "resumptionToken": "{tampered}"}, "badResumptionToken"),
    ({"verb": "ListRecords", "resumptionToken": "{token}"}, "badResumptionToken"),
    ({"verb": "ListIdentifiers", "resumptionToken": "{truncated}"}, "badResumptionToken"),
    ({"verb": "ListSets", "resumptionToken": "anything"}, "badResumptionToken"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "objective:99"}, "noRecordsMatch"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2999-01-01"}, "noRecordsMatch"),
]


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(
    ("params", "code"),
    ERROR_CASES,
    ids=[f"{n:02d}-{code}" for n, (_, code) in enumerate(ERROR_CASES)],
)
def test_malformed_requests_get_the_protocols_error_codes(client, few, token, params, code, method):
    placeholders = {
        "{published}": identifier(few["published"][0]),
        "{slug}": few["published"][0].slug,
        "{draft}": identifier(few["never_published"][0]),
        "{tampered}": tampered(token),
        "{truncated}": token[:-4],
        "{token}": token,  # issued for ListIdentifiers, used with ListRecords
    }

    def fill(value):
        if isinstance(value, list):
            return [fill(part) for part in value]
        for placeholder, replacement in placeholders.items():
            value = value.replace(placeholder, replacement)
        return value

    root = oai(client, method=method, **{name: fill(value) for name, value in params.items()})
    assert error_code(root) == code
    request = root.find("o:request", namespaces=NS)
    if code in {"badVerb", "badArgument"}:
        assert dict(request.attrib) == {}
    else:
        assert request.get("verb") == params["verb"]
    assert root.find("o:error", namespaces=NS).text


def test_the_next_page_follows_a_real_token(client, token):
    root = oai(client, verb="ListIdentifiers", resumptionToken=token)
    assert error_code(root) is None
    assert root.find(".//o:resumptionToken", namespaces=NS).get("cursor") == "3"


def test_a_harvester_sees_errors_as_exceptions(harvester, token):
    scythe = harvester()
    with pytest.raises(BadResumptionToken):
        list(scythe.list_records(resumption_token=tampered(token)))
    with pytest.raises(CannotDisseminateFormat):
        list(scythe.list_records(metadata_prefix="mods"))
    with pytest.raises(BadArgument):
        list(scythe.list_records(from_="2024-02-01", until="2024-01-01"))
    with pytest.raises(IdDoesNotExist):
        scythe.get_record(identifier="oai:objective10-hub:resource/nothing-here")


def test_other_http_methods_are_refused_without_a_server_error(client, db):
    assert client.put("/oai?verb=Identify").status_code == 405
    assert client.head("/oai?verb=Identify").status_code == 200


# --- Escaping, well-formedness and cost -----------------------------------------------------


def test_hostile_text_stays_well_formed(client, db):
    ResourceFactory(
        title="Bad \x01 bytes ]]> <![CDATA[ & </dc:title>",
        summary="\ud7ff\ufffe\uffff end",
        authors="O'Brien & <Sons>",
    )
    root = oai(client, verb="ListRecords", metadataPrefix="oai_dc")
    titles = root.xpath("//dc:title/text()", namespaces=NS)
    assert titles == ["Bad  bytes ]]> <![CDATA[ & </dc:title>"]
    assert root.xpath("//dc:creator/text()", namespaces=NS) == ["O'Brien & <Sons>"]


def test_list_records_costs_the_same_queries_for_few_or_many_items(client, settings, db):
    settings.HUB_OAI_PAGE_SIZE = 100
    settings.HUB_RATE_LIMITS = {**settings.HUB_RATE_LIMITS, "oai": None}  # counts apart

    def cost() -> int:
        with CaptureQueriesContext(connection) as queries:
            root = oai(client, verb="ListRecords", metadataPrefix="oai_dc")
        assert error_code(root) is None
        return len(queries)

    def add(count: int) -> None:
        for _ in range(count):
            ResourceFactory(
                objectives=["10", "7"],
                countries=["NGA"],
                regions=["africa"],
                languages=["en"],
                principles=["human-rights"],
                publishers=[OrganizationFactory()],
            )

    add(2)
    few = cost()
    add(20)
    assert cost() == few


def test_a_harvester_over_its_rate_is_asked_to_wait_with_503_and_others_go_on(client, settings, db):
    caches["limits"].clear()
    settings.HUB_RATE_LIMITS = {**settings.HUB_RATE_LIMITS, "oai": "3/h"}
    url = reverse("opendata:oai")
    assert client.get(url, {"verb": "Identify"}).status_code == 200
    assert client.post(url, {"verb": "Identify"}).status_code == 200  # POST counts too
    assert client.head(url, {"verb": "Identify"}).status_code == 200
    for method in ("get", "post"):
        paused = getattr(client, method)(url, {"verb": "ListSets"})
        assert paused.status_code == 503  # OAI-PMH's own flow control, which harvesters retry
        assert 0 < int(paused["Retry-After"]) <= 3600
        assert "too many requests" in paused.content.decode()
    other = client.get(url, {"verb": "Identify"}, REMOTE_ADDR="198.51.100.7")
    assert error_code(check_document(other)) is None


# --- Identifiers that last ------------------------------------------------------------------


def test_an_items_identifier_survives_a_rename_and_its_old_identifiers_still_answer(harvester, db):
    item = ResourceFactory(title="Guidance on recruitment fees")
    held = f"oai:objective10-hub:resource/{item.slug}"  # the form harvesters hold from before
    scythe = harvester()
    before = scythe.get_record(identifier=identifier(item)).header.identifier

    resource_slug_change(resource=item, slug="recruitment-fees-guidance")
    resource_slug_change(resource=item, slug="fair-recruitment-fees")

    assert before == identifier(item) == f"oai:objective10-hub:item/{item.pk}"
    assert [header.identifier for header in scythe.list_identifiers()] == [before]
    for old in (held, "oai:objective10-hub:resource/recruitment-fees-guidance"):
        record = scythe.get_record(identifier=old)
        assert record.header.identifier == before
        assert "http://testserver/resources/fair-recruitment-fees/" in record.metadata["identifier"]
    assert scythe.get_record(identifier="oai:objective10-hub:resource/fair-recruitment-fees")
    with pytest.raises(IdDoesNotExist):
        scythe.get_record(identifier=f"oai:objective10-hub:item/{item.pk + 1000}")
    with pytest.raises(IdDoesNotExist):
        scythe.get_record(identifier=f"oai:objective10-hub:item/{item.slug}")


def stamped(*items: Resource) -> None:
    """Date every item's last change in 2024, as if nothing had changed since."""
    Resource.objects.filter(pk__in=[item.pk for item in items]).update(
        updated_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    )


def changed_since(scythe, moment: datetime.datetime) -> list[str]:
    since = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        return [record.header.identifier for record in scythe.list_records(from_=since)]
    except NoRecordsMatch:
        return []


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            lambda item, other: item.countries.set(Country.objects.filter(iso3="THA")), id="tag"
        ),
        pytest.param(
            lambda item, other: item.keywords.add(
                Keyword.objects.create(name="Scams", slug="scams")
            ),
            id="keyword",
        ),
        pytest.param(
            lambda item, other: item.publishers.add(OrganizationFactory(name="IOM")), id="publisher"
        ),
        pytest.param(
            lambda item, other: item.objectives.remove(*item.objectives.all()), id="untag"
        ),
    ],
)
def test_an_incremental_harvest_sees_a_change_to_an_items_tags_alone(harvester, db, change):
    item, other = ResourceFactory(countries=["NGA"]), ResourceFactory()
    stamped(item, other)
    scythe = harvester()
    moment = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    assert changed_since(scythe, moment) == []

    change(item, other)

    assert changed_since(scythe, moment) == [identifier(item)]


def test_linking_language_editions_moves_both_datestamps_and_a_rename_the_others(harvester, db):
    item, other, unrelated = ResourceFactory(), ResourceFactory(), ResourceFactory()
    stamped(item, other, unrelated)
    scythe = harvester()
    moment = datetime.datetime.now(datetime.UTC).replace(microsecond=0)

    item.language_editions.add(other)
    assert sorted(changed_since(scythe, moment)) == sorted([identifier(item), identifier(other)])

    stamped(item, other, unrelated)
    resource_slug_change(resource=item, slug="renamed-edition")
    assert sorted(changed_since(scythe, moment)) == sorted([identifier(item), identifier(other)])
    record = scythe.get_record(identifier=identifier(other))
    assert "http://testserver/resources/renamed-edition/" in record.metadata["relation"]


def test_a_draft_retagged_keeps_its_datestamp_and_the_version(db):
    draft = ResourceFactory(status=Status.DRAFT)
    stamped(draft)
    before = catalogue_state()
    draft.countries.set(Country.objects.filter(iso3="THA"))
    draft.refresh_from_db()
    assert draft.updated_at == datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    assert catalogue_state() == before


def test_a_new_label_of_a_term_moves_the_datestamps_of_the_items_naming_it(harvester, db):
    thai, nigerian = ResourceFactory(countries=["THA"]), ResourceFactory(countries=["NGA"])
    keyword = Keyword.objects.create(name="Scams", slug="scams")
    tagged = ResourceFactory(keywords=[keyword])
    draft = ResourceFactory(status=Status.DRAFT, countries=["THA"])
    stamped(thai, nigerian, tagged, draft)
    scythe = harvester()
    moment = datetime.datetime.now(datetime.UTC).replace(microsecond=0)

    Country.objects.filter(iso3="NGA").update(sub_region="Western Africa, again")
    assert changed_since(scythe, moment) == []

    Country.objects.filter(iso3="THA").update(name="Kingdom of Thailand")
    assert changed_since(scythe, moment) == [identifier(thai)]
    record = scythe.get_record(identifier=identifier(thai))
    assert "Kingdom of Thailand" in record.metadata["coverage"]

    keyword.name = "Online scams"
    keyword.save()
    assert sorted(changed_since(scythe, moment)) == sorted([identifier(thai), identifier(tagged)])
    draft.refresh_from_db()
    assert draft.updated_at == datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
