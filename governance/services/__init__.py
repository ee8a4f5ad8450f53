"""Every write of the governance app: keyword-only, atomic, validating. Messages are constants tests import."""
