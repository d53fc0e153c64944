"""A unit of work: one transaction, one actor, one audit operation.

Every write in ZeroMile happens inside ``unit_of_work``: it commits on success,
rolls back on any error (so a multi-step write lands whole or not at all), and
turns driver errors into one-line :class:`StoreError` messages.

A deadlock or a serialization failure (PostgreSQL, SQLSTATE 40P01 / 40001) is not a
lost connection: the server rolled the transaction back whole, and the same work run
again usually succeeds. ``unit_of_work`` raises :class:`TransientConflict` for it. A
context manager cannot run its block twice, so the retry wraps the whole call that
opens the unit of work::

    @retrying
    def add_files(store, ...):
        with unit_of_work(store, actor=...) as session:
            ...

    result = retrying(lambda: import_into_case(store, ...))()

    # a service that takes the caller's session: a fresh unit of work per run
    summary = in_transaction(store, lambda session: import_declarations(session, ...),
                             actor=actor)

:func:`retrying` runs the call again on :class:`TransientConflict`, a bounded number of
times with a growing, jittered pause, then raises a :class:`TransientConflict` that
says how often it tried and that nothing was saved.
"""

from __future__ import annotations

import functools
import random
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar, overload

from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from core.errors import ConflictError, StoreError, StoreUnavailable, UserFacingError
from core.persistence.audit_hook import AUDIT_KEY, AuditContext
from core.persistence.store import Store, ZeroMileSession, describe_db_error

#: SQLSTATEs after which the server rolled the transaction back and a rerun may succeed.
TRANSIENT_SQLSTATES = {"40P01": "deadlock", "40001": "serialization failure"}
#: How often :func:`retrying` runs a call in all (the first run included).
DEFAULT_ATTEMPTS = 5
_FIRST_PAUSE = 0.05  # seconds; doubled after each failed run, times a random factor


class TransientConflict(StoreError):
    """Another transaction and this one blocked each other (a deadlock) or could not be
    serialised; the server rolled this one back, so nothing of it was saved.

    ``kind`` is ``"deadlock"`` or ``"serialization failure"``; ``attempts`` is how many
    runs were made (1 from :func:`unit_of_work`, more from :func:`retrying`).
    """

    def __init__(
        self, message: str, *, kind: str, detail: str, where: str, attempts: int = 1
    ) -> None:
        self.kind = kind
        self.where = where
        self.detail = detail
        self.attempts = attempts
        super().__init__(message)


def _transient_kind(exc: DBAPIError) -> str | None:
    return TRANSIENT_SQLSTATES.get(str(getattr(exc.orig, "sqlstate", "") or ""))


def _transient(store: Store, exc: DBAPIError, kind: str) -> TransientConflict:
    detail = describe_db_error(exc)
    return TransientConflict(
        f"the store {store.display_url} stopped this change because of a {kind} with "
        f"another workstation's change ({detail}); nothing was saved, please try again",
        kind=kind,
        detail=detail,
        where=store.display_url,
    )


@contextmanager
def unit_of_work(
    store: Store, *, actor: str, reason: str | None = None
) -> Iterator[ZeroMileSession]:
    """Yield a write session; commit when the block ends without error.

    ``actor`` is the caller's display label for who is acting; the audit trail records
    the store's login (:attr:`Store.login`) instead, which the caller cannot choose."""
    if not actor.strip():
        raise UserFacingError("an actor is required for every change")
    session = store.write_session()
    session.info[AUDIT_KEY] = AuditContext(
        actor=store.login, operation=uuid.uuid4().hex, reason=reason, label=actor.strip()
    )
    try:
        yield session
        session.commit()
    except StaleDataError as exc:
        session.rollback()
        raise ConflictError(
            entity="record",
            label="",
            expected_version=None,
            current_version=None,
            message="another workstation changed the same record at the same moment; "
            "nothing was saved, please try again",
        ) from exc
    except IntegrityError as exc:
        session.rollback()
        raise StoreError(f"the store refused the change: {describe_db_error(exc)}") from exc
    except DBAPIError as exc:
        session.rollback()
        kind = _transient_kind(exc)
        if kind is not None:
            raise _transient(store, exc, kind) from exc
        if _unreachable(exc):
            raise StoreUnavailable(
                f"lost the connection to the store {store.display_url}: "
                f"{describe_db_error(exc)}; nothing was saved"
            ) from exc
        if str(getattr(exc.orig, "sqlstate", "")).startswith("53"):  # insufficient resources
            raise StoreError(
                f"the store {store.display_url} has no room for the change "
                f"({describe_db_error(exc)}); nothing was saved"
            ) from exc
        raise StoreError(
            f"the store {store.display_url} refused the change: "
            f"{describe_db_error(exc)}; nothing was saved"
        ) from exc
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


@contextmanager
def reading(store: Store) -> Iterator[ZeroMileSession]:
    """Yield a session for reading; its transaction ends with the block.

    Objects read stay usable (detached, attributes loaded) after the block.
    """
    session = store.read_session()
    try:
        yield session
    except DBAPIError as exc:
        kind = _transient_kind(exc)
        if kind is not None:
            raise _transient(store, exc, kind) from exc
        error = StoreUnavailable if _unreachable(exc) else StoreError
        raise error(f"cannot read the store {store.display_url}: {describe_db_error(exc)}") from exc
    finally:
        session.close()


#: SQLSTATEs (besides class 08, connection exceptions) of a server that is going away,
#: refusing connections or busy: worth a retry later, like a lost connection.
_UNAVAILABLE_SQLSTATES = frozenset({"57P01", "57P02", "57P03", "53300", "55P03"})


def _unreachable(exc: DBAPIError) -> bool:
    """A lost or refused connection, or a busy lock: worth a retry, unlike a refused value."""
    if exc.connection_invalidated or isinstance(exc, InterfaceError):
        return True
    if not isinstance(exc, OperationalError):
        return False
    state = getattr(exc.orig, "sqlstate", None)
    if state:  # PostgreSQL says what happened; a full disk is not a lost connection
        return str(state).startswith("08") or state in _UNAVAILABLE_SQLSTATES
    if type(exc.orig).__module__.startswith("sqlite3"):
        text = str(exc.orig).lower()  # SQLite also uses it for "no such table" and the like
        return any(w in text for w in ("locked", "busy", "unable to open", "disk i/o"))
    return True


def set_reason(session: ZeroMileSession, reason: str | None) -> None:
    """Set the reason recorded with the events of the next flush."""
    ctx: AuditContext = session.info[AUDIT_KEY]
    ctx.reason = reason


P = ParamSpec("P")
R = TypeVar("R")


@overload
def retrying(fn: Callable[P, R], /) -> Callable[P, R]: ...
@overload
def retrying(
    fn: None = None, /, *, attempts: int = DEFAULT_ATTEMPTS
) -> Callable[[Callable[P, R]], Callable[P, R]]: ...


def retrying(
    fn: Callable[P, R] | None = None, /, *, attempts: int = DEFAULT_ATTEMPTS
) -> Callable[P, R] | Callable[[Callable[P, R]], Callable[P, R]]:
    """Run ``fn`` again when it raises :class:`TransientConflict`, up to ``attempts`` runs.

    ``fn`` must be a whole transaction: it opens its own :func:`unit_of_work` (and reopens
    any file it reads), so a rerun starts from scratch; never wrap code that is handed
    a session from outside. Between runs it pauses 50 ms, 100 ms, 200 ms ... each times
    a random factor in [0.5, 1.5), so the workstations that collided do not collide
    again in step. After the last run the :class:`TransientConflict` raised says how
    many runs were made and that nothing was saved. Use as ``@retrying``,
    ``@retrying(attempts=3)`` or ``retrying(call)(...)``.
    """
    if attempts < 1:
        raise ValueError("attempts must be at least 1")

    def decorate(call: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(call)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            pause = _FIRST_PAUSE
            for attempt in range(1, attempts + 1):
                try:
                    return call(*args, **kwargs)
                except TransientConflict as exc:
                    if attempt == attempts:
                        raise TransientConflict(
                            f"the store {exc.where} kept stopping this change because of a "
                            f"{exc.kind} with other workstations' changes ({exc.detail}); tried "
                            f"{attempts} time{'s' if attempts != 1 else ''}; nothing was saved, "
                            "please try again",
                            kind=exc.kind,
                            detail=exc.detail,
                            where=exc.where,
                            attempts=attempts,
                        ) from exc
                    time.sleep(pause * random.uniform(0.5, 1.5))
                    pause *= 2
            raise AssertionError("unreachable")  # pragma: no cover

        return run

    return decorate if fn is None else decorate(fn)


def in_transaction(
    store: Store,
    work: Callable[[ZeroMileSession], R],
    *,
    actor: str,
    reason: str | None = None,
    attempts: int = DEFAULT_ATTEMPTS,
) -> R:
    """Run ``work(session)`` in a fresh :func:`unit_of_work` and return its result; run it
    again, in a new unit of work, after a deadlock or serialization failure (see
    :func:`retrying`). For services that take the caller's session, e.g.::

        summary = in_transaction(
            store, lambda s: import_declarations(s, get_case(s, ref), path), actor=actor
        )

    ``work`` must not keep anything from a failed run: each run starts from scratch.
    """

    @retrying(attempts=attempts)
    def once() -> R:
        with unit_of_work(store, actor=actor, reason=reason) as session:
            return work(session)

    return once()
