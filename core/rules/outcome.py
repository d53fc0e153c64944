"""The result of evaluating one rule on one vehicle."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from core.rules.explain import Clause


class Status(StrEnum):
    FIRED = "fired"
    CLEAR = "clear"
    NOT_EVALUABLE = "not_evaluable"


@dataclass(frozen=True, slots=True)
class Outcome:
    """``clauses`` explain a firing; ``missing`` names the facts to collect.

    A missing entry is a fact name, or several joined by ``|`` when any one of
    them would do.
    """

    status: Status
    clauses: tuple[Clause, ...] = ()
    missing: tuple[str, ...] = ()

    @property
    def fired(self) -> bool:
        return self.status is Status.FIRED


CLEAR = Outcome(Status.CLEAR)


def fired(*clauses: Clause) -> Outcome:
    return Outcome(Status.FIRED, clauses=clauses)


def not_evaluable(missing: list[str]) -> Outcome:
    return Outcome(Status.NOT_EVALUABLE, missing=tuple(dict.fromkeys(missing)))
