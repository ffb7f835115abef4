"""Choice lists shared by models, forms, filters and the demo content."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Country(models.TextChoices):
    GERMANY = "DE", _("Germany")
    DENMARK = "DK", _("Denmark")


class OrganisationKind(models.TextChoices):
    CITY = "city", _("City")
    DISTRICT = "district", _("District (Kreis)")
    DANISH_MUNICIPALITY = "dk_municipality", _("Danish municipality")
    REGION = "region", _("Region")
    AGENCY = "agency", _("Agency")
    ASSOCIATION = "association", _("Association (Verein)")
    COMPANY = "company", _("Company")
    RESEARCH = "research", _("Research institution")


class PublicationConsent(models.TextChoices):
    """How much of a contact the portal may show, as the person agreed (GDPR)."""

    NONE = "none", _("Nothing personal: only role and organisation")
    NAME = "name", _("Name, role and organisation")
    FULL = "full", _("Name, role, organisation, e-mail and phone")


class Language(models.TextChoices):
    GERMAN = "de", _("German")
    DANISH = "da", _("Danish")
    ENGLISH = "en", _("English")
    FRISIAN = "frr", _("North Frisian")
    LOW_GERMAN = "nds", _("Low German")


class Phase(models.TextChoices):
    """Where a solution stands on the road from idea to regular operation."""

    IDEA = "idea", _("Idea")
    CONCEPT = "concept", _("Concept")
    PROTOTYPE = "prototype", _("Prototype")
    PILOT = "pilot", _("Pilot")
    OPERATION = "operation", _("Regular operation")
    COMPLETED = "completed", _("Completed")


class TransferPhase(models.TextChoices):
    """How far a solution is ready for another municipality to take over, in the
    phases of the transfer criteria of the federal programme "Smart Cities made in
    Germany"; blank: not assessed yet."""

    IDEA = "idea", _("Idea")
    PROOF_OF_CONCEPT = "proof_of_concept", _("Proof of concept")
    MVP = "mvp", _("Minimum viable product")
    SCALING = "scaling", _("Scaling")


class Currency(models.TextChoices):
    EUR = "EUR", _("Euro (EUR)")
    DKK = "DKK", _("Danish krone (DKK)")


class Licence(models.TextChoices):
    EUPL = "EUPL-1.2", "EUPL 1.2"
    MIT = "MIT", "MIT"
    APACHE = "Apache-2.0", "Apache 2.0"
    GPL = "GPL-3.0-or-later", "GPL 3.0"
    AGPL = "AGPL-3.0-or-later", "AGPL 3.0"
    CC_BY = "CC-BY-4.0", "CC BY 4.0"
    CC0 = "CC0-1.0", "CC0 1.0"
    DL_DE_BY = "DL-DE-BY-2.0", _("Data licence Germany – attribution 2.0")
    PROPRIETARY = "proprietary", _("Proprietary")
    UNKNOWN = "", _("Not yet decided")


class Owner(models.TextChoices):
    """Who maintains a shared record (organisation, contact): an authority's area
    (the values are the slugs of the areas' German versions, see
    ``apps.knowledge.roles.area_owners``) or the Digitalagentur."""

    STADT_FLENSBURG = "stadt-flensburg", "Stadt Flensburg"
    KREIS_NORDFRIESLAND = "kreis-nordfriesland", "Kreis Nordfriesland"
    KREIS_SCHLESWIG_FLENSBURG = (
        "kreis-schleswig-flensburg",
        "Kreis Schleswig-Flensburg",
    )
    DANISH_PARTNERS = "daenische-partner", _("Danish partners")
    DIGITALAGENTUR = "digitalagentur", "Digitalagentur"


class Pictogram(models.TextChoices):
    """The project's own pictograms for fields of action
    (``knowledge/pictograms/<value>.svg``)."""

    GENERIC = "generic", _("Generic (circles)")
    ENERGY = "energy", _("Leaf and lightning (energy, mobility)")
    HEALTH = "health", _("Heart (health)")
    LIVING = "living", _("House (living, working, local supply)")
    PUBLIC_SERVICES = "public-services", _("Town hall (public services)")
    NEIGHBOURHOOD = "neighbourhood", _("Houses and tree (neighbourhood)")
    INFRASTRUCTURE = "infrastructure", _("Shield (critical infrastructure)")
    DATA = "data", _("Connected points (data and services)")
