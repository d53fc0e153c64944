"""Who is acting at this workstation.

Two different things, never to be confused:

- the **login** the audit trail records: on PostgreSQL the server's ``session_user``
  (set by the server itself, see ``core.persistence.pg_audit``), on a
  single-workstation SQLite store the operating-system login (:func:`os_login`);
- the **display label** shown in the window and in messages (:func:`resolve_actor`).
  ``ZEROMILE_INSPECTOR`` and the settings change the label only, never the login
  recorded, nor who a record names as its author (``core.services.people.acting_label``).
"""

from __future__ import annotations

import getpass
import os

from core import settings


def os_login() -> str:
    """The operating-system login of this process (``unknown`` if it has none)."""
    try:
        login = getpass.getuser().strip()
    except (OSError, KeyError):
        return "unknown"
    return login or "unknown"


def resolve_actor() -> str:
    """The display label: ``ZEROMILE_INSPECTOR``, else the settings' identity, else the
    OS login. Shown to the user; the audit trail records the login instead."""
    from_env = os.environ.get(settings.INSPECTOR_ENV, "").strip()
    if from_env:
        return from_env
    prefs = settings.load_settings()
    if prefs.inspector_name:
        badge = f" ({prefs.inspector_badge})" if prefs.inspector_badge else ""
        return f"{prefs.inspector_name}{badge}"
    return f"{os_login()} (workstation login)"
