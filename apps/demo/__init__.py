"""Demo content of the knowledge base as plain Python data, and the code that seeds it.

``taxonomy`` holds fields of action, organisations, contacts and the portal structure,
``solutions`` (with ``solutions_germany`` and ``solutions_cross_border``) the solution
pages, ``seed`` builds them idempotently and ``synthetic`` generates benchmark pages.
Run through ``manage.py seed_demo``.
"""
