"""Who changed the vision, the agreement's content and the gates, and when."""

from __future__ import annotations

from typing import Any

from governance.selectors.history import governance_history
from governance.views.base import GovernancePage
from teams import permissions as perm


class HistoryView(GovernancePage):
    permission_required = perm.VIEW_HISTORY
    template_name = "governance/history.html"
    section = "history"

    def page_context(self, **forms: Any) -> dict[str, Any]:
        return {"entries": governance_history(course=self.course)}
