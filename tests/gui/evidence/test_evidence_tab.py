"""The Evidence tab: drop files, see thumbnails and previews, custody, verify, withdraw, export.

Each test builds the tab directly with its own runner and checks what a user cares
about: what lands in the store, what the tab shows, which files are written. No
runner task is left behind after any test.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PIL import Image
from PySide6.QtCore import QDateTime, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlmodel import col, select

from core.domain.evidence import IntegrityCheck
from core.evidence.blobs import FolderBlobStore
from core.evidence.kinds import guess_kind
from core.persistence.store import Store
from core.persistence.unit_of_work import reading, unit_of_work
from core.services import cases, custody, demo, evidence
from core.services.evidence_ingest import IngestResult, ingest_files
from core.services.stores import locator
from gui.evidence import tab as evidence_tab_module
from gui.evidence.model import ExhibitsModel
from gui.evidence.tab import EvidenceTab
from gui.operations import OperationRunner

ACTOR = "Test Inspector (T-001)"
SHOTS = Path("/tmp/shots")


# --- fixtures and helpers --------------------------------------------------------------------


@pytest.fixture
def reference(store: Store) -> str:
    with unit_of_work(store, actor=ACTOR) as session:
        return cases.create_case(
            session, title="Партия 12: Chery Tiggo 7", jurisdiction="KZ"
        ).reference


@pytest.fixture
def tab(qtbot: QtBot, store: Store, runner: OperationRunner, reference: str) -> EvidenceTab:
    widget = EvidenceTab(locator(store), runner, ACTOR)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    with qtbot.waitSignal(widget.shown, timeout=20000):
        widget.show_case(reference)
    widget.show()
    return widget


def refresh(qtbot: QtBot, tab: EvidenceTab) -> None:
    """Read the case's evidence again and wait until it is shown."""
    with qtbot.waitSignal(tab.shown, timeout=20000):
        tab.refresh()


def previewed(qtbot: QtBot, tab: EvidenceTab, exhibit: int, mode: str) -> None:
    """Select ``exhibit`` and wait until the preview shows it as ``mode``."""
    tab.select_exhibit(exhibit)
    qtbot.waitUntil(lambda: tab.preview.mode == mode, timeout=20000)


def png(path: Path, colour: tuple[int, int, int], size: tuple[int, int] = (640, 400)) -> Path:
    Image.new("RGB", size, colour).save(path, format="PNG")
    return path


def pdf(path: Path, pages: int) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    doc = canvas.Canvas(out, pagesize=A4, invariant=1)
    for page in range(pages):
        doc.setFont("Helvetica", 14)
        doc.drawString(72, 760, f"Manufacturer letter, page {page + 1} of {pages}")
        doc.showPage()
    doc.save()
    path.write_bytes(out.getvalue())
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stored(store: Store, reference: str) -> list[dict[str, Any]]:
    exhibits: list[dict[str, Any]] = evidence.evidence_of(db=locator(store), reference=reference)[
        "exhibits"
    ]
    return exhibits


def add_directly(store: Store, reference: str, path: Path, kind: str | None = None) -> None:
    """Store a file the way the command line does (to set up a test quickly)."""
    blobs = evidence.blob_store_for(store)
    with unit_of_work(store, actor=ACTOR) as session:
        case = cases.get_case(session, reference)
        with path.open("rb") as source:
            evidence.add_evidence(session, blobs, case, source, original_name=path.name, kind=kind)


def drop(widget: QWidget, paths: list[Path]) -> QDropEvent:
    """What a file manager does: enter with file URLs, then drop them."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    centre = QPoint(widget.width() // 2, widget.height() // 2)
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        centre, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    event = QDropEvent(
        QPointF(centre), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, event)
    return event


def settle(qtbot: QtBot, ms: int = 200) -> None:
    qtbot.wait(ms)


def shot(widget: QWidget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(SHOTS / name))


# --- adding files ----------------------------------------------------------------------------


def test_dropping_two_files_adds_two_exhibits(
    qtbot: QtBot, tab: EvidenceTab, store: Store, reference: str, tmp_path: Path
) -> None:
    files = [
        png(tmp_path / "odometer_front.png", (30, 40, 60)),
        png(tmp_path / "odometer_close.png", (200, 180, 40), (300, 500)),
    ]
    event = drop(tab, files)
    assert event.isAccepted()
    qtbot.waitUntil(lambda: tab.ingest_dialog is not None and tab.ingest_dialog.isVisible())
    dialog = tab.ingest_dialog
    assert dialog is not None
    assert dialog.kind.currentData() == "odometer_photo"  # guessed from the names
    assert dialog.obtained_by.text() == ACTOR
    dialog.description.setText("Odometer at the port of Aktau")
    dialog.obtained_from.setText("ТОО «Евразия Рейл Логистик»")
    shot(dialog, "evidence_ingest_dialog.png")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=20000)

    rows = stored(store, reference)
    assert [(r["exhibit"], r["original_name"], r["sha256"]) for r in rows] == [
        (1, "odometer_front.png", sha256(files[0])),
        (2, "odometer_close.png", sha256(files[1])),
    ]
    assert {r["kind"] for r in rows} == {"odometer_photo"}
    assert {r["source"] for r in rows} == {"ТОО «Евразия Рейл Логистик»"}
    assert {r["obtained_by"] for r in rows} == {ACTOR}
    assert {r["obtained_date"] for r in rows} == {dt.date.today().isoformat()}
    assert "exhibit 1 (odometer_front.png)" in tab.banner.text()
    # What the table shows: number, name, kind, status, short hash with the full one as tip.
    model = tab.model
    assert model.index(1, 1).data() == "odometer_close.png"
    assert model.index(1, 2).data() == "Odometer photo"
    assert model.index(1, 4).data() == "active"
    assert model.index(1, 5).data() == sha256(files[1])[:12] + "…"
    assert model.index(1, 5).data(Qt.ItemDataRole.ToolTipRole) == sha256(files[1])
    assert tab.selected_exhibit() == 2  # the last one added is selected and previewed
    qtbot.waitUntil(lambda: tab.preview.mode == "image", timeout=20000)


def test_folders_and_links_are_refused_with_the_cores_message(
    qtbot: QtBot, tab: EvidenceTab, store: Store, reference: str, tmp_path: Path
) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    target = png(tmp_path / "real.png", (10, 10, 10))
    link = tmp_path / "link.png"
    link.symlink_to(target)
    drop(tab, [folder, link])
    settle(qtbot)
    text = tab.banner.text()
    assert "Not added" in text
    assert f"{folder} is not a regular file" in text
    assert f"{link} is a link" in text
    assert tab.ingest_dialog is None  # nothing left to ask about
    shot(tab, "evidence_tab_refused.png")
    assert stored(store, reference) == []
    # With a good file among them: the good one is stored, the refusal is still said.
    drop(tab, [folder, target])
    qtbot.waitUntil(lambda: tab.ingest_dialog is not None and tab.ingest_dialog.isVisible())
    assert tab.ingest_dialog is not None
    assert "Files (1): real.png" in tab.ingest_dialog.files.text()
    tab.ingest_dialog.ok_button.click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=20000)
    assert "exhibit 1 (real.png)" in tab.banner.text()
    assert "is not a regular file" in tab.banner.text()
    assert [r["original_name"] for r in stored(store, reference)] == ["real.png"]


def test_a_drag_without_local_files_is_not_accepted(tab: EvidenceTab) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl("https://example.org/photo.jpg")])
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(tab, enter)
    assert not enter.isAccepted()


def test_a_damaged_photo_is_stored_and_the_banner_says_it_may_be_damaged(
    qtbot: QtBot, tab: EvidenceTab, store: Store, reference: str, tmp_path: Path
) -> None:
    whole = png(tmp_path / "whole.png", (30, 40, 60)).read_bytes()
    damaged = tmp_path / "truncated_photo.png"
    damaged.write_bytes(whole[: len(whole) // 3])
    drop(tab, [damaged])
    qtbot.waitUntil(lambda: tab.ingest_dialog is not None and tab.ingest_dialog.isVisible())
    assert tab.ingest_dialog is not None
    tab.ingest_dialog.ok_button.click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=20000)
    assert [r["sha256"] for r in stored(store, reference)] == [sha256(damaged)]
    text = tab.banner.text()
    assert "exhibit 1 (truncated_photo.png)" in text and "may be damaged" in text


def test_add_files_button_and_cancelling_the_dialog(
    qtbot: QtBot,
    tab: EvidenceTab,
    store: Store,
    reference: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    letter = pdf(tmp_path / "Chery_letter.pdf", 1)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(letter)], ""))
    tab.add_button.click()
    dialog = tab.ingest_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.kind.currentData() == "manufacturer_letter"
    dialog.reject()
    settle(qtbot)
    assert stored(store, reference) == []
    tab.add_button.click()
    dialog = tab.ingest_dialog
    assert dialog is not None
    dialog.date_known.setChecked(False)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=20000)
    (row,) = stored(store, reference)
    assert row["sha256"] == sha256(letter) and row["obtained_date"] is None
    assert row["mime_type"] == "application/pdf"


def test_ingest_stops_on_cancel_and_stores_nothing_half_way(
    store: Store, reference: str, tmp_path: Path
) -> None:
    files = [str(png(tmp_path / f"p{i}.png", (i * 40, 0, 0))) for i in range(3)]
    db = locator(store)
    reports: list[tuple[int, int]] = []
    result = ingest_files(
        db=db, actor=ACTOR, reference=reference, files=files, limit=10**9,
        progress=lambda done, total: reports.append((done, total)), cancelled=lambda: True,
    )  # fmt: skip
    assert result == IngestResult(reference, added=(), stopped=("p0.png", "p1.png", "p2.png"))
    assert stored(store, reference) == []
    incoming = evidence.blob_store_for(store)
    if isinstance(incoming, FolderBlobStore):
        assert not list((incoming.root / "incoming").glob("*.part"))
    # Stopping after the first file keeps the first one (a finished file stays stored).
    asked = iter([False, False, True])
    result = ingest_files(
        db=db, actor=ACTOR, reference=reference, files=files, limit=10**9,
        cancelled=lambda: next(asked, True),
    )  # fmt: skip
    assert [a.name for a in result.added] == ["p0.png"]
    assert result.stopped == ("p1.png", "p2.png")
    assert [r["original_name"] for r in stored(store, reference)] == ["p0.png"]


def test_kind_guess() -> None:
    known = ["odometer_photo", "invoice", "cn_registration_certificate"]
    assert guess_kind(["IMG_0001.jpg"], ["image/jpeg"], known) == "odometer_photo"
    assert guess_kind(["行驶证_LVVDB.png"], ["image/png"], known) == "cn_registration_certificate"
    assert guess_kind(["scan.png"], ["image/png"], known) is None
    assert (
        guess_kind(["invoice.pdf", "IMG_1.jpg"], ["application/pdf", "image/jpeg"], known) is None
    )


# --- thumbnails and previews -----------------------------------------------------------------


def test_a_png_exhibit_has_a_thumbnail_and_an_image_preview(
    qtbot: QtBot, tab: EvidenceTab, store: Store, reference: str, tmp_path: Path
) -> None:
    add_directly(store, reference, png(tmp_path / "scan.png", (180, 30, 30), (800, 500)))
    notes = tmp_path / "notes.txt"
    notes.write_text("seal 00417 intact\n")
    add_directly(store, reference, notes)
    refresh(qtbot, tab)
    assert tab.model.rowCount() == 2
    assert tab.model.has_thumbnail(0)
    assert not tab.model.has_thumbnail(1)  # a text file: an icon by type
    assert not tab.model.index(1, 0).data(Qt.ItemDataRole.DecorationRole).isNull()
    previewed(qtbot, tab, 1, "image")
    assert tab.preview.image.original().size().toTuple() == (800, 500)
    assert tab.preview.value("pixels") == "800 × 500"
    assert tab.preview.value("mime_type") == "image/png"
    assert tab.preview.warning.isHidden()
    tab.select_exhibit(2)
    assert tab.preview.mode == "message"
    assert tab.preview.value("mime_type") == "text/plain"


def test_a_pdf_exhibit_shows_in_the_pdf_view_with_its_page_count(
    qtbot: QtBot, tab: EvidenceTab, store: Store, reference: str, tmp_path: Path
) -> None:
    add_directly(store, reference, pdf(tmp_path / "letter.pdf", 3), kind="manufacturer_letter")
    refresh(qtbot, tab)
    assert tab.model.has_thumbnail(0)  # the first page, from the derived data
    previewed(qtbot, tab, 1, "pdf")
    assert tab.preview.pdf_view.document() is tab.preview.pdf
    assert tab.preview.page_count() == 3
    assert tab.preview.pages.text() == "Page 1 of 3"
    assert tab.preview.value("pages") == "3"
    assert tab.preview.value("kind") == "Manufacturer after-sales confirmation letter"
    tab.preview.pdf_view.pageNavigator().jump(2, QPointF(0, 0))
    assert tab.preview.pages.text() == "Page 3 of 3"
    settle(qtbot)
    shot(tab, "evidence_tab_pdf_own.png")


def test_a_huge_photo_is_decoded_at_screen_size(
    qtbot: QtBot, tab: EvidenceTab, store: Store, reference: str, tmp_path: Path
) -> None:
    add_directly(store, reference, png(tmp_path / "huge.png", (9, 9, 9), (4000, 3000)))
    refresh(qtbot, tab)
    previewed(qtbot, tab, 1, "image")
    assert tab.preview.image.original().size().toTuple() == (2560, 1920)
    assert tab.preview.value("pixels") == "4000 × 3000"  # what the file is, from EXIF/derived


def test_a_large_blob_is_read_for_the_preview_on_the_runner(
    qtbot: QtBot,
    tab: EvidenceTab,
    store: Store,
    reference: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(evidence_tab_module, "QUIET_PREVIEW_BYTES", 0)
    add_directly(store, reference, png(tmp_path / "big.png", (0, 90, 0)))
    refresh(qtbot, tab)
    tab.select_exhibit(1)
    assert tab.preview.mode == "message"  # loading…
    qtbot.waitUntil(lambda: tab.preview.mode == "image", timeout=20000)


def test_screenshots_of_the_demo_case_with_image_and_pdf_previews(
    qtbot: QtBot, store: Store, runner: OperationRunner
) -> None:
    loaded = {d.jurisdiction: d.reference for d in demo.load_demo(store, actor="demo")}
    tab = EvidenceTab(locator(store), runner, ACTOR)
    qtbot.addWidget(tab)
    tab.resize(1280, 760)
    with qtbot.waitSignal(tab.shown, timeout=20000):
        tab.show_case(loaded["KZ"])
    tab.show()
    qtbot.waitExposed(tab)
    assert tab.selected_exhibit() == 1  # a case opens with its first exhibit previewed
    rows = tab.model.rows()
    photo = next(r for r in rows if r["mime_type"] == "image/jpeg")
    letter = next(r for r in rows if r["mime_type"] == "application/pdf")
    assert all(tab.model.has_thumbnail(i) for i in range(len(rows)))
    previewed(qtbot, tab, int(photo["exhibit"]), "image")
    assert tab.preview.value("camera") == "Samsung Galaxy A54"
    assert tab.preview.value("taken_at").startswith("2026-02-14")
    assert "," in tab.preview.value("gps")
    assert tab.custody.rowCount() >= 1
    settle(qtbot, 300)
    shot(tab, "evidence_tab_image.png")
    previewed(qtbot, tab, int(letter["exhibit"]), "pdf")
    assert tab.preview.page_count() == 1
    settle(qtbot, 300)
    shot(tab, "evidence_tab_pdf.png")


# --- integrity -------------------------------------------------------------------------------


def test_an_altered_blob_makes_verify_report_altered(
    qtbot: QtBot, tab: EvidenceTab, store: Store, reference: str, tmp_path: Path
) -> None:
    blobs = evidence.blob_store_for(store)
    if not isinstance(blobs, FolderBlobStore):
        pytest.skip("blobs are kept in the database on this backend")
    add_directly(store, reference, png(tmp_path / "cluster.png", (0, 0, 120)))
    add_directly(store, reference, png(tmp_path / "vin_plate.png", (120, 0, 0)))
    refresh(qtbot, tab)
    tab.verify_button.click()
    qtbot.waitUntil(lambda: tab.verify_result.isVisible(), timeout=20000)
    assert tab.verify_result.text() == "All hashes match. Exhibits checked: 2."

    victim = blobs.path_for(sha256(tmp_path / "vin_plate.png"))
    os.chmod(victim, 0o600)
    victim.write_bytes(victim.read_bytes()[:-10] + b"tampered!!")
    tab.verify_button.click()
    qtbot.waitUntil(lambda: "ALTERED" in tab.verify_result.text(), timeout=20000)
    assert tab.verify_result.text() == "ALTERED: exhibit 2 vin_plate.png"
    assert tab.model.index(1, 4).data() == "ALTERED"
    assert tab.model.index(0, 4).data() == "active"
    tab.select_exhibit(2)
    qtbot.waitUntil(lambda: not tab.preview.warning.isHidden(), timeout=20000)  # it says so too
    with reading(store) as session:
        checks = session.exec(select(IntegrityCheck).order_by(col(IntegrityCheck.id))).all()
        assert [c.ok for c in checks] == [True, False]


# --- custody ---------------------------------------------------------------------------------


def test_recording_a_hand_over(
    qtbot: QtBot, tab: EvidenceTab, store: Store, reference: str, tmp_path: Path
) -> None:
    add_directly(store, reference, png(tmp_path / "certificate.png", (240, 240, 230)))
    refresh(qtbot, tab)
    tab.select_exhibit(1)
    tab.handover_button.click()
    dialog = tab.custody_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.what.currentData() == 1  # the selected exhibit
    dialog.save_button.click()  # nothing filled in: errors at the fields, nothing saved
    assert dialog.error_text("from") and dialog.error_text("to")
    assert dialog.isVisible()
    shot(dialog, "evidence_custody_dialog_errors.png")
    dialog.from_party.setText("Д. Волков (KZ-017)")
    dialog.to_party.setText("Forensic lab, Almaty")
    when = QDateTime.fromString("2026-03-02 14:30", "yyyy-MM-dd HH:mm")
    dialog.when.setDateTime(when)
    dialog.place.setText("Aktau port, warehouse 3")
    dialog.purpose.setText("expert examination")
    dialog.seal.setText("KZ 00417")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: tab.custody.rowCount() == 1, timeout=20000)
    assert not dialog.isVisible()
    with reading(store) as session:
        (event,) = custody.list_custody(session, cases.get_case(session, reference))
        assert (event.from_party, event.to_party, event.seal_number) == (
            "Д. Волков (KZ-017)",
            "Forensic lab, Almaty",
            "KZ 00417",
        )
        assert event.item == "exhibit 1: certificate.png"
        assert event.at == dt.datetime.fromtimestamp(when.toSecsSinceEpoch(), dt.UTC)
    shown = {tab.custody.index(0, c).data() for c in range(tab.custody.columnCount())}
    assert {"Forensic lab, Almaty", "KZ 00417", "2026-03-02 14:30"} <= shown
    # A physical item, then "limit to the selected exhibit" hides it.
    tab.handover_button.click()
    dialog = tab.custody_dialog
    assert dialog is not None
    dialog.what.setCurrentIndex(0)
    dialog.from_party.setText("Declarant")
    dialog.to_party.setText("Customs post Aktau")
    dialog.save_button.click()
    assert dialog.error_text("item")  # say what was handed over
    dialog.item.setText("car keys (2)")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: tab.custody.rowCount() == 2, timeout=20000)
    tab.only_selected.setChecked(True)
    assert tab.custody.rowCount() == 1


# --- withdraw and export ---------------------------------------------------------------------


def test_withdraw_needs_a_reason_and_export_copies_with_the_same_hash(
    qtbot: QtBot,
    tab: EvidenceTab,
    store: Store,
    reference: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = png(tmp_path / "odometer.png", (5, 5, 5))
    add_directly(store, reference, source)
    refresh(qtbot, tab)
    tab.select_exhibit(1)
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(out))
    tab.export_button.click()
    qtbot.waitUntil(lambda: "copied to" in tab.banner.text(), timeout=20000)
    (copy,) = out.iterdir()
    assert copy.name == f"{reference}-E0001-odometer.png"
    assert sha256(copy) == sha256(source)

    tab.withdraw_button.click()
    dialog = tab.withdraw_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.ok_button.click()
    assert dialog.error.isVisible() and dialog.isVisible()  # a reason is required
    dialog.reason.setText("duplicate of exhibit 3 from the port")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: tab.model.index(0, 4).data() == "withdrawn", timeout=20000)
    assert not dialog.isVisible()
    (row,) = stored(store, reference)
    assert row["status"] == "withdrawn"
    assert row["withdrawn_reason"] == "duplicate of exhibit 3 from the port"
    assert not tab.withdraw_button.isEnabled()  # already withdrawn
    assert tab.export_button.isEnabled()  # still stored and exportable


# --- keyboard, models ------------------------------------------------------------------------


def test_tab_order_follows_the_layout(
    qtbot: QtBot, tab: EvidenceTab, store: Store, reference: str, tmp_path: Path
) -> None:
    add_directly(store, reference, png(tmp_path / "a.png", (1, 2, 3)))
    refresh(qtbot, tab)
    tab.select_exhibit(1)
    expected = [
        tab.add_button,
        tab.withdraw_button,
        tab.export_button,
        tab.verify_button,
        tab.table,
        tab.only_selected,
        tab.handover_button,
        tab.custody_table,
    ]
    seen = []
    widget: QWidget | None = tab.add_button
    for _ in range(40):
        assert widget is not None
        if widget in expected and widget not in seen:
            seen.append(widget)
        widget = widget.nextInFocusChain()
    assert seen == expected
    assert all(w.focusPolicy() & Qt.FocusPolicy.TabFocus for w in expected)


def test_exhibits_model_passes_the_model_tester(
    qtmodeltester: object, store: Store, reference: str, tmp_path: Path
) -> None:
    add_directly(store, reference, png(tmp_path / "a.png", (1, 2, 3)))
    add_directly(store, reference, pdf(tmp_path / "b.pdf", 2))
    tmp_path.joinpath("c.bin").write_bytes(b"\x00\x01\x02" * 100)
    add_directly(store, reference, tmp_path / "c.bin")
    model = ExhibitsModel()
    model.set_rows(stored(store, reference), {"odometer_photo": "Odometer photo"})
    model.set_altered({2})
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_custody_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: object, tab: EvidenceTab, store: Store, reference: str
) -> None:
    with unit_of_work(store, actor=ACTOR) as session:
        custody.add_custody(
            session,
            cases.get_case(session, reference),
            item="registration certificate original",
            from_party="Declarant",
            to_party="Customs",
            at=dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC),
        )
    refresh(qtbot, tab)
    assert tab.custody.rowCount() == 1
    qtmodeltester.check(tab.custody)  # type: ignore[attr-defined]


def test_selecting_works_right_to_left(
    qtbot: QtBot, tab: EvidenceTab, store: Store, reference: str, tmp_path: Path
) -> None:
    add_directly(store, reference, png(tmp_path / "a.png", (1, 2, 3)))
    add_directly(store, reference, png(tmp_path / "b.png", (3, 2, 1)))
    tab.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    refresh(qtbot, tab)
    tab.select_exhibit(2)  # QTableView.selectRow selects nothing right to left
    assert tab.selected_exhibit() == 2
    qtbot.waitUntil(lambda: tab.preview.mode == "image", timeout=20000)
    settle(qtbot)
    shot(tab, "evidence_tab_rtl.png")
