"""Admin views: Wagtail's page edit and workflow action views, told about refusals.

A moderation task refuses an action with ``WorkflowActionRefused`` (the step was
already decided by someone else, the checklist is incomplete, the user wrote the
revision). Wagtail would answer with a bare 403; these views show the reason as an
error message instead, in the modal or on the edit page.
"""

from __future__ import annotations

from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet

from apps.workflow.models.tasks import WorkflowActionRefused


def _is_ajax(request) -> bool:
    return request.headers.get("x-requested-with") == "XMLHttpRequest"


class ModerationWorkflowActionView(WorkflowActionView):
    """Approve or request changes from the modal, with refusals explained."""

    def post(self, request, *args, **kwargs):
        if self.form_class:
            form = self.form_class(request.POST)
            if not form.is_valid() and not _is_ajax(request):
                # Wagtail redirects silently here; say what was missing.
                errors = [str(e) for e in form.non_field_errors()] or [
                    _("The form was not complete.")
                ]
                messages.error(request, " ".join(errors))
                return redirect(self.redirect_url)
        try:
            return super().post(request, *args, **kwargs)
        except WorkflowActionRefused as refusal:
            if _is_ajax(request) and self.form_class:
                form = self.form_class(request.POST)
                form.is_valid()
                form.add_error(None, str(refusal))
                return self.render_modal_form(request, form)
            messages.error(request, str(refusal))
            return redirect(self.redirect_url)


class ModerationEditView(EditView):
    """The page editor; a refused workflow action keeps what the user typed."""

    def perform_workflow_action(self):
        try:
            with transaction.atomic():
                return super().perform_workflow_action()
        except WorkflowActionRefused as refusal:
            messages.error(self.request, str(refusal))
            self.has_unsaved_changes = True
            self.page = self.real_page_record.get_latest_revision_as_object()
            return self.render_to_response(self.get_context_data())


class ModerationPageViewSet(PageViewSet):
    """Wagtail's page views with the two moderation-aware views above."""

    edit_view_class = ModerationEditView
    workflow_action_view_class = ModerationWorkflowActionView
