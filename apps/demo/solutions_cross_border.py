"""Demo solutions of the Digitalagentur and the Danish partners.

See :mod:`apps.demo.solutions` for the format. Two solutions exist only in
Danish, one only in German, one in German and Danish.
"""

from __future__ import annotations

from apps.knowledge.choices import Licence, Phase

GIT = "https://git.example.org/smarte-grenzregion"
OPEN_DATA = "https://opendata.example.org/dataset"
DK_DATA = "https://data.example.dk/dataset"

SOLUTIONS = [
    # --- Digitalagentur ----------------------------------------------------------
    {
        "key": "digitalagentur-datenplattform",
        "area": "digitalagentur",
        "phase": Phase.OPERATION,
        "fields": ["open-data", "public-services"],
        "lead": "digitalagentur",
        "partners": [
            "stadt-flensburg",
            "kreis-nordfriesland",
            "kreis-schleswig-flensburg",
            "foerdedata",
        ],
        "contacts": ["sarah-nissen"],
        "tags": ["open-data", "data-platform", "open-source", "api"],
        "municipality": "Flensburg",
        "coordinates": (54.7820, 9.4360),
        "period": ("2022-07-01", None),
        "budget": (1900000, "EUR"),
        "licence": Licence.EUPL,
        "repository": f"{GIT}/urbane-datenplattform",
        "open_data": f"{OPEN_DATA}/katalog-smarte-grenzregion",
        "related": [
            "digitalagentur-lorawan",
            "slfl-breitbandatlas",
            "digitalagentur-digitaler-zwilling",
        ],
        "figures": [
            (
                "260",
                {
                    "de": "offene Datensätze",
                    "da": "åbne datasæt",
                    "en": "open datasets",
                },
            ),
            (
                "3",
                {
                    "de": "Partnerverwaltungen",
                    "da": "partnerforvaltninger",
                    "en": "partner administrations",
                },
            ),
        ],
        "text": {
            "de": {
                "title": "Regionale Urbane Datenplattform",
                "teaser": "Eine gemeinsame Open-Source-Datenplattform für Stadt, "
                "zwei Kreise und ihre Partner – mit offenem Datenkatalog.",
                "body": [
                    "Jede Verwaltung hatte eigene Datensilos. Sensordaten, Geodaten "
                    "und Statistiken ließen sich kaum verknüpfen.",
                    "Die Plattform sammelt Daten über standardisierte "
                    "Schnittstellen, veröffentlicht offene Daten im Katalog und "
                    "schützt personenbezogene Daten durch ein Rollenmodell.",
                ],
                "quote": (
                    "Ohne gemeinsame Datenbasis gibt es keine smarte Region.",
                    "Leitung der Digitalagentur",
                ),
                "adoption": "Betrieb im eigenen Rechenzentrum oder als Mandant bei "
                "der Digitalagentur; Kenntnisse in Kubernetes für den Eigenbetrieb.",
            },
            "da": {
                "title": "Regional bydataplatform",
                "teaser": "En fælles open source-dataplatform for byen, to kredse "
                "og deres partnere – med åbent datakatalog.",
                "body": [
                    "Hver forvaltning havde sine egne datasiloer. Sensordata, "
                    "geodata og statistik kunne næppe kobles sammen.",
                    "Platformen samler data via standardiserede grænseflader, "
                    "udgiver åbne data i kataloget og beskytter persondata med en "
                    "rollemodel.",
                ],
                "quote": (
                    "Uden et fælles datagrundlag ingen smart region.",
                    "Ledelsen af Digitalagenturet",
                ),
                "adoption": "Drift i eget datacenter eller som lejer hos "
                "Digitalagenturet; kendskab til Kubernetes ved egen drift.",
            },
            "en": {
                "title": "Regional urban data platform",
                "teaser": "A shared open-source data platform for the city, two "
                "districts and their partners – with an open data catalogue.",
                "body": [
                    "Every administration had its own data silos. Sensor data, "
                    "spatial data and statistics could hardly be linked.",
                    "The platform collects data through standardised interfaces, "
                    "publishes open data in the catalogue and protects personal data "
                    "with a role model.",
                ],
                "quote": (
                    "Without a shared data basis there is no smart region.",
                    "Head of the Digital Agency",
                ),
                "adoption": "Run in your own data centre or as a tenant of the "
                "Digital Agency; Kubernetes skills for self-hosting.",
            },
        },
    },
    {
        "key": "digitalagentur-grenzpendler",
        "area": "digitalagentur",
        "phase": Phase.PILOT,
        "fields": ["living-working-supply", "public-services"],
        "lead": "digitalagentur",
        "partners": ["region-syddanmark", "aabenraa-kommune", "stadt-flensburg"],
        "contacts": ["karen-holm", "lasse-thomsen"],
        "tags": ["cross-border", "commuting", "e-government", "bilingual"],
        "municipality": "Padborg",
        "coordinates": (54.8260, 9.3600),
        "period": ("2024-03-01", "2026-12-31"),
        "budget": (450000, "EUR"),
        "licence": Licence.EUPL,
        "repository": f"{GIT}/grenzpendler-lotse",
        "open_data": "",
        "related": ["dk-tosproget-chatbot", "nf-coworking-land"],
        "figures": [
            (
                "13.000",
                {
                    "de": "Grenzpendelnde in der Region",
                    "da": "grænsependlere i regionen",
                    "en": "cross-border commuters in the region",
                },
            ),
            (
                "2",
                {
                    "de": "Sprachen, 2 Währungen",
                    "da": "sprog, 2 valutaer",
                    "en": "languages, 2 currencies",
                },
            ),
        ],
        "text": {
            "de": {
                "title": "Grenzpendler-Lotse",
                "teaser": "Ein zweisprachiger Online-Lotse beantwortet Fragen zu "
                "Steuern, Sozialversicherung und Anerkennung für Grenzpendelnde.",
                "body": [
                    "Wer in Flensburg wohnt und in Padborg arbeitet, hat mit zwei "
                    "Steuersystemen, zwei Währungen und zwei Sprachen zu tun.",
                    "Der Lotse führt in wenigen Schritten zur passenden Stelle "
                    "beiderseits der Grenze und rechnet Beträge zwischen EUR und "
                    "DKK um.",
                ],
                "quote": (
                    "Endlich finde ich an einem Ort, wer für mich zuständig ist.",
                    "Grenzpendlerin aus Harrislee",
                ),
                "adoption": "Redaktionelle Pflege der Zuständigkeiten auf beiden "
                "Seiten der Grenze.",
            },
            "da": {
                "title": "Grænsependlerguiden",
                "teaser": "En tosproget onlineguide besvarer grænsependleres "
                "spørgsmål om skat, social sikring og anerkendelse.",
                "body": [
                    "Den, der bor i Flensborg og arbejder i Padborg, har med to "
                    "skattesystemer, to valutaer og to sprog at gøre.",
                    "Guiden fører i få trin til den rette myndighed på begge sider "
                    "af grænsen og omregner beløb mellem EUR og DKK.",
                ],
                "quote": (
                    "Endelig kan jeg ét sted finde ud af, hvem der tager sig af mig.",
                    "Grænsependler fra Harreslev",
                ),
                "adoption": "Redaktionel vedligeholdelse af ansvarsområderne på "
                "begge sider af grænsen.",
            },
            "en": {
                "title": "Cross-border commuter guide",
                "teaser": "A bilingual online guide answers cross-border commuters' "
                "questions on tax, social security and recognition.",
                "body": [
                    "Living in Flensburg and working in Padborg means two tax "
                    "systems, two currencies and two languages.",
                    "In a few steps the guide leads to the right office on either "
                    "side of the border and converts amounts between EUR and DKK.",
                ],
                "quote": (
                    "At last I can find in one place who is responsible for me.",
                    "Commuter from Harrislee",
                ),
                "adoption": "Editorial upkeep of responsibilities on both sides of "
                "the border.",
            },
        },
    },
    {
        "key": "digitalagentur-ideenwerkstatt",
        "area": "digitalagentur",
        "phase": Phase.COMPLETED,
        "fields": ["neighbourhood-development", "public-services"],
        "lead": "digitalagentur",
        "partners": ["europa-universitaet-flensburg", "landsbyforum-soenderjylland"],
        "contacts": ["lasse-thomsen"],
        "tags": ["co-creation", "participation", "methods"],
        "municipality": "Flensburg",
        "coordinates": (54.7810, 9.4380),
        "period": ("2022-05-01", "2024-04-30"),
        "budget": (130000, "EUR"),
        "licence": Licence.CC_BY,
        "repository": f"{GIT}/co-creation-toolkit",
        "open_data": "",
        "related": ["flensburg-beteiligungsplattform", "dk-landsbyklynger-toender"],
        "figures": [
            ("48", {"de": "Werkstätten", "da": "workshops", "en": "workshops"}),
            (
                "210",
                {
                    "de": "eingereichte Ideen",
                    "da": "indsendte idéer",
                    "en": "ideas submitted",
                },
            ),
        ],
        "text": {
            "de": {
                "title": "Co-Creation-Werkstatt: Methodenkoffer für Ideen",
                "teaser": "Ein frei lizenzierter Methodenkoffer, mit dem Vereine und "
                "Verwaltungen Ideen in Werkstätten gemeinsam entwickeln.",
                "body": [
                    "Viele gute Ideen aus der Region kamen nie über einen ersten "
                    "Entwurf hinaus.",
                    "Der Koffer beschreibt den Weg von der Idee über Feedback und "
                    "Machbarkeitscheck bis zum Projektteam, mit Vorlagen auf Deutsch "
                    "und Dänisch.",
                ],
                "adoption": "Eine Moderatorin oder ein Moderator und ein Raum; alle "
                "Vorlagen stehen unter CC BY 4.0.",
            },
            "da": {
                "title": "Samskabelsesværksted: metodekasse til idéer",
                "teaser": "En frit licenseret metodekasse, som foreninger og "
                "forvaltninger bruger til at udvikle idéer sammen i workshops.",
                "body": [
                    "Mange gode idéer fra regionen kom aldrig videre end et første "
                    "udkast.",
                    "Kassen beskriver vejen fra idé over feedback og "
                    "mulighedstjek til projektgruppe, med skabeloner på tysk og "
                    "dansk.",
                ],
                "adoption": "En facilitator og et lokale; alle skabeloner er under "
                "CC BY 4.0.",
            },
            "en": {
                "title": "Co-creation workshop: a toolkit for ideas",
                "teaser": "An openly licensed toolkit that associations and "
                "administrations use to develop ideas together in workshops.",
                "body": [
                    "Many good ideas from the region never got beyond a first draft.",
                    "The toolkit describes the path from idea through feedback and "
                    "feasibility check to a project team, with templates in German "
                    "and Danish.",
                ],
                "adoption": "A facilitator and a room; all templates are licensed "
                "CC BY 4.0.",
            },
        },
    },
    {
        "key": "digitalagentur-digitaler-zwilling",
        "area": "digitalagentur",
        "phase": Phase.PROTOTYPE,
        "fields": ["open-data", "critical-infrastructure", "neighbourhood-development"],
        "lead": "digitalagentur",
        "partners": ["hochschule-flensburg", "syddansk-universitet"],
        "contacts": ["sarah-nissen", "niklas-feddersen"],
        "tags": ["digital-twin", "3d", "open-data", "climate-adaptation"],
        "municipality": "Flensburg",
        "coordinates": (54.8000, 9.4500),
        "period": ("2024-09-01", "2026-12-31"),
        "budget": (760000, "EUR"),
        "licence": Licence.APACHE,
        "repository": f"{GIT}/digitaler-zwilling-foerde",
        "open_data": f"{OPEN_DATA}/3d-stadtmodell-flensburg",
        "related": ["flensburg-hafen-pegel", "digitalagentur-datenplattform"],
        "figures": [
            ("42 km²", {"de": "3D-Modell", "da": "3D-model", "en": "3D model"}),
        ],
        "text": {
            "de": {
                "title": "Digitaler Zwilling der Flensburger Förde",
                "teaser": "Ein 3D-Modell von Stadt und Förde simuliert Starkregen "
                "und Sturmflut und macht Planungen anschaulich.",
                "body": [
                    "Klimaanpassung braucht Bilder: Welche Straßen laufen bei "
                    "Starkregen voll, welche Keller bei Sturmflut?",
                    "Der Prototyp verbindet 3D-Gebäude, Geländemodell und Live-"
                    "Pegeldaten. Er läuft im Browser und soll nördlich der Grenze "
                    "bis Sønderborg erweitert werden.",
                ],
                "adoption": "Ein 3D-Gebäudemodell (LoD2), ein Geländemodell und "
                "eine Datenplattform mit Sensordaten.",
            },
            "da": {
                "title": "Digital tvilling af Flensborg Fjord",
                "teaser": "En 3D-model af byen og fjorden simulerer skybrud og "
                "stormflod og gør planer anskuelige.",
                "body": [
                    "Klimatilpasning kræver billeder: Hvilke gader oversvømmes ved "
                    "skybrud, hvilke kældre ved stormflod?",
                    "Prototypen forbinder 3D-bygninger, terrænmodel og live-data om "
                    "vandstanden. Den kører i browseren og skal udvides nord for "
                    "grænsen til Sønderborg.",
                ],
                "adoption": "En 3D-bygningsmodel (LoD2), en terrænmodel og en "
                "dataplatform med sensordata.",
            },
            "en": {
                "title": "Digital twin of the Flensburg Fjord",
                "teaser": "A 3D model of the city and fjord simulates cloudbursts "
                "and storm surges and makes plans easy to grasp.",
                "body": [
                    "Climate adaptation needs pictures: which streets flood in a "
                    "cloudburst, which cellars in a storm surge?",
                    "The prototype combines 3D buildings, a terrain model and live "
                    "water level data. It runs in the browser and is to be extended "
                    "north of the border to Sønderborg.",
                ],
                "adoption": "A 3D building model (LoD2), a terrain model and a data "
                "platform with sensor data.",
            },
        },
    },
    {
        "key": "digitalagentur-ehrenamtsboerse",
        "area": "digitalagentur",
        "languages": ["de"],
        "phase": Phase.IDEA,
        "fields": ["public-services", "neighbourhood-development"],
        "lead": "digitalagentur",
        "partners": ["mobil-im-dorf"],
        "contacts": ["lasse-thomsen"],
        "tags": ["volunteering", "participation"],
        "municipality": "Schleswig",
        "coordinates": (54.5100, 9.5500),
        "period": None,
        "budget": None,
        "licence": Licence.UNKNOWN,
        "repository": "",
        "open_data": "",
        "related": ["slfl-mitfahrbank"],
        "figures": [
            ("1", {"de": "Werkstatt geplant", "da": "", "en": ""}),
        ],
        "text": {
            "de": {
                "title": "Regionale Ehrenamtsbörse",
                "teaser": "Vereine suchen Helfende für einzelne Einsätze, "
                "Freiwillige finden Aufgaben in ihrer Nähe – kreisübergreifend.",
                "body": [
                    "Feuerwehren, Sportvereine und Tafeln finden immer schwerer "
                    "Nachwuchs für feste Ämter, viele Menschen helfen aber gern "
                    "einmalig.",
                    "Die Idee wird in einer Werkstatt mit Vereinen aus allen drei "
                    "Gebietskörperschaften geschärft.",
                ],
                "adoption": "Noch offen.",
            },
        },
    },
    {
        "key": "digitalagentur-lorawan",
        "area": "digitalagentur",
        "phase": Phase.OPERATION,
        "fields": ["critical-infrastructure", "open-data"],
        "lead": "digitalagentur",
        "partners": ["foerdedata", "stadt-flensburg", "kreis-nordfriesland"],
        "contacts": ["sarah-nissen"],
        "tags": ["lorawan", "sensors", "iot"],
        "municipality": "Flensburg",
        "coordinates": (54.7850, 9.4300),
        "period": ("2022-08-01", None),
        "budget": (480000, "EUR"),
        "licence": Licence.MIT,
        "repository": f"{GIT}/lorawan-netz",
        "open_data": f"{OPEN_DATA}/lorawan-gateways",
        "related": ["flensburg-hafen-pegel", "nf-deichmonitoring"],
        "figures": [
            ("95", {"de": "Gateways", "da": "gateways", "en": "gateways"}),
            (
                "3.400",
                {
                    "de": "angebundene Sensoren",
                    "da": "tilsluttede sensorer",
                    "en": "connected sensors",
                },
            ),
        ],
        "text": {
            "de": {
                "title": "Regionales LoRaWAN-Funknetz",
                "teaser": "Ein offenes Funknetz für Sensoren deckt Stadt und Land "
                "ab – von Pegeln bis zu Bodenfeuchte in Schulgärten.",
                "body": [
                    "Einzelne Projekte bauten eigene Funknetze auf, die nach "
                    "Projektende verwaisten.",
                    "Die Digitalagentur betreibt ein gemeinsames Netz mit 95 "
                    "Gateways auf Rathäusern, Schulen und Feuerwachen. Vereine und "
                    "Schulen dürfen es kostenlos nutzen.",
                ],
                "adoption": "Standorte auf öffentlichen Gebäuden, ein Netzwerkserver "
                "und ein Betriebsteam.",
            },
            "da": {
                "title": "Regionalt LoRaWAN-net",
                "teaser": "Et åbent radionet for sensorer dækker by og land – fra "
                "vandstandsmålere til jordfugt i skolehaver.",
                "body": [
                    "Enkelte projekter byggede egne radionet, som blev forladt efter "
                    "projektets afslutning.",
                    "Digitalagenturet driver et fælles net med 95 gateways på "
                    "rådhuse, skoler og brandstationer. Foreninger og skoler må "
                    "bruge det gratis.",
                ],
                "adoption": "Placeringer på offentlige bygninger, en netværksserver "
                "og et driftsteam.",
            },
            "en": {
                "title": "Regional LoRaWAN network",
                "teaser": "An open radio network for sensors covers town and country "
                "– from water gauges to soil moisture in school gardens.",
                "body": [
                    "Individual projects built their own networks, which were "
                    "abandoned when the projects ended.",
                    "The Digital Agency runs a shared network with 95 gateways on "
                    "town halls, schools and fire stations. Associations and schools "
                    "use it free of charge.",
                ],
                "adoption": "Sites on public buildings, a network server and an "
                "operations team.",
            },
        },
    },
    # --- Danish partners ---------------------------------------------------------
    {
        "key": "dk-energitjek-boligejere",
        "area": "daenische-partner",
        "phase": Phase.OPERATION,
        "fields": ["green-energy-mobility", "open-data"],
        "lead": "soenderborg-kommune",
        "partners": ["graenselandet-energi", "syddansk-universitet"],
        "contacts": ["mette-soerensen"],
        "tags": ["energy", "heat-transition", "heat-pumps"],
        "municipality": "Sønderborg",
        "coordinates": (54.9094, 9.7923),
        "period": ("2022-09-01", None),
        "budget": (2400000, "DKK"),
        "licence": Licence.MIT,
        "repository": f"{GIT}/energitjek",
        "open_data": f"{DK_DATA}/energimaerker-soenderborg",
        "related": ["flensburg-quartiersenergie", "dk-fjernvarme-data-haderslev"],
        "figures": [
            (
                "5.600",
                {"de": "Energiechecks", "da": "energitjek", "en": "energy checks"},
            ),
            (
                "11.000 t",
                {"de": "CO₂ eingespart", "da": "CO₂ sparet", "en": "CO₂ saved"},
            ),
        ],
        "text": {
            "de": {
                "title": "Energiecheck für Hausbesitzer in Sønderborg",
                "teaser": "Ein Online-Energiecheck zeigt Hausbesitzern, welche "
                "Sanierung sich lohnt, und vermittelt lokale Handwerksbetriebe.",
                "body": [
                    "Sønderborg will bis 2029 CO₂-neutral sein. Der größte Hebel "
                    "liegt in den vielen Einfamilienhäusern mit Ölheizung.",
                    "Der Check nutzt Energieausweise und BBR-Gebäudedaten, "
                    "berechnet Einsparungen in DKK und bucht eine kostenlose "
                    "Beratung. Flensburg prüft die Nachnutzung.",
                ],
                "quote": (
                    "Der Check hat uns den Weg zur Wärmepumpe gezeigt.",
                    "Hausbesitzer in Nordborg",
                ),
                "adoption": "Gebäude- und Energieausweisdaten sowie ein Netzwerk "
                "von Energieberatern und Handwerksbetrieben.",
            },
            "da": {
                "title": "Energitjek for boligejere i Sønderborg",
                "teaser": "Et online energitjek viser boligejere, hvilken "
                "energirenovering der kan betale sig, og formidler lokale "
                "håndværkere.",
                "body": [
                    "Sønderborg vil være CO₂-neutral i 2029. Den største gevinst "
                    "ligger i de mange parcelhuse med oliefyr.",
                    "Tjekket bruger energimærker og BBR-data, beregner besparelser i "
                    "kroner og booker gratis rådgivning. Flensborg undersøger at "
                    "genbruge løsningen.",
                ],
                "quote": (
                    "Tjekket viste os vejen til varmepumpen.",
                    "Boligejer i Nordborg",
                ),
                "adoption": "Bygnings- og energimærkedata samt et netværk af "
                "energirådgivere og håndværkere.",
            },
            "en": {
                "title": "Energy check for homeowners in Sønderborg",
                "teaser": "An online energy check shows homeowners which retrofit "
                "pays off and connects them with local tradespeople.",
                "body": [
                    "Sønderborg aims to be carbon neutral by 2029. The biggest lever "
                    "is its many detached houses with oil heating.",
                    "The check uses energy labels and BBR building data, calculates "
                    "savings in DKK and books free advice. Flensburg is examining "
                    "reuse.",
                ],
                "quote": (
                    "The check showed us the way to a heat pump.",
                    "Homeowner in Nordborg",
                ),
                "adoption": "Building and energy label data and a network of energy "
                "advisers and tradespeople.",
            },
        },
    },
    {
        "key": "dk-natlig-tilsyn-aabenraa",
        "area": "daenische-partner",
        "languages": ["da"],
        "phase": Phase.PILOT,
        "fields": ["health"],
        "lead": "aabenraa-kommune",
        "partners": ["syddansk-universitet"],
        "contacts": ["rasmus-kjaer", "lene-schmidt"],
        "tags": ["welfare-technology", "care", "sensors"],
        "municipality": "Aabenraa",
        "coordinates": (55.0443, 9.4174),
        "period": ("2024-02-01", "2026-08-31"),
        "budget": (1850000, "DKK"),
        "licence": Licence.PROPRIETARY,
        "repository": "",
        "open_data": "",
        "related": ["slfl-gemeindeschwester"],
        "figures": [
            ("120", {"da": "borgere med sensorer", "de": "", "en": ""}),
            ("35 %", {"da": "færre natlige besøg", "de": "", "en": ""}),
        ],
        "text": {
            "da": {
                "title": "Natligt tilsyn med sensorer i Aabenraa",
                "teaser": "Diskrete sensorer i hjemmet erstatter en del af de "
                "natlige tilsynsbesøg hos ældre borgere og giver bedre søvn og "
                "tryghed.",
                "body": [
                    "Hjemmeplejen i Aabenraa vækker mange ældre om natten for at "
                    "se, om alt er i orden. Det forstyrrer søvnen og binder "
                    "personale.",
                    "Sensorer registrerer fald, uro og om borgeren er i sengen. "
                    "Plejepersonalet får kun besked ved afvigelser. Syddansk "
                    "Universitet evaluerer velfærdsteknologien.",
                ],
                "quote": (
                    "Min mor sover igennem for første gang i årevis.",
                    "Pårørende i Rødekro",
                ),
                "adoption": "En leverandør af velfærdsteknologi, samtykke fra "
                "borgerne og en tilpasset vagtplan i hjemmeplejen.",
            },
        },
    },
    {
        "key": "dk-landsbyklynger-toender",
        "area": "daenische-partner",
        "phase": Phase.CONCEPT,
        "fields": ["neighbourhood-development", "living-working-supply"],
        "lead": "toender-kommune",
        "partners": ["landsbyforum-soenderjylland", "kreis-nordfriesland"],
        "contacts": ["anne-moelgaard"],
        "tags": ["rural", "village-clusters", "participation", "cross-border"],
        "municipality": "Tønder",
        "coordinates": (54.9330, 8.8667),
        "period": ("2025-03-01", "2027-02-28"),
        "budget": (950000, "DKK"),
        "licence": Licence.CC_BY,
        "repository": "",
        "open_data": "",
        "related": ["nf-coworking-land", "slfl-dorfladen-24-7"],
        "figures": [
            (
                "9",
                {"de": "Dorfcluster", "da": "landsbyklynger", "en": "village clusters"},
            ),
        ],
        "text": {
            "de": {
                "title": "Digitale Dorfcluster in Tønder",
                "teaser": "Benachbarte Dörfer teilen sich Angebote – eine "
                "gemeinsame Plattform koordiniert Vereine, Fahrdienste und Räume.",
                "body": [
                    "Einzelne Dörfer sind zu klein für eigene Angebote. In "
                    "Landsbyklynger bündeln sie Kräfte.",
                    "Das Konzept beschreibt eine Plattform für gemeinsame Kalender, "
                    "Raumbuchung und Fahrgemeinschaften; Erfahrungen aus "
                    "Nordfriesland fließen ein.",
                ],
                "adoption": "Aktive Dorfvereine und eine Koordinationsstelle in der "
                "Kommune.",
            },
            "da": {
                "title": "Digitale landsbyklynger i Tønder",
                "teaser": "Nabolandsbyer deler tilbud – en fælles platform "
                "koordinerer foreninger, kørselsordninger og lokaler.",
                "body": [
                    "De enkelte landsbyer er for små til egne tilbud. I "
                    "landsbyklynger samler de kræfterne.",
                    "Konceptet beskriver en platform for fælles kalender, "
                    "lokalebooking og samkørsel; erfaringer fra Nordfrisland indgår.",
                ],
                "adoption": "Aktive landsbyforeninger og en koordinator i kommunen.",
            },
            "en": {
                "title": "Digital village clusters in Tønder",
                "teaser": "Neighbouring villages share services – a joint platform "
                "co-ordinates associations, lifts and rooms.",
                "body": [
                    "Single villages are too small for their own services. In "
                    "village clusters they join forces.",
                    "The concept describes a platform for shared calendars, room "
                    "booking and car pooling, drawing on experience from North "
                    "Frisia.",
                ],
                "adoption": "Active village associations and a co-ordinator in the "
                "municipality.",
            },
        },
    },
    {
        "key": "dk-fjernvarme-data-haderslev",
        "area": "daenische-partner",
        "languages": ["da"],
        "phase": Phase.IDEA,
        "fields": ["green-energy-mobility", "critical-infrastructure", "open-data"],
        "lead": "haderslev-kommune",
        "partners": ["graenselandet-energi"],
        "contacts": ["soeren-lund"],
        "tags": ["district-heating", "energy", "open-data"],
        "municipality": "Haderslev",
        "coordinates": (55.2490, 9.4880),
        "period": None,
        "budget": (400000, "DKK"),
        "licence": Licence.UNKNOWN,
        "repository": "",
        "open_data": "",
        "related": ["dk-energitjek-boligejere", "nf-buergerwind-dashboard"],
        "figures": [
            ("70 %", {"da": "af husstandene på fjernvarme", "de": "", "en": ""}),
        ],
        "text": {
            "da": {
                "title": "Åbne fjernvarmedata i Haderslev",
                "teaser": "Fjernvarmeværkets måledata skal blive åbne data, så "
                "borgere og virksomheder kan se forbrug, temperaturer og tab i "
                "nettet.",
                "body": [
                    "Fjernvarme og varmepumper er rygraden i den grønne "
                    "varmeforsyning, men data om nettet er lukkede.",
                    "Idéen er en fælles dataplatform for fjernvarme, der også kan "
                    "bruges syd for grænsen i den tyske varmeplanlægning "
                    "(Fernwärme, Wärmeplanung).",
                ],
                "adoption": "Fjernvarmeværkets samtykke og anonymisering af "
                "forbrugsdata.",
            },
        },
    },
    {
        "key": "dk-akutberedskab-graensen",
        "area": "daenische-partner",
        "phase": Phase.COMPLETED,
        "fields": ["health", "critical-infrastructure"],
        "lead": "region-syddanmark",
        "partners": ["kreis-schleswig-flensburg", "stadt-flensburg"],
        "contacts": ["karen-holm"],
        "tags": ["rescue-services", "cross-border", "health"],
        "municipality": "Aabenraa",
        "coordinates": (55.0380, 9.4200),
        "period": ("2022-01-01", "2024-09-30"),
        "budget": (3200000, "DKK"),
        "licence": Licence.PROPRIETARY,
        "repository": "",
        "open_data": f"{DK_DATA}/ambulance-responstider-graenseregion",
        "related": ["nf-telemedizin-halligen"],
        "figures": [
            (
                "4 min",
                {
                    "de": "kürzere Hilfsfrist im Grenzgebiet",
                    "da": "kortere responstid i grænseområdet",
                    "en": "shorter response time in the border area",
                },
            ),
        ],
        "text": {
            "de": {
                "title": "Grenzüberschreitender Rettungsdienst",
                "teaser": "Leitstellen in Aabenraa und Harrislee tauschen "
                "Einsatzdaten aus, damit der nächste Rettungswagen kommt – egal "
                "von welcher Seite der Grenze.",
                "body": [
                    "An der Grenze war der nächste Rettungswagen oft der auf der "
                    "anderen Seite, durfte aber nicht alarmiert werden.",
                    "Eine Schnittstelle zwischen den Leitstellen und eine "
                    "Rahmenvereinbarung machen gegenseitige Hilfe möglich. Das "
                    "Projekt ist abgeschlossen und im Regelbetrieb übernommen.",
                ],
                "adoption": "Eine Rahmenvereinbarung der Träger und Schnittstellen "
                "zwischen den Einsatzleitsystemen.",
            },
            "da": {
                "title": "Grænseoverskridende akutberedskab",
                "teaser": "Vagtcentralerne i Aabenraa og Harreslev udveksler "
                "data, så den nærmeste ambulance kommer – uanset fra hvilken side "
                "af grænsen.",
                "body": [
                    "Ved grænsen var den nærmeste ambulance ofte den på den anden "
                    "side, men den måtte ikke alarmeres.",
                    "En grænseflade mellem vagtcentralerne og en rammeaftale gør "
                    "gensidig hjælp mulig. Projektet er afsluttet og videreført i "
                    "drift.",
                ],
                "adoption": "En rammeaftale mellem myndighederne og grænseflader "
                "mellem vagtcentralernes systemer.",
            },
            "en": {
                "title": "Cross-border emergency medical services",
                "teaser": "Dispatch centres in Aabenraa and Harrislee share data so "
                "that the nearest ambulance comes – whichever side of the border "
                "it is on.",
                "body": [
                    "At the border the nearest ambulance was often on the other "
                    "side but could not be dispatched.",
                    "An interface between dispatch centres and a framework agreement "
                    "make mutual aid possible. The project is completed and now "
                    "part of regular operation.",
                ],
                "adoption": "A framework agreement between the bodies responsible "
                "and interfaces between dispatch systems.",
            },
        },
    },
    {
        "key": "dk-tosproget-chatbot",
        "area": "daenische-partner",
        "languages": ["de", "da"],
        "phase": Phase.PROTOTYPE,
        "fields": ["public-services", "open-data"],
        "lead": "aabenraa-kommune",
        "partners": ["digitalagentur", "syddansk-universitet"],
        "contacts": ["rasmus-kjaer", "lasse-thomsen"],
        "tags": ["bilingual", "chatbot", "e-government", "cross-border"],
        "municipality": "Padborg",
        "coordinates": (54.8250, 9.3640),
        "period": ("2025-01-01", "2026-12-31"),
        "budget": (1100000, "DKK"),
        "licence": Licence.EUPL,
        "repository": f"{GIT}/tosproget-chatbot",
        "open_data": f"{DK_DATA}/borgerservice-spoergsmaal",
        "related": ["digitalagentur-grenzpendler", "nf-friesisch-buergerservice"],
        "figures": [
            (
                "850",
                {
                    "de": "beantwortete Fragen im Test",
                    "da": "besvarede spørgsmål i testen",
                    "en": "",
                },
            ),
        ],
        "text": {
            "de": {
                "title": "Zweisprachiger Chatbot für den Bürgerservice",
                "teaser": "Ein Chatbot beantwortet Fragen an den Bürgerservice auf "
                "Deutsch und Dänisch und verweist an die zuständige Stelle.",
                "body": [
                    "Der Bürgerservice in Padborg bekommt viele Fragen von "
                    "Deutschen, die in Dänemark wohnen oder arbeiten.",
                    "Der Prototyp beantwortet häufige Fragen zu Umzug, Gesundheits"
                    "karte und Steuern; das Sprachmodell läuft auf eigenen Servern.",
                ],
                "adoption": "Eine gepflegte Wissensbasis mit Fragen und Antworten und "
                "ein Server mit GPU.",
            },
            "da": {
                "title": "Tosproget chatbot til borgerservice",
                "teaser": "En chatbot besvarer spørgsmål til borgerservice på dansk "
                "og tysk og henviser til den rette myndighed.",
                "body": [
                    "Borgerservice i Padborg får mange spørgsmål fra tyskere, der "
                    "bor eller arbejder i Danmark.",
                    "Prototypen besvarer hyppige spørgsmål om flytning, sundhedskort "
                    "og skat; sprogmodellen kører på egne servere.",
                ],
                "adoption": "En vedligeholdt vidensbase med spørgsmål og svar og en "
                "server med GPU.",
            },
        },
    },
]
