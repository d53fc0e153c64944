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
    blobs = evidence.blob_store_for(ctx.store)
    parts = blobs.sweep_incoming() if isinstance(blobs, FolderBlobStore) else 0
    folders = scratch.sweep()
    if ctx.json:
        print_json({"partial_files": parts, "scratch_folders": [str(f) for f in folders]})
        return 0
    print(f"removed {parts} partial evidence file(s) and {len(folders)} scratch folder(s)")
    for folder in folders:
        print(f"  {folder}")
    return 0
