"""Generate a large synthetic catalogue shaped like the real one, for benchmarks.

Items are built from the hub's own words (the Compact's objectives, actions and principles,
the demo items' titles and summaries) so that text search has real terms to find, and are
tagged with skewed (Zipf-like) distributions: a few countries, publishers and document types
carry most items, as in any real catalogue, and Objective 10 is the most common objective.
The same seed on the same database gives the same items. Rows are written in bulk; the
search vectors are then computed by the database in one statement per batch.
"""

from collections.abc import Callable, Iterator

from django.db import transaction

from hub.slugs import unique_slug
from resources.models import Resource
from resources.search import is_postgresql

from .items import ItemGenerator
from .vocabulary import build_vocabulary, ensure_taxonomy
from .writing import copy_batch, insert_batch

BATCH_SIZE = 2000


def generate_items(*, count: int, seed: int, progress: Callable[[int], None] | None = None) -> int:
    """Add ``count`` synthetic items to the catalogue and index them; return how many.

    Titles repeat by the thousand, so each slug carries the item's number: numbering only
    the taken ones would test ever more candidates as the catalogue grows.
    """
    taxonomy = ensure_taxonomy(seed=seed)
    generator = ItemGenerator(seed=seed, taxonomy=taxonomy, vocabulary=build_vocabulary())
    taken = set(Resource.objects.values_list("slug", flat=True))
    write = copy_batch if is_postgresql() else insert_batch
    created = 0
    for batch in _batches(count):
        items = [generator.item(created + offset + 1) for offset in range(batch)]
        for resource, _tags in items:
            created += 1
            resource.slug = unique_slug(f"{resource.title[:90]} {created}", taken=taken)
            taken.add(resource.slug)
        with transaction.atomic():
            write(items)
        if progress:
            progress(batch)
    return created


def _batches(count: int) -> Iterator[int]:
    while count > 0:
        yield min(BATCH_SIZE, count)
        count -= BATCH_SIZE
