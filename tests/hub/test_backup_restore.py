"""Run the documented backup and restore procedure (scripts/backup.sh, scripts/restore.sh).

The scripts work on a real, committed database, so this test migrates a throwaway
PostgreSQL database of its own (never pytest-django's test database, which lives inside
a transaction), fills it through the hub's own code in a ``manage.py shell`` subprocess,
backs it up, destroys it and the uploaded files, restores, and compares.
"""

import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
BACKUP = ROOT / "scripts" / "backup.sh"
RESTORE = ROOT / "scripts" / "restore.sh"
UPLOADED_BYTES = b"%PDF-1.4 backup test \x00\xff"

SEED = f"""
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile

from accounts.models import User
from resources.models import Resource, Status
from review import workflow
from taxonomy.models import Country, Keyword, Objective, Organization

partner = User.objects.create_user(
    username="amina", email="amina@example.org", password="a-long-test-password",
    name="Amina Diallo", email_confirmed=True,
)
partner.groups.add(Group.objects.get_or_create(name="partner")[0])
editor = User.objects.create_user(
    username="editor", email="editor@example.org", password="a-long-test-password",
    name="Hub Secretariat",
)
editor.groups.add(Group.objects.get_or_create(name="editor")[0])
institute = Organization.objects.create(name="Backup Institute", slug="backup-institute")
forced = Keyword.objects.create(name="forced criminality", slug="forced-criminality")

report = Resource(
    title="Scam centres and forced criminality", slug="scam-centres",
    summary="Recruitment into online scam compounds.", publication_year=2024,
    submitted_by=partner, status=Status.DRAFT,
)
report.file.save("report.pdf", ContentFile({UPLOADED_BYTES!r}), save=False)
report.save()
report.objectives.set(Objective.objects.filter(code__in=["10", "6"]))
report.countries.set(Country.objects.filter(iso3__in=["KHM", "MMR"]))
report.keywords.set([forced])
report.publishers.set([institute])
workflow.transition(resource_id=report.pk, name="submit", actor=partner)
workflow.transition(resource_id=report.pk, name="start_review", actor=editor)
"""

# What a user would notice: the items and their tags, the accounts (passwords included),
# the review history and the uploaded file's bytes.
SNAPSHOT = """
import hashlib, json
from accounts.models import User
from resources.models import Resource
from review.models import HistoryEntry

def file_digest(resource):
    if not resource.file:
        return None
    with resource.file.open("rb") as stored:
        return hashlib.sha256(stored.read()).hexdigest()

print(json.dumps({
    "users": [
        [u.username, u.email, u.name, u.password, sorted(u.groups.values_list("name", flat=True))]
        for u in User.objects.order_by("username")
    ],
    "resources": [
        {
            "slug": r.slug, "title": r.title, "status": r.status, "file": r.file.name,
            "file_sha256": file_digest(r),
            "objectives": sorted(r.objectives.values_list("code", flat=True)),
            "countries": sorted(r.countries.values_list("iso3", flat=True)),
            "keywords": sorted(r.keywords.values_list("slug", flat=True)),
            "publishers": sorted(r.publishers.values_list("slug", flat=True)),
            "submitter": r.submitted_by.username if r.submitted_by else None,
        }
        for r in Resource.objects.order_by("slug")
    ],
    "history": [
        [h.resource.slug, h.actor.username if h.actor else None, h.action, h.from_status,
         h.to_status, h.created_at.isoformat()]
        for h in HistoryEntry.objects.select_related("resource", "actor").order_by("pk")
    ],
}))
"""


def server_url(database: str) -> str:
    """Address a database on the server the test run uses, as a libpq/Django URL."""
    config = settings.DATABASES["default"]
    credentials = quote(config.get("USER") or "", safe="")
    if config.get("PASSWORD"):
        credentials += ":" + quote(config["PASSWORD"], safe="")
    host = config.get("HOST") or "127.0.0.1"
    port = config.get("PORT") or 5432
    return f"postgres://{credentials}@{host}:{port}/{database}"


def admin(statement: str) -> None:
    with psycopg.connect(server_url("postgres"), autocommit=True) as connection:
        connection.execute(statement)


def run(command: list[str], env: dict[str, str], stdin: str = "") -> str:
    result = subprocess.run(
        command,
        input=stdin,
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"{command[:3]} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def manage_shell(code: str, env: dict[str, str]) -> str:
    return run([sys.executable, "manage.py", "shell", "-v", "0"], env, stdin=code)


@pytest.fixture
def throwaway_database():
    """Create an empty database for the procedure and drop it afterwards, whatever happens."""
    name = f"hub_backup_{uuid.uuid4().hex[:12]}"
    admin(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
def test_backup_then_restore_into_an_empty_database_brings_everything_back(
    throwaway_database, tmp_path
):
    for tool in ("pg_dump", "pg_restore", "tar", "sha256sum"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed")
    media = tmp_path / "media"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "DATABASE_REPLICA_URL"} and not key.startswith("AWS_")
    }
    env.update(
        DATABASE_URL=server_url(throwaway_database),
        MEDIA_ROOT=str(media),
        DEBUG="1",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], env)
    manage_shell(SEED, env)
    before = json.loads(manage_shell(SNAPSHOT, env))

    folder = Path(run(["sh", str(BACKUP), str(tmp_path / "backups")], env).strip())
    assert sorted(p.name for p in folder.iterdir()) == [
        "SHA256SUMS",
        "database.dump",
        "media.tar.gz",
    ]

    admin(f'DROP DATABASE "{throwaway_database}" WITH (FORCE)')
    admin(f'CREATE DATABASE "{throwaway_database}"')
    shutil.rmtree(media)
    run(["sh", str(RESTORE), str(folder)], env)

    after = json.loads(manage_shell(SNAPSHOT, env))
    assert after == before
    [item] = after["resources"]
    assert item["countries"] == ["KHM", "MMR"]
    assert item["keywords"] == ["forced-criminality"]
    assert item["status"] == "in_review"
    assert [entry[2] for entry in after["history"]] == ["submit", "start_review"]
    assert [user[0] for user in after["users"]] == ["amina", "editor"]
    assert (media / item["file"]).read_bytes() == UPLOADED_BYTES


@pytest.mark.postgres
def test_restore_refuses_a_damaged_backup_and_leaves_the_database_alone(
    throwaway_database, tmp_path
):
    for tool in ("pg_dump", "pg_restore", "sha256sum"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed")
    env = {
        **os.environ,
        "DATABASE_URL": server_url(throwaway_database),
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    folder = Path(run(["sh", str(BACKUP), str(tmp_path / "backups")], env).strip())
    with (folder / "database.dump").open("ab") as dump:
        dump.write(b"tampered")

    result = subprocess.run(
        ["sh", str(RESTORE), str(folder)], env=env, capture_output=True, text=True, timeout=60
    )

    assert result.returncode != 0
    assert "database.dump" in result.stderr + result.stdout


def test_the_scripts_explain_what_they_need():
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    backup = subprocess.run(["sh", str(BACKUP)], env=env, capture_output=True, text=True)
    restore = subprocess.run(
        ["sh", str(RESTORE)],
        env={**env, "DATABASE_URL": "postgres://x/y"},
        capture_output=True,
        text=True,
    )

    assert backup.returncode != 0
    assert "Set DATABASE_URL" in backup.stderr
    assert restore.returncode == 2
    assert "usage: scripts/restore.sh BACKUP_FOLDER" in restore.stderr
