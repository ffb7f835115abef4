"""The cache is shared through Redis when REDIS_URL is set (rate limits rely on it)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid

import pytest


def redis_reachable(host: str = "127.0.0.1", port: int = 6379) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def run_settings(code: str, **env: str) -> str:
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
    }
    environment.update(env)
    result = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_without_redis_url__each_process_has_its_own_cache():
    backend = run_settings(
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    )

    assert backend == "apps.knowledge.cache_snapshot.SnapshotLocMemCache"


@pytest.mark.skipif(not redis_reachable(), reason="no Redis on 127.0.0.1:6379")
def test_with_redis_url__two_processes_see_the_same_counter():
    key = f"kb-test-{uuid.uuid4().hex}"
    url = "redis://127.0.0.1:6379/15"
    write = f"from django.core.cache import cache; cache.set('{key}', 3, 60)"
    read = f"from django.core.cache import cache; print(cache.get('{key}'))"

    run_settings(write, REDIS_URL=url)
    seen = run_settings(read, REDIS_URL=url)
    run_settings(
        f"from django.core.cache import cache; cache.delete('{key}')", REDIS_URL=url
    )

    assert seen == "3"
