"""Issue 17, the reuse graph: a Danish municipality proposes that it adopted a German
solution, the German authority confirms it, and the relation shows on both pages in
de, da and en, in the API, on the map and in the figures.

The proposal and the decision go through the admin as the editors and moderators
use it; the portal pages are read from the page cache, which must show the
confirmation at once.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from apps.knowledge.choices import Country, OrganisationKind, Owner
from apps.knowledge.models import Reuse
from apps.knowledge.portal.page_cache import HIT_HEADER
from apps.knowledge.reuse_graph import adoption_map_features, reuse_figures
from apps.knowledge.roles import AREA_ROLES, DANISH_PARTNERS
from apps.workflow import reuse_proposals
from apps.workflow.models import OutboxMessage
from tests.factories import UserFactory
from tests.knowledge.factories import (
    OrganisationFactory,
    SnippetTranslationFactory,
    SolutionPageFactory,
    TranslationFactory,
)
from tests.workflow.factories import AuthoritiesFactory, PartnerProfileFactory

pytestmark = pytest.mark.django_db

FLENSBURG, NORDFRIESLAND = AREA_ROLES[0], AREA_ROLES[1]
TITLES = {"de": "Digitaler Parkleitweg", "da": "Digital parkeringsvejledning"}
TITLES["en"] = "Digital parking guidance"
ORGANISATION_NAMES = {
    "de": "Kommune Aabenraa",
    "da": "Aabenraa Kommune",
    "en": "Aabenraa Municipality",
}
CHANGES = "Skilte på dansk og tysk, data i kommunens eget system."


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PORTAL_CACHE_SECONDS = 600
    settings.CONTENT_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def region():
    """A German solution of Flensburg in de/da/en, Aabenraa Kommune in de/da/en,
    the contact directory in every language and the people of both sides."""
    authorities = AuthoritiesFactory()
    portal = authorities.portal
    flensburg = OrganisationFactory(
        name="Stadt Flensburg", slug="stadt-flensburg", owner=Owner.STADT_FLENSBURG
    )
    solution = SolutionPageFactory(
        portal=portal,
        parent=authorities.area(FLENSBURG),
        title=TITLES["de"],
        slug="parkleitweg",
        lead_organisation=flensburg,
    )
    solution.save_revision().publish()
    versions = {"de": solution}
    for language in ("da", "en"):
        version = TranslationFactory(page=solution, language_code=language)
        version.title = TITLES[language]
        version.save_revision().publish()
        versions[language] = version
    aabenraa = OrganisationFactory(
        name=ORGANISATION_NAMES["de"],
        slug="aabenraa",
        kind=OrganisationKind.DANISH_MUNICIPALITY,
        country=Country.DENMARK,
        owner=Owner.DANISH_PARTNERS,
    )
    organisations = {"de": aabenraa}
    for language in ("da", "en"):
        organisations[language] = SnippetTranslationFactory(
            snippet=aabenraa, language_code=language, name=ORGANISATION_NAMES[language]
        )
        TranslationFactory(page=portal.directory, language_code=language)
    return {
        "portal": portal,
        "authorities": authorities,
        "solution": solution,
        "versions": versions,
        "aabenraa": aabenraa,
        "organisations": organisations,
        "dk_editor": UserFactory(editor=True, area_role=DANISH_PARTNERS),
        "dk_moderator": UserFactory(moderator=True, area_role=DANISH_PARTNERS),
        "flensburg_moderator": UserFactory(
            moderator=True, area_role=FLENSBURG, admin_language="de"
        ),
        "nordfriesland_moderator": UserFactory(moderator=True, area_role=NORDFRIESLAND),
    }


def propose_in_admin(client, user, **data):
    client.force_login(user)
    return client.post(reverse("workflow_admin:propose_reuse"), data)


def decide_in_admin(client, user, reuse, decision, comment=""):
    client.force_login(user)
    response = client.post(
        reverse("workflow_admin:reuse_proposals"),
        {"reuse": reuse.pk, "decision": decision, "comment": comment},
        follow=True,
    )
    reuse.refresh_from_db()
    return response


def adoption_data(region, **extra):
    return {
        "kind": "adoption",
        "solution": region["versions"]["da"].pk,
        "organisation": region["organisations"]["da"].pk,
        "since": "2025-03-01",
        "changes": CHANGES,
        "municipality": "Aabenraa",
        "latitude": "55.044300",
        "longitude": "9.418700",
        **extra,
    }


def organisation_url(region, language: str) -> str:
    directory = region["portal"].directory.get_translation(
        region["versions"][language].locale
    )
    return directory.specific.organisation_url(region["organisations"][language])


def get_anonymous(client, url: str):
    client.logout()
    return client.get(url)


def test_danish_proposal__german_moderator_confirms__shown_everywhere_at_once(
    client, region
):
    # The portal pages are cached before anything is proposed.
    solution_urls = {code: page.url for code, page in region["versions"].items()}
    for code in ("de", "da", "en"):
        assert get_anonymous(client, solution_urls[code]).status_code == HTTPStatus.OK
        assert get_anonymous(client, organisation_url(region, code)).status_code == 200
    assert get_anonymous(client, solution_urls["de"])[HIT_HEADER] == "hit"

    # A Danish partner editor proposes "we adopted it" in the admin.
    response = propose_in_admin(client, region["dk_editor"], **adoption_data(region))
    assert response.status_code == HTTPStatus.FOUND
    reuse = Reuse.objects.get()
    assert reuse.status == Reuse.Status.PROPOSED
    assert reuse.proposed_side == Reuse.Side.REUSER

    # The German authority's moderator gets the task, in German with the German
    # title; nobody of the proposing side or of a third authority does.
    messages = OutboxMessage.objects.filter(kind=OutboxMessage.Kind.REUSE_PROPOSED)
    assert [m.recipient for m in messages] == [region["flensburg_moderator"]]
    assert messages[0].language == "de"
    assert TITLES["de"] in messages[0].body_text
    assert ORGANISATION_NAMES["de"] in messages[0].subject
    assert reuse_proposals.proposals_for(region["flensburg_moderator"]) == [reuse]
    for user in ("dk_editor", "dk_moderator", "nordfriesland_moderator"):
        assert reuse_proposals.proposals_for(region[user]) == []

    # Pending: not public anywhere.
    for code in ("de", "da", "en"):
        page = get_anonymous(client, solution_urls[code])
        assert CHANGES not in page.content.decode()
    api = client.get(f"/api/v2/solutions/{region['solution'].pk}/").json()
    assert api["adopted_by"] == []

    # The proposing side and a third authority cannot confirm it.
    for user in ("dk_moderator", "dk_editor", "nordfriesland_moderator"):
        decide_in_admin(client, region[user], reuse, "confirm")
        assert reuse.status == Reuse.Status.PROPOSED, user

    # The German moderator confirms.
    response = decide_in_admin(
        client, region["flensburg_moderator"], reuse, "confirm", "Velkommen!"
    )
    assert reuse.status == Reuse.Status.CONFIRMED
    assert reuse.decided_by == region["flensburg_moderator"]
    told = OutboxMessage.objects.get(kind=OutboxMessage.Kind.REUSE_DECIDED)
    assert told.recipient == region["dk_editor"]
    assert "Velkommen!" in told.body_text

    # Shown at once on the solution page in every language (no stale cached copy).
    for code in ("de", "da", "en"):
        with translation.override(code):
            html = get_anonymous(client, solution_urls[code]).content.decode()
        assert ORGANISATION_NAMES[code] in html, code
        assert CHANGES in html
        assert 'datetime="2025-03-01"' in html
        assert "badge--cross-border" in html
        assert organisation_url(region, code) in html
    with translation.override("en"):
        html = get_anonymous(client, solution_urls["en"]).content.decode()
    assert "Adopted by" in html and "across the border" in html

    # ... and on the organisation page in every language, linking the solution in
    # that language.
    for code in ("de", "da", "en"):
        html = get_anonymous(client, organisation_url(region, code)).content.decode()
        assert TITLES[code] in html, code
        assert solution_urls[code] in html
    with translation.override("en"):
        html = get_anonymous(client, organisation_url(region, "en")).content.decode()
    assert "Solutions adopted" in html

    # In the API.
    api = client.get(f"/api/v2/solutions/{region['versions']['da'].pk}/").json()
    (adoption,) = api["adopted_by"]
    assert adoption["organisation"]["name"] == ORGANISATION_NAMES["da"]
    assert adoption["organisation"]["country"] == "DK"
    assert adoption["since"] == "2025-03-01"
    assert adoption["changes"] == CHANGES
    assert adoption["cross_border"] is True

    # On the map and in the figures.
    features = adoption_map_features([region["versions"]["en"]], "en")
    assert features == [
        {
            "title": TITLES["en"],
            "url": solution_urls["en"],
            "place": ORGANISATION_NAMES["en"],
            "lat": 55.0443,
            "lon": 9.4187,
            "language": "en",
            "kind": "adoption",
        }
    ]
    assert reuse_figures("de") == {
        "adoptions": 1,
        "cross_border_adoptions": 1,
        "domestic_adoptions": 0,
        "derivations": 0,
    }


def test_flensburg_editor_proposes__danish_moderator_confirms_in_danish(client, region):
    editor = UserFactory(editor=True, area_role=FLENSBURG)
    response = propose_in_admin(
        client,
        editor,
        **adoption_data(region, solution=region["solution"].pk, changes=""),
    )
    assert response.status_code == HTTPStatus.FOUND
    reuse = Reuse.objects.get()
    assert reuse.proposed_side == Reuse.Side.SOLUTION
    message = OutboxMessage.objects.get(kind=OutboxMessage.Kind.REUSE_PROPOSED)
    assert message.recipient == region["dk_moderator"]
    # The Danish moderator reads the admin in English (the factory), the title is
    # the English version's: the message is in the recipient's language.
    assert message.language == "en"
    assert TITLES["en"] in message.body_text

    decide_in_admin(client, region["flensburg_moderator"], reuse, "confirm")
    assert reuse.status == Reuse.Status.PROPOSED
    decide_in_admin(client, region["dk_moderator"], reuse, "confirm")
    assert reuse.status == Reuse.Status.CONFIRMED


def test_declined_and_pending__never_public(client, region):
    other = SolutionPageFactory(
        portal=region["portal"],
        parent=region["authorities"].area(FLENSBURG),
        title="Bürgerbus Angeln",
        slug="buergerbus",
        lead_organisation=region["solution"].lead_organisation,
    )
    other.save_revision().publish()
    declined = reuse_proposals.propose(
        region["dk_editor"],
        solution=region["solution"],
        organisation=region["aabenraa"],
        changes="Afvist forslag",
    )
    decide_in_admin(
        client, region["flensburg_moderator"], declined, "decline", "Not yet"
    )
    assert declined.status == Reuse.Status.DECLINED
    assert declined.decision_comment == "Not yet"
    reuse_proposals.propose(
        region["dk_editor"],
        solution=other,
        organisation=region["aabenraa"],
        changes="Ventende forslag",
        latitude=Decimal("55.1"),
        longitude=Decimal("9.4"),
    )
    for page in (region["solution"], other):
        html = get_anonymous(client, page.url).content.decode()
        assert "Afvist forslag" not in html and "Ventende forslag" not in html
        api = client.get(f"/api/v2/solutions/{page.pk}/").json()
        assert api["adopted_by"] == []
    html = get_anonymous(client, organisation_url(region, "da")).content.decode()
    assert TITLES["da"] not in html and "Bürgerbus" not in html
    assert adoption_map_features([region["solution"], other], "de") == []
    assert reuse_figures("da")["adoptions"] == 0


def test_danish_partner_account_proposes__duplicate_refused(region):
    partner = PartnerProfileFactory(
        organisation=region["organisations"]["da"], verified=True, confirmed=True
    )
    reuse = reuse_proposals.propose(
        partner.user, solution=region["solution"], organisation=region["aabenraa"]
    )
    assert reuse.proposed_side == Reuse.Side.REUSER
    with pytest.raises(reuse_proposals.ValidationError):
        reuse_proposals.propose(
            region["flensburg_moderator"],
            solution=region["versions"]["en"],
            organisation=region["organisations"]["en"],
        )
    stranger = UserFactory(username="someone")
    other_solution_organisation = OrganisationFactory(owner=Owner.KREIS_NORDFRIESLAND)
    with pytest.raises(reuse_proposals.ProposalRefused):
        reuse_proposals.propose(
            stranger,
            solution=region["solution"],
            organisation=other_solution_organisation,
        )


def test_derivation__both_solutions_show_it_and_the_figures_count_it(client, region):
    nordfriesland = region["authorities"].area(NORDFRIESLAND)
    derived = SolutionPageFactory(
        portal=region["portal"],
        parent=nordfriesland,
        title="Parkleitweg Husum",
        slug="parkleitweg-husum",
    )
    derived.save_revision().publish()
    editor = UserFactory(editor=True, area_role=NORDFRIESLAND)
    response = propose_in_admin(
        client,
        editor,
        kind="derivation",
        solution=region["solution"].pk,
        derived=derived.pk,
    )
    assert response.status_code == HTTPStatus.FOUND
    reuse = Reuse.objects.get()
    assert reuse.kind == Reuse.Kind.DERIVATION
    decide_in_admin(client, region["nordfriesland_moderator"], reuse, "confirm")
    assert reuse.status == Reuse.Status.PROPOSED
    decide_in_admin(client, region["flensburg_moderator"], reuse, "confirm")
    assert reuse.status == Reuse.Status.CONFIRMED

    with translation.override("de"):
        html = get_anonymous(client, derived.url).content.decode()
    assert "Derived from" in html or "Abgeleitet von" in html
    assert TITLES["de"] in html
    html = get_anonymous(client, region["solution"].url).content.decode()
    assert "Parkleitweg Husum" in html
    api = client.get(f"/api/v2/solutions/{derived.pk}/").json()
    assert [item["title"] for item in api["derived_from"]] == [TITLES["de"]]
    assert reuse_figures("de")["derivations"] == 1


def test_propose_form__adoption_without_organisation__error_kept(client, region):
    response = propose_in_admin(
        client, region["dk_editor"], **adoption_data(region, organisation="")
    )
    assert response.status_code == HTTPStatus.OK
    assert "Choose the organisation that adopted it." in response.content.decode()
    assert CHANGES in response.content.decode()
    assert not Reuse.objects.exists()


def test_admin__the_task_is_listed_for_the_other_side_only(client, region):
    client.force_login(region["dk_editor"])
    form = client.get(reverse("workflow_admin:propose_reuse"))
    assert form.status_code == HTTPStatus.OK
    reuse = reuse_proposals.propose(
        region["dk_editor"],
        solution=region["solution"],
        organisation=region["aabenraa"],
        since=date(2025, 3, 1),
    )
    with translation.override("en"):
        own = client.get(reverse("workflow_admin:reuse_proposals")).content.decode()
    assert "Your proposals" in own and "No proposals are waiting for you." in own
    client.force_login(region["flensburg_moderator"])
    with translation.override("en"):
        page = client.get(reverse("workflow_admin:reuse_proposals")).content.decode()
    assert f'name="reuse" value="{reuse.pk}"' in page
    assert ORGANISATION_NAMES["de"] in page and TITLES["de"] in page
    client.force_login(region["nordfriesland_moderator"])
    page = client.get(reverse("workflow_admin:reuse_proposals")).content.decode()
    assert f'name="reuse" value="{reuse.pk}"' not in page
    client.force_login(UserFactory(username="no-role"))
    response = client.get(reverse("workflow_admin:reuse_proposals"))
    assert response.status_code in {HTTPStatus.FOUND, HTTPStatus.FORBIDDEN}


def test_admin__solution_editor_header_links_to_the_form_with_the_solution(
    client, region
):
    editor = UserFactory(editor=True, area_role=FLENSBURG)
    client.force_login(editor)
    with translation.override("en"):
        edit = client.get(
            reverse("wagtailadmin_pages:edit", args=[region["solution"].pk])
        )
    link = (
        reverse("workflow_admin:propose_reuse") + f"?solution={region['solution'].pk}"
    )
    assert link.replace("&", "&amp;") in edit.content.decode()
    form = client.get(link)
    assert form.context["form"].initial["solution"] == region["solution"].pk


JUNK_IDS = ["9" * 5000, str(2**63), "²", "0"]


@pytest.mark.parametrize("junk", JUNK_IDS)
def test_admin__a_junk_id_in_a_decision_or_the_form_address__refused_not_failed(
    client, region, junk
):
    reuse = reuse_proposals.propose(
        region["dk_editor"],
        solution=region["solution"],
        organisation=region["aabenraa"],
        since=date(2025, 3, 1),
    )
    client.force_login(region["flensburg_moderator"])
    response = client.post(
        reverse("workflow_admin:reuse_proposals"),
        {"reuse": junk, "decision": "confirm"},
    )
    # Refused like any other decision the moderator may not take (the admin's
    # permission-denied redirect), not a server error.
    assert response.status_code in {HTTPStatus.FOUND, HTTPStatus.FORBIDDEN}
    reuse.refresh_from_db()
    assert reuse.status == Reuse.Status.PROPOSED

    client.force_login(region["dk_editor"])
    form = client.get(reverse("workflow_admin:propose_reuse") + f"?solution={junk}")
    assert form.status_code == HTTPStatus.OK
    assert "solution" not in form.context["form"].initial
