"""Seed the demo portal: pages, snippets, solutions, roles and demo logins."""

from __future__ import annotations

import logging
import time
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from apps.demo.seed import demo_content_exists, seed_demo
from apps.demo.synthetic import generate_synthetic
from apps.demo.terms import seed_term_groups

# Loggers that report every page saved and every background task run; at normal
# verbosity the seed reports a summary instead.
CHATTY_LOGGERS = ["wagtail", "django_tasks"]


@contextmanager
def quiet_loggers(quiet: bool):
    if not quiet:
        yield
        return
    loggers = [logging.getLogger(name) for name in CHATTY_LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = (
        "Create the demo content of the knowledge base in German, Danish and English "
        "(idempotent: a rerun adds only what is missing), the editorial groups, and "
        "development logins. Never run it against a production database."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the demo content is already there (for `make run`).",
        )
        parser.add_argument(
            "--synthetic",
            type=int,
            default=0,
            metavar="N",
            help="Also generate N synthetic solution pages for benchmarks "
            "(idempotent for the same N).",
        )
        parser.add_argument(
            "--synthetic-unindexed",
            action="store_true",
            help="Leave the synthetic pages out of the search index, for a following "
            "`manage.py update_index` (the search benchmark times that one).",
        )

    def handle(self, *args, **options) -> None:
        with quiet_loggers(options["verbosity"] < 2):
            self.seed(options)

    def seed(self, options) -> None:
        synthetic = options["synthetic"]
        if synthetic < 0:
            raise CommandError("--synthetic needs a number of pages, 0 or more.")
        if options["if_empty"] and demo_content_exists():
            self.stdout.write("Demo content already present; nothing to do.")
            return

        started = time.monotonic()
        missing = sorted(
            {"de", "da", "en"}
            - set(Locale.objects.values_list("language_code", flat=True))
        )
        if missing:
            raise CommandError(
                f"The content languages {', '.join(missing)} are missing; "
                "run `manage.py migrate` first."
            )
        result = seed_demo()
        if term_groups := seed_term_groups():
            result.created["term groups"] += term_groups
        created = ", ".join(f"{n} {what}" for what, n in sorted(result.created.items()))
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready ({created or 'nothing new'}) "
                f"in {time.monotonic() - started:.1f}s."
            )
        )
        if synthetic:
            started = time.monotonic()
            added = generate_synthetic(
                synthetic, index=not options["synthetic_unindexed"]
            )
            self.stdout.write(
                self.style.SUCCESS(
                    f"Synthetic solutions: {added} of {synthetic} added "
                    f"in {time.monotonic() - started:.1f}s."
                )
            )

        self.stdout.write("")
        self.stdout.write(
            self.style.WARNING(
                "Development demo logins (insecure passwords, never use in production):"
            )
        )
        for username, password, role in result.users:
            self.stdout.write(f"  {username:<28} password: {password:<6} ({role})")
