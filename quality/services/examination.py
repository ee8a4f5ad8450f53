"""Examination rules: draft a version, edit it, put it forward for adoption; binding versions are frozen."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.i18n import prose_list
from quality.models import AssessmentMethod, Award, Consent, Decision, ExaminationRules
from quality.services import attribute
from quality.services.decisions import decision_propose, decision_revise
from quality.services.grading import (  # noqa: F401 (the grading messages stay importable from here)
    GRADE_BELOW_PASS,
    GRADE_NOT_NUMBER,
    GRADE_NOT_PASSING,
    LETTER_TOO_LONG,
    LETTERS_TOO_FEW,
    LOWEST_PASS_IS_LAST,
    LOWEST_PASS_UNKNOWN,
    NO_GRADE_IN_PASS_FAIL,
    PASS_MARK_OFF_SCALE,
    REQUIRED,
    SCALE_ORDER,
    _num,
    _validate_grading,
    _validate_minimum_grade,
)
from teams.models import Course

StrOrPromise = str | Promise
Status = ExaminationRules.Status
Grading = ExaminationRules.GradingSystem

# One whole sentence per frozen status: a status name lowercased into a sentence does not inflect.
FROZEN: dict[str, Any] = {
    ExaminationRules.Status.BINDING: _(
        "Version {version} is binding: it can no longer be changed. Start a new version to propose changes."
    ),
    ExaminationRules.Status.SUPERSEDED: _(
        "Version {version} is superseded: it can no longer be changed. Start a new version to propose changes."
    ),
}
IN_MAKING = _("Version {version} is still being prepared; finish or change that one instead of starting another.")
NOT_DRAFT = _("Version {version} has already been put forward for adoption.")
WEIGHTS_OVER = _("The weights would add up to {total}%; together they must make exactly 100%.")
WEIGHTS_NOT_100 = _("The assessment weights add up to {total}%; they must add up to exactly 100% before adoption.")
NO_METHODS = _("Add at least one assessment method before proposing the rules.")
NO_AWARDS = _("Add at least one award (badge, ECTS credits or certificate) before proposing the rules.")
METHOD_NAME_TAKEN = _("There is already an assessment method called “{name}”.")
# One whole sentence per kind of award: a kind's name lowercased into a sentence is wrong (even "a ects credits").
AWARD_EXISTS: dict[str, Any] = {
    Award.Kind.BADGE: _("This version already has a digital badge; change that one."),
    Award.Kind.ECTS: _("This version already has an award of ECTS credits; change that one."),
    Award.Kind.CERTIFICATE: _("This version already has a certificate; change that one."),
}
AWARD_NOT_IN_RULES = _("This award belongs to another version of the rules.")
ECTS_REQUIRED = _("Say how many ECTS credits are awarded.")
ECTS_NOT_POSITIVE = _("ECTS credits awarded must be more than 0.")
ECTS_OVER_COURSE = _("ECTS credits awarded ({awarded}) cannot exceed the course's {course} ECTS.")
ECTS_ONLY_FOR_ECTS = _("Only an ECTS credits award carries ECTS credits; leave this empty.")
ASSESSMENT_NOT_IN_RULES = _("Choose assessment methods of this version of the rules.")
ATTENDANCE_RANGE = _("Attendance is a percentage between 0 and 100.")
GRADING_BREAKS_AWARD = _(
    "The {award} award requires the minimum grade “{grade}”, which this grading system does not have; change the award first."
)


def frozen_refusal(rules: ExaminationRules) -> str:
    """Why ``rules`` can no longer be changed, or "" while it is a draft or a proposal."""
    if not rules.is_frozen:
        return ""
    return str(FROZEN[rules.status].format(version=rules.version))


def _require_editable(rules: ExaminationRules) -> None:
    if rules.is_frozen:
        raise ValidationError(frozen_refusal(rules))


def _lock(rules: ExaminationRules) -> ExaminationRules:
    """Reload and lock the version so two edits (or an edit and an agreement) cannot interleave."""
    return ExaminationRules.objects.select_for_update().select_related("course").get(pk=rules.pk)


def rules_summary(rules: ExaminationRules) -> str:
    """The text a team consents to: the whole content of the version, in words.

    Written in the site's language, whoever is editing: the text is compared to detect a change of content,
    and a change of language alone must not revise the decision (and reset every position)."""
    with translation.override(settings.LANGUAGE_CODE):
        lines = [gettext("Grading system: %(system)s.") % {"system": rules.get_grading_system_display()}]
        if rules.grading_system == Grading.NUMERIC:
            lines.append(
                gettext("Scale %(low)s–%(high)s, pass mark %(pass_mark)s.")
                % {"low": _num(rules.scale_min), "high": _num(rules.scale_max), "pass_mark": _num(rules.pass_mark)}
            )
        elif rules.grading_system == Grading.LETTER:
            lines.append(
                gettext("Grades %(grades)s; lowest pass %(lowest)s.")
                % {"grades": ", ".join(rules.letters), "lowest": rules.lowest_pass_letter}
            )
        lines.append(gettext("Assessment methods:"))
        lines += [f"- {m.name}: {m.weight_percent}%" for m in rules.assessment_methods.all()]
        lines.append(gettext("Awards:"))
        for award in rules.awards.prefetch_related("required_assessments"):
            conditions = []
            if award.ects_credits:
                conditions.append(gettext("%(credits)s ECTS") % {"credits": _num(award.ects_credits)})
            if award.minimum_grade:
                conditions.append(gettext("minimum grade %(grade)s") % {"grade": award.minimum_grade})
            else:
                # Translators: an award's condition, in a list such as "Digital badge: a pass; attendance at least 80%".
                conditions.append(gettext("a pass"))
            if award.minimum_attendance_percent is not None:
                conditions.append(
                    gettext("attendance at least %(percent)s%%") % {"percent": award.minimum_attendance_percent}
                )
            required = [m.name for m in award.required_assessments.all()]
            if required:
                conditions.append(gettext("completed %(methods)s") % {"methods": prose_list(required)})
            lines.append(f"- {award.get_kind_display()}: " + "; ".join(conditions))
        if rules.notes:
            lines.append(gettext("Notes: %(notes)s") % {"notes": rules.notes})
        return "\n".join(lines)


def _proposal_changed(rules: ExaminationRules, actor: User) -> None:
    """A change to rules under decision revises the decision: a new version when positions were recorded."""
    if rules.status != Status.PROPOSED or rules.adoption_decision_id is None:
        return
    decision = rules.adoption_decision
    if decision is None:
        return
    text = rules_summary(rules)
    if text == decision.text:
        return
    if Consent.objects.filter(decision=decision, version=decision.version).exists():
        decision_revise(actor=actor, decision=decision, title=decision.title, text=text)
    else:
        decision.text = text
        attribute(decision, actor)
        decision.save(update_fields=["text", "updated_at"])


@transaction.atomic
def rules_start(*, actor: User, course: Course) -> ExaminationRules:
    """Start a new version, copied from the latest one (so a change to binding rules starts from them)."""
    in_making = ExaminationRules.objects.filter(course=course, status__in=[Status.DRAFT, Status.PROPOSED]).first()
    if in_making:
        raise ValidationError(IN_MAKING.format(version=in_making.version))
    latest = ExaminationRules.objects.filter(course=course).order_by("-version").first()
    rules = ExaminationRules(course=course, version=(latest.version + 1) if latest else 1)
    if latest:
        for name in [
            "grading_system",
            "scale_min",
            "scale_max",
            "pass_mark",
            "letter_grades",
            "lowest_pass_letter",
            "notes",
        ]:
            setattr(rules, name, getattr(latest, name))
    attribute(rules, actor)
    rules.save()
    if latest:
        copies = {}
        for method in latest.assessment_methods.all():
            copy = AssessmentMethod(rules=rules, name=method.name, description=method.description,
                                    weight_percent=method.weight_percent)  # fmt: skip
            attribute(copy, actor)
            copy.save()
            copies[method.pk] = copy
        for award in latest.awards.prefetch_related("required_assessments"):
            required = [copies[m.pk] for m in award.required_assessments.all()]
            award_copy = Award(rules=rules, kind=award.kind, ects_credits=award.ects_credits,
                               minimum_grade=award.minimum_grade,
                               minimum_attendance_percent=award.minimum_attendance_percent)  # fmt: skip
            attribute(award_copy, actor)
            award_copy.save()
            award_copy.required_assessments.set(required)
    return rules


@transaction.atomic
def rules_update(*, actor: User, rules: ExaminationRules, **fields: Any) -> ExaminationRules:
    """Change the grading system and notes of a version that is not yet binding."""
    rules = _lock(rules)
    _require_editable(rules)
    for name, value in fields.items():
        setattr(rules, name, value)
    _validate_grading(rules)
    for award in rules.awards.all():
        if award.minimum_grade:
            try:
                _validate_minimum_grade(rules, award.minimum_grade)
            except ValidationError as error:
                raise ValidationError(
                    {
                        "grading_system": GRADING_BREAKS_AWARD.format(
                            award=award.get_kind_display(), grade=award.minimum_grade
                        )
                    }
                ) from error
    rules.full_clean(exclude=["adoption_decision"], validate_constraints=False)
    attribute(rules, actor)
    rules.save()
    _proposal_changed(rules, actor)
    return rules


def weights_total(rules: ExaminationRules) -> int:
    return rules.assessment_methods.aggregate(total=Sum("weight_percent"))["total"] or 0


@transaction.atomic
def method_add(
    *, actor: User, rules: ExaminationRules, name: str, weight_percent: int, description: str = ""
) -> AssessmentMethod:
    """Add an assessment method; the weights of a version never exceed 100%."""
    rules = _lock(rules)
    _require_editable(rules)
    name = (name or "").strip()
    if rules.assessment_methods.filter(name__iexact=name).exists():
        raise ValidationError({"name": METHOD_NAME_TAKEN.format(name=name)})
    total = weights_total(rules) + (weight_percent or 0)
    if total > 100:
        raise ValidationError({"weight_percent": WEIGHTS_OVER.format(total=total)})
    method = AssessmentMethod(rules=rules, name=name, description=description, weight_percent=weight_percent)
    method.full_clean()
    attribute(method, actor)
    method.save()
    _proposal_changed(rules, actor)
    return method


@transaction.atomic
def method_remove(*, actor: User, method: AssessmentMethod) -> None:
    rules = _lock(method.rules)
    _require_editable(rules)
    attribute(method, actor)
    method.delete()
    _proposal_changed(rules, actor)


@transaction.atomic
def award_save(
    *,
    actor: User,
    rules: ExaminationRules,
    kind: str,
    ects_credits: Decimal | None = None,
    minimum_grade: str = "",
    required_assessments: Iterable[AssessmentMethod] = (),
    minimum_attendance_percent: int | None = None,
    award: Award | None = None,
) -> Award:
    """Add an award to a version, or change one of its awards (``award``); one award of each kind per version,
    and ECTS credits awarded never exceed the course's ECTS."""
    rules = _lock(rules)
    _require_editable(rules)
    if award is not None and award.rules_id != rules.pk:
        raise ValidationError(AWARD_NOT_IN_RULES)
    same_kind = rules.awards.filter(kind=kind)
    if award is not None:
        same_kind = same_kind.exclude(pk=award.pk)
    if same_kind.exists():
        raise ValidationError({"kind": AWARD_EXISTS[kind]})
    errors: dict[str, StrOrPromise] = {}
    course_ects = rules.course.ects_credits
    if kind == Award.Kind.ECTS:
        if ects_credits is None:
            errors["ects_credits"] = ECTS_REQUIRED
        elif ects_credits <= 0:
            errors["ects_credits"] = ECTS_NOT_POSITIVE
        elif ects_credits > course_ects:
            errors["ects_credits"] = ECTS_OVER_COURSE.format(awarded=_num(ects_credits), course=_num(course_ects))
    elif ects_credits is not None:
        errors["ects_credits"] = ECTS_ONLY_FOR_ECTS
    if minimum_attendance_percent is not None and not 0 <= minimum_attendance_percent <= 100:
        errors["minimum_attendance_percent"] = ATTENDANCE_RANGE
    required = list(required_assessments)
    if any(m.rules_id != rules.pk for m in required):
        errors["required_assessments"] = ASSESSMENT_NOT_IN_RULES
    try:
        minimum_grade = _validate_minimum_grade(rules, minimum_grade)
    except ValidationError as error:
        errors.update({k: v[0] for k, v in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    award = award or Award(rules=rules, kind=kind)
    award.kind, award.ects_credits, award.minimum_grade = kind, ects_credits, minimum_grade
    award.minimum_attendance_percent = minimum_attendance_percent
    award.full_clean(exclude=["rules"], validate_constraints=False)
    attribute(award, actor)
    award.save()
    award.required_assessments.set(required)
    _proposal_changed(rules, actor)
    return award


@transaction.atomic
def award_remove(*, actor: User, award: Award) -> None:
    rules = _lock(award.rules)
    _require_editable(rules)
    attribute(award, actor)
    award.delete()
    _proposal_changed(rules, actor)


@transaction.atomic
def rules_propose(*, actor: User, rules: ExaminationRules) -> Decision:
    """Put a complete draft forward for adoption: opens the decision the whole team consents to."""
    rules = _lock(rules)
    _require_editable(rules)
    if rules.status != Status.DRAFT:
        raise ValidationError(NOT_DRAFT.format(version=rules.version))
    if not rules.assessment_methods.exists():
        raise ValidationError(NO_METHODS)
    total = weights_total(rules)
    if total != 100:
        raise ValidationError(WEIGHTS_NOT_100.format(total=total))
    if not rules.awards.exists():
        raise ValidationError(NO_AWARDS)
    decision = decision_propose(
        actor=actor,
        course=rules.course,
        title=gettext("Adopt examination rules, version %(version)s") % {"version": rules.version},
        text=rules_summary(rules),
    )
    rules.adoption_decision = decision
    rules.status = Status.PROPOSED
    attribute(rules, actor)
    rules.save()
    return decision


def rules_on_decision_agreed(*, decision: Decision, actor: User) -> None:
    """When a version's adoption decision is agreed the version binds, and the one before is superseded."""
    rules = ExaminationRules.objects.select_for_update().filter(adoption_decision=decision).first()
    if rules is None:
        return
    for previous in ExaminationRules.objects.filter(course_id=rules.course_id, status=Status.BINDING):
        previous.status = Status.SUPERSEDED
        attribute(previous, actor)
        previous.save()
    rules.status = Status.BINDING
    rules.binding_since = timezone.now()
    attribute(rules, actor)
    rules.save()
