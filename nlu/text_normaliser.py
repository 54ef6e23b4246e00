"""Clean a message before any other component reads it: markup, links, emoji, shouting punctuation.

People paste text from other apps, and a web form lets anyone send markup. None of that is what
they said: "<b>han slår meg</b>" must be triaged like "han slår meg", a `<script>` block must
not become the topic, and "😭😭 han slår meg!!!!!" must be exactly as urgent as "han slår meg!".
The cleaned text replaces `text` for the whole pipeline (language, embeddings, lexicon, age),
at training time too, so the model learns what it will see.
"""
from __future__ import annotations

import html
import re
import unicodedata
from html.parser import HTMLParser
from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

# Elements whose content is code or styling, never something the person wrote.
_HIDDEN_ELEMENTS = frozenset({"script", "style", "template", "noscript", "svg", "math", "head", "title"})
_LOOKS_LIKE_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")
_URL = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|no|net|org|io|ly|me)/\S*", re.IGNORECASE)
# "!!!!", "???", "!?!?" -> one mark; "..", "...", "....." -> one full stop.
_REPEATED_MARKS = re.compile(r"([!?])[!?]+")
_LONG_DOTS = re.compile(r"\.{2,}|…")
_SPACES = re.compile(r"\s+")
# Emoji and pictographs and their modifiers: Unicode symbols the models read as noise. Format
# characters (joiners, Persian's zero-width non-joiner) go without leaving a space, so words stay whole.
_SPACED_CATEGORIES = frozenset({"So", "Sk", "Cs", "Co", "Cn"})
_JOINED_CATEGORIES = frozenset({"Cf"})
_VARIATION_SELECTORS = re.compile("[\ufe00-\ufe0f]")
_KEPT_SYMBOLS = frozenset("°")


class _TextOnly(HTMLParser):
    """The visible text of a fragment of HTML, with the content of script/style dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: List[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in _HIDDEN_ELEMENTS:
            self._hidden += 1
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_ELEMENTS and self._hidden:
            self._hidden -= 1
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def strip_markup(text: str) -> str:
    """The visible text of `text` when it holds HTML or XML tags; entities decoded either way."""
    if not _LOOKS_LIKE_MARKUP.search(text):
        return html.unescape(text)
    parser = _TextOnly()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


def _drop_symbols(text: str) -> str:
    def keep(ch: str) -> str:
        category = unicodedata.category(ch)
        if category in _JOINED_CATEGORIES:
            return ""
        return " " if category in _SPACED_CATEGORIES and ch not in _KEPT_SYMBOLS else ch

    return "".join(keep(ch) for ch in _VARIATION_SELECTORS.sub("", text))


def normalise_text(text: str) -> str:
    """What the NLU should read of `text`; the original when nothing readable would be left."""
    cleaned = unicodedata.normalize("NFC", text or "")
    cleaned = strip_markup(cleaned)
    cleaned = _URL.sub(" ", cleaned)
    cleaned = _drop_symbols(cleaned)
    cleaned = _REPEATED_MARKS.sub(r"\1", cleaned)
    cleaned = _LONG_DOTS.sub(".", cleaned)
    cleaned = _SPACES.sub(" ", cleaned).strip()
    return cleaned if any(ch.isalnum() for ch in cleaned) else (text or "").strip()


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class TextNormaliser(GraphComponent):
    """Replaces `text` with `normalise_text(text)` on every message, before the other components."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {}

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "TextNormaliser":
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if text:
                message.set(TEXT, normalise_text(text))
        return messages
