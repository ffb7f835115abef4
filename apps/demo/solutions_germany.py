"""Demo solutions of the three German authorities (Flensburg, NF, SL-FL).

See :mod:`apps.demo.solutions` for the format. Repository and open-data
addresses are fictional (example.org).
"""

from __future__ import annotations

from apps.knowledge.choices import Licence, Phase

GIT = "https://git.example.org/smarte-grenzregion"
OPEN_DATA = "https://opendata.example.org/dataset"

SOLUTIONS = [
    # --- Stadt Flensburg ---------------------------------------------------------
    {
        "key": "flensburg-mobilitaetsstationen",
        "area": "stadt-flensburg",
        "phase": Phase.PILOT,
        "fields": ["green-energy-mobility", "neighbourhood-development"],
        "lead": "stadt-flensburg",
        "partners": ["hochschule-flensburg", "foerdedata"],
        "contacts": ["hanna-petersen"],
        "tags": ["mobility", "sharing", "e-mobility"],
        "municipality": "Flensburg",
        "coordinates": (54.7836, 9.4321),
        "period": ("2023-04-01", "2026-12-31"),
        "budget": (850000, "EUR"),
        "licence": Licence.EUPL,
        "repository": f"{GIT}/mobilitaetsstationen",
        "open_data": f"{OPEN_DATA}/mobilitaetsstationen-flensburg",
        "related": ["slfl-mitfahrbank", "nf-rufbus"],
        "figures": [
            ("12", {"de": "Stationen", "da": "stationer", "en": "stations"}),
            (
                "140",
                {
                    "de": "E-Lastenräder und E-Autos",
                    "da": "el-ladcykler og elbiler",
                    "en": "e-cargo bikes and e-cars",
                },
            ),
        ],
        "text": {
            "de": {
                "title": "Mobilitätsstationen in Flensburger Quartieren",
                "teaser": "An zwölf Stationen stehen E-Lastenräder, Carsharing und "
                "Ladesäulen nebeneinander – buchbar mit einer App.",
                "body": [
                    "Viele Haushalte in Fruerlund, Weiche und auf der Westlichen "
                    "Höhe würden auf ein Zweitauto verzichten, wenn Alternativen "
                    "gleich um die Ecke stünden.",
                    "Die Stationen bündeln Bus, Leihrad, E-Lastenrad und Carsharing. "
                    "Die Belegungsdaten fließen in Echtzeit in die regionale "
                    "Datenplattform.",
                ],
                "quote": (
                    "Seit die Station vor der Tür steht, haben wir unser Zweitauto "
                    "verkauft.",
                    "Anwohnerin aus Fruerlund",
                ),
                "adoption": "Flächen im öffentlichen Raum, ein Carsharing-Partner "
                "und ein Anschluss an eine Datenplattform mit offener Schnittstelle.",
            },
            "da": {
                "title": "Mobilitetsstationer i Flensborgs bydele",
                "teaser": "På tolv stationer står el-ladcykler, delebiler og "
                "ladestandere side om side – kan bookes i én app.",
                "body": [
                    "Mange husstande i Fruerlund, Weiche og Westliche Höhe ville "
                    "undvære bil nummer to, hvis alternativerne lå lige om hjørnet.",
                    "Stationerne samler bus, bycykel, el-ladcykel og delebil. "
                    "Belægningsdata sendes i realtid til den regionale "
                    "dataplatform.",
                ],
                "quote": (
                    "Siden stationen kom foran døren, har vi solgt vores anden bil.",
                    "Beboer i Fruerlund",
                ),
                "adoption": "Arealer i det offentlige rum, en delebilspartner og "
                "adgang til en dataplatform med åben grænseflade.",
            },
            "en": {
                "title": "Mobility hubs in Flensburg's neighbourhoods",
                "teaser": "Twelve hubs put e-cargo bikes, car sharing and chargers "
                "side by side – bookable in one app.",
                "body": [
                    "Many households in Fruerlund, Weiche and Westliche Höhe would "
                    "give up a second car if the alternatives were just around the "
                    "corner.",
                    "The hubs combine bus, bike hire, e-cargo bikes and car sharing. "
                    "Occupancy data flows into the regional data platform in real "
                    "time.",
                ],
                "quote": (
                    "Since the hub opened outside our door we have sold our second "
                    "car.",
                    "Resident of Fruerlund",
                ),
                "adoption": "Space in public areas, a car-sharing partner and a "
                "data platform with an open interface.",
            },
        },
    },
    {
        "key": "flensburg-hafen-pegel",
        "area": "stadt-flensburg",
        "phase": Phase.OPERATION,
        "fields": ["critical-infrastructure", "open-data"],
        "lead": "stadt-flensburg",
        "partners": ["foerdedata", "digitalagentur"],
        "contacts": ["jonas-christiansen", "sarah-nissen"],
        "tags": ["sensors", "storm-surge", "open-data", "lorawan"],
        "municipality": "Flensburg",
        "coordinates": (54.7937, 9.4333),
        "period": ("2022-09-01", None),
        "budget": (210000, "EUR"),
        "licence": Licence.MIT,
        "repository": f"{GIT}/hafen-pegel",
        "open_data": f"{OPEN_DATA}/pegel-flensburger-hafen",
        "related": ["digitalagentur-lorawan", "nf-deichmonitoring"],
        "figures": [
            (
                "18",
                {
                    "de": "Pegelsensoren",
                    "da": "vandstandssensorer",
                    "en": "water level sensors",
                },
            ),
            (
                "5 min",
                {
                    "de": "Messintervall",
                    "da": "måleinterval",
                    "en": "measuring interval",
                },
            ),
        ],
        "text": {
            "de": {
                "title": "Pegelsensoren im Flensburger Hafen",
                "teaser": "Funkende Pegelsensoren warnen Hafenbetriebe und "
                "Feuerwehr früh vor Ostseesturmhochwasser.",
                "body": [
                    "Bei Ostseesturmhochwasser läuft die Hafenspitze in kurzer Zeit "
                    "voll. Bisher gab es nur einen amtlichen Pegel für die ganze "
                    "Förde.",
                    "Achtzehn LoRaWAN-Sensoren messen den Wasserstand an Kaimauern "
                    "und Sielen. Schwellenwerte lösen Warnungen an Feuerwehr und "
                    "Anlieger aus; die Messwerte sind offene Daten.",
                ],
                "adoption": "Ein LoRaWAN-Netz, Montagepunkte an Kaimauern und eine "
                "Stelle, die Warnschwellen festlegt.",
            },
            "da": {
                "title": "Vandstandssensorer i Flensborg havn",
                "teaser": "Trådløse sensorer advarer havnevirksomheder og brandvæsen "
                "tidligt om stormflod fra Østersøen.",
                "body": [
                    "Ved stormflod fra Østersøen bliver havnespidsen hurtigt "
                    "oversvømmet. Hidtil fandtes kun én officiel vandstandsmåler for "
                    "hele fjorden.",
                    "Atten LoRaWAN-sensorer måler vandstanden ved kajer og sluser. "
                    "Grænseværdier udløser advarsler til brandvæsen og naboer; "
                    "målingerne er åbne data.",
                ],
                "adoption": "Et LoRaWAN-net, monteringspunkter på kajerne og en "
                "myndighed, der fastsætter varslingsgrænser.",
            },
            "en": {
                "title": "Water level sensors in Flensburg harbour",
                "teaser": "Wireless sensors give harbour businesses and the fire "
                "brigade early warning of Baltic storm surges.",
                "body": [
                    "In a Baltic storm surge the inner harbour floods quickly. Until "
                    "now there was a single official gauge for the whole fjord.",
                    "Eighteen LoRaWAN sensors measure the water level at quays and "
                    "sluices. Thresholds trigger warnings to the fire brigade and "
                    "neighbours; the readings are open data.",
                ],
                "adoption": "A LoRaWAN network, mounting points on quay walls and "
                "an authority that sets warning thresholds.",
            },
        },
    },
    {
        "key": "flensburg-barrierefreie-wege",
        "area": "stadt-flensburg",
        "phase": Phase.PROTOTYPE,
        "fields": ["health", "neighbourhood-development", "open-data"],
        "lead": "stadt-flensburg",
        "partners": ["europa-universitaet-flensburg"],
        "contacts": ["jonas-christiansen"],
        "tags": ["accessibility", "maps", "open-data"],
        "municipality": "Flensburg",
        "coordinates": (54.7819, 9.4370),
        "period": ("2024-02-01", "2026-03-31"),
        "budget": (120000, "EUR"),
        "licence": Licence.AGPL,
        "repository": f"{GIT}/barrierefreie-wege",
        "open_data": f"{OPEN_DATA}/barrierefreie-wege-flensburg",
        "related": ["flensburg-mobilitaetsstationen"],
        "figures": [
            (
                "2.300",
                {
                    "de": "erfasste Bordsteine und Stufen",
                    "da": "registrerede kantsten og trin",
                    "en": "kerbs and steps mapped",
                },
            ),
        ],
        "text": {
            "de": {
                "title": "Barrierefreie Wege durch die Altstadt",
                "teaser": "Ein Routenplaner, der Steigungen, Stufen und abgesenkte "
                "Bordsteine kennt – erfasst von Menschen mit Rollator und Rollstuhl.",
                "body": [
                    "Flensburgs Altstadt ist steil und voller Treppen. Gängige "
                    "Kartendienste führen Menschen mit Rollstuhl oft in Sackgassen.",
                    "Freiwillige erfassen Hindernisse mit einer App; der Prototyp "
                    "berechnet daraus stufenfreie Routen. Die Daten gehen an "
                    "OpenStreetMap zurück.",
                ],
                "quote": (
                    "Zum ersten Mal komme ich ohne Umweg vom Bahnhof zur "
                    "Nikolaikirche.",
                    "Testnutzer im Rollstuhl",
                ),
                "adoption": "Eine Gruppe Freiwilliger für die Erfassung und "
                "Grunddaten aus OpenStreetMap.",
            },
            "da": {
                "title": "Tilgængelige ruter gennem den gamle bydel",
                "teaser": "En ruteplanlægger, der kender stigninger, trin og sænkede "
                "kantsten – kortlagt af folk med rollator og kørestol.",
                "body": [
                    "Flensborgs gamle bydel er stejl og fuld af trapper. Gængse "
                    "korttjenester sender ofte kørestolsbrugere ind i blindgyder.",
                    "Frivillige registrerer forhindringer med en app; prototypen "
                    "beregner trinfri ruter. Data gives tilbage til OpenStreetMap.",
                ],
                "quote": (
                    "For første gang kommer jeg fra banegården til Nikolajkirken "
                    "uden omveje.",
                    "Testbruger i kørestol",
                ),
                "adoption": "En gruppe frivillige til registreringen og grunddata "
                "fra OpenStreetMap.",
            },
            "en": {
                "title": "Step-free routes through the old town",
                "teaser": "A route planner that knows gradients, steps and dropped "
                "kerbs – mapped by people using walkers and wheelchairs.",
                "body": [
                    "Flensburg's old town is steep and full of stairs. Common map "
                    "services often send wheelchair users into dead ends.",
                    "Volunteers record obstacles with an app; the prototype computes "
                    "step-free routes from them. The data goes back to "
                    "OpenStreetMap.",
                ],
                "quote": (
                    "For the first time I get from the station to St Nicholas' "
                    "without a detour.",
                    "Wheelchair-using tester",
                ),
                "adoption": "A group of volunteers for mapping and base data from "
                "OpenStreetMap.",
            },
        },
    },
    {
        "key": "flensburg-quartiersenergie",
        "area": "stadt-flensburg",
        "phase": Phase.CONCEPT,
        "fields": ["green-energy-mobility", "neighbourhood-development"],
        "lead": "stadt-flensburg",
        "partners": ["hochschule-flensburg", "europa-universitaet-flensburg"],
        "contacts": ["niklas-feddersen", "jonas-christiansen"],
        "tags": ["energy", "heat-transition", "dashboard"],
        "municipality": "Flensburg",
        "coordinates": (54.7990, 9.4630),
        "period": ("2025-05-01", "2027-04-30"),
        "budget": (340000, "EUR"),
        "licence": Licence.APACHE,
        "repository": "",
        "open_data": "",
        "related": ["dk-energitjek-boligejere"],
        "figures": [
            (
                "1.900",
                {
                    "de": "Haushalte im Quartier",
                    "da": "husstande i kvarteret",
                    "en": "households in the neighbourhood",
                },
            ),
        ],
        "text": {
            "de": {
                "title": "Energie-Dashboard für das Quartier Fruerlund",
                "teaser": "Ein Quartiers-Dashboard zeigt Wärmebedarf, Solarpotenzial "
                "und Sanierungsstand – als Grundlage für die Wärmeplanung.",
                "body": [
                    "Für die kommunale Wärmeplanung fehlen kleinräumige Daten, und "
                    "Eigentümer wissen selten, was eine Sanierung bringt.",
                    "Das Konzept verknüpft Gebäudedaten, Verbrauch und "
                    "Solarkataster zu anonymisierten Blockwerten. Anwohnende sollen "
                    "es in Werkstätten mitgestalten.",
                ],
                "adoption": "Gebäude- und Verbrauchsdaten auf Baublockebene und eine "
                "abgestimmte Datenschutz-Folgenabschätzung.",
            },
            "da": {
                "title": "Energi-dashboard for kvarteret Fruerlund",
                "teaser": "Et kvarters-dashboard viser varmebehov, solpotentiale og "
                "renoveringsstand – som grundlag for varmeplanlægningen.",
                "body": [
                    "Den kommunale varmeplanlægning mangler data på kvartersniveau, "
                    "og ejere ved sjældent, hvad en renovering giver.",
                    "Konceptet forbinder bygningsdata, forbrug og solkort til "
                    "anonymiserede værdier pr. karré. Beboerne skal være med til at "
                    "udforme det i workshops.",
                ],
                "adoption": "Bygnings- og forbrugsdata pr. karré og en aftalt "
                "konsekvensanalyse for databeskyttelse.",
            },
            "en": {
                "title": "Energy dashboard for the Fruerlund neighbourhood",
                "teaser": "A neighbourhood dashboard shows heat demand, solar "
                "potential and retrofit status – a basis for heat planning.",
                "body": [
                    "Municipal heat planning lacks small-scale data, and owners "
                    "rarely know what a retrofit would achieve.",
                    "The concept links building data, consumption and the solar "
                    "register into anonymised block-level values. Residents shape it "
                    "in workshops.",
                ],
                "adoption": "Building and consumption data per block and an agreed "
                "data protection impact assessment.",
            },
        },
    },
    {
        "key": "flensburg-beteiligungsplattform",
        "area": "stadt-flensburg",
        "phase": Phase.COMPLETED,
        "fields": ["public-services", "neighbourhood-development", "open-data"],
        "lead": "stadt-flensburg",
        "partners": ["digitalagentur"],
        "contacts": ["lasse-thomsen"],
        "tags": ["participation", "open-source", "co-creation"],
        "municipality": "Flensburg",
        "coordinates": (54.7833, 9.4333),
        "period": ("2022-06-01", "2024-12-31"),
        "budget": (95000, "EUR"),
        "licence": Licence.AGPL,
        "repository": f"{GIT}/mitmachen-flensburg",
        "open_data": f"{OPEN_DATA}/beteiligungsverfahren-flensburg",
        "related": ["digitalagentur-ideenwerkstatt"],
        "figures": [
            ("4100", {"de": "Beiträge", "da": "bidrag", "en": "contributions"}),
            ("23", {"de": "Verfahren", "da": "høringer", "en": "consultations"}),
        ],
        "text": {
            "de": {
                "title": "Beteiligungsplattform „Mitmachen in Flensburg“",
                "teaser": "Eine Open-Source-Plattform, auf der Bürgerinnen und "
                "Bürger Vorhaben kommentieren und eigene Ideen einreichen.",
                "body": [
                    "Beteiligung fand bisher auf Papier und in Abendsitzungen statt. "
                    "Junge Menschen und Berufstätige erreichte sie kaum.",
                    "Die Plattform bündelt alle Verfahren der Stadt, auch auf "
                    "Dänisch. Nach Projektende betreibt die Stadt sie im "
                    "Regelbetrieb weiter; der Code steht anderen Kommunen offen.",
                ],
                "adoption": "Eine Redaktion in der Verwaltung und ein Server mit "
                "PostgreSQL; das Hosting kann die Digitalagentur übernehmen.",
            },
            "da": {
                "title": "Borgerinddragelsesplatformen „Mitmachen in Flensburg“",
                "teaser": "En open source-platform, hvor borgerne kommenterer "
                "projekter og indsender egne idéer.",
                "body": [
                    "Borgerinddragelse foregik før på papir og ved aftenmøder. Unge "
                    "og erhvervsaktive blev næsten ikke nået.",
                    "Platformen samler alle byens høringer, også på dansk. Efter "
                    "projektet driver byen den videre; koden er åben for andre "
                    "kommuner.",
                ],
                "adoption": "En redaktion i forvaltningen og en server med "
                "PostgreSQL; Digitalagenturet kan stå for hostingen.",
            },
            "en": {
                "title": "Participation platform “Mitmachen in Flensburg”",
                "teaser": "An open-source platform where citizens comment on plans "
                "and submit their own ideas.",
                "body": [
                    "Participation used to happen on paper and at evening meetings. "
                    "It hardly reached young people or those in work.",
                    "The platform brings together all of the city's consultations, "
                    "in Danish as well. The city kept running it after the project; "
                    "the code is open to other municipalities.",
                ],
                "adoption": "An editorial team in the administration and a server "
                "with PostgreSQL; the Digital Agency can host it.",
            },
        },
    },
    {
        "key": "flensburg-sicherer-schulweg",
        "area": "stadt-flensburg",
        "languages": ["de"],
        "phase": Phase.IDEA,
        "fields": ["green-energy-mobility", "public-services"],
        "lead": "stadt-flensburg",
        "partners": [],
        "contacts": ["hanna-petersen"],
        "tags": ["mobility", "children", "co-creation"],
        "municipality": "Flensburg",
        "coordinates": (54.7700, 9.4200),
        "period": ("2026-09-01", None),
        "budget": None,
        "licence": Licence.UNKNOWN,
        "repository": "",
        "open_data": "",
        "related": ["flensburg-mobilitaetsstationen"],
        "figures": [
            ("3", {"de": "interessierte Grundschulen", "da": "", "en": ""}),
        ],
        "text": {
            "de": {
                "title": "Sicherer Schulweg: Gefahrenstellen melden",
                "teaser": "Eltern und Kinder melden gefährliche Stellen auf dem "
                "Schulweg; die Verkehrsplanung bekommt eine Karte mit Prioritäten.",
                "body": [
                    "Die Idee kam aus einer Co-Creation-Werkstatt mit "
                    "Elternvertretungen dreier Grundschulen.",
                    "Als nächster Schritt steht der Machbarkeitscheck der "
                    "Digitalagentur an: Gibt es eine bestehende Meldeplattform, die "
                    "sich nachnutzen lässt?",
                ],
                "adoption": "Noch offen; zuerst wird der Bedarf geprüft.",
            },
        },
    },
    # --- Kreis Nordfriesland -----------------------------------------------------
    {
        "key": "nf-rufbus",
        "area": "kreis-nordfriesland",
        "phase": Phase.OPERATION,
        "fields": ["green-energy-mobility", "public-services"],
        "lead": "kreis-nordfriesland",
        "partners": ["mobil-im-dorf"],
        "contacts": ["inken-hansen"],
        "tags": ["mobility", "on-demand", "rural"],
        "municipality": "Husum",
        "coordinates": (54.4858, 9.0524),
        "period": ("2022-11-01", None),
        "budget": (1250000, "EUR"),
        "licence": Licence.PROPRIETARY,
        "repository": "",
        "open_data": f"{OPEN_DATA}/rufbus-nordfriesland-fahrten",
        "related": ["slfl-mitfahrbank", "flensburg-mobilitaetsstationen"],
        "figures": [
            (
                "38.000",
                {
                    "de": "Fahrten pro Jahr",
                    "da": "ture om året",
                    "en": "trips per year",
                },
            ),
            (
                "30 min",
                {
                    "de": "Vorlaufzeit",
                    "da": "bestillingstid",
                    "en": "booking lead time",
                },
            ),
        ],
        "text": {
            "de": {
                "title": "Rufbus NF-Shuttle zwischen Husum und der Geest",
                "teaser": "Ein Rufbus ohne festen Fahrplan bündelt Fahrtwünsche per "
                "App und Telefon und fährt dort, wo kein Linienbus mehr hält.",
                "body": [
                    "Auf der Geest fahren Linienbusse oft nur im Schulverkehr. Wer "
                    "kein Auto hat, kommt abends und am Wochenende nicht weg.",
                    "Das NF-Shuttle fährt nach Bedarf zwischen virtuellen "
                    "Haltestellen. Ein Algorithmus bündelt Fahrten; gebucht wird per "
                    "App oder Telefon, auch auf Plattdeutsch und Friesisch.",
                ],
                "quote": (
                    "Ich kann wieder selbst zum Arzt nach Husum fahren.",
                    "Fahrgast, 81 Jahre",
                ),
                "adoption": "Ein Verkehrsunternehmen, eine Buchungssoftware und "
                "eine Finanzierung über den ÖPNV-Aufgabenträger.",
            },
            "da": {
                "title": "Telebussen NF-Shuttle mellem Husum og gesten",
                "teaser": "En telebus uden fast køreplan samler ønsker om ture via "
                "app og telefon og kører, hvor rutebussen ikke længere stopper.",
                "body": [
                    "På gesten kører rutebusser ofte kun skolekørsel. Uden bil kommer "
                    "man ikke ud om aftenen og i weekenden.",
                    "NF-Shuttle kører efter behov mellem virtuelle stoppesteder. En "
                    "algoritme samler turene; der bookes via app eller telefon, også "
                    "på plattysk og frisisk.",
                ],
                "quote": (
                    "Jeg kan igen selv tage til lægen i Husum.",
                    "Passager, 81 år",
                ),
                "adoption": "Et trafikselskab, et bookingsystem og finansiering via "
                "den kollektive trafikmyndighed.",
            },
            "en": {
                "title": "NF-Shuttle on-demand bus between Husum and the Geest",
                "teaser": "An on-demand bus without a fixed timetable pools ride "
                "requests by app and phone and serves places regular buses no "
                "longer reach.",
                "body": [
                    "On the Geest, regular buses often run only for school traffic. "
                    "Without a car, people cannot get out in the evening or at "
                    "weekends.",
                    "The NF-Shuttle runs on demand between virtual stops. An "
                    "algorithm pools trips; bookings are by app or phone, in Low "
                    "German and Frisian too.",
                ],
                "quote": (
                    "I can go to the doctor in Husum on my own again.",
                    "Passenger, aged 81",
                ),
                "adoption": "A transport operator, booking software and funding "
                "through the public transport authority.",
            },
        },
    },
    {
        "key": "nf-telemedizin-halligen",
        "area": "kreis-nordfriesland",
        "phase": Phase.PILOT,
        "fields": ["health", "critical-infrastructure"],
        "lead": "kreis-nordfriesland",
        "partners": ["hochschule-flensburg", "syddansk-universitet"],
        "contacts": ["boy-jensen", "lene-schmidt"],
        "tags": ["telemedicine", "islands", "health"],
        "municipality": "Hallig Hooge",
        "coordinates": (54.5700, 8.5500),
        "period": ("2023-08-01", "2026-07-31"),
        "budget": (620000, "EUR"),
        "licence": Licence.EUPL,
        "repository": f"{GIT}/telemedizin-halligen",
        "open_data": "",
        "related": ["slfl-gemeindeschwester", "dk-akutberedskab-graensen"],
        "figures": [
            (
                "9",
                {
                    "de": "Halligen und Inseln",
                    "da": "halliger og øer",
                    "en": "Halligen and islands",
                },
            ),
            (
                "310",
                {
                    "de": "Videosprechstunden im Pilotjahr",
                    "da": "videokonsultationer i pilotåret",
                    "en": "video consultations in the pilot year",
                },
            ),
        ],
        "text": {
            "de": {
                "title": "Telemedizin für Inseln und Halligen",
                "teaser": "Videosprechstunden und vernetzte Messgeräte bringen "
                "Hausärzte vom Festland auf die Halligen – auch bei Landunter.",
                "body": [
                    "Auf den Halligen gibt es keine Arztpraxis. Bei Sturm ist die "
                    "Fähre tagelang eingestellt.",
                    "Speziell geschulte Pflegekräfte führen mit einem Telemedizin-"
                    "Koffer Untersuchungen durch, während die Hausärztin auf dem "
                    "Festland per Video zugeschaltet ist.",
                ],
                "quote": (
                    "Bei Landunter ist der Koffer unser Wartezimmer.",
                    "Pflegekraft auf Hallig Hooge",
                ),
                "adoption": "Eine Breitband- oder Mobilfunkanbindung, "
                "kooperierende Hausarztpraxen und geschultes Pflegepersonal.",
            },
            "da": {
                "title": "Telemedicin for øer og halliger",
                "teaser": "Videokonsultationer og forbundne måleapparater bringer "
                "praktiserende læger fra fastlandet ud på halligerne – også ved "
                "stormflod.",
                "body": [
                    "På halligerne findes ingen lægepraksis. Ved storm er færgen "
                    "indstillet i flere dage.",
                    "Specialuddannede sygeplejersker undersøger patienterne med en "
                    "telemedicinkuffert, mens lægen på fastlandet deltager via video.",
                ],
                "quote": (
                    "Ved stormflod er kufferten vores venteværelse.",
                    "Sygeplejerske på Hallig Hooge",
                ),
                "adoption": "Bredbånds- eller mobilforbindelse, samarbejdende "
                "lægepraksisser og uddannet plejepersonale.",
            },
            "en": {
                "title": "Telemedicine for islands and Halligen",
                "teaser": "Video consultations and connected devices bring mainland "
                "GPs to the Halligen – even when the sea floods them.",
                "body": [
                    "There is no GP practice on the Halligen. In storms the ferry "
                    "stops for days.",
                    "Specially trained nurses examine patients with a telemedicine "
                    "case while the GP on the mainland joins by video.",
                ],
                "quote": (
                    "When the Hallig floods, the case is our waiting room.",
                    "Nurse on Hallig Hooge",
                ),
                "adoption": "A broadband or mobile connection, co-operating GP "
                "practices and trained nursing staff.",
            },
        },
    },
    {
        "key": "nf-coworking-land",
        "area": "kreis-nordfriesland",
        "phase": Phase.OPERATION,
        "fields": ["living-working-supply", "neighbourhood-development"],
        "lead": "kreis-nordfriesland",
        "partners": ["landsbyforum-soenderjylland"],
        "contacts": ["inken-hansen"],
        "tags": ["coworking", "rural", "remote-work"],
        "municipality": "Niebüll",
        "coordinates": (54.7880, 8.8290),
        "period": ("2023-01-01", None),
        "budget": (280000, "EUR"),
        "licence": Licence.CC_BY,
        "repository": "",
        "open_data": f"{OPEN_DATA}/coworking-orte-nordfriesland",
        "related": ["digitalagentur-grenzpendler", "dk-landsbyklynger-toender"],
        "figures": [
            (
                "7",
                {
                    "de": "Coworking-Orte",
                    "da": "coworking-steder",
                    "en": "coworking spaces",
                },
            ),
            (
                "64",
                {"de": "Stammnutzende", "da": "faste brugere", "en": "regular users"},
            ),
        ],
        "text": {
            "de": {
                "title": "Coworking auf dem Land: Arbeiten im alten Bahnhof",
                "teaser": "Sieben Coworking-Orte in Dörfern und Kleinstädten sparen "
                "Pendelwege und beleben leere Gebäude.",
                "body": [
                    "Viele Berufstätige pendeln täglich über eine Stunde nach "
                    "Flensburg, Husum oder Hamburg.",
                    "In alten Bahnhöfen, Gasthöfen und Amtsstuben entstehen "
                    "Arbeitsplätze mit schnellem Internet. Buchung und Schließsystem "
                    "laufen digital.",
                ],
                "adoption": "Ein Gebäude mit Glasfaser, ein Trägerverein vor Ort und "
                "ein digitales Buchungs- und Schließsystem.",
            },
            "da": {
                "title": "Coworking på landet: arbejde på den gamle station",
                "teaser": "Syv coworking-steder i landsbyer og småbyer sparer "
                "pendling og giver tomme bygninger nyt liv.",
                "body": [
                    "Mange erhvervsaktive pendler dagligt over en time til Flensborg, "
                    "Husum eller Hamborg.",
                    "I gamle stationer, kroer og kontorer indrettes arbejdspladser "
                    "med hurtigt internet. Booking og adgang foregår digitalt.",
                ],
                "adoption": "En bygning med fiber, en lokal forening som "
                "driftsherre og et digitalt booking- og adgangssystem.",
            },
            "en": {
                "title": "Rural coworking: working in the old railway station",
                "teaser": "Seven coworking spaces in villages and small towns save "
                "commutes and bring empty buildings back to life.",
                "body": [
                    "Many people commute more than an hour a day to Flensburg, Husum "
                    "or Hamburg.",
                    "Old stations, inns and offices become workplaces with fast "
                    "internet. Booking and door access are digital.",
                ],
                "adoption": "A building with fibre, a local association to run it "
                "and a digital booking and access system.",
            },
        },
    },
    {
        "key": "nf-deichmonitoring",
        "area": "kreis-nordfriesland",
        "phase": Phase.PROTOTYPE,
        "fields": ["critical-infrastructure", "open-data"],
        "lead": "kreis-nordfriesland",
        "partners": ["foerdedata", "hochschule-flensburg"],
        "contacts": ["inken-hansen", "niklas-feddersen"],
        "tags": ["sensors", "storm-surge", "coastal-protection", "lorawan"],
        "municipality": "Dagebüll",
        "coordinates": (54.7300, 8.6900),
        "period": ("2024-04-01", "2026-10-31"),
        "budget": (390000, "EUR"),
        "licence": Licence.EUPL,
        "repository": f"{GIT}/deichmonitoring",
        "open_data": f"{OPEN_DATA}/deichfeuchte-dagebuell",
        "related": ["flensburg-hafen-pegel"],
        "figures": [
            (
                "4 km",
                {
                    "de": "überwachte Deichlinie",
                    "da": "overvåget dige",
                    "en": "dike monitored",
                },
            ),
        ],
        "text": {
            "de": {
                "title": "Digitales Deichmonitoring an der Nordsee",
                "teaser": "Feuchte- und Neigungssensoren im Deichkörper zeigen "
                "Schwachstellen, bevor bei Sturmflut Schaden entsteht.",
                "body": [
                    "Deichschauen finden zweimal im Jahr statt. Was sich zwischen "
                    "den Begehungen im Deich tut, bleibt unsichtbar.",
                    "Der Prototyp misst auf vier Kilometern Feuchte und Bewegung im "
                    "Deich und zeigt Auffälligkeiten auf einer Karte für die "
                    "Deichverbände.",
                ],
                "adoption": "Zustimmung des Deichverbands, ein LoRaWAN-Netz und "
                "Wartung der Sensoren nach Sturmfluten.",
            },
            "da": {
                "title": "Digital diges overvågning ved Vesterhavet",
                "teaser": "Fugt- og hældningssensorer i diget viser svage punkter, "
                "før stormfloden gør skade.",
                "body": [
                    "Digesyn finder sted to gange om året. Hvad der sker i diget "
                    "imellem, er usynligt.",
                    "Prototypen måler fugt og bevægelse på fire kilometer dige og "
                    "viser afvigelser på et kort til digelagene.",
                ],
                "adoption": "Digelagets godkendelse, et LoRaWAN-net og "
                "vedligeholdelse af sensorerne efter stormfloder.",
            },
            "en": {
                "title": "Digital dike monitoring on the North Sea",
                "teaser": "Moisture and tilt sensors inside the dike reveal weak "
                "spots before a storm surge does damage.",
                "body": [
                    "Dike inspections happen twice a year. What goes on inside the "
                    "dike in between stays invisible.",
                    "The prototype measures moisture and movement along four "
                    "kilometres of dike and shows anomalies on a map for the dike "
                    "associations.",
                ],
                "adoption": "Consent of the dike association, a LoRaWAN network and "
                "sensor maintenance after storm surges.",
            },
        },
    },
    {
        "key": "nf-friesisch-buergerservice",
        "area": "kreis-nordfriesland",
        "phase": Phase.COMPLETED,
        "fields": ["public-services"],
        "lead": "kreis-nordfriesland",
        "partners": ["europa-universitaet-flensburg"],
        "contacts": ["boy-jensen"],
        "tags": ["minority-languages", "frisian", "e-government"],
        "municipality": "Husum",
        "coordinates": (54.4770, 9.0510),
        "period": ("2022-04-01", "2024-06-30"),
        "budget": (75000, "EUR"),
        "licence": Licence.CC_BY,
        "repository": f"{GIT}/friesisch-buergerservice",
        "open_data": f"{OPEN_DATA}/friesisches-verwaltungsglossar",
        "related": ["dk-tosproget-chatbot"],
        "figures": [
            (
                "1.200",
                {
                    "de": "Fachbegriffe übersetzt",
                    "da": "fagudtryk oversat",
                    "en": "terms translated",
                },
            ),
        ],
        "text": {
            "de": {
                "title": "Bürgerservice auf Friesisch",
                "teaser": "Formulare und Online-Dienste des Kreises gibt es jetzt "
                "auch auf Nordfriesisch – mit einem offenen Verwaltungsglossar.",
                "body": [
                    "Nordfriesisch ist eine anerkannte Minderheitensprache, kam in "
                    "der digitalen Verwaltung aber kaum vor.",
                    "Gemeinsam mit dem Friesischen Institut entstand ein Glossar "
                    "für Verwaltungssprache. Es steht unter freier Lizenz für "
                    "andere Kommunen bereit.",
                ],
                "adoption": "Übersetzerinnen mit Verwaltungskenntnis und ein "
                "Formularsystem, das mehrere Sprachen kann.",
            },
            "da": {
                "title": "Borgerservice på frisisk",
                "teaser": "Kredsens blanketter og onlinetjenester findes nu også på "
                "nordfrisisk – med en åben forvaltningsordliste.",
                "body": [
                    "Nordfrisisk er et anerkendt mindretalssprog, men var næsten "
                    "fraværende i den digitale forvaltning.",
                    "Sammen med Frisisk Institut blev der udarbejdet en ordliste for "
                    "forvaltningssprog. Den er frit licenseret til andre kommuner.",
                ],
                "adoption": "Oversættere med kendskab til forvaltning og et "
                "blanketsystem, der kan håndtere flere sprog.",
            },
            "en": {
                "title": "Public services in Frisian",
                "teaser": "The district's forms and online services are now also "
                "available in North Frisian – with an open administrative glossary.",
                "body": [
                    "North Frisian is a recognised minority language but was almost "
                    "absent from digital public services.",
                    "Together with the Frisian Institute a glossary of "
                    "administrative terms was created, openly licensed for other "
                    "municipalities.",
                ],
                "adoption": "Translators who know public administration and a forms "
                "system that supports several languages.",
            },
        },
    },
    {
        "key": "nf-buergerwind-dashboard",
        "area": "kreis-nordfriesland",
        "phase": Phase.CONCEPT,
        "fields": ["green-energy-mobility", "open-data"],
        "lead": "buergerenergie-nordfriesland",
        "partners": ["kreis-nordfriesland", "europa-universitaet-flensburg"],
        "contacts": ["torben-carstensen"],
        "tags": ["energy", "wind", "citizen-energy", "dashboard"],
        "municipality": "Bredstedt",
        "coordinates": (54.6190, 8.9640),
        "period": ("2025-10-01", "2027-03-31"),
        "budget": (160000, "EUR"),
        "licence": Licence.MIT,
        "repository": "",
        "open_data": "",
        "related": ["dk-fjernvarme-data-haderslev", "flensburg-quartiersenergie"],
        "figures": [
            (
                "60 %",
                {
                    "de": "Windstrom in Bürgerhand",
                    "da": "vindstrøm ejet af borgere",
                    "en": "of wind power community-owned",
                },
            ),
        ],
        "text": {
            "de": {
                "title": "Bürgerwind-Dashboard: lokalen Strom sichtbar machen",
                "teaser": "Ein Dashboard zeigt, wann im Dorf Windstrom übrig ist – "
                "damit Wärmepumpen und E-Autos dann laden.",
                "body": [
                    "Nordfriesland erzeugt ein Vielfaches seines Strombedarfs, "
                    "doch Anlagen werden bei Netzengpässen abgeregelt.",
                    "Das Konzept verbindet Einspeisedaten der Bürgerwindparks mit "
                    "einer Ampel für Haushalte. Ein Pilot in drei Dörfern ist "
                    "geplant.",
                ],
                "adoption": "Zugang zu Einspeise- und Netzdaten und ein "
                "Bürgerwindpark als Partner.",
            },
            "da": {
                "title": "Borgervind-dashboard: gør lokal strøm synlig",
                "teaser": "Et dashboard viser, hvornår der er overskud af vindstrøm i "
                "landsbyen – så varmepumper og elbiler lader på det tidspunkt.",
                "body": [
                    "Nordfrisland producerer mange gange sit eget strømbehov, men "
                    "møllerne bliver neddroslet ved flaskehalse i nettet.",
                    "Konceptet forbinder produktionsdata fra borgervindmøllerne med "
                    "et trafiklys for husstandene. En pilot i tre landsbyer er "
                    "planlagt.",
                ],
                "adoption": "Adgang til produktions- og netdata og en borgerejet "
                "vindmøllepark som partner.",
            },
            "en": {
                "title": "Community wind dashboard: making local power visible",
                "teaser": "A dashboard shows when the village has surplus wind power "
                "– so heat pumps and electric cars charge then.",
                "body": [
                    "North Frisia generates many times its own electricity demand, "
                    "yet turbines are curtailed when the grid is congested.",
                    "The concept links feed-in data of community wind farms with a "
                    "traffic light for households. A pilot in three villages is "
                    "planned.",
                ],
                "adoption": "Access to feed-in and grid data and a community wind "
                "farm as a partner.",
            },
        },
    },
    # --- Kreis Schleswig-Flensburg -----------------------------------------------
    {
        "key": "slfl-dorfladen-24-7",
        "area": "kreis-schleswig-flensburg",
        "phase": Phase.OPERATION,
        "fields": ["living-working-supply", "neighbourhood-development"],
        "lead": "kreis-schleswig-flensburg",
        "partners": ["mobil-im-dorf"],
        "contacts": ["frauke-lorenzen"],
        "tags": ["local-supply", "village-shop", "rural"],
        "municipality": "Sörup",
        "coordinates": (54.7167, 9.6667),
        "period": ("2022-10-01", None),
        "budget": (310000, "EUR"),
        "licence": Licence.PROPRIETARY,
        "repository": "",
        "open_data": "",
        "related": ["dk-landsbyklynger-toender", "nf-coworking-land"],
        "figures": [
            ("5", {"de": "Dorfläden", "da": "landsbybutikker", "en": "village shops"}),
            ("24/7", {"de": "geöffnet", "da": "åbent", "en": "open"}),
        ],
        "text": {
            "de": {
                "title": "Digitaler Dorfladen – rund um die Uhr geöffnet",
                "teaser": "Hybride Dorfläden sind tagsüber mit Personal und "
                "nachts per App-Zugang geöffnet, mit regionalen Produkten.",
                "body": [
                    "In vielen Dörfern Angelns hat der letzte Laden geschlossen. "
                    "Ältere Menschen ohne Auto verlieren damit ihre Nahversorgung.",
                    "Fünf Läden kombinieren Bedienzeiten mit Selbstbedienung per "
                    "Kundenkarte oder App. Der Laden ist zugleich Treffpunkt.",
                ],
                "quote": (
                    "Der Laden ist wieder das Herz des Dorfes.",
                    "Bürgermeister einer Gemeinde in Angeln",
                ),
                "adoption": "Ein Gebäude im Ortskern, eine Trägerstruktur (Verein "
                "oder Genossenschaft) und ein Kassensystem mit Zutrittskontrolle.",
            },
            "da": {
                "title": "Digital landsbybutik – åben døgnet rundt",
                "teaser": "Hybride landsbybutikker har personale om dagen og adgang "
                "via app om natten, med lokale varer.",
                "body": [
                    "I mange landsbyer i Angel er den sidste butik lukket. Ældre "
                    "uden bil mister dermed deres nærforsyning.",
                    "Fem butikker kombinerer betjening med selvbetjening via "
                    "kundekort eller app. Butikken er samtidig et mødested.",
                ],
                "quote": (
                    "Butikken er igen landsbyens hjerte.",
                    "Borgmester i en kommune i Angel",
                ),
                "adoption": "En bygning i landsbyens centrum, en driftsform "
                "(forening eller andelsselskab) og et kassesystem med "
                "adgangskontrol.",
            },
            "en": {
                "title": "Digital village shop – open around the clock",
                "teaser": "Hybrid village shops are staffed during the day and open "
                "by app at night, with regional produce.",
                "body": [
                    "Many villages in Angeln have lost their last shop. Older people "
                    "without a car lose their local supply.",
                    "Five shops combine staffed hours with self-service by customer "
                    "card or app. The shop is a meeting place as well.",
                ],
                "quote": (
                    "The shop is the heart of the village again.",
                    "Mayor of a municipality in Angeln",
                ),
                "adoption": "A building in the village centre, an operator "
                "(association or co-operative) and a till system with access "
                "control.",
            },
        },
    },
    {
        "key": "slfl-gemeindeschwester",
        "area": "kreis-schleswig-flensburg",
        "phase": Phase.PILOT,
        "fields": ["health", "public-services"],
        "lead": "kreis-schleswig-flensburg",
        "partners": ["syddansk-universitet", "aabenraa-kommune"],
        "contacts": ["frauke-lorenzen", "rasmus-kjaer"],
        "tags": ["health", "care", "rural", "cross-border"],
        "municipality": "Kappeln",
        "coordinates": (54.6614, 9.9311),
        "period": ("2024-01-01", "2026-12-31"),
        "budget": (540000, "EUR"),
        "licence": Licence.EUPL,
        "repository": f"{GIT}/gemeindeschwester-app",
        "open_data": "",
        "related": ["dk-natlig-tilsyn-aabenraa", "nf-telemedizin-halligen"],
        "figures": [
            (
                "6",
                {
                    "de": "Gemeindeschwestern",
                    "da": "kommunale sygeplejersker",
                    "en": "community nurses",
                },
            ),
            (
                "420",
                {
                    "de": "betreute Seniorinnen und Senioren",
                    "da": "ældre borgere i forløb",
                    "en": "older people supported",
                },
            ),
        ],
        "text": {
            "de": {
                "title": "Gemeindeschwester digital",
                "teaser": "Gemeindeschwestern besuchen ältere Menschen zu Hause und "
                "vernetzen sich per Tablet mit Hausärzten und Pflegediensten.",
                "body": [
                    "Das dänische Modell der kommunalen Sygeplejerske stand Pate: "
                    "Prävention zu Hause statt Krankenhaus.",
                    "Eine gemeinsame Fallakte auf dem Tablet ersetzt Faxe und "
                    "Zettel. Ein Austausch mit Aabenraa Kommune begleitet den "
                    "Piloten.",
                ],
                "adoption": "Eine Finanzierung der Stellen, Einwilligungen der "
                "Betreuten und Absprachen mit Hausarztpraxen.",
            },
            "da": {
                "title": "Den digitale kommunale sygeplejerske",
                "teaser": "Kommunale sygeplejersker besøger ældre i hjemmet og "
                "samarbejder via tablet med læger og hjemmepleje.",
                "body": [
                    "Den danske model med kommunale sygeplejersker har været "
                    "forbillede: forebyggelse i hjemmet frem for indlæggelse.",
                    "En fælles journal på tabletten erstatter fax og sedler. En "
                    "udveksling med Aabenraa Kommune følger piloten.",
                ],
                "adoption": "Finansiering af stillingerne, samtykke fra borgerne og "
                "aftaler med lægepraksisser.",
            },
            "en": {
                "title": "Digital community nurse",
                "teaser": "Community nurses visit older people at home and work "
                "with GPs and care services by tablet.",
                "body": [
                    "The Danish model of the municipal community nurse was the "
                    "inspiration: prevention at home instead of hospital.",
                    "A shared case file on the tablet replaces faxes and notes. An "
                    "exchange with Aabenraa Municipality accompanies the pilot.",
                ],
                "adoption": "Funding for the posts, consent of the people cared for "
                "and agreements with GP practices.",
            },
        },
    },
    {
        "key": "slfl-breitbandatlas",
        "area": "kreis-schleswig-flensburg",
        "phase": Phase.COMPLETED,
        "fields": ["open-data", "critical-infrastructure"],
        "lead": "kreis-schleswig-flensburg",
        "partners": ["digitalagentur", "foerdedata"],
        "contacts": ["matthias-brodersen"],
        "tags": ["broadband", "open-data", "maps"],
        "municipality": "Schleswig",
        "coordinates": (54.5153, 9.5697),
        "period": ("2022-03-01", "2023-12-31"),
        "budget": (68000, "EUR"),
        "licence": Licence.DL_DE_BY,
        "repository": f"{GIT}/breitbandatlas",
        "open_data": f"{OPEN_DATA}/breitbandausbau-schleswig-flensburg",
        "related": ["digitalagentur-datenplattform"],
        "figures": [
            (
                "129",
                {
                    "de": "Gemeinden erfasst",
                    "da": "kommuner kortlagt",
                    "en": "municipalities mapped",
                },
            ),
            (
                "94 %",
                {
                    "de": "Glasfaserquote 2025",
                    "da": "fiberdækning 2025",
                    "en": "fibre coverage 2025",
                },
            ),
        ],
        "text": {
            "de": {
                "title": "Offener Breitbandatlas Schleswig-Flensburg",
                "teaser": "Wo liegt Glasfaser, wo fehlt Mobilfunk? Eine offene Karte "
                "zeigt den Ausbau für jede Gemeinde.",
                "body": [
                    "Ausbaudaten lagen verstreut bei Zweckverbänden und "
                    "Netzbetreibern. Gemeinden konnten Förderlücken kaum erkennen.",
                    "Der Atlas führt die Daten zusammen und veröffentlicht sie als "
                    "Open Data. Er ist abgeschlossen und wird vom Kreis jährlich "
                    "aktualisiert.",
                ],
                "adoption": "Lieferverträge mit Netzbetreibern und eine "
                "Geodateninfrastruktur.",
            },
            "da": {
                "title": "Åbent bredbåndsatlas for Schleswig-Flensburg",
                "teaser": "Hvor ligger fiberen, og hvor mangler der mobildækning? Et "
                "åbent kort viser udbygningen for hver kommune.",
                "body": [
                    "Data om udbygningen lå spredt hos forsyningsselskaber og "
                    "netoperatører. Kommunerne kunne næppe se huller i "
                    "tilskudsordningerne.",
                    "Atlasset samler data og udgiver dem som åbne data. Projektet er "
                    "afsluttet, og kredsen opdaterer atlasset hvert år.",
                ],
                "adoption": "Leveringsaftaler med netoperatører og en "
                "geodatainfrastruktur.",
            },
            "en": {
                "title": "Open broadband atlas for Schleswig-Flensburg",
                "teaser": "Where is fibre, where is mobile coverage missing? An open "
                "map shows the roll-out for every municipality.",
                "body": [
                    "Roll-out data was scattered across utilities and network "
                    "operators. Municipalities could hardly spot funding gaps.",
                    "The atlas brings the data together and publishes it as open "
                    "data. The project is completed; the district updates it every "
                    "year.",
                ],
                "adoption": "Data supply agreements with network operators and a "
                "spatial data infrastructure.",
            },
        },
    },
    {
        "key": "slfl-mitfahrbank",
        "area": "kreis-schleswig-flensburg",
        "phase": Phase.PROTOTYPE,
        "fields": ["green-energy-mobility", "neighbourhood-development"],
        "lead": "mobil-im-dorf",
        "partners": ["kreis-schleswig-flensburg"],
        "contacts": ["frauke-lorenzen"],
        "tags": ["mobility", "ride-sharing", "rural", "volunteering"],
        "municipality": "Satrup",
        "coordinates": (54.6900, 9.6000),
        "period": ("2024-06-01", "2026-05-31"),
        "budget": (42000, "EUR"),
        "licence": Licence.MIT,
        "repository": f"{GIT}/digitale-mitfahrbank",
        "open_data": "",
        "related": ["nf-rufbus"],
        "figures": [
            (
                "15",
                {
                    "de": "Mitfahrbänke mit Display",
                    "da": "samkørselsbænke med display",
                    "en": "ride benches with displays",
                },
            ),
        ],
        "text": {
            "de": {
                "title": "Digitale Mitfahrbank in Angeln",
                "teaser": "Wer sich auf die Bank setzt, drückt einen Knopf: Das "
                "Display zeigt das Ziel, und die App informiert Mitfahrende in der "
                "Nähe.",
                "body": [
                    "Mitfahrbänke gibt es in vielen Dörfern, doch Autofahrer sehen "
                    "selten, wohin jemand möchte.",
                    "Der Prototyp ergänzt die Bänke um ein solarbetriebenes Display "
                    "und eine Benachrichtigung für registrierte Fahrerinnen.",
                ],
                "adoption": "Ein Verein, der die Bänke betreut, und Solarmodule für "
                "Standorte ohne Stromanschluss.",
            },
            "da": {
                "title": "Digital samkørselsbænk i Angel",
                "teaser": "Den, der sætter sig på bænken, trykker på en knap: "
                "Displayet viser destinationen, og appen giver besked til bilister "
                "i nærheden.",
                "body": [
                    "Samkørselsbænke findes i mange landsbyer, men bilisterne kan "
                    "sjældent se, hvor man vil hen.",
                    "Prototypen udstyrer bænkene med et soldrevet display og en "
                    "besked til registrerede chauffører.",
                ],
                "adoption": "En forening, der passer bænkene, og solpaneler til "
                "steder uden strøm.",
            },
            "en": {
                "title": "Digital ride-sharing bench in Angeln",
                "teaser": "Sit on the bench and press a button: the display shows "
                "your destination and the app alerts drivers nearby.",
                "body": [
                    "Many villages have ride-sharing benches, but drivers rarely see "
                    "where someone wants to go.",
                    "The prototype adds a solar-powered display and a notification "
                    "for registered drivers.",
                ],
                "adoption": "An association to look after the benches and solar "
                "panels for sites without power.",
            },
        },
    },
    {
        "key": "slfl-leerstandsmanagement",
        "area": "kreis-schleswig-flensburg",
        "languages": ["de"],
        "phase": Phase.CONCEPT,
        "fields": ["neighbourhood-development", "living-working-supply"],
        "lead": "kreis-schleswig-flensburg",
        "partners": [],
        "contacts": ["frauke-lorenzen"],
        "tags": ["vacancy", "village-centres", "maps"],
        "municipality": "Süderbrarup",
        "coordinates": (54.6300, 9.7700),
        "period": ("2025-09-01", "2026-12-31"),
        "budget": (55000, "EUR"),
        "licence": Licence.UNKNOWN,
        "repository": "",
        "open_data": "",
        "related": ["slfl-dorfladen-24-7"],
        "figures": [
            ("40", {"de": "leerstehende Gebäude in Ortskernen", "da": "", "en": ""}),
        ],
        "text": {
            "de": {
                "title": "Leerstandsmanagement für Ortskerne",
                "teaser": "Ein Kataster leerstehender Gebäude hilft Ämtern, "
                "Nachnutzungen für Läden, Praxen und Wohnungen zu vermitteln.",
                "body": [
                    "In den Ortskernen der Ämter stehen ehemalige Läden und "
                    "Gasthöfe leer, während am Ortsrand neu gebaut wird.",
                    "Das Konzept beschreibt, wie Gemeinden Leerstände datenschutz"
                    "konform erfassen und Interessierten anbieten können.",
                ],
                "adoption": "Einverständnis der Eigentümer und eine Stelle im Amt, "
                "die das Kataster pflegt.",
            },
        },
    },
    {
        "key": "slfl-kita-portal",
        "area": "kreis-schleswig-flensburg",
        "phase": Phase.IDEA,
        "fields": ["public-services", "living-working-supply"],
        "lead": "kreis-schleswig-flensburg",
        "partners": [],
        "contacts": ["matthias-brodersen"],
        "tags": ["e-government", "childcare", "families"],
        "municipality": "Schleswig",
        "coordinates": (54.5200, 9.5600),
        "period": ("2027-01-01", None),
        "budget": None,
        "licence": Licence.UNKNOWN,
        "repository": "",
        "open_data": "",
        "related": ["digitalagentur-grenzpendler"],
        "figures": [
            (
                "180",
                {
                    "de": "Kitas im Kreis",
                    "da": "daginstitutioner i kredsen",
                    "en": "day-care centres in the district",
                },
            ),
        ],
        "text": {
            "de": {
                "title": "Kita-Portal: ein Antrag für alle Kitas",
                "teaser": "Eltern sollen sich mit einem Antrag bei mehreren Kitas "
                "bewerben und den Stand jederzeit sehen können.",
                "body": [
                    "Eltern bewerben sich heute bei jeder Kita einzeln, oft auf "
                    "Papier. Plätze bleiben unbesetzt, während andere warten.",
                    "Die Idee wurde in einer Werkstatt mit Eltern und Kita-Leitungen "
                    "entwickelt und wartet auf den Machbarkeitscheck.",
                ],
                "adoption": "Noch offen; Anbindung an die Kita-Datenbank des "
                "Landes wird geprüft.",
            },
            "da": {
                "title": "Daginstitutionsportal: én ansøgning til alle",
                "teaser": "Forældre skal kunne søge plads i flere daginstitutioner "
                "med én ansøgning og altid se status.",
                "body": [
                    "I dag søger forældre hver daginstitution for sig, ofte på "
                    "papir. Pladser står tomme, mens andre venter.",
                    "Idéen blev udviklet på en workshop med forældre og ledere og "
                    "afventer nu mulighedstjekket.",
                ],
                "adoption": "Endnu åbent; tilslutning til delstatens database "
                "undersøges.",
            },
            "en": {
                "title": "Day-care portal: one application for every centre",
                "teaser": "Parents should apply to several day-care centres with one "
                "application and see its status at any time.",
                "body": [
                    "Today parents apply to each centre separately, often on paper. "
                    "Places stay empty while others wait.",
                    "The idea came out of a workshop with parents and centre heads "
                    "and awaits the feasibility check.",
                ],
                "adoption": "Still open; a link to the state's day-care database is "
                "being examined.",
            },
        },
    },
]
