"""``zeromile store sweep``: remove what killed runs left behind."""

from __future__ import annotations

import argparse
from typing import Any

from core import scratch
from core.cli.context import CommandContext
from core.cli.output import print_json
from core.evidence.blobs import FolderBlobStore
from core.services import evidence


def register(sub: argparse._SubParsersAction[Any]) -> None:
    st = sub.add_parser("store", help="the store itself: sweep leftovers of killed runs")
    ssub = st.add_subparsers(dest="store_command", required=True, metavar="SUBCOMMAND")
    p = ssub.add_parser(
        "sweep",
        help="remove partial evidence files and scratch folders that killed runs left behind",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_store_sweep)


def cmd_store_sweep(ctx: CommandContext) -> int:
    """Remove part files of killed evidence ingests and abandoned scratch folders, and list
    each one removed. Those still in use (locked by a live process, here or on another
    workstation) are kept."""
    store = ctx.store
    blobs = evidence.blob_store_for(store)
    parts = list(store.swept_parts)  # opening the store swept already
    if isinstance(blobs, FolderBlobStore):
        parts += blobs.sweep_incoming()
    folders = [*store.swept_scratch, *scratch.sweep()]
    if ctx.json:
        print_json(
            {
                "partial_files": [str(p) for p in parts],
                "scratch_folders": [str(f) for f in folders],
            }
        )
        return 0
    print(f"removed {len(parts)} partial evidence file(s) and {len(folders)} scratch folder(s)")
    for path in [*parts, *folders]:
        print(f"  {path}")
    return 0
