"""Read an OAI-PMH request: check its verb, its arguments and its datestamps.

Whatever is wrong with a request becomes an ``OAIError`` carrying one of the protocol's
error codes; the view turns it into an ``<error>`` element of a normal (HTTP 200) reply.
"""

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.http import QueryDict

from .markup import ILLEGAL_XML_CHARACTERS

METADATA_PREFIX = "oai_dc"
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
MAX_ARGUMENT_LENGTH = 2000

DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
SECOND = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")


class OAIError(Exception):
    """A request the repository answers with an OAI-PMH error code and a message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    @property
    def echoes_arguments(self) -> bool:
        """Say whether the reply may echo the arguments (never after badVerb or badArgument)."""
        return self.code not in {"badVerb", "badArgument"}


@dataclass(frozen=True)
class Verb:
    """The arguments one verb accepts; an exclusive argument must come alone."""

    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    exclusive: str | None = None
    allowed: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        names = set(self.required) | set(self.optional)
        if self.exclusive:
            names.add(self.exclusive)
        object.__setattr__(self, "allowed", frozenset(names))


LIST_VERB = Verb(
    required=("metadataPrefix",), optional=("from", "until", "set"), exclusive="resumptionToken"
)
VERBS: Mapping[str, Verb] = {
    "Identify": Verb(),
    "ListMetadataFormats": Verb(optional=("identifier",)),
    "ListSets": Verb(exclusive="resumptionToken"),
    "GetRecord": Verb(required=("identifier", "metadataPrefix")),
    "ListIdentifiers": LIST_VERB,
    "ListRecords": LIST_VERB,
}


@dataclass(frozen=True)
class Request:
    """A request whose verb exists and whose arguments suit it."""

    verb: str
    arguments: dict[str, str]


def shorten(text: str, limit: int = 60) -> str:
    """Quote a piece of the request in a message without repeating all of a huge value."""
    return text if len(text) <= limit else text[:limit] + "…"


def parse_request(query: QueryDict) -> Request:
    """Check the verb and the argument names, counts and values; raise OAIError if wrong."""
    verbs = query.getlist("verb")
    if not verbs:
        raise OAIError("badVerb", "The request has no verb.")
    if len(verbs) > 1:
        raise OAIError("badVerb", "The verb argument is repeated.")
    verb = verbs[0]
    if verb not in VERBS:
        raise OAIError(
            "badVerb",
            f"'{shorten(verb)}' is not an OAI-PMH verb; use one of: {', '.join(VERBS)}.",
        )
    rule = VERBS[verb]
    arguments: dict[str, str] = {}
    for name, values in query.lists():
        if name == "verb":
            continue
        if name not in rule.allowed:
            raise OAIError("badArgument", f"{verb} does not take the argument '{shorten(name)}'.")
        if len(values) > 1:
            raise OAIError("badArgument", f"The argument '{name}' is repeated.")
        value = values[0]
        if not value:
            raise OAIError("badArgument", f"The argument '{name}' is empty.")
        if len(value) > MAX_ARGUMENT_LENGTH or ILLEGAL_XML_CHARACTERS.search(value):
            raise OAIError("badArgument", f"The value of '{name}' is not valid.")
        arguments[name] = value
    if rule.exclusive and rule.exclusive in arguments:
        if len(arguments) > 1:
            raise OAIError(
                "badArgument", f"{rule.exclusive} must be the only argument besides the verb."
            )
    else:
        missing = [name for name in rule.required if name not in arguments]
        if missing:
            raise OAIError("badArgument", f"{verb} needs the argument(s): {', '.join(missing)}.")
    return Request(verb=verb, arguments=arguments)


def check_metadata_prefix(prefix: str) -> None:
    """Accept only ``oai_dc``, the one format this repository disseminates."""
    if prefix != METADATA_PREFIX:
        raise OAIError(
            "cannotDisseminateFormat",
            f"The metadata format '{shorten(prefix)}' is not available; use {METADATA_PREFIX}.",
        )


@dataclass(frozen=True)
class Datestamp:
    """A ``from`` or ``until`` value: the instant it starts at and its granularity."""

    start: datetime.datetime
    step: datetime.timedelta

    def end(self) -> datetime.datetime | None:
        """Return the first instant after the day or second it names (None past year 9999)."""
        try:
            return self.start + self.step
        except OverflowError:
            return None


def parse_datestamp(name: str, text: str) -> Datestamp:
    """Read ``YYYY-MM-DD`` or ``YYYY-MM-DDThh:mm:ssZ`` (UTC); raise badArgument otherwise."""
    if DAY.fullmatch(text):
        pattern, step = "%Y-%m-%d", datetime.timedelta(days=1)
    elif SECOND.fullmatch(text):
        pattern, step = "%Y-%m-%dT%H:%M:%SZ", datetime.timedelta(seconds=1)
    else:
        raise OAIError(
            "badArgument",
            f"'{name}' must be a date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDThh:mm:ssZ).",
        )
    try:
        start = datetime.datetime.strptime(text, pattern).replace(tzinfo=datetime.UTC)
    except ValueError:
        raise OAIError("badArgument", f"'{name}' is not a real date or time.") from None
    return Datestamp(start=start, step=step)


def date_range(
    from_text: str | None, until_text: str | None
) -> tuple[datetime.datetime | None, datetime.datetime | None]:
    """Return the inclusive lower and exclusive upper bounds the two arguments select."""
    lower = parse_datestamp("from", from_text) if from_text else None
    upper = parse_datestamp("until", until_text) if until_text else None
    if lower and upper:
        if lower.step != upper.step:
            raise OAIError("badArgument", "'from' and 'until' must have the same granularity.")
        if lower.start > upper.start:
            raise OAIError("badArgument", "'from' is later than 'until'.")
    return (lower.start if lower else None, upper.end() if upper else None)


def format_datestamp(moment: datetime.datetime) -> str:
    """Write an instant as the protocol's UTC datestamp, to the second."""
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
