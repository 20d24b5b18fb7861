from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubConfig(AppConfig):
    name = "hub"
    verbose_name = _("Hub")

    def ready(self):
        from . import sessions  # noqa: F401 - connects the sign-in and disabled-account signals
