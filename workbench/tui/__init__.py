"""The Textual terminal UI: a thin shell over workbench.services."""
