"""Admin listing of partner invitations; creating one mails the invitation link.

Registered as a snippet viewset in ``wagtail_hooks``; the Digitalagentur group has
the permissions to add and view invitations (``apps.knowledge.roles``).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import CreateView

from apps.knowledge.admin.viewsets import LocalisedSnippetViewSet
from apps.workflow.models import OutboxMessage, PartnerInvitation
from apps.workflow.partners import accounts


class InvitationCreateView(CreateView):
    """Creates the invitation and sends its e-mail in the invitation's language."""

    def save_instance(self):
        self.form.instance.invited_by = self.request.user
        return super().save_instance()

    def save_action(self):
        # The mail goes through the outbox: stored with the invitation, sent in the
        # background, and kept for ``retry_outbox`` if the mail server is down.
        self.message = accounts.send_invitation(self.object)
        return super().save_action()

    def get_success_message(self, instance=None):
        message = getattr(self, "message", None)
        if message is not None:
            message.refresh_from_db(fields=["status"])
        if message is not None and message.status == OutboxMessage.Status.FAILED:
            return _(
                "Invitation to %(email)s saved. The e-mail will be sent as soon as "
                "the mail server can be reached."
            ) % {"email": self.object.email}
        return _("Invitation sent to %(email)s.") % {"email": self.object.email}


class PartnerInvitationViewSet(LocalisedSnippetViewSet):
    """Invitations to open a partner account, with whether they were accepted."""

    model = PartnerInvitation
    icon = "mail"
    menu_label = gettext_lazy("Partner invitations")
    list_display = ["email", "organisation", "language", "created_at", "accepted_at"]
    list_filter = ["language"]
    add_view_class = InvitationCreateView
    panels = [FieldPanel("email"), FieldPanel("organisation"), FieldPanel("language")]
