"""Who gets a notification, and in which language."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q
from wagtail.models import TaskState, WorkflowState
from wagtail.users.models import UserProfile

# Wagtail's own notification switches on the account page ("Notifications").
PREFERENCE_FOR_KIND = {
    "submitted": "submitted_notifications",
    "approved": "approved_notifications",
    "changes_requested": "rejected_notifications",
    "rejected": "rejected_notifications",
}


def language_for(user) -> str:
    """The recipient's language: partner profile, then admin profile, then German."""
    supported = {code for code, _name in settings.LANGUAGES}
    try:
        language = user.partner_profile.language
    except ObjectDoesNotExist:
        language = ""
    if language not in supported:
        language = UserProfile.get_for_user(user).preferred_language
    return language if language in supported else settings.LANGUAGE_CODE


def wants(user, kind: str) -> bool:
    """Whether ``user`` can and wants to receive a mail of this kind."""
    if not (user and user.is_active and user.email):
        return False
    preference = PREFERENCE_FOR_KIND.get(kind)
    if preference is None:
        return True
    return getattr(UserProfile.get_for_user(user), preference, True)


def moderators_for(task_state: TaskState, exclude=None) -> list:
    """Users who can act on the task: asks the task itself, so any task type works."""
    task = task_state.task.specific
    obj = task_state.workflow_state.content_object
    obj = getattr(obj, "specific", obj)
    candidates = get_user_model().objects.filter(is_active=True).exclude(email="")
    if getattr(settings, "WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS", True):
        candidates = candidates.filter(Q(groups__isnull=False) | Q(is_superuser=True))
    else:
        candidates = candidates.filter(groups__isnull=False, is_superuser=False)
    return [
        user
        for user in candidates.distinct().order_by("pk")
        if user != exclude and task.get_actions(obj, user)
    ]


def authors_of(workflow_state: WorkflowState, exclude=None) -> list:
    """Who asked for the review: the requester and, for portal submissions, the
    partner who submitted."""
    authors = [workflow_state.requested_by]
    obj = workflow_state.content_object
    submission = getattr(getattr(obj, "specific", obj), "submission", None)
    if submission is not None:
        authors.append(submission.submitted_by)
    unique = []
    for author in authors:
        if author is not None and author != exclude and author not in unique:
            unique.append(author)
    return unique
