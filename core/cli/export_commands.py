"""``zeromile export`` and ``zeromile bundle verify``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from core.cli.context import CommandContext
from core.cli.output import cell, print_json
from core.cli.progress import terminal_progress
from core.reports.bundle import verify_bundle
from core.reports.i18n import LANGUAGES
from core.services.exports import export_case

EXIT_OK, EXIT_PROBLEM = 0, 1


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("export", help="write the case file: PDF, workbook and/or hearing bundle")
    p.add_argument("reference")
    p.add_argument("--pdf", type=Path, metavar="P")
    p.add_argument("--xlsx", type=Path, metavar="X")
    p.add_argument("--bundle", type=Path, metavar="Z")
    p.add_argument("--lang", choices=LANGUAGES, default="en")
    p.add_argument(
        "--allow-stale", action="store_true",
        help="export even with out-of-date findings: a draft marked FINDINGS OUT OF DATE",
    )  # fmt: skip
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_export)

    bundle = sub.add_parser("bundle", help="hearing bundles")
    bsub = bundle.add_subparsers(dest="bundle_command", required=True, metavar="SUBCOMMAND")
    p = bsub.add_parser("verify", help="check a bundle against its manifest (exit 1 if not)")
    p.add_argument("zip", type=Path, metavar="Z")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_bundle_verify)


def cmd_export(ctx: CommandContext) -> int:
    with terminal_progress("Exporting") as progress:
        progress(0, 1)
        result = export_case(
            ctx.store,
            ctx.args.reference,
            actor=ctx.actor,
            pdf=ctx.args.pdf,
            xlsx=ctx.args.xlsx,
            bundle=ctx.args.bundle,
            lang=ctx.args.lang,
            allow_stale=ctx.args.allow_stale,
        )
        progress(1, 1)
    outputs = {
        "case": result.case,
        "pdf": str(result.pdf) if result.pdf else None,
        "pdf_sha256": result.pdf_sha256,
        "xlsx": str(result.xlsx) if result.xlsx else None,
        "xlsx_sha256": result.xlsx_sha256,
        "bundle": str(result.bundle) if result.bundle else None,
        "manifest_sha256": result.manifest_sha256,
        "audit_chain_ok": result.audit_ok,
        "findings_out_of_date": result.stale_vehicles,
    }
    if ctx.json:
        print_json(outputs)
    else:
        for kind in ("pdf", "xlsx", "bundle"):
            if outputs[kind]:
                print(f"{kind}: {outputs[kind]}")
        if result.manifest_sha256:
            print(f"manifest sha256: {result.manifest_sha256}")
        if result.stale_vehicles:
            print(
                f"warning: DRAFT with FINDINGS OUT OF DATE for {len(result.stale_vehicles)} "
                "vehicle(s); not the hearing version"
            )
        if not result.audit_ok:
            print("warning: the audit chain did not verify; the integrity statement says so")
    return EXIT_OK


def cmd_bundle_verify(ctx: CommandContext) -> int:
    report = verify_bundle(ctx.args.zip)
    if ctx.json:
        print_json(
            {
                "ok": report.ok,
                "case": report.case,
                "checked": report.checked,
                "problems": report.problems,
            }
        )
    else:
        for problem in report.problems:
            print(f"FAILED {cell(problem)}")
        state = (
            "every file matches the manifest" if report.ok else f"{len(report.problems)} problem(s)"
        )
        print(f"{ctx.args.zip.name} ({report.case}): {report.checked} files checked; {state}")
    return EXIT_OK if report.ok else EXIT_PROBLEM
