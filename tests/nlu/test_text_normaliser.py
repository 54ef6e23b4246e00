"""What the NLU reads of a message: markup, links, emoji and shouting punctuation removed."""
import pytest

from nlu.text_normaliser import normalise_text


@pytest.mark.parametrize("raw, clean", [
    ("<b>han slår meg</b>", "han slår meg"),
    ("<script>alert('x')</script> han slår meg", "han slår meg"),
    ("<style>p{color:red}</style><p>pappa slår meg</p>", "pappa slår meg"),
    ("😭😭 han slår meg!!!!!", "han slår meg!"),
    ("hjelp?!?!?!", "hjelp?"),
    ("he hit me 👊🏽 again...... help", "he hit me again. help"),
    ("jeg orker ikke mer…", "jeg orker ikke mer."),
    ("se https://example.com/x?a=1 og www.example.no han slår meg", "se og han slår meg"),
    ("fish &amp; chips 5 &lt; 6", "fish & chips 5 < 6"),
    ("شوهرم می\u200cزند", "شوهرم میزند"),  # Persian's zero-width non-joiner keeps the word whole
    ("  jeg   er\n16  ", "jeg er 16"),
])
def test_normalise_text(raw: str, clean: str) -> None:
    assert normalise_text(raw) == clean


@pytest.mark.parametrize("raw", ["😭😭😭", "<img src=x onerror=alert(1)>", "!!!"])
def test_nothing_readable_left_keeps_the_original(raw: str) -> None:
    assert normalise_text(raw) == raw


def test_plain_text_is_unchanged() -> None:
    text = "Mun in dieđe maid galggan dahkat, mu irgi cápmá mu. Jeg er 16 år."
    assert normalise_text(text) == text
