"""Which rule packs are in force: the shipped ones and those an administrator loaded.

Administrator packs are stored in the case store (``rule_pack``), so every
workstation sharing the store uses the same versions. For each pack id the
highest version whose ``valid_from`` is on or before a date is in force on that
date; a vehicle is judged by the versions in force on its import date
(:func:`pack_library`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import select

from core.domain.finding import RulePackRecord
from core.errors import UserFacingError
from core.persistence.store import ZeroMileSession
from core.rules.engine import PackLibrary, PackSet
from core.rules.packs import RulePack, builtin_packs, parse_pack

ADMINISTRATOR = "administrator"
BUILTIN = "builtin"


def stored_packs(session: ZeroMileSession) -> list[RulePack]:
    rows = session.exec(select(RulePackRecord).where(RulePackRecord.origin == ADMINISTRATOR))
    return [parse_pack(r.content, f"store: {r.pack_id} {r.version}") for r in rows]


def all_versions(session: ZeroMileSession | None) -> list[RulePack]:
    """Every known pack version: shipped, and loaded into the store."""
    packs = builtin_packs()
    if session is not None:
        packs += stored_packs(session)
    return packs


def pack_library(session: ZeroMileSession | None) -> PackLibrary:
    """Every pack version known to the store, to choose from by date."""
    return PackLibrary(all_versions(session))


def packs_in_force(session: ZeroMileSession | None, *, day: dt.date | None = None) -> PackSet:
    """Per pack id, the highest version valid on ``day`` (today by default)."""
    return pack_library(session).in_force(day or dt.date.today())


def remember_pack(session: ZeroMileSession, pack: RulePack, *, origin: str) -> RulePackRecord:
    """Store a pack's exact text (once per content hash) so findings can always cite it."""
    existing = session.exec(
        select(RulePackRecord).where(RulePackRecord.content_hash == pack.content_hash)
    ).first()
    if existing is not None:
        return existing
    clash = session.exec(
        select(RulePackRecord).where(
            RulePackRecord.pack_id == pack.id, RulePackRecord.version == pack.version
        )
    ).first()
    if clash is not None:
        raise UserFacingError(
            f"pack {pack.id} version {pack.version} is already stored with other content; "
            "a changed pack needs a new version number"
        )
    record = RulePackRecord(
        pack_id=pack.id,
        version=pack.version,
        content_hash=pack.content_hash,
        content=pack.content,
        valid_from=pack.valid_from,
        origin=origin,
    )
    session.add(record)
    session.flush()
    return record


def load_pack_file(session: ZeroMileSession, content: str, filename: str) -> RulePack:
    """An administrator loads a new pack version; it is checked, then stored for everyone."""
    pack = parse_pack(content, filename)
    for shipped in builtin_packs():
        if (shipped.id, shipped.version) == (pack.id, pack.version) and (
            shipped.content_hash != pack.content_hash
        ):
            raise UserFacingError(
                f"{filename}: pack {pack.id} version {pack.version} ships with ZeroMile with "
                "other content; give the changed pack a new version number"
            )
    remember_pack(session, pack, origin=ADMINISTRATOR)
    return pack


@dataclass(frozen=True)
class Jurisdictions:
    """The jurisdictions some rule pack in force names as a destination, and for each
    the ids of the packs that apply to it."""

    packs_for: dict[str, tuple[str, ...]]

    @property
    def codes(self) -> list[str]:
        """The country codes, sorted."""
        return sorted(self.packs_for)


def known_jurisdictions(db: str | None = None) -> Jurisdictions:
    """The jurisdictions the packs in force today know (``*`` packs name no country):
    the store's administrator packs as well when ``db`` (a store locator) is given; the
    shipped packs alone when it is not, or when the store cannot be read."""
    from core.persistence.unit_of_work import reading
    from core.services.stores import store_for

    try:
        if db is None:
            packs = packs_in_force(None)
        else:
            with reading(store_for(db)) as session:
                packs = packs_in_force(session)
    except UserFacingError:
        packs = packs_in_force(None)
    codes = {d for p in packs.packs for d in p.destinations if d != "*"}
    return Jurisdictions(
        {code: tuple(p.id for p in packs.packs if p.applies_to(code)) for code in codes}
    )
