"""Admin view of membership requests: partner accounts that say they belong to an
organisation, for the authority's moderators (or the Digitalagentur) to confirm or
decline (``apps.workflow.partners.membership``)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem

from apps.security.record_ids import record_id
from apps.workflow.admin_pages import GuardedAdminPage
from apps.workflow.partners import membership
from apps.workflow.permissions import roles_moderated_by


def can_decide_memberships(user) -> bool:
    return user.is_authenticated and bool(
        membership.decides_everything(user) or roles_moderated_by(user)
    )


class MembershipRequestsView(GuardedAdminPage, TemplateView):
    """Partner accounts waiting for their organisation to be confirmed: moderators
    decide for their authority's organisations, the Digitalagentur for all
    (``apps.workflow.partners.membership``)."""

    template_name = "workflow/admin/membership_requests.html"
    page_title = gettext_lazy("Membership requests")
    header_icon = "group"

    allowed = staticmethod(can_decide_memberships)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["requests"] = membership.requests_for_moderator(self.request.user)
        return context

    def post(self, request, *args, **kwargs):
        decision = request.POST.get("decision")
        pk = record_id(request.POST.get("profile"))
        if decision not in {"approve", "decline"} or pk is None:
            raise PermissionDenied
        profile = membership.decide(pk, request.user, approve=decision == "approve")
        if profile is None:
            messages.error(request, _("This request has been decided already."))
        elif profile.is_confirmed_member:
            messages.success(
                request,
                _("%(name)s now acts for %(organisation)s.")
                % {
                    "name": profile.user.get_full_name(),
                    "organisation": profile.organisation,
                },
            )
        else:
            messages.success(
                request,
                _("The request of %(name)s was declined.")
                % {"name": profile.user.get_full_name()},
            )
        return redirect("workflow_admin:membership_requests")


class MembershipRequestsMenuItem(MenuItem):
    """Shown to moderators and the Digitalagentur only."""

    def is_shown(self, request) -> bool:
        return can_decide_memberships(request.user)


def membership_requests_menu_item() -> MembershipRequestsMenuItem:
    return MembershipRequestsMenuItem(
        gettext_lazy("Membership requests"),
        reverse("workflow_admin:membership_requests"),
        name="membership-requests",
        icon_name="group",
        order=260,
    )
