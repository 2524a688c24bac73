"""``referrals backup`` and ``referrals doctor``."""

from pathlib import Path
from typing import Annotated

import typer

from infoview_graph.cli._context import open_for_write, store_path
from infoview_graph.cli._options import JsonOpt
from infoview_graph.cli._output import done, emit_json, handle_errors, printable


@handle_errors
def backup(
    file: Annotated[Path, typer.Argument(help="Where to write the copy.", show_default=False)],
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Copy the store to FILE: a consistent snapshot, even while another command writes.

    The copy is private (mode 0600) and appears whole or not at all.

    Example:  referrals backup ~/backups/referrals-2026-11-26.db
    """
    with open_for_write() as store:
        written = store.backup(file, force=force)
    done(f"backed up to {written}")


@handle_errors
def doctor(json_: JsonOpt = False) -> None:
    """Check the store: file mode, schema, integrity, references, records, leftover files.

    Every record is checked against the data model; one that fails is named by its table
    and id, never by its value. Exits with status 1 when a check fails.

    Example:  referrals doctor
    """
    from infoview_graph.store.maintenance import doctor as examine

    health = examine(store_path())
    if json_:
        emit_json({**health.model_dump(mode="json"), "healthy": health.healthy})
    else:
        typer.echo(printable(f"{health.path}"))
        for check in health.checks:
            typer.echo(
                printable(f"  {'ok  ' if check.ok else 'FAIL'} {check.name:<11} {check.detail}")
            )
        counts = ", ".join(f"{n} {table}" for table, n in health.counts.items())
        typer.echo(printable(f"  records: {counts}"))
    if not health.healthy:
        raise typer.Exit(1)
