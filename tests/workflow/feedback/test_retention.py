"""Feedback reports are deleted as the privacy notice says (a year after the
answer, unanswered ones a year after they came in), by the scheduler's daily job;
the Digitalagentur finds a reporter's reports by e-mail address to export or erase
them."""

from __future__ import annotations

import datetime
import html
import json
from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from apps.demo.legal import PROCESSING
from apps.workflow.feedback import reports
from apps.workflow.groups import setup_roles
from apps.workflow.models import FeedbackReport, OutboxMessage, ScheduledJob
from apps.workflow.scheduler import tick
from tests.factories import PASSWORD, UserFactory
from tests.workflow.factories import FLENSBURG, FeedbackReportFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
BY_ADDRESS = "wagtailsnippets_workflow_feedbackreport:by_address"


def _received(days_ago: int, **fields) -> FeedbackReport:
    report = reports.record(FeedbackReportFactory(**fields))
    FeedbackReport.objects.filter(pk=report.pk).update(
        created_at=timezone.now() - days_ago * DAY
    )
    return report


def _answered(days_ago: int, **fields) -> FeedbackReport:
    report = _received(days_ago + 10, answer="Danke, behoben.", **fields)
    reports.send_answer(report, None)
    FeedbackReport.objects.filter(pk=report.pk).update(
        answered_at=timezone.now() - days_ago * DAY
    )
    return report


def _remaining() -> set[str]:
    return set(FeedbackReport.objects.values_list("message", flat=True))


def test_scheduler__deletes_reports_a_year_after_the_answer_or_the_arrival(
    settings,
):
    settings.FEEDBACK_RETENTION_DAYS = 365
    _answered(366, message="answered long ago")
    _answered(300, message="answered this year")
    _received(366, message="never answered, old")
    _received(30, message="never answered, recent")
    # Received long ago, answered recently: the answer counts.
    _answered(20, message="answered late")
    assert OutboxMessage.objects.filter(to_email="jens@example.dk").count() == 8

    outcomes = tick()

    assert {o.job: o.succeeded for o in outcomes}["delete_old_feedback"] is True
    assert (
        "Deleted 2 feedback report(s)"
        in ScheduledJob.objects.get(name="delete_old_feedback").last_output
    )
    assert _remaining() == {
        "answered this year",
        "never answered, recent",
        "answered late",
    }
    # The e-mails repeating the deleted reports went with them.
    kept = set(FeedbackReport.objects.values_list("pk", flat=True))
    for message in OutboxMessage.objects.all():
        assert int(message.dedup_key.split(":")[1]) in kept
    assert OutboxMessage.objects.filter(to_email="jens@example.dk").count() == 5


def test_command__retention_period_is_a_setting(settings):
    settings.FEEDBACK_RETENTION_DAYS = 30
    _answered(31, message="answered a month ago")
    _answered(29, message="answered last week")

    call_command("delete_old_feedback")

    assert _remaining() == {"answered last week"}


def test_privacy_notice__promises_what_the_job_does():
    periods = {
        language: next(
            item["storage_period"]
            for item in PROCESSING[language]
            if "feedback" in item["purpose"].lower()
        )
        for language in ("de", "da", "en")
    }
    assert "Ein Jahr nach der Beantwortung; unbeantwortete" in periods["de"]
    assert "Et år efter besvarelsen; ubesvarede" in periods["da"]
    assert "One year after the answer; reports without an answer" in periods["en"]


@pytest.fixture
def agency(client, portal):
    setup_roles()
    user = UserFactory(digitalagentur=True)
    client.login(username=user.username, password=PASSWORD)
    return user


def test_by_address__agency_finds_exports_and_erases_a_reporters_reports(
    client, agency
):
    _answered(10, email="Jens@Example.dk", message="Knappen fehlt.")
    _received(5, email="jens@example.dk", message="Kontrast zu schwach.")
    _received(5, email="other@example.dk", message="Someone else.")
    listing = client.get(reverse("wagtailsnippets_workflow_feedbackreport:list"))
    assert reverse(BY_ADDRESS) in listing.content.decode()

    found = client.get(reverse(BY_ADDRESS), {"email": "jens@example.dk"})

    page = html.unescape(found.content.decode())
    assert found.status_code == HTTPStatus.OK
    assert "Knappen fehlt." in page
    assert "Kontrast zu schwach." in page
    assert "Someone else." not in page

    download = client.get(
        reverse(BY_ADDRESS), {"email": "jens@example.dk", "download": "1"}
    )
    data = json.loads(download.content)
    assert "attachment" in download["Content-Disposition"]
    assert [r["message"] for r in data["reports"]] == [
        "Knappen fehlt.",
        "Kontrast zu schwach.",
    ]
    assert data["reports"][0]["answer"] == "Danke, behoben."
    assert len(data["emails_sent_to_the_address"]) == 3

    erased = client.post(reverse(BY_ADDRESS), {"email": "jens@example.dk"})

    assert erased.status_code == HTTPStatus.FOUND
    assert _remaining() == {"Someone else."}
    assert not OutboxMessage.objects.filter(to_email__iexact="jens@example.dk")
    assert not OutboxMessage.objects.filter(body_text__contains="Knappen fehlt.")


def test_by_address__moderator_who_answers_reports_may_not_use_it(client, portal):
    setup_roles()
    moderator = UserFactory(moderator=True, area_role=FLENSBURG)
    client.login(username=moderator.username, password=PASSWORD)
    _received(5, email="jens@example.dk")

    listing = client.get(reverse("wagtailsnippets_workflow_feedbackreport:list"))
    found = client.get(reverse(BY_ADDRESS), {"email": "jens@example.dk"})
    erased = client.post(reverse(BY_ADDRESS), {"email": "jens@example.dk"})

    assert listing.status_code == HTTPStatus.OK
    assert reverse(BY_ADDRESS) not in listing.content.decode()
    assert found.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
    assert erased.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
    assert FeedbackReport.objects.count() == 1
