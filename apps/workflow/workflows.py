"""The default moderation workflow: its tasks and where in the page tree it applies.

One workflow, "Knowledge base moderation", runs on the knowledge base of every
language (the ``KnowledgeIndexPage`` and, through inheritance, its partner areas and
solutions). Its steps, each skipped when it does not concern the page:

1. feasibility check by the Digitalagentur (partner submissions only),
2. authority review by the moderators of the page's authority,
3. cross-border review by the Danish partner moderators (pages naming a Danish
   organisation),
4. translation review by a reviewer of the page's language (not German).

When the last step is approved Wagtail's finish action publishes the revision.
The same functions run in the data migration (with historical models) and from
``setup_roles`` / ``seed_demo`` for pages created later.
"""

from __future__ import annotations

from django.apps import apps as global_apps

DEFAULT_WORKFLOW_NAME = "Knowledge base moderation"
DIGITALAGENTUR_GROUP = "Digitalagentur"
DANISH_MODERATORS_GROUP = "Danish partners – Moderators"

# (model name in apps.workflow, task name, approving group or None)
DEFAULT_TASKS = [
    (
        "FeasibilityCheckTask",
        "Feasibility check (Digitalagentur)",
        DIGITALAGENTUR_GROUP,
    ),
    ("AuthorityReviewTask", "Authority review", None),
    (
        "CrossBorderReviewTask",
        "Cross-border review (Danish partners)",
        DANISH_MODERATORS_GROUP,
    ),
    ("TranslationReviewTask", "Translation review", None),
]


def create_default_workflow(apps=global_apps):
    """Create the default workflow and its tasks unless they exist; return it."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")

    workflow, created = Workflow.objects.get_or_create(name=DEFAULT_WORKFLOW_NAME)
    if not created:
        return workflow
    for sort_order, (model_name, task_name, group_name) in enumerate(DEFAULT_TASKS):
        model = apps.get_model("workflow", model_name)
        content_type, _ = ContentType.objects.get_or_create(
            app_label="workflow", model=model_name.lower()
        )
        task = model.objects.filter(name=task_name).first()
        if task is None:
            task = model.objects.create(name=task_name, content_type=content_type)
        if group_name:
            group, _ = Group.objects.get_or_create(name=group_name)
            task.groups.add(group)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=sort_order)
    return workflow


def assign_default_workflow(apps=global_apps) -> int:
    """Put the knowledge base of every language under the default workflow.

    Pages that already have a workflow (an administrator's choice) keep it.
    Returns how many pages were assigned.
    """
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    KnowledgeIndexPage = apps.get_model("knowledge", "KnowledgeIndexPage")

    workflow = Workflow.objects.filter(name=DEFAULT_WORKFLOW_NAME, active=True).first()
    if workflow is None:
        return 0
    assigned = 0
    for page_id in KnowledgeIndexPage.objects.values_list("pk", flat=True):
        _, created = WorkflowPage.objects.get_or_create(
            page_id=page_id, defaults={"workflow": workflow}
        )
        assigned += created
    return assigned


def ensure_default_workflow() -> int:
    """Create the default workflow if missing and assign it; for setup_roles."""
    create_default_workflow()
    return assign_default_workflow()


def publish_approved(workflow_state, user=None) -> None:
    """Finish action: publish the revision the workflow approved.

    Reviewers approve without ``publish_page`` permission (see
    ``apps.knowledge.roles``): the approval itself is the permission, so the
    publication skips Wagtail's permission check. The publish log entry names the
    reviewer who gave the last approval.
    https://docs.wagtail.org/en/stable/reference/settings.html#wagtail-finish-workflow-action
    """
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
