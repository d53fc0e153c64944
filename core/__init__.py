"""ZeroMile Case Desk core: domain model, persistence, services and command line.

This package never imports Qt; the desktop application in ``gui`` calls into it.
"""

from __future__ import annotations

__version__ = "0.1.0"
