"""Reads of the joint vision: the versions, one version with its comments per section, and the differences."""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from governance.models import VisionComment, VisionSection, VisionVersion
from quality.models import Decision
from teams.models import Course


def adopted_vision(*, course: Course) -> VisionVersion | None:
    """The latest adopted version: the vision the team shares now."""
    return (
        VisionVersion.objects.filter(course=course, adoption_decision__status=Decision.Status.AGREED)
        .order_by("-version")
        .first()
    )


def vision_versions(*, course: Course) -> list[VisionVersion]:
    """Every version, newest first, with its decision (for the derived status) and author: one query."""
    versions = list(
        VisionVersion.objects.filter(course=course)
        .select_related("adoption_decision", "created_by")
        .order_by("-version")
    )
    for version in versions:
        version.course = course  # links are built from the course the view already holds
        if version.adoption_decision is not None:
            version.adoption_decision.course = course
    return versions


def vision_documents(*, vision: VisionVersion) -> list[Any]:
    """The documents attached to this version and not deleted, with their latest version: two queries."""
    from django.db.models import Prefetch

    from documents.models import Document, DocumentVersion

    documents = list(
        Document.objects.filter(vision=vision, deleted_at=None).prefetch_related(
            Prefetch("versions", queryset=DocumentVersion.objects.order_by("-number"))
        )
    )
    for document in documents:
        document.course = vision.course
        for version in document.versions.all():
            version.document = document
    return documents


@dataclass
class SectionView:
    key: str
    label: str
    help: str
    text: str
    comments: list[VisionComment]
    form: Any = None  # the page's comment form for the section, set by the view


def vision_sections(*, vision: VisionVersion) -> list[SectionView]:
    """The version's sections in the guideline's order, each with its comments: one query for the comments."""
    from governance.models.vision import SECTION_HELP

    by_section: dict[str, list[VisionComment]] = defaultdict(list)
    for comment in VisionComment.objects.filter(vision=vision).select_related("author", "institution"):
        by_section[comment.section].append(comment)
    return [
        SectionView(key, str(label), str(SECTION_HELP[key]), getattr(vision, key), by_section[key])
        for key, label in VisionSection.choices
    ]


@dataclass
class SectionDiff:
    label: str
    changed: bool
    html: SafeString


def _word_diff(old: str, new: str) -> SafeString:
    """Words removed in <del>, added in <ins>; line breaks kept. Everything is escaped first."""
    a, b = old.replace("\n", " \n ").split(" "), new.replace("\n", " \n ").split(" ")
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape(" ".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(f"<del>{escape(' '.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{escape(' '.join(b[j1:j2]))}</ins>")
    return mark_safe(" ".join(out).replace(" \n ", "<br>").replace("\n", "<br>"))


def vision_diff(*, old: VisionVersion, new: VisionVersion) -> list[SectionDiff]:
    """Section by section, what changed from ``old`` to ``new``."""
    return [
        SectionDiff(
            str(label), getattr(old, key) != getattr(new, key), _word_diff(getattr(old, key), getattr(new, key))
        )
        for key, label in VisionSection.choices
    ]
