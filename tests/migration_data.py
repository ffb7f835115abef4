"""The rows the data migrations make, put back after a transactional test's flush."""

from __future__ import annotations

from importlib import import_module

from django.apps import apps as global_apps
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Collection, Locale, Page, Site

from apps.workflow.workflows import (
    assign_snippet_workflow,
    create_default_workflow,
    create_snippet_workflow,
)

# Migration modules start with a digit, so they are imported by name.
_locales_migration = import_module("apps.knowledge.migrations.0002_locales")
_localize_permission_migration = import_module(
    "wagtail_localize.migrations.0006_create_submit_translation_permission"
)


def restore_migration_data() -> None:
    """Put back rows the data migrations create: locales, roots, default workflow,
    the snippet workflow and its assignment to the translatable snippets.

    A transactional test flushes the database when it ends, and with it the rows
    the data migrations made; the next transactional test starts without them.
    A flush without serialized data also gives the content types new ids, which
    ContentType's cache would still hand out.
    """
    cached = ContentType.objects.get_for_model(Page)
    if not ContentType.objects.filter(pk=cached.pk, model="page").exists():
        ContentType.objects.clear_cache()
    _locales_migration.create_locales(global_apps, None)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(
            instance=Page(title="Root", slug="root", locale=Locale.get_default())
        )
    if not Site.objects.exists():
        # Wagtail's initial data migration makes a default site; tests expect one.
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=Page.objects.get(depth=1),
            is_default_site=True,
        )
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    # wagtail-localize's "submit translation" permission is made by a migration too.
    _localize_permission_migration.create_submit_translation_permission(
        global_apps, None
    )
    create_default_workflow()
    create_snippet_workflow()
    assign_snippet_workflow()
