"""Demo content as plain Python data, and the code that seeds it (an app, no models).

On top of knowledge and workflow; nothing imports it.

``taxonomy`` holds fields of action, organisations, contacts and the portal structure,
``solutions`` (with ``solutions_germany`` and ``solutions_cross_border``) the solution
pages, ``seed`` builds them idempotently, ``partner`` adds the demo partner login,
``terms`` the demo term list and ``synthetic`` generates benchmark pages. Run through
``manage.py seed_demo``.
"""
