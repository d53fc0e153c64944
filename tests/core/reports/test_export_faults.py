"""What an export builds, and what it leaves when it fails: only the outputs asked for are
built; a killed export leaves a scratch folder that ``store sweep`` removes; a full disk,
a full TMPDIR or a read-only target gives one line, exit 2, no file and no export record."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from core.cli.main import run
from core.domain.export import CaseExport
from core.domain.note import Note
from core.persistence.store import open_store
from core.persistence.unit_of_work import reading
from core.services import cases, exports

from .conftest import Exported

COMMAND = [sys.executable, "-c", "from core.cli.main import run; import sys; sys.exit(run())"]


def recorded_exports(db: str) -> list[CaseExport]:
    store = open_store(db)
    try:
        with reading(store) as session:
            return list(session.exec(select(CaseExport)))
    finally:
        store.close()


# --- each output only when asked ------------------------------------------------------------


@pytest.fixture
def writers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The writers the export calls, in order (each still writes its file)."""
    called: list[str] = []

    def spy(kind: str, real: Callable[..., None]) -> Callable[..., None]:
        def wrapped(*args: Any, **kwargs: Any) -> None:
            called.append(kind)
            real(*args, **kwargs)

        return wrapped

    monkeypatch.setattr(exports, "write_pdf", spy("pdf", exports.write_pdf))
    monkeypatch.setattr(exports, "write_xlsx", spy("xlsx", exports.write_xlsx))
    return called


def test_export_xlsx_builds_no_pdf_and_the_workbook_is_whole(
    demo: Exported, writers: list[str]
) -> None:
    out = demo.folder / "kz.xlsx"
    assert demo.export("KZ", "--xlsx", str(out)) == 0
    assert writers == ["xlsx"]
    assert sorted(p.name for p in demo.folder.iterdir()) == ["kz.xlsx"]
    wb = load_workbook(out, read_only=True)
    assert "Vehicles" in wb.sheetnames and "Evidence" in wb.sheetnames
    assert any(demo.refs["KZ"] in str(c) for row in wb["Case"].iter_rows(values_only=True)
               for c in row)  # fmt: skip
    (record,) = recorded_exports(demo.db)
    assert record.pdf_sha256 is None and record.manifest_sha256 is None
    assert record.xlsx_sha256 == hashlib.sha256(out.read_bytes()).hexdigest()


def test_export_pdf_builds_no_workbook(demo: Exported, writers: list[str]) -> None:
    assert demo.export("KZ", "--pdf", str(demo.folder / "kz.pdf")) == 0
    assert writers == ["pdf"]
    (record,) = recorded_exports(demo.db)
    assert record.xlsx_sha256 is None and record.pdf_sha256


def test_a_bundle_builds_both_once(
    demo: Exported, writers: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    bundle, pdf = demo.folder / "kz.zip", demo.folder / "kz.pdf"
    assert demo.export("KZ", "--bundle", str(bundle), "--pdf", str(pdf)) == 0
    assert writers == ["pdf", "xlsx"]
    capsys.readouterr()
    assert run(["bundle", "verify", str(bundle)]) == 0


# --- a killed export ------------------------------------------------------------------------


def add_many_notes(db: str, reference: str, count: int) -> None:
    """Enough diary for an export that takes a while (inserted in one statement)."""
    store = open_store(db)
    try:
        with reading(store) as session:
            case_id = cases.get_case(session, reference).id
        rows = [
            {"case_id": case_id, "author": "T", "text": f"note {i} " + "lorem ipsum " * 80}
            for i in range(count)
        ]
        with store.engine.begin() as conn:
            conn.execute(Note.__table__.insert(), rows)  # type: ignore[attr-defined]
    finally:
        store.close()


def test_a_killed_export_leaves_a_folder_that_store_sweep_removes(
    demo: Exported, tmp_path: Path
) -> None:
    ref = demo.refs["KZ"]
    add_many_notes(demo.db, ref, 400)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    env = dict(os.environ, TMPDIR=str(scratch))
    target = demo.folder / "kz.pdf"
    child = subprocess.Popen(
        [*COMMAND, "--db", demo.db, "export", ref, "--pdf", str(target)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        # The export is under way once its locked scratch folder exists.
        while not list(scratch.glob("zeromile-work-export-*/.owner.lock")):
            assert child.poll() is None, child.communicate()
            assert time.monotonic() < deadline, "no scratch folder appeared"
            time.sleep(0.01)
        assert child.poll() is None, "the export finished before it could be killed"
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(30)
    assert child.returncode == -signal.SIGKILL
    (left,) = scratch.glob("zeromile-work-export-*")
    assert not target.exists()
    assert not [p for p in demo.folder.iterdir() if p.name.endswith(".part")]
    assert recorded_exports(demo.db) == []
    swept = subprocess.run(
        [*COMMAND, "--db", demo.db, "store", "sweep"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert swept.returncode == 0, swept.stderr
    assert "1 scratch folder(s)" in swept.stdout and str(left) in swept.stdout
    assert not left.exists()
    assert list(scratch.iterdir()) == []


# --- a full disk, a full TMPDIR, a read-only target -----------------------------------------


@pytest.fixture
def mount_tmpfs(tmp_path: Path) -> Iterator[Callable[..., Path]]:
    """``mount_tmpfs(name, size="16k", read_only=False)``: a real small file system
    (Linux, as root; skipped otherwise), unmounted after the test."""
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root on Linux")
    mounted: list[Path] = []

    def mount(name: str, size: str = "16k", read_only: bool = False) -> Path:
        point = tmp_path / name
        point.mkdir()
        options = f"size={size},mode=1777" + (",ro" if read_only else "")
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
        mounted.append(point)
        return point

    yield mount
    for point in mounted:
        subprocess.run(["umount", "-l", str(point)], capture_output=True, check=False)


def one_line_error(err: str) -> str:
    assert "Traceback" not in err, err
    assert err.count("\n") == 1 and err.startswith("zeromile: error: "), err
    return err.strip()


@pytest.mark.parametrize("kind", ["pdf", "xlsx", "bundle"])
def test_a_full_disk_at_the_target_gives_one_line_and_leaves_nothing(
    demo: Exported,
    mount_tmpfs: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    kind: str,
) -> None:
    full = mount_tmpfs("full")
    target = full / f"kz.{'zip' if kind == 'bundle' else kind}"
    capsys.readouterr()
    assert demo.export("KZ", f"--{kind}", str(target)) == 2
    err = one_line_error(capsys.readouterr().err)
    assert f"export not written: no space left on the device: {target}" in err, err
    assert list(full.iterdir()) == []  # no target, no .part
    assert recorded_exports(demo.db) == []


def test_a_file_already_placed_is_removed_when_a_later_one_does_not_fit(
    demo: Exported, mount_tmpfs: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    full = mount_tmpfs("full", size="4k")
    roomy = demo.folder / "kz.pdf"
    assert demo.export("KZ", "--pdf", str(roomy), "--xlsx", str(full / "kz.xlsx")) == 2
    assert "no space left on the device" in one_line_error(capsys.readouterr().err)
    assert not roomy.exists() and list(full.iterdir()) == []
    assert sorted(p.name for p in demo.folder.iterdir()) == []
    assert recorded_exports(demo.db) == []


def test_a_read_only_target_gives_one_line(
    demo: Exported, mount_tmpfs: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    frozen = mount_tmpfs("frozen", read_only=True)
    target = frozen / "kz.pdf"
    assert demo.export("KZ", "--pdf", str(target)) == 2
    err = one_line_error(capsys.readouterr().err)
    assert f"export not written: the file system is read-only: {target}" in err, err
    assert recorded_exports(demo.db) == []


@pytest.mark.parametrize("kind", ["pdf", "xlsx"])
def test_a_full_tmpdir_gives_one_line_and_leaves_nothing(
    demo: Exported, mount_tmpfs: Callable[..., Path], kind: str
) -> None:
    full = mount_tmpfs("tmp", size="8k")
    target = demo.folder / f"kz.{kind}"
    done = subprocess.run(
        [*COMMAND, "--db", demo.db, "export", demo.refs["KZ"], f"--{kind}", str(target)],
        env=dict(os.environ, TMPDIR=str(full)), capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    err = one_line_error(done.stderr)
    assert f"no space left on the device: the temporary folder {full} (TMPDIR)" in err, err
    assert not target.exists() and list(demo.folder.iterdir()) == []
    assert list(full.iterdir()) == []  # the scratch folder (and the workbook's parts) gone
    assert recorded_exports(demo.db) == []


def test_the_workbooks_temporary_sheet_files_are_made_in_the_scratch_folder(
    demo: Exported, monkeypatch: pytest.MonkeyPatch
) -> None:
    """openpyxl streams each sheet through a temporary file: a killed export leaves those
    in its scratch folder, which store sweep removes, not loose in TMPDIR."""
    from openpyxl.worksheet import _writer

    made: list[Path] = []
    real = _writer.create_temporary_file

    def spy(suffix: str = "") -> str:
        name = real(suffix)
        made.append(Path(name))
        return name

    monkeypatch.setattr(_writer, "create_temporary_file", spy)
    assert demo.export("KZ", "--xlsx", str(demo.folder / "kz.xlsx")) == 0
    assert made and all(p.parent.name.startswith("zeromile-work-export-") for p in made), made
    assert not any(p.exists() for p in made)
