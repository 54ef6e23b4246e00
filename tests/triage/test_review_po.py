"""PO files out to reviewers and back: unchanged is no diff, reviewed is recorded, broken is refused."""
from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from typing import Callable, Dict

import pytest
from babel.messages.pofile import read_po, write_po

from bot.cli.main import main as cli
from triage import review, review_po

NORTH_SAMI_ROLE = "native speaker, North Sami"


def _snapshot(folder: Path) -> Dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.yml"))}


def _rewrite(po_path: Path, change: Callable) -> None:
    """Edit a PO file the way a translation tool does: parse it, change messages, write it back."""
    with open(po_path, "rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.id:
            change(message)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=76, no_location=True)
    po_path.write_bytes(buffer.getvalue())


def _approve(*contexts: str, text: Dict[str, str] = None) -> Callable:
    def change(message) -> None:
        if message.context in contexts:
            message.flags.discard("fuzzy")
        if text and message.context in text:
            message.string = text[message.context]
    return change


def _by_label(languages_dir: Path) -> dict:
    return {entry.label: entry for entry in review.entries(languages_dir)}


def test_export_then_import_unchanged_gives_no_diff_in_any_language(languages: Path, tmp_path: Path) -> None:
    before = _snapshot(languages)
    written = review_po.export_po(tmp_path / "po", review.languages(languages), languages)
    assert {p.stem for p in written} == set(review.languages(languages)) and len(written) == 16
    results, refused = review_po.import_dir(tmp_path / "po", languages_dir=languages)
    assert refused == []
    assert {r.language: r.changed for r in results} == {lang: [] for lang in review.languages(languages)}
    assert _snapshot(languages) == before


def test_the_north_sami_po_file_passes_gettexts_own_check(tmp_path: Path) -> None:
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "msgfmt is missing: install Debian's gettext (make system-deps)"
    (path,) = review_po.export_po(tmp_path, ["se"])
    for extra in ([], ["--use-fuzzy"]):  # --use-fuzzy: check the not yet reviewed entries as well
        run = subprocess.run([msgfmt, "--check", *extra, "-o", str(tmp_path / "se.mo"), str(path)],
                             capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
    broken = path.read_text(encoding="utf-8").replace("Riŋge {police} (politiija) dál.", "Riŋge {polisi} dál.")
    path.write_text(broken, encoding="utf-8")
    run = subprocess.run([msgfmt, "--check", "--use-fuzzy", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert run.returncode != 0 and "police" in run.stderr  # the brace-format flag lets gettext see it


def test_the_po_file_carries_key_source_place_and_status(tmp_path: Path) -> None:
    (path,) = review_po.export_po(tmp_path, ["se"])
    with open(path, "rb") as handle:
        catalog = read_po(handle)
    assert str(catalog.locale) == "se"
    greeting = catalog.get(review.entries(only=["nb"])[0].texts["text"], context="greeting")
    assert greeting.string.startswith("Bures!") and greeting.fuzzy
    assert "Situation: Greeting. Shown: web and SMS." in greeting.auto_comments
    sms = next(m for m in catalog if m.context == "emergency_sms_short")
    assert any("SMS only" in c for c in sms.auto_comments) and "python-brace-format" in sms.flags
    assert any(c.startswith("{police} = ") for c in sms.auto_comments)
    purpose = next(m for m in catalog if m.context == "service.alltidhjelp.purpose")
    assert purpose.id == "for alle som vil snakke eller skrive om noe som er vanskelig"
    assert len([m for m in catalog if m.id]) == len([f for e in review.entries(only=["se"]) for f in e.texts])


def test_a_reviewed_entry_comes_back_with_role_and_date_and_nothing_else_changes(languages: Path, tmp_path: Path) -> None:
    se_file = languages / "se" / "messages.yml"
    before = se_file.read_text(encoding="utf-8")
    (path,) = review_po.export_po(tmp_path, ["se"], languages)
    _rewrite(path, _approve("greeting_invite", "service.alltidhjelp.name", "service.alltidhjelp.purpose"))

    result = review_po.import_po(path, NORTH_SAMI_ROLE, "2027-01-10", languages)

    assert sorted(result.changed) == ["se/greeting_invite: reviewed", "se/service alltidhjelp: reviewed"]
    entries = _by_label(languages)
    for label in ("se/greeting_invite", "se/service alltidhjelp"):
        entry = entries[label]
        assert (entry.status, entry.reviewed_by, entry.reviewed_on) == ("reviewed", NORTH_SAMI_ROLE, "2027-01-10")
    after = se_file.read_text(encoding="utf-8")
    hash_line = f'    source_hash: "{entries["se/greeting_invite"].source_hash}"\n'
    assert after == before.replace(hash_line + "    review: needs_native_review\n",
                                   hash_line + "    review: reviewed\n" +
                                   f'    reviewed_by: "{NORTH_SAMI_ROLE}"\n    reviewed_on: "2027-01-10"\n', 1)
    # the next export shows it reviewed; a changed Bokmål text makes it stale and fuzzy again
    (path,) = review_po.export_po(tmp_path / "again", ["se"], languages)
    assert "#. Status: reviewed by native speaker, North Sami, 2027-01-10." in path.read_text(encoding="utf-8")
    nb_file = languages / "nb" / "messages.yml"
    nb_file.write_text(nb_file.read_text(encoding="utf-8").replace("så finner jeg et tilbud", "så finner jeg hjelp"),
                       encoding="utf-8")
    assert _by_label(languages)["se/greeting_invite"].status == "stale"
    (path,) = review_po.export_po(tmp_path / "stale", ["se"], languages)
    with open(path, "rb") as handle:
        invite = next(m for m in read_po(handle) if m.context == "greeting_invite")
    assert invite.fuzzy and any(c.startswith("Status: stale.") for c in invite.auto_comments)


def test_an_edited_but_unapproved_translation_stays_unreviewed(languages: Path, tmp_path: Path) -> None:
    (path,) = review_po.export_po(tmp_path, ["se"], languages)
    _rewrite(path, _approve(text={"emergency_then": "Go leat oadjebas, de sáhtát hállat dáiguin:"}))
    result = review_po.import_po(path, languages_dir=languages)
    assert result.changed == ["se/emergency_then: text updated, not reviewed"]
    entry = _by_label(languages)["se/emergency_then"]
    assert entry.texts["text"] == "Go leat oadjebas, de sáhtát hállat dáiguin:"
    assert entry.status == "needs_native_review" and entry.reviewed_by is None


def test_approval_without_a_role_is_refused(languages: Path, tmp_path: Path) -> None:
    before = _snapshot(languages)
    (path,) = review_po.export_po(tmp_path, ["pl"], languages)
    _rewrite(path, _approve("anonymous"))
    with pytest.raises(review_po.PoImportError) as refused:
        review_po.import_po(path, languages_dir=languages)
    assert refused.value.problems == ["pl/anonymous: marked reviewed (not fuzzy); give the reviewer's role with "
                                      "--reviewed-by, e.g. \"native speaker, North Sami\""]
    assert _snapshot(languages) == before


@pytest.mark.parametrize("context, text, problem", [
    ("emergency_police", "Don sáhtát leat váras dál. Riŋge {polisi} dál.",
     "placeholders {polisi} differ from the source's {police}"),
    ("emergency_police", "Don sáhtát leat váras dál. Riŋge {police dál.",
     "braces do not parse (expected '}' before end of string); write placeholders exactly as {name}"),
    ("stop_reply", "Ságastallan lea loahpahuvvon. Jos leat váras, riŋge 112.",
     "phone numbers ['112'] differ from the source's ['112', '113']"),
    ("no_more_services", "Jos leat váras, riŋge 112 dahje 22 33 44 55.",
     ["phone numbers ['112', '22334455'] differ from the source's ['112']",
      "22334455 is not a phone number in knowledge/catalogue.yaml"]),
    ("greeting_invite", "Geahča www.example.no.", "example.no is not an address in knowledge/catalogue.yaml"),
    ("service.alltidhjelp.name", "Álo veahkki", "the service name must be 'Alltidhjelp', as knowledge/catalogue.yaml names it"),
    ("button_18_plus", "Rávis", "the number(s) ['18'] of the source are missing"),
    ("greeting_invite", "", "the translation is empty"),
])
def test_a_file_that_breaks_a_placeholder_number_name_or_address_is_refused(
        languages: Path, tmp_path: Path, context: str, text: str, problem) -> None:
    before = _snapshot(languages)
    (path,) = review_po.export_po(tmp_path, ["se"], languages)
    _rewrite(path, _approve("greeting", text={context: text}))
    with pytest.raises(review_po.PoImportError) as refused:
        review_po.import_po(path, NORTH_SAMI_ROLE, languages_dir=languages)
    problems = problem if isinstance(problem, list) else [problem]
    assert refused.value.problems == [f"msgctxt {context!r}: {p}" for p in problems]
    assert _snapshot(languages) == before  # the approved greeting did not come in either


def test_every_broken_entry_gets_its_own_line(languages: Path, tmp_path: Path) -> None:
    (path,) = review_po.export_po(tmp_path, ["fa"], languages)
    _rewrite(path, _approve(text={"emergency": "با پولیس به شماره {police} تماس بگیرید.",
                                  "service_interpreter": "{nam} مترجم"}))
    with pytest.raises(review_po.PoImportError) as refused:
        review_po.import_po(path, languages_dir=languages)
    assert refused.value.problems == [
        "msgctxt 'emergency': placeholders {police} differ from the source's {medical}, {police}",
        "msgctxt 'service_interpreter': placeholders {nam} differ from the source's {name}",
    ]


def test_a_translation_made_against_an_older_source_stays_stale(languages: Path, tmp_path: Path) -> None:
    (path,) = review_po.export_po(tmp_path, ["nn"], languages)
    nb_file = languages / "nb" / "messages.yml"
    nb_file.write_text(nb_file.read_text(encoding="utf-8").replace("Når du er trygg, kan du snakke med:",
                                                                   "Når du er trygg, kan du ringe:"), encoding="utf-8")
    _rewrite(path, _approve("emergency_then"))
    result = review_po.import_po(path, "Nynorsk reviewer, helpline staff", "2027-01-10", languages)
    assert result.notes == ["nn/emergency_then: translated against an older Bokmål text, so it stays stale"]
    assert _by_label(languages)["nn/emergency_then"].status == "stale"


def test_unknown_keys_and_unreadable_files_are_refused_clearly(languages: Path, tmp_path: Path) -> None:
    (path,) = review_po.export_po(tmp_path, ["se"], languages)
    path.write_text(path.read_text(encoding="utf-8").replace('msgctxt "greeting"', 'msgctxt "greetings"'),
                    encoding="utf-8")
    with pytest.raises(review_po.PoImportError) as refused:
        review_po.import_po(path, languages_dir=languages)
    assert refused.value.problems == ["msgctxt 'greetings': no such key in languages/se/"]
    garbage = tmp_path / "xx.po"
    garbage.write_bytes(b'msgid "a\n\xff\xfe')
    with pytest.raises(review_po.PoImportError, match="not a readable PO file"):
        review_po.import_po(garbage, languages_dir=languages)


def test_the_cli_exports_imports_and_reports(languages: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "po"
    assert cli(["catalogue", "export", "--format", "po", "--lang", "se", "--out", str(out),
                "--languages-dir", str(languages)]) == 0
    assert [p.name for p in out.iterdir()] == ["se.po"]
    _rewrite(out / "se.po", _approve(text={"emergency_police": "Riŋge {polisi}."}))
    assert cli(["catalogue", "import", str(out), "--languages-dir", str(languages)]) == 1
    printed = capsys.readouterr().out
    assert "refused, nothing imported from it" in printed
    assert "msgctxt 'emergency_police': placeholders {polisi} differ from the source's {police}" in printed
    assert cli(["catalogue", "review-status", "--lang", "se", "--languages-dir", str(languages)]) == 0
    printed = capsys.readouterr().out
    (found,) = review.report(review.entries(languages, only=["se"]))
    assert printed.startswith(f"se: needs_native_review {found.counts['needs_native_review']}; "
                              f"sendable and not reviewed: {len(found.unreviewed)}\n")
    assert "emergency_police" in printed and "ask_sami" not in printed
    assert cli(["catalogue", "export", "--lang", "xx", "--out", str(out)]) == 2


def test_a_bokmal_review_changes_the_source_and_its_translations_go_stale(languages: Path, tmp_path: Path) -> None:
    (path,) = review_po.export_po(tmp_path, ["nb"], languages)
    _rewrite(path, _approve("own_line.anonymous", "greeting_invite",
                            text={"emergency_then": "Når du er trygg, kan du ringe:"}))
    result = review_po.import_po(path, "helpline staff, Bokmål", "2027-01-10", languages)
    assert sorted(result.changed) == ["nb/emergency_then: text updated, not reviewed",
                                      "nb/greeting_invite: reviewed", "nb/own line anonymous: reviewed"]
    found = _by_label(languages)
    assert found["nb/own line anonymous"].reviewed_by == "helpline staff, Bokmål"
    assert 'reviewed_by: "helpline staff, Bokmål"' in (languages / "nb" / review.OWN_LINES_SOURCE).read_text(encoding="utf-8")
    assert found["nb/emergency_then"].texts["text"] == "Når du er trygg, kan du ringe:"
    assert sorted(label for label, entry in found.items() if entry.status == "stale") == \
        ["en/emergency_then", "nn/emergency_then", "se/emergency_then"]
