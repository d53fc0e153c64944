"""Evidence ingest: the one way files become a case's exhibits, for every front end.

The policy, for the command line and the window alike:

- Every file is checked (no links, no folders, no missing file, none over the limit)
  before a byte is stored; a refused file stops the whole add.
- The files are stored in ONE transaction, each in its own savepoint, with progress by
  bytes. Either all are stored, or - when one fails (a full disk, a lost store) - none
  is, and the error says why. A half-stored batch would leave exhibit numbers nobody
  chose, so a failure never keeps part of it.
- A cancel is the inspector's choice: the files finished before it stay stored (the
  one under way is not), and :attr:`IngestResult.stopped` names the others.
- A deadlock with another workstation reruns the whole add (the files are read again);
  a file that looks damaged is stored as given, with a warning.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, cast

from core import settings
from core.domain.case import Case
from core.errors import Cancelled, UserFacingError
from core.evidence.blobs import BlobStore
from core.evidence.kinds import guess_kind
from core.evidence.sniff import sniff_mime
from core.persistence.store import Store, ZeroMileSession
from core.persistence.unit_of_work import retrying, unit_of_work
from core.progress import CancelCheck, Progress
from core.reference import load_reference
from core.services import views
from core.services.cases import get_case
from core.services.evidence import (
    FileDetails,
    add_evidence,
    blob_store_for,
    check_source,
    open_source,
)
from core.services.stores import store_for


@dataclass(frozen=True)
class FilesChecked:
    """Files offered for ingest, after the checks: ``accepted`` paths, ``refused``
    messages (one per refused file), the ``kind`` their names or content suggest (None:
    no single guess) and the evidence size ``limit`` they were checked against."""

    accepted: tuple[str, ...]
    refused: tuple[str, ...]
    kind: str | None
    limit: int


def check_files(*, paths: Sequence[str]) -> FilesChecked:
    """Check ``paths`` for ingest and guess their kind. Reads only the files' first
    bytes, never the store. Raises ``UserFacingError`` when the limit is misconfigured."""
    limit = settings.evidence_limit()
    accepted: list[str] = []
    refused: list[str] = []
    for name in paths:
        try:
            check_source(Path(name), limit=limit)
        except UserFacingError as exc:
            refused.append(str(exc))
        else:
            accepted.append(name)
    try:
        known = [d["code"] for d in load_reference().document_types]
    except UserFacingError:
        known = []
    kind = guess_kind(
        [Path(a).name for a in accepted], [head_mime(Path(a), limit) for a in accepted], known
    )
    return FilesChecked(tuple(accepted), tuple(refused), kind, limit)


def head_mime(path: Path, limit: int) -> str:
    """The MIME type from the file's first bytes (as ingest will record it)."""
    try:
        with open_source(path, limit=limit) as source:
            return sniff_mime(source.read(8192))
    except (UserFacingError, OSError):
        return "application/octet-stream"


@dataclass(frozen=True)
class Added:
    """One file stored: its exhibit number and name, earlier exhibits of the case with the
    same content, why it may be damaged (None: it looked sound), and its row as
    ``views.evidence_row`` gives it."""

    exhibit: int
    name: str
    sha256: str
    same_content: tuple[int, ...] = ()
    warning: str | None = None
    row: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class IngestResult:
    """What an ingest stored (``added``, in order) and the names of the files a cancel
    left unstored (``stopped``), for the case ``reference``."""

    reference: str
    added: tuple[Added, ...]
    stopped: tuple[str, ...] = ()


def ingest_files(
    *,
    db: str,
    actor: str,
    reference: str,
    files: Sequence[str],
    details: FileDetails | None = None,
    limit: int | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> IngestResult:
    """Store ``files`` as the case's next exhibits under the module's policy.

    ``progress`` counts thousandths of the files' total bytes; ``cancelled`` is checked
    as each file is read, so a cancel stops even inside a large file.
    """
    store = store_for(db)
    limit = limit or settings.evidence_limit()
    paths = [Path(f) for f in files]
    for path in paths:
        check_source(path, limit=limit)
    batch = _Batch(store, blob_store_for(store), actor, details or FileDetails(), limit, paths)
    return retrying(batch.run)(
        reference, progress or (lambda _done, _total: None), cancelled or (lambda: False)
    )


@dataclass
class _Batch:
    store: Store
    blobs: BlobStore
    actor: str
    details: FileDetails
    limit: int
    paths: list[Path]

    def run(self, reference: str, progress: Progress, cancelled: CancelCheck) -> IngestResult:
        """One run of the add: one transaction, a savepoint per file."""
        sizes = [_size(p) for p in self.paths]
        total = max(sum(sizes), 1)
        added: list[Added] = []
        stopped: tuple[str, ...] = ()
        progress(0, 1000)
        with unit_of_work(self.store, actor=self.actor, reason="evidence logged") as session:
            case = get_case(session, reference)
            vehicle_ids, shipment_id = self._links(session, case)
            before = 0
            for index, path in enumerate(self.paths):

                def report(read: int, before: int = before) -> None:
                    progress(min(1000, (before + read) * 1000 // total), 1000)

                try:
                    with session.begin_nested(), open_source(path, limit=self.limit) as raw:
                        result = add_evidence(
                            session,
                            self.blobs,
                            case,
                            cast(BinaryIO, _Metered(raw, report, cancelled)),
                            original_name=path.name,
                            kind=self.details.kind,
                            description=self.details.description,
                            obtained_from=self.details.obtained_from,
                            obtained_date=self.details.obtained_date,
                            obtained_by=self.details.obtained_by,
                            vehicle_ids=vehicle_ids,
                            shipment_id=shipment_id,
                            limit=self.limit,
                        )
                except Cancelled:
                    stopped = tuple(p.name for p in self.paths[index:])
                    break
                item = result.item
                added.append(
                    Added(
                        item.exhibit_no,
                        item.original_name,
                        item.sha256,
                        tuple(result.same_content),
                        result.warning,
                        views.evidence_row(item),
                    )
                )
                before += sizes[index]
            reference = case.reference
        progress(1000, 1000)
        return IngestResult(reference, tuple(added), stopped)

    def _links(self, session: ZeroMileSession, case: Case) -> tuple[list[int], int | None]:
        """The ids of the vehicles and the shipment the files are linked to."""
        from core.services import shipments, vehicles

        vehicle_ids = [
            vehicles.find_vehicle(session, case, vin).id or 0 for vin in self.details.vehicles
        ]
        shipment = self.details.shipment
        shipment_id = shipments.find_shipment(session, case, shipment).id if shipment else None
        return vehicle_ids, shipment_id


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


class _Metered(io.RawIOBase):
    """A source that reports how much was read and stops (``Cancelled``) when asked."""

    def __init__(
        self, source: BinaryIO, report: Callable[[int], None], cancelled: Callable[[], bool]
    ) -> None:
        super().__init__()
        self._source, self._report, self._cancelled = source, report, cancelled
        self._read = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if self._cancelled():
            raise Cancelled()
        chunk = self._source.read(size)
        self._read += len(chunk)
        self._report(self._read)
        return chunk
