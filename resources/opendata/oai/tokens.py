"""Carry a list request from page to page in a signed resumption token.

The token holds the original arguments and the (datestamp, id) of the last item sent, so
the next page is a keyset query: it costs the same on page 1,000 as on page 1, and an
item edited during a harvest moves to the end of the list instead of shifting the pages.
Tokens are signed with the secret key; a token altered, truncated or made for another
verb is refused with badResumptionToken.
"""

import datetime
import zlib
from dataclasses import dataclass, replace

from django.core import signing

from .protocol import OAIError, date_range

SALT = "resources.opendata.oai.resumption"


@dataclass(frozen=True)
class ListState:
    """Where a ListIdentifiers or ListRecords request stands."""

    verb: str
    metadata_prefix: str
    set_spec: str = ""
    from_: str = ""
    until: str = ""
    after_datestamp: datetime.datetime | None = None
    after_pk: int | None = None
    cursor: int = 0

    def advance(self, *, datestamp: datetime.datetime, pk: int, sent: int) -> "ListState":
        """Return the state after a page whose last item had this datestamp and id."""
        return replace(self, after_datestamp=datestamp, after_pk=pk, cursor=self.cursor + sent)


def encode(state: ListState) -> str:
    """Sign the state into an opaque token."""
    if state.after_datestamp is None or state.after_pk is None:
        raise ValueError("A resumption token needs the position of the last item sent.")
    payload = {
        "v": state.verb,
        "m": state.metadata_prefix,
        "s": state.set_spec,
        "f": state.from_,
        "u": state.until,
        "d": state.after_datestamp.isoformat(),
        "i": state.after_pk,
        "c": state.cursor,
    }
    return signing.dumps(payload, salt=SALT, compress=True)


def decode(token: str, *, verb: str) -> ListState:
    """Read a token issued for this verb; raise badResumptionToken for anything else."""
    refused = OAIError("badResumptionToken", "The resumption token is not valid.")
    try:
        payload = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, zlib.error):
        raise refused from None
    try:
        state = ListState(
            verb=_text(payload["v"]),
            metadata_prefix=_text(payload["m"]),
            set_spec=_text(payload["s"]),
            from_=_text(payload["f"]),
            until=_text(payload["u"]),
            after_datestamp=datetime.datetime.fromisoformat(_text(payload["d"])),
            after_pk=_count(payload["i"]),
            cursor=_count(payload["c"]),
        )
        date_range(state.from_ or None, state.until or None)
    except (KeyError, TypeError, ValueError, OAIError):
        raise refused from None
    if state.verb != verb or state.after_datestamp.tzinfo is None:
        raise refused
    return state


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("expected text")
    return value


def _count(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise TypeError("expected a whole number")
    return value
