"""Entry point of the ``zeromile`` command.

Contract: exit 0 on success, 1 when a check found a problem, 2 on bad usage
or input (including a store that cannot be opened, a full disk or a denied
permission), 130 when cancelled, 141 when the reader of the output went away
(a pipe to ``head``). Errors are one line on stderr; ``--debug`` adds the
traceback. ``zeromile`` with no command opens
the desktop application.
"""

from __future__ import annotations

import argparse
import errno
import gc
import logging
import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn, TextIO

from core import __version__
from core.cli import (
    case_commands,
    evidence_commands,
    export_commands,
    import_commands,
    people_commands,
    record_commands,
    review_commands,
    rules_commands,
    store_commands,
)
from core.cli.context import CommandContext
from core.cli.output import TerminalStream, ensure_utf8_streams, safe_text
from core.errors import Cancelled, CheckFailed, UserFacingError

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_USAGE = 2
EXIT_CANCELLED = 130


class UsageError(Exception):
    """Bad command-line usage, reported in one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="zeromile",
        description="ZeroMile Case Desk: cases, vehicles, evidence and findings on "
        "zero-mileage used-car imports. Without a command, opens the desktop application.",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="SQLite file or postgresql:// URL "
        "(default: ZEROMILE_DB, then settings, then the user data folder)",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks and SQL errors")
    parser.add_argument("--version", action="version", version=f"zeromile {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    gui = sub.add_parser("gui", help="open the desktop application")
    gui.add_argument(
        "--screenshot", type=Path, metavar="PATH",
        help="render the window (1280x800, first case open) to a PNG and exit",
    )  # fmt: skip
    case_commands.register(sub)
    review_commands.register(sub)
    record_commands.register(sub)
    people_commands.register(sub)
    rules_commands.register(sub)
    evidence_commands.register(sub)
    export_commands.register(sub)
    import_commands.register(sub)
    store_commands.register(sub)
    return parser


#: Exit code when the reader of our output went away (``zeromile case list | head``),
#: as a shell reports a program ended by SIGPIPE (128 + 13).
EXIT_OUTPUT_CLOSED = 141
_MAX_INTERNAL = 300

#: OS errors a user or the machine causes (disk full, quota, permissions, read-only).
_ENVIRONMENT_ERRNOS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EPERM, errno.EROFS, errno.EFBIG}
)


def _fail(message: str, code: int) -> int:
    """Print one ``zeromile: error:`` line on stderr (values in it neutralised)."""
    try:
        print(f"zeromile: error: {safe_text(message)}", file=sys.stderr)
        sys.stderr.flush()
    except OSError:
        pass  # stderr itself is closed: the exit code is all that is left to say it
    return code


def _one_line(text: str) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first if len(first) <= _MAX_INTERNAL else first[: _MAX_INTERNAL - 1] + "…"


def environment_error(exc: BaseException) -> OSError | None:
    """The OS error (disk full, permission denied, ...) behind ``exc``, if one is.

    Libraries often wrap the OS error (``raise ... from``), so the causes are searched.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and not isinstance(current, BrokenPipeError):
            if current.errno in _ENVIRONMENT_ERRNOS or current.filename is not None:
                return current
            if "temporary directory" in str(current):
                return current
        current = current.__cause__ or current.__context__
    return None


def describe_os_error(exc: OSError) -> str:
    """One line naming the path and what the system said; nothing was saved."""
    reason = exc.strerror or _one_line(str(exc)) or type(exc).__name__
    if exc.filename is not None:
        where = str(exc.filename)
        if exc.filename2 is not None:
            where += f" -> {exc.filename2}"
    elif "temporary directory" in str(exc):
        where, reason = f"temporary folder {tempfile.gettempdir()}", _one_line(str(exc))
    else:
        where = f"writing a file (temporary folder {tempfile.gettempdir()})"
    return f"{where}: {reason}; nothing was saved"


def _output_closed(stdout: TextIO) -> int:
    """The reader of stdout has gone: stop quietly, and keep the final flush quiet too
    (what is still buffered goes to the null device, not to a closed pipe)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
    return EXIT_OUTPUT_CLOSED


GuiOpener = Callable[[str | None, Path | None], int]


def run(argv: Sequence[str] | None = None, *, open_gui: GuiOpener | None = None) -> int:
    """Run one command and return its exit code (never raises for user errors).

    ``open_gui(db)`` is called when no command is given; the launcher in
    ``gui`` passes it, so the core never imports the GUI. While a command runs,
    stdout and stderr neutralise control characters (``core.cli.output``). When the
    reader of stdout goes away (a pipe to ``head``), the command stops without a
    message and returns :data:`EXIT_OUTPUT_CLOSED`.
    """
    ensure_utf8_streams()
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = TerminalStream(stdout), TerminalStream(stderr)
    try:
        code = _run(argv, open_gui)
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            return _output_closed(stdout)
        return code
    except BrokenPipeError:
        return _output_closed(stdout)
    except SystemExit:  # --help and --version print, then exit
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            _output_closed(stdout)
        raise
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def _run(argv: Sequence[str] | None, open_gui: GuiOpener | None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as exc:
        return _fail(str(exc), EXIT_USAGE)
    if args.debug:
        logging.basicConfig(level=logging.INFO)
    if args.command is None:
        if open_gui is None:
            return _fail("no command given (see 'zeromile --help')", EXIT_USAGE)
        return open_gui(args.db, None)
    if args.command == "gui":
        if open_gui is None:
            return _fail("the desktop application is not available here", EXIT_USAGE)
        return open_gui(args.db, args.screenshot)
    with _quiet_cleanup(debug=args.debug):
        return _handle(args)


@contextmanager
def _quiet_cleanup(*, debug: bool) -> Iterator[None]:
    """After a failure, half-written files and generators are cleaned up when collected,
    and each complains ("Exception ignored in ...") on stderr, often at interpreter exit.
    The failure was already reported in one line, so these stay quiet (shown with
    ``--debug``), and the cleanup runs here rather than at exit."""
    previous = sys.unraisablehook
    if not debug:
        sys.unraisablehook = _ignore_unraisable
    try:
        yield
    finally:
        gc.collect()
        sys.unraisablehook = previous


def _ignore_unraisable(_unraisable: Any) -> None:
    return None


def _handle(args: argparse.Namespace) -> int:
    ctx = CommandContext(args)
    try:
        code: int = args.handler(ctx)
        return code
    except CheckFailed as exc:
        if args.debug:
            traceback.print_exc()
        return _fail(str(exc), EXIT_PROBLEM)
    except UserFacingError as exc:
        if args.debug:
            traceback.print_exc()
        return _fail(str(exc), EXIT_USAGE)
    except (Cancelled, KeyboardInterrupt):
        return _fail("cancelled; nothing was saved", EXIT_CANCELLED)
    except BrokenPipeError:
        raise
    except Exception as exc:
        if args.debug:
            traceback.print_exc()
        cause = environment_error(exc)
        if cause is not None:
            return _fail(describe_os_error(cause), EXIT_USAGE)
        if args.debug:
            return _fail(f"internal error: {_one_line(repr(exc))}", EXIT_USAGE)
        return _fail(
            f"internal error ({type(exc).__name__}: {_one_line(str(exc))}); "
            "run with --debug for details",
            EXIT_USAGE,
        )
    finally:
        ctx.close()


def main() -> NoReturn:
    """Command-line only entry point (``python -m core.cli.main``)."""
    sys.exit(run())


if __name__ == "__main__":
    main()
