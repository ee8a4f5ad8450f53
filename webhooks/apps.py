from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "webhooks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from governance import signals
        from webhooks.events import on_gate_passed

        signals.gate_passed.connect(on_gate_passed, dispatch_uid="webhooks.gate_passed")
