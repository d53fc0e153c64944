"""Evidence that stands up at a hearing: hashes, one copy per content, safe names, limits,
tamper detection, withdrawal instead of deletion, and ingest that lands whole or not at all."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from sqlmodel import select

from core.cli.main import run
from core.domain import AuditEvent, Blob, EvidenceItem, IntegrityCheck
from core.errors import Cancelled, UserFacingError
from core.evidence.blobs import FolderBlobStore, SourceReadError, TooLargeError
from core.evidence.names import display_name, safe_filename
from core.persistence.store import Store
from core.persistence.unit_of_work import reading, unit_of_work
from core.services import cases, demo_evidence, evidence

from .conftest import ACTOR, corrupt_one_byte

MakeFile = Callable[[str, bytes], Path]


def cli(db: str, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(["--db", db, *args])
    out, err = capsys.readouterr()
    return code, out, err


def add(db: str, capsys: pytest.CaptureFixture[str], ref: str, *args: str) -> list[dict]:  # type: ignore[type-arg]
    code, out, err = cli(db, capsys, "evidence", "add", ref, *args, "--json")
    assert code == 0, err
    return json.loads(out)["items"]  # type: ignore[no-any-return]


def items(store: Store) -> list[EvidenceItem]:
    with reading(store) as session:
        return list(session.exec(select(EvidenceItem)))


def blobs_stored(store: Store) -> list[Blob]:
    with reading(store) as session:
        return list(session.exec(select(Blob)))


def test_adding_reports_the_sha256_and_stores_identical_content_once(
    store: Store,
    db_url: str,
    case_ref: str,
    make_file: MakeFile,
    capsys: pytest.CaptureFixture[str],
) -> None:
    content = b"%PDF-1.4 export licence scan " * 1000
    first = make_file("licence.pdf", content)
    copy = make_file("licence (copy).bin", content)
    added = add(db_url, capsys, case_ref, str(first), str(copy), "--kind", "export_licence")
    digest = hashlib.sha256(content).hexdigest()
    assert [a["sha256"] for a in added] == [digest, digest]
    assert [a["exhibit"] for a in added] == [1, 2]
    assert added[1]["same_content_as"] == [1]
    assert all(a["mime_type"] == "application/pdf" for a in added)  # from content, not ".bin"
    assert len(blobs_stored(store)) == 1
    blobs = evidence.blob_store_for(store)
    if isinstance(blobs, FolderBlobStore):
        stored = [p for p in blobs.root.rglob("*") if p.is_file()]
        assert stored == [blobs.path_for(digest)]
        assert not os.access(stored[0], os.W_OK) or os.geteuid() == 0


def test_altering_one_byte_is_caught_and_the_item_named(
    store: Store,
    db_url: str,
    case_ref: str,
    make_file: MakeFile,
    capsys: pytest.CaptureFixture[str],
) -> None:
    good = add(db_url, capsys, case_ref, str(make_file("ok.jpg", b"\xff\xd8\xff" + b"a" * 5000)))
    bad = add(
        db_url,
        capsys,
        case_ref,
        str(make_file("odometer 12 km.jpg", b"\xff\xd8\xff" + b"b" * 5000)),
    )
    assert cli(db_url, capsys, "evidence", "verify", case_ref)[0] == 0
    corrupt_one_byte(store, bad[0]["sha256"])
    code, out, err = cli(db_url, capsys, "evidence", "verify", case_ref)
    assert code == 1 and "Traceback" not in err
    assert "odometer 12 km.jpg" in out and "ok.jpg" not in out.split("FAILED")[1:].__str__()
    code, out, _ = cli(db_url, capsys, "evidence", "verify", "--json")
    report = json.loads(out)
    assert code == 1 and not report["ok"]
    assert [f["original_name"] for f in report["failures"]] == ["odometer 12 km.jpg"]
    with reading(store) as session:
        checks = list(session.exec(select(IntegrityCheck).where(IntegrityCheck.kind == "evidence")))
        events = list(session.exec(select(AuditEvent).where(AuditEvent.entity == "integrity")))
    assert [c.ok for c in checks] == [True, False, False]
    assert "odometer 12 km.jpg" in checks[-1].failures
    assert any(e.field == "ok" and e.new_value == "no" for e in events)  # permanent, audited
    assert good  # the untouched exhibit still verifies on its own
    code, _, err = cli(
        db_url,
        capsys,
        "evidence",
        "export",
        case_ref,
        str(bad[0]["exhibit"]),
        str(Path.cwd() / "nowhere.jpg"),
    )
    assert code == 1 and "does not match its SHA-256" in err


@pytest.mark.parametrize(
    ("raw", "shown", "safe"),
    [
        ("../../etc/passwd", "passwd", "passwd"),
        ("..\\..\\Windows\\win.ini", "win.ini", "win.ini"),
        ("/absolute/path/report.pdf", "report.pdf", "report.pdf"),
        ("nul\x00byte.jpg", "nul\ufffdbyte.jpg", "nul_byte.jpg"),
        ("CON.txt", "CON.txt", "_CON.txt"),
        ("aux", "aux", "_aux"),
        ("..", "..", "file"),
        ("a" * 400 + ".jpeg", "a" * 295 + ".jpeg", "a" * 195 + ".jpeg"),
        ("фото одометра <12>.jpg", "фото одометра <12>.jpg", "фото одометра _12_.jpg"),
        ("photo\u202egpj.exe", "photo\ufffdgpj.exe", "photo_gpj.exe"),  # bidi override
    ],
)
def test_untrusted_names(raw: str, shown: str, safe: str) -> None:
    assert display_name(raw) == shown
    assert safe_filename(raw) == safe
    assert len(safe_filename(raw)) <= 200


def test_a_hostile_name_cannot_write_outside_the_store_or_the_export_folder(
    store: Store, case_ref: str, tmp_path: Path
) -> None:
    blobs = evidence.blob_store_for(store)
    outside = tmp_path / "outside"
    outside.mkdir()
    before = sorted(p.name for p in tmp_path.rglob("*"))
    with unit_of_work(store, actor=ACTOR) as session:
        case = cases.get_case(session, case_ref)
        for name in ("../outside/owned.txt", "../../owned.txt", "/tmp/owned.txt", "..\\owned.txt"):
            evidence.add_evidence(
                session, blobs, case, io.BytesIO(name.encode()), original_name=name
            )
    export_dir = tmp_path / "export"
    export_dir.mkdir()
    with reading(store) as session:
        case = cases.get_case(session, case_ref)
        for item in evidence.list_evidence(session, case):
            target = evidence.export_evidence(session, blobs, case, item, export_dir)
            assert target.parent == export_dir
    after = sorted(
        p.name for p in tmp_path.rglob("*") if "export" not in p.parts and "zeromile" not in str(p)
    )
    assert "owned.txt" not in after
    assert not (outside / "owned.txt").exists()
    assert sorted(p.name for p in export_dir.iterdir()) == [
        f"{case_ref}-E0001-owned.txt", f"{case_ref}-E0002-owned.txt",
        f"{case_ref}-E0003-owned.txt", f"{case_ref}-E0004-owned.txt",
    ]  # fmt: skip
    assert before  # nothing else was created beside the test files


def test_a_file_over_the_limit_is_refused_and_nothing_is_stored(
    store: Store, db_url: str, case_ref: str, make_file: MakeFile,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("ZEROMILE_EVIDENCE_MAX_BYTES", "1000")
    small, big = make_file("small.txt", b"x" * 999), make_file("big.mp4", b"y" * 1001)
    code, _, err = cli(db_url, capsys, "evidence", "add", case_ref, str(small), str(big))
    assert code == 2 and "over the evidence limit of 1,000" in err and "Traceback" not in err
    assert items(store) == [] and blobs_stored(store) == []  # one transaction: not even small.txt
    blobs = evidence.blob_store_for(store)
    with pytest.raises(TooLargeError), unit_of_work(store, actor=ACTOR) as session:
        case = cases.get_case(session, case_ref)
        evidence.add_evidence(session, blobs, case, io.BytesIO(b"z" * 5000), original_name="s",
                              limit=1000)  # fmt: skip
    assert items(store) == [] and blobs_stored(store) == []
    if isinstance(blobs, FolderBlobStore):
        assert [p for p in blobs.root.rglob("*") if p.is_file()] == []


class Exploding(io.RawIOBase):
    """A source that fails after a few chunks, like a pulled USB stick."""

    def __init__(self, good_chunks: int) -> None:
        self.left = good_chunks

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if self.left == 0:
            raise OSError("device disconnected")
        self.left -= 1
        return b"v" * (1024 * 1024)


def test_an_interrupted_ingest_leaves_no_record_and_no_half_blob(
    store: Store, case_ref: str
) -> None:
    blobs = evidence.blob_store_for(store)
    with (
        pytest.raises(SourceReadError, match="disconnected"),
        unit_of_work(store, actor=ACTOR) as session,
    ):
        case = cases.get_case(session, case_ref)
        evidence.add_evidence(session, blobs, case, Exploding(3), original_name="video.mp4")  # type: ignore[arg-type]
    assert items(store) == [] and blobs_stored(store) == []
    if isinstance(blobs, FolderBlobStore):
        assert [p for p in blobs.root.rglob("*") if p.is_file()] == []
    with reading(store) as session:
        from core.domain import BlobChunk

        assert list(session.exec(select(BlobChunk))) == []


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_ingest_leaves_no_record_and_no_half_blob(
    store: Store, db_url: str, case_ref: str, tmp_path: Path
) -> None:
    """The process dies mid-copy: the store holds neither an item nor a partial blob."""
    script = textwrap.dedent(
        f"""
        import io, os, sys, time
        from core.persistence.store import open_store
        from core.persistence.unit_of_work import unit_of_work
        from core.services import cases, evidence

        class Slow(io.RawIOBase):
            n = 0
            def readable(self): return True
            def read(self, size=-1):
                self.n += 1
                if self.n == 4:
                    print("halfway", flush=True)
                    time.sleep(60)
                return b"w" * (1024 * 1024)

        store = open_store({db_url!r})
        with unit_of_work(store, actor="killed") as session:
            case = cases.get_case(session, {case_ref!r})
            evidence.add_evidence(session, evidence.blob_store_for(store), case, Slow(),
                                  original_name="big.mp4")
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "halfway"
    proc.kill()
    proc.wait(timeout=30)
    assert items(store) == [] and blobs_stored(store) == []
    blobs = evidence.blob_store_for(store)
    if isinstance(blobs, FolderBlobStore):
        leftovers = [p for p in blobs.root.rglob("*") if p.is_file()]
        assert all(p.parent.name == "incoming" and p.suffix == ".part" for p in leftovers)
        assert sorted(blobs.sweep_incoming()) == sorted(leftovers)


def test_links_are_not_followed(
    db_url: str,
    case_ref: str,
    make_file: MakeFile,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = make_file("secret.txt", b"not for the case")
    link = tmp_path / "innocent.jpg"
    link.symlink_to(target)
    code, _, err = cli(db_url, capsys, "evidence", "add", case_ref, str(link))
    assert code == 2 and "is a link" in err


def test_withdrawal_keeps_the_item_and_its_blob(
    store: Store,
    db_url: str,
    case_ref: str,
    make_file: MakeFile,
    capsys: pytest.CaptureFixture[str],
) -> None:
    add(db_url, capsys, case_ref, str(make_file("wrong-car.jpg", b"\xff\xd8\xff photo")))
    code, _, err = cli(db_url, capsys, "evidence", "withdraw", case_ref, "1", "--reason", " ")
    assert code == 2 and "needs a reason" in err
    assert (
        cli(
            db_url,
            capsys,
            "evidence",
            "withdraw",
            case_ref,
            "1",
            "--reason",
            "photo of another vehicle",
        )[0]
        == 0
    )
    code, out, _ = cli(db_url, capsys, "evidence", "list", case_ref, "--json")
    listed = json.loads(out)
    assert [(i["status"], i["withdrawn_reason"]) for i in listed] == [
        ("withdrawn", "photo of another vehicle")
    ]
    assert len(blobs_stored(store)) == 1
    assert cli(db_url, capsys, "evidence", "verify", case_ref)[0] == 0
    with reading(store) as session:
        events = session.exec(
            select(AuditEvent).where(
                AuditEvent.field == "status",
                AuditEvent.entity == "evidence",
                AuditEvent.action == "update",
            )
        ).all()
    assert [(e.old_value, e.new_value, e.reason) for e in events] == [
        ("active", "withdrawn", "photo of another vehicle")
    ]


def test_export_copies_the_exact_bytes_and_never_overwrites(
    db_url: str,
    case_ref: str,
    make_file: MakeFile,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    content = os.urandom(3 * 1024 * 1024 + 17)
    add(db_url, capsys, case_ref, str(make_file("scan.tiff", content)))
    dest = tmp_path / "out.bin"
    assert cli(db_url, capsys, "evidence", "export", case_ref, "1", str(dest))[0] == 0
    assert dest.read_bytes() == content
    code, _, err = cli(db_url, capsys, "evidence", "export", case_ref, "1", str(dest))
    assert code == 2 and "exists already" in err
    assert cli(db_url, capsys, "evidence", "export", case_ref, "9", str(tmp_path))[0] == 2


def test_derived_data_from_photos_and_pdfs(
    db_url: str, case_ref: str, make_file: MakeFile, capsys: pytest.CaptureFixture[str]
) -> None:
    import datetime as dt

    photo = demo_evidence.odometer_photo(
        km=12, taken_at=dt.datetime(2026, 2, 14, 10, 35, 12), lat=44.2132, lon=80.3987
    )
    letter = demo_evidence.letter_pdf(
        sender="Chery", recipient="Customs", date="2026-02-20", body=["Text."]
    )
    add(
        db_url, capsys, case_ref, str(make_file("odo.dat", photo)), str(make_file("letter", letter))
    )
    _, out, _ = cli(db_url, capsys, "evidence", "list", case_ref, "--json")
    photo_item, pdf_item = json.loads(out)
    assert photo_item["mime_type"] == "image/jpeg" and pdf_item["mime_type"] == "application/pdf"
    d = photo_item["derived"]
    assert d["taken_at"] == "2026:02:14 10:35:12" and d["camera"] == "Samsung Galaxy A54"
    assert d["gps"] == pytest.approx([44.2132, 80.3987], abs=1e-4)
    assert d["has_thumbnail"] and pdf_item["derived"]["page_count"] == 1
    assert pdf_item["derived"]["has_thumbnail"]


def test_thumbnails_are_real_pngs(store: Store, case_ref: str) -> None:
    import datetime as dt

    blobs = evidence.blob_store_for(store)
    photo = demo_evidence.odometer_photo(km=9, taken_at=dt.datetime(2026, 2, 14), lat=1.0, lon=2.0)
    with unit_of_work(store, actor=ACTOR) as session:
        case = cases.get_case(session, case_ref)
        item = evidence.add_evidence(
            session, blobs, case, io.BytesIO(photo), original_name="p.jpg"
        ).item
        derived = evidence.derived_of(session, item)
        assert derived is not None and derived.thumbnail_png
        thumb = Image.open(io.BytesIO(derived.thumbnail_png))
        assert thumb.format == "PNG" and max(thumb.size) <= 256


def test_unknown_kinds_are_refused(
    db_url: str, case_ref: str, make_file: MakeFile, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli(
        db_url,
        capsys,
        "evidence",
        "add",
        case_ref,
        str(make_file("a.txt", b"a")),
        "--kind",
        "selfie",
    )
    assert code == 2 and "not a document type" in err


def test_two_workstations_share_evidence_through_postgresql(
    db_url: str, case_ref: str, make_file: MakeFile, tmp_path: Path, postgres_only: object
) -> None:
    """Two processes, one PostgreSQL store, no shared folder: B exports what A logged."""
    content = os.urandom(5 * 1024 * 1024 + 3)
    source = make_file("video.mp4", content)
    exe = [sys.executable, "-m", "core.cli.main", "--db", db_url]
    env = dict(os.environ, ZEROMILE_INSPECTOR="Workstation A (A-1)")
    added = subprocess.run([*exe, "evidence", "add", case_ref, str(source), "--json"], env=env,
                           capture_output=True, text=True, check=True, timeout=120)  # fmt: skip
    sha = json.loads(added.stdout)["items"][0]["sha256"]
    env_b = dict(
        os.environ, ZEROMILE_INSPECTOR="Workstation B (B-1)", ZEROMILE_HOME=str(tmp_path / "b")
    )
    out = tmp_path / "copy.mp4"
    subprocess.run([*exe, "evidence", "export", case_ref, "1", str(out)], env=env_b, check=True,
                   capture_output=True, timeout=120)  # fmt: skip
    assert hashlib.sha256(out.read_bytes()).hexdigest() == sha
    assert out.read_bytes() == content
    verified = subprocess.run(
        [*exe, "evidence", "verify", case_ref],
        env=env_b,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert verified.returncode == 0, verified.stderr


def test_hostile_exif_is_cleaned_before_it_is_cached() -> None:
    from core.evidence.sniff import Derived

    derived = Derived(camera="Evil\x00" + "C" * 300, taken_at="2026:02:14\x00" + "9" * 80).clean()
    assert (
        derived.camera is not None and "\x00" not in derived.camera and len(derived.camera) == 200
    )
    assert derived.taken_at is not None and len(derived.taken_at) == 40


def test_a_decompression_bomb_does_not_stop_the_ingest() -> None:
    from core.evidence.sniff import derive

    result = derive("image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    assert result is not None and result.error


def test_errors_are_user_facing() -> None:
    assert issubclass(TooLargeError, UserFacingError)


def test_verification_reports_progress_and_a_cancel_records_no_check(
    store: Store, case_ref: str
) -> None:
    blobs = evidence.blob_store_for(store)
    with unit_of_work(store, actor=ACTOR) as session:
        case = cases.get_case(session, case_ref)
        for n in range(3):
            evidence.add_evidence(session, blobs, case, io.BytesIO(bytes([n]) * 4000),
                                  original_name=f"photo-{n}.jpg")  # fmt: skip
    seen: list[tuple[int, int]] = []
    report = evidence.verify_evidence(
        store, blobs, [case_ref], actor=ACTOR, progress=lambda d, t: seen.append((d, t))
    )
    assert report.ok and report.checked == 3 and seen == [(0, 3), (1, 3), (2, 3)]

    def checks() -> int:
        with reading(store) as session:
            return len(session.exec(select(IntegrityCheck)).all())

    before = checks()
    with pytest.raises(Cancelled):
        evidence.verify_evidence(store, blobs, [case_ref], actor=ACTOR, cancelled=lambda: True)
    assert checks() == before
