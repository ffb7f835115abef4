"""The moderation tasks of the knowledge base workflow.

Each task is a Wagtail ``Task`` subclass, so the admin shows them, the workflow
history lists them and Wagtail logs every action. What they add to Wagtail's group
approval task:

- who may act is derived from the page (its authority, its language, its partners);
- a task that does not concern a page is skipped when the workflow reaches it, and
  so is every task for a revision that changes only the review date
  (``apps.workflow.changes``);
- nobody approves the revision they wrote themselves; when that leaves a step
  without anybody who may decide it (the authority's only moderator fixed a typo),
  the step passes to the stand-in group (``WORKFLOW_STAND_IN_GROUP``, the
  Digitalagentur), so a page is never stranded;
- an action locks its task state row, so two moderators acting at once cannot
  both decide it (the second is told who decided it and when); the task's own
  handler refuses whoever may not decide, whatever the view showed them.

https://docs.wagtail.org/en/stable/extending/custom_tasks.html
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm
from wagtail.models import (
    AbstractGroupApprovalTask,
    Locale,
    Page,
    Task,
    TaskState,
    TranslatableMixin,
)

from apps.knowledge.roles import (
    DANISH_PARTNERS,
    DIGITALAGENTUR_GROUP,
    TRANSLATION_REVIEWER_LANGUAGES,
    translation_reviewers_group_name,
)
from apps.workflow import changes, permissions
from apps.workflow.models.partners import Submission
from apps.workflow.models.translations import TranslationSignOff


class WorkflowActionRefused(PermissionDenied):
    """A workflow action that cannot be carried out; the message says why."""


def _page(obj) -> Page:
    return obj.specific if isinstance(obj, Page) else obj


class ModerationTaskMixin:
    """Shared rules: reviewers from the page, skip when not concerned, row locks."""

    def reviewer_groups(self, obj) -> models.QuerySet[Group]:
        raise NotImplementedError

    def applies_to(self, obj) -> bool:
        return True

    def user_is_reviewer(self, obj, user) -> bool:
        if not user.is_authenticated:
            return False
        obj = _page(obj)
        if user.is_superuser or permissions.user_in_groups(
            user, self.reviewer_groups(obj)
        ):
            return True
        return permissions.user_in_groups(
            user, self.stand_in_groups()
        ) and self.passed_on(obj)

    def stand_in_groups(self) -> models.QuerySet[Group]:
        """Who decides a step that none of its own reviewers may decide."""
        return Group.objects.filter(name=stand_in_group_name())

    def possible_deciders(self, obj) -> models.QuerySet:
        """Active members of the step's reviewer groups who did not write the
        latest revision (the four-eyes rule)."""
        obj = _page(obj)
        users = get_user_model().objects.filter(
            is_active=True, groups__in=self.reviewer_groups(obj)
        )
        revision = obj.get_latest_revision()
        if revision is not None and revision.user_id is not None:
            users = users.exclude(pk=revision.user_id)
        return users.distinct()

    def passed_on(self, obj) -> bool:
        """True if nobody of the step's own reviewers may decide it any more, so
        the stand-in group decides (see the module docstring)."""
        return not self.possible_deciders(obj).exists()

    def user_can_decide(self, obj, user) -> bool:
        return self.user_is_reviewer(obj, user) and not permissions.is_last_editor(
            obj, user
        )

    # -- Wagtail's Task API ----------------------------------------------------------

    def start(self, workflow_state, user=None):
        obj = _page(workflow_state.content_object)
        if self.applies_to(obj) and (
            not isinstance(obj, Page) or changes.needs_review(obj)
        ):
            return super().start(workflow_state, user=user)
        # Skipped states count as done: Wagtail's WorkflowState.update moves on.
        task_state = self.get_task_state_class()(workflow_state=workflow_state)
        task_state.status = TaskState.STATUS_SKIPPED
        task_state.revision = obj.get_latest_revision()
        task_state.task = self
        task_state.finished_at = timezone.now()
        task_state.save()
        return task_state

    def user_can_access_editor(self, obj, user):
        return self.user_is_reviewer(obj, user)

    def locked_for_user(self, obj, user):
        return not self.user_is_reviewer(obj, user)

    def user_can_lock(self, obj, user):
        return self.user_is_reviewer(obj, user)

    def user_can_unlock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        if not self.user_can_decide(obj, user):
            return []
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve"), False),
            ("approve", _("Approve with comment"), True),
        ]

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name not in ACTION_NAMES:
            raise WorkflowActionRefused(
                gettext("This step has no action “%(action)s”.")
                % {"action": action_name}
            )
        with transaction.atomic():
            # The row lock makes a second, concurrent action wait for the first and
            # then see its result instead of deciding the task a second time.
            current = lock_task_state(task_state)
            page = _page(current.workflow_state.content_object)
            if not self.user_is_reviewer(page, user):
                raise WorkflowActionRefused(
                    gettext("You are not a reviewer of this step for this page.")
                )
            if permissions.is_last_editor(page, user):
                raise WorkflowActionRefused(
                    gettext(
                        "You wrote the latest version of this page, so another "
                        "reviewer has to decide on it."
                    )
                )
            self.check_action_data(action_name, kwargs)
            current = current.specific
            if action_name == "approve":
                current.approve(user=user, **kwargs)
            elif action_name == "reject":
                current.reject(user=user, **kwargs)

    def check_action_data(self, action_name: str, data: dict) -> None:
        """Raise ``WorkflowActionRefused`` if the data of an action is incomplete."""

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if not user.is_authenticated:
            return TaskState.objects.none()
        states = TaskState.objects.filter(
            task=self, status=TaskState.STATUS_IN_PROGRESS
        )
        if user.is_superuser:
            return states
        own = self.filter_moderatable(states, user)
        if not permissions.user_in_groups(user, self.stand_in_groups()):
            return own
        # Steps passed on to the stand-in group: few at a time, checked one by one.
        passed = [
            state.pk
            for state in states.select_related("workflow_state")
            if state.workflow_state.content_object is not None
            and self.passed_on(state.workflow_state.content_object)
        ]
        return states.filter(Q(pk__in=own.values("pk")) | Q(pk__in=passed))

    def filter_moderatable(self, states, user):
        return states.none()


ACTION_NAMES = ("approve", "reject")


def stand_in_group_name() -> str:
    """The group a stranded step passes to (``WORKFLOW_STAND_IN_GROUP``)."""
    return getattr(settings, "WORKFLOW_STAND_IN_GROUP", DIGITALAGENTUR_GROUP)


def lock_task_state(task_state: TaskState) -> TaskState:
    """Lock ``task_state``'s row (inside a transaction) and return it as it is
    now; refuse if it was decided meanwhile, saying by whom and when.

    On PostgreSQL a concurrent action waits here for the first one's commit; on
    SQLite the write transaction (``transaction_mode`` IMMEDIATE) does the same.
    """
    current = TaskState.objects.select_for_update().get(pk=task_state.pk)
    if current.status != TaskState.STATUS_IN_PROGRESS:
        raise WorkflowActionRefused(already_decided_message(current))
    return current


def already_decided_message(task_state: TaskState) -> str:
    """Who decided ``task_state`` and when, in the active language."""
    decision = {
        TaskState.STATUS_APPROVED: gettext("approved"),
        TaskState.STATUS_REJECTED: gettext("sent back for changes"),
        TaskState.STATUS_CANCELLED: gettext("cancelled"),
        TaskState.STATUS_SKIPPED: gettext("skipped"),
    }.get(task_state.status, task_state.status)
    when = (
        date_format(timezone.localtime(task_state.finished_at), "DATETIME_FORMAT")
        if task_state.finished_at
        else ""
    )
    who = task_state.finished_by
    if who is not None:
        return gettext(
            "This step was already %(decision)s by %(user)s on %(when)s; your "
            "action was not carried out. Reload the page to see its current state."
        ) % {
            "decision": decision,
            "user": who.get_full_name() or who.get_username(),
            "when": when,
        }
    return gettext(
        "This step was already %(decision)s on %(when)s; your action was not "
        "carried out. Reload the page to see its current state."
    ) % {"decision": decision, "when": when}


class AuthorityReviewTask(ModerationTaskMixin, Task):
    """Review by the moderators of the authority the page belongs to."""

    def reviewer_groups(self, obj):
        return permissions.authority_moderators(obj)

    def filter_moderatable(self, states, user):
        roles = permissions.roles_moderated_by(user)

        agency = user.groups.filter(name=DIGITALAGENTUR_GROUP).exists()
        if not roles and not agency:
            return states.none()
        return states.filter(
            workflow_state__object_id__in=permissions.page_ids_for_authorities(
                roles, others=agency
            )
        )

    @classmethod
    def get_description(cls):
        return _(
            "The moderators of the authority whose partner area holds the page "
            "approve it; never the author of the revision."
        )

    class Meta:
        verbose_name = _("authority review")
        verbose_name_plural = _("authority reviews")


class OwnerReviewTask(ModerationTaskMixin, Task):
    """Review of a change to a shared German record (organisation, contact) by the
    moderators of the authority that owns it, or the Digitalagentur.

    Organisations and contacts are live at once in every authority's solutions, the
    portal, the API and the downloads, so an editor's change waits here like a
    page's: the published version stays live until a reviewer approves. Moderators
    and the Digitalagentur publish directly (they are the reviewers); editors have
    no publish permission on these records (``apps.knowledge.roles``). Pages and
    translations skip this step (the translation review follows).
    """

    def reviewer_groups(self, obj):
        return permissions.owner_moderators(obj)

    def applies_to(self, obj) -> bool:
        return not isinstance(obj, Page) and (obj.locale_id == Locale.get_default().pk)

    def filter_moderatable(self, states, user):
        if user.groups.filter(name=DIGITALAGENTUR_GROUP).exists():
            return states
        owners = [role.area_slug for role in permissions.roles_moderated_by(user)]
        if not owners:
            return states.none()
        owned = Q(pk__in=[])
        for model in permissions.owned_snippet_models():
            ids = (
                model.objects.filter(owner__in=owners)
                .annotate(id_text=Cast("pk", models.CharField()))
                .values("id_text")
            )
            owned |= Q(
                workflow_state__base_content_type=ContentType.objects.get_for_model(
                    model
                ),
                workflow_state__object_id__in=ids,
            )
        return states.filter(owned)

    @classmethod
    def get_description(cls):
        return _(
            "A change to a German organisation or contact goes live when a moderator "
            "of the authority that owns it (or the Digitalagentur) approves it; "
            "translations skip this step."
        )

    class Meta:
        verbose_name = _("owner review")
        verbose_name_plural = _("owner reviews")


class CrossBorderReviewTask(ModerationTaskMixin, AbstractGroupApprovalTask):
    """Review by the Danish partners for pages that name a Danish organisation."""

    def reviewer_groups(self, obj):
        return self.groups.all()

    def applies_to(self, obj) -> bool:
        role = permissions.area_role_for_page(obj)
        # The Danish partners already gave the authority review of their own pages.
        return role != DANISH_PARTNERS and permissions.names_danish_organisation(obj)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return ModerationTaskMixin.get_task_states_user_can_moderate(self, user)

    def filter_moderatable(self, states, user):
        if permissions.user_in_groups(user, self.groups.all()):
            return states
        return states.none()

    @classmethod
    def get_description(cls):
        return _(
            "Pages naming a Danish lead or partner organisation also need a Danish "
            "partner moderator's approval; other pages skip this step."
        )

    class Meta:
        verbose_name = _("cross-border review")
        verbose_name_plural = _("cross-border reviews")


FEASIBILITY_CHECKLIST = [
    ("target_group_and_benefit", _("Target group and benefit are stated")),
    ("contact_present", _("A contact is given")),
    ("field_of_action_set", _("A field of action is set")),
    ("reuse_and_licence", _("Reuse and licence are stated")),
    ("personal_data_handled", _("Personal data is handled properly")),
]


class FeasibilityChecklistForm(TaskStateCommentForm):
    """The approve form of the feasibility check: every item must be ticked."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in FEASIBILITY_CHECKLIST:
            self.fields[name] = forms.BooleanField(
                label=label,
                required=True,
                error_messages={
                    "required": _("Confirm this item before approving."),
                },
            )

    def clean(self):
        cleaned = super().clean()
        if any(name in self.errors for name, _label in FEASIBILITY_CHECKLIST):
            raise forms.ValidationError(
                _(
                    "The feasibility check is complete only when every item of the "
                    "checklist is confirmed. Request changes instead if one is "
                    "missing."
                )
            )
        return cleaned


class FeasibilityCheckTaskState(TaskState):
    """A feasibility check of one revision, with the checklist the reviewer ticked."""

    target_group_and_benefit = models.BooleanField(
        _("target group and benefit stated"), default=False
    )
    contact_present = models.BooleanField(_("contact present"), default=False)
    field_of_action_set = models.BooleanField(_("field of action set"), default=False)
    reuse_and_licence = models.BooleanField(
        _("reuse and licence stated"), default=False
    )
    personal_data_handled = models.BooleanField(
        _("personal data handled"), default=False
    )

    class Meta:
        verbose_name = _("feasibility check state")
        verbose_name_plural = _("feasibility check states")

    def approve(self, user=None, update=True, comment="", **checklist):
        for name, _label in FEASIBILITY_CHECKLIST:
            setattr(self, name, bool(checklist.get(name)))
        return super().approve(user=user, update=update, comment=comment)

    @property
    def checklist(self) -> list[tuple[str, bool]]:
        return [
            (str(label), getattr(self, name)) for name, label in FEASIBILITY_CHECKLIST
        ]

    def get_comment(self):
        if self.status != self.STATUS_APPROVED:
            return self.comment
        items = "; ".join(
            f"{'✓' if ticked else '✗'} {label}" for label, ticked in self.checklist
        )
        summary = gettext("Checklist: %(items)s") % {"items": items}
        return f"{self.comment}\n{summary}".strip()


class FeasibilityCheckTask(ModerationTaskMixin, AbstractGroupApprovalTask):
    """The Digitalagentur's feasibility check (Machbarkeitscheck) of submissions."""

    task_state_class = FeasibilityCheckTaskState

    def reviewer_groups(self, obj):
        return self.groups.all()

    def applies_to(self, obj) -> bool:
        return Submission.objects.filter(page_id=obj.pk).exists()

    def get_actions(self, obj, user):
        if not self.user_can_decide(obj, user):
            return []
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve after feasibility check"), True),
        ]

    def get_form_for_action(self, action):
        if action == "approve":
            return FeasibilityChecklistForm
        return TaskStateCommentForm

    def check_action_data(self, action_name, data):
        if action_name != "approve":
            return
        missing = [
            str(label) for name, label in FEASIBILITY_CHECKLIST if not data.get(name)
        ]
        if missing:
            raise WorkflowActionRefused(
                gettext("The feasibility check is not complete; confirm: %(items)s.")
                % {"items": ", ".join(missing)}
            )

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return ModerationTaskMixin.get_task_states_user_can_moderate(self, user)

    def filter_moderatable(self, states, user):
        if permissions.user_in_groups(user, self.groups.all()):
            return states
        return states.none()

    @classmethod
    def get_description(cls):
        return _(
            "For partner submissions: the Digitalagentur confirms a checklist before "
            "approving; other pages skip this step."
        )

    class Meta:
        verbose_name = _("feasibility check")
        verbose_name_plural = _("feasibility checks")


class TranslationReviewTask(ModerationTaskMixin, Task):
    """Sign-off of a language version by a reviewer of that language.

    Reviewers are the members of the per-language group "Translation reviewers –
    <language>" (``apps.knowledge.roles.translation_reviewers_group_name``): a
    translation is checked by someone who reads that language, independent of which
    authority owns the page. Pages in the default language (German) skip this step.
    The translatable snippets' workflow has this step too (same rules, same queue;
    see ``apps.workflow.workflows``). The sign-off is recorded as a
    ``TranslationSignOff``.
    """

    def reviewer_groups(self, obj):
        return permissions.translation_reviewers(obj)

    def applies_to(self, obj) -> bool:
        return obj.locale_id != Locale.get_default().pk

    def start(self, workflow_state, user=None):
        task_state = super().start(workflow_state, user=user)
        if task_state.status == TaskState.STATUS_IN_PROGRESS:
            TranslationSignOff.open_for(task_state)
        return task_state

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        super().on_action(task_state, user, action_name, **kwargs)
        if action_name == "approve":
            TranslationSignOff.sign(task_state, user)

    def filter_moderatable(self, states, user):
        names = set(user.groups.values_list("name", flat=True))
        languages = [
            code
            for code in TRANSLATION_REVIEWER_LANGUAGES
            if translation_reviewers_group_name(code) in names
        ]
        if not languages:
            return states.none()
        # Pages and snippets share one queue; their ids only mean something
        # together with the content type (a snippet may have a page's id).
        in_languages = Q(pk__in=[])
        for model in [Page, *self.translatable_snippet_models()]:
            ids = (
                model.objects.filter(locale__language_code__in=languages)
                .annotate(id_text=Cast("pk", models.CharField()))
                .values("id_text")
            )
            in_languages |= Q(
                workflow_state__base_content_type=ContentType.objects.get_for_model(
                    model
                ),
                workflow_state__object_id__in=ids,
            )
        return states.filter(in_languages)

    def translatable_snippet_models(self) -> list[type[models.Model]]:
        """The translatable snippet models whose workflow includes this task."""
        from wagtail.models import WorkflowContentType

        content_types = WorkflowContentType.objects.filter(
            workflow__workflow_tasks__task=self
        ).select_related("content_type")
        return [
            model
            for model in (ct.content_type.model_class() for ct in content_types)
            if model is not None and issubclass(model, TranslatableMixin)
        ]

    @classmethod
    def get_description(cls):
        return _(
            "A reviewer of the page's language signs off the translation; pages in "
            "the default language skip this step."
        )

    class Meta:
        verbose_name = _("translation review")
        verbose_name_plural = _("translation reviews")
