"""Template tags shared by every app: navigation, course tabs and panels."""

from django import template
from django.urls import reverse

from core.navigation import course_notices, course_panels, course_tabs, main_links
from core.urls_fast import row_reverse

register = template.Library()


@register.inclusion_tag("components/main_links.html", takes_context=True)
def main_navigation(context):
    request = context["request"]
    links = [(link, reverse(link.url_name)) for link in main_links(request.user)]
    return {"links": links, "path": request.path}


@register.inclusion_tag("components/course_tabs.html")
def course_navigation(course, perms, active: str):
    tabs = [(t, reverse(t.url_name, kwargs={"slug": course.slug})) for t in course_tabs(perms)]
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
