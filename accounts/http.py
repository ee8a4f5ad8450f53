"""The request of a signed-in page, for type checking.

Behind a login check ``request.user`` is always a ``User``, never the anonymous user, which django-stubs cannot
know. A view class declares ``request: AuthenticatedHttpRequest`` so that what it hands to services and selectors
is typed as it is; Django still builds plain requests.
"""

from __future__ import annotations

from accounts.models import User
from core.http import HtmxHttpRequest


class AuthenticatedHttpRequest(HtmxHttpRequest):
    user: User
