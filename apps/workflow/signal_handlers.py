"""Signal handlers of the moderation workflow."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from apps.knowledge.models import KnowledgeIndexPage
from apps.knowledge.models.snippets import SnippetModerationMixin
from apps.workflow.models.translations import TranslationSignOff
from apps.workflow.workflows import assign_default_workflow


@receiver(post_save, sender=KnowledgeIndexPage)
def put_new_knowledge_base_under_moderation(sender, instance, created, **kwargs):
    """A knowledge base created later (e.g. a new language tree) is moderated too."""
    if created and not kwargs.get("raw"):
        assign_default_workflow()


@receiver(post_delete)
def delete_sign_offs_of_deleted_snippet(sender, instance, **kwargs):
    """A deleted snippet (e.g. a contact erased under GDPR) leaves no review rows."""

    if isinstance(instance, SnippetModerationMixin):
        TranslationSignOff.objects.for_object(instance).delete()
