"""Translating a page and all its subpages in the background, resumable.

A :class:`~apps.knowledge.models.TreeTranslationJob` is worked through by a
django-tasks task with wagtail-localize's own machinery (``TranslationCreator``,
``Translation.save_target``, and its machine translation). The tree stays
consistent if a run stops halfway:

- pages go parent before child (tree path order), so a translated page always has
  its translated parent;
- each page is one transaction, together with the job's progress, so a page is
  either fully translated and counted, or not touched;
- a rerun continues after the last finished page; pages translated before are
  synced (their translation source updated), never duplicated.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.views.edit_translation import apply_machine_translation

from apps.knowledge.models import TreeTranslationJob
from apps.knowledge.translation.machine import configured_translator, term_issues
from apps.knowledge.translation.related_snippets import ReviewedTranslationCreator

logger = logging.getLogger(__name__)


def subtree(root: Page):
    """The pages to translate: ``root`` and its descendants in its language."""
    return (
        Page.objects.descendant_of(root, inclusive=True)
        .filter(locale_id=root.locale_id, alias_of__isnull=True)
        .order_by("path")
    )


def managed_locales(page: Page, locales: list[Locale]) -> list[Locale]:
    """The languages wagtail-localize may write ``page`` into.

    A language version made outside wagtail-localize (by hand, or one whose sync a
    translator stopped) is left alone, as localize's own translate form does.
    """
    source = TranslationSource.objects.get_for_instance_or_none(page)
    synced = set()
    if source is not None:
        synced = set(
            Translation.objects.filter(source=source, enabled=True).values_list(
                "target_locale_id", flat=True
            )
        )
    existing = set(
        page.get_translations()
        .filter(alias_of__isnull=True)
        .values_list("locale_id", flat=True)
    )
    return [
        locale
        for locale in locales
        if locale.pk != page.locale_id
        and (locale.pk not in existing or locale.pk in synced)
    ]


def translate_page(page: Page, locales: list[Locale], user, translator) -> None:
    """Create or sync ``page``'s translations (drafts), machine-translated if asked."""
    page = page.specific
    locales = managed_locales(page, locales)
    if not locales:
        return
    # Sync first: localize's creator reuses an existing source as it was.
    source, _created = TranslationSource.update_or_create_from_instance(page)
    creator = ReviewedTranslationCreator(user, locales)
    creator.create_translations(page)
    if translator is None:
        return
    for translation in Translation.objects.filter(
        source=source, target_locale__in=locales
    ):
        if translator.can_translate(source.locale, translation.target_locale):
            apply_machine_translation(translation.pk, user, translator)
            translation.save_target(user=user, publish=False)


def run_job(job_id: int) -> TreeTranslationJob:
    """Work through the job's pages after the last one it finished."""
    job = TreeTranslationJob.objects.select_related("root_page", "requested_by").get(
        pk=job_id
    )
    if job.status == TreeTranslationJob.Status.DONE:
        return job
    locales = list(job.target_locales.all())
    translator = configured_translator() if job.machine_translate else None
    pages = subtree(job.root_page)
    job.total = pages.count()
    job.done = pages.filter(path__lte=job.last_path).count() if job.last_path else 0
    job.status = TreeTranslationJob.Status.RUNNING
    job.error = ""
    job.finished_at = None
    job.save()
    remaining = pages.filter(path__gt=job.last_path) if job.last_path else pages
    for page_id in list(remaining.values_list("pk", flat=True)):
        page = Page.objects.get(pk=page_id)
        issues: list = []
        token = term_issues.set(issues)
        try:
            with transaction.atomic():
                translate_page(page, locales, job.requested_by, translator)
                job.done += 1
                job.last_path = page.path
                warnings = sorted(
                    {f"{page.title}: {i.source_term} → {i.expected}" for i in issues}
                )
                job.term_warnings = "\n".join(
                    filter(None, [job.term_warnings, *warnings])
                )
                job.save(
                    update_fields=["done", "last_path", "term_warnings", "updated_at"]
                )
        except Exception as error:  # noqa: BLE001 - recorded for the admin, re-raised
            job.refresh_from_db(fields=["done", "last_path", "term_warnings"])
            job.status = TreeTranslationJob.Status.FAILED
            job.error = f"{page.title}: {error}"
            job.finished_at = timezone.now()
            job.save(update_fields=["status", "error", "finished_at", "updated_at"])
            logger.exception("Tree translation %s stopped at page %s", job.pk, page.pk)
            raise
        finally:
            term_issues.reset(token)
    job.status = TreeTranslationJob.Status.DONE
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "finished_at", "updated_at"])
    return job


@task()
def translate_tree_task(job_id: int) -> int:
    """Translate a page tree in the background; the number of pages done."""
    return run_job(job_id).done


def enqueue(job: TreeTranslationJob) -> None:
    """Start (or resume) ``job`` once the request's transaction is committed."""
    transaction.on_commit(lambda: translate_tree_task.enqueue(job.pk))
