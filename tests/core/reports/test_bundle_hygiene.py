"""``bundle verify`` refuses a bundle whose member paths could escape a folder, or that
holds a symbolic link, in one line with exit 1; verifying writes nothing anywhere."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from core.cli.main import run
from core.reports.bundle import FORMAT, MANIFEST

SAFE = "exhibits/ZM-2026-000001-E0001-photo.jpg"


def craft(path: Path, members: dict[str, bytes], *, link: str | None = None) -> Path:
    """A bundle whose manifest lists every member with its true hash and size (so only
    the paths can be wrong); ``link`` is added as a symbolic link member."""
    files = [
        {"path": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        for name, data in members.items()
    ]
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            if name == link:
                info.external_attr = (0o120777 << 16) | 0x20  # S_IFLNK | rwxrwxrwx
            else:
                info.external_attr = 0o100644 << 16
            z.writestr(info, data)
        manifest = {"format": FORMAT, "case": "ZM-2026-000001", "files": files}
        z.writestr(MANIFEST, json.dumps(manifest))
    return path


def every_file(root: Path) -> set[Path]:
    return {p for p in root.rglob("*")}


def test_a_well_formed_bundle_still_verifies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = craft(tmp_path / "good.zip", {SAFE: b"photo", "ZM-2026-000001.pdf": b"%PDF"})
    assert run(["bundle", "verify", str(bundle)]) == 0
    assert "2 files checked; every file matches the manifest" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("../../outside.txt", "climbs out of its folder"),
        ("exhibits/../../outside.txt", "climbs out of its folder"),
        ("/tmp/zeromile-absolute.txt", "an absolute path"),
        ("C:/Windows/evil.txt", "a drive letter"),
        ("C:evil.txt", "a drive letter"),
        ("exhibits\\..\\..\\evil.txt", "a backslash"),
        ("exhibits//double.txt", "an empty or '.' part"),
    ],
)
def test_an_unsafe_member_path_is_refused_in_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    why: str,
) -> None:
    work = tmp_path / "a" / "b" / "work"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    bundle = craft(work / "hostile.zip", {SAFE: b"photo", name: b"payload"})
    before = every_file(tmp_path)
    code = run(["bundle", "verify", str(bundle)])
    out, err = capsys.readouterr()
    assert code == 1
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert err.startswith("zeromile: error: hostile.zip refused:") and why in err, err
    assert repr(name) in err  # the path is named as written
    assert not out
    assert every_file(tmp_path) == before  # nothing written, here or above
    assert not Path("/tmp/zeromile-absolute.txt").exists()


def test_a_manifest_listing_an_unsafe_path_is_refused_even_if_no_member_has_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = craft(tmp_path / "listed.zip", {SAFE: b"photo"})
    with zipfile.ZipFile(bundle) as z:
        manifest = json.loads(z.read(MANIFEST))
    manifest["files"].append({"path": "../../etc/passwd", "sha256": "0" * 64, "size": 1})
    rewritten = tmp_path / "listed2.zip"
    with zipfile.ZipFile(rewritten, "w") as z:
        z.writestr(SAFE, b"photo")
        z.writestr(MANIFEST, json.dumps(manifest))
    assert run(["bundle", "verify", str(rewritten), "--json"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "manifest.json lists '../../etc/passwd'" in err and "climbs out" in err


def test_a_symbolic_link_member_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = "exhibits/ZM-2026-000001-E0002-passwd"
    bundle = craft(tmp_path / "link.zip", {SAFE: b"photo", link: b"/etc/passwd"}, link=link)
    before = every_file(tmp_path)
    assert run(["bundle", "verify", str(bundle)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"member {link!r} is a symbolic link" in err
    assert every_file(tmp_path) == before


@pytest.mark.parametrize("entry", [{"path": 7, "sha256": "0", "size": 1}, {"path": ""}])
def test_a_manifest_entry_that_is_not_a_file_name_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], entry: dict[str, object]
) -> None:
    bundle = tmp_path / "odd.zip"
    with zipfile.ZipFile(bundle, "w") as z:
        z.writestr(MANIFEST, json.dumps({"format": FORMAT, "files": [entry]}))
    assert run(["bundle", "verify", str(bundle)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a file name" in err
