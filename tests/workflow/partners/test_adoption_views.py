"""A partner of a Danish municipality says "we run this solution too" from the
solution's page; the German authority confirms it and the page shows it."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import translation

from apps.knowledge.choices import Country, OrganisationKind, Owner
from apps.knowledge.models import Reuse
from apps.knowledge.roles import AREA_ROLES
from apps.workflow import reuse_proposals
from apps.workflow.models import OutboxMessage
from tests.factories import UserFactory
from tests.knowledge.factories import OrganisationFactory, SolutionPageFactory
from tests.workflow.factories import AuthoritiesFactory, PartnerProfileFactory

pytestmark = pytest.mark.django_db

FLENSBURG = AREA_ROLES[0]


@pytest.fixture
def setting():
    authorities = AuthoritiesFactory()
    solution = SolutionPageFactory(
        portal=authorities.portal,
        parent=authorities.area(FLENSBURG),
        title="Digitaler Parkleitweg",
        lead_organisation=OrganisationFactory(owner=Owner.STADT_FLENSBURG),
    )
    solution.save_revision().publish()
    toender = OrganisationFactory(
        name="Tønder Kommune",
        kind=OrganisationKind.DANISH_MUNICIPALITY,
        country=Country.DENMARK,
        owner=Owner.DANISH_PARTNERS,
    )
    return {
        "solution": solution,
        "toender": toender,
        "moderator": UserFactory(moderator=True, area_role=FLENSBURG),
    }


def url(solution) -> str:
    with translation.override("de"):
        return reverse("partner:propose_adoption", args=[solution.translation_key])


def test_partner__proposes_from_the_solution_page__authority_confirms(client, setting):
    partner = PartnerProfileFactory(
        organisation=setting["toender"], verified=True, confirmed=True
    )
    page = client.get(setting["solution"].url).content.decode()
    assert url(setting["solution"]) in page

    client.force_login(partner.user)
    assert client.get(url(setting["solution"])).status_code == HTTPStatus.OK
    # A bad value keeps what was typed and names the field.
    response = client.post(
        url(setting["solution"]),
        {"changes": "Skilte på dansk", "latitude": "95", "longitude": "8.86"},
    )
    assert response.status_code == HTTPStatus.OK
    assert "Skilte på dansk" in response.content.decode()
    assert 'href="#id_latitude"' in response.content.decode()
    assert not Reuse.objects.exists()

    response = client.post(
        url(setting["solution"]),
        {
            "since": "2025-06-01",
            "changes": "Skilte på dansk",
            "municipality": "Tønder",
            "latitude": "54.933",
            "longitude": "8.8667",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    reuse = Reuse.objects.get()
    assert reuse.proposed_side == Reuse.Side.REUSER
    assert reuse.organisation == setting["toender"]
    assert (
        OutboxMessage.objects.get(kind=OutboxMessage.Kind.REUSE_PROPOSED).recipient
        == (setting["moderator"])
    )

    reuse_proposals.decide(reuse.pk, setting["moderator"], confirm=True)
    client.logout()
    page = client.get(setting["solution"].url).content.decode()
    assert "Tønder Kommune" in page and "Skilte på dansk" in page


def test_unconfirmed_member__cannot_propose(client, setting):
    partner = PartnerProfileFactory(
        organisation=setting["toender"], verified=True, pending=True
    )
    client.force_login(partner.user)
    response = client.post(url(setting["solution"]), {"changes": "x"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert not Reuse.objects.exists()
