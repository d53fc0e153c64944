"""Faults around stored evidence, each said in one line with nothing lost: swapped
content and hash, unreadable blobs, a full disk, parts left by killed ingests, and
damaged files that are stored as given with a warning."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import multiprocessing
import os
import pwd
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlmodel import func, select

from core.cli.main import run
from core.domain import AuditEvent, Blob, BlobChunk, BlobDerived, EvidenceItem
from core.domain.types import utcnow
from core.domain.vin import expected_check_digit
from core.evidence.blobs import FolderBlobStore
from core.persistence.store import Store, open_store
from core.persistence.unit_of_work import reading
from core.services import demo_evidence, evidence

from ..conftest import Cli

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file system faults")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Evidence in a shared folder, whatever the store (so PostgreSQL runs test it too)."""
    shared = tmp_path / "shared-evidence"
    monkeypatch.setenv("ZEROMILE_EVIDENCE_DIR", str(shared))
    return shared


def counts(store: Store) -> tuple[int, int, int]:
    """(exhibits, blobs, audit events)."""
    with reading(store) as session:
        return (
            int(session.exec(select(func.count()).select_from(EvidenceItem)).one()),
            int(session.exec(select(func.count()).select_from(Blob)).one()),
            int(session.exec(select(func.count()).select_from(AuditEvent)).one()),
        )


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("zeromile: error: "), err
    return lines[0]


# --- swapped evidence ---------------------------------------------------------------


def swap(store: Store, ref: str, exhibit: int, content: bytes) -> str:
    """What a hostile administrator does: store other bytes and point the exhibit (hash
    and size) at them, directly in the store, without touching the audit trail."""
    sha = hashlib.sha256(content).hexdigest()
    blobs = evidence.blob_store_for(store)
    tables = {m: m.__table__ for m in (Blob, BlobChunk, EvidenceItem)}  # type: ignore[attr-defined]
    with store.engine.begin() as conn:
        # The bytes first: on PostgreSQL the server checks a record's size against them.
        if isinstance(blobs, FolderBlobStore):
            path = blobs.path_for(sha)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        else:
            conn.execute(
                sa.insert(tables[BlobChunk]).values(
                    upload_id="x" * 32, sha256=sha, seq=0, data=content
                )
            )
        conn.execute(
            sa.insert(tables[Blob]).values(
                sha256=sha, size=len(content), mime_type="text/plain", storage=blobs.kind,
                created_at=utcnow(),
            )
        )  # fmt: skip
        case_id = conn.execute(sa.text("SELECT id FROM case_file WHERE reference = :r"),
                               {"r": ref}).scalar_one()  # fmt: skip
        item = tables[EvidenceItem]
        conn.execute(
            sa.update(item)
            .where(item.c.case_id == case_id, item.c.exhibit_no == exhibit)
            .values(sha256=sha, size=len(content))
        )
    return sha


def test_an_exhibit_whose_content_and_hash_were_both_replaced_fails_verification(
    cli: Cli, store: Store, tmp_path: Path
) -> None:
    ref = cli.new_case()
    source = tmp_path / "invoice.txt"
    source.write_bytes(b"invoice 7 450 USD")
    other = tmp_path / "photo.txt"
    other.write_bytes(b"a photo of the odometer")
    assert cli("evidence", "add", ref, str(source), str(other))[0] == 0
    original = hashlib.sha256(b"invoice 7 450 USD").hexdigest()
    forged = swap(store, ref, 1, b"invoice 2 000 USD")

    code, out, _ = cli("evidence", "verify", ref)
    assert code == 1
    failed = [line for line in out.splitlines() if line.startswith("FAILED")]
    assert len(failed) == 1 and "exhibit 1 invoice.txt" in failed[0]
    assert original in failed[0] and forged in failed[0]
    assert "2 exhibits checked: 1 FAILED" in out
    # The trail itself is intact: it is the witness. On PostgreSQL the server also
    # recorded the swap itself, made outside the program, and names it.
    code, out, _ = cli("audit", "verify", "--json")
    report = json.loads(out)
    assert report["ok"] is True
    if store.backend == "postgresql":
        assert code == 1
        assert any("evidence" in c and "sha256" in c for c in report["changed_outside_zeromile"])
    else:
        assert code == 0 and report["changed_outside_zeromile"] == []
    code, _, err = cli("export", ref, "--pdf", str(tmp_path / "case.pdf"))
    assert code == 1 and "exhibit 1" in err and not (tmp_path / "case.pdf").exists()


def _vin(serial: int) -> str:
    draft = f"LVVDB21B0TD{serial:06d}"
    return draft[:8] + expected_check_digit(draft) + draft[9:]


def test_an_imported_file_swapped_afterwards_fails_verification(
    cli: Cli, store: Store, tmp_path: Path
) -> None:
    """The file of an import is recorded in the import's summary event."""
    ref = cli.new_case()
    source = tmp_path / "партия.csv"
    source.write_text(
        "Номер декларации;Идентификационный номер;Марка\n"
        f"10005020/150226/0000700;{_vin(700)};Chery\n",
        encoding="utf-8",
    )
    code, _, err = cli("import", str(source), "--case", ref)
    assert code == 0, err
    assert cli("evidence", "verify", ref)[0] == 0
    swap(store, ref, 1, b"another file entirely")
    code, out, _ = cli("evidence", "verify", ref)
    assert code == 1 and "FAILED" in out and "exhibit 1 партия.csv" in out
    assert hashlib.sha256(source.read_bytes()).hexdigest() in out


# --- unreadable evidence ------------------------------------------------------------


def _as_unprivileged(call: Callable[[], tuple[int, str, str]]) -> tuple[int, str, str]:
    """Run ``call`` in a forked child as ``nobody`` when we are root (root reads every
    file whatever its mode, so a permission check needs another user), else here."""
    if os.geteuid() != 0:
        return call()
    ctx = multiprocessing.get_context("fork")
    results = ctx.Queue()

    def child() -> None:
        os.setgroups([])
        os.setgid(65534)
        os.setuid(65534)
        results.put(call())

    process = ctx.Process(target=child)
    process.start()
    outcome = results.get(timeout=120)
    process.join(timeout=30)
    return outcome  # type: ignore[no-any-return]


@pytest.fixture
def open_place(
    db_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[tuple[str, Path]]:
    """A store and an evidence folder that another user may reach: ``(--db, folder)``.

    pytest's own temporary folders are private to their owner."""
    place = Path(tempfile.mkdtemp(prefix="zeromile-perm-"))
    place.chmod(0o777)
    db = db_url
    if "://" not in db_url:
        db = str(place / "store.db")
        shutil.copyfile(db_url, db)
    home = place / "home"
    home.mkdir()
    monkeypatch.setenv("ZEROMILE_HOME", str(home))
    monkeypatch.setenv("ZEROMILE_EVIDENCE_DIR", str(place / "evidence"))
    yield db, place / "evidence"
    shutil.rmtree(place, ignore_errors=True)


def _open_to_all(place: Path, keep: Path | None = None) -> None:
    for path in [place, *place.rglob("*")]:
        if keep is not None and path == keep:
            continue
        path.chmod(0o777 if path.is_dir() else 0o666)


def _captured(db: str, *args: str) -> Callable[[], tuple[int, str, str]]:
    def call() -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = run(["--db", db, *args])
        return code, out.getvalue(), err.getvalue()

    return call


@pytest.mark.parametrize("what", ["a blob", "the evidence folder"])
def test_unreadable_evidence_is_named_and_the_others_are_still_checked(
    open_place: tuple[str, Path], tmp_path: Path, what: str
) -> None:
    db, folder = open_place
    sources = []
    for name, content in (("first.txt", b"first exhibit"), ("second.txt", b"second exhibit")):
        path = tmp_path / name
        path.write_bytes(content)
        sources.append(path)
    ref = json.loads(_captured(db, "case", "new", "--title", "P", "--jurisdiction", "KZ",
                               "--json")()[1])["reference"]  # fmt: skip
    assert _captured(db, "evidence", "add", ref, *map(str, sources))()[0] == 0
    assert _captured(db, "evidence", "verify", ref)()[0] == 0  # loads what the check needs
    store = open_store(db)
    blobs = evidence.blob_store_for(store)
    store.close()
    assert isinstance(blobs, FolderBlobStore)
    blocked = blobs.path_for(hashlib.sha256(b"first exhibit").hexdigest())
    if what == "the evidence folder":
        blocked = folder
    _open_to_all(folder.parent, keep=blocked)
    blocked.chmod(0)
    try:
        code, out, err = _as_unprivileged(_captured(db, "evidence", "verify", ref))
    finally:
        blocked.chmod(0o755)
    assert code == 1, err
    failed = [line for line in out.splitlines() if line.startswith("FAILED")]
    expected = 2 if what == "the evidence folder" else 1
    assert len(failed) == expected, out
    assert "exhibit 1 first.txt" in failed[0] and "Permission denied" in failed[0]
    assert str(blocked) in failed[0] or str(folder) in failed[0]
    assert f"2 exhibits checked: {expected} FAILED" in out
    assert "Traceback" not in err and "internal error" not in err


def test_an_evidence_folder_one_may_not_write_to_is_one_line_and_stores_nothing(
    open_place: tuple[str, Path],
) -> None:
    db, folder = open_place
    source = folder.parent / "scan.txt"  # where the other user can read it
    source.write_bytes(b"a scan")
    ref = json.loads(_captured(db, "case", "new", "--title", "P", "--jurisdiction", "KZ",
                               "--json")()[1])["reference"]  # fmt: skip
    assert _captured(db, "evidence", "list", ref)()[0] == 0  # loads what the command needs
    folder.mkdir()
    _open_to_all(folder.parent, keep=folder)
    folder.chmod(0o555)
    try:
        code, _, err = _as_unprivileged(_captured(db, "evidence", "add", ref, str(source)))
        listed = _captured(db, "evidence", "list", ref, "--json")()
    finally:
        folder.chmod(0o755)
    assert code == 2
    line = one_line_error(err)
    assert str(folder) in line and "Permission denied" in line and "nothing was stored" in line
    assert json.loads(listed[1]) == []


# --- a full disk --------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 2 MB file system (tmpfs); skipped where it cannot be mounted."""
    mount = tmp_path / "small"
    mount.mkdir()
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "none", str(mount)],
                              capture_output=True, timeout=30)  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        pytest.skip("cannot mount a small file system here")
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False, timeout=30)


def test_a_full_disk_while_storing_evidence_is_one_line_and_changes_nothing(
    cli: Cli, store: Store, small_disk: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZEROMILE_EVIDENCE_DIR", str(small_disk))
    ref = cli.new_case()
    small, big = tmp_path / "small.bin", tmp_path / "video.mp4"
    small.write_bytes(os.urandom(1000))
    big.write_bytes(os.urandom(3 * 1024 * 1024))
    before = counts(store)
    code, _, err = cli("evidence", "add", ref, str(small), str(big))
    assert code == 2
    line = one_line_error(err)
    assert "the disk is full" in line and "nothing was stored" in line
    assert counts(store) == before  # the small file's exhibit went back too
    assert list((small_disk / "incoming").glob("*.part")) == []


@pytest.fixture
def small_tablespace(store: Store, postgres_only: Any) -> Iterator[None]:
    """The store's blob chunks on a real 3 MB file system, through a PostgreSQL tablespace;
    skipped unless the server runs on this machine and a file system can be mounted."""
    try:
        owner = pwd.getpwnam("postgres")
    except KeyError:
        pytest.skip("no local PostgreSQL server account")
    mount = Path(tempfile.mkdtemp(prefix="zeromile-ts-"))
    mount.chmod(0o755)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "none", str(mount)],
                          capture_output=True, timeout=30, check=False)  # fmt: skip
    if done.returncode != 0:
        mount.rmdir()
        pytest.skip("cannot mount a small file system here")
    os.chown(mount, owner.pw_uid, owner.pw_gid)
    name = f"zm_small_{uuid.uuid4().hex[:8]}"
    try:
        with postgres_only.engine.connect() as admin:
            admin.exec_driver_sql(f"CREATE TABLESPACE {name} LOCATION '{mount}'")
    except sa.exc.DBAPIError as exc:
        subprocess.run(["umount", "-l", str(mount)], check=False, timeout=30)
        pytest.skip(f"the server cannot use a local folder: {exc.orig}")
    with store.engine.begin() as conn:
        conn.exec_driver_sql(f"ALTER TABLE blob_chunk SET TABLESPACE {name}")
    try:
        yield
    finally:
        with store.engine.begin() as conn:
            conn.exec_driver_sql("ALTER TABLE blob_chunk SET TABLESPACE pg_default")
        store.engine.dispose()
        with postgres_only.engine.connect() as admin:
            admin.exec_driver_sql(f"DROP TABLESPACE {name}")
        subprocess.run(["umount", "-l", str(mount)], check=False, timeout=30)
        mount.rmdir()


def test_a_full_disk_under_the_database_blob_store_is_one_line_and_changes_nothing(
    cli: Cli, store: Store, small_tablespace: None, tmp_path: Path
) -> None:
    assert not isinstance(evidence.blob_store_for(store), FolderBlobStore)
    ref = cli.new_case()
    big = tmp_path / "video.mp4"
    big.write_bytes(os.urandom(6 * 1024 * 1024))
    before = counts(store)
    code, _, err = cli("evidence", "add", ref, str(big))
    assert code == 2
    line = one_line_error(err)
    assert "has no room for the change" in line and "nothing was saved" in line
    assert "lost the connection" not in line
    assert counts(store) == before
    with reading(store) as session:
        assert session.exec(select(func.count()).select_from(BlobChunk)).one() == 0


def test_a_file_too_big_for_the_account_is_one_line_and_changes_nothing(
    cli: Cli, store: Store, folder: Path, tmp_path: Path
) -> None:
    """RLIMIT_FSIZE: the file system refuses to grow a file past a limit (EFBIG)."""
    ref = cli.new_case()
    big = tmp_path / "video.mp4"
    big.write_bytes(os.urandom(3 * 1024 * 1024))
    before = counts(store)
    ctx = multiprocessing.get_context("fork")
    results = ctx.Queue()
    call = _captured(cli.db, "evidence", "add", ref, str(big))

    def child() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024 * 1024, 1024 * 1024))
        results.put(call())

    process = ctx.Process(target=child)
    process.start()
    code, _, err = results.get(timeout=120)
    process.join(timeout=30)
    assert code == 2
    line = one_line_error(err)
    assert "larger than this file system or account allows" in line
    assert counts(store) == before
    assert list((folder / "incoming").glob("*.part")) == []


def test_a_full_temporary_folder_does_not_stop_evidence_from_being_stored(
    cli: Cli, store: Store, small_disk: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with contextlib.suppress(OSError), (small_disk / "filler").open("wb") as fh:
        while True:
            fh.write(b"\0" * 65536)
            fh.flush()
    monkeypatch.setenv("TMPDIR", str(small_disk))
    monkeypatch.setattr(tempfile, "tempdir", None)
    ref = cli.new_case()
    photo = tmp_path / "odometer.jpg"
    photo.write_bytes(demo_evidence.odometer_photo(km=12, taken_at=utcnow(), lat=43.2, lon=76.9))
    code, out, err = cli("evidence", "add", ref, str(photo))
    assert code == 0, err
    assert "exhibit 1: odometer.jpg" in out


# --- part files of killed ingests ---------------------------------------------------

_SLOW_INGEST = """
import io, sys, time
from core.persistence.store import open_store
from core.persistence.unit_of_work import reading, unit_of_work
from core.services import cases, evidence

class Slow(io.RawIOBase):
    n = 0
    def readable(self): return True
    def read(self, size=-1):
        self.n += 1
        if self.n == 3:
            print("writing", flush=True)
            time.sleep(120)
        return b"w" * (1024 * 1024)

store = open_store(sys.argv[1])
with reading(store) as session:  # so that two ingests copy at once, even on SQLite
    case = cases.get_case(session, sys.argv[2])
with unit_of_work(store, actor="ingest") as session:
    evidence.add_evidence(session, evidence.blob_store_for(store), case, Slow(),
                          original_name="big.mp4")
"""


def _start_ingest(db: str, ref: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(_SLOW_INGEST), db, ref],
                            stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
    return proc


def _parts(folder: Path) -> set[Path]:
    return set((folder / "incoming").glob("*.part"))


def test_a_sweep_removes_the_part_of_a_killed_ingest_and_keeps_a_live_one(
    cli: Cli, folder: Path
) -> None:
    ref = cli.new_case()
    killed = _start_ingest(cli.db, ref)
    left = _parts(folder)
    assert len(left) == 1
    live = _start_ingest(cli.db, ref)  # it opened the store while the other was writing
    try:
        writing = _parts(folder) - left
        assert len(writing) == 1 and all(p.exists() for p in left)
        killed.kill()
        killed.wait(timeout=30)
        code, out, err = cli("store", "sweep")
        assert code == 0, err
        assert out.splitlines()[0].startswith("removed 1 partial evidence file(s)")
        assert str(next(iter(left))) in out and str(next(iter(writing))) not in out
        assert _parts(folder) == writing  # the live ingest's part is untouched
    finally:
        live.kill()
        live.wait(timeout=30)


def test_opening_the_store_removes_parts_of_killed_ingests(
    cli: Cli, db_url: str, folder: Path
) -> None:
    ref = cli.new_case()
    killed = _start_ingest(cli.db, ref)
    left = _parts(folder)
    killed.kill()
    killed.wait(timeout=30)
    assert len(left) == 1 and all(p.exists() for p in left)
    store = open_store(db_url)
    try:
        assert set(store.swept_parts) == left
    finally:
        store.close()
    assert _parts(folder) == set()
    code, out, _ = cli("store", "sweep", "--json")
    assert code == 0 and json.loads(out)["partial_files"] == []


# --- damaged files ------------------------------------------------------------------


def _damaged() -> dict[str, bytes]:
    photo = demo_evidence.odometer_photo(km=12, taken_at=utcnow(), lat=43.2, lon=76.9)
    return {
        "truncated_photo.jpg": photo[: len(photo) // 3],
        "noise.png": b"\x89PNG\r\n\x1a\n" + os.urandom(20_000),
        "noise.jpg": b"\xff\xd8\xff\xe0" + os.urandom(20_000),
    }


@pytest.mark.parametrize("name", sorted(_damaged()))
def test_a_damaged_image_is_stored_as_given_with_a_warning(
    cli: Cli, tmp_path: Path, name: str
) -> None:
    content = _damaged()[name]
    source = tmp_path / name
    source.write_bytes(content)
    ref = cli.new_case()
    code, out, err = cli("evidence", "add", ref, str(source))
    assert code == 0, err
    warnings = [line for line in out.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 1, out
    assert f"exhibit 1 ({name}) could not be read for a preview" in warnings[0]
    assert "may be damaged" in warnings[0]
    assert "stored as given" in warnings[0]
    copy = tmp_path / "copy"
    assert cli("evidence", "export", ref, "1", str(copy))[0] == 0
    assert copy.read_bytes() == content
    again = json.loads(cli("evidence", "add", ref, str(source), "--json")[1])["items"][0]
    assert again["warning"] and again["same_content_as"] == [1]


def test_a_huge_image_is_stored_without_decoding_it_and_pillow_stays_quiet(
    cli: Cli, store: Store, tmp_path: Path
) -> None:
    from PIL import Image

    source = tmp_path / "scan.png"
    Image.new("L", (12_000, 12_000)).save(source)  # 144 MP: Pillow warns of a bomb
    ref = cli.new_case()
    code, out, err = cli("evidence", "add", ref, str(source))
    assert code == 0, err
    assert "warning" not in out  # sound, only too large for a thumbnail
    assert "DecompressionBomb" not in err and "Warning" not in err
    with reading(store) as session:
        derived = session.get(BlobDerived, hashlib.sha256(source.read_bytes()).hexdigest())
    assert derived is not None and (derived.width, derived.height) == (12_000, 12_000)
    assert derived.thumbnail_png is None


def test_a_sound_photo_gets_no_warning(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "odometer.jpg"
    source.write_bytes(demo_evidence.odometer_photo(km=12, taken_at=utcnow(), lat=43.2, lon=76.9))
    ref = cli.new_case()
    code, out, _ = cli("evidence", "add", ref, str(source))
    assert code == 0 and "warning" not in out


def test_scratch_folders_of_killed_runs_are_swept_and_one_in_use_is_kept(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from core import scratch

    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", None)
    abandoned = temp / f"{scratch.PREFIX}export-killed"
    abandoned.mkdir()
    (abandoned / "case.pdf").write_bytes(b"%PDF half")
    (abandoned / ".owner.lock").write_bytes(b"4242\n")  # its owner died: nobody holds the lock
    with scratch.work_folder("export") as in_use:
        code, out, err = cli("store", "sweep")
        assert code == 0, err
        assert str(abandoned) in out and str(in_use) not in out
        assert "1 scratch folder(s)" in out.splitlines()[0]
        assert in_use.is_dir() and not abandoned.exists()


def test_a_scratch_folder_being_set_up_is_kept_until_it_is_old(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Between making a folder and marking it, its owner holds no lock yet: a sweep then
    (at any other process's start) must not take the folder from under it."""
    from core import scratch

    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)
    no_lock = tmp_path / f"{scratch.PREFIX}export-new1"
    no_lock.mkdir()
    unmarked = tmp_path / f"{scratch.PREFIX}export-new2"
    unmarked.mkdir()
    (unmarked / ".owner.lock").write_bytes(b"")
    assert scratch.sweep() == []
    assert no_lock.is_dir() and unmarked.is_dir()
    old = utcnow().timestamp() - 3600
    for folder in (no_lock, unmarked):
        os.utime(folder, (old, old))
    assert scratch.sweep() == [no_lock, unmarked]


def test_a_file_system_without_locks_neither_hangs_nor_loses_the_ingest(
    cli: Cli, tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some network shares refuse locks (ENOLCK): the part is written unlocked (a sweep,
    unable to judge it, keeps it) instead of trying new part files for ever."""
    import errno

    from core import scratch
    from core.evidence import blobs

    def refused(handle: object) -> bool:
        raise scratch.LocksUnsupported(errno.ENOLCK, "no locks")

    monkeypatch.setattr(blobs, "try_lock", refused)
    source = tmp_path / "note.txt"
    source.write_bytes(b"seen at the border post")
    ref = cli.new_case()
    code, _, err = cli("evidence", "add", ref, str(source))
    assert code == 0, err
    assert list((folder / "incoming").glob("*.part")) == []
    assert cli("evidence", "verify", ref)[0] == 0


def test_a_part_file_that_can_never_be_locked_is_one_line_and_leaves_nothing(
    cli: Cli, tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from core.evidence import blobs

    monkeypatch.setattr(blobs, "try_lock", lambda handle: False)
    source = tmp_path / "note.txt"
    source.write_bytes(b"seen at the border post")
    ref = cli.new_case()
    code, _, err = cli("evidence", "add", ref, str(source))
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert "could not lock a new part file" in err
    assert list((folder / "incoming").glob("*.part")) == []
    assert cli.json("evidence", "list", ref, "--json") == []
