"""The Findings room of a case: every vehicle's findings with their explanation and legal
basis, data-quality findings grouped apart, the facts still to collect, and a banner when
findings are out of date (with the one button that runs the rules).

Shows what core says (``core.services.views`` case detail); decides nothing itself.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui import labels, palette
from gui.i18n import report_language
from gui.widgets import SEVERITY_COLOURS, tint, warning_icon

ATTENTION_COLOUR = palette.ATTENTION_TEXT
STALE_BACKGROUND = palette.STALE_BACKGROUND
#: Vehicles whose findings are added to the tree per event-loop turn.
FINDINGS_PER_TURN = 10
#: Out-of-date vehicles named in the banner (the rest are counted).
STALE_LISTED = 8
#: Rule ids of the data-quality findings start so (rules.md, "Data quality").
DATA_QUALITY_PREFIX = "DQ-"
DATA_QUALITY_COLOUR = "#E8EAF0"


class FindingsTab(QWidget):
    """The findings of the case on show. ``run_rules`` asks for a rules run;
    ``out_of_date(text)`` says whether findings are out of date (the tab's tool tip;
    empty when they are current)."""

    run_rules = Signal()
    out_of_date = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._findings_batch = 0
        self.findings = QTreeWidget()
        self.findings.setHeaderLabels(
            [self.tr("Vehicle / rule"), self.tr("Severity"), self.tr("Explanation")]
        )
        self.findings.setColumnWidth(0, 260)
        self.findings.currentItemChanged.connect(self._show_finding)
        # The selected finding in full: explanation, legal basis, citation, confirmation.
        self.finding_detail = QTextBrowser()
        self.finding_detail.setOpenLinks(False)
        self.finding_detail.setPlaceholderText(
            self.tr("Select a finding to read its explanation and legal basis.")
        )
        self.run_button = QPushButton(self.tr("&Run the rules"))
        self.run_button.clicked.connect(self.run_rules)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.findings)
        split.addWidget(self.finding_detail)
        split.setSizes([420, 200])
        layout = QVBoxLayout(self)
        layout.addWidget(self._stale_banner())
        layout.addWidget(split)
        layout.addWidget(self.run_button)

    def _stale_banner(self) -> QFrame:
        """Out-of-date findings: what core says, with the one action that makes them current."""
        self.stale_banner = QFrame()
        self.stale_banner.setObjectName("findings-out-of-date")
        self.stale_banner.setFrameShape(QFrame.Shape.StyledPanel)
        tint(self.stale_banner, STALE_BACKGROUND)
        self.stale_label = QLabel()
        self.stale_label.setWordWrap(True)
        self.stale_label.setTextFormat(Qt.TextFormat.PlainText)
        self.stale_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.stale_button = QPushButton(self.tr("Run the rules &now"))
        self.stale_button.clicked.connect(self.run_rules)
        stale_row = QHBoxLayout(self.stale_banner)
        stale_row.addWidget(self.stale_label, 1)
        stale_row.addWidget(self.stale_button, 0, Qt.AlignmentFlag.AlignTop)
        self.stale_banner.hide()
        return self.stale_banner

    def set_actions_enabled(self, enabled: bool) -> None:
        self.run_button.setEnabled(enabled)
        self.stale_button.setEnabled(enabled)

    def show_stale(self, stale: list[dict[str, Any]]) -> None:
        """The banner over the findings: which vehicles' findings are out of date, and why."""
        if not stale:
            self.stale_banner.hide()
            self.stale_label.clear()
            self.out_of_date.emit("")
            return
        lines = [self.tr("Findings out of date: run the rules.")]
        lines.append(
            self.tr(
                "The findings of {0} vehicle(s) no longer match what they were computed "
                "from; the case cannot be made ready for a hearing or exported until the "
                "rules run again."
            ).format(len(stale))
        )
        lines += [f"• {s['vin']}: {labels.reasons(s['reasons'])}" for s in stale[:STALE_LISTED]]
        if len(stale) > STALE_LISTED:
            lines.append(self.tr("… and {0} more.").format(len(stale) - STALE_LISTED))
        self.stale_label.setText("\n".join(lines))
        self.stale_banner.show()
        self.out_of_date.emit(self.tr("Findings out of date: run the rules."))

    def show_findings(self, vehicles: list[dict[str, Any]]) -> None:
        """Fill the findings tree a few vehicles per event-loop turn: a case of hundreds
        of vehicles must not hold up the window while its items are made."""
        self.findings.clear()
        self.finding_detail.clear()  # never the last case's finding under this one's list
        self._findings_batch += 1
        self._add_findings(vehicles, 0, self._findings_batch)

    def _add_findings(self, vehicles: list[dict[str, Any]], start: int, batch: int) -> None:
        if batch != self._findings_batch:
            return  # another case (or a newer load) replaced this one
        suffix = "_ru" if report_language() == "ru" else ""  # core keeps both languages
        end = min(start + FINDINGS_PER_TURN, len(vehicles))
        for vehicle in vehicles[start:end]:
            parent = QTreeWidgetItem(
                [f"{vehicle['vin']}  {vehicle['make'] or ''} {vehicle['model'] or ''}"]
            )
            self._mark_vehicle(parent, vehicle)
            found = vehicle.get("findings", [])
            quality = [f for f in found if f["rule"].startswith(DATA_QUALITY_PREFIX)]
            for f in found:
                if f not in quality:
                    parent.addChild(self._finding_item(f, suffix))
            if quality:  # doubtful facts, beside the findings they may weaken
                group = QTreeWidgetItem(
                    [
                        self.tr("Data quality ({0})").format(len(quality)),
                        "",
                        self.tr("Doubtful facts of the declaration; they accuse no one."),
                    ]
                )
                font = group.font(0)
                font.setItalic(True)
                for column in range(3):
                    group.setFont(column, font)
                    group.setBackground(column, QColor(DATA_QUALITY_COLOUR))
                for f in quality:
                    group.addChild(self._finding_item(f, suffix))
                parent.addChild(group)
                group.setExpanded(True)
            for n in vehicle.get("not_evaluable", []):
                missing = ", ".join(
                    " / ".join(labels.field_name(fact) for fact in m.split("|"))
                    for m in n["missing"]
                )
                child = QTreeWidgetItem(
                    [self.tr("{0}: needs facts").format(n["rule"]), "", missing]
                )
                # then core's explanation of why (e.g. "registered unknown: dates out of
                # order (…)", or which pack version applied)
                explanation = n.get(f"explanation{suffix}") or n.get("explanation")
                if explanation:
                    child.setText(2, f"{missing} — {explanation}" if missing else explanation)
                    child.setToolTip(2, child.text(2))
                parent.addChild(child)
            self.findings.addTopLevelItem(parent)
            parent.setExpanded(True)
        if end < len(vehicles):
            QTimer.singleShot(0, self, lambda: self._add_findings(vehicles, end, batch))

    def _mark_vehicle(self, item: QTreeWidgetItem, vehicle: dict[str, Any]) -> None:
        """A vehicle's line says when its findings are out of date or its VIN is malformed."""
        notes = []
        if vehicle.get("findings_out_of_date"):
            notes.append(
                self.tr("findings out of date ({0})").format(
                    labels.reasons(vehicle["findings_out_of_date"])
                )
            )
        if vehicle.get("vin_problem"):
            notes.append(self.tr("VIN recorded as declared: {0}").format(vehicle["vin_problem"]))
        if not notes:
            return
        item.setIcon(0, warning_icon())
        item.setText(2, "; ".join(notes))
        item.setToolTip(0, "; ".join(notes))
        item.setForeground(2, QColor(ATTENTION_COLOUR))
        if vehicle.get("findings_out_of_date"):
            for column in range(3):
                item.setBackground(column, QColor(STALE_BACKGROUND))

    def _finding_item(self, f: dict[str, Any], suffix: str) -> QTreeWidgetItem:
        text = f[f"explanation{suffix}"] or f["explanation"]
        if not f["confirmed"]:
            text = self.tr("[legal basis not confirmed] {0}").format(text)
        title = f[f"title{suffix}"] or f["title"]
        child = QTreeWidgetItem([f"{f['rule']}: {title}", labels.severity(f["severity"]), text])
        child.setToolTip(2, f"{f[f'basis{suffix}'] or f['basis']} ({f['citation']})")
        child.setData(0, Qt.ItemDataRole.UserRole, f)
        colour = SEVERITY_COLOURS.get(f["severity"])
        if colour:
            for column in range(3):
                child.setBackground(column, QColor(colour))
        return child

    def version_date_text(self, finding: dict[str, Any]) -> str:
        """Which date chose the pack version of ``finding``, in words ("" if not recorded)."""
        day, basis = finding.get("version_date"), finding.get("version_date_basis")
        if not day:
            return ""
        if basis == "import_date":
            text = self.tr("Pack version chosen by the import date {0}.").format(day)
        elif basis == "evaluation_date":
            text = self.tr(
                "Import date unknown: the pack version in force on {0} (the day of "
                "evaluation) applied."
            ).format(day)
        else:
            text = self.tr("Pack version chosen by the date {0}.").format(day)
        if finding.get("pack"):
            text += " " + self.tr("Pack {0}, version {1}.").format(
                finding["pack"], finding.get("pack_version") or "?"
            )
        return text

    def _show_finding(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        finding = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if not finding:
            self.finding_detail.clear()
            return
        suffix = "_ru" if report_language() == "ru" else ""

        def text(key: str) -> str:
            return escape(str(finding.get(f"{key}{suffix}") or finding.get(key) or ""))

        basis_label = escape(self.tr("Legal basis:"))
        parts = [
            f"<h3>{escape(finding['rule'])}: {text('title')}</h3><p>{text('explanation')}</p>",
            f"<p><b>{basis_label}</b> {text('basis')}<br>{text('citation')}</p>",
        ]
        if finding["rule"].startswith(DATA_QUALITY_PREFIX):
            note = self.tr(
                "Data quality: a fact of the declaration is doubtful; this accuses no one, "
                "but may weaken the findings that use it."
            )
            parts.insert(1, f"<p><i>{escape(note)}</i></p>")
        version = self.version_date_text(finding)
        if version:
            parts.append(f"<p>{escape(version)}</p>")
        if not finding["confirmed"]:
            warning = self.tr(
                "The legal basis of this rule is not confirmed: check it before relying on "
                "this finding."
            )
            parts.append(f'<p style="color:#8A1C1C"><b>{escape(warning)}</b></p>')
        self.finding_detail.setHtml("".join(parts))
