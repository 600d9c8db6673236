<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
    <context>
        <name>regionplan</name>
        <message>
            <location filename="../regionplan_plugin/core/http/errors.py" line="45" />
            <source>'{url}' is not an http or https address.</source>
            <translation>'{url}' är inte en http- eller https-adress.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/case_view.py" line="119" />
            <source>(decided on version {version})</source>
            <translation>(beslut i version {version})</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="186" />
            <source>(from {area} overlap)</source>
            <translation>(från {area} överlapp)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="89" />
            <location filename="../regionplan_plugin/core/report/pdf_text.py" line="19" />
            <source>(no feature in the dataset)</source>
            <translation>(inget objekt i datamängden)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_decisions.py" line="95" />
            <source>(not relevant)</source>
            <translation>(ej relevant)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/load.py" line="42" />
            <source>(profile)</source>
            <translation>(profil)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_decisions.py" line="93" />
            <source>(version {version}: {decision})</source>
            <translation>(version {version}: {decision})</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/provenance.py" line="53" />
            <source>, only the area {extent}</source>
            <translation>, endast området {extent}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/validate.py" line="272" />
            <source>... and {count} more problem</source>
            <translation>... och {count} problem till</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/validate.py" line="272" />
            <source>... and {count} more problems</source>
            <translation>... och {count} problem till</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/plan_statistics.py" line="64" />
            <source>0 people</source>
            <translation>0 invånare</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/fieldwork.py" line="125" />
            <source>A background map can only be made available offline with a network.</source>
            <translation>En bakgrundskarta kan bara göras tillgänglig offline med nätverksanslutning.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/cache/store.py" line="55" />
            <source>A cache file name points outside the cache folder: {name}.</source>
            <translation>Ett filnamn i cachen pekar utanför cachemappen: {name}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/layers.py" line="42" />
            <source>A feature of {name} cannot be transformed to {crs}.</source>
            <translation>Ett objekt i {name} kan inte transformeras till {crs}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_statement.py" line="193" />
            <source>A new draft differs from your edit: choose which to keep.</source>
            <translation>Ett nytt utkast skiljer sig från din text: välj vilken som ska gälla.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/plan_statistics.py" line="187" />
            <source>A part of another statistic (for example one class of farmland) is shown only where it is not 0.</source>
            <translation>En del av en annan statistik (till exempel en klass av jordbruksmark) visas bara där den inte är 0.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/sketch_tool.py" line="192" />
            <source>A plan area needs at least three points.</source>
            <translation>Ett planområde behöver minst tre punkter.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="135" />
            <location filename="../regionplan_plugin/gui/review.py" line="166" />
            <source>Add as new version</source>
            <translation>Lägg till som ny version</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/plugin.py" line="145" />
            <location filename="../regionplan_plugin/plugin.py" line="66" />
            <source>Add sketch to a case…</source>
            <translation>Lägg till skissen i ett ärende…</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue.py" line="73" />
            <source>Add to map</source>
            <translation>Lägg till i kartan</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="329" />
            <source>Added the check as version {version}.</source>
            <translation>Avstämningen har lagts till som version {version}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review.py" line="371" />
            <source>Added the findings to the map.</source>
            <translation>Träffarna lades till i kartan.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/dock.py" line="285" />
            <source>Added {name} to the map.</source>
            <translation>{name} lades till i kartan.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="312" />
            <source>Adding the check to the case</source>
            <translation>Lägger till avstämningen i ärendet</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review_areas.py" line="66" />
            <source>Addressee</source>
            <translation>Mottagare</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="66" />
            <source>Affected</source>
            <translation>Berörs</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="145" />
            <source>Agree</source>
            <translation>Instämmer</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue.py" line="89" />
            <source>All datasets used by the rules</source>
            <translation>Alla datamängder som reglerna använder</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/load_plan.py" line="86" />
            <source>All files</source>
            <translation>Alla filer</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue.py" line="49" />
            <location filename="../regionplan_plugin/gui/catalogue_tree.py" line="94" />
            <source>All years</source>
            <translation>Alla år</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/here_tool.py" line="22" />
            <source>Any purpose</source>
            <translation>Valfri användning</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue.py" line="99" />
            <source>Area</source>
            <translation>Område</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_map.py" line="47" />
            <source>Area added ({versions})</source>
            <translation>Tillkommen yta ({versions})</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_map.py" line="49" />
            <source>Area removed ({versions})</source>
            <translation>Borttagen yta ({versions})</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/cachebasemap.py" line="117" />
            <source>Area: {name} and 1 km around it.</source>
            <translation>Område: {name} och 1 km runt omkring.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/importplan.py" line="52" />
            <source>Areas</source>
            <translation>Områden</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/tables.py" line="38" />
            <source>Assessment</source>
            <translation>Bedömning</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="47" />
            <source>Attention</source>
            <translation>Att beakta</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/settings_dialog.py" line="84" />
            <source>Authentication</source>
            <translation>Autentisering</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/cachebasemap.py" line="57" />
            <location filename="../regionplan_plugin/core/fieldpack.py" line="251" />
            <source>Background map</source>
            <translation>Bakgrundskarta</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/cachebasemap.py" line="55" />
            <source>Background map (GeoPackage; empty = the offline cache)</source>
            <translation>Bakgrundskarta (GeoPackage; tomt = offlinecachen)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/fieldwork.py" line="29" />
            <location filename="../regionplan_plugin/core/basemap/store.py" line="102" />
            <source>Background map (offline)</source>
            <translation>Bakgrundskarta (offline)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/cachebasemap.py" line="95" />
            <source>Background map written to {path}</source>
            <translation>Bakgrundskartan har skrivits till {path}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/fieldwork.py" line="34" />
            <source>Background maps</source>
            <translation>Bakgrundskartor</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/cachebasemap.py" line="45" />
            <source>Background maps (comma-separated references; empty = the report background)</source>
            <translation>Bakgrundskartor (kommaseparerade referenser; tomt = rapporternas bakgrundskarta)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="97" />
            <source>Boundary</source>
            <translation>Gräns</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/settings_dialog.py" line="62" />
            <source>Bundled profile (Region Örebro län)</source>
            <translation>Medföljande profil (Region Örebro län)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review_export.py" line="24" />
            <source>CSV (*.csv)</source>
            <translation>CSV (*.csv)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_tree.py" line="225" />
            <source>Cache</source>
            <translation>Cache</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/provenance.py" line="32" />
            <source>Cache age</source>
            <translation>Kopians ålder</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/settings_dialog.py" line="114" />
            <source>Cache folder</source>
            <translation>Cachemapp</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/cachelayers.py" line="22" />
            <source>Cache layers for offline use</source>
            <translation>Gör lager tillgängliga offline</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_tree.py" line="218" />
            <source>Cache problem</source>
            <translation>Problem med cachen</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_tree.py" line="227" />
            <source>Cached copy from</source>
            <translation>Offlinekopia från</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/cachelayers.py" line="82" />
            <source>Caching {name}…</source>
            <translation>Sparar {name} i cachen…</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/dock.py" line="84" />
            <location filename="../regionplan_plugin/gui/review.py" line="156" />
            <source>Cancel</source>
            <translation>Avbryt</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/tasks.py" line="105" />
            <location filename="../regionplan_plugin/core/here.py" line="168" />
            <location filename="../regionplan_plugin/core/cache/ogrcopy.py" line="98" />
            <source>Cancelled.</source>
            <translation>Avbrutet.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/cachebasemap.py" line="92" />
            <location filename="../regionplan_plugin/core/basemap/render.py" line="243" />
            <source>Cancelled. The previous background map is still in use.</source>
            <translation>Avbrutet. Den tidigare bakgrundskartan används fortfarande.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/cachelayers.py" line="104" />
            <source>Cancelled. The previous cached copies are still in use.</source>
            <translation>Avbrutet. De tidigare offlinekopiorna används fortfarande.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/dock.py" line="149" />
            <source>Cancelled: {task}</source>
            <translation>Avbrutet: {task}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/inbox.py" line="86" />
            <source>Cannot be read</source>
            <translation>Kan inte läsas</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_decisions.py" line="39" />
            <source>Carry over earlier decisions</source>
            <translation>För över tidigare ställningstaganden</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="150" />
            <location filename="../regionplan_plugin/gui/dock.py" line="71" />
            <source>Case</source>
            <translation>Ärende</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_dialogs.py" line="53" />
            <source>Case file</source>
            <translation>Ärendefil</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/settings_dialog.py" line="126" />
            <source>Case folder (inbox)</source>
            <translation>Mapp för ärenden (inkorg)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_dialogs.py" line="48" />
            <location filename="../regionplan_plugin/gui/case_view.py" line="119" />
            <location filename="../regionplan_plugin/gui/inbox.py" line="54" />
            <source>Case number</source>
            <translation>Diarienummer</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="188" />
            <source>Case number (the region's)</source>
            <translation>Diarienummer (regionens)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_map.py" line="33" />
            <location filename="../regionplan_plugin/gui/case_view.py" line="268" />
            <source>Case {case}</source>
            <translation>Ärende {case}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/dock.py" line="68" />
            <source>Catalogue</source>
            <translation>Katalog</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_tree.py" line="223" />
            <source>Catalogue fetched</source>
            <translation>Katalogen hämtad</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/fieldpack.py" line="129" />
            <source>Category</source>
            <translation>Kategori</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="146" />
            <source>Change</source>
            <translation>Förändring</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_decisions.py" line="53" />
            <source>Change severity…</source>
            <translation>Ändra bedömning…</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/case_view.py" line="182" />
            <location filename="../regionplan_plugin/core/report/case_view.py" line="169" />
            <source>Changes since the previous version</source>
            <translation>Förändringar sedan föregående version</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/load_plan.py" line="55" />
            <source>Check</source>
            <translation>Stäm av</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue.py" line="76" />
            <source>Check for updates</source>
            <translation>Sök efter uppdateringar</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="97" />
            <source>Check plan against the regional rules</source>
            <translation>Stäm av planen mot de regionala reglerna</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="248" />
            <source>Checked</source>
            <translation>Avstämd</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/provenance.py" line="20" />
            <source>Checked at</source>
            <translation>Avstämd</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/area_text.py" line="33" />
            <source>Checked without a finding</source>
            <translation>Kontrollerat utan träff</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan_outputs.py" line="74" />
            <source>Checked {when}</source>
            <translation>Avstämd {when}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_actions.py" line="321" />
            <source>Checking for updates</source>
            <translation>Söker efter uppdateringar</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review.py" line="264" />
            <source>Checking plan {name}</source>
            <translation>Stämmer av planen {name}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/engine.py" line="164" />
            <source>Checking rule {rule}…</source>
            <translation>Kontrollerar regeln {rule}…</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review.py" line="262" />
            <source>Checking the plan…</source>
            <translation>Stämmer av planen…</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="167" />
            <source>Checks</source>
            <translation>Kontrollerar</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="104" />
            <source>Checks a draft plan area (a polygon layer, for example an ÖP or DP draft) against the region's rule set: the corridors, nodes and cores of the RUS structure plans and the regional interests. Every plan feature is measured against every matching feature of each rule's dataset, planar in the profile's coordinate system (EPSG:3006 for Örebro). Plans in any coordinate system are transformed; invalid geometries are repaired and the repair is reported.

Plan: a polygon layer; 'Selected features only' is honoured.
Profile: a profile file or URL; empty uses the bundled Region Örebro län profile.
Service URL: replaces the profile's service address when given.
Offline: use only the offline cache (fails clearly if a needed dataset is not cached).
Language: sv or en for the messages and the report; empty uses the QGIS language, else Swedish.

Findings: one feature per plan feature, rule and regional feature, with the rule's severity, the distance, the overlap in m² and as a share of the plan feature, and the rule's message. The geometry is the overlap, the shortest line to the regional feature, or the plan feature itself.
Report: an HTML (.html) or PDF (.pdf) report with a summary, a map, the findings per rule, a draft statement and the provenance of every dataset.

Outputs: the findings layer, the report and the number of findings per severity (CONFLICTS, ATTENTION, SUPPORT, INFO).</source>
            <translation>Stämmer av ett planförslag (ett polygonlager, till exempel ett utkast till ÖP eller DP) mot regionens regeluppsättning: stråk, noder och kärnor i RUS strukturbilder samt de regionala intressena. Varje planområde mäts mot varje matchande objekt i varje regels datamängd, plant i profilens koordinatsystem (EPSG:3006 för Örebro). Planer i andra koordinatsystem transformeras; ogiltiga geometrier repareras och reparationen redovisas.

Plan: ett polygonlager; 'Endast valda objekt' respekteras.
Profil: en profilfil eller URL; tom använder den medföljande profilen för Region Örebro län.
Tjänstens URL: ersätter profilens tjänstadress om den anges.
Offline: använd bara offlinecachen (ger ett tydligt fel om en datamängd som behövs inte finns i cachen).
Språk: sv eller en för meddelandena och rapporten; tom använder QGIS-språket, annars svenska.

Träffar: ett objekt per planområde, regel och regionalt objekt, med regelns bedömning, avståndet, överlappet i m² och som andel av planområdet, samt regelns meddelande. Geometrin är överlappet, den kortaste linjen till det regionala objektet eller själva planområdet.
Rapport: en rapport i HTML (.html) eller PDF (.pdf) med sammanfattning, karta, träffar per regel, utkast till yttrande och ursprunget för varje datamängd.

Utdata: lagret med träffar, rapporten och antalet träffar per bedömning (CONFLICTS, ATTENTION, SUPPORT, INFO).</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/inbox.py" line="68" />
            <source>Choose a case folder in the settings to see your cases here.</source>
            <translation>Välj en mapp för ärenden i inställningarna för att se dina ärenden här.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review.py" line="247" />
            <source>Choose a plan layer with polygons first.</source>
            <translation>Välj först ett planlager med polygoner.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/cachebasemap.py" line="105" />
            <source>Choose an area for the background map: an extent or a municipality.</source>
            <translation>Välj ett område för bakgrundskartan: en utbredning eller en kommun.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/basemap/render.py" line="91" />
            <source>Choose an area for the background map: the extent is empty.</source>
            <translation>Välj ett område för bakgrundskartan: utbredningen är tom.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/basemap/render.py" line="192" />
            <source>Choose at least one background map to make available offline.</source>
            <translation>Välj minst en bakgrundskarta att göra tillgänglig offline.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/case/store.py" line="320" />
            <source>Choose the new severity for the finding.</source>
            <translation>Välj den nya bedömningen för träffen.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/here.py" line="161" />
            <source>Click a place on the map first.</source>
            <translation>Klicka först på en plats i kartan.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="104" />
            <source>Close</source>
            <translation>Stäng</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/cachelayers.py" line="41" />
            <source>Collections (comma-separated ids; empty = those the rules use, plus boundaries)</source>
            <translation>Samlingar (kommaseparerade id; tom = de som reglerna använder, plus gränser)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_dialogs.py" line="97" />
            <source>Comment (optional)</source>
            <translation>Kommentar (frivillig)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/plan_statistics.py" line="181" />
            <source>Computed from the datasets listed under Provenance, in the profile's coordinate system ({crs}).</source>
            <translation>Beräknad ur datamängderna under Underlag och ursprung, i profilens koordinatsystem ({crs}).</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="46" />
            <source>Conflict</source>
            <translation>Konflikt</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="171" />
            <source>Conflict with regional interests</source>
            <translation>Konflikt med regionala intressen</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="164" />
            <source>Conflicts</source>
            <translation>Konflikter</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="322" />
            <source>Conflicts: {c}, attention: {a}, in line with RUS: {s}, information: {i}.</source>
            <translation>Konflikter: {c}, att beakta: {a}, i linje med RUS: {s}, information: {i}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/load_plan.py" line="45" />
            <source>Coordinate reference system</source>
            <translation>Koordinatreferenssystem</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/importplan.py" line="59" />
            <source>Coordinate system of a file that states none</source>
            <translation>Koordinatsystem för en fil som inte anger något</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/errors.py" line="134" />
            <source>Could not connect to {host} ({url}). Check the service address and your network connection, or work offline from the cache.</source>
            <translation>Det gick inte att ansluta till {host} ({url}). Kontrollera tjänstens adress och nätverksanslutningen, eller arbeta offline med data från cachen.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="124" />
            <source>County administrative board (state interests)</source>
            <translation>Länsstyrelsen (statens intressen)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="290" />
            <source>Create or open a case to keep the checks, your decisions and the statement.</source>
            <translation>Skapa eller öppna ett ärende för att spara avstämningarna, dina ställningstaganden och yttrandet.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="210" />
            <source>Creating the case {case}</source>
            <translation>Skapar ärendet {case}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue.py" line="92" />
            <source>Current map extent</source>
            <translation>Aktuell kartutbredning</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="87" />
            <source>Damaged</source>
            <translation>Skadad</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue.py" line="58" />
            <location filename="../regionplan_plugin/core/report/html.py" line="71" />
            <location filename="../regionplan_plugin/core/report/html.py" line="166" />
            <source>Dataset</source>
            <translation>Datamängd</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue.py" line="97" />
            <source>Datasets</source>
            <translation>Datamängder</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/cachelayers.py" line="45" />
            <source>Datasets cached or already fresh</source>
            <translation>Datamängder sparade i cachen eller redan aktuella</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/inbox.py" line="55" />
            <location filename="../regionplan_plugin/core/fieldpack.py" line="130" />
            <location filename="../regionplan_plugin/core/case/result_version.py" line="49" />
            <source>Date</source>
            <translation>Datum</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_decisions.py" line="46" />
            <source>Decided</source>
            <translation>Efter ställningstagande</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_decisions.py" line="46" />
            <source>Decision</source>
            <translation>Ställningstagande</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/fieldpack.py" line="238" />
            <source>Decisions</source>
            <translation>Ställningstaganden</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/case_view.py" line="173" />
            <location filename="../regionplan_plugin/core/report/case_view.py" line="185" />
            <source>Decisions on findings</source>
            <translation>Bedömningar av träffar</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review.py" line="134" />
            <location filename="../regionplan_plugin/core/report/html.py" line="84" />
            <location filename="../regionplan_plugin/core/report/pdf_table.py" line="123" />
            <source>Distance (m)</source>
            <translation>Avstånd (m)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/inbox.py" line="56" />
            <source>Double-click a case to open it.</source>
            <translation>Dubbelklicka på ett ärende för att öppna det.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review.py" line="139" />
            <source>Double-click a finding to zoom to it.</source>
            <translation>Dubbelklicka på en träff för att zooma till den.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue.py" line="95" />
            <source>Download</source>
            <translation>Ladda ner</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/cachelayers.py" line="25" />
            <source>Downloads the profile's datasets from their sources (the region's service, WFS, ArcGIS, downloads) into the offline cache (one GeoPackage per dataset), so that the catalogue, the layers and the plan check work without a network, for example in the field.

Profile: a profile file or URL; empty uses the bundled Region Örebro län profile.
Service URL: replaces the profile's service address when given.
Collections: comma-separated collection ids; empty caches every collection a rule or a statistic uses, plus the administrative boundaries.
Extent: only features intersecting it are kept; empty keeps everything.

Datasets that have not changed on the server are reported as already fresh and are not downloaded again. A failed or cancelled download leaves the previous cached copy in use.

Output: the number of datasets written or already fresh.</source>
            <translation>Laddar ner profilens datamängder från deras källor (regionens tjänst, WFS, ArcGIS, nedladdningar) till offlinecachen (ett GeoPackage per datamängd), så att katalogen, lagren och avstämningen av planer fungerar utan nätverk, till exempel i fält.

Profil: en profilfil eller URL; tom använder den medföljande profilen för Region Örebro län.
Tjänstens URL: ersätter profilens tjänstadress om den anges.
Samlingar: kommaseparerade samlings-id; tom sparar varje samling som någon regel eller statistik använder, plus de administrativa gränserna.
Utbredning: bara objekt som skär den behålls; tom behåller allt.

Datamängder som inte har ändrats på servern redovisas som redan aktuella och laddas inte ner igen. Vid en misslyckad eller avbruten nedladdning används den tidigare offlinekopian.

Utdata: antalet datamängder som skrevs eller redan var aktuella.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_statement.py" line="208" />
            <source>Draft</source>
            <translation>Utkast</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/provenance.py" line="32" />
            <source>ETag / version / hash</source>
            <translation>ETag / version / kontrollsumma</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/load_plan.py" line="53" />
            <source>Each area of the file on its own</source>
            <translation>Varje område i filen för sig</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/load_plan.py" line="51" />
            <source>Each use area on its own</source>
            <translation>Varje användningsområde för sig</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_statement.py" line="227" />
            <location filename="../regionplan_plugin/gui/case_statement.py" line="208" />
            <source>Edited by you</source>
            <translation>Redigerad av dig</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/settings_dialog.py" line="115" />
            <source>Empty: a folder in the QGIS profile.</source>
            <translation>Tom: en mapp i QGIS-profilen.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/settings_dialog.py" line="81" />
            <source>Empty: the URL in the profile</source>
            <translation>Tom: URL:en i profilen</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review.py" line="160" />
            <location filename="../regionplan_plugin/gui/review_export.py" line="26" />
            <source>Export</source>
            <translation>Exportera</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_statement.py" line="120" />
            <source>Export .docx…</source>
            <translation>Exportera .docx…</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_statement.py" line="121" />
            <source>Export .odt…</source>
            <translation>Exportera .odt…</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_statement.py" line="264" />
            <source>Export the statement</source>
            <translation>Exportera yttrandet</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_statement.py" line="309" />
            <source>Exporting the statement {path}</source>
            <translation>Exporterar yttrandet {path}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/cachebasemap.py" line="47" />
            <source>Extent</source>
            <translation>Utbredning</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_tree.py" line="208" />
            <source>Extent (WGS 84)</source>
            <translation>Utbredning (WGS 84)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/cachelayers.py" line="44" />
            <source>Extent (only features intersecting it)</source>
            <translation>Utbredning (bara objekt som skär den)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/tables.py" line="38" />
            <source>Feature id</source>
            <translation>Objektets id</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_actions.py" line="59" />
            <location filename="../regionplan_plugin/gui/catalogue_tree.py" line="215" />
            <location filename="../regionplan_plugin/core/report/provenance.py" line="32" />
            <source>Features</source>
            <translation>Objekt</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/provenance.py" line="31" />
            <source>Fetched</source>
            <translation>Hämtad</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/fieldwork.py" line="151" />
            <source>Field package written: {path}</source>
            <translation>Fältpaketet har skrivits: {path}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="181" />
            <source>Field with the plan areas' names</source>
            <translation>Fält med planområdenas namn</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="184" />
            <source>Field with the plan areas' purposes</source>
            <translation>Fält med planområdenas användning</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="146" />
            <source>Finding</source>
            <translation>Träff</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_decisions.py" line="46" />
            <source>Finding / plan area</source>
            <translation>Träff / planområde</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="152" />
            <location filename="../regionplan_plugin/gui/review.py" line="353" />
            <location filename="../regionplan_plugin/processing/checkplan.py" line="154" />
            <source>Findings</source>
            <translation>Träffar</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review_export.py" line="15" />
            <source>Findings (CSV)…</source>
            <translation>Träffar (CSV)…</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review_export.py" line="14" />
            <source>Findings (GeoPackage)…</source>
            <translation>Träffar (GeoPackage)…</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/case/result_version.py" line="66" />
            <source>Findings and the reviewer's decisions</source>
            <translation>Träffar och handläggarens ställningstaganden</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="166" />
            <source>Findings in line with RUS</source>
            <translation>Träffar i linje med RUS</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/pdf_table.py" line="162" />
            <source>Findings per rule</source>
            <translation>Träffar per regel</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="165" />
            <source>Findings that need attention</source>
            <translation>Träffar att beakta</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/provenance.py" line="31" />
            <source>From</source>
            <translation>Från</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/whole.py" line="46" />
            <source>GDAL could not read all of it ({error}).</source>
            <translation>GDAL kunde inte läsa allt ({error}).</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review_export.py" line="23" />
            <location filename="../regionplan_plugin/processing/cachebasemap.py" line="56" />
            <location filename="../regionplan_plugin/processing/checkplan.py" line="195" />
            <source>GeoPackage (*.gpkg)</source>
            <translation>GeoPackage (*.gpkg)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/case/store.py" line="317" />
            <source>Give a reason for the decision: it is required unless you agree.</source>
            <translation>Ange ett skäl för beslutet: det krävs utom när du instämmer.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_decisions.py" line="40" />
            <source>Give the findings that were already in the previous version the decisions you made there (a new, dated decision each).</source>
            <translation>Ge träffarna som fanns redan i föregående version de ställningstaganden du gjorde där (ett nytt, daterat ställningstagande för varje).</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review_export.py" line="21" />
            <source>HTML report (*.html)</source>
            <translation>HTML-rapport (*.html)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="160" />
            <source>HTML report (*.html);;PDF report (*.pdf)</source>
            <translation>HTML-rapport (*.html);;PDF-rapport (*.pdf)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/importplan.py" line="30" />
            <source>Import a delivered plan</source>
            <translation>Importera en levererad plan</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="48" />
            <source>In line with RUS</source>
            <translation>I linje med RUS</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="252" />
            <location filename="../regionplan_plugin/core/vocabulary.py" line="255" />
            <source>Incomplete check: {n} rule could not be checked</source>
            <translation>Ofullständig avstämning: {n} regel kunde inte kontrolleras</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="252" />
            <location filename="../regionplan_plugin/core/vocabulary.py" line="255" />
            <source>Incomplete check: {n} rules could not be checked</source>
            <translation>Ofullständig avstämning: {n} regler kunde inte kontrolleras</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="49" />
            <source>Information</source>
            <translation>Information</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="57" />
            <source>Intersects the plan area</source>
            <translation>Överlappar planområdet</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="172" />
            <source>Issues to consider</source>
            <translation>Frågor att beakta</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_statement.py" line="106" />
            <source>Keep my text</source>
            <translation>Behåll min text</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue.py" line="58" />
            <source>Kind</source>
            <translation>Typ</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="134" />
            <source>Label, e.g. the consultation document</source>
            <translation>Benämning, t.ex. samrådshandling</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="222" />
            <source>Language must be sv or en, not {value}.</source>
            <translation>Språket måste vara sv eller en, inte {value}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="151" />
            <source>Language of messages and report (sv or en; empty = the QGIS language)</source>
            <translation>Språk för meddelanden och rapport (sv eller en; tom = QGIS-språket)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/cachebasemap.py" line="52" />
            <source>Largest scale (1:N)</source>
            <translation>Största skala (1:N)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/pdf_pages.py" line="243" />
            <source>Legend</source>
            <translation>Teckenförklaring</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_actions.py" line="62" />
            <location filename="../regionplan_plugin/gui/catalogue_tree.py" line="202" />
            <location filename="../regionplan_plugin/gui/catalogue_tree.py" line="204" />
            <source>Licence</source>
            <translation>Licens</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/load_plan.py" line="85" />
            <location filename="../regionplan_plugin/gui/load_plan.py" line="29" />
            <source>Load plan from file</source>
            <translation>Läs in plan från fil</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/plugin.py" line="64" />
            <location filename="../regionplan_plugin/gui/review.py" line="74" />
            <source>Load plan from file…</source>
            <translation>Läs in plan från fil…</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/dock.py" line="193" />
            <source>Loading the Regionplan catalogue</source>
            <translation>Läser in katalogen för Regionplan</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/dock.py" line="192" />
            <source>Loading the catalogue…</source>
            <translation>Läser in katalogen…</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_actions.py" line="167" />
            <source>Loading {title}</source>
            <translation>Läser in {title}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/cachebasemap.py" line="24" />
            <source>Make a background map available offline</source>
            <translation>Gör bakgrundskarta tillgänglig offline</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue.py" line="85" />
            <source>Make available offline</source>
            <translation>Gör tillgänglig offline</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/fieldwork.py" line="101" />
            <source>Make the background map available offline</source>
            <translation>Gör bakgrundskarta tillgänglig offline</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/fieldwork.py" line="131" />
            <source>Making the background map available offline</source>
            <translation>Gör bakgrundskartan tillgänglig offline</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_actions.py" line="294" />
            <source>Making {n} dataset available offline</source>
            <translation>Gör {n} datamängd tillgänglig offline</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_actions.py" line="294" />
            <source>Making {n} datasets available offline</source>
            <translation>Gör {n} datamängder tillgängliga offline</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="265" />
            <source>Map</source>
            <translation>Karta</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="266" />
            <source>Map of the plan and the findings</source>
            <translation>Karta över planen och träffarna</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/provenance.py" line="19" />
            <source>Measured in</source>
            <translation>Mätt i</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/tables.py" line="41" />
            <source>Message</source>
            <translation>Meddelande</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="125" />
            <source>Municipality</source>
            <translation>Kommunen</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/cachebasemap.py" line="49" />
            <source>Municipality (instead of an extent: its extent plus 1 km)</source>
            <translation>Kommun (i stället för en utbredning: kommunens utbredning plus 1 km)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review_areas.py" line="52" />
            <source>Municipality case number</source>
            <translation>Kommunens diarienummer</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_dialogs.py" line="49" />
            <location filename="../regionplan_plugin/gui/case_view.py" line="119" />
            <location filename="../regionplan_plugin/gui/inbox.py" line="54" />
            <source>Municipality name</source>
            <translation>Kommun</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/area_text.py" line="21" />
            <location filename="../regionplan_plugin/core/report/html.py" line="247" />
            <source>Municipality of the area</source>
            <translation>Kommun</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_actions.py" line="245" />
            <source>Municipality: {name}</source>
            <translation>Kommun: {name}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="156" />
            <source>My cases</source>
            <translation>Mina ärenden</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/sketch_tool.py" line="48" />
            <source>Name</source>
            <translation>Namn</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/basemap/area.py" line="44" />
            <source>Name a municipality for the background map.</source>
            <translation>Ange en kommun för bakgrundskartan.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review.py" line="84" />
            <source>Name field</source>
            <translation>Namnfält</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/settings_dialog.py" line="88" />
            <source>Network timeout</source>
            <translation>Tidsgräns för nätverk</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="362" />
            <location filename="../regionplan_plugin/core/report/case_view.py" line="139" />
            <source>New</source>
            <translation>Ny</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="102" />
            <source>New case…</source>
            <translation>Nytt ärende…</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_statement.py" line="97" />
            <source>New draft after the latest check</source>
            <translation>Nytt utkast efter den senaste avstämningen</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_dialogs.py" line="33" />
            <source>New review case</source>
            <translation>Nytt ärende</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_dialogs.py" line="93" />
            <source>New severity</source>
            <translation>Ny bedömning</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="84" />
            <source>New version available</source>
            <translation>Ny version finns</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="116" />
            <location filename="../regionplan_plugin/gui/case_view.py" line="268" />
            <source>No case is open.</source>
            <translation>Inget ärende är öppet.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review.py" line="130" />
            <source>No check run yet.</source>
            <translation>Ingen avstämning har gjorts än.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="173" />
            <source>No conflicts among the checked rules</source>
            <translation>Inga konflikter bland de kontrollerade reglerna</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/cachelayers.py" line="106" />
            <source>No dataset could be cached: {names}.</source>
            <translation>Ingen datamängd kunde sparas i cachen: {names}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/plan.py" line="163" />
            <source>No feature of the plan layer {name} has a usable polygon geometry.</source>
            <translation>Inget objekt i planlagret {name} har en användbar polygongeometri.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/plan.py" line="95" />
            <source>No features are selected in the plan layer {name}. Select the plan areas to check, or check the whole layer.</source>
            <translation>Inga objekt är valda i planlagret {name}. Välj de planområden som ska stämmas av, eller stäm av hela lagret.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/plan.py" line="154" />
            <source>No features are selected in the plan layer {name}. Select the plan areas to check.</source>
            <translation>Inga objekt är valda i planlagret {name}. Välj de planområden som ska stämmas av.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review.py" line="254" />
            <source>No features are selected in the plan layer.</source>
            <translation>Inga objekt är valda i planlagret.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="239" />
            <source>No features are selected in the plan layer. Select the plan areas to check, or untick 'Selected features only'.</source>
            <translation>Inga objekt är valda i planlagret. Välj de planområden som ska stämmas av, eller avmarkera 'Endast valda objekt'.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/pdf_table.py" line="135" />
            <source>No findings.</source>
            <translation>Inga träffar.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/plan.py" line="73" />
            <source>No plan layer was given. Choose a polygon layer with the plan area.</source>
            <translation>Inget planlager angavs. Välj ett polygonlager med planområdet.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/here.py" line="256" />
            <source>No regional interest or structure-plan element nearby.</source>
            <translation>Inga regionala intressen eller element i strukturbilderna i närheten.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="122" />
            <location filename="../regionplan_plugin/core/report/pdf_text.py" line="40" />
            <source>No rule has a finding in this plan area.</source>
            <translation>Ingen regel har någon träff i planområdet.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/plausibility.py" line="114" />
            <source>No usual Swedish coordinate system puts it in place: check the file.</source>
            <translation>Inget av de vanliga svenska koordinatsystemen placerar den rätt: kontrollera filen.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="67" />
            <source>Not affected</source>
            <translation>Berörs inte</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="68" />
            <source>Not applicable</source>
            <translation>Ej tillämplig</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/area_text.py" line="36" />
            <source>Not applicable to the use {use}</source>
            <translation>Ej tillämpliga för användningen {use}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="69" />
            <source>Not checked</source>
            <translation>Ej kontrollerad</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/errors.py" line="146" />
            <source>Not found at {url} (HTTP 404). Check the service address and the profile.</source>
            <translation>Hittades inte på {url} (HTTP 404). Kontrollera tjänstens adress och profilen.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="146" />
            <source>Not relevant</source>
            <translation>Ej relevant</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="86" />
            <source>Not saved offline</source>
            <translation>Inte sparad offline</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/fieldpack.py" line="128" />
            <source>Note</source>
            <translation>Anteckning</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_tree.py" line="234" />
            <location filename="../regionplan_plugin/core/report/html.py" line="79" />
            <location filename="../regionplan_plugin/core/report/pdf_text.py" line="84" />
            <source>Note on the data</source>
            <translation>Anmärkning om underlaget</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_actions.py" line="44" />
            <location filename="../regionplan_plugin/gui/review_results.py" line="135" />
            <source>Note on the data: {caveat}</source>
            <translation>Anmärkning om underlaget: {caveat}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/fieldpack.py" line="124" />
            <source>Notes and observations</source>
            <translation>Anteckningar och observationer</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_actions.py" line="319" />
            <source>Nothing is cached yet.</source>
            <translation>Inget finns i cachen än.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/here.py" line="272" />
            <source>Nothing near</source>
            <translation>Inget i närheten</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/cachelayers.py" line="70" />
            <source>Nothing to cache: the profile has no rules and the service no boundaries.</source>
            <translation>Inget att spara i cachen: profilen har inga regler och tjänsten inga gränser.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="59" />
            <source>Nothing within a distance of the plan area</source>
            <translation>Inget inom ett avstånd från planområdet</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review_areas.py" line="65" />
            <location filename="../regionplan_plugin/processing/checkplan.py" line="192" />
            <source>Officer</source>
            <translation>Handläggare</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review_areas.py" line="65" />
            <source>Officer's title</source>
            <translation>Handläggarens titel</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/basemap/render.py" line="205" />
            <source>Offline background map: {estimate}.</source>
            <translation>Bakgrundskarta för offlinebruk: {estimate}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/settings_dialog.py" line="110" />
            <location filename="../regionplan_plugin/processing/base.py" line="24" />
            <source>Offline cache</source>
            <translation>Offlinecache</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/dock.py" line="223" />
            <source>Offline – data from {date}</source>
            <translation>Offline – data från {date}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/load.py" line="99" />
            <source>Offline, and the profile {url} has never been downloaded on this computer. Connect to the network and load it once, or use a profile file.</source>
            <translation>Offlineläge, och profilen {url} har aldrig hämtats på den här datorn. Anslut till nätverket och läs in den en gång, eller använd en profilfil.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/template.py" line="139" />
            <source>Offline, and the profile's statement template {url} has never been downloaded on this computer. Connect to the network and export once, or choose a template in the settings.</source>
            <translation>Offlineläge, och profilens yttrandemall {url} har aldrig hämtats på den här datorn. Anslut till nätverket och exportera en gång, eller välj en mall i inställningarna.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/load.py" line="96" />
            <source>Offline: the copy of the profile downloaded on {when} was used.</source>
            <translation>Offlineläge: kopian av profilen som hämtades {when} användes.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/template.py" line="137" />
            <source>Offline: the copy of the statement template downloaded on {when} was used.</source>
            <translation>Offlineläge: kopian av yttrandemallen som hämtades {when} användes.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="149" />
            <source>Offline: use only the offline cache</source>
            <translation>Offline: använd bara offlinecachen</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/importplan.py" line="52" />
            <source>One area for the whole plan (whole)</source>
            <translation>Ett område för hela planen (whole)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/importplan.py" line="53" />
            <source>One area per use provision or use area (per_use)</source>
            <translation>Ett område per användningsbestämmelse eller användningsområde (per_use)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="157" />
            <source>Ongoing</source>
            <translation>Pågående</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/dock.py" line="226" />
            <source>Online – {profile}, {n} dataset</source>
            <translation>Online – {profile}, {n} datamängd</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/dock.py" line="226" />
            <source>Online – {profile}, {n} datasets</source>
            <translation>Online – {profile}, {n} datamängder</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_decisions.py" line="36" />
            <location filename="../regionplan_plugin/gui/case_decisions.py" line="74" />
            <source>Open a case and add a checked version to decide on its findings.</source>
            <translation>Öppna ett ärende och lägg till en avstämd version för att ta ställning till dess träffar.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="306" />
            <source>Open a case and run a check first.</source>
            <translation>Öppna ett ärende och stäm av planen först.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="214" />
            <source>Open a review case</source>
            <translation>Öppna ett ärende</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_statement.py" line="263" />
            <source>OpenDocument text (*.odt)</source>
            <translation>OpenDocument-text (*.odt)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="234" />
            <source>Opened the case {case}.</source>
            <translation>Ärendet {case} är öppnat.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="222" />
            <source>Opening the case {name}</source>
            <translation>Öppnar ärendet {name}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="103" />
            <source>Open…</source>
            <translation>Öppna…</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_dialogs.py" line="87" />
            <source>Original severity: {severity}</source>
            <translation>Ursprunglig bedömning: {severity}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_actions.py" line="191" />
            <location filename="../regionplan_plugin/gui/catalogue_tree.py" line="121" />
            <location filename="../regionplan_plugin/core/catalog.py" line="278" />
            <source>Other</source>
            <translation>Övrigt</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/load_plan.py" line="43" />
            <source>Other…</source>
            <translation>Annat…</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="175" />
            <source>Outcomes per plan area and rule</source>
            <translation>Utfall per planområde och regel</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="85" />
            <location filename="../regionplan_plugin/core/report/pdf_table.py" line="123" />
            <source>Overlap</source>
            <translation>Överlapp</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/tables.py" line="40" />
            <source>Overlap (m²)</source>
            <translation>Överlapp (m²)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="146" />
            <source>Overlap change</source>
            <translation>Ändrad överlappning</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review_export.py" line="22" />
            <source>PDF report (*.pdf)</source>
            <translation>PDF-rapport (*.pdf)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/fieldwork.py" line="103" />
            <location filename="../regionplan_plugin/gui/fieldwork.py" line="140" />
            <source>Pack for the field</source>
            <translation>Packa för fält</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/fieldwork.py" line="148" />
            <source>Packing for the field</source>
            <translation>Packar för fält</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="172" />
            <source>Partial check: rules whose data cannot be had are marked not checked</source>
            <translation>Delvis avstämning: regler vars underlag inte kan hämtas markeras som ej kontrollerade</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="122" />
            <source>Partial check: when a dataset cannot be had, its rules are marked not checked, with the reason, and the rest is checked; the verdict then never reads 'no conflicts'. Without it, such a run fails.
Outcomes (optional table): one row per plan area and rule with its state (affected, not_affected, not_applicable, not_checked), the number of findings, why it was not checked, and the version and fetch time of the data used.
Statistics (optional table): one row per plan area and statistic of the profile (value and unit).
Name field: the plan areas' names (default: the first of name, namn, plannamn, planname, benamning; else 'Plan area N').
Purpose field / Purpose: what each plan area is for, or one purpose for the whole layer (Boverket's use letters such as B, C, J, K, Z and common ÖP words are understood). A rule that does not concern that purpose is not applicable; an unknown purpose means every rule applies.
Case number, municipality's case number, plan type ({plan_types}), stage ({stages}) and officer fill the header of the draft statement in the report.
Case file: a GeoPackage of the review case; the run is stored as a new version of it (the file is created when missing).</source>
            <translation>Delvis avstämning: när en datamängd inte kan hämtas markeras dess regler som ej kontrollerade, med skälet, och resten stäms av; resultatet blir då aldrig 'Inga konflikter bland de kontrollerade reglerna'. Utan detta val avbryts en sådan körning.
Utfall (valfri tabell): en rad per planområde och regel med dess status (affected = berörs, not_affected = berörs inte, not_applicable = ej tillämplig, not_checked = ej kontrollerad), antalet träffar, varför regeln inte kontrollerades samt version och hämtningstid för underlaget.
Statistik (valfri tabell): en rad per planområde och statistikmått i profilen (värde och enhet).
Namnfält: planområdenas namn (standard: det första av name, namn, plannamn, planname, benamning; annars 'Planområde N').
Användningsfält / Användning: vad varje planområde ska användas till, eller en användning för hela lagret (Boverkets användningsbeteckningar som B, C, J, K, Z och vanliga ord i översiktsplaner förstås). En regel som inte gäller den användningen är ej tillämplig; en okänd användning innebär att alla regler tillämpas.
Diarienummer, kommunens diarienummer, plantyp ({plan_types}), skede ({stages}) och handläggare fyller i huvudet i utkastet till yttrande i rapporten.
Ärendefil: en GeoPackage med ärendet; körningen sparas som en ny version i den (filen skapas om den saknas).</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_tree.py" line="211" />
            <source>Period</source>
            <translation>Period</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/fieldpack.py" line="131" />
            <source>Photo</source>
            <translation>Foto</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_dialogs.py" line="50" />
            <location filename="../regionplan_plugin/gui/case_view.py" line="120" />
            <location filename="../regionplan_plugin/gui/inbox.py" line="54" />
            <source>Plan</source>
            <translation>Plan</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="152" />
            <location filename="../regionplan_plugin/core/report/html.py" line="130" />
            <location filename="../regionplan_plugin/core/report/html.py" line="245" />
            <source>Plan area</source>
            <translation>Planområde</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review.py" line="134" />
            <source>Plan area / finding</source>
            <translation>Planområde / träff</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/case_view.py" line="137" />
            <source>Plan area added: {added}; removed: {removed}.</source>
            <translation>Tillkommen planyta: {added}; borttagen planyta: {removed}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/tables.py" line="37" />
            <source>Plan area id</source>
            <translation>Planområdets id</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/results.py" line="100" />
            <source>Plan area {n}</source>
            <translation>Planområde {n}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/importplan.py" line="63" />
            <source>Plan areas</source>
            <translation>Planområden</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/dock.py" line="69" />
            <location filename="../regionplan_plugin/processing/base.py" line="24" />
            <location filename="../regionplan_plugin/core/report/pdf_pages.py" line="195" />
            <source>Plan check</source>
            <translation>Avstämning</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="220" />
            <location filename="../regionplan_plugin/core/report/pdf.py" line="110" />
            <location filename="../regionplan_plugin/core/report/pdf_pages.py" line="228" />
            <source>Plan check against the regional development strategy</source>
            <translation>Avstämning mot den regionala utvecklingsstrategin</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/pdf_table.py" line="122" />
            <source>Plan feature</source>
            <translation>Planområde</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="268" />
            <source>Plan feature {fid}: {reason}</source>
            <translation>Planområde {fid}: {reason}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/importplan.py" line="50" />
            <source>Plan file</source>
            <translation>Planfil</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/load_plan.py" line="86" />
            <source>Plan files</source>
            <translation>Planfiler</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review.py" line="79" />
            <location filename="../regionplan_plugin/core/report/html.py" line="230" />
            <location filename="../regionplan_plugin/core/report/pdf_pages.py" line="231" />
            <source>Plan layer</source>
            <translation>Planlager</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="146" />
            <source>Plan layer (polygons)</source>
            <translation>Planlager (polygoner)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="129" />
            <location filename="../regionplan_plugin/core/report/html.py" line="154" />
            <location filename="../regionplan_plugin/core/report/pdf_text.py" line="49" />
            <source>Plan statistics</source>
            <translation>Planstatistik</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_dialogs.py" line="51" />
            <location filename="../regionplan_plugin/gui/case_view.py" line="120" />
            <location filename="../regionplan_plugin/gui/review_areas.py" line="59" />
            <source>Plan type</source>
            <translation>Plantyp</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="190" />
            <source>Plan type ({codes})</source>
            <translation>Plantyp ({codes})</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/detaljplan.py" line="162" />
            <source>Planbestämmelse {n} (id {id})</source>
            <translation>Planbestämmelse {n} (id {id})</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="96" />
            <source>Planning basis</source>
            <translation>Planeringsunderlag</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/provenance.py" line="21" />
            <source>Plugin version</source>
            <translation>Insticksprogrammets version</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/plan_statistics.py" line="184" />
            <source>Population from a grid: each cell counts with the share of its area inside, so the number is an estimate, rounded to tens.</source>
            <translation>Befolkning ur ett rutnät: varje ruta räknas med den andel av sin yta som ligger inom området, så talet är en uppskattning, avrundad till tiotal.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/provenance.py" line="14" />
            <source>Profile</source>
            <translation>Profil</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/base.py" line="57" />
            <source>Profile (file or URL; empty = the bundled profile)</source>
            <translation>Profil (fil eller URL; tom = den medföljande profilen)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/provenance.py" line="16" />
            <source>Profile SHA-256</source>
            <translation>Profilens SHA-256</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/settings_dialog.py" line="64" />
            <source>Profile URL</source>
            <translation>Profil-URL</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/settings_dialog.py" line="63" />
            <source>Profile file</source>
            <translation>Profilfil</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/importplan.py" line="56" />
            <source>Profile for the coordinate system (file or URL; empty = the file's)</source>
            <translation>Profil för koordinatsystemet (fil eller URL; tomt = filens)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/provenance.py" line="15" />
            <source>Profile source</source>
            <translation>Profilens källa</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="254" />
            <source>Profile {id}: {count} rule; data from {where}.</source>
            <translation>Profil {id}: {count} regel; data från {where}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="254" />
            <source>Profile {id}: {count} rules; data from {where}.</source>
            <translation>Profil {id}: {count} regler; data från {where}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="284" />
            <location filename="../regionplan_plugin/core/report/pdf_text.py" line="74" />
            <source>Provenance</source>
            <translation>Underlag och ursprung</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/here_tool.py" line="40" />
            <location filename="../regionplan_plugin/gui/sketch_tool.py" line="49" />
            <source>Purpose</source>
            <translation>Användning</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/outcomes.py" line="98" />
            <source>Purpose '{value}' is not known: every rule was applied.</source>
            <translation>Användningen '{value}' är okänd: alla regler tillämpades.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review.py" line="90" />
            <source>Purpose field</source>
            <translation>Användningsfält</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="187" />
            <source>Purpose of the whole plan (when no purpose field is given)</source>
            <translation>Användning för hela planen (när inget användningsfält anges)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/here.py" line="254" />
            <source>Purpose: {purpose}</source>
            <translation>Användning: {purpose}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/provenance.py" line="22" />
            <source>QGIS version</source>
            <translation>QGIS-version</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/files.py" line="29" />
            <source>RT 90 2.5 gon V</source>
            <translation>RT 90 2.5 gon V</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="101" />
            <source>RUS</source>
            <translation>RUS</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/inbox.py" line="74" />
            <source>Reading the case folder</source>
            <translation>Läser mappen med ärenden</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/inbox.py" line="73" />
            <source>Reading {folder}…</source>
            <translation>Läser {folder}…</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_dialogs.py" line="98" />
            <source>Reason</source>
            <translation>Motivering</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="76" />
            <location filename="../regionplan_plugin/core/report/html.py" line="167" />
            <location filename="../regionplan_plugin/core/report/pdf_text.py" line="73" />
            <source>Reference</source>
            <translation>Referens</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/pdf.py" line="165" />
            <source>References and provenance</source>
            <translation>Referenser och underlag</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/inbox.py" line="50" />
            <source>Refresh</source>
            <translation>Uppdatera</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="123" />
            <source>Region (the region's responsibility)</source>
            <translation>Region (regionens ansvar)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/settings_dialog.py" line="60" />
            <source>Region profile</source>
            <translation>Regionprofil</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/settings_dialog.py" line="69" />
            <source>Region profile (*.json)</source>
            <translation>Regionprofil (*.json)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="83" />
            <location filename="../regionplan_plugin/core/report/pdf_table.py" line="123" />
            <location filename="../regionplan_plugin/core/report/tables.py" line="39" />
            <source>Regional feature</source>
            <translation>Regionalt objekt</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="95" />
            <source>Regional interest</source>
            <translation>Regionalt intresse</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="303" />
            <source>Regional layers on the map (under the findings)</source>
            <translation>Regionala lager i kartan (under träffarna)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/plugin.py" line="47" />
            <source>Regional planning layers and plan check</source>
            <translation>Regionala planeringsunderlag och avstämning av planer</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/dock.py" line="46" />
            <source>Regionplan</source>
            <translation>Regionplan</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/settings_dialog.py" line="56" />
            <source>Regionplan settings</source>
            <translation>Inställningar för Regionplan</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/provider.py" line="18" />
            <source>Regionplan: regional planning layers and RUS plan check</source>
            <translation>Regionplan: regionala planeringsunderlag och avstämning av planer mot RUS</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/tables.py" line="39" />
            <source>Relation</source>
            <translation>Samband</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/dock.py" line="56" />
            <source>Reload the catalogue from the service</source>
            <translation>Läs in katalogen från tjänsten igen</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue.py" line="75" />
            <source>Remove from cache</source>
            <translation>Ta bort från cachen</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_actions.py" line="211" />
            <source>Removed {n} dataset from the cache.</source>
            <translation>{n} datamängd togs bort från cachen.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_actions.py" line="211" />
            <source>Removed {n} datasets from the cache.</source>
            <translation>{n} datamängder togs bort från cachen.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/cachebasemap.py" line="27" />
            <source>Renders the profile's background maps (WMS, WMTS or XYZ) for an area into a GeoPackage raster, so that the area has a background map without a network, for example in the field.

Profile: a profile file or URL; empty uses the bundled profile.
Background maps: comma-separated references (&lt;source id&gt;:&lt;layer&gt;); empty uses the profile's report background, else its first background map.
Extent: the area; or
Municipality: a municipality of the profile's municipalities dataset (its name or code): the area is its extent plus 1 km.
Largest scale: the most detailed scale kept (10000 = 1:10 000).
Output: a GeoPackage; empty keeps it in the offline cache, where the catalogue and the reports use it.

The size and time are estimated first; an area that is too large is refused with the estimate. A failed or cancelled run leaves the previous background map in use.</source>
            <translation>Ritar profilens bakgrundskartor (WMS, WMTS eller XYZ) för ett område till ett GeoPackage-raster, så att området har en bakgrundskarta utan nätverk, till exempel i fält.

Profil: en profilfil eller URL; tomt använder den medföljande profilen.
Bakgrundskartor: kommaseparerade referenser (&lt;källans id&gt;:&lt;lager&gt;); tomt använder profilens bakgrundskarta för rapporter, annars dess första bakgrundskarta.
Utbredning: området; eller
Kommun: en kommun i profilens kommundatamängd (dess namn eller kod): området är kommunens utbredning plus 1 km.
Största skala: den mest detaljerade skala som sparas (10000 = 1:10 000).
Utdata: ett GeoPackage; tomt sparar det i offlinecachen, där katalogen och rapporterna använder det.

Storlek och tid uppskattas först; ett för stort område avvisas med uppskattningen. En misslyckad eller avbruten körning lämnar den tidigare bakgrundskartan i bruk.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="254" />
            <location filename="../regionplan_plugin/core/report/pdf_pages.py" line="54" />
            <source>Repaired or skipped plan geometries</source>
            <translation>Reparerade eller överhoppade plangeometrier</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="160" />
            <location filename="../regionplan_plugin/processing/checkplan.py" line="162" />
            <source>Report</source>
            <translation>Rapport</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review_export.py" line="12" />
            <source>Report (HTML)…</source>
            <translation>Rapport (HTML)…</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review_export.py" line="13" />
            <source>Report (PDF)…</source>
            <translation>Rapport (PDF)…</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review.py" line="108" />
            <source>Report language</source>
            <translation>Rapportens språk</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="316" />
            <source>Report written to {path}</source>
            <translation>Rapporten skrevs till {path}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="362" />
            <location filename="../regionplan_plugin/core/report/case_view.py" line="140" />
            <source>Resolved</source>
            <translation>Löst</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="271" />
            <location filename="../regionplan_plugin/core/report/pdf.py" line="163" />
            <source>Results per plan area</source>
            <translation>Resultat per planområde</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_dialogs.py" line="46" />
            <location filename="../regionplan_plugin/gui/case_view.py" line="215" />
            <source>Review case (*.gpkg)</source>
            <translation>Ärende (*.gpkg)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="195" />
            <location filename="../regionplan_plugin/processing/checkplan.py" line="197" />
            <source>Review case file</source>
            <translation>Ärendefil</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/settings_dialog.py" line="121" />
            <source>Review cases</source>
            <translation>Ärenden</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="70" />
            <location filename="../regionplan_plugin/core/report/html.py" line="166" />
            <location filename="../regionplan_plugin/core/report/pdf_table.py" line="122" />
            <source>Rule</source>
            <translation>Regel</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/engine.py" line="154" />
            <source>Rule {rule} has an unknown relation {relation}.</source>
            <translation>Regeln {rule} har en okänd relation {relation}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/extent.py" line="72" />
            <source>Rule {rule}: the nearest feature of {collection} was searched for only in the cached area ({extent}); a nearer one may lie outside it.</source>
            <translation>Regel {rule}: närmaste objekt i {collection} söktes bara inom det cachade området ({extent}); ett närmare objekt kan ligga utanför det.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review.py" line="122" />
            <source>Rules</source>
            <translation>Regler</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="275" />
            <location filename="../regionplan_plugin/core/report/pdf_text.py" line="68" />
            <source>Rules and references</source>
            <translation>Regler och referenser</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review.py" line="221" />
            <source>Rules of {profile}</source>
            <translation>Regler för {profile}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/here.py" line="280" />
            <source>Rules that do not concern this purpose: {rules}</source>
            <translation>Regler som inte gäller denna användning: {rules}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="260" />
            <source>Rules turned off for this check</source>
            <translation>Regler som stängts av för den här avstämningen</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="116" />
            <location filename="../regionplan_plugin/core/report/pdf_text.py" line="38" />
            <source>Rules with findings in this plan area</source>
            <translation>Regler med träffar i planområdet</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="292" />
            <source>Run a check in the Plan check tab, then add it here as a new version.</source>
            <translation>Stäm av planen under fliken Avstämning och lägg sedan till den här som en ny version.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review.py" line="154" />
            <source>Run check</source>
            <translation>Stäm av</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review_export.py" line="39" />
            <source>Run the check first.</source>
            <translation>Stäm av planen först.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/files.py" line="17" />
            <source>SWEREF 99 12 00</source>
            <translation>SWEREF 99 12 00</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/files.py" line="18" />
            <source>SWEREF 99 13 30</source>
            <translation>SWEREF 99 13 30</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/files.py" line="22" />
            <source>SWEREF 99 14 15</source>
            <translation>SWEREF 99 14 15</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/files.py" line="19" />
            <source>SWEREF 99 15 00</source>
            <translation>SWEREF 99 15 00</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/files.py" line="23" />
            <source>SWEREF 99 15 45</source>
            <translation>SWEREF 99 15 45</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/files.py" line="20" />
            <source>SWEREF 99 16 30</source>
            <translation>SWEREF 99 16 30</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/files.py" line="24" />
            <source>SWEREF 99 17 15</source>
            <translation>SWEREF 99 17 15</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/files.py" line="21" />
            <source>SWEREF 99 18 00</source>
            <translation>SWEREF 99 18 00</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/files.py" line="25" />
            <source>SWEREF 99 18 45</source>
            <translation>SWEREF 99 18 45</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/files.py" line="26" />
            <source>SWEREF 99 20 15</source>
            <translation>SWEREF 99 20 15</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/files.py" line="27" />
            <source>SWEREF 99 21 45</source>
            <translation>SWEREF 99 21 45</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/files.py" line="28" />
            <source>SWEREF 99 23 15</source>
            <translation>SWEREF 99 23 15</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/files.py" line="16" />
            <source>SWEREF 99 TM</source>
            <translation>SWEREF 99 TM</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_statement.py" line="92" />
            <source>Save section</source>
            <translation>Spara avsnittet</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/plugin.py" line="126" />
            <location filename="../regionplan_plugin/plugin.py" line="65" />
            <source>Save sketch as GeoPackage…</source>
            <translation>Spara skiss som GeoPackage…</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_decisions.py" line="203" />
            <source>Saved the decision in the case.</source>
            <translation>Ställningstagandet är sparat i ärendet.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_statement.py" line="231" />
            <source>Saved the section in the case.</source>
            <translation>Avsnittet är sparat i ärendet.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_statement.py" line="292" />
            <location filename="../regionplan_plugin/gui/review_export.py" line="64" />
            <location filename="../regionplan_plugin/gui/review_export.py" line="53" />
            <source>Saved {path}</source>
            <translation>Sparade {path}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue.py" line="45" />
            <source>Search datasets…</source>
            <translation>Sök datamängder…</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue.py" line="65" />
            <source>Select a dataset to see its description.</source>
            <translation>Välj en datamängd för att se dess beskrivning.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_actions.py" line="142" />
            <location filename="../regionplan_plugin/gui/catalogue_actions.py" line="205" />
            <location filename="../regionplan_plugin/gui/catalogue_actions.py" line="289" />
            <source>Select one or more datasets first.</source>
            <translation>Välj först en eller flera datamängder.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue.py" line="88" />
            <source>Selected datasets</source>
            <translation>Valda datamängder</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review.py" line="99" />
            <source>Selected features only</source>
            <translation>Endast valda objekt</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="158" />
            <source>Sent</source>
            <translation>Skickad</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/settings_dialog.py" line="78" />
            <location filename="../regionplan_plugin/core/report/provenance.py" line="17" />
            <source>Service</source>
            <translation>Tjänst</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/settings_dialog.py" line="82" />
            <source>Service URL</source>
            <translation>Tjänstens URL</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/base.py" line="60" />
            <source>Service URL (empty = the profile's)</source>
            <translation>Tjänstens URL (tom = profilens)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/dock.py" line="59" />
            <source>Settings</source>
            <translation>Inställningar</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="140" />
            <source>Severities, most serious first: {severities}.</source>
            <translation>Bedömningar, den allvarligaste först: {severities}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_decisions.py" line="46" />
            <location filename="../regionplan_plugin/core/report/pdf_table.py" line="122" />
            <source>Severity</source>
            <translation>Bedömning</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="147" />
            <source>Severity changed</source>
            <translation>Ändrad bedömning</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="86" />
            <location filename="../regionplan_plugin/core/report/pdf_table.py" line="124" />
            <source>Share of plan</source>
            <translation>Andel av planen</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/tables.py" line="40" />
            <source>Share of the plan area (%)</source>
            <translation>Andel av planområdet (%)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/area_text.py" line="18" />
            <location filename="../regionplan_plugin/core/report/html.py" line="246" />
            <source>Size of the area</source>
            <translation>Areal</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/sketch_tool.py" line="130" />
            <source>Sketch</source>
            <translation>Skiss</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/plugin.py" line="63" />
            <source>Sketch a plan area</source>
            <translation>Skissa ett planområde</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/sketch_tool.py" line="44" />
            <source>Sketch {n}</source>
            <translation>Skiss {n}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/sketch_tool.py" line="42" />
            <source>Sketched plan area</source>
            <translation>Skissat planområde</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/dock.py" line="276" />
            <location filename="../regionplan_plugin/gui/tasks.py" line="109" />
            <source>Something went wrong: {error}. The details are in the log panel (Regionplan).</source>
            <translation>Något gick fel: {error}. Detaljerna finns i panelen Loggmeddelanden (fliken Regionplan).</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue.py" line="58" />
            <location filename="../regionplan_plugin/gui/catalogue_actions.py" line="57" />
            <location filename="../regionplan_plugin/gui/catalogue_tree.py" line="222" />
            <source>Source</source>
            <translation>Källa</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/settings_dialog.py" line="92" />
            <source>Sources of the profile</source>
            <translation>Profilens källor</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_dialogs.py" line="52" />
            <location filename="../regionplan_plugin/gui/case_view.py" line="120" />
            <location filename="../regionplan_plugin/gui/inbox.py" line="54" />
            <source>Stage</source>
            <translation>Skede</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="191" />
            <source>Stage ({codes})</source>
            <translation>Skede ({codes})</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="130" />
            <location filename="../regionplan_plugin/gui/inbox.py" line="55" />
            <source>State</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="154" />
            <source>Statement</source>
            <translation>Yttrande</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review_areas.py" line="47" />
            <source>Statement header</source>
            <translation>Yttrandets huvud</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/case/result_version.py" line="109" />
            <source>Statement on {plan}</source>
            <translation>Yttrande över {plan}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/settings_dialog.py" line="130" />
            <source>Statement template</source>
            <translation>Mall för yttrande</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/statistics.py" line="324" />
            <source>Statistic {statistic}: {reason}. Cache a larger area, or the whole dataset, and check again.</source>
            <translation>Statistiken {statistic}: {reason}. Spara ett större område, eller hela datamängden, offline och stäm av igen.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review_areas.py" line="127" />
            <source>Statistics ({n})</source>
            <translation>Statistik ({n})</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="178" />
            <source>Statistics per plan area</source>
            <translation>Statistik per planområde</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="300" />
            <source>Stored as version {version} of the case {path}</source>
            <translation>Sparad som version {version} i ärendet {path}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="94" />
            <source>Structure plan</source>
            <translation>Strukturbild</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="232" />
            <location filename="../regionplan_plugin/core/report/pdf.py" line="141" />
            <source>Summary</source>
            <translation>Sammanfattning</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review.py" line="116" />
            <source>Switch off a rule to leave it out of this run; the report lists it.</source>
            <translation>Stäng av en regel för att utelämna den ur den här avstämningen; rapporten anger vilka regler som stängts av.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/errors.py" line="111" />
            <source>TLS handshake failed</source>
            <translation>TLS-handskakningen misslyckades</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_statement.py" line="107" />
            <source>Take the new draft</source>
            <translation>Ta det nya utkastet</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/atom.py" line="117" />
            <source>The ATOM feed {url} has no entry {name}.</source>
            <translation>ATOM-flödet {url} har ingen post {name}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/atom.py" line="62" />
            <source>The ATOM feed {url} is not valid XML: {problem}</source>
            <translation>ATOM-flödet {url} är inte giltig XML: {problem}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/atom.py" line="86" />
            <source>The ATOM feed {url} lists no entry with a download link.</source>
            <translation>ATOM-flödet {url} har ingen post med en nedladdningslänk.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/arcgis.py" line="237" />
            <source>The ArcGIS layer {name} holds more features than the service sends in one answer, and it cannot page; nothing was changed.</source>
            <translation>ArcGIS-lagret {name} innehåller fler objekt än tjänsten skickar i ett svar, och tjänsten kan inte dela upp svaret i sidor; ingenting ändrades.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/arcgis.py" line="88" />
            <source>The ArcGIS service at {url} answered with an error ({detail}); nothing was changed.</source>
            <translation>ArcGIS-tjänsten på {url} svarade med ett fel ({detail}); ingenting ändrades.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/arcgis.py" line="157" />
            <source>The ArcGIS service at {url} has no layer {name}.</source>
            <translation>ArcGIS-tjänsten på {url} har inget lager {name}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/arcgis.py" line="192" />
            <source>The ArcGIS service at {url} sent something that is not features ({detail}); nothing was changed.</source>
            <translation>ArcGIS-tjänsten på {url} skickade något som inte är geografiska objekt ({detail}); ingenting ändrades.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/arcgis.py" line="241" />
            <source>The ArcGIS service repeats the same features for {name} whatever page is asked for; the download was stopped and nothing was changed.</source>
            <translation>ArcGIS-tjänsten skickar samma objekt för {name} oavsett vilken sida som efterfrågas; nedladdningen avbröts och ingenting ändrades.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/pdf.py" line="211" />
            <source>The PDF report cannot be written to {path} (error {code}).</source>
            <translation>PDF-rapporten kan inte skrivas till {path} (fel {code}).</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/wfs.py" line="131" />
            <source>The WFS at {url} answered with an error instead of data ({detail}); nothing was changed.</source>
            <translation>WFS-tjänsten på {url} svarade med ett fel i stället för data ({detail}); ingenting ändrades.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/wfs.py" line="217" />
            <source>The WFS at {url} has no feature type {name}.</source>
            <translation>WFS-tjänsten på {url} har ingen objekttyp {name}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/wfs.py" line="292" />
            <source>The WFS at {url} sent something that is not features ({detail}); nothing was changed.</source>
            <translation>WFS-tjänsten på {url} skickade något som inte är geografiska objekt ({detail}); ingenting ändrades.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/wfs.py" line="353" />
            <source>The WFS repeats the same features for {name} whatever page is asked for (it ignores STARTINDEX); the download was stopped and nothing was changed.</source>
            <translation>WFS-tjänsten skickar samma objekt för {name} oavsett vilken sida som efterfrågas (den bortser från STARTINDEX); nedladdningen avbröts och ingenting ändrades.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/atom.py" line="65" />
            <source>The address {url} does not answer with an ATOM feed.</source>
            <translation>Adressen {url} svarar inte med ett ATOM-flöde.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/archive.py" line="41" />
            <source>The archive {url} holds a file whose name leads outside the archive ({name}); it was refused.</source>
            <translation>Arkivet {url} innehåller en fil vars namn pekar ut ur arkivet ({name}); arkivet avvisades.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/archive.py" line="46" />
            <source>The archive {url} would unpack to {size} MB ({ratio} times its own size); it was refused as a possible zip bomb.</source>
            <translation>Arkivet {url} skulle packas upp till {size} MB ({ratio} gånger sin egen storlek); det avvisades som en möjlig zip-bomb.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/basemap/render.py" line="196" />
            <source>The area is too large for an offline background map down to 1:{scale}: {estimate}. Choose a smaller area or a smaller largest scale (a larger number, such as 1:{bigger}).</source>
            <translation>Området är för stort för en bakgrundskarta offline ned till 1:{scale}: {estimate}. Välj ett mindre område eller en mindre största skala (ett större tal, till exempel 1:{bigger}).</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/oauth2.py" line="159" />
            <source>The authentication configuration {authcfg} (OAuth2 client credentials) got no access token from its token endpoint: {reason} Check the token URL, the client id and the client secret in the QGIS authentication manager.</source>
            <translation>Autentiseringskonfigurationen {authcfg} (OAuth2 med klientuppgifter) fick ingen åtkomsttoken från sin tokentjänst: {reason} Kontrollera tokenadressen, klient-id och klienthemlighet i autentiseringshanteraren i QGIS.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/attempt.py" line="76" />
            <source>The authentication configuration {authcfg} (OAuth2) got no access token from its token endpoint. Check the token URL, the client id and secret and the account in the QGIS authentication manager.</source>
            <translation>Autentiseringskonfigurationen {authcfg} (OAuth2) fick ingen åtkomsttoken från sin tokentjänst. Kontrollera tokenadressen, klient-id och klienthemlighet samt kontot i autentiseringshanteraren i QGIS.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/attempt.py" line="82" />
            <source>The authentication configuration {authcfg} could not be applied. Check it in the Regionplan settings and in the QGIS authentication manager.</source>
            <translation>Autentiseringskonfigurationen {authcfg} kunde inte tillämpas. Kontrollera den i inställningarna för Regionplan och i autentiseringshanteraren i QGIS.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/basemap/render.py" line="250" />
            <source>The background map could not be fetched from its server: {error}. The previous background map is still in use.</source>
            <translation>Bakgrundskartan kunde inte hämtas från sin server: {error}. Den tidigare bakgrundskartan används fortfarande.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/fieldwork.py" line="134" />
            <source>The background map is available offline.</source>
            <translation>Bakgrundskartan är tillgänglig offline.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/basemap/render.py" line="202" />
            <source>The background map {name} cannot be opened (is the server reachable?). The previous background map is still in use.</source>
            <translation>Bakgrundskartan {name} kan inte öppnas (går servern att nå?). Den tidigare bakgrundskartan används fortfarande.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/load.py" line="130" />
            <source>The bundled profile is missing ({path}). Reinstall the plugin.</source>
            <translation>Den medföljande profilen saknas ({path}). Installera om insticksprogrammet.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/cache/durable.py" line="99" />
            <source>The cache folder {path} cannot be written (permission denied or read-only). Choose another cache folder in the Regionplan settings or fix its permissions; the previous cached copy is still in use.</source>
            <translation>Det går inte att skriva till cachemappen {path} (behörighet saknas eller skrivskyddad). Välj en annan cachemapp i inställningarna för Regionplan eller rätta behörigheterna; den tidigare offlinekopian används fortfarande.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/cache/manifest.py" line="40" />
            <source>The cache manifest {path} cannot be read: {error}.</source>
            <translation>Cachens manifestfil {path} kan inte läsas: {error}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/cache/manifest.py" line="69" />
            <source>The cache manifest {path} was damaged; it has been rebuilt from the cached files that could be verified.</source>
            <translation>Cachens manifestfil {path} var skadad; den har återskapats från de filer i cachen som kunde verifieras.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/cache/store.py" line="127" />
            <source>The cached copy of {name} cannot be opened ({path}).</source>
            <translation>Offlinekopian av {name} kan inte öppnas ({path}).</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/cache/integrity.py" line="31" />
            <location filename="../regionplan_plugin/core/cache/integrity.py" line="112" />
            <location filename="../regionplan_plugin/core/cache/store.py" line="130" />
            <source>The cached copy of {name} is damaged ({detail}). Refresh it while online.</source>
            <translation>Offlinekopian av {name} är skadad ({detail}). Uppdatera den när du är online.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/cache/integrity.py" line="71" />
            <source>The cached copy of {name} is missing ({path}).</source>
            <translation>Offlinekopian av {name} saknas ({path}).</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/case/store.py" line="85" />
            <source>The case file {name} cannot be created: {error}</source>
            <translation>Ärendefilen {name} kan inte skapas: {error}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/case/store.py" line="157" />
            <source>The case file {name} cannot be read ({error}). Try again when no one else is saving it.</source>
            <translation>Ärendefilen {name} kan inte läsas ({error}). Försök igen när ingen annan sparar i den.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/case/files.py" line="52" />
            <source>The case file {name} cannot be read: {error}</source>
            <translation>Ärendefilen {name} kan inte läsas: {error}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/case/store.py" line="176" />
            <source>The case file {name} could not be saved ({error}); it is as it was before.</source>
            <translation>Ärendefilen {name} kunde inte sparas ({error}); den är oförändrad.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/case/files.py" line="47" />
            <source>The case file {name} does not exist.</source>
            <translation>Ärendefilen {name} finns inte.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/case/files.py" line="87" />
            <source>The case file {name} is damaged ({error}). Open the copy you sent or archived; this file was not changed.</source>
            <translation>Ärendefilen {name} är skadad ({error}). Öppna kopian som du skickade eller arkiverade; filen har inte ändrats.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/case/files.py" line="82" />
            <source>The case file {name} is damaged: missing {tables}. Open the copy you sent or archived; this file was not changed.</source>
            <translation>Ärendefilen {name} är skadad: {tables} saknas. Öppna kopian som du skickade eller arkiverade; filen har inte ändrats.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/case/files.py" line="73" />
            <source>The case file {name} names an unknown format ({schema}).</source>
            <translation>Ärendefilen {name} har ett okänt format ({schema}).</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/case/files.py" line="76" />
            <source>The case file {name} was saved by a newer version of Regionplan ({schema}, plugin {version}). Update the plugin to open it; the file was not changed.</source>
            <translation>Ärendefilen {name} sparades av en nyare version av Regionplan ({schema}, tillägg {version}). Uppdatera tillägget för att öppna den; filen har inte ändrats.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/case/store.py" line="282" />
            <source>The case has no version {version}.</source>
            <translation>Ärendet har ingen version {version}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/case/store.py" line="149" />
            <source>The case is closed.</source>
            <translation>Ärendet är stängt.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/catalog.py" line="218" />
            <source>The catalogue is not in the offline cache yet. Connect to the network and open the catalogue once.</source>
            <translation>Katalogen finns inte i offlinecachen än. Anslut till nätverket och öppna katalogen en gång.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/dock.py" line="53" />
            <location filename="../regionplan_plugin/gui/here_tool.py" line="98" />
            <location filename="../regionplan_plugin/gui/review.py" line="243" />
            <source>The catalogue is not loaded yet.</source>
            <translation>Katalogen är inte inläst än.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="261" />
            <location filename="../regionplan_plugin/core/check/engine.py" line="298" />
            <location filename="../regionplan_plugin/core/check/nearest.py" line="23" />
            <source>The check was cancelled.</source>
            <translation>Avstämningen avbröts.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/errors.py" line="123" />
            <source>The connection to {host} was interrupted before the response from {url} was complete. Try again.</source>
            <translation>Anslutningen till {host} bröts innan svaret från {url} var komplett. Försök igen.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/ogcapi.py" line="279" />
            <location filename="../regionplan_plugin/core/sources/ogrread.py" line="276" />
            <source>The coordinates the service sent for {name} fit the collection's extent neither as {crs} (in either axis order) nor as longitude/latitude, so the service does not say which coordinate system it used. Nothing was downloaded, so that no feature is misplaced. Report this to the service's provider.</source>
            <translation>Koordinaterna som tjänsten skickade för {name} passar inte samlingens utbredning, varken som {crs} (i någon axelordning) eller som longitud/latitud, så tjänsten anger inte vilket koordinatsystem den använde. Ingenting hämtades, så att inga objekt hamnar fel. Rapportera detta till tjänsteleverantören.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/layers.py" line="98" />
            <source>The dataset {name} is not available.</source>
            <translation>Datamängden {name} är inte tillgänglig.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/multi.py" line="102" />
            <source>The dataset {name} names no source of the profile that features can be read from.</source>
            <translation>Datamängden {name} hänvisar inte till någon källa i profilen som objekt kan läsas från.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/detaljplan.py" line="130" />
            <source>The detaljplan</source>
            <translation>Detaljplanen</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/detaljplan.py" line="152" />
            <source>The detaljplan object (id {id})</source>
            <translation>Detaljplanobjektet (id {id})</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/io.py" line="50" />
            <source>The disk is full: the report cannot be written to {path}. Free some space or choose another folder; a previous file of that name is left as it was.</source>
            <translation>Disken är full: rapporten kan inte skrivas till {path}. Frigör utrymme eller välj en annan mapp; en tidigare fil med samma namn lämnas orörd.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/whole.py" line="38" />
            <source>The download of {name} ({url}) is not whole: {problem} It was refused and nothing was changed: a copy cached before stays as it was. Try again later, or report this to the provider of the data.</source>
            <translation>Nedladdningen av {name} ({url}) är ofullständig: {problem} Den avvisades och ingenting ändrades: en tidigare cachad kopia behålls som den var. Försök igen senare eller meddela dataleverantören.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/errors.py" line="40" />
            <source>The download was cancelled.</source>
            <translation>Nedladdningen avbröts.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/download.py" line="175" />
            <source>The download {url} has no layer {name}; it has {names}.</source>
            <translation>Nedladdningen {url} har inget lager {name}; den har {names}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/download.py" line="163" />
            <source>The download {url} holds no layer that can be read (expected Shapefile, GeoPackage, GeoJSON or FlatGeobuf).</source>
            <translation>Nedladdningen {url} innehåller inget lager som kan läsas (Shapefile, GeoPackage, GeoJSON eller FlatGeobuf förväntades).</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/archive.py" line="36" />
            <source>The download {url} is not a readable zip archive.</source>
            <translation>Nedladdningen {url} är inte ett läsbart zip-arkiv.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/fieldpack.py" line="194" />
            <source>The field package cannot be written to {path}: {error}. Free some space or choose another folder; no file there was left half-written.</source>
            <translation>Fältpaketet kan inte skrivas till {path}: {error}. Frigör utrymme eller välj en annan mapp; ingen fil där lämnades halvskriven.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/fieldpack.py" line="254" />
            <source>The field package could not open its copy of {names}.</source>
            <translation>Fältpaketet kunde inte öppna sin kopia av {names}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/fieldpack.py" line="67" />
            <location filename="../regionplan_plugin/core/fieldpack.py" line="117" />
            <source>The field package could not write {name}: {error}</source>
            <translation>Fältpaketet kunde inte skriva {name}: {error}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/fieldpack.py" line="268" />
            <source>The field package could not write {path}: {error}</source>
            <translation>Fältpaketet kunde inte skriva {path}: {error}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review.py" line="83" />
            <source>The field with each plan area's name; none: "Plan area N".</source>
            <translation>Fältet med varje planområdes namn; inget: ”Planområde N”.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review.py" line="88" />
            <source>The field with each plan area's use (e.g. B, J or bostäder): rules that do not concern the use are not applicable.</source>
            <translation>Fältet med varje planområdes användning (t.ex. B, J eller bostäder): regler som inte gäller användningen är ej tillämpliga.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/matcher.py" line="46" />
            <location filename="../regionplan_plugin/core/check/matcher.py" line="62" />
            <source>The filter of rule {rule} cannot be evaluated on {collection}: {error}. Fix the profile.</source>
            <translation>Filtret i regeln {rule} kan inte utvärderas på {collection}: {error}. Rätta profilen.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/matcher.py" line="31" />
            <source>The filter of rule {rule} cannot be read: {error}. Fix the profile.</source>
            <translation>Filtret i regeln {rule} kan inte läsas: {error}. Rätta profilen.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/tables.py" line="99" />
            <source>The findings cannot be written to {path}: {error}</source>
            <translation>Träffarna kan inte skrivas till {path}: {error}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/pdf_table.py" line="87" />
            <source>The findings table of the PDF report cannot be built.</source>
            <translation>Tabellen med träffar i PDF-rapporten kan inte skapas.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/fieldpack.py" line="205" />
            <source>The folder {path} cannot be written: {error}.</source>
            <translation>Det går inte att skriva i mappen {path}: {error}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/errors.py" line="127" />
            <source>The host {host} was not found. Check the service address and your network connection.</source>
            <translation>Värden {host} hittades inte. Kontrollera tjänstens adress och nätverksanslutningen.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/basemap/render.py" line="89" />
            <source>The largest scale of a background map must be a positive number, such as 10000.</source>
            <translation>Bakgrundskartans största skala måste vara ett positivt tal, till exempel 10000.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="294" />
            <source>The latest check can be added as version {version}.</source>
            <translation>Den senaste avstämningen kan läggas till som version {version}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/opmodel.py" line="107" />
            <source>The layer {layer} of {file} cannot be opened.</source>
            <translation>Lagret {layer} i {file} kan inte öppnas.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/opmodel.py" line="139" />
            <source>The layer {layer} of {file} has no coordinate reference system.</source>
            <translation>Lagret {layer} i {file} saknar koordinatsystem.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/opmodel.py" line="142" />
            <location filename="../regionplan_plugin/core/plans/opmodel.py" line="170" />
            <source>The layers {first} and {second} of {file} have different coordinate reference systems ({crs1}, {crs2}); save them in one.</source>
            <translation>Lagren {first} och {second} i {file} har olika koordinatsystem ({crs1}, {crs2}); spara dem i samma.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="189" />
            <source>The municipality's case number</source>
            <translation>Kommunens diarienummer</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="331" />
            <source>The new draft differs from your edit in {n} section: choose in the statement tab.</source>
            <translation>Det nya utkastet skiljer sig från din text i {n} avsnitt: välj under fliken Yttrande.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="331" />
            <source>The new draft differs from your edit in {n} sections: choose in the statement tab.</source>
            <translation>Det nya utkastet skiljer sig från din text i {n} avsnitt: välj under fliken Yttrande.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/basemap/render.py" line="173" />
            <source>The offline background map could not be written because the disk is full (in {path}). Free some space or choose a smaller area; the previous background map is still in use.</source>
            <translation>Bakgrundskartan för offlinebruk kunde inte skrivas eftersom disken är full (i {path}). Frigör utrymme eller välj ett mindre område; den tidigare bakgrundskartan används fortfarande.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/basemap/render.py" line="177" />
            <source>The offline background map could not be written in {path}: {error}. The previous background map is still in use.</source>
            <translation>Bakgrundskartan för offlinebruk kunde inte skrivas i {path}: {error}. Den tidigare bakgrundskartan används fortfarande.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/cache/durable.py" line="94" />
            <source>The offline cache could not be written because the disk is full (in {path}). Free some space and try again; the previous cached copy is still in use.</source>
            <translation>Offlinecachen kunde inte skrivas eftersom disken är full (i {path}). Frigör utrymme och försök igen; den tidigare offlinekopian används fortfarande.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/cache/durable.py" line="104" />
            <source>The offline cache in {path} could not be written: {error}. The previous cached copy is still in use.</source>
            <translation>Offlinecachen i {path} kunde inte skrivas: {error}. Den tidigare offlinekopian används fortfarande.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/extent.py" line="51" />
            <source>The offline copies of {names} cover only part of the region, and the plan (grown by the rules' distances) reaches outside that area: the check would miss what lies there. Cache a larger area, or the whole datasets, and check again.</source>
            <translation>Offlinekopiorna av {names} täcker bara en del av regionen, och planen (utökad med reglernas avstånd) når utanför det området: kontrollen skulle missa det som finns där. Cacha ett större område, eller hela dataseten, och kör kontrollen igen.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/mapping.py" line="56" />
            <source>The plan cannot be drawn on the report map.</source>
            <translation>Planen kan inte ritas på rapportens karta.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/model.py" line="130" />
            <source>The plan cannot be transformed from {source} to {target}: its coordinates do not fit {source}. Check the file's coordinate system.</source>
            <translation>Planen kan inte transformeras från {source} till {target}: dess koordinater passar inte i {source}. Kontrollera filens koordinatsystem.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/plan.py" line="189" />
            <source>The plan feature cannot be transformed to the profile CRS; it was not checked.</source>
            <translation>Planområdet kan inte transformeras till profilens koordinatsystem; det kontrollerades inte.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/plan.py" line="172" />
            <source>The plan feature has no geometry; it was not checked.</source>
            <translation>Planområdet saknar geometri; det kontrollerades inte.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/plan.py" line="174" />
            <source>The plan feature is not a polygon; it was not checked.</source>
            <translation>Planområdet är inte en polygon; det kontrollerades inte.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/detaljplan.py" line="116" />
            <source>The plan file {path} cannot be read: {error}</source>
            <translation>Planfilen {path} kan inte läsas: {error}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/detaljplan.py" line="112" />
            <source>The plan file {path} is larger than 200 MB.</source>
            <translation>Planfilen {path} är större än 200 MB.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/detaljplan.py" line="119" />
            <source>The plan file {path} is not valid JSON: {error}</source>
            <translation>Planfilen {path} är inte giltig JSON: {error}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/plan.py" line="64" />
            <source>The plan layer cannot be read. Check that its file or source is available.</source>
            <translation>Planlagret kan inte läsas. Kontrollera att dess fil eller källa är tillgänglig.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review.py" line="250" />
            <source>The plan layer must contain polygons.</source>
            <translation>Planlagret måste innehålla polygoner.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/plan.py" line="88" />
            <source>The plan layer {name} has no coordinate reference system. Set its CRS (Layer Properties &gt; Source) and run the check again.</source>
            <translation>Planlagret {name} saknar koordinatsystem. Ange koordinatsystem (Lageregenskaper &gt; Källa) och stäm av planen igen.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/plan.py" line="159" />
            <source>The plan layer {name} has no features. Draw or load the plan area first.</source>
            <translation>Planlagret {name} har inga objekt. Rita eller läs in planområdet först.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/plan.py" line="81" />
            <source>The plan layer {name} is not a polygon layer. Choose a layer whose features are the plan areas as polygons.</source>
            <translation>Planlagret {name} är inte ett polygonlager. Välj ett lager där planområdena är polygoner.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/region.py" line="49" />
            <source>The plan lies outside the extent of the profile's region ({region}); nothing was checked.</source>
            <translation>Planen ligger utanför utbredningen för profilens region ({region}); inget kontrollerades.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/plausibility.py" line="109" />
            <source>The plan lies outside the region in its coordinate system {crs}.</source>
            <translation>Planen ligger utanför regionen i sitt koordinatsystem {crs}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/plausibility.py" line="107" />
            <source>The plan's coordinates lie outside Sweden in its coordinate system {crs}.</source>
            <translation>Planens koordinater ligger utanför Sverige i dess koordinatsystem {crs}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/load.py" line="110" />
            <source>The profile could not be downloaded ({error}); using the copy from {when}.</source>
            <translation>Profilen kunde inte laddas ner ({error}); kopian från {when} används.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/load.py" line="113" />
            <source>The profile could not be downloaded from {url}: {error}</source>
            <translation>Profilen kunde inte laddas ner från {url}: {error}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_statement.py" line="61" />
            <source>The profile could not be read, so its statement template was not used: {error}</source>
            <translation>Profilen kunde inte läsas, så dess yttrandemall användes inte: {error}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/load.py" line="159" />
            <source>The profile file {source} cannot be read: {reason}</source>
            <translation>Profilfilen {source} kan inte läsas: {reason}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/load.py" line="157" />
            <source>The profile file {source} does not exist.</source>
            <translation>Profilfilen {source} finns inte.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/fieldwork.py" line="129" />
            <source>The profile has no background map.</source>
            <translation>Profilen har ingen bakgrundskarta.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/engine.py" line="113" />
            <source>The profile has no rules to check (or every rule was disabled).</source>
            <translation>Profilen har inga regler att stämma av mot (eller så har alla regler stängts av).</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/load.py" line="125" />
            <source>The profile source must be a file path or an http(s) URL.</source>
            <translation>Profilens källa måste vara en filsökväg eller en http(s)-URL.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/load.py" line="137" />
            <source>The profile source {source} is neither a file path nor an http(s) URL.</source>
            <translation>Profilkällan {source} är varken en filsökväg eller en http(s)-URL.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/load.py" line="155" />
            <source>The profile {source} is a folder, not a file.</source>
            <translation>Profilen {source} är en mapp, inte en fil.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/load.py" line="44" />
            <location filename="../regionplan_plugin/core/profile/load.py" line="150" />
            <source>The profile {source} is larger than {limit} MB.</source>
            <translation>Profilen {source} är större än {limit} MB.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/load.py" line="62" />
            <source>The profile {source} is nested too deeply.</source>
            <translation>Profilen {source} är för djupt nästlad.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/load.py" line="49" />
            <source>The profile {source} is not UTF-8 text (invalid byte at position {position}).</source>
            <translation>Profilen {source} är inte UTF-8-text (ogiltig byte på position {position}).</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/load.py" line="56" />
            <source>The profile {source} is not valid JSON: {problem} (line {line}, column {column}).</source>
            <translation>Profilen {source} är inte giltig JSON: {problem} (rad {line}, kolumn {column}).</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/load.py" line="59" />
            <source>The profile {source} is not valid JSON: {problem}.</source>
            <translation>Profilen {source} är inte giltig JSON: {problem}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/validate.py" line="275" />
            <source>The profile {source} is not valid:</source>
            <translation>Profilen {source} är inte giltig:</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/settings_dialog.py" line="104" />
            <source>The profile's sources are listed here once the profile can be read.</source>
            <translation>Profilens källor visas här när profilen kan läsas.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/template.py" line="150" />
            <source>The profile's statement template could not be downloaded ({error}); using the copy from {when}.</source>
            <translation>Profilens yttrandemall kunde inte hämtas ({error}); kopian från {when} används.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/template.py" line="153" />
            <source>The profile's statement template could not be downloaded from {url}: {error}</source>
            <translation>Profilens yttrandemall kunde inte hämtas från {url}: {error}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/template.py" line="156" />
            <source>The profile's statement template {url} is not a .{kind} file.</source>
            <translation>Profilens yttrandemall {url} är ingen .{kind}-fil.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/errors.py" line="131" />
            <source>The proxy could not reach {url}. Check the proxy in the QGIS network settings.</source>
            <translation>Proxyn kunde inte nå {url}. Kontrollera proxyn i nätverksinställningarna i QGIS.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/importplan.py" line="61" />
            <source>The region's extent, for the plausibility check of the coordinates</source>
            <translation>Regionens utbredning, för rimlighetskontrollen av koordinaterna</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/io.py" line="60" />
            <source>The report cannot be written to {path}: {error}</source>
            <translation>Rapporten kan inte skrivas till {path}: {error}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="138" />
            <source>The report of such a run shows the changes since the previous version and the reviewer's decisions.</source>
            <translation>Rapporten från en sådan körning visar förändringarna sedan föregående version och handläggarens bedömningar.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/pdf.py" line="209" />
            <source>The report was cancelled.</source>
            <translation>Rapporten avbröts.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/io.py" line="110" />
            <source>The report written to {path} is incomplete; a previous file of that name is left as it was. Try again or choose another folder.</source>
            <translation>Rapporten som skrevs till {path} är ofullständig; en tidigare fil med samma namn lämnas orörd. Försök igen eller välj en annan mapp.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/errors.py" line="95" />
            <source>The request to {url} failed unexpectedly ({detail}). Try again.</source>
            <translation>Begäran till {url} misslyckades oväntat ({detail}). Försök igen.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/errors.py" line="83" />
            <source>The response from {url} is larger than the limit of {limit} MB and was refused.</source>
            <translation>Svaret från {url} är större än gränsen på {limit} MB och avvisades.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/jsonbody.py" line="27" />
            <source>The response from {url} is not valid JSON ({detail}). The service may be misconfigured.</source>
            <translation>Svaret från {url} är inte giltig JSON ({detail}). Tjänsten kan vara felkonfigurerad.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/jsonbody.py" line="21" />
            <source>The response from {url} is not valid UTF-8 text.</source>
            <translation>Svaret från {url} är inte giltig UTF-8-text.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/case/store.py" line="383" />
            <source>The section {section} was edited: compare your edit with the new draft and choose which to keep.</source>
            <translation>Avsnittet {section} har redigerats: jämför din redigering med det nya utkastet och välj vilket som ska behållas.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/errors.py" line="109" />
            <source>The secure connection to {url} failed: {detail}. The server's certificate is not trusted; ask the service provider, or add the certificate authority in the QGIS authentication settings.</source>
            <translation>Den säkra anslutningen till {url} misslyckades: {detail}. Serverns certifikat är inte betrott; kontakta tjänsteleverantören, eller lägg till certifikatutfärdaren i autentiseringsinställningarna i QGIS.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/errors.py" line="152" />
            <source>The server at {url} answered with an error (HTTP {status}).</source>
            <translation>Servern på {url} svarade med ett fel (HTTP {status}).</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/errors.py" line="102" />
            <source>The server at {url} did not answer within {seconds} s. Try again later, or raise the timeout in the Regionplan settings.</source>
            <translation>Servern på {url} svarade inte inom {seconds} s. Försök igen senare, eller höj tidsgränsen i inställningarna för Regionplan.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/errors.py" line="89" />
            <source>The server at {url} did not finish its answer within {seconds} s. Try again later, or raise the timeout in the Regionplan settings.</source>
            <translation>Servern på {url} blev inte klar med sitt svar inom {seconds} s. Försök igen senare, eller höj tidsgränsen i inställningarna för Regionplan.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/errors.py" line="150" />
            <source>The server at {url} had an error (HTTP {status}). Try again later.</source>
            <translation>Servern på {url} fick ett internt fel (HTTP {status}). Försök igen senare.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/errors.py" line="148" />
            <source>The server at {url} is busy (HTTP 429, too many requests). Try again later.</source>
            <translation>Servern på {url} är upptagen (HTTP 429, för många förfrågningar). Försök igen senare.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/errors.py" line="56" />
            <source>The server at {url} redirected to a '{scheme}' address; only http and https are allowed.</source>
            <translation>Servern på {url} omdirigerade till en '{scheme}'-adress; bara http och https är tillåtna.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/errors.py" line="63" />
            <source>The server at {url} redirected to another host ({host}); this is refused for safety. Use the final address of the service in the settings.</source>
            <translation>Servern på {url} omdirigerade till en annan värd ({host}); det avvisas av säkerhetsskäl. Ange tjänstens slutliga adress i inställningarna.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/errors.py" line="143" />
            <source>The server at {url} refused access (HTTP {status}). Check the authentication configuration in the Regionplan settings.</source>
            <translation>Servern på {url} nekade åtkomst (HTTP {status}). Kontrollera autentiseringskonfigurationen i inställningarna för Regionplan.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/errors.py" line="52" />
            <source>The server at {url} sent a redirect without a valid target.</source>
            <translation>Servern på {url} skickade en omdirigering utan giltigt mål.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/refusals.py" line="65" />
            <source>The server {server} refuses requests for now (HTTP {status}) and asks to wait {wait}. Nothing more is asked of it until {time}; try again then, or work offline from the cache.</source>
            <translation>Servern {server} tar inte emot förfrågningar just nu (HTTP {status}) och ber om en väntetid på {wait}. Inga fler förfrågningar skickas dit förrän {time}; försök igen då, eller arbeta offline med data från cachen.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/model.py" line="163" />
            <source>The service address {value} is not an http(s) URL.</source>
            <translation>Tjänstadressen {value} är inte en http(s)-URL.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/paging.py" line="172" />
            <source>The service announced {total} feature of {name} but sent only {got}; the download was stopped and nothing was changed. Try again later, or report this to the service's provider.</source>
            <translation>Tjänsten angav {total} objekt i {name} men skickade bara {got}; nedladdningen stoppades och ingenting ändrades. Försök igen senare eller rapportera detta till tjänsteleverantören.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/paging.py" line="172" />
            <source>The service announced {total} features of {name} but sent only {got}; the download was stopped and nothing was changed. Try again later, or report this to the service's provider.</source>
            <translation>Tjänsten angav {total} objekt i {name} men skickade bara {got}; nedladdningen stoppades och ingenting ändrades. Försök igen senare eller rapportera detta till tjänsteleverantören.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/ogcapi.py" line="260" />
            <source>The service at {url} answered with an error instead of features ({detail}); the download was stopped and nothing was changed.</source>
            <translation>Tjänsten på {url} svarade med ett fel i stället för objekt ({detail}); nedladdningen stoppades och ingenting ändrades.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/wfs.py" line="145" />
            <source>The service at {url} answered, but not as a WFS.</source>
            <translation>Tjänsten på {url} svarade, men inte som en WFS-tjänst.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/arcgis.py" line="80" />
            <source>The service at {url} answered, but not as an ArcGIS service.</source>
            <translation>Tjänsten på {url} svarade, men inte som en ArcGIS-tjänst.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/ogcapi.py" line="82" />
            <source>The service at {url} answered, but not as an OGC API - Features service.</source>
            <translation>Tjänsten på {url} svarade, men inte som en OGC API - Features-tjänst.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/dock.py" line="251" />
            <source>The service cannot be reached; working offline with the cached data.</source>
            <translation>Tjänsten kan inte nås; arbetar offline med data från cachen.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/access.py" line="104" />
            <source>The service could not be reached ({error}); the offline copies in the cache were used.</source>
            <translation>Tjänsten kunde inte nås ({error}); offlinekopiorna i cachen användes.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/paging.py" line="101" />
            <source>The service sends the same features of {name} again instead of the next page (it seems to ignore the paging offset); the download was stopped and nothing was changed. Report this to the service's provider.</source>
            <translation>Tjänsten skickar samma objekt i {name} igen i stället för nästa sida (den verkar bortse från sidans startposition, offset); nedladdningen stoppades och ingenting ändrades. Rapportera detta till tjänsteleverantören.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/ogcapi.py" line="311" />
            <source>The service's link to the next page of {name} points elsewhere ({where}); it was not followed, the download was stopped and nothing was changed.</source>
            <translation>Tjänstens länk till nästa sida av {name} pekar någon annanstans ({where}); länken följdes inte, nedladdningen stoppades och ingenting ändrades.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/paging.py" line="152" />
            <source>The service's pages of {name} do not end: {pages} pages brought {got} features, more than the {total} it announced. The download was stopped and nothing was changed. Report this to the service's provider.</source>
            <translation>Tjänstens sidor för {name} tar aldrig slut: {pages} sidor gav {got} objekt, fler än de {total} som tjänsten angav. Nedladdningen stoppades och ingenting ändrades. Rapportera detta till tjänsteleverantören.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/paging.py" line="159" />
            <source>The service's pages of {name} do not end: {pages} pages brought {got} of the {total} feature it announced. The download was stopped and nothing was changed. Report this to the service's provider.</source>
            <translation>Tjänstens sidor för {name} tar aldrig slut: {pages} sidor gav {got} av de {total} objekt som tjänsten angav. Nedladdningen stoppades och ingenting ändrades. Rapportera detta till tjänsteleverantören.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/paging.py" line="159" />
            <source>The service's pages of {name} do not end: {pages} pages brought {got} of the {total} features it announced. The download was stopped and nothing was changed. Report this to the service's provider.</source>
            <translation>Tjänstens sidor för {name} tar aldrig slut: {pages} sidor gav {got} av de {total} objekt som tjänsten angav. Nedladdningen stoppades och ingenting ändrades. Rapportera detta till tjänsteleverantören.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/paging.py" line="140" />
            <source>The service's pages of {name} lead in a circle after {got} of {total} feature; the download was stopped and nothing was changed. Report this to the service's provider.</source>
            <translation>Tjänstens sidor för {name} leder runt i en cirkel efter {got} av {total} objekt; nedladdningen stoppades och ingenting ändrades. Rapportera detta till tjänsteleverantören.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/paging.py" line="140" />
            <source>The service's pages of {name} lead in a circle after {got} of {total} features; the download was stopped and nothing was changed. Report this to the service's provider.</source>
            <translation>Tjänstens sidor för {name} leder runt i en cirkel efter {got} av {total} objekt; nedladdningen stoppades och ingenting ändrades. Rapportera detta till tjänsteleverantören.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/sketch_tool.py" line="82" />
            <source>The sketch could not be added to the layer {name}.</source>
            <translation>Skissen kunde inte läggas till i lagret {name}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/sketch_tool.py" line="115" />
            <source>The sketch could not be saved to {path}: {error}</source>
            <translation>Skissen kunde inte sparas i {path}: {error}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/plugin.py" line="156" />
            <source>The sketch is version {n} of the case.</source>
            <translation>Skissen är version {n} i ärendet.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/registry.py" line="33" />
            <source>The source {id} has the type {type}, which this version of the plugin cannot read features from.</source>
            <translation>Källan {id} har typen {type}, som den här versionen av insticksprogrammet inte kan läsa objekt från.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/multi.py" line="150" />
            <source>The source {source} could not be read: {error}</source>
            <translation>Källan {source} kunde inte läsas: {error}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/template.py" line="177" />
            <source>The statement template {path} that the profile names does not exist. Put it beside the profile, or choose a template in the settings.</source>
            <translation>Yttrandemallen {path} som profilen anger finns inte. Lägg den bredvid profilen, eller välj en mall i inställningarna.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/pdf_table.py" line="158" />
            <source>The table of all {count} findings is not printed in the PDF ({pages} pages). Each finding is listed under its plan area above; the whole table is in the HTML report, the CSV table and the GeoPackage of findings.</source>
            <translation>Tabellen med alla {count} träffar skrivs inte ut i PDF:en ({pages} sidor). Varje träff står under sitt planområde ovan; hela tabellen finns i HTML-rapporten, CSV-tabellen och GeoPackage-filen med träffar.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/tasks.py" line="112" />
            <source>The task stopped without a result.</source>
            <translation>Uppgiften avslutades utan resultat.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/export/docx.py" line="185" />
            <source>The template {name} is not a readable .docx file ({error}).</source>
            <translation>Mallen {name} är ingen läsbar .docx-fil ({error}).</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/export/odt_template.py" line="32" />
            <source>The template {name} is not a readable .odt file ({error}).</source>
            <translation>Mallen {name} är ingen läsbar .odt-fil ({error}).</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review.py" line="96" />
            <source>The use of every area of the layer, when there is no purpose field.</source>
            <translation>Användningen för lagrets alla områden, när det inte finns något användningsfält.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/load_plan.py" line="49" />
            <source>The whole plan as one area</source>
            <translation>Hela planen som ett område</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/plugin.py" line="114" />
            <location filename="../regionplan_plugin/gui/sketch_tool.py" line="126" />
            <source>There is no sketch to save yet.</source>
            <translation>Det finns ingen skiss att spara ännu.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/plausibility.py" line="111" />
            <source>They fit {likely}: the file is probably in that system, wrongly labelled. Choose it and import the plan again.</source>
            <translation>De passar i {likely}: filen är troligen i det systemet men felaktigt märkt. Välj det och importera planen igen.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_statement.py" line="37" />
            <location filename="../regionplan_plugin/core/case/result_version.py" line="111" />
            <source>Title and header</source>
            <translation>Rubrik och sidhuvud</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/errors.py" line="69" />
            <source>Too many redirects from {url}.</source>
            <translation>För många omdirigeringar från {url}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/importplan.py" line="33" />
            <source>Turns a delivered plan into a plan layer that the plan check can use: a digital detaljplan to Lantmäteriet's specification 4.1 (JSON), a Boverket ÖP-model GeoPackage, or any file OGR reads (GeoPackage, Shapefile, GeoJSON, GML, KML, DXF, FlatGeobuf, CSV with WKT).

Mode: 'whole' gives one area for the whole plan; 'per use' one area per use provision (detaljplan) or use area (ÖP), each with its purpose.
Profile: when given, the layer is in the profile's coordinate system; else in the file's.
CRS: the coordinate system of a file that does not state one (DXF, CSV, a Shapefile without .prj).
Region: the region's extent; a plan outside it gets a warning too.

Fields: name, purpose, use_code, plan_id, status. A plan whose coordinates fall outside Sweden gets a warning naming the coordinate system it probably is in.</source>
            <translation>Gör en levererad plan till ett planlager som avstämningen kan använda: en digital detaljplan enligt Lantmäteriets specifikation 4.1 (JSON), en GeoPackage enligt Boverkets ÖP-modell eller vilken fil som helst som OGR läser (GeoPackage, Shapefile, GeoJSON, GML, KML, DXF, FlatGeobuf, CSV med WKT).

Områden: 'whole' ger ett område för hela planen; 'per use' ett område per användningsbestämmelse (detaljplan) eller användningsområde (ÖP), vart och ett med sin användning.
Profil: när den anges får lagret profilens koordinatsystem; annars filens.
Koordinatsystem: för en fil som inte anger något (DXF, CSV, en Shapefile utan .prj).
Region: regionens utbredning; en plan utanför den får också en varning.

Fält: name, purpose, use_code, plan_id, status. En plan vars koordinater hamnar utanför Sverige får en varning som anger vilket koordinatsystem den troligen är i.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="362" />
            <source>Unchanged</source>
            <translation>Oförändrad</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/case_view.py" line="145" />
            <source>Unchanged: {name} (overlap changed by {delta})</source>
            <translation>Oförändrad: {name} (överlappet ändrat med {delta})</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_decisions.py" line="54" />
            <source>Undo</source>
            <translation>Ångra</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/base.py" line="83" />
            <source>Unexpected error in {name}; the details are in the log above.</source>
            <translation>Oväntat fel i {name}; detaljerna finns i loggen ovan.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="85" />
            <source>Unknown</source>
            <translation>Okänd</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/case/store.py" line="201" />
            <source>Unknown case field {name}.</source>
            <translation>Okänt fält i ärendet: {name}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/case/store.py" line="47" />
            <source>Unknown case state {value}.</source>
            <translation>Okänd ärendestatus {value}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/case/store.py" line="60" />
            <source>Unknown coordinate reference system {crs}.</source>
            <translation>Okänt koordinatsystem {crs}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/case/store.py" line="315" />
            <source>Unknown decision {value}.</source>
            <translation>Okänt beslut {value}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/model.py" line="96" />
            <source>Unknown import mode {mode}: use whole or per_use.</source>
            <translation>Okänt importsätt {mode}: använd whole eller per_use.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/case/store.py" line="43" />
            <source>Unknown plan type {value}.</source>
            <translation>Okänd plantyp {value}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/case/store.py" line="45" />
            <source>Unknown stage {value}.</source>
            <translation>Okänt skede {value}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="83" />
            <source>Up to date</source>
            <translation>Aktuell</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue.py" line="77" />
            <source>Update stale datasets</source>
            <translation>Uppdatera inaktuella datamängder</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_actions.py" line="344" />
            <source>Updating {n} dataset</source>
            <translation>Uppdaterar {n} datamängd</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_actions.py" line="344" />
            <source>Updating {n} datasets</source>
            <translation>Uppdaterar {n} datamängder</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/area_text.py" line="16" />
            <location filename="../regionplan_plugin/core/report/html.py" line="245" />
            <source>Use</source>
            <translation>Användning</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_tree.py" line="229" />
            <source>Used by rules</source>
            <translation>Används av regler</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="308" />
            <source>Version {n}</source>
            <translation>Version {n}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/case_view.py" line="133" />
            <source>Version {old} → version {new}: {new_n} new, {resolved_n} resolved, {unchanged_n} unchanged findings.</source>
            <translation>Version {old} → version {new}: {new_n} nya, {resolved_n} lösta och {unchanged_n} oförändrade träffar.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_map.py" line="46" />
            <source>Version {old} → {new}</source>
            <translation>Version {old} → {new}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="355" />
            <source>Version {old} → {new}: {new_n} new, {resolved} resolved, {unchanged} unchanged findings; area added {added}, removed {removed}.</source>
            <translation>Version {old} → {new}: {new_n} nya, {resolved} lösta och {unchanged} oförändrade träffar; tillkommen yta {added}, borttagen yta {removed}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/case/store.py" line="328" />
            <source>Version {version} has no such finding ({rule}, {feature}).</source>
            <translation>Version {version} har ingen sådan träff ({rule}, {feature}).</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_decisions.py" line="83" />
            <source>Version {version}: {decided} of {total} findings decided.</source>
            <translation>Version {version}: ställning tagen till {decided} av {total} träffar.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="121" />
            <source>Versions</source>
            <translation>Versioner</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/plugin.py" line="62" />
            <location filename="../regionplan_plugin/gui/here_tool.py" line="35" />
            <location filename="../regionplan_plugin/core/here.py" line="253" />
            <source>What applies here</source>
            <translation>Vad gäller här</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review.py" line="97" />
            <source>Whole layer purpose</source>
            <translation>Användning för hela lagret</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="152" />
            <location filename="../regionplan_plugin/core/report/pdf.py" line="162" />
            <source>Whole plan</source>
            <translation>Hela planen</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue.py" line="91" />
            <source>Whole region</source>
            <translation>Hela regionen</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_dialogs.py" line="97" />
            <source>Why? (required)</source>
            <translation>Varför? (obligatoriskt)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_statement.py" line="118" />
            <source>With the findings table</source>
            <translation>Med tabellen över träffar</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="58" />
            <source>Within a distance of the plan area</source>
            <translation>Inom ett avstånd från planområdet</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_statement.py" line="263" />
            <source>Word document (*.docx)</source>
            <translation>Word-dokument (*.docx)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/settings_dialog.py" line="129" />
            <source>Word or OpenDocument template (*.docx *.odt)</source>
            <translation>Mall i Word- eller OpenDocument-format (*.docx *.odt)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review_export.py" line="51" />
            <source>Writing the PDF report {path}</source>
            <translation>Skriver PDF-rapporten {path}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue.py" line="58" />
            <source>Year</source>
            <translation>År</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_statement.py" line="99" />
            <source>You edited this section. The new check gives the draft below: choose which to keep.</source>
            <translation>Du har redigerat det här avsnittet. Den nya avstämningen ger utkastet nedan: välj vilket som ska gälla.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/plan.py" line="184" />
            <source>Z and M values were dropped (the check is 2D)</source>
            <translation>Z- och M-värden togs bort (avstämningen görs i 2D)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/values.py" line="26" />
            <source>a boolean</source>
            <translation>ett booleskt värde</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/template.py" line="75" />
            <source>a file name or URL, or an object like {example}</source>
            <translation>ett filnamn eller en URL, eller ett objekt som {example}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/parts.py" line="158" />
            <location filename="../regionplan_plugin/core/profile/values.py" line="32" />
            <source>a list</source>
            <translation>en lista</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/validate.py" line="117" />
            <location filename="../regionplan_plugin/core/profile/values.py" line="28" />
            <source>a number</source>
            <translation>ett tal</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/parts.py" line="217" />
            <source>a plan purpose</source>
            <translation>en användning för planen</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/template.py" line="64" />
            <location filename="../regionplan_plugin/core/profile/validate.py" line="64" />
            <location filename="../regionplan_plugin/core/profile/validate.py" line="102" />
            <source>a string</source>
            <translation>en textsträng</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/values.py" line="35" />
            <source>a value of another type</source>
            <translation>ett värde av annan typ</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/plan_statistics.py" line="68" />
            <source>about {n} people</source>
            <translation>cirka {n} invånare</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/basemap/render.py" line="60" />
            <source>about {tiles} tiles, {size} and {time}</source>
            <translation>cirka {tiles} plattor, {size} och {time}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="114" />
            <source>agriculture and forestry</source>
            <translation>jord- och skogsbruk</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/parts.py" line="165" />
            <location filename="../regionplan_plugin/core/profile/validate.py" line="171" />
            <location filename="../regionplan_plugin/core/profile/values.py" line="34" />
            <source>an object</source>
            <translation>ett objekt</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/parts.py" line="207" />
            <source>an object of plan purposes by word, like {example}</source>
            <translation>ett objekt med användning per ord, till exempel {example}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/validate.py" line="94" />
            <source>an object of texts by language, like {example}</source>
            <translation>ett objekt med texter per språk, till exempel {example}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/here.py" line="252" />
            <source>any purpose</source>
            <translation>valfri användning</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="106" />
            <source>centre</source>
            <translation>centrum</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/attempt.py" line="228" />
            <source>certificate verification was turned off</source>
            <translation>certifikatkontrollen var avstängd</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="130" />
            <source>comprehensive plan</source>
            <translation>översiktsplan</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="137" />
            <source>consultation</source>
            <translation>samråd</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/styling.py" line="83" />
            <source>contact points</source>
            <translation>kontaktpunkter</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/validate.py" line="195" />
            <source>crs: {value} does not use metres; use a projected CRS in metres such as EPSG:3006</source>
            <translation>crs: {value} använder inte meter; använd ett projicerat koordinatsystem i meter, till exempel EPSG:3006</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/validate.py" line="191" />
            <source>crs: {value} is geographic (degrees); the check measures in metres, so use a projected CRS such as EPSG:3006</source>
            <translation>crs: {value} är geografiskt (grader); avstämningen mäter i meter, så använd ett projicerat koordinatsystem, till exempel EPSG:3006</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/validate.py" line="188" />
            <source>crs: {value} is not a coordinate reference system QGIS knows</source>
            <translation>crs: {value} är inte ett koordinatsystem som QGIS känner till</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/plan.py" line="178" />
            <source>curved segments were converted to straight segments</source>
            <translation>kurvsegment omvandlades till raka segment</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="305" />
            <source>dashed lines in the colours of the assessments: the shortest distance from the plan to a regional feature</source>
            <translation>streckade linjer i bedömningarnas färger: kortaste avståndet från planen till ett regionalt objekt</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="92" />
            <source>decided severity</source>
            <translation>ändrad bedömning</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="132" />
            <source>detailed development plan</source>
            <translation>detaljplan</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/opmodel.py" line="176" />
            <source>development direction</source>
            <translation>utvecklingsinriktning</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/styling.py" line="82" />
            <source>distances</source>
            <translation>avstånd</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="113" />
            <source>energy production</source>
            <translation>energiproduktion</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/plan_statistics.py" line="66" />
            <source>fewer than 10 people</source>
            <translation>färre än 10 invånare</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="104" />
            <source>housing</source>
            <translation>bostäder</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/importplan.py" line="46" />
            <source>import</source>
            <translation>import</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/pdf_table.py" line="174" />
            <source>in {count} plan area</source>
            <translation>i {count} planområde</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/pdf_table.py" line="174" />
            <source>in {count} plan areas</source>
            <translation>i {count} planområden</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="131" />
            <source>in-depth comprehensive plan</source>
            <translation>fördjupad översiktsplan</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="108" />
            <source>industry</source>
            <translation>industri</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="112" />
            <source>infrastructure</source>
            <translation>infrastruktur</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/here.py" line="236" />
            <source>inside</source>
            <translation>inuti</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="184" />
            <source>intersects the plan</source>
            <translation>skär planen</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/plan.py" line="192" />
            <source>invalid geometry</source>
            <translation>ogiltig geometri</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/plan.py" line="194" />
            <source>invalid geometry repaired with makeValid ({error})</source>
            <translation>ogiltig geometri reparerad med makeValid ({error})</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/oauth2.py" line="222" />
            <source>its answer held no bearer token.</source>
            <translation>svaret innehöll ingen bearer-token.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/provenance.py" line="36" />
            <source>local layer</source>
            <translation>lokalt lager</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="105" />
            <source>mixed development</source>
            <translation>blandad bebyggelse</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/settings_dialog.py" line="98" />
            <source>needs OAuth2: QGIS's OAuth2 method, grant flow Resource Owner</source>
            <translation>kräver OAuth2: metoden OAuth2 i QGIS med flödet Resource Owner</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/settings_dialog.py" line="97" />
            <source>needs a user name and password (Basic)</source>
            <translation>kräver användarnamn och lösenord (Basic)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="241" />
            <source>no (outside the region)</source>
            <translation>nej (utanför regionen)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="190" />
            <source>none within {distance} m of the plan</source>
            <translation>inget inom {distance} m från planen</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/cache/integrity.py" line="38" />
            <source>not a GeoPackage</source>
            <translation>inte ett GeoPackage</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/plan_statistics.py" line="91" />
            <source>not computed</source>
            <translation>ej beräknad</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/plan_statistics.py" line="92" />
            <source>not computed ({reason})</source>
            <translation>ej beräknad ({reason})</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/basemap/store.py" line="110" />
            <source>not saved offline</source>
            <translation>inte sparad offline</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/plan.py" line="198" />
            <source>nothing of the area was left; it was not checked</source>
            <translation>ingenting av ytan återstod; den kontrollerades inte</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/values.py" line="24" />
            <source>null</source>
            <translation>null</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/provenance.py" line="34" />
            <source>offline cache</source>
            <translation>offlinecache</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="133" />
            <source>other plan</source>
            <translation>annan plan</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="139" />
            <source>other stage</source>
            <translation>annat skede</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="115" />
            <source>other use</source>
            <translation>övrigt</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/pdf_table.py" line="177" />
            <source>overlap {area}</source>
            <translation>överlapp {area}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/styling.py" line="81" />
            <source>overlaps</source>
            <translation>överlapp</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/plan_statistics.py" line="151" />
            <source>per plan area only (the plan areas overlap)</source>
            <translation>endast per planområde (planområdena överlappar varandra)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/plan_statistics.py" line="149" />
            <source>per plan area only (the zones around the plan areas may overlap)</source>
            <translation>endast per planområde (zonerna runt planområdena kan överlappa varandra)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="101" />
            <location filename="../regionplan_plugin/processing/importplan.py" line="46" />
            <source>plan</source>
            <translation>plan</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="101" />
            <source>plan check</source>
            <translation>avstämning</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="138" />
            <source>public review</source>
            <translation>granskning</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="110" />
            <source>public services</source>
            <translation>samhällsservice</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="308" />
            <source>purple outline: the plan</source>
            <translation>lila kontur: planen</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="111" />
            <source>recreation and outdoor life</source>
            <translation>rekreation och friluftsliv</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="101" />
            <source>region</source>
            <translation>region</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="109" />
            <source>retail</source>
            <translation>handel</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/basemap/store.py" line="114" />
            <source>saved offline {n} days ago</source>
            <translation>sparad offline för {n} dagar sedan</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/basemap/store.py" line="115" />
            <source>saved offline {n} hours ago</source>
            <translation>sparad offline för {n} timmar sedan</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/validate.py" line="132" />
            <source>schema: {value} is not supported; this version of the plugin reads {expected}</source>
            <translation>schema: {value} stöds inte; den här versionen av insticksprogrammet läser {expected}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/provenance.py" line="35" />
            <source>service</source>
            <translation>tjänst</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/sources.py" line="111" />
            <source>service: not allowed in a {schema} profile; describe the service as one of its sources[]</source>
            <translation>service: inte tillåten i en {schema}-profil; beskriv tjänsten som en av dess sources[]</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/sources.py" line="118" />
            <source>sources: must list at least one source</source>
            <translation>sources: måste ange minst en källa</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/statement_input.py" line="58" />
            <location filename="../regionplan_plugin/core/check/outcomes.py" line="112" />
            <source>switched off for this run</source>
            <translation>avstängd för den här körningen</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/filters.py" line="131" />
            <location filename="../regionplan_plugin/core/profile/filters.py" line="128" />
            <source>syntax error</source>
            <translation>syntaxfel</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/oauth2.py" line="207" />
            <source>the client id or secret was refused ({status}).</source>
            <translation>klient-id eller klienthemlighet godtogs inte ({status}).</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/area_text.py" line="39" />
            <location filename="../regionplan_plugin/core/check/outcomes.py" line="40" />
            <source>the data could not be had</source>
            <translation>underlaget kunde inte hämtas</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/ogrread.py" line="157" />
            <source>the file could not be read to its end</source>
            <translation>filen kunde inte läsas till slut</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/cache/integrity.py" line="44" />
            <source>the file is truncated</source>
            <translation>filen är avkortad</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/sketch_tool.py" line="104" />
            <source>the file written is incomplete (is the disk full?)</source>
            <translation>den skrivna filen är ofullständig (är disken full?)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/cache/integrity.py" line="134" />
            <location filename="../regionplan_plugin/core/cache/store.py" line="131" />
            <source>the layer does not open</source>
            <translation>lagret går inte att öppna</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan.py" line="258" />
            <source>the offline cache</source>
            <translation>offlinecachen</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/outcomes.py" line="39" />
            <source>the offline cache could not be used</source>
            <translation>offlinecachen kunde inte användas</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/extent.py" line="45" />
            <source>the offline copy of {name} covers only the area {extent}, and the plan area (grown by the rule's distance) reaches outside it</source>
            <translation>offlinekopian av {name} täcker bara området {extent}, och planområdet (utökat med regelns avstånd) når utanför det</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/statistics.py" line="320" />
            <source>the offline copy of {name} covers only the area {extent}, and the plan area reaches outside it</source>
            <translation>offlinekopian av {name} täcker bara området {extent}, och planområdet når utanför det</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/statement_input.py" line="58" />
            <location filename="../regionplan_plugin/core/check/engine.py" line="213" />
            <location filename="../regionplan_plugin/core/check/engine.py" line="225" />
            <source>the plan area lies outside the region</source>
            <translation>planområdet ligger utanför regionen</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/validate.py" line="296" />
            <source>the profile is nested too deeply</source>
            <translation>profilen är för djupt nästlad</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/validate.py" line="300" />
            <source>the profile is not valid</source>
            <translation>profilen är inte giltig</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/validate.py" line="128" />
            <source>the profile must be a JSON object, not {actual}</source>
            <translation>profilen måste vara ett JSON-objekt, inte {actual}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/outcomes.py" line="21" />
            <source>the secure connection to the service failed</source>
            <translation>den säkra anslutningen till tjänsten misslyckades</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/outcomes.py" line="19" />
            <source>the service answered with an error</source>
            <translation>tjänsten svarade med ett fel</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/outcomes.py" line="22" />
            <source>the service asked not to be asked again for a while</source>
            <translation>tjänsten bad om att inte få fler frågor på en stund</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/outcomes.py" line="18" />
            <source>the service could not be reached</source>
            <translation>tjänsten gick inte att nå</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/outcomes.py" line="17" />
            <source>the service did not answer in time</source>
            <translation>tjänsten svarade inte i tid</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/outcomes.py" line="20" />
            <source>the service refused access</source>
            <translation>tjänsten nekade åtkomst</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/outcomes.py" line="37" />
            <source>the service's answer could not be used</source>
            <translation>tjänstens svar gick inte att använda</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/oauth2.py" line="205" />
            <source>the token endpoint could not be reached. {error}</source>
            <translation>tokentjänsten kunde inte nås. {error}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/oauth2.py" line="213" />
            <source>the token endpoint refused the request ({status}).</source>
            <translation>tokentjänsten avvisade begäran ({status}).</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/oauth2.py" line="211" />
            <source>the token endpoint refused the request ({status}, {code}).</source>
            <translation>tokentjänsten avvisade begäran ({status}, {code}).</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/basemap/render.py" line="288" />
            <source>the written file is not a complete raster</source>
            <translation>den skrivna filen är inte ett komplett raster</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/review.py" line="93" />
            <location filename="../regionplan_plugin/core/report/area_text.py" line="17" />
            <source>unknown (every rule applies)</source>
            <translation>okänd (alla regler tillämpas)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/dock.py" line="222" />
            <source>unknown date</source>
            <translation>okänt datum</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="189" />
            <source>within {distance} m of the plan</source>
            <translation>inom {distance} m från planen</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/vocabulary.py" line="107" />
            <source>workplaces</source>
            <translation>verksamheter</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="241" />
            <source>yes</source>
            <translation>ja</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/plan_statistics.py" line="143" />
            <source>{area}: {reason}</source>
            <translation>{area}: {reason}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/provenance.py" line="62" />
            <source>{count} ({skipped} skipped: broken in the service's answer)</source>
            <translation>{count} ({skipped} överhoppade: felaktiga i tjänstens svar)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/pdf_table.py" line="173" />
            <source>{count} finding</source>
            <translation>{count} träff</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/pdf_table.py" line="173" />
            <source>{count} findings</source>
            <translation>{count} träffar</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/fmt.py" line="90" />
            <source>{count} plan areas</source>
            <translation>{count} planområden</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/region.py" line="55" />
            <source>{count} plan feature lies outside the region of {region} and was not checked: {fids}.</source>
            <translation>{count} planområde ligger utanför {region} och kontrollerades inte: {fids}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/region.py" line="55" />
            <source>{count} plan features lie outside the region of {region} and were not checked: {fids}.</source>
            <translation>{count} planområden ligger utanför {region} och kontrollerades inte: {fids}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/files.py" line="87" />
            <source>{crs} is not a known coordinate reference system.</source>
            <translation>{crs} är inte ett känt koordinatsystem.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/files.py" line="65" />
            <source>{file} cannot be opened as a plan: no reader knows this file.</source>
            <translation>{file} kan inte öppnas som en plan: filformatet känns inte igen.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/files.py" line="83" />
            <source>{file} does not say which coordinate reference system it is in. Choose one (SWEREF 99 TM, a SWEREF 99 local zone or RT 90) and import it again.</source>
            <translation>{file} anger inte vilket koordinatsystem den är i. Välj ett (SWEREF 99 TM, en lokal SWEREF 99-zon eller RT 90) och importera den igen.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/opmodel.py" line="158" />
            <source>{file} has no 'mark- och vattenanvändning' layer of Boverket's ÖP model.</source>
            <translation>{file} har inget lager för mark- och vattenanvändning enligt Boverkets ÖP-modell.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/files.py" line="79" />
            <source>{file} has no layer that can be read.</source>
            <translation>{file} har inget lager som kan läsas.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/opmodel.py" line="162" />
            <source>{file} has no use areas.</source>
            <translation>{file} har inga användningsområden.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/detaljplan.py" line="144" />
            <source>{file} holds no detaljplan object (a feature with feature:typ 'detaljplan').</source>
            <translation>{file} innehåller inget detaljplanobjekt (ett objekt med feature:typ 'detaljplan').</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/files.py" line="101" />
            <source>{file} holds no polygons: a plan needs its areas as polygons (or closed lines).</source>
            <translation>{file} innehåller inga ytor: en plan behöver sina områden som polygoner (eller slutna linjer).</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/detaljplan.py" line="147" />
            <source>{file} holds {n} detaljplan objects; a delivery holds one plan.</source>
            <translation>{file} innehåller {n} detaljplanobjekt; en leverans innehåller en plan.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/whole.py" line="147" />
            <source>{file} is cut short: {size} bytes where {expected} are expected.</source>
            <translation>{file} är för kort: {size} byte i stället för väntade {expected}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/whole.py" line="143" />
            <source>{file} is missing.</source>
            <translation>{file} saknas.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/detaljplan.py" line="132" />
            <source>{file} is not a detaljplan 4.1 file: it has no list of features.</source>
            <translation>{file} är inte en fil enligt detaljplan 4.1: den saknar en lista med objekt (features).</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/detaljplan.py" line="176" />
            <source>{file} mixes coordinate systems ({crss}); a plan has one.</source>
            <translation>{file} blandar koordinatsystem ({crss}); en plan har ett.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/detaljplan.py" line="179" />
            <source>{file} names no known coordinate system (koordinatsystemPlan).</source>
            <translation>{file} anger inget känt koordinatsystem (koordinatsystemPlan).</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/validate.py" line="134" />
            <source>{first} or {second}</source>
            <translation>{first} eller {second}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/cache/integrity.py" line="128" />
            <source>{found} feature instead of {expected}</source>
            <translation>{found} objekt i stället för {expected}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/cache/integrity.py" line="128" />
            <source>{found} features instead of {expected}</source>
            <translation>{found} objekt i stället för {expected}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/basemap/render.py" line="76" />
            <source>{n:.0f} minutes</source>
            <translation>{n:.0f} minuter</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/basemap/render.py" line="77" />
            <source>{n:.0f} seconds</source>
            <translation>{n:.0f} sekunder</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/basemap/render.py" line="74" />
            <source>{n:.1f} hours</source>
            <translation>{n:.1f} timmar</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/cachebasemap.py" line="77" />
            <source>{names} is not a background map of the profile. Its background maps: {known}.</source>
            <translation>{names} är inte en bakgrundskarta i profilen. Dess bakgrundskartor: {known}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/case/store.py" line="55" />
            <location filename="../regionplan_plugin/core/case/store.py" line="81" />
            <source>{name} already exists: open it, or choose another file name.</source>
            <translation>{name} finns redan: öppna den, eller välj ett annat filnamn.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/export/model.py" line="121" />
            <source>{name} cannot be written in {folder}: {error}</source>
            <translation>{name} kan inte skrivas i {folder}: {error}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/export/model.py" line="127" />
            <source>{name} cannot be written: {error}. The previous file, if any, is unchanged.</source>
            <translation>{name} kan inte skrivas: {error}. En tidigare fil med samma namn är oförändrad.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/engine.py" line="143" />
            <source>{name} could not be had ({error}): what needs it was not checked.</source>
            <translation>{name} kunde inte hämtas ({error}): det som behöver datamängden kontrollerades inte.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/case/files.py" line="66" />
            <location filename="../regionplan_plugin/core/case/files.py" line="70" />
            <source>{name} is a GeoPackage but not a review case file.</source>
            <translation>{name} är ett GeoPackage men ingen ärendefil.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/cache/refresh.py" line="199" />
            <source>{name} is already up to date.</source>
            <translation>{name} är redan aktuell.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/case/files.py" line="54" />
            <source>{name} is not a GeoPackage, or it is damaged. Open the copy you sent or archived; this file was not changed.</source>
            <translation>{name} är inget GeoPackage, eller så är filen skadad. Öppna kopian som du skickade eller arkiverade; filen har inte ändrats.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/basemap/area.py" line="59" />
            <source>{name} is not a municipality in the profile's municipalities ({dataset}). Choose one of: {known}.</source>
            <translation>{name} är ingen kommun i profilens kommuner ({dataset}). Välj en av: {known}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/load.py" line="37" />
            <source>{name} is not allowed in JSON</source>
            <translation>{name} är inte tillåtet i JSON</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/cache/store.py" line="73" />
            <location filename="../regionplan_plugin/core/sources/access.py" line="245" />
            <source>{name} is not in the offline cache.</source>
            <translation>{name} finns inte i offlinecachen.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/cache/store.py" line="110" />
            <location filename="../regionplan_plugin/core/sources/access.py" line="241" />
            <source>{name} is not in the offline cache. Connect to the network and cache it first.</source>
            <translation>{name} finns inte i offlinecachen. Anslut till nätverket och spara den i cachen först.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/case/store.py" line="128" />
            <source>{name} is read-only: it is shown as it is, and nothing can be saved in it. Save a copy to go on working.</source>
            <translation>{name} är skrivskyddad: den visas som den är och inget kan sparas i den. Spara en kopia för att arbeta vidare.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/case/store.py" line="164" />
            <source>{name} is read-only: nothing was saved. Save a copy of the case to go on working.</source>
            <translation>{name} är skrivskyddad: inget sparades. Spara en kopia av ärendet för att arbeta vidare.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/checkplan_outputs.py" line="52" />
            <source>{name} must be one of {allowed}, not {value}.</source>
            <translation>{name} ska vara något av {allowed}, inte {value}.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/cachelayers.py" line="93" />
            <source>{name}: already fresh, not downloaded again.</source>
            <translation>{name}: redan aktuell, laddas inte ner igen.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/pdf_text.py" line="21" />
            <source>{name}: overlap {area} ({share})</source>
            <translation>{name}: överlapp {area} ({share})</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/here.py" line="181" />
            <source>{name}: the offline copy covers only the area {extent}, and the search around this place reaches outside it; what lies outside is not shown, and no rule is said to find nothing near.</source>
            <translation>{name}: offlinekopian täcker bara området {extent}, och sökningen runt platsen når utanför det; det som ligger utanför visas inte, och ingen regel sägs sakna något i närheten.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/check/extent.py" line="58" />
            <source>{name}: the offline copy covers only the area {extent}; the plan and the rules' distances lie inside it.</source>
            <translation>{name}: offlinekopian täcker bara området {extent}; planen och reglernas avstånd ligger inom det.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/access.py" line="193" />
            <source>{name}: the service failed ({error}); the offline copy was used.</source>
            <translation>{name}: tjänsten svarade med ett fel ({error}); offlinekopian användes.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/ogcapi.py" line="286" />
            <location filename="../regionplan_plugin/core/sources/ogrread.py" line="283" />
            <source>{name}: the service's coordinates are not in the coordinate system it declares ({declared}); they fit the collection's extent as {used} and were read as such.</source>
            <translation>{name}: tjänstens koordinater är inte i det koordinatsystem den anger ({declared}); de passar samlingens utbredning som {used} och lästes så.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/cachelayers.py" line="96" />
            <source>{name}: {count} feature cached.</source>
            <translation>{name}: {count} objekt sparat i cachen.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/cache/refresh.py" line="239" />
            <source>{name}: {count} feature downloaded</source>
            <translation>{name}: {count} objekt nedladdat</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/cachelayers.py" line="100" />
            <source>{name}: {count} feature skipped ({reasons}).</source>
            <translation>{name}: {count} objekt hoppades över ({reasons}).</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/cachelayers.py" line="96" />
            <source>{name}: {count} features cached.</source>
            <translation>{name}: {count} objekt sparade i cachen.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/cache/refresh.py" line="239" />
            <source>{name}: {count} features downloaded</source>
            <translation>{name}: {count} objekt nedladdade</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/cachelayers.py" line="100" />
            <source>{name}: {count} features skipped ({reasons}).</source>
            <translation>{name}: {count} objekt hoppades över ({reasons}).</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/pdf_text.py" line="24" />
            <source>{name}: {distance} m</source>
            <translation>{name}: {distance} m</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/cachelayers.py" line="89" />
            <source>{name}: {error}</source>
            <translation>{name}: {error}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/inbox.py" line="96" />
            <source>{n} case in {folder}</source>
            <translation>{n} ärende i {folder}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/inbox.py" line="96" />
            <source>{n} cases in {folder}</source>
            <translation>{n} ärenden i {folder}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_actions.py" line="310" />
            <source>{n} dataset could not be downloaded: {error}</source>
            <translation>{n} datamängd kunde inte laddas ner: {error}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_actions.py" line="304" />
            <source>{n} dataset is available offline.</source>
            <translation>{n} datamängd är tillgänglig offline.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_actions.py" line="347" />
            <source>{n} dataset updated.</source>
            <translation>{n} datamängd uppdaterades.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_actions.py" line="304" />
            <source>{n} datasets are available offline.</source>
            <translation>{n} datamängder är tillgängliga offline.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_actions.py" line="310" />
            <source>{n} datasets could not be downloaded: {error}</source>
            <translation>{n} datamängder kunde inte laddas ner: {error}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_actions.py" line="347" />
            <source>{n} datasets updated.</source>
            <translation>{n} datamängder uppdaterades.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_tree.py" line="44" />
            <location filename="../regionplan_plugin/core/http/refusals.py" line="37" />
            <source>{n} day</source>
            <translation>{n} dag</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_tree.py" line="44" />
            <location filename="../regionplan_plugin/core/http/refusals.py" line="37" />
            <source>{n} days</source>
            <translation>{n} dagar</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/provenance.py" line="65" />
            <source>{n} feature repaired (invalid geometry)</source>
            <translation>{n} objekt reparerat (ogiltig geometri)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/provenance.py" line="65" />
            <source>{n} features repaired (invalid geometry)</source>
            <translation>{n} objekt reparerade (ogiltig geometri)</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_tree.py" line="42" />
            <location filename="../regionplan_plugin/core/http/refusals.py" line="35" />
            <source>{n} hour</source>
            <translation>{n} timme</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_tree.py" line="42" />
            <location filename="../regionplan_plugin/core/http/refusals.py" line="35" />
            <source>{n} hours</source>
            <translation>{n} timmar</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_tree.py" line="39" />
            <location filename="../regionplan_plugin/core/http/refusals.py" line="32" />
            <source>{n} minute</source>
            <translation>{n} minut</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_tree.py" line="39" />
            <location filename="../regionplan_plugin/core/http/refusals.py" line="32" />
            <source>{n} minutes</source>
            <translation>{n} minuter</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="175" />
            <source>{n} plan area and {rules} rules, outcomes per rule ({states})</source>
            <translation>{n} planområde och {rules} regler, utfall per regel ({states})</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/importplan.py" line="105" />
            <source>{n} plan area from {name} ({crs}).</source>
            <translation>{n} planområde från {name} ({crs}).</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/html.py" line="175" />
            <source>{n} plan areas and {rules} rules, outcomes per plan area and rule ({states})</source>
            <translation>{n} planområden och {rules} regler, utfall per planområde och regel ({states})</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/processing/importplan.py" line="105" />
            <source>{n} plan areas from {name} ({crs}).</source>
            <translation>{n} planområden från {name} ({crs}).</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/refusals.py" line="29" />
            <source>{n} second</source>
            <translation>{n} sekund</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/http/refusals.py" line="29" />
            <source>{n} seconds</source>
            <translation>{n} sekunder</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/layers.py" line="77" />
            <source>{path} cannot be opened as a GeoPackage.</source>
            <translation>{path} kan inte öppnas som GeoPackage.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/parts.py" line="80" />
            <source>{place} (rule {rule}): lists no plan purpose; leave the key out for a rule that concerns every plan</source>
            <translation>{place} (regel {rule}): anger ingen användning; utelämna nyckeln för en regel som gäller alla planer</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/parts.py" line="76" />
            <source>{place} (rule {rule}): must be a list of plan purposes, like {example}</source>
            <translation>{place} (regel {rule}): måste vara en lista med användningar, till exempel {example}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/parts.py" line="87" />
            <source>{place} (rule {rule}): must be a plan purpose, not {value}</source>
            <translation>{place} (regel {rule}): måste vara en användning, inte {value}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/parts.py" line="98" />
            <source>{place} (rule {rule}): {value} is listed twice</source>
            <translation>{place} (regel {rule}): {value} anges två gånger</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/parts.py" line="92" />
            <source>{place} (rule {rule}): {value} is not a plan purpose; did you mean {code}?</source>
            <translation>{place} (regel {rule}): {value} är ingen användning i vokabulären; menade du {code}?</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/parts.py" line="95" />
            <source>{place} (rule {rule}): {value} is not a plan purpose; use one of {allowed}</source>
            <translation>{place} (regel {rule}): {value} är ingen användning i vokabulären; använd någon av {allowed}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/validate.py" line="110" />
            <source>{place}: a Swedish text (sv) is required</source>
            <translation>{place}: en svensk text (sv) krävs</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/validate.py" line="240" />
            <source>{place}: ignored for the relation 'intersects'</source>
            <translation>{place}: ignoreras för relationen 'intersects'</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/validate.py" line="249" />
            <source>{place}: must be 0 or more, not {value}</source>
            <translation>{place}: måste vara 0 eller mer, inte {value}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/parts.py" line="120" />
            <source>{place}: must be a collection id of 1 to 256 characters</source>
            <translation>{place}: måste vara ett samlings-id på 1 till 256 tecken</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/sources.py" line="146" />
            <source>{place}: must be a list of layer names</source>
            <translation>{place}: måste vara en lista med lagernamn</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/sources.py" line="174" />
            <source>{place}: must be a name of 1 to 256 characters</source>
            <translation>{place}: måste vara ett namn på 1 till 256 tecken</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/sources.py" line="194" />
            <source>{place}: must be a year like 2025, not {value}</source>
            <translation>{place}: måste vara ett årtal som 2025, inte {value}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/parts.py" line="136" />
            <source>{place}: must be greater than 0, not {value}</source>
            <translation>{place}: måste vara större än 0, inte {value}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/validate.py" line="54" />
            <source>{place}: must be {expected}, not {actual}</source>
            <translation>{place}: måste vara {expected}, inte {actual}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/sources.py" line="232" />
            <source>{place}: must name a background map as &lt;source id&gt;:&lt;layer&gt;, such as {example}</source>
            <translation>{place}: ska ange en bakgrundskarta som &lt;källans id&gt;:&lt;lager&gt;, till exempel {example}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/validate.py" line="105" />
            <source>{place}: must not be empty</source>
            <translation>{place}: får inte vara tom</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/template.py" line="71" />
            <source>{place}: name a .docx or an .odt template (or both), or leave the key out</source>
            <translation>{place}: ange en .docx- eller .odt-mall (eller båda), eller ta bort nyckeln</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/sources.py" line="134" />
            <source>{place}: only a wfs source has a version</source>
            <translation>{place}: bara en wfs-källa har en version</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/validate.py" line="252" />
            <source>{place}: only used by the relation 'intersects'</source>
            <translation>{place}: används bara av relationen 'intersects'</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/validate.py" line="243" />
            <source>{place}: required for the relation {relation}</source>
            <translation>{place}: krävs för relationen {relation}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/validate.py" line="51" />
            <source>{place}: required, but missing</source>
            <translation>{place}: krävs, men saknas</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/sources.py" line="161" />
            <source>{place}: the dataset id {value} is already used by {other}</source>
            <translation>{place}: datamängds-id:t {value} används redan av {other}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/filters.py" line="130" />
            <source>{place}: the expression cannot be parsed: {error}</source>
            <translation>{place}: uttrycket kan inte tolkas: {error}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/filters.py" line="127" />
            <source>{place}: the expression cannot be parsed: {error} (line {line}, column {column})</source>
            <translation>{place}: uttrycket kan inte tolkas: {error} (rad {line}, kolumn {column})</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/filters.py" line="101" />
            <source>{place}: the expression is empty</source>
            <translation>{place}: uttrycket är tomt</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/filters.py" line="95" />
            <source>{place}: the expression is longer than {limit} characters</source>
            <translation>{place}: uttrycket är längre än {limit} tecken</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/filters.py" line="104" />
            <source>{place}: the expression uses a construct that is not allowed in a rule filter</source>
            <translation>{place}: uttrycket använder en konstruktion som inte är tillåten i ett regelfilter</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/filters.py" line="108" />
            <source>{place}: the function {name}() is not allowed in a rule filter; use comparisons, boolean logic, arithmetic and text functions on the collection's attributes</source>
            <translation>{place}: funktionen {name}() är inte tillåten i ett regelfilter; använd jämförelser, boolesk logik, aritmetik och textfunktioner på samlingens attribut</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/filters.py" line="124" />
            <source>{place}: the function {name}() is not known</source>
            <translation>{place}: funktionen {name}() är okänd</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/filters.py" line="112" />
            <source>{place}: the functions {names} are not allowed in a rule filter; use comparisons, boolean logic, arithmetic and text functions on the collection's attributes</source>
            <translation>{place}: funktionerna {names} är inte tillåtna i ett regelfilter; använd jämförelser, boolesk logik, aritmetik och textfunktioner på samlingens attribut</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/validate.py" line="234" />
            <source>{place}: the rule id {value} is already used by {other}</source>
            <translation>{place}: regel-id {value} används redan av {other}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/sources.py" line="124" />
            <source>{place}: the source id {value} is already used by {other}</source>
            <translation>{place}: käll-id:t {value} används redan av {other}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/parts.py" line="173" />
            <source>{place}: the statistic id {value} is already used by {other}</source>
            <translation>{place}: statistik-id {value} används redan av {other}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/validate.py" line="211" />
            <source>{place}: the theme id {value} is already used by {other}</source>
            <translation>{place}: tema-id {value} används redan av {other}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/parts.py" line="214" />
            <source>{place}: the word must have 1 to {limit} characters</source>
            <translation>{place}: ordet måste ha 1 till {limit} tecken</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/validate.py" line="48" />
            <source>{place}: unknown key, ignored</source>
            <translation>{place}: okänd nyckel, ignoreras</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/sources.py" line="177" />
            <source>{place}: {other} already declares {name} of the source {source}</source>
            <translation>{place}: {other} beskriver redan {name} i källan {source}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/sources.py" line="170" />
            <source>{place}: {value} is a background source; a rule cannot use this dataset</source>
            <translation>{place}: {value} är en bakgrundskälla; en regel kan inte använda den här datamängden</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/sources.py" line="163" />
            <source>{place}: {value} is already a source id; give the dataset another id</source>
            <translation>{place}: {value} är redan ett käll-id; ge datamängden ett annat id</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/sources.py" line="248" />
            <source>{place}: {value} is in the {type} source {source}, which is not a background map; name a layer of a wms, wmts or xyz source ({known})</source>
            <translation>{place}: {value} finns i {type}-källan {source}, som inte är en bakgrundskarta; ange ett lager i en wms-, wmts- eller xyz-källa ({known})</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/sources.py" line="220" />
            <source>{place}: {value} is in the {type} source {source}; background sources never take part in a rule, use a dataset of a feature source</source>
            <translation>{place}: {value} finns i {type}-källan {source}; bakgrundskällor ingår aldrig i en regel, använd en datamängd från en objektkälla</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/validate.py" line="120" />
            <source>{place}: {value} is not a finite number</source>
            <translation>{place}: {value} är inte ett ändligt tal</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/parts.py" line="219" />
            <source>{place}: {value} is not a plan purpose; use one of {allowed}</source>
            <translation>{place}: {value} är ingen användning i vokabulären; använd någon av {allowed}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/sources.py" line="128" />
            <location filename="../regionplan_plugin/core/profile/validate.py" line="177" />
            <source>{place}: {value} is not an http(s) URL</source>
            <translation>{place}: {value} är inte en http(s)-URL</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/sources.py" line="185" />
            <source>{place}: {value} is not one of the profile's themes ({allowed})</source>
            <translation>{place}: {value} är inte ett av profilens teman ({allowed})</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/parts.py" line="198" />
            <location filename="../regionplan_plugin/core/profile/template.py" line="61" />
            <location filename="../regionplan_plugin/core/profile/validate.py" line="83" />
            <source>{place}: {value} is not one of {allowed}</source>
            <translation>{place}: {value} är inte något av {allowed}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/sources.py" line="167" />
            <source>{place}: {value} is not the id of one of the profile's sources ({allowed})</source>
            <translation>{place}: {value} är inte id för någon av profilens källor ({allowed})</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/validate.py" line="73" />
            <source>{place}: {value} must be 1 to 64 characters from a-z, 0-9, _ and -</source>
            <translation>{place}: {value} måste vara 1 till 64 tecken bland a-z, 0-9, _ och -</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/validate.py" line="207" />
            <source>{place}: {value} must be 1 to 64 characters without spaces</source>
            <translation>{place}: {value} måste vara 1 till 64 tecken utan mellanslag</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/template.py" line="51" />
            <source>{place}: {value} must be a .docx or .odt file</source>
            <translation>{place}: {value} måste vara en .docx- eller .odt-fil</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/template.py" line="66" />
            <source>{place}: {value} must be a .{kind} file</source>
            <translation>{place}: {value} måste vara en .{kind}-fil</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/template.py" line="110" />
            <location filename="../regionplan_plugin/core/profile/template.py" line="83" />
            <source>{place}: {value} must be a file path (relative to the profile) or an http(s) URL</source>
            <translation>{place}: {value} måste vara en sökväg (relativ till profilen) eller en http(s)-URL</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/parts.py" line="195" />
            <source>{place}: {value} must name the field to add up, like {example}</source>
            <translation>{place}: {value} måste ange fältet som ska summeras, till exempel {example}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/sources.py" line="244" />
            <location filename="../regionplan_plugin/core/profile/sources.py" line="254" />
            <source>{place}: {value} names no background map of the profile; its background maps: {known}</source>
            <translation>{place}: {value} är ingen av profilens bakgrundskartor; dess bakgrundskartor: {known}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/profile/sources.py" line="218" />
            <source>{place}: {value} names no source of the profile</source>
            <translation>{place}: {value} hänvisar inte till någon källa i profilen</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/case_view.py" line="113" />
            <source>{rule} – {feature}: {original}; decision: {decision}; reason: {reason} ({time})</source>
            <translation>{rule} – {feature}: {original}; beslut: {decision}; motivering: {reason} ({time})</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/case_view.py" line="96" />
            <source>{severity} (originally: {original})</source>
            <translation>{severity} (ursprungligen: {original})</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/sources/whole.py" line="164" />
            <source>{shx} lists {shapes} shapes but {dbf} holds {records} records.</source>
            <translation>{shx} anger {shapes} geometrier men {dbf} innehåller {records} poster.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_tree.py" line="139" />
            <source>{source}. Note: {caveat}</source>
            <translation>{source}. Anmärkning: {caveat}</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_actions.py" line="333" />
            <source>{stale} of {total} cached dataset has updates.</source>
            <translation>{stale} av {total} datamängd i cachen har uppdateringar.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_actions.py" line="333" />
            <source>{stale} of {total} cached datasets have updates.</source>
            <translation>{stale} av {total} datamängder i cachen har uppdateringar.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_tree.py" line="227" />
            <source>{time} (age: {age})</source>
            <translation>{time} (ålder: {age})</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/case_view.py" line="274" />
            <source>{version}. {label} ({date})</source>
            <translation>{version}. {label} ({date})</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/detaljplan.py" line="87" />
            <location filename="../regionplan_plugin/core/plans/detaljplan.py" line="164" />
            <source>{what} has no geometry.</source>
            <translation>{what} saknar geometri.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/detaljplan.py" line="155" />
            <source>{what} has no polygon in its plangeometri.</source>
            <translation>{what} har ingen yta i sin plangeometri.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/detaljplan.py" line="167" />
            <source>{what} is a use provision without an area.</source>
            <translation>{what} är en användningsbestämmelse utan yta.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/detaljplan.py" line="92" />
            <source>{what}: geometry {n} has no 'geometri'.</source>
            <translation>{what}: geometri {n} saknar 'geometri'.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/detaljplan.py" line="100" />
            <source>{what}: geometry {n} has no readable coordinates ('position').</source>
            <translation>{what}: geometri {n} har inga läsbara koordinater ('position').</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/plans/detaljplan.py" line="104" />
            <source>{what}: geometry {n} is not a polygon.</source>
            <translation>{what}: geometri {n} är inte en yta.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/gui/catalogue_actions.py" line="162" />
            <source>“{title}” is not available offline.</source>
            <translation>”{title}” är inte tillgänglig offline.</translation>
        </message>
        <message>
            <location filename="../regionplan_plugin/core/report/pdf_table.py" line="54" />
            <source>… ({count} more characters)</source>
            <translation>… ({count} tecken till)</translation>
        </message>
        <message>
            <source>(from {area} m² overlap)</source>
            <translation type="obsolete">(från {area} m² överlapp)</translation>
        </message>
        <message>
            <source>Area (m²)</source>
            <translation type="obsolete">Area (m²)</translation>
        </message>
        <message>
            <source>Cached, an update is available</source>
            <translation type="obsolete">I cachen, en uppdatering finns</translation>
        </message>
        <message>
            <source>Cached, up to date</source>
            <translation type="obsolete">I cachen, aktuell</translation>
        </message>
        <message>
            <source>Checked at (UTC)</source>
            <translation type="obsolete">Avstämningstid (UTC)</translation>
        </message>
        <message>
            <source>Checked, not affected</source>
            <translation type="obsolete">Kontrollerade, berörs inte</translation>
        </message>
        <message>
            <source>Conflicts: {c}, attention: {a}, support: {s}, information: {i}.</source>
            <translation type="obsolete">Konflikter: {c}, att beakta: {a}, i linje med RUS: {s}, information: {i}.</translation>
        </message>
        <message>
            <source>Fetched (UTC)</source>
            <translation type="obsolete">Hämtad (UTC)</translation>
        </message>
        <message>
            <source>Findings by rule</source>
            <translation type="obsolete">Träffar per regel</translation>
        </message>
        <message>
            <source>Findings that support the plan</source>
            <translation type="obsolete">Träffar i linje med RUS</translation>
        </message>
        <message>
            <source>Municipality of the plan: {names}.</source>
            <translation type="obsolete">Planens kommun: {names}.</translation>
        </message>
        <message>
            <source>No neighbouring municipality lies within the boundary rule's distance.</source>
            <translation type="obsolete">Ingen grannkommun ligger inom avståndet i regeln för kommungränser.</translation>
        </message>
        <message>
            <source>Not cached</source>
            <translation type="obsolete">Inte i cachen</translation>
        </message>
        <message>
            <source>Not checked (no plan feature in the region).</source>
            <translation type="obsolete">Ej kontrollerad (inget planområde ligger i regionen).</translation>
        </message>
        <message>
            <source>Offline copy</source>
            <translation type="obsolete">Offlinekopia</translation>
        </message>
        <message>
            <source>Overlap change (m²)</source>
            <translation type="obsolete">Ändrad överlappning (m²)</translation>
        </message>
        <message>
            <source>Plan review</source>
            <translation type="obsolete">Avstämning</translation>
        </message>
        <message>
            <source>Renders the profile's background maps (WMS, WMTS or XYZ) for an area into a GeoPackage raster, so that the area has a background map without a network, for example in the field.

Profile: a profile file or URL; empty uses the bundled profile.
Background maps: comma-separated references (&lt;source id&gt;:&lt;layer&gt;); empty uses the profile's report background, else its first background map.
Extent: the area.
Largest scale: the most detailed scale kept (10000 = 1:10 000).
Output: a GeoPackage; empty keeps it in the offline cache, where the catalogue and the reports use it.

The size and time are estimated first; an area that is too large is refused with the estimate. A failed or cancelled run leaves the previous background map in use.</source>
            <translation type="obsolete">Ritar profilens bakgrundskartor (WMS, WMTS eller XYZ) för ett område till ett GeoPackage-raster, så att området har en bakgrundskarta utan nätverk, till exempel i fält.

Profil: en profilfil eller URL; tomt använder den medföljande profilen.
Bakgrundskartor: kommaseparerade referenser (&lt;källans id&gt;:&lt;lager&gt;); tomt använder profilens bakgrundskarta för rapporter, annars dess första bakgrundskarta.
Utbredning: området.
Största skala: den mest detaljerade skala som sparas (10000 = 1:10 000).
Utdata: ett GeoPackage; tomt sparar det i offlinecachen, där katalogen och rapporterna använder det.

Storlek och tid uppskattas först; ett för stort område avvisas med uppskattningen. En misslyckad eller avbruten körning lämnar den tidigare bakgrundskartan i bruk.</translation>
        </message>
        <message>
            <source>Run a check in the plan review tab, then add it here as a new version.</source>
            <translation type="obsolete">Stäm av planen under fliken Avstämning och lägg sedan till den här som en ny version.</translation>
        </message>
        <message>
            <source>Support</source>
            <translation type="obsolete">Stöd</translation>
        </message>
        <message>
            <source>The check found no corridor, node or core of the RUS structure plans near the plan.</source>
            <translation type="obsolete">Avstämningen fann inget stråk, ingen nod och ingen kärna i RUS strukturbilder nära planen.</translation>
        </message>
        <message>
            <source>The check found no regional interest that the plan affects.</source>
            <translation type="obsolete">Avstämningen fann inget regionalt intresse som planen berör.</translation>
        </message>
        <message>
            <source>The plan conflicts with regional interests: see the conflicts below.</source>
            <translation type="obsolete">Planen står i konflikt med regionala intressen: se konflikterna nedan.</translation>
        </message>
        <message>
            <source>The plan lies within {distance} m of the boundary to these neighbouring municipalities, which should be consulted: {names}.</source>
            <translation type="obsolete">Planen ligger inom {distance} m från gränsen mot följande grannkommuner, som bör involveras i samrådet: {names}.</translation>
        </message>
        <message>
            <source>The profile has no municipal boundary rule; not assessed.</source>
            <translation type="obsolete">Profilen har ingen regel för kommungränser; inte bedömt.</translation>
        </message>
        <message>
            <source>The profile names a source type this plugin cannot read: {type}.</source>
            <translation type="obsolete">Profilen anger en källtyp som insticksprogrammet inte kan läsa: {type}.</translation>
        </message>
        <message>
            <source>The service at {url} did not answer with valid JSON. Check the service address.</source>
            <translation type="obsolete">Tjänsten på {url} svarade inte med giltig JSON. Kontrollera tjänstens adress.</translation>
        </message>
        <message>
            <source>Verdict: no conflicts with the regional strategy.</source>
            <translation type="obsolete">Samlad bedömning: inga konflikter med den regionala strategin.</translation>
        </message>
        <message>
            <source>Verdict: the plan conflicts with the regional strategy.</source>
            <translation type="obsolete">Samlad bedömning: planen står i konflikt med den regionala strategin.</translation>
        </message>
        <message>
            <source>dashed lines: shortest distance to the regional feature</source>
            <translation type="obsolete">streckade linjer: kortaste avstånd till det regionala objektet</translation>
        </message>
        <message>
            <source>needs OAuth2 (client credentials)</source>
            <translation type="obsolete">kräver OAuth2 (klientuppgifter)</translation>
        </message>
        <message>
            <source>review</source>
            <translation type="obsolete">avstämning</translation>
        </message>
        <message>
            <source>see the map</source>
            <translation type="obsolete">se kartan</translation>
        </message>
        <message>
            <source>{name} ({distance} m)</source>
            <translation type="obsolete">{name} ({distance} m)</translation>
        </message>
        <message>
            <source>{title} ({severity}): {message}</source>
            <translation type="obsolete">{title} ({severity}): {message}</translation>
        </message>
        <message>
            <source>{title} ({severity}): {message} Concerned: {names}.</source>
            <translation type="obsolete">{title} ({severity}): {message} Berörda: {names}.</translation>
        </message>
        <message>
            <source>{title} ({severity}): {message} Nearest: {names}.</source>
            <translation type="obsolete">{title} ({severity}): {message} Närmast: {names}.</translation>
        </message>
        <message>
            <source>{title}: {message} ({names}).</source>
            <translation type="obsolete">{title}: {message} ({names}).</translation>
        </message>
    </context>
</TS>
