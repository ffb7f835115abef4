"""The admin's list of feedback reports; saving an answer mails it to the reporter.

Registered as a snippet viewset in ``wagtail_hooks``; the Digitalagentur and the
moderators may view and answer reports (``apps.workflow.groups``).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import EditView

from apps.knowledge.admin.viewsets import LocalisedSnippetViewSet
from apps.workflow.feedback import reports
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
