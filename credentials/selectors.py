"""The micro-credential profile of a course with its completeness: what the pages, the exports and the API read.

One call reads everything in five queries whatever the course's size: the course with its profile, awarding
decision, delivery platform and evaluation procedure; the learning outcomes; the partnerships; the binding
examination rules with their assessment methods.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from credentials import derive
from credentials.models import CYCLE_EQF_LEVEL, CredentialProfile, LearningOutcome
from teams.models import LANGUAGE_NAMES, Course, Institution, Partnership

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

HOURS_PER_CREDIT_MIN, HOURS_PER_CREDIT_MAX = 25, 30
MANDATORY_TOTAL = 11


def workload_fits(*, credits: Decimal, hours: int) -> bool:
    """25 to 30 hours of notional workload per ECTS credit (ECTS Users' Guide 2015), ends included."""
    return credits * HOURS_PER_CREDIT_MIN <= hours <= credits * HOURS_PER_CREDIT_MAX


@dataclass(frozen=True)
class Element:
    """One mandatory element of Annex I and whether the course's records give it."""

    key: str
    label: StrOrPromise
    complete: bool
    value: StrOrPromise = ""  # what it says, for the profile page and the dossier
    missing: StrOrPromise = ""  # what is missing, as a sentence
    url: str = ""  # where it is filled in
    per_learner: bool = False  # given on each learner's credential, not by the course


@dataclass
class ProfileState:
    """A course's profile, what is derived from the team's other records, and the completeness of Annex I."""

    course: Course
    profile: CredentialProfile
    outcomes: list[LearningOutcome]
    awarding_institutions: list[Institution]
    partner_institutions: list[Institution]
    countries: list[Any]  # django_countries Country objects, in the order of the awarding institutions
    rules: Any  # the binding quality.ExaminationRules, or None
    assessment_methods: list[Any]
    platform: Any  # support.DeliveryPlatform or None
    timing: str  # a credentials.models.Timing value, or ""
    timing_from_platform: bool
    procedure: Any  # quality.EvaluationProcedure or None
    elements: list[Element] = field(default_factory=list)

    @property
    def complete_count(self) -> int:
        return sum(1 for e in self.elements if e.complete)

    @property
    def total(self) -> int:
        return len(self.elements)

    @property
    def is_complete(self) -> bool:
        return all(e.complete for e in self.elements)

    @property
    def missing(self) -> list[Element]:
        return [e for e in self.elements if not e.complete]

    @property
    def languages(self) -> list[str]:
        """The course's languages of instruction, the profile's primary language first."""
        langs = list(self.course.languages)
        primary = self.profile.primary_language
        return [primary, *[code for code in langs if code != primary]] if primary in langs else langs

    def title_in(self, language: str) -> str:
        """The title in ``language`` (a translation into a language no longer taught counts for nothing)."""
        if language == self.profile.primary_language:
            return self.course.title
        return cast(str, (self.profile.title_translations or {}).get(language, ""))

    def summary_in(self, language: str) -> str:
        if language == self.profile.primary_language:
            return self.course.summary
        return cast(str, (self.profile.summary_translations or {}).get(language, ""))

    @property
    def title_map(self) -> dict[str, str]:
        """Title per language: the primary one and every translation given."""
        titles = {self.profile.primary_language: self.course.title}
        titles.update({k: v for k, v in (self.profile.title_translations or {}).items() if v and k in self.languages})
        return titles

    @property
    def summary_map(self) -> dict[str, str]:
        summaries = {self.profile.primary_language: self.course.summary} if self.course.summary else {}
        summaries.update(
            {k: v for k, v in (self.profile.summary_translations or {}).items() if v and k in self.languages}
        )
        return summaries

    @property
    def hours_per_credit(self) -> Decimal | None:
        hours = self.profile.notional_hours
        return (Decimal(hours) / self.course.ects_credits).quantize(Decimal("0.1")) if hours else None


def _course_with_profile(course: Course) -> Course:
    return Course.objects.select_related(
        "lead_institution",
        "credential_profile__awarding_decision",
        "delivery_platform",
        "evaluation_procedure",
    ).get(pk=course.pk)


def _one_to_one(instance: Any, name: str) -> Any:
    try:
        return getattr(instance, name)
    except Exception:  # RelatedObjectDoesNotExist: the row is not there
        return None


def profile_state(*, course: Course) -> ProfileState:
    """The profile of ``course`` with its derived elements and completeness (five queries).

    A course with no profile yet gets an unsaved one: every element it holds shows as missing.
    """
    loaded = _course_with_profile(course)
    profile = _one_to_one(loaded, "credential_profile") or CredentialProfile(course=loaded)
    profile.course = loaded
    outcomes = list(profile.outcomes.all()) if profile.pk else []
    partnerships = list(Partnership.objects.filter(course=course).select_related("institution"))
    partner_institutions = [p.institution for p in partnerships]
    rules, methods = derive.binding_rules(course=course)
    platform = _one_to_one(loaded, "delivery_platform")
    timing, from_platform = derive.timing(platform=platform, profile=profile)
    awarding = derive.awarding_institutions(profile=profile, partnerships=partnerships)
    state = ProfileState(
        course=loaded,
        profile=profile,
        outcomes=outcomes,
        awarding_institutions=awarding,
        partner_institutions=partner_institutions,
        countries=derive.countries(awarding),
        rules=rules,
        assessment_methods=methods,
        platform=platform,
        timing=timing,
        timing_from_platform=from_platform,
        procedure=_one_to_one(loaded, "evaluation_procedure"),
    )
    state.elements = _elements(state)
    return state


def _elements(state: ProfileState) -> list[Element]:
    course, profile = state.course, state.profile
    slug = course.slug
    edit = reverse("credentials:profile_edit", args=[slug])
    page = reverse("credentials:profile", args=[slug])
    per_learner = _("Given on each learner's credential when it is issued, not by the course.")
    return [
        Element("learner", str(_("Identification of the learner")), True, per_learner, per_learner=True),
        _title_element(state, edit),
        _countries_element(state, page),
        _awarding_element(state, page),
        Element("issue_date", str(_("Date of issuing")), True, per_learner, per_learner=True),
        Element(
            "outcomes",
            str(_("Learning outcomes")),
            bool(state.outcomes),
            ngettext("%(n)d learning outcome", "%(n)d learning outcomes", len(state.outcomes))
            % {"n": len(state.outcomes)},
            str(_("List at least one learning outcome.")),
            page + "#outcomes",
        ),
        _workload_element(state, edit),
        _level_element(state, edit),
        Element(
            "assessment",
            str(_("Type of assessment")),
            bool(state.assessment_methods),
            derive.assessment_text(state.assessment_methods),
            str(
                _("Adopt examination rules with their assessment methods: they become binding when agreed.")
                if state.rules is None
                else _("The binding examination rules list no assessment method.")
            ),
            reverse("quality:examination", args=[slug]),
        ),
        _participation_element(state, edit),
        Element(
            "quality_assurance",
            str(_("Type of quality assurance")),
            state.procedure is not None,
            derive.quality_assurance_text(
                course=course, procedure=state.procedure, external=profile.external_accreditation
            ),
            str(_("Set the lead institution's evaluation procedure.")),
            reverse("quality:procedure_edit", args=[slug]),
        ),
    ]


def _title_element(state: ProfileState, edit: str) -> Element:
    missing = [code for code in state.course.languages if not state.title_in(code).strip()]
    names = ", ".join(str(LANGUAGE_NAMES.get(code, code)) for code in missing)
    return Element(
        "title",
        str(_("Title")),
        bool(state.course.title) and not missing,
        state.course.title,
        str(_("Give the title in every language of instruction; missing: %(languages)s.") % {"languages": names}),
        edit + "#title",
    )


def _countries_element(state: ProfileState, page: str) -> Element:
    names = ", ".join(str(c.name) for c in state.countries)
    return Element(
        "countries",
        str(_("Country(ies)/region(s) of the issuer")),
        bool(state.countries),
        names,
        str(_("Derived from the awarding institutions: agree on the awarding bodies first.")),
        page + "#awarding",
    )


def _awarding_element(state: ProfileState, page: str) -> Element:
    profile = state.profile
    decision = profile.awarding_decision
    agreed = bool(profile.awarding_mode) and decision is not None and not decision.is_open
    if decision is not None and decision.is_open:
        missing = _("The team's decision on the awarding bodies waits for every institution's consent.")
    else:
        missing = _("Propose who awards the micro-credential; the team decides by consent.")
    return Element(
        "awarding",
        str(_("Awarding body(ies)")),
        agreed,
        ", ".join(i.name for i in state.awarding_institutions),
        str(missing),
        page + "#awarding",
    )


def _workload_element(state: ProfileState, edit: str) -> Element:
    hours, credits = state.profile.notional_hours, state.course.ects_credits
    ratio = state.hours_per_credit
    ok = hours is not None and workload_fits(credits=credits, hours=hours)
    value = (
        _("%(credits)s ECTS credits, %(hours)s hours") % {"credits": f"{credits.normalize():f}", "hours": hours}
        if hours
        else ""
    )
    missing: StrOrPromise
    if hours is None:
        missing = _("Give the notional workload in hours.")
    else:
        missing = _("%(hours)s hours for %(credits)s ECTS credits is %(ratio)s hours per credit, not 25 to 30.") % {
            "hours": hours,
            "credits": f"{credits.normalize():f}",
            "ratio": ratio,
        }
    return Element("workload", str(_("Notional workload")), ok, str(value), str(missing), edit + "#workload")


def _level_element(state: ProfileState, edit: str) -> Element:
    cycle, eqf = state.profile.qf_ehea_cycle, state.course.eqf_level
    ok = bool(cycle) and CYCLE_EQF_LEVEL.get(cycle, eqf) == eqf
    value = str(_("EQF level %(level)s") % {"level": eqf})
    if cycle and cycle != "none":
        value += f", {state.profile.get_qf_ehea_cycle_display()}"
    missing = (
        _("Say whether a QF-EHEA cycle applies.")
        if not cycle
        else _("The QF-EHEA cycle does not match EQF level %(level)s.") % {"level": eqf}
    )
    return Element("level", str(_("Level")), ok, value, str(missing), edit + "#level")


def _participation_element(state: ProfileState, edit: str) -> Element:
    mode = state.course.get_delivery_mode_display()
    ok = bool(state.timing)
    value = f"{mode}, {derive.timing_label(state.timing)}" if ok else str(mode)
    return Element(
        "participation",
        str(_("Form of participation")),
        ok,
        value,
        str(_("Record the delivery platform's formats, or say whether the course is synchronous or asynchronous.")),
        edit + "#participation",
    )
