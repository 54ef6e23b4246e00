"""The acute lexicons read as examples: danger now is acute, the same words in the past, as a habit,
a conditional threat or an idiom are not.

Every language's lexicon runs on every message (nlu/safety_net.py), so each case goes through the
full pooled rule. The cases are our own sentences, never the held-out set.
"""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional, Tuple

import pytest
import yaml

from nlu.safety_net import scan_acute

LANGUAGES_DIR = Path(__file__).resolve().parents[2] / "languages"
REQUIRED_SIGNALS = {
    "violence_now", "on_the_way", "weapon", "kill_threat", "locked_in", "strangling", "overdose",
    "bleeding", "suicide_now", "unconscious", "sexual_assault_now", "child_in_danger_now",
}

NB_ACUTE: List[Tuple[str, Optional[str]]] = [
    ("han slår meg nå, hjelp", "violence_now"),
    ("pappa holder på å banke lillebroren min", "violence_now"),
    ("samboeren sparker meg i magen nå og jeg ligger på gulvet", "violence_now"),
    ("ble slått ned nå nettopp utenfor kiosken", "violence_now"),
    ("eksen er på vei hit og sa han skal knuse meg", "on_the_way"),
    ("han prøver å bryte seg inn hos meg", "on_the_way"),
    ("noen hamrer på døra og skriker navnet mitt", "on_the_way"),
    ("det er en mann som følger etter meg fra bussen", "followed"),
    ("exen står utenfor døra og vil ikke gå", "followed"),
    ("stefaren min har kniv og skriker", "weapon"),
    ("kjæresten truer meg med kniv akkurat nå", "weapon"),
    ("han har hagla framme og er helt gal", "weapon"),
    ("broren min sier han skal drepe meg fordi jeg har kjæreste", "kill_threat"),
    ("han sier at i natt skal han gjøre slutt på oss begge", "kill_threat"),
    ("de har låst meg inne på rommet og tatt telefonen min", "locked_in"),
    ("jeg har gjemt meg, gjemmer meg på badet nå", "locked_in"),
    ("mannen min kvelte meg nå nettopp", "strangling"),
    ("han holder meg rundt halsen og jeg får ikke puste", "strangling"),
    ("jeg har tatt alle pillene mine", "overdose"),
    ("har tatt 20 paracet for en time siden", "overdose"),
    ("drakk masse og tok sovetabletter, føler meg rar", "overdose"),
    ("kutta for dypt og det slutter ikke å blø", "bleeding"),
    ("jeg blør fra hodet etter at han dytta meg ned trappa", "bleeding"),
    ("har bestemt meg, i kveld tar jeg livet mitt", "suicide_now"),
    ("står på brua og skal hoppe", "suicide_now"),
    ("har skrevet avskjedsbrev og har pillene foran meg", "suicide_now"),
    ("tauet er klart, orker ikke mer", "suicide_now"),
    ("skal ta livet mitt når mamma har lagt seg", "suicide_now"),
    ("vil dø i kveld", "suicide_now"),
    ("kjæresten min våkner ikke og han har tatt noe", "unconscious"),
    ("pappa slo lillesøster i hodet og nå svarer hun ikke", "unconscious"),
    ("jeg ble voldtatt nå nettopp og han er fortsatt i leiligheten", "sexual_assault_now"),
    ("han prøver å voldta meg", "sexual_assault_now"),
    ("stefar slår babyen nå", "child_in_danger_now"),
    ("rista babyen min og nå er han rar og slapp", "child_in_danger_now"),
    ("han kvelte meg for to år siden og nå har han kniv igjen", "weapon"),
    ("slo meg for lenge siden, men akkurat nå står han med en kniv", "weapon"),
    ("han har en pistol og sier han dreper meg hvis jeg roper", "weapon"),
    ("hjelp han slår meg na", "violence_now"),
    ("jeg har tatt masse piller og svelga dem med vodka", "overdose"),
    ("det er en mann som slår en dame ute på gata nå", "violence_now"),
    ("de står og venter på meg utenfor skolen og sier de skal banke meg nå", None),
    ("sitter på rekkverket nå", "suicide_now"),
    ("vi er på flyplassen nå og de tvinger meg til å bli med", "taken_away_now"),
]
NB_NOT_ACUTE: List[str] = [
    "jeg dør av latter",
    "eksamen i dag var drepen kjedelig",
    "denne eksamen dreper meg",
    "mamma kommer til å drepe meg når hun ser karakterene",
    "han kastet en kniv etter meg for to år siden",
    "han kvelte meg en gang for to år siden og nå blir han sint igjen",
    "jeg tok overdose i fjor men har det bedre nå og vil snakke med noen",
    "samboer slår meg når han har drukket",
    "han sa han skal drepe meg hvis jeg går fra han",
    "pappa truer med å drepe hunden min hvis jeg ikke hører etter",
    "han låser meg inne når han drar på jobb",
    "han har tatt meg rundt halsen to ganger når vi krangla",
    "eksen følger etter meg og står utenfor jobben min hele tiden",
    "mannen min dytter meg og holder meg fast så jeg får blåmerker",
    "er så stressa for eksamen at jeg ikke får puste",
    "har lyst til å dø men har ingen plan",
    "tenker mye på å ta livet mitt for tiden",
    "jeg kutter meg for å klare å roe meg ned",
    "tok en paracet mot hodepinen",
    "pappa tok livet sitt for to år siden og jeg har ingen å snakke med om det",
    "da jeg var liten slo faren min oss, er voksen nå",
    "han slår meg nå og da",
    "hva gjør man hvis han kommer med kniv",
    "vi spiste med kniv og gaffel i kveld",
    "han dreper meg hele tiden i fortnite",
    "slår hodet i veggen når det blir for mye",
    "gf sier hun skal kutte seg hvis jeg er med kompisene mine",
    "ble voldtatt for fem år siden og har fått mareritt igjen",
    "jeg blør litt fra tannkjøttet",
    "holdt på å besvime av latter",
    "mamma svarer ikke på meldingene mine",
    "skal hoppe fra tieren i svømmehallen i morgen",
    "en fremmed tok kvelertak på meg på byen for to år siden, tenker på det ennå",
    "eksmannen min slo meg for mange år siden og jeg sliter fortsatt med det",
    "han presset meg hele tiden og ble sint når jeg sa nei",
    "skal ikke ta livet mitt, men trenger noen å snakke med",
    "jeg slår av pcen nå",
    "det slår meg nå at jeg aldri har sagt det til noen",
    "kaster bort tiden nå",
    "har tatt alle tablettene mine i dag som vanlig",
    "butikken blør penger",
    "står på brua og tar bilder nå",
    "slår opp med kjæresten nå",
    "kaster opp etter hvert måltid nå og klarer ikke slutte",
    "pappa er på vei hjem med pizza",
    "pappa tar meg med til flyplassen for å hente mormor",
    "hva skjer hvis man tar en overdose paracet",
    "kaster ball med lillebror nå",
]

NN_ACUTE: List[Tuple[str, Optional[str]]] = [
    ("han slår meg no, hjelp", "violence_now"),
    ("pappa held på å banke veslebroren min", "violence_now"),
    ("eg vart slått ned nett no utanfor butikken", "violence_now"),
    ("eksen er på veg hit og seier han skal knuse meg", "on_the_way"),
    ("han prøver å kome seg inn på rommet mitt", "on_the_way"),
    ("det er ein mann som følgjer etter meg frå bussen", "followed"),
    ("han står utanfor døra og vil ikkje gå", "followed"),
    ("stefaren min har kniv og skrik", "weapon"),
    ("kjærasten trugar meg med kniv akkurat no", "weapon"),
    ("broren min seier han skal drepe meg fordi eg har kjæraste", "kill_threat"),
    ("dei har låst meg inne på rommet og teke telefonen min", "locked_in"),
    ("eg gøymer meg på badet, han er heilt gal", "locked_in"),
    ("mannen min kvelte meg no nettopp", "strangling"),
    ("han held meg rundt halsen og eg får ikkje puste", "strangling"),
    ("eg har teke alle pillene mine", "overdose"),
    ("har teke 30 paracet for ein time sidan", "overdose"),
    ("kutta meg for djupt og det sluttar ikkje å blø", "bleeding"),
    ("det er så mykje blod, han slo meg med ei flaske", "bleeding"),
    ("eg har bestemt meg, i kveld tek eg livet mitt", "suicide_now"),
    ("står på brua og skal hoppe", "suicide_now"),
    ("har skrive avskjedsbrev og pillene ligg framfor meg", "suicide_now"),
    ("eg vil døy i kveld", "suicide_now"),
    ("veninna mi vaknar ikkje og ho har drukke mykje", "unconscious"),
    ("han er medvitslaus og pustar ikkje", "unconscious"),
    ("han valdtek meg no", "sexual_assault_now"),
    ("eg vart valdteken no nettopp og han er framleis her", "sexual_assault_now"),
    ("stefar slår babyen no", "child_in_danger_now"),
    ("eg rista babyen og no er han slapp", "child_in_danger_now"),
    ("han kvelte meg for to år sidan og no har han kniv igjen", "weapon"),
    ("ho har teke ein overdose og svarar ikkje", "overdose"),
    ("det er ein mann som slår ei dame ute på gata no", "violence_now"),
]
NN_NOT_ACUTE: List[str] = [
    "eg døyr av latter",
    "eksamen dreper meg",
    "mamma kjem til å drepe meg når ho ser karakterane",
    "han kasta ein kniv etter meg for to år sidan",
    "han kvelte meg ein gong for to år sidan og no blir han sint igjen",
    "eg tok overdose i fjor men har det betre no",
    "sambuaren slår meg når han har drukke",
    "han sa han skal drepe meg viss eg går frå han",
    "han låser meg inne når han dreg på jobb",
    "han har teke meg rundt halsen to gonger når vi krangla",
    "eksen følgjer etter meg og står utanfor jobben min heile tida",
    "er så stressa for eksamen at eg ikkje får puste",
    "har lyst til å døy men har ingen plan",
    "tenkjer mykje på å ta livet mitt for tida",
    "eg kuttar meg for å roe meg ned",
    "tok ein paracet mot hovudverken",
    "då eg var lita slo far min oss, no er eg vaksen",
    "han slår meg no og då",
    "kva gjer ein viss han kjem med kniv",
    "vi et med kniv og gaffel i kveld",
    "han drep meg heile tida i fortnite",
    "vart valdteken for fem år sidan og har fått mareritt igjen",
    "blør litt frå tannkjøtet",
    "mamma svarar ikkje på meldingane mine",
    "skal hoppe frå tiaren i symjehallen i morgon",
    "ein framand tok kvelartak på meg på byen for to år sidan",
    "no er det slutt og eg har det betre",
    "eg har mista medvit ein gong på skulen for mange år sidan",
    "veslebror min er sjuk i dag",
    "eg skal ikkje ta livet mitt, eg treng berre nokon å snakke med",
    "eg slår av pc-en no",
    "kastar bort tida no",
    "har teke alle tablettane mine i dag som vanleg",
]

EN_ACUTE: List[Tuple[str, Optional[str]]] = [
    ("he is hitting me right now please help", "violence_now"),
    ("my stepdad is beating my mum", "violence_now"),
    ("he hit me now and i am alone", "violence_now"),
    ("i'm being attacked outside the station", "violence_now"),
    ("my ex is on his way here and says he will hurt me", "on_the_way"),
    ("someone is trying to break in to my flat", "on_the_way"),
    ("he is banging on the door and screaming", "on_the_way"),
    ("a man is following me from the bus", "followed"),
    ("my ex is standing outside my door", "followed"),
    ("he has a knife and is screaming", "weapon"),
    ("my boyfriend is threatening me with a knife", "weapon"),
    ("he pointed a gun at me", "weapon"),
    ("he says he is going to kill me", "kill_threat"),
    ("he texted that he will kill us both", "kill_threat"),
    ("he want kill me", "kill_threat"),
    ("they locked me in my room and took my phone", "locked_in"),
    ("i'm hiding in the bathroom, he is drunk and angry", "locked_in"),
    ("he choked me just now", "strangling"),
    ("she has her hands around my throat and i can't breathe", "strangling"),
    ("i took all my pills", "overdose"),
    ("took 30 paracetamol an hour ago", "overdose"),
    ("i take many pill and feel strange", "overdose"),
    ("i cut too deep and it won't stop bleeding", "bleeding"),
    ("there is so much blood, he hit me with a bottle", "bleeding"),
    ("i'm going to kill myself tonight", "suicide_now"),
    ("standing on the bridge and i'm going to jump", "suicide_now"),
    ("i wrote a suicide note and the pills are in front of me", "suicide_now"),
    ("i want to die right now", "suicide_now"),
    ("my friend won't wake up and she took something", "unconscious"),
    ("she not breathing", "unconscious"),
    ("he is raping me", "sexual_assault_now"),
    ("i was raped just now and he is still here", "sexual_assault_now"),
    ("my dad is hitting the baby", "child_in_danger_now"),
    ("i shook my baby and now he is floppy", "child_in_danger_now"),
    ("he strangled me two years ago and now he has a knife again", "weapon"),
    ("ex just texted hes outside my building", "followed"),
    ("im standing on the bridge now", "suicide_now"),
    ("my family is taking me to the airport now to marry me off", "taken_away_now"),
    ("dad just hit me in the head and i feel dizzy", "violence_now"),
    ("they are forcing me to the airport right now", "taken_away_now"),
]
EN_NOT_ACUTE: List[str] = [
    "this exam is killing me",
    "my feet are killing me",
    "i'm dying of laughter",
    "lol i'm dead",
    "my mom is going to kill me when she sees my grades",
    "he threw a knife at me two years ago",
    "i took an overdose last year but i'm better now",
    "he hits me when he is drunk",
    "he said he will kill me if i leave him",
    "he locks me in when he goes to work",
    "my ex follows me and stands outside my work all the time",
    "i can't breathe because i'm so stressed about exams",
    "i want to die but i have no plan",
    "i think about killing myself a lot these days",
    "i cut myself to calm down",
    "i took a paracetamol for my headache",
    "when i was a kid my father hit us",
    "he hits me now and then",
    "what do i do if he comes with a knife",
    "he keeps killing me in fortnite",
    "i was raped five years ago and have nightmares again",
    "my gums are bleeding a little",
    "my mom is not answering my texts",
    "i'm going to jump in the pool tonight",
    "my heart is bleeding for them",
    "he beat me at chess right now",
    "i could kill for a pizza right now",
    "i'm going to end it with my boyfriend tonight",
    "my dad has a gun license for hunting",
    "he strangled me once, years ago, i am safe now",
    "hit me up now if you want to talk",
    "my computer won't wake up",
    "i passed out after studying all night",
    "the app is unresponsive",
    "i could die right now",
    "my friend stabbed me in the back",
    "i'm going to kill it at the exam tonight",
    "i got shot down by my crush",
    "my phone is not responding",
    "unconscious bias training tonight",
    "my dad is taking me to the airport now",
]

SE_ACUTE: List[Tuple[str, Optional[str]]] = [
    ("son cápmá mu dál", "violence_now"),
    ("áhčči cápmá eatni dál, veahkki", "violence_now"),
    ("dál son časká mu", "violence_now"),
    ("son capma mu dal", "violence_now"),
    ("son lea boahtimin deike", "on_the_way"),
    ("eksa geahččala boahtit sisa", "on_the_way"),
    ("son čuovvu mu", "followed"),
    ("son lea olggobealde uvssa ja čurvu", "followed"),
    ("sus lea niibi ja son lea hui suhttan", "weapon"),
    ("son áitá mu niibbiin", "weapon"),
    ("son dadjá ahte goddá mu dál", "kill_threat"),
    ("in beasa olggos", "locked_in"),
    ("in sáhte vuoigŋat", "strangling"),
    ("lean váldán buot dálkkasiid", "overdose"),
    ("lean váldán ollu tableahtaid", "overdose"),
    ("ollu varra golgá oaivvis", "bleeding"),
    ("háliidan jápmit dál", "suicide_now"),
    ("áiggun goddit iežan odne eahkes", "suicide_now"),
    ("čuožžun šalddi alde ja áiggun njuiket", "suicide_now"),
    ("mu ustit ii vuoiŋŋa", "unconscious"),
    ("son veagalváldá mu dál", "sexual_assault_now"),
    ("áhčči cápmá máná dál", "child_in_danger_now"),
    ("han slår meg nå, son cápmá mu", "violence_now"),
    ("isit lea cápmimin mu", "violence_now"),
    ("olmmái lea dál mu viesu olggobealde", "followed"),
]
SE_NOT_ACUTE: List[str] = [
    "son cábmii mu diimmá",
    "son goddá mu bohccuid",
    "diimmá son áitii mu niibbiin",
    "dál lea buorre",
    "mun lean olggobealde skuvlla",
    "háliidan jápmit muhtumin",
    "niibi lea beavddi alde",
    "godda, min mann er snill",
    "mánnán áhčči cábmii min",
    "in nagot šat",
    "mun dárbbašan veahki",
    "guokte jagi áigi son čuokkui mu niibbiin",
    "ikte son cábmii mu, dál lean oadjebas",
    "son dadjá ahte goddá mu jos mun manan",
    "varden på fjellet er fin i dag",
    "vi gikk opp dalen i kveld",
    "mu ovddeš isit áitá goddit mu",
    "son čuovvu mu juohke sajis",
    "mu bearaš áigu doalvut mu eará riikii geasset",
]

ACUTE = [(lang, text, signal) for lang, cases in
         (("nb", NB_ACUTE), ("nn", NN_ACUTE), ("en", EN_ACUTE), ("se", SE_ACUTE))
         for text, signal in cases]
NOT_ACUTE = [(lang, text) for lang, cases in
             (("nb", NB_NOT_ACUTE), ("nn", NN_NOT_ACUTE),
              ("en", EN_NOT_ACUTE), ("se", SE_NOT_ACUTE))
             for text in cases]


@pytest.mark.parametrize("language, text, signal", ACUTE)
def test_danger_now_is_acute(language: str, text: str, signal: Optional[str]) -> None:
    scan = scan_acute(text, language)
    assert scan.acute, text
    assert scan.services and scan.services <= {"police", "medical"}
    if signal:
        assert signal in scan.signals, (text, scan.signals)


@pytest.mark.parametrize("language, text", NOT_ACUTE)
def test_past_habit_conditional_and_idiom_are_not_acute(language: str, text: str) -> None:
    scan = scan_acute(text, language)
    assert not scan.acute, (text, scan.signals)


@pytest.mark.parametrize("language", ["nb", "nn", "en", "se"])
def test_every_language_covers_the_required_signals(language: str) -> None:
    lexicon = yaml.safe_load((LANGUAGES_DIR / language / "acute_lexicon.yml").read_text("utf-8"))
    assert lexicon["language"] == language
    assert lexicon["review"] in {"draft", "needs_native_review", "reviewed"}
    signals = {entry["id"]: entry for entry in lexicon["signals"]}
    assert REQUIRED_SIGNALS <= signals.keys()
    for entry in signals.values():
        assert entry["patterns"] and set(entry["services"]) <= {"police", "medical"}
    assert lexicon["present"] and lexicon["past"]


def test_medical_and_police_services_follow_the_signal() -> None:
    assert scan_acute("jeg har tatt alle pillene mine", "nb").services == {"medical"}
    assert scan_acute("han står utenfor døra med kniv", "nb").services == {"police"}
    assert scan_acute("he is choking me", "en").services == {"police", "medical"}
