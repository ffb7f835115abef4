"""Open licences the knowledge base's metadata can be published under.

Each carries its URI in the DCAT-AP.de licence vocabulary
(https://www.dcat-ap.de/def/licenses/), which the catalogue, the downloads and the
HTTP ``Link`` headers use. ``settings.OPEN_DATA_LICENCE`` picks one.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class OpenDataLicence:
    """A licence: its DCAT-AP.de URI, its name, where its text is and its URI in
    the EU licence vocabulary (DCAT-AP-DK and ADMS-AP use that one)."""

    key: str
    uri: str
    name: str
    url: str
    requires_attribution: bool
    eu_uri: str


EU_LICENCES = "http://publications.europa.eu/resource/authority/licence/"

OPEN_DATA_LICENCES = {
    licence.key: licence
    for licence in (
        OpenDataLicence(
            "cc-by/4.0",
            "http://dcat-ap.de/def/licenses/cc-by/4.0",
            "Creative Commons Attribution 4.0 International (CC BY 4.0)",
            "https://creativecommons.org/licenses/by/4.0/",
            True,
            f"{EU_LICENCES}CC_BY_4_0",
        ),
        OpenDataLicence(
            "dl-by-de/2.0",
            "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
            "Datenlizenz Deutschland – Namensnennung – Version 2.0",
            "https://www.govdata.de/dl-de/by-2-0",
            True,
            f"{EU_LICENCES}DL_DE_BY_2_0",
        ),
        OpenDataLicence(
            "dl-zero-de/2.0",
            "http://dcat-ap.de/def/licenses/dl-zero-de/2.0",
            "Datenlizenz Deutschland – Zero – Version 2.0",
            "https://www.govdata.de/dl-de/zero-2-0",
            False,
            f"{EU_LICENCES}DL_DE_ZERO_2_0",
        ),
        OpenDataLicence(
            "cc-zero",
            "http://dcat-ap.de/def/licenses/cc-zero",
            "Creative Commons CC Zero (CC0 1.0)",
            "https://creativecommons.org/publicdomain/zero/1.0/",
            False,
            f"{EU_LICENCES}CC0",
        ),
    )
}


def open_data_licence() -> OpenDataLicence:
    """The licence chosen in ``settings.OPEN_DATA_LICENCE``."""
    key = settings.OPEN_DATA_LICENCE
    try:
        return OPEN_DATA_LICENCES[key]
    except KeyError as error:
        known = ", ".join(OPEN_DATA_LICENCES)
        raise ImproperlyConfigured(
            f"OPEN_DATA_LICENCE {key!r} is not one of: {known}"
        ) from error


def attribution_text() -> str:
    """Who to name when reusing the data (dcatde:licenseAttributionByText)."""
    return settings.OPEN_DATA_PUBLISHER_NAME
