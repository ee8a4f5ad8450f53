"""Points other apps listen to (e.g. webhooks). Sent after the transaction commits, never for a rolled-back write.

``gate_passed``: a course went through a phase gate. Arguments: ``course`` (Course), ``passage`` (GatePassage:
gate, passed_on, passed_by, unmet condition labels, reason).
"""

from django.dispatch import Signal

gate_passed = Signal()
