"""The editorial process, on top of the knowledge base.

``models/`` (moderation tasks, partners, notifications, follows, scheduler,
sign-offs), ``workflows.py`` (the default workflows and the finish action),
``permissions.py`` (who moderates what), ``groups.py`` (creates the groups),
``moderation/``, ``partners/``, ``notifications/``; ``wagtail_hooks.py``
registers. Never imports ``apps.demo``."""
