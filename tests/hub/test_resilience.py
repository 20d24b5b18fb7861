"""A database outage answers 503 with Retry-After, never 500, and the hub recovers by itself.

The end-to-end test starts its own PostgreSQL server and a gunicorn serving the hub
against it, stops the database under load, checks what visitors and load balancers get,
starts it again and checks that pages come back without restarting the hub.
"""

import glob
import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import OperationalError
from django.test import RequestFactory

from hub.resilience import server_error
from tests.hub.conftest import a_free_port

ROOT = Path(__file__).resolve().parents[2]


# Without starting servers ----------------------------------------------------------------


def test_a_page_whose_database_is_down_answers_503_with_retry_after(client, unreachable_replica):
    response = client.get("/resources/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert "temporarily unavailable" in response.content.decode()


def test_a_database_error_outside_a_view_is_a_503_too():
    request = RequestFactory().get("/resources/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"


def test_other_errors_remain_500():
    request = RequestFactory().get("/resources/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500


# A real outage -------------------------------------------------------------------------


def postgres_programs() -> Path | None:
    """Find the folder with initdb and pg_ctl, which Debian keeps out of PATH."""
    candidates = []
    try:
        found = subprocess.run(
            ["pg_config", "--bindir"], capture_output=True, text=True, timeout=10
        )
        candidates.append(found.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for folder in filter(None, candidates):
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


def as_server_user() -> list[str]:
    """Prefix commands so that they run as ``postgres``: initdb refuses to run as root."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        pytest.skip("running as root and there is no postgres user to run initdb as")
    if not shutil.which("runuser"):
        pytest.skip("running as root and runuser is missing to run initdb as postgres")
    return ["runuser", "-u", "postgres", "--"]


class ThrowawayPostgres:
    """A PostgreSQL server of its own in a temporary folder, on a free port."""

    def __init__(self, programs: Path):
        self.programs = programs
        self.prefix = as_server_user()
        self.folder = Path(tempfile.mkdtemp(prefix="hub-resilience-"))
        if self.prefix:
            shutil.chown(self.folder, user="postgres")
        self.data = self.folder / "data"
        self.port = a_free_port()
        self.url = f"postgres://hub@127.0.0.1:{self.port}/hub"

    def run(self, *command: str) -> None:
        subprocess.run([*self.prefix, *command], check=True, capture_output=True, timeout=60)

    def create(self) -> None:
        self.run(
            str(self.programs / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "hub",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync",
        )
        self.start()
        import psycopg

        with psycopg.connect(
            f"postgres://hub@127.0.0.1:{self.port}/postgres", autocommit=True
        ) as admin:
            admin.execute("CREATE DATABASE hub")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self.run(
            str(self.programs / "pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.folder / "server.log"),
            "-w",
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        self.run(str(self.programs / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def remove(self) -> None:
        try:
            self.stop("immediate")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.folder, ignore_errors=True)


def hub_environment(database_url: str) -> dict[str, str]:
    unrelated = {
        "DATABASE_URL",
        "DATABASE_REPLICA_URL",
        "REDIS_URL",
        "DEBUG",
        "TASKS_BACKEND",
        "AWS_STORAGE_BUCKET_NAME",
        "DJANGO_SETTINGS_MODULE",
    }
    environment = {key: value for key, value in os.environ.items() if key not in unrelated}
    return {
        **environment,
        "DJANGO_SETTINGS_MODULE": "hub.settings",
        "DATABASE_URL": database_url,
        "CONN_MAX_AGE": "60",
        "PYTHONUNBUFFERED": "1",
    }


def fetch(url: str) -> tuple[int, dict, str]:
    """GET a URL; return status, headers and body, whatever the status."""
    try:
        with urllib.request.urlopen(url, timeout=15) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def wait_for(condition, *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting: {what}")


class Load:
    """Visitors and a load balancer hitting the hub from a few threads."""

    PATHS = ("/resources/", "/health", "/resources/?q=trafficking", "/objectives/")

    def __init__(self, base: str, threads: int = 4):
        self.base = base
        self.results: list[tuple[str, int, str | None]] = []
        self.errors: list[str] = []
        self.running = threading.Event()
        self.threads = [threading.Thread(target=self.visit, args=(n,)) for n in range(threads)]

    def visit(self, offset: int) -> None:
        count = offset
        while self.running.is_set():
            path = self.PATHS[count % len(self.PATHS)]
            count += 1
            try:
                status, headers, _ = fetch(self.base + path)
            except OSError as error:
                self.errors.append(f"{path}: {type(error).__name__}")
                continue
            self.results.append((path, status, headers.get("Retry-After")))

    def __enter__(self):
        self.running.set()
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc_info):
        self.running.clear()
        for thread in self.threads:
            thread.join(timeout=30)


@pytest.fixture
def throwaway_postgres():
    programs = postgres_programs()
    if programs is None:
        pytest.skip("PostgreSQL's initdb and pg_ctl were not found")
    server = ThrowawayPostgres(programs)
    try:
        server.create()
        yield server
    finally:
        server.remove()


@pytest.fixture
def hub_server(throwaway_postgres):
    """Migrate the throwaway database and serve the hub from it with gunicorn."""
    environment = hub_environment(throwaway_postgres.url)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
        timeout=120,
    )
    port = a_free_port()
    log = open(throwaway_postgres.folder / "hub.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            "4",
            "hub.wsgi",
        ],
        cwd=ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"

    def alive() -> bool:
        try:
            return fetch(base + "/health/live")[0] == 200
        except OSError:
            return False

    try:
        wait_for(alive, seconds=30, what="the hub to start")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


@pytest.mark.postgres
def test_the_hub_answers_503_while_postgresql_is_down_and_recovers_without_a_restart(
    throwaway_postgres, hub_server
):
    assert fetch(hub_server + "/resources/")[0] == 200
    with Load(hub_server) as load:
        time.sleep(1)
        throwaway_postgres.stop()
        wait_for(
            lambda: fetch(hub_server + "/resources/")[0] == 503,
            seconds=15,
            what="pages to answer 503",
        )
        status, headers, body = fetch(hub_server + "/resources/")
        assert status == 503
        assert headers["Retry-After"] == "30"
        assert "temporarily unavailable" in body
        status, headers, body = fetch(hub_server + "/health")
        assert status == 503
        assert json.loads(body) == {"status": "unavailable", "checks": {"database": "unavailable"}}
        assert fetch(hub_server + "/health/live")[0] == 200
        time.sleep(1)

        throwaway_postgres.start()
        wait_for(
            lambda: fetch(hub_server + "/resources/")[0] == 200,
            seconds=20,
            what="pages to come back after PostgreSQL restarted",
        )
        time.sleep(1)
    assert [fetch(hub_server + "/resources/")[0] for _ in range(5)] == [200] * 5
    status, _, body = fetch(hub_server + "/health")
    assert (status, json.loads(body)) == (200, {"status": "ok", "checks": {"database": "ok"}})

    statuses = [status for _, status, _ in load.results]
    assert load.errors == []
    assert set(statuses) <= {200, 503}, f"unexpected answers: {set(statuses) - {200, 503}}"
    assert 503 in statuses and statuses[-1] == 200
    assert all(retry == "30" for _, status, retry in load.results if status == 503)
