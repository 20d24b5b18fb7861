"""Drive a real Chromium through Playwright against pytest-django's live server.

The browser is launched once for the browser tests (``browser`` is package-scoped, and every
browser test lives in this package, so that is one launch per test process that runs them)
and closed as soon as they are done: Playwright's sync API leaves its asyncio loop marked
as running in the main thread, which makes Django's per-thread database connections switch
to a separate context-local set and makes ``asyncio.run`` or ``async_to_sync`` fail, so no
other test should run while it is open. Each test gets a fresh browser context (no shared
cookies).

Keeping the taxonomy present. The live server answers from another thread, so the tests
need committed data: they use ``transactional_db``, and each such test ends by flushing
every table, including the taxonomy that the data migration loaded. The usual remedy,
``serialized_rollback``, silently does nothing here: Django keeps the serialized copy on
the connection it created the test database with, and for the reason above the tests see
another connection object, without that copy. Instead the suite's conftest.py puts the
migrated data back after every transactional test (``restore_migrated_data``).
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@pytest.fixture(scope="package")
def browser():
    """Launch the system Chromium; skip without it, except in CI where it must exist."""
    if not CHROMIUM.exists():
        reason = f"no Chromium at {CHROMIUM} (install it: apt-get install -y chromium)"
        if in_ci():
            pytest.fail(f"CI=true but {reason}", pytrace=False)
        pytest.skip(reason)
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
        # Close the connections opened while Playwright's loop ran (see the module
        # docstring), so that PostgreSQL can drop the test database at the end.
        connections.close_all()


def _new_page(browser, live_server, viewport):
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.hub_origin = live_server.url
    # Every request the page makes, to check that it loads no third-party asset.
    page.requested_urls = []
    page.on("request", lambda request: page.requested_urls.append(request.url))
    return context, page


@pytest.fixture
def page(browser, live_server, catalogue):
    context, page = _new_page(browser, live_server, DESKTOP)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server, catalogue):
    context, page = _new_page(browser, live_server, PHONE)
    yield page
    context.close()


@pytest.fixture(params=[pytest.param(DESKTOP, id="1280px"), pytest.param(PHONE, id="375px")])
def any_width_page(request, browser, live_server, catalogue):
    """A page at desktop width, then at phone width: the checks must hold at both."""
    context, page = _new_page(browser, live_server, request.param)
    yield page
    context.close()


# --- Data -------------------------------------------------------------------------------


@pytest.fixture
def catalogue(transactional_db):
    """Publish a small, realistic catalogue; return the main items by a short name."""
    return build_catalogue()


def build_catalogue() -> dict:
    """Create items of every kind, with enough tags to fold a facet and paginate the browse."""
    import datetime

    from resources.models import Kind, Resource, Scope, Status
    from taxonomy.models import (
        Country,
        DocumentType,
        GuidingPrinciple,
        Keyword,
        Language,
        Objective,
        ObjectiveAction,
        Organization,
        Region,
    )

    def organization(name, acronym, *, un):
        slug = acronym.lower().replace(".", "")
        return Organization.objects.get_or_create(
            slug=slug, defaults={"name": name, "acronym": acronym, "is_un_entity": un}
        )[0]

    unodc = organization("United Nations Office on Drugs and Crime", "UNODC", un=True)
    ohchr = organization(
        "Office of the United Nations High Commissioner for Human Rights", "OHCHR", un=True
    )
    iom = organization("International Organization for Migration", "IOM", un=True)
    osce = organization("Organization for Security and Co-operation in Europe", "OSCE", un=False)
    naptip = organization(
        "National Agency for the Prohibition of Trafficking in Persons", "NAPTIP", un=False
    )
    keywords = {
        name: Keyword.objects.get_or_create(slug=name.replace(" ", "-"), defaults={"name": name})[0]
        for name in (
            "forced labour",
            "child trafficking",
            "online recruitment",
            "forced criminality",
        )
    }

    def make(
        title,
        *,
        slug=None,
        kind=Kind.DOCUMENT,
        type_="report",
        objectives=("10",),
        principles=(),
        scope=Scope.GLOBAL,
        regions=(),
        countries=(),
        languages=("en",),
        publishers=(),
        actions=(),
        keyword_names=(),
        status=Status.PUBLISHED,
        **fields,
    ):
        resource = Resource.objects.create(
            title=title,
            slug=slug or "",
            kind=kind,
            status=status,
            scope=scope,
            document_type=DocumentType.objects.get(slug=type_) if type_ else None,
            primary_objective=Objective.objects.get(code=objectives[0]),
            summary=fields.pop(
                "summary",
                (
                    f"{title}. An examination of trafficking in persons in the context of "
                    "international migration: patterns, flows, victim identification, "
                    "protection and prosecution, with recommendations for States."
                ),
            ),
            publication_year=fields.pop("year", 2024),
            **fields,
        )
        resource.objectives.set(Objective.objects.filter(code__in=objectives))
        resource.principles.set(GuidingPrinciple.objects.filter(slug__in=principles))
        resource.regions.set(Region.objects.filter(slug__in=regions))
        resource.countries.set(Country.objects.filter(iso3__in=countries))
        resource.languages.set(Language.objects.filter(code__in=languages))
        resource.publishers.set(publishers)
        resource.actions.set(
            ObjectiveAction.objects.filter(objective__code="10", letter__in=actions)
        )
        resource.keywords.set([keywords[name] for name in keyword_names])
        return resource

    items = {}
    items["report"] = make(
        "Global Report on Trafficking in Persons 2020",
        slug="global-report-2020",
        objectives=("10", "1", "7"),
        year=2021,
        publication_month=2,
        publication_day=2,
        principles=("human-rights", "gender-responsive", "child-sensitive"),
        languages=("en", "fr", "es"),
        publishers=[unodc],
        actions=("a", "b", "c"),
        keyword_names=("forced labour", "child trafficking"),
        authors="Fabrizio Sarrica\nKristiina Kangaspunta",
        url="https://www.unodc.org/",
    )
    items["report_fr"] = make(
        "Rapport mondial sur la traite des personnes 2020",
        slug="rapport-mondial-2020",
        year=2021,
        languages=("fr",),
        publishers=[unodc],
    )
    items["report"].language_editions.add(items["report_fr"])
    items["guidelines"] = make(
        "Recommended Principles and Guidelines on Human Rights and Human Trafficking",
        type_="guidelines-toolkits-manuals",
        year=2002,
        publishers=[ohchr],
        principles=("human-rights", "rule-of-law-and-due-process"),
        actions=("f",),
        url="https://www.ohchr.org/",
    )
    asia = ("THA", "PHL", "KHM", "MMR", "LAO", "VNM", "IDN", "MYS", "SGP", "BRN", "TLS", "CHN")
    items["asia"] = make(
        "Trafficking in persons along South-East Asian migration routes",
        type_="analysis",
        objectives=("10", "7"),
        scope=Scope.REGIONAL,
        regions=("asia",),
        countries=asia,
        publishers=[iom],
        year=2025,
        publication_month=7,
        actions=("d", "e"),
        keyword_names=("online recruitment", "forced criminality"),
    )
    items["practice"] = make(
        "Reintegration of returned survivors of trafficking in Nigeria",
        kind=Kind.PRACTICE,
        type_="other",
        scope=Scope.NATIONAL,
        regions=("africa",),
        countries=("NGA",),
        publishers=[naptip, iom],
        principles=("people-centred", "whole-of-society-approach"),
        implemented_by="NAPTIP and IOM Nigeria",
        practice_type="Protection and reintegration",
        takeaway="Survivors chose their own reintegration plans; case workers followed up.",
        sdgs="5, 8, 16",
        period_start=datetime.date(2019, 1, 1),
        period_end=datetime.date(2022, 12, 31),
        year=2023,
    )
    items["project"] = make(
        "GLO.ACT: Global Action against Trafficking in Persons and the Smuggling of Migrants",
        kind=Kind.PROJECT,
        type_="other",
        countries=("NGA", "EGY", "COL", "PAK", "MAR"),
        regions=("africa", "americas", "asia"),
        publishers=[unodc, iom],
        implementers="UNODC, IOM, UNICEF",
        funding="European Union",
        period_start=datetime.date(2015, 6, 1),
        period_end=datetime.date(2023, 6, 30),
        year=2015,
    )
    items["video"] = make(
        "E4J: Trafficking in persons and smuggling of migrants",
        kind=Kind.VIDEO,
        type_="e-learning-course",
        publishers=[unodc],
        duration=datetime.timedelta(minutes=4),
        url="https://www.unodc.org/e4j/",
        year=2019,
    )
    items["event"] = make(
        "Hearing on trafficking in persons in the context of international migration",
        kind=Kind.EVENT,
        type_="other",
        publishers=[osce],
        year=2025,
        is_online=True,
        location="Vienna",
        starts_at=datetime.datetime(2025, 3, 4, 9, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2025, 3, 4, 17, tzinfo=datetime.UTC),
    )
    make(
        "A submission still in review about trafficking in Asia",
        regions=("asia",),
        status=Status.IN_REVIEW,
    )
    # Enough national briefs to need a second page of results.
    for country in Country.objects.order_by("iso3")[:20]:
        make(
            f"Country brief on trafficking in persons: {country.name}",
            type_="policy-brief",
            scope=Scope.NATIONAL,
            regions=(country.region.slug,),
            countries=(country.iso3,),
            publishers=[iom],
            year=2020 + country.pk % 5,
        )
    return items
