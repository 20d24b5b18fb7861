"""Write a full JSON backup of the catalogue: ``manage.py export_resources [--output FILE]``."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from resources.models import Resource
from resources.opendata.records import backup_write


class Command(BaseCommand):
    @property
    def help(self) -> str:
        return _(
            "Write every resource, whatever its status, with its organizations and keywords, "
            "as JSON that import_resources restores exactly. Writes to standard output unless "
            "--output is given."
        )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help=_("The file to write (default: standard output)."),
        )

    def handle(self, *args, output: Path | None = None, **options) -> None:
        if output is None:
            self.stdout.ending = ""
            backup_write(output=self.stdout)
            return
        partial = output.with_name(f".{output.name}.partial")
        try:
            with open(partial, "w", encoding="utf-8") as file:
                backup_write(output=file)
            partial.replace(output)
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise CommandError(
                _("Cannot write %(path)s: %(reason)s.") % {"path": output, "reason": error.strerror}
            ) from error
        if options.get("verbosity", 1) > 0:
            count = Resource.objects.count()
            self.stdout.write(
                ngettext(
                    "Wrote %(count)s resource to %(path)s.",
                    "Wrote %(count)s resources to %(path)s.",
                    count,
                )
                % {"count": count, "path": output}
            )
