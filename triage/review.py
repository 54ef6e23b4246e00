"""The review state of every sentence the bot can send, measured against its Bokmål source.

Bokmål (languages/nb/) is the source language. Every other entry records `source_hash`, the hash
of the Bokmål text it translates; when that text changes the translation reads `stale` without
anyone touching it. The YAML files stay the only record: this module reads them, and `stamp`
adds the hash to entries that have none yet. See docs/review.md.
"""
from __future__ import annotations

import hashlib
import textwrap
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Dict, Iterable, List, Mapping, Optional, Tuple

import yaml

from triage.catalogue_yaml import CatalogueFile
from triage.messages import LANGUAGES, LANGUAGES_DIR

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: the catalogues are read often
SOURCE_LANGUAGE = "nb"
STORED_STATUSES = ("draft", "needs_native_review", "reviewed")
STATUSES = STORED_STATUSES + ("stale",)
OWN_LINES_SOURCE = "own_lines.yml"  # languages/nb/own_lines.yml: what the opening lines translate
# Languages written by people who do not speak them natively: a new entry waits for a native speaker.
NATIVE_REVIEW_FIRST = "needs_native_review"
# Catalogue keys that no code sends today (a test checks that no code names them); every other
# entry of a catalogue the bot reads is sendable, and the release guard asks for it reviewed.
NOT_SENT = {
    "messages.yml": frozenset({"ask_channel", "ask_sami", "button_phone", "button_chat", "button_sms",
                               "button_yes", "button_no", "handover_intro_acute_after"}),
    "own_lines": frozenset({"language_name"}),
}
REQUIRE_REVIEWED_ENV = "HJELPELOS_REQUIRE_REVIEWED"  # bot.settings.Settings.require_reviewed


def source_hash(texts: Iterable[str]) -> str:
    """12 hex digits of SHA-256 over the NFC-normalised source text(s), one per line."""
    joined = "\n".join(unicodedata.normalize("NFC", t.strip()) for t in texts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:12]


@dataclass
class Entry:
    """One reviewable unit: a message key, or a service's name and purpose together."""

    language: str
    file: str  # "messages.yml" or "services.yml"
    key: str
    texts: Dict[str, str]  # {"text": ...} or {"name": ..., "purpose": ...}
    review: str
    source: Optional[Dict[str, str]] = None  # the Bokmål texts; None for Bokmål itself or when absent
    source_hash: Optional[str] = None
    reviewed_by: Optional[str] = None
    reviewed_on: Optional[str] = None
    sendable: bool = True
    own_lines: bool = False  # an opening line of a language we do not converse in

    @property
    def is_source(self) -> bool:
        return self.language == SOURCE_LANGUAGE

    @property
    def current_source_hash(self) -> Optional[str]:
        return source_hash(self.source[f] for f in self.texts) if self.source else None

    @property
    def status(self) -> str:
        """The stored status, or `stale` when the Bokmål text changed since this was translated."""
        if not self.is_source and self.source_hash and self.source_hash != self.current_source_hash:
            return "stale"
        return self.review

    @property
    def label(self) -> str:
        prefix = {"services.yml": "service ", OWN_LINES_SOURCE: "own line "}.get(self.file, "")
        return f"{self.language}/{prefix}{self.key}"


def default_status(language: str) -> str:
    """What a new, unreviewed entry is: a draft in nb/nn/en, awaiting a native speaker elsewhere."""
    return "draft" if language in LANGUAGES and language != "se" else NATIVE_REVIEW_FIRST


def _read(path: Path) -> Mapping[str, Dict]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader) or {}
    return data.get("services") or data.get("messages") or {}


def languages(languages_dir: Path = LANGUAGES_DIR) -> Tuple[str, ...]:
    """Every language with a messages.yml: the source first, then our four, then the opening-line ones."""
    found = {p.parent.name for p in Path(languages_dir).glob("*/messages.yml")}
    ours = [lang for lang in LANGUAGES if lang in found]
    return tuple(ours + sorted(found - set(ours)))


def entries(languages_dir: Path = LANGUAGES_DIR, only: Optional[Iterable[str]] = None) -> List[Entry]:
    """Every entry of every catalogue (or of the languages in `only`), joined to its Bokmål source."""
    root = Path(languages_dir)
    source_messages = _read(root / SOURCE_LANGUAGE / "messages.yml")
    source_services = _read(root / SOURCE_LANGUAGE / "services.yml")
    own_source_path = root / SOURCE_LANGUAGE / OWN_LINES_SOURCE
    own_source = _read(own_source_path) if own_source_path.is_file() else {}
    wanted = set(only) if only is not None else None
    found: List[Entry] = []
    for language in languages(root):
        if wanted is not None and language not in wanted:
            continue
        own = language not in LANGUAGES
        message_source = own_source if own else source_messages
        not_sent = NOT_SENT["own_lines" if own else "messages.yml"]
        for key, raw in _read(root / language / "messages.yml").items():
            found.append(_entry(language, "messages.yml", key, raw, ("text",), message_source.get(key),
                                sendable=key not in not_sent, own_lines=own))
        if language == SOURCE_LANGUAGE:
            for key, raw in own_source.items():
                found.append(_entry(language, OWN_LINES_SOURCE, key, raw, ("text",), None, own_lines=True))
        services = root / language / "services.yml"
        if services.is_file():
            for key, raw in _read(services).items():
                found.append(_entry(language, "services.yml", key, raw, ("name", "purpose"),
                                    source_services.get(key)))
    return found


def _entry(language: str, file: str, key: str, raw: Mapping, fields: Tuple[str, ...],
           source: Optional[Mapping], sendable: bool = True, own_lines: bool = False) -> Entry:
    reviewed_on = raw.get("reviewed_on")
    return Entry(
        language=language, file=file, key=key,
        texts={f: str(raw.get(f) or "") for f in fields},
        review=str(raw.get("review") or ""),
        source=None if language == SOURCE_LANGUAGE or source is None else {f: str(source.get(f) or "") for f in fields},
        source_hash=raw.get("source_hash"), reviewed_by=raw.get("reviewed_by"),
        reviewed_on=str(reviewed_on) if reviewed_on else None,
        sendable=sendable and not (language == SOURCE_LANGUAGE and own_lines), own_lines=own_lines,
    )


def source_path(entry: Entry, languages_dir: Path = LANGUAGES_DIR) -> Path:
    """The Bokmål file an entry translates (or, for Bokmål, the file it is in)."""
    name = OWN_LINES_SOURCE if entry.own_lines else entry.file
    return Path(languages_dir) / SOURCE_LANGUAGE / name


def entry_path(entry: Entry, languages_dir: Path = LANGUAGES_DIR) -> Path:
    return Path(languages_dir) / entry.language / entry.file


def problems(found: Iterable[Entry]) -> List[str]:
    """What breaks the review model: a missing hash, an unknown status, a review without role and date."""
    out: List[str] = []
    for entry in found:
        if entry.review not in STORED_STATUSES:
            out.append(f"{entry.label}: review is {entry.review!r}, not one of {', '.join(STORED_STATUSES)}")
        if entry.review == "reviewed" and not (entry.reviewed_by and entry.reviewed_on):
            out.append(f"{entry.label}: reviewed, but reviewed_by (a role) and reviewed_on (a date) are missing")
        if entry.reviewed_on:
            try:
                date.fromisoformat(entry.reviewed_on)
            except ValueError:
                out.append(f"{entry.label}: reviewed_on {entry.reviewed_on!r} is not a YYYY-MM-DD date")
        if entry.is_source:
            continue
        if entry.source is None:
            out.append(f"{entry.label}: no Bokmål source for this key")
        elif not entry.source_hash:
            out.append(f"{entry.label}: no source_hash (run `hjelpelos catalogue stamp`)")
    return out


def stamp(languages_dir: Path = LANGUAGES_DIR) -> List[str]:
    """Record the Bokmål hash on translations that have none, as unreviewed; returns what changed.

    A translation without a hash cannot say which source it translates, so even one marked
    `reviewed` goes back to unreviewed: nobody can tell what that review covered.
    """
    changed: List[str] = []
    files: Dict[Path, CatalogueFile] = {}
    for entry in entries(languages_dir):
        if entry.is_source or entry.source_hash or entry.source is None:
            continue
        path = entry_path(entry, languages_dir)
        document = files.setdefault(path, CatalogueFile(path))
        status = entry.review if entry.review in ("draft", "needs_native_review") else default_status(entry.language)
        document.set(entry.key, "source_hash", entry.current_source_hash)
        document.set(entry.key, "review", status)
        for stale_field in ("reviewed_by", "reviewed_on"):
            document.set(entry.key, stale_field, None)
        changed.append(f"{entry.label}: source_hash {entry.current_source_hash}, review {status}")
    for document in files.values():
        document.save()
    return changed


@dataclass
class LanguageReport:
    """Counts by status for one language, and the sendable entries not yet reviewed."""

    language: str
    counts: Counter = field(default_factory=Counter)
    unreviewed: List[Entry] = field(default_factory=list)


def report(found: Iterable[Entry]) -> List[LanguageReport]:
    reports: Dict[str, LanguageReport] = {}
    for entry in found:
        item = reports.setdefault(entry.language, LanguageReport(entry.language))
        item.counts[entry.status] += 1
        if entry.sendable and entry.status != "reviewed":
            item.unreviewed.append(entry)
    return list(reports.values())


def format_report(reports: Iterable[LanguageReport], show_keys: bool = True) -> str:
    """The text `hjelpelos catalogue review-status` prints."""
    lines = []
    for item in reports:
        counts = ", ".join(f"{status} {item.counts[status]}" for status in STATUSES if item.counts[status])
        lines.append(f"{item.language}: {counts}; sendable and not reviewed: {len(item.unreviewed)}")
        if show_keys and item.unreviewed:
            by_status: Dict[str, List[str]] = {}
            for entry in item.unreviewed:
                name = f"service {entry.key}" if entry.file == "services.yml" else entry.key
                by_status.setdefault(entry.status, []).append(name)
            for status, keys in by_status.items():
                lines.append(textwrap.fill(", ".join(keys), width=100, initial_indent=f"  {status}: ",
                                           subsequent_indent="    ", break_on_hyphens=False))
    return "\n".join(lines)


class UnreviewedRelease(RuntimeError):
    """HJELPELOS_REQUIRE_REVIEWED is on and some sendable sentence is not reviewed."""


def release_guard(required: bool, languages_dir: Path = LANGUAGES_DIR) -> None:
    """Refuse to start a release that must be reviewed when a sendable sentence is not.

    Every language the bot has a catalogue for is enabled: the bot speaks each of them today.
    """
    if not required:
        return
    found = entries(languages_dir)
    missing = [item for item in report(found) if item.unreviewed]
    broken = problems(found)
    if not missing and not broken:
        return
    total = sum(len(item.unreviewed) for item in missing)
    message = [f"{REQUIRE_REVIEWED_ENV}=true, but {total} sendable sentences are not reviewed:",
               format_report(missing)]
    if broken:
        message += ["catalogue problems:"] + [f"  {line}" for line in broken]
    message.append("Review them (docs/review.md) or start without the setting.")
    raise UnreviewedRelease("\n".join(message))
