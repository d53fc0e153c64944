"""Classification rules: facts, rule packs, logic kinds and the engine (rules.md)."""
