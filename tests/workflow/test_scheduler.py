"""The scheduler (``manage.py run_scheduler``): each tick runs the periodic jobs that
are due, skips the others and those another scheduler holds, and one failing job
does not keep the rest from running."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from apps.workflow.models import OutboxMessage, ReviewReminder, ScheduledJob
from apps.workflow.scheduler import tick
from tests.factories import UserFactory
from tests.knowledge import factories
from tests.workflow.factories import FLENSBURG, ModeratedPortalFactory

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def waiting_work():
    """A mail left over from an outage and a solution whose review date passed."""
    setup = ModeratedPortalFactory()
    owner = UserFactory(username="fl-editor", group_names=[FLENSBURG.editors])
    overdue = factories.SolutionPageFactory(
        parent=setup.portal.area,
        title="Veraltete Ladesäulen",
        owner=owner,
        review_date=timezone.localdate() - datetime.timedelta(days=3),
    )
    waiting = OutboxMessage.objects.create(
        recipient=owner,
        to_email=owner.email,
        language="de",
        kind=OutboxMessage.Kind.APPROVED,
        subject="Freigegeben",
        body_text="Ihre Lösung ist online.",
        status=OutboxMessage.Status.FAILED,
        attempts=1,
    )
    return waiting, overdue


def _run_scheduler_once() -> str:
    out = io.StringIO()
    call_command("run_scheduler", "--once", stdout=out)
    return out.getvalue()


def _job(name: str) -> ScheduledJob:
    return ScheduledJob.objects.get(name=name)


def test_tick__runs_due_jobs_and_leaves_those_not_yet_due(
    waiting_work, django_capture_on_commit_callbacks
):
    waiting, overdue = waiting_work
    now = timezone.now()
    # The reminders ran a few hours ago; their next run is tomorrow.
    ScheduledJob.objects.create(
        name="send_review_reminders", next_run_at=now + 20 * HOUR
    )

    with django_capture_on_commit_callbacks(execute=True):
        output = _run_scheduler_once()

    assert "retry_outbox: done. Sent 1 e-mail(s); 0 still failing." in output
    assert "send_review_reminders" not in output
    assert [m.subject for m in mail.outbox] == ["Freigegeben"]
    waiting.refresh_from_db()
    assert waiting.status == OutboxMessage.Status.SENT
    assert not ReviewReminder.objects.exists()
    retry = _job("retry_outbox")
    assert retry.last_succeeded is True
    assert retry.locked_by == ""
    assert (
        datetime.timedelta(seconds=590)
        < retry.next_run_at - retry.last_started_at
        <= datetime.timedelta(seconds=600)
    )

    # A second tick at once runs nothing: every job is done for now.
    with django_capture_on_commit_callbacks(execute=True):
        assert _run_scheduler_once() == ""

    # A day later the reminder is due and the owner is reminded, once.
    with django_capture_on_commit_callbacks(execute=True):
        outcomes = tick(now=now + 24 * HOUR)
    assert {o.job for o in outcomes} == {
        "retry_outbox",
        "replay_search_index",
        "send_review_reminders",
    }
    assert ReviewReminder.objects.get().page_id == overdue.pk
    assert mail.outbox[-1].to == ["fl-editor@example.org"]


def test_failing_job__is_recorded_and_the_other_jobs_still_run(
    waiting_work, settings, django_capture_on_commit_callbacks
):
    waiting, _overdue = waiting_work
    settings.SCHEDULER_JOBS = {
        # First in line, and broken (e.g. a command removed in an upgrade).
        "broken_export": {"command": "export_that_no_longer_exists", "every": 60},
        **settings.SCHEDULER_JOBS,
    }

    with django_capture_on_commit_callbacks(execute=True):
        output = _run_scheduler_once()

    assert "broken_export: FAILED." in output
    assert "retry_outbox: done." in output
    assert "send_review_reminders: done. Reminded 1 owner(s)." in output
    waiting.refresh_from_db()
    assert waiting.status == OutboxMessage.Status.SENT
    broken = _job("broken_export")
    assert broken.last_succeeded is False
    assert "Unknown command" in broken.last_output
    # It is released and tried again when due, like any other job.
    assert broken.locked_by == ""
    assert broken.next_run_at == broken.last_started_at + datetime.timedelta(seconds=60)


def test_job_held_by_another_scheduler__is_not_run_twice(
    waiting_work, django_capture_on_commit_callbacks
):
    waiting, _overdue = waiting_work
    now = timezone.now()
    ScheduledJob.objects.create(
        name="retry_outbox", locked_by="web-2:4711", locked_until=now + HOUR
    )

    with django_capture_on_commit_callbacks(execute=True):
        outcomes = tick(now=now, owner="web-1:815")

    assert "retry_outbox" not in {o.job for o in outcomes}
    waiting.refresh_from_db()
    assert waiting.status == OutboxMessage.Status.FAILED
    assert _job("retry_outbox").locked_by == "web-2:4711"

    # The other scheduler died: once its claim has run out, this one takes over.
    with django_capture_on_commit_callbacks(execute=True):
        outcomes = tick(now=now + 2 * HOUR, owner="web-1:815")

    assert "retry_outbox" in {o.job for o in outcomes}
    waiting.refresh_from_db()
    assert waiting.status == OutboxMessage.Status.SENT
