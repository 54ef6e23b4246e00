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
