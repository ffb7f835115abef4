from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    """The knowledge base: solutions, themes, organisations and contacts."""

    name = "apps.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge base")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here, not at the top: these modules import models, which the
        # app registry loads only after every app's module is imported.
        from apps.knowledge import signal_handlers  # noqa: F401 - connects receivers
        from apps.knowledge.open_data import spreadsheet_safety
        from apps.knowledge.portal import (
            page_cache,  # noqa: F401 - invalidation receivers
        )
        from apps.knowledge.translation import related_snippets as related_translation

        # Translating a page keeps its snippets' reviewed translations.
        related_translation.install()
        # Admin exports (CSV, XLSX) write no formulas and no control characters.
        spreadsheet_safety.install()
