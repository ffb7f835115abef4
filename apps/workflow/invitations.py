"""Admin listing of partner invitations; creating one mails the invitation link.

Registered as a snippet viewset in ``wagtail_hooks``; the Digitalagentur group has
the permissions to add and view invitations (``apps.knowledge.roles``).
"""

from __future__ import annotations

import logging
from smtplib import SMTPException

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from apps.workflow import accounts
from apps.workflow.models import PartnerInvitation

logger = logging.getLogger(__name__)


class InvitationCreateView(CreateView):
    """Creates the invitation and sends its e-mail in the invitation's language."""

    def save_instance(self):
        self.form.instance.invited_by = self.request.user
        return super().save_instance()

    def save_action(self):
        try:
            accounts.send_invitation(self.object)
        except (SMTPException, OSError):
            logger.exception("Invitation mail to %s failed", self.object.email)
            messages.warning(
                self.request,
                _(
                    "The invitation was saved, but the e-mail to %(email)s could "
                    "not be sent. Delete it and invite again later."
                )
                % {"email": self.object.email},
            )
        return super().save_action()

    def get_success_message(self, instance=None):
        return _("Invitation sent to %(email)s.") % {"email": self.object.email}


class PartnerInvitationViewSet(SnippetViewSet):
    """Invitations to open a partner account, with whether they were accepted."""

    model = PartnerInvitation
    icon = "mail"
    menu_label = gettext_lazy("Partner invitations")
    list_display = ["email", "organisation", "language", "created_at", "accepted_at"]
    list_filter = ["language"]
    add_view_class = InvitationCreateView
    panels = [FieldPanel("email"), FieldPanel("organisation"), FieldPanel("language")]
