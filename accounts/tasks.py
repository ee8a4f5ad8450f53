"""Background e-mail for accounts. Tasks take ids and reload rows."""

from celery import shared_task
from django.apps import apps
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

from accounts.models import User
from accounts.services import user_set_password_url


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_invitation(user_id: int, course_id: int | None, inviter_id: int | None) -> None:
    """E-mail a new team member a link to set their password."""
    # By label, as the User model's own foreign key to teams does: accounts imports no domain app.
    Course = apps.get_model("teams", "Course")
    user = User.objects.filter(pk=user_id).first()
    if user is None or user.has_usable_password():
        return  # gone, or already set a password: the invitation is moot
    context = {
        "user": user,
        "course": Course.objects.filter(pk=course_id).first() if course_id else None,
        "inviter": User.objects.filter(pk=inviter_id).first() if inviter_id else None,
        "url": user_set_password_url(user=user, base_url=settings.SITE_URL),
    }
    subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
    body = render_to_string("accounts/email/invitation.txt", context)
    send_mail(subject, body, None, [user.email])
