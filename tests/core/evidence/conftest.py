"""Helpers for evidence tests: a case to attach to, and direct access to stored bytes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from core.domain.evidence import BlobChunk
from core.evidence.blobs import FolderBlobStore
from core.persistence.store import Store
from core.persistence.unit_of_work import unit_of_work
from core.services import cases, evidence

ACTOR = "Айгерим Сапарова (KZ-0417)"


@pytest.fixture
def case_ref(store: Store) -> str:
    with unit_of_work(store, actor=ACTOR) as session:
        return cases.create_case(session, title="Партия 7", jurisdiction="KZ").reference


def corrupt_one_byte(store: Store, sha256: str) -> None:
    """Flip one byte of a stored blob, wherever the store keeps it."""
    blobs = evidence.blob_store_for(store)
    if isinstance(blobs, FolderBlobStore):
        path = blobs.path_for(sha256)
        path.chmod(0o644)
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0x01
        path.write_bytes(bytes(data))
        return
    table = BlobChunk.__table__  # type: ignore[attr-defined]
    with store.engine.begin() as conn:
        row = conn.execute(
            sa.select(table.c.id, table.c.data).where(table.c.sha256 == sha256).limit(1)
        ).one()
        data = bytearray(row.data)
        data[len(data) // 2] ^= 0x01
        conn.execute(sa.update(table).where(table.c.id == row.id).values(data=bytes(data)))


@pytest.fixture
def make_file(tmp_path: Path) -> Callable[[str, bytes], Path]:
    def make(name: str, content: bytes) -> Path:
        folder = tmp_path / "sources"
        folder.mkdir(exist_ok=True)
        path = folder / name
        path.write_bytes(content)
        return path

    return make
