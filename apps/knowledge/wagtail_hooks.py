"""Admin registration: snippet viewsets with filters for the knowledge base."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from apps.knowledge.models import Contact, FieldOfAction, Organisation


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


class FieldOfActionViewSet(SnippetViewSet):
    """The taxonomy of fields of action, owned by the Digitalagentur."""

    model = FieldOfAction
    icon = "tag"
    menu_label = _("Fields of action")
    list_display = ["name", "slug", "cross_cutting", "sort_order"]
    filterset_class = FieldOfActionFilterSet
    search_fields = ["name"]


class OrganisationViewSet(SnippetViewSet):
    """Authorities, municipalities, associations and companies."""

    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "kind", "country"]
    filterset_class = OrganisationFilterSet
    search_fields = ["name"]


class ContactViewSet(SnippetViewSet):
    """People partners can contact about solutions."""

    model = Contact
    icon = "user"
    menu_label = _("Contacts")
    list_display = ["name", "role", "organisation", "email"]
    filterset_class = ContactFilterSet
    search_fields = ["name", "role"]


class KnowledgeViewSetGroup(SnippetViewSetGroup):
    """The knowledge base menu of the admin."""

    items = (FieldOfActionViewSet, OrganisationViewSet, ContactViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Knowledge base")
    menu_name = "knowledge"


register_snippet(KnowledgeViewSetGroup)
