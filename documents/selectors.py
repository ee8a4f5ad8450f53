"""Reads of shared documents, scoped to what the person may see; a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from django.db.models import Prefetch, Q, QuerySet

from documents.models import Document, DocumentVersion, SubjectKind
from documents.permissions import attachable_kinds, may_attach_to_task, sees_all_tasks, visible_kinds
from governance.models import VisionVersion
from phases.models import Task
from quality.models import Decision, EvaluationReport
from support.models import Agreement
from teams.models import Course

if TYPE_CHECKING:
    from accounts.models import User

# What a document is attached to.
Subject = VisionVersion | Agreement | Decision | Task | EvaluationReport

K = SubjectKind


def visible_documents(*, course: Course, user: User, perms: frozenset[str]) -> QuerySet[Document]:
    """The course's documents whose subject the user may see (deleted ones included)."""
    kinds = visible_kinds(perms)
    scope = Q(kind__in=[k for k in kinds if k != K.TASK])
    if K.TASK in kinds:
        scope |= Q(kind=K.TASK) if sees_all_tasks(perms) else Q(kind=K.TASK, task__assignees__user=user)
    return Document.objects.filter(scope, course=course).distinct()


def document_list(*, course: Course, user: User, perms: frozenset[str]) -> list[Document]:
    """Three queries: the documents with their subjects, their versions, nothing per row."""
    documents = list(
        visible_documents(course=course, user=user, perms=perms)
        .select_related(
            "created_by",
            "deleted_by",
            "vision",
            "agreement",
            "decision",
            "task",
            "report__institution",
            "report__edition",
        )
        .prefetch_related(Prefetch("versions", queryset=DocumentVersion.objects.select_related("uploaded_by")))
        .order_by("-created_at", "-id")
    )
    for document in documents:
        document.course = course
        for version in document.versions.all():
            version.document = document
    return documents


def subject_label(document: Document) -> str:
    subject = document.subject
    if document.kind == K.VISION:
        return f"{K.VISION.label}, v{subject.version}"
    if document.kind == K.REPORT:
        return f"{K.REPORT.label}: {subject.institution} – {subject.edition}"
    return f"{SubjectKind(document.kind).label}: {subject}"


@dataclass(frozen=True)
class SubjectChoice:
    value: str  # "<kind>:<id>"
    label: str


def attachable_subjects(*, course: Course, user: User, perms: frozenset[str]) -> list[SubjectChoice]:
    """What the user may attach a document to in this course: at most five queries (nothing, once archived)."""
    if course.archived_at is not None:
        return []
    kinds = attachable_kinds(perms)
    choices: list[SubjectChoice] = []
    if K.VISION in kinds:
        for v in VisionVersion.objects.filter(course=course).order_by("-version"):
            choices.append(SubjectChoice(f"vision:{v.pk}", f"{K.VISION.label}, v{v.version}"))
    if K.AGREEMENT in kinds:
        for a in Agreement.objects.filter(course=course):
            choices.append(SubjectChoice(f"agreement:{a.pk}", f"{K.AGREEMENT.label}: {a.title}"))
    if K.DECISION in kinds:
        for d in Decision.objects.filter(course=course):
            choices.append(SubjectChoice(f"decision:{d.pk}", f"{K.DECISION.label}: {d.title}"))
    if K.TASK in kinds:
        tasks = Task.objects.filter(phase__course=course)
        if not may_attach_to_task(perms, assigned=False):
            tasks = tasks.filter(assignees__user=user).distinct()
        for t in tasks.order_by("phase__planned_start", "due_on", "title"):
            choices.append(SubjectChoice(f"task:{t.pk}", f"{K.TASK.label}: {t.title}"))
    if K.REPORT in kinds:
        reports = EvaluationReport.objects.filter(edition__course=course).select_related("institution", "edition")
        for r in reports:
            choices.append(SubjectChoice(f"report:{r.pk}", f"{K.REPORT.label}: {r.institution} – {r.edition}"))
    return choices


def resolve_subject(
    *, course: Course, user: User, perms: frozenset[str], value: str
) -> tuple[str, Subject] | tuple[None, None]:
    """(kind, subject) for a "<kind>:<id>" the user may attach to, or (None, None): someone else's ids are refused
    like unknown ones."""
    allowed = {c.value for c in attachable_subjects(course=course, user=user, perms=perms)}
    if value not in allowed:
        return None, None
    kind, pk = value.split(":", 1)
    models: dict[str, type[Subject]] = {K.VISION: VisionVersion, K.AGREEMENT: Agreement, K.DECISION: Decision,
                                        K.TASK: Task, K.REPORT: EvaluationReport}  # fmt: skip
    model = models[kind]
    related_by_kind: dict[str, list[str]] = {K.TASK: ["phase"], K.REPORT: ["edition"]}
    related = related_by_kind.get(kind, [])
    return kind, model.objects.select_related(*related).get(pk=int(pk))


def may_attach_to(*, document: Document, user: User, perms: frozenset[str]) -> bool:
    """Whether the user may add a version to ``document`` (same rules as attaching to its subject)."""
    if document.kind not in attachable_kinds(perms):
        return False
    if document.kind == K.TASK:
        assigned = cast(Task, document.task).assignees.filter(user=user).exists()  # kind TASK: set
        return may_attach_to_task(perms, assigned=assigned)
    return True
