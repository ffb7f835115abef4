"""Admin views: Wagtail's page edit and workflow action views, told about refusals.

A moderation task refuses an action with ``WorkflowActionRefused`` (the step was
already decided by someone else, the checklist is incomplete, the user wrote the
revision). Wagtail would answer with a bare 403, a server error or, in the editor,
a draft saved instead of the action; these views show the reason (who decided and
when) in the user's language instead, keep what they typed and save nothing.

The editor posts the task state its user saw (``TASK_STATE_FIELD``), so a stale
click never decides a later step. ``ReviewActionView`` is the same action as a
page of its own: the translation editor of wagtail-localize (which has no workflow
actions) and the moderation dashboard link to it.
"""

from __future__ import annotations

import json

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.modal_workflow import render_modal_workflow
from wagtail.admin.ui.tables import (
    BooleanColumn,
    Column,
    DateColumn,
    TitleColumn,
    UserColumn,
)
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.views.reports.base import ReportView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.admin.widgets import Button
from wagtail.models import Locale, Page, TaskState, WorkflowState
from wagtail_localize.models import Translation

from apps.security.record_ids import record_id
from apps.workflow import permissions as moderation
from apps.workflow.admin_pages import GuardedAdminPage
from apps.workflow.models.tasks import (
    ACTION_NAMES,
    ModerationTaskMixin,
    WorkflowActionRefused,
    already_decided_message,
    lock_task_state,
)
from apps.workflow.models.translations import TranslationSignOff
from apps.workflow.moderation import translation_status as ts
from apps.workflow.moderation.translation_status import can_view_dashboard

#: The editor's hidden input with the task state its user saw when the page loaded.
TASK_STATE_FIELD = "workflow-task-state"


def _is_ajax(request) -> bool:
    return request.headers.get("x-requested-with") == "XMLHttpRequest"


def with_comment(message: str, comment: str) -> str:
    """A refusal, with the comment the user typed offered back to copy."""
    comment = (comment or "").strip()
    if not comment:
        return message
    return "{} {}".format(
        message,
        _("Your comment was not sent; here it is to copy: “%(comment)s”")
        % {"comment": comment},
    )


class ModerationWorkflowActionView(WorkflowActionView):
    """Approve or request changes from the modal, with refusals explained."""

    def dispatch(self, request, *args, **kwargs):
        # Wagtail redirects (an HTML page the modal cannot show: "server error")
        # when the workflow ended meanwhile; say who decided and keep the comment.
        if self.task_state.status != TaskState.STATUS_IN_PROGRESS:
            if not may_see_decision(self.task_state, request.user):
                raise PermissionDenied
            return self.refuse(
                request, WorkflowActionRefused(already_decided_message(self.task_state))
            )
        return super().dispatch(request, *args, **kwargs)

    def refuse(self, request, refusal: WorkflowActionRefused):
        if not getattr(self, "action_verbose_name", ""):
            # Set by Wagtail's check_action, which a decided step does not reach.
            self.action_verbose_name = (
                _("Request changes") if self.action_name == "reject" else _("Approve")
            )
        if _is_ajax(request):
            if request.method == "POST" and self.form_class:
                form = self.form_class(request.POST)
                form.is_valid()
                form.add_error(None, str(refusal))
                return self.render_modal_form(request, form)
            return render_modal_workflow(
                request,
                "workflow/admin/action_refused_modal.html",
                None,
                {"message": str(refusal), "redirect_url": self.redirect_url},
                json_data={"step": "action"},
            )
        messages.error(request, with_comment(str(refusal), request.POST.get("comment")))
        return redirect(self.redirect_url)

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
            return self.refuse(request, refusal)


class ModerationEditView(EditView):
    """The page editor; a refused workflow action keeps what the user typed.

    A workflow action posted from the editor is always carried out or refused:
    Wagtail would save the form as a draft ("updated") when the step had been
    decided meanwhile, or fail when the workflow had ended.
    """

    def get_template_names(self):
        names = super().get_template_names()
        if names == ["wagtailadmin/pages/edit.html"]:
            return ["workflow/admin/page_edit.html"]
        return names

    @cached_property
    def action_name_and_method(self):
        name, method = super().action_name_and_method
        if name in {"save", "cancel_workflow"} and self.request.POST.get(
            "action-workflow-action"
        ):
            self.workflow_action = self.request.POST.get("workflow-action-name", "")
            return ("perform_workflow_action", self.perform_workflow_action)
        return name, method

    def form_invalid(self, form):
        # The step moved on to reviewers the user is not one of, so the page is
        # locked for them: Wagtail would say only "locked"; say who decided.
        if (
            self.request.POST.get("action-workflow-action")
            and self.locked_for_user
            and not self.is_cancelling_workflow
            and form.is_valid()
        ):
            self.workflow_action = self.request.POST.get("workflow-action-name", "")
            self.has_content_changes = form.has_changed()
            return self.perform_workflow_action()
        return super().form_invalid(form)

    def seen_task_state(self) -> TaskState | None:
        """The task state the user acted on: the one the editor showed them."""
        states = TaskState.objects.for_instance(self.real_page_record)
        posted = record_id(self.request.POST.get(TASK_STATE_FIELD))
        if posted is not None:
            return states.filter(pk=posted).first()
        return (
            states.filter(status=TaskState.STATUS_IN_PROGRESS).first()
            or states.exclude(finished_at=None).order_by("-finished_at", "-pk").first()
        )

    def perform_workflow_action(self):
        try:
            with transaction.atomic():
                seen = self.seen_task_state()
                if seen is None:
                    raise WorkflowActionRefused(
                        _("This page is not in moderation; nothing was carried out.")
                    )
                # Wait for a concurrent decision, refuse if there was one; nothing
                # of this request is saved before.
                lock_task_state(seen)
                return super().perform_workflow_action()
        except WorkflowActionRefused as refusal:
            messages.error(self.request, with_comment(str(refusal), self.comment()))
            self.has_unsaved_changes = True
            self.page = self.real_page_record.get_latest_revision_as_object()
            return self.render_to_response(self.get_context_data())

    def comment(self) -> str:
        try:
            data = json.loads(self.request.POST.get("workflow-action-extra-data", "{}"))
        except ValueError:
            return ""
        return str(data.get("comment", "")) if isinstance(data, dict) else ""


def may_see_decision(task_state: TaskState, user) -> bool:
    """Whether ``user`` may be told who decided ``task_state``: its reviewers and
    whoever may edit the page."""
    obj = task_state.workflow_state.content_object
    if obj is None:
        return False
    task = task_state.task.specific
    if isinstance(task, ModerationTaskMixin) and task.user_is_reviewer(obj, user):
        return True
    return isinstance(obj, Page) and obj.permissions_for_user(user).can_edit()


def moderation_task(obj) -> tuple[TaskState, ModerationTaskMixin] | None:
    """The current step of ``obj`` and its task, if it is one of ours."""
    state = getattr(obj, "current_workflow_task_state", None)
    if state is None:
        return None
    task = state.task.specific
    if not isinstance(task, ModerationTaskMixin):
        return None
    return state, task


def review_actions(obj, user) -> list[tuple[str, str, str]]:
    """(action, label, address of ``ReviewActionView``) of the actions ``user`` may
    take on the current step of ``obj``; empty if none."""
    current = moderation_task(obj)
    if current is None:
        return []
    state, task = current
    actions, seen = [], set()
    for name, label, _modal in task.get_actions(obj, user):
        if name in seen:
            continue
        seen.add(name)
        url = reverse("workflow_admin:review_action", args=[state.pk, name])
        actions.append((name, str(label), url))
    return actions


def four_eyes_note(obj, user) -> str:
    """Why nobody's own edit decides the current step, and who decides instead.

    For the reviewer who wrote the latest revision (their actions are gone) and
    for the stand-in group's members the step passed to; empty for anyone else.
    """
    current = moderation_task(obj)
    if current is None:
        return ""
    _state, task = current
    revision = obj.get_latest_revision()
    author = revision.user if revision is not None else None
    if author is None:
        return ""
    deciders = list(task.possible_deciders(obj)[:5])
    passed_on = not deciders
    stand_in = task.stand_in_groups().first()
    stand_in_name = stand_in.name if stand_in else _("an administrator")
    author_reviews = moderation.user_in_groups(author, task.reviewer_groups(obj))
    if author == user and author_reviews:
        text = _(
            "You changed this page during its review, so under the four-eyes rule "
            "you can no longer approve it or request changes."
        )
        if passed_on:
            return "{} {}".format(
                text,
                _(
                    "No other reviewer of this step is left, so the step has "
                    "passed to %(group)s."
                )
                % {"group": stand_in_name},
            )
        return "{} {}".format(
            text,
            _("It is decided by: %(users)s.")
            % {
                "users": ", ".join(
                    u.get_full_name() or u.get_username() for u in deciders
                )
            },
        )
    if not (passed_on and task.user_is_reviewer(obj, user)):
        return ""
    if not author_reviews:
        return _(
            "This step has passed to %(group)s: it has no reviewer of its own."
        ) % {"group": stand_in_name}
    return _(
        "This step has passed to %(group)s: its only reviewer, %(user)s, changed "
        "the page during the review, and nobody decides on their own changes."
    ) % {
        "group": stand_in_name,
        "user": author.get_full_name() or author.get_username(),
    }


def is_synced_translation(page: Page) -> bool:
    """True if wagtail-localize's translation editor replaces Wagtail's for
    ``page`` (the same test as its ``before_edit_page`` hook)."""
    return Translation.objects.filter(
        source__object_id=page.translation_key,
        target_locale_id=page.locale_id,
        enabled=True,
    ).exists()


def announce_review_in_editor(request, page) -> None:
    """``before_edit_page``: tell the reviewer on opening the editor what they can
    do, in both editors; the translation editor gets the actions themselves."""
    if request.method != "GET":
        return
    page = page.specific
    note = four_eyes_note(page, request.user)
    if note:
        messages.warning(request, note)
    if not is_synced_translation(page):
        return  # Wagtail's editor has the actions in its footer menu.
    actions = review_actions(page, request.user)
    if actions:
        current = moderation_task(page)
        messages.info(
            request,
            _("This translation awaits your review (%(task)s).")
            % {"task": current[1].name},
            buttons=[messages.button(url, label) for _name, label, url in actions],
        )


class ReviewActionView(WagtailAdminTemplateMixin, TemplateView):
    """Approve or request changes on a page of its own, for one task state.

    The same action as the editor's menu and the modal, reached from
    wagtail-localize's translation editor and the moderation dashboard. Who may
    take it is decided by the task's own ``on_action`` (never by this view alone):
    a refusal there is shown here, with what the user typed kept.
    """

    template_name = "workflow/admin/review_action.html"
    header_icon = "tasks"

    def dispatch(self, request, task_state_id: int, action: str, *args, **kwargs):
        if action not in ACTION_NAMES:
            raise Http404
        self.action = action
        self.task_state = get_object_or_404(TaskState, pk=task_state_id).specific
        self.task = self.task_state.task.specific
        if not isinstance(self.task, ModerationTaskMixin):
            raise Http404
        obj = self.task_state.workflow_state.content_object
        if obj is None:
            raise Http404
        self.object = getattr(obj, "specific", obj)
        self.form_class = self.task.get_form_for_action(action)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Request changes") if self.action == "reject" else _("Approve")

    def get_page_subtitle(self):
        return str(self.object)

    def next_url(self) -> str:
        return get_valid_next_url_from_request(self.request) or reverse(
            "workflow_dashboard"
        )

    def get(self, request, *args, **kwargs):
        if not may_see_decision(self.task_state, request.user):
            raise PermissionDenied
        if self.task_state.status != TaskState.STATUS_IN_PROGRESS:
            messages.error(request, already_decided_message(self.task_state))
        return self.render_to_response(self.get_context_data(form=self.form_class()))

    def post(self, request, *args, **kwargs):
        form = self.form_class(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            self.task.on_action(
                self.task_state, request.user, self.action, **form.cleaned_data
            )
        except WorkflowActionRefused as refusal:
            if not may_see_decision(self.task_state, request.user):
                messages.error(request, str(refusal))
                return redirect("wagtailadmin_home")
            form.add_error(None, str(refusal))
            return self.render_to_response(self.get_context_data(form=form))
        done = (
            _("Changes to '%(title)s' were requested.")
            if self.action == "reject"
            else _("'%(title)s' was approved.")
        )
        messages.success(request, done % {"title": self.object})
        return redirect(self.next_url())

    def get_context_data(self, **kwargs):
        obj = self.object
        is_page = isinstance(obj, Page)
        return super().get_context_data(
            object=obj,
            task_state=self.task_state,
            task=self.task,
            action=self.action,
            requested_by=self.task_state.workflow_state.requested_by,
            edit_url=(
                reverse("wagtailadmin_pages:edit", args=[obj.pk]) if is_page else ""
            ),
            preview_url=(
                reverse(
                    "wagtailadmin_pages:workflow_preview",
                    args=[obj.pk, self.task.pk],
                )
                if is_page
                else ""
            ),
            next_url=self.next_url(),
            **kwargs,
        )


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


class TranslationStatusView(GuardedAdminPage, TemplateView):
    """Dashboard: every page and snippet by language, missing to outdated.

    The statuses come from ``apps.workflow.moderation.translation_status``; each
    cell links to the editor, to wagtail-localize's "Translate" or to its "Sync" view.
    """

    template_name = "workflow/translation_status.html"
    page_title = gettext_lazy("Translation status")
    header_icon = "globe"
    paginate_by = 50

    allowed = staticmethod(can_view_dashboard)

    def get_context_data(self, **kwargs):
        from django.core.paginator import Paginator

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
