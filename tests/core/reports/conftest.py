"""A demo store exported through the command line, for the report tests."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from core.cli.main import run

HOSTILE = '=HYPERLINK("http://example.invalid","click")'


@dataclass
class Exported:
    db: str
    refs: dict[str, str]  # jurisdiction -> reference
    folder: Path

    def export(self, jurisdiction: str, *args: str) -> int:
        return run(["--db", self.db, "export", self.refs[jurisdiction], *args])


@pytest.fixture
def demo(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Exported:
    assert run(["--db", db_url, "demo", "--json"]) == 0
    loaded = json.loads(capsys.readouterr().out)
    refs = {c["jurisdiction"]: c["reference"] for c in loaded}
    # A hostile title, as typed: markup characters must print as themselves.
    assert (
        run(["--db", db_url, "case", "set", refs["KZ"], "title", "Партия 7: Chery Tiggo <b>&"]) == 0
    )
    capsys.readouterr()
    out = tmp_path / "out"
    out.mkdir()
    return Exported(db_url, refs, out)


def pdftotext(path: Path, page: int | None = None) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    text = subprocess.run(
        [*args, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())  # table cells wrap; compare words, not line breaks


def page_count(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


# --- a case imported from a declaration file with doubtful cells -------------------------

DECLARATION_HEADER = (
    "declaration_no;vin;make;model;model_year;odometer_km;first_registration_date;"
    "export_deregistration_date;import_declaration_date;declared_value;currency;"
    "destination_country;declared_condition"
)
BAD_DECLARED = "lvvdb21b-0td00O902"  # an O, which a VIN never uses
MALFORMED = "LVVDB21B0TD00O902"
LONG_TEXT = "seventeen thousand " * 150  # an unreadable year, as written: wraps over lines
LONG_TOKEN = "Z" * 2500  # an unreadable value without a single space


def good_vin(serial: int) -> str:
    from core.domain.vin import expected_check_digit

    draft = f"LVVDB21B0TD{serial:06d}"
    return draft[:8] + expected_check_digit(draft) + draft[9:]


AMBIGUOUS = good_vin(901)  # odometer '1,234', import date known
OUT_OF_ORDER = good_vin(903)  # registered after deregistration, no import date
LONG = good_vin(904)


@dataclass
class Declared:
    """The KZ demo case with a declaration file imported and classified."""

    db: str
    ref: str
    folder: Path

    def make_stale(self) -> None:
        """Change a fact of the ambiguous-odometer vehicle without classifying again."""
        assert (
            run(["--db", self.db, "vehicle", "set", self.ref, AMBIGUOUS, "model_year", "2025"]) == 0
        )

    def export(
        self, name: str, *, lang: str = "en", allow_stale: bool = False
    ) -> tuple[Path, Path]:
        from core.persistence.store import open_store
        from core.services.exports import export_case

        pdf, xlsx = self.folder / f"{name}.pdf", self.folder / f"{name}.xlsx"
        store = open_store(self.db)
        try:
            export_case(
                store, self.ref, actor="Test Inspector (T-001)", pdf=pdf, xlsx=xlsx, lang=lang,
                allow_stale=allow_stale,
            )  # fmt: skip
        finally:
            store.close()
        return pdf, xlsx


@pytest.fixture
def declared(demo: Exported, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Declared:
    from core.persistence.store import open_store
    from core.persistence.unit_of_work import unit_of_work
    from core.services import cases
    from core.services.findings import classify_case

    ref = demo.refs["KZ"]
    rows = [
        f"D-901;{AMBIGUOUS};Chery;Tiggo 7 Pro;2026;1,234;03.02.2026;;15.02.2026;7 450;USD;KZ;used",
        f"D-902;{BAD_DECLARED};Chery;Tiggo 8;2026;12;31.02.2026;;15.02.2026;7 450;USD;KZ;used",
        f"D-903;{OUT_OF_ORDER};Geely;Monjaro;2026;12,500;01.03.2026;01.02.2026;;abc;USD;KZ;used",
        f"D-904;{LONG};Geely;Atlas;{LONG_TEXT};30;03.02.2026;;15.02.2026;{LONG_TOKEN};USD;KZ;used",
    ]
    path = tmp_path / "lot.csv"
    path.write_text("\n".join([DECLARATION_HEADER, *rows]) + "\n", encoding="utf-8")
    assert run(["--db", demo.db, "import", str(path), "--case", ref]) == 0
    store = open_store(demo.db)
    try:
        with unit_of_work(store, actor="Test Inspector (T-001)") as session:
            classify_case(session, cases.get_case(session, ref))
    finally:
        store.close()
    capsys.readouterr()
    return Declared(demo.db, ref, demo.folder)


@pytest.fixture
def approve_as_supervisor(
    demo: Exported, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[[str], None]:
    """``approve_as_supervisor(ref)``: the demo supervisor approves the case through the
    command line, acknowledging every unconfirmed-basis finding (SQLite: the OS login is
    patched; on PostgreSQL the login is session_user, so the test skips there)."""
    import core.identity
    from core.services import demo as demo_data
    from core.services import people

    def approve(ref: str) -> None:
        if "://" in demo.db and not demo.db.startswith("sqlite"):
            pytest.skip("on PostgreSQL the approver is session_user; patching cannot change it")
        assert run(["--db", demo.db, "case", "review", ref, "--json"]) == 0
        needed = json.loads(capsys.readouterr().out)["needs_acknowledgement"]
        login = demo_data.DEMO_SUPERVISOR_LOGIN
        monkeypatch.setattr(people, "os_login", lambda: login)
        monkeypatch.setattr(core.identity, "os_login", lambda: login)
        acks = [a for n in needed for a in ("--ack", str(n["finding_id"]))]
        code = run(["--db", demo.db, "case", "review", ref, "--approve", "--comment", "ok", *acks])
        assert code == 0, capsys.readouterr().err
        capsys.readouterr()

    return approve
