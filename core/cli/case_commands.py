"""``zeromile case ...``, ``init``, ``demo`` and ``audit log``."""

from __future__ import annotations

import argparse
from typing import Any

from core.cli import evidence_commands
from core.cli.context import CommandContext
from core.cli.output import cell, print_fields, print_json, print_table
from core.cli.progress import terminal_progress
from core.domain.case import CasePriority, CaseStatus
from core.domain.fields import CASE_FIELDS, parse_fields
from core.domain.values import parse_country
from core.errors import ValidationError
from core.persistence import migrate
from core.persistence.unit_of_work import reading, unit_of_work
from core.services import cases, demo, views
from core.services.staleness import REASON_TEXT, StaleReason, stale_counts


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("init", help="create or upgrade the store")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("demo", help="load realistic sample cases (KZ, RU, JO)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_demo)

    case = sub.add_parser("case", help="create, list, show and edit cases")
    csub = case.add_subparsers(dest="case_command", required=True, metavar="SUBCOMMAND")

    p = csub.add_parser("new", help="open a new case")
    p.add_argument("--title", required=True)
    p.add_argument("--jurisdiction", required=True, help="ISO 3166 code, e.g. KZ")
    p.add_argument("--priority", choices=[x.value for x in CasePriority], default="normal")
    p.add_argument("--inspector", help="badge number of the assigned inspector")
    p.add_argument(
        "--unit", metavar="CODE", help="the case's unit (default: yours, if you have one)"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_case_new)

    p = csub.add_parser("list", help="list cases, newest first")
    p.add_argument("--status", choices=[s.value for s in CaseStatus])
    p.add_argument("--jurisdiction")
    p.add_argument("--limit", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_case_list)

    p = csub.add_parser("show", help="show a case with its shipments, vehicles, parties, diary")
    p.add_argument("reference")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_case_show)

    fields = ", ".join([s.name for s in CASE_FIELDS] + ["assigned_inspector"])
    p = csub.add_parser("set", help=f"change a field ({fields}); an empty VALUE clears it")
    p.add_argument("reference")
    p.add_argument("field", metavar="FIELD")
    p.add_argument("value", metavar="VALUE")
    p.add_argument("--reason")
    p.add_argument("--expect-version", type=int, help="refuse if the case changed since")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_case_set)

    p = csub.add_parser("status", help="move a case along the workflow")
    p.add_argument("reference")
    p.add_argument("new_status", choices=[s.value for s in CaseStatus], metavar="NEW_STATUS")
    p.add_argument("--reason", help="required to close, reopen or send back")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_case_status)

    audit = sub.add_parser("audit", help="the audit trail")
    asub = audit.add_subparsers(dest="audit_command", required=True, metavar="SUBCOMMAND")
    p = asub.add_parser("log", help="a case's audit trail, oldest first")
    p.add_argument("reference")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_audit_log)
    evidence_commands.register_audit(asub)


def cmd_init(ctx: CommandContext) -> int:
    store = ctx.store
    result = {
        "store": store.display_url,
        "schema": migrate.head_revision(),
        "upgraded_from": store.upgraded_from,
        "backup": str(store.backup_path) if store.backup_path else None,
    }
    if ctx.json:
        print_json(result)
    else:
        print(f"store {store.display_url} is ready (schema {result['schema']})")
        if store.backup_path:
            print(f"upgraded from schema {store.upgraded_from}; backup at {store.backup_path}")
    return 0


def cmd_demo(ctx: CommandContext) -> int:
    with terminal_progress("Loading demo") as progress:
        loaded = demo.load_demo(ctx.store, actor=ctx.actor, progress=progress)
    if ctx.json:
        print_json(
            [
                {
                    "reference": d.reference,
                    "title": d.title,
                    "jurisdiction": d.jurisdiction,
                    "created": d.created,
                }
                for d in loaded
            ]
        )
    else:
        for d in loaded:
            state = "created" if d.created else "already loaded"
            print(f"{d.reference}  {d.jurisdiction}  {cell(d.title)}  ({state})")
    return 0


def cmd_case_new(ctx: CommandContext) -> int:
    parsed = parse_fields(
        CASE_FIELDS, {"title": ctx.args.title, "jurisdiction": ctx.args.jurisdiction}
    )
    title = parsed["title"]
    if not isinstance(title, str):
        raise ValidationError([("title", "is required")])
    with unit_of_work(ctx.store, actor=ctx.actor) as session:
        case = cases.create_case(
            session,
            title=title,
            jurisdiction=str(parsed["jurisdiction"]),
            priority=CasePriority(ctx.args.priority),
            assigned_badge=ctx.args.inspector,
            unit=ctx.args.unit,
        )
        reference, case_id = case.reference, case.id
    if ctx.json:
        print_json({"reference": reference, "id": case_id})
    else:
        print(reference)
    return 0


def cmd_case_list(ctx: CommandContext) -> int:
    jurisdiction = parse_country(ctx.args.jurisdiction) if ctx.args.jurisdiction else None
    status = CaseStatus(ctx.args.status) if ctx.args.status else None
    with reading(ctx.store) as session:
        found = cases.list_cases(
            session,
            cases.CaseFilter(status=status, jurisdiction=jurisdiction, limit=ctx.args.limit),
        )
        rows = [views.case_row(c) for c in found]
        out_of_date = stale_counts(session, [r["id"] for r in rows])
    for row in rows:
        row["findings_out_of_date"] = out_of_date.get(row["id"], 0)
    if ctx.json:
        print_json(rows)
    else:
        print_table(
            ["REFERENCE", "STATUS", "JUR", "PRIORITY", "OUT OF DATE", "TITLE"],
            [
                [r["reference"], r["status"], r["jurisdiction"], r["priority"],
                 r["findings_out_of_date"] or "", r["title"]]
                for r in rows
            ],
        )  # fmt: skip
    return 0


def cmd_case_show(ctx: CommandContext) -> int:
    with reading(ctx.store) as session:
        detail = views.case_detail(session, cases.get_case(session, ctx.args.reference))
    if ctx.json:
        print_json(detail)
        return 0
    inspector = detail["assigned_inspector"]
    print_fields(
        [
            ("Reference", detail["reference"]),
            ("Title", detail["title"]),
            ("Jurisdiction", detail["jurisdiction"]),
            ("Status", detail["status"]),
            ("Closing reason", detail["closing_reason"]),
            ("Priority", detail["priority"]),
            (
                "Inspector",
                f"{inspector['name']} ({inspector['badge_number']})" if inspector else None,
            ),
            (
                "Hearing",
                " ".join(filter(None, [detail["hearing_date"], detail["hearing_reference"]])),
            ),
            ("Legal deadline", detail["legal_deadline"]),
            ("Created", detail["created_at"]),
            ("Version", detail["version"]),
        ]
    )
    print(f"\nShipments ({len(detail['shipments'])})")
    print_table(
        ["ID", "DECLARATION", "REF", "BORDER POST", "ARRIVAL"],
        [
            [s["id"], s["declaration_no"], s["shipment_ref"], s["border_post"], s["arrival_date"]]
            for s in detail["shipments"]
        ],
    )
    print(f"\nVehicles ({len(detail['vehicles'])})")
    print_table(
        ["ID", "VIN", "MAKE", "MODEL", "YEAR", "ODOMETER KM", "CONDITION", "FIRST REG."],
        [
            [
                v["id"],
                f"{v['vin']} [malformed]" if v["vin_problem"] else v["vin"],
                v["make"],
                v["model"],
                v["model_year"],
                v["odometer_km"],
                v["declared_condition"],
                v["first_registration_date"],
            ]
            for v in detail["vehicles"]
        ],
    )
    kept = [(v["vin"], t) for v in detail["vehicles"] for t in v["declared_text"]]
    if kept:
        print(f"\nAs written in the declaration ({len(kept)})")
        print_table(
            ["VIN", "COLUMN", "AS WRITTEN", "WHY KEPT"],
            [[vin, t["column"], t["text"], f"{t['issue']}: {t['reason']}"] for vin, t in kept],
        )
    stale = detail["findings_out_of_date"]
    if stale:
        print(
            f"\nFindings out of date ({len(stale)} vehicles): run `zeromile classify "
            f"{detail['reference']}`"
        )
        print_table(
            ["ID", "VIN", "WHY"],
            [[v["id"], v["vin"], ", ".join(REASON_TEXT[StaleReason(r)] for r in v["reasons"])]
             for v in stale],
        )  # fmt: skip
    print(f"\nParties ({len(detail['parties'])})")
    print_table(
        ["NAME", "KIND", "COUNTRY", "ROLES"],
        [[p["name"], p["kind"], p["country"], ", ".join(p["roles"])] for p in detail["parties"]],
    )
    print(f"\nDiary ({len(detail['notes'])})")
    for note in detail["notes"]:
        print(f"{note['at']}  {cell(note['author'])}")
        for line in str(note["text"]).split("\n"):
            print(f"    {cell(line)}")
    return 0


def cmd_case_set(ctx: CommandContext) -> int:
    field = ctx.args.field.strip().lower().replace("-", "_")
    if field == "assigned_inspector":
        changes: dict[str, object] = {field: ctx.args.value.strip() or None}
    else:
        changes = parse_fields(CASE_FIELDS, {field: ctx.args.value})
    with unit_of_work(ctx.store, actor=ctx.actor, reason=ctx.args.reason) as session:
        case = cases.update_case(
            session,
            ctx.args.reference,
            changes,
            expected_version=ctx.args.expect_version,
            reason=ctx.args.reason,
        )
        row = views.case_row(case)
    if ctx.json:
        print_json(row)
    else:
        print(f"{row['reference']}: {field} updated (version {row['version']})")
    return 0


def cmd_case_status(ctx: CommandContext) -> int:
    with unit_of_work(ctx.store, actor=ctx.actor) as session:
        case = cases.change_status(
            session, ctx.args.reference, CaseStatus(ctx.args.new_status), reason=ctx.args.reason
        )
        row = views.case_row(case)
    if ctx.json:
        print_json(row)
    else:
        print(f"{row['reference']} is now {row['status']}")
    return 0


def cmd_audit_log(ctx: CommandContext) -> int:
    with reading(ctx.store) as session:
        rows = views.audit_rows(session, cases.get_case(session, ctx.args.reference))
    if ctx.json:
        print_json(rows)
    else:
        print_table(
            ["AT", "ACTOR", "ENTITY", "ACTION", "FIELD", "OLD", "NEW", "REASON"],
            [
                [
                    r["at"],
                    r["actor"],
                    f"{r['entity']} {r['entity_label']}",
                    r["action"],
                    r["field"],
                    r["old_value"],
                    r["new_value"],
                    r["reason"],
                ]
                for r in rows
            ],
        )
    return 0
