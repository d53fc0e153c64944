"""The one ingest policy (``evidence_ingest``) and the one verified read of a blob."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from core.errors import IntegrityFailure, UserFacingError
from core.evidence.blobs import EvidenceWriteError
from core.persistence.store import Store
from core.services import evidence, evidence_ingest
from core.services.stores import forget_stores, locator

from .conftest import ACTOR, corrupt_one_byte

MakeFile = Callable[[str, bytes], Path]


@pytest.fixture(autouse=True)
def _closed_stores() -> Any:
    yield
    forget_stores()


def listed(store: Store, reference: str) -> list[str]:
    detail = evidence.evidence_of(db=locator(store), reference=reference)
    return [r["original_name"] for r in detail["exhibits"]]


def test_a_failing_file_stores_none_of_the_add_and_says_why(
    store: Store, case_ref: str, make_file: MakeFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [str(make_file(f"scan{i}.txt", f"scan {i}".encode())) for i in range(3)]
    real = evidence_ingest.add_evidence
    calls = []

    def failing_third(*args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs["original_name"])
        if len(calls) == 3:
            raise EvidenceWriteError("cannot store evidence: the disk is full; nothing was stored")
        return real(*args, **kwargs)

    monkeypatch.setattr(evidence_ingest, "add_evidence", failing_third)
    with pytest.raises(EvidenceWriteError, match="the disk is full"):
        evidence_ingest.ingest_files(db=locator(store), actor=ACTOR, reference=case_ref,
                                     files=files)  # fmt: skip
    assert calls == ["scan0.txt", "scan1.txt", "scan2.txt"]
    assert listed(store, case_ref) == []  # all or none: the first two went back too


def test_every_file_is_checked_before_any_is_stored(
    store: Store, case_ref: str, make_file: MakeFile, tmp_path: Path
) -> None:
    good = make_file("good.txt", b"good")
    with pytest.raises(UserFacingError, match="no such file"):
        evidence_ingest.ingest_files(db=locator(store), actor=ACTOR, reference=case_ref,
                                     files=[str(good), str(tmp_path / "gone.txt")])  # fmt: skip
    assert listed(store, case_ref) == []


def test_an_add_stores_in_order_with_progress_and_the_cores_guess(
    store: Store, case_ref: str, make_file: MakeFile
) -> None:
    files = [str(make_file("invoice_7.txt", b"7 450 USD")), str(make_file("copy.txt", b"x"))]
    reports: list[tuple[int, int]] = []
    result = evidence_ingest.ingest_files(
        db=locator(store), actor=ACTOR, reference=case_ref, files=files,
        details=evidence.FileDetails(kind="invoice"),
        progress=lambda done, total: reports.append((done, total)),
    )  # fmt: skip
    assert [(a.exhibit, a.name) for a in result.added] == [(1, "invoice_7.txt"), (2, "copy.txt")]
    assert result.stopped == () and result.reference == case_ref
    assert reports[0] == (0, 1000) and reports[-1] == (1000, 1000)
    assert [d for d, _ in reports] == sorted(d for d, _ in reports)
    assert {a.row["kind"] for a in result.added} == {"invoice"}
    checked = evidence_ingest.check_files(paths=[files[0], str(Path(files[0]).parent)])
    assert checked.accepted == (files[0],) and checked.kind == "invoice"
    assert len(checked.refused) == 1 and "is not a regular file" in checked.refused[0]


def test_a_read_blob_is_flagged_and_an_export_refused_when_its_bytes_changed(
    store: Store, case_ref: str, make_file: MakeFile, tmp_path: Path
) -> None:
    content = b"odometer 12 km" * 1000
    source = make_file("odometer.txt", content)
    db = locator(store)
    evidence_ingest.ingest_files(db=db, actor=ACTOR, reference=case_ref, files=[str(source)])
    sha = hashlib.sha256(content).hexdigest()
    reports: list[int] = []
    exhibit = {"reference": case_ref, "exhibit": 1}
    blob = evidence.read_blob(db=db, **exhibit, progress=lambda done, _t: reports.append(done))
    assert blob == evidence.BlobBytes(content, intact=True) and reports[-1] == 1000
    corrupt_one_byte(store, sha)
    blob = evidence.read_blob(db=db, **exhibit)
    assert not blob.intact and len(blob.data) == len(content)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(IntegrityFailure, match="does not match its SHA-256"):
        evidence.export_copy(db=db, reference=case_ref, exhibit=1, folder=str(out))
    assert list(out.iterdir()) == []
