"""Signal receivers of the knowledge base, connected in ``KnowledgeConfig.ready``."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from taggit.models import Tag
from wagtail.models import Page
from wagtail.search.backends import get_search_backends
from wagtail.signals import page_published, page_unpublished

from apps.knowledge.models import Reuse, ReuseChanges, SolutionPage, TagTranslation
from apps.knowledge.portal.reuse_cache import retire_pages_showing
from apps.knowledge.search import engine, first_versions


def reindex_tagged_solutions(tag_id: int) -> None:
    """Update the index entries of the solutions with the tag.

    The index holds every translated tag name (``SolutionPage.search_fields``), so a
    visitor searching the new Danish name finds the solutions at once.
    """
    from wagtail.search import index

    for page in SolutionPage.objects.filter(tagged_items__tag_id=tag_id).distinct():
        index.insert_or_update_object(page)


@receiver(post_save, sender=TagTranslation)
@receiver(post_delete, sender=TagTranslation)
def tag_translation_changed(sender, instance: TagTranslation, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    tag_id = instance.tag_id
    transaction.on_commit(lambda: reindex_tagged_solutions(tag_id))


@receiver(post_save, sender=Tag)
def tag_renamed(sender, instance: Tag, created: bool = False, **kwargs) -> None:
    # A new tag is on no page yet; a renamed one must be found by its new name.
    if created or kwargs.get("raw"):
        return
    tag_id = instance.pk
    transaction.on_commit(lambda: reindex_tagged_solutions(tag_id))


@receiver(post_save, sender=Reuse, dispatch_uid="reuse_saved")
@receiver(post_delete, sender=Reuse, dispatch_uid="reuse_deleted")
@receiver(post_save, sender=ReuseChanges, dispatch_uid="reuse_changes_saved")
@receiver(post_delete, sender=ReuseChanges, dispatch_uid="reuse_changes_deleted")
def reuse_changed(sender, instance=None, **kwargs) -> None:
    """A proposal confirmed or declined, a relation deleted or its changes edited:
    the solution and organisation pages that show it are retired at once."""
    if kwargs.get("raw"):
        return
    if isinstance(instance, ReuseChanges):
        # None when the relation itself is being deleted: its own signal retires.
        instance = Reuse.objects.filter(pk=instance.reuse_id).first()
    if instance is not None:
        retire_pages_showing(instance)


@receiver(page_published, dispatch_uid="search_first_version_published")
@receiver(page_unpublished, dispatch_uid="search_first_version_unpublished")
@receiver(post_delete, sender=Page, dispatch_uid="search_first_version_deleted")
def version_went_live_or_away(sender, instance: Page, **kwargs) -> None:
    """The engines count each solution by its first live version
    (:mod:`apps.knowledge.search.first_versions`); publishing, unpublishing or
    deleting one version can move that to another, indexed again here."""
    if kwargs.get("raw") or not instance.translation_key:
        return
    engines = [
        backend
        for backend in get_search_backends(with_auto_update=True)
        if engine.is_elasticsearch(backend)
    ]
    if engines:
        first_versions.reindex_other_versions(instance, engines)
