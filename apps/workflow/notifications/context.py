"""Links and names used in the notification templates."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import NoReverseMatch, reverse
from wagtail.log_actions import registry as log_registry
from wagtail.models import Locale, Page, WorkflowState

from apps.knowledge.public_url import absolute_url
from apps.knowledge.visibility import is_visible


def admin_url(name: str, *args) -> str:
    return absolute_url(reverse(name, args=args))


def portal_url(name: str, *args) -> Callable[[], str]:
    """A portal address, resolved when the mail template renders it: in the
    recipient's language then; "" when the view does not exist."""

    def resolve() -> str:
        try:
            return absolute_url(reverse(name, args=args))
        except NoReverseMatch:
            return ""

    return resolve


def display_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def submitter_of(workflow_state: WorkflowState):
    """Who sent the content under review: whoever last resumed the workflow after
    a change request, else whoever started it.

    A task that starts because the previous one was approved is started by that
    step's approver (Wagtail passes the acting user on), who submitted nothing.
    Wagtail logs a resume before it restarts the task, so the log already knows.
    """
    obj = workflow_state.content_object
    resumed = (
        log_registry.get_logs_for_instance(obj)
        .filter(
            action="wagtail.workflow.resume",
            timestamp__gte=workflow_state.created_at,
        )
        .select_related("user")
        .order_by("-timestamp", "-pk")
        .first()
    )
    if resumed is not None and resumed.user is not None:
        return resumed.user
    return workflow_state.requested_by


def page_in_language(page: Page, language: str) -> Page:
    """The version of ``page`` in ``language`` if visitors may see it
    (apps.knowledge.visibility), else ``page``."""
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None or page.locale_id == locale.pk:
        return page
    translated = page.get_translation_or_none(locale)
    if translated is not None and is_visible(translated):
        return translated.specific
    return page


def object_context(obj) -> dict:
    """Title and links of the page or snippet a workflow runs on."""
    obj = getattr(obj, "specific", obj)
    context = {"object": obj, "title": str(obj), "edit_url": "", "public_url": ""}
    if isinstance(obj, Page):
        context["edit_url"] = admin_url("wagtailadmin_pages:edit", obj.pk)
        context["public_url"] = (obj.full_url or "") if obj.live else ""
    return context
