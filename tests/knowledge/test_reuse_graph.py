"""The reuse graph's read side: what the map and the figures get, which relations
count (confirmed ones between visible solutions and live organisations) and in
which language they are shown."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import Locale

from apps.knowledge.choices import Country
from apps.knowledge.models import Reuse, ReuseChanges
from apps.knowledge.reuse_graph import (
    adoption_map_features,
    adoptions_by,
    adoptions_of,
    reuse_figures,
)
from tests.knowledge.factories import (
    OrganisationFactory,
    PortalFactory,
    SnippetTranslationFactory,
    SolutionPageFactory,
    TranslationFactory,
)

pytestmark = pytest.mark.django_db


def adoption(solution, organisation, status=Reuse.Status.CONFIRMED, **fields):
    return Reuse.objects.create(
        kind=Reuse.Kind.ADOPTION,
        solution_key=solution.translation_key,
        organisation=organisation,
        status=status,
        proposed_side=Reuse.Side.REUSER,
        **fields,
    )


def derivation(solution, derived, status=Reuse.Status.CONFIRMED):
    return Reuse.objects.create(
        kind=Reuse.Kind.DERIVATION,
        solution_key=solution.translation_key,
        derived_key=derived.translation_key,
        status=status,
        proposed_side=Reuse.Side.REUSER,
    )


@pytest.fixture
def graph():
    portal = PortalFactory()
    german = OrganisationFactory(name="Stadt Flensburg", country=Country.GERMANY)
    danish = OrganisationFactory(name="Tønder Kommune", country=Country.DENMARK)
    husum = OrganisationFactory(name="Stadt Husum", country=Country.GERMANY)
    solution = SolutionPageFactory(
        portal=portal, title="Smarte Mülltonnen", lead_organisation=german
    )
    solution.save_revision().publish()
    draft = SolutionPageFactory(portal=portal, title="Entwurf", draft=True)
    other = SolutionPageFactory(portal=portal, title="Dorfladen digital")
    other.save_revision().publish()
    return {
        "portal": portal,
        "solution": solution,
        "draft": draft,
        "other": other,
        "german": german,
        "danish": danish,
        "husum": husum,
    }


def test_figures__cross_border_counted_apart__only_confirmed_and_visible(graph):
    adoption(graph["solution"], graph["danish"])
    adoption(graph["solution"], graph["husum"])
    adoption(graph["other"], graph["danish"], status=Reuse.Status.PROPOSED)
    adoption(graph["other"], graph["husum"], status=Reuse.Status.DECLINED)
    adoption(graph["draft"], graph["danish"])
    hidden = OrganisationFactory(name="Entwurfsverein", live=False)
    adoption(graph["other"], hidden)
    derivation(graph["solution"], graph["other"])
    derivation(graph["solution"], graph["draft"])

    assert reuse_figures("de") == {
        "adoptions": 2,
        "cross_border_adoptions": 1,
        "domestic_adoptions": 1,
        "derivations": 1,
    }
    # The same in every language: a relation holds for every language version.
    assert reuse_figures("da") == reuse_figures("de")


def test_map__adopters_with_a_place_in_the_visitors_language(graph):
    TranslationFactory(page=graph["solution"], language_code="da")
    danish_version = graph["solution"].get_translation(
        Locale.objects.get(language_code="da")
    )
    danish_version.title = "Smarte skraldespande"
    danish_version.save_revision().publish()
    adoption(
        graph["solution"],
        graph["danish"],
        municipality="Tønder",
        latitude=Decimal("54.933"),
        longitude=Decimal("8.866"),
    )
    # No place given: nothing to put on the map.
    adoption(graph["solution"], graph["husum"])

    (feature,) = adoption_map_features([graph["solution"]], "da")
    assert feature == {
        "title": "Smarte skraldespande",
        "url": danish_version.url,
        "place": "Tønder Kommune",
        "lat": 54.933,
        "lon": 8.866,
        "language": "da",
        "kind": "adoption",
    }
    # A solution only in German is shown in German to an English visitor.
    (feature,) = adoption_map_features([graph["solution"]], "en")
    assert feature["title"] == "Smarte Mülltonnen"
    assert adoption_map_features([graph["other"]], "de") == []


def test_map__place_names_the_municipality_when_the_name_does_not(graph):
    adoption(
        graph["solution"],
        graph["husum"],
        municipality="Schobüll",
        latitude=Decimal("54.5"),
        longitude=Decimal("9.0"),
    )
    (feature,) = adoption_map_features([graph["solution"]], "de")
    assert feature["place"] == "Stadt Husum, Schobüll"


def test_changes__in_the_visitors_language_else_german_else_any(graph):
    reuse = adoption(graph["solution"], graph["danish"], since=date(2024, 5, 1))
    ReuseChanges.objects.create(reuse=reuse, language="da", text="Dansk tekst")
    (shown,) = adoptions_of(graph["solution"])
    # The page is German and there is no German text: the Danish one, marked.
    assert (shown.changes, shown.changes_language) == ("Dansk tekst", "da")
    ReuseChanges.objects.create(reuse=reuse, language="de", text="Deutscher Text")
    (shown,) = adoptions_of(graph["solution"])
    assert (shown.changes, shown.changes_language) == ("Deutscher Text", "de")
    assert shown.cross_border is True
    assert shown.since == date(2024, 5, 1)


def test_organisation_page_list__the_solution_in_the_organisations_language(graph):
    danish_organisation = SnippetTranslationFactory(
        snippet=graph["danish"], language_code="da"
    )
    danish_solution = TranslationFactory(page=graph["solution"], language_code="da")
    adoption(graph["solution"], graph["danish"])
    adoption(graph["draft"], graph["danish"])
    (shown,) = adoptions_by(danish_organisation, "da")
    assert shown.solution.pk == danish_solution.pk
    assert shown.organisation.pk == danish_organisation.pk


def test_reuse__refuses_a_solution_building_on_itself_and_half_a_place(graph):
    reuse = Reuse(
        kind=Reuse.Kind.DERIVATION,
        solution_key=graph["solution"].translation_key,
        derived_key=graph["solution"].translation_key,
        proposed_side=Reuse.Side.REUSER,
        latitude=Decimal("54.5"),
    )
    with pytest.raises(ValidationError) as error:
        reuse.full_clean()
    assert set(error.value.message_dict) >= {"derived_key", "longitude"}


def test_portal_maps__show_the_adoption_next_to_the_solution(graph, client):
    """Issue 17: a confirmed adoption is a marker of its own on the solution page's
    map and on the search map (the endpoint the script fetches), linking to the
    solution in the visitor's language; a proposal is not."""
    solution = graph["solution"]
    solution.latitude, solution.longitude = Decimal("54.78"), Decimal("9.43")
    solution.municipality = "Flensburg"
    solution.save_revision().publish()
    TranslationFactory(page=solution, language_code="da")
    danish = solution.get_translation(Locale.objects.get(language_code="da"))
    reuse = adoption(
        solution,
        graph["danish"],
        status=Reuse.Status.PROPOSED,
        municipality="Tønder",
        latitude=Decimal("54.933"),
        longitude=Decimal("8.866"),
    )

    def kinds(features) -> dict[str, tuple]:
        return {
            f["properties"]["kind"]: (
                f["properties"]["url"],
                f["geometry"]["coordinates"],
                f["properties"]["kind_label"],
            )
            for f in features
        }

    def page_map() -> list:
        html = client.get(danish.url).content.decode()
        data = html.split('id="map-place-features" type="application/json">')[1]
        return json.loads(data.split("</script>")[0])

    def search_map() -> list:
        return client.get("/da/search/places/json/?q=Mülltonnen").json()["features"]

    assert set(kinds(page_map())) == {"solution"}
    assert set(kinds(search_map())) == {"solution"}

    reuse.status = Reuse.Status.CONFIRMED
    reuse.save()

    for features in (page_map(), search_map()):
        url, coordinates, label = kinds(features)["adoption"]
        assert url == danish.url
        assert coordinates == [8.866, 54.933]
        with translation.override("da"):
            assert label == translation.gettext("Adopted by another organisation")
