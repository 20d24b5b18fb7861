"""Check the demo loader on an empty database: bad input stores nothing, and the command.

These tests need a database without the demo content, so they live apart from
test_demo.py, which loads it once for all its tests.
"""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from resources.demo import (
    DEMO_ACCOUNTS,
    DemoDataError,
    default_links_path,
    default_path,
    demo_load,
)
from resources.models import Resource
from taxonomy.models import Organization

pytestmark = pytest.mark.django_db


def test_unknown_taxonomy_key_is_reported_with_the_item_and_nothing_is_stored(tmp_path):
    data = json.loads(default_path().read_text(encoding="utf-8"))
    data["resources"][-1]["countries"] = ["XXX"]
    path = tmp_path / "resources.json"
    path.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(DemoDataError, match=data["resources"][-1]["slug"]) as raised:
        demo_load(path=path)

    assert "country" in str(raised.value) and "XXX" in str(raised.value)
    assert not Resource.objects.exists()
    assert not Organization.objects.exists()
    assert not get_user_model().objects.exists()


def test_a_link_for_an_item_not_in_the_demo_is_reported_and_nothing_is_stored(tmp_path):
    links = tmp_path / "links.csv"
    links.write_text(
        default_links_path().read_text(encoding="utf-8")
        + "no-such-item,https://example.org/,landing,seen,high\n",
        encoding="utf-8",
    )

    with pytest.raises(DemoDataError, match="no-such-item"):
        demo_load(path=default_path(), links_path=links)

    assert not Resource.objects.exists()


def test_the_command_takes_another_links_file(tmp_path, settings):
    settings.DEBUG = True
    links = tmp_path / "links.csv"
    links.write_text(
        "slug,url\nalliance-8-7-migration-action-group-third-meeting,https://example.org/a\n",
        encoding="utf-8",
    )

    call_command("load_demo", "--links", str(links), stdout=io.StringIO())

    assert dict(Resource.objects.exclude(url="").values_list("slug", "url")) == {
        "alliance-8-7-migration-action-group-third-meeting": "https://example.org/a"
    }


def test_command_refuses_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo", stdout=io.StringIO())
    assert not Resource.objects.exists()
    assert not get_user_model().objects.exists()


def test_command_runs_with_force_when_debug_is_off(settings):
    settings.DEBUG = False
    out = io.StringIO()
    call_command("load_demo", "--force", stdout=out)
    published = Resource.objects.published().count()
    assert out.getvalue().strip() == (
        f"Demo content: {Resource.objects.count()} resources ({published} published), "
        f"{len(DEMO_ACCOUNTS)} accounts."
    )
    assert get_user_model().objects.filter(username="editor").exists()


def test_command_runs_in_development(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    assert Resource.objects.published().count() >= 25


def test_command_reports_a_bad_file_clearly(settings, tmp_path):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="Cannot read the demo file"):
        call_command("load_demo", "--path", str(tmp_path / "missing.json"))
