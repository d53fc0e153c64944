"""Content-addressed blob storage: a folder of files, or chunks inside PostgreSQL.

Both stream: the source is read in 1 MiB chunks while it is hashed, so a 2 GB
video never sits in memory, and a source over the size limit is refused before
anything is kept. A blob becomes visible only whole:

- folder: bytes go to a ``incoming/<random>.part`` file, locked by its writer for as
  long as it is written, are flushed to disk, then linked into ``ab/cd/<sha256>``
  (atomic; content already there is verified and kept) and made read-only. A part left
  by a killed ingest is unlocked, so :meth:`FolderBlobStore.sweep_incoming` removes it,
  and never one that a live ingest (perhaps on another workstation) is writing;
- database: chunks are written in the caller's transaction, so an interrupted
  ingest rolls back with everything else.

Storing the same new content from several workstations at once keeps one copy and
fails none of them. On PostgreSQL the server checks an upload before it keeps it (see
``zeromile_store_upload`` in :mod:`core.persistence.pg_security`): bytes that do not
have their hash are refused, and so, above 256 MiB, bytes that differ from a copy stored
already. Errors writing (a full disk, a folder one may not write to) are a
:class:`EvidenceWriteError` with nothing kept.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO, Protocol

import sqlalchemy as sa
from sqlmodel import col, select

from core.domain.evidence import BlobChunk
from core.errors import Cancelled, IntegrityFailure, UserFacingError
from core.persistence import audit_chain
from core.persistence.pg_security import SERVER_HASHED
from core.persistence.store import ZeroMileSession, describe_db_error
from core.scratch import LocksUnsupported, try_lock

CHUNK = 1024 * 1024
#: New part names tried before giving up (each is only lost to a sweep's instant).
_PART_ATTEMPTS = 20
DB_CHUNK = 4 * 1024 * 1024
DEFAULT_LIMIT = 2 * 1024**3
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


class TooLargeError(UserFacingError):
    """The source exceeds the configured evidence size limit; nothing was kept."""


class BlobMissingError(UserFacingError):
    """A blob that the store says exists cannot be found."""


class BlobUnreadableError(UserFacingError):
    """A blob exists but cannot be read (permissions, an I/O error); the message names it."""


class EvidenceWriteError(UserFacingError):
    """The blob store could not be written (a full disk, no permission); nothing was kept."""


class SourceReadError(UserFacingError):
    """The file being stored could not be read to its end; nothing was kept."""


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    if exc.errno == errno.EFBIG:
        return "the file is larger than this file system or account allows"
    return exc.strerror or str(exc)


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

    def __init__(self, limit: int, why: str = "the evidence limit") -> None:
        self.limit = limit
        self.why = why
        self.digest = hashlib.sha256()
        self.size = 0
        self.head = b""

    def chunks(self, source: BinaryIO) -> Iterator[bytes]:
        while chunk := self._read(source):
            self.size += len(chunk)
            if self.size > self.limit:
                raise TooLargeError(
                    f"file is larger than {self.why} of {self.limit:,} bytes; not stored"
                )
            if len(self.head) < self.HEAD:
                self.head += chunk[: self.HEAD - len(self.head)]
            self.digest.update(chunk)
            yield chunk

    def _read(self, source: BinaryIO) -> bytes:
        try:
            return source.read(CHUNK)
        except OSError as exc:
            raise SourceReadError(
                f"cannot read the file after {self.size:,} bytes: {_reason(exc)}; not stored"
            ) from exc

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
        try:
            tmp_dir.mkdir(parents=True, exist_ok=True)
            tmp, out = self._new_part(tmp_dir)
        except OSError as exc:
            raise EvidenceWriteError(
                f"cannot store evidence in {self.root}: {_reason(exc)}; nothing was stored"
            ) from exc
        meter = _Meter(limit)
        try:
            with out:
                for chunk in meter.chunks(source):
                    self._write(out, chunk)
                self._write(out, b"", sync=True)
                stored = meter.stored()
                final = self.path_for(stored.sha256)
                try:
                    ours = self._place(tmp, final, stored.sha256)
                except OSError as exc:
                    raise EvidenceWriteError(
                        f"cannot store evidence in {self.root}: {_reason(exc)}; nothing was stored"
                    ) from exc
        finally:
            _discard(tmp)  # closed first: Windows cannot remove an open file
        if ours:
            # Read-only only now: the part is the same file, and Windows refuses to remove
            # a read-only file.
            try:
                os.chmod(final, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
            except OSError as exc:
                raise EvidenceWriteError(
                    f"cannot store evidence in {self.root}: {_reason(exc)}; nothing was stored"
                ) from exc
        return stored

    def _write(self, out: IO[bytes], chunk: bytes, *, sync: bool = False) -> None:
        try:
            view = memoryview(chunk)
            while view:  # unbuffered: nothing is left to fail again when the file closes
                view = view[out.write(view) or 0 :]
            if sync:
                os.fsync(out.fileno())
        except OSError as exc:
            raise EvidenceWriteError(
                f"cannot store evidence in {self.root}: {_reason(exc)}; nothing was stored"
            ) from exc

    @staticmethod
    def _new_part(folder: Path) -> tuple[Path, IO[bytes]]:
        """A new part file, locked; the lock proves to sweeps that its writer is alive.

        A sweep may lock and remove a part in the instant between its creation and our
        lock; so the part counts as ours only once we hold its lock and its name still
        leads to the file we locked. On a file system that refuses locks the part is
        written unlocked: sweeps cannot judge it either, so they keep it."""
        for _ in range(_PART_ATTEMPTS):
            path = folder / f"{uuid.uuid4().hex}.part"
            handle = path.open("xb", buffering=0)
            try:
                locked = try_lock(handle)
            except LocksUnsupported:
                return path, handle
            if locked:
                try:
                    mine = os.fstat(handle.fileno())
                    there = os.stat(path)
                    if (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino):
                        return path, handle
                except FileNotFoundError:
                    pass
            handle.close()
            _discard(path)
        raise OSError(errno.EAGAIN, f"could not lock a new part file in {folder}")

    def _place(self, tmp: Path, final: Path, sha256: str) -> bool:
        """Give ``tmp``'s verified bytes the name ``final``; content already there under
        that name is kept if it matches (another workstation stored it first). True if
        ``final`` is now our file (to be made read-only once ``tmp`` is removed)."""
        final.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(tmp, final)
        except FileExistsError:
            try:
                if file_sha256(final) == sha256:
                    return False
            except OSError:
                pass  # unreadable copy: replace it with the verified bytes below
            # A stored copy that no longer matches its name: put the verified bytes in place.
            os.chmod(final, stat.S_IRUSR | stat.S_IWUSR)
            os.replace(tmp, final)
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
                raise
            # A file system without hard links: a rename, which replaces equal content.
            os.replace(tmp, final)
        _fsync_folder(final.parent)
        return True

    def chunks(self, session: ZeroMileSession, sha256: str) -> Iterator[bytes]:
        path = self.path_for(sha256)
        try:
            handle = path.open("rb")
        except FileNotFoundError as exc:
            raise BlobMissingError(f"blob {sha256} is missing from {self.root}") from exc
        except OSError as exc:
            raise BlobUnreadableError(f"cannot read {path}: {_reason(exc)}") from exc
        with handle:
            while True:
                try:
                    chunk = handle.read(CHUNK)
                except OSError as exc:
                    raise BlobUnreadableError(f"cannot read {path}: {_reason(exc)}") from exc
                if not chunk:
                    return
                yield chunk

    def sweep_incoming(self) -> list[Path]:
        """Remove the part files of ingests that were killed; return the files removed.

        A part whose writer is alive holds its lock and is kept, whichever workstation
        writes it. A part that cannot be opened (permissions) is left alone.
        """
        folder = self.root / "incoming"
        try:
            parts = sorted(folder.glob("*.part"))
        except OSError:
            return []
        return [part for part in parts if _remove_if_abandoned(part)]


def _remove_if_abandoned(part: Path) -> bool:
    try:
        handle = part.open("rb+")
    except FileNotFoundError:
        return False
    except OSError:
        return False  # not ours to judge
    with handle:
        try:
            if not try_lock(handle):
                return False  # a live ingest is writing it
            mine, there = os.fstat(handle.fileno()), os.stat(part)
        except OSError:  # locks refused here, or the part went: not ours to judge
            return False
        if (mine.st_dev, mine.st_ino) != (there.st_dev, there.st_ino):
            return False
    # Removed once closed (Windows cannot remove an open file); the name is a fresh
    # uuid that no writer reuses, so nothing can have taken it meanwhile.
    return _discard(part)


def _discard(path: Path) -> bool:
    """Remove a part file; true if it is gone. Never raises."""
    try:
        path.unlink(missing_ok=True)
    except OSError:
        return False
    return True


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
        if conn.dialect.name == "postgresql" and limit > SERVER_HASHED:
            # The server hashes what it keeps, whole, in memory: larger files go to a
            # shared evidence folder (ZEROMILE_EVIDENCE_DIR) instead.
            meter = _Meter(
                SERVER_HASHED,
                "what the shared store's database keeps (larger files need a shared "
                "evidence folder, ZEROMILE_EVIDENCE_DIR): a limit",
            )
        else:
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
        if conn.dialect.name == "postgresql":
            # Another unit's copy is hidden from this login: the server hashes this upload,
            # compares it with that copy or stores it, and records that the login holds
            # the content (taking the writers' lock itself, once it has hashed).
            try:
                conn.execute(
                    sa.text("SELECT zeromile_store_upload(:u, :sha)"), {"u": upload, "sha": sha}
                )
            except sa.exc.DBAPIError as exc:
                if getattr(exc.orig, "sqlstate", None) != "22000":  # data_exception
                    raise
                raise IntegrityFailure(describe_db_error(exc)) from exc
            return stored
        # Under the writers' lock, so two transactions storing the same new content cannot
        # both decide that theirs is the first copy (see ``audit_chain.lock``).
        audit_chain.lock(conn)
        already = (
            conn.execute(sa.select(table.c.id).where(table.c.sha256 == sha).limit(1)).first()
            is not None
        )
        if already:
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


def read_verified(
    store: BlobStore,
    session: ZeroMileSession,
    sha256: str,
    *,
    sink: Callable[[bytes], object] | None = None,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> str:
    """Stream the blob stored under ``sha256`` to ``sink`` (if any), hashing as it goes,
    and return the SHA-256 of the bytes read: it differs from ``sha256`` when the stored
    bytes were altered, and the caller decides whether that refuses (an export), flags
    (a preview) or reports (a verification). The one place a blob is re-hashed.

    ``progress(bytes read)`` follows each chunk; when ``cancelled()`` turns true,
    :class:`~core.errors.Cancelled` is raised.
    """
    digest = hashlib.sha256()
    done = 0
    for chunk in store.chunks(session, sha256):
        if cancelled is not None and cancelled():
            raise Cancelled()
        digest.update(chunk)
        if sink is not None:
            sink(chunk)
        done += len(chunk)
        if progress is not None:
            progress(done)
    return digest.hexdigest()


def folder_for_sqlite(db_path: Path) -> Path:
    """``zeromile.db`` keeps its evidence in ``zeromile-evidence`` beside it."""
    return db_path.with_name(f"{db_path.stem}-evidence")
