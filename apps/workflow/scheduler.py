"""Run the periodic jobs (``settings.SCHEDULER_JOBS``) when they are due.

``manage.py run_scheduler`` calls :func:`tick` every ``SCHEDULER_TICK_SECONDS``.
Each job is a management command, so a scheduled run does exactly what an operator
running the command by hand does. A job is claimed in the database before it runs
(one conditional UPDATE of its ``ScheduledJob`` row), so two schedulers, e.g. on
two hosts, never run the same job at the same time; a scheduler that dies while
running a job gives it up when the claim's lease ends.
"""

from __future__ import annotations

import io
import logging
import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from apps.workflow.models import ScheduledJob

logger = logging.getLogger(__name__)

# A claim ends after this long at the latest, even if its scheduler never returns
# (each job finishes in minutes; a dead scheduler's job runs again after this).
LEASE = timedelta(hours=1)


@dataclass(frozen=True)
class Job:
    name: str
    command: str
    every: timedelta


@dataclass
class Outcome:
    job: str
    succeeded: bool
    output: str


def configured_jobs() -> list[Job]:
    """The jobs of ``settings.SCHEDULER_JOBS``, in their order there."""
    return [
        Job(name, config["command"], timedelta(seconds=int(config["every"])))
        for name, config in getattr(settings, "SCHEDULER_JOBS", {}).items()
    ]


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _claim(job: Job, now: datetime, owner: str) -> bool:
    """Take the job if it is due and nobody else holds it; True if we got it."""
    try:
        with transaction.atomic():
            ScheduledJob.objects.get_or_create(name=job.name)
    except IntegrityError:
        pass  # another scheduler created the row at the same moment
    claimed = (
        ScheduledJob.objects.filter(name=job.name)
        .filter(Q(next_run_at__isnull=True) | Q(next_run_at__lte=now))
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lte=now))
        .update(locked_by=owner, locked_until=now + LEASE, last_started_at=now)
    )
    return claimed == 1


def _run(job: Job) -> Outcome:
    out = io.StringIO()
    try:
        call_command(job.command, stdout=out, stderr=out)
    # A failing job must not stop the others, whatever it raised; it is logged
    # with its traceback and recorded on its row, and runs again when next due.
    except Exception as error:  # noqa: BLE001
        logger.exception("Scheduled job %s failed", job.name)
        out.write(f"{type(error).__name__}: {error}")
        return Outcome(job.name, False, out.getvalue())
    return Outcome(job.name, True, out.getvalue())


def _release(job: Job, started: datetime, outcome: Outcome, owner: str) -> None:
    ScheduledJob.objects.filter(name=job.name, locked_by=owner).update(
        locked_by="",
        locked_until=None,
        next_run_at=started + job.every,
        last_finished_at=timezone.now(),
        last_succeeded=outcome.succeeded,
        last_output=outcome.output[-4000:],
    )


def tick(now: datetime | None = None, owner: str | None = None) -> list[Outcome]:
    """Run every job that is due and not held by another scheduler, one by one."""
    now = now or timezone.now()
    owner = owner or worker_id()
    outcomes = []
    for job in configured_jobs():
        if not _claim(job, now, owner):
            continue
        logger.info("Running scheduled job %s", job.name)
        outcome = _run(job)
        _release(job, now, outcome, owner)
        outcomes.append(outcome)
    return outcomes
