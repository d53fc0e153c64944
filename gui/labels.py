"""Display names of stored codes (statuses, priorities, severities), translatable.

The store keeps stable English codes; the window shows them in the interface
language. The names are marked with ``QT_TRANSLATE_NOOP`` so lupdate extracts
them, and translated when shown. Core is imported only when a field label is first
needed (the window paints before SQLAlchemy loads).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from gui.i18n import QT_TRANSLATE_NOOP

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
#: A context of their own: "high" is a priority and a severity, with different Russian forms.
SEVERITIES: dict[str, str] = {
    "high": QT_TRANSLATE_NOOP("severity", "high"),
    "medium": QT_TRANSLATE_NOOP("severity", "medium"),
    "info": QT_TRANSLATE_NOOP("severity", "info"),
}
#: Why a vehicle's findings are out of date (``core.services.staleness.StaleReason`` values).
REASONS: dict[str, str] = {
    "never_classified": QT_TRANSLATE_NOOP("labels", "never classified"),
    "facts_changed": QT_TRANSLATE_NOOP("labels", "facts changed"),
    "jurisdiction_changed": QT_TRANSLATE_NOOP("labels", "the case's jurisdiction changed"),
    "pack_versions_changed": QT_TRANSLATE_NOOP("labels", "other rule pack versions in force"),
    "reference_data_changed": QT_TRANSLATE_NOOP("labels", "reference data changed"),
    "vin_duplicates_changed": QT_TRANSLATE_NOOP(
        "labels", "the VIN's duplicates in the store changed"
    ),
    "shipment_registrations_changed": QT_TRANSLATE_NOOP(
        "labels", "registrations in its shipment changed"
    ),
    "engine_changed": QT_TRANSLATE_NOOP("labels", "classified by another engine version"),
    "packs_chosen": QT_TRANSLATE_NOOP("labels", "classified with only some rule packs"),
}
#: Why a declared text is kept (``core.domain.declared_text.Issue`` values).
ISSUES: dict[str, str] = {
    "unreadable": QT_TRANSLATE_NOOP("labels", "unreadable: the fact is unknown"),
    "ambiguous": QT_TRANSLATE_NOOP("labels", "ambiguous number"),
    "corrected": QT_TRANSLATE_NOOP("labels", "corrected before the import"),
    "out_of_order": QT_TRANSLATE_NOOP("labels", "date out of order"),
}
ACTIONS: dict[str, str] = {
    "create": QT_TRANSLATE_NOOP("labels", "created"),
    "update": QT_TRANSLATE_NOOP("labels", "changed"),
    "delete": QT_TRANSLATE_NOOP("labels", "deleted"),
}


def _shown(table: dict[str, str], code: object, context: str = CONTEXT) -> str:
    if code is None:
        return ""
    text = table.get(str(code))
    return QCoreApplication.translate(context, text) if text else str(code)


def status(code: object) -> str:
    return _shown(STATUSES, code)


def priority(code: object) -> str:
    return _shown(PRIORITIES, code)


def severity(code: object) -> str:
    return _shown(SEVERITIES, code, "severity")


def action(code: object) -> str:
    return _shown(ACTIONS, code)


def reason(code: object) -> str:
    """Why findings are out of date (a staleness reason code), translated."""
    return _shown(REASONS, code)


def reasons(codes: object) -> str:
    """Several reason codes, translated and joined with commas."""
    return ", ".join(reason(c) for c in codes or ()) if isinstance(codes, list | tuple) else ""


def issue(code: object) -> str:
    """Why a declared text is kept (unreadable, ambiguous, …), translated."""
    return _shown(ISSUES, code)


def field_name(name: object) -> str:
    """A record field's label in the interface language; a derived fact of the rules
    (``days_registered``) by the rules' own label; else its stored name."""
    from core.rules.facts import LABELS as FACT_LABELS  # with the field labels: lazily
    from gui.i18n import current_language

    key = str(name)
    if key not in _field_labels() and key in FACT_LABELS:
        english, russian = FACT_LABELS[key]
        shown = russian if current_language() == "ru" else english
        return shown[:1].upper() + shown[1:]
    return QCoreApplication.translate("fields", _field_labels().get(key, key))


def stored_values(current: dict[str, object]) -> str:
    """ "Field: value; …" for the values another workstation stored (a conflict)."""
    return "; ".join(
        f"{field_name(k)}: {v if v not in (None, '') else '—'}" for k, v in current.items()
    )


def choice_value(value: object) -> str:
    """A stored choice ("used", "petrol") as the forms show it, translated."""
    return QCoreApplication.translate("fields", str(value).replace("_", " "))


def _field_labels() -> dict[str, str]:
    from core.domain.fields import CASE_FIELDS, SHIPMENT_FIELDS, VEHICLE_FIELDS

    return {s.name: s.label for s in (*CASE_FIELDS, *SHIPMENT_FIELDS, *VEHICLE_FIELDS)}
