"""Admin views of the reuse graph: propose an adoption or derivation, and confirm or
decline the other side's proposals (``apps.workflow.reuse_proposals``)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import AdminDateInput, AdminPageChooser, Button
from wagtail.snippets.widgets import AdminSnippetChooser

from apps.knowledge.models import Organisation, Reuse, SolutionPage
from apps.knowledge.ownership import user_owners
from apps.security.record_ids import record_id
from apps.workflow import reuse_proposals
from apps.workflow.admin_pages import GuardedAdminPage


def may_take_part(user) -> bool:
    """Editors, moderators, the Digitalagentur and superusers propose and decide."""
    return user.is_authenticated and (user.is_superuser or bool(user_owners(user)))


class ProposeReuseForm(forms.Form):
    """What an editor says about a reuse; the side they act for is worked out."""

    kind = forms.ChoiceField(
        label=gettext_lazy("Relation"),
        choices=[
            (Reuse.Kind.ADOPTION, gettext_lazy("An organisation runs this solution")),
            (Reuse.Kind.DERIVATION, gettext_lazy("Another solution builds on it")),
        ],
        widget=forms.RadioSelect,
        initial=Reuse.Kind.ADOPTION,
    )
    solution = forms.ModelChoiceField(
        SolutionPage.objects.all(),
        label=gettext_lazy("Reused solution"),
        widget=AdminPageChooser(target_models=[SolutionPage]),
    )
    organisation = forms.ModelChoiceField(
        Organisation.objects.all(),
        label=gettext_lazy("Adopting organisation"),
        required=False,
        widget=AdminSnippetChooser(Organisation),
    )
    derived = forms.ModelChoiceField(
        SolutionPage.objects.all(),
        label=gettext_lazy("Solution building on it"),
        required=False,
        widget=AdminPageChooser(target_models=[SolutionPage]),
    )
    since = forms.DateField(
        label=gettext_lazy("In use since"), required=False, widget=AdminDateInput
    )
    changes = forms.CharField(
        label=gettext_lazy("What was changed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "In your language; translations can be added in the admin later."
        ),
    )
    municipality = forms.CharField(
        label=gettext_lazy("Where (municipality)"), required=False, max_length=120
    )
    latitude = forms.DecimalField(
        label=gettext_lazy("Latitude"), required=False, max_digits=9, decimal_places=6
    )
    longitude = forms.DecimalField(
        label=gettext_lazy("Longitude"), required=False, max_digits=9, decimal_places=6
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == Reuse.Kind.ADOPTION:
            cleaned["derived"] = None
            if not cleaned.get("organisation"):
                self.add_error(
                    "organisation", _("Choose the organisation that adopted it.")
                )
        elif cleaned.get("kind") == Reuse.Kind.DERIVATION:
            cleaned["organisation"] = None
            if not cleaned.get("derived"):
                self.add_error("derived", _("Choose the solution that builds on it."))
        return cleaned


class ProposeReuseView(GuardedAdminPage, FormView):
    """Propose "adopted by" or "derived from"; the other side confirms it."""

    template_name = "workflow/admin/reuse_propose.html"
    form_class = ProposeReuseForm
    page_title = gettext_lazy("Propose a reuse")
    header_icon = "link"

    allowed = staticmethod(may_take_part)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("workflow_admin:reuse_proposals"),
                "label": _("Reuse proposals"),
            },
            {"url": "", "label": self.page_title},
        ]

    def get_initial(self):
        initial = super().get_initial()
        for name in ("solution", "organisation"):
            value = record_id(self.request.GET.get(name))
            if value is not None:
                initial[name] = value
        return initial

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            reuse_proposals.propose(
                self.request.user,
                solution=data["solution"],
                organisation=data["organisation"],
                derived=data["derived"],
                since=data["since"],
                changes=data["changes"],
                language=get_language(),
                municipality=data["municipality"],
                latitude=data["latitude"],
                longitude=data["longitude"],
            )
        except reuse_proposals.ProposalRefused as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        except ValidationError as error:
            reuse_proposals.add_to_form(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Proposed. The other side's moderators have been asked to confirm it."),
        )
        return redirect("workflow_admin:reuse_proposals")


class ReuseProposalsView(GuardedAdminPage, TemplateView):
    """Proposals waiting for the user's decision, and the user's own proposals."""

    template_name = "workflow/admin/reuse_proposals.html"
    page_title = gettext_lazy("Reuse proposals")
    header_icon = "link"

    allowed = staticmethod(may_take_part)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        language = get_language()
        context["waiting"] = [
            reuse_proposals.describe(reuse, language)
            for reuse in reuse_proposals.proposals_for(self.request.user)
        ]
        context["own"] = [
            reuse_proposals.describe(reuse, language)
            for reuse in reuse_proposals.proposals_by(self.request.user)[:50]
        ]
        return context

    def post(self, request, *args, **kwargs):
        decision = request.POST.get("decision")
        pk = record_id(request.POST.get("reuse"))
        if decision not in {"confirm", "decline"} or pk is None:
            raise PermissionDenied
        try:
            reuse = reuse_proposals.decide(
                pk,
                request.user,
                confirm=decision == "confirm",
                comment=request.POST.get("comment", ""),
            )
        except reuse_proposals.ProposalRefused as error:
            messages.error(request, str(error))
        else:
            if reuse.status == Reuse.Status.CONFIRMED:
                messages.success(request, _("Confirmed: the portal shows it now."))
            else:
                messages.success(request, _("Declined: the proposer has been told."))
        return redirect("workflow_admin:reuse_proposals")


class ReuseProposalsMenuItem(MenuItem):
    """Shown to editors, moderators and the Digitalagentur."""

    def is_shown(self, request) -> bool:
        return may_take_part(request.user)


def reuse_proposals_menu_item() -> ReuseProposalsMenuItem:
    return ReuseProposalsMenuItem(
        gettext_lazy("Reuse proposals"),
        reverse("workflow_admin:reuse_proposals"),
        name="reuse-proposals",
        icon_name="link",
        order=270,
    )


def propose_reuse_button(page, user, view_name, next_url=None):
    """The solution page header's entry: propose who adopted it or what builds on
    it, with the solution filled in."""
    is_solution = isinstance(page.specific_deferred, SolutionPage)
    if view_name == "edit" and is_solution and may_take_part(user):
        yield Button(
            _("Propose a reuse"),
            reverse("workflow_admin:propose_reuse") + f"?solution={page.pk}",
            icon_name="link",
            priority=50,
        )
