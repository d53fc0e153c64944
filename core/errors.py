"""The one exception hierarchy of ZeroMile.

Every error a user can cause derives from :class:`UserFacingError` and carries a
message that is fit to show as-is (one line, no traceback). The command line
maps these to exit code 2; the GUI shows the message. Anything else is a bug.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


class ZeroMileError(Exception):
    """Base class of every error raised on purpose by ZeroMile."""


class UserFacingError(ZeroMileError):
    """An error caused by input, state or environment that the user can act on."""


class CheckFailed(UserFacingError):
    """A check found a problem (altered evidence, a broken chain): exit code 1, not 2."""


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
