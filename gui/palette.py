"""The window's one palette: every colour the interface uses, named by its meaning.

Backgrounds are light and text dark, so each pair reads at WCAG AA contrast."""

from __future__ import annotations

#: A refusal, an error, a high-severity finding.
ERROR_BACKGROUND = "#F8D7DA"
ERROR_TEXT = "#8A1C1C"
ERROR_BORDER = "#F5C2C0"
#: A field's own error line.
FIELD_ERROR_TEXT = "#B00020"
#: What needs a look: a warning, a medium-severity finding.
WARNING_BACKGROUND = "#FFF3CD"
WARNING_TEXT = "#5D4300"
WARNING_BORDER = "#F3DC9B"
#: What was done, neutral news, an informational finding.
INFO_BACKGROUND = "#DCEBF7"
INFO_TEXT = "#0B3A5B"
INFO_BORDER = "#B9D4EA"
#: A check that passed.
OK_BACKGROUND = "#E8F5E9"
OK_TEXT = "#1B5E20"
OK_BORDER = "#B7DFB9"
#: Text of a cell that needs a look (a malformed VIN, out-of-date findings).
ATTENTION_TEXT = "#8A4B00"
#: Background of a cell or banner saying findings are out of date.
STALE_BACKGROUND = "#FFE8C2"
#: Dark text on any of the backgrounds above.
TEXT = "#202020"

#: Background of a finding's row by severity.
SEVERITY_BACKGROUNDS = {"high": ERROR_BACKGROUND, "medium": WARNING_BACKGROUND,
                        "info": INFO_BACKGROUND}  # fmt: skip

#: (background, text, border) of each tone of a message.
TONES = {
    "error": (ERROR_BACKGROUND, ERROR_TEXT, ERROR_BORDER),
    "warning": (WARNING_BACKGROUND, WARNING_TEXT, WARNING_BORDER),
    "info": (INFO_BACKGROUND, INFO_TEXT, INFO_BORDER),
    "ok": (OK_BACKGROUND, OK_TEXT, OK_BORDER),
}
