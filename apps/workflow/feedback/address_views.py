"""The feedback admin's "Reports of an e-mail address": what is stored about a
reporter, as a JSON download (GDPR art. 15), and erasing it (art. 17).

For whoever holds the data-protection permission (``knowledge.export_contact``,
the Digitalagentur's, ``apps.workflow.groups``), reached from the header of the
feedback report listing.
"""

from __future__ import annotations

from django import forms
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin import messages

from apps.knowledge.admin.gdpr import EXPORT_PERMISSION
from apps.workflow.admin_pages import GuardedAdminPage
from apps.workflow.feedback import retention

LABEL = gettext_lazy("Reports of an e-mail address")


def may_use(user) -> bool:
    return user.has_perm(EXPORT_PERMISSION)


class AddressForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address of the reporter"))


class ReportsOfAddressView(GuardedAdminPage, TemplateView):
    """Find a reporter's reports by address; export them or erase them."""

    template_name = "workflow/admin/feedback_by_address.html"
    page_title = LABEL
    header_icon = "comment"
    url_namespace = ""

    allowed = staticmethod(may_use)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(f"{self.url_namespace}:list"),
                "label": _("Feedback"),
            },
            {"url": "", "label": self.page_title},
        ]

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        form = AddressForm(request.GET if "email" in request.GET else None)
        email = form.cleaned_data["email"] if form.is_valid() else ""
        if email and request.GET.get("download"):
            response = JsonResponse(
                retention.export_reports(email),
                encoder=DjangoJSONEncoder,
                json_dumps_params={"ensure_ascii": False, "indent": 2},
            )
            response["Content-Disposition"] = (
                'attachment; filename="feedback-reports-personal-data.json"'
            )
            return response
        context = self.get_context_data(
            form=form,
            email=email,
            reports=list(retention.reports_of(email)) if email else [],
        )
        return self.render_to_response(context)

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        form = AddressForm(request.POST)
        if not form.is_valid():
            return redirect(f"{self.url_namespace}:by_address")
        count = retention.erase_reports(form.cleaned_data["email"])
        messages.success(
            request,
            ngettext(
                "%(count)s report of this address was erased.",
                "%(count)s reports of this address were erased.",
                count,
            )
            % {"count": count},
        )
        return redirect(f"{self.url_namespace}:list")
