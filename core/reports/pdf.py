"""The PDF case file (ReportLab), built in small steps that a jurisdiction can override.

Every page carries the case reference, "Page N of M", a running exhibit-style page
number (``ZM-2026-000123-0007``), the generation time and, until the case is ready
for a hearing, a DRAFT mark. When findings are out of date (an ``allow_stale``
export) every page also carries "FINDINGS OUT OF DATE" in its header band and
watermark, and the cover and summary name the vehicles. Data-quality findings
(``DQ-*``) are printed beside the findings they may weaken, never as accusations.
Every font is embedded; user text is escaped.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from core.reports import case_data, fonts, images
from core.reports.case_data import CaseReport, Exhibit, is_data_quality
from core.reports.fonts import markup
from core.reports.i18n import stale_reason_text, status_text, t, written_cell_text

SEVERITY_COLOURS = {
    "high": colors.HexColor("#B00020"),
    "medium": colors.HexColor("#B26A00"),
    "info": colors.HexColor("#1F5FA8"),
}
DATA_QUALITY_COLOUR = colors.HexColor("#3A5A78")
DATA_QUALITY_BACKGROUND = colors.HexColor("#EEF3F8")
OUT_OF_DATE_COLOUR = colors.HexColor("#B00020")
MARGIN = 18 * mm
#: Out-of-date VINs named on the cover; the summary lists every one.
COVER_VINS = 20
#: Characters of a text as written shown in a vehicles-table cell and in the import
#: report's cells (the vehicle's block and the workbook give all of it).
TABLE_TEXT = 20
REPORT_VALUE = 80
REPORT_MESSAGE = 240


class _Heading(Paragraph):
    """A section heading that also becomes an outline entry."""

    def __init__(self, text: str, style: ParagraphStyle, key: str, level: int = 0) -> None:
        super().__init__(markup(text), style)
        self.outline_text, self.outline_key, self.outline_level = text, key, level


class _Document(SimpleDocTemplate):
    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - ReportLab hook
        if isinstance(flowable, _Heading):
            self.canv.bookmarkPage(flowable.outline_key)
            self.canv.addOutlineEntry(
                flowable.outline_text, flowable.outline_key, level=flowable.outline_level
            )


def _numbered_canvas(decorate: Any) -> type[rl_canvas.Canvas]:
    class NumberedCanvas(rl_canvas.Canvas):
        """Defers page output until the page count is known ("Page N of M")."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab API
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                decorate(self, self._pageNumber, total)
                super().showPage()
            super().save()

    return NumberedCanvas


class CasePdfBuilder:
    """Builds the case file; each step is a method so a variant can change one part."""

    def __init__(self, report: CaseReport, *, lang: str = "en") -> None:
        fonts.register()
        self.report = report
        self.lang = lang
        self.styles = self.make_styles()
        self.width = A4[0] - 2 * MARGIN

    # --- styles ---------------------------------------------------------------------------

    def make_styles(self) -> dict[str, ParagraphStyle]:
        base = ParagraphStyle("base", fontName=fonts.BASE, fontSize=9.5, leading=12.5)
        return {
            "base": base,
            "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
            "cell": ParagraphStyle("cell", parent=base, fontSize=7.5, leading=9.2),
            "cell_head": ParagraphStyle(
                "cell_head", parent=base, fontName=fonts.BASE_BOLD, fontSize=7.5, leading=9.2
            ),
            "h1": ParagraphStyle(
                "h1",
                parent=base,
                fontName=fonts.BASE_BOLD,
                keepWithNext=1,
                fontSize=15,
                leading=19,
                spaceBefore=4,
                spaceAfter=8,
            ),
            "h2": ParagraphStyle(
                "h2",
                parent=base,
                fontName=fonts.BASE_BOLD,
                keepWithNext=1,
                fontSize=11.5,
                leading=15,
                spaceBefore=10,
                spaceAfter=4,
            ),
            "title": ParagraphStyle(
                "title",
                parent=base,
                fontName=fonts.BASE_BOLD,
                fontSize=22,
                leading=28,
                alignment=TA_CENTER,
                spaceAfter=14,
            ),
            "subtitle": ParagraphStyle(
                "subtitle", parent=base, fontSize=13, leading=17, alignment=TA_CENTER
            ),
            "warning": ParagraphStyle(
                "warning",
                parent=base,
                fontName=fonts.BASE_BOLD,
                textColor=colors.HexColor("#B00020"),
            ),
            # Data-quality notices: set apart, in a calm colour, never severity red.
            "dq_head": ParagraphStyle(
                "dq_head",
                parent=base,
                fontName=fonts.BASE_BOLD,
                fontSize=8.5,
                leading=11,
                textColor=DATA_QUALITY_COLOUR,
                spaceBefore=2,
            ),
            "dq": ParagraphStyle(
                "dq",
                parent=base,
                leftIndent=8,
                backColor=DATA_QUALITY_BACKGROUND,
                borderPadding=(1, 2, 1, 2),
            ),
            "dq_small": ParagraphStyle(
                "dq_small",
                parent=base,
                fontSize=7.5,
                leading=9.5,
                leftIndent=8,
                backColor=DATA_QUALITY_BACKGROUND,
                borderPadding=(1, 2, 1, 2),
            ),
        }

    def tr(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    def p(self, text: object, style: str = "base", *, bold: bool = False) -> Paragraph:
        """A paragraph of user text. Only text with Arabic is shaped: ReportLab shapes a
        whole word in its first font, which would garble a word like ``行驶证_LVV….png``."""
        chosen = self.styles[style]
        if text is not None and fonts.has_rtl(str(text)):
            # Arabic is shaped; text that is Arabic only also reads from the right edge.
            align = TA_RIGHT if not re.search(r"[A-Za-zА-Яа-я]", str(text)) else chosen.alignment
            chosen = ParagraphStyle(f"{style}-rtl", parent=chosen, shaping=1, alignment=align)
        return Paragraph(markup(text, bold=bold), chosen)

    # --- page decoration --------------------------------------------------------------------

    def decorate(self, canvas: rl_canvas.Canvas, page: int, total: int) -> None:
        """Header and footer of every page: reference, running number, page of pages,
        generation time, DRAFT, and the out-of-date band when findings are out of date."""
        report = self.report
        ref = report.case["reference"]
        width, height = A4
        canvas.saveState()
        canvas.setFillColor(colors.black)
        canvas.setFont(fonts.BASE_BOLD, 8)
        canvas.drawString(MARGIN, height - 11 * mm, ref)
        canvas.setFont(fonts.BASE, 8)
        canvas.drawRightString(width - MARGIN, height - 11 * mm, f"{ref}-{page:04d}")
        canvas.setStrokeColor(colors.grey)
        canvas.line(MARGIN, height - 12.5 * mm, width - MARGIN, height - 12.5 * mm)
        canvas.line(MARGIN, 13 * mm, width - MARGIN, 13 * mm)
        stamp = report.generated_at.strftime("%Y-%m-%d %H:%M UTC")
        canvas.drawString(MARGIN, 9 * mm, f"{self.tr('generated')}: {stamp}")
        canvas.drawCentredString(width / 2, 9 * mm, self.tr("page_of", n=page, m=total))
        canvas.drawRightString(width - MARGIN, 9 * mm, f"{ref}-{page:04d}")
        if report.draft:
            canvas.setFillColor(colors.HexColor("#B00020"))
            canvas.setFont(fonts.BASE_BOLD, 8)
            canvas.drawCentredString(width / 2, height - 11 * mm, self.tr("draft"))
        if report.stale:
            self.out_of_date_band(canvas)
        canvas.restoreState()

    def out_of_date_band(self, canvas: rl_canvas.Canvas) -> None:
        """A red band under the header line: FINDINGS OUT OF DATE, not the hearing version."""
        width, height = A4
        canvas.setFillColor(OUT_OF_DATE_COLOUR)
        canvas.rect(MARGIN, height - 16.6 * mm, width - 2 * MARGIN, 3.6 * mm, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont(fonts.BASE_BOLD, 7.5)
        text = f"{self.tr('out_of_date_banner')} ({len(self.report.stale)} VIN)"
        canvas.drawCentredString(width / 2, height - 15.5 * mm, text)

    def watermark(self, canvas: rl_canvas.Canvas, _doc: object) -> None:
        """DRAFT across the page (and FINDINGS OUT OF DATE under it when they are), drawn
        first so the text stays on top of it."""
        if not self.report.draft:
            return
        width, height = A4
        canvas.saveState()
        canvas.setFillColor(colors.Color(0.9, 0.9, 0.9))
        canvas.setFont(fonts.BASE_BOLD, 96)
        canvas.translate(width / 2, height / 2)
        canvas.rotate(45)
        canvas.drawCentredString(0, -30, self.tr("draft"))
        if self.report.stale:
            canvas.setFillColor(colors.Color(0.98, 0.86, 0.86))
            canvas.setFont(fonts.BASE_BOLD, 34)
            canvas.drawCentredString(0, -80, self.tr("out_of_date"))
        canvas.restoreState()

    # --- tables -----------------------------------------------------------------------------

    def table(self, head: list[str], rows: list[list[Any]], widths: list[float]) -> Flowable:
        """A table whose header row repeats on every page; cells wrap. No rows: says so."""
        if not rows:
            return self.p(self.tr("none_recorded"), "small")
        data = [[self.p(h, "cell_head") for h in head]]
        for row in rows:
            data.append([c if isinstance(c, Flowable) else self.p(c, "cell") for c in row])
        total = sum(widths)
        # A cell taller than a page (a long note, a long text as written) splits across
        # pages instead of failing the whole file.
        table = Table(
            data,
            colWidths=[self.width * w / total for w in widths],
            repeatRows=1,
            splitInRow=1,
        )
        table.setStyle(
            TableStyle(
                [
                    # Tables set a cell font even around paragraphs: keep it ours, not Helvetica.
                    ("FONT", (0, 0), (-1, -1), fonts.BASE, 7.5),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8ECF2")),
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9AA4B2")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        return table

    def fields(self, pairs: list[tuple[str, object]]) -> Table:
        rows = [
            [self.p(k, "cell", bold=True), self.p(v if v not in (None, "") else "—", "cell")]
            for k, v in pairs
        ]
        table = Table(rows, colWidths=[self.width * 0.3, self.width * 0.7], splitInRow=1)
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), fonts.BASE, 7.5),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                ]
            )
        )
        return table

    # --- the story --------------------------------------------------------------------------

    def heading(self, key: str, level: int = 0) -> _Heading:
        return _Heading(self.tr(key), self.styles["h1" if level == 0 else "h2"], key, level)

    def cover(self) -> list[Flowable]:
        c = self.report.case
        story: list[Flowable] = [
            Spacer(1, 30 * mm),
            self.p(self.tr("case_file"), "subtitle"),
            self.p(c["reference"], "title"),
            self.p(c["title"], "subtitle", bold=True),
            Spacer(1, 14 * mm),
            self.fields(
                [
                    (self.tr("jurisdiction"), c["jurisdiction"]),
                    (self.tr("status"), status_text(c["status"], self.lang)),
                    (self.tr("closing_reason"), c["closing_reason"]),
                    (self.tr("priority"), c["priority"]),
                    (self.tr("inspector"), c.get("inspector_label")),
                    *self.review_fields(),
                    (self.tr("hearing_date"), c["hearing_date"]),
                    (self.tr("hearing_reference"), c["hearing_reference"]),
                    (self.tr("legal_deadline"), c["legal_deadline"]),
                    (
                        self.tr("generated"),
                        self.report.generated_at.strftime("%Y-%m-%d %H:%M:%S UTC"),
                    ),
                    (self.tr("app_version"), f"ZeroMile Case Desk {self.report.app_version}"),
                ]
            ),
        ]
        if self.report.draft:
            story += [Spacer(1, 8 * mm), self.p(self.tr("draft_note"), "warning")]
        story += self.review_notes()
        story += self.out_of_date_notice()
        return [*story, PageBreak()]

    # --- the review (cover rows and the closing page) -------------------------------------------

    def review_fields(self) -> list[tuple[str, object]]:
        """Who prepared the case, who approved it and when, and the content hash."""
        r = self.report.review
        approved = r["state"] == "approved"
        at = r["approved_at"].strftime("%Y-%m-%d %H:%M:%S UTC") if r["approved_at"] else None
        return [
            (self.tr("review_state"), self.tr(f"review_{r['state']}")),
            (self.tr("prepared_by"), r["prepared_by"]),
            (self.tr("approved_by"), r["approved_by"] if approved else None),
            (self.tr("approved_at"), at if approved else None),
            (self.tr("content_hash"), r["content_hash"] if approved else None),
        ]

    def review_notes(self) -> list[Flowable]:
        """A voided approval, said plainly; and that no server enforced a SQLite review."""
        r = self.report.review
        notes: list[Flowable] = []
        if r["state"] == "voided" and r["approved_at"] is not None:
            text = self.tr(
                "approval_voided",
                at=r["approved_at"].strftime("%Y-%m-%d %H:%M UTC"),
                voided_at=r["voided_at"].strftime("%Y-%m-%d %H:%M UTC"),
                changes=r["voided_changes"] or "",
            )
            notes += [Spacer(1, 4 * mm), self.p(text, "warning")]
        if r.get("intact") is False:
            notes += [Spacer(1, 4 * mm), self.p(self.tr("approval_mismatch"), "warning")]
        if r["single_workstation"] and r["state"] != "none":
            notes += [Spacer(1, 4 * mm), self.p(self.tr("single_workstation"), "small")]
        return notes

    def review_page(self) -> list[Flowable]:
        """The closing page: the review as recorded, with the acknowledged findings."""
        r = self.report.review
        at = r["approved_at"].strftime("%Y-%m-%d %H:%M:%S UTC") if r["approved_at"] else None
        story: list[Flowable] = [
            PageBreak(),
            self.heading("review"),
            self.fields(
                [
                    (self.tr("review_state"), self.tr(f"review_{r['state']}")),
                    (self.tr("prepared_by"), r["prepared_by"]),
                    (self.tr("approved_by"), r["approved_by"]),
                    (self.tr("approved_at"), at),
                    (self.tr("approval_comment"), r["comment"]),
                    (self.tr("content_hash"), r["content_hash"]),
                ]
            ),
        ]
        if r["state"] not in ("approved", "voided"):
            story += [Spacer(1, 3 * mm), self.p(self.tr("not_approved"), "warning")]
        if r["acknowledged"]:
            story += [
                Spacer(1, 4 * mm),
                self.p(self.tr("acknowledged"), bold=True),
                self.table(
                    ["ID", "Rule", "VIN", self.tr("title")],
                    [
                        [a["finding_id"], a["rule_id"], a["vin"], a["title_en"]]
                        for a in r["acknowledged"]
                    ],
                    [14 * mm, 28 * mm, 40 * mm, 88 * mm],
                ),
            ]
        story += self.review_notes()
        return story

    def out_of_date_notice(self) -> list[Flowable]:
        """On the cover: that findings are out of date, for which vehicles (the first
        ``COVER_VINS``; the summary lists all), and that this is not the hearing version."""
        stale = self.report.stale
        if not stale:
            return []
        shown = ", ".join(stale[:COVER_VINS])
        if len(stale) > COVER_VINS:
            shown += " " + self.tr("out_of_date_more", n=len(stale) - COVER_VINS)
        return [
            Spacer(1, 4 * mm),
            self.p(f"⚠ {self.tr('out_of_date_note', n=len(stale))}", "warning"),
            Spacer(1, 1 * mm),
            self.p(f"{self.tr('out_of_date_vehicles')}: {shown}", "base"),
        ]

    def summary(self) -> list[Flowable]:
        """Counts of vehicles, findings by severity and by rule. Data-quality notices are
        counted apart: they flag no vehicle and carry no accusation."""
        every = self.report.findings()
        findings = [f for f in every if not is_data_quality(f)]
        notices = [f for f in every if is_data_quality(f)]
        by_severity = Counter(f["severity"] for f in findings)
        flagged = {f["vin"] for f in findings}
        facts = [
            (
                self.tr("vehicles"),
                f"{len(self.report.vehicles)} ({self.tr('flagged', n=len(flagged))})",
            ),
            (self.tr("shipments"), len(self.report.shipments)),
            (self.tr("exhibits"), len(self.report.exhibits)),
            (self.tr("findings"), len(findings)),
            (self.tr("data_quality_notices"), len(notices)),
        ]
        severity_rows = [[self.tr(s), by_severity.get(s, 0)] for s in ("high", "medium", "info")]
        rules = Counter(f["rule"] for f in every)
        dq_label = self.tr("data_quality_short")
        rule_rows = [
            [f"{r} ({dq_label})" if r.startswith("DQ-") else r, n] for r, n in sorted(rules.items())
        ]
        return [
            self.heading("summary"),
            *self.out_of_date_table(),
            self.fields(facts),
            Spacer(1, 4 * mm),
            self.heading("findings_by_severity", 1),
            self.table([self.tr("severity"), self.tr("findings")], severity_rows, [3, 1]),
            Spacer(1, 4 * mm),
            self.heading("key_facts", 1),
            self.table([self.tr("rule"), self.tr("findings")], rule_rows, [3, 1]),
        ]

    def out_of_date_table(self) -> list[Flowable]:
        """Every vehicle whose findings are out of date, with why (only in such a draft)."""
        if not self.report.stale:
            return []
        rows = [
            [
                v["vin"],
                ", ".join(stale_reason_text(r, self.lang) for r in v["findings_out_of_date"]),
            ]
            for v in self.report.out_of_date()
        ]
        return [
            self.p(f"⚠ {self.tr('out_of_date_note', n=len(self.report.stale))}", "warning"),
            Spacer(1, 2 * mm),
            self.heading("out_of_date_vehicles", 1),
            self.table([self.tr("vin"), self.tr("out_of_date_why")], rows, [3, 5]),
            Spacer(1, 4 * mm),
        ]

    def parties(self) -> list[Flowable]:
        rows = [
            [p["name"], p["kind"], p["country"], ", ".join(p["roles"])] for p in self.report.parties
        ]
        return [
            self.heading("parties"),
            self.table(
                [self.tr("name"), self.tr("kind"), self.tr("country"), self.tr("roles")],
                rows,
                [5, 2, 1, 2],
            ),
        ]

    def shipments_and_vehicles(self) -> list[Flowable]:
        ships = [
            [
                s["declaration_no"],
                s["shipment_ref"],
                s["border_post"],
                s["carrier"],
                s["transport_id"],
                s["arrival_date"],
            ]
            for s in self.report.shipments
        ]
        cars = [
            [
                self.vin_cell(v),
                f"{v['make'] or ''} {v['model'] or ''}".strip(),
                self.written_value(v, "model_year"),
                self.written_value(v, "odometer_km"),
                self.written_value(v, "first_registration_date"),
                v["declared_condition"],
                self.written_value(
                    v, "declared_value", f"{v['declared_value'] or ''} {v['currency'] or ''}"
                ),
            ]
            for v in self.report.vehicles
        ]
        return [
            self.heading("shipments_vehicles"),
            self.heading("shipments", 1),
            self.table(
                [
                    self.tr(k)
                    for k in (
                        "declaration_no",
                        "shipment_ref",
                        "border_post",
                        "carrier",
                        "transport_id",
                        "arrival",
                    )
                ],
                ships,
                [3, 2, 2, 3, 2, 1.5],
            ),
            self.heading("vehicles", 1),
            self.table(
                [
                    self.tr(k)
                    for k in (
                        "vin",
                        "make_model",
                        "year",
                        "odometer",
                        "first_registration",
                        "condition",
                        "value",
                    )
                ],
                cars,
                [3.2, 2.6, 1, 1.3, 1.6, 1.3, 1.8],
            ),
        ]

    # --- a vehicle as declared ----------------------------------------------------------

    def vin_cell(self, vehicle: dict[str, Any]) -> Paragraph:
        """The VIN; a malformed one marked, and the VIN as declared where it differs."""
        text = markup(vehicle["vin"])
        if vehicle.get("vin_problem"):
            colour = OUT_OF_DATE_COLOUR.hexval()[2:]
            text += (
                f'<br/><font color="#{colour}"><b>{markup("⚠ " + self.tr("malformed"))}</b></font>'
            )
        declared = vehicle.get("vin_declared")
        if declared and declared != vehicle["vin"]:
            text += f"<br/>{markup(self.tr('vin_declared'))}: {markup(repr(declared))}"
        return Paragraph(text, self.styles["cell"])

    def written_value(self, vehicle: dict[str, Any], column: str, shown: object = None) -> object:
        """A table cell: the stored value, and the text as written where it was kept (its
        first ``TABLE_TEXT`` characters; the vehicle's block prints all of it)."""
        value = vehicle[column] if shown is None else shown
        kept = self.kept_text(vehicle, column)
        if kept is None:
            return value
        written = f"{self.tr('written')} {self.clip(kept['text'], TABLE_TEXT, quoted=True)}"
        base = markup(value if str(value or "").strip() else "—")
        return Paragraph(
            f'{base}<br/><font size="6.5"><i>{markup(written)}</i></font>', self.styles["cell"]
        )

    def clip(self, text: object, limit: int, *, quoted: bool = False) -> str:
        """``text`` cut to ``limit`` characters, saying how many more there are (after
        the closing quote when ``quoted``)."""
        raw = str(text)
        shown = raw[:limit]
        shown = repr(shown) if quoted else shown
        return shown if len(raw) <= limit else shown + self.tr("clipped", n=len(raw) - limit)

    @staticmethod
    def kept_text(vehicle: dict[str, Any], column: str) -> dict[str, Any] | None:
        for cell in vehicle.get("declared_text") or []:
            if cell["column"] == column:
                return dict(cell)
        return None

    def as_written(self, vehicle: dict[str, Any]) -> list[Flowable]:
        """The declaration's texts kept with the vehicle, and the file row it came from."""
        story: list[Flowable] = []
        cells = vehicle.get("declared_text") or []
        if cells:
            parts = [written_cell_text(c, vehicle.get(c["column"]), self.lang) for c in cells]
            story.append(self.p(f"{self.tr('as_written')}: " + "; ".join(parts), "small"))
        source = vehicle.get("source")
        if source:
            where = self.tr(
                "source_at",
                file=self.report.source_file(source["sha256"]) or "?",
                row=source["row"],
                sha=f"{source['sha256'][:16]}…",
            )
            story.append(self.p(f"{self.tr('source_row')}: {where}", "small"))
        return story

    # --- findings ---------------------------------------------------------------------------

    def findings(self) -> list[Flowable]:
        """Per vehicle: its heading, what was declared, its data-quality notices (before
        the findings they may weaken), then its findings."""
        # keepWithNext does not reach into a KeepTogether: the heading joins the first one.
        story: list[Flowable] = []
        lead_in: list[Flowable] = [self.heading("findings_per_vehicle")]
        for vehicle in self.report.vehicles:
            story += self.vehicle_findings(vehicle, lead_in=lead_in)
            lead_in = []
        return story or lead_in

    def vehicle_findings(
        self, vehicle: dict[str, Any], *, lead_in: Sequence[Flowable] = ()
    ) -> list[Flowable]:
        """One vehicle's block; ``lead_in`` (a section heading) stays with its start."""
        head = [*lead_in, *self.vehicle_heading(vehicle)]
        notices = [f for f in vehicle["findings"] if is_data_quality(f)]
        findings = [f for f in vehicle["findings"] if not is_data_quality(f)]
        parts: list[list[Flowable]] = []
        if notices:
            parts.append(
                [
                    self.p(f"{self.tr('data_quality')}", "dq_head"),
                    self.p(self.tr("data_quality_note"), "dq_small"),
                    Spacer(1, 1 * mm),
                ]
            )
            parts += [self.finding(f, data_quality=True) for f in notices]
            parts.append([Spacer(1, 1.5 * mm)])
        if not findings:
            empty = "no_other_findings" if notices else "no_findings"
            parts.append([self.p(self.tr(empty), "small")])
        parts += [self.finding(f) for f in findings]
        # The heading stays with its first finding (or its first notice and their label).
        lead_parts = 2 if notices else 1
        lead = [*head, *[x for part in parts[:lead_parts] for x in part]]
        return [KeepTogether(lead), *[KeepTogether(part) for part in parts[lead_parts:]]]

    def vehicle_heading(self, vehicle: dict[str, Any]) -> list[Flowable]:
        """The vehicle's title line, its VIN problem, whether its findings are out of
        date, and what the declaration said."""
        title = f"{vehicle['vin']} — {vehicle['make'] or ''} {vehicle['model'] or ''}".strip()
        story: list[Flowable] = [self.p(title, "h2")]
        if vehicle.get("vin_problem"):
            problem = self.vin_problem(vehicle)
            story.append(self.p(f"⚠ {self.tr('malformed_vin')}: {problem}", "warning"))
        declared = vehicle.get("vin_declared")
        if declared and declared != vehicle["vin"]:
            story.append(self.p(f"{self.tr('vin_declared')}: {declared!r}", "small"))
        if vehicle["findings_out_of_date"]:
            why = ", ".join(
                stale_reason_text(r, self.lang) for r in vehicle["findings_out_of_date"]
            )
            story.append(self.p(f"⚠ {self.tr('out_of_date')}: {why}", "warning"))
        return [*story, *self.as_written(vehicle)]

    def vin_problem(self, vehicle: dict[str, Any]) -> str:
        """What is wrong with a malformed VIN, in the report's language: the VIN-FORMAT
        finding's explanation where it has one, else the check's own (English) words."""
        if self.lang == "ru":
            for f in vehicle["findings"]:
                if f["rule"] == "VIN-FORMAT" and f.get("explanation_ru"):
                    return str(f["explanation_ru"])
        return str(vehicle["vin_problem"])

    def finding(self, f: dict[str, Any], *, data_quality: bool = False) -> list[Flowable]:
        """One finding: rule, severity and title, explanation, basis, and the pack version
        with the date that chose it. A data-quality notice is set apart, never in red."""
        title = f["title_ru"] if self.lang == "ru" else f["title"]
        explanation = f["explanation_ru"] if self.lang == "ru" else f["explanation"]
        if data_quality:
            colour = DATA_QUALITY_COLOUR.hexval()[2:]
            label = (
                f"{markup(f['rule'])} · {markup(self.tr('data_quality_short'))}"
                f" · {markup(self.tr(f['severity']))}"
            )
        else:
            colour = SEVERITY_COLOURS.get(f["severity"], colors.black).hexval()[2:]
            label = f"{markup(f['rule'])} · {markup(self.tr(f['severity']))}"
        head = f'<font color="#{colour}"><b>{label}</b></font> {markup(title)}'
        style, small = ("dq", "dq_small") if data_quality else ("base", "small")
        lines: list[Flowable] = [Paragraph(head, self.styles[style]), self.p(explanation, small)]
        if not f["confirmed"]:
            lines.append(self.p(f"⚠ {self.tr('basis_not_confirmed')}", "warning"))
        basis_text = f["basis_ru"] if self.lang == "ru" else f["basis"]
        lines += [
            self.p(f"{self.tr('basis')}: {basis_text} ({f['citation']})", small),
            self.p(self.pack_line(f), small),
            Spacer(1, 2 * mm),
        ]
        return lines

    def pack_line(self, f: dict[str, Any]) -> str:
        """``Rule pack: generic 1.0.0, chosen by import date 2026-02-15 · sha256 … · …``."""
        chosen = ""
        if f.get("version_date"):
            key = (
                "version_by_evaluation"
                if f.get("version_date_basis") == "evaluation_date"
                else "version_by_import"
            )
            chosen = f", {self.tr(key, date=f['version_date'])}"
        return (
            f"{self.tr('pack')}: {f['pack']} {f['pack_version']}{chosen} · "
            f"sha256 {f['pack_hash'][:16]}… · {self.tr('evaluated')} {f['evaluated_at']}"
        )

    def not_evaluable(self) -> list[Flowable]:
        rows = [
            [
                v["vin"],
                n["rule"],
                ", ".join(m.replace("|", " / ") for m in n["missing"]),
                (n.get("explanation_ru") if self.lang == "ru" else n.get("explanation")) or "",
            ]
            for v in self.report.vehicles
            for n in v.get("not_evaluable", [])
        ]
        return [
            self.heading("not_evaluable"),
            self.p(self.tr("not_evaluable_intro"), "small"),
            Spacer(1, 2 * mm),
            self.table(
                [self.tr("vin"), self.tr("rule"), self.tr("missing"), self.tr("reason")],
                rows,
                [3, 2, 4, 5],
            ),
        ]

    def imports(self) -> list[Flowable]:
        """Each declaration file imported, with its validation report: the bad cells (left
        unknown, their text kept with the vehicle) and the warnings."""
        story: list[Flowable] = [self.heading("imports")]
        if not self.report.imports:
            story.append(self.p(self.tr("none_recorded"), "small"))
        for record in self.report.imports:
            story += self.import_record(record)
        return story

    def import_record(self, record: dict[str, Any]) -> list[Flowable]:
        exhibit = self.report.exhibit_number(record.get("evidence_id"))
        ref = self.report.case["reference"]
        title = str(record["file"])
        if exhibit is not None:
            title += f" — {self.tr('exhibit_no')} {ref}-E{exhibit:04d}"
        counts = self.tr(
            "import_summary",
            rows=record["rows"],
            added=record["vehicles_added"],
            skipped=record["rows_already_imported"],
            without_vin=record["rows_without_vin"],
            bad=record["bad_cells"],
        )
        report = record.get("report") or {}
        cells = [
            [
                c.get("row"),
                c.get("column"),
                self.clip(c.get("value"), REPORT_VALUE, quoted=True),
                self.clip(c.get("message"), REPORT_MESSAGE),
            ]
            for c in report.get("cells", [])
        ]
        story: list[Flowable] = [
            self.p(title, "base", bold=True),
            self.p(f"sha256 {record['sha256']} · {record['at']}", "small"),
            self.p(counts, "small"),
            Spacer(1, 1 * mm),
        ]
        if cells:
            story.append(
                self.table(
                    [self.tr(k) for k in ("row", "column", "raw_value", "reason")],
                    cells,
                    [1, 2.5, 3, 6],
                )
            )
        warnings = report.get("warnings", [])
        if warnings:
            story.append(self.p(f"{self.tr('warnings')}:", "small", bold=True))
            story += [self.p(f"• {self.clip(w, REPORT_MESSAGE)}", "small") for w in warnings]
        return [*story, Spacer(1, 3 * mm)]

    def exhibits(self) -> list[Flowable]:
        ref = self.report.case["reference"]
        rows = []
        for ex in self.report.exhibits:
            r = ex.row
            number = f"{ref}-E{r['exhibit']:04d}"
            if r["status"] == "withdrawn":
                number += f" ({self.tr('withdrawn')}: {r['withdrawn_reason']})"
            obtained = ", ".join(
                str(x) for x in (r["source"], r["obtained_date"], r["obtained_by"]) if x
            )
            rows.append(
                [
                    number,
                    r["description"] or "",
                    r["kind"] or "",
                    r["original_name"],
                    f"{r['size']:,}",
                    Paragraph(
                        f'<font name="{fonts.BASE}" size="6">{r["sha256"]}</font>',
                        self.styles["cell"],
                    ),
                    obtained,
                ]
            )
        story: list[Flowable] = [
            self.heading("exhibits"),
            self.table(
                [
                    self.tr(k)
                    for k in (
                        "exhibit_no",
                        "description",
                        "kind",
                        "original_name",
                        "size",
                        "sha256",
                        "obtained",
                    )
                ],
                rows,
                [2.2, 2.6, 1.6, 2, 1.2, 2.6, 2.4],
            ),
        ]
        images = [ex for ex in self.report.exhibits if ex.is_image]
        if images:
            story.append(self.heading("exhibit_images", 1))
        for ex in images:
            story.append(
                KeepTogether(
                    [
                        self.p(
                            f"{ref}-E{ex.row['exhibit']:04d}: {ex.row['original_name']}",
                            "small",
                            bold=True,
                        ),
                        self.exhibit_image(ex),
                        Spacer(1, 4 * mm),
                    ]
                )
            )
        return story

    def exhibit_image(self, exhibit: Exhibit) -> Flowable:
        """The picture of an image exhibit, or a placeholder saying why it is not drawn."""
        if exhibit.image is None:
            return self.image_placeholder(exhibit, images.too_big_file(case_data.IMAGE_LIMIT))
        prepared = images.prepare(exhibit.image)
        if isinstance(prepared, images.NotRendered):
            return self.image_placeholder(exhibit, prepared)
        return self.image(prepared)

    def image(self, picture: images.Drawable) -> Flowable:
        """An image exhibit scaled to the text width (at most 110 mm high)."""
        w, h = picture.width, picture.height
        scale = min(self.width / w, 110 * mm / h)
        return Image(io.BytesIO(picture.jpeg), width=w * scale, height=h * scale)

    def image_placeholder(self, exhibit: Exhibit, why: images.NotRendered) -> Flowable:
        """A framed box in place of a picture: file name, SHA-256, and "could not be
        rendered: reason" (the decoder's own words after it)."""
        reason = self.tr(why.reason, **why.values)
        if why.detail:
            reason += f" ({why.detail})"
        lines = [
            self.p(f"⚠ {self.tr('image_not_rendered', reason=reason)}", "warning"),
            self.p(f"{self.tr('file')}: {exhibit.row['original_name']}", "small"),
            self.p(f"{self.tr('sha256')}: {exhibit.row['sha256']}", "small"),
            self.p(self.tr("image_placeholder_note"), "small"),
        ]
        box = Table([[lines]], colWidths=[self.width], splitInRow=1)
        box.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), 0.8, OUT_OF_DATE_COLOUR),
                    ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#FBEFEF")),
                    ("LEFTPADDING", (0, 0), (-1, -1), 6),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 4),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        return box

    def custody(self) -> list[Flowable]:
        rows = [
            [
                c["at"][:16].replace("T", " "),
                c["item"],
                c["from"],
                c["to"],
                c["place"],
                c["purpose"],
                c["seal_number"],
            ]
            for c in self.report.custody
        ]
        return [
            self.heading("custody"),
            self.table(
                [self.tr(k) for k in ("at", "item", "from", "to", "place", "purpose", "seal")],
                rows,
                [1.6, 2.6, 2, 2, 1.8, 1.8, 1.3],
            ),
        ]

    def diary(self) -> list[Flowable]:
        rows = [[n["at"][:16].replace("T", " "), n["author"], n["text"]] for n in self.report.notes]
        return [
            self.heading("diary"),
            self.table([self.tr("at"), self.tr("author"), self.tr("text")], rows, [1.5, 2, 6]),
        ]

    def audit(self) -> list[Flowable]:
        rows = []
        for e in self.report.audit:
            change = e["field"] or ""
            if e["action"] in ("update", "db_update"):
                change += f": {e['old_value']} → {e['new_value']}"
            elif e["new_value"] is not None:
                change += f" = {e['new_value']}"
            elif e["old_value"] is not None:
                change += f" {e['old_value']}"
            item = f"{e['action']} {e['entity']} {e['entity_label'] or ''}"
            if e.get("direct"):
                item = f"{self.tr('changed_outside')}: {item}"
            rows.append(
                [
                    e["at"][:19].replace("T", " "),
                    e["actor"],
                    item,
                    change,
                    e["reason"] or "",
                ]
            )
        return [
            self.heading("audit"),
            self.table(
                [self.tr(k) for k in ("at", "actor", "item", "change", "reason")],
                rows,
                [1.6, 1.8, 2.2, 3.6, 1.6],
            ),
        ]

    def integrity(self) -> list[Flowable]:
        def line(kind: str, label: str) -> tuple[str, str]:
            check = self.report.checks.get(kind)
            if check is None:
                return label, self.tr("never_checked")
            when = check["at"].strftime("%Y-%m-%d %H:%M:%S UTC")
            result = (
                self.tr("check_ok", n=check["checked"])
                if check["ok"]
                else self.tr("check_failed", failures=check["failures"])
            )
            return label, f"{when}: {result}"

        return [
            self.heading("integrity"),
            self.fields(
                [line("evidence", self.tr("evidence_check")), line("audit", self.tr("audit_check"))]
            ),
            Spacer(1, 3 * mm),
            self.p(self.tr("integrity_note"), "small"),
        ]

    def story(self) -> list[Flowable]:
        return [
            *self.cover(),
            *self.summary(),
            *self.parties(),
            *self.shipments_and_vehicles(),
            *self.imports(),
            *self.findings(),
            *self.not_evaluable(),
            *self.exhibits(),
            *self.custody(),
            *self.diary(),
            *self.audit(),
            *self.integrity(),
            *self.review_page(),
        ]

    def build(self, out: BinaryIO) -> None:
        c = self.report.case
        doc = _Document(
            out,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=17 * mm,
            bottomMargin=17 * mm,
            title=f"{c['reference']}: {c['title']}",
            author=c.get("inspector_label") or "ZeroMile Case Desk",
            subject=f"{self.tr('case_file')} {c['reference']} ({c['jurisdiction']})",
            creator=f"ZeroMile Case Desk {self.report.app_version}",
            keywords=["ZeroMile", c["reference"], c["jurisdiction"]],
            lang=self.lang,
            # Without this every page's preamble names Helvetica, a base-14 font.
            initialFontName=fonts.BASE,
            initialFontSize=9,
        )
        doc.build(
            self.story(),
            onFirstPage=self.watermark,
            onLaterPages=self.watermark,
            canvasmaker=_numbered_canvas(self.decorate),
        )


def write_pdf(report: CaseReport, out: BinaryIO, *, lang: str) -> None:
    CasePdfBuilder(report, lang=lang).build(out)
