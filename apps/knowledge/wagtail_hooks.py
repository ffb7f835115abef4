"""Admin registration: snippet viewsets with filters for the knowledge base."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from apps.knowledge.models import Contact, FieldOfAction, Organisation


class OrganisationFilterSet(WagtailFilterSet):
    class Meta:
        model = Organisation
        fields = ["kind", "country"]


class FieldOfActionViewSet(SnippetViewSet):
    model = FieldOfAction
    icon = "tag"
    menu_label = _("Fields of action")
    list_display = ["name", "slug", "cross_cutting", "sort_order"]
    search_fields = ["name"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "kind", "country"]
    list_filter = ["kind", "country"]
    filterset_class = OrganisationFilterSet
    search_fields = ["name"]


class ContactViewSet(SnippetViewSet):
    model = Contact
    icon = "user"
    menu_label = _("Contacts")
    list_display = ["name", "role", "organisation", "email"]
    search_fields = ["name", "role"]


class KnowledgeViewSetGroup(SnippetViewSetGroup):
    items = (FieldOfActionViewSet, OrganisationViewSet, ContactViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Knowledge base")
    menu_name = "knowledge"


register_snippet(KnowledgeViewSetGroup)
