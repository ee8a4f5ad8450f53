"""Every read of the governance app that a user sees: scoped by the views, a fixed number of queries."""
