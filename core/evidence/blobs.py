"""Content-addressed blob storage: a folder of files, or chunks inside PostgreSQL.

Both stream: the source is read in 1 MiB chunks while it is hashed, so a 2 GB
video never sits in memory, and a source over the size limit is refused before
anything is kept. A blob becomes visible only whole:

- folder: bytes go to a temporary file, are flushed to disk, then renamed into
  ``ab/cd/<sha256>`` (an atomic rename) and made read-only;
- database: chunks are written in the caller's transaction, so an interrupted
  ingest rolls back with everything else.
"""

from __future__ import annotations

import hashlib
import os
import stat
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

import sqlalchemy as sa
from sqlmodel import col, select

from core.domain.evidence import BlobChunk
from core.errors import UserFacingError
from core.persistence.store import ZeroMileSession

CHUNK = 1024 * 1024
DB_CHUNK = 4 * 1024 * 1024
DEFAULT_LIMIT = 2 * 1024**3
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


class TooLargeError(UserFacingError):
    """The source exceeds the configured evidence size limit; nothing was kept."""


class BlobMissingError(UserFacingError):
    """A blob that the store says exists cannot be found."""


@dataclass(frozen=True)
class Stored:
    sha256: str
    size: int
    head: bytes  # the first bytes, for content sniffing


class BlobStore(Protocol):
    kind: str

    def put(self, session: ZeroMileSession, source: BinaryIO, *, limit: int) -> Stored:
        """Store the stream's bytes; return their hash. Identical content is kept once."""

    def chunks(self, session: ZeroMileSession, sha256: str) -> Iterator[bytes]:
        """The blob's bytes, in order."""

    def location(self) -> str:
        """Where blobs are kept, for messages."""


class _Meter:
    """Reads a source in chunks, hashing, counting and keeping the first bytes for sniffing;
    stops with :class:`TooLargeError` as soon as the limit is passed."""

    HEAD = 8192

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.digest = hashlib.sha256()
        self.size = 0
        self.head = b""

    def chunks(self, source: BinaryIO) -> Iterator[bytes]:
        while chunk := source.read(CHUNK):
            self.size += len(chunk)
            if self.size > self.limit:
                raise TooLargeError(
                    f"file is larger than the evidence limit of {self.limit:,} bytes; not stored"
                )
            if len(self.head) < self.HEAD:
                self.head += chunk[: self.HEAD - len(self.head)]
            self.digest.update(chunk)
            yield chunk

    def stored(self) -> Stored:
        return Stored(self.digest.hexdigest(), self.size, self.head)


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _fsync_folder(folder: Path) -> None:
    """Make a rename durable before the database commit that refers to it (POSIX)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


class FolderBlobStore:
    """Blobs as read-only files under a folder (beside a SQLite store, or a shared path)."""

    kind = "file"

    def __init__(self, root: Path) -> None:
        self.root = root

    def location(self) -> str:
        return str(self.root)

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put(self, session: ZeroMileSession, source: BinaryIO, *, limit: int) -> Stored:
        tmp_dir = self.root / "incoming"
        tmp_dir.mkdir(parents=True, exist_ok=True)
        tmp = tmp_dir / f"{uuid.uuid4().hex}.part"
        meter = _Meter(limit)
        try:
            with tmp.open("xb") as out:
                for chunk in meter.chunks(source):
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            stored = meter.stored()
            final = self.path_for(stored.sha256)
            if final.exists() and file_sha256(final) == stored.sha256:
                tmp.unlink()
            else:
                # New content, or a stored copy that no longer matches its name: put the
                # verified bytes in place.
                final.parent.mkdir(parents=True, exist_ok=True)
                if final.exists():
                    os.chmod(final, stat.S_IRUSR | stat.S_IWUSR)
                os.chmod(tmp, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
                os.replace(tmp, final)
                _fsync_folder(final.parent)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return stored

    def chunks(self, session: ZeroMileSession, sha256: str) -> Iterator[bytes]:
        path = self.path_for(sha256)
        try:
            handle = path.open("rb")
        except FileNotFoundError as exc:
            raise BlobMissingError(f"blob {sha256} is missing from {self.root}") from exc
        with handle:
            while chunk := handle.read(CHUNK):
                yield chunk

    def sweep_incoming(self) -> int:
        """Remove leftovers of ingests that were interrupted (never visible as blobs)."""
        folder = self.root / "incoming"
        if not folder.is_dir():
            return 0
        removed = 0
        for part in folder.glob("*.part"):
            part.unlink(missing_ok=True)
            removed += 1
        return removed


class DatabaseBlobStore:
    """Blobs as ordered chunks in the store itself: every workstation reaches them."""

    kind = "database"

    def location(self) -> str:
        return "the database"

    def put(self, session: ZeroMileSession, source: BinaryIO, *, limit: int) -> Stored:
        # Chunks go in by plain INSERTs: no ORM objects, so memory stays at one chunk.
        table = BlobChunk.__table__  # type: ignore[attr-defined]
        conn = session.connection()
        upload = uuid.uuid4().hex
        meter = _Meter(limit)
        seq = 0
        buffer = bytearray()

        def flush() -> None:
            nonlocal seq
            conn.execute(sa.insert(table).values(upload_id=upload, seq=seq, data=bytes(buffer)))
            seq += 1
            buffer.clear()

        for chunk in meter.chunks(source):
            buffer += chunk
            if len(buffer) >= DB_CHUNK:
                flush()
        if buffer:
            flush()
        stored = meter.stored()
        sha = stored.sha256
        already = conn.execute(sa.select(table.c.id).where(table.c.sha256 == sha).limit(1)).first()
        if already is not None:
            # Identical content is stored already: this upload's copy is not kept.
            conn.execute(sa.delete(table).where(table.c.upload_id == upload))
        else:
            conn.execute(sa.update(table).where(table.c.upload_id == upload).values(sha256=sha))
        return stored

    def chunks(self, session: ZeroMileSession, sha256: str) -> Iterator[bytes]:
        ids = session.exec(
            select(BlobChunk.id).where(BlobChunk.sha256 == sha256).order_by(col(BlobChunk.seq))
        ).all()
        if not ids and sha256 != EMPTY_SHA256:
            raise BlobMissingError(
                f"blob {sha256} is not in the database (is this workstation's evidence "
                "location set like the others'?)"
            )
        for chunk_id in ids:
            data = session.exec(select(BlobChunk.data).where(BlobChunk.id == chunk_id)).one()
            yield bytes(data)


def copy_out(store: BlobStore, session: ZeroMileSession, sha256: str, target: BinaryIO) -> str:
    """Write a blob to ``target`` and return the SHA-256 of what was written."""
    digest = hashlib.sha256()
    for chunk in store.chunks(session, sha256):
        digest.update(chunk)
        target.write(chunk)
    return digest.hexdigest()


def rehash(store: BlobStore, session: ZeroMileSession, sha256: str) -> str:
    """The SHA-256 of the bytes stored under ``sha256`` (differs if they were altered)."""
    digest = hashlib.sha256()
    for chunk in store.chunks(session, sha256):
        digest.update(chunk)
    return digest.hexdigest()


def folder_for_sqlite(db_path: Path) -> Path:
    """``zeromile.db`` keeps its evidence in ``zeromile-evidence`` beside it."""
    return db_path.with_name(f"{db_path.stem}-evidence")
