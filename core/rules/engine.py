"""The rules engine: which packs apply to a vehicle, group facts, and evaluation.

Pure computation over plain facts: the same packs and facts always give the
same outcomes (no clock, no store access here). Screening and classification
both call :func:`evaluate`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from core.errors import Cancelled, UserFacingError
from core.progress import CancelCheck, Progress
from core.reference import ReferenceData
from core.rules.facts import Facts
from core.rules.kinds import BatchGroup
from core.rules.outcome import Outcome, Status
from core.rules.packs import Rule, RulePack

ENGINE_VERSION = "1.0.0"


@dataclass
class VehicleInput:
    """One vehicle to evaluate.

    ``group`` is the shipment it travels in (BATCH-REG compares within it);
    ``row`` is its spreadsheet row when screening a file; ``destination`` picks
    packs when the vehicle's own destination is unknown (the case jurisdiction).
    """

    facts: Facts
    group: str = ""
    row: int | None = None
    destination: str | None = None
    store_duplicates: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Evaluation:
    rule: Rule
    pack: RulePack
    outcome: Outcome


class PackSet:
    """The packs in force, by id; every rule id is unique across them."""

    def __init__(self, packs: Sequence[RulePack]) -> None:
        self.packs = list(packs)
        self.by_id = {p.id: p for p in packs}
        self.rules: dict[str, tuple[Rule, RulePack]] = {}
        for pack in packs:
            for rule in pack.rules:
                if rule.id in self.rules:
                    other = self.rules[rule.id][1]
                    raise UserFacingError(
                        f"rule {rule.id} is defined by packs {other.id} and {pack.id}; "
                        "a rule id may belong to one pack only"
                    )
                self.rules[rule.id] = (rule, pack)

    def select(self, ids: Sequence[str] | None) -> list[RulePack]:
        if not ids:
            return self.packs
        unknown = [i for i in ids if i not in self.by_id]
        if unknown:
            raise UserFacingError(
                f"no rule pack {unknown[0]!r}; packs: {', '.join(sorted(self.by_id))}"
            )
        return [self.by_id[i] for i in dict.fromkeys(ids)]


class _Scope:
    __slots__ = ("_engine", "_index", "_outcomes", "reference")

    def __init__(self, engine: _Run, index: int) -> None:
        self._engine = engine
        self._index = index
        self._outcomes: dict[str, Outcome] = {}
        self.reference = engine.reference

    def outcome(self, rule_id: str) -> Outcome:
        found = self._outcomes.get(rule_id)
        if found is None:
            rule, _ = self._engine.packs.rules[rule_id]
            found = rule.evaluate(self._engine.vehicles[self._index].facts, self)
            self._outcomes[rule_id] = found
        return found

    def vin_duplicates(self) -> tuple[list[int], list[str]]:
        vehicle = self._engine.vehicles[self._index]
        rows = [
            r
            for r in self._engine.rows_by_vin.get(vehicle.facts["vin"], [])
            if r != (vehicle.row if vehicle.row is not None else -self._index - 1)
        ]
        return [r for r in rows if r > 0], list(vehicle.store_duplicates)

    def batch_group(self) -> BatchGroup | None:
        return self._engine.batch_groups().get(self._index)


class _Run:
    def __init__(
        self, vehicles: Sequence[VehicleInput], packs: PackSet, reference: ReferenceData
    ) -> None:
        self.vehicles = vehicles
        self.packs = packs
        self.reference = reference
        self.rows_by_vin: dict[str, list[int]] = defaultdict(list)
        for index, v in enumerate(vehicles):
            if v.facts.get("vin"):
                # Rows identify file rows; vehicles without one get a negative stand-in.
                self.rows_by_vin[v.facts["vin"]].append(v.row if v.row is not None else -index - 1)
        self._batches: dict[int, BatchGroup] | None = None

    def batch_groups(self) -> dict[int, BatchGroup]:
        if self._batches is None:
            self._batches = {}
            for rule, _ in self.packs.rules.values():
                if rule.kind == "batch_registration":
                    self._batches = find_batches(self.vehicles, **rule.params)
                    break
        return self._batches


def find_batches(
    vehicles: Sequence[VehicleInput], *, min_vehicles: int, max_span_days: int, owner_type: str
) -> dict[int, BatchGroup]:
    """Vehicles in a set of ``min_vehicles`` or more of one shipment, one legal-entity owner,
    whose first registrations lie within ``max_span_days`` of each other.

    Each vehicle maps to the largest such set it belongs to.
    """
    by_owner: dict[tuple[str, str], list[tuple[dt.date, int, str]]] = defaultdict(list)
    for index, v in enumerate(vehicles):
        f = v.facts
        owner, day = f.get("registered_owner"), f.get("first_registration_date")
        if owner and day and f.get("registered_owner_type") == owner_type:
            key = " ".join(str(owner).split()).casefold()
            by_owner[(v.group, key)].append((day, index, str(owner).strip()))
    found: dict[int, BatchGroup] = {}
    for members in by_owner.values():
        if len(members) < min_vehicles:
            continue
        members.sort()
        end = 0
        for start in range(len(members)):
            end = max(end, start)
            while (
                end + 1 < len(members)
                and (members[end + 1][0] - members[start][0]).days <= max_span_days
            ):
                end += 1
            size = end - start + 1
            if size >= min_vehicles:
                group = BatchGroup(
                    owner=members[start][2],
                    size=size,
                    earliest=members[start][0],
                    latest=members[end][0],
                )
                for _, index, _ in members[start : end + 1]:
                    if index not in found or found[index].size < size:
                        found[index] = group
    return found


def applicable_packs(
    vehicle: VehicleInput, chosen: Sequence[RulePack] | None, packs: PackSet
) -> list[RulePack]:
    """rules.md "Which rules apply": generic and China for all, then the destination's packs."""
    if chosen:
        return list(chosen)
    destination = vehicle.facts.get("destination_country") or vehicle.destination
    return [p for p in packs.packs if p.applies_to(destination)]


def evaluate(
    vehicles: Sequence[VehicleInput],
    packs: PackSet,
    reference: ReferenceData,
    *,
    chosen: Sequence[RulePack] | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> list[list[Evaluation]]:
    """Evaluate every vehicle; one list of evaluations (all statuses) per vehicle, in order."""
    return list(
        each_evaluation(
            vehicles, packs, reference, chosen=chosen, progress=progress, cancelled=cancelled
        )
    )


def each_evaluation(
    vehicles: Sequence[VehicleInput],
    packs: PackSet,
    reference: ReferenceData,
    *,
    chosen: Sequence[RulePack] | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> Iterator[list[Evaluation]]:
    """Like :func:`evaluate`, one vehicle at a time: a big case's evaluations need not all
    be held at once (group facts such as BATCH-REG still see every vehicle)."""
    run = _Run(vehicles, packs, reference)
    total = len(vehicles)
    step = max(1, total // 100)
    for index, vehicle in enumerate(vehicles):
        if cancelled is not None and index % step == 0 and cancelled():
            raise Cancelled("classification cancelled")
        scope = _Scope(run, index)
        evaluations = []
        for pack in applicable_packs(vehicle, chosen, packs):
            for rule in pack.rules:
                evaluations.append(Evaluation(rule, pack, scope.outcome(rule.id)))
        yield evaluations
        if progress is not None and (index % step == 0 or index + 1 == total):
            progress(index + 1, total)


def reportable(evaluations: Sequence[Evaluation]) -> list[Evaluation]:
    """The evaluations worth recording: rules that fired, and rules missing facts."""
    return [e for e in evaluations if e.outcome.status is not Status.CLEAR]
