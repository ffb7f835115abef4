"""The demo's legal pages (legal notice, privacy notice, accessibility statement)
and the plain-language summaries of two demo solutions, in de, da and en.

The Digitalagentur in Flensburg is the provider. Its address, telephone number and
e-mail addresses are invented and marked as demo data ("DEMO"): a real portal
replaces them before it goes live. The supervisory and enforcement bodies are the
real ones for Schleswig-Holstein and Denmark.
"""

from __future__ import annotations

import datetime

DEMO_ADDRESS = {
    "de": "Digitalagentur Smarte Grenzregion zwischen den Meeren\n"
    "[DEMO-DATEN] Musterstraße 1\n[DEMO-DATEN] 24937 Flensburg\nDeutschland",
    "da": "Digitalagentur Smarte Grenzregion zwischen den Meeren\n"
    "[DEMODATA] Musterstraße 1\n[DEMODATA] 24937 Flensburg\nTyskland",
    "en": "Digitalagentur Smarte Grenzregion zwischen den Meeren\n"
    "[DEMO DATA] Musterstraße 1\n[DEMO DATA] 24937 Flensburg\nGermany",
}

LEGAL_NOTICE = {
    "key": "legal-notice",
    "title": {"de": "Impressum", "da": "Kolofon (Impressum)", "en": "Legal notice"},
    "slug": {"de": "impressum", "da": "kolofon", "en": "legal-notice"},
    "fields": {
        "intro": {
            "de": "<p>Angaben nach § 5 Digitale-Dienste-Gesetz (DDG) und § 18 "
            "Medienstaatsvertrag (MStV). Anschrift, Telefon und E-Mail sind "
            "Demo-Daten.</p>",
            "da": "<p>Oplysninger efter § 5 i den tyske lov om digitale tjenester "
            "(DDG) og § 18 i den tyske medietraktat (MStV). Adresse, telefon og "
            "e-mail er demodata.</p>",
            "en": "<p>Information under § 5 of the German Digital Services Act (DDG) "
            "and § 18 of the Interstate Media Treaty (MStV). Address, telephone "
            "and e-mail are demo data.</p>",
        },
        "provider": DEMO_ADDRESS,
        "represented_by": {
            "de": "die Leitung der Digitalagentur, für die Stadt Flensburg, den "
            "Kreis Nordfriesland und den Kreis Schleswig-Flensburg",
            "da": "ledelsen af Digitalagentur på vegne af Flensborg by, Kreis "
            "Nordfriesland og Kreis Schleswig-Flensburg",
            "en": "the head of the Digitalagentur, for the City of Flensburg, Kreis "
            "Nordfriesland and Kreis Schleswig-Flensburg",
        },
        "email": "kontakt@digitalagentur.example",
        "phone": "+49 461 000000 (DEMO)",
        "supervisory_authority": {
            "de": "Ministerium für Inneres, Kommunales, Wohnen und Sport des Landes "
            "Schleswig-Holstein (Kommunalaufsicht)",
            "da": "Delstaten Slesvig-Holstens indenrigsministerium (kommunaltilsynet)",
            "en": "Ministry of the Interior of the State of Schleswig-Holstein "
            "(supervision of local authorities)",
        },
        "responsible_for_content": {
            "de": "Leitung der Redaktion der Digitalagentur\n[DEMO-DATEN] "
            "Musterstraße 1, 24937 Flensburg",
            "da": "Redaktionsledelsen i Digitalagentur\n[DEMODATA] Musterstraße 1, "
            "24937 Flensburg",
            "en": "Head of editorial team, Digitalagentur\n[DEMO DATA] Musterstraße "
            "1, 24937 Flensburg",
        },
        "body": {
            "de": "<h2>Haftung für Links</h2><p>Die Wissensdatenbank verlinkt "
            "Projekte und Daten von Partnern. Für deren Inhalte sind die Partner "
            "verantwortlich; rechtswidrige Inhalte entfernen wir, sobald wir davon "
            "erfahren.</p>",
            "da": "<h2>Ansvar for links</h2><p>Vidensbasen linker til partneres "
            "projekter og data. Partnerne er ansvarlige for deres indhold; ulovligt "
            "indhold fjerner vi, så snart vi får kendskab til det.</p>",
            "en": "<h2>Liability for links</h2><p>The knowledge base links to "
            "partners' projects and data. The partners are responsible for their "
            "content; we remove unlawful content as soon as we learn of it.</p>",
        },
    },
}


def _processing(purpose, data, legal_basis, recipients, storage_period) -> dict:
    return {
        "purpose": purpose,
        "data": data,
        "legal_basis": legal_basis,
        "recipients": recipients,
        "storage_period": storage_period,
    }


PROCESSING = {
    "de": [
        _processing(
            "Bereitstellung der Website",
            "IP-Adresse, Zeitpunkt, aufgerufene Adresse, Browserkennung",
            "Art. 6 Abs. 1 lit. e DSGVO in Verbindung mit § 3 LDSG Schleswig-Holstein",
            "IT-Dienstleister der Digitalagentur als Auftragsverarbeiter "
            "(Art. 28 DSGVO)",
            "Server-Protokolle werden nach 7 Tagen gelöscht.",
        ),
        _processing(
            "Meldungen über das Feedback-Formular",
            "Ihre Nachricht, die Adresse der Seite und, wenn Sie sie angeben, Ihr "
            "Name und Ihre E-Mail-Adresse",
            "Art. 6 Abs. 1 lit. c DSGVO in Verbindung mit dem "
            "Landesbehindertengleichstellungsgesetz (Feedback-Mechanismus) und "
            "Art. 6 Abs. 1 lit. e DSGVO",
            "Redaktion der Digitalagentur",
            "Ein Jahr nach der Beantwortung; unbeantwortete Meldungen ein Jahr "
            "nach dem Eingang. Die E-Mails zu einer Meldung werden mit ihr gelöscht.",
        ),
        _processing(
            "Partnerkonten und Einreichungen",
            "Name, E-Mail-Adresse, Organisation und eingereichte Inhalte",
            "Art. 6 Abs. 1 lit. e DSGVO; die Veröffentlichung von Kontaktdaten nur "
            "mit Einwilligung (Art. 6 Abs. 1 lit. a DSGVO)",
            "Moderatorinnen und Moderatoren der beteiligten Behörden",
            "Bis Sie Ihr Konto löschen lassen; veröffentlichte Kontaktdaten bis zum "
            "Widerruf der Einwilligung.",
        ),
    ],
    "da": [
        _processing(
            "Drift af hjemmesiden",
            "IP-adresse, tidspunkt, besøgt adresse, browseroplysninger",
            "Art. 6, stk. 1, litra e, i databeskyttelsesforordningen sammenholdt med "
            "§ 3 i Slesvig-Holstens databeskyttelseslov (LDSG)",
            "Digitalagenturs it-leverandør som databehandler (art. 28)",
            "Serverlogfiler slettes efter 7 dage.",
        ),
        _processing(
            "Henvendelser via feedbackformularen",
            "Din besked, sidens adresse og, hvis du oplyser dem, dit navn og din "
            "e-mailadresse",
            "Art. 6, stk. 1, litra c, sammenholdt med Slesvig-Holstens lov om "
            "ligestilling af personer med handicap (feedbackmekanisme) og art. 6, "
            "stk. 1, litra e",
            "Digitalagenturs redaktion",
            "Et år efter besvarelsen; ubesvarede henvendelser et år efter "
            "modtagelsen. E-mails om en henvendelse slettes sammen med den.",
        ),
        _processing(
            "Partnerkonti og indsendelser",
            "Navn, e-mailadresse, organisation og indsendt indhold",
            "Art. 6, stk. 1, litra e; offentliggørelse af kontaktoplysninger kun med "
            "samtykke (art. 6, stk. 1, litra a)",
            "Moderatorer hos de deltagende myndigheder",
            "Indtil du beder om at få din konto slettet; offentliggjorte "
            "kontaktoplysninger indtil samtykket trækkes tilbage.",
        ),
    ],
    "en": [
        _processing(
            "Providing the website",
            "IP address, time, address visited, browser identification",
            "Art. 6(1)(e) GDPR in conjunction with § 3 of the Schleswig-Holstein "
            "Data Protection Act (LDSG)",
            "The Digitalagentur's IT service provider as processor (Art. 28 GDPR)",
            "Server logs are deleted after 7 days.",
        ),
        _processing(
            "Reports through the feedback form",
            "Your message, the page's address and, if you give them, your name and "
            "e-mail address",
            "Art. 6(1)(c) GDPR in conjunction with the Schleswig-Holstein "
            "disability equality act (feedback mechanism), and Art. 6(1)(e) GDPR",
            "The Digitalagentur's editorial team",
            "One year after the answer; reports without an answer one year after "
            "they were received. The e-mails about a report are deleted with it.",
        ),
        _processing(
            "Partner accounts and submissions",
            "Name, e-mail address, organisation and submitted content",
            "Art. 6(1)(e) GDPR; contact details are published only with consent "
            "(Art. 6(1)(a) GDPR)",
            "Moderators of the participating authorities",
            "Until you ask for your account to be deleted; published contact "
            "details until consent is withdrawn.",
        ),
    ],
}

PRIVACY_NOTICE = {
    "key": "privacy-notice",
    "title": {
        "de": "Datenschutzerklärung",
        "da": "Privatlivspolitik",
        "en": "Privacy notice",
    },
    "slug": {"de": "datenschutz", "da": "privatlivspolitik", "en": "privacy"},
    "fields": {
        "intro": {
            "de": "<p>Informationen nach Art. 13 DSGVO. Das Portal setzt keine "
            "Analyse- oder Werbe-Cookies und lädt nichts von Dritten.</p>",
            "da": "<p>Oplysninger efter art. 13 i databeskyttelsesforordningen. "
            "Portalen bruger ingen analyse- eller reklamecookies og henter intet "
            "fra tredjeparter.</p>",
            "en": "<p>Information under Art. 13 GDPR. The portal sets no analytics "
            "or advertising cookies and loads nothing from third parties.</p>",
        },
        "controller": DEMO_ADDRESS,
        "controller_email": "kontakt@digitalagentur.example",
        "data_protection_officer": {
            "de": "Behördliche Datenschutzbeauftragte der Digitalagentur\n"
            "datenschutz@digitalagentur.example (DEMO)",
            "da": "Digitalagenturs databeskyttelsesrådgiver\n"
            "datenschutz@digitalagentur.example (DEMO)",
            "en": "Data protection officer of the Digitalagentur\n"
            "datenschutz@digitalagentur.example (DEMO)",
        },
        "processing": {
            language: [{"type": "processing", "value": item} for item in items]
            for language, items in PROCESSING.items()
        },
        "rights": {
            "de": "<ul><li>Auskunft (Art. 15 DSGVO)</li><li>Berichtigung (Art. 16)"
            "</li><li>Löschung (Art. 17)</li><li>Einschränkung der Verarbeitung "
            "(Art. 18)</li><li>Datenübertragbarkeit (Art. 20)</li><li>Widerspruch "
            "(Art. 21)</li><li>Widerruf einer Einwilligung mit Wirkung für die "
            "Zukunft (Art. 7 Abs. 3)</li></ul>",
            "da": "<ul><li>Indsigt (art. 15)</li><li>Berigtigelse (art. 16)</li>"
            "<li>Sletning (art. 17)</li><li>Begrænsning af behandling (art. 18)"
            "</li><li>Dataportabilitet (art. 20)</li><li>Indsigelse (art. 21)</li>"
            "<li>Tilbagetrækning af samtykke med virkning fremover (art. 7, "
            "stk. 3)</li></ul>",
            "en": "<ul><li>Access (Art. 15 GDPR)</li><li>Rectification (Art. 16)"
            "</li><li>Erasure (Art. 17)</li><li>Restriction of processing "
            "(Art. 18)</li><li>Data portability (Art. 20)</li><li>Objection "
            "(Art. 21)</li><li>Withdrawal of consent for the future "
            "(Art. 7(3))</li></ul>",
        },
        "supervisory_authority": {
            "de": "Unabhängiges Landeszentrum für Datenschutz Schleswig-Holstein "
            "(ULD)\nHolstenstraße 98\n24103 Kiel",
            "da": "Unabhängiges Landeszentrum für Datenschutz Schleswig-Holstein "
            "(ULD), Slesvig-Holstens datatilsyn\nHolstenstraße 98\n24103 Kiel, "
            "Tyskland",
            "en": "Unabhängiges Landeszentrum für Datenschutz Schleswig-Holstein "
            "(ULD), the data protection authority of Schleswig-Holstein\n"
            "Holstenstraße 98\n24103 Kiel, Germany",
        },
        "supervisory_authority_url": "https://www.datenschutzzentrum.de/",
    },
}

BARRIERS = {
    "de": [
        {
            "content": "Einige PDF-Dokumente, die Partner hochgeladen haben",
            "reason": "Nicht vollständig barrierefrei (fehlende Tags und "
            "Lesereihenfolge, BITV 2.0 / EN 301 549 Abschnitt 10).",
            "alternative": "Wir schicken Ihnen den Inhalt auf Anfrage in "
            "zugänglicher Form; nutzen Sie das Feedback-Formular.",
        },
        {
            "content": "Maschinell übersetzte Texte auf Dänisch und Englisch",
            "reason": "Noch nicht von Übersetzerinnen geprüft; sie können "
            "schwer verständlich sein.",
            "alternative": "Die deutsche Fassung ist verbindlich und über den "
            "Sprachwechsler erreichbar.",
        },
    ],
    "da": [
        {
            "content": "Nogle pdf-dokumenter, som partnere har uploadet",
            "reason": "Ikke fuldt tilgængelige (manglende tags og læserækkefølge, "
            "EN 301 549 afsnit 10).",
            "alternative": "Vi sender dig indholdet i tilgængelig form på "
            "anmodning; brug feedbackformularen.",
        },
        {
            "content": "Maskinoversatte tekster på dansk og engelsk",
            "reason": "Endnu ikke kontrolleret af oversættere; de kan være svære "
            "at forstå.",
            "alternative": "Den tyske udgave er gældende og kan nås via sprogvælgeren.",
        },
    ],
    "en": [
        {
            "content": "Some PDF documents uploaded by partners",
            "reason": "Not fully accessible (missing tags and reading order, "
            "EN 301 549 clause 10).",
            "alternative": "We send you the content in an accessible form on "
            "request; use the feedback form.",
        },
        {
            "content": "Machine-translated texts in Danish and English",
            "reason": "Not yet checked by translators; they may be hard to understand.",
            "alternative": "The German version is authoritative and reachable "
            "through the language switcher.",
        },
    ],
}

ACCESSIBILITY_STATEMENT = {
    "key": "accessibility-statement",
    "title": {
        "de": "Erklärung zur Barrierefreiheit",
        "da": "Tilgængelighedserklæring",
        "en": "Accessibility statement",
    },
    "slug": {"de": "barrierefreiheit", "da": "tilgaengelighed", "en": "accessibility"},
    "fields": {
        "intro": {
            "de": "<p>Die Digitalagentur ist bemüht, ihre Website im Einklang mit "
            "dem Landesbehindertengleichstellungsgesetz Schleswig-Holstein (LBGG) "
            "und der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) "
            "barrierefrei zugänglich zu machen.</p>",
            "da": "<p>Digitalagentur bestræber sig på at gøre sin hjemmeside "
            "tilgængelig i overensstemmelse med Slesvig-Holstens lov om "
            "ligestilling af personer med handicap (LBGG) og den tyske forordning "
            "om tilgængelig informationsteknologi (BITV 2.0).</p>",
            "en": "<p>The Digitalagentur is committed to making its website "
            "accessible in accordance with the Schleswig-Holstein disability "
            "equality act (LBGG SH) and the German accessible information "
            "technology ordinance (BITV 2.0).</p>",
        },
        "compliance_status": "partial",
        "non_accessible_content": {
            language: [{"type": "barrier", "value": item} for item in items]
            for language, items in BARRIERS.items()
        },
        "statement_date": datetime.date(2026, 11, 30),
        "assessment_method": "self",
        "contact": {
            "de": "Digitalagentur, Redaktion\nbarrierefreiheit@digitalagentur.example "
            "(DEMO)\n+49 461 000000 (DEMO)",
            "da": "Digitalagentur, redaktionen\n"
            "barrierefreiheit@digitalagentur.example (DEMO)\n+49 461 000000 (DEMO)",
            "en": "Digitalagentur, editorial team\n"
            "barrierefreiheit@digitalagentur.example (DEMO)\n+49 461 000000 (DEMO)",
        },
        "enforcement_body": {
            "de": "Beschwerdestelle / Schlichtungsstelle bei der Landesbeauftragten "
            "für Menschen mit Behinderung Schleswig-Holstein\nKarolinenweg 1\n"
            "24105 Kiel",
            "da": "Klage- og forligsinstansen hos Slesvig-Holstens "
            "handicapkommissær (Landesbeauftragte für Menschen mit Behinderung)\n"
            "Karolinenweg 1\n24105 Kiel, Tyskland",
            "en": "Complaints and conciliation body at the State Commissioner for "
            "People with Disabilities of Schleswig-Holstein (Landesbeauftragte "
            "für Menschen mit Behinderung)\nKarolinenweg 1\n24105 Kiel, Germany",
        },
        "enforcement_url": "https://www.landtag.ltsh.de/beauftragte/lb/",
        "danish_statement_url": "https://www.was.digst.dk/",
        "danish_enforcement_body": {
            "de": "Digitaliseringsstyrelsen (dänische Agentur für Digitalisierung)",
            "da": "Digitaliseringsstyrelsen",
            "en": "Digitaliseringsstyrelsen (the Danish Agency for Digital Government)",
        },
        "danish_enforcement_url": "https://digst.dk/",
    },
}

LEGAL_PAGES = [LEGAL_NOTICE, PRIVACY_NOTICE, ACCESSIBILITY_STATEMENT]

#: Plain-language summaries (Leichte Sprache, letlæst, plain language) of two demo
#: solutions, by solution key.
PLAIN_LANGUAGE = {
    "flensburg-barrierefreie-wege": {
        "de": "In Flensburg gibt es eine Karte.\nDie Karte zeigt Wege ohne Stufen.\n"
        "Menschen mit Rollstuhl oder Rollator finden so gute Wege.\n"
        "Die Stadt und die Universität haben die Wege geprüft.",
        "da": "I Flensborg findes et kort.\nKortet viser veje uden trin.\n"
        "Så kan folk med kørestol eller rollator finde gode veje.\n"
        "Byen og universitetet har tjekket vejene.",
        "en": "Flensburg has a map.\nThe map shows paths without steps.\n"
        "People in a wheelchair or with a walker can find good paths.\n"
        "The city and the university checked the paths.",
    },
    "flensburg-mobilitaetsstationen": {
        "de": "In Flensburg gibt es 12 Mobilitäts-Stationen.\n"
        "Dort können Sie ein Lasten-Rad oder ein Auto leihen.\n"
        "Sie buchen es mit einer App auf dem Handy.",
        "da": "I Flensborg er der 12 mobilitetsstationer.\n"
        "Der kan du låne en ladcykel eller en bil.\n"
        "Du booker med en app på mobilen.",
        "en": "Flensburg has 12 mobility stations.\n"
        "There you can borrow a cargo bike or a car.\n"
        "You book it with an app on your phone.",
    },
}
