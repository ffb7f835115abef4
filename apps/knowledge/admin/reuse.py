"""The reuse graph in the admin: the Digitalagentur corrects or deletes a relation
and gives its "changes" in other languages. Relations are made by proposal and
confirmation (the workflow app's "Reuse proposals"), never added here."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from apps.knowledge.models import Reuse


class ReusePermissionPolicy(ModelPermissionPolicy):
    """Model permissions, but nobody adds a relation here: it would skip the
    other side's confirmation."""

    def user_has_permission(self, user, action) -> bool:
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)


class ReuseViewSet(ModelViewSet):
    """Confirmed, proposed and declined reuse relations."""

    model = Reuse
    icon = "link"
    menu_label = _("Reuse")
    add_to_admin_menu = True
    menu_order = 280
    list_display = ["__str__", "status", "since", "proposed_at"]
    list_filter = ["kind", "status"]
    inspect_view_enabled = False
