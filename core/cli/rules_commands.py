"""``zeromile vin decode``, ``screen``, ``classify`` and ``rules list|show|load|check``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from core.cli.context import CommandContext
from core.cli.output import cell, print_json, print_table, warn
from core.cli.progress import terminal_progress
from core.errors import StoreError, UserFacingError
from core.persistence.store import Store, open_store, resolve_url
from core.persistence.unit_of_work import reading, unit_of_work
from core.rules.packs import parse_pack
from core.services import cases
from core.services.findings import classify_case, finding_json
from core.services.rule_packs import all_versions, load_pack_file, packs_in_force
from core.services.screening import report_json, screen_file, write_screening_xlsx
from core.vin_decoder import decode_vin

EXIT_OK, EXIT_PROBLEM = 0, 1


def register(sub: argparse._SubParsersAction[Any]) -> None:
    vin = sub.add_parser("vin", help="VIN tools")
    vsub = vin.add_subparsers(dest="vin_command", required=True, metavar="SUBCOMMAND")
    p = vsub.add_parser("decode", help="check and decode VINs (exit 1 if any is invalid)")
    p.add_argument("vins", nargs="+", metavar="VIN")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_vin_decode)

    p = sub.add_parser(
        "screen", help="apply the rules to a declaration file without a case (exit 1 if flagged)"
    )
    p.add_argument("file", type=Path)
    p.add_argument("--pack", action="append", dest="packs", metavar="ID")
    p.add_argument("--sheet")
    p.add_argument("--xlsx", type=Path, metavar="OUT", help="write the sheet back with findings")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_screen)

    p = sub.add_parser("classify", help="apply the rules to a case's vehicles and store findings")
    p.add_argument("reference")
    p.add_argument("--pack", action="append", dest="packs", metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_classify)

    rules = sub.add_parser("rules", help="rule packs")
    rsub = rules.add_subparsers(dest="rules_command", required=True, metavar="SUBCOMMAND")
    p = rsub.add_parser("list", help="packs in force and every known version")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_rules_list)
    p = rsub.add_parser("show", help="a pack's rules, parameters and legal basis")
    p.add_argument("pack")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_rules_show)
    p = rsub.add_parser("check", help="check a pack file without loading it")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=cmd_rules_check)
    p = rsub.add_parser("load", help="load a new pack version into the store for everyone")
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_rules_load)


def cmd_vin_decode(ctx: CommandContext) -> int:
    decoded = [decode_vin(v) for v in ctx.args.vins]
    if ctx.json:
        print_json([d.as_json() for d in decoded])
    else:
        for d in decoded:
            check = {True: "ok", False: f"WRONG (expected {d.check_digit_expected})", None: "n/a"}[
                d.check_digit_ok
            ]
            maker = d.manufacturer or "unknown maker"
            if d.confidence:
                maker += f" [confidence: {d.confidence}]"
            state = "valid" if d.valid_format else "INVALID: " + cell(d.format_problem)
            print(f"{cell(d.vin)}: {state}")
            print(f"  WMI {d.wmi}: {maker}; country {d.country or '?'}")
            years = "/".join(str(y) for y in d.model_years) or "?"
            print(f"  check digit {check}; model years {years}")
    bad = any(not d.valid_format or d.check_digit_ok is False for d in decoded)
    return EXIT_PROBLEM if bad else EXIT_OK


def _read_only_store(db: str | None) -> Store | None:
    """The store to consult while screening, if one exists; never created or upgraded."""
    url = resolve_url(db)
    if url.get_backend_name() == "sqlite" and not (url.database and Path(url.database).exists()):
        return None
    try:
        return open_store(db, upgrade=False)
    except StoreError as exc:
        warn(f"store not consulted: {exc}")
        return None


def _write_output(out: Path, write: Callable[[Path], None]) -> None:
    """``write(out)``; if the system refuses (disk full), no partial new file is left and
    the error names ``out`` (a failed write often names no file)."""
    existed = out.exists()
    try:
        write(out)
    except OSError as exc:
        if not existed and out.is_file():
            out.unlink(missing_ok=True)
        if exc.filename is None:
            raise OSError(exc.errno, exc.strerror or str(exc), str(out)) from exc
        raise


def cmd_screen(ctx: CommandContext) -> int:
    store = _read_only_store(ctx.args.db)
    try:
        with terminal_progress("Screening") as progress:
            report = screen_file(
                ctx.args.file,
                pack_ids=ctx.args.packs,
                store=store,
                sheet=ctx.args.sheet,
                progress=progress,
            )
    finally:
        if store is not None:
            store.close()
    if ctx.args.xlsx:
        _write_output(ctx.args.xlsx, lambda out: write_screening_xlsx(report, out))
    if ctx.json:
        print_json(report_json(report))
    else:
        s = report.summary
        print(
            f"{report.file.name}: {s['rows']} vehicles, {s['flagged']} flagged, "
            f"{s['cell_errors']} unreadable cells"
        )
        for severity, count in s["by_severity"].items():
            print(f"  {severity}: {count} findings")
        for rule, count in s["by_rule"].items():
            print(f"  {rule}: {count}")
        if report.flagged:
            print()
            print_table(
                ["ROW", "VIN", "SEVERITY", "RULES"],
                [
                    [r.row, r.vin, r.worst, ", ".join(e.rule.id for e in r.fired)]
                    for r in report.flagged
                ],
            )
        for error in report.errors[:50]:
            warn(f"row {error.row}, {error.column}: {error.value!r}: {error.message}")
        if len(report.errors) > 50:
            warn(f"{len(report.errors) - 50} more unreadable cells (see --json)")
        for message in report.warnings:
            warn(message)
        if ctx.args.xlsx:
            print(f"\nwritten: {ctx.args.xlsx}")
    return EXIT_PROBLEM if report.flagged else EXIT_OK


def cmd_classify(ctx: CommandContext) -> int:
    with (
        terminal_progress("Classifying") as progress,
        unit_of_work(ctx.store, actor=ctx.actor, reason="classification") as session,
    ):
        case = cases.get_case(session, ctx.args.reference)
        result = classify_case(session, case, pack_ids=ctx.args.packs, progress=progress)
        vehicles: list[dict[str, Any]] = [
            {
                "vin": result.vins[vehicle_id],
                "findings": [finding_json(f) for f in found if f.status == "fired"],
                "not_evaluable": [
                    {"rule": f.rule_id, "missing": finding_json(f)["missing_facts"]}
                    for f in found
                    if f.status == "not_evaluable"
                ],
            }
            for vehicle_id, found in ((vid, result.findings.get(vid, [])) for vid in result.vins)
        ]
    if ctx.json:
        print_json(
            {
                "case": result.case,
                "run": result.run_id,
                "added": result.added,
                "superseded": result.superseded,
                "unchanged": result.unchanged,
                "vehicles": vehicles,
            }
        )
        return EXIT_OK
    print(
        f"{result.case}: {result.vehicles} vehicles; {result.added} findings added, "
        f"{result.superseded} superseded, {result.unchanged} vehicles unchanged"
    )
    for v in vehicles:
        print(f"\n{cell(v['vin'])}")
        for f in v["findings"]:
            mark = "" if f["confirmed"] else "  [legal basis NOT CONFIRMED]"
            print(f"  {f['severity'].upper():6} {f['rule']}: {cell(f['title'])}{mark}")
            print(f"         {cell(f['explanation'])}")
        for n in v["not_evaluable"]:
            print(f"  ?      {n['rule']}: needs {', '.join(n['missing'])}")
    return EXIT_OK


def cmd_rules_list(ctx: CommandContext) -> int:
    with reading(ctx.store) as session:
        in_force = {p.content_hash for p in packs_in_force(session).packs}
        versions = all_versions(session)
    rows: list[dict[str, Any]] = [
        {
            "id": p.id,
            "version": p.version,
            "valid_from": p.valid_from.isoformat(),
            "title": p.title_en,
            "destinations": list(p.destinations),
            "rules": [r.id for r in p.rules],
            "hash": p.content_hash,
            "in_force": p.content_hash in in_force,
            "source": p.filename,
        }
        for p in versions
    ]
    if ctx.json:
        print_json(rows)
    else:
        print_table(
            ["PACK", "VERSION", "IN FORCE", "VALID FROM", "DESTINATIONS", "RULES"],
            [
                [
                    r["id"],
                    r["version"],
                    "yes" if r["in_force"] else "",
                    r["valid_from"],
                    ", ".join(r["destinations"]),
                    ", ".join(r["rules"]),
                ]
                for r in rows
            ],
        )
    return EXIT_OK


def cmd_rules_show(ctx: CommandContext) -> int:
    with reading(ctx.store) as session:
        packs = packs_in_force(session)
    pack = packs.select([ctx.args.pack])[0]
    data: dict[str, Any] = {
        "id": pack.id,
        "version": pack.version,
        "valid_from": pack.valid_from.isoformat(),
        "source": pack.source,
        "title": pack.title_en,
        "title_ru": pack.title_ru,
        "destinations": list(pack.destinations),
        "hash": pack.content_hash,
        "rules": [
            {
                "id": r.id,
                "kind": r.kind,
                "severity": r.severity,
                "title": r.title_en,
                "title_ru": r.title_ru,
                "basis": r.basis,
                "citation": r.citation,
                "confirmed": r.confirmed,
                "params": {
                    k: (v.isoformat() if hasattr(v, "isoformat") else v)
                    for k, v in r.params.items()
                },
            }
            for r in pack.rules
        ],
    }
    if ctx.json:
        print_json(data)
        return EXIT_OK
    print(f"{pack.id} {pack.version} (valid from {data['valid_from']}): {pack.title_en}")
    print(f"source: {pack.source}\nsha256: {pack.content_hash}")
    for r in data["rules"]:
        mark = "" if r["confirmed"] else "  [legal basis NOT CONFIRMED]"
        print(
            f"\n{r['id']} ({r['severity']}, {r['kind']}){mark}\n  {r['title']}\n  {r['title_ru']}"
        )
        print(f"  basis: {r['basis']}\n  citation: {r['citation']}")
        for key, value in r["params"].items():
            print(f"  {key} = {value}")
    return EXIT_OK


def _read_pack_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise UserFacingError(f"{path}: no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise UserFacingError(f"{path}: cannot read ({exc})") from exc


def cmd_rules_check(ctx: CommandContext) -> int:
    pack = parse_pack(_read_pack_text(ctx.args.file), str(ctx.args.file))
    print(f"{ctx.args.file}: pack {pack.id} {pack.version} is valid ({len(pack.rules)} rules)")
    return EXIT_OK


def cmd_rules_load(ctx: CommandContext) -> int:
    text = _read_pack_text(ctx.args.file)
    with unit_of_work(ctx.store, actor=ctx.actor, reason="rule pack loaded") as session:
        pack = load_pack_file(session, text, str(ctx.args.file))
    if ctx.json:
        print_json({"id": pack.id, "version": pack.version, "hash": pack.content_hash})
    else:
        print(f"pack {pack.id} {pack.version} loaded (valid from {pack.valid_from.isoformat()})")
    return EXIT_OK
