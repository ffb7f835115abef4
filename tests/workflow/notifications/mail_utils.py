"""Helpers for the notification, follow and dashboard tests: a moderated portal
with users in each language, and workflow actions done through the admin."""

from __future__ import annotations

import socket
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.users.models import UserProfile

from apps.knowledge.roles import AREA_ROLES, DIGITALAGENTUR_GROUP
from apps.workflow.groups import setup_roles
from tests.knowledge import factories
from tests.knowledge.utils import Portal, add_solution, build_portal, solution_form_data

PASSWORD = "secret-pass-123"
FLENSBURG, NORDFRIESLAND = AREA_ROLES[0], AREA_ROLES[1]


@dataclass
class ModeratedPortal:
    portal: Portal
    other_area: Page
    workflow: Workflow
    task: GroupApprovalTask


def make_user(username: str, *groups: str, language: str = "", **fields):
    """An active user with an e-mail address, in ``groups``, with an admin language."""
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.org",
        password=PASSWORD,
        **fields,
    )
    user.groups.add(*(Group.objects.get(name=name) for name in groups))
    if language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return user


def build_moderated_portal() -> ModeratedPortal:
    """The test portal with the editorial groups and a group-approval workflow on
    the Flensburg area (Wagtail's built-in task: works before custom tasks exist)."""
    portal = build_portal()
    other_area = factories.PartnerAreaPageFactory(
        parent=portal.knowledge,
        title="Kreis Nordfriesland",
        slug=NORDFRIESLAND.area_slug,
    )
    portal.area.slug = FLENSBURG.area_slug
    portal.area.save()
    setup_roles()
    # Wagtail's built-in task publishes as the approving user, so the moderators
    # need publish permission here (the custom tasks of apps.workflow do not).
    GroupPagePermission.objects.get_or_create(
        group=Group.objects.get(name=FLENSBURG.moderators),
        page=portal.area,
        permission=Permission.objects.get(
            content_type__app_label="wagtailcore", codename="publish_page"
        ),
    )
    task = GroupApprovalTask.objects.create(name="Review by Stadt Flensburg")
    task.groups.add(Group.objects.get(name=FLENSBURG.moderators))
    workflow = Workflow.objects.create(name="Stadt Flensburg review")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(
        page=portal.area, defaults={"workflow": workflow}
    )
    for area in (portal.knowledge, other_area):
        WorkflowPage.objects.filter(page=area).delete()
    return ModeratedPortal(portal, other_area, workflow, task)


def draft_solution(setup: ModeratedPortal, owner=None, **kwargs):
    """A never-published solution in the Flensburg area, as an editor creates one."""
    solution = add_solution(setup.portal, live=False, owner=owner, **kwargs)
    solution.save_revision(user=owner)
    return solution


def submit_in_admin(client, page, **fields):
    """The editor presses "Submit to moderation" on the page's edit form."""
    data = solution_form_data(
        **{
            "title": page.title,
            "slug": page.slug,
            "fields_of_action": [
                item.field_of_action for item in page.fields_of_action.all()
            ],
            **fields,
        }
    )
    data["action-submit"] = "Submit"
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def act_in_admin(client, page, action: str, comment: str = ""):
    """A moderator approves (``approve``) or requests changes (``reject``)."""
    page = Page.objects.get(pk=page.pk)
    task_state = page.current_workflow_task_state
    return client.post(
        reverse(
            "wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]
        ),
        {"comment": comment},
    )


def cancel_in_admin(client, page):
    """A moderator stops the workflow from the edit form."""
    data = solution_form_data(
        title=page.title,
        slug=page.slug,
        fields_of_action=[item.field_of_action for item in page.fields_of_action.all()],
    )
    data["action-cancel-workflow"] = "true"
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def closed_local_port() -> int:
    """A local TCP port verified to refuse connections."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as check:
        check.settimeout(1)
        if check.connect_ex(("127.0.0.1", port)) == 0:
            raise RuntimeError(f"port {port} is open")
    return port


__all__ = [
    "DIGITALAGENTUR_GROUP",
    "FLENSBURG",
    "NORDFRIESLAND",
    "PASSWORD",
    "act_in_admin",
    "build_moderated_portal",
    "cancel_in_admin",
    "closed_local_port",
    "draft_solution",
    "make_user",
    "submit_in_admin",
]
