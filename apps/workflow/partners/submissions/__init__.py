"""Partner submissions: a draft solution in the right place, and its moderation.

A submission becomes a draft ``SolutionPage`` under the partner area responsible for
the partner's organisation (``routing.py``), in the language tree of the language the
partner wrote in, with the partner's text, contact and uploads (``content.py``), and
enters the workflow assigned to that part of the tree (``create.py``); ``status.py``
shows the partner where each submission stands.
"""
