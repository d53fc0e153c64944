"""The editing forms of a case's records: vehicle and shipment.

Each is a :class:`gui.forms.fields.FieldForm` over the core's field specs, laid out
for people. The vehicle form decodes the VIN as it is typed (``core.vin_decoder``, a
pure function, fast enough for the GUI thread) and shows maker, brands, plausible
model years, country and the check digit right beside the VIN. A malformed VIN is
not refused: the panel says it will be recorded as declared (core records it so and
the rules find ``VIN-FORMAT``).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from core.domain.fields import SHIPMENT_FIELDS, VEHICLE_FIELDS
from core.vin_decoder import VinDecoding, decode_vin
from gui import palette as colours
from gui.forms.fields import FieldForm
from gui.i18n import country_name

VIN_DEBOUNCE_MS = 150
Groups = tuple[tuple[object, tuple[str, ...]], ...]  # QT_TRANSLATE_NOOP gives an object


def _tint(label: QLabel, colour: str | None) -> None:
    """Colour the label's text; ``None`` goes back to the inherited colours."""
    if colour is None:
        label.setPalette(QPalette())
        return
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
    label.setPalette(palette)


class VinInfo(QFrame):
    """What a VIN says about itself: maker and brands, model years, country, check digit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("vin-info")
        self.maker = QLabel(self)
        self.years = QLabel(self)
        self.country = QLabel(self)
        self.check = QLabel(self)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        for label in (self.maker, self.years, self.country, self.check):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            box.addWidget(label)
        self.show_decoding(None)

    def show_decoding(self, decoding: VinDecoding | None) -> None:
        """Show ``decoding``; ``None`` (no VIN typed) hides the panel."""
        self.setVisible(decoding is not None)
        if decoding is None:
            for label in (self.maker, self.years, self.country, self.check):
                label.clear()
            return
        unknown = self.tr("unknown")
        maker = decoding.manufacturer or unknown
        if decoding.brands:
            maker = self.tr("{0} — brands: {1}").format(maker, ", ".join(decoding.brands))
        self.maker.setText(self.tr("Maker: {0}").format(maker))
        self.maker.setToolTip(
            self.tr("Source: {0}; confidence: {1}").format(
                decoding.manufacturer_source or unknown, decoding.confidence or unknown
            )
        )
        years = " / ".join(str(y) for y in decoding.model_years) or unknown
        self.years.setText(self.tr("Model year: {0}").format(years))
        country = country_name(decoding.country) if decoding.country else None
        self.country.setText(self.tr("Country: {0}").format(country or unknown))
        if not decoding.valid_format:  # saved all the same: a vehicle is recorded as declared
            problem = decoding.format_problem or self.tr("not a VIN")
            self.check.setText(
                self.tr("{0}. It will be recorded as declared (finding VIN-FORMAT).").format(
                    problem
                )
            )
            _tint(self.check, colours.ATTENTION_TEXT)
        elif decoding.check_digit_ok is None:
            self.check.setText(self.tr("Check digit: not applicable"))
            _tint(self.check, None)
        elif decoding.check_digit_ok:
            self.check.setText(self.tr("Check digit: ok"))
            _tint(self.check, colours.OK_TEXT)
        else:
            self.check.setText(
                self.tr("Check digit: wrong, expected {0}").format(decoding.check_digit_expected)
            )
            _tint(self.check, colours.FIELD_ERROR_TEXT)

    def text(self) -> str:
        """Everything the panel says, one line per item (tests, accessibility)."""
        labels = (self.maker, self.years, self.country, self.check)
        return "\n".join(label.text() for label in labels if label.text())


#: The vehicle form's groups: (title, translated in context VehicleForm; fields).
VEHICLE_GROUPS: Groups = (
    (QT_TRANSLATE_NOOP("VehicleForm", "Identity"),
     ("vin", "declaration_no", "make", "model", "model_year", "fuel_type", "engine_cc",
      "power_hp")),
    (QT_TRANSLATE_NOOP("VehicleForm", "Dates"),
     ("production_date", "first_registration_date", "export_deregistration_date",
      "export_licence_date", "export_declaration_date", "import_declaration_date")),
    (QT_TRANSLATE_NOOP("VehicleForm", "Condition and value"),
     ("odometer_km", "declared_condition", "declared_value", "currency", "reference_price")),
    (QT_TRANSLATE_NOOP("VehicleForm", "Parties"),
     ("registered_owner", "registered_owner_type", "exporter", "importer", "importer_type",
      "declarant", "destination_country", "border_post")),
    (QT_TRANSLATE_NOOP("VehicleForm", "Documents"),
     ("manufacturer_letter", "manufacturer_letter_issuer", "conformity_doc",
      "conformity_holder", "preferential_fee_claimed")),
)  # fmt: skip
#: The shipment form's groups (titles in context ShipmentForm).
SHIPMENT_GROUPS: Groups = (
    (QT_TRANSLATE_NOOP("ShipmentForm", "Declaration"),
     ("declaration_no", "shipment_ref", "declaration_date", "border_post")),
    (QT_TRANSLATE_NOOP("ShipmentForm", "Transport"),
     ("origin_hub", "carrier", "transport_id", "departure_date", "arrival_date")),
)  # fmt: skip


class VehicleForm(FieldForm):
    """Every declared fact of a vehicle, in groups; the VIN decodes as it is typed."""

    def __init__(self, parent: QWidget | None = None, *, columns: int = 2) -> None:
        groups = [(self.tr(str(title)), names) for title, names in VEHICLE_GROUPS]
        super().__init__(
            VEHICLE_FIELDS, groups=groups, columns=columns, required=("vin",), parent=parent
        )
        self.vin_info = VinInfo(self)
        self.editor("vin").add_info(self.vin_info)
        self._vin_timer = QTimer(self)
        self._vin_timer.setSingleShot(True)
        self._vin_timer.setInterval(VIN_DEBOUNCE_MS)
        self._vin_timer.timeout.connect(self.decode_vin)
        self.editor("vin").edited.connect(self._vin_timer.start)

    def set_values(self, values: Mapping[str, object], *, keep_edits: bool = False) -> None:
        super().set_values(values, keep_edits=keep_edits)
        self.decode_vin()

    def decode_vin(self) -> None:
        """Decode the VIN as it stands now and show what it says."""
        self._vin_timer.stop()
        text = self.editor("vin").text().strip()
        self.vin_info.show_decoding(decode_vin(text) if text else None)


class ShipmentForm(FieldForm):
    """A shipment's declaration, route and dates."""

    def __init__(self, parent: QWidget | None = None, *, columns: int = 2) -> None:
        groups = [(self.tr(str(title)), names) for title, names in SHIPMENT_GROUPS]
        super().__init__(SHIPMENT_FIELDS, groups=groups, columns=columns, parent=parent)
