"""Each source reads one kind of thing that waits or is late, in a fixed number of queries for any scope.

A source follows the recipient rules of the reminder provider of the same kind (``<app>/occasions.py``), so
that what the home page lists for a person is what the bell tells them of.
"""
