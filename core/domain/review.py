"""CaseReview: the four-eyes review of a case, one append-only record per step.

A case is prepared by one person and checked by another before a hearing. Each step
(requested, approved, returned, voided) is one row that is never changed or deleted;
the state of a case's review is its latest row. The login is the store's (the server's
``session_user`` on PostgreSQL, the operating-system login on SQLite), never a name
the client typed.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import ClassVar

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from core.domain import bounds
from core.domain.types import UTCDateTime, utcnow


class ReviewAction(StrEnum):
    #: The preparer asks for a review (the case goes to under_review).
    REQUESTED = "requested"
    #: A supervisor approved (the case goes to ready_for_hearing).
    APPROVED = "approved"
    #: A supervisor sent the case back with a reason (the case goes to open).
    RETURNED = "returned"
    #: A change after an approval took the approval away (the case goes to under_review).
    VOIDED = "voided"


class CaseReview(SQLModel, table=True):
    """One step of a case's review.

    ``login`` is who took the step (for ``voided``: whose change voided the approval).
    ``comment`` is the approver's comment, the reason of a return, or, for ``voided``,
    the changes that voided the approval (``entity label field`` per line).
    ``content_hash`` is :func:`core.services.review.content_hash` of the case at that
    moment; empty for a void the server recorded (a change made outside the program, on
    the shared store: the server does not compute the program's hash).
    ``acknowledged`` (approvals only) is a JSON list of the findings whose legal basis is
    unconfirmed, as the approver acknowledged them (id, rule, VIN, title, basis, citation).
    """

    __tablename__ = "case_review"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case_file.id", index=True)
    action: str = Field(sa_type=sa.String(10))
    login: str = Field(sa_type=sa.String(63))
    at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    comment: str | None = Field(default=None, sa_type=sa.Text, sa_column_kwargs=bounds.TYPED)
    content_hash: str = Field(sa_type=sa.String(64))
    acknowledged: str = Field(default="[]", sa_type=sa.Text)

    audit_entity: ClassVar[str] = "case_review"
    audit_exclude: ClassVar[frozenset[str]] = frozenset({"id", "case_id"})
    audit_append_only: ClassVar[bool] = True

    def audit_case_id(self) -> int | None:
        return self.case_id

    def audit_label(self) -> str:
        return f"review {self.action} by {self.login}"
