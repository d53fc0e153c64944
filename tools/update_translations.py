"""Regenerate the interface translations: ``resources/translations/zeromile_<lang>.ts/.qm``.

Run from anywhere (the repository root is found from this file)::

    python tools/update_translations.py            # every zeromile_*.ts, or ru if none yet
    python tools/update_translations.py --check    # also fail if a message is untranslated

What it does, for each language:

1. ``pyside6-lupdate`` reads every ``tr()`` / ``QT_TRANSLATE_NOOP`` string of ``gui/*.py``
   into the ``.ts``, keeping the translations already there (a string that vanished
   from the source is kept, marked ``vanished``; lrelease ignores it).
2. In the same lupdate run, the strings lupdate cannot see are added: the field labels,
   help texts and choice values of ``core.domain.fields`` that ``gui/forms/fields.py``
   translates at run time with ``QCoreApplication.translate("fields", ...)`` (see
   :func:`handmade_messages`). They are written to a throw-away Python file of
   ``QT_TRANSLATE_NOOP`` calls, so lupdate merges them like any other string; their
   source locations (the throw-away file) are removed from the ``.ts`` afterwards.
3. A message whose class moved (its context changed, its source did not) takes the
   translation it had under the old context (:func:`carry_over`).
4. ``pyside6-lrelease`` compiles the ``.ts`` into the ``.qm`` the application loads.

Running it twice in a row changes nothing (idempotent). New strings arrive as
``type="unfinished"``; translate them in the ``.ts`` (by hand or with
``pyside6-linguist``) and run the script again.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
GUI = ROOT / "gui"
STUB_NAME = "zeromile_handmade_messages.py"

#: Strings whose run-time context lupdate gets wrong, as (context, source). Each entry
#: names the code that needs it; drop it once that code passes a literal context.
#: Strings translated at run time in a context lupdate cannot see (none at present).
RUNTIME_CONTEXT_FIXES: tuple[tuple[str, str], ...] = ()


def handmade_messages() -> list[tuple[str, str]]:
    """(context, source) of every string translated at run time that lupdate cannot extract.

    Mirrors ``gui/forms/fields.py``: ``field_label`` (``spec.label``), the tool tip
    (``spec.help``), the yes/no editor ("yes", "no", "unknown") and the choice editor
    (each allowed value with ``_`` shown as a space), all in the context ``fields``.
    """
    sys.path.insert(0, str(ROOT))
    from core.domain import values
    from core.domain.fields import CASE_FIELDS, SHIPMENT_FIELDS, VEHICLE_FIELDS
    from gui.forms.fields import spec_choices

    texts: list[str] = []
    for spec in (*CASE_FIELDS, *SHIPMENT_FIELDS, *VEHICLE_FIELDS):
        texts.append(spec.label)
        if spec.help:
            texts.append(spec.help)
        if spec.parse is values.parse_yes_no:
            texts += ["yes", "no", "unknown"]
        elif spec.parse is not values.parse_date:
            texts += [c.replace("_", " ") for c in spec_choices(spec) or ()]
    unique = list(dict.fromkeys(texts))
    return [("fields", t) for t in unique] + list(RUNTIME_CONTEXT_FIXES)


def _tool(name: str) -> str:
    """The path of a PySide6 tool: beside this interpreter (a virtual environment) or on PATH."""
    beside = Path(sys.executable).parent
    found = shutil.which(name, path=str(beside)) or shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found (install PySide6 in this environment)")
    return found


def _write_stub(folder: Path, messages: Iterable[tuple[str, str]]) -> Path:
    lines = ["from PySide6.QtCore import QT_TRANSLATE_NOOP", ""]
    lines += [f"QT_TRANSLATE_NOOP({json.dumps(c)}, {json.dumps(s)})" for c, s in messages]
    stub = folder / STUB_NAME
    stub.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return stub


def _drop_stub_locations(ts: Path) -> None:
    """Remove the throw-away file's ``<location>`` lines lupdate wrote."""
    text = ts.read_text(encoding="utf-8")
    pattern = re.compile(
        r"^[ \t]*<location filename=\"[^\"]*" + re.escape(STUB_NAME) + r"\"[^>]*/>\n", re.M
    )
    ts.write_text(pattern.sub("", text), encoding="utf-8")


def update(language: str, *, quiet: bool = False) -> Path:
    """Update ``zeromile_<language>.ts`` and compile its ``.qm``; returns the ``.ts`` path."""
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    ts = TRANSLATIONS / f"zeromile_{language}.ts"
    qm = ts.with_suffix(".qm")
    sources = sorted(str(p) for p in GUI.rglob("*.py"))
    out = subprocess.DEVNULL if quiet else None
    with tempfile.TemporaryDirectory() as tmp:
        stub = _write_stub(Path(tmp), handmade_messages())
        command = [_tool("pyside6-lupdate"), *sources, str(stub), "-target-language", language,
                   "-ts", str(ts)]  # fmt: skip
        subprocess.run(command, check=True, stdout=out)
        if carry_over(ts):  # then once more, so the file is laid out as lupdate writes it
            subprocess.run(command, check=True, stdout=out)
    _drop_stub_locations(ts)
    subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, stdout=out)
    return ts


def carry_over(ts: Path) -> int:
    """Give each unfinished message the translation its source has in another context
    (the class that says it was moved or renamed); returns how many were filled."""
    tree = ET.parse(ts)
    known: dict[tuple[str, bool], ET.Element] = {}
    messages = [m for c in tree.getroot().iter("context") for m in c.iter("message")]
    for message in messages:
        translation = message.find("translation")
        if translation is None or translation.get("type") == "unfinished":
            continue
        if "".join(translation.itertext()).strip():
            key = (message.findtext("source", ""), message.get("numerus") == "yes")
            known.setdefault(key, translation)
    filled = 0
    for message in messages:
        translation = message.find("translation")
        key = (message.findtext("source", ""), message.get("numerus") == "yes")
        if translation is None or translation.get("type") != "unfinished" or key not in known:
            continue
        source = known[key]
        translation.text = source.text
        for child in list(translation):
            translation.remove(child)
        for child in source:
            copy = ET.SubElement(translation, child.tag, child.attrib)
            copy.text = child.text
        del translation.attrib["type"]
        filled += 1
    if filled:
        tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


def unfinished(ts: Path) -> list[tuple[str, str]]:
    """(context, source) of the messages of ``ts`` with no finished translation."""
    missing: list[tuple[str, str]] = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "unfinished"
            if kind in ("vanished", "obsolete"):
                continue
            texts = [translation.text or ""] if translation is not None else [""]
            if translation is not None and message.get("numerus") == "yes":
                texts = [f.text or "" for f in translation.iter("numerusform")] or [""]
            if kind == "unfinished" or not all(t.strip() for t in texts):
                missing.append((name, message.findtext("source", "")))
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("languages", nargs="*", help="language codes (default: every .ts)")
    parser.add_argument("--check", action="store_true", help="fail if a message is untranslated")
    args = parser.parse_args(argv)
    languages = (
        args.languages
        or sorted(p.stem.removeprefix("zeromile_") for p in TRANSLATIONS.glob("zeromile_*.ts"))
        or ["ru"]
    )
    failed = False
    for language in languages:
        ts = update(language)
        missing = unfinished(ts)
        for context, source in missing:
            print(f"{ts.name}: untranslated [{context}] {source!r}")
        failed = failed or bool(missing)
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
