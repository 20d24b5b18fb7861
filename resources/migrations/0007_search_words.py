"""Match misspelt searches against the catalogue's vocabulary instead of every summary.

The summaries' trigram index served only that comparison, which took seconds at 100,000
items; it goes, and a table of the distinct words of titles and summaries, with its own
trigram index, takes its place. Existing items' words are recorded here.
"""

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations, models

from hub.postgres import AddIndexOnPostgres, RemoveIndexOnPostgres


def record_existing_words(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "INSERT INTO resources_searchword (word) "
        "SELECT DISTINCT word FROM resources_resource, "
        "regexp_split_to_table(lower(title || ' ' || summary), '[^[:alpha:]]+') AS word "
        "WHERE length(word) BETWEEN 3 AND 40 ON CONFLICT DO NOTHING"
    )


class Migration(migrations.Migration):

    dependencies = [
        ("resources", "0006_search_vector_inline"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("word", models.CharField(max_length=100, primary_key=True, serialize=False,
                                          verbose_name="word")),
            ],
            options={
                "verbose_name": "search word",
                "verbose_name_plural": "search words",
            },
        ),
        AddIndexOnPostgres(
            model_name="searchword",
            index=GinIndex(fields=["word"], name="search_word_trgm", opclasses=["gin_trgm_ops"]),
        ),
        RemoveIndexOnPostgres(model_name="resource", name="resource_summary_trgm"),
        migrations.RunPython(record_existing_words, migrations.RunPython.noop, elidable=False),
    ]
