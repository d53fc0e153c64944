"""``zeromile evidence ...``, ``custody ...`` and ``audit verify``."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from core import settings
from core.cli.context import CommandContext
from core.cli.output import cell, print_json, print_table
from core.domain import values
from core.errors import ValidationError
from core.persistence.unit_of_work import reading, unit_of_work
from core.reference import load_reference
from core.services import (
    cases,
    custody,
    evidence,
    evidence_ingest,
    integrity,
    stores,
    vehicles,
    views,
)

EXIT_OK, EXIT_PROBLEM = 0, 1


def register(sub: argparse._SubParsersAction[Any]) -> None:
    ev = sub.add_parser("evidence", help="exhibits: add, list, export, withdraw, verify")
    esub = ev.add_subparsers(dest="evidence_command", required=True, metavar="SUBCOMMAND")
    p = esub.add_parser(
        "add", help="store files as the case's next exhibits (one transaction: all or none)"
    )
    p.add_argument("reference")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--vehicle", action="append", default=[], metavar="VIN")
    p.add_argument("--shipment", metavar="ID_OR_DECLARATION")
    p.add_argument("--kind", help="document type code (see 'zeromile evidence kinds')")
    p.add_argument("--description")
    p.add_argument("--source", help="how it was obtained: from whom or where")
    p.add_argument("--obtained-date", metavar="DATE")
    p.add_argument("--obtained-by")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_evidence_add)

    p = esub.add_parser("kinds", help="the document types evidence can be filed as")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_evidence_kinds)

    p = esub.add_parser("list", help="the case's exhibits")
    p.add_argument("reference")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_evidence_list)

    p = esub.add_parser("export", help="copy an exhibit out, checking its hash")
    p.add_argument("reference")
    p.add_argument("exhibit", type=int, metavar="EXHIBIT")
    p.add_argument("dest", type=Path, metavar="DEST")
    p.set_defaults(handler=cmd_evidence_export)

    p = esub.add_parser("withdraw", help="withdraw an exhibit (it is kept, marked withdrawn)")
    p.add_argument("reference")
    p.add_argument("exhibit", type=int, metavar="EXHIBIT")
    p.add_argument("--reason", required=True)
    p.set_defaults(handler=cmd_evidence_withdraw)

    p = esub.add_parser("verify", help="re-hash stored evidence (exit 1 on any mismatch)")
    p.add_argument("reference", nargs="?")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_evidence_verify)

    cu = sub.add_parser("custody", help="chain of custody")
    csub = cu.add_subparsers(dest="custody_command", required=True, metavar="SUBCOMMAND")
    p = csub.add_parser("add", help="record a hand-over")
    p.add_argument("reference")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--item", help="a physical item, e.g. 'registration certificate original'")
    what.add_argument("--evidence", type=int, metavar="EXHIBIT")
    what.add_argument("--vehicle", metavar="VIN")
    p.add_argument("--from", dest="from_party", required=True)
    p.add_argument("--to", dest="to_party", required=True)
    p.add_argument("--at", help="when (YYYY-MM-DD HH:MM, local time; default now)")
    p.add_argument("--place")
    p.add_argument("--purpose")
    p.add_argument("--seal", help="seal number")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_custody_add)
    p = csub.add_parser("list", help="the case's custody events in order")
    p.add_argument("reference")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_custody_list)


def register_audit(asub: argparse._SubParsersAction[Any]) -> None:
    p = asub.add_parser("verify", help="recompute the audit hash chain (exit 1 if broken)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_audit_verify)


def _kind(code: str | None) -> str | None:
    if code is None:
        return None
    known = {d["code"] for d in load_reference().document_types}
    if code not in known:
        raise ValidationError(
            [("kind", f"{code!r} is not a document type; known: {', '.join(sorted(known))}")]
        )
    return code


def cmd_evidence_add(ctx: CommandContext) -> int:
    kind = _kind(ctx.args.kind)
    obtained = values.parse_date(ctx.args.obtained_date) if ctx.args.obtained_date else None
    limit = settings.evidence_limit()
    for path in ctx.args.files:  # refuse a bad file before opening the store
        evidence.check_source(path, limit=limit)
    try:
        result = _ingest(ctx, kind, obtained, limit)
    finally:
        stores.forget_stores()  # the use case opened the store by locator; none stays open
    reference = result.reference
    added = [
        a.row | {"same_content_as": list(a.same_content), "warning": a.warning}
        for a in result.added
    ]
    if ctx.json:
        print_json({"case": reference, "items": added})
    else:
        for a in added:
            again = (
                f" (same content as exhibit {a['same_content_as']})" if a["same_content_as"] else ""
            )
            print(
                f"exhibit {a['exhibit']}: {cell(a['original_name'])}  {a['size']:,} bytes  "
                f"{a['mime_type']}  sha256 {a['sha256']}{again}"
            )
            if a["warning"]:
                print(f"warning: {cell(a['warning'])}")
    return EXIT_OK


def _ingest(
    ctx: CommandContext, kind: str | None, obtained: dt.date | None, limit: int
) -> evidence_ingest.IngestResult:
    """The files of ``evidence add``, stored by the one ingest the window uses too."""
    return evidence_ingest.ingest_files(
        db=stores.locator(ctx.store),
        actor=ctx.actor,
        reference=ctx.args.reference,
        files=[str(p) for p in ctx.args.files],
        details=evidence.FileDetails(
            kind=kind,
            description=ctx.args.description,
            obtained_from=ctx.args.source,
            obtained_date=obtained,
            obtained_by=ctx.args.obtained_by,
            vehicles=ctx.args.vehicle,
            shipment=ctx.args.shipment,
        ),
        limit=limit,
    )


def cmd_evidence_kinds(ctx: CommandContext) -> int:
    kinds = [
        {"code": d["code"], "name": d["name_en"], "name_ru": d["name_ru"]}
        for d in load_reference().document_types
    ]
    if ctx.json:
        print_json(kinds)
    else:
        print_table(
            ["CODE", "NAME", "НАЗВАНИЕ"], [[k["code"], k["name"], k["name_ru"]] for k in kinds]
        )
    return EXIT_OK


def cmd_evidence_list(ctx: CommandContext) -> int:
    with reading(ctx.store) as session:
        case = cases.get_case(session, ctx.args.reference)
        rows = []
        for item in evidence.list_evidence(session, case):
            derived = evidence.derived_of(session, item)
            row = views.evidence_row(item)
            row["links"] = [
                {"vehicle_id": link.vehicle_id, "shipment_id": link.shipment_id}
                for link in evidence.links_of(session, item)
            ]
            row["derived"] = (
                {
                    "taken_at": derived.taken_at,
                    "gps": [derived.gps_lat, derived.gps_lon]
                    if derived.gps_lat is not None
                    else None,
                    "camera": derived.camera,
                    "page_count": derived.page_count,
                    "width": derived.width,
                    "height": derived.height,
                    "has_thumbnail": derived.thumbnail_png is not None,
                    "error": derived.error,
                }
                if derived
                else None
            )
            rows.append(row)
    if ctx.json:
        print_json(rows)
    else:
        print_table(
            ["EXHIBIT", "STATUS", "KIND", "SIZE", "NAME", "SHA-256"],
            [
                [
                    r["exhibit"],
                    r["status"],
                    r["kind"],
                    f"{r['size']:,}",
                    r["original_name"],
                    r["sha256"][:16] + "…",
                ]
                for r in rows
            ],
        )
    return EXIT_OK


def cmd_evidence_export(ctx: CommandContext) -> int:
    store = ctx.store
    with reading(store) as session:
        case = cases.get_case(session, ctx.args.reference)
        item = evidence.get_exhibit(session, case, ctx.args.exhibit)
        target = evidence.export_evidence(
            session, evidence.blob_store_for(store), case, item, ctx.args.dest
        )
    print(f"exhibit {item.exhibit_no} written to {target} (sha256 verified)")
    return EXIT_OK


def cmd_evidence_withdraw(ctx: CommandContext) -> int:
    with unit_of_work(ctx.store, actor=ctx.actor, reason=ctx.args.reason) as session:
        case = cases.get_case(session, ctx.args.reference)
        item = evidence.get_exhibit(session, case, ctx.args.exhibit)
        evidence.withdraw_evidence(session, item, reason=ctx.args.reason, actor=ctx.actor)
    print(f"exhibit {item.exhibit_no} of {case.reference} withdrawn; it stays stored")
    return EXIT_OK


def cmd_evidence_verify(ctx: CommandContext) -> int:
    store = ctx.store
    refs = [ctx.args.reference] if ctx.args.reference else None
    report = evidence.verify_evidence(store, evidence.blob_store_for(store), refs, actor=ctx.actor)
    if ctx.json:
        print_json(
            {
                "ok": report.ok,
                "checked": report.checked,
                "failures": [f.__dict__ for f in report.failures],
            }
        )
    else:
        for f in report.failures:
            name, problem = cell(f.original_name), cell(f.problem)
            print(f"FAILED {f.case} exhibit {f.exhibit_no} {name}: {problem}")
        state = "all match" if report.ok else f"{len(report.failures)} FAILED"
        print(f"{report.checked} exhibits checked: {state}")
    return EXIT_OK if report.ok else EXIT_PROBLEM


def _when(text: str | None) -> dt.datetime:
    if not text:
        return dt.datetime.now(dt.UTC)
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        try:
            day = values.parse_date(text)
        except ValueError as exc:
            raise ValidationError([("at", f"{text!r} is not a date and time")]) from exc
        moment = dt.datetime(day.year, day.month, day.day)
    if moment.tzinfo is None:
        moment = moment.astimezone()  # the workstation's local time
    return moment.astimezone(dt.UTC)


def cmd_custody_add(ctx: CommandContext) -> int:
    at = _when(ctx.args.at)
    with unit_of_work(ctx.store, actor=ctx.actor) as session:
        case = cases.get_case(session, ctx.args.reference)
        event = custody.add_custody(
            session,
            case,
            item=ctx.args.item,
            evidence=evidence.get_exhibit(session, case, ctx.args.evidence)
            if ctx.args.evidence is not None
            else None,
            vehicle=vehicles.find_vehicle(session, case, ctx.args.vehicle)
            if ctx.args.vehicle
            else None,
            from_party=ctx.args.from_party,
            to_party=ctx.args.to_party,
            at=at,
            place=ctx.args.place,
            purpose=ctx.args.purpose,
            seal_number=ctx.args.seal,
        )
        row = views.custody_row(event)
    if ctx.json:
        print_json(row)
    else:
        print(
            f"custody event {row['id']} recorded: {cell(row['item'])}: "
            f"{cell(row['from'])} -> {cell(row['to'])}"
        )
    return EXIT_OK


def cmd_custody_list(ctx: CommandContext) -> int:
    with reading(ctx.store) as session:
        case = cases.get_case(session, ctx.args.reference)
        rows = [views.custody_row(e) for e in custody.list_custody(session, case)]
    if ctx.json:
        print_json(rows)
    else:
        print_table(
            ["AT", "ITEM", "FROM", "TO", "PLACE", "SEAL", "PURPOSE"],
            [
                [r["at"], r["item"], r["from"], r["to"], r["place"], r["seal_number"], r["purpose"]]
                for r in rows
            ],
        )
    return EXIT_OK


def cmd_audit_verify(ctx: CommandContext) -> int:
    """Exit 1 when the chain is broken or when the server recorded changes made outside
    the program (each is listed)."""
    report = integrity.verify_audit(ctx.store, actor=ctx.actor)
    with reading(ctx.store) as session:
        direct = integrity.direct_changes(session)
    if ctx.json:
        print_json(
            {
                "ok": report.ok,
                "checked": report.checked,
                "first_bad_event": report.first_bad_id,
                "problem": report.problem,
                "changed_outside_zeromile": [d.describe() for d in direct],
            }
        )
    else:
        if report.ok:
            print(f"audit trail intact: {report.checked} events, chain verified")
        else:
            print(f"AUDIT TRAIL BROKEN: {report.problem}")
        if direct:
            print(f"{len(direct)} change(s) made outside ZeroMile, recorded by the server:")
            for change in direct:
                print(f"  {cell(change.describe())}")
    return EXIT_OK if report.ok and not direct else EXIT_PROBLEM
