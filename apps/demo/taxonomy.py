"""Demo data: fields of action, organisations, contacts and the portal structure.

Plain Python data, read by :mod:`apps.demo.seed`. Every entry has a stable
``key``; the seed derives the translation key from it, so a second run finds what the
first one created. Text is a ``{"de": ..., "da": ..., "en": ...}`` dict, or a plain
string where it is the same in every language (proper names).

The people, e-mail addresses, phone numbers, associations and companies are fictional.
"""

from __future__ import annotations

from apps.knowledge.choices import Country, OrganisationKind
from apps.knowledge.models.regional_keys import municipality_key_of

#: The pictogram of each field of action (apps.knowledge.choices.Pictogram).
PICTOGRAMS = {
    "green-energy-mobility": "energy",
    "health": "health",
    "living-working-supply": "living",
    "public-services": "public-services",
    "neighbourhood-development": "neighbourhood",
    "critical-infrastructure": "infrastructure",
    "open-data": "data",
}

FIELDS_OF_ACTION = [
    {
        "key": "green-energy-mobility",
        "cross_cutting": False,
        "name": {
            "de": "Grüne Energie und vernetzte Mobilität",
            "da": "Grøn energi og forbundet mobilitet",
            "en": "Green energy and connected mobility",
        },
        "description": {
            "de": "Erneuerbare Energie aus Wind und Sonne vor Ort nutzen und Wege im "
            "ländlichen Raum ohne eigenes Auto möglich machen.",
            "da": "Udnytte vedvarende energi fra vind og sol lokalt og gøre det muligt "
            "at komme rundt i landdistrikterne uden egen bil.",
            "en": "Using renewable energy from wind and sun locally and making rural "
            "journeys possible without a private car.",
        },
    },
    {
        "key": "health",
        "cross_cutting": False,
        "name": {
            "de": "Gesundheit in allen Lebenslagen",
            "da": "Sundhed i alle livets faser",
            "en": "Health in all stages of life",
        },
        "description": {
            "de": "Versorgung auf dem Land, auf Inseln und Halligen sichern, von der "
            "Geburt bis zur Pflege.",
            "da": "Sikre sundhedsydelser på landet og på øerne, fra fødsel til pleje.",
            "en": "Securing care in the countryside, on islands and Halligen, from "
            "birth to old age.",
        },
    },
    {
        "key": "living-working-supply",
        "cross_cutting": False,
        "name": {
            "de": "Wohnen, Arbeiten und Nahversorgung der Zukunft",
            "da": "Fremtidens bolig, arbejde og nærforsyning",
            "en": "Living, working and local supply of the future",
        },
        "description": {
            "de": "Dorfläden, Coworking und Grenzpendeln: gut leben und arbeiten, "
            "wo man zu Hause ist.",
            "da": "Landsbybutikker, coworking og grænsependling: at leve og arbejde "
            "godt, der hvor man bor.",
            "en": "Village shops, coworking and cross-border commuting: living and "
            "working well where people are at home.",
        },
    },
    {
        "key": "public-services",
        "cross_cutting": True,
        "name": {
            "de": "Daseinsvorsorge",
            "da": "Offentlig service",
            "en": "Public services",
        },
        "description": {
            "de": "Verwaltungsleistungen digital, zweisprachig und barrierefrei.",
            "da": "Offentlige ydelser digitalt, tosproget og tilgængeligt.",
            "en": "Public services that are digital, bilingual and accessible.",
        },
    },
    {
        "key": "neighbourhood-development",
        "cross_cutting": True,
        "name": {
            "de": "Quartiersentwicklung",
            "da": "Kvarters- og landsbyudvikling",
            "en": "Neighbourhood development",
        },
        "description": {
            "de": "Stadtteile und Dörfer gemeinsam mit den Menschen vor Ort gestalten.",
            "da": "Udvikle bydele og landsbyer sammen med borgerne.",
            "en": "Shaping neighbourhoods and villages together with their residents.",
        },
    },
    {
        "key": "critical-infrastructure",
        "cross_cutting": True,
        "name": {
            "de": "Kritische Infrastruktur",
            "da": "Kritisk infrastruktur",
            "en": "Critical infrastructure",
        },
        "description": {
            "de": "Deiche, Häfen, Netze und Rettungsdienste zwischen Nord- und "
            "Ostsee widerstandsfähig machen.",
            "da": "Gøre diger, havne, net og redningstjenester mellem Vesterhavet og "
            "Østersøen modstandsdygtige.",
            "en": "Making dikes, harbours, networks and rescue services between the "
            "North Sea and the Baltic resilient.",
        },
    },
    {
        "key": "open-data",
        "cross_cutting": True,
        "name": {
            "de": "Digitale Daten und Services / Open Data",
            "da": "Digitale data og services / åbne data",
            "en": "Digital data and services / open data",
        },
        "description": {
            "de": "Offene Daten, offene Schnittstellen und Open Source, damit andere "
            "Kommunen Lösungen nachnutzen können.",
            "da": "Åbne data, åbne grænseflader og open source, så andre kommuner kan "
            "genbruge løsningerne.",
            "en": "Open data, open interfaces and open source, so that other "
            "municipalities can reuse the solutions.",
        },
    },
]

_DE, _DK = Country.GERMANY, Country.DENMARK
_K = OrganisationKind

ORGANISATIONS = [
    # The three German authorities of the model project and their agency.
    {
        "key": "stadt-flensburg",
        "kind": _K.CITY,
        "country": _DE,
        "website": "https://www.flensburg.de/",
        "name": {
            "de": "Stadt Flensburg",
            "da": "Flensborg By",
            "en": "City of Flensburg",
        },
        "description": {
            "de": "Kreisfreie Stadt an der Flensburger Förde, Partnerin des "
            "Modellprojekts.",
            "da": "Kredsfri by ved Flensborg Fjord, partner i modelprojektet.",
            "en": "Independent city on the Flensburg Fjord, partner of the model "
            "project.",
        },
    },
    {
        "key": "kreis-nordfriesland",
        "kind": _K.DISTRICT,
        "country": _DE,
        "website": "https://www.nordfriesland.de/",
        "name": {
            "de": "Kreis Nordfriesland",
            "da": "Kreis Nordfriesland (Nordfrisland)",
            "en": "District of North Frisia",
        },
        "description": {
            "de": "Flächenkreis an der Nordsee mit Inseln und Halligen, Heimat der "
            "Nordfriesen.",
            "da": "Landkreds ved Vesterhavet med øer og halliger, nordfrisernes hjem.",
            "en": "Rural district on the North Sea with islands and Halligen, home of "
            "the North Frisians.",
        },
    },
    {
        "key": "kreis-schleswig-flensburg",
        "kind": _K.DISTRICT,
        "country": _DE,
        "website": "https://www.schleswig-flensburg.de/",
        "name": {
            "de": "Kreis Schleswig-Flensburg",
            "da": "Kreis Schleswig-Flensburg (Slesvig-Flensborg)",
            "en": "District of Schleswig-Flensburg",
        },
        "description": {
            "de": "Ländlich geprägter Kreis zwischen Schlei, Förde und dänischer "
            "Grenze.",
            "da": "Landlig kreds mellem Slien, fjorden og den danske grænse.",
            "en": "Rural district between the Schlei, the fjord and the Danish border.",
        },
    },
    {
        "key": "digitalagentur",
        "kind": _K.AGENCY,
        "country": _DE,
        "website": "https://digitalagentur.example.org/",
        "name": {
            "de": "Digitalagentur Smarte Grenzregion",
            "da": "Digitalagenturet Smart Grænseregion",
            "en": "Digital Agency Smart Border Region",
        },
        "description": {
            "de": "Gemeinsame Agentur der drei Partner in Flensburg; setzt das "
            "Modellprojekt um und betreibt diese Wissensdatenbank.",
            "da": "De tre partneres fælles agentur i Flensborg; gennemfører "
            "modelprojektet og driver denne vidensbase.",
            "en": "The three partners' joint agency in Flensburg; runs the model "
            "project and this knowledge base.",
        },
    },
    # Danish partners.
    {
        "key": "aabenraa-kommune",
        "kind": _K.DANISH_MUNICIPALITY,
        "country": _DK,
        "website": "https://www.aabenraa.dk/",
        "name": {
            "de": "Kommune Apenrade",
            "da": "Aabenraa Kommune",
            "en": "Aabenraa Municipality",
        },
        "description": {
            "de": "Dänische Kommune in Sønderjylland an der Apenrader Förde.",
            "da": "Sønderjysk kommune ved Aabenraa Fjord.",
            "en": "Danish municipality in Southern Jutland on the Aabenraa Fjord.",
        },
    },
    {
        "key": "soenderborg-kommune",
        "kind": _K.DANISH_MUNICIPALITY,
        "country": _DK,
        "website": "https://sonderborgkommune.dk/",
        "name": {
            "de": "Kommune Sonderburg",
            "da": "Sønderborg Kommune",
            "en": "Sønderborg Municipality",
        },
        "description": {
            "de": "Dänische Kommune auf Alsen und Sundeved mit ehrgeizigen "
            "Klimazielen.",
            "da": "Kommune på Als og Sundeved med ambitiøse klimamål.",
            "en": "Danish municipality on Als and Sundeved with ambitious climate "
            "goals.",
        },
    },
    {
        "key": "toender-kommune",
        "kind": _K.DANISH_MUNICIPALITY,
        "country": _DK,
        "website": "https://toender.dk/",
        "name": {
            "de": "Kommune Tondern",
            "da": "Tønder Kommune",
            "en": "Tønder Municipality",
        },
        "description": {
            "de": "Dänische Grenzkommune an der Nordsee, Nachbarin Nordfrieslands.",
            "da": "Grænsekommune ved Vadehavet, nabo til Nordfrisland.",
            "en": "Danish border municipality on the Wadden Sea, neighbour of North "
            "Frisia.",
        },
    },
    {
        "key": "haderslev-kommune",
        "kind": _K.DANISH_MUNICIPALITY,
        "country": _DK,
        "website": "https://www.haderslev.dk/",
        "name": {
            "de": "Kommune Hadersleben",
            "da": "Haderslev Kommune",
            "en": "Haderslev Municipality",
        },
        "description": {
            "de": "Dänische Kommune am Haderslebener Damm und der Förde.",
            "da": "Kommune ved Haderslev Dam og Fjord.",
            "en": "Danish municipality by Haderslev Dam and Fjord.",
        },
    },
    {
        "key": "region-syddanmark",
        "kind": _K.REGION,
        "country": _DK,
        "website": "https://regionsyddanmark.dk/",
        "name": {
            "de": "Region Süddänemark",
            "da": "Region Syddanmark",
            "en": "Region of Southern Denmark",
        },
        "description": {
            "de": "Dänische Region, zuständig für Krankenhäuser und regionale "
            "Entwicklung.",
            "da": "Dansk region med ansvar for sygehuse og regional udvikling.",
            "en": "Danish region responsible for hospitals and regional development.",
        },
    },
    # Research institutions.
    {
        "key": "hochschule-flensburg",
        "kind": _K.RESEARCH,
        "country": _DE,
        "website": "https://hs-flensburg.de/",
        "name": {
            "de": "Hochschule Flensburg",
            "da": "Hochschule Flensburg (Flensborg Erhvervsakademi)",
            "en": "Flensburg University of Applied Sciences",
        },
        "description": {
            "de": "Hochschule für angewandte Wissenschaften, u. a. Energie- und "
            "Medizintechnik.",
            "da": "Højskole for anvendt videnskab, bl.a. energi- og medicoteknik.",
            "en": "University of applied sciences, including energy and medical "
            "engineering.",
        },
    },
    {
        "key": "europa-universitaet-flensburg",
        "kind": _K.RESEARCH,
        "country": _DE,
        "website": "https://www.uni-flensburg.de/",
        "name": "Europa-Universität Flensburg",
        "description": {
            "de": "Universität mit Schwerpunkten in Bildung, Nachhaltigkeit und "
            "Energiewende.",
            "da": "Universitet med fokus på uddannelse, bæredygtighed og "
            "energiomstilling.",
            "en": "University focused on education, sustainability and the energy "
            "transition.",
        },
    },
    {
        "key": "syddansk-universitet",
        "kind": _K.RESEARCH,
        "country": _DK,
        "website": "https://www.sdu.dk/",
        "name": {
            "de": "Süddänische Universität",
            "da": "Syddansk Universitet",
            "en": "University of Southern Denmark",
        },
        "description": {
            "de": "Universität mit Standorten in Sønderborg und Odense.",
            "da": "Universitet med campusser bl.a. i Sønderborg og Odense.",
            "en": "University with campuses in Sønderborg and Odense, among others.",
        },
    },
    # Associations and companies (fictional).
    {
        "key": "buergerenergie-nordfriesland",
        "kind": _K.ASSOCIATION,
        "country": _DE,
        "website": "https://buergerenergie-nf.example.org/",
        "name": "Bürgerenergie Nordfriesland e.V.",
        "description": {
            "de": "Verein von Bürgerwindpark-Gesellschaften und Energiegenossen.",
            "da": "Forening af borgerejede vindmølleselskaber og energiandelshavere.",
            "en": "Association of community wind farms and energy co-operatives.",
        },
    },
    {
        "key": "mobil-im-dorf",
        "kind": _K.ASSOCIATION,
        "country": _DE,
        "website": "https://mobil-im-dorf.example.org/",
        "name": "Mobil im Dorf e.V.",
        "description": {
            "de": "Ehrenamtliche Initiative für Mitfahrangebote in Angeln.",
            "da": "Frivilligt initiativ for samkørsel i Angel.",
            "en": "Volunteer initiative for ride sharing in Angeln.",
        },
    },
    {
        "key": "landsbyforum-soenderjylland",
        "kind": _K.ASSOCIATION,
        "country": _DK,
        "website": "https://landsbyforum.example.dk/",
        "name": "Landsbyforum Sønderjylland",
        "description": {
            "de": "Netzwerk der Dorfvereine in Sønderjylland.",
            "da": "Netværk af landsbyforeninger i Sønderjylland.",
            "en": "Network of village associations in Southern Jutland.",
        },
    },
    {
        "key": "foerdedata",
        "kind": _K.COMPANY,
        "country": _DE,
        "website": "https://foerdedata.example.org/",
        "name": "FördeData GmbH",
        "description": {
            "de": "IT-Dienstleister aus Flensburg für Sensorik und Datenplattformen.",
            "da": "IT-virksomhed fra Flensborg for sensorer og dataplatforme.",
            "en": "Flensburg IT company for sensors and data platforms.",
        },
    },
    {
        "key": "graenselandet-energi",
        "kind": _K.COMPANY,
        "country": _DK,
        "website": "https://graenseenergi.example.dk/",
        "name": "Grænselandet Energi ApS",
        "description": {
            "de": "Dänisches Energieberatungsunternehmen aus Sønderborg.",
            "da": "Energirådgivningsvirksomhed fra Sønderborg.",
            "en": "Danish energy consultancy from Sønderborg.",
        },
    },
]


def _german(regional_key: str) -> dict[str, str]:
    return {
        "regional_key": regional_key,
        "municipality_key": municipality_key_of(regional_key),
    }


def _danish(code: str) -> dict[str, str]:
    return {"danish_municipality_code": code}


# The official keys of the territory an authority stands for (organisations not
# listed have none): ARS as numbered in Destatis' Gemeindeverzeichnis (an amtsfreie
# town's Gemeindeverband is 0 and its Gemeinde number), kommunekoder as in DAGI.
# Places whose keys are not known here are left without rather than guessed.
OFFICIAL_KEYS = {
    "stadt-flensburg": _german("010010000000"),
    "kreis-nordfriesland": _german("010540000000"),
    "kreis-schleswig-flensburg": _german("010590000000"),
    "aabenraa-kommune": _danish("580"),
    "soenderborg-kommune": _danish("540"),
    "toender-kommune": _danish("550"),
    "haderslev-kommune": _danish("510"),
}

# The keys of the places named in the demo solutions (``municipality``); Padborg
# lies in Aabenraa Kommune. Places not listed have none.
PLACE_KEYS = {
    "Flensburg": _german("010010000000"),
    "Husum": _german("010540056056"),
    "Schleswig": _german("010590075075"),
    "Sønderborg": _danish("540"),
    "Aabenraa": _danish("580"),
    "Padborg": _danish("580"),
    "Tønder": _danish("550"),
    "Haderslev": _danish("510"),
}

# Contacts are identified by their key; e-mail domains are example.org/example.dk.
CONTACTS = [
    {
        "key": "hanna-petersen",
        "name": "Hanna Petersen",
        "organisation": "stadt-flensburg",
        "email": "hanna.petersen@example.org",
        "phone": "+49 461 000 1101",
        "languages": ["de", "da"],
        "role": {
            "de": "Projektleitung Mobilität",
            "da": "Projektleder for mobilitet",
            "en": "Mobility project lead",
        },
    },
    {
        "key": "jonas-christiansen",
        "name": "Jonas Christiansen",
        "organisation": "stadt-flensburg",
        "email": "jonas.christiansen@example.org",
        "phone": "+49 461 000 1102",
        "languages": ["de", "en"],
        "role": {
            "de": "Smart-City-Koordination",
            "da": "Smart city-koordinator",
            "en": "Smart city coordinator",
        },
    },
    {
        "key": "inken-hansen",
        "name": "Inken Hansen",
        "organisation": "kreis-nordfriesland",
        "email": "inken.hansen@example.org",
        "phone": "+49 4841 000 201",
        "languages": ["de", "frr", "en"],
        "role": {
            "de": "Stabsstelle Digitalisierung",
            "da": "Digitaliseringsenheden",
            "en": "Digitalisation unit",
        },
    },
    {
        "key": "boy-jensen",
        "name": "Boy Jensen",
        "organisation": "kreis-nordfriesland",
        "email": "boy.jensen@example.org",
        "phone": "+49 4841 000 202",
        "languages": ["de", "frr", "nds"],
        "role": {
            "de": "Fachdienst Gesundheit",
            "da": "Sundhedsafdelingen",
            "en": "Health department",
        },
    },
    {
        "key": "frauke-lorenzen",
        "name": "Frauke Lorenzen",
        "organisation": "kreis-schleswig-flensburg",
        "email": "frauke.lorenzen@example.org",
        "phone": "+49 4621 000 301",
        "languages": ["de", "nds", "da"],
        "role": {
            "de": "Regionalentwicklung",
            "da": "Regional udvikling",
            "en": "Regional development",
        },
    },
    {
        "key": "matthias-brodersen",
        "name": "Matthias Brodersen",
        "organisation": "kreis-schleswig-flensburg",
        "email": "matthias.brodersen@example.org",
        "phone": "+49 4621 000 302",
        "languages": ["de", "en"],
        "role": {
            "de": "IT und Breitband",
            "da": "IT og bredbånd",
            "en": "IT and broadband",
        },
    },
    {
        "key": "sarah-nissen",
        "name": "Dr. Sarah Nissen",
        "organisation": "digitalagentur",
        "email": "sarah.nissen@example.org",
        "phone": "+49 461 000 4001",
        "languages": ["de", "da", "en"],
        "role": {
            "de": "Leitung Datenplattform",
            "da": "Leder af dataplatformen",
            "en": "Head of the data platform",
        },
    },
    {
        "key": "lasse-thomsen",
        "name": "Lasse Thomsen",
        "organisation": "digitalagentur",
        "email": "lasse.thomsen@example.org",
        "phone": "+49 461 000 4002",
        "languages": ["de", "da"],
        "role": {
            "de": "Co-Creation und Beteiligung",
            "da": "Samskabelse og borgerinddragelse",
            "en": "Co-creation and participation",
        },
    },
    {
        "key": "mette-soerensen",
        "name": "Mette Sørensen",
        "organisation": "soenderborg-kommune",
        "email": "mette.soerensen@example.dk",
        "phone": "+45 00 00 10 01",
        "languages": ["da", "de", "en"],
        "role": {
            "de": "Klimakoordinatorin",
            "da": "Klimakoordinator",
            "en": "Climate coordinator",
        },
    },
    {
        "key": "rasmus-kjaer",
        "name": "Rasmus Kjær",
        "organisation": "aabenraa-kommune",
        "email": "rasmus.kjaer@example.dk",
        "phone": "+45 00 00 10 02",
        "languages": ["da", "de"],
        "role": {
            "de": "Wohlfahrtstechnologie",
            "da": "Velfærdsteknologi",
            "en": "Welfare technology",
        },
    },
    {
        "key": "anne-moelgaard",
        "name": "Anne Mølgaard",
        "organisation": "toender-kommune",
        "email": "anne.moelgaard@example.dk",
        "phone": "+45 00 00 10 03",
        "languages": ["da", "de"],
        "role": {
            "de": "Beraterin ländlicher Raum",
            "da": "Landdistriktskonsulent",
            "en": "Rural development adviser",
        },
    },
    {
        "key": "soeren-lund",
        "name": "Søren Lund",
        "organisation": "haderslev-kommune",
        "email": "soeren.lund@example.dk",
        "phone": "+45 00 00 10 04",
        "languages": ["da", "en"],
        "role": {
            "de": "Versorgung und Fernwärme",
            "da": "Forsyning og fjernvarme",
            "en": "Utilities and district heating",
        },
    },
    {
        "key": "karen-holm",
        "name": "Karen Holm",
        "organisation": "region-syddanmark",
        "email": "karen.holm@example.dk",
        "phone": "+45 00 00 10 05",
        "languages": ["da", "de", "en"],
        "role": {
            "de": "Grenzüberschreitende Zusammenarbeit",
            "da": "Grænseoverskridende samarbejde",
            "en": "Cross-border co-operation",
        },
    },
    {
        "key": "niklas-feddersen",
        "name": "Prof. Dr. Niklas Feddersen",
        "organisation": "hochschule-flensburg",
        "email": "niklas.feddersen@example.org",
        "phone": "+49 461 000 5001",
        "languages": ["de", "en"],
        "role": {
            "de": "Energiesystemtechnik",
            "da": "Energisystemteknik",
            "en": "Energy systems engineering",
        },
    },
    {
        "key": "lene-schmidt",
        "name": "Lene Schmidt",
        "organisation": "syddansk-universitet",
        "email": "lene.schmidt@example.dk",
        "phone": "+45 00 00 20 01",
        "languages": ["da", "en", "de"],
        "role": {
            "de": "Forschung Gesundheitsdaten",
            "da": "Forskning i sundhedsdata",
            "en": "Health data research",
        },
    },
    {
        "key": "torben-carstensen",
        "name": "Torben Carstensen",
        "organisation": "buergerenergie-nordfriesland",
        "email": "torben.carstensen@example.org",
        "phone": "+49 4671 000 601",
        "languages": ["de", "frr", "da"],
        "role": {"de": "Vorstand", "da": "Bestyrelsesformand", "en": "Chair"},
    },
]

# The partner areas: one per responsible body. ``key`` is also the German page's slug,
# which names the authority (apps.knowledge.roles.area_owners); the Danish and English
# pages take their slugs from their titles.
PARTNER_AREAS = [
    {
        "key": "stadt-flensburg",
        "organisation": "stadt-flensburg",
        "title": {
            "de": "Stadt Flensburg",
            "da": "Flensborg By",
            "en": "City of Flensburg",
        },
        "intro": {
            "de": "Lösungen, für die die Stadt Flensburg verantwortlich ist.",
            "da": "Løsninger, som Flensborg By er ansvarlig for.",
            "en": "Solutions the City of Flensburg is responsible for.",
        },
    },
    {
        "key": "kreis-nordfriesland",
        "organisation": "kreis-nordfriesland",
        "title": {
            "de": "Kreis Nordfriesland",
            "da": "Kreis Nordfriesland",
            "en": "District of North Frisia",
        },
        "intro": {
            "de": "Lösungen des Kreises Nordfriesland, vom Festland bis zu den "
            "Halligen.",
            "da": "Løsninger fra Kreis Nordfriesland, fra fastlandet til halligerne.",
            "en": "Solutions of the District of North Frisia, from the mainland to "
            "the Halligen.",
        },
    },
    {
        "key": "kreis-schleswig-flensburg",
        "organisation": "kreis-schleswig-flensburg",
        "title": {
            "de": "Kreis Schleswig-Flensburg",
            "da": "Kreis Schleswig-Flensburg",
            "en": "District of Schleswig-Flensburg",
        },
        "intro": {
            "de": "Lösungen des Kreises Schleswig-Flensburg für Dörfer und Ämter.",
            "da": "Løsninger fra Kreis Schleswig-Flensburg for landsbyer og amter.",
            "en": "Solutions of the District of Schleswig-Flensburg for villages and "
            "municipal offices.",
        },
    },
    {
        "key": "digitalagentur",
        "organisation": "digitalagentur",
        "title": {
            "de": "Digitalagentur",
            "da": "Digitalagenturet",
            "en": "Digital Agency",
        },
        "intro": {
            "de": "Querschnittslösungen, die die Digitalagentur für alle Partner "
            "betreibt.",
            "da": "Tværgående løsninger, som Digitalagenturet driver for alle "
            "partnere.",
            "en": "Cross-cutting solutions the Digital Agency runs for all partners.",
        },
    },
    {
        "key": "daenische-partner",
        "organisation": None,
        "title": {
            "de": "Dänische Partner",
            "da": "Danske partnere",
            "en": "Danish partners",
        },
        "intro": {
            "de": "Lösungen der Kommunen in Sønderjylland und der Region Syddanmark.",
            "da": "Løsninger fra de sønderjyske kommuner og Region Syddanmark.",
            "en": "Solutions of the municipalities of Southern Jutland and the "
            "Region of Southern Denmark.",
        },
    },
]

HOME = {
    "key": "home",
    # Not "home": Wagtail's welcome page holds that slug until the seed removes it.
    "slug": "start",
    "title": {
        "de": "Smarte Grenzregion",
        "da": "Smart Grænseregion",
        "en": "Smart Border Region",
    },
    "intro": {
        "de": "<p>Die Wissensdatenbank der Digitalagentur: digitale Lösungen aus "
        "Flensburg, Nordfriesland, Schleswig-Flensburg und Sønderjylland zum "
        "Nachnutzen.</p>",
        "da": "<p>Digitalagenturets vidensbase: digitale løsninger fra Flensborg, "
        "Nordfrisland, Slesvig-Flensborg og Sønderjylland til genbrug.</p>",
        "en": "<p>The Digital Agency's knowledge base: digital solutions from "
        "Flensburg, North Frisia, Schleswig-Flensburg and Southern Jutland, ready "
        "to reuse.</p>",
    },
}

KNOWLEDGE_INDEX = {
    "key": "solutions",
    "slug": {"de": "loesungen", "da": "loesninger", "en": "solutions"},
    "title": {"de": "Lösungen", "da": "Løsninger", "en": "Solutions"},
    "intro": {
        "de": "<p>Alle Lösungen, von der Idee bis zum Regelbetrieb.</p>",
        "da": "<p>Alle løsninger, fra idé til drift.</p>",
        "en": "<p>Every solution, from idea to regular operation.</p>",
    },
}

THEME_INDEX = {
    "key": "themes",
    "slug": {"de": "handlungsfelder", "da": "indsatsomraader", "en": "themes"},
    "title": {
        "de": "Handlungsfelder",
        "da": "Indsatsområder",
        "en": "Fields of action",
    },
    "intro": {
        "de": "<p>Die Handlungsfelder des Modellprojekts.</p>",
        "da": "<p>Modelprojektets indsatsområder.</p>",
        "en": "<p>The fields of action of the model project.</p>",
    },
}

CONTACT_DIRECTORY = {
    "key": "contacts",
    "slug": {"de": "kontakte", "da": "kontakter", "en": "contacts"},
    "title": {"de": "Kontakte", "da": "Kontakter", "en": "Contacts"},
    "intro": {
        "de": "<p>Ansprechpersonen und Organisationen auf beiden Seiten der "
        "Grenze.</p>",
        "da": "<p>Kontaktpersoner og organisationer på begge sider af grænsen.</p>",
        "en": "<p>Contact people and organisations on both sides of the border.</p>",
    },
}

STATISTICS = {
    "key": "statistics",
    "slug": {"de": "in-zahlen", "da": "i-tal", "en": "in-figures"},
    "title": {
        "de": "Portfolio in Zahlen",
        "da": "Porteføljen i tal",
        "en": "Portfolio in figures",
    },
    "intro": {
        "de": "<p>Wie viele Lösungen es je Handlungsfeld, Phase, Land, Behörde und "
        "Startjahr gibt, was sie kosten und wie viele über die Grenze reichen: "
        "gezählt werden die veröffentlichten Lösungen auf Deutsch.</p>",
        "da": "<p>Hvor mange løsninger der er pr. indsatsområde, fase, land, "
        "myndighed og startår, hvad de koster, og hvor mange der rækker over "
        "grænsen: de offentliggjorte løsninger på dansk tælles med.</p>",
        "en": "<p>How many solutions there are per field of action, phase, country, "
        "authority and year started, what they cost and how many reach across the "
        "border: the published solutions in English are counted.</p>",
    },
}
