"""A unit of work: one transaction, one actor, one audit operation.

Every write in ZeroMile happens inside ``unit_of_work``: it commits on success,
rolls back on any error (so a multi-step write lands whole or not at all), and
turns driver errors into one-line :class:`StoreError` messages.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from core.errors import ConflictError, StoreError, StoreUnavailable, UserFacingError
from core.persistence.audit_hook import AUDIT_KEY, AuditContext
from core.persistence.store import Store, ZeroMileSession, describe_db_error


@contextmanager
def unit_of_work(
    store: Store, *, actor: str, reason: str | None = None
) -> Iterator[ZeroMileSession]:
    """Yield a write session; commit when the block ends without error."""
    if not actor.strip():
        raise UserFacingError("an actor is required for every change")
    session = store.write_session()
    session.info[AUDIT_KEY] = AuditContext(
        actor=actor.strip(), operation=uuid.uuid4().hex, reason=reason
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
        if _unreachable(exc):
            raise StoreUnavailable(
                f"lost the connection to the store {store.display_url}: "
                f"{describe_db_error(exc)}; nothing was saved"
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
        error = StoreUnavailable if _unreachable(exc) else StoreError
        raise error(f"cannot read the store {store.display_url}: {describe_db_error(exc)}") from exc
    finally:
        session.close()


def _unreachable(exc: DBAPIError) -> bool:
    """A lost or refused connection, or a busy lock: worth a retry, unlike a refused value."""
    if exc.connection_invalidated or isinstance(exc, InterfaceError):
        return True
    if not isinstance(exc, OperationalError):
        return False
    if type(exc.orig).__module__.startswith("sqlite3"):
        text = str(exc.orig).lower()  # SQLite also uses it for "no such table" and the like
        return any(w in text for w in ("locked", "busy", "unable to open", "disk i/o"))
    return True


def set_reason(session: ZeroMileSession, reason: str | None) -> None:
    """Set the reason recorded with the events of the next flush."""
    ctx: AuditContext = session.info[AUDIT_KEY]
    ctx.reason = reason
