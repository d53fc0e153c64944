"""Scratch folders that a killed process cannot leave behind for good.

Long operations (an export, an import's working copy) work in a folder of their own
under the system's temporary directory. The owning process holds an exclusive lock on
a file inside it for as long as the folder is in use, so a later :func:`sweep` can tell
a folder whose owner died (the lock is free) from one still in use (the lock is held),
without trusting process ids, which are reused.
"""

from __future__ import annotations

import errno
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

#: Every scratch folder's name starts with this.
PREFIX = "zeromile-work-"
_LOCK_NAME = ".owner.lock"
#: A folder younger than this whose lock file is missing or empty is being set up.
_SETTING_UP_S = 60.0
#: errno values meaning "another process holds the lock" (the rest: no locks here).
_HELD = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, getattr(errno, "EDEADLOCK", -1)}


class LocksUnsupported(OSError):
    """The file system refuses locks (some network shares): liveness cannot be proven."""


def scratch_root() -> Path:
    """Where scratch folders are made: the system's temporary directory (``TMPDIR``)."""
    return Path(tempfile.gettempdir())


def try_lock(handle: IO[bytes]) -> bool:
    """Take an exclusive, non-blocking lock on ``handle``; false if another holds it.

    The lock lasts until the handle is closed or its process dies (then the system drops
    it), so a free lock on a leftover file means its writer is gone. It is advisory and
    also works between workstations on a shared folder whose file system supports locks.
    Raises :class:`LocksUnsupported` when the file system refuses locks altogether.
    """
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in _HELD:
            return False
        raise LocksUnsupported(exc.errno, f"cannot lock files here: {exc.strerror}") from exc
    return True


@contextmanager
def work_folder(kind: str) -> Iterator[Path]:
    """Yield a new, empty folder for ``kind`` (``"export"``, ``"import"``); remove it after.

    The folder is locked while the block runs; if the process is killed, the folder is
    left behind unlocked and :func:`sweep` removes it.
    """
    folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{kind}-", dir=scratch_root()))
    try:
        with (folder / _LOCK_NAME).open("wb") as lock:
            _lock_new(lock)
            lock.write(f"{os.getpid()}\n".encode())  # set up: a sweep may judge it now
            lock.flush()
            yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _lock_new(lock: IO[bytes]) -> None:
    """Lock a new folder's lock file. A sweep may hold it for an instant (it then sees an
    empty lock file in a young folder and lets go); without locks the folder is kept by
    every sweep, which cannot judge it."""
    for _ in range(100):
        try:
            if try_lock(lock):
                return
        except LocksUnsupported:
            return
        time.sleep(0.01)
    raise OSError(f"cannot lock the new scratch folder {Path(lock.name).parent}")


def _young(folder: Path) -> bool:
    try:
        return time.time() - folder.stat().st_mtime < _SETTING_UP_S
    except OSError:
        return True


def _abandoned(folder: Path) -> bool:
    lock_path = folder / _LOCK_NAME
    try:
        handle = lock_path.open("rb+")
    except FileNotFoundError:
        return not _young(folder)  # killed before the lock file was made, or being set up
    except OSError:
        return False  # not ours to judge (permissions): leave it
    with handle:
        try:
            if not try_lock(handle):
                return False  # its owner is alive
        except LocksUnsupported:
            return False
        # Locked by us: abandoned, unless it is still being set up (no owner mark yet).
        return bool(handle.read(1)) or not _young(folder)


def sweep(root: Path | None = None) -> list[Path]:
    """Remove scratch folders whose owner is gone; return the folders removed.

    A folder still locked by a running process is left alone.
    """
    removed: list[Path] = []
    base = scratch_root() if root is None else root
    try:
        candidates = sorted(base.glob(f"{PREFIX}*"))
    except OSError:
        return removed
    for folder in candidates:
        if folder.is_dir() and not folder.is_symlink() and _abandoned(folder):
            shutil.rmtree(folder, ignore_errors=True)
            if not folder.exists():
                removed.append(folder)
    return removed
