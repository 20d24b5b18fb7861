"""Fill the catalogue with synthetic items for benchmarks: ``manage.py generate_items``."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from bench.synthetic import generate_items


class Command(BaseCommand):
    help = (
        "Add N synthetic items (about 91% published, the rest in other states) tagged like "
        "the real catalogue, for benchmarks. The same seed on the same database gives the "
        "same items."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=10_000, help="Items to add.")
        parser.add_argument("--seed", type=int, default=1, help="Seed of the generator.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (never on a production catalogue).",
        )

    def handle(self, *args, count: int, seed: int, force: bool, **options):
        if count < 1:
            raise CommandError("--count must be at least 1.")
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this looks like a production catalogue. Synthetic items "
                "would be public. Pass --force if this database is for benchmarks."
            )
        with tqdm(
            total=count, unit="items", disable=options["verbosity"] == 0, file=self.stderr._out
        ) as bar:
            created = generate_items(count=count, seed=seed, progress=bar.update)
        self.stdout.write(self.style.SUCCESS(f"Added {created} synthetic items."))
