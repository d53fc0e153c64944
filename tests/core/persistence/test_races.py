"""Races on a shared PostgreSQL store, with real processes released by one barrier:
parallel imports and evidence into one case, the same new file from four workstations,
and a real deadlock, retried and then reported as what it is."""

from __future__ import annotations

import hashlib
import os
from multiprocessing.synchronize import Barrier
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import col, func, select

from core.domain import Blob, BlobChunk, EvidenceItem
from core.domain.case import Case
from core.domain.vin import expected_check_digit
from core.persistence.store import Store, ZeroMileSession, open_store
from core.persistence.unit_of_work import (
    TransientConflict,
    in_transaction,
    reading,
    retrying,
    unit_of_work,
)
from core.services import cases, vehicles

from .conftest import command, race

ACTOR = "Inspector A (KZ-0001)"
HEADER = "Номер декларации;Идентификационный номер;Марка;Модель;Год выпуска;Страна назначения"


def vin(serial: int) -> str:
    draft = f"LVVDB21B0TD{serial:06d}"
    return draft[:8] + expected_check_digit(draft) + draft[9:]


def declarations(path: Path, first: int, count: int) -> Path:
    rows = [
        f"10005020/150226/{n:07d};{vin(n)};Chery;Tiggo 7 Pro;2026;KZ"
        for n in range(first, first + count)
    ]
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def new_case(store: Store, title: str = "Партия 7") -> str:
    with unit_of_work(store, actor=ACTOR) as session:
        return cases.create_case(session, title=title, jurisdiction="KZ").reference


def exhibits(store: Store, ref: str) -> list[tuple[int, str]]:
    with reading(store) as session:
        case = cases.get_case(session, ref)
        return [
            (e.exhibit_no, e.sha256)
            for e in session.exec(
                select(EvidenceItem)
                .where(EvidenceItem.case_id == case.id)
                .order_by(col(EvidenceItem.exhibit_no))
            )
        ]


def assert_all_succeeded(outcomes: list[tuple[str, object]]) -> None:
    for state, value in outcomes:
        assert state == "ok", value
        code, _out, err = value  # type: ignore[misc]
        assert code == 0, err


def test_three_imports_into_one_case_at_once_all_succeed(
    store: Store, db_url: str, tmp_path: Path, postgres_only: object
) -> None:
    """Used to end with two of three failing: 'lost the connection … deadlock detected'."""
    ref = new_case(store)
    files = [declarations(tmp_path / f"part{i}.csv", 1000 * (i + 1), 40) for i in range(3)]
    outcomes = race([command(db_url, "import", str(f), "--case", ref) for f in files])
    assert_all_succeeded(outcomes)
    numbers = [n for n, _ in exhibits(store, ref)]
    assert numbers == [1, 2, 3]
    with reading(store) as session:
        case = cases.get_case(session, ref)
        assert len(vehicles.list_vehicles(session, case)) == 120
    assert {sha for _, sha in exhibits(store, ref)} == {
        hashlib.sha256(f.read_bytes()).hexdigest() for f in files
    }


def test_three_evidence_adds_into_one_case_at_once_are_numbered_without_gaps(
    store: Store, db_url: str, tmp_path: Path, postgres_only: object
) -> None:
    ref = new_case(store)
    files = []
    for i in range(3):
        path = tmp_path / f"photo{i}.bin"
        path.write_bytes(os.urandom(300_000 + i))
        files.append(path)
    outcomes = race([command(db_url, "evidence", "add", ref, str(f)) for f in files])
    assert_all_succeeded(outcomes)
    assert [n for n, _ in exhibits(store, ref)] == [1, 2, 3]


@pytest.mark.parametrize("where", ["database", "shared folder"])
def test_four_workstations_adding_the_same_new_file_at_once_all_succeed(
    store: Store,
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    postgres_only: object,
    where: str,
) -> None:
    """Used to fail two of four with a duplicate key on the blob's primary key."""
    shared = tmp_path / "shared-evidence"
    if where == "shared folder":
        monkeypatch.setenv("ZEROMILE_EVIDENCE_DIR", str(shared))
    content = os.urandom(5 * 1024 * 1024 + 17)  # more than one database chunk
    source = tmp_path / "scan.pdf"
    source.write_bytes(content)
    sha = hashlib.sha256(content).hexdigest()
    refs = [new_case(store, f"Партия {i}") for i in range(2)]
    outcomes = race(
        [command(db_url, "evidence", "add", refs[i % 2], str(source)) for i in range(4)]
    )
    assert_all_succeeded(outcomes)
    for ref in refs:
        assert exhibits(store, ref) == [(1, sha), (2, sha)]
    with reading(store) as session:
        assert session.exec(select(func.count()).select_from(Blob)).one() == 1
        chunks = session.exec(
            select(BlobChunk.seq).where(BlobChunk.sha256 == sha).order_by(col(BlobChunk.seq))
        ).all()
    if where == "database":
        assert chunks == [0, 1]  # one copy, in order
    else:
        assert chunks == []
        kept = [p for p in shared.rglob("*") if p.is_file()]
        assert [p.name for p in kept] == [sha] and kept[0].read_bytes() == content
    verified = race([command(db_url, "evidence", "verify")])
    assert_all_succeeded(verified)


def _lock_two_cases(db: str, first: int, second: int, attempts: int):  # type: ignore[no-untyped-def]
    """A racer: lock ``first``, meet the other racer, then lock ``second`` (the other racer
    takes them in the opposite order, so the first run deadlocks). Returns the runs made."""

    def racer(barrier: Barrier) -> int:
        store = open_store(db)
        runs = 0

        @retrying(attempts=attempts)
        def change() -> None:
            nonlocal runs
            runs += 1
            with unit_of_work(store, actor=ACTOR) as session:
                table = Case.__table__  # type: ignore[attr-defined]
                # Row locks first (an UPDATE would be recorded by the server's audit
                # trigger, whose writers' lock makes the other racer wait before the
                # barrier instead of deadlocking).
                lock = sa.select(table.c.id).with_for_update()
                session.execute(lock.where(table.c.id == first))
                if runs == 1:
                    barrier.wait()
                session.execute(lock.where(table.c.id == second))
                for case_id in (first, second):
                    session.execute(
                        sa.update(table).where(table.c.id == case_id).values(priority="high")
                    )

        try:
            change()
        finally:
            store.close()
        return runs

    return racer


def _case_ids(store: Store, refs: list[str]) -> list[int]:
    with reading(store) as session:
        return [cases.get_case(session, ref).id or 0 for ref in refs]


def test_a_deadlock_is_retried_and_both_changes_land(
    store: Store, db_url: str, postgres_only: object
) -> None:
    a, b = _case_ids(store, [new_case(store, "A"), new_case(store, "B")])
    outcomes = race([_lock_two_cases(db_url, a, b, 5), _lock_two_cases(db_url, b, a, 5)])
    assert [state for state, _ in outcomes] == ["ok", "ok"], outcomes
    assert sorted(runs for _, runs in outcomes) == [1, 2]  # the server's victim ran again
    with reading(store) as session:
        assert {session.get(Case, i).priority for i in (a, b)} == {"high"}  # type: ignore[union-attr]


def test_a_deadlock_after_the_last_attempt_is_reported_as_a_deadlock(
    store: Store, db_url: str, postgres_only: object
) -> None:
    a, b = _case_ids(store, [new_case(store, "A"), new_case(store, "B")])
    outcomes = race([_lock_two_cases(db_url, a, b, 1), _lock_two_cases(db_url, b, a, 1)])
    failed = [value for state, value in outcomes if state == "raised"]
    assert len(failed) == 1, outcomes
    message = failed[0]
    assert message.startswith("TransientConflict: ")
    assert "deadlock" in message and "tried 1 time;" in message
    assert "nothing was saved" in message and "lost the connection" not in message


def test_retrying_gives_up_after_the_bound_and_says_how_often_it_tried() -> None:
    calls = 0

    @retrying(attempts=3)
    def always() -> None:
        nonlocal calls
        calls += 1
        raise TransientConflict(
            "the store x stopped this change because of a deadlock",
            kind="deadlock",
            detail="deadlock detected",
            where="x",
        )

    with pytest.raises(TransientConflict) as caught:
        always()
    assert calls == 3 and caught.value.attempts == 3
    assert str(caught.value) == (
        "the store x kept stopping this change because of a deadlock with other "
        "workstations' changes (deadlock detected); tried 3 times; nothing was saved, "
        "please try again"
    )


def test_retrying_does_not_rerun_other_errors() -> None:
    calls = 0

    @retrying
    def refused() -> None:
        nonlocal calls
        calls += 1
        raise ValueError("not a conflict")

    with pytest.raises(ValueError):
        refused()
    assert calls == 1


def test_in_transaction_reruns_the_work_in_a_fresh_unit_of_work(store: Store) -> None:
    """The first run's writes are rolled back with it; only the rerun's land."""
    runs = 0

    def work(session: ZeroMileSession) -> str:
        nonlocal runs
        runs += 1
        case = cases.create_case(session, title=f"run {runs}", jurisdiction="KZ")
        session.flush()
        if runs == 1:
            raise TransientConflict("deadlock", kind="deadlock", detail="d", where="x")
        return case.reference

    ref = in_transaction(store, work, actor=ACTOR)
    assert runs == 2
    with reading(store) as session:
        assert [(c.reference, c.title) for c in cases.list_cases(session)] == [(ref, "run 2")]
