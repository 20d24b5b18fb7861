"""Uploads go to private object storage when a bucket is configured, else to the local disk.

Either way a file reaches people only through the permission-checking download view,
which reads it through the storage API, never from a path on disk.
"""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from resources.models import Status
from tests.factories import ResourceFactory, UserFactory

ROOT = Path(__file__).resolve().parents[2]
MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
S3_ENVIRONMENT = {
    "AWS_STORAGE_BUCKET_NAME": "hub-uploads",
    "AWS_S3_ENDPOINT_URL": "https://objects.example.org",
    "AWS_S3_REGION_NAME": "eu-west-1",
    "AWS_ACCESS_KEY_ID": "test-access-key",
    "AWS_SECRET_ACCESS_KEY": "test-secret-key",
}
STORAGE_FACTS = """
import json
from django.conf import settings
from django.core.files.storage import storages
storage = storages["default"]
facts = {"backend": settings.STORAGES["default"]["BACKEND"], "class": type(storage).__name__}
if facts["class"] == "S3Storage":
    facts.update(bucket=storage.bucket_name, acl=storage.default_acl,
                 signed=storage.querystring_auth, endpoint=storage.endpoint_url,
                 region=storage.region_name, url=storage.url("private/resources/report.pdf"))
print(json.dumps(facts))
"""


def storage_facts(environment: dict[str, str]) -> dict:
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("AWS_") and key not in {"DEBUG", "DATABASE_URL"}
    }
    code = f"import django; django.setup()\n{STORAGE_FACTS}"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**clean, "DJANGO_SETTINGS_MODULE": "hub.settings", **environment},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_a_bucket_uploads_stay_on_the_local_disk():
    facts = storage_facts({})
    assert facts["class"] == "FileSystemStorage"


def test_a_bucket_sends_uploads_to_private_object_storage():
    pytest.importorskip("storages")
    facts = storage_facts(S3_ENVIRONMENT)
    assert facts["backend"] == "storages.backends.s3.S3Storage"
    assert facts["class"] == "S3Storage"
    assert facts["bucket"] == "hub-uploads"
    assert facts["endpoint"] == "https://objects.example.org"
    assert facts["region"] == "eu-west-1"
    assert facts["acl"] is None, "objects must not get a public ACL"
    assert facts["signed"] is True
    assert "X-Amz-Signature=" in facts["url"] and "X-Amz-Expires=" in facts["url"]
    assert "test-secret-key" not in facts["url"]


# The download view on a storage that has no files on disk -------------------------------


@pytest.fixture
def object_storage(settings, tmp_path):
    """Keep uploads in memory, as a bucket would: nowhere on the local disk."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    return settings.MEDIA_ROOT


def item_with_file(status: str, submitter=None):
    resource = ResourceFactory(title="Scam centres report", status=status, submitted_by=submitter)
    resource.file.save("whatever.pdf", io.BytesIO(MINIMAL_PDF))
    return resource


def test_a_published_file_is_downloaded_through_the_storage(client, db, object_storage):
    resource = item_with_file(Status.PUBLISHED)
    assert resource.file.storage.exists(resource.file.name)
    response = client.get(f"/files/{resource.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    assert response["Content-Disposition"] == 'attachment; filename="scam-centres-report.pdf"'
    assert not object_storage.exists(), "nothing may be written to the local disk"


def test_an_unpublished_file_still_goes_only_to_those_allowed(client, db, object_storage):
    submitter = UserFactory(username="uploader")
    resource = item_with_file(Status.SUBMITTED, submitter)
    assert client.get(f"/files/{resource.pk}/").status_code == 404
    client.force_login(submitter)
    response = client.get(f"/files/{resource.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    assert "no-store" in response["Cache-Control"]


def test_a_file_missing_from_the_storage_is_a_404(client, db, object_storage):
    resource = item_with_file(Status.PUBLISHED)
    resource.file.storage.delete(resource.file.name)
    assert client.get(f"/files/{resource.pk}/").status_code == 404
