"""Settings of the documents app, read once per use so tests can override them."""

from django.conf import settings


def max_upload_bytes() -> int:
    return int(settings.DOCUMENTS_MAX_UPLOAD_MB) * 1024 * 1024
