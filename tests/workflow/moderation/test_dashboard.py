"""The moderation dashboard: who sees which authority's items, overdue marks, the
freshness list and the review reminders."""

from __future__ import annotations

import datetime
from http import HTTPStatus

from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import TaskState, WorkflowPage

from apps.knowledge.choices import Country
from apps.knowledge.models import SolutionPartner
from apps.knowledge.roles import DANISH_PARTNERS, DIGITALAGENTUR_GROUP
from apps.workflow import reuse_proposals
from apps.workflow.models import OutboxMessage, ReviewReminder, Submission
from apps.workflow.moderation.dashboard import ModerationSummaryPanel
from tests.factories import PASSWORD, UserFactory
from tests.knowledge import factories
from tests.knowledge.factories import SolutionPageFactory, TranslationFactory
from tests.workflow.admin_actions import act, client_for, submit
from tests.workflow.factories import (
    FLENSBURG,
    NORDFRIESLAND,
    AuthoritiesFactory,
    ModeratedPortalFactory,
)

DASHBOARD = "/admin/moderation-dashboard/"


def dashboard_for(client, username: str):
    client.login(username=username, password=PASSWORD)
    return client.get(DASHBOARD)


def rows(response) -> dict[str, bool]:
    """Title → overdue, for every pending row the dashboard shows."""
    return {
        item.title: item.overdue
        for queue in response.context["queues"]
        for item in queue.items
    }


class DashboardTests(TestCase):
    """The moderated portal with its workflow on Nordfriesland's area too, and a
    Flensburg editor, two moderators and the Digitalagentur."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.setup = ModeratedPortalFactory()
        WorkflowPage.objects.create(
            page=cls.setup.other_area, workflow=cls.setup.workflow
        )
        cls.people = {
            "editor": UserFactory(
                username="fl-editor",
                group_names=[FLENSBURG.editors],
                admin_language="da",
            ),
            "fl": UserFactory(
                username="fl-mod",
                group_names=[FLENSBURG.moderators],
                admin_language="en",
            ),
            "nf": UserFactory(
                username="nf-mod",
                group_names=[NORDFRIESLAND.moderators],
                admin_language="en",
            ),
            "agency": UserFactory(
                username="agency",
                group_names=[DIGITALAGENTUR_GROUP],
                admin_language="en",
            ),
        }

    def pending(self) -> tuple:
        """One Flensburg item waiting ten days and one fresh Nordfriesland item."""
        old = SolutionPageFactory(
            portal=self.setup.portal,
            draft=True,
            owner=self.people["editor"],
            author=self.people["editor"],
            title="Alte Dorfkiste",
        )
        self.setup.workflow.start(old, self.people["editor"])
        TaskState.objects.filter(workflow_state__object_id=str(old.pk)).update(
            started_at=timezone.now() - datetime.timedelta(days=10)
        )
        fresh = factories.SolutionPageFactory(
            parent=self.setup.other_area, title="Neuer Deichbus", live=False
        )
        fresh.save_revision(user=self.people["editor"])
        self.setup.workflow.start(fresh, self.people["editor"])
        return old, fresh

    def overdue_solutions(self) -> tuple:
        yesterday = timezone.localdate() - datetime.timedelta(days=1)
        old = factories.SolutionPageFactory(
            parent=self.setup.portal.area,
            title="Veraltete Ladesäulen",
            owner=self.people["editor"],
            review_date=yesterday - datetime.timedelta(days=30),
        )
        other = factories.SolutionPageFactory(
            parent=self.setup.other_area, title="Alter Deich", review_date=yesterday
        )
        factories.SolutionPageFactory(
            parent=self.setup.portal.area,
            title="Frische Lösung",
            review_date=timezone.localdate() + datetime.timedelta(days=30),
        )
        return old, other

    def test_moderator__sees_own_authority_only_with_overdue_mark(self) -> None:
        self.pending()
        response = dashboard_for(self.client, "fl-mod")
        assert response.status_code == HTTPStatus.OK
        assert rows(response) == {"Alte Dorfkiste": True}
        html = response.content.decode()
        assert "Neuer Deichbus" not in html
        assert "moderation-queue__overdue" in html
        assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html
        assert response.context["overdue_days"] == 7

    def test_other_authority_moderator__sees_only_theirs(self) -> None:
        self.pending()
        response = dashboard_for(self.client, "nf-mod")
        assert rows(response) == {"Neuer Deichbus": False}
        assert "Alte Dorfkiste" not in response.content.decode()

    def test_digitalagentur__sees_every_authority(self) -> None:
        self.pending()
        response = dashboard_for(self.client, "agency")
        assert rows(response) == {"Alte Dorfkiste": True, "Neuer Deichbus": False}
        names = [queue.name for queue in response.context["queues"]]
        assert FLENSBURG.name in names and NORDFRIESLAND.name in names

    @override_settings(WORKFLOW_OVERDUE_DAYS=14)
    def test_overdue_days__configurable(self) -> None:
        self.pending()
        response = dashboard_for(self.client, "agency")
        assert rows(response)["Alte Dorfkiste"] is False
        assert "moderation-queue__overdue" not in response.content.decode()
        assert response.context["overdue_days"] == 14

    def test_editor__no_dashboard_no_menu_item(self) -> None:
        self.pending()
        response = dashboard_for(self.client, "fl-editor")
        assert response.status_code in (HTTPStatus.FORBIDDEN, HTTPStatus.FOUND)
        assert "Alte Dorfkiste" not in response.content.decode()
        home = self.client.get(reverse("wagtailadmin_home")).content.decode()
        assert DASHBOARD not in home

    def test_moderator__menu_item_and_home_panel(self) -> None:
        self.pending()
        self.client.login(username="fl-mod", password=PASSWORD)
        home = self.client.get(reverse("wagtailadmin_home")).content.decode()
        assert DASHBOARD in home
        assert "moderation-summary" in home

    def test_danish_tree__item_counts_for_its_authority(self) -> None:
        danish_area = TranslationFactory(
            page=self.setup.portal.area, language_code="da"
        )
        page = factories.SolutionPageFactory(
            parent=danish_area, title="Landsbykasse", live=False
        )
        page.save_revision(user=self.people["editor"])
        self.setup.workflow.start(page, self.people["editor"])
        assert "Landsbykasse" in rows(dashboard_for(self.client, "fl-mod"))
        self.client.logout()
        assert "Landsbykasse" not in rows(dashboard_for(self.client, "nf-mod"))

    def test_freshness__moderator_sees_own_overdue_solutions(self) -> None:
        self.overdue_solutions()
        response = dashboard_for(self.client, "fl-mod")
        titles = [row["page"].title for row in response.context["freshness"]]
        assert titles == ["Veraltete Ladesäulen"]
        assert response.context["freshness"][0]["days_overdue"] == 31

    def test_freshness__digitalagentur_sees_all_and_never_the_fresh_one(self) -> None:
        self.overdue_solutions()
        response = dashboard_for(self.client, "agency")
        titles = [row["page"].title for row in response.context["freshness"]]
        assert titles == ["Veraltete Ladesäulen", "Alter Deich"]
        assert "Frische Lösung" not in response.content.decode()

    def test_review_reminder__owner_mailed_once_in_their_language(self) -> None:
        overdue_solutions = self.overdue_solutions()
        old, _other = overdue_solutions
        with self.captureOnCommitCallbacks(execute=True):
            call_command("send_review_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
        with self.captureOnCommitCallbacks(execute=True):
            call_command("send_review_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
        [message] = mail.outbox  # the other solution has no owner
        assert message.to == ["fl-editor@example.org"]
        assert message.extra_headers["Content-Language"] == "da"
        with translation.override("da"):
            assert message.subject == gettext('Please review: "%(title)s"') % {
                "title": "Veraltete Ladesäulen"
            }
        assert ReviewReminder.objects.filter(page=old).count() == 1
        response = dashboard_for(self.client, "fl-mod")
        assert response.context["freshness"][0]["reminded_at"] is not None

    def test_review_reminder__new_review_date_starts_a_new_period(self) -> None:
        overdue_solutions = self.overdue_solutions()
        from apps.workflow.notifications.reminders import send_review_reminders

        old, _other = overdue_solutions
        with self.captureOnCommitCallbacks(execute=True):
            assert send_review_reminders.enqueue().return_value == 1
        old.review_date = timezone.localdate() - datetime.timedelta(days=2)
        old.save_revision().publish()
        with self.captureOnCommitCallbacks(execute=True):
            assert send_review_reminders.enqueue().return_value == 1
        assert OutboxMessage.objects.filter(kind="review_reminder").count() == 2

    def test_outbox_summary__digitalagentur_sees_undelivered_mails(self) -> None:
        """Issue 14 item 8: the warning told the Digitalagentur to run a management
        command; the scheduler retries by itself, and "Send now" tries at once."""
        self.pending()
        message = OutboxMessage.objects.create(
            recipient=self.people["editor"],
            to_email=self.people["editor"].email,
            language="da",
            kind=OutboxMessage.Kind.APPROVED,
            subject="Godkendt",
            body_text="x",
            status=OutboxMessage.Status.FAILED,
            attempts=1,
        )
        response = dashboard_for(self.client, "agency")
        assert response.context["outbox"]["failed"] == 1
        html = response.content.decode()
        assert "retry_outbox" not in html and "manage.py" not in html
        with translation.override("en"):
            assert "the scheduler tries to send them again every 10 minutes" in html
        send_now = reverse("workflow_admin:send_outbox_now")
        assert f'<form method="post" action="{send_now}">' in html

        # The submission mails of the pending items wait too (not sent in tests).
        waiting = OutboxMessage.objects.exclude(
            status=OutboxMessage.Status.SENT
        ).count()
        mail.outbox.clear()
        response = self.client.post(send_now, follow=True)
        assert response.status_code == HTTPStatus.OK
        assert "Godkendt" in [m.subject for m in mail.outbox]
        assert len(mail.outbox) == waiting
        message.refresh_from_db()
        assert message.status == OutboxMessage.Status.SENT
        html = response.content.decode()
        assert f"{waiting} e-mails sent." in html
        assert "Every e-mail notification has been delivered." in html

        self.client.logout()
        response = dashboard_for(self.client, "fl-mod")
        assert response.context["outbox"] is None
        assert send_now not in response.content.decode()
        # A moderator cannot send them (Wagtail turns the refusal into a redirect).
        message.status = OutboxMessage.Status.FAILED
        message.save()
        mail.outbox.clear()
        response = self.client.post(send_now)
        assert response.status_code == HTTPStatus.FOUND
        assert response.url != DASHBOARD
        assert mail.outbox == []

    def test_pending_item__shows_the_submitted_title(self) -> None:
        page = SolutionPageFactory(
            portal=self.setup.portal,
            draft=True,
            owner=self.people["editor"],
            author=self.people["editor"],
            title="Alter Titel",
        )
        page.title = "Neuer Titel im Entwurf"
        page.save_revision(user=self.people["editor"])
        self.setup.workflow.start(page, self.people["editor"])
        assert "Neuer Titel im Entwurf" in rows(dashboard_for(self.client, "fl-mod"))


class CrossBorderTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        """A Flensburg page naming a Danish partner, past its authority review (so it
        waits for the Danish partner moderators), and a Danish partners' page at the
        Digitalagentur's feasibility check."""

        authorities = AuthoritiesFactory()
        fl_editor = UserFactory(editor=True, area_role=FLENSBURG)
        fl_moderator = UserFactory(moderator=True, area_role=FLENSBURG)
        dk_editor = UserFactory(editor=True, area_role=DANISH_PARTNERS)
        dk_moderator = UserFactory(moderator=True, area_role=DANISH_PARTNERS)
        german = SolutionPageFactory(
            draft=True,
            parent=authorities.area(FLENSBURG),
            author=fl_editor,
            portal=authorities.portal,
            title="Grenzpendler-Rufbus",
        )
        SolutionPartner.objects.create(
            page=german,
            organisation=factories.OrganisationFactory(
                name="Aabenraa Kommune", country=Country.DENMARK
            ),
        )
        german.save_revision(user=fl_editor)
        submit(client_for(fl_editor), german)
        act(client_for(fl_moderator), german, "approve")
        danish = SolutionPageFactory(
            draft=True,
            parent=authorities.area(DANISH_PARTNERS),
            author=dk_editor,
            portal=authorities.portal,
            title="Landsbybus Tinglev",
        )
        Submission.objects.create(
            page=danish, submitted_by=dk_editor, organisation=danish.lead_organisation
        )
        submit(client_for(dk_editor), danish)
        cls.cross_border = {"dk": dk_moderator, "fl": fl_moderator}

    def test_dk_moderator__cross_border_items_first_with_actions_then_the_rest(
        self,
    ) -> None:
        self.client.force_login(self.cross_border["dk"])
        html = self.client.get(DASHBOARD).content.decode()
        soup = BeautifulSoup(html, "html.parser")
        tables = soup.select("table.moderation-queue")

        mine = tables[0]
        assert mine.has_attr("data-waiting-for-you")
        assert "Grenzpendler-Rufbus" in mine.get_text()
        assert {
            a["data-review-action"] for a in mine.select("[data-review-action]")
        } == {
            "approve",
            "reject",
        }
        rest = " ".join(table.get_text(" ") for table in tables[1:])
        assert (
            "Landsbybus Tinglev" in rest and "Landsbybus Tinglev" not in mine.get_text()
        )
        row = next(r for r in soup.select("tr") if "Landsbybus Tinglev" in r.get_text())
        assert not row.select("[data-review-action]")
        assert "Digitalagentur" in row.get_text()  # whom it waits for
        assert html.index("Grenzpendler-Rufbus") < html.index("Landsbybus Tinglev")

    def test_area_moderator__own_item_waiting_for_danish_partners_is_in_the_rest(
        self,
    ) -> None:
        self.client.force_login(self.cross_border["fl"])
        soup = BeautifulSoup(self.client.get(DASHBOARD).content, "html.parser")
        mine = soup.select_one("[data-waiting-for-you]")
        assert "Grenzpendler-Rufbus" not in mine.get_text()
        row = next(
            r for r in soup.select("tr") if "Grenzpendler-Rufbus" in r.get_text()
        )
        assert "Danish partners – Moderators" in row.get_text()
        assert not row.select("[data-review-action]")


class ReuseProposalsOnTheHomePanelTests(TestCase):
    """Open reuse proposals are listed on the admin home for the other side's
    moderators, with a link to the confirm/decline view."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.setup = ModeratedPortalFactory()
        cls.fl_editor = UserFactory(
            username="fl-editor", group_names=[FLENSBURG.editors]
        )
        cls.fl_mod = UserFactory(username="fl-mod", group_names=[FLENSBURG.moderators])
        cls.nf_mod = UserFactory(
            username="nf-mod",
            group_names=[NORDFRIESLAND.moderators],
            admin_language="en",
        )

    def propose(self, number: int):
        """A Flensburg solution building on a Nordfriesland one: Nordfriesland's
        moderators decide."""
        reused = factories.SolutionPageFactory(
            parent=self.setup.other_area, title=f"Deichbus {number}"
        )
        derived = factories.SolutionPageFactory(
            parent=self.setup.portal.area, title=f"Stadtbus {number}"
        )
        return reuse_proposals.propose(self.fl_editor, solution=reused, derived=derived)

    def home(self, username: str) -> BeautifulSoup:
        self.client.login(username=username, password=PASSWORD)
        response = self.client.get(reverse("wagtailadmin_home"))
        return BeautifulSoup(response.content, "html.parser")

    def test_other_sides_moderator__sees_the_proposal_with_a_link_to_decide(
        self,
    ) -> None:
        reuse = self.propose(1)

        listed = self.home("nf-mod").select("[data-reuse-proposals] a")

        assert [link.get_text(" ", strip=True) for link in listed] == [
            "“Stadtbus 1” builds on “Deichbus 1”"
        ]
        url = reverse("workflow_admin:reuse_proposals")
        assert listed[0]["href"] == f"{url}#reuse-{reuse.pk}"
        decide_view = self.client.get(url)
        assert f'id="reuse-{reuse.pk}"' in decide_view.content.decode()

    def test_proposing_sides_moderator__does_not_see_it(self) -> None:
        self.propose(1)

        home = self.home("fl-mod")

        assert "moderation-summary" in str(home)
        assert home.select("[data-reuse-proposals]") == []

    def test_decided_proposal__leaves_the_panel(self) -> None:
        reuse = self.propose(1)
        reuse_proposals.decide(reuse.pk, self.nf_mod, confirm=True)

        assert self.home("nf-mod").select("[data-reuse-proposals]") == []

    def test_panel__same_queries_for_one_and_for_three_proposals(self) -> None:
        self.propose(1)
        ModerationSummaryPanel(self.nf_mod).render_html()  # warm the caches
        with CaptureQueriesContext(connection) as one:
            ModerationSummaryPanel(self.nf_mod).render_html()
        self.propose(2)
        self.propose(3)

        with CaptureQueriesContext(connection) as three:
            html = ModerationSummaryPanel(self.nf_mod).render_html()

        url = reverse("workflow_admin:reuse_proposals")
        assert html.count(f'href="{url}#reuse-') == 3
        assert len(three) == len(one)
        # The listing agrees with the rule that decides who may confirm.
        listed = reuse_proposals.proposals_for(self.nf_mod)
        assert len(listed) == 3
        assert all(reuse_proposals.can_decide(self.nf_mod, r) for r in listed)
        assert reuse_proposals.proposals_for(self.fl_mod) == []
