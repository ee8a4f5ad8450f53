"""Request limits per token and per user, counted in the shared cache (Redis in production).

DRF answers a throttled call with 429 and a Retry-After header.
"""

from rest_framework.throttling import SimpleRateThrottle

from api.models import Token


class TokenRateThrottle(SimpleRateThrottle):
    """Each token has its own budget, so one busy script does not starve its owner's other tools."""

    scope = "token"

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, Token):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class UserRateThrottle(SimpleRateThrottle):
    """All calls of one person, whatever the token or session, share one budget."""

    scope = "user"

    def get_cache_key(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
