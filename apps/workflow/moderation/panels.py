"""Admin panels of the editorial workflow.

Imported by model modules (``apps.knowledge.models.snippets``), so this module
imports the workflow models only when a panel is rendered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import Panel

from apps.workflow.models.translations import translation_status

if TYPE_CHECKING:
    from apps.workflow.models.translations import TranslationStatus


def status_text(status: TranslationStatus | None, language: str) -> str:
    """One line about a language version's review, for the admin."""
    if status is None:
        return ""
    if status.signed_off_at is not None:
        text = _("Signed off by %(user)s on %(date)s") % {
            "user": status.signed_off_by or _("a deleted user"),
            "date": date_format(status.signed_off_at, "DATETIME_FORMAT"),
        }
        if status.machine_translated:
            text += " " + _("(machine-translated)")
        return text
    if status.machine_translated:
        return _("Machine-translated, not yet reviewed")
    return _("Not yet signed off by a reviewer of %(language)s") % {
        "language": language
    }


class TranslationReviewPanel(Panel):
    """Shows in a snippet's editor who signed off this language version, and when."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", gettext_lazy("Translation review"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        def is_shown(self) -> bool:
            return self.instance is not None and self.status is not None

        @property
        def status(self) -> TranslationStatus | None:
            if not hasattr(self, "_status"):
                instance = self.instance
                self._status = (
                    translation_status(instance)
                    if instance is not None and instance.pk
                    else None
                )
            return self._status

        def render_html(self, parent_context=None) -> str:
            if not self.is_shown():
                return ""
            css = "help-block help-warning" if self.status.needs_review else ""
            return format_html(
                '<p class="translation-review {}" data-translation-review>{}</p>',
                css,
                status_text(self.status, self.instance.locale.get_display_name()),
            )
