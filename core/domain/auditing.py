"""What makes a row auditable and versioned.

Every editable table mixes in :class:`Versioned` (optimistic concurrency: each
UPDATE checks and bumps ``version``) and declares how it appears in the audit
trail through the :class:`Auditable` protocol. The audit hook in
``core.persistence.audit_hook`` relies on these declarations.
"""

from __future__ import annotations

from typing import Any, ClassVar, Protocol, runtime_checkable

from sqlalchemy.orm import declared_attr


class Versioned:
    """Mixin: the table's ``version`` column is SQLAlchemy's version counter.

    A stale UPDATE (the row's version moved on since it was read) matches no row
    and SQLAlchemy raises ``StaleDataError``, which the unit of work turns into
    :class:`core.errors.ConflictError`.
    """

    @declared_attr  # type: ignore[arg-type]
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 - declarative hook
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


@runtime_checkable
class Auditable(Protocol):
    """A row whose every change is written to the audit trail.

    ``audit_entity`` names the entity in events, ``audit_exclude`` lists columns
    that are bookkeeping rather than facts (never audited), ``audit_append_only``
    forbids updates once the row is stored.
    """

    audit_entity: ClassVar[str]
    audit_exclude: ClassVar[frozenset[str]]
    audit_append_only: ClassVar[bool]

    def audit_case_id(self) -> int | None:
        """The case this row belongs to, if any."""

    def audit_label(self) -> str:
        """A short human label (reference, VIN, name) shown in the trail."""


BOOKKEEPING = frozenset({"id", "version", "created_at", "updated_at"})
