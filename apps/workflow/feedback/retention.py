"""How long feedback reports are kept, and a reporter's reports on request.

The privacy notice (``apps.demo.legal``) promises that a report is deleted
``FEEDBACK_RETENTION_DAYS`` (a year) after its answer, and one without an answer
that long after it came in; ``manage.py delete_old_feedback`` (a periodic job of
``apps.workflow.scheduler``) keeps the promise. With a report go the e-mails about
it in the outbox, which repeat its text and the reporter's address.

A reporter who asks what is stored about them (GDPR art. 15) or to be forgotten
(art. 17) is found by e-mail address: :func:`export_reports` and
:func:`erase_reports`, used by the feedback admin's "reports of an e-mail address".
The contacts' GDPR export in ``apps.knowledge.admin.gdpr`` cannot see these
reports (the knowledge app does not know the workflow app).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from apps.workflow.models import FeedbackReport, OutboxMessage


def retention_days() -> int:
    return int(getattr(settings, "FEEDBACK_RETENTION_DAYS", 365))


def expired(now: datetime.datetime | None = None) -> QuerySet[FeedbackReport]:
    """Reports answered, or received and never answered, more than the retention
    period ago."""
    limit = (now or timezone.now()) - datetime.timedelta(days=retention_days())
    return FeedbackReport.objects.filter(
        Q(answered_at__lt=limit) | Q(answered_at__isnull=True, created_at__lt=limit)
    )


def _mails_about(report_ids: list[int]) -> QuerySet[OutboxMessage]:
    """The outbox's e-mails about these reports (``apps.workflow.feedback.reports``
    keys them ``feedback:<pk>:…``)."""
    if not report_ids:
        return OutboxMessage.objects.none()
    about = Q()
    for pk in report_ids:
        about |= Q(dedup_key__startswith=f"feedback:{pk}:")
    return OutboxMessage.objects.filter(about)


@transaction.atomic
def delete_reports(reports: QuerySet[FeedbackReport]) -> int:
    """Delete ``reports`` and the e-mails about them; how many reports."""
    ids = list(reports.values_list("pk", flat=True))
    _mails_about(ids).delete()
    FeedbackReport.objects.filter(pk__in=ids).delete()
    return len(ids)


def delete_expired(now: datetime.datetime | None = None) -> int:
    """Delete the reports past the retention period; how many."""
    return delete_reports(expired(now))


def reports_of(email: str) -> QuerySet[FeedbackReport]:
    """The reports sent with ``email`` (in any letter case)."""
    return FeedbackReport.objects.filter(email__iexact=email.strip()).order_by("pk")


def export_reports(email: str) -> dict:
    """Everything stored about the reports sent with ``email`` (GDPR art. 15)."""
    reports = list(reports_of(email))
    mails = _mails_about([report.pk for report in reports]).filter(
        to_email__iexact=email.strip()
    )
    return {
        "exported_at": timezone.now().isoformat(),
        "email": email.strip(),
        "reports": [
            {
                "id": report.pk,
                "received": report.created_at,
                "kind": report.kind,
                "message": report.message,
                "page_url": report.page_url,
                "name": report.name,
                "email": report.email,
                "language": report.language,
                "status": report.status,
                "answer": report.answer,
                "answered": report.answered_at,
            }
            for report in reports
        ],
        "emails_sent_to_the_address": [
            {
                "subject": mail.subject,
                "created": mail.created_at,
                "sent": mail.sent_at,
                "status": mail.status,
            }
            for mail in mails.order_by("created_at", "pk")
        ],
    }


def erase_reports(email: str) -> int:
    """Delete the reports sent with ``email`` and the e-mails about them (GDPR
    art. 17); how many reports."""
    return delete_reports(reports_of(email))
