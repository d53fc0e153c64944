"""The hearing bundle: one .zip with the PDF, the workbook, every exhibit and a manifest.

``manifest.json`` lists each file's SHA-256 and size, the case reference, generation
time, app version and the rule packs' hashes. :func:`verify_bundle` checks a bundle
against its manifest: a changed, missing or extra file is named. A bundle that names a
member by a path that could escape a folder it is unpacked into (``../``, an absolute
path, a drive letter, a backslash) or holds a symbolic link is refused outright
(:class:`UnsafeBundle`). Verifying reads the members in memory and writes nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from core.errors import CheckFailed, UserFacingError

MANIFEST = "manifest.json"
FORMAT = "zeromile-hearing-bundle/1"
_CHUNK = 1024 * 1024


class BundleError(UserFacingError):
    """A file that is not a readable hearing bundle."""


class UnsafeBundle(CheckFailed):
    """A bundle naming a member by an unsafe path, or holding a symbolic link: refused
    before any member is read (exit code 1, as for any failed check)."""


_DRIVE = re.compile(r"^[A-Za-z]:")


def unsafe_path(name: object) -> str | None:
    """Why ``name`` is not a safe member path of a bundle, or None when it is.

    Safe: a relative path of forward-slash-separated parts, none empty, ``.`` or ``..``,
    without a drive letter, a backslash or a control character.
    """
    if not isinstance(name, str) or not name:
        return "not a file name"
    if "\\" in name:
        return "a backslash in the path"
    if name.startswith("/"):
        return "an absolute path"
    if _DRIVE.match(name):
        return "a drive letter"
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        return "a control character in the path"
    parts = name.split("/")
    if ".." in parts:
        return "a path that climbs out of its folder (..)"
    if any(part in ("", ".") for part in parts):
        return "an empty or '.' part in the path"
    return None


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    """A member whose Unix mode (the high half of the external attributes) is a link."""
    return stat.S_ISLNK(info.external_attr >> 16)


def _refuse_unsafe(path: Path, archive: zipfile.ZipFile, listed: list[object]) -> None:
    for info in archive.infolist():
        if _is_symlink(info):
            raise UnsafeBundle(f"{path.name} refused: member {info.filename!r} is a symbolic link")
        why = unsafe_path(info.filename.rstrip("/") if info.is_dir() else info.filename)
        if why is not None:
            raise UnsafeBundle(f"{path.name} refused: member {info.filename!r} has {why}")
    for name in listed:
        why = unsafe_path(name)
        if why is not None:
            raise UnsafeBundle(f"{path.name} refused: {MANIFEST} lists {name!r}, {why}")


class BundleWriter:
    """Adds files to a zip while hashing them; ``close`` writes the manifest last."""

    def __init__(self, out: BinaryIO, manifest: dict[str, Any]) -> None:
        self.zip = zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True)
        self.manifest = manifest | {"format": FORMAT, "files": []}

    def add(self, name: str, chunks: Iterator[bytes]) -> str:
        digest = hashlib.sha256()
        size = 0
        info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with self.zip.open(info, "w", force_zip64=True) as member:
            for chunk in chunks:
                digest.update(chunk)
                size += len(chunk)
                member.write(chunk)
        sha = digest.hexdigest()
        self.manifest["files"].append({"path": name, "sha256": sha, "size": size})
        return sha

    def close(self) -> bytes:
        """Write the manifest; return its exact bytes (whose hash the audit trail records)."""
        data = json.dumps(self.manifest, ensure_ascii=False, indent=2, sort_keys=True).encode()
        info = zipfile.ZipInfo(MANIFEST, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        self.zip.writestr(info, data)
        self.zip.close()
        return data


def file_chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            yield chunk


@dataclass
class BundleReport:
    case: str | None = None
    checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_bundle(path: Path) -> BundleReport:
    """Check every file of a bundle against its manifest.

    Raises :class:`BundleError` for a file that is not a readable bundle and
    :class:`UnsafeBundle` for one naming an unsafe path or holding a symbolic link.
    Nothing is written anywhere: members are hashed as they are read."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise BundleError(f"{path.name} is not a readable hearing bundle ({exc})") from exc
    with archive:
        try:
            manifest = json.loads(archive.read(MANIFEST))
            entries = manifest["files"]
            _refuse_unsafe(path, archive, [f["path"] for f in entries])
            listed = {f["path"]: f for f in entries}
        except KeyError as exc:
            raise BundleError(f"{path.name} has no usable {MANIFEST}") from exc
        except (ValueError, TypeError) as exc:
            raise BundleError(f"{path.name}: {MANIFEST} is not valid ({exc})") from exc
        except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError) as exc:
            raise BundleError(f"{path.name}: {MANIFEST} cannot be read ({exc})") from exc
        report = BundleReport(case=manifest.get("case"))
        names = [i.filename for i in archive.infolist() if not i.is_dir()]
        # A second member under one name would hide an altered copy behind the original.
        for name in sorted({n for n in names if names.count(n) > 1}):
            report.problems.append(f"duplicate file name: {name}")
        present = set(names) - {MANIFEST}
        for name in sorted(present - set(listed)):
            report.problems.append(f"extra file not in the manifest: {name}")
        for name, entry in sorted(listed.items()):
            if name not in present:
                report.problems.append(f"missing file: {name}")
                continue
            digest = hashlib.sha256()
            size = 0
            try:
                with archive.open(name) as member:
                    while chunk := member.read(_CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError) as exc:
                report.problems.append(f"unreadable file: {name} ({exc})")
                continue
            report.checked += 1
            if digest.hexdigest() != entry.get("sha256") or size != entry.get("size"):
                report.problems.append(
                    f"changed file: {name} (SHA-256 does not match the manifest)"
                )
    return report
