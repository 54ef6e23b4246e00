"""Age statements become an `age` entity; other numbers do not."""
import pytest

from nlu.age_extractor import find_age


@pytest.mark.parametrize(
    "text, age",
    [
        ("jeg er 13 og pappa slår meg", 13),
        ("eg er 15 år", 15),
        ("im 14 and scared", 14),
        ("I am 45 years old", 45),
        ("16 år, bor med mamma", 16),
        ("mun lean 13 jagi", 13),
        ("13-åring her", 13),
    ],
)
def test_finds_the_users_age(text: str, age: int) -> None:
    assert find_age(text)[0] == age


@pytest.mark.parametrize(
    "text",
    ["det skjedde for 3 år siden", "han er 40", "ring 116 111", "klokka er 23", "it happened 2 years ago"],
)
def test_ignores_numbers_that_are_not_the_users_age(text: str) -> None:
    assert find_age(text) is None


@pytest.mark.parametrize(
    "text, age",
    [
        ("er 15 btw, mamma kjefter hele tida", 15),
        ("jeg er 16", 16),
        ("16", 16),
        ("eg er berre 12 og pappa drikk", 12),
        ("i'm a 15 year old girl and my stepdad hits me", 15),
        ("I just turned 17", 17),
        ("jeg er en jente på 14 og blir mobbet", 14),
        ("hei, 13 år her. mamma slår meg", 13),
        ("Mun lean 16 jagi ja mu irgi cápmá mu", 16),
        ("mun lean dušše 11", 11),
    ],
)
def test_finds_the_writers_own_age_in_all_four_languages(text: str, age: int) -> None:
    assert find_age(text)[0] == age


@pytest.mark.parametrize(
    "text",
    [
        "broren min er 19 og slår meg",
        "my brother is 19",
        "a girl of 6 in my class has bruises",
        "he is 15 and she is 13",
        "datteren min på 4 år gråter hele tida",
        "the neighbour's boy is 8 and I hear screaming",
        "vi har vært sammen i 5 år",
        "ho er 16 år og kjærasten hennar slår ho",
        "su nieida lea 6 jagi",
        "mannen min er 45 år og drikker",
    ],
)
def test_someone_elses_age_is_not_the_writers(text: str) -> None:
    assert find_age(text) is None


@pytest.mark.parametrize(
    "text, age",
    [
        ("jeg er fjorten og stefaren min er slem", 14),
        ("eg er tjuefem og sambuaren min kontrollerer alt", 25),
        ("I'm forty-two and my husband reads my messages", 42),
        ("mun lean guhttanuppelohkái ja ráhkis áitá mu", 16),
        ("jeg går i 8. klasse og de plager meg", 13),
        ("eg går på vidaregåande og eksen trugar meg", 16),
        ("im in 10th grade and my dad hits me", 15),
        ("går på VG3, kjæresten min kontrollerer meg", 18),
        ("I'm over 18 but my family decides everything", 30),
        ("jeg er ikke 18 ennå, kan jeg ringe anonymt?", 14),
        ("Jeg er pensjonist og sønnen min tar pengene mine", 67),
        ("hi, 14, my stepmom yells all the time", 14),
        ("what do i do now (13)", 13),
        ("eg er16 og pappa slår", 16),
    ],
)
def test_ages_in_words_school_classes_and_bands(text: str, age: int) -> None:
    assert find_age(text)[0] == age


@pytest.mark.parametrize(
    "text",
    [
        "sønnen min går i 6. klasse og blir slått av en lærer",
        "datteren min går på ungdomsskolen og kjæresten hennes truer henne",
        "my son is in 7th grade and comes home with bruises",
        "mora mi er pensjonist og broren min tar pengane hennar",
        "han er over 18 og burde vite bedre",
        "I'm seven months pregnant and he pushed me",
        "jeg er fem minutter unna huset",
        "broren min er nitten og slår meg",
        "det skjedde for femten år siden",
        "we have been married for twenty years",
    ],
)
def test_someone_elses_school_or_band_and_other_numbers_are_not_the_writers_age(text: str) -> None:
    assert find_age(text) is None


def test_the_entity_span_covers_the_number_word_in_the_original_text() -> None:
    text = "jeg er femten og redd"
    age, start, end = find_age(text)
    assert (age, text[start:end]) == (15, "femten")


def test_a_birth_year_gives_the_younger_of_its_two_possible_ages() -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    this_year = datetime.now(ZoneInfo("Europe/Oslo")).year
    assert find_age(f"jeg er født i {this_year - 15} og pappa slår meg")[0] == 14
    assert find_age(f"I was born in {this_year - 40}, my husband hits me")[0] == 39
    assert find_age(f"datteren min er født i {this_year - 6}") is None


@pytest.mark.parametrize(
    "text, age",
    [
        ("jeg er i 30-årene og samboeren min truer meg", 35),
        ("I'm in my fifties and my son takes my money", 55),
        ("eg er mindreårig og stefar tek på meg", 14),
        ("I'm a teenager and my mum's boyfriend hits me", 15),
        ("jeg har nettopp blitt 18 og familien vil gifte meg bort", 18),
    ],
)
def test_decades_minors_teenagers_and_a_new_age(text: str, age: int) -> None:
    assert find_age(text)[0] == age


@pytest.mark.parametrize("text", ["han ble 18 i fjor", "det skjedde i 1990", "the 90s were hard"])
def test_someone_elses_new_age_and_years_are_not_the_writers(text: str) -> None:
    assert find_age(text) is None


@pytest.mark.parametrize(
    "text, age",
    [
        ("mam 14 lat i ojczym mnie bije", 14),  # pl
        ("man 16 metų, patėvis mane muša", 16),  # lt
        ("мені 13 років, вітчим б'є маму", 13),  # uk
        ("мне 15 лет и отчим меня бьёт", 15),  # ru
        ("عمري ١٤ وابوي يضربني", 14),  # ar, Arabic-Indic digits
        ("waxaan ahay 13 jir, aabbahay wuu i garaacaa", 13),  # so
        ("16 ዓመተይ፣ ኣቦይ ይወቕዓኒ", 16),  # ti
        ("main 15 saal ki hoon aur abbu marte hain", 15),  # ur, Roman Urdu
        ("۱۴ سالمه و پدرم کتکم میزند", 14),  # fa, Persian digits
        ("17 yaşındayım ve babam beni dövüyor", 17),  # tr
        ("หนูอายุ 12 ปี พ่อตีหนู", 12),  # th
        ("am 15 ani si tatal meu ma bate", 15),  # ro
    ],
)
def test_the_writers_age_in_the_twelve_other_languages(text: str, age: int) -> None:
    assert find_age(text)[0] == age


@pytest.mark.parametrize(
    "text",
    ["mój brat ma 19 lat", "моему сыну 15 лет", "ลูกผมอายุ 5 ขวบ", "oğlum 8 yaşında", "am stat 5 ani cu el",
     "سن پسرم ۱۲ ساله است"],
)
def test_someone_elses_age_in_other_languages_is_not_the_writers(text: str) -> None:
    assert find_age(text) is None


@pytest.mark.parametrize(
    "text, age",
    [
        # a birthday to come: the age now is one less
        ("snart 16 og mamma lar meg ikke gå ut", 15),
        ("blir 17 i mai, kjæresten tok bankkortet mitt", 16),
        ("eg fyller 17 i mai og kjærasten les meldingane mine", 16),
        ("I'll be 17 in May and my gf took my card", 16),
        ("turning 16 soon and my brother follows me everywhere", 15),
        ("Mun deavddán 16 fargga, eadni ii divtte mu olggos", 15),
        ("jeg fyller 17 i dag og pappa slo meg", 17),
        # gender and age opening the message, brackets, "btw" at the end, the impersonal "man"
        ("m/17, en fyr truer med å dele bilder", 17),
        ("jente,14, pappa leser alle meldingene mine", 14),
        ("gánda 17. Okta olmmái áitá juohkit mu govaid", 17),
        ("eg(15) lurer på om dette er normalt", 15),
        ("my dad hits me when he drinks. 15 btw", 15),
        ("im 13yrs and get bullied every day", 13),
        ("15å gutt her, blir truet hver helg", 15),
        ("14jahkásaš nieida, ballan mannat ruoktot", 14),
        ("Er det greit å skrive når man bare er 12?", 12),
        ("Ahki: 15", 15),
        ("Mun devdden 14 ikte ja eatni irgi bilii", 14),
        # school as ordinals, a class finished last year, a year of upper secondary
        ("går i åttende og blir holdt fast i garderoben", 13),
        ("går i 10ende og en lærer sender meg meldinger", 15),
        ("year 9, a teacher keeps messaging me", 14),
        ("gikk ut av tiende i fjor og familien vil gifte meg bort", 16),
        ("finished 10th grade last year and they want me to marry", 16),
        ("første året på videregående, kjæresten er sjalu", 16),
        ("first year of videregående and my bf threatens me", 16),
        ("Vuosttaš jagi joatkkaskuvllas. Mu irgi áitá mu", 16),
        ("Mun lean gávccát luohkás ja muhtimat dollet mu", 13),
        # bands
        ("er ikke myndig ennå, kan jeg ringe uten at foreldrene får vite det?", 14),
        ("In leat vel myndig. Sáhtángo riŋget?", 14),
        ("Mun lean pensjonista ja mu nieida váldá mu ruđaid", 67),
        ("e bare en fjortis men treneren tar på meg", 14),
    ],
)
def test_birthdays_to_come_forum_forms_ordinal_classes_and_minors(text: str, age: int) -> None:
    assert find_age(text)[0] == age


@pytest.mark.parametrize(
    "text",
    [
        "broren min blir 17 i mai", "han er snart 16 og slår meg", "my son turns 16 next week", "she is almost 16",
        "en gutt på 15 truer meg", "min sønn (15) blir slått", "sønnen min går i åttende og blir mobbet",
        "datteren min gikk ut av tiende i fjor", "jeg blir 15 min forsinket", "I'll be 10 minutes late",
        "det blir 15 grader i morgen", "vi har vært sammen i snart 10 år", "snart 10 år siden han slo meg",
        "Jeg går i andre etasje", "hun er ikke myndig ennå",
    ],
)
def test_someone_elses_birthday_class_or_brackets_and_durations_are_not_the_writers(text: str) -> None:
    assert find_age(text) is None
