from typing import Any

from django.apps import AppConfig
from django.core.signals import setting_changed
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from core import checks  # noqa: F401  (registers the system checks)

        # Every app's outbox handlers (<app>/outbox.py), so that web and worker processes know them all.
        autodiscover_modules("outbox")
        setting_changed.connect(_forget_kept_markup, dispatch_uid="core.forget_kept_markup")


# Settings that URLs and markup kept per process are built from (only tests change settings in a running process).
KEPT_FROM = {"ROOT_URLCONF", "FORCE_SCRIPT_NAME", "STATIC_URL", "STORAGES", "LANGUAGES", "LANGUAGE_CODE", "TIME_ZONE"}


def _forget_kept_markup(*, setting: str, **kwargs: Any) -> None:
    from core import urls_fast
    from core.templatetags.microcred import PerLanguageNode

    if setting in KEPT_FROM:
        urls_fast.clear()
        PerLanguageNode.forget()
