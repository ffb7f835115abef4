"""The portal's feedback page: the form, and the thanks after sending it."""

from __future__ import annotations

from http import HTTPStatus

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from apps.workflow.feedback import reports
from apps.workflow.feedback.forms import FeedbackForm, portal_path
from apps.workflow.partners.spam import RateLimit


def feedback(request: HttpRequest) -> HttpResponse:
    """The feedback form; ``?page=`` names the page the visitor came from.

    Every attempt counts towards the rate limit, as on the partner forms. What the
    visitor typed is shown again after an error.
    """
    status = HTTPStatus.OK
    if request.method == "POST":
        form = FeedbackForm(request.POST)
        limit = RateLimit.for_action("feedback")
        if not limit.hit(request):
            form.is_valid()
            form.add_error(None, limit.message)
            status = HTTPStatus.TOO_MANY_REQUESTS
        elif form.is_valid():
            report = form.save(commit=False)
            report.language = get_language()
            reports.record(report)
            return render(request, "workflow/feedback/sent.html", {"report": report})
        else:
            status = HTTPStatus.BAD_REQUEST
    else:
        form = FeedbackForm(
            initial={"page_url": portal_path(request.GET.get("page", ""))}
        )
    return render(request, "workflow/feedback/form.html", {"form": form}, status=status)
