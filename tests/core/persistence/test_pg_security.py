"""On the shared store the database is the authority: each person logs in as themselves,
the server names the actor of every audit event, and no workstation role can rewrite the
trail. Real PostgreSQL, real login roles with SCRAM passwords, the real psql client."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from core.errors import StoreError
from core.persistence import audit_chain, pg_security
from core.persistence.store import Store, open_store
from core.persistence.unit_of_work import unit_of_work
from core.services import cases, notes
from core.services.people import DEFAULT_UNIT_CODE
from tests.conftest import PgServer
from tests.core.persistence.pg_logins import Login, add_login, drop_logins, psql


@pytest.fixture
def logins(postgres_only: PgServer, db_url: str) -> Iterator[dict[str, Login]]:
    """An inspector and a reader of the default unit (where the setup's cases go), each
    with their own password."""
    made = {who: add_login(db_url, who, who, DEFAULT_UNIT_CODE) for who in ("inspector", "reader")}
    yield made
    drop_logins(postgres_only, made.values())


def trail(store: Store) -> list[sa.Row]:  # type: ignore[type-arg]
    with store.engine.connect() as conn:
        return list(conn.execute(sa.text("SELECT id, actor FROM audit_event ORDER BY id")))


def chain_ok(store: Store) -> bool:
    with store.engine.connect() as conn:
        return audit_chain.verify(conn).ok


def test_the_actor_is_the_login_whatever_the_client_says(
    store: Store, logins: dict[str, Login], monkeypatch: pytest.MonkeyPatch
) -> None:
    inspector = logins["inspector"]
    before = len(trail(store))  # the administrator added the logins
    monkeypatch.setenv("ZEROMILE_INSPECTOR", "Anyone at all")
    as_inspector = open_store(inspector.db)
    try:
        with as_inspector.engine.connect() as conn:
            conn.exec_driver_sql("SET application_name = 'Chief Supervisor'")
        with unit_of_work(as_inspector, actor="Anyone at all") as session:
            session.execute(sa.text("SET LOCAL application_name = 'Chief Supervisor'"))
            ref = cases.create_case(session, title="Партия 7", jurisdiction="KZ").reference
            notes.add_note(session, cases.get_case(session, ref), text="x")
    finally:
        as_inspector.close()
    assert {row.actor for row in trail(store)[before:]} == {inspector.name}
    assert chain_ok(store)


def test_a_forged_audit_row_is_stamped_by_the_server(
    store: Store, logins: dict[str, Login]
) -> None:
    with unit_of_work(store, actor="setup") as session:
        cases.create_case(session, title="Партия 7", jurisdiction="KZ")
    inspector = logins["inspector"]
    done = psql(
        inspector,
        "INSERT INTO audit_event (id, at, actor, operation, entity, action, prev_hash, hash) "
        "VALUES (1, '2020-01-01', 'chief', 'x', 'case', 'update', 'bad', 'bad')",
    )
    assert done.returncode == 0, done.stderr
    last = trail(store)[-1]
    assert last.actor == inspector.name
    with store.engine.connect() as conn:
        at = conn.execute(sa.text("SELECT at FROM audit_event ORDER BY id DESC LIMIT 1")).scalar()
    assert at.year >= 2026  # the server's clock, not the one typed
    assert chain_ok(store)  # the forged row took its proper place in the chain


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_event SET new_value = 'forged'",
        "DELETE FROM audit_event",
        "TRUNCATE audit_event CASCADE",
        "UPDATE audit_head SET count = 0",
        "DELETE FROM audit_head",
    ],
)
def test_no_workstation_role_can_rewrite_the_trail(
    store: Store, logins: dict[str, Login], statement: str
) -> None:
    with unit_of_work(store, actor="setup") as session:
        cases.create_case(session, title="Партия 7", jurisdiction="KZ")
    before = trail(store)
    for login in logins.values():
        refused = psql(login, statement)
        assert refused.returncode != 0
        assert "permission denied" in refused.stderr or "append-only" in refused.stderr
    assert trail(store) == before
    assert chain_ok(store)


def test_even_the_administrator_cannot_edit_an_event_with_the_triggers_on(
    store: Store, postgres_only: PgServer
) -> None:
    with unit_of_work(store, actor="setup") as session:
        cases.create_case(session, title="Партия 7", jurisdiction="KZ")
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE audit_event SET new_value = 'forged'"))
    assert chain_ok(store)


def test_a_reader_reads_but_cannot_change_case_data(store: Store, logins: dict[str, Login]) -> None:
    with unit_of_work(store, actor="setup") as session:
        ref = cases.create_case(session, title="Партия 7", jurisdiction="KZ").reference
    reader = logins["reader"]
    assert psql(
        reader, f"SELECT title FROM case_file WHERE reference = '{ref}'"
    ).stdout.strip() == ("Партия 7")
    refused = psql(reader, "UPDATE case_file SET title = 'changed'")
    assert refused.returncode != 0 and "permission denied" in refused.stderr
    as_reader = open_store(reader.db)
    try:
        with (
            pytest.raises(StoreError, match="permission denied") as caught,
            unit_of_work(as_reader, actor="reader") as session,
        ):
            cases.create_case(session, title="New", jurisdiction="KZ")
        assert "\n" not in str(caught.value)
    finally:
        as_reader.close()


def test_an_inspector_cannot_make_people_or_units(store: Store, logins: dict[str, Login]) -> None:
    inspector = logins["inspector"]
    for statement in (
        "UPDATE inspector SET role = 'supervisor'",
        "INSERT INTO unit (code, name, created_at, updated_at, version) "
        "VALUES ('X', 'X', now(), now(), 1)",
        "ALTER TABLE case_file DISABLE TRIGGER ALL",
        "ALTER TABLE audit_event DISABLE TRIGGER ALL",
    ):
        refused = psql(inspector, statement)
        assert refused.returncode != 0, statement
        assert "permission denied" in refused.stderr or "must be owner" in refused.stderr


def test_the_tables_belong_to_a_role_that_cannot_log_in(
    store: Store, postgres_only: PgServer
) -> None:
    with store.engine.connect() as conn:
        owners = set(
            conn.execute(
                sa.text("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'")
            ).scalars()
        )
        can_login = conn.execute(
            sa.text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :r"),
            {"r": pg_security.OWNER},
        ).scalar_one()
    assert owners == {pg_security.OWNER}
    assert can_login is False


def test_the_server_chain_and_this_program_agree_on_awkward_text(store: Store) -> None:
    awkward = 'кавычка " обратная \\ перевод\nстроки\tтаб \x01 \x1f العربية 😀 \u2028 end'
    with unit_of_work(store, actor="setup") as session:
        ref = cases.create_case(session, title=awkward, jurisdiction="KZ").reference
        notes.add_note(session, cases.get_case(session, ref), text=awkward)
    assert chain_ok(store)  # the verifier recomputes in Python what the server computed


def test_a_reader_exports_and_the_export_is_recorded_under_their_login(
    store: Store, logins: dict[str, Login], tmp_path: Path
) -> None:
    from core.cli.main import run

    with unit_of_work(store, actor="setup") as session:
        ref = cases.create_case(session, title="Партия 7", jurisdiction="KZ").reference
    reader = logins["reader"]
    target = tmp_path / "case.xlsx"
    assert run(["--db", reader.db, "export", ref, "--xlsx", str(target)]) == 0
    assert target.stat().st_size > 0
    assert reader.name in {row.actor for row in trail(store)}
    assert chain_ok(store)


def test_a_change_made_with_psql_is_on_the_trail_with_its_login_and_flagged(
    store: Store,
    logins: dict[str, Login],
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from core.cli.main import run
    from core.domain.fields import VEHICLE_FIELDS, parse_fields
    from core.persistence.unit_of_work import reading
    from core.services import integrity, vehicles, views

    with unit_of_work(store, actor="setup") as session:
        case = cases.create_case(session, title="Партия 7", jurisdiction="KZ")
        facts = parse_fields(VEHICLE_FIELDS, {"vin": "LVVDB21B9TD439563", "odometer_km": "12"})
        vehicles.add_vehicle(session, case, facts)
        ref = case.reference
    assert run(["--db", db_url, "classify", ref]) == 0
    with reading(store) as session:
        assert integrity.direct_changes(session) == []  # the program's own changes
        shown = views.audit_rows(session, cases.get_case(session, ref))
        assert not any(row["direct"] for row in shown)
    inspector = logins["inspector"]
    done = psql(inspector, "UPDATE vehicle SET odometer_km = 45210")
    assert done.returncode == 0, done.stderr
    with reading(store) as session:
        direct = integrity.direct_changes(session)
        shown = views.audit_rows(session, cases.get_case(session, ref))
    assert [(d.actor, d.action, d.entity, d.entity_label, d.fields) for d in direct] == [
        (inspector.name, "db_update", "vehicle", "LVVDB21B9TD439563", "odometer_km")
    ]
    flagged = [row for row in shown if row["direct"]]
    assert len(flagged) == 1 and "45210" in flagged[0]["new_value"]
    assert "12" in flagged[0]["old_value"]
    capsys.readouterr()
    assert run(["--db", db_url, "audit", "verify"]) == 1
    said = capsys.readouterr().out
    assert "1 change(s) made outside ZeroMile" in said
    assert (
        f"vehicle LVVDB21B9TD439563 (odometer_km) changed outside ZeroMile by {inspector.name}"
        in said
    )
    # The findings were computed from 12 km: the case file must not show them as current.
    pdf = tmp_path / "case.pdf"
    assert run(["--db", db_url, "export", ref, "--pdf", str(pdf)]) == 1  # a check failed
    assert "LVVDB21B9TD439563 (facts changed)" in capsys.readouterr().err
    assert run(["--db", db_url, "classify", ref]) == 0
    assert run(["--db", db_url, "export", ref, "--pdf", str(pdf)]) == 0
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = " ".join(text.split())  # the marker may wrap inside its table cell
    assert "CHANGED OUTSIDE" in words and "45210" in words


@dataclass(frozen=True)
class Unit:
    """A unit with an inspector and two supervisors, each with their own login."""

    reference: str
    inspector: Login
    supervisor: Login
    other: Login


@pytest.fixture
def reviewers(postgres_only: PgServer, db_url: str) -> Iterator[Unit]:
    from core.cli.main import run

    run(["--db", db_url, "unit", "add", "KZ-KHORGOS", "--name", "Хоргос"])
    made = {
        who: add_login(db_url, who, role, "KZ-KHORGOS")
        for who, role in (("insp", "inspector"), ("sup", "supervisor"), ("sup2", "supervisor"))
    }
    as_inspector = open_store(made["insp"].db)
    try:
        with unit_of_work(as_inspector, actor="x") as session:
            ref = cases.create_case(
                session, title="Партия 7", jurisdiction="KZ", unit="KZ-KHORGOS"
            ).reference
            cases.change_status(session, ref, cases.CaseStatus.OPEN)
    finally:
        as_inspector.close()
    yield Unit(ref, made["insp"], made["sup"], made["sup2"])
    drop_logins(postgres_only, made.values())


def _case_sql(
    unit: Unit, action: str, status: str | None = None, content_hash: str = "ab" * 32
) -> str:
    """What a modified client would send: a review row (claiming another login) and,
    optionally, the status move, in one transaction."""
    ref = unit.reference
    move = f"UPDATE case_file SET status = '{status}' WHERE reference = '{ref}';" if status else ""
    return (
        "BEGIN; INSERT INTO case_review (case_id, action, login, at, content_hash, acknowledged) "
        f"SELECT id, '{action}', 'chief', '2020-01-01', '{content_hash}', '[]' FROM case_file "
        f"WHERE reference = '{ref}'; {move} COMMIT;"
    )


def test_the_server_refuses_what_the_review_rules_refuse(store: Store, reviewers: Unit) -> None:
    ref = reviewers.reference
    # ready_for_hearing without an approval, by anyone
    for login in (reviewers.inspector, reviewers.supervisor):
        refused = psql(login, f"UPDATE case_file SET status = 'ready_for_hearing' "
                              f"WHERE reference = '{ref}'")  # fmt: skip
        assert refused.returncode != 0
        assert "only through a supervisor's approval" in refused.stderr
    # an inspector approving
    refused = psql(reviewers.inspector, _case_sql(reviewers, "approved", "ready_for_hearing"))
    assert "needs a supervisor of the case's unit" in refused.stderr
    # a supervisor approving an open case that nobody asked to review, or without a hash
    refused = psql(reviewers.supervisor, _case_sql(reviewers, "approved", "ready_for_hearing"))
    assert "needs the case under review" in refused.stderr
    bad_hash = _case_sql(reviewers, "approved", "ready_for_hearing", content_hash="deadbeef")
    assert "content hash" in psql(reviewers.supervisor, bad_hash).stderr
    # the supervisor who requested approving their own request
    assert (
        psql(reviewers.supervisor, _case_sql(reviewers, "requested", "under_review")).returncode
        == 0
    )
    refused = psql(reviewers.supervisor, _case_sql(reviewers, "approved", "ready_for_hearing"))
    assert "needs a second person" in refused.stderr
    # a supervisor who changed the case's facts
    assert psql(reviewers.other, f"UPDATE case_file SET title = 'edited' "
                                 f"WHERE reference = '{ref}'").returncode == 0  # fmt: skip
    refused = psql(reviewers.other, _case_sql(reviewers, "approved", "ready_for_hearing"))
    assert "did not change the case" in refused.stderr
    with store.engine.connect() as conn:
        status = conn.execute(
            sa.text("SELECT status FROM case_file WHERE reference = :r"), {"r": ref}
        ).scalar_one()
        approvals = conn.execute(
            sa.text("SELECT count(*) FROM case_review WHERE action = 'approved'")
        ).scalar_one()
    assert (status, approvals) == ("under_review", 0)


def test_an_approval_is_recorded_under_the_approvers_login(store: Store, reviewers: Unit) -> None:
    assert (
        psql(reviewers.inspector, _case_sql(reviewers, "requested", "under_review")).returncode == 0
    )
    done = psql(reviewers.supervisor, _case_sql(reviewers, "approved", "ready_for_hearing"))
    assert done.returncode == 0, done.stderr
    with store.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT action, login, at FROM case_review ORDER BY id")).all()
    assert [(a, login) for a, login, _ in rows] == [
        ("requested", reviewers.inspector.name), ("approved", reviewers.supervisor.name),
    ]  # fmt: skip
    assert all(at.year >= 2026 for _, _, at in rows)  # the server's clock, not 2020
    refused = psql(reviewers.supervisor, "UPDATE case_review SET login = 'chief'")
    assert refused.returncode != 0 and "append-only" in refused.stderr


def test_the_program_approves_on_the_shared_store_as_real_logins(
    store: Store, reviewers: Unit, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from core.cli.main import run

    ref = reviewers.reference
    assert run(["--db", reviewers.inspector.db, "case", "review", ref, "--request"]) == 0
    assert run(["--db", reviewers.inspector.db, "case", "review", ref, "--approve",
                "--comment", "mine"]) == 2  # fmt: skip
    assert "supervisor" in capsys.readouterr().err
    assert run(["--db", reviewers.supervisor.db, "case", "review", ref, "--approve",
                "--comment", "checked"]) == 0  # fmt: skip
    with store.engine.connect() as conn:
        status = conn.execute(
            sa.text("SELECT status FROM case_file WHERE reference = :r"), {"r": ref}
        ).scalar_one()
        steps = conn.execute(sa.text("SELECT action, login FROM case_review ORDER BY id")).all()
    assert status == "ready_for_hearing"
    assert [tuple(s) for s in steps] == [
        ("requested", reviewers.inspector.name), ("approved", reviewers.supervisor.name),
    ]  # fmt: skip
    # Changed with psql afterwards: the server voids the approval at the commit, as the
    # program would, and the case is under review again.
    assert psql(reviewers.inspector, "UPDATE case_file SET title = 'swapped'").returncode == 0
    with store.engine.connect() as conn:
        status = conn.execute(
            sa.text("SELECT status FROM case_file WHERE reference = :r"), {"r": ref}
        ).scalar_one()
        void = conn.execute(
            sa.text("SELECT action, login, comment FROM case_review ORDER BY id DESC LIMIT 1")
        ).one()
        moved = conn.execute(
            sa.text("SELECT actor FROM audit_event WHERE entity = 'case' AND action = 'db_update' "
                    "AND new_value::jsonb ->> 'status' = 'under_review' ORDER BY id DESC LIMIT 1")
        ).scalar_one()  # fmt: skip
    assert status == "under_review"
    assert (void.action, void.login) == ("voided", reviewers.inspector.name)
    assert void.comment == f"case {ref} title (outside ZeroMile)"
    assert moved == reviewers.inspector.name
    assert run(["--db", reviewers.inspector.db, "case", "review", ref]) == 0
    shown = capsys.readouterr().out
    assert "voided" in shown and "title (outside ZeroMile)" in shown
    pdf = tmp_path / "case.pdf"
    assert run(["--db", reviewers.supervisor.db, "export", ref, "--pdf", str(pdf)]) == 0
    words = " ".join(
        subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert f"by a later change: case {ref} title (outside ZeroMile)" in words
    assert "DRAFT" in words and "CHANGED OUTSIDE" in words


def _approved_with_a_vehicle(unit: Unit) -> int:
    """Unit's case with a vehicle, classified, requested and approved; its id."""
    from core.cli.main import run
    from core.services import review, vehicles

    as_inspector = open_store(unit.inspector.db)
    try:
        with unit_of_work(as_inspector, actor="x") as session:
            case = cases.get_case(session, unit.reference)
            facts = {"vin": "LVVDB21B9TD439563", "make": "Chery", "model_year": 2025}
            vehicles.add_vehicle(session, case, facts)
            assert case.id is not None
            case_id = case.id
    finally:
        as_inspector.close()
    assert run(["--db", unit.inspector.db, "classify", unit.reference]) == 0
    assert run(["--db", unit.inspector.db, "case", "review", unit.reference, "--request"]) == 0
    acks = [
        int(u["finding_id"])
        for u in review.state_of(db=unit.supervisor.db, reference=unit.reference).unconfirmed
    ]
    review.approve_case(
        db=unit.supervisor.db, actor="x", reference=unit.reference, comment="ok", acknowledge=acks
    )
    return case_id


def _review_now(store: Store, case_id: int) -> tuple[str, list[str]]:
    """The case's status and its review steps' actions, in order."""
    with store.engine.connect() as conn:
        status = conn.execute(
            sa.text("SELECT status FROM case_file WHERE id = :c"), {"c": case_id}
        ).scalar_one()
        steps = conn.execute(
            sa.text("SELECT action FROM case_review WHERE case_id = :c ORDER BY id"),
            {"c": case_id},
        ).scalars()
        return status, list(steps)


@pytest.mark.parametrize(
    "dodge",
    [
        # the per-transaction marker the server once kept in a setting any client may set
        "SELECT set_config('zeromile.head_of', txid_current()::text, true);",
        # the commit check run early, on an uncovered change, before the covered one
        "SET CONSTRAINTS ALL IMMEDIATE; INSERT INTO note (case_id, text, author, created_at) "
        "SELECT id, 'x', 'x', now() FROM case_file;",
        # after the change, a planted copy of the approval's own record, so the change
        # would seem older than the approval
        "{change} INSERT INTO audit_event (operation, case_id, entity, entity_id, action, "
        "actor, at) SELECT 'x', case_id, 'case_review', id, 'x', 'x', now() FROM case_review "
        "WHERE action = 'approved';",
        # a later review step slipped in, so the approval would no longer be the latest
        "INSERT INTO case_review (case_id, action, login, at, content_hash, acknowledged) "
        "SELECT id, 'requested', 'x', now(), '', '[]' FROM case_file;",
    ],
)
def test_a_psql_change_after_an_approval_cannot_dodge_the_servers_void(
    store: Store, reviewers: Unit, dodge: str
) -> None:
    case_id = _approved_with_a_vehicle(reviewers)
    change = "UPDATE vehicle SET odometer_km = 45210;"
    steps = dodge.replace("{change}", change) if "{change}" in dodge else f"{dodge} {change}"
    done = psql(reviewers.inspector, f"BEGIN; {steps} COMMIT;")
    if "requested" in dodge:  # refused: a request is for an open case or one under review
        assert done.returncode != 0 and "open or under review" in done.stderr
        assert _review_now(store, case_id) == ("ready_for_hearing", ["requested", "approved"])
        return
    assert done.returncode == 0, done.stderr
    assert _review_now(store, case_id) == ("under_review", ["requested", "approved", "voided"])
    assert chain_ok(store)  # the head counted every event, the void's own included


def test_a_void_slipped_in_by_hand_still_takes_the_case_out_of_ready_for_hearing(
    store: Store, reviewers: Unit
) -> None:
    case_id = _approved_with_a_vehicle(reviewers)
    done = psql(
        reviewers.inspector,
        "INSERT INTO case_review (case_id, action, login, at, content_hash, acknowledged) "
        "SELECT id, 'voided', 'x', now(), '', '[]' FROM case_file",
    )
    assert done.returncode == 0, done.stderr
    assert _review_now(store, case_id) == ("under_review", ["requested", "approved", "voided"])
    again = psql(
        reviewers.inspector,
        "INSERT INTO case_review (case_id, action, login, at, content_hash, acknowledged) "
        "SELECT id, 'voided', 'x', now(), '', '[]' FROM case_file",
    )
    assert again.returncode != 0 and "voids an approval in force" in again.stderr


def test_a_supervisor_who_changed_the_cases_party_may_not_approve_it(
    store: Store, reviewers: Unit, capsys: pytest.CaptureFixture[str]
) -> None:
    from core.cli.main import run
    from core.domain.party import PartyRoleKind
    from core.services import parties

    as_inspector = open_store(reviewers.inspector.db)
    try:
        with unit_of_work(as_inspector, actor="x") as session:
            case = cases.get_case(session, reviewers.reference)
            party = parties.find_or_create_party(session, name="Exporter Ltd", country="CN")
            parties.link_party(session, party, case, PartyRoleKind.EXPORTER)
            party_id = party.id
    finally:
        as_inspector.close()
    assert run(["--db", reviewers.inspector.db, "case", "review", reviewers.reference,
                "--request"]) == 0  # fmt: skip
    rename = f"UPDATE party SET name = 'Other Ltd' WHERE id = {party_id}"
    renamed = psql(reviewers.supervisor, rename)
    assert renamed.stdout.strip() == "UPDATE 1", renamed.stderr
    capsys.readouterr()
    assert run(["--db", reviewers.supervisor.db, "case", "review", reviewers.reference,
                "--approve", "--comment", "ok"]) == 2  # fmt: skip
    assert "did not change the case" in capsys.readouterr().err  # the program's own check
    refused = psql(reviewers.supervisor, _case_sql(reviewers, "approved", "ready_for_hearing"))
    assert "did not change the case" in refused.stderr  # and the server's


def test_a_closed_approved_case_changed_with_psql_is_voided_and_stays_closed(
    store: Store, reviewers: Unit
) -> None:
    from core.cli.main import run

    case_id = _approved_with_a_vehicle(reviewers)
    closing = ["case", "status", reviewers.reference, "closed", "--reason", "heard"]
    assert run(["--db", reviewers.supervisor.db, *closing]) == 0
    assert _review_now(store, case_id) == ("closed", ["requested", "approved"])
    assert psql(reviewers.inspector, "UPDATE vehicle SET make = 'Geely'").returncode == 0
    assert _review_now(store, case_id) == ("closed", ["requested", "approved", "voided"])


def test_a_psql_change_under_an_approved_case_voids_it_once_per_commit(
    store: Store, reviewers: Unit
) -> None:
    """A vehicle edited with psql after an approval voids it, naming each change once;
    what an approval does not cover (a note, the hearing date) leaves it in force."""
    from core.cli.main import run

    ref = reviewers.reference
    case_id = _approved_with_a_vehicle(reviewers)

    def latest() -> tuple[str, str, str]:
        with store.engine.connect() as conn:
            status = conn.execute(
                sa.text("SELECT status FROM case_file WHERE id = :c"), {"c": case_id}
            ).scalar_one()
            action, comment = conn.execute(
                sa.text("SELECT action, comment FROM case_review ORDER BY id DESC LIMIT 1")
            ).one()
        return status, action, comment

    uncovered = (
        f"INSERT INTO note (case_id, text, author, created_at) VALUES ({case_id}, 'call', 'x', "
        f"now()); UPDATE case_file SET hearing_date = '2027-01-01' WHERE id = {case_id}"
    )
    done = psql(reviewers.inspector, uncovered)
    assert done.returncode == 0, done.stderr
    assert latest()[:2] == ("ready_for_hearing", "approved")
    # a rules run that changes no finding leaves it in force too
    assert run(["--db", reviewers.inspector.db, "classify", ref]) == 0
    assert latest()[:2] == ("ready_for_hearing", "approved")
    two_changes = (
        "BEGIN; UPDATE vehicle SET odometer_km = 45210; UPDATE vehicle SET odometer_km = 45211; "
        "UPDATE vehicle SET make = 'Geely'; COMMIT;"
    )
    done = psql(reviewers.inspector, two_changes)
    assert done.returncode == 0, done.stderr
    status, action, comment = latest()
    assert (status, action) == ("under_review", "voided")
    assert comment.splitlines() == [
        "vehicle LVVDB21B9TD439563 odometer_km (outside ZeroMile)",
        "vehicle LVVDB21B9TD439563 make (outside ZeroMile)",
    ]
    with store.engine.connect() as conn:
        voids = conn.execute(
            sa.text("SELECT count(*) FROM case_review WHERE action = 'voided'")
        ).scalar_one()
    assert voids == 1  # one void for the transaction, however many changes it made


@pytest.mark.parametrize(
    ("statement", "refusal"),
    [
        ("UPDATE case_file SET id = id + 1000", "never changes"),
        ("UPDATE case_file SET title = 'x', version = version - 1", None),
    ],
)
def test_keys_never_change_and_versions_only_move_on(
    store: Store, reviewers: Unit, statement: str, refusal: str | None
) -> None:
    with store.engine.connect() as conn:
        before = conn.execute(sa.text("SELECT id, version FROM case_file")).one()
    done = psql(reviewers.inspector, statement)
    if refusal is not None:
        assert done.returncode != 0 and refusal in done.stderr
        return
    assert done.returncode == 0, done.stderr
    with store.engine.connect() as conn:
        after = conn.execute(sa.text("SELECT id, version FROM case_file")).one()
    assert after.id == before.id and after.version == before.version + 1


def test_an_approver_who_rewrote_the_title_among_many_fields_is_refused(
    store: Store, reviewers: Unit
) -> None:
    request = _case_sql(reviewers, "requested", "under_review")
    assert psql(reviewers.inspector, request).returncode == 0
    rewrite = (
        "UPDATE case_file SET title = 'Rewritten', hearing_date = '2027-01-01', "
        "hearing_reference = 'H-1', legal_deadline = '2027-02-01'"
    )
    assert psql(reviewers.supervisor, rewrite).returncode == 0
    refused = psql(reviewers.supervisor, _case_sql(reviewers, "approved", "ready_for_hearing"))
    assert "did not change the case" in refused.stderr


def test_a_change_made_with_psql_cannot_be_hidden_behind_the_programs_operation(
    store: Store, logins: dict[str, Login]
) -> None:
    from core.persistence.unit_of_work import reading
    from core.services import integrity

    with unit_of_work(store, actor="setup") as session:
        cases.create_case(session, title="Партия 7", jurisdiction="KZ")
    with store.engine.connect() as conn:
        operation = conn.execute(sa.text("SELECT operation FROM audit_event LIMIT 1")).scalar()
    spoofed = (
        f"BEGIN; SELECT set_config('zeromile.operation', '{operation}', true); "
        "UPDATE case_file SET title = 'hidden?'; COMMIT;"
    )
    assert psql(logins["inspector"], spoofed).returncode == 0
    # A reader then writes events that look like the program's, for every operation.
    cover = (
        "INSERT INTO audit_event (operation, entity, action, actor) SELECT DISTINCT "
        "operation, 'note', 'create', '' FROM audit_event"
    )
    assert psql(logins["reader"], cover).returncode == 0
    with reading(store) as session:
        direct = integrity.direct_changes(session)
    assert [(d.entity, d.fields, d.actor) for d in direct] == [
        ("case", "title", logins["inspector"].name)
    ]
    assert chain_ok(store)
