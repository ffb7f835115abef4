"""Admin registration of the editorial workflow (moderation views, panels, menus)."""

from __future__ import annotations

from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from apps.workflow import admin_urls, display_names
from apps.workflow.feedback.viewsets import FeedbackReportViewSet
from apps.workflow.moderation import views as moderation_views
from apps.workflow.moderation.dashboard import (
    ModerationDashboardView,
    add_home_panel,
    menu_item,
)
from apps.workflow.moderation.reuse_views import (
    propose_reuse_button,
    reuse_proposals_menu_item,
)
from apps.workflow.moderation.snippets import (
    localize_editor,
    submit_instead_of_publishing,
    update_translations_view,
)
from apps.workflow.moderation.views import (
    ModerationPageViewSet,
    submit_translation_button,
    translation_status_menu_item,
)
from apps.workflow.partners import restrictions
from apps.workflow.partners.invitations import PartnerInvitationViewSet
from apps.workflow.partners.membership_views import membership_requests_menu_item


# Registered after Wagtail's own base page viewset (order 0), so ours is the one the
# page views route to.
@hooks.register("register_admin_viewset", order=100)
def register_moderation_page_viewset():
    return ModerationPageViewSet()


# The editor tells a reviewer what they can do: the four-eyes note after their own
# edit, and in wagtail-localize's translation editor (which has no workflow actions)
# the actions. Before wagtail-localize's hook (order 0), which replaces the editor.
@hooks.register("before_edit_page", order=-20)
def announce_review_before_editing(request, page):
    moderation_views.announce_review_in_editor(request, page)


# Moderation dashboard (apps.workflow.moderation.dashboard): admin view, menu item,
# home panel.
@hooks.register("register_admin_urls")
def register_dashboard_url():
    return [
        path(
            "moderation-dashboard/",
            ModerationDashboardView.as_view(),
            name="workflow_dashboard",
        )
    ]


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return menu_item()


@hooks.register("construct_homepage_panels")
def add_moderation_summary_panel(request, panels):
    add_home_panel(request, panels)


# Partner accounts do not unlock "logged-in users" restrictions
# (apps.workflow.partners.restrictions).
@hooks.register("before_serve_page")
def refuse_partner_on_login_restriction(page, request, serve_args, serve_kwargs):
    return restrictions.refuse_partner_on_login_restriction(page, request)


@hooks.register("before_serve_document")
def refuse_partner_on_login_restricted_document(document, request):
    return restrictions.refuse_partner_on_login_restricted_document(document, request)


# Partner invitations (apps.workflow.partners.invitations): a snippet listing;
# adding one mails the invitation link.
register_snippet(PartnerInvitationViewSet)
register_snippet(FeedbackReportViewSet)


# Moderation admin views (apps.workflow.admin_urls) and their report menu entries.
@hooks.register("register_admin_urls")
def register_workflow_admin_urls():
    from django.urls import include, path

    return [path("workflow/", include(admin_urls, namespace="workflow_admin"))]


@hooks.register("register_reports_menu_item")
def register_translation_sign_off_report():
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _
    from wagtail.admin.menu import MenuItem

    return MenuItem(
        _("Translation sign-offs"),
        reverse("workflow_admin:translation_sign_offs"),
        name="translation-sign-offs",
        icon_name="globe",
        order=950,
    )


@hooks.register("register_admin_menu_item")
def register_translation_status_menu_item():
    return translation_status_menu_item()


@hooks.register("register_admin_menu_item")
def register_membership_requests_menu_item():
    return membership_requests_menu_item()


@hooks.register("register_admin_menu_item")
def register_reuse_proposals_menu_item():
    return reuse_proposals_menu_item()


@hooks.register("register_page_header_buttons")
def register_propose_reuse_button(page, user, view_name, next_url=None):
    return propose_reuse_button(page, user, view_name, next_url)


@hooks.register("register_page_header_buttons")
def register_submit_translation_button(page, user, view_name, next_url=None):
    yield from submit_translation_button(page, user, view_name, next_url)


@hooks.register("register_page_listing_more_buttons")
def register_submit_translation_listing_button(page, user, next_url=None):
    yield from submit_translation_button(page, user, "index", next_url)


# Snippet translations (apps.workflow.moderation.snippets): "Publish" on a Danish or
# English snippet, in Wagtail's editor or wagtail-localize's, submits it for review.
# Ordered before wagtail-localize's before_edit_snippet hook (order 0).
@hooks.register("before_publish")
def submit_snippet_translation_instead_of_publishing(request, obj):
    return submit_instead_of_publishing(request, obj)


@hooks.register("before_edit_snippet", order=-10)
def moderate_localize_snippet_editor(request, instance):
    return localize_editor(request, instance)


# Before wagtail-localize's own admin URLs, so its sync view's "Publish immediately"
# submits snippet translations for review (apps.workflow.moderation.snippets).
@hooks.register("register_admin_urls", order=-10)
def register_reviewed_update_translations_url():
    from django.urls import path

    return [
        path(
            "localize/update/<int:translation_source_id>/",
            update_translations_view(),
            name="workflow_update_translations",
        )
    ]


# After Wagtail's own log actions (order 0): the history names workflows and tasks in
# the reader's language (apps.workflow.display_names).
@hooks.register("register_log_actions", order=100)
def translate_workflow_log_titles(actions):
    display_names.translate_log_titles(actions)
