"""Admin addresses of the editorial workflow, under /admin/workflow/."""

from __future__ import annotations

from django.urls import path

from apps.workflow.moderation import dashboard, reuse_views, views
from apps.workflow.partners import membership_views

app_name = "workflow_admin"

urlpatterns = [
    path(
        "translation-sign-offs/",
        views.TranslationSignOffReportView.as_view(),
        name="translation_sign_offs",
    ),
    path(
        "translation-sign-offs/results/",
        views.TranslationSignOffReportView.as_view(results_only=True),
        name="translation_sign_offs_results",
    ),
    path(
        "submit-translation/<int:page_id>/",
        views.SubmitTranslationView.as_view(),
        name="submit_translation",
    ),
    path(
        "outbox/send-now/",
        dashboard.SendOutboxNowView.as_view(),
        name="send_outbox_now",
    ),
    path(
        "review/<int:task_state_id>/<str:action>/",
        views.ReviewActionView.as_view(),
        name="review_action",
    ),
    path(
        "membership-requests/",
        membership_views.MembershipRequestsView.as_view(),
        name="membership_requests",
    ),
    path(
        "translation-status/",
        views.TranslationStatusView.as_view(),
        name="translation_status",
    ),
    path(
        "reuse/",
        reuse_views.ReuseProposalsView.as_view(),
        name="reuse_proposals",
    ),
    path(
        "reuse/propose/",
        reuse_views.ProposeReuseView.as_view(),
        name="propose_reuse",
    ),
]
