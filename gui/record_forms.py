"""Transitional: the old import paths of the forms (``gui.vehicles.forms``,
``gui.forms.case``). Deleted at integration."""

from __future__ import annotations

from typing import Any

from core.services import rule_packs
from core.services.stores import locator
from gui.forms.case import CaseForm, jurisdiction_editor
from gui.vehicles.forms import ShipmentForm, VehicleForm, VinInfo

__all__ = ["CaseForm", "ShipmentForm", "VehicleForm", "VinInfo", "jurisdiction_editor"]


def known_jurisdictions(store: Any) -> list[str]:
    return rule_packs.known_jurisdictions(None if store is None else locator(store)).codes
