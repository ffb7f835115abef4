"""Render a notification into the outbox and deliver it; the tasks that send it."""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from apps.workflow.models import OutboxMessage
from apps.workflow.notifications.recipients import language_for, wants

logger = logging.getLogger(__name__)

TEMPLATE_DIR = "workflow/emails"
# A message claimed by a worker that died is handed out again after this long.
STALE_SENDING = timedelta(minutes=30)
# Delivery errors that mean "try again later": SMTP replies and network failures
# (ConnectionRefusedError, timeouts and DNS errors are all OSErrors).
DELIVERY_ERRORS = (smtplib.SMTPException, OSError)


def render_message(kind: str, language: str, context: dict) -> tuple[str, str, str]:
    """Subject, plain text and HTML of a notification in ``language``."""
    with translation.override(language):
        context = {**context, "language": language}
        subject = render_to_string(f"{TEMPLATE_DIR}/{kind}_subject.txt", context)
        context["subject"] = subject = " ".join(subject.split())
        text = render_to_string(f"{TEMPLATE_DIR}/{kind}.txt", context)
        html = render_to_string(f"{TEMPLATE_DIR}/{kind}.html", context)
    return subject, text.strip() + "\n", html


def queue_email(
    user, kind: str, context: dict, *, dedup_key: str = ""
) -> OutboxMessage | None:
    """Store a mail to ``user`` in the outbox, then send it in the background.

    Returns ``None`` when the user has no address, switched this kind off, or was
    already sent the message with this ``dedup_key``.
    """
    if not wants(user, kind):
        return None
    return _store_and_send(
        user.email,
        language_for(user),
        kind,
        {**context, "recipient": user, "is_partner": hasattr(user, "partner_profile")},
        recipient=user,
        dedup_key=dedup_key,
    )


def queue_email_to_address(
    address: str, language: str, kind: str, context: dict, *, dedup_key: str = ""
) -> OutboxMessage | None:
    """Store a mail to an address that has no account yet (an invitation), in
    ``language``, then send it in the background like every other notification."""
    if not address:
        return None
    return _store_and_send(
        address,
        language,
        kind,
        {**context, "recipient": None, "is_partner": True},
        recipient=None,
        dedup_key=dedup_key,
    )


def _store_and_send(
    address: str,
    language: str,
    kind: str,
    context: dict,
    *,
    recipient,
    dedup_key: str,
) -> OutboxMessage | None:
    if dedup_key and OutboxMessage.objects.filter(dedup_key=dedup_key).exists():
        return None
    subject, text, html = render_message(
        kind, language, {**context, "site_name": settings.WAGTAIL_SITE_NAME}
    )
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.create(
                recipient=recipient,
                to_email=address,
                language=language,
                kind=kind,
                subject=subject[:255],
                body_text=text,
                body_html=html,
                dedup_key=dedup_key,
            )
    except IntegrityError:
        # The same event queued it at the same moment elsewhere.
        return None
    # Sent once the workflow action's transaction is committed, so a worker of the
    # database task backend finds the message; ``robust`` keeps a failing enqueue
    # from surfacing in the request (the message stays pending for retry_outbox).
    transaction.on_commit(partial(send_outbox_message.enqueue, message.pk), robust=True)
    return message


def deliver(message_id: int) -> bool:
    """Send one outbox message; on a mail outage mark it failed for a later retry."""
    claimed = OutboxMessage.objects.filter(
        pk=message_id,
        status__in=[OutboxMessage.Status.PENDING, OutboxMessage.Status.FAILED],
    ).update(
        status=OutboxMessage.Status.SENDING,
        attempts=F("attempts") + 1,
        updated_at=timezone.now(),
    )
    if not claimed:
        # Already sent, or being sent by another worker: never send twice.
        return False
    message = OutboxMessage.objects.get(pk=message_id)
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        to=[message.to_email],
        headers={"Content-Language": message.language},
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    try:
        email.send()
    except DELIVERY_ERRORS as error:
        logger.warning("Mail %s not delivered, kept for retry: %s", message.pk, error)
        OutboxMessage.objects.filter(pk=message.pk).update(
            status=OutboxMessage.Status.FAILED,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            updated_at=timezone.now(),
        )
        return False
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.SENT,
        sent_at=timezone.now(),
        last_error="",
        updated_at=timezone.now(),
    )
    return True


def retry_pending() -> tuple[int, int]:
    """Send every pending or failed message again; returns (sent, still failing)."""
    now = timezone.now()
    OutboxMessage.objects.filter(
        status=OutboxMessage.Status.SENDING, updated_at__lt=now - STALE_SENDING
    ).update(status=OutboxMessage.Status.FAILED, updated_at=now)
    waiting = OutboxMessage.objects.filter(
        Q(status=OutboxMessage.Status.PENDING) | Q(status=OutboxMessage.Status.FAILED)
    ).order_by("created_at", "pk")
    sent = failed = 0
    for message_id in waiting.values_list("pk", flat=True):
        if deliver(message_id):
            sent += 1
        elif OutboxMessage.objects.filter(
            pk=message_id, status=OutboxMessage.Status.FAILED
        ).exists():
            failed += 1
    return sent, failed


# Background tasks (django-tasks, the mechanism Wagtail 8 uses): the outbox owns
# them, so sending needs no module that imports this one back.


@task()
def send_outbox_message(message_id: int) -> bool:
    """Send one stored e-mail; a mail outage leaves it failed for a retry."""
    return deliver(message_id)


@task()
def retry_outbox() -> dict:
    """Send every e-mail that is still pending or failed (e.g. after an outage)."""
    sent, failed = retry_pending()
    return {"sent": sent, "failed": failed}
