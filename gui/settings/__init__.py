"""The settings dialog: store, evidence location, identity, language, jurisdiction."""
