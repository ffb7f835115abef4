"""Following fields of action and solutions in the portal, and the mails about them."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Page, PageViewRestriction

from apps.knowledge.models import SolutionFieldOfAction
from apps.workflow.models import Follow, OutboxMessage
from tests.factories import PASSWORD, UserFactory
from tests.knowledge.factories import (
    PartnerAreaPageFactory,
    SolutionPageFactory,
    TranslationFactory,
)
from tests.workflow.admin_actions import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def solution(moderated_portal):
    return SolutionPageFactory(portal=moderated_portal.portal, title="Dorfkiste")


@pytest.fixture
def reader(client):
    user = UserFactory(username="reader", admin_language="da")
    client.login(username="reader", password=PASSWORD)
    return user


@pytest.fixture
def admin_client(moderated_portal):
    UserFactory(username="admin", is_superuser=True, is_staff=True)
    admin = Client()
    admin.login(username="admin", password=PASSWORD)
    return admin


def follow_url(kind: str, pk: int) -> str:
    with translation.override("de"):
        return reverse("follow", args=[kind, pk])


def following_url() -> str:
    with translation.override("de"):
        return reverse("following")


def publish_in_admin(admin_client, page, **fields):
    """An administrator edits the page and presses "Publish"."""
    data = SolutionPageFactory.form_data(
        title=fields.pop("title", page.title),
        slug=page.slug,
        fields_of_action=[item.field_of_action for item in page.fields_of_action.all()],
        **fields,
    )
    data["action-publish"] = "Publish"
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), data
    )
    assert response.status_code == HTTPStatus.FOUND
    return response


def test_anonymous__sees_no_follow_button_and_cannot_follow(client, solution):
    response = client.get(solution.url)
    assert response.status_code == HTTPStatus.OK
    assert follow_url("solution", solution.pk) not in response.content.decode()
    response = client.post(follow_url("solution", solution.pk), {"action": "follow"})
    assert response.status_code == HTTPStatus.FOUND
    assert "login" in response["Location"]
    assert not Follow.objects.exists()


def test_follow_solution__button_then_unfollow_from_list(client, reader, solution):
    page = client.get(solution.url).content.decode()
    assert f'action="{follow_url("solution", solution.pk)}"' in page
    assert 'aria-pressed="false"' in page
    assert f'href="{following_url()}"' in page  # "What I follow" in the header

    response = client.post(
        follow_url("solution", solution.pk),
        {"action": "follow", "next": solution.url},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == solution.url
    assert Follow.objects.filter(user=reader, solution=solution).exists()
    assert 'aria-pressed="true"' in client.get(solution.url).content.decode()

    listing = client.get(following_url())
    assert listing.status_code == HTTPStatus.OK
    assert "Dorfkiste" in listing.content.decode()

    response = client.post(follow_url("solution", solution.pk), {"action": "unfollow"})
    assert response["Location"] == following_url()
    assert not Follow.objects.exists()
    listing = client.get(following_url()).content.decode()
    assert follow_url("solution", solution.pk) not in listing


def test_follow_field__from_the_theme_page(client, reader, moderated_portal):
    theme = moderated_portal.portal.theme
    field = moderated_portal.portal.field
    assert (
        f'action="{follow_url("field", field.pk)}"'
        in client.get(theme.url).content.decode()
    )
    client.post(follow_url("field", field.pk), {"action": "follow", "next": theme.url})
    client.post(follow_url("field", field.pk), {"action": "follow", "next": theme.url})
    assert Follow.objects.filter(user=reader, field_of_action=field).count() == 1


def test_follow__needs_csrf_token_and_post(reader, solution):
    strict = Client(enforce_csrf_checks=True)
    strict.login(username="reader", password=PASSWORD)
    response = strict.post(follow_url("solution", solution.pk), {"action": "follow"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    response = strict.get(follow_url("solution", solution.pk))
    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert not Follow.objects.exists()


def test_follow__unpublished_solution_cannot_be_followed(
    client, reader, moderated_portal
):
    draft = SolutionPageFactory(portal=moderated_portal.portal, draft=True)
    response = client.post(follow_url("solution", draft.pk), {"action": "follow"})
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_what_i_follow__anonymous_is_sent_to_login(client):
    response = client.get(following_url())
    assert response.status_code == HTTPStatus.FOUND
    assert "login" in response["Location"]


def test_new_solution_in_followed_field__one_mail_in_followers_language(
    moderated_portal, reader, admin_client, django_capture_on_commit_callbacks
):
    Follow.objects.create(user=reader, field_of_action=moderated_portal.portal.field)
    english = UserFactory(username="english-reader", admin_language="en")
    Follow.objects.create(user=english, field_of_action=moderated_portal.portal.field)
    draft = SolutionPageFactory(
        portal=moderated_portal.portal, draft=True, title="Grenzbus"
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish_in_admin(admin_client, draft)
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"reader@example.org", "english-reader@example.org"}
    danish = by_address["reader@example.org"]
    assert danish.extra_headers["Content-Language"] == "da"
    with translation.override("da"):
        assert danish.subject == gettext('New solution: "%(title)s"') % {
            "title": "Grenzbus"
        }
    assert Page.objects.get(pk=draft.pk).specific.full_url in danish.body
    assert (
        by_address["english-reader@example.org"].extra_headers["Content-Language"]
        == "en"
    )


def test_update_of_followed_solution__mail_once_per_publish(
    moderated_portal, reader, solution, admin_client, django_capture_on_commit_callbacks
):
    # Following both the solution and its field still gives one mail per publish.
    Follow.objects.create(user=reader, solution=solution)
    Follow.objects.create(user=reader, field_of_action=moderated_portal.portal.field)
    with django_capture_on_commit_callbacks(execute=True):
        publish_in_admin(admin_client, solution, teaser="Jetzt mit Kühlfach.")
    [message] = mail.outbox
    with translation.override("da"):
        assert message.subject == gettext('Updated: "%(title)s"') % {
            "title": "Dorfkiste"
        }
    with django_capture_on_commit_callbacks(execute=True):
        publish_in_admin(admin_client, solution, teaser="Und mit Paketen.")
    assert len(mail.outbox) == 2
    assert OutboxMessage.objects.filter(kind="follow_updated").count() == 2


def test_followed_solution__link_goes_to_followers_language_version(
    moderated_portal, solution, admin_client, django_capture_on_commit_callbacks
):
    danish_version = TranslationFactory(page=solution, language_code="da")
    english_reader = UserFactory(username="en-reader", admin_language="en")
    danish_reader = UserFactory(username="da-reader", admin_language="da")
    Follow.objects.create(user=english_reader, solution=solution)
    Follow.objects.create(user=danish_reader, solution=solution)
    with django_capture_on_commit_callbacks(execute=True):
        publish_in_admin(admin_client, solution, teaser="Neu.")
    by_address = {m.to[0]: m for m in mail.outbox}
    assert danish_version.full_url in by_address["da-reader@example.org"].body
    assert solution.full_url in by_address["en-reader@example.org"].body


def test_draft_and_private_pages__no_follow_mail(
    moderated_portal, reader, solution, admin_client, django_capture_on_commit_callbacks
):
    Follow.objects.create(user=reader, solution=solution)
    data = SolutionPageFactory.form_data(
        title=solution.title,
        slug=solution.slug,
        teaser="x",
        fields_of_action=[moderated_portal.portal.field],
    )
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("wagtailadmin_pages:edit", args=[solution.pk]), data)
    assert mail.outbox == []

    PageViewRestriction.objects.create(
        page=solution, restriction_type=PageViewRestriction.LOGIN
    )
    with django_capture_on_commit_callbacks(execute=True):
        publish_in_admin(admin_client, solution, teaser="Privat.")
    assert mail.outbox == []


# -- found on the demo: names of unpublished pages in follow mails -------------------


def test_solution_published_below_an_unpublished_area__no_follow_mail(
    moderated_portal, reader, admin_client, django_capture_on_commit_callbacks
):
    """An editor publishes a solution in a partner area that is not published yet:
    the field's followers must not be mailed its title and address."""
    Follow.objects.create(user=reader, field_of_action=moderated_portal.portal.field)
    area = PartnerAreaPageFactory(
        parent=moderated_portal.portal.knowledge,
        title="Geheimer Bereich",
        slug="geheim",
    )
    area.unpublish()
    hidden = SolutionPageFactory(parent=area, live=False, title="Geheimbus")
    SolutionFieldOfAction.objects.create(
        page=hidden, field_of_action=moderated_portal.portal.field
    )
    hidden.save_revision()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        publish_in_admin(admin_client, hidden)

    assert Page.objects.get(pk=hidden.pk).live
    assert mail.outbox == []
    assert not OutboxMessage.objects.filter(body_text__contains="Geheimbus").exists()


def test_followed_solution__mail_names_its_visible_version_only(
    moderated_portal, solution, admin_client, django_capture_on_commit_callbacks
):
    """The Danish version exists but its area was unpublished: the Danish follower
    gets the German page, not the hidden Danish title and address."""
    danish_version = TranslationFactory(page=solution, language_code="da")
    danish_version.title = "Hemmelig titel"
    danish_version.save_revision().publish()
    danish_version.get_parent().unpublish()
    danish_reader = UserFactory(username="da-reader", admin_language="da")
    Follow.objects.create(user=danish_reader, solution=solution)

    with django_capture_on_commit_callbacks(execute=True):
        publish_in_admin(admin_client, solution, teaser="Neu.")

    [message] = mail.outbox
    assert "Hemmelig titel" not in message.body
    assert danish_version.full_url not in message.body
    assert solution.full_url in message.body


# -- found on the demo: a raw list in the plain text, review dates as news -----------


def test_new_solution_mail__plain_text_names_the_fields_of_action(
    moderated_portal, reader, admin_client, django_capture_on_commit_callbacks
):
    """The plain-text part read "([<FieldOfAction: Grüne Energie>])"."""
    Follow.objects.create(user=reader, field_of_action=moderated_portal.portal.field)
    draft = SolutionPageFactory(
        portal=moderated_portal.portal, draft=True, title="Grenzbus"
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        publish_in_admin(admin_client, draft)

    [message] = mail.outbox
    [(html, _mimetype)] = message.alternatives
    name = moderated_portal.portal.field.name
    for text in (message.body, html):
        assert f"({name}" in text
        assert "[" not in text.split("--")[0]
        assert "FieldOfAction" not in text


def test_only_the_review_date_changed__followers_get_no_mail(
    moderated_portal, reader, solution, admin_client, django_capture_on_commit_callbacks
):
    """The editor confirms the page is still right and moves the review date on:
    nothing a follower would see changed, so nobody is told it was updated."""
    Follow.objects.create(user=reader, solution=solution)
    publish(admin_client, solution)  # as it was published last
    announced = OutboxMessage.objects.filter(kind="follow_updated").count()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = publish(admin_client, solution, review_date="2027-06-30")
    assert response.status_code == HTTPStatus.FOUND

    solution.refresh_from_db()
    assert str(solution.review_date) == "2027-06-30"
    assert mail.outbox == []
    assert OutboxMessage.objects.filter(kind="follow_updated").count() == announced

    # A change a reader notices is still announced, once.
    with django_capture_on_commit_callbacks(execute=True):
        publish(admin_client, solution, teaser="Mit Kühlfach.")
    [message] = mail.outbox
    with translation.override("da"):
        assert message.subject == gettext('Updated: "%(title)s"') % {
            "title": "Dorfkiste"
        }


def test_follow_mail__links_start_with_the_public_base_url(
    moderated_portal,
    reader,
    solution,
    admin_client,
    settings,
    django_capture_on_commit_callbacks,
):
    """The Site record says localhost:80, the mail must name the public address."""
    public = "https://kb.example.org"
    settings.PUBLIC_BASE_URL = settings.WAGTAILADMIN_BASE_URL = public
    Follow.objects.create(user=reader, solution=solution)

    with django_capture_on_commit_callbacks(execute=True):
        publish(admin_client, solution, teaser="Mit Kühlfach.")

    [message] = mail.outbox
    [(html, _mimetype)] = message.alternatives
    for text in (message.body, html):
        assert f"{public}{Page.objects.get(pk=solution.pk).url}" in text
        assert f"{public}/da/following/" in text
        assert "http://localhost" not in text
        assert "testserver" not in text
