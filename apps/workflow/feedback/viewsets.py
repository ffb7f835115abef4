"""The admin's list of feedback reports; saving an answer mails it to the reporter.

Registered as a snippet viewset in ``wagtail_hooks``; the Digitalagentur and the
moderators may view and answer reports (``apps.workflow.groups``).
"""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets.button import Button
from wagtail.snippets.views.snippets import EditView, IndexView

from apps.knowledge.admin.viewsets import LocalisedSnippetViewSet
from apps.workflow.feedback import address_views, reports
from apps.workflow.models import FeedbackReport


class AnswerView(EditView):
    """The edit view is the answer form: a new answer text is mailed on saving."""

    def save_instance(self):
        self.answer_changed = "answer" in self.form.changed_data and bool(
            self.form.cleaned_data.get("answer", "").strip()
        )
        instance = super().save_instance()
        self.answer_sent = None
        if self.answer_changed:
            self.answer_sent = reports.send_answer(instance, self.request.user)
        return instance

    def get_success_message(self, instance=None):
        if getattr(self, "answer_changed", False):
            if self.answer_sent is None:
                return _(
                    "Answer saved. The report has no e-mail address to send it to."
                )
            return _("Answer sent to %(email)s.") % {"email": self.object.email}
        return super().get_success_message(instance)


class ReportsIndexView(IndexView):
    """The listing, with "Reports of an e-mail address" in its header menu for
    whoever may export and erase personal data."""

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if address_views.may_use(self.request.user):
            buttons.append(
                Button(
                    address_views.LABEL,
                    url=reverse(f"{self.index_url_name.rsplit(':', 1)[0]}:by_address"),
                    icon_name="mail",
                    priority=50,
                )
            )
        return buttons


class FeedbackReportViewSet(LocalisedSnippetViewSet):
    """Reports of barriers and content errors from the portal's feedback form."""

    model = FeedbackReport
    icon = "comment"
    menu_label = gettext_lazy("Feedback")
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["__str__", "kind", "page_url", "language", "status", "created_at"]
    list_filter = ["kind", "status", "language"]
    edit_view_class = AnswerView
    index_view_class = ReportsIndexView
    panels = [
        FieldPanel("kind", read_only=True),
        FieldPanel("message", read_only=True),
        FieldPanel("page_url", read_only=True),
        FieldPanel("name", read_only=True),
        FieldPanel("email", read_only=True),
        FieldPanel("language", read_only=True),
        FieldPanel("status", read_only=True),
        FieldPanel("answer"),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "by-address/",
                address_views.ReportsOfAddressView.as_view(
                    url_namespace=self.url_namespace
                ),
                name="by_address",
            ),
        ]
