"""Post one fuzzed form and check the answer and everything it stored.

``post_form`` is the single place the form fuzzers' rules live: the answer is never a
5xx; a refused post (anything but a redirect) stores nothing at all; an accepted one
(a redirect, the hub's answer to every successful form) changes only the tables its
form may change; item statuses and their history move together; and published items,
with their tags, stay as they are unless the post was an editor's decision.
"""

from collections.abc import Callable, Iterable

from django.http import HttpResponse

from .conftest import rolled_back
from .invariants import Snapshot, assert_history_matches_status
from .strategies import encode, text_value

ACCEPTED = (301, 302, 303)


def multipart(pairs: Iterable, files: dict) -> dict:
    """Group key/value pairs by key for the test client's multipart encoder, with files."""
    data: dict[str, list] = {}
    for key, value in pairs:
        data.setdefault(text_value(key), []).append(text_value(value))
    return {**data, **files}


def post_form(
    client,
    path: str,
    pairs: list,
    *,
    person=None,
    stores: Iterable[str] = (),
    files: dict | None = None,
    decides: bool = False,
    before_post: Callable | None = None,
    then: Callable[[HttpResponse], None] | None = None,
) -> HttpResponse:
    """Post ``pairs`` to ``path`` as ``person`` (anonymous if None) and check the rules.

    ``stores`` names the tables an accepted post may change; ``decides`` says the form
    may change published items (an editor's decision); ``before_post`` runs after
    signing in (to open a page first, say); ``then`` runs further checks on the response
    while the example's data is still there. Everything is undone afterwards.
    """
    with rolled_back():
        client.cookies.clear()
        if person is not None:
            client.force_login(person)
        if before_post is not None:
            before_post()
        before = Snapshot.take()
        if files:
            response = client.post(path, multipart(pairs, files))
        else:
            response = client.post(
                path, encode(pairs), content_type="application/x-www-form-urlencoded"
            )
        described = f"POST {path} {pairs!r}"
        assert response.status_code < 500, described
        after = Snapshot.take()
        changed = after.changed_since(before)
        if response.status_code in ACCEPTED:
            assert changed <= set(stores), f"{described} changed {changed - set(stores)}"
        else:
            refused = f"{described} refused ({response.status_code})"
            assert changed == set(), f"{refused} but changed {changed}"
        assert_history_matches_status(before, after)
        if not decides:
            public = after.public_rows() == before.public_rows()
            assert public, f"{described} changed a published item"
        if then is not None:
            then(response)
    return response
