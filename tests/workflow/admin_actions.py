"""What the admin's buttons and modals post: the page editor's "Submit",
"Save draft" and "Publish", a workflow action's modal, the action menu of the
editor, and a reviewer acting on whatever task is current. Workflow tests start and
advance a workflow through these, the way a user would.
"""

from __future__ import annotations

import json
from typing import Any

from bs4 import BeautifulSoup
from django import forms
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from apps.knowledge.models import SolutionPage
from tests.factories import PASSWORD
from tests.knowledge.factories import SolutionPageFactory


def client_for(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.login(username=user.get_username(), password=PASSWORD)
    return client


def edit_url(page: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def edit_form_data(page: SolutionPage, **changes: object) -> dict:
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
    data = SolutionPageFactory.form_data(**fields)
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


def _existing_rows(rows: Any, attribute: str) -> dict:
    items = [
        {
            "id": row.pk,
            "ORDER": index + 1,
            attribute.removesuffix("_id"): getattr(row, attribute),
        }
        for index, row in enumerate(rows)
    ]
    return inline_formset(items, initial=len(items))


def submit(client: Client, page: SolutionPage, **changes: object) -> HttpResponse:
    """Press "Submit for moderation" in the page editor (optionally after edits)."""
    return client.post(
        edit_url(page), {**edit_form_data(page, **changes), "action-submit": "1"}
    )


def save_draft(client: Client, page: SolutionPage, **changes: object) -> HttpResponse:
    """Press "Save draft" in the page editor."""
    return client.post(edit_url(page), edit_form_data(page, **changes))


def publish(client: Client, page: SolutionPage, **changes: object) -> HttpResponse:
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
    **data: object,
) -> HttpResponse:
    """Approve or request changes from the action's modal (an XHR post, as in the
    browser); ``task_state`` defaults to the page's current one."""
    task_state = task_state or current_task_state(page)
    headers = {"x-requested-with": "XMLHttpRequest"} if modal else {}
    return client.post(
        workflow_action_url(page, action, task_state),
        {"comment": comment, **data},
        headers=headers,
    )


def approve_in_editor(
    client: Client, page: SolutionPage, action: str, **extra: object
) -> HttpResponse:
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


def modal_json(response: HttpResponse) -> dict:
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


def _block_post_data(name: str, value: Any) -> dict:
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


def submit_in_admin(client: Client, page: Page, **fields: object) -> HttpResponse:
    """The editor presses "Submit to moderation" on the page's edit form."""
    data = SolutionPageFactory.form_data(
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


def act_in_admin(
    client: Client, page: Page, action: str, comment: str = ""
) -> HttpResponse:
    """A moderator approves (``approve``) or requests changes (``reject``)."""
    page = Page.objects.get(pk=page.pk)
    task_state = page.current_workflow_task_state
    return client.post(
        reverse(
            "wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]
        ),
        {"comment": comment},
    )


def cancel_in_admin(client: Client, page: Page) -> HttpResponse:
    """A moderator stops the workflow from the edit form."""
    data = SolutionPageFactory.form_data(
        title=page.title,
        slug=page.slug,
        fields_of_action=[item.field_of_action for item in page.fields_of_action.all()],
    )
    data["action-cancel-workflow"] = "true"
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def _action_data(form_class: Any, comment: str) -> dict:
    """Fill a workflow action form the way a moderator does: tick every box."""
    data = {}
    if form_class is None:
        return data
    for name, field in form_class().fields.items():
        if isinstance(field, forms.BooleanField):
            data[name] = "on"
        elif name == "comment":
            data[name] = comment
        else:
            data[name] = "ok"
    return data


def active_task_state(page: Page) -> TaskState | None:
    state = WorkflowState.objects.active().filter(object_id=str(page.pk)).first()
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        return None
    return state.current_task_state


def act_as_reviewer(
    client: Client, page: Page, reviewers: list, action: str, comment: str = ""
) -> TaskState:
    """One reviewer who may take ``action`` on the current task takes it in the
    admin; returns the task state acted on."""
    page = Page.objects.get(pk=page.pk).specific
    task_state = active_task_state(page)
    assert task_state is not None, "the page is not in moderation"
    task = task_state.task.specific
    reviewer = next(
        user
        for user in reviewers
        if action in [name for name, *_ in task.get_actions(page, user)]
    )
    client.force_login(reviewer)
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]
        ),
        _action_data(task.get_form_for_action(action), comment),
    )
    assert response.status_code == 302, response.content[:500]
    return task_state


def approve_all(client: Client, page: Page, reviewers: list, comment: str = "") -> list:
    """Approve every remaining task in the admin; returns the task names."""
    names = []
    for _ in range(10):
        if active_task_state(page) is None:
            break
        names.append(
            act_as_reviewer(client, page, reviewers, "approve", comment).task.name
        )
    return names
