"""E-mail notifications: rendered in the recipient's language, sent via an outbox.

Every message is first stored as an ``OutboxMessage`` and then handed to a
background task (django-tasks), so a mail outage never blocks a workflow action
and never loses a message; ``manage.py retry_outbox`` sends what is left over.
"""
