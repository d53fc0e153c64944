"""The review in the window: the approve and return dialog, refusals in one line, the
Overview's banners, the acting person as the store knows them.

On SQLite the acting login is the operating-system login, read by ``getpass.getuser``,
which takes ``LOGNAME`` first. The window's reading and worker processes are spawned
children that do not see a monkeypatched function, but do inherit the environment, so
the tests act as someone by setting ``LOGNAME`` (and ``USER``) before the window starts
its processes; writes run on the runner's thread in this process, which reads the same
variable. (On PostgreSQL the login is the server's ``session_user``: these tests are
for the single-workstation store.)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from core.identity import os_login
from core.persistence.store import Store
from core.persistence.unit_of_work import reading, unit_of_work
from core.services import cases, demo, people, review
from gui.case_list_model import column_of
from gui.i18n import install_translators
from gui.main_window import MainWindow
from gui.review.dialog import ReviewDialog

SUPERVISOR = demo.DEMO_SUPERVISOR_LOGIN


@pytest.fixture
def sqlite_store(store: Store) -> Store:
    if store.engine.dialect.name == "postgresql":
        pytest.skip("acting as another login needs the single-workstation store")
    return store


@pytest.fixture
def inspector(sqlite_store: Store) -> str:
    """The demo store; the demo inspector is whoever runs the tests (their OS login)."""
    demo.load_demo(sqlite_store, actor="demo")
    return os_login()


def act_as(monkeypatch: pytest.MonkeyPatch, login: str) -> None:
    """Act as ``login`` in this process and in processes started from now on."""
    monkeypatch.setenv("LOGNAME", login)
    monkeypatch.setenv("USER", login)
    assert os_login() == login


@pytest.fixture
def make_window(listed_window: Any) -> Iterator[Any]:
    made: list[MainWindow] = []

    def make(store: Store) -> MainWindow:
        window: MainWindow = listed_window(store)
        window.show()
        made.append(window)
        return window

    yield make
    for window in made:
        window.runner.shutdown()


def reference_of(store: Store, jurisdiction: str) -> str:
    with reading(store) as session:
        return next(
            c.reference for c in cases.list_cases(session) if c.jurisdiction == jurisdiction
        )


def open_case(window: MainWindow, reference: str, qtbot: QtBot) -> None:
    ws = window.workspace
    assert ws is not None
    row = window.model.row_of_reference(reference)
    assert row is not None, reference
    with qtbot.waitSignal(ws.loaded, timeout=20000):
        window.open_row(row)
    qtbot.waitUntil(lambda: ws.review is not None, timeout=20000)


def open_dialog(window: MainWindow, mode: str, qtbot: QtBot) -> ReviewDialog:
    ws = window.workspace
    assert ws is not None
    ws.setCurrentIndex(0)
    button = ws.findChild(QPushButton, f"review-{mode}")
    assert button is not None
    button.click()
    shown = [d for d in ws.findChildren(ReviewDialog) if d.isVisible()]
    assert len(shown) == 1
    dialog = shown[0]
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=20000)
    return dialog


def test_a_supervisor_approves_with_the_acknowledgements(
    inspector: str,
    sqlite_store: Store,
    make_window: Any,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    shoot: Any,
) -> None:
    act_as(monkeypatch, SUPERVISOR)
    window = make_window(sqlite_store)
    assert window.acting.text() == (
        "Acting as: Дмитрий Волков (RU-1288) · supervisor · MAIN (single-workstation store)"
    )
    ref = reference_of(sqlite_store, "RU")  # under review, asked for by the inspector
    open_case(window, ref, qtbot)
    ws = window.workspace
    assert ws.review_banner.text().startswith("Awaiting review by a supervisor of MAIN")
    assert ws.findChild(QPushButton, "status-ready_for_hearing") is None  # only by approval
    dialog = open_dialog(window, "approve", qtbot)
    with reading(sqlite_store) as session:
        case = cases.get_case(session, ref)
        unconfirmed = review.unconfirmed_findings(session, case)
        expected_hash = review.content_hash(session, case)
    assert unconfirmed, "the RU demo case has findings whose legal basis is unconfirmed"
    assert sorted(dialog.checks) == sorted(int(u["finding_id"]) for u in unconfirmed)
    assert dialog.fields["requested"].text().startswith("Айгерим Сапарова")
    assert dialog.fields["hash"].toolTip() == expected_hash
    assert "vehicles" in dialog.fields["contents"].text()
    shoot(dialog, "approve-dialog-en.png")

    # without the ticks: refused in the dialog, what was typed stays
    dialog.text.setPlainText("Checked against the declarations")
    dialog.ok_button.click()
    assert dialog.banner.text().startswith("Not approved: acknowledge each finding")
    assert dialog.isVisible() and dialog.text.toPlainText() == "Checked against the declarations"

    for box in dialog.checks.values():
        box.setChecked(True)
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        dialog.ok_button.click()
    qtbot.waitUntil(lambda: ws.detail["status"] == "ready_for_hearing", timeout=20000)
    qtbot.waitUntil(lambda: ws.review is not None and ws.review.state == "approved", timeout=20000)
    banner = ws.review_banner.text()
    assert banner.startswith("Approved by Дмитрий Волков (RU-1288) on ")
    assert f"content hash {ws.review.approval.content_hash[:16]}…" in banner
    assert banner.endswith("(recorded on a single-workstation store)")
    ws.setCurrentIndex(0)
    shoot(window, "overview-approved.png")
    with reading(sqlite_store) as session:
        state = review.review_state(session, cases.get_case(session, ref))
    assert state.approval is not None and state.approval.login == SUPERVISOR
    assert {a["finding_id"] for a in state.approval.acknowledged} == set(dialog.checks)

    # a change after the approval voids it: the banner says by which change
    with unit_of_work(sqlite_store, actor="x") as session:
        cases.get_case(session, ref).title = "Haval и Geely: заголовок уточнён"
    with qtbot.waitSignal(ws.loaded, timeout=20000):
        ws.show_case(ref)
        ws._reload()
    qtbot.waitUntil(lambda: ws.review is not None and ws.review.state == "voided", timeout=20000)
    voided = ws.review_banner.text()
    assert voided.startswith("The approval by Дмитрий Волков (RU-1288) was voided by a change:")
    assert "title" in voided
    shoot(window, "overview-voided.png")
    assert ws.detail["status"] == "under_review"


def test_the_preparer_cannot_approve_and_the_refusal_is_one_line(
    inspector: str, sqlite_store: Store, make_window: Any, qtbot: QtBot
) -> None:
    window = make_window(sqlite_store)  # acting as the demo inspector
    assert window.acting.text().startswith("Acting as: Айгерим Сапарова")
    ref = reference_of(sqlite_store, "RU")
    open_case(window, ref, qtbot)
    dialog = open_dialog(window, "approve", qtbot)
    dialog.text.setPlainText("Looks fine to me")
    for box in dialog.checks.values():
        box.setChecked(True)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: bool(dialog.banner.text()), timeout=20000)
    line = dialog.banner.text()
    assert line.startswith("Not approved: approving " + ref)
    assert "supervisor role" in line and "\n" not in line
    assert dialog.isVisible() and dialog.text.toPlainText() == "Looks fine to me"
    assert all(box.isChecked() for box in dialog.checks.values())
    dialog.reject()
    with reading(sqlite_store) as session:
        assert cases.get_case(session, ref).status == "under_review"


def test_self_approval_is_refused_and_a_return_needs_a_reason(
    inspector: str,
    sqlite_store: Store,
    make_window: Any,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    act_as(monkeypatch, SUPERVISOR)
    ref = reference_of(sqlite_store, "KZ")  # open
    with unit_of_work(sqlite_store, actor="x") as session:
        review.request_review(session, ref)  # asked for by the supervisor
    window = make_window(sqlite_store)
    open_case(window, ref, qtbot)
    dialog = open_dialog(window, "approve", qtbot)
    dialog.text.setPlainText("Checked")
    for box in dialog.checks.values():
        box.setChecked(True)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: bool(dialog.banner.text()), timeout=20000)
    assert "needs a second person" in dialog.banner.text()
    dialog.reject()

    returning = open_dialog(window, "return", qtbot)
    assert not returning.ok_button.isEnabled()  # a reason first
    returning.text.setPlainText("Add the dealer's invoice")
    with qtbot.waitSignal(returning.accepted, timeout=20000):
        returning.ok_button.click()
    ws = window.workspace
    qtbot.waitUntil(lambda: ws.detail["status"] == "open", timeout=20000)
    qtbot.waitUntil(lambda: ws.review is not None and ws.review.state == "returned", timeout=20000)
    assert ws.review_banner.text() == (
        "Returned by Дмитрий Волков (RU-1288): Add the dealer's invoice"
    )
    assert ws.findChild(QPushButton, "review-request") is not None


def test_requesting_a_review(
    inspector: str, sqlite_store: Store, make_window: Any, qtbot: QtBot
) -> None:
    window = make_window(sqlite_store)
    ref = reference_of(sqlite_store, "JO")
    open_case(window, ref, qtbot)
    ws = window.workspace
    ws.findChild(QPushButton, "review-request").click()
    qtbot.waitUntil(lambda: ws.detail["status"] == "under_review", timeout=20000)
    qtbot.waitUntil(lambda: ws.review is not None and ws.review.state == "requested", timeout=20000)
    assert ws.review_banner.text() == (
        "Awaiting review by a supervisor of MAIN · requested by Айгерим Сапарова (KZ-0417)"
    ) or ws.review_banner.text().startswith("Awaiting review by a supervisor of MAIN")
    assert ws.findChild(QPushButton, "review-approve") is not None
    assert window.model.index(window.model.row_of_reference(ref), column_of("status")).data()


def listed_references(window: MainWindow) -> set[str]:
    return {str(window.model.index(r, 0).data()) for r in range(window.model.rowCount())}


def choose_view(window: MainWindow, view: str | None, qtbot: QtBot) -> set[str]:
    with qtbot.waitSignal(window.listed, timeout=20000):
        window.view_selector.setCurrentIndex(window.view_selector.findData(view))
    return listed_references(window)


def test_the_views_list_the_cases_of_the_acting_person(
    inspector: str,
    sqlite_store: Store,
    make_window: Any,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ru, kz, jo = (reference_of(sqlite_store, j) for j in ("RU", "KZ", "JO"))
    act_as(monkeypatch, SUPERVISOR)
    with unit_of_work(sqlite_store, actor="x") as session:
        review.request_review(session, kz)  # asked for by the supervisor: not theirs to review
        supervisor = people.current_person(session)
        assert supervisor is not None
        cases.get_case(session, jo).assigned_inspector_id = supervisor.id
    window = make_window(sqlite_store)
    assert len(listed_references(window)) == 3
    assert choose_view(window, "awaiting_my_review", qtbot) == {ru}
    assert choose_view(window, "assigned_to_me", qtbot) == {ru, jo}  # RU is his in the demo
    assert choose_view(window, None, qtbot) == {ru, kz, jo}


def test_an_inspector_has_nothing_awaiting_their_review(
    inspector: str, sqlite_store: Store, make_window: Any, qtbot: QtBot
) -> None:
    with reading(sqlite_store) as session:
        me = people.current_person(session)
        assert me is not None
        mine = {c.reference for c in cases.list_cases(session) if c.assigned_inspector_id == me.id}
    window = make_window(sqlite_store)
    assert choose_view(window, "awaiting_my_review", qtbot) == set()
    assert choose_view(window, "assigned_to_me", qtbot) == mine


# --- pictures for a person to look at -----------------------------------------------------------


def grab_over(window: QWidget, dialog: QWidget) -> QPixmap:
    """The window's picture with the dialog's painted over it where it stands."""
    picture = window.grab()
    painter = QPainter(picture)
    at = window.mapFromGlobal(dialog.frameGeometry().topLeft())
    if not window.rect().contains(at):
        at = window.rect().center() - dialog.rect().center()
    painter.drawPixmap(at, dialog.grab())
    painter.end()
    return picture


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_window_with_the_approve_dialog_open(
    language: str,
    inspector: str,
    sqlite_store: Store,
    make_window: Any,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    shoot: Any,
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    act_as(monkeypatch, SUPERVISOR)
    install_translators(app, language)
    try:
        window = make_window(sqlite_store)
        window.resize(1280, 800)
        qtbot.waitExposed(window)
        open_case(window, reference_of(sqlite_store, "RU"), qtbot)
        dialog = open_dialog(window, "approve", qtbot)
        dialog.text.setPlainText(
            "Сверено с декларациями и актом осмотра"
            if language == "ru"
            else "Checked against the declarations and the inspection report"
        )
        first = next(iter(dialog.checks.values()))
        first.setChecked(True)
        QApplication.processEvents()
        folder = shoot(dialog, f"approve-dialog-{language}.png").parent
        picture = grab_over(window, dialog)
        path = folder / f"window-approve-dialog-{language}.png"
        assert picture.save(str(path), "PNG")
        dialog.reject()
    finally:
        install_translators(app, "en")
