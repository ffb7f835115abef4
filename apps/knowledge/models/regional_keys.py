"""Official keys of a German or Danish territory, for organisations and places.

German: the 12-digit Amtlicher Regionalschlüssel (ARS: Land, Regierungsbezirk,
Kreis, Gemeindeverband, Gemeinde) and the 8-digit Amtlicher Gemeindeschlüssel (AGS:
the ARS without the Gemeindeverband). Danish: the 3-digit kommunekode of the DAGI
register (Danmarks Administrative Geografiske Inddeling). The open-data catalogues
turn them into the URIs of ``dcatde:politicalGeocodingURI`` and ``dct:spatial``
(``political_geocoding_uris``).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

DCATDE_GEOCODING = "http://dcat-ap.de/def/politicalGeocoding/"
# The municipality in Dataforsyningen's DAGI service, named by its 4-digit code.
DAGI_MUNICIPALITY = "https://api.dataforsyningen.dk/kommuner/"

_ARS = re.compile(r"\d{12}")
_AGS = re.compile(r"\d{8}")
_KOMMUNEKODE = re.compile(r"\d{3}")
# The 16 Länder are numbered 01 to 16.
_LAENDER = range(1, 17)
# Danish municipality codes run from 101 (København) to 860 (Hjørring).
_KOMMUNEKODER = range(101, 861)


def validate_regional_key(value: str) -> None:
    """A 12-digit Amtlicher Regionalschlüssel of one of the 16 Länder."""
    if not _ARS.fullmatch(value) or int(value[:2]) not in _LAENDER:
        raise ValidationError(
            _(
                "A regional key (ARS) has 12 digits and starts with the number of "
                "a Land, 01 to 16, e.g. 010010000000 for Flensburg."
            ),
            code="invalid_regional_key",
        )


def validate_municipality_key(value: str) -> None:
    """An 8-digit Amtlicher Gemeindeschlüssel of one of the 16 Länder."""
    if not _AGS.fullmatch(value) or int(value[:2]) not in _LAENDER:
        raise ValidationError(
            _(
                "A municipality key (AGS) has 8 digits and starts with the number "
                "of a Land, 01 to 16, e.g. 01001000 for Flensburg."
            ),
            code="invalid_municipality_key",
        )


def validate_danish_municipality_code(value: str) -> None:
    """A 3-digit Danish kommunekode (101 to 860)."""
    if not _KOMMUNEKODE.fullmatch(value) or int(value) not in _KOMMUNEKODER:
        raise ValidationError(
            _(
                "A Danish municipality code has 3 digits, from 101 to 860, e.g. "
                "550 for Tønder."
            ),
            code="invalid_danish_municipality_code",
        )


def municipality_key_of(regional_key: str) -> str:
    """The AGS inside an ARS: the ARS without the Gemeindeverband (digits 6-9)."""
    return regional_key[:5] + regional_key[9:]


def political_geocoding_uris(
    regional_key: str, municipality_key: str, danish_municipality_code: str
) -> list[str]:
    """The URIs of a territory: DCAT-AP.de's regional and municipality key
    vocabulary for German keys, the DAGI municipality for a Danish code."""
    uris = []
    if regional_key:
        uris.append(f"{DCATDE_GEOCODING}regionalKey/{regional_key}")
    if municipality_key:
        uris.append(f"{DCATDE_GEOCODING}municipalityKey/{municipality_key}")
    if danish_municipality_code:
        uris.append(f"{DAGI_MUNICIPALITY}{int(danish_municipality_code):04d}")
    return uris


class RegionalKeysMixin(models.Model):
    """The official keys of the territory an organisation or a place stands for."""

    regional_key = models.CharField(
        _("regional key (ARS)"),
        max_length=12,
        blank=True,
        validators=[validate_regional_key],
        help_text=_(
            "German places only: the 12-digit Amtlicher Regionalschlüssel, e.g. "
            "010010000000 for Flensburg."
        ),
    )
    municipality_key = models.CharField(
        _("municipality key (AGS)"),
        max_length=8,
        blank=True,
        validators=[validate_municipality_key],
        help_text=_(
            "German places only: the 8-digit Amtlicher Gemeindeschlüssel, e.g. "
            "01001000 for Flensburg; filled from the regional key if empty."
        ),
    )
    danish_municipality_code = models.CharField(
        _("Danish municipality code"),
        max_length=3,
        blank=True,
        validators=[validate_danish_municipality_code],
        help_text=_(
            "Danish places only: the 3-digit kommunekode, e.g. 550 for Tønder."
        ),
    )

    class Meta:
        abstract = True

    # The same in every language: wagtail-localize copies them to translations.
    REGIONAL_KEY_FIELDS: tuple[str, ...] = (
        "regional_key",
        "municipality_key",
        "danish_municipality_code",
    )

    def clean_regional_keys(self, *, country: str | None = None) -> None:
        """The keys agree with each other and with ``country`` (DE or DK)."""
        errors = {}
        german = self.regional_key or self.municipality_key
        if self.regional_key and not self.municipality_key:
            self.municipality_key = municipality_key_of(self.regional_key)
        if (
            self.regional_key
            and self.municipality_key
            and municipality_key_of(self.regional_key) != self.municipality_key
        ):
            errors["municipality_key"] = _(
                "The municipality key does not match the regional key: it should "
                "be %(key)s."
            ) % {"key": municipality_key_of(self.regional_key)}
        if german and self.danish_municipality_code:
            errors["danish_municipality_code"] = _(
                "A place is either German or Danish: give German keys or a Danish "
                "municipality code, not both."
            )
        elif german and country == "DK":
            errors["regional_key"] = _("German keys are for German organisations.")
        elif self.danish_municipality_code and country == "DE":
            errors["danish_municipality_code"] = _(
                "A Danish municipality code is for Danish organisations."
            )
        if errors:
            raise ValidationError(errors)

    def political_geocoding_uris(self) -> list[str]:
        """The URIs of this territory (``political_geocoding_uris``)."""
        return political_geocoding_uris(*self.regional_keys())

    def regional_keys(self) -> tuple[str, str, str]:
        return (
            self.regional_key,
            self.municipality_key,
            self.danish_municipality_code,
        )
