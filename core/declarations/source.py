"""A declaration file's private working copy: the bytes that are parsed, hashed and stored.

An import must record what it parsed. Reading the user's path more than once (to hash
it, to parse it, to store it as an exhibit) records a mix of files if the path is
replaced or still being written meanwhile. So the file is copied once into a scratch
folder of its own (:func:`core.scratch.work_folder`: a killed process leaves it for
``zeromile store sweep``), hashed while it is copied, and everything after that reads
the copy. A file whose size, modification time or identity moved while it was copied
is refused: the copy would be of no version the user can point to.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from core import settings
from core.errors import UserFacingError
from core.scratch import work_folder

#: Bytes read per step of the copy.
CHUNK = 1 << 20


class DeclarationFileError(UserFacingError):
    """A declaration file that cannot be read (or changed while it was read); nothing was
    written."""


@dataclass(frozen=True)
class SourceFile:
    """The working copy of ``original``: ``path`` (same file name, in a scratch folder),
    the SHA-256 and size of exactly those bytes."""

    original: Path
    path: Path
    sha256: str
    size: int

    @property
    def name(self) -> str:
        return self.original.name


def _identity(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def _changed(path: Path) -> DeclarationFileError:
    return DeclarationFileError(
        f"{path.name} changed while it was being read (still being written?); nothing was imported"
    )


def _unreadable(path: Path, exc: OSError) -> DeclarationFileError:
    return DeclarationFileError(f"cannot read {path}: {exc.strerror or exc}")


@contextmanager
def working_copy(
    path: Path,
    *,
    size_limit: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[SourceFile]:
    """Copy ``path`` once into a scratch folder and yield the copy; remove it after.

    Refuses (:class:`DeclarationFileError`, one line) a missing path, a folder, a file
    over ``size_limit`` bytes (default: the import limit of the settings), an unreadable
    file, and a file that changed while it was copied: its size or modification time
    moved, more or fewer bytes were read than it had, or the path now names another
    file. A scratch folder that cannot be written (a full ``TMPDIR``) is one line too.
    ``progress(bytes copied)`` is called after each chunk.
    """
    limit = settings.import_limit() if size_limit is None else size_limit
    try:
        before = path.stat()
    except FileNotFoundError as exc:
        raise DeclarationFileError(f"{path}: no such file") from exc
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    if path.is_dir():
        raise DeclarationFileError(f"{path} is a folder, not a declaration file")
    if before.st_size > limit:
        raise DeclarationFileError(
            f"{path.name} is {before.st_size / 1e6:.1f} MB; the limit is {limit / 1e6:.0f} MB"
        )
    try:
        src = path.open("rb")
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    with ExitStack() as stack:
        stack.enter_context(src)
        try:
            folder = stack.enter_context(work_folder("import"))
        except OSError as exc:
            raise _no_room(path, exc) from exc
        copy = folder / path.name
        digest = hashlib.sha256()
        copied = 0
        with _writing(path, copy) as dst:
            if _identity(os.fstat(src.fileno())) != _identity(before):
                raise _changed(path)
            while chunk := _read(src, path):
                copied += len(chunk)
                if copied > limit:
                    raise _changed(path)
                digest.update(chunk)
                dst.write(chunk)
                if progress is not None:
                    progress(copied)
            read_to_end = os.fstat(src.fileno())
        try:
            after = path.stat()
        except OSError as exc:  # removed or renamed while being read
            raise _changed(path) from exc
        if (
            copied != before.st_size
            or _identity(read_to_end) != _identity(before)
            or _identity(after) != _identity(before)
        ):
            raise _changed(path)
        src.close()
        yield SourceFile(path, copy, digest.hexdigest(), copied)


def _no_room(path: Path, exc: OSError) -> DeclarationFileError:
    return DeclarationFileError(
        f"cannot copy {path.name} into the temporary folder to read it: "
        f"{exc.strerror or exc}; nothing was imported"
    )


@contextmanager
def _writing(path: Path, copy: Path) -> Iterator[BinaryIO]:
    """The copy open for writing; a write that fails (no space) is one line."""
    try:
        with copy.open("xb") as dst:
            yield dst
    except DeclarationFileError:
        raise
    except OSError as exc:
        raise _no_room(path, exc) from exc


def _read(handle: BinaryIO, path: Path) -> bytes:
    try:
        return handle.read(CHUNK)
    except OSError as exc:
        raise _unreadable(path, exc) from exc


def opened(source: Path | SourceFile) -> AbstractContextManager[SourceFile]:
    """A working copy of ``source``: a path is copied now; a copy is used as it is."""
    if isinstance(source, SourceFile):
        return nullcontext(source)
    return working_copy(source)
