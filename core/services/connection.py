"""Which store a workstation connects to: what a settings screen needs, without opening
one. The probe never changes what it finds (:mod:`core.persistence.probe`)."""

from __future__ import annotations

from core.persistence.probe import (
    ProbeResult,
    ProbeVerdict,
    Reason,
    mask_password,
    probe_store,
)

__all__ = ["ProbeResult", "ProbeVerdict", "Reason", "mask_password", "probe", "shown"]


def probe(*, target: str) -> ProbeResult:
    """What is at ``target`` (a SQLite path or a database URL; empty: the default store),
    seen from opening it; never raises for anything a user can cause."""
    return probe_store(target)


def shown(text: str) -> str:
    """``text`` (a URL, or a message naming one) safe to show: any password hidden."""
    return mask_password(text)
