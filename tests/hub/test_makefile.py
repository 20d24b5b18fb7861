"""`make run` tells the hub the address it serves at, so that its mails link there."""

import os
import shutil
import subprocess

import pytest

from .test_settings import ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def make_run_commands(*arguments: str, **env: str) -> list[str]:
    """Return the commands `make run` would run (make -n), without running them."""
    clean = {
        key: value for key, value in os.environ.items() if key not in {"SITE_URL", "HOST", "PORT"}
    }
    result = subprocess.run(
        ["make", "-n", "run", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**clean, **env},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def server_command(commands: list[str]) -> str:
    [command] = [line for line in commands if "manage.py runserver" in line]
    return command


def test_make_run_on_another_port_links_its_mails_to_that_port():
    command = server_command(make_run_commands("PORT=8310"))
    assert command.startswith("SITE_URL='http://127.0.0.1:8310' ")
    assert command.endswith("manage.py runserver 127.0.0.1:8310")


def test_make_run_on_another_host_links_its_mails_to_that_host():
    command = server_command(make_run_commands("HOST=192.0.2.10", "PORT=8123"))
    assert command.startswith("SITE_URL='http://192.0.2.10:8123' ")
    assert command.endswith("manage.py runserver 192.0.2.10:8123")


def test_a_site_url_from_the_environment_wins():
    command = server_command(make_run_commands("PORT=8310", SITE_URL="https://hub.example.org"))
    assert command.startswith("SITE_URL='https://hub.example.org' ")
    assert command.endswith("manage.py runserver 127.0.0.1:8310")
