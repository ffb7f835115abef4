"""Translating a page leaves the existing translations of its snippets alone.

wagtail-localize's ``TranslationCreator`` translates a page together with the
snippets it links to (its lead organisation, partners, contacts, fields of action)
and writes every one of them into the target language: a Danish organisation that a
reviewer approved in Wagtail's snippet editor got the German name and description
and was set to not live, without any workflow. Translations of snippets have their
own review (``apps.workflow.moderation.snippets``), so here:

- an existing translation of a related object is never touched: not overwritten,
  unpublished, or put under wagtail-localize's sync;
- a missing one is created as a draft (as before) and, when its model has a
  workflow, submitted to it, so it goes live only after its language's review.

The page itself is translated as wagtail-localize always does. wagtail-localize has
no setting for its creator class; its submit views and background subtree task
look ``TranslationCreator`` up in ``wagtail_localize.operations`` when they run,
so :func:`install` puts this class there (called from ``KnowledgeConfig.ready``).
"""

from __future__ import annotations

import logging

from wagtail.models import Page, WorkflowMixin
from wagtail_localize import operations
from wagtail_localize.operations import TranslationCreator

logger = logging.getLogger(__name__)


class ReviewedTranslationCreator(TranslationCreator):
    """wagtail-localize's creator that only adds missing translations of related
    objects, as drafts that go to review."""

    def create_translations(self, instance, include_related_objects=True) -> None:
        if include_related_objects or isinstance(instance, Page):
            super().create_translations(instance, include_related_objects)
            return
        if instance.translation_key in self.seen_objects:
            return
        existing = set(
            instance.get_translations(inclusive=True).values_list(
                "locale_id", flat=True
            )
        )
        missing = [
            locale for locale in self.target_locales if locale.pk not in existing
        ]
        if not missing:
            self.seen_objects.add(instance.translation_key)
            return
        all_locales, self.target_locales = self.target_locales, missing
        try:
            super().create_translations(instance, include_related_objects=False)
        finally:
            self.target_locales = all_locales
        for locale in missing:
            self._submit_for_review(instance.get_translation_or_none(locale))

    def _submit_for_review(self, translation) -> None:
        """Start the workflow of a newly created draft translation, if it has one."""
        if (
            translation is None
            or getattr(translation, "live", True)
            or not isinstance(translation, WorkflowMixin)
        ):
            return
        workflow = translation.get_workflow()
        if workflow is None or translation.workflow_in_progress:
            return
        workflow.start(translation, self.user)
        logger.info(
            "Related %s %s translated into %s as a draft, submitted for review",
            translation._meta.verbose_name,
            translation.pk,
            translation.locale.language_code,
        )


def install() -> None:
    """Make wagtail-localize's views and tasks use the reviewed creator."""
    operations.TranslationCreator = ReviewedTranslationCreator
