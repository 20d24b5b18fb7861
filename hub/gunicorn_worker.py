"""Serve with gunicorn's threaded worker, but never wait for a client on its main loop.

gunicorn's threaded worker (since version 27) closes each finished connection
gracefully, as RFC 9112 section 9.6 asks: it half-closes the socket, then waits up to
two seconds for the client to close its side — on the worker's main loop, the one thread
that accepts connections and hands them to the request threads. A client that reads a
response slowly (a large export, a slow network, or on purpose) thus holds back every
other request of that worker for up to two seconds per response: in the benchmark, page
views waited 2–4 s each time an export download ended. ``ThreadWorker`` does that wait
on a few closing threads of its own; when they are all busy, a connection is closed at
once, as earlier gunicorn releases always did, so a crowd of slow clients can't pile
up open sockets either.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

from gunicorn.workers.gthread import ThreadWorker as GunicornThreadWorker

# Connections closed gracefully at once, per worker; beyond that they are closed at once.
CLOSING_THREADS = 8


class ThreadWorker(GunicornThreadWorker):
    """gunicorn's ``gthread`` worker, with graceful closes moved off the main loop."""

    def init_process(self) -> None:
        self.closing = ThreadPoolExecutor(max_workers=CLOSING_THREADS, thread_name_prefix="closing")
        self.closing_places = threading.BoundedSemaphore(CLOSING_THREADS)
        super().init_process()

    def finish_request(self, conn, fs) -> None:
        close = conn.close

        def close_elsewhere(graceful: bool = False) -> None:
            if not graceful or not self.closing_places.acquire(blocking=False):
                close()
                return
            self.closing.submit(self._close_gracefully, close)

        conn.close = close_elsewhere
        super().finish_request(conn, fs)

    def _close_gracefully(self, close) -> None:
        try:
            close(graceful=True)
        finally:
            self.closing_places.release()
