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

The translatable snippets (fields of action, organisations, contacts) have a
workflow of their own, "Snippet review", assigned to their models (Wagtail assigns
snippet workflows per model). Its steps, each skipped when it does not concern the
record:

1. owner review: a change to a German record is approved by the moderators of the
   authority that owns it or by the Digitalagentur (editors cannot publish these
   records; moderators and the Digitalagentur can, see ``apps.knowledge.roles``);
2. translation review, the same step as in the page workflow: a Danish or English
   version goes live only when a reviewer of that language approves it.
https://docs.wagtail.org/en/stable/topics/snippets/features.html#enabling-workflows-for-snippets
"""

from __future__ import annotations

from django.apps import apps as global_apps
from django.utils.translation import gettext_noop

from apps.knowledge.roles import DANISH_MODERATORS_GROUP, DIGITALAGENTUR_GROUP

# The names are stored in English and shown translated (apps.workflow.display_names).
DEFAULT_WORKFLOW_NAME = gettext_noop("Knowledge base moderation")

# (model name in apps.workflow, task name, approving group or None)
DEFAULT_TASKS = [
    (
        "FeasibilityCheckTask",
        gettext_noop("Feasibility check (Digitalagentur)"),
        DIGITALAGENTUR_GROUP,
    ),
    ("AuthorityReviewTask", gettext_noop("Authority review"), None),
    (
        "CrossBorderReviewTask",
        gettext_noop("Cross-border review (Danish partners)"),
        DANISH_MODERATORS_GROUP,
    ),
    ("TranslationReviewTask", gettext_noop("Translation review"), None),
]

SNIPPET_WORKFLOW_NAME = gettext_noop("Snippet review")
# Its name before it had the owner review (renamed by a migration).
OLD_SNIPPET_WORKFLOW_NAME = "Snippet translation review"
OWNER_REVIEW_TASK_NAME = gettext_noop("Owner review (shared records)")
# (app label, model name) of the snippets under the snippet workflow.
MODERATED_SNIPPETS = [
    ("knowledge", "fieldofaction"),
    ("knowledge", "organisation"),
    ("knowledge", "contact"),
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


def create_snippet_workflow(apps=global_apps):
    """Create the snippet workflow (one step: translation review) unless it exists."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    TranslationReviewTask = apps.get_model("workflow", "TranslationReviewTask")

    workflow, created = Workflow.objects.get_or_create(name=SNIPPET_WORKFLOW_NAME)
    if not created:
        return workflow
    model_name, task_name, _group = DEFAULT_TASKS[-1]
    # The same task as in the page workflow: one queue per language for reviewers.
    task = TranslationReviewTask.objects.filter(name=task_name).first()
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(
            app_label="workflow", model=model_name.lower()
        )
        task = TranslationReviewTask.objects.create(
            name=task_name, content_type=content_type
        )
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def add_owner_review(apps=global_apps) -> None:
    """Make the owner review the first step of the snippet workflow (idempotent)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    OwnerReviewTask = apps.get_model("workflow", "OwnerReviewTask")

    Workflow.objects.filter(name=OLD_SNIPPET_WORKFLOW_NAME).update(
        name=SNIPPET_WORKFLOW_NAME
    )
    workflow = Workflow.objects.filter(name=SNIPPET_WORKFLOW_NAME).first()
    if workflow is None:
        return
    task = OwnerReviewTask.objects.filter(name=OWNER_REVIEW_TASK_NAME).first()
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(
            app_label="workflow", model="ownerreviewtask"
        )
        task = OwnerReviewTask.objects.create(
            name=OWNER_REVIEW_TASK_NAME, content_type=content_type
        )
    steps = WorkflowTask.objects.filter(workflow=workflow)
    if steps.filter(task_id=task.pk).exists():
        return
    for step in steps.order_by("-sort_order"):
        step.sort_order += 1
        step.save(update_fields=["sort_order"])
    WorkflowTask.objects.create(workflow=workflow, task_id=task.pk, sort_order=0)


def assign_snippet_workflow(apps=global_apps) -> int:
    """Put the translatable snippets under the snippet workflow.

    A model that already has a workflow (an administrator's choice) keeps it.
    Returns how many models were assigned.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    workflow = Workflow.objects.filter(name=SNIPPET_WORKFLOW_NAME, active=True).first()
    if workflow is None:
        return 0
    assigned = 0
    for app_label, model_name in MODERATED_SNIPPETS:
        content_type, _ = ContentType.objects.get_or_create(
            app_label=app_label, model=model_name
        )
        _, created = WorkflowContentType.objects.get_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )
        assigned += created
    return assigned


def ensure_default_workflow() -> int:
    """Create the default and snippet workflows if missing and assign them; for
    setup_roles. Returns how many pages were assigned."""
    create_default_workflow()
    create_snippet_workflow()
    add_owner_review()
    assign_snippet_workflow()
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
