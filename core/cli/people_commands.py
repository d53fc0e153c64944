"""``zeromile user|unit|whoami``: the people of a store, their logins and units.

On the shared store, ``user add`` creates the person's own PostgreSQL login role in
the group of their role; run it as a database administrator or as a ZeroMile
administrator (whose login may create roles).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from typing import Any

from core.cli.context import CommandContext
from core.cli.output import cell, print_json, print_table
from core.domain.inspector import InspectorRole
from core.errors import ValidationError
from core.persistence.unit_of_work import reading, unit_of_work
from core.services import people

#: The role names of the command line; "admin" is the administrator.
ROLES = {
    "reader": InspectorRole.READER,
    "inspector": InspectorRole.INSPECTOR,
    "supervisor": InspectorRole.SUPERVISOR,
    "admin": InspectorRole.ADMINISTRATOR,
}


def register(sub: argparse._SubParsersAction[Any]) -> None:
    user = sub.add_parser("user", help="people who use the store, their logins and roles")
    usub = user.add_subparsers(dest="user_command", required=True, metavar="SUBCOMMAND")
    p = usub.add_parser("add", help="register a person with their own login")
    p.add_argument("login", help="their login (a PostgreSQL role; on SQLite the OS login)")
    p.add_argument("--name", required=True)
    p.add_argument("--badge", required=True)
    p.add_argument("--role", required=True, choices=list(ROLES))
    p.add_argument("--unit", action="append", required=True, metavar="CODE",
                   help="a unit they work in (repeat for several)")  # fmt: skip
    p.add_argument("--password-stdin", action="store_true",
                   help="read their password from the first line of standard input")  # fmt: skip
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_user_add)
    p = usub.add_parser("list", help="everyone registered")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_user_list)
    p = usub.add_parser("join", help="add a unit to a registered person's units")
    p.add_argument("login")
    p.add_argument("--unit", required=True, metavar="CODE")
    p.set_defaults(handler=cmd_user_join)
    p = usub.add_parser("disable", help="a login that keeps its history and cannot connect")
    p.add_argument("login")
    p.set_defaults(handler=cmd_user_disable)

    unit = sub.add_parser("unit", help="units: border posts and regional offices")
    nsub = unit.add_subparsers(dest="unit_command", required=True, metavar="SUBCOMMAND")
    p = nsub.add_parser("add", help="register a unit")
    p.add_argument("code")
    p.add_argument("--name", required=True)
    p.set_defaults(handler=cmd_unit_add)

    p = sub.add_parser("whoami", help="the login this store knows you by, your role and units")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_whoami)


def _password(ctx: CommandContext) -> str | None:
    if not ctx.args.password_stdin:
        return None
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise ValidationError([("password", "standard input gave an empty password")])
    return line


def cmd_user_add(ctx: CommandContext) -> int:
    password = _password(ctx)
    with unit_of_work(ctx.store, actor=ctx.actor) as session:
        person = people.add_person(
            session,
            login=ctx.args.login,
            name=ctx.args.name,
            badge=ctx.args.badge,
            role=ROLES[ctx.args.role],
            units=list(ctx.args.unit),
            password=password,
        )
        units = [u.strip().upper() for u in ctx.args.unit]
        row = {"login": person.login, "name": person.name, "badge": person.badge_number,
               "role": person.role, "units": units}  # fmt: skip
    if ctx.json:
        print_json(row)
    else:
        print(f"{cell(person.login)}: {cell(row['name'])} ({cell(row['badge'])}), "
              f"{row['role']} in {', '.join(units)}")  # fmt: skip
    return 0


def cmd_user_list(ctx: CommandContext) -> int:
    with reading(ctx.store) as session:
        rows = people.list_people(session)
    if ctx.json:
        print_json([asdict(r) for r in rows])
        return 0
    print_table(
        ["login", "name", "badge", "role", "units", "active"],
        [[r.login or "-", r.name, r.badge, r.role, ", ".join(r.units) or "-",
          "yes" if r.active else "no"] for r in rows],
    )  # fmt: skip
    return 0


def cmd_user_join(ctx: CommandContext) -> int:
    with unit_of_work(ctx.store, actor=ctx.actor) as session:
        code = people.join_unit(session, ctx.args.login, ctx.args.unit).code
    print(f"{cell(ctx.args.login.strip())} now works in {cell(code)} too")
    return 0


def cmd_user_disable(ctx: CommandContext) -> int:
    with unit_of_work(ctx.store, actor=ctx.actor) as session:
        person = people.disable_person(session, ctx.args.login)
        label = f"{person.name} ({person.badge_number})"
    print(f"{cell(ctx.args.login.strip())} ({cell(label)}) disabled; their history is kept")
    return 0


def cmd_unit_add(ctx: CommandContext) -> int:
    with unit_of_work(ctx.store, actor=ctx.actor) as session:
        unit = people.add_unit(session, code=ctx.args.code, name=ctx.args.name)
        code = unit.code
    print(f"unit {code} added")
    return 0


def cmd_whoami(ctx: CommandContext) -> int:
    with reading(ctx.store) as session:
        me = people.whoami(session)
    if ctx.json:
        print_json(asdict(me))
        return 0
    print(f"login: {cell(me.login)}")
    print(f"person: {cell(me.person) if me.person else 'not registered'}")
    print(f"role: {me.role or '-'}")
    print(f"units: {', '.join(me.units) or '-'}")
    print(
        "rights: enforced by the database server"
        if me.server_enforced
        else "rights: checked by this program (a single-workstation store)"
    )
    return 0
