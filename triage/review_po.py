"""Catalogues to GNU gettext PO files and back, so reviewers work in Weblate, Pontoon or Poedit.

One PO file per language (`<lang>.po`). Each entry: msgctxt = the catalogue key, msgid = the
Bokmål source, msgstr = the translation, `#.` comments saying where the sentence is shown, and
the gettext `fuzzy` flag on everything not `reviewed`. A reviewer approves an entry by clearing
`fuzzy` (Poedit: "Needs work" off); `import_po` turns that into `review: reviewed` with the
reviewer's role and the date. The YAML stays the record; the PO file is a working copy.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from triage import review, review_checks
from triage.catalogue_yaml import CatalogueFile
from triage.messages import LANGUAGES_DIR

SERVICE_PREFIX = "service."
OWN_LINE_PREFIX = "own_line."
BRACE_FLAG = "python-brace-format"  # gettext (msgfmt --check) and Weblate then compare {placeholders}
# Keys a second reviewer with helpline experience reads too (languages/README.md).
SENSITIVE = re.compile(r"^(greeting|emergency_.*|handover_intro_high|no_advice|followup_scared|stop_reply|topic_label_.*)$")
SMS_ONLY = {"emergency_sms_short", "goodbye_sms", "sms_options_prefix"}
PLACEHOLDER_MEANING = {
    "police": "the police emergency number (112)", "medical": "the medical emergency number (113)",
    "name": "a service's name", "purpose": "what the service is for", "contact": "a phone number or address",
    "time": "a clock time (HH:MM)", "when": "a day and time, from when_today/when_tomorrow/when_weekday",
    "weekday": "a weekday from weekday_0 to weekday_6",
}
OWN_LINE_WHERE = {
    "language_name": "The language's own name for itself. Not sent by the bot today.",
    "emergency": "First line of the reply on acute danger, before the English or Bokmål reply (web and SMS).",
    "guide_languages": "Opens every reply to someone writing this language (web and SMS).",
    "interpreter": "Opens a reply that lists helplines (web and SMS).",
    "anonymous": "Opens a reply that lists helplines (web only).",
    "free": "Opens a reply that lists helplines when every line offered is free (web only).",
    "service_own_language": "After the helplines: one line per service that answers in this language (web and SMS).",
    "service_interpreter": "After the helplines: one line per service that can use an interpreter (web and SMS).",
}


class PoImportError(ValueError):
    """A PO file cannot come back into the catalogue; `problems` has one line per bad entry."""

    def __init__(self, path: Path, problems: List[str]):
        super().__init__(f"{path}: refused, nothing imported from it:\n  " + "\n  ".join(problems))
        self.path, self.problems = path, problems


# ------------------------------------------------------------------ where a sentence is shown
def _sections(languages_dir: Path) -> Dict[str, str]:
    """Key -> the `# --- Situation ---` heading it sits under in the Bokmål messages.yml."""
    sections, current = {}, ""
    path = Path(languages_dir) / review.SOURCE_LANGUAGE / "messages.yml"
    for line in path.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^\s*# --- (.+?) ---", line)
        key = re.match(r"^  ([A-Za-z0-9_]+):\s*$", line)
        if heading:
            current = heading.group(1)
        elif key:
            sections[key.group(1)] = current
    return sections


def _channels(key: str) -> str:
    if key.startswith("widget_"):
        return "the web widget's own labels (web only)"
    if key in SMS_ONLY or "_sms" in key:
        return "SMS only; keep it short, every SMS segment counts"
    if "_web" in key:
        return "web only"
    return "web and SMS"


def where_shown(entry: review.Entry, field_name: str, sections: Dict[str, str]) -> List[str]:
    """The `#.` comments for one PO entry: where the sentence is shown and what its placeholders are."""
    if entry.file == "services.yml":
        lines = [("Service name, first in each service block of a reply listing helplines (web and SMS). "
                  "Must be the name knowledge/catalogue.yaml gives this service in this language.")
                 if field_name == "name" else
                 "What the service is for, after its name in a reply listing helplines (web and SMS)."]
    elif entry.own_lines:
        lines = [OWN_LINE_WHERE.get(entry.key, "An opening line for someone writing this language."),
                 "The rest of that reply is in English, or in Bokmål in a conversation already in Norwegian."]
    else:
        situation = sections.get(entry.key) or "other"
        lines = [f"Situation: {situation}. Shown: {_channels(entry.key)}."]
        if not entry.sendable:
            lines.append("Not sent by the bot today.")
    if SENSITIVE.match(entry.key) and entry.file == "messages.yml" and not entry.own_lines:
        lines.append("Sensitive: a second reviewer with helpline experience reads it too.")
    source = (entry.source or entry.texts).get(field_name, "")
    names, _ = review_checks.placeholders(source)
    for name in names or []:
        lines.append(f"{{{name}}} = {PLACEHOLDER_MEANING.get(name, 'filled in by the bot')}; keep it exactly.")
    status = entry.status
    if status == "reviewed":
        lines.append(f"Status: reviewed by {entry.reviewed_by}, {entry.reviewed_on}.")
    elif status == "stale":
        lines.append("Status: stale. The Bokmål text changed since this was translated; check it against the msgid.")
    else:
        lines.append(f"Status: {status}.")
    return lines


# ------------------------------------------------------------------ export
def context(entry: review.Entry, field_name: str) -> str:
    if entry.file == "services.yml":
        return f"{SERVICE_PREFIX}{entry.key}.{field_name}"
    if entry.file == review.OWN_LINES_SOURCE:
        return f"{OWN_LINE_PREFIX}{entry.key}"
    return entry.key


def _locale(language: str) -> Locale:
    return Locale.parse(language)


def build_catalog(language: str, languages_dir: Path = LANGUAGES_DIR, today: Optional[date] = None) -> Catalog:
    """The gettext catalog of one language: every entry, Bokmål as msgid, not-reviewed as fuzzy."""
    stamp = datetime.combine(today or date.today(), datetime.min.time(), tzinfo=timezone.utc)
    locale = _locale(language)
    catalog = Catalog(
        locale=locale, domain="hjelpelos", project="Hjelpelos", version="1",
        header_comment=(f"# Hjelpelos: every sentence the bot sends, in {locale.english_name}.\n"
                        "# Written by `hjelpelos catalogue export`, read back by\n"
                        "# `hjelpelos catalogue import`. Clear the fuzzy flag on each entry\n"
                        "# you have reviewed. How to review: docs/review.md."),
        msgid_bugs_address="the catalogue owner named in docs/review.md",
        creation_date=stamp, revision_date=stamp, last_translator="Hjelpelos catalogue (roles, no names)",
        language_team=f"{locale.english_name} reviewers", charset="utf-8", fuzzy=False,
    )
    sections = _sections(languages_dir)
    for entry in review.entries(languages_dir, only=[language]):
        for field_name, text in entry.texts.items():
            source = (entry.source or entry.texts).get(field_name, "")
            flags = [] if entry.status == "reviewed" else ["fuzzy"]
            if review_checks.placeholders(source)[0]:
                flags.append(BRACE_FLAG)
            catalog.add(source, text, flags=flags, auto_comments=where_shown(entry, field_name, sections),
                        context=context(entry, field_name))
    return catalog


def export_po(out_dir: Path, languages: Iterable[str], languages_dir: Path = LANGUAGES_DIR) -> List[Path]:
    """Write `<out_dir>/<lang>.po` for each language; returns the paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for language in languages:
        path = out / f"{language}.po"
        buffer = io.BytesIO()
        write_po(buffer, build_catalog(language, languages_dir), width=76, no_location=True)
        path.write_bytes(buffer.getvalue())
        written.append(path)
    return written


# ------------------------------------------------------------------ import
@dataclass
class ImportResult:
    """What one PO file changed in the catalogue."""

    language: str
    changed: List[str] = field(default_factory=list)
    notes: List[str] = field(default_factory=list)


def _po_language(path: Path, catalog: Catalog) -> str:
    header = str(catalog.locale) if catalog.locale else ""
    return (header or path.stem).replace("_", "-").split("-")[0]


def _read(path: Path) -> Catalog:
    try:
        with open(path, "rb") as handle:
            return read_po(handle, abort_invalid=True)
    except Exception as error:  # babel raises its own PoFileError, and UnicodeDecodeError on bad bytes
        raise PoImportError(path, [f"not a readable PO file: {error}"]) from error


def import_po(path: Path, reviewed_by: Optional[str] = None, reviewed_on: Optional[str] = None,
              languages_dir: Path = LANGUAGES_DIR) -> ImportResult:
    """Bring one reviewed PO file back into the YAML, or raise PoImportError and change nothing."""
    path = Path(path)
    catalog = _read(path)
    language = _po_language(path, catalog)
    if language not in review.languages(languages_dir):
        raise PoImportError(path, [f"language {language!r} has no catalogue under languages/"])
    by_context = {context(entry, f): (entry, f) for entry in review.entries(languages_dir, only=[language])
                  for f in entry.texts}
    problems: List[str] = []
    incoming: Dict[Tuple[str, str], Dict[str, Message]] = {}
    for message in catalog:
        if not message.id:
            continue  # the header
        where = f"msgctxt {message.context!r}" if message.context else f"msgid {message.id!r}"
        if message.context not in by_context:
            problems.append(f"{where}: no such key in languages/{language}/")
            continue
        entry, field_name = by_context[message.context]
        if not isinstance(message.id, str) or not isinstance(message.string, str):
            problems.append(f"{where}: plural forms are not used in this catalogue")
            continue
        name_of = entry.key if entry.file == "services.yml" and field_name == "name" else None
        for problem in review_checks.problems(message.id, message.string, language, name_of):
            problems.append(f"{where}: {problem}")
        incoming.setdefault((entry.file, entry.key), {})[field_name] = message
    if problems:
        raise PoImportError(path, problems)

    result = ImportResult(language)
    entries = {(e.file, e.key): e for e, _ in by_context.values()}
    documents: Dict[Path, CatalogueFile] = {}
    approvals_without_role = []
    for file_key, messages in incoming.items():
        entry = entries[file_key]
        change = _change(entry, messages)
        if change is None:
            continue
        texts, approved, source_ids = change
        if approved and not reviewed_by:
            approvals_without_role.append(entry.label)
            continue
        document = documents.setdefault(review.entry_path(entry, languages_dir),
                                        CatalogueFile(review.entry_path(entry, languages_dir)))
        _apply(document, entry, texts, approved, source_ids, reviewed_by, reviewed_on or date.today().isoformat())
        result.changed.append(f"{entry.label}: {'reviewed' if approved else 'text updated, not reviewed'}")
        if not entry.is_source and review.source_hash(source_ids[f] for f in entry.texts) != entry.current_source_hash:
            result.notes.append(f"{entry.label}: translated against an older Bokmål text, so it stays stale")
    if approvals_without_role:
        raise PoImportError(path, [f"{label}: marked reviewed (not fuzzy); give the reviewer's role with "
                                   "--reviewed-by, e.g. \"native speaker, North Sami\"" for label in approvals_without_role])
    for document in documents.values():
        document.save()
    return result


def _change(entry: review.Entry, messages: Dict[str, Message]) -> Optional[Tuple[Dict[str, str], bool, Dict[str, str]]]:
    """(new texts, approved, the source msgids) when the PO differs from what export writes; else None."""
    source = entry.source or entry.texts
    texts = {f: (messages[f].string if f in messages else entry.texts[f]) for f in entry.texts}
    source_ids = {f: (messages[f].id if f in messages else source[f]) for f in entry.texts}
    approved = all(not messages[f].fuzzy for f in entry.texts if f in messages) and \
        all(f in messages for f in entry.texts)
    exported_approved = entry.status == "reviewed"
    if texts == entry.texts and source_ids == dict(source) and approved == exported_approved:
        return None
    return texts, approved, source_ids


def _apply(document: CatalogueFile, entry: review.Entry, texts: Dict[str, str], approved: bool,
           source_ids: Dict[str, str], reviewed_by: Optional[str], reviewed_on: str) -> None:
    for field_name, text in texts.items():
        document.set(entry.key, field_name, text)
    text_changed = texts != entry.texts
    if approved:
        status = "reviewed"
    elif entry.review == "reviewed":
        status = "draft" if entry.is_source else review.default_status(entry.language)
    else:
        status = entry.review
    document.set(entry.key, "review", status)
    if not entry.is_source and (approved or text_changed):
        document.set(entry.key, "source_hash", review.source_hash(source_ids[f] for f in entry.texts))
    document.set(entry.key, "reviewed_by", reviewed_by if approved else None)
    document.set(entry.key, "reviewed_on", reviewed_on if approved else None)


def import_dir(directory: Path, reviewed_by: Optional[str] = None, reviewed_on: Optional[str] = None,
               languages_dir: Path = LANGUAGES_DIR) -> Tuple[List[ImportResult], List[PoImportError]]:
    """Import every `*.po` in a folder; a refused file changes nothing, the others still come in."""
    results, refused = [], []
    for path in sorted(Path(directory).glob("*.po")):
        try:
            results.append(import_po(path, reviewed_by, reviewed_on, languages_dir))
        except PoImportError as error:
            refused.append(error)
    return results, refused
