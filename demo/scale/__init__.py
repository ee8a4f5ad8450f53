"""The benchmark data set, one module per domain app (``teams`` first; the others ``seed(ctx)``)."""
