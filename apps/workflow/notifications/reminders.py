"""Freshness: published solutions whose review date has passed, and reminders."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django_tasks import task

from apps.knowledge.models import SolutionPage
from apps.workflow.models import OutboxMessage, ReviewReminder
from apps.workflow.notifications.context import object_context
from apps.workflow.notifications.outbox import queue_email


def overdue_reviews(today: datetime.date | None = None) -> QuerySet:
    """Live solutions (any language) whose review date lies before ``today``."""

    today = today or timezone.localdate()
    return (
        SolutionPage.objects.live()
        .filter(review_date__lt=today)
        .select_related("owner", "locale")
        .order_by("review_date", "pk")
    )


def remind_owners(today: datetime.date | None = None) -> list[ReviewReminder]:
    """E-mail each overdue solution's owner once per review date, in their language.

    The ``ReviewReminder`` row records the reminder; a new review date starts a new
    period and may be reminded again.
    """
    reminders = []
    for page in overdue_reviews(today):
        if page.owner is None:
            continue
        if ReviewReminder.objects.filter(
            page=page, review_date=page.review_date
        ).exists():
            continue
        try:
            with transaction.atomic():
                reminder = ReviewReminder.objects.create(
                    page=page, review_date=page.review_date, recipient=page.owner
                )
                reminder.message = queue_email(
                    page.owner,
                    OutboxMessage.Kind.REVIEW_REMINDER,
                    {**object_context(page), "review_date": page.review_date},
                    dedup_key=f"review:{page.pk}:{page.review_date.isoformat()}",
                )
                reminder.save(update_fields=["message"])
        except IntegrityError:
            continue  # another run reminded at the same moment
        reminders.append(reminder)
    return reminders


@task()
def send_review_reminders() -> int:
    """Remind owners of published solutions whose review date has passed."""
    return len(remind_owners())
