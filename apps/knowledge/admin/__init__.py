"""Admin screens of the knowledge base: snippet viewsets that ask the ownership
policy, GDPR export and erase, the search upkeep reports. Registered in
``apps/knowledge/wagtail_hooks.py``."""
