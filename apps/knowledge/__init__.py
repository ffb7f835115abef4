"""The knowledge base: content and everything that reads it (the bottom layer).

``models/`` (pages, solutions and relations, snippets, tags, terms, search and
translation settings), ``visibility.py`` (what a visitor may see), ``roles.py``
(group names and area slugs), ``ownership.py`` (who changes a shared record),
``portal/``, ``search/``, ``open_data/``, ``translation/``, ``admin/``;
``wagtail_hooks.py`` registers. Never imports ``apps.workflow`` or ``apps.demo``."""
