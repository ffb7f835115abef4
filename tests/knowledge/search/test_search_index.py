"""Index upkeep: editors' actions reach the index; Elasticsearch outages are caught.

The outage tests use a real unreachable address (a local port nobody listens on),
not a mocked server.
"""

from __future__ import annotations

import logging
import socket
from http import HTTPStatus
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from django_tasks import default_task_backend
from wagtail.search.models import IndexEntry

from apps.knowledge.models import PendingIndexUpdate, SolutionPage
from apps.knowledge.search import engine
from apps.knowledge.search.pending import replay
from tests.knowledge import factories
from tests.knowledge.factories import (
    SolutionPageFactory,
    TranslationFactory,
)
from tests.knowledge.search.result_page import parse, result_links
from tests.knowledge.search.test_search_elasticsearch import make_backend, sent

pytestmark = pytest.mark.django_db


def found(client, query: str, code: str = "de") -> list[str]:
    return result_links(parse(client.get(f"/{code}/search/", {"q": query})))


def indexed(page) -> bool:
    return IndexEntry.objects.filter(object_id=str(page.pk)).exists()


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
)
def test_publish__enqueues_the_index_task(portal):
    default_task_backend.clear()
    solution = SolutionPageFactory(
        portal=portal, title="Windpark", slug="wind", live=False
    )
    default_task_backend.clear()

    solution.save_revision().publish()

    tasks = [
        (result.task.name, result.args)
        for result in default_task_backend.results
        if result.task.name == "insert_or_update_object_task"
    ]
    assert (
        "insert_or_update_object_task",
        ["knowledge", "solutionpage", str(solution.pk)],
    ) in [(name, list(args)) for name, args in tasks]


def test_publish__new_solution_found(client, portal):
    solution = SolutionPageFactory(
        portal=portal, title="Windpark", slug="wind", live=False
    )
    assert found(client, "Windpark") == []

    solution.save_revision().publish()

    assert found(client, "Windpark") == [solution.url]


def test_publish__changed_title_found_old_title_gone(client, portal):
    solution = SolutionPageFactory(portal=portal, title="Windpark", slug="wind")
    solution.title = "Solarfeld"
    solution.save_revision().publish()

    assert found(client, "Solarfeld") == [solution.url]
    assert found(client, "Windpark") == []


def test_unpublish__removed_from_results(client, portal):
    solution = SolutionPageFactory(portal=portal, title="Windpark", slug="wind")
    assert found(client, "Windpark") == [solution.url]

    solution.unpublish()

    assert found(client, "Windpark") == []


def test_move__result_links_the_new_address(client, portal):
    solution = SolutionPageFactory(portal=portal, title="Windpark", slug="wind")
    other_area = factories.PartnerAreaPageFactory(
        parent=portal.knowledge, title="Kreis Nordfriesland", slug="nf"
    )

    solution.move(other_area, pos="last-child")

    moved = SolutionPage.objects.get(pk=solution.pk)
    assert found(client, "Windpark") == [moved.url]
    assert "/nf/" in moved.url


def test_translate__translation_indexed_and_shown_to_its_visitors(client, portal):
    solution = SolutionPageFactory(portal=portal, title="Windpark", slug="wind")

    danish = TranslationFactory(page=solution, language_code="da")
    danish.title = "Vindmøllepark"
    danish.save_revision().publish()

    assert indexed(danish)
    assert found(client, "Vindmøllepark", "da") == [danish.url]
    # A German visitor finds the German version by the Danish title.
    assert found(client, "Vindmøllepark", "de") == [solution.url]


def test_delete__removed_from_the_index(client, portal):
    solution = SolutionPageFactory(portal=portal, title="Windpark", slug="wind")
    assert indexed(solution)

    solution.delete()

    assert not indexed(solution)
    assert found(client, "Windpark") == []


def test_update_index__command_prints_progress(portal):
    SolutionPageFactory(portal=portal, title="Windpark", slug="wind")
    out = StringIO()

    call_command("update_index", stdout=out)

    # One line per model, a dot per chunk of objects indexed.
    line = next(
        line for line in out.getvalue().splitlines() if "knowledge.SolutionPage" in line
    )
    assert line.rstrip().endswith(".")


# Elasticsearch unreachable


def closed_port() -> int:
    """A local port nobody listens on: bound, then released."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def unreachable_elasticsearch(settings):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "apps.knowledge.search.elasticsearch",
            "URLS": [f"http://127.0.0.1:{closed_port()}"],
            "INDEX_PREFIX": "kbdown_",
            "TIMEOUT": 1,
            "OPTIONS": {"max_retries": 0, "retry_on_timeout": False},
        },
        "database": {"BACKEND": "apps.knowledge.search.database"},
    }
    engine.forget_reachability()
    yield
    engine.forget_reachability()


def test_outage__publishing_succeeds_and_the_portal_falls_back(
    client, portal, unreachable_elasticsearch, caplog
):
    solution = SolutionPageFactory(
        portal=portal, title="Windpark", slug="wind", live=False
    )

    with caplog.at_level(logging.WARNING):
        solution.save_revision().publish()
        results = found(client, "Windpark")

    assert SolutionPage.objects.get(pk=solution.pk).live
    assert results == [solution.url]
    assert any("database backend" in record.getMessage() for record in caplog.records)
    pending = PendingIndexUpdate.objects.get(object_id=str(solution.pk))
    assert pending.action == "update"
    data = client.get("/api/search/", {"q": "Windpark"}).json()
    assert data["engine"] == "database"


def test_outage__publishing_through_the_admin_succeeds(
    client, portal, unreachable_elasticsearch
):

    user = get_user_model().objects.create_superuser("chief", "c@example.org", "pw")
    client.force_login(user)
    data = SolutionPageFactory.form_data(fields_of_action=[portal.field])
    data["action-publish"] = "action-publish"

    response = client.post(
        f"/admin/pages/add/knowledge/solutionpage/{portal.area.pk}/", data
    )

    assert response.status_code == HTTPStatus.FOUND
    solution = SolutionPage.objects.get(slug="digitale-dorfkiste")
    assert solution.live
    assert PendingIndexUpdate.objects.filter(object_id=str(solution.pk)).exists()
    dashboard = parse(client.get("/admin/"))
    assert dashboard.select_one("#search-status-heading")


def test_outage__replay_waits_while_still_unreachable(
    portal, unreachable_elasticsearch
):
    SolutionPageFactory(portal=portal, title="Windpark", slug="wind")
    assert PendingIndexUpdate.objects.count() >= 1
    err = StringIO()

    call_command("replay_search_index", stderr=err, stdout=StringIO())

    assert "unreachable" in err.getvalue()
    assert PendingIndexUpdate.objects.count() >= 1


def test_outage__index_catches_up_when_elasticsearch_is_back(
    portal, unreachable_elasticsearch
):
    solution = SolutionPageFactory(portal=portal, title="Windpark", slug="wind")
    gone = SolutionPageFactory(portal=portal, title="Altprojekt", slug="alt")
    gone_pk = gone.pk
    gone.delete()
    assert PendingIndexUpdate.objects.filter(action="delete").exists()
    pending_count = PendingIndexUpdate.objects.count()

    replayed, remaining = replay(make_backend())

    assert (replayed, remaining) == (pending_count, 0)
    requests = [(method, target) for method, target, _body in sent()]
    assert ("PUT", f"/kbtest_wagtailcore_page/_doc/{solution.pk}") in requests
    assert ("DELETE", f"/kbtest_wagtailcore_page/_doc/{gone_pk}") in requests
    assert not PendingIndexUpdate.objects.exists()
