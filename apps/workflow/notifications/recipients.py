"""Who gets a notification, and in which language."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q
from wagtail.models import TaskState, WorkflowState
from wagtail.users.models import UserProfile

from apps.knowledge.choices import Owner
from apps.knowledge.roles import (
    AREA_ROLES,
    TRANSLATION_REVIEWER_LANGUAGES,
    translation_reviewers_group_name,
)

# Wagtail's own notification switches on the account page ("Notifications").
PREFERENCE_FOR_KIND = {
    "submitted": "submitted_notifications",
    "approved": "approved_notifications",
    "changes_requested": "rejected_notifications",
    "rejected": "rejected_notifications",
}


# The working language of an authority whose people have not chosen one; the
# others work in the site's default language (German).
AUTHORITY_LANGUAGES = {Owner.DANISH_PARTNERS: "da"}


def group_language(user) -> str:
    """The language of the user's authority or review group, "" if none or mixed.

    Danish partners' editors and moderators and the reviewers of Danish
    translations read Danish; a user whose groups point to two languages gets none
    from here (the default applies).
    """
    names = set(user.groups.values_list("name", flat=True))
    languages = {
        AUTHORITY_LANGUAGES.get(role.area_slug, settings.LANGUAGE_CODE)
        for role in AREA_ROLES
        if role.editors in names or role.moderators in names
    }
    languages |= {
        code
        for code in TRANSLATION_REVIEWER_LANGUAGES
        if translation_reviewers_group_name(code) in names
    }
    return languages.pop() if len(languages) == 1 else ""


def language_for(user) -> str:
    """The recipient's language: the partner profile's, else the language chosen
    for the admin, else the authority's (Danish for the Danish partners), else the
    default language."""
    supported = {code for code, _name in settings.LANGUAGES}
    try:
        language = user.partner_profile.language
    except ObjectDoesNotExist:
        language = ""
    if language not in supported:
        language = UserProfile.get_for_user(user).preferred_language
    if language not in supported:
        language = group_language(user)
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
