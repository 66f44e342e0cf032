"""What feedpub.dateparser_dates reads of dateparser, kept as data: made by
tools/dateparser_words.py from the dateparser below, used only with that version;
do not edit by hand."""

DATEPARSER_VERSION = "1.5.0"

# The upper-cased ASCII abbreviations of its zone table, space-separated (None: a
# table of another shape).
ZONE_ABBREVIATIONS: str | None = (
    "ACDT ACST ACT ACWDT ACWST ADDT ADMT ADT AEDT AEST AFT AHDT AHST AKDT AKST AKTST AKTT "
    "ALMST ALMT AMST AMT ANAST ANAT ANT APT AQTST AQTT ARST ART ASHST ASHT AST AWDT AWST "
    "AWT AZOMT AZOST AZOT AZST AZT BAKST BAKT BDST BDT BEAT BEAUT BIOT BMT BNT BORT BOST "
    "BOT BRST BRT BST BTT BURT CANT CAPT CAST CAT CAWT CCT CDDT CDT CEDT CEMT CEST CET CGST "
    "CGT CHADT CHAST CHDT CHOST CHOT CHST CIST CKHST CKT CLST CLT CMT COST COT CPT CST CUT "
    "CVST CVT CWT CXT DACT DAVT DDUT DFT DMT DUSST DUST EASST EAST EAT ECT EDDT EDT EEDT "
    "EEST EET EGST EGT EHDT EMT EPT EST ET EWT FET FFMT FJST FJT FKST FKT FMT FNST FNT FORT "
    "FRUST FRUT GALT GAMT GBGT GEST GET GFT GHST GILT GIT GMT GST GYT HAA HAC HADT HAE HAP "
    "HAR HAST HAT HAY HDT HKST HKT HLV HMT HNA HNC HNE HNP HNR HNT HNY HOVST HOVT HST ICT "
    "IDDT IDT IHST IMT IOT IRDT IRKST IRKT IRST ISST IST JAVT JCST JDT JMT JST JWST KART "
    "KDT KGST KGT KIZST KIZT KMT KOST KRAST KRAT KST KUYST KUYT KWAT LHDT LHST LINT LKT LMT "
    "LRT LST MADMT MADST MADT MAGST MAGT MALST MALT MART MAWT MDDT MDST MDT MEST MESZ MET "
    "MEZ MHT MIST MIT MMT MOST MOT MPT MSD MSK MSM MST MUST MUT MVT MWT MYT NCST NCT NDDT "
    "NDT NEGT NEST NET NFT NMT NOVST NOVT NPT NRT NST NT NUT NWT NZDT NZMT NZST OMSST OMST "
    "ORAST ORAT PDDT PDT PEST PET PETST PETT PGT PHOT PHST PHT PKST PKT PLMT PMDT PMMT PMST "
    "PMT PNT PONT PPMT PPT PST PT PWT PYST PYT QMT QYZST QYZT RET RMT ROTT SAKST SAKT SAMT "
    "SAST SBT SCT SDMT SDT SET SGT SHEST SHET SJMT SLT SMT SRET SRT SST STAT SVEST SVET "
    "SWAT SYOT TAHT TASST TAST TBIST TBIT TBMT TFT THA TJT TKT TLT TMT TOST TOT TRST TRT "
    "TSAT TVT ULAST ULAT URAST URAT UT UTC UYHST UYST UYT UZST UZT VET VLAST VLAT VOLST "
    "VOLT VOST VUST VUT WARST WART WAST WAT WDT WEDT WEMT WEST WET WFT WGST WGT WIB WIT "
    "WITA WMT WSDT WSST WST WT XJT YAKST YAKT YAPT YDDT YDT YEKST YEKT YERST YERT YPT YST "
    "YWT Z ZZZ "
)

# Each language's (every word, the words that say a date), lowercased without accents,
# space-separated.
WORDS: dict[str, tuple[str, str]] = {
    "en": (
        (
            "a about ad after afternoon ago am an and apr april at aug august before by "
            "centur centuries century d date day days dec decade decades december early "
            "eight eighteen eighty eleven evening feb february fifteen fifty five fortnight "
            "fortnights forty four fourteen fr fri friday from h hour hours hr hrs hundred "
            "ies in jan january jul july jun june just last later less m mar march may "
            "midnight min mins minute minutes mo mon monday mons month months morning nd "
            "next night nine nineteen ninety noon nov november now oct october of on one pm "
            "rd s sa sat saturday sec second seconds secs sep sept september seven "
            "seventeen seventy six sixteen sixty small st su sun sunday ten th than the "
            "thirteen thirty this three thu thursday till time today tomorrow tonight tu "
            "tue tues tuesday twelve twenty two w we wed wednesday wee week weeks wk y year "
            "years yesterday yr "
        ),
        (
            "after afternoon ago apr april aug august before centuries century date day "
            "days dec decade decades december early evening feb february fortnight "
            "fortnights fri friday hour hours hrs jan january jul july jun june last mar "
            "march may min mins minute minutes mon monday month months morning next night "
            "nov november now oct october sat saturday sec second seconds secs sep sept "
            "september small sun sunday this thu thursday till time today tomorrow tue tues "
            "tuesday wed wednesday wee week weeks year years yesterday "
        ),
    ),
    "de": (
        (
            "acht am apr april aug august dez dezember di die dienstag diese diesen dieser "
            "dieses do don donnerstag drei ein einem einer elf etwa feb feber februar fr "
            "fre freitag funf gestern h heute im in j jahr jahre jahren jan janner januar "
            "jetzt jul juli jun juni letzte letzten letztes m mai mar marz mi min minute "
            "minuten mit mittwoch mo mon monat monate monaten montag morgen mrz nachm "
            "nachste nachsten nachstes neun nov november okt oktober pm s sa sam samstag "
            "sechs sek sekunde sekunden sep sept september sieben so son sonntag std stunde "
            "stunden tag tage tagen ubermorgen uhr um und vier vor vorgestern vorm w wo "
            "woche wochen zehn zwei zwolf "
        ),
        (
            "apr april aug august dez dezember die dienstag diese diesen dieser dieses don "
            "donnerstag feb feber februar fre freitag gestern heute jahr jahre jahren jan "
            "janner januar jetzt jul juli jun juni letzte letzten letztes mai mar marz min "
            "minute minuten mit mittwoch mon monat monate monaten montag morgen mrz nachste "
            "nachsten nachstes nov november okt oktober sam samstag sek sekunde sekunden "
            "sep sept september son sonntag std stunde stunden tag tage tagen ubermorgen "
            "vor vorgestern woche wochen "
        ),
    ),
    "fr": (
        (
            "a am an annee annees ans aou aout apr apres aujourd avant avr avril ce cette "
            "ci cinq d dans de dec decembre demain dernier derniere deux di dim dimanche "
            "dix douze ee en environ er et fev fevr fevrier h heure heures hier hui huit il "
            "j jan janv janvier je jeu jeudi jhms jour jours juil juillet juin jul jun l la "
            "le lu lun lundi m ma mai maintenant mar mardi mars me mer mercredi midi min "
            "minute minutes moins mois neuf nov novembre oct octobre onze pm prochain "
            "prochaine quatre s sa sam samedi seconde secondes sem semaine semaines sep "
            "sept septembre six trois un une ve ven vendredi y ya "
        ),
        (
            "annee annees ans aou aout apres aujourd avant avr avril cette dans dec "
            "decembre demain dernier derniere dim dimanche fev fevr fevrier heure heures "
            "hier hui jan janv janvier jeu jeudi jour jours juil juillet juin jul jun lun "
            "lundi mai maintenant mar mardi mars mer mercredi min minute minutes mois nov "
            "novembre oct octobre prochain prochaine sam samedi seconde secondes sem "
            "semaine semaines sep sept septembre ven vendredi "
        ),
    ),
    "es": (
        (
            "a abr abril ago agosto ahora am ano anos ant anteayer ayer cerca d de del "
            "dentro dia dias dic diciembre do dom domingo el en ene enero esta este feb "
            "febrero h hace hora horas hoy ju jue jueves jul julio jun junio la las lu lun "
            "lunes m madrugada manana mar martes marzo may mayo mes meses mi mie miercoles "
            "min minuto minutos nov noviembre oct octubre pasada pasado pm por prox proxima "
            "proximo s sa sab sabado segundo segundos sem semana semanas sep sept "
            "septiembre set setiembre un una vi vie viernes y "
        ),
        (
            "abr abril ago agosto ahora ano anos ant anteayer ayer dentro dia dias dic "
            "diciembre dom domingo ene enero esta este feb febrero hace hora horas hoy jue "
            "jueves jul julio jun junio lun lunes madrugada manana mar martes marzo may "
            "mayo mes meses mie miercoles min minuto minutos nov noviembre oct octubre "
            "pasada pasado prox proxima proximo sab sabado segundo segundos sem semana "
            "semanas sep sept septiembre set setiembre vie viernes "
        ),
    ),
    "nl": (
        (
            "am apr april aug augustus binnen dag dagen dec december deze dgn di dinsdag "
            "dit do donderdag een eergisteren feb februari geleden gisteren in jaar jan "
            "januari jr jul juli jun juni ma maand maandag maanden maart mei min minuten "
            "minuut mnd morgen mrt nov november nu okt oktober om over overmorgen pm s sec "
            "seconde seconden sep september u uur vandaag volgend volgende vorig vorige vr "
            "vrijdag week weken wk wo woensdag za zaterdag zo zondag "
        ),
        (
            "apr april aug augustus binnen dag dagen dec december deze dgn dinsdag dit "
            "donderdag een eergisteren feb februari geleden gisteren jaar jan januari jul "
            "juli jun juni maand maandag maanden maart mei min minuten minuut mnd morgen "
            "mrt nov november okt oktober over overmorgen sec seconde seconden sep "
            "september uur vandaag volgend volgende vorig vorige vrijdag week weken "
            "woensdag zaterdag zondag "
        ),
    ),
    "it": (
        (
            "ago agosto alle altro am anni anno apr aprile circa dic dicembre dom domani "
            "domenica e fa feb febbraio g gen gennaio gg gio giorni giorno giovedi giu "
            "giugno h ieri in lug luglio lun lunedi m mag maggio mar martedi marzo mer "
            "mercoledi mese mesi min minuti minuto nov novembre oggi ora ore ott ottobre pm "
            "prossima prossimo quest questa questo s sab sabato scorsa scorso sec secondi "
            "secondo set sett settembre settimana settimane tra un ven venerdi "
        ),
        (
            "ago agosto altro anni anno apr aprile dic dicembre dom domani domenica feb "
            "febbraio gen gennaio gio giorni giorno giovedi giu giugno ieri lug luglio lun "
            "lunedi mag maggio mar martedi marzo mer mercoledi mese mesi min minuti minuto "
            "nov novembre oggi ora ore ott ottobre prossima prossimo quest questa questo "
            "sab sabato scorsa scorso sec secondi secondo set sett settembre settimana "
            "settimane tra ven venerdi "
        ),
    ),
    "pt": (
        (
            "abr abril ago agora agosto alguns am amanha ano anos anteontem as atras cerca "
            "de dez dezembro dia dias dom domingo e em esta este feira fev fevereiro h ha "
            "hoje hora horas jan janeiro jul julho jun junho m madrugada mai maio mar marco "
            "mes meses min mins minuto minutos na nov novembro ontem out outubro passada "
            "passado pela pm proxima proximo qua quarta qui quinta s sab sabado seg segs "
            "segunda segundo segundos sem semana semanas septembro set setembro sex sexta "
            "ter terca um uma "
        ),
        (
            "abr abril ago agora agosto amanha ano anos anteontem atras dez dezembro dia "
            "dias dom domingo esta este feira fev fevereiro hoje hora horas jan janeiro jul "
            "julho jun junho madrugada mai maio mar marco mes meses min mins minuto minutos "
            "nov novembro ontem out outubro passada passado pela proxima proximo qua quarta "
            "qui quinta sab sabado seg segs segunda segundo segundos sem semana semanas "
            "septembro set setembro sex sexta ter terca "
        ),
    ),
}
