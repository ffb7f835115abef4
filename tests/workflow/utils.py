"""Helpers that start and advance a moderation workflow the way users do: in the admin.

``build_authorities`` gives a portal with the partner area of every authority, the
editorial groups (``setup_roles``) and the default workflow assigned. The action
helpers post the same forms the admin's buttons and modals post.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, TaskState
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from apps.knowledge.models import PartnerAreaPage, SolutionFieldOfAction, SolutionPage
from apps.knowledge.roles import (
    AREA_ROLES,
    DIGITALAGENTUR_GROUP,
    TRANSLATORS_GROUP,
    AreaRole,
    translation_reviewers_group_name,
)
from apps.workflow.groups import setup_roles
from tests.knowledge import factories as knowledge_factories
from tests.knowledge.utils import Portal, admin_in_english, build_portal
from tests.knowledge.utils import solution_form_data as base_form_data
from tests.workflow.factories import PASSWORD, UserFactory


@dataclass
class Authorities:
    """A portal with one partner area per authority, keyed by the area slug."""

    portal: Portal
    areas: dict[str, PartnerAreaPage] = field(default_factory=dict)

    def area(self, role: AreaRole) -> PartnerAreaPage:
        return self.areas[role.area_slug]


def build_authorities() -> Authorities:
    portal = build_portal()
    authorities = Authorities(portal)
    for role in AREA_ROLES:
        if role.area_slug == portal.area.slug:
            authorities.areas[role.area_slug] = portal.area
            continue
        authorities.areas[role.area_slug] = knowledge_factories.PartnerAreaPageFactory(
            parent=portal.knowledge, title=role.name, slug=role.area_slug
        )
    setup_roles()
    return authorities


def user_in(username: str, *group_names: str):
    """A user in the named groups who reads the admin in English."""
    groups = [Group.objects.get(name=name) for name in group_names]
    user = UserFactory(username=username, groups=groups)
    admin_in_english(user)
    return user


def editor_of(role: AreaRole):
    return user_in(f"{role.user_prefix}-editor", role.editors)


def moderator_of(role: AreaRole, suffix: str = ""):
    return user_in(f"{role.user_prefix}-moderator{suffix}", role.moderators)


def digitalagentur(suffix: str = ""):
    return user_in(f"digitalagentur{suffix}", DIGITALAGENTUR_GROUP)


def translator():
    return user_in("translator", TRANSLATORS_GROUP)


def reviewer_of(language_code: str):
    return user_in(
        f"reviewer-{language_code}", translation_reviewers_group_name(language_code)
    )


def draft_solution(area: Page, author, portal: Portal, **fields) -> SolutionPage:
    """A never-published solution in ``area`` whose latest revision is ``author``'s."""
    page = knowledge_factories.SolutionPageFactory(parent=area, live=False, **fields)
    SolutionFieldOfAction.objects.create(page=page, field_of_action=portal.field)
    page.save_revision(user=author)
    return page


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.login(username=user.get_username(), password=PASSWORD)
    return client


def edit_url(page: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def edit_form_data(page: SolutionPage, **changes) -> dict:
    """The admin edit form of ``page`` as the browser sends it, with ``changes``."""
    page = page.get_latest_revision_as_object()
    fields = {
        "title": page.title,
        "slug": page.slug,
        "teaser": page.teaser,
        "phase": page.phase,
        "municipality": page.municipality,
        "currency": page.currency,
        "licence": page.licence,
        "lead_organisation": page.lead_organisation_id or "",
    }
    fields.update(changes)
    data = base_form_data(**fields)
    # The existing inline rows with their ids, as the editor renders them; without
    # ids Wagtail would see new rows, i.e. a content change.
    data.update(
        nested_form_data(
            {
                "fields_of_action": _existing_rows(
                    page.fields_of_action.all(), "field_of_action_id"
                ),
                "partners": _existing_rows(page.partners.all(), "organisation_id"),
            }
        )
    )
    return data


def _existing_rows(rows, attribute: str) -> dict:
    items = [
        {
            "id": row.pk,
            "ORDER": index + 1,
            attribute.removesuffix("_id"): getattr(row, attribute),
        }
        for index, row in enumerate(rows)
    ]
    return inline_formset(items, initial=len(items))


def submit(client: Client, page: SolutionPage, **changes):
    """Press "Submit for moderation" in the page editor (optionally after edits)."""
    return client.post(
        edit_url(page), {**edit_form_data(page, **changes), "action-submit": "1"}
    )


def save_draft(client: Client, page: SolutionPage, **changes):
    """Press "Save draft" in the page editor."""
    return client.post(edit_url(page), edit_form_data(page, **changes))


def publish(client: Client, page: SolutionPage, **changes):
    """Press "Publish" in the page editor."""
    return client.post(
        edit_url(page), {**edit_form_data(page, **changes), "action-publish": "1"}
    )


def current_task_state(page: Page) -> TaskState | None:
    return Page.objects.get(pk=page.pk).specific.current_workflow_task_state


def workflow_action_url(page: Page, action: str, task_state: TaskState) -> str:
    return reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]
    )


def act(
    client: Client,
    page: Page,
    action: str,
    *,
    comment: str = "",
    task_state: TaskState | None = None,
    modal: bool = True,
    **data,
):
    """Approve or request changes from the action's modal (an XHR post, as in the
    browser); ``task_state`` defaults to the page's current one."""
    task_state = task_state or current_task_state(page)
    headers = {"x-requested-with": "XMLHttpRequest"} if modal else {}
    return client.post(
        workflow_action_url(page, action, task_state),
        {"comment": comment, **data},
        headers=headers,
    )


def approve_in_editor(client: Client, page: SolutionPage, action: str, **extra):
    """Choose a workflow action from the editor's action menu (no content edits)."""
    return client.post(
        edit_url(page),
        {
            **edit_form_data(page),
            "action-workflow-action": "true",
            "workflow-action-name": action,
            "workflow-action-extra-data": json.dumps(extra),
        },
    )


def modal_json(response) -> dict:
    return json.loads(response.content)


def _stream_post_data(name: str, state: list) -> dict:
    """What Wagtail's StreamField JavaScript posts for an untouched stream."""
    data = {f"{name}-count": str(len(state))}
    for index, child in enumerate(state):
        prefix = f"{name}-{index}"
        data.update(
            {
                f"{prefix}-type": child["type"],
                f"{prefix}-id": child.get("id") or "",
                f"{prefix}-order": str(index),
                f"{prefix}-deleted": "",
            }
        )
        data.update(_block_post_data(f"{prefix}-value", child["value"]))
    return data


def _block_post_data(name: str, value) -> dict:
    if isinstance(value, dict) and "id" in value and "edit_url" in value:
        return {name: str(value["id"])}  # a chooser keeps the chosen object's id
    if isinstance(value, dict):
        data = {}
        for key, item in value.items():
            data.update(_block_post_data(f"{name}-{key}", item))
        return data
    if isinstance(value, list):
        return _stream_post_data(name, value)
    return {name: "" if value is None else str(value)}


def editor_form_data(html: str) -> dict:
    """What the browser posts from the page editor ``html`` if nothing is typed:
    every rendered element with its value (the hidden ones too), and the
    StreamFields as their script serialises their initial state."""
    soup = BeautifulSoup(html, "html.parser")
    form = soup.find("form", id="page-edit-form")
    data: dict = {}
    for element in form.find_all(["input", "textarea", "select"]):
        name = element.get("name")
        if not name or "__prefix__" in name:
            continue
        if element.name == "textarea":
            data[name] = element.text.removeprefix("\n")
        elif element.name == "select":
            chosen = [o.get("value", o.text) for o in element.find_all("option")]
            selected = [
                o.get("value", o.text)
                for o in element.find_all("option")
                if o.has_attr("selected")
            ]
            data[name] = (
                selected
                if element.has_attr("multiple")
                else (selected[0] if selected else chosen[0] if chosen else "")
            )
        elif element.get("type") in {"submit", "button", "file", "image"}:
            continue
        elif element.get("type") in {"checkbox", "radio"}:
            if element.has_attr("checked"):
                data[name] = element.get("value", "on")
        else:
            data[name] = element.get("value", "")
    for stream in form.find_all(attrs={"data-controller": "w-block"}):
        state = json.loads(stream["data-w-block-arguments-value"])[0]
        data.update(_stream_post_data(stream["id"], state))
    return data


def shown_messages(html: str) -> str:
    """The messages and errors an admin page shows, as one line of text."""
    soup = BeautifulSoup(html, "html.parser")
    found = soup.select(".messages li, .error-message, .help-critical")
    return " | ".join(" ".join(item.get_text().split()) for item in found)
