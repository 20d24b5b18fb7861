"""``{% catalogue_fragment %}`` renders a part once per catalogue version and language."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation

from resources.facets.current import current_index
from resources.models import Status
from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db

FRAGMENT = Template(
    '{% load catalogue i18n %}{% catalogue_fragment "totals" %}'
    "{% get_current_language as language %}{{ language }}:{{ counter.next }}"
    "{% endcatalogue_fragment %}"
)


class Counter:
    """Count how many times the part was actually rendered."""

    def __init__(self) -> None:
        self.calls = 0

    def next(self) -> int:
        self.calls += 1
        return self.calls


def render(index, counter: Counter) -> str:
    return FRAGMENT.render(Context({"catalogue": index, "counter": counter}))


@pytest.fixture(autouse=True)
def new_catalogue_version():
    """Start from a version of the catalogue no other test has rendered anything for."""
    ResourceFactory()


def test_a_fragment_is_rendered_once_per_index_and_language():
    counter = Counter()
    index = current_index()
    with translation.override("en"):
        assert render(index, counter) == "en:1"
        assert render(index, counter) == "en:1"
    with translation.override("fr"):
        assert render(index, counter) == "fr:2"
        assert render(index, counter) == "fr:2"


def test_a_change_to_the_catalogue_renders_the_fragment_again():
    counter = Counter()
    with translation.override("en"):
        assert render(current_index(), counter) == "en:1"
        ResourceFactory(status=Status.PUBLISHED)
        assert render(current_index(), counter) == "en:2"


def test_without_the_catalogue_the_fragment_is_rendered_every_time():
    counter = Counter()
    with translation.override("en"):
        assert render(None, counter) == "en:1"
        assert render(None, counter) == "en:2"


def test_a_fragment_needs_exactly_one_name():
    with pytest.raises(TemplateSyntaxError, match="one argument"):
        Template("{% load catalogue %}{% catalogue_fragment %}{% endcatalogue_fragment %}")
