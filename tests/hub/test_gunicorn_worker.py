"""A client that never closes its connection doesn't hold back other requests to the worker."""

import os
import socket
import subprocess
import sys
import time

import gunicorn.util
import pytest

from tests.hub.conftest import a_free_port


def serve(worker_class: str) -> tuple[subprocess.Popen, int]:
    """Serve the test application alone: not the hub's gunicorn.conf.py, only its worker."""
    port = a_free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "tests.hub.slow_client_app:application",
            "--config",
            os.devnull,
            "--worker-class",
            worker_class,
            "--workers",
            "1",
            "--threads",
            "2",
            "--keep-alive",
            "0",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server, port
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def ask(port: int) -> socket.socket:
    client = socket.create_connection(("127.0.0.1", port), timeout=10)
    client.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    return client


def seconds_for_an_answer_beside_a_client_that_never_closes(worker_class: str) -> float:
    server, port = serve(worker_class)
    try:
        lingering = [ask(port) for _ in range(3)]  # answered, never read nor closed
        time.sleep(0.3)
        started = time.monotonic()
        other = ask(port)
        while other.recv(65536):
            pass
        other.close()
        for client in lingering:
            client.close()
        return time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_hubs_worker_answers_others_while_a_client_keeps_its_connection_open():
    assert (
        seconds_for_an_answer_beside_a_client_that_never_closes("hub.gunicorn_worker.ThreadWorker")
        < 1
    )


@pytest.mark.skipif(
    not hasattr(gunicorn.util, "close_graceful"), reason="this gunicorn closes connections at once"
)
def test_gunicorns_own_worker_waits_for_such_a_client_on_its_main_loop():
    assert seconds_for_an_answer_beside_a_client_that_never_closes("gthread") > 1.5
