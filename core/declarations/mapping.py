"""Which canonical column each column of a declaration file fills: the one rule the reader
(and so the command line) and the import wizard follow.

A mapping is keyed by header text (trimmed) -> canonical column, or ``None`` to ignore
the column; headers it does not name are recognised by :func:`canonical_column`. A
detected column that repeats an earlier one is ignored (the first is used); a mapping
that *chooses* one canonical column for two columns is refused. A file needs a VIN
column to be imported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from core.declarations.columns import CANONICAL, canonical_column

ColumnMapping = Mapping[str, str | None]


@dataclass(frozen=True)
class ColumnPlan:
    """What the reader makes of a header row under a mapping.

    ``columns[i]`` is the canonical column header ``i`` fills (None: not imported);
    ``repeated`` names each canonical column the mapping chose for more than one column,
    with those columns' headers; ``unknown`` the canonical names the mapping gives that
    do not exist; ``warnings`` the detected columns ignored (unknown, or repeating one).
    """

    headers: tuple[str, ...]
    columns: tuple[str | None, ...]
    warnings: tuple[str, ...]
    repeated: tuple[tuple[str, tuple[str, ...]], ...]
    unknown: tuple[str, ...]

    @property
    def has_vin(self) -> bool:
        return "vin" in self.columns


def plan_columns(headers: Sequence[object], mapping: ColumnMapping | None = None) -> ColumnPlan:
    """The column each of ``headers`` fills under ``mapping`` (see the module's text)."""
    texts = tuple("" if h is None else str(h).strip() for h in headers)
    overrides = {k.strip(): v for k, v in (mapping or {}).items()}
    unknown = tuple(sorted({v for v in overrides.values() if v is not None and v not in CANONICAL}))
    columns: list[str | None] = []
    warnings: list[str] = []
    chosen: dict[str, list[str]] = {}
    seen: set[str] = set()
    for text in texts:
        explicit = text in overrides
        name = overrides[text] if explicit else canonical_column(text)
        twice = explicit and text in chosen.get(name or "", ())  # the file repeats a header
        if name is not None and explicit and not twice:
            chosen.setdefault(name, []).append(text)
        if name is not None and name in seen:
            if not explicit or twice:
                warnings.append(f"column {text!r} repeats {name!r}; the first one is used")
            name = None
        elif name is None and text and not explicit:
            warnings.append(f"unknown column {text!r} ignored")
        if name is not None:
            seen.add(name)
        columns.append(name)
    repeated = tuple((name, tuple(where)) for name, where in chosen.items() if len(where) > 1)
    return ColumnPlan(texts, tuple(columns), tuple(warnings), repeated, unknown)


@dataclass(frozen=True)
class ChoiceCheck:
    """Per-column choices checked against the reader's rule (:func:`check_choices`).

    ``mapping`` is what to pass to the reader for them; ``repeated`` the canonical
    columns chosen for more than one column (with their headers); ``unaddressable`` the
    positions whose choice the reader cannot be told (a blank header, or one written the
    same as another column's with another choice); ``has_vin`` whether a VIN column is
    chosen. ``ok`` when the reader will read exactly the choices.
    """

    mapping: dict[str, str | None]
    repeated: tuple[tuple[str, tuple[str, ...]], ...]
    unaddressable: tuple[int, ...]
    has_vin: bool

    @property
    def ok(self) -> bool:
        return self.has_vin and not self.repeated and not self.unaddressable


def check_choices(headers: Sequence[object], choices: Sequence[str | None]) -> ChoiceCheck:
    """Turn a choice per column (as an inspector makes them) into the reader's mapping,
    and say what stops the reader from reading exactly those choices."""
    texts = [("" if h is None else str(h).strip()) for h in headers]
    detected = plan_columns(texts)
    mapping: dict[str, str | None] = {}
    repeated: dict[str, list[str]] = {}
    for index, (text, choice) in enumerate(zip(texts, choices, strict=True)):
        if choice is not None:
            repeated.setdefault(choice, []).append(text or str(index + 1))
        if text and choice != detected.columns[index]:
            mapping.setdefault(text, choice)
    planned = plan_columns(texts, mapping)
    unaddressable = tuple(
        i for i, choice in enumerate(choices) if choice is not None and planned.columns[i] != choice
    )
    return ChoiceCheck(
        mapping=mapping,
        repeated=tuple((n, tuple(w)) for n, w in repeated.items() if len(w) > 1),
        unaddressable=unaddressable if not any(len(w) > 1 for w in repeated.values()) else (),
        has_vin="vin" in choices,
    )
