"""Template tags shared by every app: navigation, course tabs and panels, markup rendered once per language."""

from __future__ import annotations

import weakref

from django import template
from django.template.base import Node, NodeList, Parser, Token
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from core.navigation import course_notices, course_panels, course_tabs, main_links
from core.urls_fast import course_reverse, fixed_reverse, row_reverse

register = template.Library()


@register.inclusion_tag("components/main_links.html", takes_context=True)
def main_navigation(context):
    request = context["request"]
    links = [(link, fixed_reverse(link.url_name)) for link in main_links(request.user)]
    return {"links": links, "path": request.path}


@register.simple_tag
def fixed_url(name: str) -> str:
    """``{% url name %}`` for a URL without arguments that every page shows (the navigation): reversed once."""
    return fixed_reverse(name)


class PerLanguageNode(Node):
    """Markup that depends only on the language and time zone in force, kept per process (``{% per_language %}``)."""

    every: weakref.WeakSet[PerLanguageNode] = weakref.WeakSet()

    def __init__(self, nodelist: NodeList) -> None:
        self.nodelist = nodelist
        self.rendered: dict[tuple[str, str], SafeString] = {}
        PerLanguageNode.every.add(self)

    def render(self, context: template.Context) -> str:
        key = (translation.get_language(), timezone.get_current_timezone_name())
        html = self.rendered.get(key)
        if html is None:
            # A context with no variables: nothing about the request or the person can end up in markup others get.
            html = mark_safe(self.nodelist.render(context.new()))
            self.rendered[key] = html
        return html

    @classmethod
    def forget(cls) -> None:
        """Render every block again (``core.apps``: when a test changes static files, languages or URLs)."""
        for node in list(cls.every):
            node.rendered.clear()


@register.tag
def per_language(parser: Parser, token: Token) -> PerLanguageNode:
    """``{% per_language %}…{% end_per_language %}``: the base template's static links, translated labels and
    language picker, the same for every page and person, rendered once per process and language instead of on
    every request (a quarter of the time of a page with nothing else on it). The block sees no context variables.
    """
    nodelist = parser.parse(("end_per_language",))
    parser.delete_first_token()
    return PerLanguageNode(nodelist)


@register.inclusion_tag("components/course_tabs.html")
def course_navigation(course, perms, active: str):
    tabs = [(t, course_reverse(t.url_name, course.slug)) for t in course_tabs(perms)]
    return {"tabs": tabs, "active": active}


@register.simple_tag(takes_context=True)
def load_course_panels(context, course, perms):
    """Each registered panel the user may see, with its own context, for the course overview."""
    user = context["request"].user
    return [(p, p.get_context(course=course, user=user, perms=perms)) for p in course_panels(perms)]


@register.inclusion_tag("components/course_notices.html")
def show_course_notices(page: str, course, perms):
    """The warnings other apps register for ``page`` (core.navigation.course_notice)."""
    from django.utils import timezone

    today = timezone.localdate()
    return {"notices": [n for c in course_notices(page, perms) for n in c.get_notices(course=course, today=today)]}


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag
def row_url(name: str, *args) -> str:
    """``{% url name *args %}`` for a link repeated in every row of a long list, the row's pk last: reversed once
    with a placeholder, then filled in (core.urls_fast)."""
    return row_reverse(name, *args)
