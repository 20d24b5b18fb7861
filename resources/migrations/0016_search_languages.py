"""Index each item's text in its own language, accents ignored, and neutrally beside it.

Creates ``unaccent`` and a text search configuration per language the hub stems
(``hub_english``, ``hub_french``, ``hub_spanish``, ``hub_russian``, ``hub_arabic``: the
stock configuration with its words passed through ``unaccent`` before its stemmer) and
``hub_simple`` (``unaccent`` then ``simple``) for other languages and the neutral analysis.
Existing vectors are rewritten with them (``resources.search.languages``), Arabic
normalised and Chinese cut into words, and the vocabulary gets the normalised Arabic words.

Creating an extension needs a role allowed to (docs/DEPLOYMENT.md). Rewriting the vectors
of published items is a public change: the catalogue's triggers record it (``0009``), so
no search remembered with the old vectors is used again. SQLite changes nothing.
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

from resources.models import text_language_of
from resources.search import languages, spelling

CHUNK = 2000


def _configurations() -> list[tuple[str, str, str]]:
    """Return each hub configuration, the stock one it copies and the dictionary after unaccent."""
    stemmed = [(f"hub_{stock}", stock, f"{stock}_stem") for stock in languages.STEMMED.values()]
    return [*stemmed, (languages.NEUTRAL, "simple", "simple")]


def create_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, stock, dictionary in _configurations():
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{stock})")
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION {name} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {dictionary}"
        )


def drop_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _stock, _dictionary in _configurations():
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


def rewrite_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Resource = apps.get_model("resources", "Resource")
    items = Resource.objects.order_by("pk").prefetch_related("languages")
    with schema_editor.connection.cursor() as cursor:
        for start in range(0, items.count(), CHUNK):
            chunk = list(items[start : start + CHUNK])
            languages.write_vectors(
                cursor,
                (
                    (
                        item.pk,
                        text_language_of([language.code for language in item.languages.all()]),
                        item.title,
                        item.summary,
                        item.search_text,
                    )
                    for item in chunk
                ),
            )
            words = spelling.vocabulary_words(text for item in chunk for text in (item.title, item.summary))
            cursor.execute(
                "INSERT INTO resources_searchword (word) SELECT unnest(%s::text[]) "
                "ON CONFLICT DO NOTHING",
                [sorted(words)],
            )
        # Every row was rewritten: plans made with the old statistics scanned the table.
        cursor.execute("ANALYZE resources_resource")


def english_vectors(apps, schema_editor):
    """Go back to the single ``english`` analysis of ``0001``."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "UPDATE resources_resource SET search_vector = "
        "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
        "setweight(to_tsvector('english', coalesce(summary, '')), 'B') || "
        "setweight(to_tsvector('english', coalesce(search_text, '')), 'C')"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0015_text_limits"),
        ("taxonomy", "0002_load_taxonomy"),
    ]

    operations = [
        UnaccentExtension(),
        migrations.RunPython(create_configurations, drop_configurations, elidable=False),
        migrations.RunPython(rewrite_vectors, english_vectors, elidable=False),
    ]
