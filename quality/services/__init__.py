"""Every write of the quality app: keyword-only, atomic, validating. Messages are constants tests import."""


def attribute(instance, actor) -> None:
    """Tell django-simple-history who made the change (outside a request there is no middleware to say)."""
    instance._history_user = actor
