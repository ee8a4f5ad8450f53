"""Quality assurance of a course: consensual decisions, examination rules, evaluation (DOMAIN.md, chapter 000)."""

from quality.models.decisions import Consent, Decision
from quality.models.evaluation import Edition, EvaluationProcedure, EvaluationReport
from quality.models.examination import AssessmentMethod, Award, ExaminationRules

__all__ = [
    "AssessmentMethod",
    "Award",
    "Consent",
    "Decision",
    "Edition",
    "EvaluationProcedure",
    "EvaluationReport",
    "ExaminationRules",
]
