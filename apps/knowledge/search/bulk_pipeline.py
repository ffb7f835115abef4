"""A rebuild's bulk requests overlap with building the next batch's documents.

modelsearch builds a batch of documents, sends it in one bulk request and waits
for the engine to index it before it reads the next batch from the database: the
engine idles while Python works, and Python waits while the engine indexes. On the
two-core machines the project runs on, a fifth of a rebuild's time was that wait.

During a rebuild (:mod:`.localised`'s rebuilders) one bulk request at a time runs
in a background thread while the next batch is read and built; the next request
waits for it, so an engine error still stops the rebuild, one batch later, and
the rebuild's end waits for the last one before the index is refreshed and shown.
Index updates outside a rebuild (a page saved) stay synchronous: their caller
notes a failure for replay (:mod:`.pending`).
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor


class BulkPipeline:
    """At most one request in flight; :meth:`send` waits for the one before."""

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="search-bulk"
        )
        self._in_flight: Future | None = None

    def send(self, request: Callable[[], object]) -> None:
        """Start ``request`` once the previous one has finished (raising its
        error, if it failed)."""
        self.wait()
        self._in_flight = self._executor.submit(request)

    def wait(self) -> None:
        """Until the request in flight has finished; raises its error."""
        in_flight, self._in_flight = self._in_flight, None
        if in_flight is not None:
            in_flight.result()

    def close(self) -> None:
        """Wait for the last request and stop the thread."""
        try:
            self.wait()
        finally:
            self._executor.shutdown(wait=True)
