from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Shared documents")

    def ready(self) -> None:
        from django.db.models import Q

        from core.navigation import CourseTab, course_tab
        from core.versions import registers_course_content as shown
        from documents import models as m

        course_tab(CourseTab("documents", _("Documents"), "documents:list", order=75))
        shown(m.Document, lambda row: [row.course_id])
        shown(m.DocumentVersion, lambda version: Q(documents=version.document_id))
