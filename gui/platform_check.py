"""Before the window opens: are the system libraries of Qt's platform plugin there?

Qt's X11 platform (``xcb``) needs system libraries that a stock desktop may lack (on
Debian, ``libxcb-cursor0``, ``libxcb-icccm4`` and ``libxcb-keysyms1``). Without them Qt
aborts (exit 134) with a hint that reinstalling may help, which it does not. This
check loads the plugin the way Qt will (``dlopen``, through ctypes: no subprocess, a
few milliseconds) and, when that fails, names the libraries that are missing and the
packages to install. It imports only QtCore, which needs none of those libraries.
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path

#: The system libraries the Qt 6 xcb platform plugin loads, with the packages that
#: ship them: (Debian/Ubuntu, Fedora).
XCB_LIBRARIES: Mapping[str, tuple[str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
}

_MISSING = re.compile(r"([\w.+-]+\.so[\w.]*): cannot open shared object file")


def platform_to_use(environ: Mapping[str, str] | None = None) -> str | None:
    """The Qt platform plugin the window will start on, as far as it matters here:
    ``QT_QPA_PLATFORM`` (its first choice), else ``xcb`` on Linux with an X display
    outside a Wayland session; None when Qt picks something else."""
    env = os.environ if environ is None else environ
    chosen = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen:
        return chosen
    if not sys.platform.startswith("linux") or not env.get("DISPLAY"):
        return None
    if env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE") == "wayland":
        return None  # Qt prefers its Wayland plugin there
    return "xcb"


def _plugin_path(name: str) -> Path | None:
    from PySide6.QtCore import QLibraryInfo

    folders = [os.environ.get("QT_QPA_PLATFORM_PLUGIN_PATH", "")]
    folders.append(str(Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"))
    for folder in filter(None, folders):
        path = Path(folder) / f"libq{name}.so"
        if path.is_file():
            return path
    return None


def _loads(name: str) -> str | None:
    """None if the shared library ``name`` (a soname or a path) loads, else why not."""
    try:
        ctypes.CDLL(name)
    except OSError as exc:
        return str(exc)
    return None


def missing_libraries(
    plugin: Path | None, libraries: Mapping[str, tuple[str, str]] | None = None
) -> list[str]:
    """The sonames the platform ``plugin`` (a path; None: only ``libraries``, by
    default :data:`XCB_LIBRARIES`) cannot load: the one the loader names, and every one
    of ``libraries`` that does not load."""
    libraries = XCB_LIBRARIES if libraries is None else libraries
    missing: list[str] = []
    if plugin is not None:
        problem = _loads(str(plugin))
        if problem is None:
            return []  # everything it links against is there
        named = _MISSING.search(problem)
        if named:
            missing.append(named.group(1))
    missing += [name for name in libraries if name not in missing and _loads(name) is not None]
    return missing


def install_hint(missing: list[str], libraries: Mapping[str, tuple[str, str]] | None = None) -> str:
    """One line: what is missing, and the Debian/Ubuntu and Fedora packages that ship it."""
    libraries = XCB_LIBRARIES if libraries is None else libraries
    debian = sorted({libraries[m][0] for m in missing if m in libraries})
    fedora = sorted({libraries[m][1] for m in missing if m in libraries})
    unknown = [m for m in missing if m not in libraries]
    text = (
        "the window cannot open: Qt's X11 platform (xcb) needs system libraries that "
        f"are not installed ({', '.join(missing)})"
    )
    if debian:
        text += (
            f"; install them with: sudo apt install {' '.join(debian)} (Debian/Ubuntu)"
            f" or sudo dnf install {' '.join(fedora)} (Fedora)"
        )
    if unknown:
        text += f"; install the package that provides {', '.join(unknown)}"
    return text


def platform_problem(
    environ: Mapping[str, str] | None = None,
    *,
    plugin: Path | None = None,
    libraries: Mapping[str, tuple[str, str]] | None = None,
) -> str | None:
    """Why the window cannot start on the platform Qt will use (one line), or None.

    Only the xcb platform is checked (the one a stock Linux desktop lacks libraries
    for); ``plugin`` overrides where its plugin is looked for.
    """
    if platform_to_use(environ) != "xcb":
        return None
    found = plugin if plugin is not None else _plugin_path("xcb")
    missing = missing_libraries(found, libraries)
    return install_hint(missing, libraries) if missing else None
