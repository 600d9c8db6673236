"""The words of the draft statement (*utkast till yttrande*), in Swedish and English.

``core/statement/`` must run without QGIS, and ``core/i18n.translate()`` needs QGIS' translator,
so the statement keeps its own texts here: ``TEXTS[key][lang]``, templates with named
placeholders filled with ``str.format``. The terms follow docs/ordlista.md: the plugin's check is
an *avstämning* (never *granskning*, which is only the PBL stage), a plan area is a *planområde*.
Each table is written as rows of (key, Swedish, English) and read as ``{key: {"sv": …, "en": …}}``.
"""


def _table(*rows) -> dict:
    """``{key: {"sv": swedish, "en": english}}`` from rows of (key, swedish, english)."""
    table = {key: {"sv": swedish, "en": english} for key, swedish, english in rows}
    if len(table) != len(rows):
        raise ValueError("a key is written twice")
    return table


# Section headings. The header's heading is the statement's title (built in statement.py).
HEADINGS = _table(
    ("position", "Regionens ställningstagande", "The Region's position"),
    ("points", "Regionens synpunkter", "The Region's comments"),
    ("state", "Frågor som Länsstyrelsen bevakar", "Matters for the County Administrative Board"),
    ("municipality", "Frågor som kommunen ansvarar för", "Matters for the municipality"),
    ("not_checked", "Frågor som inte har kunnat stämmas av", "Matters that could not be checked"),
    ("resolved", "Jämfört med föregående version", "Compared with the previous version"),
    ("data", "Underlag", "Data used"),
    ("signature", "För {region}", "For {region}"),
)

# The region's points are grouped by these themes, in this order (issue 13, item 5).
GROUP_ORDER = ("rus", "transport", "freight", "inter", "basis", "other")
GROUP_TITLES = _table(
    ("rus", "RUS och strukturbilderna", "The RUS and the structure plans"),
    ("transport", "Transporter och kollektivtrafik", "Transport and public transport"),
    ("freight", "Gods och logistik", "Freight and logistics"),
    ("inter", "Mellankommunala och regionöverskridande frågor", "Inter-municipal and cross-regional matters"),
    ("basis", "Planeringsunderlag", "Planning basis data"),
    ("other", "Övrigt", "Other matters"),
)
# Profile theme id -> group. A theme not listed here falls back to "basis" (planeringsunderlag).
THEME_GROUPS = {
    "structure": "rus", "rus": "rus", "oms": "rus", "structure-plan": "rus", "regional-structure": "rus",
    "transport": "transport", "public-transport": "transport", "kollektivtrafik": "transport",
    "infrastructure": "transport", "roads": "transport", "rail": "transport",
    "logistics": "freight", "freight": "freight", "gods": "freight",
    "boundaries": "inter", "boundary": "inter", "intermunicipal": "inter", "inter-municipal": "inter",
    "mellankommunal": "inter", "neighbours": "inter",
}

PLAN_TYPES = _table(
    ("op", "översiktsplan för {municipality}", "the comprehensive plan for {municipality}"),
    ("fop", "fördjupad översiktsplan för {name}, {municipality}",
     "the in-depth comprehensive plan for {name}, {municipality}"),
    ("dp", "detaljplan för {name}, {municipality}", "the detailed development plan for {name}, {municipality}"),
    ("other", "{name}, {municipality}", "{name}, {municipality}"),
)
STAGES = _table(
    ("samrad", "Yttrande över samrådshandling för {plan}", "Statement on the consultation draft of {plan}"),
    ("granskning", "Yttrande över granskningshandling för {plan}", "Statement on the exhibition draft of {plan}"),
    ("other", "Yttrande över förslag till {plan}", "Statement on the proposal for {plan}"),
)

PLACEHOLDERS = _table(
    ("region", "[region]", "[region]"),
    ("date", "[datum]", "[date]"),
    ("case_id", "[diarienummer]", "[case number]"),
    ("municipality_case_id", "[kommunens diarienummer]", "[municipality's case number]"),
    ("addressee", "[mottagare]", "[addressee]"),
    ("officer", "[handläggare]", "[officer]"),
    ("officer_title", "[titel]", "[title]"),
    ("plan_name", "[plannamn]", "[plan name]"),
    ("municipality", "[kommun]", "[municipality]"),
    ("reason", "[orsak]", "[reason]"),
)

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")
NUMBER_WORDS = {
    "sv": ("noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"),
    "en": ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
           "twelve"),
}

TEXTS = _table(
    # header block
    ("line_region", "Region: {value}", "Region: {value}"),
    ("line_date", "Datum: {value}", "Date: {value}"),
    ("line_case", "Diarienummer: {value}", "Case number: {value}"),
    ("line_mcase", "Kommunens diarienummer: {value}", "Municipality's case number: {value}"),
    ("line_to", "Till: {value}", "To: {value}"),
    ("municipality", "{name} kommun", "{name} Municipality"),
    # how a plan area is named in a sentence
    ("area_only", "planområdet", "the plan area"),
    ("area_named", "planområdet {name}", "the plan area {name}"),
    ("area_numbered", "planområde {n}", "plan area {n}"),
    # overall position (one or two sentences)
    ("pos_conflict", "{region} har invändningar mot planförslaget när det gäller {areas}, se nedan.",
     "{region} objects to the plan proposal as regards {areas}, see below."),
    ("pos_conflict_single", "{region} har invändningar mot planförslaget i de delar som redovisas nedan.",
     "{region} objects to the plan proposal in the respects set out below."),
    ("pos_conflict_more",
     "{region} har invändningar mot planförslaget när det gäller {areas} och lämnar även synpunkter som kommunen bör "
     "beakta i det fortsatta arbetet.",
     "{region} objects to the plan proposal as regards {areas} and also makes comments for the municipality "
     "to consider in its further work."),
    ("pos_conflict_single_more",
     "{region} har invändningar mot planförslaget i de delar som redovisas nedan och lämnar även synpunkter som "
     "kommunen bör beakta i det fortsatta arbetet.",
     "{region} objects to the plan proposal in the respects set out below and also makes comments for the "
     "municipality to consider in its further work."),
    ("pos_attention", "{region} lämnar synpunkter på planförslaget som kommunen bör beakta i det fortsatta arbetet.",
     "{region} makes comments on the plan proposal for the municipality to consider in its further work."),
    ("pos_support", "{region} ser positivt på planförslaget i de delar som redovisas nedan.",
     "{region} welcomes the plan proposal in the respects set out below."),
    ("pos_support_complete",
     "{region} ser positivt på planförslaget i de delar som redovisas nedan och har inga invändningar utifrån de "
     "regionala intressen som har stämts av.",
     "{region} welcomes the plan proposal in the respects set out below and has no objections with regard to the "
     "regional interests that were checked."),
    ("pos_info", "{region} lämnar några upplysningar om planförslaget nedan.",
     "{region} gives some information on the plan proposal below."),
    ("pos_info_complete",
     "{region} har inga invändningar mot planförslaget utifrån de regionala intressen som har stämts av, men "
     "lämnar några upplysningar nedan.",
     "{region} has no objections to the plan proposal with regard to the regional interests that were checked, "
     "but gives some information below."),
    ("pos_none", "{region} har inga invändningar mot planförslaget utifrån de regionala intressen som har stämts av.",
     "{region} has no objections to the plan proposal with regard to the regional interests that were checked."),
    ("pos_none_incomplete",
     "{region} har inte funnit att planförslaget berör de regionala intressen som har kunnat stämmas av.",
     "{region} has not found that the plan proposal affects the regional interests that could be checked."),
    ("pos_incomplete",
     "{count} {matters}{titles} har inte kunnat stämmas av, och regionen tar därför inte "
     "ställning till {them} (se nedan).",
     "{count} {matters}{titles} could not be checked, and the Region therefore takes no "
     "position on {them} (see below)."),
    ("titles_in_brackets", " ({titles})", " ({titles})"),
    ("matters_one", "fråga", "matter"),
    ("matters_many", "frågor", "matters"),
    ("them_one", "den", "it"),
    ("them_many", "dem", "them"),
    # points: the lead of each point, by (decided) severity
    ("lead_conflict", "{region} har invändningar mot att {facts}.", "{region} objects to the fact that {facts}."),
    ("close_conflict",
     "Regionen anser att planförslaget behöver ändras i denna del, eller att kommunen redovisar hur frågan kan "
     "lösas, innan planen förs vidare.",
     "The Region considers that the proposal needs to be changed in this respect, or that the municipality shows how "
     "the matter can be resolved, before the plan proceeds."),
    ("lead_attention", "Regionen vill uppmärksamma kommunen på att {facts}.",
     "The Region draws the municipality's attention to the fact that {facts}."),
    ("close_attention", "Regionen bedömer att frågan behöver redovisas i det fortsatta arbetet.",
     "The Region considers that the matter needs to be addressed in the further work."),
    ("lead_support", "{region} ser positivt på att {facts}.", "{region} welcomes the fact that {facts}."),
    ("lead_info", "Regionen noterar att {facts}.", "The Region notes that {facts}."),
    ("advice_first", "Regionen bedömer att kommunen i det fortsatta arbetet behöver {advice}",
     "The Region considers that, in its further work, the municipality needs to {advice}"),
    ("advice_next", "Kommunen behöver också {advice}", "The municipality also needs to {advice}"),
    ("advice_info", "Kommunen kan i det fortsatta arbetet {advice}",
     "In its further work, the municipality may {advice}"),
    ("needed", "Regionen bedömer att {need}", "The Region considers that {need}"),
    ("see", "Se {reference}.", "See {reference}."),
    # facts about one plan area
    ("fact_overlap", "överlappar {items}", "overlaps {items}"),
    ("fact_touch", "berör {items}", "touches {items}"),
    ("fact_distance", "ligger {items}", "lies {items}"),
    ("fact_plain", "berörs av {title}", "is affected by {title}"),
    ("fact_and", "{facts} och att {last}", "{facts} and that {last}"),
    ("areas_plural", "planområdena {names}", "the plan areas {names}"),
    ("item_overlap", "{name} med {area}", "{name} by {area}"),
    ("item_overlap_share", "{name} med {area} ({share} av planområdet)", "{name} by {area} ({share} of the plan area)"),
    ("item_overlap_share_short", "{name} med {area} ({share})", "{name} by {area} ({share})"),
    ("item_within", "inom {name}", "within {name}"),
    ("item_distance", "{distance} från {name}", "{distance} from {name}"),
    ("boundary_name", "gränsen mot {name}", "the boundary with {name}"),
    ("and", "och", "and"),
    ("or", "eller", "or"),
    ("more", "ytterligare {n} objekt", "{n} more"),
    ("more_one", "ytterligare ett objekt", "one more"),
    ("clauses", "{first} samt {last}", "{first}, and {last}"),
    ("designated_area", "det utpekade området", "the designated area"),
    ("less_than_one_percent", "mindre än 1 %", "less than 1%"),
    # points: introduction and summary of what the plan does not affect
    ("areas_intro", "Planförslaget omfattar {count} planområden som regionen har stämt av var för sig: {areas}.",
     "The plan proposal comprises {count} plan areas, which the Region has checked one by one: {areas}."),
    ("area_desc", "{name} ({details})", "{name} ({details})"),
    ("key_figures", "Avstämningen mot regionens underlag visar {figures}.",
     "The check against the Region's data shows {figures}."),
    ("key_figure", "{title} om {value}", "{value} of {title}"),
    ("unknown_purpose", "användning ej angiven", "use not given"),
    ("no_points", "Regionen har i övrigt inga synpunkter på planförslaget.",
     "The Region has no further comments on the plan proposal."),
    ("no_points_incomplete", "Regionen har inga ytterligare synpunkter i de frågor som har kunnat stämmas av.",
     "The Region has no further comments on the matters that could be checked."),
    ("not_affected", "Planförslaget berör inte {titles}.", "The plan proposal does not affect {titles}."),
    # state and municipal matters, as information
    ("state_intro_one", "Följande fråga bevakas av Länsstyrelsen och redovisas här som information:",
     "The following matter is for the County Administrative Board and is given here for information only:"),
    ("state_intro", "Följande frågor bevakas av Länsstyrelsen och redovisas här som information:",
     "The following matters are for the County Administrative Board and are given here for information only:"),
    ("state_outro_one", "Regionen tar inte ställning till denna fråga och hänvisar till Länsstyrelsens yttrande.",
     "The Region takes no position on this matter and refers to the County Administrative Board's statement."),
    ("state_outro", "Regionen tar inte ställning till dessa frågor och hänvisar till Länsstyrelsens yttrande.",
     "The Region takes no position on these matters and refers to the County Administrative Board's statement."),
    ("municipality_intro_one", "Följande fråga ansvarar kommunen själv för och redovisas här som information:",
     "The following matter is for the municipality itself and is given here for information only:"),
    ("municipality_intro", "Följande frågor ansvarar kommunen själv för och redovisas här som information:",
     "The following matters are for the municipality itself and are given here for information only:"),
    ("info_item", "– {title}: {facts}.", "– {title}: {facts}."),
    ("not_affected_state", "Avstämningen visar att planförslaget inte berör {titles}.",
     "The check shows that the plan proposal does not affect {titles}."),
    ("state_none_affected",
     "Avstämningen visar att planförslaget inte berör följande frågor som Länsstyrelsen bevakar: {titles}.",
     "The check shows that the plan proposal does not affect the following matters for the County "
     "Administrative Board: {titles}."),
    # not checked
    ("nc_intro_one", "Följande fråga har inte kunnat stämmas av, och yttrandet tar därför inte ställning till den:",
     "The following matter could not be checked, and the statement therefore takes no position on it:"),
    ("nc_intro", "Följande frågor har inte kunnat stämmas av, och yttrandet tar därför inte ställning till dem:",
     "The following matters could not be checked, and the statement therefore takes no position on them:"),
    ("nc_item", "– {title}: {reason}", "– {title}: {reason}"),
    ("nc_item_areas", "– {title} ({areas}): {reason}", "– {title} ({areas}): {reason}"),
    ("nc_outro_one", "Regionen kan behöva återkomma i denna fråga.", "The Region may need to return to this matter."),
    ("nc_outro", "Regionen kan behöva återkomma i dessa frågor.", "The Region may need to return to these matters."),
    # resolved since the previous version
    ("resolved_intro", "Jämfört med föregående version har följande frågor lösts:",
     "Compared with the previous version, the following matters have been resolved:"),
    # data used
    ("data_intro", "Avstämningen bygger på följande underlag:", "The check is based on the following data:"),
    ("data_item", "– {title} ({details}).", "– {title} ({details})."),
    ("data_version", "version {version}", "version {version}"),
    ("data_fetched", "hämtat {date}", "fetched {date}"),
    ("data_shared_caveat", "För underlagen {titles} gäller: {caveat}", "For the data {titles}: {caveat}"),
    ("data_limited",
     "Underlaget har hämtats bara för ett område kring planförslaget; förhållanden utanför "
     "det området har inte stämts av.",
     "The data was fetched only for an area around the plan proposal; conditions outside that area were not checked."),
    ("data_none", "[underlag]", "[data]"),
    ("data_unknown_purpose", "För {areas} saknas uppgift om användning; där har samtliga regler stämts av.",
     "No use is given for {areas}; all rules were checked there."),
    # signature
    ("method",
     "Detta yttrande har tagits fram med stöd av en avstämning av planförslaget mot RUS och regionala intressen i "
     "verktyget Regionplan; bedömningarna är regionens egna.",
     "This statement was prepared with the support of a check of the plan proposal against the RUS and regional "
     "interests in the Regionplan tool; the assessments are the Region's own."),
)

# Verbs that open an instruction in a rule's message: imperative -> infinitive. The statement
# turns "Pröva hur …" into "Regionen bedömer att kommunen … behöver pröva hur …".
IMPERATIVES = {
    "sv": {
        "pröva": "pröva", "visa": "visa", "bevaka": "bevaka", "beakta": "beakta", "redovisa": "redovisa",
        "utred": "utreda", "samråd": "samråda", "undvik": "undvika", "säkerställ": "säkerställa",
        "beskriv": "beskriva", "studera": "studera", "analysera": "analysera", "kontrollera": "kontrollera",
        "håll": "hålla", "skydda": "skydda", "värna": "värna", "tydliggör": "tydliggöra",
        "utveckla": "utveckla", "överväg": "överväga", "planera": "planera", "motivera": "motivera",
        "stärk": "stärka", "begränsa": "begränsa", "anpassa": "anpassa", "identifiera": "identifiera",
        "förtydliga": "förtydliga", "precisera": "precisera", "ta": "ta", "se": "se",
    },
    "en": {w: w for w in (
        "consider", "safeguard", "show", "test", "assess", "consult", "describe", "examine", "ensure", "avoid",
        "keep", "take", "review", "investigate", "study", "check", "protect", "plan", "clarify", "identify",
        "adapt", "limit", "strengthen", "justify", "monitor", "explain", "demonstrate", "develop", "make",
    )},
}
# A message whose first sentence restates where the plan lies: the statement says that itself,
# with the area's name and the numbers, and drops the sentence (also keeps "Planen stärker …" out).
RESTATEMENT_STARTS = {"sv": ("planen ", "planområdet ", "planförslaget "),
                      "en": ("the plan ", "the plan area ", "the proposal ")}
