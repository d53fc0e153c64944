"""The case diary: append-only notes."""

from __future__ import annotations

from sqlmodel import col, select

from core.domain.case import Case
from core.domain.fields import check_fit
from core.domain.note import Note
from core.errors import ValidationError
from core.persistence.store import ZeroMileSession
from core.services.people import acting_label


def add_note(session: ZeroMileSession, case: Case, *, text: str) -> Note:
    """Append a diary entry; notes are never edited (a correction is a new note).

    Its author is the acting login's person (:func:`core.services.people.acting_label`),
    never a typed name. A text longer than ``core.domain.bounds.TEXT_LIMIT`` is refused."""
    author = acting_label(session)
    if not text.strip():
        raise ValidationError([("text", "a note cannot be empty")])
    check_fit(Note, {"text": text.strip(), "author": author})
    assert case.id is not None
    note = Note(case_id=case.id, author=author, text=text.strip())
    session.add(note)
    session.flush()
    return note


def list_notes(session: ZeroMileSession, case: Case) -> list[Note]:
    return list(
        session.exec(
            select(Note).where(Note.case_id == case.id).order_by(col(Note.created_at), col(Note.id))
        )
    )


def add(*, db: str, actor: str, reference: str, text: str) -> None:
    """Add ``text`` to the case's diary (one transaction); ``actor`` labels the work."""
    from core.persistence.unit_of_work import unit_of_work
    from core.services import cases
    from core.services.stores import store_for

    with unit_of_work(store_for(db), actor=actor) as session:
        add_note(session, cases.get_case(session, reference), text=text)
