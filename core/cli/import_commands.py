"""``zeromile import``: a declaration file into a case, in one transaction.

Bad cells are reported and left unknown; the rest of each row is imported. Exit codes:
0 imported (or, with ``--dry-run``, checked), 2 refused (a bad file, a bad mapping, or
with ``--strict`` any bad cell) with nothing written, 130 cancelled (Ctrl+C) with
nothing written.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from dataclasses import asdict
from pathlib import Path
from typing import Any

from core.cli.context import CommandContext
from core.cli.output import print_json
from core.cli.progress import terminal_progress
from core.declarations.columns import canonical_column
from core.declarations.report import write_validation_report
from core.declarations.source import SourceFile, working_copy
from core.domain.fields import VEHICLE_FIELDS
from core.errors import UserFacingError, ValidationError
from core.persistence.unit_of_work import retrying, unit_of_work
from core.services import cases
from core.services.declaration_import import (
    ImportRefused,
    ImportSummary,
    import_declarations,
    validate,
)
from core.services.evidence import blob_store_for
from core.services.findings import ClassificationResult, classify_case

#: Canonical columns a mapping may name (the declaration format's, and the shipment's).
KNOWN_COLUMNS = frozenset(s.name for s in VEHICLE_FIELDS) | {"shipment_ref"}


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser(
        "import",
        help="import a declaration file (.xlsx or .csv) into a case, in one transaction",
    )
    p.add_argument("file", type=Path)
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--case", metavar="REF", help="the case to import into")
    target.add_argument("--new-case", metavar="TITLE", help="open a new case for the file")
    p.add_argument("--jurisdiction", metavar="CC", help="the new case's jurisdiction (ISO code)")
    p.add_argument(
        "--mapping", type=Path, metavar="M.toml",
        help="column mapping: [columns] \"header in the file\" = \"canonical column\" or \"\"",
    )  # fmt: skip
    p.add_argument("--sheet", help="the workbook's sheet (default: the first)")
    p.add_argument("--dry-run", action="store_true", help="validate and report; write nothing")
    p.add_argument(
        "--strict", action="store_true",
        help="refuse the whole file if any cell is bad (default: leave bad cells unknown)",
    )  # fmt: skip
    p.add_argument(
        "--report", type=Path, metavar="OUT.xlsx",
        help="write the validation report: each bad cell, highlighted in a copy of the rows",
    )  # fmt: skip
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_import)


def load_mapping(path: Path) -> dict[str, str | None]:
    """Read a mapping file: ``[columns]`` of header → canonical column ("" ignores it)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UserFacingError(f"cannot read the mapping {path}: {exc.strerror or exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UserFacingError(f"{path.name}: not a valid TOML mapping ({exc})") from exc
    columns = data.get("columns")
    if not isinstance(columns, dict) or not columns:
        raise UserFacingError(f'{path.name}: expected a [columns] table of "header" = "column"')
    problems: list[tuple[str, str]] = []
    mapping: dict[str, str | None] = {}
    for header, target in columns.items():
        if not isinstance(target, str):
            problems.append((header, "the column name must be text"))
            continue
        name = target.strip() or None
        if name is not None and name not in KNOWN_COLUMNS:
            guess = canonical_column(name)
            hint = f" (did you mean {guess!r}?)" if guess else ""
            problems.append((header, f"{name!r} is not a declaration column{hint}"))
            continue
        mapping[header] = name
    if problems:
        raise ValidationError([(f"{path.name}: {h}", m) for h, m in problems])
    return mapping


def cmd_import(ctx: CommandContext) -> int:
    args = ctx.args
    mapping = load_mapping(args.mapping) if args.mapping else None
    if args.new_case and not args.jurisdiction:
        raise UserFacingError("--new-case needs --jurisdiction (the ISO code, e.g. KZ)")
    # One copy of the file is checked, reported on, imported and stored as the exhibit.
    with working_copy(args.file) as source:
        return _import(ctx, source, mapping)


def _import(ctx: CommandContext, source: SourceFile, mapping: dict[str, str | None] | None) -> int:
    args = ctx.args
    with terminal_progress("checking") as progress:
        checked = validate(source, mapping=mapping, sheet=args.sheet, progress=progress)
    if args.report is not None:
        write_validation_report(source, checked.errors, args.report, sheet=args.sheet,
                                mapping=mapping)  # fmt: skip
    result: dict[str, Any] = {
        "file": str(args.file),
        "case": args.case,
        "rows": checked.rows,
        "vehicles": 0,
        "shipments": 0,
        "duplicates": 0,
        "rows_without_vin": len(checked.rows_without_vin),
        "errors": [asdict(e) for e in checked.errors],
        "warnings": checked.warnings,
        "dry_run": bool(args.dry_run),
        "strict": bool(args.strict),
    }
    if args.dry_run or (args.strict and checked.errors):
        return _report(ctx, result, refused=bool(args.strict and checked.errors))

    def land() -> tuple[ImportSummary, str]:
        """The import, one transaction; rerun whole on a deadlock (the copy is made once)."""
        with (
            unit_of_work(ctx.store, actor=ctx.actor) as session,
            terminal_progress("importing") as progress,
        ):
            if args.new_case:
                from core.domain.values import parse_country

                case = cases.create_case(
                    session, title=args.new_case, jurisdiction=str(parse_country(args.jurisdiction))
                )
            else:
                case = cases.get_case(session, args.case)
            summary = import_declarations(
                session,
                case,
                source,
                mapping=mapping,
                sheet=args.sheet,
                strict=args.strict,
                source_evidence=blob_store_for(ctx.store),
                actor=ctx.actor,
                progress=progress,
            )
            return summary, case.reference

    def classify(reference: str) -> ClassificationResult:
        with (
            unit_of_work(ctx.store, actor=ctx.actor, reason="classification") as session,
            terminal_progress("classifying") as progress,
        ):
            return classify_case(session, cases.get_case(session, reference),
                                 progress=progress, with_findings=False)  # fmt: skip

    try:
        summary, result["case"] = retrying(land)()
    except ImportRefused as exc:  # not expected: the same copy was checked above
        result["errors"] = [asdict(c) for c in exc.cells]
        return _report(ctx, result, refused=True)
    try:
        run = retrying(classify)(result["case"])
    except UserFacingError as exc:  # the import has landed: say so, and why the rules did not
        raise UserFacingError(
            f"the file was imported into {result['case']} ({summary.vehicles_added} "
            f"vehicle(s), exhibit {summary.exhibit}), but the rules did not run: {exc}; "
            f"run 'zeromile classify {result['case']}'"
        ) from exc
    result.update(
        vehicles=summary.vehicles_added,
        shipments=summary.shipments_added,
        duplicates=summary.duplicates_skipped,
        rows_without_vin=summary.rows_without_vin,
        errors=[asdict(e) for e in summary.errors],
        warnings=summary.warnings,
        findings_added=run.added,
        sha256=summary.sha256,
        exhibit=summary.exhibit,
    )
    return _report(ctx, result, refused=False)


def _report(ctx: CommandContext, result: dict[str, Any], *, refused: bool) -> int:
    if ctx.json:
        print_json(result)
    else:
        errors = result["errors"]
        for e in errors[:50]:
            print(f"row {e['row']}, {e['column']}: {e['value']!r}: {e['message']}")
        if len(errors) > 50:
            print(f"… and {len(errors) - 50} more bad cells (see --report)")
        for warning in result["warnings"][:20]:
            print(f"warning: {warning}")
        bad = len(errors)
        if not refused and result["dry_run"]:
            found = f"{bad} bad cells (they would be imported as unknown)" if bad else "no bad cell"
            without = result["rows_without_vin"]
            if without:
                found += f"; {without} rows without a VIN would not be imported"
            print(f"{result['rows']} rows checked, {found}; nothing was written (--dry-run)")
        elif not refused:
            print(
                f"imported into {result['case']}: {result['vehicles']} vehicles, "
                f"{result['shipments']} new shipments, {result['duplicates']} rows already "
                f"in the case skipped; {result['findings_added']} new findings"
            )
            # a bad VIN cell is a row not recorded (counted below), every other one unknown
            unknown = sum(1 for e in errors if e["column"] != "vin")
            if unknown:
                print(
                    f"{unknown} bad cells were imported as unknown, their text kept with the "
                    f"vehicle; the validation report is stored with exhibit {result['exhibit']}"
                )
            if result["rows_without_vin"]:
                print(f"{result['rows_without_vin']} rows without a VIN were not imported")
            if result["duplicates"] and not result["vehicles"]:
                print(
                    "every row is in the case already (this file's rows, or the same "
                    "declaration number and VIN): nothing was added twice"
                )
    if refused:
        print(
            f"zeromile: error: {len(result['errors'])} bad cells in {Path(result['file']).name};"
            " nothing was imported (--strict)",
            file=sys.stderr,
        )
        return 2
    return 0
