"""Display names of stored codes (statuses, priorities, severities), translatable.

The store keeps stable English codes; the window shows them in the interface
language. The names are marked with ``QT_TRANSLATE_NOOP`` so lupdate extracts
them, and translated when shown. Kept free of core imports (launch time).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "labels"

STATUSES: dict[str, str] = {
    "draft": QT_TRANSLATE_NOOP("labels", "draft"),
    "open": QT_TRANSLATE_NOOP("labels", "open"),
    "under_review": QT_TRANSLATE_NOOP("labels", "under review"),
    "ready_for_hearing": QT_TRANSLATE_NOOP("labels", "ready for hearing"),
    "closed": QT_TRANSLATE_NOOP("labels", "closed"),
}
PRIORITIES: dict[str, str] = {
    "low": QT_TRANSLATE_NOOP("labels", "low"),
    "normal": QT_TRANSLATE_NOOP("labels", "normal"),
    "high": QT_TRANSLATE_NOOP("labels", "high"),
    "urgent": QT_TRANSLATE_NOOP("labels", "urgent"),
}
SEVERITIES: dict[str, str] = {
    "high": QT_TRANSLATE_NOOP("labels", "high"),
    "medium": QT_TRANSLATE_NOOP("labels", "medium"),
    "info": QT_TRANSLATE_NOOP("labels", "info"),
}


def _shown(table: dict[str, str], code: object) -> str:
    if code is None:
        return ""
    text = table.get(str(code))
    return QCoreApplication.translate(CONTEXT, text) if text else str(code)


def status(code: object) -> str:
    return _shown(STATUSES, code)


def priority(code: object) -> str:
    return _shown(PRIORITIES, code)


def severity(code: object) -> str:
    return _shown(SEVERITIES, code)
