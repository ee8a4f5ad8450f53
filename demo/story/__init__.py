"""The demo consortium, one module per domain app (``teams`` first; the others ``seed(*, courses, today)``)."""
