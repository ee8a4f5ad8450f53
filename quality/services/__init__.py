"""Every write of the quality app: keyword-only, atomic, validating. Messages are constants tests import."""

from core.history import attribute

__all__ = ["attribute"]
