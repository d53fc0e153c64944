"""The one exception hierarchy of ZeroMile.

Every error a user can cause derives from :class:`UserFacingError` and carries a
message that is fit to show as-is (one line, no traceback). The command line
maps these to exit code 2; the GUI shows the message. Anything else is a bug.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal


class ZeroMileError(Exception):
    """Base class of every error raised on purpose by ZeroMile."""


class UserFacingError(ZeroMileError):
    """An error caused by input, state or environment that the user can act on."""


class CheckFailed(UserFacingError):
    """A check found a problem (altered evidence, a broken chain): exit code 1, not 2."""


class IntegrityFailure(CheckFailed):
    """Stored evidence no longer matches its hash."""


class FindingsOutOfDate(CheckFailed):
    """A case's findings no longer match what they were computed from (exit code 1).

    ``vehicles`` names the out-of-date vehicles (VINs); the message says to run the rules.
    """

    def __init__(self, message: str, vehicles: Sequence[str] = ()) -> None:
        self.vehicles = list(vehicles)
        super().__init__(message)


class Cancelled(ZeroMileError):
    """The user cancelled a long-running operation; callers stay silent."""


class ValidationError(UserFacingError):
    """One or more values were refused.

    ``problems`` lists each refused value as ``(field, message)``.
    """

    def __init__(self, problems: Sequence[tuple[str, str]]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(f"{field}: {msg}" for field, msg in self.problems))


class NotFoundError(UserFacingError):
    """A case, shipment, vehicle or other record does not exist."""


class WorkflowError(UserFacingError):
    """A status change that the case workflow does not allow."""


class PermissionRefused(UserFacingError):
    """The acting login lacks the role (or unit) an action needs; the message names it."""


class ConflictError(UserFacingError):
    """Another user or workstation changed the record since it was read.

    Nothing of the caller's change was written. ``current`` holds the stored
    values of the fields the caller tried to change, so a user can see what
    changed and decide again.
    """

    def __init__(
        self,
        *,
        entity: str,
        label: str,
        expected_version: int | None,
        current_version: int | None,
        current: Mapping[str, object] | None = None,
        message: str | None = None,
    ) -> None:
        self.entity = entity
        self.label = label
        self.expected_version = expected_version
        self.current_version = current_version
        self.current = dict(current or {})
        if current_version is None:
            what = "was deleted by someone else"
        else:
            what = f"was changed by someone else (version {expected_version} -> {current_version})"
        detail = ""
        if self.current:
            detail = "; now " + ", ".join(f"{k}={v!r}" for k, v in self.current.items())
        super().__init__(message or f"{entity} {label} {what}{detail}; your change was not saved")


class StoreError(UserFacingError):
    """The case store cannot be opened, created or upgraded."""


class StoreUnavailable(StoreError):
    """The store could not be reached or was lost mid-way (server down, network, lock).

    Nothing was written; the same operation may succeed when retried, so the GUI
    offers a retry and keeps what the user typed.
    """


# --- failures as plain data ----------------------------------------------------------------------

#: What kind of failure a :class:`Failure` is: refused values, another writer's change, a
#: record that is gone, a refusal the user can act on, a store out of reach (worth a retry),
#: or a bug.
FailureKind = Literal["invalid", "conflict", "gone", "refused", "unavailable", "internal"]


@dataclass(frozen=True)
class Failure:
    """Why an operation failed, as plain data: it crosses a process boundary (exceptions
    with keyword-only constructors do not survive pickling) and a front end shows it
    without knowing the exception classes.

    ``problems`` lists refused values as ``(field, message)``; ``current`` holds, on a
    conflict, the stored values of the fields the caller tried to change (as text);
    ``details`` is a traceback, for bugs only.
    """

    message: str
    kind: FailureKind = "refused"
    problems: tuple[tuple[str, str], ...] = ()
    current: Mapping[str, str] = field(default_factory=dict)
    details: str = ""

    @property
    def retryable(self) -> bool:
        """True when nothing was written and the same call may succeed later."""
        return self.kind == "unavailable"


def failure_of(exc: BaseException, details: str = "") -> Failure:
    """The :class:`Failure` that describes ``exc``; ``details`` (a traceback) is kept for
    an unexpected error only."""
    if isinstance(exc, ValidationError):
        return Failure(str(exc), "invalid", problems=tuple(exc.problems))
    if isinstance(exc, ConflictError):
        current = {k: "" if v is None else str(v) for k, v in exc.current.items()}
        kind: FailureKind = "gone" if exc.current_version is None else "conflict"
        return Failure(str(exc), kind, current=current)
    if isinstance(exc, NotFoundError):
        return Failure(str(exc), "gone")
    if isinstance(exc, StoreUnavailable):
        return Failure(str(exc), "unavailable")
    if isinstance(exc, UserFacingError):
        return Failure(str(exc), "refused")
    return Failure(f"{type(exc).__name__}: {exc}", "internal", details=details)
