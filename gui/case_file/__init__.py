"""The case file: the export dialog (PDF, workbook, hearing bundle)."""
