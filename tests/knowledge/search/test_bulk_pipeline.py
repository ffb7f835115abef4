"""A rebuild's bulk requests run one at a time beside the building of the next."""

from __future__ import annotations

import threading

import pytest

from apps.knowledge.search.bulk_pipeline import BulkPipeline


def test_requests__run_one_after_another_in_their_order():
    done: list[int] = []
    running = threading.Semaphore(1)

    def request(number: int):
        def send():
            # A second request while one runs would find the semaphore taken.
            assert running.acquire(blocking=False)
            done.append(number)
            running.release()

        return send

    pipeline = BulkPipeline()
    for number in range(20):
        pipeline.send(request(number))
    pipeline.close()

    assert done == list(range(20))


def test_a_failed_request__stops_the_next_one():
    def fail():
        raise ConnectionError("engine away")

    sent: list[str] = []
    pipeline = BulkPipeline()
    pipeline.send(fail)

    with pytest.raises(ConnectionError):
        pipeline.send(lambda: sent.append("next"))
    pipeline.close()
    assert sent == []


def test_the_last_failed_request__raises_at_the_end():
    def fail():
        raise ConnectionError("engine away")

    pipeline = BulkPipeline()
    pipeline.send(fail)

    with pytest.raises(ConnectionError):
        pipeline.close()
