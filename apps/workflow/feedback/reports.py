"""Recording a feedback report and answering it, with the mails through the outbox."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from apps.knowledge.public_url import absolute_url
from apps.workflow.models import FeedbackReport, OutboxMessage
from apps.workflow.notifications.outbox import queue_email_to_address


def _context(report: FeedbackReport) -> dict:
    return {
        "report": report,
        "page_address": absolute_url(report.page_url) if report.page_url else "",
    }


@transaction.atomic
def record(report: FeedbackReport) -> FeedbackReport:
    """Store a new report, mail it to the Digitalagentur (in the portal's default
    language) and acknowledge it to the reporter in the report's language."""
    report.save()
    queue_email_to_address(
        settings.DIGITALAGENTUR_FEEDBACK_EMAIL,
        settings.LANGUAGE_CODE,
        OutboxMessage.Kind.FEEDBACK_RECEIVED,
        _context(report),
        dedup_key=f"feedback:{report.pk}:agency",
    )
    if report.email:
        queue_email_to_address(
            report.email,
            report.language,
            OutboxMessage.Kind.FEEDBACK_ACKNOWLEDGED,
            _context(report),
            dedup_key=f"feedback:{report.pk}:acknowledgement",
        )
    return report


def send_answer(report: FeedbackReport, user) -> OutboxMessage | None:
    """Mark ``report`` answered by ``user`` and mail its answer to the reporter, in
    the language of the report. None if there is no address to answer to."""
    report.status = FeedbackReport.Status.ANSWERED
    report.answered_at = timezone.now()
    report.answered_by = user
    report.save(update_fields=["status", "answered_at", "answered_by", "answer"])
    if not report.email:
        return None
    return queue_email_to_address(
        report.email,
        report.language,
        OutboxMessage.Kind.FEEDBACK_ANSWER,
        _context(report),
        # One mail per answer text: saving the same answer again sends nothing.
        dedup_key=f"feedback:{report.pk}:answer:{hash_of(report.answer)}",
    )


def hash_of(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]
