"""Every declared browse parameter works in every channel: the recipe "Adding a facet".

The tests walk ``resources.vocabulary.PARAMETERS``, so a new declaration is checked in
browse, the API and its schema, feeds, exports, landing pages, the facet index and the
public-change triggers without a line added here.
"""

import pytest
from django.core.cache import caches
from django.db.models import F
from django.http import QueryDict
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import slugify

from resources.facets import matching
from resources.facets.current import catalogue_state
from resources.filters import ResourceFilter
from resources.models import Resource
from resources.vocabulary import FACETS, PARAMETERS, of_model
from resources.vocabulary.parameters import ChoiceParameter, RangeParameter, TermParameter
from taxonomy.models import Country, Region
from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db

INVALID = "no-such-value"


@pytest.fixture(autouse=True)
def unlimited(settings):
    """Let one client ask for every channel many times over."""
    caches["limits"].clear()
    settings.HUB_RATE_LIMITS = {**settings.HUB_RATE_LIMITS, "feed": None, "export": None}


def some_term(declared: TermParameter, *, besides=None):
    """Return a term of this parameter (other than ``besides``), made if there is none.

    Only submissions add organizations and keywords, so a fresh database has none.
    """
    found = declared.model.objects.exclude(pk=getattr(besides, "pk", None)).first()
    if found is not None:
        return found
    name = f"A {declared.parameter} for the test {besides is not None}"
    return declared.model.objects.create(name=name, slug=slugify(name))


def chosen_value(declared) -> tuple[dict[str, str], Resource, Resource]:
    """Make two published items that differ in this parameter; return the query choosing one.

    The first item has the value the query chooses, the other has a different one.
    """
    chosen, other = ResourceFactory(title="The chosen item"), ResourceFactory(title="Another")
    if isinstance(declared, TermParameter):
        queryset = declared.choices() if declared.choices else declared.model.objects.all()
        term = queryset.first() or some_term(declared)
        different = some_term(declared, besides=term)
        for item, value in ((chosen, term), (other, different)):
            if declared.field.many_to_many:
                getattr(item, declared.relation).set([value])
            else:
                setattr(item, declared.relation, value)
                item.save()
        return {declared.parameter: declared.code_of(term)}, chosen, other
    if isinstance(declared, ChoiceParameter):
        first, second = list(declared.choices)[:2]
        Resource.objects.filter(pk=chosen.pk).update(**{declared.field_name: first.value})
        Resource.objects.filter(pk=other.pk).update(**{declared.field_name: second.value})
        return {declared.parameter: declared.code(first)}, chosen, other
    assert isinstance(declared, RangeParameter)
    Resource.objects.filter(pk=chosen.pk).update(**{declared.field_name: declared.minimum + 1})
    Resource.objects.filter(pk=other.pk).update(**{declared.field_name: declared.maximum - 1})
    return dict.fromkeys(declared.url_names, str(declared.minimum + 1)), chosen, other


def invalid_values(declared) -> dict[str, str]:
    return dict.fromkeys(declared.url_names, INVALID)


EVERY_FACET = pytest.mark.parametrize("declared", FACETS, ids=[found.parameter for found in FACETS])


@EVERY_FACET
def test_the_index_and_the_filterset_select_the_same_items(declared):
    query, chosen, other = chosen_value(declared)
    filterset = ResourceFilter(QueryDict(urlencode(query)), queryset=Resource.objects.published())
    assert not filterset.errors
    found = matching(filterset)
    assert found.pks(filterset.sort_order, 0, 10) == [chosen.pk]
    assert list(filterset.qs.values_list("pk", flat=True)) == [chosen.pk]
    counts = {facet.spec.parameter: facet for facet in found.facet_counts()}
    assert counts[declared.parameter].values, "the chosen value is counted"


@EVERY_FACET
def test_browse_filters_by_every_parameter_and_refuses_unknown_values(client, declared):
    query, chosen, other = chosen_value(declared)
    response = client.get(reverse("resources:browse"), query)
    assert response.status_code == 200
    page = response.content.decode()
    assert chosen.title in page and other.title not in page
    assert client.get(reverse("resources:browse"), invalid_values(declared)).status_code == 400


@EVERY_FACET
def test_the_api_filters_by_every_parameter_and_counts_it(client, declared):
    query, chosen, other = chosen_value(declared)
    response = client.get(reverse("api:resource-list"), query)
    assert response.status_code == 200
    body = response.json()
    assert [item["slug"] for item in body["results"]] == [chosen.slug]
    assert body["facets"][declared.parameter]
    refused = client.get(reverse("api:resource-list"), invalid_values(declared))
    assert refused.status_code == 400
    assert set(refused.json()["errors"]) == set(declared.url_names)


def test_the_api_schema_describes_every_parameter_as_declared(client):
    schema = client.get(reverse("api:schema"), HTTP_ACCEPT="application/json").json()
    listed = schema["paths"]["/api/resources/"]["get"]["parameters"]
    described = {parameter["name"]: parameter["schema"] for parameter in listed}
    facets = schema["components"]["schemas"]["Facets"]["properties"]
    for declared in FACETS:
        assert declared.parameter in facets
        for name in declared.url_names:
            schema_of = described[name]
            if isinstance(declared, RangeParameter):
                assert schema_of == {
                    "type": "integer",
                    "minimum": declared.minimum,
                    "maximum": declared.maximum,
                }
            else:
                assert schema_of["type"] == "array"
        if isinstance(declared, ChoiceParameter):
            codes = [declared.code(choice) for choice in declared.choices]
            assert described[declared.parameter]["items"]["enum"] == codes


@EVERY_FACET
def test_feeds_and_exports_take_every_parameter(client, declared):
    query, chosen, other = chosen_value(declared)
    for name in ("resources:feed_rss", "resources:feed_atom", "resources:export_csv"):
        response = client.get(reverse(name), query)
        assert response.status_code == 200, name
        body = b"".join(response) if response.streaming else response.content
        assert chosen.title.encode() in body and other.title.encode() not in body, name
        assert client.get(reverse(name), invalid_values(declared)).status_code == 400, name
    for name in ("resources:export_ris", "resources:export_bib"):
        assert client.get(reverse(name), query).status_code == 200, name
        assert client.get(reverse(name), invalid_values(declared)).status_code == 400, name


@EVERY_FACET
def test_landing_pages_take_every_parameter(client, declared):
    query, chosen, other = chosen_value(declared)
    model = next(model for model in (Region, Country) if of_model(model) is not declared)
    term = model.objects.first()
    for item in (chosen, other):
        getattr(item, of_model(model).relation).add(term)
    address = term.get_absolute_url()
    response = client.get(address, query)
    assert response.status_code == 200
    page = response.content.decode()
    assert chosen.title in page and other.title not in page
    assert client.get(address, invalid_values(declared)).status_code == 400


@pytest.mark.parametrize("declared", PARAMETERS, ids=[found.parameter for found in PARAMETERS])
def test_every_declared_table_moves_the_catalogue_version(declared):
    """The public-change triggers (migrations 0004, 0008, 0009) cover every declared table.

    Changing a published item's value, and renaming the term it names, must each move the
    catalogue version, or the facet index would go on showing the old data.
    """
    item = ResourceFactory()
    before = catalogue_state().number
    if isinstance(declared, TermParameter):
        term = some_term(declared)
        if declared.field.many_to_many:
            getattr(item, declared.relation).add(term)
        else:
            setattr(item, declared.relation, term)
            item.save()
        assert declared.field.related_model._meta.db_table in declared.tables
        tagged = catalogue_state().number
        assert tagged > before, declared.tables[0]
        declared.model.objects.filter(pk=term.pk).update(
            **{declared.label_field: F(declared.label_field)}
        )
        assert catalogue_state().number > tagged, declared.tables[1]
    else:
        column = declared.item_column
        value = getattr(item, column)
        changed = (
            value + 1
            if isinstance(value, int)
            else next(choice.value for choice in declared.choices if choice.value != value)
        )
        Resource.objects.filter(pk=item.pk).update(**{column: changed})
        assert catalogue_state().number > before, declared.tables


@pytest.mark.django_db
@pytest.mark.parametrize(
    "declared", [p for p in PARAMETERS if isinstance(p, RangeParameter)], ids=str
)
def test_the_browse_form_offers_a_range_within_its_declared_bounds(client, declared):
    page = client.get(reverse("resources:browse")).content.decode()

    for name in declared.url_names:
        assert f'name="{name}" min="{declared.minimum}" max="{declared.maximum}"' in page
