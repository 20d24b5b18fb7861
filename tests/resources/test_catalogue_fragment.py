"""``{% catalogue_fragment %}`` renders a part once per catalogue version and language."""

import pytest
from django.template import Context, Template
from django.utils import translation

from resources.catalogue_fragments import _fragments, register_fragment
from resources.facets.current import current_index, forget_index
from resources.models import Status
from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db

PAGE = Template('{% load catalogue %}{% catalogue_fragment "counted" %}')


class Counted:
    """Give the part its context, counting how many times it was actually rendered."""

    def __init__(self, fail: bool = False) -> None:
        self.languages: list[str] = []
        self.fail = fail

    def __call__(self, *, index) -> dict:
        self.languages.append(translation.get_language())
        if self.fail:
            raise RuntimeError("the part cannot be rendered")
        return {"catalogue": index, "totals": {"resources": index.size}}


@pytest.fixture
def counted():
    """Register a part showing the number of published items, counting its renderings."""
    forget_index()  # no index from another test has rendered it in other languages
    context = Counted()
    register_fragment(
        name="counted", template="resources/includes/fragment_test.html", context=context
    )
    yield context
    _fragments.pop("counted")


@pytest.fixture(autouse=True)
def new_catalogue_version():
    """Start from a version of the catalogue no other test has rendered anything for."""
    ResourceFactory()


def render(index) -> str:
    return PAGE.render(Context({"catalogue": index}))


@pytest.fixture(autouse=True)
def fragment_template(settings, tmp_path):
    """Provide the part's template: its language and the number of published items."""
    folder = tmp_path / "resources" / "includes"
    folder.mkdir(parents=True)
    (folder / "fragment_test.html").write_text(
        "{% load i18n %}{% get_current_language as language %}{{ language }}:{{ totals.resources }}"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]


def test_a_fragment_is_rendered_once_per_index_and_language(counted):
    index = current_index()
    with translation.override("en"):
        assert render(index) == render(index) == f"en:{index.size}"
    with translation.override("fr"):
        assert render(index) == render(index) == f"fr:{index.size}"
    assert counted.languages == ["en", "fr"]


def test_a_publication_renders_the_fragment_again_before_any_page_asks(counted):
    with translation.override("fr"):
        before = render(current_index())
    ResourceFactory(status=Status.PUBLISHED)
    index = current_index()
    assert counted.languages == ["fr", "fr"]
    assert index.rendered.peek(("fragment", "counted", "fr")) == f"fr:{index.size}" != before
    with translation.override("fr"):
        assert render(index) == f"fr:{index.size}"
    assert len(counted.languages) == 2


def test_a_part_that_fails_ahead_is_rendered_when_a_page_asks(counted, caplog):
    with translation.override("en"):
        render(current_index())
    counted.fail = True
    ResourceFactory(status=Status.PUBLISHED)
    index = current_index()
    assert "could not be rendered ahead" in caplog.text
    counted.fail = False
    with translation.override("en"):
        assert render(index) == f"en:{index.size}"
