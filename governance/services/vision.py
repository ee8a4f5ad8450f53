"""The joint vision: draft a version, change its sections, comment, put it forward for adoption.

Adoption reuses the decisions by consent (``quality.services.decisions``): the version is adopted when its
decision is agreed. Changing a version under decision revises that decision, so every institution consents
to the text as it stands.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from core.history import attribute
from governance.models import VisionComment, VisionSection, VisionVersion
from quality.models import Consent, Decision
from quality.services.decisions import decision_propose, decision_revise
from teams.models import Course, Membership

SECTIONS = list(VisionSection.values)

FROZEN = gettext_lazy("Version {version} is adopted and can no longer be changed. Start a new version to change it.")
IN_MAKING = gettext_lazy("Version {version} is still being prepared; change that one instead of starting another.")
NOT_DRAFT = gettext_lazy("Version {version} has already been put forward for adoption.")
SECTIONS_EMPTY = gettext_lazy("Write every section before putting the vision forward; still empty: {sections}.")
UNKNOWN_SECTION = gettext_lazy("Choose one of the vision's sections.")
COMMENT_REQUIRED = gettext_lazy("Write a comment.")
COMMENT_ON_FROZEN = gettext_lazy("Version {version} is adopted; comment on a new version instead.")
NOTHING_CHANGED = gettext_lazy("Nothing changed in this section.")


def _lock(vision: VisionVersion) -> VisionVersion:
    return (
        VisionVersion.objects.select_for_update(of=("self",))
        .select_related("course", "adoption_decision")
        .get(pk=vision.pk)
    )


def vision_summary(vision: VisionVersion) -> str:
    """The decision's text: what the team consents to, with a fingerprint of the exact wording.

    Written in the site's language, whoever is editing: the text is compared to detect a change of content, and a
    change of language alone must not revise the decision (and reset every position)."""
    digest = hashlib.sha256("\x1e".join(getattr(vision, key) for key in SECTIONS).encode()).hexdigest()[:12]
    with translation.override(settings.LANGUAGE_CODE):
        lines = [
            _("Adopt version %(version)s of the joint vision, as written on its page.") % {"version": vision.version}
        ]
        for _key, label, text in vision.sections():
            words = len(text.split())
            lines.append(f"- {label}: " + (_("%(words)s words") % {"words": words}))
        lines.append(_("Text fingerprint: %(digest)s") % {"digest": digest})
        return "\n".join(lines)


@transaction.atomic
def vision_start(*, actor: User, course: Course) -> VisionVersion:
    """Start a new version, copied from the latest one (a change to an adopted vision starts from it)."""
    Course.objects.select_for_update().filter(pk=course.pk).first()  # one version in the making at a time
    latest = VisionVersion.objects.filter(course=course).select_related("adoption_decision").first()
    if latest is not None and not latest.is_frozen:
        raise ValidationError(IN_MAKING.format(version=latest.version))
    vision = VisionVersion(course=course, version=(latest.version + 1) if latest else 1, created_by=actor)
    for key in SECTIONS:
        setattr(vision, key, getattr(latest, key) if latest else "")
    attribute(vision, actor)
    vision.save()
    return vision


@transaction.atomic
def vision_section_save(*, actor: User, vision: VisionVersion, section: str, text: str) -> VisionVersion:
    """Change one section of a version that is not adopted; a version under decision revises its decision."""
    vision = _lock(vision)
    if vision.is_frozen:
        raise ValidationError(FROZEN.format(version=vision.version))
    if section not in SECTIONS:
        raise ValidationError({"section": UNKNOWN_SECTION})
    text = (text or "").strip()
    if text == getattr(vision, section):
        raise ValidationError({"text": NOTHING_CHANGED})
    setattr(vision, section, text)
    vision.full_clean(exclude=["adoption_decision", "course", "created_by"], validate_constraints=False)
    attribute(vision, actor)
    vision.save()
    _proposal_changed(vision, actor)
    return vision


def _proposal_changed(vision: VisionVersion, actor: User) -> None:
    decision = vision.adoption_decision
    if decision is None:
        return
    text = vision_summary(vision)
    if Consent.objects.filter(decision=decision, version=decision.version).exists():
        decision_revise(actor=actor, decision=decision, title=decision.title, text=text)
    else:
        decision.text = text
        attribute(decision, actor)
        decision.save(update_fields=["text", "updated_at"])


@transaction.atomic
def vision_propose(*, actor: User, vision: VisionVersion) -> Decision:
    """Put a complete draft forward: a decision every institution of the course is asked to consent to."""
    vision = _lock(vision)
    if vision.adoption_decision_id is not None:
        raise ValidationError(NOT_DRAFT.format(version=vision.version))
    empty = [str(label) for key, label, text in vision.sections() if not text.strip()]
    if empty:
        raise ValidationError(SECTIONS_EMPTY.format(sections=", ".join(empty)))
    decision = decision_propose(
        actor=actor,
        course=vision.course,
        title=_("Adopt the joint vision, version %(version)s") % {"version": vision.version},
        text=vision_summary(vision),
    )
    vision.adoption_decision = decision
    attribute(vision, actor)
    vision.save()
    return decision


@transaction.atomic
def vision_comment_add(*, actor: User, vision: VisionVersion, section: str, text: str) -> VisionComment:
    """A comment on one section; the commenter's institution is kept so the leader sees who speaks for whom."""
    vision = _lock(vision)
    if vision.is_frozen:
        raise ValidationError(COMMENT_ON_FROZEN.format(version=vision.version))
    errors = {}
    if section not in SECTIONS:
        errors["section"] = UNKNOWN_SECTION
    text = (text or "").strip()
    if not text:
        errors["text"] = COMMENT_REQUIRED
    if errors:
        raise ValidationError(errors)
    institution_id = (
        Membership.objects.filter(course_id=vision.course_id, user=actor)
        .values_list("institution_id", flat=True)
        .first()
    )
    comment = VisionComment(vision=vision, section=section, author=actor, institution_id=institution_id, text=text)
    comment.full_clean(exclude=["vision", "author", "institution"])
    attribute(comment, actor)
    comment.save()
    return comment
