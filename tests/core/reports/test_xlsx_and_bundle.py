"""The workbook reloads with the right types; the bundle verifies and catches tampering."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from core.cli.main import run

from .conftest import HOSTILE, Exported

SHEETS = ["Case", "Parties", "Shipments", "Vehicles", "Findings", "Evidence", "Custody",
          "Audit", "Imports"]  # fmt: skip


def test_workbook_sheets_types_and_safety(
    demo: Exported, capsys: pytest.CaptureFixture[str]
) -> None:
    out = demo.folder / "kz.xlsx"
    assert run(["--db", demo.db, "note", "add", demo.refs["KZ"], "bell\x07 in a note"]) == 0
    assert demo.export("KZ", "--xlsx", str(out)) == 0
    wb = load_workbook(out)
    assert wb.sheetnames == SHEETS
    for name in SHEETS:
        ws = wb[name]
        assert ws.freeze_panes == "A2", name
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), name
    vehicles = wb["Vehicles"]
    header = [c.value for c in vehicles[1]]
    row = {h: c for h, c in zip(header, vehicles[2], strict=False)}
    assert isinstance(row["First registration (China)"].value, dt.datetime)
    assert row["First registration (China)"].number_format == "yyyy-mm-dd"  # a day, no time
    assert row["Odometer, km"].data_type == "n" and row["Model year"].value == 2026
    assert row["Exporter"].value == HOSTILE and row["Exporter"].data_type == "s"
    parties = [c.value for c in wb["Parties"]["A"]]
    assert HOSTILE in parties
    audit_texts = [c.value for c in wb["Audit"]["I"] if isinstance(c.value, str)]
    assert "bell in a note" in audit_texts  # the control character is gone
    assert isinstance(wb["Audit"]["B2"].value, dt.datetime)
    assert wb["Audit"]["B2"].number_format.startswith("yyyy-mm-dd h")  # with its time
    assert wb["Findings"].max_row > 5 and wb["Evidence"].max_row == 5
    assert wb["Vehicles"].column_dimensions["D"].width >= 15


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_the_workbook(demo: Exported, tmp_path: Path) -> None:
    out = demo.folder / "kz.xlsx"
    assert demo.export("KZ", "--xlsx", str(out)) == 0
    command = ["soffice", "--headless", "--convert-to", "csv", "--outdir", str(tmp_path), str(out)]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    assert (tmp_path / "kz.csv").read_text(encoding="utf-8", errors="replace")


@pytest.fixture
def bundle(demo: Exported, capsys: pytest.CaptureFixture[str]) -> Path:
    out = demo.folder / "kz.zip"
    assert demo.export("KZ", "--bundle", str(out)) == 0
    capsys.readouterr()
    return out


def verify(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:  # type: ignore[type-arg]
    code = run(["bundle", "verify", str(path), "--json"])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, json.loads(captured.out) if captured.out else {}


def rewrite(src: Path, dst: Path, *, change: str | None = None, drop: str | None = None,
            extra: str | None = None) -> None:  # fmt: skip
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            if info.filename == drop:
                continue
            data = zin.read(info.filename)
            if info.filename == change:
                data = data[:-1] + bytes([data[-1] ^ 1])
            zout.writestr(info, data)
        if extra:
            zout.writestr(extra, b"slipped in")


def test_the_bundle_holds_everything_and_verifies(
    bundle: Path, demo: Exported, capsys: pytest.CaptureFixture[str]
) -> None:
    ref = demo.refs["KZ"]
    with zipfile.ZipFile(bundle) as z:
        names = set(z.namelist())
        manifest = json.loads(z.read("manifest.json"))
        manifest_sha = hashlib.sha256(z.read("manifest.json")).hexdigest()
    assert {f"{ref}.pdf", f"{ref}.xlsx", "manifest.json"} <= names
    assert len([n for n in names if n.startswith(f"exhibits/{ref}-E")]) == 4
    assert manifest["case"] == ref and manifest["app_version"] and manifest["generated_at"]
    assert {p["id"] for p in manifest["rule_packs"]} >= {"generic", "cn", "ru-eaeu"}
    assert all(len(f["sha256"]) == 64 and f["size"] > 0 for f in manifest["files"])
    code, report = verify(bundle, capsys)
    assert code == 0 and report["ok"] and report["checked"] == len(manifest["files"])
    assert run(["--db", demo.db, "audit", "log", ref, "--json"]) == 0
    events = json.loads(capsys.readouterr().out)
    recorded = [
        e["new_value"]
        for e in events
        if e["entity"] == "export" and e["field"] == "manifest_sha256"
    ]
    assert recorded == [manifest_sha]


@pytest.mark.parametrize(
    ("how", "message"),
    [("change", "changed file: exhibits/"), ("drop", "missing file: exhibits/"),
     ("extra", "extra file not in the manifest: notes.txt")],
)  # fmt: skip
def test_a_tampered_bundle_is_caught_and_the_file_named(
    bundle: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], how: str, message: str
) -> None:
    with zipfile.ZipFile(bundle) as z:
        exhibit = next(n for n in z.namelist() if n.startswith("exhibits/"))
    tampered = tmp_path / "tampered.zip"
    rewrite(bundle, tampered, **{how: "notes.txt" if how == "extra" else exhibit})
    code, report = verify(tampered, capsys)
    assert code == 1 and not report["ok"]
    assert any(p.startswith(message) for p in report["problems"]), report


def test_a_second_copy_under_the_same_name_is_caught(
    bundle: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with zipfile.ZipFile(bundle) as z:
        exhibit = next(n for n in z.namelist() if n.startswith("exhibits/"))
    doubled = tmp_path / "doubled.zip"
    shutil.copy(bundle, doubled)
    with zipfile.ZipFile(doubled, "a") as z, pytest.warns(UserWarning, match="Duplicate name"):
        z.writestr(exhibit, b"forged")
    code, report = verify(doubled, capsys)
    assert code == 1 and f"duplicate file name: {exhibit}" in report["problems"]


def test_not_a_bundle(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fake = tmp_path / "fake.zip"
    fake.write_bytes(b"not a zip")
    assert run(["bundle", "verify", str(fake)]) == 2
    err = capsys.readouterr().err
    assert "not a readable hearing bundle" in err and err.count("\n") == 1


def test_export_refuses_to_overwrite_and_to_ship_altered_evidence(
    demo: Exported, capsys: pytest.CaptureFixture[str]
) -> None:
    from core.persistence.store import open_store
    from core.persistence.unit_of_work import reading
    from core.services import cases, evidence

    from ..evidence.conftest import corrupt_one_byte

    existing = demo.folder / "taken.pdf"
    existing.write_bytes(b"keep me")
    assert demo.export("KZ", "--pdf", str(existing)) == 2
    assert existing.read_bytes() == b"keep me"
    capsys.readouterr()
    store = open_store(demo.db)
    with reading(store) as session:
        item = evidence.list_evidence(session, cases.get_case(session, demo.refs["KZ"]))[0]
    corrupt_one_byte(store, item.sha256)
    store.close()
    target = demo.folder / "after.zip"
    assert demo.export("KZ", "--bundle", str(target)) == 1
    err = capsys.readouterr().err
    assert "export refused" in err and item.original_name in err
    assert not target.exists()


def test_a_text_longer_than_a_cell_is_cut_and_says_so() -> None:
    from core.reports.xlsx_safe import CELL_LIMIT, cell_text

    cut = cell_text("x" * (CELL_LIMIT + 10))
    assert len(cut) == CELL_LIMIT and cut.endswith("cell limit is 32,767 characters]")
    assert cell_text("short") == "short"
