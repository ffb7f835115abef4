"""The knowledge base's snippets in the admin: their viewsets, filters and menu group.

Fields of action, organisations and contacts are owned records (the base classes in
``viewsets.py`` ask ``apps.knowledge.ownership`` about each one); tags and the term
list are shared by every authority. ``apps/knowledge/wagtail_hooks.py`` registers
them.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from apps.knowledge.admin import gdpr_views
from apps.knowledge.admin.viewsets import (
    ContactChooserViewSet,
    LocalisedSnippetViewSet,
    OwnedSnippetViewSet,
)
from apps.knowledge.forms import TagForm
from apps.knowledge.models import Contact, FieldOfAction, Organisation, TermGroup

#: The snippets whose records belong to an authority (``OwnedSnippetViewSet``).
OWNED_MODELS = (FieldOfAction, Organisation, Contact)


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


class TermGroupViewSet(LocalisedSnippetViewSet):
    """Synonyms and glossary terms in German, Danish and English."""

    model = TermGroup
    icon = "list-ul"
    menu_label = _("Term list")
    list_display = ["name", "term_list", "use_as_synonyms"]
    list_filter = ["use_as_synonyms"]
    search_fields = ["name"]
