"""Case access by unit on the shared store, enforced by the server's forced row-level
security: a person of one unit neither reads nor writes another unit's cases, whether
through the program or with psql; administrators see every unit; DUP-VIN still counts
every vehicle and names another unit's case by its unit only. Real PostgreSQL, real
login roles, the real psql client."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from core.cli.main import run
from core.domain.fields import VEHICLE_FIELDS, parse_fields
from core.persistence import audit_chain, pg_security
from core.persistence.store import Store, open_store
from core.persistence.unit_of_work import reading, unit_of_work
from core.services import case_search, cases, findings, notes, vehicles
from core.services.case_search import CaseQuery
from tests.conftest import PgServer
from tests.core.persistence.pg_logins import Login, add_login, drop_logins, psql

VIN = "LVVDB21B9TD439563"
TITLE = "Хоргос: партия 7"


@dataclass(frozen=True)
class Units:
    """Two units: a case of unit A, and the people of unit B, and an administrator."""

    reference: str
    inspector_a: Login
    supervisor_a: Login
    inspector_b: Login
    reader_b: Login
    supervisor_b: Login
    admin: Login

    @property
    def of_unit_b(self) -> tuple[Login, ...]:
        return (self.inspector_b, self.reader_b, self.supervisor_b)


def as_login(login: Login) -> Store:
    return open_store(login.db)


@pytest.fixture
def units(postgres_only: PgServer, db_url: str) -> Iterator[Units]:
    for code, name in (("KZ-KHORGOS", "Хоргос"), ("KZ-NURZHOL", "Нуржол")):
        assert run(["--db", db_url, "unit", "add", code, "--name", name]) == 0
    made = {
        "inspector_a": add_login(db_url, "insp_a", "inspector", "KZ-KHORGOS"),
        "supervisor_a": add_login(db_url, "sup_a", "supervisor", "KZ-KHORGOS"),
        "inspector_b": add_login(db_url, "insp_b", "inspector", "KZ-NURZHOL"),
        "reader_b": add_login(db_url, "reader_b", "reader", "KZ-NURZHOL"),
        "supervisor_b": add_login(db_url, "sup_b", "supervisor", "KZ-NURZHOL"),
        "admin": add_login(db_url, "admin", "admin", "KZ-NURZHOL"),
    }
    store = as_login(made["inspector_a"])
    try:
        with unit_of_work(store, actor="x") as session:
            case = cases.create_case(session, title=TITLE, jurisdiction="KZ")
            facts = parse_fields(VEHICLE_FIELDS, {"vin": VIN, "odometer_km": "12"})
            vehicles.add_vehicle(session, case, facts)
            notes.add_note(session, case, text="секретная заметка")
            reference = case.reference
    finally:
        store.close()
    yield Units(reference, **made)
    drop_logins(postgres_only, made.values())


def test_a_person_of_another_unit_cannot_list_search_open_or_export_the_case(
    units: Units, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ref = units.reference
    capsys.readouterr()
    assert run(["--db", units.inspector_a.db, "case", "list", "--json"]) == 0
    assert ref in capsys.readouterr().out  # the case is there, for its own unit
    for login in units.of_unit_b:
        assert run(["--db", login.db, "case", "list", "--json"]) == 0
        assert json.loads(capsys.readouterr().out) == [], login.name
        for command in (
            ["case", "show", ref],
            ["export", ref, "--pdf", str(tmp_path / "a.pdf"), "--xlsx", str(tmp_path / "a.xlsx")],
            ["case", "set", ref, "title", "changed"],
            ["classify", ref],
        ):
            assert run(["--db", login.db, *command]) == 2, (login.name, command)
            said = capsys.readouterr().err.strip()
            assert said == f"zeromile: error: no case {ref}", (login.name, said)
        assert not list(tmp_path.iterdir())
        store = as_login(login)
        try:
            with reading(store) as session:
                for text in (ref, "Хоргос", VIN, VIN[-6:]):
                    found = case_search.case_ids(session, CaseQuery(text=text))
                    assert found == [], (login.name, text)
        finally:
            store.close()


def test_psql_as_another_unit_reads_nothing_and_changes_nothing(units: Units, store: Store) -> None:
    def snapshot() -> list[tuple[object, ...]]:
        with store.engine.connect() as conn:
            return [
                tuple(r)
                for r in conn.execute(
                    sa.text(
                        "SELECT c.title, c.unit_id, v.odometer_km, v.version, "
                        "(SELECT count(*) FROM note), (SELECT count(*) FROM audit_event) "
                        "FROM case_file c JOIN vehicle v ON v.case_id = c.id"
                    )
                )
            ]

    before = snapshot()
    inspector = units.inspector_b
    for table in ("case_file", "vehicle", "note", "finding", "party_role", "case_review"):
        done = psql(inspector, f"SELECT count(*) FROM {table}")
        assert done.returncode == 0 and done.stdout.strip() == "0", (table, done)
    # The trail of unit A's case is hidden too: it holds the case's content.
    hidden = psql(inspector, "SELECT count(*) FROM audit_event WHERE case_id IS NOT NULL")
    assert hidden.stdout.strip() == "0"
    for statement in (
        "UPDATE vehicle SET odometer_km = 45210",
        "UPDATE case_file SET title = 'changed'",
        "DELETE FROM note",
    ):
        done = psql(inspector, statement)
        assert done.returncode == 0, (statement, done.stderr)
        assert done.stdout.strip() in ("UPDATE 0", "DELETE 0"), statement  # no row seen
    refused = psql(
        inspector,
        "INSERT INTO note (case_id, text, author, created_at) SELECT 1, 'planted', 'x', now()",
    )
    assert refused.returncode != 0
    assert "row-level security" in refused.stderr or "violates" in refused.stderr
    # Moving the case into one's own unit is refused as well: the server decides.
    moved = psql(
        units.inspector_a,
        "UPDATE case_file SET unit_id = (SELECT id FROM unit WHERE code = 'KZ-NURZHOL')",
    )
    assert moved.returncode != 0 and "row-level security" in moved.stderr
    assert snapshot() == before


def test_an_administrator_sees_every_unit(units: Units, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert run(["--db", units.admin.db, "case", "list", "--json"]) == 0
    listed = {row["reference"] for row in json.loads(capsys.readouterr().out)}
    assert units.reference in listed


def _dup_vin_text(login: Login, reference: str) -> str:
    store = as_login(login)
    try:
        with reading(store) as session:
            case = cases.get_case(session, reference)
            found = [
                f.explanation_en
                for per_vehicle in findings.active_findings(session, case).values()
                for f in per_vehicle
                if f.rule_id == "DUP-VIN"
            ]
    finally:
        store.close()
    assert len(found) == 1
    return found[0]


def test_dup_vin_counts_another_units_case_and_names_only_its_unit(units: Units) -> None:
    store = as_login(units.inspector_b)
    try:
        with unit_of_work(store, actor="x") as session:
            case = cases.create_case(session, title="Нуржол", jurisdiction="KZ")
            vehicles.add_vehicle(session, case, parse_fields(VEHICLE_FIELDS, {"vin": VIN}))
            mine = case.reference
    finally:
        store.close()
    assert run(["--db", units.inspector_b.db, "classify", mine]) == 0
    text = _dup_vin_text(units.inspector_b, mine)
    assert "also recorded in a case of another unit: KZ-KHORGOS" in text
    assert units.reference not in text
    # Whoever runs the rules, the finding reads the same: the administrator sees unit
    # A's case, but the case being judged is unit B's.
    assert run(["--db", units.admin.db, "classify", mine]) == 0
    assert _dup_vin_text(units.admin, mine) == text


def test_a_restricted_login_verifies_the_whole_chain_with_the_servers_help(
    units: Units, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run(["--db", units.reader_b.db, "audit", "verify"]) == 0
    assert "intact" in capsys.readouterr().out
    # An event of unit A's case, which the reader cannot read, is altered by someone who
    # could switch the triggers off (the schema's owner): the reader's check still fails.
    with store.engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE audit_event DISABLE TRIGGER USER")
        conn.exec_driver_sql(
            "UPDATE audit_event SET new_value = 'forged' WHERE id = "
            "(SELECT min(id) FROM audit_event WHERE entity = 'note')"
        )
        conn.exec_driver_sql("ALTER TABLE audit_event ENABLE TRIGGER USER")
    with store.engine.connect() as conn:
        assert not audit_chain.verify(conn).ok  # the administrator's own check
    assert run(["--db", units.reader_b.db, "audit", "verify"]) == 1
    said = capsys.readouterr()
    assert "altered" in said.out + said.err


def test_screening_by_another_unit_flags_the_vin_and_names_only_the_unit(
    units: Units, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "declaration.csv"
    path.write_text(f"vin;make\n{VIN};Chery\n", "utf-8")
    capsys.readouterr()
    assert run(["--db", units.reader_b.db, "screen", str(path), "--json"]) == 1  # flagged
    report = json.loads(capsys.readouterr().out)
    (dup,) = [f for f in report["vehicles"][0]["findings"] if f["rule"] == "DUP-VIN"]
    said = json.dumps(dup, ensure_ascii=False)
    assert "also recorded in a case of another unit: KZ-KHORGOS" in said
    assert units.reference not in said
    # Unit A's own inspector is told which case it is.
    assert run(["--db", units.inspector_a.db, "screen", str(path), "--json"]) == 1
    assert units.reference in capsys.readouterr().out


def _ids(store: Store, sql: str) -> list[int]:
    with store.engine.connect() as conn:
        return [int(v) for v in conn.execute(sa.text(sql)).scalars()]


def test_an_administrator_of_another_store_on_the_server_sees_nothing_here(
    units: Units, store: Store, postgres_only: PgServer, db_url: str
) -> None:
    # Roles belong to the whole server: an administrator of another store is a member
    # of the same group role, but not a person of this store.
    name, password = f"zm_stranger_{uuid.uuid4().hex[:8]}", f"pw-{uuid.uuid4().hex}"
    with postgres_only.engine.connect() as conn:
        conn.exec_driver_sql(
            f"CREATE ROLE {name} LOGIN PASSWORD '{password}' IN ROLE {pg_security.ADMIN}"
        )
    stranger = Login(name, password, make_url(db_url).set(username=name, password=password))
    try:
        with store.engine.begin() as conn:
            pg_security.install(conn)  # what the store's administrator's init does
        refused = psql(stranger, "SELECT count(*) FROM case_file")
        assert refused.returncode != 0 and "permission denied for database" in refused.stderr
        assert psql(units.inspector_a, "SELECT count(*) FROM case_file").stdout.strip() == "1"
        # Even where a site lets every role connect, row security does not count them in.
        database = make_url(db_url).database
        with store.engine.begin() as conn:
            conn.exec_driver_sql(f"GRANT CONNECT ON DATABASE {database} TO {name}")
        assert psql(stranger, "SELECT count(*) FROM case_file").stdout.strip() == "0"
    finally:
        postgres_only.drop_roles([name])


def test_a_row_of_ones_own_case_cannot_hang_on_another_units_vehicle(
    units: Units, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    b_store = as_login(units.inspector_b)
    try:
        with unit_of_work(b_store, actor="x") as session:
            case = cases.create_case(session, title="Нуржол", jurisdiction="KZ")
            vehicles.add_vehicle(
                session, case, parse_fields(VEHICLE_FIELDS, {"vin": VIN[:-1] + "0"})
            )
            mine = case.reference
    finally:
        b_store.close()
    assert run(["--db", units.inspector_b.db, "classify", mine]) == 0
    (theirs,) = _ids(store, f"SELECT v.id FROM vehicle v JOIN case_file c ON c.id = v.case_id "
                            f"WHERE c.reference = '{units.reference}'")  # fmt: skip
    (own,) = _ids(store, f"SELECT v.id FROM vehicle v JOIN case_file c ON c.id = v.case_id "
                         f"WHERE c.reference = '{mine}'")  # fmt: skip
    # Keyed by the vehicle alone, an assessment of B's case hung on A's vehicle would stop
    # A's next classification ("duplicate key"); the server refuses it.
    planted = psql(
        units.inspector_b,
        f"INSERT INTO vehicle_assessment SELECT {theirs}, case_id, run_id, vehicle_version, "
        "jurisdiction, pack_ids, version_date, packs_sig, reference_sig, engine_version, "
        f"duplicates_sig, group_sig, assessed_at FROM vehicle_assessment WHERE vehicle_id = {own}",
    )
    assert planted.returncode != 0 and "of its own case" in planted.stderr
    finding = psql(
        units.inspector_b,
        f"UPDATE finding SET vehicle_id = {theirs} WHERE vehicle_id = {own}",
    )
    assert finding.returncode != 0 and "of its own case" in finding.stderr
    capsys.readouterr()
    assert run(["--db", units.inspector_a.db, "classify", units.reference]) == 0


def test_rows_never_move_between_cases_and_another_units_party_never_changes(
    units: Units, store: Store
) -> None:
    """Moving a vehicle or an exhibit out of a case would change it unseen by its own
    trail (and leave its approval standing); a party with a role in a case of unit A is
    in the shared register, but only unit A (or an administrator) changes it."""
    from core.domain.party import PartyRoleKind
    from core.services import parties

    a_store = as_login(units.inspector_a)
    try:
        with unit_of_work(a_store, actor="x") as session:
            other = cases.create_case(session, title="второе дело", jurisdiction="KZ")
            case = cases.get_case(session, units.reference)
            party = parties.find_or_create_party(session, name="ТОО Экспорт Авто", country="CN")
            parties.link_party(session, party, case, PartyRoleKind.EXPORTER)
            other_id, party_id = other.id, party.id
    finally:
        a_store.close()
    moved = psql(units.inspector_a, f"UPDATE vehicle SET case_id = {other_id}")
    assert moved.returncode != 0 and "case_id of a vehicle row never changes" in moved.stderr
    for login in (units.inspector_b, units.supervisor_b):
        changed = psql(login, f"UPDATE party SET country = 'KP' WHERE id = {party_id}")
        assert changed.returncode == 0 and changed.stdout.strip() == "UPDATE 0", login.name
        gone = psql(login, f"DELETE FROM party WHERE id = {party_id}")
        assert gone.stdout.strip() == "DELETE 0", login.name
    seen = psql(units.inspector_b, f"SELECT name FROM party WHERE id = {party_id}")
    assert seen.stdout.strip() == "ТОО Экспорт Авто"  # the register itself is shared
    done = psql(units.inspector_a, f"UPDATE party SET country = 'KZ' WHERE id = {party_id}")
    assert done.stdout.strip() == "UPDATE 1", done.stderr
    done = psql(units.admin, f"UPDATE party SET country = 'CN' WHERE id = {party_id}")
    assert done.stdout.strip() == "UPDATE 1", done.stderr


def test_a_stored_rule_pack_is_its_texts_and_never_changes(units: Units) -> None:
    """Findings cite a pack by its content hash: an inspector may store a pack (a rules
    run does), but not one whose hash is not its text's, nor change or remove one."""
    assert run(["--db", units.inspector_a.db, "classify", units.reference]) == 0
    for statement in (
        "UPDATE rule_pack SET content = content || ' '",
        "DELETE FROM rule_pack",
        "INSERT INTO rule_pack (pack_id, version, content_hash, content, valid_from, origin, "
        "loaded_at) SELECT pack_id, version || '.1', content_hash, content || ' ', valid_from, "
        "origin, now() FROM rule_pack",
    ):
        refused = psql(units.inspector_a, statement)
        assert refused.returncode != 0, statement
        assert "append-only" in refused.stderr or "content hash" in refused.stderr, refused


def test_the_database_keeps_content_up_to_the_size_the_server_hashes(
    units: Units, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """Larger content is refused by the server (it could not check its hash) and, before
    the upload ends, by the program, naming the shared folder that takes it."""
    over = pg_security.SERVER_HASHED // (4 * 1024**2) + 1
    refused = psql(
        units.inspector_b,
        "BEGIN; INSERT INTO blob_chunk (upload_id, seq, data) SELECT 'big', g, "
        f"convert_to(repeat('A', 4194304), 'UTF8') FROM generate_series(1, {over}) g; "
        f"SELECT zeromile_store_upload('big', '{'a' * 64}'); COMMIT;",
    )
    assert refused.returncode != 0 and "keeps content up to" in refused.stderr
    monkeypatch.setattr("core.evidence.blobs.SERVER_HASHED", 1000)
    big = tmp_path / "video.mp4"
    big.write_bytes(b"v" * 2000)
    capsys.readouterr()
    assert run(["--db", units.inspector_a.db, "evidence", "add", units.reference, str(big)]) == 2
    said = capsys.readouterr().err
    assert "ZEROMILE_EVIDENCE_DIR" in said and said.count("\n") == 1
    monkeypatch.setenv("ZEROMILE_EVIDENCE_DIR", str(tmp_path / "shared"))
    assert run(["--db", units.inspector_a.db, "evidence", "add", units.reference, str(big)]) == 0


def test_events_planted_under_the_next_reviews_id_do_not_void_an_approval(
    units: Units, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    (last,) = _ids(store, "SELECT coalesce(max(id), 0) FROM case_review")
    planted = psql(
        units.reader_b,
        "INSERT INTO audit_event (operation, case_id, entity, entity_id, action, actor) "
        f"SELECT 'op', NULL, 'case_review', g, 'create', '' FROM generate_series({last + 1}, "
        f"{last + 10}) g",
    )
    assert planted.returncode == 0, planted.stderr  # a reader may write program events
    ref, inspector, supervisor = units.reference, units.inspector_a.db, units.supervisor_a.db
    assert run(["--db", inspector, "classify", ref]) == 0
    assert run(["--db", inspector, "case", "status", ref, "open"]) == 0
    assert run(["--db", inspector, "case", "review", ref, "--request"]) == 0
    capsys.readouterr()
    assert run(["--db", supervisor, "case", "review", ref, "--json"]) == 0
    acks = [a for f in json.loads(capsys.readouterr().out)["needs_acknowledgement"]
            for a in ("--ack", str(f["finding_id"]))]  # fmt: skip
    approve = ["case", "review", ref, "--approve", "--comment", "ok", *acks]
    assert run(["--db", supervisor, *approve]) == 0
    capsys.readouterr()
    assert run(["--db", supervisor, "case", "review", ref, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["unchanged_since_approval"] is True


def test_the_vin_look_up_never_points_at_another_units_declaration_file(
    units: Units, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.csv"
    path.write_text("vin;make;declaration_no\nLVVDB21B9TD777777;Chery;DECL-A-777\n", "utf-8")
    imported = run(["--db", units.inspector_a.db, "import", "--case", units.reference, str(path)])
    assert imported in (0, 1)  # 1: flagged
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    look = (
        "SELECT source_sha256, source_row, declaration_no "
        "FROM zeromile_vin_holders(ARRAY['LVVDB21B9TD777777'], {})"
    )
    seen_by_a = psql(units.inspector_a, look.format("NULL")).stdout.strip()
    assert seen_by_a == f"{sha}|2|DECL-A-777"
    assert psql(units.reader_b, look.format("NULL")).stdout.strip() == "||"
    # Screening that very file, B is told it is the same row (the file is B's already).
    assert psql(units.reader_b, look.format(f"'{sha}'")).stdout.strip() == f"{sha}|2|"


def test_a_check_or_export_record_cannot_be_backdated_or_signed_for_someone_else(
    units: Units, store: Store
) -> None:
    done = psql(
        units.reader_b,
        "INSERT INTO integrity_check (case_id, kind, at, actor, ok, checked, failures) VALUES "
        "(NULL, 'audit', now() + interval '1 day', 'chief', false, 999, 'forged')",
    )
    assert done.returncode == 0, done.stderr
    with store.engine.connect() as conn:
        row = conn.execute(
            sa.text("SELECT actor, at <= now() + interval '1 minute' AS now_ish FROM "
                    "integrity_check WHERE failures = 'forged'")
        ).one()  # fmt: skip
    assert row.actor == units.reader_b.name and row.now_ish
    # Nor removed or rewritten afterwards, by any workstation login.
    for statement in (
        "DELETE FROM integrity_check",  # the row above is there: the trigger refuses
        "UPDATE integrity_check SET ok = true",
        "TRUNCATE case_export CASCADE",
    ):
        refused = psql(units.inspector_b, statement)
        assert refused.returncode != 0, statement
        assert "append-only" in refused.stderr or "permission denied" in refused.stderr


def test_another_units_evidence_bytes_stay_hidden_and_the_same_content_still_goes_in(
    units: Units, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    photo = tmp_path / "odometer.txt"
    photo.write_bytes(b"odometer 12 km, photographed at Khorgos " * 50)
    sha = hashlib.sha256(photo.read_bytes()).hexdigest()
    assert run(["--db", units.inspector_a.db, "evidence", "add", units.reference, str(photo)]) == 0
    for table in ("blob", "blob_chunk", "blob_derived"):
        seen = psql(units.reader_b, f"SELECT count(*) FROM {table}")
        assert seen.stdout.strip() == "0", table
    # Planting chunks under A's content (which would corrupt A's reads) is refused.
    for statement in (
        f"INSERT INTO blob_chunk (upload_id, seq, sha256, data) VALUES ('x', 9, '{sha}', 'junk')",
        f"UPDATE blob_chunk SET data = 'junk' WHERE sha256 = '{sha}'",
    ):
        done = psql(units.inspector_b, statement)
        assert done.returncode != 0 or done.stdout.strip() == "UPDATE 0", statement
    upload = "BEGIN; INSERT INTO blob_chunk (upload_id, seq, data) VALUES ('x', 0, 'junk'); "
    sealed = psql(units.inspector_b, upload + f"UPDATE blob_chunk SET sha256 = '{sha}'; COMMIT;")
    assert "UPDATE 0" in sealed.stdout  # only the owner's sealing function seals
    planted = psql(units.inspector_b, upload + f"SELECT zeromile_store_upload('x', '{sha}');")
    assert planted.returncode != 0 and "do not have SHA-256" in planted.stderr
    # B holds the same file as evidence of its own case: one copy is kept, B reads it.
    b_store = as_login(units.inspector_b)
    try:
        with unit_of_work(b_store, actor="x") as session:
            mine = cases.create_case(session, title="Нуржол", jurisdiction="KZ").reference
    finally:
        b_store.close()
    assert run(["--db", units.inspector_b.db, "evidence", "add", mine, str(photo)]) == 0
    # An image: its derived facts (thumbnail, time taken) are written by the login too.
    from PIL import Image

    image = tmp_path / "plate.png"
    Image.new("RGB", (64, 48), (200, 30, 30)).save(image)
    assert run(["--db", units.inspector_b.db, "evidence", "add", mine, str(image)]) == 0
    png_sha = hashlib.sha256(image.read_bytes()).hexdigest()
    derived = psql(
        units.inspector_b, f"SELECT count(*) FROM blob_derived WHERE sha256 = '{png_sha}'"
    )
    assert derived.stdout.strip() == "1"
    forged = psql(
        units.inspector_b,
        f"INSERT INTO blob_derived (sha256, camera, computed_at) VALUES ('{'e' * 64}', 'x', now())",
    )
    assert forged.returncode != 0 and "row-level security" in forged.stderr
    kept = psql(units.reader_b, f"SELECT count(*) FROM blob WHERE sha256 = '{sha}'")
    assert kept.stdout.strip() == "1"
    copies = psql(
        units.reader_b, f"SELECT count(DISTINCT upload_id) FROM blob_chunk WHERE sha256 = '{sha}'"
    )
    assert copies.stdout.strip() == "1"
    capsys.readouterr()
    for login, ref in ((units.inspector_b, mine), (units.inspector_a, units.reference)):
        # Every exhibit's bytes read back whole and match their hash, for each unit.
        assert run(["--db", login.db, "evidence", "verify", ref]) == 0, login.name


def _own_case(login: Login) -> tuple[str, int]:
    store = as_login(login)
    try:
        with unit_of_work(store, actor="x") as session:
            case = cases.create_case(session, title="Нуржол", jurisdiction="KZ")
            assert case.id is not None
            return case.reference, case.id
    finally:
        store.close()


def _exhibit_sql(case_id: int, sha: str) -> str:
    return (
        "INSERT INTO evidence_item (case_id, exhibit_no, sha256, original_name, size, "
        "mime_type, logged_by, logged_at, status, created_at, updated_at, version) VALUES "
        f"({case_id}, 1, '{sha}', 'x.txt', 2050, 'text/plain', 'x', now(), 'active', now(), "
        "now(), 1)"
    )


def _chunks_sql(upload: str, parts: tuple[bytes, ...]) -> str:
    return "".join(
        f"INSERT INTO blob_chunk (upload_id, seq, data) VALUES ('{upload}', {i}, "
        f"'\\x{part.hex()}'::bytea); "
        for i, part in enumerate(parts)
    )


def test_knowing_an_exhibits_hash_gives_neither_its_bytes_nor_a_way_to_spoil_it(
    units: Units, store: Store, tmp_path: Path
) -> None:
    """The hash of A's exhibit is printed in A's case file. B, knowing it, cannot name
    the content in an exhibit of B's own (which would let B read the bytes), nor read
    its record; and B cannot plant other bytes or a wrong record under the hash of a
    file A has not stored yet, to spoil or block A's exhibit of it."""
    photo = tmp_path / "odometer.txt"
    photo.write_bytes(b"odometer 12 km, photographed at Khorgos " * 50)
    sha = hashlib.sha256(photo.read_bytes()).hexdigest()
    assert run(["--db", units.inspector_a.db, "evidence", "add", units.reference, str(photo)]) == 0
    _, case_id = _own_case(units.inspector_b)
    named = psql(units.inspector_b, _exhibit_sql(case_id, sha))
    assert named.returncode != 0 and "only content its login stored" in named.stderr
    record = psql(units.inspector_b, f"SELECT count(*) FROM zeromile_blob_record('{sha}')")
    assert record.stdout.strip() == "0"
    for table in ("evidence_item", "blob", "blob_chunk"):
        assert psql(units.inspector_b, f"SELECT count(*) FROM {table}").stdout.strip() == "0"
    # Who holds what is the server's alone; its comparison is no oracle for anyone.
    for login in (*units.of_unit_b, units.admin):
        for statement in (
            "SELECT count(*) FROM content_holder",
            f"SELECT zeromile_same_bytes('z', '{sha}')",
        ):
            refused = psql(login, statement)
            assert "permission denied" in refused.stderr, (login.name, statement)
    refused = psql(units.reader_b, f"SELECT zeromile_store_upload('z', '{sha}')")
    assert "permission denied" in refused.stderr
    # Squatting the hash of a file A will add: junk bytes, or a record with a wrong size.
    later = tmp_path / "certificate.txt"
    later.write_bytes(b"export certificate, deregistered 2026-05-03 " * 40)
    later_sha = hashlib.sha256(later.read_bytes()).hexdigest()
    junk = psql(
        units.inspector_b,
        f"BEGIN; {_chunks_sql('y', (b'junk',))} SELECT zeromile_store_upload('y', '{later_sha}'); "
        "COMMIT;",
    )
    assert junk.returncode != 0 and "do not have SHA-256" in junk.stderr
    wrong_size = psql(
        units.inspector_b,
        "INSERT INTO blob (sha256, size, mime_type, storage, created_at) VALUES "
        f"('{later_sha}', 1, 'text/plain', 'database', now())",
    )
    assert wrong_size.returncode != 0 and "a login that stored it" in wrong_size.stderr
    assert run(["--db", units.inspector_a.db, "evidence", "add", units.reference, str(later)]) == 0
    assert run(["--db", units.inspector_a.db, "evidence", "verify", units.reference]) == 0
    named = psql(units.inspector_b, _exhibit_sql(case_id, later_sha))
    assert named.returncode != 0 and "only content its login stored" in named.stderr
    # Even a holder cannot record a content with a size other than the stored bytes'.
    tiny = b"a tiny exhibit of unit B"
    tiny_sha = hashlib.sha256(tiny).hexdigest()
    lied = psql(
        units.inspector_b,
        f"BEGIN; {_chunks_sql('w', (tiny,))} SELECT zeromile_store_upload('w', '{tiny_sha}'); "
        "INSERT INTO blob (sha256, size, mime_type, storage, created_at) VALUES "
        f"('{tiny_sha}', 1, 'text/plain', 'database', now()); COMMIT;",
    )
    assert lied.returncode != 0 and "has another size than 1 bytes" in lied.stderr
    # With the file itself, B adds it to B's own case: the server saw B send the bytes.
    mine, _ = _own_case(units.inspector_b)
    assert run(["--db", units.inspector_b.db, "evidence", "add", mine, str(later)]) == 0
    assert run(["--db", units.inspector_b.db, "evidence", "verify", mine]) == 0


def test_a_record_or_exhibit_planted_before_the_bytes_arrive_gives_nothing(
    units: Units, store: Store, tmp_path: Path
) -> None:
    """A knows the hash and size of a file B will add. A record planted first (with a
    wrong size, or claiming a shared folder) must not block B; an exhibit of A's own case
    naming it first must not read B's bytes once they are in the database."""
    secret = tmp_path / "informant.txt"
    secret.write_bytes(b"informant's statement, unit B only " * 30)
    sha = hashlib.sha256(secret.read_bytes()).hexdigest()
    empty = hashlib.sha256(b"").hexdigest()
    for planted_sha, size in ((sha, 666), (empty, 666)):
        planted = psql(
            units.inspector_a,
            "INSERT INTO blob (sha256, size, mime_type, storage, created_at) VALUES "
            f"('{planted_sha}', {size}, 'application/pdf', 'file', now())",
        )
        assert planted.returncode == 0, planted.stderr  # a shared folder's: unchecked here
    a_store = as_login(units.inspector_a)
    try:
        with reading(a_store) as session:
            case_id = cases.get_case(session, units.reference).id
    finally:
        a_store.close()
    assert case_id is not None
    assert psql(units.inspector_a, _exhibit_sql(case_id, sha)).returncode == 0
    fake = psql(
        units.inspector_a,
        f"INSERT INTO blob_derived (sha256, camera, computed_at) VALUES ('{sha}', 'FORGED', now())",
    )
    assert fake.returncode == 0, fake.stderr  # no bytes yet: nothing to check it against
    mine, _ = _own_case(units.inspector_b)
    nothing = tmp_path / "empty.txt"
    nothing.write_bytes(b"")
    for path in (secret, nothing):
        assert run(["--db", units.inspector_b.db, "evidence", "add", mine, str(path)]) == 0
    assert run(["--db", units.inspector_b.db, "evidence", "verify", mine]) == 0
    read = psql(units.inspector_a, f"SELECT count(*) FROM blob_chunk WHERE sha256 = '{sha}'")
    assert read.stdout.strip() == "0"
    record = psql(units.inspector_a, f"SELECT size, storage FROM blob WHERE sha256 = '{sha}'")
    assert record.stdout.strip() == f"{len(secret.read_bytes())}|database"
    with store.engine.connect() as conn:  # what was derived before the bytes came is gone
        forged = conn.execute(
            sa.text("SELECT count(*) FROM blob_derived WHERE camera = 'FORGED'")
        ).scalar_one()
    assert forged == 0


def test_only_the_server_writes_its_own_records_and_case_numbers_only_move_on(
    units: Units, store: Store
) -> None:
    for login in (units.reader_b, units.inspector_a):
        forged = psql(
            login,
            "INSERT INTO audit_event (operation, case_id, entity, entity_id, action, actor, at) "
            "VALUES ('x', NULL, 'party', 1, 'db_delete', 'x', now())",
        )
        assert "are the server's own" in forged.stderr, login.name
    for statement in (
        "UPDATE reference_counter SET last_value = 0",
        "DELETE FROM reference_counter",
        "UPDATE reference_counter SET last_value = last_value + 5",
    ):
        refused = psql(units.inspector_b, statement)
        assert "only moves on by one" in refused.stderr, statement
    b_store = as_login(units.inspector_b)
    try:
        with unit_of_work(b_store, actor="x") as session:
            second = cases.create_case(session, title="Нуржол 2", jurisdiction="KZ").reference
    finally:
        b_store.close()
    assert second.endswith("000002")


def test_a_case_moved_to_another_unit_takes_the_reading_of_its_exhibits_with_it(
    units: Units, tmp_path: Path
) -> None:
    photo = tmp_path / "odometer.txt"
    photo.write_bytes(b"odometer 12 km, photographed at Khorgos " * 50)
    sha = hashlib.sha256(photo.read_bytes()).hexdigest()
    assert run(["--db", units.inspector_a.db, "evidence", "add", units.reference, str(photo)]) == 0
    query = f"SELECT count(*) FROM blob_chunk WHERE sha256 = '{sha}'"
    assert psql(units.inspector_a, query).stdout.strip() == "1"
    assert psql(units.reader_b, query).stdout.strip() == "0"
    moved = psql(
        units.admin,
        "UPDATE case_file SET unit_id = (SELECT id FROM unit WHERE code = 'KZ-NURZHOL') "
        f"WHERE reference = '{units.reference}'",
    )
    assert moved.stdout.strip() == "UPDATE 1", moved.stderr
    assert psql(units.reader_b, query).stdout.strip() == "1"
    assert run(["--db", units.reader_b.db, "evidence", "verify", units.reference]) == 0


def test_the_server_compares_bytes_however_they_were_cut_and_replaces_a_spoilt_copy(
    units: Units, store: Store, tmp_path: Path
) -> None:
    photo = tmp_path / "odometer.txt"
    data = b"odometer 12 km, photographed at Khorgos " * 50
    photo.write_bytes(data)
    sha = hashlib.sha256(data).hexdigest()
    assert run(["--db", units.inspector_a.db, "evidence", "add", units.reference, str(photo)]) == 0

    def same(parts: tuple[bytes, ...]) -> bool:
        with store.engine.begin() as conn:  # the database administrator, in a transaction
            conn.exec_driver_sql(_chunks_sql("z", parts))
            result = bool(
                conn.execute(
                    sa.text("SELECT zeromile_same_bytes('z', :sha)"), {"sha": sha}
                ).scalar_one()
            )
            conn.exec_driver_sql("DELETE FROM blob_chunk WHERE upload_id = 'z'")
        return result

    assert same((data[:7], data[7:1500], data[1500:]))
    assert same((data,))
    assert not same((data[:7], b"X" + data[8:1500], data[1500:]))  # one byte off
    assert not same((data[:-1],))  # one byte short
    assert not same((data, b"!"))  # one byte more
    # Content spoilt under its hash (damage, or planted before the new checks) is replaced
    # by the next upload the server hashed, on the trail; the exhibit verifies again.
    later = tmp_path / "certificate.txt"
    genuine = b"export certificate, deregistered 2026-05-03 " * 40
    later.write_bytes(genuine)
    later_sha = hashlib.sha256(genuine).hexdigest()
    with store.engine.begin() as conn:
        conn.execute(
            sa.text("INSERT INTO blob_chunk (upload_id, seq, sha256, data) VALUES "
                    "('planted', 0, :sha, 'junk')"),
            {"sha": later_sha},
        )  # fmt: skip
        conn.execute(
            sa.text("INSERT INTO blob (sha256, size, mime_type, storage, created_at) VALUES "
                    "(:sha, 4, 'text/plain', 'database', now())"),
            {"sha": later_sha},
        )  # fmt: skip
    assert run(["--db", units.inspector_a.db, "evidence", "add", units.reference, str(later)]) == 0
    assert run(["--db", units.inspector_a.db, "evidence", "verify", units.reference]) == 0
    with store.engine.connect() as conn:
        replaced = conn.execute(
            sa.text("SELECT actor, old_value FROM audit_event WHERE entity = 'content' "
                    "AND entity_label = :sha"),
            {"sha": later_sha},
        ).one()  # fmt: skip
        kept = conn.execute(
            sa.text("SELECT count(DISTINCT upload_id) FROM blob_chunk WHERE sha256 = :sha"),
            {"sha": later_sha},
        ).scalar_one()
    assert replaced.actor == units.inspector_a.name and "did not have" in replaced.old_value
    assert kept == 1


def test_evidence_in_a_shared_folder_goes_in_for_a_real_login(
    units: Units, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZEROMILE_EVIDENCE_DIR", str(tmp_path / "shared"))
    photo = tmp_path / "odometer.txt"
    photo.write_bytes(b"odometer 12 km " * 30)
    assert run(["--db", units.inspector_a.db, "evidence", "add", units.reference, str(photo)]) == 0
    assert run(["--db", units.inspector_a.db, "evidence", "verify", units.reference]) == 0
    stored = list((tmp_path / "shared").rglob(hashlib.sha256(photo.read_bytes()).hexdigest()))
    assert len(stored) == 1


def test_a_person_joined_to_a_unit_sees_its_cases_from_then_on(
    units: Units, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # As after an upgrade, where the older cases went to MAIN: the administrator adds the
    # people who worked on them to that unit.
    capsys.readouterr()
    assert run(["--db", units.inspector_b.db, "case", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert (
        run(["--db", db_url, "user", "join", units.inspector_b.name, "--unit", "KZ-KHORGOS"]) == 0
    )
    assert (
        run(["--db", db_url, "user", "join", units.inspector_b.name, "--unit", "KZ-KHORGOS"]) == 0
    )
    capsys.readouterr()
    assert run(["--db", units.inspector_b.db, "case", "list", "--json"]) == 0
    assert [c["reference"] for c in json.loads(capsys.readouterr().out)] == [units.reference]
    # Only an administrator may do it.
    assert run(["--db", units.inspector_b.db, "user", "join", units.reader_b.name,
                "--unit", "KZ-KHORGOS"]) == 2  # fmt: skip
    assert "administrator" in capsys.readouterr().err
