from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = _("Resources")

    def ready(self) -> None:
        from django.db import connection
        from django.db.backends.signals import connection_created

        from . import signals  # noqa: F401
        from .search.languages import register_folding

        connection_created.connect(register_folding, dispatch_uid="hub_search_folding")
        if connection.connection is not None:
            register_folding(sender=None, connection=connection)
