from django.apps import AppConfig


class DigestsConfig(AppConfig):
    name = "digests"
    verbose_name = "E-mail preferences and digests"

    def ready(self) -> None:
        from digests.mail import list_headers, message_id
        from digests.selectors import deliveries_for
        from reminders import mailing

        mailing.register(deliveries_for=deliveries_for, list_headers=list_headers, message_id=message_id)
