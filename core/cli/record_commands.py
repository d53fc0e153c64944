"""``zeromile shipment|vehicle|note|party|inspector ...``: the records inside a case."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from core.cli.context import CommandContext
from core.cli.output import cell, print_json, print_table, warn
from core.domain.fields import SHIPMENT_FIELDS, VEHICLE_FIELDS, FieldSpec, parse_fields
from core.domain.inspector import InspectorRole
from core.domain.party import PartyKind, PartyRoleKind
from core.domain.values import parse_country
from core.domain.vin import format_problem
from core.persistence.unit_of_work import reading, unit_of_work
from core.services import cases, inspectors, notes, parties, shipments, vehicles
from core.services.vehicles import VehicleResult


def _add_field_options(parser: argparse.ArgumentParser, specs: Sequence[FieldSpec]) -> None:
    for spec in specs:
        flag = "--" + spec.name.replace("_", "-")
        parser.add_argument(
            flag, dest=f"f_{spec.name}", metavar="VALUE", help=spec.help or spec.label
        )


def _field_values(args: argparse.Namespace, specs: Sequence[FieldSpec]) -> dict[str, str]:
    raw = {s.name: getattr(args, f"f_{s.name}") for s in specs}
    return {k: v for k, v in raw.items() if v is not None}


def register(sub: argparse._SubParsersAction[Any]) -> None:
    shipment = sub.add_parser("shipment", help="shipments of a case")
    ssub = shipment.add_subparsers(dest="shipment_command", required=True, metavar="SUBCOMMAND")
    p = ssub.add_parser("add", help="add a shipment to a case")
    p.add_argument("reference")
    _add_field_options(p, SHIPMENT_FIELDS)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_shipment_add)

    vehicle = sub.add_parser("vehicle", help="vehicles of a case")
    vsub = vehicle.add_subparsers(dest="vehicle_command", required=True, metavar="SUBCOMMAND")
    p = vsub.add_parser("add", help="add a vehicle (every declaration column is an option)")
    p.add_argument("reference")
    p.add_argument("--shipment", help="shipment id, declaration number or shipment ref")
    _add_field_options(p, VEHICLE_FIELDS)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_vehicle_add)

    p = vsub.add_parser("set", help="change one fact of a vehicle; an empty VALUE clears it")
    p.add_argument("reference")
    p.add_argument("vin")
    p.add_argument("field", metavar="FIELD")
    p.add_argument("value", metavar="VALUE")
    p.add_argument("--reason")
    p.add_argument("--expect-version", type=int)
    p.add_argument(
        "--id", type=int, dest="vehicle_id", metavar="N",
        help="the vehicle's id, when the VIN is declared for more than one vehicle of the case",
    )  # fmt: skip
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_vehicle_set)

    note = sub.add_parser("note", help="the case diary (append-only)")
    nsub = note.add_subparsers(dest="note_command", required=True, metavar="SUBCOMMAND")
    p = nsub.add_parser("add", help="append a note to the case diary")
    p.add_argument("reference")
    p.add_argument("text")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_note_add)

    party = sub.add_parser("party", help="parties and their roles in a case")
    psub = party.add_subparsers(dest="party_command", required=True, metavar="SUBCOMMAND")
    p = psub.add_parser("add", help="record a party's role in a case")
    p.add_argument("reference")
    p.add_argument("--name", required=True)
    p.add_argument("--role", required=True, choices=[r.value for r in PartyRoleKind])
    p.add_argument("--kind", choices=[k.value for k in PartyKind])
    p.add_argument("--country", help="ISO 3166 code")
    p.add_argument("--vehicle", help="VIN, when the role concerns one vehicle")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_party_add)

    insp = sub.add_parser("inspector", help="inspectors and supervisors")
    isub = insp.add_subparsers(dest="inspector_command", required=True, metavar="SUBCOMMAND")
    p = isub.add_parser("add", help="register an inspector")
    p.add_argument("--name", required=True)
    p.add_argument("--badge", required=True)
    p.add_argument("--role", choices=[r.value for r in InspectorRole], default="inspector")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_inspector_add)
    p = isub.add_parser("list", help="list inspectors")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_inspector_list)


def cmd_shipment_add(ctx: CommandContext) -> int:
    values = parse_fields(SHIPMENT_FIELDS, _field_values(ctx.args, SHIPMENT_FIELDS))
    with unit_of_work(ctx.store, actor=ctx.actor) as session:
        case = cases.get_case(session, ctx.args.reference)
        shipment = shipments.add_shipment(session, case, values)
        shipment_id = shipment.id
    if ctx.json:
        print_json({"id": shipment_id, "case": case.reference})
    else:
        print(f"shipment {shipment_id} added to {case.reference}")
    return 0


def _report_vehicle(ctx: CommandContext, reference: str, result: VehicleResult) -> None:
    for problem in result.warnings:
        warn(f"{problem.field}: {problem.message}")
    v = result.vehicle
    if ctx.json:
        print_json(
            {
                "id": v.id,
                "case": reference,
                "vin": v.vin,
                "version": v.version,
                "warnings": [{"field": p.field, "message": p.message} for p in result.warnings],
            }
        )
    else:
        marker = " [malformed VIN, recorded as declared]" if format_problem(v.vin) else ""
        what = f"(id {v.id}, version {v.version}){marker}"
        print(f"vehicle {cell(v.vin)} recorded in {reference} {what}")


def cmd_vehicle_add(ctx: CommandContext) -> int:
    typed = _field_values(ctx.args, VEHICLE_FIELDS)
    values = parse_fields(VEHICLE_FIELDS, typed)
    with unit_of_work(ctx.store, actor=ctx.actor) as session:
        case = cases.get_case(session, ctx.args.reference)
        shipment = (
            shipments.find_shipment(session, case, ctx.args.shipment) if ctx.args.shipment else None
        )
        result = vehicles.add_vehicle(session, case, values, shipment=shipment, typed=typed)
    _report_vehicle(ctx, case.reference, result)
    return 0


def cmd_vehicle_set(ctx: CommandContext) -> int:
    field = ctx.args.field.strip().lower().replace("-", "_")
    typed = {field: ctx.args.value}
    changes = parse_fields(VEHICLE_FIELDS, typed)
    with unit_of_work(ctx.store, actor=ctx.actor, reason=ctx.args.reason) as session:
        case = cases.get_case(session, ctx.args.reference)
        vehicle = vehicles.find_vehicle(session, case, ctx.args.vin, vehicle_id=ctx.args.vehicle_id)
        result = vehicles.update_vehicle(
            session,
            case,
            vehicle,
            changes,
            expected_version=ctx.args.expect_version,
            reason=ctx.args.reason,
            typed=typed,
        )
    _report_vehicle(ctx, case.reference, result)
    return 0


def cmd_note_add(ctx: CommandContext) -> int:
    actor = ctx.actor
    with unit_of_work(ctx.store, actor=actor) as session:
        case = cases.get_case(session, ctx.args.reference)
        note = notes.add_note(session, case, text=ctx.args.text)
        note_id = note.id
    if ctx.json:
        print_json({"id": note_id, "case": case.reference})
    else:
        print(f"note {note_id} added to {case.reference}")
    return 0


def cmd_party_add(ctx: CommandContext) -> int:
    country = parse_country(ctx.args.country) if ctx.args.country else None
    with unit_of_work(ctx.store, actor=ctx.actor) as session:
        case = cases.get_case(session, ctx.args.reference)
        vehicle = (
            vehicles.find_vehicle(session, case, ctx.args.vehicle) if ctx.args.vehicle else None
        )
        party = parties.find_or_create_party(
            session,
            name=ctx.args.name,
            kind=PartyKind(ctx.args.kind) if ctx.args.kind else None,
            country=country,
        )
        parties.link_party(
            session,
            party,
            case,
            PartyRoleKind(ctx.args.role),
            shipment_id=vehicle.shipment_id if vehicle else None,
            vehicle_id=vehicle.id if vehicle else None,
        )
        party_id, name = party.id, party.name
    if ctx.json:
        print_json({"id": party_id, "name": name, "role": ctx.args.role, "case": case.reference})
    else:
        print(f"{cell(name)} recorded as {ctx.args.role} in {case.reference}")
    return 0


def cmd_inspector_add(ctx: CommandContext) -> int:
    with unit_of_work(ctx.store, actor=ctx.actor) as session:
        inspector = inspectors.add_inspector(
            session,
            name=ctx.args.name,
            badge_number=ctx.args.badge,
            role=InspectorRole(ctx.args.role),
        )
        row = {
            "id": inspector.id,
            "name": inspector.name,
            "badge_number": inspector.badge_number,
            "role": inspector.role,
        }
    if ctx.json:
        print_json(row)
    else:
        print(f"inspector {cell(row['name'])} ({cell(row['badge_number'])}) registered")
    return 0


def cmd_inspector_list(ctx: CommandContext) -> int:
    with reading(ctx.store) as session:
        rows = [
            {
                "id": i.id,
                "name": i.name,
                "badge_number": i.badge_number,
                "role": i.role,
                "active": i.active,
            }
            for i in inspectors.list_inspectors(session)
        ]
    if ctx.json:
        print_json(rows)
    else:
        print_table(
            ["BADGE", "NAME", "ROLE"], [[r["badge_number"], r["name"], r["role"]] for r in rows]
        )
    return 0
