"""A contact's details appear in the portal only as far as the person consented."""

from __future__ import annotations

from http import HTTPStatus

import pytest

from apps.knowledge.choices import PublicationConsent
from apps.knowledge.models import Contact, SolutionContact
from tests.knowledge import factories
from tests.knowledge.factories import PortalFactory, SolutionPageFactory

pytestmark = pytest.mark.django_db


def solution_with_contact(consent: str):
    portal = PortalFactory()
    contact = factories.ContactFactory(
        name="Hanna Petersen",
        email="hanna.petersen@example.org",
        phone="+49 461 000 1101",
        role="Projektleitung Mobilität",
        consent=consent,
    )
    solution = SolutionPageFactory(portal=portal)
    SolutionContact.objects.create(page=solution, contact=contact)
    solution.save_revision().publish()
    return solution


@pytest.mark.parametrize(
    ("consent", "name_shown", "details_shown"),
    [
        (PublicationConsent.NONE, False, False),
        (PublicationConsent.NAME, True, False),
        (PublicationConsent.FULL, True, True),
    ],
)
def test_solution_page__shows_contact_only_as_far_as_consented(
    client, consent, name_shown, details_shown
):
    solution = solution_with_contact(consent)

    response = client.get(solution.url)

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Projektleitung Mobilität" in html
    assert ("Hanna Petersen" in html) is name_shown
    assert ("hanna.petersen@example.org" in html) is details_shown
    assert ("+49 461 000 1101" in html) is details_shown


def test_new_contact__shows_nothing_personal_until_consent_is_recorded():
    contact = Contact(name="Hanna Petersen", email="hanna.petersen@example.org")

    assert contact.consent == PublicationConsent.NONE
    assert not contact.shows_name
    assert not contact.shows_details
