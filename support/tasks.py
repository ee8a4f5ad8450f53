"""Background work of the support app. Tasks take ids and call services."""

from celery import shared_task

from support.services.emails import consultation_request_send


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_consultation_request(consultation_id: int) -> None:
    """E-mail the service contact of a requested consultation (at most once per request)."""
    consultation_request_send(consultation_id=consultation_id)
