from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = _("Reminders")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from core.versions import not_shown_on_course_pages
        from reminders.models import Reminder
        from reminders.services import forget_unread

        # Reminders show in the bell and on the reminders page, neither of which is a cached fragment.
        not_shown_on_course_pages("reminders.Reminder")

        # The bell's count is kept in the cache (reminders.services.unread_count) until a reminder changes.
        def forget(sender, instance, **kwargs) -> None:
            forget_unread([instance.recipient_id])

        post_save.connect(forget, sender=Reminder, dispatch_uid="reminders-unread", weak=False)
        post_delete.connect(forget, sender=Reminder, dispatch_uid="reminders-unread", weak=False)
