"""Send the index changes Elasticsearch missed while it was unreachable."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from wagtail.search.backends import get_search_backend

from apps.knowledge.models import PendingIndexUpdate
from apps.knowledge.search import engine
from apps.knowledge.search.pending import replay


class Command(BaseCommand):
    help = (
        "Replay the index updates noted while Elasticsearch was unreachable. "
        "Run it (or schedule it) once Elasticsearch answers again."
    )

    def handle(self, *args, **options) -> None:
        backend = get_search_backend("default")
        engine.forget_reachability()
        if not engine.reachable(backend):
            count = PendingIndexUpdate.objects.count()
            self.stderr.write(
                f"Search engine unreachable; {count} update(s) stay pending."
            )
            return
        replayed, remaining = replay(backend)
        self.stdout.write(f"Replayed {replayed} update(s); {remaining} pending.")
