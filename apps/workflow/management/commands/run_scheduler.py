"""Run the periodic jobs: retry waiting e-mails, replay missed search index
updates, remind owners of review dates (intervals in ``settings.SCHEDULER_JOBS``)."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from apps.workflow.scheduler import configured_jobs, tick


class Command(BaseCommand):
    help = (
        "Run the periodic jobs when they are due, forever (a deployment runs one or "
        "more of these; a job never runs in two schedulers at once)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--once",
            action="store_true",
            help="Run the jobs that are due now, then exit (e.g. from cron).",
        )

    def handle(self, *args, once: bool = False, **options) -> None:
        if not once:
            jobs = ", ".join(
                f"{job.name} every {int(job.every.total_seconds())}s"
                for job in configured_jobs()
            )
            self.stdout.write(f"Scheduler started: {jobs}.")
        while True:
            for outcome in tick():
                state = "done" if outcome.succeeded else "FAILED"
                self.stdout.write(f"{outcome.job}: {state}. {outcome.output.strip()}")
            if once:
                return
            time.sleep(settings.SCHEDULER_TICK_SECONDS)
            # Between ticks, drop connections the database closed meanwhile, as
            # Django does around each request.
            close_old_connections()
