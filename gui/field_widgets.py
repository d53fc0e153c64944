"""Transitional: the old import path of :mod:`gui.forms.fields`. Deleted at integration."""

from gui.forms.fields import *  # noqa: F403
from gui.forms.fields import field_label, spec_choices  # noqa: F401
