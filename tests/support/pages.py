"""What the support page tests share: URLs, form field names, today."""

from django.urls import reverse
from django.utils import timezone

from support.models import Consultation, ServiceKind

INTL, TL, IT = ServiceKind.INTERNATIONALISATION, ServiceKind.TEACHING_LEARNING, ServiceKind.IT
Status = Consultation.Status


def url(name, course, **kwargs):
    return reverse(f"support:{name}", kwargs={"slug": course.slug, **kwargs})


def consultation_post(institution_id, kind=INTL, **fields):
    return {f"consultation-{institution_id}-{kind}-{k}": v for k, v in fields.items()}


def today():
    return timezone.localdate()
