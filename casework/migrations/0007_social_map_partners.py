"""The usual Flemish partners of an OCMW's social service, as a starting social map. They are editable data:
each OCMW completes addresses, local contact details and working areas in the admin. get_or_create on the
names makes the migration idempotent and never overwrites what an administrator changed. No phone numbers:
they differ per local office and a made-up one could reach a real person."""

from django.db import migrations

LOCAL = "Lokaal werkgebied (aan te vullen)"
FLANDERS = "Vlaanderen"

PARTNERS = [
    {
        "name": "CAW (Centrum Algemeen Welzijnswerk)",
        "description": "Eerstelijnshulp bij alle vragen over welzijn: relaties, geweld, thuisloosheid, "
        "justitie, administratie en geldzaken.",
        "website": "https://www.caw.be",
        "services": [
            {
                "name": "Onthaal",
                "description": "Vrij toegankelijk onthaal voor iedereen met een vraag of probleem; "
                "eerste gesprek, informatie en advies of kortdurende hulp.",
                "eligibility": "Iedereen, zonder voorwaarden; gratis.",
                "application_process": "Binnenlopen tijdens de onthaaluren, bellen of chatten via de website.",
                "languages": "Nederlands; andere talen met een tolk",
                "service_area": LOCAL,
                "contact": "Onthaaluren en adres van het lokale CAW-kantoor aan te vullen.",
            },
            {
                "name": "Crisishulp",
                "description": "Snelle hulp bij een acute crisis: geweld in het gezin, dakloosheid, "
                "een acute breuk; eventueel crisisopvang.",
                "eligibility": "Personen en gezinnen in een acute crisissituatie.",
                "application_process": "Contact opnemen met het CAW; buiten de kantooruren via de "
                "crisispermanentie van het CAW.",
                "languages": "Nederlands; andere talen met een tolk",
                "service_area": LOCAL,
                "contact": "Crisispermanentie van het lokale CAW aan te vullen.",
            },
            {
                "name": "Begeleid wonen",
                "description": "Woonbegeleiding aan huis voor wie zelfstandig (opnieuw) leert wonen, "
                "bijvoorbeeld na dakloosheid of opvang.",
                "eligibility": "Volwassenen die ondersteuning nodig hebben om zelfstandig te wonen.",
                "application_process": "Aanmelding door de cliënt of via een doorverwijzing door de "
                "maatschappelijk werker; intakegesprek.",
                "required_documents": "Identiteitskaart; huurcontract indien aanwezig.",
                "languages": "Nederlands",
                "service_area": LOCAL,
            },
        ],
    },
    {
        "name": "VDAB",
        "description": "Vlaamse Dienst voor Arbeidsbemiddeling en Beroepsopleiding: inschrijving van "
        "werkzoekenden, begeleiding naar werk en opleidingen.",
        "website": "https://www.vdab.be",
        "services": [
            {
                "name": "Inschrijving als werkzoekende",
                "description": "Inschrijving als werkzoekende, nodig voor onder meer de "
                "werkloosheidsuitkering en voor veel opleidingen en tewerkstellingsmaatregelen.",
                "eligibility": "Iedereen die werk zoekt en in Vlaanderen woont.",
                "application_process": "Online via de website of met hulp in een VDAB-werkwinkel.",
                "required_documents": "Identiteitskaart of verblijfsdocument; diploma's indien aanwezig.",
                "languages": "Nederlands",
                "service_area": FLANDERS,
            },
            {
                "name": "Trajectbegeleiding naar werk",
                "description": "Begeleiding door een VDAB-bemiddelaar: competenties in kaart brengen, "
                "opleiding, sollicitatietraining en vacatures.",
                "eligibility": "Ingeschreven werkzoekenden.",
                "application_process": "Via de eigen VDAB-bemiddelaar; de trajectbegeleider van het OCMW "
                "stemt af met VDAB.",
                "languages": "Nederlands",
                "service_area": FLANDERS,
            },
        ],
    },
    {
        "name": "CGG (Centrum voor Geestelijke Gezondheidszorg)",
        "description": "Ambulante, gespecialiseerde hulp bij ernstige psychische problemen voor kinderen, "
        "jongeren, volwassenen en ouderen.",
        "services": [
            {
                "name": "Geestelijke gezondheidszorg",
                "description": "Diagnostiek en behandeling (gesprekken, therapie, psychiatrische zorg) "
                "bij ernstige psychische problemen.",
                "eligibility": "Personen met ernstige psychische problemen; de bijdrage hangt af van het "
                "inkomen.",
                "application_process": "Aanmelding door de cliënt zelf of via een doorverwijzing; er is "
                "vaak een wachtlijst.",
                "languages": "Nederlands; andere talen met een tolk",
                "service_area": LOCAL,
            },
        ],
    },
    {
        "name": "Huurdersbond",
        "description": "Informatie en advies voor huurders over hun rechten en plichten.",
        "services": [
            {
                "name": "Advies over huurrecht",
                "description": "Advies over huurcontracten, huurprijs, huurwaarborg, herstellingen, "
                "woningkwaliteit en opzeg.",
                "eligibility": "Huurders; lidmaatschap kan gevraagd worden voor individuele begeleiding.",
                "application_process": "Langsgaan tijdens de zitdagen of een afspraak maken.",
                "required_documents": "Huurcontract, plaatsbeschrijving en briefwisseling met de verhuurder.",
                "languages": "Nederlands",
                "service_area": LOCAL,
            },
        ],
    },
    {
        "name": "Sociaal Verhuurkantoor",
        "description": "Huurt woningen op de private markt en verhuurt ze door aan gezinnen met een laag "
        "inkomen. In Vlaanderen gaan de sociale verhuurkantoren en huisvestingsmaatschappijen op in één "
        "woonmaatschappij per werkingsgebied: vul de lokale woonmaatschappij aan.",
        "services": [
            {
                "name": "Inschrijving voor een SVK-woning",
                "description": "Inschrijving als kandidaat-huurder voor een woning van het sociaal "
                "verhuurkantoor; toewijzing volgens woonnood.",
                "eligibility": "Inkomens- en eigendomsvoorwaarden van de sociale huur.",
                "application_process": "Inschrijving bij de woonmaatschappij; de maatschappelijk werker "
                "kan de woonnood toelichten.",
                "required_documents": "Identiteitskaart; aanslagbiljet personenbelasting; bewijs van "
                "huidige inkomsten.",
                "languages": "Nederlands",
                "service_area": LOCAL,
            },
        ],
    },
    {
        "name": "Sociale huisvestingsmaatschappij",
        "description": "Verhuurt sociale woningen aan gezinnen met een bescheiden inkomen. Maakt nu deel "
        "uit van de lokale woonmaatschappij.",
        "services": [
            {
                "name": "Inschrijving voor een sociale huurwoning",
                "description": "Inschrijving in het register van kandidaat-huurders voor een sociale "
                "huurwoning.",
                "eligibility": "Inkomens- en eigendomsvoorwaarden volgens de Vlaamse regelgeving over "
                "sociale huur.",
                "application_process": "Inschrijving bij de woonmaatschappij van het werkingsgebied.",
                "required_documents": "Identiteitskaart of verblijfsdocument; aanslagbiljet "
                "personenbelasting van alle gezinsleden.",
                "languages": "Nederlands",
                "service_area": LOCAL,
            },
        ],
    },
    {
        "name": "Agentschap Integratie en Inburgering",
        "description": "Inburgering van nieuwkomers, Nederlands als tweede taal, sociaal tolken en "
        "vertalen, advies over internationale migratie.",
        "website": "https://www.integratie-inburgering.be",
        "services": [
            {
                "name": "Inburgeringstraject",
                "description": "Cursus maatschappelijke oriëntatie, Nederlands, trajectbegeleiding "
                "naar werk en participatie; verplicht voor bepaalde nieuwkomers.",
                "eligibility": "Nieuwkomers die zich in Vlaanderen vestigen (verplicht of op vrijwillige "
                "basis).",
                "application_process": "Aanmelding aan het onthaal van het Agentschap.",
                "required_documents": "Identiteitskaart of verblijfsdocument.",
                "languages": "Nederlands; maatschappelijke oriëntatie in vele talen",
                "service_area": FLANDERS,
            },
            {
                "name": "NT2: Nederlands als tweede taal",
                "description": "Oriëntatie naar een passende cursus Nederlands als tweede taal "
                "(niveautest en doorverwijzing naar een Huis van het Nederlands of CVO).",
                "eligibility": "Anderstalige volwassenen.",
                "application_process": "Aanmelding aan het onthaal; niveautest en doorverwijzing.",
                "languages": "Nederlands; uitleg met een tolk",
                "service_area": FLANDERS,
            },
        ],
    },
    {
        "name": "Kind en Gezin / Huis van het Kind",
        "description": "Preventieve gezinsondersteuning voor gezinnen met jonge kinderen.",
        "website": "https://www.kindengezin.be",
        "services": [
            {
                "name": "Consultatiebureau en gezinsondersteuning",
                "description": "Gratis preventieve zorg voor kinderen van 0 tot 3 jaar: groei, "
                "vaccinaties, voeding en ontwikkeling; huisbezoeken.",
                "eligibility": "Gezinnen met jonge kinderen.",
                "application_process": "Afspraak via Kind en Gezin; gezinnen worden na de geboorte "
                "gecontacteerd.",
                "languages": "Nederlands; andere talen met een tolk",
                "service_area": FLANDERS,
            },
            {
                "name": "Opvoedingsondersteuning (Huis van het Kind)",
                "description": "Informatie, advies en activiteiten rond opvoeden in het lokale Huis "
                "van het Kind; ontmoeting tussen ouders.",
                "eligibility": "(Aanstaande) ouders en opvoeders.",
                "application_process": "Vrij binnenlopen of een afspraak maken.",
                "languages": "Nederlands",
                "service_area": LOCAL,
            },
        ],
    },
    {
        "name": "Centrum voor Basiseducatie",
        "description": "Basisvaardigheden voor laaggeschoolde volwassenen.",
        "website": "https://www.basiseducatie.be",
        "services": [
            {
                "name": "Lezen, schrijven, rekenen en digitale vaardigheden",
                "description": "Kleine groepen voor volwassenen die beter willen leren lezen, schrijven, "
                "rekenen of met een computer of smartphone werken; ook NT2 voor laaggeletterden.",
                "eligibility": "Volwassenen met weinig scholing.",
                "application_process": "Intakegesprek bij het centrum.",
                "languages": "Nederlands",
                "service_area": LOCAL,
            },
        ],
    },
    {
        "name": "Ziekenfonds (sociale dienst)",
        "description": "De sociale dienst van het ziekenfonds van de cliënt.",
        "services": [
            {
                "name": "Sociale dienst van het ziekenfonds",
                "description": "Advies over verhoogde tegemoetkoming, maximumfactuur, "
                "arbeidsongeschiktheid, thuiszorg en hulpmiddelen.",
                "eligibility": "Leden van het ziekenfonds.",
                "application_process": "Afspraak bij de sociale dienst van het eigen ziekenfonds.",
                "required_documents": "Identiteitskaart; gegevens over inkomen voor de verhoogde "
                "tegemoetkoming.",
                "languages": "Nederlands",
                "service_area": LOCAL,
            },
        ],
    },
    {
        "name": "Schuldbemiddeling (erkende instelling)",
        "description": "Een door de Vlaamse overheid erkende instelling voor schuldbemiddeling (soms het "
        "OCMW zelf of een CAW).",
        "services": [
            {
                "name": "Minnelijke schuldbemiddeling",
                "description": "Overzicht van alle schulden, onderhandeling met schuldeisers en een "
                "haalbaar afbetalingsplan met een leefbaar budget.",
                "eligibility": "Personen met problematische schulden.",
                "application_process": "Aanmelding met een overzicht van inkomsten, uitgaven en schulden.",
                "required_documents": "Identiteitskaart; bewijzen van inkomsten; brieven van schuldeisers "
                "en deurwaarders.",
                "languages": "Nederlands",
                "service_area": LOCAL,
            },
            {
                "name": "Collectieve schuldenregeling: informatie en begeleiding",
                "description": "Uitleg over de collectieve schuldenregeling bij de arbeidsrechtbank en "
                "hulp bij het verzoekschrift.",
                "eligibility": "Personen die hun schulden duurzaam niet kunnen betalen.",
                "application_process": "Na een gesprek met de schuldbemiddelaar.",
                "languages": "Nederlands",
                "service_area": LOCAL,
            },
        ],
    },
    {
        "name": "Vluchtelingenwerk Vlaanderen",
        "description": "Komt op voor de rechten van vluchtelingen en asielzoekers; informeert en "
        "ondersteunt hulpverleners.",
        "website": "https://www.vluchtelingenwerk.be",
        "services": [
            {
                "name": "Juridische informatie over asiel en verblijf",
                "description": "Informatie en advies voor hulpverleners over asielprocedure, verblijf, "
                "gezinshereniging en opvang.",
                "eligibility": "Hulpverleners en vrijwilligers die vluchtelingen begeleiden.",
                "application_process": "Via de website of de juridische helpdesk voor hulpverleners.",
                "languages": "Nederlands",
                "service_area": FLANDERS,
            },
        ],
    },
    {
        "name": "JAC (Jongerenadviescentrum)",
        "description": "Het onthaal van het CAW voor jongeren.",
        "services": [
            {
                "name": "Onthaal en advies voor jongeren",
                "description": "Anoniem en gratis advies voor jongeren over thuis, school, geld, "
                "wonen, relaties en rechten; begeleiding bij alleen gaan wonen.",
                "eligibility": "Jongeren van 12 tot 25 jaar.",
                "application_process": "Binnenlopen, bellen, mailen of chatten.",
                "languages": "Nederlands",
                "service_area": LOCAL,
            },
        ],
    },
    {
        "name": "Voedselbank / sociale kruidenier",
        "description": "Voedselhulp voor gezinnen in armoede.",
        "services": [
            {
                "name": "Voedselpakketten",
                "description": "Gratis voedselpakketten via een lokale voedselbedeling.",
                "eligibility": "Gezinnen met een inkomen onder een grens; doorverwijzing door het OCMW "
                "of een andere hulpverlener.",
                "application_process": "Doorverwijzing door de maatschappelijk werker met een attest.",
                "languages": "Nederlands",
                "service_area": LOCAL,
            },
            {
                "name": "Sociale kruidenier",
                "description": "Winkel waar gezinnen met een beperkt budget voeding en basisproducten "
                "aan verlaagde prijzen kopen.",
                "eligibility": "Gezinnen met een beperkt budget, op doorverwijzing.",
                "application_process": "Klantenkaart na een doorverwijzing door het OCMW.",
                "languages": "Nederlands",
                "service_area": LOCAL,
            },
        ],
    },
    {
        "name": "Wijk-werken organisatie",
        "description": "Organiseert wijk-werken in de regio: kleine, begeleide opdrachten bij "
        "gebruikers (gemeenten, scholen, vzw's, particulieren) als opstap naar werk.",
        "services": [
            {
                "name": "Wijk-werken",
                "description": "Werkervaring opdoen met kleine, begeleide opdrachten, met een kleine "
                "vergoeding per gewerkt uur.",
                "eligibility": "Werkzoekenden ver van de arbeidsmarkt, na toeleiding door VDAB of het OCMW.",
                "application_process": "Toeleiding door de trajectbegeleider van het OCMW of VDAB.",
                "languages": "Nederlands",
                "service_area": LOCAL,
            },
        ],
    },
    {
        "name": "Vrijwilligerscentrale",
        "description": "Brengt mensen die vrijwilligerswerk willen doen samen met organisaties.",
        "services": [
            {
                "name": "Vrijwilligerswerk zoeken",
                "description": "Begeleiding naar passend vrijwilligerswerk, ook als stap in sociale "
                "activering.",
                "eligibility": "Iedereen; leefloongerechtigden melden vrijwilligerswerk vooraf aan het OCMW.",
                "application_process": "Gesprek met de vrijwilligerscentrale of zoeken in het aanbod.",
                "languages": "Nederlands",
                "service_area": LOCAL,
            },
        ],
    },
]


def seed(apps, schema_editor):
    Partner = apps.get_model("casework", "Partner")
    PartnerService = apps.get_model("casework", "PartnerService")
    for entry in PARTNERS:
        services = entry["services"]
        defaults = {key: value for key, value in entry.items() if key not in ("name", "services")}
        partner, _created = Partner.objects.get_or_create(name=entry["name"], defaults=defaults)
        for service in services:
            fields = {key: value for key, value in service.items() if key != "name"}
            PartnerService.objects.get_or_create(partner=partner, name=service["name"], defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("casework", "0006_seed_rates")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
