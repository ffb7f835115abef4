"""Portal views for following fields of action and solutions.

Plain forms posted with a CSRF token, so following works without JavaScript.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from apps.knowledge.models import FieldOfAction, SolutionPage
from apps.knowledge.visibility import visible
from apps.workflow.models import Follow

FOLLOW_TARGETS = {"field": "field_of_action", "solution": "solution"}


def _login_url() -> str:
    try:
        return reverse("partner:login")
    except NoReverseMatch:
        return settings.LOGIN_URL


def _target(kind: str, pk: int):
    if kind == "field":
        # A draft field of action is not named to anyone outside the admin.
        return get_object_or_404(FieldOfAction.objects.live(), pk=pk)
    if kind == "solution":
        # Only what visitors can see may be followed.
        return get_object_or_404(visible(SolutionPage.objects), pk=pk)
    raise Http404


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("following")


@require_POST
def toggle_follow(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Follow (``action=follow``) or unfollow a field of action or a solution."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.POST.get("next", "/"), _login_url())
    target = _target(kind, pk)
    lookup = {"user": request.user, FOLLOW_TARGETS[kind]: target}
    if request.POST.get("action") == "unfollow":
        Follow.objects.filter(**lookup).delete()
        message = _("You no longer follow “%s”.") % target
    else:
        Follow.objects.get_or_create(**lookup)
        message = _("You follow “%s” now. We will e-mail you about news.") % target
    next_url = _next_url(request)
    if next_url == reverse("following"):
        # Only the list shows messages; elsewhere the button's new label says it.
        messages.success(request, message)
    return redirect(next_url)


@require_GET
def following(request: HttpRequest) -> HttpResponse:
    """What I follow: the fields of action and solutions, each with an unfollow."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), _login_url())
    follows = Follow.objects.filter(user=request.user).select_related(
        "field_of_action", "solution"
    )
    return render(
        request,
        "workflow/follow/following.html",
        {
            "fields": [f for f in follows if f.field_of_action_id],
            "solutions": [f for f in follows if f.solution_id],
        },
    )
