"""Create a solution draft from a publiccode.yml file."""

from __future__ import annotations

from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext
from wagtail.models import Page

from apps.knowledge.models import PartnerAreaPage
from apps.knowledge.open_data.publiccode import default_partner_area, solution_draft


class Command(BaseCommand):
    help = (
        "Create a solution from a publiccode.yml (standard 0.4) as a draft in a "
        "partner area; an editor completes and submits it. Nothing is published."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="the publiccode.yml to import")
        parser.add_argument(
            "--parent",
            type=int,
            help="id of the partner area page (default: the first German one)",
        )

    def handle(self, *args, **options) -> None:
        try:
            document = yaml.safe_load(options["file"].read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as error:
            raise CommandError(f"Cannot read {options['file']}: {error}") from error
        if options["parent"] is not None:
            parent = PartnerAreaPage.objects.filter(pk=options["parent"]).first()
        else:
            parent = default_partner_area()
        if not isinstance(parent, Page):
            raise CommandError("No partner area page to put the solution in.")
        try:
            page = solution_draft(document, parent)
        except ValidationError as error:
            raise CommandError(
                gettext("Not a valid publiccode.yml:")
                + "\n"
                + "\n".join(error.messages)
            ) from error
        self.stdout.write(
            f"Created the draft solution {page.title!r} (id {page.pk}) in "
            f"{parent.title!r}."
        )
