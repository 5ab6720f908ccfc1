"""``workbench schema``: check, regenerate or print the SQL schema and the export JSON Schemas.

In a source checkout they live in schema/ and a test compares them with the code. An installed workbench has no
schema/ to check, and must never write one into site-packages: there it prints the files or writes them to
``--out DIR``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from workbench.cli.common import err, out
from workbench.schemas import SCHEMA_DIR, drift, generated_files, in_source_checkout, write_schema

_DIRECTORY = click.Path(file_okay=False, path_type=Path)


@click.command()
@click.option(
    "--write", "mode", flag_value="write", help="Regenerate the files (in schema/ of a source checkout, or in --dir)."
)
@click.option("--check", "mode", flag_value="check", default=True, help="Exit 1 if the files are stale (default).")
@click.option("--print", "mode", flag_value="print", help="Print every file to stdout, each after a ==> name <== line.")
@click.option(
    "--dir",
    "directory",
    type=_DIRECTORY,
    help=f"Where the schema files live (default: {SCHEMA_DIR} in a source checkout).",
)
@click.option("--out", "out_dir", type=_DIRECTORY, help="Write the files to this folder (implies --write).")
def schema(mode: str, directory: Path | None, out_dir: Path | None) -> None:
    """Check, regenerate or print the generated schema: schema.sql and the JSON Schemas of the JSONL records.

    \b
    Examples:
      workbench schema --write          in a source checkout, after changing a migration or an export record
      workbench schema --print          the schema of this installed version, on stdout
      workbench schema --out docs/schema
    """
    if mode == "print":
        for name, content in generated_files().items():
            sys.stdout.write(f"==> {name} <==\n{content}")
        return
    if out_dir is not None:
        mode, directory = "write", out_dir
    if directory is None:
        if not in_source_checkout():
            raise click.UsageError(
                "this workbench is installed, not run from its source checkout, so there is no schema/ folder to "
                f"{mode}; print the schema with `workbench schema --print`, or write it with "
                "`workbench schema --out DIR`"
            )
        directory = SCHEMA_DIR
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
