"""Generate the hostile input the fuzz tests send: query strings and form bodies of any shape.

Values are arbitrary Unicode (NUL, control characters and lone surrogates included), raw
bytes that are not UTF-8, negative and huge numbers and very long strings, mixed with
plausible values so that the fuzzer also reaches the code behind a valid parameter.
Lone surrogates and raw bytes are percent-encoded as they are, so the server receives
invalid UTF-8, as it would from a hostile client.
"""

import os
from urllib.parse import urlencode

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from resources.vocabulary import PARAMETERS

# The browse parameters' names as the URL carries them, from their declarations, so a new
# facet is fuzzed as soon as it is declared.
BROWSE_KEYS = (
    "q",
    *(name for declared in PARAMETERS for name in declared.url_names),
    "sort",
    "page",
)

# Every parameter name the hub's pages, feeds, exports, OAI-PMH and forms read.
QUERY_KEYS = (
    *BROWSE_KEYS,
    "page_size",
    "format",
    "verb",
    "metadataPrefix",
    "resumptionToken",
    "from",
    "until",
    "set",
    "identifier",
    "state",
    "age",
    "next",
    "lang",
    "limit",
    "offset",
    "ordering",
    "search",
    "cursor",
    "as_typed",
)

# Values that make a parameter valid, so the fuzzer also gets past the first check.
PLAUSIBLE_QUERY_VALUES = {
    "objective": ("10", "general", "1", "23", "0", "24"),
    "principle": ("human-rights", "gender-responsive", "child-sensitive"),
    "region": ("africa", "asia", "europe"),
    "country": ("NGA", "nga", "GHA", "THA"),
    "type": ("report", "guidance"),
    "kind": ("document", "practice", "event", "project", "training", "video"),
    "scope": ("1", "2", "3", "4"),
    "language": ("en", "fr", "EN", "ar"),
    "publisher": ("international-organization-for-migration",),
    "action": ("a", "j", "A"),
    "year_from": ("2000", "2020", "1900", "9999"),
    "year_to": ("2024", "1999", "0"),
    "sort": ("relevance", "newest", "oldest", "title", "scope"),
    "as_typed": ("1", "0", "yes"),
    "q": ("trafficing", "THB victims", "human trafficking", "smugling migrnts", '"TIP" -THB'),
    "page": ("1", "2", "-1", "0", "last", "99999999999999999999"),
    "page_size": ("1", "100", "0", "-5", "100000"),
    "format": ("ris", "bib", "json", "api", "csl"),
    "verb": (
        "Identify",
        "ListRecords",
        "ListIdentifiers",
        "GetRecord",
        "ListSets",
        "ListMetadataFormats",
    ),
    "metadataPrefix": ("oai_dc",),
    "from": ("2020-01-01", "2020-01-01T00:00:00Z", "1900-13-45"),
    "until": ("2030-12-31", "2030-12-31T23:59:59Z"),
    "set": ("objective:10", "kind:document", "region:africa"),
    "state": ("submitted", "in_review", "published"),
    "age": ("7", "30"),
    "next": ("/", "//example.org/", "https://example.org/", "/resources/"),
}

SPECIAL_TEXT = (
    "",
    " ",
    "\x00",
    "a\x00b",
    "\t\n\r",
    "-",
    "%",
    "%00",
    "'",
    '"',
    "\\",
    "../..",
    "<script>alert(1)</script>",
    "' OR '1'='1",
    "\u202e\U0001f600",
    "\ud800",
    "\udfff",
    "NaN",
    "Infinity",
    "1e309",
    "0x10",
    "[]",
    "{}",
    "null",
    "true",
)

long_text = st.builds(
    lambda piece, times: piece * times, st.text(min_size=1, max_size=4), st.integers(200, 3000)
)

# Any value a client could send; bytes become invalid UTF-8 once percent-encoded.
garbage = st.one_of(
    st.text(max_size=40),
    st.sampled_from(SPECIAL_TEXT),
    st.integers().map(str),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.floats().map(str),
    st.dates().map(str),
    long_text,
    st.binary(max_size=20),
)

garbage_key = st.one_of(st.text(max_size=12), st.binary(min_size=1, max_size=6))


def query_value(key) -> st.SearchStrategy:
    """Mix garbage with the values that make ``key`` valid, when it has some."""
    plausible = PLAUSIBLE_QUERY_VALUES.get(key)
    if plausible is None:
        return garbage
    return st.one_of(st.sampled_from(plausible), garbage)


def encode(pairs) -> str:
    """Percent-encode key/value pairs as they are, repeats and invalid UTF-8 included."""
    return urlencode(list(pairs), encoding="utf-8", errors="surrogatepass")


query_pairs = st.lists(
    st.one_of(
        st.sampled_from(QUERY_KEYS).flatmap(lambda key: st.tuples(st.just(key), query_value(key))),
        st.tuples(garbage_key, garbage),
    ),
    max_size=8,
)
query_strings = query_pairs.map(encode)


def field_values(plausible: st.SearchStrategy) -> st.SearchStrategy:
    """Send a field zero times (missing), once, or several times, valid or not."""
    return st.lists(st.one_of(plausible, plausible, garbage), max_size=3)


@st.composite
def form_bodies(draw, fields: dict, valid: dict | None = None, prefix: str = "") -> list:
    """Build the key/value pairs of a form post.

    ``fields`` maps each field name to a strategy of plausible values; ``valid`` is a
    complete valid form. Half the bodies start from ``valid``, spoil up to two fields and
    add unknown ones, so accepted posts are fuzzed as well as refused ones; the others are
    built field by field, known fields repeated at random.
    """
    known = sorted(fields)
    if valid is not None and draw(st.booleans()):
        body = {
            name: value if isinstance(value, list) else [value] for name, value in valid.items()
        }
        for name in draw(st.lists(st.sampled_from(known), max_size=2, unique=True)):
            body[name] = draw(field_values(fields[name]))
        extra_keys = garbage_key.filter(lambda key: key not in fields)
    else:
        body = {name: draw(field_values(strategy)) for name, strategy in fields.items()}
        extra_keys = st.one_of(garbage_key, *([st.sampled_from(known)] if known else []))
    pairs = [(prefix + name, value) for name, values in body.items() for value in values]
    pairs += draw(st.lists(st.tuples(extra_keys, garbage), max_size=3))
    return pairs


def text_value(value) -> str:
    """Make a value sendable in a multipart body, which must be valid UTF-8."""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def fuzz_settings(max_examples: int):
    """Run ``max_examples`` per test (times HUB_FUZZ_SCALE); repeatable where CI=true."""
    on_ci = os.environ.get("CI", "").lower() == "true"
    scale = float(os.environ.get("HUB_FUZZ_SCALE", "1"))
    return settings(
        max_examples=max(1, int(max_examples * scale)),
        deadline=None,
        derandomize=on_ci,
        database=None if on_ci else settings.default.database,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.filter_too_much,
            HealthCheck.data_too_large,
        ],
    )


# Queries that have broken or could break a channel: NUL and control characters, SQL and
# markup, unbalanced quotes, huge text, values out of range, repeated and unknown values.
HOSTILE_QUERIES = [
    "q=%00",
    "q=a%00b&country=NG%00A",
    "q=%27%3B+DROP+TABLE+resources_resource%3B+--",
    "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "q=%22unterminated",
    "q=-",
    "q=or",
    "q=%E2%80%AE%F0%9F%98%80",
    "q=" + "trafficking " * 420,
    "page=-1",
    "page=abc",
    "year_to=99999999999999999999",
    "year_from=2030&year_to=1990",
    "sort=relevance",
    "country=NGA&country=NGA&country=nga",
    "sort=title&sort=newest",
    "scope=planet",
    "%FF=%FE",
    "action=z",
    "language=xx",
]
