"""Remind owners of solutions whose review date has passed (run daily)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from apps.workflow.notifications.reminders import remind_owners


class Command(BaseCommand):
    help = (
        "E-mail the owner of each published solution whose review date has passed, "
        "once per review date."
    )

    def handle(self, *args, **options) -> None:
        reminders = remind_owners()
        self.stdout.write(f"Reminded {len(reminders)} owner(s).")
