"""Gather the interface's strings into the catalogues the way the hub keeps them."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    """Gather strings from the hub's own code, naming files without line numbers.

    Line numbers would change every catalogue at each edit of a template; tests and the
    benchmark show nothing to users; obsolete messages would only be dead weight for
    translators. With no language named, every catalogue in ``locale/`` is updated.
    """

    IGNORED = [".venv", "tests", "bench", "staticfiles", "node_modules"]

    def handle(self, *args, **options):
        options["ignore_patterns"] = [*options["ignore_patterns"], *self.IGNORED]
        options["add_location"] = options["add_location"] or "file"
        options["no_obsolete"] = True
        if not options["locale"] and not options["exclude"]:
            options["all"] = True
        return super().handle(*args, **options)
