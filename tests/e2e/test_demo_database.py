"""The browser tests share one seeded demo, yet none sees what another changed."""

from __future__ import annotations

import urllib.request
from http import HTTPStatus

import pytest

from apps.knowledge.models import SolutionPage
from tests.e2e.conftest import solution

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SLUG = "flensburg-beteiligungsplattform"


def visit(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - live server
        return response.status, response.read().decode()


@pytest.mark.parametrize("turn", ["first", "second"])
def test_demo__each_test_starts_from_the_seeded_demo__whatever_the_last_one_did(
    demo, live_server, turn
):
    page = solution(SLUG, "de")
    status, html = visit(live_server.url + page.url)
    assert status == HTTPStatus.OK
    assert page.title in html
    assert not SolutionPage.objects.filter(title__startswith="Geändert").exists()
    assert SolutionPage.objects.filter(locale__language_code="da").exists()

    # What this test does must not reach the next one.
    page.title = f"Geändert ({turn})"
    page.save_revision().publish()
    SolutionPage.objects.filter(locale__language_code="da").delete()
    status, html = visit(live_server.url + page.url)
    assert page.title in html
