"""Admin pages of the workflow that only some users may open.

Each view names who may open it (``allowed``, a function of the user) and gets the
refusal and the breadcrumb ending in its own title, instead of repeating both.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class GuardedAdminPage(WagtailAdminTemplateMixin):
    """An admin page for the users ``allowed`` accepts; everyone else gets 403."""

    @staticmethod
    def allowed(user) -> bool:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not self.allowed(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]
