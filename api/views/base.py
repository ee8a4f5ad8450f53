"""What every course endpoint shares: the course loaded through the role table, 404 for another course."""

from __future__ import annotations

from typing import Any

from rest_framework.generics import GenericAPIView
from rest_framework.permissions import SAFE_METHODS

from teams import permissions as perm
from teams.permissions import course_for_user


class CourseAPIView(GenericAPIView):
    """An endpoint under /api/v1/courses/<slug>/.

    ``read_permission`` is needed to read, ``write_permission`` to change (teams.permissions table). A course
    the caller may not see answers 404 whatever its slug, an action their role does not allow 403 with the
    same reason the pages give.
    """

    read_permission: str = perm.VIEW
    write_permission: str = perm.VIEW

    def initial(self, request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        safe = request.method in SAFE_METHODS
        self.course, self.course_perms = course_for_user(
            request.user,
            kwargs["slug"],
            self.read_permission if safe else self.write_permission,
            cached=safe,
            writing=not safe,
        )

    @property
    def schema_only(self) -> bool:
        """True while drf-spectacular inspects the view (no request, no course)."""
        return getattr(self, "swagger_fake_view", False)
