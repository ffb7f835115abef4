"""Background tasks (django-tasks, the mechanism Wagtail 8 uses) of the workflow."""

from __future__ import annotations

from django_tasks import task


@task()
def send_outbox_message(message_id: int) -> bool:
    """Send one stored e-mail; a mail outage leaves it failed for a retry."""
    from apps.workflow.notifications.outbox import deliver

    return deliver(message_id)


@task()
def retry_outbox() -> dict:
    """Send every e-mail that is still pending or failed (e.g. after an outage)."""
    from apps.workflow.notifications.outbox import retry_pending

    sent, failed = retry_pending()
    return {"sent": sent, "failed": failed}


@task()
def send_review_reminders() -> int:
    """Remind owners of published solutions whose review date has passed."""
    from apps.workflow.notifications.reminders import remind_owners

    return len(remind_owners())
