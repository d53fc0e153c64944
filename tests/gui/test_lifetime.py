"""Object lifetimes under stress, checked in a fresh process.

``stress_case_switching.py`` switches cases over and over while saves, reads and jobs are
in flight (a case of thousands of vehicles, an unsaved vehicle discarded on leaving). It
runs in its own interpreter so that a crash is a failed test here, not the end of the
run, and so that what the process leaves at exit shows: the multiprocessing resource
tracker warns of leaked semaphores when worker pools and queues are not shut down.

Qt warnings fail it. With a virtual X server (Xvfb) and Qt's X11 platform libraries at
hand it runs on the real xcb platform with ``QT_FATAL_WARNINGS=1`` (the first warning
aborts, with faulthandler's tracebacks); otherwise offscreen, where pytest-qt fails the
test on any warning but the offscreen platform's own "does not support
propagateSizeHints()" (which, being fatal there, rules out ``QT_FATAL_WARNINGS``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from gui.platform_check import platform_problem

STRESS = Path(__file__).with_name("stress_case_switching.py")
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints"


@pytest.fixture
def x_display() -> Iterator[str | None]:
    """A display of a throw-away Xvfb when one can be started and Qt's xcb platform has
    its libraries; else None."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None or platform_problem({"QT_QPA_PLATFORM": "xcb"}) is not None:
        yield None
        return
    with tempfile.TemporaryFile("w+") as number:
        server = subprocess.Popen(
            [xvfb, "-displayfd", str(number.fileno()), "-screen", "0", "1280x1024x24",
             "-nolisten", "tcp"],
            pass_fds=(number.fileno(),), stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and not number.tell():
                time.sleep(0.05)
            number.seek(0)
            display = number.read().strip()
            yield f":{display}" if display else None
        finally:
            server.terminate()
            server.wait(10)


def test_switching_cases_under_load_crashes_nothing_and_leaves_nothing(
    x_display: str | None, tmp_path: Path
) -> None:
    env = dict(os.environ, PYTHONFAULTHANDLER="1", ZEROMILE_HOME=str(tmp_path / "home"))
    command = [sys.executable, "-X", "faulthandler", "-m", "pytest", "-q", "-p",
               "no:cacheprovider", "-o", "faulthandler_timeout=500", str(STRESS)]  # fmt: skip
    if x_display is not None:
        env |= {"QT_QPA_PLATFORM": "xcb", "DISPLAY": x_display, "QT_FATAL_WARNINGS": "1"}
        command += ["--no-qt-log", "-s"]  # Qt's own handler prints the fatal warning
    else:
        env["QT_QPA_PLATFORM"] = "offscreen"
        command += ["-o", "qt_log_level_fail=WARNING", "-o", f"qt_log_ignore={OFFSCREEN_NOISE}"]
    done = subprocess.run(
        command, env=env, cwd=Path(__file__).parents[2], capture_output=True, text=True,
        timeout=900,
    )  # fmt: skip
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-6000:]
    assert "1 passed" in done.stdout, output[-6000:]
    assert "leaked semaphore" not in output and "resource_tracker" not in output, output[-6000:]
    assert "Fatal Python error" not in output and "Traceback" not in done.stderr, output[-6000:]
