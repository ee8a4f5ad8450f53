from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from core import checks  # noqa: F401  (registers the system checks)

        # Every app's outbox handlers (<app>/outbox.py), so that web and worker processes know them all.
        autodiscover_modules("outbox")
