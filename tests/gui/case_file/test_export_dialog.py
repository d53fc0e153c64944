"""The export dialog: writes the chosen files off the GUI thread, never overwrites, and
refuses plainly when evidence was altered or findings are out of date (then it offers to
run the rules, or a draft marked FINDINGS OUT OF DATE)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

import sqlalchemy as sa
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot

from core.domain.evidence import BlobChunk
from core.evidence.blobs import FolderBlobStore
from core.persistence.store import Store
from core.persistence.unit_of_work import reading
from core.reports.bundle import verify_bundle
from core.services import cases, evidence
from core.services.stores import locator
from gui.case_file.export_dialog import ExportDialog
from gui.operations import Op, OperationRunner, Where
from gui.widgets import OnCase

ACTOR = "Test Inspector (T-001)"
SHOTS = Path("/tmp/shots")


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def make_dialog(
    qtbot: QtBot, store: Store, runner: OperationRunner, reference: str, folder: Path
) -> ExportDialog:
    dialog = ExportDialog(OnCase(locator(store), runner, ACTOR, reference), folder)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def shoot(dialog: ExportDialog, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / name))


def test_export_writes_pdf_workbook_and_a_bundle_that_verifies(
    qtbot: QtBot,
    store: Store,
    runner: OperationRunner,
    reference: str,
    out: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = make_dialog(qtbot, store, runner, reference, out)
    assert dialog.names["pdf"].text() == f"{reference}.pdf"
    assert dialog.names["bundle"].text() == f"{reference}-bundle.zip"
    dialog.language.setCurrentIndex(dialog.language.findData("ru"))
    shoot(dialog, "export_dialog.png")
    dialog.export_button.click()
    assert runner.wait(60000)
    qtbot.waitUntil(lambda: dialog.result_data is not None, timeout=10000)
    pdf, xlsx, bundle = (
        out / f"{reference}.pdf",
        out / f"{reference}.xlsx",
        out / f"{reference}-bundle.zip",
    )
    assert pdf.read_bytes().startswith(b"%PDF") and xlsx.stat().st_size > 0
    report = verify_bundle(bundle)
    assert report.ok and report.case == reference and report.checked >= 6
    assert dialog.files.rowCount() == 3
    assert dialog.files.item(2, 1).text() == bundle.name
    assert dialog.files.item(2, 1).toolTip() == str(bundle)
    assert dialog.manifest.isVisible()
    assert dialog.result_data is not None
    assert dialog.result_data.manifest_sha256 in dialog.manifest.text()
    assert dialog.open_button.isVisible()
    # The names used are taken now: the next proposal does not collide.
    assert dialog.names["pdf"].text() == f"{reference} (2).pdf"
    shoot(dialog, "export_dialog_done.png")
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    dialog.open_button.click()
    assert opened == [str(out)]


def test_an_existing_file_is_shown_at_its_field_and_not_overwritten(
    qtbot: QtBot, store: Store, runner: OperationRunner, reference: str, out: Path
) -> None:
    taken = out / "taken.pdf"
    taken.write_bytes(b"keep me")
    dialog = make_dialog(qtbot, store, runner, reference, out)
    dialog.names["pdf"].setText("taken.pdf")
    assert dialog.name_errors["pdf"].isVisible()
    assert "never overwritten" in dialog.name_errors["pdf"].text()
    assert not dialog.export_button.isEnabled()
    shoot(dialog, "export_dialog_field_error.png")
    dialog.checks["pdf"].setChecked(False)
    assert not dialog.name_errors["pdf"].isVisible() and dialog.export_button.isEnabled()
    for key in ("xlsx", "bundle"):
        dialog.checks[key].setChecked(False)
    assert dialog.outputs_error.isVisible() and not dialog.export_button.isEnabled()
    dialog.folder.setText(str(out / "missing"))
    assert dialog.folder_error.isVisible()
    assert taken.read_bytes() == b"keep me"


def corrupt_one_byte(store: Store, sha256: str) -> None:
    blobs = evidence.blob_store_for(store)
    if isinstance(blobs, FolderBlobStore):
        path = blobs.path_for(sha256)
        path.chmod(0o644)
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0x01
        path.write_bytes(bytes(data))
        return
    table = BlobChunk.__table__  # type: ignore[attr-defined]
    with store.engine.begin() as conn:
        row = conn.execute(
            sa.select(table.c.id, table.c.data).where(table.c.sha256 == sha256).limit(1)
        ).one()
        data = bytearray(row.data)
        data[len(data) // 2] ^= 0x01
        conn.execute(sa.update(table).where(table.c.id == row.id).values(data=bytes(data)))


def test_altered_evidence_is_a_plain_refusal(
    qtbot: QtBot, store: Store, runner: OperationRunner, reference: str, out: Path
) -> None:
    with reading(store) as session:
        item = evidence.list_evidence(session, cases.get_case(session, reference))[0]
    corrupt_one_byte(store, item.sha256)
    dialog = make_dialog(qtbot, store, runner, reference, out)
    dialog.export_button.click()
    assert runner.wait(60000)
    qtbot.waitUntil(lambda: dialog.banner.isVisible(), timeout=10000)
    text = dialog.banner.text()
    assert text.startswith("Export refused") and item.original_name in text
    assert list(out.iterdir()) == []  # nothing written
    assert dialog.result_data is None and dialog.export_button.isEnabled()
    shoot(dialog, "export_dialog_refused.png")


def test_cancel_leaves_no_file(
    qtbot: QtBot, store: Store, runner: OperationRunner, reference: str, out: Path
) -> None:
    dialog = make_dialog(qtbot, store, runner, reference, out)
    original = runner.submit
    steps: list[int] = []

    def submit_then_cancel(op: Op[Any]) -> None:
        """Run the export on the runner's thread, as if Cancel was pressed after the PDF."""
        export = op.fn

        def recorded(*, progress: Any, cancelled: Any, **kwargs: Any) -> Any:
            def step(done: int, total: int) -> None:
                steps.append(done)
                progress(done, total)

            return export(**kwargs, progress=step, cancelled=lambda: bool(steps) and steps[-1] >= 3)

        op.fn = recorded
        op.where(Where.THREAD)
        original(op)

    runner.submit = submit_then_cancel  # type: ignore[method-assign]
    dialog.export_button.click()
    assert runner.wait(60000)
    qtbot.waitUntil(lambda: dialog.banner.isVisible(), timeout=10000)
    assert "cancelled" in dialog.banner.text() and 3 <= steps[-1] < 6  # before the files land
    assert list(out.iterdir()) == []


def make_findings_stale(store: Store, reference: str) -> str:
    """A fact of the case's first vehicle changes after the rules ran; returns its VIN."""
    import datetime as dt

    from core.persistence.unit_of_work import unit_of_work
    from core.services import vehicles

    with unit_of_work(store, actor="Other Inspector (T-002)") as session:
        case = cases.get_case(session, reference)
        vehicle = vehicles.list_vehicles(session, case)[0]
        vehicles.update_vehicle(
            session, case, vehicle, {"import_declaration_date": dt.date(2026, 2, 20)}
        )
        return vehicle.vin


def test_out_of_date_findings_refuse_the_export_and_offer_a_draft(
    qtbot: QtBot, store: Store, runner: OperationRunner, reference: str, out: Path, shoot: Any
) -> None:
    vin = make_findings_stale(store, reference)
    dialog = make_dialog(qtbot, store, runner, reference, out)
    assert not dialog.stale_actions.isVisible()
    dialog.export_button.click()
    assert runner.wait(60000)
    qtbot.waitUntil(lambda: dialog.banner.isVisible(), timeout=10000)
    text = dialog.banner.text()
    assert text.startswith("Export refused: the findings of 1 vehicle(s) are out of date")
    assert vin in text and "FINDINGS OUT OF DATE" in text
    assert list(out.iterdir()) == []  # nothing written
    assert dialog.stale_actions.isVisible()
    assert dialog.run_rules_button.isVisible() and dialog.draft_button.isVisible()
    shoot(dialog, "04-export-refused-out-of-date.png")

    dialog.draft_button.click()  # a draft, marked as such by core
    assert runner.wait(60000)
    qtbot.waitUntil(lambda: dialog.result_data is not None, timeout=20000)
    assert dialog.result_data is not None
    assert dialog.result_data.out_of_date == (vin,)
    assert "A draft: marked FINDINGS OUT OF DATE for 1 vehicle(s)" in dialog.banner.text()
    assert not dialog.stale_actions.isVisible()
    assert (out / f"{reference}.pdf").read_bytes().startswith(b"%PDF")


def test_running_the_rules_from_the_refusal_then_exports(
    qtbot: QtBot, store: Store, runner: OperationRunner, reference: str, out: Path
) -> None:
    make_findings_stale(store, reference)
    dialog = make_dialog(qtbot, store, runner, reference, out)
    for key in ("xlsx", "bundle"):
        dialog.checks[key].setChecked(False)
    dialog.export_button.click()
    assert runner.wait(60000)
    qtbot.waitUntil(lambda: dialog.stale_actions.isVisible(), timeout=10000)
    with qtbot.waitSignal(dialog.rules_run, timeout=60000):
        dialog.run_rules_button.click()
    qtbot.waitUntil(lambda: dialog.result_data is not None, timeout=60000)
    assert runner.wait(60000)
    assert dialog.result_data is not None and dialog.result_data.out_of_date == ()
    assert dialog.banner.text() == "1 files written."
    with reading(store) as session:
        from core.services import views

        detail = views.case_detail(session, cases.get_case(session, reference))
    assert detail["findings_out_of_date"] == []
