"""Admin screens of the knowledge base: the snippet viewsets (``snippets.py``) on base
classes that ask the ownership policy (``viewsets.py``), GDPR export and erase, the
search upkeep reports. Registered in ``apps/knowledge/wagtail_hooks.py``."""
