"""Examination rules' grading: the checks of a grading system and of an award's minimum grade on it.

Imported into ``quality.services.examination``, whose messages these are; use that module's names.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from quality.models import ExaminationRules

StrOrPromise = str | Promise
Grading = ExaminationRules.GradingSystem

REQUIRED = _("This is needed for this grading system.")
SCALE_ORDER = _("The highest mark must be above the lowest mark ({low}).")
PASS_MARK_OFF_SCALE = _("The pass mark must lie on the scale, between {low} and {high}.")
LETTERS_TOO_FEW = _("List at least two distinct letter grades, best first, separated by commas.")
LETTER_TOO_LONG = _("Each letter grade has at most 4 characters (“{grade}” has more).")
LOWEST_PASS_UNKNOWN = _("Choose one of the letter grades: {letters}.")
LOWEST_PASS_IS_LAST = _("At least one grade must fail; “{grade}” is the lowest grade.")
NO_GRADE_IN_PASS_FAIL = _("Pass/fail rules have no grades above a pass; leave the minimum grade empty.")
GRADE_NOT_NUMBER = _("Give the minimum grade as a number on the scale ({low}–{high}).")
GRADE_BELOW_PASS = _("The minimum grade must be between the pass mark {low} and the highest mark {high}.")
GRADE_NOT_PASSING = _("Choose a passing grade: {grades}.")


def _num(value: Decimal | None) -> str:
    """A decimal as people write it: 5, 5.5, 10 (not 5.0 or 1E+1)."""
    return "" if value is None else f"{Decimal(value).normalize():f}"


def _validate_grading(rules: ExaminationRules) -> None:
    errors: dict[str, StrOrPromise] = {}
    if rules.grading_system == Grading.NUMERIC:
        for name in ["scale_min", "scale_max", "pass_mark"]:
            if getattr(rules, name) is None:
                errors[name] = REQUIRED
        low, high, mark = rules.scale_min, rules.scale_max, rules.pass_mark
        if low is not None and high is not None and mark is not None:  # none missing: no errors yet
            if high <= low:
                errors["scale_max"] = SCALE_ORDER.format(low=_num(rules.scale_min))
            elif not low <= mark <= high:
                errors["pass_mark"] = PASS_MARK_OFF_SCALE.format(low=_num(rules.scale_min), high=_num(rules.scale_max))
    else:
        rules.scale_min = rules.scale_max = rules.pass_mark = None
    if rules.grading_system == Grading.LETTER:
        letters = rules.letters
        long = next((g for g in letters if len(g) > 4), None)
        if long:
            errors["letter_grades"] = LETTER_TOO_LONG.format(grade=long)
        elif len(set(letters)) < 2 or len(set(letters)) != len(letters):
            errors["letter_grades"] = LETTERS_TOO_FEW
        else:
            rules.letter_grades = ", ".join(letters)
            lowest = rules.lowest_pass_letter.strip().upper()
            rules.lowest_pass_letter = lowest
            if lowest not in letters:
                errors["lowest_pass_letter"] = LOWEST_PASS_UNKNOWN.format(letters=", ".join(letters))
            elif lowest == letters[-1]:
                errors["lowest_pass_letter"] = LOWEST_PASS_IS_LAST.format(grade=lowest)
    else:
        rules.letter_grades = rules.lowest_pass_letter = ""
    if errors:
        raise ValidationError(errors)


def _validate_minimum_grade(rules: ExaminationRules, grade: str) -> str:
    grade = (grade or "").strip()
    if not grade:
        return ""
    if rules.grading_system == Grading.PASS_FAIL:
        raise ValidationError({"minimum_grade": NO_GRADE_IN_PASS_FAIL})
    if rules.grading_system == Grading.NUMERIC:
        low, high = _num(rules.pass_mark), _num(rules.scale_max)
        try:
            value = Decimal(grade.replace(",", "."))
        except InvalidOperation as error:
            raise ValidationError({"minimum_grade": GRADE_NOT_NUMBER.format(low=low, high=high)}) from error
        mark, top = rules.pass_mark, rules.scale_max
        if not value.is_finite() or mark is None or top is None or not mark <= value <= top:
            raise ValidationError({"minimum_grade": GRADE_BELOW_PASS.format(low=low, high=high)})
        return _num(value)
    passing = rules.passing_grades() or []
    if grade.upper() not in passing:
        raise ValidationError({"minimum_grade": GRADE_NOT_PASSING.format(grades=", ".join(passing))})
    return grade.upper()
