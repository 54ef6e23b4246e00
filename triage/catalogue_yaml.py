"""Edit a languages/<lang>/*.yml catalogue in place, keeping its comments, order and quoting.

The review commands (stamp, import) change a few fields of a few entries; every other byte of
the file stays as it was, so a review shows up in git as the lines it really changed.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

# Fields written as plain words; everything else is double-quoted like the texts already are.
PLAIN_FIELDS = {"review"}
# Where a new field goes in an entry. `source_hash` sits between the text and `review`, so adding
# it leaves the line after `review` (where new keys are added) untouched: no merge conflict.
FIELD_ORDER = ("text", "name", "purpose", "source_hash", "review", "reviewed_by", "reviewed_on")


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 100_000  # never fold a long sentence onto two lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


class CatalogueFile:
    """One catalogue file opened for editing; `save()` writes it back only when something changed."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.original = self.path.read_text(encoding="utf-8")
        self.data = _yaml().load(self.original)
        self.section = "services" if "services" in self.data else "messages"

    def entry(self, key: str) -> CommentedMap:
        return self.data[self.section][key]

    def set(self, key: str, field: str, value: Optional[str]) -> None:
        """Set (or with None, remove) one field of one entry."""
        entry = self.entry(key)
        if value is None:
            if field in entry:
                _remove(entry, field)
            return
        scalar: Any = value if field in PLAIN_FIELDS else DoubleQuotedScalarString(value)
        if field in entry:
            entry[field] = scalar
            return
        later = FIELD_ORDER[FIELD_ORDER.index(field) + 1:] if field in FIELD_ORDER else ()
        position = next((i for i, name in enumerate(entry) if name in later), None)
        if position is None:
            _append(entry, field, scalar)
        else:
            entry.insert(position, field, scalar)

    def text(self) -> str:
        import io

        out = io.StringIO()
        _yaml().dump(self.data, out)
        return out.getvalue()

    def save(self) -> bool:
        """Write the file if its content changed; True when it did."""
        new = self.text()
        if new == self.original:
            return False
        self.path.write_text(new, encoding="utf-8")
        self.original = new
        return True


def _append(entry: CommentedMap, field: str, value: Any) -> None:
    """Add a field at the end of an entry, moving the section comment that trailed the old last field."""
    last = list(entry)[-1] if entry else None
    entry[field] = value
    if last is not None and last in entry.ca.items:
        entry.ca.items[field] = entry.ca.items.pop(last)


def _remove(entry: CommentedMap, field: str) -> None:
    """Drop a field; a section comment that trailed it moves to the new last field."""
    keys = list(entry)
    trailing = entry.ca.items.pop(field, None)
    del entry[field]
    if trailing is not None and keys[-1] == field and len(keys) > 1:
        entry.ca.items[keys[-2]] = trailing
