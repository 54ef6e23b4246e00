"""The review model: every translation names the Bokmål text it translates, and goes stale when that changes."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from triage import review
from triage.messages import LANGUAGES_DIR, OWN_LINE_KEYS

ROOT = Path(__file__).resolve().parents[2]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _by_label(languages_dir: Path) -> dict:
    return {entry.label: entry for entry in review.entries(languages_dir)}


def test_every_translation_records_its_source_and_a_valid_status() -> None:
    """Fails for a new key until `hjelpelos catalogue stamp` has recorded its Bokmål hash."""
    found = review.entries()
    assert len(found) > 600
    assert review.problems(found) == []


def test_every_opening_line_key_has_a_bokmal_source() -> None:
    source = yaml.safe_load((LANGUAGES_DIR / "nb" / review.OWN_LINES_SOURCE).read_text(encoding="utf-8"))
    assert tuple(source["messages"]) == OWN_LINE_KEYS


def test_no_translation_is_stale_today() -> None:
    stale = [e.label for e in review.entries() if e.status == "stale"]
    assert stale == []


def test_changing_a_bokmal_message_makes_its_translations_stale(languages: Path) -> None:
    before = _by_label(languages)
    _edit(languages / "nb" / "messages.yml", "Når du er trygg, kan du snakke med:", "Når du er trygg, kan du ringe:")
    after = _by_label(languages)
    changed = sorted(label for label, entry in after.items() if entry.status != before[label].status)
    assert changed == ["en/emergency_then", "nn/emergency_then", "se/emergency_then"]
    assert {after[label].status for label in changed} == {"stale"}


def test_changing_a_service_purpose_makes_its_translations_stale(languages: Path) -> None:
    _edit(languages / "nb" / "services.yml", "for alle som vil snakke eller skrive om noe som er vanskelig",
          "for alle som vil snakke om noe vanskelig")
    stale = sorted(e.label for e in review.entries(languages) if e.status == "stale")
    assert stale == ["en/service alltidhjelp", "nn/service alltidhjelp", "se/service alltidhjelp"]


def test_changing_an_opening_line_source_makes_every_language_stale(languages: Path) -> None:
    _edit(languages / "nb" / review.OWN_LINES_SOURCE, "Du trenger ikke si hvem du er.", "Du kan være anonym.")
    stale = {e.language for e in review.entries(languages) if e.status == "stale"}
    assert stale == set(review.languages(languages)) - {"nb", "nn", "en", "se"}
    assert all(e.key == "anonymous" for e in review.entries(languages) if e.status == "stale")


def test_a_reviewed_translation_goes_stale_too_and_the_guard_sees_it(languages: Path) -> None:
    path = languages / "se" / "messages.yml"
    _edit(path, "    source_hash: \"6aa73423cb51\"\n    review: needs_native_review\n",
          "    source_hash: \"6aa73423cb51\"\n    review: reviewed\n"
          "    reviewed_by: \"native speaker, North Sami\"\n    reviewed_on: \"2027-01-10\"\n")
    assert _by_label(languages)["se/handover_intro"].status == "reviewed"
    _edit(languages / "nb" / "messages.yml", "Her er hjelp som passer til det du skriver:", "Her er hjelp:")
    assert _by_label(languages)["se/handover_intro"].status == "stale"


def test_stamp_records_the_hash_of_new_keys_and_leaves_every_other_line_alone(languages: Path) -> None:
    _edit(languages / "nb" / "messages.yml", "  # --- Emergency (acute urgency) ---\n",
          "  new_line:\n    text: \"Ny setning.\"\n    review: draft\n  # --- Emergency (acute urgency) ---\n")
    for language in ("nn", "en"):
        _edit(languages / language / "messages.yml", "  # --- Emergency (acute urgency) ---\n",
              "  new_line:\n    text: \"Ny setning.\"\n    review: draft\n  # --- Emergency (acute urgency) ---\n")
    _edit(languages / "se" / "messages.yml", "  # --- Emergency (acute urgency) ---\n",
          "  new_line:\n    text: \"Ođđa cealkka.\"\n  # --- Emergency (acute urgency) ---\n")
    before = (languages / "se" / "messages.yml").read_text(encoding="utf-8")
    assert [p for p in review.problems(review.entries(languages)) if "new_line" in p]

    changed = review.stamp(languages)

    expected_hash = review.source_hash(["Ny setning."])
    assert sorted(changed) == sorted(f"{lang}/new_line: source_hash {expected_hash}, review {status}"
                                     for lang, status in (("nn", "draft"), ("en", "draft"),
                                                          ("se", "needs_native_review")))
    after = (languages / "se" / "messages.yml").read_text(encoding="utf-8")
    added = "    source_hash: \"%s\"\n    review: needs_native_review\n" % expected_hash
    assert after == before.replace("    text: \"Ođđa cealkka.\"\n", "    text: \"Ođđa cealkka.\"\n" + added)
    assert review.problems(review.entries(languages)) == []
    assert review.stamp(languages) == []  # nothing left to stamp


def test_stamp_does_not_keep_a_review_it_cannot_tie_to_a_source(languages: Path) -> None:
    path = languages / "en" / "messages.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  handover_intro:\n")
    end = text.index("  handover_intro_high:\n")
    block = text[start:end]
    unhashed = re.sub(r"    source_hash: .*\n", "", block).replace("review: draft", "review: reviewed")
    path.write_text(text[:start] + unhashed + text[end:], encoding="utf-8")
    assert _by_label(languages)["en/handover_intro"].review == "reviewed"
    review.stamp(languages)
    entry = _by_label(languages)["en/handover_intro"]
    assert entry.status == "draft" and entry.source_hash == entry.current_source_hash


def test_a_review_needs_a_role_and_a_date(languages: Path) -> None:
    _edit(languages / "nn" / "messages.yml", "  greeting:\n    text:", "  greeting:\n    reviewed_on: \"10.01.2027\"\n    text:")
    _edit(languages / "nn" / "messages.yml", "    review: draft\n", "    review: reviewed\n")
    found = review.problems(review.entries(languages))
    assert "nn/greeting: reviewed, but reviewed_by (a role) and reviewed_on (a date) are missing" in found
    assert "nn/greeting: reviewed_on '10.01.2027' is not a YYYY-MM-DD date" in found


def test_keys_counted_as_not_sent_are_named_by_no_code() -> None:
    """If code starts sending one of them, it must leave NOT_SENT so the release guard asks for its review."""
    code = "\n".join(p.read_text(encoding="utf-8") for folder in ("triage", "bot", "actions")
                     for p in (ROOT / folder).rglob("*") if p.suffix in (".py", ".js", ".html")
                     # the files that list the keys (the review modules describe them to translators)
                     and p.name != "messages.py" and not p.name.startswith("review"))
    for key in review.NOT_SENT["messages.yml"] | review.NOT_SENT["own_lines"]:
        assert not re.search(rf"[\"']{key}[\"']", code), key
    catalogue = yaml.safe_load((LANGUAGES_DIR / "nb" / "messages.yml").read_text(encoding="utf-8"))["messages"]
    assert review.NOT_SENT["messages.yml"] <= set(catalogue)


def test_review_status_counts_every_entry_once() -> None:
    found = review.entries()
    reports = {item.language: item for item in review.report(found)}
    assert sum(sum(item.counts.values()) for item in reports.values()) == len(found)
    se = reports["se"]
    assert se.counts["needs_native_review"] == len([e for e in found if e.language == "se"])
    assert "ask_sami" not in {e.key for e in se.unreviewed}  # not sent today
    assert {"greeting", "emergency_police"} <= {e.key for e in se.unreviewed}
    text = review.format_report(review.report(found))
    assert re.search(r"^se: needs_native_review \d+; sendable and not reviewed: \d+$", text, re.MULTILINE)


def test_the_stamp_command_reports_what_it_stamped(languages: Path, capsys) -> None:
    from bot.cli.main import main as cli

    path = languages / "uk" / "messages.yml"
    _edit(path, "    source_hash: \"%s\"\n" % _by_label(languages)["uk/free"].source_hash, "")
    assert cli(["catalogue", "stamp", "--languages-dir", str(languages)]) == 0
    expected = review.source_hash(["Det er gratis å ringe hjelpetelefonene nedenfor."])
    assert capsys.readouterr().out == f"stamped uk/free: source_hash {expected}, review needs_native_review\n" \
                                      "1 translation(s) stamped\n"
    assert review.problems(review.entries(languages)) == []
