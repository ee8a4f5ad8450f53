from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigestsConfig(AppConfig):
    name = "digests"
    verbose_name = _("E-mail preferences and digests")

    def ready(self) -> None:
        from digests.mail import list_headers, message_id
        from digests.selectors import deliveries_for
        from reminders import mailing

        mailing.register(deliveries_for=deliveries_for, list_headers=list_headers, message_id=message_id)
