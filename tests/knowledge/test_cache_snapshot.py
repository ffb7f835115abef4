"""A portal request reads the cache in one round trip (issue 15), and never stale."""

from __future__ import annotations

import uuid
from http import HTTPStatus

import pytest
import redis
from django.core.cache import cache

from apps.knowledge import cache_snapshot, content_cache
from apps.knowledge.models import SolutionPage
from apps.knowledge.portal.page_cache import HIT_HEADER
from tests.knowledge.factories import PortalFactory, SolutionPageFactory

pytestmark = pytest.mark.django_db

#: A Redis database of the tests (9-12); keys get a prefix of their own per test.
REDIS_URL = "redis://127.0.0.1:6379/10"


class SentCommands(list):
    """The names of the commands sent to Redis; ``keys``: their arguments."""

    def __init__(self):
        super().__init__()
        self.keys: list[tuple] = []

    def clear(self):
        super().clear()
        self.keys.clear()


@pytest.fixture
def redis_commands(settings, monkeypatch):
    """The cache on Redis, and the names of the commands sent to it."""
    server = redis.Redis.from_url(REDIS_URL)
    try:
        server.ping()
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    prefix = f"snapshot-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "apps.knowledge.cache_snapshot.SnapshotRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    settings.CONTENT_CACHE_SECONDS = 3600
    cache_snapshot.learned.clear()
    commands = SentCommands()
    send = redis.Redis.execute_command

    def counting(self, *args, **options):
        commands.append(str(args[0]).upper())
        commands.keys.append(args[1:])
        return send(self, *args, **options)

    monkeypatch.setattr(redis.Redis, "execute_command", counting)
    yield commands
    cache_snapshot.learned.clear()
    for key in server.scan_iter(f"{prefix}*"):
        server.delete(key)


@pytest.fixture
def portal():
    return PortalFactory()


@pytest.fixture
def solution(portal):
    page = SolutionPageFactory(portal=portal, title="Energiedaten-Plattform")
    page.save_revision().publish()
    return page


def test_page_from_the_page_cache__is_answered_in_one_redis_round_trip(
    client, settings, solution, redis_commands
):
    settings.PORTAL_CACHE_SECONDS = 600
    url = solution.get_url()
    client.get(url)  # rendered and stored
    client.get(url)  # a hit: its tags' versions checked, the keys it read noted
    client.get(url)  # the check noted against the count of retirements
    redis_commands.clear()

    response = client.get(url)

    assert response[HIT_HEADER] == "hit"
    assert "Energiedaten-Plattform" in response.content.decode()
    # The page, its last check and the count of retirements, together: not the
    # versions of the twenty-odd tags it shows.
    assert redis_commands == ["MGET"]
    assert len(redis_commands.keys[0]) == 3


def test_page_from_the_page_cache__after_something_else_was_retired__is_checked_once(
    client, settings, solution, redis_commands
):
    settings.PORTAL_CACHE_SECONDS = 600
    url = solution.get_url()
    for _ in range(3):
        client.get(url)
    # A page of another portal, which this page does not show, is published.
    content_cache.retire_now(["page:00000000-0000-0000-0000-000000000000"])
    redis_commands.clear()

    checked = client.get(url)
    commands_of_the_check = list(redis_commands)
    redis_commands.clear()
    again = client.get(url)

    assert checked[HIT_HEADER] == again[HIT_HEADER] == "hit"
    # The versions read afresh, once, and the check noted.
    assert commands_of_the_check == ["MGET", "MGET", "SET"]
    assert redis_commands == ["MGET"]


def test_page_without_the_page_cache__reads_its_fragments_in_one_redis_round_trip(
    client, settings, solution, redis_commands
):
    settings.PORTAL_CACHE_SECONDS = 0
    url = solution.get_url()
    first = client.get(url)
    client.get(url)
    redis_commands.clear()

    response = client.get(url)

    assert response.status_code == HTTPStatus.OK
    assert response.content == first.content
    assert redis_commands == ["MGET"]


def test_publish_after_the_keys_were_noted__shows_at_once(
    client, settings, solution, redis_commands
):
    settings.PORTAL_CACHE_SECONDS = 0
    url = solution.get_url()
    client.get(url)
    client.get(url)

    page = SolutionPage.objects.get(pk=solution.pk)
    page.title = "Energiedaten-Plattform 2.0"
    page.save_revision().publish()
    html = client.get(url).content.decode()

    # In the head, the masthead's language links and the body alike.
    assert "<title>Energiedaten-Plattform 2.0" in html
    assert html.count("Energiedaten-Plattform 2.0") >= 2
    assert "Energiedaten-Plattform<" not in html


def test_page_with_a_junk_parameter__keeps_no_fragment_of_its_own(
    client, settings, solution, redis_commands
):
    settings.PORTAL_CACHE_SECONDS = 0
    server = redis.Redis.from_url(REDIS_URL)
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    client.get(solution.get_url())
    kept = set(server.scan_iter(f"{prefix}*page-fragment*"))

    for number in range(5):
        response = client.get(f"{solution.get_url()}?cb={number}")
        assert "Energiedaten-Plattform" in response.content.decode()

    assert kept
    assert set(server.scan_iter(f"{prefix}*page-fragment*")) == kept


def test_value_written_in_the_request__is_read_back_as_written():
    key = f"snapshot-{uuid.uuid4().hex}"
    cache.set(key, 1)

    with cache_snapshot.snapshot("/de/written/"):
        assert cache.get(key) == 1
        cache.set(key, 2)
        assert cache.get(key) == 2
        cache.incr(key)
        assert cache.get_many([key]) == {key: 3}
        cache.delete(key)
        assert cache.get(key, "gone") == "gone"
        assert cache.add(key, 4)
        assert cache.get(key) == 4


def test_value_changed_after_a_request__is_read_fresh_by_the_next_one():
    key = f"snapshot-{uuid.uuid4().hex}"
    cache.set(key, "before")
    with cache_snapshot.snapshot("/de/fresh/"):
        assert cache.get(key) == "before"

    cache.set(key, "after")  # another process, between two requests

    with cache_snapshot.snapshot("/de/fresh/"):
        assert cache.get(key) == "after"


def test_addresses_remembered__are_bounded():
    learned = cache_snapshot._Learned(size=2)
    for address in ("/de/a/", "/de/b/", "/de/c/"):
        learned.put(address, [(address, None)])

    assert learned.get("/de/a/") == ()
    assert learned.get("/de/c/") == (("/de/c/", None),)


def test_page_from_the_page_cache__checked_before_a_publish__shows_the_change_at_once(
    client, settings, solution, redis_commands
):
    settings.PORTAL_CACHE_SECONDS = 600
    url = solution.get_url()
    for _ in range(3):  # stored, checked, served on the noted check
        client.get(url)

    page = SolutionPage.objects.get(pk=solution.pk)
    page.title = "Energiedaten-Plattform 2.0"
    page.save_revision().publish()
    response = client.get(url)

    assert response[HIT_HEADER] == "miss"
    assert "<title>Energiedaten-Plattform 2.0" in response.content.decode()
