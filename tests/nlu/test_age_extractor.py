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
