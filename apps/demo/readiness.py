"""Demo reuse-readiness profiles: the transfer phase and criteria of some solutions.

Keyed by solution key (:mod:`apps.demo.solutions`); ``text[lang]`` holds the
profile's texts in each language the solution exists in. A criterion left out is
one the solution does not document yet, so the demo shows every phase and both
full and thin profiles. Licence, source code and what an adopter needs come from
the solution itself.
"""

from __future__ import annotations

from apps.knowledge.choices import TransferPhase

DOCS = "https://docs.example.org/smarte-grenzregion"

#: The profile fields a solution's ``text[lang]`` may fill.
TEXT_FIELDS = (
    "documentation",
    "operating_model",
    "running_costs",
    "data_interfaces",
    "impact_evidence",
    "exit_plan",
)

PROFILES: dict[str, dict] = {
    # Scaling: every criterion documented.
    "digitalagentur-datenplattform": {
        "transfer_phase": TransferPhase.SCALING,
        "documentation_url": f"{DOCS}/urbane-datenplattform",
        "text": {
            "de": {
                "documentation": "Installations-, Betriebs- und Nutzerhandbuch "
                "im Repository; Architektur nach DIN SPEC 91357.",
                "operating_model": "Die Digitalagentur betreibt die Plattform für "
                "alle Partner; jede Kommune bleibt für ihre eigenen Daten "
                "verantwortlich.",
                "running_costs": "Rund 95.000 EUR im Jahr für Hosting und "
                "Betrieb, geteilt nach Einwohnerzahl der beteiligten Kommunen.",
                "data_interfaces": "OGC SensorThings API, DCAT-AP.de für den "
                "Katalog, CKAN-API: https://opendata.example.org/api/3/",
                "impact_evidence": "Evaluation 2025: 14 Fachverfahren liefern "
                "Daten, 48 offene Datensätze, 9.000 Abrufe im Monat.",
                "exit_plan": "Alle Daten lassen sich in offenen Formaten "
                "exportieren; ein Mandant kann mit sechs Monaten Frist "
                "auf eine eigene Installation umziehen.",
            },
            "da": {
                "documentation": "Installations-, drifts- og brugervejledning i "
                "repositoriet; arkitektur efter DIN SPEC 91357.",
                "operating_model": "Digitalagenturet driver platformen for alle "
                "partnere; hver kommune har ansvaret for sine egne data.",
                "running_costs": "Omkring 95.000 EUR om året til hosting og "
                "drift, fordelt efter indbyggertal i de deltagende kommuner.",
                "data_interfaces": "OGC SensorThings API, DCAT-AP.de til "
                "kataloget, CKAN-API: https://opendata.example.org/api/3/",
                "impact_evidence": "Evaluering 2025: 14 fagsystemer leverer data, "
                "48 åbne datasæt, 9.000 opslag om måneden.",
                "exit_plan": "Alle data kan eksporteres i åbne formater; en lejer "
                "kan flytte til en egen installation med seks måneders varsel.",
            },
            "en": {
                "documentation": "Installation, operations and user manuals in "
                "the repository; architecture following DIN SPEC 91357.",
                "operating_model": "The Digital Agency runs the platform for all "
                "partners; each municipality stays responsible for its own data.",
                "running_costs": "About EUR 95,000 a year for hosting and "
                "operation, shared by the population of the municipalities "
                "taking part.",
                "data_interfaces": "OGC SensorThings API, DCAT-AP.de for the "
                "catalogue, CKAN API: https://opendata.example.org/api/3/",
                "impact_evidence": "Evaluation 2025: 14 specialist systems supply "
                "data, 48 open data sets, 9,000 requests a month.",
                "exit_plan": "All data can be exported in open formats; a tenant "
                "can move to an installation of its own at six months' notice.",
            },
        },
    },
    # Scaling, but proprietary software: costs and operation well documented.
    "nf-rufbus": {
        "transfer_phase": TransferPhase.SCALING,
        "text": {
            "de": {
                "operating_model": "Ein Verkehrsunternehmen fährt im Auftrag des "
                "Kreises; die Buchungssoftware ist gemietet.",
                "running_costs": "Etwa 410.000 EUR im Jahr, getragen vom "
                "Aufgabenträger des ÖPNV; Fahrgeld nach Tarif.",
                "impact_evidence": "2025: 38.000 Fahrten, 22 % davon in Orten "
                "ohne Linienbus.",
            },
            "da": {
                "operating_model": "Et trafikselskab kører på vegne af kredsen; "
                "bookingsoftwaren er lejet.",
                "running_costs": "Omkring 410.000 EUR om året, betalt af den "
                "ansvarlige for den kollektive trafik; billetpris efter takst.",
                "impact_evidence": "2025: 38.000 ture, heraf 22 % i byer uden rutebus.",
            },
            "en": {
                "operating_model": "A transport operator drives on behalf of the "
                "district; the booking software is rented.",
                "running_costs": "About EUR 410,000 a year, borne by the public "
                "transport authority; fares as per tariff.",
                "impact_evidence": "2025: 38,000 rides, 22 % of them in places "
                "without a regular bus.",
            },
        },
    },
    # Minimum viable product.
    "flensburg-hafen-pegel": {
        "transfer_phase": TransferPhase.MVP,
        "documentation_url": f"{DOCS}/hafen-pegel",
        "text": {
            "de": {
                "operating_model": "Die Stadtwerke betreiben Sensoren und Netz; "
                "die Feuerwehr legt die Warnschwellen fest.",
                "running_costs": "Etwa 6.500 EUR im Jahr für Batterien, Wartung "
                "und Netz, getragen von der Stadt.",
                "data_interfaces": "MQTT und die OGC SensorThings API.",
            },
            "da": {
                "operating_model": "Forsyningen driver sensorer og net; "
                "brandvæsenet fastsætter varslingsgrænserne.",
                "running_costs": "Omkring 6.500 EUR om året til batterier, "
                "vedligeholdelse og net, betalt af byen.",
                "data_interfaces": "MQTT og OGC SensorThings API.",
            },
            "en": {
                "operating_model": "The municipal utility runs the sensors and "
                "network; the fire brigade sets the warning thresholds.",
                "running_costs": "About EUR 6,500 a year for batteries, upkeep "
                "and network, borne by the city.",
                "data_interfaces": "MQTT and the OGC SensorThings API.",
            },
        },
    },
    "dk-energitjek-boligejere": {
        "transfer_phase": TransferPhase.MVP,
        "text": {
            "de": {
                "documentation": "Handbuch für Kommunen und Energieberater im "
                "Repository.",
                "operating_model": "Die Kommune Sønderborg betreibt das Angebot; "
                "ProjectZero pflegt die Beraterliste.",
                "impact_evidence": "1.700 Energiechecks im ersten Jahr, 240 "
                "vermittelte Sanierungen.",
            },
            "da": {
                "documentation": "Vejledning til kommuner og energirådgivere i "
                "repositoriet.",
                "operating_model": "Sønderborg Kommune driver tilbuddet; "
                "ProjectZero vedligeholder listen over rådgivere.",
                "impact_evidence": "1.700 energitjek det første år, 240 "
                "formidlede renoveringer.",
            },
            "en": {
                "documentation": "Manual for municipalities and energy advisers "
                "in the repository.",
                "operating_model": "Sønderborg Municipality runs the service; "
                "ProjectZero keeps the list of advisers.",
                "impact_evidence": "1,700 energy checks in the first year, 240 "
                "retrofits arranged.",
            },
        },
    },
    # Proof of concept.
    "nf-telemedizin-halligen": {
        "transfer_phase": TransferPhase.PROOF_OF_CONCEPT,
        "text": {
            "de": {
                "operating_model": "Zwei Hausarztpraxen auf dem Festland und die "
                "Pflegekräfte auf den Halligen, koordiniert vom Kreis.",
                "exit_plan": "Die Geräte gehören dem Kreis; die Gesundheitsdaten "
                "liegen in den Praxisverwaltungssystemen der Praxen.",
            },
            "da": {
                "operating_model": "To lægepraksisser på fastlandet og "
                "plejepersonalet på halligerne, koordineret af kredsen.",
                "exit_plan": "Udstyret tilhører kredsen; sundhedsdata ligger i "
                "praksissernes egne journalsystemer.",
            },
            "en": {
                "operating_model": "Two GP practices on the mainland and the "
                "nursing staff on the Halligen, co-ordinated by the district.",
                "exit_plan": "The devices belong to the district; the health data "
                "stays in the practices' own record systems.",
            },
        },
    },
    "digitalagentur-digitaler-zwilling": {
        "transfer_phase": TransferPhase.PROOF_OF_CONCEPT,
        "text": {
            "de": {
                "data_interfaces": "CityGML und 3D Tiles für das Stadtmodell, "
                "SensorThings API für Messwerte.",
            },
            "da": {
                "data_interfaces": "CityGML og 3D Tiles til bymodellen, "
                "SensorThings API til måledata.",
            },
            "en": {
                "data_interfaces": "CityGML and 3D Tiles for the city model, the "
                "SensorThings API for measurements.",
            },
        },
    },
    # Idea: only the phase so far.
    "flensburg-quartiersenergie": {
        "transfer_phase": TransferPhase.IDEA,
        "text": {},
    },
}


def readiness_fields(key: str, language: str) -> dict[str, str]:
    """The profile fields of solution ``key`` in ``language`` (blank if it has none;
    the phase in every language)."""
    profile = PROFILES.get(key)
    if profile is None:
        return {}
    text = profile["text"].get(language, {})
    return {
        "transfer_phase": profile["transfer_phase"],
        "documentation_url": profile.get("documentation_url", ""),
        **{name: text.get(name, "") for name in TEXT_FIELDS},
    }
