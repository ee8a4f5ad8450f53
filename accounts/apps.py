from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from accounts.models import User

        post_save.connect(_account_changed, sender=User, dispatch_uid="account-version:save")
        post_delete.connect(_account_changed, sender=User, dispatch_uid="account-version:delete")


def _account_changed(sender, instance, **kwargs) -> None:
    """Cached copies of the user (accounts.backends.CachedModelBackend) are outdated."""
    from core.versions import bump_accounts

    bump_accounts([instance.pk])
