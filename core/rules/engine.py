"""The rules engine: which packs apply to a vehicle, group facts, and evaluation.

Pure computation over plain facts: the same packs, facts and day of evaluation
always give the same outcomes (no clock, no store access here). Screening and
classification both call :func:`evaluate`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from core.domain.declared_text import Issue
from core.domain.names import name_key
from core.errors import Cancelled, UserFacingError
from core.progress import CancelCheck, Progress
from core.reference import ReferenceData
from core.rules.explain import Clause, free, label, text
from core.rules.facts import Facts
from core.rules.kinds import DATA_QUALITY_KINDS, BatchGroup
from core.rules.outcome import CLEAR, Outcome, Status
from core.rules.packs import Rule, RulePack, pack_order

#: 1.1.0: rule catalogue 1.1 (names, dates out of order, data quality, DUP-VIN with the
#: store, pack versions by import date).
ENGINE_VERSION = "1.1.0"


@dataclass
class VehicleInput:
    """One vehicle to evaluate.

    ``group`` is the shipment it travels in (BATCH-REG compares within it);
    ``row`` is its spreadsheet row when screening a file; ``destination`` picks
    packs when the vehicle's own destination is unknown (the case jurisdiction);
    ``store_duplicates`` has one case reference per *other* stored vehicle with the
    same VIN, and ``store_other_units`` one unit code per such vehicle in a case of
    another unit, whose reference is not told (DUP-VIN counts the file and the store
    together).
    """

    facts: Facts
    group: str = ""
    row: int | None = None
    destination: str | None = None
    store_duplicates: list[str] = field(default_factory=list)
    store_other_units: list[str] = field(default_factory=list)


class DateBasis(StrEnum):
    """What chose the pack versions that judged a vehicle (rules.md)."""

    IMPORT_DATE = "import_date"
    EVALUATION_DATE = "evaluation_date"


@dataclass(frozen=True)
class Evaluation:
    rule: Rule
    pack: RulePack
    outcome: Outcome
    #: The date that chose ``pack``'s version, and whether it was the import date.
    version_date: dt.date | None = None
    version_basis: DateBasis = DateBasis.IMPORT_DATE


class PackSet:
    """The packs in force on one day, by id; every rule id is unique across them."""

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


class PackLibrary:
    """Every known version of every pack; the versions that judge a vehicle are chosen by
    its date (rules.md, "Which version of a pack judges a vehicle")."""

    def __init__(self, versions: Sequence[RulePack]) -> None:
        self.versions: dict[str, list[RulePack]] = defaultdict(list)
        for pack in versions:
            self.versions[pack.id].append(pack)
        for id_, packs in self.versions.items():
            packs.sort(key=lambda p: p.version_key, reverse=True)
            seen: set[str] = set()
            for pack in packs:
                if pack.version in seen:
                    raise UserFacingError(f"pack {id_} version {pack.version} is known twice")
                seen.add(pack.version)
        self._by_day: dict[dt.date, PackSet] = {}
        self._by_versions: dict[tuple[str, ...], PackSet] = {}

    def in_force(self, day: dt.date) -> PackSet:
        """Per pack id, the highest version whose ``valid_from`` is on or before ``day``."""
        found = self._by_day.get(day)
        if found is None:
            chosen = []
            for packs in self.versions.values():
                for pack in packs:
                    if pack.valid_from <= day:
                        chosen.append(pack)
                        break
            chosen.sort(key=pack_order)
            key = tuple(p.content_hash for p in chosen)
            found = self._by_versions.get(key)
            if found is None:
                found = self._by_versions[key] = PackSet(chosen)
            self._by_day[day] = found
        return found

    def check_ids(self, ids: Sequence[str] | None) -> list[str] | None:
        """Chosen pack ids, checked; ``None`` when none were chosen (all that apply)."""
        if not ids:
            return None
        unknown = [i for i in ids if i not in self.versions]
        if unknown:
            raise UserFacingError(
                f"no rule pack {unknown[0]!r}; packs: {', '.join(sorted(self.versions))}"
            )
        return list(dict.fromkeys(ids))


def judging_date(facts: Facts, today: dt.date) -> tuple[dt.date, DateBasis]:
    """The date that chooses a vehicle's pack versions: its import date, else ``today``."""
    day = facts.get("import_date")
    if isinstance(day, dt.date):
        return day, DateBasis.IMPORT_DATE
    return today, DateBasis.EVALUATION_DATE


class _Scope:
    __slots__ = ("_engine", "_index", "_outcomes", "_packs", "reference")

    def __init__(self, engine: _Run, index: int, packs: PackSet) -> None:
        self._engine = engine
        self._index = index
        self._packs = packs
        self._outcomes: dict[str, Outcome] = {}
        self.reference = engine.reference

    def outcome(self, rule_id: str) -> Outcome:
        found = self._outcomes.get(rule_id)
        if found is None:
            entry = self._packs.rules.get(rule_id)
            if entry is None:  # the rule's pack has no version in force on this date
                found = CLEAR
            else:
                found = entry[0].evaluate(self._engine.vehicles[self._index].facts, self)
            self._outcomes[rule_id] = found
        return found

    def vin_duplicates(self) -> tuple[list[int], list[str], list[str]]:
        vehicle = self._engine.vehicles[self._index]
        rows = [
            r for r in self._engine.rows_by_vin.get(vehicle.facts["vin"], []) if r != vehicle.row
        ]
        return rows, list(vehicle.store_duplicates), list(vehicle.store_other_units)

    def batch_group(self) -> BatchGroup | None:
        for rule, _ in self._packs.rules.values():
            if rule.kind == "batch_registration":
                return self._engine.batch_groups(rule.params).get(self._index)
        return None


class _Run:
    def __init__(self, vehicles: Sequence[VehicleInput], reference: ReferenceData) -> None:
        self.vehicles = vehicles
        self.reference = reference
        self.rows_by_vin: dict[str, list[int]] = defaultdict(list)
        for v in vehicles:
            # File rows only: a case's own vehicles count through the store.
            if v.facts.get("vin") and v.row is not None:
                self.rows_by_vin[v.facts["vin"]].append(v.row)
        self._batches: dict[tuple[tuple[str, Any], ...], dict[int, BatchGroup]] = {}

    def batch_groups(self, params: Mapping[str, Any]) -> dict[int, BatchGroup]:
        key = tuple(sorted(params.items()))
        found = self._batches.get(key)
        if found is None:
            found = self._batches[key] = find_batches(self.vehicles, **params)
        return found


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
            key = name_key(owner)
            if key is not None:
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
    vehicle: VehicleInput, chosen: Sequence[str] | None, packs: PackSet
) -> list[RulePack]:
    """rules.md "Which rules apply": generic and China for all, then the destination's packs;
    or the packs chosen by id (those with a version in force)."""
    if chosen:
        return [packs.by_id[i] for i in chosen if i in packs.by_id]
    destination = vehicle.facts.get("destination_country") or vehicle.destination
    return [p for p in packs.packs if p.applies_to(destination)]


def evaluate(
    vehicles: Sequence[VehicleInput],
    library: PackLibrary,
    reference: ReferenceData,
    *,
    today: dt.date,
    chosen: Sequence[str] | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> list[list[Evaluation]]:
    """Evaluate every vehicle; one list of evaluations (all statuses) per vehicle, in order."""
    return list(
        each_evaluation(
            vehicles,
            library,
            reference,
            today=today,
            chosen=chosen,
            progress=progress,
            cancelled=cancelled,
        )
    )


def each_evaluation(
    vehicles: Sequence[VehicleInput],
    library: PackLibrary,
    reference: ReferenceData,
    *,
    today: dt.date,
    chosen: Sequence[str] | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> Iterator[list[Evaluation]]:
    """Like :func:`evaluate`, one vehicle at a time: a big case's evaluations need not all
    be held at once (group facts such as BATCH-REG still see every vehicle).

    Each vehicle is judged by the pack versions in force on its import date, or on
    ``today`` (the day of evaluation) when that is unknown; ``chosen`` names pack ids
    to apply instead of those that fit the destination."""
    run = _Run(vehicles, reference)
    chosen = library.check_ids(chosen)
    total = len(vehicles)
    step = max(1, total // 100)
    for index, vehicle in enumerate(vehicles):
        if cancelled is not None and index % step == 0 and cancelled():
            raise Cancelled("classification cancelled")
        day, basis = judging_date(vehicle.facts, today)
        packs = library.in_force(day)
        scope = _Scope(run, index, packs)
        evaluations = []
        for pack in applicable_packs(vehicle, chosen, packs):
            for rule in pack.rules:
                outcome = annotate(scope.outcome(rule.id), rule, vehicle.facts, day, basis)
                evaluations.append(Evaluation(rule, pack, outcome, day, basis))
        yield evaluations
        if progress is not None and (index % step == 0 or index + 1 == total):
            progress(index + 1, total)


def annotate(outcome: Outcome, rule: Rule, facts: Facts, day: dt.date, basis: DateBasis) -> Outcome:
    """Add to a reportable outcome what a reader must know to weigh it (rules.md):

    - a duration unknown because its dates are out of order says so;
    - a finding resting on a value written ambiguously, or on a date out of order,
      quotes the text as written (the data-quality finding is printed beside it);
    - where the import date is unknown, which day's pack version was applied.
    """
    if outcome.status is Status.CLEAR:
        return outcome
    extra: list[Clause] = []
    if outcome.status is Status.NOT_EVALUABLE:
        disorder = facts.get("_out_of_order", {})
        for name in dict.fromkeys(outcome.missing):
            if name in disorder:
                extra.append(_out_of_order(name, *disorder[name]))
    elif rule.kind not in DATA_QUALITY_KINDS:
        extra.extend(_doubtful(outcome, facts))
    if basis is DateBasis.EVALUATION_DATE:
        extra.append(
            free(
                f"import date unknown: pack version in force on {day.isoformat()} applied",
                f"дата ввоза неизвестна: применена версия пакета, действующая на {day.isoformat()}",
            )
        )
    if not extra:
        return outcome
    return replace(outcome, clauses=(*outcome.clauses, *extra))


def _out_of_order(
    name: str, start_fact: str, start: dt.date, end_fact: str, end: dt.date
) -> Clause:
    (n_en, n_ru), (s_en, s_ru), (e_en, e_ru) = label(name), label(start_fact), label(end_fact)
    return free(
        f"{n_en} unknown: dates out of order ({s_en} {start.isoformat()} is after "
        f"{e_en} {end.isoformat()})",
        f"{n_ru}: неизвестно, даты не по порядку ({s_ru} {start.isoformat()} позже, чем "
        f"{e_ru} {end.isoformat()})",
        start_fact,
        end_fact,
    )


def _doubtful(outcome: Outcome, facts: Facts) -> list[Clause]:
    quoted = dict.fromkeys(f for c in outcome.clauses for f in c.facts)
    written = facts.get("_written", {})
    disordered = {f for pair in facts.get("_dates_out_of_order", ()) for f in (pair[0], pair[2])}
    notes = []
    for fact in quoted:
        cell = written.get(fact)
        en, ru = label(fact)
        if cell is not None and cell.issue == Issue.AMBIGUOUS:
            notes.append(
                free(
                    f"{en} as written: {cell.text!r}, read as {text(facts.get(fact))}; it may be "
                    "meant with a thousands separator (DQ-AMBIGUOUS-NUMBER)",
                    f"{ru} в документе: {cell.text!r}, прочитано как {text(facts.get(fact))}; "
                    "возможно, это разделитель тысяч (DQ-AMBIGUOUS-NUMBER)",
                    fact,
                )
            )
        elif fact in disordered:
            shown = cell.text if cell is not None else text(facts.get(fact))
            notes.append(
                free(
                    f"{en} as written: {shown!r}, out of order with another date (DQ-DATE-ORDER)",
                    f"{ru} в документе: {shown!r}, не по порядку с другой датой (DQ-DATE-ORDER)",
                    fact,
                )
            )
    return notes


def reportable(evaluations: Sequence[Evaluation]) -> list[Evaluation]:
    """The evaluations worth recording: rules that fired, and rules missing facts."""
    return [e for e in evaluations if e.outcome.status is not Status.CLEAR]
