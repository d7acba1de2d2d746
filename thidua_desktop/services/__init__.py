"""Use cases: the only way the UI reads and changes the workbook."""
