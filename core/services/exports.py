"""Exporting a case file: verify, gather, write PDF / XLSX / bundle, record the export.

Evidence is re-hashed first and an altered exhibit refuses the export; the audit
chain is verified and its result goes into the integrity statement. Outputs are
built in a scratch folder, copied beside their targets and renamed into place, so a
failed export leaves no half-written file; the export is then recorded in the audit
trail with the hashes of what was written.
"""

from __future__ import annotations

import errno
import hashlib
import os
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from core import __version__
from core.domain.case import Case
from core.domain.export import CaseExport
from core.domain.types import utcnow
from core.errors import Cancelled, IntegrityFailure, UserFacingError, ValidationError
from core.evidence.blobs import BlobStore, file_sha256
from core.persistence.store import Store, ZeroMileSession
from core.persistence.unit_of_work import reading, unit_of_work
from core.progress import CancelCheck, Progress
from core.reports.bundle import BundleWriter, file_chunks
from core.reports.case_data import CaseReport
from core.reports.i18n import LANGUAGES
from core.reports.pdf import write_pdf
from core.reports.xlsx import write_xlsx
from core.scratch import scratch_root, work_folder
from core.services import cases, evidence, integrity
from core.services.case_file import collect
from core.services.people import acting_label
from core.services.staleness import require_current, stale_vehicles

#: The steps ``progress(done, EXPORT_STEPS)`` counts: evidence, audit chain, PDF,
#: workbook, bundle, placing the files, recording the export.
EXPORT_STEPS = 7

#: What a failed write says, by ``errno``. Anything else is not the user's to act on.
_WRITE_PROBLEMS = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EFBIG: "file too large for the file system or this process's limit",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
}


class ExportNotWritten(UserFacingError):
    """An output could not be written (full disk, quota, permissions, read-only file
    system): nothing was exported, no file is left behind and no export is recorded."""


@dataclass
class ExportResult:
    case: str
    pdf: Path | None
    xlsx: Path | None
    bundle: Path | None
    pdf_sha256: str | None
    xlsx_sha256: str | None
    manifest_sha256: str | None
    audit_ok: bool
    #: VINs whose findings were out of date (``allow_stale``): the outputs are a draft.
    stale_vehicles: list[str] = field(default_factory=list)


def export_case(
    store: Store,
    reference: str,
    *,
    actor: str,
    pdf: Path | None = None,
    xlsx: Path | None = None,
    bundle: Path | None = None,
    lang: str = "en",
    allow_stale: bool = False,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> ExportResult:
    """Write the requested outputs; raise ``IntegrityFailure`` if evidence was altered.

    Out-of-date findings refuse the export (:class:`FindingsOutOfDate`, naming the
    vehicles) unless ``allow_stale``: then the outputs are a draft marked "FINDINGS OUT
    OF DATE" on every page and sheet, never the hearing version.

    ``progress(done, EXPORT_STEPS)`` is called after each step. ``cancelled()`` is
    checked between steps; when it returns true, :class:`Cancelled` is raised, no target
    file is left behind and no export is recorded. A full disk, quota, refused permission
    or read-only file system, at a target or in the temporary folder, raises
    :class:`ExportNotWritten` naming the place, with the same guarantees.

    Only the outputs asked for are built (a bundle holds the PDF and the workbook, so it
    builds both). The work is done in a :func:`core.scratch.work_folder`, which ``zeromile
    store sweep`` removes if the process is killed.
    """

    def step(done: int) -> None:
        if progress is not None:
            progress(done, EXPORT_STEPS)
        if cancelled is not None and cancelled():
            raise Cancelled("export cancelled")

    if lang not in LANGUAGES:
        raise ValidationError([("lang", f"{lang!r} is not one of {', '.join(LANGUAGES)}")])
    if not (pdf or xlsx or bundle):
        raise ValidationError([("output", "say what to write: --pdf, --xlsx and/or --bundle")])
    targets = [evidence.check_new_target(p) for p in (pdf, xlsx, bundle) if p is not None]
    if not allow_stale:
        with reading(store) as session:
            require_current(session, cases.get_case(session, reference), doing="export")
    step(0)
    blobs = evidence.blob_store_for(store)
    report = evidence.verify_evidence(store, blobs, [reference], actor=actor)
    if not report.ok:
        names = "; ".join(
            f"exhibit {f.exhibit_no} ({f.original_name}): {f.problem}" for f in report.failures
        )
        raise IntegrityFailure(f"export refused: evidence does not match its hashes: {names}")
    step(1)
    chain = integrity.verify_audit(store, actor=actor)
    step(2)
    now = utcnow()
    # Each output is built only when asked for; a bundle holds both, so it needs both.
    need_pdf = pdf is not None or bundle is not None
    need_xlsx = xlsx is not None or bundle is not None
    temporary = f"the temporary folder {scratch_root()} (TMPDIR)"
    with ExitStack() as scratch:
        with _writing(temporary):
            work = scratch.enter_context(work_folder("export"))
        with _writing(temporary), reading(store) as session:
            case = cases.get_case(session, reference)
            assert case.id is not None
            stale = stale_vehicles(session, [case.id])
            if stale and not allow_stale:  # went out of date since the first check
                require_current(session, case, doing="export")
            data = collect(session, blobs, case, now=now, stale=stale, images=need_pdf)
            pdf_tmp, xlsx_tmp = work / "case.pdf", work / "case.xlsx"
            if need_pdf:
                with pdf_tmp.open("wb") as fh:
                    write_pdf(data, fh, lang=lang)
            step(3)
            if need_xlsx:
                with xlsx_tmp.open("wb") as fh:
                    write_xlsx(data, fh, lang=lang, work=work)
            step(4)
            manifest_bytes = None
            bundle_tmp = work / "bundle.zip"
            if bundle is not None:
                manifest_bytes = _write_bundle(
                    bundle_tmp, case, data, lang, blobs, session, pdf_tmp, xlsx_tmp
                )
            step(5)
        pdf_sha = file_sha256(pdf_tmp) if pdf else None
        xlsx_sha = file_sha256(xlsx_tmp) if xlsx else None
        manifest_sha = hashlib.sha256(manifest_bytes).hexdigest() if manifest_bytes else None
        moves = [(pdf_tmp, pdf), (xlsx_tmp, xlsx), (bundle_tmp, bundle)]
        placed = []
        try:
            for source, target in moves:
                if target is not None:
                    with _writing(str(target)):
                        _place_copy(source, target)
                    placed.append(target)
            step(6)
            with unit_of_work(store, actor=actor, reason="case file exported") as session:
                case = cases.get_case(session, reference)
                assert case.id is not None
                session.add(
                    CaseExport(
                        case_id=case.id,
                        actor=acting_label(session),
                        language=lang,
                        pdf_sha256=pdf_sha,
                        xlsx_sha256=xlsx_sha,
                        manifest_sha256=manifest_sha,
                        files="\n".join(str(t) for t in targets),
                    )
                )
            if progress is not None:
                progress(EXPORT_STEPS, EXPORT_STEPS)
        except BaseException:
            for target in placed:
                target.unlink(missing_ok=True)
            raise
    return ExportResult(
        case=data.case["reference"],
        pdf=pdf,
        xlsx=xlsx,
        bundle=bundle,
        pdf_sha256=pdf_sha,
        xlsx_sha256=xlsx_sha,
        manifest_sha256=manifest_sha,
        audit_ok=chain.ok,
        stale_vehicles=[v.vin for v in stale],
    )


@contextmanager
def _writing(where: str) -> Iterator[None]:
    """Turn a full disk, a quota, a refused permission or a read-only file system met in
    the block into one :class:`ExportNotWritten` naming ``where`` (or the other file the
    error names, such as a stored exhibit being read); other errors pass unchanged."""
    try:
        yield
    except OSError as exc:
        reason = _WRITE_PROBLEMS.get(exc.errno or 0)
        if reason is None:
            raise
        named = Path(os.fsdecode(exc.filename)) if exc.filename else None
        if named is not None and not named.is_relative_to(scratch_root()):
            where = str(named)
        raise ExportNotWritten(f"export not written: {reason}: {where}") from exc


def _place_copy(source: Path, target: Path) -> None:
    """Copy ``source`` to a hidden ``.part`` beside ``target``, flush it to disk, then
    put it at ``target`` (never overwriting); the ``.part`` never outlives the call."""
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex}.part")
    try:
        with partial.open("xb") as out:
            for chunk in file_chunks(source):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        evidence.place_new(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def _write_bundle(
    path: Path,
    case: Case,
    data: CaseReport,
    lang: str,
    blobs: BlobStore,
    session: ZeroMileSession,
    pdf_tmp: Path,
    xlsx_tmp: Path,
) -> bytes:
    """Zip the PDF, the workbook and every exhibit; return the manifest's bytes."""
    reference = case.reference
    manifest = {
        "case": reference,
        "generated_at": data.generated_at.isoformat(),
        "app_version": __version__,
        "language": lang,
        "rule_packs": data.packs,
        # A draft is never the hearing version: a stale one says which findings are stale.
        "draft": data.draft,
        "findings_out_of_date": list(data.stale),
    }
    with path.open("wb") as out:
        writer = BundleWriter(out, manifest)
        writer.add(f"{reference}.pdf", file_chunks(pdf_tmp))
        writer.add(f"{reference}.xlsx", file_chunks(xlsx_tmp))
        for exhibit in data.exhibits:
            name = f"exhibits/{evidence.export_name(case, exhibit.item)}"
            if writer.add(name, blobs.chunks(session, exhibit.item.sha256)) != exhibit.item.sha256:
                raise IntegrityFailure(
                    f"exhibit {exhibit.item.exhibit_no} changed during the export; nothing written"
                )
        return writer.close()


@dataclass(frozen=True)
class Exported:
    """What :func:`export` did. ``files`` as (kind, path, size in bytes); ``out_of_date``
    the VINs of a draft. ``refused`` (no file written): out-of-date findings
    (``out_of_date`` names the vehicles) or altered evidence (``altered``)."""

    files: tuple[tuple[str, str, int], ...] = ()
    manifest_sha256: str | None = None
    audit_ok: bool = True
    out_of_date: tuple[str, ...] = ()
    refused: str = ""
    altered: bool = False


def export(
    *,
    db: str,
    reference: str,
    actor: str,
    pdf: str | None,
    xlsx: str | None,
    bundle: str | None,
    lang: str,
    allow_stale: bool = False,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> Exported:
    """Write the chosen outputs of case ``reference`` (``db``: the store's locator), as
    :func:`export_case`; a refusal is a result. Raises :class:`Cancelled`."""
    from core.errors import FindingsOutOfDate
    from core.services.stores import store_for

    try:
        result = export_case(
            store_for(db), reference, actor=actor, pdf=Path(pdf) if pdf else None,
            xlsx=Path(xlsx) if xlsx else None, bundle=Path(bundle) if bundle else None,
            lang=lang, allow_stale=allow_stale, progress=progress, cancelled=cancelled,
        )  # fmt: skip
    except FindingsOutOfDate as exc:
        return Exported(refused=str(exc), out_of_date=tuple(exc.vehicles))
    except IntegrityFailure as exc:
        return Exported(refused=str(exc), altered=True)
    outputs = (("pdf", result.pdf), ("xlsx", result.xlsx), ("bundle", result.bundle))
    return Exported(
        files=tuple((kind, str(p), p.stat().st_size) for kind, p in outputs if p),
        manifest_sha256=result.manifest_sha256,
        audit_ok=result.audit_ok,
        out_of_date=tuple(result.stale_vehicles),
    )
