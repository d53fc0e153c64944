"""Declaration files: the import wizard (into a case) and the screening dialog (no case),
which share the declaration file picker of :mod:`gui.widgets`."""
