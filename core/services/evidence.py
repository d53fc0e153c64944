"""Evidence items: ingest, list, export, withdraw, verify.

Ingest streams the source into the blob store (hashing as it goes), then records
the item and its links in the caller's unit of work. Nothing is ever deleted:
an item is withdrawn with a reason, and its blob stays.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import sqlalchemy as sa
from sqlmodel import col, func, select

from core import settings
from core.domain.audit import AuditAction, AuditEvent
from core.domain.case import Case
from core.domain.evidence import (
    Blob,
    BlobDerived,
    EvidenceItem,
    EvidenceLink,
    EvidenceStatus,
    IntegrityCheck,
)
from core.domain.types import utcnow
from core.errors import (
    Cancelled,
    IntegrityFailure,
    NotFoundError,
    UserFacingError,
    ValidationError,
)
from core.evidence.blobs import (
    BlobMissingError,
    BlobStore,
    BlobUnreadableError,
    DatabaseBlobStore,
    FolderBlobStore,
    TooLargeError,
    folder_for_sqlite,
    read_verified,
)
from core.evidence.names import display_name, safe_filename
from core.evidence.sniff import MAX_DERIVE_BYTES, derive, sniff_mime
from core.persistence import audit_chain
from core.persistence.bulk import insert_if_absent
from core.persistence.store import Store, ZeroMileSession
from core.persistence.unit_of_work import reading, unit_of_work
from core.progress import CancelCheck, Progress
from core.services.cases import get_case
from core.services.people import acting_label, acting_login
from core.services.stores import store_for


def blob_store_for(store: Store) -> BlobStore:
    """A configured shared folder; else beside a SQLite store; else inside PostgreSQL."""
    shared = settings.evidence_dir()
    if shared:
        return FolderBlobStore(Path(shared))
    if store.backend == "sqlite" and store.url.database:
        return FolderBlobStore(folder_for_sqlite(Path(store.url.database)))
    return DatabaseBlobStore()


def check_source(path: Path, *, limit: int) -> None:
    """Refuse links, folders, missing files and files over the limit, before reading a byte."""
    if path.is_symlink():
        raise UserFacingError(f"{path} is a link; give the file itself (links are not followed)")
    if not path.exists():
        raise NotFoundError(f"{path}: no such file")
    if not path.is_file():
        raise UserFacingError(f"{path} is not a regular file")
    size = path.stat().st_size
    if size > limit:
        raise TooLargeError(
            f"{path.name} is {size:,} bytes, over the evidence limit of {limit:,}; not stored"
        )


def open_source(path: Path, *, limit: int) -> BinaryIO:
    """Open an evidence source read-only, without following links (see ``check_source``)."""
    check_source(path, limit=limit)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        raise UserFacingError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return os.fdopen(descriptor, "rb")


def _next_exhibit(session: ZeroMileSession, case: Case) -> int:
    """The case's next exhibit number, reserved for this transaction.

    Numbers are handed out under the writers' lock (``audit_chain.lock``), held to the
    end of the transaction, so two workstations adding to one case get distinct numbers
    without gaps. Not a lock on the case row: the transaction's own inserts hold
    key-share locks on that row, and a second transaction asking for the row lock over
    them deadlocked parallel imports.
    """
    audit_chain.lock(session.connection())
    top = session.exec(
        select(func.max(EvidenceItem.exhibit_no)).where(EvidenceItem.case_id == case.id)
    ).one()
    return int(top or 0) + 1


def _blob_record(session: ZeroMileSession, sha256: str) -> Blob | None:
    """The store's record of content ``sha256`` as it is now. On PostgreSQL another
    unit's exhibit may hold the same content, whose record this login may not read
    until its own exhibit names it: the server's ``zeromile_blob_record`` tells size and
    type (a detached record, not kept by the session)."""
    if session.get_bind().dialect.name != "postgresql":
        return session.get(Blob, sha256, populate_existing=True)
    found = session.execute(
        sa.text("SELECT size, mime_type, storage FROM zeromile_blob_record(:sha)"), {"sha": sha256}
    ).first()
    if found is None:
        return None
    return Blob(sha256=sha256, size=found.size, mime_type=found.mime_type, storage=found.storage)


def _derive(session: ZeroMileSession, blobs: BlobStore, blob: Blob, mime: str) -> str | None:
    """Cache what can be read from an image or PDF (``mime``: the type this file was
    sniffed as, not the shared record's); return why it could not be read.

    Never raises for the content: a damaged file is stored as given, with the reason.
    """
    known = session.get(BlobDerived, blob.sha256)
    if known is not None:
        return known.error
    if blob.size > MAX_DERIVE_BYTES:
        return None
    if not (mime.startswith("image/") or mime == "application/pdf"):
        return None
    data = b"".join(blobs.chunks(session, blob.sha256))
    derived = derive(mime, data)
    if derived is None:
        return None
    insert_if_absent(session, BlobDerived, {"sha256": blob.sha256, **derived.clean().__dict__})
    return derived.error


@dataclass
class Ingested:
    item: EvidenceItem
    same_content: list[int] = field(default_factory=list)  # earlier exhibits of this case
    #: Why the file may be damaged (e.g. an image that cannot be decoded); it was stored
    #: as given all the same. ``None`` when nothing looked wrong.
    warning: str | None = None


def add_evidence(
    session: ZeroMileSession,
    blobs: BlobStore,
    case: Case,
    source: BinaryIO,
    *,
    original_name: str,
    kind: str | None = None,
    description: str | None = None,
    obtained_from: str | None = None,
    obtained_date: dt.date | None = None,
    obtained_by: str | None = None,
    vehicle_ids: Sequence[int] = (),
    shipment_id: int | None = None,
    limit: int | None = None,
) -> Ingested:
    """Store one file as the case's next exhibit, with its links and derived data.

    The bytes are stored exactly as read. A file that looks damaged (an image or PDF
    that cannot be decoded) is stored all the same, and ``Ingested.warning`` says why.
    Safe to run at the same moment as other workstations storing the same content or
    adding to the same case.
    """
    assert case.id is not None
    stored = blobs.put(session, source, limit=limit or settings.evidence_limit())
    exhibit_no = _next_exhibit(session, case)
    insert_if_absent(
        session,
        Blob,
        {
            "sha256": stored.sha256,
            "size": stored.size,
            "mime_type": sniff_mime(stored.head),
            "storage": blobs.kind,
        },
    )
    blob = _blob_record(session, stored.sha256)
    if blob is None or blob.size != stored.size:
        raise IntegrityFailure(
            f"the store's record of content {stored.sha256} does not match the file "
            f"({stored.size:,} bytes); nothing was stored; run 'zeromile evidence verify'"
        )
    same = session.exec(
        select(EvidenceItem.exhibit_no).where(
            EvidenceItem.case_id == case.id, EvidenceItem.sha256 == blob.sha256
        )
    ).all()
    item = EvidenceItem(
        case_id=case.id,
        exhibit_no=exhibit_no,
        sha256=blob.sha256,
        original_name=display_name(original_name),
        size=blob.size,
        # this file's own type: another login holding the same content wrote the record
        mime_type=sniff_mime(stored.head),
        kind=kind,
        description=description,
        source=obtained_from,
        obtained_date=obtained_date,
        obtained_by=obtained_by,
        logged_by=acting_label(session),
    )
    session.add(item)
    session.flush()
    assert item.id is not None
    for vehicle_id in vehicle_ids:
        session.add(EvidenceLink(evidence_id=item.id, case_id=case.id, vehicle_id=vehicle_id))
    if shipment_id is not None:
        session.add(EvidenceLink(evidence_id=item.id, case_id=case.id, shipment_id=shipment_id))
    problem = _derive(session, blobs, blob, item.mime_type)
    session.flush()
    warning = None
    if problem:
        warning = (
            f"exhibit {item.exhibit_no} ({item.original_name}) could not be read for a "
            f"preview ({problem}); it may be damaged; stored as given"
        )
    return Ingested(item, list(same), warning)


@dataclass(frozen=True)
class FileDetails:
    """What the inspector says about the files of one ingest (see
    :func:`core.services.evidence_ingest.ingest_files`)."""

    kind: str | None = None
    description: str | None = None
    obtained_from: str | None = None
    obtained_date: dt.date | None = None
    obtained_by: str | None = None
    vehicles: Sequence[str] = ()  # VINs of the case
    shipment: str | None = None  # id or declaration number


def list_evidence(session: ZeroMileSession, case: Case) -> list[EvidenceItem]:
    return list(
        session.exec(
            select(EvidenceItem)
            .where(EvidenceItem.case_id == case.id)
            .order_by(col(EvidenceItem.exhibit_no))
        )
    )


def get_exhibit(session: ZeroMileSession, case: Case, exhibit: int) -> EvidenceItem:
    found = session.exec(
        select(EvidenceItem).where(
            EvidenceItem.case_id == case.id, EvidenceItem.exhibit_no == exhibit
        )
    ).first()
    if found is None:
        raise NotFoundError(f"case {case.reference} has no exhibit {exhibit}")
    return found


def links_of(session: ZeroMileSession, item: EvidenceItem) -> list[EvidenceLink]:
    return list(session.exec(select(EvidenceLink).where(EvidenceLink.evidence_id == item.id)))


def derived_of(session: ZeroMileSession, item: EvidenceItem) -> BlobDerived | None:
    return session.get(BlobDerived, item.sha256)


def withdraw_evidence(
    session: ZeroMileSession, item: EvidenceItem, *, reason: str, actor: str
) -> EvidenceItem:
    """Withdraw an exhibit (it stays stored and listed, marked withdrawn)."""
    if not reason.strip():
        raise ValidationError([("reason", "withdrawing evidence needs a reason")])
    if item.status == EvidenceStatus.WITHDRAWN.value:
        raise UserFacingError(f"exhibit {item.exhibit_no} is already withdrawn")
    item.status = EvidenceStatus.WITHDRAWN.value
    item.withdrawn_reason = reason.strip()
    item.withdrawn_at = utcnow()
    item.withdrawn_by = acting_login(session)  # the login, never the typed label
    session.flush()
    return item


def export_name(case: Case, item: EvidenceItem) -> str:
    """``ZM-2026-000001-E0003-odometer.jpg``: exhibit number first, then the safe original name."""
    return f"{case.reference}-E{item.exhibit_no:04d}-{safe_filename(item.original_name)}"


def export_evidence(
    session: ZeroMileSession, blobs: BlobStore, case: Case, item: EvidenceItem, dest: Path
) -> Path:
    """Copy an exhibit out, checking its hash; never overwrites, never half-writes."""
    target = check_new_target(dest / export_name(case, item) if dest.is_dir() else dest)
    partial = target.with_name(f".{uuid.uuid4().hex}.part")
    try:
        with partial.open("xb") as out:
            written = read_verified(blobs, session, item.sha256, sink=out.write)
            out.flush()
            os.fsync(out.fileno())
        if written != item.sha256:
            raise IntegrityFailure(
                f"exhibit {item.exhibit_no} ({item.original_name}) does not match its SHA-256; "
                "not exported; run 'zeromile evidence verify'"
            )
        place_new(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def check_new_target(target: Path) -> Path:
    """Refuse a target that exists (nothing is overwritten) or whose folder is missing."""
    if target.exists():
        raise UserFacingError(f"{target} exists already; not overwritten")
    if not target.parent.is_dir():
        raise UserFacingError(f"folder {target.parent} does not exist")
    return target


def place_new(source: Path, target: Path) -> None:
    """Put a finished file at ``target`` only if nothing is there (never overwrites)."""
    try:
        os.link(source, target)
    except FileExistsError as exc:
        raise UserFacingError(f"{target} exists already; not overwritten") from exc
    except OSError:
        # Filesystems without hard links: check, then rename (a small race remains).
        if target.exists():
            raise UserFacingError(f"{target} exists already; not overwritten") from None
        os.replace(source, target)


def recorded_hashes(session: ZeroMileSession, case: Case) -> dict[str, dict[int, str]]:
    """The SHA-256 each exhibit of the case had when it was logged, from the audit trail:
    ``{"id": {evidence id: sha}, "exhibit": {exhibit number: sha}}``.

    An exhibit logged on its own has a creation event for its ``sha256`` field; the
    file of an import is recorded in the import's summary event (file, hash, exhibit).
    The earliest event wins: the hash an exhibit was logged with never changes.
    """
    by_id: dict[int, str] = {}
    created = session.exec(
        select(AuditEvent.entity_id, AuditEvent.new_value)
        .where(
            AuditEvent.case_id == case.id,
            AuditEvent.entity == EvidenceItem.audit_entity,
            AuditEvent.action == AuditAction.CREATE.value,
            AuditEvent.field == "sha256",
        )
        .order_by(col(AuditEvent.id))
    )
    for entity_id, value in created:
        if entity_id is not None and value is not None:
            by_id.setdefault(entity_id, value)
    by_exhibit: dict[int, str] = {}
    imports = session.exec(
        select(AuditEvent.new_value)
        .where(
            AuditEvent.case_id == case.id,
            AuditEvent.action == AuditAction.IMPORT.value,
        )
        .order_by(col(AuditEvent.id))
    )
    for value in imports:
        try:
            summary = json.loads(value or "")
        except ValueError:
            continue
        if not isinstance(summary, dict):
            continue
        exhibit, sha = summary.get("exhibit"), summary.get("sha256")
        if isinstance(exhibit, int) and isinstance(sha, str):
            by_exhibit.setdefault(exhibit, sha)
    return {"id": by_id, "exhibit": by_exhibit}


def _check(
    session: ZeroMileSession,
    blobs: BlobStore,
    item: EvidenceItem,
    recorded: dict[str, dict[int, str]],
) -> str | None:
    """What is wrong with one exhibit, or ``None``."""
    assert item.id is not None
    logged = recorded["id"].get(item.id) or recorded["exhibit"].get(item.exhibit_no)
    try:
        actual = read_verified(blobs, session, item.sha256)
    except (BlobMissingError, BlobUnreadableError) as exc:
        return str(exc)
    except OSError as exc:
        return f"cannot read its content in {blobs.location()}: {exc.strerror or exc}"
    if actual != item.sha256:
        return f"content changed (now {actual})"
    if logged is None:
        return "the audit trail has no record of the hash it was logged with"
    if logged != item.sha256:
        return (
            f"content and hash were replaced: it was logged with SHA-256 {logged}, "
            f"the store now holds {item.sha256}"
        )
    return None


@dataclass(frozen=True)
class BadExhibit:
    case: str
    exhibit_no: int
    original_name: str
    problem: str


@dataclass
class EvidenceReport:
    checked: int = 0
    failures: list[BadExhibit] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def verify_evidence(
    store: Store,
    blobs: BlobStore,
    references: Sequence[str] | None,
    *,
    actor: str,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> EvidenceReport:
    """Re-hash every exhibit of the cases (all cases when ``references`` is None), compare
    it with the hash its ingest recorded in the audit trail, then record a permanent
    check on each case.

    An exhibit fails when its bytes no longer match its hash, when its hash is not the
    one the audit trail recorded when it was logged (content and hash both replaced),
    or when its bytes are missing or cannot be read (the failure names the file and
    the reason; the other exhibits are still checked).

    Hashing runs in a read-only session, so a long check never holds the write lock;
    only the short recording of the results is a write. ``progress(done, total)`` counts
    exhibits; when ``cancelled()`` turns true, :class:`Cancelled` is raised and no check
    is recorded (a half-done check proves nothing).
    """
    report = EvidenceReport()
    per_case: list[tuple[int, int, list[BadExhibit]]] = []
    with reading(store) as session:
        if references is None:
            targets = list(session.exec(select(Case).order_by(col(Case.id))))
        else:
            targets = [get_case(session, ref) for ref in references]
        items = [(case, list_evidence(session, case)) for case in targets]
        total, done = sum(len(found) for _, found in items), 0
        for case, found in items:
            recorded = recorded_hashes(session, case)
            checked, failures = 0, []
            for item in found:
                if cancelled is not None and cancelled():
                    raise Cancelled("evidence verification cancelled")
                if progress is not None:
                    progress(done, total)
                done += 1
                checked += 1
                problem = _check(session, blobs, item, recorded)
                if problem:
                    failures.append(
                        BadExhibit(case.reference, item.exhibit_no, item.original_name, problem)
                    )
            assert case.id is not None
            per_case.append((case.id, checked, failures))
            report.checked += checked
            report.failures += failures
    with unit_of_work(store, actor=actor, reason="evidence verification") as session:
        for case_id, checked, failures in per_case:
            session.add(
                IntegrityCheck(
                    case_id=case_id,
                    kind="evidence",
                    actor=store.login,
                    ok=not failures,
                    checked=checked,
                    failures="\n".join(
                        f"exhibit {f.exhibit_no} ({f.original_name}): {f.problem}" for f in failures
                    ),
                )
            )
    return report


# --- use cases for a front end: plain values in, plain data out, one transaction each ---------


def evidence_of(*, db: str, reference: str) -> dict[str, Any]:
    """The case's exhibits and custody events as ``views.evidence_detail`` gives them."""
    from core.services import views

    with reading(store_for(db)) as session:
        return views.evidence_detail(session, get_case(session, reference))


@dataclass(frozen=True)
class BlobBytes:
    """A blob's bytes as read, and whether they still match the SHA-256 they are stored
    under (``intact`` False: altered or damaged; shown under a warning, never trusted)."""

    data: bytes
    intact: bool


def read_blob(
    *,
    db: str,
    reference: str,
    exhibit: int,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> BlobBytes:
    """Read the bytes of exhibit ``exhibit`` of case ``reference`` whole, checking their
    hash on the way (for a preview): only an exhibit of that case is read, whatever hash
    a caller knows. ``progress`` counts thousandths of the size; cancel raises ``Cancelled``."""
    store = store_for(db)
    parts: list[bytes] = []
    with reading(store) as session:
        sha256 = get_exhibit(session, get_case(session, reference), exhibit).sha256
        blob = session.get(Blob, sha256)
        size = blob.size if blob is not None else 0

        def report(done: int) -> None:
            if progress is not None and size:
                progress(min(1000, done * 1000 // size), 1000)

        blobs = blob_store_for(store)
        actual = read_verified(
            blobs, session, sha256, sink=parts.append, progress=report, cancelled=cancelled
        )
    return BlobBytes(b"".join(parts), actual == sha256)


def export_copy(*, db: str, reference: str, exhibit: int, folder: str) -> str:
    """Copy exhibit ``exhibit`` of the case into ``folder`` (see :func:`export_evidence`);
    the path written."""
    store = store_for(db)
    with reading(store) as session:
        case = get_case(session, reference)
        item = get_exhibit(session, case, exhibit)
        return str(export_evidence(session, blob_store_for(store), case, item, Path(folder)))


def withdraw(*, db: str, actor: str, reference: str, exhibit: int, reason: str) -> None:
    """Withdraw exhibit ``exhibit`` of the case with ``reason`` (see
    :func:`withdraw_evidence`)."""
    with unit_of_work(store_for(db), actor=actor, reason=reason) as session:
        item = get_exhibit(session, get_case(session, reference), exhibit)
        withdraw_evidence(session, item, reason=reason, actor=actor)


def verify_case(
    *,
    db: str,
    actor: str,
    reference: str,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> EvidenceReport:
    """Re-hash the exhibits of case ``reference`` and record the check (see
    :func:`verify_evidence`)."""
    store = store_for(db)
    return verify_evidence(store, blob_store_for(store), [reference], actor=actor,
                           progress=progress, cancelled=cancelled)  # fmt: skip
