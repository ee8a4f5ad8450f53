"""Where apps add themselves to the navigation and the course page, so no app edits another's templates.

Apps register in their AppConfig.ready():
- ``main_link``: an entry in the top navigation bar;
- ``course_tab``: a tab on every course page, shown to those holding its permission;
- ``course_panel``: a card on the course overview, with a function that loads its context in a fixed
  number of queries;
- ``course_notice``: warnings another app's page shows (e.g. the phase plan warns that the micro-credential is
  incomplete while implementation is near), from a function that returns them in a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class MainLink:
    label: StrOrPromise
    url_name: str
    order: int = 50
    # Who sees it: None for every signed-in person; else a cheap test (cached, no query on a warm cache), so
    # that nobody meets a link to a page that has nothing for them.
    visible_to: Callable[[Any], bool] | None = None


@dataclass(frozen=True)
class CourseTab:
    key: str
    label: StrOrPromise
    url_name: str
    permission: str | tuple[str, ...] = "view_course"  # a tuple: shown to those holding any of them
    order: int = 50


@dataclass(frozen=True)
class CoursePanel:
    key: str
    template_name: str
    get_context: Callable[..., dict[str, Any]]  # (*, course, user, perms) -> context
    permission: str = "view_course"
    order: int = 50
    wide: bool = False


@dataclass(frozen=True)
class Notice:
    text: str
    url: str = ""
    link_text: str = ""


@dataclass(frozen=True)
class CourseNotice:
    key: str
    page: str  # where it shows, e.g. "phases:plan"
    get_notices: Callable[..., list[Notice]]  # (*, course, today) -> notices
    permission: str = "view_course"


MAIN_LINKS: dict[str, MainLink] = {}
COURSE_TABS: dict[str, CourseTab] = {}
COURSE_PANELS: dict[str, CoursePanel] = {}
COURSE_NOTICES: dict[str, CourseNotice] = {}


def main_link(link: MainLink) -> None:
    MAIN_LINKS[link.url_name] = link


def course_tab(tab: CourseTab) -> None:
    COURSE_TABS[tab.key] = tab


def course_panel(panel: CoursePanel) -> None:
    COURSE_PANELS[panel.key] = panel


def course_notice(notice: CourseNotice) -> None:
    COURSE_NOTICES[notice.key] = notice


def course_notices(page: str, perms: frozenset[str]) -> list[CourseNotice]:
    return [n for n in COURSE_NOTICES.values() if n.page == page and n.permission in perms]


def main_links(user: Any = None) -> list[MainLink]:
    """The top navigation's links, those ``user`` can use (all of them without a user)."""
    links = sorted(MAIN_LINKS.values(), key=lambda link: link.order)
    if user is None:
        return links
    return [link for link in links if link.visible_to is None or link.visible_to(user)]


def _holds(permission: str | tuple[str, ...], perms: frozenset[str]) -> bool:
    return permission in perms if isinstance(permission, str) else any(p in perms for p in permission)


def course_tabs(perms: frozenset[str]) -> list[CourseTab]:
    return sorted((t for t in COURSE_TABS.values() if _holds(t.permission, perms)), key=lambda t: t.order)


def course_panels(perms: frozenset[str]) -> list[CoursePanel]:
    return sorted((p for p in COURSE_PANELS.values() if p.permission in perms), key=lambda p: p.order)
