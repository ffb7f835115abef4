"""Admin registration of the knowledge base: registration only.

What is registered lives in its package: the snippet viewsets in
``admin/snippets.py``, the search upkeep reports in ``admin/search_views.py``, tree
translation in ``translation/views.py``, who may see a page in ``visibility.py``.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from apps.knowledge import ownership, visibility
from apps.knowledge.admin import menus as admin_menus
from apps.knowledge.admin.figures_panel import FiguresPanel
from apps.knowledge.admin.reuse import ReusePermissionPolicy, ReuseViewSet
from apps.knowledge.admin.search_views import (
    SearchStatusPanel,
    search_report_urlpatterns,
    update_synonyms_after_term_list_change,
)
from apps.knowledge.admin.snippets import (
    OWNED_MODELS,
    KnowledgeViewSetGroup,
    TermGroupViewSet,
)
from apps.knowledge.models import Reuse
from apps.knowledge.ownership import OwnedSnippetPermissionPolicy
from apps.knowledge.rich_text import VisiblePageLinkHandler
from apps.knowledge.translation.views import (
    tree_translation_buttons,
    tree_translation_urlpatterns,
)

# Which records a user may change: their authority's (apps.knowledge.ownership).
# Registered before the viewsets, which then use it instead of Wagtail's default.
for _model in OWNED_MODELS:
    register_permission_policy(
        _model, OwnedSnippetPermissionPolicy(_model), exact_class=True
    )
register_snippet(KnowledgeViewSetGroup)


# Nobody adds a reuse relation in the admin (apps.knowledge.admin.reuse).
register_permission_policy(Reuse, ReusePermissionPolicy(Reuse), exact_class=True)


@hooks.register("register_admin_viewset")
def register_reuse_viewset():
    return ReuseViewSet("reuse")


@hooks.register("construct_page_chooser_queryset")
def hide_other_authorities_drafts(pages, request):
    return ownership.chooser_pages(pages, request.user)


# Search upkeep: the term list (synonyms now, the translation glossary later), the
# report of searches without results and the search engine's status.

register_snippet(TermGroupViewSet)
hooks.register("register_admin_urls", search_report_urlpatterns)


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return MenuItem(
        _("Searches without results"),
        reverse("knowledge_zero_result_queries"),
        name="searches-without-results",
        icon_name="search",
        order=900,
    )


@hooks.register("construct_homepage_panels")
def add_search_status_panel(request, panels):
    panels.append(SearchStatusPanel())


# The portfolio in figures (apps/knowledge/portal/figures.py), as on the portal.
@hooks.register("construct_homepage_panels")
def add_figures_panel(request, panels):
    panels.append(FiguresPanel())


hooks.register("after_create_snippet", update_synonyms_after_term_list_change)
hooks.register("after_edit_snippet", update_synonyms_after_term_list_change)
hooks.register("after_delete_snippet", update_synonyms_after_term_list_change)


# Below an unpublished page, expired, or a document only drafts use: not found.
@hooks.register("register_rich_text_features", order=100)
def links_to_visible_pages_only(features) -> None:
    """After Wagtail's own ``page`` link type (order 0), which it replaces."""
    features.register_link_type(VisiblePageLinkHandler)


hooks.register("before_serve_page", visibility.refuse_hidden_page)
hooks.register("before_serve_document", visibility.refuse_unpublished_document)


# Translating a page tree in the background (apps/knowledge/translation/tree.py).

hooks.register("register_admin_urls", tree_translation_urlpatterns)
hooks.register("register_page_header_buttons", tree_translation_buttons)
hooks.register("register_page_listing_more_buttons", tree_translation_buttons)


@hooks.register("register_reports_menu_item")
def register_tree_translation_menu_item():
    return MenuItem(
        _("Tree translations"),
        reverse("knowledge_tree_translation_jobs"),
        name="tree-translations",
        icon_name="globe",
        order=910,
    )


@hooks.register("construct_help_menu")
def localise_help_menu(request, menu_items):
    admin_menus.localise_help_menu(menu_items)


@hooks.register("construct_reports_menu")
def localise_reports_menu(request, menu_items):
    admin_menus.localise_reports_menu(menu_items)
