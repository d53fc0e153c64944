"""The ZeroMile desktop application (PySide6). It calls ``core`` and holds no business logic.

Importing this package does not import Qt; ``gui.app`` does.
"""
