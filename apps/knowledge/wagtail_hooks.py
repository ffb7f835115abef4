"""Admin registration: snippet viewsets with filters for the knowledge base."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from apps.knowledge import ownership, visibility
from apps.knowledge.admin import gdpr_views
from apps.knowledge.admin import menus as admin_menus
from apps.knowledge.admin.search_views import (
    SearchStatusPanel,
    ZeroResultQueriesReportView,
)
from apps.knowledge.admin.viewsets import (
    ContactChooserViewSet,
    LocalisedSnippetViewSet,
    OwnedSnippetViewSet,
)
from apps.knowledge.forms import TagForm
from apps.knowledge.models import Contact, FieldOfAction, Organisation, TermGroup
from apps.knowledge.ownership import OwnedSnippetPermissionPolicy
from apps.knowledge.rich_text import VisiblePageLinkHandler
from apps.knowledge.search.rebuild import update_synonyms_task
from apps.knowledge.translation.views import tree_translation_urlpatterns


class FieldOfActionFilterSet(WagtailFilterSet):
    """Filters of the field-of-action listing."""

    class Meta:
        model = FieldOfAction
        fields = ["cross_cutting"]


class OrganisationFilterSet(WagtailFilterSet):
    """Filters of the organisation listing."""

    class Meta:
        model = Organisation
        fields = ["kind", "country"]


class ContactFilterSet(WagtailFilterSet):
    """Filters of the contact listing."""

    class Meta:
        model = Contact
        fields = ["organisation"]


class FieldOfActionViewSet(OwnedSnippetViewSet):
    """The taxonomy of fields of action, owned by the Digitalagentur."""

    model = FieldOfAction
    icon = "tag"
    menu_label = _("Fields of action")
    list_display = [
        "name",
        "slug",
        "cross_cutting",
        "sort_order",
    ]
    filterset_class = FieldOfActionFilterSet
    search_fields = ["name"]
    # Searched with the database's icontains on these columns: the search index
    # (SQLite FTS5 has no per-field columns) answered "no such column: name".
    search_backend_name = None


class OrganisationViewSet(OwnedSnippetViewSet):
    """Authorities, municipalities, associations and companies."""

    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "kind", "country"]
    filterset_class = OrganisationFilterSet
    search_fields = ["name"]
    # Searched with the database's icontains on these columns: the search index
    # (SQLite FTS5 has no per-field columns) answered "no such column: name".
    search_backend_name = None


class ContactViewSet(OwnedSnippetViewSet):
    """People partners can contact about solutions."""

    model = Contact
    icon = "user"
    menu_label = _("Contacts")
    list_display = [
        "name",
        "role",
        "organisation",
        "email",
    ]
    filterset_class = ContactFilterSet
    search_fields = ["name", "role"]
    # Searched with the database's icontains on these columns: the search index
    # (SQLite FTS5 has no per-field columns) answered "no such column: name".
    search_backend_name = None
    # GDPR: export (art. 15) and erase (art. 17) a person, from the row menu and
    # the edit view's header menu.
    index_view_class = gdpr_views.ContactIndexView
    edit_view_class = gdpr_views.ContactEditView
    chooser_viewset_class = ContactChooserViewSet

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), *gdpr_views.gdpr_urlpatterns(self)]


def tag_translation_names(tag: Tag) -> str:
    """The tag's names per language for the listing, e.g. ``da: varmepumper``."""
    return " · ".join(
        f"{translation.language}: {translation.name}"
        for translation in tag.translations.all()
    )


class TagViewSet(LocalisedSnippetViewSet):
    """Solution tags with their names in each portal language.

    Tags are django-taggit's, managed as a snippet as the Wagtail docs show:
    https://docs.wagtail.org/en/stable/advanced_topics/tags.html#managing-tags-with-wagtail-s-modelviewset
    """

    model = Tag
    icon = "tag"
    menu_label = _("Tags")
    list_display = [
        "name",
        "slug",
        Column("translations", label=_("Names"), accessor=tag_translation_names),
    ]
    search_fields = ["name", "translations__name"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("slug"),
            MultiFieldPanel(
                [FieldPanel(f"name_{code}") for code, _name in settings.LANGUAGES],
                heading=_("Name in each language"),
            ),
        ],
        base_form_class=TagForm,
    )

    def get_queryset(self, request):
        # The names column: one query for the translations of the listed tags.
        return Tag.objects.prefetch_related("translations")


class KnowledgeViewSetGroup(SnippetViewSetGroup):
    """The knowledge base menu of the admin."""

    items = (FieldOfActionViewSet, OrganisationViewSet, ContactViewSet, TagViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Knowledge base")
    menu_name = "knowledge"


# Which records a user may change: their authority's (apps.knowledge.ownership).
# Registered before the viewsets, which then use it instead of Wagtail's default.
for _model in (FieldOfAction, Organisation, Contact):
    register_permission_policy(
        _model, OwnedSnippetPermissionPolicy(_model), exact_class=True
    )
register_snippet(KnowledgeViewSetGroup)


@hooks.register("construct_page_chooser_queryset")
def hide_other_authorities_drafts(pages, request):
    return ownership.chooser_pages(pages, request.user)


# Search upkeep: the term list (synonyms now, the translation glossary later), the
# report of searches without results and the search engine's status.


class TermGroupViewSet(LocalisedSnippetViewSet):
    """Synonyms and glossary terms in German, Danish and English."""

    model = TermGroup
    icon = "list-ul"
    menu_label = _("Term list")
    list_display = ["name", "term_list", "use_as_synonyms"]
    list_filter = ["use_as_synonyms"]
    search_fields = ["name"]


register_snippet(TermGroupViewSet)


@hooks.register("register_admin_urls")
def register_search_report_urls():
    return [
        path(
            "reports/searches-without-results/",
            ZeroResultQueriesReportView.as_view(),
            name="knowledge_zero_result_queries",
        ),
        path(
            "reports/searches-without-results/results/",
            ZeroResultQueriesReportView.as_view(results_only=True),
            name="knowledge_zero_result_queries_results",
        ),
    ]


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


def _term_list_changed(request, instance) -> None:
    # Elasticsearch holds the synonyms in its analyzers; the database backends
    # read the term list at each search.
    instances = instance if isinstance(instance, list) else [instance]
    if any(isinstance(item, TermGroup) for item in instances):
        transaction.on_commit(update_synonyms_task.enqueue)


hooks.register("after_create_snippet", _term_list_changed)
hooks.register("after_edit_snippet", _term_list_changed)
hooks.register("after_delete_snippet", _term_list_changed)


# Below an unpublished page, expired, or a document only drafts use: not found.
@hooks.register("register_rich_text_features", order=100)
def links_to_visible_pages_only(features) -> None:
    """After Wagtail's own ``page`` link type (order 0), which it replaces."""
    features.register_link_type(VisiblePageLinkHandler)


hooks.register("before_serve_page", visibility.refuse_hidden_page)
hooks.register("before_serve_document", visibility.refuse_unpublished_document)


# Translating a page tree in the background (apps/knowledge/translation/tree.py).


@hooks.register("register_admin_urls")
def register_tree_translation_urls():
    return tree_translation_urlpatterns()


def tree_translation_buttons(page, user, view_name=None, next_url=None):
    from wagtail.admin.widgets import ListingButton

    if page.depth > 1 and user.has_perm("wagtail_localize.submit_translation"):
        yield ListingButton(
            _("Translate page tree"),
            reverse("knowledge_translate_tree", args=[page.pk]),
            priority=61,
            icon_name="globe",
        )


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
