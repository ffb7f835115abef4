"""Demo solutions and their tags, gathered from the per-region data modules.

A solution is a dict with these keys:

``key``
    Stable identifier; also the page slug in the source language (the translations
    take theirs from their titles) and, with it, the pages' ``translation_key``.
``area``
    Key of the partner area (see :data:`~apps.demo.taxonomy.PARTNER_AREAS`).
``languages``
    Languages the solution exists in, the source language first. Defaults to
    ``["de", "da", "en"]``.
``phase``, ``fields``, ``lead``, ``partners``, ``contacts``, ``tags``
    Classification; fields, organisations, contacts and tags by key.
``municipality``, ``coordinates``, ``period``, ``budget``
    Facts; ``period`` is ``(start, end)`` as ISO dates (``end`` may be ``None``),
    ``budget`` is ``(amount, currency)``.
``licence``, ``repository``, ``open_data``
    The reuse profile; ``text[lang]["adoption"]`` says what a municipality needs.
``related``
    Keys of solutions this one links to (``SolutionRelation``).
``figures``
    Key figures as ``(value, {lang: label})``.
``text``
    Per language: ``title``, ``teaser``, ``body`` (two paragraphs), optional
    ``quote`` as ``(text, attribution)``, and ``adoption``.
"""

from __future__ import annotations

from apps.demo import solutions_cross_border, solutions_germany

ALL_LANGUAGES = ["de", "da", "en"]

SOLUTIONS = [*solutions_germany.SOLUTIONS, *solutions_cross_border.SOLUTIONS]

# One django-taggit tag per key (slug = key), named in German, on every language
# version of a solution, as wagtail-localize copies tags to translations. The Danish
# and English words become the tag's translations (apps.knowledge.models.tags).
TAGS = {
    "3d": {"de": "3D", "da": "3D", "en": "3D"},
    "accessibility": {
        "de": "Barrierefreiheit",
        "da": "tilgængelighed",
        "en": "accessibility",
    },
    "api": {"de": "API", "da": "API", "en": "API"},
    "bilingual": {"de": "Zweisprachigkeit", "da": "tosprogethed", "en": "bilingualism"},
    "broadband": {"de": "Breitband", "da": "bredbånd", "en": "broadband"},
    "care": {"de": "Pflege", "da": "pleje", "en": "care"},
    "chatbot": {"de": "Chatbot", "da": "chatbot", "en": "chatbot"},
    "childcare": {"de": "Kinderbetreuung", "da": "børnepasning", "en": "childcare"},
    "children": {"de": "Kinder", "da": "børn", "en": "children"},
    "citizen-energy": {
        "de": "Bürgerenergie",
        "da": "borgerenergi",
        "en": "community energy",
    },
    "climate-adaptation": {
        "de": "Klimaanpassung",
        "da": "klimatilpasning",
        "en": "climate adaptation",
    },
    "co-creation": {"de": "Co-Creation", "da": "samskabelse", "en": "co-creation"},
    "coastal-protection": {
        "de": "Küstenschutz",
        "da": "kystbeskyttelse",
        "en": "coastal protection",
    },
    "commuting": {"de": "Pendeln", "da": "pendling", "en": "commuting"},
    "coworking": {"de": "Coworking", "da": "coworking", "en": "coworking"},
    "cross-border": {
        "de": "grenzüberschreitend",
        "da": "grænseoverskridende",
        "en": "cross-border",
    },
    "dashboard": {"de": "Dashboard", "da": "dashboard", "en": "dashboard"},
    "data-platform": {
        "de": "Datenplattform",
        "da": "dataplatform",
        "en": "data platform",
    },
    "digital-twin": {
        "de": "Digitaler Zwilling",
        "da": "digital tvilling",
        "en": "digital twin",
    },
    "district-heating": {
        "de": "Fernwärme",
        "da": "fjernvarme",
        "en": "district heating",
    },
    "e-government": {
        "de": "E-Government",
        "da": "digital forvaltning",
        "en": "e-government",
    },
    "e-mobility": {"de": "E-Mobilität", "da": "elmobilitet", "en": "e-mobility"},
    "energy": {"de": "Energie", "da": "energi", "en": "energy"},
    "families": {"de": "Familien", "da": "familier", "en": "families"},
    "frisian": {"de": "Friesisch", "da": "frisisk", "en": "Frisian"},
    "health": {"de": "Gesundheit", "da": "sundhed", "en": "health"},
    "heat-pumps": {"de": "Wärmepumpen", "da": "varmepumper", "en": "heat pumps"},
    "heat-transition": {
        "de": "Wärmewende",
        "da": "grøn varme",
        "en": "heat transition",
    },
    "iot": {
        "de": "Internet der Dinge",
        "da": "tingenes internet",
        "en": "internet of things",
    },
    "islands": {
        "de": "Inseln und Halligen",
        "da": "øer og halliger",
        "en": "islands and Halligen",
    },
    "local-supply": {"de": "Nahversorgung", "da": "nærforsyning", "en": "local supply"},
    "lorawan": {"de": "LoRaWAN", "da": "LoRaWAN", "en": "LoRaWAN"},
    "maps": {"de": "Karten", "da": "kort", "en": "maps"},
    "methods": {"de": "Methoden", "da": "metoder", "en": "methods"},
    "minority-languages": {
        "de": "Minderheitensprachen",
        "da": "mindretalssprog",
        "en": "minority languages",
    },
    "mobility": {"de": "Mobilität", "da": "mobilitet", "en": "mobility"},
    "on-demand": {
        "de": "On-Demand-Verkehr",
        "da": "behovsstyret trafik",
        "en": "on-demand transport",
    },
    "open-data": {"de": "Open Data", "da": "Open Data", "en": "Open Data"},
    "open-source": {"de": "Open Source", "da": "Open Source", "en": "Open Source"},
    "participation": {
        "de": "Bürgerbeteiligung",
        "da": "borgerinddragelse",
        "en": "participation",
    },
    "remote-work": {"de": "Homeoffice", "da": "fjernarbejde", "en": "remote work"},
    "rescue-services": {
        "de": "Rettungsdienst",
        "da": "akutberedskab",
        "en": "emergency services",
    },
    "ride-sharing": {"de": "Mitfahren", "da": "samkørsel", "en": "ride sharing"},
    "rural": {"de": "ländlicher Raum", "da": "landdistrikter", "en": "rural areas"},
    "sensors": {"de": "Sensorik", "da": "sensorer", "en": "sensors"},
    "sharing": {"de": "Sharing", "da": "deleordninger", "en": "sharing"},
    "storm-surge": {"de": "Sturmflut", "da": "stormflod", "en": "storm surge"},
    "telemedicine": {"de": "Telemedizin", "da": "telemedicin", "en": "telemedicine"},
    "vacancy": {"de": "Leerstand", "da": "tomme bygninger", "en": "vacancy"},
    "village-centres": {
        "de": "Ortskerne",
        "da": "landsbykerner",
        "en": "village centres",
    },
    "village-clusters": {
        "de": "Dorfcluster",
        "da": "landsbyklynger",
        "en": "village clusters",
    },
    "village-shop": {"de": "Dorfladen", "da": "landsbybutik", "en": "village shop"},
    "volunteering": {"de": "Ehrenamt", "da": "frivillighed", "en": "volunteering"},
    "welfare-technology": {
        "de": "Wohlfahrtstechnologie",
        "da": "velfærdsteknologi",
        "en": "welfare technology",
    },
    "wind": {"de": "Windenergie", "da": "vindenergi", "en": "wind power"},
}


def languages_of(solution: dict) -> list[str]:
    """The languages a demo solution exists in, its source language first."""
    return list(solution.get("languages", ALL_LANGUAGES))
