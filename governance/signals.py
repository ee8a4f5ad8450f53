"""Points other apps listen to (e.g. webhooks), so governance depends on none of them.

``gate_passed``: a course went through a phase gate. Keyword arguments: ``course`` (Course) and ``passage``
(GatePassage: ``gate``, ``passed_on``, ``passed_by``, ``unmet`` condition labels, ``reason``).

Sent inside the service's transaction, after the passage and the phase dates are saved: a receiver that writes
rows (an outbox entry) commits or rolls back with the passage, so a rolled-back passage announces nothing.
A receiver with effects outside the database defers them with ``transaction.on_commit``.
"""

from django.dispatch import Signal

gate_passed = Signal()
