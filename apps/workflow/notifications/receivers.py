"""Signal receivers that turn workflow and publishing events into outbox mails.

They listen to Wagtail's own signals, so they work with every task type.
https://docs.wagtail.org/en/stable/reference/signals.html
"""

from __future__ import annotations

from django.db.models import Q
from wagtail.models import Page, PageLogEntry, Revision, TaskState, WorkflowState
from wagtail.signals import (
    page_published,
    task_submitted,
    workflow_approved,
    workflow_cancelled,
    workflow_rejected,
    workflow_submitted,
)

from apps.knowledge.models import SolutionPage
from apps.knowledge.visibility import is_visible
from apps.workflow.models import Follow, OutboxMessage
from apps.workflow.notifications.context import (
    display_name,
    object_context,
    page_in_language,
    portal_url,
    submitter_of,
)
from apps.workflow.notifications.outbox import queue_email
from apps.workflow.notifications.recipients import (
    authors_of,
    language_for,
    moderators_for,
)

Kind = OutboxMessage.Kind
# The partner portal's "my submissions" page, linked from mails to partners.
SUBMISSIONS_URL_NAME = "partner:submissions"


def _workflow_context(workflow_state: WorkflowState, user, task_state=None) -> dict:
    task_state = task_state or workflow_state.current_task_state
    context = object_context(workflow_state.content_object)
    if task_state is not None and task_state.revision.object_str:
        # The title as submitted; the live page may still carry an older one.
        context["title"] = task_state.revision.object_str
    return {
        **context,
        "workflow": workflow_state.workflow,
        # The name, not the task: its str() is the translation (display_names).
        "task": task_state.task.name if task_state else None,
        "comment": task_state.specific.get_comment() if task_state else "",
        "actor": display_name(user),
        "requested_by": display_name(workflow_state.requested_by),
    }


def _mail_authors(workflow_state: WorkflowState, user, kind: str, event: int) -> None:
    context = _workflow_context(workflow_state, user)
    context["submissions_url"] = portal_url(SUBMISSIONS_URL_NAME)
    for author in authors_of(workflow_state, exclude=user):
        queue_email(author, kind, context, dedup_key=f"{kind}:{event}:{author.pk}")


def on_task_submitted(sender, instance: TaskState, user=None, **kwargs) -> None:
    """A task started (first submission or resubmission): mail who can act on it."""
    if instance.status != TaskState.STATUS_IN_PROGRESS:
        return  # a task that skipped itself needs nobody
    context = _workflow_context(instance.workflow_state, user, task_state=instance)
    # The mail names who sent the content, not the approver of the step before.
    context["actor"] = display_name(submitter_of(instance.workflow_state))
    for moderator in moderators_for(instance, exclude=user):
        queue_email(
            moderator,
            Kind.SUBMITTED,
            context,
            dedup_key=f"submitted:{instance.pk}:{moderator.pk}",
        )


def on_workflow_approved(sender, instance: WorkflowState, user=None, **kwargs) -> None:
    _mail_authors(instance, user, Kind.APPROVED, instance.pk)


def on_workflow_rejected(sender, instance: WorkflowState, user=None, **kwargs) -> None:
    """Wagtail's "reject" is a change request: the author edits and resubmits."""
    _mail_authors(
        instance, user, Kind.CHANGES_REQUESTED, instance.current_task_state_id
    )


def on_workflow_cancelled(sender, instance: WorkflowState, user=None, **kwargs) -> None:
    """A moderator who stops a workflow rejects the submission."""
    obj = instance.content_object
    obj = getattr(obj, "specific", obj)
    if user is None or user == instance.requested_by:
        return  # withdrawn by the author
    published = getattr(obj, "live", False) and not obj.has_unpublished_changes
    if published:
        return  # cancelled because it was published directly
    _mail_authors(instance, user, Kind.REJECTED, instance.pk)


def _handled_by_outbox(sender, **kwargs) -> None:
    """Stands in for Wagtail's direct notification mails (see ``register``)."""


# What a follower is not told about: the review date is the editors' reminder to
# look at the page again, and Wagtail's bookkeeping (the page's place in the tree,
# its publishing dates and locks) changes with every publish.
NOT_NEWS = frozenset({"review_date", "page_ptr", "pk", "comments"}) | frozenset(
    field.name
    for field in Page._meta.get_fields()
    if field.name not in {"title", "slug", "seo_title", "search_description"}
)


def _news(content: dict) -> dict:
    """A revision's content without what is no news; child records (partners,
    fields of action, tags) compared by what they say, not by their row ids."""

    def without_ids(value):
        if isinstance(value, list):
            return [without_ids(item) for item in value]
        if isinstance(value, dict):
            return {
                key: without_ids(item)
                for key, item in value.items()
                if key not in {"pk", "id"}
            }
        return value

    return {
        name: without_ids(value)
        for name, value in content.items()
        if name not in NOT_NEWS
    }


def _nothing_new(page, revision: Revision | None) -> bool:
    """True if ``revision`` changes nothing a follower would notice since the
    revision published before it (e.g. only the review date)."""
    if revision is None:
        return False
    previous = (
        PageLogEntry.objects.filter(
            page=page, action="wagtail.publish", revision__isnull=False
        )
        .exclude(revision=revision)
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    if previous is None:
        return False
    return _news(previous.revision.content) == _news(revision.content)


def on_page_published(sender, instance, revision=None, **kwargs) -> None:
    """Mail the followers of a published solution or of its fields of action."""

    page = instance
    if not isinstance(page, SolutionPage):
        return
    if not is_visible(page):
        return  # scheduled for later, expired, or below an unpublished area
    if page.get_view_restrictions().exists():
        return  # private pages are nobody's news
    if _nothing_new(page, revision):
        return  # e.g. only the review date moved on
    first_publish = (
        page.first_published_at == page.last_published_at
        and not page.get_translations()
        .filter(first_published_at__lt=page.first_published_at)
        .exists()
    )
    recipients: dict[int, tuple] = {}
    for follow in Follow.objects.filter(
        solution__translation_key=page.translation_key
    ).select_related("user"):
        recipients[follow.user_id] = (follow.user, Kind.FOLLOW_UPDATED)
    if first_publish:
        field_keys = page.fields_of_action.values_list(
            "field_of_action__translation_key", flat=True
        )
        for follow in Follow.objects.filter(
            Q(field_of_action__translation_key__in=list(field_keys))
        ).select_related("user", "field_of_action"):
            recipients.setdefault(follow.user_id, (follow.user, Kind.FOLLOW_NEW))
    event = revision.pk if revision is not None else page.last_published_at
    for user, kind in recipients.values():
        shown = page_in_language(page, language_for(user))
        context = {
            "page": shown,
            "title": shown.title,
            "public_url": shown.full_url or "",
            # Names, not the snippets: the plain-text part joins them as text.
            # A field of action awaiting review is named by its published version.
            "fields": [
                field.name
                for field in (
                    item.field_of_action.public_version()
                    for item in shown.fields_of_action.all()
                )
                if field is not None
            ],
            "following_url": portal_url("following"),
        }
        queue_email(user, kind, context, dedup_key=f"follow:{event}:{user.pk}")


def register() -> None:
    """Connect the receivers; called from the app's ``ready()``.

    Wagtail sends its own workflow mails synchronously and only in some cases; they
    would duplicate ours and be lost in an outage. Our app's ``ready()`` runs before
    ``wagtail.admin``'s (INSTALLED_APPS order), so connecting a stand-in under
    Wagtail's ``dispatch_uid`` makes Wagtail's later ``connect`` a no-op.
    """
    for signal, uid in [
        (task_submitted, "group_approval_task_submitted_email_notification"),
        (workflow_submitted, "workflow_state_submitted_email_notification"),
        (workflow_rejected, "workflow_state_rejected_email_notification"),
        (workflow_approved, "workflow_state_approved_email_notification"),
    ]:
        sender = TaskState if signal is task_submitted else WorkflowState
        signal.connect(_handled_by_outbox, sender=sender, dispatch_uid=uid)

    task_submitted.connect(on_task_submitted, dispatch_uid="outbox_task_submitted")
    workflow_approved.connect(
        on_workflow_approved, sender=WorkflowState, dispatch_uid="outbox_approved"
    )
    workflow_rejected.connect(
        on_workflow_rejected, sender=WorkflowState, dispatch_uid="outbox_rejected"
    )
    workflow_cancelled.connect(
        on_workflow_cancelled, sender=WorkflowState, dispatch_uid="outbox_cancelled"
    )
    page_published.connect(on_page_published, dispatch_uid="outbox_follow_published")
