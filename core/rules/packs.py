"""Rule packs: TOML files, one per jurisdiction, checked when loaded.

A pack is data (thresholds, dates, lists, titles, legal basis); the logic kinds
it names are code (``core.rules.kinds``) or, for administrator-written rules,
a CEL condition over the named facts (``core.rules.expression``). A pack that
cannot be used is refused with file, line and reason.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

import resources
from core.errors import UserFacingError
from core.rules import expression
from core.rules.kinds import KINDS, Evaluator

SEVERITIES = ("high", "medium", "info")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,40}$")
_RULE_ID = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,40}$")
_VERSION = re.compile(r"^\d+(\.\d+){0,2}$")
PACK_FIELDS = ("id", "version", "valid_from", "source", "title_en", "title_ru", "destinations")
RULE_FIELDS = (
    "id", "kind", "severity", "title_en", "title_ru", "basis", "citation", "confirmed",
)  # fmt: skip


class PackError(UserFacingError):
    """A rule pack that cannot be used; the message names file, line and reason."""

    def __init__(self, filename: str, line: int | None, reason: str) -> None:
        self.filename, self.line, self.reason = filename, line, reason
        where = f"{filename}, line {line}" if line else filename
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    severity: str
    title_en: str
    title_ru: str
    basis: str
    basis_ru: str
    citation: str
    confirmed: bool
    params: dict[str, Any]
    evaluate: Evaluator = field(repr=False, compare=False)


@dataclass(frozen=True)
class RulePack:
    """A checked pack. ``content_hash`` is the SHA-256 of the file's exact bytes."""

    id: str
    version: str
    valid_from: dt.date
    source: str
    title_en: str
    title_ru: str
    destinations: tuple[str, ...]
    rules: tuple[Rule, ...]
    content_hash: str
    content: str
    filename: str

    @property
    def version_key(self) -> tuple[int, ...]:
        return tuple(int(p) for p in self.version.split("."))

    def applies_to(self, destination: str | None) -> bool:
        """``*`` packs apply to every vehicle; others by destination country."""
        return "*" in self.destinations or (
            destination is not None and destination in self.destinations
        )


def _line_of(lines: list[str], pattern: str, start: int = 0) -> int | None:
    regex = re.compile(pattern)
    for number in range(start, len(lines)):
        if regex.search(lines[number]):
            return number + 1
    return None


def _rule_lines(lines: list[str]) -> list[int]:
    return [i + 1 for i, line in enumerate(lines) if line.strip() == "[[rules]]"]


def _check_param(kind: str, name: str, expected: str, value: Any) -> str | None:
    ok = {
        "number": isinstance(value, int | float) and not isinstance(value, bool),
        "int": isinstance(value, int) and not isinstance(value, bool),
        "date": isinstance(value, dt.date) and not isinstance(value, dt.datetime),
        "string": isinstance(value, str) and bool(value),
        "strings": isinstance(value, list) and all(isinstance(v, str) for v in value),
        "rule": isinstance(value, str) and bool(_RULE_ID.match(value)),
        "rules": isinstance(value, list) and all(isinstance(v, str) for v in value) and bool(value),
    }[expected]
    if ok:
        return None
    return f"parameter {name!r} of kind {kind!r} must be a {expected}, not {value!r}"


def parse_pack(content: str, filename: str) -> RulePack:
    """Check a pack's text and build its evaluators; raise :class:`PackError` if unusable."""
    lines = content.splitlines()
    try:
        data = tomllib.loads(content)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise PackError(
            filename, int(match[1]) if match else None, f"not valid TOML: {exc}"
        ) from exc
    header = data.get("pack")
    header_line = _line_of(lines, r"^\s*\[pack\]\s*$")
    if not isinstance(header, dict):
        raise PackError(filename, None, "a pack needs a [pack] table")
    for name in PACK_FIELDS:
        if name not in header:
            raise PackError(filename, header_line, f"[pack] needs {name!r}")
    if not _ID.match(str(header["id"])):
        raise PackError(
            filename,
            _line_of(lines, r"^\s*id\s*="),
            "pack id must be lower-case letters, digits and hyphens",
        )
    if not _VERSION.match(str(header["version"])):
        raise PackError(
            filename,
            _line_of(lines, r"^\s*version\s*="),
            f"version {header['version']!r} is not like 1.0.0",
        )
    if not isinstance(header["valid_from"], dt.date) or isinstance(
        header["valid_from"], dt.datetime
    ):
        raise PackError(
            filename,
            _line_of(lines, r"^\s*valid_from\s*="),
            "valid_from must be a date like 2026-01-01",
        )
    destinations = header["destinations"]
    if not isinstance(destinations, list) or not all(isinstance(d, str) for d in destinations):
        raise PackError(
            filename,
            _line_of(lines, r"^\s*destinations\s*="),
            "destinations must be a list of country codes or ['*']",
        )

    raw_rules = data.get("rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        raise PackError(filename, header_line, "a pack needs at least one [[rules]] table")
    starts = _rule_lines(lines)
    rules: list[Rule] = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_rules):
        start = starts[index] if index < len(starts) else None

        def where(key: str, start: int | None = start) -> int | None:
            if start is None:
                return None
            return _line_of(lines, rf"^\s*{re.escape(key)}\s*=", start) or start

        for name in RULE_FIELDS:
            if name not in raw:
                raise PackError(filename, start, f"rule {index + 1} needs {name!r}")
        rule_id = str(raw["id"])
        if not _RULE_ID.match(rule_id):
            raise PackError(
                filename,
                where("id"),
                f"rule id {rule_id!r} must be upper-case letters, digits and hyphens",
            )
        if rule_id in seen:
            raise PackError(filename, where("id"), f"rule id {rule_id} appears twice")
        seen.add(rule_id)
        if raw["severity"] not in SEVERITIES:
            raise PackError(
                filename, where("severity"), f"severity must be one of {', '.join(SEVERITIES)}"
            )
        if not isinstance(raw["confirmed"], bool):
            raise PackError(filename, where("confirmed"), "confirmed must be true or false")
        params = raw.get("params", {})
        if not isinstance(params, dict):
            raise PackError(filename, where("params"), "params must be a table")
        kind = raw["kind"]
        if kind == "expression":
            condition = raw.get("condition")
            if not isinstance(condition, str) or not condition.strip():
                raise PackError(filename, where("kind"), "an expression rule needs a 'condition'")
            try:
                evaluator = expression.compile_condition(condition)
            except expression.ExpressionError as exc:
                raise PackError(filename, where("condition"), f"rule {rule_id}: {exc}") from exc
            params = {"condition": condition}
        elif kind in KINDS:
            factory, spec = KINDS[kind]
            for name, expected in spec.items():
                if name not in params:
                    raise PackError(
                        filename,
                        where("[rules.params]") or start,
                        f"rule {rule_id}: kind {kind!r} needs parameter {name!r}",
                    )
                problem = _check_param(kind, name, expected, params[name])
                if problem:
                    raise PackError(filename, where(name), f"rule {rule_id}: {problem}")
            unknown = set(params) - set(spec)
            if unknown:
                raise PackError(
                    filename,
                    where(sorted(unknown)[0]),
                    f"rule {rule_id}: unknown parameter {sorted(unknown)[0]!r}",
                )
            evaluator = factory(params)
        else:
            known = ", ".join(sorted([*KINDS, "expression"]))
            raise PackError(
                filename, where("kind"), f"rule {rule_id}: unknown kind {kind!r} (known: {known})"
            )
        rules.append(
            Rule(
                id=rule_id,
                kind=kind,
                severity=raw["severity"],
                title_en=str(raw["title_en"]),
                title_ru=str(raw["title_ru"]),
                basis=str(raw["basis"]),
                basis_ru=str(raw.get("basis_ru") or raw["basis"]),
                citation=str(raw["citation"]),
                confirmed=raw["confirmed"],
                params=dict(params),
                evaluate=evaluator,
            )
        )
    return RulePack(
        id=str(header["id"]),
        version=str(header["version"]),
        valid_from=header["valid_from"],
        source=str(header["source"]),
        title_en=str(header["title_en"]),
        title_ru=str(header["title_ru"]),
        destinations=tuple(destinations),
        rules=tuple(rules),
        content_hash=hashlib.sha256(content.encode("utf-8")).hexdigest(),
        content=content,
        filename=filename,
    )


def builtin_packs() -> list[RulePack]:
    """The packs shipped in ``resources/rules``, generic first."""
    folder = resources.path("rules")
    packs = [
        parse_pack(entry.read_text(encoding="utf-8"), f"resources/rules/{entry.name}")
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    ]
    return sorted(packs, key=pack_order)


def pack_order(pack: RulePack) -> tuple[int, str]:
    """Generic first, then the other packs for every destination, then by id."""
    if pack.id == "generic":
        return (0, pack.id)
    return (1 if "*" in pack.destinations else 2, pack.id)
