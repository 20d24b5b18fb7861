"""Serve the benchmark database with production settings and run commands against it."""

import json
import os
import secrets
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from parameters import PYTHON, RESULTS, ROOT, SERVER, WORKERS


def production_env(database_url: str) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url,
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            # Production settings need the hub's address; the served one is set per server.
            "SITE_URL": "http://127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "API_ANON_RATE": "1000000/minute",
            "EXPORT_RATE": "off",
            "FEED_RATE": "off",
            "OAI_RATE": "off",
            "MEDIA_ROOT": tempfile.mkdtemp(prefix="hub-bench-media-"),
            "LOG_LEVEL": "WARNING",
            "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


def step(message: str) -> None:
    print(f"==> {message}", flush=True)


def psql(database: str, sql: str) -> str:
    return subprocess.run(
        ["psql", f"{SERVER}/{database}", "-qAtc", sql], check=True, capture_output=True, text=True
    ).stdout


def manage(env: dict, *args: str) -> str:
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout


def load_settings(env: dict) -> dict:
    """Pick the items to visit and the year from which an export holds about 5,000 items."""
    script = (
        "import json\n"
        "from django.db.models import Count\n"
        "from resources.models import Resource\n"
        "published = Resource.objects.published()\n"
        "slugs = list(published.order_by('?').values_list('slug', flat=True)[:500])\n"
        "years = dict(published.values_list('publication_year').annotate(n=Count('pk')))\n"
        "total, export_year = 0, min(years)\n"
        "for year in sorted(years, reverse=True):\n"
        "    total += years[year]\n"
        "    export_year = year\n"
        "    if total >= 5000: break\n"
        "print(json.dumps({'slugs': slugs, 'export_year': export_year, 'export_items': total}))\n"
    )
    return json.loads(manage(env, "shell", "-c", script).strip().splitlines()[-1])


class gunicorn:
    """Run the hub under gunicorn with the production configuration, on a free port."""

    def __init__(self, env: dict) -> None:
        self.env = env
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.base_url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "gunicorn":
        self.log = open(RESULTS.parent / "gunicorn.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "-c",
                "gunicorn.conf.py",
                "hub.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(WORKERS),
                "--access-logfile",
                "/dev/null",
                "--max-requests",
                "0",
            ],
            cwd=ROOT,
            env={**self.env, "SITE_URL": self.base_url},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{self.base_url}/health/live", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start; see bench/gunicorn.log")
        for path in ("/", "/resources/", "/api/resources/"):  # every worker builds its index
            for _ in range(WORKERS * 2):
                urllib.request.urlopen(f"{self.base_url}{path}", timeout=120).read()
        return self

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def __exit__(self, *exc) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)
        self.log.close()


def memory(pid: int, field: str) -> int:
    """Return a process's memory figure in kB (VmRSS now, VmHWM the peak)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0
