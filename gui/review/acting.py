"""Who is acting, as the store knows them: one line for the window's status bar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from gui.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from core.services.people import Whoami

CONTEXT = "Acting"

ROLES: dict[str, str] = {
    "reader": QT_TRANSLATE_NOOP("Acting", "reader"),
    "inspector": QT_TRANSLATE_NOOP("Acting", "inspector"),
    "supervisor": QT_TRANSLATE_NOOP("Acting", "supervisor"),
    "administrator": QT_TRANSLATE_NOOP("Acting", "administrator"),
}


def role(code: str | None) -> str:
    """The role's name in the interface language ("" for none)."""
    if not code:
        return ""
    return QCoreApplication.translate(CONTEXT, ROLES.get(code, code))


def acting_line(who: Whoami) -> str:
    """ "Name (badge) · role · UNIT, UNIT", or "login (not registered)"; on SQLite it
    says that the store is a single workstation's (no server checks who acts)."""
    if who.person is None:
        line = QCoreApplication.translate("Acting", "{0} (not registered)").format(who.login)
    else:
        parts = [who.person, role(who.role)]
        if who.units:
            parts.append(", ".join(who.units))
        line = " · ".join(p for p in parts if p)
    if not who.server_enforced:
        line += " " + QCoreApplication.translate("Acting", "(single-workstation store)")
    return line


def acting_tooltip(who: Whoami) -> str:
    if who.server_enforced:
        return QCoreApplication.translate(
            "Acting", "Login {0}, authenticated by the database server."
        ).format(who.login)
    return QCoreApplication.translate(
        "Acting",
        "Login {0} of this computer: a single-workstation store, where no server checks "
        "who is acting.",
    ).format(who.login)
