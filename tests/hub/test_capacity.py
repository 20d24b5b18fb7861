"""A worker runs at most a set number of long responses at once, and never loses a place."""

import gc

import pytest
from django.http import HttpResponse, StreamingHttpResponse

from hub.capacity import Slots, held


@pytest.fixture
def slots(settings):
    settings.HUB_EXPORTS_AT_ONCE = 2
    return Slots(setting="HUB_EXPORTS_AT_ONCE")


def test_places_beyond_the_limit_are_refused_until_one_is_given_back(slots, settings):
    first, second = slots.take(), slots.take()
    assert first and second
    assert slots.take() is None
    first.give_back()
    first.give_back()  # twice frees one place only
    assert slots.taken == 1
    assert slots.take() is not None
    assert slots.take() is None
    settings.HUB_EXPORTS_AT_ONCE = 3  # read on each request
    assert slots.take() is not None


def streamed(slots, chunks) -> StreamingHttpResponse:
    return held(StreamingHttpResponse(chunks), slots.take())


def test_a_streamed_body_holds_its_place_until_its_last_byte(slots):
    response = streamed(slots, iter([b"a", b"b"]))
    chunks = iter(response.streaming_content)
    assert next(chunks) == b"a"
    assert slots.taken == 1
    assert list(chunks) == [b"b"]
    assert slots.taken == 0


def test_closing_an_unread_body_gives_its_place_back(slots, hang_up):
    response = streamed(slots, iter([b"a", b"b"]))
    assert slots.taken == 1
    hang_up(response)
    assert slots.taken == 0


def test_a_body_that_fails_gives_its_place_back(slots):
    def failing():
        yield b"a"
        raise RuntimeError("the database went away")

    response = streamed(slots, failing())
    with pytest.raises(RuntimeError):
        b"".join(response.streaming_content)
    assert slots.taken == 0


def test_a_response_dropped_unclosed_gives_its_place_back(slots):
    response = streamed(slots, iter([b"a"]))
    assert slots.taken == 1
    del response
    gc.collect()
    assert slots.taken == 0


def test_a_response_without_a_stream_gives_its_place_back_at_once(slots):
    held(HttpResponse("400"), slots.take())
    assert slots.taken == 0
