"""Import resources from CSV or a JSON backup: ``manage.py import_resources FILE``."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from resources.opendata.importer import (
    FORMATS,
    ImportFileError,
    ImportProblem,
    ImportReport,
    import_source_open,
    resources_import,
)


class Command(BaseCommand):
    @property
    def help(self) -> str:
        return _(
            "Import resources from a CSV file in the columns of /resources/export.csv, or from "
            "a JSON backup written by export_resources. Items are matched on their slug, else "
            "on their link; only what differs is written, so importing a file twice changes "
            "nothing. Rows with errors are reported and skipped; the command then exits with "
            "status 1."
        )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help=_("The CSV or JSON file to import."))
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Check and report everything, then write nothing."),
        )
        parser.add_argument(
            "--all-or-nothing",
            action="store_true",
            help=_("Write nothing if any row has an error (default: import the valid rows)."),
        )
        parser.add_argument(
            "--format",
            choices=FORMATS,
            default=None,
            help=_("Read the file as this format (default: from its extension or content)."),
        )
        parser.add_argument(
            "--quiet",
            action="store_true",
            help=_("Show no progress bar and no warnings; errors and the summary still show."),
        )

    def handle(
        self,
        *args,
        file: Path,
        dry_run: bool = False,
        all_or_nothing: bool = False,
        format: str | None = None,
        quiet: bool = False,
        **options,
    ) -> None:
        try:
            source = import_source_open(path=file, format=format)
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        noun = _("Row") if source.format == "csv" else _("Entry")
        show_bar = not quiet and self.stderr.isatty() and options.get("verbosity", 1) > 0
        with tqdm(
            total=source.total, unit=_("rows"), file=sys.stderr, disable=not show_bar, leave=False
        ) as bar:
            report = resources_import(
                source=source,
                dry_run=dry_run,
                all_or_nothing=all_or_nothing,
                on_progress=bar.update,
            )
        for problem in report.problems:
            if problem.is_error:
                self.stderr.write(self.style.ERROR(self._describe(problem, noun)))
            elif not quiet:
                self.stderr.write(self.style.WARNING(self._describe(problem, noun)))
        self.stdout.write(self._summary(report))
        if report.failed:
            raise CommandError(
                ngettext(
                    "%(failed)s of %(rows)s row could not be imported; see the report above.",
                    "%(failed)s of %(rows)s rows could not be imported; see the report above.",
                    report.rows,
                )
                % {"failed": report.failed, "rows": report.rows}
            )
        if report.errors:
            raise CommandError(_("The file has errors; see the report above."))

    def _describe(self, problem: ImportProblem, noun: str) -> str:
        where = f"{noun} {problem.row}" if problem.row is not None else _("File")
        if problem.column:
            where = f"{where}, {problem.column}"
        return f"{where}: {problem.message}"

    def _summary(self, report: ImportReport) -> str:
        summary = ngettext(
            "%(rows)s row read: %(created)s created, %(updated)s updated, "
            "%(unchanged)s unchanged, %(failed)s failed.",
            "%(rows)s rows read: %(created)s created, %(updated)s updated, "
            "%(unchanged)s unchanged, %(failed)s failed.",
            report.rows,
        ) % {
            "rows": report.rows,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "failed": report.failed,
        }
        if report.dry_run:
            summary += " " + _("Dry run: nothing was written.")
        elif not report.written:
            summary += " " + _(
                "Nothing was written, because --all-or-nothing was given and some rows failed."
            )
        return summary
