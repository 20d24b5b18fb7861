"""Load the demo catalogue and demo accounts.

``manage.py load_demo [--force] [--path FILE] [--links FILE]``
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from resources.demo import DemoDataError, default_path, demo_load


class Command(BaseCommand):
    help = (
        "Load the demo resources and the demo accounts (partner, reviewer, reviewer-un, "
        "reviewer-2, editor). Safe to run again. Refuses to run when DEBUG is off."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even though DEBUG is off. Never do this on a production database.",
        )
        parser.add_argument(
            "--path",
            type=Path,
            default=None,
            help="The demo content file (default: fixtures/demo/resources.json).",
        )
        parser.add_argument(
            "--links",
            type=Path,
            default=None,
            help="The demo items' links, a CSV by slug (default: fixtures/demo/links.csv).",
        )

    def handle(
        self,
        *args,
        force: bool = False,
        path: Path | None = None,
        links: Path | None = None,
        **options,
    ) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to load demo content: DEBUG is off, so this may be a production "
                "database, and the demo accounts share a published password. "
                "Pass --force to load it anyway."
            )
        try:
            summary = demo_load(path=path or default_path(), links_path=links)
        except DemoDataError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(summary))
        if options.get("verbosity", 1) > 1:
            self.stdout.write(f"Created {summary.created}, updated {summary.updated}.")
