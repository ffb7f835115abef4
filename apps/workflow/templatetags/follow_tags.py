"""The follow / unfollow button of the portal pages."""

from __future__ import annotations

from django import template

from apps.knowledge.models import FieldOfAction, SolutionPage, ThemePage
from apps.workflow.models import Follow

register = template.Library()


@register.inclusion_tag("workflow/follow/button.html", takes_context=True)
def follow_button(context, target) -> dict:
    """A follow button for a solution page or a field of action, for logged-in users.

    ``target`` may be a ``SolutionPage``, a ``ThemePage`` (follows its field of
    action) or a ``FieldOfAction``.
    """

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        # Before the field of action of a theme page is loaded: no query.
        return {"show": False}
    if isinstance(target, ThemePage):
        target = target.field_of_action
    if isinstance(target, SolutionPage):
        kind, lookup = "solution", {"solution": target}
    elif isinstance(target, FieldOfAction):
        kind, lookup = "field", {"field_of_action": target}
    else:
        return {"show": False}
    return {
        "show": True,
        "kind": kind,
        "target": target,
        "following": Follow.objects.filter(user=user, **lookup).exists(),
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
