"""Admin views of the Contact snippet: export a person's data (GDPR art. 15) and
erase it (art. 17), with the buttons that lead there from the listing and the
edit view."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import EditView, IndexView

from apps.knowledge.admin.gdpr import (
    ERASE_ACTION,
    erase_contact,
    export_contact,
    language_versions,
)
from apps.knowledge.admin.gdpr import pages_listing as listing_pages
from apps.knowledge.models import Contact

EXPORT_ACTION = "knowledge.contact_exported"
EXPORT_LABEL = gettext_lazy("Export personal data")
ERASE_LABEL = gettext_lazy("Erase personal data")


@hooks.register("register_log_actions")
def register_gdpr_log_actions(actions) -> None:
    actions.register_action(
        EXPORT_ACTION, _("Export personal data"), _("Personal data exported")
    )
    actions.register_action(
        ERASE_ACTION, _("Erase personal data"), _("Personal data erased")
    )


def _can(policy, user, action: str, contact: Contact) -> bool:
    return policy.user_has_permission_for_instance(user, action, contact)


def _namespace(url_name: str) -> str:
    """``wagtailsnippets_knowledge_contact`` from one of the viewset's URL names."""
    return url_name.rsplit(":", 1)[0]


def gdpr_buttons(policy, namespace: str, user, contact: Contact, kind=Button) -> list:
    """Export (for whoever holds the export permission) and erase (who may delete
    the contact)."""
    buttons = []
    if _can(policy, user, "export", contact):
        buttons.append(
            kind(
                EXPORT_LABEL,
                url=reverse(f"{namespace}:gdpr_export", args=[contact.pk]),
                icon_name="download",
                priority=40,
            )
        )
    if _can(policy, user, "delete", contact):
        buttons.append(
            kind(
                ERASE_LABEL,
                url=reverse(f"{namespace}:gdpr_erase", args=[contact.pk]),
                icon_name="bin",
                priority=50,
            )
        )
    return buttons


class ContactIndexView(IndexView):
    """The contact listing, with the GDPR actions in each row's menu."""

    def get_list_more_buttons(self, instance):
        return [
            *super().get_list_more_buttons(instance),
            *gdpr_buttons(
                self.permission_policy,
                _namespace(self.index_url_name),
                self.request.user,
                instance,
                kind=MenuItem,
            ),
        ]


class ContactEditView(EditView):
    """The contact edit view, with the GDPR actions in its header menu."""

    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            *gdpr_buttons(
                self.permission_policy,
                _namespace(self.edit_url_name),
                self.request.user,
                self.object,
            ),
        ]


class GDPRView(View):
    """Base of the GDPR views: the contact viewset's permissions and URL names."""

    permission_policy = None
    url_namespace = ""


class ContactExportView(GDPRView):
    """Downloads everything stored about a person as JSON."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        contact = get_object_or_404(Contact, pk=pk)
        if not _can(self.permission_policy, request.user, "export", contact):
            raise PermissionDenied
        data = export_contact(contact, request)
        log(contact, EXPORT_ACTION, user=request.user)
        response = JsonResponse(
            data,
            encoder=DjangoJSONEncoder,
            json_dumps_params={"ensure_ascii": False, "indent": 2},
        )
        response["Content-Disposition"] = (
            f'attachment; filename="contact-{contact.pk}-personal-data.json"'
        )
        return response


class ContactEraseView(GDPRView):
    """Asks for confirmation, then erases a person from the knowledge base."""

    template_name = "knowledge/admin/contact_erase.html"

    def dispatch(self, request, *args, **kwargs):
        self.contact = get_object_or_404(Contact, pk=kwargs["pk"])
        if not _can(self.permission_policy, request.user, "delete", self.contact):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        versions = language_versions(self.contact)
        return TemplateResponse(
            request,
            self.template_name,
            {
                "contact": self.contact,
                "versions": versions,
                "pages": listing_pages(versions),
                "page_title": ERASE_LABEL,
                # The browser tab's title (Wagtail's generic base reads this one).
                "header_title": f"{ERASE_LABEL}: {self.contact.name}",
                "header_icon": "user",
                "cancel_url": reverse(
                    f"{self.url_namespace}:edit", args=[self.contact.pk]
                ),
            },
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        erasure = erase_contact(self.contact, user=request.user)
        count = len(erasure.pages)
        messages.success(
            request,
            ngettext(
                "The contact's personal data was erased; it was removed from "
                "%(count)s page.",
                "The contact's personal data was erased; it was removed from "
                "%(count)s pages.",
                count,
            )
            % {"count": count},
        )
        return redirect(f"{self.url_namespace}:list")


def gdpr_urlpatterns(viewset) -> list:
    """The export and erase addresses, added to the contact viewset's URLs."""
    options = {
        "permission_policy": viewset.permission_policy,
        "url_namespace": viewset.url_namespace,
    }
    return [
        path(
            "gdpr-export/<int:pk>/",
            ContactExportView.as_view(**options),
            name="gdpr_export",
        ),
        path(
            "gdpr-erase/<int:pk>/",
            ContactEraseView.as_view(**options),
            name="gdpr_erase",
        ),
    ]
