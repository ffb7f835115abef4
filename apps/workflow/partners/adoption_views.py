"""Portal view for partners: "our organisation runs this solution too".

A confirmed member of an organisation proposes the adoption from the solution's
page (the link under "Adopted by"); the solution's authority confirms it in the
admin (``apps.workflow.reuse_proposals``). The form keeps what was typed when
something is wrong.
"""

from __future__ import annotations

from http import HTTPStatus
from uuid import UUID

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from apps.knowledge import content_cache
from apps.knowledge.models import Reuse, SolutionPage
from apps.knowledge.models.relations import localize_keys
from apps.workflow import reuse_proposals
from apps.workflow.partners.views import verified_required


class AdoptionForm(forms.Form):
    """What a partner says about running a solution in their organisation."""

    since = forms.DateField(
        label=gettext_lazy("In use since"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    changes = forms.CharField(
        label=gettext_lazy("What was changed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
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


@verified_required
def propose_adoption(request: HttpRequest, solution_key: UUID) -> HttpResponse:
    """GET: the form; POST: the proposal, then back to the solution's page."""
    locale = content_cache.locale_for(get_language()) or content_cache.default_locale()
    solution = next(iter(localize_keys(SolutionPage, [solution_key], locale)), None)
    if solution is None:
        raise Http404
    profile = request.partner
    context = {"solution": solution, "profile": profile}
    if not profile.is_confirmed_member:
        return render(
            request,
            "workflow/portal/propose_adoption.html",
            {**context, "form": None},
            status=HTTPStatus.FORBIDDEN,
        )
    form = AdoptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reuse_proposals.propose(
                request.user,
                solution=solution,
                organisation=profile.organisation,
                language=get_language(),
                **form.cleaned_data,
            )
        except ValidationError as error:
            reuse_proposals.add_to_form(form, error)
        else:
            messages.success(
                request,
                _(
                    "Thank you. The solution's authority has been asked to confirm "
                    "it; the portal shows it once they have."
                ),
            )
            return redirect(solution.url)
    context["form"] = form
    context["open"] = Reuse.objects.filter(
        solution_key=solution.translation_key,
        organisation__translation_key=profile.organisation.translation_key,
        status=Reuse.Status.PROPOSED,
    ).exists()
    return render(request, "workflow/portal/propose_adoption.html", context)
