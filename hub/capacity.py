"""Run at most a set number of long responses at once in each worker process.

A streamed download holds one of a worker's threads until its last byte is sent, which
for an export of the whole catalogue can take a minute. Without a bound, a few clients
asking for such downloads at once would take every thread and leave none for page
views. :class:`Slots` counts the responses of one kind running in this process against
a limit read from the settings on each request, so tests and deployments change it in
one place::

    EXPORT_SLOTS = Slots(setting="HUB_EXPORTS_AT_ONCE")

    slot = EXPORT_SLOTS.take()
    if slot is None:
        return busy  # 503 with Retry-After
    return held(response, slot)

:func:`held` keeps the slot for the whole life of a streamed response and gives it back
exactly once: when the body has been sent, when the server closes the response (which
it does also when the client goes away), when reading the body fails, or at the latest
when the response is dropped without being closed.
"""

import threading
import weakref
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse


class Slot:
    """One taken place among a kind's slots; giving it back more than once is harmless."""

    def __init__(self, slots: "Slots"):
        self._slots = slots
        self._held = True

    def give_back(self) -> None:
        """Free the place for the next response of this kind."""
        with self._slots._lock:
            self._give_back_locked()

    def _give_back_locked(self) -> None:
        if self._held:
            self._held = False
            self._slots._taken -= 1


class Slots:
    """Count the responses of one kind running at once in this process, up to a limit."""

    def __init__(self, *, setting: str):
        self._setting = setting
        self._lock = threading.Lock()
        self._taken = 0
        # Places of responses collected unclosed, given back at the next count. The
        # collector may run in a thread that holds the lock, so it only appends here.
        self._dropped: list[Slot] = []

    @property
    def limit(self) -> int:
        return int(getattr(settings, self._setting))

    @property
    def taken(self) -> int:
        with self._lock:
            self._settle()
            return self._taken

    def take(self) -> Slot | None:
        """Take a place, or return None when every place is taken."""
        limit = self.limit
        with self._lock:
            self._settle()
            if self._taken >= limit:
                return None
            self._taken += 1
        return Slot(self)

    def _settle(self) -> None:
        while self._dropped:
            self._dropped.pop()._give_back_locked()


def _dropped(slot: Slot) -> None:
    slot._slots._dropped.append(slot)


class HeldStream:
    """Iterate a response body while its slot is held; give the slot back once it ends.

    The slot is given back when the body is exhausted, when reading it fails, when the
    response is closed (Django closes every closable body), or, should a response be
    dropped unclosed, at the next count after this object is collected.
    """

    def __init__(self, chunks: Iterable[bytes], slot: Slot):
        self._chunks = iter(chunks)
        self._slot = slot
        self._collected = weakref.finalize(self, _dropped, slot)

    def __iter__(self) -> Iterator[bytes]:
        return self

    def __next__(self) -> bytes:
        try:
            return next(self._chunks)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        self._collected.detach()
        self._slot.give_back()


def held(response: HttpResponse, slot: Slot) -> HttpResponse:
    """Keep the slot until the streamed body has been sent or the response is closed."""
    if not isinstance(response, StreamingHttpResponse):
        slot.give_back()
        return response
    response.streaming_content = HeldStream(response.streaming_content, slot)
    return response
