"""Create the editorial groups and their permissions (idempotent)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from apps.workflow.groups import setup_roles


class Command(BaseCommand):
    help = (
        "Create or complete the editor, moderator, Digitalagentur and translator "
        "groups with their page, snippet and collection permissions. Safe to rerun."
    )

    def handle(self, *args, **options) -> None:
        report = setup_roles()
        for name in report.groups:
            self.stdout.write(f"  group: {name}")
        self.stdout.write(
            f"{len(report.groups)} groups ready, "
            f"{report.page_permissions_created} page permissions added."
        )
        for missing in report.missing_pages:
            self.stdout.write(
                self.style.WARNING(
                    f"No page found for {missing}; run seed_demo or create it, "
                    "then run setup_roles again."
                )
            )
