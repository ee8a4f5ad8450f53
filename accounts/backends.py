"""Authentication backend: the signed-in user, read on every request, comes from the cache while unchanged."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from core.versions import ACCOUNT_KEY, versioned

CACHED_USER_KEY = "account:{}"


class CachedModelBackend(ModelBackend):
    """Django's ModelBackend, but ``get_user`` (one query on every request) reads a cached copy of the user.

    The copy is kept for ``ACCESS_CACHE_SECONDS`` with the user's account version, which every save or delete of
    the user replaces (``AccountsConfig.ready``): a new name, password, deactivation or admin flag counts on the
    next request, and a changed password still ends the user's other sessions.
    """

    def get_user(self, user_id):
        user = versioned(
            CACHED_USER_KEY.format(user_id),
            ACCOUNT_KEY.format(user_id),
            lambda: super(CachedModelBackend, self).get_user(user_id),
            settings.ACCESS_CACHE_SECONDS,
        )
        return user if user is not None and self.user_can_authenticate(user) else None
