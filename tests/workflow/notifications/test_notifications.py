"""Workflow e-mails: stored in the outbox, sent in the recipient's language, and
kept through a mail outage until ``retry_outbox`` delivers them."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Page

from apps.knowledge.roles import DIGITALAGENTUR_GROUP
from apps.workflow.models import OutboxMessage, PartnerProfile, Submission
from tests.factories import PASSWORD, UserFactory
from tests.fault_services import closed_local_port
from tests.knowledge import factories
from tests.knowledge.factories import SolutionPageFactory
from tests.workflow.admin_actions import (
    act,
    act_as_reviewer,
    act_in_admin,
    approve_all,
    cancel_in_admin,
    client_for,
    submit,
    submit_in_admin,
)
from tests.workflow.factories import (
    FLENSBURG,
    NORDFRIESLAND,
    AuthoritiesFactory,
    PartnerPortalFactory,
)
from tests.workflow.partners.submission_form import (
    edit_submission_url,
    submission_data,
    submissions_url,
    submit_url,
)

pytestmark = pytest.mark.django_db


def subject_in(language: str, msgid: str, title: str) -> str:
    with translation.override(language):
        return gettext(msgid) % {"title": title}


@pytest.fixture
def people(moderated_portal):
    return {
        "editor": UserFactory(
            username="editor", group_names=[FLENSBURG.editors], admin_language="en"
        ),
        "moderator_da": UserFactory(
            username="mod-da", group_names=[FLENSBURG.moderators], admin_language="da"
        ),
        "moderator_de": UserFactory(
            username="mod-de", group_names=[FLENSBURG.moderators]
        ),
        "other_moderator": UserFactory(
            username="mod-nf", group_names=[NORDFRIESLAND.moderators]
        ),
        "agency": UserFactory(username="agency", group_names=[DIGITALAGENTUR_GROUP]),
    }


@pytest.fixture
def submitted(moderated_portal, people, client, django_capture_on_commit_callbacks):
    """A solution the editor created and submitted through the admin."""
    solution = SolutionPageFactory(
        portal=moderated_portal.portal,
        draft=True,
        owner=people["editor"],
        author=people["editor"],
        title="Digitale Dorfkiste",
    )
    client.login(username="editor", password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        response = submit_in_admin(client, solution)
    assert response.status_code == HTTPStatus.FOUND
    client.logout()
    return solution


def test_submit__mails_the_authoritys_moderators_in_their_language(submitted, people):
    messages = OutboxMessage.objects.filter(kind=OutboxMessage.Kind.SUBMITTED)
    assert {m.to_email for m in messages} == {
        "mod-da@example.org",
        "mod-de@example.org",
    }
    by_address = {m.to[0]: m for m in mail.outbox}
    danish = by_address["mod-da@example.org"]
    german = by_address["mod-de@example.org"]
    assert danish.extra_headers["Content-Language"] == "da"
    assert german.extra_headers["Content-Language"] == "de"
    assert danish.subject == subject_in(
        "da", 'For your review: "%(title)s"', "Digitale Dorfkiste"
    )
    assert '<html lang="da">' in danish.alternatives[0].content
    assert "/admin/pages/" in danish.body
    assert all(m.status == OutboxMessage.Status.SENT for m in messages)


def test_submit__no_mail_to_other_authority_agency_or_the_submitter(submitted):
    addresses = {address for message in mail.outbox for address in message.to}
    assert "mod-nf@example.org" not in addresses
    assert "agency@example.org" not in addresses
    assert "editor@example.org" not in addresses


def test_submit__every_sent_mail_went_through_the_outbox(submitted):
    """Wagtail's own direct mails are replaced, so nothing arrives twice."""
    assert len(mail.outbox) == OutboxMessage.objects.count() == 2


def test_approve__author_gets_mail_in_english_and_page_is_live(
    submitted, client, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    client.login(username="mod-de", password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        response = act_in_admin(client, submitted, "approve", "Sieht gut aus")
    assert response.status_code == HTTPStatus.FOUND
    assert Page.objects.get(pk=submitted.pk).live
    [message] = mail.outbox
    assert message.to == ["editor@example.org"]
    assert message.extra_headers["Content-Language"] == "en"
    assert message.subject == subject_in(
        "en", 'Approved: "%(title)s"', "Digitale Dorfkiste"
    )
    assert "Sieht gut aus" in message.body
    assert '<html lang="en">' in message.alternatives[0].content


def test_request_changes__author_gets_the_moderators_comment(
    submitted, client, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    client.login(username="mod-da", password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        response = act_in_admin(
            client, submitted, "reject", "Bitte den Kontakt ergänzen."
        )
    assert response.status_code == HTTPStatus.FOUND
    assert not Page.objects.get(pk=submitted.pk).live
    [message] = mail.outbox
    assert message.to == ["editor@example.org"]
    assert message.subject == subject_in(
        "en", 'Changes requested: "%(title)s"', "Digitale Dorfkiste"
    )
    assert "Bitte den Kontakt ergänzen." in message.body
    assert "Bitte den Kontakt ergänzen." in message.alternatives[0].content


def test_resubmit_after_changes__moderators_are_mailed_again(
    submitted, client, django_capture_on_commit_callbacks
):
    client.login(username="mod-da", password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        act_in_admin(client, submitted, "reject", "Bitte ergänzen.")
    mail.outbox.clear()
    client.login(username="editor", password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        response = submit_in_admin(client, submitted, teaser="Mit Kontakt.")
    assert response.status_code == HTTPStatus.FOUND
    assert sorted(address for m in mail.outbox for address in m.to) == [
        "mod-da@example.org",
        "mod-de@example.org",
    ]


def test_moderator_stops_workflow__author_is_told_it_was_not_accepted(
    submitted, client, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    client.login(username="mod-de", password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        response = cancel_in_admin(client, submitted)
    assert response.status_code == HTTPStatus.FOUND
    [message] = mail.outbox
    assert message.to == ["editor@example.org"]
    assert message.subject == subject_in(
        "en", 'Not accepted: "%(title)s"', "Digitale Dorfkiste"
    )


def test_partner_submission__change_request_mail_in_partners_language(
    moderated_portal, people, client, django_capture_on_commit_callbacks
):
    """A Danish partner's submission: the partner profile's language wins."""
    partner = UserFactory(username="partner", admin_language="en")
    organisation = factories.OrganisationFactory(name="Aabenraa Kommune")
    PartnerProfile.objects.create(
        user=partner, organisation=organisation, language="da"
    )
    solution = SolutionPageFactory(
        portal=moderated_portal.portal, draft=True, title="Grænsebus"
    )
    Submission.objects.create(
        page=solution, submitted_by=partner, organisation=organisation, language="de"
    )
    with django_capture_on_commit_callbacks(execute=True):
        moderated_portal.workflow.start(solution, partner)
    mail.outbox.clear()
    client.login(username="mod-de", password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        response = act_in_admin(client, solution, "reject", "Mere om målgruppen.")
    assert response.status_code == HTTPStatus.FOUND
    [message] = mail.outbox
    assert message.to == ["partner@example.org"]
    assert message.extra_headers["Content-Language"] == "da"
    assert '<html lang="da">' in message.alternatives[0].content
    assert "Mere om målgruppen." in message.body
    assert "/admin/" not in message.body  # partners work in the portal


def test_mail_outage__action_succeeds_and_message_waits_in_outbox(
    submitted, client, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_local_port()
    settings.EMAIL_TIMEOUT = 5
    mail.outbox.clear()
    client.login(username="mod-de", password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        response = act_in_admin(client, submitted, "approve")
    assert response.status_code == HTTPStatus.FOUND
    assert Page.objects.get(pk=submitted.pk).live
    message = OutboxMessage.objects.get(kind=OutboxMessage.Kind.APPROVED)
    assert message.status == OutboxMessage.Status.FAILED
    assert message.attempts == 1
    assert "Connection" in message.last_error or "refused" in message.last_error
    assert mail.outbox == []

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("retry_outbox", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("retry_outbox", stdout=open("/dev/null", "w"))  # noqa: SIM115
    [delivered] = mail.outbox
    assert delivered.to == ["editor@example.org"]
    assert delivered.extra_headers["Content-Language"] == "en"
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert message.attempts == 2
    assert message.sent_at is not None


def test_retry_outbox_task__sends_what_is_left_once(submitted, settings):
    from apps.workflow.notifications.outbox import retry_outbox

    OutboxMessage.objects.update(status=OutboxMessage.Status.FAILED)
    mail.outbox.clear()
    result = retry_outbox.enqueue()
    assert result.return_value == {"sent": 2, "failed": 0}
    retry_outbox.enqueue()
    assert len(mail.outbox) == 2


def test_switched_off_notifications__moderator_gets_no_submission_mail(
    moderated_portal, people, client, django_capture_on_commit_callbacks
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(people["moderator_da"])
    profile.submitted_notifications = False
    profile.save()
    solution = SolutionPageFactory(
        portal=moderated_portal.portal,
        draft=True,
        owner=people["editor"],
        author=people["editor"],
    )
    client.login(username="editor", password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        submit_in_admin(client, solution)
    assert [m.to for m in mail.outbox] == [["mod-de@example.org"]]


def test_default_workflow__custom_tasks_mail_their_own_reviewers(
    django_capture_on_commit_callbacks,
):
    """With apps.workflow's own tasks (authority review, then publish) the mails
    follow each task's reviewers: the page's authority only, then the author."""

    authorities = AuthoritiesFactory()
    editor = UserFactory(editor=True, area_role=FLENSBURG)
    moderator = UserFactory(moderator=True, area_role=FLENSBURG)
    UserFactory(moderator=True, area_role=NORDFRIESLAND)
    page = SolutionPageFactory(
        draft=True,
        parent=authorities.area(FLENSBURG),
        author=editor,
        portal=authorities.portal,
        title="Hafenbus",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client_for(editor), page)
    assert response.status_code == HTTPStatus.FOUND
    assert [m.to for m in mail.outbox] == [[moderator.email]]
    assert mail.outbox[0].subject == subject_in(
        "en", 'For your review: "%(title)s"', "Hafenbus"
    )

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act(client_for(moderator), page, "approve")
    assert Page.objects.get(pk=page.pk).live
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert mail.outbox[0].subject == subject_in(
        "en", 'Approved: "%(title)s"', "Hafenbus"
    )


def test_partner_portal_submission__mails_reviewers_then_partner_in_danish(
    client, django_capture_on_commit_callbacks
):
    """A Danish partner submits in the portal: the reviewers of the first task get
    a mail; the change request and the approval reach the partner in Danish, with
    a link to "my submissions" in the portal, not to the admin."""

    setup = PartnerPortalFactory()
    setup.partner.language = "da"
    setup.partner.save()
    reviewers = UserFactory.one_per_group()
    client.login(username="partner", password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(submit_url("da"), submission_data(setup, "da"))
    assert response.status_code == HTTPStatus.FOUND
    submission = Submission.objects.get(submitted_by=setup.partner.user)
    page = submission.page
    submitted = OutboxMessage.objects.filter(kind=OutboxMessage.Kind.SUBMITTED)
    assert submitted.exists()
    assert "partner@example.org" not in {m.to_email for m in submitted}

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act_as_reviewer(client, page, reviewers, "reject", "Mere om målgruppen.")
    [change_request] = [m for m in mail.outbox if m.to == ["partner@example.org"]]
    assert change_request.extra_headers["Content-Language"] == "da"
    assert "Mere om målgruppen." in change_request.body
    assert submissions_url("da") in change_request.body
    assert "/admin/" not in change_request.body

    # The partner edits in the portal and sends it again; the review resumes.
    client.force_login(setup.partner.user)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit_submission_url("da", submission),
            submission_data(setup, "da", teaser="For ældre borgere."),
        )
    assert response.status_code == HTTPStatus.FOUND
    assert mail.outbox  # the task that asked for changes hears of it again
    assert "partner@example.org" not in {a for m in mail.outbox for a in m.to}

    with django_capture_on_commit_callbacks(execute=True):
        approve_all(client, page, reviewers)
    assert Page.objects.get(pk=page.pk).live
    approved = OutboxMessage.objects.get(kind=OutboxMessage.Kind.APPROVED)
    assert (approved.to_email, approved.language) == ("partner@example.org", "da")
    assert approved.status == OutboxMessage.Status.SENT
    assert approved.subject == subject_in(
        "da", 'Approved: "%(title)s"', Page.objects.get(pk=page.pk).title
    )


def test_submit_of_live_page__mail_names_the_title_as_submitted(
    moderated_portal, people, client, django_capture_on_commit_callbacks
):

    live = SolutionPageFactory(
        portal=moderated_portal.portal, title="Alter Name", owner=people["editor"]
    )
    client.login(username="editor", password=PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        response = submit_in_admin(client, live, title="Neuer <Name>")
    assert response.status_code == HTTPStatus.FOUND
    danish = next(m for m in mail.outbox if m.to == ["mod-da@example.org"])
    assert danish.subject == subject_in(
        "da", 'For your review: "%(title)s"', "Neuer <Name>"
    )
    html = danish.alternatives[0].content
    assert "Neuer &lt;Name&gt;" in html and "<Name>" not in html


def test_next_step_mail__names_the_partner_who_submitted_not_the_approver(
    client, django_capture_on_commit_callbacks
):
    """Issue 14 item 6: the Digitalagentur approves the feasibility check of a
    portal submission; the authority's moderators are told that the partner
    submitted it ("Petra Partner hat … eingereicht"), not the Digitalagentur. After
    a change request the partner's resubmission is named the same way."""
    from apps.workflow.workflows import ensure_default_workflow

    setup = PartnerPortalFactory()
    ensure_default_workflow()
    agency = UserFactory(digitalagentur=True)
    agency.email = "agency@example.org"
    agency.save()
    moderator = UserFactory(
        username="mod-fl", group_names=[FLENSBURG.moderators]
    )  # reads German mails
    client.force_login(setup.partner.user)
    response = client.post(submit_url("de"), submission_data(setup, "de"))
    assert response.status_code == HTTPStatus.FOUND
    page = Submission.objects.get(submitted_by=setup.partner.user).page

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        act_as_reviewer(client, page, [agency], "approve")
    [message] = [m for m in mail.outbox if m.to == [moderator.email]]
    assert message.extra_headers["Content-Language"] == "de"
    assert "Petra Partner hat „Dorfladen-Automat de“ zur Prüfung eingereicht" in (
        message.body
    )
    assert "digitalagentur" not in message.body

    # The moderator asks for changes and the partner answers in the portal: the
    # review resumes at the authority step, sent again by the partner.
    with django_capture_on_commit_callbacks(execute=True):
        act_as_reviewer(client, page, [moderator], "reject", "Bitte ergänzen.")
    mail.outbox.clear()
    client.force_login(setup.partner.user)
    submission = Submission.objects.get(page=page)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit_submission_url("de", submission),
            submission_data(setup, "de", teaser="Für Ältere."),
        )
    assert response.status_code == HTTPStatus.FOUND
    [message] = [m for m in mail.outbox if m.to == [moderator.email]]
    assert "Petra Partner hat „Dorfladen-Automat de“" in message.body


def test_danish_moderator_without_a_language_setting__gets_danish_mails(
    django_capture_on_commit_callbacks,
):
    """Issue 14 item 8: mails to the Danish partners' moderators were German unless
    they had chosen a language in their account; without one, the authority's
    language applies (a German authority's moderator still reads German)."""
    from apps.knowledge.roles import DANISH_PARTNERS

    authorities = AuthoritiesFactory()
    editors = {
        role: UserFactory(editor=True, area_role=role)
        for role in (DANISH_PARTNERS, FLENSBURG)
    }
    danish = UserFactory(
        username="dk-moderator", group_names=[DANISH_PARTNERS.moderators]
    )
    german = UserFactory(username="fl-moderator", group_names=[FLENSBURG.moderators])
    chosen = UserFactory(
        username="dk-moderator-en",
        group_names=[DANISH_PARTNERS.moderators],
        admin_language="en",
    )
    for area, title in [(DANISH_PARTNERS, "Grænsebus"), (FLENSBURG, "Hafenbus")]:
        editor = editors[area]
        page = SolutionPageFactory(
            draft=True,
            parent=authorities.area(area),
            author=editor,
            portal=authorities.portal,
            title=title,
        )
        with django_capture_on_commit_callbacks(execute=True):
            submit(client_for(editor), page)

    by_address = {m.to[0]: m for m in mail.outbox}
    assert by_address[danish.email].extra_headers["Content-Language"] == "da"
    assert by_address[danish.email].subject == subject_in(
        "da", 'For your review: "%(title)s"', "Grænsebus"
    )
    assert "har sendt" in by_address[danish.email].body
    assert by_address[chosen.email].extra_headers["Content-Language"] == "en"
    assert by_address[german.email].extra_headers["Content-Language"] == "de"
