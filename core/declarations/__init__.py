"""Declaration spreadsheets (declarations.md): reading .xlsx/.csv rows into typed facts."""
