"""``zeromile case review REF [--request | --approve --comment C [--ack ID ...] | --return
--reason R]``: the four-eyes review. Without an action it shows the review's state."""

from __future__ import annotations

import argparse
from typing import Any

from core.cli.context import CommandContext
from core.cli.output import print_fields, print_json, print_table
from core.domain.review import ReviewAction
from core.errors import ValidationError
from core.persistence.unit_of_work import reading, unit_of_work
from core.services import cases, review
from core.services.review import ReviewState

SINGLE_WORKSTATION = "review recorded on a single-workstation store"


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add ``review`` under the ``case`` command (registered by ``case_commands``)."""
    case = sub.choices["case"]
    csub = next(a for a in case._actions if isinstance(a, argparse._SubParsersAction))
    p = csub.add_parser(
        "review",
        help="the four-eyes review: request, approve, return, or show its state",
        description="Without an action, show the review: who requested and approved, the "
        "content hash, and which findings an approval must acknowledge.",
    )
    p.add_argument("reference")
    action = p.add_mutually_exclusive_group()
    action.add_argument("--request", action="store_true", help="ask for a review (open case)")
    action.add_argument("--approve", action="store_true", help="approve (a supervisor)")
    action.add_argument(
        "--return", dest="send_back", action="store_true", help="send the case back (a supervisor)"
    )
    p.add_argument("--comment", help="the approval's comment (required with --approve)")
    p.add_argument(
        "--ack",
        type=int,
        action="append",
        default=[],
        metavar="FINDING_ID",
        help="acknowledge a finding whose legal basis is unconfirmed (repeat for each)",
    )
    p.add_argument("--reason", help="why the case goes back (required with --return)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_case_review)


def _check(args: argparse.Namespace) -> None:
    problems: list[tuple[str, str]] = []
    if args.approve and not (args.comment or "").strip():
        problems.append(("--comment", "an approval needs a comment"))
    if args.send_back and not (args.reason or "").strip():
        problems.append(("--reason", "returning a case needs a reason"))
    if args.ack and not args.approve:
        problems.append(("--ack", "goes with --approve"))
    if args.comment is not None and not args.approve:
        problems.append(("--comment", "goes with --approve"))
    if args.reason is not None and not args.send_back:
        problems.append(("--reason", "goes with --return"))
    if problems:
        raise ValidationError(problems)


def state_json(state: ReviewState) -> dict[str, Any]:
    return {
        "reference": state.reference,
        "status": state.status,
        "unit": state.unit,
        "state": state.state,
        "steps": [
            {
                "action": s.action,
                "login": s.login,
                "person": s.person,
                "at": s.at.isoformat(),
                "comment": s.comment,
                "content_hash": s.content_hash,
                "acknowledged": s.acknowledged,
            }
            for s in state.steps
        ],
        "needs_acknowledgement": state.unconfirmed,
        "approved_hash": state.approved_hash,
        "unchanged_since_approval": state.intact,
        "single_workstation": state.single_workstation,
    }


def _print_state(state: ReviewState) -> None:
    approval = state.approval
    pairs: list[tuple[str, object]] = [
        ("Case", state.reference),
        ("Status", state.status),
        ("Unit", state.unit),
        ("Review", state.state),
    ]
    requested = state.last(ReviewAction.REQUESTED)
    if requested is not None:
        pairs.append(("Requested by", f"{requested.person}, {requested.at:%Y-%m-%d %H:%M} UTC"))
    if approval is not None:
        pairs.append(("Approved by", f"{approval.person}, {approval.at:%Y-%m-%d %H:%M} UTC"))
        pairs.append(("Comment", approval.comment))
        pairs.append(("Content hash", approval.content_hash))
        pairs.append(("Unchanged since", "yes" if state.intact else "NO: the case changed"))
    elif state.approved_hash is not None:
        pairs.append(("Last approved hash", f"{state.approved_hash} (no longer in force)"))
    if state.single_workstation:
        pairs.append(("Store", SINGLE_WORKSTATION))
    print_fields(pairs)
    if state.steps:
        print()
        print_table(
            ["AT", "STEP", "BY", "COMMENT / REASON"],
            [
                [
                    f"{s.at:%Y-%m-%d %H:%M}",
                    s.action,
                    s.person,
                    (s.comment or "").replace("\n", "; "),
                ]
                for s in state.steps
            ],
        )
    if state.unconfirmed:
        print()
        print("An approval must acknowledge these findings (legal basis unconfirmed):")
        print_table(
            ["FINDING", "RULE", "VIN", "TITLE"],
            [[u["finding_id"], u["rule_id"], u["vin"], u["title_en"]] for u in state.unconfirmed],
        )


def cmd_case_review(ctx: CommandContext) -> int:
    args = ctx.args
    _check(args)
    if args.request or args.approve or args.send_back:
        with unit_of_work(ctx.store, actor=ctx.actor, reason=args.reason) as session:
            if args.request:
                review.request_review(session, args.reference)
            elif args.approve:
                review.approve(session, args.reference, comment=args.comment, acknowledge=args.ack)
            else:
                review.return_case(session, args.reference, reason=args.reason)
    with reading(ctx.store) as session:
        state = review.review_state(session, cases.get_case(session, args.reference))
    if ctx.json:
        print_json(state_json(state))
    elif args.request or args.approve or args.send_back:
        step = state.steps[-1]
        done = f"{state.reference}: review {step.action} by {step.person}; now {state.status}"
        if args.approve:
            done += f" (content hash {step.content_hash})"
        print(done)
    else:
        _print_state(state)
    return 0
