"""The feedback form for accessibility barriers and content errors.

Linked from every page's footer (with the page it came from) and from the
accessibility statement: the report is stored (``FeedbackReport``), mailed to the
Digitalagentur and acknowledged to the reporter in the form's language, both
through the outbox; an editor answers it in the admin (``viewsets``), and the
answer goes out through the outbox in the reporter's language.
"""
