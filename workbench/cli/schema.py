"""``workbench schema``: regenerate or check the SQL schema and export JSON Schemas in schema/."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from workbench.cli.common import err, out
from workbench.schemas import SCHEMA_DIR, drift, write_schema


@click.command()
@click.option("--write", "mode", flag_value="write", help="Regenerate the files.")
@click.option("--check", "mode", flag_value="check", default=True, help="Exit 1 if the files are stale (default).")
@click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path), default=SCHEMA_DIR,
              show_default=True, help="Where the schema files live.")
def schema(mode: str, directory: Path) -> None:
    """Check or regenerate schema/: schema.sql and the JSON Schemas of the JSONL export records.

    \b
    Example:
      workbench schema --write
    """
    if mode == "write":
        for path in write_schema(directory):
            out.print(f"wrote {path}")
        return
    stale = drift(directory)
    if stale:
        err.print(f"stale schema files in {directory}: {', '.join(stale)}; run `workbench schema --write`")
        sys.exit(1)
    out.print(f"schema files in {directory} are up to date")


COMMANDS = [schema]
