"""Where a submission goes: the partner area responsible for the organisation.

An organisation's own area first; a Danish organisation's to the Danish partners'
area; otherwise the area holding most of its solutions, else the Digitalagentur's.
"""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.db.models import Q
from wagtail.models import Locale

from apps.knowledge.models import Organisation, PartnerAreaPage, SolutionPage

# Where submissions go when the organisation has no area of its own: Danish
# organisations to the Danish partners' area, others to the area holding most of
# their solutions, else to the Digitalagentur's area (the slugs of the German
# areas, whose translations share their translation key; see
# apps.knowledge.roles.area_owners).
DANISH_AREA_SLUG = "daenische-partner"
DEFAULT_AREA_SLUG = "digitalagentur"


class NoAreaError(Exception):
    """No partner area exists in the language the partner writes in."""


def _areas_with_solutions_of(organisation: Organisation) -> Counter:
    """How many solutions the organisation leads or partners in, per area."""
    key = organisation.translation_key
    solutions = SolutionPage.objects.filter(
        Q(lead_organisation__translation_key=key)
        | Q(partners__organisation__translation_key=key)
    ).distinct()
    counts: Counter = Counter()
    for area in PartnerAreaPage.objects.all():
        count = solutions.descendant_of(area).count()
        if count:
            counts[area.translation_key] += count
    return counts


def responsible_area_key(organisation: Organisation):
    """The translation key of the partner area responsible for an organisation."""
    areas = PartnerAreaPage.objects.all()
    own = areas.filter(organisation__translation_key=organisation.translation_key)
    if own.exists():
        return own.first().translation_key
    if organisation.is_danish:
        danish = areas.filter(
            slug=getattr(settings, "PARTNER_DANISH_AREA_SLUG", DANISH_AREA_SLUG)
        ).first()
        if danish:
            return danish.translation_key
    counts = _areas_with_solutions_of(organisation)
    if counts:
        return counts.most_common(1)[0][0]
    default = (
        areas.filter(
            slug=getattr(settings, "PARTNER_DEFAULT_AREA_SLUG", DEFAULT_AREA_SLUG)
        ).first()
        or areas.order_by("path").first()
    )
    return default.translation_key if default else None


def responsible_area(organisation: Organisation, locale: Locale) -> PartnerAreaPage:
    """The partner area in ``locale`` where the organisation's submissions go."""
    key = responsible_area_key(organisation)
    area = PartnerAreaPage.objects.filter(translation_key=key, locale=locale).first()
    if key is None or area is None:
        raise NoAreaError(locale.language_code)
    return area
