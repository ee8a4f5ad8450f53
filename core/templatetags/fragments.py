"""``{% cachedfragment %}``: the expensive part of a page, cached (in Redis in production) until its courses change.

    {% load fragments %}
    {% cachedfragment "course-overview" course=course %} ... {% endcachedfragment %}
    {% cachedfragment "my-tasks" courses=fragment_course_ids %} ... {% endcachedfragment %}

The cached copy belongs to one user, one language, one day, one URL (path and query) and the versions of the
courses it shows (``core.versions``); a change to any of those courses, a new day or another filter renders it
afresh. Only GET requests use the cache: a form's answer is always rendered from the database. The context the
fragment needs should be lazy (``SimpleLazyObject``), so that a cached page does not run the queries it no longer needs.

CSRF tokens are per session and per response, so the fragment is cached with a placeholder in their place and
each response gets its own token.
"""

from __future__ import annotations

import hashlib

from django import template
from django.conf import settings
from django.core.cache import cache
from django.template.base import token_kwargs
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from core.versions import course_versions

register = template.Library()

# User text is escaped before it reaches the page, so it can never contain this.
CSRF_PLACEHOLDER = mark_safe("<!--csrf-token-->")


def fragment_key(name: str, request) -> str:
    user = request.user
    identity = "|".join(
        [
            name,
            str(user.pk),
            "s" if user.is_superuser else "",
            timezone.localdate().isoformat(),
            request.get_full_path(),
            "htmx" if request.headers.get("HX-Request") else "",
            translation.get_language() or "",  # the same page in another language is another fragment
        ]
    )
    return "fragment:" + hashlib.sha1(identity.encode()).hexdigest()


class FragmentNode(template.Node):
    def __init__(self, name, kwargs, nodelist):
        self.name, self.kwargs, self.nodelist = name, kwargs, nodelist

    def render(self, context) -> SafeString:
        request = context.get("request")
        timeout = settings.FRAGMENT_CACHE_SECONDS
        if not timeout or request is None or request.method not in ("GET", "HEAD"):
            return self.nodelist.render(context)
        options = {k: v.resolve(context) for k, v in self.kwargs.items()}
        if options.get("course") is not None:
            course_ids = [options["course"].pk]
        else:
            course_ids = sorted(set(options.get("courses") or ()))
        key = fragment_key(self.name.resolve(context), request)
        versions, found = course_versions(course_ids, also=[key])
        stamp = tuple(sorted(versions.items()))
        cached = found.get(key)
        if cached is not None and cached[0] == stamp:
            html = cached[1]
        else:
            with context.push(csrf_token=CSRF_PLACEHOLDER):
                html = self.nodelist.render(context)
            cache.set(key, (stamp, str(html)), timeout=timeout)
        token = str(context.get("csrf_token", ""))
        return mark_safe(html.replace(CSRF_PLACEHOLDER, "" if token == "NOTPROVIDED" else token))


@register.tag
def cachedfragment(parser, token) -> FragmentNode:
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("cachedfragment needs a name")
    name = parser.compile_filter(bits[1])
    kwargs = token_kwargs(bits[2:], parser)
    if len(kwargs) != len(bits) - 2 or not set(kwargs) <= {"course", "courses"}:
        raise template.TemplateSyntaxError("cachedfragment takes a name, then course=… or courses=…")
    nodelist = parser.parse(("endcachedfragment",))
    parser.delete_first_token()
    return FragmentNode(name, kwargs, nodelist)
