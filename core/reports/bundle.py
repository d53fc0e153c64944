"""The hearing bundle: one .zip with the PDF, the workbook, every exhibit and a manifest.

``manifest.json`` lists each file's SHA-256 and size, the case reference, generation
time, app version and the rule packs' hashes. :func:`verify_bundle` checks a bundle
against its manifest: a changed, missing or extra file is named.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from core.errors import UserFacingError

MANIFEST = "manifest.json"
FORMAT = "zeromile-hearing-bundle/1"
_CHUNK = 1024 * 1024


class BundleError(UserFacingError):
    """A file that is not a readable hearing bundle."""


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
    """Check every file of a bundle against its manifest."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise BundleError(f"{path.name} is not a readable hearing bundle ({exc})") from exc
    with archive:
        try:
            manifest = json.loads(archive.read(MANIFEST))
            listed = {f["path"]: f for f in manifest["files"]}
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
