"""The knowledge base as open data: one record per solution, organisation, contact
and field of action in one language.

The downloads (CSV and JSON), the API and the DCAT-AP.de catalogue share these
records, so every channel publishes the same columns and respects the same consent:
a contact's name only with consent to the name, e-mail and phone only with full
consent. Only live, public solutions are published.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils import timezone, translation
from wagtail.models import Locale

from apps.knowledge.models import (
    Contact,
    ContactDirectoryPage,
    FieldOfAction,
    Organisation,
    SolutionPage,
    ThemePage,
)
from apps.knowledge.models.pages import live_solutions
from apps.knowledge.models.snippets import public_version
from apps.knowledge.models.tags import tag_name
from apps.knowledge.open_data.licences import attribution_text, open_data_licence
from apps.knowledge.open_data.spreadsheet_safety import safe_cell
from apps.knowledge.visibility import visible

# Several values in one CSV cell, e.g. the fields of action of a solution.
CSV_LIST_SEPARATOR = " | "


@dataclass(frozen=True)
class Table:
    """One table of the download: its name in URLs and its stable columns."""

    name: str
    columns: tuple[str, ...]


SOLUTIONS = Table(
    "solutions",
    (
        "id",
        "translation_key",
        "language",
        "title",
        "url",
        "teaser",
        "phase",
        "phase_label",
        "fields_of_action",
        "field_of_action_names",
        "tags",
        "lead_organisation",
        "lead_organisation_slug",
        "lead_organisation_country",
        "partner_organisations",
        "partner_organisation_slugs",
        "contacts",
        "municipality",
        "regional_key",
        "municipality_key",
        "danish_municipality_code",
        "latitude",
        "longitude",
        "start_date",
        "end_date",
        "budget",
        "currency",
        "solution_licence",
        "source_repository",
        "open_data_url",
        "adoption_requirements",
        "first_published_at",
        "last_published_at",
        "data_licence",
    ),
)
ORGANISATIONS = Table(
    "organisations",
    (
        "id",
        "translation_key",
        "language",
        "name",
        "slug",
        "kind",
        "kind_label",
        "country",
        "regional_key",
        "municipality_key",
        "danish_municipality_code",
        "description",
        "website",
        "url",
        "data_licence",
    ),
)
CONTACTS = Table(
    "contacts",
    (
        "id",
        "translation_key",
        "language",
        "name",
        "role",
        "organisation",
        "organisation_slug",
        "email",
        "phone",
        "languages",
        "data_licence",
    ),
)
FIELDS_OF_ACTION = Table(
    "fields-of-action",
    (
        "id",
        "translation_key",
        "language",
        "name",
        "slug",
        "description",
        "cross_cutting",
        "url",
        "data_licence",
    ),
)
TABLES = {
    table.name: table
    for table in (SOLUTIONS, ORGANISATIONS, CONTACTS, FIELDS_OF_ACTION)
}


def _iso(value) -> str:
    return value.isoformat() if value else ""


def _present(items: Iterable) -> list:
    return [item for item in items if item is not None]


def _decimal(value) -> str:
    return "" if value is None else str(value)


def public_contact(contact: Contact) -> dict:
    """What the portal may show of a contact, as far as the person consented."""
    organisation = public_version(contact.organisation)
    return {
        "id": contact.pk,
        "translation_key": str(contact.translation_key),
        "language": contact.locale.language_code,
        "name": contact.name if contact.shows_name else "",
        "role": contact.role,
        "organisation": organisation.name if organisation else "",
        "organisation_slug": organisation.slug if organisation else "",
        "email": contact.email if contact.shows_details else "",
        "phone": contact.phone if contact.shows_details else "",
        "languages": list(contact.languages or []),
    }


def contact_label(contact: Contact) -> str:
    """A contact in one line: name and role, or only the role without consent."""
    public = public_contact(contact)
    parts = [part for part in (public["name"], public["role"]) if part]
    label = ", ".join(parts)
    if public["organisation"]:
        label = (
            f"{label} ({public['organisation']})" if label else public["organisation"]
        )
    return label


class Exporter:
    """Builds the records of one language; page addresses need the request's site."""

    def __init__(self, locale: Locale, request: HttpRequest | None = None) -> None:
        self.locale = locale
        self.language = locale.language_code
        self.request = request
        self.licence = open_data_licence()
        self._directory = (
            ContactDirectoryPage.objects.live().public().filter(locale=locale).first()
        )
        self._theme_urls = {
            theme.field_of_action.translation_key: theme.get_full_url(request)
            for theme in visible(ThemePage.objects)
            .filter(locale=locale)
            .select_related("field_of_action")
        }

    # Querysets -------------------------------------------------------------

    def solutions(self) -> Iterable[SolutionPage]:
        return (
            live_solutions(self.locale)
            .order_by("path")
            .prefetch_related(
                "fields_of_action__field_of_action",
                "tagged_items__tag__translations",
                "partners__organisation__locale",
                "contacts__contact__organisation",
                "contacts__contact__locale",
            )
            .select_related("lead_organisation__locale")
        )

    def organisations(self) -> Iterable[Organisation]:
        # Live only: a translation awaiting review is not published yet.
        return (
            Organisation.objects.live()
            .filter(locale=self.locale)
            .order_by("name", "pk")
        )

    def contacts(self) -> Iterable[Contact]:
        return (
            Contact.objects.live()
            .filter(locale=self.locale)
            .select_related("organisation", "locale")
            .order_by("name", "pk")
        )

    def fields_of_action(self) -> Iterable[FieldOfAction]:
        return FieldOfAction.objects.live().filter(locale=self.locale)

    # Records ---------------------------------------------------------------

    def organisation_url(self, organisation: Organisation) -> str:
        if self._directory is None or organisation.locale_id != self.locale.pk:
            return ""
        return self._directory.get_full_url(
            self.request
        ) + self._directory.reverse_subpage(
            "organisation", kwargs={"slug": organisation.slug}
        )

    def _in_language(self, snippet):
        """The snippet's live version in this language, if translated (else the
        live one stored, else its live German version, else None)."""
        snippet = public_version(snippet)
        if snippet is None or snippet.locale_id == self.locale.pk:
            return snippet
        translated = snippet.get_translation_or_none(self.locale)
        return translated if translated is not None and translated.live else snippet

    def solution_record(self, page: SolutionPage) -> dict:
        fields = _present(
            self._in_language(item.field_of_action)
            for item in page.fields_of_action.all()
        )
        lead = self._in_language(page.lead_organisation)
        partners = _present(
            self._in_language(item.organisation) for item in page.partners.all()
        )
        contacts = _present(
            self._in_language(item.contact) for item in page.contacts.all()
        )
        with translation.override(self.language):
            phase_label = str(page.get_phase_display())
        return {
            "id": page.pk,
            "translation_key": str(page.translation_key),
            "language": self.language,
            "title": page.title,
            "url": page.get_full_url(self.request),
            "teaser": page.teaser,
            "phase": page.phase,
            "phase_label": phase_label,
            "fields_of_action": [field.slug for field in fields],
            "field_of_action_names": [field.name for field in fields],
            # Named in the language of the download where translated.
            "tags": sorted(
                tag_name(item.tag, self.language) for item in page.tagged_items.all()
            ),
            "lead_organisation": lead.name if lead else "",
            "lead_organisation_slug": lead.slug if lead else "",
            "lead_organisation_country": lead.country if lead else "",
            "partner_organisations": [partner.name for partner in partners],
            "partner_organisation_slugs": [partner.slug for partner in partners],
            "contacts": [contact_label(contact) for contact in contacts],
            "municipality": page.municipality,
            "regional_key": page.regional_key,
            "municipality_key": page.municipality_key,
            "danish_municipality_code": page.danish_municipality_code,
            "latitude": _decimal(page.latitude),
            "longitude": _decimal(page.longitude),
            "start_date": _iso(page.start_date),
            "end_date": _iso(page.end_date),
            "budget": _decimal(page.budget),
            "currency": page.currency,
            "solution_licence": page.licence,
            "source_repository": page.source_repository,
            "open_data_url": page.open_data_url,
            "adoption_requirements": page.adoption_requirements,
            "first_published_at": _iso(page.first_published_at),
            "last_published_at": _iso(page.last_published_at),
            "data_licence": self.licence.uri,
        }

    def organisation_record(self, organisation: Organisation) -> dict:
        with translation.override(self.language):
            kind_label = str(organisation.get_kind_display())
        return {
            "id": organisation.pk,
            "translation_key": str(organisation.translation_key),
            "language": self.language,
            "name": organisation.name,
            "slug": organisation.slug,
            "kind": organisation.kind,
            "kind_label": kind_label,
            "country": organisation.country,
            "regional_key": organisation.regional_key,
            "municipality_key": organisation.municipality_key,
            "danish_municipality_code": organisation.danish_municipality_code,
            "description": organisation.description,
            "website": organisation.website,
            "url": self.organisation_url(organisation),
            "data_licence": self.licence.uri,
        }

    def contact_record(self, contact: Contact) -> dict:
        return {**public_contact(contact), "data_licence": self.licence.uri}

    def field_record(self, field: FieldOfAction) -> dict:
        return {
            "id": field.pk,
            "translation_key": str(field.translation_key),
            "language": self.language,
            "name": field.name,
            "slug": field.slug,
            "description": field.description,
            "cross_cutting": field.cross_cutting,
            "url": self._theme_urls.get(field.translation_key, ""),
            "data_licence": self.licence.uri,
        }

    def records(self, table: Table) -> Iterator[dict]:
        builders = {
            SOLUTIONS.name: (self.solutions, self.solution_record),
            ORGANISATIONS.name: (self.organisations, self.organisation_record),
            CONTACTS.name: (self.contacts, self.contact_record),
            FIELDS_OF_ACTION.name: (self.fields_of_action, self.field_record),
        }
        queryset, record = builders[table.name]
        for obj in queryset():
            yield record(obj)

    # Formats ---------------------------------------------------------------

    def csv(self, table: Table) -> str:
        """The table as CSV (RFC 4180, comma, header row); lists joined by `` | ``,
        cells safe for spreadsheets
        (:mod:`apps.knowledge.open_data.spreadsheet_safety`)."""
        output = io.StringIO()
        writer = csv.DictWriter(output, fieldnames=table.columns, lineterminator="\r\n")
        writer.writeheader()
        for record in self.records(table):
            writer.writerow(
                {
                    key: safe_cell(
                        CSV_LIST_SEPARATOR.join(value)
                        if isinstance(value, list)
                        else value
                    )
                    for key, value in record.items()
                }
            )
        return output.getvalue()

    def document(self) -> dict:
        """Everything in one JSON document, with the licence stated at the top."""
        return {
            "language": self.language,
            "generated_at": timezone.now().isoformat(),
            "licence": {
                "name": self.licence.name,
                "uri": self.licence.uri,
                "url": self.licence.url,
                "attribution": attribution_text(),
            },
            "publisher": attribution_text(),
            "solutions": list(self.records(SOLUTIONS)),
            "organisations": list(self.records(ORGANISATIONS)),
            "contacts": list(self.records(CONTACTS)),
            "fields_of_action": list(self.records(FIELDS_OF_ACTION)),
        }
