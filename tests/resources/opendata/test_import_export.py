"""Check import_resources and export_resources: labels, report, dry run, idempotency, backup."""

import csv
import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from resources.models import Kind, Resource, Scope, Status
from resources.opendata.importer import import_source_open, normalized_url, resources_import
from resources.opendata.records import COLUMNS
from taxonomy.models import Keyword, Objective, Organization
from tests.factories import OrganizationFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command(*args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def run_failing(*args: str) -> tuple[str, str, CommandError]:
    stdout, stderr = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command(*args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue(), raised.value


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def export_csv(client, path: Path, query: str = "") -> Path:
    response = client.get(f"/resources/export.csv{query}")
    path.write_bytes(b"".join(response.streaming_content))
    return path


def backup(path: Path) -> str:
    run("export_resources", "--output", str(path))
    return path.read_text(encoding="utf-8")


def snapshot(resource: Resource) -> dict:
    """Describe an item by everything a person can see of it."""
    return {
        "kind": resource.kind,
        "title": resource.title,
        "summary": resource.summary,
        "url": resource.url,
        "year": resource.publication_year,
        "month": resource.publication_month,
        "day": resource.publication_day,
        "authors": resource.author_list,
        "scope": resource.scope,
        "status": resource.status,
        "document_type": resource.document_type_id,
        "primary": resource.primary_objective_id,
        "objectives": sorted(o.code for o in resource.objectives.all()),
        "countries": sorted(c.iso3 for c in resource.countries.all()),
        "regions": sorted(r.slug for r in resource.regions.all()),
        "principles": sorted(p.slug for p in resource.principles.all()),
        "languages": sorted(lang.code for lang in resource.languages.all()),
        "actions": sorted(a.letter for a in resource.actions.all()),
        "publishers": sorted(o.slug for o in resource.publishers.all()),
        "keywords": sorted(k.name for k in resource.keywords.all()),
        "editions": sorted(e.slug for e in resource.language_editions.all()),
        "kind_fields": (
            resource.implemented_by,
            resource.practice_type,
            resource.takeaway,
            resource.sdgs,
            resource.period_start,
            resource.period_end,
            resource.implementers,
            resource.funding,
            resource.starts_at,
            resource.ends_at,
            resource.location,
            resource.is_online,
            resource.duration,
            resource.embed_url,
        ),
        "published_at": resource.published_at,
    }


@pytest.fixture
def catalogue():
    """Build a small catalogue with every kind, every kind-specific field and editions."""
    iom = OrganizationFactory(
        name="International Organization for Migration",
        slug="iom",
        acronym="IOM",
        is_un_entity=True,
        website="https://www.iom.int",
    )
    ngo = OrganizationFactory(name="La Strada International", slug="la-strada")
    forced = Keyword.objects.create(name="forced criminality", slug="forced-criminality")
    online = Keyword.objects.create(name="online recruitment", slug="online-recruitment")
    items = {
        "report": ResourceFactory(
            slug="report-en",
            title="Report on trafficking — Côte d’Ivoire",
            summary="=SUM(A1) looks like a formula;\nand has two lines.",
            url="https://www.example.org/report/",
            authors="Ana Pérez\nJohn Smith",
            publication_year=2023,
            publication_month=5,
            publication_day=17,
            objectives=["10", "7"],
            countries=["CIV", "BHS"],
            regions=["africa", "americas"],
            principles=["human-rights", "gender-responsive"],
            languages=["en"],
            actions=["a", "j"],
            publishers=[iom, ngo],
            keywords=[forced, online],
        ),
        "report-fr": ResourceFactory(slug="report-fr", title="Rapport", languages=["fr"]),
        "practice": ResourceFactory(
            slug="practice",
            kind=Kind.PRACTICE,
            scope=Scope.NATIONAL,
            title="A practice",
            implemented_by="IOM Nigeria",
            practice_type="Awareness raising",
            takeaway="-Works well.",
            sdgs="5, 8, 16",
            period_start=datetime.date(2020, 1, 1),
            period_end=datetime.date(2022, 12, 31),
            countries=["NGA"],
            publishers=[iom],
        ),
        "event": ResourceFactory(
            slug="event",
            kind=Kind.EVENT,
            title="A webinar",
            document_type=None,
            starts_at=datetime.datetime(2024, 3, 1, 9, 30, tzinfo=datetime.UTC),
            ends_at=datetime.datetime(2024, 3, 1, 11, 0, tzinfo=datetime.UTC),
            location="Online",
            is_online=True,
            objectives=["general"],
        ),
        "project": ResourceFactory(
            slug="project",
            kind=Kind.PROJECT,
            title="GLO.ACT",
            implementers="UNODC, IOM",
            funding="European Union",
            period_start=datetime.date(2015, 1, 1),
            scope=Scope.REGIONAL,
            regions=["asia"],
        ),
        "video": ResourceFactory(
            slug="video",
            kind=Kind.VIDEO,
            title="E4J video",
            summary="  Text as a web form stores it,\r\nspaces included.  ",
            authors="Ana Pérez\r\nJohn Smith\r\n",
            duration=datetime.timedelta(minutes=12, seconds=5),
            embed_url="https://video.example.org/embed/1",
            languages=["es"],
        ),
        "draft": ResourceFactory(
            slug="draft-item",
            title="Not yet",
            status=Status.DRAFT,
            objectives=[],
            proposed_publishers="Anti-Trafficking Observatory\nNew Collective",
        ),
        "archived": ResourceFactory(slug="archived", title="Old", status=Status.ARCHIVED),
    }
    # Stored data is not always tidy: a backup must restore it as it is.
    Resource.objects.filter(slug="archived").update(
        primary_objective=Objective.objects.get(code="9")
    )
    items["report"].language_editions.set([items["report-fr"], items["draft"]])
    return items


# CSV ----------------------------------------------------------------------------------


def test_csv_export_reimported_into_an_empty_catalogue_reproduces_the_items(
    client, catalogue, tmp_path
):
    path = export_csv(client, tmp_path / "export.csv")
    published = Resource.objects.published().prefetch_related("language_editions")
    before = {resource.slug: snapshot(resource) for resource in published}
    Resource.objects.all().delete()
    Organization.objects.all().delete()
    Keyword.objects.all().delete()

    stdout, stderr = run("import_resources", str(path))

    assert "6 rows read: 6 created, 0 updated, 0 unchanged, 0 failed." in stdout
    after = {
        resource.slug: snapshot(resource)
        for resource in Resource.objects.prefetch_related("language_editions")
    }
    # The draft edition was never public, so the public file cannot link to it.
    before["report-en"]["editions"] = ["report-fr"]
    assert after == before
    iom = Organization.objects.get(slug="iom")
    assert iom.name == "International Organization for Migration"
    assert iom.is_un_entity is True
    assert Organization.objects.get(slug="la-strada").is_un_entity is False


def test_csv_export_reimported_over_itself_changes_nothing(client, catalogue, tmp_path):
    path = export_csv(client, tmp_path / "export.csv")
    stamps = dict(Resource.objects.values_list("slug", "updated_at"))
    editions = sorted(catalogue["report"].language_editions.values_list("slug", flat=True))

    stdout, _ = run("import_resources", str(path))

    assert "6 rows read: 0 created, 0 updated, 6 unchanged, 0 failed." in stdout
    assert dict(Resource.objects.values_list("slug", "updated_at")) == stamps
    # The link to the unpublished edition, which the public file cannot show, is kept.
    assert sorted(catalogue["report"].language_editions.values_list("slug", flat=True)) == (
        editions
    )
    assert Resource.objects.get(slug="draft-item").status == Status.DRAFT


def test_hub_labels_are_mapped_to_codes(tmp_path):
    path = write_csv(
        tmp_path / "labels.csv",
        [
            "title",
            "summary",
            "publication_year",
            "objectives",
            "primary_objective",
            "principles",
            "document_type",
            "country_names",
            "region_names",
            "language_names",
            "actions",
            "kind",
            "scope",
            "publisher_names",
            "keywords",
        ],
        [
            [
                "Labels",
                "Uses the Hub's words.",
                "2021",
                "10 - Eradicate trafficking; 7 - Reduce vulnerabilities; General",
                "10 – Eradicate trafficking",
                "Human rights; Child-sensitive; Global geographic scope",
                "Policy Brief",
                "Bahamas, The; Korea, Dem. People’s Rep.; korea, dem. people's rep.; "
                "Egypt, Arab Rep.; Côte d'Ivoire; Nigeria",
                "Africa; Americas",
                "English; Français; Spanish",
                "(a); b",
                "Training and guidance",
                "",
                "International Organization for Migration; New Network",
                "Child trafficking; Forced labour",
            ]
        ],
    )
    OrganizationFactory(name="International Organization for Migration", slug="iom", acronym="IOM")

    stdout, stderr = run("import_resources", str(path))

    assert "1 created" in stdout, stderr
    resource = Resource.objects.get(title="Labels")
    item = snapshot(resource)
    assert item["objectives"] == ["10", "7", "general"]
    assert resource.primary_objective.code == "10"
    assert item["principles"] == ["child-sensitive", "human-rights"]
    assert resource.scope == Scope.GLOBAL
    assert resource.document_type.slug == "policy-brief"
    assert item["countries"] == ["BHS", "CIV", "EGY", "NGA", "PRK"]
    assert item["regions"] == ["africa", "americas"]
    assert item["languages"] == ["en", "es", "fr"]
    assert item["actions"] == ["a", "b"]
    assert resource.kind == Kind.TRAINING
    assert resource.status == Status.PUBLISHED
    assert item["publishers"] == ["iom", "new-network"]
    assert item["keywords"] == ["Child trafficking", "Forced labour"]
    assert Keyword.objects.get(name="Forced labour").slug == "forced-labour"


def test_dry_run_writes_nothing(client, catalogue, tmp_path):
    path = export_csv(client, tmp_path / "export.csv")
    Resource.objects.all().delete()
    organizations = Organization.objects.count()
    keywords = Keyword.objects.count()

    stdout, _ = run("import_resources", str(path), "--dry-run")

    assert "6 created" in stdout
    assert "Dry run: nothing was written." in stdout
    assert Resource.objects.count() == 0
    assert Organization.objects.count() == organizations
    assert Keyword.objects.count() == keywords


def test_dry_run_of_new_publishers_writes_nothing(tmp_path):
    path = write_csv(
        tmp_path / "new.csv",
        ["title", "summary", "publication_year", "objectives", "publishers", "keywords"],
        [["New", "Summary", "2020", "10", "brand-new-org", "brand new theme"]],
    )
    run("import_resources", str(path), "--dry-run")
    assert not Organization.objects.filter(slug="brand-new-org").exists()
    assert not Keyword.objects.filter(name="brand new theme").exists()


def test_row_errors_are_reported_with_row_numbers_and_valid_rows_still_imported(tmp_path):
    header = ["title", "summary", "publication_year", "objectives", "countries"]
    path = write_csv(
        tmp_path / "mixed.csv",
        header,
        [
            ["Good one", "Fine.", "2020", "10", "NGA; Bahamas, The"],
            ["Atlantis study", "Bad country.", "2020", "10", "Atlantis"],
            ["Bad year", "Year is wrong.", "20x1", "10", "GHA"],
            ["", "No title here.", "2020", "10", "GHA"],
            ["Future", "From the future.", "2999", "10", ""],
            ["Good two", "Fine too.", "2019", "9 - Counter smuggling", ""],
        ],
    )

    stdout, stderr, error = run_failing("import_resources", str(path))

    assert "6 rows read: 2 created, 0 updated, 0 unchanged, 4 failed." in stdout
    assert "4 of 6 rows could not be imported" in str(error)
    assert "Row 3, countries: Unknown country “Atlantis”." in stderr
    assert "Row 4, publication_year: “20x1” is not a year" in stderr
    assert "Row 5, title: Give a title." in stderr
    assert "Row 6, publication_year: The year of publication cannot be in the future." in (stderr)
    assert sorted(Resource.objects.values_list("title", flat=True)) == ["Good one", "Good two"]
    assert sorted(
        Resource.objects.get(title="Good one").countries.values_list("iso3", flat=True)
    ) == ["BHS", "NGA"]


def test_all_or_nothing_writes_nothing_when_a_row_fails(tmp_path):
    path = write_csv(
        tmp_path / "mixed.csv",
        ["title", "summary", "publication_year"],
        [
            ["Good", "Fine.", "2020"],
            ["Bad", "Fine.", "nineteen"],
        ],
    )
    stdout, _, _ = run_failing("import_resources", str(path), "--all-or-nothing")
    assert "Nothing was written" in stdout
    assert not Resource.objects.exists()


def test_rows_must_not_repeat_an_item(tmp_path):
    path = write_csv(
        tmp_path / "twice.csv",
        ["slug", "title", "summary", "publication_year", "objectives"],
        [
            ["same", "First", "One.", "2020", "10"],
            ["same", "Second", "Two.", "2020", "10"],
        ],
    )
    _, stderr, _ = run_failing("import_resources", str(path))
    assert "Row 3, slug: This is the same item as row 2" in stderr
    assert Resource.objects.get(slug="same").title == "First"


def test_items_are_matched_on_slug_then_on_normalized_link(tmp_path):
    existing = ResourceFactory(
        slug="kept-slug", title="Old title", url="https://www.example.org/doc/"
    )
    path = write_csv(
        tmp_path / "link.csv",
        ["title", "summary", "url", "publication_year", "objectives"],
        [
            [
                "New title",
                "Same link, written differently.",
                "http://EXAMPLE.org/doc",
                "2022",
                "10",
            ],
        ],
    )
    stdout, _ = run("import_resources", str(path))
    assert "1 updated" in stdout
    existing.refresh_from_db()
    assert (existing.slug, existing.title) == ("kept-slug", "New title")
    assert normalized_url("https://www.Example.org/a/?x=1") == normalized_url(
        "http://example.org/a?x=1"
    )


def test_a_link_that_differs_only_by_tracking_parameters_is_the_same_item(tmp_path):
    """The importer and the submission's duplicate check call the same links the same."""
    existing = ResourceFactory(slug="tracked", title="Old title", url="https://example.org/doc")
    path = write_csv(
        tmp_path / "tracked.csv",
        ["title", "summary", "url", "publication_year", "objectives"],
        [
            [
                "New title",
                "Same page, reached from a newsletter.",
                "https://example.org/doc?utm_source=newsletter&utm_medium=email&fbclid=x",
                "2022",
                "10",
            ],
        ],
    )
    stdout, _ = run("import_resources", str(path))
    assert "1 updated" in stdout
    assert Resource.objects.count() == 1
    existing.refresh_from_db()
    assert (existing.slug, existing.title) == ("tracked", "New title")


def test_a_link_with_another_real_query_is_another_item(tmp_path):
    ResourceFactory(slug="page-one", url="https://example.org/doc?page=1")
    path = write_csv(
        tmp_path / "query.csv",
        ["title", "summary", "url", "publication_year", "objectives"],
        [["Page two", "Another page.", "https://example.org/doc?page=2", "2022", "10"]],
    )
    stdout, _ = run("import_resources", str(path))
    assert "1 created" in stdout
    assert Resource.objects.count() == 2


def test_a_link_shared_by_several_items_needs_a_slug(tmp_path):
    ResourceFactory(slug="one", url="https://example.org/shared")
    ResourceFactory(slug="two", url="https://example.org/shared/")
    path = write_csv(
        tmp_path / "shared.csv",
        ["title", "summary", "url", "publication_year", "objectives"],
        [["Which?", "S", "https://example.org/shared", "2020", "10"]],
    )
    _, stderr, _ = run_failing("import_resources", str(path))
    assert "Row 2, url: Several items have this link" in stderr


def test_unknown_language_editions_are_reported_and_left_out(tmp_path):
    path = write_csv(
        tmp_path / "editions.csv",
        [
            "slug",
            "title",
            "summary",
            "publication_year",
            "objectives",
            "language_editions",
        ],
        [
            ["guide-en", "Guide", "S", "2020", "10", "guide-fr; guide-xx"],
            ["guide-fr", "Guide FR", "S", "2020", "10", ""],
        ],
    )
    stdout, stderr = run("import_resources", str(path))
    assert "2 created" in stdout
    assert "Row 2, language_editions: No item “guide-xx”" in stderr
    guide = Resource.objects.get(slug="guide-en")
    assert list(guide.language_editions.values_list("slug", flat=True)) == ["guide-fr"]
    assert list(
        Resource.objects.get(slug="guide-fr").language_editions.values_list("slug", flat=True)
    ) == ["guide-en"]


def test_second_import_creates_and_updates_nothing(tmp_path):
    path = write_csv(
        tmp_path / "new.csv",
        [
            "title",
            "summary",
            "url",
            "publication_year",
            "objectives",
            "countries",
            "publishers",
            "publisher_names",
            "keywords",
            "starts_at",
        ],
        [
            [
                "First",
                "One.",
                "https://example.org/1",
                "2020",
                "10; 7",
                "Bahamas, The",
                "new-org",
                "A New Organization",
                "forced labour",
                "2024-01-01 10:00",
            ],
            ["Second", "Two.", "", "2021", "general", "", "", "", "", ""],
        ],
    )
    stdout, _ = run("import_resources", str(path))
    assert "2 created" in stdout
    stamps = dict(Resource.objects.values_list("slug", "updated_at"))

    stdout, _ = run("import_resources", str(path))

    assert "2 rows read: 0 created, 0 updated, 2 unchanged, 0 failed." in stdout
    assert dict(Resource.objects.values_list("slug", "updated_at")) == stamps
    assert Organization.objects.filter(name="A New Organization").count() == 1


def test_a_changed_row_is_updated_and_only_it(client, catalogue, tmp_path):
    path = export_csv(client, tmp_path / "export.csv")
    text = path.read_text(encoding="utf-8-sig").replace("E4J video", "E4J video (revised)")
    path.write_text(text, encoding="utf-8")
    stamps = dict(Resource.objects.values_list("slug", "updated_at"))

    stdout, _ = run("import_resources", str(path))

    assert "0 created, 1 updated, 5 unchanged" in stdout
    changed = {
        slug
        for slug, stamp in Resource.objects.values_list("slug", "updated_at")
        if stamp != stamps[slug]
    }
    assert changed == {"video"}


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\xff\xfe\x00bad", "not UTF-8"),
        (b"", "no header row"),
        (b"colour,shape\nred,round\n", "neither a “slug” nor a “title” column"),
        (b"title,title\nA,B\n", "more than once"),
    ],
)
def test_unusable_csv_files_are_refused_clearly(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    _, _, error = run_failing("import_resources", str(path))
    assert message in str(error)


def test_missing_file_and_bad_json_are_refused_clearly(tmp_path):
    _, _, error = run_failing("import_resources", str(tmp_path / "nowhere.csv"))
    assert "There is no file" in str(error)
    bad = tmp_path / "bad.json"
    bad.write_text('{"resources": [', encoding="utf-8")
    _, _, error = run_failing("import_resources", str(bad))
    assert "is not valid JSON" in str(error)
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"format": "something-else"}), encoding="utf-8")
    _, _, error = run_failing("import_resources", str(other))
    assert "not a resources backup" in str(error)


def test_json_entries_of_the_wrong_shape_are_reported(tmp_path):
    path = tmp_path / "odd.json"
    path.write_text(
        json.dumps(
            {
                "resources": [
                    "not an object",
                    {
                        "title": ["a", "list"],
                        "summary": "S",
                        "publication_year": 2020,
                        "objectives": [],
                    },
                    {
                        "title": "Fine",
                        "summary": "S",
                        "publication_year": 2020,
                        "objectives": ["10"],
                        "status": "published",
                        "colour": "red",
                    },
                ]
            }
        ),
        encoding="utf-8",
    )
    stdout, stderr, _ = run_failing("import_resources", str(path))
    assert "Entry 1: Each resource must be a JSON object." in stderr
    assert "Entry 2, title: Give a text value here" in stderr
    assert "File, colour: Unknown field; it is ignored." in stderr
    assert "1 created" in stdout


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_shows_on_a_terminal_only_and_not_when_quiet(tmp_path, capsys):
    path = write_csv(
        tmp_path / "many.csv",
        ["title", "summary", "publication_year", "objectives"],
        [[f"Item {number}", "S", "2020", "10"] for number in range(30)],
    )
    call_command(
        "import_resources", str(path), "--dry-run", stdout=io.StringIO(), stderr=Terminal()
    )
    assert "30/30" in capsys.readouterr().err
    call_command(
        "import_resources",
        str(path),
        "--dry-run",
        "--quiet",
        stdout=io.StringIO(),
        stderr=Terminal(),
    )
    call_command(
        "import_resources", str(path), "--dry-run", stdout=io.StringIO(), stderr=io.StringIO()
    )
    assert capsys.readouterr().err == ""


def test_service_reports_without_the_command(tmp_path):
    path = write_csv(
        tmp_path / "one.csv",
        ["title", "summary", "publication_year", "objectives", "language_names"],
        [["One", "S", "2020", "10", "Klingon"]],
    )
    report = resources_import(source=import_source_open(path=path))
    assert (report.created, report.failed) == (0, 1)
    assert [(p.row, p.column) for p in report.errors] == [(2, "language_names")]


# JSON backup --------------------------------------------------------------------------


def test_backup_holds_every_status_and_no_personal_data(catalogue, tmp_path, django_user_model):
    submitter = django_user_model.objects.create_user(
        username="partner-x", email="partner@example.org", password="a-long-test-password"
    )
    Resource.objects.filter(slug="draft-item").update(submitted_by=submitter)
    data = json.loads(backup(tmp_path / "backup.json"))
    slugs = {entry["slug"]: entry for entry in data["resources"]}
    assert set(slugs) == set(Resource.objects.values_list("slug", flat=True))
    assert slugs["draft-item"]["status"] == "draft"
    assert slugs["archived"]["status"] == "archived"
    assert list(slugs["report-en"]) == [column.name for column in COLUMNS if column.backup]
    text = json.dumps(data)
    assert "partner@example.org" not in text
    assert "partner-x" not in text


def test_backup_round_trip_is_identical(catalogue, tmp_path):
    first = backup(tmp_path / "first.json")
    Resource.objects.all().delete()
    assert not Resource.objects.exists()

    stdout, _ = run("import_resources", str(tmp_path / "first.json"))

    assert "8 rows read: 8 created, 0 updated, 0 unchanged, 0 failed." in stdout
    second = backup(tmp_path / "second.json")
    assert second == first


def test_backup_restores_untidy_data_with_a_warning(catalogue, tmp_path):
    first = backup(tmp_path / "first.json")
    Resource.objects.all().delete()
    stdout, stderr = run("import_resources", str(tmp_path / "first.json"))
    assert "8 created" in stdout
    assert "primary_objective: The primary objective must be one of the item's objectives." in (
        stderr
    )
    assert Resource.objects.get(slug="video").summary == (
        "  Text as a web form stores it,\r\nspaces included.  "
    )
    assert backup(tmp_path / "second.json") == first


def test_an_inconsistent_primary_objective_is_an_error_in_csv(tmp_path):
    path = write_csv(
        tmp_path / "primary.csv",
        ["title", "summary", "publication_year", "objectives", "primary_objective"],
        [["Odd", "S", "2020", "10", "9"]],
    )
    _, stderr, _ = run_failing("import_resources", str(path))
    assert "Row 2, primary_objective: The primary objective must be one of" in stderr
    assert not Resource.objects.exists()


def test_backup_restores_organizations_and_keywords_exactly(catalogue, tmp_path):
    first = backup(tmp_path / "first.json")
    Resource.objects.all().delete()
    Organization.objects.all().delete()
    Keyword.objects.all().delete()

    run("import_resources", str(tmp_path / "first.json"))

    assert backup(tmp_path / "second.json") == first


def test_a_reformatted_backup_restores_the_same(catalogue, tmp_path):
    first = backup(tmp_path / "first.json")
    pretty = tmp_path / "pretty.json"
    pretty.write_text(json.dumps(json.loads(first), indent=4), encoding="utf-8")
    Resource.objects.all().delete()
    stdout, _ = run("import_resources", str(pretty))
    assert "8 created" in stdout
    assert backup(tmp_path / "second.json") == first


def test_backup_import_over_itself_changes_nothing(catalogue, tmp_path):
    backup(tmp_path / "backup.json")
    stamps = dict(Resource.objects.values_list("slug", "updated_at"))
    stdout, _ = run("import_resources", str(tmp_path / "backup.json"))
    assert "8 rows read: 0 created, 0 updated, 8 unchanged, 0 failed." in stdout
    assert dict(Resource.objects.values_list("slug", "updated_at")) == stamps


def test_backup_restores_a_changed_status(catalogue, tmp_path):
    backup(tmp_path / "backup.json")
    Resource.objects.filter(slug="archived").update(status=Status.PUBLISHED)
    stdout, _ = run("import_resources", str(tmp_path / "backup.json"))
    assert "1 updated" in stdout
    assert Resource.objects.get(slug="archived").status == Status.ARCHIVED


def test_backup_restores_the_publishers_a_draft_proposes(client, catalogue, tmp_path):
    data = json.loads(backup(tmp_path / "backup.json"))
    [draft] = [entry for entry in data["resources"] if entry["slug"] == "draft-item"]
    assert draft["proposed_publishers"] == ["Anti-Trafficking Observatory", "New Collective"]
    Resource.objects.filter(slug="draft-item").update(proposed_publishers="")
    run("import_resources", str(tmp_path / "backup.json"))
    assert Resource.objects.get(slug="draft-item").proposed_publisher_list == [
        "Anti-Trafficking Observatory",
        "New Collective",
    ]
    assert not Organization.objects.filter(name="New Collective").exists()
    csv_text = "".join(
        chunk.decode() for chunk in client.get("/resources/export.csv").streaming_content
    )
    assert "proposed_publishers" not in csv_text and "New Collective" not in csv_text


def test_export_to_standard_output_is_the_same_backup(catalogue, tmp_path):
    to_file = backup(tmp_path / "backup.json")
    stdout, _ = run("export_resources")
    assert stdout == to_file


@pytest.mark.parametrize("language", ["en", "fr"])
def test_labels_in_any_of_the_six_languages_and_former_names_are_recognised(tmp_path, language):
    path = write_csv(
        tmp_path / "labels.csv",
        [
            "title",
            "summary",
            "publication_year",
            "objectives",
            "document_type",
            "country_names",
            "region_names",
            "language_names",
            "principles",
        ],
        [
            [
                "Names",
                "Uses names in several languages.",
                "2024",
                "10 - Éradiquer la traite de personnes; 7 - Reduce vulnerabilities",
                "Informe",
                "Turkey; Türkiye; Vietnam; Viet Nam; Pays-Bas (Royaume des); Netherlands",
                "Afrique; Азия",
                "Arabe; English",
                "Priorité à la dimension humaine",
            ]
        ],
    )
    with translation.override(language):
        stdout, stderr = run("import_resources", str(path))

    assert Resource.objects.filter(title="Names").count() == 1, stdout + stderr
    resource = Resource.objects.get(title="Names")
    item = snapshot(resource)
    assert item["objectives"] == ["10", "7"]
    assert resource.document_type.slug == "report"
    assert item["countries"] == ["NLD", "TUR", "VNM"]
    assert item["regions"] == ["africa", "asia"]
    assert item["languages"] == ["ar", "en"]
    assert item["principles"] == ["people-centred"]
