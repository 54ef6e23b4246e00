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
    "strangling_symptoms", "online_meeting_now", "heard_violence_now", "sexual_risk_now",
}

NB_ACUTE: List[Tuple[str, Optional[str]]] = [
    ("er alene med lillebroren til kjæresten i natt og redd for mine egne tanker", "sexual_risk_now"),
    ("sykler til jernbanen nå. sorry for alt", "suicide_now"),
    ("sitter på brokanten nå.", "suicide_now"),
    ("e står på brua", "suicide_now"),
    ('jeg er barnevakt for niesen min i kveld og har seksuelle tanker om henne', 'sexual_risk_now'),
    ('alene med stesønnen min hele helga og tankene tar overhånd', 'sexual_risk_now'),
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
    # Broadened classes: plan/place/means without «ta livet mitt», overdose wording, bleeding,
    # unconscious, beating threat, parent on the brink, strangling symptoms, online meeting,
    # held, sexual assault now (SMS style and missing å/ø included).
    ("har skrevet avskjedsbrev til mamma og pappa", "suicide_now"),
    ("avskjedsbrevet ligger klart på senga", "suicide_now"),
    ("i kveld er det over", "suicide_now"),
    ("det er over for meg etter skolen", "suicide_now"),
    ("unnskyld for alt. ha det bra for alltid", "suicide_now"),
    ("er på vei til brua nå, orker ikke mer", "suicide_now"),
    ("sitter pa taket og skal hoppe", "suicide_now"),
    ("ligger på togskinnene", "suicide_now"),
    ("har klatret over rekkverket på brua", "suicide_now"),
    ("løkka henger i taket", "suicide_now"),
    ("hvor mange paracet ma jeg ta for og do", "suicide_now"),
    ("hvor mange sovetabletter er dødelig", "suicide_now"),
    ("hvor lenge tar det før 20 paracet virker", "suicide_now"),
    ("sitter i bilen i garasjen med motoren på", "suicide_now"),
    ("har tatt typ 30 paracet", "overdose"),
    ("svelga to brett ibux", "overdose"),
    ("har tatt alle sovetablettene til mamma", "overdose"),
    ("har tatt paracet, 25 stk", "overdose"),
    ("tok hele esken med panodil", "overdose"),
    ("blodet spruter ut av armen", "bleeding"),
    ("blødningen stopper ikke", "bleeding"),
    ("ble stukket i armen med kniv", "bleeding"),
    ("han blir bla i ansiktet", "unconscious"),
    ("babyen har sluttet å puste", "unconscious"),
    ("mamma falt ned trappa og svarer ikke", "unconscious"),
    ("han slo hodet og rører seg ikke", "unconscious"),
    ("de venter på meg utenfor skolen for å banke meg", "followed"),
    ("de sier de skal banke meg etter skolen", "followed"),
    ("ligger gjemt under senga for dem", "locked_in"),
    ("gjemmer meg på toalettet, de leter etter meg", "locked_in"),
    ("føler jeg skal riste ham", "child_in_danger_now"),
    ("noen må ta babyen før jeg rister ham", "child_in_danger_now"),
    ("måtte legge babyen fra meg for ikke å riste ham", "child_in_danger_now"),
    ("han kvelte meg i går og nå klarer jeg ikke svelge", "strangling_symptoms"),
    ("tok kvelertak på meg, stemmen er borte", "strangling_symptoms"),
    ("jeg er 13 og skal møte en fyr fra snap i kveld", "online_meeting_now"),
    ("han fra tiktok henter meg etter skolen, mamma vet ikke", "online_meeting_now"),
    ("får ikke lov til å dra herfra", "locked_in"),
    ("sjefen har passet mitt og lar meg ikke dra, han er her nå", "locked_in"),
    ("de passer på utenfor døra", "locked_in"),
    ("han voldtok meg og han er fortsatt i leiligheten", "sexual_assault_now"),
    ("han holder meg fast og tar på meg", "sexual_assault_now"),
    ("han vil ikke slutte å ta på meg", "sexual_assault_now"),
    ("naboen skriker om hjelp, det dunker i veggen", "heard_violence_now"),
    ("det høres ut som hun blir slått i leiligheten over meg", "heard_violence_now"),
    ("har skrevet brev til alle jeg er glad i", "suicide_now"),
]
NB_NOT_ACUTE: List[str] = [
    "jeg er redd for hva jeg kan finne på når jeg blir sint på jobben",
    "vi står på brua og venter på bussen",
    "jeg sto på brua i fjor.",
    'jeg har seksuelle tanker om barn men er aldri alene med barn, hvor får jeg hjelp',
    'for mange år siden var jeg barnevakt og hadde seksuelle tanker, nå går jeg i terapi',
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
    # Hard negatives for the broadened classes.
    "pappa skrev et avskjedsbrev for to år siden før han døde",
    "beklager alt maset i kveld",
    "eksamen er over i kveld endelig",
    "går over brua nå på vei hjem",
    "hvor mange paracet kan man ta mot hodepine",
    "hvor lenge tar det før ibuxen virker",
    "bilen står i garasjen og motoren går ikke",
    "knyttet en løkke på skolissene",
    "pillene mine ligger klare i dosetten",
    "jeg tar sovetablettene mine som legen sa",
    "tar mange piller for ryggen",
    "tok 20 paracet i fjor og har det bedre nå",
    "ble stukket av en veps i armen",
    "kjenner blodet pumpe i ørene",
    "leppene er blå av blåbær",
    "mamma ligger i senga og svarer ikke på meldinger",
    "gruer meg hver morgen fordi de venter på meg på bussen",
    "vi leker gjemsel og jeg gjemmer meg i skapet",
    "har fødselsdepresjon og tanker om å skade babyen",
    "er redd jeg kommer til å skade babyen en dag",
    "han tok kvelertak på meg for tre år siden og jeg hadde vondt i halsen lenge",
    "har vondt i halsen og er svimmel etter influensa",
    "prøvde å kvele en brann i kveld",
    "skal møte en fra tinder i kveld",
    "skal møte en eldre dame fra facebook i dag for å kjøpe sofa",
    "en voksen på tiktok sier jeg er moden for alderen min, er det grooming",
    "de har tatt passet mitt og sier jeg ikke trenger utdanning",
    "får ikke lov å gå ut i kveld",
    "foreldrene lar meg ikke gå på fest",
    "sovna på vors og våkna med at noen hadde sex med meg",
    "jeg tar av meg jakka nå",
    "dødslei av matte",
    "hva skjer hvis man blir kvalt og får vondt i halsen",
    "mamma skrek om hjelp da jeg var liten, det sitter i meg ennå",
    "jeg skrev brev til alle i klassen i fjor",
]

NN_ACUTE: List[Tuple[str, Optional[str]]] = [
    ("eg er barnevakt for grannejenta i kveld og redd for tankane mine", "sexual_risk_now"),
    ("eg står på Stordabrua no.", "suicide_now"),
    ('eg er åleine med veslejenta til naboen og har tankar eg ikkje burde ha', 'sexual_risk_now'),
    ('er barnevakt i natt og tankane kjem att', 'sexual_risk_now'),
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
    # Broadened classes (sjå NB).
    ("har skrive avskilsbrev til mamma og pappa", "suicide_now"),
    ("orsak for alt. ha det bra for alltid", "suicide_now"),
    ("er på veg til brua no, orkar ikkje meir", "suicide_now"),
    ("ligg på togskinnene", "suicide_now"),
    ("kor mange paracet må ein ta for å døy", "suicide_now"),
    ("kor lenge tek det før 20 paracet verkar", "suicide_now"),
    ("har teke typ 30 paracet", "overdose"),
    ("har svelgt ei heil pakke paracet", "overdose"),
    ("blodet sprutar ut av armen", "bleeding"),
    ("vart stukken i armen med kniv", "bleeding"),
    ("han blir blå i andletet", "unconscious"),
    ("mamma datt ned trappa og svarar ikkje", "unconscious"),
    ("dei ventar på meg utanfor skulen for å banke meg", "followed"),
    ("ligg gøymd under senga", "locked_in"),
    ("kjenner at eg kjem til å riste han", "child_in_danger_now"),
    ("må gå ut av rommet for ikkje å slå ungen", "child_in_danger_now"),
    ("han kvelte meg i går og no klarer eg ikkje svelgje", "strangling_symptoms"),
    ("eg er 13 og skal møte ein kar frå snap i kveld", "online_meeting_now"),
    ("dei held meg her mot viljen min", "locked_in"),
    ("dei let meg ikkje gå", "locked_in"),
    ("han valdtok meg og han er framleis i leilegheita", "sexual_assault_now"),
    ("han held meg fast og tek på meg", "sexual_assault_now"),
    ("det høyrest ut som ho blir slegen i leilegheita over", "heard_violence_now"),
    ("eg har skrive brev til heile familien", "suicide_now"),
]
NN_NOT_ACUTE: List[str] = [
    "eg er redd for tankane mine om eksamen",
    "eg står på brua og fiskar",
    'eg har seksuelle tankar om born og vil ha hjelp før noko skjer',
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
    # Hard negatives for the broadened classes.
    "orsak for alt maset i kveld",
    "kor mange paracet kan ein ta mot hovudverk",
    "bilen står i garasjen og motoren går ikkje",
    "eg tek sovetablettane mine slik legen sa",
    "vart stukken av ein veps i armen",
    "mamma ligg i senga og svarar ikkje på meldingar",
    "gruar meg kvar morgon fordi dei ventar på meg på bussen",
    "er redd eg kjem til å skade babyen ein dag",
    "ein framand tok kvelartak på meg på byen for to år sidan",
    "skal møte ein frå tinder i kveld",
    "dei har teke passet mitt og seier eg ikkje treng utdanning",
    "foreldra let meg ikkje gå på fest",
]

EN_ACUTE: List[Tuple[str, Optional[str]]] = [
    ("babysitting my cousin tonight and im afraid of what i might do", "sexual_risk_now"),
    ("a man is following me from the bus, the same one who grabbed me last month", "followed"),
    ("i'm on the old bridge.", "suicide_now"),
    ("im on the bridge right now", "suicide_now"),
    ('babysitting my cousin tonight and i have sexual thoughts about her', 'sexual_risk_now'),
    ('im looking after a boy from the team and the thoughts are back', 'sexual_risk_now'),
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
    # Broadened classes: plan/place/means, overdose wording, bleeding, unconscious, beating
    # threat, parent on the brink, strangling symptoms, online meeting, held, assault now.
    ("i wrote goodbye letters to my family", "suicide_now"),
    ("it will all be over tonight", "suicide_now"),
    ("sorry for everything. goodbye", "suicide_now"),
    ("on my way to the bridge to jump", "suicide_now"),
    ("lying on the train tracks", "suicide_now"),
    ("the noose is ready", "suicide_now"),
    ("how many paracetamol does it take to die", "suicide_now"),
    ("how much pills i need for die", "suicide_now"),
    ("how long until 20 paracetamol work", "suicide_now"),
    ("im sitting in my car in the garage with the engine running", "suicide_now"),
    ("took like 30 paracetamol", "overdose"),
    ("i was take 20 pills", "overdose"),
    ("i ate a whole box of sovetabletter", "overdose"),
    ("blood is spurting from his leg", "bleeding"),
    ("he stabbed me in the arm", "bleeding"),
    ("he is turning blue", "unconscious"),
    ("she no wake up", "unconscious"),
    ("my mom fell down the stairs and is not moving", "unconscious"),
    ("they are waiting for me outside school to beat me up", "followed"),
    ("they said they're gonna jump me after school", "followed"),
    ("hiding in the school toilets from them", "locked_in"),
    ("im hidding under my bed", "locked_in"),
    ("i feel like i'm going to shake him", "child_in_danger_now"),
    ("someone take the baby before i hurt her", "child_in_danger_now"),
    ("im about to hit my child", "child_in_danger_now"),
    ("he choked me yesterday and now i can't swallow", "strangling_symptoms"),
    ("got choked last night and my throat hurts", "strangling_symptoms"),
    ("im 13 and going to meet a guy from snapchat tonight", "online_meeting_now"),
    ("im 14 and meeting a guy from roblox after school", "online_meeting_now"),
    ("they are holding me here against my will", "locked_in"),
    ("my boss took my passport and wont let me leave, hes here now", "locked_in"),
    ("he raped me and he is still in the room", "sexual_assault_now"),
    ("he is pulling off my clothes", "sexual_assault_now"),
    ("woke up with a guy on top of me", "sexual_assault_now"),
    ("hes parked outside and says he comes in if i dont answer", "followed"),
    ("it sounds like someone is being thrown against the wall upstairs", "heard_violence_now"),
    ("a woman next door is screaming for help", "heard_violence_now"),
    ("i have written letters to my whole family", "suicide_now"),
]
EN_NOT_ACUTE: List[str] = [
    "my ex is following me on insta again since last year",
    "sometimes im scared of my own thoughts, it was worse last year",
    "i'm on the bridge and the view is amazing",
    "I was on the bridge last summer.",
    'i have sexual thoughts about children, never acted on them, is there anonymous help',
    'years ago when i was babysitting i had sexual thoughts, i have had therapy since',
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
    # Hard negatives for the broadened classes.
    "sorry for everything i said yesterday, love you",
    "the exam will be over tonight thank god",
    "how many paracetamol can i take for a headache",
    "how long does ibuprofen take to work",
    "how much does it cost to die my hair",
    "hung a rope on the tree for a swing",
    "im killing myself studying tonight for the exam",
    "i take my sleeping pills as the doctor said",
    "i took an overdose last year but i'm better now",
    "my lips are blue from the cold",
    "my phone fell and is not responding",
    "she doesn't respond to my texts",
    "my dad is waiting for me after school to pick me up",
    "he will beat me at chess today",
    "we're playing hide and seek and im hiding in the closet",
    "im afraid i will hurt my baby when he cries all night",
    "i choked on my food and my throat hurts",
    "he choked me last year and my throat hurt for weeks",
    "a grown man on discord says he loves me and wants to meet in secret",
    "meeting a guy from tinder tonight",
    "meeting an older lady from facebook marketplace today to buy a sofa",
    "my parents took my passport and my phone",
    "someone had sex with me while i was sleeping last night",
    "just killing time now",
    "i'd die for pizza",
    "what happens if someone is choked and can't swallow after",
    "my mum was screaming for help when i was little and i still hear it",
    "i wrote letters to everyone for christmas last year",
    "hes parked outside school every day, is that stalking?",
]

SE_ACUTE: List[Tuple[str, Optional[str]]] = [
    ("lean barnevakt dán eahkeda ja balan iežan jurdagiin", "sexual_risk_now"),
    ("son lea fas boahtimin mu latnjii", "on_the_way"),
    ("lean šalddi alde dál.", "suicide_now"),
    ("eaččát lea ohcamin mu", "followed"),
    ("sii dadjet ahte sii goddet mu", "kill_threat"),
    ('Mun lean okto mánáin dán eahkeda ja mus leat seksuála jurdagat', 'sexual_risk_now'),
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
    # Broadened classes (forms flagged for native review in the lexicon).
    ("Mun lean čállán maŋimus reivve", "suicide_now"),
    ("andagassii buot ovddas, baze dearvan", "suicide_now"),
    ("lean dahki alde ja aiggun njuiket", "suicide_now"),
    ("galle paracet ferten váldit vai jámán", "suicide_now"),
    ("Mun lean váldán 30 paracet", "overdose"),
    ("mun valden olles boksa ibux", "overdose"),
    ("varra ii heaitte", "bleeding"),
    ("ahcci gahcai ja ii vastit", "unconscious"),
    ("in sáhte morihit su", "unconscious"),
    ("sii áigot cápmit mu skuvlla maŋŋá", "followed"),
    ("Mun lean dál okto mánáin ja balan maid mun dagan", "child_in_danger_now"),
    ("son kvelte mu ja jietna lea jávkan", "strangling_symptoms"),
    ("Mun lean 13 ja galggan deaivvadit olbmáin neahtas odne", "online_meeting_now"),
    ("sii eai divtte mu vuolgit", "locked_in"),
    ("Son veagalválddii mu ja son lea ain dás", "sexual_assault_now"),
    ("nissonolmmoš čuorvu veahki ránnjá viesus", "heard_violence_now"),
    ("lean čállán reivviid eadnái ja oappáide", "suicide_now"),
]
SE_NOT_ACUTE: List[str] = [
    "balan iežan jurdagiin go lean okto",
    "sii dadjet ahte sii goddet mu jos mun muitalan",
    'Mus leat seksuála jurdagat mánáid birra, dál háliidan veahki',
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
    # Hard negatives for the broadened classes.
    "Báze dearvan",
    "Maid galggan dahkat?",
    "Mu viellja válddii iežas heakka diimmá",
    "Diimmá mun ledjen buohcciviesus dálkkasiid dihte",
    "Mun balan ahte mun dagan juoidá mánnái",
    "Mun deaivvadan ustibiiguin odne",
    "Mun orun bargosajis ja in oaččo mannat olggos",
    "Moadde jagi áigi son veagalválddii mu",
]

# Danish: its own forms (mig, nu, vej, herhen, dræbe / slå ihjel, taget, i aften); Danish writers
# are often detected as Norwegian, and the Norwegian lexicon does not read these forms.
DA_ACUTE: List[Tuple[str, Optional[str]]] = [
    ("jeg kan høre slag og skrig fra lejligheden ved siden af", "heard_violence_now"),  # I can hear blows and screams from the flat next door
    ("jeg står oppe på taget, sig til min søster at jeg elsker hende", "suicide_now"),  # I am up on the roof, tell my sister I love her
    ("han slår mig nu", "violence_now"),  # he is hitting me now
    ("hjælp, min kæreste tæver mig lige nu", "violence_now"),  # help, my boyfriend is beating me right now
    ("han slaar mig nu", "violence_now"),  # he is hitting me now (no å)
    ("han er på vej herhen", "on_the_way"),  # he is on his way here
    ("min eks er paa vej herhen og siger han vil slå mig ihjel", "on_the_way"),  # my ex is on his way here and says he will kill me
    ("han står uden for døren med en kniv", "on_the_way"),  # he is standing outside the door with a knife
    ("han prøver at bryde døren op", "on_the_way"),  # he is trying to break the door open
    ("han siger han slår mig ihjel i aften", "kill_threat"),  # he says he will kill me tonight
    ("han vil dræbe mig i nat", "kill_threat"),  # he wants to kill me tonight
    ("han truer mig med en kniv lige nu", "weapon"),  # he is threatening me with a knife right now
    ("jeg har taget alle mine piller", "overdose"),  # I have taken all my pills
    ("har lige slugt 40 panodiler", "overdose"),  # just swallowed 40 Panodil
    ("hun har låst sig inde", "locked_in"),  # she has locked herself in
    ("han har låst mig inde på værelset og taget min telefon", "locked_in"),  # he locked me in the room and took my phone
    ("jeg gemmer mig på badeværelset, han leder efter mig", "locked_in"),  # I am hiding in the bathroom, he is looking for me
    ("han kvæler mig", "strangling"),  # he is strangling me
    ("han tog mig om halsen i går og nu kan jeg ikke synke", "strangling_symptoms"),  # he grabbed my throat yesterday and now I cannot swallow
    ("min mand slår vores søn lige nu", "child_in_danger_now"),  # my husband is hitting our son right now
    ("jeg bløder meget fra hovedet", "bleeding"),  # I am bleeding a lot from the head
    ("min kæreste trækker ikke vejret", "unconscious"),  # my boyfriend is not breathing
    ("han hælder benzin ud i lejligheden", "fire"),  # he is pouring petrol out in the flat
    ("jeg står på broen og vil springe", "suicide_now"),  # I am standing on the bridge and want to jump
    ("i aften tager jeg mit liv", "suicide_now"),  # tonight I take my life
    ("han voldtog mig lige og han er her stadig", "sexual_assault_now"),  # he just raped me and he is still here
    ("de tager mig med til lufthavnen imod min vilje", "taken_away_now"),  # they are taking me to the airport against my will
    ("hjælp han kommer nu og jeg er bange", "on_the_way"),  # help, he is coming now and I am scared
]

DA_NOT_ACUTE: List[str] = [
    "jeg så en dokumentar om en kvinde der blev kvalt af sin kæreste",  # I watched a documentary about a woman strangled by her boyfriend
    "i går kunne jeg høre slag hos naboen, skal jeg sige det til nogen?",  # yesterday I could hear blows at the neighbour's
    "min chef slår mig ihjel, jeg kommer for sent",  # my boss will kill me, I'm late
    "for to år siden slog han mig",  # two years ago he hit me
    "min far slog mig tit da jeg var barn",  # my father often hit me when I was a child
    "i filmen slår han hende ihjel",  # in the film he kills her
    "jeg er ved at slå ham ihjel i fifa",  # I'm about to kill him in FIFA
    "min kæreste er på vej herhen med pizza",  # my boyfriend is on his way here with pizza
    "han siger han slår mig ihjel hvis jeg går",  # he says he'll kill me if I leave (conditional)
    "jeg tog en panodil for hovedpine",  # I took a Panodil for a headache
    "sidste år tog jeg en overdosis",  # last year I took an overdose
    "hvad gør jeg hvis han kvæler mig igen",  # what do I do if he strangles me again
    "barnevernet tog børnene sidste år",  # child protection took the children last year
    "min søn vågner ikke om natten længere",  # my son no longer wakes up at night
    "vi tændte bål og satte ild til grillen",  # we lit a bonfire and lit the grill
    "mor kommer hjem i aften",  # mum is coming home tonight
    "han kommer nu, jeg glæder mig",  # he is coming now, I am looking forward to it
]

# Somali: progressive -ayaa with «hadda/hada» (now), «caawa/habeenkan» (tonight); Norwegian loans.
SO_ACUTE: List[Tuple[str, Optional[str]]] = [
    ("waxaan maqlayaa garaac iyo qaylo guriga deriska", "heard_violence_now"),  # I am hearing blows and screaming in the neighbour's house
    ("hadda wuu i garaacayaa", "violence_now"),  # he is beating me now
    ("ninkaygu hada wuu i laadayaa", "violence_now"),  # my husband is kicking me now ("hada", one d)
    ("ii yeer politiet, wuu i garaacayaa hadda", "violence_now"),  # call the police for me, he is beating me now
    ("wuu ii soo socdaa, waan baqayaa", "on_the_way"),  # he is coming to me, I am afraid
    ("xoog ayuu guriga ku soo galay", "on_the_way"),  # he forced his way into the house
    ("caawa ayuu i dilayaa", "threat_kill_now"),  # tonight he is going to kill me
    ("habeenkan ayuu i dilayaa", "threat_kill_now"),  # this night he is going to kill me
    ("wuxuu igu yiri waan ku dilayaa", "threat_kill_now"),  # he told me: I am going to kill you
    ("mindi ayuu wataa oo wuu igu hanjabayaa", "weapon"),  # he is carrying a knife and threatening me
    ("kiniinadaydii oo dhan ayaan liqay", "overdose"),  # I swallowed all my pills
    ("30 xabbo oo paracet ah ayaan qaatay", "overdose"),  # I took 30 paracet tablets
    ("albaabka ayuu iga quflay", "locked_in"),  # he locked the door on me
    ("waan ka dhuumanayaa isaga", "locked_in"),  # I am hiding from him
    ("waa la i qafaalay", "locked_in"),  # I have been kidnapped
    ("qoorta ayuu iga hayaa, neefsan kari maayo", "strangled"),  # he is holding my neck, I can't breathe
    ("aabbe hadda wuxuu garaacayaa walaalkay yar", "violence_now"),  # dad is beating my little brother now
    ("hadda wuxuu ruxayaa ilmaha yar", "child_in_danger_now"),  # now he is shaking the baby
    ("shidaal ayuu guriga ku shubay", "fire"),  # he poured petrol in the house
    ("waxay i geynayaan garoonka si xoog ah", "taken_away_now"),  # they are taking me to the airport by force
    ("wuu i eryanayaa", "followed"),  # he is chasing me
    ("ninkaygii hore albaabka ayuu taagan yahay, waan baqayaa", "followed"),  # my ex-husband is standing at the door, I'm afraid
    # Added 2026-12-07: strangling, sexual assault, unconscious, suicide plan, bleeding, held, child, fire, followed, heard.
    ('wuu i xaniqayaa, neefsan kari maayo', 'strangled'),  # he is strangling me, I can't breathe
    ('gacmihiisa ayuu qoorta iga saaray', 'strangled'),  # he put his hands on my neck
    ('xarig ayuu qoorta igu xiray', 'strangled'),  # he tied a rope around my neck
    ('ninkaygu wuu i kufsanayaa i caawiya', 'sexual_assault_now'),  # my husband is raping me, help me
    ('wuxuu isku dayayaa inuu i kufsado, musqusha ayaan ku jiraa', 'sexual_assault_now'),  # he is trying to rape me, I am in the toilet
    ('waa la i kufsaday daqiiqado ka hor, weli guriga ayuu joogaa', 'sexual_assault_now'),  # I was raped minutes ago, he is still in the house
    ('dharka ayuu iga siibayaa', 'sexual_assault_now'),  # he is pulling my clothes off
    ('hooyaday way suuxday oo dhulka ayay jiiftaa', 'unconscious'),  # my mother fainted and is lying on the floor
    ('aabbe wuu dhacay, madaxa ayuu ku dhuftay, hadda ma dhaqaaqayo', 'unconscious'),  # dad fell, hit his head, now he is not moving
    ('ilmaha bushimaha waa buluug', 'unconscious'),  # the baby's lips are blue
    ("caawa waxaan go'aansaday inaan dhinto", 'suicide_now'),  # tonight I have decided to die
    ('maanta ayaan adduunka ka tagayaa, nabadgelyo', 'suicide_now'),  # today I am leaving the world, goodbye
    ('waxaan u socdaa buundada si aan uga boodo', 'suicide_now'),  # I am walking to the bridge to jump off it
    ('dhiigbax xun ayaa iga haya madaxa', 'bleeding'),  # I have bad bleeding from my head
    ('dhiig ayaa ka qulqulaya madaxiisa, mindi ayaa lagu dhuftay', 'bleeding'),  # blood is pouring from his head, he was hit with a knife
    ('kniv ayuu haystaa oo wuu qaylinayaa', 'weapon'),  # he has a knife (Norwegian loan) and is shouting
    ('waa la i haystaa qolka gudihiisa, ma bixi karo', 'locked_in'),  # I am being held inside the room, I cannot get out
    ('halkan ayaan ku xidhan ahay, furaha ayuu qaatay', 'locked_in'),  # I am locked in here, he took the key
    ('walaalkay yar ayuu aabbe ceejinayaa', 'child_in_danger_now'),  # dad is strangling my little brother
    ('ilmaha ayuu garaacayaa oo ilmuhu wuu ooyayaa', 'child_in_danger_now'),  # he is beating the child and the child is crying
    ('guriga dab ayaa ka kacay, ma bixi karno', 'fire'),  # a fire broke out in the house, we cannot get out
    ('qiiq ayaa qolka buuxiyay, ma bixi karo', 'fire'),  # smoke has filled the room, I cannot get out
    ('nin baa i daba socda, waan baqayaa', 'followed'),  # a man is following me, I am afraid
    ('deriskayga haweeney ayaa qaylinaysa caawimaad', 'heard_violence_now'),  # at my neighbour's a woman is screaming for help
    ('waxaan maqlayaa naag la garaacayo guriga xiga', 'heard_violence_now'),  # I am hearing a woman being beaten in the house next door
    ('wuxuu igu dhuftay darbiga, hadda timaha ayuu iga jiidayaa', 'violence_now'),  # he slammed me into the wall, now he is dragging me by the hair
]

SO_NOT_ACUTE: List[str] = [
    "sanad ka hor ayuu i garaacay",  # a year ago he beat me
    "markii aan yaraa aabbahay wuu i garaaci jiray",  # when I was small my father used to beat me
    "maamulahaygu wuu i dilayaa, waan soo daahay",  # my boss is going to kill me, I am late
    "haddii aan ka tago wuu i dilayaa",  # if I leave he will kill me (conditional)
    "waxaan qaatay daawadayda caawa",  # I took my medicine tonight
    "hooyaday ayaa ii soo socota berri",  # my mother is coming to me tomorrow
    "ilmaha waxay ciyaarayaan dibadda",  # the children are playing outside
    "barnevernet ayaa carruurta ka qaaday sanadkii hore",  # child protection took the children last year
    "ciyaarta fortnite wuu i dilayaa",  # in the Fortnite game he keeps killing me
    "waan baqayaa inuu soo noqdo mar uun",  # I am afraid he will come back some day
    "shidaal ayaan gaariga ku shubay",  # I put petrol in the car
    "gurigayga waa la gubay sanad ka hor",  # my house was burnt a year ago
    "waxaan u baahanahay krisesenter",  # I need a crisis centre
    # Added 2026-12-07: near misses (past, habit, conditional, film, a harmless context).
    'sano ka hor wuu i xaniqay',  # years ago he strangled me
    'sanad ka hor ayaa la i kufsaday, weli waan ka fikiraa',  # a year ago I was raped, I still think about it
    'mar walba markuu sakhraamo wuu i ceejinayaa',  # every time he gets drunk he strangles me (habit)
    'aabbahay wuu suuxay sanadkii hore markii uu xanuunsanaa',  # my father fainted last year when he was ill
    'sanad ka hor gurigeena dab ayaa ka kacay',  # a year ago a fire broke out in our house
    'haddii uu i daba socdo waan baqayaa',  # if he follows me I get scared (conditional)
    'dhiig yar ayaa sanka iga socda',  # a little blood is coming from my nose
    'maalin walba ilmaha ayuu garaacayaa',  # every day he beats the child (habit)
    'walaalkay ayaa i raacaya dukaanka',  # my brother is coming with me to the shop
    'hadda ma rabo inaan dhinto, waan fiicanahay',  # now I don't want to die, I am fine
    'wuxuu yiri haddii aad tagto guriga dab ayaan qabadsiinayaa',  # he said: if you leave I'll set the house on fire (conditional)
    'hooyaday telefoonka ma jawaabayso, waan walwalsanahay',  # my mother doesn't answer the phone, I am worried
    'deriska carruurtu way qaylinayaan oo ciyaarayaan',  # the neighbours' children are shouting and playing
    'filimka ninka ayaa gabadha kufsanaya, aad ayuu ii xumeeyay',  # in the film the man rapes the girl, it upset me a lot
]

# Tigrinya: Ge'ez script and Latin transliteration as typed on phones («hiji» now, «lomi leyti» tonight).
TI_ACUTE: List[Tuple[str, Optional[str]]] = [
    ("ካብ ገዛ ጎረቤት ህርመት ይሰምዕ ኣለኹ", "heard_violence_now"),  # I am hearing blows from the neighbour's house
    ("ሕጂ ይወቕዓኒ ኣሎ", "violence_now"),  # he is beating me now
    ("ሰብኣየይ ይረግጸኒ ኣሎ", "violence_now"),  # my husband is kicking me
    ("ናብ ገዛይ ይመጽእ ኣሎ፣ ፈሪሐ", "on_the_way"),  # he is coming to my house, I am afraid
    ("ክኣቱ ይፍትን ኣሎ", "on_the_way"),  # he is trying to get in
    ("ሎሚ ክቐትለኒ እዩ", "threat_kill_now"),  # today he is going to kill me
    ("ክቐትለኪ እየ ኢሉኒ", "threat_kill_now"),  # "I will kill you", he told me
    ("ብካራ የፈራርሃኒ", "weapon"),  # he threatens me with a knife
    ("ካብኡ ተሓቢአ ኣለኹ", "locked_in"),  # I am hiding from him
    ("ማዕጾ ዓጺዩኒ", "locked_in"),  # he has locked the door on me
    ("ብዙሕ ከኒና ወሲደ", "overdose"),  # I took many pills
    ("ይስዕበኒ ኣሎ", "followed"),  # he is following me
    ("ሕጂ ንቖልዓ ይወቕዖ ኣሎ", "child_in_danger_now"),  # now he is beating the child
    ("ብሓይሊ ናብ ኤርትራ ክወስዱኒ እዮም", "taken_away_now"),  # they are taking me to Eritrea by force
    ("ቤንዚን ኣብ ገዛ ኣፍሲሱ", "fire"),  # he poured petrol in the house
    ("hiji yiwekani alo", "violence_now"),  # he is beating me now (Latin script)
    ("lomi leyti kqetleni iyu", "threat_kill_now"),  # tonight he is going to kill me (Latin script)
    ("bizuh kenina weside", "overdose"),  # I took many pills (Latin script)
    ("tehabie aleku", "locked_in"),  # I am hiding (Latin script)
    ("yimetse alo kqetleni", "on_the_way"),  # he is coming to kill me (Latin script)
    ("hiji kara hizu alo", "weapon"),  # now he is holding a knife (Latin script)
    ("lomi nab ertra kwesduni iyom", "taken_away_now"),  # today they are taking me to Eritrea (Latin script)
    ("bhayli ywesduni alewu, hagizuni", "taken_away_now"),  # they are taking me by force, help me (Latin script)
    # Added 2026-12-07: sexual assault, unconscious, strangling, suicide plan, weapon, held, child, fire, followed, heard; Latin script.
    ('ሰብኣየይ ይዕምጸኒ ኣሎ ሓግዙኒ', 'sexual_assault_now'),  # my husband is raping me, help me
    ('ክዕምጸኒ ይፍትን ኣሎ ኣብ ሽቓቕ ተሓቢአ ኣለኹ', 'sexual_assault_now'),  # he is trying to rape me, I am hiding in the toilet
    ('ዓሚጹኒ ገና ኣብዚ ኣሎ', 'sexual_assault_now'),  # he raped me, he is still here
    ('ክዳውንተይ ይቐድድ ኣሎ', 'sexual_assault_now'),  # he is tearing my clothes
    ('ዓይኑ ኣይከፍትን ኣሎ ሓግዙና', 'unconscious'),  # he is not opening his eyes, help us
    ('ኣደይ ወዲቓ ከናፍራ ሰማያዊ ኮይኑ', 'unconscious'),  # my mother fell and her lips have gone blue
    ('ክሳደይ ይጭብጥ ኣሎ', 'strangled'),  # he is squeezing my neck
    ('ሕጂ ክመውት እየ ደሓን ኩኑ', 'suicide_now'),  # now I am going to die, goodbye
    ('ናብ ድልድል ይኸይድ ኣለኹ ክዘልል', 'suicide_now'),  # I am going to the bridge to jump
    ('ኩሉ ከኒና ኣብ ቅድመይ ኣሎ', 'suicide_now'),  # all the pills are in front of me
    ('ሽጉጥ ናባይ ኣቕኒዑ ኣሎ', 'weapon'),  # he is pointing a gun at me
    ('ተቖሊፈ ኣለኹ ክወጽእ ኣይክእልን', 'locked_in'),  # I am locked in, I cannot get out
    ('ንወደይ ይወቕዖ ኣሎ', 'child_in_danger_now'),  # he is beating my son
    ('ክፍሊ ይነድድ ኣሎ ሓግዙና', 'fire'),  # the room is burning, help us
    ('ድሕረይ ይስዕብ ኣሎ ፈሪሐ', 'followed'),  # he is following behind me, I am afraid
    ('ጎረቤትና ሰበይቱ ይወቕዓ ኣሎ', 'heard_violence_now'),  # our neighbour is beating his wife
    ('ሓግዙኒ እናበለት ትጭድር ኣላ', 'heard_violence_now'),  # she is screaming 'help me'
    ('yiregxeni alo', 'violence_now'),  # he is kicking me (Latin script)
    ('hiji yihanqeni alo', 'violence_now'),  # now he is strangling me (Latin script)
    ('haniquni, hiji kitenfes ayklin', 'strangled'),  # he strangled me, now I cannot breathe (Latin script)
    ('ayitenfesn alo hagezuna', 'unconscious'),  # he is not breathing, help us (Latin script)
    ('lomi leyti kimewut iye', 'suicide_now'),  # tonight I am going to die (Latin script)
    ('kifli atsiyuni hiji', 'locked_in'),  # he has locked me in the room now (Latin script)
    ('kimtseni yfetn alo', 'sexual_assault_now'),  # he is trying to rape me (Latin script)
    ('hiji nqolea yiwekeo alo', 'child_in_danger_now'),  # now he is beating the child (Latin script)
    ('geza yineded alo hiji hagezuna', 'fire'),  # the house is burning now, help us (Latin script)
    ('bkara yeferarhani alo hiji', 'weapon'),  # he is threatening me with a knife now (Latin script)
    ('hiji yisebeni alo, ferihe', 'followed'),  # now he is following me, I am afraid (Latin script)
    # Added 2026-12-07 (second widening): one or more cases per new pattern (own sentences, draft wording).
    # violence_now
    ("ሰብኣየይ ይደፍኣኒ ኣሎ።", "violence_now"),  # my husband is pushing me
    ("ኣቦይ ንኣደይ ይረግጻ ኣሎ፣ ሓግዙና", "violence_now"),  # dad is kicking mum, help us
    ("ሓወይ ብካራ ይወግኣኒ ኣሎ", "violence_now"),  # my brother is stabbing me with a knife
    ("ሕጂ ወደይ ደፊኡኒ", "violence_now"),  # my son has just pushed me
    ("ጥንስቲ እየ ሰብኣየይ ይወቕዓኒ", "violence_now"),  # I am pregnant, my husband beats me
    ("ሰብኣየይ ደፊኡኒ ክትንስእ ኣይክእልን", "violence_now"),  # he pushed me, I cannot get up
    ("yiwegaeni alo hagezuni", "violence_now"),  # he is beating me, help me (Latin script)
    ("hawey yiharmeni alo", "violence_now"),  # my brother is hitting me (Latin script)
    ("seb'ayey yigerfeni alo", "violence_now"),  # my husband is whipping me (Latin script)
    ("hiji ywqani", "violence_now"),  # now he is beating me (Latin script)
    ("hiji harimuni", "violence_now"),  # he has just hit me (Latin script)
    ("tnsti iye, yiwekani", "violence_now"),  # I am pregnant, he beats me (Latin script)
    # on_the_way
    ("ማዕጾ ይሰብሮ ኣሎ ሓግዙና", "on_the_way"),  # he is breaking the door, help us
    ("ማዕጾ ሰቢሩ ኣትዩ", "on_the_way"),  # he broke the door and came in
    ("ኣብ 10 ደቓይቕ ክመጽእ እየ ክቐትለኪ ኢሉ", "on_the_way"),  # "I'll be there in 10 minutes to kill you", he said
    ("maxo sebiru atiyu", "on_the_way"),  # he broke the door and came in (Latin script)
    ("kiatu yfetn alo", "on_the_way"),  # he is trying to get in (Latin script)
    ("ab 5 dekika ybtsih iye kqetleki ilu", "on_the_way"),  # "in 5 minutes I arrive, I'll kill you" (Latin script)
    ("ymetsu alew kqetleni", "on_the_way"),  # they are coming to kill me (Latin script)
    # threat_kill_now
    ("ክቐትለኒ እዩ ሓግዙኒ", "threat_kill_now"),  # he is going to kill me, help me
    ("ክቐትለኪ እየ ኢሉ ጽሒፉለይ", "threat_kill_now"),  # he wrote me "I will kill you"
    ("ሽጉጥ ገዚኡ ክቐትለኒ እዩ", "threat_kill_now"),  # he bought a gun, he will kill me
    ("kketeleni iyu, hagezuni", "threat_kill_now"),  # he is going to kill me, help me (Latin script)
    ("kqetleki iye ilu tsihifuley", "threat_kill_now"),  # he wrote me "I will kill you" (Latin script)
    # weapon
    ("ብረት ኣውጺኡ ናባና የቕንዕ ኣሎ", "weapon"),  # he took out a gun and is aiming it at us
    ("ካራ ኣብ ኢዱ ኣሎ", "weapon"),  # he has a knife in his hand
    ("ጠበንጃ ኣውጺኡ", "weapon"),  # he took out a rifle
    ("ብካራ ይሰጎኒ ኣሎ", "weapon"),  # he is chasing me with a knife
    ("ተወጊአ ሓግዙኒ", "weapon"),  # I have been stabbed, help me
    ("hiji kara ab idu", "weapon"),  # now there is a knife in his hand (Latin script)
    ("bkara yifararha alo", "weapon"),  # he is threatening her with a knife (Latin script)
    ("kara hizu yisegoni alo", "weapon"),  # he is chasing me holding a knife (Latin script)
    ("tewegie, hagezuni", "weapon"),  # I have been stabbed, help me (Latin script)
    # locked_in
    ("ኣብ ክፍሊ ዓጺዩና፣", "locked_in"),  # he has locked us in a room
    ("ኣብ ትሕቲ ዓራት ተሓቢአ", "locked_in"),  # I hid under the bed
    ("ወሃቢ ስራሕ ካብ ገዛ ክወጽእ ኣይፈቕደለይን", "locked_in"),  # the employer doesn't let me leave the house
    ("ካብ መኪና ክወርድ ኣይፈቕደለይን", "locked_in"),  # he doesn't let me get out of the car
    ("kab mekina kwetsi ayfeqdeleyn", "locked_in"),  # he doesn't let me out of the car (Latin script)
    ("ab shiqaq tehabiye", "locked_in"),  # I am hiding in the toilet (Latin script)
    ("shiqaq atsiyuwa", "locked_in"),  # he locked her in the toilet (Latin script)
    ("wehabi sirah kifli atsiyuni", "locked_in"),  # the employer locked me in a room (Latin script)
    # overdose
    ("ሙሉእ ካርቶን ፓራሲታሞል ወሲደ", "overdose"),  # I took a whole box of paracetamol
    ("ናይ ኣንጭዋ መድሃኒት ሰትየ", "overdose"),  # I drank rat poison
    ("ከኒና ምስ ቢራ ወሲደ", "overdose"),  # I took pills with beer
    ("bizuh kinina wesideye", "overdose"),  # I took many pills (Latin script)
    ("kenina 30 wesidu", "overdose"),  # he took 30 pills (Latin script)
    ("merzi setye", "overdose"),  # I drank poison (Latin script)
    # suicide_now
    ("ኣብ ልዕሊ ድልድል ኮፍ ኢለ ኣለኹ ደሓን ኩኑ", "suicide_now"),  # I am sitting on the bridge, goodbye
    ("ኣብ ቅድሚ ዝመጽእ ባቡር ክወድቕ እየ", "suicide_now"),  # I will fall in front of the next train
    ("ብገመድ ነብሰይ ክቐትል እየ", "suicide_now"),  # I will kill myself with a rope
    ("nebsey kketil iye", "suicide_now"),  # I am going to kill myself (Latin script)
    ("ab station tren aleku kweddeq iye", "suicide_now"),  # I'm at the train station, I'll fall (Latin script)
    ("ab l'ali dildil aleku kzelil", "suicide_now"),  # I am on the bridge to jump (Latin script)
    ("dehan kunu, gemed adalye", "suicide_now"),  # goodbye, I have prepared a rope (Latin script)
    # bleeding
    ("ኢዱ ደም ይፈሶ ኣሎ።", "bleeding"),  # his hand is bleeding
    ("ዓሚቝ ቆሪጸዮ", "bleeding"),  # I cut it deep
    ("ባኞ ብደም መሊኡ", "bleeding"),  # the bathroom is full of blood
    ("dem yiwetsani alo", "bleeding"),  # I am bleeding (Latin script)
    ("qoritse bizuh dem", "bleeding"),  # I cut myself, a lot of blood (Latin script)
    # strangled / strangling_symptoms
    ("ክሳደይ ሒዙኒ", "strangled"),  # he has grabbed my neck
    ("hiji kisadey chebitu", "strangled"),  # now he has squeezed my neck (Latin script)
    ("ትማሊ ሓኒቑኒ ሕጂ ክውሕጥ ኣይክእልን", "strangling_symptoms"),  # he strangled me yesterday, now I cannot swallow
    ("haniquni, kiwhit ayklin", "strangling_symptoms"),  # he strangled me, I cannot swallow (Latin script)
    # followed
    ("ይሰጎኒ ኣሎ", "followed"),  # he is chasing me
    ("ደድሕረይ ይመጽእ ኣሎ", "followed"),  # he is coming right behind me
    ("ማዕጾ ይኹሕኹሕ ይጭድር ኣሎ", "followed"),  # he is knocking on the door and shouting
    ("ናይ ቀደም ፈታዊየይ ኣብ ደገ ደው ኢሉ", "followed"),  # my ex-boyfriend is standing outside
    ("ክወቕዑኒ ይጽበዩኒ ኣለዉ", "followed"),  # they are waiting for me to beat me
    ("yisegoni alo", "followed"),  # he is chasing me (Latin script)
    ("ab dege ytsebeyeni", "followed"),  # he is waiting for me outside (Latin script)
    # child_in_danger_now
    ("ንሓፍተይ ይሃርማ ኣሎ", "child_in_danger_now"),  # he is hitting my sister
    ("ቆልዑ ይበኽዩ ኣለዉ ሰብኣየይ ይወቕዓኒ", "child_in_danger_now"),  # the children are crying, my husband beats me
    ("ኣብ ቅድሚ ቆልዑ ይረግጸኒ", "child_in_danger_now"),  # he kicks me in front of the children
    ("nhawey yiharmo alo", "child_in_danger_now"),  # he is hitting my brother (Latin script)
    # taken_away_now
    ("ሎሚ ለይቲ ናብ ዓዲ ክሰዱኒ እዮም ብዘይ ፍቓደይ", "taken_away_now"),  # tonight they send me home against my will
    ("ናብ ነፋሪት ብሓይሊ የእትዉኒ ኣለዉ", "taken_away_now"),  # they are forcing me onto the plane
    ("kab geza kwesduni", "taken_away_now"),  # they are taking me from the house (Latin script)
    ("bhayli nab nefarit", "taken_away_now"),  # by force onto the plane (Latin script)
    # fire
    ("ገዛ ከንድዶ እዩ ይብል ኣሎ", "fire"),  # he says he will burn the house
    ("ክብሪት ሒዙ ገዛ ከንድድ ይፍትን ኣሎ", "fire"),  # he has matches and is trying to burn the house
    ("geza kendido iyu", "fire"),  # he will burn the house (Latin script)
    ("kbrit hizu geza kendid yfetn alo", "fire"),  # holding matches, trying to burn the house (Latin script)
    # heard_violence_now
    ("ኣብ ላዕሊ ዘሎ ገዛ ሰብኣይ ንሰበይቱ ይሃርማ ኣሎ።", "heard_violence_now"),  # upstairs a man is hitting his wife
    ("ነገራት ይሰባበሩ ኣለዉ ንሳ ትጭድር ኣላ", "heard_violence_now"),  # things are breaking, she is screaming
    ("gorebetna sebeytu yiwekea alo", "heard_violence_now"),  # our neighbour is beating his wife (Latin script)
    ("sebeyti tichdir ala hiji", "heard_violence_now"),  # a woman is screaming now (Latin script)
    # sexual_assault_now
    ("ጾታዊ ዓመጽ ይፍጽመለይ ኣሎ", "sexual_assault_now"),  # he is sexually assaulting me
    ("qdmi 20 dekik amitsuni gena ab geza alo", "sexual_assault_now"),  # raped me 20 min ago, still in the house (Latin script)
    ("hiji yitnkifeni", "sexual_assault_now"),  # now he is touching me (Latin script)
    ("kdawntey ykeddid alo", "sexual_assault_now"),  # he is tearing my clothes (Latin script)
    # unconscious
    ("ainu aykeftn", "unconscious"),  # he is not opening his eyes (Latin script)
    ("aynqesaqesn alo", "unconscious"),  # he is not moving (Latin script)
    ("kenafru semayawi", "unconscious"),  # his lips are blue (Latin script)
]

TI_NOT_ACUTE: List[str] = [
    "ኣደይ ክቐትለኒ እያ 😂 ፈተና ስለ ዘይሓለፍኩ",  # my mum is going to kill me 😂, I failed the exam (idiom)
    "መምህረይ ክቐትለኒ እዩ፣ ዕዮ ገዛ ኣይሰራሕኩን",  # my teacher is going to kill me, I didn't do my homework (idiom)
    "kketeleni iyu",  # "he is going to kill me" with no time, help or police: the classifier decides, as in English
    "maths teacherey kketeleni iyu lol",  # my maths teacher is going to kill me lol (idiom)
    "ቅድሚ ክልተ ዓመት ይወቕዓኒ ነይሩ",  # two years ago he used to beat me
    "ንእሽቶ ከለኹ ኣቦይ ይወቕዓኒ ነይሩ",  # when I was small my father used to beat me
    "እንተ ሓዲገዮ ክቐትለኒ እዩ",  # if I leave him he will kill me (conditional)
    "ሓብተይ ናብ ገዛይ ትመጽእ ኣላ",  # my sister is coming to my house
    "ከኒና ወሲደ",  # I took a pill
    "ሓዊ ኣንዲደ ቡን ሰሪሐ",  # I lit the fire and made coffee
    "ቤንዚን ኣብ መኪና ገይረ",  # I put petrol in the car
    "hiji dehan iye",  # now I am fine (Latin script)
    "ኣብ ኤርፖርት ኣለኹ፣ ናብ ዓዲ እገይሽ ኣለኹ",  # I am at the airport, I am travelling home
    "ትማሊ ከኒና ወሲደ ሕጂ ጽቡቕ ኣለኹ",  # yesterday I took a pill, now I am well
    "ኣብ ፊልም ሓደ ሰብ ይወቕዕዎ",  # in a film they beat someone
    "nab adi kikeyd iye kem bewsi",  # I am going home for a holiday (Latin script)
    # Added 2026-12-07: near misses (past, habit, film, joke, thoughts without a plan).
    'ቅድሚ ክልተ ዓመት ዓሚጹኒ ነይሩ',  # two years ago he raped me
    'ኣብ ፊልም ንሓንቲ ጓል ክዕምጸዋ ይፍትን ኣሎ',  # in a film he is trying to rape a girl
    'ኩሉ ግዜ ምስ ሰኸረ ክሳደይ ይሕዝ ነይሩ',  # whenever he got drunk he used to grab my neck
    'ትማሊ ኣቦይ ዓይኑ ኣይከፍትን ነይሩ ሕጂ ደሓን እዩ',  # yesterday my father would not open his eyes, now he is fine
    'ሓደ ሓደ ግዜ ክመውት እደሊ',  # sometimes I want to die (thoughts, no plan)
    'ኣብ ኩሽና ሓዊ ኣንዲደ ምግቢ እሰርሕ ኣለኹ',  # I lit the fire in the kitchen and am cooking
    'ንወደይ ኩሉ ግዜ ይወቕዖ ኣሎ',  # he beats my son all the time (habit)
    'kulu gize yiregxeni alo neyru',  # he always used to kick me (Latin script)
    'ab film iyu yiregxeni alo zbl',  # it is in a film that he says 'he is kicking me' (Latin script)
    'geza yineded neyru qedem',  # the house was burning, long ago (Latin script)
    'lomi kimewut iye bsehaq',  # today I'll die laughing (joke, Latin script)
    'hiji dehan iye, timali ayitenfesn neyru',  # now I am fine, yesterday he was not breathing (Latin script)
    'ቅድሚ ሰሙን ተቖሊፈ ነይረ',  # a week ago I was locked in
    'ናብ ድልድል ከይደ ስእሊ ኣልዒለ',  # I went to the bridge and took a photo
    # Added 2026-12-07 (second widening): near misses (past, habit, film, joke, conditional, harmless use).
    "ቅድሚ ክልተ ዓመት ሰብኣየይ ይደፍኣኒ ኣሎ ነይሩ",  # two years ago my husband used to push me
    "ኣብ ፊልም ይረግጻ ኣሎ",  # in a film he is kicking her
    "ጥንስቲ እየ ሰብኣየይ ኩሉ ግዜ ይሕግዘኒ",  # I am pregnant, my husband always helps me
    "ቆልዓ ከለኹ ኣቦይ ደፊኡኒ ክትንስእ ኣይከኣልኩን",  # as a child dad pushed me and I couldn't get up
    "kulu gize yiwegaeni alo neyru",  # he always used to beat me (Latin script)
    "ab film yiharmeni alo zbl",  # in a film he says 'he is hitting me' (Latin script)
    "ማዕጾ ይኹሕኹሕ ኣሎ ዓርከይ እዩ",  # someone is knocking, it's my friend
    "ቅድሚ ዓመት ማዕጾ ሰቢሩ ነይሩ",  # a year ago he broke the door
    "እንተ ሓዲገዮ ክቐትለኒ ደልዩ",  # if I leave him he wants to kill me (conditional)
    "ab film kketeleni iyu ilu",  # in a film he says 'he will kill me' (Latin script)
    "ካራ ኣብ ኢዳ ሒዛ ሽጉርቲ ትቖርጽ ኣላ",  # she holds a knife and is cutting onions
    "ዱኳን ዓጽዮም ሎሚ",  # they closed the shop today
    "mis arkitey kwetsi ayfeqdulen",  # they don't let me go out with my friends (Latin script)
    "ሓደ ከኒና ምስ ማይ ወሲደ",  # I took one pill with water
    "ኣብ ልዕሊ ድልድል ኮፍ ኢለ ሻሂ ሰቲየ",  # I sat on the bridge and drank tea
    "ab l'ali dildil kzelil iye bsehaq",  # I'll jump off the bridge laughing (joke, Latin script)
    "ኣብ ፊልም ዓሚቝ ቆሪጹ",  # in a film he cut deep
    "timali dem yiwetsani alo neyru",  # yesterday I was bleeding (Latin script)
    "ቅድሚ ሰለስተ ዓመት ሓኒቑኒ ክውሕጥ ኣይክእልን ነይረ",  # three years ago he strangled me and I couldn't swallow
    "yisegoni alo neyru kulu gize",  # he always used to chase me (Latin script)
    "ኣብ ጸወታ ንቆልዓ ይወቕዖ ኣሎ",  # in a game he is beating a child
    "ሎሚ ናብ ዓዲ ክኸይድ እየ ሓጎስ ተሰሚዑኒ",  # today I'm going home, I'm happy
    "ገዛ ከንድዶ እዩ እንተ ሓዲግኪዮ ኢሉ",  # he said he'd burn the house if I leave him (conditional)
    "ነዳዲ ኣብ መኪና ገይረ ላይተር ገዚአ",  # I put fuel in the car and bought a lighter
    "qdmi kilte amet amitsuni, hiji dehan iye",  # two years ago he raped me, now I'm okay (Latin script)
    "ab film ainu aykeftn",  # in a film his eyes don't open (Latin script)
]

# Added 2026-12-07: the five newer signals in ten more lexicons (own sentences, draft wording).
PL_ACUTE: List[Tuple[str, Optional[str]]] = [
    ("wiozą mnie na lotnisko, żebym wyszła za mąż w pakistanie", "taken_away_now"),
    ("jestem na lotnisku wbrew mojej woli, pomocy", "taken_away_now"),
    ("zabrali mi paszport i wiozą mnie do samolotu", "taken_away_now"),
    ("on mnie gwałci, jest w sypialni", "sexual_assault_now"),
    ("próbuje mnie zgwałcić", "sexual_assault_now"),
    ("zgwałcił mnie i nadal jest w mieszkaniu", "sexual_assault_now"),
    ("zdziera ze mnie ubranie", "sexual_assault_now"),
    ("ojczym bije mojego brata pasem", "child_in_danger_now"),
    ("teraz tata tłucze siostrę", "child_in_danger_now"),
    ("tata go bije, słyszę jak brat krzyczy", "child_in_danger_now"),
    ("słyszę krzyki i uderzenia za ścianą", "heard_violence_now"),
    ("sąsiadka krzyczy o pomoc", "heard_violence_now"),
    ("mama leży nieprzytomna na podłodze", "unconscious"),
    ("on nie oddycha", "unconscious"),
    ("upadł i uderzył się w głowę, nie reaguje", "unconscious"),
]
PL_NOT_ACUTE = [
    "lecę jutro na lotnisko na wakacje",
    "rok temu wywieźli mnie za granicę siłą",
    "w filmie ktoś krzyczy o pomoc",
    "tata często bije brata pasem",
    "dwa lata temu byłam nieprzytomna po wypadku",
    "słyszę muzykę za ścianą",
    "jeśli odejdę, zabiorą mnie na lotnisko",
]
LT_ACUTE: List[Tuple[str, Optional[str]]] = [
    ("veža mane į oro uostą prievarta", "taken_away_now"),
    ("esu oro uoste prieš mano valią", "taken_away_now"),
    ("jis mane prievartauja", "sexual_assault_now"),
    ("bando mane išprievartauti", "sexual_assault_now"),
    ("tėvas muša brolį diržu", "child_in_danger_now"),
    ("tėtis muša, girdžiu kaip brolis rėkia", "child_in_danger_now"),
    ("girdžiu riksmus už sienos", "heard_violence_now"),
    ("mama be sąmonės", "unconscious"),
    ("jis nekvėpuoja", "unconscious"),
]
LT_NOT_ACUTE = [
    "rytoj skrendu iš oro uosto atostogauti",
    "prieš metus jis mane prievartavo",
    "filme girdžiu riksmus už sienos",
    "tėvas visada muša brolį diržu",
    "pernai buvau be sąmonės",
]
UK_ACUTE: List[Tuple[str, Optional[str]]] = [
    ("везуть мене в аеропорт силоміць", "taken_away_now"),
    ("я в аеропорту проти моєї волі", "taken_away_now"),
    ("він мене ґвалтує", "sexual_assault_now"),
    ("намагається мене зґвалтувати", "sexual_assault_now"),
    ("батько б'є брата ременем", "child_in_danger_now"),
    ("він б'є, чую як сестра кричить", "child_in_danger_now"),
    ("чую крики за стіною", "heard_violence_now"),
    ("сусідка кричить про допомогу", "heard_violence_now"),
    ("мама без свідомості", "unconscious"),
    ("впала і не рухається", "unconscious"),
]
UK_NOT_ACUTE = [
    "завтра лечу з аеропорту у відпустку",
    "два роки тому мене ґвалтували",
    "у фільмі хтось кричить про допомогу",
    "батько завжди б'є брата ременем",
    "минулого року брат втратив свідомість на тренуванні",
]
RU_ACUTE: List[Tuple[str, Optional[str]]] = [
    ("везут меня в аэропорт насильно", "taken_away_now"),
    ("я в аэропорту против моей воли", "taken_away_now"),
    ("забрали паспорт и везут в аэропорт", "taken_away_now"),
    ("он меня насилует", "sexual_assault_now"),
    ("пытается меня изнасиловать", "sexual_assault_now"),
    ("изнасиловал и до сих пор здесь", "sexual_assault_now"),
    ("отчим бьет брата ремнем", "child_in_danger_now"),
    ("он бьет, слышу как сестра кричит", "child_in_danger_now"),
    ("слышу крики за стеной", "heard_violence_now"),
    ("соседка кричит о помощи", "heard_violence_now"),
    ("мама без сознания", "unconscious"),
    ("он не дышит", "unconscious"),
    ("упала и не двигается", "unconscious"),
]
RU_NOT_ACUTE = [
    "завтра лечу из аэропорта в отпуск",
    "три года назад меня изнасиловали",
    "в фильме кто-то кричит о помощи",
    "отчим всегда бьет брата ремнем",
    "в прошлом году брат потерял сознание на тренировке",
    "если уйду, заберут меня в аэропорт",
]
AR_ACUTE: List[Tuple[str, Optional[str]]] = [
    ("ياخدوني على المطار غصب عني", "taken_away_now"),
    ("انا بالمطار رغما عني", "taken_away_now"),
    ("عم يغتصبني", "sexual_assault_now"),
    ("يحاول يغتصبني", "sexual_assault_now"),
    ("اغتصبني وهو لسا هون", "sexual_assault_now"),
    ("ابوي عم يضرب اخوي", "child_in_danger_now"),
    ("يضرب اخوي بالحزام", "child_in_danger_now"),
    ("بسمع صراخ عند الجيران", "heard_violence_now"),
    ("امي فاقدة الوعي", "unconscious"),
    ("ما عم يتنفس", "unconscious"),
    ("وقعت على الأرض وما عم ترد", "unconscious"),
]
AR_NOT_ACUTE = [
    "رايحة على المطار بكرة للسفر",
    "قبل سنتين اغتصبني",
    "بفيلم في حدا عم يغتصب",
    "اذا تركته رح ياخدوني على المطار",
    "امبارح كنت فاقدة الوعي",
]
UR_ACUTE: List[Tuple[str, Optional[str]]] = [
    ("mujhe zabardasti airport le ja rahe hain", "taken_away_now"),
    ("مجھے زبردستی پاکستان لے جا رہے ہیں", "taken_away_now"),
    ("woh mera rape kar raha hai", "sexual_assault_now"),
    ("وہ میرے ساتھ زیادتی کر رہا ہے", "sexual_assault_now"),
    ("abbu bhai ko belt se maar rahe hain", "child_in_danger_now"),
    ("ابو بھائی کو مار رہے ہیں", "child_in_danger_now"),
    ("parosi ke ghar se cheekh aur maar peet ki awaz aa rahi hai", "heard_violence_now"),
    ("ammi behosh ho gayi hain", "unconscious"),
    ("وہ بے ہوش ہے", "unconscious"),
]
UR_NOT_ACUTE = [
    "kal airport ja rahi hun chutti ke liye",
    "do saal pehle mere sath zyadti hui thi",
    "film mein koi cheekh raha tha",
    "agar main chali gayi to mujhe pakistan wapis bhej denge",
    "pichle saal main behosh hui thi",
]
FA_ACUTE: List[Tuple[str, Optional[str]]] = [
    ("منو به زور دارن فرودگاه می‌برن", "taken_away_now"),
    ("تو فرودگاهم و به زور دارن منو می‌فرستن", "taken_away_now"),
    ("داره بهم تجاوز می‌کنه", "sexual_assault_now"),
    ("بهم تجاوز کرد و هنوز اینجاست", "sexual_assault_now"),
    ("بابام داره داداشمو کتک می‌زنه", "child_in_danger_now"),
    ("صدای کتک کاری از خونه همسایه میاد", "heard_violence_now"),
    ("مامانم بیهوش شده", "unconscious"),
    ("نفس نمی‌کشه", "unconscious"),
]
FA_NOT_ACUTE = [
    "فردا میرم فرودگاه برای سفر",
    "دو سال پیش بهم تجاوز کرد",
    "تو فیلم صدای کتک کاری میاد",
    "اگه برم منو به زور می‌برن",
]
TR_ACUTE: List[Tuple[str, Optional[str]]] = [
    ("beni zorla havaalanına götürüyorlar", "taken_away_now"),
    ("havaalanındayım, zorla uçağa bindiriyorlar", "taken_away_now"),
    ("bana tecavüz ediyor", "sexual_assault_now"),
    ("tecavüz etti ve hala evde", "sexual_assault_now"),
    ("babam kardeşimi kemerle dövüyor", "child_in_danger_now"),
    ("dövüyor, kardeşimin bağırdığını duyuyorum", "child_in_danger_now"),
    ("komşudan çığlık ve dayak seslerini duyuyorum", "heard_violence_now"),
    ("kadın yardım diye bağırıyor", "heard_violence_now"),
    ("annemin bilinci kapalı", "unconscious"),
    ("nefes almıyor", "unconscious"),
]
TR_NOT_ACUTE = [
    "yarın tatil için havaalanına gidiyorum",
    "iki yıl önce bana tecavüz etti",
    "filmde kadın yardım diye bağırıyor",
    "babam her gün kardeşimi dövüyor",
    "giderseniz beni zorla havaalanına götürüyorlar",
]
TH_ACUTE: List[Tuple[str, Optional[str]]] = [
    ("ตอนนี้อยู่สนามบิน พ่อจะส่งหนูไปแต่งงานที่ไทย", "taken_away_now"),  # at the airport now, to be married off
    ("ตอนนี้เขากำลังบังคับหนูไปสนามบิน", "taken_away_now"),
    ("เขากำลังข่มขืนหนู", "sexual_assault_now"),
    ("พยายามข่มขืนฉัน", "sexual_assault_now"),
    ("พ่อกำลังตีน้องอยู่", "child_in_danger_now"),
    ("ได้ยินเสียงกรีดร้องจากห้องข้างๆ", "heard_violence_now"),
    ("แม่หมดสติ", "unconscious"),
    ("เขาไม่หายใจ", "unconscious"),
    # Added 2026-12-07 (second widening): one or more cases per new pattern (own sentences, draft wording).
    # violence_now
    ("ผัวกำลังตบหน้ากูอยู่ ช่วยด้วย", "violence_now"),  # husband is slapping my face
    ("แฟนต่อยชั้นอยู่ในห้องน้ำ", "violence_now"),  # boyfriend is punching me in the bathroom
    ("พ่อกระทืบน้องชายกูไม่หยุด", "violence_now"),  # dad keeps stomping on my little brother
    ("ตอนนี เค้าเตะหนูไม่หยุดเลย", "violence_now"),  # now he keeps kicking me (no tone mark)
    ("ลูกชายตีแม่ตอนนี้ ยายร้องไห้", "violence_now"),  # my son is hitting my mother now
    ("ช่วยด้วย เขาจิกผมหนูลากไปในห้อง", "violence_now"),  # help, he grabbed my hair and is dragging me
    ("ท้องได้ 6 เดือน ผัวถีบท้องชั้น", "violence_now"),  # 6 months pregnant, husband kicked my belly
    ("พี่ชายต่อยหนูจนปากแตก", "violence_now"),  # brother punched me till my lip split
    ("ลูกเขยผลักแม่ล้มลงพื้น ลุกไม่ขึ้นเลย", "violence_now"),  # son-in-law pushed mum down, she can't get up
    ("เมื่อกี้โดนแฟนชกที่ลานจอดรถ", "violence_now"),  # just now got punched by boyfriend
    # on_the_way
    ("ผัวเก่ากำลังขับรถมาที่ห้อง บอกจะมาเอาชีวิตกู", "on_the_way"),
    ("มันบอกอีกสิบนาทีถึง จะมาฆ่าชั้น", "on_the_way"),
    ("เค้าทุบประตูห้องนอนไม่หยุด ชั้นล็อคไว้", "on_the_way"),
    ("มันเอามีดแทงประตูห้อง", "on_the_way"),
    ("มีคนปีนหน้าต่างเข้ามาในบ้าน", "on_the_way"),
    ("มันตามหนูเจอแล้ว", "on_the_way"),
    ("แฟนเก่าถือมีดมาหาหนู", "on_the_way"),
    # threat_kill_now
    ("แฟนส่งข้อความมาว่าจะฆ่ากูให้ตาย", "threat_kill_now"),
    ("วันนี้เค้าจะยิงชั้น เค้าพูดจริง", "threat_kill_now"),
    ("มันเตรียมมีดไว้แล้วจะฆ่าหนู", "threat_kill_now"),
    ("พ่อพยายามจะกดน้ำหนู", "threat_kill_now"),
    ("เค้าจะฆ่าชั้นให้ตายคืนนี้", "threat_kill_now"),
    # weapon
    ("ผัวคว้ามีดทำครัวไล่ตะโกนด่า", "weapon"),
    ("พ่อเมาแล้วหยิบขวานออกมา", "weapon"),
    ("พี่ชายเอาปืนชี้ใส่หนู", "weapon"),
    ("มันไล่ฟันกูที่ซอย", "weapon"),
    ("แฟนเก่าถือปืนอยู่หน้าคอนโด", "weapon"),
    # locked_in
    ("หลบอยู่ใต้เตียง มันเดินหาหนู", "locked_in"),
    ("ชั้นซ่อนจากผัวอยู่", "locked_in"),
    ("เขาขังไว้ในห้องใต้ดิน", "locked_in"),
    ("นายหน้าล็อคพวกหนูไว้ในห้อง", "locked_in"),
    ("เจ้าของร้านไม่ยอมให้ออกจากร้าน ยึดพาสปอร์ตไป", "locked_in"),
    ("แฟนไม่ยอมให้ชั้นลงจากรถ", "locked_in"),
    ("เค้าล็อคประตูบ้านแล้ว ออกไปไม่ได้", "locked_in"),
    ("เขายืนเฝ้าประตูไม่ให้หนูออก", "locked_in"),
    # overdose
    ("แดกยานอนไปยี่สิบเม็ด", "overdose"),
    ("เพื่อนดื่มไฮเตอร์ไปครึ่งขวด", "overdose"),
    ("หนูกินยาฆ่าตัวตายไปแล้ว", "overdose"),
    ("กินยานอนหลับกับเหล้าไปเยอะ", "overdose"),
    ("มีคนแอบใส่ยาในแก้วเหล้าหนู ตอนนี้เวียนหัวมาก", "overdose"),
    # suicide_now
    ("กูจะแขวนคอตายคืนนี้", "suicide_now"),
    ("นั่งอยู่บนราวสะพาน ไม่ไหวแล้ว", "suicide_now"),
    ("จะกระโดดลงจากระเบียงชั้น 12", "suicide_now"),
    ("ผูกเชือกกับพัดลมเพดานแล้ว", "suicide_now"),
    ("ยาอยู่ในมือแล้ว จะกินทั้งแผง", "suicide_now"),
    ("ขอโทษทุกคนนะ หนูไปก่อน ยานอนหลับพอแล้ว", "suicide_now"),
    ("นี่คือข้อความสุดท้ายของหนู", "suicide_now"),
    # bleeding
    ("เลือดไหลออกมาเยอะมาก หยุดไม่ได้", "bleeding"),
    ("เลือดนองเต็มพื้นห้องน้ำ", "bleeding"),
    ("ห้ามเลือดไม่อยู่", "bleeding"),
    ("หัวแตกเลือดไหลเต็มหน้า", "bleeding"),
    ("หนูเชือดข้อมือแล้ว", "bleeding"),
    # strangled / strangling_symptoms
    ("มันกดคอชั้นกับพื้น", "strangled"),
    ("โดนผัวล็อคคอ", "strangled"),
    ("เขาเอาสายไฟรัดคอหนู", "strangled"),
    ("เมื่อวานแฟนบีบคอ วันนี้กลืนน้ำลายไม่ได้ เสียงหาย", "strangling_symptoms"),
    ("โดนรัดคอจนเป็นลม", "strangling_symptoms"),
    # sexual_assault_now
    ("พึ่งโดนลวนลามในรถ", "sexual_assault_now"),
    ("ถูกข่มขืน มันยังอยู่ในห้อง", "sexual_assault_now"),
    ("ตอนนี้ลุงกำลังลวนลามหนู", "sexual_assault_now"),
    ("มันขึ้นคร่อมหนูอยู่", "sexual_assault_now"),
    ("เขาบังคับให้หนูมีอะไรด้วยตอนนี้", "sexual_assault_now"),
    # child_in_danger_now
    ("ตอนนี้พ่อเลี้ยงกำลังเหวี่ยงหลาน", "child_in_danger_now"),
    ("แม่ฟาดลูกสาวไม่หยุด", "child_in_danger_now"),
    ("เขาเขย่าลูกแรงมาก ตอนนี้ลูกซึม", "child_in_danger_now"),
    ("ผัวตบหน้าชั้นต่อหน้าลูก", "child_in_danger_now"),
    ("ลูกร้องไห้อยู่ตรงนั้น เขากำลังต่อยแม่", "child_in_danger_now"),
    # heard_violence_now
    ("ได้ยินเสียงผู้หญิงร้องว่าช่วยด้วย", "heard_violence_now"),
    ("ห้องข้างบนมีเสียงตบกับเสียงกรีดร้อง", "heard_violence_now"),
    # taken_away_now
    ("ตอนนี้อยู่สนามบิน พ่อจะพาหนูกลับไทยไปแต่งงาน หนูไม่ยอม", "taken_away_now"),
    ("อยู่ที่สนามบิน ช่วยหนูด้วย", "taken_away_now"),
    ("พวกมันฉุดหนูขึ้นรถ", "taken_away_now"),
    # unconscious
    ("เขย่าแล้วไม่ตื่น", "unconscious"),
    ("ปากเขียว หายใจแผ่วมาก", "unconscious"),
    ("คลำชีพจรไม่เจอ", "unconscious"),
    ("เพื่อนไมหายใจ", "unconscious"),
    # followed
    ("มีผู้ชายกำลังเดินตามหนู", "followed"),
    ("ผู้ชายคนนี้ตามหนูมาตั้งแต่สถานี", "followed"),
    ("มีคนสะกดรอยตามหนู", "followed"),
    ("แฟนเก่ามายืนรออยู่หน้าห้อง", "followed"),
    ("มีคนยืนอยู่หน้าบ้าน หนูกลัวมาก", "followed"),
    ("รุ่นพี่ดักรอตีหนูหลังเลิกเรียน", "followed"),
    ("พวกมันจะรุมกระทืบผมเย็นนี้", "followed"),
    # fire
    ("ผัวราดเบนซินใส่ตัวชั้น", "fire"),
    ("มันขู่จะเผาบ้าน", "fire"),
    ("เขาเอาน้ำมันมาราดทั่วห้อง", "fire"),
    ("เขาจุดไฟเผาผ้าม่าน", "fire"),
    ("ห้องไฟไหม้ ช่วยด้วย", "fire"),
    ("ควันเต็มห้อง ออกไม่ได้", "fire"),
    # sexual_risk_now
    ("คืนนี้อยู่กับหลานสาวตามลำพัง มีความคิดทางเพศกับเขา กลัวตัวเอง", "sexual_risk_now"),
    # online_meeting_now
    ("หนูอายุ 13 วันนี้จะไปเจอผู้ชายที่รู้จักในเกม แม่ไม่รู้", "online_meeting_now"),
]
TH_NOT_ACUTE = [
    "ซัมเมอร์หน้าพ่อแม่จะพาหนูกลับไทยไปแต่งงาน บินจากสนามบินออสโล",  # next summer my parents will take me to marry
    "ปีก่อนหนูเคยกินยาเกินขนาด ตอนนี้ไม่เป็นไรแล้ว",  # last year I once overdosed, I'm fine now
    "ลูกชอบเล่นเกมทั้งวัน ตะโกนว่าจะฆ่ามึงให้ตาย",  # my child plays games all day, shouts "I'll kill you"
    "ดูหนังเมื่อคืนมีฉากเอามีดขู่ผู้หญิง น่ากลัวมาก",  # watched a film last night with a knife scene
    "พรุ่งนี้จะไปสนามบินเที่ยว",
    "เมื่อสองปีก่อนเคยถูกข่มขืน",
    "ในหนังมีเสียงกรีดร้องจากห้องข้างๆ",
    "พ่อตีน้องทุกวัน",
    # Added 2026-12-07 (second widening): near misses (past, habit, film, joke, conditional, harmless use).
    "เมื่อก่อนผัวตบหน้ากูบ่อยๆ",  # husband used to slap me often
    "กำลังตีลูกกอล์ฟอยู่กับพ่อ",  # playing golf with dad
    "ในหนังพระเอกต่อยตัวร้ายอยู่",  # in the film the hero is punching the villain
    "ตอนเด็กพ่อตีหนูทุกวัน ตอนนี้หนูโตแล้ว",  # dad hit me every day as a child, now I'm grown
    "ลูกดิ้นเตะท้องหนูทั้งคืน ท้องได้ 7 เดือน",  # the baby kicks my belly all night, 7 months pregnant
    "เมื่อกี้โดนตีกลับเอกสาร",  # just got the paperwork bounced back
    "เพื่อนกำลังมาตีแบดที่บ้าน",  # a friend is coming to play badminton
    "ถ้าหนูไปแจ้งตำรวจ เขาบอกว่าจะฆ่าหนู",  # if I report, he says he'll kill me (conditional)
    "กูจะฆ่ามึงคืนนี้ 555 แพ้เกมอีกแล้ว",  # joke
    "หยิบมีดมาหั่นผักทำกับข้าว",  # took a knife to chop vegetables
    "เล่นซ่อนหากับหลาน แอบอยู่ในตู้เสื้อผ้า",  # playing hide-and-seek
    "ชอบขังตัวเองอยู่ในห้องทั้งวัน",  # I like to shut myself in my room all day
    "หมอสั่งให้กินยาวันละ 10 เม็ด",  # the doctor prescribed 10 tablets a day
    "ราดน้ำมันหอยบนผัก",  # pour oyster sauce on vegetables
    "ถ้าสอบตกจะโดดตึก 555",  # if I fail I'll jump off a building lol
    "ลาก่อนทุกคน ย้ายไปอยู่เชียงใหม่แล้ว",  # goodbye all, moved to Chiang Mai
    "เลือดออกเยอะเพราะเป็นเมนส์",  # heavy bleeding from my period
    "ดูหนังเลือดสาดมา",  # watched a gory film
    "เสื้อรัดคอจนหายใจไม่ออก",  # the tight collar made it hard to breathe
    "เมื่อปีที่แล้วแฟนเก่าเคยบีบคอจนเป็นลม",  # last year my ex choked me till I fainted
    "กำลังดูมวยปล้ำ",  # watching wrestling
    "ทำเชือกคล้องคอบัตรพนักงานหาย",  # lost my ID lanyard
    "พ่อแม่จะพาไปสนามบินพรุ่งนี้ ไปเที่ยวญี่ปุ่น",  # parents taking me to the airport tomorrow for a trip
    "ติดตามหนูในไอจีได้นะ",  # follow me on IG
    "เพื่อนรออยู่ข้างล่าง กลัวสาย",  # a friend is waiting downstairs, afraid of being late
    "ข่าวไฟไหม้บ้านที่กรุงเทพ",  # news of a house fire in Bangkok
    "ทำประกันไฟไหม้บ้านดีไหม",  # should I get home fire insurance
    "หล่อจนหัวใจหยุดเต้น",  # so handsome my heart stopped
    "ยามเฝ้าประตูอยู่ทั้งคืน",  # the guard watches the gate all night
    "แฟนขู่จะฆ่าตัวตายทุกครั้งที่ทะเลาะกัน",  # partner threatens suicide at every fight (habit)
]
RO_ACUTE: List[Tuple[str, Optional[str]]] = [
    ("mă duc la aeroport cu forța să mă mărit", "taken_away_now"),
    ("sunt la aeroport împotriva voinței mele", "taken_away_now"),
    ("mă violează", "sexual_assault_now"),
    ("încearcă să mă violeze", "sexual_assault_now"),
    ("m-a violat și este încă aici", "sexual_assault_now"),
    ("tata bate pe fratele meu cu cureaua", "child_in_danger_now"),
    ("îl bate, aud cum țipă", "child_in_danger_now"),
    ("aud țipete și lovituri la vecini", "heard_violence_now"),
    ("femeia strigă după ajutor", "heard_violence_now"),
    ("mama e fără cunoștință", "unconscious"),
    ("nu mai respiră", "unconscious"),
    ("a căzut și nu mai reacționează", "unconscious"),
]
RO_NOT_ACUTE = [
    "mâine merg la aeroport în vacanță",
    "acum doi ani m-a violat",
    "în film cineva strigă după ajutor",
    "tata mereu bate pe fratele meu cu cureaua",
    "dacă plec, mă duc la aeroport cu forța",
]

# Each language's cases: (acute, not acute).
CASES = {
    "nb": (NB_ACUTE, NB_NOT_ACUTE), "nn": (NN_ACUTE, NN_NOT_ACUTE), "en": (EN_ACUTE, EN_NOT_ACUTE),
    "se": (SE_ACUTE, SE_NOT_ACUTE), "da": (DA_ACUTE, DA_NOT_ACUTE), "so": (SO_ACUTE, SO_NOT_ACUTE),
    "ti": (TI_ACUTE, TI_NOT_ACUTE), "pl": (PL_ACUTE, PL_NOT_ACUTE), "lt": (LT_ACUTE, LT_NOT_ACUTE),
    "uk": (UK_ACUTE, UK_NOT_ACUTE), "ru": (RU_ACUTE, RU_NOT_ACUTE), "ar": (AR_ACUTE, AR_NOT_ACUTE),
    "ur": (UR_ACUTE, UR_NOT_ACUTE), "fa": (FA_ACUTE, FA_NOT_ACUTE), "tr": (TR_ACUTE, TR_NOT_ACUTE),
    "th": (TH_ACUTE, TH_NOT_ACUTE), "ro": (RO_ACUTE, RO_NOT_ACUTE),
}
ACUTE = [(lang, text, signal) for lang, (cases, _) in CASES.items() for text, signal in cases]
NOT_ACUTE = [(lang, text) for lang, (_, negatives) in CASES.items() for text in negatives]


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


def test_the_danish_lexicon_awaits_native_review_and_names_known_services() -> None:
    """Danish has only its lexicon (no catalogue or training data yet): it must load and say so."""
    lexicon = yaml.safe_load((LANGUAGES_DIR / "da" / "acute_lexicon.yml").read_text("utf-8"))
    assert lexicon["language"] == "da" and lexicon["review"] == "needs_native_review"
    signals = {entry["id"]: entry for entry in lexicon["signals"]}
    assert {"violence_now", "on_the_way", "kill_threat", "weapon", "locked_in", "overdose",
            "suicide_now", "strangling", "child_in_danger_now"} <= signals.keys()
    for entry in signals.values():
        assert entry["patterns"] and set(entry["services"]) <= {"police", "medical"}
    assert lexicon["present"] and lexicon["past"]


@pytest.mark.parametrize("language, cases, negatives", [
    (language, *CASES[language]) for language in ("da", "so", "ti")])
def test_each_widened_language_has_enough_own_cases(language: str, cases: list, negatives: list) -> None:
    assert len(cases) >= 15 and len(negatives) >= 10
