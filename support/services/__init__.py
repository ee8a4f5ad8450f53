"""Every write to support data: keyword-only, atomic, validating, attributed (django-simple-history).

Split by subject: consultations, contacts, task_force, specifics (approvals, platform, agreements). Error
messages are constants so that tests and forms share one wording.
"""
