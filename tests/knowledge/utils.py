"""Helpers that build a small portal the way the demo content does."""

from __future__ import annotations

from dataclasses import dataclass

from wagtail.models import Locale, Page, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail.users.models import UserProfile

from apps.knowledge.choices import Phase
from apps.knowledge.models import SolutionFieldOfAction, SolutionPage, SolutionRelation
from tests.knowledge import factories


@dataclass
class Portal:
    home: Page
    knowledge: Page
    area: Page
    themes: Page
    theme: Page
    directory: Page
    field: object


def build_portal() -> Portal:
    """A German home page with every section, set as the default site's root."""
    root = Page.get_first_root_node()
    home = factories.HomePageFactory(parent=root, slug="start")
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    field = factories.FieldOfActionFactory(name="Grüne Energie", slug="energy")
    knowledge = factories.KnowledgeIndexPageFactory(parent=home)
    area = factories.PartnerAreaPageFactory(parent=knowledge, title="Stadt Flensburg")
    themes = factories.ThemeIndexPageFactory(parent=home)
    theme = factories.ThemePageFactory(
        parent=themes, title="Grüne Energie", field_of_action=field
    )
    directory = factories.ContactDirectoryPageFactory(parent=home)
    return Portal(home, knowledge, area, themes, theme, directory, field)


def add_solution(portal: Portal, **kwargs) -> SolutionPage:
    """A published solution in the portal's partner area, in the first field."""
    solution = factories.SolutionPageFactory(parent=portal.area, **kwargs)
    SolutionFieldOfAction.objects.create(page=solution, field_of_action=portal.field)
    return solution


def translate_tree(page: Page, language_code: str) -> Page:
    """Translate ``page`` and any untranslated ancestors, then publish the copies.

    Uses Wagtail's own ``copy_for_translation``, the call wagtail-localize builds on.
    """
    locale = Locale.objects.get(language_code=language_code)
    existing = page.get_translation_or_none(locale)
    if existing:
        return existing
    parent = page.get_parent()
    if parent.depth > 1 and not parent.get_translation_or_none(locale):
        translate_tree(parent.specific, language_code)
    translation = page.specific.copy_for_translation(locale)
    translation.save_revision().publish()
    return translation.specific


def solution_form_data(
    *, fields_of_action=(), related=(), body=(), **fields: object
) -> dict:
    """POST data of the admin form of a solution page, as the editor's browser sends.

    ``fields_of_action`` and ``related`` are snippets / solutions for the inline
    panels, ``body`` a list of ``(block_type, value)`` pairs; other fields override
    the defaults, e.g. ``latitude="54.78"``.
    """
    data = {
        "title": "Digitale Dorfkiste",
        "slug": "digitale-dorfkiste",
        "teaser": "Ein Abholschrank für Einkäufe im Dorf.",
        "image": "",
        "body": streamfield(list(body)),
        "phase": Phase.PILOT,
        "tags": "",
        "lead_organisation": "",
        "municipality": "",
        "latitude": "",
        "longitude": "",
        "start_date": "",
        "end_date": "",
        "budget": "",
        "currency": "EUR",
        "licence": "",
        "source_repository": "",
        "open_data_url": "",
        "adoption_requirements": "",
        "seo_title": "",
        "search_description": "",
        "comments": inline_formset([]),
        "fields_of_action": inline_formset(
            [{"field_of_action": field.pk} for field in fields_of_action]
        ),
        "partners": inline_formset([]),
        "contacts": inline_formset([]),
        "related_links": inline_formset([{"target": page.pk} for page in related]),
    }
    data.update(fields)
    return nested_form_data(data)


def admin_in_english(user) -> None:
    """Show the admin to ``user`` in English, so tests can read its messages."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()


def relate(source: SolutionPage, *targets: SolutionPage) -> SolutionPage:
    """Set the "Related solutions" of ``source`` and publish, as an editor does."""
    source = SolutionPage.objects.get(pk=source.pk)
    source.related_links = [SolutionRelation(target=target) for target in targets]
    source.save_revision().publish()
    return source
