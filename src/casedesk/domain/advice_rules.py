"""The advice rules: id, the Dutch sentence for the entrepreneur, and the guide passage.

Each rule's ``text`` is read aloud by the caseworker to the entrepreneur: plain Dutch (B1),
second person ("u"). ``guide`` quotes the passage of the leidraad (2021,
``seeds/000_f7678d19660a6799.txt``) the rule comes from, so a coordinator can check it.
When the advice engine fires a rule it records ``Reason(rule.id, text)``. Rule ids are
stable: they are stored with accepted advice and printed by ``casedesk advise``.
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    text: str
    """Dutch sentence; may hold ``{placeholders}`` filled in by the engine."""
    guide: str
    """Where the rule comes from: section and quotation of the guide (or issue 3)."""


# --- Route by the entrepreneur's wish -------------------------------------------------------

CONTINUE = Rule(
    "R1-CONTINUE",
    "U wilt doorgaan met uw bedrijf. Daarom kijken we samen hoe u uw bedrijf sterker maakt "
    "(route 1).",
    "1 Algemeen, 'Drie routes' 1: \"Versterken van de eigen onderneming\"; 'Veel hulpvragen': "
    '"Ruim 94 procent van de ondervraagden wilde zijn bedrijf voortzetten".',
)

CONTINUE_WITH_CHANGES = Rule(
    "R1-CHANGE",
    "U wilt doorgaan, maar het moet anders. Daarom werken we aan een nieuwe aanpak voor uw "
    "bedrijf (route 1).",
    "1 Algemeen, 'Drie routes' 1: \"Versterken van de eigen onderneming, bijvoorbeeld door een "
    'nieuw businessmodel of de keuze voor andere activiteiten."',
)

PART_TIME_WITH_JOB = Rule(
    "R1-R3-PART-TIME",
    "U wilt deels ondernemer blijven en daarnaast werken in loondienst. Daarom maken we uw "
    "bedrijf sterker (route 1) en zoeken we ook een (bij)baan (route 3).",
    "1 Algemeen, 'Drie routes' 1 and 3: \"Kiezen voor een baan of bijbaan in loondienst\"; "
    '5 Bibliotheek, FCBW en STEW: "doorgaan, koerswijziging, parttime ondernemerschap of '
    'stoppen".',
)

STOP_AND_FIND_JOB = Rule(
    "R2-R3-STOP",
    "U wilt stoppen met uw bedrijf en werk zoeken. Eerst helpen we u om uw bedrijf goed af te "
    "sluiten (route 2). Daarna zoeken we samen werk in loondienst (route 3).",
    "1 Algemeen, 'Drie routes' 2: \"of stopt met zijn bedrijf vanwege te weinig inkomsten\", "
    'and 3: "Kiezen voor een baan of bijbaan in loondienst."',
)

STOP_JOB_FIRST = Rule(
    "R3-R2-STOP",
    "U wilt stoppen met uw bedrijf en werk zoeken. Er zijn geen schulden die eerst moeten "
    "worden opgelost. Daarom zoeken we eerst samen werk in loondienst (route 3). Daarnaast "
    "helpen we u om uw bedrijf goed af te sluiten (route 2).",
    "1 Algemeen, 'Drie routes' 3: \"Kiezen voor een baan of bijbaan in loondienst. Dit past bij "
    'de kerntaak van de arbeidsmarktregio om mensen te begeleiden richting werk"; 2 '
    "\"Zoeken van een oplossing voor (financiële) problemen\": without debts or a crisis there "
    "is no problem that must be solved first (issue 15: the main route follows the goal).",
)

DONT_KNOW_YET = Rule(
    "INTAKE-DONT-KNOW",
    "U weet nog niet wat u wilt. Daarom kijken we eerst samen hoe uw bedrijf ervoor staat. "
    "Dat doen we met een korte test, zoals de MKB Diagnosetool of de KVK Zwaar weer "
    "routewijzer.",
    '5 Bibliotheek, MKB Diagnosetool: "helpt bij het maken van de juiste keuze: vernieuwen, '
    'groeien, versnellen en uitbreiden, hervormen of stoppen"; 4 Stappenplan, stap 3: '
    '"landelijke publieke initiatieven, zoals de KVK Zwaar weer routewijzer en de MKB '
    'Diagnosetool".',
)

NO_WISH_YET = Rule(
    "INTAKE-NO-WISH",
    "We weten nog niet wat u wilt met uw bedrijf. Daarom beginnen we met een korte test van "
    "uw bedrijf. Daarna kiezen we samen de route.",
    '4 Stappenplan, stap 3: "Spreek af wie de intake doet en hoe deze intake verloopt"; '
    '5 Bibliotheek: instruments marked "Intake".',
)

DEFAULT_ROUTE_1 = Rule(
    "R1-DEFAULT",
    "Tot we meer weten, gaan we ervan uit dat u verder wilt met uw bedrijf (route 1). Dat "
    "willen de meeste ondernemers.",
    "1 Algemeen, 'Veel hulpvragen': \"Ruim 94 procent van de ondervraagden wilde zijn bedrijf "
    'voortzetten"; 4 Stappenplan, stap 2 tip: "Heb oog voor heroriëntatie in verband met het '
    'eigen bedrijf, want juist deze route valt nog weleens bij de dienstverlening buiten de boot."',
)

# --- Urgency -------------------------------------------------------------------------------

ACUTE_DEBTS = Rule(
    "R2-ACUTE-DEBT",
    "Door uw schulden is er nu direct gevaar{problems}. Dat pakken we eerst aan: we verwijzen "
    "u vandaag nog door naar hulp bij schulden (route 2).",
    "1 Algemeen, 'Drie routes' 2: \"De ondernemer gaat door na het wegwerken van acute "
    'problematische schulden" and "Heb ook aandacht voor dringende psychische en praktische '
    'problemen, die ondernemers kunnen hebben."',
)

CRISIS = Rule(
    "R2-CRISIS",
    "U hebt het nu heel zwaar. Daarom zorgen we vandaag nog voor hulp van de gemeente of uw "
    "huisarts (route 2). Denkt u aan zelfdoding? Bel dan 113 of gratis 0800-0113.",
    "1 Algemeen, 'Drie routes' 2: \"Heb ook aandacht voor dringende psychische en praktische "
    "problemen ... Zij kunnen dan vanuit het bredere sociaal domein van de gemeente worden "
    'geholpen." 5 Bibliotheek, MKB-noodlijn: "direct doorverwezen naar gespecialiseerde '
    '(geestelijke) hulp". (The 113 numbers are the national suicide prevention line, added '
    "for safety; not in the guide.)",
)

# --- Further routes from the situation and the hulpvraag -------------------------------------

PROBLEMATIC_DEBTS = Rule(
    "R2-PROBLEMATIC-DEBT",
    "U kunt uw rekeningen niet meer goed betalen. Daarom zoeken we eerst een oplossing voor "
    "uw schulden, bijvoorbeeld met de schuldhulp van de gemeente (route 2).",
    '4 Stappenplan, stap 2: "Zoeken naar oplossingen van problemen, zowel financieel '
    '(aanpakken van schulden ...)"; 3 Aanbod, examples: "Schulddienstverlening"; '
    '5 Bibliotheek, Over Rood: "werkt samen met schulddienstverlening van gemeenten".',
)

SIGNALS = Rule(
    "R2-SIGNALS",
    "U vertelde over zorgen of klachten ({signals}). Daarom kijken we ook welke steun u daarbij "
    "kunt krijgen (route 2).",
    '4 Stappenplan, stap 2: "als sociaal (verwijzing naar psychische ondersteuning)"; '
    "1 Algemeen, 'Drie routes' 2: \"Heb ook aandacht voor dringende psychische en praktische "
    'problemen".',
)

HELP_REQUEST_ROUTE_2 = Rule(
    "R2-HULPVRAAG",
    "U vroeg om hulp bij {requests}. Daarvoor is route 2: problemen oplossen.",
    '5 Bibliotheek, route 2: "zoeken naar oplossingen van problemen, zowel financieel '
    "(aanpakken van schulden of stoppen met de onderneming) als sociaal (verwijzing naar "
    'psychische ondersteuning)"; Over Rood: "schulden, administratieve achterstanden en '
    'bedrijfsbeëindiging".',
)

HELP_REQUEST_ROUTE_3 = Rule(
    "R3-HULPVRAAG",
    "U wilt ook kijken naar werk in loondienst. Daarom zoeken we daarnaast naar een (bij)baan "
    "of scholing daarvoor (route 3).",
    "1 Algemeen, 'Veel hulpvragen': \"loopbaanoriëntatie en omscholing naar een beroep als "
    "werknemer (7 procent)\"; 'Drie routes' 3.",
)

HELP_REQUEST_ROUTE_1 = Rule(
    "R1-HULPVRAAG",
    "U vroeg om {requests}. Daarom kijken we ook hoe u als ondernemer verder kunt (route 1).",
    "1 Algemeen, 'Veel hulpvragen': \"coaching en bijscholing van ondernemersvaardigheden "
    "(15 procent), bij- of omscholing naar een ander beroep waar meer mogelijkheden als "
    'ondernemer liggen (11 procent)".',
)

# --- Hints for the caseworker to check; they never decide eligibility ------------------------

BBZ_HINT = Rule(
    "HINT-BBZ",
    "U wilt doorgaan met uw bedrijf, maar u hebt nu te weinig inkomen om van te leven. "
    "Misschien kunt u Bbz krijgen: een uitkering voor ondernemers. Uw klantmanager zoekt dit "
    "met u uit.",
    '1 Algemeen: "Per 1 oktober 2021 is de (tijdelijke) vereenvoudigde versie van Bbz '
    'ingevoerd"; 2 Samenwerking, zelfstandigenloket: "de dienstverlening voor de Tozo en het '
    'Bbz"; issue 3: "Bbz for a viable business short of income".',
)

IOAZ_HINT = Rule(
    "HINT-IOAZ",
    "U bent {age} jaar en u wilt stoppen met uw bedrijf. Misschien kunt u IOAZ krijgen: een "
    "uitkering voor oudere ondernemers die stoppen. Uw klantmanager zoekt dit met u uit.",
    "1 Algemeen, 'Drie routes' 2: \"of stopt met zijn bedrijf vanwege te weinig inkomsten\"; "
    'issue 3: "IOAZ for an entrepreneur of 55 or older who stops".',
)

VIABILITY_HINT = Rule(
    "HINT-VIABILITY",
    "Uw omzet is nu niet genoeg voor de vaste lasten van uw bedrijf. Daarom kijken we ook of uw "
    "bedrijf op termijn genoeg kan opleveren.",
    '5 Bibliotheek, FBA Adviesgroep: "levensvatbaarheidsonderzoeken"; Onderneem Consultancy: '
    '"in zwaar weer door deze crisis maar eerder levensvatbaar"; 1 Algemeen: "hoe hij straks '
    'weer een bedrijf kan runnen dat voldoende inkomsten oplevert".',
)

CROSS_BORDER = Rule(
    "INFO-CROSS-BORDER",
    "U woont in {country}. Ook dan kunt u hier hulp krijgen. Misschien kunt u een uitkering "
    "krijgen. Dat hangt af van waar u woont. Uw klantmanager zoekt dat met u uit.",
    "1 Algemeen, 'Voor alle zelfstandigen': \"De hulp is er tevens voor ondernemers in de "
    'buurt van de grens, die zelf in België of Duitsland wonen."',
)

ALL_RULES: tuple[Rule, ...] = (
    CONTINUE,
    CONTINUE_WITH_CHANGES,
    PART_TIME_WITH_JOB,
    STOP_AND_FIND_JOB,
    STOP_JOB_FIRST,
    DONT_KNOW_YET,
    NO_WISH_YET,
    DEFAULT_ROUTE_1,
    ACUTE_DEBTS,
    CRISIS,
    PROBLEMATIC_DEBTS,
    SIGNALS,
    HELP_REQUEST_ROUTE_2,
    HELP_REQUEST_ROUTE_3,
    HELP_REQUEST_ROUTE_1,
    BBZ_HINT,
    IOAZ_HINT,
    VIABILITY_HINT,
    CROSS_BORDER,
)

IOAZ_MIN_AGE = 55
"""IOAZ is for entrepreneurs of 55 or older (issue 3); the caseworker checks the rest."""
