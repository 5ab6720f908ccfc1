"""Use cases: the only API the TUI and the CLI call. No Textual here."""
