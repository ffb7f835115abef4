"""Delete feedback reports past their retention period (run daily)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from apps.workflow.feedback.retention import delete_expired, retention_days


class Command(BaseCommand):
    help = (
        "Delete feedback reports answered, or received and never answered, more "
        "than FEEDBACK_RETENTION_DAYS ago, with the e-mails about them."
    )

    def handle(self, *args, **options) -> None:
        deleted = delete_expired()
        self.stdout.write(
            f"Deleted {deleted} feedback report(s) older than {retention_days()} days."
        )
