"""Send the e-mails that are still pending or failed, e.g. after a mail outage."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from apps.workflow.notifications.outbox import retry_pending


class Command(BaseCommand):
    help = "Send every pending or failed e-mail in the outbox once more."

    def handle(self, *args, **options) -> None:
        sent, failed = retry_pending()
        self.stdout.write(f"Sent {sent} e-mail(s); {failed} still failing.")
