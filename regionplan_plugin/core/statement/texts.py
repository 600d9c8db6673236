"""The words of the draft statement (*utkast till yttrande*), in Swedish and English.

``core/statement/`` must run without QGIS, and ``core/i18n.translate()`` needs QGIS' translator,
so the statement keeps its own texts here: ``TEXTS[key][lang]``, templates with named
placeholders filled with ``str.format``. The terms follow docs/ordlista.md: the plugin's check is
an *avstämning* (never *granskning*, which is only the PBL stage), a plan area is a *planområde*.
"""

# Section headings. The header's heading is the statement's title (built in statement.py).
HEADINGS = {
    "position": {"sv": "Regionens ställningstagande", "en": "The Region's position"},
    "points": {"sv": "Regionens synpunkter", "en": "The Region's comments"},
    "state": {"sv": "Frågor som Länsstyrelsen bevakar", "en": "Matters for the County Administrative Board"},
    "municipality": {"sv": "Frågor som kommunen ansvarar för", "en": "Matters for the municipality"},
    "not_checked": {"sv": "Frågor som inte har kunnat stämmas av", "en": "Matters that could not be checked"},
    "resolved": {"sv": "Jämfört med föregående version", "en": "Compared with the previous version"},
    "data": {"sv": "Underlag", "en": "Data used"},
    "signature": {"sv": "För {region}", "en": "For {region}"},
}

# The region's points are grouped by these themes, in this order (issue 13, item 5).
GROUP_ORDER = ("rus", "transport", "freight", "inter", "basis", "other")
GROUP_TITLES = {
    "rus": {"sv": "RUS och strukturbilderna", "en": "The RUS and the structure plans"},
    "transport": {"sv": "Transporter och kollektivtrafik", "en": "Transport and public transport"},
    "freight": {"sv": "Gods och logistik", "en": "Freight and logistics"},
    "inter": {"sv": "Mellankommunala och regionöverskridande frågor",
              "en": "Inter-municipal and cross-regional matters"},
    "basis": {"sv": "Planeringsunderlag", "en": "Planning basis data"},
    "other": {"sv": "Övrigt", "en": "Other matters"},
}
# Profile theme id -> group. A theme not listed here falls back to "basis" (planeringsunderlag).
THEME_GROUPS = {
    "structure": "rus", "rus": "rus", "oms": "rus", "structure-plan": "rus", "regional-structure": "rus",
    "transport": "transport", "public-transport": "transport", "kollektivtrafik": "transport",
    "infrastructure": "transport", "roads": "transport", "rail": "transport",
    "logistics": "freight", "freight": "freight", "gods": "freight",
    "boundaries": "inter", "boundary": "inter", "intermunicipal": "inter", "inter-municipal": "inter",
    "mellankommunal": "inter", "neighbours": "inter",
}

PLAN_TYPES = {
    "op": {"sv": "översiktsplan för {municipality}", "en": "the comprehensive plan for {municipality}"},
    "fop": {"sv": "fördjupad översiktsplan för {name}, {municipality}",
            "en": "the in-depth comprehensive plan for {name}, {municipality}"},
    "dp": {"sv": "detaljplan för {name}, {municipality}",
           "en": "the detailed development plan for {name}, {municipality}"},
    "other": {"sv": "{name}, {municipality}", "en": "{name}, {municipality}"},
}
STAGES = {
    "samrad": {"sv": "Yttrande över samrådshandling för {plan}", "en": "Statement on the consultation draft of {plan}"},
    "granskning": {"sv": "Yttrande över granskningshandling för {plan}",
                   "en": "Statement on the exhibition draft of {plan}"},
    "other": {"sv": "Yttrande över förslag till {plan}", "en": "Statement on the proposal for {plan}"},
}

PLACEHOLDERS = {
    "region": {"sv": "[region]", "en": "[region]"},
    "date": {"sv": "[datum]", "en": "[date]"},
    "case_id": {"sv": "[diarienummer]", "en": "[case number]"},
    "municipality_case_id": {"sv": "[kommunens diarienummer]", "en": "[municipality's case number]"},
    "addressee": {"sv": "[mottagare]", "en": "[addressee]"},
    "officer": {"sv": "[handläggare]", "en": "[officer]"},
    "officer_title": {"sv": "[titel]", "en": "[title]"},
    "plan_name": {"sv": "[plannamn]", "en": "[plan name]"},
    "municipality": {"sv": "[kommun]", "en": "[municipality]"},
    "reason": {"sv": "[orsak]", "en": "[reason]"},
}

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")
NUMBER_WORDS = {
    "sv": ("noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"),
    "en": ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
           "twelve"),
}

TEXTS = {
    # header block
    "line_region": {"sv": "Region: {value}", "en": "Region: {value}"},
    "line_date": {"sv": "Datum: {value}", "en": "Date: {value}"},
    "line_case": {"sv": "Diarienummer: {value}", "en": "Case number: {value}"},
    "line_mcase": {"sv": "Kommunens diarienummer: {value}", "en": "Municipality's case number: {value}"},
    "line_to": {"sv": "Till: {value}", "en": "To: {value}"},
    "municipality": {"sv": "{name} kommun", "en": "{name} Municipality"},
    # how a plan area is named in a sentence
    "area_only": {"sv": "planområdet", "en": "the plan area"},
    "area_named": {"sv": "planområdet {name}", "en": "the plan area {name}"},
    "area_numbered": {"sv": "planområde {n}", "en": "plan area {n}"},
    # overall position (one or two sentences)
    "pos_conflict": {"sv": "{region} har invändningar mot planförslaget när det gäller {areas}, se nedan.",
                     "en": "{region} objects to the plan proposal as regards {areas}, see below."},
    "pos_conflict_single": {"sv": "{region} har invändningar mot planförslaget i de delar som redovisas nedan.",
                            "en": "{region} objects to the plan proposal in the respects set out below."},
    "pos_conflict_more": {
        "sv": "{region} har invändningar mot planförslaget när det gäller {areas} och lämnar även synpunkter som "
              "kommunen bör beakta i det fortsatta arbetet.",
        "en": "{region} objects to the plan proposal as regards {areas} and also makes comments for the "
              "municipality to consider in its further work."},
    "pos_conflict_single_more": {
        "sv": "{region} har invändningar mot planförslaget i de delar som redovisas nedan och lämnar även "
              "synpunkter som kommunen bör beakta i det fortsatta arbetet.",
        "en": "{region} objects to the plan proposal in the respects set out below and also makes comments for "
              "the municipality to consider in its further work."},
    "pos_attention": {"sv": "{region} lämnar synpunkter på planförslaget som kommunen bör beakta i det fortsatta "
                            "arbetet.",
                      "en": "{region} makes comments on the plan proposal for the municipality to consider in its "
                            "further work."},
    "pos_support": {"sv": "{region} ser positivt på planförslaget i de delar som redovisas nedan.",
                    "en": "{region} welcomes the plan proposal in the respects set out below."},
    "pos_support_complete": {
        "sv": "{region} ser positivt på planförslaget i de delar som redovisas nedan och har inga invändningar "
              "utifrån de regionala intressen som har stämts av.",
        "en": "{region} welcomes the plan proposal in the respects set out below and has no objections with "
              "regard to the regional interests that were checked."},
    "pos_info": {"sv": "{region} lämnar några upplysningar om planförslaget nedan.",
                 "en": "{region} gives some information on the plan proposal below."},
    "pos_info_complete": {
        "sv": "{region} har inga invändningar mot planförslaget utifrån de regionala intressen som har stämts av, "
              "men lämnar några upplysningar nedan.",
        "en": "{region} has no objections to the plan proposal with regard to the regional interests that were "
              "checked, but gives some information below."},
    "pos_none": {"sv": "{region} har inga invändningar mot planförslaget utifrån de regionala intressen som har "
                       "stämts av.",
                 "en": "{region} has no objections to the plan proposal with regard to the regional interests "
                       "that were checked."},
    "pos_none_incomplete": {
        "sv": "{region} har inte funnit att planförslaget berör de regionala intressen som har kunnat stämmas av.",
        "en": "{region} has not found that the plan proposal affects the regional interests that could be "
              "checked."},
    "pos_incomplete": {
        "sv": "{count} {matters}{titles} har inte kunnat stämmas av, och regionen tar därför inte ställning till "
              "{them} (se nedan).",
        "en": "{count} {matters}{titles} could not be checked, and the Region therefore takes no position on "
              "{them} (see below)."},
    "titles_in_brackets": {"sv": " ({titles})", "en": " ({titles})"},
    "matters_one": {"sv": "fråga", "en": "matter"},
    "matters_many": {"sv": "frågor", "en": "matters"},
    "them_one": {"sv": "den", "en": "it"},
    "them_many": {"sv": "dem", "en": "them"},
    # points: the lead of each point, by (decided) severity
    "lead_conflict": {"sv": "{region} har invändningar mot att {facts}.",
                      "en": "{region} objects to the fact that {facts}."},
    "close_conflict": {
        "sv": "Regionen anser att planförslaget behöver ändras i denna del, eller att kommunen redovisar hur "
              "frågan kan lösas, innan planen förs vidare.",
        "en": "The Region considers that the proposal needs to be changed in this respect, or that the "
              "municipality shows how the matter can be resolved, before the plan proceeds."},
    "lead_attention": {"sv": "Regionen vill uppmärksamma kommunen på att {facts}.",
                       "en": "The Region draws the municipality's attention to the fact that {facts}."},
    "close_attention": {"sv": "Regionen bedömer att frågan behöver redovisas i det fortsatta arbetet.",
                        "en": "The Region considers that the matter needs to be addressed in the further work."},
    "lead_support": {"sv": "{region} ser positivt på att {facts}.", "en": "{region} welcomes the fact that {facts}."},
    "lead_info": {"sv": "Regionen noterar att {facts}.", "en": "The Region notes that {facts}."},
    "advice_first": {"sv": "Regionen bedömer att kommunen i det fortsatta arbetet behöver {advice}",
                     "en": "The Region considers that, in its further work, the municipality needs to {advice}"},
    "advice_next": {"sv": "Kommunen behöver också {advice}", "en": "The municipality also needs to {advice}"},
    "advice_info": {"sv": "Kommunen kan i det fortsatta arbetet {advice}",
                    "en": "In its further work, the municipality may {advice}"},
    "needed": {"sv": "Regionen bedömer att {need}", "en": "The Region considers that {need}"},
    "see": {"sv": "Se {reference}.", "en": "See {reference}."},
    # facts about one plan area
    "fact_overlap": {"sv": "överlappar {items}", "en": "overlaps {items}"},
    "fact_touch": {"sv": "berör {items}", "en": "touches {items}"},
    "fact_distance": {"sv": "ligger {items}", "en": "lies {items}"},
    "fact_plain": {"sv": "berörs av {title}", "en": "is affected by {title}"},
    "fact_and": {"sv": "{facts} och att {last}", "en": "{facts} and that {last}"},
    "areas_plural": {"sv": "planområdena {names}", "en": "the plan areas {names}"},
    "item_overlap": {"sv": "{name} med {area}", "en": "{name} by {area}"},
    "item_overlap_share": {"sv": "{name} med {area} ({share} av planområdet)",
                           "en": "{name} by {area} ({share} of the plan area)"},
    "item_overlap_share_short": {"sv": "{name} med {area} ({share})", "en": "{name} by {area} ({share})"},
    "item_within": {"sv": "inom {name}", "en": "within {name}"},
    "item_distance": {"sv": "{distance} från {name}", "en": "{distance} from {name}"},
    "boundary_name": {"sv": "gränsen mot {name}", "en": "the boundary with {name}"},
    "and": {"sv": "och", "en": "and"},
    "or": {"sv": "eller", "en": "or"},
    "more": {"sv": "ytterligare {n} objekt", "en": "{n} more"},
    "more_one": {"sv": "ytterligare ett objekt", "en": "one more"},
    "clauses": {"sv": "{first} samt {last}", "en": "{first}, and {last}"},
    "designated_area": {"sv": "det utpekade området", "en": "the designated area"},
    "less_than_one_percent": {"sv": "mindre än 1 %", "en": "less than 1%"},
    # points: introduction and summary of what the plan does not affect
    "areas_intro": {
        "sv": "Planförslaget omfattar {count} planområden som regionen har stämt av var för sig: {areas}.",
        "en": "The plan proposal comprises {count} plan areas, which the Region has checked one by one: {areas}."},
    "area_desc": {"sv": "{name} ({details})", "en": "{name} ({details})"},
    "unknown_purpose": {"sv": "användning ej angiven", "en": "use not given"},
    "no_points": {"sv": "Regionen har i övrigt inga synpunkter på planförslaget.",
                  "en": "The Region has no further comments on the plan proposal."},
    "no_points_incomplete": {"sv": "Regionen har inga ytterligare synpunkter i de frågor som har kunnat stämmas av.",
                             "en": "The Region has no further comments on the matters that could be checked."},
    "not_affected": {"sv": "Planförslaget berör inte {titles}.",
                     "en": "The plan proposal does not affect {titles}."},
    # state and municipal matters, as information
    "state_intro_one": {"sv": "Följande fråga bevakas av Länsstyrelsen och redovisas här som information:",
                        "en": "The following matter is for the County Administrative Board and is given here "
                              "for information only:"},
    "state_intro": {"sv": "Följande frågor bevakas av Länsstyrelsen och redovisas här som information:",
                    "en": "The following matters are for the County Administrative Board and are given here "
                          "for information only:"},
    "state_outro_one": {"sv": "Regionen tar inte ställning till denna fråga och hänvisar till Länsstyrelsens yttrande.",
                        "en": "The Region takes no position on this matter and refers to the County "
                              "Administrative Board's statement."},
    "state_outro": {"sv": "Regionen tar inte ställning till dessa frågor och hänvisar till Länsstyrelsens yttrande.",
                    "en": "The Region takes no position on these matters and refers to the County "
                          "Administrative Board's statement."},
    "municipality_intro_one": {"sv": "Följande fråga ansvarar kommunen själv för och redovisas här som "
                                     "information:",
                               "en": "The following matter is for the municipality itself and is given here for "
                                     "information only:"},
    "municipality_intro": {"sv": "Följande frågor ansvarar kommunen själv för och redovisas här som information:",
                           "en": "The following matters are for the municipality itself and are given here for "
                                 "information only:"},
    "info_item": {"sv": "– {title}: {facts}.", "en": "– {title}: {facts}."},
    "not_affected_state": {"sv": "Avstämningen visar att planförslaget inte berör {titles}.",
                           "en": "The check shows that the plan proposal does not affect {titles}."},
    "state_none_affected": {
        "sv": "Avstämningen visar att planförslaget inte berör följande frågor som Länsstyrelsen bevakar: {titles}.",
        "en": "The check shows that the plan proposal does not affect the following matters for the County "
              "Administrative Board: {titles}."},
    # not checked
    "nc_intro_one": {"sv": "Följande fråga har inte kunnat stämmas av, och yttrandet tar därför inte ställning till "
                           "den:",
                     "en": "The following matter could not be checked, and the statement therefore takes no "
                           "position on it:"},
    "nc_intro": {"sv": "Följande frågor har inte kunnat stämmas av, och yttrandet tar därför inte ställning till "
                       "dem:",
                 "en": "The following matters could not be checked, and the statement therefore takes no "
                       "position on them:"},
    "nc_item": {"sv": "– {title}: {reason}", "en": "– {title}: {reason}"},
    "nc_item_areas": {"sv": "– {title} ({areas}): {reason}", "en": "– {title} ({areas}): {reason}"},
    "nc_outro_one": {"sv": "Regionen kan behöva återkomma i denna fråga.",
                     "en": "The Region may need to return to this matter."},
    "nc_outro": {"sv": "Regionen kan behöva återkomma i dessa frågor.",
                 "en": "The Region may need to return to these matters."},
    # resolved since the previous version
    "resolved_intro": {"sv": "Jämfört med föregående version har följande frågor lösts:",
                       "en": "Compared with the previous version, the following matters have been resolved:"},
    # data used
    "data_intro": {"sv": "Avstämningen bygger på följande underlag:",
                   "en": "The check is based on the following data:"},
    "data_item": {"sv": "– {title} ({details}).", "en": "– {title} ({details})."},
    "data_version": {"sv": "version {version}", "en": "version {version}"},
    "data_fetched": {"sv": "hämtat {date}", "en": "fetched {date}"},
    "data_shared_caveat": {"sv": "För underlagen {titles} gäller: {caveat}", "en": "For the data {titles}: {caveat}"},
    "data_limited": {
        "sv": "Underlaget har hämtats bara för ett område kring planförslaget; förhållanden utanför det "
              "området har inte stämts av.",
        "en": "The data was fetched only for an area around the plan proposal; conditions outside that area "
              "were not checked."},
    "data_none": {"sv": "[underlag]", "en": "[data]"},
    "data_unknown_purpose": {
        "sv": "För {areas} saknas uppgift om användning; där har samtliga regler stämts av.",
        "en": "No use is given for {areas}; all rules were checked there."},
    # signature
    "method": {
        "sv": "Detta yttrande har tagits fram med stöd av en avstämning av planförslaget mot RUS och regionala "
              "intressen i verktyget Regionplan; bedömningarna är regionens egna.",
        "en": "This statement was prepared with the support of a check of the plan proposal against the RUS "
              "and regional interests in the Regionplan tool; the assessments are the Region's own."},
}

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
