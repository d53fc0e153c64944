"""Entry point of the ``zeromile`` command.

Contract: exit 0 on success, 1 when a check found a problem, 2 on bad usage
or input (including a store that cannot be opened). Errors are one line on
stderr; ``--debug`` adds the traceback. ``zeromile`` with no command opens
the desktop application.
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from core import __version__
from core.cli import (
    case_commands,
    evidence_commands,
    export_commands,
    import_commands,
    record_commands,
    rules_commands,
    store_commands,
)
from core.cli.context import CommandContext
from core.cli.output import ensure_utf8_streams
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
    record_commands.register(sub)
    rules_commands.register(sub)
    evidence_commands.register(sub)
    export_commands.register(sub)
    import_commands.register(sub)
    store_commands.register(sub)
    return parser


def _fail(message: str, code: int) -> int:
    print(f"zeromile: error: {message}", file=sys.stderr)
    return code


GuiOpener = Callable[[str | None, Path | None], int]


def run(argv: Sequence[str] | None = None, *, open_gui: GuiOpener | None = None) -> int:
    """Run one command and return its exit code (never raises for user errors).

    ``open_gui(db)`` is called when no command is given; the launcher in
    ``gui`` passes it, so the core never imports the GUI.
    """
    ensure_utf8_streams()
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
    except Exception as exc:
        if args.debug:
            traceback.print_exc()
            return _fail(f"internal error: {exc!r}", EXIT_USAGE)
        return _fail(
            f"internal error ({type(exc).__name__}: {exc}); run with --debug for details",
            EXIT_USAGE,
        )
    finally:
        ctx.close()


def main() -> NoReturn:
    """Command-line only entry point (``python -m core.cli.main``)."""
    sys.exit(run())


if __name__ == "__main__":
    main()
