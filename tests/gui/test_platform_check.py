"""A missing system library of Qt's X11 platform is named, with the packages to install,
in one line (exit 2), instead of Qt's abort (exit 134) advising a reinstall.

No display is needed: the check runs before any connection to one.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from gui import platform_check

ABSENT = "libzeromile-absent.so.9"
FAKE = {ABSENT: ("zeromile-absent9", "zeromile-absent")}

# The real ``zeromile gui`` entry, with one more library the platform "needs": one that
# exists nowhere.
LAUNCH = f"""
import sys
import gui.platform_check as check
check.XCB_LIBRARIES = {{**check.XCB_LIBRARIES, {ABSENT!r}: {FAKE[ABSENT]!r}}}
check._plugin_path = lambda name: None  # so each library is tried, the absent one too
from gui.launcher import main
sys.argv = ["zeromile", "gui"]
main()
"""


def test_a_missing_platform_library_is_named_with_its_packages_before_qt_starts(
    tmp_path: Path,
) -> None:
    env = os.environ | {
        "QT_QPA_PLATFORM": "xcb",
        "DISPLAY": ":97",  # no server there: the check must not need one
        "ZEROMILE_HOME": str(tmp_path / "home"),
    }
    done = subprocess.run(
        [sys.executable, "-c", LAUNCH], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("zeromile: error: the window cannot open")
    assert ABSENT in lines[0]
    assert "sudo apt install " in lines[0] and "zeromile-absent9" in lines[0]
    assert "(Debian/Ubuntu)" in lines[0] and "zeromile-absent (Fedora)" in lines[0]
    assert "einstall" not in done.stderr  # not Qt's "reinstalling may fix this"


def test_the_loader_names_what_the_plugin_lacks(tmp_path: Path) -> None:
    """The plugin itself fails to load: the library the loader names is reported."""
    missing = platform_check.missing_libraries(tmp_path / "libqxcb.so", FAKE)
    assert missing == ["libqxcb.so", ABSENT]


def test_only_the_xcb_platform_is_checked() -> None:
    linux = sys.platform.startswith("linux")
    assert platform_check.platform_to_use({"QT_QPA_PLATFORM": "offscreen"}) == "offscreen"
    assert platform_check.platform_to_use({"QT_QPA_PLATFORM": "xcb:nograb"}) == "xcb"
    assert platform_check.platform_to_use({"DISPLAY": ":0"}) == ("xcb" if linux else None)
    wayland = {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}
    assert platform_check.platform_to_use(wayland) is None
    assert platform_check.platform_problem({"QT_QPA_PLATFORM": "offscreen"}, libraries=FAKE) is None


def test_the_hint_names_debian_and_fedora_packages_once_each() -> None:
    hint = platform_check.install_hint(
        ["libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-shape.so.0", "libxcb-randr.so.0"]
    )
    assert "sudo apt install libxcb-icccm4 libxcb-keysyms1 libxcb-randr0 libxcb-shape0" in hint
    assert "sudo dnf install libxcb xcb-util-keysyms xcb-util-wm (Fedora)" in hint
    assert "\n" not in hint
