"""Admin views: Wagtail's page edit and workflow action views, told about refusals.

A moderation task refuses an action with ``WorkflowActionRefused`` (the step was
already decided by someone else, the checklist is incomplete, the user wrote the
revision). Wagtail would answer with a bare 403; these views show the reason as an
error message instead, in the modal or on the edit page.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.tables import (
    BooleanColumn,
    Column,
    DateColumn,
    TitleColumn,
    UserColumn,
)
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.views.reports.base import ReportView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.admin.widgets import Button
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import Translation

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
        "title",
        "language_code",
        "machine_translated",
        "signed_off_by",
        "signed_off_at",
    ]

    @cached_property
    def columns(self):
        # Pages and snippets (fields of action, organisations, contacts) alike.
        return [
            TitleColumn(
                "title",
                label=_("Page or snippet"),
                accessor="title",
                get_url=lambda sign_off: sign_off.edit_url,
            ),
            Column("language", label=_("Language"), accessor="language_name"),
            BooleanColumn("machine_translated", label=_("Machine-translated")),
            BooleanColumn("needs_review", label=_("Not yet reviewed")),
            UserColumn("signed_off_by", label=_("Signed off by")),
            DateColumn("signed_off_at", label=_("Signed off")),
        ]

    def get_queryset(self):
        return TranslationSignOff.objects.select_related(
            "page", "locale", "signed_off_by"
        ).prefetch_related("content_object")


class SubmitTranslationView(WagtailAdminTemplateMixin, TemplateView):
    """Submit a language version for moderation from outside the page editor.

    wagtail-localize's translation editor saves drafts but has no "Submit for
    moderation" button; translators use this confirmation page (linked from the
    page header) to start the workflow on their latest draft, or to resume it
    after changes were requested.
    """

    template_name = "workflow/admin/confirm_submit_translation.html"
    header_icon = "globe"

    def dispatch(self, request, page_id: int, *args, **kwargs):
        self.page = get_object_or_404(Page, pk=page_id).specific
        state = self.page.current_workflow_state
        self.needs_changes = bool(
            state and state.status == WorkflowState.STATUS_NEEDS_CHANGES
        )
        permissions = self.page.permissions_for_user(request.user)
        # Wagtail's can_submit_for_moderation() does not check the edit permission.
        if not (permissions.can_edit() and permissions.can_submit_for_moderation()):
            raise PermissionDenied
        return super().dispatch(request, page_id, *args, **kwargs)

    def get_page_title(self):
        return _("Submit translation for review")

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=self.page,
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        self.save_localize_strings(request.user)
        state = self.page.current_workflow_state
        if self.needs_changes:
            state.resume(request.user)
        else:
            self.page.get_workflow().start(self.page, request.user)
        messages.success(
            request,
            _("Page '%(page_title)s' has been submitted for moderation.")
            % {"page_title": self.page.get_admin_display_title()},
        )
        return redirect("wagtailadmin_pages:edit", self.page.pk)

    def save_localize_strings(self, user) -> None:
        """Write the strings typed in wagtail-localize's editor into a draft.

        wagtail-localize keeps translated strings apart from the page until someone
        presses its "Publish"; without this the reviewers would approve (and the
        finish action publish) the untranslated copy.
        """
        translation = Translation.objects.filter(
            source__object_id=self.page.translation_key,
            target_locale_id=self.page.locale_id,
            enabled=True,
        ).first()
        if translation is None:
            return
        translation.save_target(user=user, publish=False)
        self.page = self.page.specific_class.objects.get(pk=self.page.pk)


def submit_translation_url(page, user) -> str:
    """The address of ``SubmitTranslationView`` for ``page``, "" if ``user`` cannot
    submit it (the original language, no edit permission, already in review)."""
    if not isinstance(page, Page) or page.locale_id == Locale.get_default().pk:
        return ""
    permissions = page.permissions_for_user(user)
    if permissions.can_edit() and permissions.can_submit_for_moderation():
        return reverse("workflow_admin:submit_translation", args=[page.pk])
    return ""


def submit_translation_button(page, user, view_name, next_url=None):
    """The page header entry for translators (see ``SubmitTranslationView``); the
    translation editor's footer offers it too (``submit_translation_footer``)."""
    if url := submit_translation_url(page, user):
        yield Button(
            _("Submit translation for review"),
            url,
            icon_name="globe",
            priority=40,
        )


class TranslationStatusView(WagtailAdminTemplateMixin, TemplateView):
    """Dashboard: every page and snippet by language, missing to outdated.

    The statuses come from ``apps.workflow.translation_status``; each cell links to
    the editor, to wagtail-localize's "Translate" or to its "Sync" view.
    """

    template_name = "workflow/translation_status.html"
    page_title = gettext_lazy("Translation status")
    header_icon = "globe"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        from apps.workflow.translation_status import can_view_dashboard

        if not can_view_dashboard(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        from django.core.paginator import Paginator

        from apps.workflow import translation_status as ts

        locales = ts.portal_locales()
        codes = [locale.language_code for locale in locales]
        language = self.request.GET.get("language", "")
        language = language if language in codes else ""
        status = self.request.GET.get("status", "")
        status = status if status in ts.TRANSLATION_STATUSES else ""
        kind = self.request.GET.get("kind", "")
        kind = kind if kind in ("pages", "snippets") else ""

        groups = ts.all_groups(kind)
        counts = ts.count_by_status(groups, locales)
        selected = ts.filter_groups(groups, language, status)
        page = Paginator(selected, self.paginate_by).get_page(self.request.GET.get("p"))
        shown_locales = [
            locale for locale in locales if language in ("", locale.language_code)
        ]
        rows = [(group, group.cells(shown_locales)) for group in page.object_list]
        query = self.request.GET.copy()
        query.pop("p", None)
        return super().get_context_data(
            locales=locales,
            shown_locales=shown_locales,
            statuses=[(s.value, s.label) for s in ts.TRANSLATION_STATUSES],
            count_rows=[
                (locale, list(counts[locale.language_code].items()))
                for locale in locales
            ],
            rows=rows,
            page_obj=page,
            total=len(selected),
            language=language,
            status=status,
            kind=kind,
            query=query.urlencode(),
            # wagtail-localize's "Translate" and "Sync" need this permission.
            can_translate=self.request.user.has_perm(
                "wagtail_localize.submit_translation"
            ),
            **kwargs,
        )


def translation_status_menu_item():
    """The admin menu entry of ``TranslationStatusView``, for whom may open it."""
    from wagtail.admin.menu import MenuItem

    from apps.workflow.translation_status import can_view_dashboard

    class TranslationStatusMenuItem(MenuItem):
        def is_shown(self, request) -> bool:
            return can_view_dashboard(request.user)

    return TranslationStatusMenuItem(
        gettext_lazy("Translation status"),
        reverse("workflow_admin:translation_status"),
        name="translation-status",
        icon_name="globe",
        order=260,
    )
