"""Admin views: Wagtail's page edit and workflow action views, told about refusals.

A moderation task refuses an action with ``WorkflowActionRefused`` (the step was
already decided by someone else, the checklist is incomplete, the user wrote the
revision). Wagtail would answer with a bare 403; these views show the reason as an
error message instead, in the modal or on the edit page.
"""

from __future__ import annotations

from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.ui.tables import (
    BooleanColumn,
    Column,
    DateColumn,
    TitleColumn,
    UserColumn,
)
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.views.reports.base import ReportView
from wagtail.admin.viewsets.pages import PageViewSet

from apps.workflow.models.tasks import WorkflowActionRefused
from apps.workflow.models.translations import TranslationSignOff


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


class TranslationSignOffReportView(ReportView):
    """Report: every review of a language version, who signed it off and when."""

    page_title = gettext_lazy("Translation sign-offs")
    header_icon = "globe"
    index_url_name = "workflow_admin:translation_sign_offs"
    index_results_url_name = "workflow_admin:translation_sign_offs_results"
    list_export = [
        "page.title",
        "page.locale.language_code",
        "machine_translated",
        "signed_off_by",
        "signed_off_at",
    ]

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "page",
                label=_("Page"),
                accessor="page.get_admin_display_title",
                get_url=lambda sign_off: reverse(
                    "wagtailadmin_pages:edit", args=[sign_off.page_id]
                ),
            ),
            Column(
                "language",
                label=_("Language"),
                accessor="page.locale.get_display_name",
            ),
            BooleanColumn("machine_translated", label=_("Machine-translated")),
            BooleanColumn("needs_review", label=_("Not yet reviewed")),
            UserColumn("signed_off_by", label=_("Signed off by")),
            DateColumn("signed_off_at", label=_("Signed off")),
        ]

    def get_queryset(self):
        return TranslationSignOff.objects.select_related(
            "page__locale", "signed_off_by"
        )
