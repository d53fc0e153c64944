"""Reports: spreadsheets (and, later, PDF case files and hearing bundles)."""
