"""The moderation dashboard: pending workflow items per authority and freshness.

First what waits for the viewer, from any authority (a Danish partner moderator's
cross-border reviews of German authorities' pages, a step passed on to the
Digitalagentur), each with its actions; then the rest: moderators see their
authority's other items, the Digitalagentur (and administrators) every authority
and the items that belong to none, each saying whom it waits for. The authority of
a page is its partner area in any language tree (``apps.workflow.permissions``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState, WorkflowState

from apps.knowledge.roles import (
    AREA_ROLES,
    DIGITALAGENTUR_GROUP,
    AreaRole,
    area_pages,
)
from apps.workflow import reuse_proposals
from apps.workflow.admin_pages import GuardedAdminPage
from apps.workflow.models import OutboxMessage, ReviewReminder, ScheduledJob
from apps.workflow.models.tasks import ModerationTaskMixin
from apps.workflow.moderation.views import review_actions
from apps.workflow.notifications.outbox import retry_pending
from apps.workflow.notifications.reminders import overdue_reviews
from apps.workflow.partners.submissions.status import is_unconfirmed
from apps.workflow.permissions import area_role_for_page, roles_moderated_by

NO_AUTHORITY = _("Digitalagentur (no authority)")
FOR_YOU = _("Waiting for you")


def overdue_days() -> int:
    """After how many days a pending item counts as overdue (WORKFLOW_OVERDUE_DAYS)."""
    return int(getattr(settings, "WORKFLOW_OVERDUE_DAYS", 7))


def sees_everything(user) -> bool:
    return user.is_superuser or user.groups.filter(name=DIGITALAGENTUR_GROUP).exists()


def visible_roles(user) -> list[AreaRole]:
    return list(AREA_ROLES) if sees_everything(user) else roles_moderated_by(user)


def can_view_dashboard(user) -> bool:
    return user.is_authenticated and bool(
        sees_everything(user) or roles_moderated_by(user)
    )


@dataclass
class PendingItem:
    """One page or snippet waiting on a workflow task."""

    title: str
    edit_url: str
    task: str
    requested_by: str
    started_at: datetime.datetime
    age_days: int
    overdue: bool
    language: str = ""
    # Submitted through the portal by an account its organisation has not confirmed.
    unconfirmed: bool = False
    # (action, label, address) the viewer may take; empty for the others' items.
    actions: list[tuple[str, str, str]] = field(default_factory=list)
    # Whom the item waits for, for items the viewer cannot act on.
    waits_for: str = ""


@dataclass
class AuthorityQueue:
    name: str
    items: list[PendingItem] = field(default_factory=list)
    # The queue of what waits for the viewer (shown first).
    mine: bool = False

    @property
    def overdue_count(self) -> int:
        return sum(item.overdue for item in self.items)


def _edit_url(obj) -> str:
    if isinstance(obj, Page):
        return reverse("wagtailadmin_pages:edit", args=[obj.pk])
    return ""


def _waits_for(state: TaskState, obj) -> str:
    """The groups that decide ``state`` (with the stand-in group if passed on)."""
    task = state.task.specific
    if not isinstance(task, ModerationTaskMixin):
        return state.task.name
    groups = list(task.reviewer_groups(obj).values_list("name", flat=True))
    if task.passed_on(obj):
        groups += list(task.stand_in_groups().values_list("name", flat=True))
    return ", ".join(dict.fromkeys(groups))


def pending_queues(user, now: datetime.datetime | None = None) -> list[AuthorityQueue]:
    """What waits for the user first, then the other items in progress per
    authority the user may see; oldest first."""
    now = now or timezone.now()
    limit = datetime.timedelta(days=overdue_days())
    roles = visible_roles(user)
    mine = AuthorityQueue(str(FOR_YOU), mine=True)
    queues = {role.name: AuthorityQueue(role.name) for role in roles}
    everything = sees_everything(user)
    if everything:
        queues[str(NO_AUTHORITY)] = AuthorityQueue(str(NO_AUTHORITY))
    reviewable = set(TaskState.objects.reviewable_by(user).values_list("pk", flat=True))
    states = (
        TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
        )
        .select_related("task", "revision", "workflow_state__requested_by")
        .order_by("started_at", "pk")
    )
    for state in states:
        obj = state.workflow_state.content_object
        if obj is None:
            continue
        obj = getattr(obj, "specific", obj)
        role = area_role_for_page(obj) if isinstance(obj, Page) else None
        actions = review_actions(obj, user) if state.pk in reviewable else []
        if actions:
            queue = mine
        elif role is not None and role.name in queues:
            queue = queues[role.name]
        elif role is None and everything:
            queue = queues[str(NO_AUTHORITY)]
        else:
            continue
        age = now - state.started_at
        requester = state.workflow_state.requested_by
        queue.items.append(
            PendingItem(
                # The title as submitted, which may differ from the live one.
                title=state.revision.object_str or str(obj),
                edit_url=_edit_url(obj),
                task=state.task.name,
                requested_by=(
                    requester.get_full_name() or requester.get_username()
                    if requester
                    else ""
                ),
                started_at=state.started_at,
                age_days=age.days,
                overdue=age > limit,
                language=getattr(getattr(obj, "locale", None), "language_code", ""),
                unconfirmed=_by_unconfirmed_partner(obj),
                actions=actions,
                waits_for="" if actions else _waits_for(state, obj),
            )
        )
    return [mine, *queues.values()]


def _by_unconfirmed_partner(obj) -> bool:
    submission = getattr(obj, "submission", None) if isinstance(obj, Page) else None
    return submission is not None and is_unconfirmed(submission)


def _area_filter(roles: list[AreaRole]) -> Q:
    condition = Q(pk__in=[])
    areas = area_pages(r.area_slug for r in roles)
    for path in areas.values_list("path", flat=True):
        condition |= Q(path__startswith=path)
    return condition


def freshness_list(user, today: datetime.date | None = None) -> list[dict]:
    """Published solutions past their review date that the user is responsible for."""
    today = today or timezone.localdate()
    pages = overdue_reviews(today)
    if not sees_everything(user):
        pages = pages.filter(_area_filter(roles_moderated_by(user)))
    reminded = {
        (r.page_id, r.review_date): r.created_at
        for r in ReviewReminder.objects.filter(page__in=[p.pk for p in pages])
    }
    return [
        {
            "page": page,
            "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
            "days_overdue": (today - page.review_date).days,
            "reminded_at": reminded.get((page.pk, page.review_date)),
        }
        for page in pages
    ]


RETRY_OUTBOX_JOB = "retry_outbox"


def outbox_summary() -> dict:
    """How many e-mails still wait to be sent, and when the scheduler tries again.

    The scheduler (``run_scheduler``) runs the ``retry_outbox`` job by itself;
    nobody has to run a command. ``SendOutboxNowView`` tries at once.
    """
    waiting = OutboxMessage.objects.exclude(status=OutboxMessage.Status.SENT)
    job = getattr(settings, "SCHEDULER_JOBS", {}).get(RETRY_OUTBOX_JOB, {})
    run = ScheduledJob.objects.filter(name=RETRY_OUTBOX_JOB).first()
    return {
        "failed": waiting.filter(status=OutboxMessage.Status.FAILED).count(),
        "pending": waiting.exclude(status=OutboxMessage.Status.FAILED).count(),
        "every_minutes": max(1, round(int(job.get("every", 600)) / 60)),
        "last_attempt": run.last_finished_at if run else None,
    }


class SendOutboxNowView(View):
    """ "Send now" on the dashboard: deliver waiting e-mails without waiting for
    the scheduler (the Digitalagentur and administrators, who see the outbox)."""

    http_method_names = ["post"]

    def post(self, request):
        if not sees_everything(request.user):
            raise PermissionDenied
        sent, failed = retry_pending()
        if failed:
            messages.warning(
                request,
                ngettext(
                    "%(sent)d e-mail sent; %(failed)d still could not be delivered. "
                    "The scheduler keeps trying.",
                    "%(sent)d e-mails sent; %(failed)d still could not be delivered. "
                    "The scheduler keeps trying.",
                    sent,
                )
                % {"sent": sent, "failed": failed},
            )
        else:
            messages.success(
                request,
                ngettext("%(sent)d e-mail sent.", "%(sent)d e-mails sent.", sent)
                % {"sent": sent},
            )
        return redirect("workflow_dashboard")


class ModerationDashboardView(GuardedAdminPage, TemplateView):
    """Pending moderation per authority, overdue items and the freshness list."""

    template_name = "workflow/dashboard/index.html"
    page_title = _("Moderation dashboard")
    header_icon = "tasks"

    allowed = staticmethod(can_view_dashboard)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            queues=pending_queues(self.request.user),
            freshness=freshness_list(self.request.user),
            overdue_days=overdue_days(),
            sees_everything=sees_everything(self.request.user),
            outbox=outbox_summary() if sees_everything(self.request.user) else None,
        )
        return context


class ModerationSummaryPanel(Component):
    """Admin home panel: how many items wait per authority, how many are overdue,
    and the reuse proposals waiting for the user's decision."""

    name = "moderation_summary"
    template_name = "workflow/dashboard/home_panel.html"
    order = 90

    def __init__(self, user) -> None:
        self.user = user

    def get_context_data(self, parent_context=None) -> dict:
        queues = pending_queues(self.user)
        proposals = reuse_proposals.proposals_for(self.user)
        return {
            "queues": queues,
            "reuse_proposals": reuse_proposals.summaries(proposals, get_language()),
            "reuse_proposals_url": reverse("workflow_admin:reuse_proposals"),
            "overdue_days": overdue_days(),
            "dashboard_url": reverse("workflow_dashboard"),
        }


class DashboardMenuItem(MenuItem):
    """The admin menu entry, shown to moderators and the Digitalagentur only."""

    def is_shown(self, request) -> bool:
        return can_view_dashboard(request.user)


def menu_item() -> DashboardMenuItem:
    return DashboardMenuItem(
        _("Moderation dashboard"),
        reverse("workflow_dashboard"),
        name="moderation-dashboard",
        icon_name="tasks",
        order=250,
    )


def add_home_panel(request, panels: list) -> None:
    if can_view_dashboard(request.user):
        panels.append(ModerationSummaryPanel(request.user))
