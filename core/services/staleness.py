"""Whether a case's findings are current (rules.md, "What every finding records").

A vehicle's findings are computed from its facts, the pack versions in force on its
date, the reference data its rules looked up, the other stored vehicles with its VIN
(DUP-VIN) and its shipment's registrations (BATCH-REG). Classification records a
signature of each (:class:`~core.domain.finding.VehicleAssessment`); the findings are
current while the same signatures computed from the store *now* are equal. One
function, :func:`compute_bases`, computes them for both, so the check and the record
cannot disagree.

Nothing here is a flag that some write must remember to set: an edit, a pack loaded,
a reference table replaced, a VIN arriving in another case, or the day of evaluation
moving on for a vehicle whose import date is unknown, each changes a signature.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlmodel import col, select

from core.domain.case import Case
from core.domain.finding import VehicleAssessment
from core.domain.names import name_key
from core.domain.unit import Unit
from core.domain.vehicle import Vehicle
from core.errors import FindingsOutOfDate
from core.persistence.store import ZeroMileSession
from core.reference import ReferenceData, load_reference
from core.rules.engine import ENGINE_VERSION, PackLibrary, PackSet
from core.services.rule_packs import pack_library

_CHUNK = 500

#: The vehicle columns a basis is computed from (besides id, case and VIN).
BASIS_COLUMNS = (
    "id", "case_id", "vin", "version", "shipment_id", "import_declaration_date", "make",
    "model", "model_year", "currency", "destination_country", "reference_price",
    "registered_owner", "registered_owner_type", "first_registration_date",
)  # fmt: skip


_INDEX = {name: i for i, name in enumerate(BASIS_COLUMNS)}


class BasisRow(tuple[Any, ...]):
    """A vehicle's ``BASIS_COLUMNS`` values, read by name: a tuple, so that a case of
    100,000 vehicles keeps its rows small while they are judged."""

    __slots__ = ()

    def __getitem__(self, name: str) -> Any:  # type: ignore[override]
        return tuple.__getitem__(self, _INDEX[name])


class StaleReason(StrEnum):
    """Why a vehicle's findings are out of date."""

    NEVER = "never_classified"
    FACTS = "facts_changed"
    CASE = "jurisdiction_changed"
    PACKS = "pack_versions_changed"
    REFERENCE = "reference_data_changed"
    DUPLICATES = "vin_duplicates_changed"
    SHIPMENT = "shipment_registrations_changed"
    ENGINE = "engine_changed"
    CHOSEN = "packs_chosen"


#: English wording of each reason (the GUI translates its own).
REASON_TEXT = {
    StaleReason.NEVER: "never classified",
    StaleReason.FACTS: "facts changed",
    StaleReason.CASE: "the case's jurisdiction changed",
    StaleReason.PACKS: "other pack versions in force",
    StaleReason.REFERENCE: "reference data changed",
    StaleReason.DUPLICATES: "the VIN's duplicates in the store changed",
    StaleReason.SHIPMENT: "registrations in its shipment changed",
    StaleReason.ENGINE: "classified by another engine version",
    StaleReason.CHOSEN: "classified with only some packs",
}


@dataclass(frozen=True, slots=True)
class Basis:
    """The signatures of what one vehicle's findings are computed from."""

    vehicle_version: int
    jurisdiction: str
    pack_ids: str
    version_date: dt.date
    packs_sig: str
    reference_sig: str
    engine_version: str
    duplicates_sig: str
    group_sig: str


@dataclass
class StaleVehicle:
    vehicle_id: int
    case_id: int
    vin: str
    reasons: list[StaleReason] = field(default_factory=list)

    def describe(self) -> str:
        return f"{self.vin} ({', '.join(REASON_TEXT[r] for r in self.reasons)})"


def _sha(parts: Iterable[object]) -> str:
    text = "\x1f".join(str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Holder:
    """A stored vehicle holding a VIN, with what identifies its declaration.

    ``case`` is None, and ``declaration_no`` too, where the case belongs to a unit the
    acting login may not read (the shared store's case access): only its ``unit`` is
    told."""

    vehicle_id: int
    case: str | None
    source_sha256: str | None
    source_row: int | None
    declaration_no: str | None
    unit: str = ""

    def describe(self, own_case: str | None) -> str:
        """``ZM-2026-000001``; in the vehicle's own case, which vehicle and row it is."""
        if self.case != own_case:
            return self.case or ""
        row = f", row {self.source_row} of its file" if self.source_row else ""
        return f"{self.case} (this case: vehicle {self.vehicle_id}{row})"

    def elsewhere(self, own_unit: str | None) -> bool:
        """Whether this vehicle's case is one of another unit than ``own_unit`` (the
        judged case's), or one the acting login may not read: such a case is named by
        its unit only, whoever runs the rules, so a finding reads the same for all."""
        return self.case is None or (own_unit is not None and self.unit != own_unit)


def store_holders(
    session: ZeroMileSession, vins: Iterable[str], *, file_sha256: str | None = None
) -> dict[str, list[Holder]]:
    """Every stored vehicle holding each VIN, in id order, whatever unit its case is in
    (DUP-VIN counts them all); a case the acting login may not read comes without its
    reference or declaration number, and without its source unless that is the file
    ``file_sha256`` being screened (PostgreSQL's ``zeromile_vin_holders``)."""
    holders: dict[str, list[Holder]] = defaultdict(list)
    unique = sorted(set(vins))
    server_side = session.get_bind().dialect.name == "postgresql"
    for start in range(0, len(unique), _CHUNK):
        chunk = unique[start : start + _CHUNK]
        if server_side:
            rows = session.execute(
                sa.text(
                    "SELECT vin, vehicle_id, reference, source_sha256, source_row, "
                    "declaration_no, unit_code FROM zeromile_vin_holders(:vins, :sha)"
                ),
                {"vins": chunk, "sha": file_sha256},
            )
        else:
            rows = session.execute(
                sa.select(
                    col(Vehicle.vin), col(Vehicle.id), col(Case.reference),
                    col(Vehicle.source_sha256), col(Vehicle.source_row),
                    col(Vehicle.declaration_no), col(Unit.code),
                )
                .join(Case, col(Case.id) == col(Vehicle.case_id))
                .outerjoin(Unit, col(Unit.id) == col(Case.unit_id))
                .where(col(Vehicle.vin).in_(chunk))
                .order_by(col(Vehicle.id))
            )  # fmt: skip
        for vin, vehicle_id, reference, sha, row, declaration, unit in rows:
            assert vehicle_id is not None
            holders[vin].append(Holder(vehicle_id, reference, sha, row, declaration, unit or ""))
    return dict(holders)


_NO_DUPLICATES = _sha([])

_REFERENCE_INPUTS = (
    "make", "model", "model_year", "currency", "destination_country", "reference_price",
)  # fmt: skip


def _reference_sig(
    row: BasisRow, reference: ReferenceData, day: dt.date, countries: Iterable[str]
) -> str:
    """What the rules look up in the reference data for this vehicle, as found now: its
    reference price, and its make's dealer presence in the ``countries`` its rules ask."""
    parts: list[object] = []
    make = row["make"]
    wants_price = row["model"] and row["model_year"] and row["currency"]
    if row["reference_price"] is None and make and wants_price:
        price = reference.reference_price(
            make=make,
            model=row["model"],
            model_year=row["model_year"],
            currency=row["currency"],
            destination=row["destination_country"],
            day=day,
        )
        parts.append(None if price is None else (price.kind, price.trim, price.price, price.source))
    if make:
        for country in countries:
            found = reference.dealer_presence(make, country, day)
            if found is not None:
                parts.append((country, found.authorised_dealer, found.valid_from, found.source))
    return _sha(parts)


def compute_bases(
    rows: Sequence[BasisRow],
    *,
    holders: Mapping[str, Sequence[Holder]],
    jurisdictions: Mapping[int, str],
    library: PackLibrary,
    reference: ReferenceData,
    today: dt.date,
    pack_ids: Sequence[str] | None = None,
) -> dict[int, Basis]:
    """The basis of each vehicle row (``BASIS_COLUMNS``), by vehicle id.

    ``holders`` are the store's vehicles per VIN (:func:`store_holders`); the group
    signature covers every row of the same shipment given in ``rows``, so pass whole
    cases.
    """
    groups: dict[object, list[tuple[object, ...]]] = defaultdict(list)
    for row in rows:
        # BATCH-REG counts only vehicles whose owner, owner type and first registration
        # are known: a vehicle without them joins no batch and changes none.
        member = (
            name_key(row["registered_owner"]),
            row["registered_owner_type"],
            row["first_registration_date"],
        )
        group = groups[(row["case_id"], row["shipment_id"])]
        if all(v is not None for v in member):
            group.append(member)
    group_sigs = {key: _sha(sorted(members, key=repr)) for key, members in groups.items()}
    chosen = " ".join(pack_ids or ())
    bases: dict[int, Basis] = {}
    looked_up: dict[tuple[object, ...], str] = {}
    judged_by: dict[tuple[object, ...], tuple[str, tuple[str, ...]]] = {}
    for row in rows:
        day = row["import_declaration_date"] or today
        others = [h.vehicle_id for h in holders.get(row["vin"], ()) if h.vehicle_id != row["id"]]
        # The case's jurisdiction counts only where it chooses the packs.
        jurisdiction = "" if row["destination_country"] else jurisdictions.get(row["case_id"], "")
        where = (day, row["destination_country"] or jurisdiction)
        if where not in judged_by:
            judged_by[where] = _judged_by(library.in_force(day), where[1], pack_ids)
        packs_sig, countries = judged_by[where]
        key = (*(row[n] for n in _REFERENCE_INPUTS), day, countries)
        reference_sig = looked_up.get(key)
        if reference_sig is None:
            reference_sig = looked_up[key] = _reference_sig(row, reference, day, countries)
        bases[row["id"]] = Basis(
            vehicle_version=row["version"],
            jurisdiction=jurisdiction,
            pack_ids=chosen,
            version_date=day,
            packs_sig=packs_sig,
            reference_sig=reference_sig,
            engine_version=ENGINE_VERSION,
            duplicates_sig=_sha(sorted(others)) if others else _NO_DUPLICATES,
            group_sig=group_sigs[(row["case_id"], row["shipment_id"])],
        )
    return bases


def _judged_by(
    packs: PackSet, destination: str | None, chosen: Sequence[str] | None
) -> tuple[str, tuple[str, ...]]:
    """The signature of the pack versions that judge a vehicle bound for ``destination``
    (those that apply to it, or those chosen), and the countries whose dealer presence
    their rules look up."""
    judging = (
        [packs.by_id[i] for i in chosen if i in packs.by_id]
        if chosen
        else [p for p in packs.packs if p.applies_to(destination)]
    )
    text = "\n".join(f"{p.id} {p.version} {p.content_hash}" for p in judging)
    countries = sorted(
        {
            str(r.params["presence_country"])
            for p in judging
            for r in p.rules
            if r.kind == "dealer_brand"
        }
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest(), tuple(countries)


def basis_row(vehicle: Vehicle) -> BasisRow:
    """A vehicle's ``BASIS_COLUMNS``."""
    return BasisRow(getattr(vehicle, name) for name in BASIS_COLUMNS)


def _reasons(stored: VehicleAssessment | None, now: Basis) -> list[StaleReason]:
    if stored is None:
        return [StaleReason.NEVER]
    # Findings of chosen packs only are out of date whatever else holds; their pack and
    # reference signatures cover those packs, so comparing them with all would say more.
    chosen = stored.pack_ids != ""
    checks = (
        (stored.vehicle_version != now.vehicle_version, StaleReason.FACTS),
        (stored.jurisdiction != now.jurisdiction, StaleReason.CASE),
        (not chosen and stored.packs_sig != now.packs_sig, StaleReason.PACKS),
        (not chosen and stored.reference_sig != now.reference_sig, StaleReason.REFERENCE),
        (stored.duplicates_sig != now.duplicates_sig, StaleReason.DUPLICATES),
        (stored.group_sig != now.group_sig, StaleReason.SHIPMENT),
        (stored.engine_version != now.engine_version, StaleReason.ENGINE),
        (chosen, StaleReason.CHOSEN),
    )
    return [reason for failed, reason in checks if failed]


def stale_vehicles(
    session: ZeroMileSession,
    case_ids: Sequence[int],
    *,
    today: dt.date | None = None,
    reference: ReferenceData | None = None,
) -> list[StaleVehicle]:
    """The vehicles of these cases whose findings are out of date, in id order.

    A vehicle classified with only some packs (``classify --pack``) counts as out of
    date: its findings do not cover every rule that applies to it.
    """
    if not case_ids:
        return []
    today = today or dt.date.today()
    reference = reference or load_reference()
    library = pack_library(session)
    columns = [getattr(Vehicle, name) for name in BASIS_COLUMNS]
    rows: list[BasisRow] = []
    for start in range(0, len(case_ids), _CHUNK):
        chunk = list(case_ids[start : start + _CHUNK])
        result = session.exec(
            select(*columns).where(col(Vehicle.case_id).in_(chunk)).order_by(col(Vehicle.id))
        )
        rows.extend(BasisRow(r) for r in result)
    if not rows:
        return []
    jurisdictions = {
        int(case_id): jurisdiction
        for case_id, jurisdiction in session.exec(
            select(Case.id, Case.jurisdiction).where(col(Case.id).in_(case_ids))
        )
        if case_id is not None
    }
    holders = store_holders(session, [r["vin"] for r in rows])
    now = compute_bases(
        rows,
        holders=holders,
        jurisdictions=jurisdictions,
        library=library,
        reference=reference,
        today=today,
    )
    stored: dict[int, VehicleAssessment] = {}
    for start in range(0, len(case_ids), _CHUNK):
        chunk = list(case_ids[start : start + _CHUNK])
        for assessment in session.exec(
            select(VehicleAssessment).where(col(VehicleAssessment.case_id).in_(chunk))
        ):
            stored[assessment.vehicle_id] = assessment
    found = []
    for row in rows:
        reasons = _reasons(stored.get(row["id"]), now[row["id"]])
        if reasons:
            found.append(StaleVehicle(row["id"], row["case_id"], row["vin"], reasons))
    return found


def stale_counts(session: ZeroMileSession, case_ids: Sequence[int]) -> dict[int, int]:
    """How many out-of-date vehicles each case has (cases with none are left out)."""
    counts: dict[int, int] = defaultdict(int)
    for vehicle in stale_vehicles(session, case_ids):
        counts[vehicle.case_id] += 1
    return dict(counts)


def stale_message(case: Case, stale: Sequence[StaleVehicle], *, limit: int = 5) -> str:
    """One line naming the out-of-date vehicles and what to run."""
    named = "; ".join(v.describe() for v in stale[:limit])
    more = f"; and {len(stale) - limit} more" if len(stale) > limit else ""
    return (
        f"the findings of {len(stale)} vehicle(s) of {case.reference} are out of date: "
        f"{named}{more}; run `zeromile classify {case.reference}`"
    )


def require_current(session: ZeroMileSession, case: Case, *, doing: str) -> None:
    """Raise :class:`FindingsOutOfDate` when any finding of ``case`` is out of date."""
    assert case.id is not None
    stale = stale_vehicles(session, [case.id])
    if stale:
        raise FindingsOutOfDate(
            f"{doing} refused: {stale_message(case, stale)}", [v.vin for v in stale]
        )


def assessment_rows(
    bases: Mapping[int, Basis], *, case_id: int, run_id: int, at: dt.datetime
) -> Iterator[list[dict[str, Any]]]:
    """Rows of ``vehicle_assessment`` recording ``bases`` for a classification run, in
    batches (a big case's rows are never all built at once)."""
    items = list(bases.items())
    for start in range(0, len(items), _ASSESSMENT_BATCH):
        yield _assessment_batch(items[start : start + _ASSESSMENT_BATCH], case_id, run_id, at)


_ASSESSMENT_BATCH = 5000


def _assessment_batch(
    items: Sequence[tuple[int, Basis]], case_id: int, run_id: int, at: dt.datetime
) -> list[dict[str, Any]]:
    return [
        {
            "assessed_at": at,
            "vehicle_id": vehicle_id,
            "case_id": case_id,
            "run_id": run_id,
            "vehicle_version": b.vehicle_version,
            "jurisdiction": b.jurisdiction,
            "pack_ids": b.pack_ids,
            "version_date": b.version_date,
            "packs_sig": b.packs_sig,
            "reference_sig": b.reference_sig,
            "engine_version": b.engine_version,
            "duplicates_sig": b.duplicates_sig,
            "group_sig": b.group_sig,
        }
        for vehicle_id, b in items
    ]
