from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubConfig(AppConfig):
    name = "hub"
    verbose_name = _("Hub")

    def ready(self):
        from resources.catalogue_fragments import register_fragment

        from . import sessions  # noqa: F401 - connects the sign-in and disabled-account signals
        from .selectors import home_entry_points

        register_fragment(
            name="home-entry-points",
            template="hub/includes/home_entry_points.html",
            context=home_entry_points,
        )
