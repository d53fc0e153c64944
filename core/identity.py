"""Who is acting at this workstation, for the audit trail of the changes made here."""

from __future__ import annotations

import getpass
import os

from core import settings


def resolve_actor() -> str:
    """Who is acting: ``ZEROMILE_INSPECTOR``, else the settings' identity, else the OS login."""
    from_env = os.environ.get(settings.INSPECTOR_ENV, "").strip()
    if from_env:
        return from_env
    prefs = settings.load_settings()
    if prefs.inspector_name:
        badge = f" ({prefs.inspector_badge})" if prefs.inspector_badge else ""
        return f"{prefs.inspector_name}{badge}"
    try:
        login = getpass.getuser()
    except (OSError, KeyError):
        login = "unknown"
    return f"{login} (workstation login)"
